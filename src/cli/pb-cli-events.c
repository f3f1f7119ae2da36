/* pb-cli-events.c: patchbay-cli events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-catalog.h"
#include "pb-cli.h"

static const char *
status_word (PbEventStatus status)
{
  switch (status)
    {
    case PB_EVENT_STATUS_CONFIRMED:
      return "confirmed";
    case PB_EVENT_STATUS_INFERRED:
      return "inferred";
    case PB_EVENT_STATUS_LEARNED:
      return "learned";
    case PB_EVENT_STATUS_CUSTOM:
    default:
      return "custom";
    }
}

static const char *
status_label (PbEventStatus status)
{
  switch (status)
    {
    case PB_EVENT_STATUS_CONFIRMED:
      return _("confirmed");
    case PB_EVENT_STATUS_INFERRED:
      return _("inferred");
    case PB_EVENT_STATUS_LEARNED:
      return _("learned");
    case PB_EVENT_STATUS_CUSTOM:
    default:
      return _("custom");
    }
}

static JsonNode *
event_to_json (PbEventInfo *info)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *label = pb_event_info_dup_display_name (info);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "event");
  json_builder_add_string_value (builder, pb_event_info_get_event (info));
  json_builder_set_member_name (builder, "subject");
  json_builder_add_string_value (builder, pb_event_info_get_subject (info));
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, pb_event_info_get_action (info));
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, label);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status_word (pb_event_info_get_status (info)));
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, pb_event_info_get_description (info));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_events (PbCli     *cli,
              GPtrArray *events)
{
  g_autoptr(PbCliTable) table = NULL;

  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_new ();

      for (guint i = 0; i < events->len; i++)
        json_array_add_element (array, event_to_json (g_ptr_array_index (events, i)));
      json_node_set_array (root, array);
      pb_cli_print_json (root);
      return;
    }

  table = pb_cli_table_new (_("EVENT"), _("LABEL"), _("STATUS"), NULL);
  for (guint i = 0; i < events->len; i++)
    {
      PbEventInfo *info = g_ptr_array_index (events, i);
      g_autofree char *label = pb_event_info_dup_display_name (info);

      pb_cli_table_add_row (table, pb_event_info_get_event (info), label,
                            status_label (pb_event_info_get_status (info)), NULL);
    }
  pb_cli_table_print (table);
}

/* Events seen in webhooks or deliveries belong in the list, as in the app. */
static gboolean
learn_stored_events (PbCli     *cli,
                     PbCatalog *catalog,
                     GError   **error)
{
  g_auto(GStrv) learned = NULL;
  PbStore *store;

  store = pb_cli_get_store (cli, error);
  if (store == NULL)
    return FALSE;

  learned = pb_store_list_learned_events (store, error);
  if (learned == NULL)
    return FALSE;

  for (guint i = 0; learned[i] != NULL; i++)
    if (learned[i][0] != '\0')
      pb_catalog_learn (catalog, learned[i]);

  return TRUE;
}

gboolean
pb_cli_events (PbCli    *cli,
               GStrv     args,
               GError  **error)
{
  g_autofree char *search = NULL;
  const GOptionEntry entries[] = {
    { "search", 's', 0, G_OPTION_ARG_STRING, &search,
      N_("Show only events whose labels or description contain all WORDS"), N_("WORDS") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) events = NULL;
  PbCatalog *catalog = pb_catalog_get_default ();

  context = pb_cli_context_new (cli, "events",
                                _("List the events a webhook can listen to."),
                                _("The catalog of Current RMS events, with those seen in "
                                  "webhooks or deliveries but missing from it. The status says "
                                  "whether Current RMS documents the event (confirmed), it "
                                  "follows from the naming rules (inferred) or it was seen "
                                  "(learned)."),
                                entries);
  if (!pb_cli_parse (context, &args, error))
    return FALSE;
  if (args[1] != NULL)
    return pb_cli_usage_error (error, _("“events” takes no arguments; use --search WORDS"));

  if (!learn_stored_events (cli, catalog, error))
    return FALSE;

  events = pb_catalog_search (catalog, search);
  print_events (cli, events);
  return TRUE;
}

/* pb-cli-transfer.c: patchbay-cli webhooks export and import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-cli.h"
#include "pb-error.h"

typedef enum
{
  STEP_CREATE,
  STEP_UPDATE,
  STEP_DELETE,
  STEP_UNCHANGED,
} StepKind;

typedef struct
{
  StepKind         kind;
  PbWebhook       *webhook;  /* the values to send, or the webhook to delete */
  PbWebhookFields  fields;
} Step;

static void
step_free (Step *step)
{
  g_clear_object (&step->webhook);
  g_free (step);
}

static Step *
step_new (StepKind         kind,
          PbWebhook       *webhook,
          PbWebhookFields  fields)
{
  Step *step = g_new0 (Step, 1);

  step->kind = kind;
  step->webhook = g_object_ref (webhook);
  step->fields = fields;
  return step;
}

/* The session's list, rather than the cache, since it holds the webhooks
 * exactly as the API sent them. */
static JsonNode *
session_webhooks_to_json (PbCli *cli)
{
  GListModel *model = pb_account_session_get_webhooks (cli->session);
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *root = json_node_new (JSON_NODE_ARRAY);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PbWebhook) webhook = g_list_model_get_item (model, i);

      json_array_add_element (array, pb_webhook_to_json (webhook));
    }
  json_node_set_array (root, array);

  return root;
}

gboolean
pb_cli_webhooks_export (PbCli    *cli,
                        GStrv     args,
                        GError  **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  context = pb_cli_context_new (cli, _("webhooks export [FILE]"),
                                _("Write the account’s webhooks as a JSON array."),
                                _("Every attribute is kept, those Patchbay does not use "
                                  "included, so that “webhooks import” can restore them. "
                                  "Without FILE the array goes to standard output. The file "
                                  "holds the full target URLs, secrets included."),
                                NULL);
  if (!pb_cli_parse (context, &args, error))
    return FALSE;
  if (args[1] != NULL && args[2] != NULL)
    return pb_cli_usage_error (error, _("“webhooks export” takes at most one FILE"));

  if (!pb_cli_refresh (cli, error))
    return FALSE;

  root = session_webhooks_to_json (cli);
  text = json_to_string (root, TRUE);

  if (args[1] == NULL || g_str_equal (args[1], "-"))
    {
      g_print ("%s\n", text);
      return TRUE;
    }

  return g_file_set_contents_full (args[1], text, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0600, error);
}

static GPtrArray *
read_import_file (const char  *path,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) webhooks = g_ptr_array_new_with_free_func (g_object_unref);
  JsonNode *root;
  JsonArray *array;

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, PB_ERROR, PB_ERROR_INVALID_INPUT,
                   _("“%s” does not hold a JSON array of webhooks"), path);
      return NULL;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) local_error = NULL;
      PbWebhook *webhook = pb_webhook_new_from_json (json_array_get_element (array, i),
                                                     &local_error);

      if (webhook == NULL)
        {
          g_set_error (error, PB_ERROR, PB_ERROR_INVALID_INPUT,
                       _("Element %u of “%s” is not a webhook: %s"), i + 1, path,
                       local_error->message);
          return NULL;
        }
      g_ptr_array_add (webhooks, webhook);
    }

  return g_steal_pointer (&webhooks);
}

static PbWebhook *
take_match (GPtrArray *unmatched,
            PbWebhook *wanted)
{
  gint64 id = pb_webhook_get_id (wanted);

  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < unmatched->len; i++)
        {
          PbWebhook *current = g_ptr_array_index (unmatched, i);
          gboolean same = pass == 0
            ? (id > 0 && pb_webhook_get_id (current) == id)
            : (g_strcmp0 (pb_webhook_get_name (current), pb_webhook_get_name (wanted)) == 0 &&
               g_strcmp0 (pb_webhook_get_event (current), pb_webhook_get_event (wanted)) == 0);

          if (same)
            return g_ptr_array_steal_index (unmatched, i);
        }
    }

  return NULL;
}

/* Matches each imported webhook to a current one, by id and else by name and
 * event, and decides what to do with it. */
static GPtrArray *
build_plan (GPtrArray  *current,
            GPtrArray  *wanted,
            gboolean    prune,
            GError    **error)
{
  g_autoptr(GPtrArray) plan = g_ptr_array_new_with_free_func ((GDestroyNotify)step_free);
  g_autoptr(GPtrArray) unmatched = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < current->len; i++)
    g_ptr_array_add (unmatched, g_object_ref (g_ptr_array_index (current, i)));

  for (guint i = 0; i < wanted->len; i++)
    {
      PbWebhook *webhook = g_ptr_array_index (wanted, i);
      g_autoptr(PbWebhook) match = take_match (unmatched, webhook);
      g_autoptr(PbWebhook) values = pb_webhook_copy (webhook);
      PbWebhookFields fields;

      if (!pb_cli_check_webhook (webhook, error))
        return NULL;

      if (match == NULL)
        {
          pb_webhook_set_id (values, 0);
          g_ptr_array_add (plan, step_new (STEP_CREATE, values, PB_WEBHOOK_FIELD_ALL));
          continue;
        }

      pb_webhook_set_id (values, pb_webhook_get_id (match));
      fields = pb_webhook_diff (match, values);
      g_ptr_array_add (plan, step_new (fields ? STEP_UPDATE : STEP_UNCHANGED, values, fields));
    }

  for (guint i = 0; prune && i < unmatched->len; i++)
    g_ptr_array_add (plan, step_new (STEP_DELETE, g_ptr_array_index (unmatched, i), 0));

  return g_steal_pointer (&plan);
}

static const char *
step_name (StepKind kind)
{
  switch (kind)
    {
    case STEP_CREATE:
      return "create";
    case STEP_UPDATE:
      return "update";
    case STEP_DELETE:
      return "delete";
    case STEP_UNCHANGED:
    default:
      return "unchanged";
    }
}

static JsonNode *
step_to_json (Step *step)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *fields = pb_cli_describe_fields (step->fields);
  g_autofree char *url = pb_webhook_dup_redacted_url (pb_webhook_get_target_url (step->webhook));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, step_name (step->kind));
  json_builder_set_member_name (builder, "id");
  if (pb_webhook_get_id (step->webhook) > 0)
    json_builder_add_int_value (builder, pb_webhook_get_id (step->webhook));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, pb_webhook_get_name (step->webhook));
  json_builder_set_member_name (builder, "event");
  json_builder_add_string_value (builder, pb_webhook_get_event (step->webhook));
  json_builder_set_member_name (builder, "target_url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "fields");
  json_builder_add_string_value (builder, fields);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_plan (PbCli     *cli,
            GPtrArray *plan)
{
  g_autoptr(PbCliTable) table = NULL;

  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_new ();

      for (guint i = 0; i < plan->len; i++)
        json_array_add_element (array, step_to_json (g_ptr_array_index (plan, i)));
      json_node_set_array (root, array);
      pb_cli_print_json (root);
      return;
    }

  table = pb_cli_table_new (_("PLAN"), _("ID"), _("EVENT"), _("NAME"), _("CHANGES"), NULL);
  for (guint i = 0; i < plan->len; i++)
    {
      Step *step = g_ptr_array_index (plan, i);
      g_autofree char *fields = pb_cli_describe_fields (step->fields);
      g_autofree char *id = NULL;

      if (pb_webhook_get_id (step->webhook) > 0)
        id = g_strdup_printf ("%" G_GINT64_FORMAT, pb_webhook_get_id (step->webhook));
      pb_cli_table_add_row (table, step_name (step->kind), id ? id : "-",
                            pb_webhook_get_event (step->webhook),
                            pb_webhook_get_name (step->webhook),
                            step->kind == STEP_UPDATE ? fields : "", NULL);
    }
  pb_cli_table_print (table);
}

static gboolean
apply_step (PbCli   *cli,
            Step    *step,
            GError **error)
{
  switch (step->kind)
    {
    case STEP_CREATE:
      return pb_cli_run_create (cli, step->webhook, NULL, error);
    case STEP_UPDATE:
      return pb_cli_run_update (cli, step->webhook, step->fields, error);
    case STEP_DELETE:
      return pb_cli_run_delete (cli, pb_webhook_get_id (step->webhook), error);
    case STEP_UNCHANGED:
    default:
      return TRUE;
    }
}

static gboolean
apply_plan (PbCli      *cli,
            GPtrArray  *plan,
            GError    **error)
{
  guint counts[STEP_UNCHANGED + 1] = { 0, };

  for (guint i = 0; i < plan->len; i++)
    {
      Step *step = g_ptr_array_index (plan, i);

      if (!apply_step (cli, step, error))
        {
          g_prefix_error (error, _("Stopped at “%s” after %u of %u changes: "),
                          pb_webhook_get_name (step->webhook), i, plan->len);
          return FALSE;
        }
      counts[step->kind]++;
    }

  g_printerr (_("Applied: %u created, %u updated, %u deleted, %u unchanged.\n"),
              counts[STEP_CREATE], counts[STEP_UPDATE], counts[STEP_DELETE],
              counts[STEP_UNCHANGED]);
  return TRUE;
}

gboolean
pb_cli_webhooks_import (PbCli    *cli,
                        GStrv     args,
                        GError  **error)
{
  gboolean dry_run = FALSE;
  gboolean prune = FALSE;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Print the plan; change nothing"), NULL },
    { "prune", 0, 0, G_OPTION_ARG_NONE, &prune,
      N_("Delete the webhooks that FILE does not hold"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(GPtrArray) current = NULL;
  g_autoptr(GPtrArray) plan = NULL;

  context = pb_cli_context_new (cli, _("webhooks import FILE"),
                                _("Make the account’s webhooks match a JSON array."),
                                _("Each webhook in FILE is matched to one on the account by "
                                  "id, else by name and event, then created, updated or left "
                                  "unchanged; with --prune the others are deleted. The plan is "
                                  "printed first; --dry-run stops there."),
                                entries);
  if (!pb_cli_parse (context, &args, error))
    return FALSE;
  if (args[1] == NULL || args[2] != NULL)
    return pb_cli_usage_error (error, _("“webhooks import” takes one FILE"));

  wanted = read_import_file (args[1], error);
  if (wanted == NULL || !pb_cli_refresh (cli, error))
    return FALSE;

  current = pb_cli_list_cached_webhooks (cli, error);
  plan = current ? build_plan (current, wanted, prune, error) : NULL;
  if (plan == NULL)
    return FALSE;

  print_plan (cli, plan);
  if (dry_run)
    return TRUE;

  return apply_plan (cli, plan, error);
}

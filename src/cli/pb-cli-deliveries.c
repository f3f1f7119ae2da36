/* pb-cli-deliveries.c: patchbay-cli listen and deliveries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-cli"

#include "config.h"

#include <stdio.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "pb-cli.h"
#include "pb-error.h"
#include "pb-replay.h"

/* How often --simulator fires a sample delivery while listening. */
#define SIMULATOR_LISTEN_INTERVAL_MS 3000

static void
on_delivery (PbReceiver *receiver,
             PbDelivery *delivery,
             gpointer    user_data)
{
  g_autoptr(JsonNode) node = pb_cli_delivery_to_json (delivery);
  g_autofree char *line = json_to_string (node, FALSE);

  /* A script reads these as they come, so none may wait in a buffer. */
  g_print ("%s\n", line);
  fflush (stdout);
}

static gboolean
on_stop_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
start_listening (PbCli       *cli,
                 const char  *address,
                 int          port,
                 GError     **error)
{
  PbReceiver *receiver = pb_cli_get_receiver (cli, error);

  if (receiver == NULL)
    return FALSE;

  if (address != NULL)
    pb_receiver_set_address (receiver, address);
  if (port >= 0)
    pb_receiver_set_port (receiver, (guint)port);
  if (!pb_receiver_start (receiver, error))
    return FALSE;

  if (pb_receiver_get_port_fell_back (receiver))
    g_printerr (_("%s: port %u is taken; listening on port %u instead\n"), g_get_prgname (),
                pb_receiver_get_port (receiver), pb_receiver_get_bound_port (receiver));

  /* The demo's webhooks need the bound port, so it starts after the receiver. */
  return !cli->simulator || pb_cli_start_demo (cli, SIMULATOR_LISTEN_INTERVAL_MS, error);
}

gboolean
pb_cli_listen (PbCli    *cli,
               GStrv     args,
               GError  **error)
{
  g_autofree char *address = NULL;
  int port = -1;
  const GOptionEntry entries[] = {
    { "address", 0, 0, G_OPTION_ARG_STRING, &address,
      N_("Listen on this address (127.0.0.1 unless set otherwise)"), N_("ADDRESS") },
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("Listen on this port; 0 lets the system choose"), N_("PORT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  guint sigint_id;
  guint sigterm_id;
  gulong handler_id;

  context = pb_cli_context_new (cli, "listen", _("Receive deliveries until interrupted."),
                                _("The first line printed is the URL that takes deliveries; "
                                  "each delivery then prints one line of JSON. SIGINT or "
                                  "SIGTERM stops the receiver cleanly."),
                                entries);
  if (!pb_cli_parse (context, &args, error))
    return FALSE;
  if (args[1] != NULL)
    return pb_cli_usage_error (error, _("“listen” takes no arguments"));
  if (port > 65535)
    return pb_cli_usage_error (error, _("--port must be between 0 and 65535"));

  if (!start_listening (cli, address, port, error))
    return FALSE;

  token = pb_store_dup_inbox_token (cli->store, error);
  if (token == NULL)
    return FALSE;
  url = pb_receiver_dup_url (cli->receiver, token);
  g_print ("%s\n", url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  handler_id = g_signal_connect (cli->receiver, "delivery", G_CALLBACK (on_delivery), NULL);
  sigint_id = g_unix_signal_add (SIGINT, on_stop_signal, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, on_stop_signal, loop);

  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_signal_handler_disconnect (cli->receiver, handler_id);
  pb_receiver_stop (cli->receiver);

  return TRUE;
}

static gboolean
parse_delivery_id (const char  *text,
                   gint64      *id,
                   GError     **error)
{
  guint64 value = 0;

  if (text == NULL ||
      !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return pb_cli_usage_error (error, _("“%s” is not a delivery id"), text ? text : "");

  *id = (gint64)value;
  return TRUE;
}

/* Deliveries are local, so no account is needed unless --account asks for
 * one; then only that account's deliveries are shown. */
static gboolean
scope_query (PbCli            *cli,
             PbDeliveryQuery  *query,
             GError          **error)
{
  g_autoptr(PbAccount) account = NULL;

  if (pb_cli_get_store (cli, error) == NULL)
    return FALSE;
  if (cli->account_name == NULL)
    return TRUE;

  account = pb_cli_resolve_account (cli, error);
  if (account == NULL)
    return FALSE;

  query->account_id = pb_account_get_id (account);
  return TRUE;
}

static void
print_deliveries (PbCli     *cli,
                  GPtrArray *deliveries)
{
  g_autoptr(PbCliTable) table = NULL;

  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_new ();

      for (guint i = 0; i < deliveries->len; i++)
        json_array_add_element (array, pb_cli_delivery_to_json (g_ptr_array_index (deliveries,
                                                                                   i)));
      json_node_set_array (root, array);
      pb_cli_print_json (root);
      return;
    }

  table = pb_cli_table_new (_("ID"), _("RECEIVED"), _("EVENT"), _("RECORD"), _("STATUS"),
                            _("NOTE"), NULL);
  for (guint i = 0; i < deliveries->len; i++)
    {
      PbDelivery *delivery = g_ptr_array_index (deliveries, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, pb_delivery_get_id (delivery));
      g_autofree char *received = pb_cli_format_time (pb_delivery_get_received_at (delivery));
      g_autofree char *record = pb_delivery_dup_record_label (delivery);
      g_autofree char *status = g_strdup_printf ("%u", pb_delivery_get_status_code (delivery));
      const char *note = "";

      if (!pb_delivery_get_valid (delivery))
        note = _("invalid");
      else if (pb_delivery_get_is_retry (delivery))
        note = _("retry");

      pb_cli_table_add_row (table, id, received, pb_delivery_get_event (delivery), record,
                            status, note, NULL);
    }
  pb_cli_table_print (table);
}

static gboolean
run_query (PbCli                  *cli,
           const PbDeliveryQuery  *query,
           GError                **error)
{
  g_autoptr(GPtrArray) deliveries = NULL;

  deliveries = pb_store_list_deliveries (cli->store, query, error);
  if (deliveries == NULL)
    return FALSE;

  print_deliveries (cli, deliveries);
  return TRUE;
}

static gboolean
deliveries_list (PbCli    *cli,
                 GStrv     args,
                 GError  **error)
{
  g_autofree char *event = NULL;
  int limit = 0;
  const GOptionEntry entries[] = {
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Show at most N deliveries"), N_("N") },
    { "event", 'e', 0, G_OPTION_ARG_STRING, &event, N_("Show only this event"), N_("EVENT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  PbDeliveryQuery query = { 0, };

  context = pb_cli_context_new (cli, "deliveries list",
                                _("List the deliveries received, newest first."), NULL, entries);
  if (!pb_cli_parse (context, &args, error))
    return FALSE;
  if (args[1] != NULL)
    return pb_cli_usage_error (error, _("“deliveries list” takes no arguments"));
  if (limit < 0)
    return pb_cli_usage_error (error, _("--limit must be 0 or more"));

  query.event = event;
  query.limit = (guint)limit;
  return scope_query (cli, &query, error) && run_query (cli, &query, error);
}

static gboolean
deliveries_search (PbCli    *cli,
                   GStrv     args,
                   GError  **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *words = NULL;
  PbDeliveryQuery query = { 0, };

  context = pb_cli_context_new (cli, _("deliveries search WORDS…"),
                                _("Find deliveries whose payload contains all WORDS."),
                                NULL, NULL);
  if (!pb_cli_parse (context, &args, error))
    return FALSE;
  if (args[1] == NULL)
    return pb_cli_usage_error (error, _("“deliveries search” needs WORDS"));

  words = g_strjoinv (" ", args + 1);
  query.text = words;
  return scope_query (cli, &query, error) && run_query (cli, &query, error);
}

static PbDelivery *
load_delivery (PbCli       *cli,
               const char  *text,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  PbDelivery *delivery;
  gint64 id = 0;

  if (!parse_delivery_id (text, &id, error) || pb_cli_get_store (cli, error) == NULL)
    return NULL;

  delivery = pb_store_get_delivery (cli->store, id, &local_error);
  if (delivery != NULL)
    return delivery;

  if (local_error != NULL && !g_error_matches (local_error, PB_ERROR, PB_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, PB_ERROR, PB_ERROR_NOT_FOUND, _("There is no delivery %s"), text);

  return NULL;
}

static void
print_delivery_json (PbDelivery *delivery)
{
  g_autoptr(JsonNode) node = pb_cli_delivery_to_json (delivery);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = json_node_get_object (node);
  GBytes *body = pb_delivery_get_body (delivery);
  gsize size = 0;
  const char *data = body ? g_bytes_get_data (body, &size) : NULL;

  if (pb_delivery_get_problem (delivery) != NULL)
    json_object_set_string_member (object, "problem", pb_delivery_get_problem (delivery));

  if (data != NULL && json_parser_load_from_data (parser, data, size, NULL) &&
      json_parser_get_root (parser) != NULL)
    json_object_set_member (object, "body", json_node_copy (json_parser_get_root (parser)));
  else
    {
      g_autofree char *text = g_utf8_make_valid (data ? data : "", size);

      json_object_set_string_member (object, "body", text);
    }

  pb_cli_print_json (node);
}

static void
print_delivery (PbDelivery *delivery)
{
  g_autofree char *received = pb_cli_format_time (pb_delivery_get_received_at (delivery));
  g_autofree char *record = pb_delivery_dup_record_label (delivery);
  g_autofree char *summary = pb_delivery_describe (delivery, pb_catalog_get_default ());
  g_autofree char *body = pb_delivery_dup_pretty_body (delivery);

  g_print ("%-12s %" G_GINT64_FORMAT "\n", _("Id:"), pb_delivery_get_id (delivery));
  g_print ("%-12s %s\n", _("Received:"), received);
  g_print ("%-12s %s\n", _("Event:"), pb_delivery_get_event (delivery));
  g_print ("%-12s %s\n", _("Record:"), record);
  g_print ("%-12s %s\n", _("Summary:"), summary);
  g_print ("%-12s %u\n", _("Answered:"), pb_delivery_get_status_code (delivery));
  g_print ("%-12s %s\n", _("Retry:"), pb_delivery_get_is_retry (delivery) ? _("yes") : _("no"));
  if (!pb_delivery_get_valid (delivery))
    g_print ("%-12s %s\n", _("Problem:"), pb_delivery_get_problem (delivery));
  g_print ("\n%s\n", body);
}

static gboolean
deliveries_show (PbCli    *cli,
                 GStrv     args,
                 GError  **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PbDelivery) delivery = NULL;

  context = pb_cli_context_new (cli, _("deliveries show ID"),
                                _("Show one delivery with its payload."), NULL, NULL);
  if (!pb_cli_parse (context, &args, error))
    return FALSE;
  if (args[1] == NULL || args[2] != NULL)
    return pb_cli_usage_error (error, _("“deliveries show” takes one delivery ID"));

  delivery = load_delivery (cli, args[1], error);
  if (delivery == NULL)
    return FALSE;

  if (cli->json)
    print_delivery_json (delivery);
  else
    print_delivery (delivery);
  return TRUE;
}

static PbReplayResult *
send_replay (PbCli       *cli,
             PbDelivery  *delivery,
             const char  *url,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_replay_async (pb_cli_get_soup_session (cli), delivery, url, NULL,
                   pb_cli_async_done, &result);
  return pb_replay_finish (pb_cli_await (&result), error);
}

static void
print_replay_json (PbReplayResult *replay)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, replay->status);
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, replay->reason ? replay->reason : "");
  json_builder_set_member_name (builder, "elapsed_ms");
  json_builder_add_int_value (builder, replay->elapsed_usec / 1000);
  json_builder_set_member_name (builder, "content_type");
  if (replay->content_type != NULL)
    json_builder_add_string_value (builder, replay->content_type);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "truncated");
  json_builder_add_boolean_value (builder, replay->truncated);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  pb_cli_print_json (root);
}

static gboolean
report_replay (PbCli           *cli,
               PbReplayResult  *replay,
               const char      *url,
               GError         **error)
{
  const char *reason = replay->reason ? replay->reason : "";

  if (cli->json)
    print_replay_json (replay);
  else
    {
      g_autofree char *redacted = pb_webhook_dup_redacted_url (url);

      g_print (_("%s answered %u %s\n"), redacted, replay->status, reason);
    }

  if (replay->status >= 200 && replay->status < 300)
    return TRUE;

  g_set_error (error, PB_ERROR, PB_ERROR_FAILED,
               _("The URL did not accept the delivery (it answered %u %s)"),
               replay->status, reason);
  return FALSE;
}

static gboolean
deliveries_replay (PbCli    *cli,
                   GStrv     args,
                   GError  **error)
{
  g_autofree char *url = NULL;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &url, N_("Send the delivery to this URL"), N_("URL") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PbDelivery) delivery = NULL;
  g_autoptr(PbReplayResult) replay = NULL;

  context = pb_cli_context_new (cli, _("deliveries replay ID --to URL"),
                                _("Send a stored delivery again, as Current RMS sent it."),
                                NULL, entries);
  if (!pb_cli_parse (context, &args, error))
    return FALSE;
  if (args[1] == NULL || args[2] != NULL || url == NULL)
    return pb_cli_usage_error (error,
                               _("“deliveries replay” takes one delivery ID and --to URL"));
  if (!pb_webhook_check_target_url (url, NULL, error))
    return FALSE;

  delivery = load_delivery (cli, args[1], error);
  if (delivery == NULL)
    return FALSE;

  replay = send_replay (cli, delivery, url, error);
  return replay != NULL && report_replay (cli, replay, url, error);
}

static const PbCliCommand commands[] = {
  { "list", deliveries_list },
  { "search", deliveries_search },
  { "show", deliveries_show },
  { "replay", deliveries_replay },
  { NULL, NULL },
};

gboolean
pb_cli_deliveries (PbCli    *cli,
                   GStrv     args,
                   GError  **error)
{
  return pb_cli_dispatch (cli, "deliveries",
                          _("Look through the deliveries the receiver has taken."),
                          commands, args, error);
}

/* test-cli.c: patchbay-cli, run end to end against the simulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>

#include "pb-secrets.h"
#include "pb-simulator.h"
#include "pb-test-core.h"

#define SUBDOMAIN "acme"
#define API_KEY "right-key"
#define TIMEOUT_SECONDS 30

typedef struct
{
  PbSimulator *simulator;
  char        *api_base;
  char        *cli;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->simulator = pb_simulator_new (SUBDOMAIN, API_KEY);
  g_assert_true (pb_simulator_start (f->simulator, &error));
  g_assert_no_error (error);
  f->api_base = pb_simulator_dup_api_base (f->simulator);
  f->cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "patchbay-cli", NULL);

  pb_simulator_add_webhook (f->simulator, "Orders to ERP", "opportunity_convert_to_order",
                            "https://erp.example.com/hooks/abcdefgh", TRUE);
  pb_simulator_add_webhook (f->simulator, "New invoices", "invoice_create",
                            "https://books.example.com/in", FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pb_simulator_stop (f->simulator);
  g_clear_object (&f->simulator);
  g_clear_pointer (&f->api_base, g_free);
  g_clear_pointer (&f->cli, g_free);
}

/* With a %NULL @key the tool gets no account from the environment, so it
 * must use the accounts set up in its store and the keyring. */
static GSubprocessLauncher *
new_launcher (const char     *key,
              GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  if (key != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "PATCHBAY_SUBDOMAIN", SUBDOMAIN, TRUE);
      g_subprocess_launcher_setenv (launcher, "PATCHBAY_API_KEY", key, TRUE);
    }
  else
    {
      g_subprocess_launcher_unsetenv (launcher, "PATCHBAY_SUBDOMAIN");
      g_subprocess_launcher_unsetenv (launcher, "PATCHBAY_API_KEY");
    }
  g_subprocess_launcher_unsetenv (launcher, "PATCHBAY_API_BASE");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);

  return launcher;
}

static GStrv
build_argv (Fixture    *f,
            const char *first,
            va_list     args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, f->cli);
  g_strv_builder_add (builder, "--api-base");
  g_strv_builder_add (builder, f->api_base);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_strv_builder_add (builder, arg);

  return g_strv_builder_end (builder);
}

typedef struct
{
  gboolean  done;
  char     *out;
  char     *err;
} Communication;

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Communication *c = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &c->out, &c->err,
                                        &error);
  g_assert_no_error (error);
  c->done = TRUE;
}

static void
run_cli_va (Fixture    *f,
            Run        *run,
            const char *key,
            const char *input,
            const char *first,
            va_list     args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  Communication c = { FALSE, NULL, NULL };

  argv = build_argv (f, first, args);

  launcher = new_launcher (key, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                G_SUBPROCESS_FLAGS_STDIN_PIPE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (process, input, NULL, on_communicated, &c);
  PB_TEST_WAIT_FOR (c.done, TIMEOUT_SECONDS);

  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  run->out = c.out;
  run->err = c.err;
  g_test_message ("%s -> %d\nstdout: %s\nstderr: %s", argv[3], run->status, run->out, run->err);
}

static void
run_cli_with_key (Fixture    *f,
                  Run        *run,
                  const char *key,
                  const char *first,
                  ...)
{
  va_list args;

  va_start (args, first);
  run_cli_va (f, run, key, NULL, first, args);
  va_end (args);
}

/* Runs the tool with @input on its standard input and no account in its
 * environment. */
static void
run_cli_with_input (Fixture    *f,
                    Run        *run,
                    const char *input,
                    const char *first,
                    ...)
{
  va_list args;

  va_start (args, first);
  run_cli_va (f, run, NULL, input, first, args);
  va_end (args);
}

#define run_cli(f, run, ...) run_cli_with_key (f, run, API_KEY, __VA_ARGS__)

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static guint
json_array_length_of (const char *text)
{
  g_autoptr(JsonNode) node = parse_json (text);

  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_array_get_length (json_node_get_array (node));
}

static gint64
first_simulator_id (Fixture *f)
{
  g_autoptr(GPtrArray) webhooks = pb_simulator_list_webhooks (f->simulator);

  g_assert_cmpuint (webhooks->len, >, 0);
  return pb_webhook_get_id (g_ptr_array_index (webhooks, 0));
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Run) main_help = { 0, };
  g_auto(Run) list_help = { 0, };
  g_auto(Run) group_help = { 0, };
  g_auto(Run) no_command = { 0, };
  g_auto(Run) unknown = { 0, };
  g_auto(Run) bad_id = { 0, };
  g_auto(Run) bad_option = { 0, };

  run_cli (f, &main_help, "--help", NULL);
  g_assert_cmpint (main_help.status, ==, 0);
  g_assert_nonnull (strstr (main_help.out, "Exit status"));
  g_assert_nonnull (strstr (main_help.out, "webhooks"));

  run_cli (f, &list_help, "webhooks", "list", "--help", NULL);
  g_assert_cmpint (list_help.status, ==, 0);
  g_assert_nonnull (strstr (list_help.out, "--cached"));

  run_cli (f, &group_help, "deliveries", "--help", NULL);
  g_assert_cmpint (group_help.status, ==, 0);
  g_assert_nonnull (strstr (group_help.out, "deliveries replay"));

  run_cli (f, &no_command, "webhooks", NULL);
  g_assert_cmpint (no_command.status, ==, 2);
  g_assert_true (g_str_has_prefix (no_command.err, "patchbay-cli: "));

  run_cli (f, &unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);

  run_cli (f, &bad_id, "webhooks", "show", "twelve", NULL);
  g_assert_cmpint (bad_id.status, ==, 2);

  run_cli (f, &bad_option, "webhooks", "list", "--no-such-option", NULL);
  g_assert_cmpint (bad_option.status, ==, 2);
}

static char *
lookup_stored_key (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *key;

  key = pb_secrets_lookup_sync (SUBDOMAIN, f->api_base, NULL, &error);
  g_assert_no_error (error);

  return key;
}

static void
assert_secret_hidden (Run        *run,
                      const char *key)
{
  g_assert_null (strstr (run->out, key));
  g_assert_null (strstr (run->err, key));
}

static void
test_accounts_add_remove (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(Run) refused = { 0, };
  g_auto(Run) added = { 0, };
  g_auto(Run) again = { 0, };
  g_auto(Run) listed = { 0, };
  g_auto(Run) used = { 0, };
  g_auto(Run) removed = { 0, };
  g_auto(Run) emptied = { 0, };
  g_auto(Run) gone = { 0, };
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *refused_key = NULL;
  g_autofree char *added_key = NULL;
  g_autofree char *kept_key = NULL;
  g_autofree char *removed_key = NULL;
  JsonObject *account;

  if (!pb_test_require_keyring ())
    return;

  run_cli_with_input (f, &refused, "wrong-key\n", "accounts", "add", SUBDOMAIN, NULL);
  g_assert_cmpint (refused.status, ==, 3);
  assert_secret_hidden (&refused, "wrong-key");
  refused_key = lookup_stored_key (f);
  g_assert_null (refused_key);

  run_cli_with_input (f, &added, "  " API_KEY "  \n", "accounts", "add", SUBDOMAIN,
                      "--label", "Acme Rentals", NULL);
  g_assert_cmpint (added.status, ==, 0);
  assert_secret_hidden (&added, API_KEY);
  added_key = lookup_stored_key (f);
  g_assert_cmpstr (added_key, ==, API_KEY);

  run_cli_with_input (f, &listed, NULL, "--json", "accounts", "list", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  assert_secret_hidden (&listed, API_KEY);
  node = parse_json (listed.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
  account = json_array_get_object_element (json_node_get_array (node), 0);
  g_assert_cmpstr (json_object_get_string_member (account, "subdomain"), ==, SUBDOMAIN);
  g_assert_cmpstr (json_object_get_string_member (account, "label"), ==, "Acme Rentals");
  g_assert_false (json_object_get_boolean_member (account, "demo"));

  /* With nothing in its environment the tool finds the key in the keyring. */
  run_cli_with_input (f, &used, NULL, "--json", "webhooks", "list", NULL);
  g_assert_cmpint (used.status, ==, 0);
  g_assert_cmpuint (json_array_length_of (used.out), ==, 2);

  /* Adding it again is refused and leaves the stored key alone. */
  run_cli_with_input (f, &again, "another-key\n", "accounts", "add", SUBDOMAIN, NULL);
  g_assert_cmpint (again.status, ==, 5);
  kept_key = lookup_stored_key (f);
  g_assert_cmpstr (kept_key, ==, API_KEY);

  run_cli_with_input (f, &removed, NULL, "accounts", "remove", SUBDOMAIN, NULL);
  g_assert_cmpint (removed.status, ==, 0);
  g_assert_cmpstr (removed.err, ==, "");
  removed_key = lookup_stored_key (f);
  g_assert_null (removed_key);

  run_cli_with_input (f, &emptied, NULL, "--json", "accounts", "list", NULL);
  g_assert_cmpint (emptied.status, ==, 0);
  g_assert_cmpuint (json_array_length_of (emptied.out), ==, 0);

  run_cli_with_input (f, &gone, NULL, "accounts", "remove", SUBDOMAIN, NULL);
  g_assert_cmpint (gone.status, ==, 4);
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Run) json = { 0, };
  g_auto(Run) table = { 0, };
  g_auto(Run) limited = { 0, };
  g_auto(Run) searched = { 0, };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *first;

  run_cli (f, &json, "--json", "webhooks", "list", NULL);
  g_assert_cmpint (json.status, ==, 0);
  node = parse_json (json.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 2);
  first = json_array_get_object_element (json_node_get_array (node), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "Orders to ERP");
  /* Printed URLs never carry the whole token. */
  g_assert_null (strstr (json.out, "abcdefgh"));

  run_cli (f, &table, "webhooks", "list", NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_true (g_str_has_prefix (table.out, "ID"));
  g_assert_nonnull (strstr (table.out, "New invoices"));
  g_assert_nonnull (strstr (table.out, "opportunity_convert_to_order"));

  run_cli (f, &limited, "webhooks", "list", "--json", "--limit", "1", NULL);
  g_assert_cmpint (limited.status, ==, 0);
  g_assert_cmpuint (json_array_length_of (limited.out), ==, 1);

  run_cli (f, &searched, "webhooks", "list", "--json", "--search", "invoice", NULL);
  g_assert_cmpint (searched.status, ==, 0);
  g_assert_cmpuint (json_array_length_of (searched.out), ==, 1);
  g_assert_nonnull (strstr (searched.out, "New invoices"));
}

static void
test_create_show_update_delete (Fixture       *f,
                                gconstpointer  data)
{
  g_auto(Run) create = { 0, };
  g_auto(Run) show = { 0, };
  g_auto(Run) update = { 0, };
  g_auto(Run) remove = { 0, };
  g_auto(Run) gone = { 0, };
  g_autoptr(JsonNode) node = NULL;
  PbWebhook *stored;
  g_autofree char *id = NULL;

  run_cli (f, &create, "--json", "webhooks", "create", "--name", "Dispatch board",
           "--event", "opportunity_book_out", "--url", "https://board.example.com/in",
           NULL);
  g_assert_cmpint (create.status, ==, 0);
  node = parse_json (create.out);
  id = g_strdup_printf ("%" G_GINT64_FORMAT,
                        json_object_get_int_member (json_node_get_object (node), "id"));
  stored = pb_simulator_lookup_webhook (f->simulator, g_ascii_strtoll (id, NULL, 10));
  g_assert_nonnull (stored);
  g_assert_cmpstr (pb_webhook_get_event (stored), ==, "opportunity_book_out");
  g_assert_true (pb_webhook_get_active (stored));

  run_cli (f, &show, "webhooks", "show", id, NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "Dispatch board"));

  run_cli (f, &update, "webhooks", "update", id, "--name", "Warehouse board", "--inactive",
           NULL);
  g_assert_cmpint (update.status, ==, 0);
  stored = pb_simulator_lookup_webhook (f->simulator, g_ascii_strtoll (id, NULL, 10));
  g_assert_cmpstr (pb_webhook_get_name (stored), ==, "Warehouse board");
  g_assert_false (pb_webhook_get_active (stored));
  g_assert_cmpstr (pb_webhook_get_target_url (stored), ==, "https://board.example.com/in");

  run_cli (f, &remove, "webhooks", "delete", id, NULL);
  g_assert_cmpint (remove.status, ==, 0);
  stored = pb_simulator_lookup_webhook (f->simulator, g_ascii_strtoll (id, NULL, 10));
  g_assert_null (stored);

  run_cli (f, &gone, "webhooks", "show", id, NULL);
  g_assert_cmpint (gone.status, ==, 4);
  g_assert_true (g_str_has_prefix (gone.err, "patchbay-cli: "));
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Run) invalid = { 0, };
  g_auto(Run) bad_key = { 0, };
  g_auto(Run) unknown = { 0, };
  g_autoptr(GPtrArray) webhooks = NULL;

  run_cli (f, &invalid, "webhooks", "create", "--name", "Broken", "--event",
           "opportunity_create", "--url", "ftp://files.example.com/", NULL);
  g_assert_cmpint (invalid.status, ==, 5);
  g_assert_nonnull (strstr (invalid.err, "target_url"));
  webhooks = pb_simulator_list_webhooks (f->simulator);
  g_assert_cmpuint (webhooks->len, ==, 2);

  run_cli_with_key (f, &bad_key, "wrong-key", "webhooks", "list", NULL);
  g_assert_cmpint (bad_key.status, ==, 3);
  g_assert_null (strstr (bad_key.err, "wrong-key"));

  run_cli (f, &unknown, "webhooks", "update", "987654", "--name", "Nobody", NULL);
  g_assert_cmpint (unknown.status, ==, 4);
}

static void
test_offline_cache (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Run) online = { 0, };
  g_auto(Run) offline = { 0, };
  g_auto(Run) cached = { 0, };

  run_cli (f, &online, "webhooks", "list", NULL);
  g_assert_cmpint (online.status, ==, 0);

  pb_simulator_stop (f->simulator);

  run_cli (f, &offline, "webhooks", "list", NULL);
  g_assert_cmpint (offline.status, !=, 0);
  g_assert_cmpint (offline.status, ==, 6);
  g_assert_nonnull (strstr (offline.out, "Orders to ERP"));
  g_assert_nonnull (strstr (offline.err, "cached"));
  g_assert_true (g_str_has_prefix (offline.err, "patchbay-cli: "));

  run_cli (f, &cached, "--json", "webhooks", "list", "--cached", NULL);
  g_assert_cmpint (cached.status, ==, 0);
  g_assert_cmpuint (json_array_length_of (cached.out), ==, 2);
}

static void
test_export_import (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "hooks.json", NULL);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, first_simulator_id (f));
  g_auto(Run) export = { 0, };
  g_auto(Run) rename = { 0, };
  g_auto(Run) dry = { 0, };
  g_auto(Run) apply = { 0, };
  g_auto(Run) prune = { 0, };
  PbWebhook *extra;
  PbWebhook *stored;
  g_autoptr(GPtrArray) webhooks = NULL;
  g_autofree char *text = NULL;
  gint64 extra_id;

  run_cli (f, &export, "webhooks", "export", path, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpuint (json_array_length_of (text), ==, 2);
  g_assert_nonnull (strstr (text, "https://erp.example.com/hooks/abcdefgh"));

  run_cli (f, &rename, "webhooks", "update", id, "--name", "Renamed", NULL);
  g_assert_cmpint (rename.status, ==, 0);
  extra = pb_simulator_add_webhook (f->simulator, "Stray", "member_create",
                                    "https://stray.example.com/", TRUE);
  extra_id = pb_webhook_get_id (extra);

  run_cli (f, &dry, "webhooks", "import", path, "--dry-run", "--prune", NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (strstr (dry.out, "update"));
  g_assert_nonnull (strstr (dry.out, "delete"));
  g_assert_nonnull (strstr (dry.out, "unchanged"));
  stored = pb_simulator_lookup_webhook (f->simulator, g_ascii_strtoll (id, NULL, 10));
  g_assert_cmpstr (pb_webhook_get_name (stored), ==, "Renamed");
  webhooks = pb_simulator_list_webhooks (f->simulator);
  g_assert_cmpuint (webhooks->len, ==, 3);
  g_clear_pointer (&webhooks, g_ptr_array_unref);

  run_cli (f, &apply, "webhooks", "import", path, NULL);
  g_assert_cmpint (apply.status, ==, 0);
  stored = pb_simulator_lookup_webhook (f->simulator, g_ascii_strtoll (id, NULL, 10));
  g_assert_cmpstr (pb_webhook_get_name (stored), ==, "Orders to ERP");
  /* Without --prune, a webhook the file lacks stays. */
  g_assert_nonnull (pb_simulator_lookup_webhook (f->simulator, extra_id));

  run_cli (f, &prune, "--json", "webhooks", "import", path, "--prune", NULL);
  g_assert_cmpint (prune.status, ==, 0);
  g_assert_null (pb_simulator_lookup_webhook (f->simulator, extra_id));
  webhooks = pb_simulator_list_webhooks (f->simulator);
  g_assert_cmpuint (webhooks->len, ==, 2);
}

static void
test_events (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Run) table = { 0, };
  g_auto(Run) json = { 0, };

  run_cli (f, &table, "events", "--search", "convert order", NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_nonnull (strstr (table.out, "opportunity_convert_to_order"));
  g_assert_null (strstr (table.out, "invoice_create"));

  run_cli (f, &json, "--json", "events", "--search", "convert order", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_nonnull (strstr (json.out, "\"confirmed\""));
}

typedef struct
{
  gboolean  done;
  char     *line;
} LineRead;

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  LineRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                          NULL, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static char *
read_line (Fixture          *f,
           GDataInputStream *stream)
{
  LineRead read = { FALSE, NULL };

  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, NULL, on_line, &read);
  PB_TEST_WAIT_FOR (read.done, TIMEOUT_SECONDS);
  g_assert_nonnull (read.line);

  return read.line;
}

typedef struct
{
  guint   hits;
  guint   answer;
  GBytes *body;
} ReplayTarget;

static void
on_replay_request (SoupServer        *server,
                   SoupServerMessage *message,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  ReplayTarget *target = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  target->hits++;
  g_clear_pointer (&target->body, g_bytes_unref);
  target->body = g_steal_pointer (&bytes);
  soup_server_message_set_status (message, target->answer, NULL);
}

static char *
start_replay_target (SoupServer   *server,
                     ReplayTarget *target)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  char *url;

  soup_server_add_handler (server, "/replay", on_replay_request, target, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/replay", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);

  return url;
}

static void
check_deliveries (Fixture    *f,
                  const char *id)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  ReplayTarget target = { 0, 200, NULL };
  g_autofree char *url = start_replay_target (server, &target);
  g_auto(Run) list = { 0, };
  g_auto(Run) search = { 0, };
  g_auto(Run) none = { 0, };
  g_auto(Run) show = { 0, };
  g_auto(Run) replay = { 0, };
  g_auto(Run) refused = { 0, };
  g_auto(Run) missing = { 0, };
  g_autoptr(JsonNode) answer = NULL;

  run_cli (f, &list, "--json", "deliveries", "list", "--event", "opportunity_create", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_cmpuint (json_array_length_of (list.out), ==, 1);

  run_cli (f, &search, "--json", "deliveries", "search", "opportunity", NULL);
  g_assert_cmpint (search.status, ==, 0);
  g_assert_cmpuint (json_array_length_of (search.out), ==, 1);

  run_cli (f, &none, "--json", "deliveries", "search", "xylophone", NULL);
  g_assert_cmpint (none.status, ==, 0);
  g_assert_cmpuint (json_array_length_of (none.out), ==, 0);

  run_cli (f, &show, "deliveries", "show", id, NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "opportunity_create"));

  run_cli (f, &replay, "deliveries", "replay", id, "--to", url, NULL);
  g_assert_cmpint (replay.status, ==, 0);
  g_assert_cmpuint (target.hits, ==, 1);
  g_assert_nonnull (strstr (g_bytes_get_data (target.body, NULL), "\"action\""));
  g_clear_pointer (&target.body, g_bytes_unref);

  target.answer = 503;
  run_cli (f, &refused, "--json", "deliveries", "replay", id, "--to", url, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_cmpuint (target.hits, ==, 2);
  answer = parse_json (refused.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (answer), "status"), ==,
                   503);
  g_clear_pointer (&target.body, g_bytes_unref);

  run_cli (f, &missing, "deliveries", "show", "424242", NULL);
  g_assert_cmpint (missing.status, ==, 4);
}

static void
on_listen_exited (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL));
  *done = TRUE;
}

static void
test_listen_loop (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) listen = NULL;
  g_autoptr(GDataInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *url = NULL;
  g_autofree char *line = NULL;
  g_autofree char *id = NULL;
  g_auto(Run) create = { 0, };
  gboolean exited = FALSE;
  JsonObject *delivery;

  launcher = new_launcher (API_KEY, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  listen = g_subprocess_launcher_spawn (launcher, &error, f->cli, "listen", "--address",
                                        "127.0.0.1", "--port", "0", NULL);
  g_assert_no_error (error);
  stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (listen));

  url = read_line (f, stream);
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  g_assert_nonnull (strstr (url, "/hooks/"));

  run_cli (f, &create, "webhooks", "create", "--name", "Bench", "--event",
           "opportunity_create", "--url", url, NULL);
  g_assert_cmpint (create.status, ==, 0);

  g_assert_cmpuint (pb_simulator_fire_event (f->simulator, "opportunity_create", 4711), ==, 1);
  line = read_line (f, stream);
  node = parse_json (line);
  delivery = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (delivery, "event"), ==, "opportunity_create");
  g_assert_cmpint (json_object_get_int_member (delivery, "subject_id"), ==, 4711);
  g_assert_true (json_object_get_boolean_member (delivery, "valid"));
  g_assert_false (json_object_get_boolean_member (delivery, "retry"));
  g_assert_true (json_object_has_member (delivery, "received_at"));
  g_assert_true (json_object_has_member (delivery, "status"));
  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (delivery, "id"));

  g_subprocess_send_signal (listen, SIGTERM);
  g_subprocess_wait_async (listen, NULL, on_listen_exited, &exited);
  PB_TEST_WAIT_FOR (exited, TIMEOUT_SECONDS);
  g_assert_true (g_subprocess_get_if_exited (listen));
  g_assert_cmpint (g_subprocess_get_exit_status (listen), ==, 0);

  check_deliveries (f, id);
}

static void
test_simulator_mode (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Run) list = { 0, };
  g_auto(Run) accounts = { 0, };

  run_cli (f, &list, "--simulator", "--json", "webhooks", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_cmpuint (json_array_length_of (list.out), >, 0);

  run_cli (f, &accounts, "--json", "accounts", "list", NULL);
  g_assert_cmpint (accounts.status, ==, 0);
  g_assert_nonnull (strstr (accounts.out, "\"demo\" : true"));
}

int
main (int    argc,
      char **argv)
{
  /* The isolated directories hide the desktop's proxy settings, which GIO
   * would read on the first connection; every request here is to loopback.
   * Set here, not only by the test setup, because the spawned tool needs it
   * too when this program is run on its own. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/patchbay/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("help-and-usage", test_help);
  ADD ("list", test_list);
  ADD ("accounts-add-remove", test_accounts_add_remove);
  ADD ("create-show-update-delete", test_create_show_update_delete);
  ADD ("errors", test_errors);
  ADD ("offline-cache", test_offline_cache);
  ADD ("export-import", test_export_import);
  ADD ("events", test_events);
  ADD ("listen-loop", test_listen_loop);
  ADD ("simulator-mode", test_simulator_mode);

#undef ADD

  return g_test_run ();
}

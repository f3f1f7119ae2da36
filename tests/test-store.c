/* test-store.c: the SQLite cache and delivery history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "pb-error.h"
#include "pb-store.h"
#include "pb-test-core.h"

#define WAIT_LIMIT_SECONDS 30
#define BASE_TIME ((gint64)1700000000 * G_USEC_PER_SEC)

typedef struct
{
  char    *path;
  PbStore *store;
} Fixture;

/* A file in the test's own data folder, which ISOLATE_DIRS names but does
 * not create. */
static char *
test_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);

  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->path = test_path ("test.db");
  fixture->store = pb_store_new (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->store != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (fixture->store), (gpointer *)&fixture->store);
      g_object_unref (fixture->store);
      g_assert_null (fixture->store);
    }
  g_free (fixture->path);
}

static PbDelivery *
make_delivery (const char *token,
               gint64      action_id,
               const char *subject_type,
               const char *action_type,
               const char *name,
               const char *member,
               gint64      received_at)
{
  g_autofree char *json = NULL;
  g_autoptr(GBytes) body = NULL;
  gsize length;

  json = g_strdup_printf ("{\"action\": {\"id\": %" G_GINT64_FORMAT ", \"subject_id\": 12,"
                          " \"subject_type\": \"%s\", \"action_type\": \"%s\","
                          " \"name\": \"%s\", \"description\": \"Changed by %s\","
                          " \"member\": {\"name\": \"%s\"}}}",
                          action_id, subject_type, action_type, name, member, member);
  length = strlen (json);
  body = g_bytes_new_take (g_steal_pointer (&json), length);

  return pb_delivery_new (token, body, "{\"Content-Type\": \"application/json\"}", received_at);
}

static PbDelivery *
make_simple (const char *token,
             gint64      action_id,
             gint64      received_at)
{
  return make_delivery (token, action_id, "Opportunity", "create", "Stage hire",
                        "Jane Smith", received_at);
}

static gint64
save_account (PbStore    *store,
              const char *subdomain)
{
  g_autoptr(PbAccount) account = pb_account_new (subdomain);
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_store_save_account (store, account, &error));
  g_assert_no_error (error);

  return pb_account_get_id (account);
}

static void
add_sync (PbStore    *store,
          PbDelivery *delivery)
{
  g_autoptr(GPtrArray) deliveries = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (deliveries, delivery);
  g_assert_true (pb_store_add_deliveries (store, deliveries, &error));
  g_assert_no_error (error);
}

static guint
count_matching (PbStore               *store,
                const PbDeliveryQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = pb_store_list_deliveries (store, query, &error);
  guint counted;

  g_assert_no_error (error);
  g_assert_nonnull (rows);

  counted = pb_store_count_deliveries (store, query, &error);
  g_assert_no_error (error);
  if (query->limit == 0)
    g_assert_cmpuint (counted, ==, rows->len);

  return rows->len;
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);
}

static char *
raw_query_text (const char *path,
                const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return result;
}

/* Opening */

static void
test_open_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = pb_store_new (NULL, &error);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "patchbay",
                                                "patchbay.db", NULL);
  g_autofree char *default_path = pb_store_dup_default_path ();
  g_autofree char *mode = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (default_path, ==, expected);
  g_assert_cmpstr (pb_store_get_path (store), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (pb_store_get_schema_version (store), ==, PB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (PB_STORE_SCHEMA_VERSION, ==, 2);

  mode = raw_query_text (expected, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
}

static void
test_reopen (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbAccount) account = NULL;
  gint64 id = save_account (fixture->store, "acme");

  g_clear_object (&fixture->store);
  fixture->store = pb_store_new (fixture->path, &error);
  g_assert_no_error (error);

  account = pb_store_get_account (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_account_get_subdomain (account), ==, "acme");
  g_assert_cmpint (pb_store_get_schema_version (fixture->store), ==, PB_STORE_SCHEMA_VERSION);
}

/* The version-1 schema as released, so that the upgrade meets real old data. */
static const char version_1_schema[] =
  "CREATE TABLE accounts (id INTEGER PRIMARY KEY, subdomain TEXT NOT NULL, label TEXT,"
  "  api_base TEXT NOT NULL DEFAULT '', production INTEGER NOT NULL DEFAULT 0,"
  "  demo INTEGER NOT NULL DEFAULT 0, last_sync INTEGER NOT NULL DEFAULT 0, last_error TEXT,"
  "  created_at INTEGER NOT NULL, UNIQUE (subdomain, api_base));"
  "CREATE TABLE webhooks (account_id INTEGER NOT NULL REFERENCES accounts (id)"
  "  ON DELETE CASCADE, id INTEGER NOT NULL, name TEXT NOT NULL, event TEXT NOT NULL,"
  "  target_url TEXT NOT NULL, active INTEGER NOT NULL, extra TEXT,"
  "  synced_at INTEGER NOT NULL, PRIMARY KEY (account_id, id));"
  "CREATE TABLE learned_events (event TEXT PRIMARY KEY, first_seen INTEGER NOT NULL);"
  "CREATE TABLE tokens (token TEXT PRIMARY KEY, account_id INTEGER REFERENCES accounts (id)"
  "  ON DELETE CASCADE, created_at INTEGER NOT NULL);"
  "CREATE TABLE deliveries (id INTEGER PRIMARY KEY, account_id INTEGER REFERENCES"
  "  accounts (id) ON DELETE CASCADE, received_at INTEGER NOT NULL, token TEXT NOT NULL,"
  "  event TEXT, subject_type TEXT, subject_id INTEGER, action_id INTEGER, action_type TEXT,"
  "  member_name TEXT, status_code INTEGER NOT NULL DEFAULT 200,"
  "  valid INTEGER NOT NULL DEFAULT 1, is_retry INTEGER NOT NULL DEFAULT 0, problem TEXT,"
  "  headers TEXT, body BLOB);"
  "INSERT INTO accounts (id, subdomain, created_at) VALUES (4, 'oldco', 1);"
  "INSERT INTO tokens (token, account_id, created_at) VALUES ('oldtoken', 4, 1);"
  "INSERT INTO deliveries (account_id, received_at, token, event, subject_type, action_id,"
  "  member_name, body) VALUES (4, 1700000000000000, 'oldtoken', 'opportunity_create',"
  "  'Opportunity', 77, 'Old Member',"
  "  CAST ('{\"action\": {\"id\": 77, \"name\": \"Zebra crossing\"}}' AS BLOB));"
  "PRAGMA user_version = 1;";

static void
test_migrate_from_version_1 (void)
{
  g_autofree char *path = test_path ("old.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbAccount) account = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(PbDelivery) retry = NULL;
  PbDeliveryQuery query = { .text = "zebra" };

  raw_exec (path, version_1_schema);

  store = pb_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_get_schema_version (store), ==, 2);

  account = pb_store_get_account (store, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_account_get_subdomain (account), ==, "oldco");
  g_assert_cmpint (pb_store_get_token_account (store, "oldtoken"), ==, 4);

  found = pb_store_list_deliveries (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (pb_delivery_get_event (g_ptr_array_index (found, 0)), ==,
                   "opportunity_create");

  query.text = "old member";
  g_assert_cmpuint (count_matching (store, &query), ==, 1);

  /* The upgrade kept enough to recognise a retry of an old action. */
  retry = make_simple ("oldtoken", 77, BASE_TIME + 1);
  add_sync (store, retry);
  g_assert_true (pb_delivery_get_is_retry (retry));
  g_assert_cmpint (pb_delivery_get_account_id (retry), ==, 4);
}

static void
test_migrate_empty_file (void)
{
  g_autofree char *path = test_path ("empty.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autofree char *version = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));

  store = pb_store_new (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  version = raw_query_text (path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "2");
}

static void
test_newer_version (void)
{
  g_autofree char *path = test_path ("new.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autofree char *version = NULL;

  raw_exec (path, "CREATE TABLE future (x); PRAGMA user_version = 99;");

  store = pb_store_new (path, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_STORAGE);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "newer Patchbay"));

  version = raw_query_text (path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "99");
}

/* Accounts */

static void
count_signal (PbStore *store,
              guint   *count)
{
  (*count)++;
}

static void
count_webhooks_changed (PbStore *store,
                        gint64   account_id,
                        guint   *count)
{
  g_assert_cmpint (account_id, >, 0);
  (*count)++;
}

static void
test_accounts (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbAccount) acme = pb_account_new ("acme");
  g_autoptr(PbAccount) twin = pb_account_new ("acme");
  g_autoptr(PbAccount) staging = pb_account_new ("acme");
  g_autoptr(PbAccount) found = NULL;
  g_autoptr(PbAccount) missing = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  guint changed = 0;

  g_signal_connect (fixture->store, "accounts-changed", G_CALLBACK (count_signal),
                            &changed);

  pb_account_set_label (acme, "Acme Rentals");
  pb_account_set_production (acme, TRUE);
  g_assert_true (pb_store_save_account (fixture->store, acme, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_account_get_id (acme), >, 0);
  g_assert_cmpuint (changed, ==, 1);

  g_assert_false (pb_store_save_account (fixture->store, twin, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_INPUT);
  g_assert_cmpint (pb_account_get_id (twin), ==, 0);
  g_clear_error (&error);

  pb_account_set_api_base (staging, "http://127.0.0.1:9/api/v1");
  g_assert_true (pb_store_save_account (fixture->store, staging, &error));
  g_assert_no_error (error);

  found = pb_store_find_account (fixture->store, "ACME RENTALS", &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_account_get_id (found), ==, pb_account_get_id (acme));
  g_assert_true (pb_account_get_production (found));
  g_assert_cmpstr (pb_account_get_api_base (found), ==, PB_DEFAULT_API_BASE);
  g_clear_object (&found);

  pb_account_set_label (acme, "Acme Live");
  g_assert_true (pb_store_save_account (fixture->store, acme, &error));
  found = pb_store_get_account (fixture->store, pb_account_get_id (acme), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_account_get_display_name (found), ==, "Acme Live");

  accounts = pb_store_list_accounts (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 2);
  g_assert_cmpstr (pb_account_get_api_base (g_ptr_array_index (accounts, 1)), ==,
                   "http://127.0.0.1:9/api/v1");

  missing = pb_store_find_account (fixture->store, "nobody", &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
  g_assert_null (missing);
}

static void
test_remove_cascades (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) webhooks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(PbDelivery) delivery = NULL;
  g_autoptr(PbAccount) gone = NULL;
  g_autofree char *token = NULL;
  gint64 id = save_account (fixture->store, "acme");
  guint removed = 0;
  PbWebhook *webhook = pb_webhook_new ("Orders", "opportunity_convert_to_order",
                                       "https://example.org/hooks/x", TRUE);

  pb_webhook_set_id (webhook, 10);
  g_ptr_array_add (webhooks, webhook);
  g_assert_true (pb_store_replace_webhooks (fixture->store, id, webhooks, 1, NULL, &error));
  token = pb_store_create_token (fixture->store, id, &error);
  g_assert_no_error (error);
  delivery = make_simple (token, 1, BASE_TIME);
  add_sync (fixture->store, delivery);

  g_signal_connect (fixture->store, "deliveries-removed", G_CALLBACK (count_signal),
                            &removed);
  g_assert_true (pb_store_remove_account (fixture->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 1);

  gone = pb_store_get_account (fixture->store, id, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  left = pb_store_list_webhooks (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (left->len, ==, 0);
  g_assert_false (pb_store_has_token (fixture->store, token));
  g_assert_cmpuint (pb_store_count_deliveries (fixture->store, NULL, &error), ==, 0);
}

static void
test_record_sync (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbAccount) account = pb_account_new ("acme");
  g_autoptr(PbAccount) reread = NULL;

  g_assert_true (pb_store_save_account (fixture->store, account, &error));

  g_assert_true (pb_store_record_sync (fixture->store, account, BASE_TIME, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_account_get_last_sync (account), ==, BASE_TIME);

  g_assert_true (pb_store_record_sync (fixture->store, account, BASE_TIME + 5,
                                       "The server could not be reached.", &error));
  g_assert_cmpint (pb_account_get_last_sync (account), ==, BASE_TIME);
  g_assert_cmpstr (pb_account_get_last_error (account), ==, "The server could not be reached.");

  reread = pb_store_get_account (fixture->store, pb_account_get_id (account), &error);
  g_assert_cmpint (pb_account_get_last_sync (reread), ==, BASE_TIME);
  g_assert_cmpstr (pb_account_get_last_error (reread), ==, "The server could not be reached.");
  g_clear_object (&reread);

  g_assert_true (pb_store_record_sync (fixture->store, account, BASE_TIME + 9, NULL, &error));
  reread = pb_store_get_account (fixture->store, pb_account_get_id (account), &error);
  g_assert_cmpint (pb_account_get_last_sync (reread), ==, BASE_TIME + 9);
  g_assert_null (pb_account_get_last_error (reread));
}

/* Webhooks */

static PbWebhook *
webhook_from_json (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  PbWebhook *webhook = pb_webhook_new_from_json (node, &error);

  g_assert_no_error (error);
  return webhook;
}

static GPtrArray *
webhook_set (const char *first_json,
             ...)
{
  GPtrArray *set = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first_json);
  for (const char *json = first_json; json != NULL; json = va_arg (args, const char *))
    g_ptr_array_add (set, webhook_from_json (json));
  va_end (args);

  return set;
}

#define HOOK(id, name, event, active, extra) \
  "{\"id\": " #id ", \"name\": \"" name "\", \"event\": \"" event "\"," \
  " \"target_url\": \"https://example.org/hooks/abc\", \"active\": " #active extra "}"

static void
assert_changes (const PbSyncChanges *changes,
                guint                added,
                guint                changed,
                guint                removed,
                guint                unchanged)
{
  g_assert_cmpuint (changes->added, ==, added);
  g_assert_cmpuint (changes->changed, ==, changed);
  g_assert_cmpuint (changes->removed, ==, removed);
  g_assert_cmpuint (changes->unchanged, ==, unchanged);
}

/* A row that a refresh left alone keeps the time it was last written. */
static void
assert_synced_at (const char *path,
                  gint64      webhook_id,
                  gint64      expected)
{
  g_autofree char *sql = g_strdup_printf ("SELECT synced_at FROM webhooks WHERE id = %"
                                          G_GINT64_FORMAT, webhook_id);
  g_autofree char *synced_at = raw_query_text (path, sql);

  g_assert_nonnull (synced_at);
  g_assert_cmpint (g_ascii_strtoll (synced_at, NULL, 10), ==, expected);
}

static void
test_replace_webhooks (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) cached = NULL;
  g_autoptr(PbAccount) account = NULL;
  gint64 id = save_account (fixture->store, "acme");
  PbSyncChanges changes;
  guint signalled = 0;
  JsonObject *extra;

  g_signal_connect (fixture->store, "webhooks-changed", G_CALLBACK (count_webhooks_changed),
                            &signalled);

  first = webhook_set (HOOK (1, "One", "opportunity_create", true, ""),
                       HOOK (2, "Two", "invoice_create", true, ", \"user_id\": 5"),
                       HOOK (3, "Three", "member_update", false, ""),
                       HOOK (4, "Four", "member_create", true, ""),
                       NULL);
  g_assert_true (pb_store_replace_webhooks (fixture->store, id, first, BASE_TIME, &changes,
                                            &error));
  g_assert_no_error (error);
  assert_changes (&changes, 4, 0, 0, 4 - 4);
  g_assert_cmpuint (signalled, ==, 1);

  /* 1 unchanged, 2 changed only in an extra, 3 changed, 4 removed, 5 added. */
  second = webhook_set (HOOK (1, "One", "opportunity_create", true, ""),
                        HOOK (2, "Two", "invoice_create", true, ", \"user_id\": 6"),
                        HOOK (3, "Three", "member_update", true, ""),
                        HOOK (5, "Five", "product_create", true, ""),
                        NULL);
  g_assert_true (pb_store_replace_webhooks (fixture->store, id, second, BASE_TIME + 1,
                                            &changes, &error));
  assert_changes (&changes, 1, 2, 1, 1);
  g_assert_cmpuint (signalled, ==, 2);
  assert_synced_at (fixture->path, 1, BASE_TIME);
  assert_synced_at (fixture->path, 2, BASE_TIME + 1);

  g_assert_true (pb_store_replace_webhooks (fixture->store, id, second, BASE_TIME + 2,
                                            &changes, &error));
  assert_changes (&changes, 0, 0, 0, 4);
  g_assert_cmpuint (signalled, ==, 2);
  assert_synced_at (fixture->path, 5, BASE_TIME + 1);

  cached = pb_store_list_webhooks (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cached->len, ==, 4);
  g_assert_cmpint (pb_webhook_get_id (g_ptr_array_index (cached, 3)), ==, 5);
  g_assert_true (pb_webhook_get_active (g_ptr_array_index (cached, 2)));
  extra = pb_webhook_get_extra (g_ptr_array_index (cached, 1));
  g_assert_nonnull (extra);
  g_assert_cmpint (json_object_get_int_member (extra, "user_id"), ==, 6);

  account = pb_store_get_account (fixture->store, id, &error);
  g_assert_cmpint (pb_account_get_last_sync (account), ==, BASE_TIME + 2);
}

#define NESTED_EXTRA(first, second) \
  ", \"user_id\": 5, \"note\": \"say \\\"hi\\\"\\n\\\\ caf\u00e9\", \"tags\": [\"a\", 2.5]," \
  " \"owner\": {" first ", " second "}, \"updated_at\": null"

static void
test_replace_compares_extras (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) reordered = NULL;
  g_autoptr(GPtrArray) nested_change = NULL;
  g_autoptr(GPtrArray) cached = NULL;
  g_autofree char *stored = NULL;
  gint64 id = save_account (fixture->store, "acme");
  PbSyncChanges changes;
  guint signalled = 0;
  JsonObject *extra;

  g_signal_connect (fixture->store, "webhooks-changed", G_CALLBACK (count_webhooks_changed),
                    &signalled);

  first = webhook_set (HOOK (1, "One", "opportunity_create", true,
                             NESTED_EXTRA ("\"name\": \"Ann\"", "\"id\": 2")),
                       NULL);
  g_assert_true (pb_store_replace_webhooks (fixture->store, id, first, BASE_TIME, &changes,
                                            &error));
  g_assert_no_error (error);
  stored = raw_query_text (fixture->path, "SELECT extra FROM webhooks WHERE id = 1");
  g_assert_cmpstr (stored, ==,
                   "{\"note\":\"say \\\"hi\\\"\\n\\\\ caf\u00e9\",\"owner\":{\"id\":2,"
                   "\"name\":\"Ann\"},\"tags\":[\"a\",2.5],\"updated_at\":null,\"user_id\":5}");

  /* The same attributes, listed in another order, are no change. */
  reordered = webhook_set (HOOK (1, "One", "opportunity_create", true,
                                 NESTED_EXTRA ("\"id\": 2", "\"name\": \"Ann\"")),
                           NULL);
  g_assert_true (pb_store_replace_webhooks (fixture->store, id, reordered, BASE_TIME + 1,
                                            &changes, &error));
  assert_changes (&changes, 0, 0, 0, 1);
  g_assert_cmpuint (signalled, ==, 1);

  nested_change = webhook_set (HOOK (1, "One", "opportunity_create", true,
                                     NESTED_EXTRA ("\"id\": 3", "\"name\": \"Ann\"")),
                               NULL);
  g_assert_true (pb_store_replace_webhooks (fixture->store, id, nested_change, BASE_TIME + 2,
                                            &changes, &error));
  assert_changes (&changes, 0, 1, 0, 0);
  g_assert_cmpuint (signalled, ==, 2);

  cached = pb_store_list_webhooks (fixture->store, id, &error);
  g_assert_no_error (error);
  extra = pb_webhook_get_extra (g_ptr_array_index (cached, 0));
  g_assert_cmpstr (json_object_get_string_member (extra, "note"), ==, "say \"hi\"\n\\ caf\u00e9");
  g_assert_cmpfloat (json_array_get_double_element (json_object_get_array_member (extra, "tags"),
                                                    1), ==, 2.5);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (extra, "owner"),
                                               "id"), ==, 3);
}

/* Rows written with their extra members in any order still compare equal,
 * and are rewritten in the sorted form without counting as a change. */
static void
test_replace_unsorted_row (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) webhooks = NULL;
  g_autofree char *stored = NULL;
  gint64 id = save_account (fixture->store, "acme");
  PbSyncChanges changes;
  guint signalled = 0;

  webhooks = webhook_set (HOOK (1, "One", "opportunity_create", true,
                                ", \"user_id\": 5, \"created_at\": \"then\""),
                          NULL);
  g_assert_true (pb_store_replace_webhooks (fixture->store, id, webhooks, BASE_TIME, NULL,
                                            &error));
  g_assert_no_error (error);
  raw_exec (fixture->path,
            "UPDATE webhooks SET extra = '{\"user_id\":5,\"created_at\":\"then\"}'");

  g_signal_connect (fixture->store, "webhooks-changed", G_CALLBACK (count_webhooks_changed),
                    &signalled);
  g_assert_true (pb_store_replace_webhooks (fixture->store, id, webhooks, BASE_TIME + 1,
                                            &changes, &error));
  g_assert_no_error (error);
  assert_changes (&changes, 0, 0, 0, 1);
  g_assert_cmpuint (signalled, ==, 0);

  stored = raw_query_text (fixture->path, "SELECT extra FROM webhooks WHERE id = 1");
  g_assert_cmpstr (stored, ==, "{\"created_at\":\"then\",\"user_id\":5}");
}

static void
test_replace_is_atomic (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) good = NULL;
  g_autoptr(GPtrArray) bad = NULL;
  g_autoptr(GPtrArray) cached = NULL;
  g_autoptr(PbAccount) account = NULL;
  gint64 id = save_account (fixture->store, "acme");
  PbSyncChanges changes = { 0 };

  good = webhook_set (HOOK (1, "One", "opportunity_create", true, ""),
                      HOOK (2, "Two", "invoice_create", true, ""),
                      NULL);
  g_assert_true (pb_store_replace_webhooks (fixture->store, id, good, BASE_TIME, NULL, &error));

  /* The second webhook 7 breaks the primary key after the old rows are gone. */
  bad = webhook_set (HOOK (7, "Seven", "opportunity_create", true, ""),
                     HOOK (7, "Seven again", "opportunity_update", true, ""),
                     NULL);
  g_assert_false (pb_store_replace_webhooks (fixture->store, id, bad, BASE_TIME + 1, &changes,
                                             &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_STORAGE);
  g_clear_error (&error);

  cached = pb_store_list_webhooks (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cached->len, ==, 2);
  g_assert_cmpstr (pb_webhook_get_name (g_ptr_array_index (cached, 0)), ==, "One");
  account = pb_store_get_account (fixture->store, id, &error);
  g_assert_cmpint (pb_account_get_last_sync (account), ==, BASE_TIME);

  /* A cached webhook listed twice fails the same way. */
  g_clear_pointer (&bad, g_ptr_array_unref);
  bad = webhook_set (HOOK (3, "Three", "invoice_create", true, ""),
                     HOOK (1, "One renamed", "opportunity_create", true, ""),
                     HOOK (1, "One again", "opportunity_update", true, ""),
                     NULL);
  g_assert_false (pb_store_replace_webhooks (fixture->store, id, bad, BASE_TIME + 1, &changes,
                                             &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_STORAGE);
  g_clear_error (&error);
  g_clear_pointer (&cached, g_ptr_array_unref);
  cached = pb_store_list_webhooks (fixture->store, id, &error);
  g_assert_cmpuint (cached->len, ==, 2);
  g_assert_cmpstr (pb_webhook_get_name (g_ptr_array_index (cached, 0)), ==, "One");

  /* An unknown account changes nothing either. */
  g_assert_false (pb_store_replace_webhooks (fixture->store, id + 100, good, BASE_TIME, NULL,
                                             &error));
  g_assert_nonnull (error);
}

static void
test_put_delete_webhook (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbWebhook) webhook = pb_webhook_new ("One", "opportunity_create",
                                                 "https://example.org/a", TRUE);
  g_autoptr(PbWebhook) unsaved = pb_webhook_new ("Two", "opportunity_create",
                                                 "https://example.org/b", TRUE);
  g_autoptr(GPtrArray) cached = NULL;
  gint64 id = save_account (fixture->store, "acme");
  guint signalled = 0;

  g_signal_connect (fixture->store, "webhooks-changed", G_CALLBACK (count_webhooks_changed),
                            &signalled);

  pb_webhook_set_id (webhook, 42);
  g_assert_true (pb_store_put_webhook (fixture->store, id, webhook, &error));
  pb_webhook_set_name (webhook, "Renamed");
  g_assert_true (pb_store_put_webhook (fixture->store, id, webhook, &error));
  g_assert_no_error (error);

  g_assert_false (pb_store_put_webhook (fixture->store, id, unsaved, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  cached = pb_store_list_webhooks (fixture->store, id, &error);
  g_assert_cmpuint (cached->len, ==, 1);
  g_assert_cmpstr (pb_webhook_get_name (g_ptr_array_index (cached, 0)), ==, "Renamed");
  g_clear_pointer (&cached, g_ptr_array_unref);

  g_assert_true (pb_store_delete_webhook (fixture->store, id, 42, &error));
  g_assert_true (pb_store_delete_webhook (fixture->store, id, 42, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (signalled, ==, 3);

  cached = pb_store_list_webhooks (fixture->store, id, &error);
  g_assert_cmpuint (cached->len, ==, 0);
}

static void
test_learned_events (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) events = NULL;

  g_assert_true (pb_store_add_learned_event (fixture->store, "widget_spin", &error));
  g_assert_true (pb_store_add_learned_event (fixture->store, "asset_wobble", &error));
  g_assert_true (pb_store_add_learned_event (fixture->store, "widget_spin", &error));
  g_assert_no_error (error);

  events = pb_store_list_learned_events (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (events), ==, 2);
  g_assert_cmpstr (events[0], ==, "asset_wobble");
  g_assert_cmpstr (events[1], ==, "widget_spin");
}

/* Tokens */

static void
assert_token_shape (const char *token)
{
  g_assert_cmpuint (strlen (token), ==, 40);
  for (const char *p = token; *p; p++)
    g_assert_true (g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f'));
}

static void
test_tokens (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *inbox = pb_store_dup_inbox_token (fixture->store, &error);
  g_autofree char *again = NULL;
  gint64 id = save_account (fixture->store, "acme");
  GHashTableIter iter;
  gpointer token;

  g_assert_no_error (error);
  assert_token_shape (inbox);
  g_assert_true (pb_store_has_token (fixture->store, inbox));
  g_assert_cmpint (pb_store_get_token_account (fixture->store, inbox), ==, 0);
  g_assert_false (pb_store_has_token (fixture->store, "0123456789abcdef0123456789abcdef01234567"));
  g_assert_false (pb_store_has_token (fixture->store, NULL));

  for (guint i = 0; i < 100; i++)
    {
      char *token = pb_store_create_token (fixture->store, id, &error);

      g_assert_no_error (error);
      assert_token_shape (token);
      g_assert_cmpstr (token, !=, inbox);
      g_assert_true (g_hash_table_add (seen, token));
      g_assert_cmpint (pb_store_get_token_account (fixture->store, token), ==, id);
    }

  g_clear_object (&fixture->store);
  fixture->store = pb_store_new (fixture->path, &error);
  g_assert_no_error (error);

  again = pb_store_dup_inbox_token (fixture->store, &error);
  g_assert_cmpstr (again, ==, inbox);
  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &token, NULL))
    g_assert_cmpint (pb_store_get_token_account (fixture->store, token), ==, id);
}

static void
test_token_event (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = save_account (fixture->store, "acme");
  gint64 other = save_account (fixture->store, "other");
  g_autofree char *token = pb_store_create_token (fixture->store, id, &error);
  g_autofree char *url = g_strdup_printf ("https://relay.example.org/hooks/%s?x=1", token);
  g_autofree char *event = NULL;
  g_autoptr(PbWebhook) webhook = pb_webhook_new ("A", "opportunity_create", url, TRUE);
  g_autoptr(PbWebhook) foreign = pb_webhook_new ("B", "invoice_create", url, TRUE);
  g_autoptr(PbWebhook) second = pb_webhook_new ("C", "opportunity_update", url, TRUE);

  g_assert_null (pb_store_dup_token_event (fixture->store, token));

  pb_webhook_set_id (webhook, 1);
  g_assert_true (pb_store_put_webhook (fixture->store, id, webhook, &error));
  event = pb_store_dup_token_event (fixture->store, token);
  g_assert_cmpstr (event, ==, "opportunity_create");
  g_clear_pointer (&event, g_free);

  /* Another account's webhook cannot speak for this account's token. */
  pb_webhook_set_id (foreign, 2);
  g_assert_true (pb_store_put_webhook (fixture->store, other, foreign, &error));
  event = pb_store_dup_token_event (fixture->store, token);
  g_assert_cmpstr (event, ==, "opportunity_create");
  g_clear_pointer (&event, g_free);

  pb_webhook_set_id (second, 3);
  g_assert_true (pb_store_put_webhook (fixture->store, id, second, &error));
  g_assert_null (pb_store_dup_token_event (fixture->store, token));

  g_assert_true (pb_store_delete_webhook (fixture->store, id, 3, &error));
  event = pb_store_dup_token_event (fixture->store, token);
  g_assert_cmpstr (event, ==, "opportunity_create");
}

/* Deliveries */

typedef struct
{
  guint callbacks;
  guint failures;
  guint added;
  guint signals;
} AddState;

static void
on_added (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AddState *state = user_data;
  g_autoptr(GError) error = NULL;

  if (!pb_store_add_delivery_finish (PB_STORE (source), result, &error))
    state->failures++;
  state->callbacks++;
}

static void
on_deliveries_added (PbStore   *store,
                     GPtrArray *deliveries,
                     AddState  *state)
{
  state->signals++;
  state->added += deliveries->len;
  for (guint i = 0; i < deliveries->len; i++)
    g_assert_cmpint (pb_delivery_get_id (g_ptr_array_index (deliveries, i)), >, 0);
}

static void
test_group_commit (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sent = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *token = pb_store_dup_inbox_token (fixture->store, &error);
  AddState state = { 0 };
  guint batches;

  g_signal_connect (fixture->store, "deliveries-added", G_CALLBACK (on_deliveries_added),
                    &state);

  for (guint i = 0; i < 200; i++)
    {
      PbDelivery *delivery = make_simple (token, 1000 + i, BASE_TIME + i);

      g_ptr_array_add (sent, delivery);
      pb_store_add_delivery_async (fixture->store, delivery, NULL, on_added, &state);
    }

  PB_TEST_WAIT_FOR (state.callbacks >= 200, WAIT_LIMIT_SECONDS);

  batches = pb_store_get_delivery_batch_count (fixture->store);
  g_test_message ("200 deliveries in %u batches", batches);
  g_assert_cmpuint (state.failures, ==, 0);
  g_assert_cmpuint (state.added, ==, 200);
  g_assert_cmpuint (batches, >=, 1);
  g_assert_cmpuint (batches, <, 200);
  g_assert_cmpuint (state.signals, ==, batches);
  g_assert_cmpuint (pb_store_count_deliveries (fixture->store, NULL, &error), ==, 200);

  /* Every delivery got its own row, and ids follow the order of the adds. */
  for (guint i = 0; i < sent->len; i++)
    {
      PbDelivery *delivery = g_ptr_array_index (sent, i);

      g_assert_false (pb_delivery_get_is_retry (delivery));
      g_assert_cmpint (pb_delivery_get_account_id (delivery), ==, 0);
      if (i > 0)
        g_assert_cmpint (pb_delivery_get_id (delivery), >,
                         pb_delivery_get_id (g_ptr_array_index (sent, i - 1)));
    }
}

static void
test_committed_is_durable (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDelivery) delivery = NULL;
  g_autoptr(PbDelivery) stored = NULL;
  g_autoptr(PbStore) second = NULL;
  g_autofree char *token = pb_store_dup_inbox_token (fixture->store, &error);
  g_autofree char *sql = NULL;
  g_autofree char *raw = NULL;
  AddState state = { 0 };

  delivery = make_simple (token, 5, BASE_TIME);
  pb_store_add_delivery_async (fixture->store, delivery, NULL, on_added, &state);
  PB_TEST_WAIT_FOR (state.callbacks >= 1, WAIT_LIMIT_SECONDS);
  g_assert_cmpuint (state.failures, ==, 0);

  /* Once the callback ran, another connection sees the row, as the app
   * would after being killed and started again. */
  sql = g_strdup_printf ("SELECT token FROM deliveries WHERE id = %" G_GINT64_FORMAT,
                         pb_delivery_get_id (delivery));
  raw = raw_query_text (fixture->path, sql);
  g_assert_cmpstr (raw, ==, token);

  second = pb_store_new (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->store);

  stored = pb_store_get_delivery (second, pb_delivery_get_id (delivery), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_delivery_get_token (stored), ==, token);
  g_assert_cmpint (pb_delivery_get_received_at (stored), ==, BASE_TIME);
  g_assert_cmpstr (pb_delivery_get_event (stored), ==, "opportunity_create");
  g_assert_cmpstr (pb_delivery_get_member_name (stored), ==, "Jane Smith");
  g_assert_true (g_bytes_equal (pb_delivery_get_body (stored), pb_delivery_get_body (delivery)));
}

static void
test_add_failure (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PbDelivery) delivery = make_simple ("sometoken", 5, BASE_TIME);
  AddState state = { 0 };

  g_signal_connect (fixture->store, "deliveries-added", G_CALLBACK (on_deliveries_added),
                    &state);

  /* Without its table the writer's transaction fails and every waiting
   * receiver learns it. */
  raw_exec (fixture->path, "DROP TABLE deliveries");

  pb_store_add_delivery_async (fixture->store, delivery, NULL, on_added, &state);
  PB_TEST_WAIT_FOR (state.callbacks >= 1, WAIT_LIMIT_SECONDS);

  g_assert_cmpuint (state.failures, ==, 1);
  g_assert_cmpuint (state.signals, ==, 0);
  g_assert_cmpint (pb_delivery_get_id (delivery), ==, 0);
}

static void
on_failed_add (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  guint *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_false (pb_store_add_delivery_finish (PB_STORE (source), result, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_STORAGE);
  (*done)++;
}

static void
test_add_failure_code (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(PbDelivery) delivery = make_simple ("sometoken", 5, BASE_TIME);
  guint done = 0;

  raw_exec (fixture->path, "DROP TABLE deliveries");
  pb_store_add_delivery_async (fixture->store, delivery, NULL, on_failed_add, &done);
  PB_TEST_WAIT_FOR (done >= 1, WAIT_LIMIT_SECONDS);
}

static void
test_retry_detection (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDelivery) first = NULL;
  g_autoptr(PbDelivery) repeat = NULL;
  g_autoptr(PbDelivery) elsewhere = NULL;
  g_autoptr(PbDelivery) reread = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *token = pb_store_dup_inbox_token (fixture->store, &error);
  g_autofree char *other = pb_store_create_token (fixture->store,
                                                  save_account (fixture->store, "acme"),
                                                  &error);

  first = make_simple (token, 900, BASE_TIME);
  add_sync (fixture->store, first);
  g_assert_false (pb_delivery_get_is_retry (first));

  repeat = make_simple (token, 900, BASE_TIME + 10);
  add_sync (fixture->store, repeat);
  g_assert_true (pb_delivery_get_is_retry (repeat));

  elsewhere = make_simple (other, 900, BASE_TIME + 20);
  add_sync (fixture->store, elsewhere);
  g_assert_false (pb_delivery_get_is_retry (elsewhere));

  /* Within one transaction, the second of two equal actions is the retry. */
  g_ptr_array_add (batch, make_simple (token, 901, BASE_TIME + 30));
  g_ptr_array_add (batch, make_simple (token, 901, BASE_TIME + 31));
  g_assert_true (pb_store_add_deliveries (fixture->store, batch, &error));
  g_assert_false (pb_delivery_get_is_retry (g_ptr_array_index (batch, 0)));
  g_assert_true (pb_delivery_get_is_retry (g_ptr_array_index (batch, 1)));

  reread = pb_store_get_delivery (fixture->store, pb_delivery_get_id (repeat), &error);
  g_assert_no_error (error);
  g_assert_true (pb_delivery_get_is_retry (reread));
}

static PbDelivery *
make_action (const char *token,
             gint64      action_id,
             const char *subject_type,
             gint64      subject_id,
             gint64      received_at)
{
  g_autofree char *json = NULL;
  g_autoptr(GBytes) body = NULL;
  gsize length;

  json = g_strdup_printf ("{\"action\": {\"id\": %" G_GINT64_FORMAT ","
                          " \"subject_id\": %" G_GINT64_FORMAT ", \"subject_type\": \"%s\","
                          " \"action_type\": \"update\", \"name\": \"Record\"}}",
                          action_id, subject_id, subject_type);
  length = strlen (json);
  body = g_bytes_new_take (g_steal_pointer (&json), length);

  return pb_delivery_new (token, body, "{}", received_at);
}

static gboolean
add_is_retry (PbStore    *store,
              PbDelivery *delivery)
{
  g_autoptr(PbDelivery) owned = delivery;

  add_sync (store, owned);
  return pb_delivery_get_is_retry (owned);
}

/* Two Current RMS systems can both send action 700 to the inbox, which
 * belongs to no account: only the same record makes it a retry there. */
static void
test_retry_inbox_accounts (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *inbox = pb_store_dup_inbox_token (fixture->store, &error);
  g_autofree char *own = pb_store_create_token (fixture->store,
                                                save_account (fixture->store, "acme"),
                                                &error);
  PbStore *store = fixture->store;

  g_assert_no_error (error);

  g_assert_false (add_is_retry (store, make_action (inbox, 700, "Opportunity", 12, BASE_TIME)));
  g_assert_true (add_is_retry (store, make_action (inbox, 700, "Opportunity", 12, BASE_TIME + 1)));
  g_assert_false (add_is_retry (store, make_action (inbox, 700, "Opportunity", 99, BASE_TIME + 2)));
  g_assert_false (add_is_retry (store, make_action (inbox, 700, "Invoice", 12, BASE_TIME + 3)));
  g_assert_true (add_is_retry (store, make_action (inbox, 700, "Invoice", 12, BASE_TIME + 4)));

  /* An account's own token serves one system: the action id alone decides. */
  g_assert_false (add_is_retry (store, make_action (own, 800, "Opportunity", 12, BASE_TIME + 5)));
  g_assert_true (add_is_retry (store, make_action (own, 800, "Opportunity", 99, BASE_TIME + 6)));
  g_assert_true (add_is_retry (store, make_action (own, 800, "Invoice", 7, BASE_TIME + 7)));

  /* The same holds within one transaction. */
  g_ptr_array_add (batch, make_action (inbox, 701, "Opportunity", 1, BASE_TIME + 10));
  g_ptr_array_add (batch, make_action (inbox, 701, "Opportunity", 2, BASE_TIME + 11));
  g_ptr_array_add (batch, make_action (inbox, 701, "Opportunity", 1, BASE_TIME + 12));
  g_ptr_array_add (batch, make_action (own, 801, "Opportunity", 1, BASE_TIME + 13));
  g_ptr_array_add (batch, make_action (own, 801, "Opportunity", 2, BASE_TIME + 14));
  g_assert_true (pb_store_add_deliveries (store, batch, &error));
  g_assert_no_error (error);
  g_assert_false (pb_delivery_get_is_retry (g_ptr_array_index (batch, 0)));
  g_assert_false (pb_delivery_get_is_retry (g_ptr_array_index (batch, 1)));
  g_assert_true (pb_delivery_get_is_retry (g_ptr_array_index (batch, 2)));
  g_assert_false (pb_delivery_get_is_retry (g_ptr_array_index (batch, 3)));
  g_assert_true (pb_delivery_get_is_retry (g_ptr_array_index (batch, 4)));
}

static void
test_retry_in_async_batch (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDelivery) first = NULL;
  g_autoptr(PbDelivery) second = NULL;
  g_autofree char *token = pb_store_dup_inbox_token (fixture->store, &error);
  AddState state = { 0 };

  first = make_simple (token, 55, BASE_TIME);
  second = make_simple (token, 55, BASE_TIME + 1);
  pb_store_add_delivery_async (fixture->store, first, NULL, on_added, &state);
  pb_store_add_delivery_async (fixture->store, second, NULL, on_added, &state);
  PB_TEST_WAIT_FOR (state.callbacks >= 2, WAIT_LIMIT_SECONDS);

  g_assert_false (pb_delivery_get_is_retry (first));
  g_assert_true (pb_delivery_get_is_retry (second));
}

/* Fills the history with a small, known set for the query tests. */
static void
add_sample_history (PbStore *store,
                    gint64   account_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *inbox = pb_store_dup_inbox_token (store, &error);
  g_autofree char *own = pb_store_create_token (store, account_id, &error);
  g_autofree char *foreign = pb_store_create_token (store, save_account (store, "other"),
                                                    &error);

  g_ptr_array_add (batch, make_delivery (inbox, 1, "Opportunity", "create",
                                         "Stage hire for Globe Theatre", "Jane Smith",
                                         BASE_TIME));
  g_ptr_array_add (batch, make_delivery (own, 2, "Opportunity", "convert_to_order",
                                         "Wedding marquee", "Raj Patel",
                                         BASE_TIME + G_USEC_PER_SEC));
  g_ptr_array_add (batch, make_delivery (own, 3, "Invoice", "create",
                                         "Invoice 1001 (Globe)", "Jane Smith",
                                         BASE_TIME + 2 * G_USEC_PER_SEC));
  g_ptr_array_add (batch, make_delivery (foreign, 4, "OpportunityItem", "update",
                                         "Line: 20 chairs", "Ana Müller",
                                         BASE_TIME + 3 * G_USEC_PER_SEC));
  g_ptr_array_add (batch, make_delivery (own, 5, "Member", "update",
                                         "Globe Theatre contact", "Raj Patel",
                                         BASE_TIME + 4 * G_USEC_PER_SEC));
  g_assert_true (pb_store_add_deliveries (store, batch, &error));
  g_assert_no_error (error);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  const char *awkward[] = {
    "\"", "\"globe", "globe\"", "*", "(", ")", "NEAR(", "globe OR", "AND", "-globe",
    "col:globe", "^globe", "{}", "'", "globe + \"theatre", "\\", "%_", "",
  };
  gint64 id = save_account (fixture->store, "acme");
  PbDeliveryQuery query = { 0 };

  add_sample_history (fixture->store, id);

  query.text = "globe";
  g_assert_cmpuint (count_matching (fixture->store, &query), ==, 3);
  query.text = "GLOBE theatre";
  g_assert_cmpuint (count_matching (fixture->store, &query), ==, 2);
  query.text = "glo";
  g_assert_cmpuint (count_matching (fixture->store, &query), ==, 3);
  query.text = "raj";
  g_assert_cmpuint (count_matching (fixture->store, &query), ==, 2);
  query.text = "muller";
  g_assert_cmpuint (count_matching (fixture->store, &query), ==, 1);
  query.text = "convert_to_order";
  g_assert_cmpuint (count_matching (fixture->store, &query), ==, 1);
  query.text = "invoice-1001!";
  g_assert_cmpuint (count_matching (fixture->store, &query), ==, 1);
  query.text = "nothing-like-this";
  g_assert_cmpuint (count_matching (fixture->store, &query), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (awkward); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = NULL;

      query.text = awkward[i];
      rows = pb_store_list_deliveries (fixture->store, &query, &error);
      g_assert_no_error (error);
      g_assert_nonnull (rows);
    }
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 id = save_account (fixture->store, "acme");
  PbDeliveryQuery query = { 0 };

  add_sample_history (fixture->store, id);

  g_assert_cmpuint (count_matching (fixture->store, &query), ==, 5);

  /* An account sees its own deliveries and the inbox's, not another's. */
  query.account_id = id;
  g_assert_cmpuint (count_matching (fixture->store, &query), ==, 4);
  query.account_id = 0;

  query.event = "opportunity_create";
  g_assert_cmpuint (count_matching (fixture->store, &query), ==, 1);
  query.event = NULL;

  query.subject = "opportunity";
  g_assert_cmpuint (count_matching (fixture->store, &query), ==, 2);
  query.subject = "opportunity_item";
  g_assert_cmpuint (count_matching (fixture->store, &query), ==, 1);
  query.subject = "member";
  query.text = "globe";
  g_assert_cmpuint (count_matching (fixture->store, &query), ==, 1);
  query.subject = NULL;
  query.text = NULL;

  query.since = BASE_TIME + G_USEC_PER_SEC;
  query.until = BASE_TIME + 3 * G_USEC_PER_SEC;
  g_assert_cmpuint (count_matching (fixture->store, &query), ==, 2);
}

static void
test_subject_from_event (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) body = g_bytes_new_static ("not json", 8);
  PbDeliveryQuery query = { .subject = "opportunity" };
  PbDelivery *untyped = pb_delivery_new ("tok", body, NULL, BASE_TIME);

  /* A body that names nothing is found by the event the receiver gave it. */
  pb_delivery_set_event (untyped, "opportunity_checkout");
  g_ptr_array_add (batch, untyped);
  g_ptr_array_add (batch, pb_delivery_new ("tok", body, NULL, BASE_TIME));
  pb_delivery_set_event (g_ptr_array_index (batch, 1), "opportunityx_create");
  g_assert_true (pb_store_add_deliveries (fixture->store, batch, &error));

  g_assert_cmpuint (count_matching (fixture->store, &query), ==, 1);
}

static void
test_paging (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) next = NULL;
  gint64 id = save_account (fixture->store, "acme");
  PbDeliveryQuery query = { .limit = 2 };
  PbDelivery *last;

  add_sample_history (fixture->store, id);

  page = pb_store_list_deliveries (fixture->store, &query, &error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpint (pb_delivery_get_id (g_ptr_array_index (page, 0)), >,
                   pb_delivery_get_id (g_ptr_array_index (page, 1)));
  g_assert_cmpstr (pb_delivery_get_event (g_ptr_array_index (page, 0)), ==, "member_update");
  g_assert_cmpuint (pb_store_count_deliveries (fixture->store, &query, &error), ==, 5);

  last = g_ptr_array_index (page, 1);
  query.before_id = pb_delivery_get_id (last);
  query.limit = 10;
  next = pb_store_list_deliveries (fixture->store, &query, &error);
  g_assert_cmpuint (next->len, ==, 3);
  g_assert_cmpint (pb_delivery_get_id (g_ptr_array_index (next, 0)), <, query.before_id);
  g_assert_cmpstr (pb_delivery_get_event (g_ptr_array_index (next, 2)), ==,
                   "opportunity_create");
}

static void
test_count_events (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) counts = NULL;
  gint64 id = save_account (fixture->store, "acme");
  g_autofree char *token = NULL;

  add_sample_history (fixture->store, id);
  token = pb_store_create_token (fixture->store, id, &error);
  add_sync (fixture->store, make_delivery (token, 80, "Invoice", "create", "Second invoice",
                                           "Jane Smith", BASE_TIME + 10 * G_USEC_PER_SEC));

  counts = pb_store_count_events_since (fixture->store, id, BASE_TIME + G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 3);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "invoice_create")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "member_update")), ==, 1);
  g_assert_false (g_hash_table_contains (counts, "opportunity_create"));
  g_assert_false (g_hash_table_contains (counts, "opportunity_item_update"));
}

static void
test_retention (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) left = NULL;
  gint64 now = g_get_real_time ();
  guint removed_signals = 0;

  g_signal_connect (fixture->store, "deliveries-removed", G_CALLBACK (count_signal),
                            &removed_signals);

  /* Ten deliveries a day apart, the newest an hour old, stored out of order. */
  for (guint i = 0; i < 10; i++)
    {
      guint age = (i * 7) % 10;

      g_ptr_array_add (batch, make_simple ("tok", 100 + age,
                                           now - (gint64)3600 * G_USEC_PER_SEC -
                                           age * (gint64)86400 * G_USEC_PER_SEC));
    }
  g_assert_true (pb_store_add_deliveries (fixture->store, batch, &error));

  g_assert_cmpuint (pb_store_apply_retention (fixture->store, 0, 0, &error), ==, 0);
  g_assert_cmpuint (pb_store_apply_retention (fixture->store, 20, 30, &error), ==, 0);
  g_assert_cmpuint (removed_signals, ==, 0);

  /* Older than 5 days: ages 5 to 9. */
  g_assert_cmpuint (pb_store_apply_retention (fixture->store, 0, 5, &error), ==, 5);
  g_assert_no_error (error);
  g_assert_cmpuint (removed_signals, ==, 1);

  g_assert_cmpuint (pb_store_apply_retention (fixture->store, 3, 0, &error), ==, 2);
  left = pb_store_list_deliveries (fixture->store, NULL, &error);
  g_assert_cmpuint (left->len, ==, 3);
  for (guint i = 0; i < left->len; i++)
    g_assert_cmpint (pb_delivery_get_action_id (g_ptr_array_index (left, i)), <=, 102);
}

static void
test_clear (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = save_account (fixture->store, "acme");
  PbDeliveryQuery query = { .text = "globe" };
  PbDeliveryQuery own_query = { 0 };
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(PbAccount) other_account = NULL;
  guint removed_signals = 0;
  gint64 other;

  add_sample_history (fixture->store, id);
  other_account = pb_store_find_account (fixture->store, "other", &error);
  g_assert_no_error (error);
  other = pb_account_get_id (other_account);
  g_signal_connect (fixture->store, "deliveries-removed", G_CALLBACK (count_signal),
                            &removed_signals);
  g_assert_cmpuint (count_matching (fixture->store, &query), ==, 3);

  /* An account's clear takes what its history shows, its own deliveries
   * and the inbox's; the other account keeps its own. */
  g_assert_true (pb_store_clear_deliveries (fixture->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed_signals, ==, 1);
  g_assert_cmpuint (pb_store_count_deliveries (fixture->store, NULL, &error), ==, 1);
  g_assert_cmpuint (count_matching (fixture->store, &query), ==, 0);
  left = pb_store_list_deliveries (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_cmpint (pb_delivery_get_account_id (g_ptr_array_index (left, 0)), ==, other);
  g_assert_cmpint (pb_delivery_get_action_id (g_ptr_array_index (left, 0)), ==, 4);
  own_query.account_id = id;
  g_assert_cmpuint (pb_store_count_deliveries (fixture->store, &own_query, &error), ==, 0);

  g_assert_true (pb_store_clear_deliveries (fixture->store, 0, &error));
  g_assert_cmpuint (pb_store_count_deliveries (fixture->store, NULL, &error), ==, 0);
  g_assert_cmpuint (count_matching (fixture->store, &query), ==, 0);
  g_assert_cmpuint (removed_signals, ==, 2);

  g_assert_true (pb_store_clear_deliveries (fixture->store, 0, &error));
  g_assert_cmpuint (removed_signals, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/patchbay/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/patchbay/store/open-default", test_open_default);
  g_test_add_func ("/patchbay/store/migrate-from-version-1", test_migrate_from_version_1);
  g_test_add_func ("/patchbay/store/migrate-empty-file", test_migrate_empty_file);
  g_test_add_func ("/patchbay/store/newer-version", test_newer_version);
  ADD ("reopen", test_reopen);
  ADD ("accounts", test_accounts);
  ADD ("remove-cascades", test_remove_cascades);
  ADD ("record-sync", test_record_sync);
  ADD ("replace-webhooks", test_replace_webhooks);
  ADD ("replace-compares-extras", test_replace_compares_extras);
  ADD ("replace-unsorted-row", test_replace_unsorted_row);
  ADD ("replace-is-atomic", test_replace_is_atomic);
  ADD ("put-delete-webhook", test_put_delete_webhook);
  ADD ("learned-events", test_learned_events);
  ADD ("tokens", test_tokens);
  ADD ("token-event", test_token_event);
  ADD ("group-commit", test_group_commit);
  ADD ("committed-is-durable", test_committed_is_durable);
  ADD ("add-failure", test_add_failure);
  ADD ("add-failure-code", test_add_failure_code);
  ADD ("retry-detection", test_retry_detection);
  ADD ("retry-in-async-batch", test_retry_in_async_batch);
  ADD ("retry-inbox-accounts", test_retry_inbox_accounts);
  ADD ("search", test_search);
  ADD ("filters", test_filters);
  ADD ("subject-from-event", test_subject_from_event);
  ADD ("paging", test_paging);
  ADD ("count-events", test_count_events);
  ADD ("retention", test_retention);
  ADD ("clear", test_clear);

#undef ADD

  return g_test_run ();
}

/* test-account-session.c: an account's webhooks between the API, the cache and the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pb-account-session.h"
#include "pb-error.h"
#include "pb-test-core.h"

#define SUBDOMAIN "acme"
#define API_KEY "sim-key-123"
#define TARGET "https://hooks.example.com/in"

typedef PbTestSimAccount Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  pb_test_sim_account_set_up (fixture, SUBDOMAIN, API_KEY);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->session != NULL)
    g_assert_finalize_object (g_steal_pointer (&fixture->session));
  pb_test_sim_account_tear_down (fixture);
}

static gboolean
refresh (PbAccountSession  *session,
         PbSyncChanges     *changes,
         GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_account_session_refresh_async (session, NULL, pb_test_store_result, &result);
  PB_TEST_WAIT_FOR (result != NULL, 20);
  return pb_account_session_refresh_finish (session, result, changes, error);
}

static PbWebhook *
create (PbAccountSession  *session,
        PbWebhook         *webhook,
        GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_account_session_create_async (session, webhook, NULL, pb_test_store_result, &result);
  PB_TEST_WAIT_FOR (result != NULL, 20);
  return pb_account_session_create_finish (session, result, error);
}

static PbWebhook *
update (PbAccountSession  *session,
        PbWebhook         *webhook,
        PbWebhookFields    fields,
        GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_account_session_update_async (session, webhook, fields, NULL, pb_test_store_result, &result);
  PB_TEST_WAIT_FOR (result != NULL, 20);
  return pb_account_session_update_finish (session, result, error);
}

static gboolean
delete (PbAccountSession  *session,
        gint64             webhook_id,
        GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_account_session_delete_async (session, webhook_id, NULL, pb_test_store_result, &result);
  PB_TEST_WAIT_FOR (result != NULL, 20);
  return pb_account_session_delete_finish (session, result, error);
}

static GPtrArray *
cached (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *webhooks;

  webhooks = pb_store_list_webhooks (fixture->store, pb_account_get_id (fixture->account),
                                     &error);
  g_assert_no_error (error);
  return webhooks;
}

static PbWebhook *
model_item (PbAccountSession *session,
            guint             position)
{
  PbWebhook *webhook;

  webhook = g_list_model_get_item (pb_account_session_get_webhooks (session), position);
  g_assert_nonnull (webhook);

  /* Borrowed: the list keeps its reference. */
  g_object_unref (webhook);
  return webhook;
}

static guint
model_size (PbAccountSession *session)
{
  return g_list_model_get_n_items (pb_account_session_get_webhooks (session));
}

static void
count_signal (gpointer user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* What one items-changed said; an empty one never has a reason to be sent. */
typedef struct
{
  guint position;
  guint removed;
  guint added;
} ItemsChange;

static void
log_items_changed (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   GArray     *log)
{
  ItemsChange change = { position, removed, added };

  g_assert_true (removed > 0 || added > 0);
  g_array_append_val (log, change);
}

static void
assert_items_change (GArray *log,
                     guint   index,
                     guint   position,
                     guint   removed,
                     guint   added)
{
  ItemsChange *change;

  g_assert_cmpuint (index, <, log->len);
  change = &g_array_index (log, ItemsChange, index);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

static void
assert_sync_changes (const PbSyncChanges *changes,
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

/* Deletes a webhook in the account without the session knowing. */
static void
delete_on_server (Fixture   *fixture,
                  PbWebhook *webhook)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pb_client_delete_webhook_async (fixture->client, pb_webhook_get_id (webhook), NULL,
                                  pb_test_store_result, &result);
  PB_TEST_WAIT_FOR (result != NULL, 20);
  pb_client_delete_webhook_finish (fixture->client, result, &error);
  g_assert_no_error (error);
}

static void
test_loads_cache_offline (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) webhooks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  PbAccountSession *session;

  for (guint i = 0; i < 3; i++)
    {
      PbWebhook *webhook = pb_webhook_new ("Cached", "invoice_create", TARGET, TRUE);

      pb_webhook_set_id (webhook, 10 + i);
      g_ptr_array_add (webhooks, webhook);
    }
  pb_store_replace_webhooks (fixture->store, pb_account_get_id (fixture->account), webhooks,
                             g_get_real_time (), NULL, &error);
  g_assert_no_error (error);
  pb_simulator_stop (fixture->simulator);

  session = pb_test_sim_account_open (fixture);

  g_assert_cmpuint (model_size (session), ==, 3);
  g_assert_cmpint (pb_webhook_get_id (model_item (session, 0)), ==, 10);
  g_assert_cmpint (pb_webhook_get_id (model_item (session, 2)), ==, 12);
  g_assert_true (pb_account_session_find_webhook (session, 11) == model_item (session, 1));
  g_assert_null (pb_account_session_find_webhook (session, 99));
  g_assert_false (pb_account_session_get_syncing (session));
  g_assert_false (pb_account_session_get_offline (session));
  g_assert_cmpuint (pb_simulator_get_request_count (fixture->simulator), ==, 0);
  g_assert_true (pb_account_session_get_store (session) == fixture->store);
  g_assert_true (pb_account_session_get_client (session) == fixture->client);
  g_assert_true (pb_account_session_get_account (session) == fixture->account);
}

static void
test_refresh_changes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbWebhook) kept = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  PbSyncChanges changes = { 0, };
  PbAccountSession *session = pb_test_sim_account_open (fixture);
  PbWebhook *changed;
  PbWebhook *added;
  guint name_notifies = 0;
  gint64 gone_id;

  gone_id = pb_webhook_get_id (pb_simulator_add_webhook (fixture->simulator, "Gone",
                                                         "invoice_create", TARGET, TRUE));
  changed = pb_simulator_add_webhook (fixture->simulator, "Before", "opportunity_update",
                                      TARGET, TRUE);
  pb_simulator_add_webhook (fixture->simulator, "Same", "product_create", TARGET, FALSE);

  g_assert_true (refresh (session, &changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.added, ==, 3);
  g_assert_cmpuint (model_size (session), ==, 3);
  g_assert_cmpint (pb_account_session_get_last_sync (session), >, 0);
  g_assert_cmpint (pb_account_get_last_sync (fixture->account), ==,
                   pb_account_session_get_last_sync (session));

  kept = g_object_ref (pb_account_session_find_webhook (session, pb_webhook_get_id (changed)));
  g_signal_connect_swapped (kept, "notify::name", G_CALLBACK (count_signal), &name_notifies);

  /* Change the account behind the session's back. */
  pb_client_delete_webhook_async (fixture->client, gone_id, NULL, pb_test_store_result, &result);
  PB_TEST_WAIT_FOR (result != NULL, 20);
  pb_client_delete_webhook_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  pb_webhook_set_name (changed, "After");
  added = pb_simulator_add_webhook (fixture->simulator, "New", "invoice_update", TARGET, TRUE);

  g_assert_true (refresh (session, &changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (changes.changed, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.unchanged, ==, 1);

  g_assert_cmpuint (model_size (session), ==, 3);
  g_assert_true (model_item (session, 0) == kept);
  g_assert_cmpstr (pb_webhook_get_name (kept), ==, "After");
  g_assert_cmpuint (name_notifies, ==, 1);
  g_assert_cmpstr (pb_webhook_get_name (model_item (session, 1)), ==, "Same");
  g_assert_cmpint (pb_webhook_get_id (model_item (session, 2)), ==, pb_webhook_get_id (added));
  g_assert_null (pb_account_session_find_webhook (session, gone_id));

  rows = cached (fixture);
  g_assert_cmpuint (rows->len, ==, 3);
}

static void
test_offline_keeps_cache (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbWebhook) first = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  PbAccountSession *session = pb_test_sim_account_open (fixture);
  gint64 last_sync;
  guint offline_notifies = 0;
  guint error_notifies = 0;

  pb_simulator_add_webhook (fixture->simulator, "One", "invoice_create", TARGET, TRUE);
  pb_simulator_add_webhook (fixture->simulator, "Two", "invoice_update", TARGET, TRUE);
  g_assert_true (refresh (session, NULL, &error));
  g_assert_no_error (error);
  last_sync = pb_account_session_get_last_sync (session);
  first = g_object_ref (model_item (session, 0));

  g_signal_connect_swapped (session, "notify::offline", G_CALLBACK (count_signal),
                            &offline_notifies);
  g_signal_connect_swapped (session, "notify::last-error", G_CALLBACK (count_signal),
                            &error_notifies);
  pb_simulator_stop (fixture->simulator);

  g_assert_false (refresh (session, NULL, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_NETWORK);
  g_assert_true (pb_account_session_get_offline (session));
  g_assert_cmpstr (pb_account_session_get_last_error (session), ==, error->message);
  g_assert_cmpstr (pb_account_get_last_error (fixture->account), ==, error->message);
  g_assert_cmpint (pb_account_session_get_last_sync (session), ==, last_sync);
  g_assert_cmpuint (model_size (session), ==, 2);
  g_assert_true (model_item (session, 0) == first);
  rows = cached (fixture);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_error (&error);

  /* A second failure changes nothing that is observed. */
  g_assert_false (refresh (session, NULL, &error));
  g_clear_error (&error);
  g_assert_cmpuint (offline_notifies, ==, 1);
  g_assert_cmpuint (error_notifies, ==, 1);

  pb_simulator_start (fixture->simulator, &error);
  g_assert_no_error (error);
  g_assert_true (refresh (session, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (pb_account_session_get_offline (session));
  g_assert_null (pb_account_session_get_last_error (session));
  g_assert_null (pb_account_get_last_error (fixture->account));
  g_assert_cmpuint (offline_notifies, ==, 2);
  g_assert_cmpuint (error_notifies, ==, 2);
}

static void
test_server_error_is_not_offline (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbAccountSession *session = pb_test_sim_account_open (fixture);

  pb_simulator_inject_fault (fixture->simulator, PB_SIM_FAULT_UNAUTHORIZED, 1);
  g_assert_false (refresh (session, NULL, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_AUTHENTICATION);
  g_assert_false (pb_account_session_get_offline (session));
  g_assert_nonnull (pb_account_session_get_last_error (session));
}

static void
test_update_in_place (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbWebhook) edited = NULL;
  g_autoptr(PbWebhook) updated = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  PbAccountSession *session = pb_test_sim_account_open (fixture);
  PbWebhook *remote;
  PbWebhook *shown;

  remote = pb_simulator_add_webhook (fixture->simulator, "Orders", "opportunity_create",
                                     TARGET, TRUE);
  g_assert_true (refresh (session, NULL, &error));
  shown = pb_account_session_find_webhook (session, pb_webhook_get_id (remote));

  edited = pb_webhook_copy (shown);
  pb_webhook_set_name (edited, "Orders (renamed)");
  pb_webhook_set_active (edited, FALSE);
  updated = update (session, edited, PB_WEBHOOK_FIELD_NAME | PB_WEBHOOK_FIELD_ACTIVE, &error);

  g_assert_no_error (error);
  g_assert_true (updated == shown);
  g_assert_true (model_item (session, 0) == shown);
  g_assert_cmpstr (pb_webhook_get_name (shown), ==, "Orders (renamed)");
  g_assert_false (pb_webhook_get_active (shown));
  g_assert_cmpstr (pb_webhook_get_name (remote), ==, "Orders (renamed)");
  g_assert_false (pb_webhook_get_active (remote));
  rows = cached (fixture);
  g_assert_cmpstr (pb_webhook_get_name (g_ptr_array_index (rows, 0)), ==, "Orders (renamed)");
}

static void
test_refresh_updates_extras (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) extra = json_object_new ();
  PbSyncChanges changes = { 0, };
  PbAccountSession *session = pb_test_sim_account_open (fixture);
  PbWebhook *remote;
  PbWebhook *shown;

  remote = pb_simulator_add_webhook (fixture->simulator, "Orders", "opportunity_create",
                                     TARGET, TRUE);
  g_assert_true (refresh (session, NULL, &error));
  shown = pb_account_session_find_webhook (session, pb_webhook_get_id (remote));

  /* Only an attribute Patchbay does not show changes in Current RMS. */
  json_object_set_int_member (extra, "user_id", 99);
  pb_webhook_set_extra (remote, extra);
  g_assert_true (refresh (session, &changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.changed, ==, 1);

  g_assert_true (pb_account_session_find_webhook (session, pb_webhook_get_id (remote)) == shown);
  g_assert_nonnull (pb_webhook_get_extra (shown));
  g_assert_cmpint (json_object_get_int_member (pb_webhook_get_extra (shown), "user_id"), ==, 99);
}

static void
test_create_and_delete (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbWebhook) webhook = pb_webhook_new ("Invoices", "invoice_create", TARGET, TRUE);
  g_autoptr(PbWebhook) created = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  PbAccountSession *session = pb_test_sim_account_open (fixture);
  gint64 id;

  created = create (session, webhook, &error);
  g_assert_no_error (error);
  id = pb_webhook_get_id (created);
  g_assert_cmpint (id, >, 0);
  g_assert_true (model_item (session, 0) == created);
  g_assert_nonnull (pb_simulator_lookup_webhook (fixture->simulator, id));
  rows = cached (fixture);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (pb_webhook_get_id (g_ptr_array_index (rows, 0)), ==, id);
  g_clear_pointer (&rows, g_ptr_array_unref);

  g_assert_true (delete (session, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (model_size (session), ==, 0);
  g_assert_null (pb_simulator_lookup_webhook (fixture->simulator, id));
  rows = cached (fixture);
  g_assert_cmpuint (rows->len, ==, 0);
}

static void
test_delete_gone_webhook (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbWebhook) stale = pb_webhook_new ("Stale", "invoice_create", TARGET, TRUE);
  g_autoptr(GPtrArray) rows = NULL;
  PbAccountSession *session;

  pb_webhook_set_id (stale, 4242);
  pb_store_put_webhook (fixture->store, pb_account_get_id (fixture->account), stale, &error);
  g_assert_no_error (error);
  session = pb_test_sim_account_open (fixture);
  g_assert_cmpuint (model_size (session), ==, 1);

  g_assert_true (delete (session, 4242, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (model_size (session), ==, 0);
  rows = cached (fixture);
  g_assert_cmpuint (rows->len, ==, 0);
}

static void
test_local_validation (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbWebhook) webhook = pb_webhook_new ("", "Not An Event", "ftp://x", TRUE);
  g_autoptr(PbWebhook) created = NULL;
  PbAccountSession *session = pb_test_sim_account_open (fixture);

  created = create (session, webhook, &error);
  g_assert_null (created);
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_INPUT);
  g_assert_nonnull (pb_error_get_field_message (error, "name"));
  g_assert_nonnull (pb_error_get_field_message (error, "event"));
  g_assert_nonnull (pb_error_get_field_message (error, "target_url"));
  g_assert_cmpuint (pb_simulator_get_request_count (fixture->simulator), ==, 0);
  g_assert_cmpuint (model_size (session), ==, 0);
}

static void
test_server_validation_changes_nothing (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbWebhook) webhook = pb_webhook_new ("New", "invoice_create", TARGET, TRUE);
  g_autoptr(PbWebhook) edited = NULL;
  g_autoptr(PbWebhook) result = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  PbAccountSession *session = pb_test_sim_account_open (fixture);
  PbWebhook *shown;

  pb_simulator_add_webhook (fixture->simulator, "Kept", "invoice_update", TARGET, TRUE);
  g_assert_true (refresh (session, NULL, &error));
  shown = model_item (session, 0);

  pb_simulator_inject_fault (fixture->simulator, PB_SIM_FAULT_VALIDATION, 2);
  result = create (session, webhook, &error);
  g_assert_null (result);
  g_assert_error (error, PB_ERROR, PB_ERROR_VALIDATION);
  g_clear_error (&error);

  edited = pb_webhook_copy (shown);
  pb_webhook_set_name (edited, "Renamed");
  result = update (session, edited, PB_WEBHOOK_FIELD_NAME, &error);
  g_assert_null (result);
  g_assert_error (error, PB_ERROR, PB_ERROR_VALIDATION);

  g_assert_cmpuint (model_size (session), ==, 1);
  g_assert_cmpstr (pb_webhook_get_name (shown), ==, "Kept");
  rows = cached (fixture);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (pb_webhook_get_name (g_ptr_array_index (rows, 0)), ==, "Kept");
}

static void
test_concurrent_refresh_joins (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;
  PbSyncChanges changes_a = { 0, };
  PbSyncChanges changes_b = { 0, };
  PbAccountSession *session = pb_test_sim_account_open (fixture);
  guint syncing_notifies = 0;

  pb_simulator_add_webhook (fixture->simulator, "One", "invoice_create", TARGET, TRUE);
  pb_simulator_set_latency (fixture->simulator, 50);
  g_signal_connect_swapped (session, "notify::syncing", G_CALLBACK (count_signal),
                            &syncing_notifies);

  pb_account_session_refresh_async (session, NULL, pb_test_store_result, &first);
  g_assert_true (pb_account_session_get_syncing (session));
  pb_account_session_refresh_async (session, NULL, pb_test_store_result, &second);
  PB_TEST_WAIT_FOR (first != NULL, 20);
  PB_TEST_WAIT_FOR (second != NULL, 20);

  g_assert_true (pb_account_session_refresh_finish (session, first, &changes_a, &error));
  g_assert_no_error (error);
  g_assert_true (pb_account_session_refresh_finish (session, second, &changes_b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes_a.added, ==, 1);
  g_assert_cmpuint (changes_b.added, ==, 1);
  g_assert_cmpuint (pb_simulator_count_requests (fixture->simulator, "GET"), ==, 1);
  g_assert_false (pb_account_session_get_syncing (session));
  g_assert_cmpuint (syncing_notifies, ==, 2);
}

static void
test_learns_events (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) learned = NULL;
  PbAccountSession *session = pb_test_sim_account_open (fixture);
  PbEventInfo *info;

  pb_simulator_add_webhook (fixture->simulator, "Odd", "widget_polish", TARGET, TRUE);
  pb_simulator_add_webhook (fixture->simulator, "Known", "invoice_create", TARGET, TRUE);
  g_assert_null (pb_catalog_lookup (fixture->catalog, "widget_polish"));

  g_assert_true (refresh (session, NULL, &error));
  g_assert_no_error (error);

  info = pb_catalog_lookup (fixture->catalog, "widget_polish");
  g_assert_nonnull (info);
  g_assert_cmpint (pb_event_info_get_status (info), ==, PB_EVENT_STATUS_LEARNED);
  learned = pb_store_list_learned_events (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char *const *)learned, "widget_polish"));
  g_assert_false (g_strv_contains ((const char *const *)learned, "invoice_create"));
}

static void
test_no_key (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbWebhook) webhook = pb_webhook_new ("Invoices", "invoice_create", TARGET, TRUE);
  g_autoptr(PbWebhook) created = NULL;
  PbAccountSession *session;

  g_clear_object (&fixture->client);
  session = pb_test_sim_account_open (fixture);
  g_assert_null (pb_account_session_get_client (session));

  g_assert_false (refresh (session, NULL, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_AUTHENTICATION);
  g_assert_nonnull (strstr (error->message, SUBDOMAIN));
  g_clear_error (&error);

  created = create (session, webhook, &error);
  g_assert_null (created);
  g_assert_error (error, PB_ERROR, PB_ERROR_AUTHENTICATION);
  g_clear_error (&error);

  g_assert_false (delete (session, 5, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_AUTHENTICATION);
  g_assert_cmpuint (pb_simulator_get_request_count (fixture->simulator), ==, 0);
}

static void
test_own_target (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbWebhook) webhook = pb_webhook_new ("Mine", "invoice_create", NULL, TRUE);
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  PbAccountSession *session = pb_test_sim_account_open (fixture);

  token = pb_store_create_token (fixture->store, pb_account_get_id (fixture->account), &error);
  g_assert_no_error (error);

  url = g_strdup_printf ("https://tunnel.example.com/hooks/%s", token);
  pb_webhook_set_target_url (webhook, url);
  g_assert_true (pb_account_session_is_own_target (session, webhook));
  g_free (url);

  url = g_strdup_printf ("https://tunnel.example.com/hooks/%s?x=1", token);
  pb_webhook_set_target_url (webhook, url);
  g_assert_true (pb_account_session_is_own_target (session, webhook));

  pb_webhook_set_target_url (webhook, "https://tunnel.example.com/hooks/someone-else");
  g_assert_false (pb_account_session_is_own_target (session, webhook));
  pb_webhook_set_target_url (webhook, "https://tunnel.example.com/hooks/");
  g_assert_false (pb_account_session_is_own_target (session, webhook));
  pb_webhook_set_target_url (webhook, TARGET);
  g_assert_false (pb_account_session_is_own_target (session, webhook));
}

static void
test_dispose_cancels (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbAccountSession) session = NULL;

  pb_simulator_add_webhook (fixture->simulator, "One", "invoice_create", TARGET, TRUE);
  pb_simulator_set_latency (fixture->simulator, 10000);
  session = g_object_ref (pb_test_sim_account_open (fixture));

  pb_account_session_refresh_async (session, NULL, pb_test_store_result, &result);
  g_object_run_dispose (G_OBJECT (session));
  PB_TEST_WAIT_FOR (result != NULL, 20);

  g_assert_false (pb_account_session_refresh_finish (session, result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (pb_account_session_get_last_error (session));
  g_assert_null (pb_account_get_last_error (fixture->account));
  g_assert_false (pb_account_session_get_syncing (session));
  g_clear_object (&fixture->session);
}

static void
test_caller_cancels (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  PbAccountSession *session = pb_test_sim_account_open (fixture);

  pb_simulator_set_latency (fixture->simulator, 10000);
  pb_account_session_refresh_async (session, cancellable, pb_test_store_result, &result);
  g_cancellable_cancel (cancellable);
  PB_TEST_WAIT_FOR (result != NULL, 20);

  g_assert_false (pb_account_session_refresh_finish (session, result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (pb_account_session_get_syncing (session));
  g_assert_null (pb_account_session_get_last_error (session));
}

static void
test_many_webhooks_one_splice (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbAccountSession *session = pb_test_sim_account_open (fixture);
  guint changes = 0;

  for (guint i = 0; i < 250; i++)
    pb_simulator_add_webhook (fixture->simulator, "Bulk", "invoice_create", TARGET, TRUE);
  g_signal_connect_swapped (pb_account_session_get_webhooks (session), "items-changed",
                            G_CALLBACK (count_signal), &changes);

  g_assert_true (refresh (session, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (model_size (session), ==, 250);
  g_assert_cmpuint (changes, ==, 1);

  /* Every webhook replaced: one change, not one per removal. */
  pb_simulator_clear_webhooks (fixture->simulator);
  for (guint i = 0; i < 200; i++)
    pb_simulator_add_webhook (fixture->simulator, "Other", "invoice_update", TARGET, TRUE);
  g_assert_true (refresh (session, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (model_size (session), ==, 200);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpstr (pb_webhook_get_name (model_item (session, 199)), ==, "Other");
}

/* Each refresh sends the list's signals that its changes need, and no more. */
static void
test_refresh_signals (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (ItemsChange));
  g_autoptr(GPtrArray) server = g_ptr_array_new ();
  PbAccountSession *session = pb_test_sim_account_open (fixture);
  GListModel *model = pb_account_session_get_webhooks (session);
  PbSyncChanges changes = { 0, };
  guint notifies = 0;

  for (guint i = 0; i < 20; i++)
    g_ptr_array_add (server, pb_simulator_add_webhook (fixture->simulator, "Hook",
                                                       "invoice_create", TARGET, TRUE));
  g_assert_true (refresh (session, NULL, &error));
  g_assert_no_error (error);
  g_signal_connect (model, "items-changed", G_CALLBACK (log_items_changed), log);
  for (guint i = 0; i < 20; i++)
    {
      g_assert_cmpint (pb_webhook_get_id (model_item (session, i)), ==,
                       pb_webhook_get_id (g_ptr_array_index (server, i)));
      g_signal_connect_swapped (model_item (session, i), "notify", G_CALLBACK (count_signal),
                                &notifies);
    }

  g_assert_true (refresh (session, &changes, &error));
  assert_sync_changes (&changes, 0, 0, 0, 20);
  g_assert_cmpuint (log->len, ==, 0);
  g_assert_cmpuint (notifies, ==, 0);

  /* Changed in place: the rows notify, the list does not change. */
  for (guint i = 0; i < 10; i++)
    pb_webhook_set_name (g_ptr_array_index (server, 2 * i), "Renamed");
  g_assert_true (refresh (session, &changes, &error));
  assert_sync_changes (&changes, 0, 10, 0, 10);
  g_assert_cmpuint (log->len, ==, 0);
  g_assert_cmpuint (notifies, ==, 10);
  g_assert_cmpstr (pb_webhook_get_name (model_item (session, 18)), ==, "Renamed");

  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (server, pb_simulator_add_webhook (fixture->simulator, "New",
                                                       "invoice_update", TARGET, TRUE));
  g_assert_true (refresh (session, &changes, &error));
  assert_sync_changes (&changes, 5, 0, 0, 20);
  g_assert_cmpuint (log->len, ==, 1);
  assert_items_change (log, 0, 20, 0, 5);

  /* Adjacent removals leave in one splice, others in one each. */
  for (guint i = 3; i < 8; i++)
    delete_on_server (fixture, g_ptr_array_index (server, i));
  g_assert_true (refresh (session, &changes, &error));
  assert_sync_changes (&changes, 0, 0, 5, 20);
  g_assert_cmpuint (log->len, ==, 2);
  assert_items_change (log, 1, 3, 5, 0);

  delete_on_server (fixture, g_ptr_array_index (server, 0));
  delete_on_server (fixture, g_ptr_array_index (server, 10));
  g_assert_true (refresh (session, &changes, &error));
  assert_sync_changes (&changes, 0, 0, 2, 18);
  g_assert_cmpuint (log->len, ==, 4);
  assert_items_change (log, 2, 5, 1, 0);
  assert_items_change (log, 3, 0, 1, 0);

  /* The last two go and one comes: the same splice replaces them. */
  delete_on_server (fixture, g_ptr_array_index (server, 23));
  delete_on_server (fixture, g_ptr_array_index (server, 24));
  pb_simulator_add_webhook (fixture->simulator, "Newer", "invoice_update", TARGET, TRUE);
  g_assert_true (refresh (session, &changes, &error));
  assert_sync_changes (&changes, 1, 0, 2, 16);
  g_assert_cmpuint (log->len, ==, 5);
  assert_items_change (log, 4, 16, 2, 1);
  g_assert_cmpuint (model_size (session), ==, 17);
  g_assert_cmpstr (pb_webhook_get_name (model_item (session, 16)), ==, "Newer");

  g_assert_cmpuint (notifies, ==, 10);
  g_signal_handlers_disconnect_by_data (model, log);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/patchbay/account-session/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("loads-cache-offline", test_loads_cache_offline);
  ADD ("refresh-changes", test_refresh_changes);
  ADD ("offline-keeps-cache", test_offline_keeps_cache);
  ADD ("server-error-is-not-offline", test_server_error_is_not_offline);
  ADD ("update-in-place", test_update_in_place);
  ADD ("refresh-updates-extras", test_refresh_updates_extras);
  ADD ("create-and-delete", test_create_and_delete);
  ADD ("delete-gone-webhook", test_delete_gone_webhook);
  ADD ("local-validation", test_local_validation);
  ADD ("server-validation-changes-nothing", test_server_validation_changes_nothing);
  ADD ("concurrent-refresh-joins", test_concurrent_refresh_joins);
  ADD ("learns-events", test_learns_events);
  ADD ("no-key", test_no_key);
  ADD ("own-target", test_own_target);
  ADD ("dispose-cancels", test_dispose_cancels);
  ADD ("caller-cancels", test_caller_cancels);
  ADD ("refresh-signals", test_refresh_signals);
  ADD ("many-webhooks-one-splice", test_many_webhooks_one_splice);

#undef ADD

  return g_test_run ();
}

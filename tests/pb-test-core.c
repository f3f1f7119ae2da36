/* pb-test-core.c: fixtures and waits shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-test"

#include "config.h"

#include "pb-secrets.h"
#include "pb-test-core.h"

/* Wakes the main context now and then, so that a condition changed by
 * another thread is seen even when nothing else is dispatched. */
#define HEARTBEAT_MS 20

struct _PbTestWait
{
  gint64 deadline;
  guint  seconds;
  guint  heartbeat_id;
};

/**
 * pb_test_store_new:
 *
 * Opens a new database in the test's data directory. The test must have
 * been started with %G_TEST_OPTION_ISOLATE_DIRS, which gives every test case
 * a directory of its own and removes it afterwards.
 *
 * Returns: (transfer full): an empty store
 */
PbStore *
pb_test_store_new (void)
{
  static guint n_stores;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("test-%u.db", n_stores++);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  PbStore *store;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  store = pb_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

/**
 * pb_test_require_keyring:
 *
 * Checks that a secret service answers. Without one the test fails, since
 * a missing keyring must never pass for a working one; only
 * `PATCHBAY_TEST_NO_KEYRING=1` in the environment turns that into a skip.
 *
 * Returns: whether the test can go on
 */
gboolean
pb_test_require_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  key = pb_secrets_lookup_sync ("pbtest-probe", NULL, NULL, &error);
  if (error == NULL)
    return TRUE;

  if (g_strcmp0 (g_getenv ("PATCHBAY_TEST_NO_KEYRING"), "1") == 0)
    {
      g_test_skip ("PATCHBAY_TEST_NO_KEYRING=1 and no secret service is reachable");
      return FALSE;
    }

  g_test_fail_printf ("No secret service is reachable (%s). Run the test inside "
                      "dbus-run-session with an unlocked gnome-keyring-daemon, or set "
                      "PATCHBAY_TEST_NO_KEYRING=1 to skip the keyring tests.",
                      error->message);
  return FALSE;
}

/**
 * pb_test_sim_account_set_up:
 * @sim: the fixture to fill
 * @subdomain: the account's subdomain
 * @api_key: the key the simulator accepts
 *
 * Starts a simulator on 127.0.0.1 and saves its account in a new store.
 * The client makes a single attempt, so that a failure shows at once
 * instead of after back-off. The session is left for
 * pb_test_sim_account_open(), so that a test can first prepare the
 * simulator and the store.
 */
void
pb_test_sim_account_set_up (PbTestSimAccount *sim,
                            const char       *subdomain,
                            const char       *api_key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *api_base = NULL;

  g_assert (sim != NULL);
  g_assert (sim->simulator == NULL);

  sim->simulator = pb_simulator_new (subdomain, api_key);
  pb_simulator_start (sim->simulator, &error);
  g_assert_no_error (error);
  api_base = pb_simulator_dup_api_base (sim->simulator);

  sim->store = pb_test_store_new ();
  sim->account = pb_account_new (subdomain);
  pb_account_set_api_base (sim->account, api_base);
  pb_store_save_account (sim->store, sim->account, &error);
  g_assert_no_error (error);

  sim->http = pb_client_session_new ();
  sim->client = pb_client_new (sim->http, api_base, subdomain, api_key);
  pb_client_set_retry_policy (sim->client, 1, 0, 0);
  sim->catalog = pb_catalog_new ();
}

/**
 * pb_test_sim_account_open:
 * @sim: a fixture set up by pb_test_sim_account_set_up()
 *
 * Opens a new session on the account, dropping any earlier one.
 *
 * Returns: (transfer none): the session, also in @sim
 */
PbAccountSession *
pb_test_sim_account_open (PbTestSimAccount *sim)
{
  g_assert (sim != NULL);
  g_assert (sim->store != NULL);

  g_clear_object (&sim->session);
  sim->session = pb_account_session_new (sim->store, sim->account, sim->client, sim->catalog);

  return sim->session;
}

/**
 * pb_test_sim_account_refresh:
 * @sim: a fixture with an open session
 *
 * Refreshes the session from the simulator, failing the test on an error.
 */
void
pb_test_sim_account_refresh (PbTestSimAccount *sim)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (sim != NULL);
  g_assert (sim->session != NULL);

  pb_account_session_refresh_async (sim->session, NULL, pb_test_store_result, &result);
  PB_TEST_WAIT_FOR (result != NULL, 20);
  g_assert_true (pb_account_session_refresh_finish (sim->session, result, NULL, &error));
  g_assert_no_error (error);
}

/**
 * pb_test_sim_account_tear_down:
 * @sim: a fixture set up by pb_test_sim_account_set_up()
 *
 * Releases the session and stops the simulator. A test that checks that
 * the session is finalized takes it out of @sim first.
 */
void
pb_test_sim_account_tear_down (PbTestSimAccount *sim)
{
  g_assert (sim != NULL);

  g_clear_object (&sim->session);
  g_clear_object (&sim->client);
  g_clear_object (&sim->http);
  g_clear_object (&sim->catalog);
  g_clear_object (&sim->account);
  if (sim->simulator != NULL)
    pb_simulator_stop (sim->simulator);
  g_clear_object (&sim->simulator);
  g_clear_object (&sim->store);
}

/**
 * pb_test_count_sim_webhooks:
 * @simulator: a simulator
 * @event: an event
 * @target_url: a target URL
 *
 * Returns: how many of the simulator's webhooks send @event to @target_url
 */
guint
pb_test_count_sim_webhooks (PbSimulator *simulator,
                            const char  *event,
                            const char  *target_url)
{
  g_autoptr(GPtrArray) webhooks = pb_simulator_list_webhooks (simulator);
  guint count = 0;

  for (guint i = 0; i < webhooks->len; i++)
    {
      PbWebhook *webhook = g_ptr_array_index (webhooks, i);

      if (g_str_equal (pb_webhook_get_event (webhook), event) &&
          g_str_equal (pb_webhook_get_target_url (webhook), target_url))
        count++;
    }

  return count;
}

/**
 * pb_test_count_notify:
 * @object: the object that changed
 * @pspec: the property that changed
 * @user_data: a `guint *` to increment
 *
 * A #GObject::notify handler that counts the notifications.
 */
void
pb_test_count_notify (GObject    *object,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

/**
 * pb_test_store_result:
 * @object: the source object
 * @result: the result
 * @user_data: a `GAsyncResult **` that is still %NULL
 *
 * A #GAsyncReadyCallback that keeps a reference to @result in @user_data,
 * for a test to wait on with PB_TEST_WAIT_FOR().
 */
void
pb_test_store_result (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static gboolean
heartbeat_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * pb_test_wait_begin: (skip)
 * @seconds: how long the wait may take
 *
 * Returns: (transfer full): a wait for PB_TEST_WAIT_FOR()
 */
PbTestWait *
pb_test_wait_begin (guint seconds)
{
  PbTestWait *wait = g_new0 (PbTestWait, 1);

  g_assert (seconds > 0);

  wait->seconds = seconds;
  wait->deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  wait->heartbeat_id = g_timeout_add (HEARTBEAT_MS, heartbeat_cb, NULL);

  return wait;
}

/**
 * pb_test_wait_iterate: (skip)
 * @wait: the wait
 * @file: where the wait is
 * @line: where the wait is
 * @func: where the wait is
 * @condition: what the wait is for, as written
 *
 * Runs one iteration of the default main context, or fails the test when
 * the time of @wait is over.
 *
 * Returns: %FALSE when the wait is over and assertions are not fatal
 */
gboolean
pb_test_wait_iterate (PbTestWait *wait,
                      const char *file,
                      int         line,
                      const char *func,
                      const char *condition)
{
  g_autofree char *message = NULL;

  g_assert (wait != NULL);

  if (g_get_monotonic_time () < wait->deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      return TRUE;
    }

  message = g_strdup_printf ("timed out after %u s waiting for: %s", wait->seconds, condition);
  g_assertion_message (G_LOG_DOMAIN, file, line, func, message);

  return FALSE;
}

/**
 * pb_test_wait_end: (skip)
 * @wait: (transfer full): the wait
 */
void
pb_test_wait_end (PbTestWait *wait)
{
  g_assert (wait != NULL);

  g_source_remove (wait->heartbeat_id);
  g_free (wait);
}

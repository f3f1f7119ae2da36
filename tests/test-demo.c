/* test-demo.c: the demo account on the simulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pb-demo.h"
#include "pb-test-core.h"

#define TIMEOUT_SECONDS 20

typedef struct
{
  PbStore    *store;
  PbReceiver *receiver;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = pb_test_store_new ();
  f->receiver = pb_receiver_new (f->store);
  pb_receiver_set_address (f->receiver, "127.0.0.1");
  pb_receiver_set_port (f->receiver, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pb_receiver_stop (f->receiver);
  g_clear_object (&f->receiver);
  g_clear_object (&f->store);
}

static PbDemo *
start_demo (Fixture *f)
{
  g_autoptr(PbDemo) demo = pb_demo_new (f->store, f->receiver);
  g_autoptr(GError) error = NULL;

  pb_demo_set_scenario_interval (demo, 0);
  g_assert_true (pb_demo_start (demo, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&demo);
}

static GPtrArray *
list_with_client (PbDemo *demo)
{
  g_autoptr(PbClient) client = pb_demo_create_client (demo, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *webhooks;

  pb_client_list_webhooks_async (client, NULL, pb_test_store_result, &result);
  PB_TEST_WAIT_FOR (result != NULL, TIMEOUT_SECONDS);
  webhooks = pb_client_list_webhooks_finish (client, result, &error);
  g_assert_no_error (error);

  return webhooks;
}

static guint
count_demo_accounts (PbStore *store)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  accounts = pb_store_list_accounts (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < accounts->len; i++)
    if (pb_account_get_demo (g_ptr_array_index (accounts, i)))
      n++;

  return n;
}

/* The sample webhook that delivers to Patchbay's own receiver. */
static PbWebhook *
find_own_webhook (GPtrArray  *webhooks,
                  const char *local_base)
{
  for (guint i = 0; i < webhooks->len; i++)
    {
      PbWebhook *webhook = g_ptr_array_index (webhooks, i);

      if (g_str_has_prefix (pb_webhook_get_target_url (webhook), local_base) &&
          pb_webhook_get_active (webhook))
        return webhook;
    }

  return NULL;
}

static void
on_delivery (PbReceiver *receiver,
             PbDelivery *delivery,
             gpointer    user_data)
{
  gboolean *delivered = user_data;

  *delivered = TRUE;
}

static void
test_start (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDemo) demo = NULL;
  g_autoptr(PbAccount) stored = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) served = NULL;
  g_autofree char *local_base = NULL;
  PbDeliveryQuery query = { 0, };
  PbWebhook *own;
  gboolean delivered = FALSE;

  g_assert_true (pb_receiver_start (f->receiver, &error));
  g_assert_no_error (error);
  demo = start_demo (f);

  g_assert_true (pb_account_get_demo (pb_demo_get_account (demo)));
  g_assert_cmpint (pb_account_get_id (pb_demo_get_account (demo)), >, 0);
  stored = pb_store_get_account (f->store, pb_account_get_id (pb_demo_get_account (demo)),
                                 &error);
  g_assert_no_error (error);
  g_assert_true (pb_account_get_demo (stored));
  g_assert_cmpstr (pb_account_get_subdomain (stored), ==, PB_DEMO_SUBDOMAIN);
  g_assert_true (g_str_has_prefix (pb_account_get_api_base (stored), "http://127.0.0.1:"));
  g_assert_cmpuint (count_demo_accounts (f->store), ==, 1);

  listed = list_with_client (demo);
  served = pb_simulator_list_webhooks (pb_demo_get_simulator (demo));
  g_assert_cmpuint (listed->len, >, 0);
  g_assert_cmpuint (listed->len, ==, served->len);

  local_base = pb_receiver_dup_local_base (f->receiver);
  own = find_own_webhook (listed, local_base);
  g_assert_nonnull (own);

  g_signal_connect (f->receiver, "delivery", G_CALLBACK (on_delivery), &delivered);
  g_assert_cmpuint (pb_simulator_fire_event (pb_demo_get_simulator (demo),
                                             pb_webhook_get_event (own), 1234), >, 0);
  PB_TEST_WAIT_FOR (delivered, TIMEOUT_SECONDS);

  query.event = pb_webhook_get_event (own);
  g_assert_cmpuint (pb_store_count_deliveries (f->store, &query, &error), ==, 1);
  g_assert_no_error (error);
}

static char *
dup_own_target (PbDemo  *demo,
                Fixture *f)
{
  g_autoptr(GPtrArray) webhooks = pb_simulator_list_webhooks (pb_demo_get_simulator (demo));
  g_autofree char *local_base = pb_receiver_dup_local_base (f->receiver);
  PbWebhook *own = find_own_webhook (webhooks, local_base);

  g_assert_nonnull (own);
  return g_strdup (pb_webhook_get_target_url (own));
}

static void
test_relaunch (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDemo) first = NULL;
  g_autoptr(PbDemo) second = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autofree char *first_target = NULL;
  g_autofree char *second_target = NULL;
  gint64 account_id;

  first = start_demo (f);
  account_id = pb_account_get_id (pb_demo_get_account (first));
  first_target = dup_own_target (first, f);

  /* What a refresh would have cached before the app closed. */
  listed = list_with_client (first);
  g_assert_true (pb_store_replace_webhooks (f->store, account_id, listed, g_get_real_time (),
                                            NULL, &error));
  g_assert_no_error (error);
  pb_demo_stop (first);
  g_assert_null (pb_demo_get_simulator (first));
  g_clear_object (&first);

  second = start_demo (f);
  second_target = dup_own_target (second, f);

  g_assert_cmpuint (count_demo_accounts (f->store), ==, 1);
  g_assert_cmpint (pb_account_get_id (pb_demo_get_account (second)), ==, account_id);
  g_assert_cmpstr (first_target, ==, second_target);
}

typedef struct
{
  guint    failed;
  gboolean retried;
} Attempts;

static void
on_attempted (PbSimulator *simulator,
              const char  *redacted_url,
              guint        status,
              guint        attempt,
              gpointer     user_data)
{
  Attempts *attempts = user_data;

  if (status == 0)
    attempts->failed++;
  if (attempts->failed >= 2)
    attempts->retried = TRUE;
}

static guint
closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);

  return port;
}

static void
test_receiver_down (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PbDemo) demo = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autofree char *local_base = NULL;
  const guint delays[] = { 10, 10 };
  Attempts attempts = { 0, FALSE };
  PbWebhook *own;

  pb_receiver_set_port (f->receiver, closed_port ());
  demo = start_demo (f);
  pb_simulator_set_delivery_retry_delays (pb_demo_get_simulator (demo), delays,
                                          G_N_ELEMENTS (delays));
  g_signal_connect (pb_demo_get_simulator (demo), "delivery-attempted",
                    G_CALLBACK (on_attempted), &attempts);

  listed = list_with_client (demo);
  local_base = pb_receiver_dup_local_base (f->receiver);
  own = find_own_webhook (listed, local_base);
  g_assert_nonnull (own);

  g_assert_cmpuint (pb_simulator_fire_event (pb_demo_get_simulator (demo),
                                             pb_webhook_get_event (own), 99), >, 0);
  /* The failed delivery is tried again, as Current RMS does. */
  PB_TEST_WAIT_FOR (attempts.retried, TIMEOUT_SECONDS);

  g_assert_false (pb_receiver_get_listening (f->receiver));
  g_assert_true (pb_simulator_get_running (pb_demo_get_simulator (demo)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/patchbay/demo/start", Fixture, NULL,
              fixture_set_up, test_start, fixture_tear_down);
  g_test_add ("/patchbay/demo/relaunch", Fixture, NULL,
              fixture_set_up, test_relaunch, fixture_tear_down);
  g_test_add ("/patchbay/demo/receiver-down", Fixture, NULL,
              fixture_set_up, test_receiver_down, fixture_tear_down);

  return g_test_run ();
}

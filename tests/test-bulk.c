/* test-bulk.c: planning and creating many webhooks to one target
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pb-bulk.h"
#include "pb-error.h"
#include "pb-test-core.h"

#define SUBDOMAIN "acme"
#define API_KEY "bulk-key-42"
#define TARGET "https://hooks.example.com/bulk"
#define OTHER_TARGET "https://elsewhere.example.com/in"

typedef PbTestSimAccount Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  pb_test_sim_account_set_up (fixture, SUBDOMAIN, API_KEY);

  /* One event already delivers to the target (inactive: it still counts),
   * another only to a different URL. */
  pb_simulator_add_webhook (fixture->simulator, "Members in", "member_create", TARGET, FALSE);
  pb_simulator_add_webhook (fixture->simulator, "Invoices out", "invoice_create",
                            OTHER_TARGET, TRUE);

  pb_test_sim_account_open (fixture);
  pb_test_sim_account_refresh (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->session));
  pb_test_sim_account_tear_down (fixture);
}

static PbBulkItem *
item_at (PbBulkPlan *plan,
         guint       position)
{
  g_autoptr(PbBulkItem) item = g_list_model_get_item (pb_bulk_plan_get_items (plan), position);

  g_assert_nonnull (item);
  /* The plan keeps its own reference. */
  return item;
}

static void
assert_item (PbBulkPlan   *plan,
             guint         position,
             const char   *event,
             PbBulkAction  action)
{
  PbBulkItem *item = item_at (plan, position);

  g_assert_cmpstr (pb_bulk_item_get_event (item), ==, event);
  g_assert_cmpint (pb_bulk_item_get_action (item), ==, action);
  if (action == PB_BULK_ACTION_SKIP)
    {
      g_assert_cmpint (pb_bulk_item_get_state (item), ==, PB_BULK_STATE_SKIPPED);
      g_assert_nonnull (pb_bulk_item_get_skip_reason (item));
    }
  else
    {
      g_assert_cmpint (pb_bulk_item_get_state (item), ==, PB_BULK_STATE_PENDING);
      g_assert_null (pb_bulk_item_get_skip_reason (item));
    }
}

static guint
count_on_simulator (Fixture    *fixture,
                    const char *event,
                    const char *target_url)
{
  return pb_test_count_sim_webhooks (fixture->simulator, event, target_url);
}

static gboolean
run (PbBulkPlan    *plan,
     GCancellable  *cancellable,
     GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_bulk_plan_run_async (plan, cancellable, pb_test_store_result, &result);
  g_assert_true (pb_bulk_plan_get_running (plan));
  PB_TEST_WAIT_FOR (result != NULL, 20);
  g_assert_false (pb_bulk_plan_get_running (plan));
  return pb_bulk_plan_run_finish (plan, result, error);
}

static void
test_plan_skips (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *events[] = {
    "member_create", "opportunity_update", "invoice_create", "opportunity_create",
    "opportunity_update", "member_create", NULL,
  };
  g_autoptr(PbBulkPlan) plan = NULL;
  g_autofree char *summary = NULL;

  plan = pb_bulk_plan_new (fixture->session, events, "  " TARGET " ", NULL, TRUE);

  /* Catalog order: opportunity, then invoice, then member. */
  g_assert_cmpuint (g_list_model_get_n_items (pb_bulk_plan_get_items (plan)), ==, 6);
  assert_item (plan, 0, "opportunity_create", PB_BULK_ACTION_CREATE);
  assert_item (plan, 1, "opportunity_update", PB_BULK_ACTION_CREATE);
  assert_item (plan, 2, "opportunity_update", PB_BULK_ACTION_SKIP);
  assert_item (plan, 3, "invoice_create", PB_BULK_ACTION_CREATE);
  assert_item (plan, 4, "member_create", PB_BULK_ACTION_SKIP);
  assert_item (plan, 5, "member_create", PB_BULK_ACTION_SKIP);
  g_assert_nonnull (strstr (pb_bulk_item_get_skip_reason (item_at (plan, 4)), "Members in"));
  g_assert_cmpstr (pb_bulk_item_get_skip_reason (item_at (plan, 2)), ==,
                   pb_bulk_item_get_skip_reason (item_at (plan, 5)));

  g_assert_cmpuint (pb_bulk_plan_get_n_create (plan), ==, 3);
  g_assert_cmpuint (pb_bulk_plan_get_n_skip (plan), ==, 3);
  g_assert_cmpuint (pb_bulk_plan_get_n_done (plan), ==, 0);
  g_assert_cmpfloat (pb_bulk_plan_get_fraction (plan), ==, 0.0);
  g_assert_cmpstr (pb_bulk_plan_get_target_url (plan), ==, TARGET);
  g_assert_cmpuint (pb_bulk_plan_get_pause (plan), ==, PB_BULK_DEFAULT_PAUSE_MS);

  summary = pb_bulk_plan_dup_summary (plan);
  g_assert_cmpstr (summary, ==,
                   "Create 3 webhooks, skip 1 that already exists with this URL, "
                   "skip 2 listed twice.");
}

static void
test_plan_summary (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *one[] = { "opportunity_create", NULL };
  const char *existing[] = { "member_create", NULL };
  g_autoptr(PbBulkPlan) single = NULL;
  g_autoptr(PbBulkPlan) nothing = NULL;
  g_autoptr(PbBulkPlan) empty = NULL;
  g_autofree char *single_summary = NULL;
  g_autofree char *nothing_summary = NULL;

  single = pb_bulk_plan_new (fixture->session, one, TARGET, NULL, TRUE);
  single_summary = pb_bulk_plan_dup_summary (single);
  g_assert_cmpstr (single_summary, ==, "Create 1 webhook.");

  nothing = pb_bulk_plan_new (fixture->session, existing, TARGET, NULL, TRUE);
  nothing_summary = pb_bulk_plan_dup_summary (nothing);
  g_assert_cmpstr (nothing_summary, ==,
                   "Nothing to create, skip 1 that already exists with this URL.");

  /* The same event elsewhere does not count as existing. */
  g_clear_object (&nothing);
  nothing = pb_bulk_plan_new (fixture->session, existing, OTHER_TARGET, NULL, TRUE);
  g_assert_cmpuint (pb_bulk_plan_get_n_create (nothing), ==, 1);

  empty = pb_bulk_plan_new (fixture->session, NULL, TARGET, NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (pb_bulk_plan_get_items (empty)), ==, 0);
}

static void
test_names (Fixture       *fixture,
            gconstpointer  data)
{
  const char *events[] = { "opportunity_convert_to_order", "stock_level_create", NULL };
  g_autoptr(PbEventInfo) info = pb_catalog_describe (fixture->catalog,
                                                     "opportunity_convert_to_order");
  g_autoptr(PbEventInfo) custom = pb_catalog_describe (fixture->catalog, "widget_polish");
  g_autoptr(PbBulkPlan) plan = NULL;
  g_autofree char *by_default = pb_bulk_format_name (NULL, info);
  g_autofree char *blank = pb_bulk_format_name ("   ", info);
  g_autofree char *raw = pb_bulk_format_name ("{event} to ERP", info);
  g_autofree char *mixed = pb_bulk_format_name (" {subject}/{action} {nope} {", info);
  g_autofree char *uncatalogued = pb_bulk_format_name ("{subject}: {action}", custom);

  g_assert_cmpstr (pb_bulk_default_name_template (), ==, "{subject} · {action}");
  g_assert_cmpstr (by_default, ==, "Opportunity · Convert to order");
  g_assert_cmpstr (blank, ==, by_default);
  g_assert_cmpstr (raw, ==, "opportunity_convert_to_order to ERP");
  g_assert_cmpstr (mixed, ==, "Opportunity/Convert to order {nope} {");
  g_assert_cmpstr (uncatalogued, ==, "Widget: Polish");

  plan = pb_bulk_plan_new (fixture->session, events, TARGET, "ERP {event}", TRUE);
  g_assert_cmpstr (pb_bulk_item_get_name (item_at (plan, 0)), ==,
                   "ERP opportunity_convert_to_order");
  g_assert_cmpstr (pb_bulk_item_get_name (item_at (plan, 1)), ==, "ERP stock_level_create");
}

static void
test_run (Fixture       *fixture,
          gconstpointer  data)
{
  const char *events[] = {
    "opportunity_create", "member_create", "invoice_create", "product_update", NULL,
  };
  GListModel *webhooks = pb_account_session_get_webhooks (fixture->session);
  guint listed = g_list_model_get_n_items (webhooks);
  guint posts = pb_simulator_count_requests (fixture->simulator, "POST");
  g_autoptr(PbBulkPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  guint done_notes = 0;

  plan = pb_bulk_plan_new (fixture->session, events, TARGET, "{event}", FALSE);
  g_assert_cmpuint (pb_bulk_plan_get_n_create (plan), ==, 3);
  pb_bulk_plan_set_pause (plan, 0);
  g_signal_connect (plan, "notify::n-done", G_CALLBACK (pb_test_count_notify), &done_notes);

  g_assert_true (run (plan, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (pb_simulator_count_requests (fixture->simulator, "POST"), ==, posts + 3);
  g_assert_cmpuint (done_notes, ==, 3);
  g_assert_cmpuint (pb_bulk_plan_get_n_done (plan), ==, 3);
  g_assert_cmpuint (pb_bulk_plan_get_n_failed (plan), ==, 0);
  g_assert_cmpfloat (pb_bulk_plan_get_fraction (plan), ==, 1.0);
  g_assert_cmpuint (g_list_model_get_n_items (webhooks), ==, listed + 3);

  for (guint i = 0; i < 4; i++)
    {
      PbBulkItem *item = item_at (plan, i);
      const char *event = pb_bulk_item_get_event (item);
      PbWebhook *created;

      if (g_str_equal (event, "member_create"))
        {
          g_assert_cmpint (pb_bulk_item_get_state (item), ==, PB_BULK_STATE_SKIPPED);
          g_assert_cmpuint (count_on_simulator (fixture, event, TARGET), ==, 1);
          continue;
        }

      g_assert_cmpint (pb_bulk_item_get_state (item), ==, PB_BULK_STATE_DONE);
      g_assert_null (pb_bulk_item_get_error_message (item));
      created = pb_simulator_lookup_webhook (fixture->simulator,
                                             pb_bulk_item_get_webhook_id (item));
      g_assert_nonnull (created);
      g_assert_cmpstr (pb_webhook_get_event (created), ==, event);
      g_assert_cmpstr (pb_webhook_get_name (created), ==, event);
      g_assert_cmpstr (pb_webhook_get_target_url (created), ==, TARGET);
      g_assert_false (pb_webhook_get_active (created));
      g_assert_nonnull (pb_account_session_find_webhook (fixture->session,
                                                         pb_webhook_get_id (created)));
      g_assert_cmpuint (count_on_simulator (fixture, event, TARGET), ==, 1);
    }
}

typedef struct
{
  PbSimulator *simulator;
  PbSimFault   fault;
} Injection;

/* The fault hits the request after the first one, and only that one. */
static void
inject_after_first (PbBulkItem *item,
                    GParamSpec *pspec,
                    Injection  *injection)
{
  if (pb_bulk_item_get_state (item) == PB_BULK_STATE_DONE)
    pb_simulator_inject_fault (injection->simulator, injection->fault, 1);
}

static void
test_failure (Fixture       *fixture,
              gconstpointer  data)
{
  const char *events[] = { "opportunity_create", "opportunity_update", "product_create", NULL };
  Injection injection = { fixture->simulator, GPOINTER_TO_INT (data) };
  guint posts = pb_simulator_count_requests (fixture->simulator, "POST");
  g_autoptr(PbBulkPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  PbBulkItem *failed;

  plan = pb_bulk_plan_new (fixture->session, events, TARGET, NULL, TRUE);
  pb_bulk_plan_set_pause (plan, 0);
  g_signal_connect (item_at (plan, 0), "notify::state", G_CALLBACK (inject_after_first),
                    &injection);

  g_assert_false (run (plan, NULL, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "1 of 3 webhooks could not be created.");
  g_clear_error (&error);
  g_signal_handlers_disconnect_by_func (item_at (plan, 0), inject_after_first, &injection);

  failed = item_at (plan, 1);
  g_assert_cmpint (pb_bulk_item_get_state (failed), ==, PB_BULK_STATE_FAILED);
  g_assert_nonnull (pb_bulk_item_get_error_message (failed));
  g_assert_cmpint (pb_bulk_item_get_state (item_at (plan, 0)), ==, PB_BULK_STATE_DONE);
  g_assert_cmpint (pb_bulk_item_get_state (item_at (plan, 2)), ==, PB_BULK_STATE_DONE);
  g_assert_cmpuint (pb_bulk_plan_get_n_failed (plan), ==, 1);
  g_assert_cmpuint (pb_bulk_plan_get_n_done (plan), ==, 3);
  g_assert_cmpuint (pb_simulator_count_requests (fixture->simulator, "POST"), ==, posts + 3);
  g_assert_cmpuint (count_on_simulator (fixture, "opportunity_update", TARGET), ==, 0);
  g_assert_cmpuint (count_on_simulator (fixture, "product_create", TARGET), ==, 1);

  /* A second run tries only what failed. */
  g_assert_true (run (plan, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_bulk_item_get_state (failed), ==, PB_BULK_STATE_DONE);
  g_assert_null (pb_bulk_item_get_error_message (failed));
  g_assert_cmpuint (pb_bulk_plan_get_n_failed (plan), ==, 0);
  g_assert_cmpuint (pb_simulator_count_requests (fixture->simulator, "POST"), ==, posts + 4);
  g_assert_cmpuint (count_on_simulator (fixture, "opportunity_create", TARGET), ==, 1);
  g_assert_cmpuint (count_on_simulator (fixture, "opportunity_update", TARGET), ==, 1);
}

static void
cancel_when (PbBulkItem   *item,
             GParamSpec   *pspec,
             GCancellable *cancellable)
{
  PbBulkState state = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cancellable), "state"));

  if (pb_bulk_item_get_state (item) == state)
    g_cancellable_cancel (cancellable);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  const char *events[] = { "opportunity_create", "opportunity_update", "product_create", NULL };
  PbBulkState cancel_state = GPOINTER_TO_INT (data);
  guint posts = pb_simulator_count_requests (fixture->simulator, "POST");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PbBulkPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = pb_bulk_plan_new (fixture->session, events, TARGET, NULL, TRUE);
  /* Cancelling after the first answer must cut a long pause short. */
  pb_bulk_plan_set_pause (plan, cancel_state == PB_BULK_STATE_DONE ? 600000 : 0);
  g_object_set_data (G_OBJECT (cancellable), "state", GINT_TO_POINTER (cancel_state));
  g_signal_connect (item_at (plan, 0), "notify::state", G_CALLBACK (cancel_when), cancellable);

  g_assert_false (run (plan, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The request in flight finished; nothing after it was sent. */
  g_assert_cmpuint (pb_simulator_count_requests (fixture->simulator, "POST"), ==, posts + 1);
  g_assert_cmpint (pb_bulk_item_get_state (item_at (plan, 0)), ==, PB_BULK_STATE_DONE);
  g_assert_cmpint (pb_bulk_item_get_state (item_at (plan, 1)), ==, PB_BULK_STATE_PENDING);
  g_assert_cmpint (pb_bulk_item_get_state (item_at (plan, 2)), ==, PB_BULK_STATE_PENDING);
  g_assert_cmpuint (pb_bulk_plan_get_n_done (plan), ==, 1);
  g_assert_cmpuint (count_on_simulator (fixture, "opportunity_create", TARGET), ==, 1);
}

static void
test_paced (Fixture       *fixture,
            gconstpointer  data)
{
  const char *events[] = { "opportunity_create", "opportunity_update", NULL };
  g_autoptr(PbBulkPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = pb_bulk_plan_new (fixture->session, events, TARGET, NULL, TRUE);
  pb_bulk_plan_set_pause (plan, 5);

  g_assert_true (run (plan, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_on_simulator (fixture, "opportunity_create", TARGET), ==, 1);
  g_assert_cmpuint (count_on_simulator (fixture, "opportunity_update", TARGET), ==, 1);
}

static void
test_cancelled_before (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *events[] = { "opportunity_create", NULL };
  guint posts = pb_simulator_count_requests (fixture->simulator, "POST");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PbBulkPlan) plan = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  plan = pb_bulk_plan_new (fixture->session, events, TARGET, NULL, TRUE);
  g_cancellable_cancel (cancellable);
  pb_bulk_plan_run_async (plan, cancellable, pb_test_store_result, &result);
  PB_TEST_WAIT_FOR (result != NULL, 20);

  g_assert_false (pb_bulk_plan_run_finish (plan, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (pb_simulator_count_requests (fixture->simulator, "POST"), ==, posts);
  g_assert_cmpint (pb_bulk_item_get_state (item_at (plan, 0)), ==, PB_BULK_STATE_PENDING);
}

#define ADD_TEST(path, func, data) \
  g_test_add ("/patchbay/bulk/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("plan-skips", test_plan_skips, NULL);
  ADD_TEST ("plan-summary", test_plan_summary, NULL);
  ADD_TEST ("names", test_names, NULL);
  ADD_TEST ("run", test_run, NULL);
  ADD_TEST ("failure-422", test_failure, GINT_TO_POINTER (PB_SIM_FAULT_VALIDATION));
  ADD_TEST ("failure-500", test_failure, GINT_TO_POINTER (PB_SIM_FAULT_SERVER_ERROR));
  ADD_TEST ("cancel-in-flight", test_cancel, GINT_TO_POINTER (PB_BULK_STATE_RUNNING));
  ADD_TEST ("cancel-in-pause", test_cancel, GINT_TO_POINTER (PB_BULK_STATE_DONE));
  ADD_TEST ("cancelled-before", test_cancelled_before, NULL);
  ADD_TEST ("paced", test_paced, NULL);

  return g_test_run ();
}

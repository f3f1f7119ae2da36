/* test-coverage.c: the map of events an account's webhooks cover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pb-coverage.h"
#include "pb-test-core.h"

#define SUBDOMAIN "acme"
#define API_KEY "sim-key-123"
#define TARGET "https://hooks.example.com/in"

typedef struct
{
  PbTestSimAccount  sim;
  char             *token;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  pb_test_sim_account_set_up (&fixture->sim, SUBDOMAIN, API_KEY);
  fixture->token = pb_store_create_token (fixture->sim.store,
                                         pb_account_get_id (fixture->sim.account), &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->sim.session != NULL)
    g_assert_finalize_object (g_steal_pointer (&fixture->sim.session));
  pb_test_sim_account_tear_down (&fixture->sim);
  g_clear_pointer (&fixture->token, g_free);
}

/* Opens the session and waits until it has the simulator's webhooks. */
static void
open_session (Fixture *fixture)
{
  pb_test_sim_account_open (&fixture->sim);
  pb_test_sim_account_refresh (&fixture->sim);
}

static PbDelivery *
make_delivery (const char *token,
               const char *subject_type,
               const char *action_type,
               gint64      action_id,
               gint64      received_at)
{
  g_autofree char *json = NULL;
  g_autoptr(GBytes) body = NULL;
  gsize length;

  json = g_strdup_printf ("{\"action\": {\"id\": %" G_GINT64_FORMAT ", \"subject_id\": 7,"
                          " \"subject_type\": \"%s\", \"action_type\": \"%s\","
                          " \"name\": \"Stage hire\", \"member\": {\"name\": \"Jo\"}}}",
                          action_id, subject_type, action_type);
  length = strlen (json);
  body = g_bytes_new_take (g_steal_pointer (&json), length);

  return pb_delivery_new (token, body, "{}", received_at);
}

static void
add_deliveries (Fixture    *fixture,
                const char *token,
                const char *subject_type,
                const char *action_type,
                guint       count,
                gint64      received_at)
{
  g_autoptr(GPtrArray) deliveries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  static gint64 action_id = 1000;

  for (guint i = 0; i < count; i++)
    g_ptr_array_add (deliveries, make_delivery (token, subject_type, action_type, action_id++,
                                                received_at));

  g_assert_true (pb_store_add_deliveries (fixture->sim.store, deliveries, &error));
  g_assert_no_error (error);
}

static void
add_sample_webhooks (Fixture *fixture)
{
  pb_simulator_add_webhook (fixture->sim.simulator, "Orders to ERP",
                            "opportunity_convert_to_order", TARGET, TRUE);
  pb_simulator_add_webhook (fixture->sim.simulator, "Orders to Slack",
                            "opportunity_convert_to_order", TARGET "/slack", TRUE);
  pb_simulator_add_webhook (fixture->sim.simulator, "Old invoice sync", "invoice_destroy", TARGET,
                            FALSE);
  pb_simulator_add_webhook (fixture->sim.simulator, "New products", "product_create", TARGET, TRUE);
}

static void
test_states (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PbCoverage) coverage = NULL;
  g_autoptr(GPtrArray) webhooks = NULL;
  PbCoverageCell *cell;

  add_sample_webhooks (fixture);
  open_session (fixture);
  coverage = pb_coverage_new (fixture->sim.session, NULL);

  g_assert_true (pb_coverage_get_catalog (coverage) == fixture->sim.catalog);

  cell = pb_coverage_lookup (coverage, "opportunity_convert_to_order");
  g_assert_nonnull (cell);
  g_assert_cmpint (pb_coverage_cell_get_state (cell), ==, PB_COVERAGE_STATE_DUPLICATE);
  g_assert_cmpuint (pb_coverage_cell_get_n_active (cell), ==, 2);
  g_assert_cmpuint (pb_coverage_cell_get_n_inactive (cell), ==, 0);
  g_assert_cmpuint (pb_coverage_cell_get_n_webhooks (cell), ==, 2);

  cell = pb_coverage_lookup (coverage, "invoice_destroy");
  g_assert_cmpint (pb_coverage_cell_get_state (cell), ==, PB_COVERAGE_STATE_INACTIVE);
  g_assert_cmpuint (pb_coverage_cell_get_n_active (cell), ==, 0);
  g_assert_cmpuint (pb_coverage_cell_get_n_inactive (cell), ==, 1);

  cell = pb_coverage_lookup (coverage, "product_create");
  g_assert_cmpint (pb_coverage_cell_get_state (cell), ==, PB_COVERAGE_STATE_ACTIVE);

  cell = pb_coverage_lookup (coverage, "opportunity_create");
  g_assert_cmpint (pb_coverage_cell_get_state (cell), ==, PB_COVERAGE_STATE_NONE);
  g_assert_cmpuint (pb_coverage_cell_get_n_webhooks (cell), ==, 0);

  g_assert_cmpuint (pb_coverage_get_n_covered (coverage), ==, 3);
  g_assert_cmpuint (pb_coverage_get_n_duplicates (coverage), ==, 1);
  g_assert_cmpuint (pb_coverage_get_n_events (coverage), >,
                    g_list_model_get_n_items (pb_catalog_get_events (fixture->sim.catalog)) - 1);

  webhooks = pb_coverage_list_webhooks (coverage, "opportunity_convert_to_order");
  g_assert_cmpuint (webhooks->len, ==, 2);
  for (guint i = 0; i < webhooks->len; i++)
    g_assert_cmpstr (pb_webhook_get_event (g_ptr_array_index (webhooks, i)), ==,
                     "opportunity_convert_to_order");
  g_clear_pointer (&webhooks, g_ptr_array_unref);

  webhooks = pb_coverage_list_webhooks (coverage, "opportunity_create");
  g_assert_cmpuint (webhooks->len, ==, 0);

  g_assert_finalize_object (g_steal_pointer (&coverage));
}

static void
test_layout (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PbCoverage) coverage = NULL;
  const char * const *subjects;
  const char * const *generic;
  GPtrArray *row;
  gboolean seen_specific = FALSE;

  pb_simulator_add_webhook (fixture->sim.simulator, "Odd one", "gizmo_spin", TARGET, TRUE);
  open_session (fixture);
  coverage = pb_coverage_new (fixture->sim.session, fixture->sim.catalog);

  /* Catalog subjects in catalog order, then a subject only a webhook uses. */
  subjects = pb_coverage_get_subjects (coverage);
  for (guint i = 0; pb_catalog_get_subjects (fixture->sim.catalog)[i] != NULL; i++)
    g_assert_cmpstr (subjects[i], ==, pb_catalog_get_subjects (fixture->sim.catalog)[i]);
  g_assert_cmpstr (subjects[g_strv_length ((GStrv)subjects) - 1], ==, "gizmo");
  g_assert_cmpint (pb_coverage_cell_get_state (pb_coverage_lookup (coverage, "gizmo_spin")), ==,
                   PB_COVERAGE_STATE_ACTIVE);

  generic = pb_coverage_get_generic_actions (coverage);
  g_assert_cmpuint (g_strv_length ((GStrv)generic), ==, 7);
  g_assert_cmpstr (generic[0], ==, "create");

  row = pb_coverage_get_row (coverage, "opportunity");
  g_assert_nonnull (row);
  for (guint i = 0; i < row->len; i++)
    {
      PbEventInfo *info = pb_coverage_cell_get_info (g_ptr_array_index (row, i));

      g_assert_cmpstr (pb_event_info_get_subject (info), ==, "opportunity");
      if (pb_event_info_get_kind (info) == PB_ACTION_KIND_SPECIFIC)
        seen_specific = TRUE;
      else
        g_assert_false (seen_specific);
    }
  g_assert_true (seen_specific);
  g_assert_cmpstr (pb_event_info_get_action (pb_coverage_cell_get_info (row->pdata[0])), ==,
                   "create");

  g_assert_finalize_object (g_steal_pointer (&coverage));
}

static void
test_fired (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PbCoverage) coverage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other_token = NULL;
  g_autoptr(PbAccount) other = pb_account_new ("elsewhere");
  gint64 now = g_get_real_time ();

  open_session (fixture);
  pb_store_save_account (fixture->sim.store, other, &error);
  g_assert_no_error (error);
  other_token = pb_store_create_token (fixture->sim.store, pb_account_get_id (other), &error);
  g_assert_no_error (error);

  add_deliveries (fixture, fixture->token, "Opportunity", "convert_to_order", 5,
                  now - G_TIME_SPAN_HOUR);
  add_deliveries (fixture, fixture->token, "Opportunity", "convert_to_order", 1,
                  now - 6 * G_TIME_SPAN_DAY);
  /* Older than the window, and another account's: neither counts. */
  add_deliveries (fixture, fixture->token, "Opportunity", "convert_to_order", 3,
                  now - 8 * G_TIME_SPAN_DAY);
  add_deliveries (fixture, other_token, "Opportunity", "convert_to_order", 4, now);
  add_deliveries (fixture, fixture->token, "Invoice", "update", 2, now - G_TIME_SPAN_MINUTE);

  coverage = pb_coverage_new (fixture->sim.session, NULL);
  g_assert_cmpuint (pb_coverage_cell_get_n_fired (
                      pb_coverage_lookup (coverage, "opportunity_convert_to_order")), ==, 6);
  g_assert_cmpuint (pb_coverage_cell_get_n_fired (
                      pb_coverage_lookup (coverage, "invoice_update")), ==, 2);
  g_assert_cmpuint (pb_coverage_cell_get_n_fired (
                      pb_coverage_lookup (coverage, "product_create")), ==, 0);
  /* Fired without a webhook is still not covered. */
  g_assert_cmpint (pb_coverage_cell_get_state (
                     pb_coverage_lookup (coverage, "invoice_update")), ==,
                   PB_COVERAGE_STATE_NONE);

  g_assert_finalize_object (g_steal_pointer (&coverage));
}

static void
on_changed (PbCoverage *coverage,
            guint      *count)
{
  (*count)++;
}

/* Iterates until "changed" came at least once more than @before. */
static void
wait_for_change (guint *count,
                 guint  before)
{
  PB_TEST_WAIT_FOR (*count != before, 20);
}

static void
test_recompute (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PbCoverage) coverage = NULL;
  g_autoptr(PbWebhook) request = NULL;
  g_autoptr(PbWebhook) created = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PbCoverageCell *cell;
  guint changes = 0;

  open_session (fixture);
  coverage = pb_coverage_new (fixture->sim.session, NULL);
  g_signal_connect (coverage, "changed", G_CALLBACK (on_changed), &changes);
  cell = pb_coverage_lookup (coverage, "opportunity_confirm");
  g_assert_cmpint (pb_coverage_cell_get_state (cell), ==, PB_COVERAGE_STATE_NONE);

  /* A burst of deliveries is counted at once, in one recount. */
  for (guint i = 0; i < 5; i++)
    add_deliveries (fixture, fixture->token, "Opportunity", "confirm", 1, g_get_real_time ());
  g_assert_cmpuint (pb_coverage_cell_get_n_fired (cell), ==, 0);
  wait_for_change (&changes, 0);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (pb_coverage_cell_get_n_fired (cell), ==, 5);

  request = pb_webhook_new ("Confirmed", "opportunity_confirm", TARGET, TRUE);
  pb_account_session_create_async (fixture->sim.session, request, NULL, pb_test_store_result,
                                   &result);
  PB_TEST_WAIT_FOR (result != NULL, 20);
  created = pb_account_session_create_finish (fixture->sim.session, result, &error);
  g_assert_no_error (error);

  wait_for_change (&changes, 1);
  g_assert_true (pb_coverage_lookup (coverage, "opportunity_confirm") == cell);
  g_assert_cmpint (pb_coverage_cell_get_state (cell), ==, PB_COVERAGE_STATE_ACTIVE);

  /* Nothing changed: a recount is silent. */
  pb_coverage_recompute (coverage);
  g_assert_cmpuint (changes, ==, 2);

  g_assert_finalize_object (g_steal_pointer (&coverage));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/patchbay/coverage/states", Fixture, NULL,
              fixture_set_up, test_states, fixture_tear_down);
  g_test_add ("/patchbay/coverage/layout", Fixture, NULL,
              fixture_set_up, test_layout, fixture_tear_down);
  g_test_add ("/patchbay/coverage/fired", Fixture, NULL,
              fixture_set_up, test_fired, fixture_tear_down);
  g_test_add ("/patchbay/coverage/recompute", Fixture, NULL,
              fixture_set_up, test_recompute, fixture_tear_down);

  return g_test_run ();
}

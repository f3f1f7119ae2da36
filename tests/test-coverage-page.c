/* test-coverage-page.c: the matrix of events and the webhooks behind them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "pb-bulk-dialog.h"
#include "pb-coverage-page.h"
#include "pb-test-core.h"
#include "pb-test-ui.h"
#include "pb-webhook-editor.h"

typedef struct
{
  PbTestSimAccount  sim;
  GtkWindow        *window;
  PbCoveragePage   *page;
  char             *token;
} Fixture;

static PbCoverageCell *
model_cell (Fixture    *fixture,
            const char *event)
{
  return pb_coverage_lookup (pb_coverage_page_get_coverage (fixture->page), event);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbSimulator *simulator;

  pb_test_sim_account_set_up (&fixture->sim, "acme", "acme-key");
  simulator = fixture->sim.simulator;
  pb_simulator_add_webhook (simulator, "Orders to ERP", "opportunity_convert_to_order",
                            "https://erp.example.com/in", TRUE);
  pb_simulator_add_webhook (simulator, "Orders to chat", "opportunity_convert_to_order",
                            "https://chat.example.com/hook", TRUE);
  pb_simulator_add_webhook (simulator, "Old invoices", "invoice_destroy",
                            "https://erp.example.com/invoices", FALSE);
  pb_simulator_add_webhook (simulator, "New products", "product_create",
                            "https://erp.example.com/products", TRUE);
  fixture->token = pb_store_create_token (fixture->sim.store,
                                          pb_account_get_id (fixture->sim.account), &error);
  g_assert_no_error (error);
  pb_test_sim_account_open (&fixture->sim);

  fixture->page = PB_COVERAGE_PAGE (pb_coverage_page_new (fixture->sim.session, NULL));
  fixture->window = pb_test_ui_present (GTK_WIDGET (fixture->page), 1100, 700);

  /* The page refreshes when it first shows; the matrix follows the list. */
  PB_TEST_WAIT_FOR (pb_coverage_cell_get_n_webhooks (model_cell (fixture, "product_create")) == 1,
                    10);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Dialogs the test left open go too. */
  pb_test_ui_destroy_toplevels ();
  pb_test_sim_account_tear_down (&fixture->sim);
  g_clear_pointer (&fixture->token, g_free);
}

static GtkWidget *
cell (Fixture    *fixture,
      const char *event)
{
  GtkWidget *button = pb_coverage_page_get_cell (fixture->page, event);

  g_assert_nonnull (button);
  g_assert_true (GTK_IS_MENU_BUTTON (button));
  return button;
}

/* The cell's description, which is also its accessible label. */
static const char *
cell_label (Fixture    *fixture,
            const char *event)
{
  return gtk_widget_get_tooltip_text (cell (fixture, event));
}

static gboolean
cell_has_class (Fixture    *fixture,
                const char *event,
                const char *css_class)
{
  GtkWidget *chip = gtk_menu_button_get_child (GTK_MENU_BUTTON (cell (fixture, event)));

  return gtk_widget_has_css_class (chip, css_class);
}

static void
add_deliveries (Fixture    *fixture,
                const char *subject_type,
                const char *action_type,
                guint       count)
{
  g_autoptr(GPtrArray) deliveries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < count; i++)
    {
      g_autofree char *json = NULL;
      g_autoptr(GBytes) body = NULL;
      gsize length;

      json = g_strdup_printf ("{\"action\": {\"id\": %u, \"subject_id\": 3, \"subject_type\":"
                              " \"%s\", \"action_type\": \"%s\", \"name\": \"Speaker\"}}",
                              500 + i, subject_type, action_type);
      length = strlen (json);
      body = g_bytes_new_take (g_steal_pointer (&json), length);
      g_ptr_array_add (deliveries, pb_delivery_new (fixture->token, body, "{}",
                                                    g_get_real_time ()));
    }

  g_assert_true (pb_store_add_deliveries (fixture->sim.store, deliveries, &error));
  g_assert_no_error (error);
}

static void
test_states (Fixture       *fixture,
             gconstpointer  data)
{
  g_assert_true (cell_has_class (fixture, "opportunity_convert_to_order", "duplicate"));
  g_assert_cmpstr (cell_label (fixture, "opportunity_convert_to_order"), ==,
                   "Opportunity · Convert to order: 2 active webhooks, duplicate");

  g_assert_true (cell_has_class (fixture, "invoice_destroy", "inactive"));
  g_assert_nonnull (strstr (cell_label (fixture, "invoice_destroy"), ": 1 inactive webhook"));

  g_assert_true (cell_has_class (fixture, "product_create", "active"));
  g_assert_nonnull (strstr (cell_label (fixture, "product_create"), ": 1 active webhook"));

  g_assert_true (cell_has_class (fixture, "product_update", "none"));
  g_assert_nonnull (strstr (cell_label (fixture, "product_update"), ": no webhook"));
}

static void
test_fired (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *chip = gtk_menu_button_get_child (GTK_MENU_BUTTON (cell (fixture, "product_create")));
  g_autofree char *text = NULL;

  add_deliveries (fixture, "Product", "create", 5);
  PB_TEST_WAIT_FOR (strstr (cell_label (fixture, "product_create"), "fired") != NULL, 10);

  g_assert_cmpstr (cell_label (fixture, "product_create"), ==,
                   "Product · Create: 1 active webhook, fired 5 times in 7 days");
  text = pb_test_ui_collect_text (chip);
  g_assert_nonnull (strstr (text, "5\n"));
}

static void
test_popover (Fixture       *fixture,
              gconstpointer  data)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (cell (fixture, "opportunity_convert_to_order"));
  g_autofree char *text = NULL;
  GtkPopover *popover;

  /* A popover places itself on the window's monitor, so the window must be up. */
  PB_TEST_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (button)), 10);
  gtk_menu_button_popup (button);
  popover = gtk_menu_button_get_popover (button);
  g_assert_nonnull (popover);
  PB_TEST_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (popover)), 10);

  text = pb_test_ui_collect_text (GTK_WIDGET (popover));
  g_assert_nonnull (strstr (text, "row:Orders to ERP\n"));
  g_assert_nonnull (strstr (text, "row:Orders to chat\n"));
  g_assert_null (strstr (text, "row:New products\n"));
  g_assert_nonnull (strstr (text, "opportunity_convert_to_order\n"));
  gtk_popover_popdown (popover);
  PB_TEST_WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (popover)), 10);

  /* An event without webhooks says so, and offers to create one. */
  g_clear_pointer (&text, g_free);
  button = GTK_MENU_BUTTON (cell (fixture, "opportunity_create"));
  gtk_menu_button_popup (button);
  popover = gtk_menu_button_get_popover (button);
  text = pb_test_ui_collect_text (GTK_WIDGET (popover));
  g_assert_nonnull (strstr (text, "No webhook listens to this event."));
  g_assert_nonnull (strstr (text, "Create Webhook…"));
  g_assert_nonnull (strstr (text, "Bulk Create…"));
  gtk_popover_popdown (popover);
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(GStrv) ticked = NULL;
  GtkWindow *editor;
  GtkWidget *raw;
  GtkWindow *bulk;

  g_assert_null (pb_test_ui_find_toplevel (PB_TYPE_WEBHOOK_EDITOR));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "coverage.create", "s",
                              "product_update");
  editor = pb_test_ui_find_toplevel (PB_TYPE_WEBHOOK_EDITOR);
  g_assert_nonnull (editor);

  /* The new webhook starts on the cell's event. */
  raw = pb_test_ui_template_child (GTK_WIDGET (editor), PB_TYPE_WEBHOOK_EDITOR,
                                   "event_raw_label");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (raw)), ==, "product_update");

  /* Bulk creation starts with the cell's event ticked. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "coverage.bulk-create", "s",
                              "product_update");
  bulk = pb_test_ui_find_toplevel (PB_TYPE_BULK_DIALOG);
  g_assert_nonnull (bulk);
  ticked = pb_bulk_dialog_dup_ticked (PB_BULK_DIALOG (bulk));
  g_assert_cmpstrv (ticked, ((const char *[]) { "product_update", NULL }));
}

static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *none = gtk_widget_get_parent (cell (fixture, "opportunity_confirm"));
  GtkWidget *covered = cell (fixture, "opportunity_convert_to_order");

  g_assert_true (gtk_widget_get_visible (none));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "coverage.only-covered", NULL);
  g_assert_true (pb_coverage_page_get_only_covered (fixture->page));

  g_assert_false (gtk_widget_get_visible (none));
  g_assert_false (gtk_widget_get_visible (cell (fixture, "opportunity_create")));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (covered)));
  g_assert_true (gtk_widget_get_visible (cell (fixture, "product_create")));

  pb_coverage_page_set_only_covered (fixture->page, FALSE);
  g_assert_true (gtk_widget_get_visible (none));
}

/* A webhook created elsewhere turns its cell active without a rebuild. */
static void
test_follows_session (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *before = cell (fixture, "invoice_create");
  g_autoptr(PbWebhook) request = pb_webhook_new ("Invoices", "invoice_create",
                                                 "https://erp.example.com/new", TRUE);

  pb_account_session_create_async (fixture->sim.session, request, NULL, NULL, NULL);
  PB_TEST_WAIT_FOR (cell_has_class (fixture, "invoice_create", "active"), 10);
  g_assert_true (cell (fixture, "invoice_create") == before);
  g_assert_cmpuint (pb_coverage_cell_get_n_active (model_cell (fixture, "invoice_create")), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  pb_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/patchbay/coverage-page/states", test_states);
  ADD ("/patchbay/coverage-page/fired", test_fired);
  ADD ("/patchbay/coverage-page/popover", test_popover);
  ADD ("/patchbay/coverage-page/create", test_create);
  ADD ("/patchbay/coverage-page/filter", test_filter);
  ADD ("/patchbay/coverage-page/follows-session", test_follows_session);

#undef ADD

  return g_test_run ();
}

/* test-bulk-dialog.c: creating webhooks for many events from the webhooks page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "pb-bulk-dialog.h"
#include "pb-test-core.h"
#include "pb-test-ui.h"
#include "pb-webhooks-page.h"

#define TARGET "https://erp.example.com/in"

typedef struct
{
  PbTestSimAccount  sim;
  GtkWindow        *window;
  PbWebhooksPage   *page;
} Fixture;

static guint
n_listed (Fixture *fixture)
{
  return g_list_model_get_n_items (pb_account_session_get_webhooks (fixture->sim.session));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  pb_test_sim_account_set_up (&fixture->sim, "acme", "acme-key");
  pb_simulator_add_webhook (fixture->sim.simulator, "Members to ERP", "member_create", TARGET,
                            TRUE);
  pb_test_sim_account_open (&fixture->sim);

  fixture->page = PB_WEBHOOKS_PAGE (pb_webhooks_page_new (fixture->sim.session, NULL));
  fixture->window = pb_test_ui_present (GTK_WIDGET (fixture->page), 1000, 700);

  /* The page refreshes when it first shows. */
  PB_TEST_WAIT_FOR (n_listed (fixture) == 1, 10);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  pb_test_ui_destroy_toplevels ();
  pb_test_sim_account_tear_down (&fixture->sim);
}

static PbBulkDialog *
find_dialog (void)
{
  return (PbBulkDialog *)pb_test_ui_find_toplevel (PB_TYPE_BULK_DIALOG);
}

static PbBulkDialog *
open_from_page (Fixture *fixture)
{
  PbBulkDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "webhooks.bulk-create", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (pb_bulk_dialog_get_session (dialog) == fixture->sim.session);
  pb_bulk_dialog_set_pause (dialog, 0);

  return dialog;
}

static GtkWidget *
child (PbBulkDialog *dialog,
       const char   *name)
{
  return pb_test_ui_template_child (GTK_WIDGET (dialog), PB_TYPE_BULK_DIALOG, name);
}

/* The check button of @event, found as a user finds it: by its tooltip,
 * which starts with the raw event. */
static GtkCheckButton *
find_check_in (GtkWidget  *widget,
               const char *event)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkCheckButton *found;

      if (GTK_IS_CHECK_BUTTON (c))
        {
          g_autofree char *tooltip = gtk_widget_get_tooltip_text (c)
                                       ? g_strdup (gtk_widget_get_tooltip_text (c)) : NULL;
          g_autofree char *prefix = g_strconcat (event, "\n", NULL);

          if (tooltip != NULL && g_str_has_prefix (tooltip, prefix))
            return GTK_CHECK_BUTTON (c);
          continue;
        }

      found = find_check_in (c, event);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkCheckButton *
find_check (PbBulkDialog *dialog,
            const char   *event)
{
  GtkCheckButton *check = find_check_in (child (dialog, "groups_box"), event);

  g_assert_nonnull (check);
  return check;
}

static void
tick (PbBulkDialog *dialog,
      const char   *event)
{
  gtk_check_button_set_active (find_check (dialog, event), TRUE);
}

static void
set_url (PbBulkDialog *dialog,
         const char   *url)
{
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "url_row")), url);
}

static const char *
label_text (PbBulkDialog *dialog,
            const char   *name)
{
  return gtk_label_get_text (GTK_LABEL (child (dialog, name)));
}

static guint
count_on_simulator (Fixture    *fixture,
                    const char *event)
{
  return pb_test_count_sim_webhooks (fixture->sim.simulator, event, TARGET);
}

static gboolean
run_over (PbBulkDialog *dialog)
{
  PbBulkPlan *plan = pb_bulk_dialog_get_plan (dialog);

  return !pb_bulk_plan_get_running (plan) &&
         gtk_widget_get_visible (child (dialog, "result_box"));
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  PbBulkDialog *dialog = open_from_page (fixture);
  guint posts = pb_simulator_count_requests (fixture->sim.simulator, "POST");
  PbBulkPlan *plan;

  g_assert_false (gtk_widget_get_visible (child (dialog, "deliver_row")));
  set_url (dialog, TARGET);
  tick (dialog, "opportunity_create");
  tick (dialog, "member_create");
  tick (dialog, "opportunity_convert_to_order");
  g_assert_cmpstr (label_text (dialog, "count_label"), ==, "3 events ticked");
  g_assert_cmpstr (label_text (dialog, "example_label"), ==,
                   "For example “Opportunity · Create”. "
                   "Placeholders: {subject}, {action}, {event}.");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "bulk.review", NULL);
  plan = pb_bulk_dialog_get_plan (dialog);
  g_assert_nonnull (plan);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (dialog, "stack"))), ==,
                   "review");
  g_assert_cmpuint (pb_bulk_plan_get_n_create (plan), ==, 2);
  g_assert_cmpuint (pb_bulk_plan_get_n_skip (plan), ==, 1);
  g_assert_cmpstr (label_text (dialog, "summary_label"), ==,
                   "Create 2 webhooks, skip 1 that already exists with this URL.");
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (child (dialog, "items_list")),
                                                   2));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (dialog, "primary_button"))), ==,
                   "C_reate 2 Webhooks");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "bulk.create", NULL);
  PB_TEST_WAIT_FOR (run_over (dialog), 10);

  g_assert_cmpuint (pb_simulator_count_requests (fixture->sim.simulator, "POST"), ==, posts + 2);
  g_assert_cmpuint (count_on_simulator (fixture, "opportunity_create"), ==, 1);
  g_assert_cmpuint (count_on_simulator (fixture, "opportunity_convert_to_order"), ==, 1);
  g_assert_cmpuint (count_on_simulator (fixture, "member_create"), ==, 1);
  g_assert_cmpuint (n_listed (fixture), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (pb_webhooks_page_get_model (fixture->page)), ==,
                    3);
  g_assert_cmpstr (label_text (dialog, "result_label"), ==, "2 webhooks were created.");
  g_assert_false (gtk_widget_get_visible (child (dialog, "retry_button")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (dialog, "primary_button"))), ==,
                   "_Close");
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (child (dialog,
                                                                             "progress_bar"))),
                     ==, 1.0);
}

static void
test_retry (Fixture       *fixture,
            gconstpointer  data)
{
  PbBulkDialog *dialog = open_from_page (fixture);
  g_autoptr(PbBulkItem) first = NULL;
  PbBulkPlan *plan;

  set_url (dialog, TARGET);
  tick (dialog, "product_create");
  tick (dialog, "product_update");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "bulk.review", NULL);
  plan = pb_bulk_dialog_get_plan (dialog);
  first = g_list_model_get_item (pb_bulk_plan_get_items (plan), 0);

  /* Only the first request fails, with a server error. */
  pb_simulator_inject_fault (fixture->sim.simulator, PB_SIM_FAULT_SERVER_ERROR, 1);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "bulk.create", NULL);
  PB_TEST_WAIT_FOR (run_over (dialog), 10);

  g_assert_cmpint (pb_bulk_item_get_state (first), ==, PB_BULK_STATE_FAILED);
  g_assert_cmpstr (label_text (dialog, "result_label"), ==,
                   "1 of 2 webhooks could not be created.");
  g_assert_true (gtk_widget_get_visible (child (dialog, "retry_button")));
  g_assert_cmpuint (count_on_simulator (fixture, "product_create"), ==, 0);
  g_assert_cmpuint (count_on_simulator (fixture, "product_update"), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "bulk.retry", NULL);
  PB_TEST_WAIT_FOR (run_over (dialog) &&
                    pb_bulk_item_get_state (first) == PB_BULK_STATE_DONE, 10);

  g_assert_cmpstr (label_text (dialog, "result_label"), ==, "2 webhooks were created.");
  g_assert_false (gtk_widget_get_visible (child (dialog, "retry_button")));
  g_assert_cmpuint (count_on_simulator (fixture, "product_create"), ==, 1);
  g_assert_cmpuint (count_on_simulator (fixture, "product_update"), ==, 1);
  g_assert_cmpuint (n_listed (fixture), ==, 3);
}

static void
test_preselected (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *preselected[] = { "invoice_create", "widget_polish", NULL };
  PbBulkDialog *dialog = pb_bulk_dialog_new (fixture->sim.session, NULL, preselected);
  g_auto(GStrv) ticked = NULL;

  gtk_window_present (GTK_WINDOW (dialog));

  g_assert_true (gtk_check_button_get_active (find_check (dialog, "invoice_create")));
  g_assert_true (gtk_check_button_get_active (find_check (dialog, "widget_polish")));
  g_assert_false (gtk_check_button_get_active (find_check (dialog, "invoice_update")));
  ticked = pb_bulk_dialog_dup_ticked (dialog);
  g_assert_cmpuint (g_strv_length (ticked), ==, 2);
  g_assert_cmpstr (ticked[0], ==, "invoice_create");
  g_assert_cmpstr (ticked[1], ==, "widget_polish");
  g_assert_cmpstr (label_text (dialog, "count_label"), ==, "2 events ticked");
  g_assert_cmpstr (label_text (dialog, "example_label"), ==,
                   "For example “Invoice · Create”. "
                   "Placeholders: {subject}, {action}, {event}.");

  /* Without a target the plan cannot be made. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "bulk.review", NULL);
  g_assert_null (pb_bulk_dialog_get_plan (dialog));
}

static void
test_url_and_filter (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PbReceiver) receiver = pb_receiver_new (fixture->sim.store);
  PbBulkDialog *dialog = NULL;
  GtkWidget *message;
  GtkWidget *search;
  const char *url;

  pb_receiver_set_public_url (receiver, "https://tunnel.example.com");
  dialog = pb_bulk_dialog_new (fixture->sim.session, receiver, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  message = child (dialog, "url_message");
  tick (dialog, "opportunity_create");

  set_url (dialog, "ftp://files.example.com/in");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_true (gtk_widget_has_css_class (message, "error"));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "bulk.review", NULL);
  g_assert_null (pb_bulk_dialog_get_plan (dialog));

  set_url (dialog, "http://erp.example.com/in");
  g_assert_true (gtk_widget_has_css_class (message, "warning"));

  g_assert_true (gtk_widget_get_visible (child (dialog, "deliver_row")));
  g_signal_emit_by_name (child (dialog, "deliver_row"), "activated");
  url = gtk_editable_get_text (GTK_EDITABLE (child (dialog, "url_row")));
  g_assert_true (g_str_has_prefix (url, "https://tunnel.example.com/hooks/"));
  g_assert_false (gtk_widget_get_visible (message));

  search = child (dialog, "search_entry");
  pb_test_ui_search (search, "convert order");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (
    find_check (dialog, "opportunity_convert_to_order")))));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (
    find_check (dialog, "opportunity_create")))));
  g_assert_false (gtk_widget_get_visible (child (dialog, "no_match_page")));

  /* A hidden event stays ticked. */
  pb_test_ui_search (search, "no such words at all");
  g_assert_true (gtk_widget_get_visible (child (dialog, "no_match_page")));
  g_assert_true (gtk_check_button_get_active (find_check (dialog, "opportunity_create")));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "bulk.review", NULL);
  g_assert_nonnull (pb_bulk_dialog_get_plan (dialog));
  g_assert_cmpuint (pb_bulk_plan_get_n_create (pb_bulk_dialog_get_plan (dialog)), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "bulk.back", NULL);
  g_assert_null (pb_bulk_dialog_get_plan (dialog));
}

#define ADD_TEST(path, func) \
  g_test_add ("/patchbay/bulk-dialog/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  pb_test_ui_init (&argc, &argv);

  ADD_TEST ("create", test_create);
  ADD_TEST ("retry", test_retry);
  ADD_TEST ("preselected", test_preselected);
  ADD_TEST ("url-and-filter", test_url_and_filter);

  return g_test_run ();
}

/* test-webhooks-page.c: the list of an account's webhooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "pb-test-core.h"
#include "pb-test-ui.h"
#include "pb-webhook-row.h"
#include "pb-webhooks-page.h"

typedef struct
{
  PbTestSimAccount  sim;
  GtkWindow        *window;
  PbWebhooksPage   *page;
  gint64            orders_id;
  gint64            members_id;
} Fixture;

static guint
n_shown (Fixture *fixture)
{
  return g_list_model_get_n_items (pb_webhooks_page_get_model (fixture->page));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  PbSimulator *simulator;

  pb_test_sim_account_set_up (&fixture->sim, "acme", "acme-key");
  simulator = fixture->sim.simulator;
  fixture->orders_id =
    pb_webhook_get_id (pb_simulator_add_webhook (simulator, "Orders to ERP",
                                                 "opportunity_convert_to_order",
                                                 "https://erp.example.com/in", TRUE));
  fixture->members_id =
    pb_webhook_get_id (pb_simulator_add_webhook (simulator, "New members",
                                                 "member_create",
                                                 "https://crm.example.com/members", FALSE));
  pb_simulator_add_webhook (simulator, "Stock watch", "stock_level_update",
                            "https://stock.example.com/levels", TRUE);
  pb_test_sim_account_open (&fixture->sim);

  fixture->page = PB_WEBHOOKS_PAGE (pb_webhooks_page_new (fixture->sim.session, NULL));
  fixture->window = pb_test_ui_present (GTK_WIDGET (fixture->page), 1100, 700);

  /* The page refreshes when it first shows. */
  PB_TEST_WAIT_FOR (n_shown (fixture) == 3, 10);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Dialogs the test left open go too. */
  pb_test_ui_destroy_toplevels ();
  pb_test_sim_account_tear_down (&fixture->sim);
}

static GtkWidget *
template_child (Fixture    *fixture,
                const char *name)
{
  return pb_test_ui_template_child (GTK_WIDGET (fixture->page), PB_TYPE_WEBHOOKS_PAGE, name);
}

static void
search (Fixture    *fixture,
        const char *text)
{
  pb_test_ui_search (template_child (fixture, "search_entry"), text);
}

static gboolean
is_switch_for (GtkWidget     *widget,
               gconstpointer  data)
{
  PbWebhook *webhook;

  if (!GTK_IS_SWITCH (widget))
    return FALSE;

  webhook = pb_webhook_row_get_webhook (widget);
  return webhook != NULL && pb_webhook_get_id (webhook) == *(const gint64 *)data;
}

static GtkSwitch *
find_switch (Fixture *fixture,
             gint64   webhook_id)
{
  return GTK_SWITCH (pb_test_ui_find_widget (template_child (fixture, "column_view"),
                                             is_switch_for, &webhook_id));
}

static gboolean
list_shows (Fixture    *fixture,
            const char *text)
{
  return pb_test_ui_find_widget (template_child (fixture, "column_view"),
                                 pb_test_ui_is_label_containing, text) != NULL;
}

static gboolean
toast_shown (Fixture    *fixture,
             const char *text)
{
  return pb_test_ui_find_widget (template_child (fixture, "toast_overlay"),
                                 pb_test_ui_is_label_containing, text) != NULL;
}

static AdwMessageDialog *
find_dialog (void)
{
  return (AdwMessageDialog *)pb_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static PbWebhook *
find_on_simulator (Fixture    *fixture,
                   const char *name)
{
  g_autoptr(GPtrArray) webhooks = pb_simulator_list_webhooks (fixture->sim.simulator);

  for (guint i = 0; i < webhooks->len; i++)
    if (g_str_equal (pb_webhook_get_name (g_ptr_array_index (webhooks, i)), name))
      return g_object_ref (g_ptr_array_index (webhooks, i));

  return NULL;
}

static gboolean
active_on_simulator (Fixture *fixture,
                     gint64   webhook_id)
{
  return pb_webhook_get_active (pb_simulator_lookup_webhook (fixture->sim.simulator,
                                                             webhook_id));
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  GListModel *model = pb_webhooks_page_get_model (fixture->page);
  g_autoptr(PbWebhook) first = g_list_model_get_item (model, 0);

  /* Sorted by name at first. */
  g_assert_cmpstr (pb_webhook_get_name (first), ==, "New members");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (fixture, "stack"))),
                   ==, "list");
  g_assert_false (gtk_revealer_get_reveal_child (
    GTK_REVEALER (template_child (fixture, "status_revealer"))));
  /* Events read as subject and action, the raw string beside them. */
  PB_TEST_WAIT_FOR (list_shows (fixture, "Opportunity · Convert to order"), 10);
  g_assert_true (list_shows (fixture, "opportunity_convert_to_order"));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  search (fixture, "convert order");
  g_assert_cmpuint (n_shown (fixture), ==, 1);

  search (fixture, "STOCK.example");
  g_assert_cmpuint (n_shown (fixture), ==, 1);

  search (fixture, "new");
  g_assert_cmpuint (n_shown (fixture), ==, 1);

  search (fixture, "nothing like this");
  g_assert_cmpuint (n_shown (fixture), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (fixture, "stack"))),
                   ==, "no-results");

  search (fixture, "");
  g_assert_cmpuint (n_shown (fixture), ==, 3);
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  GtkDropDown *subjects = GTK_DROP_DOWN (template_child (fixture, "subject_dropdown"));
  GtkDropDown *states = GTK_DROP_DOWN (template_child (fixture, "state_dropdown"));
  const char * const *names = pb_catalog_get_subjects (fixture->sim.catalog);
  guint member = 0;

  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], "member"))
      member = i + 1;
  g_assert_cmpuint (member, >, 0);

  gtk_drop_down_set_selected (subjects, member);
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  gtk_drop_down_set_selected (subjects, 0);
  g_assert_cmpuint (n_shown (fixture), ==, 3);

  gtk_drop_down_set_selected (states, 1);
  g_assert_cmpuint (n_shown (fixture), ==, 2);
  gtk_drop_down_set_selected (states, 2);
  g_assert_cmpuint (n_shown (fixture), ==, 1);

  gtk_drop_down_set_selected (subjects, member);
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  gtk_drop_down_set_selected (states, 1);
  g_assert_cmpuint (n_shown (fixture), ==, 0);
}

static void
test_toggle (Fixture       *fixture,
             gconstpointer  data)
{
  GtkSwitch *toggle;

  PB_TEST_WAIT_FOR ((toggle = find_switch (fixture, fixture->members_id)) != NULL, 10);
  g_assert_false (gtk_switch_get_active (toggle));

  gtk_switch_set_active (toggle, TRUE);
  PB_TEST_WAIT_FOR (active_on_simulator (fixture, fixture->members_id), 10);
  PB_TEST_WAIT_FOR (gtk_switch_get_state (toggle), 10);
  g_assert_true (gtk_switch_get_active (toggle));
}

static void
test_toggle_fails (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkSwitch *toggle;

  PB_TEST_WAIT_FOR ((toggle = find_switch (fixture, fixture->orders_id)) != NULL, 10);
  g_assert_true (gtk_switch_get_active (toggle));

  pb_simulator_inject_fault (fixture->sim.simulator, PB_SIM_FAULT_SERVER_ERROR, 1);
  gtk_switch_set_active (toggle, FALSE);
  PB_TEST_WAIT_FOR (toast_shown (fixture, "Could not turn off"), 10);

  /* Flipped back, and Current RMS still has it on. */
  g_assert_true (gtk_switch_get_active (toggle));
  g_assert_true (gtk_switch_get_state (toggle));
  g_assert_true (pb_webhook_get_active (pb_simulator_lookup_webhook (fixture->sim.simulator,
                                                                     fixture->orders_id)));
}

static void
count_changes (gpointer  object,
               guint     change,
               guint    *n_changes)
{
  (*n_changes)++;
}

static gboolean
idle_done (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs what is pending, the page's refilter included, and nothing after. */
static void
drain_idle (void)
{
  gboolean done = FALSE;

  g_idle_add_full (G_PRIORITY_LOW, idle_done, &done, NULL);
  PB_TEST_WAIT_FOR (done, 10);
}

static GtkFilter *
page_filter (Fixture *fixture)
{
  GListModel *shown = pb_webhooks_page_get_model (fixture->page);

  return gtk_filter_list_model_get_filter (GTK_FILTER_LIST_MODEL (shown));
}

static void
test_toggle_leaves_filter (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkDropDown *states = GTK_DROP_DOWN (template_child (fixture, "state_dropdown"));
  GtkSwitch *toggle;

  gtk_drop_down_set_selected (states, 1);
  g_assert_cmpuint (n_shown (fixture), ==, 2);

  PB_TEST_WAIT_FOR ((toggle = find_switch (fixture, fixture->orders_id)) != NULL, 10);
  gtk_switch_set_active (toggle, FALSE);
  PB_TEST_WAIT_FOR (!active_on_simulator (fixture, fixture->orders_id), 10);
  PB_TEST_WAIT_FOR (n_shown (fixture) == 1, 10);

  gtk_drop_down_set_selected (states, 2);
  g_assert_cmpuint (n_shown (fixture), ==, 2);
}

static void
test_rename_resorts (Fixture       *fixture,
                     gconstpointer  data)
{
  GListModel *model = pb_webhooks_page_get_model (fixture->page);
  GListModel *webhooks = pb_account_session_get_webhooks (fixture->sim.session);
  g_autoptr(PbWebhook) stock = NULL;
  g_autoptr(PbWebhook) first = NULL;
  guint n_changes = 0;

  for (guint i = 0; stock == NULL && i < g_list_model_get_n_items (webhooks); i++)
    {
      g_autoptr(PbWebhook) webhook = g_list_model_get_item (webhooks, i);

      if (g_str_equal (pb_webhook_get_name (webhook), "Stock watch"))
        stock = g_steal_pointer (&webhook);
    }
  g_assert_nonnull (stock);

  g_signal_connect (page_filter (fixture), "changed", G_CALLBACK (count_changes), &n_changes);
  search (fixture, "watch");
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  n_changes = 0;

  /* Many changes in one go refilter once. */
  pb_webhook_set_name (stock, "Stock levels");
  pb_webhook_set_name (stock, "Stock levels, hourly");
  pb_webhook_set_target_url (stock, "https://stock.example.com/hourly");
  g_assert_cmpuint (n_changes, ==, 0);
  drain_idle ();
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (n_shown (fixture), ==, 0);

  search (fixture, "");
  pb_webhook_set_name (stock, "Aardvark stock");
  drain_idle ();
  first = g_list_model_get_item (model, 0);
  g_assert_true (first == stock);

  /* The search reads the new name, not one it read before. */
  search (fixture, "aardvark");
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  g_signal_handlers_disconnect_by_func (page_filter (fixture), count_changes, &n_changes);
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PbWebhook) restored = NULL;
  g_autoptr(PbWebhook) gone = NULL;
  AdwMessageDialog *dialog;
  guint n_changes = 0;

  for (guint i = 0; i < n_shown (fixture); i++)
    {
      g_autoptr(PbWebhook) webhook =
        g_list_model_get_item (pb_webhooks_page_get_model (fixture->page), i);

      if (pb_webhook_get_id (webhook) == fixture->members_id)
        gone = g_steal_pointer (&webhook);
    }
  g_assert_nonnull (gone);

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "webhooks.delete", "x",
                              fixture->members_id);
  PB_TEST_WAIT_FOR ((dialog = find_dialog ()) != NULL, 10);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "delete"));
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));

  PB_TEST_WAIT_FOR (pb_simulator_lookup_webhook (fixture->sim.simulator,
                                                 fixture->members_id) == NULL, 10);
  PB_TEST_WAIT_FOR (n_shown (fixture) == 2, 10);
  PB_TEST_WAIT_FOR (toast_shown (fixture, "Deleted “New members”"), 10);

  /* The page no longer listens to the webhook that left the list. */
  g_signal_connect (page_filter (fixture), "changed", G_CALLBACK (count_changes), &n_changes);
  pb_webhook_set_active (gone, TRUE);
  drain_idle ();
  g_assert_cmpuint (n_changes, ==, 0);
  g_signal_handlers_disconnect_by_func (page_filter (fixture), count_changes, &n_changes);

  /* What the toast's Undo button activates. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "webhooks.undo-delete", "x",
                              fixture->members_id);
  PB_TEST_WAIT_FOR ((restored = find_on_simulator (fixture, "New members")) != NULL, 10);
  g_assert_cmpstr (pb_webhook_get_event (restored), ==, "member_create");
  g_assert_cmpstr (pb_webhook_get_target_url (restored), ==, "https://crm.example.com/members");
  g_assert_false (pb_webhook_get_active (restored));
  g_assert_cmpint (pb_webhook_get_id (restored), !=, fixture->members_id);
  PB_TEST_WAIT_FOR (n_shown (fixture) == 3, 10);
}

static void
test_delete_production (Fixture       *fixture,
                        gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  pb_account_set_production (fixture->sim.account, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "webhooks.delete", "x",
                              fixture->orders_id);
  PB_TEST_WAIT_FOR ((dialog = find_dialog ()) != NULL, 10);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "delete"));

  entry = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (entry), "acm");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "delete"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "acme");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "delete"));

  /* As the Cancel button does: answer, then close. */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (find_dialog ());
  g_assert_nonnull (pb_simulator_lookup_webhook (fixture->sim.simulator, fixture->orders_id));
}

static void
test_offline (Fixture       *fixture,
              gconstpointer  data)
{
  GtkRevealer *revealer = GTK_REVEALER (template_child (fixture, "status_revealer"));
  GtkLabel *label = GTK_LABEL (template_child (fixture, "status_label"));

  pb_simulator_stop (fixture->sim.simulator);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "webhooks.refresh", NULL);
  PB_TEST_WAIT_FOR (pb_account_session_get_offline (fixture->sim.session) &&
                    !pb_account_session_get_syncing (fixture->sim.session), 10);

  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (label), "Offline — showing data from "));
  g_assert_cmpuint (n_shown (fixture), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  pb_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/patchbay/webhooks-page/list", test_list);
  ADD ("/patchbay/webhooks-page/search", test_search);
  ADD ("/patchbay/webhooks-page/filters", test_filters);
  ADD ("/patchbay/webhooks-page/toggle", test_toggle);
  ADD ("/patchbay/webhooks-page/toggle-fails", test_toggle_fails);
  ADD ("/patchbay/webhooks-page/toggle-leaves-filter", test_toggle_leaves_filter);
  ADD ("/patchbay/webhooks-page/rename-resorts", test_rename_resorts);
  ADD ("/patchbay/webhooks-page/delete-undo", test_delete_undo);
  ADD ("/patchbay/webhooks-page/delete-production", test_delete_production);
  ADD ("/patchbay/webhooks-page/offline", test_offline);

#undef ADD

  return g_test_run ();
}

/* test-coverage-page.c: the matrix of events and the webhooks behind them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "pb-bulk-dialog.h"
#include "pb-coverage-page.h"
#include "pb-simulator.h"
#include "pb-webhook-editor.h"

typedef struct
{
  PbSimulator      *simulator;
  PbStore          *store;
  PbAccount        *account;
  PbCatalog        *catalog;
  PbAccountSession *session;
  GtkWindow        *window;
  PbCoveragePage   *page;
  char             *token;
} Fixture;

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the default main context until @cond holds, failing after 10 s. */
#define WAIT_FOR(cond) G_STMT_START {                                     \
    gboolean timed_out_ = FALSE;                                          \
    guint timeout_id_ = g_timeout_add_seconds (10, on_timeout, &timed_out_); \
    while (!(cond) && !timed_out_)                                        \
      g_main_context_iteration (NULL, TRUE);                              \
    if (!timed_out_)                                                      \
      g_source_remove (timeout_id_);                                      \
    g_assert_true (cond);                                                 \
  } G_STMT_END

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
  g_autoptr(PbClient) client = NULL;
  g_autoptr(SoupSession) soup = pb_client_session_new ();
  g_autofree char *api_base = NULL;

  fixture->simulator = pb_simulator_new ("acme", "acme-key");
  pb_simulator_start (fixture->simulator, &error);
  g_assert_no_error (error);
  api_base = pb_simulator_dup_api_base (fixture->simulator);
  pb_simulator_add_webhook (fixture->simulator, "Orders to ERP", "opportunity_convert_to_order",
                            "https://erp.example.com/in", TRUE);
  pb_simulator_add_webhook (fixture->simulator, "Orders to chat", "opportunity_convert_to_order",
                            "https://chat.example.com/hook", TRUE);
  pb_simulator_add_webhook (fixture->simulator, "Old invoices", "invoice_destroy",
                            "https://erp.example.com/invoices", FALSE);
  pb_simulator_add_webhook (fixture->simulator, "New products", "product_create",
                            "https://erp.example.com/products", TRUE);

  fixture->store = pb_store_new (NULL, &error);
  g_assert_no_error (error);
  fixture->account = pb_account_new ("acme");
  pb_account_set_api_base (fixture->account, api_base);
  pb_store_save_account (fixture->store, fixture->account, &error);
  g_assert_no_error (error);
  fixture->token = pb_store_create_token (fixture->store, pb_account_get_id (fixture->account),
                                          &error);
  g_assert_no_error (error);

  client = pb_client_new (soup, api_base, "acme", "acme-key");
  pb_client_set_retry_policy (client, 1, 0, 0);
  fixture->catalog = pb_catalog_new ();
  fixture->session = pb_account_session_new (fixture->store, fixture->account, client,
                                             fixture->catalog);

  fixture->page = PB_COVERAGE_PAGE (pb_coverage_page_new (fixture->session, NULL));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1100, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);

  /* The page refreshes when it first shows; the matrix follows the list. */
  WAIT_FOR (pb_coverage_cell_get_n_webhooks (model_cell (fixture, "product_create")) == 1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Dialogs the test left open go too. */
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }

  g_clear_object (&fixture->session);
  g_clear_object (&fixture->catalog);
  g_clear_object (&fixture->account);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->token, g_free);
  pb_simulator_stop (fixture->simulator);
  g_clear_object (&fixture->simulator);
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

/* Collects the text of every label and row title below @widget. */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (text, "row:%s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
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

  g_assert_true (pb_store_add_deliveries (fixture->store, deliveries, &error));
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
  g_autoptr(GString) text = g_string_new (NULL);

  add_deliveries (fixture, "Product", "create", 5);
  WAIT_FOR (strstr (cell_label (fixture, "product_create"), "fired") != NULL);

  g_assert_cmpstr (cell_label (fixture, "product_create"), ==,
                   "Product · Create: 1 active webhook, fired 5 times in 7 days");
  collect_text (chip, text);
  g_assert_nonnull (strstr (text->str, "5\n"));
}

static void
test_popover (Fixture       *fixture,
              gconstpointer  data)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (cell (fixture, "opportunity_convert_to_order"));
  g_autoptr(GString) text = g_string_new (NULL);
  GtkPopover *popover;

  /* A popover places itself on the window's monitor, so the window must be up. */
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (button)));
  gtk_menu_button_popup (button);
  popover = gtk_menu_button_get_popover (button);
  g_assert_nonnull (popover);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (popover)));

  collect_text (GTK_WIDGET (popover), text);
  g_assert_nonnull (strstr (text->str, "row:Orders to ERP\n"));
  g_assert_nonnull (strstr (text->str, "row:Orders to chat\n"));
  g_assert_null (strstr (text->str, "row:New products\n"));
  g_assert_nonnull (strstr (text->str, "opportunity_convert_to_order\n"));
  gtk_popover_popdown (popover);
  WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (popover)));

  /* An event without webhooks says so, and offers to create one. */
  g_string_truncate (text, 0);
  button = GTK_MENU_BUTTON (cell (fixture, "opportunity_create"));
  gtk_menu_button_popup (button);
  popover = gtk_menu_button_get_popover (button);
  collect_text (GTK_WIDGET (popover), text);
  g_assert_nonnull (strstr (text->str, "No webhook listens to this event."));
  g_assert_nonnull (strstr (text->str, "Create Webhook…"));
  g_assert_nonnull (strstr (text->str, "Bulk Create…"));
  gtk_popover_popdown (popover);
}

static GtkWindow *
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(GStrv) ticked = NULL;
  GtkWindow *editor;
  GtkWidget *raw;
  GtkWindow *bulk;

  g_assert_null (find_window (PB_TYPE_WEBHOOK_EDITOR));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "coverage.create", "s",
                              "product_update");
  editor = find_window (PB_TYPE_WEBHOOK_EDITOR);
  g_assert_nonnull (editor);

  /* The new webhook starts on the cell's event. */
  raw = (GtkWidget *)gtk_widget_get_template_child (GTK_WIDGET (editor), PB_TYPE_WEBHOOK_EDITOR,
                                                    "event_raw_label");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (raw)), ==, "product_update");

  /* Bulk creation starts with the cell's event ticked. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "coverage.bulk-create", "s",
                              "product_update");
  bulk = find_window (PB_TYPE_BULK_DIALOG);
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

  pb_account_session_create_async (fixture->session, request, NULL, NULL, NULL);
  WAIT_FOR (cell_has_class (fixture, "invoice_create", "active"));
  g_assert_true (cell (fixture, "invoice_create") == before);
  g_assert_cmpuint (pb_coverage_cell_get_n_active (model_cell (fixture, "invoice_create")), ==, 1);
}

/* The isolated data directories hide the MIME database and the icon themes,
 * without which GTK cannot load its own SVG icons; point both back at the
 * system's, read-only. */
static GStrv
dup_system_dirs (const char *subdir)
{
  const char * const *dirs = g_get_system_data_dirs ();
  GStrv result = g_new0 (char *, g_strv_length ((GStrv)dirs) + 1);

  for (guint i = 0; dirs[i] != NULL; i++)
    result[i] = g_build_filename (dirs[i], subdir, NULL);

  return result;
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) mime_dirs = dup_system_dirs ("mime");
  g_auto(GStrv) icon_dirs = dup_system_dirs ("icons");

  g_content_type_set_mime_dirs ((const char * const *)mime_dirs);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();
  for (guint i = 0; icon_dirs[i] != NULL; i++)
    gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    icon_dirs[i]);

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

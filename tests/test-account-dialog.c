/* test-account-dialog.c: connecting and editing accounts through the dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-test"

#include "config.h"

#include <adwaita.h>

#include "pb-account-dialog.h"
#include "pb-application.h"
#include "pb-secrets.h"
#include "pb-simulator.h"
#include "pb-test-core.h"
#include "pb-test-ui.h"

#define RIGHT_KEY "sim-right-key"
#define WAIT_SECONDS 20

typedef struct
{
  PbApplication *app;
  PbSimulator   *simulator;
  char          *api_base;
} Fixture;

typedef struct
{
  GType       type;
  const char *text;
} Wanted;

static gboolean
is_wanted (GtkWidget     *widget,
           gconstpointer  data)
{
  const Wanted *wanted = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, wanted->type)
         && (wanted->text == NULL
             || g_strcmp0 (pb_test_ui_widget_text (widget), wanted->text) == 0);
}

/* The first widget of @type below @root that shows @text, or any one of
 * @type for a %NULL @text. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *text)
{
  Wanted wanted = { type, text };

  return pb_test_ui_find_widget (root, is_wanted, &wanted);
}

static gboolean
is_visible_label_containing (GtkWidget     *widget,
                             gconstpointer  part)
{
  return gtk_widget_is_visible (widget) && pb_test_ui_is_label_containing (widget, part);
}

static GtkWidget *
find_visible_label_containing (GtkWidget  *root,
                               const char *part)
{
  return pb_test_ui_find_widget (root, is_visible_label_containing, part);
}

static gboolean
is_error_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget)
         && gtk_widget_has_css_class (widget, "error")
         && gtk_label_get_text (GTK_LABEL (widget))[0] != '\0';
}

static GtkWidget *
find_error_label (GtkWidget *root)
{
  return pb_test_ui_find_widget (root, is_error_label, NULL);
}

static void
set_row_text (GtkWidget  *dialog,
              const char *title,
              const char *text)
{
  GtkWidget *row = find_widget (dialog, ADW_TYPE_PREFERENCES_ROW, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
fill_dialog (Fixture    *fixture,
             GtkWidget  *dialog,
             const char *subdomain,
             const char *api_key)
{
  GtkWidget *base_row = find_widget (dialog, ADW_TYPE_ACTION_ROW, "API Base");
  GtkWidget *base_entry;

  g_assert_nonnull (base_row);
  base_entry = find_widget (base_row, GTK_TYPE_ENTRY, NULL);
  g_assert_nonnull (base_entry);

  set_row_text (dialog, "Subdomain", subdomain);
  if (api_key != NULL)
    set_row_text (dialog, "API Key", api_key);
  gtk_editable_set_text (GTK_EDITABLE (base_entry), fixture->api_base);
}

static GtkWidget *
connect_button (GtkWidget *dialog)
{
  GtkWidget *button = find_widget (dialog, GTK_TYPE_BUTTON, "C_onnect");

  if (button == NULL)
    button = find_widget (dialog, GTK_TYPE_BUTTON, "_Save");
  g_assert_nonnull (button);

  return button;
}

static guint
count_accounts (Fixture *fixture)
{
  PbStore *store = pb_application_get_store (fixture->app);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  accounts = pb_store_list_accounts (store, &error);
  g_assert_no_error (error);

  return accounts->len;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;

  g_settings_set_boolean (settings, "listen-at-start", FALSE);

  fixture->simulator = pb_simulator_new ("acme", RIGHT_KEY);
  pb_simulator_start (fixture->simulator, &error);
  g_assert_no_error (error);
  fixture->api_base = pb_simulator_dup_api_base (fixture->simulator);

  fixture->app = pb_test_ui_app_new ();
  PB_TEST_WAIT_FOR (!pb_application_get_loading (fixture->app), WAIT_SECONDS);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app))) != NULL)
    gtk_window_destroy (windows->data);

  pb_secrets_clear_sync ("acme", fixture->api_base, NULL, NULL);
  pb_simulator_stop (fixture->simulator);
  pb_test_ui_app_quit (g_steal_pointer (&fixture->app));
  g_clear_object (&fixture->simulator);
  g_clear_pointer (&fixture->api_base, g_free);
}

static void
test_normalize (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkWidget *dialog = pb_account_dialog_new (fixture->app, NULL);
  GtkWidget *subdomain_row;
  const char *inputs[] = {
    "acme", "acme.current-rms.com", "https://acme.current-rms.com/dashboard", " ACME ",
  };

  gtk_window_present (GTK_WINDOW (dialog));
  subdomain_row = find_widget (dialog, ADW_TYPE_ENTRY_ROW, "Subdomain");

  /* Typing starts in the subdomain, not on a button a space would press. */
  PB_TEST_WAIT_FOR (gtk_widget_get_mapped (dialog), WAIT_SECONDS);
  g_assert_nonnull (gtk_window_get_focus (GTK_WINDOW (dialog)));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)),
                                         subdomain_row));
  set_row_text (dialog, "API Key", "anything");

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (subdomain_row), inputs[i]);
      g_assert_nonnull (find_visible_label_containing (dialog, "“acme”"));
      g_assert_false (gtk_widget_has_css_class (subdomain_row, "error"));
      g_assert_true (gtk_widget_get_sensitive (connect_button (dialog)));
    }

  gtk_editable_set_text (GTK_EDITABLE (subdomain_row), "not a subdomain!");
  g_assert_true (gtk_widget_has_css_class (subdomain_row, "error"));
  g_assert_null (find_visible_label_containing (dialog, "“acme”"));
  g_assert_false (gtk_widget_get_sensitive (connect_button (dialog)));
  g_assert_nonnull (find_error_label (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_wrong_key (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkWidget *dialog = pb_account_dialog_new (fixture->app, NULL);
  PbAccountDialog *account_dialog = PB_ACCOUNT_DIALOG (dialog);
  const char *message;

  gtk_window_present (GTK_WINDOW (dialog));
  fill_dialog (fixture, dialog, "acme", "not-the-key");
  g_signal_emit_by_name (connect_button (dialog), "clicked");
  g_assert_true (pb_account_dialog_get_busy (account_dialog));

  PB_TEST_WAIT_FOR (!pb_account_dialog_get_busy (account_dialog), WAIT_SECONDS);
  message = pb_account_dialog_get_message (account_dialog);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "Current RMS refused this API key"));
  g_assert_nonnull (find_visible_label_containing (dialog, "refused this API key"));
  g_assert_cmpuint (count_accounts (fixture), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pb_application_get_sessions (fixture->app)),
                    ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
connect_and_wait (Fixture   *fixture,
                  GtkWidget *dialog)
{
  g_autoptr(GtkWidget) held = g_object_ref (dialog);
  PbAccountDialog *account_dialog = PB_ACCOUNT_DIALOG (dialog);

  g_signal_emit_by_name (connect_button (dialog), "clicked");

  /* The dialog closes itself on success and keeps the answer otherwise. */
  PB_TEST_WAIT_FOR (!gtk_widget_get_visible (dialog)
                    || (!pb_account_dialog_get_busy (account_dialog)
                        && pb_account_dialog_get_message (account_dialog) != NULL),
                    WAIT_SECONDS);
  g_assert_null (pb_account_dialog_get_message (account_dialog));
  g_assert_false (gtk_widget_get_visible (dialog));
}

static PbAccount *
find_stored_account (Fixture *fixture)
{
  PbStore *store = pb_application_get_store (fixture->app);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  accounts = pb_store_list_accounts (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 1);

  return g_object_ref (g_ptr_array_index (accounts, 0));
}

static char *
lookup_key (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  char *key;

  key = pb_secrets_lookup_sync ("acme", fixture->api_base, NULL, &error);
  g_assert_no_error (error);

  return key;
}

static void
test_right_key (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkWidget *dialog = pb_account_dialog_new (fixture->app, NULL);
  g_autoptr(PbAccount) account = NULL;
  g_autofree char *key = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  fill_dialog (fixture, dialog, "https://acme.current-rms.com/", RIGHT_KEY);
  set_row_text (dialog, "Label (optional)", "Acme Rentals");
  connect_and_wait (fixture, dialog);

  account = find_stored_account (fixture);
  g_assert_cmpstr (pb_account_get_subdomain (account), ==, "acme");
  g_assert_cmpstr (pb_account_get_label (account), ==, "Acme Rentals");
  g_assert_cmpstr (pb_account_get_api_base (account), ==, fixture->api_base);
  g_assert_false (pb_account_get_demo (account));

  key = lookup_key (fixture);
  g_assert_cmpstr (key, ==, RIGHT_KEY);
  g_assert_cmpuint (g_list_model_get_n_items (pb_application_get_sessions (fixture->app)),
                    ==, 1);
}

static void
test_edit_keeps_key (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GtkWidget *dialog = pb_account_dialog_new (fixture->app, NULL);
  g_autoptr(PbAccount) account = NULL;
  g_autoptr(PbAccount) edited = NULL;
  g_autofree char *key = NULL;
  guint checks;

  gtk_window_present (GTK_WINDOW (dialog));
  fill_dialog (fixture, dialog, "acme", RIGHT_KEY);
  connect_and_wait (fixture, dialog);
  account = find_stored_account (fixture);

  checks = pb_simulator_get_request_count (fixture->simulator);
  dialog = pb_account_dialog_new (fixture->app, account);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_nonnull (find_widget (dialog, GTK_TYPE_BUTTON, "_Save"));
  set_row_text (dialog, "Label (optional)", "Acme Live");
  connect_and_wait (fixture, dialog);

  /* The edit was checked against Current RMS with the stored key. */
  g_assert_cmpuint (pb_simulator_get_request_count (fixture->simulator), >, checks);
  edited = find_stored_account (fixture);
  g_assert_cmpint (pb_account_get_id (edited), ==, pb_account_get_id (account));
  g_assert_cmpstr (pb_account_get_label (edited), ==, "Acme Live");
  key = lookup_key (fixture);
  g_assert_cmpstr (key, ==, RIGHT_KEY);
  g_assert_cmpuint (g_list_model_get_n_items (pb_application_get_sessions (fixture->app)),
                    ==, 1);
}

/* A second account at the same address cannot be saved: the dialog says so
 * and the first account's key is left as it was. */
static void
test_duplicate_keeps_key (Fixture       *fixture,
                          gconstpointer  user_data)
{
  GtkWidget *dialog = pb_account_dialog_new (fixture->app, NULL);
  g_autoptr(GtkWidget) held = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  fill_dialog (fixture, dialog, "acme", RIGHT_KEY);
  connect_and_wait (fixture, dialog);
  pb_secrets_store_sync ("acme", fixture->api_base, "Acme", "kept-key", NULL, &error);
  g_assert_no_error (error);

  dialog = pb_account_dialog_new (fixture->app, NULL);
  held = g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  fill_dialog (fixture, dialog, "acme", RIGHT_KEY);
  g_signal_emit_by_name (connect_button (dialog), "clicked");
  PB_TEST_WAIT_FOR (!pb_account_dialog_get_busy (PB_ACCOUNT_DIALOG (dialog))
                    && pb_account_dialog_get_message (PB_ACCOUNT_DIALOG (dialog)) != NULL,
                    WAIT_SECONDS);

  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_cmpuint (count_accounts (fixture), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pb_application_get_sessions (fixture->app)),
                    ==, 1);
  key = lookup_key (fixture);
  g_assert_cmpstr (key, ==, "kept-key");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  GtkWidget *dialog = pb_account_dialog_new (fixture->app, NULL);
  g_autoptr(GtkWidget) held = g_object_ref (dialog);

  gtk_window_present (GTK_WINDOW (dialog));
  fill_dialog (fixture, dialog, "acme", RIGHT_KEY);
  g_assert_true (gtk_widget_activate_action (dialog, "window.close", NULL));

  PB_TEST_WAIT_FOR (!gtk_widget_get_visible (dialog), WAIT_SECONDS);
  g_assert_cmpuint (count_accounts (fixture), ==, 0);
  g_assert_cmpuint (pb_simulator_get_request_count (fixture->simulator), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  pb_test_ui_init (&argc, &argv);

  g_test_add ("/patchbay/account-dialog/normalize", Fixture, NULL,
              fixture_set_up, test_normalize, fixture_tear_down);
  g_test_add ("/patchbay/account-dialog/wrong-key", Fixture, NULL,
              fixture_set_up, test_wrong_key, fixture_tear_down);
  g_test_add ("/patchbay/account-dialog/right-key", Fixture, NULL,
              fixture_set_up, test_right_key, fixture_tear_down);
  g_test_add ("/patchbay/account-dialog/edit-keeps-key", Fixture, NULL,
              fixture_set_up, test_edit_keeps_key, fixture_tear_down);
  g_test_add ("/patchbay/account-dialog/duplicate-keeps-key", Fixture, NULL,
              fixture_set_up, test_duplicate_keeps_key, fixture_tear_down);
  g_test_add ("/patchbay/account-dialog/cancel", Fixture, NULL,
              fixture_set_up, test_cancel, fixture_tear_down);

  return g_test_run ();
}

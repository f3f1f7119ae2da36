/* test-window.c: the main window with the demo, the welcome page, and the
 * state it remembers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-test"

#include "config.h"

#include <adwaita.h>

#include "pb-application.h"
#include "pb-simulator.h"
#include "pb-test-core.h"
#include "pb-test-ui.h"
#include "pb-window.h"

#define WAIT_SECONDS 30

typedef struct
{
  PbApplication *app;
  GSettings     *settings;
} Fixture;

/* A label or button showing TEXT, drawn on screen right now. */
static GtkWidget *
find_shown (GtkWidget  *root,
            GType       type,
            const char *text)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      if (g_strcmp0 (pb_test_ui_widget_text (root), text) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown (child, type, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static PbWindow *
main_window (Fixture *fixture)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (fixture->app));
       l != NULL;
       l = l->next)
    if (PB_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static PbWindow *
open_window (Fixture *fixture)
{
  PbWindow *window;

  g_application_activate (G_APPLICATION (fixture->app));
  window = main_window (fixture);
  g_assert_nonnull (window);
  PB_TEST_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)), WAIT_SECONDS);

  return window;
}

static void
close_window (PbWindow *window)
{
  g_autoptr(PbWindow) held = g_object_ref (window);

  gtk_window_close (GTK_WINDOW (window));
  PB_TEST_WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (held)), WAIT_SECONDS);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->settings = g_settings_new (APP_ID);

  /* The memory backend is shared by every test in this process. */
  for (guint i = 0; i < 2; i++)
    {
      const char *keys[] = { "last-account", "window-width" };

      g_settings_reset (fixture->settings, keys[i]);
    }
  g_settings_set_boolean (fixture->settings, "listen-at-start", FALSE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->app != NULL)
    pb_test_ui_app_quit (g_steal_pointer (&fixture->app));
  g_clear_object (&fixture->settings);
  g_unsetenv ("PATCHBAY_SUBDOMAIN");
  g_unsetenv ("PATCHBAY_API_KEY");
  g_unsetenv ("PATCHBAY_API_BASE");
}

static void
test_demo (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) webhooks = NULL;
  PbSimulator *simulator;
  PbWindow *window;
  PbWebhook *first;

  fixture->app = pb_test_ui_app_new ();
  pb_application_start_demo (fixture->app, &error);
  g_assert_no_error (error);
  window = open_window (fixture);

  g_assert_nonnull (find_shown (GTK_WIDGET (window), GTK_TYPE_LABEL, "Demo"));
  PB_TEST_WAIT_FOR (pb_window_get_page_widget (window) != NULL, WAIT_SECONDS);
  g_assert_true (g_str_has_suffix (pb_window_get_visible_page (window), ":webhooks"));

  simulator = pb_demo_get_simulator (pb_application_get_demo (fixture->app));
  webhooks = pb_simulator_list_webhooks (simulator);
  g_assert_cmpuint (webhooks->len, >, 0);
  first = g_ptr_array_index (webhooks, 0);

  /* The sample webhooks arrive with the first refresh. */
  PB_TEST_WAIT_FOR (find_shown (pb_window_get_page_widget (window), GTK_TYPE_LABEL,
                                pb_webhook_get_name (first)) != NULL, WAIT_SECONDS);
}

static void
test_welcome (Fixture       *fixture,
              gconstpointer  user_data)
{
  PbWindow *window;

  fixture->app = pb_test_ui_app_new ();
  PB_TEST_WAIT_FOR (!pb_application_get_loading (fixture->app), WAIT_SECONDS);
  window = open_window (fixture);

  g_assert_nonnull (find_shown (GTK_WIDGET (window), GTK_TYPE_BUTTON,
                                "Connect to Current RMS"));
  g_assert_nonnull (find_shown (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Explore the demo"));
  g_assert_null (pb_window_get_page_widget (window));

  /* The demo button leaves the welcome page for the demo account. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.explore-demo", NULL));
  g_assert_nonnull (pb_application_get_demo (fixture->app));
  PB_TEST_WAIT_FOR (pb_window_get_page_widget (window) != NULL, WAIT_SECONDS);
  PB_TEST_WAIT_FOR (find_shown (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Explore the demo") == NULL,
                    WAIT_SECONDS);
}

static gint64
save_second_account (PbSimulator *simulator)
{
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbAccount) account = pb_account_new ("acme");
  g_autofree char *api_base = pb_simulator_dup_api_base (simulator);
  g_autoptr(GError) error = NULL;

  store = pb_store_new (NULL, &error);
  g_assert_no_error (error);
  pb_account_set_api_base (account, api_base);
  pb_store_save_account (store, account, &error);
  g_assert_no_error (error);

  /* The environment stands in for the keyring. */
  g_setenv ("PATCHBAY_SUBDOMAIN", "acme", TRUE);
  g_setenv ("PATCHBAY_API_KEY", "acme-key", TRUE);
  g_setenv ("PATCHBAY_API_BASE", api_base, TRUE);

  return pb_account_get_id (account);
}

static void
test_restore_page (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(PbSimulator) simulator = pb_simulator_new ("acme", "acme-key");
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  PbWindow *window;
  gint64 account_id;

  pb_simulator_start (simulator, &error);
  g_assert_no_error (error);
  account_id = save_second_account (simulator);
  g_assert_cmpint (account_id, >, 0);

  fixture->app = pb_test_ui_app_new ();
  pb_application_start_demo (fixture->app, &error);
  g_assert_no_error (error);
  PB_TEST_WAIT_FOR (!pb_application_get_loading (fixture->app), WAIT_SECONDS);
  g_assert_cmpuint (g_list_model_get_n_items (pb_application_get_sessions (fixture->app)),
                    ==, 2);

  window = open_window (fixture);
  g_assert_nonnull (find_shown (GTK_WIDGET (window), GTK_TYPE_LABEL, "acme"));
  key = g_strdup_printf ("%" G_GINT64_FORMAT ":webhooks", account_id);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", key);
  g_assert_cmpstr (pb_window_get_visible_page (window), ==, key);
  close_window (window);

  window = open_window (fixture);
  g_assert_cmpstr (pb_window_get_visible_page (window), ==, key);
  g_assert_nonnull (pb_window_get_page_widget (window));

  pb_simulator_stop (simulator);
}

static void
test_window_size (Fixture       *fixture,
                  gconstpointer  user_data)
{
  PbWindow *window;
  int width;
  int height;

  g_settings_set_int (fixture->settings, "window-width", 900);
  g_settings_set_int (fixture->settings, "window-height", 640);
  fixture->app = pb_test_ui_app_new ();
  window = open_window (fixture);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  /* What is drawn follows, less the frame the window draws around itself. */
  PB_TEST_WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (window)) > 0, WAIT_SECONDS);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >, 800);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 900);

  /* Forget the stored size, so that what is saved comes from the window. */
  g_settings_set_int (fixture->settings, "window-width", 500);
  g_settings_set_int (fixture->settings, "window-height", 400);
  close_window (window);

  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (fixture->settings, "window-maximized"));

  g_settings_set_int (fixture->settings, "window-width", 1000);
  window = open_window (fixture);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 640);
}

int
main (int   argc,
      char *argv[])
{
  pb_test_ui_init (&argc, &argv);

  g_test_add ("/patchbay/window/demo", Fixture, NULL,
              fixture_set_up, test_demo, fixture_tear_down);
  g_test_add ("/patchbay/window/welcome", Fixture, NULL,
              fixture_set_up, test_welcome, fixture_tear_down);
  g_test_add ("/patchbay/window/restore-page", Fixture, NULL,
              fixture_set_up, test_restore_page, fixture_tear_down);
  g_test_add ("/patchbay/window/size", Fixture, NULL,
              fixture_set_up, test_window_size, fixture_tear_down);

  return g_test_run ();
}

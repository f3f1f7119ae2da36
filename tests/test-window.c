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
#include "pb-window.h"

#define WAIT_SECONDS 30

typedef struct
{
  PbApplication *app;
  GSettings     *settings;
} Fixture;

static gboolean
heartbeat_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main context until COND holds; a hang fails the test. */
#define WAIT_UNTIL(cond) G_STMT_START {                                        \
  guint beat_ = g_timeout_add (20, heartbeat_cb, NULL);                       \
  gint64 end_ = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;      \
  while (!(cond))                                                              \
    {                                                                          \
      if (g_get_monotonic_time () > end_)                                      \
        g_error ("Timed out waiting for %s", #cond);                           \
      g_main_context_iteration (NULL, TRUE);                                   \
    }                                                                          \
  g_source_remove (beat_);                                                     \
} G_STMT_END

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
      const char *shown = GTK_IS_BUTTON (root) ? gtk_button_get_label (GTK_BUTTON (root))
                          : GTK_IS_LABEL (root) ? gtk_label_get_text (GTK_LABEL (root))
                          : NULL;

      if (g_strcmp0 (shown, text) == 0)
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
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));

  return window;
}

static void
close_window (PbWindow *window)
{
  g_autoptr(PbWindow) held = g_object_ref (window);

  gtk_window_close (GTK_WINDOW (window));
  WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (held)));
}

static void
register_app (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->app = pb_application_new ();
  g_application_set_flags (G_APPLICATION (fixture->app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);
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

static gboolean
quit_idle_cb (gpointer user_data)
{
  GApplication *app = user_data;
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  g_application_quit (app);

  return G_SOURCE_REMOVE;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GList *windows;

  while (fixture->app != NULL
         && (windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app))) != NULL)
    gtk_window_destroy (windows->data);

  /* Only a run that ends unexports the application from the bus, which the
   * next test needs for the same id; it also runs the real shutdown. */
  if (fixture->app != NULL)
    {
      g_idle_add (quit_idle_cb, fixture->app);
      g_application_run (G_APPLICATION (fixture->app), 0, NULL);
      g_object_add_weak_pointer (G_OBJECT (fixture->app), (gpointer *)&fixture->app);
      g_object_unref (fixture->app);
      WAIT_UNTIL (fixture->app == NULL);
    }
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

  register_app (fixture);
  pb_application_start_demo (fixture->app, &error);
  g_assert_no_error (error);
  window = open_window (fixture);

  g_assert_nonnull (find_shown (GTK_WIDGET (window), GTK_TYPE_LABEL, "Demo"));
  WAIT_UNTIL (pb_window_get_page_widget (window) != NULL);
  g_assert_true (g_str_has_suffix (pb_window_get_visible_page (window), ":webhooks"));

  simulator = pb_demo_get_simulator (pb_application_get_demo (fixture->app));
  webhooks = pb_simulator_list_webhooks (simulator);
  g_assert_cmpuint (webhooks->len, >, 0);
  first = g_ptr_array_index (webhooks, 0);

  /* The sample webhooks arrive with the first refresh. */
  WAIT_UNTIL (find_shown (pb_window_get_page_widget (window), GTK_TYPE_LABEL,
                          pb_webhook_get_name (first)) != NULL);
}

static void
test_welcome (Fixture       *fixture,
              gconstpointer  user_data)
{
  PbWindow *window;

  register_app (fixture);
  WAIT_UNTIL (!pb_application_get_loading (fixture->app));
  window = open_window (fixture);

  g_assert_nonnull (find_shown (GTK_WIDGET (window), GTK_TYPE_BUTTON,
                                "Connect to Current RMS"));
  g_assert_nonnull (find_shown (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Explore the demo"));
  g_assert_null (pb_window_get_page_widget (window));

  /* The demo button leaves the welcome page for the demo account. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.explore-demo", NULL));
  g_assert_nonnull (pb_application_get_demo (fixture->app));
  WAIT_UNTIL (pb_window_get_page_widget (window) != NULL);
  WAIT_UNTIL (find_shown (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Explore the demo") == NULL);
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

  register_app (fixture);
  pb_application_start_demo (fixture->app, &error);
  g_assert_no_error (error);
  WAIT_UNTIL (!pb_application_get_loading (fixture->app));
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
  register_app (fixture);
  window = open_window (fixture);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  /* What is drawn follows, less the frame the window draws around itself. */
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (window)) > 0);
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
  /* Icons are recognized through the MIME database, which the isolated
   * directories would otherwise hide. */
  g_content_type_set_mime_dirs (NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();

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

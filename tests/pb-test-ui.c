/* pb-test-ui.c: set-up, windows and widget lookups shared by the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-test"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "pb-test-core.h"
#include "pb-test-ui.h"

/* The system's data directories as they were before the test isolated them. */
static char **system_data_dirs;

static void
add_system_icon_dirs (void)
{
  GtkIconTheme *icon_theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_auto(GStrv) icon_dirs = pb_test_ui_dup_system_dirs ("icons");

  for (guint i = 0; icon_dirs[i] != NULL; i++)
    gtk_icon_theme_add_search_path (icon_theme, icon_dirs[i]);
}

static void
use_system_source_dirs (void)
{
  g_auto(GStrv) languages = pb_test_ui_dup_system_dirs ("gtksourceview-5/language-specs");
  g_auto(GStrv) schemes = pb_test_ui_dup_system_dirs ("gtksourceview-5/styles");

  gtk_source_language_manager_set_search_path (gtk_source_language_manager_get_default (),
                                               (const char * const *)languages);
  gtk_source_style_scheme_manager_set_search_path (gtk_source_style_scheme_manager_get_default (),
                                                   (const char * const *)schemes);
}

/**
 * pb_test_ui_init:
 * @argc: the program's argument count
 * @argv: the program's arguments
 *
 * Initializes GTest with isolated directories, GTK, libadwaita and
 * GtkSourceView.
 *
 * Isolation hides the system's MIME database and icon themes. Without them
 * GTK cannot tell that its own icons are SVG and warns, which fails the
 * test; so both are pointed back at the system's copies, which are only read.
 * The same goes for GtkSourceView's languages and style schemes.
 */
void
pb_test_ui_init (int    *argc,
                 char ***argv)
{
  g_assert (system_data_dirs == NULL);

  system_data_dirs = g_strdupv ((char **)g_get_system_data_dirs ());
  /* Read now, before g_test_init() changes the data directories. */
  g_content_type_set_mime_dirs (NULL);

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();
  gtk_source_init ();

  add_system_icon_dirs ();
  use_system_source_dirs ();
}

/**
 * pb_test_ui_dup_system_dirs:
 * @subdir: a directory under each system data directory, such as "icons"
 *
 * Returns: (transfer full): @subdir in each of the system's data directories
 *   as they were before pb_test_ui_init() isolated the test
 */
char **
pb_test_ui_dup_system_dirs (const char *subdir)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_assert (system_data_dirs != NULL);

  for (guint i = 0; system_data_dirs[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (system_data_dirs[i], subdir, NULL);

      g_strv_builder_add (builder, dir);
    }

  return g_strv_builder_end (builder);
}

/**
 * pb_test_ui_app_new:
 *
 * Creates the application and registers it without asking the bus for
 * uniqueness, so that each test case can have an instance of its own.
 *
 * Returns: (transfer full): the registered application
 */
PbApplication *
pb_test_ui_app_new (void)
{
  g_autoptr(PbApplication) app = pb_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&app);
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

/**
 * pb_test_ui_app_quit:
 * @app: (transfer full): an application from pb_test_ui_app_new()
 *
 * Closes the application's windows, runs its shutdown and waits until it
 * is finalized.
 */
void
pb_test_ui_app_quit (PbApplication *app)
{
  GList *windows;

  g_assert (PB_IS_APPLICATION (app));

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);

  /* Only a run that ends unexports the application from the bus, which the
   * next test needs for the same id; it also runs the real shutdown. */
  g_idle_add (quit_idle_cb, app);
  g_application_run (G_APPLICATION (app), 0, NULL);
  g_object_add_weak_pointer (G_OBJECT (app), (gpointer *)&app);
  g_object_unref (app);
  PB_TEST_WAIT_FOR (app == NULL, 30);
  if (app != NULL)
    g_object_remove_weak_pointer (G_OBJECT (app), (gpointer *)&app);
}

/**
 * pb_test_ui_present:
 * @child: (transfer floating): what the window shows
 * @width: the window's default width
 * @height: the window's default height
 *
 * Shows @child in a new window and waits until it is on screen.
 *
 * Returns: (transfer none): the window, owned by GTK until destroyed
 */
GtkWindow *
pb_test_ui_present (GtkWidget *child,
                    int        width,
                    int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  g_assert (GTK_IS_WIDGET (child));

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  PB_TEST_WAIT_FOR (gtk_widget_get_mapped (child), 10);

  return window;
}

/**
 * pb_test_ui_find_toplevel:
 * @type: the type of window searched for
 *
 * Returns: (transfer none) (nullable): the first toplevel window of @type
 */
GtkWindow *
pb_test_ui_find_toplevel (GType type)
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

/**
 * pb_test_ui_destroy_toplevels:
 *
 * Destroys every toplevel window, so that none outlives its test case.
 */
void
pb_test_ui_destroy_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  (*(guint *)user_data)++;
  return G_SOURCE_CONTINUE;
}

/**
 * pb_test_ui_wait_frames:
 * @widget: a mapped widget
 * @n_frames: how many frames to wait for
 *
 * Iterates the main context until @widget's frame clock has ticked
 * @n_frames times.
 */
void
pb_test_ui_wait_frames (GtkWidget *widget,
                        guint      n_frames)
{
  guint counted = 0;
  guint id;

  g_assert (GTK_IS_WIDGET (widget));

  id = gtk_widget_add_tick_callback (widget, count_frame, &counted, NULL);
  PB_TEST_WAIT_FOR (counted >= n_frames, 10);
  gtk_widget_remove_tick_callback (widget, id);
}

/**
 * pb_test_ui_template_child:
 * @widget: a widget built from a template
 * @widget_type: the class whose template declares @name
 * @name: the id of the child in the template
 *
 * Returns: (transfer none): the child, which must exist
 */
GtkWidget *
pb_test_ui_template_child (GtkWidget  *widget,
                           GType       widget_type,
                           const char *name)
{
  GObject *child;

  g_assert (GTK_IS_WIDGET (widget));

  child = gtk_widget_get_template_child (widget, widget_type, name);
  g_assert_nonnull (child);

  return GTK_WIDGET (child);
}

typedef struct
{
  const char *text;
  gboolean    reported;
} SearchReport;

/* Replacing the text empties the entry first, which it reports on its own. */
static void
on_search_reported (GtkSearchEntry *entry,
                    SearchReport   *report)
{
  if (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (entry)), report->text))
    report->reported = TRUE;
}

/**
 * pb_test_ui_search:
 * @entry: a #GtkSearchEntry
 * @text: what to search for
 *
 * Types @text into @entry and has it report the change at once, where it
 * would otherwise wait for a pause in the typing.
 */
void
pb_test_ui_search (GtkWidget  *entry,
                   const char *text)
{
  SearchReport report = { text, FALSE };
  gulong handler;

  g_assert (GTK_IS_SEARCH_ENTRY (entry));

  /* The entry's own report, not an extra one: a report emitted here would
   * leave the entry's delayed one pending, to filter again at a random later
   * point of the test. */
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (entry), 0);
  handler = g_signal_connect (entry, "search-changed", G_CALLBACK (on_search_reported),
                              &report);
  if (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (entry)), text))
    g_signal_emit_by_name (entry, "search-changed");
  else
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
  PB_TEST_WAIT_FOR (report.reported, 10);
  g_signal_handler_disconnect (entry, handler);
}

/**
 * pb_test_ui_find_widget:
 * @root: the top of the tree searched, itself included
 * @match: what the widget searched for satisfies
 * @data: passed to @match
 *
 * Returns: (transfer none) (nullable): the first widget, depth first, that
 *   @match accepts
 */
GtkWidget *
pb_test_ui_find_widget (GtkWidget     *root,
                        PbTestUiMatch  match,
                        gconstpointer  data)
{
  g_assert (GTK_IS_WIDGET (root));

  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pb_test_ui_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * pb_test_ui_count_widgets:
 * @root: the top of the tree searched, itself included
 * @match: what the widgets counted satisfy
 * @data: passed to @match
 *
 * Returns: how many widgets of the tree @match accepts
 */
guint
pb_test_ui_count_widgets (GtkWidget     *root,
                          PbTestUiMatch  match,
                          gconstpointer  data)
{
  guint count;

  g_assert (GTK_IS_WIDGET (root));

  count = match (root, data) ? 1 : 0;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count += pb_test_ui_count_widgets (child, match, data);

  return count;
}

/**
 * pb_test_ui_is_label:
 * @widget: a widget
 * @text: (type utf8): the text searched for
 *
 * A #PbTestUiMatch for a label showing exactly @text.
 */
gboolean
pb_test_ui_is_label (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/**
 * pb_test_ui_is_label_containing:
 * @widget: a widget
 * @part: (type utf8): the text searched for
 *
 * A #PbTestUiMatch for a label whose text contains @part.
 */
gboolean
pb_test_ui_is_label_containing (GtkWidget     *widget,
                                gconstpointer  part)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL;
}

/**
 * pb_test_ui_widget_text:
 * @widget: a widget
 *
 * Returns: (transfer none) (nullable): the title of a preferences row, the
 *   label of a button or the text of a label; %NULL for other widgets
 */
const char *
pb_test_ui_widget_text (GtkWidget *widget)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));

  return NULL;
}

static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (text, "row:%s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

/**
 * pb_test_ui_collect_text:
 * @root: the top of the tree read
 *
 * Reads the text of every visible label, a line each, and the title of
 * every preferences row, as a line that starts with "row:".
 *
 * Returns: (transfer full): the text, in the order of the tree
 */
char *
pb_test_ui_collect_text (GtkWidget *root)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert (GTK_IS_WIDGET (root));

  collect_text (root, text);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

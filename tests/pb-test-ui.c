/* pb-test-ui.c: what every UI test does before its first case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "pb-test-ui.h"

/* The system's data directories as they were before the test isolated them. */
static char **system_data_dirs;

/**
 * pb_test_ui_init:
 * @argc: the program's argument count
 * @argv: the program's arguments
 *
 * Initializes GTest with isolated directories, GTK and libadwaita.
 *
 * Isolation hides the system's MIME database and icon themes. Without them
 * GTK cannot tell that its own icons are SVG and warns, which fails the
 * test; so both are pointed back at the system's copies, which are only read.
 */
void
pb_test_ui_init (int    *argc,
                 char ***argv)
{
  g_auto(GStrv) icon_dirs = NULL;
  GtkIconTheme *icon_theme;

  g_assert (system_data_dirs == NULL);

  system_data_dirs = g_strdupv ((char **)g_get_system_data_dirs ());
  /* Read now, before g_test_init() changes the data directories. */
  g_content_type_set_mime_dirs (NULL);

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();

  icon_theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  icon_dirs = pb_test_ui_dup_system_dirs ("icons");
  for (guint i = 0; icon_dirs[i] != NULL; i++)
    gtk_icon_theme_add_search_path (icon_theme, icon_dirs[i]);
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

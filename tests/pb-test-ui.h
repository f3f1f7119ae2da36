/* pb-test-ui.h: set-up, windows and widget lookups shared by the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pb-application.h"

G_BEGIN_DECLS

/**
 * PbTestUiMatch:
 * @widget: a widget of the tree searched
 * @data: what the search was given
 *
 * Returns: whether @widget is one of those searched for
 */
typedef gboolean (*PbTestUiMatch) (GtkWidget     *widget,
                                   gconstpointer  data);

void           pb_test_ui_init                (int           *argc,
                                               char        ***argv);
char         **pb_test_ui_dup_system_dirs     (const char    *subdir);

PbApplication *pb_test_ui_app_new             (void);
void           pb_test_ui_app_quit            (PbApplication *app);

GtkWindow     *pb_test_ui_present             (GtkWidget     *child,
                                               int            width,
                                               int            height);
GtkWindow     *pb_test_ui_find_toplevel       (GType          type);
void           pb_test_ui_destroy_toplevels   (void);
void           pb_test_ui_wait_frames         (GtkWidget     *widget,
                                               guint          n_frames);

GtkWidget     *pb_test_ui_template_child      (GtkWidget     *widget,
                                               GType          widget_type,
                                               const char    *name);
void           pb_test_ui_search              (GtkWidget     *entry,
                                               const char    *text);

GtkWidget     *pb_test_ui_find_widget         (GtkWidget     *root,
                                               PbTestUiMatch  match,
                                               gconstpointer  data);
guint          pb_test_ui_count_widgets       (GtkWidget     *root,
                                               PbTestUiMatch  match,
                                               gconstpointer  data);
gboolean       pb_test_ui_is_label            (GtkWidget     *widget,
                                               gconstpointer  text);
gboolean       pb_test_ui_is_label_containing (GtkWidget     *widget,
                                               gconstpointer  part);
const char    *pb_test_ui_widget_text         (GtkWidget     *widget);
char          *pb_test_ui_collect_text        (GtkWidget     *root);

G_END_DECLS

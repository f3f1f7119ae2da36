/* pb-window.h: the main window, accounts beside their pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pb-application.h"

G_BEGIN_DECLS

#define PB_TYPE_WINDOW (pb_window_get_type ())

G_DECLARE_FINAL_TYPE (PbWindow, pb_window, PB, WINDOW, AdwApplicationWindow)

PbWindow   *pb_window_new               (PbApplication *application);
void        pb_window_show_message      (PbWindow      *self,
                                         const char    *message);
const char *pb_window_get_visible_page  (PbWindow      *self);
GtkWidget  *pb_window_get_page_widget   (PbWindow      *self);

G_END_DECLS

/* pb-accessible.h: what the widgets share to read well in a screen reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void pb_accessible_name_buttons (GtkWidget *root);

G_END_DECLS

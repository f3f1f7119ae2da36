/* pb-welcome-page.h: what the window shows before there is any account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PB_TYPE_WELCOME_PAGE (pb_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (PbWelcomePage, pb_welcome_page, PB, WELCOME_PAGE, AdwBin)

GtkWidget  *pb_welcome_page_new            (void);
GMenuModel *pb_welcome_page_get_menu_model (PbWelcomePage *self);
void        pb_welcome_page_set_menu_model (PbWelcomePage *self,
                                            GMenuModel    *menu_model);

G_END_DECLS

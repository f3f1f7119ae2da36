/* pb-test-ui.h: what every UI test does before its first case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void   pb_test_ui_init             (int         *argc,
                                    char      ***argv);
char **pb_test_ui_dup_system_dirs  (const char  *subdir);

G_END_DECLS

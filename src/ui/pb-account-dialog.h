/* pb-account-dialog.h: connects a Current RMS account, or edits one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pb-application.h"

G_BEGIN_DECLS

#define PB_TYPE_ACCOUNT_DIALOG (pb_account_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PbAccountDialog, pb_account_dialog, PB, ACCOUNT_DIALOG, AdwWindow)

GtkWidget  *pb_account_dialog_new         (PbApplication   *application,
                                           PbAccount       *account);
gboolean    pb_account_dialog_get_busy    (PbAccountDialog *self);
const char *pb_account_dialog_get_message (PbAccountDialog *self);

G_END_DECLS

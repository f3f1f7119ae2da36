/* pb-bulk-dialog.h: the dialog that creates webhooks for many events at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pb-account-session.h"
#include "pb-bulk.h"
#include "pb-receiver.h"

G_BEGIN_DECLS

#define PB_TYPE_BULK_DIALOG (pb_bulk_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PbBulkDialog, pb_bulk_dialog, PB, BULK_DIALOG, AdwWindow)

PbBulkDialog     *pb_bulk_dialog_new           (PbAccountSession   *session,
                                                PbReceiver         *receiver,
                                                const char * const *preselected_events);
PbAccountSession *pb_bulk_dialog_get_session   (PbBulkDialog       *self);
GStrv             pb_bulk_dialog_dup_ticked    (PbBulkDialog       *self);
PbBulkPlan       *pb_bulk_dialog_get_plan      (PbBulkDialog       *self);
guint             pb_bulk_dialog_get_pause     (PbBulkDialog       *self);
void              pb_bulk_dialog_set_pause     (PbBulkDialog       *self,
                                                guint               pause_ms);

G_END_DECLS

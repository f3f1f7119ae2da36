/* pb-bulk-private.h: what the bulk creation's source files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pb-bulk.h"

G_BEGIN_DECLS

struct _PbBulkItem
{
  GObject       parent_instance;

  PbEventInfo  *info;
  char         *name;
  char         *skip_reason;
  char         *error_message;
  gint64        webhook_id;
  PbBulkAction  action;
  PbBulkState   state;
};

PbBulkItem *pb_bulk_item_new         (PbEventInfo *info,
                                      const char  *name,
                                      const char  *skip_reason);
void        pb_bulk_item_set_outcome (PbBulkItem  *self,
                                      PbBulkState  state,
                                      const char  *error_message,
                                      gint64       webhook_id);

G_END_DECLS

/* pb-delivery-row.h: one delivery in the live log's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pb-catalog.h"
#include "pb-delivery.h"

G_BEGIN_DECLS

#define PB_TYPE_DELIVERY_ROW (pb_delivery_row_get_type ())

G_DECLARE_FINAL_TYPE (PbDeliveryRow, pb_delivery_row, PB, DELIVERY_ROW, GtkBox)

GtkWidget  *pb_delivery_row_new             (PbCatalog     *catalog);
PbDelivery *pb_delivery_row_get_delivery    (PbDeliveryRow *self);
void        pb_delivery_row_set_delivery    (PbDeliveryRow *self,
                                             PbDelivery    *delivery);
char       *pb_delivery_row_dup_event_label (PbDelivery    *delivery,
                                             PbCatalog     *catalog);
char       *pb_delivery_row_format_time     (gint64         received_at,
                                             gboolean       with_date);

G_END_DECLS

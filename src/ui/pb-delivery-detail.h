/* pb-delivery-detail.h: everything about one delivery, and its replay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pb-catalog.h"
#include "pb-delivery.h"
#include "pb-receiver.h"

G_BEGIN_DECLS

#define PB_TYPE_DELIVERY_DETAIL (pb_delivery_detail_get_type ())

G_DECLARE_FINAL_TYPE (PbDeliveryDetail, pb_delivery_detail, PB, DELIVERY_DETAIL, AdwBin)

/*
 * Actions: "detail.copy-body", "detail.copy-curl", "detail.save",
 * "detail.replay" (POSTs the body to the URL in the replay entry).
 * Properties: "catalog", "receiver" (nullable; gives the default replay URL),
 * "delivery" (nullable), "replaying" (read-only).
 */
GtkWidget  *pb_delivery_detail_new          (PbCatalog        *catalog,
                                             PbReceiver       *receiver);
PbDelivery *pb_delivery_detail_get_delivery (PbDeliveryDetail *self);
void        pb_delivery_detail_set_delivery (PbDeliveryDetail *self,
                                             PbDelivery       *delivery);
gboolean    pb_delivery_detail_get_replaying (PbDeliveryDetail *self);
char       *pb_delivery_detail_dup_replay_url (PbDeliveryDetail *self);
void        pb_delivery_detail_set_replay_url (PbDeliveryDetail *self,
                                               const char       *url);

G_END_DECLS

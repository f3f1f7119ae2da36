/* pb-delivery-list.h: a live, filtered window on the delivery history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_DELIVERY_LIST_DEFAULT_MAX_ITEMS 2000
#define PB_DELIVERY_LIST_PAGE_SIZE 200

#define PB_TYPE_DELIVERY_LIST (pb_delivery_list_get_type ())

G_DECLARE_FINAL_TYPE (PbDeliveryList, pb_delivery_list, PB, DELIVERY_LIST, GObject)

/*
 * A GListModel of PbDelivery, newest first. Rows come only from the store:
 * a query when the filter changes, older pages on demand, and the store's
 * "deliveries-added" batches, gathered and inserted at most every
 * flush-interval milliseconds with one splice.
 *
 * Properties: "store", "account-id" (construct-only), "paused" (new rows are
 * held back and counted in "n-pending"), "n-pending" (read-only),
 * "has-older" (read-only: the store holds older matching rows),
 * "max-items" (how many live rows are kept), "flush-interval" (ms).
 */
PbDeliveryList *pb_delivery_list_new                (PbStore         *store,
                                                     gint64           account_id);
PbStore        *pb_delivery_list_get_store          (PbDeliveryList  *self);
gint64          pb_delivery_list_get_account_id     (PbDeliveryList  *self);
gboolean        pb_delivery_list_set_filter         (PbDeliveryList  *self,
                                                     const char      *text,
                                                     const char      *event,
                                                     const char      *subject,
                                                     gint64           since,
                                                     GError         **error);
gboolean        pb_delivery_list_get_filtered       (PbDeliveryList  *self);
gboolean        pb_delivery_list_reload             (PbDeliveryList  *self,
                                                     GError         **error);
gboolean        pb_delivery_list_load_older         (PbDeliveryList  *self,
                                                     GError         **error);
gboolean        pb_delivery_list_get_has_older      (PbDeliveryList  *self);
gboolean        pb_delivery_list_get_paused         (PbDeliveryList  *self);
void            pb_delivery_list_set_paused         (PbDeliveryList  *self,
                                                     gboolean         paused);
guint           pb_delivery_list_get_n_pending      (PbDeliveryList  *self);
guint           pb_delivery_list_get_max_items      (PbDeliveryList  *self);
void            pb_delivery_list_set_max_items      (PbDeliveryList  *self,
                                                     guint            max_items);
guint           pb_delivery_list_get_flush_interval (PbDeliveryList  *self);
void            pb_delivery_list_set_flush_interval (PbDeliveryList  *self,
                                                     guint            interval_ms);
void            pb_delivery_list_flush              (PbDeliveryList  *self);

G_END_DECLS

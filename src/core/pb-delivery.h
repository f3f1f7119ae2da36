/* pb-delivery.h: one POST that Current RMS delivered to the receiver
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pb-catalog.h"

G_BEGIN_DECLS

#define PB_TYPE_DELIVERY (pb_delivery_get_type ())

G_DECLARE_FINAL_TYPE (PbDelivery, pb_delivery, PB, DELIVERY, GObject)

/*
 * A delivery is immutable once parsed, apart from what the store assigns when
 * it commits it (the row id, the account and whether it repeats an action).
 *
 * Every field except the raw body is derived defensively from the body: a body
 * that is not a JSON object still makes a delivery, marked invalid, so that the
 * user sees what arrived.
 */
PbDelivery  *pb_delivery_new                  (const char  *token,
                                               GBytes      *body,
                                               const char  *headers_json,
                                               gint64       received_at);
gint64       pb_delivery_get_id               (PbDelivery  *self);
void         pb_delivery_set_id               (PbDelivery  *self,
                                               gint64       id);
gint64       pb_delivery_get_account_id       (PbDelivery  *self);
void         pb_delivery_set_account_id       (PbDelivery  *self,
                                               gint64       account_id);
gint64       pb_delivery_get_received_at      (PbDelivery  *self);
const char  *pb_delivery_get_token            (PbDelivery  *self);
GBytes      *pb_delivery_get_body             (PbDelivery  *self);
const char  *pb_delivery_get_headers_json     (PbDelivery  *self);
gboolean     pb_delivery_get_valid            (PbDelivery  *self);
const char  *pb_delivery_get_problem          (PbDelivery  *self);
const char  *pb_delivery_get_event            (PbDelivery  *self);
void         pb_delivery_set_event            (PbDelivery  *self,
                                               const char  *event);
const char  *pb_delivery_get_action_type      (PbDelivery  *self);
const char  *pb_delivery_get_subject_type     (PbDelivery  *self);
gint64       pb_delivery_get_subject_id       (PbDelivery  *self);
gint64       pb_delivery_get_action_id        (PbDelivery  *self);
gint64       pb_delivery_get_member_id        (PbDelivery  *self);
const char  *pb_delivery_get_member_name      (PbDelivery  *self);
const char  *pb_delivery_get_name             (PbDelivery  *self);
const char  *pb_delivery_get_description      (PbDelivery  *self);
const char  *pb_delivery_get_created_at       (PbDelivery  *self);
guint        pb_delivery_get_status_code      (PbDelivery  *self);
void         pb_delivery_set_status_code      (PbDelivery  *self,
                                               guint        status_code);
gboolean     pb_delivery_get_is_retry         (PbDelivery  *self);
void         pb_delivery_set_is_retry         (PbDelivery  *self,
                                               gboolean     is_retry);
guint        pb_delivery_get_scan_count       (PbDelivery  *self);
char        *pb_delivery_dup_pretty_body      (PbDelivery  *self);
char        *pb_delivery_dup_record_label     (PbDelivery  *self);
char        *pb_delivery_describe             (PbDelivery  *self,
                                               PbCatalog   *catalog);
char        *pb_delivery_dup_curl_command     (PbDelivery  *self,
                                               const char  *url);
PbDelivery  *pb_delivery_new_from_row         (gint64       id,
                                               gint64       account_id,
                                               gint64       received_at,
                                               const char  *token,
                                               const char  *event,
                                               GBytes      *body,
                                               const char  *headers_json,
                                               guint        status_code,
                                               gboolean     is_retry);

G_END_DECLS

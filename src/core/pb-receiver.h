/* pb-receiver.h: the embedded HTTP server that takes deliveries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pb-delivery.h"
#include "pb-store.h"

G_BEGIN_DECLS

#define PB_RECEIVER_DEFAULT_ADDRESS "127.0.0.1"
#define PB_RECEIVER_DEFAULT_PORT 8787
#define PB_RECEIVER_DEFAULT_MAX_BODY (1024 * 1024)
#define PB_RECEIVER_DEFAULT_REQUEST_TIMEOUT 30

#define PB_TYPE_RECEIVER (pb_receiver_get_type ())

G_DECLARE_FINAL_TYPE (PbReceiver, pb_receiver, PB, RECEIVER, GObject)

/*
 * Signals:
 *   "delivery" (PbDelivery *delivery): a delivery was committed to the store
 *   and answered; emitted in the main context the receiver was started in.
 * Properties: "address", "port" (the preferred port; 0 for any),
 *   "max-body-size", "listening" (read-only), "bound-port" (read-only),
 *   "public-url" (the base URL Current RMS reaches, or NULL),
 *   "port-fell-back" (read-only: the preferred port was taken, so another was
 *   bound), "received-count" (read-only: deliveries committed since creation),
 *   "request-timeout" (seconds a connection may take to send a complete
 *   request before it is closed).
 */
PbReceiver *pb_receiver_new              (PbStore       *store);
PbStore    *pb_receiver_get_store        (PbReceiver    *self);
const char *pb_receiver_get_address      (PbReceiver    *self);
void        pb_receiver_set_address      (PbReceiver    *self,
                                          const char    *address);
guint       pb_receiver_get_port         (PbReceiver    *self);
void        pb_receiver_set_port         (PbReceiver    *self,
                                          guint          port);
gsize       pb_receiver_get_max_body_size (PbReceiver   *self);
void        pb_receiver_set_max_body_size (PbReceiver   *self,
                                           gsize         max_body_size);
const char *pb_receiver_get_public_url   (PbReceiver    *self);
void        pb_receiver_set_public_url   (PbReceiver    *self,
                                          const char    *public_url);
gboolean    pb_receiver_start            (PbReceiver    *self,
                                          GError       **error);
void        pb_receiver_stop             (PbReceiver    *self);
gboolean    pb_receiver_get_listening    (PbReceiver    *self);
guint       pb_receiver_get_bound_port   (PbReceiver    *self);
gboolean    pb_receiver_get_port_fell_back (PbReceiver  *self);
char       *pb_receiver_dup_local_base   (PbReceiver    *self);
char       *pb_receiver_dup_url          (PbReceiver    *self,
                                          const char    *token);
guint64     pb_receiver_get_received_count (PbReceiver  *self);
guint       pb_receiver_get_request_timeout (PbReceiver *self);
void        pb_receiver_set_request_timeout (PbReceiver *self,
                                             guint       seconds);

G_END_DECLS

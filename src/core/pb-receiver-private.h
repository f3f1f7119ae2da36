/* pb-receiver-private.h: what the receiver's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "pb-receiver.h"

G_BEGIN_DECLS

#define HOOKS_PATH "/hooks"

struct _PbReceiver
{
  GObject       parent_instance;

  PbStore      *store;
  char         *address;
  guint         port;
  gsize         max_body_size;
  char         *public_url;
  guint         request_timeout;

  /* Set while listening */
  SoupServer   *server;
  GMainContext *context;
  GSource      *sweep_source;
  GHashTable   *open_requests;   /* SoupServerMessage → itself, ref held */
  guint         bound_port;
  gboolean      port_fell_back;

  guint64       received_count;
};

void     pb_receiver_connect_server (PbReceiver *self,
                                     SoupServer *server);
gboolean pb_receiver_sweep_cb       (gpointer    user_data);
void     pb_receiver_take_delivery  (PbReceiver *self,
                                     PbDelivery *delivery);

G_END_DECLS

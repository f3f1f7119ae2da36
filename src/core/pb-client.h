/* pb-client.h: the Current RMS webhook API over libsoup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "pb-webhook.h"

G_BEGIN_DECLS

#define PB_CLIENT_PAGE_SIZE 100

#define PB_TYPE_CLIENT (pb_client_get_type ())

G_DECLARE_FINAL_TYPE (PbClient, pb_client, PB, CLIENT, GObject)

/*
 * Signals:
 *   "retrying" (const char *method, const char *path, guint attempt, guint delay_ms):
 *     a request failed in a way worth repeating and is sent again after delay_ms.
 */

PbClient    *pb_client_new                  (SoupSession          *session,
                                             const char           *api_base,
                                             const char           *subdomain,
                                             const char           *api_key);
SoupSession *pb_client_get_session          (PbClient             *self);
const char  *pb_client_get_api_base         (PbClient             *self);
void         pb_client_set_api_base         (PbClient             *self,
                                             const char           *api_base);
const char  *pb_client_get_subdomain        (PbClient             *self);
void         pb_client_set_retry_policy     (PbClient             *self,
                                             guint                 max_attempts,
                                             guint                 base_delay_ms,
                                             guint                 max_delay_ms);

void         pb_client_check_async          (PbClient             *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean     pb_client_check_finish         (PbClient             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void         pb_client_list_webhooks_async  (PbClient             *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
GPtrArray   *pb_client_list_webhooks_finish (PbClient             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void         pb_client_get_webhook_async    (PbClient             *self,
                                             gint64                webhook_id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
PbWebhook   *pb_client_get_webhook_finish   (PbClient             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void         pb_client_create_webhook_async (PbClient             *self,
                                             PbWebhook            *webhook,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
PbWebhook   *pb_client_create_webhook_finish (PbClient            *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void         pb_client_update_webhook_async (PbClient             *self,
                                             PbWebhook            *webhook,
                                             PbWebhookFields       fields,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
PbWebhook   *pb_client_update_webhook_finish (PbClient            *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void         pb_client_delete_webhook_async (PbClient             *self,
                                             gint64                webhook_id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean     pb_client_delete_webhook_finish (PbClient            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

SoupSession *pb_client_session_new          (void);

G_END_DECLS

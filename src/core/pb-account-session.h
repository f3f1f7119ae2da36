/* pb-account-session.h: one connected account, its cache and its API client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pb-account.h"
#include "pb-catalog.h"
#include "pb-client.h"
#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_ACCOUNT_SESSION (pb_account_session_get_type ())

G_DECLARE_FINAL_TYPE (PbAccountSession, pb_account_session, PB, ACCOUNT_SESSION, GObject)

PbAccountSession *pb_account_session_new           (PbStore               *store,
                                                    PbAccount             *account,
                                                    PbClient              *client,
                                                    PbCatalog             *catalog);
PbAccount        *pb_account_session_get_account   (PbAccountSession      *self);
PbClient         *pb_account_session_get_client    (PbAccountSession      *self);
PbStore          *pb_account_session_get_store     (PbAccountSession      *self);
GListModel       *pb_account_session_get_webhooks  (PbAccountSession      *self);
PbWebhook        *pb_account_session_find_webhook  (PbAccountSession      *self,
                                                    gint64                 webhook_id);
gboolean          pb_account_session_get_syncing   (PbAccountSession      *self);
gboolean          pb_account_session_get_offline   (PbAccountSession      *self);
gint64            pb_account_session_get_last_sync (PbAccountSession      *self);
const char       *pb_account_session_get_last_error (PbAccountSession     *self);
gboolean          pb_account_session_is_own_target (PbAccountSession      *self,
                                                    PbWebhook             *webhook);

void              pb_account_session_refresh_async  (PbAccountSession     *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean          pb_account_session_refresh_finish (PbAccountSession     *self,
                                                     GAsyncResult         *result,
                                                     PbSyncChanges        *changes,
                                                     GError              **error);
void              pb_account_session_create_async   (PbAccountSession     *self,
                                                     PbWebhook            *webhook,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
PbWebhook        *pb_account_session_create_finish  (PbAccountSession     *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void              pb_account_session_update_async   (PbAccountSession     *self,
                                                     PbWebhook            *webhook,
                                                     PbWebhookFields       fields,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
PbWebhook        *pb_account_session_update_finish  (PbAccountSession     *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void              pb_account_session_delete_async   (PbAccountSession     *self,
                                                     gint64                webhook_id,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean          pb_account_session_delete_finish  (PbAccountSession     *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS

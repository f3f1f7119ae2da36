/* pb-store.h: the local SQLite cache and delivery history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pb-account.h"
#include "pb-delivery.h"
#include "pb-webhook.h"

G_BEGIN_DECLS

/**
 * PbSyncChanges:
 * @added: webhooks new in the cache
 * @changed: webhooks whose attributes changed
 * @removed: webhooks gone from the account
 * @unchanged: webhooks as they were
 *
 * What a refresh changed in an account's cached webhooks.
 */
typedef struct
{
  guint added;
  guint changed;
  guint removed;
  guint unchanged;
} PbSyncChanges;

/**
 * PbDeliveryQuery:
 * @account_id: only this account's deliveries and those of tokens that
 *   belong to no account; 0 for all
 * @text: (nullable): full-text search over the payloads
 * @event: (nullable): exact event string
 * @subject: (nullable): subject, as in the catalog ("opportunity")
 * @since: received at or after, in µs since the epoch; 0 for no bound
 * @until: received before, in µs since the epoch; 0 for no bound
 * @before_id: only rows with a smaller id (for paging back); 0 for none
 * @limit: at most this many rows; 0 for all
 *
 * A filter over the delivery history; rows come newest first.
 */
typedef struct
{
  gint64      account_id;
  const char *text;
  const char *event;
  const char *subject;
  gint64      since;
  gint64      until;
  gint64      before_id;
  guint       limit;
} PbDeliveryQuery;

#define PB_STORE_SCHEMA_VERSION 2

#define PB_TYPE_STORE (pb_store_get_type ())

/**
 * PbStore:
 *
 * The database of accounts, cached webhooks, receiver tokens and delivered
 * payloads. A store is used from the thread that created it, except for
 * pb_store_add_delivery_async(), pb_store_has_token(),
 * pb_store_get_token_account(), pb_store_dup_token_event() and
 * pb_store_get_delivery_batch_count(), which any thread may call.
 *
 * Signals, all emitted in the thread-default main context of the creator:
 *
 * - `accounts-changed` (no arguments): an account was added, changed or
 *   removed, or its sync outcome was recorded.
 * - `webhooks-changed` (gint64 account_id): that account's cached webhooks
 *   changed.
 * - `deliveries-added` (GPtrArray *deliveries, element-type PbDelivery,
 *   transfer none): rows were committed; the deliveries carry their new id,
 *   account and retry flag. Emitted once per transaction, so a burst of
 *   deliveries arrives in a few emissions.
 * - `deliveries-removed` (no arguments): deliveries were deleted by
 *   clearing, retention or the removal of an account; reload what is shown.
 */

G_DECLARE_FINAL_TYPE (PbStore, pb_store, PB, STORE, GObject)

char       *pb_store_dup_default_path      (void);
PbStore    *pb_store_new                   (const char             *path,
                                            GError                **error);
const char *pb_store_get_path              (PbStore                *self);
int         pb_store_get_schema_version    (PbStore                *self);
guint       pb_store_get_delivery_batch_count (PbStore             *self);

/* Accounts */
GPtrArray  *pb_store_list_accounts         (PbStore                *self,
                                            GError                **error);
PbAccount  *pb_store_get_account           (PbStore                *self,
                                            gint64                  account_id,
                                            GError                **error);
PbAccount  *pb_store_find_account          (PbStore                *self,
                                            const char             *name,
                                            GError                **error);
gboolean    pb_store_save_account          (PbStore                *self,
                                            PbAccount              *account,
                                            GError                **error);
gboolean    pb_store_remove_account        (PbStore                *self,
                                            gint64                  account_id,
                                            GError                **error);
gboolean    pb_store_record_sync           (PbStore                *self,
                                            PbAccount              *account,
                                            gint64                  when,
                                            const char             *error_message,
                                            GError                **error);

/* Webhooks */
GPtrArray  *pb_store_list_webhooks         (PbStore                *self,
                                            gint64                  account_id,
                                            GError                **error);
gboolean    pb_store_replace_webhooks      (PbStore                *self,
                                            gint64                  account_id,
                                            GPtrArray              *webhooks,
                                            gint64                  synced_at,
                                            PbSyncChanges          *changes,
                                            GError                **error);
gboolean    pb_store_put_webhook           (PbStore                *self,
                                            gint64                  account_id,
                                            PbWebhook              *webhook,
                                            GError                **error);
gboolean    pb_store_delete_webhook        (PbStore                *self,
                                            gint64                  account_id,
                                            gint64                  webhook_id,
                                            GError                **error);

/* Learned events */
gboolean    pb_store_add_learned_event     (PbStore                *self,
                                            const char             *event,
                                            GError                **error);
GStrv       pb_store_list_learned_events   (PbStore                *self,
                                            GError                **error);

/* Receiver tokens */
char       *pb_store_dup_inbox_token       (PbStore                *self,
                                            GError                **error);
char       *pb_store_create_token          (PbStore                *self,
                                            gint64                  account_id,
                                            GError                **error);
gboolean    pb_store_has_token             (PbStore                *self,
                                            const char             *token);
gint64      pb_store_get_token_account     (PbStore                *self,
                                            const char             *token);
char       *pb_store_dup_token_event       (PbStore                *self,
                                            const char             *token);

/* Deliveries */
void        pb_store_add_delivery_async    (PbStore                *self,
                                            PbDelivery             *delivery,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
gboolean    pb_store_add_delivery_finish   (PbStore                *self,
                                            GAsyncResult           *result,
                                            GError                **error);
gboolean    pb_store_add_deliveries        (PbStore                *self,
                                            GPtrArray              *deliveries,
                                            GError                **error);
GPtrArray  *pb_store_list_deliveries       (PbStore                *self,
                                            const PbDeliveryQuery  *query,
                                            GError                **error);
PbDelivery *pb_store_get_delivery          (PbStore                *self,
                                            gint64                  delivery_id,
                                            GError                **error);
guint       pb_store_count_deliveries      (PbStore                *self,
                                            const PbDeliveryQuery  *query,
                                            GError                **error);
GHashTable *pb_store_count_events_since    (PbStore                *self,
                                            gint64                  account_id,
                                            gint64                  since,
                                            GError                **error);
gboolean    pb_store_clear_deliveries      (PbStore                *self,
                                            gint64                  account_id,
                                            GError                **error);
guint       pb_store_apply_retention       (PbStore                *self,
                                            guint                   max_count,
                                            guint                   max_age_days,
                                            GError                **error);

G_END_DECLS

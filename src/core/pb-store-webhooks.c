/* pb-store-webhooks.c: the cached webhooks of each account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pb-error.h"
#include "pb-store-private.h"

static char *
dup_extra_json (PbWebhook *webhook)
{
  JsonObject *extra = pb_webhook_get_extra (webhook);
  g_autoptr(JsonNode) node = NULL;

  if (extra == NULL || json_object_get_size (extra) == 0)
    return NULL;

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, extra);
  return json_to_string (node, FALSE);
}

/* PbWebhook takes its extra attributes only from JSON, so a row is turned
 * back into the object the API would have sent. */
static PbWebhook *
webhook_from_row (sqlite3_stmt  *stmt,
                  GError       **error)
{
  const char *extra = pb_store_column_text (stmt, 5);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  if (extra != NULL)
    node = json_from_string (extra, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_clear_pointer (&node, json_node_unref);
      node = json_node_init_object (json_node_alloc (), json_object_new ());
    }

  object = json_node_get_object (node);
  json_object_set_int_member (object, "id", sqlite3_column_int64 (stmt, 0));
  json_object_set_string_member (object, "name", pb_store_column_text (stmt, 1));
  json_object_set_string_member (object, "event", pb_store_column_text (stmt, 2));
  json_object_set_string_member (object, "target_url", pb_store_column_text (stmt, 3));
  json_object_set_boolean_member (object, "active", sqlite3_column_int (stmt, 4));

  return pb_webhook_new_from_json (node, error);
}

static GPtrArray *
load_webhooks (PbStore  *self,
               gint64    account_id,
               GError  **error)
{
  static const char sql[] =
    "SELECT id, name, event, target_url, active, extra FROM webhooks"
    " WHERE account_id = ?1 ORDER BY id";
  g_autoptr(CachedStmt) stmt = pb_store_prepare (self, sql, error);
  g_autoptr(GPtrArray) webhooks = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, account_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PbWebhook *webhook = webhook_from_row (stmt, error);

      if (webhook == NULL)
        return NULL;
      g_ptr_array_add (webhooks, webhook);
    }

  if (rc != SQLITE_DONE)
    {
      pb_store_set_error (error, self->db);
      return NULL;
    }

  return g_steal_pointer (&webhooks);
}

/**
 * pb_store_list_webhooks:
 * @self: a #PbStore
 * @account_id: an account id
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type PbWebhook) (nullable): the
 *   account's cached webhooks, by id
 */
GPtrArray *
pb_store_list_webhooks (PbStore  *self,
                        gint64    account_id,
                        GError  **error)
{
  g_return_val_if_fail (PB_IS_STORE (self), NULL);

  return load_webhooks (self, account_id, error);
}

static const char insert_webhook_sql[] =
  "INSERT INTO webhooks (account_id, id, name, event, target_url, active, extra, synced_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

static const char upsert_webhook_sql[] =
  "INSERT OR REPLACE INTO webhooks (account_id, id, name, event, target_url, active, extra,"
  "  synced_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

static gboolean
write_webhook (PbStore     *self,
               const char  *sql,
               gint64       account_id,
               PbWebhook   *webhook,
               gint64       synced_at,
               GError     **error)
{
  g_autoptr(CachedStmt) stmt = NULL;
  g_autofree char *extra = NULL;

  if (pb_webhook_get_id (webhook) <= 0)
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_INPUT,
                           _("A webhook must be created in Current RMS before it is cached"));
      return FALSE;
    }

  stmt = pb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  extra = dup_extra_json (webhook);
  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_int64 (stmt, 2, pb_webhook_get_id (webhook));
  sqlite3_bind_text (stmt, 3, pb_webhook_get_name (webhook), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, pb_webhook_get_event (webhook), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, pb_webhook_get_target_url (webhook), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, pb_webhook_get_active (webhook));
  pb_store_bind_text (stmt, 7, extra);
  sqlite3_bind_int64 (stmt, 8, synced_at);

  return pb_store_step_done (self->db, stmt, error);
}

static gboolean
webhooks_equal (PbWebhook *a,
                PbWebhook *b)
{
  g_autofree char *extra_a = dup_extra_json (a);
  g_autofree char *extra_b = dup_extra_json (b);

  return pb_webhook_diff (a, b) == 0 && g_strcmp0 (extra_a, extra_b) == 0;
}

static void
count_changes (GPtrArray     *old_set,
               GPtrArray     *new_set,
               PbSyncChanges *changes)
{
  g_autoptr(GHashTable) old_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                           g_free, NULL);
  guint matched = 0;

  memset (changes, 0, sizeof *changes);

  for (guint i = 0; i < old_set->len; i++)
    {
      PbWebhook *webhook = g_ptr_array_index (old_set, i);
      gint64 id = pb_webhook_get_id (webhook);

      g_hash_table_insert (old_by_id, g_memdup2 (&id, sizeof id), webhook);
    }

  for (guint i = 0; i < new_set->len; i++)
    {
      PbWebhook *webhook = g_ptr_array_index (new_set, i);
      gint64 id = pb_webhook_get_id (webhook);
      PbWebhook *old = g_hash_table_lookup (old_by_id, &id);

      if (old == NULL)
        {
          changes->added++;
          continue;
        }

      if (webhooks_equal (old, webhook))
        changes->unchanged++;
      else
        changes->changed++;
      matched++;
    }

  changes->removed = old_set->len - matched;
}

static gboolean
replace_webhooks_in_transaction (PbStore    *self,
                                 gint64      account_id,
                                 GPtrArray  *webhooks,
                                 gint64      synced_at,
                                 GError    **error)
{
  static const char delete_sql[] = "DELETE FROM webhooks WHERE account_id = ?1";
  static const char sync_sql[] = "UPDATE accounts SET last_sync = ?1 WHERE id = ?2";
  g_autoptr(CachedStmt) delete_stmt = pb_store_prepare (self, delete_sql, error);
  g_autoptr(CachedStmt) sync_stmt = NULL;

  if (delete_stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (delete_stmt, 1, account_id);
  if (!pb_store_step_done (self->db, delete_stmt, error))
    return FALSE;

  for (guint i = 0; i < webhooks->len; i++)
    if (!write_webhook (self, insert_webhook_sql, account_id, g_ptr_array_index (webhooks, i),
                        synced_at, error))
      return FALSE;

  sync_stmt = pb_store_prepare (self, sync_sql, error);
  if (sync_stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (sync_stmt, 1, synced_at);
  sqlite3_bind_int64 (sync_stmt, 2, account_id);
  if (!pb_store_step_done (self->db, sync_stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_NOT_FOUND,
                           _("No such account is set up in Patchbay"));
      return FALSE;
    }

  return TRUE;
}

/**
 * pb_store_replace_webhooks:
 * @self: a #PbStore
 * @account_id: an account id
 * @webhooks: (element-type PbWebhook): every webhook the account has now
 * @synced_at: when they were fetched, in µs since the epoch
 * @changes: (out caller-allocates) (optional): what differs from the cache
 * @error: return location for a #GError
 *
 * Replaces the account's cached webhooks and its last sync time in one
 * transaction: on failure the cache stays as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_replace_webhooks (PbStore        *self,
                           gint64          account_id,
                           GPtrArray      *webhooks,
                           gint64          synced_at,
                           PbSyncChanges  *changes,
                           GError        **error)
{
  g_autoptr(GPtrArray) old_set = NULL;
  PbSyncChanges local_changes;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (webhooks != NULL, FALSE);

  if (!pb_store_begin (self, error))
    return FALSE;

  old_set = load_webhooks (self, account_id, error);
  if (old_set == NULL ||
      !replace_webhooks_in_transaction (self, account_id, webhooks, synced_at, error) ||
      !pb_store_commit (self, error))
    {
      pb_store_rollback (self);
      return FALSE;
    }

  count_changes (old_set, webhooks, &local_changes);
  if (changes != NULL)
    *changes = local_changes;

  pb_store_refresh_token_events (self);
  if (local_changes.added + local_changes.changed + local_changes.removed > 0)
    g_signal_emit (self, pb_store_signals[PB_STORE_WEBHOOKS_CHANGED], 0, account_id);

  return TRUE;
}

/**
 * pb_store_put_webhook:
 * @self: a #PbStore
 * @account_id: an account id
 * @webhook: a webhook that exists in Current RMS (its id is set)
 * @error: return location for a #GError
 *
 * Adds or updates one cached webhook, after a create or an update succeeded.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_put_webhook (PbStore    *self,
                      gint64      account_id,
                      PbWebhook  *webhook,
                      GError    **error)
{
  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_WEBHOOK (webhook), FALSE);

  if (!write_webhook (self, upsert_webhook_sql, account_id, webhook, g_get_real_time (), error))
    return FALSE;

  pb_store_refresh_token_events (self);
  g_signal_emit (self, pb_store_signals[PB_STORE_WEBHOOKS_CHANGED], 0, account_id);

  return TRUE;
}

/**
 * pb_store_delete_webhook:
 * @self: a #PbStore
 * @account_id: an account id
 * @webhook_id: the webhook's id in Current RMS
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success, also when it was not cached
 */
gboolean
pb_store_delete_webhook (PbStore  *self,
                         gint64    account_id,
                         gint64    webhook_id,
                         GError  **error)
{
  static const char sql[] = "DELETE FROM webhooks WHERE account_id = ?1 AND id = ?2";
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  stmt = pb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_int64 (stmt, 2, webhook_id);
  if (!pb_store_step_done (self->db, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) > 0)
    {
      pb_store_refresh_token_events (self);
      g_signal_emit (self, pb_store_signals[PB_STORE_WEBHOOKS_CHANGED], 0, account_id);
    }

  return TRUE;
}

/* pb-store-accounts.c: accounts, their cached webhooks and learned events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pb-error.h"
#include "pb-store-private.h"

/* Accounts */

#define ACCOUNT_COLUMNS \
  "id, subdomain, label, api_base, production, demo, last_sync, last_error"

static PbAccount *
account_from_row (sqlite3_stmt *stmt)
{
  PbAccount *account = pb_account_new (pb_store_column_text (stmt, 1));

  pb_account_set_id (account, sqlite3_column_int64 (stmt, 0));
  pb_account_set_label (account, pb_store_column_text (stmt, 2));
  pb_account_set_api_base (account, pb_store_column_text (stmt, 3));
  pb_account_set_production (account, sqlite3_column_int (stmt, 4));
  pb_account_set_demo (account, sqlite3_column_int (stmt, 5));
  pb_account_set_last_sync (account, sqlite3_column_int64 (stmt, 6));
  pb_account_set_last_error (account, pb_store_column_text (stmt, 7));

  return account;
}

static GPtrArray *
collect_accounts (PbStore       *self,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  return pb_store_collect_objects (self, stmt, (PbStoreRowFunc)account_from_row, error);
}

/**
 * pb_store_list_accounts:
 * @self: a #PbStore
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type PbAccount) (nullable): every
 *   account, oldest first
 */
GPtrArray *
pb_store_list_accounts (PbStore  *self,
                        GError  **error)
{
  static const char sql[] = "SELECT " ACCOUNT_COLUMNS " FROM accounts ORDER BY id";
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);

  stmt = pb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  return collect_accounts (self, stmt, error);
}

static PbAccount *
first_account_or_error (PbStore       *self,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  g_autoptr(GPtrArray) accounts = collect_accounts (self, stmt, error);

  if (accounts == NULL)
    return NULL;

  if (accounts->len == 0)
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_NOT_FOUND,
                           _("No such account is set up in Patchbay"));
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (accounts, 0));
}

/**
 * pb_store_get_account:
 * @self: a #PbStore
 * @account_id: an account id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the account, or %NULL with
 *   %PB_ERROR_NOT_FOUND or %PB_ERROR_STORAGE
 */
PbAccount *
pb_store_get_account (PbStore  *self,
                      gint64    account_id,
                      GError  **error)
{
  static const char sql[] = "SELECT " ACCOUNT_COLUMNS " FROM accounts WHERE id = ?1";
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);

  stmt = pb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, account_id);
  return first_account_or_error (self, stmt, error);
}

/**
 * pb_store_find_account:
 * @self: a #PbStore
 * @name: a subdomain or a label, in any case
 * @error: return location for a #GError
 *
 * Finds an account the way a user names it, on the command line for
 * example. A subdomain wins over another account's label.
 *
 * Returns: (transfer full) (nullable): the account, or %NULL with
 *   %PB_ERROR_NOT_FOUND or %PB_ERROR_STORAGE
 */
PbAccount *
pb_store_find_account (PbStore     *self,
                       const char  *name,
                       GError     **error)
{
  static const char sql[] =
    "SELECT " ACCOUNT_COLUMNS " FROM accounts"
    " WHERE subdomain = ?1 COLLATE NOCASE OR label = ?1 COLLATE NOCASE"
    " ORDER BY subdomain = ?1 COLLATE NOCASE DESC, id LIMIT 1";
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = pb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  return first_account_or_error (self, stmt, error);
}

static void
bind_account (sqlite3_stmt *stmt,
              PbAccount    *account)
{
  const char *api_base = pb_account_get_api_base (account);

  sqlite3_bind_text (stmt, 1, pb_account_get_subdomain (account), -1, SQLITE_STATIC);
  pb_store_bind_text (stmt, 2, pb_account_get_label (account));
  /* The default is stored as "" so that the unique constraint sees it. */
  sqlite3_bind_text (stmt, 3, g_str_equal (api_base, PB_DEFAULT_API_BASE) ? "" : api_base,
                     -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, pb_account_get_production (account));
  sqlite3_bind_int (stmt, 5, pb_account_get_demo (account));
  sqlite3_bind_int64 (stmt, 6, pb_account_get_last_sync (account));
  pb_store_bind_text (stmt, 7, pb_account_get_last_error (account));
}

static gboolean
step_account_write (PbStore       *self,
                    sqlite3_stmt  *stmt,
                    PbAccount     *account,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    return TRUE;

  if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_UNIQUE)
    g_set_error (error, PB_ERROR, PB_ERROR_INVALID_INPUT,
                 _("The account “%s” is already set up in Patchbay"),
                 pb_account_get_subdomain (account));
  else
    pb_store_set_error (error, self->db);

  return FALSE;
}

/**
 * pb_store_save_account:
 * @self: a #PbStore
 * @account: an account; one with id 0 is added and gets its id
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; %FALSE with %PB_ERROR_INVALID_INPUT when the
 *   subdomain and API base are already used by another account
 */
gboolean
pb_store_save_account (PbStore    *self,
                       PbAccount  *account,
                       GError    **error)
{
  static const char insert_sql[] =
    "INSERT INTO accounts (subdomain, label, api_base, production, demo, last_sync,"
    "  last_error, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
  static const char update_sql[] =
    "UPDATE accounts SET subdomain = ?1, label = ?2, api_base = ?3, production = ?4,"
    "  demo = ?5, last_sync = ?6, last_error = ?7 WHERE id = ?8";
  gint64 id;
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_ACCOUNT (account), FALSE);

  id = pb_account_get_id (account);
  stmt = pb_store_prepare (self, id == 0 ? insert_sql : update_sql, error);
  if (stmt == NULL)
    return FALSE;

  bind_account (stmt, account);
  sqlite3_bind_int64 (stmt, 8, id == 0 ? g_get_real_time () : id);

  if (!step_account_write (self, stmt, account, error))
    return FALSE;

  if (id == 0)
    pb_account_set_id (account, sqlite3_last_insert_rowid (self->db));
  else if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_NOT_FOUND,
                           _("The account was removed from Patchbay in the meantime"));
      return FALSE;
    }

  g_signal_emit (self, pb_store_signals[PB_STORE_ACCOUNTS_CHANGED], 0);
  return TRUE;
}

static gboolean
account_has_deliveries (PbStore *self,
                        gint64   account_id)
{
  static const char sql[] = "SELECT 1 FROM deliveries WHERE account_id = ?1 LIMIT 1";
  g_autoptr(CachedStmt) stmt = pb_store_prepare (self, sql, NULL);

  if (stmt == NULL)
    return TRUE;

  sqlite3_bind_int64 (stmt, 1, account_id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/**
 * pb_store_remove_account:
 * @self: a #PbStore
 * @account_id: an account id
 * @error: return location for a #GError
 *
 * Removes the account with its cached webhooks, its receiver tokens and the
 * deliveries they brought. Its API key is not here: see pb-secrets.
 *
 * Returns: %TRUE on success, also when there was no such account
 */
gboolean
pb_store_remove_account (PbStore  *self,
                         gint64    account_id,
                         GError  **error)
{
  static const char sql[] = "DELETE FROM accounts WHERE id = ?1";
  g_autoptr(CachedStmt) stmt = NULL;
  gboolean had_deliveries;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  stmt = pb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  had_deliveries = account_has_deliveries (self, account_id);

  sqlite3_bind_int64 (stmt, 1, account_id);
  if (!pb_store_step_done (self->db, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return TRUE;

  pb_store_forget_account_tokens (self, account_id);
  pb_store_refresh_token_events (self);

  g_signal_emit (self, pb_store_signals[PB_STORE_ACCOUNTS_CHANGED], 0);
  g_signal_emit (self, pb_store_signals[PB_STORE_WEBHOOKS_CHANGED], 0, account_id);
  if (had_deliveries)
    g_signal_emit (self, pb_store_signals[PB_STORE_DELIVERIES_REMOVED], 0);

  return TRUE;
}

/**
 * pb_store_record_sync:
 * @self: a #PbStore
 * @account: a stored account
 * @when: when the sync succeeded, in µs since the epoch
 * @error_message: (nullable): why it failed, or %NULL when it succeeded
 * @error: return location for a #GError
 *
 * Records the outcome of fetching the account's webhooks, on the row and on
 * @account. A failure keeps the time of the last success, which is how old
 * the cache is.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_record_sync (PbStore     *self,
                      PbAccount   *account,
                      gint64       when,
                      const char  *error_message,
                      GError     **error)
{
  static const char sql[] =
    "UPDATE accounts SET last_sync = ?1, last_error = ?2 WHERE id = ?3";
  g_autoptr(CachedStmt) stmt = NULL;
  gint64 last_sync;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_ACCOUNT (account), FALSE);
  g_return_val_if_fail (pb_account_get_id (account) > 0, FALSE);

  stmt = pb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  last_sync = error_message == NULL ? when : pb_account_get_last_sync (account);
  sqlite3_bind_int64 (stmt, 1, last_sync);
  pb_store_bind_text (stmt, 2, error_message);
  sqlite3_bind_int64 (stmt, 3, pb_account_get_id (account));

  if (!pb_store_step_done (self->db, stmt, error))
    return FALSE;

  pb_account_set_last_sync (account, last_sync);
  pb_account_set_last_error (account, error_message);
  g_signal_emit (self, pb_store_signals[PB_STORE_ACCOUNTS_CHANGED], 0);

  return TRUE;
}

/* Webhooks */

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

/* Learned events */

/**
 * pb_store_add_learned_event:
 * @self: a #PbStore
 * @event: an event string the catalog lacks
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success, also when the event was known
 */
gboolean
pb_store_add_learned_event (PbStore     *self,
                            const char  *event,
                            GError     **error)
{
  static const char sql[] =
    "INSERT OR IGNORE INTO learned_events (event, first_seen) VALUES (?1, ?2)";
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (event != NULL && event[0] != '\0', FALSE);

  stmt = pb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, event, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());

  return pb_store_step_done (self->db, stmt, error);
}

/**
 * pb_store_list_learned_events:
 * @self: a #PbStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the learned events, sorted
 */
GStrv
pb_store_list_learned_events (PbStore  *self,
                              GError  **error)
{
  static const char sql[] = "SELECT event FROM learned_events ORDER BY event";
  g_autoptr(CachedStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);

  stmt = pb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, pb_store_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      pb_store_set_error (error, self->db);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

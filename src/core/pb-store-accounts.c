/* pb-store-accounts.c: accounts and learned events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-store"

#include "config.h"

#include <glib/gi18n-lib.h>

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

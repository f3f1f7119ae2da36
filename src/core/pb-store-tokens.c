/* pb-store-tokens.c: receiver tokens, in the database and in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-error.h"
#include "pb-store-private.h"

#define TOKEN_BYTES 20

/* What the store knows about a receiver token without asking SQLite, so that
 * the receiver can check every request cheaply from any thread. */
typedef struct
{
  gint64  account_id;
  char   *event;
} TokenInfo;

void
pb_store_token_info_free (gpointer data)
{
  TokenInfo *info = data;

  g_free (info->event);
  g_free (info);
}

/* Tokens in memory */

/* The token in a target URL such as https://host/hooks/<token>/, or NULL. */
static char *
token_from_url (const char *url)
{
  const char *start = url != NULL ? strstr (url, "/hooks/") : NULL;

  if (start == NULL)
    return NULL;

  start += strlen ("/hooks/");
  return g_strndup (start, strcspn (start, "/?#"));
}

/* Recomputes which event each token's webhooks listen to. A token that
 * webhooks with different events share names no event: the receiver cannot
 * tell which of them fired. */
void
pb_store_refresh_token_events (PbStore *self)
{
  static const char sql[] = "SELECT account_id, event, target_url FROM webhooks";
  g_autoptr(GError) error = NULL;
  g_autoptr(CachedStmt) stmt = pb_store_prepare (self, sql, &error);
  g_autoptr(GHashTable) events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  if (stmt == NULL)
    {
      g_warning ("Could not read the cached webhooks: %s", error->message);
      return;
    }

  g_mutex_lock (&self->token_lock);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *token = token_from_url (pb_store_column_text (stmt, 2));
      const char *event = pb_store_column_text (stmt, 1);
      TokenInfo *info = token ? g_hash_table_lookup (self->tokens, token) : NULL;
      const char *known;

      if (info == NULL || (info->account_id != 0 &&
                           info->account_id != sqlite3_column_int64 (stmt, 0)))
        continue;

      known = g_hash_table_lookup (events, token);
      if (known == NULL)
        g_hash_table_insert (events, g_steal_pointer (&token), g_strdup (event));
      else if (known[0] != '\0' && g_strcmp0 (known, event) != 0)
        g_hash_table_insert (events, g_steal_pointer (&token), g_strdup (""));
    }

  g_hash_table_iter_init (&iter, self->tokens);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      TokenInfo *info = value;
      const char *event = g_hash_table_lookup (events, key);

      g_free (info->event);
      info->event = (event != NULL && event[0] != '\0') ? g_strdup (event) : NULL;
    }

  g_mutex_unlock (&self->token_lock);
}

static void
remember_token (PbStore    *self,
                const char *token,
                gint64      account_id)
{
  TokenInfo *info = g_new0 (TokenInfo, 1);

  info->account_id = account_id;

  g_mutex_lock (&self->token_lock);
  g_hash_table_replace (self->tokens, g_strdup (token), info);
  g_mutex_unlock (&self->token_lock);
}

gboolean
pb_store_load_tokens (PbStore  *self,
                      GError  **error)
{
  static const char sql[] = "SELECT token, account_id FROM tokens";
  g_autoptr(CachedStmt) stmt = pb_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    remember_token (self, pb_store_column_text (stmt, 0), sqlite3_column_int64 (stmt, 1));

  if (rc != SQLITE_DONE)
    {
      pb_store_set_error (error, self->db);
      return FALSE;
    }

  pb_store_refresh_token_events (self);
  return TRUE;
}

void
pb_store_forget_account_tokens (PbStore *self,
                                gint64   account_id)
{
  GHashTableIter iter;
  gpointer value;

  g_mutex_lock (&self->token_lock);
  g_hash_table_iter_init (&iter, self->tokens);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((TokenInfo *)value)->account_id == account_id)
      g_hash_table_iter_remove (&iter);
  g_mutex_unlock (&self->token_lock);
}

gint64
pb_store_lookup_token (PbStore    *self,
                       const char *token,
                       gboolean   *found)
{
  TokenInfo *info;
  gint64 account_id = 0;

  g_mutex_lock (&self->token_lock);
  info = token ? g_hash_table_lookup (self->tokens, token) : NULL;
  if (info != NULL)
    account_id = info->account_id;
  g_mutex_unlock (&self->token_lock);

  if (found != NULL)
    *found = info != NULL;

  return account_id;
}

/* Receiver tokens */

static char *
generate_token (GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/urandom");
  g_autoptr(GFileInputStream) stream = NULL;
  guint8 bytes[TOKEN_BYTES];
  gsize read = 0;
  GString *token;

  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), bytes, sizeof bytes, &read, NULL, NULL) ||
      read != sizeof bytes)
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_STORAGE,
                           _("The system’s random number source could not be read, so no "
                             "receiver address could be made"));
      return NULL;
    }

  token = g_string_sized_new (2 * TOKEN_BYTES);
  for (guint i = 0; i < TOKEN_BYTES; i++)
    g_string_append_printf (token, "%02x", bytes[i]);

  return g_string_free (token, FALSE);
}

static char *
insert_token (PbStore  *self,
              gint64    account_id,
              GError  **error)
{
  static const char sql[] =
    "INSERT INTO tokens (token, account_id, created_at) VALUES (?1, ?2, ?3)";
  g_autoptr(CachedStmt) stmt = NULL;
  g_autofree char *token = generate_token (error);

  if (token == NULL)
    return NULL;

  stmt = pb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, token, -1, SQLITE_STATIC);
  pb_store_bind_id (stmt, 2, account_id);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  if (!pb_store_step_done (self->db, stmt, error))
    return NULL;

  remember_token (self, token, account_id);
  pb_store_refresh_token_events (self);

  return g_steal_pointer (&token);
}

/**
 * pb_store_dup_inbox_token:
 * @self: a #PbStore
 * @error: return location for a #GError
 *
 * Returns the installation's inbox token, which belongs to no account,
 * making it the first time.
 *
 * Returns: (transfer full) (nullable): the token
 */
char *
pb_store_dup_inbox_token (PbStore  *self,
                          GError  **error)
{
  static const char sql[] =
    "SELECT token FROM tokens WHERE account_id IS NULL ORDER BY created_at, token LIMIT 1";
  g_autoptr(CachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);

  stmt = pb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (pb_store_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      pb_store_set_error (error, self->db);
      return NULL;
    }

  return insert_token (self, 0, error);
}

/**
 * pb_store_create_token:
 * @self: a #PbStore
 * @account_id: the account whose deliveries will use it
 * @error: return location for a #GError
 *
 * Makes a fresh random token, for a receiver URL that only this account's
 * webhooks use.
 *
 * Returns: (transfer full) (nullable): the token: 40 lowercase hex digits
 */
char *
pb_store_create_token (PbStore  *self,
                       gint64    account_id,
                       GError  **error)
{
  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (account_id > 0, NULL);

  return insert_token (self, account_id, error);
}

/**
 * pb_store_has_token:
 * @self: a #PbStore
 * @token: (nullable): a path token
 *
 * Callable from any thread; asks no SQL.
 *
 * Returns: whether @token is one of the store's receiver tokens
 */
gboolean
pb_store_has_token (PbStore    *self,
                    const char *token)
{
  gboolean found = FALSE;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  pb_store_lookup_token (self, token, &found);
  return found;
}

/**
 * pb_store_get_token_account:
 * @self: a #PbStore
 * @token: (nullable): a path token
 *
 * Callable from any thread; asks no SQL.
 *
 * Returns: the id of the account the token belongs to; 0 for the inbox
 *   token or an unknown one
 */
gint64
pb_store_get_token_account (PbStore    *self,
                            const char *token)
{
  g_return_val_if_fail (PB_IS_STORE (self), 0);

  return pb_store_lookup_token (self, token, NULL);
}

/**
 * pb_store_dup_token_event:
 * @self: a #PbStore
 * @token: (nullable): a path token
 *
 * Names the event of a delivery whose body does not: the event of the
 * cached webhook whose target URL carries `/hooks/<token>`. Callable from
 * any thread; asks no SQL.
 *
 * Returns: (transfer full) (nullable): the event, or %NULL when no webhook,
 *   or webhooks of different events, use the token
 */
char *
pb_store_dup_token_event (PbStore    *self,
                          const char *token)
{
  TokenInfo *info;
  char *event = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);

  if (token == NULL)
    return NULL;

  g_mutex_lock (&self->token_lock);
  info = g_hash_table_lookup (self->tokens, token);
  if (info != NULL)
    event = g_strdup (info->event);
  g_mutex_unlock (&self->token_lock);

  return event;
}

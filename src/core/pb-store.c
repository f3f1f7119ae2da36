/* pb-store.c: the local SQLite cache and delivery history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pb-error.h"
#include "pb-store-private.h"

#define BUSY_TIMEOUT_MS 5000
#define TOKEN_BYTES 20

/* What the store knows about a receiver token without asking SQLite, so that
 * the receiver can check every request cheaply from any thread. */
typedef struct
{
  gint64  account_id;
  char   *event;
} TokenInfo;

G_DEFINE_FINAL_TYPE (PbStore, pb_store, G_TYPE_OBJECT)

guint pb_store_signals[PB_STORE_N_SIGNALS];

void
pb_store_release_stmt (CachedStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static void
token_info_free (gpointer data)
{
  TokenInfo *info = data;

  g_free (info->event);
  g_free (info);
}

/* Errors */

void
pb_store_set_error (GError  **error,
                    sqlite3  *db)
{
  g_debug ("SQLite error %d: %s", sqlite3_extended_errcode (db), sqlite3_errmsg (db));
  g_set_error (error, PB_ERROR, PB_ERROR_STORAGE,
               _("The local database failed (%s). Check that the disk has space and that "
                 "the data folder is writable."),
               sqlite3_errmsg (db));
}

gboolean
pb_store_exec_sql (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      pb_store_set_error (error, db);
      return FALSE;
    }

  return TRUE;
}

CachedStmt *
pb_store_prepare (PbStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    return stmt;

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      pb_store_set_error (error, self->db);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer)sql, stmt);
  return stmt;
}

/* Reads every row of @stmt into an object of its own. */
GPtrArray *
pb_store_collect_objects (PbStore         *self,
                          sqlite3_stmt    *stmt,
                          PbStoreRowFunc   from_row,
                          GError         **error)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (objects, from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      pb_store_set_error (error, self->db);
      return NULL;
    }

  return g_steal_pointer (&objects);
}

/* Runs a statement that returns no rows. */
gboolean
pb_store_step_done (sqlite3       *db,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      pb_store_set_error (error, db);
      return FALSE;
    }

  return TRUE;
}

static gboolean
store_exec (PbStore     *self,
            const char  *sql,
            GError     **error)
{
  g_autoptr(CachedStmt) stmt = pb_store_prepare (self, sql, error);

  return stmt != NULL && pb_store_step_done (self->db, stmt, error);
}

gboolean
pb_store_begin (PbStore  *self,
                GError  **error)
{
  return store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
pb_store_commit (PbStore  *self,
                 GError  **error)
{
  return store_exec (self, "COMMIT", error);
}

void
pb_store_rollback (PbStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    store_exec (self, "ROLLBACK", NULL);
}

void
pb_store_bind_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  if (text == NULL || text[0] == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
pb_store_bind_id (sqlite3_stmt *stmt,
                  int           index,
                  gint64        id)
{
  if (id <= 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

const char *
pb_store_column_text (sqlite3_stmt *stmt,
                      int           column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}

/* Schema */

/* The version-1 schema: the cache, the tokens and the raw delivery history. */
static const char schema_step_1[] =
  "CREATE TABLE accounts ("
  "  id INTEGER PRIMARY KEY,"
  "  subdomain TEXT NOT NULL,"
  "  label TEXT,"
  "  api_base TEXT NOT NULL DEFAULT '',"
  "  production INTEGER NOT NULL DEFAULT 0,"
  "  demo INTEGER NOT NULL DEFAULT 0,"
  "  last_sync INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  UNIQUE (subdomain, api_base));"
  "CREATE TABLE webhooks ("
  "  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  id INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  event TEXT NOT NULL,"
  "  target_url TEXT NOT NULL,"
  "  active INTEGER NOT NULL,"
  "  extra TEXT,"
  "  synced_at INTEGER NOT NULL,"
  "  PRIMARY KEY (account_id, id));"
  "CREATE TABLE learned_events ("
  "  event TEXT PRIMARY KEY,"
  "  first_seen INTEGER NOT NULL);"
  "CREATE TABLE tokens ("
  "  token TEXT PRIMARY KEY,"
  "  account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,"
  "  created_at INTEGER NOT NULL);"
  "CREATE TABLE deliveries ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,"
  "  received_at INTEGER NOT NULL,"
  "  token TEXT NOT NULL,"
  "  event TEXT,"
  "  subject_type TEXT,"
  "  subject_id INTEGER,"
  "  action_id INTEGER,"
  "  action_type TEXT,"
  "  member_name TEXT,"
  "  status_code INTEGER NOT NULL DEFAULT 200,"
  "  valid INTEGER NOT NULL DEFAULT 1,"
  "  is_retry INTEGER NOT NULL DEFAULT 0,"
  "  problem TEXT,"
  "  headers TEXT,"
  "  body BLOB);";

/* The name and description of an action, read by SQLite from a body that
 * may not be JSON at all. */
#define FTS_NAME(row) \
  "CASE WHEN json_valid (CAST (" row ".body AS TEXT))" \
  " THEN json_extract (CAST (" row ".body AS TEXT), '$.action.name') END"
#define FTS_DESCRIPTION(row) \
  "CASE WHEN json_valid (CAST (" row ".body AS TEXT))" \
  " THEN json_extract (CAST (" row ".body AS TEXT), '$.action.description') END"

/* Version 2: full-text search over the history, filled from the rows that
 * version 1 stored, and the indexes that the queries use. */
static const char schema_step_2[] =
  "CREATE VIRTUAL TABLE deliveries_fts USING fts5 ("
  "  body, event, member_name, name, description, tokenize = 'unicode61');"
  "INSERT INTO deliveries_fts (rowid, body, event, member_name, name, description)"
  "  SELECT d.id, CAST (d.body AS TEXT), d.event, d.member_name,"
  "    " FTS_NAME ("d") ", " FTS_DESCRIPTION ("d") " FROM deliveries AS d;"
  "CREATE TRIGGER deliveries_fts_insert AFTER INSERT ON deliveries BEGIN"
  "  INSERT INTO deliveries_fts (rowid, body, event, member_name, name, description)"
  "  VALUES (new.id, CAST (new.body AS TEXT), new.event, new.member_name,"
  "    " FTS_NAME ("new") ", " FTS_DESCRIPTION ("new") ");"
  "END;"
  "CREATE TRIGGER deliveries_fts_delete AFTER DELETE ON deliveries BEGIN"
  "  DELETE FROM deliveries_fts WHERE rowid = old.id;"
  "END;"
  "CREATE INDEX deliveries_by_account ON deliveries (account_id, id);"
  "CREATE INDEX deliveries_by_time ON deliveries (received_at);"
  "CREATE INDEX deliveries_by_event ON deliveries (event);"
  "CREATE INDEX deliveries_by_action ON deliveries (action_id) WHERE action_id IS NOT NULL;"
  "CREATE INDEX tokens_by_account ON tokens (account_id);";

static const char *const schema_steps[] = {
  schema_step_1,
  schema_step_2,
};

G_STATIC_ASSERT (G_N_ELEMENTS (schema_steps) == PB_STORE_SCHEMA_VERSION);

static int
read_user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

/* Each step commits with its version, so an interrupted upgrade resumes at
 * the step that did not finish. */
static gboolean
apply_step (sqlite3     *db,
            int          version,
            GError     **error)
{
  g_autofree char *set_version = NULL;

  g_assert (version >= 1 && version <= PB_STORE_SCHEMA_VERSION);

  /* A pragma takes no bound parameters; the value is our own constant. */
  set_version = g_strdup_printf ("PRAGMA user_version = %d", version);

  if (!pb_store_exec_sql (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!pb_store_exec_sql (db, schema_steps[version - 1], error) ||
      !pb_store_exec_sql (db, set_version, error))
    {
      pb_store_exec_sql (db, "ROLLBACK", NULL);
      return FALSE;
    }

  return pb_store_exec_sql (db, "COMMIT", error);
}

static gboolean
migrate (sqlite3  *db,
         GError  **error)
{
  int version = read_user_version (db);

  if (version < 0)
    {
      pb_store_set_error (error, db);
      return FALSE;
    }

  if (version > PB_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, PB_ERROR, PB_ERROR_STORAGE,
                   _("The database was made by a newer Patchbay (schema %d; this version "
                     "reads up to %d). Update Patchbay to open it."),
                   version, PB_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  for (int step = version + 1; step <= PB_STORE_SCHEMA_VERSION; step++)
    {
      g_debug ("Upgrading the database to schema %d", step);
      if (!apply_step (db, step, error))
        return FALSE;
    }

  return TRUE;
}

sqlite3 *
pb_store_open_connection (const char  *path,
                          GError     **error)
{
  sqlite3 *db = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;

  if (sqlite3_open_v2 (path, &db, flags, NULL) != SQLITE_OK)
    {
      if (db != NULL)
        pb_store_set_error (error, db);
      else
        g_set_error_literal (error, PB_ERROR, PB_ERROR_STORAGE,
                             _("The local database could not be opened"));
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

  /* NORMAL in WAL mode loses no committed transaction when the app dies,
   * only possibly the last ones on a power failure. */
  if (!pb_store_exec_sql (db, "PRAGMA journal_mode = WAL", error) ||
      !pb_store_exec_sql (db, "PRAGMA synchronous = NORMAL", error) ||
      !pb_store_exec_sql (db, "PRAGMA foreign_keys = ON", error))
    {
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

/**
 * pb_store_dup_default_path:
 *
 * Returns: (transfer full): where the app keeps its database,
 *   `$XDG_DATA_HOME/patchbay/patchbay.db`
 */
char *
pb_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "patchbay", "patchbay.db", NULL);
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
static void
refresh_token_events (PbStore *self)
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

static gboolean
load_tokens (PbStore  *self,
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

  refresh_token_events (self);
  return TRUE;
}

static void
forget_account_tokens (PbStore *self,
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

/* Object */

static void
pb_store_dispose (GObject *object)
{
  PbStore *self = (PbStore *)object;

  pb_store_stop_writer (self);

  G_OBJECT_CLASS (pb_store_parent_class)->dispose (object);
}

static void
pb_store_finalize (GObject *object)
{
  PbStore *self = (PbStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->writer_db, sqlite3_close);
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->token_lock);
  g_mutex_clear (&self->queue_lock);
  g_cond_clear (&self->queue_cond);

  G_OBJECT_CLASS (pb_store_parent_class)->finalize (object);
}

static void
pb_store_class_init (PbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_store_dispose;
  object_class->finalize = pb_store_finalize;

  pb_store_signals[PB_STORE_ACCOUNTS_CHANGED] =
    g_signal_new ("accounts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  pb_store_signals[PB_STORE_WEBHOOKS_CHANGED] =
    g_signal_new ("webhooks-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  pb_store_signals[PB_STORE_DELIVERIES_ADDED] =
    g_signal_new ("deliveries-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  pb_store_signals[PB_STORE_DELIVERIES_REMOVED] =
    g_signal_new ("deliveries-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pb_store_init (PbStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            (GDestroyNotify)sqlite3_finalize);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, token_info_free);
  self->context = g_main_context_ref_thread_default ();
  g_mutex_init (&self->token_lock);
  g_mutex_init (&self->queue_lock);
  g_cond_init (&self->queue_cond);
  g_queue_init (&self->queue);
}

static gboolean
ensure_parent_folder (const char  *path,
                      GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PB_ERROR, PB_ERROR_STORAGE,
                   _("The data folder “%s” could not be created: %s"),
                   folder, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/**
 * pb_store_new:
 * @path: (nullable): the database file; %NULL for pb_store_dup_default_path()
 * @error: return location for a #GError
 *
 * Opens the database, creating or upgrading it, and starts the thread that
 * writes deliveries. Signals are emitted in the thread-default main context
 * of the caller, which is also the only thread that may call the store,
 * except for the functions documented as callable from any thread.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with
 *   %PB_ERROR_STORAGE
 */
PbStore *
pb_store_new (const char  *path,
              GError     **error)
{
  g_autoptr(PbStore) self = g_object_new (PB_TYPE_STORE, NULL);

  self->path = path != NULL ? g_strdup (path) : pb_store_dup_default_path ();

  if (!ensure_parent_folder (self->path, error))
    return NULL;

  self->db = pb_store_open_connection (self->path, error);
  if (self->db == NULL || !migrate (self->db, error))
    return NULL;

  if (!load_tokens (self, error) || !pb_store_start_writer (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * pb_store_get_path:
 * @self: a #PbStore
 *
 * Returns: the database file
 */
const char *
pb_store_get_path (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), NULL);

  return self->path;
}

/**
 * pb_store_get_schema_version:
 * @self: a #PbStore
 *
 * Returns: the schema version of the open database
 */
int
pb_store_get_schema_version (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), 0);

  return read_user_version (self->db);
}

/**
 * pb_store_get_delivery_batch_count:
 * @self: a #PbStore
 *
 * Counts the transactions in which the writer thread committed deliveries
 * queued by pb_store_add_delivery_async(); deliveries that arrive together
 * share one. Callable from any thread.
 *
 * Returns: the number of batches written since the store opened
 */
guint
pb_store_get_delivery_batch_count (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), 0);

  return (guint)g_atomic_int_get (&self->batch_count);
}

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

  forget_account_tokens (self, account_id);
  refresh_token_events (self);

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

  refresh_token_events (self);
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

  refresh_token_events (self);
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
      refresh_token_events (self);
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
  refresh_token_events (self);

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


/* pb-store.c: the database connection, its schema and the store object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "pb-error.h"
#include "pb-store-private.h"

#define BUSY_TIMEOUT_MS 5000

G_DEFINE_FINAL_TYPE (PbStore, pb_store, G_TYPE_OBJECT)

guint pb_store_signals[PB_STORE_N_SIGNALS];

void
pb_store_release_stmt (CachedStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
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
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        pb_store_token_info_free);
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

  if (!pb_store_load_tokens (self, error) || !pb_store_start_writer (self, error))
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

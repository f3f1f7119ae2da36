/* pb-store-deliveries.c: writing and querying the delivery history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-error.h"
#include "pb-store-private.h"

/* Writing deliveries */

static const char insert_delivery_sql[] =
  "INSERT INTO deliveries (account_id, received_at, token, event, subject_type, subject_id,"
  "  action_id, action_type, member_name, status_code, valid, is_retry, problem, headers,"
  "  body)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";

/* Current RMS retries an action it could not deliver; the same action id
 * arriving again through the same token is such a retry. Action ids are only
 * unique within one Current RMS system, and a token of no account (the inbox)
 * may serve several: there, a retry must also be about the same record, so
 * ?3 asks for the subject to be compared as well. */
static const char seen_action_sql[] =
  "SELECT 1 FROM deliveries WHERE action_id = ?1 AND token = ?2"
  " AND (?3 = 0 OR (subject_type IS ?4 AND subject_id IS ?5)) LIMIT 1";

/* The identity of an action for retry detection, as a key for the actions
 * already seen in the current batch. */
static char *
dup_action_key (PbDelivery *delivery,
                gboolean    with_subject)
{
  const char *token = pb_delivery_get_token (delivery);
  const char *subject_type = pb_delivery_get_subject_type (delivery);

  if (!with_subject)
    return g_strdup_printf ("%" G_GINT64_FORMAT "/%s", pb_delivery_get_action_id (delivery),
                            token ? token : "");

  return g_strdup_printf ("%" G_GINT64_FORMAT "/%s/%s/%" G_GINT64_FORMAT,
                          pb_delivery_get_action_id (delivery), token ? token : "",
                          subject_type ? subject_type : "",
                          MAX (pb_delivery_get_subject_id (delivery), 0));
}

static gboolean
is_retry (sqlite3       *db,
          sqlite3_stmt  *seen,
          GHashTable    *batch_actions,
          PbDelivery    *delivery,
          gint64         account_id,
          GError       **error)
{
  gint64 action_id = pb_delivery_get_action_id (delivery);
  const char *token = pb_delivery_get_token (delivery);
  gboolean with_subject = account_id <= 0;
  int rc;

  if (action_id <= 0)
    return FALSE;

  if (!g_hash_table_add (batch_actions, dup_action_key (delivery, with_subject)))
    return TRUE;

  sqlite3_bind_int64 (seen, 1, action_id);
  sqlite3_bind_text (seen, 2, token ? token : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (seen, 3, with_subject);
  pb_store_bind_text (seen, 4, pb_delivery_get_subject_type (delivery));
  pb_store_bind_id (seen, 5, pb_delivery_get_subject_id (delivery));
  rc = sqlite3_step (seen);
  sqlite3_reset (seen);
  sqlite3_clear_bindings (seen);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    pb_store_set_error (error, db);

  return rc == SQLITE_ROW;
}

static gboolean
insert_delivery (sqlite3       *db,
                 sqlite3_stmt  *insert,
                 PbDelivery    *delivery,
                 PendingAdd    *add,
                 GError       **error)
{
  GBytes *body = pb_delivery_get_body (delivery);
  gsize body_len = 0;
  gconstpointer body_data = body ? g_bytes_get_data (body, &body_len) : NULL;
  const char *token = pb_delivery_get_token (delivery);
  gboolean ok;

  pb_store_bind_id (insert, 1, add->account_id);
  sqlite3_bind_int64 (insert, 2, pb_delivery_get_received_at (delivery));
  sqlite3_bind_text (insert, 3, token ? token : "", -1, SQLITE_STATIC);
  pb_store_bind_text (insert, 4, pb_delivery_get_event (delivery));
  pb_store_bind_text (insert, 5, pb_delivery_get_subject_type (delivery));
  pb_store_bind_id (insert, 6, pb_delivery_get_subject_id (delivery));
  pb_store_bind_id (insert, 7, pb_delivery_get_action_id (delivery));
  pb_store_bind_text (insert, 8, pb_delivery_get_action_type (delivery));
  pb_store_bind_text (insert, 9, pb_delivery_get_member_name (delivery));
  sqlite3_bind_int (insert, 10, pb_delivery_get_status_code (delivery));
  sqlite3_bind_int (insert, 11, pb_delivery_get_valid (delivery));
  sqlite3_bind_int (insert, 12, add->is_retry);
  pb_store_bind_text (insert, 13, pb_delivery_get_problem (delivery));
  pb_store_bind_text (insert, 14, pb_delivery_get_headers_json (delivery));
  sqlite3_bind_blob64 (insert, 15, body_data ? body_data : "", body_len, SQLITE_STATIC);

  ok = pb_store_step_done (db, insert, error);
  if (ok)
    add->id = sqlite3_last_insert_rowid (db);

  sqlite3_reset (insert);
  sqlite3_clear_bindings (insert);

  return ok;
}

/* Writes @deliveries in one transaction and fills @adds, one element each,
 * with what the rows got. Touches no GObject state, so that the writer
 * thread can call it. */
static gboolean
write_deliveries (PbStore       *self,
                  sqlite3       *db,
                  sqlite3_stmt  *insert,
                  sqlite3_stmt  *seen,
                  GPtrArray     *deliveries,
                  GArray        *adds,
                  GError       **error)
{
  g_autoptr(GHashTable) batch_actions = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                               g_free, NULL);

  g_assert (deliveries->len == adds->len);

  if (!pb_store_exec_sql (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; i < deliveries->len; i++)
    {
      PbDelivery *delivery = g_ptr_array_index (deliveries, i);
      PendingAdd *add = &g_array_index (adds, PendingAdd, i);
      GError *local_error = NULL;

      add->account_id = pb_store_lookup_token (self, pb_delivery_get_token (delivery), NULL);
      add->is_retry = is_retry (db, seen, batch_actions, delivery, add->account_id,
                                &local_error);

      if (local_error != NULL || !insert_delivery (db, insert, delivery, add, &local_error))
        {
          g_propagate_error (error, local_error);
          pb_store_exec_sql (db, "ROLLBACK", NULL);
          return FALSE;
        }
    }

  if (!pb_store_exec_sql (db, "COMMIT", error))
    {
      if (!sqlite3_get_autocommit (db))
        pb_store_exec_sql (db, "ROLLBACK", NULL);
      return FALSE;
    }

  return TRUE;
}

static void
apply_adds (GPtrArray *deliveries,
            GArray    *adds)
{
  for (guint i = 0; i < deliveries->len; i++)
    {
      PbDelivery *delivery = g_ptr_array_index (deliveries, i);
      PendingAdd *add = &g_array_index (adds, PendingAdd, i);

      pb_delivery_set_id (delivery, add->id);
      pb_delivery_set_account_id (delivery, add->account_id);
      pb_delivery_set_is_retry (delivery, add->is_retry);
    }
}

/* Group commit: every delivery queued while the writer was busy goes into its
 * next transaction, so a burst costs a few commits instead of one each. The
 * writer never holds a reference on the store: the last one must not drop in
 * its thread, where dispose would wait for itself. */

typedef struct
{
  GPtrArray *tasks;
  GArray    *written;
  GPtrArray *deliveries;
  GArray    *adds;
  GError    *error;
} WriterBatch;

static void
writer_batch_free (gpointer data)
{
  WriterBatch *batch = data;

  g_ptr_array_unref (batch->tasks);
  g_array_unref (batch->written);
  g_ptr_array_unref (batch->deliveries);
  g_array_unref (batch->adds);
  g_clear_error (&batch->error);
  g_free (batch);
}

/* Runs in the store's context once the batch is committed or has failed. */
static gboolean
writer_batch_complete (gpointer data)
{
  WriterBatch *batch = data;
  PbStore *self = g_task_get_source_object (g_ptr_array_index (batch->tasks, 0));

  if (batch->error == NULL && batch->deliveries->len > 0)
    {
      apply_adds (batch->deliveries, batch->adds);
      g_signal_emit (self, pb_store_signals[PB_STORE_DELIVERIES_ADDED], 0, batch->deliveries);
    }

  for (guint i = 0; i < batch->tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (batch->tasks, i);

      if (!g_array_index (batch->written, gboolean, i))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 _("The delivery was not stored because it was cancelled"));
      else if (batch->error != NULL)
        g_task_return_error (task, g_error_copy (batch->error));
      else
        g_task_return_boolean (task, TRUE);
    }

  return G_SOURCE_REMOVE;
}

static void
writer_write_batch (PbStore       *self,
                    sqlite3_stmt  *insert,
                    sqlite3_stmt  *seen,
                    GPtrArray     *tasks)
{
  WriterBatch *batch = g_new0 (WriterBatch, 1);
  g_autoptr(GSource) source = NULL;

  batch->tasks = tasks;
  batch->written = g_array_sized_new (FALSE, TRUE, sizeof (gboolean), tasks->len);
  batch->deliveries = g_ptr_array_new ();
  batch->adds = g_array_new (FALSE, TRUE, sizeof (PendingAdd));

  /* A task cancelled before its turn is left out; one cancelled later was
   * committed all the same, and says so. */
  for (guint i = 0; i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);
      gboolean write = !g_cancellable_is_cancelled (g_task_get_cancellable (task));

      g_array_append_val (batch->written, write);
      if (!write)
        continue;

      g_ptr_array_add (batch->deliveries, g_task_get_task_data (task));
      g_array_set_size (batch->adds, batch->adds->len + 1);
    }

  if (batch->deliveries->len > 0)
    {
      write_deliveries (self, self->writer_db, insert, seen, batch->deliveries, batch->adds,
                        &batch->error);
      g_atomic_int_inc (&self->batch_count);
    }

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, writer_batch_complete, batch, writer_batch_free);
  g_source_set_static_name (source, "[patchbay] store batch");
  g_source_attach (source, self->context);
}

static gpointer
writer_main (gpointer data)
{
  PbStore *self = data;
  sqlite3_stmt *insert = NULL;
  sqlite3_stmt *seen = NULL;

  /* Both were checked when the store opened; the schema cannot change since. */
  sqlite3_prepare_v3 (self->writer_db, insert_delivery_sql, -1, SQLITE_PREPARE_PERSISTENT,
                      &insert, NULL);
  sqlite3_prepare_v3 (self->writer_db, seen_action_sql, -1, SQLITE_PREPARE_PERSISTENT,
                      &seen, NULL);

  for (;;)
    {
      GPtrArray *tasks = g_ptr_array_new_with_free_func (g_object_unref);

      g_mutex_lock (&self->queue_lock);
      while (g_queue_is_empty (&self->queue) && !self->stopping)
        g_cond_wait (&self->queue_cond, &self->queue_lock);
      while (!g_queue_is_empty (&self->queue))
        g_ptr_array_add (tasks, g_queue_pop_head (&self->queue));
      g_mutex_unlock (&self->queue_lock);

      if (tasks->len == 0)
        {
          g_ptr_array_unref (tasks);
          break;
        }

      writer_write_batch (self, insert, seen, tasks);
    }

  sqlite3_finalize (insert);
  sqlite3_finalize (seen);

  return NULL;
}

static gboolean
writer_check_statements (sqlite3  *db,
                         GError  **error)
{
  const char *const sql[] = { insert_delivery_sql, seen_action_sql };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (db, sql[i], -1, &stmt, NULL) != SQLITE_OK)
        {
          pb_store_set_error (error, db);
          return FALSE;
        }
      sqlite3_finalize (stmt);
    }

  return TRUE;
}

gboolean
pb_store_start_writer (PbStore  *self,
                       GError  **error)
{
  self->writer_db = pb_store_open_connection (self->path, error);
  if (self->writer_db == NULL || !writer_check_statements (self->writer_db, error))
    return FALSE;

  self->writer = g_thread_new ("pb-store-writer", writer_main, self);
  return TRUE;
}

void
pb_store_stop_writer (PbStore *self)
{
  if (self->writer == NULL)
    return;

  g_mutex_lock (&self->queue_lock);
  self->stopping = TRUE;
  g_cond_signal (&self->queue_cond);
  g_mutex_unlock (&self->queue_lock);

  g_thread_join (g_steal_pointer (&self->writer));
}

/* Deliveries */

/**
 * pb_store_add_delivery_async:
 * @self: a #PbStore
 * @delivery: a delivery the receiver accepted
 * @cancellable: (nullable): a #GCancellable; it stops the write only if it
 *   has not started
 * @callback: called once the delivery is committed, or could not be
 * @user_data: data for @callback
 *
 * Queues @delivery for the writer thread, which commits everything queued in
 * one transaction and then sets the id, account and retry flag of each
 * delivery, emits #PbStore::deliveries-added once for the batch, and calls
 * each callback, all in the store's main context. Callable from any thread
 * with a thread-default main context that runs.
 */
void
pb_store_add_delivery_async (PbStore             *self,
                             PbDelivery          *delivery,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  gboolean stopping;

  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (PB_IS_DELIVERY (delivery));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_store_add_delivery_async);
  g_task_set_task_data (task, g_object_ref (delivery), g_object_unref);
  /* Once committed, a delivery is reported as stored even if cancelled. */
  g_task_set_check_cancellable (task, FALSE);

  g_mutex_lock (&self->queue_lock);
  stopping = self->stopping || self->writer == NULL;
  if (!stopping)
    {
      g_queue_push_tail (&self->queue, g_object_ref (task));
      g_cond_signal (&self->queue_cond);
    }
  g_mutex_unlock (&self->queue_lock);

  if (stopping)
    g_task_return_new_error (task, PB_ERROR, PB_ERROR_STORAGE,
                             _("The delivery could not be stored because Patchbay is closing"));
}

/**
 * pb_store_add_delivery_finish:
 * @self: a #PbStore
 * @result: the #GAsyncResult passed to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the delivery is committed; otherwise %FALSE with
 *   %PB_ERROR_STORAGE or %G_IO_ERROR_CANCELLED
 */
gboolean
pb_store_add_delivery_finish (PbStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_store_add_delivery_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * pb_store_add_deliveries:
 * @self: a #PbStore
 * @deliveries: (element-type PbDelivery): deliveries to store
 * @error: return location for a #GError
 *
 * Stores @deliveries in one transaction, without the writer thread, and
 * emits #PbStore::deliveries-added. Meant for imports and tests.
 *
 * Returns: %TRUE when all were committed; %FALSE when none were
 */
gboolean
pb_store_add_deliveries (PbStore    *self,
                         GPtrArray  *deliveries,
                         GError    **error)
{
  g_autoptr(GArray) adds = NULL;
  sqlite3_stmt *insert;
  sqlite3_stmt *seen;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (deliveries != NULL, FALSE);

  if (deliveries->len == 0)
    return TRUE;

  insert = pb_store_prepare (self, insert_delivery_sql, error);
  seen = insert ? pb_store_prepare (self, seen_action_sql, error) : NULL;
  if (seen == NULL)
    return FALSE;

  adds = g_array_new (FALSE, TRUE, sizeof (PendingAdd));
  g_array_set_size (adds, deliveries->len);

  ok = write_deliveries (self, self->db, insert, seen, deliveries, adds, error);
  if (!ok)
    return FALSE;

  apply_adds (deliveries, adds);
  g_signal_emit (self, pb_store_signals[PB_STORE_DELIVERIES_ADDED], 0, deliveries);

  return TRUE;
}

/* Turns what the user typed into an FTS5 query that cannot be malformed:
 * each run of letters and digits becomes a quoted prefix term, and all must
 * match. Returns NULL when nothing searchable is left. */
static char *
build_match_expression (const char *text)
{
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          g_string_append_printf (match, "%s\"%s\"*", match->len > 0 ? " " : "", word->str);
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  return match->len > 0 ? g_string_free (g_steal_pointer (&match), FALSE) : NULL;
}

/* "opportunity_item" → "OpportunityItem", as Current RMS names the type. */
static char *
subject_to_type (const char *subject)
{
  g_autoptr(GString) type = g_string_new (NULL);
  gboolean upper = TRUE;

  for (const char *p = subject; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          upper = TRUE;
          continue;
        }
      g_string_append_c (type, upper ? g_ascii_toupper (*p) : *p);
      upper = FALSE;
    }

  return g_string_free (g_steal_pointer (&type), FALSE);
}

/* A LIKE pattern for events of @subject, with LIKE's wildcards escaped. */
static char *
subject_event_pattern (const char *subject)
{
  g_autoptr(GString) pattern = g_string_new (NULL);

  for (const char *p = subject; *p != '\0'; p++)
    {
      if (*p == '_' || *p == '%' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append (pattern, "\\_%");

  return g_string_free (g_steal_pointer (&pattern), FALSE);
}

/* One fixed statement serves every filter: an unset parameter disables its
 * condition. The subject is matched on subject_type, or on the event prefix
 * for rows whose body named no type. */
#define DELIVERY_FILTER \
  " WHERE (?1 = 0 OR d.account_id = ?1 OR d.account_id IS NULL)" \
  " AND (?2 IS NULL OR d.id IN (SELECT rowid FROM deliveries_fts WHERE deliveries_fts MATCH ?2))" \
  " AND (?3 IS NULL OR d.event = ?3)" \
  " AND (?4 IS NULL OR d.subject_type = ?4" \
  "      OR (coalesce (d.subject_type, '') = '' AND d.event LIKE ?5 ESCAPE '\\'))" \
  " AND (?6 = 0 OR d.received_at >= ?6)" \
  " AND (?7 = 0 OR d.received_at < ?7)" \
  " AND (?8 = 0 OR d.id < ?8)"

#define DELIVERY_COLUMNS \
  "d.id, d.account_id, d.received_at, d.token, d.event, d.body, d.headers, d.status_code," \
  " d.is_retry"

static void
bind_query (sqlite3_stmt          *stmt,
            const PbDeliveryQuery *query)
{
  g_autofree char *match = build_match_expression (query->text);
  const char *subject = query->subject;

  sqlite3_bind_int64 (stmt, 1, query->account_id);
  pb_store_bind_text (stmt, 2, match);
  pb_store_bind_text (stmt, 3, query->event);
  if (subject != NULL && subject[0] != '\0')
    {
      sqlite3_bind_text (stmt, 4, subject_to_type (subject), -1, g_free);
      sqlite3_bind_text (stmt, 5, subject_event_pattern (subject), -1, g_free);
    }
  sqlite3_bind_int64 (stmt, 6, query->since);
  sqlite3_bind_int64 (stmt, 7, query->until);
  sqlite3_bind_int64 (stmt, 8, query->before_id);
}

static PbDelivery *
delivery_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GBytes) body = g_bytes_new (sqlite3_column_blob (stmt, 5),
                                        sqlite3_column_bytes (stmt, 5));

  return pb_delivery_new_from_row (sqlite3_column_int64 (stmt, 0),
                                   sqlite3_column_int64 (stmt, 1),
                                   sqlite3_column_int64 (stmt, 2),
                                   pb_store_column_text (stmt, 3),
                                   pb_store_column_text (stmt, 4),
                                   body,
                                   pb_store_column_text (stmt, 6),
                                   sqlite3_column_int (stmt, 7),
                                   sqlite3_column_int (stmt, 8));
}

static GPtrArray *
collect_deliveries (PbStore       *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  return pb_store_collect_objects (self, stmt, (PbStoreRowFunc)delivery_from_row, error);
}

/**
 * pb_store_list_deliveries:
 * @self: a #PbStore
 * @query: (nullable): a filter; %NULL for every delivery
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type PbDelivery) (nullable): the
 *   matching deliveries, newest first
 */
GPtrArray *
pb_store_list_deliveries (PbStore                *self,
                          const PbDeliveryQuery  *query,
                          GError                **error)
{
  static const char sql[] =
    "SELECT " DELIVERY_COLUMNS " FROM deliveries AS d" DELIVERY_FILTER
    " ORDER BY d.id DESC LIMIT ?9";
  static const PbDeliveryQuery everything = { 0 };
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);

  if (query == NULL)
    query = &everything;

  stmt = pb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  bind_query (stmt, query);
  sqlite3_bind_int64 (stmt, 9, query->limit > 0 ? (gint64)query->limit : -1);

  return collect_deliveries (self, stmt, error);
}

/**
 * pb_store_get_delivery:
 * @self: a #PbStore
 * @delivery_id: a delivery id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the delivery, or %NULL with
 *   %PB_ERROR_NOT_FOUND or %PB_ERROR_STORAGE
 */
PbDelivery *
pb_store_get_delivery (PbStore  *self,
                       gint64    delivery_id,
                       GError  **error)
{
  static const char sql[] = "SELECT " DELIVERY_COLUMNS " FROM deliveries AS d WHERE d.id = ?1";
  g_autoptr(CachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) deliveries = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);

  stmt = pb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, delivery_id);
  deliveries = collect_deliveries (self, stmt, error);
  if (deliveries == NULL)
    return NULL;

  if (deliveries->len == 0)
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_NOT_FOUND,
                           _("The delivery is no longer in the history"));
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (deliveries, 0));
}

/**
 * pb_store_count_deliveries:
 * @self: a #PbStore
 * @query: (nullable): a filter; its limit is ignored
 * @error: return location for a #GError
 *
 * Returns: how many deliveries match, 0 on error
 */
guint
pb_store_count_deliveries (PbStore                *self,
                           const PbDeliveryQuery  *query,
                           GError                **error)
{
  static const char sql[] = "SELECT count(*) FROM deliveries AS d" DELIVERY_FILTER;
  static const PbDeliveryQuery everything = { 0 };
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), 0);

  if (query == NULL)
    query = &everything;

  stmt = pb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return 0;

  bind_query (stmt, query);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      pb_store_set_error (error, self->db);
      return 0;
    }

  return (guint)sqlite3_column_int64 (stmt, 0);
}

/**
 * pb_store_count_events_since:
 * @self: a #PbStore
 * @account_id: an account id, or 0 for all; as in #PbDeliveryQuery
 * @since: received at or after, in µs since the epoch
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type utf8 guint) (nullable): event →
 *   number of deliveries, as GUINT_TO_POINTER()
 */
GHashTable *
pb_store_count_events_since (PbStore  *self,
                             gint64    account_id,
                             gint64    since,
                             GError  **error)
{
  static const char sql[] =
    "SELECT event, count(*) FROM deliveries"
    " WHERE (?1 = 0 OR account_id = ?1 OR account_id IS NULL)"
    " AND received_at >= ?2 AND event IS NOT NULL GROUP BY event";
  g_autoptr(CachedStmt) stmt = NULL;
  g_autoptr(GHashTable) counts = NULL;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);

  stmt = pb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_int64 (stmt, 2, since);

  counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (counts, g_strdup (pb_store_column_text (stmt, 0)),
                         GUINT_TO_POINTER ((guint)sqlite3_column_int64 (stmt, 1)));

  if (rc != SQLITE_DONE)
    {
      pb_store_set_error (error, self->db);
      return NULL;
    }

  return g_steal_pointer (&counts);
}

/**
 * pb_store_clear_deliveries:
 * @self: a #PbStore
 * @account_id: an account id, or 0 to clear the whole history
 * @error: return location for a #GError
 *
 * Deletes what an account's history shows, as #PbDeliveryQuery filters it:
 * the deliveries of the account's own tokens and those of tokens that
 * belong to no account, such as the inbox token. Other accounts'
 * deliveries are kept. With @account_id 0, deletes every delivery.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_clear_deliveries (PbStore  *self,
                           gint64    account_id,
                           GError  **error)
{
  static const char sql[] =
    "DELETE FROM deliveries WHERE ?1 = 0 OR account_id = ?1 OR account_id IS NULL";
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  stmt = pb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, account_id);
  if (!pb_store_step_done (self->db, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) > 0)
    g_signal_emit (self, pb_store_signals[PB_STORE_DELIVERIES_REMOVED], 0);

  return TRUE;
}

static gboolean
delete_beyond (PbStore     *self,
               guint        max_count,
               guint        max_age_days,
               guint       *removed,
               GError     **error)
{
  static const char count_sql[] =
    "DELETE FROM deliveries WHERE id IN"
    " (SELECT id FROM deliveries ORDER BY received_at DESC, id DESC LIMIT -1 OFFSET ?1)";
  static const char age_sql[] = "DELETE FROM deliveries WHERE received_at < ?1";

  *removed = 0;

  if (max_age_days > 0)
    {
      g_autoptr(CachedStmt) stmt = pb_store_prepare (self, age_sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_get_real_time () - max_age_days * USEC_PER_DAY);
      if (!pb_store_step_done (self->db, stmt, error))
        return FALSE;
      *removed += sqlite3_changes (self->db);
    }

  if (max_count > 0)
    {
      g_autoptr(CachedStmt) stmt = pb_store_prepare (self, count_sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, max_count);
      if (!pb_store_step_done (self->db, stmt, error))
        return FALSE;
      *removed += sqlite3_changes (self->db);
    }

  return TRUE;
}

/**
 * pb_store_apply_retention:
 * @self: a #PbStore
 * @max_count: keep at most this many deliveries, the newest; 0 for no bound
 * @max_age_days: delete those older than this many days; 0 for no bound
 * @error: return location for a #GError
 *
 * Returns: how many deliveries were deleted; 0 with @error set on failure
 */
guint
pb_store_apply_retention (PbStore  *self,
                          guint     max_count,
                          guint     max_age_days,
                          GError  **error)
{
  guint removed = 0;

  g_return_val_if_fail (PB_IS_STORE (self), 0);

  if (max_count == 0 && max_age_days == 0)
    return 0;

  if (!pb_store_begin (self, error))
    return 0;

  if (!delete_beyond (self, max_count, max_age_days, &removed, error) ||
      !pb_store_commit (self, error))
    {
      pb_store_rollback (self);
      return 0;
    }

  if (removed > 0)
    g_signal_emit (self, pb_store_signals[PB_STORE_DELIVERIES_REMOVED], 0);

  return removed;
}

/* pb-store-private.h: what the parts of PbStore share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define USEC_PER_DAY ((gint64)86400 * G_USEC_PER_SEC)

struct _PbStore
{
  GObject       parent_instance;

  char         *path;
  sqlite3      *db;
  GHashTable   *statements;
  GMainContext *context;

  GMutex        token_lock;
  GHashTable   *tokens;

  /* The writer thread owns writer_db; queue and stopping are guarded by
   * queue_lock. */
  sqlite3      *writer_db;
  GThread      *writer;
  GMutex        queue_lock;
  GCond         queue_cond;
  GQueue        queue;
  gboolean      stopping;
  guint         batch_count;
};

enum {
  PB_STORE_ACCOUNTS_CHANGED,
  PB_STORE_WEBHOOKS_CHANGED,
  PB_STORE_DELIVERIES_ADDED,
  PB_STORE_DELIVERIES_REMOVED,
  PB_STORE_N_SIGNALS
};

extern guint pb_store_signals[PB_STORE_N_SIGNALS];

/* What the writer thread learned about one delivery, applied to the object in
 * the store's context once the batch is committed. */
typedef struct
{
  GTask   *task;
  gint64   id;
  gint64   account_id;
  gboolean is_retry;
} PendingAdd;

/* Prepared statements of the main connection are cached by their SQL text
 * and handed out as a CachedStmt, which is reset when it goes out of scope so
 * that no read transaction stays open. */
typedef sqlite3_stmt CachedStmt;

void        pb_store_release_stmt (CachedStmt    *stmt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CachedStmt, pb_store_release_stmt)

void        pb_store_set_error    (GError       **error,
                                   sqlite3       *db);
gboolean    pb_store_exec_sql     (sqlite3       *db,
                                   const char    *sql,
                                   GError       **error);
CachedStmt *pb_store_prepare      (PbStore       *self,
                                   const char    *sql,
                                   GError       **error);
typedef gpointer (*PbStoreRowFunc) (sqlite3_stmt *stmt);

GPtrArray  *pb_store_collect_objects (PbStore        *self,
                                      sqlite3_stmt   *stmt,
                                      PbStoreRowFunc  from_row,
                                      GError        **error);
gboolean    pb_store_step_done    (sqlite3       *db,
                                   sqlite3_stmt  *stmt,
                                   GError       **error);
gboolean    pb_store_begin        (PbStore       *self,
                                   GError       **error);
gboolean    pb_store_commit       (PbStore       *self,
                                   GError       **error);
void        pb_store_rollback     (PbStore       *self);
void        pb_store_bind_text    (sqlite3_stmt  *stmt,
                                   int            index,
                                   const char    *text);
void        pb_store_bind_id      (sqlite3_stmt  *stmt,
                                   int            index,
                                   gint64         id);
const char *pb_store_column_text  (sqlite3_stmt  *stmt,
                                   int            column);

/* Receiver tokens are also kept in memory, for the receiver's threads. */
void        pb_store_token_info_free (gpointer    data);
gboolean    pb_store_load_tokens  (PbStore       *self,
                                   GError       **error);
void        pb_store_refresh_token_events (PbStore *self);
void        pb_store_forget_account_tokens (PbStore *self,
                                            gint64   account_id);
gint64      pb_store_lookup_token (PbStore       *self,
                                   const char    *token,
                                   gboolean      *found);

/* The stored text of a cached webhook's extra attributes */
const char *pb_store_format_extra (PbWebhook     *webhook,
                                   GString       *out);
gboolean    pb_store_same_extra   (const char    *stored,
                                   PbWebhook     *webhook);

sqlite3    *pb_store_open_connection (const char *path,
                                      GError    **error);
gboolean    pb_store_start_writer (PbStore       *self,
                                   GError       **error);
void        pb_store_stop_writer  (PbStore       *self);

G_END_DECLS

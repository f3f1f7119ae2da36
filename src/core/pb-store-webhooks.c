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

static const char update_webhook_sql[] =
  "UPDATE webhooks SET name = ?3, event = ?4, target_url = ?5, active = ?6, extra = ?7,"
  "  synced_at = ?8 WHERE account_id = ?1 AND id = ?2";

static const char upsert_webhook_sql[] =
  "INSERT OR REPLACE INTO webhooks (account_id, id, name, event, target_url, active, extra,"
  "  synced_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

static const char delete_webhook_sql[] =
  "DELETE FROM webhooks WHERE account_id = ?1 AND id = ?2";

/* Binds @webhook to the parameters that the insert, update and upsert
 * statements share, and runs @stmt. */
static gboolean
write_webhook (PbStore       *self,
               sqlite3_stmt  *stmt,
               gint64         account_id,
               PbWebhook     *webhook,
               gint64         synced_at,
               GString       *scratch,
               GError       **error)
{
  const char *extra;
  gboolean written;

  if (pb_webhook_get_id (webhook) <= 0)
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_INPUT,
                           _("A webhook must be created in Current RMS before it is cached"));
      return FALSE;
    }

  extra = pb_store_format_extra (webhook, scratch);
  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_int64 (stmt, 2, pb_webhook_get_id (webhook));
  sqlite3_bind_text (stmt, 3, pb_webhook_get_name (webhook), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, pb_webhook_get_event (webhook), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, pb_webhook_get_target_url (webhook), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, pb_webhook_get_active (webhook));
  sqlite3_bind_text (stmt, 7, extra, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, synced_at);

  written = pb_store_step_done (self->db, stmt, error);
  sqlite3_reset (stmt);
  return written;
}

/* What a refresh has to write: the cached rows are read once and compared
 * with the fetched webhooks, found by id. */
typedef struct
{
  GPtrArray     *fetched;
  gint64        *ids;
  GHashTable    *positions;
  gboolean      *matched;
  GArray        *gone;
  GPtrArray     *rewrite;
  GString       *scratch;
  PbSyncChanges  counts;
} SyncPlan;

static void
sync_plan_clear (SyncPlan *plan)
{
  g_clear_pointer (&plan->ids, g_free);
  g_clear_pointer (&plan->positions, g_hash_table_unref);
  g_clear_pointer (&plan->matched, g_free);
  g_clear_pointer (&plan->gone, g_array_unref);
  g_clear_pointer (&plan->rewrite, g_ptr_array_unref);
  if (plan->scratch != NULL)
    g_string_free (g_steal_pointer (&plan->scratch), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SyncPlan, sync_plan_clear)

/* A webhook listed twice gets no position of its own: inserting it then
 * breaks the primary key, which fails the refresh as a whole. */
static void
sync_plan_init (SyncPlan  *plan,
                GPtrArray *fetched)
{
  plan->fetched = fetched;
  plan->ids = g_new (gint64, MAX (fetched->len, 1));
  plan->positions = g_hash_table_new (g_int64_hash, g_int64_equal);
  plan->matched = g_new0 (gboolean, MAX (fetched->len, 1));
  plan->gone = g_array_new (FALSE, FALSE, sizeof (gint64));
  plan->rewrite = g_ptr_array_new ();
  plan->scratch = g_string_sized_new (256);

  for (guint i = 0; i < fetched->len; i++)
    {
      plan->ids[i] = pb_webhook_get_id (g_ptr_array_index (fetched, i));
      if (!g_hash_table_contains (plan->positions, &plan->ids[i]))
        g_hash_table_insert (plan->positions, &plan->ids[i], GUINT_TO_POINTER (i + 1));
    }
}

typedef enum
{
  ROW_SAME,
  ROW_REORDERED,
  ROW_CHANGED,
} RowState;

/* The plain columns are compared first; the extra attributes are formatted
 * only when they alone could differ. */
static RowState
compare_row (sqlite3_stmt *stmt,
             PbWebhook    *webhook,
             GString      *scratch)
{
  const char *stored_extra;

  if (g_strcmp0 (pb_store_column_text (stmt, 1), pb_webhook_get_name (webhook)) != 0 ||
      g_strcmp0 (pb_store_column_text (stmt, 2), pb_webhook_get_event (webhook)) != 0 ||
      g_strcmp0 (pb_store_column_text (stmt, 3), pb_webhook_get_target_url (webhook)) != 0 ||
      !sqlite3_column_int (stmt, 4) != !pb_webhook_get_active (webhook))
    return ROW_CHANGED;

  stored_extra = pb_store_column_text (stmt, 5);
  if (g_strcmp0 (stored_extra, pb_store_format_extra (webhook, scratch)) == 0)
    return ROW_SAME;

  return pb_store_same_extra (stored_extra, webhook) ? ROW_REORDERED : ROW_CHANGED;
}

static void
plan_row (SyncPlan     *plan,
          sqlite3_stmt *stmt)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (plan->positions, &id));
  PbWebhook *webhook;

  if (position == 0)
    {
      g_array_append_val (plan->gone, id);
      return;
    }

  webhook = g_ptr_array_index (plan->fetched, position - 1);
  plan->matched[position - 1] = TRUE;

  switch (compare_row (stmt, webhook, plan->scratch))
    {
    case ROW_SAME:
      plan->counts.unchanged++;
      break;

    case ROW_REORDERED:
      /* Rewritten in the sorted form, so that the next refresh compares
       * the text alone; the webhook itself did not change. */
      plan->counts.unchanged++;
      g_ptr_array_add (plan->rewrite, webhook);
      break;

    case ROW_CHANGED:
    default:
      plan->counts.changed++;
      g_ptr_array_add (plan->rewrite, webhook);
    }
}

static gboolean
plan_sync (PbStore   *self,
           gint64     account_id,
           SyncPlan  *plan,
           GError   **error)
{
  static const char sql[] =
    "SELECT id, name, event, target_url, active, extra FROM webhooks WHERE account_id = ?1";
  g_autoptr(CachedStmt) stmt = pb_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, account_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    plan_row (plan, stmt);

  if (rc != SQLITE_DONE)
    {
      pb_store_set_error (error, self->db);
      return FALSE;
    }

  return TRUE;
}

static gboolean
delete_gone (PbStore   *self,
             gint64     account_id,
             SyncPlan  *plan,
             GError   **error)
{
  g_autoptr(CachedStmt) stmt = NULL;

  if (plan->gone->len == 0)
    return TRUE;

  stmt = pb_store_prepare (self, delete_webhook_sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, account_id);
  for (guint i = 0; i < plan->gone->len; i++)
    {
      sqlite3_bind_int64 (stmt, 2, g_array_index (plan->gone, gint64, i));
      if (!pb_store_step_done (self->db, stmt, error))
        return FALSE;
      sqlite3_reset (stmt);
    }

  plan->counts.removed = plan->gone->len;
  return TRUE;
}

static gboolean
update_rewritten (PbStore   *self,
                  gint64     account_id,
                  SyncPlan  *plan,
                  gint64     synced_at,
                  GError   **error)
{
  g_autoptr(CachedStmt) stmt = NULL;

  if (plan->rewrite->len == 0)
    return TRUE;

  stmt = pb_store_prepare (self, update_webhook_sql, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < plan->rewrite->len; i++)
    if (!write_webhook (self, stmt, account_id, g_ptr_array_index (plan->rewrite, i),
                        synced_at, plan->scratch, error))
      return FALSE;

  return TRUE;
}

static gboolean
insert_unmatched (PbStore   *self,
                  gint64     account_id,
                  SyncPlan  *plan,
                  gint64     synced_at,
                  GError   **error)
{
  g_autoptr(CachedStmt) stmt = NULL;

  stmt = pb_store_prepare (self, insert_webhook_sql, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < plan->fetched->len; i++)
    {
      if (plan->matched[i])
        continue;
      if (!write_webhook (self, stmt, account_id, g_ptr_array_index (plan->fetched, i),
                          synced_at, plan->scratch, error))
        return FALSE;
      plan->counts.added++;
    }

  return TRUE;
}

static gboolean
record_account_sync (PbStore  *self,
                     gint64    account_id,
                     gint64    synced_at,
                     GError  **error)
{
  static const char sql[] = "UPDATE accounts SET last_sync = ?1 WHERE id = ?2";
  g_autoptr(CachedStmt) stmt = pb_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, synced_at);
  sqlite3_bind_int64 (stmt, 2, account_id);
  if (!pb_store_step_done (self->db, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_NOT_FOUND,
                           _("No such account is set up in Patchbay"));
      return FALSE;
    }

  return TRUE;
}

/* Rows that did not change are left alone, so their synced_at says when
 * they were last written, not last fetched; the account's last sync says
 * when the whole list was fetched. */
static gboolean
sync_in_transaction (PbStore    *self,
                     gint64      account_id,
                     SyncPlan   *plan,
                     gint64      synced_at,
                     GError    **error)
{
  return plan_sync (self, account_id, plan, error) &&
         delete_gone (self, account_id, plan, error) &&
         update_rewritten (self, account_id, plan, synced_at, error) &&
         insert_unmatched (self, account_id, plan, synced_at, error) &&
         record_account_sync (self, account_id, synced_at, error);
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
 * Brings the account's cached webhooks to @webhooks and records its last
 * sync time in one transaction, writing only the rows that differ: on
 * failure the cache stays as it was.
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
  g_auto(SyncPlan) plan = { 0, };
  guint n_changes;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (webhooks != NULL, FALSE);

  sync_plan_init (&plan, webhooks);

  if (!pb_store_begin (self, error))
    return FALSE;

  if (!sync_in_transaction (self, account_id, &plan, synced_at, error) ||
      !pb_store_commit (self, error))
    {
      pb_store_rollback (self);
      return FALSE;
    }

  if (changes != NULL)
    *changes = plan.counts;

  n_changes = plan.counts.added + plan.counts.changed + plan.counts.removed;
  if (n_changes > 0)
    {
      pb_store_refresh_token_events (self);
      g_signal_emit (self, pb_store_signals[PB_STORE_WEBHOOKS_CHANGED], 0, account_id);
    }

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
  g_autoptr(CachedStmt) stmt = NULL;
  g_autoptr(GString) scratch = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_WEBHOOK (webhook), FALSE);

  stmt = pb_store_prepare (self, upsert_webhook_sql, error);
  if (stmt == NULL)
    return FALSE;

  scratch = g_string_new (NULL);
  if (!write_webhook (self, stmt, account_id, webhook, g_get_real_time (), scratch, error))
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
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  stmt = pb_store_prepare (self, delete_webhook_sql, error);
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

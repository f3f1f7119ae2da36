/* pb-client-list.c: fetching every page of the account's webhooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-client"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-client.h"
#include "pb-client-private.h"
#include "pb-json-private.h"

/* A server that never stops sending new pages is broken; give up. */
#define MAX_PAGES 1000

static JsonArray *
find_webhook_array (JsonNode    *root,
                    JsonObject **meta)
{
  JsonObject *object;
  JsonNode *member;

  *meta = NULL;
  if (root == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (root))
    return json_node_get_array (root);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  member = json_object_get_member (object, "webhooks");
  if (member == NULL)
    member = json_object_get_member (object, "Webhooks");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return NULL;

  if (json_object_has_member (object, "meta") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "meta")))
    *meta = json_object_get_object_member (object, "meta");

  return json_node_get_array (member);
}

/* The API sends counts as numbers or, like its decimals, as strings. */
static gboolean
read_count (JsonObject *meta,
            const char *member,
            gint64     *out)
{
  return meta != NULL && pb_json_object_get_int (meta, member, out) && *out >= 0;
}

typedef struct
{
  guint       page;
  GHashTable *seen;
  GPtrArray  *webhooks;
} ListState;

static void
list_state_free (ListState *state)
{
  g_clear_pointer (&state->seen, g_hash_table_unref);
  g_clear_pointer (&state->webhooks, g_ptr_array_unref);
  g_free (state);
}

static void list_request_page (GTask *task);

/* Adds the page's webhooks; returns how many were new, or -1 on bad data. */
static int
list_absorb_page (ListState  *state,
                  JsonArray  *array,
                  GError    **error)
{
  int added = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(PbWebhook) webhook = NULL;
      gint64 id;

      webhook = pb_webhook_new_from_json (json_array_get_element (array, i), error);
      if (webhook == NULL)
        return -1;

      id = pb_webhook_get_id (webhook);
      if (id > 0 && !g_hash_table_add (state->seen, g_memdup2 (&id, sizeof id)))
        continue;

      g_ptr_array_add (state->webhooks, g_steal_pointer (&webhook));
      added++;
    }

  return added;
}

static gboolean
list_is_done (ListState  *state,
              JsonArray  *array,
              JsonObject *meta,
              int         added)
{
  gint64 total = 0;
  gint64 per_page = PB_CLIENT_PAGE_SIZE;
  gint64 rows = json_array_get_length (array);

  if (rows == 0 || added == 0)
    return TRUE;

  if (!read_count (meta, "per_page", &per_page) || per_page <= 0)
    per_page = PB_CLIENT_PAGE_SIZE;
  read_count (meta, "row_count", &rows);

  if (read_count (meta, "total_row_count", &total) && (gint64)state->page * per_page >= total)
    return TRUE;

  return rows < per_page;
}

static void
on_list_page (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListState *state = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *meta;
  JsonArray *array;
  int added;

  if (!pb_client_send_finish (PB_CLIENT (object), result, &root, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  array = find_webhook_array (root, &meta);
  if (array == NULL)
    {
      g_task_return_error (task, pb_client_error_bad_shape (_("no list of webhooks")));
      return;
    }

  added = list_absorb_page (state, array, &error);
  if (added < 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (list_is_done (state, array, meta, added))
    {
      g_task_return_pointer (task, g_ptr_array_ref (state->webhooks),
                             (GDestroyNotify)g_ptr_array_unref);
      return;
    }

  if (state->page >= MAX_PAGES)
    {
      g_task_return_error (task, pb_client_error_bad_shape (_("the list of webhooks never ends")));
      return;
    }

  state->page++;
  list_request_page (g_steal_pointer (&task));
}

static void
list_request_page (GTask *task)
{
  ListState *state = g_task_get_task_data (task);
  g_autofree char *path = NULL;

  path = g_strdup_printf ("/webhooks?page=%u&per_page=%u", state->page, PB_CLIENT_PAGE_SIZE);
  pb_client_send_async (g_task_get_source_object (task), SOUP_METHOD_GET, path, NULL,
                     g_task_get_cancellable (task), on_list_page, task);
}

/**
 * pb_client_list_webhooks_async:
 * @self: a #PbClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every page has been fetched
 * @user_data: data for @callback
 *
 * Fetches all of the account's webhooks, page after page.
 */
void
pb_client_list_webhooks_async (PbClient            *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  ListState *state;

  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_client_list_webhooks_async);

  state = g_new0 (ListState, 1);
  state->page = 1;
  state->seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  state->webhooks = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, state, (GDestroyNotify)list_state_free);

  list_request_page (task);
}

/**
 * pb_client_list_webhooks_finish:
 * @self: a #PbClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type PbWebhook) (nullable): the
 *   webhooks in the order the API sent them, or %NULL with @error set
 */
GPtrArray *
pb_client_list_webhooks_finish (PbClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (PB_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_check_answered (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *meta;

  if (!pb_client_send_finish (PB_CLIENT (object), result, &root, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (find_webhook_array (root, &meta) == NULL)
    g_task_return_error (task, pb_client_error_bad_shape (_("no list of webhooks")));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * pb_client_check_async:
 * @self: a #PbClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the outcome
 * @user_data: data for @callback
 *
 * Checks that the subdomain and key open the account's webhooks, with the
 * smallest request that proves it.
 */
void
pb_client_check_async (PbClient            *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_client_check_async);

  pb_client_send_async (self, SOUP_METHOD_GET, "/webhooks?per_page=1", NULL, cancellable,
                     on_check_answered, task);
}

gboolean
pb_client_check_finish (PbClient      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (PB_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

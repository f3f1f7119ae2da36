/* pb-account-session-actions.c: creating, updating and deleting webhooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-account-session-private.h"
#include "pb-error.h"

/* State of one create, update or delete. Its cancellable fires when the
 * caller cancels or when the session is disposed. */
typedef struct
{
  GCancellable    *cancellable;
  GCancellable    *caller;
  gulong           caller_handler;
  GCancellable    *session;
  gulong           session_handler;
  gint64           webhook_id;
} Operation;

static void
forward_cancel (GCancellable *source,
                GCancellable *target)
{
  pb_account_session_cancel_later (target);
}

static void
operation_free (Operation *op)
{
  if (op->caller_handler != 0)
    g_cancellable_disconnect (op->caller, op->caller_handler);
  if (op->session_handler != 0)
    g_cancellable_disconnect (op->session, op->session_handler);

  g_clear_object (&op->caller);
  g_clear_object (&op->session);
  g_clear_object (&op->cancellable);
  g_free (op);
}

static Operation *
operation_new (PbAccountSession *self,
               GCancellable     *caller)
{
  Operation *op = g_new0 (Operation, 1);

  op->cancellable = g_cancellable_new ();
  op->session = g_object_ref (self->cancellable);
  op->session_handler = g_cancellable_connect (op->session, G_CALLBACK (forward_cancel),
                                               op->cancellable, NULL);
  if (caller != NULL)
    {
      op->caller = g_object_ref (caller);
      op->caller_handler = g_cancellable_connect (caller, G_CALLBACK (forward_cancel),
                                                  op->cancellable, NULL);
    }

  return op;
}

static GTask *
operation_task_new (PbAccountSession    *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data,
                    gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, operation_new (self, cancellable), (GDestroyNotify)operation_free);

  return task;
}

static GCancellable *
operation_cancellable (GTask *task)
{
  Operation *op = g_task_get_task_data (task);

  return op->cancellable;
}

/* A request that succeeded after its operation was cancelled, by the caller
 * or by dispose, changes nothing locally; the next refresh catches up. */
static gboolean
operation_cancelled (GTask   *task,
                     GError **error)
{
  Operation *op = g_task_get_task_data (task);

  /* The forwarded cancellation reaches op->cancellable only from an idle. */
  if (!g_cancellable_is_cancelled (op->cancellable) &&
      !g_cancellable_is_cancelled (op->session) &&
      !g_cancellable_is_cancelled (op->caller))
    return FALSE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The change was cancelled."));
  return TRUE;
}

/* Checks what can be checked before a request: a key to send it with and,
 * for @webhook, the values Current RMS requires. */
static gboolean
check_request (PbAccountSession *self,
               GTask            *task,
               PbWebhook        *webhook)
{
  g_autoptr(GHashTable) messages = NULL;
  g_autoptr(GString) text = NULL;
  GHashTableIter iter;
  gpointer message;

  if (self->client == NULL)
    {
      g_task_return_error (task, pb_account_session_no_key_error (self));
      return FALSE;
    }

  if (webhook == NULL || pb_webhook_validate (webhook, &messages))
    return TRUE;

  text = g_string_new (NULL);
  g_hash_table_iter_init (&iter, messages);
  while (g_hash_table_iter_next (&iter, NULL, &message))
    g_string_append_printf (text, "%s%s", text->len > 0 ? "; " : "", (const char *)message);

  g_task_return_error (task, pb_error_new_http (PB_ERROR_INVALID_INPUT, 0, 0,
                                                g_steal_pointer (&messages),
                                                _("The webhook cannot be saved: %s."),
                                                text->str));
  return FALSE;
}

/* Puts @webhook into the list: in place of the object with its id, or at
 * the end. Returns the object that the list holds. */
static PbWebhook *
merge_into_model (PbAccountSession *self,
                  PbWebhook        *webhook)
{
  PbWebhook *current = pb_account_session_find_webhook (self, pb_webhook_get_id (webhook));

  if (current == NULL)
    {
      g_list_store_append (self->webhooks, webhook);
      return g_object_ref (webhook);
    }

  pb_account_session_copy_attributes (current, webhook);
  return g_object_ref (current);
}

/* The API has the change; the cache and the list follow it. */
static void
return_saved_webhook (PbAccountSession *self,
                      GTask            *task,
                      PbWebhook        *saved)
{
  g_autoptr(GError) error = NULL;

  if (!pb_store_put_webhook (self->store, pb_account_get_id (self->account), saved, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  pb_account_session_learn_event (self, pb_webhook_get_event (saved), TRUE);
  g_task_return_pointer (task, merge_into_model (self, saved), g_object_unref);
}

typedef PbWebhook *(*SaveFinishFunc) (PbClient      *client,
                                      GAsyncResult  *result,
                                      GError       **error);

/* Creating and updating end alike: the API's answer is the webhook as saved. */
static void
finish_save (GTask          *task,
             GObject        *client,
             GAsyncResult   *result,
             SaveFinishFunc  finish)
{
  PbAccountSession *self = g_task_get_source_object (task);
  g_autoptr(PbWebhook) saved = NULL;
  g_autoptr(GError) error = NULL;

  saved = finish (PB_CLIENT (client), result, &error);
  if (saved != NULL && operation_cancelled (task, &error))
    g_clear_object (&saved);

  pb_account_session_note_request_result (self, error);
  if (saved == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    return_saved_webhook (self, task, saved);
}

static void
create_webhook_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  finish_save (task, object, result, pb_client_create_webhook_finish);
}

/**
 * pb_account_session_create_async:
 * @self: a #PbAccountSession
 * @webhook: the webhook to create; its id is ignored
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the webhook is created or could not be
 * @user_data: data for @callback
 *
 * Creates @webhook in Current RMS, then in the cache and at the end of the
 * list. A webhook that lacks required values fails with
 * %PB_ERROR_INVALID_INPUT and field messages, without a request.
 */
void
pb_account_session_create_async (PbAccountSession    *self,
                                 PbWebhook           *webhook,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PB_IS_ACCOUNT_SESSION (self));
  g_return_if_fail (PB_IS_WEBHOOK (webhook));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = operation_task_new (self, cancellable, callback, user_data,
                             pb_account_session_create_async);
  if (!check_request (self, task, webhook))
    return;

  pb_client_create_webhook_async (self->client, webhook, operation_cancellable (task),
                                  create_webhook_cb, g_object_ref (task));
}

/**
 * pb_account_session_create_finish:
 * @self: a #PbAccountSession
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the created webhook, as the list holds it
 */
PbWebhook *
pb_account_session_create_finish (PbAccountSession  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        pb_account_session_create_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
update_webhook_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  finish_save (task, object, result, pb_client_update_webhook_finish);
}

/**
 * pb_account_session_update_async:
 * @self: a #PbAccountSession
 * @webhook: the webhook with its new values, usually an edited copy of the
 *   one the list holds; it must have an id
 * @fields: the attributes to send
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the webhook is updated or could not be
 * @user_data: data for @callback
 *
 * Sends @fields of @webhook to Current RMS, then updates the cache and the
 * object that the list holds for the same id, in place.
 */
void
pb_account_session_update_async (PbAccountSession    *self,
                                 PbWebhook           *webhook,
                                 PbWebhookFields      fields,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PB_IS_ACCOUNT_SESSION (self));
  g_return_if_fail (PB_IS_WEBHOOK (webhook));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = operation_task_new (self, cancellable, callback, user_data,
                             pb_account_session_update_async);
  if (pb_webhook_get_id (webhook) <= 0)
    {
      g_task_return_new_error (task, PB_ERROR, PB_ERROR_INVALID_INPUT,
                               _("The webhook has not been created in Current RMS yet, "
                                 "so it cannot be updated."));
      return;
    }
  if (!check_request (self, task, webhook))
    return;

  pb_client_update_webhook_async (self->client, webhook, fields, operation_cancellable (task),
                                  update_webhook_cb, g_object_ref (task));
}

/**
 * pb_account_session_update_finish:
 * @self: a #PbAccountSession
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the updated webhook, as the list holds it
 */
PbWebhook *
pb_account_session_update_finish (PbAccountSession  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        pb_account_session_update_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
delete_webhook_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbAccountSession *self = g_task_get_source_object (task);
  Operation *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean deleted;
  guint position;

  deleted = pb_client_delete_webhook_finish (PB_CLIENT (object), result, &error);

  /* A webhook the API does not know is as gone as one it deleted. */
  if (g_error_matches (error, PB_ERROR, PB_ERROR_NOT_FOUND))
    {
      g_clear_error (&error);
      deleted = TRUE;
    }
  if (deleted && operation_cancelled (task, &error))
    deleted = FALSE;

  pb_account_session_note_request_result (self, error);
  if (!deleted)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!pb_store_delete_webhook (self->store, pb_account_get_id (self->account),
                                op->webhook_id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (pb_account_session_find_position (self, op->webhook_id, &position))
    g_list_store_remove (self->webhooks, position);

  g_task_return_boolean (task, TRUE);
}

/**
 * pb_account_session_delete_async:
 * @self: a #PbAccountSession
 * @webhook_id: the id of the webhook to delete
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the webhook is deleted or could not be
 * @user_data: data for @callback
 *
 * Deletes the webhook in Current RMS, then from the cache and the list. A
 * webhook that Current RMS no longer has counts as deleted.
 */
void
pb_account_session_delete_async (PbAccountSession    *self,
                                 gint64               webhook_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Operation *op;

  g_return_if_fail (PB_IS_ACCOUNT_SESSION (self));
  g_return_if_fail (webhook_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = operation_task_new (self, cancellable, callback, user_data,
                             pb_account_session_delete_async);
  op = g_task_get_task_data (task);
  op->webhook_id = webhook_id;
  if (!check_request (self, task, NULL))
    return;

  pb_client_delete_webhook_async (self->client, webhook_id, op->cancellable,
                                  delete_webhook_cb, g_object_ref (task));
}

/**
 * pb_account_session_delete_finish:
 * @self: a #PbAccountSession
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the webhook is gone
 */
gboolean
pb_account_session_delete_finish (PbAccountSession  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        pb_account_session_delete_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* pb-replay.c: send a stored delivery again, to any URL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-replay"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-error.h"
#include "pb-replay.h"
#include "pb-webhook.h"

typedef struct
{
  SoupMessage    *message;
  GInputStream   *stream;
  GByteArray     *body;
  gint64          started;
} Replay;

static void
replay_free (gpointer data)
{
  Replay *replay = data;

  g_clear_object (&replay->message);
  g_clear_object (&replay->stream);
  g_clear_pointer (&replay->body, g_byte_array_unref);
  g_free (replay);
}

/**
 * pb_replay_result_free:
 * @result: (transfer full): a #PbReplayResult
 */
void
pb_replay_result_free (PbReplayResult *result)
{
  if (result == NULL)
    return;

  g_free (result->reason);
  g_free (result->content_type);
  g_clear_pointer (&result->body, g_bytes_unref);
  g_free (result);
}

static void
finish_replay (GTask    *task,
               gboolean  truncated)
{
  Replay *replay = g_task_get_task_data (task);
  PbReplayResult *result = g_new0 (PbReplayResult, 1);
  SoupMessageHeaders *headers = soup_message_get_response_headers (replay->message);

  result->status = soup_message_get_status (replay->message);
  result->reason = g_strdup (soup_message_get_reason_phrase (replay->message));
  result->elapsed_usec = g_get_monotonic_time () - replay->started;
  result->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  result->body = g_byte_array_free_to_bytes (g_steal_pointer (&replay->body));
  result->truncated = truncated;

  g_task_return_pointer (task, result, (GDestroyNotify)pb_replay_result_free);
}

static void read_more (GTask *task);

static void
on_read (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Replay *replay = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;
  gsize room;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), res, &error);
  if (chunk == NULL)
    {
      g_task_return_new_error (task, PB_ERROR, PB_ERROR_NETWORK,
                               _("The answer broke off: %s"), error->message);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      finish_replay (task, FALSE);
      return;
    }

  room = PB_REPLAY_MAX_BODY - replay->body->len;
  g_byte_array_append (replay->body, g_bytes_get_data (chunk, NULL),
                       MIN (room, g_bytes_get_size (chunk)));
  if (g_bytes_get_size (chunk) >= room)
    {
      finish_replay (task, TRUE);
      return;
    }

  read_more (g_steal_pointer (&task));
}

static void
read_more (GTask *task)
{
  Replay *replay = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (replay->stream, 16 * 1024, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_read, task);
}

static void
on_sent (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Replay *replay = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  replay->stream = soup_session_send_finish (SOUP_SESSION (object), res, &error);
  if (replay->stream == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        g_task_return_new_error (task, PB_ERROR, PB_ERROR_TIMEOUT,
                                 _("The URL did not answer in time"));
      else
        g_task_return_new_error (task, PB_ERROR, PB_ERROR_NETWORK,
                                 _("Could not reach the URL: %s"), error->message);
      return;
    }

  read_more (g_steal_pointer (&task));
}

/**
 * pb_replay_async:
 * @session: the #SoupSession to send with
 * @delivery: the delivery whose body is sent
 * @url: an absolute http(s) URL
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer has been read
 * @user_data: data for @callback
 *
 * POSTs the body of @delivery to @url as Current RMS would, with
 * `Content-Type: application/json`, and reads what the URL answers.
 * Any HTTP status counts as an answer; only a failure to get one is an error.
 */
void
pb_replay_async (SoupSession         *session,
                 PbDelivery          *delivery,
                 const char          *url,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *redacted = NULL;
  Replay *replay;
  GBytes *body;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (PB_IS_DELIVERY (delivery));
  g_return_if_fail (url != NULL);

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_replay_async);

  if (!pb_webhook_check_target_url (url, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  replay = g_new0 (Replay, 1);
  replay->message = soup_message_new (SOUP_METHOD_POST, url);
  replay->body = g_byte_array_new ();
  g_task_set_task_data (task, replay, replay_free);

  /* The URL may carry a token, so only its redacted form reaches the user. */
  redacted = pb_webhook_dup_redacted_url (url);
  if (replay->message == NULL)
    {
      g_task_return_new_error (task, PB_ERROR, PB_ERROR_INVALID_INPUT,
                               _("“%s” is not a URL that can be sent to"), redacted);
      return;
    }

  body = pb_delivery_get_body (delivery);
  soup_message_set_request_body_from_bytes (replay->message, "application/json", body);

  g_debug ("Replaying delivery %" G_GINT64_FORMAT " to %s",
           pb_delivery_get_id (delivery), redacted);

  replay->started = g_get_monotonic_time ();
  soup_session_send_async (session, replay->message, G_PRIORITY_DEFAULT, cancellable,
                           on_sent, g_steal_pointer (&task));
}

/**
 * pb_replay_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): what the URL answered
 */
PbReplayResult *
pb_replay_finish (GAsyncResult  *result,
                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_replay_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

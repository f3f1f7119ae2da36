/* pb-receiver-connection.c: what the receiver does with each request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Routing, size limits, the answers, and the connections that are answered
 * outside libsoup; the object itself and its listening live in pb-receiver.c.
 */

#define G_LOG_DOMAIN "patchbay-receiver"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pb-receiver-private.h"

#define TOKEN_MIN_LENGTH 16
#define TOKEN_MAX_LENGTH 128
#define REQUEST_DATA_KEY "pb-receiver-request"
#define HEADER_VALUE_MAX 512
#define LINGER_MS 2000

/* json-glib parses recursively; a body of a few hundred kilobytes of "[" would
 * exhaust the stack, so deeper bodies are refused before anything parses them. */
#define MAX_JSON_DEPTH 512

typedef enum
{
  ROUTE_HOOK,
  ROUTE_UNKNOWN_HOOK,
  ROUTE_HEALTH,
  ROUTE_OTHER,
} Route;

/* What the receiver knows of one request while libsoup reads it. */
typedef struct
{
  gint64      started_at;
  char       *token;
  GByteArray *body;
  gboolean    accepted;
  gboolean    rejected;
} PbRequest;

/* A request answered over its own connection, outside libsoup. */
typedef struct
{
  GIOStream    *stream;
  GSocket      *socket;
  GCancellable *cancellable;
  GSource      *linger_source;
  char         *response;
  guint8        scratch[8192];
} PbRawReply;

/* A delivery on its way to the store, and the message waiting for it. */
typedef struct
{
  PbReceiver        *self;
  SoupServer        *server;
  SoupServerMessage *msg;
  PbDelivery        *delivery;
  char              *log_path;
} PbPendingStore;

static void
pb_request_free (PbRequest *request)
{
  g_clear_pointer (&request->token, g_free);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_free (request);
}

static void
pb_raw_reply_free (PbRawReply *reply)
{
  if (reply->linger_source != NULL)
    g_source_destroy (reply->linger_source);
  g_clear_pointer (&reply->linger_source, g_source_unref);
  g_clear_object (&reply->stream);
  g_clear_object (&reply->socket);
  g_clear_object (&reply->cancellable);
  g_clear_pointer (&reply->response, g_free);
  g_free (reply);
}

static void
pb_pending_store_free (PbPendingStore *pending)
{
  g_clear_object (&pending->self);
  g_clear_object (&pending->server);
  g_clear_object (&pending->msg);
  g_clear_object (&pending->delivery);
  g_clear_pointer (&pending->log_path, g_free);
  g_free (pending);
}

static PbRequest *
get_request (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), REQUEST_DATA_KEY);
}

/* Paths are logged without the token: the first characters are enough to tell
 * two hooks apart, and the rest is the secret. */
static char *
redact_path (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gsize limit = 64;

  if (path == NULL)
    return g_strdup ("(none)");

  if (g_str_has_prefix (path, HOOKS_PATH "/"))
    {
      g_string_append (out, HOOKS_PATH "/");
      path += strlen (HOOKS_PATH "/");
      limit = MIN (strlen (path), 4);
    }

  for (gsize i = 0; path[i] != '\0' && i < limit; i++)
    g_string_append_c (out, g_ascii_isprint (path[i]) ? path[i] : '?');
  if (strlen (path) > limit)
    g_string_append (out, "...");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
token_is_well_formed (const char *token,
                      gsize       length)
{
  if (length < TOKEN_MIN_LENGTH || length > TOKEN_MAX_LENGTH)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isalnum (token[i]) && token[i] != '-' && token[i] != '_')
        return FALSE;
    }

  return TRUE;
}

/* Accepts "/hooks/<token>" and "/hooks/<token>/"; the query string is not part of
 * the path libsoup hands over. */
static Route
route_path (PbReceiver  *self,
            const char  *path,
            char       **token_out)
{
  const char *token;
  gsize length;

  if (g_strcmp0 (path, "/") == 0)
    return ROUTE_HEALTH;
  if (path == NULL || !g_str_has_prefix (path, HOOKS_PATH "/"))
    return ROUTE_OTHER;

  token = path + strlen (HOOKS_PATH "/");
  length = strlen (token);
  if (length > 0 && token[length - 1] == '/')
    length--;

  if (!token_is_well_formed (token, length))
    return ROUTE_UNKNOWN_HOOK;

  *token_out = g_strndup (token, length);
  if (!pb_store_has_token (self->store, *token_out))
    {
      g_clear_pointer (token_out, g_free);
      return ROUTE_UNKNOWN_HOOK;
    }

  return ROUTE_HOOK;
}

static const char *
status_text (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_OK:
      return "{\"ok\":true}";
    case SOUP_STATUS_NOT_FOUND:
      return _("No hook exists at this address.");
    case SOUP_STATUS_METHOD_NOT_ALLOWED:
      return _("This address only takes POST requests.");
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      return _("The delivery is larger than this receiver accepts.");
    case SOUP_STATUS_SERVICE_UNAVAILABLE:
      return _("The delivery could not be saved; please send it again later.");
    default:
      return soup_status_get_phrase (status);
    }
}

static void
log_answer (SoupServerMessage *msg,
            const char        *path,
            guint              status,
            gsize              size)
{
  g_autofree char *redacted = NULL;

  if (!g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    {
      redacted = redact_path (path);
      g_debug ("%s %s -> %u (%" G_GSIZE_FORMAT " bytes)",
               soup_server_message_get_method (msg), redacted, status, size);
    }
}

static void
set_answer (SoupServerMessage *msg,
            guint              status,
            const char        *text)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *content_type = "text/plain; charset=utf-8";

  if (text == NULL)
    text = status_text (status);
  if (status == SOUP_STATUS_OK && text[0] == '{')
    content_type = "application/json";
  if (status == SOUP_STATUS_METHOD_NOT_ALLOWED)
    soup_message_headers_replace (headers, "Allow", "POST");

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, text, strlen (text));
}

static gboolean
request_has_body (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_CONTENT_LENGTH:
      return soup_message_headers_get_content_length (headers) > 0;
    case SOUP_ENCODING_NONE:
      return FALSE;
    case SOUP_ENCODING_EOF:
    case SOUP_ENCODING_CHUNKED:
    case SOUP_ENCODING_BYTERANGES:
    case SOUP_ENCODING_UNRECOGNIZED:
    default:
      return TRUE;
    }
}

static void
forget_request (PbReceiver        *self,
                SoupServerMessage *msg)
{
  if (self->open_requests != NULL)
    g_hash_table_remove (self->open_requests, msg);
}

/* Raw replies ---------------------------------------------------------------
 *
 * libsoup reads a request body in full even when an early handler has already
 * answered it. A request refused for its size (or a refused request that carries
 * a body) is answered here instead, over the stolen connection, which is then
 * closed: the body is never read into memory. */

static void
raw_reply_closed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  PbRawReply *reply = user_data;

  g_io_stream_close_finish (G_IO_STREAM (object), result, NULL);
  pb_raw_reply_free (reply);
}

static void
raw_reply_close (PbRawReply *reply)
{
  if (reply->linger_source != NULL)
    {
      g_source_destroy (reply->linger_source);
      g_clear_pointer (&reply->linger_source, g_source_unref);
    }

  g_io_stream_close_async (reply->stream, G_PRIORITY_DEFAULT, NULL,
                           raw_reply_closed_cb, reply);
}

static gboolean
raw_reply_linger_expired_cb (gpointer user_data)
{
  PbRawReply *reply = user_data;

  g_cancellable_cancel (reply->cancellable);
  return G_SOURCE_REMOVE;
}

/* Whatever the client still sends is discarded until it closes (or the linger
 * time ends): closing a socket with unread input makes the kernel reset the
 * connection, and the client could lose the answer it has not read yet. */
static void
raw_reply_drained_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  PbRawReply *reply = user_data;
  gssize n_read;

  n_read = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);
  if (n_read <= 0)
    {
      raw_reply_close (reply);
      return;
    }

  g_input_stream_read_async (G_INPUT_STREAM (object), reply->scratch, sizeof reply->scratch,
                             G_PRIORITY_LOW, reply->cancellable, raw_reply_drained_cb, reply);
}

static void
raw_reply_written_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  PbRawReply *reply = user_data;
  GInputStream *input;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL) ||
      !g_socket_shutdown (reply->socket, FALSE, TRUE, NULL))
    {
      raw_reply_close (reply);
      return;
    }

  reply->linger_source = g_timeout_source_new (LINGER_MS);
  g_source_set_callback (reply->linger_source, raw_reply_linger_expired_cb, reply, NULL);
  g_source_attach (reply->linger_source, g_main_context_get_thread_default ());

  input = g_io_stream_get_input_stream (reply->stream);
  g_input_stream_read_async (input, reply->scratch, sizeof reply->scratch,
                             G_PRIORITY_LOW, reply->cancellable, raw_reply_drained_cb, reply);
}

static char *
format_raw_response (guint status)
{
  const char *text = status_text (status);

  return g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                          "Content-Type: text/plain; charset=utf-8\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "%s"
                          "Connection: close\r\n"
                          "\r\n"
                          "%s",
                          status, soup_status_get_phrase (status), strlen (text),
                          status == SOUP_STATUS_METHOD_NOT_ALLOWED ? "Allow: POST\r\n" : "",
                          text);
}

static void
send_raw_reply (SoupServerMessage *msg,
                guint              status)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GIOStream) stream = NULL;
  PbRawReply *reply;
  GOutputStream *output;

  if (soup_server_message_get_socket (msg) == NULL)
    return;

  socket = g_object_ref (soup_server_message_get_socket (msg));
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;

  reply = g_new0 (PbRawReply, 1);
  reply->stream = g_steal_pointer (&stream);
  reply->socket = g_steal_pointer (&socket);
  reply->cancellable = g_cancellable_new ();
  reply->response = format_raw_response (status);

  output = g_io_stream_get_output_stream (reply->stream);
  g_output_stream_write_all_async (output, reply->response, strlen (reply->response),
                                   G_PRIORITY_DEFAULT, reply->cancellable,
                                   raw_reply_written_cb, reply);
}

typedef struct
{
  PbReceiver        *self;
  SoupServerMessage *msg;
  guint              status;
} PbDeferredReject;

static void
pb_deferred_reject_free (PbDeferredReject *reject)
{
  g_clear_object (&reject->self);
  g_clear_object (&reject->msg);
  g_free (reject);
}

static gboolean
deferred_reject_cb (gpointer user_data)
{
  PbDeferredReject *reject = user_data;

  send_raw_reply (reject->msg, reject->status);
  return G_SOURCE_REMOVE;
}

/* The message is paused at once so that libsoup reads no further; the connection
 * is taken over from an idle callback, outside libsoup's own I/O loop. */
static void
reject_and_close (PbReceiver        *self,
                  SoupServerMessage *msg,
                  guint              status)
{
  PbRequest *request = get_request (msg);
  PbDeferredReject *reject;
  g_autoptr(GSource) source = NULL;

  if (request != NULL)
    {
      request->rejected = TRUE;
      g_clear_pointer (&request->body, g_byte_array_unref);
    }
  forget_request (self, msg);
  log_answer (msg, g_uri_get_path (soup_server_message_get_uri (msg)), status, 0);

  soup_server_message_pause (msg);

  reject = g_new0 (PbDeferredReject, 1);
  reject->self = g_object_ref (self);
  reject->msg = g_object_ref (msg);
  reject->status = status;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deferred_reject_cb, reject,
                         (GDestroyNotify)pb_deferred_reject_free);
  g_source_attach (source, self->context);
}

/* Request tracking -------------------------------------------------------- */

static void
request_got_chunk_cb (SoupServerMessage *msg,
                      GBytes            *chunk,
                      PbReceiver        *self)
{
  PbRequest *request = get_request (msg);

  if (request == NULL || !request->accepted || request->rejected)
    return;

  if (request->body->len + g_bytes_get_size (chunk) > self->max_body_size)
    {
      reject_and_close (self, msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
      return;
    }

  g_byte_array_append (request->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
}

static void
request_ended_cb (SoupServerMessage *msg,
                  PbReceiver        *self)
{
  forget_request (self, msg);
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    PbReceiver        *self)
{
  PbRequest *request;

  request = g_new0 (PbRequest, 1);
  request->started_at = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (msg), REQUEST_DATA_KEY, request,
                          (GDestroyNotify)pb_request_free);

  g_hash_table_add (self->open_requests, g_object_ref (msg));

  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (request_got_chunk_cb), self, 0);
  g_signal_connect_object (msg, "got-body", G_CALLBACK (request_ended_cb), self, 0);
  g_signal_connect_object (msg, "finished", G_CALLBACK (request_ended_cb), self, 0);
  g_signal_connect_object (msg, "disconnected", G_CALLBACK (request_ended_cb), self, 0);
}

/* Closes connections whose request has not been read in full in time: a client
 * that connects and says nothing, or sends its headers and stalls, would
 * otherwise hold a connection (and its buffers) for as long as it likes. */
gboolean
pb_receiver_sweep_cb (gpointer user_data)
{
  PbReceiver *self = user_data;
  gint64 deadline = g_get_monotonic_time () - (gint64)self->request_timeout * G_USEC_PER_SEC;
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->open_requests);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      SoupServerMessage *msg = key;
      PbRequest *request = get_request (msg);
      GSocket *socket;

      if (request != NULL && request->started_at > deadline)
        continue;

      /* libsoup takes the end of the stream as the end of a header block, so
       * the request must not be served once its connection is shut. */
      if (request != NULL)
        request->rejected = TRUE;

      socket = soup_server_message_get_socket (msg);
      if (socket != NULL)
        {
          g_debug ("Closing a connection whose request did not arrive within %u s",
                   self->request_timeout);
          g_socket_shutdown (socket, TRUE, TRUE, NULL);
        }
      g_hash_table_iter_remove (&iter);
    }

  return G_SOURCE_CONTINUE;
}

/* Handlers ---------------------------------------------------------------- */

static gboolean
declares_too_much (PbReceiver        *self,
                   SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  return soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
         soup_message_headers_get_content_length (headers) > (goffset)self->max_body_size;
}

static void
accept_hook_request (PbReceiver        *self,
                     SoupServerMessage *msg,
                     char              *token)
{
  PbRequest *request = get_request (msg);

  g_assert (request != NULL);

  request->accepted = TRUE;
  request->token = token;
  request->body = g_byte_array_new ();

  /* The body is collected by request_got_chunk_cb, which enforces the limit as
   * it goes; libsoup's own copy would grow without one. */
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
}

static void
early_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  PbReceiver *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  PbRequest *request = get_request (msg);
  char *token = NULL;
  Route route;
  guint status;

  if (request == NULL || request->rejected)
    {
      set_answer (msg, SOUP_STATUS_REQUEST_TIMEOUT, NULL);
      return;
    }

  route = route_path (self, path, &token);

  if (route == ROUTE_HOOK && method == SOUP_METHOD_POST)
    {
      if (declares_too_much (self, msg))
        {
          g_free (token);
          reject_and_close (self, msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
          return;
        }
      accept_hook_request (self, msg, token);
      return;
    }

  g_free (token);
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);

  if (route == ROUTE_HOOK)
    status = SOUP_STATUS_METHOD_NOT_ALLOWED;
  else if (route == ROUTE_HEALTH && (method == SOUP_METHOD_GET || method == SOUP_METHOD_HEAD))
    status = SOUP_STATUS_OK;
  else
    status = SOUP_STATUS_NOT_FOUND;

  if (request_has_body (msg))
    {
      reject_and_close (self, msg, status);
      return;
    }

  set_answer (msg, status, status == SOUP_STATUS_OK ? "Patchbay receiver\n" : NULL);
  log_answer (msg, path, status, 0);
}

static const char * const interesting_headers[] = {
  "Content-Type",
  "Content-Length",
  "Content-Encoding",
  "Transfer-Encoding",
  "User-Agent",
  "Accept",
  "X-Forwarded-For",
  "X-Forwarded-Host",
  "X-Forwarded-Proto",
  "X-Real-IP",
  "X-Request-Id",
  "Via",
};

/* Only headers that help to understand a delivery are kept: credentials and
 * cookies a proxy might add must never reach the database. */
static char *
build_headers_json (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (gsize i = 0; i < G_N_ELEMENTS (interesting_headers); i++)
    {
      const char *value = soup_message_headers_get_list (headers, interesting_headers[i]);
      g_autofree char *valid = NULL;

      if (value == NULL)
        continue;

      valid = g_utf8_make_valid (value, MIN (strlen (value), HEADER_VALUE_MAX));
      json_builder_set_member_name (builder, interesting_headers[i]);
      json_builder_add_string_value (builder, valid);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
json_too_deep (GBytes *body)
{
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return TRUE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return FALSE;
}

static void
delivery_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PbPendingStore *pending = user_data;
  PbReceiver *self = pending->self;
  g_autoptr(GError) error = NULL;
  guint status;

  if (!pb_store_add_delivery_finish (PB_STORE (object), result, &error))
    {
      g_warning ("A delivery could not be saved, answered 503 so that it is sent again: %s",
                 error->message);
      status = SOUP_STATUS_SERVICE_UNAVAILABLE;
      soup_message_headers_replace (soup_server_message_get_response_headers (pending->msg),
                                    "Retry-After", "30");
    }
  else
    status = pb_delivery_get_status_code (pending->delivery);

  if (status == SOUP_STATUS_BAD_REQUEST)
    set_answer (pending->msg, status, pb_delivery_get_problem (pending->delivery));
  else
    set_answer (pending->msg, status, NULL);
  log_answer (pending->msg, pending->log_path, status,
              g_bytes_get_size (pb_delivery_get_body (pending->delivery)));
  soup_server_message_unpause (pending->msg);

  if (error == NULL)
    pb_receiver_take_delivery (self, pending->delivery);

  pb_pending_store_free (pending);
}

static PbDelivery *
build_delivery (PbReceiver        *self,
                SoupServerMessage *msg,
                PbRequest         *request,
                GBytes            *body)
{
  g_autofree char *headers_json = build_headers_json (msg);
  g_autoptr(PbDelivery) delivery = NULL;

  delivery = pb_delivery_new (request->token, body, headers_json, g_get_real_time ());

  if (pb_delivery_get_event (delivery) == NULL)
    {
      g_autofree char *event = pb_store_dup_token_event (self->store, request->token);

      if (event != NULL)
        pb_delivery_set_event (delivery, event);
    }

  pb_delivery_set_status_code (delivery, pb_delivery_get_valid (delivery)
                                           ? SOUP_STATUS_OK : SOUP_STATUS_BAD_REQUEST);

  return g_steal_pointer (&delivery);
}

/* Runs once the whole body is in. The answer waits for the store: a delivery
 * answered 200 is already committed, so Current RMS never drops one that
 * Patchbay lost. */
static void
server_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  PbReceiver *self = user_data;
  PbRequest *request = get_request (msg);
  g_autoptr(GBytes) body = NULL;
  PbPendingStore *pending;

  if (request == NULL || !request->accepted || request->rejected)
    {
      set_answer (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  forget_request (self, msg);
  body = g_byte_array_free_to_bytes (g_steal_pointer (&request->body));

  if (json_too_deep (body))
    {
      set_answer (msg, SOUP_STATUS_BAD_REQUEST, _("The JSON is nested too deeply to be read."));
      log_answer (msg, path, SOUP_STATUS_BAD_REQUEST, g_bytes_get_size (body));
      return;
    }

  pending = g_new0 (PbPendingStore, 1);
  pending->self = g_object_ref (self);
  pending->server = g_object_ref (server);
  pending->msg = g_object_ref (msg);
  pending->delivery = build_delivery (self, msg, request, body);
  pending->log_path = g_strdup (path);

  soup_server_message_pause (msg);
  pb_store_add_delivery_async (self->store, pending->delivery, NULL,
                               delivery_stored_cb, pending);
}


/**
 * pb_receiver_connect_server:
 * @self: a receiver
 * @server: the server it is about to listen with
 *
 * Routes every request @server reads through @self.
 */
void
pb_receiver_connect_server (PbReceiver *self,
                            SoupServer *server)
{
  soup_server_add_early_handler (server, NULL, early_handler, self, NULL);
  soup_server_add_handler (server, NULL, server_handler, self, NULL);
  g_signal_connect (server, "request-started", G_CALLBACK (request_started_cb), self);
}

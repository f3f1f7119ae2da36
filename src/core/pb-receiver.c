/* pb-receiver.c: the embedded HTTP server that takes deliveries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-receiver"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pb-error.h"
#include "pb-receiver.h"

#define HOOKS_PATH "/hooks"
#define TOKEN_MIN_LENGTH 16
#define TOKEN_MAX_LENGTH 128
#define REQUEST_DATA_KEY "pb-receiver-request"
#define HEADER_VALUE_MAX 512
#define LINGER_MS 2000
#define LISTEN_BACKLOG 256

/* json-glib parses recursively; a body of a few hundred kilobytes of "[" would
 * exhaust the stack, so deeper bodies are refused before anything parses them. */
#define MAX_JSON_DEPTH 512

struct _PbReceiver
{
  GObject       parent_instance;

  PbStore      *store;
  char         *address;
  guint         port;
  gsize         max_body_size;
  char         *public_url;
  guint         request_timeout;

  /* Set while listening */
  SoupServer   *server;
  GMainContext *context;
  GSource      *sweep_source;
  GHashTable   *open_requests;   /* SoupServerMessage → itself, ref held */
  guint         bound_port;
  gboolean      port_fell_back;

  guint64       received_count;
};

G_DEFINE_FINAL_TYPE (PbReceiver, pb_receiver, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ADDRESS,
  PROP_PORT,
  PROP_MAX_BODY_SIZE,
  PROP_PUBLIC_URL,
  PROP_REQUEST_TIMEOUT,
  PROP_LISTENING,
  PROP_BOUND_PORT,
  PROP_PORT_FELL_BACK,
  PROP_RECEIVED_COUNT,
  N_PROPS
};

enum {
  DELIVERY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

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
static gboolean
sweep_cb (gpointer user_data)
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
    {
      self->received_count++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIVED_COUNT]);
      g_signal_emit (self, signals[DELIVERY], 0, pending->delivery);
    }

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

/* GObject ------------------------------------------------------------------ */

static void
pb_receiver_dispose (GObject *object)
{
  PbReceiver *self = (PbReceiver *)object;

  pb_receiver_stop (self);

  G_OBJECT_CLASS (pb_receiver_parent_class)->dispose (object);
}

static void
pb_receiver_finalize (GObject *object)
{
  PbReceiver *self = (PbReceiver *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->public_url, g_free);

  G_OBJECT_CLASS (pb_receiver_parent_class)->finalize (object);
}

static void
pb_receiver_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PbReceiver *self = PB_RECEIVER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;

    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;

    case PROP_MAX_BODY_SIZE:
      g_value_set_uint64 (value, self->max_body_size);
      break;

    case PROP_PUBLIC_URL:
      g_value_set_string (value, self->public_url);
      break;

    case PROP_REQUEST_TIMEOUT:
      g_value_set_uint (value, self->request_timeout);
      break;

    case PROP_LISTENING:
      g_value_set_boolean (value, pb_receiver_get_listening (self));
      break;

    case PROP_BOUND_PORT:
      g_value_set_uint (value, self->bound_port);
      break;

    case PROP_PORT_FELL_BACK:
      g_value_set_boolean (value, self->port_fell_back);
      break;

    case PROP_RECEIVED_COUNT:
      g_value_set_uint64 (value, self->received_count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_receiver_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PbReceiver *self = PB_RECEIVER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_ADDRESS:
      pb_receiver_set_address (self, g_value_get_string (value));
      break;

    case PROP_PORT:
      pb_receiver_set_port (self, g_value_get_uint (value));
      break;

    case PROP_MAX_BODY_SIZE:
      pb_receiver_set_max_body_size (self, g_value_get_uint64 (value));
      break;

    case PROP_PUBLIC_URL:
      pb_receiver_set_public_url (self, g_value_get_string (value));
      break;

    case PROP_REQUEST_TIMEOUT:
      pb_receiver_set_request_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_receiver_class_init (PbReceiverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = pb_receiver_dispose;
  object_class->finalize = pb_receiver_finalize;
  object_class->get_property = pb_receiver_get_property;
  object_class->set_property = pb_receiver_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, PB_RECEIVER_DEFAULT_ADDRESS, rw);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, 65535, PB_RECEIVER_DEFAULT_PORT, rw);
  properties[PROP_MAX_BODY_SIZE] =
    g_param_spec_uint64 ("max-body-size", NULL, NULL, 1, G_MAXSIZE,
                         PB_RECEIVER_DEFAULT_MAX_BODY, rw);
  properties[PROP_PUBLIC_URL] =
    g_param_spec_string ("public-url", NULL, NULL, NULL, rw);
  properties[PROP_REQUEST_TIMEOUT] =
    g_param_spec_uint ("request-timeout", NULL, NULL, 1, 3600,
                       PB_RECEIVER_DEFAULT_REQUEST_TIMEOUT, rw);
  properties[PROP_LISTENING] =
    g_param_spec_boolean ("listening", NULL, NULL, FALSE, ro);
  properties[PROP_BOUND_PORT] =
    g_param_spec_uint ("bound-port", NULL, NULL, 0, 65535, 0, ro);
  properties[PROP_PORT_FELL_BACK] =
    g_param_spec_boolean ("port-fell-back", NULL, NULL, FALSE, ro);
  properties[PROP_RECEIVED_COUNT] =
    g_param_spec_uint64 ("received-count", NULL, NULL, 0, G_MAXUINT64, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DELIVERY] =
    g_signal_new ("delivery",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PB_TYPE_DELIVERY);
}

static void
pb_receiver_init (PbReceiver *self)
{
  self->address = g_strdup (PB_RECEIVER_DEFAULT_ADDRESS);
  self->port = PB_RECEIVER_DEFAULT_PORT;
  self->max_body_size = PB_RECEIVER_DEFAULT_MAX_BODY;
  self->request_timeout = PB_RECEIVER_DEFAULT_REQUEST_TIMEOUT;
}

/* Public API ---------------------------------------------------------------- */

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/**
 * pb_receiver_new:
 * @store: where deliveries are committed
 *
 * Returns: (transfer full): a receiver that is not listening yet
 */
PbReceiver *
pb_receiver_new (PbStore *store)
{
  g_return_val_if_fail (PB_IS_STORE (store), NULL);

  return g_object_new (PB_TYPE_RECEIVER, "store", store, NULL);
}

/**
 * pb_receiver_get_store:
 * @self: a receiver
 *
 * Returns: (transfer none): the store deliveries go to
 */
PbStore *
pb_receiver_get_store (PbReceiver *self)
{
  g_return_val_if_fail (PB_IS_RECEIVER (self), NULL);

  return self->store;
}

const char *
pb_receiver_get_address (PbReceiver *self)
{
  g_return_val_if_fail (PB_IS_RECEIVER (self), NULL);

  return self->address;
}

/**
 * pb_receiver_set_address:
 * @self: a receiver
 * @address: (nullable): an IP address to listen on; %NULL for the default
 *
 * Takes effect at the next start.
 */
void
pb_receiver_set_address (PbReceiver *self,
                         const char *address)
{
  g_return_if_fail (PB_IS_RECEIVER (self));

  if (address == NULL || *address == '\0')
    address = PB_RECEIVER_DEFAULT_ADDRESS;

  if (replace_string (&self->address, address))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS]);
}

guint
pb_receiver_get_port (PbReceiver *self)
{
  g_return_val_if_fail (PB_IS_RECEIVER (self), 0);

  return self->port;
}

/**
 * pb_receiver_set_port:
 * @self: a receiver
 * @port: the preferred port, or 0 for any free one
 *
 * Takes effect at the next start.
 */
void
pb_receiver_set_port (PbReceiver *self,
                      guint       port)
{
  g_return_if_fail (PB_IS_RECEIVER (self));
  g_return_if_fail (port <= 65535);

  if (self->port == port)
    return;

  self->port = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

gsize
pb_receiver_get_max_body_size (PbReceiver *self)
{
  g_return_val_if_fail (PB_IS_RECEIVER (self), 0);

  return self->max_body_size;
}

/**
 * pb_receiver_set_max_body_size:
 * @self: a receiver
 * @max_body_size: the largest body accepted, in bytes
 *
 * Larger deliveries are answered 413.
 */
void
pb_receiver_set_max_body_size (PbReceiver *self,
                               gsize       max_body_size)
{
  g_return_if_fail (PB_IS_RECEIVER (self));
  g_return_if_fail (max_body_size > 0);

  if (self->max_body_size == max_body_size)
    return;

  self->max_body_size = max_body_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BODY_SIZE]);
}

/**
 * pb_receiver_get_public_url:
 * @self: a receiver
 *
 * Returns: (nullable): the base URL Current RMS reaches, if one is set
 */
const char *
pb_receiver_get_public_url (PbReceiver *self)
{
  g_return_val_if_fail (PB_IS_RECEIVER (self), NULL);

  return self->public_url;
}

/**
 * pb_receiver_set_public_url:
 * @self: a receiver
 * @public_url: (nullable): the base URL of a tunnel or reachable host, or
 *   %NULL to use the local address
 */
void
pb_receiver_set_public_url (PbReceiver *self,
                            const char *public_url)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (PB_IS_RECEIVER (self));

  if (public_url != NULL)
    {
      stripped = g_strstrip (g_strdup (public_url));
      if (*stripped == '\0')
        g_clear_pointer (&stripped, g_free);
    }

  if (replace_string (&self->public_url, stripped))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLIC_URL]);
}

guint
pb_receiver_get_request_timeout (PbReceiver *self)
{
  g_return_val_if_fail (PB_IS_RECEIVER (self), 0);

  return self->request_timeout;
}

/**
 * pb_receiver_set_request_timeout:
 * @self: a receiver
 * @seconds: how long a connection may take to send a complete request
 *
 * Takes effect at the next start.
 */
void
pb_receiver_set_request_timeout (PbReceiver *self,
                                 guint       seconds)
{
  g_return_if_fail (PB_IS_RECEIVER (self));
  g_return_if_fail (seconds > 0);

  if (self->request_timeout == seconds)
    return;

  self->request_timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST_TIMEOUT]);
}

/* The socket is made here rather than by libsoup for its backlog: GSocket's
 * default of 10 pending connections makes a burst of simultaneous deliveries
 * overflow the accept queue, and the kernel then resets connections. */
static gboolean
listen_on (SoupServer    *server,
           GInetAddress  *address,
           guint          port,
           GError       **error)
{
  g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (address, port);
  g_autoptr(GSocket) socket = NULL;

  socket = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;

  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, socket_address, TRUE, error) ||
      !g_socket_listen (socket, error))
    return FALSE;

  return soup_server_listen_socket (server, socket, 0, error);
}

static guint
find_bound_port (SoupServer *server)
{
  GSList *listeners = soup_server_get_listeners (server);
  g_autoptr(GSocketAddress) local = NULL;
  guint port = 0;

  if (listeners != NULL)
    local = g_socket_get_local_address (listeners->data, NULL);
  if (G_IS_INET_SOCKET_ADDRESS (local))
    port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));

  g_slist_free (listeners);
  return port;
}

static SoupServer *
create_server (PbReceiver *self)
{
  g_autofree char *server_header = g_strdup_printf ("Patchbay/%s", PACKAGE_VERSION);
  SoupServer *server;

  /* Raw paths: the receiver checks the token itself, so an encoded or dotted
   * path is simply not a hook (404) rather than something to normalize. */
  server = soup_server_new ("raw-paths", TRUE, "server-header", server_header, NULL);
  soup_server_add_early_handler (server, NULL, early_handler, self, NULL);
  soup_server_add_handler (server, NULL, server_handler, self, NULL);
  g_signal_connect (server, "request-started", G_CALLBACK (request_started_cb), self);

  return server;
}

static gboolean
bind_server (PbReceiver  *self,
             SoupServer  *server,
             gboolean    *fell_back,
             GError     **error)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (self->address);
  g_autoptr(GError) local_error = NULL;

  *fell_back = FALSE;

  if (address == NULL)
    {
      g_set_error (error, PB_ERROR, PB_ERROR_INVALID_INPUT,
                   _("The receiver address “%s” is not an IP address."), self->address);
      return FALSE;
    }

  if (listen_on (server, address, self->port, &local_error))
    return TRUE;

  if (self->port != 0 &&
      (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE) ||
       g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED)))
    {
      g_debug ("Port %u is not available, listening on a free port instead", self->port);
      g_clear_error (&local_error);
      *fell_back = TRUE;
      if (listen_on (server, address, 0, &local_error))
        return TRUE;
    }

  g_set_error (error, PB_ERROR, PB_ERROR_NETWORK,
               _("The receiver could not listen on %s: %s"),
               self->address, local_error->message);
  return FALSE;
}

/**
 * pb_receiver_start:
 * @self: a receiver
 * @error: return location for an error
 *
 * Starts listening in the thread-default main context. When the preferred
 * port is taken, a free port is used instead and "port-fell-back" is set.
 * Starting a receiver that is already listening does nothing.
 *
 * Returns: %TRUE when listening
 */
gboolean
pb_receiver_start (PbReceiver  *self,
                   GError     **error)
{
  g_autoptr(SoupServer) server = NULL;
  gboolean fell_back;
  guint interval_ms;

  g_return_val_if_fail (PB_IS_RECEIVER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->server != NULL)
    return TRUE;

  self->open_requests = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->context = g_main_context_ref_thread_default ();

  server = create_server (self);
  if (!bind_server (self, server, &fell_back, error))
    {
      g_signal_handlers_disconnect_by_data (server, self);
      g_clear_pointer (&self->open_requests, g_hash_table_unref);
      g_clear_pointer (&self->context, g_main_context_unref);
      return FALSE;
    }

  self->server = g_steal_pointer (&server);
  self->bound_port = find_bound_port (self->server);

  interval_ms = CLAMP (self->request_timeout * 1000 / 4, 100, 5000);
  self->sweep_source = g_timeout_source_new (interval_ms);
  g_source_set_callback (self->sweep_source, sweep_cb, self, NULL);
  g_source_attach (self->sweep_source, self->context);

  g_debug ("Listening on %s port %u", self->address, self->bound_port);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LISTENING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOUND_PORT]);
  if (self->port_fell_back != fell_back)
    {
      self->port_fell_back = fell_back;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT_FELL_BACK]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

/**
 * pb_receiver_stop:
 * @self: a receiver
 *
 * Closes the listening socket and every open connection. Deliveries already on
 * their way to the store are still committed.
 */
void
pb_receiver_stop (PbReceiver *self)
{
  g_autoptr(SoupServer) server = NULL;

  g_return_if_fail (PB_IS_RECEIVER (self));

  if (self->server == NULL)
    return;

  server = g_steal_pointer (&self->server);
  g_signal_handlers_disconnect_by_data (server, self);
  soup_server_disconnect (server);

  if (self->sweep_source != NULL)
    g_source_destroy (self->sweep_source);
  g_clear_pointer (&self->sweep_source, g_source_unref);
  g_clear_pointer (&self->open_requests, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  g_debug ("Stopped listening on port %u", self->bound_port);
  self->bound_port = 0;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LISTENING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOUND_PORT]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
pb_receiver_get_listening (PbReceiver *self)
{
  g_return_val_if_fail (PB_IS_RECEIVER (self), FALSE);

  return self->server != NULL;
}

/**
 * pb_receiver_get_bound_port:
 * @self: a receiver
 *
 * Returns: the port actually listened on, or 0 when not listening
 */
guint
pb_receiver_get_bound_port (PbReceiver *self)
{
  g_return_val_if_fail (PB_IS_RECEIVER (self), 0);

  return self->bound_port;
}

/**
 * pb_receiver_get_port_fell_back:
 * @self: a receiver
 *
 * Returns: whether the last start found the preferred port taken and
 *   listened on another one
 */
gboolean
pb_receiver_get_port_fell_back (PbReceiver *self)
{
  g_return_val_if_fail (PB_IS_RECEIVER (self), FALSE);

  return self->port_fell_back;
}

static char *
dup_local_host (PbReceiver *self)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (self->address);

  if (address == NULL || g_inet_address_get_is_any (address))
    return g_strdup ("127.0.0.1");
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("[%s]", self->address);

  return g_strdup (self->address);
}

/**
 * pb_receiver_dup_local_base:
 * @self: a receiver
 *
 * Returns: (transfer full): the local URL that hook tokens are appended to,
 *   such as "http://127.0.0.1:8787/hooks/"
 */
char *
pb_receiver_dup_local_base (PbReceiver *self)
{
  g_autofree char *host = NULL;
  guint port;

  g_return_val_if_fail (PB_IS_RECEIVER (self), NULL);

  host = dup_local_host (self);
  port = self->bound_port != 0 ? self->bound_port : self->port;

  return g_strdup_printf ("http://%s:%u" HOOKS_PATH "/", host, port);
}

/**
 * pb_receiver_dup_url:
 * @self: a receiver
 * @token: a hook token
 *
 * The URL to give Current RMS as a webhook's target: under the public URL
 * when one is set, else the local one.
 *
 * Returns: (transfer full): the URL of the hook
 */
char *
pb_receiver_dup_url (PbReceiver *self,
                     const char *token)
{
  g_autofree char *local_base = NULL;
  g_autofree char *base = NULL;
  gsize length;

  g_return_val_if_fail (PB_IS_RECEIVER (self), NULL);
  g_return_val_if_fail (token != NULL, NULL);

  if (self->public_url == NULL)
    {
      local_base = pb_receiver_dup_local_base (self);
      return g_strconcat (local_base, token, NULL);
    }

  base = g_strdup (self->public_url);
  length = strlen (base);
  while (length > 0 && base[length - 1] == '/')
    base[--length] = '\0';

  if (g_str_has_suffix (base, HOOKS_PATH))
    return g_strconcat (base, "/", token, NULL);

  return g_strconcat (base, HOOKS_PATH "/", token, NULL);
}

/**
 * pb_receiver_get_received_count:
 * @self: a receiver
 *
 * Returns: how many deliveries were committed since the receiver was created
 */
guint64
pb_receiver_get_received_count (PbReceiver *self)
{
  g_return_val_if_fail (PB_IS_RECEIVER (self), 0);

  return self->received_count;
}

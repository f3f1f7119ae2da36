/* pb-client.c: the Current RMS webhook API over libsoup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-client"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-account.h"
#include "pb-client.h"
#include "pb-client-private.h"
#include "pb-error.h"

#define SESSION_TIMEOUT_SECONDS 30
#define MAX_BODY_SIZE           (16 * 1024 * 1024)
#define READ_CHUNK_SIZE         (64 * 1024)

#define DEFAULT_MAX_ATTEMPTS    4
#define DEFAULT_BASE_DELAY_MS   500
#define DEFAULT_MAX_DELAY_MS    8000

struct _PbClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *api_base;
  char        *subdomain;
  char        *api_key;

  guint        max_attempts;
  guint        base_delay_ms;
  guint        max_delay_ms;
};

G_DEFINE_FINAL_TYPE (PbClient, pb_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_API_BASE,
  PROP_SUBDOMAIN,
  PROP_API_KEY,
  N_PROPS
};

enum {
  SIGNAL_RETRYING,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* One API call, possibly over several attempts. */
typedef struct
{
  char         *method;
  char         *path;
  GBytes       *body;
  guint         attempt;
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *buffer;
  GSource      *delay_source;
  GSource      *cancel_source;
} Request;

static void
clear_wait_sources (Request *request)
{
  if (request->delay_source != NULL)
    g_source_destroy (request->delay_source);
  if (request->cancel_source != NULL)
    g_source_destroy (request->cancel_source);
  g_clear_pointer (&request->delay_source, g_source_unref);
  g_clear_pointer (&request->cancel_source, g_source_unref);
}

static void
request_free (Request *request)
{
  clear_wait_sources (request);
  g_clear_object (&request->message);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->buffer, g_byte_array_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->method);
  g_free (request->path);
  g_free (request);
}

static void
pb_client_finalize (GObject *object)
{
  PbClient *self = (PbClient *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->api_base, g_free);
  g_clear_pointer (&self->subdomain, g_free);
  g_clear_pointer (&self->api_key, g_free);

  G_OBJECT_CLASS (pb_client_parent_class)->finalize (object);
}

static void
pb_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PbClient *self = PB_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_API_BASE:
      g_value_set_string (value, self->api_base);
      break;

    case PROP_SUBDOMAIN:
      g_value_set_string (value, self->subdomain);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PbClient *self = PB_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_API_BASE:
      pb_client_set_api_base (self, g_value_get_string (value));
      break;

    case PROP_SUBDOMAIN:
      self->subdomain = g_value_dup_string (value);
      break;

    case PROP_API_KEY:
      self->api_key = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_client_constructed (GObject *object)
{
  PbClient *self = PB_CLIENT (object);

  G_OBJECT_CLASS (pb_client_parent_class)->constructed (object);

  if (self->session == NULL)
    self->session = pb_client_session_new ();
  if (self->api_base == NULL)
    self->api_base = g_strdup (PB_DEFAULT_API_BASE);
  if (self->subdomain == NULL)
    self->subdomain = g_strdup ("");
  if (self->api_key == NULL)
    self->api_key = g_strdup ("");
}

static void
pb_client_class_init (PbClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pb_client_constructed;
  object_class->finalize = pb_client_finalize;
  object_class->get_property = pb_client_get_property;
  object_class->set_property = pb_client_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_API_BASE] =
    g_param_spec_string ("api-base", NULL, NULL, PB_DEFAULT_API_BASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SUBDOMAIN] =
    g_param_spec_string ("subdomain", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* Write-only, so that nothing can read the key back out of the object. */
  properties[PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL, NULL,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PbClient::retrying:
   * @method: the HTTP method
   * @path: the request path below the API base
   * @attempt: the attempt that failed, counting from 1
   * @delay_ms: how long the client waits before the next attempt
   *
   * A request failed in a way worth trying again, and will be.
   */
  signals[SIGNAL_RETRYING] =
    g_signal_new ("retrying", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 4,
                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_UINT);
}

static void
pb_client_init (PbClient *self)
{
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
  self->base_delay_ms = DEFAULT_BASE_DELAY_MS;
  self->max_delay_ms = DEFAULT_MAX_DELAY_MS;
}

/**
 * pb_client_new:
 * @session: (nullable): the session to send requests with, or %NULL for a
 *   new one from pb_client_session_new()
 * @api_base: (nullable): the API base URL, or %NULL for %PB_DEFAULT_API_BASE
 * @subdomain: the account's subdomain, such as "acme"
 * @api_key: the account's API key
 *
 * Returns: (transfer full): a new #PbClient
 */
PbClient *
pb_client_new (SoupSession *session,
               const char  *api_base,
               const char  *subdomain,
               const char  *api_key)
{
  g_return_val_if_fail (session == NULL || SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (subdomain != NULL, NULL);
  g_return_val_if_fail (api_key != NULL, NULL);

  return g_object_new (PB_TYPE_CLIENT,
                       "session", session,
                       "api-base", api_base,
                       "subdomain", subdomain,
                       "api-key", api_key,
                       NULL);
}

/**
 * pb_client_session_new:
 *
 * Returns: (transfer full): a #SoupSession with Patchbay's user agent and a
 *   30-second timeout
 */
SoupSession *
pb_client_session_new (void)
{
  return soup_session_new_with_options ("timeout", SESSION_TIMEOUT_SECONDS,
                                        "user-agent", "Patchbay/" PACKAGE_VERSION,
                                        NULL);
}

/**
 * pb_client_get_session:
 * @self: a #PbClient
 *
 * Returns: (transfer none): the session requests go through
 */
SoupSession *
pb_client_get_session (PbClient *self)
{
  g_return_val_if_fail (PB_IS_CLIENT (self), NULL);

  return self->session;
}

const char *
pb_client_get_api_base (PbClient *self)
{
  g_return_val_if_fail (PB_IS_CLIENT (self), NULL);

  return self->api_base;
}

/**
 * pb_client_set_api_base:
 * @self: a #PbClient
 * @api_base: (nullable): the API base URL, with or without a trailing slash;
 *   %NULL restores %PB_DEFAULT_API_BASE
 */
void
pb_client_set_api_base (PbClient   *self,
                        const char *api_base)
{
  g_autofree char *normalized = NULL;
  gsize len;

  g_return_if_fail (PB_IS_CLIENT (self));

  normalized = g_strstrip (g_strdup (api_base ? api_base : PB_DEFAULT_API_BASE));
  len = strlen (normalized);
  while (len > 0 && normalized[len - 1] == '/')
    normalized[--len] = '\0';
  if (len == 0)
    {
      g_free (normalized);
      normalized = g_strdup (PB_DEFAULT_API_BASE);
    }

  if (g_strcmp0 (self->api_base, normalized) == 0)
    return;

  g_free (self->api_base);
  self->api_base = g_steal_pointer (&normalized);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_BASE]);
}

const char *
pb_client_get_subdomain (PbClient *self)
{
  g_return_val_if_fail (PB_IS_CLIENT (self), NULL);

  return self->subdomain;
}

/**
 * pb_client_set_retry_policy:
 * @self: a #PbClient
 * @max_attempts: attempts per request, at least 1
 * @base_delay_ms: the wait after the first failure; it doubles each time
 * @max_delay_ms: the longest wait, Retry-After included
 */
void
pb_client_set_retry_policy (PbClient *self,
                            guint     max_attempts,
                            guint     base_delay_ms,
                            guint     max_delay_ms)
{
  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (max_attempts >= 1);

  self->max_attempts = max_attempts;
  self->base_delay_ms = base_delay_ms;
  self->max_delay_ms = MAX (max_delay_ms, base_delay_ms);
}

/* Sending, reading and retrying one request */

static void request_attempt (GTask *task);

static gboolean
is_idempotent (const char *method)
{
  return !g_str_equal (method, SOUP_METHOD_POST);
}

/* A POST may already have created the webhook when the connection broke, so
 * only a 429 (refused before any work was done) is safe to send again. */
static gboolean
is_retryable (Request      *request,
              const GError *error)
{
  if (error->domain != PB_ERROR)
    return FALSE;

  if (!is_idempotent (request->method))
    return error->code == PB_ERROR_RATE_LIMITED;

  return error->code == PB_ERROR_NETWORK || error->code == PB_ERROR_TIMEOUT ||
         error->code == PB_ERROR_RATE_LIMITED || error->code == PB_ERROR_SERVER;
}

static guint
retry_delay_ms (PbClient     *self,
                guint         attempt,
                const GError *error)
{
  guint retry_after = pb_error_get_retry_after (error);
  guint64 delay;

  if (retry_after > 0)
    delay = (guint64)retry_after * 1000;
  else
    delay = (guint64)self->base_delay_ms << MIN (attempt - 1, 20);

  return (guint)MIN (delay, (guint64)self->max_delay_ms);
}

static gboolean
on_wait_over (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  /* The source being dispatched keeps its reference on the task until this
   * returns, so destroying both sources here is safe. */
  clear_wait_sources (request);
  if (!g_task_return_error_if_cancelled (task))
    request_attempt (task);

  return G_SOURCE_REMOVE;
}

static gboolean
on_wait_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  return on_wait_over (user_data);
}

static void
schedule_retry (GTask *task,
                guint  delay_ms)
{
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  request->delay_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (request->delay_source, on_wait_over, g_object_ref (task),
                         g_object_unref);
  g_source_attach (request->delay_source, g_task_get_context (task));

  if (cancellable != NULL)
    {
      request->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (request->cancel_source, G_SOURCE_FUNC (on_wait_cancelled),
                             g_object_ref (task), g_object_unref);
      g_source_attach (request->cancel_source, g_task_get_context (task));
    }
}

static void
request_fail (GTask  *task,
              GError *error)
{
  PbClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  guint delay;

  g_clear_object (&request->stream);
  g_clear_pointer (&request->buffer, g_byte_array_unref);

  if (request->attempt >= self->max_attempts || !is_retryable (request, error) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_task_return_error (task, error);
      return;
    }

  delay = retry_delay_ms (self, request->attempt, error);
  g_debug ("%s %s: attempt %u failed (%s), retrying in %u ms",
           request->method, request->path, request->attempt,
           g_quark_to_string (error->domain), delay);
  g_signal_emit (self, signals[SIGNAL_RETRYING], 0,
                 request->method, request->path, request->attempt, delay);
  g_error_free (error);

  schedule_retry (task, delay);
}

static void
request_complete (GTask *task)
{
  PbClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  guint status = soup_message_get_status (request->message);
  g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&request->buffer));
  g_autoptr(GError) error = NULL;
  JsonNode *root = NULL;

  g_clear_object (&request->stream);
  g_debug ("%s %s → %u", request->method, request->path, status);

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      request_fail (task, pb_client_error_for_status (self->subdomain, request->path,
                                                      request->message, body));
      return;
    }

  if (g_bytes_get_size (body) > 0)
    {
      if (!pb_client_is_json_content_type (request->message))
        {
          request_fail (task, pb_client_error_for_content (request->message, NULL));
          return;
        }
      root = pb_client_parse_json (body, &error);
      if (root == NULL)
        {
          request_fail (task, pb_client_error_for_content (request->message, error));
          return;
        }
    }

  g_task_return_pointer (task, root, root ? (GDestroyNotify)json_node_unref : NULL);
}

static GError *
error_too_large (void)
{
  return pb_error_new_http (PB_ERROR_BAD_RESPONSE, 0, 0, NULL,
                            _("Current RMS sent an answer larger than %u MiB; Patchbay "
                              "stopped reading it. Check the API address."),
                            MAX_BODY_SIZE / (1024 * 1024));
}

static void read_next_chunk (GTask *task);

static void
on_chunk_read (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      request_fail (task, pb_client_error_for_transport (self->api_base, error));
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      request_complete (task);
      return;
    }

  if (request->buffer->len + g_bytes_get_size (chunk) > MAX_BODY_SIZE)
    {
      request_fail (task, error_too_large ());
      return;
    }

  g_byte_array_append (request->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_next_chunk (g_steal_pointer (&task));
}

static void
read_next_chunk (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (request->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_chunk_read, task);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  PbClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (request->stream == NULL)
    {
      g_debug ("%s %s: no answer", request->method, request->path);
      request_fail (task, pb_client_error_for_transport (self->api_base, error));
      g_object_unref (task);
      return;
    }

  headers = soup_message_get_response_headers (request->message);
  if (soup_message_headers_get_content_length (headers) > MAX_BODY_SIZE)
    {
      request_fail (task, error_too_large ());
      g_object_unref (task);
      return;
    }

  request->buffer = g_byte_array_new ();
  read_next_chunk (task);
}

static void
request_attempt (GTask *task)
{
  PbClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autofree char *url = g_strconcat (self->api_base, request->path, NULL);
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  SoupMessageHeaders *headers;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      g_task_return_new_error (task, PB_ERROR, PB_ERROR_INVALID_INPUT,
                               _("The API address “%s” is not a valid URL."), self->api_base);
      return;
    }

  request->attempt++;
  g_clear_object (&request->message);
  request->message = soup_message_new_from_uri (request->method, uri);

  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "X-SUBDOMAIN", self->subdomain);
  soup_message_headers_replace (headers, "X-AUTH-TOKEN", self->api_key);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (request->message, "application/json",
                                              request->body);

  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), on_sent, g_object_ref (task));
}

/**
 * pb_client_send_async:
 * @self: a #PbClient
 * @method: the HTTP method
 * @path: the path below the API base, with its query
 * @body: (nullable): the JSON to send
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Sends one request, with the retries the method allows.
 */
void
pb_client_send_async (PbClient            *self,
                      const char          *method,
                      const char          *path,
                      JsonNode            *body,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_client_send_async);

  request = g_new0 (Request, 1);
  request->method = g_strdup (method);
  request->path = g_strdup (path);
  if (body != NULL)
    {
      gsize len;
      char *data = json_to_string (body, FALSE);

      len = strlen (data);
      request->body = g_bytes_new_take (data, len);
    }
  g_task_set_task_data (task, request, (GDestroyNotify)request_free);

  request_attempt (task);
}

/**
 * pb_client_send_finish:
 * @self: a #PbClient
 * @result: the #GAsyncResult
 * @root: (out) (transfer full) (nullable): the parsed answer, %NULL when it
 *   had no body
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the request succeeded
 */
gboolean
pb_client_send_finish (PbClient      *self,
                       GAsyncResult  *result,
                       JsonNode     **root,
                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;

  g_assert (g_task_is_valid (result, self));

  node = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *root = node;
  return TRUE;
}

/* Single webhooks */

static void
on_webhook_answered (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbWebhook *fallback = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  PbWebhook *webhook;

  if (!pb_client_send_finish (PB_CLIENT (object), result, &root, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* An update may be answered with no body, or "{}"; the values sent stand. */
  if (fallback != NULL &&
      (root == NULL ||
       (JSON_NODE_HOLDS_OBJECT (root) && json_object_get_size (json_node_get_object (root)) == 0)))
    {
      g_task_return_pointer (task, pb_webhook_copy (fallback), g_object_unref);
      return;
    }

  webhook = pb_webhook_new_from_json (root, &error);
  if (webhook == NULL)
    g_task_return_error (task, pb_client_error_bad_shape (error->message));
  else
    g_task_return_pointer (task, webhook, g_object_unref);
}

static void
send_for_webhook (PbClient            *self,
                  gpointer             source_tag,
                  const char          *method,
                  const char          *path,
                  JsonNode            *body,
                  PbWebhook           *fallback,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  if (fallback != NULL)
    g_task_set_task_data (task, pb_webhook_copy (fallback), g_object_unref);

  pb_client_send_async (self, method, path, body, cancellable, on_webhook_answered, task);
}

static PbWebhook *
finish_webhook (PbClient      *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (PB_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * pb_client_get_webhook_async:
 * @self: a #PbClient
 * @webhook_id: the id of the webhook
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the webhook
 * @user_data: data for @callback
 */
void
pb_client_get_webhook_async (PbClient            *self,
                             gint64               webhook_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (webhook_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = g_strdup_printf ("/webhooks/%" G_GINT64_FORMAT, webhook_id);
  send_for_webhook (self, pb_client_get_webhook_async, SOUP_METHOD_GET, path, NULL, NULL,
                    cancellable, callback, user_data);
}

/**
 * pb_client_get_webhook_finish:
 * @self: a #PbClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the webhook as Current RMS has it
 */
PbWebhook *
pb_client_get_webhook_finish (PbClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_webhook (self, result, pb_client_get_webhook_async, error);
}

/**
 * pb_client_create_webhook_async:
 * @self: a #PbClient
 * @webhook: the webhook to create; its id is ignored
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the created webhook
 * @user_data: data for @callback
 *
 * Creates the webhook. A failed creation is not sent again unless the server
 * refused it with 429, since a broken connection may hide a success.
 */
void
pb_client_create_webhook_async (PbClient            *self,
                                PbWebhook           *webhook,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (PB_IS_WEBHOOK (webhook));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  body = pb_webhook_to_request (webhook, PB_WEBHOOK_FIELD_ALL);
  send_for_webhook (self, pb_client_create_webhook_async, SOUP_METHOD_POST, "/webhooks", body,
                    NULL, cancellable, callback, user_data);
}

/**
 * pb_client_create_webhook_finish:
 * @self: a #PbClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the webhook as created, with its id
 */
PbWebhook *
pb_client_create_webhook_finish (PbClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_webhook (self, result, pb_client_create_webhook_async, error);
}

/**
 * pb_client_update_webhook_async:
 * @self: a #PbClient
 * @webhook: the webhook with its new values and its id
 * @fields: the attributes that changed; only these are sent
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the updated webhook
 * @user_data: data for @callback
 */
void
pb_client_update_webhook_async (PbClient            *self,
                                PbWebhook           *webhook,
                                PbWebhookFields      fields,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (PB_IS_WEBHOOK (webhook));
  g_return_if_fail (pb_webhook_get_id (webhook) > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = g_strdup_printf ("/webhooks/%" G_GINT64_FORMAT, pb_webhook_get_id (webhook));
  body = pb_webhook_to_request (webhook, fields & PB_WEBHOOK_FIELD_ALL);
  send_for_webhook (self, pb_client_update_webhook_async, SOUP_METHOD_PUT, path, body, webhook,
                    cancellable, callback, user_data);
}

/**
 * pb_client_update_webhook_finish:
 * @self: a #PbClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the webhook as Current RMS now has it
 */
PbWebhook *
pb_client_update_webhook_finish (PbClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_webhook (self, result, pb_client_update_webhook_async, error);
}

static void
on_delete_answered (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  if (!pb_client_send_finish (PB_CLIENT (object), result, &root, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * pb_client_delete_webhook_async:
 * @self: a #PbClient
 * @webhook_id: the id of the webhook
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the outcome
 * @user_data: data for @callback
 */
void
pb_client_delete_webhook_async (PbClient            *self,
                                gint64               webhook_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (webhook_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_client_delete_webhook_async);

  path = g_strdup_printf ("/webhooks/%" G_GINT64_FORMAT, webhook_id);
  pb_client_send_async (self, SOUP_METHOD_DELETE, path, NULL, cancellable, on_delete_answered,
                     task);
}

gboolean
pb_client_delete_webhook_finish (PbClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (PB_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

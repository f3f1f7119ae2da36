/* pb-simulator-api.c: the simulator's answers to API requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-simulator"

#include "config.h"

#include "pb-json-private.h"
#include "pb-simulator.h"
#include "pb-simulator-private.h"

#define DEFAULT_PER_PAGE 20
#define MAX_PER_PAGE     100

static void
answer_json (SoupServerMessage *message,
             guint              status,
             JsonNode          *root)
{
  gsize len = 0;
  char *data = json_to_string (root, FALSE);

  len = strlen (data);
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE, data, len);
}

static void
answer_errors (SoupServerMessage *message,
               guint              status,
               const char        *text)
{
  g_autoptr(JsonNode) root = json_from_string ("{\"errors\":[]}", NULL);
  JsonArray *errors = json_object_get_array_member (json_node_get_object (root), "errors");

  json_array_add_string_element (errors, text);
  answer_json (message, status, root);
}

static void
answer_text (SoupServerMessage *message,
             guint              status,
             const char        *content_type,
             const char        *text)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, content_type, SOUP_MEMORY_COPY, text, strlen (text));
}

void
pb_simulator_answer_fault (PbSimulator       *self,
                           SoupServerMessage *message,
                           PbSimFault         fault)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autofree char *seconds = NULL;
  g_autoptr(JsonNode) root = NULL;

  switch (fault)
    {
    case PB_SIM_FAULT_UNAUTHORIZED:
      answer_errors (message, SOUP_STATUS_UNAUTHORIZED, "Invalid API key or subdomain");
      break;

    case PB_SIM_FAULT_API_DISABLED:
      answer_errors (message, SOUP_STATUS_FORBIDDEN, "API access is not enabled for this account");
      break;

    case PB_SIM_FAULT_NOT_FOUND:
      answer_errors (message, SOUP_STATUS_NOT_FOUND, "Record not found");
      break;

    case PB_SIM_FAULT_VALIDATION:
      root = json_from_string ("{\"errors\":{\"target_url\":[\"is invalid\"]}}", NULL);
      answer_json (message, SOUP_STATUS_UNPROCESSABLE_ENTITY, root);
      break;

    case PB_SIM_FAULT_RATE_LIMITED:
      seconds = g_strdup_printf ("%u", self->retry_after);
      soup_message_headers_replace (headers, "Retry-After", seconds);
      answer_errors (message, 429, "Rate limit exceeded; retry later");
      break;

    case PB_SIM_FAULT_SERVER_ERROR:
      answer_errors (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Internal server error");
      break;

    case PB_SIM_FAULT_BAD_GATEWAY:
      answer_text (message, SOUP_STATUS_BAD_GATEWAY, "text/html",
                   "<html><head><title>502 Bad Gateway</title></head>"
                   "<body><h1>502 Bad Gateway</h1><hr>nginx</body></html>");
      break;

    case PB_SIM_FAULT_HTML_PAGE:
      answer_text (message, SOUP_STATUS_OK, "text/html",
                   "<!DOCTYPE html><html><head><title>Sign in</title></head>"
                   "<body><form action=\"/login\"></form></body></html>");
      break;

    case PB_SIM_FAULT_MALFORMED_JSON:
      answer_text (message, SOUP_STATUS_OK, "application/json",
                   "{\"webhooks\":[{\"id\":1,\"name\":\"Warehouse");
      break;

    case PB_SIM_FAULT_NONE:
    case PB_SIM_FAULT_SLOW:
    case PB_SIM_FAULT_DROP_CONNECTION:
    default:
      g_assert_not_reached ();
    }
}

/* Webhook records */

static JsonNode *
sim_hook_to_json (SimHook *hook)
{
  JsonNode *node = pb_webhook_to_json (hook->webhook);
  JsonObject *object = json_node_get_object (node);

  json_object_set_string_member (object, "created_at", hook->created_at);
  json_object_set_string_member (object, "updated_at", hook->updated_at);
  return node;
}

static void
answer_webhook (SoupServerMessage *message,
                guint              status,
                SimHook           *hook)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_member (object, "webhook", sim_hook_to_json (hook));
  json_node_take_object (root, object);
  answer_json (message, status, root);
}

SimHook *
pb_simulator_find_hook (PbSimulator *self,
                        gint64       webhook_id,
                        guint       *index)
{
  for (guint i = 0; i < self->hooks->len; i++)
    {
      SimHook *hook = g_ptr_array_index (self->hooks, i);

      if (pb_webhook_get_id (hook->webhook) == webhook_id)
        {
          if (index != NULL)
            *index = i;
          return hook;
        }
    }

  return NULL;
}

static guint
query_number (GHashTable *query,
              const char *name,
              guint       fallback)
{
  const char *value = query ? g_hash_table_lookup (query, name) : NULL;
  guint64 number;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT32, &number, NULL))
    return fallback;

  return (guint)number;
}

static void
handle_list (PbSimulator       *self,
             SoupServerMessage *message,
             GHashTable        *query)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint page = MAX (query_number (query, "page", 1), 1);
  guint per_page = query_number (query, "per_page", DEFAULT_PER_PAGE);
  guint64 first;
  guint rows = 0;

  if (per_page == 0)
    per_page = DEFAULT_PER_PAGE;
  per_page = MIN (per_page, MAX_PER_PAGE);
  first = (guint64)(page - 1) * per_page;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "webhooks");
  json_builder_begin_array (builder);
  for (guint64 i = first; i < self->hooks->len && rows < per_page; i++, rows++)
    json_builder_add_value (builder, sim_hook_to_json (g_ptr_array_index (self->hooks, i)));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "meta");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "total_row_count");
  json_builder_add_int_value (builder, self->hooks->len);
  json_builder_set_member_name (builder, "row_count");
  json_builder_add_int_value (builder, rows);
  json_builder_set_member_name (builder, "page");
  json_builder_add_int_value (builder, page);
  json_builder_set_member_name (builder, "per_page");
  json_builder_add_int_value (builder, per_page);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  answer_json (message, SOUP_STATUS_OK, root);
}

static gboolean
is_event_string (const char *event)
{
  gboolean after_underscore = FALSE;
  gboolean has_underscore = FALSE;

  if (!g_ascii_islower (event[0]))
    return FALSE;

  for (const char *p = event; *p; p++)
    {
      if (*p == '_')
        {
          if (after_underscore)
            return FALSE;
          has_underscore = after_underscore = TRUE;
        }
      else if (g_ascii_islower (*p) || g_ascii_isdigit (*p))
        after_underscore = FALSE;
      else
        return FALSE;
    }

  return has_underscore && !after_underscore;
}

static gboolean
is_absolute_http_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  return scheme != NULL && host != NULL && host[0] != '\0' &&
         (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0);
}

static const char *
member_string (JsonObject *attributes,
               const char *name,
               gboolean   *present)
{
  const char *value = pb_json_object_get_string (attributes, name);

  *present = json_object_has_member (attributes, name);
  return value != NULL ? value : "";
}

static void
add_error (JsonObject *errors,
           const char *field,
           const char *text)
{
  JsonArray *messages = json_array_new ();

  json_array_add_string_element (messages, text);
  json_object_set_array_member (errors, field, messages);
}

/* Checks what the API requires; on update (@partial) only what was sent. */
static JsonObject *
validate_attributes (JsonObject *attributes,
                     gboolean    partial)
{
  JsonObject *errors = json_object_new ();
  gboolean present;
  g_autofree char *name = NULL;
  const char *event;
  const char *url;

  name = g_strstrip (g_strdup (member_string (attributes, "name", &present)));
  if ((present || !partial) && name[0] == '\0')
    add_error (errors, "name", "can't be blank");

  event = member_string (attributes, "event", &present);
  if ((present || !partial) && event[0] == '\0')
    add_error (errors, "event", "can't be blank");
  else if (present && !is_event_string (event))
    add_error (errors, "event", "is invalid");

  url = member_string (attributes, "target_url", &present);
  if ((present || !partial) && url[0] == '\0')
    add_error (errors, "target_url", "can't be blank");
  else if (present && !is_absolute_http_url (url))
    add_error (errors, "target_url", "is invalid");

  if (json_object_get_size (errors) == 0)
    g_clear_pointer (&errors, json_object_unref);

  return errors;
}

/* Rails accepts the root key in either case, as the help centre's example
 * shows "Webhook" while clients send "webhook". */
static JsonObject *
parse_webhook_body (SoupServerMessage *message,
                    JsonNode         **root)
{
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  JsonObject *object;

  *root = body->length > 0 ? json_from_string (body->data, NULL) : NULL;
  if (*root == NULL || !JSON_NODE_HOLDS_OBJECT (*root))
    return NULL;

  object = json_node_get_object (*root);
  for (guint i = 0; i < 2; i++)
    {
      JsonNode *inner = json_object_get_member (object, i ? "Webhook" : "webhook");

      if (inner != NULL && JSON_NODE_HOLDS_OBJECT (inner))
        return json_node_get_object (inner);
    }

  return NULL;
}

static gboolean
read_active (JsonObject *attributes,
             gboolean    fallback)
{
  return pb_json_node_get_boolean (json_object_get_member (attributes, "active"), fallback);
}

static gboolean
reject_attributes (SoupServerMessage *message,
                   JsonObject        *attributes,
                   gboolean           partial)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *errors;
  JsonObject *object;

  if (attributes == NULL)
    {
      answer_errors (message, SOUP_STATUS_BAD_REQUEST,
                     "param is missing or the value is empty: webhook");
      return TRUE;
    }

  errors = validate_attributes (attributes, partial);
  if (errors == NULL)
    return FALSE;

  object = json_object_new ();
  json_object_set_object_member (object, "errors", errors);
  root = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root, object);
  answer_json (message, SOUP_STATUS_UNPROCESSABLE_ENTITY, root);
  return TRUE;
}

SimHook *
pb_simulator_add_hook (PbSimulator *self,
                       PbWebhook   *webhook)
{
  SimHook *hook = g_new0 (SimHook, 1);

  hook->webhook = webhook;
  pb_webhook_set_id (webhook, self->next_webhook_id++);
  hook->created_at = pb_simulator_format_time (NULL);
  hook->updated_at = g_strdup (hook->created_at);
  g_ptr_array_add (self->hooks, hook);

  return hook;
}

static void
handle_create (PbSimulator       *self,
               SoupServerMessage *message)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *attributes = parse_webhook_body (message, &root);
  g_autofree char *name = NULL;
  gboolean present;
  SimHook *hook;

  if (reject_attributes (message, attributes, FALSE))
    return;

  name = g_strstrip (g_strdup (member_string (attributes, "name", &present)));
  hook = pb_simulator_add_hook (self,
                   pb_webhook_new (name,
                                   member_string (attributes, "event", &present),
                                   member_string (attributes, "target_url", &present),
                                   read_active (attributes, TRUE)));
  answer_webhook (message, SOUP_STATUS_CREATED, hook);
}

static void
handle_update (PbSimulator       *self,
               SoupServerMessage *message,
               SimHook           *hook)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *attributes = parse_webhook_body (message, &root);
  gboolean present;
  const char *value;

  if (reject_attributes (message, attributes, TRUE))
    return;

  value = member_string (attributes, "name", &present);
  if (present)
    pb_webhook_set_name (hook->webhook, value);
  value = member_string (attributes, "event", &present);
  if (present)
    pb_webhook_set_event (hook->webhook, value);
  value = member_string (attributes, "target_url", &present);
  if (present)
    pb_webhook_set_target_url (hook->webhook, value);
  pb_webhook_set_active (hook->webhook,
                         read_active (attributes, pb_webhook_get_active (hook->webhook)));

  g_free (hook->updated_at);
  hook->updated_at = pb_simulator_format_time (NULL);
  answer_webhook (message, SOUP_STATUS_OK, hook);
}

static void
handle_one (PbSimulator       *self,
            SoupServerMessage *message,
            const char        *method,
            const char        *id_text)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  guint64 id = 0;
  guint index = 0;
  SimHook *hook;

  if (!g_ascii_string_to_unsigned (id_text, 10, 1, G_MAXINT64, &id, NULL) ||
      (hook = pb_simulator_find_hook (self, (gint64)id, &index)) == NULL)
    {
      answer_errors (message, SOUP_STATUS_NOT_FOUND, "Record not found");
      return;
    }

  if (g_str_equal (method, SOUP_METHOD_GET))
    answer_webhook (message, SOUP_STATUS_OK, hook);
  else if (g_str_equal (method, SOUP_METHOD_PUT) || g_str_equal (method, "PATCH"))
    handle_update (self, message, hook);
  else if (g_str_equal (method, SOUP_METHOD_DELETE))
    {
      g_ptr_array_remove_index (self->hooks, index);
      soup_server_message_set_status (message, SOUP_STATUS_NO_CONTENT, NULL);
    }
  else
    {
      soup_message_headers_replace (headers, "Allow", "GET, PUT, PATCH, DELETE");
      answer_errors (message, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed");
    }
}

static gboolean
is_authorized (PbSimulator       *self,
               SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);

  return g_strcmp0 (soup_message_headers_get_one (headers, "X-SUBDOMAIN"), self->subdomain) == 0 &&
         g_strcmp0 (soup_message_headers_get_one (headers, "X-AUTH-TOKEN"), self->api_key) == 0;
}

void
pb_simulator_handle_api (PbSimulator       *self,
                         SoupServerMessage *message,
                         const char        *path,
                         GHashTable        *query)
{
  const char *method = soup_server_message_get_method (message);
  const char *rest = path + strlen (PB_SIMULATOR_API_PREFIX);

  if (!is_authorized (self, message))
    answer_errors (message, SOUP_STATUS_UNAUTHORIZED,
                   "Invalid API key or subdomain; check X-SUBDOMAIN and X-AUTH-TOKEN");
  else if (g_str_equal (rest, "/webhooks") && g_str_equal (method, SOUP_METHOD_GET))
    handle_list (self, message, query);
  else if (g_str_equal (rest, "/webhooks") && g_str_equal (method, SOUP_METHOD_POST))
    handle_create (self, message);
  else if (g_str_equal (rest, "/webhooks"))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "Allow", "GET, POST");
      answer_errors (message, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed");
    }
  else if (g_str_has_prefix (rest, "/webhooks/"))
    handle_one (self, message, method, rest + strlen ("/webhooks/"));
  else
    answer_errors (message, SOUP_STATUS_NOT_FOUND, "The requested resource does not exist");
}

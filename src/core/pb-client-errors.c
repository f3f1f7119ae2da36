/* pb-client-errors.c: how the client words what went wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-client"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-client-private.h"
#include "pb-error.h"
#include "pb-json-private.h"

/* libsoup 3.2 names no constant for it. */
#define STATUS_TOO_MANY_REQUESTS 429

static const char *const known_fields[] = { "target_url", "event", "name", "active" };

static char *
humanize_field (const char *field)
{
  char *text = g_strdup (field);

  g_strdelimit (text, "_", ' ');
  text[0] = g_ascii_toupper (text[0]);
  return text;
}

static gboolean
starts_with_word (const char *text,
                  const char *prefix)
{
  gsize len = strlen (prefix);

  return g_ascii_strncasecmp (text, prefix, len) == 0 && (text[len] == ' ' || text[len] == '\0');
}

/* Rails-style full messages ("Target url is invalid") name their field first;
 * attributing them lets the editor show each beside its field. */
static const char *
attribute_message (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_fields); i++)
    {
      g_autofree char *human = humanize_field (known_fields[i]);

      if (starts_with_word (text, human))
        return known_fields[i];
    }

  return "";
}

static void
add_field_message (GHashTable *fields,
                   GString    *summary,
                   const char *field,
                   const char *text)
{
  const char *previous = g_hash_table_lookup (fields, field);

  if (text == NULL || text[0] == '\0')
    return;

  if (previous != NULL)
    g_hash_table_insert (fields, g_strdup (field), g_strconcat (previous, "; ", text, NULL));
  else
    g_hash_table_insert (fields, g_strdup (field), g_strdup (text));

  if (summary->len > 0)
    g_string_append (summary, "; ");
  g_string_append (summary, text);
}

static void
add_member_message (GHashTable *fields,
                    GString    *summary,
                    const char *field,
                    const char *text)
{
  g_autofree char *human = NULL;
  g_autofree char *full = NULL;

  if (text == NULL)
    return;

  if (g_str_equal (field, "base"))
    {
      add_field_message (fields, summary, "", text);
      return;
    }

  human = humanize_field (field);
  full = starts_with_word (text, human) ? g_strdup (text) : g_strdup_printf ("%s %s", human, text);
  add_field_message (fields, summary, field, full);
}

static void
parse_error_object (JsonObject *errors,
                    GHashTable *fields,
                    GString    *summary)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  json_object_iter_init (&iter, errors);
  while (json_object_iter_next (&iter, &member, &value))
    {
      if (JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *array = json_node_get_array (value);

          for (guint i = 0; i < json_array_get_length (array); i++)
            add_member_message (fields, summary, member,
                                pb_json_node_get_string (json_array_get_element (array, i)));
        }
      else
        add_member_message (fields, summary, member, pb_json_node_get_string (value));
    }
}

static void
parse_error_element (JsonNode   *element,
                     GHashTable *fields,
                     GString    *summary)
{
  const char *text = pb_json_node_get_string (element);

  if (text == NULL && JSON_NODE_HOLDS_OBJECT (element))
    {
      JsonObject *object = json_node_get_object (element);
      const char *field = pb_json_object_get_string (object, "field");

      text = pb_json_object_get_string (object, "detail");
      if (text == NULL)
        text = pb_json_object_get_string (object, "message");
      if (field != NULL)
        {
          add_member_message (fields, summary, field, text);
          return;
        }
    }

  if (text != NULL)
    add_field_message (fields, summary, attribute_message (text), text);
}

/* The API's error bodies come in several shapes; every one ends up as
 * field → message, with "" for messages that name no field. */
static GHashTable *
parse_error_body (JsonNode *root,
                  GString  *summary)
{
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObject *object;
  JsonNode *errors;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  errors = json_object_get_member (object, "errors");
  if (errors != NULL && JSON_NODE_HOLDS_ARRAY (errors))
    {
      JsonArray *array = json_node_get_array (errors);

      for (guint i = 0; i < json_array_get_length (array); i++)
        parse_error_element (json_array_get_element (array, i), fields, summary);
    }
  else if (errors != NULL && JSON_NODE_HOLDS_OBJECT (errors))
    parse_error_object (json_node_get_object (errors), fields, summary);
  else if (errors != NULL)
    parse_error_element (errors, fields, summary);

  for (guint i = 0; i < 2; i++)
    {
      const char *text = pb_json_object_get_string (object, i ? "message" : "error");

      if (text != NULL)
        add_field_message (fields, summary, attribute_message (text), text);
    }

  if (g_hash_table_size (fields) == 0)
    return NULL;

  return g_steal_pointer (&fields);
}

gboolean
pb_client_is_json_content_type (SoupMessage *message)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  return type != NULL &&
         (g_ascii_strcasecmp (type, "application/json") == 0 ||
          g_str_has_suffix (type, "+json"));
}

JsonNode *
pb_client_parse_json (GBytes  *bytes,
                      GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (!json_parser_load_from_data (parser, data, len, error))
    return NULL;

  return json_parser_steal_root (parser);
}

static guint
parse_retry_after (SoupMessage *message)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;
  gint64 diff;

  if (value == NULL)
    return 0;

  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &seconds, NULL))
    return (guint)seconds;

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return 0;

  now = g_date_time_new_now_utc ();
  diff = g_date_time_difference (when, now);
  if (diff <= 0)
    return 0;

  return (guint)MIN ((diff + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC, G_MAXUINT);
}

static gboolean
mentions_api_disabled (GBytes *body)
{
  g_autofree char *text = NULL;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  text = g_ascii_strdown (data ? data : "", MIN (len, 4096));
  return strstr (text, "not enabled") != NULL || strstr (text, "disabled") != NULL ||
         strstr (text, "switched off") != NULL;
}

static GError *
error_for_auth (const char *subdomain,
                guint       status,
                GBytes     *body)
{
  if (status == SOUP_STATUS_FORBIDDEN || mentions_api_disabled (body))
    return pb_error_new_http (PB_ERROR_AUTHENTICATION, status, 0, NULL,
                              _("The Current RMS API is switched off for “%s”. Ask the account "
                                "owner or Current RMS support to enable API access."),
                              subdomain);

  /* Translators: "System Setup › Integrations › API" names menus of Current RMS
   * itself; keep them as Current RMS shows them in your language, or in English. */
  return pb_error_new_http (PB_ERROR_AUTHENTICATION, status, 0, NULL,
                            _("Current RMS refused the API key for “%s”. Check the key in "
                              "System Setup › Integrations › API."),
                            subdomain);
}

static GError *
error_for_validation (guint     status,
                      JsonNode *root)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  GHashTable *fields = parse_error_body (root, summary);

  if (fields == NULL)
    return pb_error_new_http (PB_ERROR_VALIDATION, status, 0, NULL,
                              _("Current RMS rejected the request without saying why "
                                "(HTTP %u). Check the values and try again."),
                              status);

  return pb_error_new_http (PB_ERROR_VALIDATION, status, 0, fields,
                            _("Current RMS rejected the values: %s."), summary->str);
}

/**
 * pb_client_error_for_status:
 * @subdomain: the account's subdomain, for the message
 * @path: the request path below the API base
 * @message: the answered message
 * @body: the answer's body
 *
 * Returns: (transfer full): the %PB_ERROR that an unsuccessful status means
 */
GError *
pb_client_error_for_status (const char  *subdomain,
                            const char  *path,
                            SoupMessage *message,
                            GBytes      *body)
{
  guint status = soup_message_get_status (message);
  g_autoptr(JsonNode) root = NULL;
  guint retry_after;

  if (pb_client_is_json_content_type (message))
    root = pb_client_parse_json (body, NULL);

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    return error_for_auth (subdomain, status, body);

  if (status == SOUP_STATUS_NOT_FOUND)
    {
      if (g_str_has_prefix (path, "/webhooks/"))
        return pb_error_new_http (PB_ERROR_NOT_FOUND, status, 0, NULL,
                                  _("This webhook no longer exists in Current RMS; it may "
                                    "have been deleted elsewhere. Refresh the list."));
      return pb_error_new_http (PB_ERROR_NOT_FOUND, status, 0, NULL,
                                _("Current RMS has no webhooks at this address. Check the API "
                                  "address in the account settings."));
    }

  if (status == SOUP_STATUS_UNPROCESSABLE_ENTITY || status == SOUP_STATUS_BAD_REQUEST)
    return error_for_validation (status, root);

  if (status == STATUS_TOO_MANY_REQUESTS)
    {
      retry_after = parse_retry_after (message);
      return pb_error_new_http (PB_ERROR_RATE_LIMITED, status, retry_after, NULL,
                                _("Current RMS is receiving too many requests from this "
                                  "account. Wait a moment and try again."));
    }

  if (status >= 500 && status < 600)
    return pb_error_new_http (PB_ERROR_SERVER, status, parse_retry_after (message), NULL,
                              _("Current RMS failed to handle the request (HTTP %u). "
                                "Try again in a few minutes."),
                              status);

  return pb_error_new_http (PB_ERROR_FAILED, status, 0, NULL,
                            _("Current RMS answered with an unexpected status (HTTP %u). "
                              "Try again later."),
                            status);
}

/**
 * pb_client_error_for_transport:
 * @api_base: the API base URL, whose host the message names
 * @error: what libsoup or GIO reported
 *
 * Returns: (transfer full): a %PB_ERROR, or a copy of @error when it is a
 *   cancellation
 */
GError *
pb_client_error_for_transport (const char   *api_base,
                               const GError *error)
{
  g_autoptr(GUri) uri = g_uri_parse (api_base, G_URI_FLAGS_NONE, NULL);
  const char *host = uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : api_base;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return pb_error_new_http (PB_ERROR_TIMEOUT, 0, 0, NULL,
                              _("Current RMS at %s did not answer in time. Check the network "
                                "connection and try again."),
                              host);

  return pb_error_new_http (PB_ERROR_NETWORK, 0, 0, NULL,
                            _("Could not reach Current RMS at %s (%s). Check the network "
                              "connection and the API address."),
                            host, error->message);
}

/**
 * pb_client_error_for_content:
 * @message: a successful message whose body is not the JSON expected
 * @parse_error: (nullable): why the body did not parse, if it was JSON
 *
 * Returns: (transfer full): a %PB_ERROR_BAD_RESPONSE error
 */
GError *
pb_client_error_for_content (SoupMessage  *message,
                             const GError *parse_error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  if (parse_error != NULL)
    return pb_error_new_http (PB_ERROR_BAD_RESPONSE, soup_message_get_status (message), 0, NULL,
                              _("Current RMS sent an answer that could not be read (%s). "
                                "Try again later."),
                              parse_error->message);

  if (type != NULL && g_ascii_strcasecmp (type, "text/html") == 0)
    return pb_error_new_http (PB_ERROR_BAD_RESPONSE, soup_message_get_status (message), 0, NULL,
                              _("The API address answered with a web page instead of data. "
                                "Check the API address; a proxy or sign-in page may be in "
                                "the way."));

  return pb_error_new_http (PB_ERROR_BAD_RESPONSE, soup_message_get_status (message), 0, NULL,
                            _("The API address answered with “%s” instead of JSON. Check the "
                              "API address."),
                            type ? type : _("no content type"));
}

/**
 * pb_client_error_bad_shape:
 * @what: what was wrong with the data
 *
 * Returns: (transfer full): a %PB_ERROR_BAD_RESPONSE error
 */
GError *
pb_client_error_bad_shape (const char *what)
{
  return pb_error_new_http (PB_ERROR_BAD_RESPONSE, 0, 0, NULL,
                            _("Current RMS answered with data of an unexpected shape (%s). "
                              "The API may have changed; try again later."),
                            what);
}

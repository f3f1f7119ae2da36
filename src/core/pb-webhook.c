/* pb-webhook.c: one Current RMS webhook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-webhook"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "pb-error.h"
#include "pb-json-private.h"
#include "pb-webhook.h"

struct _PbWebhook
{
  GObject     parent_instance;

  gint64      id;
  char       *name;
  char       *event;
  char       *target_url;
  gboolean    active;

  /* Attributes the API returned that Patchbay has no use for, kept so that an
   * export or a round trip loses nothing. */
  JsonObject *extra;
};

G_DEFINE_FINAL_TYPE (PbWebhook, pb_webhook, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_EVENT,
  PROP_TARGET_URL,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_webhook_finalize (GObject *object)
{
  PbWebhook *self = (PbWebhook *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->event, g_free);
  g_clear_pointer (&self->target_url, g_free);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (pb_webhook_parent_class)->finalize (object);
}

static void
pb_webhook_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PbWebhook *self = PB_WEBHOOK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_EVENT:
      g_value_set_string (value, self->event);
      break;

    case PROP_TARGET_URL:
      g_value_set_string (value, self->target_url);
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_webhook_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PbWebhook *self = PB_WEBHOOK (object);

  switch (prop_id)
    {
    case PROP_ID:
      pb_webhook_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      pb_webhook_set_name (self, g_value_get_string (value));
      break;

    case PROP_EVENT:
      pb_webhook_set_event (self, g_value_get_string (value));
      break;

    case PROP_TARGET_URL:
      pb_webhook_set_target_url (self, g_value_get_string (value));
      break;

    case PROP_ACTIVE:
      pb_webhook_set_active (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_webhook_class_init (PbWebhookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_webhook_finalize;
  object_class->get_property = pb_webhook_get_property;
  object_class->set_property = pb_webhook_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EVENT] =
    g_param_spec_string ("event", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TARGET_URL] =
    g_param_spec_string ("target-url", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_webhook_init (PbWebhook *self)
{
  self->name = g_strdup ("");
  self->event = g_strdup ("");
  self->target_url = g_strdup ("");
  self->active = TRUE;
}

/**
 * pb_webhook_new:
 * @name: (nullable): a label
 * @event: (nullable): an event string such as "opportunity_create"
 * @target_url: (nullable): the URL Current RMS posts to
 * @active: whether the webhook fires
 *
 * Returns: (transfer full): a webhook that has no id yet
 */
PbWebhook *
pb_webhook_new (const char *name,
                const char *event,
                const char *target_url,
                gboolean    active)
{
  return g_object_new (PB_TYPE_WEBHOOK,
                       "name", name ? name : "",
                       "event", event ? event : "",
                       "target-url", target_url ? target_url : "",
                       "active", active,
                       NULL);
}

static gboolean
is_known_member (const char *name)
{
  return g_str_equal (name, "id") ||
         g_str_equal (name, "name") ||
         g_str_equal (name, "event") ||
         g_str_equal (name, "target_url") ||
         g_str_equal (name, "active");
}

/* json_node_copy() shares nested objects and arrays; a copy that another
 * webhook may later change must own all of its members. */
static JsonNode *
deep_copy (JsonNode *node)
{
  JsonNode *copy;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_object_new ();
        JsonObjectIter iter;
        const char *member;
        JsonNode *value;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &member, &value))
          json_object_set_member (object, member, deep_copy (value));

        copy = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (copy, object);
        return copy;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *source = json_node_get_array (node);
        JsonArray *array = json_array_sized_new (json_array_get_length (source));

        for (guint i = 0; i < json_array_get_length (source); i++)
          json_array_add_element (array, deep_copy (json_array_get_element (source, i)));

        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, array);
        return copy;
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

/**
 * pb_webhook_new_from_json:
 * @node: a webhook object, bare or under a "webhook" or "Webhook" member
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the webhook, or %NULL with
 *   %PB_ERROR_BAD_RESPONSE when @node is not a webhook
 */
PbWebhook *
pb_webhook_new_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr(PbWebhook) self = NULL;
  JsonObject *object;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  gint64 id = 0;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_BAD_RESPONSE,
                           _("The webhook is not a JSON object"));
      return NULL;
    }

  object = json_node_get_object (node);
  for (guint i = 0; i < 2; i++)
    {
      const char *root = i == 0 ? "webhook" : "Webhook";
      JsonNode *inner = json_object_get_member (object, root);

      if (inner != NULL && JSON_NODE_HOLDS_OBJECT (inner))
        {
          object = json_node_get_object (inner);
          break;
        }
    }

  if (!json_object_has_member (object, "id") &&
      !json_object_has_member (object, "event") &&
      !json_object_has_member (object, "target_url"))
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_BAD_RESPONSE,
                           _("The answer does not describe a webhook"));
      return NULL;
    }

  self = pb_webhook_new (pb_json_object_get_string (object, "name"),
                         pb_json_object_get_string (object, "event"),
                         pb_json_object_get_string (object, "target_url"),
                         pb_json_node_get_boolean (json_object_get_member (object, "active"),
                                                   TRUE));
  if (pb_json_object_get_int (object, "id", &id) && id > 0)
    self->id = id;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &value))
    {
      if (is_known_member (member))
        continue;
      if (self->extra == NULL)
        self->extra = json_object_new ();
      json_object_set_member (self->extra, member, deep_copy (value));
    }

  return g_steal_pointer (&self);
}

/**
 * pb_webhook_copy:
 * @self: a #PbWebhook
 *
 * Returns: (transfer full): an independent copy, extra attributes included
 */
PbWebhook *
pb_webhook_copy (PbWebhook *self)
{
  PbWebhook *copy;

  g_return_val_if_fail (PB_IS_WEBHOOK (self), NULL);

  copy = pb_webhook_new (self->name, self->event, self->target_url, self->active);
  copy->id = self->id;
  if (self->extra != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonNode) dup = NULL;

      json_node_set_object (node, self->extra);
      dup = deep_copy (node);
      copy->extra = json_object_ref (json_node_get_object (dup));
    }

  return copy;
}

gint64
pb_webhook_get_id (PbWebhook *self)
{
  g_return_val_if_fail (PB_IS_WEBHOOK (self), 0);

  return self->id;
}

void
pb_webhook_set_id (PbWebhook *self,
                   gint64     id)
{
  g_return_if_fail (PB_IS_WEBHOOK (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
pb_webhook_get_name (PbWebhook *self)
{
  g_return_val_if_fail (PB_IS_WEBHOOK (self), NULL);

  return self->name;
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (value == NULL)
    value = "";

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

void
pb_webhook_set_name (PbWebhook  *self,
                     const char *name)
{
  g_return_if_fail (PB_IS_WEBHOOK (self));

  if (set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
pb_webhook_get_event (PbWebhook *self)
{
  g_return_val_if_fail (PB_IS_WEBHOOK (self), NULL);

  return self->event;
}

void
pb_webhook_set_event (PbWebhook  *self,
                      const char *event)
{
  g_return_if_fail (PB_IS_WEBHOOK (self));

  if (set_string (&self->event, event))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
}

const char *
pb_webhook_get_target_url (PbWebhook *self)
{
  g_return_val_if_fail (PB_IS_WEBHOOK (self), NULL);

  return self->target_url;
}

void
pb_webhook_set_target_url (PbWebhook  *self,
                           const char *target_url)
{
  g_return_if_fail (PB_IS_WEBHOOK (self));

  if (set_string (&self->target_url, target_url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET_URL]);
}

gboolean
pb_webhook_get_active (PbWebhook *self)
{
  g_return_val_if_fail (PB_IS_WEBHOOK (self), FALSE);

  return self->active;
}

void
pb_webhook_set_active (PbWebhook *self,
                       gboolean   active)
{
  g_return_if_fail (PB_IS_WEBHOOK (self));

  active = !!active;
  if (self->active == active)
    return;

  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

/**
 * pb_webhook_get_extra:
 * @self: a #PbWebhook
 *
 * Returns: (nullable) (transfer none): the attributes other than id, name,
 *   event, target_url and active, as the API sent them
 */
JsonObject *
pb_webhook_get_extra (PbWebhook *self)
{
  g_return_val_if_fail (PB_IS_WEBHOOK (self), NULL);

  return self->extra;
}

/**
 * pb_webhook_set_extra:
 * @self: a #PbWebhook
 * @extra: (nullable): attributes other than id, name, event, target_url
 *   and active; copied
 *
 * Replaces the extra attributes, as a refresh does when the API's copy of a
 * webhook changed. Nothing shows them, so no property is notified.
 */
void
pb_webhook_set_extra (PbWebhook  *self,
                      JsonObject *extra)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) copy = NULL;

  g_return_if_fail (PB_IS_WEBHOOK (self));

  if (extra != NULL && json_object_get_size (extra) == 0)
    extra = NULL;

  /* A refresh sets every webhook's extras; most did not change. */
  if (extra == self->extra ||
      (extra != NULL && self->extra != NULL && json_object_equal (extra, self->extra)))
    return;

  g_clear_pointer (&self->extra, json_object_unref);
  if (extra == NULL)
    return;

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, extra);
  copy = deep_copy (node);
  self->extra = json_object_ref (json_node_get_object (copy));
}

static JsonObject *
build_object (PbWebhook       *self,
              PbWebhookFields  fields,
              gboolean         with_id)
{
  JsonObject *object = json_object_new ();

  if (with_id && self->id > 0)
    json_object_set_int_member (object, "id", self->id);
  if (fields & PB_WEBHOOK_FIELD_NAME)
    json_object_set_string_member (object, "name", self->name);
  if (fields & PB_WEBHOOK_FIELD_EVENT)
    json_object_set_string_member (object, "event", self->event);
  if (fields & PB_WEBHOOK_FIELD_TARGET_URL)
    json_object_set_string_member (object, "target_url", self->target_url);
  if (fields & PB_WEBHOOK_FIELD_ACTIVE)
    json_object_set_boolean_member (object, "active", self->active);

  return object;
}

/**
 * pb_webhook_to_json:
 * @self: a #PbWebhook
 *
 * Returns: (transfer full): the whole webhook as a bare JSON object, the extra
 *   attributes included
 */
JsonNode *
pb_webhook_to_json (PbWebhook *self)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (PB_IS_WEBHOOK (self), NULL);

  object = build_object (self, PB_WEBHOOK_FIELD_ALL, TRUE);
  if (self->extra != NULL)
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init (&iter, self->extra);
      while (json_object_iter_next (&iter, &member, &value))
        if (!json_object_has_member (object, member))
          json_object_set_member (object, member, deep_copy (value));
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/**
 * pb_webhook_to_request:
 * @self: a #PbWebhook
 * @fields: the attributes to send
 *
 * Returns: (transfer full): the body of a create or update request,
 *   `{"webhook": {...}}` with the lowercase root key the API accepts
 */
JsonNode *
pb_webhook_to_request (PbWebhook       *self,
                       PbWebhookFields  fields)
{
  JsonObject *root;
  JsonNode *node;

  g_return_val_if_fail (PB_IS_WEBHOOK (self), NULL);

  root = json_object_new ();
  json_object_set_object_member (root, "webhook", build_object (self, fields, FALSE));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return node;
}

/**
 * pb_webhook_diff:
 * @self: a #PbWebhook
 * @other: another #PbWebhook
 *
 * Returns: the attributes whose values differ (the id and extras are ignored)
 */
PbWebhookFields
pb_webhook_diff (PbWebhook *self,
                 PbWebhook *other)
{
  PbWebhookFields fields = 0;

  g_return_val_if_fail (PB_IS_WEBHOOK (self), 0);
  g_return_val_if_fail (PB_IS_WEBHOOK (other), 0);

  if (g_strcmp0 (self->name, other->name) != 0)
    fields |= PB_WEBHOOK_FIELD_NAME;
  if (g_strcmp0 (self->event, other->event) != 0)
    fields |= PB_WEBHOOK_FIELD_EVENT;
  if (g_strcmp0 (self->target_url, other->target_url) != 0)
    fields |= PB_WEBHOOK_FIELD_TARGET_URL;
  if (self->active != other->active)
    fields |= PB_WEBHOOK_FIELD_ACTIVE;

  return fields;
}

static gboolean
is_event_string (const char *event)
{
  if (event[0] == '\0' || event[0] == '_')
    return FALSE;

  for (const char *p = event; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;

  return strchr (event, '_') != NULL;
}

/**
 * pb_webhook_validate:
 * @self: a #PbWebhook
 * @field_messages: (out) (optional) (transfer full): field name → message
 *
 * Checks what Current RMS requires before a request is sent: a name, an
 * event of the form subject_action, and an absolute http(s) target URL.
 *
 * Returns: %TRUE when the webhook can be sent
 */
gboolean
pb_webhook_validate (PbWebhook   *self,
                     GHashTable **field_messages)
{
  g_autoptr(GHashTable) messages = NULL;
  g_autoptr(GError) url_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (PB_IS_WEBHOOK (self), FALSE);

  messages = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  name = g_strstrip (g_strdup (self->name));
  if (name[0] == '\0')
    g_hash_table_insert (messages, (gpointer)"name", g_strdup (_("A name is required")));

  if (self->event[0] == '\0')
    g_hash_table_insert (messages, (gpointer)"event", g_strdup (_("Choose an event")));
  else if (!is_event_string (self->event))
    g_hash_table_insert (messages, (gpointer)"event",
                         g_strdup (_("An event is a lowercase subject and action joined by "
                                     "“_”, such as opportunity_create")));

  if (!pb_webhook_check_target_url (self->target_url, NULL, &url_error))
    g_hash_table_insert (messages, (gpointer)"target_url", g_strdup (url_error->message));

  if (field_messages != NULL)
    *field_messages = g_hash_table_ref (messages);

  return g_hash_table_size (messages) == 0;
}

static gboolean
is_private_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_str_has_suffix (host, ".localhost") ||
      g_str_has_suffix (host, ".local") ||
      g_str_has_suffix (host, ".internal") ||
      g_str_has_suffix (host, ".lan"))
    return TRUE;

  address = g_inet_address_new_from_string (host);
  if (address == NULL)
    return FALSE;

  return g_inet_address_get_is_loopback (address) ||
         g_inet_address_get_is_site_local (address) ||
         g_inet_address_get_is_link_local (address) ||
         g_inet_address_get_is_any (address);
}

/**
 * pb_webhook_check_target_url:
 * @url: a target URL
 * @warning: (out) (optional) (nullable) (transfer full): why Current RMS may
 *   not reach @url, when it is acceptable but doubtful
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @url is an absolute http or https URL with a host;
 *   otherwise %FALSE with %PB_ERROR_INVALID_INPUT
 */
gboolean
pb_webhook_check_target_url (const char  *url,
                             char       **warning,
                             GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (warning != NULL)
    *warning = NULL;

  if (url == NULL || url[0] == '\0')
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_INPUT,
                           _("A target URL is required"));
      return FALSE;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  host = uri ? g_uri_get_host (uri) : NULL;

  if (uri == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_INPUT,
                           _("The target URL must be an absolute http:// or https:// address"));
      return FALSE;
    }

  if (host == NULL || host[0] == '\0')
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_INPUT,
                           _("The target URL has no host name"));
      return FALSE;
    }

  if (warning != NULL)
    {
      if (is_private_host (host))
        *warning = g_strdup (_("Current RMS cannot reach a local or private address; "
                               "use a public URL or a tunnel"));
      else if (g_ascii_strcasecmp (scheme, "http") == 0)
        *warning = g_strdup (_("Plain http sends every delivery unencrypted; prefer https"));
    }

  return TRUE;
}

/**
 * pb_webhook_dup_redacted_url:
 * @url: (nullable): a target URL
 *
 * Hides the secrets a target URL may carry (a token path segment after
 * /hooks/, query values, user info) so that the URL can be logged.
 *
 * Returns: (transfer full): the redacted URL
 */
char *
pb_webhook_dup_redacted_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GString) path = NULL;
  g_autofree char *port = NULL;
  const char *hooks;

  if (url == NULL)
    return g_strdup ("");

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return g_strdup ("(unparsable URL)");

  path = g_string_new (g_uri_get_path (uri));
  hooks = strstr (path->str, "/hooks/");
  if (hooks != NULL)
    {
      gsize start = (hooks - path->str) + strlen ("/hooks/");
      const char *end = strchr (path->str + start, '/');
      gsize len = end ? (gsize)(end - (path->str + start)) : path->len - start;

      if (len > 4)
        {
          g_string_erase (path, start + 4, len - 4);
          g_string_insert (path, start + 4, "…");
        }
    }

  port = g_uri_get_port (uri) > 0 ? g_strdup_printf (":%d", g_uri_get_port (uri)) : g_strdup ("");

  return g_strdup_printf ("%s://%s%s%s%s",
                          g_uri_get_scheme (uri),
                          g_uri_get_host (uri) ? g_uri_get_host (uri) : "",
                          port,
                          path->str,
                          g_uri_get_query (uri) ? "?…" : "");
}

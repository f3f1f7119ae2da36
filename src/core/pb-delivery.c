/* pb-delivery.c: one POST that Current RMS delivered to the receiver
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-delivery"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pb-delivery.h"
#include "pb-json-private.h"

/* json-glib parses recursively, so a body of nothing but brackets could
 * exhaust the stack; real actions nest a handful of levels. */
#define MAX_NESTING 256

struct _PbDelivery
{
  GObject   parent_instance;

  /* Assigned by the store or the receiver */
  gint64    id;
  gint64    account_id;
  gint64    received_at;
  char     *token;
  char     *event;
  guint     status_code;
  gboolean  is_retry;

  /* What arrived */
  GBytes   *body;
  char     *headers_json;

  /* Derived from the body */
  char     *problem;
  char     *action_type;
  char     *subject_type;
  char     *member_name;
  char     *name;
  char     *description;
  char     *created_at;
  gint64    action_id;
  gint64    subject_id;
  gint64    member_id;
  guint     scan_count;
  gboolean  valid;
};

G_DEFINE_FINAL_TYPE (PbDelivery, pb_delivery, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ACCOUNT_ID,
  PROP_RECEIVED_AT,
  PROP_TOKEN,
  PROP_BODY,
  PROP_HEADERS_JSON,
  PROP_VALID,
  PROP_PROBLEM,
  PROP_EVENT,
  PROP_ACTION_TYPE,
  PROP_SUBJECT_TYPE,
  PROP_SUBJECT_ID,
  PROP_ACTION_ID,
  PROP_MEMBER_ID,
  PROP_MEMBER_NAME,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_CREATED_AT,
  PROP_STATUS_CODE,
  PROP_IS_RETRY,
  PROP_SCAN_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_delivery_finalize (GObject *object)
{
  PbDelivery *self = (PbDelivery *)object;

  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->event, g_free);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_pointer (&self->headers_json, g_free);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->action_type, g_free);
  g_clear_pointer (&self->subject_type, g_free);
  g_clear_pointer (&self->member_name, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->created_at, g_free);

  G_OBJECT_CLASS (pb_delivery_parent_class)->finalize (object);
}

static void
pb_delivery_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PbDelivery *self = PB_DELIVERY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_ACCOUNT_ID:
      g_value_set_int64 (value, self->account_id);
      break;

    case PROP_RECEIVED_AT:
      g_value_set_int64 (value, self->received_at);
      break;

    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;

    case PROP_BODY:
      g_value_set_boxed (value, self->body);
      break;

    case PROP_HEADERS_JSON:
      g_value_set_string (value, self->headers_json);
      break;

    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;

    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;

    case PROP_EVENT:
      g_value_set_string (value, self->event);
      break;

    case PROP_ACTION_TYPE:
      g_value_set_string (value, self->action_type);
      break;

    case PROP_SUBJECT_TYPE:
      g_value_set_string (value, self->subject_type);
      break;

    case PROP_SUBJECT_ID:
      g_value_set_int64 (value, self->subject_id);
      break;

    case PROP_ACTION_ID:
      g_value_set_int64 (value, self->action_id);
      break;

    case PROP_MEMBER_ID:
      g_value_set_int64 (value, self->member_id);
      break;

    case PROP_MEMBER_NAME:
      g_value_set_string (value, self->member_name);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_CREATED_AT:
      g_value_set_string (value, self->created_at);
      break;

    case PROP_STATUS_CODE:
      g_value_set_uint (value, self->status_code);
      break;

    case PROP_IS_RETRY:
      g_value_set_boolean (value, self->is_retry);
      break;

    case PROP_SCAN_COUNT:
      g_value_set_uint (value, self->scan_count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_delivery_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PbDelivery *self = PB_DELIVERY (object);

  switch (prop_id)
    {
    case PROP_ID:
      pb_delivery_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_ACCOUNT_ID:
      pb_delivery_set_account_id (self, g_value_get_int64 (value));
      break;

    case PROP_EVENT:
      pb_delivery_set_event (self, g_value_get_string (value));
      break;

    case PROP_STATUS_CODE:
      pb_delivery_set_status_code (self, g_value_get_uint (value));
      break;

    case PROP_IS_RETRY:
      pb_delivery_set_is_retry (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RW_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
#define RO_FLAGS (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static GParamSpec *
int64_pspec (const char  *name,
             GParamFlags  flags)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0, flags);
}

static GParamSpec *
string_pspec (const char  *name,
              GParamFlags  flags)
{
  return g_param_spec_string (name, NULL, NULL, NULL, flags);
}

static void
pb_delivery_class_init (PbDeliveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_delivery_finalize;
  object_class->get_property = pb_delivery_get_property;
  object_class->set_property = pb_delivery_set_property;

  properties[PROP_ID] = int64_pspec ("id", RW_FLAGS);
  properties[PROP_ACCOUNT_ID] = int64_pspec ("account-id", RW_FLAGS);
  properties[PROP_RECEIVED_AT] = int64_pspec ("received-at", RO_FLAGS);
  properties[PROP_TOKEN] = string_pspec ("token", RO_FLAGS);
  properties[PROP_BODY] = g_param_spec_boxed ("body", NULL, NULL, G_TYPE_BYTES, RO_FLAGS);
  properties[PROP_HEADERS_JSON] = string_pspec ("headers-json", RO_FLAGS);
  properties[PROP_VALID] = g_param_spec_boolean ("valid", NULL, NULL, FALSE, RO_FLAGS);
  properties[PROP_PROBLEM] = string_pspec ("problem", RO_FLAGS);
  properties[PROP_EVENT] = string_pspec ("event", RW_FLAGS);
  properties[PROP_ACTION_TYPE] = string_pspec ("action-type", RO_FLAGS);
  properties[PROP_SUBJECT_TYPE] = string_pspec ("subject-type", RO_FLAGS);
  properties[PROP_SUBJECT_ID] = int64_pspec ("subject-id", RO_FLAGS);
  properties[PROP_ACTION_ID] = int64_pspec ("action-id", RO_FLAGS);
  properties[PROP_MEMBER_ID] = int64_pspec ("member-id", RO_FLAGS);
  properties[PROP_MEMBER_NAME] = string_pspec ("member-name", RO_FLAGS);
  properties[PROP_NAME] = string_pspec ("name", RO_FLAGS);
  properties[PROP_DESCRIPTION] = string_pspec ("description", RO_FLAGS);
  properties[PROP_CREATED_AT] = string_pspec ("created-at", RO_FLAGS);
  properties[PROP_STATUS_CODE] =
    g_param_spec_uint ("status-code", NULL, NULL, 0, 999, 0, RW_FLAGS);
  properties[PROP_IS_RETRY] = g_param_spec_boolean ("is-retry", NULL, NULL, FALSE, RW_FLAGS);
  properties[PROP_SCAN_COUNT] =
    g_param_spec_uint ("scan-count", NULL, NULL, 0, G_MAXUINT, 0, RO_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_delivery_init (PbDelivery *self)
{
}

/* Body parsing */

/* An id must be a positive integer; json-glib wraps integers too large for 64
 * bits into negative values. */
static gint64
read_id (JsonObject *object,
         const char *member)
{
  gint64 value = 0;

  if (!pb_json_object_get_int (object, member, &value) || value < 0)
    return 0;

  return value;
}

static char *
dup_string (JsonObject *object,
            const char *member)
{
  return g_strdup (pb_json_object_get_string (object, member));
}

static guint
count_scans (JsonObject *action)
{
  JsonObject *content = pb_json_object_get_object (action, "content");
  JsonNode *assets;

  if (content == NULL)
    return 0;

  assets = json_object_get_member (content, "opportunity_item_assets");
  if (assets == NULL || !JSON_NODE_HOLDS_ARRAY (assets))
    return 0;

  return json_array_get_length (json_node_get_array (assets));
}

static char *
dup_member_name (JsonObject *action)
{
  JsonObject *member = pb_json_object_get_object (action, "member");
  char *name = member ? dup_string (member, "name") : NULL;

  if (name == NULL)
    name = dup_string (action, "member_name");

  return name;
}

/* The action sits under "action" as Current RMS documents, under "Action" as
 * some senders capitalise it, or the root itself is the action. */
static JsonObject *
find_action (JsonObject *root)
{
  JsonObject *action = pb_json_object_get_object (root, "action");

  if (action == NULL)
    action = pb_json_object_get_object (root, "Action");
  if (action != NULL)
    return action;

  if (json_object_has_member (root, "subject_type") ||
      json_object_has_member (root, "action_type") ||
      json_object_has_member (root, "Action_type") ||
      json_object_has_member (root, "subject_id"))
    return root;

  return NULL;
}

static void
read_action (PbDelivery *self,
             JsonObject *action)
{
  g_autofree char *action_type = NULL;

  self->action_id = read_id (action, "id");
  self->subject_id = read_id (action, "subject_id");
  self->member_id = read_id (action, "member_id");
  self->subject_type = dup_string (action, "subject_type");
  self->name = dup_string (action, "name");
  self->description = dup_string (action, "description");
  self->created_at = dup_string (action, "created_at");
  self->member_name = dup_member_name (action);
  self->scan_count = count_scans (action);

  action_type = dup_string (action, "action_type");
  if (action_type == NULL)
    action_type = dup_string (action, "Action_type");
  if (action_type != NULL && action_type[0] != '\0')
    self->action_type = g_ascii_strdown (action_type, -1);

  if (self->subject_type != NULL && self->subject_type[0] != '\0' &&
      self->action_type != NULL)
    {
      g_autofree char *subject = pb_catalog_subject_from_type (self->subject_type);

      self->event = pb_catalog_compose_event (subject, self->action_type);
    }
}

static guint
measure_nesting (const char *data,
                 gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  guint deepest = 0;

  for (gsize i = 0; i < length; i++)
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
        deepest = MAX (deepest, ++depth);
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return deepest;
}

static char *
describe_parse_error (const GError *error)
{
  unsigned int line = 0;
  unsigned int column = 0;

  /* json-glib prefixes its messages with "<data>:line:column:". */
  if (sscanf (error->message, "<data>:%u:%u:", &line, &column) == 2)
    return g_strdup_printf (_("The body is not valid JSON: the error is at line %u, "
                              "column %u."), line, column);

  return g_strdup (_("The body is not valid JSON."));
}

static char *
json_type_problem (JsonNode *root)
{
  if (JSON_NODE_HOLDS_ARRAY (root))
    return g_strdup (_("The body is a JSON array, but a delivery must be a JSON object."));

  return g_strdup (_("The body is a single JSON value, but a delivery must be a JSON object."));
}

/* Returns the parsed root, or NULL with self->problem set. */
static JsonNode *
parse_body (PbDelivery *self)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  const char *end;
  gsize length = 0;

  data = self->body ? g_bytes_get_data (self->body, &length) : NULL;
  if (length == 0)
    {
      self->problem = g_strdup (_("The body is empty."));
      return NULL;
    }

  if (!g_utf8_validate_len (data, length, &end))
    {
      self->problem = g_strdup_printf (_("The body is not UTF-8 text: byte %zu is invalid."),
                                       (gsize)(end - data) + 1);
      return NULL;
    }

  if (measure_nesting (data, length) > MAX_NESTING)
    {
      self->problem = g_strdup (_("The body nests too deeply to be a Current RMS action."));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &error))
    {
      self->problem = describe_parse_error (error);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      self->problem = g_strdup (_("The body is empty."));
      return NULL;
    }

  return json_parser_steal_root (parser);
}

static void
read_body (PbDelivery *self)
{
  g_autoptr(JsonNode) root = parse_body (self);
  JsonObject *action;

  if (root == NULL)
    return;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      self->problem = json_type_problem (root);
      return;
    }

  self->valid = TRUE;
  action = find_action (json_node_get_object (root));
  if (action == NULL)
    {
      self->problem = g_strdup (_("The body is a JSON object without an action, so it does "
                                  "not look like a Current RMS delivery."));
      return;
    }

  read_action (self, action);
}

/**
 * pb_delivery_new:
 * @token: (nullable): the receiver path token the POST arrived on
 * @body: (nullable): the body as it arrived
 * @headers_json: (nullable): the request headers as a JSON object, secrets removed
 * @received_at: when it arrived, in µs since the epoch
 *
 * Parses @body without trusting it: any body makes a delivery, and one that is
 * not a JSON object is marked invalid with a #PbDelivery:problem.
 *
 * Returns: (transfer full): the delivery
 */
PbDelivery *
pb_delivery_new (const char *token,
                 GBytes     *body,
                 const char *headers_json,
                 gint64      received_at)
{
  PbDelivery *self = g_object_new (PB_TYPE_DELIVERY, NULL);

  self->token = g_strdup (token);
  self->body = body ? g_bytes_ref (body) : g_bytes_new (NULL, 0);
  self->headers_json = g_strdup (headers_json);
  self->received_at = received_at;
  read_body (self);

  return self;
}

/**
 * pb_delivery_new_from_row:
 * @id: the row id
 * @account_id: the account it belongs to, or 0
 * @received_at: when it arrived, in µs since the epoch
 * @token: (nullable): the receiver path token
 * @event: (nullable): the event the store recorded, which wins over the body's
 * @body: (nullable): the stored body
 * @headers_json: (nullable): the stored headers
 * @status_code: the status the receiver answered
 * @is_retry: whether it repeated an earlier action
 *
 * Rebuilds a stored delivery.
 *
 * Returns: (transfer full): the delivery
 */
PbDelivery *
pb_delivery_new_from_row (gint64      id,
                          gint64      account_id,
                          gint64      received_at,
                          const char *token,
                          const char *event,
                          GBytes     *body,
                          const char *headers_json,
                          guint       status_code,
                          gboolean    is_retry)
{
  PbDelivery *self = pb_delivery_new (token, body, headers_json, received_at);

  self->id = MAX (id, 0);
  self->account_id = MAX (account_id, 0);
  self->status_code = MIN (status_code, 999);
  self->is_retry = !!is_retry;
  if (event != NULL && event[0] != '\0')
    {
      g_free (self->event);
      self->event = g_strdup (event);
    }

  return self;
}

gint64
pb_delivery_get_id (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), 0);

  return self->id;
}

void
pb_delivery_set_id (PbDelivery *self,
                    gint64      id)
{
  g_return_if_fail (PB_IS_DELIVERY (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
pb_delivery_get_account_id (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), 0);

  return self->account_id;
}

void
pb_delivery_set_account_id (PbDelivery *self,
                            gint64      account_id)
{
  g_return_if_fail (PB_IS_DELIVERY (self));
  g_return_if_fail (account_id >= 0);

  if (self->account_id == account_id)
    return;

  self->account_id = account_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_ID]);
}

gint64
pb_delivery_get_received_at (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), 0);

  return self->received_at;
}

/**
 * pb_delivery_get_token:
 * @self: a #PbDelivery
 *
 * Returns: (nullable): the receiver path token; a secret, never to be logged
 */
const char *
pb_delivery_get_token (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), NULL);

  return self->token;
}

/**
 * pb_delivery_get_body:
 * @self: a #PbDelivery
 *
 * Returns: (transfer none): the body exactly as it arrived
 */
GBytes *
pb_delivery_get_body (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), NULL);

  return self->body;
}

/**
 * pb_delivery_get_headers_json:
 * @self: a #PbDelivery
 *
 * Returns: (nullable): the request headers as a JSON object
 */
const char *
pb_delivery_get_headers_json (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), NULL);

  return self->headers_json;
}

/**
 * pb_delivery_get_valid:
 * @self: a #PbDelivery
 *
 * Returns: %TRUE when the body is a JSON object
 */
gboolean
pb_delivery_get_valid (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), FALSE);

  return self->valid;
}

/**
 * pb_delivery_get_problem:
 * @self: a #PbDelivery
 *
 * Returns: (nullable): why the body is invalid or is not an action, as a
 *   translated sentence; %NULL when it is a well-formed action
 */
const char *
pb_delivery_get_problem (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), NULL);

  return self->problem;
}

/**
 * pb_delivery_get_event:
 * @self: a #PbDelivery
 *
 * Returns: (nullable): the event, such as "opportunity_convert_to_order"
 */
const char *
pb_delivery_get_event (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), NULL);

  return self->event;
}

/**
 * pb_delivery_set_event:
 * @self: a #PbDelivery
 * @event: (nullable): the event, for a body that does not name one
 */
void
pb_delivery_set_event (PbDelivery *self,
                       const char *event)
{
  g_return_if_fail (PB_IS_DELIVERY (self));

  if (event != NULL && event[0] == '\0')
    event = NULL;

  if (g_strcmp0 (self->event, event) == 0)
    return;

  g_free (self->event);
  self->event = g_strdup (event);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
}

const char *
pb_delivery_get_action_type (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), NULL);

  return self->action_type;
}

const char *
pb_delivery_get_subject_type (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), NULL);

  return self->subject_type;
}

gint64
pb_delivery_get_subject_id (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), 0);

  return self->subject_id;
}

gint64
pb_delivery_get_action_id (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), 0);

  return self->action_id;
}

gint64
pb_delivery_get_member_id (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), 0);

  return self->member_id;
}

const char *
pb_delivery_get_member_name (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), NULL);

  return self->member_name;
}

const char *
pb_delivery_get_name (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), NULL);

  return self->name;
}

const char *
pb_delivery_get_description (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), NULL);

  return self->description;
}

const char *
pb_delivery_get_created_at (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), NULL);

  return self->created_at;
}

guint
pb_delivery_get_status_code (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), 0);

  return self->status_code;
}

void
pb_delivery_set_status_code (PbDelivery *self,
                             guint       status_code)
{
  g_return_if_fail (PB_IS_DELIVERY (self));
  g_return_if_fail (status_code <= 999);

  if (self->status_code == status_code)
    return;

  self->status_code = status_code;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_CODE]);
}

gboolean
pb_delivery_get_is_retry (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), FALSE);

  return self->is_retry;
}

void
pb_delivery_set_is_retry (PbDelivery *self,
                          gboolean    is_retry)
{
  g_return_if_fail (PB_IS_DELIVERY (self));

  is_retry = !!is_retry;
  if (self->is_retry == is_retry)
    return;

  self->is_retry = is_retry;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_RETRY]);
}

/**
 * pb_delivery_get_scan_count:
 * @self: a #PbDelivery
 *
 * Returns: how many assets a scan action carries in its content
 */
guint
pb_delivery_get_scan_count (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), 0);

  return self->scan_count;
}

/* Text views */

/* Keeps valid UTF-8 and writes every other byte, and NUL, as \xNN. */
static char *
escape_bytes (const char *data,
              gsize       length)
{
  GString *out = g_string_sized_new (length);
  const char *p = data;
  const char *end = data + length;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar)-1 || c == (gunichar)-2 || c == 0)
        {
          g_string_append_printf (out, "\\x%02x", (guchar)*p);
          p++;
          continue;
        }

      g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }

  return g_string_free (out, FALSE);
}

/**
 * pb_delivery_dup_pretty_body:
 * @self: a #PbDelivery
 *
 * Returns: (transfer full): the body as JSON indented by two spaces, or the
 *   raw text when it is not JSON, with bytes that are not UTF-8 escaped
 */
char *
pb_delivery_dup_pretty_body (PbDelivery *self)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (PB_IS_DELIVERY (self), NULL);

  data = g_bytes_get_data (self->body, &length);
  if (length == 0)
    return g_strdup ("");

  if (!g_utf8_validate_len (data, length, NULL) || measure_nesting (data, length) > MAX_NESTING)
    return escape_bytes (data, length);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, NULL) ||
      json_parser_get_root (parser) == NULL)
    return escape_bytes (data, length);

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, json_parser_get_root (parser));

  return json_generator_to_data (generator, NULL);
}

/* pb-catalog.c: the subjects and actions that webhooks can listen to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pb-catalog.h"
#include "pb-core-resources.h"
#include "pb-error.h"

#define CATALOG_RESOURCE "/io/github/patchbay/Patchbay/core/catalog.json"

struct _PbEventInfo
{
  GObject        parent_instance;

  char          *event;
  char          *subject;
  char          *action;
  char          *subject_label;
  char          *action_label;
  char          *description;
  PbActionKind   kind;
  PbEventStatus  status;
  guint          has_content : 1;

  /* Casefolded text that searches match against, built once. */
  char          *haystack;
};

G_DEFINE_FINAL_TYPE (PbEventInfo, pb_event_info, G_TYPE_OBJECT)

static void
pb_event_info_finalize (GObject *object)
{
  PbEventInfo *self = (PbEventInfo *)object;

  g_free (self->event);
  g_free (self->subject);
  g_free (self->action);
  g_free (self->subject_label);
  g_free (self->action_label);
  g_free (self->description);
  g_free (self->haystack);

  G_OBJECT_CLASS (pb_event_info_parent_class)->finalize (object);
}

static void
pb_event_info_class_init (PbEventInfoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_event_info_finalize;
}

static void
pb_event_info_init (PbEventInfo *self)
{
}

static char *
build_haystack (PbEventInfo *self)
{
  g_autofree char *text = NULL;

  text = g_strjoin (" ", self->subject_label, self->action_label, self->description,
                    self->event, NULL);
  g_strdelimit (text, "_", ' ');
  return g_utf8_casefold (text, -1);
}

static PbEventInfo *
pb_event_info_new (const char    *subject,
                   const char    *action,
                   const char    *subject_label,
                   const char    *action_label,
                   const char    *description,
                   PbActionKind   kind,
                   PbEventStatus  status,
                   gboolean       has_content)
{
  PbEventInfo *self = g_object_new (PB_TYPE_EVENT_INFO, NULL);

  self->subject = g_strdup (subject);
  self->action = g_strdup (action);
  self->event = pb_catalog_compose_event (subject, action);
  self->subject_label = g_strdup (subject_label);
  self->action_label = g_strdup (action_label);
  self->description = g_strdup (description);
  self->kind = kind;
  self->status = status;
  self->has_content = !!has_content;
  self->haystack = build_haystack (self);

  return self;
}

const char *
pb_event_info_get_event (PbEventInfo *self)
{
  g_return_val_if_fail (PB_IS_EVENT_INFO (self), NULL);

  return self->event;
}

const char *
pb_event_info_get_subject (PbEventInfo *self)
{
  g_return_val_if_fail (PB_IS_EVENT_INFO (self), NULL);

  return self->subject;
}

const char *
pb_event_info_get_action (PbEventInfo *self)
{
  g_return_val_if_fail (PB_IS_EVENT_INFO (self), NULL);

  return self->action;
}

const char *
pb_event_info_get_subject_label (PbEventInfo *self)
{
  g_return_val_if_fail (PB_IS_EVENT_INFO (self), NULL);

  return self->subject_label;
}

const char *
pb_event_info_get_action_label (PbEventInfo *self)
{
  g_return_val_if_fail (PB_IS_EVENT_INFO (self), NULL);

  return self->action_label;
}

const char *
pb_event_info_get_description (PbEventInfo *self)
{
  g_return_val_if_fail (PB_IS_EVENT_INFO (self), NULL);

  return self->description;
}

PbActionKind
pb_event_info_get_kind (PbEventInfo *self)
{
  g_return_val_if_fail (PB_IS_EVENT_INFO (self), PB_ACTION_KIND_GENERIC);

  return self->kind;
}

PbEventStatus
pb_event_info_get_status (PbEventInfo *self)
{
  g_return_val_if_fail (PB_IS_EVENT_INFO (self), PB_EVENT_STATUS_CUSTOM);

  return self->status;
}

/**
 * pb_event_info_get_has_content:
 * @self: a #PbEventInfo
 *
 * Returns: %TRUE when deliveries of this event carry a `content` object
 *   (the asset-scan events)
 */
gboolean
pb_event_info_get_has_content (PbEventInfo *self)
{
  g_return_val_if_fail (PB_IS_EVENT_INFO (self), FALSE);

  return self->has_content;
}

/**
 * pb_event_info_dup_display_name:
 * @self: a #PbEventInfo
 *
 * Returns: (transfer full): "Subject · Action", as lists show it
 */
char *
pb_event_info_dup_display_name (PbEventInfo *self)
{
  g_return_val_if_fail (PB_IS_EVENT_INFO (self), NULL);

  /* Translators: an event shown as subject and action, such as "Opportunity · Convert to order" */
  return g_strdup_printf (_("%s · %s"), self->subject_label, self->action_label);
}

/**
 * pb_event_info_matches:
 * @self: a #PbEventInfo
 * @words: (nullable): words separated by spaces
 *
 * Every word must appear in the labels, the description or the raw event
 * string; case and underscores do not matter.
 *
 * Returns: %TRUE when @self matches @words
 */
gboolean
pb_event_info_matches (PbEventInfo *self,
                       const char  *words)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (PB_IS_EVENT_INFO (self), FALSE);

  if (words == NULL)
    return TRUE;

  folded = g_utf8_casefold (words, -1);
  g_strdelimit (folded, "_·", ' ');
  parts = g_strsplit_set (folded, " \t\n", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0')
        continue;
      if (strstr (self->haystack, parts[i]) == NULL)
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  char *subject;
  char *label;
} Subject;

static void
subject_free (gpointer data)
{
  Subject *subject = data;

  g_free (subject->subject);
  g_free (subject->label);
  g_free (subject);
}

struct _PbCatalog
{
  GObject     parent_instance;

  GPtrArray  *subjects;       /* Subject, in catalog order */
  GStrv       subject_names;  /* the same, for pb_catalog_get_subjects() */
  GListStore *events;         /* PbEventInfo, grouped by subject */
  GHashTable *by_event;       /* event string → PbEventInfo (borrowed from events) */
};

G_DEFINE_FINAL_TYPE (PbCatalog, pb_catalog, G_TYPE_OBJECT)

static void
pb_catalog_finalize (GObject *object)
{
  PbCatalog *self = (PbCatalog *)object;

  g_clear_pointer (&self->by_event, g_hash_table_unref);
  g_clear_object (&self->events);
  g_clear_pointer (&self->subjects, g_ptr_array_unref);
  g_clear_pointer (&self->subject_names, g_strfreev);

  G_OBJECT_CLASS (pb_catalog_parent_class)->finalize (object);
}

static void
pb_catalog_class_init (PbCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_catalog_finalize;
}

static void
pb_catalog_init (PbCatalog *self)
{
  self->subjects = g_ptr_array_new_with_free_func (subject_free);
  self->events = g_list_store_new (PB_TYPE_EVENT_INFO);
  self->by_event = g_hash_table_new (g_str_hash, g_str_equal);
}

static const char *
translate (const char *text)
{
  return text && text[0] ? g_dgettext (GETTEXT_PACKAGE, text) : "";
}

static const char *
object_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static PbEventStatus
parse_status (const char *status)
{
  return g_strcmp0 (status, "confirmed") == 0 ? PB_EVENT_STATUS_CONFIRMED
                                              : PB_EVENT_STATUS_INFERRED;
}

static gboolean
load_subject (PbCatalog   *self,
              JsonObject  *object,
              GError     **error)
{
  const char *name = object_string (object, "subject");
  const char *label = object_string (object, "label");
  JsonArray *actions;
  Subject *subject;

  if (name == NULL || !json_object_has_member (object, "actions") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "actions")))
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_FAILED,
                           "A catalog subject lacks its name or actions");
      return FALSE;
    }

  subject = g_new0 (Subject, 1);
  subject->subject = g_strdup (name);
  subject->label = g_strdup (label ? translate (label) : name);
  g_ptr_array_add (self->subjects, subject);

  actions = json_object_get_array_member (object, "actions");
  for (guint i = 0; i < json_array_get_length (actions); i++)
    {
      JsonNode *node = json_array_get_element (actions, i);
      g_autoptr(PbEventInfo) info = NULL;
      JsonObject *action;
      const char *action_name;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      action = json_node_get_object (node);
      action_name = object_string (action, "action");
      if (action_name == NULL)
        continue;

      info = pb_event_info_new (name, action_name, subject->label,
                                translate (object_string (action, "label")),
                                translate (object_string (action, "description")),
                                g_strcmp0 (object_string (action, "kind"), "specific") == 0
                                  ? PB_ACTION_KIND_SPECIFIC : PB_ACTION_KIND_GENERIC,
                                parse_status (object_string (action, "status")),
                                json_object_get_boolean_member_with_default (action, "content",
                                                                             FALSE));
      if (g_hash_table_contains (self->by_event, info->event))
        continue;

      g_list_store_append (self->events, info);
      g_hash_table_insert (self->by_event, info->event, info);
    }

  return TRUE;
}

/**
 * pb_catalog_new_from_data:
 * @data: the catalog as JSON
 * @length: the length of @data, or -1 when it is nul-terminated
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the catalog, or %NULL on a parse error
 */
PbCatalog *
pb_catalog_new_from_data (const char  *data,
                          gssize       length,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(PbCatalog) self = NULL;
  JsonNode *root;
  JsonArray *subjects;
  GPtrArray *names;

  g_return_val_if_fail (data != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "subjects") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "subjects")))
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_FAILED, _("The catalog has no subjects"));
      return NULL;
    }

  self = g_object_new (PB_TYPE_CATALOG, NULL);
  subjects = json_object_get_array_member (json_node_get_object (root), "subjects");
  for (guint i = 0; i < json_array_get_length (subjects); i++)
    {
      JsonNode *node = json_array_get_element (subjects, i);

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !load_subject (self, json_node_get_object (node), error))
        {
          if (error != NULL && *error == NULL)
            g_set_error_literal (error, PB_ERROR, PB_ERROR_FAILED,
                                 "A catalog subject is not an object");
          return NULL;
        }
    }

  names = g_ptr_array_new ();
  for (guint i = 0; i < self->subjects->len; i++)
    g_ptr_array_add (names, g_strdup (((Subject *)g_ptr_array_index (self->subjects, i))->subject));
  g_ptr_array_add (names, NULL);
  self->subject_names = (GStrv)g_ptr_array_free (names, FALSE);

  return g_steal_pointer (&self);
}

/**
 * pb_catalog_new:
 *
 * Returns: (transfer full): a catalog loaded from the built-in resource
 */
PbCatalog *
pb_catalog_new (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  PbCatalog *self;
  gsize size;
  const char *data;

  bytes = g_resource_lookup_data (pb_core_get_resource (), CATALOG_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);

  data = g_bytes_get_data (bytes, &size);
  self = pb_catalog_new_from_data (data, size, &error);
  if (self == NULL)
    g_error ("The built-in catalog is broken: %s", error->message);

  return self;
}

/**
 * pb_catalog_get_default:
 *
 * Returns: (transfer none): the catalog shared by the whole process
 */
PbCatalog *
pb_catalog_get_default (void)
{
  static gsize catalog;

  if (g_once_init_enter (&catalog))
    g_once_init_leave (&catalog, (gsize)pb_catalog_new ());

  return (PbCatalog *)catalog;
}

/**
 * pb_catalog_get_events:
 * @self: a #PbCatalog
 *
 * Returns: (transfer none): a list of #PbEventInfo, grouped by subject, the
 *   learned events included
 */
GListModel *
pb_catalog_get_events (PbCatalog *self)
{
  g_return_val_if_fail (PB_IS_CATALOG (self), NULL);

  return G_LIST_MODEL (self->events);
}

/**
 * pb_catalog_get_subjects:
 * @self: a #PbCatalog
 *
 * Returns: (transfer none): the subject names, in catalog order
 */
const char * const *
pb_catalog_get_subjects (PbCatalog *self)
{
  g_return_val_if_fail (PB_IS_CATALOG (self), NULL);

  return (const char * const *)self->subject_names;
}

static Subject *
find_subject (PbCatalog  *self,
              const char *name)
{
  for (guint i = 0; i < self->subjects->len; i++)
    {
      Subject *subject = g_ptr_array_index (self->subjects, i);

      if (g_str_equal (subject->subject, name))
        return subject;
    }

  return NULL;
}

/* "purchase_order" → "Purchase order" */
static char *
humanize (const char *name)
{
  char *text = g_strdup (name);

  g_strdelimit (text, "_", ' ');
  if (text[0] != '\0')
    text[0] = g_ascii_toupper (text[0]);

  return text;
}

/**
 * pb_catalog_get_subject_label:
 * @self: a #PbCatalog
 * @subject: a subject name such as "stock_level"
 *
 * Returns: (transfer none): the translated label of @subject, or @subject
 *   itself when the catalog does not know it
 */
const char *
pb_catalog_get_subject_label (PbCatalog  *self,
                              const char *subject)
{
  Subject *found;

  g_return_val_if_fail (PB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (subject != NULL, NULL);

  found = find_subject (self, subject);
  return found ? found->label : subject;
}

/**
 * pb_catalog_lookup:
 * @self: a #PbCatalog
 * @event: an event string
 *
 * Returns: (transfer none) (nullable): the catalog's or a learned event
 */
PbEventInfo *
pb_catalog_lookup (PbCatalog  *self,
                   const char *event)
{
  g_return_val_if_fail (PB_IS_CATALOG (self), NULL);

  if (event == NULL)
    return NULL;

  return g_hash_table_lookup (self->by_event, event);
}

/**
 * pb_catalog_parse_event:
 * @self: a #PbCatalog
 * @event: an event string such as "stock_level_create"
 * @subject: (out) (optional) (transfer full): the subject
 * @action: (out) (optional) (transfer full): the action
 *
 * Splits @event where the longest subject the catalog knows ends; an event
 * whose subject is unknown splits at its first underscore.
 *
 * Returns: %TRUE when the subject is one the catalog knows
 */
gboolean
pb_catalog_parse_event (PbCatalog   *self,
                        const char  *event,
                        char       **subject,
                        char       **action)
{
  gsize best = 0;
  const char *underscore;
  gboolean known;

  g_return_val_if_fail (PB_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  for (guint i = 0; i < self->subjects->len; i++)
    {
      Subject *candidate = g_ptr_array_index (self->subjects, i);
      gsize len = strlen (candidate->subject);

      if (len > best && g_str_has_prefix (event, candidate->subject) &&
          event[len] == '_' && event[len + 1] != '\0')
        best = len;
    }

  known = best > 0;
  if (!known)
    {
      underscore = strchr (event, '_');
      best = underscore && underscore != event ? (gsize)(underscore - event) : strlen (event);
    }

  if (subject != NULL)
    *subject = g_strndup (event, best);
  if (action != NULL)
    *action = g_strdup (event[best] == '_' ? event + best + 1 : "");

  return known;
}

/**
 * pb_catalog_compose_event:
 * @subject: a subject such as "opportunity"
 * @action: an action such as "convert_to_order"
 *
 * Returns: (transfer full): the event string, "opportunity_convert_to_order"
 */
char *
pb_catalog_compose_event (const char *subject,
                          const char *action)
{
  g_return_val_if_fail (subject != NULL, NULL);
  g_return_val_if_fail (action != NULL, NULL);

  return g_strconcat (subject, "_", action, NULL);
}

static PbEventInfo *
new_uncatalogued (PbCatalog     *self,
                  const char    *event,
                  PbEventStatus  status)
{
  g_autofree char *subject = NULL;
  g_autofree char *action = NULL;
  g_autofree char *subject_label = NULL;
  g_autofree char *action_label = NULL;
  PbEventInfo *info;

  pb_catalog_parse_event (self, event, &subject, &action);
  subject_label = g_strdup (find_subject (self, subject) ? find_subject (self, subject)->label
                                                         : NULL);
  if (subject_label == NULL)
    subject_label = humanize (subject);
  action_label = action[0] ? humanize (action) : g_strdup (_("(no action)"));

  info = pb_event_info_new (subject, action, subject_label, action_label,
                            status == PB_EVENT_STATUS_LEARNED
                              ? _("Used by this account but not in Patchbay’s catalog")
                              : _("Not in Patchbay’s catalog; Current RMS may not send it"),
                            PB_ACTION_KIND_SPECIFIC, status, FALSE);

  /* The event string is kept exactly as given, even if it does not split cleanly. */
  g_free (info->event);
  info->event = g_strdup (event);
  g_free (info->haystack);
  info->haystack = build_haystack (info);

  return info;
}

/**
 * pb_catalog_describe:
 * @self: a #PbCatalog
 * @event: an event string
 *
 * Returns: (transfer full): the catalog's or a learned event, or a custom
 *   event built from the string when neither knows it
 */
PbEventInfo *
pb_catalog_describe (PbCatalog  *self,
                     const char *event)
{
  PbEventInfo *info;

  g_return_val_if_fail (PB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (event != NULL, NULL);

  info = pb_catalog_lookup (self, event);
  if (info != NULL)
    return g_object_ref (info);

  return new_uncatalogued (self, event, PB_EVENT_STATUS_CUSTOM);
}

/**
 * pb_catalog_search:
 * @self: a #PbCatalog
 * @words: (nullable): words to match, see pb_event_info_matches()
 *
 * Returns: (transfer container) (element-type PbEventInfo): the matching
 *   events in catalog order
 */
GPtrArray *
pb_catalog_search (PbCatalog  *self,
                   const char *words)
{
  GPtrArray *matches;
  guint n_items;

  g_return_val_if_fail (PB_IS_CATALOG (self), NULL);

  matches = g_ptr_array_new_with_free_func (g_object_unref);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->events));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PbEventInfo) info = g_list_model_get_item (G_LIST_MODEL (self->events), i);

      if (pb_event_info_matches (info, words))
        g_ptr_array_add (matches, g_steal_pointer (&info));
    }

  return matches;
}

/* Learned events go after the last event of their subject, or at the end. */
static guint
learned_position (PbCatalog  *self,
                  const char *subject)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->events));
  guint position = n_items;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PbEventInfo) info = g_list_model_get_item (G_LIST_MODEL (self->events), i);

      if (g_str_equal (info->subject, subject))
        position = i + 1;
    }

  return position;
}

/**
 * pb_catalog_learn:
 * @self: a #PbCatalog
 * @event: an event string seen in a webhook or a delivery
 *
 * Adds @event to the list of events, marked as learned, when the catalog
 * does not know it yet.
 *
 * Returns: (transfer none): the event's description
 */
PbEventInfo *
pb_catalog_learn (PbCatalog  *self,
                  const char *event)
{
  g_autoptr(PbEventInfo) info = NULL;
  PbEventInfo *known;

  g_return_val_if_fail (PB_IS_CATALOG (self), NULL);
  g_return_val_if_fail (event != NULL && event[0] != '\0', NULL);

  known = pb_catalog_lookup (self, event);
  if (known != NULL)
    return known;

  info = new_uncatalogued (self, event, PB_EVENT_STATUS_LEARNED);
  g_hash_table_insert (self->by_event, info->event, info);
  g_list_store_insert (self->events, learned_position (self, info->subject), info);
  g_debug ("Learned event %s", event);

  return info;
}

/**
 * pb_catalog_subject_from_type:
 * @subject_type: a model name as deliveries carry it, such as "StockLevel"
 *
 * Returns: (transfer full): the subject as events spell it, "stock_level"
 */
char *
pb_catalog_subject_from_type (const char *subject_type)
{
  GString *out;

  g_return_val_if_fail (subject_type != NULL, NULL);

  out = g_string_new (NULL);
  for (const char *p = subject_type; *p; p++)
    {
      if (g_ascii_isupper (*p))
        {
          if (out->len > 0 && out->str[out->len - 1] != '_')
            g_string_append_c (out, '_');
          g_string_append_c (out, g_ascii_tolower (*p));
        }
      else if (*p == ' ' || *p == ':' || *p == '-')
        {
          if (out->len > 0 && out->str[out->len - 1] != '_')
            g_string_append_c (out, '_');
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* pb-store-json.c: the stored text of a webhook's extra attributes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-store"

#include "config.h"

#include <string.h>

#include "pb-store-private.h"

/* The extra attributes are stored as compact JSON with the members of every
 * object sorted by name. A JsonObject filled from the API keeps its members
 * in no fixed order, so only a sorted text is the same from one refresh to
 * the next, and comparing that text is what keeps a refresh cheap. */

static void append_node (GString  *out,
                         JsonNode *node);

static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');

  for (const guchar *p = (const guchar *)text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;

        case '\\':
          g_string_append (out, "\\\\");
          break;

        case '\n':
          g_string_append (out, "\\n");
          break;

        case '\t':
          g_string_append (out, "\\t");
          break;

        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
        }
    }

  g_string_append_c (out, '"');
}

/* A double keeps a fraction or an exponent so that it reads back as one. */
static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (buffer, sizeof buffer, value);
  g_string_append (out, buffer);
  if (strpbrk (buffer, ".eEn") == NULL)
    g_string_append (out, ".0");
}

static void
append_value (GString  *out,
              JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    append_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_STRING)
    append_string (out, json_node_get_string (node));
  else
    g_string_append (out, "null");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (a, b);
}

static void
append_object (GString    *out,
               JsonObject *object)
{
  g_autoptr(GList) names = g_list_sort (json_object_get_members (object), compare_names);

  g_string_append_c (out, '{');
  for (GList *l = names; l != NULL; l = l->next)
    {
      if (l != names)
        g_string_append_c (out, ',');
      append_string (out, l->data);
      g_string_append_c (out, ':');
      append_node (out, json_object_get_member (object, l->data));
    }
  g_string_append_c (out, '}');
}

static void
append_array (GString   *out,
              JsonArray *array)
{
  guint length = json_array_get_length (array);

  g_string_append_c (out, '[');
  for (guint i = 0; i < length; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_node (out, json_array_get_element (array, i));
    }
  g_string_append_c (out, ']');
}

static void
append_node (GString  *out,
             JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      append_object (out, json_node_get_object (node));
      break;

    case JSON_NODE_ARRAY:
      append_array (out, json_node_get_array (node));
      break;

    case JSON_NODE_VALUE:
      append_value (out, node);
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
    }
}

/* Writes the stored form of @webhook's extra attributes into @out.
 * Returns: (nullable): the text in @out, or %NULL when there are none */
const char *
pb_store_format_extra (PbWebhook *webhook,
                       GString   *out)
{
  JsonObject *extra = pb_webhook_get_extra (webhook);

  g_string_truncate (out, 0);
  if (extra == NULL || json_object_get_size (extra) == 0)
    return NULL;

  append_object (out, extra);
  return out->str;
}

/* Whether @stored holds @webhook's extra attributes, whatever the order of
 * their members; rows written before the members were sorted need this. */
gboolean
pb_store_same_extra (const char *stored,
                     PbWebhook  *webhook)
{
  JsonObject *extra = pb_webhook_get_extra (webhook);
  g_autoptr(JsonNode) stored_node = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (stored == NULL || extra == NULL)
    return FALSE;

  stored_node = json_from_string (stored, NULL);
  if (stored_node == NULL || !JSON_NODE_HOLDS_OBJECT (stored_node))
    return FALSE;

  node = json_node_init_object (json_node_alloc (), extra);
  return json_node_equal (stored_node, node);
}

/* pb-json.c: defensive readers of JSON from outside
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Current RMS, and whatever else posts to the receiver, sends numbers and
 * flags in more than one form: an id as 12, 12.0 or "12", a flag as true,
 * 1 or "true". These readers accept each of those forms and nothing else,
 * so that a value of the wrong kind reads as missing instead of as garbage.
 */

#define G_LOG_DOMAIN "patchbay-json"

#include "config.h"

#include <errno.h>
#include <math.h>

#include "pb-json-private.h"

/* Doubles at or beyond this magnitude do not convert to a gint64. */
#define INT64_DOUBLE_LIMIT 9.2e18

/**
 * pb_json_node_get_string:
 * @node: (nullable): a node
 *
 * Returns: (nullable) (transfer none): the string @node holds, or %NULL
 *   when it holds anything else
 */
const char *
pb_json_node_get_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
is_zero_fraction (const char *text)
{
  if (*text == '\0')
    return TRUE;
  if (*text != '.' || text[1] == '\0')
    return FALSE;

  for (text++; *text != '\0'; text++)
    if (*text != '0')
      return FALSE;

  return TRUE;
}

static gboolean
parse_int (const char *text,
           gint64     *out)
{
  const char *digits = text[0] == '-' ? text + 1 : text;
  char *end = NULL;
  gint64 value;

  if (!g_ascii_isdigit (digits[0]))
    return FALSE;

  errno = 0;
  value = g_ascii_strtoll (text, &end, 10);
  if (errno != 0 || !is_zero_fraction (end))
    return FALSE;

  *out = value;
  return TRUE;
}

/**
 * pb_json_node_get_int:
 * @node: (nullable): a node
 * @out: (out): where the integer goes
 *
 * Reads a whole number sent as an integer, as a double with no fraction, or
 * as a decimal string such as "12" or "12.0". @out is left alone on failure.
 *
 * Returns: %TRUE when @node held a whole number that fits in 64 bits
 */
gboolean
pb_json_node_get_int (JsonNode *node,
                      gint64   *out)
{
  GType type;

  g_assert (out != NULL);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }

  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      if (!isfinite (value) || fabs (value) >= INT64_DOUBLE_LIMIT || value != floor (value))
        return FALSE;
      *out = (gint64)value;
      return TRUE;
    }

  return type == G_TYPE_STRING && parse_int (json_node_get_string (node), out);
}

/**
 * pb_json_node_get_boolean:
 * @node: (nullable): a node
 * @fallback: what to return when @node holds no flag
 *
 * Reads a flag sent as a boolean, as an integer (0 is false) or as one of
 * the strings "true", "false" (in any case), "1" and "0".
 *
 * Returns: the flag, or @fallback
 */
gboolean
pb_json_node_get_boolean (JsonNode *node,
                          gboolean  fallback)
{
  const char *text;
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (type == G_TYPE_INT64)
    return json_node_get_int (node) != 0;
  if (type != G_TYPE_STRING)
    return fallback;

  text = json_node_get_string (node);
  if (g_ascii_strcasecmp (text, "true") == 0 || g_str_equal (text, "1"))
    return TRUE;
  if (g_ascii_strcasecmp (text, "false") == 0 || g_str_equal (text, "0"))
    return FALSE;

  return fallback;
}

/**
 * pb_json_object_get_string:
 * @object: an object
 * @member: the member's name
 *
 * Returns: (nullable) (transfer none): the string @member holds, or %NULL
 *   when it is missing or holds anything else
 */
const char *
pb_json_object_get_string (JsonObject *object,
                           const char *member)
{
  g_assert (object != NULL);

  return pb_json_node_get_string (json_object_get_member (object, member));
}

/**
 * pb_json_object_get_int:
 * @object: an object
 * @member: the member's name
 * @out: (out): where the integer goes
 *
 * Reads @member as pb_json_node_get_int() does.
 *
 * Returns: %TRUE when @member held a whole number
 */
gboolean
pb_json_object_get_int (JsonObject *object,
                        const char *member,
                        gint64     *out)
{
  g_assert (object != NULL);

  return pb_json_node_get_int (json_object_get_member (object, member), out);
}

/**
 * pb_json_object_get_object:
 * @object: an object
 * @member: the member's name
 *
 * Returns: (nullable) (transfer none): the object @member holds, or %NULL
 */
JsonObject *
pb_json_object_get_object (JsonObject *object,
                           const char *member)
{
  JsonNode *node;

  g_assert (object != NULL);

  node = json_object_get_member (object, member);
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

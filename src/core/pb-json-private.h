/* pb-json-private.h: defensive readers of JSON from outside
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char *pb_json_node_get_string   (JsonNode   *node);
gboolean    pb_json_node_get_int      (JsonNode   *node,
                                       gint64     *out);
gboolean    pb_json_node_get_boolean  (JsonNode   *node,
                                       gboolean    fallback);

const char *pb_json_object_get_string (JsonObject *object,
                                       const char *member);
gboolean    pb_json_object_get_int    (JsonObject *object,
                                       const char *member,
                                       gint64     *out);
JsonObject *pb_json_object_get_object (JsonObject *object,
                                       const char *member);

G_END_DECLS

/* pb-client-private.h: what the client's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pb-client.h"

G_BEGIN_DECLS

void      pb_client_send_async           (PbClient            *self,
                                          const char          *method,
                                          const char          *path,
                                          JsonNode            *body,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean  pb_client_send_finish          (PbClient            *self,
                                          GAsyncResult        *result,
                                          JsonNode           **root,
                                          GError             **error);

gboolean  pb_client_is_json_content_type (SoupMessage  *message);
JsonNode *pb_client_parse_json           (GBytes       *bytes,
                                          GError      **error);
GError   *pb_client_error_for_status     (const char   *subdomain,
                                          const char   *path,
                                          SoupMessage  *message,
                                          GBytes       *body);
GError   *pb_client_error_for_transport  (const char   *api_base,
                                          const GError *error);
GError   *pb_client_error_for_content    (SoupMessage  *message,
                                          const GError *parse_error);
GError   *pb_client_error_bad_shape      (const char   *what);

G_END_DECLS

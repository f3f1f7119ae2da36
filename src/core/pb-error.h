/* pb-error.h: Patchbay's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PB_ERROR (pb_error_quark ())

/**
 * PbErrorCode:
 * @PB_ERROR_FAILED: anything not covered below
 * @PB_ERROR_NETWORK: the server could not be reached, or the connection broke
 * @PB_ERROR_TIMEOUT: the server did not answer in time
 * @PB_ERROR_AUTHENTICATION: the credentials were refused (401/403), or the API is disabled
 * @PB_ERROR_NOT_FOUND: the record does not exist (404)
 * @PB_ERROR_VALIDATION: the server rejected the values (422); see
 *   pb_error_get_field_messages()
 * @PB_ERROR_RATE_LIMITED: too many requests (429); see pb_error_get_retry_after()
 * @PB_ERROR_SERVER: the server failed (5xx)
 * @PB_ERROR_BAD_RESPONSE: the answer was not the JSON expected
 * @PB_ERROR_STORAGE: the local database failed
 * @PB_ERROR_INVALID_INPUT: a value given by the user or caller is not acceptable
 * @PB_ERROR_SECRETS: the keyring could not be used
 *
 * Error codes in the %PB_ERROR domain.
 */
typedef enum
{
  PB_ERROR_FAILED,
  PB_ERROR_NETWORK,
  PB_ERROR_TIMEOUT,
  PB_ERROR_AUTHENTICATION,
  PB_ERROR_NOT_FOUND,
  PB_ERROR_VALIDATION,
  PB_ERROR_RATE_LIMITED,
  PB_ERROR_SERVER,
  PB_ERROR_BAD_RESPONSE,
  PB_ERROR_STORAGE,
  PB_ERROR_INVALID_INPUT,
  PB_ERROR_SECRETS,
} PbErrorCode;

GQuark      pb_error_quark              (void);

GError     *pb_error_new_http           (PbErrorCode   code,
                                         guint         http_status,
                                         guint         retry_after,
                                         GHashTable   *field_messages,
                                         const char   *format,
                                         ...) G_GNUC_PRINTF (5, 6);
guint       pb_error_get_http_status    (const GError *error);
guint       pb_error_get_retry_after    (const GError *error);
GHashTable *pb_error_get_field_messages (const GError *error);
const char *pb_error_get_field_message  (const GError *error,
                                         const char   *field);
gboolean    pb_error_is_transient       (const GError *error);

G_END_DECLS

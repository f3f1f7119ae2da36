/* pb-error.c: Patchbay's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-error"

#include "config.h"

#include <gio/gio.h>

#include "pb-error.h"

/* The HTTP details of a failed request travel with the GError itself, so that a
 * validation failure can be shown beside the field it names without a side channel. */
typedef struct
{
  guint       http_status;
  guint       retry_after;
  GHashTable *field_messages;
} PbErrorPrivate;

static void
pb_error_private_init (PbErrorPrivate *priv)
{
  priv->http_status = 0;
  priv->retry_after = 0;
  priv->field_messages = NULL;
}

static void
pb_error_private_copy (const PbErrorPrivate *src,
                       PbErrorPrivate       *dest)
{
  dest->http_status = src->http_status;
  dest->retry_after = src->retry_after;
  dest->field_messages = src->field_messages ? g_hash_table_ref (src->field_messages) : NULL;
}

static void
pb_error_private_clear (PbErrorPrivate *priv)
{
  g_clear_pointer (&priv->field_messages, g_hash_table_unref);
}

G_DEFINE_EXTENDED_ERROR (PbError, pb_error)

/**
 * pb_error_new_http:
 * @code: the error code
 * @http_status: the HTTP status that caused it, or 0
 * @retry_after: seconds the server asked to wait, or 0
 * @field_messages: (nullable) (transfer full): field name → message, as
 *   strings; the key "" holds messages that name no field
 * @format: printf-style message
 *
 * Returns: (transfer full): a new #GError in the %PB_ERROR domain
 */
GError *
pb_error_new_http (PbErrorCode  code,
                   guint        http_status,
                   guint        retry_after,
                   GHashTable  *field_messages,
                   const char  *format,
                   ...)
{
  PbErrorPrivate *priv;
  GError *error;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (PB_ERROR, code, format, args);
  va_end (args);

  priv = pb_error_get_private (error);
  priv->http_status = http_status;
  priv->retry_after = retry_after;
  priv->field_messages = field_messages;

  return error;
}

static PbErrorPrivate *
lookup_private (const GError *error)
{
  if (error == NULL || error->domain != PB_ERROR)
    return NULL;

  return pb_error_get_private (error);
}

/**
 * pb_error_get_http_status:
 * @error: a #GError
 *
 * Returns: the HTTP status behind @error, or 0 when there was none
 */
guint
pb_error_get_http_status (const GError *error)
{
  PbErrorPrivate *priv = lookup_private (error);

  return priv ? priv->http_status : 0;
}

/**
 * pb_error_get_retry_after:
 * @error: a #GError
 *
 * Returns: the seconds the server asked the client to wait, or 0
 */
guint
pb_error_get_retry_after (const GError *error)
{
  PbErrorPrivate *priv = lookup_private (error);

  return priv ? priv->retry_after : 0;
}

/**
 * pb_error_get_field_messages:
 * @error: a #GError
 *
 * Returns: (nullable) (transfer none): field name → message of a validation
 *   failure; the key "" holds messages that name no field
 */
GHashTable *
pb_error_get_field_messages (const GError *error)
{
  PbErrorPrivate *priv = lookup_private (error);

  return priv ? priv->field_messages : NULL;
}

/**
 * pb_error_get_field_message:
 * @error: a #GError
 * @field: a field name such as "target_url"
 *
 * Returns: (nullable): what the server said of @field, or %NULL
 */
const char *
pb_error_get_field_message (const GError *error,
                            const char   *field)
{
  GHashTable *messages = pb_error_get_field_messages (error);

  g_return_val_if_fail (field != NULL, NULL);

  return messages ? g_hash_table_lookup (messages, field) : NULL;
}

/**
 * pb_error_is_transient:
 * @error: a #GError
 *
 * Returns: %TRUE when trying the same request again later may succeed
 */
gboolean
pb_error_is_transient (const GError *error)
{
  if (error == NULL)
    return FALSE;

  if (error->domain == PB_ERROR)
    return error->code == PB_ERROR_NETWORK ||
           error->code == PB_ERROR_TIMEOUT ||
           error->code == PB_ERROR_RATE_LIMITED ||
           error->code == PB_ERROR_SERVER;

  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE);
}

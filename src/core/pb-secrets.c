/* pb-secrets.c: API keys in the desktop keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-secrets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "pb-account.h"
#include "pb-error.h"
#include "pb-secrets.h"

typedef enum
{
  PB_SECRETS_LOOKUP,
  PB_SECRETS_STORE,
  PB_SECRETS_CLEAR,
} PbSecretsOperation;

static const SecretSchema *
pb_secrets_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.patchbay.Patchbay.ApiKey",
    SECRET_SCHEMA_NONE,
    {
      { "subdomain", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "api-base", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/* Subdomains are case-insensitive and a base URL may be typed with or without
 * a final slash; both spellings must find the same key. */
static char *
pb_secrets_normalize_base (const char *api_base)
{
  g_autofree char *base = g_strdup (api_base != NULL ? api_base : PB_DEFAULT_API_BASE);
  gsize len = strlen (base);

  while (len > 0 && base[len - 1] == '/')
    base[--len] = '\0';

  return g_steal_pointer (&base);
}

static GHashTable *
pb_secrets_attributes_new (const char *subdomain,
                           const char *api_base)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_assert (subdomain != NULL);

  g_hash_table_insert (attributes, (gpointer)"subdomain", g_ascii_strdown (subdomain, -1));
  g_hash_table_insert (attributes, (gpointer)"api-base", pb_secrets_normalize_base (api_base));

  return attributes;
}

/* Cancellation stays a G_IO_ERROR so that callers can tell it from a failure
 * and stay silent about it. */
static GError *
pb_secrets_wrap_error (GError             *error,
                       PbSecretsOperation  operation)
{
  g_autoptr(GError) owned = error;

  g_assert (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_steal_pointer (&owned);

  g_debug ("Keyring failure: %s", error->message);

  switch (operation)
    {
    case PB_SECRETS_LOOKUP:
      return g_error_new (PB_ERROR, PB_ERROR_SECRETS,
                          _("The keyring is locked or unavailable, so the API key could not "
                            "be read: %s"), error->message);
    case PB_SECRETS_STORE:
      return g_error_new (PB_ERROR, PB_ERROR_SECRETS,
                          _("The keyring is locked or unavailable, so the API key could not "
                            "be saved: %s"), error->message);
    case PB_SECRETS_CLEAR:
      return g_error_new (PB_ERROR, PB_ERROR_SECRETS,
                          _("The keyring is locked or unavailable, so the API key could not "
                            "be removed: %s"), error->message);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
pb_secrets_check_key (const char  *api_key,
                      GError     **error)
{
  if (api_key[0] != '\0')
    return TRUE;

  /* Translators: "System Setup › Integrations › API" names menus of Current RMS
   * itself; keep them as Current RMS shows them in your language, or in English. */
  g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_INPUT,
                       _("The API key is empty. Copy it from System Setup › Integrations › "
                         "API in Current RMS."));
  return FALSE;
}

static char *
pb_secrets_dup_label (const char *subdomain,
                      const char *label)
{
  const char *name = (label != NULL && label[0] != '\0') ? label : subdomain;

  /* Translators: the name of the item that the keyring shows; %s is the
   * account's name or subdomain */
  return g_strdup_printf (_("Current RMS API key for %s"), name);
}

/**
 * pb_secrets_lookup_env:
 * @subdomain: the account's subdomain
 * @api_base: (nullable): the account's API base, or %NULL for the default
 *
 * Looks for the account's key in the environment only: PATCHBAY_SUBDOMAIN must
 * name @subdomain and PATCHBAY_API_KEY must be set; PATCHBAY_API_BASE, when
 * set, must name the same base as @api_base.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL when the environment
 *   does not provide one for this account
 */
char *
pb_secrets_lookup_env (const char *subdomain,
                       const char *api_base)
{
  const char *env_subdomain = g_getenv ("PATCHBAY_SUBDOMAIN");
  const char *env_key = g_getenv ("PATCHBAY_API_KEY");
  const char *env_base = g_getenv ("PATCHBAY_API_BASE");

  g_return_val_if_fail (subdomain != NULL, NULL);

  if (env_subdomain == NULL || env_key == NULL || env_key[0] == '\0')
    return NULL;

  if (g_ascii_strcasecmp (env_subdomain, subdomain) != 0)
    return NULL;

  if (env_base != NULL && env_base[0] != '\0')
    {
      g_autofree char *wanted = pb_secrets_normalize_base (api_base);
      g_autofree char *offered = pb_secrets_normalize_base (env_base);

      if (g_strcmp0 (wanted, offered) != 0)
        return NULL;
    }

  g_debug ("Using the API key from the environment for %s", subdomain);

  return g_strdup (env_key);
}

/**
 * pb_secrets_lookup_sync:
 * @subdomain: the account's subdomain
 * @api_base: (nullable): the account's API base, or %NULL for the default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Finds the account's API key, in the environment first (see
 * pb_secrets_lookup_env()), then in the keyring.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL with @error unset when
 *   no key is stored, or %NULL with @error set when the keyring failed
 */
char *
pb_secrets_lookup_sync (const char    *subdomain,
                        const char    *api_base,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) local_error = NULL;
  char *key;

  g_return_val_if_fail (subdomain != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  key = pb_secrets_lookup_env (subdomain, api_base);
  if (key != NULL)
    return key;

  attributes = pb_secrets_attributes_new (subdomain, api_base);
  key = secret_password_lookupv_sync (pb_secrets_get_schema (), attributes,
                                      cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, pb_secrets_wrap_error (g_steal_pointer (&local_error),
                                                       PB_SECRETS_LOOKUP));
      return NULL;
    }

  return key;
}

/**
 * pb_secrets_store_sync:
 * @subdomain: the account's subdomain
 * @api_base: (nullable): the account's API base, or %NULL for the default
 * @label: (nullable): the account's name, shown in the keyring's item label
 * @api_key: the key to keep
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Saves @api_key in the default keyring collection, replacing any key kept for
 * the same account. The environment is not consulted.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_secrets_store_sync (const char    *subdomain,
                       const char    *api_base,
                       const char    *label,
                       const char    *api_key,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *item_label = NULL;

  g_return_val_if_fail (subdomain != NULL, FALSE);
  g_return_val_if_fail (api_key != NULL, FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pb_secrets_check_key (api_key, error))
    return FALSE;

  attributes = pb_secrets_attributes_new (subdomain, api_base);
  item_label = pb_secrets_dup_label (subdomain, label);

  if (!secret_password_storev_sync (pb_secrets_get_schema (), attributes,
                                    SECRET_COLLECTION_DEFAULT, item_label, api_key,
                                    cancellable, &local_error))
    {
      g_propagate_error (error, pb_secrets_wrap_error (g_steal_pointer (&local_error),
                                                       PB_SECRETS_STORE));
      return FALSE;
    }

  return TRUE;
}

/**
 * pb_secrets_clear_sync:
 * @subdomain: the account's subdomain
 * @api_base: (nullable): the account's API base, or %NULL for the default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Removes the account's key from the keyring. Having nothing to remove is not
 * an error.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_secrets_clear_sync (const char    *subdomain,
                       const char    *api_base,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (subdomain != NULL, FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  attributes = pb_secrets_attributes_new (subdomain, api_base);

  /* FALSE without an error only means that no item matched. */
  if (!secret_password_clearv_sync (pb_secrets_get_schema (), attributes,
                                    cancellable, &local_error) && local_error != NULL)
    {
      g_propagate_error (error, pb_secrets_wrap_error (g_steal_pointer (&local_error),
                                                       PB_SECRETS_CLEAR));
      return FALSE;
    }

  return TRUE;
}

static void
pb_secrets_lookup_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *key;

  key = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, pb_secrets_wrap_error (g_steal_pointer (&error),
                                                      PB_SECRETS_LOOKUP));
  else
    g_task_return_pointer (task, key, g_free);
}

/**
 * pb_secrets_lookup_async:
 * @subdomain: the account's subdomain
 * @api_base: (nullable): the account's API base, or %NULL for the default
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the lookup is done
 * @user_data: data for @callback
 *
 * Finds the account's API key without blocking; see pb_secrets_lookup_sync().
 */
void
pb_secrets_lookup_async (const char          *subdomain,
                         const char          *api_base,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  char *key;

  g_return_if_fail (subdomain != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_secrets_lookup_async);

  key = pb_secrets_lookup_env (subdomain, api_base);
  if (key != NULL)
    {
      g_task_return_pointer (task, key, g_free);
      return;
    }

  attributes = pb_secrets_attributes_new (subdomain, api_base);
  secret_password_lookupv (pb_secrets_get_schema (), attributes, cancellable,
                           pb_secrets_lookup_cb, g_steal_pointer (&task));
}

/**
 * pb_secrets_lookup_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the key, or %NULL with @error unset when
 *   no key is stored, or %NULL with @error set when the keyring failed
 */
char *
pb_secrets_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_secrets_lookup_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
pb_secrets_store_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, pb_secrets_wrap_error (g_steal_pointer (&error),
                                                      PB_SECRETS_STORE));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * pb_secrets_store_async:
 * @subdomain: the account's subdomain
 * @api_base: (nullable): the account's API base, or %NULL for the default
 * @label: (nullable): the account's name, shown in the keyring's item label
 * @api_key: the key to keep
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the key is saved or saving failed
 * @user_data: data for @callback
 *
 * Saves @api_key without blocking; see pb_secrets_store_sync().
 */
void
pb_secrets_store_async (const char          *subdomain,
                        const char          *api_base,
                        const char          *label,
                        const char          *api_key,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *item_label = NULL;
  GError *error = NULL;

  g_return_if_fail (subdomain != NULL);
  g_return_if_fail (api_key != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_secrets_store_async);

  if (!pb_secrets_check_key (api_key, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  attributes = pb_secrets_attributes_new (subdomain, api_base);
  item_label = pb_secrets_dup_label (subdomain, label);
  secret_password_storev (pb_secrets_get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                          item_label, api_key, cancellable,
                          pb_secrets_store_cb, g_steal_pointer (&task));
}

/**
 * pb_secrets_store_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the key was saved
 */
gboolean
pb_secrets_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_secrets_store_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
pb_secrets_clear_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_task_return_error (task, pb_secrets_wrap_error (g_steal_pointer (&error),
                                                      PB_SECRETS_CLEAR));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * pb_secrets_clear_async:
 * @subdomain: the account's subdomain
 * @api_base: (nullable): the account's API base, or %NULL for the default
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the key is removed or removing failed
 * @user_data: data for @callback
 *
 * Removes the account's key without blocking; see pb_secrets_clear_sync().
 */
void
pb_secrets_clear_async (const char          *subdomain,
                        const char          *api_base,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (subdomain != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_secrets_clear_async);

  attributes = pb_secrets_attributes_new (subdomain, api_base);
  secret_password_clearv (pb_secrets_get_schema (), attributes, cancellable,
                          pb_secrets_clear_cb, g_steal_pointer (&task));
}

/**
 * pb_secrets_clear_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when no key is left for the account
 */
gboolean
pb_secrets_clear_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_secrets_clear_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

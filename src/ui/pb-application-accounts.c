/* pb-application-accounts.c: the application's accounts and their sessions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-application"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-application-private.h"
#include "pb-error.h"
#include "pb-secrets.h"

static int
compare_sessions (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  PbAccount *account_a = pb_account_session_get_account ((PbAccountSession *)a);
  PbAccount *account_b = pb_account_session_get_account ((PbAccountSession *)b);
  gint64 id_a = pb_account_get_id (account_a);
  gint64 id_b = pb_account_get_id (account_b);

  return (id_a > id_b) - (id_a < id_b);
}

static void
session_refreshed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The session keeps the error and the offline state for the UI to show. */
  if (!pb_account_session_refresh_finish (PB_ACCOUNT_SESSION (object), result, NULL, &error))
    g_debug ("Refresh failed: %s", error->message);
}

static void
pb_application_insert_session (PbApplication *self,
                               PbAccount     *account,
                               PbClient      *client)
{
  g_autoptr(PbAccountSession) session = NULL;

  session = pb_account_session_new (self->store, account, client, self->catalog);
  g_list_store_insert_sorted (self->sessions, session, compare_sessions, NULL);
  pb_account_session_refresh_async (session, self->cancellable, session_refreshed_cb, NULL);
}

static void
pb_application_set_pending (PbApplication *self,
                            guint          pending)
{
  gboolean was_loading = self->pending_lookups > 0;

  self->pending_lookups = pending;
  if (was_loading != (pending > 0))
    pb_application_notify_loading (self);
}

typedef struct
{
  PbApplication *self;
  PbAccount     *account;
} KeyLookup;

static void
key_lookup_free (KeyLookup *lookup)
{
  g_clear_object (&lookup->self);
  g_clear_object (&lookup->account);
  g_free (lookup);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KeyLookup, key_lookup_free)

static void
key_looked_up_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KeyLookup) lookup = user_data;
  PbApplication *self = lookup->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbClient) client = NULL;
  g_autofree char *api_key = NULL;

  api_key = pb_secrets_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("Could not read the key of %s: %s",
               pb_account_get_subdomain (lookup->account), error->message);

  /* Without a key the account still opens from the cache; its refresh fails
   * with a sentence that sends the user to Edit. */
  client = pb_client_new (self->soup_session,
                          pb_account_get_api_base (lookup->account),
                          pb_account_get_subdomain (lookup->account),
                          api_key != NULL ? api_key : "");
  pb_application_insert_session (self, lookup->account, client);
  pb_application_set_pending (self, self->pending_lookups - 1);
}

static void
pb_application_lookup_key (PbApplication *self,
                           PbAccount     *account)
{
  KeyLookup *lookup = g_new0 (KeyLookup, 1);

  lookup->self = g_object_ref (self);
  lookup->account = g_object_ref (account);
  pb_application_set_pending (self, self->pending_lookups + 1);
  pb_secrets_lookup_async (pb_account_get_subdomain (account),
                           pb_account_get_api_base (account),
                           self->cancellable,
                           key_looked_up_cb,
                           lookup);
}

void
pb_application_load_accounts (PbApplication *self)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_demo = FALSE;

  accounts = pb_store_list_accounts (self->store, &error);
  if (accounts == NULL)
    {
      pb_application_add_message (self, error->message);
      return;
    }

  for (guint i = 0; i < accounts->len; i++)
    {
      PbAccount *account = g_ptr_array_index (accounts, i);

      if (pb_account_get_demo (account))
        has_demo = TRUE;
      else
        pb_application_lookup_key (self, account);
    }

  /* An explored demo stays until the user removes it. */
  if (has_demo || self->demo_requested)
    {
      g_clear_error (&error);
      if (!pb_application_start_demo (self, &error))
        pb_application_add_message (self, error->message);
    }
}

/**
 * pb_application_find_session:
 * @self: a #PbApplication
 * @account_id: an account id from the store
 *
 * Returns: (transfer none) (nullable): the session of that account
 */
PbAccountSession *
pb_application_find_session (PbApplication *self,
                             gint64         account_id)
{
  guint n_items;

  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->sessions));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PbAccountSession) session = NULL;

      session = g_list_model_get_item (G_LIST_MODEL (self->sessions), i);

      if (pb_account_get_id (pb_account_session_get_account (session)) == account_id)
        return session;
    }

  return NULL;
}

static gboolean
pb_application_find_position (PbApplication *self,
                              gint64         account_id,
                              guint         *position)
{
  PbAccountSession *session = pb_application_find_session (self, account_id);

  return session != NULL && g_list_store_find (self->sessions, session, position);
}

/**
 * pb_application_start_demo:
 * @self: a #PbApplication
 * @error: return location for a #GError
 *
 * Starts the built-in simulator and adds the demo account, unless it runs
 * already.
 *
 * Returns: %TRUE when the demo runs
 */
gboolean
pb_application_start_demo (PbApplication  *self,
                           GError        **error)
{
  g_autoptr(PbDemo) demo = NULL;
  g_autoptr(PbClient) client = NULL;

  g_return_val_if_fail (PB_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (self->demo != NULL)
    return TRUE;

  demo = pb_demo_new (self->store, self->receiver);
  if (!pb_demo_start (demo, error))
    return FALSE;

  client = pb_demo_create_client (demo, self->soup_session);
  self->demo = g_steal_pointer (&demo);
  pb_application_insert_session (self, pb_demo_get_account (self->demo), client);

  return TRUE;
}

/* Saving an account
 *
 * The row is written first, for the id a new account gets, and the key after
 * it, off the main thread, as the keyring may take its time or ask to be
 * unlocked. When the keyring fails, the row goes back to what it was, so that
 * nothing is half-saved. */

typedef struct
{
  PbAccount *account;
  PbAccount *previous;   /* the stored account an update replaces, or NULL */
  char      *api_key;
  gboolean   moved;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_object (&save->account);
  g_clear_object (&save->previous);
  g_free (save->api_key);
  g_free (save);
}

static void
undo_saved_row (PbApplication *self,
                SaveData      *save)
{
  g_autoptr(GError) error = NULL;
  gboolean undone;

  if (save->previous != NULL)
    undone = pb_store_save_account (self->store, save->previous, &error);
  else
    undone = pb_store_remove_account (self->store, pb_account_get_id (save->account), &error);

  if (!undone)
    g_warning ("Could not undo saving an account whose key was not stored: %s",
               error->message);
  if (save->previous == NULL)
    pb_account_set_id (save->account, 0);
}

static void
open_saved_session (PbApplication *self,
                    SaveData      *save)
{
  g_autoptr(PbClient) client = NULL;
  PbAccount *old_account = save->previous;
  guint position;

  if (save->moved)
    pb_secrets_clear_async (pb_account_get_subdomain (old_account),
                            pb_account_get_api_base (old_account), NULL, NULL, NULL);

  client = pb_client_new (self->soup_session, pb_account_get_api_base (save->account),
                          pb_account_get_subdomain (save->account), save->api_key);
  if (old_account != NULL
      && pb_application_find_position (self, pb_account_get_id (save->account), &position))
    g_list_store_remove (self->sessions, position);
  pb_application_insert_session (self, save->account, client);
}

static void
key_stored_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbApplication *self = g_task_get_source_object (task);
  SaveData *save = g_task_get_task_data (task);
  GError *error = NULL;

  if (!pb_secrets_store_finish (result, &error))
    {
      undo_saved_row (self, save);
      g_task_return_error (task, error);
      return;
    }

  open_saved_session (self, save);
  g_task_return_boolean (task, TRUE);
}

/* Takes @owned_task. */
static void
save_account (GTask *owned_task)
{
  g_autoptr(GTask) task = owned_task;
  PbApplication *self = g_task_get_source_object (task);
  SaveData *save = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  if (!pb_store_save_account (self->store, save->account, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  pb_secrets_store_async (pb_account_get_subdomain (save->account),
                          pb_account_get_api_base (save->account),
                          pb_account_get_display_name (save->account), save->api_key,
                          cancellable, key_stored_cb, g_steal_pointer (&task));
}

static GTask *
new_save_task (PbApplication       *self,
               PbAccount           *account,
               const char          *api_key,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  SaveData *save = g_new0 (SaveData, 1);

  save->account = g_object_ref (account);
  save->api_key = g_strdup (api_key);
  g_task_set_task_data (task, save, save_data_free);

  return task;
}

/**
 * pb_application_add_account_async:
 * @self: a #PbApplication
 * @account: a new account, not yet in the store
 * @api_key: its API key
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the account is added or could not be
 * @user_data: data for @callback
 *
 * Saves @account in the store, keeps @api_key in the keyring and opens a
 * session for it. When the key cannot be kept, the account is not saved.
 */
void
pb_application_add_account_async (PbApplication       *self,
                                  PbAccount           *account,
                                  const char          *api_key,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PB_IS_APPLICATION (self));
  g_return_if_fail (PB_IS_ACCOUNT (account));
  g_return_if_fail (api_key != NULL && api_key[0] != '\0');

  task = new_save_task (self, account, api_key, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_application_add_account_async);
  save_account (task);
}

/**
 * pb_application_add_account_finish:
 * @self: a #PbApplication
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the account was added
 */
gboolean
pb_application_add_account_finish (PbApplication  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        pb_application_add_account_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
stored_key_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *save = g_task_get_task_data (task);
  GError *error = NULL;

  save->api_key = pb_secrets_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (save->api_key == NULL)
    {
      g_task_return_new_error (task, PB_ERROR, PB_ERROR_SECRETS, "%s",
                               _("The keyring holds no API key for this account. "
                                 "Enter the key again."));
      return;
    }

  save_account (g_steal_pointer (&task));
}

/**
 * pb_application_update_account_async:
 * @self: a #PbApplication
 * @account: an edited copy of a stored account (same id)
 * @api_key: (nullable): a new API key, or %NULL or "" to keep the stored one
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the account is saved or could not be
 * @user_data: data for @callback
 *
 * Saves the edited account, moves its key when its address changed, and
 * replaces its session. When the key cannot be kept, the stored account
 * stays as it was.
 */
void
pb_application_update_account_async (PbApplication       *self,
                                     PbAccount           *account,
                                     const char          *api_key,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  PbAccountSession *old_session;
  PbAccount *old_account;
  GTask *task;
  SaveData *save;

  g_return_if_fail (PB_IS_APPLICATION (self));
  g_return_if_fail (PB_IS_ACCOUNT (account));

  old_session = pb_application_find_session (self, pb_account_get_id (account));
  g_return_if_fail (old_session != NULL);
  old_account = pb_account_session_get_account (old_session);

  task = new_save_task (self, account, api_key, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_application_update_account_async);
  save = g_task_get_task_data (task);
  save->previous = g_object_ref (old_account);
  save->moved = g_strcmp0 (pb_account_get_subdomain (old_account),
                           pb_account_get_subdomain (account)) != 0
                || g_strcmp0 (pb_account_get_api_base (old_account),
                              pb_account_get_api_base (account)) != 0;

  if (api_key != NULL && api_key[0] != '\0')
    {
      save_account (task);
      return;
    }

  g_clear_pointer (&save->api_key, g_free);
  pb_secrets_lookup_async (pb_account_get_subdomain (old_account),
                           pb_account_get_api_base (old_account),
                           cancellable, stored_key_cb, task);
}

/**
 * pb_application_update_account_finish:
 * @self: a #PbApplication
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the account was saved
 */
gboolean
pb_application_update_account_finish (PbApplication  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        pb_application_update_account_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * pb_application_remove_account:
 * @self: a #PbApplication
 * @account: a stored account
 * @error: return location for a #GError
 *
 * Forgets @account: its row, its cache, its key, and its session. Removing
 * the demo account stops the demo.
 *
 * Returns: %TRUE when the account was removed
 */
gboolean
pb_application_remove_account (PbApplication  *self,
                               PbAccount      *account,
                               GError        **error)
{
  g_autoptr(PbAccount) held = NULL;
  guint position;

  g_return_val_if_fail (PB_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (PB_IS_ACCOUNT (account), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  held = g_object_ref (account);
  if (!pb_store_remove_account (self->store, pb_account_get_id (held), error))
    return FALSE;

  if (pb_account_get_demo (held))
    {
      if (self->demo != NULL)
        pb_demo_stop (self->demo);
      g_clear_object (&self->demo);
    }
  else
    {
      pb_secrets_clear_async (pb_account_get_subdomain (held), pb_account_get_api_base (held),
                              NULL, NULL, NULL);
    }

  if (pb_application_find_position (self, pb_account_get_id (held), &position))
    g_list_store_remove (self->sessions, position);

  return TRUE;
}

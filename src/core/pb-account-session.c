/* pb-account-session.c: one connected account, its cache and its API client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-account-session-private.h"
#include "pb-error.h"

/* Past this many runs of removals and additions, one splice of the whole
 * list costs less than a signal per run. */
#define MAX_SINGLE_CHANGES 32

G_DEFINE_FINAL_TYPE (PbAccountSession, pb_account_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ACCOUNT,
  PROP_CLIENT,
  PROP_CATALOG,
  PROP_WEBHOOKS,
  PROP_SYNCING,
  PROP_OFFLINE,
  PROP_LAST_SYNC,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Cancels @target from the main loop rather than inside a "cancelled"
 * handler: cancelling may finish the operation at once, and freeing it then
 * disconnects from the cancellable being emitted, which would deadlock. */
void
pb_account_session_cancel_later (GCancellable *target)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_callback (source, cancel_cb, g_object_ref (target), g_object_unref);
  g_source_set_static_name (source, "[patchbay] cancel");
  g_source_attach (source, g_main_context_get_thread_default ());
}

/* A refresh caller waiting for the shared request. */
typedef struct
{
  GTask        *task;
  GCancellable *cancellable;
  gulong        handler;
} Waiter;

static void
waiter_free (Waiter *waiter)
{
  if (waiter->handler != 0)
    g_cancellable_disconnect (waiter->cancellable, waiter->handler);

  g_clear_object (&waiter->cancellable);
  g_clear_object (&waiter->task);
  g_free (waiter);
}

static void
pb_account_session_dispose (GObject *object)
{
  PbAccountSession *self = (PbAccountSession *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->refresh_cancellable != NULL)
    g_cancellable_cancel (self->refresh_cancellable);

  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (pb_account_session_parent_class)->dispose (object);
}

static void
pb_account_session_finalize (GObject *object)
{
  PbAccountSession *self = (PbAccountSession *)object;

  g_clear_object (&self->account);
  g_clear_object (&self->webhooks);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->refresh_cancellable);
  g_clear_pointer (&self->refresh_waiters, g_ptr_array_unref);
  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (pb_account_session_parent_class)->finalize (object);
}

void
pb_account_session_learn_event (PbAccountSession *self,
             const char       *event,
             gboolean          persist)
{
  g_autoptr(GError) error = NULL;

  if (event == NULL || event[0] == '\0' || pb_catalog_lookup (self->catalog, event) != NULL)
    return;

  pb_catalog_learn (self->catalog, event);
  if (persist && !pb_store_add_learned_event (self->store, event, &error))
    g_warning ("Could not keep a learned event: %s", error->message);
}

static void
learn_events (PbAccountSession *self,
              GPtrArray        *webhooks,
              gboolean          persist)
{
  for (guint i = 0; i < webhooks->len; i++)
    {
      PbWebhook *webhook = g_ptr_array_index (webhooks, i);

      pb_account_session_learn_event (self, pb_webhook_get_event (webhook), persist);
    }
}

/* The cache is read synchronously so that the list shows at once, even
 * offline. */
static void
load_cache (PbAccountSession *self)
{
  g_autoptr(GPtrArray) cached = NULL;
  g_autoptr(GError) error = NULL;

  cached = pb_store_list_webhooks (self->store, pb_account_get_id (self->account), &error);
  if (cached == NULL)
    {
      g_warning ("Could not read the cached webhooks of %s: %s",
                 pb_account_get_display_name (self->account), error->message);
      return;
    }

  g_list_store_splice (self->webhooks, 0, 0, cached->pdata, cached->len);
  learn_events (self, cached, FALSE);
}

static void
pb_account_session_constructed (GObject *object)
{
  PbAccountSession *self = (PbAccountSession *)object;

  G_OBJECT_CLASS (pb_account_session_parent_class)->constructed (object);

  g_assert (PB_IS_STORE (self->store));
  g_assert (PB_IS_ACCOUNT (self->account));

  if (self->catalog == NULL)
    self->catalog = g_object_ref (pb_catalog_get_default ());

  self->last_sync = pb_account_get_last_sync (self->account);
  self->last_error = g_strdup (pb_account_get_last_error (self->account));
  load_cache (self);
}

static void
pb_account_session_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PbAccountSession *self = PB_ACCOUNT_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;

    case PROP_WEBHOOKS:
      g_value_set_object (value, self->webhooks);
      break;

    case PROP_SYNCING:
      g_value_set_boolean (value, pb_account_session_get_syncing (self));
      break;

    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;

    case PROP_LAST_SYNC:
      g_value_set_int64 (value, self->last_sync);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_account_session_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PbAccountSession *self = PB_ACCOUNT_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;

    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_account_session_class_init (PbAccountSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = pb_account_session_constructed;
  object_class->dispose = pb_account_session_dispose;
  object_class->finalize = pb_account_session_finalize;
  object_class->get_property = pb_account_session_get_property;
  object_class->set_property = pb_account_session_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PB_TYPE_STORE, construct);
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, PB_TYPE_ACCOUNT, construct);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, PB_TYPE_CLIENT, construct);
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, PB_TYPE_CATALOG, construct);
  properties[PROP_WEBHOOKS] =
    g_param_spec_object ("webhooks", NULL, NULL, G_TYPE_LIST_MODEL, readable);
  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE, readable);
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE, readable);
  properties[PROP_LAST_SYNC] =
    g_param_spec_int64 ("last-sync", NULL, NULL, 0, G_MAXINT64, 0, readable);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL, readable);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_account_session_init (PbAccountSession *self)
{
  self->webhooks = g_list_store_new (PB_TYPE_WEBHOOK);
  self->cancellable = g_cancellable_new ();
  self->refresh_waiters = g_ptr_array_new_with_free_func ((GDestroyNotify)waiter_free);
}

/**
 * pb_account_session_new:
 * @store: the shared cache
 * @account: a saved account
 * @client: (nullable): the API client, or %NULL while no API key is known
 * @catalog: (nullable): the catalog to teach events to, or %NULL for the
 *   default one
 *
 * Returns: (transfer full): a session whose webhooks are those of the cache
 */
PbAccountSession *
pb_account_session_new (PbStore   *store,
                        PbAccount *account,
                        PbClient  *client,
                        PbCatalog *catalog)
{
  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (PB_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (client == NULL || PB_IS_CLIENT (client), NULL);
  g_return_val_if_fail (catalog == NULL || PB_IS_CATALOG (catalog), NULL);

  return g_object_new (PB_TYPE_ACCOUNT_SESSION,
                       "store", store,
                       "account", account,
                       "client", client,
                       "catalog", catalog,
                       NULL);
}

/**
 * pb_account_session_get_account:
 * @self: a #PbAccountSession
 *
 * Returns: (transfer none): the account
 */
PbAccount *
pb_account_session_get_account (PbAccountSession *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (self), NULL);

  return self->account;
}

/**
 * pb_account_session_get_client:
 * @self: a #PbAccountSession
 *
 * Returns: (transfer none) (nullable): the API client, or %NULL when no API
 *   key is stored
 */
PbClient *
pb_account_session_get_client (PbAccountSession *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (self), NULL);

  return self->client;
}

/**
 * pb_account_session_get_store:
 * @self: a #PbAccountSession
 *
 * Returns: (transfer none): the cache
 */
PbStore *
pb_account_session_get_store (PbAccountSession *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (self), NULL);

  return self->store;
}

/**
 * pb_account_session_get_webhooks:
 * @self: a #PbAccountSession
 *
 * Returns: (transfer none): a list of #PbWebhook, kept in step with the
 *   account; a webhook that changes stays the same object
 */
GListModel *
pb_account_session_get_webhooks (PbAccountSession *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (self), NULL);

  return G_LIST_MODEL (self->webhooks);
}

gboolean
pb_account_session_find_position (PbAccountSession *self,
               gint64            webhook_id,
               guint            *position)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->webhooks));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PbWebhook) webhook = g_list_model_get_item (G_LIST_MODEL (self->webhooks), i);

      if (pb_webhook_get_id (webhook) == webhook_id)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * pb_account_session_find_webhook:
 * @self: a #PbAccountSession
 * @webhook_id: a webhook id
 *
 * Returns: (transfer none) (nullable): the webhook of the list with that id
 */
PbWebhook *
pb_account_session_find_webhook (PbAccountSession *self,
                                 gint64            webhook_id)
{
  PbWebhook *webhook;
  guint position;

  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (self), NULL);

  if (!pb_account_session_find_position (self, webhook_id, &position))
    return NULL;

  /* The list keeps a reference, so the caller can borrow this one. */
  webhook = g_list_model_get_item (G_LIST_MODEL (self->webhooks), position);
  g_object_unref (webhook);
  return webhook;
}

/**
 * pb_account_session_get_syncing:
 * @self: a #PbAccountSession
 *
 * Returns: %TRUE while a refresh runs
 */
gboolean
pb_account_session_get_syncing (PbAccountSession *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (self), FALSE);

  return self->refresh_cancellable != NULL;
}

/**
 * pb_account_session_get_offline:
 * @self: a #PbAccountSession
 *
 * Returns: %TRUE when the last request could not reach Current RMS
 */
gboolean
pb_account_session_get_offline (PbAccountSession *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (self), FALSE);

  return self->offline;
}

/**
 * pb_account_session_get_last_sync:
 * @self: a #PbAccountSession
 *
 * Returns: when the webhooks were last fetched successfully, in µs since the
 *   epoch, or 0 when never
 */
gint64
pb_account_session_get_last_sync (PbAccountSession *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (self), 0);

  return self->last_sync;
}

/**
 * pb_account_session_get_last_error:
 * @self: a #PbAccountSession
 *
 * Returns: (nullable): why the last refresh failed, or %NULL when it succeeded
 */
const char *
pb_account_session_get_last_error (PbAccountSession *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (self), NULL);

  return self->last_error;
}

/**
 * pb_account_session_is_own_target:
 * @self: a #PbAccountSession
 * @webhook: a #PbWebhook
 *
 * Returns: %TRUE when @webhook posts to a receiver token that this
 *   installation created
 */
gboolean
pb_account_session_is_own_target (PbAccountSession *self,
                                  PbWebhook        *webhook)
{
  g_autofree char *token = NULL;
  const char *start;
  gsize length;

  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (self), FALSE);
  g_return_val_if_fail (PB_IS_WEBHOOK (webhook), FALSE);

  start = strstr (pb_webhook_get_target_url (webhook), "/hooks/");
  if (start == NULL || self->store == NULL)
    return FALSE;

  start += strlen ("/hooks/");
  length = strcspn (start, "/?#");
  if (length == 0)
    return FALSE;

  token = g_strndup (start, length);
  return pb_store_has_token (self->store, token);
}

static void
set_offline (PbAccountSession *self,
             gboolean          offline)
{
  offline = !!offline;
  if (self->offline == offline)
    return;

  self->offline = offline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

static void
set_last_error (PbAccountSession *self,
                const char       *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
set_last_sync (PbAccountSession *self,
               gint64            last_sync)
{
  if (self->last_sync == last_sync)
    return;

  self->last_sync = last_sync;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
}

static gboolean
is_unreachable (const GError *error)
{
  return g_error_matches (error, PB_ERROR, PB_ERROR_NETWORK) ||
         g_error_matches (error, PB_ERROR, PB_ERROR_TIMEOUT);
}

GError *
pb_account_session_no_key_error (PbAccountSession *self)
{
  return pb_error_new_http (PB_ERROR_AUTHENTICATION, 0, 0, NULL,
                            _("No API key is stored for %s. Add the key in the account "
                              "settings to reach Current RMS."),
                            pb_account_get_display_name (self->account));
}

/* A request reached Current RMS, or failed to: either way the offline state
 * is now known. */
void
pb_account_session_note_request_result (PbAccountSession *self,
                     const GError     *error)
{
  if (error == NULL)
    set_offline (self, FALSE);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_offline (self, is_unreachable (error));
}

/* Refresh */

void
pb_account_session_copy_attributes (PbWebhook *target,
                                    PbWebhook *source)
{
  pb_webhook_set_name (target, pb_webhook_get_name (source));
  pb_webhook_set_event (target, pb_webhook_get_event (source));
  pb_webhook_set_target_url (target, pb_webhook_get_target_url (source));
  pb_webhook_set_active (target, pb_webhook_get_active (source));
  pb_webhook_set_extra (target, pb_webhook_get_extra (source));
}

static guint
gone_at (GArray *gone,
         guint   index)
{
  return g_array_index (gone, guint, index);
}

static guint
count_runs (GArray *gone)
{
  guint runs = 0;

  for (guint i = 0; i < gone->len; i++)
    if (i == 0 || gone_at (gone, i - 1) + 1 != gone_at (gone, i))
      runs++;

  return runs;
}

/* Removes the sorted positions in @gone with one splice per run of adjacent
 * ones, from the back so that the positions before stay valid, then appends
 * @added. A run that ends the list is replaced by @added in the same splice.
 * Nothing removed and nothing added means no signal at all. */
static void
splice_changes (GListStore *store,
                guint       n_items,
                GArray     *gone,
                GPtrArray  *added)
{
  gboolean appended = added->len == 0;
  guint end = gone->len;

  while (end > 0)
    {
      guint start = end - 1;
      guint first;

      while (start > 0 && gone_at (gone, start - 1) + 1 == gone_at (gone, start))
        start--;

      first = gone_at (gone, start);
      if (!appended && first + (end - start) == n_items)
        {
          g_list_store_splice (store, first, end - start, added->pdata, added->len);
          appended = TRUE;
        }
      else
        {
          g_list_store_splice (store, first, end - start, NULL, 0);
        }
      end = start;
    }

  if (!appended)
    g_list_store_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)), 0,
                         added->pdata, added->len);
}

/* Brings the list to @fresh: webhooks that stay are updated in place, so that
 * the rows bound to them refresh without being rebuilt; gone ones leave, new
 * ones go to the end. */
static void
apply_to_model (PbAccountSession *self,
                GPtrArray        *fresh)
{
  GListModel *model = G_LIST_MODEL (self->webhooks);
  g_autoptr(GHashTable) unseen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  g_autofree gint64 *ids = g_new (gint64, MAX (fresh->len, 1));
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < fresh->len; i++)
    {
      ids[i] = pb_webhook_get_id (g_ptr_array_index (fresh, i));
      g_hash_table_insert (unseen, &ids[i], g_ptr_array_index (fresh, i));
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PbWebhook) current = g_list_model_get_item (model, i);
      gint64 id = pb_webhook_get_id (current);
      PbWebhook *update = g_hash_table_lookup (unseen, &id);

      if (update == NULL)
        {
          g_array_append_val (gone, i);
          continue;
        }

      pb_account_session_copy_attributes (current, update);
      g_hash_table_remove (unseen, &id);
      g_ptr_array_add (kept, g_steal_pointer (&current));
    }

  /* Removing as it goes also drops an id that the API listed twice. */
  for (guint i = 0; i < fresh->len; i++)
    if (g_hash_table_remove (unseen, &ids[i]))
      g_ptr_array_add (added, g_ptr_array_index (fresh, i));

  if (count_runs (gone) + (added->len > 0) > MAX_SINGLE_CHANGES)
    {
      for (guint i = 0; i < added->len; i++)
        g_ptr_array_add (kept, g_object_ref (g_ptr_array_index (added, i)));
      g_list_store_splice (self->webhooks, 0, n_items, kept->pdata, kept->len);
      return;
    }

  splice_changes (self->webhooks, n_items, gone, added);
}

static void
set_syncing (PbAccountSession *self,
             GCancellable     *refresh_cancellable)
{
  gboolean was_syncing = self->refresh_cancellable != NULL;

  g_clear_object (&self->refresh_cancellable);
  self->refresh_cancellable = refresh_cancellable;

  if (was_syncing != (refresh_cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
}

/* Hands the shared result to every caller that joined the refresh. */
static void
finish_refresh (PbAccountSession    *self,
                const PbSyncChanges *changes,
                const GError        *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->refresh_waiters);

  self->refresh_waiters = g_ptr_array_new_with_free_func ((GDestroyNotify)waiter_free);
  set_syncing (self, NULL);

  for (guint i = 0; i < waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (waiters, i);

      if (g_task_return_error_if_cancelled (waiter->task))
        continue;
      if (error != NULL)
        g_task_return_error (waiter->task, g_error_copy (error));
      else
        g_task_return_pointer (waiter->task, g_memdup2 (changes, sizeof *changes), g_free);
    }
}

static void
fail_refresh (PbAccountSession *self,
              const GError     *error)
{
  g_autoptr(GError) store_error = NULL;

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Refreshing %s failed: %s",
               pb_account_get_display_name (self->account), error->message);
      if (!pb_store_record_sync (self->store, self->account, g_get_real_time (),
                                 error->message, &store_error))
        g_warning ("Could not record a failed refresh: %s", store_error->message);
      pb_account_session_note_request_result (self, error);
      set_last_error (self, error->message);
    }

  finish_refresh (self, NULL, error);
}

static void
complete_refresh (PbAccountSession *self,
                  GPtrArray        *webhooks)
{
  g_autoptr(GError) error = NULL;
  PbSyncChanges changes = { 0, };
  gint64 now = g_get_real_time ();

  if (!pb_store_replace_webhooks (self->store, pb_account_get_id (self->account), webhooks,
                                  now, &changes, &error))
    {
      fail_refresh (self, error);
      return;
    }

  apply_to_model (self, webhooks);
  learn_events (self, webhooks, TRUE);

  if (!pb_store_record_sync (self->store, self->account, now, NULL, &error))
    g_warning ("Could not record the time of a refresh: %s", error->message);

  pb_account_session_note_request_result (self, NULL);
  set_last_error (self, NULL);
  set_last_sync (self, now);
  finish_refresh (self, &changes, NULL);
}

static void
list_webhooks_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PbAccountSession) self = user_data;
  g_autoptr(GPtrArray) webhooks = NULL;
  g_autoptr(GError) error = NULL;

  webhooks = pb_client_list_webhooks_finish (PB_CLIENT (object), result, &error);

  /* Whatever the answer, a cancelled refresh records nothing: after dispose
   * the store is gone. */
  if (g_cancellable_is_cancelled (self->refresh_cancellable) ||
      g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_pointer (&webhooks, g_ptr_array_unref);
      g_clear_error (&error);
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The refresh was cancelled."));
    }

  if (webhooks == NULL)
    fail_refresh (self, error);
  else
    complete_refresh (self, webhooks);
}

/* The shared request stops only when every caller that joined it gave up. */
static void
waiter_cancelled (GCancellable     *cancellable,
                  PbAccountSession *self)
{
  for (guint i = 0; i < self->refresh_waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (self->refresh_waiters, i);

      if (waiter->cancellable == NULL || !g_cancellable_is_cancelled (waiter->cancellable))
        return;
    }

  if (self->refresh_cancellable != NULL)
    pb_account_session_cancel_later (self->refresh_cancellable);
}

/**
 * pb_account_session_refresh_async:
 * @self: a #PbAccountSession
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the refresh ends
 * @user_data: data for @callback
 *
 * Fetches every webhook of the account, replaces the cache with them in one
 * transaction and brings the list model in step. A call made while a refresh
 * runs joins it and gets its result. On failure the cache and the list stay
 * as they were, and #PbAccountSession:last-error says why.
 */
void
pb_account_session_refresh_async (PbAccountSession    *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Waiter *waiter;

  g_return_if_fail (PB_IS_ACCOUNT_SESSION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_account_session_refresh_async);

  if (self->client == NULL)
    {
      g_task_return_error (task, pb_account_session_no_key_error (self));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  waiter = g_new0 (Waiter, 1);
  waiter->task = g_object_ref (task);
  g_ptr_array_add (self->refresh_waiters, waiter);
  if (cancellable != NULL)
    {
      waiter->cancellable = g_object_ref (cancellable);
      waiter->handler = g_cancellable_connect (cancellable, G_CALLBACK (waiter_cancelled),
                                               self, NULL);
    }

  if (self->refresh_cancellable != NULL)
    return;

  set_syncing (self, g_cancellable_new ());
  pb_client_list_webhooks_async (self->client, self->refresh_cancellable,
                                 list_webhooks_cb, g_object_ref (self));
}

/**
 * pb_account_session_refresh_finish:
 * @self: a #PbAccountSession
 * @result: the #GAsyncResult
 * @changes: (out) (optional): what the refresh changed in the cache
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the webhooks were fetched and cached
 */
gboolean
pb_account_session_refresh_finish (PbAccountSession  *self,
                                   GAsyncResult      *result,
                                   PbSyncChanges     *changes,
                                   GError           **error)
{
  g_autofree PbSyncChanges *found = NULL;

  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        pb_account_session_refresh_async, FALSE);

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return FALSE;

  if (changes != NULL)
    *changes = *found;

  return TRUE;
}

/* pb-delivery-list.c: a live, filtered window on the delivery history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-delivery-list"

#include "config.h"

#include <string.h>

#include "pb-delivery-list.h"

#define DEFAULT_FLUSH_INTERVAL 30

struct _PbDeliveryList
{
  GObject    parent_instance;

  PbStore   *store;
  gint64     account_id;

  /* The filter; NULL or 0 when unset */
  char      *text;
  char      *event;
  char      *subject;
  gint64     since;

  /* Shown rows, newest first */
  GPtrArray *items;
  /* How many rows may be kept: max_items, or more once older pages are loaded */
  guint      cap;
  guint      max_items;
  gboolean   has_older;

  /* Rows the store signalled since the last flush, oldest first */
  GPtrArray *incoming;
  /* Matching rows not shown yet (paused), oldest first, at most cap of them */
  GPtrArray *held;
  guint      n_pending;
  gboolean   paused;
  guint      flush_interval;
  guint      flush_id;
};

static void pb_delivery_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PbDeliveryList, pb_delivery_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pb_delivery_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_ACCOUNT_ID,
  PROP_PAUSED,
  PROP_N_PENDING,
  PROP_HAS_OLDER,
  PROP_MAX_ITEMS,
  PROP_FLUSH_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
pb_delivery_list_get_item_type (GListModel *model)
{
  return PB_TYPE_DELIVERY;
}

static guint
pb_delivery_list_get_n_items (GListModel *model)
{
  return PB_DELIVERY_LIST (model)->items->len;
}

static gpointer
pb_delivery_list_get_item (GListModel *model,
                           guint       position)
{
  PbDeliveryList *self = PB_DELIVERY_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
pb_delivery_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pb_delivery_list_get_item_type;
  iface->get_n_items = pb_delivery_list_get_n_items;
  iface->get_item = pb_delivery_list_get_item;
}

static void
set_has_older (PbDeliveryList *self,
               gboolean        has_older)
{
  if (self->has_older == has_older)
    return;

  self->has_older = has_older;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_OLDER]);
}

static void
set_n_pending (PbDeliveryList *self,
               guint           n_pending)
{
  if (self->n_pending == n_pending)
    return;

  self->n_pending = n_pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

static void
fill_query (PbDeliveryList  *self,
            PbDeliveryQuery *query)
{
  memset (query, 0, sizeof *query);
  query->account_id = self->account_id;
  query->text = self->text;
  query->event = self->event;
  query->subject = self->subject;
  query->since = self->since;
}

static gboolean
account_matches (PbDeliveryList *self,
                 PbDelivery     *delivery)
{
  gint64 account_id = pb_delivery_get_account_id (delivery);

  return self->account_id == 0 || account_id == 0 || account_id == self->account_id;
}

/* Which of @incoming the filter lets through. The account and the time are
 * checked here; the text, event and subject conditions are left to the store,
 * in one query over the rows received since the oldest of them, so that the
 * live rows obey exactly the rules of the query that filled the list. */
static GPtrArray *
match_incoming (PbDeliveryList *self,
                GPtrArray      *incoming)
{
  g_autoptr(GPtrArray) matched = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GError) error = NULL;
  PbDeliveryQuery query;
  gint64 oldest = G_MAXINT64;

  for (guint i = 0; i < incoming->len; i++)
    {
      PbDelivery *delivery = g_ptr_array_index (incoming, i);

      if (account_matches (self, delivery) && pb_delivery_get_received_at (delivery) >= self->since)
        g_ptr_array_add (matched, g_object_ref (delivery));
      oldest = MIN (oldest, pb_delivery_get_received_at (delivery));
    }

  if (matched->len == 0 || (self->text == NULL && self->event == NULL && self->subject == NULL))
    return g_steal_pointer (&matched);

  fill_query (self, &query);
  query.since = MAX (self->since, oldest);
  rows = pb_store_list_deliveries (self->store, &query, &error);
  if (rows == NULL)
    {
      g_warning ("Could not filter new deliveries: %s", error->message);
      return g_ptr_array_new_with_free_func (g_object_unref);
    }

  ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      gint64 *id = g_new (gint64, 1);

      *id = pb_delivery_get_id (g_ptr_array_index (rows, i));
      g_hash_table_add (ids, id);
    }

  kept = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < matched->len; i++)
    {
      PbDelivery *delivery = g_ptr_array_index (matched, i);
      gint64 id = pb_delivery_get_id (delivery);

      if (g_hash_table_contains (ids, &id))
        g_ptr_array_add (kept, g_object_ref (delivery));
    }

  return g_steal_pointer (&kept);
}

static void
insert_newest (PbDeliveryList *self,
               GPtrArray      *rows)
{
  guint n_new = MIN (rows->len, self->cap);
  guint old_len = self->items->len;
  guint removed = 0;

  g_assert (n_new > 0);

  /* @rows is oldest first: the newest of them goes to the top. */
  g_ptr_array_set_size (self->items, old_len + n_new);
  memmove (self->items->pdata + n_new, self->items->pdata, old_len * sizeof (gpointer));
  for (guint i = 0; i < n_new; i++)
    self->items->pdata[i] = g_object_ref (g_ptr_array_index (rows, rows->len - 1 - i));

  if (self->items->len > self->cap)
    {
      removed = self->items->len - self->cap;
      g_ptr_array_remove_range (self->items, self->cap, removed);
    }

  if (removed >= old_len)
    {
      /* Everything that was shown scrolled out: one change says it all. */
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->items->len);
    }
  else
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, n_new);
      if (removed > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), self->cap, removed, 0);
    }

  if (removed > 0)
    set_has_older (self, TRUE);
}

static void
hold_incoming (PbDeliveryList *self)
{
  g_autoptr(GPtrArray) incoming = g_steal_pointer (&self->incoming);
  g_autoptr(GPtrArray) matched = NULL;
  guint n_matched;

  self->incoming = g_ptr_array_new_with_free_func (g_object_unref);
  if (incoming->len == 0)
    return;

  matched = match_incoming (self, incoming);
  n_matched = matched->len;
  g_ptr_array_extend_and_steal (self->held, g_steal_pointer (&matched));

  /* Rows beyond the cap would be trimmed on insertion anyway. */
  if (self->held->len > self->cap)
    g_ptr_array_remove_range (self->held, 0, self->held->len - self->cap);

  set_n_pending (self, self->n_pending + n_matched);
}

/**
 * pb_delivery_list_flush:
 * @self: a #PbDeliveryList
 *
 * Inserts the rows the store has signalled so far, unless the list is
 * paused, in which case they are only counted in #PbDeliveryList:n-pending.
 */
void
pb_delivery_list_flush (PbDeliveryList *self)
{
  g_autoptr(GPtrArray) held = NULL;

  g_return_if_fail (PB_IS_DELIVERY_LIST (self));

  g_clear_handle_id (&self->flush_id, g_source_remove);
  hold_incoming (self);

  if (self->paused || self->held->len == 0)
    return;

  held = g_steal_pointer (&self->held);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  set_n_pending (self, 0);
  insert_newest (self, held);
}

static gboolean
flush_cb (gpointer user_data)
{
  PbDeliveryList *self = user_data;

  self->flush_id = 0;
  pb_delivery_list_flush (self);

  return G_SOURCE_REMOVE;
}

static void
on_deliveries_added (PbDeliveryList *self,
                     GPtrArray      *deliveries)
{
  for (guint i = 0; i < deliveries->len; i++)
    g_ptr_array_add (self->incoming, g_object_ref (g_ptr_array_index (deliveries, i)));

  if (self->flush_id == 0)
    {
      self->flush_id = g_timeout_add (self->flush_interval, flush_cb, self);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->flush_id),
                                "[patchbay] delivery list flush");
    }
}

static void
on_deliveries_removed (PbDeliveryList *self)
{
  g_autoptr(GError) error = NULL;

  if (!pb_delivery_list_reload (self, &error))
    g_warning ("Could not reload the deliveries: %s", error->message);
}

static void
pb_delivery_list_constructed (GObject *object)
{
  PbDeliveryList *self = PB_DELIVERY_LIST (object);

  G_OBJECT_CLASS (pb_delivery_list_parent_class)->constructed (object);

  g_assert (PB_IS_STORE (self->store));

  g_signal_connect_object (self->store, "deliveries-added",
                           G_CALLBACK (on_deliveries_added), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "deliveries-removed",
                           G_CALLBACK (on_deliveries_removed), self, G_CONNECT_SWAPPED);
}

static void
pb_delivery_list_dispose (GObject *object)
{
  PbDeliveryList *self = PB_DELIVERY_LIST (object);

  g_clear_handle_id (&self->flush_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pb_delivery_list_parent_class)->dispose (object);
}

static void
pb_delivery_list_finalize (GObject *object)
{
  PbDeliveryList *self = PB_DELIVERY_LIST (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->event, g_free);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->incoming, g_ptr_array_unref);
  g_clear_pointer (&self->held, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_delivery_list_parent_class)->finalize (object);
}

static void
pb_delivery_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbDeliveryList *self = PB_DELIVERY_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ACCOUNT_ID:
      g_value_set_int64 (value, self->account_id);
      break;

    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;

    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_pending);
      break;

    case PROP_HAS_OLDER:
      g_value_set_boolean (value, self->has_older);
      break;

    case PROP_MAX_ITEMS:
      g_value_set_uint (value, self->max_items);
      break;

    case PROP_FLUSH_INTERVAL:
      g_value_set_uint (value, self->flush_interval);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_delivery_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PbDeliveryList *self = PB_DELIVERY_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_ACCOUNT_ID:
      self->account_id = g_value_get_int64 (value);
      break;

    case PROP_PAUSED:
      pb_delivery_list_set_paused (self, g_value_get_boolean (value));
      break;

    case PROP_MAX_ITEMS:
      pb_delivery_list_set_max_items (self, g_value_get_uint (value));
      break;

    case PROP_FLUSH_INTERVAL:
      pb_delivery_list_set_flush_interval (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_delivery_list_class_init (PbDeliveryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pb_delivery_list_constructed;
  object_class->dispose = pb_delivery_list_dispose;
  object_class->finalize = pb_delivery_list_finalize;
  object_class->get_property = pb_delivery_list_get_property;
  object_class->set_property = pb_delivery_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_int64 ("account-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_OLDER] =
    g_param_spec_boolean ("has-older", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_ITEMS] =
    g_param_spec_uint ("max-items", NULL, NULL, 1, G_MAXUINT,
                       PB_DELIVERY_LIST_DEFAULT_MAX_ITEMS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FLUSH_INTERVAL] =
    g_param_spec_uint ("flush-interval", NULL, NULL, 1, 10000, DEFAULT_FLUSH_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_delivery_list_init (PbDeliveryList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->incoming = g_ptr_array_new_with_free_func (g_object_unref);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  self->max_items = PB_DELIVERY_LIST_DEFAULT_MAX_ITEMS;
  self->cap = self->max_items;
  self->flush_interval = DEFAULT_FLUSH_INTERVAL;
}

/**
 * pb_delivery_list_new:
 * @store: the #PbStore to read from
 * @account_id: the account whose deliveries are listed (with those of the
 *   inbox token); 0 for every account
 *
 * The list starts empty: call pb_delivery_list_reload() or
 * pb_delivery_list_set_filter() to fill it.
 *
 * Returns: (transfer full): a new #PbDeliveryList
 */
PbDeliveryList *
pb_delivery_list_new (PbStore *store,
                      gint64   account_id)
{
  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (account_id >= 0, NULL);

  return g_object_new (PB_TYPE_DELIVERY_LIST,
                       "store", store,
                       "account-id", account_id,
                       NULL);
}

PbStore *
pb_delivery_list_get_store (PbDeliveryList *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY_LIST (self), NULL);

  return self->store;
}

gint64
pb_delivery_list_get_account_id (PbDeliveryList *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY_LIST (self), 0);

  return self->account_id;
}

static char *
dup_or_null (const char *text)
{
  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

/**
 * pb_delivery_list_set_filter:
 * @self: a #PbDeliveryList
 * @text: (nullable): words to find in the payloads
 * @event: (nullable): an exact event
 * @subject: (nullable): a catalog subject, such as "opportunity"
 * @since: only rows received at or after this time, in µs since the epoch;
 *   0 for all
 * @error: return location for a #GError
 *
 * Sets the filter and queries the store again.
 *
 * Returns: whether the query worked; the list is empty if it did not
 */
gboolean
pb_delivery_list_set_filter (PbDeliveryList  *self,
                             const char      *text,
                             const char      *event,
                             const char      *subject,
                             gint64           since,
                             GError         **error)
{
  g_return_val_if_fail (PB_IS_DELIVERY_LIST (self), FALSE);
  g_return_val_if_fail (since >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_free (self->text);
  self->text = dup_or_null (text);
  g_free (self->event);
  self->event = dup_or_null (event);
  g_free (self->subject);
  self->subject = dup_or_null (subject);
  self->since = since;

  return pb_delivery_list_reload (self, error);
}

/**
 * pb_delivery_list_get_filtered:
 * @self: a #PbDeliveryList
 *
 * Returns: whether any condition of the filter is set
 */
gboolean
pb_delivery_list_get_filtered (PbDeliveryList *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY_LIST (self), FALSE);

  return self->text != NULL || self->event != NULL || self->subject != NULL || self->since != 0;
}

static void
replace_items (PbDeliveryList *self,
               GPtrArray      *rows)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->items);

  self->items = g_ptr_array_ref (rows);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, rows->len);
}

/**
 * pb_delivery_list_reload:
 * @self: a #PbDeliveryList
 * @error: return location for a #GError
 *
 * Replaces the rows with the newest page that matches the filter. Rows held
 * back while paused are part of that page, so they are no longer pending.
 *
 * Returns: whether the query worked; the list is empty if it did not
 */
gboolean
pb_delivery_list_reload (PbDeliveryList  *self,
                         GError         **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  PbDeliveryQuery query;

  g_return_val_if_fail (PB_IS_DELIVERY_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Everything signalled so far is already in the store, so the query
   * includes it. */
  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_ptr_array_set_size (self->incoming, 0);
  g_ptr_array_set_size (self->held, 0);
  set_n_pending (self, 0);
  self->cap = self->max_items;

  fill_query (self, &query);
  query.limit = MIN (PB_DELIVERY_LIST_PAGE_SIZE, self->cap);
  rows = pb_store_list_deliveries (self->store, &query, error);
  if (rows == NULL)
    {
      replace_items (self, g_ptr_array_new_with_free_func (g_object_unref));
      set_has_older (self, FALSE);
      return FALSE;
    }

  replace_items (self, rows);
  set_has_older (self, rows->len == query.limit);

  return TRUE;
}

/**
 * pb_delivery_list_load_older:
 * @self: a #PbDeliveryList
 * @error: return location for a #GError
 *
 * Appends the next page of older matching rows. The rows a user scrolled to
 * stay until the filter changes, even beyond #PbDeliveryList:max-items.
 *
 * Returns: whether the query worked
 */
gboolean
pb_delivery_list_load_older (PbDeliveryList  *self,
                             GError         **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  PbDeliveryQuery query;
  guint position;

  g_return_val_if_fail (PB_IS_DELIVERY_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->has_older || self->items->len == 0)
    return TRUE;

  fill_query (self, &query);
  query.before_id = pb_delivery_get_id (g_ptr_array_index (self->items, self->items->len - 1));
  query.limit = PB_DELIVERY_LIST_PAGE_SIZE;
  rows = pb_store_list_deliveries (self->store, &query, error);
  if (rows == NULL)
    return FALSE;

  position = self->items->len;
  g_ptr_array_extend_and_steal (self->items, g_ptr_array_ref (rows));
  self->cap = MAX (self->max_items, self->items->len);
  set_has_older (self, rows->len == query.limit);
  if (rows->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 0, rows->len);

  return TRUE;
}

gboolean
pb_delivery_list_get_has_older (PbDeliveryList *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY_LIST (self), FALSE);

  return self->has_older;
}

gboolean
pb_delivery_list_get_paused (PbDeliveryList *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY_LIST (self), FALSE);

  return self->paused;
}

/**
 * pb_delivery_list_set_paused:
 * @self: a #PbDeliveryList
 * @paused: whether to hold new rows back
 *
 * Resuming inserts the held rows at once.
 */
void
pb_delivery_list_set_paused (PbDeliveryList *self,
                             gboolean        paused)
{
  g_return_if_fail (PB_IS_DELIVERY_LIST (self));

  paused = !!paused;
  if (self->paused == paused)
    return;

  self->paused = paused;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);

  if (!paused)
    pb_delivery_list_flush (self);
}

guint
pb_delivery_list_get_n_pending (PbDeliveryList *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY_LIST (self), 0);

  return self->n_pending;
}

guint
pb_delivery_list_get_max_items (PbDeliveryList *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY_LIST (self), 0);

  return self->max_items;
}

/**
 * pb_delivery_list_set_max_items:
 * @self: a #PbDeliveryList
 * @max_items: how many rows to keep while new ones arrive
 *
 * Takes effect at the next reload or insertion.
 */
void
pb_delivery_list_set_max_items (PbDeliveryList *self,
                                guint           max_items)
{
  g_return_if_fail (PB_IS_DELIVERY_LIST (self));
  g_return_if_fail (max_items > 0);

  if (self->max_items == max_items)
    return;

  self->max_items = max_items;
  self->cap = MAX (max_items, MIN (self->cap, self->items->len));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_ITEMS]);
}

guint
pb_delivery_list_get_flush_interval (PbDeliveryList *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY_LIST (self), 0);

  return self->flush_interval;
}

/**
 * pb_delivery_list_set_flush_interval:
 * @self: a #PbDeliveryList
 * @interval_ms: the longest a signalled row waits before it is inserted
 */
void
pb_delivery_list_set_flush_interval (PbDeliveryList *self,
                                     guint           interval_ms)
{
  g_return_if_fail (PB_IS_DELIVERY_LIST (self));
  g_return_if_fail (interval_ms > 0);

  if (self->flush_interval == interval_ms)
    return;

  self->flush_interval = interval_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLUSH_INTERVAL]);
}

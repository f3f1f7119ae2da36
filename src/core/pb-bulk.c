/* pb-bulk.c: planning and creating many webhooks to one target at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-bulk"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pb-bulk-private.h"
#include "pb-error.h"

/* PbBulkPlan */

struct _PbBulkPlan
{
  GObject           parent_instance;

  /* Given at construction */
  PbAccountSession *session;
  char             *target_url;
  gboolean          active;
  guint             pause_ms;

  /* Owned */
  GListStore       *items;
  guint             n_create;
  guint             n_skip;
  guint             n_skip_existing;
  guint             n_done;
  guint             n_failed;

  /* The run in flight */
  GTask            *task;
  PbBulkItem       *current;
  gboolean          sent_one;
};

G_DEFINE_FINAL_TYPE (PbBulkPlan, pb_bulk_plan, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_TARGET_URL,
  PROP_ACTIVE,
  PROP_ITEMS,
  PROP_N_CREATE,
  PROP_N_SKIP,
  PROP_N_DONE,
  PROP_N_FAILED,
  PROP_FRACTION,
  PROP_RUNNING,
  PROP_PAUSE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_bulk_plan_finalize (GObject *object)
{
  PbBulkPlan *self = (PbBulkPlan *)object;

  g_assert (self->task == NULL);

  g_clear_object (&self->session);
  g_clear_object (&self->items);
  g_clear_pointer (&self->target_url, g_free);

  G_OBJECT_CLASS (pb_bulk_plan_parent_class)->finalize (object);
}

static void
pb_bulk_plan_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PbBulkPlan *self = PB_BULK_PLAN (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_TARGET_URL:
      g_value_set_string (value, self->target_url);
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;

    case PROP_ITEMS:
      g_value_set_object (value, self->items);
      break;

    case PROP_N_CREATE:
      g_value_set_uint (value, self->n_create);
      break;

    case PROP_N_SKIP:
      g_value_set_uint (value, self->n_skip);
      break;

    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;

    case PROP_N_FAILED:
      g_value_set_uint (value, self->n_failed);
      break;

    case PROP_FRACTION:
      g_value_set_double (value, pb_bulk_plan_get_fraction (self));
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->task != NULL);
      break;

    case PROP_PAUSE:
      g_value_set_uint (value, self->pause_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_bulk_plan_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PbBulkPlan *self = PB_BULK_PLAN (object);

  switch (prop_id)
    {
    case PROP_PAUSE:
      pb_bulk_plan_set_pause (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_bulk_plan_class_init (PbBulkPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pb_bulk_plan_finalize;
  object_class->get_property = pb_bulk_plan_get_property;
  object_class->set_property = pb_bulk_plan_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, PB_TYPE_ACCOUNT_SESSION, flags);
  properties[PROP_TARGET_URL] =
    g_param_spec_string ("target-url", NULL, NULL, NULL, flags);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, TRUE, flags);
  properties[PROP_ITEMS] =
    g_param_spec_object ("items", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_N_CREATE] =
    g_param_spec_uint ("n-create", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_SKIP] =
    g_param_spec_uint ("n-skip", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_FAILED] =
    g_param_spec_uint ("n-failed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0, flags);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE, flags);
  properties[PROP_PAUSE] =
    g_param_spec_uint ("pause", NULL, NULL, 0, G_MAXUINT, PB_BULK_DEFAULT_PAUSE_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_bulk_plan_init (PbBulkPlan *self)
{
  self->items = g_list_store_new (PB_TYPE_BULK_ITEM);
  self->pause_ms = PB_BULK_DEFAULT_PAUSE_MS;
}

/* Planning */

/**
 * pb_bulk_default_name_template:
 *
 * Returns: the name template used when none is given, in the user's language
 */
const char *
pb_bulk_default_name_template (void)
{
  /* Translators: keep {subject} and {action} as they are; they become the
   * labels of an event, such as "Opportunity · Convert to order". */
  return _("{subject} · {action}");
}

/**
 * pb_bulk_format_name:
 * @name_template: (nullable): text with {subject}, {action} and {event}
 *   placeholders; %NULL or blank for the default template
 * @info: the event the name is for
 *
 * Braces that name no placeholder stay as they are.
 *
 * Returns: (transfer full): the name, without spaces around it
 */
char *
pb_bulk_format_name (const char  *name_template,
                     PbEventInfo *info)
{
  const struct { const char *placeholder; const char *value; } fields[] = {
    { "{subject}", pb_event_info_get_subject_label (info) },
    { "{action}", pb_event_info_get_action_label (info) },
    { "{event}", pb_event_info_get_event (info) },
  };
  g_autoptr(GString) name = NULL;
  g_autofree char *stripped = NULL;
  const char *p;

  g_return_val_if_fail (PB_IS_EVENT_INFO (info), NULL);

  stripped = g_strstrip (g_strdup (name_template ? name_template : ""));
  p = stripped[0] != '\0' ? stripped : pb_bulk_default_name_template ();
  name = g_string_new (NULL);

  while (*p != '\0')
    {
      gboolean replaced = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (fields) && !replaced; i++)
        {
          if (!g_str_has_prefix (p, fields[i].placeholder))
            continue;

          g_string_append (name, fields[i].value);
          p += strlen (fields[i].placeholder);
          replaced = TRUE;
        }

      if (!replaced)
        g_string_append_c (name, *p++);
    }

  return g_strstrip (g_string_free (g_steal_pointer (&name), FALSE));
}

static PbCatalog *
session_catalog (PbAccountSession *session)
{
  PbCatalog *catalog = NULL;

  g_object_get (session, "catalog", &catalog, NULL);
  return catalog != NULL ? catalog : g_object_ref (pb_catalog_get_default ());
}

/* Where @event sits in the catalog's list; unknown events go last. */
static guint
catalog_rank (GHashTable *ranks,
              const char *event)
{
  gpointer rank;

  if (g_hash_table_lookup_extended (ranks, event, NULL, &rank))
    return GPOINTER_TO_UINT (rank);

  return G_MAXUINT;
}

static GHashTable *
build_ranks (PbCatalog *catalog)
{
  GListModel *events = pb_catalog_get_events (catalog);
  guint n_items = g_list_model_get_n_items (events);
  GHashTable *ranks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PbEventInfo) info = g_list_model_get_item (events, i);

      g_hash_table_insert (ranks, g_strdup (pb_event_info_get_event (info)),
                           GUINT_TO_POINTER (i));
    }

  return ranks;
}

typedef struct
{
  const char *event;
  guint       rank;
  guint       position;
} Ordered;

static int
compare_ordered (gconstpointer a,
                 gconstpointer b)
{
  const Ordered *oa = a;
  const Ordered *ob = b;

  if (oa->rank != ob->rank)
    return oa->rank < ob->rank ? -1 : 1;

  return oa->position < ob->position ? -1 : (oa->position > ob->position);
}

/* The ticked events in catalog order; those it lacks keep their order at
 * the end. */
static GArray *
order_events (PbCatalog          *catalog,
              const char * const *events)
{
  g_autoptr(GHashTable) ranks = build_ranks (catalog);
  GArray *ordered = g_array_new (FALSE, FALSE, sizeof (Ordered));

  for (guint i = 0; events != NULL && events[i] != NULL; i++)
    {
      Ordered entry = { events[i], catalog_rank (ranks, events[i]), i };

      if (events[i][0] != '\0')
        g_array_append_val (ordered, entry);
    }

  g_array_sort (ordered, compare_ordered);
  return ordered;
}

/* Target URLs are compared without the spaces a paste may bring along. */
static gboolean
same_url (const char *a,
          const char *b)
{
  g_autofree char *sa = g_strstrip (g_strdup (a));
  g_autofree char *sb = g_strstrip (g_strdup (b));

  return g_str_equal (sa, sb);
}

static PbWebhook *
find_existing (PbAccountSession *session,
               const char       *event,
               const char       *target_url)
{
  GListModel *webhooks = pb_account_session_get_webhooks (session);
  guint n_items = g_list_model_get_n_items (webhooks);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PbWebhook) webhook = g_list_model_get_item (webhooks, i);

      if (g_str_equal (pb_webhook_get_event (webhook), event) &&
          same_url (pb_webhook_get_target_url (webhook), target_url))
        return webhook;
    }

  return NULL;
}

static char *
describe_existing (PbWebhook *existing)
{
  const char *name = pb_webhook_get_name (existing);

  if (name[0] == '\0')
    return g_strdup (_("A webhook already delivers this event to this URL"));

  /* Translators: %s is the name of the existing webhook */
  return g_strdup_printf (_("“%s” already delivers this event to this URL"), name);
}

static void
add_item (PbBulkPlan   *self,
          PbCatalog    *catalog,
          GHashTable   *seen,
          const char   *event,
          const char   *name_template)
{
  g_autoptr(PbEventInfo) info = pb_catalog_describe (catalog, event);
  g_autoptr(PbBulkItem) item = NULL;
  g_autofree char *name = pb_bulk_format_name (name_template, info);
  g_autofree char *reason = NULL;
  PbWebhook *existing;

  if (g_hash_table_contains (seen, event))
    {
      reason = g_strdup (_("Listed twice; only the first is created"));
    }
  else if ((existing = find_existing (self->session, event, self->target_url)) != NULL)
    {
      reason = describe_existing (existing);
      self->n_skip_existing++;
    }

  g_hash_table_add (seen, (gpointer)event);
  item = pb_bulk_item_new (info, name, reason);
  if (reason != NULL)
    self->n_skip++;
  else
    self->n_create++;

  g_list_store_append (self->items, item);
}

/**
 * pb_bulk_plan_new:
 * @session: the account the webhooks are created in
 * @events: (array zero-terminated=1) (nullable): the ticked event strings
 * @target_url: where every webhook delivers
 * @name_template: (nullable): how webhooks are named, see
 *   pb_bulk_format_name(); %NULL for the default
 * @active: whether the webhooks start active
 *
 * Plans one item per event, in catalog order. An event that already has a
 * webhook (active or not) with @target_url in the session's list, or that
 * is listed a second time, is skipped.
 *
 * Returns: (transfer full): the plan
 */
PbBulkPlan *
pb_bulk_plan_new (PbAccountSession   *session,
                  const char * const *events,
                  const char         *target_url,
                  const char         *name_template,
                  gboolean            active)
{
  g_autoptr(PbCatalog) catalog = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GArray) ordered = NULL;
  PbBulkPlan *self;

  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (session), NULL);
  g_return_val_if_fail (target_url != NULL, NULL);

  self = g_object_new (PB_TYPE_BULK_PLAN, NULL);
  self->session = g_object_ref (session);
  self->target_url = g_strstrip (g_strdup (target_url));
  self->active = !!active;

  catalog = session_catalog (session);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  ordered = order_events (catalog, events);
  for (guint i = 0; i < ordered->len; i++)
    add_item (self, catalog, seen, g_array_index (ordered, Ordered, i).event, name_template);

  return self;
}

/**
 * pb_bulk_plan_get_session:
 * @self: a #PbBulkPlan
 *
 * Returns: (transfer none): the account the webhooks are created in
 */
PbAccountSession *
pb_bulk_plan_get_session (PbBulkPlan *self)
{
  g_return_val_if_fail (PB_IS_BULK_PLAN (self), NULL);

  return self->session;
}

/**
 * pb_bulk_plan_get_items:
 * @self: a #PbBulkPlan
 *
 * Returns: (transfer none): a list of #PbBulkItem, in catalog order
 */
GListModel *
pb_bulk_plan_get_items (PbBulkPlan *self)
{
  g_return_val_if_fail (PB_IS_BULK_PLAN (self), NULL);

  return G_LIST_MODEL (self->items);
}

/**
 * pb_bulk_plan_get_target_url:
 * @self: a #PbBulkPlan
 *
 * Returns: where every webhook of the plan delivers
 */
const char *
pb_bulk_plan_get_target_url (PbBulkPlan *self)
{
  g_return_val_if_fail (PB_IS_BULK_PLAN (self), NULL);

  return self->target_url;
}

/**
 * pb_bulk_plan_get_active:
 * @self: a #PbBulkPlan
 *
 * Returns: whether the webhooks start active
 */
gboolean
pb_bulk_plan_get_active (PbBulkPlan *self)
{
  g_return_val_if_fail (PB_IS_BULK_PLAN (self), FALSE);

  return self->active;
}

/**
 * pb_bulk_plan_get_n_create:
 * @self: a #PbBulkPlan
 *
 * Returns: how many webhooks the plan creates
 */
guint
pb_bulk_plan_get_n_create (PbBulkPlan *self)
{
  g_return_val_if_fail (PB_IS_BULK_PLAN (self), 0);

  return self->n_create;
}

/**
 * pb_bulk_plan_get_n_skip:
 * @self: a #PbBulkPlan
 *
 * Returns: how many events the plan leaves out
 */
guint
pb_bulk_plan_get_n_skip (PbBulkPlan *self)
{
  g_return_val_if_fail (PB_IS_BULK_PLAN (self), 0);

  return self->n_skip;
}

/**
 * pb_bulk_plan_get_n_done:
 * @self: a #PbBulkPlan
 *
 * Returns: how many webhooks to create have been tried, whether they were
 *   created or failed
 */
guint
pb_bulk_plan_get_n_done (PbBulkPlan *self)
{
  g_return_val_if_fail (PB_IS_BULK_PLAN (self), 0);

  return self->n_done;
}

/**
 * pb_bulk_plan_get_n_failed:
 * @self: a #PbBulkPlan
 *
 * Returns: how many webhooks could not be created
 */
guint
pb_bulk_plan_get_n_failed (PbBulkPlan *self)
{
  g_return_val_if_fail (PB_IS_BULK_PLAN (self), 0);

  return self->n_failed;
}

/**
 * pb_bulk_plan_get_fraction:
 * @self: a #PbBulkPlan
 *
 * Returns: the share of webhooks to create that have been tried, from 0 to 1
 */
double
pb_bulk_plan_get_fraction (PbBulkPlan *self)
{
  g_return_val_if_fail (PB_IS_BULK_PLAN (self), 0.0);

  if (self->n_create == 0)
    return self->n_done == 0 ? 0.0 : 1.0;

  return (double)self->n_done / self->n_create;
}

/**
 * pb_bulk_plan_get_running:
 * @self: a #PbBulkPlan
 *
 * Returns: %TRUE while a run goes on
 */
gboolean
pb_bulk_plan_get_running (PbBulkPlan *self)
{
  g_return_val_if_fail (PB_IS_BULK_PLAN (self), FALSE);

  return self->task != NULL;
}

/**
 * pb_bulk_plan_get_pause:
 * @self: a #PbBulkPlan
 *
 * Returns: the pause between two requests, in milliseconds
 */
guint
pb_bulk_plan_get_pause (PbBulkPlan *self)
{
  g_return_val_if_fail (PB_IS_BULK_PLAN (self), 0);

  return self->pause_ms;
}

/**
 * pb_bulk_plan_set_pause:
 * @self: a #PbBulkPlan
 * @pause_ms: the pause between two requests, in milliseconds
 *
 * Spaces the requests of a run so that Current RMS is not flooded.
 */
void
pb_bulk_plan_set_pause (PbBulkPlan *self,
                        guint       pause_ms)
{
  g_return_if_fail (PB_IS_BULK_PLAN (self));

  if (self->pause_ms == pause_ms)
    return;

  self->pause_ms = pause_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSE]);
}

/**
 * pb_bulk_plan_dup_summary:
 * @self: a #PbBulkPlan
 *
 * Returns: (transfer full): a sentence saying what the plan creates and
 *   skips, such as "Create 11 webhooks, skip 2 that already exist with this URL."
 */
char *
pb_bulk_plan_dup_summary (PbBulkPlan *self)
{
  g_autoptr(GString) summary = NULL;
  guint n_twice;

  g_return_val_if_fail (PB_IS_BULK_PLAN (self), NULL);

  n_twice = self->n_skip - self->n_skip_existing;
  summary = g_string_new (NULL);

  /* The parts are joined with commas and end with a full stop. */
  if (self->n_create > 0)
    g_string_printf (summary, ngettext ("Create %u webhook", "Create %u webhooks",
                                        self->n_create),
                     self->n_create);
  else
    g_string_assign (summary, _("Nothing to create"));

  if (self->n_skip_existing > 0)
    g_string_append_printf (summary,
                            ngettext (", skip %u that already exists with this URL",
                                      ", skip %u that already exist with this URL",
                                      self->n_skip_existing),
                            self->n_skip_existing);
  if (n_twice > 0)
    g_string_append_printf (summary,
                            ngettext (", skip %u listed twice", ", skip %u listed twice",
                                      n_twice),
                            n_twice);

  g_string_append_c (summary, '.');
  return g_string_free (g_steal_pointer (&summary), FALSE);
}

/* Running */

static void
notify_progress (PbBulkPlan *self,
                 guint       n_done,
                 guint       n_failed)
{
  gboolean done_changed = self->n_done != n_done;

  g_object_freeze_notify (G_OBJECT (self));

  if (done_changed)
    {
      self->n_done = n_done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }

  if (self->n_failed != n_failed)
    {
      self->n_failed = n_failed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FAILED]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/* Counts are taken from the items, so a retry cannot leave them adrift. */
static void
recount (PbBulkPlan *self)
{
  GListModel *items = G_LIST_MODEL (self->items);
  guint n_items = g_list_model_get_n_items (items);
  guint n_done = 0;
  guint n_failed = 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PbBulkItem) item = g_list_model_get_item (items, i);

      if (item->state == PB_BULK_STATE_DONE)
        n_done++;
      else if (item->state == PB_BULK_STATE_FAILED)
        {
          n_done++;
          n_failed++;
        }
    }

  notify_progress (self, n_done, n_failed);
}

static void
set_task (PbBulkPlan *self,
          GTask      *task)
{
  gboolean was_running = self->task != NULL;

  g_clear_object (&self->task);
  self->task = task;

  if (was_running != (task != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static PbBulkItem *
next_pending (PbBulkPlan *self)
{
  GListModel *items = G_LIST_MODEL (self->items);
  guint n_items = g_list_model_get_n_items (items);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PbBulkItem) item = g_list_model_get_item (items, i);

      if (item->state == PB_BULK_STATE_PENDING)
        return item;
    }

  return NULL;
}

static void
complete_run (PbBulkPlan *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  if (self->n_failed == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_task_return_new_error (task, PB_ERROR, PB_ERROR_FAILED,
                           ngettext ("%u of %u webhook could not be created.",
                                     "%u of %u webhooks could not be created.",
                                     self->n_create),
                           self->n_failed, self->n_create);
}

static void
stop_run (PbBulkPlan *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  g_debug ("Bulk creation stopped with %u of %u tried", self->n_done, self->n_create);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("Creating the webhooks was stopped."));
}

static void send_next (PbBulkPlan *self,
                       gboolean    may_pause);

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PbBulkPlan) self = user_data;
  g_autoptr(PbBulkItem) item = g_steal_pointer (&self->current);
  g_autoptr(PbWebhook) created = NULL;
  g_autoptr(GError) error = NULL;

  created = pb_account_session_create_finish (PB_ACCOUNT_SESSION (object), result, &error);

  if (created != NULL)
    pb_bulk_item_set_outcome (item, PB_BULK_STATE_DONE, NULL, pb_webhook_get_id (created));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pb_bulk_item_set_outcome (item, PB_BULK_STATE_PENDING, NULL, 0);
  else
    pb_bulk_item_set_outcome (item, PB_BULK_STATE_FAILED, error->message, 0);

  if (error != NULL)
    g_debug ("Creating a webhook for %s failed: %s", pb_bulk_item_get_event (item),
             error->message);

  recount (self);

  /* Only a session going away cancels a request; the run cannot go on. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    stop_run (self);
  else
    send_next (self, TRUE);
}

static void
send_request (PbBulkPlan *self,
              PbBulkItem *item)
{
  g_autoptr(PbWebhook) webhook = NULL;

  g_assert (self->current == NULL);

  webhook = pb_webhook_new (item->name, pb_bulk_item_get_event (item), self->target_url,
                            self->active);
  self->current = g_object_ref (item);
  self->sent_one = TRUE;
  pb_bulk_item_set_outcome (item, PB_BULK_STATE_RUNNING, NULL, 0);

  /* The request is not given the run's cancellable: a cancelled run stops
   * after it, so its outcome is known rather than left in doubt. */
  pb_account_session_create_async (self->session, webhook, NULL, create_cb,
                                   g_object_ref (self));
}

static gboolean
pause_done_cb (GCancellable *cancellable,
               gpointer      user_data)
{
  send_next (user_data, FALSE);
  return G_SOURCE_REMOVE;
}

/* Waits the pause before the next request; cancelling cuts it short. */
static void
pause_then_send (PbBulkPlan *self)
{
  g_autoptr(GSource) source = g_cancellable_source_new (g_task_get_cancellable (self->task));

  g_source_set_callback (source, G_SOURCE_FUNC (pause_done_cb), g_object_ref (self),
                         g_object_unref);
  g_source_set_ready_time (source, g_get_monotonic_time () + self->pause_ms * 1000);
  g_source_set_static_name (source, "[patchbay] bulk pause");
  g_source_attach (source, g_task_get_context (self->task));
}

/* The task is let go before it returns: its callback may start a new run. */
static void
send_next (PbBulkPlan *self,
           gboolean    may_pause)
{
  GCancellable *cancellable = g_task_get_cancellable (self->task);
  PbBulkItem *item = next_pending (self);

  if (item == NULL)
    complete_run (self);
  else if (g_cancellable_is_cancelled (cancellable))
    stop_run (self);
  else if (may_pause && self->sent_one && self->pause_ms > 0)
    pause_then_send (self);
  else
    send_request (self, item);
}

/* Failed items get another chance in the next run. */
static void
reset_failed (PbBulkPlan *self)
{
  GListModel *items = G_LIST_MODEL (self->items);
  guint n_items = g_list_model_get_n_items (items);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PbBulkItem) item = g_list_model_get_item (items, i);

      if (item->state == PB_BULK_STATE_FAILED)
        pb_bulk_item_set_outcome (item, PB_BULK_STATE_PENDING, NULL, 0);
    }

  recount (self);
}

/**
 * pb_bulk_plan_run_async:
 * @self: a #PbBulkPlan
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the run ends
 * @user_data: data for @callback
 *
 * Creates the planned webhooks one at a time through the session, so that
 * its cache and list follow, with a pause between requests (see
 * pb_bulk_plan_set_pause()). Items change state as they go; a failure marks
 * its item and the run goes on. Cancelling stops the run once the request in
 * flight has its answer. Items that failed in an earlier run are tried
 * again; those already created are not.
 */
void
pb_bulk_plan_run_async (PbBulkPlan          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PB_IS_BULK_PLAN (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_bulk_plan_run_async);
  /* The run decides itself whether a late cancellation still counts. */
  g_task_set_check_cancellable (task, FALSE);

  if (g_task_return_error_if_cancelled (task))
    return;

  reset_failed (self);
  self->sent_one = FALSE;
  set_task (self, g_steal_pointer (&task));
  send_next (self, FALSE);
}

/**
 * pb_bulk_plan_run_finish:
 * @self: a #PbBulkPlan
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE when every item is created or skipped; otherwise %FALSE
 *   with a %PB_ERROR_FAILED error that counts the failures, or
 *   %G_IO_ERROR_CANCELLED when the run was stopped
 */
gboolean
pb_bulk_plan_run_finish (PbBulkPlan    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (PB_IS_BULK_PLAN (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_bulk_plan_run_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

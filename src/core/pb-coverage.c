/* pb-coverage.c: which events an account's webhooks cover, and which fired
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-coverage"

#include "config.h"

#include "pb-coverage.h"

/* Bursts of deliveries or a refresh of many webhooks cost one recount. */
#define RECOMPUTE_DELAY_MS 250

struct _PbCoverageCell
{
  GObject      parent_instance;

  char        *event;
  PbEventInfo *info;
  guint        n_active;
  guint        n_inactive;
  guint        n_fired;
};

G_DEFINE_FINAL_TYPE (PbCoverageCell, pb_coverage_cell, G_TYPE_OBJECT)

static void
pb_coverage_cell_finalize (GObject *object)
{
  PbCoverageCell *self = (PbCoverageCell *)object;

  g_clear_pointer (&self->event, g_free);
  g_clear_object (&self->info);

  G_OBJECT_CLASS (pb_coverage_cell_parent_class)->finalize (object);
}

static void
pb_coverage_cell_class_init (PbCoverageCellClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_coverage_cell_finalize;
}

static void
pb_coverage_cell_init (PbCoverageCell *self)
{
}

static PbCoverageCell *
pb_coverage_cell_new (PbEventInfo *info)
{
  PbCoverageCell *self = g_object_new (PB_TYPE_COVERAGE_CELL, NULL);

  self->info = g_object_ref (info);
  self->event = g_strdup (pb_event_info_get_event (info));

  return self;
}

/* Returns whether anything changed. */
static gboolean
pb_coverage_cell_update (PbCoverageCell *self,
                         guint           n_active,
                         guint           n_inactive,
                         guint           n_fired)
{
  if (self->n_active == n_active && self->n_inactive == n_inactive &&
      self->n_fired == n_fired)
    return FALSE;

  self->n_active = n_active;
  self->n_inactive = n_inactive;
  self->n_fired = n_fired;
  return TRUE;
}

const char *
pb_coverage_cell_get_event (PbCoverageCell *self)
{
  g_return_val_if_fail (PB_IS_COVERAGE_CELL (self), NULL);

  return self->event;
}

/**
 * pb_coverage_cell_get_info:
 * @self: a #PbCoverageCell
 *
 * Returns: (transfer none): the event's labels and kind
 */
PbEventInfo *
pb_coverage_cell_get_info (PbCoverageCell *self)
{
  g_return_val_if_fail (PB_IS_COVERAGE_CELL (self), NULL);

  return self->info;
}

PbCoverageState
pb_coverage_cell_get_state (PbCoverageCell *self)
{
  g_return_val_if_fail (PB_IS_COVERAGE_CELL (self), PB_COVERAGE_STATE_NONE);

  if (self->n_active + self->n_inactive > 1)
    return PB_COVERAGE_STATE_DUPLICATE;
  if (self->n_active == 1)
    return PB_COVERAGE_STATE_ACTIVE;
  if (self->n_inactive == 1)
    return PB_COVERAGE_STATE_INACTIVE;

  return PB_COVERAGE_STATE_NONE;
}

guint
pb_coverage_cell_get_n_active (PbCoverageCell *self)
{
  g_return_val_if_fail (PB_IS_COVERAGE_CELL (self), 0);

  return self->n_active;
}

guint
pb_coverage_cell_get_n_inactive (PbCoverageCell *self)
{
  g_return_val_if_fail (PB_IS_COVERAGE_CELL (self), 0);

  return self->n_inactive;
}

guint
pb_coverage_cell_get_n_webhooks (PbCoverageCell *self)
{
  g_return_val_if_fail (PB_IS_COVERAGE_CELL (self), 0);

  return self->n_active + self->n_inactive;
}

/**
 * pb_coverage_cell_get_n_fired:
 * @self: a #PbCoverageCell
 *
 * Returns: the deliveries of the event received in the last
 *   %PB_COVERAGE_FIRED_DAYS days
 */
guint
pb_coverage_cell_get_n_fired (PbCoverageCell *self)
{
  g_return_val_if_fail (PB_IS_COVERAGE_CELL (self), 0);

  return self->n_fired;
}

struct _PbCoverage
{
  GObject           parent_instance;

  PbAccountSession *session;
  PbCatalog        *catalog;

  GHashTable       *cells;     /* event → PbCoverageCell */
  GHashTable       *rows;      /* subject → GPtrArray of PbCoverageCell, in column order */
  GStrv             subjects;  /* row order */
  GStrv             generic_actions;
  guint             n_covered;
  guint             n_duplicates;
  guint             recompute_id;
};

G_DEFINE_FINAL_TYPE (PbCoverage, pb_coverage, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CATALOG,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  guint n_active;
  guint n_inactive;
} Uses;

static GHashTable *
count_uses (PbCoverage *self)
{
  GListModel *webhooks = pb_account_session_get_webhooks (self->session);
  guint n_items = g_list_model_get_n_items (webhooks);
  GHashTable *uses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PbWebhook) webhook = g_list_model_get_item (webhooks, i);
      const char *event = pb_webhook_get_event (webhook);
      Uses *found;

      if (event == NULL || event[0] == '\0')
        continue;

      found = g_hash_table_lookup (uses, event);
      if (found == NULL)
        {
          found = g_new0 (Uses, 1);
          g_hash_table_insert (uses, g_strdup (event), found);
        }

      if (pb_webhook_get_active (webhook))
        found->n_active++;
      else
        found->n_inactive++;
    }

  return uses;
}

static GHashTable *
count_fired (PbCoverage *self)
{
  PbStore *store = pb_account_session_get_store (self->session);
  PbAccount *account = pb_account_session_get_account (self->session);
  gint64 since = g_get_real_time () - PB_COVERAGE_FIRED_DAYS * G_TIME_SPAN_DAY;
  g_autoptr(GError) error = NULL;
  GHashTable *fired;

  fired = pb_store_count_events_since (store, pb_account_get_id (account), since, &error);
  if (fired == NULL)
    {
      g_warning ("Could not count the recent deliveries: %s", error->message);
      fired = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  return fired;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* The events shown: the catalog's (learned ones included), those the store
 * learned, and any that a webhook uses, each once, catalog first. */
static GPtrArray *
collect_events (PbCoverage *self,
                GHashTable *uses)
{
  GListModel *events = pb_catalog_get_events (self->catalog);
  guint n_items = g_list_model_get_n_items (events);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) extra = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) learned = NULL;
  GPtrArray *infos = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < n_items; i++)
    {
      PbEventInfo *info = g_list_model_get_item (events, i);

      g_hash_table_add (seen, (gpointer)pb_event_info_get_event (info));
      g_ptr_array_add (infos, info);
    }

  learned = pb_store_list_learned_events (pb_account_session_get_store (self->session), &error);
  if (learned == NULL)
    g_debug ("Could not read the learned events: %s", error->message);
  for (guint i = 0; learned != NULL && learned[i] != NULL; i++)
    g_ptr_array_add (extra, learned[i]);

  g_hash_table_iter_init (&iter, uses);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (extra, key);

  /* Sorted, so that the order does not depend on hashing. */
  g_ptr_array_sort (extra, compare_strings);
  for (guint i = 0; i < extra->len; i++)
    {
      const char *event = g_ptr_array_index (extra, i);

      if (event[0] == '\0' || !g_hash_table_add (seen, (gpointer)event))
        continue;
      g_ptr_array_add (infos, pb_catalog_describe (self->catalog, event));
    }

  return infos;
}

static GStrv
strv_from_array (GPtrArray *array)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv strv;

  for (guint i = 0; i < array->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (array, i));
  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return strv;
}

static void
add_to_row (PbCoverage     *self,
            GPtrArray      *subject_order,
            PbCoverageCell *cell)
{
  const char *subject = pb_event_info_get_subject (cell->info);
  GPtrArray *row = g_hash_table_lookup (self->rows, subject);

  if (row == NULL)
    {
      row = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->rows, g_strdup (subject), row);
      g_ptr_array_add (subject_order, (gpointer)subject);
    }

  g_ptr_array_add (row, g_object_ref (cell));
}

/* Generic actions first, each group in catalog order. */
static void
order_row (GPtrArray *row)
{
  g_autoptr(GPtrArray) specific = g_ptr_array_new ();
  guint n_generic = 0;

  for (guint i = 0; i < row->len; i++)
    {
      PbCoverageCell *cell = g_ptr_array_index (row, i);

      if (pb_event_info_get_kind (cell->info) == PB_ACTION_KIND_GENERIC)
        row->pdata[n_generic++] = cell;
      else
        g_ptr_array_add (specific, cell);
    }

  for (guint i = 0; i < specific->len; i++)
    row->pdata[n_generic + i] = g_ptr_array_index (specific, i);
}

/* Subjects the catalog knows come in its order; others follow by name. */
static GStrv
order_subjects (PbCoverage *self,
                GPtrArray  *found)
{
  const char * const *known = pb_catalog_get_subjects (self->catalog);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new ();
  g_autoptr(GPtrArray) others = g_ptr_array_new ();

  for (guint i = 0; known[i] != NULL; i++)
    if (g_hash_table_contains (self->rows, known[i]))
      g_ptr_array_add (ordered, (gpointer)known[i]);

  for (guint i = 0; i < found->len; i++)
    if (!g_strv_contains (known, g_ptr_array_index (found, i)))
      g_ptr_array_add (others, g_ptr_array_index (found, i));
  g_ptr_array_sort (others, compare_strings);
  g_ptr_array_extend (ordered, others, NULL, NULL);

  return strv_from_array (ordered);
}

static GStrv
collect_generic_actions (PbCoverage *self)
{
  g_autoptr(GPtrArray) actions = g_ptr_array_new ();

  for (guint i = 0; self->subjects[i] != NULL; i++)
    {
      GPtrArray *row = g_hash_table_lookup (self->rows, self->subjects[i]);

      for (guint j = 0; j < row->len; j++)
        {
          PbEventInfo *info = ((PbCoverageCell *)g_ptr_array_index (row, j))->info;
          const char *action = pb_event_info_get_action (info);

          if (pb_event_info_get_kind (info) == PB_ACTION_KIND_GENERIC &&
              !g_ptr_array_find_with_equal_func (actions, action, g_str_equal, NULL))
            g_ptr_array_add (actions, (gpointer)action);
        }
    }

  return strv_from_array (actions);
}

static PbCoverageCell *
ensure_cell (PbCoverage  *self,
             PbEventInfo *info,
             gboolean    *created)
{
  PbCoverageCell *cell = g_hash_table_lookup (self->cells, pb_event_info_get_event (info));

  if (cell == NULL)
    {
      cell = pb_coverage_cell_new (info);
      g_hash_table_insert (self->cells, cell->event, cell);
      *created = TRUE;
    }

  return cell;
}

static void
rebuild_rows (PbCoverage *self,
              GPtrArray  *cells)
{
  g_autoptr(GPtrArray) subject_order = g_ptr_array_new ();
  g_auto(GStrv) subjects = NULL;
  g_auto(GStrv) generic = NULL;

  g_hash_table_remove_all (self->rows);
  for (guint i = 0; i < cells->len; i++)
    add_to_row (self, subject_order, g_ptr_array_index (cells, i));

  for (guint i = 0; i < subject_order->len; i++)
    order_row (g_hash_table_lookup (self->rows, g_ptr_array_index (subject_order, i)));

  subjects = order_subjects (self, subject_order);
  g_strfreev (self->subjects);
  self->subjects = g_steal_pointer (&subjects);

  generic = collect_generic_actions (self);
  g_strfreev (self->generic_actions);
  self->generic_actions = g_steal_pointer (&generic);
}

/**
 * pb_coverage_recompute:
 * @self: a #PbCoverage
 *
 * Counts the webhooks and recent deliveries of every event now, rather than
 * after the short delay that coalesces changes; emits "changed" when a count
 * or the set of events changed.
 */
void
pb_coverage_recompute (PbCoverage *self)
{
  g_autoptr(GHashTable) uses = NULL;
  g_autoptr(GHashTable) fired = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GHashTable) old_cells = NULL;
  gboolean new_events = FALSE;
  gboolean changed = FALSE;

  g_return_if_fail (PB_IS_COVERAGE (self));

  g_clear_handle_id (&self->recompute_id, g_source_remove);

  uses = count_uses (self);
  fired = count_fired (self);
  infos = collect_events (self, uses);

  /* Cells keep their identity across recounts; those of vanished events go. */
  old_cells = g_steal_pointer (&self->cells);
  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  cells = g_ptr_array_new ();
  self->n_covered = self->n_duplicates = 0;

  for (guint i = 0; i < infos->len; i++)
    {
      PbEventInfo *info = g_ptr_array_index (infos, i);
      const char *event = pb_event_info_get_event (info);
      PbCoverageCell *cell = g_hash_table_lookup (old_cells, event);
      Uses *counts = g_hash_table_lookup (uses, event);

      if (cell != NULL)
        g_hash_table_insert (self->cells, cell->event, g_object_ref (cell));
      else
        cell = ensure_cell (self, info, &new_events);

      changed |= pb_coverage_cell_update (cell,
                                          counts ? counts->n_active : 0,
                                          counts ? counts->n_inactive : 0,
                                          GPOINTER_TO_UINT (g_hash_table_lookup (fired, event)));
      self->n_covered += cell->n_active + cell->n_inactive > 0;
      self->n_duplicates += pb_coverage_cell_get_state (cell) == PB_COVERAGE_STATE_DUPLICATE;
      g_ptr_array_add (cells, cell);
    }

  /* Rows are rebuilt only when events come or go, so that a row stays valid
   * for as long as its events do. */
  if (new_events || g_hash_table_size (old_cells) != g_hash_table_size (self->cells) ||
      self->subjects == NULL)
    {
      rebuild_rows (self, cells);
      changed = TRUE;
    }

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
recompute_cb (gpointer user_data)
{
  PbCoverage *self = user_data;

  self->recompute_id = 0;
  pb_coverage_recompute (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_recompute (PbCoverage *self)
{
  if (self->recompute_id != 0)
    return;

  self->recompute_id = g_timeout_add (RECOMPUTE_DELAY_MS, recompute_cb, self);
  g_source_set_name_by_id (self->recompute_id, "[patchbay] coverage recount");
}

static void
on_webhooks_changed (PbCoverage *self)
{
  schedule_recompute (self);
}

/* Only this account's cache; attribute edits change objects in place, so
 * the list model alone would miss them. */
static void
on_store_webhooks_changed (PbStore    *store,
                           gint64      account_id,
                           PbCoverage *self)
{
  if (account_id == pb_account_get_id (pb_account_session_get_account (self->session)))
    schedule_recompute (self);
}

static void
pb_coverage_constructed (GObject *object)
{
  PbCoverage *self = (PbCoverage *)object;
  PbStore *store;

  G_OBJECT_CLASS (pb_coverage_parent_class)->constructed (object);

  g_assert (PB_IS_ACCOUNT_SESSION (self->session));

  if (self->catalog == NULL)
    g_object_get (self->session, "catalog", &self->catalog, NULL);
  if (self->catalog == NULL)
    self->catalog = g_object_ref (pb_catalog_get_default ());

  store = pb_account_session_get_store (self->session);
  g_signal_connect_object (pb_account_session_get_webhooks (self->session), "items-changed",
                           G_CALLBACK (on_webhooks_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "webhooks-changed",
                           G_CALLBACK (on_store_webhooks_changed), self, 0);
  g_signal_connect_object (store, "deliveries-added",
                           G_CALLBACK (schedule_recompute), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "deliveries-removed",
                           G_CALLBACK (schedule_recompute), self, G_CONNECT_SWAPPED);

  pb_coverage_recompute (self);
}

static void
pb_coverage_dispose (GObject *object)
{
  PbCoverage *self = (PbCoverage *)object;

  g_clear_handle_id (&self->recompute_id, g_source_remove);
  g_clear_object (&self->session);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (pb_coverage_parent_class)->dispose (object);
}

static void
pb_coverage_finalize (GObject *object)
{
  PbCoverage *self = (PbCoverage *)object;

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->subjects, g_strfreev);
  g_clear_pointer (&self->generic_actions, g_strfreev);

  G_OBJECT_CLASS (pb_coverage_parent_class)->finalize (object);
}

static void
pb_coverage_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PbCoverage *self = PB_COVERAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_coverage_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PbCoverage *self = PB_COVERAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_coverage_class_init (PbCoverageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = pb_coverage_constructed;
  object_class->dispose = pb_coverage_dispose;
  object_class->finalize = pb_coverage_finalize;
  object_class->get_property = pb_coverage_get_property;
  object_class->set_property = pb_coverage_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, PB_TYPE_ACCOUNT_SESSION, flags);
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, PB_TYPE_CATALOG, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pb_coverage_init (PbCoverage *self)
{
  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify)g_ptr_array_unref);
}

/**
 * pb_coverage_new:
 * @session: the account whose webhooks and deliveries are counted
 * @catalog: (nullable): the events to show; %NULL for the session's catalog
 *
 * Returns: (transfer full): a coverage map, already counted
 */
PbCoverage *
pb_coverage_new (PbAccountSession *session,
                 PbCatalog        *catalog)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (session), NULL);
  g_return_val_if_fail (catalog == NULL || PB_IS_CATALOG (catalog), NULL);

  return g_object_new (PB_TYPE_COVERAGE,
                       "session", session,
                       "catalog", catalog,
                       NULL);
}

/**
 * pb_coverage_get_session:
 * @self: a #PbCoverage
 *
 * Returns: (transfer none): the account counted
 */
PbAccountSession *
pb_coverage_get_session (PbCoverage *self)
{
  g_return_val_if_fail (PB_IS_COVERAGE (self), NULL);

  return self->session;
}

/**
 * pb_coverage_get_catalog:
 * @self: a #PbCoverage
 *
 * Returns: (transfer none): the catalog whose events make the map
 */
PbCatalog *
pb_coverage_get_catalog (PbCoverage *self)
{
  g_return_val_if_fail (PB_IS_COVERAGE (self), NULL);

  return self->catalog;
}

/**
 * pb_coverage_get_subjects:
 * @self: a #PbCoverage
 *
 * Returns: (transfer none): the rows: subjects in catalog order, then those
 *   that only learned events use
 */
const char * const *
pb_coverage_get_subjects (PbCoverage *self)
{
  g_return_val_if_fail (PB_IS_COVERAGE (self), NULL);

  return (const char * const *)self->subjects;
}

/**
 * pb_coverage_get_subject_label:
 * @self: a #PbCoverage
 * @subject: a row's subject
 *
 * Returns: (transfer none): the subject's translated label
 */
const char *
pb_coverage_get_subject_label (PbCoverage *self,
                               const char *subject)
{
  GPtrArray *row;

  g_return_val_if_fail (PB_IS_COVERAGE (self), NULL);
  g_return_val_if_fail (subject != NULL, NULL);

  /* An event's info carries the label even when the catalog lacks the subject. */
  row = g_hash_table_lookup (self->rows, subject);
  if (row != NULL && row->len > 0)
    return pb_event_info_get_subject_label (((PbCoverageCell *)row->pdata[0])->info);

  return pb_catalog_get_subject_label (self->catalog, subject);
}

/**
 * pb_coverage_get_generic_actions:
 * @self: a #PbCoverage
 *
 * Returns: (transfer none): the generic actions that some subject has, in
 *   catalog order, so that a view can align them in columns
 */
const char * const *
pb_coverage_get_generic_actions (PbCoverage *self)
{
  g_return_val_if_fail (PB_IS_COVERAGE (self), NULL);

  return (const char * const *)self->generic_actions;
}

/**
 * pb_coverage_get_row:
 * @self: a #PbCoverage
 * @subject: a subject from pb_coverage_get_subjects()
 *
 * Returns: (transfer none) (nullable) (element-type PbCoverageCell): the
 *   subject's events, generic actions first, then the specific ones; valid
 *   until the next "changed"
 */
GPtrArray *
pb_coverage_get_row (PbCoverage *self,
                     const char *subject)
{
  g_return_val_if_fail (PB_IS_COVERAGE (self), NULL);
  g_return_val_if_fail (subject != NULL, NULL);

  return g_hash_table_lookup (self->rows, subject);
}

/**
 * pb_coverage_lookup:
 * @self: a #PbCoverage
 * @event: an event string
 *
 * Returns: (transfer none) (nullable): the event's cell
 */
PbCoverageCell *
pb_coverage_lookup (PbCoverage *self,
                    const char *event)
{
  g_return_val_if_fail (PB_IS_COVERAGE (self), NULL);
  g_return_val_if_fail (event != NULL, NULL);

  return g_hash_table_lookup (self->cells, event);
}

/**
 * pb_coverage_list_webhooks:
 * @self: a #PbCoverage
 * @event: an event string
 *
 * Returns: (transfer container) (element-type PbWebhook): the session's
 *   webhooks that listen to @event, active ones first
 */
GPtrArray *
pb_coverage_list_webhooks (PbCoverage *self,
                           const char *event)
{
  GListModel *webhooks;
  g_autoptr(GPtrArray) inactive = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *found;
  guint n_items;

  g_return_val_if_fail (PB_IS_COVERAGE (self), NULL);
  g_return_val_if_fail (event != NULL, NULL);

  found = g_ptr_array_new_with_free_func (g_object_unref);
  webhooks = pb_account_session_get_webhooks (self->session);
  n_items = g_list_model_get_n_items (webhooks);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PbWebhook) webhook = g_list_model_get_item (webhooks, i);
      GPtrArray *group;

      if (g_strcmp0 (pb_webhook_get_event (webhook), event) != 0)
        continue;
      group = pb_webhook_get_active (webhook) ? found : inactive;
      g_ptr_array_add (group, g_steal_pointer (&webhook));
    }

  for (guint i = 0; i < inactive->len; i++)
    g_ptr_array_add (found, g_object_ref (g_ptr_array_index (inactive, i)));

  return found;
}

guint
pb_coverage_get_n_events (PbCoverage *self)
{
  g_return_val_if_fail (PB_IS_COVERAGE (self), 0);

  return g_hash_table_size (self->cells);
}

/**
 * pb_coverage_get_n_covered:
 * @self: a #PbCoverage
 *
 * Returns: how many events have at least one webhook, active or not
 */
guint
pb_coverage_get_n_covered (PbCoverage *self)
{
  g_return_val_if_fail (PB_IS_COVERAGE (self), 0);

  return self->n_covered;
}

guint
pb_coverage_get_n_duplicates (PbCoverage *self)
{
  g_return_val_if_fail (PB_IS_COVERAGE (self), 0);

  return self->n_duplicates;
}

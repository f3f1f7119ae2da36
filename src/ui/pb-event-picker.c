/* pb-event-picker.c: a searchable list of the events a webhook can listen to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-event-picker"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-event-picker.h"

struct _PbEventPicker
{
  AdwWindow       parent_instance;

  PbCatalog      *catalog;
  char           *event;
  char           *query;
  char           *custom_event;
  guint           n_results;

  GtkListBoxRow  *custom_row;
  GtkLabel       *custom_title;

  /* Template children */
  GtkSearchEntry *search_entry;
  GtkStack       *stack;
  GtkScrolledWindow *scroller;
  AdwClamp       *clamp;
  GtkListBox     *list_box;
};

G_DEFINE_FINAL_TYPE (PbEventPicker, pb_event_picker, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_EVENT,
  N_PROPS
};

enum {
  EVENT_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GQuark info_quark;

static PbEventInfo *
row_get_info (GtkListBoxRow *row)
{
  return g_object_get_qdata (G_OBJECT (row), info_quark);
}

/* The same shape pb_webhook_validate() accepts: a lowercase subject and
 * action joined by "_". */
static gboolean
looks_like_event (const char *text)
{
  gsize len = strlen (text);

  if (len < 3 || text[0] == '_' || text[len - 1] == '_' || strchr (text, '_') == NULL)
    return FALSE;

  for (const char *p = text; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;

  return TRUE;
}

static GtkWidget *
new_label (const char *text,
           const char *first_class,
           ...)
{
  GtkWidget *label = gtk_label_new (text);
  va_list args;

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);

  va_start (args, first_class);
  for (const char *name = first_class; name != NULL; name = va_arg (args, const char *))
    gtk_widget_add_css_class (label, name);
  va_end (args);

  return label;
}

static GtkWidget *
new_tags (PbEventInfo *info)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *kind;

  if (pb_event_info_get_kind (info) == PB_ACTION_KIND_SPECIFIC)
    {
      kind = new_label (_("Specific"), "caption-heading", "accent", NULL);
      gtk_widget_set_tooltip_text (kind, _("Only this kind of record has this action"));
    }
  else
    {
      kind = new_label (_("Any record"), "caption", "dim-label", NULL);
      gtk_widget_set_tooltip_text (kind, _("Every kind of record has this action"));
    }
  gtk_box_append (GTK_BOX (box), kind);

  switch (pb_event_info_get_status (info))
    {
    case PB_EVENT_STATUS_LEARNED:
      gtk_box_append (GTK_BOX (box), new_label (_("Learned"), "caption-heading", "success", NULL));
      break;

    case PB_EVENT_STATUS_INFERRED:
      gtk_box_append (GTK_BOX (box), new_label (_("Inferred"), "caption-heading", "warning", NULL));
      break;

    case PB_EVENT_STATUS_CUSTOM:
      gtk_box_append (GTK_BOX (box), new_label (_("Custom"), "caption-heading", "warning", NULL));
      break;

    case PB_EVENT_STATUS_CONFIRMED:
    default:
      break;
    }

  return box;
}

static GtkWidget *
new_event_row (PbEventInfo *info)
{
  g_autofree char *display_name = pb_event_info_dup_display_name (info);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = new_label (pb_event_info_get_action_label (info), "heading", NULL);
  GtkWidget *description = new_label (pb_event_info_get_description (info),
                                      "caption", "dim-label", NULL);

  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), new_tags (info));
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), new_label (pb_event_info_get_event (info),
                                            "caption", "monospace", "dim-label", NULL));
  gtk_widget_set_tooltip_text (description, pb_event_info_get_description (info));
  gtk_box_append (GTK_BOX (box), description);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, display_name,
                                  -1);
  g_object_set_qdata_full (G_OBJECT (row), info_quark, g_object_ref (info), g_object_unref);

  return row;
}

static GtkWidget *
new_custom_row (PbEventPicker *self)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *title = new_label (NULL, "heading", NULL);

  gtk_widget_add_css_class (icon, "warning");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text),
                  new_label (_("Patchbay’s catalog does not list it, so Current RMS may never "
                               "send it"), "caption", "warning", NULL));
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  self->custom_title = GTK_LABEL (title);
  return row;
}

static const char *
header_text (GtkListBoxRow *row,
             GtkListBoxRow *before)
{
  PbEventInfo *info = row_get_info (row);
  PbEventInfo *previous = before ? row_get_info (before) : NULL;

  if (info == NULL)
    return _("Not in the Catalog");

  if (previous != NULL &&
      g_str_equal (pb_event_info_get_subject (info), pb_event_info_get_subject (previous)))
    return NULL;

  return pb_event_info_get_subject_label (info);
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  const char *text = header_text (row, before);
  GtkWidget *header = gtk_list_box_row_get_header (row);
  GtkWidget *label;

  if (text == NULL)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  /* Headers are recomputed on every keystroke; keep a label that already fits. */
  if (header != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (header)), text) == 0)
    return;

  label = new_label (text, "heading", NULL);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_header (row, label);
}

static gboolean
row_is_shown (PbEventPicker *self,
              GtkListBoxRow *row)
{
  PbEventInfo *info = row_get_info (row);

  if (info == NULL)
    return self->custom_event != NULL;

  return pb_event_info_matches (info, self->query);
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  return row_is_shown (PB_EVENT_PICKER (user_data), row);
}

static GtkListBoxRow *
find_shown_row (PbEventPicker *self,
                int            start,
                int            step)
{
  GtkListBoxRow *row;

  for (int i = start; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i += step)
    if (row_is_shown (self, row))
      return row;

  return NULL;
}

static GtkListBoxRow *
find_event_row (PbEventPicker *self,
                const char    *event)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    {
      PbEventInfo *info = row_get_info (row);

      if (info != NULL && g_strcmp0 (pb_event_info_get_event (info), event) == 0)
        return row;
    }

  return NULL;
}

/* Keeps the selection in view while focus stays in the search entry. */
static void
scroll_to_row (PbEventPicker *self,
               GtkListBoxRow *row)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  graphene_rect_t bounds;
  double value, page;

  if (!gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->clamp), &bounds))
    return;

  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (bounds.origin.y < value)
    gtk_adjustment_set_value (adjustment, bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height - page);
}

static void
select_row (PbEventPicker *self,
            GtkListBoxRow *row)
{
  if (row == NULL)
    {
      gtk_list_box_unselect_all (self->list_box);
      return;
    }

  gtk_list_box_select_row (self->list_box, row);
  scroll_to_row (self, row);
}

static void
refilter (PbEventPicker *self)
{
  GtkListBoxRow *row;
  guint n_results = 0;

  g_clear_pointer (&self->custom_event, g_free);
  if (self->query != NULL && looks_like_event (self->query) &&
      pb_catalog_lookup (self->catalog, self->query) == NULL)
    self->custom_event = g_strdup (self->query);

  if (self->custom_event != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Use custom event “%s”"), self->custom_event);

      gtk_label_set_text (self->custom_title, title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->custom_row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
    }

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    if (row_get_info (row) != NULL && row_is_shown (self, row))
      n_results++;
  self->n_results = n_results;

  gtk_list_box_invalidate_filter (self->list_box);
  gtk_list_box_invalidate_headers (self->list_box);
  gtk_stack_set_visible_child_name (self->stack,
                                    n_results > 0 || self->custom_event ? "results" : "empty");
}

static void
populate (PbEventPicker *self)
{
  GListModel *events = pb_catalog_get_events (self->catalog);
  guint n_items = g_list_model_get_n_items (events);
  GtkListBoxRow *old;

  while ((old = gtk_list_box_get_row_at_index (self->list_box, 0)) != NULL)
    gtk_list_box_remove (self->list_box, GTK_WIDGET (old));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PbEventInfo) info = g_list_model_get_item (events, i);

      gtk_list_box_append (self->list_box, new_event_row (info));
    }

  /* Last, so that Enter on a partial word prefers what the catalog knows. */
  self->custom_row = GTK_LIST_BOX_ROW (new_custom_row (self));
  gtk_list_box_append (self->list_box, GTK_WIDGET (self->custom_row));

  refilter (self);
}

static void
on_events_changed (PbEventPicker *self)
{
  populate (self);
  select_row (self, self->event ? find_event_row (self, self->event) : NULL);
}

static void
pick (PbEventPicker *self,
      const char    *event)
{
  g_autoptr(PbEventPicker) hold = g_object_ref (self);

  g_assert (event != NULL);

  pb_event_picker_set_event (self, event);
  g_debug ("Picked event %s", event);
  g_signal_emit (self, signals[EVENT_CHOSEN], 0, event);
  gtk_window_close (GTK_WINDOW (self));
}

static void
pick_row (PbEventPicker *self,
          GtkListBoxRow *row)
{
  PbEventInfo *info = row_get_info (row);

  if (info != NULL)
    pick (self, pb_event_info_get_event (info));
  else if (self->custom_event != NULL)
    pick (self, self->custom_event);
}

static void
on_row_activated (PbEventPicker *self,
                  GtkListBoxRow *row)
{
  pick_row (self, row);
}

static void
on_search_changed (PbEventPicker *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  g_strstrip (text);
  g_free (self->query);
  self->query = text[0] != '\0' ? g_steal_pointer (&text) : NULL;

  refilter (self);

  if (self->query != NULL)
    select_row (self, find_shown_row (self, 0, 1));
  else
    select_row (self, self->event ? find_event_row (self, self->event) : NULL);
}

static void
on_search_activate (PbEventPicker *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);

  if (row == NULL || !row_is_shown (self, row))
    row = find_shown_row (self, 0, 1);

  if (row != NULL)
    pick_row (self, row);
}

static void
on_stop_search (PbEventPicker *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
move_selection (PbEventPicker *self,
                int            step)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->list_box);
  GtkListBoxRow *next;

  if (selected == NULL)
    next = find_shown_row (self, 0, 1);
  else
    next = find_shown_row (self, gtk_list_box_row_get_index (selected) + step, step);

  if (next != NULL)
    select_row (self, next);
}

static void
select_next_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  move_selection (PB_EVENT_PICKER (widget), 1);
}

static void
select_previous_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  move_selection (PB_EVENT_PICKER (widget), -1);
}

static void
add_arrow_shortcuts (PbEventPicker *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  const struct { guint key; const char *action; } keys[] = {
    { GDK_KEY_Down, "picker.select-next" },
    { GDK_KEY_KP_Down, "picker.select-next" },
    { GDK_KEY_Up, "picker.select-previous" },
    { GDK_KEY_KP_Up, "picker.select-previous" },
  };

  /* In the capture phase, so the entry's text keeps focus while the arrows
   * walk the results below it. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, 0),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);
}

static void
pb_event_picker_constructed (GObject *object)
{
  PbEventPicker *self = PB_EVENT_PICKER (object);

  G_OBJECT_CLASS (pb_event_picker_parent_class)->constructed (object);

  if (self->catalog == NULL)
    self->catalog = g_object_ref (pb_catalog_get_default ());

  populate (self);
  g_signal_connect_object (pb_catalog_get_events (self->catalog), "items-changed",
                           G_CALLBACK (on_events_changed), self, G_CONNECT_SWAPPED);
}

static void
pb_event_picker_dispose (GObject *object)
{
  PbEventPicker *self = PB_EVENT_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_EVENT_PICKER);

  G_OBJECT_CLASS (pb_event_picker_parent_class)->dispose (object);
}

static void
pb_event_picker_finalize (GObject *object)
{
  PbEventPicker *self = PB_EVENT_PICKER (object);

  g_clear_object (&self->catalog);
  g_clear_pointer (&self->event, g_free);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->custom_event, g_free);

  G_OBJECT_CLASS (pb_event_picker_parent_class)->finalize (object);
}

static void
pb_event_picker_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PbEventPicker *self = PB_EVENT_PICKER (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;

    case PROP_EVENT:
      g_value_set_string (value, self->event);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_event_picker_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PbEventPicker *self = PB_EVENT_PICKER (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;

    case PROP_EVENT:
      pb_event_picker_set_event (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_event_picker_class_init (PbEventPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pb_event_picker_constructed;
  object_class->dispose = pb_event_picker_dispose;
  object_class->finalize = pb_event_picker_finalize;
  object_class->get_property = pb_event_picker_get_property;
  object_class->set_property = pb_event_picker_set_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, PB_TYPE_CATALOG,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EVENT] =
    g_param_spec_string ("event", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EVENT_CHOSEN] =
    g_signal_new ("event-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "picker.select-next", NULL,
                                   select_next_action);
  gtk_widget_class_install_action (widget_class, "picker.select-previous", NULL,
                                   select_previous_action);
  /* The search entry stops the search on Escape; this closes the picker
   * from the list too. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               PB_RESOURCE_PREFIX "/ui/pb-event-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, PbEventPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PbEventPicker, stack);
  gtk_widget_class_bind_template_child (widget_class, PbEventPicker, scroller);
  gtk_widget_class_bind_template_child (widget_class, PbEventPicker, clamp);
  gtk_widget_class_bind_template_child (widget_class, PbEventPicker, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);

  info_quark = g_quark_from_static_string ("pb-event-picker-info");
}

/* The arrows select rows while the focus stays in the search entry, so no
 * focus ring shows where the selection is: an accent bar does, strong
 * enough for high contrast too. */
static const char picker_css[] =
  ".event-list > row:selected { box-shadow: inset 4px 0 @accent_color;"
  " background-color: alpha(@accent_bg_color, 0.15); }\n";

static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (g_object_get_data (G_OBJECT (display), "pb-event-picker-css") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, picker_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "pb-event-picker-css",
                          g_steal_pointer (&provider), g_object_unref);
}

static void
pb_event_picker_init (PbEventPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_filter_func (self->list_box, filter_row, self, NULL);
  gtk_list_box_set_header_func (self->list_box, update_header, NULL, NULL);
  add_arrow_shortcuts (self);
  ensure_css (GTK_WIDGET (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * pb_event_picker_new:
 * @catalog: (nullable): the events to offer; the default catalog when %NULL
 *
 * Returns: (transfer none): a new picker, owned by GTK’s list of toplevels
 *   until it closes; show it with gtk_window_present()
 */
PbEventPicker *
pb_event_picker_new (PbCatalog *catalog)
{
  g_return_val_if_fail (catalog == NULL || PB_IS_CATALOG (catalog), NULL);

  return g_object_new (PB_TYPE_EVENT_PICKER, "catalog", catalog, NULL);
}

/**
 * pb_event_picker_get_catalog:
 * @self: a #PbEventPicker
 *
 * Returns: (transfer none): the catalog the picker lists
 */
PbCatalog *
pb_event_picker_get_catalog (PbEventPicker *self)
{
  g_return_val_if_fail (PB_IS_EVENT_PICKER (self), NULL);

  return self->catalog;
}

/**
 * pb_event_picker_get_event:
 * @self: a #PbEventPicker
 *
 * Returns: (nullable): the event selected when the picker opened, or the one
 *   picked since
 */
const char *
pb_event_picker_get_event (PbEventPicker *self)
{
  g_return_val_if_fail (PB_IS_EVENT_PICKER (self), NULL);

  return self->event;
}

/**
 * pb_event_picker_set_event:
 * @self: a #PbEventPicker
 * @event: (nullable): the event to select, usually the webhook's current one
 */
void
pb_event_picker_set_event (PbEventPicker *self,
                           const char    *event)
{
  g_return_if_fail (PB_IS_EVENT_PICKER (self));

  if (event != NULL && event[0] == '\0')
    event = NULL;

  if (g_strcmp0 (self->event, event) == 0)
    return;

  g_free (self->event);
  self->event = g_strdup (event);
  if (self->query == NULL && self->event != NULL)
    select_row (self, find_event_row (self, self->event));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
}

/**
 * pb_event_picker_get_n_results:
 * @self: a #PbEventPicker
 *
 * Returns: how many catalog events the current search shows, not counting
 *   the custom event row
 */
guint
pb_event_picker_get_n_results (PbEventPicker *self)
{
  g_return_val_if_fail (PB_IS_EVENT_PICKER (self), 0);

  return self->n_results;
}

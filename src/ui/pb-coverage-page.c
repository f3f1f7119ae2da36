/* pb-coverage-page.c: the map of which events an account's webhooks cover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-coverage-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-accessible.h"
#include "pb-bulk-dialog.h"
#include "pb-coverage-page.h"
#include "pb-webhook-editor.h"

/* The cells' colours; the named colours keep light and dark right. */
static const char coverage_css[] =
  ".coverage-cell > button { padding: 0; min-height: 0; min-width: 0; }\n"
  ".coverage-chip { padding: 3px 8px; border-radius: 6px; min-height: 22px; }\n"
  ".coverage-chip.generic { min-width: 44px; }\n"
  ".coverage-chip.none { box-shadow: inset 0 0 0 1px alpha(currentColor, 0.22);"
  " color: alpha(currentColor, 0.65); }\n"
  ".coverage-chip.active { background-color: alpha(@success_color, 0.18);"
  " color: @success_color; }\n"
  ".coverage-chip.inactive { box-shadow: inset 0 0 0 1px alpha(@warning_color, 0.55);"
  " background-color: alpha(currentColor, 0.05); color: alpha(currentColor, 0.6); }\n"
  ".coverage-chip.duplicate { background-color: alpha(@warning_color, 0.25);"
  " color: @warning_color; font-weight: bold; }\n"
  ".coverage-fired { font-size: smaller; font-weight: bold; padding: 0 5px;"
  " border-radius: 99px; background-color: @accent_bg_color; color: @accent_fg_color; }\n"
  ".coverage-subject { font-weight: bold; }\n"
  /* High contrast keeps the states apart by their outline and full-strength
   * text, not by faint tints alone. */
  ".coverage-high-contrast .coverage-chip.none { box-shadow: inset 0 0 0 1px"
  " alpha(currentColor, 0.6); color: currentColor; }\n"
  ".coverage-high-contrast .coverage-chip.inactive { box-shadow: inset 0 0 0 1px"
  " @warning_color; color: currentColor; }\n"
  ".coverage-high-contrast .coverage-chip.active { box-shadow: inset 0 0 0 1px"
  " @success_color; }\n"
  ".coverage-high-contrast .coverage-chip.duplicate { box-shadow: inset 0 0 0 1px"
  " @warning_color; }\n";

typedef struct
{
  PbCoverageCell *cell;
  GtkWidget      *button;   /* a GtkMenuButton */
  GtkWidget      *outer;    /* what hides: the button, or its flow box child */
  GtkWidget      *chip;
  GtkImage       *icon;
  GtkLabel       *count;
  GtkLabel       *fired;
} CellView;

typedef struct
{
  GtkWidget *label;
  GtkWidget *flow;
  GPtrArray *cells;         /* CellView, owned by the page's table */
} RowView;

struct _PbCoveragePage
{
  AdwBin            parent_instance;

  /* Owned */
  PbAccountSession *session;
  PbReceiver       *receiver;
  PbCoverage       *coverage;
  GCancellable     *cancellable;
  GHashTable       *cells;  /* event → CellView */
  GPtrArray        *rows;   /* RowView */
  gboolean          only_covered;
  gboolean          show_back_button;
  gboolean          refreshed;

  /* Template children */
  AdwWindowTitle   *window_title;
  GtkButton        *back_button;
  GtkStack         *refresh_stack;
  AdwToastOverlay  *toast_overlay;
  GtkLabel         *summary_label;
  GtkBox           *legend_box;
  GtkStack         *stack;
  GtkGrid          *grid;
};

G_DEFINE_FINAL_TYPE (PbCoveragePage, pb_coverage_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_RECEIVER,
  PROP_ONLY_COVERED,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *state_classes[] = { "none", "active", "inactive", "duplicate" };

static void
cell_view_free (CellView *view)
{
  g_clear_object (&view->cell);
  g_free (view);
}

static void
row_view_free (RowView *row)
{
  g_clear_pointer (&row->cells, g_ptr_array_unref);
  g_free (row);
}

static const char *
state_icon_name (PbCoverageState state)
{
  switch (state)
    {
    case PB_COVERAGE_STATE_ACTIVE:
      return "object-select-symbolic";
    case PB_COVERAGE_STATE_INACTIVE:
      return "media-playback-pause-symbolic";
    case PB_COVERAGE_STATE_DUPLICATE:
      return "dialog-warning-symbolic";
    case PB_COVERAGE_STATE_NONE:
    default:
      return NULL;
    }
}

/* Each number has its own plural form, as a language may need them to differ. */
static char *
describe_fired (guint n_fired)
{
  g_autofree char *times = NULL;
  g_autofree char *period = NULL;

  /* Translators: how often an event was delivered, e.g. "fired 5 times"; the
   * period follows, e.g. "in 7 days" */
  times = g_strdup_printf (ngettext ("fired %u time", "fired %u times", n_fired), n_fired);
  /* Translators: the period the delivery count covers, e.g. "in 7 days" */
  period = g_strdup_printf (ngettext ("in %u day", "in %u days", PB_COVERAGE_FIRED_DAYS),
                            PB_COVERAGE_FIRED_DAYS);

  /* Translators: a count and its period, e.g. "fired 5 times" and "in 7 days";
   * use %2$s and %1$s to swap them */
  return g_strdup_printf (C_("fired count and period", "%s %s"), times, period);
}

/* "2 active webhooks, duplicate, fired 5 times in 7 days" */
static char *
describe_counts (PbCoverageCell *cell)
{
  guint n_active = pb_coverage_cell_get_n_active (cell);
  guint n_inactive = pb_coverage_cell_get_n_inactive (cell);
  guint n_fired = pb_coverage_cell_get_n_fired (cell);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (n_active > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u active webhook", "%u active webhooks",
                                                       n_active), n_active));
  if (n_inactive > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u inactive webhook",
                                                       "%u inactive webhooks", n_inactive),
                                             n_inactive));
  if (n_active + n_inactive == 0)
    g_ptr_array_add (parts, g_strdup (_("no webhook")));
  if (pb_coverage_cell_get_state (cell) == PB_COVERAGE_STATE_DUPLICATE)
    g_ptr_array_add (parts, g_strdup (_("duplicate")));
  if (n_fired > 0)
    g_ptr_array_add (parts, describe_fired (n_fired));
  g_ptr_array_add (parts, NULL);

  /* Translators: the separator between the parts of a cell's description */
  return g_strjoinv (_(", "), (char **)parts->pdata);
}

static char *
describe_cell (PbCoverageCell *cell)
{
  g_autofree char *name = pb_event_info_dup_display_name (pb_coverage_cell_get_info (cell));
  g_autofree char *counts = describe_counts (cell);

  /* Translators: an event and how it is covered, e.g. "Invoice · Create: no webhook" */
  return g_strdup_printf (_("%s: %s"), name, counts);
}

static void
update_cell (CellView *view)
{
  PbCoverageState state = pb_coverage_cell_get_state (view->cell);
  guint n_fired = pb_coverage_cell_get_n_fired (view->cell);
  g_autofree char *label = describe_cell (view->cell);
  g_autofree char *count = NULL;
  g_autofree char *fired = NULL;
  const char *icon_name = state_icon_name (state);

  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (view->chip, state_classes[i]);
  gtk_widget_add_css_class (view->chip, state_classes[state]);

  gtk_image_set_from_icon_name (view->icon, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (view->icon), icon_name != NULL);

  /* Translators: how many webhooks share one event, e.g. "×2" */
  count = g_strdup_printf (_("×%u"), pb_coverage_cell_get_n_webhooks (view->cell));
  gtk_label_set_label (view->count, count);
  gtk_widget_set_visible (GTK_WIDGET (view->count), state == PB_COVERAGE_STATE_DUPLICATE);

  fired = g_strdup_printf ("%u", n_fired);
  gtk_label_set_label (view->fired, fired);
  gtk_widget_set_visible (GTK_WIDGET (view->fired), n_fired > 0);

  gtk_widget_set_tooltip_text (view->button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* The coloured box that cells and the legend share. */
static GtkWidget *
new_chip (PbCoverageState  state,
          gboolean         generic,
          GtkImage       **icon,
          GtkLabel       **count,
          GtkLabel       **fired)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  gtk_widget_add_css_class (chip, "coverage-chip");
  gtk_widget_add_css_class (chip, state_classes[state]);
  if (generic)
    {
      gtk_widget_add_css_class (chip, "generic");
      gtk_box_set_homogeneous (GTK_BOX (chip), FALSE);
      gtk_widget_set_halign (chip, GTK_ALIGN_FILL);
    }

  *icon = GTK_IMAGE (gtk_image_new_from_icon_name (state_icon_name (state)));
  gtk_widget_set_hexpand (GTK_WIDGET (*icon), generic);
  gtk_box_append (GTK_BOX (chip), GTK_WIDGET (*icon));

  *count = GTK_LABEL (new_label (NULL, NULL));
  gtk_box_append (GTK_BOX (chip), GTK_WIDGET (*count));

  *fired = GTK_LABEL (new_label (NULL, "coverage-fired"));
  gtk_widget_set_valign (GTK_WIDGET (*fired), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (chip), GTK_WIDGET (*fired));

  return chip;
}

/* The popover */

static void
on_webhook_row_activated (GtkListBox    *list,
                          GtkListBoxRow *row,
                          GtkPopover    *popover)
{
  PbWebhook *webhook = g_object_get_data (G_OBJECT (row), "pb-webhook");

  gtk_popover_popdown (popover);
  gtk_widget_activate_action (GTK_WIDGET (list), "coverage.edit", "x",
                              pb_webhook_get_id (webhook));
}

static GtkWidget *
new_webhook_row (PbWebhook *webhook)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *url = pb_webhook_dup_redacted_url (pb_webhook_get_target_url (webhook));
  gboolean active = pb_webhook_get_active (webhook);
  GtkWidget *state;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pb_webhook_get_name (webhook));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), url);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  state = new_label (active ? _("Active") : _("Inactive"), active ? "success" : "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
  g_object_set_data_full (G_OBJECT (row), "pb-webhook", g_object_ref (webhook), g_object_unref);

  return row;
}

static GtkWidget *
new_webhook_list (PbCoveragePage *self,
                  CellView       *view,
                  GtkPopover     *popover)
{
  const char *event = pb_coverage_cell_get_event (view->cell);
  g_autoptr(GPtrArray) webhooks = pb_coverage_list_webhooks (self->coverage, event);
  GtkWidget *list;

  if (webhooks->len == 0)
    {
      GtkWidget *empty = new_label (_("No webhook listens to this event."), "dim-label");

      gtk_label_set_xalign (GTK_LABEL (empty), 0);
      return empty;
    }

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Webhooks of this event"), -1);
  for (guint i = 0; i < webhooks->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), new_webhook_row (g_ptr_array_index (webhooks, i)));
  g_signal_connect (list, "row-activated", G_CALLBACK (on_webhook_row_activated), popover);

  return list;
}

static GtkWidget *
new_action_button (const char *label,
                   const char *action,
                   const char *event,
                   GtkPopover *popover)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", event);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (gtk_popover_popdown), popover);
  pb_accessible_name_buttons (button);

  return button;
}

static void
create_popup (GtkMenuButton *button,
              gpointer       user_data)
{
  PbCoveragePage *self = g_object_get_data (G_OBJECT (button), "pb-page");
  CellView *view = user_data;
  PbEventInfo *info = pb_coverage_cell_get_info (view->cell);
  g_autofree char *name = pb_event_info_dup_display_name (info);
  g_autofree char *counts = describe_counts (view->cell);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label;

  gtk_widget_set_size_request (box, 340, -1);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  label = new_label (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);

  label = new_label (pb_coverage_cell_get_event (view->cell), "monospace");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), label);

  label = new_label (counts, NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_box_append (GTK_BOX (box), label);

  gtk_box_append (GTK_BOX (box), new_webhook_list (self, view, GTK_POPOVER (popover)));

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 6);
  gtk_box_append (GTK_BOX (buttons),
                  new_action_button (_("_Create Webhook…"), "coverage.create",
                                     pb_coverage_cell_get_event (view->cell),
                                     GTK_POPOVER (popover)));
  gtk_widget_add_css_class (gtk_widget_get_last_child (buttons), "suggested-action");
  gtk_box_prepend (GTK_BOX (buttons),
                   new_action_button (_("_Bulk Create…"), "coverage.bulk-create",
                                      pb_coverage_cell_get_event (view->cell),
                                      GTK_POPOVER (popover)));
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (button, popover);
}

/* Building the matrix */

static CellView *
new_cell_view (PbCoveragePage *self,
               PbCoverageCell *cell)
{
  PbEventInfo *info = pb_coverage_cell_get_info (cell);
  gboolean generic = pb_event_info_get_kind (info) == PB_ACTION_KIND_GENERIC;
  CellView *view = g_new0 (CellView, 1);

  view->cell = g_object_ref (cell);
  view->chip = new_chip (pb_coverage_cell_get_state (cell), generic,
                         &view->icon, &view->count, &view->fired);
  if (!generic)
    gtk_box_prepend (GTK_BOX (view->chip), new_label (pb_event_info_get_action_label (info), NULL));

  view->button = gtk_menu_button_new ();
  view->outer = view->button;
  gtk_menu_button_set_child (GTK_MENU_BUTTON (view->button), view->chip);
  gtk_widget_add_css_class (view->button, "flat");
  gtk_widget_add_css_class (view->button, "coverage-cell");
  g_object_set_data (G_OBJECT (view->button), "pb-page", self);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (view->button), create_popup, view,
                                         NULL);
  update_cell (view);

  g_hash_table_insert (self->cells, (gpointer)pb_coverage_cell_get_event (cell), view);
  return view;
}

static void
clear_matrix (PbCoveragePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);

  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->cells);
}

static const char *
generic_label (PbCoveragePage *self,
               const char     *action)
{
  const char * const *subjects = pb_coverage_get_subjects (self->coverage);

  for (guint i = 0; subjects[i] != NULL; i++)
    {
      GPtrArray *row = pb_coverage_get_row (self->coverage, subjects[i]);

      for (guint j = 0; j < row->len; j++)
        {
          PbEventInfo *info = pb_coverage_cell_get_info (g_ptr_array_index (row, j));

          if (pb_event_info_get_kind (info) == PB_ACTION_KIND_GENERIC &&
              g_str_equal (pb_event_info_get_action (info), action))
            return pb_event_info_get_action_label (info);
        }
    }

  return action;
}

static void
add_header_row (PbCoveragePage     *self,
                const char * const *generic)
{
  for (guint i = 0; generic[i] != NULL; i++)
    {
      GtkWidget *label = new_label (generic_label (self, generic[i]), "caption");

      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 9);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_widget_set_valign (label, GTK_ALIGN_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_grid_attach (self->grid, label, 1 + i, 0, 1, 1);
    }
}

static GtkWidget *
new_flow (void)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 40);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 4);
  gtk_widget_set_hexpand (flow, TRUE);
  gtk_widget_set_valign (flow, GTK_ALIGN_START);

  return flow;
}

/* Generic actions sit in aligned columns; a subject's own actions flow on
 * the grid line below them, across the same columns. */
static void
add_cell (PbCoveragePage     *self,
          RowView            *row,
          guint               y,
          const char * const *generic,
          PbCoverageCell     *cell)
{
  PbEventInfo *info = pb_coverage_cell_get_info (cell);
  CellView *view = new_cell_view (self, cell);
  const char *action = pb_event_info_get_action (info);
  guint n_generic = g_strv_length ((GStrv)generic);

  g_ptr_array_add (row->cells, view);
  if (pb_event_info_get_kind (info) == PB_ACTION_KIND_GENERIC)
    {
      for (guint x = 0; x < n_generic; x++)
        if (g_str_equal (generic[x], action))
          {
            gtk_widget_set_hexpand (view->button, TRUE);
            gtk_widget_set_valign (view->button, GTK_ALIGN_START);
            gtk_grid_attach (self->grid, view->button, 1 + x, y, 1, 1);
            return;
          }
    }

  if (row->flow == NULL)
    {
      row->flow = new_flow ();
      gtk_grid_attach (self->grid, row->flow, 1, y + 1, MAX (n_generic, 1), 1);
    }

  gtk_widget_set_halign (view->button, GTK_ALIGN_START);
  gtk_flow_box_append (GTK_FLOW_BOX (row->flow), view->button);
  view->outer = gtk_widget_get_parent (view->button);
  /* The button inside takes the focus; the flow box child need not. */
  gtk_widget_set_focusable (view->outer, FALSE);
}

static void
build_matrix (PbCoveragePage *self)
{
  const char * const *subjects = pb_coverage_get_subjects (self->coverage);
  const char * const *generic = pb_coverage_get_generic_actions (self->coverage);

  clear_matrix (self);
  add_header_row (self, generic);

  for (guint i = 0, y = 1; subjects[i] != NULL; i++, y += 2)
    {
      GPtrArray *cells = pb_coverage_get_row (self->coverage, subjects[i]);
      RowView *row = g_new0 (RowView, 1);

      row->cells = g_ptr_array_new ();
      row->label = new_label (pb_coverage_get_subject_label (self->coverage, subjects[i]),
                              "coverage-subject");
      gtk_label_set_xalign (GTK_LABEL (row->label), 0);
      gtk_label_set_wrap (GTK_LABEL (row->label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (row->label), 18);
      gtk_widget_set_valign (row->label, GTK_ALIGN_START);
      gtk_widget_set_margin_top (row->label, 4);
      gtk_widget_set_margin_end (row->label, 6);
      gtk_grid_attach (self->grid, row->label, 0, y, 1, 1);
      g_ptr_array_add (self->rows, row);

      for (guint j = 0; j < cells->len; j++)
        add_cell (self, row, y, generic, g_ptr_array_index (cells, j));
    }
}

/* Hides what the filter leaves out, and rows left empty by it. */
static void
apply_filter (PbCoveragePage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      RowView *row = g_ptr_array_index (self->rows, i);
      gboolean any = FALSE;

      for (guint j = 0; j < row->cells->len; j++)
        {
          CellView *view = g_ptr_array_index (row->cells, j);
          gboolean shown = !self->only_covered ||
                           pb_coverage_cell_get_n_webhooks (view->cell) > 0;

          gtk_widget_set_visible (view->outer, shown);
          any |= shown;
        }

      gtk_widget_set_visible (row->label, any);
      if (row->flow != NULL)
        gtk_widget_set_visible (row->flow, any);
    }

  gtk_stack_set_visible_child_name (self->stack,
                                    self->only_covered &&
                                    pb_coverage_get_n_covered (self->coverage) == 0
                                      ? "empty" : "matrix");
}

static void
update_summary (PbCoveragePage *self)
{
  guint n_events = pb_coverage_get_n_events (self->coverage);
  guint n_covered = pb_coverage_get_n_covered (self->coverage);
  guint n_duplicates = pb_coverage_get_n_duplicates (self->coverage);
  g_autofree char *covered = NULL;
  g_autofree char *text = NULL;

  covered = g_strdup_printf (ngettext ("%u of %u event has webhooks",
                                       "%u of %u events have webhooks", n_events),
                             n_covered, n_events);
  if (n_duplicates == 0)
    {
      gtk_label_set_label (self->summary_label, covered);
      return;
    }

  /* Translators: appended to the summary, e.g. "12 of 80 events have webhooks · 2
   * duplicated events"; an event is duplicated when several webhooks send it */
  text = g_strdup_printf (ngettext ("%s · %u duplicated event", "%s · %u duplicated events",
                                    n_duplicates),
                          covered, n_duplicates);
  gtk_label_set_label (self->summary_label, text);
}

/* Cells are updated in place while the events stay the same, so that an
 * open popover survives a delivery arriving. */
static gboolean
same_events (PbCoveragePage *self)
{
  const char * const *subjects = pb_coverage_get_subjects (self->coverage);
  guint n_rows = g_strv_length ((GStrv)subjects);

  if (n_rows != self->rows->len ||
      pb_coverage_get_n_events (self->coverage) != g_hash_table_size (self->cells))
    return FALSE;

  for (guint i = 0; i < n_rows; i++)
    {
      GPtrArray *cells = pb_coverage_get_row (self->coverage, subjects[i]);
      RowView *row = g_ptr_array_index (self->rows, i);

      if (cells->len != row->cells->len)
        return FALSE;
      for (guint j = 0; j < cells->len; j++)
        if (((CellView *)g_ptr_array_index (row->cells, j))->cell != g_ptr_array_index (cells, j))
          return FALSE;
    }

  return TRUE;
}

static void
on_coverage_changed (PbCoveragePage *self)
{
  if (same_events (self))
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->cells);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        update_cell (value);
    }
  else
    build_matrix (self);

  apply_filter (self);
  update_summary (self);
}

static void
add_legend_item (PbCoveragePage  *self,
                 PbCoverageState  state,
                 gboolean         fired,
                 const char      *text)
{
  GtkWidget *item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkImage *icon;
  GtkLabel *count;
  GtkLabel *badge;
  GtkWidget *chip;

  if (fired)
    chip = new_label ("5", "coverage-fired");
  else
    {
      chip = new_chip (state, FALSE, &icon, &count, &badge);
      gtk_label_set_label (count, _("×2"));
      gtk_widget_set_visible (GTK_WIDGET (count), state == PB_COVERAGE_STATE_DUPLICATE);
      gtk_widget_set_visible (GTK_WIDGET (icon), state != PB_COVERAGE_STATE_NONE);
      gtk_widget_set_visible (GTK_WIDGET (badge), FALSE);
    }

  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (item), chip);
  gtk_box_append (GTK_BOX (item), new_label (text, "caption"));
  gtk_box_append (self->legend_box, item);
}

static void
build_legend (PbCoveragePage *self)
{
  g_autofree char *fired = NULL;

  add_legend_item (self, PB_COVERAGE_STATE_ACTIVE, FALSE, _("Active webhook"));
  add_legend_item (self, PB_COVERAGE_STATE_INACTIVE, FALSE, _("Inactive only"));
  add_legend_item (self, PB_COVERAGE_STATE_DUPLICATE, FALSE, _("More than one webhook"));
  add_legend_item (self, PB_COVERAGE_STATE_NONE, FALSE, _("No webhook"));

  fired = g_strdup_printf (ngettext ("Deliveries in the last %u day",
                                     "Deliveries in the last %u days", PB_COVERAGE_FIRED_DAYS),
                           PB_COVERAGE_FIRED_DAYS);
  add_legend_item (self, PB_COVERAGE_STATE_NONE, TRUE, fired);
}

/* Actions */

static void
open_editor (PbCoveragePage *self,
             PbWebhook      *webhook,
             const char     *event)
{
  PbWebhookEditor *editor = pb_webhook_editor_new (self->session, self->receiver, webhook);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (event != NULL)
    pb_webhook_editor_set_event (editor, event);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PbCoveragePage *self = PB_COVERAGE_PAGE (widget);

  open_editor (self, NULL, g_variant_get_string (parameter, NULL));
}

static void
bulk_create_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PbCoveragePage *self = PB_COVERAGE_PAGE (widget);
  const char *events[] = { g_variant_get_string (parameter, NULL), NULL };
  PbBulkDialog *dialog = pb_bulk_dialog_new (self->session, self->receiver, events);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PbCoveragePage *self = PB_COVERAGE_PAGE (widget);
  g_autoptr(PbWebhook) webhook = NULL;

  webhook = pb_account_session_find_webhook (self->session, g_variant_get_int64 (parameter));
  if (webhook != NULL)
    open_editor (self, webhook, NULL);
}

static void
on_refreshed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PbCoveragePage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (pb_account_session_refresh_finish (PB_ACCOUNT_SESSION (object), result, NULL, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PbCoveragePage *self = PB_COVERAGE_PAGE (widget);

  self->refreshed = TRUE;
  pb_account_session_refresh_async (self->session, self->cancellable, on_refreshed,
                                    g_object_ref (self));
}

static void
update_syncing (PbCoveragePage *self)
{
  gboolean syncing = pb_account_session_get_syncing (self->session);

  gtk_stack_set_visible_child_name (self->refresh_stack, syncing ? "spinner" : "icon");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "coverage.refresh", !syncing);
}

static void
add_shortcuts (PbCoveragePage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  const char *triggers[] = { "<Control>r", "F5" };

  /* Managed, so the window runs them wherever the focus is. */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  for (guint i = 0; i < G_N_ELEMENTS (triggers); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (
                                            gtk_shortcut_trigger_parse_string (triggers[i]),
                                            gtk_named_action_new ("coverage.refresh")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (g_object_get_data (G_OBJECT (display), "pb-coverage-css") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, coverage_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "pb-coverage-css",
                          g_steal_pointer (&provider), g_object_unref);
}

static void
follow_contrast (PbCoveragePage *self)
{
  if (adw_style_manager_get_high_contrast (adw_style_manager_get_default ()))
    gtk_widget_add_css_class (GTK_WIDGET (self), "coverage-high-contrast");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "coverage-high-contrast");
}

/* GObject */

static void
pb_coverage_page_constructed (GObject *object)
{
  PbCoveragePage *self = PB_COVERAGE_PAGE (object);
  PbAccount *account;

  G_OBJECT_CLASS (pb_coverage_page_parent_class)->constructed (object);

  g_assert (self->session != NULL);

  account = pb_account_session_get_account (self->session);
  adw_window_title_set_subtitle (self->window_title, pb_account_get_display_name (account));

  self->coverage = pb_coverage_new (self->session, NULL);
  g_signal_connect_object (self->coverage, "changed",
                           G_CALLBACK (on_coverage_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::syncing",
                           G_CALLBACK (update_syncing), self, G_CONNECT_SWAPPED);

  build_legend (self);
  on_coverage_changed (self);
  update_syncing (self);
}

static void
pb_coverage_page_map (GtkWidget *widget)
{
  PbCoveragePage *self = PB_COVERAGE_PAGE (widget);

  GTK_WIDGET_CLASS (pb_coverage_page_parent_class)->map (widget);

  if (!self->refreshed && !pb_account_session_get_syncing (self->session))
    gtk_widget_activate_action (widget, "coverage.refresh", NULL);
}

static void
pb_coverage_page_dispose (GObject *object)
{
  PbCoveragePage *self = PB_COVERAGE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->grid != NULL)
    clear_matrix (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_COVERAGE_PAGE);
  g_clear_object (&self->coverage);

  G_OBJECT_CLASS (pb_coverage_page_parent_class)->dispose (object);
}

static void
pb_coverage_page_finalize (GObject *object)
{
  PbCoveragePage *self = PB_COVERAGE_PAGE (object);

  g_clear_object (&self->session);
  g_clear_object (&self->receiver);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_coverage_page_parent_class)->finalize (object);
}

static void
pb_coverage_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbCoveragePage *self = PB_COVERAGE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_RECEIVER:
      g_value_set_object (value, self->receiver);
      break;

    case PROP_ONLY_COVERED:
      g_value_set_boolean (value, self->only_covered);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_coverage_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PbCoveragePage *self = PB_COVERAGE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_RECEIVER:
      self->receiver = g_value_dup_object (value);
      break;

    case PROP_ONLY_COVERED:
      pb_coverage_page_set_only_covered (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_BACK_BUTTON:
      pb_coverage_page_set_show_back_button (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_coverage_page_class_init (PbCoveragePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = pb_coverage_page_constructed;
  object_class->dispose = pb_coverage_page_dispose;
  object_class->finalize = pb_coverage_page_finalize;
  object_class->get_property = pb_coverage_page_get_property;
  object_class->set_property = pb_coverage_page_set_property;
  widget_class->map = pb_coverage_page_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, PB_TYPE_ACCOUNT_SESSION, construct);
  properties[PROP_RECEIVER] =
    g_param_spec_object ("receiver", NULL, NULL, PB_TYPE_RECEIVER, construct);
  properties[PROP_ONLY_COVERED] =
    g_param_spec_boolean ("only-covered", NULL, NULL, FALSE, flags);
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "coverage.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "coverage.create", "s", create_action);
  gtk_widget_class_install_action (widget_class, "coverage.bulk-create", "s",
                                   bulk_create_action);
  gtk_widget_class_install_action (widget_class, "coverage.edit", "x", edit_action);
  gtk_widget_class_install_property_action (widget_class, "coverage.only-covered",
                                            "only-covered");

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/patchbay/Patchbay/ui/pb-coverage-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbCoveragePage, window_title);
  gtk_widget_class_bind_template_child (widget_class, PbCoveragePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PbCoveragePage, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, PbCoveragePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PbCoveragePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PbCoveragePage, legend_box);
  gtk_widget_class_bind_template_child (widget_class, PbCoveragePage, stack);
  gtk_widget_class_bind_template_child (widget_class, PbCoveragePage, grid);
}

static void
pb_coverage_page_init (PbCoveragePage *self)
{
  self->cancellable = g_cancellable_new ();
  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify)cell_view_free);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_view_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  pb_accessible_name_buttons (GTK_WIDGET (self));

  ensure_css (GTK_WIDGET (self));
  add_shortcuts (self);
  follow_contrast (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (follow_contrast), self, G_CONNECT_SWAPPED);
}

/**
 * pb_coverage_page_new:
 * @session: the account whose coverage the page shows
 * @receiver: (nullable): the receiver that new webhooks can deliver to
 *
 * Returns: (transfer floating): a new page
 */
GtkWidget *
pb_coverage_page_new (PbAccountSession *session,
                      PbReceiver       *receiver)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (session), NULL);
  g_return_val_if_fail (receiver == NULL || PB_IS_RECEIVER (receiver), NULL);

  return g_object_new (PB_TYPE_COVERAGE_PAGE,
                       "session", session,
                       "receiver", receiver,
                       NULL);
}

/**
 * pb_coverage_page_get_session:
 * @self: a #PbCoveragePage
 *
 * Returns: (transfer none): the account the page shows
 */
PbAccountSession *
pb_coverage_page_get_session (PbCoveragePage *self)
{
  g_return_val_if_fail (PB_IS_COVERAGE_PAGE (self), NULL);

  return self->session;
}

/**
 * pb_coverage_page_get_coverage:
 * @self: a #PbCoveragePage
 *
 * Returns: (transfer none): the model the matrix shows
 */
PbCoverage *
pb_coverage_page_get_coverage (PbCoveragePage *self)
{
  g_return_val_if_fail (PB_IS_COVERAGE_PAGE (self), NULL);

  return self->coverage;
}

/**
 * pb_coverage_page_get_cell:
 * @self: a #PbCoveragePage
 * @event: an event string
 *
 * Returns: (transfer none) (nullable): the button of @event's cell, a
 *   #GtkMenuButton whose popover lists the event's webhooks
 */
GtkWidget *
pb_coverage_page_get_cell (PbCoveragePage *self,
                           const char     *event)
{
  CellView *view;

  g_return_val_if_fail (PB_IS_COVERAGE_PAGE (self), NULL);
  g_return_val_if_fail (event != NULL, NULL);

  view = g_hash_table_lookup (self->cells, event);
  return view ? view->button : NULL;
}

gboolean
pb_coverage_page_get_only_covered (PbCoveragePage *self)
{
  g_return_val_if_fail (PB_IS_COVERAGE_PAGE (self), FALSE);

  return self->only_covered;
}

/**
 * pb_coverage_page_set_only_covered:
 * @self: a #PbCoveragePage
 * @only_covered: whether to hide the events that no webhook listens to
 */
void
pb_coverage_page_set_only_covered (PbCoveragePage *self,
                                   gboolean        only_covered)
{
  g_return_if_fail (PB_IS_COVERAGE_PAGE (self));

  only_covered = !!only_covered;
  if (self->only_covered == only_covered)
    return;

  self->only_covered = only_covered;
  if (self->coverage != NULL)
    apply_filter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLY_COVERED]);
}

gboolean
pb_coverage_page_get_show_back_button (PbCoveragePage *self)
{
  g_return_val_if_fail (PB_IS_COVERAGE_PAGE (self), FALSE);

  return self->show_back_button;
}

void
pb_coverage_page_set_show_back_button (PbCoveragePage *self,
                                       gboolean        show_back_button)
{
  g_return_if_fail (PB_IS_COVERAGE_PAGE (self));

  show_back_button = !!show_back_button;
  if (self->show_back_button == show_back_button)
    return;

  self->show_back_button = show_back_button;
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show_back_button);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BACK_BUTTON]);
}

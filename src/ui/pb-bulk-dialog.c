/* pb-bulk-dialog.c: the dialog that creates webhooks for many events at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-bulk-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-accessible.h"
#include "pb-bulk-dialog-private.h"

/* The event a name example shows when nothing is ticked yet. */
#define EXAMPLE_EVENT "opportunity_create"

/* One subject's box of check buttons. */
typedef struct
{
  GtkWidget *group;
  GtkWidget *generic;
  GtkWidget *specific;
  GtkWidget *separator;
  GPtrArray *checks;
} Subject;

G_DEFINE_FINAL_TYPE (PbBulkDialog, pb_bulk_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_RECEIVER,
  PROP_PRESELECTED,
  PROP_PLAN,
  PROP_PAUSE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
subject_free (Subject *subject)
{
  g_clear_pointer (&subject->checks, g_ptr_array_unref);
  g_free (subject);
}

static PbEventInfo *
check_info (GtkWidget *check)
{
  return g_object_get_data (G_OBJECT (check), "pb-event-info");
}

/* Choosing */

static guint
count_ticked (PbBulkDialog *self)
{
  guint n_ticked = 0;

  for (guint i = 0; i < self->checks->len; i++)
    n_ticked += gtk_check_button_get_active (g_ptr_array_index (self->checks, i));

  return n_ticked;
}

static PbEventInfo *
example_info (PbBulkDialog *self)
{
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->checks, i);

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        return g_object_ref (check_info (check));
    }

  return pb_catalog_describe (self->catalog, EXAMPLE_EVENT);
}

static void
update_example (PbBulkDialog *self)
{
  g_autoptr(PbEventInfo) info = example_info (self);
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  name = pb_bulk_format_name (gtk_editable_get_text (GTK_EDITABLE (self->name_row)), info);
  /* Translators: %s is a webhook name built from the template; placeholders
   * are {subject}, {action} and {event}, which stay untranslated. */
  text = g_strdup_printf (_("For example “%s”. Placeholders: {subject}, {action}, {event}."),
                          name);
  gtk_label_set_text (self->example_label, text);
}

static void
update_choose_state (PbBulkDialog *self)
{
  guint n_ticked = count_ticked (self);
  g_autofree char *count = NULL;

  if (n_ticked == 0)
    count = g_strdup (_("No events ticked"));
  else
    count = g_strdup_printf (ngettext ("%u event ticked", "%u events ticked", n_ticked),
                             n_ticked);
  gtk_label_set_text (self->count_label, count);

  update_example (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bulk.review",
                                 n_ticked > 0 && self->url_valid);
}

static void
show_url_message (PbBulkDialog *self,
                  const char   *text,
                  const char   *style)
{
  gtk_label_set_text (self->url_message, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->url_message), text != NULL);

  gtk_widget_remove_css_class (GTK_WIDGET (self->url_message), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_message), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "warning");
  if (text != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->url_message), style);
      gtk_widget_add_css_class (GTK_WIDGET (self->url_row), style);
    }
}

static void
on_url_changed (PbBulkDialog *self)
{
  g_autofree char *url = NULL;
  g_autofree char *warning = NULL;
  g_autoptr(GError) error = NULL;

  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  self->url_valid = pb_webhook_check_target_url (url, &warning, &error);

  /* An empty field is not yet a mistake; it only keeps Review disabled. */
  if (!self->url_valid && url[0] != '\0')
    show_url_message (self, error->message, "error");
  else
    show_url_message (self, warning, "warning");

  update_choose_state (self);
}

static void
on_template_changed (PbBulkDialog *self)
{
  update_example (self);
}

static void
on_deliver_row_activated (PbBulkDialog *self)
{
  PbStore *store = pb_account_session_get_store (self->session);
  PbAccount *account = pb_account_session_get_account (self->session);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (self->receiver != NULL);

  token = pb_store_create_token (store, pb_account_get_id (account), &error);
  if (token == NULL)
    {
      show_url_message (self, error->message, "error");
      return;
    }

  url = pb_receiver_dup_url (self->receiver, token);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
}

static void
update_subject_visibility (Subject *subject)
{
  gboolean any_generic = FALSE;
  gboolean any_specific = FALSE;

  for (guint i = 0; i < subject->checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (subject->checks, i);

      if (!gtk_widget_get_visible (gtk_widget_get_parent (check)))
        continue;
      if (pb_event_info_get_kind (check_info (check)) == PB_ACTION_KIND_GENERIC)
        any_generic = TRUE;
      else
        any_specific = TRUE;
    }

  gtk_widget_set_visible (subject->generic, any_generic);
  gtk_widget_set_visible (subject->specific, any_specific);
  gtk_widget_set_visible (subject->separator, any_generic && any_specific);
  gtk_widget_set_visible (subject->group, any_generic || any_specific);
}

static void
on_search_changed (PbBulkDialog *self)
{
  const char *words = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean any = FALSE;
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->checks, i);
      gboolean matches = pb_event_info_matches (check_info (check), words);

      /* The flow box child is hidden, so that no empty cell remains. */
      gtk_widget_set_visible (gtk_widget_get_parent (check), matches);
      any |= matches;
    }

  g_hash_table_iter_init (&iter, self->subjects);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    update_subject_visibility (value);

  gtk_widget_set_visible (GTK_WIDGET (self->no_match_page), !any);
}

/* "All" and "None" act on the actions the filter shows, so that a search
 * followed by "All" ticks what was searched for. */
static void
tick_shown (Subject  *subject,
            gboolean  active)
{
  for (guint i = 0; i < subject->checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (subject->checks, i);

      if (gtk_widget_get_visible (gtk_widget_get_parent (check)))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
    }
}

static void
on_all_clicked (GtkButton *button,
                Subject   *subject)
{
  tick_shown (subject, TRUE);
}

static void
on_none_clicked (GtkButton *button,
                 Subject   *subject)
{
  tick_shown (subject, FALSE);
}

static GtkWidget *
new_flow_box (void)
{
  GtkWidget *flow_box = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow_box), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow_box), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow_box), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow_box), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow_box), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow_box), 2);
  gtk_widget_set_margin_start (flow_box, 12);
  gtk_widget_set_margin_end (flow_box, 12);
  gtk_widget_set_margin_top (flow_box, 6);
  gtk_widget_set_margin_bottom (flow_box, 6);

  return flow_box;
}

static GtkWidget *
new_header_button (const char *label,
                   const char *accessible)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return button;
}

static Subject *
add_subject (PbBulkDialog *self,
             PbEventInfo  *info)
{
  const char *label = pb_event_info_get_subject_label (info);
  Subject *subject = g_new0 (Subject, 1);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *all_text = NULL;
  g_autofree char *none_text = NULL;
  GtkWidget *all;
  GtkWidget *none;

  subject->checks = g_ptr_array_new ();
  subject->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (subject->group), label);

  /* Translators: %s is a subject, such as "Opportunity" */
  all_text = g_strdup_printf (_("Tick every shown action of %s"), label);
  /* Translators: %s is a subject, such as "Opportunity" */
  none_text = g_strdup_printf (_("Untick every shown action of %s"), label);
  all = new_header_button (_("All"), all_text);
  none = new_header_button (_("None"), none_text);
  g_signal_connect (all, "clicked", G_CALLBACK (on_all_clicked), subject);
  g_signal_connect (none, "clicked", G_CALLBACK (on_none_clicked), subject);
  gtk_box_append (GTK_BOX (buttons), all);
  gtk_box_append (GTK_BOX (buttons), none);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (subject->group), buttons);

  subject->generic = new_flow_box ();
  subject->separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
  subject->specific = new_flow_box ();
  gtk_widget_add_css_class (card, "card");
  gtk_box_append (GTK_BOX (card), subject->generic);
  gtk_box_append (GTK_BOX (card), subject->separator);
  gtk_box_append (GTK_BOX (card), subject->specific);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (subject->group), card);

  gtk_box_append (self->groups_box, subject->group);
  g_hash_table_insert (self->subjects, g_strdup (pb_event_info_get_subject (info)), subject);
  return subject;
}

static GtkWidget *
add_check (PbBulkDialog *self,
           PbEventInfo  *info)
{
  Subject *subject = g_hash_table_lookup (self->subjects, pb_event_info_get_subject (info));
  GtkWidget *check = gtk_check_button_new_with_label (pb_event_info_get_action_label (info));
  g_autofree char *tooltip = NULL;

  if (subject == NULL)
    subject = add_subject (self, info);

  tooltip = g_strdup_printf ("%s\n%s", pb_event_info_get_event (info),
                             pb_event_info_get_description (info));
  gtk_widget_set_tooltip_text (check, g_strstrip (tooltip));
  g_object_set_data_full (G_OBJECT (check), "pb-event-info", g_object_ref (info),
                          g_object_unref);
  g_signal_connect_object (check, "toggled", G_CALLBACK (update_choose_state), self,
                           G_CONNECT_SWAPPED);

  gtk_flow_box_append (GTK_FLOW_BOX (pb_event_info_get_kind (info) == PB_ACTION_KIND_GENERIC
                                       ? subject->generic
                                       : subject->specific),
                       check);
  g_ptr_array_add (subject->checks, check);
  g_ptr_array_add (self->checks, check);
  update_subject_visibility (subject);

  return check;
}

static GtkWidget *
find_check (PbBulkDialog *self,
            const char   *event)
{
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->checks, i);

      if (g_str_equal (pb_event_info_get_event (check_info (check)), event))
        return check;
    }

  return NULL;
}

static void
build_grid (PbBulkDialog *self)
{
  GListModel *events = pb_catalog_get_events (self->catalog);
  guint n_items = g_list_model_get_n_items (events);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PbEventInfo) info = g_list_model_get_item (events, i);

      add_check (self, info);
    }

  /* A preselected event the catalog lacks still gets its box. */
  for (guint i = 0; self->preselected != NULL && self->preselected[i] != NULL; i++)
    {
      const char *event = self->preselected[i];
      GtkWidget *check;

      if (event[0] == '\0')
        continue;

      check = find_check (self, event);
      if (check == NULL)
        {
          g_autoptr(PbEventInfo) info = pb_catalog_describe (self->catalog, event);

          check = add_check (self, info);
        }
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    }
}

static GStrv
dup_ticked (PbBulkDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->checks, i);

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        g_strv_builder_add (builder, pb_event_info_get_event (check_info (check)));
    }

  return g_strv_builder_end (builder);
}

/* A run stops after its request in flight; what was created stays. */
static gboolean
on_close_request (PbBulkDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  return FALSE;
}

/* Object */

static void
pb_bulk_dialog_constructed (GObject *object)
{
  PbBulkDialog *self = PB_BULK_DIALOG (object);
  PbAccount *account;

  G_OBJECT_CLASS (pb_bulk_dialog_parent_class)->constructed (object);

  g_assert (self->session != NULL);

  g_object_get (self->session, "catalog", &self->catalog, NULL);
  if (self->catalog == NULL)
    self->catalog = g_object_ref (pb_catalog_get_default ());

  account = pb_account_session_get_account (self->session);
  adw_window_title_set_subtitle (self->window_title, pb_account_get_display_name (account));
  gtk_widget_set_visible (GTK_WIDGET (self->deliver_row), self->receiver != NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), pb_bulk_default_name_template ());

  build_grid (self);
  on_url_changed (self);
  pb_bulk_dialog_show_choose (self);
  /* The dialog opens ready for typing, not on its Cancel button. */
  gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
}

static void
pb_bulk_dialog_dispose (GObject *object)
{
  PbBulkDialog *self = PB_BULK_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_BULK_DIALOG);

  G_OBJECT_CLASS (pb_bulk_dialog_parent_class)->dispose (object);
}

static void
pb_bulk_dialog_finalize (GObject *object)
{
  PbBulkDialog *self = PB_BULK_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->receiver);
  g_clear_object (&self->catalog);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->preselected, g_strfreev);
  g_clear_pointer (&self->subjects, g_hash_table_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_bulk_dialog_parent_class)->finalize (object);
}

static void
pb_bulk_dialog_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PbBulkDialog *self = PB_BULK_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_RECEIVER:
      g_value_set_object (value, self->receiver);
      break;

    case PROP_PRESELECTED:
      g_value_set_boxed (value, self->preselected);
      break;

    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;

    case PROP_PAUSE:
      g_value_set_uint (value, self->pause_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_bulk_dialog_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PbBulkDialog *self = PB_BULK_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_RECEIVER:
      self->receiver = g_value_dup_object (value);
      break;

    case PROP_PRESELECTED:
      self->preselected = g_value_dup_boxed (value);
      break;

    case PROP_PAUSE:
      pb_bulk_dialog_set_pause (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/patchbay/Patchbay/ui/pb-bulk-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, primary_button);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, deliver_row);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, active_switch);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, url_message);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, example_label);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, count_label);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, groups_box);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, no_match_page);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, target_label);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, result_box);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, result_label);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, retry_button);
  gtk_widget_class_bind_template_child (widget_class, PbBulkDialog, items_list);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request);
  gtk_widget_class_bind_template_callback (widget_class, on_deliver_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_template_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed);
}

static void
pb_bulk_dialog_class_init (PbBulkDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = pb_bulk_dialog_constructed;
  object_class->dispose = pb_bulk_dialog_dispose;
  object_class->finalize = pb_bulk_dialog_finalize;
  object_class->get_property = pb_bulk_dialog_get_property;
  object_class->set_property = pb_bulk_dialog_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, PB_TYPE_ACCOUNT_SESSION, construct);
  properties[PROP_RECEIVER] =
    g_param_spec_object ("receiver", NULL, NULL, PB_TYPE_RECEIVER, construct);
  properties[PROP_PRESELECTED] =
    g_param_spec_boxed ("preselected", NULL, NULL, G_TYPE_STRV, construct);
  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, PB_TYPE_BULK_PLAN,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAUSE] =
    g_param_spec_uint ("pause", NULL, NULL, 0, G_MAXUINT, PB_BULK_DEFAULT_PAUSE_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  pb_bulk_dialog_install_review_actions (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  bind_template (widget_class);
}

static void
pb_bulk_dialog_init (PbBulkDialog *self)
{
  self->pause_ms = PB_BULK_DEFAULT_PAUSE_MS;
  self->subjects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify)subject_free);
  self->checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  pb_accessible_name_buttons (GTK_WIDGET (self));
}

/* The plan is set by the review half; the property table lives here. */
void
pb_bulk_dialog_notify_plan (PbBulkDialog *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

/**
 * pb_bulk_dialog_new:
 * @session: the account the webhooks are created in
 * @receiver: (nullable): the receiver that "Deliver to Patchbay" points at
 * @preselected_events: (array zero-terminated=1) (nullable): events that
 *   start ticked
 *
 * Returns: (transfer full): a new dialog, to be shown with gtk_window_present()
 */
PbBulkDialog *
pb_bulk_dialog_new (PbAccountSession   *session,
                    PbReceiver         *receiver,
                    const char * const *preselected_events)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (session), NULL);
  g_return_val_if_fail (receiver == NULL || PB_IS_RECEIVER (receiver), NULL);

  return g_object_new (PB_TYPE_BULK_DIALOG,
                       "session", session,
                       "receiver", receiver,
                       "preselected", preselected_events,
                       NULL);
}

/**
 * pb_bulk_dialog_get_session:
 * @self: a #PbBulkDialog
 *
 * Returns: (transfer none): the account the webhooks are created in
 */
PbAccountSession *
pb_bulk_dialog_get_session (PbBulkDialog *self)
{
  g_return_val_if_fail (PB_IS_BULK_DIALOG (self), NULL);

  return self->session;
}

/**
 * pb_bulk_dialog_dup_ticked:
 * @self: a #PbBulkDialog
 *
 * Returns: (transfer full): the ticked events, in catalog order
 */
GStrv
pb_bulk_dialog_dup_ticked (PbBulkDialog *self)
{
  g_return_val_if_fail (PB_IS_BULK_DIALOG (self), NULL);

  return dup_ticked (self);
}

/**
 * pb_bulk_dialog_get_plan:
 * @self: a #PbBulkDialog
 *
 * Returns: (transfer none) (nullable): the plan under review, or %NULL while
 *   the events are being chosen
 */
PbBulkPlan *
pb_bulk_dialog_get_plan (PbBulkDialog *self)
{
  g_return_val_if_fail (PB_IS_BULK_DIALOG (self), NULL);

  return self->plan;
}

/**
 * pb_bulk_dialog_get_pause:
 * @self: a #PbBulkDialog
 *
 * Returns: the pause between two requests of a run, in milliseconds
 */
guint
pb_bulk_dialog_get_pause (PbBulkDialog *self)
{
  g_return_val_if_fail (PB_IS_BULK_DIALOG (self), 0);

  return self->pause_ms;
}

/**
 * pb_bulk_dialog_set_pause:
 * @self: a #PbBulkDialog
 * @pause_ms: the pause between two requests, in milliseconds
 *
 * Sets the pacing of the plans the dialog makes from now on.
 */
void
pb_bulk_dialog_set_pause (PbBulkDialog *self,
                          guint         pause_ms)
{
  g_return_if_fail (PB_IS_BULK_DIALOG (self));

  if (self->pause_ms == pause_ms)
    return;

  self->pause_ms = pause_ms;
  if (self->plan != NULL)
    pb_bulk_plan_set_pause (self->plan, pause_ms);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSE]);
}

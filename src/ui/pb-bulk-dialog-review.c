/* pb-bulk-dialog-review.c: reviewing and running the bulk dialog's plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-bulk-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-bulk-dialog-private.h"

static const char *
state_icon (PbBulkState  state,
            const char **description,
            const char **style)
{
  *style = NULL;
  switch (state)
    {
    case PB_BULK_STATE_PENDING:
      *description = _("To be created");
      return "list-add-symbolic";

    case PB_BULK_STATE_RUNNING:
      *description = _("Creating…");
      return NULL;

    case PB_BULK_STATE_DONE:
      *description = _("Created");
      *style = "success";
      return "emblem-ok-symbolic";

    case PB_BULK_STATE_FAILED:
      *description = _("Could not be created");
      *style = "error";
      return "dialog-error-symbolic";

    case PB_BULK_STATE_SKIPPED:
    default:
      *description = _("Skipped");
      *style = "dim-label";
      return "action-unavailable-symbolic";
    }
}

static void
update_item_row (AdwActionRow *row,
                 GParamSpec   *pspec,
                 PbBulkItem   *item)
{
  GtkImage *image = g_object_get_data (G_OBJECT (row), "pb-state-image");
  GtkSpinner *spinner = g_object_get_data (G_OBJECT (row), "pb-state-spinner");
  PbBulkState state = pb_bulk_item_get_state (item);
  const char *event = pb_bulk_item_get_event (item);
  const char *detail = NULL;
  const char *description;
  const char *style;
  const char *icon = state_icon (state, &description, &style);
  const char *no_classes[] = { NULL };
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (GTK_WIDGET (image), icon != NULL);
  gtk_widget_set_visible (GTK_WIDGET (spinner), icon == NULL);
  gtk_spinner_set_spinning (spinner, icon == NULL);
  if (icon != NULL)
    gtk_image_set_from_icon_name (image, icon);
  gtk_widget_set_css_classes (GTK_WIDGET (image), no_classes);
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (image), style);
  gtk_widget_set_tooltip_text (GTK_WIDGET (image), description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);

  if (state == PB_BULK_STATE_SKIPPED)
    detail = pb_bulk_item_get_skip_reason (item);
  else if (state == PB_BULK_STATE_FAILED)
    detail = pb_bulk_item_get_error_message (item);

  /* Translators: an event string, then why it is skipped or failed */
  subtitle = detail ? g_strdup_printf (_("%s — %s"), event, detail) : g_strdup (event);
  adw_action_row_set_subtitle (row, subtitle);
}

static GtkWidget *
create_item_row (gpointer item,
                 gpointer user_data)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *image = gtk_image_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pb_bulk_item_get_name (item));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_set_tooltip_text (spinner, _("Creating…"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), spinner);
  g_object_set_data (G_OBJECT (row), "pb-state-image", image);
  g_object_set_data (G_OBJECT (row), "pb-state-spinner", spinner);

  g_signal_connect_object (item, "notify::state", G_CALLBACK (update_item_row), row,
                           G_CONNECT_SWAPPED);
  update_item_row (ADW_ACTION_ROW (row), NULL, item);

  return row;
}

static void
update_review_state (PbBulkDialog *self)
{
  gboolean running = self->plan != NULL && pb_bulk_plan_get_running (self->plan);
  gboolean started = self->plan != NULL && pb_bulk_plan_get_n_done (self->plan) > 0;
  guint n_create = self->plan != NULL ? pb_bulk_plan_get_n_create (self->plan) : 0;
  guint n_failed = self->plan != NULL ? pb_bulk_plan_get_n_failed (self->plan) : 0;
  g_autofree char *label = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), !running && !started);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !self->finished);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_spinner_set_spinning (self->spinner, running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running || started);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), !running && n_failed > 0);

  if (self->finished)
    {
      gtk_button_set_label (self->primary_button, _("_Close"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->primary_button), "window.close");
      return;
    }

  label = g_strdup_printf (ngettext ("C_reate %u Webhook", "C_reate %u Webhooks", n_create),
                           n_create);
  gtk_button_set_label (self->primary_button, label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->primary_button), "bulk.create");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bulk.create",
                                 !running && !started && n_create > 0);
}

static void
on_progress (PbBulkDialog *self)
{
  guint n_done = pb_bulk_plan_get_n_done (self->plan);
  guint n_create = pb_bulk_plan_get_n_create (self->plan);
  g_autofree char *text = NULL;

  /* Translators: progress of a bulk creation, such as "3 of 11" */
  text = g_strdup_printf (_("%u of %u"), n_done, n_create);
  gtk_progress_bar_set_fraction (self->progress_bar, pb_bulk_plan_get_fraction (self->plan));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
set_plan (PbBulkDialog *self,
          PbBulkPlan   *plan)
{
  if (self->plan == plan)
    return;

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_set_object (&self->plan, plan);

  gtk_list_box_bind_model (self->items_list, plan ? pb_bulk_plan_get_items (plan) : NULL,
                           plan ? create_item_row : NULL, NULL, NULL);
  if (plan != NULL)
    {
      g_signal_connect_swapped (plan, "notify::n-done", G_CALLBACK (on_progress), self);
      g_signal_connect_swapped (plan, "notify::running",
                                G_CALLBACK (update_review_state), self);
      on_progress (self);
    }

  pb_bulk_dialog_notify_plan (self);
}

static void
show_result (PbBulkDialog *self,
             const char   *message,
             const char   *style)
{
  gtk_label_set_text (self->result_label, message);
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->result_label), style);
  gtk_widget_set_visible (GTK_WIDGET (self->result_box), TRUE);
}

static void
on_run_finished (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PbBulkDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  PbBulkPlan *plan = PB_BULK_PLAN (object);
  guint n_create = pb_bulk_plan_get_n_create (plan);

  if (pb_bulk_plan_run_finish (plan, result, &error))
    {
      g_autofree char *done = g_strdup_printf (ngettext ("%u webhook was created.",
                                                         "%u webhooks were created.",
                                                         n_create),
                                               n_create);

      show_result (self, done, "success");
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      return;
    }
  else
    {
      show_result (self, error->message, "error");
    }

  g_clear_object (&self->cancellable);
  self->finished = TRUE;
  update_review_state (self);
}

static void
start_run (PbBulkDialog *self)
{
  g_assert (self->plan != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->result_box), FALSE);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  pb_bulk_plan_run_async (self->plan, self->cancellable, on_run_finished, g_object_ref (self));
  update_review_state (self);
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PbBulkDialog *self = PB_BULK_DIALOG (widget);
  g_auto(GStrv) events = pb_bulk_dialog_dup_ticked (self);
  g_autoptr(PbBulkPlan) plan = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *redacted = NULL;
  g_autofree char *target = NULL;

  plan = pb_bulk_plan_new (self->session, (const char * const *)events,
                           gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                           gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                           gtk_switch_get_active (self->active_switch));
  pb_bulk_plan_set_pause (plan, self->pause_ms);
  set_plan (self, plan);

  summary = pb_bulk_plan_dup_summary (plan);
  gtk_label_set_text (self->summary_label, summary);
  /* The token of a receiver address stays off the screen, as in the list. */
  redacted = pb_webhook_dup_redacted_url (pb_bulk_plan_get_target_url (plan));
  /* Translators: %s is the target URL every new webhook delivers to */
  target = g_strdup_printf (_("Delivering to %s"), redacted);
  gtk_label_set_text (self->target_label, target);

  gtk_stack_set_visible_child_name (self->stack, "review");
  update_review_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->primary_button));
}

/* Drops the plan under review and goes back to the ticked events. */
void
pb_bulk_dialog_show_choose (PbBulkDialog *self)
{
  set_plan (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "choose");
  gtk_button_set_label (self->primary_button, _("_Review"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->primary_button), "bulk.review");
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), FALSE);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PbBulkDialog *self = PB_BULK_DIALOG (widget);

  if (self->plan != NULL && pb_bulk_plan_get_running (self->plan))
    return;

  pb_bulk_dialog_show_choose (self);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PbBulkDialog *self = PB_BULK_DIALOG (widget);

  if (self->plan == NULL || pb_bulk_plan_get_running (self->plan))
    return;

  start_run (self);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PbBulkDialog *self = PB_BULK_DIALOG (widget);

  if (self->plan == NULL || pb_bulk_plan_get_running (self->plan) ||
      pb_bulk_plan_get_n_failed (self->plan) == 0)
    return;

  self->finished = FALSE;
  start_run (self);
}

void
pb_bulk_dialog_install_review_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "bulk.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "bulk.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "bulk.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "bulk.retry", NULL, retry_action);
}

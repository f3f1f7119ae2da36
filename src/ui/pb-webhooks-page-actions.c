/* pb-webhooks-page-actions.c: what the webhooks page does to one webhook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-webhooks-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-accessible.h"
#include "pb-webhook-row.h"
#include "pb-webhooks-page-private.h"

static void
copy_url_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PbWebhooksPage *self = PB_WEBHOOKS_PAGE (widget);
  g_autoptr(PbWebhook) webhook =
    pb_webhooks_page_find_webhook (self, g_variant_get_int64 (parameter));

  if (webhook == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), pb_webhook_get_target_url (webhook));
  pb_webhooks_page_add_toast (self, adw_toast_new (_("Target URL copied")));
}

typedef struct
{
  PbWebhooksPage *self;
  PbWebhook      *webhook;
} WebhookOp;

static WebhookOp *
webhook_op_new (PbWebhooksPage *self,
                PbWebhook      *webhook)
{
  WebhookOp *op = g_new0 (WebhookOp, 1);

  op->self = g_object_ref (self);
  op->webhook = pb_webhook_copy (webhook);
  return op;
}

static void
webhook_op_free (WebhookOp *op)
{
  g_clear_object (&op->self);
  g_clear_object (&op->webhook);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WebhookOp, webhook_op_free)

static void
on_deleted (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(WebhookOp) op = user_data;
  g_autoptr(GError) error = NULL;
  PbWebhooksPage *self = op->self;
  const char *name = pb_webhook_get_name (op->webhook);
  gint64 id = pb_webhook_get_id (op->webhook);
  AdwToast *toast;

  if (!pb_account_session_delete_finish (PB_ACCOUNT_SESSION (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pb_webhooks_page_add_toast (self,
                                    adw_toast_new_format (_("Could not delete “%s”: %s"),
                                                          name, error->message));
      return;
    }

  /* Kept for Undo, which can only recreate it: Current RMS gives it a new id. */
  g_hash_table_insert (self->deleted, g_memdup2 (&id, sizeof id), g_object_ref (op->webhook));

  toast = adw_toast_new_format (_("Deleted “%s”"), name);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "webhooks.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (id));
  pb_webhooks_page_add_toast (self, toast);
}

static void
delete_webhook (PbWebhooksPage *self,
                PbWebhook      *webhook)
{
  g_debug ("Deleting webhook %" G_GINT64_FORMAT, pb_webhook_get_id (webhook));
  pb_account_session_delete_async (self->session, pb_webhook_get_id (webhook), self->cancellable,
                                   on_deleted, webhook_op_new (self, webhook));
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    WebhookOp        *op)
{
  if (g_str_equal (response, "delete"))
    delete_webhook (op->self, op->webhook);
}

static void
on_confirm_changed (GtkEditable      *entry,
                    AdwMessageDialog *dialog)
{
  const char *subdomain = g_object_get_data (G_OBJECT (entry), "pb-subdomain");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "delete", g_str_equal (text, subdomain));
}

/* Production accounts make the user type the subdomain, so a webhook that real
 * systems depend on is not removed by a stray click. */
static void
add_confirmation (AdwMessageDialog *dialog,
                  PbAccount        *account)
{
  const char *subdomain = pb_account_get_subdomain (account);
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *body = NULL;

  body = g_strdup_printf (_("%s is a production account: type its subdomain, %s, to confirm."),
                          pb_account_get_display_name (account), subdomain);
  adw_message_dialog_format_body (dialog, "%s\n\n%s", adw_message_dialog_get_body (dialog), body);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), subdomain);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Subdomain"),
                                  -1);
  g_object_set_data_full (G_OBJECT (entry), "pb-subdomain", g_strdup (subdomain), g_free);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_confirm_changed), dialog, 0);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_set_response_enabled (dialog, "delete", FALSE);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PbWebhooksPage *self = PB_WEBHOOKS_PAGE (widget);
  g_autoptr(PbWebhook) webhook =
    pb_webhooks_page_find_webhook (self, g_variant_get_int64 (parameter));
  PbAccount *account = pb_account_session_get_account (self->session);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  if (webhook == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                              : NULL,
                                                       NULL, NULL));
  adw_message_dialog_format_heading (dialog, _("Delete “%s”?"), pb_webhook_get_name (webhook));
  adw_message_dialog_set_body (dialog, _("Current RMS will stop sending this webhook’s "
                                         "deliveries."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  if (pb_account_get_production (account))
    add_confirmation (dialog, account);

  g_signal_connect_data (dialog, "response", G_CALLBACK (on_delete_response),
                         webhook_op_new (self, webhook),
                         (GClosureNotify)(void (*)(void))webhook_op_free, 0);
  pb_accessible_name_buttons (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_restored (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WebhookOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbWebhook) restored = NULL;
  const char *name = pb_webhook_get_name (op->webhook);

  restored = pb_account_session_create_finish (PB_ACCOUNT_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (restored == NULL)
    pb_webhooks_page_add_toast (op->self,
                                adw_toast_new_format (_("Could not restore “%s”: %s"),
                                                      name, error->message));
  else
    pb_webhooks_page_add_toast (op->self, adw_toast_new_format (_("Restored “%s”"), name));
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PbWebhooksPage *self = PB_WEBHOOKS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autofree gint64 *stolen_id = NULL;
  g_autoptr(PbWebhook) deleted = NULL;
  g_autoptr(PbWebhook) request = NULL;

  /* Stealing hands over the key as well as the value. */
  if (!g_hash_table_steal_extended (self->deleted, &id, (gpointer *)&stolen_id,
                                    (gpointer *)&deleted))
    return;

  request = pb_webhook_new (pb_webhook_get_name (deleted), pb_webhook_get_event (deleted),
                            pb_webhook_get_target_url (deleted), pb_webhook_get_active (deleted));
  pb_account_session_create_async (self->session, request, self->cancellable,
                                   on_restored, webhook_op_new (self, deleted));
}

typedef struct
{
  PbWebhooksPage *self;
  PbWebhook      *webhook;
  GtkSwitch      *toggle;
  gboolean        active;
} ToggleOp;

static void
toggle_op_free (ToggleOp *op)
{
  g_clear_object (&op->self);
  g_clear_object (&op->webhook);
  g_clear_object (&op->toggle);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToggleOp, toggle_op_free)

static void
on_active_updated (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ToggleOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbWebhook) updated = NULL;
  AdwToast *toast;
  gboolean still_shown;

  updated = pb_account_session_update_finish (PB_ACCOUNT_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The switch may have been recycled for another row meanwhile. */
  still_shown = pb_webhook_row_get_webhook (GTK_WIDGET (op->toggle)) == op->webhook;

  if (updated != NULL)
    {
      pb_webhooks_page_queue_refilter (op->self, FALSE);
      if (still_shown)
        gtk_switch_set_state (op->toggle, pb_webhook_get_active (updated));
      return;
    }

  if (still_shown)
    gtk_switch_set_active (op->toggle, pb_webhook_get_active (op->webhook));
  if (op->active)
    toast = adw_toast_new_format (_("Could not turn on “%s”: %s"),
                                  pb_webhook_get_name (op->webhook), error->message);
  else
    toast = adw_toast_new_format (_("Could not turn off “%s”: %s"),
                                  pb_webhook_get_name (op->webhook), error->message);
  pb_webhooks_page_add_toast (op->self, toast);
}

static gboolean
on_switch_state_set (PbWebhooksPage *self,
                     gboolean        active,
                     GtkSwitch      *toggle)
{
  PbWebhook *webhook = pb_webhook_row_get_webhook (GTK_WIDGET (toggle));
  g_autoptr(PbWebhook) request = NULL;
  ToggleOp *op;

  /* Rebinding a row or reverting after a failure: nothing to send. */
  if (webhook == NULL || active == pb_webhook_get_active (webhook))
    return FALSE;

  request = pb_webhook_copy (webhook);
  pb_webhook_set_active (request, active);

  op = g_new0 (ToggleOp, 1);
  op->self = g_object_ref (self);
  op->webhook = g_object_ref (webhook);
  op->toggle = g_object_ref (toggle);
  op->active = active;
  pb_account_session_update_async (self->session, request, PB_WEBHOOK_FIELD_ACTIVE,
                                   self->cancellable, on_active_updated, op);

  /* Keep the switch's state as it is until Current RMS agrees. */
  return TRUE;
}

void
pb_webhooks_page_setup_switch (PbWebhooksPage *self,
                               GtkListItem    *item)
{
  g_signal_connect_object (gtk_list_item_get_child (item), "state-set",
                           G_CALLBACK (on_switch_state_set), self, G_CONNECT_SWAPPED);
}

void
pb_webhooks_page_install_item_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "webhooks.copy-url", "x", copy_url_action);
  gtk_widget_class_install_action (widget_class, "webhooks.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "webhooks.undo-delete", "x",
                                   undo_delete_action);
}

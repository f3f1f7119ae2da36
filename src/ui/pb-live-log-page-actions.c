/* pb-live-log-page-actions.c: what the live log's buttons and shortcuts do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-live-log"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-accessible.h"
#include "pb-live-log-page-private.h"

static void
copy_text (PbLiveLogPage *self,
           const char    *text,
           const char    *toast)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  pb_live_log_page_show_toast (self, toast);
}

static void
copy_hook_url_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PbLiveLogPage *self = PB_LIVE_LOG_PAGE (widget);
  g_autofree char *url = pb_live_log_page_dup_hook_url (self);

  if (url != NULL)
    copy_text (self, url, _("URL copied: paste it as a webhook’s target"));
}

static void
copy_public_url_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  PbLiveLogPage *self = PB_LIVE_LOG_PAGE (widget);
  const char *url = self->receiver != NULL ? pb_receiver_get_public_url (self->receiver) : NULL;

  if (url != NULL)
    copy_text (self, url, _("Public URL copied"));
}

static void
toggle_listening_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  PbLiveLogPage *self = PB_LIVE_LOG_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->receiver == NULL)
    return;

  if (pb_receiver_get_listening (self->receiver))
    pb_receiver_stop (self->receiver);
  else if (!pb_receiver_start (self->receiver, &error))
    pb_live_log_page_show_toast (self, error->message);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PbLiveLogPage *self = PB_LIVE_LOG_PAGE (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Clearing */

static void
on_clear_response (AdwMessageDialog *dialog,
                   const char       *response,
                   PbLiveLogPage    *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "clear") != 0)
    return;

  if (!pb_store_clear_deliveries (self->store, pb_live_log_page_get_account_id (self), &error))
    pb_live_log_page_show_toast (self, error->message);
  else
    pb_live_log_page_show_toast (self, _("Deliveries cleared"));
}

static void
clear_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PbLiveLogPage *self = PB_LIVE_LOG_PAGE (widget);
  PbAccount *account = pb_account_session_get_account (self->session);
  GtkNative *native = gtk_widget_get_native (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (native) ? GTK_WINDOW (native) : NULL,
                                   _("Clear the Live Log?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The deliveries shown here are deleted from this "
                                    "computer: those for “%s” and those to the shared "
                                    "inbox URL, which the other accounts’ live logs show "
                                    "too. Current RMS does not send them again."),
                                  pb_account_get_display_name (account));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "clear", _("C_lear"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "clear",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_clear_response), self, 0);
  pb_accessible_name_buttons (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
resume_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  pb_live_log_page_set_paused (PB_LIVE_LOG_PAGE (widget), FALSE);
}

static void
add_shortcut (GtkShortcutController *controller,
              const char            *trigger,
              const char            *action)
{
  GtkShortcutTrigger *parsed = gtk_shortcut_trigger_parse_string (trigger);

  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (parsed, gtk_named_action_new (action)));
}

void
pb_live_log_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "live-log.search", NULL, search_activated);
  gtk_widget_class_install_property_action (widget_class, "live-log.pause", "paused");
  gtk_widget_class_install_property_action (widget_class, "live-log.follow", "follow-latest");
  gtk_widget_class_install_action (widget_class, "live-log.clear", NULL, clear_activated);
  gtk_widget_class_install_action (widget_class, "live-log.resume", NULL, resume_activated);
  gtk_widget_class_install_action (widget_class, "live-log.toggle-listening", NULL,
                                   toggle_listening_activated);
  gtk_widget_class_install_action (widget_class, "live-log.copy-hook-url", NULL,
                                   copy_hook_url_activated);
  gtk_widget_class_install_action (widget_class, "live-log.copy-public-url", NULL,
                                   copy_public_url_activated);
}

void
pb_live_log_page_add_shortcuts (PbLiveLogPage *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>f", "live-log.search");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>p", "live-log.pause");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>l", "live-log.clear");
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

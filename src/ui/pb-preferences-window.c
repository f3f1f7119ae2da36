/* pb-preferences-window.c: receiver and delivery history settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-preferences"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-accessible.h"
#include "pb-preferences-window.h"

struct _PbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Owned */
  PbApplication        *application;
  char                 *receiver_problem;

  /* Template children */
  AdwActionRow         *status_row;
  GtkImage             *status_icon;
  AdwEntryRow          *address_row;
  GtkSpinButton        *port_spin;
  AdwEntryRow          *public_url_row;
  GtkSwitch            *listen_switch;
  GtkSpinButton        *days_spin;
  GtkSpinButton        *count_spin;
};

G_DEFINE_FINAL_TYPE (PbPreferencesWindow, pb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_APPLICATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_status (PbPreferencesWindow *self)
{
  PbReceiver *receiver = pb_application_get_receiver (self->application);
  g_autofree char *base = NULL;
  g_autofree char *title = NULL;

  if (!pb_receiver_get_listening (receiver))
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row),
                                     _("Not listening"));
      adw_action_row_set_subtitle (self->status_row,
                                   self->receiver_problem != NULL ? self->receiver_problem
                                   : _("Deliveries sent to Patchbay are not received"));
      gtk_image_set_from_icon_name (self->status_icon, "network-offline-symbolic");
      return;
    }

  base = pb_receiver_dup_local_base (receiver);
  title = g_strdup_printf (_("Listening on %s"), base);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
  adw_action_row_set_subtitle (self->status_row,
                               pb_receiver_get_port_fell_back (receiver)
                               ? _("The chosen port was taken, so another one is used")
                               : NULL);
  gtk_image_set_from_icon_name (self->status_icon, "network-receive-symbolic");
}

static void
restart_clicked_cb (PbPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->receiver_problem, g_free);
  if (!pb_application_restart_receiver (self->application, &error))
    self->receiver_problem = g_strdup (error->message);
  update_status (self);
}

static void
address_apply_cb (PbPreferencesWindow *self)
{
  GSettings *settings = pb_application_get_settings (self->application);
  g_autofree char *address = g_strstrip (g_strdup (gtk_editable_get_text (
                                                     GTK_EDITABLE (self->address_row))));
  g_autoptr(GInetAddress) parsed = g_inet_address_new_from_string (address);

  if (parsed == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->address_row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Enter an IP address, such as "
                                                         "127.0.0.1 or 0.0.0.0.")));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->address_row), "error");
  g_settings_set_string (settings, "receiver-address", address);
}

static void
public_url_apply_cb (PbPreferencesWindow *self)
{
  GSettings *settings = pb_application_get_settings (self->application);
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (
                                                 GTK_EDITABLE (self->public_url_row))));

  if (url[0] != '\0' && !g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->public_url_row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The public URL starts with https:// "
                                                         "or http://.")));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->public_url_row), "error");
  g_settings_set_string (settings, "public-url", url);
}

static void
delete_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    PbPreferencesWindow *self)
{
  PbStore *store = pb_application_get_store (self->application);
  g_autoptr(GError) error = NULL;
  const char *message;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  if (pb_store_clear_deliveries (store, 0, &error))
    message = _("All deliveries were deleted.");
  else
    message = error->message;
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
delete_clicked_cb (PbPreferencesWindow *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete All Deliveries?"),
                                   _("Every delivery Patchbay received, in every account, is "
                                     "deleted from this computer. This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  pb_accessible_name_buttons (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
pb_preferences_window_close_request (GtkWindow *window)
{
  PbPreferencesWindow *self = PB_PREFERENCES_WINDOW (window);
  GSettings *settings = pb_application_get_settings (self->application);
  g_autoptr(GError) error = NULL;

  pb_store_apply_retention (pb_application_get_store (self->application),
                            g_settings_get_uint (settings, "retention-count"),
                            g_settings_get_uint (settings, "retention-days"),
                            &error);
  if (error != NULL)
    g_warning ("Could not apply the delivery retention: %s", error->message);

  return GTK_WINDOW_CLASS (pb_preferences_window_parent_class)->close_request (window);
}

static void
pb_preferences_window_bind (PbPreferencesWindow *self)
{
  GSettings *settings = pb_application_get_settings (self->application);
  PbReceiver *receiver = pb_application_get_receiver (self->application);
  g_autofree char *address = g_settings_get_string (settings, "receiver-address");
  g_autofree char *public_url = g_settings_get_string (settings, "public-url");

  gtk_editable_set_text (GTK_EDITABLE (self->address_row), address);
  gtk_editable_set_text (GTK_EDITABLE (self->public_url_row), public_url);
  g_settings_bind (settings, "receiver-port", self->port_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "listen-at-start", self->listen_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "retention-days", self->days_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "retention-count", self->count_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (receiver, "notify::listening", G_CALLBACK (update_status), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (receiver, "notify::bound-port", G_CALLBACK (update_status), self,
                           G_CONNECT_SWAPPED);
  update_status (self);
}

static void
pb_preferences_window_constructed (GObject *object)
{
  PbPreferencesWindow *self = (PbPreferencesWindow *)object;

  G_OBJECT_CLASS (pb_preferences_window_parent_class)->constructed (object);

  pb_preferences_window_bind (self);
}

static void
pb_preferences_window_dispose (GObject *object)
{
  PbPreferencesWindow *self = (PbPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->application);
  g_clear_pointer (&self->receiver_problem, g_free);

  G_OBJECT_CLASS (pb_preferences_window_parent_class)->dispose (object);
}

static void
pb_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PbPreferencesWindow *self = PB_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      self->application = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_preferences_window_class_init (PbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pb_preferences_window_constructed;
  object_class->dispose = pb_preferences_window_dispose;
  object_class->set_property = pb_preferences_window_set_property;
  window_class->close_request = pb_preferences_window_close_request;

  properties[PROP_APPLICATION] =
    g_param_spec_object ("pb-application", NULL, NULL,
                         PB_TYPE_APPLICATION,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               PB_RESOURCE_PREFIX
                                               "/ui/pb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, status_row);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, port_spin);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, public_url_row);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, listen_switch);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, days_spin);
  gtk_widget_class_bind_template_child (widget_class, PbPreferencesWindow, count_spin);
  gtk_widget_class_bind_template_callback (widget_class, restart_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, address_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, public_url_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
}

/* Libadwaita 1.2 gives the search entry it builds in no name of its own. */
static gboolean
name_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Search Preferences"), -1);
      return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (name_search_entry (child))
      return TRUE;

  return FALSE;
}

static void
pb_preferences_window_init (PbPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pb_accessible_name_buttons (GTK_WIDGET (self));
  name_search_entry (GTK_WIDGET (self));
}

/**
 * pb_preferences_window_new:
 * @application: the running #PbApplication
 *
 * Returns: (transfer none): a new preferences window, not yet shown
 */
GtkWidget *
pb_preferences_window_new (PbApplication *application)
{
  g_return_val_if_fail (PB_IS_APPLICATION (application), NULL);

  return g_object_new (PB_TYPE_PREFERENCES_WINDOW,
                       "pb-application", application,
                       NULL);
}

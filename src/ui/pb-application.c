/* pb-application.c: the Patchbay application and the objects it shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-application"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-account-dialog.h"
#include "pb-application-private.h"
#include "pb-preferences-window.h"
#include "pb-window.h"

/* Settings edits arrive a keystroke or a spin step at a time; the receiver is
 * rebound once they settle. */
#define RECEIVER_RESTART_DELAY_MS 600

G_DEFINE_FINAL_TYPE (PbApplication, pb_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
pb_application_add_message (PbApplication *self,
                            const char    *message)
{
  g_ptr_array_add (self->startup_messages, g_strdup (message));
}

void
pb_application_notify_loading (PbApplication *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
pb_application_learn_events (PbApplication *self)
{
  g_auto(GStrv) events = NULL;
  g_autoptr(GError) error = NULL;

  events = pb_store_list_learned_events (self->store, &error);
  if (events == NULL)
    {
      g_warning ("Could not read the learned events: %s", error->message);
      return;
    }

  for (guint i = 0; events[i] != NULL; i++)
    pb_catalog_learn (self->catalog, events[i]);
}

static void
pb_application_apply_retention (PbApplication *self)
{
  g_autoptr(GError) error = NULL;
  guint days = g_settings_get_uint (self->settings, "retention-days");
  guint count = g_settings_get_uint (self->settings, "retention-count");
  guint removed;

  removed = pb_store_apply_retention (self->store, count, days, &error);
  if (error != NULL)
    g_warning ("Could not apply the delivery retention: %s", error->message);
  else if (removed > 0)
    g_debug ("Retention removed %u deliveries", removed);
}

static void
pb_application_configure_receiver (PbApplication *self)
{
  g_autofree char *address = g_settings_get_string (self->settings, "receiver-address");
  g_autofree char *public_url = g_settings_get_string (self->settings, "public-url");
  guint port = g_settings_get_uint (self->settings, "receiver-port");

  pb_receiver_set_address (self->receiver, address);
  pb_receiver_set_port (self->receiver, port);
  pb_receiver_set_public_url (self->receiver, public_url[0] != '\0' ? public_url : NULL);
}

static char *
describe_fallback (PbReceiver *receiver)
{
  return g_strdup_printf (_("Port %u was taken, so deliveries are received on port %u."),
                          pb_receiver_get_port (receiver),
                          pb_receiver_get_bound_port (receiver));
}

static void
pb_application_start_receiver (PbApplication *self)
{
  g_autoptr(GError) error = NULL;

  pb_application_configure_receiver (self);
  if (!g_settings_get_boolean (self->settings, "listen-at-start"))
    return;

  if (!pb_receiver_start (self->receiver, &error))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Patchbay is not receiving deliveries: %s"), error->message);
      pb_application_add_message (self, message);
    }
  else if (pb_receiver_get_port_fell_back (self->receiver))
    {
      g_autofree char *message = describe_fallback (self->receiver);

      pb_application_add_message (self, message);
    }
}

static gboolean
restart_receiver_cb (gpointer user_data)
{
  PbApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  self->receiver_restart_id = 0;
  pb_application_configure_receiver (self);
  if (pb_receiver_get_listening (self->receiver)
      && !pb_application_restart_receiver (self, &error))
    g_warning ("Could not restart the receiver: %s", error->message);

  return G_SOURCE_REMOVE;
}

static void
settings_changed_cb (PbApplication *self,
                     const char    *key,
                     GSettings     *settings)
{
  if (g_strcmp0 (key, "receiver-address") != 0
      && g_strcmp0 (key, "receiver-port") != 0
      && g_strcmp0 (key, "public-url") != 0)
    return;

  g_clear_handle_id (&self->receiver_restart_id, g_source_remove);
  self->receiver_restart_id = g_timeout_add (RECEIVER_RESTART_DELAY_MS, restart_receiver_cb,
                                             self);
}

static void
pb_application_open_store (PbApplication *self)
{
  g_autoptr(GError) error = NULL;

  self->store = pb_store_new (NULL, &error);
  if (self->store == NULL)
    {
      g_autofree char *message = NULL;

      /* Keep running on an in-memory store, so the window can say why. */
      message = g_strdup_printf (_("The local cache could not be opened, so nothing will be "
                                   "kept after Patchbay closes: %s"), error->message);
      pb_application_add_message (self, message);
      g_clear_error (&error);
      self->store = pb_store_new (":memory:", &error);
      if (self->store == NULL)
        g_error ("Could not open an in-memory database: %s", error->message);
    }
}

static GtkWindow *
pb_application_get_main_window (PbApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (GList *l = windows; l != NULL; l = l->next)
    if (PB_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  PbApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing lets each window save its state before the application ends. */
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;

      windows = windows->next;
      gtk_window_close (window);
    }
  g_application_quit (G_APPLICATION (self));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  PbApplication *self = user_data;
  GtkWindow *window;

  window = GTK_WINDOW (pb_preferences_window_new (self));
  gtk_window_set_transient_for (window, pb_application_get_main_window (self));
  gtk_window_present (window);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  PbApplication *self = user_data;
  const char *developers[] = { _("The Patchbay developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", pb_application_get_main_window (self),
                        "application-name", _("Patchbay"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Patchbay developers"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/patchbay/patchbay",
                        "issue-url", "https://github.com/patchbay/patchbay/issues",
                        "comments", _("Patchbay manages the webhooks of Current RMS accounts "
                                      "and shows their deliveries as they arrive."),
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  PbApplication *self = user_data;
  GtkWindow *window = pb_application_get_main_window (self);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
add_account_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  PbApplication *self = user_data;
  GtkWindow *dialog;

  dialog = GTK_WINDOW (pb_account_dialog_new (self, NULL));
  gtk_window_set_transient_for (dialog, pb_application_get_main_window (self));
  gtk_window_present (dialog);
}

static void
explore_demo_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  PbApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  PbWindow *window = PB_WINDOW (pb_application_get_main_window (self));

  if (!pb_application_start_demo (self, &error) && window != NULL)
    pb_window_show_message (window, error->message);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
  { "shortcuts", shortcuts_activated },
  { "add-account", add_account_activated },
  { "explore-demo", explore_demo_activated },
};

static void
pb_application_load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, PB_RESOURCE_PREFIX "/ui/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
pb_application_startup (GApplication *application)
{
  PbApplication *self = PB_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (pb_application_parent_class)->startup (application);
  pb_application_load_style ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts",
                                         shortcuts_accels);

  self->settings = g_settings_new (APP_ID);
  self->catalog = g_object_ref (pb_catalog_get_default ());
  self->soup_session = pb_client_session_new ();
  self->cancellable = g_cancellable_new ();
  pb_application_open_store (self);
  self->receiver = pb_receiver_new (self->store);

  pb_application_learn_events (self);
  pb_application_apply_retention (self);
  pb_application_start_receiver (self);
  pb_application_load_accounts (self);

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
pb_application_activate (GApplication *application)
{
  PbApplication *self = PB_APPLICATION (application);
  GtkWindow *window = pb_application_get_main_window (self);

  if (window == NULL)
    {
      window = GTK_WINDOW (pb_window_new (self));
      for (guint i = 0; i < self->startup_messages->len; i++)
        pb_window_show_message (PB_WINDOW (window), g_ptr_array_index (self->startup_messages, i));
      g_ptr_array_set_size (self->startup_messages, 0);
    }

  gtk_window_present (window);
}

static void
pb_application_shutdown (GApplication *application)
{
  PbApplication *self = PB_APPLICATION (application);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->receiver_restart_id, g_source_remove);
  if (self->demo != NULL)
    pb_demo_stop (self->demo);
  if (self->receiver != NULL)
    pb_receiver_stop (self->receiver);

  G_APPLICATION_CLASS (pb_application_parent_class)->shutdown (application);
}

static int
pb_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  PbApplication *self = PB_APPLICATION (application);

  if (g_variant_dict_contains (options, "demo"))
    self->demo_requested = TRUE;

  return -1;
}

static void
pb_application_dispose (GObject *object)
{
  PbApplication *self = (PbApplication *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->receiver_restart_id, g_source_remove);
  if (self->sessions != NULL)
    g_list_store_remove_all (self->sessions);
  g_clear_object (&self->demo);
  g_clear_object (&self->receiver);
  g_clear_object (&self->store);
  g_clear_object (&self->catalog);
  g_clear_object (&self->soup_session);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pb_application_parent_class)->dispose (object);
}

static void
pb_application_finalize (GObject *object)
{
  PbApplication *self = (PbApplication *)object;

  g_clear_object (&self->sessions);
  g_clear_pointer (&self->startup_messages, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_application_parent_class)->finalize (object);
}

static void
pb_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PbApplication *self = PB_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, pb_application_get_loading (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_application_class_init (PbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = pb_application_dispose;
  object_class->finalize = pb_application_finalize;
  object_class->get_property = pb_application_get_property;

  app_class->startup = pb_application_startup;
  app_class->activate = pb_application_activate;
  app_class->shutdown = pb_application_shutdown;
  app_class->handle_local_options = pb_application_handle_local_options;

  /**
   * PbApplication:loading:
   *
   * Whether stored accounts are still waiting for their keys.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_application_init (PbApplication *self)
{
  static const GOptionEntry options[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open the demo account, served by a built-in simulator"), NULL },
    { NULL }
  };

  self->sessions = g_list_store_new (PB_TYPE_ACCOUNT_SESSION);
  self->startup_messages = g_ptr_array_new_with_free_func (g_free);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

/**
 * pb_application_new:
 *
 * Creates the application. Its objects exist once it is registered.
 *
 * Returns: (transfer full): a new #PbApplication
 */
PbApplication *
pb_application_new (void)
{
  return g_object_new (PB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", PB_RESOURCE_PREFIX,
                       NULL);
}

/**
 * pb_application_get_store:
 * @self: a #PbApplication
 *
 * Returns: (transfer none) (nullable): the local cache, once started
 */
PbStore *
pb_application_get_store (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * pb_application_get_receiver:
 * @self: a #PbApplication
 *
 * Returns: (transfer none) (nullable): the delivery receiver, once started
 */
PbReceiver *
pb_application_get_receiver (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);

  return self->receiver;
}

/**
 * pb_application_get_catalog:
 * @self: a #PbApplication
 *
 * Returns: (transfer none) (nullable): the event catalog with learned events
 */
PbCatalog *
pb_application_get_catalog (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);

  return self->catalog;
}

/**
 * pb_application_get_settings:
 * @self: a #PbApplication
 *
 * Returns: (transfer none) (nullable): the application settings
 */
GSettings *
pb_application_get_settings (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * pb_application_get_soup_session:
 * @self: a #PbApplication
 *
 * Returns: (transfer none) (nullable): the HTTP session every client shares
 */
SoupSession *
pb_application_get_soup_session (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);

  return self->soup_session;
}

/**
 * pb_application_get_sessions:
 * @self: a #PbApplication
 *
 * Returns: (transfer none): a list of #PbAccountSession, one per account, in
 *   the order the accounts were added
 */
GListModel *
pb_application_get_sessions (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);

  return G_LIST_MODEL (self->sessions);
}

/**
 * pb_application_get_demo:
 * @self: a #PbApplication
 *
 * Returns: (transfer none) (nullable): the running demo, if any
 */
PbDemo *
pb_application_get_demo (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);

  return self->demo;
}

/**
 * pb_application_get_loading:
 * @self: a #PbApplication
 *
 * Returns: %TRUE while stored accounts still wait for their keys
 */
gboolean
pb_application_get_loading (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), FALSE);

  return self->pending_lookups > 0;
}

/**
 * pb_application_restart_receiver:
 * @self: a #PbApplication
 * @error: return location for a #GError
 *
 * Stops the receiver and starts it again with the current settings.
 *
 * Returns: %TRUE when the receiver listens again
 */
gboolean
pb_application_restart_receiver (PbApplication  *self,
                                 GError        **error)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (self->receiver != NULL, FALSE);

  pb_receiver_stop (self->receiver);
  pb_application_configure_receiver (self);

  return pb_receiver_start (self->receiver, error);
}

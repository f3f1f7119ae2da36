/* pb-window.c: the main window, accounts beside their pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-accessible.h"
#include "pb-account-dialog.h"
#include "pb-coverage-page.h"
#include "pb-live-log-page.h"
#include "pb-webhooks-page.h"
#include "pb-welcome-page.h"
#include "pb-window.h"

typedef GtkWidget *(*PbPageNew) (PbAccountSession *session,
                                 PbReceiver       *receiver);

typedef struct
{
  const char *id;
  const char *title;
  const char *icon_name;
  PbPageNew   create;
} PbPageInfo;

/* The pages each account has, in sidebar order. A new page is one line. */
static const PbPageInfo page_infos[] = {
  { "webhooks", N_("Webhooks"), "view-list-bullet-symbolic", pb_webhooks_page_new },
  { "live-log", N_("Live Log"), "network-receive-symbolic", pb_live_log_page_new },
  { "coverage", N_("Coverage"), "view-grid-symbolic", pb_coverage_page_new },
  { NULL }
};

struct _PbWindow
{
  AdwApplicationWindow  parent_instance;

  /* Not owned */
  PbApplication        *application;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  PbWelcomePage        *welcome_page;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  GtkStack             *content_stack;

  /* "<account id>:<page id>" of the shown page */
  char                 *visible_page;
  gboolean              restored;
};

G_DEFINE_FINAL_TYPE (PbWindow, pb_window, ADW_TYPE_APPLICATION_WINDOW)

static const PbPageInfo *
find_page_info (const char *page_id)
{
  for (guint i = 0; page_infos[i].id != NULL; i++)
    if (g_strcmp0 (page_infos[i].id, page_id) == 0)
      return &page_infos[i];

  return NULL;
}

static gboolean
parse_page_key (const char  *key,
                gint64      *account_id,
                const char **page_id)
{
  const char *colon = strchr (key, ':');
  char *end = NULL;

  if (colon == NULL)
    return FALSE;

  *account_id = g_ascii_strtoll (key, &end, 10);
  *page_id = colon + 1;

  return end == colon && find_page_info (*page_id) != NULL;
}

static char *
make_page_key (PbAccount  *account,
               const char *page_id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%s", pb_account_get_id (account), page_id);
}

static void
pb_window_select_row (PbWindow   *self,
                      const char *key)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *row_key = g_object_get_data (G_OBJECT (child), "pb-page-key");

      if (g_strcmp0 (row_key, key) == 0)
        {
          gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (child));
          return;
        }
    }
}

static GtkWidget *
pb_window_ensure_page (PbWindow         *self,
                       PbAccountSession *session,
                       const PbPageInfo *info,
                       const char       *key)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->content_stack, key);
  PbReceiver *receiver = pb_application_get_receiver (self->application);

  if (page != NULL)
    return page;

  page = info->create (session, receiver);
  g_object_set_data (G_OBJECT (page), "pb-session", session);
  g_object_bind_property (self->leaflet, "folded", page, "show-back-button",
                          G_BINDING_SYNC_CREATE);
  gtk_stack_add_named (self->content_stack, page, key);

  return page;
}

static void
pb_window_show_page (PbWindow   *self,
                     const char *key)
{
  GSettings *settings = pb_application_get_settings (self->application);
  PbAccountSession *session;
  const char *page_id;
  gint64 account_id;
  PbAccount *account;

  if (!parse_page_key (key, &account_id, &page_id))
    return;
  session = pb_application_find_session (self->application, account_id);
  if (session == NULL)
    return;

  pb_window_ensure_page (self, session, find_page_info (page_id), key);
  gtk_stack_set_visible_child_name (self->content_stack, key);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
  g_free (self->visible_page);
  self->visible_page = g_strdup (key);
  self->restored = TRUE;
  pb_window_select_row (self, key);

  account = pb_account_session_get_account (session);
  g_settings_set_string (settings, "last-account", pb_account_get_subdomain (account));
  g_settings_set_string (settings, "last-page", page_id);
}

static void
update_sync_state (GtkStack         *state,
                   GParamSpec       *pspec,
                   PbAccountSession *session)
{
  GtkWidget *image = gtk_stack_get_child_by_name (state, "problem");
  const char *last_error = pb_account_session_get_last_error (session);

  if (pb_account_session_get_syncing (session))
    {
      gtk_stack_set_visible_child_name (state, "syncing");
      return;
    }

  if (pb_account_session_get_offline (session) || (last_error != NULL && *last_error != '\0'))
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (image),
                                    pb_account_session_get_offline (session)
                                    ? "network-offline-symbolic" : "dialog-warning-symbolic");
      gtk_widget_set_tooltip_text (image, last_error != NULL && *last_error != '\0'
                                          ? last_error : _("Offline: showing the cached webhooks"));
      gtk_stack_set_visible_child_name (state, "problem");
      return;
    }

  gtk_stack_set_visible_child_name (state, "synced");
}

static GtkWidget *
create_sync_state (PbAccountSession *session)
{
  GtkWidget *state = gtk_stack_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *synced = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
  GtkWidget *problem = gtk_image_new ();

  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_tooltip_text (spinner, _("Synchronizing"));
  gtk_widget_set_tooltip_text (synced, _("Up to date"));
  gtk_widget_add_css_class (synced, "dim-label");
  gtk_widget_add_css_class (problem, "warning");
  gtk_stack_add_named (GTK_STACK (state), spinner, "syncing");
  gtk_stack_add_named (GTK_STACK (state), synced, "synced");
  gtk_stack_add_named (GTK_STACK (state), problem, "problem");
  gtk_widget_set_valign (state, GTK_ALIGN_CENTER);

  g_signal_connect_object (session, "notify::syncing", G_CALLBACK (update_sync_state), state,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::offline", G_CALLBACK (update_sync_state), state,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::last-error", G_CALLBACK (update_sync_state), state,
                           G_CONNECT_SWAPPED);
  update_sync_state (GTK_STACK (state), NULL, session);

  return state;
}

static GMenuModel *
create_account_menu (PbAccount *account)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);
  g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Remove…"), NULL);
  GVariant *target = g_variant_new_int64 (pb_account_get_id (account));

  g_variant_ref_sink (target);
  g_menu_item_set_action_and_target_value (edit, "win.edit-account", target);
  g_menu_item_set_action_and_target_value (remove, "win.remove-account", target);
  g_variant_unref (target);

  /* The demo's address belongs to the simulator; there is nothing to edit. */
  if (!pb_account_get_demo (account))
    g_menu_append_item (menu, edit);
  g_menu_append_item (menu, remove);

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static void
account_row_pressed_cb (GtkGestureClick *gesture,
                        int              n_press,
                        double           x,
                        double           y,
                        GtkPopover      *popover)
{
  GdkRectangle rect = { (int)x, (int)y, 1, 1 };

  gtk_popover_set_pointing_to (popover, &rect);
  gtk_popover_popup (popover);
}

static GtkWidget *
create_account_tag (PbAccount *account)
{
  GtkWidget *tag;

  if (pb_account_get_demo (account))
    tag = gtk_label_new (_("Demo"));
  else if (pb_account_get_production (account))
    tag = gtk_label_new (_("Production"));
  else
    return NULL;

  gtk_widget_add_css_class (tag, "account-tag");
  gtk_widget_add_css_class (tag, pb_account_get_demo (account) ? "demo" : "production");
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);

  return tag;
}

static GtkWidget *
create_account_row (PbAccountSession *session)
{
  PbAccount *account = pb_account_session_get_account (session);
  g_autoptr(GMenuModel) menu = create_account_menu (account);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (pb_account_get_display_name (account));
  GtkWidget *subtitle = gtk_label_new (pb_account_get_subdomain (account));
  GtkWidget *tag = create_account_tag (account);
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_menu_new_from_model (menu);
  GtkGesture *click = gtk_gesture_click_new ();
  g_autofree char *menu_label = NULL;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  /* Two lines before it is cut: at the sidebar's width a name such as
   * "Demo rental company" would otherwise lose its last word. */
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (box), labels);
  if (tag != NULL)
    gtk_box_append (GTK_BOX (box), tag);
  gtk_box_append (GTK_BOX (box), create_sync_state (session));

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Account Menu"));
  /* Every account has one, so a screen reader names the account too. */
  /* Translators: %s is the name of an account */
  menu_label = g_strdup_printf (_("Menu for %s"), pb_account_get_display_name (account));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  menu_label, -1);
  gtk_box_append (GTK_BOX (box), button);

  /* The same menu on a right click anywhere on the account. */
  gtk_widget_set_parent (popover, box);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (account_row_pressed_cb), popover);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (click));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  pb_account_get_display_name (account), -1);

  return row;
}

static GtkWidget *
create_page_row (PbAccountSession *session,
                 const PbPageInfo *info)
{
  g_autofree char *key = make_page_key (pb_account_session_get_account (session), info->id);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_(info->title));

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (info->icon_name));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "page-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-page");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", key);
  g_object_set_data_full (G_OBJECT (row), "pb-page-key", g_steal_pointer (&key), g_free);

  return row;
}

static void
pb_window_remove_stale_pages (PbWindow *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->content_stack));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      GtkStackPage *page = gtk_stack_get_page (self->content_stack, child);
      const char *page_id;
      gint64 account_id;
      PbAccountSession *session = NULL;

      if (parse_page_key (gtk_stack_page_get_name (page), &account_id, &page_id))
        session = pb_application_find_session (self->application, account_id);

      /* An edited account has a new session: its pages are rebuilt for it. */
      if (session == NULL
          || g_object_get_data (G_OBJECT (child), "pb-session") != (gpointer)session)
        {
          if (g_strcmp0 (self->visible_page, gtk_stack_page_get_name (page)) == 0)
            self->restored = FALSE;
          gtk_stack_remove (self->content_stack, child);
        }
      child = next;
    }
}

static void
pb_window_rebuild_sidebar (PbWindow *self)
{
  GListModel *sessions = pb_application_get_sessions (self->application);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list))) != NULL)
    gtk_list_box_remove (self->sidebar_list, child);

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(PbAccountSession) session = g_list_model_get_item (sessions, i);

      gtk_list_box_append (self->sidebar_list, create_account_row (session));
      for (guint j = 0; page_infos[j].id != NULL; j++)
        gtk_list_box_append (self->sidebar_list, create_page_row (session, &page_infos[j]));
    }
}

static char *
pb_window_find_restore_key (PbWindow *self,
                            gboolean  fallback)
{
  GSettings *settings = pb_application_get_settings (self->application);
  GListModel *sessions = pb_application_get_sessions (self->application);
  g_autofree char *last_account = g_settings_get_string (settings, "last-account");
  g_autofree char *last_page = g_settings_get_string (settings, "last-page");
  const char *page_id = find_page_info (last_page) != NULL ? last_page : page_infos[0].id;
  g_autoptr(PbAccountSession) first = g_list_model_get_item (sessions, 0);

  if (page_id == NULL || first == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(PbAccountSession) session = g_list_model_get_item (sessions, i);
      PbAccount *account = pb_account_session_get_account (session);

      if (g_strcmp0 (pb_account_get_subdomain (account), last_account) == 0)
        return make_page_key (account, page_id);
    }

  return fallback ? make_page_key (pb_account_session_get_account (first), page_id) : NULL;
}

static void
pb_window_update_view (PbWindow *self)
{
  GListModel *sessions = pb_application_get_sessions (self->application);
  gboolean loading = pb_application_get_loading (self->application);
  g_autofree char *key = NULL;

  if (g_list_model_get_n_items (sessions) == 0)
    {
      gtk_stack_set_visible_child_name (self->main_stack, loading ? "loading" : "welcome");
      return;
    }

  gtk_stack_set_visible_child_name (self->main_stack, "accounts");
  if (self->restored)
    {
      pb_window_select_row (self, self->visible_page);
      return;
    }

  /* Wait for the remembered account while keys are still being read. */
  key = pb_window_find_restore_key (self, !loading);
  if (key != NULL)
    pb_window_show_page (self, key);
}

static void
sessions_changed_cb (PbWindow   *self,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GListModel *sessions)
{
  pb_window_remove_stale_pages (self);
  pb_window_rebuild_sidebar (self);
  pb_window_update_view (self);
}

static void
show_page_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  pb_window_show_page (PB_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_sidebar_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
edit_account_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  PbAccountSession *session;
  GtkWidget *dialog;

  session = pb_application_find_session (self->application, g_variant_get_int64 (parameter));
  if (session == NULL)
    return;

  dialog = pb_account_dialog_new (self->application, pb_account_session_get_account (session));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PbWindow         *self)
{
  PbAccount *account = g_object_get_data (G_OBJECT (dialog), "pb-account");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0)
    return;

  if (!pb_application_remove_account (self->application, account, &error))
    pb_window_show_message (self, error->message);
}

static void
remove_account_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  PbAccountSession *session;
  PbAccount *account;
  GtkWidget *dialog;

  session = pb_application_find_session (self->application, g_variant_get_int64 (parameter));
  if (session == NULL)
    return;

  account = pb_account_session_get_account (session);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove “%s”?"),
                                     pb_account_get_display_name (account));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("Patchbay forgets this account, its cached webhooks and its "
                                 "API key. The webhooks themselves stay in Current RMS."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "pb-account", g_object_ref (account),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  pb_accessible_name_buttons (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
pb_window_restore_size (PbWindow *self)
{
  GSettings *settings = pb_application_get_settings (self->application);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
pb_window_close_request (GtkWindow *window)
{
  PbWindow *self = PB_WINDOW (window);
  GSettings *settings = pb_application_get_settings (self->application);
  int width;
  int height;

  /* The default size follows the window as it is resized, maximized aside. */
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (pb_window_parent_class)->close_request (window);
}

static void
pb_window_set_up (PbWindow      *self,
                  PbApplication *application)
{
  GListModel *sessions = pb_application_get_sessions (application);

  self->application = application;
  g_signal_connect_object (sessions, "items-changed", G_CALLBACK (sessions_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::loading",
                           G_CALLBACK (pb_window_update_view), self, G_CONNECT_SWAPPED);

  pb_window_restore_size (self);
  pb_window_rebuild_sidebar (self);
  pb_window_update_view (self);
}

static void
pb_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PB_TYPE_WINDOW);

  G_OBJECT_CLASS (pb_window_parent_class)->dispose (object);
}

static void
pb_window_finalize (GObject *object)
{
  PbWindow *self = (PbWindow *)object;

  g_clear_pointer (&self->visible_page, g_free);

  G_OBJECT_CLASS (pb_window_parent_class)->finalize (object);
}

static void
pb_window_class_init (PbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pb_window_dispose;
  object_class->finalize = pb_window_finalize;
  window_class->close_request = pb_window_close_request;

  g_type_ensure (PB_TYPE_WELCOME_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               PB_RESOURCE_PREFIX "/ui/pb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, content_stack);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_activated);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL,
                                   show_sidebar_activated);
  gtk_widget_class_install_action (widget_class, "win.edit-account", "x",
                                   edit_account_activated);
  gtk_widget_class_install_action (widget_class, "win.remove-account", "x",
                                   remove_account_activated);
}

static void
pb_window_init (PbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pb_accessible_name_buttons (GTK_WIDGET (self));
}

/**
 * pb_window_new:
 * @application: the running #PbApplication
 *
 * Returns: (transfer none): a new main window, owned by @application
 */
PbWindow *
pb_window_new (PbApplication *application)
{
  PbWindow *self;

  g_return_val_if_fail (PB_IS_APPLICATION (application), NULL);

  self = g_object_new (PB_TYPE_WINDOW, "application", application, NULL);
  pb_window_set_up (self, application);

  return self;
}

/**
 * pb_window_show_message:
 * @self: a #PbWindow
 * @message: a sentence for the user
 *
 * Shows @message in a toast over the window.
 */
void
pb_window_show_message (PbWindow   *self,
                        const char *message)
{
  AdwToast *toast;

  g_return_if_fail (PB_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * pb_window_get_visible_page:
 * @self: a #PbWindow
 *
 * Returns: (nullable): the shown page as "<account id>:<page id>"
 */
const char *
pb_window_get_visible_page (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);

  return self->visible_page;
}

/**
 * pb_window_get_page_widget:
 * @self: a #PbWindow
 *
 * Returns: (transfer none) (nullable): the widget of the shown page
 */
GtkWidget *
pb_window_get_page_widget (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);

  if (self->visible_page == NULL)
    return NULL;

  return gtk_stack_get_child_by_name (self->content_stack, self->visible_page);
}

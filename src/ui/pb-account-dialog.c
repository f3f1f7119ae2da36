/* pb-account-dialog.c: connects a Current RMS account, or edits one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-account-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-accessible.h"
#include "pb-account-dialog.h"
#include "pb-error.h"
#include "pb-secrets.h"

struct _PbAccountDialog
{
  AdwWindow            parent_instance;

  /* Owned */
  PbApplication       *application;
  PbAccount           *account;
  PbAccount           *pending;
  char                *pending_key;
  GCancellable        *cancellable;

  /* Template children */
  GtkWidget           *connect_button;
  GtkSpinner          *spinner;
  GtkWidget           *form;
  AdwEntryRow         *subdomain_row;
  AdwEntryRow         *api_key_row;
  AdwEntryRow         *label_row;
  GtkSwitch           *production_switch;
  GtkEntry            *api_base_entry;
  GtkLabel            *hint_label;
  GtkLabel            *answer_label;
};

G_DEFINE_FINAL_TYPE (PbAccountDialog, pb_account_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_APPLICATION,
  PROP_ACCOUNT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
pb_account_dialog_dup_subdomain (PbAccountDialog  *self,
                                 GError          **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->subdomain_row));

  return pb_account_normalize_subdomain (text, error);
}

static gboolean
pb_account_dialog_has_key (PbAccountDialog *self)
{
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->api_key_row));

  /* When editing, an empty key keeps the stored one. */
  return self->account != NULL || key[0] != '\0';
}

static void
update_connect_cb (PbAccountDialog *self)
{
  g_autofree char *subdomain = pb_account_dialog_dup_subdomain (self, NULL);

  gtk_widget_set_sensitive (self->connect_button,
                            subdomain != NULL && pb_account_dialog_has_key (self)
                            && self->cancellable == NULL);
}

static void
pb_account_dialog_show_hint (PbAccountDialog *self,
                             const char      *text,
                             gboolean         problem)
{
  gtk_label_set_text (self->hint_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), text != NULL);
  if (problem)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->subdomain_row), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->hint_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->subdomain_row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->hint_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "dim-label");
    }
}

static void
subdomain_changed_cb (PbAccountDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->subdomain_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *subdomain = NULL;
  g_autofree char *hint = NULL;

  update_connect_cb (self);
  if (text[0] == '\0')
    {
      pb_account_dialog_show_hint (self, NULL, FALSE);
      return;
    }

  subdomain = pb_account_dialog_dup_subdomain (self, &error);
  if (subdomain == NULL)
    {
      pb_account_dialog_show_hint (self, error->message, TRUE);
      return;
    }

  hint = g_strdup_printf (_("Patchbay will connect to the account “%s”."), subdomain);
  pb_account_dialog_show_hint (self, hint, FALSE);
}

static void
pb_account_dialog_show_answer (PbAccountDialog *self,
                               const char      *text)
{
  gtk_label_set_text (self->answer_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->answer_label), text != NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->answer_label), "error");
}

static void
pb_account_dialog_set_busy (PbAccountDialog *self,
                            gboolean         busy)
{
  if (busy == (self->cancellable != NULL))
    return;

  /* Focus leaves the form before it turns insensitive, so that the entry
   * with the cursor is told it lost focus. */
  if (busy)
    {
      self->cancellable = g_cancellable_new ();
      gtk_window_set_focus (GTK_WINDOW (self), NULL);
    }
  else
    {
      g_clear_object (&self->cancellable);
    }

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->form, !busy);
  update_connect_cb (self);
  if (!busy)
    gtk_widget_grab_focus (GTK_WIDGET (self->subdomain_row));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static char *
describe_check_error (const GError *error,
                      const char   *subdomain)
{
  if (g_error_matches (error, PB_ERROR, PB_ERROR_AUTHENTICATION)
      && pb_error_get_http_status (error) == 403)
    return g_strdup (_("Current RMS accepted the key, but the API is switched off for this "
                       "account. An administrator can switch it on under System Setup."));

  if (g_error_matches (error, PB_ERROR, PB_ERROR_AUTHENTICATION))
    return g_strdup (_("Current RMS refused this API key. Check that it was copied whole and "
                       "that the user it belongs to is still active."));

  if (g_error_matches (error, PB_ERROR, PB_ERROR_NOT_FOUND))
    return g_strdup_printf (_("Current RMS has no account “%s”. Check the subdomain."),
                            subdomain);

  if (g_error_matches (error, PB_ERROR, PB_ERROR_NETWORK)
      || g_error_matches (error, PB_ERROR, PB_ERROR_TIMEOUT))
    return g_strdup (_("Current RMS could not be reached. Check the network connection and "
                       "the API base, then try again."));

  return g_strdup_printf (_("Current RMS answered with a problem: %s"), error->message);
}

/* The dialog cancels its work when it goes, and the callbacks touch it only
 * when not cancelled, so they hold no reference that would keep it alive. */
static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  PbApplication *application = PB_APPLICATION (object);
  PbAccountDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean saved;

  if (g_task_get_source_tag (G_TASK (result)) == pb_application_add_account_async)
    saved = pb_application_add_account_finish (application, result, &error);
  else
    saved = pb_application_update_account_finish (application, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  pb_account_dialog_set_busy (self, FALSE);
  if (!saved)
    {
      pb_account_dialog_show_answer (self, error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

/* The spinner keeps turning until the keyring has the key. */
static void
pb_account_dialog_save (PbAccountDialog *self)
{
  if (self->account == NULL)
    pb_application_add_account_async (self->application, self->pending, self->pending_key,
                                      self->cancellable, saved_cb, self);
  else
    pb_application_update_account_async (self->application, self->pending, self->pending_key,
                                         self->cancellable, saved_cb, self);
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  PbAccountDialog *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pb_client_check_finish (PB_CLIENT (object), result, &error))
    {
      g_autofree char *answer = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      answer = describe_check_error (error, pb_account_get_subdomain (self->pending));
      pb_account_dialog_set_busy (self, FALSE);
      pb_account_dialog_show_answer (self, answer);
      return;
    }

  pb_account_dialog_save (self);
}

static void
pb_account_dialog_check (PbAccountDialog *self)
{
  g_autoptr(PbClient) client = NULL;
  SoupSession *session = pb_application_get_soup_session (self->application);

  client = pb_client_new (session,
                          pb_account_get_api_base (self->pending),
                          pb_account_get_subdomain (self->pending),
                          self->pending_key);
  pb_client_check_async (client, self->cancellable, check_cb, self);
}

static void
stored_key_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PbAccountDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *api_key = NULL;

  api_key = pb_secrets_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (api_key == NULL)
    {
      pb_account_dialog_set_busy (self, FALSE);
      pb_account_dialog_show_answer (self, error != NULL ? error->message
                                     : _("The keyring holds no API key for this account. "
                                         "Enter the key again."));
      return;
    }

  g_free (self->pending_key);
  self->pending_key = g_steal_pointer (&api_key);
  pb_account_dialog_check (self);
}

static PbAccount *
pb_account_dialog_build_account (PbAccountDialog *self,
                                 const char      *subdomain)
{
  g_autoptr(PbAccount) account = pb_account_new (subdomain);
  const char *label = gtk_editable_get_text (GTK_EDITABLE (self->label_row));
  g_autofree char *api_base = g_strstrip (g_strdup (gtk_editable_get_text (
                                                      GTK_EDITABLE (self->api_base_entry))));

  if (self->account != NULL)
    pb_account_set_id (account, pb_account_get_id (self->account));
  pb_account_set_label (account, label[0] != '\0' ? label : NULL);
  pb_account_set_api_base (account, api_base[0] != '\0' ? api_base : PB_DEFAULT_API_BASE);
  pb_account_set_production (account, gtk_switch_get_active (self->production_switch));

  return g_steal_pointer (&account);
}

static void
connect_clicked_cb (PbAccountDialog *self)
{
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->api_key_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *subdomain = NULL;

  if (self->cancellable != NULL)
    return;

  subdomain = pb_account_dialog_dup_subdomain (self, &error);
  if (subdomain == NULL)
    {
      pb_account_dialog_show_hint (self, error->message, TRUE);
      return;
    }

  g_clear_object (&self->pending);
  self->pending = pb_account_dialog_build_account (self, subdomain);
  g_clear_pointer (&self->pending_key, g_free);
  pb_account_dialog_show_answer (self, NULL);
  pb_account_dialog_set_busy (self, TRUE);

  if (key[0] != '\0')
    {
      self->pending_key = g_strdup (key);
      pb_account_dialog_check (self);
      return;
    }

  /* The stored key lives under the account's address as it was saved. */
  pb_secrets_lookup_async (pb_account_get_subdomain (self->account),
                           pb_account_get_api_base (self->account),
                           self->cancellable, stored_key_cb, self);
}

static void
entry_activated_cb (PbAccountDialog *self)
{
  if (gtk_widget_get_sensitive (self->connect_button))
    connect_clicked_cb (self);
}

static void
pb_account_dialog_fill (PbAccountDialog *self)
{
  PbAccount *account = self->account;
  const char *label = pb_account_get_label (account);
  const char *api_base = pb_account_get_api_base (account);

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Account"));
  gtk_button_set_label (GTK_BUTTON (self->connect_button), _("_Save"));
  gtk_editable_set_text (GTK_EDITABLE (self->subdomain_row), pb_account_get_subdomain (account));
  gtk_editable_set_text (GTK_EDITABLE (self->label_row), label != NULL ? label : "");
  gtk_switch_set_active (self->production_switch, pb_account_get_production (account));
  if (g_strcmp0 (api_base, PB_DEFAULT_API_BASE) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->api_base_entry), api_base);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->api_key_row),
                                 _("API Key (leave empty to keep the stored key)"));
}

static void
pb_account_dialog_map (GtkWidget *widget)
{
  PbAccountDialog *self = PB_ACCOUNT_DIALOG (widget);

  GTK_WIDGET_CLASS (pb_account_dialog_parent_class)->map (widget);

  /* Typing starts in the subdomain rather than on Cancel. */
  gtk_widget_grab_focus (GTK_WIDGET (self->subdomain_row));
}

static void
pb_account_dialog_constructed (GObject *object)
{
  PbAccountDialog *self = (PbAccountDialog *)object;

  G_OBJECT_CLASS (pb_account_dialog_parent_class)->constructed (object);

  if (self->account != NULL)
    pb_account_dialog_fill (self);
  update_connect_cb (self);
}

static void
pb_account_dialog_dispose (GObject *object)
{
  PbAccountDialog *self = (PbAccountDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_ACCOUNT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pending);
  g_clear_object (&self->account);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (pb_account_dialog_parent_class)->dispose (object);
}

static void
pb_account_dialog_finalize (GObject *object)
{
  PbAccountDialog *self = (PbAccountDialog *)object;

  g_clear_pointer (&self->pending_key, g_free);

  G_OBJECT_CLASS (pb_account_dialog_parent_class)->finalize (object);
}

static void
pb_account_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PbAccountDialog *self = PB_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, pb_account_dialog_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_account_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PbAccountDialog *self = PB_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      self->application = g_value_dup_object (value);
      break;

    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_account_dialog_class_init (PbAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pb_account_dialog_constructed;
  object_class->dispose = pb_account_dialog_dispose;
  object_class->finalize = pb_account_dialog_finalize;
  object_class->get_property = pb_account_dialog_get_property;
  object_class->set_property = pb_account_dialog_set_property;
  widget_class->map = pb_account_dialog_map;

  properties[PROP_APPLICATION] =
    g_param_spec_object ("pb-application", NULL, NULL,
                         PB_TYPE_APPLICATION,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         PB_TYPE_ACCOUNT,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * PbAccountDialog:busy:
   *
   * Whether the dialog waits for Current RMS or the keyring.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               PB_RESOURCE_PREFIX "/ui/pb-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PbAccountDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, PbAccountDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PbAccountDialog, form);
  gtk_widget_class_bind_template_child (widget_class, PbAccountDialog, subdomain_row);
  gtk_widget_class_bind_template_child (widget_class, PbAccountDialog, api_key_row);
  gtk_widget_class_bind_template_child (widget_class, PbAccountDialog, label_row);
  gtk_widget_class_bind_template_child (widget_class, PbAccountDialog, production_switch);
  gtk_widget_class_bind_template_child (widget_class, PbAccountDialog, api_base_entry);
  gtk_widget_class_bind_template_child (widget_class, PbAccountDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, PbAccountDialog, answer_label);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, subdomain_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_connect_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pb_account_dialog_init (PbAccountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pb_accessible_name_buttons (GTK_WIDGET (self));
  gtk_entry_set_placeholder_text (self->api_base_entry, PB_DEFAULT_API_BASE);
}

/**
 * pb_account_dialog_new:
 * @application: the running #PbApplication
 * @account: (nullable): the account to edit, or %NULL to add one
 *
 * Returns: (transfer none): a new dialog, not yet shown
 */
GtkWidget *
pb_account_dialog_new (PbApplication *application,
                       PbAccount     *account)
{
  g_return_val_if_fail (PB_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (account == NULL || PB_IS_ACCOUNT (account), NULL);

  return g_object_new (PB_TYPE_ACCOUNT_DIALOG,
                       "pb-application", application,
                       "account", account,
                       NULL);
}

/**
 * pb_account_dialog_get_busy:
 * @self: a #PbAccountDialog
 *
 * Returns: %TRUE while the dialog waits for Current RMS or the keyring
 */
gboolean
pb_account_dialog_get_busy (PbAccountDialog *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * pb_account_dialog_get_message:
 * @self: a #PbAccountDialog
 *
 * Returns: (nullable): the sentence shown under the form, if any
 */
const char *
pb_account_dialog_get_message (PbAccountDialog *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->answer_label)))
    return NULL;

  return gtk_label_get_text (self->answer_label);
}

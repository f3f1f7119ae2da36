/* pb-webhook-editor.c: the dialog that creates or edits one webhook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-webhook-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-accessible.h"
#include "pb-error.h"
#include "pb-event-picker.h"
#include "pb-webhook-editor.h"

/* Which fields the user has touched: a field shows its problems only then,
 * so that a new, empty form does not open covered in complaints. */
typedef enum
{
  TOUCHED_NAME       = 1 << 0,
  TOUCHED_EVENT      = 1 << 1,
  TOUCHED_TARGET_URL = 1 << 2,
} Touched;

struct _PbWebhookEditor
{
  AdwWindow         parent_instance;

  /* Owned */
  PbAccountSession *session;
  PbReceiver       *receiver;
  PbCatalog        *catalog;
  PbWebhook        *webhook;
  PbWebhook        *draft;
  GHashTable       *server_messages;
  GCancellable     *cancellable;
  Touched           touched;
  gboolean          saving;
  gboolean          loading;

  /* Template children */
  AdwWindowTitle   *window_title;
  GtkButton        *save_button;
  GtkSpinner       *spinner;
  GtkRevealer      *error_revealer;
  GtkLabel         *error_label;
  AdwEntryRow      *name_row;
  GtkLabel         *name_message;
  AdwActionRow     *event_row;
  GtkLabel         *event_raw_label;
  GtkLabel         *event_message;
  AdwEntryRow      *url_row;
  AdwActionRow     *deliver_row;
  GtkLabel         *url_message;
  GtkSwitch        *active_switch;
};

G_DEFINE_FINAL_TYPE (PbWebhookEditor, pb_webhook_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_RECEIVER,
  PROP_CATALOG,
  PROP_WEBHOOK,
  PROP_SAVING,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_top_error (PbWebhookEditor *self,
                const char      *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
show_field_message (GtkLabel   *label,
                    GtkWidget  *row,
                    const char *error,
                    const char *warning)
{
  const char *text = error ? error : warning;

  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);

  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
  gtk_widget_remove_css_class (row, "error");
  gtk_widget_remove_css_class (row, "warning");
  if (text != NULL)
    {
      const char *style = error ? "error" : "warning";

      gtk_widget_add_css_class (GTK_WIDGET (label), style);
      gtk_widget_add_css_class (row, style);
    }
}

/* A message from Current RMS wins over the local check until the user edits
 * the field it names. */
static const char *
field_error (PbWebhookEditor *self,
             GHashTable      *local,
             const char      *field,
             Touched          flag)
{
  const char *server = g_hash_table_lookup (self->server_messages, field);

  if (server != NULL)
    return server;

  return (self->touched & flag) ? g_hash_table_lookup (local, field) : NULL;
}

static void
update_event_row (PbWebhookEditor *self)
{
  const char *event = pb_webhook_get_event (self->draft);
  g_autoptr(PbEventInfo) info = NULL;
  g_autofree char *display_name = NULL;

  if (event[0] == '\0')
    {
      adw_action_row_set_subtitle (self->event_row, _("None chosen yet"));
      gtk_label_set_text (self->event_raw_label, "");
      return;
    }

  info = pb_catalog_describe (self->catalog, event);
  display_name = pb_event_info_dup_display_name (info);
  adw_action_row_set_subtitle (self->event_row, display_name);
  gtk_label_set_text (self->event_raw_label, event);
}

static gboolean
has_changes (PbWebhookEditor *self)
{
  return self->webhook == NULL || pb_webhook_diff (self->webhook, self->draft) != 0;
}

static void
update_state (PbWebhookEditor *self)
{
  g_autoptr(GHashTable) local = NULL;
  g_autofree char *url_warning = NULL;
  gboolean valid;

  valid = pb_webhook_validate (self->draft, &local);
  if (g_hash_table_lookup (local, "target_url") == NULL)
    pb_webhook_check_target_url (pb_webhook_get_target_url (self->draft), &url_warning, NULL);

  show_field_message (self->name_message, GTK_WIDGET (self->name_row),
                      field_error (self, local, "name", TOUCHED_NAME), NULL);
  show_field_message (self->event_message, GTK_WIDGET (self->event_row),
                      field_error (self, local, "event", TOUCHED_EVENT), NULL);
  show_field_message (self->url_message, GTK_WIDGET (self->url_row),
                      field_error (self, local, "target_url", TOUCHED_TARGET_URL),
                      (self->touched & TOUCHED_TARGET_URL) ? url_warning : NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 valid && !self->saving && has_changes (self));
}

static void
set_saving (PbWebhookEditor *self,
            gboolean         saving)
{
  if (self->saving == saving)
    return;

  self->saving = saving;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), saving);
  gtk_spinner_set_spinning (self->spinner, saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), !saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->event_row), !saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), !saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->deliver_row), !saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->active_switch), !saving);
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

/* Called when the user changes a field: the server's word on it is stale. */
static void
field_edited (PbWebhookEditor *self,
              const char      *field,
              Touched          flag)
{
  if (self->loading || self->draft == NULL)
    return;

  self->touched |= flag;
  g_hash_table_remove (self->server_messages, field);
  update_state (self);
}

static void
on_name_changed (PbWebhookEditor *self)
{
  if (self->draft == NULL)
    return;

  pb_webhook_set_name (self->draft, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  field_edited (self, "name", TOUCHED_NAME);
}

static void
on_url_changed (PbWebhookEditor *self)
{
  g_autofree char *url = NULL;

  if (self->draft == NULL)
    return;

  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  pb_webhook_set_target_url (self->draft, url);
  field_edited (self, "target_url", TOUCHED_TARGET_URL);
}

static void
on_active_changed (PbWebhookEditor *self)
{
  if (self->draft == NULL)
    return;

  pb_webhook_set_active (self->draft, gtk_switch_get_active (self->active_switch));
  field_edited (self, "active", 0);
}

static void
on_event_chosen (PbWebhookEditor *self,
                 const char      *event)
{
  pb_webhook_set_event (self->draft, event);
  update_event_row (self);
  field_edited (self, "event", TOUCHED_EVENT);
}

static void
on_event_row_activated (PbWebhookEditor *self)
{
  PbEventPicker *picker = pb_event_picker_new (self->catalog);

  pb_event_picker_set_event (picker, pb_webhook_get_event (self->draft));
  gtk_window_set_transient_for (GTK_WINDOW (picker), GTK_WINDOW (self));
  g_signal_connect_object (picker, "event-chosen", G_CALLBACK (on_event_chosen), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (picker));
}

static void
on_deliver_row_activated (PbWebhookEditor *self)
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
      show_top_error (self, error->message);
      return;
    }

  url = pb_receiver_dup_url (self->receiver, token);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  show_top_error (self, NULL);
}

static void
show_save_error (PbWebhookEditor *self,
                 const GError    *error)
{
  static const char *const fields[] = { "name", "event", "target_url" };
  GHashTable *messages = pb_error_get_field_messages (error);
  g_autoptr(GString) other = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_remove_all (self->server_messages);
  if (messages != NULL && g_error_matches (error, PB_ERROR, PB_ERROR_VALIDATION))
    {
      g_hash_table_iter_init (&iter, messages);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          if (g_strv_contains (fields, key))
            g_hash_table_insert (self->server_messages, g_strdup (key), g_strdup (value));
          else
            g_string_append_printf (other, "%s%s", other->len ? "\n" : "", (char *)value);
        }
    }

  if (other->len == 0 && g_hash_table_size (self->server_messages) == 0)
    g_string_assign (other, error->message);

  show_top_error (self, other->len ? other->str : NULL);
  update_state (self);
}

static void
finish_save (PbWebhookEditor *self,
             PbWebhook       *saved,
             const GError    *error)
{
  g_clear_object (&self->cancellable);
  set_saving (self, FALSE);

  if (saved == NULL)
    {
      g_debug ("Saving the webhook failed: %s", error->message);
      show_save_error (self, error);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, saved);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_created (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PbWebhookEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbWebhook) saved = NULL;

  saved = pb_account_session_create_finish (PB_ACCOUNT_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  finish_save (self, saved, error);
}

static void
on_updated (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PbWebhookEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbWebhook) saved = NULL;

  saved = pb_account_session_update_finish (PB_ACCOUNT_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  finish_save (self, saved, error);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PbWebhookEditor *self = PB_WEBHOOK_EDITOR (widget);
  g_autoptr(PbWebhook) request = NULL;
  g_autofree char *name = NULL;

  if (self->saving)
    return;

  /* Names keep inner spaces but not the stray ones around them. */
  request = pb_webhook_copy (self->draft);
  name = g_strstrip (g_strdup (pb_webhook_get_name (request)));
  pb_webhook_set_name (request, name);

  show_top_error (self, NULL);
  g_hash_table_remove_all (self->server_messages);
  self->cancellable = g_cancellable_new ();
  set_saving (self, TRUE);

  if (self->webhook == NULL)
    pb_account_session_create_async (self->session, request, self->cancellable,
                                     on_created, g_object_ref (self));
  else
    pb_account_session_update_async (self->session, request,
                                     pb_webhook_diff (self->webhook, request),
                                     self->cancellable, on_updated, g_object_ref (self));
}

static void
on_entry_activated (PbWebhookEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

static gboolean
on_close_request (PbWebhookEditor *self)
{
  g_cancellable_cancel (self->cancellable);
  return FALSE;
}

static void
load_webhook (PbWebhookEditor *self)
{
  gboolean editing = self->webhook != NULL;

  self->draft = editing ? pb_webhook_copy (self->webhook) : pb_webhook_new (NULL, NULL, NULL, TRUE);
  self->touched = editing ? (TOUCHED_NAME | TOUCHED_EVENT | TOUCHED_TARGET_URL) : 0;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), pb_webhook_get_name (self->draft));
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), pb_webhook_get_target_url (self->draft));
  gtk_switch_set_active (self->active_switch, pb_webhook_get_active (self->draft));
  self->loading = FALSE;

  adw_window_title_set_title (self->window_title,
                              editing ? _("Edit Webhook") : _("New Webhook"));
  adw_window_title_set_subtitle (self->window_title,
                                 pb_account_get_display_name (
                                   pb_account_session_get_account (self->session)));
  gtk_window_set_title (GTK_WINDOW (self), editing ? _("Edit Webhook") : _("New Webhook"));
  gtk_button_set_label (self->save_button, editing ? _("_Save") : _("C_reate"));
  gtk_widget_set_visible (GTK_WIDGET (self->deliver_row), self->receiver != NULL);

  update_event_row (self);
  update_state (self);
  /* The dialog opens ready for typing, not on its Cancel button. */
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
pb_webhook_editor_constructed (GObject *object)
{
  PbWebhookEditor *self = PB_WEBHOOK_EDITOR (object);

  G_OBJECT_CLASS (pb_webhook_editor_parent_class)->constructed (object);

  g_assert (self->session != NULL);

  if (self->catalog == NULL)
    g_object_get (self->session, "catalog", &self->catalog, NULL);
  if (self->catalog == NULL)
    self->catalog = g_object_ref (pb_catalog_get_default ());

  load_webhook (self);
}

static void
pb_webhook_editor_dispose (GObject *object)
{
  PbWebhookEditor *self = PB_WEBHOOK_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_WEBHOOK_EDITOR);

  G_OBJECT_CLASS (pb_webhook_editor_parent_class)->dispose (object);
}

static void
pb_webhook_editor_finalize (GObject *object)
{
  PbWebhookEditor *self = PB_WEBHOOK_EDITOR (object);

  g_clear_object (&self->session);
  g_clear_object (&self->receiver);
  g_clear_object (&self->catalog);
  g_clear_object (&self->webhook);
  g_clear_object (&self->draft);
  g_clear_pointer (&self->server_messages, g_hash_table_unref);

  G_OBJECT_CLASS (pb_webhook_editor_parent_class)->finalize (object);
}

static void
pb_webhook_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PbWebhookEditor *self = PB_WEBHOOK_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_RECEIVER:
      g_value_set_object (value, self->receiver);
      break;

    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;

    case PROP_WEBHOOK:
      g_value_set_object (value, self->webhook);
      break;

    case PROP_SAVING:
      g_value_set_boolean (value, self->saving);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_webhook_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PbWebhookEditor *self = PB_WEBHOOK_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_RECEIVER:
      self->receiver = g_value_dup_object (value);
      break;

    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;

    case PROP_WEBHOOK:
      self->webhook = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_webhook_editor_class_init (PbWebhookEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = pb_webhook_editor_constructed;
  object_class->dispose = pb_webhook_editor_dispose;
  object_class->finalize = pb_webhook_editor_finalize;
  object_class->get_property = pb_webhook_editor_get_property;
  object_class->set_property = pb_webhook_editor_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, PB_TYPE_ACCOUNT_SESSION, construct);
  properties[PROP_RECEIVER] =
    g_param_spec_object ("receiver", NULL, NULL, PB_TYPE_RECEIVER, construct);
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, PB_TYPE_CATALOG, construct);
  properties[PROP_WEBHOOK] =
    g_param_spec_object ("webhook", NULL, NULL, PB_TYPE_WEBHOOK, construct);
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PB_TYPE_WEBHOOK);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               PB_RESOURCE_PREFIX "/ui/pb-webhook-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PbWebhookEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, PbWebhookEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, PbWebhookEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, PbWebhookEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PbWebhookEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, PbWebhookEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PbWebhookEditor, name_message);
  gtk_widget_class_bind_template_child (widget_class, PbWebhookEditor, event_row);
  gtk_widget_class_bind_template_child (widget_class, PbWebhookEditor, event_raw_label);
  gtk_widget_class_bind_template_child (widget_class, PbWebhookEditor, event_message);
  gtk_widget_class_bind_template_child (widget_class, PbWebhookEditor, url_row);
  gtk_widget_class_bind_template_child (widget_class, PbWebhookEditor, deliver_row);
  gtk_widget_class_bind_template_child (widget_class, PbWebhookEditor, url_message);
  gtk_widget_class_bind_template_child (widget_class, PbWebhookEditor, active_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_active_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request);
  gtk_widget_class_bind_template_callback (widget_class, on_deliver_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_event_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed);
}

static void
pb_webhook_editor_init (PbWebhookEditor *self)
{
  self->server_messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  pb_accessible_name_buttons (GTK_WIDGET (self));
}

/**
 * pb_webhook_editor_new:
 * @session: the account the webhook belongs to
 * @receiver: (nullable): the receiver that "Deliver to Patchbay" points at
 * @webhook: (nullable): the webhook to edit, or %NULL to create one
 *
 * Returns: (transfer none): a new editor, owned by GTK’s list of toplevels
 *   until it closes; show it with gtk_window_present()
 */
PbWebhookEditor *
pb_webhook_editor_new (PbAccountSession *session,
                       PbReceiver       *receiver,
                       PbWebhook        *webhook)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (session), NULL);
  g_return_val_if_fail (receiver == NULL || PB_IS_RECEIVER (receiver), NULL);
  g_return_val_if_fail (webhook == NULL || PB_IS_WEBHOOK (webhook), NULL);

  return g_object_new (PB_TYPE_WEBHOOK_EDITOR,
                       "session", session,
                       "receiver", receiver,
                       "webhook", webhook,
                       NULL);
}

/**
 * pb_webhook_editor_set_event:
 * @self: a #PbWebhookEditor
 * @event: an event string such as "opportunity_convert_to_order"
 *
 * Starts the webhook on @event, as when the user picks it, so that a view
 * of one event can open the editor ready for it.
 */
void
pb_webhook_editor_set_event (PbWebhookEditor *self,
                             const char      *event)
{
  g_return_if_fail (PB_IS_WEBHOOK_EDITOR (self));
  g_return_if_fail (event != NULL);

  on_event_chosen (self, event);
}

/**
 * pb_webhook_editor_get_session:
 * @self: a #PbWebhookEditor
 *
 * Returns: (transfer none): the account the editor saves to
 */
PbAccountSession *
pb_webhook_editor_get_session (PbWebhookEditor *self)
{
  g_return_val_if_fail (PB_IS_WEBHOOK_EDITOR (self), NULL);

  return self->session;
}

/**
 * pb_webhook_editor_get_webhook:
 * @self: a #PbWebhookEditor
 *
 * Returns: (transfer none) (nullable): the webhook being edited, as it was
 *   when the editor opened, or %NULL when creating one
 */
PbWebhook *
pb_webhook_editor_get_webhook (PbWebhookEditor *self)
{
  g_return_val_if_fail (PB_IS_WEBHOOK_EDITOR (self), NULL);

  return self->webhook;
}

/**
 * pb_webhook_editor_get_saving:
 * @self: a #PbWebhookEditor
 *
 * Returns: %TRUE while a request to Current RMS is in flight
 */
gboolean
pb_webhook_editor_get_saving (PbWebhookEditor *self)
{
  g_return_val_if_fail (PB_IS_WEBHOOK_EDITOR (self), FALSE);

  return self->saving;
}

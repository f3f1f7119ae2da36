/* pb-delivery-detail.c: everything about one delivery, and its replay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-delivery-detail"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gtksourceview/gtksource.h>
#include <json-glib/json-glib.h>

#include "pb-accessible.h"
#include "pb-delivery-detail.h"
#include "pb-delivery-row.h"
#include "pb-replay.h"

struct _PbDeliveryDetail
{
  AdwBin          parent_instance;

  PbCatalog      *catalog;
  PbReceiver     *receiver;
  PbDelivery     *delivery;

  SoupSession    *session;
  GCancellable   *replay_cancellable;
  gboolean        replaying;
  /* The URL the replay entry was given by default, to tell it from one the
   * user typed */
  char           *default_url;

  /* Template children */
  GtkStack       *stack;
  GtkLabel       *summary_label;
  AdwActionRow   *received_row;
  AdwActionRow   *event_row;
  AdwActionRow   *record_row;
  AdwActionRow   *member_row;
  AdwActionRow   *status_row;
  AdwActionRow   *validity_row;
  GtkImage       *validity_icon;
  AdwActionRow   *retry_row;
  GtkSourceView  *source_view;
  GtkListBox     *headers_list;
  AdwEntryRow    *replay_entry;
  GtkWidget      *replay_result;
  GtkLabel       *replay_status;
  GtkLabel       *replay_time;
  GtkLabel       *replay_error;
  GtkWidget      *replay_body_frame;
  GtkLabel       *replay_body;
  GtkLabel       *replay_note;
};

G_DEFINE_FINAL_TYPE (PbDeliveryDetail, pb_delivery_detail, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_RECEIVER,
  PROP_DELIVERY,
  PROP_REPLAYING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (PbDeliveryDetail *self,
            const char       *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", title);
      return;
    }

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static GtkSourceBuffer *
get_source_buffer (PbDeliveryDetail *self)
{
  return GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)));
}

static void
update_style_scheme (PbDeliveryDetail *self)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  const char *name = dark ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (get_source_buffer (self),
                                      gtk_source_style_scheme_manager_get_scheme (schemes, name));
}

static char *
dup_status_text (guint status_code)
{
  if (status_code == 0)
    return g_strdup (_("Not answered"));

  return g_strdup_printf ("%u %s", status_code, soup_status_get_phrase (status_code));
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  gboolean has_text = text != NULL && text[0] != '\0';

  adw_action_row_set_subtitle (row, has_text ? text : _("Not given"));
}

static void
add_header_row (PbDeliveryDetail *self,
                const char       *name,
                const char       *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (self->headers_list, row);
}

static void
fill_headers (PbDeliveryDetail *self)
{
  const char *json = pb_delivery_get_headers_json (self->delivery);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  GtkWidget *child;
  JsonNode *root = NULL;
  guint n_rows = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->headers_list))) != NULL)
    gtk_list_box_remove (self->headers_list, child);

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL))
    root = json_parser_get_root (parser);

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (root));
      while (json_object_iter_next (&iter, &name, &value))
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
            continue;
          add_header_row (self, name, json_node_get_string (value));
          n_rows++;
        }
    }

  if (n_rows == 0)
    add_header_row (self, _("No headers were kept"), "");
}

static void
fill_payload (PbDeliveryDetail *self)
{
  GtkSourceBuffer *buffer = get_source_buffer (self);
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  g_autofree char *pretty = pb_delivery_dup_pretty_body (self->delivery);

  gtk_source_buffer_set_language (buffer,
                                  gtk_source_language_manager_get_language (languages, "json"));
  gtk_source_buffer_set_highlight_syntax (buffer, TRUE);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), pretty, -1);
}

static void
fill_rows (PbDeliveryDetail *self)
{
  PbDelivery *delivery = self->delivery;
  g_autofree char *time = pb_delivery_row_format_time (pb_delivery_get_received_at (delivery),
                                                       TRUE);
  g_autofree char *event_label = pb_delivery_row_dup_event_label (delivery, self->catalog);
  g_autofree char *event = NULL;
  g_autofree char *record = pb_delivery_dup_record_label (delivery);
  g_autofree char *status = dup_status_text (pb_delivery_get_status_code (delivery));
  gboolean valid = pb_delivery_get_valid (delivery);

  if (pb_delivery_get_event (delivery) != NULL)
    /* Translators: an event's label and its name in the API */
    event = g_strdup_printf (_("%s (%s)"), event_label, pb_delivery_get_event (delivery));

  set_subtitle (self->received_row, time);
  set_subtitle (self->event_row, event != NULL ? event : event_label);
  set_subtitle (self->record_row, record);
  set_subtitle (self->member_row, pb_delivery_get_member_name (delivery));
  set_subtitle (self->status_row, status);

  set_subtitle (self->validity_row,
                valid ? _("A well-formed action") : pb_delivery_get_problem (delivery));
  gtk_image_set_from_icon_name (self->validity_icon,
                                valid ? "emblem-ok-symbolic" : "dialog-error-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->validity_icon), valid ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->validity_icon), valid ? "success" : "error");
  gtk_widget_set_visible (GTK_WIDGET (self->retry_row), pb_delivery_get_is_retry (delivery));
}

static void
update_default_url (PbDeliveryDetail *self)
{
  g_autofree char *current = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->replay_entry)));
  g_autofree char *url = NULL;
  const char *token = self->delivery != NULL ? pb_delivery_get_token (self->delivery) : NULL;

  if (self->receiver != NULL && token != NULL && token[0] != '\0')
    url = pb_receiver_dup_url (self->receiver, token);

  /* Keep a URL the user typed; follow the receiver otherwise. */
  if (current[0] == '\0' || g_strcmp0 (current, self->default_url) == 0)
    gtk_editable_set_text (GTK_EDITABLE (self->replay_entry), url != NULL ? url : "");

  g_free (self->default_url);
  self->default_url = g_steal_pointer (&url);
}

static void
update_actions (PbDeliveryDetail *self)
{
  gboolean has_delivery = self->delivery != NULL;
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->replay_entry));
  gboolean has_url = url[0] != '\0';

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.copy-body", has_delivery);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.copy-curl",
                                 has_delivery && (self->default_url != NULL || has_url));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.save", has_delivery);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.replay",
                                 has_delivery && has_url && !self->replaying);
}

static void
set_replaying (PbDeliveryDetail *self,
               gboolean          replaying)
{
  if (self->replaying == replaying)
    return;

  self->replaying = replaying;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLAYING]);
}

static void
clear_replay (PbDeliveryDetail *self)
{
  g_cancellable_cancel (self->replay_cancellable);
  g_clear_object (&self->replay_cancellable);
  set_replaying (self, FALSE);
  gtk_widget_set_visible (self->replay_result, FALSE);
}

static void
show_replay_error (PbDeliveryDetail *self,
                   const char       *message)
{
  gtk_label_set_label (self->replay_status, _("No Answer"));
  gtk_label_set_label (self->replay_time, "");
  gtk_label_set_label (self->replay_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->replay_error), TRUE);
  gtk_widget_set_visible (self->replay_body_frame, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->replay_note), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->replay_status), "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->replay_status), "error");
  gtk_widget_set_visible (self->replay_result, TRUE);
}

static void
show_replay_result (PbDeliveryDetail *self,
                    PbReplayResult   *result)
{
  g_autofree char *status = NULL;
  g_autofree char *time = NULL;
  g_autofree char *body = NULL;
  g_autofree char *note = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (result->body, &length);
  gboolean success = result->status >= 200 && result->status < 300;

  status = g_strdup_printf ("%u %s", result->status,
                            result->reason != NULL ? result->reason
                                                   : soup_status_get_phrase (result->status));
  /* Translators: how long the URL took to answer, in milliseconds */
  time = g_strdup_printf (_("%.0f ms"), result->elapsed_usec / 1000.0);
  body = length > 0 ? g_utf8_make_valid (data, length) : g_strdup (_("The answer had no body."));

  gtk_label_set_label (self->replay_status, status);
  gtk_widget_remove_css_class (GTK_WIDGET (self->replay_status), success ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->replay_status), success ? "success" : "error");
  gtk_label_set_label (self->replay_time, time);
  gtk_label_set_label (self->replay_body, body);
  gtk_widget_set_visible (GTK_WIDGET (self->replay_error), FALSE);
  gtk_widget_set_visible (self->replay_body_frame, TRUE);

  if (result->truncated)
    {
      g_autofree char *size = g_format_size (PB_REPLAY_MAX_BODY);

      /* Translators: the argument is a size, such as "262.1 kB" */
      note = g_strdup_printf (_("The answer was longer: only its first %s are shown."), size);
      gtk_label_set_label (self->replay_note, note);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->replay_note), result->truncated);
  gtk_widget_set_visible (self->replay_result, TRUE);
}

static void
replay_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(PbDeliveryDetail) self = user_data;
  g_autoptr(PbReplayResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = pb_replay_finish (res, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->replay_cancellable);
  set_replaying (self, FALSE);

  if (result == NULL)
    show_replay_error (self, error->message);
  else
    show_replay_result (self, result);
}

static void
replay_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PbDeliveryDetail *self = PB_DELIVERY_DETAIL (widget);
  g_autofree char *url = NULL;

  if (self->delivery == NULL)
    return;

  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->replay_entry))));
  if (url[0] == '\0')
    return;

  clear_replay (self);
  if (self->session == NULL)
    self->session = soup_session_new_with_options ("timeout", 30,
                                                   "user-agent", "Patchbay/" PACKAGE_VERSION,
                                                   NULL);

  self->replay_cancellable = g_cancellable_new ();
  set_replaying (self, TRUE);
  pb_replay_async (self->session, self->delivery, url, self->replay_cancellable,
                   replay_cb, g_object_ref (self));
}

static void
on_replay_entry_activated (PbDeliveryDetail *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "detail.replay", NULL);
}

static void
on_replay_entry_changed (PbDeliveryDetail *self)
{
  update_actions (self);
}

static void
copy_text (PbDeliveryDetail *self,
           const char       *text,
           const char       *toast)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  show_toast (self, toast);
}

static void
copy_body_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PbDeliveryDetail *self = PB_DELIVERY_DETAIL (widget);
  g_autofree char *body = NULL;

  if (self->delivery == NULL)
    return;

  body = pb_delivery_dup_pretty_body (self->delivery);
  copy_text (self, body, _("Body copied"));
}

static void
copy_curl_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PbDeliveryDetail *self = PB_DELIVERY_DETAIL (widget);
  g_autofree char *command = NULL;
  const char *url;

  if (self->delivery == NULL)
    return;

  url = self->default_url;
  if (url == NULL)
    url = gtk_editable_get_text (GTK_EDITABLE (self->replay_entry));

  command = pb_delivery_dup_curl_command (self->delivery, url);
  copy_text (self, command, _("Command copied"));
}

static void
save_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(PbDeliveryDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), res, NULL, &error))
    /* Translators: a file name and why it could not be written */
    message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
  else
    message = g_strdup_printf (_("Saved “%s”"), name);

  show_toast (self, message);
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(PbDeliveryDetail) self = user_data;
  g_autoptr(GFile) file = NULL;
  GBytes *body;

  if (response == GTK_RESPONSE_ACCEPT && self->delivery != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (file == NULL)
    return;

  body = pb_delivery_get_body (self->delivery);
  g_file_replace_contents_bytes_async (file, body, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, save_cb, g_object_ref (self));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PbDeliveryDetail *self = PB_DELIVERY_DETAIL (widget);
  GtkNative *native = gtk_widget_get_native (widget);
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;

  if (self->delivery == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Save Payload"),
                                        GTK_IS_WINDOW (native) ? GTK_WINDOW (native) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  name = g_strdup_printf ("delivery-%" G_GINT64_FORMAT ".json",
                          pb_delivery_get_id (self->delivery));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
pb_delivery_detail_update (PbDeliveryDetail *self)
{
  g_autofree char *summary = NULL;

  clear_replay (self);
  update_default_url (self);
  update_actions (self);

  if (self->delivery == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  summary = pb_delivery_describe (self->delivery, self->catalog);
  gtk_label_set_label (self->summary_label, summary);
  fill_rows (self);
  fill_payload (self);
  fill_headers (self);
  gtk_stack_set_visible_child_name (self->stack, "delivery");
}

static void
pb_delivery_detail_constructed (GObject *object)
{
  PbDeliveryDetail *self = PB_DELIVERY_DETAIL (object);

  G_OBJECT_CLASS (pb_delivery_detail_parent_class)->constructed (object);

  if (self->catalog == NULL)
    self->catalog = g_object_ref (pb_catalog_get_default ());

  if (self->receiver != NULL)
    {
      g_signal_connect_object (self->receiver, "notify::bound-port",
                               G_CALLBACK (update_default_url), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->receiver, "notify::public-url",
                               G_CALLBACK (update_default_url), self, G_CONNECT_SWAPPED);
    }

  pb_delivery_detail_update (self);
}

static void
pb_delivery_detail_dispose (GObject *object)
{
  PbDeliveryDetail *self = PB_DELIVERY_DETAIL (object);

  g_cancellable_cancel (self->replay_cancellable);
  g_clear_object (&self->replay_cancellable);
  /* The stack is both a template child and the bin's child: AdwBin
   * unparents it, so gtk_widget_dispose_template() must not. */
  g_clear_object (&self->delivery);
  g_clear_object (&self->receiver);
  g_clear_object (&self->catalog);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (pb_delivery_detail_parent_class)->dispose (object);
}

static void
pb_delivery_detail_finalize (GObject *object)
{
  PbDeliveryDetail *self = PB_DELIVERY_DETAIL (object);

  g_clear_pointer (&self->default_url, g_free);

  G_OBJECT_CLASS (pb_delivery_detail_parent_class)->finalize (object);
}

static void
pb_delivery_detail_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PbDeliveryDetail *self = PB_DELIVERY_DETAIL (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;

    case PROP_RECEIVER:
      g_value_set_object (value, self->receiver);
      break;

    case PROP_DELIVERY:
      g_value_set_object (value, self->delivery);
      break;

    case PROP_REPLAYING:
      g_value_set_boolean (value, self->replaying);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_delivery_detail_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PbDeliveryDetail *self = PB_DELIVERY_DETAIL (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;

    case PROP_RECEIVER:
      self->receiver = g_value_dup_object (value);
      break;

    case PROP_DELIVERY:
      pb_delivery_detail_set_delivery (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_delivery_detail_class_init (PbDeliveryDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pb_delivery_detail_constructed;
  object_class->dispose = pb_delivery_detail_dispose;
  object_class->finalize = pb_delivery_detail_finalize;
  object_class->get_property = pb_delivery_detail_get_property;
  object_class->set_property = pb_delivery_detail_set_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, PB_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECEIVER] =
    g_param_spec_object ("receiver", NULL, NULL, PB_TYPE_RECEIVER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELIVERY] =
    g_param_spec_object ("delivery", NULL, NULL, PB_TYPE_DELIVERY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPLAYING] =
    g_param_spec_boolean ("replaying", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "detail.copy-body", NULL, copy_body_activated);
  gtk_widget_class_install_action (widget_class, "detail.copy-curl", NULL, copy_curl_activated);
  gtk_widget_class_install_action (widget_class, "detail.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "detail.replay", NULL, replay_activated);

  gtk_source_init ();
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               PB_RESOURCE_PREFIX "/ui/pb-delivery-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryDetail, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryDetail, received_row);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryDetail, event_row);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryDetail, record_row);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryDetail, member_row);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryDetail, status_row);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryDetail, validity_row);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryDetail, validity_icon);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryDetail, retry_row);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryDetail, source_view);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryDetail, headers_list);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryDetail, replay_entry);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryDetail, replay_result);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryDetail, replay_status);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryDetail, replay_time);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryDetail, replay_error);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryDetail, replay_body_frame);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryDetail, replay_body);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryDetail, replay_note);
  gtk_widget_class_bind_template_callback (widget_class, on_replay_entry_activated);
}

static void
pb_delivery_detail_init (PbDeliveryDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pb_accessible_name_buttons (GTK_WIDGET (self));

  g_signal_connect_object (self->replay_entry, "changed",
                           G_CALLBACK (on_replay_entry_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  update_style_scheme (self);
}

/**
 * pb_delivery_detail_new:
 * @catalog: (nullable): the #PbCatalog that names events; the default if %NULL
 * @receiver: (nullable): the #PbReceiver whose URL replays go to by default
 *
 * Returns: (transfer floating): a new #PbDeliveryDetail showing nothing
 */
GtkWidget *
pb_delivery_detail_new (PbCatalog  *catalog,
                        PbReceiver *receiver)
{
  g_return_val_if_fail (catalog == NULL || PB_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (receiver == NULL || PB_IS_RECEIVER (receiver), NULL);

  return g_object_new (PB_TYPE_DELIVERY_DETAIL,
                       "catalog", catalog,
                       "receiver", receiver,
                       NULL);
}

/**
 * pb_delivery_detail_get_delivery:
 * @self: a #PbDeliveryDetail
 *
 * Returns: (transfer none) (nullable): the delivery shown
 */
PbDelivery *
pb_delivery_detail_get_delivery (PbDeliveryDetail *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY_DETAIL (self), NULL);

  return self->delivery;
}

/**
 * pb_delivery_detail_set_delivery:
 * @self: a #PbDeliveryDetail
 * @delivery: (nullable): the delivery to show
 *
 * Showing another delivery abandons a replay still waiting for its answer.
 */
void
pb_delivery_detail_set_delivery (PbDeliveryDetail *self,
                                 PbDelivery       *delivery)
{
  g_return_if_fail (PB_IS_DELIVERY_DETAIL (self));
  g_return_if_fail (delivery == NULL || PB_IS_DELIVERY (delivery));

  if (!g_set_object (&self->delivery, delivery))
    return;

  pb_delivery_detail_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELIVERY]);
}

gboolean
pb_delivery_detail_get_replaying (PbDeliveryDetail *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY_DETAIL (self), FALSE);

  return self->replaying;
}

/**
 * pb_delivery_detail_dup_replay_url:
 * @self: a #PbDeliveryDetail
 *
 * Returns: (transfer full): the URL in the replay entry
 */
char *
pb_delivery_detail_dup_replay_url (PbDeliveryDetail *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY_DETAIL (self), NULL);

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->replay_entry)));
}

/**
 * pb_delivery_detail_set_replay_url:
 * @self: a #PbDeliveryDetail
 * @url: the URL to replay to
 */
void
pb_delivery_detail_set_replay_url (PbDeliveryDetail *self,
                                   const char       *url)
{
  g_return_if_fail (PB_IS_DELIVERY_DETAIL (self));
  g_return_if_fail (url != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->replay_entry), url);
}

/* pb-live-log-page.c: deliveries as they arrive, with the receiver's state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-live-log"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-accessible.h"
#include "pb-delivery-row.h"
#include "pb-live-log-page-private.h"
#include "pb-webhook.h"

/* How often the "today" count is refreshed while deliveries pour in */
#define TODAY_REFRESH_MS 250

typedef enum
{
  RANGE_ALL,
  RANGE_HOUR,
  RANGE_TODAY,
  RANGE_WEEK,
} TimeRange;

G_DEFINE_FINAL_TYPE (PbLiveLogPage, pb_live_log_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_RECEIVER,
  PROP_SHOW_BACK_BUTTON,
  PROP_PAUSED,
  PROP_FOLLOW_LATEST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
pb_live_log_page_show_toast (PbLiveLogPage *self,
                             const char    *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gint64
start_of_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now),
                                                         g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now),
                                                         0, 0, 0);

  return g_date_time_to_unix (midnight) * G_USEC_PER_SEC;
}

gint64
pb_live_log_page_get_account_id (PbLiveLogPage *self)
{
  return pb_account_get_id (pb_account_session_get_account (self->session));
}

/* Receiver status */

static void
update_listening (PbLiveLogPage *self)
{
  g_autofree char *address = NULL;
  g_autofree char *subtitle = NULL;
  gboolean listening;
  guint port;

  if (self->receiver == NULL)
    return;

  listening = pb_receiver_get_listening (self->receiver);
  port = listening ? pb_receiver_get_bound_port (self->receiver)
                   : pb_receiver_get_port (self->receiver);
  address = g_strdup_printf ("%s:%u", pb_receiver_get_address (self->receiver), port);

  if (listening)
    subtitle = g_strdup_printf (
      /* Translators: the receiver listens; an address such as "127.0.0.1:8787"
       * and how many deliveries came today */
      g_dngettext (GETTEXT_PACKAGE, "On %s · %u delivery today",
                   "On %s · %u deliveries today", self->today_count),
      address, self->today_count);
  else
    subtitle = g_strdup_printf (
      /* Translators: the receiver is stopped; an address such as "127.0.0.1:8787"
       * where it would listen, and how many deliveries came today */
      g_dngettext (GETTEXT_PACKAGE, "Would listen on %s · %u delivery today",
                   "Would listen on %s · %u deliveries today", self->today_count),
      address, self->today_count);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->listening_row),
                                 listening ? _("Listening") : _("Not Listening"));
  adw_action_row_set_subtitle (self->listening_row, subtitle);
  gtk_button_set_label (self->listen_button, listening ? _("_Stop") : _("_Start"));
  gtk_button_set_use_underline (self->listen_button, TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->listen_button),
                               listening ? _("Stop taking deliveries")
                                         : _("Start taking deliveries"));
  gtk_widget_remove_css_class (self->listening_icon, listening ? "dim-label" : "success");
  gtk_widget_add_css_class (self->listening_icon, listening ? "success" : "dim-label");
}

char *
pb_live_log_page_dup_hook_url (PbLiveLogPage *self)
{
  if (self->receiver == NULL || self->inbox_token == NULL)
    return NULL;

  return pb_receiver_dup_url (self->receiver, self->inbox_token);
}

static void
update_urls (PbLiveLogPage *self)
{
  g_autofree char *hook_url = pb_live_log_page_dup_hook_url (self);
  const char *public_url;
  const char *shown;

  if (self->receiver == NULL)
    return;

  adw_action_row_set_subtitle (self->hook_url_row,
                               hook_url != NULL ? hook_url
                                                : _("Patchbay could not read its receiver token"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "live-log.copy-hook-url", hook_url != NULL);

  public_url = pb_receiver_get_public_url (self->receiver);
  shown = gtk_editable_get_text (GTK_EDITABLE (self->public_url_row));
  if (g_strcmp0 (shown, public_url != NULL ? public_url : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->public_url_row),
                           public_url != NULL ? public_url : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "live-log.copy-public-url",
                                 public_url != NULL);
}

static void
on_public_url_apply (PbLiveLogPage *self)
{
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  if (self->receiver == NULL)
    return;

  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->public_url_row))));
  if (url[0] != '\0' && !pb_webhook_check_target_url (url, NULL, &error))
    {
      pb_live_log_page_show_toast (self, error->message);
      return;
    }

  pb_receiver_set_public_url (self->receiver, url[0] != '\0' ? url : NULL);
}

/* The count of today's deliveries */

static void
recount_today (PbLiveLogPage *self)
{
  g_autoptr(GError) error = NULL;
  PbDeliveryQuery query = { 0, };

  self->today_start = start_of_today ();
  query.account_id = pb_live_log_page_get_account_id (self);
  query.since = self->today_start;
  self->today_count = pb_store_count_deliveries (self->store, &query, &error);
  if (error != NULL)
    g_warning ("Could not count today’s deliveries: %s", error->message);
}

static gboolean
today_refresh_cb (gpointer user_data)
{
  PbLiveLogPage *self = user_data;

  self->today_id = 0;
  if (start_of_today () != self->today_start)
    recount_today (self);
  update_listening (self);

  return G_SOURCE_REMOVE;
}

static void
on_deliveries_added (PbLiveLogPage *self,
                     GPtrArray     *added)
{
  gint64 own = pb_live_log_page_get_account_id (self);

  for (guint i = 0; i < added->len; i++)
    {
      PbDelivery *delivery = g_ptr_array_index (added, i);
      gint64 owner = pb_delivery_get_account_id (delivery);

      if ((owner == 0 || owner == own)
          && pb_delivery_get_received_at (delivery) >= self->today_start)
        self->today_count++;
    }

  if (self->today_id == 0)
    self->today_id = g_timeout_add (TODAY_REFRESH_MS, today_refresh_cb, self);
}

static void
on_deliveries_removed (PbLiveLogPage *self)
{
  recount_today (self);
  update_listening (self);
}

/* Filters */

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  const char *const *pair_a = *(const char *const **)a;
  const char *const *pair_b = *(const char *const **)b;

  return g_utf8_collate (pair_a[1], pair_b[1]);
}

static void
fill_event_dropdown (PbLiveLogPage *self)
{
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *current = NULL;
  guint selected = 0;
  GHashTableIter iter;
  gpointer key;

  if (self->events->len > 0)
    current = g_ptr_array_index (self->events, gtk_drop_down_get_selected (self->event_dropdown));

  counts = pb_store_count_events_since (self->store, pb_live_log_page_get_account_id (self), 0,
                                        &error);
  if (counts == NULL)
    g_warning ("Could not list the events received: %s", error->message);
  else
    {
      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          g_autoptr(PbEventInfo) info = pb_catalog_describe (self->catalog, key);
          char *pair[] = { key, pb_event_info_dup_display_name (info), NULL };

          g_ptr_array_add (pairs, g_strdupv (pair));
          g_free (pair[1]);
        }
      g_ptr_array_sort (pairs, compare_labels);
    }

  gtk_string_list_append (labels, _("All events"));
  g_ptr_array_set_size (self->events, 0);
  g_ptr_array_add (self->events, NULL);
  for (guint i = 0; i < pairs->len; i++)
    {
      char **pair = g_ptr_array_index (pairs, i);

      if (g_strcmp0 (current, pair[0]) == 0)
        selected = i + 1;
      gtk_string_list_append (labels, pair[1]);
      g_ptr_array_add (self->events, g_strdup (pair[0]));
    }

  gtk_drop_down_set_model (self->event_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->event_dropdown, selected);
}

static void
fill_subject_dropdown (PbLiveLogPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *const *subjects = pb_catalog_get_subjects (self->catalog);

  gtk_string_list_append (labels, _("All records"));
  for (guint i = 0; subjects != NULL && subjects[i] != NULL; i++)
    gtk_string_list_append (labels, pb_catalog_get_subject_label (self->catalog, subjects[i]));

  gtk_drop_down_set_model (self->subject_dropdown, G_LIST_MODEL (labels));
}

static gint64
range_start (TimeRange range)
{
  switch (range)
    {
    case RANGE_HOUR:
      return g_get_real_time () - G_TIME_SPAN_HOUR;

    case RANGE_TODAY:
      return start_of_today ();

    case RANGE_WEEK:
      return g_get_real_time () - 7 * G_TIME_SPAN_DAY;

    case RANGE_ALL:
    default:
      return 0;
    }
}

static void
update_empty_state (PbLiveLogPage *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->deliveries)) == 0;

  if (pb_delivery_list_get_filtered (self->deliveries))
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Deliveries"));
      adw_status_page_set_description (self->empty_page, _("Try other words or filters."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Deliveries Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Deliveries appear here as soon as Current RMS sends "
                                         "them to the URL for webhooks."));
    }

  gtk_stack_set_visible_child_name (self->list_stack, empty ? "empty" : "list");
}

static void
on_filter_changed (PbLiveLogPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *const *subjects = pb_catalog_get_subjects (self->catalog);
  guint event_index = gtk_drop_down_get_selected (self->event_dropdown);
  guint subject_index = gtk_drop_down_get_selected (self->subject_dropdown);
  const char *event = NULL;
  const char *subject = NULL;

  if (event_index != GTK_INVALID_LIST_POSITION && event_index < self->events->len)
    event = g_ptr_array_index (self->events, event_index);
  if (subject_index != GTK_INVALID_LIST_POSITION && subject_index > 0)
    subject = subjects[subject_index - 1];

  if (!pb_delivery_list_set_filter (self->deliveries,
                                    gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                    event, subject,
                                    range_start (gtk_drop_down_get_selected (self->range_dropdown)),
                                    &error))
    pb_live_log_page_show_toast (self, error->message);

  update_empty_state (self);
}

static void
on_search_mode_changed (PbLiveLogPage *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    return;

  /* Events seen since the bar was last open are offered too. */
  g_signal_handlers_block_by_func (self->event_dropdown, on_filter_changed, self);
  fill_event_dropdown (self);
  g_signal_handlers_unblock_by_func (self->event_dropdown, on_filter_changed, self);
}

/* The list */

static void
on_items_changed (PbLiveLogPage *self,
                  guint          position,
                  guint          removed,
                  guint          added)
{
  GtkAdjustment *vadjustment;

  update_empty_state (self);

  if (!self->follow_latest || position != 0 || added == 0)
    return;

  vadjustment = gtk_scrolled_window_get_vadjustment (self->list_scroller);
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));
}

static void
on_scrolled (PbLiveLogPage *self,
             GtkAdjustment *vadjustment)
{
  g_autoptr(GError) error = NULL;
  double value = gtk_adjustment_get_value (vadjustment);
  double page = gtk_adjustment_get_page_size (vadjustment);
  double upper = gtk_adjustment_get_upper (vadjustment);

  if (self->loading_older || !pb_delivery_list_get_has_older (self->deliveries)
      || value + 2 * page < upper)
    return;

  /* Adding rows moves the adjustment, which must not start another page. */
  self->loading_older = TRUE;
  if (!pb_delivery_list_load_older (self->deliveries, &error))
    pb_live_log_page_show_toast (self, error->message);
  self->loading_older = FALSE;
}

static void
on_pending_changed (PbLiveLogPage *self)
{
  guint n_pending = pb_delivery_list_get_n_pending (self->deliveries);
  g_autofree char *label = NULL;

  if (pb_delivery_list_get_paused (self->deliveries) && n_pending > 0)
    {
      /* Translators: deliveries that arrived while the log was paused */
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u New Delivery · Resume",
                                            "%u New Deliveries · Resume", n_pending),
                               n_pending);
      gtk_button_set_label (self->pending_button, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->pending_button),
                          pb_delivery_list_get_paused (self->deliveries) && n_pending > 0);
}

static void
on_paused_changed (PbLiveLogPage *self)
{
  on_pending_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

static void
on_selection_changed (PbLiveLogPage *self)
{
  PbDelivery *delivery = gtk_single_selection_get_selected_item (self->selection);

  pb_delivery_detail_set_delivery (self->detail, delivery);
  if (delivery != NULL && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

static void
on_detail_back_clicked (PbLiveLogPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           PbLiveLogPage            *self)
{
  gtk_list_item_set_child (item, pb_delivery_row_new (self->catalog));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          PbLiveLogPage            *self)
{
  pb_delivery_row_set_delivery (PB_DELIVERY_ROW (gtk_list_item_get_child (item)),
                                gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            PbLiveLogPage            *self)
{
  pb_delivery_row_set_delivery (PB_DELIVERY_ROW (gtk_list_item_get_child (item)), NULL);
}

/* Construction */

static void
setup_list (PbLiveLogPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GError) error = NULL;

  self->deliveries = pb_delivery_list_new (self->store, pb_live_log_page_get_account_id (self));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->deliveries)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->deliveries, "items-changed",
                           G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->deliveries, "notify::n-pending",
                           G_CALLBACK (on_pending_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->deliveries, "notify::paused",
                           G_CALLBACK (on_paused_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->list_scroller),
                           "value-changed", G_CALLBACK (on_scrolled), self, G_CONNECT_SWAPPED);

  if (!pb_delivery_list_reload (self->deliveries, &error))
    pb_live_log_page_show_toast (self, error->message);
  update_empty_state (self);
}

static void
setup_receiver (PbLiveLogPage *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (self->receiver_list, self->receiver != NULL);
  if (self->receiver == NULL)
    return;

  self->inbox_token = pb_store_dup_inbox_token (self->store, &error);
  if (self->inbox_token == NULL)
    g_warning ("Could not read the inbox token: %s", error->message);

  g_signal_connect_object (self->receiver, "notify::listening",
                           G_CALLBACK (update_listening), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->receiver, "notify::bound-port",
                           G_CALLBACK (update_listening), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->receiver, "notify::bound-port",
                           G_CALLBACK (update_urls), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->receiver, "notify::public-url",
                           G_CALLBACK (update_urls), self, G_CONNECT_SWAPPED);
  update_listening (self);
  update_urls (self);
}

static void
pb_live_log_page_constructed (GObject *object)
{
  PbLiveLogPage *self = PB_LIVE_LOG_PAGE (object);
  PbAccount *account;

  G_OBJECT_CLASS (pb_live_log_page_parent_class)->constructed (object);

  g_assert (PB_IS_ACCOUNT_SESSION (self->session));

  account = pb_account_session_get_account (self->session);
  self->store = g_object_ref (pb_account_session_get_store (self->session));
  self->catalog = g_object_ref (pb_catalog_get_default ());
  adw_window_title_set_subtitle (self->window_title, pb_account_get_display_name (account));

  self->detail = PB_DELIVERY_DETAIL (pb_delivery_detail_new (self->catalog, self->receiver));
  gtk_widget_set_vexpand (GTK_WIDGET (self->detail), TRUE);
  gtk_box_append (GTK_BOX (self->detail_pane), GTK_WIDGET (self->detail));

  g_signal_connect_object (self->store, "deliveries-added",
                           G_CALLBACK (on_deliveries_added), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "deliveries-removed",
                           G_CALLBACK (on_deliveries_removed), self, G_CONNECT_SWAPPED);
  recount_today (self);

  fill_subject_dropdown (self);
  fill_event_dropdown (self);
  g_signal_connect_object (self->event_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->subject_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->range_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_changed), self, G_CONNECT_SWAPPED);

  setup_list (self);
  setup_receiver (self);
}

static void
pb_live_log_page_dispose (GObject *object)
{
  PbLiveLogPage *self = PB_LIVE_LOG_PAGE (object);

  g_clear_handle_id (&self->today_id, g_source_remove);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_LIVE_LOG_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->deliveries);
  g_clear_object (&self->catalog);
  g_clear_object (&self->store);
  g_clear_object (&self->receiver);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (pb_live_log_page_parent_class)->dispose (object);
}

static void
pb_live_log_page_finalize (GObject *object)
{
  PbLiveLogPage *self = PB_LIVE_LOG_PAGE (object);

  g_clear_pointer (&self->inbox_token, g_free);
  g_clear_pointer (&self->events, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_live_log_page_parent_class)->finalize (object);
}

static void
pb_live_log_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbLiveLogPage *self = PB_LIVE_LOG_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_RECEIVER:
      g_value_set_object (value, self->receiver);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    case PROP_PAUSED:
      g_value_set_boolean (value, pb_live_log_page_get_paused (self));
      break;

    case PROP_FOLLOW_LATEST:
      g_value_set_boolean (value, self->follow_latest);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_live_log_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PbLiveLogPage *self = PB_LIVE_LOG_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_RECEIVER:
      self->receiver = g_value_dup_object (value);
      break;

    case PROP_SHOW_BACK_BUTTON:
      pb_live_log_page_set_show_back_button (self, g_value_get_boolean (value));
      break;

    case PROP_PAUSED:
      pb_live_log_page_set_paused (self, g_value_get_boolean (value));
      break;

    case PROP_FOLLOW_LATEST:
      pb_live_log_page_set_follow_latest (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_live_log_page_class_init (PbLiveLogPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pb_live_log_page_constructed;
  object_class->dispose = pb_live_log_page_dispose;
  object_class->finalize = pb_live_log_page_finalize;
  object_class->get_property = pb_live_log_page_get_property;
  object_class->set_property = pb_live_log_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, PB_TYPE_ACCOUNT_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECEIVER] =
    g_param_spec_object ("receiver", NULL, NULL, PB_TYPE_RECEIVER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOW_LATEST] =
    g_param_spec_boolean ("follow-latest", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  pb_live_log_page_install_actions (widget_class);

  g_type_ensure (PB_TYPE_DELIVERY_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               PB_RESOURCE_PREFIX "/ui/pb-live-log-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, event_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, subject_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, receiver_list);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, listening_row);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, listening_icon);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, listen_button);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, public_url_row);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, hook_url_row);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, pending_button);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, PbLiveLogPage, detail_back_button);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_public_url_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_back_clicked);
}

static void
pb_live_log_page_init (PbLiveLogPage *self)
{
  self->follow_latest = TRUE;
  self->events = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  pb_accessible_name_buttons (GTK_WIDGET (self));

  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (on_search_mode_changed), self, G_CONNECT_SWAPPED);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_object_bind_property (self->leaflet, "folded", self->detail_back_button, "visible",
                          G_BINDING_SYNC_CREATE);

  pb_live_log_page_add_shortcuts (self);
}

/**
 * pb_live_log_page_new:
 * @session: the account whose deliveries are shown
 * @receiver: (nullable): the receiver whose state is shown and controlled
 *
 * Returns: (transfer floating): a new #PbLiveLogPage
 */
GtkWidget *
pb_live_log_page_new (PbAccountSession *session,
                      PbReceiver       *receiver)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (session), NULL);
  g_return_val_if_fail (receiver == NULL || PB_IS_RECEIVER (receiver), NULL);

  return g_object_new (PB_TYPE_LIVE_LOG_PAGE,
                       "session", session,
                       "receiver", receiver,
                       NULL);
}

PbAccountSession *
pb_live_log_page_get_session (PbLiveLogPage *self)
{
  g_return_val_if_fail (PB_IS_LIVE_LOG_PAGE (self), NULL);

  return self->session;
}

/**
 * pb_live_log_page_get_receiver:
 * @self: a #PbLiveLogPage
 *
 * Returns: (transfer none) (nullable): the receiver
 */
PbReceiver *
pb_live_log_page_get_receiver (PbLiveLogPage *self)
{
  g_return_val_if_fail (PB_IS_LIVE_LOG_PAGE (self), NULL);

  return self->receiver;
}

gboolean
pb_live_log_page_get_show_back_button (PbLiveLogPage *self)
{
  g_return_val_if_fail (PB_IS_LIVE_LOG_PAGE (self), FALSE);

  return self->show_back_button;
}

void
pb_live_log_page_set_show_back_button (PbLiveLogPage *self,
                                       gboolean       show_back_button)
{
  g_return_if_fail (PB_IS_LIVE_LOG_PAGE (self));

  show_back_button = !!show_back_button;
  if (self->show_back_button == show_back_button)
    return;

  self->show_back_button = show_back_button;
  gtk_widget_set_visible (self->back_button, show_back_button);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BACK_BUTTON]);
}

gboolean
pb_live_log_page_get_paused (PbLiveLogPage *self)
{
  g_return_val_if_fail (PB_IS_LIVE_LOG_PAGE (self), FALSE);

  return self->deliveries != NULL && pb_delivery_list_get_paused (self->deliveries);
}

/**
 * pb_live_log_page_set_paused:
 * @self: a #PbLiveLogPage
 * @paused: whether new deliveries wait, counted, instead of entering the list
 */
void
pb_live_log_page_set_paused (PbLiveLogPage *self,
                             gboolean       paused)
{
  g_return_if_fail (PB_IS_LIVE_LOG_PAGE (self));

  /* The list notifies, and that notifies the page's property. */
  if (self->deliveries != NULL)
    pb_delivery_list_set_paused (self->deliveries, paused);
}

gboolean
pb_live_log_page_get_follow_latest (PbLiveLogPage *self)
{
  g_return_val_if_fail (PB_IS_LIVE_LOG_PAGE (self), FALSE);

  return self->follow_latest;
}

/**
 * pb_live_log_page_set_follow_latest:
 * @self: a #PbLiveLogPage
 * @follow_latest: whether to scroll to the top as new deliveries arrive
 */
void
pb_live_log_page_set_follow_latest (PbLiveLogPage *self,
                                    gboolean       follow_latest)
{
  g_return_if_fail (PB_IS_LIVE_LOG_PAGE (self));

  follow_latest = !!follow_latest;
  if (self->follow_latest == follow_latest)
    return;

  self->follow_latest = follow_latest;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_LATEST]);
}

/**
 * pb_live_log_page_get_deliveries:
 * @self: a #PbLiveLogPage
 *
 * Returns: (transfer none): the list model the page shows
 */
PbDeliveryList *
pb_live_log_page_get_deliveries (PbLiveLogPage *self)
{
  g_return_val_if_fail (PB_IS_LIVE_LOG_PAGE (self), NULL);

  return self->deliveries;
}

/**
 * pb_live_log_page_get_detail:
 * @self: a #PbLiveLogPage
 *
 * Returns: (transfer none): the detail pane
 */
PbDeliveryDetail *
pb_live_log_page_get_detail (PbLiveLogPage *self)
{
  g_return_val_if_fail (PB_IS_LIVE_LOG_PAGE (self), NULL);

  return self->detail;
}

/**
 * pb_live_log_page_select:
 * @self: a #PbLiveLogPage
 * @position: a row of the list
 *
 * Selects the row at @position and shows it in the detail pane.
 *
 * Returns: whether there is such a row
 */
gboolean
pb_live_log_page_select (PbLiveLogPage *self,
                         guint          position)
{
  g_return_val_if_fail (PB_IS_LIVE_LOG_PAGE (self), FALSE);

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->deliveries)))
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

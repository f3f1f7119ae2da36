/* pb-webhooks-page.c: the list of an account's webhooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-webhooks-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-accessible.h"
#include "pb-bulk-dialog.h"
#include "pb-webhook-editor.h"
#include "pb-webhook-row.h"
#include "pb-webhooks-page-private.h"

typedef enum
{
  STATE_FILTER_ALL,
  STATE_FILTER_ACTIVE,
  STATE_FILTER_INACTIVE,
} StateFilter;

G_DEFINE_FINAL_TYPE (PbWebhooksPage, pb_webhooks_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_RECEIVER,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
pb_webhooks_page_add_toast (PbWebhooksPage *self,
                            AdwToast       *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Looks in the session's list rather than the store, so that the page acts on
 * exactly the webhook the user sees. */
PbWebhook *
pb_webhooks_page_find_webhook (PbWebhooksPage *self,
                               gint64          webhook_id)
{
  GListModel *webhooks = pb_account_session_get_webhooks (self->session);
  guint n_items = g_list_model_get_n_items (webhooks);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PbWebhook) webhook = g_list_model_get_item (webhooks, i);

      if (pb_webhook_get_id (webhook) == webhook_id)
        return g_steal_pointer (&webhook);
    }

  return NULL;
}

/* What sorting and searching read of each webhook
 *
 * Collating or case-folding a string costs far more than comparing the
 * results, so each webhook's sort keys and search text are made once, when a
 * sort or a search first needs them, and dropped when a property they come
 * from changes. */

typedef enum
{
  SORT_KEY_NAME,
  SORT_KEY_EVENT,
  SORT_KEY_TARGET_URL,
  N_SORT_KEYS,
} SortKey;

static const char * const sort_key_properties[N_SORT_KEYS] = {
  "name", "event", "target-url",
};

typedef struct
{
  char *keys[N_SORT_KEYS];
  char *haystack;
} WebhookText;

static void
webhook_text_free (gpointer data)
{
  WebhookText *text = data;

  for (guint i = 0; i < N_SORT_KEYS; i++)
    g_free (text->keys[i]);
  g_free (text->haystack);
  g_free (text);
}

static WebhookText *
lookup_text (PbWebhooksPage *self,
             PbWebhook      *webhook)
{
  WebhookText *text = g_hash_table_lookup (self->texts, webhook);

  if (text == NULL)
    {
      text = g_new0 (WebhookText, 1);
      g_hash_table_insert (self->texts, g_object_ref (webhook), text);
    }

  return text;
}

static const char *
get_sort_key (PbWebhooksPage *self,
              PbWebhook      *webhook,
              SortKey         which)
{
  WebhookText *cached = lookup_text (self, webhook);

  if (cached->keys[which] == NULL)
    {
      const char *text = which == SORT_KEY_NAME ? pb_webhook_get_name (webhook)
                         : which == SORT_KEY_EVENT ? pb_webhook_get_event (webhook)
                         : pb_webhook_get_target_url (webhook);
      g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);

      cached->keys[which] = g_utf8_collate_key (folded, -1);
    }

  return cached->keys[which];
}

/* Everything the user can search for, case-folded. */
static char *
dup_haystack (PbWebhooksPage *self,
              PbWebhook      *webhook)
{
  const char *event = pb_webhook_get_event (webhook);
  PbEventInfo *info = pb_catalog_lookup (self->catalog, event);
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n%s\n%s\n", pb_webhook_get_name (webhook),
                          pb_webhook_get_target_url (webhook), event);
  if (info != NULL)
    g_string_append_printf (text, "%s\n%s\n", pb_event_info_get_subject_label (info),
                            pb_event_info_get_action_label (info));
  /* So that "convert order" finds opportunity_convert_to_order too. */
  g_string_append (text, event);
  g_strdelimit (text->str + text->len - strlen (event), "_", ' ');

  return g_utf8_casefold (text->str, text->len);
}

static const char *
get_haystack (PbWebhooksPage *self,
              PbWebhook      *webhook)
{
  WebhookText *text = lookup_text (self, webhook);

  if (text->haystack == NULL)
    text->haystack = dup_haystack (self, webhook);

  return text->haystack;
}

static void
forget_text (PbWebhooksPage *self,
             PbWebhook      *webhook,
             const char     *property)
{
  WebhookText *text = g_hash_table_lookup (self->texts, webhook);

  if (text == NULL)
    return;

  g_clear_pointer (&text->haystack, g_free);
  for (guint i = 0; i < N_SORT_KEYS; i++)
    if (g_str_equal (property, sort_key_properties[i]))
      g_clear_pointer (&text->keys[i], g_free);
}

/* The catalog names events it learns in a refresh, which the search finds. */
static void
forget_haystacks (PbWebhooksPage *self)
{
  GHashTableIter iter;
  WebhookText *text;

  g_hash_table_iter_init (&iter, self->texts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&text))
    g_clear_pointer (&text->haystack, g_free);
}

static int
compare_keys (PbWebhooksPage *self,
              gconstpointer   a,
              gconstpointer   b,
              SortKey         which)
{
  int result = strcmp (get_sort_key (self, PB_WEBHOOK ((gpointer)a), which),
                       get_sort_key (self, PB_WEBHOOK ((gpointer)b), which));

  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER
                                                        : GTK_ORDERING_EQUAL;
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return compare_keys (user_data, a, b, SORT_KEY_NAME);
}

static int
compare_events (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return compare_keys (user_data, a, b, SORT_KEY_EVENT);
}

static int
compare_target_urls (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  return compare_keys (user_data, a, b, SORT_KEY_TARGET_URL);
}

/* Filtering */

static gboolean
matches_words (PbWebhooksPage *self,
               PbWebhook      *webhook)
{
  const char *haystack = get_haystack (self, webhook);

  for (guint i = 0; self->search_words[i] != NULL; i++)
    if (strstr (haystack, self->search_words[i]) == NULL)
      return FALSE;

  return TRUE;
}

static gboolean
matches_subject (PbWebhooksPage *self,
                 PbWebhook      *webhook,
                 const char     *subject)
{
  const char *event = pb_webhook_get_event (webhook);
  PbEventInfo *info = pb_catalog_lookup (self->catalog, event);
  g_autofree char *parsed = NULL;

  if (info != NULL)
    return g_str_equal (pb_event_info_get_subject (info), subject);

  return pb_catalog_parse_event (self->catalog, event, &parsed, NULL) &&
         g_strcmp0 (parsed, subject) == 0;
}

static gboolean
filter_webhook (gpointer item,
                gpointer user_data)
{
  PbWebhooksPage *self = user_data;
  PbWebhook *webhook = item;
  guint subject = gtk_drop_down_get_selected (self->subject_dropdown);

  switch ((StateFilter)gtk_drop_down_get_selected (self->state_dropdown))
    {
    case STATE_FILTER_ACTIVE:
      if (!pb_webhook_get_active (webhook))
        return FALSE;
      break;

    case STATE_FILTER_INACTIVE:
      if (pb_webhook_get_active (webhook))
        return FALSE;
      break;

    case STATE_FILTER_ALL:
    default:
      break;
    }

  /* Position 0 is "All subjects". */
  if (subject > 0 && subject < self->subjects->len &&
      !matches_subject (self, webhook, g_ptr_array_index (self->subjects, subject)))
    return FALSE;

  return self->search_words == NULL || matches_words (self, webhook);
}

static void
on_filter_changed (PbWebhooksPage *self)
{
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_search_changed (PbWebhooksPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = g_utf8_casefold (text, -1);

  g_clear_pointer (&self->search_words, g_strfreev);
  self->search_words = g_strsplit_set (g_strstrip (folded), " \t", -1);
  if (self->search_words[0] == NULL || self->search_words[0][0] == '\0')
    g_clear_pointer (&self->search_words, g_strfreev);

  on_filter_changed (self);
}

/* Keeping the filter and the order current
 *
 * The filter and sort models only look at an item when it is added, so a
 * webhook changed in place would stay where it was. Every change asks for one
 * refilter at the next idle, which a refresh touching many webhooks shares. */

static gboolean
on_refilter_idle (gpointer user_data)
{
  PbWebhooksPage *self = user_data;
  GtkSorter *sorter = gtk_sort_list_model_get_sorter (self->sort_model);

  self->refilter_id = 0;
  if (self->refilter_pending)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (self->resort_pending && sorter != NULL)
    gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
  self->refilter_pending = FALSE;
  self->resort_pending = FALSE;

  return G_SOURCE_REMOVE;
}

/* Before the frame is laid out, so the list never shows the stale order. */
void
pb_webhooks_page_queue_refilter (PbWebhooksPage *self,
                                 gboolean        resort)
{
  self->refilter_pending = TRUE;
  self->resort_pending |= resort;
  if (self->refilter_id == 0)
    self->refilter_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_refilter_idle, self, NULL);
}

static void
on_webhook_notify (PbWebhook      *webhook,
                   GParamSpec     *pspec,
                   PbWebhooksPage *self)
{
  const char *name = g_param_spec_get_name (pspec);

  /* No column sorts by state. */
  if (g_str_equal (name, "active"))
    pb_webhooks_page_queue_refilter (self, FALSE);
  else if (g_str_equal (name, "name") || g_str_equal (name, "event") ||
           g_str_equal (name, "target-url"))
    {
      forget_text (self, webhook, name);
      pb_webhooks_page_queue_refilter (self, TRUE);
    }
}

/* Mirrors the session's list, so that removed webhooks, which the list can no
 * longer name, are still there to disconnect from. */
static void
on_webhooks_changed (PbWebhooksPage *self,
                     guint           position,
                     guint           removed,
                     guint           added,
                     GListModel     *webhooks)
{
  for (guint i = position; i < position + removed; i++)
    {
      PbWebhook *webhook = g_ptr_array_index (self->watched, i);

      g_signal_handlers_disconnect_by_func (webhook, on_webhook_notify, self);
      g_hash_table_remove (self->texts, webhook);
    }
  g_ptr_array_remove_range (self->watched, position, removed);

  for (guint i = 0; i < added; i++)
    {
      PbWebhook *webhook = g_list_model_get_item (webhooks, position + i);

      g_signal_connect (webhook, "notify", G_CALLBACK (on_webhook_notify), self);
      g_ptr_array_insert (self->watched, position + i, webhook);
    }
}

static void
unwatch_webhooks (PbWebhooksPage *self)
{
  if (self->watched == NULL)
    return;

  g_signal_handlers_disconnect_by_func (pb_account_session_get_webhooks (self->session),
                                        on_webhooks_changed, self);
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched, i),
                                          on_webhook_notify, self);
  g_clear_pointer (&self->watched, g_ptr_array_unref);
}

/* State of the page */

static void
update_view (PbWebhooksPage *self)
{
  guint n_all = g_list_model_get_n_items (pb_account_session_get_webhooks (self->session));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  gboolean syncing = pb_account_session_get_syncing (self->session);
  g_autofree char *count = NULL;
  const char *page;

  if (n_shown > 0)
    page = "list";
  else if (n_all > 0)
    page = "no-results";
  else if (syncing && pb_account_session_get_last_sync (self->session) == 0)
    page = "loading";
  else
    page = "empty";
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));

  if (n_shown == n_all)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u webhook", "%u webhooks", n_all),
                             n_all);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u webhook",
                                          "%u of %u webhooks", n_all),
                             n_shown, n_all);
  gtk_label_set_text (self->count_label, count);
}

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    return g_date_time_format (when, "%H:%M");

  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (when, _("%e %b %H:%M"));
}

static char *
format_last_sync (gint64 last_sync)
{
  gint64 minutes;
  g_autofree char *when = NULL;

  if (last_sync <= 0)
    return g_strdup (_("Not synced yet"));

  minutes = (g_get_real_time () - last_sync) / (G_USEC_PER_SEC * 60);
  if (minutes < 1)
    return g_strdup (_("Last synced just now"));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last synced %u minute ago",
                                         "Last synced %u minutes ago", (gulong)minutes),
                            (guint)minutes);

  when = format_time (last_sync);
  return g_strdup_printf (_("Last synced at %s"), when);
}

static void
update_status (PbWebhooksPage *self)
{
  gboolean syncing = pb_account_session_get_syncing (self->session);
  gboolean offline = pb_account_session_get_offline (self->session);
  gint64 last_sync = pb_account_session_get_last_sync (self->session);
  const char *last_error = pb_account_session_get_last_error (self->session);
  g_autofree char *synced = format_last_sync (last_sync);
  g_autofree char *banner = NULL;

  gtk_label_set_text (self->sync_label, syncing ? _("Syncing…") : synced);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_spinner), syncing);
  gtk_spinner_set_spinning (self->sync_spinner, syncing);
  gtk_spinner_set_spinning (self->refresh_spinner, syncing);
  gtk_stack_set_visible_child_name (self->refresh_stack, syncing ? "spinner" : "icon");

  if (offline && last_sync > 0)
    {
      g_autofree char *when = format_time (last_sync);

      banner = g_strdup_printf (_("Offline — showing data from %s"), when);
    }
  else if (offline)
    banner = g_strdup (_("Offline — Current RMS could not be reached"));
  else if (last_error != NULL && last_error[0] != '\0')
    banner = g_strdup (last_error);

  gtk_image_set_from_icon_name (self->status_icon,
                                offline ? "network-offline-symbolic" : "dialog-warning-symbolic");
  gtk_label_set_text (self->status_label, banner ? banner : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), offline ? last_error : NULL);
  gtk_revealer_set_reveal_child (self->status_revealer, banner != NULL);

  update_view (self);
}

static gboolean
on_clock_tick (gpointer user_data)
{
  update_status (PB_WEBHOOKS_PAGE (user_data));
  return G_SOURCE_CONTINUE;
}

/* Actions */

static void
on_refreshed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PbWebhooksPage) self = user_data;
  g_autoptr(GError) error = NULL;
  PbSyncChanges changes = { 0, };

  if (!pb_account_session_refresh_finish (PB_ACCOUNT_SESSION (object), result, &changes, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Refreshing the webhooks failed: %s", error->message);
    }

  if (!g_cancellable_is_cancelled (self->cancellable))
    update_status (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PbWebhooksPage *self = PB_WEBHOOKS_PAGE (widget);

  self->refreshed = TRUE;
  if (pb_account_session_get_syncing (self->session))
    return;

  pb_account_session_refresh_async (self->session, self->cancellable,
                                    on_refreshed, g_object_ref (self));
  update_status (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PbWebhooksPage *self = PB_WEBHOOKS_PAGE (widget);
  gboolean enable = !gtk_search_bar_get_search_mode (self->search_bar);

  gtk_search_bar_set_search_mode (self->search_bar, enable);
  if (enable)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Column headers take no keyboard focus in GTK 4.8, so the menu sorts too. */
static void
sort_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PbWebhooksPage *self = PB_WEBHOOKS_PAGE (widget);
  const char *key = g_variant_get_string (parameter, NULL);
  GtkColumnViewColumn *column = g_str_equal (key, "event") ? self->event_column
                                : g_str_equal (key, "url") ? self->url_column
                                : self->name_column;

  gtk_column_view_sort_by_column (self->column_view, column, GTK_SORT_ASCENDING);
}

static void
on_editor_saved (PbWebhooksPage *self,
                 PbWebhook      *webhook)
{
  pb_webhooks_page_queue_refilter (self, TRUE);
  pb_webhooks_page_add_toast (self, adw_toast_new_format (_("Saved “%s”"),
                                                          pb_webhook_get_name (webhook)));
}

static void
open_editor (PbWebhooksPage *self,
             PbWebhook      *webhook)
{
  PbWebhookEditor *editor = pb_webhook_editor_new (self->session, self->receiver, webhook);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (PB_WEBHOOKS_PAGE (widget), NULL);
}

static void
bulk_create_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PbWebhooksPage *self = PB_WEBHOOKS_PAGE (widget);
  PbBulkDialog *dialog = pb_bulk_dialog_new (self->session, self->receiver, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PbWebhooksPage *self = PB_WEBHOOKS_PAGE (widget);
  g_autoptr(PbWebhook) webhook =
    pb_webhooks_page_find_webhook (self, g_variant_get_int64 (parameter));

  if (webhook != NULL)
    open_editor (self, webhook);
}

static void
on_row_activated (PbWebhooksPage *self,
                  guint           position)
{
  g_autoptr(PbWebhook) webhook = g_list_model_get_item (G_LIST_MODEL (self->filter_model),
                                                        position);

  if (webhook != NULL)
    open_editor (self, webhook);
}

/* Setup */

static void
setup_columns (PbWebhooksPage *self)
{
  struct {
    GtkColumnViewColumn *column;
    PbWebhookColumn      kind;
    GCompareDataFunc     compare;
  } columns[] = {
    { self->name_column, PB_WEBHOOK_COLUMN_NAME, compare_names },
    { self->event_column, PB_WEBHOOK_COLUMN_EVENT, compare_events },
    { self->url_column, PB_WEBHOOK_COLUMN_TARGET_URL, compare_target_urls },
    { self->active_column, PB_WEBHOOK_COLUMN_ACTIVE, NULL },
    { self->menu_column, PB_WEBHOOK_COLUMN_MENU, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkListItemFactory) factory =
        pb_webhook_row_factory_new (columns[i].kind, self->session, self->catalog);

      gtk_column_view_column_set_factory (columns[i].column, factory);
      if (columns[i].compare != NULL)
        {
          g_autoptr(GtkSorter) sorter =
            GTK_SORTER (gtk_custom_sorter_new (columns[i].compare, self, NULL));

          gtk_column_view_column_set_sorter (columns[i].column, sorter);
        }
    }

  g_signal_connect_object (gtk_column_view_column_get_factory (self->active_column),
                           "setup", G_CALLBACK (pb_webhooks_page_setup_switch), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

static void
setup_subjects (PbWebhooksPage *self)
{
  const char * const *subjects = pb_catalog_get_subjects (self->catalog);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  self->subjects = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->subjects, NULL);
  gtk_string_list_append (labels, _("All subjects"));

  for (guint i = 0; subjects[i] != NULL; i++)
    {
      g_ptr_array_add (self->subjects, g_strdup (subjects[i]));
      gtk_string_list_append (labels, pb_catalog_get_subject_label (self->catalog, subjects[i]));
    }

  gtk_drop_down_set_expression (self->subject_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string"));
  gtk_drop_down_set_enable_search (self->subject_dropdown, TRUE);
  gtk_drop_down_set_model (self->subject_dropdown, G_LIST_MODEL (labels));
}

static void
setup_models (PbWebhooksPage *self)
{
  GListModel *webhooks = pb_account_session_get_webhooks (self->session);
  g_autoptr(GtkSingleSelection) selection = NULL;

  /* Sorted first and filtered last: a search only refilters the order the
   * list already has, where the other way round every row a search brought
   * back would be sorted again. */
  self->sort_model = gtk_sort_list_model_new (g_object_ref (webhooks),
                                              g_object_ref (gtk_column_view_get_sorter (
                                                self->column_view)));
  self->filter = gtk_custom_filter_new (filter_webhook, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (webhooks, "items-changed",
                           G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);

  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect_swapped (webhooks, "items-changed", G_CALLBACK (on_webhooks_changed), self);
  on_webhooks_changed (self, 0, 0, g_list_model_get_n_items (webhooks), webhooks);
}

static void
add_shortcuts (PbWebhooksPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  const struct { const char *trigger; const char *action; } shortcuts[] = {
    { "<Control>n", "webhooks.new" },
    { "<Control>r", "webhooks.refresh" },
    { "F5", "webhooks.refresh" },
    { "<Control>f", "webhooks.search" },
  };

  /* Managed, so the window runs them wherever the focus is. */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (
                                                              shortcuts[i].trigger),
                                                            gtk_named_action_new (
                                                              shortcuts[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
pb_webhooks_page_constructed (GObject *object)
{
  PbWebhooksPage *self = PB_WEBHOOKS_PAGE (object);
  PbAccount *account;

  G_OBJECT_CLASS (pb_webhooks_page_parent_class)->constructed (object);

  g_assert (self->session != NULL);

  /* The session learns the events its webhooks use into its own catalog. */
  g_object_get (self->session, "catalog", &self->catalog, NULL);
  if (self->catalog == NULL)
    self->catalog = g_object_ref (pb_catalog_get_default ());

  account = pb_account_session_get_account (self->session);
  adw_window_title_set_subtitle (self->window_title, pb_account_get_display_name (account));

  setup_subjects (self);
  setup_columns (self);
  setup_models (self);

  g_signal_connect_object (self->session, "notify::syncing",
                           G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::offline",
                           G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::last-sync",
                           G_CALLBACK (forget_haystacks), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::last-sync",
                           G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::last-error",
                           G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  update_status (self);
}

/* The first refresh */

static void
cancel_first_refresh (PbWebhooksPage *self)
{
  if (self->after_paint_id != 0)
    g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);
}

static void
on_first_paint (GdkFrameClock  *frame_clock,
                PbWebhooksPage *self)
{
  cancel_first_refresh (self);
  if (!self->refreshed)
    gtk_widget_activate_action (GTK_WIDGET (self), "webhooks.refresh", NULL);
}

/* After the frame that shows the cached webhooks, so that they appear at
 * once instead of after the work of starting a sync. */
static void
refresh_after_first_paint (PbWebhooksPage *self)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->refreshed || self->after_paint_id != 0)
    return;

  if (frame_clock == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "webhooks.refresh", NULL);
      return;
    }

  self->frame_clock = g_object_ref (frame_clock);
  self->after_paint_id = g_signal_connect (frame_clock, "after-paint",
                                           G_CALLBACK (on_first_paint), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pb_webhooks_page_map (GtkWidget *widget)
{
  PbWebhooksPage *self = PB_WEBHOOKS_PAGE (widget);

  GTK_WIDGET_CLASS (pb_webhooks_page_parent_class)->map (widget);

  update_status (self);
  if (self->clock_id == 0)
    self->clock_id = g_timeout_add_seconds (60, on_clock_tick, self);

  refresh_after_first_paint (self);
}

static void
pb_webhooks_page_unmap (GtkWidget *widget)
{
  PbWebhooksPage *self = PB_WEBHOOKS_PAGE (widget);

  g_clear_handle_id (&self->clock_id, g_source_remove);
  cancel_first_refresh (self);

  GTK_WIDGET_CLASS (pb_webhooks_page_parent_class)->unmap (widget);
}

static void
pb_webhooks_page_dispose (GObject *object)
{
  PbWebhooksPage *self = PB_WEBHOOKS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  cancel_first_refresh (self);
  g_clear_handle_id (&self->refilter_id, g_source_remove);
  unwatch_webhooks (self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_WEBHOOKS_PAGE);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sort_model);
  g_clear_pointer (&self->texts, g_hash_table_unref);

  G_OBJECT_CLASS (pb_webhooks_page_parent_class)->dispose (object);
}

static void
pb_webhooks_page_finalize (GObject *object)
{
  PbWebhooksPage *self = PB_WEBHOOKS_PAGE (object);

  g_clear_object (&self->session);
  g_clear_object (&self->receiver);
  g_clear_object (&self->catalog);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->deleted, g_hash_table_unref);
  g_clear_pointer (&self->subjects, g_ptr_array_unref);
  g_clear_pointer (&self->search_words, g_strfreev);

  G_OBJECT_CLASS (pb_webhooks_page_parent_class)->finalize (object);
}

static void
pb_webhooks_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbWebhooksPage *self = PB_WEBHOOKS_PAGE (object);

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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_webhooks_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PbWebhooksPage *self = PB_WEBHOOKS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_RECEIVER:
      self->receiver = g_value_dup_object (value);
      break;

    case PROP_SHOW_BACK_BUTTON:
      pb_webhooks_page_set_show_back_button (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "webhooks.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "webhooks.bulk-create", NULL,
                                   bulk_create_action);
  gtk_widget_class_install_action (widget_class, "webhooks.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "webhooks.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "webhooks.sort-by", "s", sort_action);
  gtk_widget_class_install_action (widget_class, "webhooks.edit", "x", edit_action);
  pb_webhooks_page_install_item_actions (widget_class);
}

static void
pb_webhooks_page_class_init (PbWebhooksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pb_webhooks_page_constructed;
  object_class->dispose = pb_webhooks_page_dispose;
  object_class->finalize = pb_webhooks_page_finalize;
  object_class->get_property = pb_webhooks_page_get_property;
  object_class->set_property = pb_webhooks_page_set_property;
  widget_class->map = pb_webhooks_page_map;
  widget_class->unmap = pb_webhooks_page_unmap;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, PB_TYPE_ACCOUNT_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RECEIVER] =
    g_param_spec_object ("receiver", NULL, NULL, PB_TYPE_RECEIVER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  install_actions (widget_class);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               PB_RESOURCE_PREFIX "/ui/pb-webhooks-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, subject_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, status_revealer);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, event_column);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, url_column);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, active_column);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, menu_column);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, sync_label);
  gtk_widget_class_bind_template_child (widget_class, PbWebhooksPage, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
}

static void
pb_webhooks_page_init (PbWebhooksPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->deleted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->texts = g_hash_table_new_full (NULL, NULL, g_object_unref, webhook_text_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  pb_accessible_name_buttons (GTK_WIDGET (self));

  /* The entry sits in a box beside the filters, where the bar cannot find
   * it: typing to search and Escape to close need it named. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  add_shortcuts (self);
}

/**
 * pb_webhooks_page_new:
 * @session: the account whose webhooks the page shows
 * @receiver: (nullable): the receiver that "Deliver to Patchbay" points at
 *
 * Returns: (transfer floating): a new page
 */
GtkWidget *
pb_webhooks_page_new (PbAccountSession *session,
                      PbReceiver       *receiver)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (session), NULL);
  g_return_val_if_fail (receiver == NULL || PB_IS_RECEIVER (receiver), NULL);

  return g_object_new (PB_TYPE_WEBHOOKS_PAGE,
                       "session", session,
                       "receiver", receiver,
                       NULL);
}

/**
 * pb_webhooks_page_get_session:
 * @self: a #PbWebhooksPage
 *
 * Returns: (transfer none): the account the page shows
 */
PbAccountSession *
pb_webhooks_page_get_session (PbWebhooksPage *self)
{
  g_return_val_if_fail (PB_IS_WEBHOOKS_PAGE (self), NULL);

  return self->session;
}

/**
 * pb_webhooks_page_get_receiver:
 * @self: a #PbWebhooksPage
 *
 * Returns: (transfer none) (nullable): the receiver new webhooks can point at
 */
PbReceiver *
pb_webhooks_page_get_receiver (PbWebhooksPage *self)
{
  g_return_val_if_fail (PB_IS_WEBHOOKS_PAGE (self), NULL);

  return self->receiver;
}

/**
 * pb_webhooks_page_get_model:
 * @self: a #PbWebhooksPage
 *
 * Returns: (transfer none): the webhooks the page shows, searched, filtered
 *   and sorted as the user chose
 */
GListModel *
pb_webhooks_page_get_model (PbWebhooksPage *self)
{
  g_return_val_if_fail (PB_IS_WEBHOOKS_PAGE (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

gboolean
pb_webhooks_page_get_show_back_button (PbWebhooksPage *self)
{
  g_return_val_if_fail (PB_IS_WEBHOOKS_PAGE (self), FALSE);

  return self->show_back_button;
}

void
pb_webhooks_page_set_show_back_button (PbWebhooksPage *self,
                                       gboolean        show_back_button)
{
  g_return_if_fail (PB_IS_WEBHOOKS_PAGE (self));

  show_back_button = !!show_back_button;
  if (self->show_back_button == show_back_button)
    return;

  self->show_back_button = show_back_button;
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show_back_button);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BACK_BUTTON]);
}

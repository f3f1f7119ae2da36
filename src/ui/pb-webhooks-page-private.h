/* pb-webhooks-page-private.h: what the webhooks page's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pb-webhooks-page.h"

G_BEGIN_DECLS

struct _PbWebhooksPage
{
  AdwBin              parent_instance;

  /* Owned */
  PbAccountSession   *session;
  PbReceiver         *receiver;
  PbCatalog          *catalog;
  GCancellable       *cancellable;
  GHashTable         *deleted;
  GPtrArray          *subjects;
  GStrv               search_words;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GPtrArray          *watched;
  GHashTable         *texts;
  GdkFrameClock      *frame_clock;
  gulong              after_paint_id;
  guint               clock_id;
  guint               refilter_id;
  gboolean            refilter_pending;
  gboolean            resort_pending;
  gboolean            show_back_button;
  gboolean            refreshed;

  /* Template children */
  AdwWindowTitle     *window_title;
  GtkButton          *back_button;
  GtkStack           *refresh_stack;
  GtkSpinner         *refresh_spinner;
  GtkToggleButton    *search_button;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *subject_dropdown;
  GtkDropDown        *state_dropdown;
  GtkRevealer        *status_revealer;
  GtkImage           *status_icon;
  GtkLabel           *status_label;
  AdwToastOverlay    *toast_overlay;
  GtkStack           *stack;
  GtkSpinner         *loading_spinner;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *event_column;
  GtkColumnViewColumn *url_column;
  GtkColumnViewColumn *active_column;
  GtkColumnViewColumn *menu_column;
  GtkSpinner         *sync_spinner;
  GtkLabel           *sync_label;
  GtkLabel           *count_label;
};

void       pb_webhooks_page_add_toast            (PbWebhooksPage *self,
                                                  AdwToast       *toast);
PbWebhook *pb_webhooks_page_find_webhook         (PbWebhooksPage *self,
                                                  gint64          webhook_id);
void       pb_webhooks_page_queue_refilter       (PbWebhooksPage *self,
                                                  gboolean        resort);

/* pb-webhooks-page-actions.c */
void       pb_webhooks_page_install_item_actions (GtkWidgetClass *widget_class);
void       pb_webhooks_page_setup_switch         (PbWebhooksPage *self,
                                                  GtkListItem    *item);

G_END_DECLS

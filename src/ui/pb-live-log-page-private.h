/* pb-live-log-page-private.h: what the live log page's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pb-live-log-page.h"

G_BEGIN_DECLS

struct _PbLiveLogPage
{
  AdwBin               parent_instance;

  PbAccountSession    *session;
  PbReceiver          *receiver;
  PbStore             *store;
  PbCatalog           *catalog;
  PbDeliveryList      *deliveries;
  GtkSingleSelection  *selection;
  PbDeliveryDetail    *detail;
  char                *inbox_token;
  /* The raw event behind each entry of the event dropdown; NULL for "all" */
  GPtrArray           *events;
  gboolean             show_back_button;
  gboolean             follow_latest;
  gboolean             loading_older;

  /* Deliveries received since the start of today_start's day */
  gint64               today_start;
  guint                today_count;
  guint                today_id;

  /* Template children */
  AdwWindowTitle      *window_title;
  GtkWidget           *back_button;
  GtkToggleButton     *search_button;
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *event_dropdown;
  GtkDropDown         *subject_dropdown;
  GtkDropDown         *range_dropdown;
  AdwToastOverlay     *toast_overlay;
  AdwLeaflet          *leaflet;
  GtkWidget           *list_pane;
  GtkWidget           *receiver_list;
  AdwActionRow        *listening_row;
  GtkWidget           *listening_icon;
  GtkButton           *listen_button;
  AdwEntryRow         *public_url_row;
  AdwActionRow        *hook_url_row;
  GtkButton           *pending_button;
  GtkStack            *list_stack;
  GtkScrolledWindow   *list_scroller;
  GtkListView         *list_view;
  AdwStatusPage       *empty_page;
  GtkWidget           *detail_pane;
  GtkWidget           *detail_back_button;
};

void    pb_live_log_page_show_toast      (PbLiveLogPage  *self,
                                          const char     *title);
gint64  pb_live_log_page_get_account_id  (PbLiveLogPage  *self);
char   *pb_live_log_page_dup_hook_url    (PbLiveLogPage  *self);

/* pb-live-log-page-actions.c */
void    pb_live_log_page_install_actions (GtkWidgetClass *widget_class);
void    pb_live_log_page_add_shortcuts   (PbLiveLogPage  *self);

G_END_DECLS

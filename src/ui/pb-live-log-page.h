/* pb-live-log-page.h: deliveries as they arrive, with the receiver's state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pb-account-session.h"
#include "pb-delivery-detail.h"
#include "pb-delivery-list.h"
#include "pb-receiver.h"

G_BEGIN_DECLS

#define PB_TYPE_LIVE_LOG_PAGE (pb_live_log_page_get_type ())

G_DECLARE_FINAL_TYPE (PbLiveLogPage, pb_live_log_page, PB, LIVE_LOG_PAGE, AdwBin)

/*
 * Actions: "live-log.search" (Ctrl+F), "live-log.pause" (Ctrl+P, toggles),
 * "live-log.follow" (toggles scrolling to each new row),
 * "live-log.clear" (Ctrl+L, asks first), "live-log.resume",
 * "live-log.toggle-listening", "live-log.copy-hook-url",
 * "live-log.copy-public-url".
 * Properties: "session", "receiver" (nullable), "show-back-button",
 * "paused", "follow-latest".
 */
GtkWidget        *pb_live_log_page_new                  (PbAccountSession *session,
                                                         PbReceiver       *receiver);
PbAccountSession *pb_live_log_page_get_session          (PbLiveLogPage    *self);
PbReceiver       *pb_live_log_page_get_receiver         (PbLiveLogPage    *self);
gboolean          pb_live_log_page_get_show_back_button (PbLiveLogPage    *self);
void              pb_live_log_page_set_show_back_button (PbLiveLogPage    *self,
                                                         gboolean          show_back_button);
gboolean          pb_live_log_page_get_paused           (PbLiveLogPage    *self);
void              pb_live_log_page_set_paused           (PbLiveLogPage    *self,
                                                         gboolean          paused);
gboolean          pb_live_log_page_get_follow_latest    (PbLiveLogPage    *self);
void              pb_live_log_page_set_follow_latest    (PbLiveLogPage    *self,
                                                         gboolean          follow_latest);
PbDeliveryList   *pb_live_log_page_get_deliveries       (PbLiveLogPage    *self);
PbDeliveryDetail *pb_live_log_page_get_detail           (PbLiveLogPage    *self);
gboolean          pb_live_log_page_select               (PbLiveLogPage    *self,
                                                         guint             position);

G_END_DECLS

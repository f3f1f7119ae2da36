/* pb-webhooks-page.h: the list of an account's webhooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pb-account-session.h"
#include "pb-receiver.h"

G_BEGIN_DECLS

#define PB_TYPE_WEBHOOKS_PAGE (pb_webhooks_page_get_type ())

G_DECLARE_FINAL_TYPE (PbWebhooksPage, pb_webhooks_page, PB, WEBHOOKS_PAGE, AdwBin)

GtkWidget        *pb_webhooks_page_new                (PbAccountSession *session,
                                                       PbReceiver       *receiver);
PbAccountSession *pb_webhooks_page_get_session        (PbWebhooksPage   *self);
PbReceiver       *pb_webhooks_page_get_receiver       (PbWebhooksPage   *self);
GListModel       *pb_webhooks_page_get_model          (PbWebhooksPage   *self);
gboolean          pb_webhooks_page_get_show_back_button (PbWebhooksPage *self);
void              pb_webhooks_page_set_show_back_button (PbWebhooksPage *self,
                                                         gboolean        show_back_button);

G_END_DECLS

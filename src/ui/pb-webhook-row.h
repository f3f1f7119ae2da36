/* pb-webhook-row.h: the cells of one webhook in the webhooks list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pb-account-session.h"
#include "pb-catalog.h"

G_BEGIN_DECLS

typedef enum
{
  PB_WEBHOOK_COLUMN_NAME,
  PB_WEBHOOK_COLUMN_EVENT,
  PB_WEBHOOK_COLUMN_TARGET_URL,
  PB_WEBHOOK_COLUMN_ACTIVE,
  PB_WEBHOOK_COLUMN_MENU,
} PbWebhookColumn;

GtkListItemFactory *pb_webhook_row_factory_new (PbWebhookColumn   column,
                                                PbAccountSession *session,
                                                PbCatalog        *catalog);
PbWebhook          *pb_webhook_row_get_webhook (GtkWidget        *cell);

G_END_DECLS

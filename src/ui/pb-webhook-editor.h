/* pb-webhook-editor.h: the dialog that creates or edits one webhook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pb-account-session.h"
#include "pb-catalog.h"
#include "pb-receiver.h"
#include "pb-webhook.h"

G_BEGIN_DECLS

#define PB_TYPE_WEBHOOK_EDITOR (pb_webhook_editor_get_type ())

G_DECLARE_FINAL_TYPE (PbWebhookEditor, pb_webhook_editor, PB, WEBHOOK_EDITOR, AdwWindow)

/*
 * Signals:
 *   "saved" (PbWebhook *webhook): Current RMS accepted the webhook, as it now
 *   is; the editor closes itself right after.
 */
PbWebhookEditor *pb_webhook_editor_new         (PbAccountSession *session,
                                                PbReceiver       *receiver,
                                                PbWebhook        *webhook);
PbAccountSession *pb_webhook_editor_get_session (PbWebhookEditor *self);
PbWebhook       *pb_webhook_editor_get_webhook (PbWebhookEditor  *self);
void             pb_webhook_editor_set_event   (PbWebhookEditor  *self,
                                                const char       *event);
gboolean         pb_webhook_editor_get_saving  (PbWebhookEditor  *self);

G_END_DECLS

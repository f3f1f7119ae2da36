/* pb-webhook.h: one Current RMS webhook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * PbWebhookFields:
 *
 * The attributes a request sends; an update sends only those that changed.
 */
typedef enum
{
  PB_WEBHOOK_FIELD_NAME       = 1 << 0,
  PB_WEBHOOK_FIELD_EVENT      = 1 << 1,
  PB_WEBHOOK_FIELD_TARGET_URL = 1 << 2,
  PB_WEBHOOK_FIELD_ACTIVE     = 1 << 3,
  PB_WEBHOOK_FIELD_ALL        = 0xf,
} PbWebhookFields;

#define PB_TYPE_WEBHOOK (pb_webhook_get_type ())

G_DECLARE_FINAL_TYPE (PbWebhook, pb_webhook, PB, WEBHOOK, GObject)

PbWebhook       *pb_webhook_new                  (const char      *name,
                                                  const char      *event,
                                                  const char      *target_url,
                                                  gboolean         active);
PbWebhook       *pb_webhook_new_from_json        (JsonNode        *node,
                                                  GError         **error);
PbWebhook       *pb_webhook_copy                 (PbWebhook       *self);
gint64           pb_webhook_get_id               (PbWebhook       *self);
void             pb_webhook_set_id               (PbWebhook       *self,
                                                  gint64           id);
const char      *pb_webhook_get_name             (PbWebhook       *self);
void             pb_webhook_set_name             (PbWebhook       *self,
                                                  const char      *name);
const char      *pb_webhook_get_event            (PbWebhook       *self);
void             pb_webhook_set_event            (PbWebhook       *self,
                                                  const char      *event);
const char      *pb_webhook_get_target_url       (PbWebhook       *self);
void             pb_webhook_set_target_url       (PbWebhook       *self,
                                                  const char      *target_url);
gboolean         pb_webhook_get_active           (PbWebhook       *self);
void             pb_webhook_set_active           (PbWebhook       *self,
                                                  gboolean         active);
JsonObject      *pb_webhook_get_extra            (PbWebhook       *self);
void             pb_webhook_set_extra            (PbWebhook       *self,
                                                  JsonObject      *extra);
JsonNode        *pb_webhook_to_json              (PbWebhook       *self);
JsonNode        *pb_webhook_to_request           (PbWebhook       *self,
                                                  PbWebhookFields  fields);
PbWebhookFields  pb_webhook_diff                 (PbWebhook       *self,
                                                  PbWebhook       *other);
gboolean         pb_webhook_validate             (PbWebhook       *self,
                                                  GHashTable     **field_messages);
gboolean         pb_webhook_check_target_url     (const char      *url,
                                                  char           **warning,
                                                  GError         **error);
char            *pb_webhook_dup_redacted_url     (const char      *url);

G_END_DECLS

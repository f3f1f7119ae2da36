/* pb-simulator.h: an in-process stand-in for the Current RMS API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pb-webhook.h"

G_BEGIN_DECLS

/**
 * PbSimFault:
 * @PB_SIM_FAULT_NONE: answer normally
 * @PB_SIM_FAULT_UNAUTHORIZED: 401 with an error body
 * @PB_SIM_FAULT_API_DISABLED: 403, as an account whose API is switched off
 * @PB_SIM_FAULT_NOT_FOUND: 404
 * @PB_SIM_FAULT_VALIDATION: 422 with field errors
 * @PB_SIM_FAULT_RATE_LIMITED: 429 with a Retry-After header
 * @PB_SIM_FAULT_SERVER_ERROR: 500
 * @PB_SIM_FAULT_BAD_GATEWAY: 502 with an HTML page, as a proxy answers
 * @PB_SIM_FAULT_HTML_PAGE: 200 with an HTML page instead of JSON
 * @PB_SIM_FAULT_MALFORMED_JSON: 200 with a truncated JSON body
 * @PB_SIM_FAULT_SLOW: answer only after the slow delay
 * @PB_SIM_FAULT_DROP_CONNECTION: close the connection without an answer
 *
 * Faults that the simulator injects into the next API requests.
 */
typedef enum
{
  PB_SIM_FAULT_NONE,
  PB_SIM_FAULT_UNAUTHORIZED,
  PB_SIM_FAULT_API_DISABLED,
  PB_SIM_FAULT_NOT_FOUND,
  PB_SIM_FAULT_VALIDATION,
  PB_SIM_FAULT_RATE_LIMITED,
  PB_SIM_FAULT_SERVER_ERROR,
  PB_SIM_FAULT_BAD_GATEWAY,
  PB_SIM_FAULT_HTML_PAGE,
  PB_SIM_FAULT_MALFORMED_JSON,
  PB_SIM_FAULT_SLOW,
  PB_SIM_FAULT_DROP_CONNECTION,
} PbSimFault;

#define PB_TYPE_SIMULATOR (pb_simulator_get_type ())

G_DECLARE_FINAL_TYPE (PbSimulator, pb_simulator, PB, SIMULATOR, GObject)

/*
 * Signals:
 *   "delivery-attempted" (const char *redacted_url, guint status, guint attempt):
 *     a POST of an action to a webhook's target URL finished; status 0 when the
 *     connection failed.
 *   "request" (const char *method, const char *path, guint status): an API
 *     request was answered.
 */
PbSimulator *pb_simulator_new                (const char   *subdomain,
                                              const char   *api_key);
gboolean     pb_simulator_start              (PbSimulator  *self,
                                              GError      **error);
void         pb_simulator_stop               (PbSimulator  *self);
gboolean     pb_simulator_get_running        (PbSimulator  *self);
char        *pb_simulator_dup_api_base       (PbSimulator  *self);
guint        pb_simulator_get_port           (PbSimulator  *self);
void         pb_simulator_set_latency        (PbSimulator  *self,
                                              guint         latency_ms);
void         pb_simulator_set_slow_delay     (PbSimulator  *self,
                                              guint         delay_ms);
void         pb_simulator_inject_fault       (PbSimulator  *self,
                                              PbSimFault    fault,
                                              guint         count);
void         pb_simulator_set_retry_after    (PbSimulator  *self,
                                              guint         seconds);
guint        pb_simulator_get_request_count  (PbSimulator  *self);
guint        pb_simulator_count_requests     (PbSimulator  *self,
                                              const char   *method);

PbWebhook   *pb_simulator_add_webhook        (PbSimulator  *self,
                                              const char   *name,
                                              const char   *event,
                                              const char   *target_url,
                                              gboolean      active);
GPtrArray   *pb_simulator_list_webhooks      (PbSimulator  *self);
PbWebhook   *pb_simulator_lookup_webhook     (PbSimulator  *self,
                                              gint64        webhook_id);
void         pb_simulator_clear_webhooks     (PbSimulator  *self);
void         pb_simulator_add_sample_webhooks (PbSimulator *self,
                                               const char  *target_base);

JsonNode    *pb_simulator_build_action       (PbSimulator  *self,
                                              const char   *event,
                                              gint64        subject_id);
guint        pb_simulator_fire_event         (PbSimulator  *self,
                                              const char   *event,
                                              gint64        subject_id);
void         pb_simulator_set_delivery_retry_delays (PbSimulator *self,
                                                     const guint *delays_ms,
                                                     guint        n_delays);
guint        pb_simulator_get_pending_deliveries (PbSimulator *self);
void         pb_simulator_start_scenario     (PbSimulator  *self,
                                              guint         interval_ms);
void         pb_simulator_stop_scenario      (PbSimulator  *self);

G_END_DECLS

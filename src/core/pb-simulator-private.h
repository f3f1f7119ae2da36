/* pb-simulator-private.h: what the simulator's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pb-simulator.h"

G_BEGIN_DECLS

#define PB_SIMULATOR_API_PREFIX "/api/v1"

typedef struct
{
  PbWebhook *webhook;
  char      *created_at;
  char      *updated_at;
} SimHook;

struct _PbSimulator
{
  GObject       parent_instance;

  char         *subdomain;
  char         *api_key;

  SoupServer   *server;
  guint         port;
  gboolean      running;
  GHashTable   *paused;

  guint         latency_ms;
  guint         slow_delay_ms;
  guint         retry_after;
  PbSimFault    fault;
  guint         fault_count;
  guint         request_count;
  GHashTable   *method_counts;

  GPtrArray    *hooks;
  gint64        next_webhook_id;

  SoupSession  *delivery_session;
  GCancellable *delivery_cancellable;
  GArray       *retry_delays;
  GPtrArray    *deliveries;

  GRand        *rand;
  gint64        next_action_id;
  guint         scenario_interval_ms;
  guint         scenario_source;
};

enum {
  PB_SIMULATOR_REQUEST,
  PB_SIMULATOR_DELIVERY_ATTEMPTED,
  PB_SIMULATOR_N_SIGNALS
};

extern guint pb_simulator_signals[PB_SIMULATOR_N_SIGNALS];

SimHook  *pb_simulator_add_hook     (PbSimulator       *self,
                                     PbWebhook         *webhook);
SimHook  *pb_simulator_find_hook    (PbSimulator       *self,
                                     gint64             webhook_id,
                                     guint             *index);
void      pb_simulator_handle_api   (PbSimulator       *self,
                                     SoupServerMessage *message,
                                     const char        *path,
                                     GHashTable        *query);
void      pb_simulator_answer_fault (PbSimulator       *self,
                                     SoupServerMessage *message,
                                     PbSimFault         fault);

void      pb_simulator_init_deliveries (PbSimulator *self);
void      pb_simulator_drop_deliveries (PbSimulator *self);

char     *pb_simulator_format_time  (GDateTime  *time);
JsonNode *pb_simulator_action_build (GRand      *rand,
                                     gint64      action_id,
                                     const char *event,
                                     gint64      subject_id);

G_END_DECLS

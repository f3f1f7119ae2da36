/* pb-demo.h: the built-in demo account, run on the simulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pb-account.h"
#include "pb-client.h"
#include "pb-receiver.h"
#include "pb-simulator.h"
#include "pb-store.h"

G_BEGIN_DECLS

#define PB_DEMO_API_KEY "demo-key-not-secret"

#define PB_TYPE_DEMO (pb_demo_get_type ())

G_DECLARE_FINAL_TYPE (PbDemo, pb_demo, PB, DEMO, GObject)

/*
 * The demo account is an ordinary account row flagged as demo, whose API base
 * points at a simulator started in this process. Its sample webhooks deliver
 * to the receiver, so that the live log fills while the demo runs.
 */
PbDemo      *pb_demo_new            (PbStore       *store,
                                     PbReceiver    *receiver);
gboolean     pb_demo_start          (PbDemo        *self,
                                     GError       **error);
void         pb_demo_stop           (PbDemo        *self);
PbAccount   *pb_demo_get_account    (PbDemo        *self);
PbSimulator *pb_demo_get_simulator  (PbDemo        *self);
PbClient    *pb_demo_create_client  (PbDemo        *self,
                                     SoupSession   *session);
void         pb_demo_set_scenario_interval (PbDemo *self,
                                            guint   interval_ms);

G_END_DECLS

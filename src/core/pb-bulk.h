/* pb-bulk.h: planning and creating many webhooks to one target at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pb-account-session.h"
#include "pb-catalog.h"

G_BEGIN_DECLS

/**
 * PbBulkAction:
 * @PB_BULK_ACTION_CREATE: the run creates a webhook for the item
 * @PB_BULK_ACTION_SKIP: the item is left out; see pb_bulk_item_get_skip_reason()
 *
 * What a plan does with one event.
 */
typedef enum
{
  PB_BULK_ACTION_CREATE,
  PB_BULK_ACTION_SKIP,
} PbBulkAction;

/**
 * PbBulkState:
 * @PB_BULK_STATE_PENDING: not created yet
 * @PB_BULK_STATE_RUNNING: its request is in flight
 * @PB_BULK_STATE_DONE: created; see pb_bulk_item_get_webhook_id()
 * @PB_BULK_STATE_FAILED: the request failed; see pb_bulk_item_get_error_message()
 * @PB_BULK_STATE_SKIPPED: never sent, as planned
 *
 * Where one item of a plan stands.
 */
typedef enum
{
  PB_BULK_STATE_PENDING,
  PB_BULK_STATE_RUNNING,
  PB_BULK_STATE_DONE,
  PB_BULK_STATE_FAILED,
  PB_BULK_STATE_SKIPPED,
} PbBulkState;

/* The pause between two requests of a run unless pb_bulk_plan_set_pause() says otherwise. */
#define PB_BULK_DEFAULT_PAUSE_MS 200

#define PB_TYPE_BULK_ACTION (pb_bulk_action_get_type ())
#define PB_TYPE_BULK_STATE (pb_bulk_state_get_type ())

GType pb_bulk_action_get_type (void) G_GNUC_CONST;
GType pb_bulk_state_get_type  (void) G_GNUC_CONST;

#define PB_TYPE_BULK_ITEM (pb_bulk_item_get_type ())

G_DECLARE_FINAL_TYPE (PbBulkItem, pb_bulk_item, PB, BULK_ITEM, GObject)

const char   *pb_bulk_item_get_event         (PbBulkItem *self);
PbEventInfo  *pb_bulk_item_get_info          (PbBulkItem *self);
const char   *pb_bulk_item_get_name          (PbBulkItem *self);
PbBulkAction  pb_bulk_item_get_action        (PbBulkItem *self);
const char   *pb_bulk_item_get_skip_reason   (PbBulkItem *self);
PbBulkState   pb_bulk_item_get_state         (PbBulkItem *self);
const char   *pb_bulk_item_get_error_message (PbBulkItem *self);
gint64        pb_bulk_item_get_webhook_id    (PbBulkItem *self);

#define PB_TYPE_BULK_PLAN (pb_bulk_plan_get_type ())

G_DECLARE_FINAL_TYPE (PbBulkPlan, pb_bulk_plan, PB, BULK_PLAN, GObject)

const char *pb_bulk_default_name_template (void);
char       *pb_bulk_format_name           (const char          *name_template,
                                           PbEventInfo         *info);

PbBulkPlan *pb_bulk_plan_new              (PbAccountSession    *session,
                                           const char * const  *events,
                                           const char          *target_url,
                                           const char          *name_template,
                                           gboolean             active);
PbAccountSession *pb_bulk_plan_get_session (PbBulkPlan         *self);
GListModel *pb_bulk_plan_get_items        (PbBulkPlan          *self);
const char *pb_bulk_plan_get_target_url   (PbBulkPlan          *self);
gboolean    pb_bulk_plan_get_active       (PbBulkPlan          *self);
guint       pb_bulk_plan_get_n_create     (PbBulkPlan          *self);
guint       pb_bulk_plan_get_n_skip       (PbBulkPlan          *self);
guint       pb_bulk_plan_get_n_done       (PbBulkPlan          *self);
guint       pb_bulk_plan_get_n_failed     (PbBulkPlan          *self);
double      pb_bulk_plan_get_fraction     (PbBulkPlan          *self);
gboolean    pb_bulk_plan_get_running      (PbBulkPlan          *self);
guint       pb_bulk_plan_get_pause        (PbBulkPlan          *self);
void        pb_bulk_plan_set_pause        (PbBulkPlan          *self,
                                           guint                pause_ms);
char       *pb_bulk_plan_dup_summary      (PbBulkPlan          *self);

void        pb_bulk_plan_run_async        (PbBulkPlan          *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    pb_bulk_plan_run_finish       (PbBulkPlan          *self,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS

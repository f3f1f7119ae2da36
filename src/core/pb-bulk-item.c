/* pb-bulk-item.c: one event of a bulk creation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-bulk"

#include "config.h"

#include "pb-bulk-private.h"

G_DEFINE_ENUM_TYPE (PbBulkAction, pb_bulk_action,
                    G_DEFINE_ENUM_VALUE (PB_BULK_ACTION_CREATE, "create"),
                    G_DEFINE_ENUM_VALUE (PB_BULK_ACTION_SKIP, "skip"))

G_DEFINE_ENUM_TYPE (PbBulkState, pb_bulk_state,
                    G_DEFINE_ENUM_VALUE (PB_BULK_STATE_PENDING, "pending"),
                    G_DEFINE_ENUM_VALUE (PB_BULK_STATE_RUNNING, "running"),
                    G_DEFINE_ENUM_VALUE (PB_BULK_STATE_DONE, "done"),
                    G_DEFINE_ENUM_VALUE (PB_BULK_STATE_FAILED, "failed"),
                    G_DEFINE_ENUM_VALUE (PB_BULK_STATE_SKIPPED, "skipped"))

G_DEFINE_FINAL_TYPE (PbBulkItem, pb_bulk_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_EVENT,
  ITEM_PROP_INFO,
  ITEM_PROP_NAME,
  ITEM_PROP_ACTION,
  ITEM_PROP_SKIP_REASON,
  ITEM_PROP_STATE,
  ITEM_PROP_ERROR_MESSAGE,
  ITEM_PROP_WEBHOOK_ID,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
pb_bulk_item_finalize (GObject *object)
{
  PbBulkItem *self = (PbBulkItem *)object;

  g_clear_object (&self->info);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->skip_reason, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (pb_bulk_item_parent_class)->finalize (object);
}

static void
pb_bulk_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PbBulkItem *self = PB_BULK_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_EVENT:
      g_value_set_string (value, pb_bulk_item_get_event (self));
      break;

    case ITEM_PROP_INFO:
      g_value_set_object (value, self->info);
      break;

    case ITEM_PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case ITEM_PROP_ACTION:
      g_value_set_enum (value, self->action);
      break;

    case ITEM_PROP_SKIP_REASON:
      g_value_set_string (value, self->skip_reason);
      break;

    case ITEM_PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case ITEM_PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case ITEM_PROP_WEBHOOK_ID:
      g_value_set_int64 (value, self->webhook_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_bulk_item_class_init (PbBulkItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pb_bulk_item_finalize;
  object_class->get_property = pb_bulk_item_get_property;

  item_properties[ITEM_PROP_EVENT] =
    g_param_spec_string ("event", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_INFO] =
    g_param_spec_object ("info", NULL, NULL, PB_TYPE_EVENT_INFO, flags);
  item_properties[ITEM_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_ACTION] =
    g_param_spec_enum ("action", NULL, NULL, PB_TYPE_BULK_ACTION, PB_BULK_ACTION_CREATE, flags);
  item_properties[ITEM_PROP_SKIP_REASON] =
    g_param_spec_string ("skip-reason", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, PB_TYPE_BULK_STATE, PB_BULK_STATE_PENDING, flags);
  item_properties[ITEM_PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_WEBHOOK_ID] =
    g_param_spec_int64 ("webhook-id", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
pb_bulk_item_init (PbBulkItem *self)
{
}

PbBulkItem *
pb_bulk_item_new (PbEventInfo *info,
                  const char  *name,
                  const char  *skip_reason)
{
  PbBulkItem *self = g_object_new (PB_TYPE_BULK_ITEM, NULL);

  self->info = g_object_ref (info);
  self->name = g_strdup (name);
  self->skip_reason = g_strdup (skip_reason);
  self->action = skip_reason != NULL ? PB_BULK_ACTION_SKIP : PB_BULK_ACTION_CREATE;
  self->state = skip_reason != NULL ? PB_BULK_STATE_SKIPPED : PB_BULK_STATE_PENDING;

  return self;
}

/* The three attributes that a request changes move together, so that a
 * handler of "notify::state" already sees the outcome's message and id. */
void
pb_bulk_item_set_outcome (PbBulkItem  *self,
                          PbBulkState  state,
                          const char  *error_message,
                          gint64       webhook_id)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (g_strcmp0 (self->error_message, error_message) != 0)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (error_message);
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_ERROR_MESSAGE]);
    }

  if (self->webhook_id != webhook_id)
    {
      self->webhook_id = webhook_id;
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_WEBHOOK_ID]);
    }

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_STATE]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * pb_bulk_item_get_event:
 * @self: a #PbBulkItem
 *
 * Returns: the raw event string, such as "opportunity_create"
 */
const char *
pb_bulk_item_get_event (PbBulkItem *self)
{
  g_return_val_if_fail (PB_IS_BULK_ITEM (self), NULL);

  return pb_event_info_get_event (self->info);
}

/**
 * pb_bulk_item_get_info:
 * @self: a #PbBulkItem
 *
 * Returns: (transfer none): the event's description
 */
PbEventInfo *
pb_bulk_item_get_info (PbBulkItem *self)
{
  g_return_val_if_fail (PB_IS_BULK_ITEM (self), NULL);

  return self->info;
}

/**
 * pb_bulk_item_get_name:
 * @self: a #PbBulkItem
 *
 * Returns: the name the webhook gets
 */
const char *
pb_bulk_item_get_name (PbBulkItem *self)
{
  g_return_val_if_fail (PB_IS_BULK_ITEM (self), NULL);

  return self->name;
}

/**
 * pb_bulk_item_get_action:
 * @self: a #PbBulkItem
 *
 * Returns: whether the run creates a webhook for this event
 */
PbBulkAction
pb_bulk_item_get_action (PbBulkItem *self)
{
  g_return_val_if_fail (PB_IS_BULK_ITEM (self), PB_BULK_ACTION_SKIP);

  return self->action;
}

/**
 * pb_bulk_item_get_skip_reason:
 * @self: a #PbBulkItem
 *
 * Returns: (nullable): why the event is skipped, or %NULL when it is not
 */
const char *
pb_bulk_item_get_skip_reason (PbBulkItem *self)
{
  g_return_val_if_fail (PB_IS_BULK_ITEM (self), NULL);

  return self->skip_reason;
}

/**
 * pb_bulk_item_get_state:
 * @self: a #PbBulkItem
 *
 * Returns: where the item stands
 */
PbBulkState
pb_bulk_item_get_state (PbBulkItem *self)
{
  g_return_val_if_fail (PB_IS_BULK_ITEM (self), PB_BULK_STATE_PENDING);

  return self->state;
}

/**
 * pb_bulk_item_get_error_message:
 * @self: a #PbBulkItem
 *
 * Returns: (nullable): why the webhook could not be created, or %NULL
 */
const char *
pb_bulk_item_get_error_message (PbBulkItem *self)
{
  g_return_val_if_fail (PB_IS_BULK_ITEM (self), NULL);

  return self->error_message;
}

/**
 * pb_bulk_item_get_webhook_id:
 * @self: a #PbBulkItem
 *
 * Returns: the id of the webhook created, or 0 before then
 */
gint64
pb_bulk_item_get_webhook_id (PbBulkItem *self)
{
  g_return_val_if_fail (PB_IS_BULK_ITEM (self), 0);

  return self->webhook_id;
}

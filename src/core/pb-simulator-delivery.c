/* pb-simulator-delivery.c: the simulator's deliveries to webhook targets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-simulator"

#include "config.h"

#include "pb-simulator-private.h"

#define DELIVERY_TIMEOUT_S    15

/* Current RMS retries a failed delivery six times over about thirteen hours;
 * the same shape, scaled down to seconds, keeps the demo lively. */
static const guint default_retry_delays_ms[] = { 1000, 2000, 5000, 10000, 30000, 60000 };

/* One action on its way to one target URL, over its retries. */
typedef struct
{
  PbSimulator *self;
  char        *url;
  GBytes      *body;
  guint        attempt;
  guint        retry_source;
} Delivery;

static void
delivery_free (Delivery *delivery)
{
  g_clear_handle_id (&delivery->retry_source, g_source_remove);
  g_clear_pointer (&delivery->body, g_bytes_unref);
  g_free (delivery->url);
  g_free (delivery);
}

void
pb_simulator_init_deliveries (PbSimulator *self)
{
  g_autoptr(GProxyResolver) no_proxy = NULL;

  self->deliveries = g_ptr_array_new ();
  self->delivery_cancellable = g_cancellable_new ();
  self->retry_delays = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (self->retry_delays, default_retry_delays_ms,
                       G_N_ELEMENTS (default_retry_delays_ms));
  /* Deliveries only ever go to this machine, where no proxy belongs. */
  no_proxy = g_simple_proxy_resolver_new (NULL, NULL);
  self->delivery_session = soup_session_new_with_options ("timeout", DELIVERY_TIMEOUT_S,
                                                          "user-agent", "Patchbay-Simulator/"
                                                          PACKAGE_VERSION,
                                                          "proxy-resolver", no_proxy,
                                                          NULL);
}

/* Called from dispose, and safe to call twice. */
void
pb_simulator_drop_deliveries (PbSimulator *self)
{
  g_cancellable_cancel (self->delivery_cancellable);
  for (guint i = 0; self->deliveries != NULL && i < self->deliveries->len; i++)
    {
      Delivery *delivery = g_ptr_array_index (self->deliveries, i);

      /* A delivery in flight is freed by its own callback, once cancelled. */
      if (delivery->retry_source != 0)
        delivery_free (delivery);
      else
        delivery->self = NULL;
    }
  g_clear_pointer (&self->deliveries, g_ptr_array_unref);
  g_clear_object (&self->delivery_session);
}

/* Firing deliveries */

/**
 * pb_simulator_build_action:
 * @self: a #PbSimulator
 * @event: an event string such as "opportunity_convert_to_order"
 * @subject_id: the id of the record the action is about, or 0 for any
 *
 * Returns: (transfer full): a delivery body, `{"action": {...}}`, shaped as
 *   Current RMS sends it
 */
JsonNode *
pb_simulator_build_action (PbSimulator *self,
                           const char  *event,
                           gint64       subject_id)
{
  g_return_val_if_fail (PB_IS_SIMULATOR (self), NULL);
  g_return_val_if_fail (event != NULL, NULL);

  if (subject_id <= 0)
    subject_id = g_rand_int_range (self->rand, 1000, 9999);

  return pb_simulator_action_build (self->rand, self->next_action_id++, event, subject_id);
}

static gboolean
is_loopback_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GInetAddress) address = NULL;
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static void delivery_send (Delivery *delivery);

static void
delivery_finish (Delivery *delivery)
{
  g_ptr_array_remove (delivery->self->deliveries, delivery);
  delivery_free (delivery);
}

static gboolean
on_delivery_retry (gpointer user_data)
{
  Delivery *delivery = user_data;

  delivery->retry_source = 0;
  delivery_send (delivery);

  return G_SOURCE_REMOVE;
}

static void
on_delivery_sent (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Delivery *delivery = user_data;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbSimulator) self = NULL;
  g_autofree char *redacted = NULL;
  guint status;

  answer = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (delivery->self == NULL)
    {
      delivery_free (delivery);
      return;
    }

  self = g_object_ref (delivery->self);
  status = answer != NULL ? soup_message_get_status (message) : 0;
  redacted = pb_webhook_dup_redacted_url (delivery->url);
  g_debug ("Delivery to %s, attempt %u → %u", redacted, delivery->attempt, status);
  g_signal_emit (self, pb_simulator_signals[PB_SIMULATOR_DELIVERY_ATTEMPTED], 0, redacted, status,
                 delivery->attempt);

  if (delivery->self == NULL)
    delivery_free (delivery);
  else if (SOUP_STATUS_IS_SUCCESSFUL (status) || delivery->attempt > self->retry_delays->len)
    delivery_finish (delivery);
  else
    delivery->retry_source = g_timeout_add (g_array_index (self->retry_delays, guint,
                                                           delivery->attempt - 1),
                                            on_delivery_retry, delivery);
}

static void
delivery_send (Delivery *delivery)
{
  PbSimulator *self = delivery->self;
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_POST, delivery->url);

  delivery->attempt++;
  soup_message_set_request_body_from_bytes (message, "application/json", delivery->body);
  soup_session_send_and_read_async (self->delivery_session, message, G_PRIORITY_DEFAULT,
                                    self->delivery_cancellable, on_delivery_sent, delivery);
}

/**
 * pb_simulator_fire_event:
 * @self: a #PbSimulator
 * @event: an event string
 * @subject_id: the id of the record, or 0 for any
 *
 * Builds one action and POSTs it to every active webhook listening to
 * @event whose target is on this machine; failed deliveries are retried on
 * the delivery retry schedule. Targets elsewhere are skipped, so that the
 * simulator never sends anything off the machine.
 *
 * Returns: how many deliveries were started
 */
guint
pb_simulator_fire_event (PbSimulator *self,
                         const char  *event,
                         gint64       subject_id)
{
  g_autoptr(JsonNode) action = NULL;
  g_autoptr(GBytes) body = NULL;
  char *data;
  guint started = 0;

  g_return_val_if_fail (PB_IS_SIMULATOR (self), 0);
  g_return_val_if_fail (event != NULL, 0);

  action = pb_simulator_build_action (self, event, subject_id);
  data = json_to_string (action, FALSE);
  body = g_bytes_new_take (data, strlen (data));

  for (guint i = 0; i < self->hooks->len; i++)
    {
      PbWebhook *webhook = ((SimHook *)g_ptr_array_index (self->hooks, i))->webhook;
      const char *url = pb_webhook_get_target_url (webhook);
      Delivery *delivery;

      if (!pb_webhook_get_active (webhook) || !g_str_equal (pb_webhook_get_event (webhook), event))
        continue;

      if (!is_loopback_url (url) || !g_uri_is_valid (url, SOUP_HTTP_URI_FLAGS, NULL))
        {
          g_autofree char *redacted = pb_webhook_dup_redacted_url (url);

          g_debug ("Not delivering %s to %s, which is not on this machine", event, redacted);
          continue;
        }

      delivery = g_new0 (Delivery, 1);
      delivery->self = self;
      delivery->url = g_strdup (url);
      delivery->body = g_bytes_ref (body);
      g_ptr_array_add (self->deliveries, delivery);
      delivery_send (delivery);
      started++;
    }

  return started;
}

/**
 * pb_simulator_set_delivery_retry_delays:
 * @self: a #PbSimulator
 * @delays_ms: (array length=n_delays): the wait before each retry
 * @n_delays: how many retries a failed delivery gets
 */
void
pb_simulator_set_delivery_retry_delays (PbSimulator *self,
                                        const guint *delays_ms,
                                        guint        n_delays)
{
  g_return_if_fail (PB_IS_SIMULATOR (self));
  g_return_if_fail (delays_ms != NULL || n_delays == 0);

  g_array_set_size (self->retry_delays, 0);
  g_array_append_vals (self->retry_delays, delays_ms, n_delays);
}

/**
 * pb_simulator_get_pending_deliveries:
 * @self: a #PbSimulator
 *
 * Returns: how many deliveries are in flight or waiting for a retry
 */
guint
pb_simulator_get_pending_deliveries (PbSimulator *self)
{
  g_return_val_if_fail (PB_IS_SIMULATOR (self), 0);

  return self->deliveries->len;
}

/* Scenario */

static void schedule_scenario_tick (PbSimulator *self);

static gboolean
on_scenario_tick (gpointer user_data)
{
  PbSimulator *self = user_data;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();

  self->scenario_source = 0;

  for (guint i = 0; i < self->hooks->len; i++)
    {
      PbWebhook *webhook = ((SimHook *)g_ptr_array_index (self->hooks, i))->webhook;

      if (pb_webhook_get_active (webhook) && is_loopback_url (pb_webhook_get_target_url (webhook)))
        g_ptr_array_add (candidates, webhook);
    }

  if (candidates->len > 0)
    {
      PbWebhook *webhook = g_ptr_array_index (candidates,
                                              g_rand_int_range (self->rand, 0, candidates->len));

      pb_simulator_fire_event (self, pb_webhook_get_event (webhook),
                               g_rand_int_range (self->rand, 1000, 9999));
    }

  schedule_scenario_tick (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_scenario_tick (PbSimulator *self)
{
  /* Jitter of ±50 % makes the log look like real traffic, not a metronome. */
  double factor = g_rand_double_range (self->rand, 0.5, 1.5);
  guint delay = MAX ((guint)(self->scenario_interval_ms * factor), 1);

  self->scenario_source = g_timeout_add (delay, on_scenario_tick, self);
}

/**
 * pb_simulator_start_scenario:
 * @self: a #PbSimulator
 * @interval_ms: the mean time between two events, at least 1
 *
 * Fires, about every @interval_ms, an event that one of the active
 * webhooks listens to, until pb_simulator_stop_scenario().
 */
void
pb_simulator_start_scenario (PbSimulator *self,
                             guint        interval_ms)
{
  g_return_if_fail (PB_IS_SIMULATOR (self));
  g_return_if_fail (interval_ms > 0);

  pb_simulator_stop_scenario (self);
  self->scenario_interval_ms = interval_ms;
  schedule_scenario_tick (self);
}

void
pb_simulator_stop_scenario (PbSimulator *self)
{
  g_return_if_fail (PB_IS_SIMULATOR (self));

  g_clear_handle_id (&self->scenario_source, g_source_remove);
}

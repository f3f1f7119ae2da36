/* pb-simulator.c: an in-process stand-in for the Current RMS API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-simulator"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-error.h"
#include "pb-simulator.h"
#include "pb-simulator-private.h"

/* An answer held back by latency or a slow fault. */
typedef struct
{
  PbSimulator       *self;
  SoupServerMessage *message;
  char              *method;
  char              *path;
  guint              source_id;
} PausedAnswer;

G_DEFINE_FINAL_TYPE (PbSimulator, pb_simulator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SUBDOMAIN,
  PROP_API_KEY,
  PROP_RUNNING,
  PROP_PORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
guint pb_simulator_signals[PB_SIMULATOR_N_SIGNALS];

static void
sim_hook_free (SimHook *hook)
{
  g_clear_object (&hook->webhook);
  g_free (hook->created_at);
  g_free (hook->updated_at);
  g_free (hook);
}

static void
paused_answer_free (PausedAnswer *answer)
{
  g_clear_handle_id (&answer->source_id, g_source_remove);
  g_clear_object (&answer->message);
  g_free (answer->method);
  g_free (answer->path);
  g_free (answer);
}

/**
 * pb_simulator_format_time:
 * @time: (nullable): a time, or %NULL for now
 *
 * Returns: (transfer full): @time in UTC as the API writes it, with
 *   milliseconds and a "Z", such as "2026-12-03T10:42:07.123Z"
 */
char *
pb_simulator_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *seconds = NULL;

  utc = time ? g_date_time_to_utc (time) : g_date_time_new_now_utc ();
  seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (utc) / 1000);
}

static void
pb_simulator_dispose (GObject *object)
{
  PbSimulator *self = (PbSimulator *)object;

  pb_simulator_stop_scenario (self);
  pb_simulator_stop (self);

  pb_simulator_drop_deliveries (self);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (pb_simulator_parent_class)->dispose (object);
}

static void
pb_simulator_finalize (GObject *object)
{
  PbSimulator *self = (PbSimulator *)object;

  g_clear_pointer (&self->subdomain, g_free);
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->paused, g_hash_table_unref);
  g_clear_pointer (&self->method_counts, g_hash_table_unref);
  g_clear_pointer (&self->hooks, g_ptr_array_unref);
  g_clear_pointer (&self->retry_delays, g_array_unref);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_object (&self->delivery_cancellable);

  G_OBJECT_CLASS (pb_simulator_parent_class)->finalize (object);
}

static void
pb_simulator_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PbSimulator *self = PB_SIMULATOR (object);

  switch (prop_id)
    {
    case PROP_SUBDOMAIN:
      g_value_set_string (value, self->subdomain);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_simulator_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PbSimulator *self = PB_SIMULATOR (object);

  switch (prop_id)
    {
    case PROP_SUBDOMAIN:
      self->subdomain = g_value_dup_string (value);
      break;

    case PROP_API_KEY:
      self->api_key = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_simulator_class_init (PbSimulatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_simulator_dispose;
  object_class->finalize = pb_simulator_finalize;
  object_class->get_property = pb_simulator_get_property;
  object_class->set_property = pb_simulator_set_property;

  properties[PROP_SUBDOMAIN] =
    g_param_spec_string ("subdomain", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL, NULL,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  pb_simulator_signals[PB_SIMULATOR_REQUEST] =
    g_signal_new ("request", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_UINT);
  pb_simulator_signals[PB_SIMULATOR_DELIVERY_ATTEMPTED] =
    g_signal_new ("delivery-attempted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_UINT);
}

static void
pb_simulator_init (PbSimulator *self)
{
  self->retry_after = 1;
  self->next_webhook_id = 1;
  self->next_action_id = 48213907;
  self->paused = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)paused_answer_free);
  self->method_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->hooks = g_ptr_array_new_with_free_func ((GDestroyNotify)sim_hook_free);
  self->rand = g_rand_new ();
  pb_simulator_init_deliveries (self);
}

/**
 * pb_simulator_new:
 * @subdomain: the subdomain requests must name in X-SUBDOMAIN
 * @api_key: the key requests must carry in X-AUTH-TOKEN
 *
 * Returns: (transfer full): a stopped simulator with no webhooks
 */
PbSimulator *
pb_simulator_new (const char *subdomain,
                  const char *api_key)
{
  g_return_val_if_fail (subdomain != NULL, NULL);
  g_return_val_if_fail (api_key != NULL, NULL);

  return g_object_new (PB_TYPE_SIMULATOR, "subdomain", subdomain, "api-key", api_key, NULL);
}

/* Faults, latency and counting */

static PbSimFault
take_fault (PbSimulator *self)
{
  PbSimFault fault = self->fault;

  if (self->fault_count == 0)
    return PB_SIM_FAULT_NONE;

  if (--self->fault_count == 0)
    self->fault = PB_SIM_FAULT_NONE;

  return fault;
}

static void
count_request (PbSimulator *self,
               const char  *method)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->method_counts, method));

  self->request_count++;
  g_hash_table_insert (self->method_counts, g_strdup (method), GUINT_TO_POINTER (count + 1));
}

static void
emit_request (PbSimulator *self,
              const char  *method,
              const char  *path,
              guint        status)
{
  g_debug ("%s %s → %u", method, path, status);
  g_signal_emit (self, pb_simulator_signals[PB_SIMULATOR_REQUEST], 0, method, path, status);
}

static gboolean
on_answer_due (gpointer user_data)
{
  PausedAnswer *answer = user_data;
  PbSimulator *self = answer->self;
  g_autoptr(SoupServerMessage) message = g_object_ref (answer->message);
  g_autofree char *method = g_strdup (answer->method);
  g_autofree char *path = g_strdup (answer->path);

  answer->source_id = 0;
  g_hash_table_remove (self->paused, message);
  soup_server_message_unpause (message);
  emit_request (self, method, path, soup_server_message_get_status (message));

  return G_SOURCE_REMOVE;
}

static void
hold_answer (PbSimulator       *self,
             SoupServerMessage *message,
             const char        *path,
             guint              delay_ms)
{
  PausedAnswer *answer = g_new0 (PausedAnswer, 1);

  answer->self = self;
  answer->message = g_object_ref (message);
  answer->method = g_strdup (soup_server_message_get_method (message));
  answer->path = g_strdup (path);
  answer->source_id = g_timeout_add (delay_ms, on_answer_due, answer);
  g_hash_table_replace (self->paused, message, answer);

  soup_server_message_pause (message);
}

/* The client gave up (a timeout) or the connection broke while the answer
 * was held: never unpause a message whose connection is gone. */
static void
on_request_gone (SoupServer        *server,
                 SoupServerMessage *message,
                 gpointer           user_data)
{
  PbSimulator *self = user_data;

  g_hash_table_remove (self->paused, message);
}

static void
drop_connection (SoupServerMessage *message)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (message);

  g_io_stream_close (stream, NULL, NULL);
}

static void
on_api_request (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  PbSimulator *self = user_data;
  const char *method = soup_server_message_get_method (message);
  PbSimFault fault = take_fault (self);
  guint delay_ms = self->latency_ms;

  count_request (self, method);

  if (fault == PB_SIM_FAULT_DROP_CONNECTION)
    {
      drop_connection (message);
      emit_request (self, method, path, 0);
      return;
    }

  if (fault == PB_SIM_FAULT_NONE || fault == PB_SIM_FAULT_SLOW)
    pb_simulator_handle_api (self, message, path, query);
  else
    pb_simulator_answer_fault (self, message, fault);

  if (fault == PB_SIM_FAULT_SLOW)
    delay_ms += self->slow_delay_ms;

  if (delay_ms > 0)
    hold_answer (self, message, path, delay_ms);
  else
    emit_request (self, method, path, soup_server_message_get_status (message));
}

/* Lifecycle */

static void
ensure_server (PbSimulator *self)
{
  if (self->server != NULL)
    return;

  self->server = soup_server_new ("server-header", "Patchbay-Simulator ", NULL);
  soup_server_add_handler (self->server, PB_SIMULATOR_API_PREFIX, on_api_request, self,
                           NULL);
  g_signal_connect_object (self->server, "request-aborted", G_CALLBACK (on_request_gone),
                           self, 0);
  g_signal_connect_object (self->server, "request-finished", G_CALLBACK (on_request_gone),
                           self, 0);
}

static guint
find_bound_port (SoupServer *server)
{
  GSList *uris = soup_server_get_uris (server);
  guint port = uris ? (guint)g_uri_get_port (uris->data) : 0;

  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  return port;
}

/**
 * pb_simulator_start:
 * @self: a #PbSimulator
 * @error: return location for a #GError
 *
 * Listens on 127.0.0.1: on a free port the first time, and on the same port
 * when started again, so that clients see the API go away and come back.
 *
 * Returns: %TRUE when listening
 */
gboolean
pb_simulator_start (PbSimulator  *self,
                    GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PB_IS_SIMULATOR (self), FALSE);

  if (self->running)
    return TRUE;

  ensure_server (self);
  if (!soup_server_listen_local (self->server, self->port, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                 &local_error))
    {
      g_set_error (error, PB_ERROR, PB_ERROR_NETWORK,
                   _("The simulator could not listen on 127.0.0.1 port %u: %s"),
                   self->port, local_error->message);
      return FALSE;
    }

  self->running = TRUE;
  if (self->port == 0)
    {
      self->port = find_bound_port (self->server);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_debug ("Simulator listening on 127.0.0.1:%u", self->port);

  return TRUE;
}

/**
 * pb_simulator_stop:
 * @self: a #PbSimulator
 *
 * Closes the listening socket and every open connection; held answers are
 * never sent. Webhooks, counters and deliveries in progress are kept.
 */
void
pb_simulator_stop (PbSimulator *self)
{
  g_return_if_fail (PB_IS_SIMULATOR (self));

  if (!self->running)
    return;

  g_hash_table_remove_all (self->paused);
  soup_server_disconnect (self->server);
  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
pb_simulator_get_running (PbSimulator *self)
{
  g_return_val_if_fail (PB_IS_SIMULATOR (self), FALSE);

  return self->running;
}

/**
 * pb_simulator_dup_api_base:
 * @self: a #PbSimulator
 *
 * Returns: (transfer full) (nullable): the API base URL, such as
 *   "http://127.0.0.1:40123/api/v1", or %NULL before the first start
 */
char *
pb_simulator_dup_api_base (PbSimulator *self)
{
  g_return_val_if_fail (PB_IS_SIMULATOR (self), NULL);

  if (self->port == 0)
    return NULL;

  return g_strdup_printf ("http://127.0.0.1:%u" PB_SIMULATOR_API_PREFIX, self->port);
}

guint
pb_simulator_get_port (PbSimulator *self)
{
  g_return_val_if_fail (PB_IS_SIMULATOR (self), 0);

  return self->port;
}

/**
 * pb_simulator_set_latency:
 * @self: a #PbSimulator
 * @latency_ms: how long every API answer is held back
 */
void
pb_simulator_set_latency (PbSimulator *self,
                          guint        latency_ms)
{
  g_return_if_fail (PB_IS_SIMULATOR (self));

  self->latency_ms = latency_ms;
}

/**
 * pb_simulator_set_slow_delay:
 * @self: a #PbSimulator
 * @delay_ms: the extra delay of %PB_SIM_FAULT_SLOW answers
 */
void
pb_simulator_set_slow_delay (PbSimulator *self,
                             guint        delay_ms)
{
  g_return_if_fail (PB_IS_SIMULATOR (self));

  self->slow_delay_ms = delay_ms;
}

/**
 * pb_simulator_inject_fault:
 * @self: a #PbSimulator
 * @fault: the fault
 * @count: how many of the next API requests suffer it; 0 clears any fault
 */
void
pb_simulator_inject_fault (PbSimulator *self,
                           PbSimFault   fault,
                           guint        count)
{
  g_return_if_fail (PB_IS_SIMULATOR (self));

  self->fault = count > 0 ? fault : PB_SIM_FAULT_NONE;
  self->fault_count = fault != PB_SIM_FAULT_NONE ? count : 0;
}

/**
 * pb_simulator_set_retry_after:
 * @self: a #PbSimulator
 * @seconds: the Retry-After of %PB_SIM_FAULT_RATE_LIMITED answers
 */
void
pb_simulator_set_retry_after (PbSimulator *self,
                              guint        seconds)
{
  g_return_if_fail (PB_IS_SIMULATOR (self));

  self->retry_after = seconds;
}

/**
 * pb_simulator_get_request_count:
 * @self: a #PbSimulator
 *
 * Returns: how many API requests arrived, dropped ones included
 */
guint
pb_simulator_get_request_count (PbSimulator *self)
{
  g_return_val_if_fail (PB_IS_SIMULATOR (self), 0);

  return self->request_count;
}

/**
 * pb_simulator_count_requests:
 * @self: a #PbSimulator
 * @method: an HTTP method such as "POST"
 *
 * Returns: how many API requests with @method arrived
 */
guint
pb_simulator_count_requests (PbSimulator *self,
                             const char  *method)
{
  g_return_val_if_fail (PB_IS_SIMULATOR (self), 0);
  g_return_val_if_fail (method != NULL, 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->method_counts, method));
}

/* Webhooks, as the tests and the demo see them */

/**
 * pb_simulator_add_webhook:
 * @self: a #PbSimulator
 * @name: a label
 * @event: an event string
 * @target_url: where deliveries go
 * @active: whether the webhook fires
 *
 * Adds a webhook without validating it, as if created earlier.
 *
 * Returns: (transfer none): the webhook, with its new id
 */
PbWebhook *
pb_simulator_add_webhook (PbSimulator *self,
                          const char  *name,
                          const char  *event,
                          const char  *target_url,
                          gboolean     active)
{
  g_return_val_if_fail (PB_IS_SIMULATOR (self), NULL);

  return pb_simulator_add_hook (self, pb_webhook_new (name, event, target_url, active))->webhook;
}

/**
 * pb_simulator_list_webhooks:
 * @self: a #PbSimulator
 *
 * Returns: (transfer full) (element-type PbWebhook): copies of the
 *   webhooks, in id order
 */
GPtrArray *
pb_simulator_list_webhooks (PbSimulator *self)
{
  GPtrArray *webhooks;

  g_return_val_if_fail (PB_IS_SIMULATOR (self), NULL);

  webhooks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->hooks->len; i++)
    {
      SimHook *hook = g_ptr_array_index (self->hooks, i);

      g_ptr_array_add (webhooks, pb_webhook_copy (hook->webhook));
    }

  return webhooks;
}

/**
 * pb_simulator_lookup_webhook:
 * @self: a #PbSimulator
 * @webhook_id: an id
 *
 * Returns: (transfer none) (nullable): the simulator's own webhook, which
 *   changes as requests update it
 */
PbWebhook *
pb_simulator_lookup_webhook (PbSimulator *self,
                             gint64       webhook_id)
{
  SimHook *hook;

  g_return_val_if_fail (PB_IS_SIMULATOR (self), NULL);

  hook = pb_simulator_find_hook (self, webhook_id, NULL);
  return hook ? hook->webhook : NULL;
}

void
pb_simulator_clear_webhooks (PbSimulator *self)
{
  g_return_if_fail (PB_IS_SIMULATOR (self));

  g_ptr_array_set_size (self->hooks, 0);
}

/**
 * pb_simulator_add_sample_webhooks:
 * @self: a #PbSimulator
 * @target_base: the URL that Patchbay-bound samples deliver to, such as
 *   "http://127.0.0.1:8787/hooks/<token>"
 *
 * Adds the webhooks of a plausible rental company: most deliver to
 * @target_base, one is switched off and one points to an outside service
 * (which the simulator never contacts).
 */
void
pb_simulator_add_sample_webhooks (PbSimulator *self,
                                  const char  *target_base)
{
  static const struct {
    const char *name;
    const char *event;
    gboolean    external;
    gboolean    active;
  } samples[] = {
    { "Warehouse — orders confirmed", "opportunity_convert_to_order", FALSE, TRUE },
    { "Sales — new quotations", "opportunity_convert_to_quotation", FALSE, TRUE },
    { "Prep bay — items prepared", "opportunity_prepare_item", FALSE, TRUE },
    { "Dispatch — items booked out", "opportunity_book_out_item", FALSE, TRUE },
    { "Returns desk — items checked in", "opportunity_check_in_item", FALSE, TRUE },
    { "Crew planner — jobs updated", "opportunity_update", FALSE, TRUE },
    { "Accounts — invoices raised", "invoice_create", TRUE, TRUE },
    { "Old lost-deal alert", "opportunity_mark_as_lost", FALSE, FALSE },
  };

  g_return_if_fail (PB_IS_SIMULATOR (self));
  g_return_if_fail (target_base != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      const char *url = samples[i].external
                        ? "https://hooks.example.com/crms/invoices/5f1c9e2a7b"
                        : target_base;

      pb_simulator_add_webhook (self, samples[i].name, samples[i].event, url,
                                samples[i].active);
    }
}

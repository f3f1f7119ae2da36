/* pb-demo.c: the built-in demo account, run on the simulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-demo"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-demo.h"
#include "pb-error.h"

/* A delivery every few seconds keeps the live log moving without flooding it. */
#define DEFAULT_SCENARIO_INTERVAL_MS 4000

#define HOOKS_SEGMENT "/hooks/"

struct _PbDemo
{
  GObject      parent_instance;

  PbStore     *store;
  PbReceiver  *receiver;

  PbAccount   *account;
  PbSimulator *simulator;
  guint        scenario_interval;
};

G_DEFINE_FINAL_TYPE (PbDemo, pb_demo, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RECEIVER,
  PROP_ACCOUNT,
  PROP_RUNNING,
  PROP_SCENARIO_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_demo_dispose (GObject *object)
{
  PbDemo *self = (PbDemo *)object;

  pb_demo_stop (self);

  g_clear_object (&self->account);
  g_clear_object (&self->receiver);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pb_demo_parent_class)->dispose (object);
}

static void
pb_demo_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  PbDemo *self = PB_DEMO (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_RECEIVER:
      g_value_set_object (value, self->receiver);
      break;

    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->simulator != NULL);
      break;

    case PROP_SCENARIO_INTERVAL:
      g_value_set_uint (value, self->scenario_interval);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_demo_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  PbDemo *self = PB_DEMO (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_RECEIVER:
      self->receiver = g_value_dup_object (value);
      break;

    case PROP_SCENARIO_INTERVAL:
      pb_demo_set_scenario_interval (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_demo_class_init (PbDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_demo_dispose;
  object_class->get_property = pb_demo_get_property;
  object_class->set_property = pb_demo_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PB_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RECEIVER] =
    g_param_spec_object ("receiver", NULL, NULL, PB_TYPE_RECEIVER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, PB_TYPE_ACCOUNT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SCENARIO_INTERVAL] =
    g_param_spec_uint ("scenario-interval", NULL, NULL, 0, G_MAXUINT,
                       DEFAULT_SCENARIO_INTERVAL_MS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_demo_init (PbDemo *self)
{
  self->scenario_interval = DEFAULT_SCENARIO_INTERVAL_MS;
}

/**
 * pb_demo_new:
 * @store: the store that keeps the demo account
 * @receiver: the receiver the sample webhooks deliver to; it need not be
 *   listening, deliveries then fail and the simulator retries them
 *
 * Returns: (transfer full): a demo, not started
 */
PbDemo *
pb_demo_new (PbStore    *store,
             PbReceiver *receiver)
{
  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (PB_IS_RECEIVER (receiver), NULL);

  return g_object_new (PB_TYPE_DEMO, "store", store, "receiver", receiver, NULL);
}

static PbAccount *
find_demo_account (PbStore  *store,
                   GError  **error)
{
  g_autoptr(GPtrArray) accounts = pb_store_list_accounts (store, error);

  if (accounts == NULL)
    return NULL;

  for (guint i = 0; i < accounts->len; i++)
    {
      PbAccount *account = g_ptr_array_index (accounts, i);

      if (pb_account_get_demo (account))
        return g_object_ref (account);
    }

  return NULL;
}

static PbAccount *
ensure_account (PbDemo      *self,
                const char  *api_base,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PbAccount) account = NULL;

  account = find_demo_account (self->store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (account == NULL)
    {
      account = pb_account_new (PB_DEMO_SUBDOMAIN);
      pb_account_set_label (account, _("Demo rental company"));
      pb_account_set_demo (account, TRUE);
      pb_account_set_production (account, FALSE);
    }

  /* The simulator listens on a new port at every launch. */
  pb_account_set_api_base (account, api_base);
  if (!pb_store_save_account (self->store, account, error))
    return NULL;

  return g_steal_pointer (&account);
}

/* The token between "/hooks/" and the next "/" or "?" of @url, if any. */
static char *
dup_hook_token (const char *url)
{
  const char *start = strstr (url, HOOKS_SEGMENT);
  gsize length;

  if (start == NULL)
    return NULL;

  start += strlen (HOOKS_SEGMENT);
  length = strcspn (start, "/?#");
  return length > 0 ? g_strndup (start, length) : NULL;
}

/* The store keeps no token per account that could be looked up, but the
 * demo's cached webhooks carry the one given at the last launch; reusing it
 * keeps the deliveries of every launch under one token. */
static char *
find_previous_token (PbDemo *self)
{
  gint64 account_id = pb_account_get_id (self->account);
  g_autoptr(GPtrArray) webhooks = NULL;

  webhooks = pb_store_list_webhooks (self->store, account_id, NULL);
  for (guint i = 0; webhooks != NULL && i < webhooks->len; i++)
    {
      PbWebhook *webhook = g_ptr_array_index (webhooks, i);
      g_autofree char *token = dup_hook_token (pb_webhook_get_target_url (webhook));

      if (token != NULL && pb_store_get_token_account (self->store, token) == account_id)
        return g_steal_pointer (&token);
    }

  return NULL;
}

static char *
dup_demo_token (PbDemo  *self,
                GError **error)
{
  char *token = find_previous_token (self);

  if (token != NULL)
    return token;

  return pb_store_create_token (self->store, pb_account_get_id (self->account), error);
}

static gboolean
start_simulator (PbDemo  *self,
                 GError **error)
{
  g_autoptr(PbSimulator) simulator = NULL;
  g_autoptr(PbAccount) account = NULL;
  g_autofree char *api_base = NULL;
  g_autofree char *token = NULL;
  g_autofree char *target = NULL;

  simulator = pb_simulator_new (PB_DEMO_SUBDOMAIN, PB_DEMO_API_KEY);
  if (!pb_simulator_start (simulator, error))
    return FALSE;

  api_base = pb_simulator_dup_api_base (simulator);
  account = ensure_account (self, api_base, error);
  if (account == NULL)
    {
      pb_simulator_stop (simulator);
      return FALSE;
    }
  g_set_object (&self->account, account);

  token = dup_demo_token (self, error);
  if (token == NULL)
    {
      pb_simulator_stop (simulator);
      return FALSE;
    }

  target = pb_receiver_dup_url (self->receiver, token);
  pb_simulator_add_sample_webhooks (simulator, target);
  if (self->scenario_interval > 0)
    pb_simulator_start_scenario (simulator, self->scenario_interval);

  self->simulator = g_steal_pointer (&simulator);
  return TRUE;
}

/**
 * pb_demo_start:
 * @self: a #PbDemo
 * @error: return location for a #GError
 *
 * Makes sure the demo account exists, starts its simulator on 127.0.0.1
 * with sample webhooks and, unless the scenario interval is 0, fires a
 * delivery at that interval. Starting a running demo does nothing.
 *
 * Returns: %TRUE when the demo runs
 */
gboolean
pb_demo_start (PbDemo  *self,
               GError **error)
{
  g_return_val_if_fail (PB_IS_DEMO (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->simulator != NULL)
    return TRUE;

  if (!start_simulator (self, error))
    return FALSE;

  g_debug ("Demo account %" G_GINT64_FORMAT " runs on %s",
           pb_account_get_id (self->account), pb_account_get_api_base (self->account));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  return TRUE;
}

/**
 * pb_demo_stop:
 * @self: a #PbDemo
 *
 * Stops the scenario and the simulator. The account stays in the store.
 */
void
pb_demo_stop (PbDemo *self)
{
  g_return_if_fail (PB_IS_DEMO (self));

  if (self->simulator == NULL)
    return;

  pb_simulator_stop_scenario (self->simulator);
  pb_simulator_stop (self->simulator);
  g_clear_object (&self->simulator);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/**
 * pb_demo_get_account:
 * @self: a #PbDemo
 *
 * Returns: (transfer none) (nullable): the demo account, once started
 */
PbAccount *
pb_demo_get_account (PbDemo *self)
{
  g_return_val_if_fail (PB_IS_DEMO (self), NULL);

  return self->account;
}

/**
 * pb_demo_get_simulator:
 * @self: a #PbDemo
 *
 * Returns: (transfer none) (nullable): the running simulator, or %NULL
 */
PbSimulator *
pb_demo_get_simulator (PbDemo *self)
{
  g_return_val_if_fail (PB_IS_DEMO (self), NULL);

  return self->simulator;
}

/**
 * pb_demo_create_client:
 * @self: a started #PbDemo
 * @session: (nullable): the session to send requests with; a new one when
 *   %NULL
 *
 * Returns: (transfer full): a client of the demo's simulator
 */
PbClient *
pb_demo_create_client (PbDemo      *self,
                       SoupSession *session)
{
  g_autoptr(SoupSession) own_session = NULL;
  g_autofree char *api_base = NULL;

  g_return_val_if_fail (PB_IS_DEMO (self), NULL);
  g_return_val_if_fail (self->simulator != NULL, NULL);
  g_return_val_if_fail (session == NULL || SOUP_IS_SESSION (session), NULL);

  if (session == NULL)
    session = own_session = pb_client_session_new ();

  api_base = pb_simulator_dup_api_base (self->simulator);
  return pb_client_new (session, api_base, PB_DEMO_SUBDOMAIN, PB_DEMO_API_KEY);
}

/**
 * pb_demo_set_scenario_interval:
 * @self: a #PbDemo
 * @interval_ms: the time between two simulated deliveries; 0 for none
 *
 * Takes effect at once when the demo runs.
 */
void
pb_demo_set_scenario_interval (PbDemo *self,
                               guint   interval_ms)
{
  g_return_if_fail (PB_IS_DEMO (self));

  if (self->scenario_interval == interval_ms)
    return;

  self->scenario_interval = interval_ms;
  if (self->simulator != NULL)
    {
      pb_simulator_stop_scenario (self->simulator);
      if (interval_ms > 0)
        pb_simulator_start_scenario (self->simulator, interval_ms);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO_INTERVAL]);
}

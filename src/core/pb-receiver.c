/* pb-receiver.c: the embedded HTTP server that takes deliveries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-receiver"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "pb-error.h"
#include "pb-receiver-private.h"

#define LISTEN_BACKLOG 256

G_DEFINE_FINAL_TYPE (PbReceiver, pb_receiver, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ADDRESS,
  PROP_PORT,
  PROP_MAX_BODY_SIZE,
  PROP_PUBLIC_URL,
  PROP_REQUEST_TIMEOUT,
  PROP_LISTENING,
  PROP_BOUND_PORT,
  PROP_PORT_FELL_BACK,
  PROP_RECEIVED_COUNT,
  N_PROPS
};

enum {
  DELIVERY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* GObject ------------------------------------------------------------------ */

static void
pb_receiver_dispose (GObject *object)
{
  PbReceiver *self = (PbReceiver *)object;

  pb_receiver_stop (self);

  G_OBJECT_CLASS (pb_receiver_parent_class)->dispose (object);
}

static void
pb_receiver_finalize (GObject *object)
{
  PbReceiver *self = (PbReceiver *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->public_url, g_free);

  G_OBJECT_CLASS (pb_receiver_parent_class)->finalize (object);
}

static void
pb_receiver_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PbReceiver *self = PB_RECEIVER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;

    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;

    case PROP_MAX_BODY_SIZE:
      g_value_set_uint64 (value, self->max_body_size);
      break;

    case PROP_PUBLIC_URL:
      g_value_set_string (value, self->public_url);
      break;

    case PROP_REQUEST_TIMEOUT:
      g_value_set_uint (value, self->request_timeout);
      break;

    case PROP_LISTENING:
      g_value_set_boolean (value, pb_receiver_get_listening (self));
      break;

    case PROP_BOUND_PORT:
      g_value_set_uint (value, self->bound_port);
      break;

    case PROP_PORT_FELL_BACK:
      g_value_set_boolean (value, self->port_fell_back);
      break;

    case PROP_RECEIVED_COUNT:
      g_value_set_uint64 (value, self->received_count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_receiver_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PbReceiver *self = PB_RECEIVER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_ADDRESS:
      pb_receiver_set_address (self, g_value_get_string (value));
      break;

    case PROP_PORT:
      pb_receiver_set_port (self, g_value_get_uint (value));
      break;

    case PROP_MAX_BODY_SIZE:
      pb_receiver_set_max_body_size (self, g_value_get_uint64 (value));
      break;

    case PROP_PUBLIC_URL:
      pb_receiver_set_public_url (self, g_value_get_string (value));
      break;

    case PROP_REQUEST_TIMEOUT:
      pb_receiver_set_request_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_receiver_class_init (PbReceiverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = pb_receiver_dispose;
  object_class->finalize = pb_receiver_finalize;
  object_class->get_property = pb_receiver_get_property;
  object_class->set_property = pb_receiver_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, PB_RECEIVER_DEFAULT_ADDRESS, rw);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, 65535, PB_RECEIVER_DEFAULT_PORT, rw);
  properties[PROP_MAX_BODY_SIZE] =
    g_param_spec_uint64 ("max-body-size", NULL, NULL, 1, G_MAXSIZE,
                         PB_RECEIVER_DEFAULT_MAX_BODY, rw);
  properties[PROP_PUBLIC_URL] =
    g_param_spec_string ("public-url", NULL, NULL, NULL, rw);
  properties[PROP_REQUEST_TIMEOUT] =
    g_param_spec_uint ("request-timeout", NULL, NULL, 1, 3600,
                       PB_RECEIVER_DEFAULT_REQUEST_TIMEOUT, rw);
  properties[PROP_LISTENING] =
    g_param_spec_boolean ("listening", NULL, NULL, FALSE, ro);
  properties[PROP_BOUND_PORT] =
    g_param_spec_uint ("bound-port", NULL, NULL, 0, 65535, 0, ro);
  properties[PROP_PORT_FELL_BACK] =
    g_param_spec_boolean ("port-fell-back", NULL, NULL, FALSE, ro);
  properties[PROP_RECEIVED_COUNT] =
    g_param_spec_uint64 ("received-count", NULL, NULL, 0, G_MAXUINT64, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DELIVERY] =
    g_signal_new ("delivery",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PB_TYPE_DELIVERY);
}

static void
pb_receiver_init (PbReceiver *self)
{
  self->address = g_strdup (PB_RECEIVER_DEFAULT_ADDRESS);
  self->port = PB_RECEIVER_DEFAULT_PORT;
  self->max_body_size = PB_RECEIVER_DEFAULT_MAX_BODY;
  self->request_timeout = PB_RECEIVER_DEFAULT_REQUEST_TIMEOUT;
}

/**
 * pb_receiver_take_delivery:
 * @self: a receiver
 * @delivery: a delivery the store has committed
 *
 * Counts @delivery and announces it.
 */
void
pb_receiver_take_delivery (PbReceiver *self,
                           PbDelivery *delivery)
{
  self->received_count++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIVED_COUNT]);
  g_signal_emit (self, signals[DELIVERY], 0, delivery);
}

/* Public API ---------------------------------------------------------------- */

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/**
 * pb_receiver_new:
 * @store: where deliveries are committed
 *
 * Returns: (transfer full): a receiver that is not listening yet
 */
PbReceiver *
pb_receiver_new (PbStore *store)
{
  g_return_val_if_fail (PB_IS_STORE (store), NULL);

  return g_object_new (PB_TYPE_RECEIVER, "store", store, NULL);
}

/**
 * pb_receiver_get_store:
 * @self: a receiver
 *
 * Returns: (transfer none): the store deliveries go to
 */
PbStore *
pb_receiver_get_store (PbReceiver *self)
{
  g_return_val_if_fail (PB_IS_RECEIVER (self), NULL);

  return self->store;
}

const char *
pb_receiver_get_address (PbReceiver *self)
{
  g_return_val_if_fail (PB_IS_RECEIVER (self), NULL);

  return self->address;
}

/**
 * pb_receiver_set_address:
 * @self: a receiver
 * @address: (nullable): an IP address to listen on; %NULL for the default
 *
 * Takes effect at the next start.
 */
void
pb_receiver_set_address (PbReceiver *self,
                         const char *address)
{
  g_return_if_fail (PB_IS_RECEIVER (self));

  if (address == NULL || *address == '\0')
    address = PB_RECEIVER_DEFAULT_ADDRESS;

  if (replace_string (&self->address, address))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS]);
}

guint
pb_receiver_get_port (PbReceiver *self)
{
  g_return_val_if_fail (PB_IS_RECEIVER (self), 0);

  return self->port;
}

/**
 * pb_receiver_set_port:
 * @self: a receiver
 * @port: the preferred port, or 0 for any free one
 *
 * Takes effect at the next start.
 */
void
pb_receiver_set_port (PbReceiver *self,
                      guint       port)
{
  g_return_if_fail (PB_IS_RECEIVER (self));
  g_return_if_fail (port <= 65535);

  if (self->port == port)
    return;

  self->port = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

gsize
pb_receiver_get_max_body_size (PbReceiver *self)
{
  g_return_val_if_fail (PB_IS_RECEIVER (self), 0);

  return self->max_body_size;
}

/**
 * pb_receiver_set_max_body_size:
 * @self: a receiver
 * @max_body_size: the largest body accepted, in bytes
 *
 * Larger deliveries are answered 413.
 */
void
pb_receiver_set_max_body_size (PbReceiver *self,
                               gsize       max_body_size)
{
  g_return_if_fail (PB_IS_RECEIVER (self));
  g_return_if_fail (max_body_size > 0);

  if (self->max_body_size == max_body_size)
    return;

  self->max_body_size = max_body_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BODY_SIZE]);
}

/**
 * pb_receiver_get_public_url:
 * @self: a receiver
 *
 * Returns: (nullable): the base URL Current RMS reaches, if one is set
 */
const char *
pb_receiver_get_public_url (PbReceiver *self)
{
  g_return_val_if_fail (PB_IS_RECEIVER (self), NULL);

  return self->public_url;
}

/**
 * pb_receiver_set_public_url:
 * @self: a receiver
 * @public_url: (nullable): the base URL of a tunnel or reachable host, or
 *   %NULL to use the local address
 */
void
pb_receiver_set_public_url (PbReceiver *self,
                            const char *public_url)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (PB_IS_RECEIVER (self));

  if (public_url != NULL)
    {
      stripped = g_strstrip (g_strdup (public_url));
      if (*stripped == '\0')
        g_clear_pointer (&stripped, g_free);
    }

  if (replace_string (&self->public_url, stripped))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLIC_URL]);
}

guint
pb_receiver_get_request_timeout (PbReceiver *self)
{
  g_return_val_if_fail (PB_IS_RECEIVER (self), 0);

  return self->request_timeout;
}

/**
 * pb_receiver_set_request_timeout:
 * @self: a receiver
 * @seconds: how long a connection may take to send a complete request
 *
 * Takes effect at the next start.
 */
void
pb_receiver_set_request_timeout (PbReceiver *self,
                                 guint       seconds)
{
  g_return_if_fail (PB_IS_RECEIVER (self));
  g_return_if_fail (seconds > 0);

  if (self->request_timeout == seconds)
    return;

  self->request_timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST_TIMEOUT]);
}

/* The socket is made here rather than by libsoup for its backlog: GSocket's
 * default of 10 pending connections makes a burst of simultaneous deliveries
 * overflow the accept queue, and the kernel then resets connections. */
static gboolean
listen_on (SoupServer    *server,
           GInetAddress  *address,
           guint          port,
           GError       **error)
{
  g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (address, port);
  g_autoptr(GSocket) socket = NULL;

  socket = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;

  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, socket_address, TRUE, error) ||
      !g_socket_listen (socket, error))
    return FALSE;

  return soup_server_listen_socket (server, socket, 0, error);
}

static guint
find_bound_port (SoupServer *server)
{
  GSList *listeners = soup_server_get_listeners (server);
  g_autoptr(GSocketAddress) local = NULL;
  guint port = 0;

  if (listeners != NULL)
    local = g_socket_get_local_address (listeners->data, NULL);
  if (G_IS_INET_SOCKET_ADDRESS (local))
    port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));

  g_slist_free (listeners);
  return port;
}

static SoupServer *
create_server (PbReceiver *self)
{
  g_autofree char *server_header = g_strdup_printf ("Patchbay/%s", PACKAGE_VERSION);
  SoupServer *server;

  /* Raw paths: the receiver checks the token itself, so an encoded or dotted
   * path is simply not a hook (404) rather than something to normalize. */
  server = soup_server_new ("raw-paths", TRUE, "server-header", server_header, NULL);
  pb_receiver_connect_server (self, server);

  return server;
}

static gboolean
bind_server (PbReceiver  *self,
             SoupServer  *server,
             gboolean    *fell_back,
             GError     **error)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (self->address);
  g_autoptr(GError) local_error = NULL;

  *fell_back = FALSE;

  if (address == NULL)
    {
      g_set_error (error, PB_ERROR, PB_ERROR_INVALID_INPUT,
                   _("The receiver address “%s” is not an IP address."), self->address);
      return FALSE;
    }

  if (listen_on (server, address, self->port, &local_error))
    return TRUE;

  if (self->port != 0 &&
      (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE) ||
       g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED)))
    {
      g_debug ("Port %u is not available, listening on a free port instead", self->port);
      g_clear_error (&local_error);
      *fell_back = TRUE;
      if (listen_on (server, address, 0, &local_error))
        return TRUE;
    }

  g_set_error (error, PB_ERROR, PB_ERROR_NETWORK,
               _("The receiver could not listen on %s: %s"),
               self->address, local_error->message);
  return FALSE;
}

/**
 * pb_receiver_start:
 * @self: a receiver
 * @error: return location for an error
 *
 * Starts listening in the thread-default main context. When the preferred
 * port is taken, a free port is used instead and "port-fell-back" is set.
 * Starting a receiver that is already listening does nothing.
 *
 * Returns: %TRUE when listening
 */
gboolean
pb_receiver_start (PbReceiver  *self,
                   GError     **error)
{
  g_autoptr(SoupServer) server = NULL;
  gboolean fell_back;
  guint interval_ms;

  g_return_val_if_fail (PB_IS_RECEIVER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->server != NULL)
    return TRUE;

  self->open_requests = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->context = g_main_context_ref_thread_default ();

  server = create_server (self);
  if (!bind_server (self, server, &fell_back, error))
    {
      g_signal_handlers_disconnect_by_data (server, self);
      g_clear_pointer (&self->open_requests, g_hash_table_unref);
      g_clear_pointer (&self->context, g_main_context_unref);
      return FALSE;
    }

  self->server = g_steal_pointer (&server);
  self->bound_port = find_bound_port (self->server);

  interval_ms = CLAMP (self->request_timeout * 1000 / 4, 100, 5000);
  self->sweep_source = g_timeout_source_new (interval_ms);
  g_source_set_callback (self->sweep_source, pb_receiver_sweep_cb, self, NULL);
  g_source_attach (self->sweep_source, self->context);

  g_debug ("Listening on %s port %u", self->address, self->bound_port);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LISTENING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOUND_PORT]);
  if (self->port_fell_back != fell_back)
    {
      self->port_fell_back = fell_back;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT_FELL_BACK]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

/**
 * pb_receiver_stop:
 * @self: a receiver
 *
 * Closes the listening socket and every open connection. Deliveries already on
 * their way to the store are still committed.
 */
void
pb_receiver_stop (PbReceiver *self)
{
  g_autoptr(SoupServer) server = NULL;

  g_return_if_fail (PB_IS_RECEIVER (self));

  if (self->server == NULL)
    return;

  server = g_steal_pointer (&self->server);
  g_signal_handlers_disconnect_by_data (server, self);
  soup_server_disconnect (server);

  if (self->sweep_source != NULL)
    g_source_destroy (self->sweep_source);
  g_clear_pointer (&self->sweep_source, g_source_unref);
  g_clear_pointer (&self->open_requests, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  g_debug ("Stopped listening on port %u", self->bound_port);
  self->bound_port = 0;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LISTENING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOUND_PORT]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
pb_receiver_get_listening (PbReceiver *self)
{
  g_return_val_if_fail (PB_IS_RECEIVER (self), FALSE);

  return self->server != NULL;
}

/**
 * pb_receiver_get_bound_port:
 * @self: a receiver
 *
 * Returns: the port actually listened on, or 0 when not listening
 */
guint
pb_receiver_get_bound_port (PbReceiver *self)
{
  g_return_val_if_fail (PB_IS_RECEIVER (self), 0);

  return self->bound_port;
}

/**
 * pb_receiver_get_port_fell_back:
 * @self: a receiver
 *
 * Returns: whether the last start found the preferred port taken and
 *   listened on another one
 */
gboolean
pb_receiver_get_port_fell_back (PbReceiver *self)
{
  g_return_val_if_fail (PB_IS_RECEIVER (self), FALSE);

  return self->port_fell_back;
}

static char *
dup_local_host (PbReceiver *self)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (self->address);

  if (address == NULL || g_inet_address_get_is_any (address))
    return g_strdup ("127.0.0.1");
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("[%s]", self->address);

  return g_strdup (self->address);
}

/**
 * pb_receiver_dup_local_base:
 * @self: a receiver
 *
 * Returns: (transfer full): the local URL that hook tokens are appended to,
 *   such as "http://127.0.0.1:8787/hooks/"
 */
char *
pb_receiver_dup_local_base (PbReceiver *self)
{
  g_autofree char *host = NULL;
  guint port;

  g_return_val_if_fail (PB_IS_RECEIVER (self), NULL);

  host = dup_local_host (self);
  port = self->bound_port != 0 ? self->bound_port : self->port;

  return g_strdup_printf ("http://%s:%u" HOOKS_PATH "/", host, port);
}

/**
 * pb_receiver_dup_url:
 * @self: a receiver
 * @token: a hook token
 *
 * The URL to give Current RMS as a webhook's target: under the public URL
 * when one is set, else the local one.
 *
 * Returns: (transfer full): the URL of the hook
 */
char *
pb_receiver_dup_url (PbReceiver *self,
                     const char *token)
{
  g_autofree char *local_base = NULL;
  g_autofree char *base = NULL;
  gsize length;

  g_return_val_if_fail (PB_IS_RECEIVER (self), NULL);
  g_return_val_if_fail (token != NULL, NULL);

  if (self->public_url == NULL)
    {
      local_base = pb_receiver_dup_local_base (self);
      return g_strconcat (local_base, token, NULL);
    }

  base = g_strdup (self->public_url);
  length = strlen (base);
  while (length > 0 && base[length - 1] == '/')
    base[--length] = '\0';

  if (g_str_has_suffix (base, HOOKS_PATH))
    return g_strconcat (base, "/", token, NULL);

  return g_strconcat (base, HOOKS_PATH "/", token, NULL);
}

/**
 * pb_receiver_get_received_count:
 * @self: a receiver
 *
 * Returns: how many deliveries were committed since the receiver was created
 */
guint64
pb_receiver_get_received_count (PbReceiver *self)
{
  g_return_val_if_fail (PB_IS_RECEIVER (self), 0);

  return self->received_count;
}

/* bench-receiver.c: deliveries per second through the receiver, against a bare server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "pb-receiver.h"
#include "pb-simulator.h"
#include "pb-store.h"

static int n_connections = 32;
static int n_requests = 4000;
static int max_seconds = 60;

static const char * const events[] = {
  "opportunity_convert_to_order",
  "opportunity_create",
  "opportunity_update",
  "opportunity_book_out_item",
  "invoice_create",
  "member_update",
  "product_create",
  "opportunity_check_in_item",
};

typedef struct
{
  GBytes *body;
  gint64  action_id;
} Payload;

/* One run of the load generator; it lives in its own thread and main context so
 * that the client never competes with the server for the same main loop. */
typedef struct
{
  char       *url;
  GPtrArray  *payloads;

  GMainContext *context;
  SoupSession  *session;
  guint         next;
  guint         in_flight;
  gint64        deadline;

  guint         ok;
  guint         failed;
  gboolean     *acknowledged;
  gint64        elapsed_us;
  gint          done;
} Load;

static void send_next (Load *load);

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Load *load = g_object_get_data (object, "bench-load");
  guint index = GPOINTER_TO_UINT (user_data);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                                &error);

  load->in_flight--;
  if (body != NULL && soup_message_get_status (msg) == SOUP_STATUS_OK)
    {
      load->ok++;
      load->acknowledged[index] = TRUE;
    }
  else
    {
      load->failed++;
      if (g_getenv ("BENCH_VERBOSE") != NULL)
        g_printerr ("request %u: status %u %s\n", index, soup_message_get_status (msg),
                    error != NULL ? error->message : "");
    }

  send_next (load);
}

static void
send_next (Load *load)
{
  while (load->in_flight < (guint)n_connections && load->next < load->payloads->len &&
         g_get_monotonic_time () < load->deadline)
    {
      Payload *payload = g_ptr_array_index (load->payloads, load->next);
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", load->url);

      soup_message_set_request_body_from_bytes (msg, "application/json", payload->body);
      soup_session_send_and_read_async (load->session, msg, G_PRIORITY_DEFAULT, NULL,
                                        sent_cb, GUINT_TO_POINTER (load->next));
      load->next++;
      load->in_flight++;
    }
}

static gpointer
load_thread (gpointer data)
{
  Load *load = data;
  g_autoptr(GProxyResolver) no_proxy = g_simple_proxy_resolver_new (NULL, NULL);
  gint64 started;

  load->context = g_main_context_new ();
  g_main_context_push_thread_default (load->context);

  load->session = soup_session_new_with_options ("max-conns", n_connections,
                                                 "max-conns-per-host", n_connections,
                                                 "proxy-resolver", no_proxy,
                                                 "timeout", 30,
                                                 NULL);
  g_object_set_data (G_OBJECT (load->session), "bench-load", load);

  started = g_get_monotonic_time ();
  load->deadline = started + (gint64)max_seconds * G_USEC_PER_SEC;
  send_next (load);
  while (load->in_flight > 0)
    g_main_context_iteration (load->context, TRUE);
  load->elapsed_us = g_get_monotonic_time () - started;

  g_clear_object (&load->session);
  g_main_context_pop_thread_default (load->context);
  g_clear_pointer (&load->context, g_main_context_unref);

  g_atomic_int_set (&load->done, 1);
  g_main_context_wakeup (NULL);
  return NULL;
}

/* The servers run in the main thread's default context, as in the app. */
static Load *
run_load (const char *url,
          GPtrArray  *payloads)
{
  Load *load = g_new0 (Load, 1);

  load->url = g_strdup (url);
  load->payloads = g_ptr_array_ref (payloads);
  load->acknowledged = g_new0 (gboolean, payloads->len);

  g_thread_unref (g_thread_new ("bench-load", load_thread, load));
  while (!g_atomic_int_get (&load->done))
    g_main_context_iteration (NULL, TRUE);

  return load;
}

static void
load_free (Load *load)
{
  g_free (load->url);
  g_ptr_array_unref (load->payloads);
  g_free (load->acknowledged);
  g_free (load);
}

static double
load_rate (Load *load)
{
  return load->elapsed_us > 0 ? load->ok * (double)G_USEC_PER_SEC / load->elapsed_us : 0;
}

static void
payload_free (Payload *payload)
{
  g_bytes_unref (payload->body);
  g_free (payload);
}

static GPtrArray *
build_payloads (void)
{
  g_autoptr(PbSimulator) simulator = pb_simulator_new ("bench", "bench-key");
  GPtrArray *payloads = g_ptr_array_new_with_free_func ((GDestroyNotify)payload_free);

  for (int i = 0; i < n_requests; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      Payload *payload = g_new0 (Payload, 1);
      JsonObject *action;
      char *text;

      node = pb_simulator_build_action (simulator, events[i % G_N_ELEMENTS (events)], 1000 + i);
      action = json_object_get_object_member (json_node_get_object (node), "action");
      payload->action_id = json_object_get_int_member (action, "id");
      text = json_to_string (node, FALSE);
      payload->body = g_bytes_new_take (text, strlen (text));
      g_ptr_array_add (payloads, payload);
    }

  return payloads;
}

static gsize
average_size (GPtrArray *payloads)
{
  gsize total = 0;

  for (guint i = 0; i < payloads->len; i++)
    total += g_bytes_get_size (((Payload *)g_ptr_array_index (payloads, i))->body);

  return payloads->len > 0 ? total / payloads->len : 0;
}

static void
bare_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  static const char answer[] = "{\"ok\":true}";

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    answer, strlen (answer));
}

static SoupServer *
start_bare_server (guint *port)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GError) error = NULL;
  GSList *listeners;

  g_autoptr(GSocket) socket = NULL;

  /* The same backlog as the receiver's, so that only the handling differs. */
  soup_server_add_handler (server, NULL, bare_handler, NULL, NULL);
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  if (socket != NULL)
    g_socket_set_listen_backlog (socket, 256);
  if (socket == NULL || !g_socket_bind (socket, address, TRUE, &error) ||
      !g_socket_listen (socket, &error) ||
      !soup_server_listen_socket (server, socket, 0, &error))
    g_error ("The bare server could not listen: %s", error->message);

  listeners = soup_server_get_listeners (server);
  local = g_socket_get_local_address (listeners->data, NULL);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  g_slist_free (listeners);

  return server;
}

/* Counts acknowledged deliveries that a fresh connection to the database does
 * not find: the receiver promises that a 200 means committed. */
static guint
count_missing (const char *db_path,
               Load       *load)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = pb_store_new (db_path, &error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                         g_free, NULL);
  PbDeliveryQuery query = { 0 };
  guint missing = 0;

  if (store == NULL)
    g_error ("The benchmark database could not be reopened: %s", error->message);
  rows = pb_store_list_deliveries (store, &query, &error);
  if (rows == NULL)
    g_error ("The benchmark deliveries could not be listed: %s", error->message);

  for (guint i = 0; i < rows->len; i++)
    {
      PbDelivery *delivery = g_ptr_array_index (rows, i);
      gint64 *id = g_new (gint64, 1);

      *id = pb_delivery_get_action_id (delivery);
      g_hash_table_add (stored, id);
    }

  for (guint i = 0; i < load->payloads->len; i++)
    {
      Payload *payload = g_ptr_array_index (load->payloads, i);

      if (load->acknowledged[i] && !g_hash_table_contains (stored, &payload->action_id))
        missing++;
    }

  return missing;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

static void
print_run (const char *label,
           Load       *load)
{
  g_print ("%-9s %5u answered 200, %4u failed, in %6.2f s: %8.1f deliveries/s\n",
           label, load->ok, load->failed, load->elapsed_us / (double)G_USEC_PER_SEC,
           load_rate (load));
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "connections", 'c', 0, G_OPTION_ARG_INT, &n_connections, "Concurrent connections", "N" },
    { "requests", 'n', 0, G_OPTION_ARG_INT, &n_requests, "Requests per server", "N" },
    { "seconds", 's', 0, G_OPTION_ARG_INT, &max_seconds, "Time limit per server", "S" },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("- benchmark the receiver");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) payloads = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *token = NULL;
  g_autofree char *receiver_url = NULL;
  g_autofree char *bare_url = NULL;
  g_autoptr(SoupServer) bare = NULL;
  PbStore *store;
  PbReceiver *receiver;
  Load *bare_load;
  Load *receiver_load;
  guint bare_port;
  guint missing;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  n_connections = CLAMP (n_connections, 1, 1024);
  n_requests = CLAMP (n_requests, 1, 1000000);
  max_seconds = CLAMP (max_seconds, 1, 3600);

  dir = g_dir_make_tmp ("patchbay-bench-XXXXXX", &error);
  if (dir == NULL)
    g_error ("No temporary directory: %s", error->message);
  db_path = g_build_filename (dir, "patchbay.db", NULL);

  store = pb_store_new (db_path, &error);
  if (store == NULL)
    g_error ("The benchmark database could not be created: %s", error->message);
  token = pb_store_dup_inbox_token (store, &error);
  if (token == NULL)
    g_error ("No inbox token: %s", error->message);

  receiver = pb_receiver_new (store);
  pb_receiver_set_port (receiver, 0);
  if (!pb_receiver_start (receiver, &error))
    g_error ("The receiver could not start: %s", error->message);
  receiver_url = pb_receiver_dup_url (receiver, token);

  bare = start_bare_server (&bare_port);
  bare_url = g_strdup_printf ("http://127.0.0.1:%u/hooks/%s", bare_port, token);

  payloads = build_payloads ();
  g_print ("%d requests per server over %d connections, bodies of %" G_GSIZE_FORMAT
           " bytes on average\n", n_requests, n_connections, average_size (payloads));

  bare_load = run_load (bare_url, payloads);
  print_run ("bare", bare_load);
  receiver_load = run_load (receiver_url, payloads);
  print_run ("receiver", receiver_load);

  pb_receiver_stop (receiver);
  g_object_unref (receiver);
  g_object_unref (store);

  missing = count_missing (db_path, receiver_load);
  g_print ("ratio receiver/bare: %.2f\n",
           load_rate (bare_load) > 0 ? load_rate (receiver_load) / load_rate (bare_load) : 0);
  g_print ("acknowledged deliveries missing from the database: %u\n", missing);

  load_free (bare_load);
  load_free (receiver_load);
  remove_dir (dir);

  return missing == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* test-receiver.c: the delivery receiver against well- and ill-formed requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "pb-error.h"
#include "pb-receiver.h"
#include "pb-store.h"
#include "pb-test-core.h"

#define MAX_BODY (64 * 1024)
#define GUARD_SECONDS 30
#define GOOD_BODY "{\"action\":{\"id\":%d,\"subject_id\":1364,\"subject_type\":\"Opportunity\"," \
                  "\"action_type\":\"convert_to_order\",\"name\":\"Summer Festival\"," \
                  "\"member\":{\"id\":7,\"name\":\"Anna Smith\"}}}"

typedef struct
{
  PbStore    *store;
  PbReceiver *receiver;
  char       *token;
  guint       port;
  int         next_action_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->store = pb_test_store_new ();
  fixture->token = pb_store_dup_inbox_token (fixture->store, &error);
  g_assert_no_error (error);

  fixture->receiver = pb_receiver_new (fixture->store);
  pb_receiver_set_port (fixture->receiver, 0);
  pb_receiver_set_max_body_size (fixture->receiver, MAX_BODY);
  pb_receiver_set_request_timeout (fixture->receiver, 1);
  g_assert_true (pb_receiver_start (fixture->receiver, &error));
  g_assert_no_error (error);

  fixture->port = pb_receiver_get_bound_port (fixture->receiver);
  g_assert_cmpuint (fixture->port, >, 0);
  fixture->next_action_id = 1000;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  pb_receiver_stop (fixture->receiver);
  g_assert_finalize_object (fixture->receiver);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->token, g_free);
}

static guint
count_rows (Fixture *fixture)
{
  PbDeliveryQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  guint count;

  count = pb_store_count_deliveries (fixture->store, &query, &error);
  g_assert_no_error (error);
  return count;
}

/* Raw HTTP over TCP ---------------------------------------------------------
 *
 * Requests are written by a worker thread with blocking I/O, while the main
 * thread runs the receiver's main loop. */

typedef struct
{
  guint     port;
  GBytes   *request;
  gboolean  head;
  gint     *gate;        /* when set, the request waits for this to become 1 */

  guint     status;
  gboolean  closed;      /* the server closed without (or after) answering */
  gint      done;
} RawCall;

static gssize
find_header_end (GString *buffer)
{
  const char *end = g_strstr_len (buffer->str, buffer->len, "\r\n\r\n");

  return end != NULL ? end - buffer->str + 4 : -1;
}

static gboolean
response_complete (GString  *buffer,
                   gboolean  head)
{
  gssize header_end = find_header_end (buffer);
  const char *length;

  if (header_end < 0)
    return FALSE;
  if (head)
    return TRUE;

  length = g_strstr_len (buffer->str, header_end, "Content-Length: ");
  if (length == NULL)
    return FALSE;

  return buffer->len >= header_end + g_ascii_strtoull (length + 16, NULL, 10);
}

static void
read_response (RawCall      *call,
               GInputStream *input)
{
  g_autoptr(GString) buffer = g_string_new (NULL);
  char chunk[4096];

  while (!response_complete (buffer, call->head))
    {
      gssize n_read = g_input_stream_read (input, chunk, sizeof chunk, NULL, NULL);

      if (n_read <= 0)
        {
          call->closed = TRUE;
          break;
        }
      g_string_append_len (buffer, chunk, n_read);
    }

  if (g_str_has_prefix (buffer->str, "HTTP/1.") && buffer->len > 12)
    call->status = g_ascii_strtoull (buffer->str + 9, NULL, 10);
}

static gpointer
raw_call_thread (gpointer data)
{
  RawCall *call = data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  GOutputStream *output;

  g_socket_client_set_timeout (client, 10);
  g_socket_client_set_enable_proxy (client, FALSE);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", call->port, NULL, NULL);
  if (connection != NULL)
    {
      output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
      g_output_stream_write_all (output, g_bytes_get_data (call->request, NULL),
                                 g_bytes_get_size (call->request), NULL, NULL, NULL);
      read_response (call, g_io_stream_get_input_stream (G_IO_STREAM (connection)));
    }

  g_atomic_int_set (&call->done, 1);
  g_main_context_wakeup (NULL);
  return NULL;
}

static RawCall *
raw_call_start (guint    port,
                GBytes  *request)
{
  RawCall *call = g_new0 (RawCall, 1);
  const char *data = g_bytes_get_data (request, NULL);

  call->port = port;
  call->request = g_bytes_ref (request);
  call->head = g_str_has_prefix (data, "HEAD ");
  g_thread_unref (g_thread_new ("raw-call", raw_call_thread, call));
  return call;
}

static void
raw_call_free (RawCall *call)
{
  g_bytes_unref (call->request);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RawCall, raw_call_free)

static RawCall *
raw_call (guint   port,
          GBytes *request)
{
  RawCall *call = raw_call_start (port, request);

  PB_TEST_WAIT_FOR (g_atomic_int_get (&call->done), GUARD_SECONDS);
  return call;
}

static GBytes *
build_post (const char *path,
            const char *body)
{
  g_autofree char *text = g_strdup_printf ("POST %s HTTP/1.1\r\n"
                                           "Host: 127.0.0.1\r\n"
                                           "Content-Type: application/json\r\n"
                                           "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                           "\r\n%s",
                                           path, strlen (body), body);

  return g_bytes_new (text, strlen (text));
}

static void
post_good_delivery (Fixture *fixture)
{
  g_autofree char *path = g_strdup_printf ("/hooks/%s", fixture->token);
  g_autofree char *body = g_strdup_printf (GOOD_BODY, fixture->next_action_id++);
  g_autoptr(GBytes) request = build_post (path, body);
  g_autoptr(RawCall) call = raw_call (fixture->port, request);

  g_assert_cmpuint (call->status, ==, 200);
}

/* The table of bad requests ---------------------------------------------- */

typedef enum
{
  BODY_NONE,
  BODY_CHUNKED_OVER_LIMIT,
  BODY_DEEP_JSON,
  BODY_LONG_HEADER,
} BodyKind;

typedef struct
{
  const char *name;
  const char *request;    /* "{token}" is replaced by the valid token */
  BodyKind    body_kind;
  guint       status;     /* 0: the server must close without an answer */
  gboolean    may_close;  /* closing instead of answering is acceptable too */
  guint       stored;     /* rows this request adds */
} BadRequest;

#define HOOK "/hooks/{token}"
#define HOST "Host: 127.0.0.1\r\n"

static const BadRequest bad_requests[] = {
  { "unknown-token", "POST /hooks/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz HTTP/1.1\r\n" HOST
    "Content-Length: 2\r\n\r\n{}", BODY_NONE, 404, FALSE, 0 },
  { "short-token", "POST /hooks/abc HTTP/1.1\r\n" HOST "Content-Length: 0\r\n\r\n",
    BODY_NONE, 404, FALSE, 0 },
  { "dotted-token", "POST /hooks/..%2F..%2Fetc%2Fpasswd HTTP/1.1\r\n" HOST
    "Content-Length: 0\r\n\r\n", BODY_NONE, 404, FALSE, 0 },
  { "dots-after-token", "POST " HOOK "/../x HTTP/1.1\r\n" HOST "Content-Length: 0\r\n\r\n",
    BODY_NONE, 404, FALSE, 0 },
  { "get-hook", "GET " HOOK " HTTP/1.1\r\n" HOST "\r\n", BODY_NONE, 405, FALSE, 0 },
  { "put-hook", "PUT " HOOK " HTTP/1.1\r\n" HOST "Content-Length: 2\r\n\r\n{}",
    BODY_NONE, 405, FALSE, 0 },
  { "delete-hook", "DELETE " HOOK " HTTP/1.1\r\n" HOST "\r\n", BODY_NONE, 405, FALSE, 0 },
  { "head-hook", "HEAD " HOOK " HTTP/1.1\r\n" HOST "\r\n", BODY_NONE, 405, FALSE, 0 },
  { "other-path", "POST /webhooks HTTP/1.1\r\n" HOST "Content-Length: 2\r\n\r\n{}",
    BODY_NONE, 404, FALSE, 0 },
  { "hooks-root", "POST /hooks/ HTTP/1.1\r\n" HOST "Content-Length: 0\r\n\r\n",
    BODY_NONE, 404, FALSE, 0 },
  { "favicon", "GET /favicon.ico HTTP/1.1\r\n" HOST "\r\n", BODY_NONE, 404, FALSE, 0 },
  { "length-over-limit", "POST " HOOK " HTTP/1.1\r\n" HOST "Content-Length: 10485760\r\n\r\n",
    BODY_NONE, 413, FALSE, 0 },
  { "expect-over-limit", "POST " HOOK " HTTP/1.1\r\n" HOST "Expect: 100-continue\r\n"
    "Content-Length: 10485760\r\n\r\n", BODY_NONE, 413, FALSE, 0 },
  { "chunked-over-limit", "POST " HOOK " HTTP/1.1\r\n" HOST
    "Transfer-Encoding: chunked\r\n\r\n", BODY_CHUNKED_OVER_LIMIT, 413, FALSE, 0 },
  { "empty-body", "POST " HOOK " HTTP/1.1\r\n" HOST "Content-Length: 0\r\n\r\n",
    BODY_NONE, 400, FALSE, 1 },
  { "not-json", "POST " HOOK " HTTP/1.1\r\n" HOST "Content-Length: 11\r\n\r\nhello world",
    BODY_NONE, 400, FALSE, 1 },
  { "json-array", "POST " HOOK " HTTP/1.1\r\n" HOST "Content-Length: 7\r\n\r\n[1,2,3]",
    BODY_NONE, 400, FALSE, 1 },
  { "json-string", "POST " HOOK " HTTP/1.1\r\n" HOST "Content-Length: 5\r\n\r\n\"abc\"",
    BODY_NONE, 400, FALSE, 1 },
  { "truncated-json", "POST " HOOK " HTTP/1.1\r\n" HOST "Content-Length: 17\r\n\r\n"
    "{\"action\":{\"id\":1", BODY_NONE, 400, FALSE, 1 },
  { "invalid-utf8", "POST " HOOK " HTTP/1.1\r\n" HOST "Content-Length: 24\r\n\r\n"
    "{\"action\":{\"name\":\"\xff\xfe\"}}", BODY_NONE, 400, FALSE, 1 },
  { "deep-json", "POST " HOOK " HTTP/1.1\r\n" HOST, BODY_DEEP_JSON, 400, FALSE, 0 },
  { "long-header", "POST " HOOK " HTTP/1.1\r\n" HOST, BODY_LONG_HEADER, 400, TRUE, 0 },
  { "garbage-line", "\x01\x02 garbage \xff\r\n\r\n", BODY_NONE, 400, TRUE, 0 },
  { "http11-no-host", "POST " HOOK " HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}",
    BODY_NONE, 400, FALSE, 0 },
  { "http10-no-host", "POST " HOOK " HTTP/1.0\r\nContent-Length: 2\r\n\r\n{}",
    BODY_NONE, 200, FALSE, 1 },
  { "short-length", "POST " HOOK " HTTP/1.1\r\n" HOST "Content-Length: 10\r\n\r\n"
    "{\"action\":{\"id\":5}}", BODY_NONE, 400, FALSE, 1 },
  { "options-hook", "OPTIONS " HOOK " HTTP/1.1\r\n" HOST "\r\n", BODY_NONE, 405, FALSE, 0 },
};

static void
append_chunked_over_limit (GString *request)
{
  g_autofree char *chunk = g_strnfill (8192, 'a');

  for (gsize sent = 0; sent <= MAX_BODY + 8192; sent += 8192)
    g_string_append_printf (request, "2000\r\n%s\r\n", chunk);
  g_string_append (request, "0\r\n\r\n");
}

static void
append_deep_json (GString *request)
{
  g_autofree char *open = g_strnfill (20000, '[');
  g_autofree char *close = g_strnfill (20000, ']');

  g_string_append_printf (request, "Content-Length: 40000\r\n\r\n%s%s", open, close);
}

static void
append_long_header (GString *request)
{
  g_autofree char *value = g_strnfill (200 * 1024, 'x');

  g_string_append_printf (request, "X-Padding: %s\r\nContent-Length: 2\r\n\r\n{}", value);
}

static GBytes *
build_bad_request (const BadRequest *bad,
                   const char       *token)
{
  g_autoptr(GString) request = g_string_new (NULL);

  g_string_append (request, bad->request);
  g_string_replace (request, "{token}", token, 0);

  if (bad->body_kind == BODY_CHUNKED_OVER_LIMIT)
    append_chunked_over_limit (request);
  else if (bad->body_kind == BODY_DEEP_JSON)
    append_deep_json (request);
  else if (bad->body_kind == BODY_LONG_HEADER)
    append_long_header (request);

  return g_string_free_to_bytes (g_steal_pointer (&request));
}

static void
test_bad_requests (Fixture       *fixture,
                   gconstpointer  data)
{
  guint expected_rows = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (bad_requests); i++)
    {
      const BadRequest *bad = &bad_requests[i];
      g_autoptr(GBytes) request = build_bad_request (bad, fixture->token);
      g_autoptr(RawCall) call = NULL;

      g_test_message ("bad request: %s", bad->name);
      call = raw_call (fixture->port, request);

      if (bad->may_close && call->status == 0)
        g_assert_true (call->closed);
      else
        g_assert_cmpuint (call->status, ==, bad->status);

      /* Nothing that was answered 2xx may be missing, nothing else may appear. */
      expected_rows += bad->stored;
      g_assert_cmpuint (count_rows (fixture), ==, expected_rows);

      post_good_delivery (fixture);
      expected_rows++;
      g_assert_cmpuint (count_rows (fixture), ==, expected_rows);
    }

  g_assert_cmpuint (pb_receiver_get_received_count (fixture->receiver), ==, expected_rows);
}

/* Slow and silent clients ------------------------------------------------- */

static void
check_stalled_client (Fixture *fixture,
                      GBytes  *stalled_request)
{
  RawCall *stalled;
  guint rows = count_rows (fixture);
  g_autoptr(GError) error = NULL;

  /* Long enough that the other client is answered first, short enough for a test. */
  pb_receiver_stop (fixture->receiver);
  pb_receiver_set_request_timeout (fixture->receiver, 3);
  g_assert_true (pb_receiver_start (fixture->receiver, &error));
  g_assert_no_error (error);
  fixture->port = pb_receiver_get_bound_port (fixture->receiver);
  stalled = raw_call_start (fixture->port, stalled_request);

  /* Another client is served while the first one holds its connection. */
  post_good_delivery (fixture);
  g_assert_cmpuint (count_rows (fixture), ==, rows + 1);
  g_assert_false (g_atomic_int_get (&stalled->done));

  PB_TEST_WAIT_FOR (g_atomic_int_get (&stalled->done), GUARD_SECONDS);
  g_assert_true (stalled->closed);
  g_assert_cmpuint (stalled->status, ==, 0);
  g_assert_cmpuint (count_rows (fixture), ==, rows + 1);

  raw_call_free (stalled);
}

static void
test_stalled_body (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *text = g_strdup_printf ("POST /hooks/%s HTTP/1.1\r\n" HOST
                                           "Content-Length: 500\r\n\r\n{\"action\":",
                                           fixture->token);
  g_autoptr(GBytes) request = g_bytes_new (text, strlen (text));

  check_stalled_client (fixture, request);
}

static void
test_stalled_headers (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *text = g_strdup_printf ("POST /hooks/%s HTTP/1.1\r\n" HOST, fixture->token);
  g_autoptr(GBytes) request = g_bytes_new (text, strlen (text));

  check_stalled_client (fixture, request);
}

static void
test_silent_client (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GBytes) request = g_bytes_new_static ("", 0);

  check_stalled_client (fixture, request);
}

/* Good deliveries --------------------------------------------------------- */

typedef struct
{
  Fixture    *fixture;
  guint       status;
  guint       rows_at_answer;
  gint        done;
} SessionCall;

static void
session_sent_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SessionCall *call = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_assert_no_error (error);
  call->status = soup_message_get_status (msg);
  call->rows_at_answer = count_rows (call->fixture);
  g_atomic_int_set (&call->done, 1);
}

static guint
session_post (Fixture    *fixture,
              const char *url,
              const char *body,
              guint      *rows_at_answer)
{
  g_autoptr(GProxyResolver) no_proxy = g_simple_proxy_resolver_new (NULL, NULL);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", no_proxy,
                                                                  NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  SessionCall call = { fixture, 0, 0, 0 };

  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                    session_sent_cb, &call);
  PB_TEST_WAIT_FOR (g_atomic_int_get (&call.done), GUARD_SECONDS);

  if (rows_at_answer != NULL)
    *rows_at_answer = call.rows_at_answer;
  return call.status;
}

static void
on_delivery (PbReceiver *receiver,
             PbDelivery *delivery,
             GPtrArray  *seen)
{
  g_ptr_array_add (seen, g_object_ref (delivery));
}

static void
test_good_delivery (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *url = pb_receiver_dup_url (fixture->receiver, fixture->token);
  g_autofree char *body = g_strdup_printf (GOOD_BODY, 4242);
  PbDelivery *delivery;
  guint rows = 0;

  g_signal_connect (fixture->receiver, "delivery", G_CALLBACK (on_delivery), seen);

  g_assert_cmpuint (session_post (fixture, url, body, &rows), ==, 200);
  g_assert_cmpuint (rows, ==, 1);
  g_assert_cmpuint (seen->len, ==, 1);

  delivery = g_ptr_array_index (seen, 0);
  g_assert_cmpint (pb_delivery_get_id (delivery), >, 0);
  g_assert_cmpstr (pb_delivery_get_token (delivery), ==, fixture->token);
  g_assert_cmpint (pb_delivery_get_action_id (delivery), ==, 4242);
  g_assert_cmpuint (pb_delivery_get_status_code (delivery), ==, 200);
  g_assert_true (pb_delivery_get_valid (delivery));
  g_assert_false (pb_delivery_get_is_retry (delivery));
  g_assert_nonnull (strstr (pb_delivery_get_headers_json (delivery), "application/json"));

  /* Current RMS sends the same action again when an answer was lost. */
  g_assert_cmpuint (session_post (fixture, url, body, &rows), ==, 200);
  g_assert_cmpuint (rows, ==, 2);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_true (pb_delivery_get_is_retry (g_ptr_array_index (seen, 1)));
  g_assert_cmpuint (pb_receiver_get_received_count (fixture->receiver), ==, 2);

  g_signal_handlers_disconnect_by_data (fixture->receiver, seen);
}

static void
test_path_variants (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *suffixes[] = { "/", "?source=crms", "/?a=1&b=2" };
  g_autofree char *url = pb_receiver_dup_url (fixture->receiver, fixture->token);
  g_autofree char *base = pb_receiver_dup_local_base (fixture->receiver);
  g_autofree char *health = NULL;
  g_autofree char *body = g_strdup_printf (GOOD_BODY, 77);

  g_assert_true (g_str_has_prefix (url, base));
  g_assert_true (g_str_has_prefix (base, "http://127.0.0.1:"));

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *variant = g_strconcat (url, suffixes[i], NULL);

      g_assert_cmpuint (session_post (fixture, variant, body, NULL), ==, 200);
    }
  g_assert_cmpuint (count_rows (fixture), ==, G_N_ELEMENTS (suffixes));
}

static void
test_health (Fixture       *fixture,
             gconstpointer  data)
{
  static const char text[] = "GET / HTTP/1.1\r\n" HOST "\r\n";
  g_autoptr(GBytes) request = g_bytes_new_static (text, strlen (text));
  g_autoptr(RawCall) call = raw_call (fixture->port, request);

  g_assert_cmpuint (call->status, ==, 200);
  g_assert_cmpuint (count_rows (fixture), ==, 0);
}

/* Lifecycle ----------------------------------------------------------------- */

static void
test_restart (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  g_signal_connect (fixture->receiver, "notify::listening", G_CALLBACK (pb_test_count_notify),
                    &notified);

  pb_receiver_stop (fixture->receiver);
  g_assert_false (pb_receiver_get_listening (fixture->receiver));
  g_assert_cmpuint (pb_receiver_get_bound_port (fixture->receiver), ==, 0);
  pb_receiver_stop (fixture->receiver);
  g_assert_cmpuint (notified, ==, 1);

  g_assert_true (pb_receiver_start (fixture->receiver, &error));
  g_assert_no_error (error);
  g_assert_true (pb_receiver_start (fixture->receiver, &error));
  g_assert_cmpuint (notified, ==, 2);
  g_assert_true (pb_receiver_get_listening (fixture->receiver));

  fixture->port = pb_receiver_get_bound_port (fixture->receiver);
  post_good_delivery (fixture);
  g_assert_cmpuint (count_rows (fixture), ==, 1);

  g_signal_handlers_disconnect_by_data (fixture->receiver, &notified);
}

static void
test_port_fallback (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GSocket) blocker = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint taken;

  blocker = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                          G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (blocker, any_port, FALSE, &error));
  g_assert_true (g_socket_listen (blocker, &error));
  bound = g_socket_get_local_address (blocker, &error);
  g_assert_no_error (error);
  taken = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  pb_receiver_stop (fixture->receiver);
  pb_receiver_set_port (fixture->receiver, taken);
  g_assert_true (pb_receiver_start (fixture->receiver, &error));
  g_assert_no_error (error);

  g_assert_true (pb_receiver_get_port_fell_back (fixture->receiver));
  g_assert_cmpuint (pb_receiver_get_bound_port (fixture->receiver), !=, taken);
  g_assert_cmpuint (pb_receiver_get_bound_port (fixture->receiver), >, 0);

  fixture->port = pb_receiver_get_bound_port (fixture->receiver);
  post_good_delivery (fixture);

  /* Once the port is free again, a restart takes it. */
  g_socket_close (blocker, NULL);
  pb_receiver_stop (fixture->receiver);
  g_assert_true (pb_receiver_start (fixture->receiver, &error));
  g_assert_no_error (error);
  g_assert_false (pb_receiver_get_port_fell_back (fixture->receiver));
  g_assert_cmpuint (pb_receiver_get_bound_port (fixture->receiver), ==, taken);
}

static void
test_bad_address (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  pb_receiver_stop (fixture->receiver);
  pb_receiver_set_address (fixture->receiver, "not an address");
  g_assert_false (pb_receiver_start (fixture->receiver, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_INPUT);
  g_assert_false (pb_receiver_get_listening (fixture->receiver));

  pb_receiver_set_address (fixture->receiver, NULL);
  g_assert_cmpstr (pb_receiver_get_address (fixture->receiver), ==, PB_RECEIVER_DEFAULT_ADDRESS);
}

/* URLs ------------------------------------------------------------------------ */

static void
test_public_url (Fixture       *fixture,
                 gconstpointer  data)
{
  static const struct {
    const char *public_url;
    const char *expected;
  } cases[] = {
    { "https://abc.tunnel.example", "https://abc.tunnel.example/hooks/T0K3N" },
    { "https://abc.tunnel.example/", "https://abc.tunnel.example/hooks/T0K3N" },
    { "https://abc.tunnel.example/hooks", "https://abc.tunnel.example/hooks/T0K3N" },
    { "https://abc.tunnel.example/hooks/", "https://abc.tunnel.example/hooks/T0K3N" },
    { "https://host.example/patchbay", "https://host.example/patchbay/hooks/T0K3N" },
    { "  https://host.example//  ", "https://host.example/hooks/T0K3N" },
  };
  g_autofree char *local = NULL;
  g_autofree char *expected_local = NULL;
  guint notified = 0;

  g_signal_connect (fixture->receiver, "notify::public-url", G_CALLBACK (pb_test_count_notify),
                    &notified);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = NULL;

      pb_receiver_set_public_url (fixture->receiver, cases[i].public_url);
      url = pb_receiver_dup_url (fixture->receiver, "T0K3N");
      g_assert_cmpstr (url, ==, cases[i].expected);
    }

  pb_receiver_set_public_url (fixture->receiver, "");
  g_assert_null (pb_receiver_get_public_url (fixture->receiver));
  local = pb_receiver_dup_url (fixture->receiver, "T0K3N");
  expected_local = g_strdup_printf ("http://127.0.0.1:%u/hooks/T0K3N", fixture->port);
  g_assert_cmpstr (local, ==, expected_local);

  pb_receiver_set_public_url (fixture->receiver, NULL);
  g_assert_cmpuint (notified, ==, G_N_ELEMENTS (cases) + 1);

  g_signal_handlers_disconnect_by_data (fixture->receiver, &notified);
}

static void
test_properties (Fixture       *fixture,
                 gconstpointer  data)
{
  guint notified = 0;

  g_signal_connect (fixture->receiver, "notify", G_CALLBACK (pb_test_count_notify), &notified);

  pb_receiver_set_max_body_size (fixture->receiver, MAX_BODY);
  pb_receiver_set_port (fixture->receiver, 0);
  pb_receiver_set_request_timeout (fixture->receiver, 1);
  g_assert_cmpuint (notified, ==, 0);

  pb_receiver_set_max_body_size (fixture->receiver, 1024);
  pb_receiver_set_port (fixture->receiver, 9999);
  pb_receiver_set_request_timeout (fixture->receiver, 5);
  g_assert_cmpuint (notified, ==, 3);

  g_assert_cmpuint (pb_receiver_get_max_body_size (fixture->receiver), ==, 1024);
  g_assert_cmpuint (pb_receiver_get_port (fixture->receiver), ==, 9999);
  g_assert_cmpuint (pb_receiver_get_request_timeout (fixture->receiver), ==, 5);
  g_assert_true (pb_receiver_get_store (fixture->receiver) == fixture->store);

  g_signal_handlers_disconnect_by_data (fixture->receiver, &notified);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/patchbay/receiver/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("bad-requests", test_bad_requests);
  ADD ("stalled-body", test_stalled_body);
  ADD ("stalled-headers", test_stalled_headers);
  ADD ("silent-client", test_silent_client);
  ADD ("good-delivery", test_good_delivery);
  ADD ("path-variants", test_path_variants);
  ADD ("health", test_health);
  ADD ("restart", test_restart);
  ADD ("port-fallback", test_port_fallback);
  ADD ("bad-address", test_bad_address);
  ADD ("public-url", test_public_url);
  ADD ("properties", test_properties);

#undef ADD

  return g_test_run ();
}

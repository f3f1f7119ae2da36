/* test-replay.c: replaying a delivery to a URL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pb-error.h"
#include "pb-replay.h"
#include "pb-test-core.h"

#define BODY "{\"action\":{\"id\":77,\"subject_type\":\"Opportunity\",\"subject_id\":1364," \
             "\"action_type\":\"convert_to_order\",\"name\":\"It's a test\"}}"

typedef struct
{
  SoupServer *server;
  char       *base;
  char       *received_body;
  char       *received_type;
  guint       answer_size;
  PbReplayResult *result;
  GError     *error;
  gboolean    done;
} Fixture;

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  g_free (fixture->received_body);
  fixture->received_body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_free (fixture->received_type);
  fixture->received_type = g_strdup (
    soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL));

  if (fixture->answer_size > 0)
    {
      char *big = g_malloc (fixture->answer_size);

      memset (big, 'x', fixture->answer_size);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_TAKE, big,
                                        fixture->answer_size);
      soup_server_message_set_status (msg, 200, NULL);
      return;
    }

  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    "{\"accepted\":true}", strlen ("{\"accepted\":true}"));
  soup_server_message_set_status (msg, 202, NULL);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, on_request, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (fixture->server);
  fixture->base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_free (fixture->base);
  g_free (fixture->received_body);
  g_free (fixture->received_type);
  g_clear_pointer (&fixture->result, pb_replay_result_free);
  g_clear_error (&fixture->error);
}

static void
on_replayed (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->result = pb_replay_finish (result, &fixture->error);
  fixture->done = TRUE;
}

static void
replay (Fixture    *fixture,
        const char *url)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GBytes) body = g_bytes_new_static (BODY, strlen (BODY));
  g_autoptr(PbDelivery) delivery = pb_delivery_new ("t0ken", body, "{}", g_get_real_time ());

  fixture->done = FALSE;
  pb_replay_async (session, delivery, url, NULL, on_replayed, fixture);
  PB_TEST_WAIT_FOR (fixture->done, 20);
}

static void
test_answer_is_reported (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *url = g_strconcat (fixture->base, "hook", NULL);
  const char *answer;

  replay (fixture, url);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (fixture->result->status, ==, 202);
  g_assert_cmpstr (fixture->result->content_type, ==, "application/json");
  answer = g_bytes_get_data (fixture->result->body, NULL);
  g_assert_cmpmem (answer, g_bytes_get_size (fixture->result->body),
                   "{\"accepted\":true}", strlen ("{\"accepted\":true}"));
  g_assert_false (fixture->result->truncated);
  g_assert_cmpint (fixture->result->elapsed_usec, >, 0);

  /* The body goes out byte for byte, as JSON. */
  g_assert_cmpstr (fixture->received_body, ==, BODY);
  g_assert_cmpstr (fixture->received_type, ==, "application/json");
}

static void
test_large_answer_is_cut (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *url = g_strconcat (fixture->base, "big", NULL);

  fixture->answer_size = PB_REPLAY_MAX_BODY * 2;
  replay (fixture, url);
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (fixture->result->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (fixture->result->body), ==, PB_REPLAY_MAX_BODY);
  g_assert_true (fixture->result->truncated);
}

static void
test_unreachable (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;

  /* A port that was just free: bound, then closed, so nothing listens there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  address = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new_from_string ("127.0.0.1", 0));
  g_assert_true (g_socket_bind (socket, G_SOCKET_ADDRESS (address), TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u/hook",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  replay (fixture, url);
  g_assert_null (fixture->result);
  g_assert_error (fixture->error, PB_ERROR, PB_ERROR_NETWORK);
}

static void
test_bad_url (Fixture       *fixture,
              gconstpointer  data)
{
  replay (fixture, "ftp://127.0.0.1/x");
  g_assert_null (fixture->result);
  g_assert_error (fixture->error, PB_ERROR, PB_ERROR_INVALID_INPUT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/patchbay/replay/answer-is-reported", Fixture, NULL,
              fixture_setup, test_answer_is_reported, fixture_teardown);
  g_test_add ("/patchbay/replay/large-answer-is-cut", Fixture, NULL,
              fixture_setup, test_large_answer_is_cut, fixture_teardown);
  g_test_add ("/patchbay/replay/unreachable", Fixture, NULL,
              fixture_setup, test_unreachable, fixture_teardown);
  g_test_add ("/patchbay/replay/bad-url", Fixture, NULL,
              fixture_setup, test_bad_url, fixture_teardown);

  return g_test_run ();
}

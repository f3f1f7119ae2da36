/* test-simulator.c: the fake Current RMS, driven over loopback HTTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "pb-simulator.h"
#include "pb-test-core.h"

#define SUBDOMAIN "acme"
#define API_KEY   "sim-test-key"
#define ISO_TIME  "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"

typedef struct
{
  PbSimulator *sim;
  SoupSession *session;
  char        *api_base;

  /* A loopback receiver standing in for the webhooks' targets. */
  SoupServer  *target;
  char        *target_url;
  GPtrArray   *received;
  GArray      *answers;
  guint        attempts;
  guint        last_status;
} Fixture;

typedef struct
{
  gboolean  done;
  guint     status;
  char     *content_type;
  char     *retry_after;
  JsonNode *root;
  GError   *error;
} Reply;

static void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->content_type, g_free);
  g_clear_pointer (&reply->retry_after, g_free);
  g_clear_pointer (&reply->root, json_node_unref);
  g_clear_error (&reply->error);
}

static void
on_target_request (SoupServer        *server,
                   SoupServerMessage *message,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  guint status = SOUP_STATUS_OK;

  fixture->attempts++;
  if (fixture->answers->len > 0)
    {
      status = g_array_index (fixture->answers, guint, 0);
      g_array_remove_index (fixture->answers, 0);
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_assert_cmpstr (soup_message_headers_get_content_type (headers, NULL), ==,
                       "application/json");
      g_ptr_array_add (fixture->received, json_from_string (body->data, NULL));
    }

  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

static void wait_received (Fixture *fixture,
                           guint    n);

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fixture->sim = pb_simulator_new (SUBDOMAIN, API_KEY);
  g_assert_true (pb_simulator_start (fixture->sim, &error));
  g_assert_no_error (error);
  fixture->api_base = pb_simulator_dup_api_base (fixture->sim);
  fixture->session = soup_session_new ();

  fixture->received = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
  fixture->answers = g_array_new (FALSE, FALSE, sizeof (guint));
  fixture->target = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->target, "/hooks", on_target_request, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->target, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  uris = soup_server_get_uris (fixture->target);
  fixture->target_url = g_strdup_printf ("http://127.0.0.1:%d/hooks/t0ken-for-tests",
                                         g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->sim);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->api_base, g_free);
  soup_server_disconnect (fixture->target);
  g_clear_object (&fixture->target);
  g_clear_pointer (&fixture->target_url, g_free);
  g_clear_pointer (&fixture->received, g_ptr_array_unref);
  g_clear_pointer (&fixture->answers, g_array_unref);
}

static void
on_replied (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Reply *reply = user_data;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) bytes = NULL;
  SoupMessageHeaders *headers;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &reply->error);
  reply->done = TRUE;
  if (bytes == NULL)
    return;

  headers = soup_message_get_response_headers (message);
  reply->status = soup_message_get_status (message);
  reply->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  reply->retry_after = g_strdup (soup_message_headers_get_one (headers, "Retry-After"));
  if (g_strcmp0 (reply->content_type, "application/json") == 0)
    reply->root = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
}

static void
send_full (Fixture    *fixture,
           const char *method,
           const char *path,
           const char *body,
           const char *subdomain,
           const char *key,
           Reply      *reply)
{
  g_autofree char *url = g_strconcat (fixture->api_base, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  if (subdomain != NULL)
    soup_message_headers_replace (headers, "X-SUBDOMAIN", subdomain);
  if (key != NULL)
    soup_message_headers_replace (headers, "X-AUTH-TOKEN", key);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }

  reply_clear (reply);
  reply->done = FALSE;
  soup_session_send_and_read_async (fixture->session, message, G_PRIORITY_DEFAULT, NULL,
                                    on_replied, reply);
  PB_TEST_WAIT_FOR (reply->done, 20);
}

static void
send_api (Fixture    *fixture,
          const char *method,
          const char *path,
          const char *body,
          Reply      *reply)
{
  send_full (fixture, method, path, body, SUBDOMAIN, API_KEY, reply);
}

static JsonObject *
reply_object (Reply *reply)
{
  g_assert_nonnull (reply->root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->root));
  return json_node_get_object (reply->root);
}

static void
test_auth (Fixture       *fixture,
           gconstpointer  data)
{
  Reply reply = { 0 };
  JsonArray *errors;

  send_full (fixture, "GET", "/webhooks", NULL, NULL, NULL, &reply);
  g_assert_cmpuint (reply.status, ==, 401);
  errors = json_object_get_array_member (reply_object (&reply), "errors");
  g_assert_cmpuint (json_array_get_length (errors), ==, 1);

  send_full (fixture, "GET", "/webhooks", NULL, SUBDOMAIN, "wrong-key", &reply);
  g_assert_cmpuint (reply.status, ==, 401);
  send_full (fixture, "GET", "/webhooks", NULL, "other", API_KEY, &reply);
  g_assert_cmpuint (reply.status, ==, 401);

  send_api (fixture, "GET", "/webhooks", NULL, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (reply.content_type, ==, "application/json");

  g_assert_cmpuint (pb_simulator_get_request_count (fixture->sim), ==, 4);
  g_assert_cmpuint (pb_simulator_count_requests (fixture->sim, "GET"), ==, 4);
  g_assert_cmpuint (pb_simulator_count_requests (fixture->sim, "POST"), ==, 0);
  reply_clear (&reply);
}

static void
add_numbered (Fixture *fixture,
              guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Hook %u", i + 1);

      pb_simulator_add_webhook (fixture->sim, name, "opportunity_create", fixture->target_url,
                                TRUE);
    }
}

static void
assert_page (Reply  *reply,
             gint64  total,
             gint64  rows,
             gint64  page,
             gint64  per_page)
{
  JsonObject *root = reply_object (reply);
  JsonObject *meta = json_object_get_object_member (root, "meta");
  JsonArray *webhooks = json_object_get_array_member (root, "webhooks");

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpint (json_array_get_length (webhooks), ==, rows);
  g_assert_cmpint (json_object_get_int_member (meta, "total_row_count"), ==, total);
  g_assert_cmpint (json_object_get_int_member (meta, "row_count"), ==, rows);
  g_assert_cmpint (json_object_get_int_member (meta, "page"), ==, page);
  g_assert_cmpint (json_object_get_int_member (meta, "per_page"), ==, per_page);
}

static void
test_pagination (Fixture       *fixture,
                 gconstpointer  data)
{
  Reply reply = { 0 };
  JsonArray *webhooks;
  JsonObject *first;

  add_numbered (fixture, 45);

  send_api (fixture, "GET", "/webhooks", NULL, &reply);
  assert_page (&reply, 45, 20, 1, 20);

  send_api (fixture, "GET", "/webhooks?page=2&per_page=20", NULL, &reply);
  assert_page (&reply, 45, 20, 2, 20);
  webhooks = json_object_get_array_member (reply_object (&reply), "webhooks");
  first = json_array_get_object_element (webhooks, 0);
  g_assert_cmpint (json_object_get_int_member (first, "id"), ==, 21);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "Hook 21");

  send_api (fixture, "GET", "/webhooks?page=3&per_page=20", NULL, &reply);
  assert_page (&reply, 45, 5, 3, 20);

  send_api (fixture, "GET", "/webhooks?page=9&per_page=20", NULL, &reply);
  assert_page (&reply, 45, 0, 9, 20);

  reply_clear (&reply);
}

static void
test_per_page_cap (Fixture       *fixture,
                   gconstpointer  data)
{
  Reply reply = { 0 };

  add_numbered (fixture, 130);

  send_api (fixture, "GET", "/webhooks?per_page=500", NULL, &reply);
  assert_page (&reply, 130, 100, 1, 100);

  send_api (fixture, "GET", "/webhooks?page=2&per_page=100", NULL, &reply);
  assert_page (&reply, 130, 30, 2, 100);

  send_api (fixture, "GET", "/webhooks?per_page=nonsense", NULL, &reply);
  assert_page (&reply, 130, 20, 1, 20);

  reply_clear (&reply);
}

static const char *
first_error (JsonObject *errors,
             const char *field)
{
  JsonArray *messages = json_object_get_array_member (errors, field);

  g_assert_nonnull (messages);
  return json_array_get_string_element (messages, 0);
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  Reply reply = { 0 };
  JsonObject *errors;

  send_api (fixture, "POST", "/webhooks",
            "{\"webhook\":{\"name\":\"  \",\"event\":\"Opportunity Create\","
            "\"target_url\":\"ftp://example.com/x\"}}", &reply);
  g_assert_cmpuint (reply.status, ==, 422);
  errors = json_object_get_object_member (reply_object (&reply), "errors");
  g_assert_cmpstr (first_error (errors, "name"), ==, "can't be blank");
  g_assert_cmpstr (first_error (errors, "event"), ==, "is invalid");
  g_assert_cmpstr (first_error (errors, "target_url"), ==, "is invalid");

  send_api (fixture, "POST", "/webhooks",
            "{\"webhook\":{\"name\":\"Ok\",\"event\":\"opportunity_\","
            "\"target_url\":\"/relative/path\"}}", &reply);
  g_assert_cmpuint (reply.status, ==, 422);
  errors = json_object_get_object_member (reply_object (&reply), "errors");
  g_assert_false (json_object_has_member (errors, "name"));
  g_assert_cmpstr (first_error (errors, "event"), ==, "is invalid");
  g_assert_cmpstr (first_error (errors, "target_url"), ==, "is invalid");

  send_api (fixture, "POST", "/webhooks", "{\"webhook\":{}}", &reply);
  g_assert_cmpuint (reply.status, ==, 422);
  errors = json_object_get_object_member (reply_object (&reply), "errors");
  g_assert_cmpstr (first_error (errors, "target_url"), ==, "can't be blank");

  send_api (fixture, "POST", "/webhooks", "{\"name\":\"no root\"}", &reply);
  g_assert_cmpuint (reply.status, ==, 400);
  send_api (fixture, "POST", "/webhooks", "not json", &reply);
  g_assert_cmpuint (reply.status, ==, 400);

  g_assert_cmpuint (pb_simulator_get_request_count (fixture->sim), ==, 5);
  g_assert_null (pb_simulator_lookup_webhook (fixture->sim, 1));
  reply_clear (&reply);
}

static JsonObject *
reply_webhook (Reply *reply)
{
  return json_object_get_object_member (reply_object (reply), "webhook");
}

static void
test_crud (Fixture       *fixture,
           gconstpointer  data)
{
  Reply reply = { 0 };
  g_autofree char *body = NULL;
  JsonObject *webhook;
  PbWebhook *stored;
  gint64 id;

  body = g_strdup_printf ("{\"webhook\":{\"name\":\"Warehouse\","
                          "\"event\":\"opportunity_convert_to_order\",\"target_url\":\"%s\"}}",
                          fixture->target_url);
  send_api (fixture, "POST", "/webhooks", body, &reply);
  g_assert_cmpuint (reply.status, ==, 201);
  webhook = reply_webhook (&reply);
  id = json_object_get_int_member (webhook, "id");
  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (json_object_get_string_member (webhook, "name"), ==, "Warehouse");
  g_assert_true (json_object_get_boolean_member (webhook, "active"));
  g_assert_true (g_regex_match_simple (ISO_TIME,
                                       json_object_get_string_member (webhook, "created_at"),
                                       0, 0));
  g_assert_true (g_regex_match_simple (ISO_TIME,
                                       json_object_get_string_member (webhook, "updated_at"),
                                       0, 0));

  send_api (fixture, "POST", "/webhooks",
            "{\"Webhook\":{\"name\":\"Capital root\",\"event\":\"invoice_create\","
            "\"target_url\":\"https://example.com/x\",\"active\":false}}", &reply);
  g_assert_cmpuint (reply.status, ==, 201);
  g_assert_cmpint (json_object_get_int_member (reply_webhook (&reply), "id"), ==, id + 1);
  g_assert_false (json_object_get_boolean_member (reply_webhook (&reply), "active"));

  send_api (fixture, "GET", "/webhooks/1", NULL, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (reply_webhook (&reply), "event"), ==,
                   "opportunity_convert_to_order");

  send_api (fixture, "PUT", "/webhooks/1", "{\"webhook\":{\"active\":false}}", &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  webhook = reply_webhook (&reply);
  g_assert_false (json_object_get_boolean_member (webhook, "active"));
  g_assert_cmpstr (json_object_get_string_member (webhook, "name"), ==, "Warehouse");
  stored = pb_simulator_lookup_webhook (fixture->sim, 1);
  g_assert_false (pb_webhook_get_active (stored));
  g_assert_cmpstr (pb_webhook_get_target_url (stored), ==, fixture->target_url);

  send_api (fixture, "PUT", "/webhooks/1", "{\"webhook\":{\"target_url\":\"nope\"}}", &reply);
  g_assert_cmpuint (reply.status, ==, 422);
  g_assert_cmpstr (pb_webhook_get_target_url (stored), ==, fixture->target_url);

  send_api (fixture, "DELETE", "/webhooks/1", NULL, &reply);
  g_assert_cmpuint (reply.status, ==, 204);
  g_assert_null (pb_simulator_lookup_webhook (fixture->sim, 1));

  send_api (fixture, "GET", "/webhooks/1", NULL, &reply);
  g_assert_cmpuint (reply.status, ==, 404);
  send_api (fixture, "PUT", "/webhooks/99", "{\"webhook\":{\"active\":true}}", &reply);
  g_assert_cmpuint (reply.status, ==, 404);
  send_api (fixture, "DELETE", "/webhooks/abc", NULL, &reply);
  g_assert_cmpuint (reply.status, ==, 404);

  g_assert_cmpuint (pb_simulator_count_requests (fixture->sim, "PUT"), ==, 3);
  g_assert_cmpuint (pb_simulator_count_requests (fixture->sim, "DELETE"), ==, 2);
  reply_clear (&reply);
}

static void
on_request_seen (PbSimulator *sim,
                 const char  *method,
                 const char  *path,
                 guint        status,
                 gpointer     user_data)
{
  guint *last_status = user_data;

  *last_status = status;
}

static void
test_faults (Fixture       *fixture,
             gconstpointer  data)
{
  static const struct {
    PbSimFault  fault;
    guint       status;
    const char *content_type;
  } cases[] = {
    { PB_SIM_FAULT_UNAUTHORIZED, 401, "application/json" },
    { PB_SIM_FAULT_API_DISABLED, 403, "application/json" },
    { PB_SIM_FAULT_NOT_FOUND, 404, "application/json" },
    { PB_SIM_FAULT_VALIDATION, 422, "application/json" },
    { PB_SIM_FAULT_RATE_LIMITED, 429, "application/json" },
    { PB_SIM_FAULT_SERVER_ERROR, 500, "application/json" },
    { PB_SIM_FAULT_BAD_GATEWAY, 502, "text/html" },
    { PB_SIM_FAULT_HTML_PAGE, 200, "text/html" },
    { PB_SIM_FAULT_MALFORMED_JSON, 200, "application/json" },
  };
  Reply reply = { 0 };
  guint last_status = 0;

  g_signal_connect (fixture->sim, "request", G_CALLBACK (on_request_seen), &last_status);
  pb_simulator_set_retry_after (fixture->sim, 7);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      pb_simulator_inject_fault (fixture->sim, cases[i].fault, 1);
      send_api (fixture, "GET", "/webhooks", NULL, &reply);
      g_assert_cmpuint (reply.status, ==, cases[i].status);
      g_assert_cmpuint (last_status, ==, cases[i].status);
      g_assert_cmpstr (reply.content_type, ==, cases[i].content_type);
      if (cases[i].fault == PB_SIM_FAULT_RATE_LIMITED)
        g_assert_cmpstr (reply.retry_after, ==, "7");
      if (cases[i].fault == PB_SIM_FAULT_MALFORMED_JSON)
        g_assert_null (reply.root);

      send_api (fixture, "GET", "/webhooks", NULL, &reply);
      g_assert_cmpuint (reply.status, ==, 200);
    }

  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_SERVER_ERROR, 2);
  send_api (fixture, "GET", "/webhooks", NULL, &reply);
  g_assert_cmpuint (reply.status, ==, 500);
  send_api (fixture, "GET", "/webhooks", NULL, &reply);
  g_assert_cmpuint (reply.status, ==, 500);
  send_api (fixture, "GET", "/webhooks", NULL, &reply);
  g_assert_cmpuint (reply.status, ==, 200);

  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_SERVER_ERROR, 5);
  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_NONE, 0);
  send_api (fixture, "GET", "/webhooks", NULL, &reply);
  g_assert_cmpuint (reply.status, ==, 200);

  reply_clear (&reply);
}

static void
test_drop_and_slow (Fixture       *fixture,
                    gconstpointer  data)
{
  Reply reply = { 0 };
  guint last_status = 1;
  guint before;

  g_signal_connect (fixture->sim, "request", G_CALLBACK (on_request_seen), &last_status);

  /* libsoup may send an idempotent request again on a fresh connection when
   * a reused one closes, so every attempt it makes is dropped. */
  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_DROP_CONNECTION, 10);
  send_api (fixture, "GET", "/webhooks", NULL, &reply);
  g_assert_nonnull (reply.error);
  g_assert_cmpuint (last_status, ==, 0);
  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_NONE, 0);

  before = pb_simulator_get_request_count (fixture->sim);
  pb_simulator_set_slow_delay (fixture->sim, 50);
  pb_simulator_set_latency (fixture->sim, 10);
  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_SLOW, 1);
  last_status = 1;
  send_api (fixture, "GET", "/webhooks", NULL, &reply);
  g_assert_no_error (reply.error);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpuint (last_status, ==, 200);
  g_assert_cmpuint (pb_simulator_get_request_count (fixture->sim), ==, before + 1);

  /* Stopping with an answer held back must neither send it nor crash. */
  pb_simulator_set_latency (fixture->sim, 5000);
  reply_clear (&reply);
  reply.done = FALSE;
  {
    g_autofree char *url = g_strconcat (fixture->api_base, "/webhooks", NULL);
    g_autoptr(SoupMessage) message = soup_message_new ("GET", url);

    soup_session_send_and_read_async (fixture->session, message, G_PRIORITY_DEFAULT, NULL,
                                      on_replied, &reply);
    PB_TEST_WAIT_FOR (pb_simulator_get_request_count (fixture->sim) != before + 1, 20);
    pb_simulator_stop (fixture->sim);
    PB_TEST_WAIT_FOR (reply.done, 20);
  }
  g_assert_nonnull (reply.error);
  reply_clear (&reply);
}

static void
test_restart (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  Reply reply = { 0 };
  guint port = pb_simulator_get_port (fixture->sim);

  g_assert_cmpuint (port, >, 0);
  g_assert_true (pb_simulator_get_running (fixture->sim));
  pb_simulator_add_webhook (fixture->sim, "Kept", "opportunity_create", fixture->target_url,
                            TRUE);

  pb_simulator_stop (fixture->sim);
  g_assert_false (pb_simulator_get_running (fixture->sim));
  send_api (fixture, "GET", "/webhooks", NULL, &reply);
  g_assert_error (reply.error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);

  g_assert_true (pb_simulator_start (fixture->sim, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pb_simulator_get_port (fixture->sim), ==, port);
  base = pb_simulator_dup_api_base (fixture->sim);
  g_assert_cmpstr (base, ==, fixture->api_base);

  send_api (fixture, "GET", "/webhooks", NULL, &reply);
  g_assert_no_error (reply.error);
  assert_page (&reply, 1, 1, 1, 20);
  reply_clear (&reply);
}

static JsonObject *
received_action (Fixture *fixture,
                 guint    index)
{
  JsonNode *root = g_ptr_array_index (fixture->received, index);

  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_get_object_member (json_node_get_object (root), "action");
}

static void
wait_received (Fixture *fixture,
               guint    n)
{
  PB_TEST_WAIT_FOR (fixture->received->len >= n &&
                    pb_simulator_get_pending_deliveries (fixture->sim) == 0, 20);
}

static void
assert_action_common (JsonObject *action,
                      const char *subject_type,
                      const char *action_type,
                      gint64      subject_id)
{
  JsonObject *member = json_object_get_object_member (action, "member");
  JsonObject *custom = json_object_get_object_member (action, "custom_fields");
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_assert_cmpint (json_object_get_int_member (action, "id"), >, 1000000);
  g_assert_cmpint (json_object_get_int_member (action, "subject_id"), ==, subject_id);
  g_assert_cmpstr (json_object_get_string_member (action, "subject_type"), ==, subject_type);
  g_assert_cmpstr (json_object_get_string_member (action, "action_type"), ==, action_type);
  g_assert_true (g_regex_match_simple (ISO_TIME,
                                       json_object_get_string_member (action, "created_at"),
                                       0, 0));
  g_assert_true (g_regex_match_simple (ISO_TIME,
                                       json_object_get_string_member (action, "updated_at"),
                                       0, 0));
  g_assert_nonnull (json_object_get_string_member (action, "name"));
  g_assert_nonnull (json_object_get_string_member (action, "description"));
  g_assert_true (g_regex_match_simple ("^\\d+\\.\\d+$",
                                       json_object_get_string_member (action, "charge_total"),
                                       0, 0));
  g_assert_nonnull (member);
  g_assert_cmpint (json_object_get_int_member (member, "id"), ==,
                   json_object_get_int_member (action, "member_id"));
  g_assert_nonnull (strchr (json_object_get_string_member (member, "email"), '@'));

  g_assert_nonnull (custom);
  json_object_iter_init (&iter, custom);
  while (json_object_iter_next (&iter, &name, &value))
    g_assert_cmpint (json_node_get_value_type (value), ==, G_TYPE_STRING);
}

static void
test_fire (Fixture       *fixture,
           gconstpointer  data)
{
  JsonObject *action;
  JsonArray *assets;

  pb_simulator_add_webhook (fixture->sim, "Orders", "opportunity_convert_to_order",
                            fixture->target_url, TRUE);
  pb_simulator_add_webhook (fixture->sim, "Off", "opportunity_convert_to_order",
                            fixture->target_url, FALSE);
  pb_simulator_add_webhook (fixture->sim, "Elsewhere", "opportunity_convert_to_order",
                            "https://hooks.example.com/crms/abc", TRUE);
  pb_simulator_add_webhook (fixture->sim, "Other event", "opportunity_create",
                            fixture->target_url, TRUE);
  pb_simulator_add_webhook (fixture->sim, "Scans", "opportunity_book_out_item",
                            fixture->target_url, TRUE);
  pb_simulator_add_webhook (fixture->sim, "Stock", "stock_level_create", fixture->target_url,
                            TRUE);

  g_assert_cmpuint (pb_simulator_fire_event (fixture->sim, "opportunity_convert_to_order", 4242),
                    ==, 1);
  wait_received (fixture, 1);
  g_assert_cmpuint (fixture->received->len, ==, 1);
  action = received_action (fixture, 0);
  assert_action_common (action, "Opportunity", "convert_to_order", 4242);
  g_assert_false (json_object_has_member (action, "content"));
  g_assert_true (json_object_get_null_member (action, "source_type"));

  g_assert_cmpuint (pb_simulator_fire_event (fixture->sim, "opportunity_book_out_item", 77), ==,
                    1);
  wait_received (fixture, 2);
  action = received_action (fixture, 1);
  assert_action_common (action, "Opportunity", "book_out_item", 77);
  g_assert_cmpstr (json_object_get_string_member (action, "source_type"), ==, "OpportunityItem");
  assets = json_object_get_array_member (json_object_get_object_member (action, "content"),
                                         "opportunity_item_assets");
  g_assert_cmpuint (json_array_get_length (assets), >=, 1);
  for (guint i = 0; i < json_array_get_length (assets); i++)
    {
      JsonObject *asset = json_array_get_object_element (assets, i);

      g_assert_cmpint (json_object_get_int_member (asset, "id"), >, 0);
      g_assert_cmpint (json_object_get_int_member (asset, "stock_level_id"), >, 0);
      g_assert_cmpstr (json_object_get_string_member (asset, "quantity"), ==, "1.0");
    }

  g_assert_cmpuint (pb_simulator_fire_event (fixture->sim, "stock_level_create", 5), ==, 1);
  wait_received (fixture, 3);
  assert_action_common (received_action (fixture, 2), "StockLevel", "create", 5);

  g_assert_cmpuint (pb_simulator_fire_event (fixture->sim, "invoice_create", 5), ==, 0);
  g_assert_cmpuint (fixture->attempts, ==, 3);
}

static void
on_delivery_attempted (PbSimulator *sim,
                       const char  *redacted_url,
                       guint        status,
                       guint        attempt,
                       gpointer     user_data)
{
  Fixture *fixture = user_data;

  g_assert_null (strstr (redacted_url, "t0ken-for-tests"));
  g_assert_cmpuint (attempt, ==, fixture->attempts);
  fixture->last_status = status;
}

static void
test_delivery_retry (Fixture       *fixture,
                     gconstpointer  data)
{
  static const guint delays[] = { 5, 5, 5 };
  static const guint failures[] = { 500, 503 };

  g_signal_connect (fixture->sim, "delivery-attempted", G_CALLBACK (on_delivery_attempted),
                    fixture);
  pb_simulator_set_delivery_retry_delays (fixture->sim, delays, G_N_ELEMENTS (delays));
  pb_simulator_add_webhook (fixture->sim, "Flaky", "opportunity_create", fixture->target_url,
                            TRUE);

  g_array_append_vals (fixture->answers, failures, G_N_ELEMENTS (failures));
  g_assert_cmpuint (pb_simulator_fire_event (fixture->sim, "opportunity_create", 1), ==, 1);
  g_assert_cmpuint (pb_simulator_get_pending_deliveries (fixture->sim), ==, 1);
  wait_received (fixture, 1);
  g_assert_cmpuint (fixture->attempts, ==, 3);
  g_assert_cmpuint (fixture->last_status, ==, 200);

  /* Four failures in a row exhaust the three retries. */
  for (guint i = 0; i < 4; i++)
    g_array_append_val (fixture->answers, failures[0]);
  fixture->attempts = 0;
  pb_simulator_fire_event (fixture->sim, "opportunity_create", 2);
  wait_received (fixture, 0);
  g_assert_cmpuint (fixture->attempts, ==, 4);
  g_assert_cmpuint (fixture->last_status, ==, 500);
  g_assert_cmpuint (fixture->received->len, ==, 1);
}

typedef struct
{
  guint attempt;
  guint status;
} Attempt;

static void
on_attempt_recorded (PbSimulator *sim,
                     const char  *redacted_url,
                     guint        status,
                     guint        attempt,
                     gpointer     user_data)
{
  Attempt *last = user_data;

  last->attempt = attempt;
  last->status = status;
}

static void
test_delivery_refused (Fixture       *fixture,
                       gconstpointer  data)
{
  static const guint delays[] = { 1, 1 };
  Attempt last = { 0, 1 };

  soup_server_disconnect (fixture->target);
  pb_simulator_set_delivery_retry_delays (fixture->sim, delays, G_N_ELEMENTS (delays));
  pb_simulator_add_webhook (fixture->sim, "Nobody home", "opportunity_create",
                            fixture->target_url, TRUE);
  g_signal_connect (fixture->sim, "delivery-attempted", G_CALLBACK (on_attempt_recorded), &last);

  g_assert_cmpuint (pb_simulator_fire_event (fixture->sim, "opportunity_create", 1), ==, 1);
  wait_received (fixture, 0);

  g_assert_cmpuint (last.attempt, ==, 3);
  g_assert_cmpuint (last.status, ==, 0);
}

static void
test_samples (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) webhooks = NULL;
  guint inactive = 0;
  guint external = 0;
  guint local = 0;

  pb_simulator_add_sample_webhooks (fixture->sim, fixture->target_url);
  webhooks = pb_simulator_list_webhooks (fixture->sim);
  g_assert_cmpuint (webhooks->len, >=, 6);

  for (guint i = 0; i < webhooks->len; i++)
    {
      PbWebhook *webhook = g_ptr_array_index (webhooks, i);
      g_autoptr(GHashTable) messages = NULL;

      g_assert_true (pb_webhook_validate (webhook, &messages));
      if (!pb_webhook_get_active (webhook))
        inactive++;
      if (g_str_has_prefix (pb_webhook_get_target_url (webhook), "https://"))
        external++;
      else if (g_str_equal (pb_webhook_get_target_url (webhook), fixture->target_url))
        local++;
    }
  g_assert_cmpuint (inactive, ==, 1);
  g_assert_cmpuint (external, ==, 1);
  g_assert_cmpuint (local, ==, webhooks->len - 1);
  g_assert_nonnull (pb_simulator_lookup_webhook (fixture->sim, 1));

  pb_simulator_clear_webhooks (fixture->sim);
  g_assert_null (pb_simulator_lookup_webhook (fixture->sim, 1));
}

static void
test_scenario (Fixture       *fixture,
               gconstpointer  data)
{
  pb_simulator_add_sample_webhooks (fixture->sim, fixture->target_url);
  pb_simulator_start_scenario (fixture->sim, 10);

  PB_TEST_WAIT_FOR (fixture->received->len >= 3, 20);
  pb_simulator_stop_scenario (fixture->sim);

  for (guint i = 0; i < fixture->received->len; i++)
    {
      JsonObject *action = received_action (fixture, i);

      g_assert_cmpstr (json_object_get_string_member (action, "subject_type"), ==,
                       "Opportunity");
      g_assert_cmpstr (json_object_get_string_member (action, "action_type"), !=,
                       "mark_as_lost");
    }

  wait_received (fixture, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/patchbay/simulator/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("auth", test_auth);
  ADD ("pagination", test_pagination);
  ADD ("per-page-cap", test_per_page_cap);
  ADD ("validation", test_validation);
  ADD ("crud", test_crud);
  ADD ("faults", test_faults);
  ADD ("drop-and-slow", test_drop_and_slow);
  ADD ("restart", test_restart);
  ADD ("fire", test_fire);
  ADD ("delivery-retry", test_delivery_retry);
  ADD ("delivery-refused", test_delivery_refused);
  ADD ("samples", test_samples);
  ADD ("scenario", test_scenario);

#undef ADD

  return g_test_run ();
}

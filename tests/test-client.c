/* test-client.c: the API client against the simulator and odd servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pb-client.h"
#include "pb-error.h"
#include "pb-simulator.h"

#define SUBDOMAIN "acme"
#define API_KEY   "client-test-key"

typedef enum
{
  SHAPE_NO_META,
  SHAPE_REPEATED_PAGE,
  SHAPE_BARE_ARRAY,
  SHAPE_CAPITAL_ROOT,
  SHAPE_ENDLESS,
  SHAPE_WRONG_SHAPE,
  SHAPE_ECHO,
  SHAPE_ERROR_BODY,
  SHAPE_RATE_DATE,
} Shape;

typedef struct
{
  PbSimulator  *sim;
  PbClient     *client;
  GAsyncResult *result;

  /* A hand-written server for answers the simulator never gives. */
  SoupServer   *odd;
  char         *odd_base;
  Shape         shape;
  guint         status;
  char         *body;
  guint         odd_requests;
  SoupMessageHeaders *last_headers;
  char         *last_body;
  char         *last_method;
  guint         guarded_requests;
} Fixture;

/* A step that pages through a thousand answers may take long on a slow or
 * instrumented build, so the guard only fails a step that stopped making
 * progress: one in which the hand-written server saw no request for a while. */
static gboolean
on_guard (gpointer user_data)
{
  Fixture *fixture = user_data;

  if (fixture->odd_requests == fixture->guarded_requests)
    g_error ("A test step did not finish in time");

  fixture->guarded_requests = fixture->odd_requests;
  return G_SOURCE_CONTINUE;
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_assert_null (fixture->result);
  fixture->result = g_object_ref (result);
}

static GAsyncResult *
await_result (Fixture *fixture)
{
  guint guard;

  fixture->guarded_requests = fixture->odd_requests;
  guard = g_timeout_add_seconds (20, on_guard, fixture);

  while (fixture->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (guard);
  return g_steal_pointer (&fixture->result);
}

static void
add_page_rows (GString *out,
               guint    first_id,
               guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s{\"id\":%u,\"name\":\"Hook %u\",\"event\":\"invoice_create\","
                            "\"target_url\":\"https://example.com/%u\",\"active\":true}",
                            i ? "," : "", first_id + i, first_id + i, first_id + i);
}

static char *
odd_list_body (Fixture *fixture,
               guint    page)
{
  g_autoptr(GString) out = g_string_new (NULL);

  switch (fixture->shape)
    {
    case SHAPE_NO_META:
      g_string_append (out, "{\"webhooks\":[");
      add_page_rows (out, (page - 1) * 100 + 1, page == 1 ? 100 : 30);
      g_string_append (out, "]}");
      break;

    case SHAPE_REPEATED_PAGE:
      g_string_append (out, "{\"webhooks\":[");
      add_page_rows (out, 1, 100);
      g_string_append (out, "],\"meta\":{\"total_row_count\":\"300\",\"row_count\":\"100\","
                            "\"page\":\"1\",\"per_page\":\"100\"}}");
      break;

    case SHAPE_BARE_ARRAY:
      g_string_append (out, "[");
      add_page_rows (out, 1, 3);
      g_string_append (out, "]");
      break;

    case SHAPE_CAPITAL_ROOT:
      g_string_append (out, "{\"Webhooks\":[");
      add_page_rows (out, (page - 1) * 100 + 1, page == 1 ? 100 : 50);
      g_string_append_printf (out, "],\"meta\":{\"total_row_count\":\"150\",\"row_count\":%u,"
                                   "\"per_page\":\"100\"}}", page == 1 ? 100 : 50);
      break;

    case SHAPE_ENDLESS:
      g_string_append (out, "{\"webhooks\":[");
      add_page_rows (out, (page - 1) * 100 + 1, 100);
      g_string_append (out, "]}");
      break;

    case SHAPE_WRONG_SHAPE:
      g_string_append (out, "{\"opportunities\":[]}");
      break;

    case SHAPE_ECHO:
    case SHAPE_ERROR_BODY:
    case SHAPE_RATE_DATE:
    default:
      g_assert_not_reached ();
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
on_odd_request (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (message);
  const char *page_text = query ? g_hash_table_lookup (query, "page") : NULL;
  guint page = page_text ? (guint)g_ascii_strtoull (page_text, NULL, 10) : 1;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autofree char *date = NULL;
  char *answer;

  fixture->odd_requests++;
  g_clear_pointer (&fixture->last_headers, soup_message_headers_unref);
  fixture->last_headers =
    soup_message_headers_ref (soup_server_message_get_request_headers (message));
  g_free (fixture->last_body);
  fixture->last_body = g_strndup (body->data, body->length);
  g_free (fixture->last_method);
  fixture->last_method = g_strdup (soup_server_message_get_method (message));

  if (fixture->shape == SHAPE_ECHO || fixture->shape == SHAPE_ERROR_BODY)
    {
      soup_server_message_set_status (message, fixture->status, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                        fixture->body, strlen (fixture->body));
      return;
    }

  if (fixture->shape == SHAPE_RATE_DATE)
    {
      now = g_date_time_new_now_utc ();
      later = g_date_time_add_hours (now, 1);
      date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
      soup_message_headers_replace (response_headers, "Retry-After", date);
      soup_server_message_set_status (message, 429, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        "{}", 2);
      return;
    }

  answer = odd_list_body (fixture, MAX (page, 1));
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json; charset=utf-8",
                                    SOUP_MEMORY_TAKE, answer, strlen (answer));
}

static PbClient *
new_client (SoupSession *session,
            const char  *api_base,
            const char  *key)
{
  PbClient *client = pb_client_new (session, api_base, SUBDOMAIN, key);

  pb_client_set_retry_policy (client, 4, 1, 20);
  return client;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  GSList *uris;

  fixture->sim = pb_simulator_new (SUBDOMAIN, API_KEY);
  g_assert_true (pb_simulator_start (fixture->sim, &error));
  g_assert_no_error (error);
  base = pb_simulator_dup_api_base (fixture->sim);
  fixture->client = new_client (NULL, base, API_KEY);

  fixture->odd = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->odd, "/api/v1", on_odd_request, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->odd, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  uris = soup_server_get_uris (fixture->odd);
  fixture->odd_base = g_strdup_printf ("http://127.0.0.1:%d/api/v1", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->client);
  g_assert_finalize_object (fixture->sim);
  soup_server_disconnect (fixture->odd);
  g_clear_object (&fixture->odd);
  g_clear_pointer (&fixture->odd_base, g_free);
  g_clear_pointer (&fixture->body, g_free);
  g_clear_pointer (&fixture->last_headers, soup_message_headers_unref);
  g_clear_pointer (&fixture->last_body, g_free);
  g_clear_pointer (&fixture->last_method, g_free);
}

static PbClient *
odd_client (Fixture *fixture)
{
  return new_client (NULL, fixture->odd_base, API_KEY);
}

static GPtrArray *
list_all (Fixture   *fixture,
          PbClient  *client,
          GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_client_list_webhooks_async (client, NULL, on_done, fixture);
  result = await_result (fixture);
  return pb_client_list_webhooks_finish (client, result, error);
}

static void
add_numbered (Fixture *fixture,
              guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Hook %u", i + 1);

      pb_simulator_add_webhook (fixture->sim, name, "opportunity_create",
                                "https://example.com/in", i % 7 != 0);
    }
}

static void
test_list_pages (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) webhooks = NULL;
  g_autoptr(GError) error = NULL;

  add_numbered (fixture, 250);
  webhooks = list_all (fixture, fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (webhooks->len, ==, 250);
  for (guint i = 0; i < webhooks->len; i++)
    {
      PbWebhook *webhook = g_ptr_array_index (webhooks, i);

      g_assert_cmpint (pb_webhook_get_id (webhook), ==, i + 1);
      g_assert_cmpint (pb_webhook_get_active (webhook), ==, i % 7 != 0);
    }
  g_assert_cmpuint (pb_simulator_count_requests (fixture->sim, "GET"), ==, 3);
}

static void
test_list_exact_and_empty (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(GPtrArray) full = NULL;
  g_autoptr(GError) error = NULL;

  empty = list_all (fixture, fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (pb_simulator_get_request_count (fixture->sim), ==, 1);

  add_numbered (fixture, 200);
  full = list_all (fixture, fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (full->len, ==, 200);
  g_assert_cmpuint (pb_simulator_get_request_count (fixture->sim), ==, 3);
}

static void
test_list_shapes (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct {
    Shape shape;
    guint n_webhooks;
    guint n_requests;
  } cases[] = {
    { SHAPE_NO_META, 130, 2 },
    { SHAPE_REPEATED_PAGE, 100, 2 },
    { SHAPE_BARE_ARRAY, 3, 1 },
    { SHAPE_CAPITAL_ROOT, 150, 2 },
  };
  g_autoptr(PbClient) client = odd_client (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) webhooks = NULL;
      g_autoptr(GError) error = NULL;

      fixture->shape = cases[i].shape;
      fixture->odd_requests = 0;
      webhooks = list_all (fixture, client, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (webhooks->len, ==, cases[i].n_webhooks);
      g_assert_cmpuint (fixture->odd_requests, ==, cases[i].n_requests);
      g_assert_cmpstr (pb_webhook_get_event (g_ptr_array_index (webhooks, 0)), ==,
                       "invoice_create");
    }
}

static void
test_list_endless (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PbClient) client = odd_client (fixture);
  g_autoptr(GPtrArray) webhooks = NULL;
  g_autoptr(GError) error = NULL;

  fixture->shape = SHAPE_ENDLESS;
  webhooks = list_all (fixture, client, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_BAD_RESPONSE);
  g_assert_null (webhooks);
  g_assert_cmpuint (fixture->odd_requests, ==, 1000);
}

static void
test_list_wrong_shape (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(PbClient) client = odd_client (fixture);
  g_autoptr(GPtrArray) webhooks = NULL;
  g_autoptr(GError) error = NULL;

  fixture->shape = SHAPE_WRONG_SHAPE;
  webhooks = list_all (fixture, client, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_BAD_RESPONSE);
  g_assert_cmpuint (fixture->odd_requests, ==, 1);
}

static PbWebhook *
create (Fixture    *fixture,
        PbClient   *client,
        PbWebhook  *webhook,
        GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_client_create_webhook_async (client, webhook, NULL, on_done, fixture);
  result = await_result (fixture);
  return pb_client_create_webhook_finish (client, result, error);
}

static PbWebhook *
fetch (Fixture   *fixture,
       PbClient  *client,
       gint64     id,
       GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_client_get_webhook_async (client, id, NULL, on_done, fixture);
  result = await_result (fixture);
  return pb_client_get_webhook_finish (client, result, error);
}

static PbWebhook *
update (Fixture          *fixture,
        PbClient         *client,
        PbWebhook        *webhook,
        PbWebhookFields   fields,
        GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_client_update_webhook_async (client, webhook, fields, NULL, on_done, fixture);
  result = await_result (fixture);
  return pb_client_update_webhook_finish (client, result, error);
}

static gboolean
delete (Fixture   *fixture,
        PbClient  *client,
        gint64     id,
        GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_client_delete_webhook_async (client, id, NULL, on_done, fixture);
  result = await_result (fixture);
  return pb_client_delete_webhook_finish (client, result, error);
}

static gboolean
check (Fixture   *fixture,
       PbClient  *client,
       GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_client_check_async (client, NULL, on_done, fixture);
  result = await_result (fixture);
  return pb_client_check_finish (client, result, error);
}

static void
test_crud (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(PbWebhook) draft = NULL;
  g_autoptr(PbWebhook) created = NULL;
  g_autoptr(PbWebhook) fetched = NULL;
  g_autoptr(PbWebhook) updated = NULL;
  g_autoptr(PbWebhook) gone = NULL;
  g_autoptr(GError) error = NULL;
  PbWebhook *stored;

  draft = pb_webhook_new ("Warehouse — orders", "opportunity_convert_to_order",
                          "https://example.com/hooks/abcdef", TRUE);
  created = create (fixture, fixture->client, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_webhook_get_id (created), ==, 1);
  g_assert_cmpstr (pb_webhook_get_name (created), ==, "Warehouse — orders");
  g_assert_nonnull (pb_webhook_get_extra (created));
  g_assert_true (json_object_has_member (pb_webhook_get_extra (created), "created_at"));

  fetched = fetch (fixture, fixture->client, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_webhook_diff (created, fetched), ==, 0);

  pb_webhook_set_active (fetched, FALSE);
  pb_webhook_set_name (fetched, "Changed locally only");
  updated = update (fixture, fixture->client, fetched, PB_WEBHOOK_FIELD_ACTIVE, &error);
  g_assert_no_error (error);
  g_assert_false (pb_webhook_get_active (updated));
  g_assert_cmpstr (pb_webhook_get_name (updated), ==, "Warehouse — orders");
  stored = pb_simulator_lookup_webhook (fixture->sim, 1);
  g_assert_false (pb_webhook_get_active (stored));
  g_assert_cmpstr (pb_webhook_get_name (stored), ==, "Warehouse — orders");

  g_assert_true (delete (fixture, fixture->client, 1, &error));
  g_assert_no_error (error);
  g_assert_null (pb_simulator_lookup_webhook (fixture->sim, 1));

  gone = fetch (fixture, fixture->client, 1, &error);
  g_assert_null (gone);
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
  g_assert_cmpuint (pb_error_get_http_status (error), ==, 404);
  g_clear_error (&error);

  g_assert_false (delete (fixture, fixture->client, 1, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
  g_assert_cmpuint (pb_simulator_count_requests (fixture->sim, "DELETE"), ==, 2);
}

static void
test_headers (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(SoupSession) session = pb_client_session_new ();
  g_autofree char *base = g_strconcat (fixture->odd_base, "/", NULL);
  g_autoptr(PbClient) client = new_client (session, base, API_KEY);
  g_autoptr(PbWebhook) draft = pb_webhook_new ("A", "invoice_create", "https://example.com/x",
                                               FALSE);
  g_autoptr(PbWebhook) result = NULL;
  g_autoptr(JsonNode) sent = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *attributes;
  const char *agent;

  g_assert_cmpstr (pb_client_get_api_base (client), ==, fixture->odd_base);
  g_assert_true (pb_client_get_session (client) == session);
  g_assert_cmpuint (soup_session_get_timeout (session), ==, 30);

  fixture->shape = SHAPE_BARE_ARRAY;
  g_assert_true (check (fixture, client, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->last_method, ==, "GET");
  g_assert_cmpstr (soup_message_headers_get_one (fixture->last_headers, "X-SUBDOMAIN"), ==,
                   SUBDOMAIN);
  g_assert_cmpstr (soup_message_headers_get_one (fixture->last_headers, "X-AUTH-TOKEN"), ==,
                   API_KEY);
  g_assert_cmpstr (soup_message_headers_get_one (fixture->last_headers, "Accept"), ==,
                   "application/json");
  agent = soup_message_headers_get_one (fixture->last_headers, "User-Agent");
  g_assert_cmpstr (agent, ==, "Patchbay/" PACKAGE_VERSION);

  fixture->shape = SHAPE_ECHO;
  fixture->status = 201;
  fixture->body = g_strdup ("{\"webhook\":{\"id\":9,\"name\":\"A\",\"event\":\"invoice_create\","
                            "\"target_url\":\"https://example.com/x\",\"active\":false}}");
  result = create (fixture, client, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_webhook_get_id (result), ==, 9);
  g_assert_cmpstr (fixture->last_method, ==, "POST");
  g_assert_cmpstr (soup_message_headers_get_content_type (fixture->last_headers, NULL), ==,
                   "application/json");
  g_assert_cmpstr (soup_message_headers_get_one (fixture->last_headers, "X-AUTH-TOKEN"), ==,
                   API_KEY);
  sent = json_from_string (fixture->last_body, NULL);
  attributes = json_object_get_object_member (json_node_get_object (sent), "webhook");
  g_assert_cmpuint (json_object_get_size (attributes), ==, 4);

  /* An update sends only what changed, and tolerates an answer of "{}". */
  g_clear_object (&result);
  g_clear_pointer (&sent, json_node_unref);
  g_free (fixture->body);
  fixture->status = 200;
  fixture->body = g_strdup ("{}");
  pb_webhook_set_id (draft, 9);
  result = update (fixture, client, draft, PB_WEBHOOK_FIELD_TARGET_URL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_webhook_get_target_url (result), ==, "https://example.com/x");
  g_assert_cmpstr (fixture->last_method, ==, "PUT");
  sent = json_from_string (fixture->last_body, NULL);
  attributes = json_object_get_object_member (json_node_get_object (sent), "webhook");
  g_assert_cmpuint (json_object_get_size (attributes), ==, 1);
  g_assert_true (json_object_has_member (attributes, "target_url"));
}

static void
test_auth (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *base = pb_simulator_dup_api_base (fixture->sim);
  g_autoptr(PbClient) wrong = new_client (NULL, base, "not-the-key");
  g_autoptr(GPtrArray) webhooks = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (check (fixture, wrong, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_AUTHENTICATION);
  g_assert_cmpuint (pb_error_get_http_status (error), ==, 401);
  g_assert_nonnull (strstr (error->message, "“acme”"));
  g_assert_null (strstr (error->message, "not-the-key"));
  g_assert_null (strstr (error->message, "switched off"));
  g_clear_error (&error);

  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_UNAUTHORIZED, 1);
  webhooks = list_all (fixture, fixture->client, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_AUTHENTICATION);
  g_clear_error (&error);

  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_API_DISABLED, 1);
  g_assert_false (check (fixture, fixture->client, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_AUTHENTICATION);
  g_assert_cmpuint (pb_error_get_http_status (error), ==, 403);
  g_assert_nonnull (strstr (error->message, "switched off"));
  g_clear_error (&error);

  /* Authentication failures are final: no retries. */
  g_assert_cmpuint (pb_simulator_get_request_count (fixture->sim), ==, 3);
}

static void
test_api_not_enabled_body (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(PbClient) client = odd_client (fixture);
  g_autoptr(GError) error = NULL;

  fixture->shape = SHAPE_ERROR_BODY;
  fixture->status = 401;
  fixture->body = g_strdup ("{\"errors\":[\"API is not enabled for this account\"]}");
  g_assert_false (check (fixture, client, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_AUTHENTICATION);
  g_assert_nonnull (strstr (error->message, "switched off"));
}

static GError *
create_against_body (Fixture    *fixture,
                     const char *body)
{
  g_autoptr(PbClient) client = odd_client (fixture);
  g_autoptr(PbWebhook) draft = pb_webhook_new ("A", "invoice_create", "https://x.example", TRUE);
  g_autoptr(PbWebhook) created = NULL;
  GError *error = NULL;

  fixture->shape = SHAPE_ERROR_BODY;
  fixture->status = 422;
  g_free (fixture->body);
  fixture->body = g_strdup (body);
  created = create (fixture, client, draft, &error);
  g_assert_null (created);
  g_assert_error (error, PB_ERROR, PB_ERROR_VALIDATION);
  g_assert_cmpuint (pb_error_get_http_status (error), ==, 422);

  return error;
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PbWebhook) draft = pb_webhook_new ("", "invoice_create", "ftp://nope", TRUE);
  g_autoptr(PbWebhook) created = NULL;
  g_autoptr(GError) error = NULL;

  created = create (fixture, fixture->client, draft, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_VALIDATION);
  g_assert_cmpstr (pb_error_get_field_message (error, "target_url"), ==, "Target url is invalid");
  g_assert_cmpstr (pb_error_get_field_message (error, "name"), ==, "Name can't be blank");
  g_assert_null (pb_error_get_field_message (error, "event"));
  g_assert_nonnull (strstr (error->message, "Target url is invalid"));
  g_clear_error (&error);

  error = create_against_body (fixture, "{\"errors\":[\"Target url is invalid\","
                                        "\"Name can't be blank\",\"Quota reached\"]}");
  g_assert_cmpstr (pb_error_get_field_message (error, "target_url"), ==, "Target url is invalid");
  g_assert_cmpstr (pb_error_get_field_message (error, "name"), ==, "Name can't be blank");
  g_assert_cmpstr (pb_error_get_field_message (error, ""), ==, "Quota reached");
  g_clear_error (&error);

  error = create_against_body (fixture, "{\"errors\":{\"event\":\"is not a known event\","
                                        "\"target_url\":[\"is invalid\",\"is too long\"]}}");
  g_assert_cmpstr (pb_error_get_field_message (error, "event"), ==,
                   "Event is not a known event");
  g_assert_cmpstr (pb_error_get_field_message (error, "target_url"), ==,
                   "Target url is invalid; Target url is too long");
  g_clear_error (&error);

  error = create_against_body (fixture, "{\"error\":\"Event is not supported\"}");
  g_assert_cmpstr (pb_error_get_field_message (error, "event"), ==, "Event is not supported");
  g_clear_error (&error);

  error = create_against_body (fixture, "{\"message\":\"Webhooks are switched off\"}");
  g_assert_cmpstr (pb_error_get_field_message (error, ""), ==, "Webhooks are switched off");
  g_clear_error (&error);

  error = create_against_body (fixture, "{\"errors\":[{\"detail\":\"Target URL is invalid\"}]}");
  g_assert_cmpstr (pb_error_get_field_message (error, "target_url"), ==,
                   "Target URL is invalid");
  g_clear_error (&error);

  error = create_against_body (fixture, "{}");
  g_assert_null (pb_error_get_field_messages (error));
  g_assert_cmpuint (fixture->odd_requests, ==, 6);
}

typedef struct
{
  guint         count;
  guint         last_delay;
  GCancellable *cancel;
} Retries;

static void
on_retrying (PbClient   *client,
             const char *method,
             const char *path,
             guint       attempt,
             guint       delay_ms,
             gpointer    user_data)
{
  Retries *retries = user_data;

  retries->count++;
  retries->last_delay = delay_ms;
  if (retries->cancel != NULL)
    g_cancellable_cancel (retries->cancel);
}

static void
test_rate_limited (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) webhooks = NULL;
  g_autoptr(GError) error = NULL;
  Retries retries = { 0 };

  g_signal_connect (fixture->client, "retrying", G_CALLBACK (on_retrying), &retries);
  add_numbered (fixture, 3);

  /* Retry-After (1 s) is capped at the policy's maximum wait... */
  pb_simulator_set_retry_after (fixture->sim, 1);
  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_RATE_LIMITED, 1);
  pb_client_set_retry_policy (fixture->client, 4, 1, 5);
  webhooks = list_all (fixture, fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (webhooks->len, ==, 3);
  g_assert_cmpuint (retries.count, ==, 1);
  g_assert_cmpuint (retries.last_delay, ==, 5);
  g_clear_pointer (&webhooks, g_ptr_array_unref);

  /* ...and otherwise wins over the 1 ms base delay. */
  pb_client_set_retry_policy (fixture->client, 4, 1, 60000);
  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_RATE_LIMITED, 1);
  webhooks = list_all (fixture, fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (retries.count, ==, 2);
  g_assert_cmpuint (retries.last_delay, ==, 1000);

  /* Once attempts run out the error says how long to wait. */
  g_clear_pointer (&webhooks, g_ptr_array_unref);
  pb_client_set_retry_policy (fixture->client, 1, 1, 5);
  pb_simulator_set_retry_after (fixture->sim, 42);
  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_RATE_LIMITED, 1);
  webhooks = list_all (fixture, fixture->client, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_RATE_LIMITED);
  g_assert_cmpuint (pb_error_get_retry_after (error), ==, 42);
  g_assert_true (pb_error_is_transient (error));
}

static void
test_rate_limited_date (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PbClient) client = odd_client (fixture);
  g_autoptr(GError) error = NULL;

  pb_client_set_retry_policy (client, 1, 1, 5);
  fixture->shape = SHAPE_RATE_DATE;
  g_assert_false (check (fixture, client, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_RATE_LIMITED);
  g_assert_cmpuint (pb_error_get_retry_after (error), >, 3000);
  g_assert_cmpuint (pb_error_get_retry_after (error), <=, 3601);
}

static void
test_server_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PbWebhook) webhook = NULL;
  g_autoptr(GError) error = NULL;
  Retries retries = { 0 };

  g_signal_connect (fixture->client, "retrying", G_CALLBACK (on_retrying), &retries);
  add_numbered (fixture, 1);

  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_SERVER_ERROR, 2);
  webhook = fetch (fixture, fixture->client, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (webhook);
  g_assert_cmpuint (pb_simulator_count_requests (fixture->sim, "GET"), ==, 3);
  g_assert_cmpuint (retries.count, ==, 2);
  g_clear_object (&webhook);

  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_BAD_GATEWAY, 1);
  webhook = fetch (fixture, fixture->client, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pb_simulator_count_requests (fixture->sim, "GET"), ==, 5);
  g_clear_object (&webhook);

  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_SERVER_ERROR, 10);
  webhook = fetch (fixture, fixture->client, 1, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_SERVER);
  g_assert_cmpuint (pb_error_get_http_status (error), ==, 500);
  g_assert_cmpuint (pb_simulator_count_requests (fixture->sim, "GET"), ==, 9);
  g_clear_error (&error);

  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_BAD_GATEWAY, 10);
  g_assert_false (delete (fixture, fixture->client, 1, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_SERVER);
  g_assert_cmpuint (pb_error_get_http_status (error), ==, 502);
  g_assert_cmpuint (pb_simulator_count_requests (fixture->sim, "DELETE"), ==, 4);
}

static void
test_post_not_retried (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(PbWebhook) draft = pb_webhook_new ("A", "invoice_create", "https://x.example", TRUE);
  g_autoptr(PbWebhook) created = NULL;
  g_autoptr(GError) error = NULL;

  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_SERVER_ERROR, 1);
  created = create (fixture, fixture->client, draft, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_SERVER);
  g_assert_cmpuint (pb_simulator_count_requests (fixture->sim, "POST"), ==, 1);
  g_clear_error (&error);

  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_DROP_CONNECTION, 1);
  created = create (fixture, fixture->client, draft, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_NETWORK);
  g_assert_cmpuint (pb_simulator_count_requests (fixture->sim, "POST"), ==, 2);
  g_clear_error (&error);

  /* A 429 means the server did nothing, so trying again is safe. */
  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_RATE_LIMITED, 1);
  pb_simulator_set_retry_after (fixture->sim, 0);
  created = create (fixture, fixture->client, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_webhook_get_id (created), ==, 1);
  g_assert_cmpuint (pb_simulator_count_requests (fixture->sim, "POST"), ==, 4);
  g_assert_nonnull (pb_simulator_lookup_webhook (fixture->sim, 1));
  g_assert_null (pb_simulator_lookup_webhook (fixture->sim, 2));
}

static void
test_bad_response (Fixture       *fixture,
                   gconstpointer  data)
{
  static const PbSimFault faults[] = { PB_SIM_FAULT_HTML_PAGE, PB_SIM_FAULT_MALFORMED_JSON };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(GPtrArray) webhooks = NULL;
      g_autoptr(GError) error = NULL;

      pb_simulator_inject_fault (fixture->sim, faults[i], 1);
      webhooks = list_all (fixture, fixture->client, &error);
      g_assert_error (error, PB_ERROR, PB_ERROR_BAD_RESPONSE);
      g_assert_null (webhooks);
      g_assert_cmpuint (pb_simulator_get_request_count (fixture->sim), ==, i + 1);
    }
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 1, NULL);
  g_autofree char *base = pb_simulator_dup_api_base (fixture->sim);
  g_autoptr(PbClient) client = new_client (session, base, API_KEY);
  g_autoptr(GError) error = NULL;

  pb_client_set_retry_policy (client, 1, 1, 5);
  pb_simulator_set_slow_delay (fixture->sim, 4000);
  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_SLOW, 1);
  g_assert_false (check (fixture, client, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_TIMEOUT);
  g_assert_true (pb_error_is_transient (error));
}

static void
test_network (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) webhooks = NULL;
  g_autoptr(GError) error = NULL;

  add_numbered (fixture, 2);

  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_DROP_CONNECTION, 1);
  webhooks = list_all (fixture, fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (webhooks->len, ==, 2);
  g_clear_pointer (&webhooks, g_ptr_array_unref);

  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_DROP_CONNECTION, 100);
  webhooks = list_all (fixture, fixture->client, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_NETWORK);
  g_clear_error (&error);
  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_NONE, 0);

  pb_simulator_stop (fixture->sim);
  g_assert_false (check (fixture, fixture->client, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_clear_error (&error);

  g_assert_true (pb_simulator_start (fixture->sim, &error));
  g_assert_true (check (fixture, fixture->client, &error));
  g_assert_no_error (error);
}

static void
on_cancel_due (gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) during_wait = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) webhooks = NULL;
  g_autoptr(GError) error = NULL;
  Retries retries = { 0, 0, during_wait };

  pb_simulator_set_latency (fixture->sim, 10000);
  pb_client_list_webhooks_async (fixture->client, cancellable, on_done, fixture);
  g_timeout_add_once (20, on_cancel_due, cancellable);
  result = await_result (fixture);
  webhooks = pb_client_list_webhooks_finish (fixture->client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (webhooks);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A cancellation during the back-off ends the wait at once. */
  pb_simulator_set_latency (fixture->sim, 0);
  pb_client_set_retry_policy (fixture->client, 4, 60000, 60000);
  g_signal_connect (fixture->client, "retrying", G_CALLBACK (on_retrying), &retries);
  pb_simulator_inject_fault (fixture->sim, PB_SIM_FAULT_SERVER_ERROR, 1);
  pb_client_check_async (fixture->client, during_wait, on_done, fixture);
  result = await_result (fixture);
  g_assert_false (pb_client_check_finish (fixture->client, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (retries.count, ==, 1);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_api_base (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PbClient) client = pb_client_new (NULL, NULL, SUBDOMAIN, API_KEY);
  guint notified = 0;

  g_assert_cmpstr (pb_client_get_api_base (client), ==, "https://api.current-rms.com/api/v1");
  g_assert_cmpstr (pb_client_get_subdomain (client), ==, SUBDOMAIN);
  g_signal_connect (client, "notify::api-base", G_CALLBACK (on_notify), &notified);

  pb_client_set_api_base (client, "http://127.0.0.1:1/api/v1///");
  g_assert_cmpstr (pb_client_get_api_base (client), ==, "http://127.0.0.1:1/api/v1");
  g_assert_cmpuint (notified, ==, 1);
  pb_client_set_api_base (client, "http://127.0.0.1:1/api/v1/");
  g_assert_cmpuint (notified, ==, 1);
  pb_client_set_api_base (client, NULL);
  g_assert_cmpstr (pb_client_get_api_base (client), ==, "https://api.current-rms.com/api/v1");
  g_assert_cmpuint (notified, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/patchbay/client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("list-pages", test_list_pages);
  ADD ("list-exact-and-empty", test_list_exact_and_empty);
  ADD ("list-shapes", test_list_shapes);
  ADD ("list-endless", test_list_endless);
  ADD ("list-wrong-shape", test_list_wrong_shape);
  ADD ("crud", test_crud);
  ADD ("headers", test_headers);
  ADD ("auth", test_auth);
  ADD ("api-not-enabled-body", test_api_not_enabled_body);
  ADD ("validation", test_validation);
  ADD ("rate-limited", test_rate_limited);
  ADD ("rate-limited-date", test_rate_limited_date);
  ADD ("server-errors", test_server_errors);
  ADD ("post-not-retried", test_post_not_retried);
  ADD ("bad-response", test_bad_response);
  ADD ("timeout", test_timeout);
  ADD ("network", test_network);
  ADD ("cancel", test_cancel);
  ADD ("api-base", test_api_base);

#undef ADD

  return g_test_run ();
}

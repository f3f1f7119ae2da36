/* test-webhook.c: the webhook model and its JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pb-error.h"
#include "pb-webhook.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static char *
to_string (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static void
test_from_json_shapes (void)
{
  static const char *shapes[] = {
    "{\"webhook\": {\"id\": 7, \"name\": \"Orders\", \"event\": \"opportunity_convert_to_order\","
    " \"target_url\": \"https://example.com/h\", \"active\": false}}",
    "{\"Webhook\": {\"id\": \"7\", \"name\": \"Orders\","
    " \"event\": \"opportunity_convert_to_order\", \"target_url\": \"https://example.com/h\","
    " \"active\": \"false\"}}",
    "{\"id\": 7.0, \"name\": \"Orders\", \"event\": \"opportunity_convert_to_order\","
    " \"target_url\": \"https://example.com/h\", \"active\": 0}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autoptr(JsonNode) node = parse (shapes[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(PbWebhook) webhook = pb_webhook_new_from_json (node, &error);

      g_assert_no_error (error);
      g_assert_cmpint (pb_webhook_get_id (webhook), ==, 7);
      g_assert_cmpstr (pb_webhook_get_name (webhook), ==, "Orders");
      g_assert_cmpstr (pb_webhook_get_event (webhook), ==, "opportunity_convert_to_order");
      g_assert_cmpstr (pb_webhook_get_target_url (webhook), ==, "https://example.com/h");
      g_assert_false (pb_webhook_get_active (webhook));
      g_assert_null (pb_webhook_get_extra (webhook));
    }
}

/* Ids and flags come as numbers, decimals or strings; anything that is not a
 * whole number or a recognisable flag reads as missing. */
static void
test_from_json_value_forms (void)
{
  static const struct {
    const char *id;
    const char *active;
    gint64      expected_id;
    gboolean    expected_active;
  } cases[] = {
    { "12", "true", 12, TRUE },
    { "12.0", "\"FALSE\"", 12, FALSE },
    { "\"12\"", "\"1\"", 12, TRUE },
    { "\"12.00\"", "\"0\"", 12, FALSE },
    { "12.5", "\"maybe\"", 0, TRUE },
    { "\"12.5\"", "null", 0, TRUE },
    { "1e300", "[]", 0, TRUE },
    { "\" 12\"", "2", 0, TRUE },
    { "\"12abc\"", "\"True\"", 0, TRUE },
    { "\"99999999999999999999\"", "{}", 0, TRUE },
    { "-3", "false", 0, FALSE },
    { "true", "0", 0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\": %s, \"event\": \"invoice_create\", "
                                               "\"active\": %s}",
                                               cases[i].id, cases[i].active);
      g_autoptr(JsonNode) node = parse (json);
      g_autoptr(PbWebhook) webhook = pb_webhook_new_from_json (node, NULL);

      g_test_message ("%s", json);
      g_assert_nonnull (webhook);
      g_assert_cmpint (pb_webhook_get_id (webhook), ==, cases[i].expected_id);
      g_assert_cmpint (pb_webhook_get_active (webhook), ==, cases[i].expected_active);
    }
}

static void
test_active_defaults_true (void)
{
  g_autoptr(JsonNode) node = parse ("{\"id\": 1, \"event\": \"invoice_create\"}");
  g_autoptr(PbWebhook) webhook = pb_webhook_new_from_json (node, NULL);

  g_assert_nonnull (webhook);
  g_assert_true (pb_webhook_get_active (webhook));
  g_assert_cmpstr (pb_webhook_get_name (webhook), ==, "");
}

static void
test_not_a_webhook (void)
{
  static const char *bad[] = { "[1, 2]", "\"text\"", "{\"errors\": [\"nope\"]}", "{}" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = parse (bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(PbWebhook) webhook = pb_webhook_new_from_json (node, &error);

      g_assert_null (webhook);
      g_assert_error (error, PB_ERROR, PB_ERROR_BAD_RESPONSE);
    }
}

static void
test_extras_round_trip (void)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(PbWebhook) webhook = NULL;
  g_autoptr(PbWebhook) copy = NULL;
  g_autoptr(JsonNode) out = NULL;
  g_autoptr(PbWebhook) again = NULL;
  JsonObject *object;

  node = parse ("{\"webhook\": {\"id\": 3, \"name\": \"A\", \"event\": \"invoice_create\","
                " \"target_url\": \"https://x.test/\", \"active\": true,"
                " \"user_id\": 12, \"created_at\": \"2026-01-02T03:04:05.678Z\","
                " \"tags\": [\"a\", \"b\"]}}");
  webhook = pb_webhook_new_from_json (node, NULL);
  g_assert_nonnull (pb_webhook_get_extra (webhook));
  g_assert_cmpint (json_object_get_int_member (pb_webhook_get_extra (webhook), "user_id"), ==, 12);

  copy = pb_webhook_copy (webhook);
  g_assert_true (pb_webhook_get_extra (copy) != pb_webhook_get_extra (webhook));
  g_assert_cmpuint (pb_webhook_diff (webhook, copy), ==, 0);

  out = pb_webhook_to_json (copy);
  object = json_node_get_object (out);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (object, "created_at"), ==,
                   "2026-01-02T03:04:05.678Z");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "tags")), ==, 2);

  again = pb_webhook_new_from_json (out, NULL);
  g_assert_cmpuint (pb_webhook_diff (webhook, again), ==, 0);
  g_assert_cmpint (pb_webhook_get_id (again), ==, 3);
}

static void
test_set_extra (void)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(PbWebhook) webhook = NULL;
  g_autoptr(PbWebhook) source = NULL;
  g_autoptr(JsonObject) empty = json_object_new ();
  JsonObject *extra;

  node = parse ("{\"id\": 3, \"event\": \"invoice_create\", \"user_id\": 12,"
                " \"tags\": [\"a\"]}");
  source = pb_webhook_new_from_json (node, NULL);
  webhook = pb_webhook_new ("A", "invoice_create", "https://x.test", TRUE);
  g_assert_null (pb_webhook_get_extra (webhook));

  /* The extras are copied, not shared with the source. */
  pb_webhook_set_extra (webhook, pb_webhook_get_extra (source));
  extra = pb_webhook_get_extra (webhook);
  g_assert_nonnull (extra);
  g_assert_true (extra != pb_webhook_get_extra (source));
  json_array_add_string_element (json_object_get_array_member (pb_webhook_get_extra (source),
                                                               "tags"), "b");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (extra, "tags")), ==, 1);
  g_assert_cmpint (json_object_get_int_member (extra, "user_id"), ==, 12);

  /* Equal extras leave the object as it was. */
  pb_webhook_set_extra (webhook, extra);
  g_assert_true (pb_webhook_get_extra (webhook) == extra);

  /* NULL and an empty object clear them. */
  pb_webhook_set_extra (webhook, NULL);
  g_assert_null (pb_webhook_get_extra (webhook));
  pb_webhook_set_extra (webhook, pb_webhook_get_extra (source));
  pb_webhook_set_extra (webhook, empty);
  g_assert_null (pb_webhook_get_extra (webhook));
}

static void
test_request_body (void)
{
  g_autoptr(PbWebhook) webhook = NULL;
  g_autoptr(JsonNode) full = NULL;
  g_autoptr(JsonNode) partial = NULL;
  g_autofree char *full_text = NULL;
  g_autofree char *partial_text = NULL;

  webhook = pb_webhook_new ("Orders", "opportunity_convert_to_order", "https://a.test/x", TRUE);
  pb_webhook_set_id (webhook, 9);

  full = pb_webhook_to_request (webhook, PB_WEBHOOK_FIELD_ALL);
  full_text = to_string (full);
  g_assert_cmpstr (full_text, ==,
                   "{\"webhook\":{\"name\":\"Orders\",\"event\":\"opportunity_convert_to_order\","
                   "\"target_url\":\"https://a.test/x\",\"active\":true}}");

  partial = pb_webhook_to_request (webhook, PB_WEBHOOK_FIELD_ACTIVE);
  partial_text = to_string (partial);
  g_assert_cmpstr (partial_text, ==, "{\"webhook\":{\"active\":true}}");
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_notify_only_on_change (void)
{
  g_autoptr(PbWebhook) webhook = pb_webhook_new ("A", "invoice_create", "https://x.test", TRUE);
  guint count = 0;

  g_signal_connect (webhook, "notify", G_CALLBACK (on_notify), &count);

  pb_webhook_set_name (webhook, "A");
  pb_webhook_set_active (webhook, TRUE);
  pb_webhook_set_id (webhook, 0);
  g_assert_cmpuint (count, ==, 0);

  pb_webhook_set_name (webhook, "B");
  pb_webhook_set_event (webhook, "invoice_update");
  pb_webhook_set_target_url (webhook, "https://y.test");
  pb_webhook_set_active (webhook, FALSE);
  pb_webhook_set_id (webhook, 4);
  g_assert_cmpuint (count, ==, 5);

  /* NULL reads as empty. */
  pb_webhook_set_name (webhook, NULL);
  g_assert_cmpstr (pb_webhook_get_name (webhook), ==, "");
}

static void
test_diff (void)
{
  g_autoptr(PbWebhook) a = pb_webhook_new ("A", "invoice_create", "https://x.test", TRUE);
  g_autoptr(PbWebhook) b = pb_webhook_copy (a);

  pb_webhook_set_id (b, 42);
  g_assert_cmpuint (pb_webhook_diff (a, b), ==, 0);

  pb_webhook_set_target_url (b, "https://z.test");
  pb_webhook_set_active (b, FALSE);
  g_assert_cmpuint (pb_webhook_diff (a, b), ==,
                    PB_WEBHOOK_FIELD_TARGET_URL | PB_WEBHOOK_FIELD_ACTIVE);
}

static void
test_validate (void)
{
  static const struct {
    const char *name;
    const char *event;
    const char *url;
    const char *bad_fields;
  } cases[] = {
    { "Orders", "opportunity_create", "https://a.test/h", "" },
    { "  ", "opportunity_create", "https://a.test/h", "name" },
    { "Orders", "", "https://a.test/h", "event" },
    { "Orders", "Opportunity Create", "https://a.test/h", "event" },
    { "Orders", "opportunity", "https://a.test/h", "event" },
    { "Orders", "opportunity_create", "", "target_url" },
    { "Orders", "opportunity_create", "ftp://a.test/h", "target_url" },
    { "Orders", "opportunity_create", "not a url", "target_url" },
    { "Orders", "opportunity_create", "/relative/path", "target_url" },
    { "Orders", "opportunity_create", "http:///nohost", "target_url" },
    { "", "", "", "name event target_url" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PbWebhook) webhook = pb_webhook_new (cases[i].name, cases[i].event,
                                                     cases[i].url, TRUE);
      g_autoptr(GHashTable) messages = NULL;
      g_auto(GStrv) expected = g_strsplit (cases[i].bad_fields, " ", -1);
      guint n_expected = cases[i].bad_fields[0] ? g_strv_length (expected) : 0;
      gboolean ok;

      ok = pb_webhook_validate (webhook, &messages);
      g_assert_cmpint (ok, ==, n_expected == 0);
      g_assert_cmpuint (g_hash_table_size (messages), ==, n_expected);
      for (guint j = 0; j < n_expected; j++)
        g_assert_true (g_hash_table_contains (messages, expected[j]));
    }
}

static void
test_target_url_warnings (void)
{
  static const struct {
    const char *url;
    gboolean    warns;
  } cases[] = {
    { "https://hooks.example.com/crms", FALSE },
    { "http://hooks.example.com/crms", TRUE },
    { "https://localhost:8787/hooks/x", TRUE },
    { "https://127.0.0.1/hooks/x", TRUE },
    { "https://192.168.1.20/hooks/x", TRUE },
    { "https://10.0.0.5/x", TRUE },
    { "https://[::1]:8787/x", TRUE },
    { "https://printer.local/x", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *warning = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (pb_webhook_check_target_url (cases[i].url, &warning, &error));
      g_assert_no_error (error);
      g_assert_cmpint (warning != NULL, ==, cases[i].warns);
    }
}

static void
test_redacted_url (void)
{
  static const struct {
    const char *url;
    const char *redacted;
  } cases[] = {
    { "https://a.test/hooks/abcdef0123456789", "https://a.test/hooks/abcd…" },
    { "http://127.0.0.1:8787/hooks/abcdef0123456789/", "http://127.0.0.1:8787/hooks/abcd…/" },
    { "https://a.test/crms?token=s3cret", "https://a.test/crms?…" },
    { "https://user:pw@a.test/x", "https://a.test/x" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *redacted = pb_webhook_dup_redacted_url (cases[i].url);

      g_assert_cmpstr (redacted, ==, cases[i].redacted);
    }
}

static void
test_error_details (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_hash_table_insert (fields, g_strdup ("target_url"), g_strdup ("is invalid"));
  error = pb_error_new_http (PB_ERROR_VALIDATION, 422, 0, fields, "Rejected %d", 1);
  g_assert_error (error, PB_ERROR, PB_ERROR_VALIDATION);
  g_assert_cmpstr (error->message, ==, "Rejected 1");
  g_assert_cmpuint (pb_error_get_http_status (error), ==, 422);
  g_assert_cmpstr (pb_error_get_field_message (error, "target_url"), ==, "is invalid");
  g_assert_null (pb_error_get_field_message (error, "name"));
  g_assert_false (pb_error_is_transient (error));

  copy = g_error_copy (error);
  g_clear_error (&error);
  g_assert_cmpstr (pb_error_get_field_message (copy, "target_url"), ==, "is invalid");

  error = pb_error_new_http (PB_ERROR_RATE_LIMITED, 429, 7, NULL, "Slow down");
  g_assert_cmpuint (pb_error_get_retry_after (error), ==, 7);
  g_assert_true (pb_error_is_transient (error));
  g_clear_error (&error);

  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "refused");
  g_assert_true (pb_error_is_transient (error));
  g_assert_cmpuint (pb_error_get_http_status (error), ==, 0);
  g_assert_null (pb_error_get_field_messages (error));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/patchbay/webhook/from-json-shapes", test_from_json_shapes);
  g_test_add_func ("/patchbay/webhook/from-json-value-forms", test_from_json_value_forms);
  g_test_add_func ("/patchbay/webhook/active-defaults-true", test_active_defaults_true);
  g_test_add_func ("/patchbay/webhook/not-a-webhook", test_not_a_webhook);
  g_test_add_func ("/patchbay/webhook/extras-round-trip", test_extras_round_trip);
  g_test_add_func ("/patchbay/webhook/set-extra", test_set_extra);
  g_test_add_func ("/patchbay/webhook/request-body", test_request_body);
  g_test_add_func ("/patchbay/webhook/notify-only-on-change", test_notify_only_on_change);
  g_test_add_func ("/patchbay/webhook/diff", test_diff);
  g_test_add_func ("/patchbay/webhook/validate", test_validate);
  g_test_add_func ("/patchbay/webhook/target-url-warnings", test_target_url_warnings);
  g_test_add_func ("/patchbay/webhook/redacted-url", test_redacted_url);
  g_test_add_func ("/patchbay/webhook/error-details", test_error_details);

  return g_test_run ();
}

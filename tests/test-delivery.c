/* test-delivery.c: parsing and describing what the receiver got
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pb-delivery.h"
#include "pb-test-core.h"

#define REALISTIC \
  "{\"action\": {\"id\": 5521, \"subject_id\": 1364, \"subject_type\": \"Opportunity\"," \
  " \"source_id\": null, \"source_type\": null, \"member_id\": 7," \
  " \"action_type\": \"convert_to_order\", \"name\": \"Summer gala\"," \
  " \"description\": \"Converted to order\", \"created_at\": \"2024-05-02T09:14:03.120Z\"," \
  " \"member\": {\"id\": 7, \"name\": \"Anna Smith\"}}}"

static PbDelivery *
delivery_new (const char *body,
              gssize      length)
{
  g_autoptr(GBytes) bytes = NULL;

  if (body != NULL)
    bytes = g_bytes_new (body, length < 0 ? strlen (body) : (gsize)length);

  return pb_delivery_new ("tok", bytes, "{}", 1000);
}

typedef struct
{
  const char *label;
  const char *body;
  gboolean    valid;
  const char *problem_part;
  const char *event;
  const char *subject_type;
  const char *action_type;
  gint64      action_id;
  gint64      subject_id;
  gint64      member_id;
  const char *member_name;
  guint       scan_count;
} ParseCase;

static const ParseCase parse_cases[] = {
  { "realistic", REALISTIC, TRUE, NULL, "opportunity_convert_to_order", "Opportunity",
    "convert_to_order", 5521, 1364, 7, "Anna Smith", 0 },
  { "strings", "{\"action\": {\"id\": \"12.0\", \"subject_id\": \"88\", \"member_id\": \"3\","
    " \"subject_type\": \"Invoice\", \"action_type\": \"create\", \"member_name\": \"Bo\"}}",
    TRUE, NULL, "invoice_create", "Invoice", "create", 12, 88, 3, "Bo", 0 },
  { "capitalised", "{\"Action\": {\"id\": 4, \"subject_id\": 9, \"subject_type\": \"StockLevel\","
    " \"Action_type\": \"Update\"}}",
    TRUE, NULL, "stock_level_update", "StockLevel", "update", 4, 9, 0, NULL, 0 },
  { "root", "{\"id\": 2, \"subject_id\": 3, \"subject_type\": \"Product\","
    " \"action_type\": \"destroy\"}",
    TRUE, NULL, "product_destroy", "Product", "destroy", 2, 3, 0, NULL, 0 },
  { "no-action-type", "{\"action\": {\"id\": 2, \"subject_id\": 3, \"subject_type\": \"Product\"}}",
    TRUE, NULL, NULL, "Product", NULL, 2, 3, 0, NULL, 0 },
  { "no-action", "{\"hello\": \"world\"}",
    TRUE, "without an action", NULL, NULL, NULL, 0, 0, 0, NULL, 0 },
  { "action-not-object", "{\"action\": \"create\"}",
    TRUE, "without an action", NULL, NULL, NULL, 0, 0, 0, NULL, 0 },
  { "array", "[{\"action\": {\"id\": 1}}]",
    FALSE, "JSON array", NULL, NULL, NULL, 0, 0, 0, NULL, 0 },
  { "scalar", "42", FALSE, "single JSON value", NULL, NULL, NULL, 0, 0, 0, NULL, 0 },
  { "not-json", "{\"action\": {\"id\": 1,,}}",
    FALSE, "line 1, column 20", NULL, NULL, NULL, 0, 0, 0, NULL, 0 },
  { "not-json-lines", "{\n  \"action\": tru\n}",
    FALSE, "line 2, column 15", NULL, NULL, NULL, 0, 0, 0, NULL, 0 },
  { "empty", "", FALSE, "empty", NULL, NULL, NULL, 0, 0, 0, NULL, 0 },
  { "blank", "  \n ", FALSE, "empty", NULL, NULL, NULL, 0, 0, 0, NULL, 0 },
  { "invalid-utf8", "{\"action\": {\"name\": \"caf\xe9\"}}",
    FALSE, "byte 25", NULL, NULL, NULL, 0, 0, 0, NULL, 0 },
  { "huge-ids", "{\"action\": {\"id\": 99999999999999999999999,"
    " \"subject_id\": \"99999999999999999999\", \"member_id\": 9223372036854775807,"
    " \"subject_type\": \"Opportunity\", \"action_type\": \"update\"}}",
    TRUE, NULL, "opportunity_update", "Opportunity", "update", 0, 0, G_MAXINT64, NULL, 0 },
  { "bad-ids", "{\"action\": {\"id\": -4, \"subject_id\": \"12abc\", \"member_id\": 1e300,"
    " \"subject_type\": 5, \"action_type\": [\"x\"], \"member\": \"Anna\"}}",
    TRUE, NULL, NULL, NULL, NULL, 0, 0, 0, NULL, 0 },
  { "scan", "{\"action\": {\"id\": 77, \"subject_id\": 1364, \"subject_type\": \"Opportunity\","
    " \"action_type\": \"book_out_item\", \"member\": {\"name\": \"Anna Smith\"},"
    " \"content\": {\"opportunity_item_assets\": [{\"id\": 1, \"stock_level_id\": 10,"
    " \"quantity\": \"1.0\"}, {\"id\": 2}, {\"id\": 3}]}}}",
    TRUE, NULL, "opportunity_book_out_item", "Opportunity", "book_out_item", 77, 1364, 0,
    "Anna Smith", 3 },
  { "scan-not-array", "{\"action\": {\"content\": {\"opportunity_item_assets\": {\"id\": 1}},"
    " \"subject_type\": \"Opportunity\"}}",
    TRUE, NULL, NULL, "Opportunity", NULL, 0, 0, 0, NULL, 0 },
};

static void
check_parse_case (const ParseCase *c)
{
  g_autoptr(PbDelivery) delivery = delivery_new (c->body, -1);

  g_test_message ("case %s: %s", c->label, pb_delivery_get_problem (delivery));
  g_assert_cmpint (pb_delivery_get_valid (delivery), ==, c->valid);
  if (c->problem_part != NULL)
    g_assert_nonnull (strstr (pb_delivery_get_problem (delivery), c->problem_part));
  else
    g_assert_null (pb_delivery_get_problem (delivery));
  g_assert_cmpstr (pb_delivery_get_event (delivery), ==, c->event);
  g_assert_cmpstr (pb_delivery_get_subject_type (delivery), ==, c->subject_type);
  g_assert_cmpstr (pb_delivery_get_action_type (delivery), ==, c->action_type);
  g_assert_cmpint (pb_delivery_get_action_id (delivery), ==, c->action_id);
  g_assert_cmpint (pb_delivery_get_subject_id (delivery), ==, c->subject_id);
  g_assert_cmpint (pb_delivery_get_member_id (delivery), ==, c->member_id);
  g_assert_cmpstr (pb_delivery_get_member_name (delivery), ==, c->member_name);
  g_assert_cmpuint (pb_delivery_get_scan_count (delivery), ==, c->scan_count);
}

static void
test_parse_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    check_parse_case (&parse_cases[i]);
}

static void
test_parse_fields (void)
{
  g_autoptr(PbDelivery) delivery = delivery_new (REALISTIC, -1);

  g_assert_cmpstr (pb_delivery_get_token (delivery), ==, "tok");
  g_assert_cmpstr (pb_delivery_get_headers_json (delivery), ==, "{}");
  g_assert_cmpint (pb_delivery_get_received_at (delivery), ==, 1000);
  g_assert_cmpstr (pb_delivery_get_name (delivery), ==, "Summer gala");
  g_assert_cmpstr (pb_delivery_get_description (delivery), ==, "Converted to order");
  g_assert_cmpstr (pb_delivery_get_created_at (delivery), ==, "2024-05-02T09:14:03.120Z");
  g_assert_cmpuint (g_bytes_get_size (pb_delivery_get_body (delivery)), ==, strlen (REALISTIC));
  g_assert_cmpint (pb_delivery_get_id (delivery), ==, 0);
  g_assert_cmpint (pb_delivery_get_account_id (delivery), ==, 0);
  g_assert_cmpuint (pb_delivery_get_status_code (delivery), ==, 0);
  g_assert_false (pb_delivery_get_is_retry (delivery));
}

static void
test_null_body (void)
{
  g_autoptr(PbDelivery) delivery = pb_delivery_new (NULL, NULL, NULL, 0);
  g_autofree char *pretty = pb_delivery_dup_pretty_body (delivery);

  g_assert_false (pb_delivery_get_valid (delivery));
  g_assert_nonnull (strstr (pb_delivery_get_problem (delivery), "empty"));
  g_assert_cmpuint (g_bytes_get_size (pb_delivery_get_body (delivery)), ==, 0);
  g_assert_cmpstr (pretty, ==, "");
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(PbDelivery) delivery = NULL;
  g_autofree char *pretty = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (body, '[');
  delivery = delivery_new (body->str, body->len);
  pretty = pb_delivery_dup_pretty_body (delivery);

  g_assert_false (pb_delivery_get_valid (delivery));
  g_assert_nonnull (strstr (pb_delivery_get_problem (delivery), "nests too deeply"));
  g_assert_cmpstr (pretty, ==, body->str);
}

static void
test_nul_in_body (void)
{
  static const char body[] = "{\"a\": 1}\0tail";
  g_autoptr(PbDelivery) delivery = delivery_new (body, sizeof body - 1);
  g_autofree char *pretty = pb_delivery_dup_pretty_body (delivery);

  g_assert_false (pb_delivery_get_valid (delivery));
  g_assert_cmpstr (pretty, ==, "{\"a\": 1}\\x00tail");
}

static void
test_from_row (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static (REALISTIC, strlen (REALISTIC));
  static const char bare_json[] = "{\"action\": {\"id\": 1}}";
  g_autoptr(GBytes) bare = g_bytes_new_static (bare_json, sizeof bare_json - 1);
  g_autoptr(PbDelivery) delivery = NULL;
  g_autoptr(PbDelivery) kept = NULL;

  delivery = pb_delivery_new_from_row (41, 3, 2000, "tok", "opportunity_update", body,
                                       "{\"user-agent\": \"x\"}", 200, TRUE);
  g_assert_cmpint (pb_delivery_get_id (delivery), ==, 41);
  g_assert_cmpint (pb_delivery_get_account_id (delivery), ==, 3);
  g_assert_cmpint (pb_delivery_get_received_at (delivery), ==, 2000);
  g_assert_cmpstr (pb_delivery_get_event (delivery), ==, "opportunity_update");
  g_assert_cmpuint (pb_delivery_get_status_code (delivery), ==, 200);
  g_assert_true (pb_delivery_get_is_retry (delivery));
  g_assert_cmpint (pb_delivery_get_subject_id (delivery), ==, 1364);
  g_assert_cmpstr (pb_delivery_get_member_name (delivery), ==, "Anna Smith");

  /* A row without an event keeps the one the body names. */
  kept = pb_delivery_new_from_row (42, 0, 2000, NULL, NULL, body, NULL, 200, FALSE);
  g_assert_cmpstr (pb_delivery_get_event (kept), ==, "opportunity_convert_to_order");
  g_clear_object (&kept);

  kept = pb_delivery_new_from_row (43, 0, 2000, NULL, "invoice_create", bare, NULL, 0, FALSE);
  g_assert_cmpstr (pb_delivery_get_event (kept), ==, "invoice_create");
  g_assert_true (pb_delivery_get_valid (kept));
}

static void
test_setters_notify_on_change (void)
{
  g_autoptr(PbDelivery) delivery = delivery_new (REALISTIC, -1);
  g_autofree char *event = NULL;
  guint count = 0;

  g_signal_connect (delivery, "notify", G_CALLBACK (pb_test_count_notify), &count);

  pb_delivery_set_event (delivery, "opportunity_convert_to_order");
  pb_delivery_set_id (delivery, 0);
  pb_delivery_set_account_id (delivery, 0);
  pb_delivery_set_status_code (delivery, 0);
  pb_delivery_set_is_retry (delivery, FALSE);
  g_assert_cmpuint (count, ==, 0);

  pb_delivery_set_event (delivery, "opportunity_update");
  pb_delivery_set_id (delivery, 9);
  pb_delivery_set_account_id (delivery, 2);
  pb_delivery_set_status_code (delivery, 200);
  pb_delivery_set_is_retry (delivery, TRUE);
  g_assert_cmpuint (count, ==, 5);

  pb_delivery_set_event (delivery, "");
  g_assert_null (pb_delivery_get_event (delivery));
  g_assert_cmpuint (count, ==, 6);

  g_object_set (delivery, "event", "invoice_create", NULL);
  g_object_get (delivery, "event", &event, NULL);
  g_assert_cmpstr (event, ==, "invoice_create");
  g_assert_cmpuint (count, ==, 7);
}

static void
test_properties_readable (void)
{
  g_autoptr(PbDelivery) delivery = delivery_new (REALISTIC, -1);
  g_autofree char *member_name = NULL;
  g_autoptr(GBytes) body = NULL;
  gint64 subject_id = 0;
  gboolean valid = FALSE;
  guint scan_count = 1;

  g_object_get (delivery,
                "member-name", &member_name,
                "subject-id", &subject_id,
                "valid", &valid,
                "scan-count", &scan_count,
                "body", &body,
                NULL);
  g_assert_cmpstr (member_name, ==, "Anna Smith");
  g_assert_cmpint (subject_id, ==, 1364);
  g_assert_true (valid);
  g_assert_cmpuint (scan_count, ==, 0);
  g_assert_true (body == pb_delivery_get_body (delivery));
}

typedef struct
{
  const char *body;
  const char *event;
  const char *sentence;
} DescribeCase;

#define ACTION(type, id, action, member) \
  "{\"action\": {\"subject_type\": \"" type "\", \"subject_id\": " id ", \"action_type\": \"" \
  action "\"" member "}}"
#define ANNA ", \"member\": {\"name\": \"Anna Smith\"}"

static const DescribeCase describe_cases[] = {
  { ACTION ("Opportunity", "1364", "convert_to_order", ANNA), NULL,
    "Anna Smith converted Opportunity #1364 to an order" },
  { ACTION ("Invoice", "88", "create", ANNA), NULL, "Anna Smith created Invoice #88" },
  { ACTION ("Product", "3", "destroy", ANNA), NULL, "Anna Smith deleted Product #3" },
  { ACTION ("Opportunity", "12", "discuss", ANNA), NULL,
    "Anna Smith started a discussion on Opportunity #12" },
  { ACTION ("Member", "5", "update", ""), NULL, "Someone updated Member #5" },
  { ACTION ("Member", "5", "update", ", \"member\": {\"name\": \"\"}"), NULL,
    "Someone updated Member #5" },
  { ACTION ("StockLevel", "9", "attach", ANNA), NULL,
    "Anna Smith added an attachment to Stock level #9" },
  { ACTION ("Discussion", "4", "comment", ", \"member_name\": \"Bo\""), NULL,
    "Bo commented on Discussion #4" },
  { ACTION ("Opportunity", "12", "revert_to_quotation", ""), NULL,
    "Someone reverted Opportunity #12 to a quotation" },
  { ACTION ("Opportunity", "12", "mark_as_dead", ANNA), NULL,
    "Anna Smith: Opportunity · Mark as dead (Opportunity #12)" },
  { ACTION ("SerialisedComponent", "4", "polish", ""), NULL,
    "Someone: Serialised component · Polish (Serialised component #4)" },
  { "{\"action\": {\"subject_type\": \"Opportunity\", \"subject_id\": 1364,"
    " \"action_type\": \"book_out_item\"" ANNA ", \"content\": {\"opportunity_item_assets\":"
    " [{\"id\": 1}, {\"id\": 2}, {\"id\": 3}]}}}", NULL,
    "Anna Smith booked out 3 assets on Opportunity #1364" },
  { "{\"action\": {\"subject_type\": \"Opportunity\", \"subject_id\": 1364,"
    " \"action_type\": \"check_in_item\", \"content\": {\"opportunity_item_assets\":"
    " [{\"id\": 1}]}}}", NULL, "Someone checked in 1 asset on Opportunity #1364" },
  /* The receiver names the event when the body does not. */
  { "{\"action\": {\"subject_type\": \"Opportunity\", \"subject_id\": 7" ANNA "}}",
    "opportunity_update", "Anna Smith updated Opportunity #7" },
  { "{\"action\": {\"id\": 1" ANNA "}}", "invoice_destroy", "Anna Smith deleted Invoice" },
  { "{\"action\": {\"id\": 1, \"description\": \"Something happened\"}}", NULL,
    "Something happened" },
  { "{\"action\": {\"id\": 1}}", NULL,
    "Current RMS sent an action that does not say what happened to which record." },
  { "{\"hello\": 1}", "opportunity_update",
    "The body is a JSON object without an action, so it does not look like a Current RMS "
    "delivery." },
  { "[1]", NULL, "The body is a JSON array, but a delivery must be a JSON object." },
  { "", NULL, "The body is empty." },
};

static void
test_describe (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (describe_cases); i++)
    {
      const DescribeCase *c = &describe_cases[i];
      g_autoptr(PbDelivery) delivery = delivery_new (c->body, -1);
      g_autofree char *sentence = NULL;

      g_test_message ("case %u: %s", i, c->body);
      if (c->event != NULL)
        pb_delivery_set_event (delivery, c->event);
      sentence = pb_delivery_describe (delivery, NULL);
      g_assert_cmpstr (sentence, ==, c->sentence);
    }
}

static void
test_describe_own_catalog (void)
{
  static const char data[] =
    "{\"version\": 1, \"subjects\": [{\"subject\": \"opportunity\", \"label\": \"Job\","
    " \"status\": \"confirmed\", \"actions\": [{\"action\": \"mark_as_dead\","
    " \"label\": \"Bury\", \"kind\": \"specific\", \"status\": \"confirmed\"}]}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(PbCatalog) catalog = pb_catalog_new_from_data (data, -1, &error);
  g_autoptr(PbDelivery) delivery = NULL;
  g_autofree char *sentence = NULL;

  g_assert_no_error (error);
  delivery = delivery_new (ACTION ("Opportunity", "12", "mark_as_dead", ANNA), -1);
  sentence = pb_delivery_describe (delivery, catalog);
  g_assert_cmpstr (sentence, ==, "Anna Smith: Job · Bury (Job #12)");
}

static void
test_record_label (void)
{
  static const struct {
    const char *body;
    const char *label;
  } cases[] = {
    { ACTION ("Opportunity", "1364", "create", ""), "Opportunity #1364" },
    { ACTION ("Opportunity", "\"1364\"", "create", ""), "Opportunity #1364" },
    { ACTION ("StockLevel", "9", "create", ""), "Stock level #9" },
    { ACTION ("Member", "5", "create", ""), "Member #5" },
    { ACTION ("PurchaseOrder", "0", "create", ""), "Purchase order" },
    { ACTION ("WarehouseBin", "31", "create", ""), "Warehouse bin #31" },
    { "{\"action\": {\"id\": 1}}", NULL },
    { "not json", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PbDelivery) delivery = delivery_new (cases[i].body, -1);
      g_autofree char *label = pb_delivery_dup_record_label (delivery);

      g_assert_cmpstr (label, ==, cases[i].label);
    }
}

static void
test_pretty_body (void)
{
  static const struct {
    const char *body;
    const char *pretty;
  } cases[] = {
    { "{\"a\":[1,2],\"b\":{\"c\":\"d\"}}",
      "{\n  \"a\" : [\n    1,\n    2\n  ],\n  \"b\" : {\n    \"c\" : \"d\"\n  }\n}" },
    { "[true]", "[\n  true\n]" },
    { "not json <b>", "not json <b>" },
    { "caf\xe9 \xc3\xa9t\xc3\xa9", "caf\\xe9 \xc3\xa9t\xc3\xa9" },
    { "{\"a\": \"\xff\"}", "{\"a\": \"\\xff\"}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PbDelivery) delivery = delivery_new (cases[i].body, -1);
      g_autofree char *pretty = pb_delivery_dup_pretty_body (delivery);

      g_assert_cmpstr (pretty, ==, cases[i].pretty);
      g_assert_true (g_utf8_validate (pretty, -1, NULL));
    }
}

/* Runs @command in /bin/sh with a curl function that prints each argument
 * followed by a NUL, then whatever reaches its standard input. */
static GBytes *
run_with_fake_curl (const char *command)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) nothing = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;

  script = g_strconcat ("curl () { for arg in \"$@\"; do printf '%s\\000' \"$arg\"; done; cat; }\n",
                        command, "\n", NULL);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                              &error, "/bin/sh", "-c", script, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (process, nothing, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  return g_steal_pointer (&out);
}

static void
check_curl_arguments (const char *body,
                      gsize       body_length,
                      const char *url)
{
  static const char *options[] = {
    "-X", "POST", "-H", "Content-Type: application/json", "--data-binary",
  };
  g_autoptr(PbDelivery) delivery = delivery_new (body, body_length);
  g_autofree char *command = pb_delivery_dup_curl_command (delivery, url);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GBytes) output = NULL;
  gboolean has_nul = memchr (body, '\0', body_length) != NULL;

  g_assert_true (g_str_has_prefix (command, has_nul ? "printf " : "curl -X POST "));

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    g_string_append_len (expected, options[i], strlen (options[i]) + 1);
  if (has_nul)
    g_string_append_len (expected, "@-", 3);
  else
    g_string_append_len (expected, body, body_length + 1);
  g_string_append_len (expected, url, strlen (url) + 1);
  if (has_nul)
    g_string_append_len (expected, body, body_length);

  output = run_with_fake_curl (command);
  g_assert_cmpmem (g_bytes_get_data (output, NULL), g_bytes_get_size (output),
                   expected->str, expected->len);
}

static void
test_curl_quoting (void)
{
  static const char *bodies[] = {
    "{\"action\": {\"name\": \"O'Brien's \\\"kit\\\"\"}}",
    "'; touch /tmp/pwned; echo '",
    "$HOME `id` $(id) \\n \\' %s %% !",
    "line one\nline two\ttab",
    "''''",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    check_curl_arguments (bodies[i], strlen (bodies[i]), "http://127.0.0.1:8080/hooks/a'b");
}

static void
test_curl_binary_body (void)
{
  static const char body[] = "a\0b'c\\d%e\nf\xff";

  check_curl_arguments (body, sizeof body - 1, "http://127.0.0.1:8080/hooks/abc");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/patchbay/delivery/parse-table", test_parse_table);
  g_test_add_func ("/patchbay/delivery/parse-fields", test_parse_fields);
  g_test_add_func ("/patchbay/delivery/null-body", test_null_body);
  g_test_add_func ("/patchbay/delivery/deep-nesting", test_deep_nesting);
  g_test_add_func ("/patchbay/delivery/nul-in-body", test_nul_in_body);
  g_test_add_func ("/patchbay/delivery/from-row", test_from_row);
  g_test_add_func ("/patchbay/delivery/setters-notify-on-change", test_setters_notify_on_change);
  g_test_add_func ("/patchbay/delivery/properties-readable", test_properties_readable);
  g_test_add_func ("/patchbay/delivery/describe", test_describe);
  g_test_add_func ("/patchbay/delivery/describe-own-catalog", test_describe_own_catalog);
  g_test_add_func ("/patchbay/delivery/record-label", test_record_label);
  g_test_add_func ("/patchbay/delivery/pretty-body", test_pretty_body);
  g_test_add_func ("/patchbay/delivery/curl-quoting", test_curl_quoting);
  g_test_add_func ("/patchbay/delivery/curl-binary-body", test_curl_binary_body);

  return g_test_run ();
}

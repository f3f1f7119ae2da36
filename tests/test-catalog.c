/* test-catalog.c: the event catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pb-catalog.h"

static void
test_loads_builtin (void)
{
  g_autoptr(PbCatalog) catalog = pb_catalog_new ();
  GListModel *events = pb_catalog_get_events (catalog);
  const char * const *subjects = pb_catalog_get_subjects (catalog);
  PbEventInfo *info;

  g_assert_cmpuint (g_list_model_get_n_items (events), >, 100);
  g_assert_cmpstr (subjects[0], ==, "opportunity");
  g_assert_true (g_strv_contains (subjects, "stock_level"));
  g_assert_true (g_strv_contains (subjects, "purchase_order"));

  info = pb_catalog_lookup (catalog, "opportunity_convert_to_order");
  g_assert_nonnull (info);
  g_assert_cmpstr (pb_event_info_get_subject (info), ==, "opportunity");
  g_assert_cmpstr (pb_event_info_get_action (info), ==, "convert_to_order");
  g_assert_cmpstr (pb_event_info_get_action_label (info), ==, "Convert to order");
  g_assert_cmpint (pb_event_info_get_kind (info), ==, PB_ACTION_KIND_SPECIFIC);
  g_assert_cmpint (pb_event_info_get_status (info), ==, PB_EVENT_STATUS_CONFIRMED);
  g_assert_cmpstr (pb_event_info_get_description (info), !=, "");

  info = pb_catalog_lookup (catalog, "member_create");
  g_assert_nonnull (info);
  g_assert_cmpint (pb_event_info_get_kind (info), ==, PB_ACTION_KIND_GENERIC);
  g_assert_cmpint (pb_event_info_get_status (info), ==, PB_EVENT_STATUS_INFERRED);

  g_assert_true (pb_event_info_get_has_content (pb_catalog_lookup (catalog,
                                                                   "opportunity_book_out_item")));
  g_assert_false (pb_event_info_get_has_content (pb_catalog_lookup (catalog,
                                                                    "opportunity_book_out")));
  g_assert_null (pb_catalog_lookup (catalog, "opportunity_fly_to_the_moon"));
}

static void
test_display_name (void)
{
  g_autoptr(PbCatalog) catalog = pb_catalog_new ();
  g_autofree char *name = NULL;

  name = pb_event_info_dup_display_name (pb_catalog_lookup (catalog,
                                                            "opportunity_convert_to_order"));
  g_assert_cmpstr (name, ==, "Opportunity · Convert to order");
}

static void
test_parse_compose (void)
{
  static const struct {
    const char *event;
    const char *subject;
    const char *action;
    gboolean    known;
  } cases[] = {
    { "stock_level_create", "stock_level", "create", TRUE },
    { "opportunity_convert_to_order", "opportunity", "convert_to_order", TRUE },
    { "purchase_order_destroy", "purchase_order", "destroy", TRUE },
    { "invoice_create", "invoice", "create", TRUE },
    { "widget_frobnicate_now", "widget", "frobnicate_now", FALSE },
    { "nounderscore", "nounderscore", "", FALSE },
    { "opportunity_", "opportunity", "", FALSE },
  };

  g_autoptr(PbCatalog) catalog = pb_catalog_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *subject = NULL;
      g_autofree char *action = NULL;
      g_autofree char *composed = NULL;
      gboolean known;

      known = pb_catalog_parse_event (catalog, cases[i].event, &subject, &action);
      g_assert_cmpint (known, ==, cases[i].known);
      g_assert_cmpstr (subject, ==, cases[i].subject);
      g_assert_cmpstr (action, ==, cases[i].action);

      if (action[0] != '\0')
        {
          composed = pb_catalog_compose_event (subject, action);
          g_assert_cmpstr (composed, ==, cases[i].event);
        }
    }
}

static void
test_search (void)
{
  g_autoptr(PbCatalog) catalog = pb_catalog_new ();
  g_autoptr(GPtrArray) matches = NULL;
  gboolean found = FALSE;

  matches = pb_catalog_search (catalog, "convert order");
  g_assert_cmpuint (matches->len, >=, 1);
  for (guint i = 0; i < matches->len; i++)
    {
      PbEventInfo *info = g_ptr_array_index (matches, i);

      g_assert_true (pb_event_info_matches (info, "convert order"));
      if (g_str_equal (pb_event_info_get_event (info), "opportunity_convert_to_order"))
        found = TRUE;
    }
  g_assert_true (found);
  g_clear_pointer (&matches, g_ptr_array_unref);

  /* Raw names, case and underscores do not matter. */
  matches = pb_catalog_search (catalog, "STOCK_LEVEL_CREATE");
  g_assert_cmpuint (matches->len, ==, 1);
  g_clear_pointer (&matches, g_ptr_array_unref);

  /* Descriptions are searched too. */
  matches = pb_catalog_search (catalog, "scanned book");
  g_assert_cmpuint (matches->len, ==, 1);
  g_assert_cmpstr (pb_event_info_get_event (g_ptr_array_index (matches, 0)), ==,
                   "opportunity_book_out_item");
  g_clear_pointer (&matches, g_ptr_array_unref);

  matches = pb_catalog_search (catalog, "zebra quantum");
  g_assert_cmpuint (matches->len, ==, 0);
  g_clear_pointer (&matches, g_ptr_array_unref);

  matches = pb_catalog_search (catalog, "   ");
  g_assert_cmpuint (matches->len, ==,
                    g_list_model_get_n_items (pb_catalog_get_events (catalog)));
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  g_assert_cmpuint (removed, ==, 0);
  *count += added;
}

static void
test_learn (void)
{
  g_autoptr(PbCatalog) catalog = pb_catalog_new ();
  GListModel *events = pb_catalog_get_events (catalog);
  guint before = g_list_model_get_n_items (events);
  guint added = 0;
  PbEventInfo *learned;
  PbEventInfo *again;
  g_autoptr(PbEventInfo) next = NULL;
  g_autoptr(PbEventInfo) last = NULL;
  guint position = G_MAXUINT;

  g_signal_connect (events, "items-changed", G_CALLBACK (on_items_changed), &added);

  /* A known event is not learned twice. */
  g_assert_true (pb_catalog_learn (catalog, "invoice_create") ==
                 pb_catalog_lookup (catalog, "invoice_create"));
  g_assert_cmpuint (added, ==, 0);

  learned = pb_catalog_learn (catalog, "invoice_mark_as_paid");
  g_assert_cmpint (pb_event_info_get_status (learned), ==, PB_EVENT_STATUS_LEARNED);
  g_assert_cmpstr (pb_event_info_get_subject (learned), ==, "invoice");
  g_assert_cmpstr (pb_event_info_get_subject_label (learned), ==, "Invoice");
  g_assert_cmpstr (pb_event_info_get_action_label (learned), ==, "Mark as paid");
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, before + 1);

  again = pb_catalog_learn (catalog, "invoice_mark_as_paid");
  g_assert_true (again == learned);
  g_assert_cmpuint (added, ==, 1);

  /* It sits with the invoice events, not at the end. */
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PbEventInfo) info = g_list_model_get_item (events, i);

      if (info == learned)
        position = i;
    }
  g_assert_cmpuint (position, <, before);
  next = g_list_model_get_item (events, position + 1);
  g_assert_cmpstr (pb_event_info_get_subject (next), !=, "invoice");

  /* An unknown subject is learned too, at the end. */
  learned = pb_catalog_learn (catalog, "crew_assign");
  g_assert_cmpstr (pb_event_info_get_subject_label (learned), ==, "Crew");
  last = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);
  g_assert_true (last == learned);
}

static void
test_describe_custom (void)
{
  g_autoptr(PbCatalog) catalog = pb_catalog_new ();
  g_autoptr(PbEventInfo) custom = NULL;
  g_autoptr(PbEventInfo) known = NULL;
  guint n_items = g_list_model_get_n_items (pb_catalog_get_events (catalog));

  custom = pb_catalog_describe (catalog, "opportunity_teleport");
  g_assert_cmpint (pb_event_info_get_status (custom), ==, PB_EVENT_STATUS_CUSTOM);
  g_assert_cmpstr (pb_event_info_get_event (custom), ==, "opportunity_teleport");
  g_assert_cmpstr (pb_event_info_get_subject_label (custom), ==, "Opportunity");
  g_assert_cmpuint (g_list_model_get_n_items (pb_catalog_get_events (catalog)), ==, n_items);

  known = pb_catalog_describe (catalog, "opportunity_create");
  g_assert_true (known == pb_catalog_lookup (catalog, "opportunity_create"));
}

static void
test_subject_from_type (void)
{
  static const struct {
    const char *type;
    const char *subject;
  } cases[] = {
    { "Opportunity", "opportunity" },
    { "StockLevel", "stock_level" },
    { "PurchaseOrder", "purchase_order" },
    { "stock_level", "stock_level" },
    { "Member transaction", "member_transaction" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *subject = pb_catalog_subject_from_type (cases[i].type);

      g_assert_cmpstr (subject, ==, cases[i].subject);
    }
}

static void
test_bad_data (void)
{
  static const char *bad[] = {
    "",
    "[]",
    "{\"subjects\": 3}",
    "{\"subjects\": [3]}",
    "{\"subjects\": [{\"label\": \"x\"}]}",
    "{not json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbCatalog) catalog = pb_catalog_new_from_data (bad[i], -1, &error);

      g_assert_null (catalog);
      g_assert_nonnull (error);
    }
}

static void
test_events_unique_and_well_formed (void)
{
  g_autoptr(PbCatalog) catalog = pb_catalog_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *events = pb_catalog_get_events (catalog);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PbEventInfo) info = g_list_model_get_item (events, i);
      const char *event = pb_event_info_get_event (info);

      g_assert_false (g_hash_table_contains (seen, event));
      g_hash_table_add (seen, (gpointer)event);
      for (const char *p = event; *p; p++)
        g_assert_true (g_ascii_islower (*p) || *p == '_');
      g_assert_cmpstr (pb_event_info_get_action_label (info), !=, "");
      g_assert_cmpstr (pb_event_info_get_description (info), !=, "");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/patchbay/catalog/loads-builtin", test_loads_builtin);
  g_test_add_func ("/patchbay/catalog/display-name", test_display_name);
  g_test_add_func ("/patchbay/catalog/parse-compose", test_parse_compose);
  g_test_add_func ("/patchbay/catalog/search", test_search);
  g_test_add_func ("/patchbay/catalog/learn", test_learn);
  g_test_add_func ("/patchbay/catalog/describe-custom", test_describe_custom);
  g_test_add_func ("/patchbay/catalog/subject-from-type", test_subject_from_type);
  g_test_add_func ("/patchbay/catalog/bad-data", test_bad_data);
  g_test_add_func ("/patchbay/catalog/events-well-formed", test_events_unique_and_well_formed);

  return g_test_run ();
}

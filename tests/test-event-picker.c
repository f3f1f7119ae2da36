/* test-event-picker.c: searching and picking events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "pb-event-picker.h"
#include "pb-test-core.h"
#include "pb-test-ui.h"

typedef struct
{
  PbCatalog     *catalog;
  PbEventPicker *picker;
  char          *chosen;
} Fixture;

static void
on_event_chosen (PbEventPicker *picker,
                 const char    *event,
                 Fixture       *fixture)
{
  g_free (fixture->chosen);
  fixture->chosen = g_strdup (event);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->catalog = pb_catalog_new ();
  fixture->picker = g_object_ref_sink (pb_event_picker_new (fixture->catalog));
  g_signal_connect (fixture->picker, "event-chosen", G_CALLBACK (on_event_chosen), fixture);
  gtk_window_present (GTK_WINDOW (fixture->picker));
  PB_TEST_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (fixture->picker)), 10);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->picker));
  g_clear_object (&fixture->picker);
  g_clear_object (&fixture->catalog);
  g_clear_pointer (&fixture->chosen, g_free);
}

static GtkWidget *
template_child (Fixture    *fixture,
                const char *name)
{
  return pb_test_ui_template_child (GTK_WIDGET (fixture->picker), PB_TYPE_EVENT_PICKER, name);
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  return pb_test_ui_find_widget (root, pb_test_ui_is_label, text);
}

static guint
count_labels (GtkWidget  *root,
              const char *text)
{
  return pb_test_ui_count_widgets (root, pb_test_ui_is_label, text);
}

/* The row of the list that shows @text, whether or not the search hides it. */
static GtkListBoxRow *
find_row (Fixture    *fixture,
          const char *text)
{
  GtkWidget *label = find_label (template_child (fixture, "list_box"), text);
  GtkWidget *row;

  if (label == NULL)
    return NULL;

  row = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  return GTK_LIST_BOX_ROW (row);
}

static gboolean
row_is_shown (GtkListBoxRow *row)
{
  return row != NULL && gtk_widget_get_child_visible (GTK_WIDGET (row));
}

static void
search (Fixture    *fixture,
        const char *text)
{
  pb_test_ui_search (template_child (fixture, "search_entry"), text);
}

static void
test_convert_order (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkListBox *list_box = GTK_LIST_BOX (template_child (fixture, "list_box"));
  GtkListBoxRow *target;
  guint n_all = pb_event_picker_get_n_results (fixture->picker);

  search (fixture, "convert order");

  g_assert_cmpuint (pb_event_picker_get_n_results (fixture->picker), >, 0);
  g_assert_cmpuint (pb_event_picker_get_n_results (fixture->picker), <, n_all);
  target = find_row (fixture, "opportunity_convert_to_order");
  g_assert_true (row_is_shown (target));
  g_assert_false (row_is_shown (find_row (fixture, "opportunity_create")));

  /* Walk down from the search entry, as the arrow keys do, to the target. */
  for (guint i = 0; i < 20 && gtk_list_box_get_selected_row (list_box) != target; i++)
    gtk_widget_activate_action (GTK_WIDGET (fixture->picker), "picker.select-next", NULL);
  g_assert_true (gtk_list_box_get_selected_row (list_box) == target);

  g_signal_emit_by_name (template_child (fixture, "search_entry"), "activate");
  g_assert_cmpstr (fixture->chosen, ==, "opportunity_convert_to_order");
  g_assert_cmpstr (pb_event_picker_get_event (fixture->picker), ==,
                   "opportunity_convert_to_order");
}

static void
test_arrows (Fixture       *fixture,
             gconstpointer  data)
{
  GtkListBox *list_box = GTK_LIST_BOX (template_child (fixture, "list_box"));
  GtkListBoxRow *first;
  GtkListBoxRow *second;

  search (fixture, "opportunity");
  first = gtk_list_box_get_selected_row (list_box);
  g_assert_nonnull (first);

  gtk_widget_activate_action (GTK_WIDGET (fixture->picker), "picker.select-next", NULL);
  second = gtk_list_box_get_selected_row (list_box);
  g_assert_true (second != first);
  g_assert_cmpint (gtk_list_box_row_get_index (second), >, gtk_list_box_row_get_index (first));

  gtk_widget_activate_action (GTK_WIDGET (fixture->picker), "picker.select-previous", NULL);
  g_assert_true (gtk_list_box_get_selected_row (list_box) == first);
  g_assert_null (fixture->chosen);
}

static void
test_learned (Fixture       *fixture,
              gconstpointer  data)
{
  g_assert_cmpuint (count_labels (GTK_WIDGET (fixture->picker), "Learned"), ==, 0);

  pb_catalog_learn (fixture->catalog, "opportunity_frobnicate");
  g_assert_cmpuint (count_labels (GTK_WIDGET (fixture->picker), "Learned"), ==, 1);

  search (fixture, "frobnicate");
  g_assert_cmpuint (pb_event_picker_get_n_results (fixture->picker), ==, 1);
  g_assert_true (row_is_shown (find_row (fixture, "opportunity_frobnicate")));
  g_assert_true (row_is_shown (GTK_LIST_BOX_ROW (gtk_widget_get_ancestor (
    find_label (GTK_WIDGET (fixture->picker), "Learned"), GTK_TYPE_LIST_BOX_ROW))));
}

static void
test_custom (Fixture       *fixture,
             gconstpointer  data)
{
  const char *title = "Use custom event “opportunity_teleport”";

  search (fixture, "opportunity_create");
  g_assert_false (row_is_shown (find_row (fixture, title)));

  search (fixture, "opportunity teleport");
  g_assert_false (row_is_shown (find_row (fixture, title)));

  search (fixture, "opportunity_teleport");
  g_assert_cmpuint (pb_event_picker_get_n_results (fixture->picker), ==, 0);
  g_assert_true (row_is_shown (find_row (fixture, title)));

  g_signal_emit_by_name (template_child (fixture, "search_entry"), "activate");
  g_assert_cmpstr (fixture->chosen, ==, "opportunity_teleport");
}

static void
test_no_results (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkStack *stack = GTK_STACK (template_child (fixture, "stack"));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "results");

  search (fixture, "zzzz qqqq");
  g_assert_cmpuint (pb_event_picker_get_n_results (fixture->picker), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  g_signal_emit_by_name (template_child (fixture, "search_entry"), "activate");
  g_assert_null (fixture->chosen);
}

static void
test_preselect (Fixture       *fixture,
                gconstpointer  data)
{
  GtkListBox *list_box = GTK_LIST_BOX (template_child (fixture, "list_box"));

  pb_event_picker_set_event (fixture->picker, "opportunity_convert_to_order");
  g_assert_true (gtk_list_box_get_selected_row (list_box) ==
                 find_row (fixture, "opportunity_convert_to_order"));

  g_signal_emit_by_name (template_child (fixture, "search_entry"), "activate");
  g_assert_cmpstr (fixture->chosen, ==, "opportunity_convert_to_order");
}

int
main (int   argc,
      char *argv[])
{
  pb_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/patchbay/event-picker/convert-order", test_convert_order);
  ADD ("/patchbay/event-picker/arrows", test_arrows);
  ADD ("/patchbay/event-picker/learned", test_learned);
  ADD ("/patchbay/event-picker/custom", test_custom);
  ADD ("/patchbay/event-picker/no-results", test_no_results);
  ADD ("/patchbay/event-picker/preselect", test_preselect);

#undef ADD

  return g_test_run ();
}

/* test-webhook-editor.c: creating webhooks through the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "pb-event-picker.h"
#include "pb-test-core.h"
#include "pb-test-ui.h"
#include "pb-webhook-editor.h"

typedef struct
{
  PbTestSimAccount  sim;
  PbWebhookEditor  *editor;
  PbWebhook        *saved;
} Fixture;

static void
on_saved (PbWebhookEditor *editor,
          PbWebhook       *webhook,
          Fixture         *fixture)
{
  g_set_object (&fixture->saved, webhook);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  pb_test_sim_account_set_up (&fixture->sim, "acme", "acme-key");
  pb_test_sim_account_open (&fixture->sim);

  fixture->editor = pb_webhook_editor_new (fixture->sim.session, NULL, NULL);
  g_object_add_weak_pointer (G_OBJECT (fixture->editor), (gpointer *)&fixture->editor);
  g_signal_connect (fixture->editor, "saved", G_CALLBACK (on_saved), fixture);
  gtk_window_present (GTK_WINDOW (fixture->editor));
  PB_TEST_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (fixture->editor)), 10);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->editor));
  g_assert_null (fixture->editor);

  g_clear_object (&fixture->saved);
  pb_test_sim_account_tear_down (&fixture->sim);
}

static GtkWidget *
template_child (Fixture    *fixture,
                const char *name)
{
  return pb_test_ui_template_child (GTK_WIDGET (fixture->editor), PB_TYPE_WEBHOOK_EDITOR,
                                    name);
}

static void
type (Fixture    *fixture,
      const char *row,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (template_child (fixture, row)), text);
}

static gboolean
can_save (Fixture *fixture)
{
  return gtk_widget_is_sensitive (template_child (fixture, "save_button"));
}

/* The message shown under a field, or NULL when none is. */
static const char *
message (Fixture    *fixture,
         const char *label_name)
{
  GtkWidget *label = template_child (fixture, label_name);

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static PbEventPicker *
find_picker (void)
{
  return (PbEventPicker *)pb_test_ui_find_toplevel (PB_TYPE_EVENT_PICKER);
}

/* Picks @event the way a user does: opens the picker from the event row,
 * searches for it and presses Enter. */
static void
choose_event (Fixture    *fixture,
              const char *event)
{
  PbEventPicker *picker;
  GtkWidget *entry;

  g_signal_emit_by_name (template_child (fixture, "event_row"), "activated");
  PB_TEST_WAIT_FOR ((picker = find_picker ()) != NULL, 10);

  entry = pb_test_ui_template_child (GTK_WIDGET (picker), PB_TYPE_EVENT_PICKER, "search_entry");
  pb_test_ui_search (entry, event);
  g_signal_emit_by_name (entry, "activate");
  PB_TEST_WAIT_FOR (find_picker () == NULL, 10);
}

static void
fill_valid (Fixture *fixture)
{
  type (fixture, "name_row", "Orders to ERP");
  choose_event (fixture, "opportunity_convert_to_order");
  type (fixture, "url_row", "https://erp.example.com/hooks/orders");
}

static void
test_empty_name (Fixture       *fixture,
                 gconstpointer  data)
{
  g_assert_false (can_save (fixture));
  /* A fresh form does not complain before the user has typed. */
  g_assert_null (message (fixture, "name_message"));

  fill_valid (fixture);
  g_assert_true (can_save (fixture));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (template_child (fixture, "event_raw_label"))),
                   ==, "opportunity_convert_to_order");

  type (fixture, "name_row", "   ");
  g_assert_false (can_save (fixture));
  g_assert_nonnull (message (fixture, "name_message"));
  g_assert_true (gtk_widget_has_css_class (template_child (fixture, "name_message"), "error"));

  type (fixture, "name_row", "Orders");
  g_assert_true (can_save (fixture));
  g_assert_null (message (fixture, "name_message"));
}

static void
test_bad_url (Fixture       *fixture,
              gconstpointer  data)
{
  const char *const bad[] = { "ftp://x", "not a url", "" };

  fill_valid (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      type (fixture, "url_row", bad[i]);
      g_assert_false (can_save (fixture));
      g_assert_nonnull (message (fixture, "url_message"));
      g_assert_true (gtk_widget_has_css_class (template_child (fixture, "url_message"), "error"));
    }

  type (fixture, "url_row", "https://erp.example.com/hooks/orders");
  g_assert_true (can_save (fixture));
  g_assert_null (message (fixture, "url_message"));
}

static void
test_url_warning (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *const doubtful[] = { "http://erp.example.com/in", "https://localhost:8443/in",
                                   "http://192.168.1.20/in" };

  fill_valid (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (doubtful); i++)
    {
      type (fixture, "url_row", doubtful[i]);
      /* A warning, not an error: the webhook can still be saved. */
      g_assert_true (can_save (fixture));
      g_assert_nonnull (message (fixture, "url_message"));
      g_assert_true (gtk_widget_has_css_class (template_child (fixture, "url_message"),
                                               "warning"));
      g_assert_false (gtk_widget_has_css_class (template_child (fixture, "url_message"),
                                                "error"));
    }
}

static void
test_server_rejects (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *url_message = template_child (fixture, "url_message");
  g_autoptr(GPtrArray) webhooks = NULL;

  fill_valid (fixture);
  pb_simulator_inject_fault (fixture->sim.simulator, PB_SIM_FAULT_VALIDATION, 1);

  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.save", NULL);
  g_assert_true (pb_webhook_editor_get_saving (fixture->editor));
  g_assert_false (can_save (fixture));
  PB_TEST_WAIT_FOR (!pb_webhook_editor_get_saving (fixture->editor), 10);

  /* Still open, with the input as typed and the server's word beside the URL. */
  g_assert_nonnull (fixture->editor);
  g_assert_null (fixture->saved);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (template_child (fixture, "name_row"))),
                   ==, "Orders to ERP");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (template_child (fixture, "url_row"))),
                   ==, "https://erp.example.com/hooks/orders");
  g_assert_nonnull (message (fixture, "url_message"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (url_message)), "invalid"));
  g_assert_true (gtk_widget_has_css_class (url_message, "error"));
  g_assert_null (message (fixture, "name_message"));
  g_assert_true (can_save (fixture));

  webhooks = pb_simulator_list_webhooks (fixture->sim.simulator);
  g_assert_cmpuint (webhooks->len, ==, 0);

  /* Editing the field clears what the server said of it. */
  type (fixture, "url_row", "https://erp.example.com/hooks/orders2");
  g_assert_null (message (fixture, "url_message"));
}

static void
test_server_fails (Fixture       *fixture,
                   gconstpointer  data)
{
  fill_valid (fixture);
  pb_simulator_inject_fault (fixture->sim.simulator, PB_SIM_FAULT_SERVER_ERROR, 1);

  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.save", NULL);
  PB_TEST_WAIT_FOR (!pb_webhook_editor_get_saving (fixture->editor), 10);

  g_assert_nonnull (fixture->editor);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (template_child (fixture,
                                                                              "error_revealer"))));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (template_child (fixture, "error_label"))),
                   !=, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (template_child (fixture, "name_row"))),
                   ==, "Orders to ERP");
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) webhooks = NULL;
  PbWebhook *created;

  fill_valid (fixture);
  gtk_switch_set_active (GTK_SWITCH (template_child (fixture, "active_switch")), FALSE);

  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.save", NULL);
  PB_TEST_WAIT_FOR (fixture->editor == NULL, 10);

  g_assert_nonnull (fixture->saved);
  g_assert_cmpint (pb_webhook_get_id (fixture->saved), >, 0);

  webhooks = pb_simulator_list_webhooks (fixture->sim.simulator);
  g_assert_cmpuint (webhooks->len, ==, 1);
  created = g_ptr_array_index (webhooks, 0);
  g_assert_cmpstr (pb_webhook_get_name (created), ==, "Orders to ERP");
  g_assert_cmpstr (pb_webhook_get_event (created), ==, "opportunity_convert_to_order");
  g_assert_cmpstr (pb_webhook_get_target_url (created), ==, "https://erp.example.com/hooks/orders");
  g_assert_false (pb_webhook_get_active (created));
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  PbWebhook *original;
  PbWebhook *on_server;
  PbWebhookEditor *editor;

  original = pb_simulator_add_webhook (fixture->sim.simulator, "Old name", "member_create",
                                       "https://crm.example.com/in", TRUE);
  gtk_window_destroy (GTK_WINDOW (fixture->editor));
  g_assert_null (fixture->editor);

  editor = pb_webhook_editor_new (fixture->sim.session, NULL, original);
  fixture->editor = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *)&fixture->editor);
  gtk_window_present (GTK_WINDOW (editor));

  /* Nothing changed yet: nothing to save. */
  g_assert_false (can_save (fixture));
  type (fixture, "name_row", "New name");
  g_assert_true (can_save (fixture));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  PB_TEST_WAIT_FOR (fixture->editor == NULL, 10);

  on_server = pb_simulator_lookup_webhook (fixture->sim.simulator, pb_webhook_get_id (original));
  g_assert_cmpstr (pb_webhook_get_name (on_server), ==, "New name");
  g_assert_cmpstr (pb_webhook_get_event (on_server), ==, "member_create");
  g_assert_true (pb_webhook_get_active (on_server));
}

static void
test_no_receiver (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_false (gtk_widget_get_visible (template_child (fixture, "deliver_row")));
}

int
main (int   argc,
      char *argv[])
{
  pb_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/patchbay/webhook-editor/empty-name", test_empty_name);
  ADD ("/patchbay/webhook-editor/bad-url", test_bad_url);
  ADD ("/patchbay/webhook-editor/url-warning", test_url_warning);
  ADD ("/patchbay/webhook-editor/server-rejects", test_server_rejects);
  ADD ("/patchbay/webhook-editor/server-fails", test_server_fails);
  ADD ("/patchbay/webhook-editor/create", test_create);
  ADD ("/patchbay/webhook-editor/edit", test_edit);
  ADD ("/patchbay/webhook-editor/no-receiver", test_no_receiver);

#undef ADD

  return g_test_run ();
}

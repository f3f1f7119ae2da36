/* test-accessibility.c: every control on every screen has a name, and the
 * keys each screen promises reach it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-test"

#include "config.h"

#include <adwaita.h>

#include "pb-account-dialog.h"
#include "pb-application.h"
#include "pb-bulk-dialog.h"
#include "pb-coverage-page.h"
#include "pb-delivery-detail.h"
#include "pb-event-picker.h"
#include "pb-live-log-page.h"
#include "pb-preferences-window.h"
#include "pb-simulator.h"
#include "pb-test-core.h"
#include "pb-test-ui.h"
#include "pb-webhook-editor.h"
#include "pb-webhooks-page.h"
#include "pb-window.h"

/* Iterates the main context until COND holds, failing after 30 s. */
#define WAIT(cond) PB_TEST_WAIT_FOR (cond, 30)

typedef struct
{
  PbApplication *app;
  GSettings     *settings;
  PbWindow      *window;
  GString       *report;
} Fixture;

/* Lets pending layout, mapping and idle work run. */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The accessibility audit */

/* GTK 4.8 has no toggle button role: toggle buttons are buttons with a
 * pressed state, so they are checked as buttons. */
static const GtkAccessibleRole interactive_roles[] = {
  GTK_ACCESSIBLE_ROLE_BUTTON,
  GTK_ACCESSIBLE_ROLE_CHECKBOX,
  GTK_ACCESSIBLE_ROLE_SWITCH,
  GTK_ACCESSIBLE_ROLE_TEXT_BOX,
  GTK_ACCESSIBLE_ROLE_SEARCH_BOX,
  GTK_ACCESSIBLE_ROLE_SPIN_BUTTON,
  GTK_ACCESSIBLE_ROLE_COMBO_BOX,
  GTK_ACCESSIBLE_ROLE_LINK,
  GTK_ACCESSIBLE_ROLE_MENU_ITEM,
  GTK_ACCESSIBLE_ROLE_RADIO,
  GTK_ACCESSIBLE_ROLE_SLIDER,
};

static gboolean
is_interactive (GtkAccessibleRole role)
{
  for (guint i = 0; i < G_N_ELEMENTS (interactive_roles); i++)
    if (interactive_roles[i] == role)
      return TRUE;

  return FALSE;
}

static gboolean
is_labelled (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL)
         || gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                              GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* GTK 4.8 tells assistive technologies a name from the label property or
 * the labelled-by relation only: a label widget inside a button names it
 * when the button's own label set it, which adds the relation, but not when
 * it was put there as a child, as a drop-down does. */
static gboolean
has_name (GtkWidget *widget)
{
  const char *label;

  /* An icon button is labelled by its image, which reads as "GtkImage". */
  if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL);
  if (is_labelled (widget))
    return TRUE;

  return GTK_IS_BUTTON (widget)
         && (label = gtk_button_get_label (GTK_BUTTON (widget))) != NULL
         && label[0] != '\0';
}

/* GTK 4.8 joins the label property and the names of the labelled-by
 * relation, so a widget with both reads as "Port Port", and a mnemonic
 * button, whose raw label is the property, as "_Save Save". An icon button
 * is labelled by its image, which has no name to add. */
static gboolean
reads_name_twice (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    return FALSE;

  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL)
         && gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                              GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static const char *
role_name (GtkAccessibleRole role)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (GTK_TYPE_ACCESSIBLE_ROLE);
  GEnumValue *value = g_enum_get_value (klass, role);

  return value != NULL ? value->value_nick : "?";
}

/* What a reader of the failure needs to find the widget in a .ui file. */
static char *
describe_widget (GtkWidget *widget)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);
  g_autofree char *joined = g_strjoinv (".", classes);
  GString *text = g_string_new (G_OBJECT_TYPE_NAME (widget));
  GtkWidget *parent = gtk_widget_get_parent (widget);
  const char *icon = NULL;

  g_string_append_printf (text, " <%s>", gtk_widget_get_css_name (widget));
  if (joined[0] != '\0')
    g_string_append_printf (text, ".%s", joined);
  if (g_strcmp0 (gtk_widget_get_name (widget), G_OBJECT_TYPE_NAME (widget)) != 0)
    g_string_append_printf (text, " #%s", gtk_widget_get_name (widget));

  if (GTK_IS_BUTTON (widget))
    icon = gtk_button_get_icon_name (GTK_BUTTON (widget));
  if (icon == NULL && GTK_IS_MENU_BUTTON (parent))
    icon = gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (parent));
  if (icon != NULL)
    g_string_append_printf (text, " icon=%s", icon);
  if (gtk_widget_get_tooltip_text (widget) != NULL)
    g_string_append_printf (text, " tooltip=\"%s\"", gtk_widget_get_tooltip_text (widget));

  return g_string_free (text, FALSE);
}

static const char *
owner_name (GtkWidget *widget)
{
  for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL; up = gtk_widget_get_parent (up))
    if (g_str_has_prefix (G_OBJECT_TYPE_NAME (up), "Pb"))
      return G_OBJECT_TYPE_NAME (up);

  return "no Patchbay widget";
}

/* The closest labelled ancestor, and the Patchbay widget that holds it. */
static char *
describe_context (GtkWidget *widget)
{
  const char *owner = owner_name (widget);

  for (GtkWidget *up = gtk_widget_get_parent (widget);
       up != NULL && !GTK_IS_WINDOW (up);
       up = gtk_widget_get_parent (up))
    {
      if (ADW_IS_PREFERENCES_ROW (up))
        return g_strdup_printf ("%s \"%s\" on %s", G_OBJECT_TYPE_NAME (up),
                                adw_preferences_row_get_title (ADW_PREFERENCES_ROW (up)), owner);
      if (is_labelled (up))
        return g_strdup_printf ("a labelled %s on %s", G_OBJECT_TYPE_NAME (up), owner);
    }

  return g_strdup_printf ("no labelled ancestor on %s", owner);
}

static void
audit_widget (GString   *offenders,
              guint     *n_checked,
              GtkWidget *widget)
{
  GtkAccessibleRole role;

  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_mapped (widget))
    return;

  role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));
  if (is_interactive (role))
    {
      (*n_checked)++;
      if (!has_name (widget))
        {
          g_autofree char *what = describe_widget (widget);
          g_autofree char *where = describe_context (widget);

          g_string_append_printf (offenders, "\n    %s: %s, in %s", role_name (role), what, where);
        }
      else if (reads_name_twice (widget))
        {
          g_autofree char *what = describe_widget (widget);

          g_string_append_printf (offenders, "\n    %s: %s reads its name twice, on %s",
                                  role_name (role), what, owner_name (widget));
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    audit_widget (offenders, n_checked, child);
}

/* Keyboard reach */

/* The widgets Tab stops at, in order, once around the window. */
static GPtrArray *
tab_stops (GtkWindow *window)
{
  GPtrArray *stops = g_ptr_array_new ();

  gtk_window_set_focus (window, NULL);
  for (guint i = 0; i < 1000; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        break;
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus == NULL || g_ptr_array_find (stops, focus, NULL))
        break;
      g_ptr_array_add (stops, focus);
    }

  return stops;
}

static gboolean
stops_within (GPtrArray *stops,
              GtkWidget *widget)
{
  for (guint i = 0; i < stops->len; i++)
    if (g_ptr_array_index (stops, i) == (gpointer)widget
        || gtk_widget_is_ancestor (g_ptr_array_index (stops, i), widget))
      return TRUE;

  return FALSE;
}

/* Lists keep one Tab stop and move between their items with the arrows. */
static gboolean
is_arrow_navigated (GtkWidget *widget)
{
  return GTK_IS_LIST_VIEW (widget) || GTK_IS_COLUMN_VIEW (widget) || GTK_IS_GRID_VIEW (widget)
         || GTK_IS_LIST_BOX (widget) || GTK_IS_FLOW_BOX (widget);
}

static void
check_reach (GString   *unreached,
             GPtrArray *stops,
             GtkWidget *widget)
{
  GtkAccessibleRole role;

  /* GTK leaves the title buttons out of the focus chain on purpose: the
   * window manager's keys do what they do. */
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_mapped (widget)
      || !gtk_widget_is_sensitive (widget) || GTK_IS_WINDOW_CONTROLS (widget))
    return;
  /* An open popover takes the focus into itself; Tab does not walk in. */
  if (GTK_IS_POPOVER (widget))
    return;

  role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));
  if (is_arrow_navigated (widget) || is_interactive (role))
    {
      /* An empty list has nothing to stop at. */
      gboolean empty = is_arrow_navigated (widget) && gtk_widget_get_first_child (widget) == NULL;

      if (!empty && !stops_within (stops, widget))
        {
          g_autofree char *what = describe_widget (widget);

          g_string_append_printf (unreached, "\n    Tab never reaches %s on %s",
                                  what, owner_name (widget));
        }
      /* The parts of a control, or a list's items, are reached through it. */
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_reach (unreached, stops, child);
}

/* Adds the unnamed controls shown in @root, and those Tab never reaches, to
 * the fixture's report, so that one run lists every screen's; returns how
 * many controls were checked. */
static guint
audit (Fixture    *fixture,
       GtkWidget  *root,
       const char *screen)
{
  g_autoptr(GString) offenders = g_string_new (NULL);
  g_autoptr(GPtrArray) stops = NULL;
  GtkWidget *focus;
  guint n_checked = 0;

  settle ();
  audit_widget (offenders, &n_checked, root);
  g_test_message ("%u controls on %s", n_checked, screen);

  /* Walking with Tab moves the focus; the screen keeps it where it was. */
  focus = gtk_root_get_focus (gtk_widget_get_root (root));
  if (focus != NULL)
    g_object_ref (focus);
  stops = tab_stops (GTK_WINDOW (gtk_widget_get_root (root)));
  check_reach (offenders, stops, root);
  gtk_window_set_focus (GTK_WINDOW (gtk_widget_get_root (root)), focus);
  g_clear_object (&focus);
  if (offenders->len > 0)
    g_string_append_printf (fixture->report, "\n  on %s:%s", screen, offenders->str);

  return n_checked;
}

static void
assert_all_named (Fixture *fixture)
{
  if (fixture->report->len > 0)
    g_error ("Screens a keyboard or screen reader cannot fully use:%s",
             fixture->report->str);
}

/* Keyboard shortcuts */

static gboolean
trigger_contains (GtkShortcutTrigger *trigger,
                  GtkShortcutTrigger *wanted)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_contains (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)),
                             wanted)
           || trigger_contains (gtk_alternative_trigger_get_second (
                                  GTK_ALTERNATIVE_TRIGGER (trigger)),
                                wanted);

  return gtk_shortcut_trigger_equal (trigger, wanted);
}

/* The shortcut that @accel runs in the controllers of @widget; the
 * controller that holds it keeps it alive. */
static GtkShortcut *
find_shortcut (GtkWidget  *widget,
               const char *accel)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accel);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  g_assert_nonnull (wanted);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (trigger_contains (gtk_shortcut_get_trigger (shortcut), wanted))
            return shortcut;
        }
    }

  return NULL;
}

/* Runs what @accel is bound to on @widget, as the key press would. */
static void
press (GtkWidget  *widget,
       const char *accel)
{
  GtkShortcut *shortcut = find_shortcut (widget, accel);

  if (shortcut == NULL)
    g_error ("%s has no shortcut for %s", G_OBJECT_TYPE_NAME (widget), accel);
  if (!gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                     GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                     gtk_shortcut_get_arguments (shortcut)))
    g_error ("%s on %s does nothing", accel, G_OBJECT_TYPE_NAME (widget));
}

/* Fixture: the application running the demo */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->settings = g_settings_new (APP_ID);
  fixture->report = g_string_new (NULL);
  g_settings_reset (fixture->settings, "last-account");
  g_settings_reset (fixture->settings, "last-page");
  /* Any free port: the live log needs the receiver, and tests run side by side. */
  g_settings_set_uint (fixture->settings, "receiver-port", 0);
  g_settings_set_boolean (fixture->settings, "listen-at-start", TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  pb_test_ui_destroy_toplevels ();
  if (fixture->app != NULL)
    pb_test_ui_app_quit (g_steal_pointer (&fixture->app));
  g_clear_object (&fixture->settings);
  g_string_free (fixture->report, TRUE);
}

static PbWindow *
main_window (Fixture *fixture)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (fixture->app));
       l != NULL;
       l = l->next)
    if (PB_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static void
start_demo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->app = pb_test_ui_app_new ();
  pb_application_start_demo (fixture->app, &error);
  g_assert_no_error (error);
  WAIT (!pb_application_get_loading (fixture->app));
}

static void
open_window (Fixture *fixture)
{
  g_application_activate (G_APPLICATION (fixture->app));
  fixture->window = main_window (fixture);
  g_assert_nonnull (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 760);
  WAIT (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
}

static PbAccount *
demo_account (Fixture *fixture)
{
  return pb_demo_get_account (pb_application_get_demo (fixture->app));
}

static PbAccountSession *
demo_session (Fixture *fixture)
{
  PbAccountSession *session =
    pb_application_find_session (fixture->app, pb_account_get_id (demo_account (fixture)));

  g_assert_nonnull (session);
  return session;
}

static GtkWidget *
show_page (Fixture    *fixture,
           const char *page_id)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s",
                                          pb_account_get_id (demo_account (fixture)), page_id);
  GtkWidget *page;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", key);
  WAIT (g_strcmp0 (pb_window_get_visible_page (fixture->window), key) == 0);
  page = pb_window_get_page_widget (fixture->window);
  g_assert_nonnull (page);
  WAIT (gtk_widget_get_mapped (page));

  return page;
}

static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  if (!gtk_widget_get_mapped (root))
    return FALSE;
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;

  return FALSE;
}

static PbWebhook *
first_sample (Fixture *fixture)
{
  PbSimulator *simulator = pb_demo_get_simulator (pb_application_get_demo (fixture->app));
  g_autoptr(GPtrArray) webhooks = pb_simulator_list_webhooks (simulator);

  g_assert_cmpuint (webhooks->len, >, 0);
  return g_object_ref (g_ptr_array_index (webhooks, 0));
}

static GtkWindow *
present (GtkWidget *dialog,
         Fixture   *fixture)
{
  if (fixture->window != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (fixture->window));
  gtk_window_present (GTK_WINDOW (dialog));
  WAIT (gtk_widget_get_mapped (dialog));

  return GTK_WINDOW (dialog);
}

/* Escape closes the dialog, as every GNOME dialog does. */
static gboolean
escape_closes (GtkWindow *dialog)
{
  g_autoptr(GtkWindow) held = g_object_ref (dialog);

  if (find_shortcut (GTK_WIDGET (dialog), "Escape") == NULL)
    return FALSE;

  press (GTK_WIDGET (dialog), "Escape");
  WAIT (!gtk_widget_get_visible (GTK_WIDGET (held)));

  return TRUE;
}

/* Control+F puts the focus in the page's search entry. */
static void
search_from_keyboard (Fixture   *fixture,
                      GtkWidget *page)
{
  GtkWidget *focus;

  press (page, "<Control>f");
  WAIT ((focus = gtk_root_get_focus (GTK_ROOT (fixture->window))) != NULL
        && GTK_IS_TEXT (focus) && gtk_widget_is_ancestor (focus, page));
}

/* Cases */

static void
audit_pages (Fixture *fixture)
{
  g_autoptr(PbWebhook) sample = first_sample (fixture);
  PbSimulator *simulator = pb_demo_get_simulator (pb_application_get_demo (fixture->app));
  PbDeliveryList *deliveries;
  GtkWidget *popover;
  GtkWidget *page;
  GtkWidget *cell;

  page = show_page (fixture, "webhooks");
  WAIT (shows_label (page, pb_webhook_get_name (sample)));
  search_from_keyboard (fixture, page);
  g_assert_cmpuint (audit (fixture, GTK_WIDGET (fixture->window), "the webhooks page"), >, 5);

  page = show_page (fixture, "live-log");
  deliveries = pb_live_log_page_get_deliveries (PB_LIVE_LOG_PAGE (page));
  g_assert_cmpuint (pb_simulator_fire_event (simulator, pb_webhook_get_event (sample), 1), >, 0);
  WAIT (g_list_model_get_n_items (G_LIST_MODEL (deliveries)) > 0);
  g_assert_true (pb_live_log_page_select (PB_LIVE_LOG_PAGE (page), 0));
  WAIT (pb_delivery_detail_get_delivery (pb_live_log_page_get_detail (
                                           PB_LIVE_LOG_PAGE (page))) != NULL);
  /* The filters show with the search bar. */
  search_from_keyboard (fixture, page);
  g_assert_cmpuint (audit (fixture, GTK_WIDGET (fixture->window), "the live log"), >, 3);

  page = show_page (fixture, "coverage");
  g_assert_cmpuint (audit (fixture, GTK_WIDGET (fixture->window), "the coverage page"), >, 3);

  /* What a cell offers shows in a popover. */
  cell = pb_coverage_page_get_cell (PB_COVERAGE_PAGE (page), pb_webhook_get_event (sample));
  g_assert_nonnull (cell);
  gtk_menu_button_popup (GTK_MENU_BUTTON (cell));
  WAIT ((popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (cell)))) != NULL
        && gtk_widget_get_mapped (popover));
  g_assert_cmpuint (audit (fixture, popover, "a coverage cell's popover"), >, 1);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (cell));
}

/* Audits @dialog, then checks that Escape closes it. A dialog that asks
 * for text opens with the focus in its first field. */
static void
audit_dialog (Fixture    *fixture,
              GtkWidget  *dialog,
              const char *screen,
              gboolean    opens_in_text)
{
  GtkWindow *window = present (dialog, fixture);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  if (opens_in_text && !GTK_IS_TEXT (focus))
    g_string_append_printf (fixture->report, "\n  %s opens with the focus on %s", screen,
                            focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing");

  g_assert_cmpuint (audit (fixture, GTK_WIDGET (window), screen), >, 1);
  if (!escape_closes (window))
    {
      g_string_append_printf (fixture->report, "\n  Escape does not close %s", screen);
      gtk_window_destroy (window);
    }
}

static gboolean
is_search_entry (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_SEARCH_ENTRY (widget);
}

static void
test_names (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(PbWebhook) sample = NULL;
  PbAccountSession *session;
  PbReceiver *receiver;
  GtkWidget *preferences;
  GtkWidget *search;

  start_demo (fixture);
  open_window (fixture);
  audit_pages (fixture);

  session = demo_session (fixture);
  receiver = pb_application_get_receiver (fixture->app);
  sample = first_sample (fixture);
  audit_dialog (fixture, GTK_WIDGET (pb_webhook_editor_new (session, receiver, sample)),
                "the webhook editor", TRUE);
  audit_dialog (fixture,
                GTK_WIDGET (pb_event_picker_new (pb_application_get_catalog (fixture->app))),
                "the event picker", TRUE);
  audit_dialog (fixture, GTK_WIDGET (pb_bulk_dialog_new (session, receiver, NULL)),
                "the bulk dialog", TRUE);
  audit_dialog (fixture, pb_account_dialog_new (fixture->app, demo_account (fixture)),
                "the account dialog", TRUE);
  preferences = pb_preferences_window_new (fixture->app);
  /* Its search entry waits hidden until the search opens. */
  search = pb_test_ui_find_widget (preferences, is_search_entry, NULL);
  g_assert_nonnull (search);
  g_assert_true (is_labelled (search));
  audit_dialog (fixture, preferences, "the preferences", FALSE);

  assert_all_named (fixture);
}

static void
test_welcome (Fixture       *fixture,
              gconstpointer  user_data)
{
  fixture->app = pb_test_ui_app_new ();
  WAIT (!pb_application_get_loading (fixture->app));
  open_window (fixture);
  WAIT (shows_label (GTK_WIDGET (fixture->window), "Explore the demo"));

  g_assert_cmpuint (audit (fixture, GTK_WIDGET (fixture->window), "the welcome page"), >, 1);
  audit_dialog (fixture, pb_account_dialog_new (fixture->app, NULL), "a new account's dialog",
                TRUE);
  assert_all_named (fixture);
}

static GtkWidget *
find_page_row (Fixture    *fixture,
               GtkWidget  *sidebar,
               const char *page_id)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s",
                                          pb_account_get_id (demo_account (fixture)), page_id);

  for (GtkWidget *row = gtk_widget_get_first_child (sidebar);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "pb-page-key"), key) == 0)
      return row;

  return NULL;
}

/* The sidebar's pages are walked with the arrows and opened with Enter; the
 * signals emitted here are those GTK binds to these keys. */
static void
test_sidebar_keys (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GtkWidget *sidebar;
  GtkWidget *row;

  start_demo (fixture);
  open_window (fixture);
  show_page (fixture, "webhooks");
  sidebar = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                       PB_TYPE_WINDOW, "sidebar_list"));
  row = find_page_row (fixture, sidebar, "webhooks");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_grab_focus (row));

  g_signal_emit_by_name (sidebar, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, 1, FALSE, FALSE);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window))
                 == find_page_row (fixture, sidebar, "live-log"));
  g_signal_emit_by_name (sidebar, "activate-cursor-row");
  WAIT (g_str_has_suffix (pb_window_get_visible_page (fixture->window), ":live-log"));

  g_signal_emit_by_name (sidebar, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, 1, FALSE, FALSE);
  g_signal_emit_by_name (sidebar, "activate-cursor-row");
  WAIT (g_str_has_suffix (pb_window_get_visible_page (fixture->window), ":coverage"));
}

/* Each page's keys reach their actions from anywhere in the window. */
static void
test_page_keys (Fixture       *fixture,
                gconstpointer  user_data)
{
  PbLiveLogPage *live_log;
  GListModel *model;
  GtkWindow *editor;
  GtkWidget *focus;
  GtkWidget *page;
  GtkStack *stack;

  start_demo (fixture);
  open_window (fixture);

  page = show_page (fixture, "webhooks");
  search_from_keyboard (fixture, page);
  press (page, "<Control>r");
  press (page, "F5");
  press (page, "<Control>n");
  WAIT ((editor = pb_test_ui_find_toplevel (PB_TYPE_WEBHOOK_EDITOR)) != NULL
        && gtk_widget_get_mapped (GTK_WIDGET (editor)));
  /* The new webhook's name is typed at once. */
  focus = gtk_root_get_focus (GTK_ROOT (editor));
  g_assert_true (GTK_IS_TEXT (focus));
  g_assert_nonnull (gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW))), ==, "Name");
  g_assert_true (escape_closes (editor));

  /* The page's menu sorts, as the column headers cannot be reached by keys. */
  model = pb_webhooks_page_get_model (PB_WEBHOOKS_PAGE (page));
  WAIT (g_list_model_get_n_items (model) > 2);
  g_assert_true (gtk_widget_activate_action (page, "webhooks.sort-by", "s", "event"));
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PbWebhook) before = g_list_model_get_item (model, i - 1);
      g_autoptr(PbWebhook) after = g_list_model_get_item (model, i);

      g_assert_cmpint (g_utf8_collate (pb_webhook_get_event (before),
                                       pb_webhook_get_event (after)), <=, 0);
    }

  live_log = PB_LIVE_LOG_PAGE (show_page (fixture, "live-log"));
  search_from_keyboard (fixture, GTK_WIDGET (live_log));
  press (GTK_WIDGET (live_log), "<Control>p");
  g_assert_true (pb_live_log_page_get_paused (live_log));
  press (GTK_WIDGET (live_log), "<Control>p");
  g_assert_false (pb_live_log_page_get_paused (live_log));

  /* The coverage page refreshes as it first shows; its key waits for that. */
  page = show_page (fixture, "coverage");
  stack = GTK_STACK (gtk_widget_get_template_child (page, PB_TYPE_COVERAGE_PAGE,
                                                    "refresh_stack"));
  WAIT (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "icon") == 0);
  press (page, "F5");
}

int
main (int   argc,
      char *argv[])
{
  pb_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/patchbay/accessibility/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("names", test_names);
  ADD ("welcome", test_welcome);
  ADD ("sidebar-keys", test_sidebar_keys);
  ADD ("page-keys", test_page_keys);

#undef ADD

  return g_test_run ();
}

/* pb-webhook-row.c: the cells of one webhook in the webhooks list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-webhook-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-webhook-row.h"

/* Cells are recycled as the list scrolls, so binding one costs a few property
 * bindings and nothing that runs on its own. */

typedef struct
{
  PbWebhookColumn   column;
  PbAccountSession *session;
  PbCatalog        *catalog;
} Column;

static GQuark webhook_quark;
static GQuark bindings_quark;

static void
column_free (gpointer data)
{
  Column *column = data;

  g_clear_object (&column->session);
  g_clear_object (&column->catalog);
  g_free (column);
}

static GtkWidget *
new_label (const char *first_class,
           ...)
{
  GtkWidget *label = gtk_label_new (NULL);
  va_list args;

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);

  va_start (args, first_class);
  for (const char *name = first_class; name != NULL; name = va_arg (args, const char *))
    gtk_widget_add_css_class (label, name);
  va_end (args);

  return label;
}

static void
append_action (GMenu      *menu,
               const char *label,
               const char *action,
               gint64      webhook_id)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_int64 (webhook_id));
  g_menu_append_item (menu, item);
}

/* The menu is built when it opens, not when the cell is bound. */
static void
menu_popup (GtkMenuButton *button,
            gpointer       user_data)
{
  PbWebhook *webhook = pb_webhook_row_get_webhook (GTK_WIDGET (button));
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  gint64 id;

  if (webhook == NULL)
    return;

  id = pb_webhook_get_id (webhook);
  append_action (menu, _("_Edit…"), "webhooks.edit", id);
  append_action (menu, _("_Copy Target URL"), "webhooks.copy-url", id);
  append_action (section, _("_Delete…"), "webhooks.delete", id);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

/* Never shortened: the column is as wide as its longest event, and the name and
 * URL columns give way instead. */
static GtkWidget *
new_event_cell (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label;

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  label = new_label (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  gtk_box_append (GTK_BOX (box), label);
  label = new_label ("caption", "monospace", "dim-label", NULL);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  gtk_box_append (GTK_BOX (box), label);

  return box;
}

/* The origin above the path, so a narrow column still shows the host and the
 * end of the path rather than the middle of one long line. */
static GtkWidget *
new_url_cell (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label;

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), new_label (NULL));
  label = new_label ("caption", "monospace", "dim-label", NULL);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_START);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (line), label);
  label = new_label ("caption-heading", "accent", NULL);
  gtk_label_set_text (GTK_LABEL (label), _("Patchbay"));
  gtk_widget_set_tooltip_text (label, _("Delivers to this computer’s receiver"));
  gtk_box_append (GTK_BOX (line), label);
  gtk_box_append (GTK_BOX (box), line);

  return box;
}

/* Tooltips are looked up when one is about to show: setting one as a cell is
 * bound asks the X server about the pointer, which scrolling cannot afford. */
static gboolean
on_query_name_tooltip (GtkWidget  *cell,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  PbWebhook *webhook = pb_webhook_row_get_webhook (cell);

  if (webhook == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, pb_webhook_get_name (webhook));
  return TRUE;
}

/* The list is often on screen while others watch; the editor shows the token. */
static gboolean
on_query_url_tooltip (GtkWidget  *cell,
                      int         x,
                      int         y,
                      gboolean    keyboard_mode,
                      GtkTooltip *tooltip,
                      gpointer    user_data)
{
  PbWebhook *webhook = pb_webhook_row_get_webhook (cell);
  g_autofree char *redacted = NULL;

  if (webhook == NULL)
    return FALSE;

  redacted = pb_webhook_dup_redacted_url (pb_webhook_get_target_url (webhook));
  gtk_tooltip_set_text (tooltip, redacted);
  return TRUE;
}

static GtkWidget *
with_tooltip (GtkWidget *cell,
              GCallback  query)
{
  gtk_widget_set_has_tooltip (cell, TRUE);
  g_signal_connect (cell, "query-tooltip", query, NULL);
  return cell;
}

static GtkWidget *
new_cell (Column *column)
{
  GtkWidget *widget;

  switch (column->column)
    {
    case PB_WEBHOOK_COLUMN_NAME:
      return with_tooltip (new_label (NULL), G_CALLBACK (on_query_name_tooltip));

    case PB_WEBHOOK_COLUMN_EVENT:
      return new_event_cell ();

    case PB_WEBHOOK_COLUMN_TARGET_URL:
      return with_tooltip (new_url_cell (), G_CALLBACK (on_query_url_tooltip));

    case PB_WEBHOOK_COLUMN_ACTIVE:
      widget = gtk_switch_new ();
      gtk_widget_set_halign (widget, GTK_ALIGN_START);
      gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
      return widget;

    case PB_WEBHOOK_COLUMN_MENU:
      widget = gtk_menu_button_new ();
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (widget), "view-more-symbolic");
      gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (widget), menu_popup, NULL, NULL);
      gtk_widget_set_tooltip_text (widget, _("Webhook Actions"));
      gtk_widget_add_css_class (widget, "flat");
      return widget;

    default:
      g_assert_not_reached ();
    }
}

static void
on_setup (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          Column                   *column)
{
  GtkWidget *cell = new_cell (column);

  if (column->column == PB_WEBHOOK_COLUMN_ACTIVE)
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Active"),
                                    -1);
  else if (column->column == PB_WEBHOOK_COLUMN_MENU)
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Webhook Actions"),
                                    -1);
  gtk_list_item_set_child (item, cell);
}

static gboolean
transform_display_name (GBinding     *binding,
                        const GValue *from,
                        GValue       *to,
                        gpointer      user_data)
{
  Column *column = user_data;
  const char *event = g_value_get_string (from);
  g_autoptr(PbEventInfo) info = NULL;

  if (event == NULL || event[0] == '\0')
    {
      g_value_set_string (to, _("No event"));
      return TRUE;
    }

  info = pb_catalog_describe (column->catalog, event);
  g_value_take_string (to, pb_event_info_dup_display_name (info));
  return TRUE;
}

/* Where the path starts in a redacted URL, after "scheme://host:port". */
static const char *
find_path (const char *redacted)
{
  const char *authority = strstr (redacted, "://");

  if (authority == NULL)
    return redacted + strlen (redacted);

  authority += strlen ("://");
  return authority + strcspn (authority, "/?#");
}

static gboolean
transform_origin (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_autofree char *redacted = pb_webhook_dup_redacted_url (g_value_get_string (from));

  g_value_take_string (to, g_strndup (redacted, find_path (redacted) - redacted));
  return TRUE;
}

static gboolean
transform_path (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  g_autofree char *redacted = pb_webhook_dup_redacted_url (g_value_get_string (from));

  g_value_set_string (to, find_path (redacted));
  return TRUE;
}

static gboolean
transform_own_target (GBinding     *binding,
                      const GValue *from,
                      GValue       *to,
                      gpointer      user_data)
{
  Column *column = user_data;
  g_autoptr(GObject) webhook = g_binding_dup_source (binding);

  g_value_set_boolean (to, webhook != NULL &&
                           pb_account_session_is_own_target (column->session,
                                                             PB_WEBHOOK (webhook)));
  return TRUE;
}

static void
bind (GPtrArray  *bindings,
      PbWebhook  *webhook,
      const char *property,
      GtkWidget  *target,
      const char *target_property)
{
  g_ptr_array_add (bindings,
                   g_object_ref (g_object_bind_property (webhook, property, target,
                                                         target_property,
                                                         G_BINDING_SYNC_CREATE)));
}

static void
bind_full (GPtrArray             *bindings,
           PbWebhook             *webhook,
           const char            *property,
           GtkWidget             *target,
           const char            *target_property,
           GBindingTransformFunc  transform,
           Column                *column)
{
  g_ptr_array_add (bindings,
                   g_object_ref (g_object_bind_property_full (webhook, property, target,
                                                              target_property,
                                                              G_BINDING_SYNC_CREATE,
                                                              transform, NULL, column, NULL)));
}

static void
bind_url (GPtrArray *bindings,
          PbWebhook *webhook,
          GtkWidget *cell,
          Column    *column)
{
  GtkWidget *origin = gtk_widget_get_first_child (cell);
  GtkWidget *path = gtk_widget_get_first_child (gtk_widget_get_next_sibling (origin));

  bind_full (bindings, webhook, "target-url", origin, "label", transform_origin, column);
  bind_full (bindings, webhook, "target-url", path, "label", transform_path, column);
  bind_full (bindings, webhook, "target-url", gtk_widget_get_next_sibling (path), "visible",
             transform_own_target, column);
}

/* Every row has a switch and a menu: their names say which webhook they
 * are about, as a screen reader reads them without the row around them. */
static void
update_control_name (PbWebhook  *webhook,
                     GParamSpec *pspec,
                     GtkWidget  *control)
{
  g_autofree char *label = NULL;

  if (GTK_IS_SWITCH (control))
    /* Translators: the switch that turns a webhook on and off; %s is its name */
    label = g_strdup_printf (_("Active: %s"), pb_webhook_get_name (webhook));
  else
    /* Translators: the menu of a webhook; %s is its name */
    label = g_strdup_printf (_("Actions for %s"), pb_webhook_get_name (webhook));

  gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
}

static void
name_control (PbWebhook *webhook,
              GtkWidget *control)
{
  update_control_name (webhook, NULL, control);
  g_signal_connect_object (webhook, "notify::name", G_CALLBACK (update_control_name),
                           control, 0);
}

static void
on_bind (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         Column                   *column)
{
  PbWebhook *webhook = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);
  GtkWidget *first = gtk_widget_get_first_child (cell);
  GPtrArray *bindings = g_ptr_array_new_with_free_func (g_object_unref);

  /* Set first: binding "active" below makes the switch ask which webhook it shows. */
  g_object_set_qdata (G_OBJECT (cell), webhook_quark, webhook);

  switch (column->column)
    {
    case PB_WEBHOOK_COLUMN_NAME:
      bind (bindings, webhook, "name", cell, "label");
      break;

    case PB_WEBHOOK_COLUMN_EVENT:
      bind_full (bindings, webhook, "event", first, "label", transform_display_name, column);
      bind (bindings, webhook, "event", gtk_widget_get_next_sibling (first), "label");
      break;

    case PB_WEBHOOK_COLUMN_TARGET_URL:
      bind_url (bindings, webhook, cell, column);
      break;

    case PB_WEBHOOK_COLUMN_ACTIVE:
      gtk_switch_set_state (GTK_SWITCH (cell), pb_webhook_get_active (webhook));
      bind (bindings, webhook, "active", cell, "active");
      name_control (webhook, cell);
      break;

    case PB_WEBHOOK_COLUMN_MENU:
      name_control (webhook, cell);
      break;

    default:
      break;
    }

  g_object_set_qdata_full (G_OBJECT (cell), bindings_quark, bindings,
                           (GDestroyNotify)g_ptr_array_unref);
}

static void
on_unbind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           Column                   *column)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  GPtrArray *bindings = g_object_get_qdata (G_OBJECT (cell), bindings_quark);
  PbWebhook *webhook = g_object_get_qdata (G_OBJECT (cell), webhook_quark);

  for (guint i = 0; bindings != NULL && i < bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (bindings, i));
  if (webhook != NULL)
    g_signal_handlers_disconnect_by_func (webhook, update_control_name, cell);

  g_object_set_qdata (G_OBJECT (cell), bindings_quark, NULL);
  g_object_set_qdata (G_OBJECT (cell), webhook_quark, NULL);
}

/**
 * pb_webhook_row_factory_new:
 * @column: which cell the factory makes
 * @session: the account the webhooks belong to
 * @catalog: the catalog that names their events
 *
 * Returns: (transfer full): a factory for a #GtkColumnViewColumn over
 *   #PbWebhook items
 */
GtkListItemFactory *
pb_webhook_row_factory_new (PbWebhookColumn   column,
                            PbAccountSession *session,
                            PbCatalog        *catalog)
{
  GtkListItemFactory *factory;
  Column *data;

  g_return_val_if_fail (PB_IS_ACCOUNT_SESSION (session), NULL);
  g_return_val_if_fail (PB_IS_CATALOG (catalog), NULL);

  if (webhook_quark == 0)
    {
      webhook_quark = g_quark_from_static_string ("pb-webhook-row-webhook");
      bindings_quark = g_quark_from_static_string ("pb-webhook-row-bindings");
    }

  data = g_new0 (Column, 1);
  data->column = column;
  data->session = g_object_ref (session);
  data->catalog = g_object_ref (catalog);

  factory = gtk_signal_list_item_factory_new ();
  g_object_set_data_full (G_OBJECT (factory), "pb-column", data, column_free);
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup), data);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind), data);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind), data);

  return factory;
}

/**
 * pb_webhook_row_get_webhook:
 * @cell: a cell made by a factory from pb_webhook_row_factory_new()
 *
 * Returns: (transfer none) (nullable): the webhook @cell shows now, or %NULL
 *   when it is not bound
 */
PbWebhook *
pb_webhook_row_get_webhook (GtkWidget *cell)
{
  g_return_val_if_fail (GTK_IS_WIDGET (cell), NULL);

  if (webhook_quark == 0)
    return NULL;

  return g_object_get_qdata (G_OBJECT (cell), webhook_quark);
}

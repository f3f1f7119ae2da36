/* pb-welcome-page.c: what the window shows before there is any account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-welcome"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-accessible.h"
#include "pb-welcome-page.h"

struct _PbWelcomePage
{
  AdwBin         parent_instance;

  GtkMenuButton *menu_button;
  GtkWidget     *demo_button;
  GSettings     *settings;
};

G_DEFINE_FINAL_TYPE (PbWelcomePage, pb_welcome_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MENU_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_welcome_page_dispose (GObject *object)
{
  PbWelcomePage *self = (PbWelcomePage *)object;

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (pb_welcome_page_parent_class)->dispose (object);
}

static void
pb_welcome_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PbWelcomePage *self = PB_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_MENU_MODEL:
      g_value_set_object (value, pb_welcome_page_get_menu_model (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_welcome_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PbWelcomePage *self = PB_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_MENU_MODEL:
      pb_welcome_page_set_menu_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_welcome_page_class_init (PbWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_welcome_page_dispose;
  object_class->get_property = pb_welcome_page_get_property;
  object_class->set_property = pb_welcome_page_set_property;

  /**
   * PbWelcomePage:menu-model:
   *
   * The primary menu shown in the page's header bar.
   */
  properties[PROP_MENU_MODEL] =
    g_param_spec_object ("menu-model", NULL, NULL,
                         G_TYPE_MENU_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               PB_RESOURCE_PREFIX "/ui/pb-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbWelcomePage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, PbWelcomePage, demo_button);
}

static void
pb_welcome_page_init (PbWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pb_accessible_name_buttons (GTK_WIDGET (self));

  /* Administrators who deploy Patchbay can hide the demo offer. */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "demo-enabled", self->demo_button, "visible",
                   G_SETTINGS_BIND_GET);
}

/**
 * pb_welcome_page_new:
 *
 * Returns: (transfer floating): a new welcome page
 */
GtkWidget *
pb_welcome_page_new (void)
{
  return g_object_new (PB_TYPE_WELCOME_PAGE, NULL);
}

/**
 * pb_welcome_page_get_menu_model:
 * @self: a #PbWelcomePage
 *
 * Returns: (transfer none) (nullable): the primary menu
 */
GMenuModel *
pb_welcome_page_get_menu_model (PbWelcomePage *self)
{
  g_return_val_if_fail (PB_IS_WELCOME_PAGE (self), NULL);

  return gtk_menu_button_get_menu_model (self->menu_button);
}

/**
 * pb_welcome_page_set_menu_model:
 * @self: a #PbWelcomePage
 * @menu_model: (nullable): the primary menu
 *
 * Sets the menu of the page's header bar.
 */
void
pb_welcome_page_set_menu_model (PbWelcomePage *self,
                                GMenuModel    *menu_model)
{
  g_return_if_fail (PB_IS_WELCOME_PAGE (self));
  g_return_if_fail (menu_model == NULL || G_IS_MENU_MODEL (menu_model));

  if (pb_welcome_page_get_menu_model (self) == menu_model)
    return;

  gtk_menu_button_set_menu_model (self->menu_button, menu_model);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MENU_MODEL]);
}

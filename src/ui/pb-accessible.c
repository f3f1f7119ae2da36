/* pb-accessible.c: what the widgets share to read well in a screen reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-accessible"

#include "config.h"

#include <adwaita.h>

#include "pb-accessible.h"

/*
 * GTK 4.8 names a button whose label has a mnemonic from both the raw label,
 * which gtk_button_set_label() puts in the label property, and the label
 * widget inside it, so a screen reader says "_Save Save". Without the
 * property, the name comes from the label widget alone, which reads "Save".
 * GTK puts the raw label back each time the label changes, so this follows
 * the button.
 */
static void
drop_raw_label (GtkButton *button)
{
  if (gtk_button_get_use_underline (button) && gtk_button_get_label (button) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
on_label_changed (GtkButton  *button,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  drop_raw_label (button);
}

static void
follow_button (GtkButton *button)
{
  if (g_object_get_data (G_OBJECT (button), "pb-accessible-follows") != NULL)
    return;

  g_object_set_data (G_OBJECT (button), "pb-accessible-follows", GINT_TO_POINTER (TRUE));
  g_signal_connect (button, "notify::label", G_CALLBACK (on_label_changed), NULL);
  g_signal_connect (button, "notify::use-underline", G_CALLBACK (on_label_changed), NULL);
  drop_raw_label (button);
}

/* The button inside a GtkDropDown has no name of its own in GTK 4.8: the
 * drop-down's is lent to it, as GtkMenuButton does for its button. */
static void
name_drop_down_button (GtkDropDown *drop_down)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_relation (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, drop_down, NULL,
                                      -1);
}

/* Libadwaita's own icon buttons */

static void
update_name_from_tooltip (GtkWidget  *button,
                          GParamSpec *pspec,
                          gpointer    user_data)
{
  const char *tooltip = gtk_widget_get_tooltip_text (button);

  if (tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    tooltip, -1);
}

/* Some, like the password row's, change their tooltip as they are used. */
static void
name_after_tooltip (GtkWidget *button)
{
  if (g_object_get_data (G_OBJECT (button), "pb-accessible-tooltip") != NULL)
    return;

  g_object_set_data (G_OBJECT (button), "pb-accessible-tooltip", GINT_TO_POINTER (TRUE));
  g_signal_connect (button, "notify::tooltip-text", G_CALLBACK (update_name_from_tooltip),
                    NULL);
  update_name_from_tooltip (button, NULL, NULL);
}

static gboolean
is_icon_button (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL;
}

/* Every icon button under @widget, but none in the pages the app fills. */
static void
name_icon_buttons_within (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_PREFERENCES_PAGE (child))
        continue;
      if (is_icon_button (child))
        name_after_tooltip (child);
      name_icon_buttons_within (child);
    }
}

/*
 * Libadwaita 1.2 gives a few icon buttons it builds only a tooltip, and GTK
 * reads them as "GtkImage", after the image inside: the apply button of an
 * entry row, which sits beside the row's boxes of prefixes and suffixes, the
 * show-text button of a password row, which has no other suffix here, and
 * the search button of a preferences window. Icon buttons of Patchbay's own
 * are named where they are made.
 */
static void
name_adw_buttons (GtkWidget *widget)
{
  if (ADW_IS_PASSWORD_ENTRY_ROW (widget) || ADW_IS_PREFERENCES_WINDOW (widget))
    {
      name_icon_buttons_within (widget);
    }
  else if (ADW_IS_ENTRY_ROW (widget))
    {
      for (GtkWidget *header = gtk_widget_get_first_child (widget);
           header != NULL;
           header = gtk_widget_get_next_sibling (header))
        for (GtkWidget *child = gtk_widget_get_first_child (header);
             child != NULL;
             child = gtk_widget_get_next_sibling (child))
          if (is_icon_button (child))
            name_after_tooltip (child);
    }
}

/**
 * pb_accessible_name_buttons:
 * @root: a widget
 *
 * Makes the buttons in @root with a mnemonic label, and those it gets later
 * when their label changes, read by their text alone in a screen reader;
 * such a button is named by its text, not by the label property. Also names
 * the buttons inside drop-downs after them, and the icon buttons libadwaita
 * builds with only a tooltip after it. Buttons added to @root afterwards
 * need a call of their own.
 */
void
pb_accessible_name_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root))
    follow_button (GTK_BUTTON (root));
  else if (GTK_IS_DROP_DOWN (root))
    name_drop_down_button (GTK_DROP_DOWN (root));
  else
    name_adw_buttons (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    pb_accessible_name_buttons (child);
}

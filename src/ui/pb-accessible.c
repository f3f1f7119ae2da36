/* pb-accessible.c: what the widgets share to read well in a screen reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-accessible"

#include "config.h"

#include "pb-accessible.h"

/* GTK 4.8 has no getter for accessible properties; its test functions are
 * the only way to read them, and they are ordinary public API. */

/*
 * GTK 4.8 names a button whose label has a mnemonic from both the raw label
 * and the label widget inside it, so a screen reader says "_Save Save".
 * Without the raw label as a property, the name comes from the label widget
 * alone, which reads "Save". A label set on purpose, different from the
 * button's text, is left alone.
 */
static void
drop_raw_label (GtkButton *button)
{
  const char *label = gtk_button_get_label (button);
  g_autofree char *mismatch = NULL;

  if (!gtk_button_get_use_underline (button) || label == NULL)
    return;

  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (button),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  if (mismatch == NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
on_label_changed (GtkButton  *button,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  drop_raw_label (button);
}

/* An icon button without a label is read as "GtkImage", after the image it
 * is labelled by; libadwaita 1.2 builds some, such as the password row's
 * button that shows the text. Their tooltip says what they do. */
static void
name_icon_button (GtkButton *button)
{
  const char *tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (button));

  if (gtk_button_get_icon_name (button) == NULL || tooltip == NULL
      || gtk_test_accessible_has_property (GTK_ACCESSIBLE (button),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL))
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
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
  name_icon_button (button);
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

/**
 * pb_accessible_name_buttons:
 * @root: a widget
 *
 * Makes the buttons in @root with a mnemonic label, and those it gets later
 * when their label changes, read by their text alone in a screen reader,
 * names icon buttons without a label after their tooltip, and the buttons
 * inside drop-downs after them. Buttons added to @root
 * afterwards need a call of their own.
 */
void
pb_accessible_name_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root))
    follow_button (GTK_BUTTON (root));
  else if (GTK_IS_DROP_DOWN (root))
    name_drop_down_button (GTK_DROP_DOWN (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    pb_accessible_name_buttons (child);
}

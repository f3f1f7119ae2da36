/* pb-delivery-row.c: one delivery in the live log's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-delivery-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-delivery-row.h"

struct _PbDeliveryRow
{
  GtkBox      parent_instance;

  PbCatalog  *catalog;
  PbDelivery *delivery;

  /* Template children */
  GtkImage   *mark;
  GtkLabel   *event_label;
  GtkLabel   *retry_tag;
  GtkLabel   *invalid_tag;
  GtkLabel   *record_label;
  GtkLabel   *problem_label;
  GtkLabel   *time_label;
};

G_DEFINE_FINAL_TYPE (PbDeliveryRow, pb_delivery_row, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_DELIVERY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * pb_delivery_row_dup_event_label:
 * @delivery: a #PbDelivery
 * @catalog: the #PbCatalog that names events
 *
 * Returns: (transfer full): the event as "Opportunity · Convert to order"
 */
char *
pb_delivery_row_dup_event_label (PbDelivery *delivery,
                                 PbCatalog  *catalog)
{
  g_autoptr(PbEventInfo) info = NULL;
  const char *event;

  g_return_val_if_fail (PB_IS_DELIVERY (delivery), NULL);
  g_return_val_if_fail (PB_IS_CATALOG (catalog), NULL);

  event = pb_delivery_get_event (delivery);
  if (event == NULL || event[0] == '\0')
    return g_strdup (_("Unknown event"));

  info = pb_catalog_describe (catalog, event);
  if (info == NULL)
    return g_strdup (event);

  return pb_event_info_dup_display_name (info);
}

/**
 * pb_delivery_row_format_time:
 * @received_at: µs since the epoch
 * @with_date: whether to name the day even when it is today
 *
 * Returns: (transfer full): the local time, with the date unless it is today
 */
char *
pb_delivery_row_format_time (gint64   received_at,
                             gboolean with_date)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (received_at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (when == NULL)
    return g_strdup ("");

  if (!with_date && g_date_time_get_year (when) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    /* Translators: the time of a delivery received today; see g_date_time_format() */
    return g_date_time_format (when, _("%H:%M:%S"));

  /* Translators: the date and time of a delivery; see g_date_time_format() */
  return g_date_time_format (when, _("%-d %b %Y, %H:%M:%S"));
}

static char *
dup_record_line (PbDelivery *delivery)
{
  g_autofree char *record = pb_delivery_dup_record_label (delivery);
  const char *member = pb_delivery_get_member_name (delivery);
  gboolean has_member = member != NULL && member[0] != '\0';

  if (record != NULL && has_member)
    /* Translators: a record and the person who acted on it: "Opportunity #12 · Anna Smith" */
    return g_strdup_printf (_("%s · %s"), record, member);
  if (record != NULL)
    return g_steal_pointer (&record);
  if (has_member)
    return g_strdup (member);

  return g_strdup (_("No record named"));
}

static void
update_mark (PbDeliveryRow *self)
{
  GtkWidget *mark = GTK_WIDGET (self->mark);
  gboolean valid = pb_delivery_get_valid (self->delivery);
  gboolean retry = pb_delivery_get_is_retry (self->delivery);

  gtk_widget_remove_css_class (mark, "error");
  gtk_widget_remove_css_class (mark, "warning");
  gtk_widget_remove_css_class (mark, "success");

  if (!valid)
    {
      gtk_image_set_from_icon_name (self->mark, "dialog-error-symbolic");
      gtk_widget_add_css_class (mark, "error");
    }
  else if (retry)
    {
      gtk_image_set_from_icon_name (self->mark, "view-refresh-symbolic");
      gtk_widget_add_css_class (mark, "warning");
    }
  else
    {
      gtk_image_set_from_icon_name (self->mark, "mail-unread-symbolic");
      gtk_widget_add_css_class (mark, "success");
    }
}

static void
update_accessible_label (PbDeliveryRow *self,
                         const char    *event,
                         const char    *record,
                         const char    *time)
{
  g_autofree char *label = NULL;

  if (!pb_delivery_get_valid (self->delivery))
    /* Translators: an invalid delivery, its event, record, time and what is wrong */
    label = g_strdup_printf (_("Invalid: %s, %s, %s. %s"), event, record, time,
                             pb_delivery_get_problem (self->delivery));
  else if (pb_delivery_get_is_retry (self->delivery))
    /* Translators: a repeated delivery, its event, record and time */
    label = g_strdup_printf (_("Retry: %s, %s, %s"), event, record, time);
  else
    label = g_strdup_printf ("%s, %s, %s", event, record, time);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* Rows are rebound all the time while deliveries pour in, so binding does
 * no more than set labels: a tooltip, for one, costs a round trip to the
 * display server to find the pointer. */
static void
pb_delivery_row_update (PbDeliveryRow *self)
{
  g_autofree char *event = NULL;
  g_autofree char *record = NULL;
  g_autofree char *time = NULL;
  g_autofree char *full_time = NULL;
  const char *problem;
  gboolean valid;

  if (self->delivery == NULL)
    return;

  event = pb_delivery_row_dup_event_label (self->delivery, self->catalog);
  record = dup_record_line (self->delivery);
  time = pb_delivery_row_format_time (pb_delivery_get_received_at (self->delivery), FALSE);
  full_time = pb_delivery_row_format_time (pb_delivery_get_received_at (self->delivery), TRUE);
  problem = pb_delivery_get_problem (self->delivery);
  valid = pb_delivery_get_valid (self->delivery);

  gtk_label_set_label (self->event_label, event);
  gtk_label_set_label (self->record_label, record);
  gtk_label_set_label (self->time_label, time);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_tag), pb_delivery_get_is_retry (self->delivery));
  gtk_widget_set_visible (GTK_WIDGET (self->invalid_tag), !valid);
  gtk_label_set_label (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), !valid && problem != NULL);
  update_mark (self);
  update_accessible_label (self, event, record, full_time);
}

static void
pb_delivery_row_dispose (GObject *object)
{
  PbDeliveryRow *self = PB_DELIVERY_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_DELIVERY_ROW);
  g_clear_object (&self->delivery);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (pb_delivery_row_parent_class)->dispose (object);
}

static void
pb_delivery_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PbDeliveryRow *self = PB_DELIVERY_ROW (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;

    case PROP_DELIVERY:
      g_value_set_object (value, self->delivery);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_delivery_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PbDeliveryRow *self = PB_DELIVERY_ROW (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      if (self->catalog == NULL)
        self->catalog = g_object_ref (pb_catalog_get_default ());
      break;

    case PROP_DELIVERY:
      pb_delivery_row_set_delivery (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_delivery_row_class_init (PbDeliveryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_delivery_row_dispose;
  object_class->get_property = pb_delivery_row_get_property;
  object_class->set_property = pb_delivery_row_set_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, PB_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELIVERY] =
    g_param_spec_object ("delivery", NULL, NULL, PB_TYPE_DELIVERY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               PB_RESOURCE_PREFIX "/ui/pb-delivery-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryRow, mark);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryRow, event_label);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryRow, retry_tag);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryRow, invalid_tag);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryRow, record_label);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryRow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, PbDeliveryRow, time_label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pb_delivery_row_init (PbDeliveryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * pb_delivery_row_new:
 * @catalog: (nullable): the #PbCatalog that names events; the default if %NULL
 *
 * Returns: (transfer floating): a new, empty #PbDeliveryRow
 */
GtkWidget *
pb_delivery_row_new (PbCatalog *catalog)
{
  g_return_val_if_fail (catalog == NULL || PB_IS_CATALOG (catalog), NULL);

  return g_object_new (PB_TYPE_DELIVERY_ROW, "catalog", catalog, NULL);
}

/**
 * pb_delivery_row_get_delivery:
 * @self: a #PbDeliveryRow
 *
 * Returns: (transfer none) (nullable): the delivery shown
 */
PbDelivery *
pb_delivery_row_get_delivery (PbDeliveryRow *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY_ROW (self), NULL);

  return self->delivery;
}

/**
 * pb_delivery_row_set_delivery:
 * @self: a #PbDeliveryRow
 * @delivery: (nullable): the delivery to show
 */
void
pb_delivery_row_set_delivery (PbDeliveryRow *self,
                              PbDelivery    *delivery)
{
  g_return_if_fail (PB_IS_DELIVERY_ROW (self));
  g_return_if_fail (delivery == NULL || PB_IS_DELIVERY (delivery));

  if (!g_set_object (&self->delivery, delivery))
    return;

  pb_delivery_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELIVERY]);
}

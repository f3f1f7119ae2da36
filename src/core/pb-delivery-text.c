/* pb-delivery-text.c: what a delivery says, in words and as a command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-delivery"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-delivery.h"

/* "purchase_order" → "Purchase order"; what a catalog label looks like. */
static char *
humanize (const char *name)
{
  char *text = g_strdup (name);

  g_strdelimit (text, "_", ' ');
  if (text[0] != '\0')
    text[0] = g_ascii_toupper (text[0]);

  return text;
}

static char *
dup_subject (PbDelivery *self,
             PbCatalog  *catalog)
{
  const char *subject_type = pb_delivery_get_subject_type (self);
  const char *event = pb_delivery_get_event (self);
  char *subject = NULL;

  if (subject_type != NULL && subject_type[0] != '\0')
    return pb_catalog_subject_from_type (subject_type);

  if (event != NULL)
    pb_catalog_parse_event (catalog, event, &subject, NULL);

  return subject;
}

static char *
dup_subject_label (PbCatalog  *catalog,
                   const char *subject)
{
  if (!g_strv_contains (pb_catalog_get_subjects (catalog), subject))
    return humanize (subject);

  return g_strdup (pb_catalog_get_subject_label (catalog, subject));
}

static char *
dup_record_label (PbDelivery *self,
                  PbCatalog  *catalog)
{
  g_autofree char *subject = dup_subject (self, catalog);
  g_autofree char *label = NULL;
  g_autofree char *number = NULL;
  gint64 subject_id = pb_delivery_get_subject_id (self);

  if (subject == NULL || subject[0] == '\0')
    return NULL;

  label = dup_subject_label (catalog, subject);
  if (subject_id <= 0)
    return g_steal_pointer (&label);

  number = g_strdup_printf ("%" G_GINT64_FORMAT, subject_id);
  /* Translators: a record as its kind and number, such as "Opportunity #1364";
   * use your language's number sign (e.g. "nº") in place of "#" */
  return g_strdup_printf (_("%s #%s"), label, number);
}

/**
 * pb_delivery_dup_record_label:
 * @self: a #PbDelivery
 *
 * Returns: (transfer full) (nullable): the record the action is about, such
 *   as "Opportunity #1364", or %NULL when the delivery names no subject
 */
char *
pb_delivery_dup_record_label (PbDelivery *self)
{
  g_return_val_if_fail (PB_IS_DELIVERY (self), NULL);

  return dup_record_label (self, pb_catalog_get_default ());
}

static char *
phrase_generic (const char *action,
                const char *who,
                const char *record)
{
  if (g_str_equal (action, "create"))
    /* Translators: a person and a record: "Anna Smith created Invoice #88" */
    return g_strdup_printf (_("%s created %s"), who, record);
  if (g_str_equal (action, "update"))
    /* Translators: a person and a record: "Anna Smith updated Invoice #88" */
    return g_strdup_printf (_("%s updated %s"), who, record);
  if (g_str_equal (action, "destroy"))
    /* Translators: a person and a record: "Anna Smith deleted Product #3" */
    return g_strdup_printf (_("%s deleted %s"), who, record);
  if (g_str_equal (action, "discuss"))
    /* Translators: a person and a record */
    return g_strdup_printf (_("%s started a discussion on %s"), who, record);
  if (g_str_equal (action, "attach"))
    /* Translators: a person and a record */
    return g_strdup_printf (_("%s added an attachment to %s"), who, record);
  if (g_str_equal (action, "detach"))
    /* Translators: a person and a record */
    return g_strdup_printf (_("%s removed an attachment from %s"), who, record);
  if (g_str_equal (action, "comment"))
    /* Translators: a person and a record, such as "Discussion #4" */
    return g_strdup_printf (_("%s commented on %s"), who, record);
  if (g_str_equal (action, "complete"))
    /* Translators: a person and a record */
    return g_strdup_printf (_("%s completed %s"), who, record);

  return NULL;
}

static char *
phrase_opportunity (const char *action,
                    const char *who,
                    const char *record)
{
  if (g_str_equal (action, "convert_to_order"))
    /* Translators: a person and a record: "Anna Smith converted Opportunity #1364 to an order" */
    return g_strdup_printf (_("%s converted %s to an order"), who, record);
  if (g_str_equal (action, "convert_to_quotation"))
    /* Translators: a person and a record */
    return g_strdup_printf (_("%s converted %s to a quotation"), who, record);
  if (g_str_equal (action, "convert_to_draft"))
    /* Translators: a person and a record */
    return g_strdup_printf (_("%s converted %s to a draft"), who, record);
  if (g_str_equal (action, "revert_to_quotation"))
    /* Translators: a person and a record */
    return g_strdup_printf (_("%s reverted %s to a quotation"), who, record);
  if (g_str_equal (action, "book_out"))
    /* Translators: a person and a record: "Anna Smith booked out Opportunity #12" */
    return g_strdup_printf (_("%s booked out %s"), who, record);
  if (g_str_equal (action, "check_in"))
    /* Translators: a person and a record */
    return g_strdup_printf (_("%s checked in %s"), who, record);
  if (g_str_equal (action, "allocate"))
    /* Translators: a person and a record */
    return g_strdup_printf (_("%s allocated %s"), who, record);
  if (g_str_equal (action, "prepare"))
    /* Translators: a person and a record */
    return g_strdup_printf (_("%s prepared %s"), who, record);
  if (g_str_equal (action, "cancel"))
    /* Translators: a person and a record */
    return g_strdup_printf (_("%s cancelled %s"), who, record);
  if (g_str_equal (action, "create_item"))
    /* Translators: a person and a record */
    return g_strdup_printf (_("%s added an item to %s"), who, record);
  if (g_str_equal (action, "update_item"))
    /* Translators: a person and a record */
    return g_strdup_printf (_("%s changed an item on %s"), who, record);
  if (g_str_equal (action, "destroy_item"))
    /* Translators: a person and a record */
    return g_strdup_printf (_("%s removed an item from %s"), who, record);

  return NULL;
}

static char *
phrase_scan (const char *action,
             const char *who,
             guint       count,
             const char *record)
{
  if (g_str_equal (action, "book_out_item"))
    /* Translators: a person, a number of assets and a record:
     * "Anna Smith booked out 3 assets on Opportunity #1364" */
    return g_strdup_printf (ngettext ("%s booked out %u asset on %s",
                                      "%s booked out %u assets on %s", count),
                            who, count, record);
  if (g_str_equal (action, "check_in_item"))
    /* Translators: a person, a number of assets and a record */
    return g_strdup_printf (ngettext ("%s checked in %u asset on %s",
                                      "%s checked in %u assets on %s", count),
                            who, count, record);
  if (g_str_equal (action, "allocate_item"))
    /* Translators: a person, a number of assets and a record */
    return g_strdup_printf (ngettext ("%s allocated %u asset on %s",
                                      "%s allocated %u assets on %s", count),
                            who, count, record);
  if (g_str_equal (action, "prepare_item"))
    /* Translators: a person, a number of assets and a record */
    return g_strdup_printf (ngettext ("%s prepared %u asset on %s",
                                      "%s prepared %u assets on %s", count),
                            who, count, record);

  return NULL;
}

static char *
dup_action (PbDelivery *self,
            PbCatalog  *catalog)
{
  const char *action_type = pb_delivery_get_action_type (self);
  const char *event = pb_delivery_get_event (self);
  char *action = NULL;

  if (action_type != NULL)
    return g_strdup (action_type);

  if (event != NULL)
    pb_catalog_parse_event (catalog, event, NULL, &action);

  if (action != NULL && action[0] == '\0')
    g_clear_pointer (&action, g_free);

  return action;
}

/* "Opportunity · Mark as dead"; the catalog cannot split an event whose
 * subject it does not know, but the delivery names the subject itself. */
static char *
dup_event_display_name (PbCatalog  *catalog,
                        const char *subject,
                        const char *action)
{
  g_autofree char *event = pb_catalog_compose_event (subject, action);
  g_autofree char *subject_label = NULL;
  g_autofree char *action_label = NULL;
  PbEventInfo *info = pb_catalog_lookup (catalog, event);

  if (info != NULL)
    return pb_event_info_dup_display_name (info);

  subject_label = dup_subject_label (catalog, subject);
  action_label = humanize (action);
  /* Translators: an event shown as subject and action, such as "Opportunity · Convert to order" */
  return g_strdup_printf (_("%s · %s"), subject_label, action_label);
}

/* "Anna Smith: Opportunity · Mark as dead (Opportunity #12)" */
static char *
describe_with_catalog (PbDelivery *self,
                       PbCatalog  *catalog,
                       const char *who,
                       const char *action,
                       const char *record)
{
  g_autofree char *subject = dup_subject (self, catalog);
  g_autofree char *display = NULL;

  /* dup_record_label() found a record, so there is a subject. */
  g_assert (subject != NULL);
  display = dup_event_display_name (catalog, subject, action);

  /* Translators: a person, an event such as "Opportunity · Mark as dead" and a
   * record such as "Opportunity #12" */
  return g_strdup_printf (_("%s: %s (%s)"), who, display, record);
}

/**
 * pb_delivery_describe:
 * @self: a #PbDelivery
 * @catalog: (nullable): the catalog that names subjects and actions, or
 *   %NULL for the default one
 *
 * Returns: (transfer full): one sentence that says what happened, such as
 *   "Anna Smith converted Opportunity #1364 to an order", or what is wrong
 *   with the delivery
 */
char *
pb_delivery_describe (PbDelivery *self,
                      PbCatalog  *catalog)
{
  g_autofree char *action = NULL;
  g_autofree char *record = NULL;
  const char *problem;
  const char *description;
  const char *who;
  char *sentence;

  g_return_val_if_fail (PB_IS_DELIVERY (self), NULL);
  g_return_val_if_fail (catalog == NULL || PB_IS_CATALOG (catalog), NULL);

  if (catalog == NULL)
    catalog = pb_catalog_get_default ();

  problem = pb_delivery_get_problem (self);
  if (problem != NULL)
    return g_strdup (problem);

  action = dup_action (self, catalog);
  record = dup_record_label (self, catalog);
  description = pb_delivery_get_description (self);
  if ((action == NULL || record == NULL) && description != NULL && description[0] != '\0')
    return g_strdup (description);
  if (action == NULL || record == NULL)
    return g_strdup (_("Current RMS sent an action that does not say what happened to which "
                       "record."));

  who = pb_delivery_get_member_name (self);
  if (who == NULL || who[0] == '\0')
    /* Translators: stands for the person in "Someone updated Member #5" */
    who = _("Someone");

  sentence = phrase_scan (action, who, pb_delivery_get_scan_count (self), record);
  if (sentence == NULL)
    sentence = phrase_generic (action, who, record);
  if (sentence == NULL)
    sentence = phrase_opportunity (action, who, record);
  if (sentence == NULL)
    sentence = describe_with_catalog (self, catalog, who, action, record);

  return sentence;
}

static void
append_quoted (GString    *out,
               const char *text,
               gsize       length)
{
  g_string_append_c (out, '\'');
  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\'')
        g_string_append (out, "'\\''");
      else
        g_string_append_c (out, text[i]);
    }
  g_string_append_c (out, '\'');
}

/* A shell argument cannot hold a NUL byte, so such a body goes through printf
 * with octal escapes and reaches curl on its standard input. */
static void
append_printf_pipe (GString    *out,
                    const char *data,
                    gsize       length)
{
  g_autoptr(GString) format = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '\0')
        g_string_append (format, "\\000");
      else if (data[i] == '\\')
        g_string_append (format, "\\\\");
      else if (data[i] == '%')
        g_string_append (format, "%%");
      else
        g_string_append_c (format, data[i]);
    }

  g_string_append (out, "printf ");
  append_quoted (out, format->str, format->len);
  g_string_append (out, " | ");
}

/**
 * pb_delivery_dup_curl_command:
 * @self: a #PbDelivery
 * @url: where to send the body again
 *
 * Returns: (transfer full): a POSIX shell command that posts the same body to
 *   @url with curl
 */
char *
pb_delivery_dup_curl_command (PbDelivery *self,
                              const char *url)
{
  GString *out;
  const char *data;
  gsize length;
  gboolean has_nul;

  g_return_val_if_fail (PB_IS_DELIVERY (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  data = g_bytes_get_data (pb_delivery_get_body (self), &length);
  has_nul = length > 0 && memchr (data, '\0', length) != NULL;

  out = g_string_new (NULL);
  if (has_nul)
    append_printf_pipe (out, data, length);

  g_string_append (out, "curl -X POST -H 'Content-Type: application/json' --data-binary ");
  if (has_nul)
    g_string_append (out, "@-");
  else
    append_quoted (out, length > 0 ? data : "", length);
  g_string_append_c (out, ' ');
  append_quoted (out, url, strlen (url));

  return g_string_free (out, FALSE);
}

/* pb-simulator-action.c: the action bodies that the simulator delivers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patchbay-simulator"

#include "config.h"

#include "pb-catalog.h"
#include "pb-simulator-private.h"

typedef struct
{
  const char *subject;
  const char *names[7];
} SubjectNames;

/* Record names from the event and AV rental trade, so that a log full of
 * simulated deliveries reads like a real account's. */
static const SubjectNames subject_names[] = {
  { "opportunity", { "Summer Festival 2026", "Riverside Wedding Marquee", "Tech Expo — Hall B",
                     "Corporate Gala Dinner", "Jazz in the Park", "Product Launch Roadshow",
                     NULL } },
  { "invoice", { "Invoice 10421", "Invoice 10422", "Invoice 10437", "Credit note 2207", NULL } },
  { "member", { "Brightline Events Ltd", "Northgate Theatre", "Harbour Conference Centre",
                "Okafor Productions", NULL } },
  { "product", { "Shure SM58 Microphone", "L-Acoustics K2 Line Array",
                 "Robe MegaPointe Moving Head", "Yamaha CL5 Mixing Console",
                 "6 m × 12 m Stretch Tent", "LED Video Wall Panel 500 mm", NULL } },
  { "stock_level", { "K2 Line Array — asset 00412", "CL5 Console — asset 00077",
                     "MegaPointe — asset 01388", NULL } },
  { "purchase_order", { "PO 7781 — trussing re-hire", "PO 7794 — generator sub-hire", NULL } },
  { "project", { "Festival Season 2026", "Autumn Conference Tour", NULL } },
  { "activity", { "Site visit — Riverside Marquee", "Call back about staging", NULL } },
  { "discussion", { "Load-in timings", "Power requirements", NULL } },
  { "service", { "Rigging crew (day rate)", "Delivery and collection", NULL } },
  { "quarantine", { "Damaged XLR cable — drum 14", "Moving head fan fault", NULL } },
};

static const struct {
  gint64      id;
  const char *name;
  const char *email;
} members[] = {
  { 12, "Anna Smith", "anna.smith@example.com" },
  { 27, "Tom Okafor", "tom.okafor@example.com" },
  { 31, "Priya Natarajan", "priya.natarajan@example.com" },
  { 44, "Marek Nowak", "marek.nowak@example.com" },
  { 58, "Chloé Martin", "chloe.martin@example.com" },
};

static const char *const event_types[] = { "Festival", "Wedding", "Conference", "Corporate" };

static char *
camel_case (const char *subject)
{
  g_auto(GStrv) words = g_strsplit (subject, "_", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      g_string_append_c (out, g_ascii_toupper (words[i][0]));
      g_string_append (out, words[i] + 1);
    }

  return g_string_free (out, FALSE);
}

static char *
pick_name (GRand      *rand,
           const char *subject,
           const char *subject_type,
           gint64      subject_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (subject_names); i++)
    {
      guint n = 0;

      if (!g_str_equal (subject_names[i].subject, subject))
        continue;
      while (subject_names[i].names[n] != NULL)
        n++;
      return g_strdup (subject_names[i].names[g_rand_int_range (rand, 0, n)]);
    }

  return g_strdup_printf ("%s %" G_GINT64_FORMAT, subject_type, subject_id);
}

/* Item-level actions name the line they touched as their source; discussions
 * and attachments are the other sources the help centre lists. */
static const char *
source_type_for (const char *subject,
                 const char *action)
{
  if (g_str_equal (subject, "opportunity") && g_str_has_suffix (action, "_item"))
    return "OpportunityItem";
  if (g_str_equal (action, "discuss"))
    return "Discussion";
  if (g_str_equal (action, "attach") || g_str_equal (action, "detach"))
    return "Attachment";

  return NULL;
}

static void
add_member (JsonBuilder *builder,
            guint        index)
{
  json_builder_set_member_name (builder, "member");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, members[index].id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, members[index].name);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, members[index].email);
  json_builder_end_object (builder);
}

static void
add_custom_fields (JsonBuilder *builder,
                   GRand       *rand)
{
  g_autofree char *po = g_strdup_printf ("PO-%05d", g_rand_int_range (rand, 10000, 99999));

  json_builder_set_member_name (builder, "custom_fields");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "event_type");
  json_builder_add_string_value (builder,
                                 event_types[g_rand_int_range (rand, 0,
                                                               G_N_ELEMENTS (event_types))]);
  json_builder_set_member_name (builder, "site_access_checked");
  json_builder_add_string_value (builder, g_rand_boolean (rand) ? "Yes" : "No");
  json_builder_set_member_name (builder, "customer_po");
  json_builder_add_string_value (builder, po);
  json_builder_end_object (builder);
}

/* Scan actions carry the assets that were scanned. */
static void
add_scan_content (JsonBuilder *builder,
                  GRand       *rand)
{
  guint n_assets = g_rand_int_range (rand, 1, 4);

  json_builder_set_member_name (builder, "content");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "opportunity_item_assets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_assets; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, g_rand_int_range (rand, 200000, 299999));
      json_builder_set_member_name (builder, "stock_level_id");
      json_builder_add_int_value (builder, g_rand_int_range (rand, 1000, 9999));
      json_builder_set_member_name (builder, "quantity");
      json_builder_add_string_value (builder, "1.0");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_source (JsonBuilder *builder,
            GRand       *rand,
            const char  *source_type)
{
  json_builder_set_member_name (builder, "source_id");
  if (source_type != NULL)
    json_builder_add_int_value (builder, g_rand_int_range (rand, 100000, 999999));
  else
    json_builder_add_null_value (builder);
  add_string_or_null (builder, "source_type", source_type);
}

/**
 * pb_simulator_action_build:
 * @rand: the simulator's random numbers
 * @action_id: the id of the new action
 * @event: an event string
 * @subject_id: the id of the record
 *
 * Returns: (transfer full): `{"action": {...}}`
 */
JsonNode *
pb_simulator_action_build (GRand      *rand,
                           gint64      action_id,
                           const char *event,
                           gint64      subject_id)
{
  PbCatalog *catalog = pb_catalog_get_default ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(PbEventInfo) info = pb_catalog_describe (catalog, event);
  g_autofree char *subject = NULL;
  g_autofree char *action = NULL;
  g_autofree char *subject_type = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *now = pb_simulator_format_time (NULL);
  g_autofree char *total = NULL;
  guint member = g_rand_int_range (rand, 0, G_N_ELEMENTS (members));

  pb_catalog_parse_event (catalog, event, &subject, &action);
  subject_type = camel_case (subject);
  name = pick_name (rand, subject, subject_type, subject_id);
  description = g_strdup_printf ("%s: %s", pb_event_info_get_action_label (info), name);
  total = g_strdup_printf ("%d.0", g_rand_int_range (rand, 25, 2500) * 10);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "action");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, action_id);
  json_builder_set_member_name (builder, "subject_id");
  json_builder_add_int_value (builder, subject_id);
  add_string_or_null (builder, "subject_type", subject_type);
  add_source (builder, rand, source_type_for (subject, action));
  json_builder_set_member_name (builder, "member_id");
  json_builder_add_int_value (builder, members[member].id);
  add_string_or_null (builder, "name", name);
  add_string_or_null (builder, "description", description);
  add_string_or_null (builder, "action_type", action);
  add_string_or_null (builder, "charge_total", total);
  add_string_or_null (builder, "created_at", now);
  add_string_or_null (builder, "updated_at", now);
  add_member (builder, member);
  add_custom_fields (builder, rand);
  if (pb_event_info_get_has_content (info))
    add_scan_content (builder, rand);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* test-data.c: tests for the installed data that code depends on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gio.h>
#include <gio/gsettingsbackend.h>

typedef struct
{
  const char *name;
  const char *type;
  const char *default_value;
} KeySpec;

/* The application, the receiver and the CLI read these keys by name; a rename
 * or a changed type would only show up at run time, as a crash. */
static const KeySpec expected_keys[] = {
  { "receiver-address", "s", "'127.0.0.1'" },
  { "receiver-port", "u", "uint32 8787" },
  { "public-url", "s", "''" },
  { "listen-at-start", "b", "true" },
  { "retention-days", "u", "uint32 30" },
  { "retention-count", "u", "uint32 10000" },
  { "window-width", "i", "1100" },
  { "window-height", "i", "720" },
  { "window-maximized", "b", "false" },
  { "last-account", "s", "''" },
  { "last-page", "s", "'webhooks'" },
  { "demo-enabled", "b", "true" },
};

static GSettingsSchema *
load_schema (void)
{
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GError) error = NULL;
  const char *dir = g_getenv ("GSETTINGS_SCHEMA_DIR");
  GSettingsSchema *schema;

  g_assert_nonnull (dir);
  source = g_settings_schema_source_new_from_directory (dir, NULL, TRUE, &error);
  g_assert_no_error (error);

  schema = g_settings_schema_source_lookup (source, APP_ID, FALSE);
  g_assert_nonnull (schema);

  return schema;
}

static void
test_schema_keys (void)
{
  g_autoptr(GSettingsSchema) schema = load_schema ();
  g_auto(GStrv) names = g_settings_schema_list_keys (schema);

  g_assert_cmpuint (g_strv_length (names), ==, G_N_ELEMENTS (expected_keys));

  for (guint i = 0; i < G_N_ELEMENTS (expected_keys); i++)
    {
      const KeySpec *spec = &expected_keys[i];
      g_autoptr(GSettingsSchemaKey) key = NULL;
      g_autoptr(GVariant) value = NULL;
      g_autofree char *printed = NULL;

      g_assert_true (g_settings_schema_has_key (schema, spec->name));
      key = g_settings_schema_get_key (schema, spec->name);
      g_assert_cmpstr (g_variant_type_peek_string (g_settings_schema_key_get_value_type (key)),
                       ==, spec->type);

      value = g_settings_schema_key_get_default_value (key);
      printed = g_variant_print (value, TRUE);
      g_assert_cmpstr (printed, ==, spec->default_value);

      /* Every key appears in the preferences or in dconf-editor, so each needs
       * words for the administrator. */
      g_assert_nonnull (g_settings_schema_key_get_summary (key));
      g_assert_nonnull (g_settings_schema_key_get_description (key));
    }
}

static void
test_schema_port_range (void)
{
  g_autoptr(GSettingsSchema) schema = load_schema ();
  g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, "receiver-port");
  g_autoptr(GVariant) low = g_variant_ref_sink (g_variant_new_uint32 (0));
  g_autoptr(GVariant) high = g_variant_ref_sink (g_variant_new_uint32 (65535));
  g_autoptr(GVariant) beyond = g_variant_ref_sink (g_variant_new_uint32 (65536));

  g_assert_true (g_settings_schema_key_range_check (key, low));
  g_assert_true (g_settings_schema_key_range_check (key, high));
  g_assert_false (g_settings_schema_key_range_check (key, beyond));
}

static void
test_settings_memory (void)
{
  g_autoptr(GSettingsSchema) schema = load_schema ();
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = NULL;

  settings = g_settings_new_full (schema, backend, NULL);
  g_assert_cmpuint (g_settings_get_uint (settings, "receiver-port"), ==, 8787);

  g_assert_true (g_settings_set_uint (settings, "receiver-port", 9000));
  g_assert_cmpuint (g_settings_get_uint (settings, "receiver-port"), ==, 9000);

  g_settings_reset (settings, "receiver-port");
  g_assert_cmpuint (g_settings_get_uint (settings, "receiver-port"), ==, 8787);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/patchbay/data/schema-keys", test_schema_keys);
  g_test_add_func ("/patchbay/data/schema-port-range", test_schema_port_range);
  g_test_add_func ("/patchbay/data/settings-memory", test_settings_memory);

  return g_test_run ();
}

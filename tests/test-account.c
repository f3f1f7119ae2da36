/* test-account.c: the account model and subdomain normalization
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pb-account.h"
#include "pb-error.h"

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GHashTable *counts = user_data;
  const char *name = g_param_spec_get_name (pspec);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));

  g_hash_table_insert (counts, (gpointer)name, GUINT_TO_POINTER (count + 1));
}

static guint
notified (GHashTable *counts,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static void
test_defaults (void)
{
  g_autoptr(PbAccount) account = pb_account_new ("acme");

  g_assert_cmpint (pb_account_get_id (account), ==, 0);
  g_assert_cmpstr (pb_account_get_subdomain (account), ==, "acme");
  g_assert_null (pb_account_get_label (account));
  g_assert_cmpstr (pb_account_get_display_name (account), ==, "acme");
  g_assert_cmpstr (pb_account_get_api_base (account), ==, PB_DEFAULT_API_BASE);
  g_assert_false (pb_account_get_production (account));
  g_assert_false (pb_account_get_demo (account));
  g_assert_cmpint (pb_account_get_last_sync (account), ==, 0);
  g_assert_null (pb_account_get_last_error (account));
}

static void
test_display_name (void)
{
  g_autoptr(PbAccount) account = pb_account_new ("acme");
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_signal_connect (account, "notify", G_CALLBACK (count_notify), counts);

  pb_account_set_label (account, "Acme Rentals");
  g_assert_cmpstr (pb_account_get_display_name (account), ==, "Acme Rentals");
  g_assert_cmpuint (notified (counts, "label"), ==, 1);
  g_assert_cmpuint (notified (counts, "display-name"), ==, 1);

  /* The label hides the subdomain, so its change does not rename the account. */
  pb_account_set_subdomain (account, "acme2");
  g_assert_cmpuint (notified (counts, "subdomain"), ==, 1);
  g_assert_cmpuint (notified (counts, "display-name"), ==, 1);

  pb_account_set_label (account, "");
  g_assert_null (pb_account_get_label (account));
  g_assert_cmpstr (pb_account_get_display_name (account), ==, "acme2");
  g_assert_cmpuint (notified (counts, "display-name"), ==, 2);

  pb_account_set_subdomain (account, "acme3");
  g_assert_cmpuint (notified (counts, "display-name"), ==, 3);
}

static void
test_api_base (void)
{
  g_autoptr(PbAccount) account = pb_account_new ("acme");
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *from_property = NULL;

  g_signal_connect (account, "notify", G_CALLBACK (count_notify), counts);

  pb_account_set_api_base (account, "http://127.0.0.1:8080/api/v1");
  g_assert_cmpstr (pb_account_get_api_base (account), ==, "http://127.0.0.1:8080/api/v1");
  g_assert_cmpuint (notified (counts, "api-base"), ==, 1);

  pb_account_set_api_base (account, "");
  g_assert_cmpstr (pb_account_get_api_base (account), ==, PB_DEFAULT_API_BASE);
  g_assert_cmpuint (notified (counts, "api-base"), ==, 2);

  pb_account_set_api_base (account, NULL);
  pb_account_set_api_base (account, PB_DEFAULT_API_BASE);
  g_assert_cmpuint (notified (counts, "api-base"), ==, 2);

  g_object_get (account, "api-base", &from_property, NULL);
  g_assert_cmpstr (from_property, ==, PB_DEFAULT_API_BASE);
}

static void
test_notify_once (void)
{
  g_autoptr(PbAccount) account = pb_account_new ("acme");
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const char *names[] = { "id", "production", "demo", "last-sync", "last-error" };

  g_signal_connect (account, "notify", G_CALLBACK (count_notify), counts);

  for (guint round = 0; round < 2; round++)
    {
      pb_account_set_id (account, 7);
      pb_account_set_production (account, TRUE);
      pb_account_set_demo (account, 2);
      pb_account_set_last_sync (account, 1700000000000000);
      pb_account_set_last_error (account, "The server could not be reached.");
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpuint (notified (counts, names[i]), ==, 1);

  g_assert_cmpint (pb_account_get_id (account), ==, 7);
  g_assert_true (pb_account_get_production (account));
  g_assert_true (pb_account_get_demo (account));
  g_assert_cmpint (pb_account_get_last_sync (account), ==, 1700000000000000);
  g_assert_cmpstr (pb_account_get_last_error (account), ==, "The server could not be reached.");

  pb_account_set_last_error (account, NULL);
  g_assert_null (pb_account_get_last_error (account));
  g_assert_cmpuint (notified (counts, "last-error"), ==, 2);
}

static void
test_properties (void)
{
  g_autoptr(PbAccount) account = NULL;
  g_autofree char *display_name = NULL;
  gint64 last_sync = 0;
  gboolean production = FALSE;

  account = g_object_new (PB_TYPE_ACCOUNT,
                          "subdomain", "acme",
                          "label", "Acme",
                          "production", TRUE,
                          "last-sync", (gint64)42,
                          NULL);
  g_object_get (account,
                "display-name", &display_name,
                "last-sync", &last_sync,
                "production", &production,
                NULL);

  g_assert_cmpstr (display_name, ==, "Acme");
  g_assert_cmpint (last_sync, ==, 42);
  g_assert_true (production);
}

typedef struct
{
  const char *input;
  const char *expected;
} NormalizeCase;

static void
test_normalize (void)
{
  const NormalizeCase cases[] = {
    { "acme", "acme" },
    { " Acme ", "acme" },
    { "ACME-hire2", "acme-hire2" },
    { "acme.current-rms.com", "acme" },
    { "Acme.Current-RMS.com", "acme" },
    { "https://acme.current-rms.com/", "acme" },
    { "http://acme.current-rms.com/login?x=1", "acme" },
    { "\tacme.current-rms.com\n", "acme" },
    { "", NULL },
    { "   ", NULL },
    { NULL, NULL },
    { "ac me", NULL },
    { "acme.example.com", NULL },
    { "https://acme.example.com/", NULL },
    { "current-rms.com", NULL },
    { "a.b.current-rms.com", NULL },
    { "acme_hire", NULL },
    { "acmé", NULL },
    { "-acme", NULL },
    { "acme-", NULL },
    { "acme!", NULL },
    { "https://", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *result = pb_account_normalize_subdomain (cases[i].input, &error);

      if (cases[i].expected != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (result, ==, cases[i].expected);
        }
      else
        {
          g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_INPUT);
          g_assert_null (result);
          g_assert_cmpstr (error->message, !=, "");
        }
    }
}

static void
test_normalize_long (void)
{
  g_autofree char *longest = g_strnfill (63, 'a');
  g_autofree char *too_long = g_strnfill (64, 'a');
  g_autofree char *ok = NULL;
  g_autofree char *refused = NULL;
  g_autoptr(GError) error = NULL;

  ok = pb_account_normalize_subdomain (longest, NULL);
  g_assert_cmpstr (ok, ==, longest);

  refused = pb_account_normalize_subdomain (too_long, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_INPUT);
  g_assert_null (refused);
}

static void
test_finalize (void)
{
  PbAccount *account = pb_account_new ("acme");

  pb_account_set_label (account, "Acme");
  pb_account_set_last_error (account, "failed");
  g_object_add_weak_pointer (G_OBJECT (account), (gpointer *)&account);
  g_object_unref (account);
  g_assert_null (account);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/patchbay/account/defaults", test_defaults);
  g_test_add_func ("/patchbay/account/display-name", test_display_name);
  g_test_add_func ("/patchbay/account/api-base", test_api_base);
  g_test_add_func ("/patchbay/account/notify-once", test_notify_once);
  g_test_add_func ("/patchbay/account/properties", test_properties);
  g_test_add_func ("/patchbay/account/normalize", test_normalize);
  g_test_add_func ("/patchbay/account/normalize-long", test_normalize_long);
  g_test_add_func ("/patchbay/account/finalize", test_finalize);

  return g_test_run ();
}

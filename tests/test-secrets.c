/* test-secrets.c: tests for API keys in the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <unistd.h>

#include "pb-error.h"
#include "pb-secrets.h"
#include "pb-test-core.h"

#define OTHER_BASE "http://127.0.0.1:9/api/v1"
#define ASYNC_TIMEOUT_SECONDS 30

typedef struct
{
  char *subdomain;
} Fixture;

/* Every test uses its own subdomain: the keyring outlives a single test, and
 * a key left behind by one test must not satisfy the next. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  static guint counter;

  fixture->subdomain = g_strdup_printf ("pbtest-%d-%u", (int)getpid (), ++counter);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  pb_secrets_clear_sync (fixture->subdomain, NULL, NULL, NULL);
  pb_secrets_clear_sync (fixture->subdomain, OTHER_BASE, NULL, NULL);
  g_clear_pointer (&fixture->subdomain, g_free);
}

static void
assert_lookup (const char *subdomain,
               const char *api_base,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  key = pb_secrets_lookup_sync (subdomain, api_base, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, expected);
}

static void
store (const char *subdomain,
       const char *api_base,
       const char *api_key)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_secrets_store_sync (subdomain, api_base, "Test account", api_key,
                                        NULL, &error));
  g_assert_no_error (error);
}

static void
test_store_lookup (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *upper = NULL;

  if (!pb_test_require_keyring ())
    return;

  store (fixture->subdomain, NULL, "key-one");
  assert_lookup (fixture->subdomain, NULL, "key-one");

  /* The default base may be given explicitly, with a final slash, and the
   * subdomain in another case: it is still the same account. */
  assert_lookup (fixture->subdomain, "https://api.current-rms.com/api/v1/", "key-one");
  upper = g_ascii_strup (fixture->subdomain, -1);
  assert_lookup (upper, NULL, "key-one");
}

static void
test_overwrite (Fixture       *fixture,
                gconstpointer  user_data)
{
  if (!pb_test_require_keyring ())
    return;

  store (fixture->subdomain, NULL, "key-old");
  store (fixture->subdomain, NULL, "key-new");
  assert_lookup (fixture->subdomain, NULL, "key-new");

  /* Clearing once must leave nothing behind, which proves the overwrite
   * replaced the item instead of adding a second one. */
  g_assert_true (pb_secrets_clear_sync (fixture->subdomain, NULL, NULL, NULL));
  assert_lookup (fixture->subdomain, NULL, NULL);
}

static void
test_clear (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  if (!pb_test_require_keyring ())
    return;

  store (fixture->subdomain, NULL, "key-to-clear");
  g_assert_true (pb_secrets_clear_sync (fixture->subdomain, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_lookup (fixture->subdomain, NULL, NULL);

  /* Nothing left to remove is still a success. */
  g_assert_true (pb_secrets_clear_sync (fixture->subdomain, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  user_data)
{
  if (!pb_test_require_keyring ())
    return;

  assert_lookup (fixture->subdomain, NULL, NULL);
  assert_lookup (fixture->subdomain, OTHER_BASE, NULL);
}

static void
test_api_bases_separate (Fixture       *fixture,
                         gconstpointer  user_data)
{
  if (!pb_test_require_keyring ())
    return;

  store (fixture->subdomain, NULL, "key-production");
  store (fixture->subdomain, OTHER_BASE, "key-other");
  assert_lookup (fixture->subdomain, NULL, "key-production");
  assert_lookup (fixture->subdomain, OTHER_BASE, "key-other");

  g_assert_true (pb_secrets_clear_sync (fixture->subdomain, OTHER_BASE, NULL, NULL));
  assert_lookup (fixture->subdomain, OTHER_BASE, NULL);
  assert_lookup (fixture->subdomain, NULL, "key-production");
}

static void
test_empty_key (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pb_secrets_store_sync (fixture->subdomain, NULL, NULL, "", NULL, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_INPUT);
}

typedef struct
{
  GAsyncResult *result;
  gboolean      timed_out;
} AsyncWait;

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->result = g_object_ref (result);
}

static gboolean
async_timeout_cb (gpointer user_data)
{
  AsyncWait *wait = user_data;

  wait->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the test's own main context until the operation answers; the
 * timeout only turns a hang into a failure. */
static GAsyncResult *
async_wait (AsyncWait *wait)
{
  g_autoptr(GSource) timeout = g_timeout_source_new_seconds (ASYNC_TIMEOUT_SECONDS);
  GMainContext *context = g_main_context_get_thread_default ();

  g_source_set_callback (timeout, async_timeout_cb, wait, NULL);
  g_source_attach (timeout, context);

  while (wait->result == NULL && !wait->timed_out)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (timeout);
  g_assert_false (wait->timed_out);

  return g_steal_pointer (&wait->result);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  AsyncWait wait = { NULL, FALSE };

  if (!pb_test_require_keyring ())
    return;

  g_main_context_push_thread_default (context);

  pb_secrets_store_async (fixture->subdomain, OTHER_BASE, NULL, "key-async", NULL,
                          async_done_cb, &wait);
  result = async_wait (&wait);
  g_assert_true (pb_secrets_store_finish (result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  pb_secrets_lookup_async (fixture->subdomain, OTHER_BASE, NULL, async_done_cb, &wait);
  result = async_wait (&wait);
  key = pb_secrets_lookup_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "key-async");
  g_clear_object (&result);

  pb_secrets_clear_async (fixture->subdomain, OTHER_BASE, NULL, async_done_cb, &wait);
  result = async_wait (&wait);
  g_assert_true (pb_secrets_clear_finish (result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  g_main_context_pop_thread_default (context);

  assert_lookup (fixture->subdomain, OTHER_BASE, NULL);
}

static void
test_async_empty_key (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AsyncWait wait = { NULL, FALSE };

  g_main_context_push_thread_default (context);

  pb_secrets_store_async (fixture->subdomain, NULL, NULL, "", NULL, async_done_cb, &wait);
  result = async_wait (&wait);
  g_assert_false (pb_secrets_store_finish (result, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_INPUT);

  g_main_context_pop_thread_default (context);
}

/* The environment tests run in a child process: it changes its environment
 * before any thread exists, and points D-Bus at nothing so that any attempt to
 * consult the keyring fails. */
static void
break_session_bus (void)
{
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/patchbay-test-bus", TRUE);
  g_unsetenv ("DISPLAY");
}

static void
test_env_override (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *key = NULL;
      g_autofree char *other = NULL;

      break_session_bus ();
      g_setenv ("PATCHBAY_SUBDOMAIN", "envco", TRUE);
      g_setenv ("PATCHBAY_API_KEY", "key-from-env", TRUE);
      g_unsetenv ("PATCHBAY_API_BASE");

      key = pb_secrets_lookup_sync ("envco", NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (key, ==, "key-from-env");
      g_clear_pointer (&key, g_free);

      /* Without PATCHBAY_API_BASE the key serves every base. */
      key = pb_secrets_lookup_sync ("envco", OTHER_BASE, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (key, ==, "key-from-env");

      /* Another account does go to the keyring, which is unreachable here. */
      other = pb_secrets_lookup_sync ("someone-else", NULL, NULL, &error);
      g_assert_null (other);
      g_assert_error (error, PB_ERROR, PB_ERROR_SECRETS);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_env_override_async (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GMainContext) context = g_main_context_new ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *key = NULL;
      AsyncWait wait = { NULL, FALSE };

      break_session_bus ();
      g_setenv ("PATCHBAY_SUBDOMAIN", "envco", TRUE);
      g_setenv ("PATCHBAY_API_KEY", "key-from-env", TRUE);

      g_main_context_push_thread_default (context);
      pb_secrets_lookup_async ("envco", NULL, NULL, async_done_cb, &wait);
      result = async_wait (&wait);
      key = pb_secrets_lookup_finish (result, &error);
      g_main_context_pop_thread_default (context);

      g_assert_no_error (error);
      g_assert_cmpstr (key, ==, "key-from-env");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_env_matching (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *key = NULL;

      g_setenv ("PATCHBAY_SUBDOMAIN", "envco", TRUE);
      g_setenv ("PATCHBAY_API_KEY", "key-from-env", TRUE);
      g_setenv ("PATCHBAY_API_BASE", OTHER_BASE "/", TRUE);

      key = pb_secrets_lookup_env ("envco", OTHER_BASE);
      g_assert_cmpstr (key, ==, "key-from-env");
      g_clear_pointer (&key, g_free);

      g_assert_null (pb_secrets_lookup_env ("envco", NULL));
      g_assert_null (pb_secrets_lookup_env ("otherco", OTHER_BASE));

      g_setenv ("PATCHBAY_API_KEY", "", TRUE);
      g_assert_null (pb_secrets_lookup_env ("envco", OTHER_BASE));

      g_unsetenv ("PATCHBAY_API_KEY");
      g_assert_null (pb_secrets_lookup_env ("envco", OTHER_BASE));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_unreachable (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;

      break_session_bus ();
      g_unsetenv ("PATCHBAY_SUBDOMAIN");

      g_assert_null (pb_secrets_lookup_sync ("nobody", NULL, NULL, &error));
      g_assert_error (error, PB_ERROR, PB_ERROR_SECRETS);
      g_clear_error (&error);

      g_assert_false (pb_secrets_store_sync ("nobody", NULL, NULL, "key", NULL, &error));
      g_assert_error (error, PB_ERROR, PB_ERROR_SECRETS);
      g_clear_error (&error);

      g_assert_false (pb_secrets_clear_sync ("nobody", NULL, NULL, &error));
      g_assert_error (error, PB_ERROR, PB_ERROR_SECRETS);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  if (!pb_test_require_keyring ())
    return;

  g_cancellable_cancel (cancellable);
  g_assert_null (pb_secrets_lookup_sync (fixture->subdomain, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

#define ADD_KEYRING_TEST(path, func) \
  g_test_add ("/patchbay/secrets/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* A developer's own account in the environment must not leak into the tests. */
  if (!g_test_subprocess ())
    {
      g_unsetenv ("PATCHBAY_SUBDOMAIN");
      g_unsetenv ("PATCHBAY_API_KEY");
      g_unsetenv ("PATCHBAY_API_BASE");
    }

  ADD_KEYRING_TEST ("store-lookup", test_store_lookup);
  ADD_KEYRING_TEST ("overwrite", test_overwrite);
  ADD_KEYRING_TEST ("clear", test_clear);
  ADD_KEYRING_TEST ("missing", test_missing);
  ADD_KEYRING_TEST ("api-bases-separate", test_api_bases_separate);
  ADD_KEYRING_TEST ("empty-key", test_empty_key);
  ADD_KEYRING_TEST ("async", test_async);
  ADD_KEYRING_TEST ("async-empty-key", test_async_empty_key);
  ADD_KEYRING_TEST ("cancelled", test_cancelled);
  g_test_add_func ("/patchbay/secrets/env-override", test_env_override);
  g_test_add_func ("/patchbay/secrets/env-override-async", test_env_override_async);
  g_test_add_func ("/patchbay/secrets/env-matching", test_env_matching);
  g_test_add_func ("/patchbay/secrets/unreachable", test_unreachable);

  return g_test_run ();
}

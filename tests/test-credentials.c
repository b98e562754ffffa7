/* test-credentials.c: the keyring, real and absent
 *
 * Runs inside its own D-Bus session (see meson.build) and starts a
 * gnome-keyring-daemon there with an unlocked login collection.
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "test-keyring.h"
#include "vl-credentials.h"

static void
on_result (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static gboolean
store (VlEnvironment   environment,
       const char     *key,
       const char     *secret,
       GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vl_credentials_store_async (environment, key, secret, NULL, on_result,
                              &result);

  return vl_credentials_store_finish (wait_for (&result), error);
}

static gboolean
lookup (VlEnvironment   environment,
        char          **key,
        char          **secret,
        GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vl_credentials_lookup_async (environment, NULL, on_result, &result);

  return vl_credentials_lookup_finish (wait_for (&result), key, secret,
                                       error);
}

static gboolean
clear (VlEnvironment   environment,
       GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vl_credentials_clear_async (environment, NULL, on_result, &result);

  return vl_credentials_clear_finish (wait_for (&result), error);
}

static void
assert_stored (VlEnvironment  environment,
               const char    *expected_key,
               const char    *expected_secret)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;

  g_assert_true (lookup (environment, &key, &secret, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, expected_key);
  g_assert_cmpstr (secret, ==, expected_secret);
}

static void
test_store_read_replace_delete (void)
{
  g_autoptr(GError) error = NULL;

  /* Nothing stored yet is "not set", not a failure. */
  assert_stored (VL_ENVIRONMENT_TESTING, NULL, NULL);

  g_assert_true (store (VL_ENVIRONMENT_TESTING, "key-testing",
                        "secret \"with\" quotes ✓", &error));
  g_assert_no_error (error);
  g_assert_true (store (VL_ENVIRONMENT_PRODUCTION, "key-production",
                        "secret-production", &error));
  g_assert_no_error (error);

  assert_stored (VL_ENVIRONMENT_TESTING, "key-testing",
                 "secret \"with\" quotes ✓");
  assert_stored (VL_ENVIRONMENT_PRODUCTION, "key-production",
                 "secret-production");
  assert_stored (VL_ENVIRONMENT_CUSTOM, NULL, NULL);

  /* Replacing keeps one item per environment. */
  g_assert_true (store (VL_ENVIRONMENT_TESTING, "key-2", "secret-2", &error));
  g_assert_no_error (error);
  assert_stored (VL_ENVIRONMENT_TESTING, "key-2", "secret-2");

  g_assert_true (clear (VL_ENVIRONMENT_TESTING, &error));
  g_assert_no_error (error);
  assert_stored (VL_ENVIRONMENT_TESTING, NULL, NULL);
  assert_stored (VL_ENVIRONMENT_PRODUCTION, "key-production",
                 "secret-production");

  /* Clearing what is not there is fine. */
  g_assert_true (clear (VL_ENVIRONMENT_TESTING, &error));
  g_assert_no_error (error);
}

static void
test_no_keyring (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *key = NULL;

      /* No bus at all, as on a headless machine. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus",
                TRUE);

      g_assert_false (lookup (VL_ENVIRONMENT_TESTING, &key, NULL, &error));
      g_assert_error (error, VL_CREDENTIALS_ERROR,
                      VL_CREDENTIALS_ERROR_NO_KEYRING);
      g_assert_nonnull (strstr (error->message, "this session only"));
      /* In words, not in D-Bus object paths */
      g_assert_nonnull (strstr (error->message,
                                "there is no desktop session to reach it "
                                "through"));
      g_assert_null (key);
      g_clear_error (&error);

      g_assert_false (store (VL_ENVIRONMENT_TESTING, "k", "s", &error));
      g_assert_error (error, VL_CREDENTIALS_ERROR,
                      VL_CREDENTIALS_ERROR_NO_KEYRING);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Out of the TAP stream, whatever G_MESSAGES_DEBUG turns on */
  g_log_writer_default_set_use_stderr (TRUE);

  if (!g_test_subprocess ())
    test_keyring_start ();

  g_test_add_func ("/credentials/store-read-replace-delete",
                   test_store_read_replace_delete);
  g_test_add_func ("/credentials/no-keyring", test_no_keyring);

  return g_test_run ();
}

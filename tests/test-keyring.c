/* test-keyring.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "test-keyring.h"

#define SECRET_SERVICE_NAME "org.freedesktop.secrets"
#define TIMEOUT_SECONDS 15

/* --daemonize returns before the daemon is on the bus. A test asking for
 * the Secret Service before then would have the bus start another daemon,
 * with no unlocked collection, which waits for a password prompt that
 * never comes.
 */
static void
wait_for_secret_service (void)
{
  gint64 deadline = g_get_monotonic_time () +
                    TIMEOUT_SECONDS * G_USEC_PER_SEC;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  for (;;)
    {
      g_autoptr(GVariant) reply = NULL;
      gboolean has_owner;

      /* NameHasOwner, unlike a call to the service, starts nothing. */
      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus",
                                           "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus",
                                           "NameHasOwner",
                                           g_variant_new ("(s)",
                                                          SECRET_SERVICE_NAME),
                                           G_VARIANT_TYPE ("(b)"),
                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                           &error);
      g_assert_no_error (error);
      g_variant_get (reply, "(b)", &has_owner);
      if (has_owner)
        return;

      if (g_get_monotonic_time () > deadline)
        g_error ("gnome-keyring-daemon did not come on the bus");

      g_usleep (10000);
    }
}

void
test_keyring_start (void)
{
  g_autofree char *home = g_dir_make_tmp ("vl-keyring-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *runtime = g_build_filename (home, "runtime", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (runtime, 0700);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);

  /* The daemon keeps what it inherited open: nothing of ours may wait on
   * its output, and its debug messages are not ours to check.
   */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  daemon = g_subprocess_launcher_spawn (launcher, &error,
                                        "gnome-keyring-daemon", "--unlock",
                                        "--components=secrets", "--daemonize",
                                        NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (daemon, "test-password", NULL, NULL, NULL,
                                 &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (daemon));

  wait_for_secret_service ();
}

/* test-keyring.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "test-keyring.h"

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
}

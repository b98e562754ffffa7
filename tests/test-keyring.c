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
  g_autofree char *output = NULL;

  g_assert_nonnull (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (runtime, 0700);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  daemon = g_subprocess_launcher_spawn (launcher, &error,
                                        "gnome-keyring-daemon", "--unlock",
                                        "--components=secrets", "--daemonize",
                                        NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (daemon, "test-password", NULL, &output,
                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (daemon));
}

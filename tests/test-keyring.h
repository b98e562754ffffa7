/* test-keyring.h: a real Secret Service for the tests
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Starts gnome-keyring-daemon on the session bus the test runs on (the
 * test is started by dbus-run-session), with its files in a folder of its
 * own and a login collection unlocked by a password on standard input.
 * HOME, XDG_DATA_HOME and XDG_RUNTIME_DIR point into that folder after.
 */
void test_keyring_start (void);

G_END_DECLS

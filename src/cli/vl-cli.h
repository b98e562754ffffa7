/* vl-cli.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether the command line asks for a command ("prepare", "get",
 * "history") rather than the window.
 */
gboolean vl_cli_wants_command (int    argc,
                               char **argv);

/* Runs the command without a window and returns the exit status. */
int      vl_cli_run           (int    argc,
                               char **argv);

G_END_DECLS

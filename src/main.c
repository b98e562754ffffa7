/* main.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "vl-application.h"
#include "vl-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VlApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Standard output is for what commands print, which scripts read
   * (--json): GLib would put debug messages there too.
   */
  g_log_writer_default_set_use_stderr (TRUE);

  /* Commands need no display and never touch GTK. */
  if (vl_cli_wants_command (argc, argv))
    return vl_cli_run (argc, argv);

  app = vl_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}

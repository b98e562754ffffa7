/* plain.c: nothing to translate, yet listed in POTFILES.in.
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

const char *
css_class (void)
{
  /* _("only in a comment") */
  return "dim-label";
}

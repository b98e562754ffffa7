/* unlisted.c: marked strings, but missing from POTFILES.in.
 * expect: unlisted
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

const char *
title (void)
{
  return _("Call");
}

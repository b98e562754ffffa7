/* vl-time.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* When something happened, as a list of recent calls says it: "Just
 * now", "5 minutes ago", "14:05", "Yesterday", "Monday", "3 Dec",
 * "3 Dec 2025", in the time zone of @now.
 */
char *vl_format_relative_time (GDateTime *time,
                               GDateTime *now);

G_END_DECLS

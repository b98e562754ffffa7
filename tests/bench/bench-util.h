/* bench-util.h: what the benchmark programs share
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

double bench_median (double *values,
                     guint   n_values);

SoupSession *bench_bare_session_new (void);
void         bench_send_bare        (SoupSession *session,
                                     const char  *url,
                                     const char  *token,
                                     GBytes      *body);

G_END_DECLS

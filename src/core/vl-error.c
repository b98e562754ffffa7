/* vl-error.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vl-error.h"

G_DEFINE_QUARK (vl-client-error-quark, vl_client_error)

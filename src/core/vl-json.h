/* vl-json.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char *vl_json_to_string (JsonNode *node,
                         gboolean  pretty);

G_END_DECLS

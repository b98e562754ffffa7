/* vl-json.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char     *vl_json_to_string           (JsonNode   *node,
                                      gboolean    pretty);
gboolean  vl_json_looks_like_web_page (const char *text,
                                      gsize       length);

G_END_DECLS

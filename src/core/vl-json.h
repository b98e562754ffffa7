/* vl-json.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* How deep objects and lists may nest in JSON that comes from outside.
 * json-glib reads nesting by recursion, so a few hundred thousand "[" in
 * a 4 MiB answer would overflow the stack.
 */
#define VL_JSON_MAX_DEPTH 128

char     *vl_json_to_string (JsonNode    *node,
                             gboolean     pretty);
gboolean  vl_json_looks_like_web_page (const char *text,
                                       gsize       length);

/* json_parser_load_from_data() for text from outside: refuses, with a
 * #JSON_PARSER_ERROR_INVALID_DATA error, nesting deeper than
 * VL_JSON_MAX_DEPTH, numbers that json-glib would change (integers beyond
 * 64 bits, which it wraps, and numbers beyond a double, which it reads as
 * infinity and writes out as "inf.0") and strings that are not UTF-8
 * (json-glib reads octal escapes such as "\246" into any byte). Its
 * messages are always valid UTF-8.
 */
gboolean  vl_json_load      (JsonParser  *parser,
                             const char  *data,
                             gssize       length,
                             GError     **error);

G_END_DECLS

/* vl-json.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vl-json.h"

/**
 * vl_json_to_string:
 *
 * Like json_to_string(), but always strict JSON: json-glib 1.6 writes the
 * control character U+001F into strings as it is, which JSON forbids and
 * strict readers (the service, graphql-js) refuse. In UTF-8 that byte
 * stands for nothing else, and the generator only puts it inside strings,
 * so escaping every one of them is exact.
 *
 * Returns: (transfer full): the JSON text
 */
char *
vl_json_to_string (JsonNode *node,
                   gboolean  pretty)
{
  g_autofree char *text = json_to_string (node, pretty);
  GString *escaped;

  if (strchr (text, '\x1f') == NULL)
    return g_steal_pointer (&text);

  escaped = g_string_sized_new (strlen (text) + 16);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\x1f')
        g_string_append (escaped, "\\u001f");
      else
        g_string_append_c (escaped, *p);
    }

  return g_string_free (escaped, FALSE);
}

/**
 * vl_json_looks_like_web_page:
 *
 * Whether an answer that should be JSON starts like HTML: the error page
 * of a proxy, a firewall or a Wi-Fi sign-in page, whatever its status.
 */
gboolean
vl_json_looks_like_web_page (const char *text,
                             gsize       length)
{
  while (length > 0 && g_ascii_isspace (*text))
    text++, length--;

  return length > 0 && *text == '<';
}

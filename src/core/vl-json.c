/* vl-json.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "vl-json.h"

/* The number token at @p, outside strings, as JSON has it: json-glib 1.6
 * writes a double that g_ascii_dtostr() gives in exponent form with ".0"
 * after it ("1e+18.0"), which no JSON reader accepts.
 */
static const char *
append_number (GString    *out,
               const char *p)
{
  const char *start = p;
  const char *exponent = NULL;
  gsize length;

  while (*p != '\0' && strchr ("0123456789+-.eE", *p) != NULL)
    {
      if (*p == 'e' || *p == 'E')
        exponent = p;
      p++;
    }

  length = p - start;
  if (exponent != NULL && p - exponent >= 4 && strncmp (p - 2, ".0", 2) == 0)
    length -= 2;
  g_string_append_len (out, start, length);

  return p;
}

/* Whether json-glib's text is strict JSON as it is: no U+001F, and no
 * number in exponent form (no digit right before an "e", in a string or
 * not, to keep it simple).
 */
static gboolean
is_strict_already (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\x1f')
        return FALSE;
      if ((*p == 'e' || *p == 'E') && p > text && g_ascii_isdigit (p[-1]))
        return FALSE;
    }

  return TRUE;
}

/**
 * vl_json_to_string:
 *
 * Like json_to_string(), but always strict JSON. json-glib 1.6 writes the
 * control character U+001F into strings as it is, which JSON forbids and
 * strict readers (the service, graphql-js) refuse; in UTF-8 that byte
 * stands for nothing else, so escaping every one inside strings is exact.
 * It also writes large and small doubles as "1e+18.0", which is not JSON
 * either: the ".0" goes.
 *
 * Returns: (transfer full): the JSON text
 */
char *
vl_json_to_string (JsonNode *node,
                   gboolean  pretty)
{
  g_autofree char *text = json_to_string (node, pretty);
  GString *out;
  gboolean in_string = FALSE;
  const char *p = text;

  if (is_strict_already (text))
    return g_steal_pointer (&text);

  out = g_string_sized_new (strlen (text) + 16);

  while (*p != '\0')
    {
      if (in_string && *p == '\\' && p[1] != '\0')
        {
          g_string_append_len (out, p, 2);
          p += 2;
        }
      else if (in_string && *p == '\x1f')
        {
          g_string_append (out, "\\u001f");
          p++;
        }
      else if (!in_string && (g_ascii_isdigit (*p) || *p == '-'))
        p = append_number (out, p);
      else
        {
          if (*p == '"')
            in_string = !in_string;
          g_string_append_c (out, *p);
          p++;
        }
    }

  return g_string_free (out, FALSE);
}

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, JSON_PARSER_ERROR,
                       JSON_PARSER_ERROR_INVALID_DATA, message);
  return FALSE;
}

static gboolean
is_number_char (char c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' ||
         c == 'e' || c == 'E';
}

/* Whether the number that starts at @p (at most @length bytes) keeps its
 * value when json-glib reads it.
 */
static gboolean
number_fits (const char *p,
             gsize       length,
             gsize      *used)
{
  gsize n = 0;
  gboolean integer = TRUE;
  g_autofree char *copy = NULL;

  while (n < length && is_number_char (p[n]))
    {
      if (p[n] == '.' || p[n] == 'e' || p[n] == 'E')
        integer = FALSE;
      n++;
    }
  *used = n;

  copy = g_strndup (p, n);
  errno = 0;
  if (integer)
    {
      g_ascii_strtoll (copy, NULL, 10);
      return errno != ERANGE;
    }

  /* An underflow reads as 0 or a tiny number, which is fine */
  return !isinf (g_ascii_strtod (copy, NULL));
}

/* Checks nesting and numbers before json-glib reads @data. Strict JSON is
 * followed exactly. After anything strict JSON has not (a single quote or
 * a comment, which json-glib also reads), strings are no longer told
 * apart: every "[" and "{" that follows counts as one more level, and
 * every number, even in a string, must fit, so that nothing can hide
 * from the checks.
 */
static gboolean
check_limits (const char  *data,
              gsize        length,
              GError     **error)
{
  const char *too_deep = _("The JSON is nested too deeply.");
  guint depth = 0;
  gboolean in_string = FALSE;
  gboolean strict = TRUE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (!strict && (c == '[' || c == '{'))
        {
          if (++depth > VL_JSON_MAX_DEPTH)
            return refuse (error, too_deep);
          continue;
        }

      if (!strict && !g_ascii_isdigit (c) && c != '-')
        continue;

      if (strict && in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;

        case '[':
        case '{':
          if (++depth > VL_JSON_MAX_DEPTH)
            return refuse (error, too_deep);
          break;

        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;

        case '\'':
        case '/':
        case '#':
          strict = FALSE;
          break;

        default:
          if (g_ascii_isdigit (c) || c == '-')
            {
              gsize used = 0;

              if (!number_fits (data + i, length - i, &used))
                return refuse (error, _("The JSON holds a number too large "
                                        "to be read exactly."));
              i += used - 1;
            }
          break;
        }
    }

  return TRUE;
}

/* json-glib reads octal escapes such as "\246", which JSON has not, into
 * bytes that need not be UTF-8. Nesting is bounded by now.
 */
static gboolean
is_utf8_tree (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            if (!g_utf8_validate (name, -1, NULL) || !is_utf8_tree (member))
              return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (!is_utf8_tree (json_array_get_element (array, i)))
              return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_STRING ||
             g_utf8_validate (json_node_get_string (node), -1, NULL);

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/* Whether every string json-glib reads from @data is UTF-8 when @data
 * is: escapes such as \" and \n stand for ASCII, and the others (octal,
 * \u, which can name half a surrogate pair) are left to is_utf8_tree().
 */
static gboolean
has_only_ascii_escapes (const char *data,
                        gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (data[i] != '\\')
        continue;

      if (i + 1 == length || strchr ("\"\\/bfnrt", data[i + 1]) == NULL ||
          data[i + 1] == '\0')
        return FALSE;
      i++;
    }

  return g_utf8_validate_len (data, length, NULL);
}

/**
 * vl_json_load:
 *
 * Returns: whether @parser now holds the document
 */
gboolean
vl_json_load (JsonParser  *parser,
              const char  *data,
              gssize       length,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (length < 0)
    length = strlen (data);

  if (!check_limits (data, length, error))
    return FALSE;

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      /* Its messages quote the text, decoded the same way */
      if (!g_utf8_validate (local_error->message, -1, NULL))
        {
          char *valid = g_utf8_make_valid (local_error->message, -1);

          g_free (local_error->message);
          local_error->message = valid;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root != NULL && !has_only_ascii_escapes (data, length) &&
      !is_utf8_tree (root))
    return refuse (error, _("The JSON holds text that is not UTF-8."));

  return TRUE;
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

/* vl-validate.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "vl-json.h"
#include "vl-error.h"
#include "vl-validate.h"

/* E.164 allows at most 15 digits; nothing shorter than a local number of
 * seven digits can reach anyone.
 */
#define PHONE_MIN_DIGITS 7
#define PHONE_MAX_DIGITS 15

#define EMAIL_MAX_LENGTH 254

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (VL_CLIENT_ERROR,
                                 VL_CLIENT_ERROR_INVALID_INPUT,
                                 format, args);
  va_end (args);

  return FALSE;
}

static char *
strip_copy (const char  *text,
            GError     **error)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      invalid (error, _("The text is not valid UTF-8."));
      return NULL;
    }

  return g_strstrip (g_strdup (text));
}

static gboolean
is_phone_separator (gunichar c)
{
  return g_unichar_isspace (c) || c == '-' || c == '.' ||
         c == '(' || c == ')' || c == '/';
}

/* Collects the digits of @text into @digits, keeping a leading "+". */
static gboolean
collect_phone_digits (const char  *text,
                      GString     *digits,
                      GError     **error)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char character[7] = { 0 };

      if (c == '+' && p == text)
        g_string_append_c (digits, '+');
      else if (c == '+')
        return invalid (error, _("A “+” may only start a phone number."));
      else if (g_ascii_isdigit (c))
        g_string_append_c (digits, c);
      else if (!is_phone_separator (c))
        {
          g_unichar_to_utf8 (g_unichar_isprint (c) ? c : 0xFFFD, character);
          return invalid (error,
                          _("“%s” cannot be part of a phone number. Use "
                            "digits, with spaces, dashes, dots or brackets "
                            "if you like."),
                          character);
        }
    }

  return TRUE;
}

static gboolean
check_phone (const char  *text,
             GString     *digits,
             GError     **error)
{
  guint n_digits;

  if (*text == '\0')
    return invalid (error, _("Enter a phone number."));

  if (strchr (text, '@') != NULL)
    return invalid (error,
                    _("This looks like an e-mail address: choose E-mail as "
                      "the type of this invitation."));

  if (!collect_phone_digits (text, digits, error))
    return FALSE;

  n_digits = digits->len - (digits->str[0] == '+' ? 1 : 0);
  if (n_digits < PHONE_MIN_DIGITS)
    return invalid (error,
                    _("This phone number is too short: it has %u digits, "
                      "a phone number needs at least %u."),
                    n_digits, PHONE_MIN_DIGITS);

  if (n_digits > PHONE_MAX_DIGITS)
    return invalid (error,
                    _("This phone number is too long: it has %u digits, "
                      "a phone number has at most %u."),
                    n_digits, PHONE_MAX_DIGITS);

  return TRUE;
}

/**
 * vl_normalize_phone:
 * @text: a phone number as a dispatcher pastes it
 *
 * Accepts "(222) 333-4444", "222.333.4444", "+1 222 333 4444" and the like,
 * and returns only the digits, keeping a leading "+" for an international
 * number.
 */
char *
vl_normalize_phone (const char  *text,
                    GError     **error)
{
  g_autofree char *stripped = strip_copy (text, error);
  g_autoptr(GString) digits = g_string_new (NULL);

  if (stripped == NULL || !check_phone (stripped, digits, error))
    return NULL;

  return g_string_free (g_steal_pointer (&digits), FALSE);
}

static gboolean
check_domain (const char  *domain,
              GError     **error)
{
  g_auto(GStrv) labels = NULL;

  if (*domain == '\0')
    return invalid (error,
                    _("An e-mail address needs a domain after the “@”, "
                      "as in name@example.com."));

  labels = g_strsplit (domain, ".", -1);
  if (g_strv_length (labels) < 2)
    return invalid (error,
                    _("The domain “%s” is incomplete: it needs a dot, "
                      "as in example.com."),
                    domain);

  for (guint i = 0; labels[i] != NULL; i++)
    {
      const char *label = labels[i];
      gsize length = strlen (label);

      if (length == 0 || label[0] == '-' || label[length - 1] == '-')
        return invalid (error,
                        _("The domain “%s” is not valid: check the dots "
                          "and dashes."),
                        domain);

      for (const char *p = label; *p != '\0'; p++)
        {
          /* Letters, digits and dashes; any other byte may only belong to
           * an internationalised (UTF-8) domain name.
           */
          if (!g_ascii_isalnum (*p) && *p != '-' && (guchar)*p < 0x80)
            return invalid (error,
                            _("The domain “%s” may only hold letters, "
                              "digits, dashes and dots."),
                            domain);
        }
    }

  return TRUE;
}

static gboolean
check_email (const char  *text,
             GError     **error)
{
  const char *at;

  if (*text == '\0')
    return invalid (error, _("Enter an e-mail address."));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        return invalid (error, _("An e-mail address cannot contain spaces."));
    }

  at = strrchr (text, '@');
  if (at == NULL)
    return invalid (error,
                    _("An e-mail address needs an “@”, as in "
                      "name@example.com."));

  if (at == text)
    return invalid (error,
                    _("An e-mail address needs a name before the “@”, "
                      "as in name@example.com."));

  if (strlen (text) > EMAIL_MAX_LENGTH)
    return invalid (error,
                    _("This e-mail address is too long: an address has at "
                      "most %u characters."),
                    EMAIL_MAX_LENGTH);

  return check_domain (at + 1, error);
}

/**
 * vl_normalize_email:
 * @text: an e-mail address
 *
 * Checks that the address has a local part and a domain. It is not sent
 * anywhere to be checked: the service does that when it sends the message.
 */
char *
vl_normalize_email (const char  *text,
                    GError     **error)
{
  g_autofree char *stripped = strip_copy (text, error);

  if (stripped == NULL || !check_email (stripped, error))
    return NULL;

  return g_steal_pointer (&stripped);
}

char *
vl_normalize_recipient (VlInvitationType   type,
                        const char        *text,
                        GError           **error)
{
  switch (type)
    {
    case VL_INVITATION_TYPE_SMS:
      return vl_normalize_phone (text, error);

    case VL_INVITATION_TYPE_EMAIL:
      return vl_normalize_email (text, error);

    default:
      g_return_val_if_reached (NULL);
    }
}

/* Whether json-glib's @line and @column (counted in bytes) in @text are
 * those of a comma with nothing after it but a closing bracket, the typo
 * people make most in JSON. json-glib calls it "unexpected character ',',
 * expected character ']'", in an object too.
 */
static gboolean
is_trailing_comma (const char *text,
                   guint       line,
                   guint       column,
                   char       *closing,
                   guint      *char_column)
{
  const char *start = text;
  const char *comma;
  const char *next;

  for (guint l = 1; l < line && start != NULL; l++)
    {
      start = strchr (start, '\n');
      if (start != NULL)
        start++;
    }

  if (start == NULL || column == 0 || strnlen (start, column) < column ||
      memchr (start, '\n', column - 1) != NULL)
    return FALSE;

  comma = start + column - 1;
  if (*comma != ',')
    return FALSE;

  for (next = comma + 1; g_ascii_isspace (*next); next++)
    ;
  if (*next != '}' && *next != ']')
    return FALSE;

  *closing = *next;
  *char_column = g_utf8_strlen (start, comma - start) + 1;
  return TRUE;
}

/* json-glib prefixes its messages with "<data>:LINE:COLUMN: ". */
static char *
describe_parse_error (const GError *parse_error,
                      const char   *text)
{
  const char *message = parse_error->message;
  guint line = 0;
  guint column = 0;
  guint char_column;
  int consumed = 0;
  char closing;

  if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 &&
      consumed > 0)
    {
      if (is_trailing_comma (text, line, column, &closing, &char_column))
        /* Translators: %c is "}" or "]" */
        return g_strdup_printf (_("The metadata is not valid JSON (line %u, "
                                  "column %u): a comma comes right before "
                                  "“%c”. Remove that comma."),
                                line, char_column, closing);

      message += consumed;
      if (g_str_has_prefix (message, "Parse error: "))
        message += strlen ("Parse error: ");

      return g_strdup_printf (_("The metadata is not valid JSON (line %u, "
                                "column %u): %s"),
                              line, column, message);
    }

  return g_strdup_printf (_("The metadata is not valid JSON: %s"), message);
}

/**
 * vl_parse_metadata:
 *
 * Returns: (transfer full) (nullable): the object, or %NULL for blank text
 *   (no error) or for text that is not a JSON object (with an error)
 */
JsonObject *
vl_parse_metadata (const char  *text,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *chomped = NULL;
  JsonNode *root;

  if (text == NULL)
    return NULL;

  stripped = strip_copy (text, error);
  if (stripped == NULL || *stripped == '\0')
    return NULL;

  /* Blank lines before it stay, so that the lines in messages are the
   * dispatcher's; json-glib says where the text ends without the blanks
   * after it.
   */
  chomped = g_strchomp (g_strdup (text));
  parser = json_parser_new ();
  if (!vl_json_load (parser, chomped, -1, &parse_error))
    {
      g_autofree char *message = describe_parse_error (parse_error, chomped);

      invalid (error, "%s", message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error,
               _("The metadata must be a JSON object in braces, such as "
                 "{\"key\": \"VALUE\"}."));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

char *
vl_normalize_metadata (const char  *text,
                       GError     **error)
{
  g_autoptr(JsonObject) object = vl_parse_metadata (text, error);
  g_autoptr(JsonNode) node = NULL;

  if (object == NULL)
    return NULL;

  node = json_node_init_object (json_node_alloc (), object);

  return vl_json_to_string (node, FALSE);
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * vl_url_is_loopback:
 * @url: an absolute URL
 *
 * Returns: whether @url names this computer (localhost, 127.0.0.0/8 or
 *   ::1); %FALSE for anything else, an invalid URL included
 */
gboolean
vl_url_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL &&
         is_loopback_host (g_uri_get_host (uri));
}

gboolean
vl_check_link (const char  *link,
               GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (link == NULL || *link == '\0')
    return invalid (error, _("The service returned no link for this call."));

  uri = g_uri_parse (link, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return invalid (error,
                    _("The link the service returned is not a valid web "
                      "address, so it was not opened."));

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    return invalid (error,
                    _("The link the service returned has no host, so it "
                      "was not opened."));

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0 && is_loopback_host (host))
    return TRUE;

  return invalid (error,
                  _("Only secure web links (https) are opened; the service "
                    "returned a “%s” link, so it was not opened."),
                  scheme);
}

/**
 * vl_json_node_to_compact:
 *
 * Returns: a string value as it is, anything else as compact JSON
 */
char *
vl_json_node_to_compact (JsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));

  return vl_json_to_string (node, FALSE);
}

void
vl_metadata_entry_free (VlMetadataEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->key);
  g_free (entry->value);
  g_free (entry);
}

/**
 * vl_metadata_split:
 *
 * Returns: (transfer full) (nullable) (element-type VlMetadataEntry): the
 *   entries, or %NULL when @text is not a JSON object
 */
GPtrArray *
vl_metadata_split (const char *text)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  JsonNode *root;

  entries = g_ptr_array_new_with_free_func (
      (GDestroyNotify) vl_metadata_entry_free);
  if (text == NULL || *text == '\0')
    return g_steal_pointer (&entries);

  parser = json_parser_new ();
  if (!vl_json_load (parser, text, -1, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  /* In the order of the text, which an iterator does not keep */
  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      VlMetadataEntry *entry = g_new0 (VlMetadataEntry, 1);
      JsonNode *node = json_object_get_member (object, l->data);

      entry->key = g_strdup (l->data);
      entry->value = vl_json_node_to_compact (node);
      g_ptr_array_add (entries, entry);
    }

  return g_steal_pointer (&entries);
}

gboolean
vl_check_service_url (const char  *url,
                      GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL || *url == '\0')
    return invalid (error, _("The service address is empty."));

  /* The messages below quote it */
  if (!g_utf8_validate (url, -1, NULL))
    return invalid (error, _("The service address is not valid UTF-8."));

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      *g_uri_get_host (uri) == '\0')
    return invalid (error,
                    _("“%s” is not a web address. Enter it in full, as in "
                      "https://example.com/graphql."),
                    url);

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0 && is_loopback_host (host))
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    return invalid (error,
                    _("“%s” is not encrypted. Use an https address: plain "
                      "http is only allowed to this computer."),
                    url);

  return invalid (error,
                  _("“%s” is not a web address the service can have: use "
                    "https."),
                  url);
}

/**
 * vl_normalize_work_order_part:
 * @text: (nullable): a namespace or an id of a work order, as typed
 *
 * Strips white space from both ends. The rest must be valid UTF-8 of at
 * most 4096 bytes, with no control character and no invisible formatting
 * character (a right-to-left override can make one work order look like
 * another).
 *
 * Returns: the value to send, "" when @text is blank or %NULL; or %NULL
 *   with an error that says what to fix
 */
char *
vl_normalize_work_order_part (const char  *text,
                              GError     **error)
{
  g_autofree char *value = NULL;

  if (text == NULL)
    return g_strdup ("");

  if (!g_utf8_validate (text, -1, NULL))
    {
      invalid (error, _("It is not valid text (UTF-8)."));
      return NULL;
    }

  value = g_strstrip (g_strdup (text));

  if (strlen (value) > VL_MAX_WORK_ORDER_PART)
    {
      invalid (error, _("It is longer than %d bytes."),
               VL_MAX_WORK_ORDER_PART);
      return NULL;
    }

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        {
          invalid (error, _("It contains a control character (U+%04X): "
                            "type it again rather than pasting it."), c);
          return NULL;
        }

      if (g_unichar_type (c) == G_UNICODE_FORMAT)
        {
          invalid (error, _("It contains an invisible formatting character "
                            "(U+%04X), which can make it look like "
                            "something else."), c);
          return NULL;
        }
    }

  return g_steal_pointer (&value);
}

static gboolean
looks_like_call_id (const char *text)
{
  if (!g_str_has_prefix (text, "call-") || text[5] == '\0')
    return FALSE;

  for (const char *p = text + 5; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        return FALSE;
    }

  return TRUE;
}

/**
 * vl_call_id_from_text:
 * @text: what the dispatcher pasted to find a call: its id, or its link
 *
 * Dispatchers keep links more often than ids. A web link gives the call
 * id found in it (a part of its path, or a value of its query, that
 * starts with "call-"); anything else is taken as the id, stripped of
 * white space.
 *
 * Returns: the id to look up, or %NULL with an error when @text is a
 *   link with no call id in it
 */
char *
vl_call_id_from_text (const char  *text,
                      GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autoptr(GUri) uri = NULL;
  g_auto(GStrv) parts = NULL;
  const char *scheme;

  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  uri = g_uri_parse (stripped, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  if (scheme == NULL || (g_ascii_strcasecmp (scheme, "https") != 0 &&
                         g_ascii_strcasecmp (scheme, "http") != 0))
    return g_steal_pointer (&stripped);

  parts = g_strsplit_set (g_uri_get_path (uri), "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (looks_like_call_id (parts[i]))
        return g_strdup (parts[i]);
    }

  if (g_uri_get_query (uri) != NULL)
    {
      g_auto(GStrv) pairs = g_strsplit_set (g_uri_get_query (uri), "&=", -1);

      for (guint i = 0; pairs[i] != NULL; i++)
        {
          if (looks_like_call_id (pairs[i]))
            return g_strdup (pairs[i]);
        }
    }

  invalid (error, _("This link has no call ID in it. Paste the call’s ID, "
                    "which starts with “call-”."));
  return NULL;
}

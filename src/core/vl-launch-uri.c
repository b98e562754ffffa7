/* vl-launch-uri.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vl-error.h"
#include "vl-launch-uri.h"
#include "vl-validate.h"

#define ACTION_PREPARE      "prepare"

#define MAX_URI_KB          100
#define MAX_URI_LENGTH      (MAX_URI_KB * 1024)
#define MAX_VALUE_LENGTH    4096
#define MAX_METADATA_LENGTH (64 * 1024)
#define MAX_INVITATIONS     50

/* How much of a value an error message quotes. */
#define EXCERPT_CHARS       40

#define KEY_NAMESPACE "namespace"
#define KEY_ID        "id"
#define KEY_METADATA  "metadata"

/* What has been read of a link so far. */
typedef struct
{
  VlCall   *draft;
  guint     n_invitations;
  gboolean  seen_metadata;
  char     *namespace_;
  char     *id;
} Reader;

static void
reader_clear (Reader *reader)
{
  g_clear_object (&reader->draft);
  g_clear_pointer (&reader->namespace_, g_free);
  g_clear_pointer (&reader->id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

static gboolean
refuse (GError     **error,
        const char  *format,
        ...) G_GNUC_PRINTF (2, 3);

/* Every message starts the same way, so that the dispatcher knows at once
 * that nothing was filled in and nothing was sent.
 */
static gboolean
refuse (GError     **error,
        const char  *format,
        ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_INVALID_INPUT,
               /* Translators: %s is one of the reasons below, which
                * start in lower case and end with a full stop.
                */
               _("This link cannot be used: %s"), reason);

  return FALSE;
}

static gboolean
is_invisible (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return TRUE;

    default:
      return FALSE;
    }
}

/* The start of @text, safe to quote in a message: valid UTF-8, nothing
 * invisible, and short.
 */
static char *
excerpt (const char *text,
         gssize      length)
{
  g_autofree char *valid = g_utf8_make_valid (text, length);
  GString *result = g_string_new (NULL);
  guint n_chars = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n_chars++ == EXCERPT_CHARS)
        {
          g_string_append (result, "…");
          break;
        }

      g_string_append_unichar (result, is_invisible (c) ? 0xFFFD : c);
    }

  return g_string_free (result, FALSE);
}

static gboolean
check_length (const char  *key,
              gsize        length,
              GError     **error)
{
  guint limit = MAX_VALUE_LENGTH;

  if (g_str_equal (key, KEY_METADATA))
    limit = MAX_METADATA_LENGTH;

  /* The whole link is at most MAX_URI_LENGTH: a length fits in a guint. */
  if (length > limit)
    return refuse (error,
                   _("the value of “%s” is too long (%u bytes, at most %u "
                     "are allowed)."),
                   key, (guint) length, limit);

  return TRUE;
}

/* Metadata is JSON: tabs and line breaks may separate its tokens, and
 * anything else goes inside strings as text.
 */
static gboolean
check_metadata_chars (const char  *text,
                      GError     **error)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_iscntrl (*p) && *p != '\t' && *p != '\n' && *p != '\r')
        return refuse (error,
                       _("the value of “%s” contains a control character."),
                       KEY_METADATA);
    }

  return TRUE;
}

static gboolean
check_plain_chars (const char  *key,
                   const char  *text,
                   GError     **error)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_CONTROL)
        return refuse (error,
                       _("the value of “%s” contains a control character."),
                       key);

      if (is_invisible (c))
        return refuse (error,
                       _("the value of “%s” contains an invisible formatting "
                         "character."),
                       key);

      if (c == '<' || c == '>')
        return refuse (error,
                       _("the value of “%s” contains “<” or “>”, which it "
                         "can never hold."),
                       key);
    }

  return TRUE;
}

/* Percent-decodes one value and checks that it is text fit for @key.
 * A "+" stays a "+" (see the header).
 */
static char *
decode_value (const char  *key,
              const char  *raw,
              GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length;
  g_autofree char *text = NULL;

  bytes = g_uri_unescape_bytes (raw, -1, NULL, NULL);
  if (bytes == NULL)
    {
      refuse (error, _("the value of “%s” is not correctly encoded."), key);
      return NULL;
    }

  /* GBytes may hold no pointer at all for an empty value. */
  data = g_bytes_get_data (bytes, &length);
  if (length == 0)
    {
      refuse (error, _("the value of “%s” is empty."), key);
      return NULL;
    }

  if (!check_length (key, length, error))
    return NULL;

  if (memchr (data, '\0', length) != NULL)
    {
      refuse (error, _("the value of “%s” contains a null character."), key);
      return NULL;
    }

  if (!g_utf8_validate (data, length, NULL))
    {
      refuse (error,
              _("the value of “%s” is not valid text (UTF-8)."), key);
      return NULL;
    }

  text = g_strndup (data, length);
  if (g_str_equal (key, KEY_METADATA))
    {
      if (!check_metadata_chars (text, error))
        return NULL;
    }
  else if (!check_plain_chars (key, text, error))
    return NULL;

  g_strstrip (text);
  if (*text == '\0')
    {
      refuse (error, _("the value of “%s” is empty."), key);
      return NULL;
    }

  return g_steal_pointer (&text);
}

/* The key of a pair, in lower case, or %NULL when it is not one of ours. */
static char *
decode_key (const char  *raw,
            GError     **error)
{
  g_autoptr(GBytes) bytes = g_uri_unescape_bytes (raw, -1, NULL, NULL);
  const char *data;
  gsize length;
  g_autofree char *key = NULL;
  g_autofree char *quoted = NULL;

  if (bytes == NULL)
    {
      refuse (error, _("one of its names is not correctly encoded."));
      return NULL;
    }

  data = g_bytes_get_data (bytes, &length);
  if (length == 0)
    data = "";

  if (memchr (data, '\0', length) == NULL)
    {
      key = g_ascii_strdown (data, length);

      if (vl_invitation_type_from_string (key, NULL) ||
          g_str_equal (key, KEY_NAMESPACE) ||
          g_str_equal (key, KEY_ID) ||
          g_str_equal (key, KEY_METADATA))
        return g_steal_pointer (&key);
    }

  quoted = excerpt (data, length);
  refuse (error,
          _("it contains “%s”, which Vision Live Launcher does not know. "
            "A link can only contain sms, email, namespace, id and "
            "metadata."),
          quoted);

  return NULL;
}

static gboolean
add_invitation (Reader            *reader,
                VlInvitationType   type,
                const char        *text,
                GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(VlInvitation) invitation = NULL;
  g_autofree char *recipient = NULL;
  g_autofree char *quoted = NULL;

  if (reader->n_invitations == MAX_INVITATIONS)
    return refuse (error,
                   _("it has more than %u invitations."), MAX_INVITATIONS);

  recipient = vl_normalize_recipient (type, text, &local_error);
  if (recipient == NULL)
    {
      quoted = excerpt (text, -1);
      if (type == VL_INVITATION_TYPE_SMS)
        return refuse (error, _("the phone number “%s” is not valid. %s"),
                       quoted, local_error->message);
      else
        return refuse (error, _("the e-mail address “%s” is not valid. %s"),
                       quoted, local_error->message);
    }

  invitation = vl_invitation_new (type, recipient);
  vl_call_add_invitation (reader->draft, invitation);
  reader->n_invitations++;

  return TRUE;
}

static gboolean
set_metadata (Reader      *reader,
              const char  *text,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *metadata = NULL;

  metadata = vl_normalize_metadata (text, &local_error);
  if (metadata == NULL)
    {
      /* Blank text was refused before: an error is always set here. */
      return refuse (error, _("its metadata is wrong. %s"),
                     local_error != NULL ? local_error->message : "");
    }

  vl_call_set_metadata_json (reader->draft, metadata);
  reader->seen_metadata = TRUE;

  return TRUE;
}

static gboolean
is_repeated (Reader     *reader,
             const char *key)
{
  if (g_str_equal (key, KEY_NAMESPACE))
    return reader->namespace_ != NULL;

  if (g_str_equal (key, KEY_ID))
    return reader->id != NULL;

  if (g_str_equal (key, KEY_METADATA))
    return reader->seen_metadata;

  return FALSE;
}

static gboolean
read_pair (Reader      *reader,
           const char  *pair,
           GError     **error)
{
  const char *equals = strchr (pair, '=');
  g_autofree char *raw_key = g_strndup (pair, equals != NULL ?
                                              (gsize) (equals - pair) :
                                              strlen (pair));
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  VlInvitationType type;

  key = decode_key (raw_key, error);
  if (key == NULL)
    return FALSE;

  if (equals == NULL)
    return refuse (error, _("“%s” has no value."), key);

  if (is_repeated (reader, key))
    return refuse (error,
                   _("it gives “%s” more than once, but there can only be "
                     "one."),
                   key);

  value = decode_value (key, equals + 1, error);
  if (value == NULL)
    return FALSE;

  if (vl_invitation_type_from_string (key, &type))
    return add_invitation (reader, type, value, error);

  if (g_str_equal (key, KEY_NAMESPACE))
    reader->namespace_ = g_steal_pointer (&value);
  else if (g_str_equal (key, KEY_ID))
    reader->id = g_steal_pointer (&value);
  else
    return set_metadata (reader, value, error);

  return TRUE;
}

/* The pairs are split by hand rather than with g_uri_parse_params(): its
 * hash table loses the order of the invitations and all but one of each,
 * and its errors do not say which value is wrong.
 */
static gboolean
read_query (Reader      *reader,
            const char  *query,
            GError     **error)
{
  g_auto(GStrv) pairs = NULL;

  if (query == NULL)
    return TRUE;

  pairs = g_strsplit (query, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      if (pairs[i][0] == '\0')
        continue;

      if (!read_pair (reader, pairs[i], error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_complete (Reader  *reader,
                GError **error)
{
  if (reader->namespace_ != NULL && reader->id == NULL)
    return refuse (error,
                   _("it gives the namespace of a work order but not its "
                     "id. Give both or neither."));

  if (reader->namespace_ == NULL && reader->id != NULL)
    return refuse (error,
                   _("it gives the id of a work order but not its "
                     "namespace. Give both or neither."));

  if (reader->n_invitations == 0 && reader->id == NULL &&
      !reader->seen_metadata)
    return refuse (error, _("it carries nothing to fill in."));

  vl_call_set_integration (reader->draft, reader->namespace_, reader->id);

  return TRUE;
}

/* "vision-live:prepare" has the action as its path;
 * "vision-live://prepare/" as its host.
 */
static gboolean
check_action (GUri    *uri,
              GError **error)
{
  const char *host = g_uri_get_host (uri);
  const char *path = g_uri_get_path (uri);
  g_autofree char *action = NULL;
  g_autofree char *quoted = NULL;

  if (g_uri_get_userinfo (uri) != NULL || g_uri_get_port (uri) != -1)
    return refuse (error,
                   _("it has a user name or a port, which Vision Live "
                     "Launcher links never have."));

  if (g_uri_get_fragment (uri) != NULL)
    return refuse (error,
                   _("it has a part after “#”, which Vision Live Launcher "
                     "links never have."));

  /* With gvfs running, GIO hands "vision-live:prepare?..." over as
   * "vision-live:///prepare?...": no host, the action as the path.
   */
  if (host != NULL && *host == '\0' && path[0] == '/')
    {
      action = g_strdup (path + 1);
      if (g_str_has_suffix (action, "/"))
        action[strlen (action) - 1] = '\0';
    }
  else if (host == NULL)
    action = g_strdup (path);
  else if (*path == '\0' || g_str_equal (path, "/"))
    action = g_strdup (host);
  else
    action = g_strconcat (host, path, NULL);

  if (g_ascii_strcasecmp (action, ACTION_PREPARE) == 0)
    return TRUE;

  quoted = excerpt (action, -1);

  return refuse (error,
                 _("it asks for “%s”, which this version of Vision Live "
                   "Launcher does not know. Only “%s” links can be used."),
                 quoted, ACTION_PREPARE);
}

/**
 * vl_launch_uri_parse:
 * @uri: a link from another program
 *
 * Returns: (transfer full) (nullable): the draft the link fills in
 */
VlCall *
vl_launch_uri_parse (const char  *uri,
                     GError     **error)
{
  g_auto(Reader) reader = { NULL, };
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *quoted = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  /* Measured without reading past the limit. */
  if (memchr (uri, '\0', MAX_URI_LENGTH + 1) == NULL)
    {
      refuse (error, _("it is longer than %u kB."), MAX_URI_KB);
      return NULL;
    }

  /* GLib's messages quote the part they could not read as it is */
  if (!g_utf8_validate (uri, -1, NULL))
    {
      refuse (error, _("it is not valid text (UTF-8)."));
      return NULL;
    }

  /* The query stays encoded: a "%26" inside a value is not a separator. */
  parsed = g_uri_parse (uri,
                        G_URI_FLAGS_ENCODED_QUERY |
                        G_URI_FLAGS_ENCODED_PATH |
                        G_URI_FLAGS_ENCODED_FRAGMENT,
                        &parse_error);
  if (parsed == NULL)
    {
      refuse (error, _("it is not a valid link (%s)."), parse_error->message);
      return NULL;
    }

  if (g_ascii_strcasecmp (g_uri_get_scheme (parsed),
                          VL_LAUNCH_URI_SCHEME) != 0)
    {
      quoted = excerpt (g_uri_get_scheme (parsed), -1);
      refuse (error,
              _("it is a “%s:” link, not a Vision Live Launcher link "
                "(%s:)."),
              quoted, VL_LAUNCH_URI_SCHEME);
      return NULL;
    }

  if (!check_action (parsed, error))
    return NULL;

  reader.draft = vl_call_new ();
  if (!read_query (&reader, g_uri_get_query (parsed), error) ||
      !check_complete (&reader, error))
    return NULL;

  return g_steal_pointer (&reader.draft);
}

static void
append_pair (GString    *uri,
             const char *key,
             const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  /* The prefix has no "?" and escaped values cannot have one. */
  g_string_append_c (uri, strchr (uri->str, '?') != NULL ? '&' : '?');
  g_string_append (uri, key);
  g_string_append_c (uri, '=');
  g_string_append (uri, escaped);
}

/**
 * vl_launch_uri_build:
 * @draft: a draft call
 *
 * Returns: (transfer full): a link that fills in @draft
 */
char *
vl_launch_uri_build (VlCall *draft)
{
  GListModel *invitations;
  GString *uri;

  g_return_val_if_fail (VL_IS_CALL (draft), NULL);

  uri = g_string_new (VL_LAUNCH_URI_SCHEME ":" ACTION_PREPARE);

  invitations = vl_call_get_invitations (draft);
  for (guint i = 0; i < g_list_model_get_n_items (invitations); i++)
    {
      g_autoptr(VlInvitation) invitation = g_list_model_get_item (invitations,
                                                                  i);
      VlInvitationType type = vl_invitation_get_kind (invitation);

      append_pair (uri, vl_invitation_type_to_string (type),
                   vl_invitation_get_recipient (invitation));
    }

  if (vl_call_has_integration (draft))
    {
      append_pair (uri, KEY_NAMESPACE,
                   vl_call_get_integration_namespace (draft));
      append_pair (uri, KEY_ID, vl_call_get_integration_id (draft));
    }

  if (vl_call_get_metadata_json (draft) != NULL)
    append_pair (uri, KEY_METADATA, vl_call_get_metadata_json (draft));

  return g_string_free (uri, FALSE);
}

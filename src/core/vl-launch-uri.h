/* vl-launch-uri.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vl-call.h"

G_BEGIN_DECLS

/* The URI scheme the desktop file registers
 * (MimeType=x-scheme-handler/vision-live).
 */
#define VL_LAUNCH_URI_SCHEME "vision-live"

/* Links from other programs (a dispatch web page, a field-service system)
 * that open the form filled in:
 *
 *   vision-live:prepare?sms=2223334444&namespace=acme&id=WO-1&metadata=...
 *
 * A link never sends anything by itself: the caller shows the draft for the
 * dispatcher to check, and Start Call does the rest.
 *
 * Form: "vision-live:prepare" and "vision-live://prepare" (with an optional
 * "/" after it) are the same link; scheme and action may be in any case.
 * Any other action, a user name, a port or a "#" part is refused.
 *
 * Query: pairs separated by "&", each "key=value". Keys are sms, email,
 * namespace, id and metadata, in any case; any other key is refused by
 * name. sms and email may be repeated and give the invitations in their
 * order (at most 50); namespace, id and metadata may appear once. namespace
 * and id go together. Empty pairs ("&&", a trailing "&") are ignored; a key
 * with no "=" or an empty value is refused.
 *
 * Encoding: values are percent-encoded UTF-8, as RFC 3986 has it and as
 * JavaScript's encodeURIComponent() writes them. A "+" is a plus sign, not
 * a space ("sms=+12223334444" and "sms=%2B12223334444" are the same number):
 * a phone number's leading "+" must survive links written by hand. A space
 * is "%20"; links made by HTML form submission or URLSearchParams, which
 * write spaces as "+", keep those "+" as they are.
 *
 * Limits: the whole link at most 100 KiB (longer ones are refused before
 * they are parsed); each value at most 4096 bytes once decoded, metadata at
 * most 64 KiB. Values must be valid UTF-8 with no NUL or control character
 * (metadata may have tabs and line breaks between its JSON tokens).
 * Recipients, namespace and id may not hold "<", ">" or invisible
 * formatting characters (such as right-to-left overrides): nothing
 * legitimate there needs them, and they can make a value look like
 * something else. Metadata may hold any text inside its JSON strings; it is
 * data, shown as text and never interpreted.
 *
 * Values are checked as the form checks them: recipients with
 * vl_normalize_recipient(), metadata with vl_normalize_metadata() (a JSON
 * object), namespace and id stripped of surrounding white space.
 */

/* Returns a draft call (no id, link or source), or %NULL with a
 * #VL_CLIENT_ERROR_INVALID_INPUT error whose message starts with "This link
 * cannot be used:" and says what is wrong. A link that fills in nothing is
 * refused; a work order or metadata alone is enough.
 */
VlCall *vl_launch_uri_parse (const char  *uri,
                             GError     **error);

/* The link that vl_launch_uri_parse() reads back as @draft: invitations in
 * order, then namespace, id and the metadata JSON, every value
 * percent-encoded so that the link is plain ASCII. A draft with nothing in
 * it gives "vision-live:prepare", which the parser refuses.
 */
char   *vl_launch_uri_build (VlCall      *draft);

G_END_DECLS

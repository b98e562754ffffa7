/* vl-validate.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vl-invitation.h"

G_BEGIN_DECLS

/* Each returns the value to send (a newly allocated string), or %NULL with a
 * #VL_CLIENT_ERROR_INVALID_INPUT error whose message says what to fix.
 */
char       *vl_normalize_phone     (const char        *text,
                                    GError           **error);
char       *vl_normalize_email     (const char        *text,
                                    GError           **error);
char       *vl_normalize_recipient (VlInvitationType   type,
                                    const char        *text,
                                    GError           **error);

/* Parses metadata typed as raw JSON. It must be a JSON object; empty or
 * blank text means "no metadata" and returns %NULL without an error.
 */
JsonObject *vl_parse_metadata      (const char        *text,
                                    GError           **error);

/* The metadata to send: @text checked with vl_parse_metadata() and written
 * out again as compact, strict JSON (json-glib also reads some things that
 * are not JSON, such as single quotes). %NULL for blank text.
 */
char       *vl_normalize_metadata  (const char        *text,
                                    GError           **error);

/* Whether a link from the service may be handed to the browser: https, or
 * http to this machine only (the demo backend). Anything else, including
 * javascript: and file: links, fails with a message saying why.
 */
gboolean    vl_check_link          (const char        *link,
                                    GError           **error);

/* Whether the application may talk to a service at @url: https, or plain
 * http to this machine only.
 */
gboolean    vl_check_service_url   (const char        *url,
                                    GError           **error);

gboolean    vl_url_is_loopback     (const char        *url);

/* Compact JSON for showing a nested metadata value on one line. */
char       *vl_json_node_to_compact (JsonNode         *node);

/* One member of a call's metadata, as the call view shows it. */
typedef struct
{
  char *key;
  char *value;
} VlMetadataEntry;

void        vl_metadata_entry_free (VlMetadataEntry  *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VlMetadataEntry, vl_metadata_entry_free)

/* Splits a call's metadata JSON (the service stores any string) into one
 * entry per member, in order: string values as they are, any other value as
 * compact JSON. Empty for no metadata or an empty object; %NULL when @text
 * is not a JSON object, which is then best shown as it came.
 */
GPtrArray  *vl_metadata_split      (const char       *text);

/* The longest namespace or id of a work order, in bytes */
#define VL_MAX_WORK_ORDER_PART 4096

char       *vl_normalize_work_order_part (const char *text,
                                          GError    **error);

char       *vl_call_id_from_text  (const char *text,
                                   GError    **error);

G_END_DECLS

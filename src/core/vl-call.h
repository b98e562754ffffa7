/* vl-call.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "vl-invitation.h"

G_BEGIN_DECLS

#define VL_TYPE_CALL (vl_call_get_type ())

G_DECLARE_FINAL_TYPE (VlCall, vl_call, VL, CALL, GObject)

/* A Vision Live call. Before it is prepared the same object holds the
 * dispatcher's draft: its id, link and source JSON are then %NULL.
 */
VlCall      *vl_call_new                   (void);
VlCall      *vl_call_new_from_json         (JsonNode      *node,
                                            GError       **error);

const char  *vl_call_get_id                (VlCall        *self);
void         vl_call_set_id                (VlCall        *self,
                                            const char    *id);
GListModel  *vl_call_get_invitations       (VlCall        *self);
void         vl_call_add_invitation        (VlCall        *self,
                                            VlInvitation  *invitation);
const char  *vl_call_get_integration_namespace (VlCall    *self);
const char  *vl_call_get_integration_id    (VlCall        *self);
void         vl_call_set_integration       (VlCall        *self,
                                            const char    *namespace_,
                                            const char    *id);
gboolean     vl_call_has_integration       (VlCall        *self);
char        *vl_call_dup_recipients        (VlCall        *self,
                                            const char    *separator);
const char  *vl_call_get_metadata_json     (VlCall        *self);
void         vl_call_set_metadata_json     (VlCall        *self,
                                            const char    *metadata_json);
JsonObject  *vl_call_get_metadata          (VlCall        *self);
const char  *vl_call_get_link              (VlCall        *self);
void         vl_call_set_link              (VlCall        *self,
                                            const char    *link);
GDateTime   *vl_call_get_prepared_at       (VlCall        *self);
void         vl_call_set_prepared_at       (VlCall        *self,
                                            GDateTime     *prepared_at);
const char  *vl_call_get_environment       (VlCall        *self);
void         vl_call_set_environment       (VlCall        *self,
                                            const char    *environment);
const char  *vl_call_get_service_notice    (VlCall        *self);
void         vl_call_set_service_notice    (VlCall        *self,
                                            const char    *notice);
JsonNode    *vl_call_get_source            (VlCall        *self);

G_END_DECLS

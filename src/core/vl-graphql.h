/* vl-graphql.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vl-call.h"

G_BEGIN_DECLS

/* The only GraphQL documents the application sends. User text never goes
 * into them: it travels in the "variables" member of the request body.
 */
extern const char VL_GRAPHQL_PREPARE_DOCUMENT[];
extern const char VL_GRAPHQL_GET_DOCUMENT[];

#define VL_GRAPHQL_PREPARE_OPERATION "PrepareVisionLiveCall"
#define VL_GRAPHQL_GET_OPERATION     "GetVisionLiveCall"

/* Request bodies, as complete JSON documents ready to POST. */
JsonNode *vl_graphql_build_prepare_request (VlCall        *draft);
JsonNode *vl_graphql_build_get_request     (const char    *call_id);

/* Reads a GraphQL answer for @field ("prepareVisionLiveCall" or
 * "getVisionLiveCall") into a call. Errors are in #VL_CLIENT_ERROR:
 * GRAPHQL with the service's messages word for word, NOT_AUTHORIZED when
 * they say so, BAD_ANSWER for anything that is not a usable answer.
 */
VlCall   *vl_graphql_parse_call_response   (GBytes        *body,
                                            const char    *field,
                                            GError       **error);

G_END_DECLS

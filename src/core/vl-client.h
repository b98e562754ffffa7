/* vl-client.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vl-call.h"

G_BEGIN_DECLS

#define VL_TYPE_CLIENT (vl_client_get_type ())

G_DECLARE_FINAL_TYPE (VlClient, vl_client, VL, CLIENT, GObject)

/* Talks to one environment: a GraphQL endpoint and its token endpoint.
 * Every operation is asynchronous and cancellable; the token is fetched on
 * first use, kept in memory only, shared by concurrent requests, renewed
 * before it expires and fetched again once when the service refuses it.
 */
VlClient   *vl_client_new                (const char          *environment,
                                          const char          *graphql_url,
                                          const char          *token_url);
const char *vl_client_get_environment    (VlClient            *self);
const char *vl_client_get_graphql_url    (VlClient            *self);
const char *vl_client_get_token_url      (VlClient            *self);
void        vl_client_set_credentials    (VlClient            *self,
                                          const char          *api_key,
                                          const char          *api_secret);
gboolean    vl_client_has_credentials    (VlClient            *self);
void        vl_client_set_timeout        (VlClient            *self,
                                          guint                seconds);
void        vl_client_set_token_lifetime (VlClient            *self,
                                          GTimeSpan            lifetime);

void        vl_client_prepare_call_async  (VlClient            *self,
                                           VlCall              *draft,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
VlCall     *vl_client_prepare_call_finish (VlClient            *self,
                                           GAsyncResult        *result,
                                           GError             **error);
void        vl_client_get_call_async      (VlClient            *self,
                                           const char          *call_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
VlCall     *vl_client_get_call_finish     (VlClient            *self,
                                           GAsyncResult        *result,
                                           GError             **error);
void        vl_client_check_token_async   (VlClient            *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    vl_client_check_token_finish  (VlClient            *self,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS

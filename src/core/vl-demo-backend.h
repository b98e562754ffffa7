/* vl-demo-backend.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The credentials the demo backend accepts. They are not secrets: anyone
 * may try the application with them, and the demo mode uses them itself.
 */
#define VL_DEMO_API_KEY    "demo-api-key"
#define VL_DEMO_API_SECRET "demo-api-secret"

#define VL_TYPE_DEMO_BACKEND (vl_demo_backend_get_type ())

G_DECLARE_FINAL_TYPE (VlDemoBackend, vl_demo_backend, VL, DEMO_BACKEND, GObject)

/* An in-process stand-in for the XOi services on 127.0.0.1 (a free port):
 * a token endpoint, a GraphQL endpoint for both operations, and an HTML page
 * at each call's link. It validates requests as the real service would and
 * has knobs the tests use to make it misbehave.
 */
VlDemoBackend *vl_demo_backend_new                 (void);
gboolean       vl_demo_backend_start               (VlDemoBackend  *self,
                                                    GError        **error);
const char    *vl_demo_backend_get_graphql_url     (VlDemoBackend  *self);
const char    *vl_demo_backend_get_token_url       (VlDemoBackend  *self);
const char    *vl_demo_backend_get_base_url        (VlDemoBackend  *self);
void           vl_demo_backend_set_storage_dir     (VlDemoBackend  *self,
                                                    const char     *dir);

/* Knobs for tests. */
void           vl_demo_backend_set_token_lifetime  (VlDemoBackend  *self,
                                                    GTimeSpan       lifetime);
void           vl_demo_backend_revoke_tokens       (VlDemoBackend  *self);
void           vl_demo_backend_fail_next           (VlDemoBackend  *self,
                                                    guint           count,
                                                    guint           status);
void           vl_demo_backend_set_omit_link       (VlDemoBackend  *self,
                                                    gboolean        omit_link);
void           vl_demo_backend_set_token_delay     (VlDemoBackend  *self,
                                                    guint           msec);
guint          vl_demo_backend_get_token_requests  (VlDemoBackend  *self);
guint          vl_demo_backend_get_graphql_requests (VlDemoBackend *self);
const char    *vl_demo_backend_get_last_authorization (VlDemoBackend *self);
const char    *vl_demo_backend_get_last_request_body  (VlDemoBackend *self);

G_END_DECLS

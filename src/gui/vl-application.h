/* vl-application.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vl-client.h"
#include "vl-demo-backend.h"

G_BEGIN_DECLS

#define VL_TYPE_APPLICATION (vl_application_get_type ())

G_DECLARE_FINAL_TYPE (VlApplication, vl_application,
                      VL, APPLICATION, AdwApplication)

/* Hands a checked link to whatever opens it. The default one opens the
 * browser; tests replace it.
 */
typedef void (*VlUriHandler) (const char *uri,
                              gpointer    user_data);

VlApplication *vl_application_new                (void);

/* The id of the environment in use ("demo"). */
const char    *vl_application_get_environment    (VlApplication  *self);

/* The client of the environment in use, or %NULL when it could not be
 * set up (the reason is then shown to the dispatcher).
 */
VlClient      *vl_application_get_client         (VlApplication  *self);

/* The built-in demo service, or %NULL when another environment is used. */
VlDemoBackend *vl_application_get_demo_backend   (VlApplication  *self);

void           vl_application_set_uri_handler    (VlApplication  *self,
                                                  VlUriHandler    handler,
                                                  gpointer        user_data);

/* Checks @uri with vl_check_link() and hands it to the URI handler, or
 * to the browser with @parent as the parent window.
 */
void           vl_application_open_uri_async     (VlApplication  *self,
                                                  GtkWindow      *parent,
                                                  const char     *uri,
                                                  GCancellable   *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer        user_data);
gboolean       vl_application_open_uri_finish    (VlApplication  *self,
                                                  GAsyncResult   *result,
                                                  GError        **error);

G_END_DECLS

/* vl-application.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vl-client.h"
#include "vl-demo-backend.h"
#include "vl-environment.h"
#include "vl-history.h"

G_BEGIN_DECLS

#define VL_TYPE_APPLICATION (vl_application_get_type ())

G_DECLARE_FINAL_TYPE (VlApplication, vl_application,
                      VL, APPLICATION, AdwApplication)

/* Hands a checked link to whatever opens it, and says whether that
 * worked. The default one opens the browser; tests replace it.
 */
typedef gboolean (*VlUriHandler) (const char  *uri,
                                  gpointer     user_data,
                                  GError     **error);

VlApplication *vl_application_new                (void);

/* The environment calls go to. It changes through the "app.environment"
 * action, which also remembers the choice; "--environment" chooses it
 * for one run only.
 */
VlEnvironment  vl_application_get_environment    (VlApplication  *self);

/* The client of the environment in use, or %NULL when it could not be
 * set up; vl_application_get_client_problem() then says why, in words
 * that say what to do. A new client replaces the old one (notify::client)
 * whenever the environment or its addresses change.
 */
VlClient      *vl_application_get_client         (VlApplication  *self);
const char    *vl_application_get_client_problem (VlApplication  *self);

/* Why the key and secret of the environment in use could not be read
 * (no keyring, a damaged item), or %NULL.
 */
const char    *vl_application_get_credentials_problem (VlApplication *self);

/* The built-in demo service, or %NULL until the demo is first used. */
VlDemoBackend *vl_application_get_demo_backend   (VlApplication  *self);

/* The addresses of the custom environment: from the command line, or
 * else from the settings. Setting them saves them in the settings.
 */
const char    *vl_application_get_custom_graphql_url (VlApplication *self);
const char    *vl_application_get_custom_token_url   (VlApplication *self);
void           vl_application_set_custom_urls    (VlApplication  *self,
                                                  const char     *graphql_url,
                                                  const char     *token_url);

/* Whether VISION_LIVE_API_KEY and VISION_LIVE_API_SECRET are set; they
 * then take the place of what is stored, in every environment.
 */
gboolean       vl_application_get_uses_environment_variables
                                                 (VlApplication  *self);

/* Tells the application about new credentials for @environment: stored
 * in the keyring already, or, with @session_only, to be kept in memory
 * until it quits because the keyring cannot take them. %NULL forgets
 * them. The client of that environment uses them at once.
 */
void           vl_application_use_credentials    (VlApplication  *self,
                                                  VlEnvironment   environment,
                                                  const char     *api_key,
                                                  const char     *api_secret,
                                                  gboolean        session_only);
gboolean       vl_application_get_session_credentials
                                                 (VlApplication  *self,
                                                  VlEnvironment   environment,
                                                  const char    **api_key,
                                                  const char    **api_secret);

/* Opens Preferences, transient for @parent, at the account of
 * @environment, and returns that window.
 */
GtkWindow     *vl_application_show_preferences   (VlApplication  *self,
                                                  GtkWindow      *parent,
                                                  VlEnvironment   environment);

GSettings     *vl_application_get_settings       (VlApplication  *self);

/* The call history, shared by every window; see the .c file. */
VlHistory     *vl_application_get_history        (VlApplication  *self,
                                                  const char    **set_aside_path);
const char    *vl_application_get_history_problem (VlApplication *self);
void           vl_application_set_history        (VlApplication  *self,
                                                  VlHistory      *history);

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

/* vl-environment.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * VlEnvironment:
 * @VL_ENVIRONMENT_DEMO: the built-in demo backend
 * @VL_ENVIRONMENT_TESTING: XOi's staging service
 * @VL_ENVIRONMENT_PRODUCTION: XOi's production service
 * @VL_ENVIRONMENT_CUSTOM: addresses the user types (a proxy, a test server)
 *
 * Where calls go. The nick of each value is its name on the command line,
 * in settings, in the keyring and in the history.
 */
typedef enum
{
  VL_ENVIRONMENT_DEMO,
  VL_ENVIRONMENT_TESTING,
  VL_ENVIRONMENT_PRODUCTION,
  VL_ENVIRONMENT_CUSTOM,
} VlEnvironment;

const char *vl_environment_to_string      (VlEnvironment  environment);
gboolean    vl_environment_from_string    (const char    *nick,
                                           VlEnvironment *environment);
const char *vl_environment_get_title      (VlEnvironment  environment);
const char *vl_environment_get_graphql_url (VlEnvironment environment);
const char *vl_environment_get_token_url  (VlEnvironment  environment);

G_END_DECLS

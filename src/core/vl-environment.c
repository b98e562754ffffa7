/* vl-environment.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vl-enums.h"
#include "vl-environment.h"
#include "vl-util.h"

typedef struct
{
  const char *title;
  const char *graphql_url;
  const char *token_url;
} Endpoints;

/* From the XOi integration guide. Demo and custom have no fixed
 * addresses: the demo backend picks a free port, the user types custom.
 */
static const Endpoints endpoints[] = {
  [VL_ENVIRONMENT_DEMO] = { N_("Demo"), NULL, NULL },
  [VL_ENVIRONMENT_TESTING] = {
    N_("Testing"),
    "https://gql-live-external.staging.xoeye.com/graphql",
    "https://api-users-external.staging.xoeye.com/stag/token",
  },
  [VL_ENVIRONMENT_PRODUCTION] = {
    N_("Production"),
    "https://gql-live-external.xoi.io/graphql",
    "https://api-users-external.xoi.io/prod/token",
  },
  [VL_ENVIRONMENT_CUSTOM] = { N_("Custom"), NULL, NULL },
};

const char *
vl_environment_to_string (VlEnvironment environment)
{
  return vl_enum_to_nick (VL_TYPE_ENVIRONMENT, environment);
}

gboolean
vl_environment_from_string (const char    *nick,
                            VlEnvironment *environment)
{
  int value;

  if (!vl_enum_from_nick (VL_TYPE_ENVIRONMENT, nick, &value))
    return FALSE;

  if (environment != NULL)
    *environment = value;

  return TRUE;
}

const char *
vl_environment_get_title (VlEnvironment environment)
{
  g_return_val_if_fail (environment < G_N_ELEMENTS (endpoints), NULL);

  return _(endpoints[environment].title);
}

/**
 * vl_environment_get_graphql_url:
 *
 * Returns: (nullable): the fixed GraphQL address, or %NULL for demo and
 *   custom
 */
const char *
vl_environment_get_graphql_url (VlEnvironment environment)
{
  g_return_val_if_fail (environment < G_N_ELEMENTS (endpoints), NULL);

  return endpoints[environment].graphql_url;
}

/**
 * vl_environment_get_token_url:
 *
 * Returns: (nullable): the fixed token address, or %NULL for demo and
 *   custom
 */
const char *
vl_environment_get_token_url (VlEnvironment environment)
{
  g_return_val_if_fail (environment < G_N_ELEMENTS (endpoints), NULL);

  return endpoints[environment].token_url;
}

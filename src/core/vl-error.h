/* vl-error.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VL_CLIENT_ERROR (vl_client_error_quark ())

/**
 * VlClientError:
 * @VL_CLIENT_ERROR_CANNOT_CONNECT: the service could not be reached at all
 * @VL_CLIENT_ERROR_TIMED_OUT: the service did not answer in time
 * @VL_CLIENT_ERROR_HTTP_STATUS: the service answered with an HTTP error
 * @VL_CLIENT_ERROR_NOT_AUTHORIZED: the credentials or the token were refused
 * @VL_CLIENT_ERROR_GRAPHQL: the service answered with GraphQL errors; the
 *   message holds their text word for word
 * @VL_CLIENT_ERROR_BAD_ANSWER: the answer could not be understood
 * @VL_CLIENT_ERROR_INVALID_INPUT: what was entered cannot be sent as it is
 * @VL_CLIENT_ERROR_CONNECTION_LOST: the service was reached, but the
 *   connection broke before the whole answer arrived
 *
 * Failures of the API client. Each message says what happened in words a
 * dispatcher can act on.
 */
typedef enum
{
  VL_CLIENT_ERROR_CANNOT_CONNECT,
  VL_CLIENT_ERROR_TIMED_OUT,
  VL_CLIENT_ERROR_HTTP_STATUS,
  VL_CLIENT_ERROR_NOT_AUTHORIZED,
  VL_CLIENT_ERROR_GRAPHQL,
  VL_CLIENT_ERROR_BAD_ANSWER,
  VL_CLIENT_ERROR_INVALID_INPUT,
  VL_CLIENT_ERROR_CONNECTION_LOST,
} VlClientError;

GQuark vl_client_error_quark (void);

G_END_DECLS

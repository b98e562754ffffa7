/* fault-server.h: a loopback service that answers with the faults a test
 * asks for
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  FAULT_ANSWER,        /* status, type, body and Retry-After as given */
  FAULT_HANG,          /* reads the request and never answers */
  FAULT_RESET,         /* sends half the body, then resets the connection */
  FAULT_SHORT,         /* promises more body than it sends, then closes */
  FAULT_HUGE,          /* streams FAULT_HUGE_SIZE bytes, chunked */
  FAULT_HUGE_DECLARED, /* the same with that size as Content-Length */
} FaultKind;

#define FAULT_HUGE_SIZE (50 * 1024 * 1024)

/* In a body, "@FIELD@" stands for the field the request asked for
 * (prepareVisionLiveCall or getVisionLiveCall).
 */
typedef struct
{
  FaultKind   kind;
  guint       status;       /* 0 for 200 */
  const char *content_type; /* NULL for application/json */
  const char *body;         /* NULL for a good answer */
  const char *retry_after;  /* a Retry-After header, or NULL */
} Fault;

typedef enum
{
  FAULT_ENDPOINT_TOKEN,
  FAULT_ENDPOINT_GRAPHQL,
} FaultEndpoint;

typedef struct _FaultServer FaultServer;

/* Listens on 127.0.0.1; with @certificate, over https. */
FaultServer *fault_server_new           (GTlsCertificate *certificate);
void         fault_server_free          (FaultServer     *self);
const char  *fault_server_get_graphql_url (FaultServer   *self);
const char  *fault_server_get_token_url   (FaultServer   *self);
void         fault_server_set_fault     (FaultServer     *self,
                                         FaultEndpoint    endpoint,
                                         const Fault     *fault);
guint        fault_server_get_requests  (FaultServer     *self,
                                         FaultEndpoint    endpoint);
/* Bytes of body handed to the connection for the last huge answer. */
gsize        fault_server_get_huge_sent (FaultServer     *self);
/* The body of the last GraphQL request. */
const char  *fault_server_get_last_request (FaultServer  *self);

/* A certificate for 127.0.0.1 that nothing trusts: made by openssl when
 * the tests were built (tests/meson.build).
 */
GTlsCertificate *fault_server_load_untrusted_certificate (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaultServer, fault_server_free)

G_END_DECLS

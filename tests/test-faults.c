/* test-faults.c: every fault of the network and of the service, tried on
 * the real API client
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case points a VlClient at a fault server on 127.0.0.1 (or at an
 * address that cannot work), runs prepareVisionLiveCall and
 * getVisionLiveCall, and checks the error a dispatcher would read: its
 * code, and that its message says what happened and what to do.
 */

#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "fault-server.h"
#include "test-util.h"
#include "vl-client.h"
#include "vl-error.h"

typedef enum
{
  OP_PREPARE,
  OP_GET,
} Operation;

static const char *operation_names[] = { "prepare", "get" };

#define GOOD_ID "call-0123456789abcdef0123456789abcdef"

/* Running the client */

/* Runs what is ready to run, without waiting for anything. */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
start (VlClient      *client,
       Operation      operation,
       GCancellable  *cancellable,
       GAsyncResult **result)
{
  g_autoptr(VlCall) draft = example_draft ();

  if (operation == OP_PREPARE)
    vl_client_prepare_call_async (client, draft, cancellable, on_result,
                                  result);
  else
    vl_client_get_call_async (client, GOOD_ID, cancellable, on_result,
                              result);
}

static VlCall *
finish (VlClient      *client,
        Operation      operation,
        GAsyncResult  *result,
        GError       **error)
{
  if (operation == OP_PREPARE)
    return vl_client_prepare_call_finish (client, result, error);

  return vl_client_get_call_finish (client, result, error);
}

static VlCall *
run (VlClient   *client,
     Operation   operation,
     GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  start (client, operation, NULL, &result);

  return finish (client, operation, wait_for (&result), error);
}

static VlClient *
new_client (const char *graphql_url,
            const char *token_url)
{
  VlClient *client = vl_client_new ("custom", graphql_url, token_url);

  vl_client_set_credentials (client, "fault-key", "fault-secret");

  return client;
}

static VlClient *
new_client_for (FaultServer *server)
{
  return new_client (fault_server_get_graphql_url (server),
                     fault_server_get_token_url (server));
}

/* Fails with the whole message when it does not hold @part. */
static void
assert_says (const GError *error,
             const char   *part)
{
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, part);
}

/* The request went where it should, with the draft in variables. */
static void
assert_request_sent (FaultServer *server,
                     Operation    operation)
{
  const char *request = fault_server_get_last_request (server);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *input;

  g_assert_nonnull (request);
  root = json_from_string (request, NULL);
  g_assert_nonnull (root);
  input = json_object_get_object_member (
    json_object_get_object_member (json_node_get_object (root), "variables"),
    "input");
  if (operation == OP_PREPARE)
    g_assert_cmpstr (json_object_get_string_member (input,
                                                    "callMetadataJSON"),
                     ==, "{\"key\":\"VALUE\"}");
  else
    g_assert_cmpstr (json_object_get_string_member (input, "id"), ==,
                     GOOD_ID);
}

/* Faults of the service, one table row each */

typedef struct
{
  const char    *path;
  FaultEndpoint  endpoint;
  Fault          fault;
  int            code;
  /* Every one of these is in the message. */
  const char    *says[3];
  /* The whole message, when it must be the service's own words. */
  const char    *exact;
  /* GraphQL requests the client makes before it gives up; 0: one. */
  guint          graphql_requests;
} FaultCase;

#define JSON "application/json"
#define HTML "text/html"

#define ANSWER(status, type, body) \
  { FAULT_ANSWER, status, type, body, NULL }
#define BUSY(status, retry_after) \
  { FAULT_ANSWER, status, HTML, "<h1>Busy</h1>", retry_after }

static const FaultCase fault_cases[] = {
  { "/faults/http/400", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (400, "text/plain", "Bad Request"), VL_CLIENT_ERROR_HTTP_STATUS,
    { "HTTP 400 Bad Request", "Check the environment’s addresses",
      "report the problem" } },
  { "/faults/http/401", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (401, JSON, "{\"message\": \"Unauthorized\"}"),
    VL_CLIENT_ERROR_NOT_AUTHORIZED,
    { "HTTP 401", "Preferences" }, NULL, 2 },
  { "/faults/http/403", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (403, HTML, "<h1>Forbidden</h1>"),
    VL_CLIENT_ERROR_NOT_AUTHORIZED,
    { "HTTP 403", "Preferences" }, NULL, 2 },
  { "/faults/http/404", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (404, HTML, "<h1>Not Found</h1>"), VL_CLIENT_ERROR_HTTP_STATUS,
    { "HTTP 404 Not Found", "/graphql", "Check the environment’s addresses" } },
  { "/faults/http/429", FAULT_ENDPOINT_GRAPHQL,
    BUSY (429, NULL), VL_CLIENT_ERROR_HTTP_STATUS,
    { "HTTP 429", "Wait a minute and try again" } },
  { "/faults/http/429-retry-after-seconds", FAULT_ENDPOINT_GRAPHQL,
    BUSY (429, "30"), VL_CLIENT_ERROR_HTTP_STATUS,
    { "HTTP 429", "Wait 30 seconds and try again" } },
  { "/faults/http/429-retry-after-minutes", FAULT_ENDPOINT_GRAPHQL,
    BUSY (429, "600"), VL_CLIENT_ERROR_HTTP_STATUS,
    { "HTTP 429", "Wait 10 minutes and try again" } },
  { "/faults/http/429-retry-after-nonsense", FAULT_ENDPOINT_GRAPHQL,
    BUSY (429, "soon"), VL_CLIENT_ERROR_HTTP_STATUS,
    { "HTTP 429", "Wait a minute and try again" } },
  { "/faults/http/500", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (500, HTML, "<h1>Oops</h1>"), VL_CLIENT_ERROR_HTTP_STATUS,
    { "HTTP 500 Internal Server Error", "Try again in a few minutes" } },
  { "/faults/http/502", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (502, HTML, "<h1>Bad gateway</h1>"), VL_CLIENT_ERROR_HTTP_STATUS,
    { "HTTP 502 Bad Gateway", "Try again in a few minutes" } },
  { "/faults/http/503", FAULT_ENDPOINT_GRAPHQL,
    BUSY (503, NULL), VL_CLIENT_ERROR_HTTP_STATUS,
    { "HTTP 503 Service Unavailable", "Try again in a few minutes" } },
  { "/faults/http/503-retry-after", FAULT_ENDPOINT_GRAPHQL,
    BUSY (503, "120"), VL_CLIENT_ERROR_HTTP_STATUS,
    { "HTTP 503 Service Unavailable", "Wait 2 minutes and try again" } },

  { "/faults/body/html-with-200", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (200, HTML, "\n  <!DOCTYPE html><html>Sign in to the Wi-Fi</html>"),
    VL_CLIENT_ERROR_BAD_ANSWER,
    { "web page", "proxy, firewall or sign-in page" } },
  { "/faults/body/empty", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (200, JSON, ""), VL_CLIENT_ERROR_BAD_ANSWER,
    { "empty answer", "Try again" } },
  { "/faults/body/truncated-json", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (200, JSON, "{\"data\": {\"@FIELD@\": {\"visionLive"),
    VL_CLIENT_ERROR_BAD_ANSWER, { "cut short", "Try again" } },
  { "/faults/body/not-an-object", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (200, JSON, "[\"data\", 42]"), VL_CLIENT_ERROR_BAD_ANSWER,
    { "not a GraphQL answer", "GraphQL address" } },
  { "/faults/body/reset-halfway", FAULT_ENDPOINT_GRAPHQL,
    { FAULT_RESET }, VL_CLIENT_ERROR_CONNECTION_LOST,
    { "127.0.0.1", "before the whole answer arrived", "try again" } },
  { "/faults/body/shorter-than-declared", FAULT_ENDPOINT_GRAPHQL,
    { FAULT_SHORT }, VL_CLIENT_ERROR_CONNECTION_LOST,
    { "127.0.0.1", "before the whole answer arrived", "try again" } },

  { "/faults/graphql/data-null-with-errors", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (200, JSON,
            "{\"data\": null, \"errors\": ["
            "{\"message\": \"Recipient “12” is not a valid phone number\", "
            "\"path\": [\"@FIELD@\"], "
            "\"extensions\": {\"code\": \"BAD_USER_INPUT\"}}, "
            "{\"message\": \"integrationEntityId.namespace: <empty>\"}]}"),
    VL_CLIENT_ERROR_GRAPHQL, { NULL },
    "Recipient “12” is not a valid phone number\n"
    "integrationEntityId.namespace: <empty>" },
  { "/faults/graphql/null-call-with-errors", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (200, JSON,
            "{\"data\": {\"@FIELD@\": null}, \"errors\": ["
            "{\"message\": \"Call store unavailable; retry later.\"}]}"),
    VL_CLIENT_ERROR_GRAPHQL, { NULL },
    "Call store unavailable; retry later." },
  { "/faults/graphql/errors-with-400", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (400, JSON,
            "{\"errors\": [{\"message\": \"Variable \\\"$input\\\" got "
            "invalid value\"}]}"),
    VL_CLIENT_ERROR_GRAPHQL, { NULL },
    "Variable \"$input\" got invalid value" },
  { "/faults/graphql/no-data-no-errors", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (200, JSON, "{\"data\": {}}"), VL_CLIENT_ERROR_BAD_ANSWER,
    { "without a call", "Try again" } },
  { "/faults/graphql/error-without-message", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (200, JSON, "{\"data\": null, \"errors\": [{\"path\": [1]}]}"),
    VL_CLIENT_ERROR_GRAPHQL, { "did not say what it was" } },

  { "/faults/call/missing-id", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (200, JSON,
            "{\"data\": {\"@FIELD@\": {\"visionLiveCall\": "
            "{\"visionLiveLink\": \"https://vision.example.com/live/x\"}}}}"),
    VL_CLIENT_ERROR_BAD_ANSWER, { "the call has no id", "Try again" } },
  { "/faults/call/id-not-text", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (200, JSON,
            "{\"data\": {\"@FIELD@\": {\"visionLiveCall\": {\"id\": 42}}}}"),
    VL_CLIENT_ERROR_BAD_ANSWER, { "the call has no id", "Try again" } },
  { "/faults/call/call-not-object", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (200, JSON,
            "{\"data\": {\"@FIELD@\": {\"visionLiveCall\": \"call-1\"}}}"),
    VL_CLIENT_ERROR_BAD_ANSWER, { "the call is not an object" } },
  { "/faults/call/invitations-not-list", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (200, JSON,
            "{\"data\": {\"@FIELD@\": {\"visionLiveCall\": {\"id\": \"c-1\", "
            "\"invitations\": \"sms:2223334444\"}}}}"),
    VL_CLIENT_ERROR_BAD_ANSWER, { "the invitations are not a list" } },
  { "/faults/call/invitation-without-recipient", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (200, JSON,
            "{\"data\": {\"@FIELD@\": {\"visionLiveCall\": {\"id\": \"c-1\", "
            "\"invitations\": [{\"type\": \"sms\", \"recipient\": null}]}}}}"),
    VL_CLIENT_ERROR_BAD_ANSWER, { "an invitation has no recipient" } },
  { "/faults/call/metadata-not-text", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (200, JSON,
            "{\"data\": {\"@FIELD@\": {\"visionLiveCall\": {\"id\": \"c-1\", "
            "\"callMetadataJSON\": {\"key\": \"VALUE\"}}}}}"),
    VL_CLIENT_ERROR_BAD_ANSWER, { "the metadata is not text" } },
  { "/faults/call/integration-not-object", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (200, JSON,
            "{\"data\": {\"@FIELD@\": {\"visionLiveCall\": {\"id\": \"c-1\", "
            "\"integrationEntityId\": [\"anamespace\", \"INTEG_ID\"]}}}}"),
    VL_CLIENT_ERROR_BAD_ANSWER, { "the integration id is not an object" } },
  { "/faults/call/link-not-text", FAULT_ENDPOINT_GRAPHQL,
    ANSWER (200, JSON,
            "{\"data\": {\"@FIELD@\": {\"visionLiveCall\": {\"id\": \"c-1\", "
            "\"visionLiveLink\": 42}}}}"),
    VL_CLIENT_ERROR_BAD_ANSWER, { "the link is not text" } },

  { "/faults/size/50-mb-chunked", FAULT_ENDPOINT_GRAPHQL,
    { FAULT_HUGE }, VL_CLIENT_ERROR_BAD_ANSWER,
    { "larger than 4 MB", "was not read" } },
  { "/faults/size/50-mb-declared", FAULT_ENDPOINT_GRAPHQL,
    { FAULT_HUGE_DECLARED }, VL_CLIENT_ERROR_BAD_ANSWER,
    { "larger than 4 MB", "was not read" } },

  { "/faults/token/html-with-200", FAULT_ENDPOINT_TOKEN,
    ANSWER (200, HTML, "<html><body>Please sign in</body></html>"),
    VL_CLIENT_ERROR_BAD_ANSWER,
    { "token service", "web page", "token address" } },
  { "/faults/token/500", FAULT_ENDPOINT_TOKEN,
    ANSWER (500, HTML, "<h1>Oops</h1>"), VL_CLIENT_ERROR_HTTP_STATUS,
    { "HTTP 500 Internal Server Error", "Try again in a few minutes" } },
  { "/faults/token/401", FAULT_ENDPOINT_TOKEN,
    ANSWER (401, JSON, "{\"message\": \"bad key\"}"),
    VL_CLIENT_ERROR_NOT_AUTHORIZED, { "HTTP 401", "Check them in Preferences" } },
  { "/faults/token/missing-token", FAULT_ENDPOINT_TOKEN,
    ANSWER (200, JSON, "{\"access_token\": \"x\", \"expires_in\": 3600}"),
    VL_CLIENT_ERROR_BAD_ANSWER,
    { "token service", "no token", "token address" } },
  { "/faults/token/token-not-text", FAULT_ENDPOINT_TOKEN,
    ANSWER (200, JSON, "{\"token\": 42}"), VL_CLIENT_ERROR_BAD_ANSWER,
    { "token service", "no token", "token address" } },
  { "/faults/token/empty-token", FAULT_ENDPOINT_TOKEN,
    ANSWER (200, JSON, "{\"token\": \"\"}"), VL_CLIENT_ERROR_BAD_ANSWER,
    { "token service", "no token", "token address" } },
  { "/faults/token/empty", FAULT_ENDPOINT_TOKEN,
    ANSWER (200, JSON, ""), VL_CLIENT_ERROR_BAD_ANSWER,
    { "token service", "empty answer", "token address" } },
  { "/faults/token/not-json", FAULT_ENDPOINT_TOKEN,
    ANSWER (200, JSON, "{\"token\": \"abc"), VL_CLIENT_ERROR_BAD_ANSWER,
    { "token service", "not JSON", "token address" } },
  { "/faults/token/reset-halfway", FAULT_ENDPOINT_TOKEN,
    { FAULT_RESET }, VL_CLIENT_ERROR_CONNECTION_LOST,
    { "127.0.0.1", "before the whole answer arrived" } },
};

/* Runs @operation against a new fault server, with @fault at @endpoint;
 * the server is kept in @server for what it saw.
 */
static VlCall *
run_against (FaultServer   **server,
             FaultEndpoint   endpoint,
             const Fault    *fault,
             Operation       operation,
             GError        **error)
{
  g_autoptr(VlClient) client = NULL;

  g_test_message ("%s", operation_names[operation]);
  *server = fault_server_new (NULL);
  fault_server_set_fault (*server, endpoint, fault);
  client = new_client_for (*server);

  return run (client, operation, error);
}

static void
test_fault (gconstpointer data)
{
  const FaultCase *c = data;

  for (Operation op = OP_PREPARE; op <= OP_GET; op++)
    {
      g_autoptr(FaultServer) server = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(VlCall) call = run_against (&server, c->endpoint, &c->fault,
                                            op, &error);
      gboolean huge = c->fault.kind == FAULT_HUGE ||
                      c->fault.kind == FAULT_HUGE_DECLARED;

      g_assert_null (call);
      g_assert_error (error, VL_CLIENT_ERROR, c->code);
      for (guint i = 0; i < G_N_ELEMENTS (c->says) && c->says[i]; i++)
        assert_says (error, c->says[i]);
      if (c->exact != NULL)
        g_assert_cmpstr (error->message, ==, c->exact);

      /* Never a secret in what the dispatcher reads. */
      g_assert_null (strstr (error->message, "fault-secret"));
      g_assert_null (strstr (error->message, "fault-token"));

      if (c->endpoint == FAULT_ENDPOINT_TOKEN)
        g_assert_cmpuint (fault_server_get_requests (server,
                                                     FAULT_ENDPOINT_GRAPHQL),
                          ==, 0);
      else if (c->fault.kind == FAULT_ANSWER)
        {
          assert_request_sent (server, op);
          g_assert_cmpuint (fault_server_get_requests (server,
                                                       FAULT_ENDPOINT_GRAPHQL),
                            ==, MAX (c->graphql_requests, 1));
        }

      /* A huge answer is given up early, not read to its end. */
      if (huge)
        {
          g_test_message ("the server got %" G_GSIZE_FORMAT " bytes out",
                          fault_server_get_huge_sent (server));
          g_assert_cmpuint (fault_server_get_huge_sent (server), <,
                            FAULT_HUGE_SIZE / 4);
        }
    }
}

/* Retry-After may also be a date (RFC 9110): in ten minutes, and past. */
static void
test_retry_after_date (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_minutes (now, 10);
  g_autoptr(GDateTime) earlier = g_date_time_add_minutes (now, -10);
  g_autofree char *in_ten = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  g_autofree char *past = soup_date_time_to_string (earlier, SOUP_DATE_HTTP);
  const FaultCase cases[] = {
    { "in ten minutes", FAULT_ENDPOINT_GRAPHQL, BUSY (429, in_ten),
      VL_CLIENT_ERROR_HTTP_STATUS,
      { "HTTP 429", "Wait 10 minutes and try again" } },
    { "past", FAULT_ENDPOINT_GRAPHQL, BUSY (503, past),
      VL_CLIENT_ERROR_HTTP_STATUS,
      { "HTTP 503", "Wait a moment and try again" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("Retry-After: %s", cases[i].fault.retry_after);
      test_fault (&cases[i]);
    }
}

/* Answers the client accepts */

typedef struct
{
  const char *path;
  const char *body;
  const char *id;
  const char *link;
  guint       n_invitations;
  /* What the errors beside the call said, word for word */
  const char *notice;
} AcceptedCase;

#define CALL_WITH(members) \
  "{\"data\": {\"@FIELD@\": {\"visionLiveCall\": {" \
  "\"id\": \"call-1\"" members "}}}}"

static const AcceptedCase accepted_cases[] = {
  { "/faults/accepted/good", NULL, GOOD_ID,
    "https://vision.example.com/live/call-0123456789abcdef", 1 },
  { "/faults/accepted/nulls",
    CALL_WITH (", \"invitations\": null, \"integrationEntityId\": null, "
               "\"callMetadataJSON\": null, \"visionLiveLink\": null"),
    "call-1", NULL, 0 },
  { "/faults/accepted/only-id", CALL_WITH (""), "call-1", NULL, 0 },
  { "/faults/accepted/unknown-members",
    "{\"data\": {\"@FIELD@\": {\"visionLiveCall\": {\"id\": \"call-1\", "
    "\"invitations\": [{\"type\": \"sms\", \"recipient\": \"2223334444\", "
    "\"status\": \"SENT\"}], \"startedAt\": \"2026-12-04T10:00:00Z\", "
    "\"visionLiveLink\": \"https://vision.example.com/live/call-1\", "
    "\"participants\": [{\"name\": \"Tech\"}]}, \"cost\": 0}}, "
    "\"extensions\": {\"tracing\": {\"version\": 1}}}",
    "call-1", "https://vision.example.com/live/call-1", 1 },
  { "/faults/accepted/errors-beside-data",
    "{\"data\": {\"@FIELD@\": {\"visionLiveCall\": {\"id\": \"call-1\", "
    "\"visionLiveLink\": null}}}, \"errors\": [{\"message\": \"Link "
    "service unavailable\", \"path\": [\"@FIELD@\", \"visionLiveCall\", "
    "\"visionLiveLink\"]}]}",
    "call-1", NULL, 0, "Link service unavailable" },
  { "/faults/link/file",
    CALL_WITH (", \"visionLiveLink\": \"file:///etc/passwd\""),
    "call-1", NULL, 0 },
  { "/faults/link/javascript",
    CALL_WITH (", \"visionLiveLink\": \"javascript:alert(1)\""),
    "call-1", NULL, 0 },
  { "/faults/link/javascript-upper-case",
    CALL_WITH (", \"visionLiveLink\": \" JavaScript:alert(1)\""),
    "call-1", NULL, 0 },
  { "/faults/link/empty", CALL_WITH (", \"visionLiveLink\": \"\""),
    "call-1", NULL, 0 },
  { "/faults/link/no-scheme",
    CALL_WITH (", \"visionLiveLink\": \"vision.example.com/live/call-1\""),
    "call-1", NULL, 0 },
  { "/faults/link/plain-http",
    CALL_WITH (", \"visionLiveLink\": \"http://vision.example.com/l/1\""),
    "call-1", "http://vision.example.com/l/1", 0 },
};

static void
test_accepted (gconstpointer data)
{
  const AcceptedCase *c = data;
  Fault fault = ANSWER (200, JSON, c->body);

  for (Operation op = OP_PREPARE; op <= OP_GET; op++)
    {
      g_autoptr(FaultServer) server = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(VlCall) call = run_against (&server, FAULT_ENDPOINT_GRAPHQL,
                                            &fault, op, &error);
      GListModel *invitations;

      g_assert_no_error (error);
      g_assert_nonnull (call);
      g_assert_cmpstr (vl_call_get_id (call), ==, c->id);
      g_assert_cmpstr (vl_call_get_link (call), ==, c->link);
      invitations = vl_call_get_invitations (call);
      g_assert_cmpuint (g_list_model_get_n_items (invitations), ==,
                        c->n_invitations);
      g_assert_cmpstr (vl_call_get_environment (call), ==, "custom");
      g_assert_cmpstr (vl_call_get_service_notice (call), ==, c->notice);
      assert_request_sent (server, op);
    }
}

/* Faults of the network */

static guint16
closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);

  return port;
}

static void
test_connection_refused (void)
{
  guint16 port = closed_port ();
  g_autofree char *graphql = g_strdup_printf ("http://127.0.0.1:%u/graphql",
                                              port);
  g_autofree char *token = g_strdup_printf ("http://127.0.0.1:%u/token", port);
  g_autofree char *where = g_strdup_printf ("127.0.0.1:%u", port);

  for (Operation op = OP_PREPARE; op <= OP_GET; op++)
    {
      g_autoptr(VlClient) client = new_client (graphql, token);
      g_autoptr(GError) error = NULL;
      g_autoptr(VlCall) call = run (client, op, &error);

      g_assert_null (call);
      g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_CANNOT_CONNECT);
      assert_says (error, where);
      assert_says (error, "refused");
      assert_says (error, "try again");
    }
}

/* A resolver that finds no name at all, so that looking one up never
 * leaves the computer: .invalid names are never in the DNS (RFC 6761)
 * anyway, and this is what the system resolver says about them.
 */
typedef struct
{
  GResolver parent_instance;
} NoNamesResolver;

typedef struct
{
  GResolverClass parent_class;
} NoNamesResolverClass;

GType no_names_resolver_get_type (void);
G_DEFINE_TYPE (NoNamesResolver, no_names_resolver, G_TYPE_RESOLVER)

static GError *
name_not_found (const char *hostname)
{
  return g_error_new (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                      "Error resolving “%s”: Name or service not known",
                      hostname);
}

static GList *
no_names_lookup_by_name (GResolver     *resolver,
                         const char    *hostname,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_propagate_error (error, name_not_found (hostname));
  return NULL;
}

static GList *
no_names_lookup_by_name_with_flags (GResolver                 *resolver,
                                    const char                *hostname,
                                    GResolverNameLookupFlags   flags,
                                    GCancellable              *cancellable,
                                    GError                   **error)
{
  return no_names_lookup_by_name (resolver, hostname, cancellable, error);
}

static void
no_names_lookup_by_name_with_flags_async (GResolver                *resolver,
                                          const char               *hostname,
                                          GResolverNameLookupFlags  flags,
                                          GCancellable             *cancellable,
                                          GAsyncReadyCallback       callback,
                                          gpointer                  user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback,
                                      user_data);

  g_task_return_error (task, name_not_found (hostname));
}

static void
no_names_lookup_by_name_async (GResolver           *resolver,
                               const char          *hostname,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  no_names_lookup_by_name_with_flags_async (resolver, hostname, 0,
                                            cancellable, callback,
                                            user_data);
}

static GList *
no_names_lookup_by_name_finish (GResolver     *resolver,
                                GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
no_names_resolver_class_init (NoNamesResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  resolver_class->lookup_by_name = no_names_lookup_by_name;
  resolver_class->lookup_by_name_async = no_names_lookup_by_name_async;
  resolver_class->lookup_by_name_finish = no_names_lookup_by_name_finish;
  resolver_class->lookup_by_name_with_flags =
    no_names_lookup_by_name_with_flags;
  resolver_class->lookup_by_name_with_flags_async =
    no_names_lookup_by_name_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish =
    no_names_lookup_by_name_finish;
}

static void
no_names_resolver_init (NoNamesResolver *self)
{
}

static void
test_dns_failure (void)
{
  g_autoptr(GResolver) system = g_resolver_get_default ();
  g_autoptr(GResolver) no_names = g_object_new (no_names_resolver_get_type (),
                                                NULL);

  g_resolver_set_default (no_names);
  for (Operation op = OP_PREPARE; op <= OP_GET; op++)
    {
      g_autoptr(VlClient) client =
        new_client ("https://gql.vl-faults.invalid/graphql",
                    "https://token.vl-faults.invalid/token");
      g_autoptr(GError) error = NULL;
      g_autoptr(VlCall) call = run (client, op, &error);

      g_assert_null (call);
      g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_CANNOT_CONNECT);
      /* The token is asked for first, so its name is the one missing. */
      assert_says (error, "token.vl-faults.invalid");
      assert_says (error, "could not be found");
      assert_says (error, "environment’s addresses");
    }
  g_resolver_set_default (system);
}

static void
test_untrusted_certificate (void)
{
  g_autoptr(GTlsCertificate) certificate =
    fault_server_load_untrusted_certificate ();

  for (Operation op = OP_PREPARE; op <= OP_GET; op++)
    {
      g_autoptr(FaultServer) server = fault_server_new (certificate);
      g_autoptr(VlClient) client = new_client_for (server);
      g_autoptr(GError) error = NULL;
      g_autoptr(VlCall) call = NULL;

      g_assert_true (g_str_has_prefix (fault_server_get_token_url (server),
                                       "https://127.0.0.1:"));
      call = run (client, op, &error);

      g_assert_null (call);
      g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_CANNOT_CONNECT);
      assert_says (error, "127.0.0.1");
      assert_says (error, "certificate is not trusted");
      assert_says (error, "nothing was sent");

      /* Refused before a single request reached the server. */
      g_assert_cmpuint (fault_server_get_requests (server,
                                                   FAULT_ENDPOINT_TOKEN),
                        ==, 0);
      g_assert_cmpuint (fault_server_get_requests (server,
                                                   FAULT_ENDPOINT_GRAPHQL),
                        ==, 0);
    }
}

static void
test_timeout (gconstpointer data)
{
  FaultEndpoint endpoint = GPOINTER_TO_INT (data);
  Fault hang = { FAULT_HANG };

  for (Operation op = OP_PREPARE; op <= OP_GET; op++)
    {
      g_autoptr(FaultServer) server = fault_server_new (NULL);
      g_autoptr(VlClient) client = new_client_for (server);
      g_autoptr(GError) error = NULL;
      g_autoptr(VlCall) call = NULL;

      fault_server_set_fault (server, endpoint, &hang);
      vl_client_set_timeout (client, 1);
      call = run (client, op, &error);

      g_assert_null (call);
      g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_TIMED_OUT);
      assert_says (error, "127.0.0.1");
      assert_says (error, "did not answer within 1 second.");
      assert_says (error, "try again");
      g_assert_cmpuint (fault_server_get_requests (server, endpoint), ==, 1);
    }
}

/* Cancelling and going away */

typedef struct
{
  FaultServer   *server;
  FaultEndpoint  endpoint;
} Arrival;

static gboolean
request_arrived (Arrival *arrival)
{
  return fault_server_get_requests (arrival->server, arrival->endpoint) > 0;
}

/* Starts @operation against a server that hangs at @endpoint, and
 * returns once the request is there, in flight.
 */
static void
start_hanging (FaultServer    *server,
               FaultEndpoint   endpoint,
               VlClient       *client,
               Operation       operation,
               GCancellable   *cancellable,
               GAsyncResult  **result)
{
  Fault hang = { FAULT_HANG };
  Arrival arrival = { server, endpoint };

  fault_server_set_fault (server, endpoint, &hang);
  start (client, operation, cancellable, result);
  while (!request_arrived (&arrival))
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (*result);
}

static void
test_cancel_in_flight (gconstpointer data)
{
  FaultEndpoint endpoint = GPOINTER_TO_INT (data);

  for (Operation op = OP_PREPARE; op <= OP_GET; op++)
    {
      g_autoptr(FaultServer) server = fault_server_new (NULL);
      g_autoptr(VlClient) client = new_client_for (server);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(VlCall) call = NULL;

      start_hanging (server, endpoint, client, op, cancellable, &result);
      g_cancellable_cancel (cancellable);

      /* The server never answers, and the client's timeout (30 s) is far
       * off: only the cancellation can end the request.
       */
      call = finish (client, op, wait_for (&result), &error);
      g_assert_null (call);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      /* Nothing else comes: on_result fails on a second answer, and no
       * request was sent after the cancellation.
       */
      settle ();
      g_assert_cmpuint (fault_server_get_requests (server,
                                                   FAULT_ENDPOINT_TOKEN),
                        ==, 1);
      g_assert_cmpuint (fault_server_get_requests (server,
                                                   FAULT_ENDPOINT_GRAPHQL),
                        ==, endpoint == FAULT_ENDPOINT_GRAPHQL ? 1 : 0);
    }
}

static void
test_cancelled_before (void)
{
  g_autoptr(FaultServer) server = fault_server_new (NULL);
  g_autoptr(VlClient) client = new_client_for (server);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;

  g_cancellable_cancel (cancellable);
  start (client, OP_PREPARE, cancellable, &result);
  call = finish (client, OP_PREPARE, wait_for (&result), &error);
  g_assert_null (call);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  settle ();
  g_assert_cmpuint (fault_server_get_requests (server, FAULT_ENDPOINT_GRAPHQL),
                    ==, 0);
}

static void
test_dispose_in_flight (gconstpointer data)
{
  FaultEndpoint endpoint = GPOINTER_TO_INT (data);

  for (Operation op = OP_PREPARE; op <= OP_GET; op++)
    {
      g_autoptr(FaultServer) server = fault_server_new (NULL);
      VlClient *client = new_client_for (server);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(VlCall) call = NULL;

      VlClient *alive;

      start_hanging (server, endpoint, client, op, NULL, &result);

      /* Its owner goes away: pending work is cancelled in dispose. */
      g_object_run_dispose (G_OBJECT (client));
      call = finish (client, op, wait_for (&result), &error);
      g_assert_null (call);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      /* The last reference was the caller's; nothing else holds it. */
      alive = client;
      g_object_add_weak_pointer (G_OBJECT (client), (gpointer *)&alive);
      g_clear_object (&result);
      g_object_unref (client);
      settle ();
      g_assert_null (alive);
    }
}

static void
test_unref_in_flight (void)
{
  g_autoptr(FaultServer) server = fault_server_new (NULL);
  VlClient *client = new_client_for (server);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;

  /* The request keeps the client alive until it ends, however it ends. */
  vl_client_set_timeout (client, 1);
  g_object_add_weak_pointer (G_OBJECT (client), (gpointer *)&client);
  start_hanging (server, FAULT_ENDPOINT_GRAPHQL, client, OP_PREPARE, NULL,
                 &result);
  g_object_unref (client);
  g_assert_nonnull (client);

  wait_for (&result);
  call = finish (client, OP_PREPARE, result, &error);
  g_assert_null (call);
  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_TIMED_OUT);

  g_clear_object (&result);
  settle ();
  g_assert_null (client);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Out of the TAP stream, whatever G_MESSAGES_DEBUG turns on */
  g_log_writer_default_set_use_stderr (TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    g_test_add_data_func (fault_cases[i].path, &fault_cases[i], test_fault);
  for (guint i = 0; i < G_N_ELEMENTS (accepted_cases); i++)
    g_test_add_data_func (accepted_cases[i].path, &accepted_cases[i],
                          test_accepted);

  g_test_add_func ("/faults/http/retry-after-date", test_retry_after_date);
  g_test_add_func ("/faults/network/connection-refused",
                   test_connection_refused);
  g_test_add_func ("/faults/network/dns-failure", test_dns_failure);
  g_test_add_func ("/faults/network/untrusted-certificate",
                   test_untrusted_certificate);
  g_test_add_data_func ("/faults/network/timeout",
                        GINT_TO_POINTER (FAULT_ENDPOINT_GRAPHQL),
                        test_timeout);
  g_test_add_data_func ("/faults/network/token-timeout",
                        GINT_TO_POINTER (FAULT_ENDPOINT_TOKEN),
                        test_timeout);
  g_test_add_data_func ("/faults/cancel/in-flight",
                        GINT_TO_POINTER (FAULT_ENDPOINT_GRAPHQL),
                        test_cancel_in_flight);
  g_test_add_data_func ("/faults/cancel/token-in-flight",
                        GINT_TO_POINTER (FAULT_ENDPOINT_TOKEN),
                        test_cancel_in_flight);
  g_test_add_func ("/faults/cancel/before-start", test_cancelled_before);
  g_test_add_data_func ("/faults/dispose/in-flight",
                        GINT_TO_POINTER (FAULT_ENDPOINT_GRAPHQL),
                        test_dispose_in_flight);
  g_test_add_data_func ("/faults/dispose/token-in-flight",
                        GINT_TO_POINTER (FAULT_ENDPOINT_TOKEN),
                        test_dispose_in_flight);
  g_test_add_func ("/faults/dispose/unref-in-flight", test_unref_in_flight);

  return g_test_run ();
}

/* test-demo-backend.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "vl-demo-backend.h"

#define PREPARE_QUERY \
  "mutation PrepareVisionLiveCall($input: PrepareVisionLiveCallInput!) {\n" \
  "  prepareVisionLiveCall(input: $input) {\n" \
  "    visionLiveCall {\n" \
  "      id\n" \
  "      invitations { type recipient }\n" \
  "      integrationEntityId { namespace id }\n" \
  "      callMetadataJSON\n" \
  "      visionLiveLink\n" \
  "    }\n" \
  "  }\n" \
  "}\n"

#define GET_QUERY \
  "query GetVisionLiveCall($input: GetVisionLiveCallInput!) {\n" \
  "  getVisionLiveCall(input: $input) {\n" \
  "    visionLiveCall {\n" \
  "      id\n" \
  "      invitations { type recipient }\n" \
  "      integrationEntityId { namespace id }\n" \
  "      callMetadataJSON\n" \
  "      visionLiveLink\n" \
  "    }\n" \
  "  }\n" \
  "}\n"

#define assert_contains(haystack, needle)                                   \
  G_STMT_START {                                                            \
    const char *h__ = (haystack);                                           \
    const char *n__ = (needle);                                             \
    if (h__ == NULL || strstr (h__, n__) == NULL)                           \
      {                                                                     \
        g_autofree char *m__ = g_strdup_printf ("\"%s\" does not contain "  \
                                                "\"%s\"", h__, n__);        \
        g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC,   \
                             m__);                                          \
      }                                                                     \
  } G_STMT_END

typedef struct
{
  VlDemoBackend *backend;
  SoupSession   *session;
} Fixture;

typedef struct
{
  guint  status;
  char  *content_type;
  char  *body;
} Response;

static void
response_free (Response *response)
{
  g_free (response->content_type);
  g_free (response->body);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->backend = vl_demo_backend_new ();
  g_assert_true (vl_demo_backend_start (fixture->backend, &error));
  g_assert_no_error (error);
  fixture->session = soup_session_new_with_options ("timeout", 5,
                                                   "proxy-resolver", NULL,
                                                   NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  soup_session_abort (fixture->session);
  g_clear_object (&fixture->session);
  if (fixture->backend != NULL)
    g_assert_finalize_object (g_steal_pointer (&fixture->backend));
}

/* HTTP helpers */

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
wait_for_result (GAsyncResult **result)
{
  GMainContext *context = g_main_context_ref_thread_default ();

  while (*result == NULL)
    g_main_context_iteration (context, TRUE);

  g_main_context_unref (context);
}

static Response *
response_new (SoupSession  *session,
              SoupMessage  *msg,
              GAsyncResult *result)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  const char *content_type;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  Response *response = g_new0 (Response, 1);

  bytes = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);

  response->status = soup_message_get_status (msg);
  content_type = soup_message_headers_get_one (headers, "Content-Type");
  response->content_type = g_strdup (content_type);
  response->body = g_strndup (g_bytes_get_data (bytes, NULL),
                              g_bytes_get_size (bytes));
  return response;
}

static Response *
send_message (Fixture     *fixture,
              SoupMessage *msg)
{
  g_autoptr(GAsyncResult) result = NULL;

  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT,
                                    NULL, on_sent, &result);
  wait_for_result (&result);

  return response_new (fixture->session, msg, result);
}

static Response *
send_request (Fixture    *fixture,
              const char *method,
              const char *url,
              const char *authorization,
              const char *body)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  if (authorization != NULL)
    soup_message_headers_replace (headers, "Authorization", authorization);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json",
                                                bytes);
    }

  return send_message (fixture, msg);
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static JsonObject *
response_get_json (Response *response)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpstr (response->content_type, ==, "application/json");
  root = json_from_string (response->body, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

/* Token helpers */

static Response *
post_credentials (Fixture    *fixture,
                  const char *api_key,
                  const char *api_secret)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *body = NULL;

  json_object_set_string_member (object, "api_key", api_key);
  json_object_set_string_member (object, "api_secret", api_secret);
  body = object_to_string (object);

  return send_request (fixture, SOUP_METHOD_POST,
                       vl_demo_backend_get_token_url (fixture->backend),
                       NULL, body);
}

static char *
dup_token (Response *response)
{
  g_autoptr(JsonObject) root = NULL;
  const char *token;

  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  root = response_get_json (response);
  token = json_object_get_string_member (root, "token");
  g_assert_nonnull (token);
  g_assert_cmpuint (strlen (token), >, 16);

  return g_strdup (token);
}

static char *
fetch_token (Fixture *fixture)
{
  g_autoptr(Response) response = NULL;

  response = post_credentials (fixture, VL_DEMO_API_KEY, VL_DEMO_API_SECRET);
  return dup_token (response);
}

/* GraphQL helpers */

/* Takes @input; it may be NULL to send no variables. */
static Response *
post_graphql (Fixture    *fixture,
              const char *authorization,
              const char *operation_name,
              const char *query,
              JsonObject *input)
{
  g_autoptr(JsonObject) request = json_object_new ();
  g_autofree char *body = NULL;

  json_object_set_string_member (request, "query", query);
  json_object_set_string_member (request, "operationName", operation_name);
  if (input != NULL)
    {
      JsonObject *variables = json_object_new ();

      json_object_set_object_member (variables, "input", input);
      json_object_set_object_member (request, "variables", variables);
    }
  body = object_to_string (request);

  return send_request (fixture, SOUP_METHOD_POST,
                       vl_demo_backend_get_graphql_url (fixture->backend),
                       authorization, body);
}

static Response *
post_prepare (Fixture    *fixture,
              const char *token,
              JsonObject *input)
{
  return post_graphql (fixture, token, "PrepareVisionLiveCall",
                       PREPARE_QUERY, input);
}

static Response *
post_get (Fixture    *fixture,
          const char *token,
          const char *id)
{
  JsonObject *input = json_object_new ();

  json_object_set_string_member (input, "id", id);
  return post_graphql (fixture, token, "GetVisionLiveCall", GET_QUERY, input);
}

/* The input of the guide's example request. */
static JsonObject *
example_input (void)
{
  JsonObject *input = json_object_new ();
  JsonArray *invitations = json_array_new ();
  JsonObject *invitation = json_object_new ();
  JsonObject *entity_id = json_object_new ();

  json_object_set_string_member (invitation, "type", "sms");
  json_object_set_string_member (invitation, "recipient", "2223334444");
  json_array_add_object_element (invitations, invitation);
  json_object_set_string_member (entity_id, "namespace", "anamespace");
  json_object_set_string_member (entity_id, "id", "INTEG_ID");

  json_object_set_array_member (input, "invitations", invitations);
  json_object_set_object_member (input, "integrationEntityId", entity_id);
  json_object_set_string_member (input, "callMetadataJSON",
                                 "{\"key\":\"VALUE\"}");
  return input;
}

static JsonObject *
first_invitation (JsonObject *input)
{
  JsonArray *invitations = json_object_get_array_member (input, "invitations");

  return json_array_get_object_element (invitations, 0);
}

/* Returns data.<field>.visionLiveCall of a successful answer. */
static JsonObject *
response_get_call (Response   *response,
                   const char *field)
{
  g_autoptr(JsonObject) root = NULL;
  JsonObject *data;
  JsonObject *result;

  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  root = response_get_json (response);
  g_assert_false (json_object_has_member (root, "errors"));
  data = json_object_get_object_member (root, "data");
  g_assert_nonnull (data);
  result = json_object_get_object_member (data, field);
  g_assert_nonnull (result);

  return json_object_ref (json_object_get_object_member (result,
                                                         "visionLiveCall"));
}

static char *
prepare_example (Fixture    *fixture,
                 const char *token)
{
  g_autoptr(Response) response = post_prepare (fixture, token,
                                               example_input ());
  g_autoptr(JsonObject) call = response_get_call (response,
                                                  "prepareVisionLiveCall");

  return g_strdup (json_object_get_string_member (call, "id"));
}

/* Asserts one error entry and returns its message. */
static const char *
get_single_error (JsonObject *root,
                  const char *code)
{
  JsonArray *errors = json_object_get_array_member (root, "errors");
  JsonObject *error;

  g_assert_nonnull (errors);
  g_assert_cmpuint (json_array_get_length (errors), ==, 1);
  error = json_array_get_object_element (errors, 0);
  if (code != NULL)
    {
      JsonObject *extensions = json_object_get_object_member (error,
                                                              "extensions");

      g_assert_cmpstr (json_object_get_string_member (extensions, "code"),
                       ==, code);
    }

  return json_object_get_string_member (error, "message");
}

/* An answer refused before execution: 200, data null, one error. */
static void
assert_operation_error (Response   *response,
                        const char *code,
                        const char *fragment,
                        const char *other_fragment)
{
  g_autoptr(JsonObject) root = NULL;
  const char *message;

  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  root = response_get_json (response);
  g_assert_true (json_object_has_member (root, "data"));
  g_assert_true (json_object_get_null_member (root, "data"));
  message = get_single_error (root, code);
  assert_contains (message, fragment);
  if (other_fragment != NULL)
    assert_contains (message, other_fragment);
}

static void
assert_unauthorized (Response *response)
{
  g_autoptr(JsonObject) root = NULL;
  const char *message;

  g_assert_cmpuint (response->status, ==, SOUP_STATUS_UNAUTHORIZED);
  root = response_get_json (response);
  g_assert_false (json_object_has_member (root, "data"));
  message = get_single_error (root, "UNAUTHENTICATED");
  assert_contains (message, "Unauthorized");
}

/* Tests: start */

static void
test_start (void)
{
  g_autoptr(VlDemoBackend) backend = vl_demo_backend_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token_url = NULL;
  g_autofree char *graphql_url = NULL;
  const char *base_url;

  g_assert_null (vl_demo_backend_get_base_url (backend));
  g_assert_null (vl_demo_backend_get_token_url (backend));
  g_assert_null (vl_demo_backend_get_graphql_url (backend));

  g_assert_true (vl_demo_backend_start (backend, &error));
  g_assert_no_error (error);

  base_url = vl_demo_backend_get_base_url (backend);
  g_assert_true (g_regex_match_simple ("^http://127\\.0\\.0\\.1:[1-9][0-9]*$",
                                       base_url, 0, 0));
  token_url = g_strconcat (base_url, "/token", NULL);
  graphql_url = g_strconcat (base_url, "/graphql", NULL);
  g_assert_cmpstr (vl_demo_backend_get_token_url (backend), ==, token_url);
  g_assert_cmpstr (vl_demo_backend_get_graphql_url (backend), ==, graphql_url);

  g_assert_true (vl_demo_backend_start (backend, &error));
  g_assert_cmpstr (vl_demo_backend_get_base_url (backend), ==, base_url);
}

/* Tests: token endpoint */

static void
test_token_post (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *first = fetch_token (fixture);
  g_autofree char *second = fetch_token (fixture);

  g_assert_cmpstr (first, !=, second);
  g_assert_cmpuint (vl_demo_backend_get_token_requests (fixture->backend),
                    ==, 2);
}

static void
test_token_basic (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *credentials = VL_DEMO_API_KEY ":" VL_DEMO_API_SECRET;
  g_autofree char *encoded = g_base64_encode ((const guchar *)credentials,
                                              strlen (credentials));
  g_autofree char *header = g_strconcat ("Basic ", encoded, NULL);
  g_autoptr(Response) response = NULL;
  g_autofree char *token = NULL;

  response = send_request (fixture, SOUP_METHOD_GET,
                           vl_demo_backend_get_token_url (fixture->backend),
                           header, NULL);
  token = dup_token (response);
  g_assert_true (g_str_has_prefix (token, "demo."));
}

static void
test_token_wrong_secret (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(Response) response = NULL;
  g_autoptr(JsonObject) root = NULL;

  response = post_credentials (fixture, VL_DEMO_API_KEY, "not-the-secret");
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_UNAUTHORIZED);
  root = response_get_json (response);
  g_assert_cmpstr (json_object_get_string_member (root, "message"), ==,
                   "Invalid API key or secret");
  g_assert_false (json_object_has_member (root, "token"));
}

static void
test_token_bad_body (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(Response) response = NULL;

  response = send_request (fixture, SOUP_METHOD_POST,
                           vl_demo_backend_get_token_url (fixture->backend),
                           NULL, "[\"" VL_DEMO_API_KEY "\"]");
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpstr (response->content_type, ==, "application/json");
}

static void
test_token_bad_method (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(Response) response = NULL;

  response = send_request (fixture, SOUP_METHOD_PUT,
                           vl_demo_backend_get_token_url (fixture->backend),
                           NULL, "{}");
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_METHOD_NOT_ALLOWED);
}

static SoupMessage *
token_message_new (Fixture *fixture)
{
  const char *url = vl_demo_backend_get_token_url (fixture->backend);
  SoupMessage *msg = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *body = NULL;
  g_autoptr(GBytes) bytes = NULL;

  json_object_set_string_member (object, "api_key", VL_DEMO_API_KEY);
  json_object_set_string_member (object, "api_secret", VL_DEMO_API_SECRET);
  body = object_to_string (object);
  bytes = g_bytes_new (body, strlen (body));
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);

  return msg;
}

/* Runs on a main context of its own, which only this test iterates: the
 * held-back answers must be released there.
 */
static void
test_token_delay (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  Fixture fixture;
  g_autoptr(SoupMessage) first = NULL;
  g_autoptr(SoupMessage) second = NULL;
  g_autoptr(GAsyncResult) first_result = NULL;
  g_autoptr(GAsyncResult) second_result = NULL;
  g_autoptr(Response) first_response = NULL;
  g_autoptr(Response) second_response = NULL;
  g_autofree char *first_token = NULL;
  g_autofree char *second_token = NULL;
  gint64 start;

  g_main_context_push_thread_default (context);
  fixture_set_up (&fixture, NULL);
  vl_demo_backend_set_token_delay (fixture.backend, 200);
  first = token_message_new (&fixture);
  second = token_message_new (&fixture);

  start = g_get_monotonic_time ();
  soup_session_send_and_read_async (fixture.session, first, G_PRIORITY_DEFAULT,
                                    NULL, on_sent, &first_result);
  soup_session_send_and_read_async (fixture.session, second,
                                    G_PRIORITY_DEFAULT, NULL, on_sent,
                                    &second_result);
  wait_for_result (&first_result);
  wait_for_result (&second_result);
  g_assert_cmpint (g_get_monotonic_time () - start, >=,
                   200 * G_TIME_SPAN_MILLISECOND);

  first_response = response_new (fixture.session, first, first_result);
  second_response = response_new (fixture.session, second, second_result);
  first_token = dup_token (first_response);
  second_token = dup_token (second_response);
  g_assert_cmpstr (first_token, !=, second_token);
  g_assert_cmpuint (vl_demo_backend_get_token_requests (fixture.backend),
                    ==, 2);

  fixture_tear_down (&fixture, NULL);
  g_main_context_pop_thread_default (context);
}

/* Dropping the backend while an answer is held back must end the request
 * cleanly: the client sees a network error, nothing is left behind.
 */
static void
test_token_delay_dispose (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = token_message_new (fixture);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  vl_demo_backend_set_token_delay (fixture->backend, 5000);
  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT,
                                    NULL, on_sent, &result);
  while (vl_demo_backend_get_token_requests (fixture->backend) == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_finalize_object (g_steal_pointer (&fixture->backend));
  wait_for_result (&result);
  bytes = soup_session_send_and_read_finish (fixture->session, result, &error);
  g_assert_null (bytes);
  g_assert_nonnull (error);
}

/* Tests: GraphQL authorization */

static void
test_graphql_no_token (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(Response) response = post_prepare (fixture, NULL,
                                               example_input ());

  assert_unauthorized (response);
}

static void
test_graphql_bearer (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *token = fetch_token (fixture);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(Response) response = post_prepare (fixture, bearer,
                                               example_input ());

  assert_unauthorized (response);
  g_assert_cmpstr (vl_demo_backend_get_last_authorization (fixture->backend),
                   ==, bearer);
}

static void
test_graphql_expired_token (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autoptr(Response) response = NULL;

  vl_demo_backend_set_token_lifetime (fixture->backend,
                                      G_TIME_SPAN_MILLISECOND);
  token = fetch_token (fixture);
  g_usleep (20 * G_TIME_SPAN_MILLISECOND);

  response = post_prepare (fixture, token, example_input ());
  assert_unauthorized (response);
}

static void
test_graphql_revoked (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *token = fetch_token (fixture);
  g_autofree char *id = prepare_example (fixture, token);
  g_autoptr(Response) response = NULL;

  vl_demo_backend_revoke_tokens (fixture->backend);
  response = post_get (fixture, token, id);
  assert_unauthorized (response);
}

static void
test_graphql_bad_method (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *token = fetch_token (fixture);
  g_autoptr(Response) response = NULL;

  response = send_request (fixture, SOUP_METHOD_GET,
                           vl_demo_backend_get_graphql_url (fixture->backend),
                           token, NULL);
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_METHOD_NOT_ALLOWED);
}

static void
test_graphql_bad_body (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *url = vl_demo_backend_get_graphql_url (fixture->backend);
  g_autofree char *token = fetch_token (fixture);
  g_autoptr(Response) not_json = NULL;
  g_autoptr(Response) no_query = NULL;
  g_autoptr(JsonObject) root = NULL;

  not_json = send_request (fixture, SOUP_METHOD_POST, url, token, "query {");
  g_assert_cmpuint (not_json->status, ==, SOUP_STATUS_BAD_REQUEST);
  root = response_get_json (not_json);
  assert_contains (get_single_error (root, "BAD_REQUEST"), "not JSON");

  no_query = send_request (fixture, SOUP_METHOD_POST, url, token,
                           "{\"operationName\": \"GetVisionLiveCall\"}");
  g_assert_cmpuint (no_query->status, ==, SOUP_STATUS_BAD_REQUEST);
  g_clear_pointer (&root, json_object_unref);
  root = response_get_json (no_query);
  assert_contains (get_single_error (root, "BAD_REQUEST"), "\"query\"");
}

/* Tests: the operations */

static void
assert_example_call (JsonObject *call)
{
  JsonArray *invitations = json_object_get_array_member (call, "invitations");
  JsonObject *invitation = json_array_get_object_element (invitations, 0);
  JsonObject *entity_id = json_object_get_object_member (call,
                                                         "integrationEntityId");

  g_assert_true (g_regex_match_simple ("^call-[0-9a-f]{32}$",
                                       json_object_get_string_member (call,
                                                                      "id"),
                                       0, 0));
  g_assert_cmpuint (json_array_get_length (invitations), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (invitation, "type"), ==,
                   "sms");
  g_assert_cmpstr (json_object_get_string_member (invitation, "recipient"),
                   ==, "2223334444");
  g_assert_cmpstr (json_object_get_string_member (entity_id, "namespace"),
                   ==, "anamespace");
  g_assert_cmpstr (json_object_get_string_member (entity_id, "id"), ==,
                   "INTEG_ID");
  g_assert_cmpstr (json_object_get_string_member (call, "callMetadataJSON"),
                   ==, "{\"key\":\"VALUE\"}");
}

static void
test_prepare (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *token = fetch_token (fixture);
  g_autoptr(Response) response = post_prepare (fixture, token,
                                               example_input ());
  g_autoptr(JsonObject) call = response_get_call (response,
                                                  "prepareVisionLiveCall");
  g_autofree char *link = NULL;

  assert_example_call (call);
  link = g_strconcat (vl_demo_backend_get_base_url (fixture->backend),
                      "/live/", json_object_get_string_member (call, "id"),
                      NULL);
  g_assert_cmpstr (json_object_get_string_member (call, "visionLiveLink"),
                   ==, link);
  assert_contains (vl_demo_backend_get_last_request_body (fixture->backend),
                   "\"recipient\":\"2223334444\"");
}

static void
test_prepare_nulls (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *token = fetch_token (fixture);
  JsonObject *input = json_object_new ();
  g_autoptr(Response) response = NULL;
  g_autoptr(JsonObject) call = NULL;
  JsonArray *invitations;

  json_object_set_null_member (input, "invitations");
  json_object_set_null_member (input, "integrationEntityId");
  json_object_set_null_member (input, "callMetadataJSON");
  response = post_prepare (fixture, token, input);
  call = response_get_call (response, "prepareVisionLiveCall");

  invitations = json_object_get_array_member (call, "invitations");
  g_assert_cmpuint (json_array_get_length (invitations), ==, 0);
  g_assert_true (json_object_get_null_member (call, "integrationEntityId"));
  g_assert_true (json_object_get_null_member (call, "callMetadataJSON"));
  g_assert_nonnull (json_object_get_string_member (call, "visionLiveLink"));
}

static void
test_get (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *token = fetch_token (fixture);
  g_autoptr(Response) prepared = post_prepare (fixture, token,
                                               example_input ());
  g_autoptr(JsonObject) call = response_get_call (prepared,
                                                  "prepareVisionLiveCall");
  const char *id = json_object_get_string_member (call, "id");
  g_autoptr(Response) response = post_get (fixture, token, id);
  g_autoptr(JsonObject) got = response_get_call (response,
                                                 "getVisionLiveCall");
  g_autoptr(JsonNode) call_node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) got_node = json_node_new (JSON_NODE_OBJECT);

  assert_example_call (got);
  g_assert_cmpstr (json_object_get_string_member (got, "id"), ==, id);
  json_node_set_object (call_node, call);
  json_node_set_object (got_node, got);
  g_assert_true (json_node_equal (call_node, got_node));
}

static void
test_get_unknown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *token = fetch_token (fixture);
  g_autoptr(Response) response = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonObject *data_object;
  JsonArray *errors;
  JsonArray *path;

  response = post_get (fixture, token, "call-00000000000000000000000000000000");
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  root = response_get_json (response);
  data_object = json_object_get_object_member (root, "data");
  g_assert_true (json_object_has_member (data_object, "getVisionLiveCall"));
  g_assert_true (json_object_get_null_member (data_object,
                                              "getVisionLiveCall"));
  assert_contains (get_single_error (root, NULL),
                   "\"call-00000000000000000000000000000000\"");

  errors = json_object_get_array_member (root, "errors");
  path = json_object_get_array_member (json_array_get_object_element (errors,
                                                                      0),
                                       "path");
  g_assert_cmpstr (json_array_get_string_element (path, 0), ==,
                   "getVisionLiveCall");
}

static void
test_invalid_type (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *token = fetch_token (fixture);
  JsonObject *input = example_input ();
  g_autoptr(Response) response = NULL;
  guint calls_before = vl_demo_backend_get_graphql_requests (fixture->backend);

  json_object_set_string_member (first_invitation (input), "type", "fax");
  response = post_prepare (fixture, token, input);
  assert_operation_error (response, "BAD_USER_INPUT",
                          "\"input.invitations[0].type\"",
                          "Value \"fax\" does not exist in \"InvitationType\" "
                          "enum.");
  g_assert_cmpuint (vl_demo_backend_get_graphql_requests (fixture->backend),
                    ==, calls_before + 1);
}

static void
test_missing_recipient (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *token = fetch_token (fixture);
  JsonObject *input = example_input ();
  g_autoptr(Response) response = NULL;

  json_object_remove_member (first_invitation (input), "recipient");
  response = post_prepare (fixture, token, input);
  assert_operation_error (response, "BAD_USER_INPUT",
                          "at \"input.invitations[0]\"",
                          "Field \"recipient\" of required type \"String!\" "
                          "was not provided.");
}

static void
test_namespace_type (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *token = fetch_token (fixture);
  JsonObject *input = example_input ();
  JsonObject *entity_id = json_object_get_object_member (input,
                                                         "integrationEntityId");
  g_autoptr(Response) response = NULL;

  json_object_set_int_member (entity_id, "namespace", 42);
  response = post_prepare (fixture, token, input);
  assert_operation_error (response, "BAD_USER_INPUT",
                          "got invalid value 42 at "
                          "\"input.integrationEntityId.namespace\"",
                          "String cannot represent a non string value");
}

static void
test_unknown_field (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *token = fetch_token (fixture);
  JsonObject *input = example_input ();
  g_autoptr(Response) response = NULL;

  json_object_set_string_member (input, "priority", "high");
  response = post_prepare (fixture, token, input);
  assert_operation_error (response, "BAD_USER_INPUT",
                          "Field \"priority\" is not defined by type "
                          "\"PrepareVisionLiveCallInput\".", NULL);
}

static void
test_missing_input (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *token = fetch_token (fixture);
  g_autoptr(Response) response = NULL;

  response = post_graphql (fixture, token, "GetVisionLiveCall", GET_QUERY,
                           NULL);
  assert_operation_error (response, "BAD_USER_INPUT",
                          "Variable \"$input\" of required type "
                          "\"GetVisionLiveCallInput!\" was not provided.",
                          NULL);
}

static void
test_bad_metadata (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *token = fetch_token (fixture);
  JsonObject *input = example_input ();
  g_autoptr(Response) response = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonObject *data_object;

  json_object_set_string_member (input, "callMetadataJSON", "{key: VALUE");
  response = post_prepare (fixture, token, input);
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  root = response_get_json (response);
  data_object = json_object_get_object_member (root, "data");
  g_assert_true (json_object_get_null_member (data_object,
                                              "prepareVisionLiveCall"));
  assert_contains (get_single_error (root, "BAD_USER_INPUT"),
                   "callMetadataJSON is not valid JSON: ");
}

static void
test_unknown_operation (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *token = fetch_token (fixture);
  g_autoptr(Response) response = NULL;

  response = post_graphql (fixture, token, "DeleteVisionLiveCall",
                           "mutation DeleteVisionLiveCall { "
                           "deleteVisionLiveCall(input: $input) }",
                           example_input ());
  assert_operation_error (response, NULL,
                          "Unknown operation \"DeleteVisionLiveCall\"", NULL);
}

static void
test_omit_link (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *token = fetch_token (fixture);
  g_autoptr(Response) response = NULL;
  g_autoptr(JsonObject) call = NULL;

  vl_demo_backend_set_omit_link (fixture->backend, TRUE);
  response = post_prepare (fixture, token, example_input ());
  call = response_get_call (response, "prepareVisionLiveCall");

  assert_example_call (call);
  g_assert_false (json_object_has_member (call, "visionLiveLink"));
}

static void
test_fail_next (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *token = fetch_token (fixture);
  g_autoptr(Response) failed = NULL;
  g_autoptr(Response) response = NULL;
  g_autoptr(JsonObject) call = NULL;

  vl_demo_backend_fail_next (fixture->backend, 1, SOUP_STATUS_BAD_GATEWAY);
  failed = post_prepare (fixture, token, example_input ());
  g_assert_cmpuint (failed->status, ==, SOUP_STATUS_BAD_GATEWAY);
  g_assert_true (g_str_has_prefix (failed->content_type, "text/html"));
  assert_contains (failed->body, "502 Bad Gateway");

  response = post_prepare (fixture, token, example_input ());
  call = response_get_call (response, "prepareVisionLiveCall");
  assert_example_call (call);
  g_assert_cmpuint (vl_demo_backend_get_graphql_requests (fixture->backend),
                    ==, 2);
}

static void
test_counters (Fixture       *fixture,
               gconstpointer  data)
{
  VlDemoBackend *backend = fixture->backend;
  g_autoptr(Response) wrong = NULL;
  g_autoptr(Response) anonymous = NULL;
  g_autofree char *token = NULL;
  g_autofree char *id = NULL;

  g_assert_cmpuint (vl_demo_backend_get_token_requests (backend), ==, 0);
  g_assert_cmpuint (vl_demo_backend_get_graphql_requests (backend), ==, 0);
  g_assert_null (vl_demo_backend_get_last_authorization (backend));
  g_assert_null (vl_demo_backend_get_last_request_body (backend));

  wrong = post_credentials (fixture, "someone", "something");
  token = fetch_token (fixture);
  g_assert_cmpuint (vl_demo_backend_get_token_requests (backend), ==, 2);

  id = prepare_example (fixture, token);
  g_assert_cmpuint (vl_demo_backend_get_graphql_requests (backend), ==, 1);
  g_assert_cmpstr (vl_demo_backend_get_last_authorization (backend), ==, token);
  assert_contains (vl_demo_backend_get_last_request_body (backend),
                   "\"operationName\":\"PrepareVisionLiveCall\"");

  anonymous = post_get (fixture, NULL, id);
  g_assert_cmpuint (vl_demo_backend_get_graphql_requests (backend), ==, 2);
  g_assert_null (vl_demo_backend_get_last_authorization (backend));
  assert_contains (vl_demo_backend_get_last_request_body (backend), id);
  g_assert_cmpuint (vl_demo_backend_get_token_requests (backend), ==, 2);
}

/* Tests: the link page */

static void
test_live_page (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *token = fetch_token (fixture);
  JsonObject *input = example_input ();
  g_autoptr(Response) prepared = NULL;
  g_autoptr(Response) page = NULL;
  g_autoptr(JsonObject) call = NULL;

  json_object_set_string_member (input, "callMetadataJSON",
                                 "{\"note\":\"<script>alert(1)</script>\"}");
  prepared = post_prepare (fixture, token, input);
  call = response_get_call (prepared, "prepareVisionLiveCall");

  page = send_request (fixture, SOUP_METHOD_GET,
                       json_object_get_string_member (call, "visionLiveLink"),
                       NULL, NULL);
  g_assert_cmpuint (page->status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (page->content_type, ==, "text/html; charset=utf-8");
  assert_contains (page->body, "<title>Vision Live demo call</title>");
  assert_contains (page->body, json_object_get_string_member (call, "id"));
  assert_contains (page->body, "2223334444");
  assert_contains (page->body, "INTEG_ID");
  assert_contains (page->body, "&lt;script&gt;alert(1)&lt;/script&gt;");
  g_assert_null (strstr (page->body, "<script>"));
}

static void
test_live_unknown (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *base_url = vl_demo_backend_get_base_url (fixture->backend);
  g_autofree char *unknown_call = NULL;
  g_autofree char *elsewhere = NULL;
  g_autoptr(Response) call_page = NULL;
  g_autoptr(Response) other_page = NULL;

  unknown_call = g_strconcat (base_url, "/live/call-nothing", NULL);
  call_page = send_request (fixture, SOUP_METHOD_GET, unknown_call, NULL,
                            NULL);
  g_assert_cmpuint (call_page->status, ==, SOUP_STATUS_NOT_FOUND);
  g_assert_true (g_str_has_prefix (call_page->content_type, "text/html"));
  assert_contains (call_page->body, "call-nothing");

  elsewhere = g_strconcat (base_url, "/elsewhere", NULL);
  other_page = send_request (fixture, SOUP_METHOD_GET, elsewhere, NULL, NULL);
  g_assert_cmpuint (other_page->status, ==, SOUP_STATUS_NOT_FOUND);
}

static void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Out of the TAP stream, whatever G_MESSAGES_DEBUG turns on */
  g_log_writer_default_set_use_stderr (TRUE);

  g_test_add_func ("/demo-backend/start", test_start);
  add_test ("/demo-backend/token/post", test_token_post);
  add_test ("/demo-backend/token/basic", test_token_basic);
  add_test ("/demo-backend/token/wrong-secret", test_token_wrong_secret);
  add_test ("/demo-backend/token/bad-body", test_token_bad_body);
  add_test ("/demo-backend/token/bad-method", test_token_bad_method);
  g_test_add_func ("/demo-backend/token/delay", test_token_delay);
  add_test ("/demo-backend/token/delay-dispose", test_token_delay_dispose);
  add_test ("/demo-backend/graphql/no-token", test_graphql_no_token);
  add_test ("/demo-backend/graphql/bearer", test_graphql_bearer);
  add_test ("/demo-backend/graphql/expired-token", test_graphql_expired_token);
  add_test ("/demo-backend/graphql/revoked", test_graphql_revoked);
  add_test ("/demo-backend/graphql/bad-method", test_graphql_bad_method);
  add_test ("/demo-backend/graphql/bad-body", test_graphql_bad_body);
  add_test ("/demo-backend/prepare/example", test_prepare);
  add_test ("/demo-backend/prepare/nulls", test_prepare_nulls);
  add_test ("/demo-backend/prepare/invalid-type", test_invalid_type);
  add_test ("/demo-backend/prepare/missing-recipient", test_missing_recipient);
  add_test ("/demo-backend/prepare/namespace-type", test_namespace_type);
  add_test ("/demo-backend/prepare/unknown-field", test_unknown_field);
  add_test ("/demo-backend/prepare/bad-metadata", test_bad_metadata);
  add_test ("/demo-backend/prepare/omit-link", test_omit_link);
  add_test ("/demo-backend/get/known", test_get);
  add_test ("/demo-backend/get/unknown", test_get_unknown);
  add_test ("/demo-backend/get/missing-input", test_missing_input);
  add_test ("/demo-backend/graphql/unknown-operation", test_unknown_operation);
  add_test ("/demo-backend/graphql/fail-next", test_fail_next);
  add_test ("/demo-backend/counters", test_counters);
  add_test ("/demo-backend/live/page", test_live_page);
  add_test ("/demo-backend/live/unknown", test_live_unknown);

  return g_test_run ();
}

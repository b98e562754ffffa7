/* test-client.c: the API client over real loopback HTTP
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "test-util.h"
#include "vl-client.h"
#include "vl-demo-backend.h"
#include "vl-error.h"

typedef struct
{
  VlDemoBackend *demo;
  VlClient      *client;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->demo = vl_demo_backend_new ();
  vl_demo_backend_start (fixture->demo, &error);
  g_assert_no_error (error);

  fixture->client = vl_client_new ("demo",
                                   vl_demo_backend_get_graphql_url (fixture->demo),
                                   vl_demo_backend_get_token_url (fixture->demo));
  vl_client_set_credentials (fixture->client, VL_DEMO_API_KEY,
                             VL_DEMO_API_SECRET);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->demo);
}

static void
spin_for (guint msec)
{
  gint64 end = g_get_monotonic_time () + msec * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static VlCall *
prepare (VlClient  *client,
         GError   **error)
{
  g_autoptr(VlCall) draft = example_draft ();
  g_autoptr(GAsyncResult) result = NULL;

  vl_client_prepare_call_async (client, draft, NULL, on_result, &result);

  return vl_client_prepare_call_finish (client, wait_for (&result), error);
}

static VlCall *
get (VlClient    *client,
     const char  *id,
     GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vl_client_get_call_async (client, id, NULL, on_result, &result);

  return vl_client_get_call_finish (client, wait_for (&result), error);
}

static void
assert_example_call (VlCall *call)
{
  g_autoptr(VlInvitation) invitation = NULL;

  g_assert_true (g_regex_match_simple ("^call-[0-9a-f]{32}$",
                                       vl_call_get_id (call), 0, 0));
  g_assert_cmpuint (g_list_model_get_n_items (vl_call_get_invitations (call)),
                    ==, 1);
  invitation = g_list_model_get_item (vl_call_get_invitations (call), 0);
  g_assert_cmpint (vl_invitation_get_kind (invitation), ==,
                   VL_INVITATION_TYPE_SMS);
  g_assert_cmpstr (vl_invitation_get_recipient (invitation), ==,
                   "2223334444");
  g_assert_cmpstr (vl_call_get_integration_namespace (call), ==,
                   "anamespace");
  g_assert_cmpstr (vl_call_get_integration_id (call), ==, "INTEG_ID");
  g_assert_cmpstr (vl_call_get_metadata_json (call), ==,
                   "{\"key\":\"VALUE\"}");
  g_assert_cmpstr (vl_call_get_environment (call), ==, "demo");
}

static void
test_prepare_and_get (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;
  g_autoptr(VlCall) again = NULL;
  g_autofree char *link = NULL;
  const char *authorization;

  call = prepare (fixture->client, &error);
  g_assert_no_error (error);
  assert_example_call (call);
  g_assert_nonnull (vl_call_get_prepared_at (call));

  link = g_strdup_printf ("%s/live/%s",
                          vl_demo_backend_get_base_url (fixture->demo),
                          vl_call_get_id (call));
  g_assert_cmpstr (vl_call_get_link (call), ==, link);

  /* The header is the raw token: no "Bearer", no scheme at all. */
  authorization = vl_demo_backend_get_last_authorization (fixture->demo);
  g_assert_nonnull (authorization);
  g_assert_null (strchr (authorization, ' '));
  g_assert_false (g_str_has_prefix (authorization, "Bearer"));

  again = get (fixture->client, vl_call_get_id (call), &error);
  g_assert_no_error (error);
  assert_example_call (again);
  g_assert_cmpstr (vl_call_get_id (again), ==, vl_call_get_id (call));
  g_assert_cmpstr (vl_call_get_link (again), ==, link);

  g_assert_cmpuint (vl_demo_backend_get_token_requests (fixture->demo), ==, 1);
  g_assert_cmpuint (vl_demo_backend_get_graphql_requests (fixture->demo), ==,
                    2);
}

static void
test_no_link (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;

  vl_demo_backend_set_omit_link (fixture->demo, TRUE);
  call = prepare (fixture->client, &error);
  g_assert_no_error (error);
  assert_example_call (call);
  g_assert_null (vl_call_get_link (call));
}

static void
test_unknown_call (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;

  call = get (fixture->client, "call-00000000000000000000000000000000",
              &error);
  g_assert_null (call);
  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_GRAPHQL);
  g_assert_nonnull (strstr (error->message,
                            "call-00000000000000000000000000000000"));
}

static void
test_service_validation (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(VlCall) draft = example_draft ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;

  /* The service's own words reach the user unchanged. */
  vl_call_set_metadata_json (draft, "{not json");
  vl_client_prepare_call_async (fixture->client, draft, NULL, on_result,
                                &result);
  call = vl_client_prepare_call_finish (fixture->client, wait_for (&result),
                                        &error);
  g_assert_null (call);
  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_GRAPHQL);
  g_assert_nonnull (strstr (error->message, "callMetadataJSON"));
}

typedef struct
{
  guint       status;
  const char *says;
} StatusCase;

static void
test_http_status (Fixture       *fixture,
                  gconstpointer  data)
{
  const StatusCase cases[] = {
    { 400, "HTTP 400" },
    { 404, "has nothing at http://127.0.0.1:" },
    { 429, "busy (HTTP 429)" },
    { 500, "having trouble (HTTP 500" },
    { 502, "having trouble (HTTP 502" },
    { 503, "having trouble (HTTP 503" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VlCall) call = NULL;

      vl_demo_backend_fail_next (fixture->demo, 1, cases[i].status);
      call = prepare (fixture->client, &error);
      g_assert_null (call);
      g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_HTTP_STATUS);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("HTTP %u: “%s” does not say “%s”", cases[i].status,
                 error->message, cases[i].says);
    }

  /* Nothing sticks: the next request works. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(VlCall) call = prepare (fixture->client, &error);

    g_assert_no_error (error);
    assert_example_call (call);
  }
}

static void
test_401_then_success (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;

  vl_demo_backend_fail_next (fixture->demo, 1, 401);
  call = prepare (fixture->client, &error);
  g_assert_no_error (error);
  assert_example_call (call);
  g_assert_cmpuint (vl_demo_backend_get_token_requests (fixture->demo), ==, 2);
  g_assert_cmpuint (vl_demo_backend_get_graphql_requests (fixture->demo), ==,
                    2);
}

static void
test_revoked_token (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) first = NULL;
  g_autoptr(VlCall) second = NULL;

  first = prepare (fixture->client, &error);
  g_assert_no_error (error);

  vl_demo_backend_revoke_tokens (fixture->demo);
  second = prepare (fixture->client, &error);
  g_assert_no_error (error);
  assert_example_call (second);
  g_assert_cmpuint (vl_demo_backend_get_token_requests (fixture->demo), ==, 2);
  g_assert_cmpuint (vl_demo_backend_get_graphql_requests (fixture->demo), ==,
                    3);
}

static void
test_rejected_twice (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;

  /* One retry with a new token, then a clear error: never a loop. */
  vl_demo_backend_fail_next (fixture->demo, 5, 403);
  call = prepare (fixture->client, &error);
  g_assert_null (call);
  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_NOT_AUTHORIZED);
  g_assert_nonnull (strstr (error->message, "Preferences"));
  g_assert_cmpuint (vl_demo_backend_get_token_requests (fixture->demo), ==, 2);
  g_assert_cmpuint (vl_demo_backend_get_graphql_requests (fixture->demo), ==,
                    2);
}

static void
test_wrong_credentials (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;

  vl_client_set_credentials (fixture->client, VL_DEMO_API_KEY, "wrong");
  call = prepare (fixture->client, &error);
  g_assert_null (call);
  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_NOT_AUTHORIZED);
  g_assert_nonnull (strstr (error->message, "API key or secret"));
  g_assert_cmpuint (vl_demo_backend_get_token_requests (fixture->demo), ==, 1);
  g_assert_cmpuint (vl_demo_backend_get_graphql_requests (fixture->demo), ==,
                    0);
}

static void
test_no_credentials (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;

  vl_client_set_credentials (fixture->client, NULL, NULL);
  g_assert_false (vl_client_has_credentials (fixture->client));
  call = prepare (fixture->client, &error);
  g_assert_null (call);
  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_NOT_AUTHORIZED);
  g_assert_cmpuint (vl_demo_backend_get_token_requests (fixture->demo), ==, 0);
}

static void
test_one_token_for_many (Fixture       *fixture,
                         gconstpointer  data)
{
  GAsyncResult *results[10] = { NULL };
  g_autoptr(VlCall) draft = example_draft ();

  vl_demo_backend_set_token_delay (fixture->demo, 200);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    vl_client_prepare_call_async (fixture->client, draft, NULL, on_result,
                                  &results[i]);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VlCall) call = NULL;

      call = vl_client_prepare_call_finish (fixture->client,
                                            wait_for (&results[i]), &error);
      g_assert_no_error (error);
      assert_example_call (call);
      g_clear_object (&results[i]);
    }

  g_assert_cmpuint (vl_demo_backend_get_token_requests (fixture->demo), ==, 1);
  g_assert_cmpuint (vl_demo_backend_get_graphql_requests (fixture->demo), ==,
                    10);
}

static void
test_token_renewed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) first = NULL;
  g_autoptr(VlCall) second = NULL;

  /* The client renews before the service would refuse: no 401 round
   * trip is needed.
   */
  vl_demo_backend_set_token_lifetime (fixture->demo,
                                      300 * G_TIME_SPAN_MILLISECOND);
  vl_client_set_token_lifetime (fixture->client,
                                300 * G_TIME_SPAN_MILLISECOND);

  first = prepare (fixture->client, &error);
  g_assert_no_error (error);
  spin_for (320);
  second = prepare (fixture->client, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (vl_demo_backend_get_token_requests (fixture->demo), ==, 2);
  g_assert_cmpuint (vl_demo_backend_get_graphql_requests (fixture->demo), ==,
                    2);
}

static void
test_cancel_while_waiting (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GAsyncResult) other = NULL;
  g_autoptr(VlCall) draft = example_draft ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;

  vl_demo_backend_set_token_delay (fixture->demo, 300);
  vl_client_prepare_call_async (fixture->client, draft, cancellable,
                                on_result, &cancelled);
  vl_client_prepare_call_async (fixture->client, draft, NULL,
                                on_result, &other);
  spin_for (20);
  g_cancellable_cancel (cancellable);

  /* The cancelled one returns at once, before the token arrives... */
  call = vl_client_prepare_call_finish (fixture->client, wait_for (&cancelled),
                                        &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (call);
  g_assert_null (other);
  g_clear_error (&error);

  /* ...and the other one is not disturbed. */
  call = vl_client_prepare_call_finish (fixture->client, wait_for (&other),
                                        &error);
  g_assert_no_error (error);
  assert_example_call (call);
  g_assert_cmpuint (vl_demo_backend_get_graphql_requests (fixture->demo), ==,
                    1);
}

static void
test_demo_calls_kept (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vl-demo-XXXXXX", NULL);
  g_autoptr(VlDemoBackend) first = vl_demo_backend_new ();
  g_autoptr(VlDemoBackend) second = vl_demo_backend_new ();
  g_autoptr(VlClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;
  g_autoptr(VlCall) again = NULL;
  g_autoptr(VlCall) none = NULL;
  g_autofree char *path = NULL;

  vl_demo_backend_set_storage_dir (first, dir);
  vl_demo_backend_start (first, &error);
  g_assert_no_error (error);
  client = vl_client_new ("demo", vl_demo_backend_get_graphql_url (first),
                          vl_demo_backend_get_token_url (first));
  vl_client_set_credentials (client, VL_DEMO_API_KEY, VL_DEMO_API_SECRET);
  call = prepare (client, &error);
  g_assert_no_error (error);
  g_clear_object (&client);
  g_clear_object (&first);

  /* A backend started later, as by the next command, finds the call. */
  vl_demo_backend_set_storage_dir (second, dir);
  vl_demo_backend_start (second, &error);
  g_assert_no_error (error);
  client = vl_client_new ("demo", vl_demo_backend_get_graphql_url (second),
                          vl_demo_backend_get_token_url (second));
  vl_client_set_credentials (client, VL_DEMO_API_KEY, VL_DEMO_API_SECRET);
  again = get (client, vl_call_get_id (call), &error);
  g_assert_no_error (error);
  assert_example_call (again);
  g_assert_cmpstr (vl_call_get_id (again), ==, vl_call_get_id (call));

  /* Ids that are not call ids never name a file. */
  none = get (client, "../../etc/passwd", &error);
  g_assert_null (none);
  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_GRAPHQL);

  path = g_strdup_printf ("%s/%s.json", dir, vl_call_get_id (call));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_plain_http_refused (void)
{
  g_autoptr(VlClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;

  client = vl_client_new ("custom", "http://gql.example.com/graphql",
                          "https://token.example.com/token");
  vl_client_set_credentials (client, "key", "secret");
  call = prepare (client, &error);
  g_assert_null (call);
  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "http://gql.example.com"));
}

/* A server scripted by each test, for answers the demo backend never
 * gives.
 */
typedef struct
{
  guint       status;
  const char *content_type;
  const char *body;
  gsize       repeat;
  gboolean    hang;
  guint       token_posts;
  guint       token_gets;
} Script;

static void
serve_token (SoupServerMessage *message,
             Script            *script)
{
  const char *method = soup_server_message_get_method (message);
  const char *token = "{\"token\": \"scripted-token\"}";

  if (g_str_equal (method, "POST"))
    {
      script->token_posts++;
      soup_server_message_set_status (message, 405, NULL);
      return;
    }

  script->token_gets++;
  g_assert_cmpstr (soup_message_headers_get_one (
                     soup_server_message_get_request_headers (message),
                     "Authorization"),
                   ==, "Basic a2V5OnNlY3JldA==");
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json",
                                    SOUP_MEMORY_STATIC, token, strlen (token));
}

static void
serve_graphql (SoupServerMessage *message,
               Script            *script)
{
  SoupMessageBody *body = soup_server_message_get_response_body (message);

  if (script->hang)
    {
      soup_server_message_pause (message);
      return;
    }

  soup_server_message_set_status (message, script->status, NULL);
  soup_message_headers_set_content_type (
    soup_server_message_get_response_headers (message),
    script->content_type, NULL);
  for (gsize i = 0; i < MAX (script->repeat, 1); i++)
    soup_message_body_append (body, SOUP_MEMORY_STATIC, script->body,
                              strlen (script->body));
}

static void
serve_script (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  if (g_str_equal (path, "/token"))
    serve_token (message, user_data);
  else
    serve_graphql (message, user_data);
}

static VlCall *
prepare_with_script (Script   *script,
                     guint     timeout,
                     GError  **error)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(VlClient) client = NULL;
  g_autofree char *graphql = NULL;
  g_autofree char *token = NULL;
  guint port;

  soup_server_add_handler (server, NULL, serve_script, script, NULL);
  soup_server_listen (server, address, 0, &local_error);
  g_assert_no_error (local_error);

  port = get_server_port (server);

  graphql = g_strdup_printf ("http://127.0.0.1:%u/graphql", port);
  token = g_strdup_printf ("http://127.0.0.1:%u/token", port);
  client = vl_client_new ("custom", graphql, token);
  vl_client_set_credentials (client, "key", "secret");
  if (timeout > 0)
    vl_client_set_timeout (client, timeout);

  return prepare (client, error);
}

static void
test_scripted_answers (void)
{
  g_autofree char *big = g_strnfill (1024 * 1024, ' ');
  struct {
    Script      script;
    int         code;
    const char *says;
  } cases[] = {
    { { 200, "text/html", "<html><body>Sign in to the Wi-Fi</body></html>" },
      VL_CLIENT_ERROR_BAD_ANSWER, "web page" },
    { { 200, "application/json", "" },
      VL_CLIENT_ERROR_BAD_ANSWER, "empty answer" },
    { { 200, "application/json", "{\"data\": {\"prepareVisionLiveCall" },
      VL_CLIENT_ERROR_BAD_ANSWER, "cut short" },
    { { 200, "application/json", "42" },
      VL_CLIENT_ERROR_BAD_ANSWER, "not a GraphQL answer" },
    { { 502, "text/html", "<html>Bad gateway</html>" },
      VL_CLIENT_ERROR_HTTP_STATUS, "HTTP 502" },
    { { 400, "application/json",
        "{\"errors\": [{\"message\": \"Field 'x' is not defined\"}]}" },
      VL_CLIENT_ERROR_GRAPHQL, "Field 'x' is not defined" },
    { { 200, "application/json", big, 50 },
      VL_CLIENT_ERROR_BAD_ANSWER, "larger than 4 MB" },
  };

  cases[6].script.body = big;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VlCall) call = prepare_with_script (&cases[i].script, 0,
                                                    &error);

      g_assert_null (call);
      g_assert_error (error, VL_CLIENT_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message,
                 cases[i].says);

      /* POST was refused with 405, so the token came by GET. */
      g_assert_cmpuint (cases[i].script.token_posts, ==, 1);
      g_assert_cmpuint (cases[i].script.token_gets, ==, 1);
    }
}

#define ADD_DEMO_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Out of the TAP stream, whatever G_MESSAGES_DEBUG turns on */
  g_log_writer_default_set_use_stderr (TRUE);

  ADD_DEMO_TEST ("/client/prepare-and-get", test_prepare_and_get);
  ADD_DEMO_TEST ("/client/no-link", test_no_link);
  ADD_DEMO_TEST ("/client/unknown-call", test_unknown_call);
  ADD_DEMO_TEST ("/client/service-validation", test_service_validation);
  ADD_DEMO_TEST ("/client/http-status", test_http_status);
  ADD_DEMO_TEST ("/client/token/401-then-success", test_401_then_success);
  ADD_DEMO_TEST ("/client/token/revoked", test_revoked_token);
  ADD_DEMO_TEST ("/client/token/rejected-twice", test_rejected_twice);
  ADD_DEMO_TEST ("/client/token/wrong-credentials", test_wrong_credentials);
  ADD_DEMO_TEST ("/client/token/no-credentials", test_no_credentials);
  ADD_DEMO_TEST ("/client/token/one-for-many", test_one_token_for_many);
  ADD_DEMO_TEST ("/client/token/renewed", test_token_renewed);
  ADD_DEMO_TEST ("/client/cancel-while-waiting", test_cancel_while_waiting);
  g_test_add_func ("/client/demo-calls-kept", test_demo_calls_kept);
  g_test_add_func ("/client/plain-http-refused", test_plain_http_refused);
  g_test_add_func ("/client/scripted-answers", test_scripted_answers);

  return g_test_run ();
}

/* test-window-faults.c: what the window does when the service fails
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A few faults of tests/test-faults.c, seen from the window: the custom
 * environment points at a fault server on 127.0.0.1, and each test
 * checks that what was typed stays as it was, that the error is shown
 * and that the window can start the call again.
 */

#include "config.h"

#include "fault-server.h"
#include "vl-call-view-private.h"
#include "window-util.h"

typedef struct
{
  FaultServer *server;
  VlWindow    *window;
  GPtrArray   *uris;
} Fixture;

static VlApplication *app;

static gboolean
record_uri (const char  *uri,
            gpointer     user_data,
            GError     **error)
{
  Fixture *fixture = user_data;

  g_ptr_array_add (fixture->uris, g_strdup (uri));
  return TRUE;
}

static void
set_environment (const char *name)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "environment",
                                  g_variant_new_string (name));
  settle ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = fault_server_new (NULL);
  vl_application_set_custom_urls (app,
                                  fault_server_get_graphql_url (fixture->server),
                                  fault_server_get_token_url (fixture->server));
  set_environment ("custom");
  vl_application_use_credentials (app, VL_ENVIRONMENT_CUSTOM, "fault-key",
                                  "fault-secret", TRUE);
  g_assert_nonnull (vl_application_get_client (app));
  g_assert_cmpstr (vl_client_get_graphql_url (vl_application_get_client (app)),
                   ==, fault_server_get_graphql_url (fixture->server));

  fixture->uris = g_ptr_array_new_with_free_func (g_free);
  vl_application_set_uri_handler (app, record_uri, fixture);

  fixture->window = vl_window_new (app);
  gtk_window_present (GTK_WINDOW (fixture->window));
  settle ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  vl_application_set_uri_handler (app, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  settle ();

  set_environment ("demo");
  vl_application_set_custom_urls (app, "", "");
  vl_application_use_credentials (app, VL_ENVIRONMENT_CUSTOM, NULL, NULL,
                                  FALSE);
  settle ();

  g_clear_pointer (&fixture->server, fault_server_free);
  g_ptr_array_unref (fixture->uris);
}

static gboolean
start_is_enabled (Fixture *fixture)
{
  return gtk_widget_get_sensitive (vl_window_get_start_button (fixture->window));
}

static gboolean
has_call (Fixture *fixture)
{
  return vl_call_view_get_call (vl_window_get_call_view (fixture->window))
         != NULL;
}

static void
start_call (Fixture *fixture)
{
  g_assert_null (vl_window_get_blocker (fixture->window));
  g_assert_true (start_is_enabled (fixture));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.start-call", NULL));
  g_assert_true (vl_window_get_busy (fixture->window));
}

/* No deadline: the server and the client's timeout end every request,
 * and meson's timeout catches a window that never comes back.
 */
static void
wait_until_idle (Fixture *fixture)
{
  while (vl_window_get_busy (fixture->window))
    g_main_context_iteration (NULL, TRUE);
  settle ();
}

static void
wait_until_sent (Fixture *fixture)
{
  while (fault_server_get_requests (fixture->server,
                                    FAULT_ENDPOINT_GRAPHQL) == 0)
    g_main_context_iteration (NULL, TRUE);
}

/* The error is gone, the form is as typed, and Start Call works again
 * once the service does.
 */
static void
assert_usable_again (Fixture *fixture)
{
  const Fault good = { FAULT_ANSWER };

  g_assert_false (vl_window_get_busy (fixture->window));
  g_assert_false (has_call (fixture));
  g_assert_cmpuint (fixture->uris->len, ==, 0);
  assert_form_kept (fixture->window);
  g_assert_true (start_is_enabled (fixture));

  fault_server_set_fault (fixture->server, FAULT_ENDPOINT_GRAPHQL, &good);
  start_call (fixture);
  g_assert_null (vl_window_get_request_error (fixture->window));
  wait_until_idle (fixture);

  g_assert_null (vl_window_get_request_error (fixture->window));
  g_assert_true (has_call (fixture));
  g_assert_cmpuint (fixture->uris->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->uris, 0), ==,
                   "https://vision.example.com/live/call-0123456789abcdef");
}

static void
assert_error_says (Fixture    *fixture,
                   const char *part)
{
  const char *shown = vl_window_get_request_error (fixture->window);

  g_assert_nonnull (shown);
  if (strstr (shown, part) == NULL)
    g_error ("The window shows “%s”, which does not say “%s”", shown, part);
}

static void
test_answer_fault (Fixture       *fixture,
                   gconstpointer  data)
{
  const Fault *fault = data;

  fill_guide_example (fixture->window);
  fault_server_set_fault (fixture->server, FAULT_ENDPOINT_GRAPHQL, fault);

  start_call (fixture);
  wait_until_idle (fixture);

  if (fault->status == 200)
    assert_error_says (fixture, "web page instead of an answer");
  else
    assert_error_says (fixture, "HTTP 500 Internal Server Error");
  assert_usable_again (fixture);
}

/* The service prepared the call but says an invitation failed: the call
 * is shown and opened, and so is what the service said.
 */
static void
test_errors_beside_call (Fixture       *fixture,
                         gconstpointer  data)
{
  const Fault partial = {
    FAULT_ANSWER, 200, NULL,
    "{\"data\": {\"@FIELD@\": {\"visionLiveCall\": {"
    "\"id\": \"call-partial\", \"invitations\": [], "
    "\"visionLiveLink\": \"https://vision.example.com/live/call-partial\"}}},"
    " \"errors\": [{\"message\": \"SMS to 2223334444 could not be sent\"}]}",
  };
  VlCallView *view = vl_window_get_call_view (fixture->window);

  fill_guide_example (fixture->window);
  fault_server_set_fault (fixture->server, FAULT_ENDPOINT_GRAPHQL, &partial);

  start_call (fixture);
  wait_until_idle (fixture);

  g_assert_null (vl_window_get_request_error (fixture->window));
  g_assert_true (has_call (fixture));
  g_assert_cmpstr (vl_call_view_get_id_text (view), ==, "call-partial");
  g_assert_cmpstr (vl_call_view_get_notice (view), ==,
                   "The service prepared the call, and also said: SMS to "
                   "2223334444 could not be sent");
  g_assert_cmpuint (fixture->uris->len, ==, 1);
  assert_form_kept (fixture->window);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  const Fault hang = { FAULT_HANG };

  vl_client_set_timeout (vl_application_get_client (app), 1);
  fill_guide_example (fixture->window);
  fault_server_set_fault (fixture->server, FAULT_ENDPOINT_GRAPHQL, &hang);

  start_call (fixture);
  wait_until_idle (fixture);

  assert_error_says (fixture, "did not answer within 1 second.");
  assert_usable_again (fixture);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  const Fault hang = { FAULT_HANG };

  fill_guide_example (fixture->window);
  fault_server_set_fault (fixture->server, FAULT_ENDPOINT_GRAPHQL, &hang);

  start_call (fixture);
  wait_until_sent (fixture);
  g_assert_true (vl_window_get_busy (fixture->window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.cancel-request", NULL));
  g_assert_false (vl_window_get_busy (fixture->window));
  settle ();

  /* Cancelling is not an error. */
  g_assert_null (vl_window_get_request_error (fixture->window));
  assert_usable_again (fixture);
}

static const Fault html_page = {
  FAULT_ANSWER, 200, "text/html", "<html><body>Sign in</body></html>"
};
static const Fault server_error = {
  FAULT_ANSWER, 500, "text/html", "<h1>Internal Server Error</h1>"
};

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!init_window_test (&argc, &argv))
    return 0;

  app = new_test_application ();

#define ADD_TEST(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/window-faults/html-with-200", &html_page, test_answer_fault);
  ADD_TEST ("/window-faults/500", &server_error, test_answer_fault);
  ADD_TEST ("/window-faults/errors-beside-call", NULL,
            test_errors_beside_call);
  ADD_TEST ("/window-faults/timeout", NULL, test_timeout);
  ADD_TEST ("/window-faults/cancel", NULL, test_cancel);

#undef ADD_TEST

  status = g_test_run ();

  g_clear_object (&app);

  return status;
}

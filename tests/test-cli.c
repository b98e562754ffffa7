/* test-cli.c: the vision-live command line, run as a separate process
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The path of the built program comes from $VISION_LIVE_BIN or, as meson
 * passes it, from the first argument after the GTest options.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "vl-client.h"
#include "vl-demo-backend.h"

#define CALL_ID_PATTERN "call-[0-9a-f]{32}"

static const char *program;
static char *home;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* Whether run_cli() turns every debug message on */
static gboolean debug_messages;

/* Runs vision-live with @args (NULL-terminated) as it runs in CI: no
 * display, no session bus, no stdin, English, and a home of its own.
 */
static void
run_cli (Result     *result,
         const char *first_arg,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *)program);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  if (debug_messages)
    g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", home, TRUE);

  process = g_subprocess_launcher_spawnv (launcher,
                                          (const char * const *)argv->pdata,
                                          &error);
  g_assert_no_error (error);

  /* No input: stdin is closed at once. */
  g_subprocess_communicate_utf8 (process, NULL, NULL,
                                 &result->out, &result->err, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);

  g_test_message ("exit %d\nstdout: %s\nstderr: %s", result->status,
                  result->out, result->err);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

static void
assert_invitation (JsonObject *call,
                   guint       index,
                   const char *type,
                   const char *recipient)
{
  JsonArray *invitations = json_object_get_array_member (call, "invitations");
  JsonObject *invitation;

  g_assert_nonnull (invitations);
  g_assert_cmpuint (index, <, json_array_get_length (invitations));
  invitation = json_array_get_object_element (invitations, index);
  g_assert_cmpstr (json_object_get_string_member (invitation, "type"), ==,
                   type);
  g_assert_cmpstr (json_object_get_string_member (invitation, "recipient"),
                   ==, recipient);
}

/* A usage error: status 2, something said on stderr, nothing on stdout. */
static void
assert_usage_error (Result     *result,
                    const char *expected)
{
  g_assert_cmpint (result->status, ==, 2);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_true (g_str_has_prefix (result->err, "vision-live: "));
  if (expected != NULL)
    g_assert_nonnull (strstr (result->err, expected));
}

static void
test_prepare_json (void)
{
  g_auto(Result) result = { 0 };
  g_autoptr(JsonObject) call = NULL;
  g_autofree char *link_pattern = NULL;
  JsonObject *entity;
  const char *id;

  run_cli (&result, "--demo", "prepare", "--sms", "(222) 333-4444",
           "--namespace", "anamespace", "--id", "INTEG_ID",
           "--metadata", "{\"key\":\"VALUE\"}", "--json", NULL);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");

  call = parse_object (result.out);
  id = json_object_get_string_member (call, "id");
  g_assert_true (g_regex_match_simple ("^" CALL_ID_PATTERN "$", id, 0, 0));

  g_assert_cmpuint (json_array_get_length (
                      json_object_get_array_member (call, "invitations")),
                    ==, 1);
  assert_invitation (call, 0, "sms", "2223334444");

  entity = json_object_get_object_member (call, "integrationEntityId");
  g_assert_nonnull (entity);
  g_assert_cmpstr (json_object_get_string_member (entity, "namespace"), ==,
                   "anamespace");
  g_assert_cmpstr (json_object_get_string_member (entity, "id"), ==,
                   "INTEG_ID");

  /* A string holding JSON, as on the wire, not an object. */
  g_assert_cmpstr (json_object_get_string_member (call, "callMetadataJSON"),
                   ==, "{\"key\":\"VALUE\"}");

  link_pattern = g_strdup_printf ("^http://127\\.0\\.0\\.1:[0-9]+/live/%s$",
                                  id);
  g_assert_true (g_regex_match_simple (link_pattern,
                                       json_object_get_string_member (
                                         call, "visionLiveLink"),
                                       0, 0));
}

static void
test_prepare_readable (void)
{
  g_auto(Result) result = { 0 };

  run_cli (&result, "--demo", "prepare", "--sms", "(222) 333-4444",
           "--namespace", "anamespace", "--id", "INTEG_ID",
           "--metadata", "{\"key\":\"VALUE\"}", NULL);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_false (g_str_has_prefix (result.out, "{"));
  g_assert_true (g_regex_match_simple ("(^|\\s)" CALL_ID_PATTERN "\\s",
                                       result.out, 0, 0));
  g_assert_nonnull (strstr (result.out, "2223334444"));
  g_assert_nonnull (strstr (result.out, "INTEG_ID"));
}

static void
test_prepare_demo_after_verb (void)
{
  g_auto(Result) result = { 0 };
  g_autoptr(JsonObject) call = NULL;

  run_cli (&result, "prepare", "--demo", "--sms", "2223334444",
           "--metadata", "{}", "--json", NULL);

  g_assert_cmpint (result.status, ==, 0);
  call = parse_object (result.out);
  assert_invitation (call, 0, "sms", "2223334444");
}

/* The simplest call there is: one number, nothing else. */
static void
test_prepare_sms_only (void)
{
  g_auto(Result) result = { 0 };
  g_autoptr(JsonObject) call = NULL;

  run_cli (&result, "--demo", "prepare", "--sms", "2223334444", "--json",
           NULL);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");
  call = parse_object (result.out);
  assert_invitation (call, 0, "sms", "2223334444");
}

static void
test_prepare_order_kept (void)
{
  g_auto(Result) result = { 0 };
  g_autoptr(JsonObject) call = NULL;

  run_cli (&result, "--demo", "prepare",
           "--email", "first@example.com",
           "--sms", "222.333.4444",
           "--email", "third@example.com",
           "--sms", "+44 20 7946 0958",
           "--metadata", "{}", "--json", NULL);

  g_assert_cmpint (result.status, ==, 0);
  call = parse_object (result.out);
  g_assert_cmpuint (json_array_get_length (
                      json_object_get_array_member (call, "invitations")),
                    ==, 4);
  assert_invitation (call, 0, "email", "first@example.com");
  assert_invitation (call, 1, "sms", "2223334444");
  assert_invitation (call, 2, "email", "third@example.com");
  assert_invitation (call, 3, "sms", "+442079460958");
}

static void
test_prepare_awkward_metadata (void)
{
  const char *metadata = "{ \"note\" : \"📞 \\\"quoted\\\" \\\\ line\\nbreak\","
                         " \"n\" : [1, {\"x\": true}] }";
  g_auto(Result) result = { 0 };
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(JsonObject) sent = NULL;
  JsonObject *x;

  run_cli (&result, "--demo", "prepare", "--sms", "2223334444",
           "--metadata", metadata, "--json", NULL);

  g_assert_cmpint (result.status, ==, 0);
  call = parse_object (result.out);
  sent = parse_object (json_object_get_string_member (call,
                                                      "callMetadataJSON"));
  g_assert_cmpstr (json_object_get_string_member (sent, "note"), ==,
                   "📞 \"quoted\" \\ line\nbreak");
  x = json_array_get_object_element (json_object_get_array_member (sent, "n"),
                                     1);
  g_assert_true (json_object_get_boolean_member (x, "x"));
}

static void
test_prepare_bad_phone (void)
{
  g_auto(Result) result = { 0 };

  run_cli (&result, "--demo", "prepare", "--sms", "222-abc", NULL);

  assert_usage_error (&result, "222-abc");
  g_assert_nonnull (strstr (result.err, "--sms"));
}

static void
test_prepare_bad_email (void)
{
  g_auto(Result) result = { 0 };

  run_cli (&result, "--demo", "prepare", "--email", "dispatch@", NULL);

  assert_usage_error (&result, "--email");
}

static void
test_prepare_bad_metadata (void)
{
  g_auto(Result) result = { 0 };

  run_cli (&result, "--demo", "prepare", "--sms", "2223334444",
           "--metadata", "{\"key\":", NULL);

  assert_usage_error (&result, "not valid JSON");
}

static void
test_prepare_namespace_without_id (void)
{
  g_auto(Result) result = { 0 };

  run_cli (&result, "--demo", "prepare", "--sms", "2223334444",
           "--namespace", "anamespace", "--metadata", "{}", NULL);

  assert_usage_error (&result, "--id");
}

static void
test_prepare_bad_work_order (void)
{
  g_auto(Result) result = { 0 };

  run_cli (&result, "--demo", "prepare", "--sms", "2223334444",
           "--namespace", "acme\001", "--id", "WO-1", NULL);
  assert_usage_error (&result, "--namespace: It contains a control "
                               "character (U+0001)");
  result_clear (&result);

  run_cli (&result, "--demo", "prepare", "--sms", "2223334444",
           "--namespace", "acme", "--id", "WO\u202e1", NULL);
  assert_usage_error (&result, "--id: It contains an invisible formatting "
                               "character (U+202E)");
  result_clear (&result);

  /* White space alone is no namespace. */
  run_cli (&result, "--demo", "prepare", "--sms", "2223334444",
           "--namespace", "   ", "--id", "WO-1", NULL);
  assert_usage_error (&result, "--namespace and --id go together");
}

/* What the service says back reaches the terminal with its control
 * characters shown, not obeyed.
 */
static void
test_get_escapes_controls (void)
{
  g_auto(Result) result = { 0 };

  run_cli (&result, "--demo", "get", "call-\033[31mred", NULL);

  g_assert_cmpint (result.status, ==, 1);
  g_assert_null (strchr (result.err, '\033'));
  g_assert_nonnull (strstr (result.err, "call-\\u001B[31mred"));
  result_clear (&result);

  run_cli (&result, "--demo", "get", "call-\u202eder", NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_null (strstr (result.err, "\u202e"));
  g_assert_nonnull (strstr (result.err, "call-\\u202Eder"));
}

static void
test_prepare_twice_the_same (void)
{
  g_auto(Result) result = { 0 };

  /* The same number, written two ways */
  run_cli (&result, "--demo", "prepare", "--sms", "2223334444",
           "--email", "tech@example.com", "--sms", "(222) 333-4444", NULL);
  assert_usage_error (&result, "is given twice");
}

static void
test_get_without_id (void)
{
  g_auto(Result) result = { 0 };

  run_cli (&result, "--demo", "get", NULL);

  assert_usage_error (&result, NULL);
}

static void
on_get_ready (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* What the demo service itself says about @call_id. */
static char *
service_message_for (const char *call_id)
{
  g_autoptr(VlDemoBackend) demo = vl_demo_backend_new ();
  g_autoptr(VlClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;

  vl_demo_backend_start (demo, &error);
  g_assert_no_error (error);

  client = vl_client_new ("demo", vl_demo_backend_get_graphql_url (demo),
                          vl_demo_backend_get_token_url (demo));
  vl_client_set_credentials (client, VL_DEMO_API_KEY, VL_DEMO_API_SECRET);
  vl_client_get_call_async (client, call_id, NULL, on_get_ready, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  call = vl_client_get_call_finish (client, result, &error);
  g_assert_null (call);
  g_assert_nonnull (error);

  return g_strdup (error->message);
}

static void
test_get_unknown (void)
{
  g_auto(Result) result = { 0 };
  g_autofree char *message = service_message_for ("call-unknown");
  g_autofree char *expected = g_strdup_printf ("vision-live: %s\n", message);

  run_cli (&result, "--demo", "get", "call-unknown", NULL);

  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_cmpstr (result.err, ==, expected);
}

/* History */

static char *
history_path (void)
{
  return g_build_filename (home, APPLICATION_ID, "history.sqlite", NULL);
}

/* Prepares a call with the demo backend; returns it as printed. */
static JsonObject *
prepare_call (const char *namespace_,
              const char *phone)
{
  g_auto(Result) result = { 0 };

  run_cli (&result, "--demo", "prepare", "--sms", phone,
           "--namespace", namespace_, "--id", "WO-HIST",
           "--metadata", "{\"site\":\"Zürich\"}", "--json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");

  return parse_object (result.out);
}

static JsonArray *
parse_array (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));

  return json_array_ref (json_node_get_array (root));
}

static void
test_history_readable (void)
{
  g_autoptr(JsonObject) call = prepare_call ("hist-readable", "2223334444");
  g_auto(Result) result = { 0 };
  g_autofree char *pattern = NULL;

  run_cli (&result, "history", "--search", "HIST-readable", NULL);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");
  pattern = g_strdup_printf ("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}"
                             "  demo +%s  2223334444  hist-readable/WO-HIST\n$",
                             json_object_get_string_member (call, "id"));
  g_assert_true (g_regex_match_simple (pattern, result.out, 0, 0));
}

/* --json gives back exactly what the service returned. */
static void
test_history_json (void)
{
  g_autoptr(JsonObject) call = prepare_call ("hist-json", "2223334444");
  g_autoptr(JsonArray) calls = NULL;
  g_autoptr(JsonNode) expected = json_node_new (JSON_NODE_OBJECT);
  g_auto(Result) result = { 0 };

  run_cli (&result, "history", "--json", "--search", "zürich hist-json",
           NULL);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");
  calls = parse_array (result.out);
  g_assert_cmpuint (json_array_get_length (calls), ==, 1);
  json_node_set_object (expected, call);
  g_assert_true (json_node_equal (json_array_get_element (calls, 0),
                                  expected));
}

/* Scripts read what --json prints: debug messages, even all of them, go
 * to standard error and leave standard output one JSON object.
 */
static void
test_prepare_json_debug (void)
{
  g_auto(Result) result = { 0 };
  g_autoptr(JsonObject) call = NULL;

  debug_messages = TRUE;
  run_cli (&result, "--demo", "prepare", "--sms", "2223334444", "--json",
           NULL);
  debug_messages = FALSE;

  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.err, "VisionLive-DEBUG"));
  call = parse_object (result.out);
  assert_invitation (call, 0, "sms", "2223334444");
}

/* "get" stores the call too, and a call fetched again is still one call. */
static void
test_history_get (void)
{
  g_autoptr(JsonObject) call = prepare_call ("hist-get", "2223334444");
  const char *id = json_object_get_string_member (call, "id");
  g_autoptr(JsonArray) calls = NULL;
  g_auto(Result) got = { 0 };
  g_auto(Result) result = { 0 };
  JsonObject *stored;
  const char *link;

  run_cli (&got, "--demo", "get", id, NULL);
  g_assert_cmpint (got.status, ==, 0);
  g_assert_cmpstr (got.err, ==, "");

  run_cli (&result, "history", "--json", "--search", id, NULL);
  g_assert_cmpint (result.status, ==, 0);
  calls = parse_array (result.out);
  g_assert_cmpuint (json_array_get_length (calls), ==, 1);

  /* The demo backend of "get" ended with it: the history keeps the link
   * it had, not the one "get" printed.
   */
  link = json_object_get_string_member (call, "visionLiveLink");
  g_assert_null (strstr (got.out, link));
  stored = json_array_get_object_element (calls, 0);
  g_assert_cmpstr (json_object_get_string_member (stored, "visionLiveLink"),
                   ==, link);
}

static void
test_history_newest_first (void)
{
  g_autoptr(JsonObject) first = prepare_call ("hist-order", "2223334444");
  g_autoptr(JsonObject) second = prepare_call ("hist-order", "5556667777");
  const char *first_id = json_object_get_string_member (first, "id");
  const char *second_id = json_object_get_string_member (second, "id");
  g_auto(Result) all = { 0 };
  g_auto(Result) one = { 0 };
  g_auto(GStrv) lines = NULL;

  run_cli (&all, "history", "--search", "hist-order", NULL);
  g_assert_cmpint (all.status, ==, 0);
  lines = g_strsplit (all.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_nonnull (strstr (lines[0], second_id));
  g_assert_nonnull (strstr (lines[1], first_id));
  g_assert_cmpstr (lines[2], ==, "");

  run_cli (&one, "history", "--search", "hist-order", "--limit", "1", NULL);
  g_assert_cmpint (one.status, ==, 0);
  g_assert_nonnull (strstr (one.out, second_id));
  g_assert_null (strstr (one.out, first_id));
}

static void
test_history_no_match (void)
{
  g_auto(Result) result = { 0 };

  run_cli (&result, "history", "--search", "no-call-has-this", NULL);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_nonnull (strstr (result.err, "No stored call matches"));
}

static void
test_history_usage (void)
{
  const char * const bad_limits[] = { "0", "1001", "-3", "-1", "ten" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_limits); i++)
    {
      g_auto(Result) result = { 0 };

      run_cli (&result, "history", "--limit", bad_limits[i], NULL);
      assert_usage_error (&result, "--limit");
    }

  {
    g_auto(Result) result = { 0 };

    run_cli (&result, "--demo", "prepare", "--sms", "2223334444",
             "--search", "x", NULL);
    assert_usage_error (&result, "--search");
  }
  {
    g_auto(Result) result = { 0 };

    run_cli (&result, "history", "--sms", "2223334444", NULL);
    assert_usage_error (&result, "history");
  }
  {
    g_auto(Result) result = { 0 };

    run_cli (&result, "history", "call-1", NULL);
    assert_usage_error (&result, "history");
  }
  {
    /* Every environment's calls are in the history: naming one is no
     * mistake. */
    g_auto(Result) result = { 0 };

    run_cli (&result, "--demo", "history", NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_cmpstr (result.err, ==, "");
  }
  {
    g_auto(Result) result = { 0 };

    run_cli (&result, "--environment", "prodution", "history", NULL);
    assert_usage_error (&result, "Unknown environment “prodution”");
  }
  {
    g_auto(Result) result = { 0 };

    run_cli (&result, "history", "--limit", "-2147483648", NULL);
    assert_usage_error (&result, "--limit must be between");
  }
}

/* A damaged history is kept aside, the user is told where, and the call
 * goes into a new one.
 */
static void
test_history_set_aside (void)
{
  g_autofree char *path = history_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *expected = g_strdup_printf ("%s.broken-", path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) call = NULL;
  g_auto(Result) result = { 0 };
  g_auto(Result) listed = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (path, "not a database, not at all", -1, &error);
  g_assert_no_error (error);

  run_cli (&result, "--demo", "prepare", "--sms", "2223334444",
           "--namespace", "hist-aside", "--id", "1", "--json", NULL);

  g_assert_cmpint (result.status, ==, 0);
  call = parse_object (result.out);
  g_assert_true (g_str_has_prefix (result.err, "vision-live: "));
  g_assert_nonnull (strstr (result.err, expected));

  run_cli (&listed, "history", "--search", "hist-aside", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_nonnull (strstr (listed.out,
                            json_object_get_string_member (call, "id")));
}

/* A history that cannot be opened at all costs a warning, not the call. */
static void
test_history_unavailable (void)
{
  g_autofree char *path = history_path ();
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(JsonObject) call = NULL;
  g_auto(Result) result = { 0 };

  /* A folder where SQLite's log must go. */
  g_unlink (wal);
  g_assert_cmpint (g_mkdir_with_parents (wal, 0700), ==, 0);

  run_cli (&result, "--demo", "prepare", "--sms", "2223334444", "--json",
           NULL);
  g_rmdir (wal);

  g_assert_cmpint (result.status, ==, 0);
  call = parse_object (result.out);
  g_assert_true (json_object_has_member (call, "id"));
  g_assert_true (g_str_has_prefix (result.err, "vision-live: "));
  g_assert_nonnull (strstr (result.err, "history"));
}

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
          !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }

  return g_rmdir (path) == 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* Out of the TAP stream, whatever G_MESSAGES_DEBUG turns on */
  g_log_writer_default_set_use_stderr (TRUE);

  program = g_getenv ("VISION_LIVE_BIN");
  if (program == NULL && argc > 1)
    program = argv[1];
  if (program == NULL || !g_file_test (program, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("Bail out! No vision-live program: set VISION_LIVE_BIN "
                  "or pass its path.\n");
      return 1;
    }

  home = g_dir_make_tmp ("vision-live-test-cli-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/prepare/json", test_prepare_json);
  g_test_add_func ("/cli/prepare/json-debug", test_prepare_json_debug);
  g_test_add_func ("/cli/prepare/readable", test_prepare_readable);
  g_test_add_func ("/cli/prepare/demo-after-verb",
                   test_prepare_demo_after_verb);
  g_test_add_func ("/cli/prepare/order-kept", test_prepare_order_kept);
  g_test_add_func ("/cli/prepare/awkward-metadata",
                   test_prepare_awkward_metadata);
  g_test_add_func ("/cli/prepare/bad-phone", test_prepare_bad_phone);
  g_test_add_func ("/cli/prepare/bad-email", test_prepare_bad_email);
  g_test_add_func ("/cli/prepare/bad-metadata", test_prepare_bad_metadata);
  g_test_add_func ("/cli/prepare/namespace-without-id",
                   test_prepare_namespace_without_id);
  g_test_add_func ("/cli/prepare/bad-work-order",
                   test_prepare_bad_work_order);
  g_test_add_func ("/cli/get/escapes-controls", test_get_escapes_controls);
  g_test_add_func ("/cli/prepare/twice-the-same",
                   test_prepare_twice_the_same);
  g_test_add_func ("/cli/get/without-id", test_get_without_id);
  g_test_add_func ("/cli/get/unknown", test_get_unknown);
  g_test_add_func ("/cli/prepare/sms-only", test_prepare_sms_only);
  g_test_add_func ("/cli/history/readable", test_history_readable);
  g_test_add_func ("/cli/history/json", test_history_json);
  g_test_add_func ("/cli/history/get", test_history_get);
  g_test_add_func ("/cli/history/newest-first", test_history_newest_first);
  g_test_add_func ("/cli/history/no-match", test_history_no_match);
  g_test_add_func ("/cli/history/usage", test_history_usage);
  g_test_add_func ("/cli/history/set-aside", test_history_set_aside);
  g_test_add_func ("/cli/history/unavailable", test_history_unavailable);

  status = g_test_run ();

  remove_tree (home);
  g_free (home);

  return status;
}

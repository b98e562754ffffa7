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
  g_test_add_func ("/cli/get/without-id", test_get_without_id);
  g_test_add_func ("/cli/get/unknown", test_get_unknown);
  g_test_add_func ("/cli/prepare/sms-only", test_prepare_sms_only);

  status = g_test_run ();

  remove_tree (home);
  g_free (home);

  return status;
}

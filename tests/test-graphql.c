/* test-graphql.c: request bodies and how answers are read
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vl-error.h"
#include "vl-graphql.h"
#include "vl-json.h"

static JsonObject *
reparse_input (JsonNode *request)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = json_to_string (request, FALSE);
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  /* Through text, as it goes on the wire. */
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  return json_object_ref (
    json_object_get_object_member (
      json_object_get_object_member (root, "variables"), "input"));
}

static void
test_documents (void)
{
  g_assert_nonnull (strstr (VL_GRAPHQL_PREPARE_DOCUMENT,
                            "mutation PrepareVisionLiveCall("
                            "$input: PrepareVisionLiveCallInput!)"));
  g_assert_nonnull (strstr (VL_GRAPHQL_GET_DOCUMENT,
                            "query GetVisionLiveCall("
                            "$input: GetVisionLiveCallInput!)"));

  /* Every field of the call is asked for. */
  for (guint i = 0; i < 2; i++)
    {
      const char *document = i ? VL_GRAPHQL_GET_DOCUMENT
                               : VL_GRAPHQL_PREPARE_DOCUMENT;

      g_assert_nonnull (strstr (document, "visionLiveLink"));
      g_assert_nonnull (strstr (document, "callMetadataJSON"));
      g_assert_nonnull (strstr (document, "recipient"));
      g_assert_nonnull (strstr (document, "namespace"));
    }
}

static void
test_awkward_variables (void)
{
  g_autofree char *long_text = g_strnfill (10 * 1024, 'x');
  const char *awkward[] = {
    "\"quoted\" and \\backslashed\\",
    "line one\nline two\r\n\ttabbed",
    "emoji 📞🚐 and ünïcödé, עברית, العربية",
    "\") { id } mutation { x(",
    "nul-free \x01\x1f control",
    long_text,
  };

  for (guint i = 0; i < G_N_ELEMENTS (awkward); i++)
    {
      g_autoptr(VlCall) draft = vl_call_new ();
      g_autoptr(VlInvitation) invitation = NULL;
      g_autoptr(JsonNode) request = NULL;
      g_autoptr(JsonObject) input = NULL;
      g_autofree char *text = NULL;
      JsonObject *invited;
      JsonObject *entity;

      invitation = vl_invitation_new (VL_INVITATION_TYPE_EMAIL, awkward[i]);
      vl_call_add_invitation (draft, invitation);
      vl_call_set_integration (draft, awkward[i], awkward[i]);
      vl_call_set_metadata_json (draft, awkward[i]);

      request = vl_graphql_build_prepare_request (draft);
      text = vl_json_to_string (request, FALSE);

      /* Strict JSON: no raw control character, U+001F included. */
      for (const char *p = text; *p != '\0'; p++)
        g_assert_cmpint ((guchar)*p, >=, 0x20);

      /* User text never reaches the document. */
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (request),
                                                      "query"),
                       ==, VL_GRAPHQL_PREPARE_DOCUMENT);

      input = reparse_input (request);
      invited = json_array_get_object_element (
        json_object_get_array_member (input, "invitations"), 0);
      entity = json_object_get_object_member (input, "integrationEntityId");
      g_assert_cmpstr (json_object_get_string_member (invited, "type"), ==,
                       "email");
      g_assert_cmpstr (json_object_get_string_member (invited, "recipient"),
                       ==, awkward[i]);
      g_assert_cmpstr (json_object_get_string_member (entity, "namespace"),
                       ==, awkward[i]);
      g_assert_cmpstr (json_object_get_string_member (entity, "id"), ==,
                       awkward[i]);
      g_assert_cmpstr (json_object_get_string_member (input,
                                                      "callMetadataJSON"),
                       ==, awkward[i]);
    }
}

static void
test_get_request (void)
{
  g_autoptr(JsonNode) request = vl_graphql_build_get_request ("call-\"x\"");
  g_autoptr(JsonObject) input = reparse_input (request);
  JsonObject *root = json_node_get_object (request);

  g_assert_cmpstr (json_object_get_string_member (root, "operationName"), ==,
                   "GetVisionLiveCall");
  g_assert_cmpstr (json_object_get_string_member (input, "id"), ==,
                   "call-\"x\"");
  g_assert_cmpuint (json_object_get_size (input), ==, 1);
}

static void
test_empty_draft (void)
{
  g_autoptr(VlCall) draft = vl_call_new ();
  g_autoptr(JsonNode) request = vl_graphql_build_prepare_request (draft);
  g_autoptr(JsonObject) input = reparse_input (request);

  /* Nothing entered, nothing sent: not empty strings or nulls. */
  g_assert_cmpuint (json_object_get_size (input), ==, 0);
}

typedef struct
{
  const char    *body;
  int            code;
  const char    *says;
} BadAnswer;

static void
test_bad_answers (void)
{
  const BadAnswer cases[] = {
    { "", VL_CLIENT_ERROR_BAD_ANSWER, "empty answer" },
    { "<!DOCTYPE html><html><body>Proxy error</body></html>",
      VL_CLIENT_ERROR_BAD_ANSWER, "web page" },
    { "  \n<html>", VL_CLIENT_ERROR_BAD_ANSWER, "web page" },
    { "{\"data\": {\"prepareVisionLiveCall\": {\"visionLive",
      VL_CLIENT_ERROR_BAD_ANSWER, "cut short" },
    { "[1, 2, 3]", VL_CLIENT_ERROR_BAD_ANSWER, "not a GraphQL answer" },
    { "\"text\"", VL_CLIENT_ERROR_BAD_ANSWER, "not a GraphQL answer" },
    { "{}", VL_CLIENT_ERROR_BAD_ANSWER, "without a call" },
    { "{\"data\": null, \"errors\": [{\"message\": \"Recipient is not a "
      "valid phone number\"}]}",
      VL_CLIENT_ERROR_GRAPHQL, "Recipient is not a valid phone number" },
    { "{\"data\": null, \"errors\": [{\"message\": \"first\"}, "
      "{\"message\": \"second\"}]}",
      VL_CLIENT_ERROR_GRAPHQL, "first\nsecond" },
    { "{\"errors\": [{\"message\": 42}]}",
      VL_CLIENT_ERROR_GRAPHQL, "did not say what" },
    { "{\"errors\": [{\"message\": \"Token expired\", "
      "\"extensions\": {\"code\": \"UNAUTHENTICATED\"}}]}",
      VL_CLIENT_ERROR_NOT_AUTHORIZED, "Token expired" },
    { "{\"errors\": [{\"errorType\": \"UnauthorizedException\", "
      "\"message\": \"You are not authorized to make this call.\"}]}",
      VL_CLIENT_ERROR_NOT_AUTHORIZED, "not authorized" },
    { "{\"data\": {\"prepareVisionLiveCall\": {\"visionLiveCall\": null}}}",
      VL_CLIENT_ERROR_BAD_ANSWER, "without a call" },
    { "{\"data\": {\"prepareVisionLiveCall\": {\"visionLiveCall\": "
      "{\"id\": 7}}}}",
      VL_CLIENT_ERROR_BAD_ANSWER, "has no id" },
    { "{\"data\": {\"prepareVisionLiveCall\": {\"visionLiveCall\": "
      "{\"id\": \"call-1\", \"invitations\": {}}}}}",
      VL_CLIENT_ERROR_BAD_ANSWER, "not a list" },
    { "{\"data\": {\"prepareVisionLiveCall\": {\"visionLiveCall\": "
      "{\"id\": \"call-1\", \"invitations\": [{\"type\": \"fax\", "
      "\"recipient\": \"1\"}]}}}}",
      VL_CLIENT_ERROR_BAD_ANSWER, "unknown type “fax”" },
    { "{\"data\": {\"prepareVisionLiveCall\": {\"visionLiveCall\": "
      "{\"id\": \"call-1\", \"visionLiveLink\": 3}}}}",
      VL_CLIENT_ERROR_BAD_ANSWER, "link is not text" },
    { "{\"data\": {\"prepareVisionLiveCall\": {\"visionLiveCall\": "
      "{\"id\": \"call-1\", \"integrationEntityId\": \"x\"}}}}",
      VL_CLIENT_ERROR_BAD_ANSWER, "not an object" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (cases[i].body,
                                                   strlen (cases[i].body));
      g_autoptr(GError) error = NULL;
      g_autoptr(VlCall) call = NULL;

      call = vl_graphql_parse_call_response (body, "prepareVisionLiveCall",
                                             &error);
      g_assert_null (call);
      g_assert_error (error, VL_CLIENT_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message,
                 cases[i].says);
    }
}

static void
test_partial_data_kept (void)
{
  const char *text =
    "{\"data\": {\"prepareVisionLiveCall\": {\"visionLiveCall\": "
    "{\"id\": \"call-2\", \"visionLiveLink\": null}}}, "
    "\"errors\": [{\"message\": \"Invitation could not be sent\"}]}";
  g_autoptr(GBytes) body = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;

  call = vl_graphql_parse_call_response (body, "prepareVisionLiveCall",
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vl_call_get_id (call), ==, "call-2");
  g_assert_null (vl_call_get_link (call));
}

static void
assert_bad_answer (const char *text,
                   const char *says)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;

  call = vl_graphql_parse_call_response (body, "getVisionLiveCall", &error);
  g_assert_null (call);
  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_BAD_ANSWER);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (strstr (error->message, says) == NULL)
    g_error ("“%.60s”: “%s” does not say “%s”", text, error->message, says);
}

/* What json-glib would crash on or read wrongly, found while fuzzing */
static void
test_hostile_json (void)
{
  g_autofree char *open = g_strnfill (300000, '[');
  g_autofree char *close = g_strnfill (300000, ']');
  g_autofree char *deep = g_strconcat ("{\"data\": ", open, close, "}",
                                       NULL);
  g_autofree char *open_127 = g_strnfill (127, '[');
  g_autofree char *close_127 = g_strnfill (127, ']');
  g_autofree char *deepest = g_strconcat ("{\"data\": ", open_127,
                                          close_127, "}", NULL);

  /* json-glib reads nesting by recursion: this overflowed the stack */
  assert_bad_answer (deep, "is not JSON");
  /* The deepest nesting that is read: the object and 127 lists */
  assert_bad_answer (deepest, "without a call");

  /* An octal escape, which JSON has not, gave an id that is not UTF-8 */
  assert_bad_answer ("{\"data\": {\"getVisionLiveCall\": {\"visionLiveCall\": "
                     "{\"id\": \"call-\\246\"}}}}",
                     "is not JSON");
  /* Found by fuzz-graphql-answer: a lone high surrogate followed by
   * anything but a low one was written as the bytes of the surrogate
   */
  assert_bad_answer ("{\"data\": {\"getVisionLiveCall\": {\"visionLiveCall\": "
                     "{\"id\": \"c\\ud83dFx\"}}}}",
                     "is not JSON");
  /* An escaped backslash and digits are text, and read as such */
  {
    const char *text = "{\"data\": {\"getVisionLiveCall\": "
                       "{\"visionLiveCall\": {\"id\": \"call-\\\\246\", "
                       "\"callMetadataJSON\": \"{\\\"a\\\": \\\"\\\\/\\\"}\"}}}}";
    g_autoptr(GBytes) body = g_bytes_new_static (text, strlen (text));
    g_autoptr(GError) error = NULL;
    g_autoptr(VlCall) call = NULL;

    call = vl_graphql_parse_call_response (body, "getVisionLiveCall", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (vl_call_get_id (call), ==, "call-\\246");
    g_assert_cmpstr (vl_call_get_metadata_json (call), ==, "{\"a\": \"\\/\"}");
  }
  /* An escaped backslash before the octal escape: still refused */
  assert_bad_answer ("{\"data\": {\"getVisionLiveCall\": {\"visionLiveCall\": "
                     "{\"id\": \"call-\\\\\\246\"}}}}",
                     "is not JSON");
  /* json-glib wrapped the integer to -1 */
  assert_bad_answer ("{\"data\": {\"getVisionLiveCall\": {\"visionLiveCall\": "
                     "{\"id\": \"c\", \"n\": 99999999999999999999999}}}}",
                     "is not JSON");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Out of the TAP stream, whatever G_MESSAGES_DEBUG turns on */
  g_log_writer_default_set_use_stderr (TRUE);

  g_test_add_func ("/graphql/documents", test_documents);
  g_test_add_func ("/graphql/awkward-variables", test_awkward_variables);
  g_test_add_func ("/graphql/get-request", test_get_request);
  g_test_add_func ("/graphql/empty-draft", test_empty_draft);
  g_test_add_func ("/graphql/bad-answers", test_bad_answers);
  g_test_add_func ("/graphql/partial-data-kept", test_partial_data_kept);
  g_test_add_func ("/graphql/hostile-json", test_hostile_json);

  return g_test_run ();
}

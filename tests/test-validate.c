/* test-validate.c: recipients, metadata and links as people type them
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vl-error.h"
#include "vl-validate.h"

typedef struct
{
  const char *input;
  const char *expected;
} Case;

static void
test_phone_accepted (void)
{
  const Case cases[] = {
    { "2223334444", "2223334444" },
    { "(222) 333-4444", "2223334444" },
    { "222.333.4444", "2223334444" },
    { "+1 222 333 4444", "+12223334444" },
    { "  222-333-4444\n", "2223334444" },
    { "+44 20 7946 0958", "+442079460958" },
    { "222\u00a0333\u00a04444", "2223334444" },
    { "1234567", "1234567" },
    { "+123456789012345", "+123456789012345" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *phone = vl_normalize_phone (cases[i].input, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (phone, ==, cases[i].expected);
    }
}

static void
test_phone_refused (void)
{
  const Case cases[] = {
    { "", "Enter a phone number" },
    { "   ", "Enter a phone number" },
    { "222-abc-4444", "“a” cannot be part" },
    { "tech@example.com", "looks like an e-mail address" },
    { "222 333 4444 ext 5", "“e” cannot be part" },
    { "22+2333444", "may only start" },
    { "123456", "too short: it has 6 digits" },
    { "+1234567890123456", "too long: it has 16 digits" },
    { "222\u202e3334444", "cannot be part" },
    { "２２２３３３４４４４", "cannot be part" },
    { "222\x01""3334444", "cannot be part" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *phone = vl_normalize_phone (cases[i].input, &error);

      g_assert_null (phone);
      g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_INVALID_INPUT);
      if (strstr (error->message, cases[i].expected) == NULL)
        g_error ("“%s”: “%s” does not say “%s”", cases[i].input,
                 error->message, cases[i].expected);
    }
}

static void
test_phone_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = vl_normalize_phone ("222\xff" "3334444", &error);

  g_assert_null (phone);
  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
}

static void
test_email (void)
{
  const Case good[] = {
    { "dispatch@example.com", "dispatch@example.com" },
    { "  a.b+c@mail.example.co.uk ", "a.b+c@mail.example.co.uk" },
    { "josé@bücher.example", "josé@bücher.example" },
  };
  const Case bad[] = {
    { "", "Enter an e-mail" },
    { "dispatch", "needs an “@”" },
    { "@example.com", "needs a name before" },
    { "dispatch@", "needs a domain" },
    { "dispatch@localhost", "needs a dot" },
    { "dispatch@example..com", "check the dots" },
    { "dispatch@-example.com", "check the dots" },
    { "dis patch@example.com", "cannot contain spaces" },
    { "dispatch@exa_mple.com", "may only hold" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *email = vl_normalize_email (good[i].input, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (email, ==, good[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *email = vl_normalize_email (bad[i].input, &error);

      g_assert_null (email);
      g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_INVALID_INPUT);
      if (strstr (error->message, bad[i].expected) == NULL)
        g_error ("“%s”: “%s” does not say “%s”", bad[i].input,
                 error->message, bad[i].expected);
    }
}

static void
test_email_too_long (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *local = g_strnfill (300, 'a');
  g_autofree char *address = g_strconcat (local, "@example.com", NULL);
  g_autofree char *email = vl_normalize_email (address, &error);

  g_assert_null (email);
  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_INVALID_INPUT);
}

static void
test_recipient_by_type (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *email = NULL;

  phone = vl_normalize_recipient (VL_INVITATION_TYPE_SMS, "(222) 333-4444",
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpstr (phone, ==, "2223334444");

  email = vl_normalize_recipient (VL_INVITATION_TYPE_EMAIL, "(222) 333-4444",
                                  &error);
  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_INVALID_INPUT);
  g_assert_null (email);
}

static void
test_metadata (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *normalized = NULL;

  object = vl_parse_metadata ("{\"key\": \"VALUE\", \"n\": [1, {\"x\": 2}]}",
                              &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (object, "key"), ==,
                   "VALUE");
  g_clear_pointer (&object, json_object_unref);

  /* Blank or absent is no metadata, not an error. */
  g_assert_null (vl_parse_metadata (NULL, &error));
  g_assert_no_error (error);
  g_assert_null (vl_normalize_metadata (NULL, &error));
  g_assert_no_error (error);
  g_assert_null (vl_parse_metadata ("  \n ", &error));
  g_assert_no_error (error);
  g_assert_null (vl_normalize_metadata ("", &error));
  g_assert_no_error (error);

  g_assert_null (vl_parse_metadata ("{\"key\": ", &error));
  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "line 1, column 7): unexpected end"));
  g_clear_error (&error);

  g_assert_null (vl_parse_metadata ("[1, 2]", &error));
  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "JSON object"));
  g_clear_error (&error);

  /* What json-glib reads leniently goes out as strict JSON. */
  normalized = vl_normalize_metadata ("{ 'key' :  \"VALUE\" }", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, "{\"key\":\"VALUE\"}");
}

static void
test_link (void)
{
  const char *good[] = {
    "https://vision.xoi.io/live/call-1",
    "HTTPS://vision.xoi.io/live?x=<script>",
    "http://127.0.0.1:8080/live/call-1",
    "http://[::1]:8080/live/call-1",
    "http://localhost/live",
  };
  const char *bad[] = {
    NULL,
    "",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "http://vision.xoi.io/live/call-1",
    "ftp://vision.xoi.io/x",
    "https://",
    "not a link",
    "vision-live:prepare?sms=1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (vl_check_link (good[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (vl_check_link (bad[i], &error));
      g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_INVALID_INPUT);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_service_url (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vl_check_service_url ("https://gql-live-external.xoi.io/graphql",
                                       &error));
  g_assert_true (vl_check_service_url ("http://127.0.0.1:4000/graphql",
                                       &error));
  g_assert_no_error (error);

  g_assert_false (vl_check_service_url ("http://proxy.example/graphql",
                                        &error));
  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "https"));
  g_clear_error (&error);

  g_assert_false (vl_check_service_url ("proxy.example/graphql", &error));
  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_INVALID_INPUT);
}

static void
test_compact (void)
{
  g_autoptr(JsonObject) object = vl_parse_metadata ("{\"s\": \"plain\", "
                                                    "\"o\": {\"a\": [1, true]}}",
                                                    NULL);
  g_autofree char *s = vl_json_node_to_compact (json_object_get_member (object,
                                                                        "s"));
  g_autofree char *o = vl_json_node_to_compact (json_object_get_member (object,
                                                                        "o"));

  g_assert_cmpstr (s, ==, "plain");
  g_assert_cmpstr (o, ==, "{\"a\":[1,true]}");
}

static void
test_work_order_part (void)
{
  g_autofree char *longest = g_strnfill (VL_MAX_WORK_ORDER_PART, 'a');
  g_autofree char *too_long = g_strnfill (VL_MAX_WORK_ORDER_PART + 1, 'a');
  const struct {
    const char *text;
    const char *expected;
  } accepted[] = {
    { NULL, "" },
    { "", "" },
    { " \t\n ", "" },
    { "  acme  ", "acme" },
    { "WO-1/2 (north)", "WO-1/2 (north)" },
    { "שלום", "שלום" },
    { "ação 🚐", "ação 🚐" },
    { longest, longest },
  };
  const struct {
    const char *text;
    const char *message;
  } refused[] = {
    { "acme\001", "control character (U+0001)" },
    { "a\033[31mb", "control character (U+001B)" },
    { "a\302\233b", "control character (U+009B)" },
    { "WO\u202e1", "invisible formatting character (U+202E)" },
    { "WO\u200b1", "invisible formatting character (U+200B)" },
    { "\377acme", "not valid text" },
    { too_long, "longer than 4096 bytes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value =
        vl_normalize_work_order_part (accepted[i].text, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (value, ==, accepted[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value =
        vl_normalize_work_order_part (refused[i].text, &error);

      g_assert_null (value);
      g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, refused[i].message));
    }
}

static void
test_url_is_loopback (void)
{
  g_assert_true (vl_url_is_loopback ("http://127.0.0.1:8080/graphql"));
  g_assert_true (vl_url_is_loopback ("http://127.1.2.3/"));
  g_assert_true (vl_url_is_loopback ("https://[::1]:443/token"));
  g_assert_true (vl_url_is_loopback ("http://LocalHost/"));
  g_assert_false (vl_url_is_loopback ("https://gql-live-external.xoi.io/graphql"));
  g_assert_false (vl_url_is_loopback ("http://127.0.0.1.example.com/"));
  g_assert_false (vl_url_is_loopback ("http://10.0.0.1/"));
  g_assert_false (vl_url_is_loopback ("not a url"));
  g_assert_false (vl_url_is_loopback (""));
}

static void
test_call_id_from_text (void)
{
  const struct {
    const char *text;
    const char *id;
  } cases[] = {
    { "call-be76aecd347e4fe89e5e666372a57af9",
      "call-be76aecd347e4fe89e5e666372a57af9" },
    { "  call-1\n", "call-1" },
    { "anything the service may call an id", "anything the service may call "
                                             "an id" },
    { "http://127.0.0.1:8080/live/call-be76aecd347e4fe89e5e666372a57af9",
      "call-be76aecd347e4fe89e5e666372a57af9" },
    { " https://vision.example/live/call-1/ ", "call-1" },
    { "https://vision.example/join?room=call-2&x=1", "call-2" },
    /* Not a web link: as it is */
    { "javascript:call-3", "javascript:call-3" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *none = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) case_error = NULL;
      g_autofree char *id = vl_call_id_from_text (cases[i].text,
                                                  &case_error);

      g_assert_no_error (case_error);
      g_assert_cmpstr (id, ==, cases[i].id);
    }

  none = vl_call_id_from_text ("https://vision.example/live/abc", &error);
  g_assert_null (none);
  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "no call ID"));
}

static void
assert_metadata_refused (const char *text,
                         const char *says)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = vl_parse_metadata (text, &error);

  g_assert_null (object);
  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_INVALID_INPUT);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (strstr (error->message, says) == NULL)
    g_error ("“%.60s”: “%s” does not say “%s”", text, error->message, says);
}

static void
assert_metadata_sent_as (const char *text,
                         const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = vl_normalize_metadata (text, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, expected);
}

/* What json-glib would crash on or change, found while fuzzing */
static void
test_metadata_hostile (void)
{
  g_autofree char *open = g_strnfill (200000, '[');
  g_autofree char *deep = g_strconcat ("{\"a\": ", open, NULL);
  g_autofree char *in_string = g_strnfill (300, '[');
  g_autofree char *bracket_text = g_strconcat ("{\"a\":\"", in_string,
                                               "\"}", NULL);

  assert_metadata_refused (deep, "nested too deeply");
  /* Brackets inside a string are text, not nesting */
  assert_metadata_sent_as (bracket_text, bracket_text);

  /* json-glib wrapped the first to -1 and wrote the second as "inf.0",
   * which is not JSON.
   */
  assert_metadata_refused ("{\"n\": 99999999999999999999999}", "too large");
  assert_metadata_refused ("{\"n\": 9223372036854775808}", "too large");
  assert_metadata_refused ("{\"n\": 1e999999}", "too large");
  assert_metadata_refused ("{\"n\": -1e999999}", "too large");
  /* and in what json-glib reads beyond JSON, such as single quotes */
  assert_metadata_refused ("{'n': 99999999999999999999}", "too large");
  assert_metadata_sent_as ("{'n': [12, -3.5]}", "{\"n\":[12,-3.5]}");
  assert_metadata_sent_as ("{\"n\": -9223372036854775808}",
                           "{\"n\":-9223372036854775808}");
  assert_metadata_sent_as ("{\"n\": [1, 2.5]}", "{\"n\":[1,2.5]}");
  /* Found by fuzz-metadata: json-glib wrote these as "1e+18.0" */
  assert_metadata_sent_as ("{\"n\": 999999999999999999.9999}",
                           "{\"n\":1e+18}");
  assert_metadata_sent_as ("{\"n\": [2e51, -1E-300]}",
                           "{\"n\":[2e+51,-1e-300]}");
  assert_metadata_sent_as ("{\"e\\u001f1.0\": \"1e+18.0\"}",
                           "{\"e\\u001f1.0\":\"1e+18.0\"}");

  /* An octal escape, which JSON has not, gave text that is not UTF-8,
   * in the value and in json-glib's own message.
   */
  assert_metadata_refused ("{\"a\": \"\\246\"}", "not UTF-8");
  assert_metadata_refused ("{'a': \"\\246\"}", "not UTF-8");
  assert_metadata_refused ("{\"a\": \"c\\ud83dFx\"}", "not UTF-8");
  assert_metadata_refused ("{\"a\" \"\\246\"}", "not valid JSON");
}

/* The comma left before a closing bracket is named, where it is. */
static void
test_metadata_trailing_comma (void)
{
  assert_metadata_refused ("{\"site\": \"Main St\",}",
                           "(line 1, column 19): a comma comes right before "
                           "“}”. Remove that comma.");
  assert_metadata_refused ("{\n  \"floors\": [1, 2,\n  ]\n}",
                           "(line 2, column 18): a comma comes right before "
                           "“]”.");
  /* Lines as typed, columns in characters */
  assert_metadata_refused ("\n\n{\"a\": 1,}",
                           "(line 3, column 8): a comma comes right before");
  assert_metadata_refused ("{\"é\": 1,}",
                           "(line 1, column 8): a comma comes right before");
  /* json-glib reads a line break in a string, and counts it */
  assert_metadata_refused ("{\"a\": \"x\ny\", \"b\": 1,}",
                           "(line 2, column 11): a comma comes right before");
  /* An earlier mistake is the one named */
  assert_metadata_refused ("{\"a\" 1, \"b\": [2,]}",
                           "not valid JSON (line 1, column 4)");
  /* Commas and brackets in strings are text */
  assert_metadata_refused ("{\"a\": \"x,}\"", "not valid JSON");
  assert_metadata_refused ("{\"a\": \"x\\\",}\"", "not valid JSON");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) object = vl_parse_metadata ("{\"a\": \"x,}\"}",
                                                      &error);

    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (object, "a"), ==, "x,}");
  }
}

static void
test_metadata_split (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  VlMetadataEntry *entry;

  entries = vl_metadata_split ("{\"z\": \"last\", \"a\": [1, true], "
                               "\"n\": null, \"s\": \"\"}");
  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, ==, 4);
  /* In the order of the text, strings without their quotes */
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->key, ==, "z");
  g_assert_cmpstr (entry->value, ==, "last");
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (entry->key, ==, "a");
  g_assert_cmpstr (entry->value, ==, "[1,true]");
  entry = g_ptr_array_index (entries, 2);
  g_assert_cmpstr (entry->key, ==, "n");
  g_assert_cmpstr (entry->value, ==, "null");
  entry = g_ptr_array_index (entries, 3);
  g_assert_cmpstr (entry->key, ==, "s");
  g_assert_cmpstr (entry->value, ==, "");
  g_clear_pointer (&entries, g_ptr_array_unref);

  entries = vl_metadata_split ("");
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = vl_metadata_split ("{}");
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* The service stores any string */
  g_assert_null (vl_metadata_split ("[\"key\", \"VALUE\"]"));
  g_assert_null (vl_metadata_split ("plain text"));
  g_assert_null (vl_metadata_split ("{\"a\": \"\\246\"}"));
}

static void
test_service_url_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;

  /* Found by fuzz-validate: the message quoted the address as it was */
  g_assert_false (vl_check_service_url ("https://ex\xff" "ample.com/", &error));
  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "The service address is not valid UTF-8.");
  g_clear_error (&error);

  g_assert_false (vl_check_service_url ("222\xff" "3334444", &error));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Out of the TAP stream, whatever G_MESSAGES_DEBUG turns on */
  g_log_writer_default_set_use_stderr (TRUE);

  g_test_add_func ("/validate/phone/accepted", test_phone_accepted);
  g_test_add_func ("/validate/phone/refused", test_phone_refused);
  g_test_add_func ("/validate/phone/invalid-utf8", test_phone_invalid_utf8);
  g_test_add_func ("/validate/email", test_email);
  g_test_add_func ("/validate/email/too-long", test_email_too_long);
  g_test_add_func ("/validate/recipient-by-type", test_recipient_by_type);
  g_test_add_func ("/validate/metadata", test_metadata);
  g_test_add_func ("/validate/link", test_link);
  g_test_add_func ("/validate/service-url", test_service_url);
  g_test_add_func ("/validate/compact", test_compact);
  g_test_add_func ("/validate/work-order-part", test_work_order_part);
  g_test_add_func ("/validate/url-is-loopback", test_url_is_loopback);
  g_test_add_func ("/validate/call-id-from-text", test_call_id_from_text);
  g_test_add_func ("/validate/metadata/hostile", test_metadata_hostile);
  g_test_add_func ("/validate/metadata/split", test_metadata_split);
  g_test_add_func ("/validate/metadata/trailing-comma",
                   test_metadata_trailing_comma);
  g_test_add_func ("/validate/service-url/invalid-utf8",
                   test_service_url_invalid_utf8);

  return g_test_run ();
}

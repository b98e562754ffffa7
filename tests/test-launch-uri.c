/* test-launch-uri.c: vision-live: links from other programs, good,
 * partial and hostile
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vl-error.h"
#include "vl-launch-uri.h"

#define PREFIX "This link cannot be used: "

typedef struct
{
  const char *uri;
  const char *expected;
} Case;

static VlCall *
parse_good (const char *uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) draft = vl_launch_uri_parse (uri, &error);

  if (error != NULL)
    g_error ("“%.200s” was refused: %s", uri, error->message);

  g_assert_nonnull (draft);
  g_assert_null (vl_call_get_id (draft));
  g_assert_null (vl_call_get_link (draft));

  return g_steal_pointer (&draft);
}

static void
assert_refused (const char *uri,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) draft = vl_launch_uri_parse (uri, &error);

  if (draft != NULL)
    g_error ("“%.200s” was accepted", uri);

  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, PREFIX));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (strstr (error->message, expected) == NULL)
    g_error ("“%.200s”: “%s” does not say “%s”", uri, error->message,
             expected);
}

static void
assert_all_refused (const Case *cases,
                    guint       n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    assert_refused (cases[i].uri, cases[i].expected);
}

static void
assert_invitation (VlCall           *draft,
                   guint             position,
                   VlInvitationType  type,
                   const char       *recipient)
{
  GListModel *invitations = vl_call_get_invitations (draft);
  g_autoptr(VlInvitation) invitation = NULL;

  g_assert_cmpuint (position, <, g_list_model_get_n_items (invitations));
  invitation = g_list_model_get_item (invitations, position);
  g_assert_cmpint (vl_invitation_get_kind (invitation), ==, type);
  g_assert_cmpstr (vl_invitation_get_recipient (invitation), ==, recipient);
}

static guint
count_invitations (VlCall *draft)
{
  return g_list_model_get_n_items (vl_call_get_invitations (draft));
}

/* A link of @length bytes or more: "vision-live:prepare?KEY=aaa...". */
static char *
make_long_uri (const char *key,
               gsize       length)
{
  g_autofree char *filler = g_strnfill (length, 'a');

  return g_strconcat ("vision-live:prepare?", key, "=", filler, NULL);
}

static void
test_good_example (void)
{
  g_autoptr(VlCall) draft = NULL;

  draft = parse_good ("vision-live:prepare?sms=2223334444&namespace=acme"
                      "&id=WO-1&metadata=%7B%22key%22%3A%20%22VALUE%22%7D");

  g_assert_cmpuint (count_invitations (draft), ==, 1);
  assert_invitation (draft, 0, VL_INVITATION_TYPE_SMS, "2223334444");
  g_assert_true (vl_call_has_integration (draft));
  g_assert_cmpstr (vl_call_get_integration_namespace (draft), ==, "acme");
  g_assert_cmpstr (vl_call_get_integration_id (draft), ==, "WO-1");
  g_assert_cmpstr (vl_call_get_metadata_json (draft), ==,
                   "{\"key\":\"VALUE\"}");
  g_assert_nonnull (vl_call_get_metadata (draft));
}

static void
test_good_order (void)
{
  g_autoptr(VlCall) draft = NULL;

  draft = parse_good ("vision-live:prepare?sms=(222)%20333-4444"
                      "&email=first%40example.com&sms=222.555.6666"
                      "&email=%20second@example.com%20&sms=3334445555");

  g_assert_cmpuint (count_invitations (draft), ==, 5);
  assert_invitation (draft, 0, VL_INVITATION_TYPE_SMS, "2223334444");
  assert_invitation (draft, 1, VL_INVITATION_TYPE_EMAIL,
                     "first@example.com");
  assert_invitation (draft, 2, VL_INVITATION_TYPE_SMS, "2225556666");
  assert_invitation (draft, 3, VL_INVITATION_TYPE_EMAIL,
                     "second@example.com");
  assert_invitation (draft, 4, VL_INVITATION_TYPE_SMS, "3334445555");
  g_assert_false (vl_call_has_integration (draft));
  g_assert_null (vl_call_get_metadata_json (draft));
}

/* "%2B" and a raw "+" are both a plus sign; a space is "%20". */
static void
test_good_plus (void)
{
  const char *same[] = {
    "vision-live:prepare?sms=%2B1%20222%20333%204444",
    "vision-live:prepare?sms=+1%20222%20333%204444",
    "vision-live:prepare?sms=%2b12223334444",
    "vision-live:prepare?sms=+12223334444",
  };
  g_autoptr(VlCall) draft = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autoptr(VlCall) call = parse_good (same[i]);

      g_assert_cmpuint (count_invitations (call), ==, 1);
      assert_invitation (call, 0, VL_INVITATION_TYPE_SMS, "+12223334444");
    }

  draft = parse_good ("vision-live:prepare?namespace=acme+corp&id=a%2Bb+c");
  g_assert_cmpstr (vl_call_get_integration_namespace (draft), ==,
                   "acme+corp");
  g_assert_cmpstr (vl_call_get_integration_id (draft), ==, "a+b+c");

  /* Form-encoded spaces are not spaces here, and the phone check says so. */
  assert_refused ("vision-live:prepare?sms=%2B1+222+333+4444",
                  "may only start a phone number");
}

static void
test_good_unicode_metadata (void)
{
  g_autoptr(VlCall) draft = NULL;
  JsonObject *metadata;

  /* {"client": "Société Générale", "note": "配管 <b>urgent</b> & “now”",
   *  "tool": "🔧", "nested": {"n": [1, 2.5, true, null]}}
   * spread over lines, as a person would write it.
   */
  draft = parse_good ("vision-live:prepare?metadata="
                      "%7B%0A%20%20%22client%22%3A%20%22Soci%C3%A9t%C3%A9"
                      "%20G%C3%A9n%C3%A9rale%22%2C%0D%0A%09%22note%22%3A"
                      "%20%22%E9%85%8D%E7%AE%A1%20%3Cb%3Eurgent%3C%2Fb%3E"
                      "%20%26%20%E2%80%9Cnow%E2%80%9D%22%2C%0A%20%20"
                      "%22tool%22%3A%20%22%F0%9F%94%A7%22%2C%0A%20%20"
                      "%22nested%22%3A%20%7B%22n%22%3A%20%5B1%2C%202.5%2C"
                      "%20true%2C%20null%5D%7D%0A%7D");

  g_assert_cmpuint (count_invitations (draft), ==, 0);
  g_assert_cmpstr (vl_call_get_metadata_json (draft), ==,
                   "{\"client\":\"Société Générale\","
                   "\"note\":\"配管 <b>urgent</b> & “now”\","
                   "\"tool\":\"🔧\","
                   "\"nested\":{\"n\":[1,2.5,true,null]}}");

  metadata = vl_call_get_metadata (draft);
  g_assert_nonnull (metadata);
  g_assert_cmpstr (json_object_get_string_member (metadata, "tool"), ==,
                   "🔧");
}

/* Both ways of writing the link, keys and action in any case, stray "&". */
static void
test_good_forms (void)
{
  const char *forms[] = {
    "vision-live:prepare?sms=2223334444&namespace=acme&id=WO-1",
    "VISION-LIVE:prepare?sms=2223334444&namespace=acme&id=WO-1",
    "Vision-Live:Prepare?SMS=2223334444&Namespace=acme&ID=WO-1",
    "vision-live://prepare?sms=2223334444&namespace=acme&id=WO-1",
    "vision-live://prepare/?sms=2223334444&namespace=acme&id=WO-1",
    "vision-live://PREPARE?sms=2223334444&namespace=acme&id=WO-1",
    /* As GIO hands the first one over when gvfs is running */
    "vision-live:///prepare?sms=2223334444&namespace=acme&id=WO-1",
    "vision-live:///prepare/?sms=2223334444&namespace=acme&id=WO-1",
    "vision-live:prepare?&sms=2223334444&&namespace=acme&id=WO-1&",
    "vision-live:prepare?sms=2223334444&namespace=%20acme%20&id=WO-1%20",
    "vision-live:prepare?%73ms=2223334444&namespace=acme&id=WO-1",
    "vision-live:%70repare?sms=2223334444&namespace=acme&id=WO-1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(VlCall) draft = parse_good (forms[i]);

      g_assert_cmpuint (count_invitations (draft), ==, 1);
      assert_invitation (draft, 0, VL_INVITATION_TYPE_SMS, "2223334444");
      g_assert_cmpstr (vl_call_get_integration_namespace (draft), ==,
                       "acme");
      g_assert_cmpstr (vl_call_get_integration_id (draft), ==, "WO-1");
    }
}

static void
test_partial (void)
{
  g_autoptr(VlCall) only_sms = NULL;
  g_autoptr(VlCall) only_email = NULL;
  g_autoptr(VlCall) only_work_order = NULL;
  g_autoptr(VlCall) only_metadata = NULL;

  only_sms = parse_good ("vision-live:prepare?sms=2223334444");
  g_assert_cmpuint (count_invitations (only_sms), ==, 1);
  assert_invitation (only_sms, 0, VL_INVITATION_TYPE_SMS, "2223334444");
  g_assert_false (vl_call_has_integration (only_sms));
  g_assert_null (vl_call_get_metadata_json (only_sms));

  only_email = parse_good ("vision-live:prepare?email=tech%40example.com");
  assert_invitation (only_email, 0, VL_INVITATION_TYPE_EMAIL,
                     "tech@example.com");

  /* The dispatcher adds the invitations by hand. */
  only_work_order = parse_good ("vision-live:prepare?namespace=acme&id=WO-1");
  g_assert_cmpuint (count_invitations (only_work_order), ==, 0);
  g_assert_cmpstr (vl_call_get_integration_namespace (only_work_order), ==,
                   "acme");
  g_assert_cmpstr (vl_call_get_integration_id (only_work_order), ==, "WO-1");
  g_assert_null (vl_call_get_metadata_json (only_work_order));

  only_metadata = parse_good ("vision-live:prepare?metadata=%7B%7D");
  g_assert_cmpuint (count_invitations (only_metadata), ==, 0);
  g_assert_false (vl_call_has_integration (only_metadata));
  g_assert_cmpstr (vl_call_get_metadata_json (only_metadata), ==, "{}");
}

static void
test_hostile_schemes (void)
{
  const Case cases[] = {
    { "http://example.com/prepare?sms=2223334444", "“http:” link" },
    { "https://example.com/?sms=2223334444", "“https:” link" },
    { "javascript:alert(document.cookie)//?sms=2223334444",
      "“javascript:” link" },
    { "file:///etc/passwd", "“file:” link" },
    { "data:text/html,<script>alert(1)</script>", "“data:” link" },
    { "vision-livex:prepare?sms=2223334444", "“vision-livex:” link" },
    { "mailto:tech@example.com", "“mailto:” link" },
    { "not a link", "not a valid link" },
    { "", "not a valid link" },
    { "prepare?sms=2223334444", "not a valid link" },
    { "vision-live:prepare?sms=%ZZ", "not a valid link" },
  };

  assert_all_refused (cases, G_N_ELEMENTS (cases));
}

static void
test_hostile_structure (void)
{
  const Case cases[] = {
    { "vision-live:prepare", "nothing to fill in" },
    { "vision-live:prepare?", "nothing to fill in" },
    { "vision-live:prepare?&&&", "nothing to fill in" },
    { "vision-live://prepare", "nothing to fill in" },
    { "vision-live:start?sms=2223334444", "asks for “start”" },
    { "vision-live:prepare/?sms=2223334444", "asks for “prepare/”" },
    { "vision-live:?sms=2223334444", "asks for “”" },
    { "vision-live://prepare/now?sms=2223334444", "asks for “prepare/now”" },
    { "vision-live:///prepare/now?sms=2223334444", "asks for “prepare/now”" },
    { "vision-live:////prepare?sms=2223334444", "asks for “/prepare”" },
    { "vision-live://evil.example/prepare?sms=2223334444",
      "asks for “evil.example/prepare”" },
    { "vision-live://user@prepare?sms=2223334444", "user name or a port" },
    { "vision-live://prepare:8080?sms=2223334444", "user name or a port" },
    { "vision-live:prepare?sms=2223334444#id=WO-1", "part after “#”" },
    /* Found by fuzz-launch-uri: GLib's message quoted the bytes that are
     * not UTF-8 as they were.
     */
    { "vision-live://on-live:p.0osm\xe9s0v", "not valid text (UTF-8)" },
    { "vision-live://ve:prepar\xff?metadata=x", "not valid text (UTF-8)" },
    /* and json-glib's message quoted an octal escape, decoded */
    { "vision-live:prepare?metadata=%7B%22a%22%20%22%5C246%22%7D",
      "not valid JSON" },
  };

  assert_all_refused (cases, G_N_ELEMENTS (cases));
}

static void
test_hostile_keys (void)
{
  const Case cases[] = {
    { "vision-live:prepare?sms=2223334444&send=1",
      "it contains “send”, which Vision Live Launcher does not know" },
    { "vision-live:prepare?token=abc", "“token”" },
    { "vision-live:prepare?sms%00x=2223334444", "“sms\357\277\275x”" },
    { "vision-live:prepare?%FF=1", "“\357\277\275”" },
    { "vision-live:prepare?=2223334444", "“”, which" },
    { "vision-live:prepare?sms", "“sms” has no value" },
    { "vision-live:prepare?namespace=acme&id", "“id” has no value" },
    { "vision-live:prepare?namespace=acme&id=WO-1&id=WO-2",
      "gives “id” more than once" },
    { "vision-live:prepare?namespace=acme&NAMESPACE=evil&id=WO-1",
      "gives “namespace” more than once" },
    { "vision-live:prepare?metadata=%7B%7D&metadata=%7B%7D",
      "gives “metadata” more than once" },
  };
  g_autofree char *long_key = NULL;
  g_autofree char *long_key_uri = NULL;

  assert_all_refused (cases, G_N_ELEMENTS (cases));

  /* An unknown key is quoted, but not at any length. */
  long_key = g_strnfill (500, 'k');
  long_key_uri = g_strconcat ("vision-live:prepare?", long_key, "=1", NULL);
  assert_refused (long_key_uri, "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…”");
}

static void
test_hostile_sizes (void)
{
  g_autofree char *longest_id = g_strnfill (4096, 'i');
  g_autofree char *longest = g_strconcat ("vision-live:prepare?namespace=acme"
                                          "&id=", longest_id, NULL);
  g_autofree char *long_value = make_long_uri ("namespace", 5000);
  g_autofree char *value_100k = make_long_uri ("sms", 100 * 1024);
  g_autofree char *uri_200k = make_long_uri ("id", 200 * 1024);
  g_autofree char *big_string = g_strnfill (70000, 'm');
  g_autofree char *big_metadata = g_strconcat ("vision-live:prepare?metadata="
                                               "%7B%22m%22%3A%22", big_string,
                                               "%22%7D", NULL);
  g_autoptr(VlCall) draft = parse_good (longest);

  g_assert_cmpuint (strlen (vl_call_get_integration_id (draft)), ==, 4096);

  assert_refused (long_value,
                  "the value of “namespace” is too long (5000 bytes, at "
                  "most 4096 are allowed)");
  assert_refused (value_100k, "it is longer than 100 kB");
  assert_refused (uri_200k, "it is longer than 100 kB");
  assert_refused (big_metadata,
                  "the value of “metadata” is too long (70008 bytes, at "
                  "most 65536 are allowed)");
}

static void
test_hostile_too_many_invitations (void)
{
  g_autoptr(GString) uri = g_string_new ("vision-live:prepare?");
  g_autoptr(VlCall) draft = NULL;

  for (guint i = 0; i < 50; i++)
    g_string_append_printf (uri, "sms=22233%05u&", i);

  draft = parse_good (uri->str);
  g_assert_cmpuint (count_invitations (draft), ==, 50);
  assert_invitation (draft, 49, VL_INVITATION_TYPE_SMS, "2223300049");

  g_string_append (uri, "email=one.more@example.com");
  assert_refused (uri->str, "it has more than 50 invitations");
}

static void
test_hostile_encoding (void)
{
  const Case cases[] = {
    { "vision-live:prepare?namespace=acme&id=WO-1%00evil",
      "the value of “id” contains a null character" },
    { "vision-live:prepare?sms=%00", "“sms” contains a null character" },
    { "vision-live:prepare?namespace=%FF&id=WO-1",
      "the value of “namespace” is not valid text (UTF-8)" },
    { "vision-live:prepare?namespace=acme&id=%C3%28",
      "“id” is not valid text" },
    { "vision-live:prepare?metadata=%7B%22a%22%3A%22%ED%A0%80%22%7D",
      "“metadata” is not valid text" },
    { "vision-live:prepare?namespace=ac%01me&id=WO-1",
      "the value of “namespace” contains a control character" },
    { "vision-live:prepare?namespace=acme&id=WO-1%0ASend%20now",
      "“id” contains a control character" },
    { "vision-live:prepare?sms=222%09333%094444",
      "“sms” contains a control character" },
    { "vision-live:prepare?namespace=acme&id=WO-1%C2%85",
      "“id” contains a control character" },
    { "vision-live:prepare?metadata=%7B%22a%22%3A%221%1B%5B2J%22%7D",
      "“metadata” contains a control character" },
    { "vision-live:prepare?namespace=%E2%80%AEemca&id=WO-1",
      "“namespace” contains an invisible formatting character" },
    { "vision-live:prepare?email=a@exa%E2%80%8Bmple.com",
      "“email” contains an invisible formatting character" },
    { "vision-live:prepare?namespace=acme&id=WO%E2%80%A81",
      "“id” contains an invisible formatting character" },
    { "vision-live:prepare?namespace=%20%20&id=WO-1",
      "the value of “namespace” is empty" },
    { "vision-live:prepare?sms=", "the value of “sms” is empty" },
    { "vision-live:prepare?metadata=%20", "“metadata” is empty" },
  };

  assert_all_refused (cases, G_N_ELEMENTS (cases));
}

/* Angle brackets are refused where they cannot belong, and are only text
 * inside metadata.
 */
static void
test_hostile_scripts (void)
{
  const Case cases[] = {
    { "vision-live:prepare?namespace=<script>alert(1)</script>&id=WO-1",
      "the value of “namespace” contains “<” or “>”" },
    { "vision-live:prepare?namespace=acme&id=%3Cimg%20src=x%20onerror=1%3E",
      "“id” contains “<” or “>”" },
    { "vision-live:prepare?email=%3Ctech@example.com%3E",
      "“email” contains “<” or “>”" },
    { "vision-live:prepare?sms=2223334444%3E", "“sms” contains “<” or “>”" },
  };
  g_autoptr(VlCall) draft = NULL;

  assert_all_refused (cases, G_N_ELEMENTS (cases));

  draft = parse_good ("vision-live:prepare?metadata=%7B%22note%22%3A%22"
                      "%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%7D");
  g_assert_cmpstr (vl_call_get_metadata_json (draft), ==,
                   "{\"note\":\"<script>alert(1)</script>\"}");
}

static void
test_hostile_values (void)
{
  const Case cases[] = {
    { "vision-live:prepare?metadata=%5B1%2C2%5D", "must be a JSON object" },
    { "vision-live:prepare?metadata=%22text%22", "must be a JSON object" },
    { "vision-live:prepare?metadata=42", "must be a JSON object" },
    { "vision-live:prepare?metadata=%7B%22key%22%3A", "not valid JSON" },
    { "vision-live:prepare?sms=2223334444&metadata=key%3DVALUE",
      "its metadata is wrong. The metadata is not valid JSON" },
    { "vision-live:prepare?namespace=acme",
      "gives the namespace of a work order but not its id" },
    { "vision-live:prepare?sms=2223334444&namespace=acme",
      "Give both or neither" },
    { "vision-live:prepare?id=WO-1",
      "gives the id of a work order but not its namespace" },
    { "vision-live:prepare?sms=123456",
      "the phone number “123456” is not valid. This phone number is too "
      "short" },
    { "vision-live:prepare?sms=222-CALL-NOW", "“C” cannot be part" },
    { "vision-live:prepare?sms=2223334444&sms=tech%40example.com",
      "the phone number “tech@example.com” is not valid" },
    { "vision-live:prepare?email=2223334444",
      "the e-mail address “2223334444” is not valid. An e-mail address "
      "needs an “@”" },
    { "vision-live:prepare?email=tech%40localhost", "needs a dot" },
  };

  assert_all_refused (cases, G_N_ELEMENTS (cases));
}

static void
test_build (void)
{
  g_autoptr(VlCall) draft = vl_call_new ();
  g_autoptr(VlCall) empty = vl_call_new ();
  g_autoptr(VlInvitation) sms = NULL;
  g_autoptr(VlInvitation) email = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *empty_uri = NULL;

  sms = vl_invitation_new (VL_INVITATION_TYPE_SMS, "+12223334444");
  email = vl_invitation_new (VL_INVITATION_TYPE_EMAIL, "tech@example.com");
  vl_call_add_invitation (draft, sms);
  vl_call_add_invitation (draft, email);
  vl_call_set_integration (draft, "acme", "WO-1");
  vl_call_set_metadata_json (draft, "{\"key\":\"VALUE\"}");

  uri = vl_launch_uri_build (draft);
  g_assert_cmpstr (uri, ==,
                   "vision-live:prepare?sms=%2B12223334444"
                   "&email=tech%40example.com&namespace=acme&id=WO-1"
                   "&metadata=%7B%22key%22%3A%22VALUE%22%7D");

  empty_uri = vl_launch_uri_build (empty);
  g_assert_cmpstr (empty_uri, ==, "vision-live:prepare");
  assert_refused (empty_uri, "nothing to fill in");
}

static void
test_round_trip (void)
{
  const char *namespace_ = "a&b=c?d#e f+g%h/é;x";
  const char *id = "WO 1 + 2 = “3” ½ 日本";
  const char *metadata = "{\"k\":\"v & w = x + y % z # ? \\\"q\\\" \\\\ "
                         "<tag> 日本 🔧 %2B\",\"n\":[1,2,{\"deep\":null}]}";
  g_autoptr(VlCall) draft = vl_call_new ();
  g_autoptr(VlCall) again = NULL;
  g_autoptr(VlInvitation) first = NULL;
  g_autoptr(VlInvitation) second = NULL;
  g_autoptr(VlInvitation) third = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *uri_again = NULL;

  first = vl_invitation_new (VL_INVITATION_TYPE_EMAIL,
                             "josé+calls@bücher.example");
  second = vl_invitation_new (VL_INVITATION_TYPE_SMS, "+442079460958");
  third = vl_invitation_new (VL_INVITATION_TYPE_SMS, "2223334444");
  vl_call_add_invitation (draft, first);
  vl_call_add_invitation (draft, second);
  vl_call_add_invitation (draft, third);
  vl_call_set_integration (draft, namespace_, id);
  vl_call_set_metadata_json (draft, metadata);

  uri = vl_launch_uri_build (draft);

  /* Plain ASCII, and nothing in it that a shell or a form would mangle. */
  for (const char *p = uri; *p != '\0'; p++)
    {
      g_assert_true (g_ascii_isalnum (*p) || strchr (":?&=%-._~", *p));
    }

  again = parse_good (uri);
  g_assert_cmpuint (count_invitations (again), ==, 3);
  assert_invitation (again, 0, VL_INVITATION_TYPE_EMAIL,
                     "josé+calls@bücher.example");
  assert_invitation (again, 1, VL_INVITATION_TYPE_SMS, "+442079460958");
  assert_invitation (again, 2, VL_INVITATION_TYPE_SMS, "2223334444");
  g_assert_cmpstr (vl_call_get_integration_namespace (again), ==,
                   namespace_);
  g_assert_cmpstr (vl_call_get_integration_id (again), ==, id);
  g_assert_cmpstr (vl_call_get_metadata_json (again), ==, metadata);

  uri_again = vl_launch_uri_build (again);
  g_assert_cmpstr (uri_again, ==, uri);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Out of the TAP stream, whatever G_MESSAGES_DEBUG turns on */
  g_log_writer_default_set_use_stderr (TRUE);

  g_test_add_func ("/launch-uri/good/example", test_good_example);
  g_test_add_func ("/launch-uri/good/order", test_good_order);
  g_test_add_func ("/launch-uri/good/plus", test_good_plus);
  g_test_add_func ("/launch-uri/good/unicode-metadata",
                   test_good_unicode_metadata);
  g_test_add_func ("/launch-uri/good/forms", test_good_forms);
  g_test_add_func ("/launch-uri/partial", test_partial);
  g_test_add_func ("/launch-uri/hostile/schemes", test_hostile_schemes);
  g_test_add_func ("/launch-uri/hostile/structure", test_hostile_structure);
  g_test_add_func ("/launch-uri/hostile/keys", test_hostile_keys);
  g_test_add_func ("/launch-uri/hostile/sizes", test_hostile_sizes);
  g_test_add_func ("/launch-uri/hostile/too-many-invitations",
                   test_hostile_too_many_invitations);
  g_test_add_func ("/launch-uri/hostile/encoding", test_hostile_encoding);
  g_test_add_func ("/launch-uri/hostile/scripts", test_hostile_scripts);
  g_test_add_func ("/launch-uri/hostile/values", test_hostile_values);
  g_test_add_func ("/launch-uri/build", test_build);
  g_test_add_func ("/launch-uri/round-trip", test_round_trip);

  return g_test_run ();
}

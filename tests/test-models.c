/* test-models.c: the guide's example answers read into the models
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vl-call.h"
#include "vl-enums.h"
#include "vl-error.h"
#include "vl-graphql.h"
#include "vl-time.h"

static GBytes *
load_example (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name,
                                                 NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static void
assert_example_call (VlCall     *call,
                     const char *id)
{
  GListModel *invitations = vl_call_get_invitations (call);
  g_autoptr(VlInvitation) invitation = NULL;
  JsonObject *metadata;

  g_assert_cmpstr (vl_call_get_id (call), ==, id);
  g_assert_cmpuint (g_list_model_get_n_items (invitations), ==, 1);
  invitation = g_list_model_get_item (invitations, 0);
  g_assert_cmpint (vl_invitation_get_kind (invitation), ==,
                   VL_INVITATION_TYPE_SMS);
  g_assert_cmpstr (vl_invitation_get_recipient (invitation), ==,
                   "2223334444");
  g_assert_true (vl_call_has_integration (call));
  g_assert_cmpstr (vl_call_get_integration_namespace (call), ==,
                   "anamespace");
  g_assert_cmpstr (vl_call_get_integration_id (call), ==, "INTEG_ID");
  g_assert_cmpstr (vl_call_get_metadata_json (call), ==,
                   "{\"key\":\"VALUE\"}");

  metadata = vl_call_get_metadata (call);
  g_assert_nonnull (metadata);
  g_assert_cmpuint (json_object_get_size (metadata), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (metadata, "key"), ==,
                   "VALUE");

  /* The guide's examples have no link: a valid call all the same. */
  g_assert_null (vl_call_get_link (call));
  g_assert_nonnull (vl_call_get_source (call));
}

static void
test_prepare_example (void)
{
  g_autoptr(GBytes) body = load_example ("prepare-response.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;

  call = vl_graphql_parse_call_response (body, "prepareVisionLiveCall",
                                         &error);
  g_assert_no_error (error);
  assert_example_call (call, "call-be76aecd347e4fe89e5e666372a57af9");
}

static void
test_get_example (void)
{
  g_autoptr(GBytes) body = load_example ("get-response.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;

  call = vl_graphql_parse_call_response (body, "getVisionLiveCall", &error);
  g_assert_no_error (error);
  assert_example_call (call, "call-VISIONLIVECALLID");
}

static void
test_example_wrong_field (void)
{
  g_autoptr(GBytes) body = load_example ("get-response.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;

  call = vl_graphql_parse_call_response (body, "prepareVisionLiveCall",
                                         &error);
  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_BAD_ANSWER);
  g_assert_null (call);
}

static void
test_source_is_kept (void)
{
  const char *text =
    "{\"data\":{\"getVisionLiveCall\":{\"visionLiveCall\":"
    "{\"id\":\"call-1\",\"futureField\":[1,2],"
    "\"visionLiveLink\":\"https://vision.example/live/1\"}}}}";
  g_autoptr(GBytes) body = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;
  g_autofree char *source = NULL;

  call = vl_graphql_parse_call_response (body, "getVisionLiveCall", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vl_call_get_link (call), ==,
                   "https://vision.example/live/1");
  g_assert_cmpuint (g_list_model_get_n_items (vl_call_get_invitations (call)),
                    ==, 0);
  g_assert_false (vl_call_has_integration (call));
  g_assert_null (vl_call_get_metadata_json (call));

  source = json_to_string (vl_call_get_source (call), FALSE);
  g_assert_cmpstr (source, ==,
                   "{\"id\":\"call-1\",\"futureField\":[1,2],"
                   "\"visionLiveLink\":\"https://vision.example/live/1\"}");
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  GPtrArray *names = user_data;

  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
test_properties_notify (void)
{
  g_autoptr(VlCall) call = vl_call_new ();
  g_autoptr(VlInvitation) invitation = vl_invitation_new (VL_INVITATION_TYPE_SMS,
                                                          "2223334444");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *link = NULL;

  g_signal_connect (call, "notify", G_CALLBACK (on_notify), names);
  g_signal_connect (invitation, "notify", G_CALLBACK (on_notify), names);

  vl_call_set_id (call, "call-x");
  vl_call_set_id (call, "call-x");
  vl_call_set_integration (call, "ns", "id");
  vl_call_set_metadata_json (call, "{\"a\":[1,{\"b\":null}]}");
  vl_call_set_link (call, "https://example.com/x");
  vl_call_set_prepared_at (call, now);
  vl_call_set_environment (call, "demo");
  vl_invitation_set_kind (invitation, VL_INVITATION_TYPE_EMAIL);
  vl_invitation_set_recipient (invitation, "a@example.com");

  g_assert_cmpuint (names->len, ==, 9);
  g_assert_cmpstr (names->pdata[0], ==, "id");
  g_assert_cmpstr (names->pdata[1], ==, "integration-namespace");
  g_assert_cmpstr (names->pdata[2], ==, "integration-id");
  g_assert_cmpstr (names->pdata[3], ==, "metadata-json");
  g_assert_cmpstr (names->pdata[4], ==, "link");
  g_assert_cmpstr (names->pdata[5], ==, "prepared-at");
  g_assert_cmpstr (names->pdata[6], ==, "environment");
  g_assert_cmpstr (names->pdata[7], ==, "kind");
  g_assert_cmpstr (names->pdata[8], ==, "recipient");

  g_object_get (call, "link", &link, NULL);
  g_assert_cmpstr (link, ==, "https://example.com/x");
  g_assert_true (vl_call_get_prepared_at (call) == now);
  g_assert_true (json_object_has_member (vl_call_get_metadata (call), "a"));

  /* Half an integration id is none. */
  vl_call_set_integration (call, "ns", NULL);
  g_assert_false (vl_call_has_integration (call));
  g_assert_null (vl_call_get_integration_id (call));

  vl_call_set_metadata_json (call, "[1, 2]");
  g_assert_null (vl_call_get_metadata (call));
  g_assert_cmpstr (vl_call_get_metadata_json (call), ==, "[1, 2]");
}

static void
test_invitation_types (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (VL_TYPE_INVITATION_TYPE);
  VlInvitationType type = VL_INVITATION_TYPE_SMS;

  g_assert_cmpuint (klass->n_values, ==, 2);
  g_assert_cmpstr (vl_invitation_type_to_string (VL_INVITATION_TYPE_SMS), ==,
                   "sms");
  g_assert_cmpstr (vl_invitation_type_to_string (VL_INVITATION_TYPE_EMAIL), ==,
                   "email");
  g_assert_true (vl_invitation_type_from_string ("email", &type));
  g_assert_cmpint (type, ==, VL_INVITATION_TYPE_EMAIL);
  g_assert_false (vl_invitation_type_from_string ("fax", &type));
  g_assert_false (vl_invitation_type_from_string (NULL, &type));
  g_assert_cmpint (type, ==, VL_INVITATION_TYPE_EMAIL);
}

static void
assert_relative (GDateTime  *now,
                 GTimeSpan   before,
                 const char *expected)
{
  g_autoptr(GDateTime) time = g_date_time_add (now, -before);
  g_autofree char *text = vl_format_relative_time (time, now);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_relative_time (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
  /* A Friday afternoon */
  g_autoptr(GDateTime) now = g_date_time_new (zone, 2026, 12, 4, 15, 30, 0);
  g_autoptr(GTimeZone) other = g_time_zone_new_offset (-5 * 3600);
  g_autoptr(GDateTime) elsewhere = NULL;
  g_autofree char *text = NULL;

  assert_relative (now, 0, "Just now");
  assert_relative (now, 59 * G_TIME_SPAN_SECOND, "Just now");
  /* A clock set back a little */
  assert_relative (now, -30 * G_TIME_SPAN_SECOND, "Just now");
  assert_relative (now, G_TIME_SPAN_MINUTE, "1 minute ago");
  assert_relative (now, 59 * G_TIME_SPAN_MINUTE, "59 minutes ago");
  assert_relative (now, 2 * G_TIME_SPAN_HOUR, "13:30");
  assert_relative (now, 15 * G_TIME_SPAN_HOUR, "00:30");
  assert_relative (now, 16 * G_TIME_SPAN_HOUR, "Yesterday");
  assert_relative (now, 2 * G_TIME_SPAN_DAY, "Wednesday");
  assert_relative (now, 6 * G_TIME_SPAN_DAY, "Saturday");
  assert_relative (now, 7 * G_TIME_SPAN_DAY, "27 Nov");
  assert_relative (now, 340 * G_TIME_SPAN_DAY, "29 Dec 2025");

  /* Read in the time zone of now: 01:00 UTC is the evening before in
   * UTC-5.
   */
  elsewhere = g_date_time_new (other, 2026, 12, 4, 10, 0, 0);
  {
    g_autoptr(GDateTime) time = g_date_time_new (zone, 2026, 12, 4, 1, 0, 0);

    text = vl_format_relative_time (time, elsewhere);
    g_assert_cmpstr (text, ==, "Yesterday");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Out of the TAP stream, whatever G_MESSAGES_DEBUG turns on */
  g_log_writer_default_set_use_stderr (TRUE);

  g_test_add_func ("/models/prepare-example", test_prepare_example);
  g_test_add_func ("/models/get-example", test_get_example);
  g_test_add_func ("/models/example-wrong-field", test_example_wrong_field);
  g_test_add_func ("/models/source-is-kept", test_source_is_kept);
  g_test_add_func ("/models/properties-notify", test_properties_notify);
  g_test_add_func ("/models/invitation-types", test_invitation_types);
  g_test_add_func ("/models/relative-time", test_relative_time);

  return g_test_run ();
}

/* test-window.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the main window against the built-in demo backend, the way a
 * dispatcher would, and checks what it shows and what it sends.
 */

#include "config.h"

#include <stdio.h>
#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "vl-application.h"
#include "vl-error.h"
#include "vl-call-view-private.h"
#include "vl-metadata-editor-private.h"
#include "vl-window-private.h"

#define TIMEOUT_SECONDS 15

typedef struct
{
  VlWindow  *window;
  GPtrArray *uris;
} Fixture;

/* One application (and so one demo backend and one client) for the whole
 * program, registered but never run: each test makes its own window.
 */
static VlApplication *app;

static void
record_uri (const char *uri,
            gpointer    user_data)
{
  Fixture *fixture = user_data;

  g_ptr_array_add (fixture->uris, g_strdup (uri));
}

static VlDemoBackend *
get_backend (void)
{
  return vl_application_get_demo_backend (app);
}

static void settle (void);

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  VlDemoBackend *backend = get_backend ();

  vl_demo_backend_fail_next (backend, 0, 200);
  vl_demo_backend_set_omit_link (backend, FALSE);
  vl_demo_backend_set_token_delay (backend, 0);

  fixture->uris = g_ptr_array_new_with_free_func (g_free);
  vl_application_set_uri_handler (app, record_uri, fixture);

  fixture->window = vl_window_new (app);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  vl_application_set_uri_handler (app, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (fixture->window));

  /* Let the cancelled requests finish before the next test. */
  settle ();

  g_ptr_array_unref (fixture->uris);
}

typedef gboolean (*Condition) (Fixture *fixture);

/* Runs the main loop until @condition holds, failing after a while. */
static void
wait_until (Fixture   *fixture,
            Condition  condition)
{
  gint64 deadline = g_get_monotonic_time () +
                    TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (!condition (fixture))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for the window");

      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static gboolean
has_call (Fixture *fixture)
{
  return vl_call_view_get_call (vl_window_get_call_view (fixture->window)) != NULL;
}

static gboolean
is_idle (Fixture *fixture)
{
  return !vl_window_get_busy (fixture->window);
}

/* Gives pending idle work (a GTask returning, a signal) a chance to run. */
static void
settle (void)
{
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
fill_guide_example (Fixture *fixture)
{
  VlWindow *window = fixture->window;
  VlMetadataEditor *editor = vl_window_get_metadata_editor (window);
  VlInvitationRow *row;

  g_assert_cmpuint (vl_window_get_n_invitations (window), ==, 1);
  row = vl_window_get_invitation (window, 0);
  g_assert_cmpint (vl_invitation_row_get_kind (row), ==,
                   VL_INVITATION_TYPE_SMS);
  vl_invitation_row_set_text (row, "(222) 333-4444");
  g_assert_cmpstr (vl_invitation_row_get_recipient (row), ==, "2223334444");

  gtk_editable_set_text (vl_window_get_namespace_editable (window),
                         "anamespace");
  gtk_editable_set_text (vl_window_get_work_order_id_editable (window),
                         "INTEG_ID");
  g_assert_nonnull (vl_metadata_editor_add_field (editor, "key", "VALUE"));
}

static gboolean
start_is_enabled (Fixture *fixture)
{
  return gtk_widget_get_sensitive (vl_window_get_start_button (fixture->window));
}

static void
start_call (Fixture *fixture)
{
  g_assert_null (vl_window_get_blocker (fixture->window));
  g_assert_true (start_is_enabled (fixture));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.start-call", NULL));
}

static const char *
row_title (GPtrArray *rows,
           guint      position)
{
  g_assert_cmpuint (position, <, rows->len);

  return adw_preferences_row_get_title (g_ptr_array_index (rows, position));
}

static const char *
row_subtitle (GPtrArray *rows,
              guint      position)
{
  g_assert_cmpuint (position, <, rows->len);

  return adw_action_row_get_subtitle (g_ptr_array_index (rows, position));
}

static JsonObject *
get_sent_input (void)
{
  const char *body = vl_demo_backend_get_last_request_body (get_backend ());
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *variables;

  g_assert_nonnull (body);
  root = json_from_string (body, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  variables = json_object_get_object_member (json_node_get_object (root),
                                             "variables");
  g_assert_nonnull (variables);

  return json_object_ref (json_object_get_object_member (variables, "input"));
}

static void
assert_form_kept (Fixture *fixture)
{
  VlWindow *window = fixture->window;
  VlMetadataEditor *editor = vl_window_get_metadata_editor (window);
  GtkEditable *namespace_, *id;
  VlInvitationRow *row;
  VlMetadataRow *field;

  g_assert_cmpuint (vl_window_get_n_invitations (window), ==, 1);
  row = vl_window_get_invitation (window, 0);
  g_assert_cmpstr (vl_invitation_row_get_text (row), ==, "(222) 333-4444");
  namespace_ = vl_window_get_namespace_editable (window);
  g_assert_cmpstr (gtk_editable_get_text (namespace_), ==, "anamespace");
  id = vl_window_get_work_order_id_editable (window);
  g_assert_cmpstr (gtk_editable_get_text (id), ==, "INTEG_ID");
  g_assert_cmpuint (vl_metadata_editor_get_n_fields (editor), ==, 1);
  field = vl_metadata_editor_get_field (editor, 0);
  g_assert_cmpstr (vl_metadata_row_get_key (field), ==, "key");
  g_assert_cmpstr (vl_metadata_row_get_value (field), ==, "VALUE");
}

static void
test_start_call (Fixture       *fixture,
                 gconstpointer  data)
{
  VlCallView *view = vl_window_get_call_view (fixture->window);
  g_autoptr(JsonObject) input = NULL;
  g_autofree char *expected_link = NULL;
  const char *backend_url;
  AdwActionRow *link_row;
  GtkWidget *button;
  GPtrArray *rows;
  JsonArray *invitations;
  JsonObject *invitation;
  JsonObject *entity;
  const char *id;
  VlCall *call;

  g_assert_false (has_call (fixture));

  fill_guide_example (fixture);
  start_call (fixture);

  /* Busy: the form cannot change under the request. */
  g_assert_true (vl_window_get_busy (fixture->window));
  g_assert_false (start_is_enabled (fixture));

  wait_until (fixture, has_call);
  settle ();

  g_assert_false (vl_window_get_busy (fixture->window));
  g_assert_null (vl_window_get_request_error (fixture->window));

  /* What went over the wire */
  input = get_sent_input ();
  invitations = json_object_get_array_member (input, "invitations");
  g_assert_cmpuint (json_array_get_length (invitations), ==, 1);
  invitation = json_array_get_object_element (invitations, 0);
  g_assert_cmpstr (json_object_get_string_member (invitation, "type"), ==,
                   "sms");
  g_assert_cmpstr (json_object_get_string_member (invitation, "recipient"),
                   ==, "2223334444");
  entity = json_object_get_object_member (input, "integrationEntityId");
  g_assert_cmpstr (json_object_get_string_member (entity, "namespace"), ==,
                   "anamespace");
  g_assert_cmpstr (json_object_get_string_member (entity, "id"), ==,
                   "INTEG_ID");
  g_assert_cmpstr (json_object_get_string_member (input, "callMetadataJSON"),
                   ==, "{\"key\":\"VALUE\"}");

  /* What the call view shows */
  id = vl_call_view_get_id_text (view);
  g_assert_nonnull (id);
  g_assert_true (g_regex_match_simple ("^call-[0-9a-f]{32}$", id, 0, 0));
  call = vl_call_view_get_call (view);
  g_assert_cmpstr (vl_call_get_id (call), ==, id);

  rows = vl_call_view_get_invitation_rows (view);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (row_title (rows, 0), ==, "2223334444");
  g_assert_cmpstr (row_subtitle (rows, 0), ==, "SMS");

  rows = vl_call_view_get_work_order_rows (view);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (row_subtitle (rows, 0), ==, "anamespace");
  g_assert_cmpstr (row_subtitle (rows, 1), ==, "INTEG_ID");

  rows = vl_call_view_get_metadata_rows (view);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (row_title (rows, 0), ==, "key");
  g_assert_cmpstr (row_subtitle (rows, 0), ==, "VALUE");

  /* The link went to the browser, once, exactly as the service sent it;
   * the demo service is the one that stored the call under this id.
   */
  backend_url = vl_demo_backend_get_base_url (get_backend ());
  expected_link = g_strdup_printf ("%s/live/%s", backend_url, id);
  g_assert_true (g_str_has_prefix (expected_link, "http://127.0.0.1:"));
  g_assert_cmpstr (vl_call_get_link (call), ==, expected_link);
  g_assert_cmpuint (fixture->uris->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->uris, 0), ==, expected_link);

  link_row = vl_call_view_get_link_row (view);
  g_assert_cmpstr (adw_action_row_get_subtitle (link_row), ==, expected_link);
  g_assert_true (gtk_widget_get_sensitive (vl_call_view_get_open_button (view)));
  button = vl_call_view_get_copy_link_button (view);
  g_assert_true (gtk_widget_get_sensitive (button));

  /* The form keeps what was typed, ready for a similar call. */
  assert_form_kept (fixture);
  g_assert_true (start_is_enabled (fixture));
}

static void
test_invalid_phone (Fixture       *fixture,
                    gconstpointer  data)
{
  VlInvitationRow *row = vl_window_get_invitation (fixture->window, 0);
  GtkWidget *entry = GTK_WIDGET (vl_invitation_row_get_editable (row));

  /* An empty form cannot be sent, but nothing is red yet. */
  g_assert_nonnull (vl_window_get_blocker (fixture->window));
  g_assert_false (start_is_enabled (fixture));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));

  vl_invitation_row_set_text (row, "222-abc");

  g_assert_nonnull (vl_invitation_row_get_problem (row));
  g_assert_null (vl_invitation_row_get_recipient (row));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (entry),
                                    GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  g_assert_false (start_is_enabled (fixture));
  g_assert_nonnull (strstr (vl_window_get_blocker (fixture->window),
                            vl_invitation_row_get_problem (row)));

  /* Fixing it as one types clears everything at once. */
  vl_invitation_row_set_text (row, "222.333.4444");

  g_assert_null (vl_invitation_row_get_problem (row));
  g_assert_cmpstr (vl_invitation_row_get_recipient (row), ==, "2223334444");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (entry),
                                    GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_FALSE);
  g_assert_null (vl_window_get_blocker (fixture->window));
  g_assert_true (start_is_enabled (fixture));

  /* The same text is no e-mail address. */
  vl_invitation_row_set_kind (row, VL_INVITATION_TYPE_EMAIL);
  g_assert_nonnull (vl_invitation_row_get_problem (row));
  g_assert_false (start_is_enabled (fixture));
}

static void
test_work_order_half (Fixture       *fixture,
                      gconstpointer  data)
{
  VlWindow *window = fixture->window;
  GtkEditable *id = vl_window_get_work_order_id_editable (window);

  vl_invitation_row_set_text (vl_window_get_invitation (window, 0),
                              "2223334444");
  g_assert_true (start_is_enabled (fixture));

  gtk_editable_set_text (vl_window_get_namespace_editable (window),
                         "anamespace");
  g_assert_false (start_is_enabled (fixture));
  g_assert_nonnull (vl_window_get_blocker (window));
  /* The half that is missing is the one marked. */
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (id), "error"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (id),
                                    GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);

  gtk_editable_set_text (id, "INTEG_ID");
  g_assert_true (start_is_enabled (fixture));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (id), "error"));
}

static void
test_invalid_json (Fixture       *fixture,
                   gconstpointer  data)
{
  VlWindow *window = fixture->window;
  VlMetadataEditor *editor = vl_window_get_metadata_editor (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  VlMetadataRow *field;
  const char *message;

  vl_invitation_row_set_text (vl_window_get_invitation (window, 0),
                              "2223334444");
  vl_metadata_editor_add_field (editor, "key", "VALUE");
  g_assert_true (start_is_enabled (fixture));

  /* Fields become the same object as JSON. */
  g_assert_true (vl_metadata_editor_set_raw (editor, TRUE, &error));
  g_assert_no_error (error);
  text = vl_metadata_editor_dup_json_text (editor);
  g_assert_nonnull (strstr (text, "\"key\" : \"VALUE\""));
  g_assert_true (start_is_enabled (fixture));

  vl_metadata_editor_set_json_text (editor, "{\n  \"key\": \n}");
  message = vl_metadata_editor_get_message (editor);
  g_assert_nonnull (message);
  g_assert_nonnull (vl_metadata_editor_get_problem (editor));
  g_assert_false (start_is_enabled (fixture));
  g_assert_nonnull (strstr (vl_window_get_blocker (window), message));

  /* Invalid JSON does not turn into fields. */
  g_assert_false (vl_metadata_editor_set_raw (editor, FALSE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (vl_metadata_editor_get_raw (editor));

  /* Not an object */
  vl_metadata_editor_set_json_text (editor, "[1, 2]");
  g_assert_nonnull (vl_metadata_editor_get_message (editor));
  g_assert_false (start_is_enabled (fixture));

  /* Values of any type are sent as typed... */
  vl_metadata_editor_set_json_text (editor, "{\"n\": 5, \"on\": true}");
  g_assert_null (vl_metadata_editor_get_message (editor));
  g_assert_true (start_is_enabled (fixture));
  g_clear_pointer (&text, g_free);
  text = vl_metadata_editor_dup_metadata_json (editor);
  g_assert_cmpstr (text, ==, "{\"n\":5,\"on\":true}");

  /* ...but they cannot become text fields without changing. */
  g_assert_false (vl_metadata_editor_set_raw (editor, FALSE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (vl_metadata_editor_get_raw (editor));

  vl_metadata_editor_set_json_text (editor, "{\"a\": \"b\"}");
  g_assert_true (vl_metadata_editor_set_raw (editor, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (vl_metadata_editor_get_n_fields (editor), ==, 1);
  field = vl_metadata_editor_get_field (editor, 0);
  g_assert_cmpstr (vl_metadata_row_get_key (field), ==, "a");
  g_assert_cmpstr (vl_metadata_row_get_value (field), ==, "b");

  /* A key used twice is pointed out on the field. */
  field = vl_metadata_editor_add_field (editor, "a", "c");
  g_assert_nonnull (vl_metadata_row_get_problem (field));
  g_assert_false (start_is_enabled (fixture));
}

/* Flipping the switch the way a click does (animation included) with
 * broken JSON once made the switch and the editor bounce for ever.
 */
static void
test_raw_switch_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  VlMetadataEditor *editor = vl_window_get_metadata_editor (fixture->window);
  GtkSwitch *raw_switch = vl_metadata_editor_get_raw_switch (editor);
  g_autofree char *text = NULL;
  gint64 end;

  gtk_widget_activate (GTK_WIDGET (raw_switch));
  end = g_get_monotonic_time () + G_TIME_SPAN_SECOND;
  while (!vl_metadata_editor_get_raw (editor) &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (vl_metadata_editor_get_raw (editor));

  vl_metadata_editor_set_json_text (editor, "{ \"key\": ");
  gtk_widget_activate (GTK_WIDGET (raw_switch));

  /* Give the animation and the idle that puts the switch back time to
   * run; the loop returns, so nothing spins in between.
   */
  end = g_get_monotonic_time () + G_TIME_SPAN_SECOND / 2;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);

  g_assert_true (vl_metadata_editor_get_raw (editor));
  g_assert_true (gtk_switch_get_active (raw_switch));
  g_assert_true (gtk_switch_get_state (raw_switch));
  g_assert_nonnull (vl_metadata_editor_get_message (editor));
  text = vl_metadata_editor_dup_json_text (editor);
  g_assert_cmpstr (text, ==, "{ \"key\": ");
}

static void
test_empty_metadata_omitted (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(JsonObject) input = NULL;

  vl_invitation_row_set_text (vl_window_get_invitation (fixture->window, 0),
                              "2223334444");
  /* A blank field is not sent. */
  vl_metadata_editor_add_field (vl_window_get_metadata_editor (fixture->window),
                                NULL, NULL);
  start_call (fixture);
  wait_until (fixture, has_call);

  input = get_sent_input ();
  g_assert_false (json_object_has_member (input, "callMetadataJSON"));
  g_assert_false (json_object_has_member (input, "integrationEntityId"));
}

static void
test_failure_keeps_form (Fixture       *fixture,
                         gconstpointer  data)
{
  fill_guide_example (fixture);
  vl_demo_backend_fail_next (get_backend (), 1, 502);

  start_call (fixture);
  wait_until (fixture, is_idle);
  settle ();

  g_assert_nonnull (vl_window_get_request_error (fixture->window));
  g_assert_cmpstr (vl_window_get_request_error (fixture->window), !=, "");
  g_assert_false (has_call (fixture));
  g_assert_cmpuint (fixture->uris->len, ==, 0);
  assert_form_kept (fixture);

  /* Trying again works, and the old error goes away. */
  start_call (fixture);
  g_assert_null (vl_window_get_request_error (fixture->window));
  wait_until (fixture, has_call);
  settle ();
  g_assert_null (vl_window_get_request_error (fixture->window));
  g_assert_cmpuint (fixture->uris->len, ==, 1);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  fill_guide_example (fixture);

  /* Make the request slow: the token has to be fetched again, slowly. */
  vl_demo_backend_revoke_tokens (get_backend ());
  vl_demo_backend_set_token_delay (get_backend (), 3000);

  start_call (fixture);
  g_assert_true (vl_window_get_busy (fixture->window));
  settle ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.cancel-request", NULL));
  g_assert_false (vl_window_get_busy (fixture->window));
  settle ();

  /* Cancelling is no error, and nothing was typed in vain. */
  g_assert_null (vl_window_get_request_error (fixture->window));
  g_assert_false (has_call (fixture));
  g_assert_cmpuint (fixture->uris->len, ==, 0);
  assert_form_kept (fixture);
  g_assert_true (start_is_enabled (fixture));
}

static void
test_no_link (Fixture       *fixture,
              gconstpointer  data)
{
  const char *no_link = "The service returned no link for this call";
  VlCallView *view = vl_window_get_call_view (fixture->window);
  AdwActionRow *link_row;
  GtkWidget *open_button, *copy_button;

  fill_guide_example (fixture);
  vl_demo_backend_set_omit_link (get_backend (), TRUE);

  start_call (fixture);
  wait_until (fixture, has_call);
  settle ();

  g_assert_null (vl_call_get_link (vl_call_view_get_call (view)));
  g_assert_true (g_regex_match_simple ("^call-[0-9a-f]{32}$",
                                       vl_call_view_get_id_text (view), 0, 0));

  link_row = vl_call_view_get_link_row (view);
  g_assert_cmpstr (adw_action_row_get_subtitle (link_row), ==, no_link);
  open_button = vl_call_view_get_open_button (view);
  copy_button = vl_call_view_get_copy_link_button (view);
  g_assert_false (gtk_widget_get_sensitive (open_button));
  g_assert_false (gtk_widget_get_sensitive (copy_button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (open_button), ==, no_link);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (copy_button), ==, no_link);

  /* Nothing was handed to the browser. */
  g_assert_cmpuint (fixture->uris->len, ==, 0);
}

static void
lookup (Fixture    *fixture,
        const char *text)
{
  gtk_editable_set_text (vl_window_get_lookup_editable (fixture->window),
                         text);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.lookup-call", NULL));
  g_assert_true (vl_window_get_busy (fixture->window));
  wait_until (fixture, is_idle);
  settle ();
}

static void
test_lookup (Fixture       *fixture,
             gconstpointer  data)
{
  const char *unknown = "call-00000000000000000000000000000000";
  VlCallView *view = vl_window_get_call_view (fixture->window);
  g_autofree char *id = NULL;
  g_autofree char *link = NULL;
  g_autofree char *pasted = NULL;
  GtkEditable *entry;
  VlWindow *old_window;
  GPtrArray *rows;

  fill_guide_example (fixture);
  start_call (fixture);
  wait_until (fixture, has_call);
  settle ();
  id = g_strdup (vl_call_view_get_id_text (view));
  link = g_strdup (vl_call_get_link (vl_call_view_get_call (view)));

  /* A fresh window knows nothing of the call but its id. */
  old_window = fixture->window;
  fixture->window = vl_window_new (app);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_window_destroy (GTK_WINDOW (old_window));
  settle ();

  view = vl_window_get_call_view (fixture->window);
  entry = vl_window_get_lookup_editable (fixture->window);
  g_assert_false (has_call (fixture));

  /* An unknown id says so, and the entry keeps the text. */
  lookup (fixture, unknown);
  g_assert_nonnull (vl_window_get_lookup_error (fixture->window));
  g_assert_false (has_call (fixture));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, unknown);

  /* Blanks around a pasted id do not matter. */
  pasted = g_strdup_printf ("  %s\n", id);
  lookup (fixture, pasted);

  g_assert_true (has_call (fixture));
  g_assert_null (vl_window_get_lookup_error (fixture->window));
  g_assert_cmpstr (vl_call_view_get_id_text (view), ==, id);
  g_assert_cmpstr (vl_call_get_link (vl_call_view_get_call (view)), ==, link);

  rows = vl_call_view_get_invitation_rows (view);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (row_title (rows, 0), ==, "2223334444");

  rows = vl_call_view_get_work_order_rows (view);
  g_assert_cmpstr (row_subtitle (rows, 0), ==, "anamespace");
  g_assert_cmpstr (row_subtitle (rows, 1), ==, "INTEG_ID");

  rows = vl_call_view_get_metadata_rows (view);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (row_title (rows, 0), ==, "key");
  g_assert_cmpstr (row_subtitle (rows, 0), ==, "VALUE");

  /* Looking a call up does not open it: only the first window did. */
  g_assert_cmpuint (fixture->uris->len, ==, 1);
}

static void
test_call_view_values (Fixture       *fixture,
                       gconstpointer  data)
{
  VlCallView *view = vl_window_get_call_view (fixture->window);
  g_autoptr(VlCall) call = vl_call_new ();
  g_autoptr(VlInvitation) invitation = NULL;
  GPtrArray *rows;

  /* What the service sends back is shown as text, never as markup. */
  invitation = vl_invitation_new (VL_INVITATION_TYPE_EMAIL, "<b>a&b</b>");
  vl_call_set_id (call, "call-0123456789abcdef0123456789abcdef");
  vl_call_add_invitation (call, invitation);
  vl_call_set_metadata_json (call,
                             "{\"site\":\"<i>x</i>\",\"n\":5,"
                             "\"nested\":{\"a\":[1,true]}}");
  vl_call_view_set_call (view, call);

  rows = vl_call_view_get_invitation_rows (view);
  g_assert_cmpstr (row_title (rows, 0), ==, "<b>a&b</b>");
  g_assert_cmpstr (row_subtitle (rows, 0), ==, "E-mail");

  rows = vl_call_view_get_work_order_rows (view);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (row_title (rows, 0), ==, "None");

  /* One row per key; values that are not text as compact JSON */
  rows = vl_call_view_get_metadata_rows (view);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (row_title (rows, 0), ==, "site");
  g_assert_cmpstr (row_subtitle (rows, 0), ==, "<i>x</i>");
  g_assert_cmpstr (row_title (rows, 1), ==, "n");
  g_assert_cmpstr (row_subtitle (rows, 1), ==, "5");
  g_assert_cmpstr (row_title (rows, 2), ==, "nested");
  g_assert_cmpstr (row_subtitle (rows, 2), ==, "{\"a\":[1,true]}");

  /* Metadata that is not an object is shown as it came. */
  vl_call_set_metadata_json (call, "[1, 2]");
  vl_call_view_set_call (view, NULL);
  vl_call_view_set_call (view, call);
  rows = vl_call_view_get_metadata_rows (view);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (row_subtitle (rows, 0), ==, "[1, 2]");

  /* A link the browser must not get cannot be opened, only copied. */
  vl_call_set_link (call, "javascript:alert(1)");
  vl_call_view_set_call (view, NULL);
  vl_call_view_set_call (view, call);
  g_assert_false (gtk_widget_get_sensitive (vl_call_view_get_open_button (view)));
  g_assert_true (gtk_widget_get_sensitive (vl_call_view_get_copy_link_button (view)));
}

static void
uri_opened_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (vl_application_open_uri_finish (VL_APPLICATION (source),
                                                  result, error));
  g_assert_nonnull (*error);
}

static void
test_refuse_link (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *links[] = {
    "javascript:alert(1)",
    "file:///etc/passwd",
    "http://example.com/live/call-1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autoptr(GError) error = NULL;

      vl_application_open_uri_async (app, GTK_WINDOW (fixture->window),
                                     links[i], NULL, uri_opened_cb, &error);
      while (error == NULL)
        g_main_context_iteration (NULL, TRUE);

      /* Refused with the check's own words, before any handler runs. */
      g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_INVALID_INPUT);
    }

  g_assert_cmpuint (fixture->uris->len, ==, 0);
}

static void
test_invitations_add_remove (Fixture       *fixture,
                             gconstpointer  data)
{
  VlWindow *window = fixture->window;
  VlInvitationRow *row;
  g_autoptr(JsonObject) input = NULL;
  JsonArray *invitations;
  JsonObject *sent;

  vl_invitation_row_set_text (vl_window_get_invitation (window, 0),
                              "+1 222 333 4444");

  row = vl_window_add_invitation (window);
  g_assert_cmpuint (vl_window_get_n_invitations (window), ==, 2);
  /* An empty invitation blocks until it is filled in or removed. */
  g_assert_false (start_is_enabled (fixture));

  vl_invitation_row_set_kind (row, VL_INVITATION_TYPE_EMAIL);
  vl_invitation_row_set_text (row, " tech@example.com ");
  g_assert_true (start_is_enabled (fixture));

  row = vl_window_add_invitation (window);
  g_assert_cmpint (vl_invitation_row_get_kind (row), ==,
                   VL_INVITATION_TYPE_EMAIL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row),
                                             "invitation.remove", NULL));
  g_assert_cmpuint (vl_window_get_n_invitations (window), ==, 2);
  g_assert_true (start_is_enabled (fixture));

  start_call (fixture);
  wait_until (fixture, has_call);

  input = get_sent_input ();
  invitations = json_object_get_array_member (input, "invitations");
  g_assert_cmpuint (json_array_get_length (invitations), ==, 2);

  sent = json_array_get_object_element (invitations, 0);
  row = vl_window_get_invitation (window, 0);
  g_assert_cmpstr (json_object_get_string_member (sent, "type"), ==, "sms");
  g_assert_cmpstr (json_object_get_string_member (sent, "recipient"), ==,
                   vl_invitation_row_get_recipient (row));

  sent = json_array_get_object_element (invitations, 1);
  g_assert_cmpstr (json_object_get_string_member (sent, "type"), ==, "email");
  g_assert_cmpstr (json_object_get_string_member (sent, "recipient"), ==,
                   "tech@example.com");
}

/* vision-live: links and New Call */

#define GUIDE_LINK \
  "vision-live:prepare?sms=2223334444&email=tech%40example.com" \
  "&namespace=acme&id=WO-1&metadata=%7B%22key%22%3A%22VALUE%22%7D"

/* As the desktop, the command line or a second launch hands a link over */
static void
open_files (GFile **files,
            int     n_files)
{
  g_application_open (G_APPLICATION (app), files, n_files, "");
  settle ();
}

static void
open_uri (const char *uri)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);

  open_files (&file, 1);
}

static guint
count_requests (void)
{
  return vl_demo_backend_get_graphql_requests (get_backend ());
}

static gboolean
has_focus_in (Fixture   *fixture,
              GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return focus != NULL &&
         (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static const char *
invitation_text (Fixture *fixture,
                 guint    position)
{
  VlInvitationRow *row = vl_window_get_invitation (fixture->window, position);

  return vl_invitation_row_get_text (row);
}

static const char *
namespace_text (Fixture *fixture)
{
  GtkEditable *namespace_ = vl_window_get_namespace_editable (fixture->window);

  return gtk_editable_get_text (namespace_);
}

static const char *
id_text (Fixture *fixture)
{
  GtkEditable *id = vl_window_get_work_order_id_editable (fixture->window);

  return gtk_editable_get_text (id);
}

static const char *
field_key (VlMetadataEditor *editor,
           guint             position)
{
  return vl_metadata_row_get_key (vl_metadata_editor_get_field (editor,
                                                                position));
}

static void
assert_first_invitation_focused (Fixture *fixture)
{
  VlInvitationRow *row = vl_window_get_invitation (fixture->window, 0);
  GtkEditable *editable = vl_invitation_row_get_editable (row);

  g_assert_true (has_focus_in (fixture, GTK_WIDGET (editable)));
}

static void
assert_form_blank (Fixture *fixture)
{
  VlWindow *window = fixture->window;
  VlMetadataEditor *editor = vl_window_get_metadata_editor (window);

  g_assert_cmpuint (vl_window_get_n_invitations (window), ==, 1);
  g_assert_cmpstr (invitation_text (fixture, 0), ==, "");
  g_assert_cmpstr (namespace_text (fixture), ==, "");
  g_assert_cmpstr (id_text (fixture), ==, "");
  g_assert_false (vl_metadata_editor_get_raw (editor));
  g_assert_cmpuint (vl_metadata_editor_get_n_fields (editor), ==, 0);
}

/* What GUIDE_LINK fills in */
static void
assert_guide_link_form (Fixture *fixture)
{
  VlWindow *window = fixture->window;
  VlMetadataEditor *editor = vl_window_get_metadata_editor (window);
  VlInvitationRow *row;
  VlMetadataRow *field;

  g_assert_cmpuint (vl_window_get_n_invitations (window), ==, 2);
  row = vl_window_get_invitation (window, 0);
  g_assert_cmpint (vl_invitation_row_get_kind (row), ==,
                   VL_INVITATION_TYPE_SMS);
  g_assert_cmpstr (vl_invitation_row_get_text (row), ==, "2223334444");
  row = vl_window_get_invitation (window, 1);
  g_assert_cmpint (vl_invitation_row_get_kind (row), ==,
                   VL_INVITATION_TYPE_EMAIL);
  g_assert_cmpstr (vl_invitation_row_get_text (row), ==, "tech@example.com");

  g_assert_cmpstr (namespace_text (fixture), ==, "acme");
  g_assert_cmpstr (id_text (fixture), ==, "WO-1");

  g_assert_false (vl_metadata_editor_get_raw (editor));
  g_assert_cmpuint (vl_metadata_editor_get_n_fields (editor), ==, 1);
  field = vl_metadata_editor_get_field (editor, 0);
  g_assert_cmpstr (vl_metadata_row_get_key (field), ==, "key");
  g_assert_cmpstr (vl_metadata_row_get_value (field), ==, "VALUE");
}

/* Clicks the button of the undo toast, which also dismisses it. */
static void
click_undo (Fixture *fixture)
{
  AdwToast *toast = vl_window_get_undo_toast (fixture->window);

  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "Undo");
  g_signal_emit_by_name (toast, "button-clicked");
  adw_toast_dismiss (toast);
  settle ();

  g_assert_null (vl_window_get_undo_toast (fixture->window));
}

static void
test_open_link (Fixture       *fixture,
                gconstpointer  data)
{
  guint requests = count_requests ();
  g_autoptr(JsonObject) input = NULL;
  JsonArray *invitations;
  JsonObject *sent;
  JsonObject *entity;

  open_uri (GUIDE_LINK);

  assert_guide_link_form (fixture);
  assert_first_invitation_focused (fixture);
  g_assert_null (vl_window_get_link_dialog (fixture->window));
  /* The form was empty: nothing to offer back. */
  g_assert_null (vl_window_get_undo_toast (fixture->window));

  /* Ready to start, and left for the dispatcher to start. */
  g_assert_null (vl_window_get_blocker (fixture->window));
  g_assert_true (start_is_enabled (fixture));
  for (guint i = 0; i < 10; i++)
    {
      g_usleep (10000);
      settle ();
    }
  g_assert_false (vl_window_get_busy (fixture->window));
  g_assert_cmpuint (count_requests (), ==, requests);
  g_assert_false (has_call (fixture));
  g_assert_cmpuint (fixture->uris->len, ==, 0);

  /* One click does the rest. */
  start_call (fixture);
  wait_until (fixture, has_call);
  settle ();
  g_assert_cmpuint (count_requests (), ==, requests + 1);

  input = get_sent_input ();
  invitations = json_object_get_array_member (input, "invitations");
  g_assert_cmpuint (json_array_get_length (invitations), ==, 2);
  sent = json_array_get_object_element (invitations, 0);
  g_assert_cmpstr (json_object_get_string_member (sent, "type"), ==, "sms");
  g_assert_cmpstr (json_object_get_string_member (sent, "recipient"), ==,
                   "2223334444");
  sent = json_array_get_object_element (invitations, 1);
  g_assert_cmpstr (json_object_get_string_member (sent, "type"), ==, "email");
  g_assert_cmpstr (json_object_get_string_member (sent, "recipient"), ==,
                   "tech@example.com");
  entity = json_object_get_object_member (input, "integrationEntityId");
  g_assert_cmpstr (json_object_get_string_member (entity, "namespace"), ==,
                   "acme");
  g_assert_cmpstr (json_object_get_string_member (entity, "id"), ==, "WO-1");
  g_assert_cmpstr (json_object_get_string_member (input, "callMetadataJSON"),
                   ==, "{\"key\":\"VALUE\"}");
  g_assert_cmpuint (fixture->uris->len, ==, 1);
}

static void
test_open_link_metadata (Fixture       *fixture,
                         gconstpointer  data)
{
  VlMetadataEditor *editor = vl_window_get_metadata_editor (fixture->window);
  g_autofree char *text = NULL;

  /* Keys keep the order of the link. */
  open_uri ("vision-live:prepare?sms=2223334444"
            "&metadata=%7B%22site%22%3A%22B%22%2C%22floor%22%3A%223%22%7D");
  g_assert_false (vl_metadata_editor_get_raw (editor));
  g_assert_cmpuint (vl_metadata_editor_get_n_fields (editor), ==, 2);
  g_assert_cmpstr (field_key (editor, 0), ==, "site");
  g_assert_cmpstr (field_key (editor, 1), ==, "floor");

  /* Values that are not text can only be raw JSON. */
  open_uri ("vision-live:prepare?sms=2223334444"
            "&metadata=%7B%22n%22%3A5%2C%22a%22%3A%5B1%5D%7D");
  g_assert_true (vl_metadata_editor_get_raw (editor));
  text = vl_metadata_editor_dup_json_text (editor);
  g_assert_nonnull (strstr (text, "\"n\" : 5"));
  g_assert_null (vl_window_get_blocker (fixture->window));

  /* A work order alone, and no invitation: one empty row to fill in. */
  open_uri ("vision-live:prepare?namespace=acme&id=WO-2");
  g_assert_cmpuint (vl_window_get_n_invitations (fixture->window), ==, 1);
  g_assert_cmpstr (invitation_text (fixture, 0), ==, "");
  g_assert_false (vl_metadata_editor_get_raw (editor));
  g_assert_cmpuint (vl_metadata_editor_get_n_fields (editor), ==, 0);
  g_assert_false (start_is_enabled (fixture));

  /* None of these replaced anything typed. */
  g_assert_null (vl_window_get_undo_toast (fixture->window));
}

static void
test_open_link_keeps_typing (Fixture       *fixture,
                             gconstpointer  data)
{
  AdwToast *toast;
  guint requests = count_requests ();

  fill_guide_example (fixture);
  open_uri (GUIDE_LINK);

  assert_guide_link_form (fixture);
  toast = vl_window_get_undo_toast (fixture->window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==,
                   "Form replaced by a link");

  /* A second link replaces only what the first filled in: the toast
   * still offers what was typed.
   */
  open_uri ("vision-live:prepare?email=other%40example.com");
  g_assert_true (vl_window_get_undo_toast (fixture->window) == toast);
  g_assert_cmpuint (vl_window_get_n_invitations (fixture->window), ==, 1);

  click_undo (fixture);
  assert_form_kept (fixture);
  assert_first_invitation_focused (fixture);
  g_assert_cmpuint (count_requests (), ==, requests);
  g_assert_false (has_call (fixture));

  /* What went out needs no undo. */
  start_call (fixture);
  wait_until (fixture, has_call);
  settle ();
  open_uri (GUIDE_LINK);
  assert_guide_link_form (fixture);
  g_assert_null (vl_window_get_undo_toast (fixture->window));
}

static gboolean
has_two_invitations (Fixture *fixture)
{
  return vl_window_get_n_invitations (fixture->window) == 2;
}

static void
test_open_link_while_preparing (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(JsonObject) input = NULL;
  JsonArray *invitations;
  guint requests;

  /* Slow enough for the link to come while the call is being started */
  vl_demo_backend_revoke_tokens (get_backend ());
  vl_demo_backend_set_token_delay (get_backend (), 500);
  fill_guide_example (fixture);
  start_call (fixture);
  g_assert_true (vl_window_get_busy (fixture->window));

  /* The form does not change under the request... */
  open_uri (GUIDE_LINK);
  assert_form_kept (fixture);

  /* ...and is filled in once the call is ready, */
  wait_until (fixture, has_call);
  requests = count_requests ();
  wait_until (fixture, has_two_invitations);
  settle ();
  assert_guide_link_form (fixture);
  g_assert_null (vl_window_get_undo_toast (fixture->window));

  /* only to be checked: what went out is what the dispatcher started. */
  g_assert_cmpuint (count_requests (), ==, requests);
  input = get_sent_input ();
  invitations = json_object_get_array_member (input, "invitations");
  g_assert_cmpuint (json_array_get_length (invitations), ==, 1);
  g_assert_false (vl_window_get_busy (fixture->window));
}

static void
close_link_dialog (Fixture *fixture)
{
  AdwMessageDialog *dialog = vl_window_get_link_dialog (fixture->window);

  adw_message_dialog_response (dialog, "close");
  settle ();
  g_assert_null (vl_window_get_link_dialog (fixture->window));
}

static void
assert_refused (Fixture    *fixture,
                const char *expected)
{
  AdwMessageDialog *dialog = vl_window_get_link_dialog (fixture->window);
  const char *body;

  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Cannot Use Link");
  body = adw_message_dialog_get_body (dialog);
  g_assert_false (adw_message_dialog_get_body_use_markup (dialog));
  g_assert_false (adw_message_dialog_get_heading_use_markup (dialog));
  g_test_message ("Refused: %.200s", body);
  g_assert_nonnull (strstr (body, expected));
  g_assert_nonnull (strstr (body, "nothing was sent"));

  assert_form_kept (fixture);
  g_assert_null (vl_window_get_undo_toast (fixture->window));
  g_assert_false (vl_window_get_busy (fixture->window));
}

static void
test_open_link_refused (Fixture       *fixture,
                        gconstpointer  data)
{
  struct {
    const char *uri;
    const char *expected;
  } cases[] = {
    { "vision-live:prepare?foo=1", "“foo”" },
    { "vision-live:send?sms=2223334444", "“send”" },
    { "http://example.com", "“http:”" },
    { "javascript:alert(1)", "“javascript:”" },
    /* Shown as it is, never as markup */
    { "vision-live:prepare?sms=%3Cb%3E2223334444%3C%2Fb%3E", "“<”" },
    { "vision-live:prepare?%3Ci%3Ea%26b=1", "<i>a&b" },
  };
  guint requests = count_requests ();
  g_autoptr(GString) long_link = NULL;
  g_autoptr(GFile) path = NULL;
  GFile *pair[2];

  fill_guide_example (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AdwMessageDialog *dialog;

      open_uri (cases[i].uri);
      assert_refused (fixture, cases[i].expected);
      dialog = vl_window_get_link_dialog (fixture->window);
      g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                       "This link cannot be used: "));
      close_link_dialog (fixture);
    }

  /* 200 kB, refused before it is read */
  long_link = g_string_new ("vision-live:prepare?namespace=acme&id=");
  while (long_link->len < 200 * 1024)
    g_string_append (long_link, "WO-1234567");
  open_uri (long_link->str);
  assert_refused (fixture, "longer than");
  close_link_dialog (fixture);

  /* A file, as "gio open" would hand it over */
  path = g_file_new_for_path ("/etc/passwd");
  open_files (&path, 1);
  assert_refused (fixture, "“file:”");

  /* Another refusal while the dialog is open uses the same dialog. */
  pair[0] = g_file_new_for_uri (GUIDE_LINK);
  pair[1] = g_file_new_for_uri (GUIDE_LINK);
  open_files (pair, 2);
  assert_refused (fixture, "one link at a time");
  g_object_unref (pair[0]);
  g_object_unref (pair[1]);

  g_assert_cmpuint (count_requests (), ==, requests);
  g_assert_false (has_call (fixture));

  /* A good link makes the refusal moot. */
  open_uri (GUIDE_LINK);
  g_assert_null (vl_window_get_link_dialog (fixture->window));
  assert_guide_link_form (fixture);
  g_assert_cmpuint (count_requests (), ==, requests);
}

static void
test_new_call (Fixture       *fixture,
               gconstpointer  data)
{
  GActionGroup *actions = G_ACTION_GROUP (app);
  guint requests = count_requests ();
  VlInvitationRow *row;
  AdwToast *toast;

  /* An empty form has nothing to lose. */
  g_action_group_activate_action (actions, "new-call", NULL);
  settle ();
  assert_form_blank (fixture);
  assert_first_invitation_focused (fixture);
  g_assert_null (vl_window_get_undo_toast (fixture->window));

  fill_guide_example (fixture);
  vl_window_add_invitation (fixture->window);
  vl_invitation_row_set_text (vl_window_get_invitation (fixture->window, 1),
                              "not yet valid");
  gtk_widget_grab_focus (vl_window_get_start_button (fixture->window));

  g_action_group_activate_action (actions, "new-call", NULL);
  settle ();
  assert_form_blank (fixture);
  assert_first_invitation_focused (fixture);
  toast = vl_window_get_undo_toast (fixture->window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Form cleared");

  /* Everything comes back as typed, the invalid row too. */
  click_undo (fixture);
  g_assert_cmpuint (vl_window_get_n_invitations (fixture->window), ==, 2);
  g_assert_cmpstr (invitation_text (fixture, 1), ==, "not yet valid");
  row = vl_window_get_invitation (fixture->window, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row),
                                             "invitation.remove", NULL));
  assert_form_kept (fixture);

  /* Ctrl+N is the same action; a sent form is cleared without undo. */
  start_call (fixture);
  wait_until (fixture, has_call);
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.new-call", NULL));
  assert_form_blank (fixture);
  assert_first_invitation_focused (fixture);
  g_assert_null (vl_window_get_undo_toast (fixture->window));
  g_assert_cmpuint (count_requests (), ==, requests + 1);
}

static void
test_new_call_shortcut (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GListModel) shortcuts = gtk_widget_observe_controllers (window);
  gboolean found = FALSE;
  g_auto(GStrv) accels = NULL;

  /* Ctrl+N is bound once, to the window's action that app.new-call
   * uses, and not as an application accelerator as well.
   */
  for (guint i = 0; i < g_list_model_get_n_items (shortcuts) && !found; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (shortcuts, i);
      guint n;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      n = g_list_model_get_n_items (G_LIST_MODEL (controller));
      for (guint j = 0; j < n && !found; j++)
        {
          g_autoptr(GtkShortcut) shortcut = NULL;
          g_autofree char *action = NULL;
          GtkShortcutTrigger *trigger;
          GtkShortcutAction *shortcut_action;

          shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          trigger = gtk_shortcut_get_trigger (shortcut);
          shortcut_action = gtk_shortcut_get_action (shortcut);
          if (!GTK_IS_KEYVAL_TRIGGER (trigger) ||
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) !=
              GDK_KEY_n ||
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) !=
              GDK_CONTROL_MASK)
            continue;

          action = gtk_shortcut_action_to_string (shortcut_action);
          g_assert_nonnull (strstr (action, "win.new-call"));
          found = TRUE;
        }
    }

  g_assert_true (found);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                  "app.new-call");
  g_assert_null (accels[0]);
}

/* GTK warns when it finds no session bus, which is how this test runs
 * unless it is given one (see main()). Everything else goes to the
 * default writer, and stays fatal.
 */
static GLogWriterOutput
write_log (GLogLevelFlags   log_level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }

  if ((log_level & G_LOG_LEVEL_WARNING) != 0 &&
      g_strcmp0 (domain, "Gtk") == 0 && message != NULL &&
      g_str_has_prefix (message, "Unable to acquire session bus"))
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Without a session bus given, X11 would autolaunch one that outlives
   * the test; an address that cannot work makes the application go on
   * without one instead (run it under dbus-run-session to have one).
   */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "disabled:", FALSE);

  g_log_set_writer_func (write_log, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      /* Print the TAP plan by hand: there is no display to test with. */
      /* Under TAP, a plan of no tests with SKIP is a skip; exit 77
       * would count as an error. */
      printf ("1..0 # SKIP no display to open windows on\n");
      return 0;
    }

  adw_init ();

  app = vl_application_new ();

  /* Never unique: a test must not find or become another instance. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) |
                           G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Could not register the application: %s", error->message);

  if (vl_application_get_demo_backend (app) == NULL)
    g_error ("The demo backend did not start");

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/window/start-call", test_start_call);
  ADD_TEST ("/window/invalid-phone", test_invalid_phone);
  ADD_TEST ("/window/work-order-half", test_work_order_half);
  ADD_TEST ("/window/invalid-json", test_invalid_json);
  ADD_TEST ("/window/raw-switch-refused", test_raw_switch_refused);
  ADD_TEST ("/window/empty-metadata-omitted", test_empty_metadata_omitted);
  ADD_TEST ("/window/invitations-add-remove", test_invitations_add_remove);
  ADD_TEST ("/window/failure-keeps-form", test_failure_keeps_form);
  ADD_TEST ("/window/cancel", test_cancel);
  ADD_TEST ("/window/no-link", test_no_link);
  ADD_TEST ("/window/lookup", test_lookup);
  ADD_TEST ("/window/call-view-values", test_call_view_values);
  ADD_TEST ("/window/refuse-link", test_refuse_link);
  ADD_TEST ("/window/open-link", test_open_link);
  ADD_TEST ("/window/open-link-metadata", test_open_link_metadata);
  ADD_TEST ("/window/open-link-keeps-typing", test_open_link_keeps_typing);
  ADD_TEST ("/window/open-link-while-preparing",
            test_open_link_while_preparing);
  ADD_TEST ("/window/open-link-refused", test_open_link_refused);
  ADD_TEST ("/window/new-call", test_new_call);
  ADD_TEST ("/window/new-call-shortcut", test_new_call_shortcut);

#undef ADD_TEST

  status = g_test_run ();

  g_clear_object (&app);

  return status;
}

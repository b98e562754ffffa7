/* test-window.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the main window against the built-in demo backend, the way a
 * dispatcher would, and checks what it shows and what it sends.
 */

#include "config.h"

#include <gtk/gtk.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "vl-application.h"
#include "vl-error.h"
#include "vl-call-view-private.h"
#include "vl-history-pane-private.h"
#include "vl-history-row.h"
#include "vl-metadata-editor-private.h"
#include "vl-window-private.h"
#include "window-util.h"

#define TIMEOUT_SECONDS 15

typedef struct
{
  VlWindow  *window;
  GPtrArray *uris;

  /* A history of each test's own, and for each link handed to the
   * browser, whether the history held its call at that moment.
   */
  char      *history_dir;
  VlHistory *history;
  GArray    *stored_at_handoff;
  gboolean   no_browser;
} Fixture;

/* One application (and so one demo backend and one client) for the whole
 * program, registered but never run: each test makes its own window.
 */
static VlApplication *app;

static gboolean
record_uri (const char  *uri,
            gpointer     user_data,
            GError     **error)
{
  Fixture *fixture = user_data;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean stored = FALSE;

  g_ptr_array_add (fixture->uris, g_strdup (uri));

  calls = vl_history_list (fixture->history, NULL, 0, 1, &local_error);
  g_assert_no_error (local_error);
  if (calls->len > 0)
    stored = g_strcmp0 (vl_call_get_link (calls->pdata[0]), uri) == 0;
  g_array_append_val (fixture->stored_at_handoff, stored);

  /* As when no browser is installed */
  if (fixture->no_browser)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "No application is registered for https links");
      return FALSE;
    }

  return TRUE;
}

static VlDemoBackend *
get_backend (void)
{
  return vl_application_get_demo_backend (app);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_assert_no_errno (g_remove (child));
    }

  g_assert_no_errno (g_rmdir (path));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  VlDemoBackend *backend = get_backend ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  vl_demo_backend_fail_next (backend, 0, 200);
  vl_demo_backend_set_omit_link (backend, FALSE);
  vl_demo_backend_set_token_delay (backend, 0);

  fixture->uris = g_ptr_array_new_with_free_func (g_free);
  fixture->stored_at_handoff = g_array_new (FALSE, FALSE, sizeof (gboolean));
  vl_application_set_uri_handler (app, record_uri, fixture);

  fixture->history_dir = g_dir_make_tmp ("test-window-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->history_dir, "history.sqlite", NULL);
  fixture->history = vl_history_open (path, &error);
  g_assert_no_error (error);
  vl_application_set_history (app, fixture->history);

  /* Whatever a window closed before left in the form */
  g_settings_reset (vl_application_get_settings (app), "unsent-form");

  fixture->window = vl_window_new (app);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GSettings *settings = vl_application_get_settings (app);

  vl_application_set_uri_handler (app, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (fixture->window));

  /* Let the cancelled requests finish before the next test. */
  settle ();

  /* The next window opens at the default size, whatever this one did. */
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");

  g_ptr_array_unref (fixture->uris);
  g_array_unref (fixture->stored_at_handoff);

  vl_application_set_history (app, NULL);
  g_clear_object (&fixture->history);
  remove_dir (fixture->history_dir);
  g_free (fixture->history_dir);
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

  fill_guide_example (fixture->window);
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
  assert_form_kept (fixture->window);
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

  /* Typed from the namespace, the missing ID is not marked until the
   * dispatcher leaves the work order; Start Call waits all along.
   */
  gtk_editable_set_text (id, "");
  gtk_editable_set_text (vl_window_get_namespace_editable (window), "");
  g_assert_true (gtk_widget_grab_focus (
    GTK_WIDGET (vl_window_get_namespace_editable (window))));
  gtk_editable_set_text (vl_window_get_namespace_editable (window),
                         "anamespace");
  g_assert_false (start_is_enabled (fixture));
  g_assert_nonnull (strstr (vl_window_get_blocker (window),
                            "Enter both the namespace and the ID"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (id), "error"));

  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (id)));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (id), "error"));

  g_assert_true (gtk_widget_grab_focus (
    GTK_WIDGET (vl_invitation_row_get_editable (
      vl_window_get_invitation (window, 0)))));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (id), "error"));
  g_assert_false (start_is_enabled (fixture));
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
  fill_guide_example (fixture->window);
  vl_demo_backend_fail_next (get_backend (), 1, 502);

  start_call (fixture);
  wait_until (fixture, is_idle);
  settle ();

  g_assert_nonnull (vl_window_get_request_error (fixture->window));
  g_assert_cmpstr (vl_window_get_request_error (fixture->window), !=, "");
  g_assert_false (has_call (fixture));
  g_assert_cmpuint (fixture->uris->len, ==, 0);
  assert_form_kept (fixture->window);

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
  fill_guide_example (fixture->window);

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
  assert_form_kept (fixture->window);
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

  fill_guide_example (fixture->window);
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

  fill_guide_example (fixture->window);
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

  fill_guide_example (fixture->window);
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
  assert_form_kept (fixture->window);
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
  fill_guide_example (fixture->window);
  start_call (fixture);
  g_assert_true (vl_window_get_busy (fixture->window));

  /* The form does not change under the request... */
  open_uri (GUIDE_LINK);
  assert_form_kept (fixture->window);

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

  assert_form_kept (fixture->window);
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

  fill_guide_example (fixture->window);

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

  fill_guide_example (fixture->window);
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
  assert_form_kept (fixture->window);

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

/* Ctrl+Return is seen by the window before the focused widget, which for
 * the JSON text view would be a new line, and starts the call.
 */
static void
test_start_call_shortcut (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);
  g_autoptr(GtkShortcut) shortcut = NULL;
  g_autofree char *trigger = NULL;
  GtkEventController *found = NULL;
  guint requests = count_requests ();

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller =
        g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller),
                     "vl-start-call-shortcut") == 0)
        found = controller;
    }

  g_assert_nonnull (found);
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (found), ==,
                   GTK_PHASE_CAPTURE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 1);
  shortcut = g_list_model_get_item (G_LIST_MODEL (found), 0);
  trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
  g_assert_cmpstr (trigger, ==, "<Control>Return|<Control>KP_Enter");

  /* Taken while Start Call cannot run too: it reaches nothing else. */
  g_assert_nonnull (vl_window_get_blocker (fixture->window));
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                               0, window, NULL));
  settle ();
  g_assert_false (vl_window_get_busy (fixture->window));
  g_assert_cmpuint (count_requests (), ==, requests);

  fill_guide_example (fixture->window);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                               0, window, NULL));
  wait_until (fixture, has_call);
  g_assert_cmpuint (fixture->uris->len, ==, 1);
}

/* The main menu is made when it first opens, and is the whole menu. */
static void
test_primary_menu (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkMenuButton *button = vl_window_get_menu_button (fixture->window);
  GtkWidget *popover;
  GMenuModel *menu;
  g_autofree char *label = NULL;

  g_assert_null (gtk_menu_button_get_menu_model (button));
  g_assert_true (gtk_menu_button_get_primary (button));

  gtk_menu_button_popup (button);
  settle ();
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 3);
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, "label", "s",
                                                  &label));
  g_assert_cmpstr (label, ==, "Environment");

  /* Opened again, it is the same popover. */
  gtk_menu_button_popdown (button);
  settle ();
  gtk_menu_button_popup (button);
  g_assert_true (gtk_menu_button_get_menu_model (button) == menu);
  gtk_menu_button_popdown (button);
}

/* The history */

/* Stores a call as the service would have returned it, @age_minutes ago. */
static void
store_call (Fixture    *fixture,
            const char *id,
            const char *recipient,
            const char *work_order,
            const char *environment,
            int         age_minutes)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(VlCall) call = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) prepared_at = NULL;
  g_autoptr(GError) error = NULL;

  json = g_strdup_printf ("{\"id\": \"%s\","
                          " \"invitations\": [{\"type\": \"sms\","
                          "                   \"recipient\": \"%s\"}],"
                          " \"integrationEntityId\": {\"namespace\": \"acme\","
                          "                           \"id\": \"%s\"},"
                          " \"callMetadataJSON\": \"{\\\"site\\\":\\\"Main St\\\"}\","
                          " \"visionLiveLink\": \"https://vision.example/live/%s\"}",
                          id, recipient, work_order, id);
  node = json_from_string (json, &error);
  g_assert_no_error (error);
  call = vl_call_new_from_json (node, &error);
  g_assert_no_error (error);
  vl_call_set_environment (call, environment);
  prepared_at = g_date_time_add_minutes (now, -age_minutes);
  vl_call_set_prepared_at (call, prepared_at);

  g_assert_true (vl_history_save (fixture->history, call, &error));
  g_assert_no_error (error);
}

static VlHistoryPane *
get_pane (Fixture *fixture)
{
  return vl_window_get_history_pane (fixture->window);
}

static guint
count_listed (Fixture *fixture)
{
  GListModel *model = vl_history_pane_get_model (get_pane (fixture));

  g_assert_nonnull (model);

  return g_list_model_get_n_items (model);
}

static guint
count_stored (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  guint n = vl_history_count (fixture->history, NULL, &error);

  g_assert_no_error (error);

  return n;
}

static const char *
shown_id (Fixture *fixture)
{
  VlCall *call = vl_call_view_get_call (vl_window_get_call_view (fixture->window));

  return call != NULL ? vl_call_get_id (call) : NULL;
}

static gboolean
history_is_open (Fixture *fixture)
{
  return vl_history_pane_get_model (get_pane (fixture)) != NULL;
}

static void
search_for (Fixture    *fixture,
            const char *text)
{
  GtkEditable *search = vl_history_pane_get_search_editable (get_pane (fixture));

  gtk_editable_set_text (search, text);
  /* GtkSearchEntry reports a change after a short pause. */
  g_signal_emit_by_name (search, "search-changed");
  settle ();
}

/* Activates the row of the call view for @action_name, as a click or
 * Enter on it does.
 */
static void
activate_row (Fixture    *fixture,
              const char *action_name)
{
  VlCallView *view = vl_window_get_call_view (fixture->window);
  GtkWidget *row = vl_call_view_get_action_row (view, action_name);

  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==,
                   action_name);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_assert_true (gtk_widget_activate (row));
}

static void
test_history_opens_after_first_frame (Fixture       *fixture,
                                      gconstpointer  data)
{
  /* Nothing is read before the window has been drawn once, and nothing
   * says the history is missing meanwhile; then it is there without
   * anyone asking.
   */
  g_assert_false (history_is_open (fixture));
  g_assert_cmpstr (vl_history_pane_get_page (get_pane (fixture)), ==,
                   "opening");
  wait_until (fixture, history_is_open);
  g_assert_cmpstr (vl_history_pane_get_page (get_pane (fixture)), ==, "empty");
  g_assert_cmpuint (count_listed (fixture), ==, 0);
}

static void
test_history_saved_before_browser (Fixture       *fixture,
                                   gconstpointer  data)
{
  VlHistoryPane *pane = get_pane (fixture);
  g_autoptr(VlCall) stored = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  vl_window_load_history (fixture->window);
  g_assert_cmpstr (vl_history_pane_get_page (pane), ==, "empty");

  fill_guide_example (fixture->window);
  start_call (fixture);
  wait_until (fixture, has_call);
  settle ();

  /* The browser got the link once, and the call was on disk by then. */
  g_assert_cmpuint (fixture->uris->len, ==, 1);
  g_assert_cmpuint (fixture->stored_at_handoff->len, ==, 1);
  g_assert_true (g_array_index (fixture->stored_at_handoff, gboolean, 0));

  id = shown_id (fixture);
  stored = vl_history_load (fixture->history, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vl_call_get_link (stored), ==,
                   g_ptr_array_index (fixture->uris, 0));
  g_assert_cmpstr (vl_call_get_environment (stored), ==, "demo");
  g_assert_cmpstr (vl_call_get_integration_id (stored), ==, "INTEG_ID");
  g_assert_cmpstr (vl_call_get_metadata_json (stored), ==,
                   "{\"key\":\"VALUE\"}");

  /* Listed at the top, marked as the call shown */
  g_assert_cmpstr (vl_history_pane_get_page (pane), ==, "list");
  g_assert_cmpuint (count_listed (fixture), ==, 1);
  g_assert_cmpuint (vl_history_pane_get_selected (pane), ==, 0);

  /* Its link, pasted in the search, finds it. */
  search_for (fixture, g_ptr_array_index (fixture->uris, 0));
  g_assert_cmpuint (count_listed (fixture), ==, 1);
  search_for (fixture, "");

  /* A call looked up by id (here, by its link) is kept too. */
  store_call (fixture, "call-old", "5550001111", "WO-9", "demo", 90);
  g_assert_true (vl_history_remove (fixture->history, id, &error));
  g_assert_no_error (error);
  gtk_editable_set_text (vl_window_get_lookup_editable (fixture->window),
                         g_ptr_array_index (fixture->uris, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.lookup-call", NULL));
  wait_until (fixture, is_idle);
  settle ();
  g_assert_cmpuint (count_stored (fixture), ==, 2);
  g_assert_cmpuint (vl_history_pane_get_selected (pane), ==, 0);
}

static void
test_history_rows_and_search (Fixture       *fixture,
                              gconstpointer  data)
{
  VlHistoryPane *pane = get_pane (fixture);
  GListModel *model;
  g_autoptr(VlCall) first = NULL;

  store_call (fixture, "call-aaa", "2223334444", "WO-1", "demo", 2 * 24 * 60);
  store_call (fixture, "call-bbb", "5556667777", "WO-2", "production", 5);
  vl_window_load_history (fixture->window);

  /* Newest first */
  model = vl_history_pane_get_model (pane);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (vl_call_get_id (first), ==, "call-bbb");

  search_for (fixture, "WO-1");
  g_assert_cmpstr (vl_history_pane_get_page (pane), ==, "list");
  g_assert_cmpuint (count_listed (fixture), ==, 1);

  search_for (fixture, "7777");
  g_assert_cmpuint (count_listed (fixture), ==, 1);

  search_for (fixture, "call-aa");
  g_assert_cmpuint (count_listed (fixture), ==, 1);

  search_for (fixture, "Main St");
  g_assert_cmpuint (count_listed (fixture), ==, 2);

  search_for (fixture, "nothing like it");
  g_assert_cmpuint (count_listed (fixture), ==, 0);
  g_assert_cmpstr (vl_history_pane_get_page (pane), ==, "no-results");

  search_for (fixture, "  ");
  g_assert_cmpuint (count_listed (fixture), ==, 2);
  g_assert_cmpstr (vl_history_pane_get_page (pane), ==, "list");
}

static void
test_history_row_text (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(VlCall) call = NULL;
  g_autoptr(VlCall) other = NULL;
  GtkWidget *widget = vl_history_row_new ();
  VlHistoryRow *row = VL_HISTORY_ROW (widget);
  GListModel *model;

  g_object_ref_sink (widget);

  store_call (fixture, "call-aaa", "2223334444", "WO-1", "demo", 30);
  store_call (fixture, "call-bbb", "5556667777", "WO-2", "production", 5);
  vl_window_load_history (fixture->window);
  model = vl_history_pane_get_model (get_pane (fixture));
  call = g_list_model_get_item (model, 0);

  vl_history_row_set_call (row, call);
  g_assert_cmpstr (vl_history_row_get_title (row), ==, "5556667777");
  g_assert_cmpstr (vl_history_row_get_subtitle (row), ==, "acme/WO-2");
  g_assert_cmpstr (vl_history_row_get_time (row), ==, "5 minutes ago");
  g_assert_cmpstr (vl_history_row_get_environment (row), ==, "Production");

  /* A row handed to another call, as scrolling does, shows that one;
   * bound to the same call again, it shows the same.
   */
  other = g_list_model_get_item (model, 1);
  vl_history_row_set_call (row, other);
  g_assert_cmpstr (vl_history_row_get_title (row), ==, "2223334444");
  g_assert_cmpstr (vl_history_row_get_subtitle (row), ==, "acme/WO-1");
  g_assert_cmpstr (vl_history_row_get_time (row), ==, "30 minutes ago");
  g_assert_cmpstr (vl_history_row_get_environment (row), ==, "Demo");
  vl_history_row_set_call (row, other);
  g_assert_cmpstr (vl_history_row_get_title (row), ==, "2223334444");
  g_assert_cmpstr (vl_history_row_get_time (row), ==, "30 minutes ago");

  g_object_unref (widget);
}

/* The rows of the history on screen, as a list of VlHistoryRow. */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (VL_IS_HISTORY_ROW (widget))
    {
      if (gtk_widget_get_mapped (widget))
        g_ptr_array_add (rows, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* Every call of the list has a row on screen that shows it. */
static void
assert_rows_show_list (Fixture *fixture,
                       guint    n_calls)
{
  VlHistoryPane *pane = get_pane (fixture);
  GListModel *model = vl_history_pane_get_model (pane);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (pane), rows);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_calls);
  g_assert_cmpuint (rows->len, ==, n_calls);

  for (guint i = 0; i < n_calls; i++)
    {
      g_autoptr(VlCall) call = g_list_model_get_item (model, i);
      g_autofree char *recipients = vl_call_dup_recipients (call, ", ");
      VlHistoryRow *shown = NULL;

      for (guint j = 0; j < rows->len; j++)
        {
          VlCall *bound = vl_history_row_get_call (rows->pdata[j]);

          if (g_strcmp0 (vl_call_get_id (bound), vl_call_get_id (call)) == 0)
            shown = rows->pdata[j];
        }

      g_assert_nonnull (shown);
      g_assert_cmpstr (vl_history_row_get_title (shown), ==, recipients);
    }
}

static void
test_history_rows_after_new_call (Fixture       *fixture,
                                  gconstpointer  data)
{
  VlHistoryPane *pane = get_pane (fixture);

  store_call (fixture, "call-aaa", "2223334444", "WO-1", "demo", 60);
  store_call (fixture, "call-bbb", "5556667777", "WO-2", "demo", 30);
  store_call (fixture, "call-ccc", "8889990000", "WO-3", "demo", 5);
  vl_window_load_history (fixture->window);
  settle ();
  assert_rows_show_list (fixture, 3);

  /* The rows below the new call keep their calls while they move down a
   * place; each still shows its own.
   */
  fill_guide_example (fixture->window);
  start_call (fixture);
  wait_until (fixture, has_call);
  settle ();
  assert_rows_show_list (fixture, 4);
  g_assert_cmpuint (vl_history_pane_get_selected (pane), ==, 0);

  /* And once more, with a call removed from the middle */
  vl_history_pane_pick (pane, 2);
  settle ();
  g_assert_cmpstr (shown_id (fixture), ==, "call-bbb");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.remove-call", NULL));
  settle ();
  assert_rows_show_list (fixture, 3);

  /* A change to the list, here the refresh of the call at the top, makes
   * the other rows work out their times again, as if the clock had moved
   * on since they were shown.
   */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) earlier = g_date_time_add_minutes (now, -45);
    VlHistoryRow *row = NULL;

    collect_rows (GTK_WIDGET (pane), rows);
    for (guint i = 0; i < rows->len; i++)
      {
        VlCall *bound = vl_history_row_get_call (rows->pdata[i]);

        if (g_strcmp0 (vl_call_get_id (bound), "call-aaa") == 0)
          row = rows->pdata[i];
      }
    g_assert_nonnull (row);
    g_assert_cmpstr (vl_history_row_get_time (row), !=, "45 minutes ago");

    vl_call_set_prepared_at (vl_history_row_get_call (row), earlier);
    vl_history_pane_pick (pane, 0);
    settle ();
    activate_row (fixture, "win.refresh-call");
    wait_until (fixture, is_idle);
    settle ();
    g_assert_cmpstr (vl_history_row_get_time (row), ==, "45 minutes ago");
    assert_rows_show_list (fixture, 3);
  }

  /* Rows that a search hands to other calls show those. */
  search_for (fixture, "WO-3");
  assert_rows_show_list (fixture, 1);
  search_for (fixture, "");
  assert_rows_show_list (fixture, 3);
}

static void
test_history_pick_shows_call (Fixture       *fixture,
                              gconstpointer  data)
{
  VlHistoryPane *pane = get_pane (fixture);
  VlCallView *view = vl_window_get_call_view (fixture->window);
  GPtrArray *rows;
  guint requests = count_requests ();

  store_call (fixture, "call-aaa", "2223334444", "WO-1", "demo", 60);
  store_call (fixture, "call-bbb", "5556667777", "WO-2", "demo", 5);
  vl_window_load_history (fixture->window);

  vl_history_pane_pick (pane, 1);
  settle ();
  g_assert_cmpstr (shown_id (fixture), ==, "call-aaa");
  g_assert_cmpstr (vl_call_view_get_id_text (view), ==, "call-aaa");
  rows = vl_call_view_get_invitation_rows (view);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (row_title (rows, 0), ==, "2223334444");
  g_assert_cmpstr (adw_action_row_get_subtitle (vl_call_view_get_link_row (view)),
                   ==, "https://vision.example/live/call-aaa");

  /* Shown from the disk: nothing was asked of the service or the
   * browser.
   */
  g_assert_cmpuint (count_requests (), ==, requests);
  g_assert_cmpuint (fixture->uris->len, ==, 0);

  /* A search keeps the mark on the shown call where it moves to. */
  search_for (fixture, "2223334444");
  g_assert_cmpuint (vl_history_pane_get_selected (pane), ==, 0);
  search_for (fixture, "5556667777");
  g_assert_cmpuint (vl_history_pane_get_selected (pane), ==,
                    GTK_INVALID_LIST_POSITION);
  g_assert_cmpstr (shown_id (fixture), ==, "call-aaa");
}

static void
test_history_remove_undo (Fixture       *fixture,
                          gconstpointer  data)
{
  AdwToast *toast;

  store_call (fixture, "call-aaa", "2223334444", "WO-1", "demo", 60);
  store_call (fixture, "call-bbb", "5556667777", "WO-2", "demo", 5);
  vl_window_load_history (fixture->window);
  vl_history_pane_pick (get_pane (fixture), 1);
  settle ();
  g_assert_cmpstr (shown_id (fixture), ==, "call-aaa");

  activate_row (fixture, "win.remove-call");
  settle ();
  g_assert_cmpuint (count_stored (fixture), ==, 1);
  g_assert_cmpuint (count_listed (fixture), ==, 1);
  g_assert_null (shown_id (fixture));

  toast = vl_window_get_remove_toast (fixture->window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==,
                   "Call removed from the history");
  g_assert_cmpint (adw_toast_get_priority (toast), ==,
                   ADW_TOAST_PRIORITY_HIGH);

  /* Undo puts it back where it was, as it was. */
  g_signal_emit_by_name (toast, "button-clicked");
  settle ();
  g_assert_cmpuint (count_stored (fixture), ==, 2);
  g_assert_cmpstr (shown_id (fixture), ==, "call-aaa");
  g_assert_cmpuint (vl_history_pane_get_selected (get_pane (fixture)), ==, 1);

  /* Removing the last one leaves the empty page. */
  activate_row (fixture, "win.remove-call");
  vl_history_pane_pick (get_pane (fixture), 0);
  settle ();
  activate_row (fixture, "win.remove-call");
  settle ();
  g_assert_cmpuint (count_stored (fixture), ==, 0);
  g_assert_cmpstr (vl_history_pane_get_page (get_pane (fixture)), ==, "empty");
}

static void
test_history_new_call_from_this (Fixture       *fixture,
                                 gconstpointer  data)
{
  VlMetadataEditor *editor = vl_window_get_metadata_editor (fixture->window);
  g_autofree char *metadata = NULL;
  guint requests = count_requests ();

  store_call (fixture, "call-aaa", "2223334444", "WO-1", "demo", 60);
  vl_window_load_history (fixture->window);
  vl_history_pane_pick (get_pane (fixture), 0);
  settle ();

  activate_row (fixture, "win.new-call-from-call");
  settle ();

  g_assert_cmpuint (vl_window_get_n_invitations (fixture->window), ==, 1);
  g_assert_cmpstr (vl_invitation_row_get_recipient (
                     vl_window_get_invitation (fixture->window, 0)),
                   ==, "2223334444");
  g_assert_cmpstr (gtk_editable_get_text (
                     vl_window_get_namespace_editable (fixture->window)),
                   ==, "acme");
  g_assert_cmpstr (gtk_editable_get_text (
                     vl_window_get_work_order_id_editable (fixture->window)),
                   ==, "WO-1");
  metadata = vl_metadata_editor_dup_metadata_json (editor);
  g_assert_cmpstr (metadata, ==, "{\"site\":\"Main St\"}");

  /* Filled in for the dispatcher to check: nothing was sent. */
  g_assert_cmpuint (count_requests (), ==, requests);
  g_assert_null (vl_window_get_blocker (fixture->window));
}

static void
test_history_refresh (Fixture       *fixture,
                      gconstpointer  data)
{
  VlCallView *view = vl_window_get_call_view (fixture->window);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  guint requests;

  fill_guide_example (fixture->window);
  start_call (fixture);
  wait_until (fixture, has_call);
  settle ();
  id = g_strdup (shown_id (fixture));
  g_assert_nonnull (id);
  g_assert_cmpstr (vl_call_view_get_refresh_status (view), ==,
                   "Fetches the call again from the service");

  /* Refresh asks the service for the call by its id. */
  requests = count_requests ();
  activate_row (fixture, "win.refresh-call");
  g_assert_cmpstr (vl_call_view_get_refresh_status (view), ==,
                   "Fetching the call again…");
  while (count_requests () == requests ||
         g_strcmp0 (vl_call_view_get_refresh_status (view),
                    "Fetching the call again…") == 0)
    g_main_context_iteration (NULL, TRUE);
  root = json_from_string (vl_demo_backend_get_last_request_body (get_backend ()),
                           &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root),
                                                  "operationName"),
                   ==, "GetVisionLiveCall");
  g_assert_cmpstr (shown_id (fixture), ==, id);
  g_assert_cmpuint (count_stored (fixture), ==, 1);

  /* A failure says why on the row and keeps the call shown. */
  vl_demo_backend_fail_next (get_backend (), 1, 500);
  activate_row (fixture, "win.refresh-call");
  while (g_strcmp0 (vl_call_view_get_refresh_status (view),
                    "Fetching the call again…") == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (strstr (vl_call_view_get_refresh_status (view), "500") != NULL);
  g_assert_cmpstr (shown_id (fixture), ==, id);
  g_assert_cmpuint (count_stored (fixture), ==, 1);
}

static void
test_history_refresh_other_environment (Fixture       *fixture,
                                        gconstpointer  data)
{
  VlCallView *view = vl_window_get_call_view (fixture->window);
  guint requests = count_requests ();

  store_call (fixture, "call-prod", "2223334444", "WO-1", "production", 60);
  vl_window_load_history (fixture->window);
  vl_history_pane_pick (get_pane (fixture), 0);
  settle ();

  /* The demo service does not know a production call: Refresh does
   * nothing and says why.
   */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                              "win.refresh-call", NULL);
  settle ();
  g_assert_cmpuint (count_requests (), ==, requests);
  g_assert_cmpstr (vl_call_view_get_refresh_status (view), ==,
                   "Only the Production service knows this call: choose "
                   "Production in the main menu to refresh it");
}

static gboolean
history_is_folded (Fixture *fixture)
{
  return vl_window_get_history_folded (fixture->window);
}

/* The arrows look through the calls; a click or Enter closes the sidebar
 * of a narrow window.
 */
static void
test_history_narrow_pick (Fixture       *fixture,
                          gconstpointer  data)
{
  VlHistoryPane *pane = get_pane (fixture);

  store_call (fixture, "call-aaa", "2223334444", "WO-1", "demo", 60);
  store_call (fixture, "call-bbb", "5556667777", "WO-2", "demo", 5);
  vl_window_load_history (fixture->window);

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 700);
  wait_until (fixture, history_is_folded);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.toggle-history", NULL));
  g_assert_true (vl_window_get_history_revealed (fixture->window));

  vl_history_pane_move_to (pane, 0);
  settle ();
  g_assert_cmpstr (shown_id (fixture), ==, "call-bbb");
  vl_history_pane_move_to (pane, 1);
  settle ();
  g_assert_cmpstr (shown_id (fixture), ==, "call-aaa");
  g_assert_true (vl_window_get_history_revealed (fixture->window));

  vl_history_pane_pick (pane, 1);
  settle ();
  g_assert_cmpstr (shown_id (fixture), ==, "call-aaa");
  g_assert_false (vl_window_get_history_revealed (fixture->window));
}

/* A window 360 pixels wide has room for every button of the header bar,
 * on the form and on the call: none is under the title.
 */
static void
test_narrow_header (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *header = vl_window_get_header_bar (fixture->window);
  int minimum;

  store_call (fixture, "call-aaa", "2223334444", "WO-1", "demo", 60);
  vl_window_load_history (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 700);
  wait_until (fixture, history_is_folded);

  /* On the call: back to the form */
  vl_history_pane_pick (get_pane (fixture), 0);
  settle ();
  g_assert_cmpstr (shown_id (fixture), ==, "call-aaa");
  gtk_widget_measure (header, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                      NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  /* On the form: on to the call */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.show-form", NULL));
  settle ();
  gtk_widget_measure (header, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                      NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
}

/* Showing another call gives up the refresh of the one before. */
static void
test_history_refresh_moved_on (Fixture       *fixture,
                               gconstpointer  data)
{
  VlCallView *view = vl_window_get_call_view (fixture->window);

  store_call (fixture, "call-aaa", "2223334444", "WO-1", "demo", 60);
  store_call (fixture, "call-bbb", "5556667777", "WO-2", "demo", 5);
  vl_window_load_history (fixture->window);

  /* The demo service knows neither: the refresh would fail. */
  vl_history_pane_pick (get_pane (fixture), 0);
  settle ();
  activate_row (fixture, "win.refresh-call");
  g_assert_cmpstr (vl_call_view_get_refresh_status (view), ==,
                   "Fetching the call again…");

  vl_history_pane_pick (get_pane (fixture), 1);
  g_assert_cmpstr (vl_call_view_get_refresh_status (view), ==,
                   "Fetches the call again from the service");
  g_assert_false (vl_window_get_busy (fixture->window));
  for (guint i = 0; i < 50; i++)
    {
      settle ();
      g_usleep (2000);
    }
  g_assert_cmpstr (shown_id (fixture), ==, "call-aaa");
  g_assert_cmpstr (vl_call_view_get_refresh_status (view), ==,
                   "Fetches the call again from the service");
}

/* Undo puts a removed call back without taking the place of the one
 * shown since.
 */
static void
test_history_undo_keeps_view (Fixture       *fixture,
                              gconstpointer  data)
{
  store_call (fixture, "call-aaa", "2223334444", "WO-1", "demo", 60);
  store_call (fixture, "call-bbb", "5556667777", "WO-2", "demo", 5);
  vl_window_load_history (fixture->window);

  vl_history_pane_pick (get_pane (fixture), 0);
  settle ();
  activate_row (fixture, "win.remove-call");
  settle ();
  g_assert_null (shown_id (fixture));

  vl_history_pane_pick (get_pane (fixture), 0);
  settle ();
  g_assert_cmpstr (shown_id (fixture), ==, "call-aaa");

  g_signal_emit_by_name (vl_window_get_remove_toast (fixture->window),
                         "button-clicked");
  settle ();
  g_assert_cmpuint (count_stored (fixture), ==, 2);
  g_assert_cmpstr (shown_id (fixture), ==, "call-aaa");
  g_assert_cmpuint (vl_history_pane_get_selected (get_pane (fixture)), ==, 1);
}

static void
test_history_search_shortcut (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkEditable *search = vl_history_pane_get_search_editable (get_pane (fixture));

  vl_window_load_history (fixture->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.toggle-history", NULL));
  g_assert_false (vl_window_get_history_revealed (fixture->window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.search-history", NULL));
  settle ();
  g_assert_true (vl_window_get_history_revealed (fixture->window));
  g_assert_true (has_focus_in (fixture, GTK_WIDGET (search)));
}

/* A control character pasted into the work order blocks the call and
 * says where it is; nothing is lost from the form.
 */
static void
test_work_order_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkEditable *namespace_ = vl_window_get_namespace_editable (fixture->window);
  GtkEditable *id = vl_window_get_work_order_id_editable (fixture->window);
  guint requests = count_requests ();

  fill_guide_example (fixture->window);
  g_assert_null (vl_window_get_blocker (fixture->window));

  gtk_editable_set_text (namespace_, "anamespace\001");
  g_assert_cmpstr (vl_window_get_blocker (fixture->window), ==,
                   "Namespace: It contains a control character (U+0001): "
                   "type it again rather than pasting it.");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (namespace_), "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (id), "error"));
  g_assert_false (start_is_enabled (fixture));

  gtk_editable_set_text (namespace_, "anamespace");
  gtk_editable_set_text (id, "INTEG\u202eID");
  g_assert_nonnull (strstr (vl_window_get_blocker (fixture->window),
                            "Work order ID: It contains an invisible "
                            "formatting character (U+202E)"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (id), "error"));

  /* White space alone is no id. */
  gtk_editable_set_text (id, "   ");
  g_assert_cmpstr (vl_window_get_blocker (fixture->window), ==,
                   "Enter both the namespace and the ID of the work order, "
                   "or neither");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (id), "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (namespace_), "error"));

  gtk_editable_set_text (id, "INTEG_ID");
  g_assert_null (vl_window_get_blocker (fixture->window));
  assert_form_kept (fixture->window);
  g_assert_cmpuint (count_requests (), ==, requests);
}

/* The same recipient twice, however written, blocks the call. */
static void
test_same_recipient_twice (Fixture       *fixture,
                           gconstpointer  data)
{
  VlInvitationRow *row;

  fill_guide_example (fixture->window);
  row = vl_window_add_invitation (fixture->window);
  vl_invitation_row_set_text (row, "222.333.4444");
  settle ();
  g_assert_cmpstr (vl_window_get_blocker (fixture->window), ==,
                   "Invitation 2 is the same as invitation 1");
  g_assert_false (start_is_enabled (fixture));

  vl_invitation_row_set_text (row, "222.333.4445");
  settle ();
  g_assert_null (vl_window_get_blocker (fixture->window));
}

/* Enter on a call of the history shows that one, wherever the selection
 * was; Enter in the search shows the first call found.
 */
static void
test_history_enter (Fixture       *fixture,
                    gconstpointer  data)
{
  VlHistoryPane *pane = get_pane (fixture);
  GtkListView *list;

  store_call (fixture, "call-aaa", "2223334444", "WO-1", "demo", 60);
  store_call (fixture, "call-bbb", "5556667777", "WO-2", "demo", 5);
  vl_window_load_history (fixture->window);
  list = vl_history_pane_get_list_view (pane);

  g_signal_emit_by_name (list, "activate", 1);
  settle ();
  g_assert_cmpstr (shown_id (fixture), ==, "call-aaa");

  /* Enter at once, before the search's pause is over */
  g_signal_handlers_block_matched (vl_history_pane_get_search_editable (pane),
                                   G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                   pane);
  gtk_editable_set_text (vl_history_pane_get_search_editable (pane), "WO-2");
  g_signal_handlers_unblock_matched (vl_history_pane_get_search_editable (pane),
                                     G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                     pane);
  g_signal_emit_by_name (vl_history_pane_get_search_editable (pane),
                         "activate");
  settle ();
  g_assert_cmpstr (shown_id (fixture), ==, "call-bbb");
}

/* Enter starts the call from the form only: not from a row of the call
 * view or of the history.
 */
static void
test_enter_only_in_form (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);
  VlCallView *view = vl_window_get_call_view (fixture->window);

  store_call (fixture, "call-aaa", "2223334444", "WO-1", "demo", 60);
  vl_window_load_history (fixture->window);
  vl_history_pane_pick (get_pane (fixture), 0);
  fill_guide_example (fixture->window);
  settle ();

  gtk_widget_grab_focus (GTK_WIDGET (vl_window_get_namespace_editable (
                                       fixture->window)));
  g_assert_true (gtk_window_get_default_widget (window) ==
                 vl_window_get_start_button (fixture->window));

  gtk_widget_grab_focus (vl_call_view_get_action_row (view,
                                                      "win.remove-call"));
  g_assert_null (gtk_window_get_default_widget (window));

  gtk_widget_grab_focus (GTK_WIDGET (vl_history_pane_get_list_view (
                                       get_pane (fixture))));
  g_assert_null (gtk_window_get_default_widget (window));
}

/* Removing a call with every invitation row removed from the form */
static void
test_history_remove_no_rows (Fixture       *fixture,
                             gconstpointer  data)
{
  VlInvitationRow *row = vl_window_get_invitation (fixture->window, 0);

  store_call (fixture, "call-aaa", "2223334444", "WO-1", "demo", 60);
  vl_window_load_history (fixture->window);
  vl_history_pane_pick (get_pane (fixture), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.toggle-history", NULL));
  g_assert_false (vl_window_get_history_revealed (fixture->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row),
                                             "invitation.remove", NULL));
  settle ();
  g_assert_cmpuint (vl_window_get_n_invitations (fixture->window), ==, 0);

  activate_row (fixture, "win.remove-call");
  settle ();
  g_assert_cmpuint (count_stored (fixture), ==, 0);
  /* The focus went to a new, empty invitation. */
  g_assert_cmpuint (vl_window_get_n_invitations (fixture->window), ==, 1);
}

/* Ctrl+Z twice after a link replaced the form and the dispatcher changed
 * it: nothing typed is lost.
 */
static void
test_undo_key_swaps_forms (Fixture       *fixture,
                           gconstpointer  data)
{
  fill_guide_example (fixture->window);
  open_uri ("vision-live:prepare?sms=5556667777");
  settle ();
  g_assert_nonnull (vl_window_get_undo_toast (fixture->window));
  g_assert_cmpstr (invitation_text (fixture, 0), ==, "5556667777");
  /* Changed after the link filled it in */
  vl_invitation_row_set_text (vl_window_get_invitation (fixture->window, 0),
                              "5556667778");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.undo", NULL));
  settle ();
  assert_form_kept (fixture->window);

  /* What was there is offered back in its turn. */
  g_assert_nonnull (vl_window_get_undo_toast (fixture->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.undo", NULL));
  settle ();
  g_assert_cmpstr (invitation_text (fixture, 0), ==, "5556667778");
}

/* Ctrl+Z takes back a removal, as the toast's button does. */
static void
test_history_undo_key (Fixture       *fixture,
                       gconstpointer  data)
{
  store_call (fixture, "call-aaa", "2223334444", "WO-1", "demo", 60);
  vl_window_load_history (fixture->window);
  vl_history_pane_pick (get_pane (fixture), 0);
  settle ();

  activate_row (fixture, "win.remove-call");
  settle ();
  g_assert_cmpuint (count_stored (fixture), ==, 0);
  /* The focus is not left on Start Call. */
  g_assert_false (gtk_widget_has_focus (vl_window_get_start_button (
                                          fixture->window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.undo", NULL));
  settle ();
  g_assert_cmpuint (count_stored (fixture), ==, 1);
  g_assert_cmpstr (shown_id (fixture), ==, "call-aaa");
  g_assert_null (vl_window_get_remove_toast (fixture->window));
}

/* Alt and a letter reaches each field of the form. */
static void
test_mnemonics (Fixture       *fixture,
                gconstpointer  data)
{
  GtkEditable *rows[] = {
    vl_window_get_namespace_editable (fixture->window),
    vl_window_get_work_order_id_editable (fixture->window),
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      AdwPreferencesRow *row = ADW_PREFERENCES_ROW (rows[i]);

      g_assert_true (adw_preferences_row_get_use_underline (row));
      g_assert_nonnull (strchr (adw_preferences_row_get_title (row), '_'));

      g_assert_true (gtk_widget_mnemonic_activate (GTK_WIDGET (row), FALSE));
      settle ();
      g_assert_true (has_focus_in (fixture, GTK_WIDGET (row)));
    }
}

/* The form keeps its width while the call is being prepared, so that the
 * panes do not move under the pointer.
 */
static void
test_width_kept_while_preparing (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkWidget *pane = vl_window_get_form_pane (fixture->window);
  int before, during;

  vl_demo_backend_revoke_tokens (get_backend ());
  vl_demo_backend_set_token_delay (get_backend (), 500);
  fill_guide_example (fixture->window);
  settle ();
  gtk_widget_measure (pane, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &before,
                      NULL, NULL);

  start_call (fixture);
  g_assert_true (vl_window_get_busy (fixture->window));
  gtk_widget_measure (pane, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &during,
                      NULL, NULL);
  g_assert_cmpint (during, ==, before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.cancel-request", NULL));
  g_assert_false (vl_window_get_busy (fixture->window));
}

/* Nor does it change when a field says what is wrong with it. */
static void
test_width_kept_by_messages (Fixture       *fixture,
                             gconstpointer  data)
{
  VlWindow *window = fixture->window;
  VlMetadataEditor *editor = vl_window_get_metadata_editor (window);
  GtkWidget *pane = vl_window_get_form_pane (window);
  GtkWidget *status = vl_window_get_status_label (window);
  g_autoptr(GError) error = NULL;
  int before, after, asked;

  settle ();
  gtk_widget_measure (pane, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &before,
                      NULL, NULL);

  vl_invitation_row_set_text (vl_window_get_invitation (window, 0),
                              "(222) 333-4O44 and a few more words to say");
  gtk_editable_set_text (vl_window_get_namespace_editable (window),
                         "anamespace");
  g_assert_true (vl_metadata_editor_set_raw (editor, TRUE, &error));
  g_assert_no_error (error);
  vl_metadata_editor_set_json_text (editor, "{\"site\": \"Main St\",}");
  g_assert_nonnull (vl_metadata_editor_get_message (editor));
  settle ();

  gtk_widget_measure (pane, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &after,
                      NULL, NULL);
  g_assert_cmpint (after, ==, before);

  /* The message beside Start Call wraps in all the room the bar has,
   * not only in the width it asks for.
   */
  gtk_widget_measure (status, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &asked,
                      NULL, NULL);
  g_assert_cmpint (gtk_widget_get_width (status), >,
                   gtk_widget_get_width (pane) -
                   gtk_widget_get_width (vl_window_get_start_button (window)) -
                   100);
  g_assert_cmpint (gtk_widget_get_width (status), >, asked);
}

/* A window closed with a call typed and not started gives it back when
 * it next opens; a sent one does not.
 */
static void
test_unsent_form_kept (Fixture       *fixture,
                       gconstpointer  data)
{
  GSettings *settings = vl_application_get_settings (app);
  g_autoptr(GVariant) kept = NULL;
  VlWindow *window;

  fill_guide_example (fixture->window);
  gtk_window_close (GTK_WINDOW (fixture->window));
  settle ();
  kept = g_settings_get_user_value (settings, "unsent-form");
  g_assert_nonnull (kept);

  window = vl_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  settle ();
  assert_form_kept (window);
  g_assert_null (g_settings_get_user_value (settings, "unsent-form"));

  /* Sent, nothing is left to keep. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window),
                                             "win.start-call", NULL));
  while (vl_window_get_busy (window))
    g_main_context_iteration (NULL, TRUE);
  settle ();
  gtk_window_close (GTK_WINDOW (window));
  settle ();
  g_assert_null (g_settings_get_user_value (settings, "unsent-form"));

  /* Two windows: the blank one closing last leaves alone what the other
   * kept.
   */
  {
    VlWindow *typed = vl_window_new (app);
    VlWindow *blank = vl_window_new (app);

    gtk_window_present (GTK_WINDOW (typed));
    gtk_window_present (GTK_WINDOW (blank));
    settle ();
    fill_guide_example (typed);
    gtk_window_close (GTK_WINDOW (typed));
    gtk_window_close (GTK_WINDOW (blank));
    settle ();
    g_assert_nonnull (g_settings_get_user_value (settings, "unsent-form"));

    window = vl_window_new (app);
    assert_form_kept (window);
    gtk_window_destroy (GTK_WINDOW (window));
  }

  /* The fixture's own window is gone; give it a new one to tear down. */
  fixture->window = vl_window_new (app);
}

/* Quit closes the windows as the dispatcher would: the form is kept. */
static void
test_quit_keeps_form (Fixture       *fixture,
                      gconstpointer  data)
{
  GSettings *settings = vl_application_get_settings (app);
  g_autoptr(GVariant) kept = NULL;

  fill_guide_example (fixture->window);
  settle ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  settle ();

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  kept = g_settings_get_user_value (settings, "unsent-form");
  g_assert_nonnull (kept);

  g_settings_reset (settings, "unsent-form");
  fixture->window = vl_window_new (app);
}

/* The browser would not take the link: the toast says why and offers
 * it for copying; the call, link and all, stays on screen.
 */
static void
test_browser_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  VlCallView *view = vl_window_get_call_view (fixture->window);
  AdwToast *toast;

  fixture->no_browser = TRUE;
  fill_guide_example (fixture->window);
  start_call (fixture);
  wait_until (fixture, has_call);
  settle ();

  g_assert_cmpuint (fixture->uris->len, ==, 1);
  toast = vl_window_get_link_toast (fixture->window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==,
                   "Could not open the link in a browser: No application "
                   "is registered for https links");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "Copy Link");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.copy-link");
  g_assert_true (gtk_widget_get_sensitive (vl_call_view_get_open_button (view)));

  /* Open again: one toast, not two */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view),
                                             "call.open-link", NULL));
  settle ();
  g_assert_cmpuint (fixture->uris->len, ==, 2);
  g_assert_true (vl_window_get_link_toast (fixture->window) != toast);
}

/* Built when first asked for, with Ctrl+? on it */
static void
test_shortcuts_window (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(GStrv) accels = NULL;
  GtkWindow *shortcuts;

  g_assert_null (vl_window_get_shortcuts_window (fixture->window));

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                  "win.show-help-overlay");
  g_assert_cmpstr (accels[0], ==, "<Control>question");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.show-help-overlay", NULL));
  settle ();
  shortcuts = vl_window_get_shortcuts_window (fixture->window);
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (shortcuts));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_window_get_transient_for (shortcuts) ==
                 GTK_WINDOW (fixture->window));

  /* Closed, it is kept for next time. */
  gtk_window_close (shortcuts);
  settle ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.show-help-overlay", NULL));
  g_assert_true (vl_window_get_shortcuts_window (fixture->window) == shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
}

static void
test_window_size_remembered (Fixture       *fixture,
                             gconstpointer  data)
{
  GSettings *settings = vl_application_get_settings (app);
  VlWindow *window;
  int width, height;

  g_assert_nonnull (settings);
  g_settings_set_int (settings, "window-width", 700);
  g_settings_set_int (settings, "window-height", 500);

  window = vl_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 500);

  /* What the window is set to goes back to the settings. */
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);
  gtk_window_destroy (GTK_WINDOW (window));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* Ctrl+F at once, before the first frame's idle has opened the history */
static void
test_history_search_before_open (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkEditable *search = vl_history_pane_get_search_editable (get_pane (fixture));

  g_assert_false (history_is_open (fixture));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.search-history", NULL));
  settle ();
  g_assert_true (history_is_open (fixture));
  g_assert_true (has_focus_in (fixture, GTK_WIDGET (search)));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!init_window_test (&argc, &argv))
    return 0;

  app = new_test_application ();

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
  ADD_TEST ("/window/size-remembered", test_window_size_remembered);
  ADD_TEST ("/window/mnemonics", test_mnemonics);
  ADD_TEST ("/window/same-recipient-twice", test_same_recipient_twice);
  ADD_TEST ("/window/history/enter", test_history_enter);
  ADD_TEST ("/window/history/undo-key", test_history_undo_key);
  ADD_TEST ("/window/history/remove-no-rows", test_history_remove_no_rows);
  ADD_TEST ("/window/undo-key-swaps-forms", test_undo_key_swaps_forms);
  ADD_TEST ("/window/enter-only-in-form", test_enter_only_in_form);
  ADD_TEST ("/window/shortcuts-window", test_shortcuts_window);
  ADD_TEST ("/window/unsent-form-kept", test_unsent_form_kept);
  ADD_TEST ("/window/quit-keeps-form", test_quit_keeps_form);
  ADD_TEST ("/window/browser-refused", test_browser_refused);
  ADD_TEST ("/window/width-kept-while-preparing",
            test_width_kept_while_preparing);
  ADD_TEST ("/window/width-kept-by-messages", test_width_kept_by_messages);
  ADD_TEST ("/window/work-order-refused", test_work_order_refused);
  ADD_TEST ("/window/history/opens-after-first-frame",
            test_history_opens_after_first_frame);
  ADD_TEST ("/window/history/saved-before-browser",
            test_history_saved_before_browser);
  ADD_TEST ("/window/history/rows-and-search", test_history_rows_and_search);
  ADD_TEST ("/window/start-call-shortcut", test_start_call_shortcut);
  ADD_TEST ("/window/primary-menu", test_primary_menu);
  ADD_TEST ("/window/narrow-header", test_narrow_header);
  ADD_TEST ("/window/history/row-text", test_history_row_text);
  ADD_TEST ("/window/history/rows-after-new-call",
            test_history_rows_after_new_call);
  ADD_TEST ("/window/history/pick-shows-call", test_history_pick_shows_call);
  ADD_TEST ("/window/history/remove-undo", test_history_remove_undo);
  ADD_TEST ("/window/history/new-call-from-this",
            test_history_new_call_from_this);
  ADD_TEST ("/window/history/refresh", test_history_refresh);
  ADD_TEST ("/window/history/refresh-other-environment",
            test_history_refresh_other_environment);
  ADD_TEST ("/window/history/search-shortcut", test_history_search_shortcut);
  ADD_TEST ("/window/history/search-before-open",
            test_history_search_before_open);
  ADD_TEST ("/window/history/narrow-pick", test_history_narrow_pick);
  ADD_TEST ("/window/history/refresh-moved-on",
            test_history_refresh_moved_on);
  ADD_TEST ("/window/history/undo-keeps-view", test_history_undo_keeps_view);

#undef ADD_TEST

  status = g_test_run ();

  g_clear_object (&app);

  return status;
}

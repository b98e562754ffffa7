/* test-preferences.c: environments in the window, and Preferences
 *
 * Runs inside its own D-Bus session (see meson.build) with a
 * gnome-keyring-daemon of its own, so that saving and reading the keyring
 * is real; the test without a keyring runs in a subprocess with no bus.
 * Custom environments point at a demo backend the test starts itself.
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "test-keyring.h"
#include "vl-application.h"
#include "vl-call-view-private.h"
#include "vl-error.h"
#include "vl-preferences-window-private.h"
#include "vl-validate.h"
#include "vl-window-private.h"
#include "window-util.h"

#define TIMEOUT_SECONDS 15

typedef struct
{
  VlWindow  *window;
  GSettings *settings;
} Fixture;

/* One application for the whole program, registered but never run, and
 * one demo backend standing in for a custom service.
 */
static VlApplication *app;
static VlDemoBackend *backend;
static const char *vision_live_exe;

static gboolean
ignore_uri (const char  *uri,
            gpointer     user_data,
            GError     **error)
{
  return TRUE;
}

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds, failing after a while. */
static void
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () +
                    TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting");

      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static gboolean
group_is_idle (gpointer data)
{
  return !vl_account_group_get_busy (data);
}

static gboolean
window_is_idle (gpointer data)
{
  return !vl_window_get_busy (data);
}

static gboolean
window_has_call (gpointer data)
{
  return vl_call_view_get_call (vl_window_get_call_view (data)) != NULL;
}

static gboolean
client_has_credentials (gpointer data)
{
  VlClient *client = vl_application_get_client (app);

  return client != NULL && vl_client_has_credentials (client);
}

static gboolean
has_credentials_problem (gpointer data)
{
  return vl_application_get_credentials_problem (app) != NULL;
}

static void
set_environment (const char *name)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "environment",
                                  g_variant_new_string (name));
  settle ();
}

static void
use_backend_as_custom (void)
{
  vl_application_set_custom_urls (app,
                                  vl_demo_backend_get_graphql_url (backend),
                                  vl_demo_backend_get_token_url (backend));
}

static VlPreferencesWindow *
find_preferences (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app));
       l != NULL; l = l->next)
    {
      if (VL_IS_PREFERENCES_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

static void
close_preferences (void)
{
  VlPreferencesWindow *preferences;

  while ((preferences = find_preferences ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (preferences));

  settle ();
}

/* Opens Preferences at @environment and waits for the keyring. */
static VlAccountGroup *
open_account (Fixture       *fixture,
              VlEnvironment  environment)
{
  GtkWindow *preferences;
  VlAccountGroup *group;

  preferences = vl_application_show_preferences (app,
                                                 GTK_WINDOW (fixture->window),
                                                 environment);
  g_assert_true (VL_IS_PREFERENCES_WINDOW (preferences));

  group = vl_preferences_window_get_group (VL_PREFERENCES_WINDOW (preferences),
                                           environment);
  g_assert_nonnull (group);
  wait_until (group_is_idle, group);

  return group;
}

static const char *
key_text (VlAccountGroup *group)
{
  return gtk_editable_get_text (vl_account_group_get_key_editable (group));
}

static const char *
secret_text (VlAccountGroup *group)
{
  return gtk_editable_get_text (vl_account_group_get_secret_editable (group));
}

static void
type_credentials (VlAccountGroup *group,
                  const char     *key,
                  const char     *secret)
{
  gtk_editable_set_text (vl_account_group_get_key_editable (group), key);
  gtk_editable_set_text (vl_account_group_get_secret_editable (group), secret);
}

/* Runs one of the group's actions and waits for its outcome. */
static void
run_account_action (VlAccountGroup *group,
                    const char     *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group), action,
                                             NULL));
  wait_until (group_is_idle, group);
}

static void
start_call (Fixture *fixture)
{
  VlInvitationRow *row = vl_window_get_invitation (fixture->window, 0);

  vl_invitation_row_set_text (row, "2223334444");
  g_assert_null (vl_window_get_blocker (fixture->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.start-call", NULL));
  g_assert_true (vl_window_get_busy (fixture->window));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = g_settings_new (APPLICATION_ID);

  vl_demo_backend_fail_next (backend, 0, 200);
  vl_demo_backend_set_token_delay (backend, 0);
  vl_application_set_uri_handler (app, ignore_uri, NULL);

  fixture->window = vl_window_new (app);
  gtk_window_present (GTK_WINDOW (fixture->window));
  settle ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_preferences ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  settle ();

  set_environment ("demo");
  vl_application_set_custom_urls (app, "", "");
  for (VlEnvironment e = VL_ENVIRONMENT_DEMO; e <= VL_ENVIRONMENT_CUSTOM; e++)
    vl_application_use_credentials (app, e, NULL, NULL, FALSE);

  if (vl_application_get_demo_backend (app) != NULL)
    vl_demo_backend_set_token_delay (vl_application_get_demo_backend (app), 0);

  vl_application_set_uri_handler (app, NULL, NULL);
  g_clear_object (&fixture->settings);
  settle ();
}

static void
test_environment_pill (Fixture       *fixture,
                       gconstpointer  data)
{
  VlWindow *window = fixture->window;
  GtkWidget *pill = GTK_WIDGET (vl_window_get_environment_label (window));
  g_autoptr(GVariant) state = NULL;
  g_autofree char *saved = NULL;
  VlClient *client;

  g_assert_cmpint (vl_application_get_environment (app), ==,
                   VL_ENVIRONMENT_DEMO);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pill)), ==, "Demo");
  g_assert_true (gtk_widget_has_css_class (pill, "environment-demo"));

  set_environment ("production");

  g_assert_cmpint (vl_application_get_environment (app), ==,
                   VL_ENVIRONMENT_PRODUCTION);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pill)), ==, "Production");
  g_assert_true (gtk_widget_has_css_class (pill, "environment-production"));
  g_assert_false (gtk_widget_has_css_class (pill, "environment-demo"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (pill), ==,
                   "Calls go to the production service");

  /* Remembered, and the menu's radio items follow. */
  saved = g_settings_get_string (fixture->settings, "environment");
  g_assert_cmpstr (saved, ==, "production");
  state = g_action_group_get_action_state (G_ACTION_GROUP (app),
                                           "environment");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "production");

  /* Calls go to the production service, and say so. */
  client = vl_application_get_client (app);
  g_assert_nonnull (client);
  g_assert_cmpstr (vl_client_get_environment (client), ==, "production");
  g_assert_cmpstr (vl_client_get_graphql_url (client), ==,
                   vl_environment_get_graphql_url (VL_ENVIRONMENT_PRODUCTION));
  g_assert_cmpstr (vl_client_get_token_url (client), ==,
                   vl_environment_get_token_url (VL_ENVIRONMENT_PRODUCTION));
  g_assert_null (vl_application_get_client_problem (app));

  /* With no key stored, Start Call stays usable: its error says where
   * to enter one.
   */
  vl_invitation_row_set_text (vl_window_get_invitation (fixture->window, 0),
                              "2223334444");
  g_assert_null (vl_window_get_blocker (fixture->window));
}

static void
test_switch_cancels_request (Fixture       *fixture,
                             gconstpointer  data)
{
  VlDemoBackend *demo = vl_application_get_demo_backend (app);
  GtkLabel *pill;

  /* Make the request slow: the token has to be fetched again, slowly. */
  g_assert_nonnull (demo);
  vl_demo_backend_revoke_tokens (demo);
  vl_demo_backend_set_token_delay (demo, 3000);

  start_call (fixture);
  settle ();

  set_environment ("testing");

  g_assert_false (vl_window_get_busy (fixture->window));
  settle ();
  g_assert_null (vl_window_get_request_error (fixture->window));
  g_assert_false (window_has_call (fixture->window));
  pill = vl_window_get_environment_label (fixture->window);
  g_assert_cmpstr (gtk_label_get_text (pill), ==, "Testing");
}

static void
test_custom_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *insecure = "http://example.com/graphql";
  g_autoptr(GError) expected = NULL;
  VlAccountGroup *group;
  GtkWidget *button;
  GtkEditable *graphql;
  VlPreferencesWindow *preferences;

  g_assert_false (vl_check_service_url (insecure, &expected));

  g_settings_set_string (fixture->settings, "custom-graphql-url", insecure);
  g_settings_set_string (fixture->settings, "custom-token-url",
                         "https://example.com/token");
  set_environment ("custom");

  /* Refused with the reason, and no client to send anything with. */
  g_assert_null (vl_application_get_client (app));
  g_assert_cmpstr (vl_application_get_client_problem (app), ==,
                   expected->message);
  g_assert_nonnull (strstr (expected->message, "is not encrypted"));

  g_assert_cmpstr (vl_window_get_blocker (fixture->window), ==,
                   expected->message);
  g_assert_cmpstr (vl_window_get_request_error (fixture->window), ==,
                   expected->message);
  button = vl_window_get_start_button (fixture->window);
  g_assert_false (gtk_widget_get_sensitive (button));
  button = vl_window_get_preferences_button (fixture->window);
  g_assert_true (gtk_widget_get_visible (button));

  /* Preferences point at the same address. */
  g_signal_emit_by_name (button, "clicked");
  settle ();
  preferences = find_preferences ();
  g_assert_nonnull (preferences);
  g_assert_cmpint (vl_preferences_window_get_shown_environment (preferences),
                   ==, VL_ENVIRONMENT_CUSTOM);
  group = vl_preferences_window_get_group (preferences,
                                           VL_ENVIRONMENT_CUSTOM);
  wait_until (group_is_idle, group);
  graphql = vl_account_group_get_graphql_editable (group);
  g_assert_cmpstr (gtk_editable_get_text (graphql), ==, insecure);
  g_assert_cmpstr (vl_account_group_get_address_problem (group), ==,
                   expected->message);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (graphql), "error"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (graphql),
                                    GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  button = vl_account_group_get_save_button (group);
  g_assert_false (gtk_widget_get_sensitive (button));
  close_preferences ();

  /* No addresses at all: the window says what to do. */
  g_settings_set_string (fixture->settings, "custom-graphql-url", "");
  g_settings_set_string (fixture->settings, "custom-token-url", "");
  settle ();
  g_assert_null (vl_application_get_client (app));
  g_assert_cmpstr (vl_application_get_client_problem (app), ==,
                   "Enter the custom addresses in Preferences.");
  g_assert_cmpstr (vl_window_get_request_error (fixture->window), ==,
                   "Enter the custom addresses in Preferences.");

  /* Good addresses make a client at once. */
  use_backend_as_custom ();
  g_assert_nonnull (vl_application_get_client (app));
  g_assert_null (vl_application_get_client_problem (app));
  g_assert_cmpstr (vl_client_get_graphql_url (vl_application_get_client (app)),
                   ==, vl_demo_backend_get_graphql_url (backend));
}

static void
on_token_checked (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (vl_client_check_token_finish (VL_CLIENT (source), result,
                                                error));
  g_assert_nonnull (*error);
}

/* The error a client of the custom environment gets for @secret. */
static char *
dup_rejection (const char *secret)
{
  g_autoptr(VlClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = vl_client_new ("custom", vl_demo_backend_get_graphql_url (backend),
                          vl_demo_backend_get_token_url (backend));
  vl_client_set_credentials (client, VL_DEMO_API_KEY, secret);
  vl_client_check_token_async (client, NULL, on_token_checked, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_NOT_AUTHORIZED);

  return g_strdup (error->message);
}

static void
test_test_connection (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *rejection = dup_rejection ("wrong-secret");
  g_autofree char *saved_url = NULL;
  VlAccountGroup *group;
  GtkEditable *graphql, *token;
  GtkWidget *test_button;
  guint token_requests;

  group = open_account (fixture, VL_ENVIRONMENT_CUSTOM);
  graphql = vl_account_group_get_graphql_editable (group);
  token = vl_account_group_get_token_editable (group);
  test_button = vl_account_group_get_test_button (group);

  /* Nothing to test with yet */
  g_assert_false (gtk_widget_get_sensitive (test_button));

  /* An address that may not be used is refused as it is typed. */
  type_credentials (group, VL_DEMO_API_KEY, VL_DEMO_API_SECRET);
  gtk_editable_set_text (graphql, "http://example.com/graphql");
  gtk_editable_set_text (token, vl_demo_backend_get_token_url (backend));
  g_assert_nonnull (vl_account_group_get_address_problem (group));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (graphql), "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (token), "error"));
  g_assert_false (gtk_widget_get_sensitive (test_button));

  /* The demo backend on loopback, over http, is fine. */
  gtk_editable_set_text (graphql, vl_demo_backend_get_graphql_url (backend));
  g_assert_null (vl_account_group_get_address_problem (group));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (graphql), "error"));
  g_assert_true (gtk_widget_get_sensitive (test_button));

  token_requests = vl_demo_backend_get_token_requests (backend);
  run_account_action (group, "account.test");
  g_assert_cmpuint (vl_demo_backend_get_token_requests (backend), ==,
                    token_requests + 1);
  g_assert_cmpint (vl_account_group_get_status_kind (group), ==,
                   VL_ACCOUNT_STATUS_SUCCESS);
  g_assert_cmpstr (vl_account_group_get_status (group), ==,
                   "Connected: the service accepted this key and secret");

  /* Typing again clears a result that no longer applies. */
  gtk_editable_set_text (vl_account_group_get_secret_editable (group),
                         "wrong-secret");
  g_assert_cmpint (vl_account_group_get_status_kind (group), ==,
                   VL_ACCOUNT_STATUS_NONE);

  run_account_action (group, "account.test");
  g_assert_cmpint (vl_account_group_get_status_kind (group), ==,
                   VL_ACCOUNT_STATUS_ERROR);
  g_assert_cmpstr (vl_account_group_get_status (group), ==, rejection);

  /* Testing saves nothing. */
  saved_url = g_settings_get_string (fixture->settings, "custom-graphql-url");
  g_assert_cmpstr (saved_url, ==, "");
  g_assert_false (vl_application_get_session_credentials (app,
                                                          VL_ENVIRONMENT_CUSTOM,
                                                          NULL, NULL));
}

static void
test_not_authorized (Fixture       *fixture,
                     gconstpointer  data)
{
  VlPreferencesWindow *preferences;
  VlAccountGroup *group;
  GtkWidget *button;
  GtkWidget *focus;
  VlCall *call;

  use_backend_as_custom ();
  set_environment ("custom");
  vl_application_use_credentials (app, VL_ENVIRONMENT_CUSTOM,
                                  VL_DEMO_API_KEY, "wrong-secret", TRUE);

  start_call (fixture);
  wait_until (window_is_idle, fixture->window);
  settle ();

  g_assert_false (window_has_call (fixture->window));
  g_assert_nonnull (vl_window_get_request_error (fixture->window));
  g_assert_nonnull (strstr (vl_window_get_request_error (fixture->window),
                            "refused the API key or secret"));
  button = vl_window_get_preferences_button (fixture->window);
  g_assert_true (gtk_widget_get_visible (button));

  /* The button opens Preferences at this environment, over the window. */
  g_assert_null (find_preferences ());
  g_signal_emit_by_name (button, "clicked");
  settle ();

  preferences = find_preferences ();
  g_assert_nonnull (preferences);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preferences)));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (preferences)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) ==
                 GTK_WINDOW (fixture->window));
  g_assert_cmpint (vl_preferences_window_get_shown_environment (preferences),
                   ==, VL_ENVIRONMENT_CUSTOM);

  group = vl_preferences_window_get_group (preferences,
                                           VL_ENVIRONMENT_CUSTOM);
  focus = gtk_root_get_focus (GTK_ROOT (preferences));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (group)));

  /* What is in use is there to correct, and saving it fixes the call. */
  wait_until (group_is_idle, group);
  g_assert_cmpstr (key_text (group), ==, VL_DEMO_API_KEY);
  g_assert_cmpstr (secret_text (group), ==, "wrong-secret");
  gtk_editable_set_text (vl_account_group_get_secret_editable (group),
                         VL_DEMO_API_SECRET);
  run_account_action (group, "account.save");
  g_assert_cmpint (vl_account_group_get_status_kind (group), ==,
                   VL_ACCOUNT_STATUS_SUCCESS);
  g_assert_false (vl_application_get_session_credentials (app,
                                                          VL_ENVIRONMENT_CUSTOM,
                                                          NULL, NULL));
  /* The refusal was about the old secret: it goes with it. */
  g_assert_null (vl_window_get_request_error (fixture->window));
  g_assert_false (gtk_widget_get_visible (button));
  close_preferences ();

  start_call (fixture);
  wait_until (window_has_call, fixture->window);
  settle ();
  g_assert_null (vl_window_get_request_error (fixture->window));
  call = vl_call_view_get_call (vl_window_get_call_view (fixture->window));
  g_assert_cmpstr (vl_call_get_environment (call), ==, "custom");

  /* Forgetting takes them away from the keyring and from the client. */
  group = open_account (fixture, VL_ENVIRONMENT_CUSTOM);
  run_account_action (group, "account.forget");
  g_assert_cmpint (vl_account_group_get_status_kind (group), ==,
                   VL_ACCOUNT_STATUS_SUCCESS);
  g_assert_false (vl_client_has_credentials (vl_application_get_client (app)));
  g_assert_cmpstr (key_text (group), ==, "");
}

static void
test_keyring_save_reload (Fixture       *fixture,
                          gconstpointer  data)
{
  VlAccountGroup *group;
  GtkWidget *button;

  group = open_account (fixture, VL_ENVIRONMENT_TESTING);
  g_assert_null (vl_account_group_get_keyring_problem (group));
  g_assert_cmpstr (key_text (group), ==, "");
  button = vl_account_group_get_save_button (group);
  g_assert_false (gtk_widget_get_sensitive (button));
  /* Nothing stored, typed or in use: nothing to forget */
  wait_until (group_is_idle, group);
  g_assert_false (gtk_widget_get_sensitive (
    vl_account_group_get_forget_button (group)));

  type_credentials (group, "key-1", " secret-1 ");
  g_assert_true (gtk_widget_get_sensitive (
    vl_account_group_get_forget_button (group)));
  run_account_action (group, "account.save");
  g_assert_cmpint (vl_account_group_get_status_kind (group), ==,
                   VL_ACCOUNT_STATUS_SUCCESS);
  g_assert_cmpstr (vl_account_group_get_status (group), ==,
                   "Saved in the keyring");
  close_preferences ();

  /* The client of that environment finds them in the keyring. */
  set_environment ("testing");
  wait_until (client_has_credentials, NULL);

  /* Preferences fill them in from the keyring. */
  group = open_account (fixture, VL_ENVIRONMENT_TESTING);
  g_assert_cmpstr (key_text (group), ==, "key-1");
  g_assert_cmpstr (secret_text (group), ==, "secret-1");

  g_assert_true (gtk_widget_get_sensitive (
    vl_account_group_get_forget_button (group)));
  run_account_action (group, "account.forget");
  g_assert_false (client_has_credentials (NULL));
  g_assert_false (gtk_widget_get_sensitive (
    vl_account_group_get_forget_button (group)));
  close_preferences ();

  group = open_account (fixture, VL_ENVIRONMENT_TESTING);
  g_assert_cmpstr (key_text (group), ==, "");
  g_assert_cmpstr (secret_text (group), ==, "");
}

/* Closing Preferences does not drop a key and secret typed and not
 * saved without asking; once saved, it closes at once.
 */
static void
test_unsaved_credentials (Fixture       *fixture,
                          gconstpointer  data)
{
  VlAccountGroup *group = open_account (fixture, VL_ENVIRONMENT_PRODUCTION);
  VlPreferencesWindow *preferences = find_preferences ();
  AdwMessageDialog *dialog;
  GtkWidget *focus;

  /* What the keyring filled in is no change. */
  g_assert_false (vl_account_group_has_unsaved_credentials (group));
  gtk_window_close (GTK_WINDOW (preferences));
  settle ();
  g_assert_null (find_preferences ());

  group = open_account (fixture, VL_ENVIRONMENT_PRODUCTION);
  preferences = find_preferences ();
  type_credentials (group, "key-2", "secret-2");
  g_assert_true (vl_account_group_has_unsaved_credentials (group));

  gtk_window_close (GTK_WINDOW (preferences));
  settle ();
  g_assert_true (find_preferences () == preferences);
  dialog = vl_preferences_window_get_unsaved_dialog (preferences);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Discard the Key and Secret?");

  /* Keep Editing goes back to the fields, as typed. */
  adw_message_dialog_response (dialog, "cancel");
  settle ();
  g_assert_true (find_preferences () == preferences);
  g_assert_cmpstr (key_text (group), ==, "key-2");
  focus = gtk_root_get_focus (GTK_ROOT (preferences));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (group)));

  /* Discard closes; nothing was stored. */
  gtk_window_close (GTK_WINDOW (preferences));
  settle ();
  dialog = vl_preferences_window_get_unsaved_dialog (preferences);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  settle ();
  g_assert_null (find_preferences ());

  group = open_account (fixture, VL_ENVIRONMENT_PRODUCTION);
  g_assert_cmpstr (key_text (group), ==, "");

  /* Saved, they close without a question. */
  type_credentials (group, "key-2", "secret-2");
  run_account_action (group, "account.save");
  g_assert_false (vl_account_group_has_unsaved_credentials (group));
  gtk_window_close (GTK_WINDOW (find_preferences ()));
  settle ();
  g_assert_null (find_preferences ());

  group = open_account (fixture, VL_ENVIRONMENT_PRODUCTION);
  run_account_action (group, "account.forget");
  close_preferences ();
}

static void
test_no_keyring (Fixture       *fixture,
                 gconstpointer  data)
{
  VlPreferencesWindow *preferences;
  VlAccountGroup *group;
  GtkWidget *keep;
  GtkWidget *button;
  const char *problem;
  VlCall *call;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  /* main() left this process without a session bus. */
  use_backend_as_custom ();
  set_environment ("custom");
  wait_until (has_credentials_problem, NULL);

  /* The window says so plainly, and leads to the fix. */
  problem = vl_application_get_credentials_problem (app);
  g_assert_nonnull (strstr (problem, "The keyring cannot be used"));
  g_assert_cmpstr (vl_window_get_request_error (fixture->window), ==, problem);
  button = vl_window_get_preferences_button (fixture->window);
  g_assert_true (gtk_widget_get_visible (button));

  g_signal_emit_by_name (button, "clicked");
  settle ();
  preferences = find_preferences ();
  g_assert_nonnull (preferences);
  group = vl_preferences_window_get_group (preferences,
                                           VL_ENVIRONMENT_CUSTOM);
  wait_until (group_is_idle, group);

  g_assert_nonnull (strstr (vl_account_group_get_keyring_problem (group),
                            "The keyring cannot be used"));
  keep = vl_account_group_get_keep_button (group);
  g_assert_true (gtk_widget_is_visible (keep));
  g_assert_false (gtk_widget_get_sensitive (keep));

  /* Saving cannot work... */
  type_credentials (group, VL_DEMO_API_KEY, VL_DEMO_API_SECRET);
  run_account_action (group, "account.save");
  g_assert_cmpint (vl_account_group_get_status_kind (group), ==,
                   VL_ACCOUNT_STATUS_ERROR);
  g_assert_nonnull (vl_account_group_get_keyring_problem (group));
  g_assert_false (vl_application_get_session_credentials (app,
                                                          VL_ENVIRONMENT_CUSTOM,
                                                          NULL, NULL));

  /* ...keeping them in memory does. */
  g_assert_true (gtk_widget_get_sensitive (keep));
  g_signal_emit_by_name (keep, "clicked");
  g_assert_cmpint (vl_account_group_get_status_kind (group), ==,
                   VL_ACCOUNT_STATUS_SUCCESS);
  g_assert_true (vl_application_get_session_credentials (app,
                                                         VL_ENVIRONMENT_CUSTOM,
                                                         NULL, NULL));
  g_assert_true (client_has_credentials (NULL));
  g_assert_null (vl_application_get_credentials_problem (app));
  g_assert_null (vl_window_get_request_error (fixture->window));
  close_preferences ();

  start_call (fixture);
  wait_until (window_has_call, fixture->window);
  settle ();
  g_assert_null (vl_window_get_request_error (fixture->window));
  call = vl_call_view_get_call (vl_window_get_call_view (fixture->window));
  g_assert_cmpstr (vl_call_get_environment (call), ==, "custom");
}

/* The window's options are checked before anything opens. */
/* The about window and the window list show the application's icon
 * even when it is run from the build folder, not installed.
 */
static void
test_application_icon (void)
{
  GtkIconTheme *theme;
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_assert_true (gtk_icon_theme_has_icon (theme, APPLICATION_ID));

  icon = gtk_icon_theme_lookup_icon (theme, APPLICATION_ID, NULL, 128, 1,
                                     GTK_TEXT_DIR_NONE, 0);
  file = gtk_icon_paintable_get_file (icon);
  g_assert_nonnull (file);
  uri = g_file_get_uri (file);
  g_assert_cmpstr (uri, ==,
                   "resource:///io/github/visionlive/Launcher/icons/"
                   "scalable/apps/" APPLICATION_ID ".svg");
}

static void
test_command_line (void)
{
  struct {
    const char *args[7];
    const char *message;
  } cases[] = {
    { { "--environment", "nowhere" }, "Unknown environment “nowhere”" },
    { { "--demo", "--environment", "production" }, "contradict" },
    { { "--environment", "testing", "--graphql-url", "https://a/graphql",
        "--token-url", "https://a/token" }, "go with --environment custom" },
    { { "--environment", "custom", "--graphql-url", "https://a/graphql" },
      "go together" },
    { { "--environment", "custom", "--graphql-url",
        "http://example.com/graphql", "--token-url", "https://a/token" },
      "is not encrypted" },
  };

  if (vision_live_exe == NULL)
    {
      g_test_skip ("No vision-live program given");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *output = NULL;
      g_autofree char *errors = NULL;

      g_ptr_array_add (argv, (char *)vision_live_exe);
      for (guint j = 0; cases[i].args[j] != NULL; j++)
        g_ptr_array_add (argv, (char *)cases[i].args[j]);
      g_ptr_array_add (argv, NULL);

      process = g_subprocess_newv ((const char * const *)argv->pdata,
                                   G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                   G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                   &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (process, NULL, NULL, &output, &errors,
                                     &error);
      g_assert_no_error (error);

      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
      g_assert_nonnull (strstr (errors, cases[i].message));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_log_set_writer_func (write_log, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  /* Out of the TAP stream, whatever G_MESSAGES_DEBUG turns on */
  g_log_writer_default_set_use_stderr (TRUE);

  /* Before anything touches D-Bus: the subprocess has no bus at all, as
   * on a headless machine; the main process has a keyring of its own.
   */
  if (g_test_subprocess ())
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent", TRUE);
  else
    test_keyring_start ();

  if (argc > 1)
    vision_live_exe = argv[1];

  /* The private bus would start an accessibility registry that writes
   * to standard output, which is TAP here; and without a shader cache,
   * which the test's folders do not have, every window would compile
   * the GL renderer's shaders again. Neither is what is tested.
   */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  if (!gtk_init_check ())
    {
      /* Print the TAP plan by hand: there is no display to test with. */
      /* Under TAP, a plan of no tests with SKIP is a skip; exit 77
       * would count as an error. */
      printf ("1..0 # SKIP no display to open windows on\n");
      return 0;
    }

  adw_init ();

  backend = vl_demo_backend_new ();
  if (!vl_demo_backend_start (backend, &error))
    g_error ("Could not start the demo backend: %s", error->message);

  app = vl_application_new ();

  /* Never unique: a test must not find or become another instance. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Could not register the application: %s", error->message);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/preferences/environment-pill", test_environment_pill);
  ADD_TEST ("/preferences/switch-cancels-request",
            test_switch_cancels_request);
  ADD_TEST ("/preferences/custom-refused", test_custom_refused);
  ADD_TEST ("/preferences/test-connection", test_test_connection);
  ADD_TEST ("/preferences/not-authorized", test_not_authorized);
  ADD_TEST ("/preferences/keyring-save-reload", test_keyring_save_reload);
  ADD_TEST ("/preferences/unsaved-credentials", test_unsaved_credentials);
  ADD_TEST ("/preferences/no-keyring", test_no_keyring);

#undef ADD_TEST

  g_test_add_func ("/preferences/command-line", test_command_line);
  g_test_add_func ("/preferences/application-icon", test_application_icon);

  status = g_test_run ();

  g_clear_object (&app);
  g_clear_object (&backend);

  return status;
}

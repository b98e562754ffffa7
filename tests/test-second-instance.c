/* test-second-instance.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A second launch of the real program hands what it was asked for to the
 * instance already running, as the desktop's scheme handler and "New
 * Call" action rely on. Runs inside its own D-Bus session (see
 * meson.build): the test owns the application's name itself, standing in
 * for the running window, and records what reaches it. What the window
 * then does is test-window's business.
 */

#include "config.h"

#include <string.h>
#include <gio/gio.h>

#define TIMEOUT_SECONDS 15

#define LINK \
  "vision-live:prepare?sms=2223334444&email=tech%40example.com" \
  "&namespace=acme&id=WO-1&metadata=%7B%22key%22%3A%22VALUE%22%7D"

/* The stand-in for the running instance, registered once for the whole
 * program, and what it was asked for since the last test began.
 */
static GApplication *primary;
static GPtrArray *opened;
static guint new_calls;

static const char *vision_live_exe;

typedef struct
{
  gboolean  done;
  char     *output;
  char     *errors;
  int       status;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->output, g_free);
  g_clear_pointer (&run->errors, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
on_open (GApplication  *application,
         GFile        **files,
         int            n_files,
         const char    *hint,
         gpointer       user_data)
{
  for (int i = 0; i < n_files; i++)
    g_ptr_array_add (opened, g_file_get_uri (files[i]));
}

static void
on_new_call (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  new_calls++;
}

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop, which answers the second instance, until
 * @condition holds, failing after a while.
 */
static void
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () +
                    TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for the second instance");

      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static gboolean
run_is_done (gpointer data)
{
  Run *run = data;

  return run->done;
}

static gboolean
has_new_call (gpointer data)
{
  return new_calls > 0;
}

static gboolean
has_opened (gpointer data)
{
  return opened->len > 0;
}

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GSubprocess *process = G_SUBPROCESS (source);
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (process, result, &run->output,
                                        &run->errors, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  run->done = TRUE;
}

/* Starts the program with @args and waits for it to exit, answering
 * whatever it asks of the running instance meanwhile.
 */
static void
run_second_instance (Run                *run,
                     const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (char *) vision_live_exe);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* The tests check that it says nothing but what it should: debug
   * messages, which the suite may turn on, would be said too.
   */
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  process = g_subprocess_launcher_spawnv (launcher,
                                          (const char * const *) argv->pdata,
                                          &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (process, NULL, NULL,
                                       on_communicated, run);
  wait_until (run_is_done, run);

  g_test_message ("Exit status %d; output: %s; errors: %s", run->status,
                  run->output, run->errors);
}

/* Gives a message that should not come a chance to arrive. */
static void
settle (void)
{
  for (guint i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Forgets what earlier tests asked for; says whether there is a program
 * to test.
 */
static gboolean
begin_test (void)
{
  g_ptr_array_set_size (opened, 0);
  new_calls = 0;

  if (vision_live_exe != NULL)
    return TRUE;

  g_test_skip ("No vision-live program given");
  return FALSE;
}

static void
test_new_call (void)
{
  const char * const args[] = { "--new-call", NULL };
  g_auto(Run) run = { FALSE, };

  if (!begin_test ())
    return;

  run_second_instance (&run, args);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.output, ==, "");
  g_assert_cmpstr (run.errors, ==, "");
  wait_until (has_new_call, NULL);
  settle ();
  g_assert_cmpuint (new_calls, ==, 1);
  g_assert_cmpuint (opened->len, ==, 0);
}

static void
test_new_call_environment (void)
{
  const char * const args[] = {
    "--environment", "testing", "--new-call", NULL
  };
  g_auto(Run) run = { FALSE, };

  if (!begin_test ())
    return;

  run_second_instance (&run, args);

  /* The running window keeps its environment, and says so. */
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.errors, "already running"));
  wait_until (has_new_call, NULL);
  settle ();
  g_assert_cmpuint (new_calls, ==, 1);
}

static void
test_open_link (void)
{
  const char * const args[] = { LINK, NULL };
  g_auto(Run) run = { FALSE, };

  if (!begin_test ())
    return;

  run_second_instance (&run, args);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.output, ==, "");
  g_assert_cmpstr (run.errors, ==, "");
  wait_until (has_opened, NULL);
  settle ();

  /* The link arrives as it was given, for the window to check. */
  g_assert_cmpuint (opened->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (opened, 0), ==, LINK);
  g_assert_cmpuint (new_calls, ==, 0);
}

static void
test_not_a_link (void)
{
  const char * const args[] = { "http://example.com/", NULL };
  g_auto(Run) run = { FALSE, };

  if (!begin_test ())
    return;

  run_second_instance (&run, args);

  /* Taken for a command, and refused without a window. */
  g_assert_cmpint (run.status, ==, 2);
  settle ();
  g_assert_cmpuint (opened->len, ==, 0);
  g_assert_cmpuint (new_calls, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSimpleAction) action = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* Out of the TAP stream, whatever G_MESSAGES_DEBUG turns on */
  g_log_writer_default_set_use_stderr (TRUE);

  if (argc > 1)
    vision_live_exe = argv[1];

  /* Only on a bus of the test's own: it takes the application's name. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_printerr ("Run this test under dbus-run-session\n");
      return 1;
    }

  opened = g_ptr_array_new_with_free_func (g_free);

  primary = g_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN);
  g_signal_connect (primary, "open", G_CALLBACK (on_open), NULL);
  action = g_simple_action_new ("new-call", NULL);
  g_signal_connect (action, "activate", G_CALLBACK (on_new_call), NULL);
  g_action_map_add_action (G_ACTION_MAP (primary), G_ACTION (action));

  if (!g_application_register (primary, NULL, &error))
    g_error ("Could not register the application: %s", error->message);
  if (g_application_get_is_remote (primary))
    g_error ("Another instance already runs on this bus");

  g_test_add_func ("/second-instance/new-call", test_new_call);
  g_test_add_func ("/second-instance/new-call-environment",
                   test_new_call_environment);
  g_test_add_func ("/second-instance/open-link", test_open_link);
  g_test_add_func ("/second-instance/not-a-link", test_not_a_link);

  status = g_test_run ();

  g_clear_object (&primary);
  g_clear_pointer (&opened, g_ptr_array_unref);

  return status;
}

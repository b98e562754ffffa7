/* bench-browser.c: from a click on Start Call to the browser, beside the
 * bare HTTP round trip
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: build-aux/bench-performance runs it under Xvfb. It shows
 * the real window against the built-in demo backend, fills in the
 * integration guide's example and clicks Start Call, timing until the
 * window hands the call's link to the URI opener. Between clicks it
 * sends the same request body to the same backend with a plain
 * SoupSession, timed the same way from the same main loop. It prints
 * one line per run and one of medians:
 *
 *   click_ms=...  http_ms=...
 *
 *   bench-browser [--runs N]
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gtk/gtk.h>
#include <libsoup/soup.h>

#include "bench-util.h"
#include "vl-application.h"
#include "vl-window-private.h"

#define TIMEOUT_SECONDS 15

typedef gboolean (*Condition) (gpointer data);

static gint64 handed_over_at;

static gboolean
record_hand_over (const char  *uri,
                  gpointer     user_data,
                  GError     **error)
{
  handed_over_at = g_get_monotonic_time ();
  return TRUE;
}

static void
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () +
                    TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out");
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
is_handed_over (gpointer data)
{
  return handed_over_at != 0;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
is_not_busy (gpointer data)
{
  return !vl_window_get_busy (data);
}

static void
fill_guide_example (VlWindow *window)
{
  VlInvitationRow *row = vl_window_get_invitation (window, 0);

  vl_invitation_row_set_text (row, "(222) 333-4444");
  gtk_editable_set_text (vl_window_get_namespace_editable (window),
                         "anamespace");
  gtk_editable_set_text (vl_window_get_work_order_id_editable (window),
                         "INTEG_ID");
  vl_metadata_editor_add_field (vl_window_get_metadata_editor (window),
                                "key", "VALUE");
}

/* A click on the button, which is what a dispatcher does. Not
 * gtk_widget_activate(): that is the keyboard's activation, which shows
 * the button pressed for a quarter of a second before "clicked".
 */
static double
click_start (VlWindow *window)
{
  gint64 clicked;

  wait_until (is_not_busy, window);
  handed_over_at = 0;
  clicked = g_get_monotonic_time ();
  g_signal_emit_by_name (vl_window_get_start_button (window), "clicked");
  wait_until (is_handed_over, NULL);

  return (handed_over_at - clicked) / 1000.0;
}

/* The bare round trip, timed as the click is. */
static double
time_bare (SoupSession *session,
           const char  *url,
           const char  *token,
           GBytes      *body)
{
  gint64 started = g_get_monotonic_time ();

  bench_send_bare (session, url, token, body);

  return (g_get_monotonic_time () - started) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  guint n_runs = 20;
  g_autoptr(VlApplication) app = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *clicks = NULL;
  g_autofree double *bare = NULL;
  g_autofree char *token = NULL;
  VlDemoBackend *backend;
  VlWindow *window;
  char *text;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--runs") == 0 && i + 1 < argc)
        n_runs = (guint)atoi (argv[++i]);
      else
        {
          fprintf (stderr, "Usage: bench-browser [--runs N]\n");
          return 2;
        }
    }
  if (n_runs == 0)
    return 2;

  gtk_init ();

  app = vl_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) |
                           G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Could not register the application: %s", error->message);

  backend = vl_application_get_demo_backend (app);
  if (backend == NULL)
    g_error ("The demo backend did not start");

  vl_application_set_uri_handler (app, record_hand_over, NULL);
  window = vl_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (is_mapped, window);

  fill_guide_example (window);

  /* The first click fetches the token and opens the connection. */
  click_start (window);
  token = g_strdup (vl_demo_backend_get_last_authorization (backend));
  session = bench_bare_session_new ();

  /* Word for word what the window sent. */
  text = g_strdup (vl_demo_backend_get_last_request_body (backend));
  body = g_bytes_new_take (text, strlen (text));
  bench_send_bare (session, vl_demo_backend_get_graphql_url (backend), token,
                   body);

  clicks = g_new (double, n_runs);
  bare = g_new (double, n_runs);
  for (guint i = 0; i < n_runs; i++)
    {
      clicks[i] = click_start (window);
      bare[i] = time_bare (session,
                           vl_demo_backend_get_graphql_url (backend),
                           token, body);
      printf ("run %u: click_ms=%.2f http_ms=%.2f\n", i + 1, clicks[i],
              bare[i]);
    }

  printf ("median: click_ms=%.2f http_ms=%.2f\n", bench_median (clicks, n_runs),
          bench_median (bare, n_runs));
  fflush (stdout);

  explicit_bzero (token, strlen (token));
  vl_application_set_uri_handler (app, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));

  return 0;
}

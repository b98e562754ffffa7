/* watch-window.c: when a program's window is first shown, and what it
 * costs once shown
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: build-aux/bench-performance runs it. It watches the X
 * server for the first top-level window that the program maps, which is
 * the same event for any X11 client, so that programs built with any
 * toolkit compare fairly. It prints one line of figures:
 *
 *   shown_ms=...  rss_kb=...  [idle_cpu_ms=...  idle_wakeups=...
 *                              late_cpu_ms=...  late_wakeups=...]
 *
 *   watch-window [--rss-after MS] [--idle SECONDS] -- PROGRAM [ARG...]
 *
 * shown_ms runs from just before exec to the MapNotify of a window whose
 * _NET_WM_PID is the program's; rss_kb is read MS (1000) milliseconds
 * after that; idle_* count what the program does in the SECONDS after
 * that with nothing happening on screen: CPU time and voluntary context
 * switches (each one a thread going back to sleep after a wake-up),
 * summed over its threads; late_* the same from 10 s on, once GTK has
 * stopped blinking the cursor of a focused entry.
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <glib.h>

#define MAP_TIMEOUT_MS 30000
/* GTK stops blinking the text cursor 10 s after the last key press
 * (gtk-cursor-blink-timeout), which is a frame every 16 ms until then.
 */
#define BLINK_SECONDS  10

static gint64
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);

  return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
window_has_pid (Display *display,
                Window   window,
                pid_t    pid)
{
  Atom pid_atom = XInternAtom (display, "_NET_WM_PID", False);
  Atom type;
  int format;
  unsigned long n_items, after;
  unsigned char *data = NULL;
  gboolean matches = FALSE;

  if (XGetWindowProperty (display, window, pid_atom, 0, 1, False,
                          XA_CARDINAL, &type, &format, &n_items, &after,
                          &data) == Success &&
      data != NULL && format == 32 && n_items == 1)
    matches = *(unsigned long *)data == (unsigned long)pid;

  if (data != NULL)
    XFree (data);

  return matches;
}

/* Waits for the program's first top-level map; FALSE if it never comes. */
static gboolean
wait_for_map (Display *display,
              pid_t    pid)
{
  gint64 deadline = now_us () + MAP_TIMEOUT_MS * 1000;
  struct pollfd fd = { .fd = ConnectionNumber (display), .events = POLLIN };
  XEvent event;

  for (;;)
    {
      while (XPending (display) > 0)
        {
          XNextEvent (display, &event);
          if (event.type == MapNotify &&
              !event.xmap.override_redirect &&
              window_has_pid (display, event.xmap.window, pid))
            return TRUE;
        }

      if (now_us () > deadline ||
          waitpid (pid, NULL, WNOHANG) == pid)
        return FALSE;

      poll (&fd, 1, 100);
    }
}

static long
read_status_field (const char *path,
                   const char *field)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return -1;

  line = strstr (text, field);
  if (line == NULL)
    return -1;

  return strtol (line + strlen (field), NULL, 10);
}

/* CPU time in clock ticks (utime + stime) of @pid, and the voluntary
 * switches of each of its threads by thread id.
 */
static GHashTable *
read_activity (pid_t  pid,
               long  *ticks)
{
  g_autofree char *stat_path = g_strdup_printf ("/proc/%d/stat", (int)pid);
  g_autofree char *task_path = g_strdup_printf ("/proc/%d/task", (int)pid);
  g_autofree char *text = NULL;
  g_autoptr(GDir) dir = NULL;
  GHashTable *switches = g_hash_table_new (NULL, NULL);
  const char *name;
  unsigned long utime = 0, stime = 0;

  *ticks = 0;

  /* The command name may hold spaces: the fields start after its ")". */
  if (g_file_get_contents (stat_path, &text, NULL, NULL) &&
      strrchr (text, ')') != NULL &&
      sscanf (strrchr (text, ')') + 2,
              "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
              &utime, &stime) == 2)
    *ticks = (long)(utime + stime);

  dir = g_dir_open (task_path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (task_path, name, "status",
                                                NULL);
      long count = read_status_field (path, "\nvoluntary_ctxt_switches:");

      if (count >= 0)
        g_hash_table_insert (switches, GINT_TO_POINTER (atoi (name)),
                             GSIZE_TO_POINTER ((gsize)count));
    }

  return switches;
}

/* The switches between two readings: a thread that ended in between
 * takes its count away with it, and one that started counts whole.
 */
static long
count_switches (GHashTable *before,
                GHashTable *after)
{
  GHashTableIter iter;
  gpointer tid, count;
  long total = 0;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &tid, &count))
    {
      gsize earlier = GPOINTER_TO_SIZE (g_hash_table_lookup (before, tid));

      total += (long)(GPOINTER_TO_SIZE (count) - MIN (earlier,
                                                      GPOINTER_TO_SIZE (count)));
    }

  return total;
}

static long
ticks_to_ms (long ticks)
{
  return ticks * 1000 / sysconf (_SC_CLK_TCK);
}

static void
stop_program (pid_t pid)
{
  kill (pid, SIGTERM);
  for (int i = 0; i < 40; i++)
    {
      if (waitpid (pid, NULL, WNOHANG) == pid)
        return;
      g_usleep (50 * 1000);
    }
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
}

int
main (int   argc,
      char *argv[])
{
  int rss_after_ms = 1000;
  int idle_seconds = 0;
  Display *display;
  gint64 started, shown;
  g_autofree char *status_path = NULL;
  pid_t pid;
  int first = 1;

  for (; first < argc; first++)
    {
      if (strcmp (argv[first], "--rss-after") == 0 && first + 1 < argc)
        rss_after_ms = atoi (argv[++first]);
      else if (strcmp (argv[first], "--idle") == 0 && first + 1 < argc)
        idle_seconds = atoi (argv[++first]);
      else if (strcmp (argv[first], "--") == 0)
        {
          first++;
          break;
        }
      else
        break;
    }

  if (first >= argc)
    {
      fprintf (stderr, "Usage: watch-window [--rss-after MS] "
                       "[--idle SECONDS] -- PROGRAM [ARG...]\n");
      return 2;
    }

  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      fprintf (stderr, "watch-window: no X display\n");
      return 1;
    }

  /* Listening before the program starts, so no map goes unseen. */
  XSelectInput (display, DefaultRootWindow (display),
                SubstructureNotifyMask);
  XSync (display, False);

  started = now_us ();
  pid = fork ();
  if (pid < 0)
    {
      perror ("watch-window: fork");
      return 1;
    }
  if (pid == 0)
    {
      close (ConnectionNumber (display));
      execvp (argv[first], argv + first);
      fprintf (stderr, "watch-window: %s: %s\n", argv[first],
               strerror (errno));
      _exit (127);
    }

  if (!wait_for_map (display, pid))
    {
      fprintf (stderr, "watch-window: %s showed no window\n", argv[first]);
      stop_program (pid);
      return 1;
    }
  shown = now_us ();

  g_usleep ((gulong)rss_after_ms * 1000);
  status_path = g_strdup_printf ("/proc/%d/status", (int)pid);
  printf ("shown_ms=%.1f rss_kb=%ld", (shown - started) / 1000.0,
          read_status_field (status_path, "\nVmRSS:"));

  if (idle_seconds > 0)
    {
      int early = MIN (idle_seconds, BLINK_SECONDS);
      long ticks[3];
      g_autoptr(GHashTable) start = read_activity (pid, &ticks[0]);
      g_autoptr(GHashTable) middle = NULL;
      g_autoptr(GHashTable) end = NULL;

      g_usleep ((gulong)early * G_USEC_PER_SEC);
      middle = read_activity (pid, &ticks[1]);
      g_usleep ((gulong)(idle_seconds - early) * G_USEC_PER_SEC);
      end = read_activity (pid, &ticks[2]);

      printf (" idle_cpu_ms=%ld idle_wakeups=%ld"
              " late_cpu_ms=%ld late_wakeups=%ld",
              ticks_to_ms (ticks[2] - ticks[0]),
              count_switches (start, middle) + count_switches (middle, end),
              ticks_to_ms (ticks[2] - ticks[1]),
              count_switches (middle, end));
    }

  printf ("\n");
  fflush (stdout);

  stop_program (pid);
  XCloseDisplay (display);

  return 0;
}

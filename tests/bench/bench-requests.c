/* bench-requests.c: what the client adds to a request, beside curl
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: build-aux/bench-performance runs it. The demo backend runs
 * in a thread of its own; the client sends it N prepareVisionLiveCall
 * requests in sequence over one kept-alive connection, then a bare
 * SoupSession sends the same N bodies (libsoup alone, the floor of any
 * libsoup client), then curl sends them over one connection of its own,
 * and so on for a few rounds, alternating. It prints one line per round
 * and one of medians:
 *
 *   client_ms=... client_cpu_us=... soup_ms=... soup_cpu_us=...
 *   curl_ms=... curl_cpu_us=...
 *
 * where *_cpu_us is CPU time per request on the sending side (the
 * process less the server thread; curl's process).
 *
 *   bench-requests [--requests N] [--rounds N] [--curl PROGRAM]
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "bench-util.h"
#include "vl-client.h"
#include "vl-demo-backend.h"
#include "vl-graphql.h"
#include "vl-json.h"
#include "test-util.h"

typedef struct
{
  GMutex         lock;
  GCond          cond;
  GMainContext  *context;
  GMainLoop     *loop;
  VlDemoBackend *backend;
  clockid_t      cpu_clock;
  gboolean       ready;
} Server;

typedef struct
{
  VlCall *call;
  GError *error;
  gboolean done;
} Result;

typedef struct
{
  double client_ms;
  double client_cpu_us;
  double soup_ms;
  double soup_cpu_us;
  double curl_ms;
  double curl_cpu_us;
} Round;

static gint64
cpu_us (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);

  return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gint64
rusage_us (int who)
{
  struct rusage usage;

  getrusage (who, &usage);

  return (gint64)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) *
         G_USEC_PER_SEC + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

static gpointer
serve (gpointer user_data)
{
  Server *server = user_data;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (server->context);

  /* No storage folder: the calls stay in memory, as no disk is timed. */
  server->backend = vl_demo_backend_new ();
  if (!vl_demo_backend_start (server->backend, &error))
    g_error ("The demo backend did not start: %s", error->message);

  pthread_getcpuclockid (pthread_self (), &server->cpu_clock);

  g_mutex_lock (&server->lock);
  server->ready = TRUE;
  g_cond_signal (&server->cond);
  g_mutex_unlock (&server->lock);

  g_main_loop_run (server->loop);

  g_clear_object (&server->backend);
  g_main_context_pop_thread_default (server->context);

  return NULL;
}

static void
on_prepared (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Result *out = user_data;

  out->call = vl_client_prepare_call_finish (VL_CLIENT (source), result,
                                             &out->error);
  out->done = TRUE;
}

static void
prepare_one (VlClient *client,
             VlCall   *draft)
{
  Result result = { NULL, NULL, FALSE };

  vl_client_prepare_call_async (client, draft, NULL, on_prepared, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);

  if (result.call == NULL)
    g_error ("The request failed: %s", result.error->message);
  g_object_unref (result.call);
}

/* One curl run: every request of the config file over one connection. */
static void
run_curl (const char *curl,
          const char *config,
          double     *wall_ms,
          double     *cpu_total_us)
{
  gint64 started = g_get_monotonic_time ();
  gint64 cpu_before = rusage_us (RUSAGE_CHILDREN);
  int status;
  pid_t pid;

  pid = fork ();
  if (pid == 0)
    {
      execlp (curl, curl, "--silent", "--show-error", "--fail",
              "--config", config, NULL);
      perror ("bench-requests: curl");
      _exit (127);
    }

  if (pid < 0 || waitpid (pid, &status, 0) != pid ||
      !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("curl failed");

  *wall_ms = (g_get_monotonic_time () - started) / 1000.0;
  *cpu_total_us = rusage_us (RUSAGE_CHILDREN) - cpu_before;
}

/* The curl config: the same body, headers and address as the client's,
 * N times. The token is in it: the file is the user's alone and removed
 * at the end.
 */
static char *
write_curl_config (const char *folder,
                   const char *url,
                   const char *token,
                   const char *body,
                   guint       n_requests)
{
  g_autofree char *body_path = g_build_filename (folder, "body.json", NULL);
  char *config_path = g_build_filename (folder, "curl.conf", NULL);
  g_autoptr(GString) config = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents_full (body_path, body, -1,
                                 G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_error ("%s", error->message);

  for (guint i = 0; i < n_requests; i++)
    {
      if (i > 0)
        g_string_append (config, "next\n");
      g_string_append_printf (config,
                              "url = \"%s\"\n"
                              "header = \"Content-Type: application/json\"\n"
                              "header = \"Accept: application/json\"\n"
                              "header = \"Authorization: %s\"\n"
                              "data-binary = \"@%s\"\n"
                              "output = \"/dev/null\"\n",
                              url, token, body_path);
    }

  if (!g_file_set_contents_full (config_path, config->str, config->len,
                                 G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_error ("%s", error->message);

  explicit_bzero (config->str, config->len);

  return config_path;
}

static double
median (Round  *rounds,
        guint   n_rounds,
        gsize   offset)
{
  g_autofree double *values = g_new (double, n_rounds);

  for (guint i = 0; i < n_rounds; i++)
    values[i] = G_STRUCT_MEMBER (double, &rounds[i], offset);

  return bench_median (values, n_rounds);
}

static void
print_round (const char *label,
             Round      *round)
{
  printf ("%s client_ms=%.1f client_cpu_us=%.1f soup_ms=%.1f "
          "soup_cpu_us=%.1f curl_ms=%.1f curl_cpu_us=%.1f\n",
          label, round->client_ms, round->client_cpu_us, round->soup_ms,
          round->soup_cpu_us, round->curl_ms, round->curl_cpu_us);
}

int
main (int   argc,
      char *argv[])
{
  guint n_requests = 500;
  guint n_rounds = 5;
  const char *curl = "curl";
  Server server = { 0 };
  g_autoptr(GThread) thread = NULL;
  g_autoptr(VlClient) client = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GBytes) body_bytes = NULL;
  g_autoptr(VlCall) draft = example_draft ();
  g_autoptr(JsonNode) request = NULL;
  g_autofree char *body = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *config = NULL;
  g_autofree char *token = NULL;
  g_autofree Round *rounds = NULL;
  g_autoptr(GError) error = NULL;
  Round medians;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--requests") == 0 && i + 1 < argc)
        n_requests = (guint)atoi (argv[++i]);
      else if (strcmp (argv[i], "--rounds") == 0 && i + 1 < argc)
        n_rounds = (guint)atoi (argv[++i]);
      else if (strcmp (argv[i], "--curl") == 0 && i + 1 < argc)
        curl = argv[++i];
      else
        {
          fprintf (stderr, "Usage: bench-requests [--requests N] "
                           "[--rounds N] [--curl PROGRAM]\n");
          return 2;
        }
    }

  if (n_requests == 0 || n_rounds == 0)
    return 2;

  g_mutex_init (&server.lock);
  g_cond_init (&server.cond);
  server.context = g_main_context_new ();
  server.loop = g_main_loop_new (server.context, FALSE);
  thread = g_thread_new ("demo-backend", serve, &server);

  g_mutex_lock (&server.lock);
  while (!server.ready)
    g_cond_wait (&server.cond, &server.lock);
  g_mutex_unlock (&server.lock);

  client = vl_client_new ("demo",
                          vl_demo_backend_get_graphql_url (server.backend),
                          vl_demo_backend_get_token_url (server.backend));
  vl_client_set_credentials (client, VL_DEMO_API_KEY, VL_DEMO_API_SECRET);

  /* The token, the connection and every lazy type are there first: the
   * rounds measure requests alone.
   */
  prepare_one (client, draft);
  token = g_strdup (vl_demo_backend_get_last_authorization (server.backend));

  request = vl_graphql_build_prepare_request (draft);
  body = vl_json_to_string (request, FALSE);

  session = bench_bare_session_new ();
  body_bytes = g_bytes_new_static (body, strlen (body));
  bench_send_bare (session, vl_demo_backend_get_graphql_url (server.backend),
                   token, body_bytes);
  folder = g_dir_make_tmp ("bench-requests-XXXXXX", &error);
  if (folder == NULL)
    g_error ("%s", error->message);
  config = write_curl_config (folder,
                              vl_demo_backend_get_graphql_url (server.backend),
                              token, body, n_requests);

  rounds = g_new0 (Round, n_rounds);
  for (guint r = 0; r < n_rounds; r++)
    {
      g_autofree char *label = g_strdup_printf ("round %u:", r + 1);
      gint64 started = g_get_monotonic_time ();
      gint64 cpu_before = rusage_us (RUSAGE_SELF);
      gint64 server_before = cpu_us (server.cpu_clock);
      double curl_cpu;

      for (guint i = 0; i < n_requests; i++)
        prepare_one (client, draft);

      rounds[r].client_ms = (g_get_monotonic_time () - started) / 1000.0;
      rounds[r].client_cpu_us =
        (double)(rusage_us (RUSAGE_SELF) - cpu_before -
                 (cpu_us (server.cpu_clock) - server_before)) / n_requests;

      started = g_get_monotonic_time ();
      cpu_before = rusage_us (RUSAGE_SELF);
      server_before = cpu_us (server.cpu_clock);

      for (guint i = 0; i < n_requests; i++)
        bench_send_bare (session,
                         vl_demo_backend_get_graphql_url (server.backend),
                         token, body_bytes);

      rounds[r].soup_ms = (g_get_monotonic_time () - started) / 1000.0;
      rounds[r].soup_cpu_us =
        (double)(rusage_us (RUSAGE_SELF) - cpu_before -
                 (cpu_us (server.cpu_clock) - server_before)) / n_requests;

      run_curl (curl, config, &rounds[r].curl_ms, &curl_cpu);
      rounds[r].curl_cpu_us = curl_cpu / n_requests;

      print_round (label, &rounds[r]);
    }

  medians.client_ms = median (rounds, n_rounds,
                              G_STRUCT_OFFSET (Round, client_ms));
  medians.client_cpu_us = median (rounds, n_rounds,
                                  G_STRUCT_OFFSET (Round, client_cpu_us));
  medians.soup_ms = median (rounds, n_rounds,
                            G_STRUCT_OFFSET (Round, soup_ms));
  medians.soup_cpu_us = median (rounds, n_rounds,
                                G_STRUCT_OFFSET (Round, soup_cpu_us));
  medians.curl_ms = median (rounds, n_rounds,
                            G_STRUCT_OFFSET (Round, curl_ms));
  medians.curl_cpu_us = median (rounds, n_rounds,
                                G_STRUCT_OFFSET (Round, curl_cpu_us));
  print_round ("median:", &medians);
  fflush (stdout);

  explicit_bzero (token, strlen (token));
  g_unlink (config);
  g_clear_pointer (&config, g_free);
  config = g_build_filename (folder, "body.json", NULL);
  g_unlink (config);
  g_rmdir (folder);

  g_main_loop_quit (server.loop);
  g_main_context_wakeup (server.context);
  g_thread_join (g_steal_pointer (&thread));
  g_main_loop_unref (server.loop);
  g_main_context_unref (server.context);

  return 0;
}

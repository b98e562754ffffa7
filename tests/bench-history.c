/* bench-history.c: the call history with 100 000 calls, beside an empty one
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: build-aux/bench-history runs it. It fills a history in a
 * child process, then measures an empty history and the full one, each in
 * a child of its own so that peak memory compares: once as the file was
 * left (in the page cache: the application started again), once with the
 * file dropped from the page cache first (as after a reboot). Then it
 * prints them side by side.
 *
 *   bench-history [--calls N] [--keep] [FOLDER]
 *
 * FOLDER (a new temporary folder under $XDG_CACHE_HOME by default) should
 * be on the disk the real history lives on: saves wait for it.
 */

#include "config.h"

#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "vl-history-model.h"
#include "vl-history.h"
#include "vl-json.h"

#define DEFAULT_CALLS 100000
#define BATCH         5000
/* Rows a window shows at once, and a page of the model. */
#define VISIBLE_ROWS  20
#define FIRST_PAGE    50
#define N_SAVES       50
/* The call whose recipient, id and work order are typed in the search. */
#define TYPED_CALL    4217

/* 2026-01-01T00:00:00Z; the calls go back from there, one every 15 min. */
#define END_TIME   (G_GINT64_CONSTANT (1767225600) * G_USEC_PER_SEC)
#define CALL_EVERY (G_GINT64_CONSTANT (15 * 60) * G_USEC_PER_SEC)

/* Made-up data with the shape of a busy dispatch office's. */
static const char * const first_names[] = {
  "Ana", "José", "Li", "Mohammed", "Zoë", "Søren", "Aiyana", "Nguyễn",
  "Olga", "Priya", "Chidi", "Mateo",
};
static const char * const last_names[] = {
  "Müller", "García", "Okafor", "Ólafsdóttir", "Kowalski", "Tanaka",
  "Smith", "Haddad", "Fernández", "Novak",
};
static const char * const cities[] = {
  "Springfield", "Shelbyville", "Québec", "Zürich", "São Paulo", "Kraków",
  "Dayton", "Austin",
};
static const char * const namespaces[] = {
  "servicetitan", "fieldedge", "acme-fsm", "workorders", "jobber",
  "housecall",
};
static const char * const notes[] = {
  "Customer reports the unit is not cooling; bring the ladder",
  "Second visit: compressor noise at start-up",
  "Gate code 4471, dog in the yard",
  "Water heater pilot keeps going out",
  "Check the breaker panel before going up",
  "Rooftop unit, crane booked for the afternoon",
};

static const char *
pick (GRand              *rand,
      const char * const *strings,
      guint               n_strings)
{
  return strings[g_rand_int_range (rand, 0, n_strings)];
}

#define PICK(rand, strings) pick (rand, strings, G_N_ELEMENTS (strings))

static char *
make_metadata (GRand *rand)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *technician = NULL;
  g_autofree char *site = NULL;
  const char *priorities[] = { "low", "normal", "normal", "high" };

  technician = g_strdup_printf ("%s %s", PICK (rand, first_names),
                                PICK (rand, last_names));
  site = g_strdup_printf ("%d Main Street, %s",
                          g_rand_int_range (rand, 1, 9999),
                          PICK (rand, cities));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "technician");
  json_builder_add_string_value (builder, technician);
  json_builder_set_member_name (builder, "site");
  json_builder_add_string_value (builder, site);
  json_builder_set_member_name (builder, "priority");
  json_builder_add_string_value (builder, PICK (rand, priorities));
  json_builder_set_member_name (builder, "notes");
  json_builder_add_string_value (builder, PICK (rand, notes));
  /* One call in twenty carries a long history of its own. */
  if (g_rand_int_range (rand, 0, 20) == 0)
    {
      g_autoptr(GString) log = g_string_new (NULL);

      while (log->len < 2000)
        g_string_append_printf (log, "%s. ", PICK (rand, notes));

      json_builder_set_member_name (builder, "log");
      json_builder_add_string_value (builder, log->str);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return vl_json_to_string (root, FALSE);
}

static void
add_invitation (JsonBuilder *builder,
                const char  *type,
                const char  *recipient)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  json_builder_set_member_name (builder, "recipient");
  json_builder_add_string_value (builder, recipient);
  json_builder_end_object (builder);
}

/* Call @number, always the same one: its data comes from a generator
 * seeded with the number.
 */
static VlCall *
make_call (guint  number,
           gint64 prepared_at)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (number + 1);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;
  g_autofree char *id = NULL;
  g_autofree char *link = NULL;
  g_autofree char *order = NULL;
  g_autofree char *metadata = NULL;
  guint n_invitations = g_rand_int_range (rand, 0, 10) < 7 ? 1
                        : g_rand_int_range (rand, 2, 4);
  guint environment = g_rand_int_range (rand, 0, 50);

  id = g_strdup_printf ("call-%08x%08x%08x%08x", g_rand_int (rand),
                        g_rand_int (rand), g_rand_int (rand),
                        g_rand_int (rand));
  link = g_strdup_printf ("https://vision.example.com/live/%s", id);
  order = g_strdup_printf ("WO-%06d", g_rand_int_range (rand, 0, 1000000));
  metadata = make_metadata (rand);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "invitations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_invitations; i++)
    {
      g_autofree char *recipient = NULL;

      if (g_rand_int_range (rand, 0, 10) < 7)
        {
          recipient = g_strdup_printf ("%d%07d",
                                       g_rand_int_range (rand, 200, 999),
                                       g_rand_int_range (rand, 0, 10000000));
          add_invitation (builder, "sms", recipient);
        }
      else
        {
          g_autofree char *name = g_ascii_strdown (PICK (rand, cities), -1);

          recipient = g_strdup_printf ("dispatch.%s%d@example.com",
                                       name, g_rand_int_range (rand, 0, 100));
          add_invitation (builder, "email", recipient);
        }
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "integrationEntityId");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "namespace");
  json_builder_add_string_value (builder, PICK (rand, namespaces));
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, order);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "callMetadataJSON");
  json_builder_add_string_value (builder, metadata);
  json_builder_set_member_name (builder, "visionLiveLink");
  json_builder_add_string_value (builder, link);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  call = vl_call_new_from_json (root, &error);
  g_assert_no_error (error);

  vl_call_set_environment (call, environment < 45 ? "production"
                                 : environment < 49 ? "testing" : "demo");
  if (prepared_at != 0)
    {
      g_autoptr(GDateTime) start =
        g_date_time_new_from_unix_utc (prepared_at / G_USEC_PER_SEC);
      g_autoptr(GDateTime) time =
        g_date_time_add (start, prepared_at % G_USEC_PER_SEC);

      vl_call_set_prepared_at (call, time);
    }

  return g_steal_pointer (&call);
}

static VlHistory *
open_history (const char *path)
{
  g_autoptr(GError) error = NULL;
  VlHistory *history = vl_history_open (path, &error);

  if (history == NULL)
    g_error ("%s", error->message);

  return history;
}

/* --fill PATH N */
static int
fill (const char *path,
      guint       n_calls)
{
  g_autoptr(VlHistory) history = open_history (path);
  gint64 start = g_get_monotonic_time ();

  for (guint first = 0; first < n_calls; first += BATCH)
    {
      g_autoptr(GPtrArray) calls = NULL;
      g_autoptr(GError) error = NULL;

      calls = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = first; i < MIN (first + BATCH, n_calls); i++)
        g_ptr_array_add (calls,
                         make_call (i, END_TIME - (n_calls - i) * CALL_EVERY));

      if (!vl_history_save_many (history, (VlCall **)calls->pdata,
                                 calls->len, &error))
        g_error ("%s", error->message);

      /* The merging a history that grew in the application had done in
       * idle moments along the way.
       */
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  g_print ("fill %.3f\n", (g_get_monotonic_time () - start) / 1e6);
  return EXIT_SUCCESS;
}

/* Measuring */

static double
msec_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  if (times->len == 0)
    return 0;
  if (times->len % 2 == 1)
    return g_array_index (times, double, times->len / 2);

  return (g_array_index (times, double, times->len / 2 - 1) +
          g_array_index (times, double, times->len / 2)) / 2;
}

static double
worst (GArray *times)
{
  double max = 0;

  for (guint i = 0; i < times->len; i++)
    max = MAX (max, g_array_index (times, double, i));

  return max;
}

/* What a list view does: ask for the rows it shows. */
static void
read_rows (GListModel *model,
           guint       first,
           guint       n_rows)
{
  guint end = MIN (first + n_rows, g_list_model_get_n_items (model));

  for (guint i = first; i < end; i++)
    {
      g_autoptr(VlCall) call = g_list_model_get_item (model, i);

      g_assert_nonnull (call);
    }
}

/* Starts cold: the file leaves the page cache, as after a reboot. */
static void
evict (const char *path)
{
  const char * const suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      int fd = g_open (file, O_RDONLY | O_CLOEXEC, 0);

      if (fd < 0)
        continue;

      fdatasync (fd);
      posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
      g_close (fd, NULL);
    }
}

/* Types @text one character at a time into the search, timing each
 * keystroke until the rows it shows are there. Remembers the slowest.
 */
static void
type_search (VlHistoryModel  *model,
             const char      *text,
             GArray          *times,
             char           **slowest)
{
  vl_history_model_set_search (model, NULL);

  for (const char *end = g_utf8_next_char (text); ;
       end = g_utf8_next_char (end))
    {
      g_autofree char *typed = g_strndup (text, end - text);
      gint64 start = g_get_monotonic_time ();
      double elapsed;

      vl_history_model_set_search (model, typed);
      read_rows (G_LIST_MODEL (model), 0, VISIBLE_ROWS);
      elapsed = msec_since (start);

      if (elapsed > worst (times))
        {
          g_free (*slowest);
          *slowest = g_steal_pointer (&typed);
        }
      g_array_append_val (times, elapsed);

      if (*end == '\0')
        break;
    }
}

static const char *
first_recipient (VlCall *call)
{
  g_autoptr(VlInvitation) invitation =
    g_list_model_get_item (vl_call_get_invitations (call), 0);

  return vl_invitation_get_recipient (invitation);
}

/* --measure PATH cold|warm: prints "name value" lines for the parent. */
static int
measure (const char *path,
         gboolean    cold)
{
  g_autoptr(VlHistory) history = NULL;
  g_autoptr(VlHistoryModel) model = NULL;
  g_autoptr(VlCall) typed = make_call (TYPED_CALL, 0);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) saves = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) idle = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) idle_steps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *id_start = g_strndup (vl_call_get_id (typed), 12);
  g_autofree char *slowest = NULL;
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  gint64 start;
  guint n_items;
  const char *words[] = {
    first_recipient (typed),
    id_start,
    vl_call_get_integration_id (typed),
    "fieldedge",
    "Zürich",
    "ladder",
    "acme zür",
    "xqzt",
  };

  if (cold)
    evict (path);

  start = g_get_monotonic_time ();
  history = open_history (path);
  model = vl_history_model_new (history);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  read_rows (G_LIST_MODEL (model), 0, FIRST_PAGE);
  g_print ("open %.3f\n", msec_since (start));
  g_print ("items %u\n", n_items);

  start = g_get_monotonic_time ();
  read_rows (G_LIST_MODEL (model), n_items > 0 ? n_items - 1 : 0, 1);
  g_print ("last %.3f\n", msec_since (start));

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    type_search (model, words[i], keys, &slowest);
  g_print ("keys %u\n", keys->len);
  g_print ("key_slowest %s\n", slowest);
  g_print ("key_worst %.3f\n", worst (keys));
  g_print ("key_median %.3f\n", median (keys));

  /* Saves, with the list following them as the window's would, and the
   * main loop running in between, as it does between two calls: what the
   * history leaves for idle time is timed apart.
   */
  vl_history_model_set_search (model, NULL);
  read_rows (G_LIST_MODEL (model), 0, VISIBLE_ROWS);
  for (guint i = 0; i < N_SAVES; i++)
    {
      g_autoptr(VlCall) call = make_call (DEFAULT_CALLS * 2 + i, 0);
      double elapsed;

      start = g_get_monotonic_time ();
      if (!vl_history_save (history, call, &error))
        g_error ("%s", error->message);
      read_rows (G_LIST_MODEL (model), 0, VISIBLE_ROWS);
      elapsed = msec_since (start);
      g_array_append_val (saves, elapsed);

      /* Each idle step holds the main loop up once; between two of them
       * the window draws.
       */
      elapsed = 0;
      for (;;)
        {
          double step;
          gboolean busy;

          start = g_get_monotonic_time ();
          busy = g_main_context_iteration (NULL, FALSE);
          step = msec_since (start);
          if (!busy)
            break;

          elapsed += step;
          g_array_append_val (idle_steps, step);
        }
      g_array_append_val (idle, elapsed);
    }
  g_print ("save_worst %.3f\n", worst (saves));
  g_print ("save_median %.3f\n", median (saves));
  g_print ("idle_worst %.3f\n", worst (idle));
  g_print ("idle_step_worst %.3f\n", worst (idle_steps));

  getrusage (RUSAGE_SELF, &usage);
  g_print ("rss %.1f\n", usage.ru_maxrss / 1024.0);

  return EXIT_SUCCESS;
}

/* The parent */

static GHashTable *
run_child (const char *mode,
           const char *path,
           const char *argument)
{
  const char *argv[] = { "/proc/self/exe", mode, path, argument, NULL };
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal,
                                              g_free, g_free);
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], " ", 2);

      if (g_strv_length (parts) == 2)
        g_hash_table_insert (values, g_strdup (parts[0]),
                             g_strdup (parts[1]));
    }

  return values;
}

static double
value (GHashTable *values,
       const char *name)
{
  const char *text = g_hash_table_lookup (values, name);

  g_assert_nonnull (text);
  return g_ascii_strtod (text, NULL);
}

static void
print_row (const char *metric,
           double      empty,
           double      full,
           const char *unit,
           const char *target,
           gboolean    ok)
{
  g_autofree char *empty_text = g_strdup_printf ("%.1f %s", empty, unit);
  g_autofree char *full_text = g_strdup_printf ("%.1f %s", full, unit);

  g_print ("| %-40s | %10s | %13s | %-16s | %-3s |\n", metric, empty_text,
           full_text, target, target[0] == '\0' ? "" : ok ? "yes" : "NO");
}

static void
print_table (GHashTable *empty,
             GHashTable *full,
             const char *count)
{
  g_autofree char *open_label =
    g_strdup_printf ("open + first page (%d rows)", FIRST_PAGE);

  g_print ("| %-40s | %10s | %13s | %-16s | %-3s |\n", "metric", "empty",
           count, "target", "ok?");
  g_print ("|%s|%s|%s|%s|%s|\n", "------------------------------------------",
           "-----------:", "--------------:", "------------------", "-----");
  print_row (open_label, value (empty, "open"), value (full, "open"), "ms",
             "empty + 50 ms",
             value (full, "open") <= value (empty, "open") + 50);
  print_row ("search keystroke, median", value (empty, "key_median"),
             value (full, "key_median"), "ms", "< 16 ms",
             value (full, "key_median") < 16);
  print_row ("search keystroke, worst", value (empty, "key_worst"),
             value (full, "key_worst"), "ms", "< 50 ms",
             value (full, "key_worst") < 50);
  print_row ("save one new call, median", value (empty, "save_median"),
             value (full, "save_median"), "ms", "< 5 ms",
             value (full, "save_median") < 5);
  print_row ("save one new call, worst", value (empty, "save_worst"),
             value (full, "save_worst"), "ms", "< 5 ms",
             value (full, "save_worst") < 5);
  print_row ("peak RSS", value (empty, "rss"), value (full, "rss"), "MB",
             "empty + 30 MB", value (full, "rss") < value (empty, "rss") + 30);
  print_row ("jump to the last row", value (empty, "last"),
             value (full, "last"), "ms", "", TRUE);
  print_row ("idle work after a save, worst", value (empty, "idle_worst"),
             value (full, "idle_worst"), "ms", "", TRUE);
  print_row ("longest idle step", value (empty, "idle_step_worst"),
             value (full, "idle_step_worst"), "ms", "", TRUE);
}

static gint64
file_size (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? buf.st_size : 0;
}

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }

  return g_rmdir (path) == 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GHashTable) filled = NULL;
  GHashTable *empty[2];
  GHashTable *full[2];
  const char * const cache[] = { "warm", "cold" };
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *empty_path = NULL;
  g_autofree char *full_path = NULL;
  g_autofree char *count = NULL;
  int n_calls = DEFAULT_CALLS;
  gboolean keep = FALSE;
  const GOptionEntry entries[] = {
    { "calls", 0, 0, G_OPTION_ARG_INT, &n_calls,
      "How many calls to store (100 000 unless told)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep,
      "Keep the databases afterwards", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");

  if (argc == 4 && g_str_equal (argv[1], "--fill"))
    return fill (argv[2], atoi (argv[3]));
  if (argc == 4 && g_str_equal (argv[1], "--measure"))
    return measure (argv[2], g_str_equal (argv[3], "cold"));

  context = g_option_context_new ("[FOLDER]");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      n_calls < TYPED_CALL + 1 || argc > 2)
    {
      g_printerr ("bench-history: %s\n",
                  error != NULL ? error->message
                                : "give at most one folder, and --calls "
                                  "above 4217");
      return 2;
    }

  if (argc == 2)
    {
      folder = g_strdup (argv[1]);
      g_mkdir_with_parents (folder, 0700);
    }
  else
    {
      g_autofree char *template = NULL;

      g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
      template = g_build_filename (g_get_user_cache_dir (),
                                   "bench-history-XXXXXX", NULL);
      folder = g_mkdtemp (g_steal_pointer (&template));
      g_assert_nonnull (folder);
    }

  empty_path = g_build_filename (folder, "empty.sqlite", NULL);
  full_path = g_build_filename (folder, "full.sqlite", NULL);
  count = g_strdup_printf ("%d", n_calls);

  g_printerr ("Filling %s with %d calls...\n", full_path, n_calls);
  g_hash_table_unref (run_child ("--fill", empty_path, "0"));
  filled = run_child ("--fill", full_path, count);
  g_printerr ("Measuring...\n");
  for (guint i = 0; i < G_N_ELEMENTS (cache); i++)
    {
      empty[i] = run_child ("--measure", empty_path, cache[i]);
      full[i] = run_child ("--measure", full_path, cache[i]);
    }

  g_print ("\nCall history: %d calls beside an empty history, in %s\n",
           n_calls, folder);
  g_print ("Filled in %.1f s; file %.0f MB. Each column is a process of "
           "its own.\n", value (filled, "fill"),
           file_size (full_path) / 1e6);

  for (guint i = 0; i < G_N_ELEMENTS (cache); i++)
    {
      g_print ("\n%s\n\n", i == 0
               ? "Warm: the file in the page cache, as when the application "
                 "starts again."
               : "Cold: the file dropped from the page cache first, as after "
                 "a reboot.");
      print_table (empty[i], full[i], count);
      g_print ("\nSlowest keystroke: “%s” (%.1f ms).\n",
               (char *)g_hash_table_lookup (full[i], "key_slowest"),
               value (full[i], "key_worst"));
    }

  g_print ("\nSearch: %.0f keystrokes (a phone number, a call id, a work "
           "order, a namespace, metadata words, two words, a typo), each "
           "timed until the %d rows shown are read. Saves: %d, each timed "
           "until the list shows it; the index merging and log copying "
           "they leave for the idle main loop are timed apart.\n",
           value (full[0], "keys"), VISIBLE_ROWS, N_SAVES);

  if (!keep && argc < 2)
    remove_tree (folder);
  else
    g_print ("Databases kept in %s\n", folder);

  for (guint i = 0; i < G_N_ELEMENTS (cache); i++)
    {
      g_hash_table_unref (empty[i]);
      g_hash_table_unref (full[i]);
    }

  return EXIT_SUCCESS;
}

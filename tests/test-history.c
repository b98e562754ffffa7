/* test-history.c: the call history on disk, its search and its list model
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run with "--save-calls PATH", the program is the child of the crash
 * test: it saves calls and prints each id once it is saved.
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "vl-history-model.h"
#include "vl-history.h"
#include "vl-json.h"

/* 2026-01-01T00:00:00Z */
#define T0 (G_GINT64_CONSTANT (1767225600) * G_USEC_PER_SEC)
#define MINUTE (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

#define N_CRASH_SAVES 200

/* This program, to run as the child of the crash test. */
static char *self_path;

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
          !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }

  return g_rmdir (path) == 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("vl-test-history-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "history.sqlite", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Building calls as the service returns them */

static GDateTime *
time_at (gint64 usec)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (usec /
                                                              G_USEC_PER_SEC);

  return g_date_time_add (start, usec % G_USEC_PER_SEC);
}

static gint64
usec_of (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC +
         g_date_time_get_microsecond (time);
}

/* @...: pairs of invitation type and recipient, then NULL. A
 * @prepared_at of 0 leaves the call without a time.
 */
static VlCall *
make_call (const char *id,
           gint64      prepared_at,
           const char *namespace_,
           const char *integration_id,
           const char *metadata_json,
           const char *link,
           ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;
  const char *type;
  va_list args;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "invitations");
  json_builder_begin_array (builder);
  va_start (args, link);
  while ((type = va_arg (args, const char *)) != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, type);
      json_builder_set_member_name (builder, "recipient");
      json_builder_add_string_value (builder, va_arg (args, const char *));
      json_builder_end_object (builder);
    }
  va_end (args);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "integrationEntityId");
  if (namespace_ != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "namespace");
      json_builder_add_string_value (builder, namespace_);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, integration_id);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "callMetadataJSON");
  if (metadata_json != NULL)
    json_builder_add_string_value (builder, metadata_json);
  else
    json_builder_add_null_value (builder);
  if (link != NULL)
    {
      json_builder_set_member_name (builder, "visionLiveLink");
      json_builder_add_string_value (builder, link);
    }
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  call = vl_call_new_from_json (node, &error);
  g_assert_no_error (error);
  vl_call_set_environment (call, "demo");
  if (prepared_at != 0)
    {
      g_autoptr(GDateTime) time = time_at (prepared_at);

      vl_call_set_prepared_at (call, time);
    }

  return g_steal_pointer (&call);
}

static VlCall *
make_simple_call (guint  number,
                  gint64 prepared_at)
{
  g_autofree char *id = g_strdup_printf ("call-%032x", number);
  g_autofree char *phone = g_strdup_printf ("%010u", 2000000000 + number);
  g_autofree char *order = g_strdup_printf ("WO-%06u", number);

  return make_call (id, prepared_at, "workorders", order,
                    "{\"key\":\"VALUE\"}", NULL, "sms", phone, NULL);
}

static VlHistory *
open_history (const char *path)
{
  g_autoptr(GError) error = NULL;
  VlHistory *history = vl_history_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (history);

  return history;
}

static void
save (VlHistory *history,
      VlCall    *call)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vl_history_save (history, call, &error));
  g_assert_no_error (error);
}

/* Looking at the file with SQLite itself */

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

  g_assert_cmpint (rc, ==, SQLITE_OK);
  return db;
}

static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = open_raw (path);
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* The first column of the first row, as text. */
static char *
query_raw (const char *path,
           const char *sql)
{
  sqlite3 *db = open_raw (path);
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static gint64
query_raw_int (const char *path,
               const char *sql)
{
  g_autofree char *value = query_raw (path, sql);

  g_assert_nonnull (value);
  return g_ascii_strtoll (value, NULL, 10);
}

/* The file and its search index agree with themselves and each other. */
static void
assert_sound (const char *path)
{
  g_autofree char *check = query_raw (path, "PRAGMA quick_check");

  g_assert_cmpstr (check, ==, "ok");
  exec_raw (path, "INSERT INTO call_search (call_search, rank)"
                  " VALUES ('integrity-check', 1)");
  g_assert_cmpint (query_raw_int (path, "SELECT n FROM call_count"), ==,
                   query_raw_int (path, "SELECT count(*) FROM calls"));
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static void
write_bytes (const char *path,
             GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

/* Comparing calls */

static void
assert_same_call (VlCall *actual,
                  VlCall *expected)
{
  GListModel *actual_invitations = vl_call_get_invitations (actual);
  GListModel *expected_invitations = vl_call_get_invitations (expected);
  guint n = g_list_model_get_n_items (expected_invitations);

  g_assert_cmpstr (vl_call_get_id (actual), ==, vl_call_get_id (expected));
  g_assert_cmpuint (g_list_model_get_n_items (actual_invitations), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VlInvitation) a = g_list_model_get_item (actual_invitations,
                                                         i);
      g_autoptr(VlInvitation) e = g_list_model_get_item (expected_invitations,
                                                         i);

      g_assert_cmpint (vl_invitation_get_kind (a), ==,
                       vl_invitation_get_kind (e));
      g_assert_cmpstr (vl_invitation_get_recipient (a), ==,
                       vl_invitation_get_recipient (e));
    }

  g_assert_cmpstr (vl_call_get_integration_namespace (actual), ==,
                   vl_call_get_integration_namespace (expected));
  g_assert_cmpstr (vl_call_get_integration_id (actual), ==,
                   vl_call_get_integration_id (expected));
  g_assert_cmpstr (vl_call_get_metadata_json (actual), ==,
                   vl_call_get_metadata_json (expected));
  g_assert_cmpstr (vl_call_get_link (actual), ==, vl_call_get_link (expected));
  g_assert_cmpstr (vl_call_get_environment (actual), ==,
                   vl_call_get_environment (expected));
  g_assert_nonnull (vl_call_get_prepared_at (actual));
  g_assert_cmpint (usec_of (vl_call_get_prepared_at (actual)), ==,
                   usec_of (vl_call_get_prepared_at (expected)));
  g_assert_true (json_node_equal (vl_call_get_source (actual),
                                  vl_call_get_source (expected)));
}

/* The ids vl_history_list() returns for @search, in order, as one
 * space-separated string, after checking that vl_history_count() agrees.
 */
static char *
search_ids (VlHistory  *history,
            const char *search)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);
  guint count;

  calls = vl_history_list (history, search, 0, 1000, &error);
  g_assert_no_error (error);
  count = vl_history_count (history, search, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, calls->len);

  for (guint i = 0; i < calls->len; i++)
    {
      if (i > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, vl_call_get_id (calls->pdata[i]));
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
assert_search (VlHistory  *history,
               const char *search,
               const char *expected)
{
  g_autofree char *ids = search_ids (history, search);

  g_test_message ("search “%s”: %s", search, ids);
  g_assert_cmpstr (ids, ==, expected);
}

/* Opening */

static void
test_open_private (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "a", "b", NULL);
  g_autofree char *path = g_build_filename (folder, "history.sqlite", NULL);
  g_autoptr(VlHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mode = NULL;
  GStatBuf buf;

  history = open_history (path);
  g_assert_cmpstr (vl_history_get_path (history), ==, path);
  g_assert_null (vl_history_get_set_aside_path (history));
  g_assert_cmpuint (vl_history_count (history, NULL, &error), ==, 0);
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (folder, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);

  g_assert_cmpint (query_raw_int (path, "PRAGMA user_version"), ==,
                   VL_HISTORY_SCHEMA_VERSION);
  mode = query_raw (path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
}

static void
test_default_path (void)
{
  g_autofree char *path = vl_history_get_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (),
                                                APPLICATION_ID,
                                                "history.sqlite", NULL);

  g_assert_cmpstr (path, ==, expected);
}

/* Saving */

static char *
long_metadata (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  json_builder_begin_object (builder);
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *name = g_strdup_printf ("note %03u ✎", i);

      json_builder_set_member_name (builder, name);
      json_builder_add_string_value (builder,
                                     "📞 שלום עולם “quoted” \"plain\" \\ "
                                     "line\nbreak\tTab \x1f unit sep");
    }
  json_builder_set_member_name (builder, "nested");
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, 42);
  json_builder_add_double_value (builder, 2.5);
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_add_null_value (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = vl_json_to_string (root, FALSE);
  g_assert_cmpuint (strlen (text), >=, 10 * 1024);

  return text;
}

static void
test_save_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *metadata = long_metadata ();
  g_autoptr(VlCall) call = NULL;
  g_autoptr(VlCall) loaded = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VlHistory) history = NULL;
  gint64 prepared_at = T0 + 123456789;

  call = make_call ("call-be76aecd347e4fe89e5e666372a57af9", prepared_at,
                    "Équipe Ω 🚐", "WO-٤٥٦ ‏עברית‏", metadata,
                    "https://vision.example.com/live/call-be76?a=1&b=ü",
                    "sms", "+442079460958",
                    "email", "مريم@example.com",
                    "sms", "2223334444",
                    NULL);
  vl_call_set_environment (call, "production");

  history = open_history (fixture->path);
  save (history, call);
  g_assert_cmpint (usec_of (vl_call_get_prepared_at (call)), ==, prepared_at);
  g_clear_object (&history);

  /* A new process, as far as the file can tell. */
  history = open_history (fixture->path);
  loaded = vl_history_load (history, vl_call_get_id (call), &error);
  g_assert_no_error (error);
  assert_same_call (loaded, call);
  g_assert_cmpuint (strlen (vl_call_get_metadata_json (loaded)), >=,
                    10 * 1024);
  /* Strict JSON: the unit separator stays escaped. */
  g_assert_nonnull (strstr (vl_call_get_metadata_json (loaded), "\\u001f"));

  listed = vl_history_list (history, NULL, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  assert_same_call (listed->pdata[0], call);

  g_clear_object (&history);
  assert_sound (fixture->path);
}

/* What the service may leave out: no integration, metadata or link. */
static void
test_save_minimal (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(VlHistory) history = open_history (fixture->path);
  g_autoptr(VlCall) call = make_call ("call-1", T0, NULL, NULL, NULL, NULL,
                                      NULL);
  g_autoptr(VlCall) loaded = NULL;
  g_autoptr(GError) error = NULL;

  vl_call_set_environment (call, NULL);
  save (history, call);

  loaded = vl_history_load (history, "call-1", &error);
  g_assert_no_error (error);
  assert_same_call (loaded, call);
  g_assert_null (vl_call_get_link (loaded));
  g_assert_false (vl_call_has_integration (loaded));
  g_assert_null (vl_call_get_metadata_json (loaded));
  g_assert_null (vl_call_get_environment (loaded));
}

static void
test_save_refresh (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(VlHistory) history = open_history (fixture->path);
  g_autoptr(VlCall) first = NULL;
  g_autoptr(VlCall) refreshed = NULL;
  g_autoptr(VlCall) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = "call-0000000000000000000000000000abcd";
  g_autofree char *updated_sql =
    g_strdup_printf ("SELECT updated_at FROM calls WHERE id = '%s'", id);
  g_autofree char *invitations_sql =
    g_strdup_printf ("SELECT count(*) FROM invitations WHERE call_id = '%s'",
                     id);
  gint64 first_update;

  first = make_call (id, T0, "ns", "WO-1", "{\"a\":\"first\"}", NULL,
                     "sms", "2223334444", "sms", "5556667777", NULL);
  save (history, first);
  first_update = query_raw_int (fixture->path, updated_sql);
  g_assert_cmpint (query_raw_int (fixture->path, invitations_sql), ==, 2);

  g_usleep (2000);

  /* getVisionLiveCall's answer: no time of its own, and changed data. */
  refreshed = make_call (id, 0, "ns2", "WO-2", "{\"a\":\"second\"}",
                         "https://example.com/live", "email",
                         "new@example.com", NULL);
  vl_call_set_environment (refreshed, "testing");
  save (history, refreshed);

  /* The call learns when it was prepared. */
  g_assert_nonnull (vl_call_get_prepared_at (refreshed));
  g_assert_cmpint (usec_of (vl_call_get_prepared_at (refreshed)), ==, T0);

  loaded = vl_history_load (history, id, &error);
  g_assert_no_error (error);
  assert_same_call (loaded, refreshed);
  g_assert_cmpstr (vl_call_get_environment (loaded), ==, "testing");
  g_assert_cmpuint (vl_history_count (history, NULL, &error), ==, 1);

  g_assert_cmpint (query_raw_int (fixture->path, updated_sql), >,
                   first_update);
  g_assert_cmpint (query_raw_int (fixture->path, invitations_sql), ==, 1);

  /* The search follows the new data only. */
  assert_search (history, "5556667777", "");
  assert_search (history, "first", "");
  assert_search (history, "new@example", id);
  assert_search (history, "second", id);

  g_clear_object (&history);
  assert_sound (fixture->path);
}

static void
test_save_stamps_time (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(VlHistory) history = open_history (fixture->path);
  g_autoptr(VlCall) call = make_call ("call-2", 0, NULL, NULL, NULL, NULL,
                                      "sms", "2223334444", NULL);
  gint64 before = g_get_real_time ();

  save (history, call);
  g_assert_nonnull (vl_call_get_prepared_at (call));
  g_assert_cmpint (usec_of (vl_call_get_prepared_at (call)), >=, before);
  g_assert_cmpint (usec_of (vl_call_get_prepared_at (call)), <=,
                   g_get_real_time ());
}

static gint64
size_of (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? buf.st_size : 0;
}

/* Saves never wait for the log to be copied into the database: that
 * happens when the main loop is idle.
 */
static void
test_save_checkpoint (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *metadata = long_metadata ();
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autoptr(VlHistory) history = open_history (fixture->path);
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  gint64 before;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("call-%032x", i);

      g_ptr_array_add (calls, make_call (id, T0 + i, "ns", "WO-1", metadata,
                                         NULL, "sms", "2223334444", NULL));
    }
  g_assert_true (vl_history_save_many (history, (VlCall **)calls->pdata,
                                       calls->len, &error));
  g_assert_no_error (error);

  /* Everything is in the log, synced, and not yet in the database. */
  before = size_of (fixture->path);
  g_assert_cmpint (size_of (wal), >, 1000 * 4096);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (size_of (fixture->path), >, before + 1000 * 4096);
  g_assert_cmpuint (vl_history_count (history, NULL, &error), ==, 300);
}

/* Saves one at a time leave index segments to merge; the main loop merges
 * them when idle, in steps, and then has nothing more to do.
 */
static void
test_save_merge (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(VlHistory) history = open_history (fixture->path);
  g_autoptr(GError) error = NULL;
  guint n_iterations = 0;
  gint64 segments_before;

  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(VlCall) call = make_simple_call (i, T0 + i * MINUTE);

      save (history, call);
    }
  segments_before = query_raw_int (fixture->path,
                                   "SELECT count(*) FROM call_search_idx");

  while (g_main_context_iteration (NULL, FALSE))
    g_assert_cmpuint (++n_iterations, <, 1000);
  g_assert_cmpuint (n_iterations, >, 0);
  g_assert_cmpint (query_raw_int (fixture->path,
                                  "SELECT count(*) FROM call_search_idx"),
                   <, segments_before);

  g_assert_cmpuint (vl_history_count (history, "WO-00001", &error), ==, 10);
  g_assert_no_error (error);
  g_clear_object (&history);
  assert_sound (fixture->path);
}

static void
test_list_newest_first (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(VlHistory) history = open_history (fixture->path);
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  const guint order[] = { 3, 0, 4, 1, 2 };

  /* Saved out of order; two share a microsecond. */
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autoptr(VlCall) call = make_simple_call (order[i],
                                                 T0 + MIN (order[i], 3) *
                                                      MINUTE);

      save (history, call);
    }

  assert_search (history, NULL,
                 "call-00000000000000000000000000000004 "
                 "call-00000000000000000000000000000003 "
                 "call-00000000000000000000000000000002 "
                 "call-00000000000000000000000000000001 "
                 "call-00000000000000000000000000000000");

  page = vl_history_list (history, "  ", 1, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (vl_call_get_id (page->pdata[0]), ==,
                   "call-00000000000000000000000000000003");
  g_assert_cmpstr (vl_call_get_id (page->pdata[1]), ==,
                   "call-00000000000000000000000000000002");
  /* Both keep the time they were saved with. */
  g_assert_cmpint (usec_of (vl_call_get_prepared_at (page->pdata[0])), ==,
                   T0 + 3 * MINUTE);

  g_clear_pointer (&page, g_ptr_array_unref);
  page = vl_history_list (history, NULL, 5, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 0);
}

/* Search */

#define CALL_A "call-000000000000000000000000000000aa"
#define CALL_B "call-000000000000000000000000000000bb"
#define CALL_C "call-000000000000000000000000000000cc"
#define CALL_D "call-000000000000000000000000000000dd"

static VlHistory *
open_search_history (const char *path)
{
  VlHistory *history = open_history (path);
  g_autoptr(VlCall) a = NULL;
  g_autoptr(VlCall) b = NULL;
  g_autoptr(VlCall) c = NULL;
  g_autoptr(VlCall) d = NULL;

  a = make_call (CALL_A, T0 + 4 * MINUTE, "servicetitan", "WO-1001",
                 "{\"technician\":\"Zoë Müller\",\"site\":\"Zürich Hbf\"}",
                 NULL, "sms", "2223334444", NULL);
  b = make_call (CALL_B, T0 + 3 * MINUTE, "fieldedge", "JOB-77",
                 "{\"note\":\"Ladder needed; 100% sure_thing\"}",
                 NULL, "email", "ops@example.com", NULL);
  c = make_call (CALL_C, T0 + 2 * MINUTE, "acme", "WO-2002",
                 "{\"dates\":[\"2026-01-05\"],\"floor\":3}",
                 NULL, "sms", "+442079460958", NULL);
  d = make_call (CALL_D, T0 + 1 * MINUTE, NULL, NULL, NULL, NULL,
                 "sms", "5556667777", NULL);
  save (history, a);
  save (history, b);
  save (history, c);
  save (history, d);

  return history;
}

static void
test_search_fields (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(VlHistory) history = open_search_history (fixture->path);

  /* Recipients */
  assert_search (history, "3334444", CALL_A);
  assert_search (history, "ops@example", CALL_B);
  assert_search (history, "5556667777", CALL_D);
  /* Integration namespace and id */
  assert_search (history, "fieldedge", CALL_B);
  assert_search (history, "WO-", CALL_A " " CALL_C);
  assert_search (history, "JOB-77", CALL_B);
  /* As the list and "vision-live history" write a work order */
  assert_search (history, "fieldedge/JOB-77", CALL_B);
  assert_search (history, "servicetitan/JOB-77", "");
  /* Call id, whole and in part */
  assert_search (history, CALL_C, CALL_C);
  assert_search (history, "00dd", CALL_D);
  /* Metadata names and values, without the JSON around them */
  assert_search (history, "Zürich Hbf", CALL_A);
  assert_search (history, "ladder needed;", CALL_B);
  assert_search (history, "technician", CALL_A);
  assert_search (history, "2026-01-05", CALL_C);
  /* Nothing */
  assert_search (history, "nowhere-to-be-found", "");
  assert_search (history, "\"technician\":", "");
  /* Blank means everything */
  assert_search (history, " \t ", CALL_A " " CALL_B " " CALL_C " " CALL_D);
}

static void
test_search_case (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(VlHistory) history = open_search_history (fixture->path);

  assert_search (history, "SERVICETITAN", CALL_A);
  assert_search (history, "job-77", CALL_B);
  assert_search (history, "ZÜRICH", CALL_A);
  assert_search (history, "müLLER", CALL_A);
  /* A decomposed ë (e and a combining diaeresis) and fullwidth letters */
  assert_search (history, "zoe\xcc\x88", CALL_A);
  assert_search (history, "ＳＥＲＶＩＣＥ", CALL_A);
  /* Accents are letters of their own. */
  assert_search (history, "zurich", "");
}

/* Two characters are found anywhere; a single one filters nothing. */
static void
test_search_short (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(VlHistory) history = open_search_history (fixture->path);

  assert_search (history, "77", CALL_B " " CALL_D);
  assert_search (history, "zü", CALL_A);
  assert_search (history, "ZÜ", CALL_A);
  assert_search (history, "0%", CALL_B);
  assert_search (history, "e_", CALL_B);
  /* At the end of a value, and of the whole text */
  assert_search (history, "bf", CALL_A);
  assert_search (history, "44", CALL_A " " CALL_C);
  assert_search (history, "qq", "");
  assert_search (history, "z", CALL_A " " CALL_B " " CALL_C " " CALL_D);
  assert_search (history, "%", CALL_A " " CALL_B " " CALL_C " " CALL_D);
  assert_search (history, "z ladder", CALL_B);
}

static void
test_search_words (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(VlHistory) history = open_search_history (fixture->path);

  assert_search (history, "wo 2002", CALL_C);
  assert_search (history, "WO Zürich", CALL_A);
  assert_search (history, "  acme   floor  ", CALL_C);
  assert_search (history, "servicetitan ladder", "");
  /* Phone numbers as people type them */
  assert_search (history, "(222) 333-4444", CALL_A);
  assert_search (history, "222.333.4444", CALL_A);
  assert_search (history, "+44 20 7946 0958", CALL_C);
  assert_search (history, "555-666", CALL_D);
}

static void
test_search_special (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(VlHistory) history = open_search_history (fixture->path);
  const char * const searches[] = {
    "\"", "'", "*", "(", ")", "-", "^", ":", "\\", "NEAR", "AND", "OR",
    "NOT", "\"ladder", "ladder\"", "lad*", "a OR b", "x\" OR \"y",
    "'; DROP TABLE calls; --", "%%%", "___", "\xef\xbf\xbd",
  };

  assert_search (history, "100%", CALL_B);
  assert_search (history, "sure_thing", CALL_B);
  assert_search (history, "100_", "");

  /* Whatever is typed, it is text to look for, never syntax. */
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    g_free (search_ids (history, searches[i]));

  assert_search (history, NULL, CALL_A " " CALL_B " " CALL_C " " CALL_D);
}

/* Removing */

static void
test_remove_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(VlHistory) history = open_search_history (fixture->path);
  g_autoptr(VlCall) removed = NULL;
  g_autoptr(VlCall) loaded = NULL;
  g_autoptr(GError) error = NULL;

  removed = vl_history_load (history, CALL_B, &error);
  g_assert_no_error (error);

  g_assert_true (vl_history_remove (history, CALL_B, &error));
  g_assert_no_error (error);
  assert_search (history, NULL, CALL_A " " CALL_C " " CALL_D);
  assert_search (history, "ladder", "");
  assert_search (history, "0%", "");

  loaded = vl_history_load (history, CALL_B, &error);
  g_assert_error (error, VL_HISTORY_ERROR, VL_HISTORY_ERROR_NOT_FOUND);
  g_assert_null (loaded);
  g_clear_error (&error);
  g_assert_cmpint (query_raw_int (fixture->path,
                                  "SELECT count(*) FROM invitations WHERE"
                                  " call_id = '" CALL_B "'"), ==, 0);

  /* Undo: the same call saved again goes back to its place. */
  save (history, removed);
  assert_search (history, NULL, CALL_A " " CALL_B " " CALL_C " " CALL_D);
  assert_search (history, "ladder", CALL_B);
  loaded = vl_history_load (history, CALL_B, &error);
  g_assert_no_error (error);
  assert_same_call (loaded, removed);

  g_clear_object (&history);
  assert_sound (fixture->path);
}

static void
test_remove_unknown (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(VlHistory) history = open_history (fixture->path);
  g_autoptr(GError) error = NULL;

  g_assert_false (vl_history_remove (history, "call-nope", &error));
  g_assert_error (error, VL_HISTORY_ERROR, VL_HISTORY_ERROR_NOT_FOUND);
}

/* The list model */

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
assert_change (GArray *changes,
               guint   position,
               guint   removed,
               guint   added)
{
  Change *change;

  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
  g_array_set_size (changes, 0);
}

static VlHistory *
open_numbered_history (const char *path,
                       guint       n_calls)
{
  VlHistory *history = open_history (path);
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  /* Call n was prepared n minutes after T0: the newest comes first. */
  for (guint i = 0; i < n_calls; i++)
    g_ptr_array_add (calls, make_simple_call (i, T0 + i * MINUTE));

  g_assert_true (vl_history_save_many (history, (VlCall **)calls->pdata,
                                       calls->len, &error));
  g_assert_no_error (error);

  return history;
}

static void
assert_item (GListModel *model,
             guint       position,
             guint       number)
{
  g_autoptr(VlCall) call = g_list_model_get_item (model, position);
  g_autofree char *id = g_strdup_printf ("call-%032x", number);

  g_assert_nonnull (call);
  g_assert_cmpstr (vl_call_get_id (call), ==, id);
}

static void
test_model_paging (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(VlHistory) history = open_numbered_history (fixture->path, 120);
  g_autoptr(VlHistoryModel) model = vl_history_model_new (history);
  GListModel *list = G_LIST_MODEL (model);

  g_assert_true (g_list_model_get_item_type (list) == VL_TYPE_CALL);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 120);

  assert_item (list, 0, 119);
  assert_item (list, 119, 0);
  assert_item (list, 49, 70);
  assert_item (list, 50, 69);
  g_assert_null (g_list_model_get_item (list, 120));
  g_assert_null (g_list_model_get_item (list, G_MAXUINT));

  /* Every position, backwards and forwards, past the pages kept. */
  for (guint i = 120; i > 0; i--)
    assert_item (list, i - 1, 120 - i);
  for (guint i = 0; i < 120; i++)
    assert_item (list, i, 119 - i);

  vl_history_model_set_search (model, "WO-00011");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 10);
  assert_item (list, 0, 119);
  assert_item (list, 9, 110);
  g_assert_null (g_list_model_get_item (list, 10));
}

static void
count_change (VlHistory       *history,
              const char      *id,
              VlHistoryChange  change,
              guint           *n_many)
{
  if (change == VL_HISTORY_CHANGE_MANY)
    (*n_many)++;
}

/* The window learns of calls the command line saved. */
static void
test_other_changes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(VlHistory) window = open_history (fixture->path);
  g_autoptr(VlHistory) command_line = open_history (fixture->path);
  g_autoptr(VlCall) first = make_simple_call (1, 0);
  g_autoptr(VlCall) second = make_simple_call (2, 0);
  guint n_many = 0;

  g_signal_connect (window, "changed", G_CALLBACK (count_change), &n_many);

  g_assert_false (vl_history_check_other_changes (window));

  save (command_line, first);
  g_assert_true (vl_history_check_other_changes (window));
  g_assert_cmpuint (n_many, ==, 1);
  g_assert_cmpuint (vl_history_count (window, NULL, NULL), ==, 1);

  /* Once told, and not for its own saves */
  g_assert_false (vl_history_check_other_changes (window));
  save (window, second);
  g_assert_false (vl_history_check_other_changes (window));
  g_assert_cmpuint (n_many, ==, 1);

  g_assert_true (vl_history_remove (command_line, vl_call_get_id (first),
                                    NULL));
  g_assert_true (vl_history_check_other_changes (window));
  g_assert_cmpuint (n_many, ==, 2);
  g_assert_cmpuint (vl_history_count (window, NULL, NULL), ==, 1);
}

static void
test_model_changes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(VlHistory) history = open_numbered_history (fixture->path, 120);
  g_autoptr(VlHistoryModel) model = vl_history_model_new (history);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  GListModel *list = G_LIST_MODEL (model);
  g_autoptr(VlCall) newest = make_simple_call (500, T0 + 500 * MINUTE);
  g_autoptr(VlCall) oldest = make_simple_call (501, T0 - MINUTE);
  g_autoptr(VlCall) refreshed = NULL;
  g_autoptr(VlCall) first = NULL;
  g_autoptr(VlCall) last_of_page = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed),
                    changes);
  assert_item (list, 0, 119);
  first = g_list_model_get_item (list, 0);
  last_of_page = g_list_model_get_item (list, 49);

  save (history, newest);
  assert_change (changes, 0, 0, 1);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 121);
  assert_item (list, 0, 500);
  assert_item (list, 1, 119);

  /* The items read before are the same objects, one place further on, so
   * that a list view has no row to bind again; the one pushed off the
   * page comes back from the file.
   */
  {
    g_autoptr(VlCall) moved = g_list_model_get_item (list, 1);
    g_autoptr(VlCall) next_page = g_list_model_get_item (list, 50);

    g_assert_true (moved == first);
    g_assert_true (next_page != last_of_page);
    g_assert_cmpstr (vl_call_get_id (next_page), ==,
                     vl_call_get_id (last_of_page));
    assert_item (list, 49, 71);
    assert_item (list, 51, 69);
  }

  save (history, oldest);
  assert_change (changes, 121, 0, 1);
  assert_item (list, 121, 501);

  /* A refresh replaces the item in its place. */
  refreshed = make_simple_call (100, 0);
  save (history, refreshed);
  assert_change (changes, 20, 1, 1);
  assert_item (list, 20, 100);

  /* Removing a call that is on a page read: exactly that item. */
  g_assert_true (vl_history_remove (history, vl_call_get_id (newest),
                                    &error));
  g_assert_no_error (error);
  assert_change (changes, 0, 1, 0);
  assert_item (list, 0, 119);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 121);

  /* ... and one that was never read: the list starts over. */
  {
    g_autoptr(VlHistoryModel) fresh = vl_history_model_new (history);
    g_autoptr(GArray) fresh_changes = g_array_new (FALSE, FALSE,
                                                   sizeof (Change));

    g_signal_connect (fresh, "items-changed", G_CALLBACK (on_items_changed),
                      fresh_changes);
    /* The first model has read that page; the new one has not. */
    assert_item (list, 119, 0);
    g_assert_true (vl_history_remove (history,
                                      "call-00000000000000000000000000000000",
                                      &error));
    g_assert_no_error (error);
    assert_change (fresh_changes, 0, 121, 120);
    assert_change (changes, 119, 1, 0);
  }

  /* Under a search, calls that do not match change nothing. */
  vl_history_model_set_search (model, "WO-00011");
  assert_change (changes, 0, 120, 10);
  {
    g_autoptr(VlCall) other = make_simple_call (502, T0 + 502 * MINUTE);
    g_autoptr(VlCall) matching = make_simple_call (113, 0);

    save (history, other);
    g_assert_cmpuint (changes->len, ==, 0);
    save (history, matching);
    assert_change (changes, 6, 1, 1);
  }
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 10);

  /* Many at once: start over. */
  {
    g_autoptr(VlCall) one = make_simple_call (600, T0 + 600 * MINUTE);
    g_autoptr(VlCall) two = make_simple_call (601, T0 + 601 * MINUTE);
    VlCall *both[] = { one, two };

    vl_history_model_set_search (model, NULL);
    assert_change (changes, 0, 10, 121);
    g_assert_true (vl_history_save_many (history, both, 2, &error));
    g_assert_no_error (error);
    assert_change (changes, 0, 121, 123);
  }
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

/* The command line saves a call the model has not heard of, then the
 * window saves again call @refreshed_number of @n_calls, after the model
 * has read its first page (and the refreshed call's, with @read_its_page): one more call in the file, but not the one saved. The
 * list starts over and matches a model made afterwards.
 */
static void
refresh_beside_other_process (Fixture  *fixture,
                              guint     n_calls,
                              guint     refreshed_number,
                              gboolean  read_its_page)
{
  g_autoptr(VlHistory) history = open_numbered_history (fixture->path,
                                                        n_calls);
  g_autoptr(VlHistory) other = open_history (fixture->path);
  g_autoptr(VlHistoryModel) model = vl_history_model_new (history);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  GListModel *list = G_LIST_MODEL (model);
  g_autoptr(VlCall) from_cli = make_simple_call (500, T0 + 500 * MINUTE);
  g_autoptr(VlCall) refreshed =
    make_simple_call (refreshed_number, T0 + refreshed_number * MINUTE);
  g_autoptr(VlHistoryModel) fresh = NULL;

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed),
                    changes);
  assert_item (list, 0, n_calls - 1);
  if (read_its_page)
    assert_item (list, n_calls - 1 - refreshed_number, refreshed_number);

  save (other, from_cli);
  save (history, refreshed);

  assert_change (changes, 0, n_calls, n_calls + 1);
  fresh = vl_history_model_new (history);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_calls + 1);
  for (guint i = 0; i < n_calls + 1; i++)
    {
      g_autoptr(VlCall) a = g_list_model_get_item (list, i);
      g_autoptr(VlCall) b = g_list_model_get_item (G_LIST_MODEL (fresh), i);

      g_assert_cmpstr (vl_call_get_id (a), ==, vl_call_get_id (b));
    }
  assert_item (list, 0, 500);
  assert_item (list, 1, n_calls - 1);
  assert_item (list, n_calls - refreshed_number, refreshed_number);
}

/* The refreshed call is on the page read */
static void
test_model_other_process (Fixture       *fixture,
                          gconstpointer  data)
{
  refresh_beside_other_process (fixture, 60, 50, TRUE);
}

/* ... and on a page the model has not read */
static void
test_model_other_process_unread (Fixture       *fixture,
                                 gconstpointer  data)
{
  refresh_beside_other_process (fixture, 120, 10, FALSE);
}

static void
test_model_search_property (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(VlHistory) history = open_search_history (fixture->path);
  g_autoptr(VlHistoryModel) model = NULL;
  g_autofree char *search = NULL;
  g_autoptr(VlHistory) model_history = NULL;
  guint notified = 0;

  model = g_object_new (VL_TYPE_HISTORY_MODEL,
                        "history", history,
                        "search", "wo",
                        NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);

  g_signal_connect (model, "notify::search", G_CALLBACK (on_notify),
                    &notified);
  vl_history_model_set_search (model, "wo");
  g_assert_cmpuint (notified, ==, 0);
  g_object_set (model, "search", "ladder", NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  g_object_get (model, "search", &search, "history", &model_history, NULL);
  g_assert_cmpstr (search, ==, "ladder");
  g_assert_true (model_history == history);
  g_assert_true (vl_history_model_get_history (model) == history);
}

/* Crashes */

/* The child: saves calls and says which, each as soon as it is saved. */
static int
save_calls_child (const char *path)
{
  g_autoptr(VlHistory) history = open_history (path);

  for (guint i = 0; i < N_CRASH_SAVES; i++)
    {
      g_autoptr(VlCall) call = make_simple_call (i, T0 + i * MINUTE);
      g_autoptr(GError) error = NULL;
      g_autofree char *line = NULL;
      gsize length;

      if (!vl_history_save (history, call, &error))
        g_error ("%s", error->message);

      line = g_strdup_printf ("%s\n", vl_call_get_id (call));
      length = strlen (line);
      g_assert_cmpint (write (STDOUT_FILENO, line, length), ==, length);
    }

  return 0;
}

/* Reads lines from @fd until @n_lines are read or the end. */
static void
read_ids (int        fd,
          GString   *buffer,
          GPtrArray *ids,
          guint      n_lines)
{
  char chunk[256];
  char *newline;
  gssize n;

  while (ids->len < n_lines)
    {
      while ((newline = strchr (buffer->str, '\n')) != NULL &&
             ids->len < n_lines)
        {
          g_ptr_array_add (ids, g_strndup (buffer->str,
                                           newline - buffer->str));
          g_string_erase (buffer, 0, newline - buffer->str + 1);
        }

      if (ids->len >= n_lines)
        break;

      n = read (fd, chunk, sizeof chunk);
      if (n <= 0)
        break;
      g_string_append_len (buffer, chunk, n);
    }
}

static void
test_crash_kill (Fixture       *fixture,
                 gconstpointer  data)
{
  const guint kill_after[] = { 1, 60, 140 };

  for (guint round = 0; round < G_N_ELEMENTS (kill_after); round++)
    {
      g_autofree char *path = g_strdup_printf ("%s.%u", fixture->path, round);
      const char *argv[] = { self_path, "--save-calls", path, NULL };
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) buffer = g_string_new (NULL);
      g_autoptr(VlHistory) history = NULL;
      g_autoptr(GError) error = NULL;
      int out_fd = -1;
      GPid pid;
      int status;

      g_spawn_async_with_pipes (NULL, (char **)argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);

      read_ids (out_fd, buffer, ids, kill_after[round]);
      g_assert_cmpuint (ids->len, ==, kill_after[round]);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);

      /* Whatever it said before dying counts as saved. */
      read_ids (out_fd, buffer, ids, G_MAXUINT);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      close (out_fd);
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
      g_assert_cmpuint (ids->len, <, N_CRASH_SAVES);
      g_test_message ("killed after %u saves reported", ids->len);

      history = open_history (path);
      g_assert_null (vl_history_get_set_aside_path (history));
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(VlCall) call = vl_history_load (history, ids->pdata[i],
                                                    &error);

          g_assert_no_error (error);
          g_assert_cmpstr (vl_call_get_id (call), ==, ids->pdata[i]);
        }

      /* At most the call being written when it died is there too. */
      g_assert_cmpuint (vl_history_count (history, NULL, &error), >=,
                        ids->len);
      g_assert_cmpuint (vl_history_count (history, NULL, &error), <=,
                        ids->len + 1);
      g_assert_no_error (error);

      g_clear_object (&history);
      assert_sound (path);
    }
}

/* Files that cannot be used */

/* The one file set aside next to @path, checked against its name pattern
 * and against what the history says.
 */
static char *
find_set_aside (const char *path,
                VlHistory  *history)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *pattern = g_strdup_printf ("^%s\\.broken-[0-9]{8}-[0-9]{6}$",
                                              base);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autofree char *found = NULL;
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_regex_match_simple (pattern, name, 0, 0))
        {
          g_assert_null (found);
          found = g_build_filename (folder, name, NULL);
        }
    }

  g_assert_nonnull (found);
  g_assert_cmpstr (vl_history_get_set_aside_path (history), ==, found);

  return g_steal_pointer (&found);
}

/* A new, empty history took the file's place, and it works. */
static void
assert_fresh (VlHistory  *history,
              const char *path)
{
  g_autoptr(VlCall) call = make_simple_call (7, T0);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (vl_history_count (history, NULL, &error), ==, 0);
  g_assert_no_error (error);
  save (history, call);
  g_assert_cmpuint (vl_history_count (history, "WO-000007", &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (query_raw_int (path, "PRAGMA user_version"), ==,
                   VL_HISTORY_SCHEMA_VERSION);
}

static void
test_set_aside_random (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GByteArray) garbage = g_byte_array_new ();
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(VlHistory) history = NULL;
  g_autofree char *aside = NULL;

  for (guint i = 0; i < 64 * 1024; i++)
    {
      guint8 byte = g_rand_int_range (rand, 0, 256);

      g_byte_array_append (garbage, &byte, 1);
    }
  original = g_byte_array_free_to_bytes (g_steal_pointer (&garbage));
  write_bytes (fixture->path, original);

  history = open_history (fixture->path);
  aside = find_set_aside (fixture->path, history);
  kept = read_bytes (aside);
  g_assert_true (g_bytes_equal (kept, original));
  assert_fresh (history, fixture->path);
}

static void
test_set_aside_truncated (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(VlHistory) history = open_numbered_history (fixture->path, 300);
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) half = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autofree char *aside = NULL;
  gsize length;

  g_clear_object (&history);
  whole = read_bytes (fixture->path);
  length = g_bytes_get_size (whole);
  g_assert_cmpuint (length, >, 16 * 4096);
  half = g_bytes_new_from_bytes (whole, 0, length / 2 / 4096 * 4096);
  write_bytes (fixture->path, half);

  history = open_history (fixture->path);
  aside = find_set_aside (fixture->path, history);
  kept = read_bytes (aside);
  g_assert_true (g_bytes_equal (kept, half));
  assert_fresh (history, fixture->path);
}

static void
test_set_aside_future (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(VlHistory) history = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *kept = NULL;

  exec_raw (fixture->path,
            "PRAGMA journal_mode = WAL;"
            "CREATE TABLE calls (id TEXT, future TEXT);"
            "INSERT INTO calls VALUES ('call-from-the-future', 'x');"
            "PRAGMA user_version = 99;");

  history = open_history (fixture->path);
  aside = find_set_aside (fixture->path, history);
  g_assert_cmpint (query_raw_int (aside, "PRAGMA user_version"), ==, 99);
  kept = query_raw (aside, "SELECT id FROM calls");
  g_assert_cmpstr (kept, ==, "call-from-the-future");
  assert_fresh (history, fixture->path);
}

static void
test_set_aside_foreign (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(VlHistory) history = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *kept = NULL;

  exec_raw (fixture->path,
            "CREATE TABLE notes (text TEXT);"
            "INSERT INTO notes VALUES ('someone else''s');");

  history = open_history (fixture->path);
  aside = find_set_aside (fixture->path, history);
  kept = query_raw (aside, "SELECT text FROM notes");
  g_assert_cmpstr (kept, ==, "someone else's");
  assert_fresh (history, fixture->path);
}

/* A file another program wrote, with a version of its own. */
static void
test_set_aside_negative_version (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(VlHistory) history = NULL;
  g_autofree char *aside = NULL;

  exec_raw (fixture->path,
            "CREATE TABLE calls (id TEXT);"
            "PRAGMA user_version = -7;");

  history = open_history (fixture->path);
  aside = find_set_aside (fixture->path, history);
  g_assert_cmpint (query_raw_int (aside, "PRAGMA user_version"), ==, -7);
  assert_fresh (history, fixture->path);
}

static void
on_changed (VlHistory       *history,
            const char      *id,
            VlHistoryChange  change,
            GArray          *changes)
{
  g_array_append_val (changes, change);
}

/* Damage that opening does not see, found while reading. */
static void
test_set_aside_in_use (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *metadata = long_metadata ();
  g_autoptr(VlHistory) history = open_history (fixture->path);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE,
                                           sizeof (VlHistoryChange));
  g_autoptr(GByteArray) damaged = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  gsize length;

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *id = g_strdup_printf ("call-%032x", i);
      g_autoptr(VlCall) call = make_call (id, T0 + i, "ns", "WO-1", metadata,
                                          NULL, "sms", "2223334444", NULL);

      save (history, call);
    }
  g_clear_object (&history);

  whole = read_bytes (fixture->path);
  length = g_bytes_get_size (whole);
  damaged = g_byte_array_sized_new (length);
  g_byte_array_append (damaged, g_bytes_get_data (whole, NULL), length);
  memset (damaged->data + length / 3 / 4096 * 4096, 0xab, length / 3);
  g_clear_pointer (&whole, g_bytes_unref);
  whole = g_byte_array_free_to_bytes (g_steal_pointer (&damaged));
  write_bytes (fixture->path, whole);

  history = open_history (fixture->path);
  g_assert_null (vl_history_get_set_aside_path (history));
  g_signal_connect (history, "changed", G_CALLBACK (on_changed), changes);

  /* Reading every call meets the damage: the history sets the file aside
   * and answers from a new one.
   */
  calls = vl_history_list (history, NULL, 0, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calls->len, ==, 0);

  aside = find_set_aside (fixture->path, history);
  kept = read_bytes (aside);
  g_assert_true (g_bytes_equal (kept, whole));

  /* Listeners hear of it from the main loop. */
  g_assert_cmpuint (changes->len, ==, 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpint (g_array_index (changes, VlHistoryChange, 0), ==,
                   VL_HISTORY_CHANGE_MANY);

  assert_fresh (history, fixture->path);
}

/* Migration */

/* Version 1 as it was written, frozen here: the code must keep reading
 * it.
 */
static const char schema_1[] =
  "CREATE TABLE calls ("
  "  sort_key       INTEGER PRIMARY KEY,"
  "  id             TEXT NOT NULL UNIQUE,"
  "  environment    TEXT,"
  "  source_json    TEXT NOT NULL,"
  "  namespace      TEXT,"
  "  integration_id TEXT,"
  "  metadata_json  TEXT,"
  "  link           TEXT,"
  "  prepared_at    INTEGER NOT NULL,"
  "  updated_at     INTEGER NOT NULL"
  ");"
  "CREATE INDEX calls_order ON calls (sort_key);"
  "CREATE TABLE invitations ("
  "  call_id   TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,"
  "  position  INTEGER NOT NULL,"
  "  type      TEXT NOT NULL,"
  "  recipient TEXT NOT NULL,"
  "  PRIMARY KEY (call_id, position)"
  ") WITHOUT ROWID;"
  "INSERT INTO calls VALUES (1767225600000001,"
  "  'call-be76aecd347e4fe89e5e666372a57af9', 'production',"
  "  '{\"id\":\"call-be76aecd347e4fe89e5e666372a57af9\","
  "    \"invitations\":[{\"type\":\"sms\",\"recipient\":\"2223334444\"},"
  "                     {\"type\":\"email\",\"recipient\":\"a@example.com\"}],"
  "    \"integrationEntityId\":{\"namespace\":\"anamespace\","
  "                             \"id\":\"INTEG_ID\"},"
  "    \"callMetadataJSON\":\"{\\\"key\\\":\\\"Zürich\\\"}\","
  "    \"visionLiveLink\":\"https://example.com/live\"}',"
  "  'anamespace', 'INTEG_ID', '{\"key\":\"Zürich\"}',"
  "  'https://example.com/live', 1767225600000001, 1767225700000000);"
  "INSERT INTO invitations VALUES"
  "  ('call-be76aecd347e4fe89e5e666372a57af9', 0, 'sms', '2223334444'),"
  "  ('call-be76aecd347e4fe89e5e666372a57af9', 1, 'email',"
  "   'a@example.com');"
  "PRAGMA user_version = 1;";

static void
test_migration_from_1 (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *id = "call-be76aecd347e4fe89e5e666372a57af9";
  g_autoptr(VlHistory) history = NULL;
  g_autoptr(VlCall) call = NULL;
  g_autoptr(VlInvitation) second = NULL;
  g_autoptr(GError) error = NULL;

  exec_raw (fixture->path, schema_1);

  history = open_history (fixture->path);
  g_assert_null (vl_history_get_set_aside_path (history));
  g_assert_cmpint (query_raw_int (fixture->path, "PRAGMA user_version"), ==,
                   VL_HISTORY_SCHEMA_VERSION);

  g_assert_cmpuint (vl_history_count (history, NULL, &error), ==, 1);
  g_assert_no_error (error);
  call = vl_history_load (history, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vl_call_get_environment (call), ==, "production");
  g_assert_cmpint (usec_of (vl_call_get_prepared_at (call)), ==,
                   T0 + 1);
  g_assert_cmpstr (vl_call_get_integration_id (call), ==, "INTEG_ID");
  g_assert_cmpstr (vl_call_get_metadata_json (call), ==,
                   "{\"key\":\"Zürich\"}");
  g_assert_cmpstr (vl_call_get_link (call), ==, "https://example.com/live");
  second = g_list_model_get_item (vl_call_get_invitations (call), 1);
  g_assert_cmpstr (vl_invitation_get_recipient (second), ==,
                   "a@example.com");

  /* What the new version derives from the old rows is there. */
  assert_search (history, "zürich", id);
  assert_search (history, "(222) 333", id);
  assert_search (history, "a@example", id);
  assert_search (history, "anamespace", id);

  g_clear_object (&history);
  assert_sound (fixture->path);
}

static void
add_test (const char *path,
          void (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, test, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The child reports on standard output what it saved: messages go to
   * standard error.
   */
  if (argc == 3 && g_str_equal (argv[1], "--save-calls"))
    {
      g_log_writer_default_set_use_stderr (TRUE);
      return save_calls_child (argv[2]);
    }

  self_path = g_canonicalize_filename (argv[0], NULL);
  g_test_init (&argc, &argv, NULL);
  /* Out of the TAP stream, whatever G_MESSAGES_DEBUG turns on */
  g_log_writer_default_set_use_stderr (TRUE);

  g_test_add_func ("/history/open/default-path", test_default_path);
  add_test ("/history/open/private", test_open_private);
  add_test ("/history/save/round-trip", test_save_round_trip);
  add_test ("/history/save/minimal", test_save_minimal);
  add_test ("/history/save/refresh", test_save_refresh);
  add_test ("/history/save/stamps-time", test_save_stamps_time);
  add_test ("/history/save/checkpoint", test_save_checkpoint);
  add_test ("/history/save/merge-when-idle", test_save_merge);
  add_test ("/history/list/newest-first", test_list_newest_first);
  add_test ("/history/search/fields", test_search_fields);
  add_test ("/history/search/case", test_search_case);
  add_test ("/history/search/short", test_search_short);
  add_test ("/history/search/words", test_search_words);
  add_test ("/history/search/special", test_search_special);
  add_test ("/history/remove/undo", test_remove_undo);
  add_test ("/history/remove/unknown", test_remove_unknown);
  add_test ("/history/model/paging", test_model_paging);
  add_test ("/history/model/changes", test_model_changes);
  add_test ("/history/model/other-process", test_model_other_process);
  add_test ("/history/model/other-process-unread",
            test_model_other_process_unread);
  add_test ("/history/other-changes", test_other_changes);
  add_test ("/history/model/search-property", test_model_search_property);
  add_test ("/history/crash/sigkill", test_crash_kill);
  add_test ("/history/set-aside/random-bytes", test_set_aside_random);
  add_test ("/history/set-aside/truncated", test_set_aside_truncated);
  add_test ("/history/set-aside/future-version", test_set_aside_future);
  add_test ("/history/set-aside/foreign", test_set_aside_foreign);
  add_test ("/history/set-aside/negative-version",
            test_set_aside_negative_version);
  add_test ("/history/set-aside/damaged-in-use", test_set_aside_in_use);
  add_test ("/history/migration/from-1", test_migration_from_1);

  status = g_test_run ();
  g_free (self_path);

  return status;
}

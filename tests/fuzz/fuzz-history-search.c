/* fuzz-history-search.c: search text as the history's search field and
 * "vision-live history --search" hand it to the call history
 * (vl_history_count(), vl_history_list()), over a history of a few calls.
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "vl-history.h"

/* Three calls as the service returns them, each one string */
static const char *calls[] = {
  ("{\"id\": \"call-be76aecd347e4fe89e5e666372a57af9\", \"invitations\": "
   "[{\"type\": \"sms\", \"recipient\": \"2223334444\"}], "
   "\"integrationEntityId\": {\"namespace\": \"anamespace\", "
   "\"id\": \"INTEG_ID\"}, "
   "\"callMetadataJSON\": \"{\\\"key\\\":\\\"VALUE\\\"}\"}"),
  ("{\"id\": \"call-2\", \"invitations\": "
   "[{\"type\": \"email\", \"recipient\": \"tech@example.com\"}], "
   "\"callMetadataJSON\": "
   "\"{\\\"site\\\":\\\"Büro Köln\\\",\\\"n\\\":[1,2.5]}\"}"),
  ("{\"id\": \"call-3\", \"integrationEntityId\": {\"namespace\": \"acme\", "
   "\"id\": \"WO-(222) 333-4444\"}, \"callMetadataJSON\": \"not JSON\"}"),
};

static char *dir;
static VlHistory *history;

static void
remove_history (void)
{
  const char *names[] = { "history.sqlite", "history.sqlite-wal",
                          "history.sqlite-shm" };

  g_clear_object (&history);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
open_history (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *path = NULL;

  dir = g_dir_make_tmp ("vl-fuzz-history-XXXXXX", &error);
  fuzz_check (dir != NULL);
  path = g_build_filename (dir, "history.sqlite", NULL);
  history = vl_history_open (path, &error);
  fuzz_check (history != NULL);
  atexit (remove_history);

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (calls[i], &error);
      g_autoptr(VlCall) call = NULL;

      fuzz_check (node != NULL);
      call = vl_call_new_from_json (node, &error);
      fuzz_check (call != NULL);
      vl_call_set_environment (call, "demo");
      vl_call_set_prepared_at (call, now);
      fuzz_check (vl_history_save (history, call, &error));
    }

  /* The searches below have something to find */
  fuzz_check (vl_history_count (history, NULL, NULL) == G_N_ELEMENTS (calls));
  fuzz_check (vl_history_count (history, "köln", NULL) == 1);
  fuzz_check (vl_history_count (history, "333-4444", NULL) == 2);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_dup_text (data, size);
  g_autoptr(GError) count_error = NULL;
  g_autoptr(GError) list_error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  guint count;

  fuzz_init ();
  if (history == NULL)
    open_history ();

  /* Any text is a search: it finds some calls or none, never an error */
  count = vl_history_count (history, text, &count_error);
  fuzz_check (count_error == NULL);
  fuzz_check (count <= G_N_ELEMENTS (calls));

  found = vl_history_list (history, text, 0, 10, &list_error);
  fuzz_check (list_error == NULL && found != NULL);
  fuzz_check (found->len == count);

  for (guint i = 0; i < found->len; i++)
    fuzz_check (vl_call_get_id (g_ptr_array_index (found, i)) != NULL);

  return 0;
}

/* fuzz-metadata.c: metadata JSON, as the metadata editor checks it
 * (vl_parse_metadata(), vl_normalize_metadata()) and as the call view
 * splits it into rows (vl_metadata_split()).
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "vl-call.h"
#include "vl-error.h"
#include "vl-validate.h"

static void
check_entries (const char *text)
{
  g_autoptr(GPtrArray) entries = vl_metadata_split (text);

  if (entries == NULL)
    return;

  for (guint i = 0; i < entries->len; i++)
    {
      VlMetadataEntry *entry = g_ptr_array_index (entries, i);

      fuzz_check (entry->key != NULL && entry->value != NULL);
      fuzz_check (g_utf8_validate (entry->key, -1, NULL));
      fuzz_check (g_utf8_validate (entry->value, -1, NULL));
    }
}

static void
check_normalized (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonObject) object = NULL;

  normalized = vl_normalize_metadata (text, &error);
  if (normalized == NULL)
    {
      if (error != NULL)
        {
          fuzz_check (g_error_matches (error, VL_CLIENT_ERROR,
                                       VL_CLIENT_ERROR_INVALID_INPUT));
          fuzz_check (g_utf8_validate (error->message, -1, NULL));
        }
      return;
    }

  /* What is sent reads back as the same object, and the call view shows
   * one row per member of it.
   */
  again = vl_normalize_metadata (normalized, &again_error);
  fuzz_check (again_error == NULL);
  fuzz_check (g_strcmp0 (again, normalized) == 0);

  object = vl_parse_metadata (normalized, NULL);
  entries = vl_metadata_split (normalized);
  fuzz_check (object != NULL && entries != NULL);
  fuzz_check (entries->len == json_object_get_size (object));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_dup_text (data, size);
  g_autoptr(VlCall) call = NULL;

  fuzz_init ();

  check_entries (text);
  check_normalized (text);

  /* A call keeps any string the service stores as its metadata */
  if (g_utf8_validate (text, -1, NULL))
    {
      call = vl_call_new ();
      vl_call_set_metadata_json (call, text);
      fuzz_check (g_strcmp0 (vl_call_get_metadata_json (call), text) == 0);
    }

  return 0;
}

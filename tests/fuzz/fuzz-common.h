/* fuzz-common.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <glib.h>

/* What the harnesses share: warnings and criticals abort, so that libFuzzer
 * keeps the input as a finding, and a check that fails does the same.
 */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static inline void
fuzz_init (void)
{
  static gboolean done = FALSE;

  if (done)
    return;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  done = TRUE;
}

/* The input as a string, cut at its first NUL as a C caller would see it */
static inline char *
fuzz_dup_text (const uint8_t *data,
               size_t         size)
{
  return g_strndup ((const char *) data, size);
}

#define fuzz_check(condition)                                           \
  G_STMT_START                                                          \
  {                                                                     \
    if (!(condition))                                                   \
      {                                                                 \
        g_printerr ("%s:%d: check failed: %s\n", __FILE__, __LINE__,    \
                    #condition);                                        \
        abort ();                                                       \
      }                                                                 \
  }                                                                     \
  G_STMT_END

static inline gboolean
fuzz_is_utf8_or_null (const char *text)
{
  return text == NULL || g_utf8_validate (text, -1, NULL);
}

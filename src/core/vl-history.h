/* vl-history.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vl-call.h"

G_BEGIN_DECLS

#define VL_HISTORY_ERROR (vl_history_error_quark ())

/**
 * VlHistoryError:
 * @VL_HISTORY_ERROR_CANNOT_OPEN: no history could be opened or created at
 *   that place, not even a new one (a folder that cannot be written, a
 *   damaged file that cannot be moved aside)
 * @VL_HISTORY_ERROR_FAILED: reading or writing failed (a full disk, a file
 *   that another program keeps locked); the message says which
 * @VL_HISTORY_ERROR_DAMAGED: the file turned out to be damaged while in
 *   use. Callers do not see it: the history sets the file aside, starts a
 *   new one and tries the operation again
 * @VL_HISTORY_ERROR_NOT_FOUND: no stored call has this id
 */
typedef enum
{
  VL_HISTORY_ERROR_CANNOT_OPEN,
  VL_HISTORY_ERROR_FAILED,
  VL_HISTORY_ERROR_DAMAGED,
  VL_HISTORY_ERROR_NOT_FOUND,
} VlHistoryError;

/**
 * VlHistoryChange:
 * @VL_HISTORY_CHANGE_ADDED: a call was stored for the first time
 * @VL_HISTORY_CHANGE_UPDATED: a stored call was saved again (refreshed)
 * @VL_HISTORY_CHANGE_REMOVED: a call was removed
 * @VL_HISTORY_CHANGE_MANY: any number of calls changed at once (a batch,
 *   or a damaged file replaced by a new one); the id is %NULL
 *
 * What the #VlHistory::changed signal reports.
 */
typedef enum
{
  VL_HISTORY_CHANGE_ADDED,
  VL_HISTORY_CHANGE_UPDATED,
  VL_HISTORY_CHANGE_REMOVED,
  VL_HISTORY_CHANGE_MANY,
} VlHistoryChange;

/* The version of the database layout this code writes, in
 * PRAGMA user_version. Older files are migrated step by step when they are
 * opened; newer ones are set aside.
 */
#define VL_HISTORY_SCHEMA_VERSION 2

#define VL_TYPE_HISTORY (vl_history_get_type ())

G_DECLARE_FINAL_TYPE (VlHistory, vl_history, VL, HISTORY, GObject)

/* Every call prepared or fetched, in an SQLite database, newest first.
 *
 * The API is synchronous and meant for the main thread: each function
 * touches a page of rows at most, through indexes (a full-text trigram
 * index for searches). build-aux/bench-history measures it on 100 000
 * calls. A save returns once the call is on disk (write-ahead log synced
 * at each commit), so a crash or a power cut afterwards cannot lose it.
 * What a save leaves for later (merging the search index, copying the log
 * into the database) runs in small steps when the main loop is idle.
 *
 * Changes made by another process (the command line while the window is
 * open) are read by the next query, and signalled once
 * vl_history_check_other_changes() is called.
 */
GQuark      vl_history_error_quark        (void);

char       *vl_history_get_default_path   (void);

VlHistory  *vl_history_open               (const char    *path,
                                           GError       **error);
const char *vl_history_get_path           (VlHistory     *self);
const char *vl_history_get_set_aside_path (VlHistory     *self);

gboolean    vl_history_save               (VlHistory     *self,
                                           VlCall        *call,
                                           GError       **error);
gboolean    vl_history_save_many          (VlHistory     *self,
                                           VlCall * const *calls,
                                           guint          n_calls,
                                           GError       **error);
gboolean    vl_history_remove             (VlHistory     *self,
                                           const char    *id,
                                           GError       **error);
VlCall     *vl_history_load               (VlHistory     *self,
                                           const char    *id,
                                           GError       **error);

guint       vl_history_count              (VlHistory     *self,
                                           const char    *search,
                                           GError       **error);
GPtrArray  *vl_history_list               (VlHistory     *self,
                                           const char    *search,
                                           guint          offset,
                                           guint          limit,
                                           GError       **error);
gboolean    vl_history_check_other_changes (VlHistory    *self);
gboolean    vl_history_find               (VlHistory     *self,
                                           const char    *search,
                                           const char    *id,
                                           guint         *position,
                                           GError       **error);

G_END_DECLS

/* vl-history-row.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vl-call.h"

G_BEGIN_DECLS

#define VL_TYPE_HISTORY_ROW (vl_history_row_get_type ())

G_DECLARE_FINAL_TYPE (VlHistoryRow, vl_history_row, VL, HISTORY_ROW, AdwBin)

/* One stored call in the history list: whom it invited, its work order,
 * its id, its environment and how long ago it was prepared.
 */
GtkWidget  *vl_history_row_new             (void);
VlCall     *vl_history_row_get_call        (VlHistoryRow *self);
void        vl_history_row_set_call        (VlHistoryRow *self,
                                            VlCall       *call);
/* Works out "5 minutes ago" again. */
void        vl_history_row_update_time     (VlHistoryRow *self);

/* What the row shows, for the tests */
const char *vl_history_row_get_title       (VlHistoryRow *self);
const char *vl_history_row_get_subtitle    (VlHistoryRow *self);
const char *vl_history_row_get_time        (VlHistoryRow *self);
const char *vl_history_row_get_environment (VlHistoryRow *self);

G_END_DECLS

/* vl-history-pane.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vl-history.h"

G_BEGIN_DECLS

#define VL_TYPE_HISTORY_PANE (vl_history_pane_get_type ())

G_DECLARE_FINAL_TYPE (VlHistoryPane, vl_history_pane, VL, HISTORY_PANE, AdwBin)

/* The sidebar of stored calls, newest first, with a search field.
 * Selecting a call emits ::call-activated with it; a click or Enter on it
 * then ::call-picked.
 */
GtkWidget *vl_history_pane_new          (void);

/* The history to list, or %NULL with vl_history_pane_set_problem() when
 * there is none.
 */
void       vl_history_pane_set_history  (VlHistoryPane *self,
                                         VlHistory     *history);
/* Says why there is no history, in words that say what to do. */
void       vl_history_pane_set_problem  (VlHistoryPane *self,
                                         const char    *message);

/* Marks the call with @id as the one shown, or none with %NULL. */
void       vl_history_pane_select_call  (VlHistoryPane *self,
                                         const char    *id);
void       vl_history_pane_focus_search (VlHistoryPane *self);
void       vl_history_pane_focus_list   (VlHistoryPane *self);
void       vl_history_pane_update_times (VlHistoryPane *self);

G_END_DECLS

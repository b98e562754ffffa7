/* vl-history-pane-private.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vl-history-pane.h"

G_BEGIN_DECLS

/* The parts of the pane the tests drive and read. */
GListModel  *vl_history_pane_get_model         (VlHistoryPane *self);
GtkEditable *vl_history_pane_get_search_editable (VlHistoryPane *self);
/* "opening", "list", "empty", "no-results" or "unavailable" */
const char  *vl_history_pane_get_page          (VlHistoryPane *self);
const char  *vl_history_pane_get_problem       (VlHistoryPane *self);
/* The position marked as shown, or GTK_INVALID_LIST_POSITION */
guint        vl_history_pane_get_selected      (VlHistoryPane *self);
/* Picks the call at @position, as a click on its row does
 * (::call-activated, then ::call-picked).
 */
void         vl_history_pane_pick              (VlHistoryPane *self,
                                                guint          position);

/* Moves the selection to @position, as the arrow keys do. */
void         vl_history_pane_move_to           (VlHistoryPane *self,
                                                guint          position);

GtkListView *vl_history_pane_get_list_view      (VlHistoryPane *self);

G_END_DECLS

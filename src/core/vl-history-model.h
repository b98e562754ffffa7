/* vl-history-model.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vl-history.h"

G_BEGIN_DECLS

#define VL_TYPE_HISTORY_MODEL (vl_history_model_get_type ())

G_DECLARE_FINAL_TYPE (VlHistoryModel, vl_history_model, VL, HISTORY_MODEL,
                      GObject)

/* The stored calls that match a search, newest first, as a #GListModel of
 * #VlCall. It counts the matches and reads them a page at a time, when
 * they are asked for, keeping a few pages; it follows the history's
 * changes with the smallest items-changed it can tell.
 */
VlHistoryModel *vl_history_model_new         (VlHistory      *history);
VlHistory      *vl_history_model_get_history (VlHistoryModel *self);
const char     *vl_history_model_get_search  (VlHistoryModel *self);
void            vl_history_model_set_search  (VlHistoryModel *self,
                                              const char     *search);

G_END_DECLS

/* vl-call-view-private.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vl-call-view.h"

G_BEGIN_DECLS

/* What the view shows, for the tests. The arrays hold AdwActionRow, in
 * the order shown, and belong to the view.
 */
const char   *vl_call_view_get_id_text          (VlCallView *self);
GPtrArray    *vl_call_view_get_invitation_rows  (VlCallView *self);
GPtrArray    *vl_call_view_get_work_order_rows  (VlCallView *self);
GPtrArray    *vl_call_view_get_metadata_rows    (VlCallView *self);
AdwActionRow *vl_call_view_get_link_row         (VlCallView *self);
GtkWidget    *vl_call_view_get_open_button      (VlCallView *self);
GtkWidget    *vl_call_view_get_copy_link_button (VlCallView *self);
const char   *vl_call_view_get_refresh_status   (VlCallView *self);
const char   *vl_call_view_get_notice           (VlCallView *self);
GtkWidget    *vl_call_view_get_action_row       (VlCallView *self,
                                                 const char *action_name);

G_END_DECLS

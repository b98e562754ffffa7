/* vl-call-view.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vl-call.h"

G_BEGIN_DECLS

#define VL_TYPE_CALL_VIEW (vl_call_view_get_type ())

G_DECLARE_FINAL_TYPE (VlCallView, vl_call_view, VL, CALL_VIEW, AdwBin)

/* Shows one prepared call, or a placeholder before there is any. The
 * "open-link" signal asks for the call's link to be opened; copying the
 * id or the link is handled here.
 */
GtkWidget *vl_call_view_new      (void);

VlCall    *vl_call_view_get_call (VlCallView *self);
void       vl_call_view_set_call (VlCallView *self,
                                  VlCall     *call);
void       vl_call_view_focus    (VlCallView *self);
void       vl_call_view_set_refresh_status (VlCallView *self,
                                            const char *status);

G_END_DECLS

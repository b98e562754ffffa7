/* vl-window.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vl-application.h"
#include "vl-call.h"

G_BEGIN_DECLS

#define VL_TYPE_WINDOW (vl_window_get_type ())

G_DECLARE_FINAL_TYPE (VlWindow, vl_window, VL, WINDOW, AdwApplicationWindow)

/* The main window: the call form beside the call last prepared or looked
 * up. It talks to the service through the application's client.
 */
VlWindow *vl_window_new          (VlApplication *application);

/* For vision-live: links (see vl-launch-uri.h): fill in the form for the
 * dispatcher to check, never sending it; or say why the link cannot be
 * used, leaving the form as it is.
 */
void      vl_window_load_draft   (VlWindow      *self,
                                  VlCall        *draft);
void      vl_window_refuse_link  (VlWindow      *self,
                                  const char    *message);

G_END_DECLS

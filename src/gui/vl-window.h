/* vl-window.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vl-application.h"

G_BEGIN_DECLS

#define VL_TYPE_WINDOW (vl_window_get_type ())

G_DECLARE_FINAL_TYPE (VlWindow, vl_window, VL, WINDOW, AdwApplicationWindow)

/* The main window: the call form beside the call last prepared or looked
 * up. It talks to the service through the application's client.
 */
VlWindow *vl_window_new (VlApplication *application);

G_END_DECLS

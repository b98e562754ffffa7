/* vl-preferences-window.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vl-application.h"
#include "vl-environment.h"

G_BEGIN_DECLS

#define VL_TYPE_PREFERENCES_WINDOW (vl_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (VlPreferencesWindow, vl_preferences_window,
                      VL, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The accounts of each environment: API key and secret, and the custom
 * addresses. Modal, over @parent.
 */
VlPreferencesWindow *
vl_preferences_window_new              (VlApplication       *application,
                                        GtkWindow           *parent);

/* Brings the account of @environment into view, focused. */
void
vl_preferences_window_show_environment (VlPreferencesWindow *self,
                                        VlEnvironment        environment);

G_END_DECLS

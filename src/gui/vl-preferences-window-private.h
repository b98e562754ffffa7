/* vl-preferences-window-private.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vl-account-group-private.h"
#include "vl-preferences-window.h"

G_BEGIN_DECLS

/* The account of @environment, or %NULL for the demo, which has none. */
VlAccountGroup *vl_preferences_window_get_group (VlPreferencesWindow *self,
                                                 VlEnvironment        env);

/* The environment last brought into view. */
VlEnvironment   vl_preferences_window_get_shown_environment
                                                (VlPreferencesWindow *self);

AdwMessageDialog *vl_preferences_window_get_unsaved_dialog
                                                 (VlPreferencesWindow *self);

G_END_DECLS

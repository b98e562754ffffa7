/* vl-account-group.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vl-application.h"
#include "vl-environment.h"

G_BEGIN_DECLS

#define VL_TYPE_ACCOUNT_GROUP (vl_account_group_get_type ())

G_DECLARE_FINAL_TYPE (VlAccountGroup, vl_account_group,
                      VL, ACCOUNT_GROUP, AdwPreferencesGroup)

/* The API key and secret of one environment, and for the custom one its
 * two addresses: read from the keyring, tested, saved, forgotten, or
 * kept in memory when there is no keyring.
 */
GtkWidget     *vl_account_group_new              (VlEnvironment   environment);
VlEnvironment  vl_account_group_get_environment  (VlAccountGroup *self);

/* Fills the group from @application and, without waiting for it, from
 * the keyring.
 */
void           vl_account_group_set_application  (VlAccountGroup *self,
                                                  VlApplication  *application);

gboolean       vl_account_group_has_unsaved_credentials
                                                 (VlAccountGroup *self);

/* Moves the keyboard focus to the first field that needs attention. */
void           vl_account_group_focus            (VlAccountGroup *self);

G_END_DECLS

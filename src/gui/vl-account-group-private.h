/* vl-account-group-private.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vl-account-group.h"

G_BEGIN_DECLS

/* What the status line under an account shows. */
typedef enum
{
  VL_ACCOUNT_STATUS_NONE,
  VL_ACCOUNT_STATUS_BUSY,
  VL_ACCOUNT_STATUS_INFO,
  VL_ACCOUNT_STATUS_SUCCESS,
  VL_ACCOUNT_STATUS_ERROR,
} VlAccountStatus;

/* The parts of the group the tests drive and read. */
GtkEditable     *vl_account_group_get_graphql_editable (VlAccountGroup *self);
GtkEditable     *vl_account_group_get_token_editable   (VlAccountGroup *self);
GtkEditable     *vl_account_group_get_key_editable     (VlAccountGroup *self);
GtkEditable     *vl_account_group_get_secret_editable  (VlAccountGroup *self);
GtkWidget       *vl_account_group_get_test_button      (VlAccountGroup *self);
GtkWidget       *vl_account_group_get_save_button      (VlAccountGroup *self);
GtkWidget       *vl_account_group_get_forget_button    (VlAccountGroup *self);
GtkWidget       *vl_account_group_get_keep_button      (VlAccountGroup *self);

VlAccountStatus  vl_account_group_get_status_kind      (VlAccountGroup *self);
/* The text of the status line, or %NULL. */
const char      *vl_account_group_get_status           (VlAccountGroup *self);
/* Why the keyring cannot be used, or %NULL. */
const char      *vl_account_group_get_keyring_problem  (VlAccountGroup *self);
/* What is wrong with a custom address, or %NULL. */
const char      *vl_account_group_get_address_problem  (VlAccountGroup *self);
/* Whether the keyring or the service is still to answer. */
gboolean         vl_account_group_get_busy             (VlAccountGroup *self);

G_END_DECLS

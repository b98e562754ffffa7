/* vl-invitation-row.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vl-invitation.h"

G_BEGIN_DECLS

#define VL_TYPE_INVITATION_ROW (vl_invitation_row_get_type ())

G_DECLARE_FINAL_TYPE (VlInvitationRow, vl_invitation_row,
                      VL, INVITATION_ROW, AdwPreferencesRow)

/* One invitation being edited: its type, the recipient as typed (checked
 * as it is typed) and a button asking to remove it ("remove" signal).
 */
GtkWidget        *vl_invitation_row_new           (void);

VlInvitationType  vl_invitation_row_get_kind      (VlInvitationRow  *self);
void              vl_invitation_row_set_kind      (VlInvitationRow  *self,
                                                   VlInvitationType  kind);
const char       *vl_invitation_row_get_text      (VlInvitationRow  *self);
void              vl_invitation_row_set_text      (VlInvitationRow  *self,
                                                   const char       *text);

/* The recipient as it will be sent, or %NULL while it is empty or not
 * valid.
 */
const char       *vl_invitation_row_get_recipient (VlInvitationRow  *self);

/* What is wrong with the recipient as typed, or %NULL. */
const char       *vl_invitation_row_get_problem   (VlInvitationRow  *self);
gboolean          vl_invitation_row_is_empty      (VlInvitationRow  *self);

GtkEditable      *vl_invitation_row_get_editable  (VlInvitationRow  *self);

G_END_DECLS

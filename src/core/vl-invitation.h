/* vl-invitation.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * VlInvitationType:
 * @VL_INVITATION_TYPE_SMS: a text message to a phone number
 * @VL_INVITATION_TYPE_EMAIL: an e-mail message
 *
 * How an invitation reaches its recipient. The enum nick of each value is
 * the word the service uses on the wire, so this is the one list of types.
 */
typedef enum
{
  VL_INVITATION_TYPE_SMS,
  VL_INVITATION_TYPE_EMAIL,
} VlInvitationType;

#define VL_TYPE_INVITATION (vl_invitation_get_type ())

G_DECLARE_FINAL_TYPE (VlInvitation, vl_invitation, VL, INVITATION, GObject)

VlInvitation     *vl_invitation_new           (VlInvitationType  type,
                                               const char       *recipient);
VlInvitationType  vl_invitation_get_kind      (VlInvitation     *self);
void              vl_invitation_set_kind      (VlInvitation     *self,
                                               VlInvitationType  type);
const char       *vl_invitation_get_recipient (VlInvitation     *self);
void              vl_invitation_set_recipient (VlInvitation     *self,
                                               const char       *recipient);

const char       *vl_invitation_type_to_string   (VlInvitationType  type);
gboolean          vl_invitation_type_from_string (const char       *nick,
                                                  VlInvitationType *type);

G_END_DECLS

/* vl-invitation.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vl-enums.h"
#include "vl-invitation.h"
#include "vl-util.h"

struct _VlInvitation
{
  GObject           parent_instance;

  VlInvitationType  kind;
  char             *recipient;
};

G_DEFINE_FINAL_TYPE (VlInvitation, vl_invitation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_RECIPIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
vl_invitation_finalize (GObject *object)
{
  VlInvitation *self = (VlInvitation *)object;

  g_clear_pointer (&self->recipient, g_free);

  G_OBJECT_CLASS (vl_invitation_parent_class)->finalize (object);
}

static void
vl_invitation_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VlInvitation *self = VL_INVITATION (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_RECIPIENT:
      g_value_set_string (value, self->recipient);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_invitation_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VlInvitation *self = VL_INVITATION (object);

  switch (prop_id)
    {
    case PROP_KIND:
      vl_invitation_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_RECIPIENT:
      vl_invitation_set_recipient (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_invitation_class_init (VlInvitationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vl_invitation_finalize;
  object_class->get_property = vl_invitation_get_property;
  object_class->set_property = vl_invitation_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       VL_TYPE_INVITATION_TYPE,
                       VL_INVITATION_TYPE_SMS,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_RECIPIENT] =
    g_param_spec_string ("recipient", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vl_invitation_init (VlInvitation *self)
{
}

VlInvitation *
vl_invitation_new (VlInvitationType  type,
                   const char       *recipient)
{
  return g_object_new (VL_TYPE_INVITATION,
                       "kind", type,
                       "recipient", recipient,
                       NULL);
}

VlInvitationType
vl_invitation_get_kind (VlInvitation *self)
{
  g_return_val_if_fail (VL_IS_INVITATION (self), VL_INVITATION_TYPE_SMS);

  return self->kind;
}

void
vl_invitation_set_kind (VlInvitation     *self,
                        VlInvitationType  type)
{
  g_return_if_fail (VL_IS_INVITATION (self));

  if (self->kind == type)
    return;

  self->kind = type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
vl_invitation_get_recipient (VlInvitation *self)
{
  g_return_val_if_fail (VL_IS_INVITATION (self), NULL);

  return self->recipient;
}

void
vl_invitation_set_recipient (VlInvitation *self,
                             const char   *recipient)
{
  g_return_if_fail (VL_IS_INVITATION (self));

  if (vl_set_str (&self->recipient, recipient))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECIPIENT]);
}

/**
 * vl_invitation_type_to_string:
 *
 * Returns: the word the service uses for @type ("sms", "email").
 */
const char *
vl_invitation_type_to_string (VlInvitationType type)
{
  return vl_enum_to_nick (VL_TYPE_INVITATION_TYPE, type);
}

gboolean
vl_invitation_type_from_string (const char       *nick,
                                VlInvitationType *type)
{
  int value;

  if (!vl_enum_from_nick (VL_TYPE_INVITATION_TYPE, nick, &value))
    return FALSE;

  if (type != NULL)
    *type = value;

  return TRUE;
}

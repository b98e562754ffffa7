/* vl-invitation-row.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vl-enums.h"
#include "vl-gui-util.h"
#include "vl-invitation-row.h"
#include "vl-validate.h"

struct _VlInvitationRow
{
  AdwPreferencesRow  parent_instance;

  GtkDropDown       *type_dropdown;
  GtkEntry          *recipient_entry;
  GtkLabel          *message_label;

  char              *recipient;
  char              *problem;
};

G_DEFINE_FINAL_TYPE (VlInvitationRow, vl_invitation_row,
                     ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TEXT,
  PROP_RECIPIENT,
  PROP_PROBLEM,
  N_PROPS
};

enum {
  CHANGED,
  REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
invitation_type_label (gpointer this_,
                       int      value)
{
  return g_strdup (vl_invitation_type_get_label (value));
}

static void
show_message (VlInvitationRow *self,
              const char      *message,
              gboolean         is_error)
{
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);

  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label),
                                   "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label),
                                "dim-label");
    }
}

static void
update_placeholder (VlInvitationRow *self)
{
  GtkEntry *entry = self->recipient_entry;

  switch (vl_invitation_row_get_kind (self))
    {
    case VL_INVITATION_TYPE_SMS:
      gtk_entry_set_placeholder_text (entry, _("Phone number"));
      gtk_entry_set_input_purpose (entry, GTK_INPUT_PURPOSE_PHONE);
      break;

    case VL_INVITATION_TYPE_EMAIL:
      gtk_entry_set_placeholder_text (entry, _("E-mail address"));
      gtk_entry_set_input_purpose (entry, GTK_INPUT_PURPOSE_EMAIL);
      break;

    default:
      gtk_entry_set_placeholder_text (entry, _("Recipient"));
      gtk_entry_set_input_purpose (entry, GTK_INPUT_PURPOSE_FREE_FORM);
      break;
    }
}

/* Checks the recipient as typed, every time the text or the type
 * changes, and says at once what is wrong or what will be sent.
 */
static void
validate (VlInvitationRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = NULL;
  const char *text;

  g_clear_pointer (&self->recipient, g_free);
  g_clear_pointer (&self->problem, g_free);

  text = gtk_editable_get_text (GTK_EDITABLE (self->recipient_entry));
  stripped = g_strstrip (g_strdup (text));

  if (stripped[0] == '\0')
    {
      show_message (self, NULL, FALSE);
    }
  else
    {
      self->recipient = vl_normalize_recipient (vl_invitation_row_get_kind (self),
                                                text, &error);
      if (self->recipient == NULL)
        {
          self->problem = g_strdup (error->message);
          show_message (self, self->problem, TRUE);
        }
      else if (!g_str_equal (self->recipient, stripped))
        {
          g_autofree char *hint = NULL;

          /* Translators: %s is a phone number or an e-mail address */
          hint = g_strdup_printf (_("Will be sent as %s"), self->recipient);
          show_message (self, hint, FALSE);
        }
      else
        {
          show_message (self, NULL, FALSE);
        }
    }

  vl_gui_set_invalid (GTK_WIDGET (self->recipient_entry),
                      self->problem != NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECIPIENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_type_selected (VlInvitationRow *self)
{
  update_placeholder (self);
  validate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

static void
on_recipient_changed (VlInvitationRow *self)
{
  validate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[REMOVE], 0);
}

static void
vl_invitation_row_finalize (GObject *object)
{
  VlInvitationRow *self = VL_INVITATION_ROW (object);

  g_free (self->recipient);
  g_free (self->problem);

  G_OBJECT_CLASS (vl_invitation_row_parent_class)->finalize (object);
}

static void
vl_invitation_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VlInvitationRow *self = VL_INVITATION_ROW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, vl_invitation_row_get_kind (self));
      break;

    case PROP_TEXT:
      g_value_set_string (value, vl_invitation_row_get_text (self));
      break;

    case PROP_RECIPIENT:
      g_value_set_string (value, self->recipient);
      break;

    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_invitation_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  VlInvitationRow *self = VL_INVITATION_ROW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      vl_invitation_row_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_TEXT:
      vl_invitation_row_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_invitation_row_class_init (VlInvitationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = vl_invitation_row_finalize;
  object_class->get_property = vl_invitation_row_get_property;
  object_class->set_property = vl_invitation_row_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       VL_TYPE_INVITATION_TYPE,
                       VL_INVITATION_TYPE_SMS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  properties[PROP_RECIPIENT] =
    g_param_spec_string ("recipient", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after every change of the type or of the text. */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* Emitted when the dispatcher asks to remove this invitation. */
  signals[REMOVE] =
    g_signal_new ("remove",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* The template builds its type list from the registered enum. */
  g_type_ensure (VL_TYPE_INVITATION_TYPE);

  gtk_widget_class_set_template_from_resource (widget_class,
      "/io/github/visionlive/Launcher/vl-invitation-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VlInvitationRow,
                                        type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VlInvitationRow,
                                        recipient_entry);
  gtk_widget_class_bind_template_child (widget_class, VlInvitationRow,
                                        message_label);
  gtk_widget_class_bind_template_callback (widget_class,
                                           invitation_type_label);
  gtk_widget_class_bind_template_callback (widget_class, on_type_selected);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_recipient_changed);

  gtk_widget_class_install_action (widget_class, "invitation.remove", NULL,
                                   remove_action);
}

static void
vl_invitation_row_init (VlInvitationRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  update_placeholder (self);
}

GtkWidget *
vl_invitation_row_new (void)
{
  return g_object_new (VL_TYPE_INVITATION_ROW, NULL);
}

VlInvitationType
vl_invitation_row_get_kind (VlInvitationRow *self)
{
  AdwEnumListItem *item;

  g_return_val_if_fail (VL_IS_INVITATION_ROW (self), VL_INVITATION_TYPE_SMS);

  item = gtk_drop_down_get_selected_item (self->type_dropdown);
  if (item == NULL)
    return VL_INVITATION_TYPE_SMS;

  return adw_enum_list_item_get_value (item);
}

void
vl_invitation_row_set_kind (VlInvitationRow  *self,
                            VlInvitationType  kind)
{
  AdwEnumListModel *model;
  guint position;

  g_return_if_fail (VL_IS_INVITATION_ROW (self));

  model = ADW_ENUM_LIST_MODEL (gtk_drop_down_get_model (self->type_dropdown));
  position = adw_enum_list_model_find_position (model, kind);

  /* on_type_selected () notifies */
  gtk_drop_down_set_selected (self->type_dropdown, position);
}

const char *
vl_invitation_row_get_text (VlInvitationRow *self)
{
  g_return_val_if_fail (VL_IS_INVITATION_ROW (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->recipient_entry));
}

void
vl_invitation_row_set_text (VlInvitationRow *self,
                            const char      *text)
{
  g_return_if_fail (VL_IS_INVITATION_ROW (self));

  /* on_recipient_changed () notifies */
  gtk_editable_set_text (GTK_EDITABLE (self->recipient_entry),
                         text ? text : "");
}

const char *
vl_invitation_row_get_recipient (VlInvitationRow *self)
{
  g_return_val_if_fail (VL_IS_INVITATION_ROW (self), NULL);

  return self->recipient;
}

const char *
vl_invitation_row_get_problem (VlInvitationRow *self)
{
  g_return_val_if_fail (VL_IS_INVITATION_ROW (self), NULL);

  return self->problem;
}

gboolean
vl_invitation_row_is_empty (VlInvitationRow *self)
{
  g_return_val_if_fail (VL_IS_INVITATION_ROW (self), TRUE);

  return self->recipient == NULL && self->problem == NULL;
}

GtkEditable *
vl_invitation_row_get_editable (VlInvitationRow *self)
{
  g_return_val_if_fail (VL_IS_INVITATION_ROW (self), NULL);

  return GTK_EDITABLE (self->recipient_entry);
}

/* vl-gui-util.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "vl-enums.h"
#include "vl-environment.h"
#include "vl-gui-util.h"

const char *
vl_invitation_type_get_label (VlInvitationType type)
{
  g_autoptr(GEnumClass) enum_class = NULL;
  GEnumValue *value;

  switch (type)
    {
    case VL_INVITATION_TYPE_SMS:
      /* Translators: an invitation sent as a text message */
      return _("SMS");

    case VL_INVITATION_TYPE_EMAIL:
      /* Translators: an invitation sent as an e-mail message */
      return _("E-mail");

    default:
      break;
    }

  /* A type added to the enum but not given a label yet still shows up,
   * under the word the service uses for it.
   */
  enum_class = g_type_class_ref (VL_TYPE_INVITATION_TYPE);
  value = g_enum_get_value (enum_class, type);

  return value != NULL ? value->value_nick : "";
}

char *
vl_environment_dup_label (const char *environment)
{
  VlEnvironment value = VL_ENVIRONMENT_DEMO;

  if (environment != NULL && !vl_environment_from_string (environment, &value))
    return g_strdup (environment);

  return g_strdup (vl_environment_get_title (value));
}

static const char * const environment_classes[] = {
  [VL_ENVIRONMENT_DEMO] = "environment-demo",
  [VL_ENVIRONMENT_TESTING] = "environment-testing",
  [VL_ENVIRONMENT_PRODUCTION] = "environment-production",
  [VL_ENVIRONMENT_CUSTOM] = "environment-custom",
};

void
vl_gui_set_environment_class (GtkWidget     *badge,
                              VlEnvironment  environment)
{
  g_return_if_fail (GTK_IS_WIDGET (badge));

  for (guint i = 0; i < G_N_ELEMENTS (environment_classes); i++)
    {
      if (i == environment)
        gtk_widget_add_css_class (badge, environment_classes[i]);
      else
        gtk_widget_remove_css_class (badge, environment_classes[i]);
    }
}

AdwToast *
vl_gui_toast_new_plain (const char *title)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (title != NULL, NULL);

  escaped = g_markup_escape_text (title, -1);

  return adw_toast_new (escaped);
}

void
vl_gui_show_toast (GtkWidget  *widget,
                   const char *title)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                 vl_gui_toast_new_plain (title));
}

void
vl_gui_set_invalid (GtkWidget *widget,
                    gboolean   invalid)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (invalid)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_STATE_INVALID);
    }
}

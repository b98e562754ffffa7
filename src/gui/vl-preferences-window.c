/* vl-preferences-window.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vl-preferences-window-private.h"

struct _VlPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *variables_group;
  AdwPreferencesGroup  *demo_group;
  VlAccountGroup       *testing_group;
  VlAccountGroup       *production_group;
  VlAccountGroup       *custom_group;

  VlEnvironment         shown_environment;
};

G_DEFINE_FINAL_TYPE (VlPreferencesWindow, vl_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static void
vl_preferences_window_class_init (VlPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (VL_TYPE_ACCOUNT_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class,
      "/io/github/visionlive/Launcher/vl-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VlPreferencesWindow,
                                        variables_group);
  gtk_widget_class_bind_template_child (widget_class, VlPreferencesWindow,
                                        demo_group);
  gtk_widget_class_bind_template_child (widget_class, VlPreferencesWindow,
                                        testing_group);
  gtk_widget_class_bind_template_child (widget_class, VlPreferencesWindow,
                                        production_group);
  gtk_widget_class_bind_template_child (widget_class, VlPreferencesWindow,
                                        custom_group);

  gtk_widget_class_add_binding_action (widget_class,
                                       GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
vl_preferences_window_init (VlPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

VlPreferencesWindow *
vl_preferences_window_new (VlApplication *application,
                           GtkWindow     *parent)
{
  VlPreferencesWindow *self;
  gboolean variables;

  g_return_val_if_fail (VL_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (VL_TYPE_PREFERENCES_WINDOW,
                       "application", application,
                       "transient-for", parent,
                       NULL);

  variables = vl_application_get_uses_environment_variables (application);
  gtk_widget_set_visible (GTK_WIDGET (self->variables_group), variables);

  vl_account_group_set_application (self->testing_group, application);
  vl_account_group_set_application (self->production_group, application);
  vl_account_group_set_application (self->custom_group, application);

  return self;
}

void
vl_preferences_window_show_environment (VlPreferencesWindow *self,
                                        VlEnvironment        environment)
{
  VlAccountGroup *group;

  g_return_if_fail (VL_IS_PREFERENCES_WINDOW (self));

  self->shown_environment = environment;

  group = vl_preferences_window_get_group (self, environment);
  if (group != NULL)
    vl_account_group_focus (group);
  else
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
}

VlAccountGroup *
vl_preferences_window_get_group (VlPreferencesWindow *self,
                                 VlEnvironment        environment)
{
  g_return_val_if_fail (VL_IS_PREFERENCES_WINDOW (self), NULL);

  switch (environment)
    {
    case VL_ENVIRONMENT_TESTING:
      return self->testing_group;

    case VL_ENVIRONMENT_PRODUCTION:
      return self->production_group;

    case VL_ENVIRONMENT_CUSTOM:
      return self->custom_group;

    case VL_ENVIRONMENT_DEMO:
    default:
      return NULL;
    }
}

VlEnvironment
vl_preferences_window_get_shown_environment (VlPreferencesWindow *self)
{
  g_return_val_if_fail (VL_IS_PREFERENCES_WINDOW (self), VL_ENVIRONMENT_DEMO);

  return self->shown_environment;
}

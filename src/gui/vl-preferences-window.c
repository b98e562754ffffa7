/* vl-preferences-window.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

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

  /* Set once the dispatcher chose to drop what was not saved */
  gboolean              discard_unsaved;
  /* The dialog that asks so (weak) */
  GtkWindow            *unsaved_dialog;
};

G_DEFINE_FINAL_TYPE (VlPreferencesWindow, vl_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static VlAccountGroup *
find_unsaved (VlPreferencesWindow *self)
{
  VlAccountGroup *groups[] = {
    self->testing_group, self->production_group, self->custom_group,
  };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      if (vl_account_group_has_unsaved_credentials (groups[i]))
        return groups[i];
    }

  return NULL;
}

static gboolean
close_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));

  return G_SOURCE_REMOVE;
}

static void
on_unsaved_dialog_response (VlPreferencesWindow *self,
                            const char          *response)
{
  VlAccountGroup *group = find_unsaved (self);

  if (g_str_equal (response, "discard"))
    {
      /* Once the dialog, which is still answering, has closed */
      self->discard_unsaved = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, close_cb, g_object_ref (self),
                       g_object_unref);
    }
  else if (group != NULL)
    {
      vl_account_group_focus (group);
    }
}

/* A key and secret typed and not saved are not used: closing would lose
 * them without a word.
 */
static gboolean
vl_preferences_window_close_request (GtkWindow *window)
{
  VlPreferencesWindow *self = VL_PREFERENCES_WINDOW (window);
  GtkWindowClass *parent_class;
  AdwMessageDialog *dialog;

  parent_class = GTK_WINDOW_CLASS (vl_preferences_window_parent_class);
  if (self->discard_unsaved || find_unsaved (self) == NULL)
    return parent_class->close_request (window);

  if (self->unsaved_dialog != NULL)
    {
      gtk_window_present (self->unsaved_dialog);
      return TRUE;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    window, _("Discard the Key and Secret?"),
    _("The API key and secret you typed are not saved, so they are not "
      "used. Keep editing to save them, or to keep them for this session "
      "only; or discard them.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_unsaved_dialog_response), self,
                           G_CONNECT_SWAPPED);

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_set_weak_pointer (&self->unsaved_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
vl_preferences_window_dispose (GObject *object)
{
  VlPreferencesWindow *self = VL_PREFERENCES_WINDOW (object);

  g_clear_weak_pointer (&self->unsaved_dialog);

  G_OBJECT_CLASS (vl_preferences_window_parent_class)->dispose (object);
}

static void
vl_preferences_window_class_init (VlPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = vl_preferences_window_dispose;
  window_class->close_request = vl_preferences_window_close_request;

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

/* The dialog that asks before unsaved credentials are dropped, or %NULL */
AdwMessageDialog *
vl_preferences_window_get_unsaved_dialog (VlPreferencesWindow *self)
{
  g_return_val_if_fail (VL_IS_PREFERENCES_WINDOW (self), NULL);

  return self->unsaved_dialog ? ADW_MESSAGE_DIALOG (self->unsaved_dialog)
                              : NULL;
}

VlEnvironment
vl_preferences_window_get_shown_environment (VlPreferencesWindow *self)
{
  g_return_val_if_fail (VL_IS_PREFERENCES_WINDOW (self), VL_ENVIRONMENT_DEMO);

  return self->shown_environment;
}

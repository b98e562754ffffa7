/* vl-application.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vl-application.h"
#include "vl-validate.h"
#include "vl-window.h"

struct _VlApplication
{
  AdwApplication  parent_instance;

  /* Which environment to use, as chosen on the command line */
  char           *environment;

  VlDemoBackend  *demo_backend;
  VlClient       *client;

  /* Why the environment could not be set up, until it is shown */
  GError         *setup_error;

  VlUriHandler    uri_handler;
  gpointer        uri_handler_data;
};

G_DEFINE_FINAL_TYPE (VlApplication, vl_application, ADW_TYPE_APPLICATION)

static void
setup_demo (VlApplication *self)
{
  g_autoptr(VlDemoBackend) backend = vl_demo_backend_new ();
  g_autoptr(GError) error = NULL;

  if (!vl_demo_backend_start (backend, &error))
    {
      g_warning ("Could not start the demo service: %s", error->message);
      self->setup_error = g_steal_pointer (&error);
      return;
    }

  self->client = vl_client_new ("demo",
                                vl_demo_backend_get_graphql_url (backend),
                                vl_demo_backend_get_token_url (backend));
  vl_client_set_credentials (self->client,
                             VL_DEMO_API_KEY, VL_DEMO_API_SECRET);
  self->demo_backend = g_steal_pointer (&backend);
}

/* Sets up the client of the chosen environment. Only the demo exists so
 * far; each further environment adds a branch here.
 */
static void
setup_environment (VlApplication *self)
{
  if (self->client != NULL || self->setup_error != NULL)
    return;

  if (g_strcmp0 (self->environment, "demo") == 0)
    setup_demo (self);
  else
    g_set_error (&self->setup_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("Unknown environment “%s”"), self->environment);
}

static void
show_setup_error (VlApplication *self,
                  GtkWindow     *parent)
{
  AdwMessageDialog *dialog;

  if (self->setup_error == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
      _("Could Not Start the Demo Service"),
      self->setup_error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));

  g_clear_error (&self->setup_error);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = {
    "The Vision Live Launcher authors",
    NULL
  };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Vision Live Launcher"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("Vision Live Launcher authors"),
                         "developers", developers,
                         "comments", _("Start XOi Vision Live calls for "
                                       "your work orders in one click"),
                         "copyright", "© 2026 The Vision Live Launcher authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
};

static int
vl_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  VlApplication *self = VL_APPLICATION (application);

  if (g_variant_dict_contains (options, "demo"))
    {
      g_free (self->environment);
      self->environment = g_strdup ("demo");
    }

  return -1;
}

static void
vl_application_startup (GApplication *application)
{
  VlApplication *self = VL_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (vl_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "app.quit", quit_accels);

  setup_environment (self);
}

static void
vl_application_activate (GApplication *application)
{
  VlApplication *self = VL_APPLICATION (application);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (vl_window_new (self));

  gtk_window_present (window);

  show_setup_error (self, window);
}

static void
vl_application_dispose (GObject *object)
{
  VlApplication *self = VL_APPLICATION (object);

  g_clear_object (&self->client);
  g_clear_object (&self->demo_backend);

  G_OBJECT_CLASS (vl_application_parent_class)->dispose (object);
}

static void
vl_application_finalize (GObject *object)
{
  VlApplication *self = VL_APPLICATION (object);

  g_free (self->environment);
  g_clear_error (&self->setup_error);

  G_OBJECT_CLASS (vl_application_parent_class)->finalize (object);
}

static void
vl_application_class_init (VlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = vl_application_dispose;
  object_class->finalize = vl_application_finalize;

  app_class->handle_local_options = vl_application_handle_local_options;
  app_class->startup = vl_application_startup;
  app_class->activate = vl_application_activate;
}

static void
vl_application_init (VlApplication *self)
{
  static const GOptionEntry options[] = {
    {
      .long_name = "demo",
      .arg = G_OPTION_ARG_NONE,
      .description = N_("Use the built-in demo service (the default)"),
    },
    { NULL }
  };

  /* The demo is the only environment until the others can be set up. */
  self->environment = g_strdup ("demo");

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

VlApplication *
vl_application_new (void)
{
  return g_object_new (VL_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

const char *
vl_application_get_environment (VlApplication *self)
{
  g_return_val_if_fail (VL_IS_APPLICATION (self), NULL);

  return self->environment;
}

VlClient *
vl_application_get_client (VlApplication *self)
{
  g_return_val_if_fail (VL_IS_APPLICATION (self), NULL);

  return self->client;
}

VlDemoBackend *
vl_application_get_demo_backend (VlApplication *self)
{
  g_return_val_if_fail (VL_IS_APPLICATION (self), NULL);

  return self->demo_backend;
}

void
vl_application_set_uri_handler (VlApplication *self,
                                VlUriHandler   handler,
                                gpointer       user_data)
{
  g_return_if_fail (VL_IS_APPLICATION (self));

  self->uri_handler = handler;
  self->uri_handler_data = user_data;
}

#if GTK_CHECK_VERSION (4, 10, 0) && GDK_VERSION_MAX_ALLOWED >= GDK_VERSION_4_10
static void
uri_launched_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (source), result,
                                      &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}
#else
static void
uri_shown_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GtkWindow *parent = g_task_get_task_data (task);
  GError *error = NULL;

  if (gtk_show_uri_full_finish (parent, result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}
#endif

void
vl_application_open_uri_async (VlApplication       *self,
                               GtkWindow           *parent,
                               const char          *uri,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (VL_IS_APPLICATION (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (uri != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vl_application_open_uri_async);

  if (!vl_check_link (uri, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (self->uri_handler != NULL)
    {
      self->uri_handler (uri, self->uri_handler_data);
      g_task_return_boolean (task, TRUE);
      return;
    }

#if GTK_CHECK_VERSION (4, 10, 0) && GDK_VERSION_MAX_ALLOWED >= GDK_VERSION_4_10
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, parent, cancellable,
                             uri_launched_cb, g_steal_pointer (&task));
  }
#else
  if (parent != NULL)
    g_task_set_task_data (task, g_object_ref (parent), g_object_unref);

  gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, cancellable,
                     uri_shown_cb, g_steal_pointer (&task));
#endif
}

gboolean
vl_application_open_uri_finish (VlApplication  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (VL_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        vl_application_open_uri_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

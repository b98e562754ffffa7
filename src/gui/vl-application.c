/* vl-application.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vl-application.h"
#include "vl-credentials.h"
#include "vl-enums.h"
#include "vl-error.h"
#include "vl-history.h"
#include "vl-launch-uri.h"
#include "vl-preferences-window.h"
#include "vl-util.h"
#include "vl-validate.h"
#include "vl-window.h"

#define EXIT_USAGE 2

typedef struct
{
  char *api_key;
  char *api_secret;
} Credentials;

struct _VlApplication
{
  AdwApplication  parent_instance;

  /* %NULL when the schema is not installed: choices then last one run */
  GSettings      *settings;

  VlEnvironment   environment;

  /* Chosen on the command line, for this run only */
  gboolean        environment_from_options;
  VlEnvironment   option_environment;

  /* The custom addresses in use: from the command line when
   * custom_from_options is set, else a copy of the settings.
   */
  char           *custom_graphql_url;
  char           *custom_token_url;
  gboolean        custom_from_options;

  VlDemoBackend  *demo_backend;
  VlClient       *client;
  char           *client_problem;
  char           *credentials_problem;

  /* Set while the keyring is asked for the credentials of the client */
  GCancellable   *lookup_cancellable;

  /* What the dispatcher chose to keep in memory when the keyring could
   * not take it, by environment.
   */
  Credentials     session_credentials[VL_ENVIRONMENT_CUSTOM + 1];

  /* Opened on first use, which is after the first frame; when it could
   * not be opened, history_problem says why.
   */
  VlHistory      *history;
  char           *history_problem;
  gboolean        history_tried;

  /* The open Preferences window, if any (weak) */
  GtkWindow      *preferences;

  VlUriHandler    uri_handler;
  gpointer        uri_handler_data;
};

G_DEFINE_FINAL_TYPE (VlApplication, vl_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_ENVIRONMENT,
  PROP_CLIENT,
  PROP_CLIENT_PROBLEM,
  PROP_CREDENTIALS_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CREDENTIALS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Credentials */

static void
credentials_clear (Credentials *credentials)
{
  vl_clear_secret (&credentials->api_key);
  vl_clear_secret (&credentials->api_secret);
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    {
      if (!g_ascii_isspace (*text))
        return FALSE;
    }

  return TRUE;
}

/* For scripts and kiosks: both variables set win over anything stored. */
static gboolean
get_environment_variables (const char **api_key,
                           const char **api_secret)
{
  const char *key = g_getenv ("VISION_LIVE_API_KEY");
  const char *secret = g_getenv ("VISION_LIVE_API_SECRET");

  if (key == NULL || *key == '\0' || secret == NULL || *secret == '\0')
    return FALSE;

  if (api_key != NULL)
    *api_key = key;
  if (api_secret != NULL)
    *api_secret = secret;

  return TRUE;
}

static void
set_client_problem (VlApplication *self,
                    const char    *problem)
{
  if (vl_set_str (&self->client_problem, problem))
    g_object_notify_by_pspec (G_OBJECT (self),
                              properties[PROP_CLIENT_PROBLEM]);
}

static void
set_credentials_problem (VlApplication *self,
                         const char    *problem)
{
  if (vl_set_str (&self->credentials_problem, problem))
    g_object_notify_by_pspec (G_OBJECT (self),
                              properties[PROP_CREDENTIALS_PROBLEM]);
}

static void
cancel_lookup (VlApplication *self)
{
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
}

/* What a keyring lookup needs to tell, when it answers, whether its
 * answer is still wanted.
 */
typedef struct
{
  VlApplication *self;
  VlClient      *client;
  GCancellable  *cancellable;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_object_unref (lookup->self);
  g_object_unref (lookup->client);
  g_object_unref (lookup->cancellable);
  g_free (lookup);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Lookup, lookup_free)

static void
on_credentials_found (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Lookup) lookup = user_data;
  VlApplication *self = lookup->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  char *secret = NULL;
  gboolean answered;

  answered = vl_credentials_lookup_finish (result, &key, &secret, &error);

  /* Another environment, or credentials typed in Preferences, took over
   * in the meantime.
   */
  if (g_cancellable_is_cancelled (lookup->cancellable) ||
      lookup->client != self->client)
    {
      vl_clear_secret (&secret);
      return;
    }

  g_clear_object (&self->lookup_cancellable);

  if (!answered)
    set_credentials_problem (self, error->message);
  else if (key != NULL)
    vl_client_set_credentials (self->client, key, secret);

  vl_clear_secret (&secret);
}

/* The same order as the command line: the environment variables, then
 * what was kept for this session, then the keyring. The client is
 * usable at once; a request made before the keyring answers says that
 * no key and secret are set.
 */
static void
find_credentials (VlApplication *self)
{
  Credentials *session = &self->session_credentials[self->environment];
  const char *key, *secret;
  Lookup *lookup;

  if (get_environment_variables (&key, &secret))
    {
      vl_client_set_credentials (self->client, key, secret);
      return;
    }

  if (session->api_key != NULL)
    {
      vl_client_set_credentials (self->client, session->api_key,
                                 session->api_secret);
      return;
    }

  self->lookup_cancellable = g_cancellable_new ();

  lookup = g_new0 (Lookup, 1);
  lookup->self = g_object_ref (self);
  lookup->client = g_object_ref (self->client);
  lookup->cancellable = g_object_ref (self->lookup_cancellable);

  vl_credentials_lookup_async (self->environment, self->lookup_cancellable,
                               on_credentials_found, lookup);
}

/* Environments */

static VlDemoBackend *
ensure_demo_backend (VlApplication  *self,
                     GError        **error)
{
  g_autoptr(VlDemoBackend) backend = NULL;
  g_autofree char *storage = NULL;

  if (self->demo_backend != NULL)
    return self->demo_backend;

  /* Where the command line keeps demo calls too, so that each finds the
   * calls the other prepared.
   */
  storage = g_build_filename (g_get_user_data_dir (), APPLICATION_ID,
                              "demo-calls", NULL);

  backend = vl_demo_backend_new ();
  vl_demo_backend_set_storage_dir (backend, storage);
  if (!vl_demo_backend_start (backend, error))
    {
      g_prefix_error (error, _("The demo service could not start: "));
      return NULL;
    }

  self->demo_backend = g_steal_pointer (&backend);

  return self->demo_backend;
}

static VlClient *
new_client (VlApplication  *self,
            GError        **error)
{
  VlEnvironment environment = self->environment;
  const char *name = vl_environment_to_string (environment);
  VlDemoBackend *backend;
  VlClient *client;

  switch (environment)
    {
    case VL_ENVIRONMENT_DEMO:
      backend = ensure_demo_backend (self, error);
      if (backend == NULL)
        return NULL;

      client = vl_client_new (name,
                              vl_demo_backend_get_graphql_url (backend),
                              vl_demo_backend_get_token_url (backend));
      vl_client_set_credentials (client,
                                 VL_DEMO_API_KEY, VL_DEMO_API_SECRET);
      return client;

    case VL_ENVIRONMENT_CUSTOM:
      if (is_blank (self->custom_graphql_url) ||
          is_blank (self->custom_token_url))
        {
          g_set_error_literal (error, VL_CLIENT_ERROR,
                               VL_CLIENT_ERROR_INVALID_INPUT,
                               _("Enter the custom addresses in "
                                 "Preferences."));
          return NULL;
        }

      if (!vl_check_service_url (self->custom_graphql_url, error) ||
          !vl_check_service_url (self->custom_token_url, error))
        return NULL;

      return vl_client_new (name, self->custom_graphql_url,
                            self->custom_token_url);

    case VL_ENVIRONMENT_TESTING:
    case VL_ENVIRONMENT_PRODUCTION:
    default:
      return vl_client_new (name,
                            vl_environment_get_graphql_url (environment),
                            vl_environment_get_token_url (environment));
    }
}

/* Replaces the client with one for the current environment and its
 * current addresses. Whoever uses the client learns of it through
 * notify::client.
 */
static void
apply_environment (VlApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlClient) client = NULL;

  cancel_lookup (self);

  client = new_client (self, &error);

  g_object_freeze_notify (G_OBJECT (self));

  g_set_object (&self->client, client);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
  set_client_problem (self, error != NULL ? error->message : NULL);
  set_credentials_problem (self, NULL);

  if (self->client != NULL && self->environment != VL_ENVIRONMENT_DEMO)
    find_credentials (self);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
switch_environment (VlApplication *self,
                    VlEnvironment  environment)
{
  GAction *action;

  /* Choosing it again retries an environment that could not be set up. */
  if (environment == self->environment && self->client != NULL)
    return;

  self->environment = environment;

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "environment");
  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action),
                               g_variant_new_string (
                                 vl_environment_to_string (environment)));

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENVIRONMENT]);
  apply_environment (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Copies the custom addresses from the settings; says whether they
 * changed.
 */
static gboolean
read_custom_urls (VlApplication *self)
{
  g_autofree char *graphql_url = NULL;
  g_autofree char *token_url = NULL;
  gboolean changed;

  if (self->settings == NULL || self->custom_from_options)
    return FALSE;

  graphql_url = g_settings_get_string (self->settings, "custom-graphql-url");
  token_url = g_settings_get_string (self->settings, "custom-token-url");

  changed = vl_set_str (&self->custom_graphql_url, graphql_url);
  changed |= vl_set_str (&self->custom_token_url, token_url);

  return changed;
}

static void
on_custom_url_changed (VlApplication *self)
{
  if (read_custom_urls (self) &&
      self->environment == VL_ENVIRONMENT_CUSTOM)
    apply_environment (self);
}

static GSettings *
load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  if (schema == NULL)
    {
      g_warning ("The settings schema %s is not installed: the "
                 "environment and its addresses will not be remembered",
                 APPLICATION_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static VlEnvironment
choose_first_environment (VlApplication *self)
{
  g_autofree char *name = NULL;
  VlEnvironment environment = VL_ENVIRONMENT_DEMO;

  if (self->environment_from_options)
    return self->option_environment;

  if (self->settings != NULL)
    {
      name = g_settings_get_string (self->settings, "environment");
      if (!vl_environment_from_string (name, &environment))
        environment = VL_ENVIRONMENT_DEMO;
    }

  return environment;
}

/* Actions */

static GtkWindow *
find_main_window (VlApplication *self)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (VL_IS_WINDOW (window))
    return window;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self));
       l != NULL; l = l->next)
    {
      if (VL_IS_WINDOW (l->data))
        return l->data;
    }

  return window;
}

/* The main window, made when there is none yet. */
static GtkWindow *
ensure_main_window (VlApplication *self)
{
  GtkWindow *window = find_main_window (self);

  if (!VL_IS_WINDOW (window))
    window = GTK_WINDOW (vl_window_new (self));

  return window;
}

static void
new_call_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkWindow *window = ensure_main_window (VL_APPLICATION (user_data));

  gtk_window_present (window);

  /* The window's own action, bound to Ctrl+N, does the clearing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-call", NULL);
}

static void
change_environment_state (GSimpleAction *action,
                          GVariant      *value,
                          gpointer       user_data)
{
  VlApplication *self = VL_APPLICATION (user_data);
  const char *name = g_variant_get_string (value, NULL);
  VlEnvironment environment;

  if (!vl_environment_from_string (name, &environment))
    {
      g_warning ("Unknown environment “%s”", name);
      return;
    }

  /* Chosen in the window: remembered for the next run. */
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "environment", name);

  switch_environment (self, environment);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  VlApplication *self = VL_APPLICATION (user_data);

  vl_application_show_preferences (self, find_main_window (self),
                                   self->environment);
}

static gpointer
ref_window (gconstpointer window,
            gpointer      user_data)
{
  return g_object_ref ((gpointer) window);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  GList *windows;

  /* Closed as the dispatcher would close them, so that each can keep
   * what it holds, or ask first: Preferences and other windows first, and
   * the main windows only once those are gone (Preferences may be asking
   * about credentials not saved). The application ends with the last.
   */
  windows = g_list_copy_deep (gtk_application_get_windows (application),
                              ref_window, NULL);
  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (!VL_IS_WINDOW (l->data))
        gtk_window_close (l->data);
    }

  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (!VL_IS_WINDOW (l->data) &&
          g_list_find (gtk_application_get_windows (application), l->data))
        {
          g_list_free_full (windows, g_object_unref);
          return;
        }
    }

  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (VL_IS_WINDOW (l->data))
        gtk_window_close (l->data);
    }

  g_list_free_full (windows, g_object_unref);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = {
    _("The Vision Live Launcher authors"),
    NULL
  };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Vision Live Launcher"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "website", PACKAGE_WEBSITE,
                         "issue-url", PACKAGE_BUGREPORT,
                         "developer-name", _("Vision Live Launcher authors"),
                         "developers", developers,
                         "comments", _("Start XOi Vision Live calls for "
                                       "your work orders in one click"),
                         "copyright",
                         _("© 2026 The Vision Live Launcher authors"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
  { .name = "preferences", .activate = preferences_action },
  { .name = "new-call", .activate = new_call_action },
  {
    .name = "environment",
    .parameter_type = "s",
    .state = "'demo'",
    .change_state = change_environment_state,
  },
};

/* The same rules as the command-line verbs, except that --environment
 * custom alone takes the addresses saved in Preferences.
 */
static gboolean
parse_environment_options (VlApplication  *self,
                           GVariantDict   *options,
                           GError        **error)
{
  const char *name = NULL;
  const char *graphql_url = NULL;
  const char *token_url = NULL;
  gboolean demo = g_variant_dict_contains (options, "demo");
  VlEnvironment environment = VL_ENVIRONMENT_DEMO;

  g_variant_dict_lookup (options, "environment", "&s", &name);
  g_variant_dict_lookup (options, "graphql-url", "&s", &graphql_url);
  g_variant_dict_lookup (options, "token-url", "&s", &token_url);

  if (name != NULL && !vl_environment_from_string (name, &environment))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown environment “%s”: use testing, production, "
                     "custom or demo."),
                   name);
      return FALSE;
    }

  if (demo && environment != VL_ENVIRONMENT_DEMO)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--demo and --environment %s contradict each other."),
                   name);
      return FALSE;
    }

  if (environment != VL_ENVIRONMENT_CUSTOM &&
      (graphql_url != NULL || token_url != NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--graphql-url and --token-url go with "
                     "--environment custom."));
      return FALSE;
    }

  if ((graphql_url == NULL) != (token_url == NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--graphql-url and --token-url go together: give "
                     "both, or neither to use the addresses saved in "
                     "Preferences."));
      return FALSE;
    }

  if (graphql_url != NULL &&
      (!vl_check_service_url (graphql_url, error) ||
       !vl_check_service_url (token_url, error)))
    return FALSE;

  if (name != NULL || demo)
    {
      self->environment_from_options = TRUE;
      self->option_environment = environment;
    }

  if (graphql_url != NULL)
    {
      self->custom_from_options = TRUE;
      vl_set_str (&self->custom_graphql_url, graphql_url);
      vl_set_str (&self->custom_token_url, token_url);
    }

  return TRUE;
}

static int
vl_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  VlApplication *self = VL_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  gboolean new_call = g_variant_dict_contains (options, "new-call");

  if (!parse_environment_options (self, options, &error))
    {
      g_printerr ("vision-live: %s\n", error->message);
      g_printerr (_("Run “vision-live --help” to see the options.\n"));
      return EXIT_USAGE;
    }

  if (!self->environment_from_options && !new_call)
    return -1;

  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("vision-live: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* A first instance opens its window with an empty form anyway. */
  if (!g_application_get_is_remote (application))
    return -1;

  /* A window that is already open keeps its environment: say so rather
   * than let the option go unnoticed.
   */
  if (self->environment_from_options)
    g_printerr ("vision-live: %s\n",
                _("The application is already running, and its window "
                  "keeps its environment. Change it in the main menu."));

  if (!new_call)
    return -1;

  /* As the desktop's "New Call" action does: g_application_run() sends
   * it before it returns.
   */
  g_action_group_activate_action (G_ACTION_GROUP (application), "new-call",
                                  NULL);

  return EXIT_SUCCESS;
}

static void
vl_application_startup (GApplication *application)
{
  VlApplication *self = VL_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  GAction *action;

  G_APPLICATION_CLASS (vl_application_parent_class)->startup (application);

  self->settings = load_settings ();
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::custom-graphql-url",
                               G_CALLBACK (on_custom_url_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::custom-token-url",
                               G_CALLBACK (on_custom_url_changed), self,
                               G_CONNECT_SWAPPED);
      read_custom_urls (self);
    }

  self->environment = choose_first_environment (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "environment");
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (
                               vl_environment_to_string (self->environment)));

  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "app.quit", quit_accels);
  /* No gtk/help-overlay.ui resource: the window builds the shortcuts
   * window itself, when asked, so GTK does not set this accelerator.
   */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "win.show-help-overlay",
                                         shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "app.preferences",
                                         preferences_accels);

  apply_environment (self);
}

static void
vl_application_activate (GApplication *application)
{
  gtk_window_present (ensure_main_window (VL_APPLICATION (application)));
}

/* vision-live: links, from the desktop (the scheme handler), the command
 * line or a second launch. A link never sends anything: the form is
 * filled in for the dispatcher to check. Anything else, a file or a web
 * address, is refused.
 */
static void
vl_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  VlApplication *self = VL_APPLICATION (application);
  GtkWindow *window = ensure_main_window (self);
  g_autoptr(VlCall) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  gtk_window_present (window);

  /* There is one form: which of several links would be the one? */
  if (n_files != 1)
    {
      vl_window_refuse_link (VL_WINDOW (window),
                             _("These links cannot be used: open one link "
                               "at a time."));
      return;
    }

  /* A vision-live: link is a GDummyFile that gives it back unchanged. */
  uri = g_file_get_uri (files[0]);
  draft = vl_launch_uri_parse (uri, &error);

  if (draft != NULL)
    vl_window_load_draft (VL_WINDOW (window), draft);
  else
    vl_window_refuse_link (VL_WINDOW (window), error->message);
}

static void
vl_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VlApplication *self = VL_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_ENVIRONMENT:
      g_value_set_enum (value, self->environment);
      break;

    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_CLIENT_PROBLEM:
      g_value_set_string (value, self->client_problem);
      break;

    case PROP_CREDENTIALS_PROBLEM:
      g_value_set_string (value, self->credentials_problem);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_application_dispose (GObject *object)
{
  VlApplication *self = VL_APPLICATION (object);

  cancel_lookup (self);

  if (self->preferences != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->preferences),
                                    (gpointer *)&self->preferences);
      self->preferences = NULL;
    }

  g_clear_object (&self->client);
  g_clear_object (&self->demo_backend);
  g_clear_object (&self->settings);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (vl_application_parent_class)->dispose (object);
}

static void
vl_application_finalize (GObject *object)
{
  VlApplication *self = VL_APPLICATION (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->session_credentials); i++)
    credentials_clear (&self->session_credentials[i]);

  g_free (self->custom_graphql_url);
  g_free (self->custom_token_url);
  g_free (self->client_problem);
  g_free (self->credentials_problem);
  g_free (self->history_problem);

  G_OBJECT_CLASS (vl_application_parent_class)->finalize (object);
}

static void
vl_application_class_init (VlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->get_property = vl_application_get_property;
  object_class->dispose = vl_application_dispose;
  object_class->finalize = vl_application_finalize;

  app_class->handle_local_options = vl_application_handle_local_options;
  app_class->startup = vl_application_startup;
  app_class->activate = vl_application_activate;
  app_class->open = vl_application_open;

  properties[PROP_ENVIRONMENT] =
    g_param_spec_enum ("environment", NULL, NULL,
                       VL_TYPE_ENVIRONMENT, VL_ENVIRONMENT_DEMO,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         VL_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_PROBLEM] =
    g_param_spec_string ("client-problem", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_CREDENTIALS_PROBLEM] =
    g_param_spec_string ("credentials-problem", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VlApplication::credentials-changed:
   *
   * The client in use was given other credentials: what the service
   * refused before may work now.
   */
  signals[CREDENTIALS_CHANGED] =
    g_signal_new ("credentials-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
vl_application_init (VlApplication *self)
{
  static const GOptionEntry options[] = {
    {
      .long_name = "environment",
      .arg = G_OPTION_ARG_STRING,
      .description = N_("Where calls go in this run: testing, production, "
                        "custom or demo"),
      .arg_description = N_("NAME"),
    },
    {
      .long_name = "graphql-url",
      .arg = G_OPTION_ARG_STRING,
      .description = N_("GraphQL address of the custom environment"),
      .arg_description = N_("URL"),
    },
    {
      .long_name = "token-url",
      .arg = G_OPTION_ARG_STRING,
      .description = N_("Token address of the custom environment"),
      .arg_description = N_("URL"),
    },
    {
      .long_name = "demo",
      .arg = G_OPTION_ARG_NONE,
      .description = N_("Use the built-in demo backend (same as "
                        "--environment demo)"),
    },
    {
      .long_name = "new-call",
      .arg = G_OPTION_ARG_NONE,
      .description = N_("Show the window with an empty call form, in the "
                        "running application if there is one"),
    },
    { NULL }
  };

  self->environment = VL_ENVIRONMENT_DEMO;

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("[COMMAND | LINK]"));
  g_application_set_option_context_description (G_APPLICATION (self),
    _("Without a command the window opens. Commands, which need no "
      "display:\n"
      "  prepare   Prepare a call and print it\n"
      "  get       Fetch a call by its id and print it\n"
      "  history   List the stored calls, newest first\n"
      "Run “vision-live prepare --help” for their options.\n"
      "A vision-live:prepare?… link fills in the form in the window, "
      "for you to check and start."));
}

VlApplication *
vl_application_new (void)
{
  return g_object_new (VL_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

VlEnvironment
vl_application_get_environment (VlApplication *self)
{
  g_return_val_if_fail (VL_IS_APPLICATION (self), VL_ENVIRONMENT_DEMO);

  return self->environment;
}

VlClient *
vl_application_get_client (VlApplication *self)
{
  g_return_val_if_fail (VL_IS_APPLICATION (self), NULL);

  return self->client;
}

const char *
vl_application_get_client_problem (VlApplication *self)
{
  g_return_val_if_fail (VL_IS_APPLICATION (self), NULL);

  return self->client_problem;
}

const char *
vl_application_get_credentials_problem (VlApplication *self)
{
  g_return_val_if_fail (VL_IS_APPLICATION (self), NULL);

  return self->credentials_problem;
}

VlDemoBackend *
vl_application_get_demo_backend (VlApplication *self)
{
  g_return_val_if_fail (VL_IS_APPLICATION (self), NULL);

  return self->demo_backend;
}

const char *
vl_application_get_custom_graphql_url (VlApplication *self)
{
  g_return_val_if_fail (VL_IS_APPLICATION (self), NULL);

  return self->custom_graphql_url;
}

const char *
vl_application_get_custom_token_url (VlApplication *self)
{
  g_return_val_if_fail (VL_IS_APPLICATION (self), NULL);

  return self->custom_token_url;
}

/**
 * vl_application_set_custom_urls:
 *
 * Saves the custom addresses, which replace any given on the command
 * line. The caller checks them first with vl_check_service_url(); the
 * client refuses them anyway if they fail the check.
 */
void
vl_application_set_custom_urls (VlApplication *self,
                                const char    *graphql_url,
                                const char    *token_url)
{
  gboolean changed;

  g_return_if_fail (VL_IS_APPLICATION (self));

  self->custom_from_options = FALSE;
  changed = vl_set_str (&self->custom_graphql_url, graphql_url);
  changed |= vl_set_str (&self->custom_token_url, token_url);

  /* The copy is up to date first, so that the settings' own change
   * signal finds nothing new.
   */
  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "custom-graphql-url",
                             graphql_url ? graphql_url : "");
      g_settings_set_string (self->settings, "custom-token-url",
                             token_url ? token_url : "");
    }

  if (changed && self->environment == VL_ENVIRONMENT_CUSTOM)
    apply_environment (self);
}

gboolean
vl_application_get_uses_environment_variables (VlApplication *self)
{
  g_return_val_if_fail (VL_IS_APPLICATION (self), FALSE);

  return get_environment_variables (NULL, NULL);
}

void
vl_application_use_credentials (VlApplication *self,
                                VlEnvironment  environment,
                                const char    *api_key,
                                const char    *api_secret,
                                gboolean       session_only)
{
  Credentials *session;

  g_return_if_fail (VL_IS_APPLICATION (self));
  g_return_if_fail (environment < G_N_ELEMENTS (self->session_credentials));

  session = &self->session_credentials[environment];
  credentials_clear (session);

  if (session_only && api_key != NULL && api_secret != NULL)
    {
      session->api_key = g_strdup (api_key);
      session->api_secret = g_strdup (api_secret);
    }

  if (environment != self->environment ||
      environment == VL_ENVIRONMENT_DEMO ||
      self->client == NULL ||
      get_environment_variables (NULL, NULL))
    return;

  /* Whatever the keyring is still looking up is older than this. */
  cancel_lookup (self);
  vl_client_set_credentials (self->client, api_key, api_secret);
  set_credentials_problem (self, NULL);

  g_signal_emit (self, signals[CREDENTIALS_CHANGED], 0);
}

/**
 * vl_application_get_session_credentials:
 * @api_key: (out) (optional) (transfer none):
 * @api_secret: (out) (optional) (transfer none):
 *
 * Returns: whether credentials are kept in memory for @environment
 */
gboolean
vl_application_get_session_credentials (VlApplication  *self,
                                        VlEnvironment   environment,
                                        const char    **api_key,
                                        const char    **api_secret)
{
  Credentials *session;

  g_return_val_if_fail (VL_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (environment < G_N_ELEMENTS (self->session_credentials),
                        FALSE);

  session = &self->session_credentials[environment];

  if (api_key != NULL)
    *api_key = session->api_key;
  if (api_secret != NULL)
    *api_secret = session->api_secret;

  return session->api_key != NULL;
}

GtkWindow *
vl_application_show_preferences (VlApplication *self,
                                 GtkWindow     *parent,
                                 VlEnvironment  environment)
{
  g_return_val_if_fail (VL_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  if (self->preferences == NULL)
    {
      self->preferences = GTK_WINDOW (vl_preferences_window_new (self,
                                                                 parent));
      g_object_add_weak_pointer (G_OBJECT (self->preferences),
                                 (gpointer *)&self->preferences);
    }
  else if (parent != NULL)
    {
      gtk_window_set_transient_for (self->preferences, parent);
    }

  vl_preferences_window_show_environment (
    VL_PREFERENCES_WINDOW (self->preferences), environment);
  gtk_window_present (self->preferences);

  return self->preferences;
}

/* The settings, or %NULL when the schema is not installed. */
GSettings *
vl_application_get_settings (VlApplication *self)
{
  g_return_val_if_fail (VL_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * vl_application_get_history:
 * @set_aside_path: (out) (optional): where a history that could not be
 *   used was kept, when it was set aside just now, or %NULL
 *
 * Opens the call history in the user data folder the first time, and
 * returns it; or %NULL when it cannot be opened, and
 * vl_application_get_history_problem() says why.
 */
VlHistory *
vl_application_get_history (VlApplication  *self,
                            const char    **set_aside_path)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean first = !self->history_tried;

  g_return_val_if_fail (VL_IS_APPLICATION (self), NULL);

  if (set_aside_path != NULL)
    *set_aside_path = NULL;

  if (self->history_tried)
    return self->history;

  self->history_tried = TRUE;
  path = vl_history_get_default_path ();
  self->history = vl_history_open (path, &error);

  if (self->history == NULL)
    {
      g_debug ("Could not open the call history at %s: %s", path,
               error->message);
      self->history_problem = g_strdup (error->message);
    }
  else if (first && set_aside_path != NULL)
    {
      *set_aside_path = vl_history_get_set_aside_path (self->history);
    }

  return self->history;
}

const char *
vl_application_get_history_problem (VlApplication *self)
{
  g_return_val_if_fail (VL_IS_APPLICATION (self), NULL);

  return self->history_problem;
}

/* For the tests: a history of their own, in place of the user's. */
void
vl_application_set_history (VlApplication *self,
                            VlHistory     *history)
{
  g_return_if_fail (VL_IS_APPLICATION (self));
  g_return_if_fail (history == NULL || VL_IS_HISTORY (history));

  g_set_object (&self->history, history);
  g_clear_pointer (&self->history_problem, g_free);
  self->history_tried = history != NULL;
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

/* GtkUriLauncher replaces gtk_show_uri_full() from GTK 4.10 on. The
 * version pin in meson.build makes any 4.10 call warn, so the newer
 * branch, which only exists on newer GTK, says it means it.
 */
#if GTK_CHECK_VERSION (4, 10, 0)
static void
uri_launched_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (source), result,
                                      &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  G_GNUC_END_IGNORE_DEPRECATIONS
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
      if (self->uri_handler (uri, self->uri_handler_data, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;
    }

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, parent, cancellable,
                             uri_launched_cb, g_steal_pointer (&task));
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
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

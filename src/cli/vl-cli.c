/* vl-cli.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "vl-json.h"
#include "vl-call.h"
#include "vl-cli.h"
#include "vl-client.h"
#include "vl-credentials.h"
#include "vl-demo-backend.h"
#include "vl-error.h"
#include "vl-history.h"
#include "vl-validate.h"

#define EXIT_USAGE 2

/* How many stored calls "history" prints, unless told. */
#define HISTORY_LIMIT     20
#define HISTORY_LIMIT_MAX 1000

typedef struct
{
  GMainLoop     *loop;
  VlDemoBackend *demo;
  VlClient      *client;
  VlCall        *draft;
  char          *call_id;
  gboolean       history;
  gboolean       json;
  int            status;
} Run;

typedef struct
{
  GPtrArray *invitations;
  char      *namespace_;
  char      *id;
  char      *metadata;
  char      *environment;
  char      *graphql_url;
  char      *token_url;
  char      *search;
  int        limit;
  gboolean   limit_given;
  gboolean   demo;
  gboolean   json;
} Options;

static const char * const commands[] = { "prepare", "get", "history", NULL };

/* Options followed by a value, which is not the command. */
static const char * const options_with_values[] = {
  "--sms", "--email", "--namespace", "--id", "--metadata",
  "--environment", "--graphql-url", "--token-url", "--search", "--limit",
  NULL
};

/* Any word on the command line is a command, except a vision-live: link,
 * which the window opens. An unknown word then gets a usage error here
 * rather than an attempt to open a display.
 */
gboolean
vl_cli_wants_command (int    argc,
                      char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_strv_contains (options_with_values, argv[i]))
        i++;
      else if (argv[i][0] != '-')
        return g_ascii_strncasecmp (argv[i], "vision-live:", 12) != 0;
    }

  return FALSE;
}

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->invitations, g_ptr_array_unref);
  g_clear_pointer (&options->namespace_, g_free);
  g_clear_pointer (&options->id, g_free);
  g_clear_pointer (&options->metadata, g_free);
  g_clear_pointer (&options->environment, g_free);
  g_clear_pointer (&options->graphql_url, g_free);
  g_clear_pointer (&options->token_url, g_free);
  g_clear_pointer (&options->search, g_free);
}

/* --sms and --email share one list, so that the order on the command line
 * is the order of the invitations.
 */
static gboolean
add_invitation (const char  *option_name,
                const char  *value,
                gpointer     user_data,
                GError     **error)
{
  Options *options = user_data;
  VlInvitationType type = g_str_equal (option_name, "--sms")
                          ? VL_INVITATION_TYPE_SMS
                          : VL_INVITATION_TYPE_EMAIL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *recipient = NULL;

  recipient = vl_normalize_recipient (type, value, &local_error);
  if (recipient == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s “%s”: %s", option_name, value, local_error->message);
      return FALSE;
    }

  /* The same person twice would get two messages. */
  for (guint i = 0; i < options->invitations->len; i++)
    {
      VlInvitation *other = options->invitations->pdata[i];

      if (vl_invitation_get_kind (other) == type &&
          g_strcmp0 (vl_invitation_get_recipient (other), recipient) == 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("%s “%s” is given twice: each recipient gets one "
                         "invitation."),
                       option_name, value);
          return FALSE;
        }
    }

  g_ptr_array_add (options->invitations, vl_invitation_new (type, recipient));
  return TRUE;
}

/* --limit: a whole number, which check_history_options() bounds; kept
 * apart from "not given" whatever is typed.
 */
static gboolean
read_limit (const char  *option_name,
            const char  *value,
            gpointer     user_data,
            GError     **error)
{
  Options *options = user_data;
  gint64 number;

  if (!g_ascii_string_to_signed (value, 10, G_MININT, G_MAXINT, &number,
                                 NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--limit must be a whole number, not “%s”."), value);
      return FALSE;
    }

  options->limit = number;
  options->limit_given = TRUE;
  return TRUE;
}

static void
print_field (const char *label,
             const char *value)
{
  /* Padded by characters rather than bytes, so that translated labels
   * with accents line up as well; 16 fits the longest Spanish one. */
  int padding = MAX (0, 16 - (int) g_utf8_strlen (label, -1));

  g_print ("%s%*s %s\n", label, padding, "", value);
}

static void
print_call (VlCall *call)
{
  GListModel *invitations = vl_call_get_invitations (call);
  JsonObject *metadata = vl_call_get_metadata (call);

  print_field (_("Call"), vl_call_get_id (call));
  print_field (_("Link"), vl_call_get_link (call)
                          ? vl_call_get_link (call)
                          : _("(the service returned no link)"));

  for (guint i = 0; i < g_list_model_get_n_items (invitations); i++)
    {
      g_autoptr(VlInvitation) invitation = g_list_model_get_item (invitations,
                                                                  i);
      g_autofree char *line =
        g_strdup_printf ("%s %s",
                         vl_invitation_get_kind (invitation) ==
                           VL_INVITATION_TYPE_SMS ? _("SMS") : _("E-mail"),
                         vl_invitation_get_recipient (invitation));

      print_field (i == 0 ? _("Invited") : "", line);
    }

  if (vl_call_has_integration (call))
    {
      g_autofree char *line =
        g_strdup_printf ("%s / %s", vl_call_get_integration_namespace (call),
                         vl_call_get_integration_id (call));

      print_field (_("Work order"), line);
    }

  if (metadata != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (metadata);
      gboolean first = TRUE;

      for (GList *l = members; l != NULL; l = l->next, first = FALSE)
        {
          JsonNode *node = json_object_get_member (metadata, l->data);
          g_autofree char *value = vl_json_node_to_compact (node);
          g_autofree char *line = g_strdup_printf ("%s: %s",
                                                   (char *)l->data, value);

          print_field (first ? _("Metadata") : "", line);
        }
    }
  else if (vl_call_get_metadata_json (call) != NULL)
    print_field (_("Metadata"), vl_call_get_metadata_json (call));
}

static void
print_json (VlCall *call)
{
  g_autofree char *text = vl_json_to_string (vl_call_get_source (call), TRUE);

  g_print ("%s\n", text);
}

/* The history the window keeps too. Says so when the one there could not
 * be used and was set aside.
 */
static VlHistory *
open_history (GError **error)
{
  g_autofree char *path = vl_history_get_default_path ();
  VlHistory *history = vl_history_open (path, error);

  if (history != NULL && vl_history_get_set_aside_path (history) != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The call history could not be used; it was "
                           "kept as %s and a new one was started."),
                         vl_history_get_set_aside_path (history));

      g_printerr ("vision-live: %s\n", message);
    }

  return history;
}

/* Every call the service returns is stored before it is shown. When the
 * history cannot take it, the call is shown all the same.
 */
static void
remember_call (VlCall *call)
{
  g_autoptr(VlHistory) history = NULL;
  g_autoptr(GError) error = NULL;

  history = open_history (&error);
  if (history == NULL || !vl_history_save (history, call, &error))
    g_printerr ("vision-live: %s\n", error->message);
}

static void
on_call_ready (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;

  if (g_task_get_source_tag (G_TASK (result)) == vl_client_prepare_call_async)
    call = vl_client_prepare_call_finish (run->client, result, &error);
  else
    call = vl_client_get_call_finish (run->client, result, &error);

  if (call == NULL)
    {
      g_printerr ("vision-live: %s\n", error->message);
      run->status = EXIT_FAILURE;
      g_main_loop_quit (run->loop);
      return;
    }

  /* A demo call's link points at this program's own demo backend, which
   * ends with it: fetching a call again must not put that link in place
   * of the one the history has.
   */
  if (run->demo == NULL ||
      g_task_get_source_tag (G_TASK (result)) == vl_client_prepare_call_async)
    remember_call (call);

  if (run->json)
    print_json (call);
  else
    print_call (call);

  /* The call is there, but the service said something went wrong too. */
  if (vl_call_get_service_notice (call) != NULL)
    g_printerr (_("vision-live: the service prepared the call, and also "
                  "said: %s\n"), vl_call_get_service_notice (call));

  g_main_loop_quit (run->loop);
}

static void
print_history_line (VlCall *call)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *recipients = vl_call_dup_recipients (call, ", ");
  g_autofree char *time = NULL;
  g_autofree char *integration = NULL;

  if (vl_call_get_prepared_at (call) != NULL)
    {
      local = g_date_time_to_local (vl_call_get_prepared_at (call));
      time = g_date_time_format (local, "%Y-%m-%d %H:%M");
    }

  if (vl_call_has_integration (call))
    integration = g_strdup_printf ("  %s/%s",
                                   vl_call_get_integration_namespace (call),
                                   vl_call_get_integration_id (call));

  g_print ("%-16s  %-10s  %s  %s%s\n",
           time != NULL ? time : "-",
           vl_call_get_environment (call) != NULL
             ? vl_call_get_environment (call) : "-",
           vl_call_get_id (call),
           *recipients != '\0' ? recipients : "-",
           integration != NULL ? integration : "");
}

/* --json: the calls exactly as the service returned them, newest first. */
static void
print_history_json (GPtrArray *calls)
{
  g_autoptr(JsonArray) array = json_array_sized_new (calls->len);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *text = NULL;

  for (guint i = 0; i < calls->len; i++)
    {
      JsonNode *source = vl_call_get_source (calls->pdata[i]);

      json_array_add_element (array, json_node_copy (source));
    }

  json_node_set_array (root, array);
  text = vl_json_to_string (root, TRUE);
  g_print ("%s\n", text);
}

static int
run_history (Options *options)
{
  g_autoptr(VlHistory) history = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GError) error = NULL;

  history = open_history (&error);
  if (history != NULL)
    calls = vl_history_list (history, options->search, 0, options->limit,
                             &error);

  if (calls == NULL)
    {
      g_printerr ("vision-live: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (options->json)
    print_history_json (calls);
  else
    {
      for (guint i = 0; i < calls->len; i++)
        print_history_line (calls->pdata[i]);
    }

  /* Said on stderr, so that scripts read an empty list. */
  if (calls->len == 0 && !options->json)
    g_printerr ("%s\n", options->search != NULL
                        ? _("No stored call matches this search.")
                        : _("No call has been stored yet."));

  return EXIT_SUCCESS;
}

static VlCall *
build_draft (Options  *options,
             GError  **error)
{
  g_autoptr(VlCall) draft = vl_call_new ();
  g_autofree char *metadata = NULL;
  g_autofree char *namespace_ = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) local_error = NULL;

  namespace_ = vl_normalize_work_order_part (options->namespace_,
                                             &local_error);
  if (namespace_ == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--namespace: %s", local_error->message);
      return NULL;
    }

  id = vl_normalize_work_order_part (options->id, &local_error);
  if (id == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--id: %s", local_error->message);
      return NULL;
    }

  /* Blank is the same as not given, as in the window. */
  if ((*namespace_ == '\0') != (*id == '\0'))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--namespace and --id go together: give both or "
                     "neither."));
      return NULL;
    }

  metadata = vl_normalize_metadata (options->metadata, &local_error);
  if (local_error != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--metadata: %s", local_error->message);
      return NULL;
    }

  for (guint i = 0; i < options->invitations->len; i++)
    vl_call_add_invitation (draft, options->invitations->pdata[i]);

  if (*namespace_ != '\0')
    vl_call_set_integration (draft, namespace_, id);
  vl_call_set_metadata_json (draft, metadata);

  return g_steal_pointer (&draft);
}

static GOptionContext *
new_context (Options *options)
{
  const GOptionEntry entries[] = {
    { "sms", 0, 0, G_OPTION_ARG_CALLBACK, add_invitation,
      N_("Invite a phone number by text message (repeatable)"),
      N_("NUMBER") },
    { "email", 0, 0, G_OPTION_ARG_CALLBACK, add_invitation,
      N_("Invite an e-mail address (repeatable)"), N_("ADDRESS") },
    { "namespace", 0, 0, G_OPTION_ARG_STRING, &options->namespace_,
      N_("Integration namespace of the work order"), N_("NAMESPACE") },
    { "id", 0, 0, G_OPTION_ARG_STRING, &options->id,
      N_("Integration id of the work order"), N_("ID") },
    { "metadata", 0, 0, G_OPTION_ARG_STRING, &options->metadata,
      N_("Metadata as a JSON object"), N_("JSON") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json,
      N_("Print the call as the service returned it, in JSON (with "
         "history, a list of them)"), NULL },
    { "environment", 0, 0, G_OPTION_ARG_STRING, &options->environment,
      N_("Where the call goes: testing, production, custom or demo "
         "(the default)"), N_("NAME") },
    { "graphql-url", 0, 0, G_OPTION_ARG_STRING, &options->graphql_url,
      N_("GraphQL address of the custom environment"), N_("URL") },
    { "token-url", 0, 0, G_OPTION_ARG_STRING, &options->token_url,
      N_("Token address of the custom environment"), N_("URL") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &options->demo,
      N_("Use the built-in demo backend (same as --environment demo)"),
      NULL },
    { "search", 0, 0, G_OPTION_ARG_STRING, &options->search,
      N_("With history: only the calls whose recipients, work order, id "
         "or metadata hold every word of TEXT"), N_("TEXT") },
    { "limit", 0, 0, G_OPTION_ARG_CALLBACK, read_limit,
      N_("With history: how many calls to print, newest first (20 unless "
         "told, 1000 at most)"), N_("N") },
    { NULL }
  };
  GOptionContext *context;
  GOptionGroup *group;

  context = g_option_context_new (_("prepare | get CALL-ID | history"));
  g_option_context_set_summary (context,
                                _("Prepare a Vision Live call, or fetch one "
                                  "by its id, and print it; or list the "
                                  "calls stored in the history."));
  g_option_context_set_description (context,
                                    _("Credentials for testing, production "
                                      "and custom come from the variables "
                                      "VISION_LIVE_API_KEY and "
                                      "VISION_LIVE_API_SECRET, or else from "
                                      "the keyring."));
  group = g_option_group_new (NULL, NULL, NULL, options, NULL);
  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_set_main_group (context, group);

  return context;
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_printerr ("vision-live: %s\n", message);
  g_printerr (_("Run “vision-live --help” for the commands, and "
                "“vision-live prepare --help” for their options.\n"));
  return EXIT_USAGE;
}

static void
start_request (Run *run)
{
  if (run->draft != NULL)
    vl_client_prepare_call_async (run->client, run->draft, NULL,
                                  on_call_ready, run);
  else
    vl_client_get_call_async (run->client, run->call_id, NULL,
                              on_call_ready, run);
}

static void
fail (Run        *run,
      const char *message)
{
  g_printerr ("vision-live: %s\n", message);
  run->status = EXIT_FAILURE;
  g_main_loop_quit (run->loop);
}

static void
on_credentials_looked_up (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;

  if (!vl_credentials_lookup_finish (result, &key, &secret, &error))
    {
      g_autofree char *message =
        g_strdup_printf (_("%s\nFor scripts, set VISION_LIVE_API_KEY and "
                           "VISION_LIVE_API_SECRET instead."),
                         error->message);
      fail (run, message);
      return;
    }

  if (key == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("No API key and secret are stored for the %s "
                           "environment. Enter them in the application’s "
                           "Preferences, or set VISION_LIVE_API_KEY and "
                           "VISION_LIVE_API_SECRET."),
                         vl_client_get_environment (run->client));
      fail (run, message);
      return;
    }

  vl_client_set_credentials (run->client, key, secret);
  explicit_bzero (secret, strlen (secret));
  start_request (run);
}

/* Credentials come from the environment, for scripts, or else from the
 * keyring; never from arguments, which other users can read.
 */
static void
find_credentials (Run           *run,
                  VlEnvironment  environment)
{
  const char *key = g_getenv ("VISION_LIVE_API_KEY");
  const char *secret = g_getenv ("VISION_LIVE_API_SECRET");

  if (key != NULL && *key != '\0' && secret != NULL && *secret != '\0')
    {
      vl_client_set_credentials (run->client, key, secret);
      start_request (run);
      return;
    }

  vl_credentials_lookup_async (environment, NULL,
                               on_credentials_looked_up, run);
}

static gboolean
start_demo (Run     *run,
            GError **error)
{
  g_autofree char *storage = g_build_filename (g_get_user_data_dir (),
                                               APPLICATION_ID, "demo-calls",
                                               NULL);

  /* Calls are kept on disk so that "get" in a later run finds them. */
  run->demo = vl_demo_backend_new ();
  vl_demo_backend_set_storage_dir (run->demo, storage);
  if (!vl_demo_backend_start (run->demo, error))
    return FALSE;

  run->client = vl_client_new ("demo",
                               vl_demo_backend_get_graphql_url (run->demo),
                               vl_demo_backend_get_token_url (run->demo));
  vl_client_set_credentials (run->client, VL_DEMO_API_KEY,
                             VL_DEMO_API_SECRET);
  start_request (run);

  return TRUE;
}

static gboolean
choose_environment (Options        *options,
                    VlEnvironment  *environment,
                    GError        **error)
{
  *environment = VL_ENVIRONMENT_DEMO;

  if (options->environment != NULL &&
      !vl_environment_from_string (options->environment, environment))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown environment “%s”: use testing, production, "
                     "custom or demo."),
                   options->environment);
      return FALSE;
    }

  if (options->demo && *environment != VL_ENVIRONMENT_DEMO)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--demo and --environment %s contradict each other."),
                   options->environment);
      return FALSE;
    }

  if (*environment != VL_ENVIRONMENT_CUSTOM &&
      (options->graphql_url != NULL || options->token_url != NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--graphql-url and --token-url go with "
                     "--environment custom."));
      return FALSE;
    }

  if (*environment == VL_ENVIRONMENT_CUSTOM &&
      (options->graphql_url == NULL || options->token_url == NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--environment custom needs --graphql-url and "
                     "--token-url."));
      return FALSE;
    }

  if (*environment == VL_ENVIRONMENT_CUSTOM)
    return vl_check_service_url (options->graphql_url, error) &&
           vl_check_service_url (options->token_url, error);

  return TRUE;
}

static VlClient *
new_client (VlEnvironment  environment,
            Options       *options)
{
  const char *graphql_url = vl_environment_get_graphql_url (environment);
  const char *token_url = vl_environment_get_token_url (environment);

  if (environment == VL_ENVIRONMENT_CUSTOM)
    {
      graphql_url = options->graphql_url;
      token_url = options->token_url;
    }

  return vl_client_new (vl_environment_to_string (environment),
                        graphql_url, token_url);
}

/* "history" reads what is stored, wherever it went. */
static int
check_history_options (GOptionContext *context,
                       Options        *options)
{
  g_autofree char *message = NULL;

  /* The history holds the calls of every environment: choosing one is
   * no mistake, and changes nothing.
   */
  if (options->invitations->len > 0 || options->namespace_ != NULL ||
      options->id != NULL || options->metadata != NULL)
    return usage_error (context, _("“history” takes only --search, --limit "
                                   "and --json."));

  if (!options->limit_given)
    options->limit = HISTORY_LIMIT;

  if (options->limit < 1 || options->limit > HISTORY_LIMIT_MAX)
    {
      message = g_strdup_printf (_("--limit must be between 1 and %d."),
                                 HISTORY_LIMIT_MAX);
      return usage_error (context, message);
    }

  return EXIT_SUCCESS;
}

static int
parse_command (GOptionContext  *context,
               Options         *options,
               Run             *run,
               VlEnvironment   *environment,
               char          ***args)
{
  g_autoptr(GError) error = NULL;
  int n_args;

  /* Not g_option_context_parse(): it drops the options it reads from the
   * array without freeing them.
   */
  if (!g_option_context_parse_strv (context, args, &error))
    return usage_error (context, error->message);

  n_args = g_strv_length (*args);

  if (n_args == 2 && g_str_equal ((*args)[1], "prepare"))
    run->draft = build_draft (options, &error);
  else if (n_args == 3 && g_str_equal ((*args)[1], "get"))
    run->call_id = g_strdup ((*args)[2]);
  else if (n_args == 2 && g_str_equal ((*args)[1], "history"))
    {
      run->history = TRUE;

      /* Unused, but a misspelt one is still a mistake. */
      if (!choose_environment (options, environment, &error))
        return usage_error (context, error->message);

      return check_history_options (context, options);
    }
  else if (n_args >= 2 && !g_strv_contains (commands, (*args)[1]))
    {
      g_autofree char *message =
        g_strdup_printf (_("Unknown command “%s”: the commands are "
                           "“prepare”, “get” and “history”."),
                         (*args)[1]);
      return usage_error (context, message);
    }
  else
    return usage_error (context,
                        _("Say “prepare” with its options, “get” and "
                          "one call id, or “history”."));

  if (options->search != NULL || options->limit_given)
    return usage_error (context, _("--search and --limit go with "
                                   "“history”."));

  if (error != NULL || !choose_environment (options, environment, &error))
    return usage_error (context, error->message);

  return EXIT_SUCCESS;
}

/* What is printed comes partly from the service and from arguments: a
 * control or invisible formatting character there (an escape sequence in
 * a call id, say) is shown as \uXXXX rather than obeyed by the terminal. JSON output is unchanged
 * by this, since JSON strings escape those characters already, except the
 * C1 controls, for which \uXXXX is the same character in JSON.
 */
static char *
escape_controls (const char *text)
{
  GString *safe = g_string_sized_new (strlen (text));
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      /* Not UTF-8: that byte alone, as \xNN */
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (safe, "\\x%02X", (guchar) *p);
          p++;
          continue;
        }

      /* Invisible formatting characters too: a right-to-left override
       * can make a call id read as another one.
       */
      /* Beyond U+FFFF, as JSON writes it: a pair of surrogates */
      if (((g_unichar_iscntrl (c) && c != '\n' && c != '\t') ||
           g_unichar_type (c) == G_UNICODE_FORMAT) && c > 0xFFFF)
        g_string_append_printf (safe, "\\u%04X\\u%04X",
                                0xD800 + ((c - 0x10000) >> 10),
                                0xDC00 + ((c - 0x10000) & 0x3FF));
      else if ((g_unichar_iscntrl (c) && c != '\n' && c != '\t') ||
               g_unichar_type (c) == G_UNICODE_FORMAT)
        g_string_append_printf (safe, "\\u%04X", c);
      else
        g_string_append_unichar (safe, c);

      p = g_utf8_next_char (p);
    }

  return g_string_free (safe, FALSE);
}

/* Set for --json: standard output is then UTF-8, as JSON must be. */
static gboolean print_utf8;

/* In the terminal's character set, as GLib's own print handler does */
static void
write_safely (const char *text,
              FILE       *stream,
              gboolean    utf8)
{
  g_autofree char *safe = escape_controls (text);
  g_autofree char *converted = NULL;
  const char *charset;

  /* JSON is UTF-8 wherever it goes; the rest is for people to read. */
  if (!utf8 && !g_get_charset (&charset))
    converted = g_convert_with_fallback (safe, -1, charset, "UTF-8", "?",
                                         NULL, NULL, NULL);

  fputs (converted != NULL ? converted : safe, stream);
}

static void
print_safely (const char *text)
{
  write_safely (text, stdout, print_utf8);
}

static void
printerr_safely (const char *text)
{
  write_safely (text, stderr, FALSE);
}

int
vl_cli_run (int    argc,
            char **argv)
{
  Options options = {
    .invitations = g_ptr_array_new_with_free_func (g_object_unref),
  };
  g_autoptr(GOptionContext) context = new_context (&options);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = g_strdupv (argv);
  VlEnvironment environment;
  Run run = { .status = EXIT_SUCCESS };

  g_set_print_handler (print_safely);
  g_set_printerr_handler (printerr_safely);

  run.status = parse_command (context, &options, &run, &environment, &args);
  run.json = options.json;
  print_utf8 = options.json;
  run.loop = g_main_loop_new (NULL, FALSE);

  if (run.status != EXIT_SUCCESS)
    ;
  else if (run.history)
    run.status = run_history (&options);
  else if (environment == VL_ENVIRONMENT_DEMO)
    {
      if (start_demo (&run, &error))
        g_main_loop_run (run.loop);
      else
        fail (&run, error->message);
    }
  else
    {
      run.client = new_client (environment, &options);
      find_credentials (&run, environment);
      g_main_loop_run (run.loop);
    }

  g_main_loop_unref (run.loop);
  g_clear_object (&run.client);
  g_clear_object (&run.demo);
  g_clear_object (&run.draft);
  g_free (run.call_id);
  options_clear (&options);

  return run.status;
}

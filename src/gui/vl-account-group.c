/* vl-account-group.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vl-account-group-private.h"
#include "vl-client.h"
#include "vl-credentials.h"
#include "vl-enums.h"
#include "vl-gui-util.h"
#include "vl-util.h"
#include "vl-validate.h"

struct _VlAccountGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  GtkSpinner          *lookup_spinner;
  AdwEntryRow         *graphql_row;
  AdwEntryRow         *token_row;
  AdwEntryRow         *key_row;
  AdwEntryRow         *secret_row;
  GtkLabel            *address_label;
  GtkWidget           *keyring_box;
  GtkLabel            *keyring_label;
  GtkWidget           *keep_button;
  GtkWidget           *status_box;
  GtkSpinner          *status_spinner;
  GtkImage            *status_icon;
  GtkLabel            *status_label;
  GtkWidget           *test_button;
  GtkWidget           *save_button;
  GtkWidget           *forget_button;

  VlApplication       *application;
  VlEnvironment        environment;

  /* Set while the keyring is read, and while a test, a save or a
   * removal runs; cancelled in dispose.
   */
  GCancellable        *lookup_cancellable;
  GCancellable        *cancellable;

  /* Set while the fields are filled in by the group itself */
  gboolean             filling;
  /* Whether the key or secret was typed since it was last saved, kept,
   * forgotten or read
   */
  gboolean             edited;
  /* The keyring was asked and holds nothing for this environment */
  gboolean             keyring_empty;
  gboolean             addresses_valid;

  char                *address_problem;
  char                *keyring_problem;
  VlAccountStatus      status_kind;
  char                *status;
};

G_DEFINE_FINAL_TYPE (VlAccountGroup, vl_account_group,
                     ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_ENVIRONMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
row_is_blank (AdwEntryRow *row)
{
  g_autofree char *text = dup_stripped (row);

  return text[0] == '\0';
}

static void
set_row_text (VlAccountGroup *self,
              AdwEntryRow    *row,
              const char     *text)
{
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  self->filling = FALSE;
}

/* What the group shows */

static void
set_status (VlAccountGroup  *self,
            VlAccountStatus  kind,
            const char      *text)
{
  static const char * const icons[] = {
    [VL_ACCOUNT_STATUS_INFO] = "dialog-information-symbolic",
    [VL_ACCOUNT_STATUS_SUCCESS] = "emblem-ok-symbolic",
    [VL_ACCOUNT_STATUS_ERROR] = "dialog-error-symbolic",
  };
  GtkWidget *box = self->status_box;

  self->status_kind = kind;
  vl_set_str (&self->status, kind != VL_ACCOUNT_STATUS_NONE ? text : NULL);

  gtk_widget_set_visible (box, kind != VL_ACCOUNT_STATUS_NONE);
  gtk_label_set_text (self->status_label, self->status ? self->status : "");

  gtk_widget_set_visible (GTK_WIDGET (self->status_spinner),
                          kind == VL_ACCOUNT_STATUS_BUSY);
  gtk_spinner_set_spinning (self->status_spinner,
                            kind == VL_ACCOUNT_STATUS_BUSY);
  gtk_widget_set_visible (GTK_WIDGET (self->status_icon),
                          kind != VL_ACCOUNT_STATUS_BUSY);
  if (kind < G_N_ELEMENTS (icons) && icons[kind] != NULL)
    gtk_image_set_from_icon_name (self->status_icon, icons[kind]);

  gtk_widget_remove_css_class (box, "success");
  gtk_widget_remove_css_class (box, "error");
  gtk_widget_remove_css_class (box, "dim-label");
  if (kind == VL_ACCOUNT_STATUS_SUCCESS)
    gtk_widget_add_css_class (box, "success");
  else if (kind == VL_ACCOUNT_STATUS_ERROR)
    gtk_widget_add_css_class (box, "error");
  else if (kind == VL_ACCOUNT_STATUS_BUSY)
    gtk_widget_add_css_class (box, "dim-label");
}

static void
set_keyring_problem (VlAccountGroup *self,
                     const char     *problem)
{
  vl_set_str (&self->keyring_problem, problem);

  gtk_label_set_text (self->keyring_label, problem ? problem : "");
  gtk_widget_set_visible (self->keyring_box, problem != NULL);
}

static gboolean
is_busy (VlAccountGroup *self)
{
  return self->cancellable != NULL;
}

static gboolean
has_credentials (VlAccountGroup *self)
{
  return !row_is_blank (self->key_row) && !row_is_blank (self->secret_row);
}

static gboolean
has_no_credentials (VlAccountGroup *self)
{
  return row_is_blank (self->key_row) && row_is_blank (self->secret_row);
}

static gboolean
addresses_ready (VlAccountGroup *self)
{
  return self->environment != VL_ENVIRONMENT_CUSTOM || self->addresses_valid;
}

static void
update_actions (VlAccountGroup *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean idle = !is_busy (self) && self->application != NULL;
  gboolean complete = has_credentials (self) && addresses_ready (self);
  gboolean can_save;
  gboolean in_use;

  /* The custom addresses can be saved on their own. */
  can_save = complete ||
             (self->environment == VL_ENVIRONMENT_CUSTOM &&
              self->addresses_valid && has_no_credentials (self));

  gtk_widget_action_set_enabled (widget, "account.test", idle && complete);
  gtk_widget_action_set_enabled (widget, "account.save", idle && can_save);
  /* Nothing to forget: nothing typed, nothing in use, nothing stored */
  in_use = self->application != NULL &&
           vl_application_get_session_credentials (self->application,
                                                   self->environment,
                                                   NULL, NULL);
  gtk_widget_action_set_enabled (widget, "account.forget",
                                 idle && (!self->keyring_empty || in_use ||
                                          !has_no_credentials (self)));
  gtk_widget_action_set_enabled (widget, "account.keep",
                                 idle && complete &&
                                 self->keyring_problem != NULL);
}

/* Checks both custom addresses as they are typed. An empty one is not
 * marked, but cannot be saved either.
 */
static void
check_addresses (VlAccountGroup *self)
{
  AdwEntryRow *rows[] = { self->graphql_row, self->token_row };
  g_autofree char *problem = NULL;
  gboolean complete = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = dup_stripped (rows[i]);
      g_autoptr(GError) error = NULL;
      gboolean valid = TRUE;

      if (text[0] == '\0')
        complete = FALSE;
      else
        valid = vl_check_service_url (text, &error);

      vl_gui_set_invalid (GTK_WIDGET (rows[i]), !valid);
      if (!valid && problem == NULL)
        problem = g_strdup (error->message);
    }

  self->addresses_valid = complete && problem == NULL;
  vl_set_str (&self->address_problem, problem);

  gtk_label_set_text (self->address_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->address_label), problem != NULL);
}

static void
on_address_changed (VlAccountGroup *self)
{
  check_addresses (self);

  if (!self->filling && !is_busy (self))
    set_status (self, VL_ACCOUNT_STATUS_NONE, NULL);

  update_actions (self);
}

static void
on_credentials_changed (VlAccountGroup *self)
{
  /* A result shown for other text would mislead. */
  if (!self->filling && !is_busy (self))
    set_status (self, VL_ACCOUNT_STATUS_NONE, NULL);

  if (!self->filling)
    self->edited = TRUE;

  update_actions (self);
}

static void
on_entry_activated (VlAccountGroup *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "account.save", NULL);
}

/* Saves the custom addresses, which takes effect at once when the custom
 * environment is in use.
 */
static void
save_addresses (VlAccountGroup *self)
{
  g_autofree char *graphql_url = dup_stripped (self->graphql_row);
  g_autofree char *token_url = dup_stripped (self->token_row);

  vl_application_set_custom_urls (self->application, graphql_url, token_url);
}

static void
on_address_apply (VlAccountGroup *self)
{
  if (self->application == NULL || !self->addresses_valid)
    {
      /* A wrong address says so already; a missing one does not. */
      if (self->address_problem == NULL)
        set_status (self, VL_ACCOUNT_STATUS_ERROR,
                    _("Enter both addresses to save them."));
      return;
    }

  save_addresses (self);
  set_status (self, VL_ACCOUNT_STATUS_SUCCESS, _("Addresses saved"));
}

/* Operations: a test, a save, a removal. One at a time; each callback
 * gets one of these and does nothing once it is cancelled.
 */

typedef struct
{
  VlAccountGroup *self;
  GCancellable   *cancellable;
  char           *api_key;
  char           *api_secret;
} Operation;

static Operation *
operation_new (VlAccountGroup *self,
               const char     *busy_text)
{
  Operation *operation = g_new0 (Operation, 1);

  operation->self = g_object_ref (self);
  operation->cancellable = g_cancellable_new ();
  operation->api_key = dup_stripped (self->key_row);
  operation->api_secret = dup_stripped (self->secret_row);

  g_set_object (&self->cancellable, operation->cancellable);
  set_status (self, VL_ACCOUNT_STATUS_BUSY, busy_text);
  update_actions (self);

  return operation;
}

static void
operation_free (Operation *operation)
{
  g_object_unref (operation->self);
  g_object_unref (operation->cancellable);
  vl_clear_secret (&operation->api_key);
  vl_clear_secret (&operation->api_secret);
  g_free (operation);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Operation, operation_free)

/* Whether the group still waits for @operation; it no longer does after
 * this returns %TRUE.
 */
static gboolean
operation_end (Operation *operation)
{
  VlAccountGroup *self = operation->self;

  if (g_cancellable_is_cancelled (operation->cancellable) ||
      self->cancellable != operation->cancellable)
    return FALSE;

  g_clear_object (&self->cancellable);
  update_actions (self);

  return TRUE;
}

static void
on_token_checked (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Operation) operation = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = vl_client_check_token_finish (VL_CLIENT (source), result, &error);

  if (!operation_end (operation))
    return;

  if (ok)
    set_status (operation->self, VL_ACCOUNT_STATUS_SUCCESS,
                _("Connected: the service accepted this key and secret"));
  else
    set_status (operation->self, VL_ACCOUNT_STATUS_ERROR, error->message);
}

/* Asks for a token with what is typed, through a client of its own:
 * nothing is saved and the application's client is left alone.
 */
static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VlAccountGroup *self = VL_ACCOUNT_GROUP (widget);
  g_autoptr(VlClient) client = NULL;
  VlEnvironment environment = self->environment;
  g_autofree char *graphql_url = NULL;
  g_autofree char *token_url = NULL;
  Operation *operation;

  if (is_busy (self) || !has_credentials (self) || !addresses_ready (self))
    return;

  if (environment == VL_ENVIRONMENT_CUSTOM)
    {
      graphql_url = dup_stripped (self->graphql_row);
      token_url = dup_stripped (self->token_row);
    }
  else
    {
      graphql_url = g_strdup (vl_environment_get_graphql_url (environment));
      token_url = g_strdup (vl_environment_get_token_url (environment));
    }

  operation = operation_new (self, _("Asking the service for a token…"));

  client = vl_client_new (vl_environment_to_string (environment),
                          graphql_url, token_url);
  vl_client_set_credentials (client, operation->api_key,
                             operation->api_secret);
  vl_client_check_token_async (client, operation->cancellable,
                               on_token_checked, operation);
}

static void
on_credentials_stored (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(Operation) operation = user_data;
  VlAccountGroup *self = operation->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = vl_credentials_store_finish (result, &error);

  if (!operation_end (operation))
    return;

  if (ok)
    {
      set_keyring_problem (self, NULL);
      self->keyring_empty = FALSE;
      vl_application_use_credentials (self->application, self->environment,
                                      operation->api_key,
                                      operation->api_secret, FALSE);
      self->edited = FALSE;
      set_status (self, VL_ACCOUNT_STATUS_SUCCESS, _("Saved in the keyring"));
    }
  else if (g_error_matches (error, VL_CREDENTIALS_ERROR,
                            VL_CREDENTIALS_ERROR_NO_KEYRING))
    {
      set_keyring_problem (self, error->message);
      set_status (self, VL_ACCOUNT_STATUS_ERROR,
                  _("The key and secret were not saved."));
    }
  else
    {
      set_status (self, VL_ACCOUNT_STATUS_ERROR, error->message);
    }

  update_actions (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VlAccountGroup *self = VL_ACCOUNT_GROUP (widget);
  Operation *operation;

  if (is_busy (self) || self->application == NULL || !addresses_ready (self))
    return;

  if (self->environment == VL_ENVIRONMENT_CUSTOM)
    {
      save_addresses (self);

      if (has_no_credentials (self))
        {
          set_status (self, VL_ACCOUNT_STATUS_SUCCESS, _("Addresses saved"));
          return;
        }
    }

  if (!has_credentials (self))
    return;

  operation = operation_new (self, _("Saving in the keyring…"));
  vl_credentials_store_async (self->environment, operation->api_key,
                              operation->api_secret, operation->cancellable,
                              on_credentials_stored, operation);
}

static void
on_credentials_cleared (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(Operation) operation = user_data;
  VlAccountGroup *self = operation->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = vl_credentials_clear_finish (result, &error);

  if (!operation_end (operation))
    return;

  if (ok)
    {
      set_keyring_problem (self, NULL);
      self->keyring_empty = TRUE;
      self->edited = FALSE;
      set_status (self, VL_ACCOUNT_STATUS_SUCCESS,
                  _("Forgotten: no key and secret are stored for this "
                    "environment"));
    }
  else if (g_error_matches (error, VL_CREDENTIALS_ERROR,
                            VL_CREDENTIALS_ERROR_NO_KEYRING))
    {
      set_keyring_problem (self, error->message);
      set_status (self, VL_ACCOUNT_STATUS_ERROR,
                  _("Forgotten for this session, but the keyring could not "
                    "be reached to remove what it holds."));
    }
  else
    {
      set_status (self, VL_ACCOUNT_STATUS_ERROR, error->message);
    }

  update_actions (self);
}

static void
forget_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VlAccountGroup *self = VL_ACCOUNT_GROUP (widget);
  Operation *operation;

  if (is_busy (self) || self->application == NULL)
    return;

  vl_application_use_credentials (self->application, self->environment,
                                  NULL, NULL, FALSE);
  set_row_text (self, self->key_row, NULL);
  set_row_text (self, self->secret_row, NULL);

  operation = operation_new (self, _("Removing them from the keyring…"));
  vl_credentials_clear_async (self->environment, operation->cancellable,
                              on_credentials_cleared, operation);
}

static void
keep_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VlAccountGroup *self = VL_ACCOUNT_GROUP (widget);
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;

  if (is_busy (self) || self->application == NULL ||
      !has_credentials (self) || !addresses_ready (self))
    return;

  if (self->environment == VL_ENVIRONMENT_CUSTOM)
    save_addresses (self);

  key = dup_stripped (self->key_row);
  secret = dup_stripped (self->secret_row);
  vl_application_use_credentials (self->application, self->environment,
                                  key, secret, TRUE);
  vl_clear_secret (&key);
  vl_clear_secret (&secret);
  self->edited = FALSE;

  set_status (self, VL_ACCOUNT_STATUS_SUCCESS,
              _("Kept for this session only: they are forgotten when the "
                "application quits"));
}

/* Filling in */

static void
on_credentials_found (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(VlAccountGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  char *secret = NULL;
  gboolean answered;

  answered = vl_credentials_lookup_finish (result, &key, &secret, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      self->lookup_cancellable == NULL)
    {
      vl_clear_secret (&secret);
      return;
    }

  g_clear_object (&self->lookup_cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->lookup_spinner), FALSE);
  gtk_spinner_set_spinning (self->lookup_spinner, FALSE);

  if (!answered &&
      g_error_matches (error, VL_CREDENTIALS_ERROR,
                       VL_CREDENTIALS_ERROR_NO_KEYRING))
    set_keyring_problem (self, error->message);
  else if (!answered)
    set_status (self, VL_ACCOUNT_STATUS_ERROR, error->message);
  else
    self->keyring_empty = key == NULL;

  if (answered && key != NULL && has_no_credentials (self))
    {
      /* Only into empty fields: what was typed meanwhile stays. */
      set_row_text (self, self->key_row, key);
      set_row_text (self, self->secret_row, secret);
    }

  vl_clear_secret (&secret);
  update_actions (self);
}

static void
fill (VlAccountGroup *self)
{
  const char *key, *secret;

  if (self->environment == VL_ENVIRONMENT_CUSTOM)
    {
      set_row_text (self, self->graphql_row,
                    vl_application_get_custom_graphql_url (self->application));
      set_row_text (self, self->token_row,
                    vl_application_get_custom_token_url (self->application));
      check_addresses (self);
    }

  if (vl_application_get_session_credentials (self->application,
                                              self->environment,
                                              &key, &secret))
    {
      set_row_text (self, self->key_row, key);
      set_row_text (self, self->secret_row, secret);
      set_status (self, VL_ACCOUNT_STATUS_INFO,
                  _("Kept for this session only: they are forgotten when "
                    "the application quits"));
    }

  /* Asked even with credentials in memory, so that the group can say
   * whether the keyring is back.
   */
  self->lookup_cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->lookup_spinner), TRUE);
  gtk_spinner_set_spinning (self->lookup_spinner, TRUE);
  vl_credentials_lookup_async (self->environment, self->lookup_cancellable,
                               on_credentials_found, g_object_ref (self));
}

/* Set up */

static void
show_environment (VlAccountGroup *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (self);
  gboolean custom = self->environment == VL_ENVIRONMENT_CUSTOM;
  const char *title = vl_environment_get_title (self->environment);
  const char *description = NULL;

  switch (self->environment)
    {
    case VL_ENVIRONMENT_TESTING:
      description = _("XOi’s staging service, for trying an integration "
                      "out");
      break;

    case VL_ENVIRONMENT_PRODUCTION:
      description = _("XOi’s live service: calls invite real people");
      break;

    case VL_ENVIRONMENT_CUSTOM:
      description = _("A proxy or a test server. Addresses must use https, "
                      "except on this computer.");
      break;

    case VL_ENVIRONMENT_DEMO:
    default:
      break;
    }

  adw_preferences_group_set_title (group, title);
  adw_preferences_group_set_description (group, description);

  gtk_widget_set_visible (GTK_WIDGET (self->graphql_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->token_row), custom);
}

static void
vl_account_group_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VlAccountGroup *self = VL_ACCOUNT_GROUP (object);

  switch (prop_id)
    {
    case PROP_ENVIRONMENT:
      g_value_set_enum (value, self->environment);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_account_group_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  VlAccountGroup *self = VL_ACCOUNT_GROUP (object);

  switch (prop_id)
    {
    case PROP_ENVIRONMENT:
      self->environment = g_value_get_enum (value);
      show_environment (self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_account_group_dispose (GObject *object)
{
  VlAccountGroup *self = VL_ACCOUNT_GROUP (object);

  g_cancellable_cancel (self->lookup_cancellable);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), VL_TYPE_ACCOUNT_GROUP);

  g_clear_object (&self->application);

  G_OBJECT_CLASS (vl_account_group_parent_class)->dispose (object);
}

static void
vl_account_group_finalize (GObject *object)
{
  VlAccountGroup *self = VL_ACCOUNT_GROUP (object);

  g_free (self->address_problem);
  g_free (self->keyring_problem);
  g_free (self->status);

  G_OBJECT_CLASS (vl_account_group_parent_class)->finalize (object);
}

static void
vl_account_group_class_init (VlAccountGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = vl_account_group_get_property;
  object_class->set_property = vl_account_group_set_property;
  object_class->dispose = vl_account_group_dispose;
  object_class->finalize = vl_account_group_finalize;

  properties[PROP_ENVIRONMENT] =
    g_param_spec_enum ("environment", NULL, NULL,
                       VL_TYPE_ENVIRONMENT, VL_ENVIRONMENT_TESTING,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
      "/io/github/visionlive/Launcher/vl-account-group.ui");
  gtk_widget_class_bind_template_child (widget_class, VlAccountGroup,
                                        lookup_spinner);
  gtk_widget_class_bind_template_child (widget_class, VlAccountGroup,
                                        graphql_row);
  gtk_widget_class_bind_template_child (widget_class, VlAccountGroup,
                                        token_row);
  gtk_widget_class_bind_template_child (widget_class, VlAccountGroup,
                                        key_row);
  gtk_widget_class_bind_template_child (widget_class, VlAccountGroup,
                                        secret_row);
  gtk_widget_class_bind_template_child (widget_class, VlAccountGroup,
                                        address_label);
  gtk_widget_class_bind_template_child (widget_class, VlAccountGroup,
                                        keyring_box);
  gtk_widget_class_bind_template_child (widget_class, VlAccountGroup,
                                        keyring_label);
  gtk_widget_class_bind_template_child (widget_class, VlAccountGroup,
                                        keep_button);
  gtk_widget_class_bind_template_child (widget_class, VlAccountGroup,
                                        status_box);
  gtk_widget_class_bind_template_child (widget_class, VlAccountGroup,
                                        status_spinner);
  gtk_widget_class_bind_template_child (widget_class, VlAccountGroup,
                                        status_icon);
  gtk_widget_class_bind_template_child (widget_class, VlAccountGroup,
                                        status_label);
  gtk_widget_class_bind_template_child (widget_class, VlAccountGroup,
                                        test_button);
  gtk_widget_class_bind_template_child (widget_class, VlAccountGroup,
                                        save_button);
  gtk_widget_class_bind_template_child (widget_class, VlAccountGroup,
                                        forget_button);
  gtk_widget_class_bind_template_callback (widget_class, on_address_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_address_apply);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_credentials_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);

  gtk_widget_class_install_action (widget_class, "account.test", NULL,
                                   test_action);
  gtk_widget_class_install_action (widget_class, "account.save", NULL,
                                   save_action);
  gtk_widget_class_install_action (widget_class, "account.forget", NULL,
                                   forget_action);
  gtk_widget_class_install_action (widget_class, "account.keep", NULL,
                                   keep_action);
}

static void
vl_account_group_init (VlAccountGroup *self)
{
  self->environment = VL_ENVIRONMENT_TESTING;

  gtk_widget_init_template (GTK_WIDGET (self));

  show_environment (self);
  update_actions (self);
}

GtkWidget *
vl_account_group_new (VlEnvironment environment)
{
  return g_object_new (VL_TYPE_ACCOUNT_GROUP,
                       "environment", environment,
                       NULL);
}

VlEnvironment
vl_account_group_get_environment (VlAccountGroup *self)
{
  g_return_val_if_fail (VL_IS_ACCOUNT_GROUP (self), VL_ENVIRONMENT_TESTING);

  return self->environment;
}

void
vl_account_group_set_application (VlAccountGroup *self,
                                  VlApplication  *application)
{
  g_return_if_fail (VL_IS_ACCOUNT_GROUP (self));
  g_return_if_fail (VL_IS_APPLICATION (application));
  g_return_if_fail (self->application == NULL);

  self->application = g_object_ref (application);

  fill (self);
  update_actions (self);
}

/**
 * vl_account_group_has_unsaved_credentials:
 *
 * Returns: whether a key and secret were typed and neither saved nor
 *   kept for the session: closing Preferences would lose them
 */
gboolean
vl_account_group_has_unsaved_credentials (VlAccountGroup *self)
{
  g_return_val_if_fail (VL_IS_ACCOUNT_GROUP (self), FALSE);

  return self->edited && has_credentials (self);
}

void
vl_account_group_focus (VlAccountGroup *self)
{
  AdwEntryRow *row = self->key_row;

  g_return_if_fail (VL_IS_ACCOUNT_GROUP (self));

  if (self->environment == VL_ENVIRONMENT_CUSTOM && !self->addresses_valid)
    row = self->graphql_row;

  gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* Test accessors */

GtkEditable *
vl_account_group_get_graphql_editable (VlAccountGroup *self)
{
  g_return_val_if_fail (VL_IS_ACCOUNT_GROUP (self), NULL);

  return GTK_EDITABLE (self->graphql_row);
}

GtkEditable *
vl_account_group_get_token_editable (VlAccountGroup *self)
{
  g_return_val_if_fail (VL_IS_ACCOUNT_GROUP (self), NULL);

  return GTK_EDITABLE (self->token_row);
}

GtkEditable *
vl_account_group_get_key_editable (VlAccountGroup *self)
{
  g_return_val_if_fail (VL_IS_ACCOUNT_GROUP (self), NULL);

  return GTK_EDITABLE (self->key_row);
}

GtkEditable *
vl_account_group_get_secret_editable (VlAccountGroup *self)
{
  g_return_val_if_fail (VL_IS_ACCOUNT_GROUP (self), NULL);

  return GTK_EDITABLE (self->secret_row);
}

GtkWidget *
vl_account_group_get_test_button (VlAccountGroup *self)
{
  g_return_val_if_fail (VL_IS_ACCOUNT_GROUP (self), NULL);

  return self->test_button;
}

GtkWidget *
vl_account_group_get_save_button (VlAccountGroup *self)
{
  g_return_val_if_fail (VL_IS_ACCOUNT_GROUP (self), NULL);

  return self->save_button;
}

GtkWidget *
vl_account_group_get_forget_button (VlAccountGroup *self)
{
  g_return_val_if_fail (VL_IS_ACCOUNT_GROUP (self), NULL);

  return self->forget_button;
}

GtkWidget *
vl_account_group_get_keep_button (VlAccountGroup *self)
{
  g_return_val_if_fail (VL_IS_ACCOUNT_GROUP (self), NULL);

  return self->keep_button;
}

VlAccountStatus
vl_account_group_get_status_kind (VlAccountGroup *self)
{
  g_return_val_if_fail (VL_IS_ACCOUNT_GROUP (self), VL_ACCOUNT_STATUS_NONE);

  return self->status_kind;
}

const char *
vl_account_group_get_status (VlAccountGroup *self)
{
  g_return_val_if_fail (VL_IS_ACCOUNT_GROUP (self), NULL);

  return self->status;
}

const char *
vl_account_group_get_keyring_problem (VlAccountGroup *self)
{
  g_return_val_if_fail (VL_IS_ACCOUNT_GROUP (self), NULL);

  return self->keyring_problem;
}

const char *
vl_account_group_get_address_problem (VlAccountGroup *self)
{
  g_return_val_if_fail (VL_IS_ACCOUNT_GROUP (self), NULL);

  return self->address_problem;
}

gboolean
vl_account_group_get_busy (VlAccountGroup *self)
{
  g_return_val_if_fail (VL_IS_ACCOUNT_GROUP (self), FALSE);

  return self->lookup_cancellable != NULL || is_busy (self);
}

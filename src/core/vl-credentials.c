/* vl-credentials.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "vl-util.h"
#include "vl-json.h"
#include "vl-credentials.h"

G_DEFINE_QUARK (vl-credentials-error-quark, vl_credentials_error)

/* One item per environment; its secret is a small JSON object holding the
 * key and the secret, so that both change together.
 */
static const SecretSchema credentials_schema = {
  APPLICATION_ID, SECRET_SCHEMA_NONE,
  {
    { "environment", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

typedef struct
{
  char *api_key;
  char *api_secret;
} Credentials;

static void
credentials_free (Credentials *credentials)
{
  vl_clear_secret (&credentials->api_key);
  vl_clear_secret (&credentials->api_secret);
  g_free (credentials);
}

/* What libsecret's message means, in a dispatcher's words; its own text
 * names D-Bus objects. The usual causes on a desktop are these.
 */
static const char *
describe_keyring_error (const GError *error)
{
  const char *message = error->message;

  if (strstr (message, "org.freedesktop.secrets") != NULL ||
      strstr (message, "ServiceUnknown") != NULL)
    return _("no keyring service is running");

  if (strstr (message, "/collection/") != NULL ||
      strstr (message, "ocked") != NULL)
    return _("the keyring is locked, or has no default collection yet");

  if (strstr (message, "D-Bus") != NULL || strstr (message, "DBus") != NULL ||
      strstr (message, "bus") != NULL ||
      g_str_has_prefix (message, "Could not connect"))
    return _("there is no desktop session to reach it through");

  if (strstr (message, "ismissed") != NULL)
    return _("its password prompt was closed");

  return message;
}

/* Anything libsecret reports, short of cancellation, means the keyring is
 * out of reach for now: no service, no session bus, a locked collection.
 */
static GError *
translate_error (GError *error)
{
  GError *translated;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  g_debug ("Keyring error: %s", error->message);
  translated = g_error_new (VL_CREDENTIALS_ERROR,
                            VL_CREDENTIALS_ERROR_NO_KEYRING,
                            _("The keyring cannot be used: %s. The "
                              "credentials can be kept for this session "
                              "only, or stored once a keyring is running "
                              "and unlocked."),
                            describe_keyring_error (error));
  g_error_free (error);

  return translated;
}

static char *
encode (const char *api_key,
        const char *api_secret)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "api_key");
  json_builder_add_string_value (builder, api_key);
  json_builder_set_member_name (builder, "api_secret");
  json_builder_add_string_value (builder, api_secret);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return vl_json_to_string (root, FALSE);
}

static Credentials *
decode (const char  *text,
        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonNode *key;
  JsonNode *secret;
  Credentials *credentials;

  if (!vl_json_load (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto damaged;

  object = json_node_get_object (json_parser_get_root (parser));
  key = json_object_get_member (object, "api_key");
  secret = json_object_get_member (object, "api_secret");
  if (key == NULL || secret == NULL ||
      json_node_get_value_type (key) != G_TYPE_STRING ||
      json_node_get_value_type (secret) != G_TYPE_STRING)
    goto damaged;

  credentials = g_new0 (Credentials, 1);
  credentials->api_key = g_strdup (json_node_get_string (key));
  credentials->api_secret = g_strdup (json_node_get_string (secret));

  return credentials;

damaged:
  g_set_error (error, VL_CREDENTIALS_ERROR, VL_CREDENTIALS_ERROR_DAMAGED,
               _("The credentials in the keyring are damaged. Enter them "
                 "again in Preferences."));
  return NULL;
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, translate_error (error));
}

void
vl_credentials_store_async (VlEnvironment        environment,
                            const char          *api_key,
                            const char          *api_secret,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;
  char *value;

  g_return_if_fail (api_key != NULL && api_secret != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, vl_credentials_store_async);

  /* Translators: the name of a keyring item; %s is an environment. */
  label = g_strdup_printf (_("Vision Live API credentials (%s)"),
                           vl_environment_get_title (environment));
  value = encode (api_key, api_secret);
  secret_password_store (&credentials_schema, SECRET_COLLECTION_DEFAULT,
                         label, value, cancellable, on_stored,
                         g_steal_pointer (&task),
                         "environment", vl_environment_to_string (environment),
                         NULL);
  vl_clear_secret (&value);
}

gboolean
vl_credentials_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_looked_up (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *value;
  Credentials *credentials;

  value = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, translate_error (error));
      return;
    }

  /* Nothing stored is not an error: credentials are simply not set. */
  if (value == NULL)
    {
      g_task_return_pointer (task, g_new0 (Credentials, 1),
                             (GDestroyNotify)credentials_free);
      return;
    }

  credentials = decode (value, &error);
  secret_password_free (value);
  if (credentials == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, credentials,
                           (GDestroyNotify)credentials_free);
}

void
vl_credentials_lookup_async (VlEnvironment        environment,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, vl_credentials_lookup_async);
  secret_password_lookup (&credentials_schema, cancellable, on_looked_up,
                          task,
                          "environment", vl_environment_to_string (environment),
                          NULL);
}

/**
 * vl_credentials_lookup_finish:
 * @api_key: (out) (optional): the key, or %NULL when none is stored
 * @api_secret: (out) (optional): the secret, or %NULL when none is stored
 *
 * Returns: %TRUE when the keyring answered, whether or not anything was
 *   stored
 */
gboolean
vl_credentials_lookup_finish (GAsyncResult  *result,
                              char         **api_key,
                              char         **api_secret,
                              GError       **error)
{
  Credentials *credentials;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  credentials = g_task_propagate_pointer (G_TASK (result), error);
  if (credentials == NULL)
    return FALSE;

  if (api_key != NULL)
    *api_key = g_steal_pointer (&credentials->api_key);
  if (api_secret != NULL)
    *api_secret = g_steal_pointer (&credentials->api_secret);
  credentials_free (credentials);

  return TRUE;
}

static void
on_cleared (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error means there was nothing to remove: fine. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
vl_credentials_clear_async (VlEnvironment        environment,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, vl_credentials_clear_async);
  secret_password_clear (&credentials_schema, cancellable, on_cleared, task,
                         "environment", vl_environment_to_string (environment),
                         NULL);
}

gboolean
vl_credentials_clear_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* vl-graphql.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vl-error.h"
#include "vl-graphql.h"
#include "vl-json.h"

#define CALL_FIELDS \
  "    visionLiveCall {\n" \
  "      id\n" \
  "      invitations {\n" \
  "        type\n" \
  "        recipient\n" \
  "      }\n" \
  "      integrationEntityId {\n" \
  "        namespace\n" \
  "        id\n" \
  "      }\n" \
  "      callMetadataJSON\n" \
  "      visionLiveLink\n" \
  "    }\n"

const char VL_GRAPHQL_PREPARE_DOCUMENT[] =
  "mutation " VL_GRAPHQL_PREPARE_OPERATION
  "($input: PrepareVisionLiveCallInput!) {\n"
  "  prepareVisionLiveCall(input: $input) {\n"
  CALL_FIELDS
  "  }\n"
  "}\n";

const char VL_GRAPHQL_GET_DOCUMENT[] =
  "query " VL_GRAPHQL_GET_OPERATION "($input: GetVisionLiveCallInput!) {\n"
  "  getVisionLiveCall(input: $input) {\n"
  CALL_FIELDS
  "  }\n"
  "}\n";

/* Takes @input over. */
static JsonNode *
build_request (const char *operation,
               const char *document,
               JsonNode   *input)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "operationName");
  json_builder_add_string_value (builder, operation);
  json_builder_set_member_name (builder, "query");
  json_builder_add_string_value (builder, document);
  json_builder_set_member_name (builder, "variables");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "input");
  json_builder_add_value (builder, input);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
add_invitations (JsonBuilder *builder,
                 GListModel  *invitations)
{
  guint n_items = g_list_model_get_n_items (invitations);

  if (n_items == 0)
    return;

  json_builder_set_member_name (builder, "invitations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(VlInvitation) invitation = g_list_model_get_item (invitations,
                                                                  i);
      VlInvitationType type = vl_invitation_get_kind (invitation);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder,
                                     vl_invitation_type_to_string (type));
      json_builder_set_member_name (builder, "recipient");
      json_builder_add_string_value (builder,
                                     vl_invitation_get_recipient (invitation));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * vl_graphql_build_prepare_request:
 * @draft: the call as the dispatcher entered it, already checked
 *
 * Returns: (transfer full): the request body
 */
JsonNode *
vl_graphql_build_prepare_request (VlCall *draft)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) input = NULL;

  g_return_val_if_fail (VL_IS_CALL (draft), NULL);

  json_builder_begin_object (builder);
  add_invitations (builder, vl_call_get_invitations (draft));

  if (vl_call_has_integration (draft))
    {
      json_builder_set_member_name (builder, "integrationEntityId");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "namespace");
      json_builder_add_string_value (builder,
                                     vl_call_get_integration_namespace (draft));
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder,
                                     vl_call_get_integration_id (draft));
      json_builder_end_object (builder);
    }

  if (vl_call_get_metadata_json (draft) != NULL)
    {
      json_builder_set_member_name (builder, "callMetadataJSON");
      json_builder_add_string_value (builder,
                                     vl_call_get_metadata_json (draft));
    }
  json_builder_end_object (builder);

  input = json_builder_get_root (builder);

  return build_request (VL_GRAPHQL_PREPARE_OPERATION,
                        VL_GRAPHQL_PREPARE_DOCUMENT,
                        g_steal_pointer (&input));
}

/**
 * vl_graphql_build_get_request:
 *
 * Returns: (transfer full): the request body
 */
JsonNode *
vl_graphql_build_get_request (const char *call_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) input = NULL;

  g_return_val_if_fail (call_id != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, call_id);
  json_builder_end_object (builder);
  input = json_builder_get_root (builder);

  return build_request (VL_GRAPHQL_GET_OPERATION,
                        VL_GRAPHQL_GET_DOCUMENT,
                        g_steal_pointer (&input));
}

/* Reading answers */

static JsonNode *
parse_body (GBytes  *body,
            GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *text = body ? g_bytes_get_data (body, &length) : NULL;

  if (length == 0)
    {
      g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_BAD_ANSWER,
                   _("The service sent an empty answer. Try again in a "
                     "moment."));
      return NULL;
    }

  if (vl_json_looks_like_web_page (text, length))
    {
      g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_BAD_ANSWER,
                   _("The service sent a web page instead of an answer. A "
                     "proxy, firewall or sign-in page may be in the way; "
                     "check the network connection and try again."));
      return NULL;
    }

  if (!vl_json_load (parser, text, length, NULL) ||
      json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_BAD_ANSWER,
                   _("The service’s answer was cut short or is not JSON. "
                     "Try again in a moment."));
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

/* Unlike json_object_get_string_member_with_default(), never critical when
 * the member has another type: answers come from outside.
 */
static const char *
get_string_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
error_says_unauthorized (JsonObject *entry,
                         const char *message)
{
  JsonNode *extensions = json_object_get_member (entry, "extensions");
  const char *error_type = get_string_member (entry, "errorType");
  const char *code = NULL;

  if (extensions != NULL && JSON_NODE_HOLDS_OBJECT (extensions))
    code = get_string_member (json_node_get_object (extensions), "code");

  return g_strcmp0 (code, "UNAUTHENTICATED") == 0 ||
         g_strcmp0 (code, "FORBIDDEN") == 0 ||
         (error_type != NULL && strstr (error_type, "Unauthorized") != NULL) ||
         (message != NULL &&
          (strstr (message, "Unauthorized") != NULL ||
           strstr (message, "not authorized") != NULL));
}

/* Joins the messages of a GraphQL "errors" list, word for word. Returns
 * FALSE when there are none.
 */
static gboolean
read_errors (JsonObject  *root,
             GError     **error)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  gboolean unauthorized = FALSE;
  JsonNode *node = json_object_get_member (root, "errors");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *entry;
      const char *message = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      entry = json_node_get_object (element);
      message = get_string_member (entry, "message");
      unauthorized |= error_says_unauthorized (entry, message);

      if (message != NULL && *message != '\0')
        {
          if (messages->len > 0)
            g_string_append_c (messages, '\n');
          g_string_append (messages, message);
        }
    }

  if (json_array_get_length (array) == 0)
    return FALSE;

  if (messages->len == 0)
    g_string_append (messages, _("The service reported an error but did "
                                 "not say what it was."));

  g_set_error_literal (error, VL_CLIENT_ERROR,
                       unauthorized ? VL_CLIENT_ERROR_NOT_AUTHORIZED
                                    : VL_CLIENT_ERROR_GRAPHQL,
                       messages->str);
  return TRUE;
}

/* data.<field>.visionLiveCall, or NULL */
static JsonNode *
find_call (JsonObject *root,
           const char *field)
{
  JsonNode *node = json_object_get_member (root, "data");

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  node = json_object_get_member (json_node_get_object (node), field);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  node = json_object_get_member (json_node_get_object (node),
                                 "visionLiveCall");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

/**
 * vl_graphql_parse_call_response:
 *
 * A call that comes with errors beside it is still returned: the service
 * did the work, and the dispatcher must not lose it.
 *
 * Returns: (transfer full): the call, or %NULL with an error
 */
VlCall *
vl_graphql_parse_call_response (GBytes      *body,
                                const char  *field,
                                GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) service_error = NULL;
  JsonObject *object;
  JsonNode *call;

  g_return_val_if_fail (field != NULL, NULL);

  root = parse_body (body, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_BAD_ANSWER,
                   _("The service’s answer is not a GraphQL answer. Check "
                     "that the GraphQL address is right."));
      return NULL;
    }

  object = json_node_get_object (root);
  read_errors (object, &service_error);
  call = find_call (object, field);

  if (call != NULL)
    {
      VlCall *result = vl_call_new_from_json (call, error);

      if (result != NULL && service_error != NULL)
        vl_call_set_service_notice (result, service_error->message);

      return result;
    }

  if (service_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&service_error));
      return NULL;
    }

  g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_BAD_ANSWER,
               _("The service answered without a call and without saying "
                 "why. Try again in a moment."));
  return NULL;
}

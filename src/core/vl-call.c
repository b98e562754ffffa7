/* vl-call.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vl-call.h"
#include "vl-error.h"
#include "vl-json.h"
#include "vl-util.h"

struct _VlCall
{
  GObject     parent_instance;

  char       *id;
  GListStore *invitations;
  char       *integration_namespace;
  char       *integration_id;
  char       *metadata_json;
  JsonObject *metadata;
  char       *link;
  GDateTime  *prepared_at;
  char       *environment;
  /* What the service said beside the call it returned, in memory only */
  char       *service_notice;

  /* The visionLiveCall object as the service returned it, if it did. */
  JsonNode   *source;
};

G_DEFINE_FINAL_TYPE (VlCall, vl_call, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_INVITATIONS,
  PROP_INTEGRATION_NAMESPACE,
  PROP_INTEGRATION_ID,
  PROP_METADATA_JSON,
  PROP_LINK,
  PROP_PREPARED_AT,
  PROP_ENVIRONMENT,
  PROP_SERVICE_NOTICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
vl_call_finalize (GObject *object)
{
  VlCall *self = (VlCall *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_object (&self->invitations);
  g_clear_pointer (&self->integration_namespace, g_free);
  g_clear_pointer (&self->integration_id, g_free);
  g_clear_pointer (&self->metadata_json, g_free);
  g_clear_pointer (&self->metadata, json_object_unref);
  g_clear_pointer (&self->link, g_free);
  g_clear_pointer (&self->prepared_at, g_date_time_unref);
  g_clear_pointer (&self->environment, g_free);
  g_clear_pointer (&self->service_notice, g_free);
  g_clear_pointer (&self->source, json_node_unref);

  G_OBJECT_CLASS (vl_call_parent_class)->finalize (object);
}

static void
vl_call_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  VlCall *self = VL_CALL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_INVITATIONS:
      g_value_set_object (value, self->invitations);
      break;

    case PROP_INTEGRATION_NAMESPACE:
      g_value_set_string (value, self->integration_namespace);
      break;

    case PROP_INTEGRATION_ID:
      g_value_set_string (value, self->integration_id);
      break;

    case PROP_METADATA_JSON:
      g_value_set_string (value, self->metadata_json);
      break;

    case PROP_LINK:
      g_value_set_string (value, self->link);
      break;

    case PROP_PREPARED_AT:
      g_value_set_boxed (value, self->prepared_at);
      break;

    case PROP_ENVIRONMENT:
      g_value_set_string (value, self->environment);
      break;

    case PROP_SERVICE_NOTICE:
      g_value_set_string (value, self->service_notice);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_call_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  VlCall *self = VL_CALL (object);

  switch (prop_id)
    {
    case PROP_ID:
      vl_call_set_id (self, g_value_get_string (value));
      break;

    case PROP_METADATA_JSON:
      vl_call_set_metadata_json (self, g_value_get_string (value));
      break;

    case PROP_LINK:
      vl_call_set_link (self, g_value_get_string (value));
      break;

    case PROP_PREPARED_AT:
      vl_call_set_prepared_at (self, g_value_get_boxed (value));
      break;

    case PROP_ENVIRONMENT:
      vl_call_set_environment (self, g_value_get_string (value));
      break;

    case PROP_SERVICE_NOTICE:
      vl_call_set_service_notice (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char  *name,
                 GParamFlags  extra_flags)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              (G_PARAM_READABLE |
                               G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS |
                               extra_flags));
}

static void
vl_call_class_init (VlCallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vl_call_finalize;
  object_class->get_property = vl_call_get_property;
  object_class->set_property = vl_call_set_property;

  properties[PROP_ID] = string_property ("id", G_PARAM_WRITABLE);
  properties[PROP_INVITATIONS] =
    g_param_spec_object ("invitations", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_INTEGRATION_NAMESPACE] =
    string_property ("integration-namespace", 0);
  properties[PROP_INTEGRATION_ID] = string_property ("integration-id", 0);
  properties[PROP_METADATA_JSON] =
    string_property ("metadata-json", G_PARAM_WRITABLE);
  properties[PROP_LINK] = string_property ("link", G_PARAM_WRITABLE);
  properties[PROP_PREPARED_AT] =
    g_param_spec_boxed ("prepared-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));
  properties[PROP_ENVIRONMENT] =
    string_property ("environment", G_PARAM_WRITABLE);
  properties[PROP_SERVICE_NOTICE] =
    string_property ("service-notice", G_PARAM_WRITABLE);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vl_call_init (VlCall *self)
{
  self->invitations = g_list_store_new (VL_TYPE_INVITATION);
}

VlCall *
vl_call_new (void)
{
  return g_object_new (VL_TYPE_CALL, NULL);
}

const char *
vl_call_get_id (VlCall *self)
{
  g_return_val_if_fail (VL_IS_CALL (self), NULL);

  return self->id;
}

void
vl_call_set_id (VlCall     *self,
                const char *id)
{
  g_return_if_fail (VL_IS_CALL (self));

  if (vl_set_str (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * vl_call_get_invitations:
 *
 * Returns: (transfer none): a #GListModel of #VlInvitation, in the order
 *   they were entered or returned
 */
GListModel *
vl_call_get_invitations (VlCall *self)
{
  g_return_val_if_fail (VL_IS_CALL (self), NULL);

  return G_LIST_MODEL (self->invitations);
}

void
vl_call_add_invitation (VlCall       *self,
                        VlInvitation *invitation)
{
  g_return_if_fail (VL_IS_CALL (self));
  g_return_if_fail (VL_IS_INVITATION (invitation));

  g_list_store_append (self->invitations, invitation);
}

const char *
vl_call_get_integration_namespace (VlCall *self)
{
  g_return_val_if_fail (VL_IS_CALL (self), NULL);

  return self->integration_namespace;
}

const char *
vl_call_get_integration_id (VlCall *self)
{
  g_return_val_if_fail (VL_IS_CALL (self), NULL);

  return self->integration_id;
}

/**
 * vl_call_set_integration:
 *
 * Sets the integration entity id, the integrator's own name for the call
 * (for example a work order). The service takes both parts or neither, so
 * passing %NULL for either clears both.
 */
void
vl_call_set_integration (VlCall     *self,
                         const char *namespace_,
                         const char *id)
{
  g_return_if_fail (VL_IS_CALL (self));

  if (namespace_ == NULL || id == NULL)
    namespace_ = id = NULL;

  if (vl_set_str (&self->integration_namespace, namespace_))
    g_object_notify_by_pspec (G_OBJECT (self),
                              properties[PROP_INTEGRATION_NAMESPACE]);

  if (vl_set_str (&self->integration_id, id))
    g_object_notify_by_pspec (G_OBJECT (self),
                              properties[PROP_INTEGRATION_ID]);
}

gboolean
vl_call_has_integration (VlCall *self)
{
  g_return_val_if_fail (VL_IS_CALL (self), FALSE);

  return self->integration_namespace != NULL;
}

/**
 * vl_call_dup_recipients:
 * @separator: what goes between two recipients
 *
 * Returns: (transfer full): the recipients, in the order they were
 *   invited; "" when there is none
 */
char *
vl_call_dup_recipients (VlCall     *self,
                        const char *separator)
{
  GListModel *invitations;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (VL_IS_CALL (self), NULL);
  g_return_val_if_fail (separator != NULL, NULL);

  invitations = G_LIST_MODEL (self->invitations);

  for (guint i = 0; i < g_list_model_get_n_items (invitations); i++)
    {
      g_autoptr(VlInvitation) invitation = g_list_model_get_item (invitations,
                                                                  i);

      if (i > 0)
        g_string_append (text, separator);
      g_string_append (text, vl_invitation_get_recipient (invitation));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * vl_call_get_metadata_json:
 *
 * Returns: (nullable): the metadata exactly as sent or received: a JSON
 *   document encoded as a string, as the service wants it
 */
const char *
vl_call_get_metadata_json (VlCall *self)
{
  g_return_val_if_fail (VL_IS_CALL (self), NULL);

  return self->metadata_json;
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text == NULL || !vl_json_load (parser, text, -1, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

void
vl_call_set_metadata_json (VlCall     *self,
                           const char *metadata_json)
{
  g_return_if_fail (VL_IS_CALL (self));

  if (!vl_set_str (&self->metadata_json, metadata_json))
    return;

  g_clear_pointer (&self->metadata, json_object_unref);
  self->metadata = parse_object (metadata_json);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METADATA_JSON]);
}

/**
 * vl_call_get_metadata:
 *
 * Returns: (transfer none) (nullable): the metadata parsed, or %NULL when
 *   there is none or it is not a JSON object
 */
JsonObject *
vl_call_get_metadata (VlCall *self)
{
  g_return_val_if_fail (VL_IS_CALL (self), NULL);

  return self->metadata;
}

/**
 * vl_call_get_link:
 *
 * Returns: (nullable): the Vision Live link; the service may return none
 */
const char *
vl_call_get_link (VlCall *self)
{
  g_return_val_if_fail (VL_IS_CALL (self), NULL);

  return self->link;
}

void
vl_call_set_link (VlCall     *self,
                  const char *link)
{
  g_return_if_fail (VL_IS_CALL (self));

  if (link != NULL && link[0] == '\0')
    link = NULL;

  if (vl_set_str (&self->link, link))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINK]);
}

GDateTime *
vl_call_get_prepared_at (VlCall *self)
{
  g_return_val_if_fail (VL_IS_CALL (self), NULL);

  return self->prepared_at;
}

void
vl_call_set_prepared_at (VlCall    *self,
                         GDateTime *prepared_at)
{
  g_return_if_fail (VL_IS_CALL (self));

  if (self->prepared_at == prepared_at)
    return;

  g_clear_pointer (&self->prepared_at, g_date_time_unref);
  if (prepared_at != NULL)
    self->prepared_at = g_date_time_ref (prepared_at);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARED_AT]);
}

const char *
vl_call_get_environment (VlCall *self)
{
  g_return_val_if_fail (VL_IS_CALL (self), NULL);

  return self->environment;
}

void
vl_call_set_environment (VlCall     *self,
                         const char *environment)
{
  g_return_if_fail (VL_IS_CALL (self));

  if (vl_set_str (&self->environment, environment))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENVIRONMENT]);
}

/**
 * vl_call_get_service_notice:
 *
 * Returns: (nullable): the messages of the GraphQL errors that came beside
 *   the call (the service prepared it, but something went wrong on the
 *   way, such as an invitation that could not be sent), word for word;
 *   %NULL when there were none. The history does not keep them.
 */
const char *
vl_call_get_service_notice (VlCall *self)
{
  g_return_val_if_fail (VL_IS_CALL (self), NULL);

  return self->service_notice;
}

void
vl_call_set_service_notice (VlCall     *self,
                            const char *notice)
{
  g_return_if_fail (VL_IS_CALL (self));

  if (vl_set_str (&self->service_notice, notice))
    g_object_notify_by_pspec (G_OBJECT (self),
                              properties[PROP_SERVICE_NOTICE]);
}

/**
 * vl_call_get_source:
 *
 * Returns: (transfer none) (nullable): the visionLiveCall object exactly as
 *   the service returned it, or %NULL for a draft
 */
JsonNode *
vl_call_get_source (VlCall *self)
{
  g_return_val_if_fail (VL_IS_CALL (self), NULL);

  return self->source;
}

/* Reading an answer. Every member is checked for its type before it is
 * read; null and absent mean the same.
 */

static gboolean
bad_answer (GError     **error,
            const char  *what)
{
  g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_BAD_ANSWER,
               _("The service’s answer could not be understood: %s. "
                 "Try again; if it keeps happening, the service or a proxy "
                 "in between may be misbehaving."),
               what);
  return FALSE;
}

static gboolean
get_optional_string (JsonObject   *object,
                     const char   *member,
                     const char  **value)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_optional_member (JsonObject  *object,
                     const char  *member,
                     JsonNodeType type,
                     JsonNode   **value)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_TYPE (node) != type)
    return FALSE;

  *value = node;
  return TRUE;
}

static gboolean
read_invitation (VlCall    *self,
                 JsonNode  *node,
                 GError   **error)
{
  g_autoptr(VlInvitation) invitation = NULL;
  VlInvitationType type;
  JsonObject *object;
  const char *type_name;
  const char *recipient;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad_answer (error, _("an invitation is not an object"));

  object = json_node_get_object (node);
  if (!get_optional_string (object, "type", &type_name) || type_name == NULL)
    return bad_answer (error, _("an invitation has no type"));

  if (!vl_invitation_type_from_string (type_name, &type))
    {
      g_autofree char *what =
        g_strdup_printf (_("an invitation has the unknown type “%s”"),
                         type_name);
      return bad_answer (error, what);
    }

  if (!get_optional_string (object, "recipient", &recipient) ||
      recipient == NULL)
    return bad_answer (error, _("an invitation has no recipient"));

  invitation = vl_invitation_new (type, recipient);
  vl_call_add_invitation (self, invitation);

  return TRUE;
}

static gboolean
read_invitations (VlCall      *self,
                  JsonObject  *object,
                  GError     **error)
{
  JsonNode *node;
  JsonArray *array;

  if (!get_optional_member (object, "invitations", JSON_NODE_ARRAY, &node))
    return bad_answer (error, _("the invitations are not a list"));

  if (node == NULL)
    return TRUE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      if (!read_invitation (self, json_array_get_element (array, i), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_integration (VlCall      *self,
                  JsonObject  *object,
                  GError     **error)
{
  JsonNode *node;
  JsonObject *entity;
  const char *namespace_;
  const char *id;

  if (!get_optional_member (object, "integrationEntityId",
                            JSON_NODE_OBJECT, &node))
    return bad_answer (error, _("the integration id is not an object"));

  if (node == NULL)
    return TRUE;

  entity = json_node_get_object (node);
  if (!get_optional_string (entity, "namespace", &namespace_) ||
      !get_optional_string (entity, "id", &id))
    return bad_answer (error, _("the integration id is not text"));

  vl_call_set_integration (self, namespace_, id);

  return TRUE;
}

static gboolean
is_web_link (const char *link)
{
  const char *scheme = g_uri_peek_scheme (link);

  return g_strcmp0 (scheme, "https") == 0 || g_strcmp0 (scheme, "http") == 0;
}

static gboolean
read_call (VlCall      *self,
           JsonNode    *node,
           GError     **error)
{
  JsonObject *object;
  const char *id;
  const char *metadata_json;
  const char *link;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad_answer (error, _("the call is not an object"));

  object = json_node_get_object (node);
  if (!get_optional_string (object, "id", &id) || id == NULL || *id == '\0')
    return bad_answer (error, _("the call has no id"));

  if (!get_optional_string (object, "callMetadataJSON", &metadata_json))
    return bad_answer (error, _("the metadata is not text"));

  if (!get_optional_string (object, "visionLiveLink", &link))
    return bad_answer (error, _("the link is not text"));

  if (!read_invitations (self, object, error) ||
      !read_integration (self, object, error))
    return FALSE;

  /* Only a web address is a link: a javascript: or file: one would be
   * harmful to open or to paste into a browser, so the call is kept as if
   * it had none.
   */
  if (link != NULL && !is_web_link (link))
    {
      g_debug ("Call %s: its link is not a web address; left out", id);
      link = NULL;
    }

  vl_call_set_id (self, id);
  vl_call_set_metadata_json (self, metadata_json);
  vl_call_set_link (self, link);

  return TRUE;
}

/**
 * vl_call_new_from_json:
 * @node: a visionLiveCall object from the service
 *
 * Reads a call as the service returns it. Members the service adds that we
 * do not know are kept in the source and otherwise ignored.
 *
 * Returns: (transfer full): the call, or %NULL with
 *   %VL_CLIENT_ERROR_BAD_ANSWER
 */
VlCall *
vl_call_new_from_json (JsonNode  *node,
                       GError   **error)
{
  g_autoptr(VlCall) self = vl_call_new ();

  g_return_val_if_fail (node != NULL, NULL);

  if (!read_call (self, node, error))
    return NULL;

  self->source = json_node_copy (node);

  return g_steal_pointer (&self);
}

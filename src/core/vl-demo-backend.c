/* vl-demo-backend.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "vl-demo-backend.h"
#include "vl-json.h"

#define DEFAULT_TOKEN_LIFETIME (60 * G_TIME_SPAN_MINUTE)

#define UNAUTHORIZED_MESSAGE \
  "Unauthorized: the access token is missing, invalid or expired"

struct _VlDemoBackend
{
  GObject       parent_instance;

  SoupServer   *server;
  GMainContext *context;
  char         *base_url;
  char         *graphql_url;
  char         *token_url;

  /* token (owned) -> gint64 monotonic expiry time (owned) */
  GHashTable   *tokens;
  /* call id (owned) -> JsonObject of the stored call */
  GHashTable   *calls;
  /* Where calls are also kept as files, so that a later process (the
   * command line) finds them; NULL keeps them in memory only.
   */
  char         *storage_dir;
  /* TokenDelay, one per paused token answer */
  GList        *token_delays;

  GTimeSpan     token_lifetime;
  guint         token_delay;
  guint         fail_count;
  guint         fail_status;
  gboolean      omit_link;

  guint         token_requests;
  guint         graphql_requests;
  char         *last_authorization;
  char         *last_request_body;
};

G_DEFINE_FINAL_TYPE (VlDemoBackend, vl_demo_backend, G_TYPE_OBJECT)

typedef struct
{
  VlDemoBackend     *self;
  SoupServerMessage *msg;
  GSource           *source;
  gulong             finished_id;
} TokenDelay;

/* The part of the schema the demo validates variables against, kept as
 * data so that every input type is checked by the same few functions.
 */
typedef enum
{
  INPUT_STRING,
  INPUT_ID,
  INPUT_ENUM,
  INPUT_LIST,
  INPUT_OBJECT,
} InputKind;

typedef struct _InputType InputType;

typedef struct
{
  const char      *name;
  const InputType *type;
  gboolean         required;
} InputField;

struct _InputType
{
  const char        *name;
  InputKind          kind;
  const InputType   *item;    /* INPUT_LIST; items are non-null */
  const InputField  *fields;  /* INPUT_OBJECT; ends with a NULL name */
  const char *const *values;  /* INPUT_ENUM; NULL-terminated */
};

static const char *const invitation_type_values[] = { "sms", "email", NULL };

static const InputType string_type = { "String", INPUT_STRING };
static const InputType id_type = { "ID", INPUT_ID };
static const InputType invitation_type_type = {
  "InvitationType", INPUT_ENUM, .values = invitation_type_values
};

static const InputField invitation_fields[] = {
  { "type", &invitation_type_type, TRUE },
  { "recipient", &string_type, TRUE },
  { NULL }
};
static const InputType invitation_input_type = {
  "InvitationInput", INPUT_OBJECT, .fields = invitation_fields
};
static const InputType invitation_list_type = {
  "[InvitationInput!]", INPUT_LIST, .item = &invitation_input_type
};

static const InputField entity_id_fields[] = {
  { "namespace", &string_type, TRUE },
  { "id", &string_type, TRUE },
  { NULL }
};
static const InputType entity_id_input_type = {
  "IntegrationEntityIdInput", INPUT_OBJECT, .fields = entity_id_fields
};

static const InputField prepare_fields[] = {
  { "invitations", &invitation_list_type, FALSE },
  { "integrationEntityId", &entity_id_input_type, FALSE },
  { "callMetadataJSON", &string_type, FALSE },
  { NULL }
};
static const InputType prepare_input_type = {
  "PrepareVisionLiveCallInput", INPUT_OBJECT, .fields = prepare_fields
};

static const InputField get_fields[] = {
  { "id", &id_type, TRUE },
  { NULL }
};
static const InputType get_input_type = {
  "GetVisionLiveCallInput", INPUT_OBJECT, .fields = get_fields
};

typedef struct
{
  GString   *path;    /* where we are below "input", e.g. ".invitations[0]" */
  JsonArray *errors;
} InputCheck;

typedef void (*ResolveFunc) (VlDemoBackend     *self,
                             SoupServerMessage *msg,
                             JsonObject        *input);

typedef struct
{
  const char      *operation_name;
  const char      *root_field;
  const InputType *input_type;
  ResolveFunc      resolve;
} Operation;

static void resolve_prepare (VlDemoBackend     *self,
                             SoupServerMessage *msg,
                             JsonObject        *input);
static void resolve_get     (VlDemoBackend     *self,
                             SoupServerMessage *msg,
                             JsonObject        *input);

static const Operation operations[] = {
  {
    "PrepareVisionLiveCall", "prepareVisionLiveCall",
    &prepare_input_type, resolve_prepare
  },
  {
    "GetVisionLiveCall", "getVisionLiveCall",
    &get_input_type, resolve_get
  },
};

#define PAGE_STYLE \
  "body{margin:0;background:#f6f5f4;color:#241f31;" \
  "font:16px/1.5 Cantarell,\"Noto Sans\",system-ui,sans-serif}" \
  "main{max-width:40rem;margin:3rem auto;padding:2rem;background:#fff;" \
  "border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.15)}" \
  "h1{margin-top:0;font-size:1.6rem}" \
  ".badge{display:inline-block;padding:.1rem .7rem;border-radius:1rem;" \
  "background:#e66100;color:#fff;font-weight:bold;font-size:.85rem}" \
  "dl{display:grid;grid-template-columns:max-content 1fr;gap:.6rem 1.5rem}" \
  "dt{font-weight:bold}dd{margin:0;overflow-wrap:anywhere}" \
  "ul{margin:0;padding-left:1.2rem}.none{color:#77767b}" \
  "pre{margin:0;white-space:pre-wrap;font-size:.9rem}" \
  "@media(prefers-color-scheme:dark){body{background:#1e1e1e;color:#fff}" \
  "main{background:#303030}}"

#define PAGE_TEMPLATE \
  "<!DOCTYPE html>\n" \
  "<html lang=\"en\">\n" \
  "<head>\n" \
  "<meta charset=\"utf-8\">\n" \
  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" \
  "<title>%s</title>\n" \
  "<style>" PAGE_STYLE "</style>\n" \
  "</head>\n" \
  "<body>\n<main>\n%s</main>\n</body>\n" \
  "</html>\n"

/* Helpers */

static char *
random_hex (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  GString *hex = g_string_sized_new (32);

  for (const char *c = uuid; *c != '\0'; c++)
    if (*c != '-')
      g_string_append_c (hex, *c);

  return g_string_free (hex, FALSE);
}

static gboolean
is_absent (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING;
}

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && is_string (node) ? json_node_get_string (node) : NULL;
}

/* Returns the parsed root, or NULL if the text is not JSON or empty. */
static JsonNode *
parse_json (const char  *data,
            gsize        length,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (length == 0)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                           "the text is empty");
      return NULL;
    }

  if (!vl_json_load (parser, data, length, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                           "the text holds no JSON value");
      return NULL;
    }

  return json_node_ref (root);
}

static JsonNode *
parse_request_body (SoupServerMessage  *msg,
                    GError            **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return parse_json (data, length, error);
}

static char *
dup_request_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return g_strndup (data, length);
}

/* Replies */

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            JsonObject        *object)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  char *text;

  json_node_take_object (root, object);
  text = vl_json_to_string (root, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json",
                                    SOUP_MEMORY_TAKE, text, strlen (text));
}

/* For the token endpoint: {"message": "..."} */
static void
reply_message (SoupServerMessage *msg,
               guint              status,
               const char        *message)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "message", message);
  reply_json (msg, status, object);
}

static JsonObject *
graphql_error_new (const char *message,
                   const char *code)
{
  JsonObject *error = json_object_new ();
  JsonObject *extensions = json_object_new ();

  json_object_set_string_member (error, "message", message);
  json_object_set_string_member (extensions, "code", code);
  json_object_set_object_member (error, "extensions", extensions);

  return error;
}

/* A failure of the whole HTTP request: no "data" member at all. */
static void
reply_request_error (SoupServerMessage *msg,
                     guint              status,
                     const char        *message,
                     const char        *code)
{
  JsonObject *root = json_object_new ();
  JsonArray *errors = json_array_new ();

  json_array_add_object_element (errors, graphql_error_new (message, code));
  json_object_set_array_member (root, "errors", errors);
  reply_json (msg, status, root);
}

/* A document or its variables were refused before execution. */
static void
reply_operation_errors (SoupServerMessage *msg,
                        JsonArray         *errors)
{
  JsonObject *root = json_object_new ();

  json_object_set_null_member (root, "data");
  json_object_set_array_member (root, "errors", errors);
  reply_json (msg, SOUP_STATUS_OK, root);
}

/* The resolver of @field failed; the field is null in "data". */
static void
reply_field_error (SoupServerMessage *msg,
                   const char        *field,
                   const char        *message,
                   const char        *code)
{
  JsonObject *root = json_object_new ();
  JsonObject *data = json_object_new ();
  JsonObject *error = graphql_error_new (message, code);
  JsonArray *path = json_array_new ();
  JsonArray *errors = json_array_new ();

  json_array_add_string_element (path, field);
  json_object_set_array_member (error, "path", path);
  json_array_add_object_element (errors, error);
  json_object_set_null_member (data, field);
  json_object_set_object_member (root, "data", data);
  json_object_set_array_member (root, "errors", errors);
  reply_json (msg, SOUP_STATUS_OK, root);
}

static void
reply_html (SoupServerMessage *msg,
            guint              status,
            char              *html)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8",
                                    SOUP_MEMORY_TAKE, html, strlen (html));
}

/* @body_html must already be escaped. */
static void
reply_page (SoupServerMessage *msg,
            guint              status,
            const char        *heading,
            const char        *body_html)
{
  g_autofree char *content = NULL;

  content = g_strdup_printf ("<p class=\"badge\">Demo</p>\n"
                             "<h1>%s</h1>\n%s", heading, body_html);
  reply_html (msg, status, g_strdup_printf (PAGE_TEMPLATE, heading, content));
}

static void
reply_not_found (SoupServerMessage *msg)
{
  reply_page (msg, SOUP_STATUS_NOT_FOUND, "Not found",
              "<p>The demo backend has no page at this address.</p>\n");
}

/* What a proxy in front of the service would send. */
static void
reply_proxy_error (SoupServerMessage *msg,
                   guint              status)
{
  const char *phrase = soup_status_get_phrase (status);

  reply_html (msg, status,
              g_strdup_printf ("<html>\n<head><title>%u %s</title></head>\n"
                               "<body>\n<center><h1>%u %s</h1></center>\n"
                               "<hr><center>demo-proxy</center>\n"
                               "</body>\n</html>\n",
                               status, phrase, status, phrase));
}

static void
set_response_header (SoupServerMessage *msg,
                     const char        *name,
                     const char        *value)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, name, value);
}

/* Tokens */

static char *
issue_token (VlDemoBackend *self)
{
  g_autofree char *hex = random_hex ();
  char *token = g_strconcat ("demo.", hex, NULL);
  gint64 expiry = g_get_monotonic_time () + self->token_lifetime;

  g_hash_table_insert (self->tokens, g_strdup (token),
                       g_memdup2 (&expiry, sizeof expiry));

  return token;
}

static gboolean
is_valid_token (VlDemoBackend *self,
                const char    *token)
{
  gint64 *expiry;

  if (token == NULL)
    return FALSE;

  expiry = g_hash_table_lookup (self->tokens, token);
  if (expiry == NULL)
    return FALSE;

  if (g_get_monotonic_time () < *expiry)
    return TRUE;

  g_hash_table_remove (self->tokens, token);
  return FALSE;
}

static void
answer_credentials (VlDemoBackend     *self,
                    SoupServerMessage *msg,
                    const char        *api_key,
                    const char        *api_secret)
{
  g_autofree char *token = NULL;
  JsonObject *object;

  if (g_strcmp0 (api_key, VL_DEMO_API_KEY) != 0
      || g_strcmp0 (api_secret, VL_DEMO_API_SECRET) != 0)
    {
      reply_message (msg, SOUP_STATUS_UNAUTHORIZED,
                     "Invalid API key or secret");
      return;
    }

  token = issue_token (self);
  object = json_object_new ();
  json_object_set_string_member (object, "token", token);
  reply_json (msg, SOUP_STATUS_OK, object);
}

static void
answer_token_post (VlDemoBackend     *self,
                   SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = parse_request_body (msg, NULL);
  JsonObject *object;

  /* The parser's message may quote the body, which may hold the secret. */
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      reply_message (msg, SOUP_STATUS_BAD_REQUEST,
                     "The request body must be a JSON object with "
                     "\"api_key\" and \"api_secret\"");
      return;
    }

  object = json_node_get_object (root);
  answer_credentials (self, msg,
                      get_string_member (object, "api_key"),
                      get_string_member (object, "api_secret"));
}

/* Splits "Basic base64(user:password)"; FALSE if it is not that. */
static gboolean
parse_basic_auth (const char  *header,
                  char       **user,
                  char       **password)
{
  g_autofree guchar *decoded = NULL;
  g_autofree char *text = NULL;
  gsize length;
  char *colon;

  if (header == NULL || g_ascii_strncasecmp (header, "Basic ", 6) != 0)
    return FALSE;

  decoded = g_base64_decode (header + 6, &length);
  text = g_strndup ((const char *)decoded, length);
  colon = strchr (text, ':');
  if (colon == NULL)
    return FALSE;

  *user = g_strndup (text, colon - text);
  *password = g_strdup (colon + 1);
  return TRUE;
}

static void
answer_token_get (VlDemoBackend     *self,
                  SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *header = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;

  if (!parse_basic_auth (header, &user, &password))
    {
      set_response_header (msg, "WWW-Authenticate",
                           "Basic realm=\"Vision Live demo\"");
      reply_message (msg, SOUP_STATUS_UNAUTHORIZED,
                     "Invalid API key or secret");
      return;
    }

  answer_credentials (self, msg, user, password);
}

static void
token_delay_free (TokenDelay *delay)
{
  VlDemoBackend *self = delay->self;

  self->token_delays = g_list_remove (self->token_delays, delay);
  g_signal_handler_disconnect (delay->msg, delay->finished_id);
  g_source_destroy (delay->source);
  g_source_unref (delay->source);
  g_object_unref (delay->msg);
  g_free (delay);
}

static void answer_token (VlDemoBackend     *self,
                          SoupServerMessage *msg);

static gboolean
on_token_delay_done (gpointer user_data)
{
  TokenDelay *delay = user_data;
  VlDemoBackend *self = delay->self;
  g_autoptr(SoupServerMessage) msg = g_object_ref (delay->msg);

  /* Free first: unpausing may finish the message at once. */
  token_delay_free (delay);

  /* The token is made as it is sent, as a slow service would: one made
   * before the delay would be lost to vl_demo_backend_revoke_tokens()
   * called meanwhile, and fail the next request of a later test.
   */
  answer_token (self, msg);
  soup_server_message_unpause (msg);

  return G_SOURCE_REMOVE;
}

/* The client went away while its answer was held back. */
static void
on_delayed_message_finished (SoupServerMessage *msg,
                             TokenDelay        *delay)
{
  token_delay_free (delay);
}

static void
delay_answer (VlDemoBackend     *self,
              SoupServerMessage *msg)
{
  TokenDelay *delay = g_new0 (TokenDelay, 1);

  delay->self = self;
  delay->msg = g_object_ref (msg);
  delay->finished_id =
    g_signal_connect (msg, "finished",
                      G_CALLBACK (on_delayed_message_finished), delay);
  delay->source = g_timeout_source_new (self->token_delay);
  g_source_set_callback (delay->source, on_token_delay_done, delay, NULL);
  g_source_set_name (delay->source, "[vl] demo token delay");
  g_source_attach (delay->source, self->context);
  self->token_delays = g_list_prepend (self->token_delays, delay);

  soup_server_message_pause (msg);
}

static void
answer_token (VlDemoBackend     *self,
              SoupServerMessage *msg)
{
  const char *method = soup_server_message_get_method (msg);

  if (method == SOUP_METHOD_POST)
    answer_token_post (self, msg);
  else if (method == SOUP_METHOD_GET)
    answer_token_get (self, msg);
  else
    {
      set_response_header (msg, "Allow", "GET, POST");
      reply_message (msg, SOUP_STATUS_METHOD_NOT_ALLOWED,
                     "Use POST with a JSON body or GET with Basic "
                     "authentication");
    }
}

static void
token_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  VlDemoBackend *self = user_data;

  if (strcmp (path, "/token") != 0)
    {
      reply_not_found (msg);
      return;
    }

  self->token_requests++;

  if (self->token_delay > 0)
    delay_answer (self, msg);
  else
    answer_token (self, msg);
}

/* Checking variables.input, with graphql-js's wording */

static void
add_input_error (InputCheck *check,
                 const char *message)
{
  json_array_add_object_element (check->errors,
                                 graphql_error_new (message, "BAD_USER_INPUT"));
}

static void G_GNUC_PRINTF (3, 4)
report_invalid (InputCheck *check,
                JsonNode   *value,
                const char *format,
                ...)
{
  g_autoptr(GString) message = g_string_new (NULL);
  g_autofree char *value_text = json_to_string (value, FALSE);
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_string_append_printf (message, "Variable \"$input\" got invalid value %s",
                          value_text);
  if (check->path->len > 0)
    g_string_append_printf (message, " at \"input%s\"", check->path->str);
  g_string_append_printf (message, "; %s", detail);

  add_input_error (check, message->str);
}

static void check_value (InputCheck      *check,
                         const InputType *type,
                         JsonNode        *node);

static void
check_nullable (InputCheck      *check,
                const InputType *type,
                gboolean         non_null,
                JsonNode        *node)
{
  if (!JSON_NODE_HOLDS_NULL (node))
    check_value (check, type, node);
  else if (non_null)
    report_invalid (check, node,
                    "Expected non-nullable type \"%s!\" not to be null.",
                    type->name);
}

static void
check_enum (InputCheck      *check,
            const InputType *type,
            JsonNode        *node)
{
  if (!is_string (node))
    report_invalid (check, node,
                    "Enum \"%s\" cannot represent non-string value.",
                    type->name);
  else if (!g_strv_contains (type->values, json_node_get_string (node)))
    report_invalid (check, node,
                    "Value \"%s\" does not exist in \"%s\" enum.",
                    json_node_get_string (node), type->name);
}

static void
check_list (InputCheck      *check,
            const InputType *type,
            JsonNode        *node)
{
  JsonArray *array;
  gsize path_length = check->path->len;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      report_invalid (check, node, "Expected type \"%s\" to be a list.",
                      type->name);
      return;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_string_append_printf (check->path, "[%u]", i);
      check_nullable (check, type->item, TRUE,
                      json_array_get_element (array, i));
      g_string_truncate (check->path, path_length);
    }
}

static const InputField *
find_field (const InputType *type,
            const char      *name)
{
  for (const InputField *field = type->fields; field->name != NULL; field++)
    if (strcmp (field->name, name) == 0)
      return field;

  return NULL;
}

static void
check_fields (InputCheck      *check,
              const InputType *type,
              JsonNode        *node)
{
  JsonObject *object = json_node_get_object (node);
  gsize path_length = check->path->len;

  for (const InputField *field = type->fields; field->name != NULL; field++)
    {
      JsonNode *member = json_object_get_member (object, field->name);

      if (member == NULL && field->required)
        report_invalid (check, node,
                        "Field \"%s\" of required type \"%s!\" was not "
                        "provided.", field->name, field->type->name);
      if (member == NULL)
        continue;

      g_string_append_printf (check->path, ".%s", field->name);
      check_nullable (check, field->type, field->required, member);
      g_string_truncate (check->path, path_length);
    }
}

static void
check_object (InputCheck      *check,
              const InputType *type,
              JsonNode        *node)
{
  g_autoptr(GList) names = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      report_invalid (check, node, "Expected type \"%s\" to be an object.",
                      type->name);
      return;
    }

  check_fields (check, type, node);

  names = json_object_get_members (json_node_get_object (node));
  for (GList *l = names; l != NULL; l = l->next)
    if (find_field (type, l->data) == NULL)
      report_invalid (check, node,
                      "Field \"%s\" is not defined by type \"%s\".",
                      (const char *)l->data, type->name);
}

static void
check_value (InputCheck      *check,
             const InputType *type,
             JsonNode        *node)
{
  switch (type->kind)
    {
    case INPUT_STRING:
      if (!is_string (node))
        report_invalid (check, node,
                        "String cannot represent a non string value.");
      break;

    case INPUT_ID:
      if (!is_string (node))
        report_invalid (check, node, "ID cannot represent a non-string value.");
      break;

    case INPUT_ENUM:
      check_enum (check, type, node);
      break;

    case INPUT_LIST:
      check_list (check, type, node);
      break;

    case INPUT_OBJECT:
      check_object (check, type, node);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Returns the errors, an empty array if @input is a valid value. */
static JsonArray *
check_input_variable (const InputType *type,
                      JsonNode        *input)
{
  g_autofree char *message = NULL;
  InputCheck check = { g_string_new (NULL), json_array_new () };

  if (input == NULL)
    message = g_strdup_printf ("Variable \"$input\" of required type \"%s!\" "
                               "was not provided.", type->name);
  else if (JSON_NODE_HOLDS_NULL (input))
    message = g_strdup_printf ("Variable \"$input\" of non-null type \"%s!\" "
                               "must not be null.", type->name);
  else
    check_value (&check, type, input);

  if (message != NULL)
    add_input_error (&check, message);

  g_string_free (check.path, TRUE);
  return check.errors;
}

/* GraphQL operations */

static JsonObject *
call_new (JsonObject *input)
{
  JsonObject *call = json_object_new ();
  g_autofree char *hex = random_hex ();
  g_autofree char *id = g_strconcat ("call-", hex, NULL);
  JsonNode *invitations = json_object_get_member (input, "invitations");
  JsonNode *entity_id = json_object_get_member (input, "integrationEntityId");
  const char *metadata = get_string_member (input, "callMetadataJSON");

  json_object_set_string_member (call, "id", id);
  if (is_absent (invitations))
    json_object_set_array_member (call, "invitations", json_array_new ());
  else
    json_object_set_member (call, "invitations", json_node_copy (invitations));
  if (is_absent (entity_id))
    json_object_set_null_member (call, "integrationEntityId");
  else
    json_object_set_member (call, "integrationEntityId",
                            json_node_copy (entity_id));
  if (metadata == NULL)
    json_object_set_null_member (call, "callMetadataJSON");
  else
    json_object_set_string_member (call, "callMetadataJSON", metadata);

  return call;
}

static void
copy_member (JsonObject  *object,
             const char  *name,
             JsonNode    *node,
             gpointer     user_data)
{
  json_object_set_member (user_data, name, json_node_copy (node));
}

static void
add_link (VlDemoBackend *self,
          JsonObject    *answer)
{
  const char *id = json_object_get_string_member (answer, "id");
  g_autofree char *link = g_strdup_printf ("%s/live/%s", self->base_url, id);

  json_object_set_string_member (answer, "visionLiveLink", link);
}

static void
reply_call (VlDemoBackend     *self,
            SoupServerMessage *msg,
            const char        *field,
            JsonObject        *call)
{
  JsonObject *root = json_object_new ();
  JsonObject *data = json_object_new ();
  JsonObject *result = json_object_new ();
  JsonObject *answer = json_object_new ();

  json_object_foreach_member (call, copy_member, answer);
  if (!self->omit_link)
    add_link (self, answer);

  json_object_set_object_member (result, "visionLiveCall", answer);
  json_object_set_object_member (data, field, result);
  json_object_set_object_member (root, "data", data);
  reply_json (msg, SOUP_STATUS_OK, root);
}

static gboolean
is_call_id (const char *id)
{
  return id != NULL &&
         g_regex_match_simple ("^call-[0-9a-f]{32}$", id, 0, 0);
}

static char *
dup_call_path (VlDemoBackend *self,
               const char    *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);

  return g_build_filename (self->storage_dir, name, NULL);
}

/* Files of a few hundred bytes, written where only the demo looks: plain
 * synchronous I/O is enough here.
 */
static void
store_call (VlDemoBackend *self,
            JsonObject    *call)
{
  const char *id = json_object_get_string_member (call, "id");
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), call);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (self->storage_dir == NULL)
    return;

  path = dup_call_path (self, id);
  text = vl_json_to_string (node, FALSE);
  if (g_mkdir_with_parents (self->storage_dir, 0700) != 0 ||
      !g_file_set_contents_full (path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &error))
    g_warning ("Could not keep demo call %s: %s", id,
               error ? error->message : g_strerror (errno));
}

static JsonObject *
load_call (VlDemoBackend *self,
           const char    *id)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *call;

  /* The id names a file: only ever a well-formed one. */
  if (self->storage_dir == NULL || !is_call_id (id))
    return NULL;

  path = dup_call_path (self, id);
  if (!g_file_get_contents (path, &text, &length, NULL))
    return NULL;

  node = parse_json (text, length, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      g_strcmp0 (get_string_member (json_node_get_object (node), "id"),
                 id) != 0)
    return NULL;

  call = json_object_ref (json_node_get_object (node));
  g_hash_table_insert (self->calls, g_strdup (id), call);

  return call;
}

static JsonObject *
find_call (VlDemoBackend *self,
           const char    *id)
{
  JsonObject *call = g_hash_table_lookup (self->calls, id);

  return call != NULL ? call : load_call (self, id);
}

static void
resolve_prepare (VlDemoBackend     *self,
                 SoupServerMessage *msg,
                 JsonObject        *input)
{
  const char *metadata = get_string_member (input, "callMetadataJSON");
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *call;

  if (metadata != NULL)
    parsed = parse_json (metadata, strlen (metadata), &error);

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf ("callMetadataJSON is not valid JSON: %s",
                                 error->message);
      reply_field_error (msg, "prepareVisionLiveCall", message,
                         "BAD_USER_INPUT");
      return;
    }

  call = call_new (input);
  g_hash_table_insert (self->calls,
                       g_strdup (json_object_get_string_member (call, "id")),
                       call);
  store_call (self, call);
  reply_call (self, msg, "prepareVisionLiveCall", call);
}

static void
resolve_get (VlDemoBackend     *self,
             SoupServerMessage *msg,
             JsonObject        *input)
{
  const char *id = get_string_member (input, "id");
  JsonObject *call = find_call (self, id);
  g_autofree char *message = NULL;

  if (call != NULL)
    {
      reply_call (self, msg, "getVisionLiveCall", call);
      return;
    }

  message = g_strdup_printf ("No Vision Live call with id \"%s\"", id);
  reply_field_error (msg, "getVisionLiveCall", message, "NOT_FOUND");
}

/* The GraphQL endpoint */

static void
remember_request (VlDemoBackend     *self,
                  SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization;

  authorization = soup_message_headers_get_one (headers, "Authorization");
  g_free (self->last_authorization);
  self->last_authorization = g_strdup (authorization);
  g_free (self->last_request_body);
  self->last_request_body = dup_request_body (msg);
}

/* Returns why @request is not a GraphQL request, or NULL. */
static const char *
find_request_problem (JsonObject *request)
{
  JsonNode *node;

  if (get_string_member (request, "query") == NULL)
    return "The request body must have a \"query\" member holding a string";

  node = json_object_get_member (request, "operationName");
  if (!is_absent (node) && !is_string (node))
    return "\"operationName\" must be a string";

  node = json_object_get_member (request, "variables");
  if (!is_absent (node) && !JSON_NODE_HOLDS_OBJECT (node))
    return "\"variables\" must be a JSON object";

  return NULL;
}

static const Operation *
find_operation (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    if (g_strcmp0 (operations[i].operation_name, name) == 0)
      return &operations[i];

  return NULL;
}

/* Returns the document's error message, or NULL if it can be run. */
static char *
check_document (const Operation *operation,
                const char      *name,
                const char      *query)
{
  if (name == NULL)
    return g_strdup ("The demo backend needs an operationName: "
                     "\"PrepareVisionLiveCall\" or \"GetVisionLiveCall\"");

  if (operation == NULL)
    return g_strdup_printf ("Unknown operation \"%s\": the demo backend runs "
                            "\"PrepareVisionLiveCall\" and "
                            "\"GetVisionLiveCall\"", name);

  if (strstr (query, operation->root_field) == NULL)
    return g_strdup_printf ("Operation \"%s\" does not select the field "
                            "\"%s\"", name, operation->root_field);

  return NULL;
}

static JsonNode *
get_input_variable (JsonObject *request)
{
  JsonNode *variables = json_object_get_member (request, "variables");

  if (is_absent (variables))
    return NULL;

  return json_object_get_member (json_node_get_object (variables), "input");
}

static void
run_request (VlDemoBackend     *self,
             SoupServerMessage *msg,
             JsonObject        *request)
{
  const char *name = get_string_member (request, "operationName");
  const char *query = get_string_member (request, "query");
  const Operation *operation = find_operation (name);
  g_autofree char *problem = check_document (operation, name, query);
  JsonNode *input = get_input_variable (request);
  JsonArray *errors;

  if (problem != NULL)
    {
      errors = json_array_new ();
      json_array_add_object_element (
          errors, graphql_error_new (problem, "GRAPHQL_VALIDATION_FAILED"));
      reply_operation_errors (msg, errors);
      return;
    }

  errors = check_input_variable (operation->input_type, input);
  if (json_array_get_length (errors) > 0)
    {
      reply_operation_errors (msg, errors);
      return;
    }

  json_array_unref (errors);
  operation->resolve (self, msg, json_node_get_object (input));
}

static void
answer_graphql_post (VlDemoBackend     *self,
                     SoupServerMessage *msg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = parse_request_body (msg, &error);
  g_autofree char *message = NULL;
  const char *problem;

  if (root == NULL)
    {
      message = g_strdup_printf ("The request body is not JSON: %s",
                                 error->message);
      reply_request_error (msg, SOUP_STATUS_BAD_REQUEST, message,
                           "BAD_REQUEST");
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    problem = "The request body must be a JSON object";
  else
    problem = find_request_problem (json_node_get_object (root));

  if (problem != NULL)
    reply_request_error (msg, SOUP_STATUS_BAD_REQUEST, problem, "BAD_REQUEST");
  else
    run_request (self, msg, json_node_get_object (root));
}

static void
graphql_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  VlDemoBackend *self = user_data;

  if (strcmp (path, "/graphql") != 0)
    {
      reply_not_found (msg);
      return;
    }

  self->graphql_requests++;
  remember_request (self, msg);

  if (self->fail_count > 0)
    {
      self->fail_count--;
      reply_proxy_error (msg, self->fail_status);
    }
  else if (soup_server_message_get_method (msg) != SOUP_METHOD_POST)
    {
      set_response_header (msg, "Allow", "POST");
      reply_request_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED,
                           "The GraphQL endpoint only accepts POST",
                           "METHOD_NOT_ALLOWED");
    }
  else if (!is_valid_token (self, self->last_authorization))
    reply_request_error (msg, SOUP_STATUS_UNAUTHORIZED, UNAUTHORIZED_MESSAGE,
                         "UNAUTHENTICATED");
  else
    answer_graphql_post (self, msg);
}

/* The page behind each call's link */

static void
append_escaped (GString    *html,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (html, escaped);
}

static void
append_invitations (GString    *html,
                    JsonObject *call)
{
  JsonArray *invitations = json_object_get_array_member (call, "invitations");

  if (json_array_get_length (invitations) == 0)
    {
      g_string_append (html, "<span class=\"none\">None</span>");
      return;
    }

  g_string_append (html, "<ul>");
  for (guint i = 0; i < json_array_get_length (invitations); i++)
    {
      JsonObject *invitation = json_array_get_object_element (invitations, i);

      g_string_append (html, "<li>");
      append_escaped (html, json_object_get_string_member (invitation, "type"));
      g_string_append (html, ": ");
      append_escaped (html,
                      json_object_get_string_member (invitation, "recipient"));
      g_string_append (html, "</li>");
    }
  g_string_append (html, "</ul>");
}

static void
append_entity_id (GString    *html,
                  JsonObject *call)
{
  JsonNode *node = json_object_get_member (call, "integrationEntityId");
  JsonObject *entity_id;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      g_string_append (html, "<span class=\"none\">None</span>");
      return;
    }

  entity_id = json_node_get_object (node);
  g_string_append (html, "namespace <code>");
  append_escaped (html, json_object_get_string_member (entity_id, "namespace"));
  g_string_append (html, "</code>, id <code>");
  append_escaped (html, json_object_get_string_member (entity_id, "id"));
  g_string_append (html, "</code>");
}

static void
append_metadata (GString    *html,
                 JsonObject *call)
{
  const char *metadata = get_string_member (call, "callMetadataJSON");

  if (metadata == NULL)
    {
      g_string_append (html, "<span class=\"none\">None</span>");
      return;
    }

  g_string_append (html, "<pre>");
  append_escaped (html, metadata);
  g_string_append (html, "</pre>");
}

static char *
dup_call_page_body (JsonObject *call)
{
  GString *html = g_string_new (NULL);

  g_string_append (html,
                   "<p>This page stands in for the Vision Web live call "
                   "console. It comes from the launcher's built-in demo "
                   "backend: there is no real video, and no invitation "
                   "was sent.</p>\n<dl>\n<dt>Call</dt><dd><code>");
  append_escaped (html, json_object_get_string_member (call, "id"));
  g_string_append (html, "</code></dd>\n<dt>Invitations</dt><dd>");
  append_invitations (html, call);
  g_string_append (html, "</dd>\n<dt>Integration</dt><dd>");
  append_entity_id (html, call);
  g_string_append (html, "</dd>\n<dt>Metadata</dt><dd>");
  append_metadata (html, call);
  g_string_append (html, "</dd>\n</dl>\n");

  return g_string_free (html, FALSE);
}

static void
reply_unknown_call (SoupServerMessage *msg,
                    const char        *id)
{
  g_autofree char *escaped = g_markup_escape_text (id, -1);
  g_autofree char *body = NULL;

  body = g_strdup_printf ("<p>The demo backend has no call with id "
                          "<code>%s</code>. Demo calls last only as long as "
                          "the application that prepared them.</p>\n",
                          escaped);
  reply_page (msg, SOUP_STATUS_NOT_FOUND, "Unknown Vision Live call", body);
}

static void
live_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  VlDemoBackend *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *id;
  JsonObject *call;
  g_autofree char *body = NULL;

  if (!g_str_has_prefix (path, "/live/") || strchr (path + 6, '/') != NULL)
    {
      reply_not_found (msg);
      return;
    }

  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD)
    {
      set_response_header (msg, "Allow", "GET, HEAD");
      reply_page (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed",
                  "<p>Open this page in a web browser.</p>\n");
      return;
    }

  id = path + strlen ("/live/");
  call = find_call (self, id);
  if (call == NULL)
    {
      reply_unknown_call (msg, id);
      return;
    }

  body = dup_call_page_body (call);
  reply_page (msg, SOUP_STATUS_OK, "Vision Live demo call", body);
}

static void
default_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  reply_not_found (msg);
}

static void
on_request_finished (SoupServer        *server,
                     SoupServerMessage *msg,
                     VlDemoBackend     *self)
{
  GUri *uri = soup_server_message_get_uri (msg);

  g_debug ("Demo backend: %s %s: %u",
           soup_server_message_get_method (msg),
           g_uri_get_path (uri),
           soup_server_message_get_status (msg));
}

/* The object */

static void
vl_demo_backend_dispose (GObject *object)
{
  VlDemoBackend *self = (VlDemoBackend *)object;

  while (self->token_delays != NULL)
    token_delay_free (self->token_delays->data);

  if (self->server != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->server, self);
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }

  G_OBJECT_CLASS (vl_demo_backend_parent_class)->dispose (object);
}

static void
vl_demo_backend_finalize (GObject *object)
{
  VlDemoBackend *self = (VlDemoBackend *)object;

  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->graphql_url, g_free);
  g_clear_pointer (&self->token_url, g_free);
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->calls, g_hash_table_unref);
  g_clear_pointer (&self->last_authorization, g_free);
  g_clear_pointer (&self->last_request_body, g_free);
  g_clear_pointer (&self->storage_dir, g_free);

  G_OBJECT_CLASS (vl_demo_backend_parent_class)->finalize (object);
}

static void
vl_demo_backend_class_init (VlDemoBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vl_demo_backend_dispose;
  object_class->finalize = vl_demo_backend_finalize;
}

static void
vl_demo_backend_init (VlDemoBackend *self)
{
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal,
                                        g_free, g_free);
  self->calls = g_hash_table_new_full (g_str_hash, g_str_equal,
                                       g_free,
                                       (GDestroyNotify)json_object_unref);
  self->token_lifetime = DEFAULT_TOKEN_LIFETIME;
}

VlDemoBackend *
vl_demo_backend_new (void)
{
  return g_object_new (VL_TYPE_DEMO_BACKEND, NULL);
}

static SoupServer *
create_server (VlDemoBackend *self)
{
  SoupServer *server = soup_server_new ("server-header", "VisionLiveDemo ",
                                        NULL);

  soup_server_add_handler (server, NULL, default_handler, self, NULL);
  soup_server_add_handler (server, "/token", token_handler, self, NULL);
  soup_server_add_handler (server, "/graphql", graphql_handler, self, NULL);
  soup_server_add_handler (server, "/live", live_handler, self, NULL);
  g_signal_connect (server, "request-finished",
                    G_CALLBACK (on_request_finished), self);

  return server;
}

static gboolean
listen_on_loopback (SoupServer  *server,
                    GError     **error)
{
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);

  return soup_server_listen (server, address, 0, error);
}

/* Reads the port from the socket: soup_server_get_uris() leaks an address
 * in libsoup 3.2.
 */
static guint
get_listening_port (SoupServer *server)
{
  GSList *listeners = soup_server_get_listeners (server);
  g_autoptr(GSocketAddress) address = NULL;

  g_return_val_if_fail (listeners != NULL, 0);

  address = g_socket_get_local_address (listeners->data, NULL);
  g_slist_free (listeners);
  g_return_val_if_fail (G_IS_INET_SOCKET_ADDRESS (address), 0);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
}

/**
 * vl_demo_backend_start:
 * @self: a #VlDemoBackend
 * @error: return location for an error
 *
 * Listens on 127.0.0.1 on a free port, serving on the thread-default main
 * context of the caller. Starting a started backend does nothing.
 *
 * Returns: %TRUE if the backend is listening
 */
gboolean
vl_demo_backend_start (VlDemoBackend  *self,
                       GError        **error)
{
  g_autoptr(SoupServer) server = NULL;
  guint port;

  g_return_val_if_fail (VL_IS_DEMO_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->server != NULL)
    return TRUE;

  server = create_server (self);
  if (!listen_on_loopback (server, error))
    return FALSE;

  port = get_listening_port (server);
  self->server = g_steal_pointer (&server);
  self->context = g_main_context_ref_thread_default ();
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u", port);
  self->graphql_url = g_strconcat (self->base_url, "/graphql", NULL);
  self->token_url = g_strconcat (self->base_url, "/token", NULL);
  g_debug ("Demo backend listening at %s", self->base_url);

  return TRUE;
}

const char *
vl_demo_backend_get_graphql_url (VlDemoBackend *self)
{
  g_return_val_if_fail (VL_IS_DEMO_BACKEND (self), NULL);

  return self->graphql_url;
}

const char *
vl_demo_backend_get_token_url (VlDemoBackend *self)
{
  g_return_val_if_fail (VL_IS_DEMO_BACKEND (self), NULL);

  return self->token_url;
}

const char *
vl_demo_backend_get_base_url (VlDemoBackend *self)
{
  g_return_val_if_fail (VL_IS_DEMO_BACKEND (self), NULL);

  return self->base_url;
}

/**
 * vl_demo_backend_set_token_lifetime:
 * @self: a #VlDemoBackend
 * @lifetime: how long tokens issued from now on stay valid, in microseconds
 */
void
vl_demo_backend_set_token_lifetime (VlDemoBackend *self,
                                    GTimeSpan      lifetime)
{
  g_return_if_fail (VL_IS_DEMO_BACKEND (self));
  g_return_if_fail (lifetime > 0);

  self->token_lifetime = lifetime;
}

void
vl_demo_backend_revoke_tokens (VlDemoBackend *self)
{
  g_return_if_fail (VL_IS_DEMO_BACKEND (self));

  g_hash_table_remove_all (self->tokens);
}

/**
 * vl_demo_backend_fail_next:
 * @self: a #VlDemoBackend
 * @count: how many GraphQL requests to fail
 * @status: the HTTP status to fail them with
 *
 * Answers the next @count GraphQL requests with @status and an HTML page,
 * as a proxy or a failing service would, before checking anything else.
 */
void
vl_demo_backend_fail_next (VlDemoBackend *self,
                           guint          count,
                           guint          status)
{
  g_return_if_fail (VL_IS_DEMO_BACKEND (self));
  g_return_if_fail (count == 0 || (status >= 200 && status <= 599));

  self->fail_count = count;
  self->fail_status = status;
}

/**
 * vl_demo_backend_set_storage_dir:
 * @dir: (nullable): a folder of the application's own
 *
 * Keeps prepared calls as files in @dir as well, so that a later process
 * can fetch them. Without it calls last as long as the backend.
 */
void
vl_demo_backend_set_storage_dir (VlDemoBackend *self,
                                 const char    *dir)
{
  g_return_if_fail (VL_IS_DEMO_BACKEND (self));

  g_free (self->storage_dir);
  self->storage_dir = g_strdup (dir);
}

void
vl_demo_backend_set_omit_link (VlDemoBackend *self,
                               gboolean       omit_link)
{
  g_return_if_fail (VL_IS_DEMO_BACKEND (self));

  self->omit_link = !!omit_link;
}

/**
 * vl_demo_backend_set_token_delay:
 * @self: a #VlDemoBackend
 * @msec: how long to hold back each answer of the token endpoint
 */
void
vl_demo_backend_set_token_delay (VlDemoBackend *self,
                                 guint          msec)
{
  g_return_if_fail (VL_IS_DEMO_BACKEND (self));

  self->token_delay = msec;
}

guint
vl_demo_backend_get_token_requests (VlDemoBackend *self)
{
  g_return_val_if_fail (VL_IS_DEMO_BACKEND (self), 0);

  return self->token_requests;
}

guint
vl_demo_backend_get_graphql_requests (VlDemoBackend *self)
{
  g_return_val_if_fail (VL_IS_DEMO_BACKEND (self), 0);

  return self->graphql_requests;
}

/* For tests only: the raw Authorization header of the last GraphQL
 * request, or %NULL if it had none.
 */
const char *
vl_demo_backend_get_last_authorization (VlDemoBackend *self)
{
  g_return_val_if_fail (VL_IS_DEMO_BACKEND (self), NULL);

  return self->last_authorization;
}

/* For tests only: the body of the last GraphQL request. */
const char *
vl_demo_backend_get_last_request_body (VlDemoBackend *self)
{
  g_return_val_if_fail (VL_IS_DEMO_BACKEND (self), NULL);

  return self->last_request_body;
}

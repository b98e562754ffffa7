/* vl-client.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "vl-json.h"
#include "vl-client.h"
#include "vl-error.h"
#include "vl-graphql.h"
#include "vl-util.h"
#include "vl-validate.h"

#define DEFAULT_TIMEOUT_SECONDS 30
#define TOKEN_LIFETIME          (60 * G_TIME_SPAN_MINUTE)
#define TOKEN_MARGIN            (5 * G_TIME_SPAN_MINUTE)
#define READ_CHUNK_SIZE         (64 * 1024)

/* A call is a few kilobytes; anything past this is not an answer we want
 * to hold in memory.
 */
#define MAX_ANSWER_SIZE         (4 * 1024 * 1024)

struct _VlClient
{
  GObject       parent_instance;

  char         *environment;
  char         *graphql_url;
  char         *token_url;
  GUri         *graphql_uri;
  GError       *url_error;      /* why the addresses cannot be used */
  guint         timeout;
  SoupSession  *session;

  /* Never written anywhere but here, and never logged. */
  char         *api_key;
  char         *api_secret;
  char         *token;
  gint64        token_renew_at;
  GTimeSpan     token_lifetime;

  /* Requests waiting for the one token fetch under way. */
  GQueue        token_waiters;
  GCancellable *token_cancellable;
};

G_DEFINE_FINAL_TYPE (VlClient, vl_client, G_TYPE_OBJECT)

typedef void (*TokenReadyFunc) (GTask *task);

typedef struct
{
  GTask          *task;
  TokenReadyFunc  ready;
  gulong          cancelled_id;
} TokenWaiter;

typedef struct
{
  const char  *field;
  GBytes      *body;
  SoupMessage *message;
  char        *token;
  gboolean     retried;
  gint64       started;
} Request;

typedef struct
{
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *buffer;
} Reader;

static void fetch_token         (VlClient      *self,
                                 gboolean       use_get);
static void send_graphql        (GTask         *task);

static void
request_free (Request *request)
{
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_object (&request->message);
  vl_clear_secret (&request->token);
  g_free (request);
}

static void
reader_free (Reader *reader)
{
  g_clear_object (&reader->message);
  g_clear_object (&reader->stream);
  g_clear_pointer (&reader->buffer, g_byte_array_unref);
  g_free (reader);
}

static void
vl_client_dispose (GObject *object)
{
  VlClient *self = (VlClient *)object;

  g_cancellable_cancel (self->token_cancellable);
  if (self->session != NULL)
    soup_session_abort (self->session);

  G_OBJECT_CLASS (vl_client_parent_class)->dispose (object);
}

static void
vl_client_finalize (GObject *object)
{
  VlClient *self = (VlClient *)object;

  g_assert (g_queue_is_empty (&self->token_waiters));

  g_clear_pointer (&self->environment, g_free);
  g_clear_pointer (&self->graphql_url, g_free);
  g_clear_pointer (&self->token_url, g_free);
  g_clear_pointer (&self->graphql_uri, g_uri_unref);
  g_clear_error (&self->url_error);
  g_clear_object (&self->session);
  g_clear_object (&self->token_cancellable);
  vl_clear_secret (&self->api_key);
  vl_clear_secret (&self->api_secret);
  vl_clear_secret (&self->token);

  G_OBJECT_CLASS (vl_client_parent_class)->finalize (object);
}

static void
vl_client_class_init (VlClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vl_client_dispose;
  object_class->finalize = vl_client_finalize;
}

static void
vl_client_init (VlClient *self)
{
  self->timeout = DEFAULT_TIMEOUT_SECONDS;
  self->token_lifetime = TOKEN_LIFETIME;
  self->session = soup_session_new_with_options ("user-agent",
                                                 "VisionLiveLauncher/"
                                                 PACKAGE_VERSION,
                                                 "timeout", self->timeout,
                                                 NULL);
  g_queue_init (&self->token_waiters);
}

/**
 * vl_client_new:
 * @environment: the name calls are tagged with ("demo", "testing", ...)
 * @graphql_url: the GraphQL endpoint
 * @token_url: the access-token endpoint
 */
VlClient *
vl_client_new (const char *environment,
               const char *graphql_url,
               const char *token_url)
{
  VlClient *self;

  g_return_val_if_fail (environment != NULL, NULL);
  g_return_val_if_fail (graphql_url != NULL, NULL);
  g_return_val_if_fail (token_url != NULL, NULL);

  self = g_object_new (VL_TYPE_CLIENT, NULL);
  self->environment = g_strdup (environment);
  self->graphql_url = g_strdup (graphql_url);
  self->token_url = g_strdup (token_url);

  /* The addresses never change: checked once, and every request that
   * cannot be sent says why. The check parses more strictly than libsoup
   * does (escapes decoded): what passes it should parse here too.
   */
  if (vl_check_service_url (graphql_url, &self->url_error) &&
      vl_check_service_url (token_url, &self->url_error))
    self->graphql_uri = g_uri_parse (graphql_url, SOUP_HTTP_URI_FLAGS, NULL);

  if (self->url_error == NULL && self->graphql_uri == NULL)
    g_set_error (&self->url_error, G_URI_ERROR, G_URI_ERROR_FAILED,
                 _("“%s” is not a web address. Enter it in full, as in "
                   "https://example.com/graphql."),
                 graphql_url);

  /* No proxy ever stands between this computer and itself; asking the
   * system's proxy settings about every request to the demo backend or
   * a local test server costs more than the rest of the client does.
   */
  if (vl_url_is_loopback (graphql_url) && vl_url_is_loopback (token_url))
    g_object_set (self->session, "proxy-resolver", NULL, NULL);

  return self;
}

const char *
vl_client_get_environment (VlClient *self)
{
  g_return_val_if_fail (VL_IS_CLIENT (self), NULL);

  return self->environment;
}

const char *
vl_client_get_graphql_url (VlClient *self)
{
  g_return_val_if_fail (VL_IS_CLIENT (self), NULL);

  return self->graphql_url;
}

const char *
vl_client_get_token_url (VlClient *self)
{
  g_return_val_if_fail (VL_IS_CLIENT (self), NULL);

  return self->token_url;
}

/**
 * vl_client_set_credentials:
 *
 * Sets the API key and secret. The token fetched with the old ones, if
 * any, is dropped.
 */
void
vl_client_set_credentials (VlClient   *self,
                           const char *api_key,
                           const char *api_secret)
{
  g_return_if_fail (VL_IS_CLIENT (self));

  vl_clear_secret (&self->api_key);
  vl_clear_secret (&self->api_secret);
  vl_clear_secret (&self->token);

  if (api_key != NULL && *api_key != '\0' &&
      api_secret != NULL && *api_secret != '\0')
    {
      self->api_key = g_strdup (api_key);
      self->api_secret = g_strdup (api_secret);
    }
}

gboolean
vl_client_has_credentials (VlClient *self)
{
  g_return_val_if_fail (VL_IS_CLIENT (self), FALSE);

  return self->api_key != NULL;
}

void
vl_client_set_timeout (VlClient *self,
                       guint     seconds)
{
  g_return_if_fail (VL_IS_CLIENT (self));
  g_return_if_fail (seconds > 0);

  self->timeout = seconds;
  g_object_set (self->session, "timeout", seconds, NULL);
}

/**
 * vl_client_set_token_lifetime:
 *
 * How long a token is good for after it is issued: 60 minutes for the XOi
 * services. Tests shorten it.
 */
void
vl_client_set_token_lifetime (VlClient  *self,
                              GTimeSpan  lifetime)
{
  g_return_if_fail (VL_IS_CLIENT (self));
  g_return_if_fail (lifetime > 0);

  self->token_lifetime = lifetime;
}

/* Errors */

/* The host of @url, with its port when the address names one, as the
 * dispatcher typed or chose it.
 */
static char *
describe_host (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url);

  if (g_uri_get_port (uri) != -1)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri),
                            g_uri_get_port (uri));

  return g_strdup (g_uri_get_host (uri));
}

/* Whether @cause says the connection broke after it was made: the
 * service was reached, but its answer did not arrive whole.
 */
static gboolean
is_connection_lost (const GError *cause)
{
  return g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
         g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
         g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
}

static void
set_transport_error (VlClient     *self,
                     GError      **error,
                     const GError *cause,
                     const char   *url)
{
  g_autofree char *host = describe_host (url);

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_TIMED_OUT,
                 ngettext ("%s did not answer within %u second. Check the "
                           "network connection and try again.",
                           "%s did not answer within %u seconds. Check the "
                           "network connection and try again.",
                           self->timeout),
                 host, self->timeout);
  else if (cause->domain == G_RESOLVER_ERROR)
    g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_CANNOT_CONNECT,
                 _("The address %s could not be found. Check the network "
                   "connection and the environment’s addresses."),
                 host);
  else if (g_error_matches (cause, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_CANNOT_CONNECT,
                 _("%s could not prove that it is the service: its "
                   "certificate is not trusted on this computer, so nothing "
                   "was sent. Check the environment’s addresses; a proxy or "
                   "firewall may be in the way."),
                 host);
  else if (cause->domain == G_TLS_ERROR)
    g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_CANNOT_CONNECT,
                 _("The secure connection to %s could not be set up (%s). "
                   "Its certificate may not be trusted on this computer; "
                   "nothing was sent."),
                 host, cause->message);
  else if (is_connection_lost (cause))
    g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_CONNECTION_LOST,
                 _("The connection to %s broke before the whole answer "
                   "arrived (%s). Check the network connection and try "
                   "again."),
                 host, cause->message);
  else
    g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_CANNOT_CONNECT,
                 _("Could not connect to %s (%s). Check the network "
                   "connection and try again."),
                 host, cause->message);
}

/* How long the service asks to be left alone (Retry-After: seconds or an
 * HTTP date), in seconds, or -1 when it does not say.
 */
static gint64
get_retry_after (SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (
      soup_message_get_response_headers (message), "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;

  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &seconds, NULL))
    return seconds;

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;

  now = g_date_time_new_now_utc ();

  return MAX (g_date_time_difference (date, now) / G_TIME_SPAN_SECOND, 0);
}

/* What to do when the service is busy or in trouble: what it asked for,
 * or @fallback.
 */
static char *
describe_wait (SoupMessage *message,
               const char  *fallback)
{
  gint64 seconds = get_retry_after (message);

  if (seconds < 0)
    return g_strdup (fallback);

  if (seconds < 2)
    return g_strdup (_("Wait a moment and try again."));

  if (seconds < 120)
    return g_strdup_printf (_("Wait %u seconds and try again."),
                            (guint)seconds);

  return g_strdup_printf (_("Wait %u minutes and try again."),
                          (guint)MIN ((seconds + 59) / 60, G_MAXUINT));
}

static void
set_status_error (GError      **error,
                  SoupMessage  *message)
{
  guint status = soup_message_get_status (message);
  const char *reason = soup_status_get_phrase (status);
  g_autofree char *wait = NULL;

  reason = reason ? reason : _("Unknown status");

  if (status == SOUP_STATUS_NOT_FOUND)
    {
      g_autofree char *url = g_uri_to_string_partial (
          soup_message_get_uri (message),
          G_URI_HIDE_USERINFO | G_URI_HIDE_QUERY | G_URI_HIDE_FRAGMENT);

      g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_HTTP_STATUS,
                   _("The service has nothing at %s (HTTP %u %s). Check "
                     "the environment’s addresses."),
                   url, status, reason);
    }
  else if (status == 429 /* Too Many Requests */)
    {
      wait = describe_wait (message, _("Wait a minute and try again."));
      g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_HTTP_STATUS,
                   /* Translators: %s says how long to wait */
                   _("The service is busy (HTTP 429). %s"), wait);
    }
  else if (status >= 500)
    {
      wait = describe_wait (message, _("Try again in a few minutes."));
      g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_HTTP_STATUS,
                   /* Translators: the last %s says how long to wait */
                   _("The service is having trouble (HTTP %u %s). %s"),
                   status, reason, wait);
    }
  else
    g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_HTTP_STATUS,
                 _("The service refused the request (HTTP %u %s). Check "
                   "the environment’s addresses; if they are right, report "
                   "the problem to the service’s support."),
                 status, reason);
}

/* @status is the HTTP status of the refusal, or 0 when the service said
 * it in a GraphQL error.
 */
static void
set_rejected_error (VlClient  *self,
                    GError   **error,
                    guint      status)
{
  if (status != 0)
    g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_NOT_AUTHORIZED,
                 _("The service refused the API key or secret for the %s "
                   "environment (HTTP %u %s). Check them in Preferences."),
                 self->environment, status, soup_status_get_phrase (status));
  else
    g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_NOT_AUTHORIZED,
                 _("The service refused the API key or secret for the %s "
                   "environment. Check them in Preferences."),
                 self->environment);
}

/* Reading an answer, never more than MAX_ANSWER_SIZE of it */

static void read_next_chunk (GTask *task);

static void
return_too_large (GTask *task)
{
  g_task_return_new_error (task, VL_CLIENT_ERROR, VL_CLIENT_ERROR_BAD_ANSWER,
                           _("The service’s answer is larger than %u MB, "
                             "far more than a call needs, so it was not "
                             "read."),
                           MAX_ANSWER_SIZE / (1024 * 1024));
}

static void
on_chunk_read (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;
  Reader *reader = g_task_get_task_data (task);
  gsize size;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result,
                                            &error);
  if (chunk == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size == 0)
    {
      GBytes *body = g_byte_array_free_to_bytes (g_steal_pointer (&reader->buffer));

      g_task_return_pointer (task, body, (GDestroyNotify)g_bytes_unref);
      return;
    }

  if (reader->buffer->len + size > MAX_ANSWER_SIZE)
    {
      return_too_large (task);
      return;
    }

  g_byte_array_append (reader->buffer, g_bytes_get_data (chunk, NULL), size);
  read_next_chunk (g_steal_pointer (&task));
}

static void
read_next_chunk (GTask *task)
{
  Reader *reader = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (reader->stream, READ_CHUNK_SIZE,
                                   G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task),
                                   on_chunk_read, task);
}

static void
on_message_sent (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  Reader *reader = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  reader->stream = soup_session_send_finish (SOUP_SESSION (object), result,
                                             &error);
  if (reader->stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  headers = soup_message_get_response_headers (reader->message);
  if (soup_message_headers_get_content_length (headers) > MAX_ANSWER_SIZE)
    {
      return_too_large (task);
      return;
    }

  read_next_chunk (g_steal_pointer (&task));
}

/* Sends @message and reads the whole answer into a GBytes. The message
 * keeps the status and headers for the caller.
 */
static void
send_and_read (VlClient            *self,
               SoupMessage         *message,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Reader *reader = g_new0 (Reader, 1);

  reader->message = g_object_ref (message);
  reader->buffer = g_byte_array_new ();
  g_task_set_task_data (task, reader, (GDestroyNotify)reader_free);
  g_task_set_source_tag (task, send_and_read);

  g_debug ("%s %s", soup_message_get_method (message),
           g_uri_get_path (soup_message_get_uri (message)));

  soup_session_send_async (self->session, message, G_PRIORITY_DEFAULT,
                           cancellable, on_message_sent, task);
}

static GBytes *
send_and_read_finish (VlClient      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The token */

static gboolean
token_is_fresh (VlClient *self)
{
  return self->token != NULL &&
         g_get_monotonic_time () < self->token_renew_at;
}

static void
keep_token (VlClient   *self,
            const char *token)
{
  GTimeSpan margin = MIN (TOKEN_MARGIN, self->token_lifetime / 10);

  vl_clear_secret (&self->token);
  self->token = g_strdup (token);
  self->token_renew_at = g_get_monotonic_time () + self->token_lifetime
                         - margin;
}

static void
finish_token_fetch (VlClient     *self,
                    const GError *error)
{
  TokenWaiter *waiter;

  while ((waiter = g_queue_pop_head (&self->token_waiters)) != NULL)
    {
      g_cancellable_disconnect (g_task_get_cancellable (waiter->task),
                                waiter->cancelled_id);
      if (error != NULL)
        {
          g_task_return_error (waiter->task, g_error_copy (error));
          g_object_unref (waiter->task);
        }
      else
        {
          waiter->ready (waiter->task);
        }
      g_free (waiter);
    }
}

static gboolean
abandon_waiter (gpointer user_data)
{
  GTask *task = user_data;
  VlClient *self = g_task_get_source_object (task);

  for (GList *l = self->token_waiters.head; l != NULL; l = l->next)
    {
      TokenWaiter *waiter = l->data;

      if (waiter->task != task)
        continue;

      g_queue_delete_link (&self->token_waiters, l);
      g_cancellable_disconnect (g_task_get_cancellable (task),
                                waiter->cancelled_id);
      g_task_return_error_if_cancelled (task);
      g_object_unref (waiter->task);
      g_free (waiter);
      break;
    }

  return G_SOURCE_REMOVE;
}

/* Runs inside the "cancelled" emission, where the handler cannot be
 * disconnected: leave the real work to an idle in the task's context.
 */
static void
on_waiter_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  TokenWaiter *waiter = user_data;
  g_autoptr(GSource) idle = g_idle_source_new ();

  g_source_set_callback (idle, abandon_waiter, g_object_ref (waiter->task),
                         g_object_unref);
  g_source_attach (idle, g_task_get_context (waiter->task));
}

/* Calls @ready with @task (handing it over) once there is a fresh token.
 * Concurrent requests share one fetch.
 */
static void
wait_for_token (VlClient       *self,
                GTask          *task,
                TokenReadyFunc  ready)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  TokenWaiter *waiter;
  gboolean fetching = !g_queue_is_empty (&self->token_waiters);

  if (token_is_fresh (self))
    {
      ready (task);
      return;
    }

  if (self->api_key == NULL)
    {
      g_task_return_new_error (task, VL_CLIENT_ERROR,
                               VL_CLIENT_ERROR_NOT_AUTHORIZED,
                               _("No API key and secret are set for the %s "
                                 "environment. Enter them in Preferences."),
                               self->environment);
      g_object_unref (task);
      return;
    }

  waiter = g_new0 (TokenWaiter, 1);
  waiter->task = task;
  waiter->ready = ready;
  g_queue_push_tail (&self->token_waiters, waiter);

  if (cancellable != NULL)
    waiter->cancelled_id = g_cancellable_connect (cancellable,
                                                  G_CALLBACK (on_waiter_cancelled),
                                                  waiter, NULL);

  if (!fetching)
    fetch_token (self, FALSE);
}

static void
forget_secret_text (char *text)
{
  vl_clear_secret (&text);
}

static SoupMessage *
new_token_message (VlClient *self,
                   gboolean  use_get)
{
  g_autoptr(GUri) uri = g_uri_parse (self->token_url, SOUP_HTTP_URI_FLAGS,
                                     NULL);
  SoupMessage *message = soup_message_new_from_uri (use_get ? "GET" : "POST",
                                                    uri);
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  soup_message_headers_replace (headers, "Accept", "application/json");

  if (use_get)
    {
      g_autofree char *pair = g_strconcat (self->api_key, ":",
                                           self->api_secret, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *)pair,
                                                  strlen (pair));
      g_autofree char *value = g_strconcat ("Basic ", encoded, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
      explicit_bzero (pair, strlen (pair));
      explicit_bzero (value, strlen (value));
    }
  else
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GBytes) body = NULL;
      char *text;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "api_key");
      json_builder_add_string_value (builder, self->api_key);
      json_builder_set_member_name (builder, "api_secret");
      json_builder_add_string_value (builder, self->api_secret);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      text = vl_json_to_string (root, FALSE);
      body = g_bytes_new_with_free_func (text, strlen (text),
                                         (GDestroyNotify)forget_secret_text,
                                         text);
      soup_message_set_request_body_from_bytes (message, "application/json",
                                                body);
    }

  return message;
}

static char *
read_token (GBytes  *body,
            GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *text = g_bytes_get_data (body, &length);
  JsonNode *root = NULL;
  JsonNode *token = NULL;

  if (length == 0)
    {
      g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_BAD_ANSWER,
                   _("The token service sent an empty answer. Check the "
                     "environment’s token address."));
      return NULL;
    }

  if (vl_json_looks_like_web_page (text, length))
    {
      g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_BAD_ANSWER,
                   _("The token service sent a web page instead of a "
                     "token. Check the environment’s token address; a "
                     "proxy, firewall or sign-in page may be in the way."));
      return NULL;
    }

  if (vl_json_load (parser, text, length, NULL))
    root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_BAD_ANSWER,
                   _("The token service’s answer was cut short or is not "
                     "JSON. Check the environment’s token address."));
      return NULL;
    }

  if (JSON_NODE_HOLDS_OBJECT (root))
    token = json_object_get_member (json_node_get_object (root), "token");
  if (token == NULL || json_node_get_value_type (token) != G_TYPE_STRING ||
      *json_node_get_string (token) == '\0')
    {
      g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_BAD_ANSWER,
                   _("The token service answered with no token in it. Check "
                     "the environment’s token address."));
      return NULL;
    }

  return g_strdup (json_node_get_string (token));
}

static void
on_token_answer (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  VlClient *self = VL_CLIENT (object);
  g_autoptr(SoupMessage) message = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  guint status;

  body = send_and_read_finish (self, result, &error);
  status = soup_message_get_status (message);
  g_debug ("Token answer: HTTP %u", status);

  if (body == NULL)
    {
      g_autoptr(GError) cause = g_steal_pointer (&error);

      if (cause->domain == VL_CLIENT_ERROR)
        g_propagate_error (&error, g_steal_pointer (&cause));
      else
        set_transport_error (self, &error, cause, self->token_url);
    }
  else if (status == SOUP_STATUS_METHOD_NOT_ALLOWED &&
           g_strcmp0 (soup_message_get_method (message), "POST") == 0)
    {
      /* The documented alternative: GET with Basic authentication. */
      fetch_token (self, TRUE);
      return;
    }
  else if (status == SOUP_STATUS_UNAUTHORIZED ||
           status == SOUP_STATUS_FORBIDDEN)
    set_rejected_error (self, &error, status);
  else if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    set_status_error (&error, message);
  else if ((token = read_token (body, &error)) != NULL)
    keep_token (self, token);

  if (token != NULL)
    explicit_bzero (token, strlen (token));

  finish_token_fetch (self, error);
}

static void
fetch_token (VlClient *self,
             gboolean  use_get)
{
  SoupMessage *message = new_token_message (self, use_get);

  g_clear_object (&self->token_cancellable);
  self->token_cancellable = g_cancellable_new ();

  send_and_read (self, message, self->token_cancellable,
                 on_token_answer, message);
}

/* GraphQL requests */

/* @status: the HTTP status that refused the token, or 0 */
static void
retry_or_fail (GTask *task,
               guint  status)
{
  VlClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (request->retried)
    {
      set_rejected_error (self, &error, status);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* Another request may have renewed the token meanwhile. */
  request->retried = TRUE;
  if (g_strcmp0 (self->token, request->token) == 0)
    vl_clear_secret (&self->token);

  wait_for_token (self, task, send_graphql);
}

static VlCall *
read_answer (VlClient     *self,
             Request      *request,
             SoupMessage  *message,
             GBytes       *body,
             GError      **error)
{
  guint status = soup_message_get_status (message);
  g_autoptr(GError) answer_error = NULL;
  VlCall *call;

  call = vl_graphql_parse_call_response (body, request->field, &answer_error);

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      if (answer_error != NULL)
        g_propagate_error (error, g_steal_pointer (&answer_error));
      return call;
    }

  g_clear_object (&call);

  /* A GraphQL server may answer errors with a 4xx or 5xx status: its own
   * words say more than the status does.
   */
  if (g_error_matches (answer_error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_GRAPHQL))
    g_propagate_error (error, g_steal_pointer (&answer_error));
  else
    set_status_error (error, message);

  return NULL;
}

static void
on_graphql_answer (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  VlClient *self = VL_CLIENT (object);
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = g_steal_pointer (&request->message);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;
  guint status;

  body = send_and_read_finish (self, result, &error);
  status = soup_message_get_status (message);
  g_debug ("GraphQL %s answer: HTTP %u after %" G_GINT64_FORMAT " ms",
           request->field, status,
           (g_get_monotonic_time () - request->started) / 1000);

  if (body == NULL)
    {
      if (error->domain != VL_CLIENT_ERROR)
        {
          g_autoptr(GError) cause = g_steal_pointer (&error);

          set_transport_error (self, &error, cause, self->graphql_url);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      retry_or_fail (task, status);
      return;
    }

  call = read_answer (self, request, message, body, &error);
  if (g_error_matches (error, VL_CLIENT_ERROR,
                       VL_CLIENT_ERROR_NOT_AUTHORIZED))
    {
      retry_or_fail (task, 0);
      return;
    }

  if (call == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    {
      vl_call_set_environment (call, self->environment);
      g_task_return_pointer (task, g_steal_pointer (&call), g_object_unref);
    }
  g_object_unref (task);
}

static void
send_graphql (GTask *task)
{
  VlClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  g_free (request->token);
  request->token = g_strdup (self->token);
  request->started = g_get_monotonic_time ();

  g_clear_object (&request->message);
  request->message = soup_message_new_from_uri ("POST", self->graphql_uri);
  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  /* The whole header value is the token: no "Bearer" in front. */
  soup_message_headers_replace (headers, "Authorization", request->token);
  soup_message_set_request_body_from_bytes (request->message,
                                            "application/json",
                                            request->body);

  send_and_read (self, request->message, g_task_get_cancellable (task),
                 on_graphql_answer, task);
}

static gboolean
check_urls (VlClient  *self,
            GError   **error)
{
  if (self->url_error == NULL)
    return TRUE;

  g_propagate_error (error, g_error_copy (self->url_error));
  return FALSE;
}

static void
start_request (VlClient            *self,
               const char          *field,
               JsonNode            *body,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);
  g_autoptr(GError) error = NULL;
  char *text = vl_json_to_string (body, FALSE);

  request->field = field;
  request->body = g_bytes_new_take (text, strlen (text));
  g_task_set_task_data (task, request, (GDestroyNotify)request_free);
  g_task_set_source_tag (task, source_tag);

  if (!check_urls (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  wait_for_token (self, task, send_graphql);
}

/**
 * vl_client_prepare_call_async:
 * @draft: the call as entered, with recipients already normalised
 *
 * Asks the service to prepare a call (prepareVisionLiveCall).
 */
void
vl_client_prepare_call_async (VlClient            *self,
                              VlCall              *draft,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (VL_IS_CLIENT (self));
  g_return_if_fail (VL_IS_CALL (draft));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  body = vl_graphql_build_prepare_request (draft);
  start_request (self, "prepareVisionLiveCall", body,
                 vl_client_prepare_call_async,
                 cancellable, callback, user_data);
}

/**
 * vl_client_prepare_call_finish:
 *
 * Returns: (transfer full): the prepared call, stamped with the time and
 *   the environment, or %NULL with an error
 */
VlCall *
vl_client_prepare_call_finish (VlClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  VlCall *call;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        vl_client_prepare_call_async, NULL);

  call = g_task_propagate_pointer (G_TASK (result), error);
  if (call != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      vl_call_set_prepared_at (call, now);
    }

  return call;
}

void
vl_client_get_call_async (VlClient            *self,
                          const char          *call_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (VL_IS_CLIENT (self));
  g_return_if_fail (call_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  body = vl_graphql_build_get_request (call_id);
  start_request (self, "getVisionLiveCall", body,
                 vl_client_get_call_async,
                 cancellable, callback, user_data);
}

/**
 * vl_client_get_call_finish:
 *
 * Returns: (transfer full): the call as the service has it now, or %NULL
 *   with an error
 */
VlCall *
vl_client_get_call_finish (VlClient      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        vl_client_get_call_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
token_checked (GTask *task)
{
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/**
 * vl_client_check_token_async:
 *
 * Fetches a new token with the current credentials, to tell whether they
 * work ("Test Connection").
 */
void
vl_client_check_token_async (VlClient            *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (VL_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vl_client_check_token_async);

  if (!check_urls (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (g_queue_is_empty (&self->token_waiters))
    vl_clear_secret (&self->token);

  wait_for_token (self, task, token_checked);
}

gboolean
vl_client_check_token_finish (VlClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* fault-server.c: a loopback service that answers with the faults a test
 * asks for
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SoupServer on 127.0.0.1 with a token endpoint and a GraphQL endpoint.
 * Each answers well until a test sets a fault on it. What libsoup will not
 * send on its own (a reset in the middle of a body, a body shorter than
 * its Content-Length) is written by hand on the connection taken over
 * from the server.
 */

#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "fault-server.h"
#include "test-util.h"

#define HUGE_CHUNK_SIZE (256 * 1024)

#define GOOD_TOKEN "{\"token\": \"fault-token\"}"
#define GOOD_CALL \
  "{\"data\": {\"@FIELD@\": {\"visionLiveCall\": {" \
  "\"id\": \"call-0123456789abcdef0123456789abcdef\", " \
  "\"invitations\": [{\"type\": \"sms\", \"recipient\": \"2223334444\"}], " \
  "\"integrationEntityId\": {\"namespace\": \"anamespace\", " \
  "\"id\": \"INTEG_ID\"}, " \
  "\"callMetadataJSON\": \"{\\\"key\\\":\\\"VALUE\\\"}\", " \
  "\"visionLiveLink\": " \
  "\"https://vision.example.com/live/call-0123456789abcdef\"}}}}"

typedef struct
{
  FaultKind  kind;
  guint      status;
  char      *content_type;
  char      *body;
  char      *retry_after;
  guint      requests;
} Endpoint;

struct _FaultServer
{
  SoupServer *server;
  char       *graphql_url;
  char       *token_url;
  Endpoint    endpoints[2];
  char       *last_request;
  gsize       huge_sent;
};

static void
endpoint_clear (Endpoint *endpoint)
{
  g_clear_pointer (&endpoint->content_type, g_free);
  g_clear_pointer (&endpoint->body, g_free);
  g_clear_pointer (&endpoint->retry_after, g_free);
}

/* The field a GraphQL request asks for, from its operation name. */
static const char *
requested_field (const char *request)
{
  g_autoptr(JsonNode) root = json_from_string (request, NULL);
  JsonObject *object;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return "prepareVisionLiveCall";

  object = json_node_get_object (root);
  if (g_strcmp0 (json_object_get_string_member_with_default (object,
                                                              "operationName",
                                                              NULL),
                 "GetVisionLiveCall") == 0)
    return "getVisionLiveCall";

  return "prepareVisionLiveCall";
}

static char *
answer_body (FaultServer       *self,
             FaultEndpoint      which,
             SoupServerMessage *message)
{
  Endpoint *endpoint = &self->endpoints[which];
  g_autoptr(GString) body = NULL;

  if (endpoint->body != NULL)
    body = g_string_new (endpoint->body);
  else
    body = g_string_new (which == FAULT_ENDPOINT_TOKEN ? GOOD_TOKEN
                                                       : GOOD_CALL);

  if (which == FAULT_ENDPOINT_GRAPHQL)
    g_string_replace (body, "@FIELD@", requested_field (self->last_request),
                      0);

  return g_string_free (g_steal_pointer (&body), FALSE);
}

/* Writes @head and @body on the connection libsoup hands over, then closes
 * it: with a reset (RST) when @reset, else with an ordinary end.
 */
static void
write_raw (SoupServerMessage *message,
           const char        *head,
           const char        *body,
           gsize              body_length,
           gboolean           reset)
{
  GSocket *socket = soup_server_message_get_socket (message);
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  GOutputStream *output;

  /* The socket outlives the stealing: keep it for the reset. */
  g_object_ref (socket);
  stream = soup_server_message_steal_connection (message);
  output = g_io_stream_get_output_stream (stream);

  g_output_stream_write_all (output, head, strlen (head), NULL, NULL,
                             &error);
  g_assert_no_error (error);
  g_output_stream_write_all (output, body, body_length, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_flush (output, NULL, &error);
  g_assert_no_error (error);

  if (reset)
    {
      struct linger linger = { .l_onoff = 1, .l_linger = 0 };

      g_assert_cmpint (setsockopt (g_socket_get_fd (socket), SOL_SOCKET,
                                   SO_LINGER, &linger, sizeof linger),
                       ==, 0);
    }

  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (socket);
}

static void
answer_broken (SoupServerMessage *message,
               const char        *body,
               gboolean           reset)
{
  gsize length = strlen (body);
  g_autofree char *head = NULL;

  /* Twice the length promised; half of it sent. */
  head = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "\r\n",
                          length * 2);
  write_raw (message, head, body, length, reset);
}

static void
on_huge_chunk_written (SoupServerMessage *message,
                       gpointer           user_data)
{
  FaultServer *self = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (message);
  gsize size = MIN (HUGE_CHUNK_SIZE, FAULT_HUGE_SIZE - self->huge_sent);

  if (size == 0)
    {
      soup_message_body_complete (body);
      return;
    }

  soup_message_body_append_take (body, (guchar *)g_strnfill (size, ' '),
                                 size);
  self->huge_sent += size;
}

static void
answer_huge (FaultServer       *self,
             SoupServerMessage *message,
             gboolean           declared)
{
  SoupMessageHeaders *headers =
    soup_server_message_get_response_headers (message);

  self->huge_sent = 0;
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  if (declared)
    soup_message_headers_set_content_length (headers, FAULT_HUGE_SIZE);
  else
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);

  /* Never the whole body in memory, on this side either. */
  soup_message_body_set_accumulate (
    soup_server_message_get_response_body (message), FALSE);
  g_signal_connect (message, "wrote-chunk",
                    G_CALLBACK (on_huge_chunk_written), self);
  on_huge_chunk_written (message, self);
}

static void
answer (FaultServer       *self,
        FaultEndpoint      which,
        SoupServerMessage *message)
{
  Endpoint *endpoint = &self->endpoints[which];
  SoupMessageHeaders *headers =
    soup_server_message_get_response_headers (message);
  g_autofree char *body = answer_body (self, which, message);

  switch (endpoint->kind)
    {
    case FAULT_HANG:
      soup_server_message_pause (message);
      return;

    case FAULT_RESET:
    case FAULT_SHORT:
      answer_broken (message, body, endpoint->kind == FAULT_RESET);
      return;

    case FAULT_HUGE:
    case FAULT_HUGE_DECLARED:
      answer_huge (self, message, endpoint->kind == FAULT_HUGE_DECLARED);
      return;

    case FAULT_ANSWER:
    default:
      break;
    }

  soup_server_message_set_status (message,
                                  endpoint->status ? endpoint->status : 200,
                                  NULL);
  if (endpoint->retry_after != NULL)
    soup_message_headers_replace (headers, "Retry-After",
                                  endpoint->retry_after);
  soup_server_message_set_response (message,
                                    endpoint->content_type
                                      ? endpoint->content_type
                                      : "application/json",
                                    SOUP_MEMORY_COPY, body, strlen (body));
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  FaultServer *self = user_data;
  FaultEndpoint which;

  if (g_str_equal (path, "/token"))
    which = FAULT_ENDPOINT_TOKEN;
  else if (g_str_equal (path, "/graphql"))
    which = FAULT_ENDPOINT_GRAPHQL;
  else
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  self->endpoints[which].requests++;
  if (which == FAULT_ENDPOINT_GRAPHQL)
    {
      SoupMessageBody *request =
        soup_server_message_get_request_body (message);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (request);

      g_free (self->last_request);
      self->last_request = g_strndup (g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes));
    }

  answer (self, which, message);
}

FaultServer *
fault_server_new (GTlsCertificate *certificate)
{
  FaultServer *self = g_new0 (FaultServer, 1);
  g_autoptr(GInetAddress) loopback =
    g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) error = NULL;
  const char *scheme = certificate ? "https" : "http";
  guint port;

  self->server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (self->server, NULL, on_request, self, NULL);
  soup_server_listen (self->server, address,
                      certificate ? SOUP_SERVER_LISTEN_HTTPS : 0, &error);
  g_assert_no_error (error);

  port = get_server_port (self->server);

  self->graphql_url = g_strdup_printf ("%s://127.0.0.1:%u/graphql", scheme,
                                       port);
  self->token_url = g_strdup_printf ("%s://127.0.0.1:%u/token", scheme, port);

  return self;
}

void
fault_server_free (FaultServer *self)
{
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  for (guint i = 0; i < G_N_ELEMENTS (self->endpoints); i++)
    endpoint_clear (&self->endpoints[i]);
  g_free (self->graphql_url);
  g_free (self->token_url);
  g_free (self->last_request);
  g_free (self);
}

const char *
fault_server_get_graphql_url (FaultServer *self)
{
  return self->graphql_url;
}

const char *
fault_server_get_token_url (FaultServer *self)
{
  return self->token_url;
}

/* Every later request to @endpoint gets @fault, until the next call. */
void
fault_server_set_fault (FaultServer   *self,
                        FaultEndpoint  endpoint,
                        const Fault   *fault)
{
  Endpoint *e = &self->endpoints[endpoint];

  endpoint_clear (e);
  e->kind = fault->kind;
  e->status = fault->status;
  e->content_type = g_strdup (fault->content_type);
  e->body = g_strdup (fault->body);
  e->retry_after = g_strdup (fault->retry_after);
}

guint
fault_server_get_requests (FaultServer   *self,
                           FaultEndpoint  endpoint)
{
  return self->endpoints[endpoint].requests;
}

gsize
fault_server_get_huge_sent (FaultServer *self)
{
  return self->huge_sent;
}

const char *
fault_server_get_last_request (FaultServer *self)
{
  return self->last_request;
}

GTlsCertificate *
fault_server_load_untrusted_certificate (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT,
                                                 "untrusted.pem", NULL);
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate;

  certificate = g_tls_certificate_new_from_file (path, &error);
  g_assert_no_error (error);

  return certificate;
}

/* bench-util.c: what the benchmark programs share
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <libsoup/soup.h>

#include "bench-util.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/* The median of @values, which it sorts. */
double
bench_median (double *values,
              guint   n_values)
{
  g_return_val_if_fail (n_values > 0, 0);

  qsort (values, n_values, sizeof (double), compare_doubles);

  return n_values % 2 ? values[n_values / 2]
                      : (values[n_values / 2 - 1] + values[n_values / 2]) / 2;
}

/* A session set up as the client's is for a loopback address: no proxy
 * resolver.
 */
SoupSession *
bench_bare_session_new (void)
{
  return soup_session_new_with_options ("proxy-resolver", NULL, NULL);
}

static void
on_bare_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GBytes **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                            &error);
  if (*out == NULL)
    g_error ("The bare request failed: %s", error->message);
}

/* Sends @body to @url as the client would, with nothing but libsoup, and
 * waits for the whole answer in the thread's main context: what any
 * libsoup client pays for the request.
 */
void
bench_send_bare (SoupSession *session,
                 const char  *url,
                 const char  *token,
                 GBytes      *body)
{
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);
  g_autoptr(GBytes) answer = NULL;

  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_headers_replace (headers, "Authorization", token);
  soup_message_set_request_body_from_bytes (message, "application/json",
                                            body);

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT,
                                    NULL, on_bare_read, &answer);
  while (answer == NULL)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);

  if (soup_message_get_status (message) != SOUP_STATUS_OK)
    g_error ("The bare request got HTTP %u",
             soup_message_get_status (message));
}

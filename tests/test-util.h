/* test-util.h: helpers the client tests share
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "vl-call.h"

G_BEGIN_DECLS

/* A GAsyncReadyCallback that keeps @result in the GAsyncResult * that
 * @user_data points to. A second answer to the same request fails.
 */
static inline void
on_result (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

/* Runs the main loop until on_result() has set *@result. */
static inline GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/* The call of XOi's integration guide, as a dispatcher would enter it. */
static inline VlCall *
example_draft (void)
{
  VlCall *draft = vl_call_new ();
  g_autoptr(VlInvitation) invitation =
    vl_invitation_new (VL_INVITATION_TYPE_SMS, "2223334444");

  vl_call_add_invitation (draft, invitation);
  vl_call_set_integration (draft, "anamespace", "INTEG_ID");
  vl_call_set_metadata_json (draft, "{\"key\":\"VALUE\"}");

  return draft;
}

/* The port @server listens on, on 127.0.0.1. Not from
 * soup_server_get_uris(), which leaks an address in libsoup 3.2.
 */
static inline guint
get_server_port (SoupServer *server)
{
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GError) error = NULL;
  GSList *listeners = soup_server_get_listeners (server);

  g_assert_nonnull (listeners);
  local = g_socket_get_local_address (listeners->data, &error);
  g_assert_no_error (error);
  g_slist_free (listeners);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
}

G_END_DECLS

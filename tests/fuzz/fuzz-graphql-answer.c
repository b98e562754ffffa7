/* fuzz-graphql-answer.c: an answer body from the GraphQL service, read into
 * a call as the client reads it (vl_graphql_parse_call_response()).
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "vl-error.h"
#include "vl-graphql.h"
#include "vl-validate.h"

static void
check_call (VlCall *call)
{
  GListModel *invitations = vl_call_get_invitations (call);
  g_autoptr(GPtrArray) entries = NULL;

  fuzz_check (vl_call_get_id (call) != NULL);
  fuzz_check (*vl_call_get_id (call) != '\0');
  fuzz_check (g_utf8_validate (vl_call_get_id (call), -1, NULL));
  fuzz_check (fuzz_is_utf8_or_null (vl_call_get_link (call)));
  fuzz_check (fuzz_is_utf8_or_null (vl_call_get_metadata_json (call)));
  fuzz_check (fuzz_is_utf8_or_null (vl_call_get_integration_namespace (call)));
  fuzz_check (fuzz_is_utf8_or_null (vl_call_get_integration_id (call)));
  fuzz_check (vl_call_get_source (call) != NULL);

  for (guint i = 0; i < g_list_model_get_n_items (invitations); i++)
    {
      g_autoptr(VlInvitation) invitation =
        g_list_model_get_item (invitations, i);
      const char *recipient = vl_invitation_get_recipient (invitation);

      fuzz_check (recipient != NULL);
      fuzz_check (g_utf8_validate (recipient, -1, NULL));
    }

  /* What the call view shows of it */
  entries = vl_metadata_split (vl_call_get_metadata_json (call));
  fuzz_check (entries != NULL || vl_call_get_metadata (call) == NULL);
}

static void
parse (GBytes     *body,
       const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;

  call = vl_graphql_parse_call_response (body, field, &error);

  /* Exactly one of them, and a message a dispatcher can read */
  fuzz_check ((call == NULL) != (error == NULL));
  if (call != NULL)
    {
      check_call (call);
      return;
    }

  fuzz_check (error->domain == VL_CLIENT_ERROR);
  fuzz_check (error->message != NULL && *error->message != '\0');
  fuzz_check (g_utf8_validate (error->message, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);

  fuzz_init ();

  parse (body, "prepareVisionLiveCall");
  parse (body, "getVisionLiveCall");

  return 0;
}

/* dump-requests.c: prints the request bodies the client sends
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One compact JSON document per line, exactly as VlClient posts it, for
 * graphql-validate.js to check against the schema with graphql-js.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "vl-json.h"
#include "vl-graphql.h"
#include "vl-validate.h"

typedef struct
{
  VlInvitationType  type;
  const char       *recipient;
} Invite;

static void
print_request (JsonNode *request)
{
  g_autofree char *text = vl_json_to_string (request, FALSE);

  /* Newlines inside strings are escaped, so one body is one line. */
  g_assert (strchr (text, '\n') == NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

/* Builds the draft the way the window and the command line do: recipients
 * and metadata go through the same normalisation first.
 */
static void
dump_prepare (const Invite *invites,
              guint         n_invites,
              const char   *namespace_,
              const char   *id,
              const char   *metadata)
{
  g_autoptr(VlCall) draft = vl_call_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *compact = NULL;

  for (guint i = 0; i < n_invites; i++)
    {
      g_autoptr(VlInvitation) invitation = NULL;
      g_autofree char *recipient = NULL;

      recipient = vl_normalize_recipient (invites[i].type,
                                          invites[i].recipient, &error);
      g_assert_no_error (error);
      invitation = vl_invitation_new (invites[i].type, recipient);
      vl_call_add_invitation (draft, invitation);
    }

  vl_call_set_integration (draft, namespace_, id);

  if (metadata != NULL)
    {
      compact = vl_normalize_metadata (metadata, &error);
      g_assert_no_error (error);
      vl_call_set_metadata_json (draft, compact);
    }

  request = vl_graphql_build_prepare_request (draft);
  print_request (request);
}

/* Text no validator would let through, set directly on the model: the
 * request builder must carry it in variables whatever it is.
 */
static void
dump_awkward (const char *text)
{
  g_autoptr(VlCall) draft = vl_call_new ();
  g_autoptr(VlInvitation) invitation = NULL;
  g_autoptr(JsonNode) request = NULL;

  invitation = vl_invitation_new (VL_INVITATION_TYPE_EMAIL, text);
  vl_call_add_invitation (draft, invitation);
  vl_call_set_integration (draft, text, text);
  vl_call_set_metadata_json (draft, text);

  request = vl_graphql_build_prepare_request (draft);
  print_request (request);
}

static void
dump_get (const char *call_id)
{
  g_autoptr(JsonNode) request = vl_graphql_build_get_request (call_id);

  print_request (request);
}

int
main (int   argc,
      char *argv[])
{
  const Invite guide[] = {
    { VL_INVITATION_TYPE_SMS, "2223334444" },
  };
  const Invite email[] = {
    { VL_INVITATION_TYPE_EMAIL, "tech@example.com" },
  };
  const Invite several[] = {
    { VL_INVITATION_TYPE_SMS, "(222) 333-4444" },
    { VL_INVITATION_TYPE_EMAIL, "dispatch@example.com" },
    { VL_INVITATION_TYPE_SMS, "+44 20 7946 0958" },
  };
  const char *awkward[] = {
    "\"quoted\" and \\backslashed\\",
    "line one\nline two\r\n\ttabbed",
    "emoji 📞🚐 and ünïcödé",
    "\") { id } mutation { x(",
    "control \x01\x1e\x1f characters",
  };

  setlocale (LC_ALL, "");

  /* The example of the integration guide. */
  dump_prepare (guide, G_N_ELEMENTS (guide),
                "anamespace", "INTEG_ID", "{\"key\":\"VALUE\"}");
  dump_prepare (email, G_N_ELEMENTS (email), NULL, NULL, NULL);
  dump_prepare (several, G_N_ELEMENTS (several), "fsm", "WO-1001",
                "{\"site\":{\"name\":\"Plant 4\",\"floor\":2},"
                "\"tags\":[\"hvac\",\"urgent\"],\"billable\":true}");
  dump_prepare (NULL, 0, NULL, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (awkward); i++)
    dump_awkward (awkward[i]);

  dump_get ("call-be76aecd347e4fe89e5e666372a57af9");
  dump_get ("\") { id } mutation { x(");

  return fflush (stdout) == 0 ? 0 : 1;
}

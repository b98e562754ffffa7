/* fuzz-launch-uri.c: vision-live: links from other programs
 * (vl_launch_uri_parse()), and the link built back from what they fill in.
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "vl-error.h"
#include "vl-launch-uri.h"

static void
check_same_draft (VlCall *a,
                  VlCall *b)
{
  GListModel *a_invitations = vl_call_get_invitations (a);
  GListModel *b_invitations = vl_call_get_invitations (b);
  guint n = g_list_model_get_n_items (a_invitations);

  fuzz_check (g_list_model_get_n_items (b_invitations) == n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VlInvitation) x = g_list_model_get_item (a_invitations, i);
      g_autoptr(VlInvitation) y = g_list_model_get_item (b_invitations, i);

      fuzz_check (vl_invitation_get_kind (x) == vl_invitation_get_kind (y));
      fuzz_check (g_strcmp0 (vl_invitation_get_recipient (x),
                             vl_invitation_get_recipient (y)) == 0);
    }

  fuzz_check (g_strcmp0 (vl_call_get_integration_namespace (a),
                         vl_call_get_integration_namespace (b)) == 0);
  fuzz_check (g_strcmp0 (vl_call_get_integration_id (a),
                         vl_call_get_integration_id (b)) == 0);
  fuzz_check (g_strcmp0 (vl_call_get_metadata_json (a),
                         vl_call_get_metadata_json (b)) == 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_dup_text (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autoptr(VlCall) draft = NULL;
  g_autoptr(VlCall) again = NULL;
  g_autofree char *link = NULL;
  g_autofree char *link_again = NULL;

  fuzz_init ();

  draft = vl_launch_uri_parse (text, &error);
  fuzz_check ((draft == NULL) != (error == NULL));
  if (draft == NULL)
    {
      fuzz_check (g_error_matches (error, VL_CLIENT_ERROR,
                                   VL_CLIENT_ERROR_INVALID_INPUT));
      fuzz_check (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  fuzz_check (vl_call_get_id (draft) == NULL);
  fuzz_check (vl_call_get_link (draft) == NULL);

  /* The link built from the draft is plain ASCII and reads back as the
   * same draft, and building it again gives the same link.
   */
  link = vl_launch_uri_build (draft);
  for (const char *p = link; *p != '\0'; p++)
    fuzz_check ((guchar) *p >= 0x21 && (guchar) *p < 0x7f);

  again = vl_launch_uri_parse (link, &again_error);
  fuzz_check (again != NULL && again_error == NULL);
  check_same_draft (draft, again);

  link_again = vl_launch_uri_build (again);
  fuzz_check (g_strcmp0 (link, link_again) == 0);

  return 0;
}

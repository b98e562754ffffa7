/* fuzz-validate.c: phone numbers, e-mail addresses and links as the form
 * and the call view check them (src/core/vl-validate.c).
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "vl-error.h"
#include "vl-validate.h"

static void
check_error (GError *error)
{
  fuzz_check (g_error_matches (error, VL_CLIENT_ERROR,
                               VL_CLIENT_ERROR_INVALID_INPUT));
  fuzz_check (g_utf8_validate (error->message, -1, NULL));
}

/* Digits only, with an optional leading "+", 7 to 15 of them */
static gboolean
is_sendable_phone (const char *phone)
{
  const char *digits = phone[0] == '+' ? phone + 1 : phone;
  gsize length = strlen (digits);

  if (length < 7 || length > 15)
    return FALSE;

  for (const char *p = digits; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  return TRUE;
}

static void
check_phone (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = vl_normalize_phone (text, &error);
  g_autofree char *again = NULL;
  g_autofree char *recipient = NULL;

  fuzz_check ((phone == NULL) != (error == NULL));
  if (phone == NULL)
    {
      check_error (error);
      return;
    }

  fuzz_check (is_sendable_phone (phone));

  again = vl_normalize_phone (phone, NULL);
  fuzz_check (g_strcmp0 (again, phone) == 0);

  recipient = vl_normalize_recipient (VL_INVITATION_TYPE_SMS, text, NULL);
  fuzz_check (g_strcmp0 (recipient, phone) == 0);
}

static void
check_email (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *email = vl_normalize_email (text, &error);
  g_autofree char *again = NULL;
  g_autofree char *recipient = NULL;

  fuzz_check ((email == NULL) != (error == NULL));
  if (email == NULL)
    {
      check_error (error);
      return;
    }

  fuzz_check (g_utf8_validate (email, -1, NULL));
  fuzz_check (strlen (email) <= 254);
  fuzz_check (strchr (email, '@') != NULL);
  fuzz_check (!g_ascii_isspace (email[0]));
  fuzz_check (!g_ascii_isspace (email[strlen (email) - 1]));

  again = vl_normalize_email (email, NULL);
  fuzz_check (g_strcmp0 (again, email) == 0);

  recipient = vl_normalize_recipient (VL_INVITATION_TYPE_EMAIL, text, NULL);
  fuzz_check (g_strcmp0 (recipient, email) == 0);
}

static void
check_links (const char *text)
{
  g_autoptr(GError) link_error = NULL;
  g_autoptr(GError) url_error = NULL;

  if (!vl_check_link (text, &link_error))
    check_error (link_error);
  else
    fuzz_check (g_ascii_strncasecmp (text, "http", 4) == 0);

  if (!vl_check_service_url (text, &url_error))
    check_error (url_error);
  else
    fuzz_check (g_ascii_strncasecmp (text, "http", 4) == 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_dup_text (data, size);

  fuzz_init ();

  check_phone (text);
  check_email (text);
  check_links (text);

  return 0;
}

/* marked.c: what check-translatable.py must and must not report. Never
 * compiled. Each mistake says so on its line; a line without the words
 * must give no finding.
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

static const GOptionEntry positional[] = {
  { "sms", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Invite a phone number"), N_("NUMBER") },
  { "email", 0, 0, G_OPTION_ARG_STRING, NULL,
    "Invite an e-mail address", /* expect: unmarked */
    "ADDRESS" }, /* expect: unmarked */
  { NULL }
};

static const GOptionEntry designated[] = {
  {
    .long_name = "demo",
    .description = "Use the demo backend", /* expect: unmarked */
  },
  {
    .long_name = "environment",
    .description = N_("Where calls go"),
    .arg_description = N_("NAME"),
  },
  { NULL }
};

static void
show (GtkLabel   *label,
      GtkWidget  *widget,
      GError    **error,
      gint64      n_calls,
      gboolean    done,
      const char *reason)
{
  /* gtk_label_set_text (label, "Inside a comment"); */
  gtk_label_set_text (label, _("Ready"));
  gtk_label_set_text (label, "Ready"); /* expect: unmarked */
  gtk_label_set_text (label, C_("state", "Ready"));
  gtk_label_set_text (label, done ? _("Done")
                                  : "Waiting"); /* expect: unmarked */
  gtk_label_set_text (label, g_object_get_data (G_OBJECT (label), "text"));
  gtk_label_set_text (label, "•");
  gtk_label_set_text (label, ngettext ("One call", "%d calls", n_calls));
  gtk_widget_set_tooltip_text (widget, g_strdup_printf (_("%s calls"), reason));
  gtk_widget_set_tooltip_text (widget,
                               g_strdup_printf ("Sent to %s", /* expect: unmarked */
                                                "nobody"));  /* expect: unmarked */
  gtk_widget_add_css_class (widget, "error");
  adw_toast_new ("%" G_GINT64_FORMAT " calls"); /* expect: unmarked */
  adw_toast_new (_("Saved"));
  g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_BAD_ANSWER,
               _("The answer could not be read: %s"), reason);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "%s “%s”: %s", "--sms", reason, reason);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "--metadata: %s", reason);
  g_set_error_literal (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_BAD_ANSWER,
                       "The answer could not be read"); /* expect: unmarked */
  g_printerr ("vision-live: %s\n", reason);
  g_printerr ("Run %s --help for the options\n", "x"); /* expect: unmarked */
  g_debug ("Not for the dispatcher's eyes");
  g_object_new (G_TYPE_OBJECT,
                "title", "Preferences", /* expect: unmarked */
                "icon-name", "dialog-password-symbolic",
                "subtitle", _("Accounts"),
                NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Recipient", /* expect: unmarked */
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Who gets the link"),
                                  -1);
}

/* window-util.h: helpers the window tests share
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>
#include <gtk/gtk.h>

#include "vl-application.h"
#include "vl-metadata-editor-private.h"
#include "vl-window-private.h"

G_BEGIN_DECLS

/* Gives pending idle work (a GTask returning, a signal) a chance to run. */
static inline void
settle (void)
{
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Types the call of XOi's integration guide into a new window's form. */
static inline void
fill_guide_example (VlWindow *window)
{
  VlMetadataEditor *editor = vl_window_get_metadata_editor (window);
  VlInvitationRow *row;

  g_assert_cmpuint (vl_window_get_n_invitations (window), ==, 1);
  row = vl_window_get_invitation (window, 0);
  g_assert_cmpint (vl_invitation_row_get_kind (row), ==,
                   VL_INVITATION_TYPE_SMS);
  vl_invitation_row_set_text (row, "(222) 333-4444");
  g_assert_cmpstr (vl_invitation_row_get_recipient (row), ==, "2223334444");

  gtk_editable_set_text (vl_window_get_namespace_editable (window),
                         "anamespace");
  gtk_editable_set_text (vl_window_get_work_order_id_editable (window),
                         "INTEG_ID");
  g_assert_nonnull (vl_metadata_editor_add_field (editor, "key", "VALUE"));
}

/* The form still holds what fill_guide_example() typed, as typed. */
static inline void
assert_form_kept (VlWindow *window)
{
  VlMetadataEditor *editor = vl_window_get_metadata_editor (window);
  GtkEditable *namespace_, *id;
  VlInvitationRow *row;
  VlMetadataRow *field;

  g_assert_cmpuint (vl_window_get_n_invitations (window), ==, 1);
  row = vl_window_get_invitation (window, 0);
  g_assert_cmpstr (vl_invitation_row_get_text (row), ==, "(222) 333-4444");
  namespace_ = vl_window_get_namespace_editable (window);
  g_assert_cmpstr (gtk_editable_get_text (namespace_), ==, "anamespace");
  id = vl_window_get_work_order_id_editable (window);
  g_assert_cmpstr (gtk_editable_get_text (id), ==, "INTEG_ID");
  g_assert_cmpuint (vl_metadata_editor_get_n_fields (editor), ==, 1);
  field = vl_metadata_editor_get_field (editor, 0);
  g_assert_cmpstr (vl_metadata_row_get_key (field), ==, "key");
  g_assert_cmpstr (vl_metadata_row_get_value (field), ==, "VALUE");
}

/* GTK warns when it finds no session bus, which is how the window tests
 * run unless they are given one. Everything else goes to the default
 * writer, and stays fatal.
 */
static inline GLogWriterOutput
write_log (GLogLevelFlags   log_level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }

  if ((log_level & G_LOG_LEVEL_WARNING) != 0 &&
      g_strcmp0 (domain, "Gtk") == 0 && message != NULL &&
      g_str_has_prefix (message, "Unable to acquire session bus"))
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* g_test_init() and gtk_init_check() for a window test. Returns FALSE,
 * having reported a skip, when there is no display to test with.
 */
static inline gboolean
init_window_test (int    *argc,
                  char ***argv)
{
  /* Without a session bus given, X11 would autolaunch one that outlives
   * the test; an address that cannot work makes the application go on
   * without one instead (run it under dbus-run-session to have one).
   */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "disabled:", FALSE);

  g_log_set_writer_func (write_log, NULL, NULL);
  g_test_init (argc, argv, NULL);
  /* Out of the TAP stream, whatever G_MESSAGES_DEBUG turns on */
  g_log_writer_default_set_use_stderr (TRUE);

  if (!gtk_init_check ())
    {
      /* Print the TAP plan by hand: there is no display to test with. */
      /* Under TAP, a plan of no tests with SKIP is a skip; exit 77
       * would count as an error. */
      printf ("1..0 # SKIP no display to open windows on\n");
      return FALSE;
    }

  return TRUE;
}

/* One application for the whole test program, registered but never run:
 * each test makes its own window. Call after gtk_init_check().
 */
static inline VlApplication *
new_test_application (void)
{
  g_autoptr(GError) error = NULL;
  VlApplication *app;

  adw_init ();

  app = vl_application_new ();

  /* Never unique: a test must not find or become another instance. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) |
                           G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Could not register the application: %s", error->message);

  return app;
}

G_END_DECLS

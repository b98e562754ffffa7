/* vl-window-private.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vl-call-view.h"
#include "vl-history-pane.h"
#include "vl-invitation-row.h"
#include "vl-metadata-editor.h"
#include "vl-window.h"

G_BEGIN_DECLS

/* The parts of the window the tests drive and read. */
guint             vl_window_get_n_invitations   (VlWindow *self);
VlInvitationRow  *vl_window_get_invitation      (VlWindow *self,
                                                 guint     position);
VlInvitationRow  *vl_window_add_invitation      (VlWindow *self);
GtkEditable      *vl_window_get_namespace_editable (VlWindow *self);
GtkEditable      *vl_window_get_work_order_id_editable (VlWindow *self);
VlMetadataEditor *vl_window_get_metadata_editor (VlWindow *self);
VlCallView       *vl_window_get_call_view       (VlWindow *self);
GtkWidget        *vl_window_get_start_button    (VlWindow *self);
GtkWidget        *vl_window_get_form_pane       (VlWindow *self);
GtkMenuButton    *vl_window_get_menu_button     (VlWindow *self);
GtkWidget        *vl_window_get_header_bar      (VlWindow *self);
GtkWidget        *vl_window_get_status_label    (VlWindow *self);
GtkEditable      *vl_window_get_lookup_editable (VlWindow *self);

/* Why "Start Call" is disabled, or %NULL. */
const char       *vl_window_get_blocker         (VlWindow *self);
/* The error shown next to "Start Call", or %NULL. */
const char       *vl_window_get_request_error   (VlWindow *self);
/* The "Open Preferences" button of that error. */
GtkWidget        *vl_window_get_preferences_button (VlWindow *self);
/* The environment indicator in the header bar. */
GtkLabel         *vl_window_get_environment_label (VlWindow *self);
/* The error shown under the call id lookup, or %NULL. */
const char       *vl_window_get_lookup_error    (VlWindow *self);
gboolean          vl_window_get_busy            (VlWindow *self);
/* The toast that offers back the form a link or New Call replaced, or
 * %NULL.
 */
AdwToast         *vl_window_get_undo_toast      (VlWindow *self);
/* The dialog that says why a link was refused, or %NULL. */
AdwMessageDialog *vl_window_get_link_dialog     (VlWindow *self);

/* The history sidebar, whether it is shown, and the toast that offers a
 * removed call back, or %NULL.
 */
VlHistoryPane    *vl_window_get_history_pane    (VlWindow *self);
gboolean          vl_window_get_history_revealed (VlWindow *self);
gboolean          vl_window_get_history_folded  (VlWindow *self);
AdwToast         *vl_window_get_remove_toast    (VlWindow *self);
/* The toast that says the browser would not take a link, or %NULL */
AdwToast         *vl_window_get_link_toast      (VlWindow *self);
/* The shortcuts window, once it was shown, or %NULL */
GtkWindow        *vl_window_get_shortcuts_window (VlWindow *self);
/* Opens the history now rather than after the first frame. */
void              vl_window_load_history        (VlWindow *self);

G_END_DECLS

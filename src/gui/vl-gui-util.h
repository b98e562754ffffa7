/* vl-gui-util.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vl-environment.h"
#include "vl-invitation.h"

G_BEGIN_DECLS

/* What a dispatcher reads for each invitation type ("SMS", "E-mail"). */
const char *vl_invitation_type_get_label (VlInvitationType  type);

/* What a dispatcher reads for an environment name ("Testing" for
 * "testing"); a name from elsewhere that is none of them, as it is.
 */
char       *vl_environment_dup_label     (const char       *environment);

/* Gives an environment badge (.environment-badge) the colour of
 * @environment.
 */
void        vl_gui_set_environment_class (GtkWidget        *badge,
                                          VlEnvironment     environment);

/* A toast that shows @title as it is: libadwaita reads toast titles as
 * markup, and messages from the service or the system are not.
 */
AdwToast   *vl_gui_toast_new_plain       (const char       *title);

/* Shows a passing message in the toast overlay around @widget, if any. */
void        vl_gui_show_toast            (GtkWidget        *widget,
                                          const char       *title);

/* Sets or clears the error look and the accessible "invalid" state. */
void        vl_gui_set_invalid           (GtkWidget        *widget,
                                          gboolean          invalid);

G_END_DECLS

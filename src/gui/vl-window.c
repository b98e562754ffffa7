/* vl-window.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vl-call-view.h"
#include "vl-error.h"
#include "vl-gui-util.h"
#include "vl-history-pane.h"
#include "vl-invitation-row.h"
#include "vl-json.h"
#include "vl-metadata-editor.h"
#include "vl-validate.h"
#include "vl-window-private.h"

/* How long the form replaced by a link or by New Call can be had back */
#define UNDO_TIMEOUT_SECONDS 10

/* How long a link that could not be opened is offered for copying */
#define LINK_TOAST_TIMEOUT_SECONDS 10

/* The form as typed, invalid parts included: the invitations (type and
 * text), namespace, id, whether the metadata is raw JSON, its JSON text
 * and its fields (key and value).
 */
#define FORM_STATE_FORMAT "(a(us)ssbsa(ss))"

/* Where the error shown next to "Start Call" comes from: it goes away
 * when its cause does.
 */
typedef enum
{
  ERROR_SOURCE_NONE,
  ERROR_SOURCE_REQUEST,
  ERROR_SOURCE_CLIENT,
  ERROR_SOURCE_CREDENTIALS,
} ErrorSource;

struct _VlWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  GtkWidget            *history_button;
  GtkWidget            *back_button;
  GtkWidget            *show_call_button;
  GtkMenuButton        *lookup_button;
  GtkEntry             *lookup_entry;
  GtkWidget            *lookup_status_box;
  GtkSpinner           *lookup_spinner;
  GtkLabel             *lookup_error_label;
  GtkLabel             *environment_label;
  AdwToastOverlay      *toast_overlay;
  AdwFlap              *flap;
  VlHistoryPane        *history_pane;
  AdwLeaflet           *leaflet;
  GtkWidget            *form_pane;
  GtkMenuButton        *menu_button;
  GtkWidget            *header_bar;
  GtkWidget            *window_title;
  GMenuModel           *primary_menu;
  GtkWidget            *form_content;
  AdwPreferencesGroup  *invitations_group;
  AdwEntryRow          *namespace_row;
  AdwEntryRow          *work_order_id_row;
  GtkWidget            *work_order_message;
  gboolean              work_order_waits;
  VlMetadataEditor     *metadata_editor;
  GtkWidget            *error_box;
  GtkLabel             *error_label;
  GtkWidget            *preferences_button;
  GtkSpinner           *spinner;
  GtkLabel             *status_label;
  GtkWidget            *start_button;
  GtkWidget            *cancel_button;
  GtkStack             *action_stack;
  VlCallView           *call_view;

  /* Not owned: the application outlives its windows */
  VlApplication        *application;
  VlClient             *client;

  /* The VlInvitationRow of the form, in order (owned) */
  GPtrArray            *invitation_rows;

  /* Each is set while its request runs, and cancelled in dispose */
  GCancellable         *prepare_cancellable;
  GCancellable         *lookup_cancellable;
  GCancellable         *refresh_cancellable;
  /* Cancels whatever is still opening a link when the window goes */
  GCancellable         *lifetime_cancellable;

  char                 *blocker;
  char                 *request_error;
  char                 *lookup_error;

  /* The content the form had when it was last sent or filled in from a
   * link (FORM_STATE_FORMAT): the dispatcher can have it again without
   * typing it, so replacing it needs no undo.
   */
  GVariant             *saved_form;
  /* The toast that offers the replaced form back, while it is shown */
  AdwToast             *undo_toast;

  /* A link that came while a call was being started, and the idle
   * source that fills it in once that is over.
   */
  VlCall               *pending_draft;
  guint                 pending_source;

  /* The application's history, once the idle source after the first
   * frame has opened it; %NULL when it could not be opened.
   */
  VlHistory            *history;
  guint                 history_source;
  gboolean              history_loaded;
  /* Updates the header bar once the window has folded or unfolded */
  guint                 navigation_source;
  /* Why the last refresh failed, until the next one */
  char                 *refresh_error;
  /* The toast that offers a removed call back, while it is shown */
  AdwToast             *remove_toast;
  /* The toasts that say a link could not be opened, that the history
   * could not take a change, and that a call was refreshed (weak)
   */
  AdwToast             *link_toast;
  AdwToast             *history_toast;
  AdwToast             *refresh_toast;

  /* Built the first time it is asked for */
  GtkWindow            *shortcuts_window;

  /* The dialog that says why a link was refused (weak) */
  GtkWindow            *link_dialog;

  /* What the error next to "Start Call" is about, and the environment
   * whose preferences its button opens.
   */
  ErrorSource           error_source;
  VlEnvironment         error_environment;
  gboolean              error_offers_preferences;
};

G_DEFINE_FINAL_TYPE (VlWindow, vl_window, ADW_TYPE_APPLICATION_WINDOW)

/* What a request callback needs: the window, the cancellable of that very
 * request (to tell whether it is still the one the window waits for) and,
 * when a link is being opened, the link, or when a call is being
 * prepared, the form it was made from.
 */
typedef struct
{
  VlWindow     *self;
  GCancellable *cancellable;
  char         *uri;
  GVariant     *form;
} Request;

static Request *
request_new (VlWindow     *self,
             GCancellable *cancellable)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (cancellable);

  return request;
}

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_object_unref (request->cancellable);
  g_free (request->uri);
  g_clear_pointer (&request->form, g_variant_unref);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* Form state */

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    {
      if (!g_ascii_isspace (*text))
        return FALSE;
    }

  return TRUE;
}

/* Whether the focus is in the namespace or the ID of the work order */
static gboolean
is_in_work_order (VlWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL &&
         (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->namespace_row)) ||
          gtk_widget_is_ancestor (focus,
                                  GTK_WIDGET (self->work_order_id_row)));
}

/* Why the work order cannot be sent, shown under it too; %NULL when it
 * can.
 */
static char *
check_work_order (VlWindow *self)
{
  GtkEditable *namespace_ = GTK_EDITABLE (self->namespace_row);
  GtkEditable *id = GTK_EDITABLE (self->work_order_id_row);
  g_autofree char *namespace_value = NULL;
  g_autofree char *id_value = NULL;
  g_autoptr(GError) namespace_error = NULL;
  g_autoptr(GError) id_error = NULL;
  gboolean half = FALSE;
  char *problem = NULL;

  namespace_value = vl_normalize_work_order_part (
    gtk_editable_get_text (namespace_), &namespace_error);
  id_value = vl_normalize_work_order_part (gtk_editable_get_text (id),
                                           &id_error);

  if (namespace_error != NULL)
    /* Translators: %s says what is wrong with it */
    problem = g_strdup_printf (_("Namespace: %s"), namespace_error->message);
  else if (id_error != NULL)
    /* Translators: the ID of a work order; %s says what is wrong with it */
    problem = g_strdup_printf (_("Work order ID: %s"), id_error->message);
  else if ((*namespace_value == '\0') != (*id_value == '\0'))
    half = TRUE;

  if (half)
    problem = g_strdup (_("Enter both the namespace and the ID of the work "
                          "order, or neither"));

  /* Half a work order is not marked while the dispatcher is still in it:
   * the other half is likely what comes next. Start Call says why it
   * waits all the same.
   */
  self->work_order_waits = half && is_in_work_order (self);
  if (self->work_order_waits)
    half = FALSE;

  /* The field to fix: the one that is wrong, or the one that is missing */
  vl_gui_set_invalid (GTK_WIDGET (self->namespace_row),
                      namespace_error != NULL ||
                      (half && *namespace_value == '\0'));
  vl_gui_set_invalid (GTK_WIDGET (self->work_order_id_row),
                      id_error != NULL || (half && *id_value == '\0'));

  gtk_label_set_text (GTK_LABEL (self->work_order_message),
                      problem ? problem : "");
  gtk_widget_set_visible (self->work_order_message,
                          problem != NULL && !self->work_order_waits);

  return problem;
}

/* The first thing, in the order of the form, that keeps the call from
 * being started; %NULL when nothing does.
 */
static char *
find_blocker (VlWindow *self)
{
  g_autofree char *work_order_problem = NULL;
  const char *problem;

  /* Checked first so that its inline message shows whatever else is
   * wrong.
   */
  work_order_problem = check_work_order (self);

  if (self->client == NULL)
    {
      const char *problem = NULL;

      if (self->application != NULL)
        problem = vl_application_get_client_problem (self->application);

      return g_strdup (problem ? problem
                               : _("There is no service to send the call to"));
    }

  for (guint i = 0; i < self->invitation_rows->len; i++)
    {
      VlInvitationRow *row = g_ptr_array_index (self->invitation_rows, i);

      problem = vl_invitation_row_get_problem (row);
      if (problem != NULL)
        /* Translators: %u is the number of an invitation in the form, %s
         * says what is wrong with it */
        return g_strdup_printf (_("Invitation %u: %s"), i + 1, problem);

      if (vl_invitation_row_is_empty (row))
        /* Translators: %u is the number of an invitation in the form */
        return g_strdup_printf (_("Invitation %u needs a recipient"), i + 1);

      /* The same person twice would get two messages. */
      for (guint j = 0; j < i; j++)
        {
          VlInvitationRow *other = g_ptr_array_index (self->invitation_rows,
                                                      j);

          if (vl_invitation_row_get_kind (other) ==
              vl_invitation_row_get_kind (row) &&
              g_strcmp0 (vl_invitation_row_get_recipient (other),
                         vl_invitation_row_get_recipient (row)) == 0)
            /* Translators: both are numbers of invitations in the form */
            return g_strdup_printf (_("Invitation %u is the same as "
                                      "invitation %u"), i + 1, j + 1);
        }
    }

  if (work_order_problem != NULL)
    return g_steal_pointer (&work_order_problem);

  problem = vl_metadata_editor_get_problem (self->metadata_editor);
  if (problem != NULL)
    return g_strdup (problem);

  return NULL;
}

static gboolean
is_preparing (VlWindow *self)
{
  return self->prepare_cancellable != NULL;
}

static gboolean
is_looking_up (VlWindow *self)
{
  return self->lookup_cancellable != NULL;
}

static void update_call_actions (VlWindow *self);

static void
update_actions (VlWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean preparing = is_preparing (self);
  const char *lookup_text;
  gboolean has_call;

  gtk_widget_action_set_enabled (widget, "win.start-call",
                                 self->blocker == NULL && !preparing);
  gtk_widget_action_set_enabled (widget, "win.cancel-request", preparing);
  gtk_widget_action_set_enabled (widget, "win.new-call", !preparing);
  gtk_widget_action_set_enabled (widget, "win.add-invitation", !preparing);

  lookup_text = gtk_editable_get_text (GTK_EDITABLE (self->lookup_entry));
  gtk_widget_action_set_enabled (widget, "win.lookup-call",
                                 self->client != NULL &&
                                 !is_looking_up (self) &&
                                 !is_blank (lookup_text));

  has_call = vl_call_view_get_call (self->call_view) != NULL;
  gtk_widget_action_set_enabled (widget, "win.show-call", has_call);

  update_call_actions (self);
}

static void
update_status (VlWindow *self)
{
  if (is_preparing (self))
    gtk_label_set_text (self->status_label, _("Preparing the call…"));
  else
    gtk_label_set_text (self->status_label,
                        self->blocker ? self->blocker : "");

  /* A narrow pane can still cut a long reason short. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label),
                               self->blocker);

  gtk_widget_set_tooltip_text (self->start_button,
                               self->blocker ? self->blocker
                                             : _("Prepare the call and open "
                                                 "it in the browser"));
}

static void
update_form_state (VlWindow *self)
{
  g_free (self->blocker);
  self->blocker = find_blocker (self);

  update_actions (self);
  update_status (self);
}

static void
on_form_changed (VlWindow *self)
{
  update_form_state (self);
}

/* Invitations */

static void
number_invitations (VlWindow *self)
{
  for (guint i = 0; i < self->invitation_rows->len; i++)
    {
      g_autofree char *title = NULL;

      /* Translators: the title of an invitation row, %u is its number */
      title = g_strdup_printf (_("Invitation %u"), i + 1);
      adw_preferences_row_set_title (g_ptr_array_index (self->invitation_rows,
                                                        i),
                                     title);
    }
}

static void
on_invitation_remove (VlWindow        *self,
                      VlInvitationRow *row)
{
  guint position;

  if (!g_ptr_array_find (self->invitation_rows, row, &position))
    return;

  adw_preferences_group_remove (self->invitations_group, GTK_WIDGET (row));
  g_ptr_array_remove_index (self->invitation_rows, position);

  /* Keep the keyboard focus near the row that went away. */
  if (self->invitation_rows->len > 0)
    {
      VlInvitationRow *next;

      position = MIN (position, self->invitation_rows->len - 1);
      next = g_ptr_array_index (self->invitation_rows, position);
      gtk_widget_grab_focus (GTK_WIDGET (vl_invitation_row_get_editable (next)));
    }

  number_invitations (self);
  update_form_state (self);
}

static VlInvitationRow *
add_invitation (VlWindow *self)
{
  VlInvitationRow *row = VL_INVITATION_ROW (vl_invitation_row_new ());

  /* A new invitation is most likely of the same kind as the last one. */
  if (self->invitation_rows->len > 0)
    {
      VlInvitationRow *last = g_ptr_array_index (self->invitation_rows,
                                                 self->invitation_rows->len - 1);

      vl_invitation_row_set_kind (row, vl_invitation_row_get_kind (last));
    }

  g_signal_connect_object (row, "changed",
                           G_CALLBACK (on_form_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove",
                           G_CALLBACK (on_invitation_remove), self,
                           G_CONNECT_SWAPPED);

  g_ptr_array_add (self->invitation_rows, g_object_ref (row));
  adw_preferences_group_add (self->invitations_group, GTK_WIDGET (row));

  number_invitations (self);
  update_form_state (self);

  return row;
}

static void
add_invitation_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  VlInvitationRow *row = add_invitation (VL_WINDOW (widget));

  gtk_widget_grab_focus (GTK_WIDGET (vl_invitation_row_get_editable (row)));
}

/* Showing results */

static void
show_toast (VlWindow *self,
            AdwToast *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Shows @toast in place of the one @slot points to, if that is still
 * shown, so that the same news never piles up; @slot is a weak pointer.
 */
static void
replace_toast (VlWindow  *self,
               AdwToast **slot,
               AdwToast  *toast)
{
  if (*slot != NULL)
    adw_toast_dismiss (*slot);

  g_set_weak_pointer (slot, toast);
  show_toast (self, toast);
}

/* Shows @message next to "Start Call", with a button to the preferences
 * of the environment in use when @offer_preferences is set.
 */
static void
show_error (VlWindow    *self,
            ErrorSource  source,
            const char  *message,
            gboolean     offer_preferences)
{
  if (message == NULL)
    source = ERROR_SOURCE_NONE;

  g_free (self->request_error);
  self->request_error = g_strdup (message);
  self->error_source = source;
  if (self->application != NULL)
    self->error_environment =
      vl_application_get_environment (self->application);

  self->error_offers_preferences = message != NULL && offer_preferences;

  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (self->error_box, message != NULL);
  gtk_widget_set_visible (self->preferences_button,
                          message != NULL && offer_preferences);
}

static void
set_request_error (VlWindow   *self,
                   const char *message)
{
  show_error (self, ERROR_SOURCE_REQUEST, message, FALSE);
}

static void
update_navigation (VlWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gboolean on_call;

  on_call = adw_leaflet_get_visible_child (self->leaflet) ==
            GTK_WIDGET (self->call_view);

  gtk_widget_set_visible (self->back_button, folded && on_call);
  /* Room for the back and forward buttons in a window 360 pixels wide;
   * the lookup stays in the main menu, and on Ctrl+O.
   */
  gtk_widget_set_visible (GTK_WIDGET (self->lookup_button), !folded);
  /* The application's name gives way too, so that the title, which keeps
   * the environment's badge, is not drawn over the buttons.
   */
  gtk_widget_set_visible (self->window_title, !folded);
  gtk_widget_set_visible (self->show_call_button,
                          folded && !on_call &&
                          vl_call_view_get_call (self->call_view) != NULL);
}

static void
on_leaflet_changed (VlWindow *self)
{
  update_navigation (self);
}

static gboolean
update_navigation_cb (gpointer user_data)
{
  VlWindow *self = VL_WINDOW (user_data);

  self->navigation_source = 0;
  update_navigation (self);

  return G_SOURCE_REMOVE;
}

/* The leaflet folds while the window is being laid out: the header bar
 * changes its buttons after that, not in the middle of it.
 */
static void
on_leaflet_folded_changed (VlWindow *self)
{
  if (self->navigation_source == 0)
    self->navigation_source = g_idle_add (update_navigation_cb, self);
}

static gboolean is_refreshing (VlWindow *self);

static void
show_call (VlWindow *self,
           VlCall   *call)
{
  VlCall *shown = vl_call_view_get_call (self->call_view);

  /* A refresh, and its failure, are about the call they were for. */
  if (shown == NULL ||
      g_strcmp0 (vl_call_get_id (shown), vl_call_get_id (call)) != 0)
    {
      g_clear_pointer (&self->refresh_error, g_free);
      if (is_refreshing (self))
        {
          g_cancellable_cancel (self->refresh_cancellable);
          g_clear_object (&self->refresh_cancellable);
        }
    }

  vl_call_view_set_call (self->call_view, call);
  vl_history_pane_select_call (self->history_pane, vl_call_get_id (call));
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->call_view));

  update_actions (self);
  update_navigation (self);
}

/* The history */

static void
show_history (VlWindow *self)
{
  const char *set_aside_path = NULL;
  VlHistory *history;
  const char *problem;

  g_clear_handle_id (&self->history_source, g_source_remove);
  if (self->application == NULL)
    return;

  self->history_loaded = TRUE;

  history = vl_application_get_history (self->application, &set_aside_path);
  g_set_object (&self->history, history);

  if (history == NULL)
    {
      problem = vl_application_get_history_problem (self->application);
      vl_history_pane_set_problem (self->history_pane, problem);
    }
  else
    {
      vl_history_pane_set_history (self->history_pane, history);
    }

  if (set_aside_path != NULL)
    {
      g_autofree char *title = NULL;
      AdwToast *toast;

      /* Translators: %s is the path of a file */
      title = g_strdup_printf (_("The call history could not be read. It "
                                 "was kept as %s and a new one was "
                                 "started."), set_aside_path);
      toast = vl_gui_toast_new_plain (title);
      adw_toast_set_timeout (toast, 0);
      show_toast (self, toast);
    }

  update_actions (self);
}

static gboolean
show_history_cb (gpointer user_data)
{
  VlWindow *self = VL_WINDOW (user_data);

  self->history_source = 0;
  show_history (self);

  return G_SOURCE_REMOVE;
}

/* Opening the database waits until the first frame is on screen. */
static gboolean
on_first_frame (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  VlWindow *self = VL_WINDOW (widget);

  if (!self->history_loaded && self->history_source == 0)
    self->history_source = g_idle_add_full (G_PRIORITY_LOW, show_history_cb,
                                            self, NULL);

  return G_SOURCE_REMOVE;
}

static VlHistory *
ensure_history (VlWindow *self)
{
  if (!self->history_loaded && self->application != NULL)
    show_history (self);

  return self->history;
}

/* Every call the service returns is stored before anything else is done
 * with it, so that its link can be found again whatever fails next.
 */
static void
remember_call (VlWindow *self,
               VlCall   *call)
{
  VlHistory *history = ensure_history (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (history == NULL || vl_history_save (history, call, &error))
    return;

  /* Translators: %s says why */
  title = g_strdup_printf (_("The call was not saved in the history: %s"),
                           error->message);
  toast = vl_gui_toast_new_plain (title);
  adw_toast_set_timeout (toast, 0);
  replace_toast (self, &self->history_toast, toast);
}

/* Enter starts the call only from the form. Start Call stays the default
 * widget elsewhere, and Enter on Remove from History or on a row of the
 * history would send invitations.
 */
static void
on_focus_widget_changed (VlWindow   *self,
                         GParamSpec *pspec,
                         gpointer    user_data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean in_form;

  in_form = focus != NULL && gtk_widget_is_ancestor (focus, self->form_pane);
  gtk_window_set_default_widget (GTK_WINDOW (self),
                                 in_form ? self->start_button : NULL);

  /* Out of a half-typed work order: now it is marked. */
  if (self->work_order_waits && !is_in_work_order (self))
    update_form_state (self);
}

/* Calls the command line saved meanwhile show up when the window comes
 * back to the front, and "5 minutes ago" is worked out again: no timer
 * wakes the application while it waits.
 */
static void
on_is_active_changed (VlWindow   *self,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  if (self->history == NULL || !gtk_window_is_active (GTK_WINDOW (self)))
    return;

  vl_history_check_other_changes (self->history);
  vl_history_pane_update_times (self->history_pane);
}

static void
on_history_pane_call_activated (VlWindow *self,
                                VlCall   *call)
{
  show_call (self, call);
}

static void
on_history_pane_call_picked (VlWindow *self)
{
  /* A narrow window shows one pane at a time: the call now. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

/* Opening links */

static void
link_opened_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  VlWindow *self = request->self;
  AdwToast *toast;

  if (vl_application_open_uri_finish (VL_APPLICATION (source), result, &error))
    return;

  if (g_cancellable_is_cancelled (request->cancellable) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A link that fails the check is not offered for copying either. */
  if (error->domain == VL_CLIENT_ERROR)
    {
      toast = vl_gui_toast_new_plain (error->message);
    }
  else
    {
      g_autofree char *title = NULL;

      g_debug ("Could not open %s: %s", request->uri, error->message);
      /* Translators: %s is the system's reason */
      title = g_strdup_printf (_("Could not open the link in a browser: %s"),
                               error->message);
      toast = vl_gui_toast_new_plain (title);
      adw_toast_set_button_label (toast, _("Copy Link"));
      adw_toast_set_action_name (toast, "win.copy-link");
      adw_toast_set_action_target (toast, "s", request->uri);
    }

  /* The link stays in the call view, with Open and Copy: the toast goes
   * in its own time, and a second failure replaces it.
   */
  adw_toast_set_timeout (toast, LINK_TOAST_TIMEOUT_SECONDS);
  replace_toast (self, &self->link_toast, toast);
}

static void
open_link (VlWindow   *self,
           const char *uri)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  Request *request;

  if (!VL_IS_APPLICATION (app))
    return;

  request = request_new (self, self->lifetime_cancellable);
  request->uri = g_strdup (uri);

  vl_application_open_uri_async (VL_APPLICATION (app), GTK_WINDOW (self), uri,
                                 self->lifetime_cancellable,
                                 link_opened_cb, request);
}

static void
on_call_view_open_link (VlWindow   *self,
                        const char *uri)
{
  open_link (self, uri);
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VlWindow *self = VL_WINDOW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          g_variant_get_string (parameter, NULL));
  show_toast (self, adw_toast_new (_("Link copied")));
}

/* Replacing the form */

static void show_problems (VlWindow *self);

static gboolean
fields_are_blank (VlMetadataEditor *editor)
{
  guint n_fields = vl_metadata_editor_get_n_fields (editor);

  for (guint i = 0; i < n_fields; i++)
    {
      if (!vl_metadata_row_is_blank (vl_metadata_editor_get_field (editor,
                                                                   i)))
        return FALSE;
    }

  return TRUE;
}

/* Whether nothing at all is typed in, even something not valid. */
static gboolean
form_is_blank (VlWindow *self)
{
  VlMetadataEditor *editor = self->metadata_editor;
  GtkEditable *namespace_ = GTK_EDITABLE (self->namespace_row);
  GtkEditable *id = GTK_EDITABLE (self->work_order_id_row);

  for (guint i = 0; i < self->invitation_rows->len; i++)
    {
      VlInvitationRow *row = g_ptr_array_index (self->invitation_rows, i);

      if (!is_blank (vl_invitation_row_get_text (row)))
        return FALSE;
    }

  if (!is_blank (gtk_editable_get_text (namespace_)) ||
      !is_blank (gtk_editable_get_text (id)))
    return FALSE;

  if (vl_metadata_editor_get_raw (editor))
    {
      g_autofree char *text = vl_metadata_editor_dup_json_text (editor);

      return is_blank (text);
    }

  return fields_are_blank (editor);
}

/* The form exactly as typed, to compare or to put back. */
static GVariant *
capture_form (VlWindow *self)
{
  VlMetadataEditor *editor = self->metadata_editor;
  GtkEditable *namespace_ = GTK_EDITABLE (self->namespace_row);
  GtkEditable *id = GTK_EDITABLE (self->work_order_id_row);
  gboolean raw = vl_metadata_editor_get_raw (editor);
  g_autofree char *json = NULL;
  GVariantBuilder invitations;
  GVariantBuilder fields;

  g_variant_builder_init (&invitations, G_VARIANT_TYPE ("a(us)"));
  for (guint i = 0; i < self->invitation_rows->len; i++)
    {
      VlInvitationRow *row = g_ptr_array_index (self->invitation_rows, i);

      g_variant_builder_add (&invitations, "(us)",
                             (guint32) vl_invitation_row_get_kind (row),
                             vl_invitation_row_get_text (row));
    }

  g_variant_builder_init (&fields, G_VARIANT_TYPE ("a(ss)"));
  if (raw)
    {
      json = vl_metadata_editor_dup_json_text (editor);
    }
  else
    {
      for (guint i = 0; i < vl_metadata_editor_get_n_fields (editor); i++)
        {
          VlMetadataRow *field = vl_metadata_editor_get_field (editor, i);

          g_variant_builder_add (&fields, "(ss)",
                                 vl_metadata_row_get_key (field),
                                 vl_metadata_row_get_value (field));
        }
    }

  return g_variant_ref_sink (
    g_variant_new (FORM_STATE_FORMAT,
                   &invitations,
                   gtk_editable_get_text (namespace_),
                   gtk_editable_get_text (id),
                   raw,
                   json != NULL ? json : "",
                   &fields));
}

/* Whether replacing the form would lose something the dispatcher typed
 * and has not sent.
 */
static gboolean
has_unsent_content (VlWindow *self)
{
  g_autoptr(GVariant) form = NULL;

  if (form_is_blank (self))
    return FALSE;

  if (self->saved_form == NULL)
    return TRUE;

  form = capture_form (self);

  return !g_variant_equal (form, self->saved_form);
}

/* Empties the form, down to no invitation at all. */
static void
clear_form (VlWindow *self)
{
  for (guint i = 0; i < self->invitation_rows->len; i++)
    adw_preferences_group_remove (self->invitations_group,
                                  g_ptr_array_index (self->invitation_rows, i));
  g_ptr_array_set_size (self->invitation_rows, 0);

  gtk_editable_set_text (GTK_EDITABLE (self->namespace_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->work_order_id_row), "");
  vl_metadata_editor_clear (self->metadata_editor);
}

static VlInvitationRow *
append_invitation (VlWindow         *self,
                   VlInvitationType  kind,
                   const char       *text)
{
  VlInvitationRow *row = add_invitation (self);

  vl_invitation_row_set_kind (row, kind);
  vl_invitation_row_set_text (row, text);

  return row;
}

static void
restore_form (VlWindow *self,
              GVariant *form)
{
  g_autoptr(GVariantIter) invitations = NULL;
  g_autoptr(GVariantIter) fields = NULL;
  const char *namespace_, *id, *json, *text, *key, *value;
  guint32 kind;
  gboolean raw;

  g_variant_get (form, "(a(us)&s&sb&sa(ss))",
                 &invitations, &namespace_, &id, &raw, &json, &fields);

  clear_form (self);

  while (g_variant_iter_next (invitations, "(u&s)", &kind, &text))
    append_invitation (self, kind, text);
  if (self->invitation_rows->len == 0)
    add_invitation (self);

  gtk_editable_set_text (GTK_EDITABLE (self->namespace_row), namespace_);
  gtk_editable_set_text (GTK_EDITABLE (self->work_order_id_row), id);

  if (raw)
    vl_metadata_editor_set_json_text (self->metadata_editor, json);

  while (g_variant_iter_next (fields, "(&s&s)", &key, &value))
    vl_metadata_editor_add_field (self->metadata_editor, key, value);
}

static gboolean
holds_only_text (JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      if (!JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_STRING)
        return FALSE;
    }

  return TRUE;
}

/* Metadata whose values are all text becomes fields; anything else is
 * shown as raw JSON, as the Raw JSON switch would.
 */
static void
load_metadata (VlWindow *self,
               VlCall   *draft)
{
  JsonObject *object = vl_call_get_metadata (draft);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree char *text = NULL;

  if (object == NULL)
    {
      if (vl_call_get_metadata_json (draft) != NULL)
        vl_metadata_editor_set_json_text (self->metadata_editor,
                                          vl_call_get_metadata_json (draft));
      return;
    }

  if (!holds_only_text (object))
    {
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, object);
      text = vl_json_to_string (node, TRUE);
      vl_metadata_editor_set_json_text (self->metadata_editor, text);
      return;
    }

  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    vl_metadata_editor_add_field (self->metadata_editor, l->data,
                                  json_object_get_string_member (object,
                                                                 l->data));
}

static void
fill_form (VlWindow *self,
           VlCall   *draft)
{
  GListModel *invitations = vl_call_get_invitations (draft);
  guint n_invitations = g_list_model_get_n_items (invitations);

  for (guint i = 0; i < n_invitations; i++)
    {
      g_autoptr(VlInvitation) invitation = NULL;

      invitation = g_list_model_get_item (invitations, i);
      append_invitation (self, vl_invitation_get_kind (invitation),
                         vl_invitation_get_recipient (invitation));
    }
  if (self->invitation_rows->len == 0)
    add_invitation (self);

  if (vl_call_has_integration (draft))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->namespace_row),
                             vl_call_get_integration_namespace (draft));
      gtk_editable_set_text (GTK_EDITABLE (self->work_order_id_row),
                             vl_call_get_integration_id (draft));
    }

  load_metadata (self, draft);
}

static void
focus_first_invitation (VlWindow *self)
{
  VlInvitationRow *row;
  GtkEditable *editable;

  /* The dispatcher may have removed them all. */
  if (self->invitation_rows->len == 0)
    add_invitation (self);

  row = g_ptr_array_index (self->invitation_rows, 0);
  editable = vl_invitation_row_get_editable (row);

  adw_leaflet_set_visible_child (self->leaflet, self->form_pane);
  gtk_widget_grab_focus (GTK_WIDGET (editable));

  /* Focus selects the text: a stray key would then replace what is there
   * to be checked.
   */
  gtk_editable_set_position (editable, -1);
}

static void
on_undo_toast_button_clicked (VlWindow *self,
                              AdwToast *toast)
{
  GVariant *form = g_object_get_data (G_OBJECT (toast), "vl-form");

  if (form == NULL)
    return;

  restore_form (self, form);
  focus_first_invitation (self);
}

static void
on_undo_toast_dismissed (VlWindow *self,
                         AdwToast *toast)
{
  if (self->undo_toast == toast)
    g_clear_object (&self->undo_toast);
}

/* Offers @form back in a toast, in place of any form offered before. */
static void
offer_undo (VlWindow   *self,
            GVariant   *form,
            const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  g_clear_object (&self->undo_toast);

  /* Kept on the toast itself: it does not matter whether the toast is
   * dismissed before or after its button says it was clicked.
   */
  g_object_set_data_full (G_OBJECT (toast), "vl-form", g_variant_ref (form),
                          (GDestroyNotify) g_variant_unref);
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_timeout (toast, UNDO_TIMEOUT_SECONDS);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (on_undo_toast_button_clicked), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed",
                           G_CALLBACK (on_undo_toast_dismissed), self,
                           G_CONNECT_SWAPPED);

  self->undo_toast = g_object_ref (toast);
  show_toast (self, toast);
}

/* An error about the request made from the old content means nothing
 * any more; a problem with the service still does.
 */
static void
clear_request_error (VlWindow *self)
{
  if (self->error_source != ERROR_SOURCE_REQUEST)
    return;

  set_request_error (self, NULL);
  if (self->application != NULL)
    show_problems (self);
}

/* Replaces the form with @draft, or with an empty one, keeping what the
 * dispatcher typed and did not send behind an undo toast titled
 * @undo_title.
 */
static void
replace_form (VlWindow   *self,
              VlCall     *draft,
              const char *undo_title)
{
  g_autoptr(GVariant) typed = NULL;

  if (has_unsent_content (self))
    typed = capture_form (self);

  clear_form (self);
  if (draft != NULL)
    fill_form (self, draft);
  else
    add_invitation (self);

  clear_request_error (self);
  focus_first_invitation (self);

  /* Otherwise a form offered back before, if any, still is. */
  if (typed != NULL)
    offer_undo (self, typed, undo_title);
}

/* Fills in the form from a link, never sending it. */
static void
load_draft (VlWindow *self,
            VlCall   *draft)
{
  replace_form (self, draft, _("Form replaced by a link"));

  /* Following the link again gives the same content back. */
  g_clear_pointer (&self->saved_form, g_variant_unref);
  self->saved_form = capture_form (self);
}

static gboolean
load_pending_draft (gpointer user_data)
{
  VlWindow *self = VL_WINDOW (user_data);
  g_autoptr(VlCall) draft = g_steal_pointer (&self->pending_draft);

  self->pending_source = 0;

  if (draft != NULL)
    load_draft (self, draft);

  return G_SOURCE_REMOVE;
}

static void
close_link_dialog (VlWindow *self)
{
  GtkWindow *dialog = self->link_dialog;

  if (dialog == NULL)
    return;

  g_clear_weak_pointer (&self->link_dialog);
  gtk_window_destroy (dialog);
}

static void
on_link_dialog_response (VlWindow *self)
{
  close_link_dialog (self);
}

static void
new_call_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VlWindow *self = VL_WINDOW (widget);

  if (is_preparing (self))
    return;

  replace_form (self, NULL, _("Form cleared"));
}

/* Preparing a call */

static void
set_preparing (VlWindow     *self,
               GCancellable *cancellable)
{
  gboolean preparing = cancellable != NULL;

  g_set_object (&self->prepare_cancellable, cancellable);

  gtk_spinner_set_spinning (self->spinner, preparing);
  gtk_stack_set_visible_child (self->action_stack,
                               preparing ? self->cancel_button
                                         : self->start_button);

  update_actions (self);
  update_status (self);

  /* Move the focus out of the form before it turns insensitive: a
   * focused entry would be left without its focus-out event.
   */
  if (preparing)
    gtk_widget_grab_focus (self->cancel_button);

  gtk_widget_set_sensitive (self->form_content, !preparing);

  if (!preparing)
    gtk_widget_grab_focus (self->start_button);

  /* Once whatever ends the request has shown its outcome */
  if (!preparing && self->pending_draft != NULL && self->pending_source == 0)
    self->pending_source = g_idle_add (load_pending_draft, self);
}

static VlCall *
build_draft (VlWindow *self)
{
  g_autoptr(VlCall) draft = vl_call_new ();
  g_autofree char *namespace_ = NULL;
  g_autofree char *id = NULL;
  g_autofree char *metadata = NULL;

  for (guint i = 0; i < self->invitation_rows->len; i++)
    {
      VlInvitationRow *row = g_ptr_array_index (self->invitation_rows, i);
      g_autoptr(VlInvitation) invitation = NULL;

      invitation = vl_invitation_new (vl_invitation_row_get_kind (row),
                                      vl_invitation_row_get_recipient (row));
      vl_call_add_invitation (draft, invitation);
    }

  /* What check_work_order() found valid, and nothing else */
  namespace_ = vl_normalize_work_order_part (
    gtk_editable_get_text (GTK_EDITABLE (self->namespace_row)), NULL);
  id = vl_normalize_work_order_part (
    gtk_editable_get_text (GTK_EDITABLE (self->work_order_id_row)), NULL);
  if (namespace_ != NULL && id != NULL &&
      namespace_[0] != '\0' && id[0] != '\0')
    vl_call_set_integration (draft, namespace_, id);

  /* NULL when there is none: callMetadataJSON is then left out. */
  metadata = vl_metadata_editor_dup_metadata_json (self->metadata_editor);
  vl_call_set_metadata_json (draft, metadata);

  return g_steal_pointer (&draft);
}

static void
prepare_call_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(VlCall) call = NULL;
  g_autoptr(GError) error = NULL;
  VlWindow *self = request->self;

  call = vl_client_prepare_call_finish (VL_CLIENT (source), result, &error);

  /* Cancelled by the dispatcher or by closing the window: the window has
   * already moved on, and may even be gone.
   */
  if (g_cancellable_is_cancelled (request->cancellable))
    return;

  if (call == NULL)
    {
      set_preparing (self, NULL);

      /* Refused credentials are fixed in Preferences: one click away. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, ERROR_SOURCE_REQUEST, error->message,
                    g_error_matches (error, VL_CLIENT_ERROR,
                                     VL_CLIENT_ERROR_NOT_AUTHORIZED));
      return;
    }

  /* The browser is asked before the window changes: it takes far longer
   * to come up than the window takes to show the call, and the
   * dispatcher is waiting for it.
   */
  remember_call (self, call);
  if (vl_call_get_link (call) != NULL)
    open_link (self, vl_call_get_link (call));

  set_preparing (self, NULL);

  /* What was sent needs no undo when it is replaced. */
  g_clear_pointer (&self->saved_form, g_variant_unref);
  self->saved_form = g_steal_pointer (&request->form);

  show_call (self, call);

  /* Off Start Call, where one more key would send the same invitations
   * again.
   */
  vl_call_view_focus (self->call_view);
}

static void
start_call_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VlWindow *self = VL_WINDOW (widget);
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(VlCall) draft = NULL;
  Request *request;

  if (self->blocker != NULL || is_preparing (self))
    return;

  draft = build_draft (self);
  cancellable = g_cancellable_new ();
  request = request_new (self, cancellable);
  request->form = capture_form (self);

  set_request_error (self, NULL);
  set_preparing (self, cancellable);

  vl_client_prepare_call_async (self->client, draft, cancellable,
                                prepare_call_cb, request);
}

static void
cancel_request_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  VlWindow *self = VL_WINDOW (widget);

  if (!is_preparing (self))
    return;

  /* Whatever the fields hold stays as it is. */
  g_cancellable_cancel (self->prepare_cancellable);
  set_preparing (self, NULL);
}

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  set_request_error (VL_WINDOW (widget), NULL);
}

static void
open_preferences_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  VlWindow *self = VL_WINDOW (widget);

  if (self->application == NULL)
    return;

  vl_application_show_preferences (self->application, GTK_WINDOW (self),
                                   self->error_environment);
}

/* Looking up a call by its id */

static void
set_lookup_error (VlWindow   *self,
                  const char *message)
{
  g_free (self->lookup_error);
  self->lookup_error = g_strdup (message);

  gtk_label_set_text (self->lookup_error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->lookup_error_label),
                          message != NULL);
  vl_gui_set_invalid (GTK_WIDGET (self->lookup_entry), message != NULL);
}

static void
set_looking_up (VlWindow     *self,
                GCancellable *cancellable)
{
  gboolean looking_up = cancellable != NULL;

  g_set_object (&self->lookup_cancellable, cancellable);

  gtk_widget_set_visible (self->lookup_status_box, looking_up);
  gtk_spinner_set_spinning (self->lookup_spinner, looking_up);

  update_actions (self);
}

static void
get_call_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(VlCall) call = NULL;
  g_autoptr(GError) error = NULL;
  VlWindow *self = request->self;

  call = vl_client_get_call_finish (VL_CLIENT (source), result, &error);

  if (g_cancellable_is_cancelled (request->cancellable))
    return;

  set_looking_up (self, NULL);

  if (call == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_lookup_error (self, error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->lookup_entry));
        }
      return;
    }

  gtk_menu_button_popdown (self->lookup_button);
  remember_call (self, call);
  show_call (self, call);
}

static void
lookup_call_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VlWindow *self = VL_WINDOW (widget);
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (self->client == NULL || is_looking_up (self))
    return;

  /* A pasted link will do, when the call id is in it. */
  id = vl_call_id_from_text (gtk_editable_get_text (
                               GTK_EDITABLE (self->lookup_entry)),
                             &error);
  if (id == NULL)
    {
      set_lookup_error (self, error->message);
      return;
    }

  if (id[0] == '\0')
    return;

  cancellable = g_cancellable_new ();

  set_lookup_error (self, NULL);
  set_looking_up (self, cancellable);

  vl_client_get_call_async (self->client, id, cancellable,
                            get_call_cb, request_new (self, cancellable));
}

static void
on_lookup_entry_activate (VlWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.lookup-call", NULL);
}

static void
on_lookup_entry_changed (VlWindow *self)
{
  update_actions (self);
}

static void update_navigation (VlWindow *self);

static void
on_lookup_popover_closed (VlWindow *self)
{
  update_navigation (self);

  /* Closing the popover gives up on the lookup. */
  if (is_looking_up (self))
    {
      g_cancellable_cancel (self->lookup_cancellable);
      set_looking_up (self, NULL);
    }
}

static void
open_lookup_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VlWindow *self = VL_WINDOW (widget);

  /* A narrow window hides the button until it is needed. */
  gtk_widget_set_visible (GTK_WIDGET (self->lookup_button), TRUE);
  gtk_menu_button_popup (self->lookup_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->lookup_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->lookup_entry), 0, -1);
}

/* The call shown, and the history */

static gboolean
is_refreshing (VlWindow *self)
{
  return self->refresh_cancellable != NULL;
}

/* Why the shown call cannot be fetched again, or %NULL. */
static char *
dup_refresh_blocker (VlWindow *self,
                     VlCall   *call)
{
  const char *environment = vl_call_get_environment (call);
  g_autofree char *label = NULL;

  if (self->client == NULL)
    return g_strdup (_("No service can be asked now: see the message next "
                       "to Start Call"));

  if (environment == NULL ||
      g_strcmp0 (environment, vl_client_get_environment (self->client)) == 0)
    return NULL;

  label = vl_environment_dup_label (environment);
  /* Translators: %s is an environment, such as "Production" */
  return g_strdup_printf (_("Only the %s service knows this call: choose "
                            "%s in the main menu to refresh it"),
                          label, label);
}

static void
update_call_actions (VlWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  VlCall *call = vl_call_view_get_call (self->call_view);
  g_autofree char *blocker = NULL;

  if (call != NULL)
    blocker = dup_refresh_blocker (self, call);

  gtk_widget_action_set_enabled (widget, "win.refresh-call",
                                 call != NULL && blocker == NULL &&
                                 !is_refreshing (self));
  gtk_widget_action_set_enabled (widget, "win.new-call-from-call",
                                 call != NULL && !is_preparing (self));
  gtk_widget_action_set_enabled (widget, "win.remove-call",
                                 call != NULL && self->history != NULL);

  if (is_refreshing (self))
    vl_call_view_set_refresh_status (self->call_view,
                                     _("Fetching the call again…"));
  else if (blocker != NULL)
    vl_call_view_set_refresh_status (self->call_view, blocker);
  else if (self->refresh_error == NULL)
    vl_call_view_set_refresh_status (self->call_view,
                                     _("Fetches the call again from the "
                                       "service"));
  else
    vl_call_view_set_refresh_status (self->call_view, self->refresh_error);
}

static void
set_refreshing (VlWindow     *self,
                GCancellable *cancellable)
{
  g_set_object (&self->refresh_cancellable, cancellable);
  update_actions (self);
}

static void
refresh_call_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(VlCall) call = NULL;
  g_autoptr(GError) error = NULL;
  VlWindow *self = request->self;
  VlCall *shown;

  call = vl_client_get_call_finish (VL_CLIENT (source), result, &error);

  if (g_cancellable_is_cancelled (request->cancellable))
    return;

  if (call == NULL)
    {
      g_clear_pointer (&self->refresh_error, g_free);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        self->refresh_error = g_strdup (error->message);
      set_refreshing (self, NULL);
      return;
    }

  remember_call (self, call);

  /* Unless the dispatcher has moved on to another call meanwhile */
  shown = vl_call_view_get_call (self->call_view);
  if (shown != NULL &&
      g_strcmp0 (vl_call_get_id (shown), vl_call_get_id (call)) == 0)
    vl_call_view_set_call (self->call_view, call);

  set_refreshing (self, NULL);
  replace_toast (self, &self->refresh_toast,
                 adw_toast_new (_("Call refreshed")));
}

static void
refresh_call_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VlWindow *self = VL_WINDOW (widget);
  VlCall *call = vl_call_view_get_call (self->call_view);
  g_autoptr(GCancellable) cancellable = NULL;
  g_autofree char *blocker = NULL;

  if (call == NULL || is_refreshing (self))
    return;

  blocker = dup_refresh_blocker (self, call);
  if (blocker != NULL)
    return;

  g_clear_pointer (&self->refresh_error, g_free);
  cancellable = g_cancellable_new ();
  set_refreshing (self, cancellable);

  vl_client_get_call_async (self->client, vl_call_get_id (call), cancellable,
                            refresh_call_cb, request_new (self, cancellable));
}

static void
new_call_from_call_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  VlWindow *self = VL_WINDOW (widget);
  VlCall *call = vl_call_view_get_call (self->call_view);

  if (call == NULL || is_preparing (self))
    return;

  replace_form (self, call, _("Form replaced by a copy of a call"));

  /* The history keeps what was copied: replacing it needs no undo. */
  g_clear_pointer (&self->saved_form, g_variant_unref);
  self->saved_form = capture_form (self);

  adw_leaflet_set_visible_child (self->leaflet, self->form_pane);
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  update_navigation (self);
}

static void
on_remove_toast_button_clicked (VlWindow *self,
                                AdwToast *toast)
{
  VlCall *call = g_object_get_data (G_OBJECT (toast), "vl-call");
  g_autoptr(GError) error = NULL;

  if (self->history == NULL || call == NULL)
    return;

  if (!vl_history_save (self->history, call, &error))
    {
      AdwToast *failed = vl_gui_toast_new_plain (error->message);

      adw_toast_set_timeout (failed, 0);
      replace_toast (self, &self->history_toast, failed);
      return;
    }

  /* Back in the history, and on screen again unless another call took
   * its place meanwhile.
   */
  if (vl_call_view_get_call (self->call_view) == NULL)
    show_call (self, call);
}

static void
on_remove_toast_dismissed (VlWindow *self,
                           AdwToast *toast)
{
  if (self->remove_toast == toast)
    g_clear_object (&self->remove_toast);
}

static void
remove_call_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VlWindow *self = VL_WINDOW (widget);
  g_autoptr(VlCall) call = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (vl_call_view_get_call (self->call_view) == NULL || self->history == NULL)
    return;

  call = g_object_ref (vl_call_view_get_call (self->call_view));

  /* A call that was never stored (the history failed to take it) is
   * gone from the view all the same.
   */
  if (!vl_history_remove (self->history, vl_call_get_id (call), &error) &&
      !g_error_matches (error, VL_HISTORY_ERROR, VL_HISTORY_ERROR_NOT_FOUND))
    {
      toast = vl_gui_toast_new_plain (error->message);
      adw_toast_set_timeout (toast, 0);
      replace_toast (self, &self->history_toast, toast);
      return;
    }

  if (is_refreshing (self))
    {
      g_cancellable_cancel (self->refresh_cancellable);
      g_clear_object (&self->refresh_cancellable);
    }

  vl_call_view_set_call (self->call_view, NULL);
  vl_history_pane_select_call (self->history_pane, NULL);
  adw_leaflet_set_visible_child (self->leaflet, self->form_pane);
  update_actions (self);
  update_navigation (self);

  /* Not left to GTK, which would give it to Start Call: one more key
   * there would send invitations.
   */
  if (adw_flap_get_reveal_flap (self->flap))
    vl_history_pane_focus_list (self->history_pane);
  else
    focus_first_invitation (self);

  toast = adw_toast_new (_("Call removed from the history"));
  g_object_set_data_full (G_OBJECT (toast), "vl-call",
                          g_steal_pointer (&call), g_object_unref);
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_timeout (toast, UNDO_TIMEOUT_SECONDS);
  /* Shown at once, ahead of any toast before it: an Undo on screen must
   * be the Undo of what was just done.
   */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (on_remove_toast_button_clicked), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed",
                           G_CALLBACK (on_remove_toast_dismissed), self,
                           G_CONNECT_SWAPPED);
  if (self->remove_toast != NULL)
    adw_toast_dismiss (self->remove_toast);
  g_set_object (&self->remove_toast, toast);
  show_toast (self, toast);
}

/* Ctrl+Z: the Undo of the toast shown, the removal of a call first, as
 * its button would; the toast itself cannot be reached by the keyboard.
 */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VlWindow *self = VL_WINDOW (widget);
  g_autoptr(AdwToast) toast = NULL;

  if (self->remove_toast != NULL)
    {
      toast = g_object_ref (self->remove_toast);
      on_remove_toast_button_clicked (self, toast);
    }
  else if (self->undo_toast != NULL)
    {
      g_autoptr(GVariant) current = NULL;

      /* A key pressed more than once must not lose what is there now:
       * the two forms change places.
       */
      if (has_unsent_content (self))
        current = capture_form (self);

      toast = g_object_ref (self->undo_toast);
      on_undo_toast_button_clicked (self, toast);
      adw_toast_dismiss (toast);

      if (current != NULL)
        offer_undo (self, current, _("Form put back"));
      return;
    }
  else
    {
      return;
    }

  adw_toast_dismiss (toast);
}

/* Ctrl+L wherever the focus is, not only in the call view */
static void
copy_call_link_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  VlWindow *self = VL_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->call_view), "call.copy-link",
                              NULL);
}

/* GtkApplication would build gtk/help-overlay.ui with every window, before
 * its first frame; this builds it when it is first asked for.
 */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  VlWindow *self = VL_WINDOW (widget);

  if (self->shortcuts_window == NULL)
    {
      g_autoptr(GtkBuilder) builder = NULL;

      builder = gtk_builder_new_from_resource (
        "/io/github/visionlive/Launcher/vl-shortcuts-window.ui");
      self->shortcuts_window =
        g_object_ref (GTK_WINDOW (gtk_builder_get_object (builder,
                                                          "shortcuts_window")));
      gtk_window_set_transient_for (self->shortcuts_window, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->shortcuts_window, TRUE);
    }

  gtk_window_present (self->shortcuts_window);
}

static void
search_history_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  VlWindow *self = VL_WINDOW (widget);

  /* Before the first frame's idle has opened it, the search is off. */
  ensure_history (self);
  adw_flap_set_reveal_flap (self->flap, TRUE);
  vl_history_pane_focus_search (self->history_pane);
}

static void
toggle_history_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  VlWindow *self = VL_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap,
                            !adw_flap_get_reveal_flap (self->flap));
}

/* Navigation when the window is too narrow for both panes */

static void
show_form_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VlWindow *self = VL_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->form_pane);
}

static void
show_call_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VlWindow *self = VL_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->call_view));
}

/* The environment */

static char *
dup_environment_tooltip (VlWindow      *self,
                         VlEnvironment  environment)
{
  const char *url;

  switch (environment)
    {
    case VL_ENVIRONMENT_TESTING:
      return g_strdup (_("Calls go to XOi’s testing (staging) service"));

    case VL_ENVIRONMENT_PRODUCTION:
      return g_strdup (_("Calls go to the production service"));

    case VL_ENVIRONMENT_CUSTOM:
      url = vl_application_get_custom_graphql_url (self->application);
      if (url == NULL || *url == '\0')
        return g_strdup (_("Calls go to custom addresses, to be entered in "
                           "Preferences"));
      /* Translators: %s is a web address */
      return g_strdup_printf (_("Calls go to %s"), url);

    case VL_ENVIRONMENT_DEMO:
    default:
      return g_strdup (_("Calls go to the built-in demo service: nobody is "
                         "really invited"));
    }
}

/* The dispatcher must always see where calls go, production most of
 * all.
 */
static void
show_environment (VlWindow *self)
{
  GtkWidget *label = GTK_WIDGET (self->environment_label);
  VlEnvironment environment = VL_ENVIRONMENT_DEMO;
  g_autofree char *tooltip = NULL;

  if (self->application != NULL)
    environment = vl_application_get_environment (self->application);

  gtk_label_set_text (self->environment_label,
                      vl_environment_get_title (environment));

  vl_gui_set_environment_class (label, environment);

  tooltip = dup_environment_tooltip (self, environment);
  gtk_widget_set_tooltip_text (label, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);
}

/* Shows why there is no client, or why its credentials could not be
 * read, unless a request failed since.
 */
static void
show_problems (VlWindow *self)
{
  const char *client_problem;
  const char *credentials_problem;

  if (self->error_source == ERROR_SOURCE_REQUEST)
    return;

  client_problem = vl_application_get_client_problem (self->application);
  credentials_problem =
    vl_application_get_credentials_problem (self->application);

  /* Only the custom addresses can be fixed in Preferences: a demo that
   * does not start cannot.
   */
  if (client_problem != NULL)
    show_error (self, ERROR_SOURCE_CLIENT, client_problem,
                vl_application_get_environment (self->application) ==
                VL_ENVIRONMENT_CUSTOM);
  else if (credentials_problem != NULL)
    show_error (self, ERROR_SOURCE_CREDENTIALS, credentials_problem, TRUE);
  else
    show_error (self, ERROR_SOURCE_NONE, NULL, FALSE);
}

static void
on_client_changed (VlWindow *self)
{
  /* A request under way goes to where calls no longer go. */
  if (is_preparing (self))
    {
      g_cancellable_cancel (self->prepare_cancellable);
      set_preparing (self, NULL);
    }

  if (is_looking_up (self))
    {
      g_cancellable_cancel (self->lookup_cancellable);
      set_looking_up (self, NULL);
    }

  if (is_refreshing (self))
    {
      g_cancellable_cancel (self->refresh_cancellable);
      g_clear_object (&self->refresh_cancellable);
    }
  g_clear_pointer (&self->refresh_error, g_free);

  g_set_object (&self->client, vl_application_get_client (self->application));

  show_error (self, ERROR_SOURCE_NONE, NULL, FALSE);
  show_environment (self);
  show_problems (self);
  update_form_state (self);
}

/* Credentials refused (or missing) when the call was started are
 * replaced: the error is about the old ones.
 */
static void
on_credentials_changed (VlWindow *self)
{
  if (self->error_source == ERROR_SOURCE_REQUEST &&
      self->error_offers_preferences)
    {
      set_request_error (self, NULL);
      show_problems (self);
    }

  /* Whatever Refresh last said may be about the old ones too. */
  g_clear_pointer (&self->refresh_error, g_free);
  update_actions (self);
}

static void
on_problem_changed (VlWindow *self)
{
  show_problems (self);
  update_form_state (self);
}

/* The form as typed, kept when the window closes before the call was
 * started, and filled in again when it next opens.
 */
static gboolean
vl_window_close_request (GtkWindow *window)
{
  VlWindow *self = VL_WINDOW (window);
  GSettings *settings = NULL;

  if (self->application != NULL)
    settings = vl_application_get_settings (self->application);

  /* A window with nothing to keep leaves alone what another one kept. */
  if (settings != NULL && has_unsent_content (self))
    {
      g_autoptr(GVariant) form = capture_form (self);

      g_settings_set_value (settings, "unsent-form", form);
    }

  return GTK_WINDOW_CLASS (vl_window_parent_class)->close_request (window);
}

static void
restore_unsent_form (VlWindow  *self,
                     GSettings *settings)
{
  g_autoptr(GVariant) form = g_settings_get_value (settings, "unsent-form");
  g_autoptr(GVariant) blank = NULL;

  blank = g_settings_get_default_value (settings, "unsent-form");
  if (g_variant_equal (form, blank))
    return;

  restore_form (self, form);
  /* Taken: another window does not fill it in twice. */
  g_settings_reset (settings, "unsent-form");
  show_toast (self, adw_toast_new (_("The call you had not started is back "
                                     "in the form")));
}

/* Runs when the window gets its application, which is after
 * constructed() when the window is made with g_object_new().
 */
static void
on_application_changed (VlWindow   *self,
                        GParamSpec *pspec,
                        gpointer    user_data)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings;

  /* Leaving the application, as the window closes, changes nothing. */
  if (!VL_IS_APPLICATION (app) || self->application != NULL)
    return;

  self->application = VL_APPLICATION (app);

  /* The size the dispatcher left the window at, when the schema is
   * there (it may not be, uninstalled).
   */
  settings = vl_application_get_settings (self->application);
  if (settings != NULL)
    {
      g_settings_bind (settings, "window-width", self, "default-width",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "window-height", self, "default-height",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "window-maximized", self, "maximized",
                       G_SETTINGS_BIND_DEFAULT);
      restore_unsent_form (self, settings);
    }

  g_signal_connect_object (app, "notify::client",
                           G_CALLBACK (on_client_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "notify::client-problem",
                           G_CALLBACK (on_problem_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "notify::credentials-problem",
                           G_CALLBACK (on_problem_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "credentials-changed",
                           G_CALLBACK (on_credentials_changed), self,
                           G_CONNECT_SWAPPED);

  on_client_changed (self);
}

static void
vl_window_constructed (GObject *object)
{
  VlWindow *self = VL_WINDOW (object);
  VlInvitationRow *row;

  G_OBJECT_CLASS (vl_window_parent_class)->constructed (object);

  row = add_invitation (self);
  gtk_window_set_focus (GTK_WINDOW (self),
                        GTK_WIDGET (vl_invitation_row_get_editable (row)));

  update_form_state (self);
  update_navigation (self);
}

static void
vl_window_dispose (GObject *object)
{
  VlWindow *self = VL_WINDOW (object);

  g_cancellable_cancel (self->prepare_cancellable);
  g_cancellable_cancel (self->lookup_cancellable);
  g_cancellable_cancel (self->refresh_cancellable);
  g_cancellable_cancel (self->lifetime_cancellable);
  g_clear_object (&self->prepare_cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_object (&self->refresh_cancellable);
  g_clear_handle_id (&self->history_source, g_source_remove);
  g_clear_handle_id (&self->navigation_source, g_source_remove);

  g_clear_handle_id (&self->pending_source, g_source_remove);
  g_clear_object (&self->pending_draft);
  close_link_dialog (self);
  if (self->shortcuts_window != NULL)
    gtk_window_destroy (self->shortcuts_window);
  g_clear_object (&self->shortcuts_window);

  gtk_widget_dispose_template (GTK_WIDGET (self), VL_TYPE_WINDOW);

  g_clear_pointer (&self->invitation_rows, g_ptr_array_unref);
  g_clear_object (&self->client);
  g_clear_object (&self->undo_toast);
  g_clear_object (&self->remove_toast);
  g_clear_weak_pointer (&self->link_toast);
  g_clear_weak_pointer (&self->history_toast);
  g_clear_weak_pointer (&self->refresh_toast);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (vl_window_parent_class)->dispose (object);
}

static void
vl_window_finalize (GObject *object)
{
  VlWindow *self = VL_WINDOW (object);

  g_clear_object (&self->lifetime_cancellable);
  g_free (self->blocker);
  g_free (self->request_error);
  g_free (self->lookup_error);
  g_free (self->refresh_error);
  g_clear_pointer (&self->saved_form, g_variant_unref);

  G_OBJECT_CLASS (vl_window_parent_class)->finalize (object);
}

static void
vl_window_class_init (VlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = vl_window_constructed;
  window_class->close_request = vl_window_close_request;
  object_class->dispose = vl_window_dispose;
  object_class->finalize = vl_window_finalize;

  g_type_ensure (VL_TYPE_CALL_VIEW);
  g_type_ensure (VL_TYPE_HISTORY_PANE);
  g_type_ensure (VL_TYPE_METADATA_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
      "/io/github/visionlive/Launcher/vl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        history_button);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        window_title);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        primary_menu);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        show_call_button);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        lookup_button);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        lookup_entry);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        lookup_status_box);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        lookup_spinner);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        lookup_error_label);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        environment_label);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        history_pane);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, form_pane);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        form_content);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        invitations_group);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        namespace_row);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        work_order_id_row);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        work_order_message);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        metadata_editor);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, error_box);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        preferences_button);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        status_label);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        start_button);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        cancel_button);
  gtk_widget_class_bind_template_child (widget_class, VlWindow,
                                        action_stack);
  gtk_widget_class_bind_template_child (widget_class, VlWindow, call_view);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_changed);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_leaflet_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_history_pane_call_activated);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_history_pane_call_picked);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_call_view_open_link);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_lookup_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_lookup_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_lookup_popover_closed);

  gtk_widget_class_install_action (widget_class, "win.start-call", NULL,
                                   start_call_action);

  gtk_widget_class_install_action (widget_class, "win.cancel-request", NULL,
                                   cancel_request_action);
  gtk_widget_class_add_binding_action (widget_class,
                                       GDK_KEY_Escape, 0,
                                       "win.cancel-request", NULL);

  gtk_widget_class_install_action (widget_class, "win.add-invitation", NULL,
                                   add_invitation_action);

  gtk_widget_class_install_action (widget_class, "win.new-call", NULL,
                                   new_call_action);
  gtk_widget_class_add_binding_action (widget_class,
                                       GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-call", NULL);

  gtk_widget_class_install_action (widget_class, "win.open-lookup", NULL,
                                   open_lookup_action);
  gtk_widget_class_add_binding_action (widget_class,
                                       GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-lookup", NULL);
  gtk_widget_class_install_action (widget_class, "win.lookup-call", NULL,
                                   lookup_call_action);

  gtk_widget_class_install_action (widget_class, "win.show-form", NULL,
                                   show_form_action);
  gtk_widget_class_install_action (widget_class, "win.show-call", NULL,
                                   show_call_action);
  gtk_widget_class_install_action (widget_class, "win.copy-link", "s",
                                   copy_link_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-error", NULL,
                                   dismiss_error_action);
  gtk_widget_class_install_action (widget_class, "win.open-preferences", NULL,
                                   open_preferences_action);

  gtk_widget_class_install_action (widget_class, "win.refresh-call", NULL,
                                   refresh_call_action);
  gtk_widget_class_add_binding_action (widget_class,
                                       GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.refresh-call", NULL);
  gtk_widget_class_install_action (widget_class, "win.new-call-from-call",
                                   NULL, new_call_from_call_action);
  gtk_widget_class_install_action (widget_class, "win.remove-call", NULL,
                                   remove_call_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL,
                                   undo_action);
  gtk_widget_class_add_binding_action (widget_class,
                                       GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_install_action (widget_class, "win.copy-call-link", NULL,
                                   copy_call_link_action);
  gtk_widget_class_add_binding_action (widget_class,
                                       GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.copy-call-link", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.search-history", NULL,
                                   search_history_action);
  gtk_widget_class_add_binding_action (widget_class,
                                       GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search-history", NULL);
  gtk_widget_class_install_action (widget_class, "win.toggle-history", NULL,
                                   toggle_history_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0,
                                       "win.toggle-history", NULL);

  gtk_widget_class_add_binding_action (widget_class,
                                       GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

/* The main menu's popover is made the first time it opens, by a click or
 * F10: the window's first frame does without it.
 */
static void
create_primary_menu (GtkMenuButton *button,
                     gpointer       user_data)
{
  VlWindow *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

/* Ctrl+Return is the window's whether Start Call can run or not: while
 * it cannot (a call under way, a field to fix), the key does nothing,
 * rather than reach the JSON text view as a new line.
 */
static gboolean
start_call_shortcut (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  gtk_widget_activate_action (widget, "win.start-call", NULL);

  return TRUE;
}

/* Ctrl+Return starts the call wherever the focus is. It is taken before
 * the focused widget sees it: the metadata's JSON text view would make it
 * a new line.
 */
static void
add_start_call_shortcut (VlWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutTrigger *trigger;
  GtkShortcutAction *action;

  trigger = gtk_alternative_trigger_new (
      gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
      gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK));
  action = gtk_callback_action_new (start_call_shortcut, NULL, NULL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (trigger, action));

  gtk_event_controller_set_name (controller, "vl-start-call-shortcut");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
vl_window_init (VlWindow *self)
{
  self->invitation_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->lifetime_cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  add_start_call_shortcut (self);
  gtk_menu_button_set_create_popup_func (self->menu_button,
                                         create_primary_menu, self, NULL);

  g_signal_connect (self, "notify::application",
                    G_CALLBACK (on_application_changed), NULL);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), on_first_frame, NULL,
                                NULL);
  g_signal_connect (self, "notify::is-active",
                    G_CALLBACK (on_is_active_changed), NULL);
  g_signal_connect (self, "notify::focus-widget",
                    G_CALLBACK (on_focus_widget_changed), NULL);
}

VlWindow *
vl_window_new (VlApplication *application)
{
  g_return_val_if_fail (VL_IS_APPLICATION (application), NULL);

  return g_object_new (VL_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * vl_window_load_draft:
 * @draft: a draft call, as vl_launch_uri_parse() gives it
 *
 * Replaces the form with @draft for the dispatcher to check; nothing is
 * sent. What the dispatcher typed and did not send is offered back in a
 * toast. While a call is being started, @draft waits for it to be over.
 */
void
vl_window_load_draft (VlWindow *self,
                      VlCall   *draft)
{
  g_return_if_fail (VL_IS_WINDOW (self));
  g_return_if_fail (VL_IS_CALL (draft));

  /* Whatever was refused before is no longer the question. */
  close_link_dialog (self);

  if (is_preparing (self))
    {
      g_set_object (&self->pending_draft, draft);
      return;
    }

  load_draft (self, draft);
}

/**
 * vl_window_refuse_link:
 * @message: why the link cannot be used, as plain text
 *
 * Says in a dialog why a link was refused. The form stays as it is.
 */
void
vl_window_refuse_link (VlWindow   *self,
                       const char *message)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_if_fail (VL_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* The message may quote the link: it is never read as markup. */
  body = g_strconcat (message, "\n\n",
                      _("The form was not changed, and nothing was sent."),
                      NULL);

  if (self->link_dialog != NULL)
    {
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self->link_dialog),
                                   body);
      gtk_window_present (self->link_dialog);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cannot Use Link"),
                                   NULL);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close",
                                   _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog),
                                         "close");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);

  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_link_dialog_response), self,
                           G_CONNECT_SWAPPED);

  g_set_weak_pointer (&self->link_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Test accessors */

guint
vl_window_get_n_invitations (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), 0);

  return self->invitation_rows->len;
}

VlInvitationRow *
vl_window_get_invitation (VlWindow *self,
                          guint     position)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);
  g_return_val_if_fail (position < self->invitation_rows->len, NULL);

  return g_ptr_array_index (self->invitation_rows, position);
}

VlInvitationRow *
vl_window_add_invitation (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return add_invitation (self);
}

GtkEditable *
vl_window_get_namespace_editable (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return GTK_EDITABLE (self->namespace_row);
}

GtkEditable *
vl_window_get_work_order_id_editable (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return GTK_EDITABLE (self->work_order_id_row);
}

VlMetadataEditor *
vl_window_get_metadata_editor (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return self->metadata_editor;
}

VlCallView *
vl_window_get_call_view (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return self->call_view;
}

GtkWidget *
vl_window_get_start_button (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return self->start_button;
}

GtkEditable *
vl_window_get_lookup_editable (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return GTK_EDITABLE (self->lookup_entry);
}

const char *
vl_window_get_blocker (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return self->blocker;
}

const char *
vl_window_get_request_error (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return self->request_error;
}

const char *
vl_window_get_lookup_error (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return self->lookup_error;
}

GtkWidget *
vl_window_get_preferences_button (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return self->preferences_button;
}

GtkLabel *
vl_window_get_environment_label (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return self->environment_label;
}

AdwToast *
vl_window_get_undo_toast (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return self->undo_toast;
}

AdwMessageDialog *
vl_window_get_link_dialog (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return self->link_dialog ? ADW_MESSAGE_DIALOG (self->link_dialog) : NULL;
}

gboolean
vl_window_get_busy (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), FALSE);

  return is_preparing (self) || is_looking_up (self);
}

VlHistoryPane *
vl_window_get_history_pane (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return self->history_pane;
}

gboolean
vl_window_get_history_revealed (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), FALSE);

  return adw_flap_get_reveal_flap (self->flap);
}

AdwToast *
vl_window_get_remove_toast (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return self->remove_toast;
}

void
vl_window_load_history (VlWindow *self)
{
  g_return_if_fail (VL_IS_WINDOW (self));

  ensure_history (self);
}

GtkWindow *
vl_window_get_shortcuts_window (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return self->shortcuts_window;
}

gboolean
vl_window_get_history_folded (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), FALSE);

  return adw_flap_get_folded (self->flap);
}

GtkWidget *
vl_window_get_form_pane (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return self->form_pane;
}

GtkMenuButton *
vl_window_get_menu_button (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return self->menu_button;
}

GtkWidget *
vl_window_get_header_bar (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return self->header_bar;
}

GtkWidget *
vl_window_get_status_label (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->status_label);
}

AdwToast *
vl_window_get_link_toast (VlWindow *self)
{
  g_return_val_if_fail (VL_IS_WINDOW (self), NULL);

  return self->link_toast;
}

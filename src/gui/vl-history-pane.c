/* vl-history-pane.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>


#include "vl-history-model.h"
#include "vl-history-pane-private.h"
#include "vl-history-row.h"
#include "vl-validate.h"
#include "vl-util.h"

struct _VlHistoryPane
{
  AdwBin              parent_instance;

  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;
  AdwStatusPage      *unavailable_page;

  VlHistoryModel     *model;
  GtkSingleSelection *selection;
  char               *problem;

  /* The id of the call the window shows: moving the selection onto it
   * again (a search, a refreshed page of rows) is no new pick.
   */
  char               *shown_id;
  /* Set while the pane moves the selection itself */
  gboolean            selecting;
  /* Set from a press on the list until the selection follows it */
  gboolean            pointer_down;

  /* The rows bound to a call, whose times are read again when the
   * window comes back to the front (not owned)
   */
  GPtrArray          *bound_rows;
};

G_DEFINE_FINAL_TYPE (VlHistoryPane, vl_history_pane, ADW_TYPE_BIN)

enum {
  CALL_ACTIVATED,
  CALL_PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_searching (VlHistoryPane *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  for (; *text != '\0'; text = g_utf8_next_char (text))
    {
      if (!g_unichar_isspace (g_utf8_get_char (text)))
        return TRUE;
    }

  return FALSE;
}

static void
update_page (VlHistoryPane *self)
{
  const char *page;

  if (self->model == NULL)
    page = self->problem != NULL ? "unavailable" : "opening";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    page = "list";
  else if (is_searching (self))
    page = "no-results";
  else
    page = "empty";

  gtk_stack_set_visible_child_name (self->stack, page);
}

static gboolean
selected_is_shown (VlHistoryPane *self)
{
  VlCall *selected = gtk_single_selection_get_selected_item (self->selection);

  if (selected == NULL)
    return self->shown_id == NULL;

  return g_strcmp0 (vl_call_get_id (selected), self->shown_id) == 0;
}

/* Where the shown call is in the list, or GTK_INVALID_LIST_POSITION. The
 * database is asked, and the list checked: after changes the model has
 * not heard of yet, the two may disagree for a moment.
 */
static guint
find_shown (VlHistoryPane *self)
{
  VlHistory *history = vl_history_model_get_history (self->model);
  const char *search = vl_history_model_get_search (self->model);
  g_autoptr(GError) error = NULL;
  g_autoptr(VlCall) call = NULL;
  guint position;

  if (self->shown_id == NULL ||
      !vl_history_find (history, search, self->shown_id, &position, &error))
    {
      if (error != NULL)
        g_debug ("Could not find the shown call: %s", error->message);
      return GTK_INVALID_LIST_POSITION;
    }

  call = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (call == NULL || g_strcmp0 (vl_call_get_id (call), self->shown_id) != 0)
    return GTK_INVALID_LIST_POSITION;

  return position;
}

/* Puts the selection on the shown call, wherever the search left it;
 * that is no pick of the dispatcher's.
 */
static void
select_shown (VlHistoryPane *self)
{
  if (self->model == NULL || selected_is_shown (self))
    return;

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, find_shown (self));
  self->selecting = FALSE;
}

/* A click, or the arrow keys: the call is shown. Arrows move the
 * selection too, so that the dispatcher can look through the calls one
 * by one; only a click or Enter closes the sidebar of a narrow window
 * (::call-picked).
 */
static void
on_selection_changed (VlHistoryPane *self)
{
  VlCall *call = gtk_single_selection_get_selected_item (self->selection);

  if (self->selecting || call == NULL || selected_is_shown (self))
    return;

  vl_set_str (&self->shown_id, vl_call_get_id (call));
  g_signal_emit (self, signals[CALL_ACTIVATED], 0, call);

  if (self->pointer_down)
    {
      self->pointer_down = FALSE;
      g_signal_emit (self, signals[CALL_PICKED], 0);
    }
}

/* Enter on a row: the keyboard moves the focus, not always the
 * selection, so the row Enter was pressed on is the one shown.
 */
static void
on_list_view_activate (VlHistoryPane *self,
                       guint          position)
{
  gtk_single_selection_set_selected (self->selection, position);
  g_signal_emit (self, signals[CALL_PICKED], 0);
}

/* Enter in the search: the first call found */
static void on_search_entry_search_changed (VlHistoryPane *self);

static void
on_search_entry_activate (VlHistoryPane *self)
{
  /* What was typed last may still wait for the search's short pause. */
  on_search_entry_search_changed (self);

  if (self->model == NULL ||
      g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    return;

  on_list_view_activate (self, 0);
}

/* A press on the list, seen before the row selects itself: the selection
 * change that follows is a pick. (The row claims the click, so its
 * release never reaches the list.)
 */
static void
on_list_view_pressed (VlHistoryPane *self)
{
  self->pointer_down = TRUE;
}

static void
on_list_view_stopped (VlHistoryPane *self)
{
  self->pointer_down = FALSE;
}

static void
on_items_changed (VlHistoryPane *self)
{
  update_page (self);

  /* The rows that stay keep their text: "Just now" for the new call must
   * not stand above "5 minutes ago" worked out an hour ago.
   */
  vl_history_pane_update_times (self);

  /* Rows read again (a refresh, a damaged file replaced) lose it. */
  select_shown (self);
}

/* What the search looks for: a pasted link finds its call by the id in
 * it.
 */
static char *
dup_search (VlHistoryPane *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  char *id = NULL;

  if (strstr (text, "://") != NULL)
    id = vl_call_id_from_text (text, NULL);

  return id != NULL ? id : g_strdup (text);
}

static void
on_search_entry_search_changed (VlHistoryPane *self)
{
  g_autofree char *search = NULL;

  if (self->model == NULL)
    return;

  search = dup_search (self);
  vl_history_model_set_search (self->model, search);
  select_shown (self);
  update_page (self);
}

static void
on_search_entry_stop_search (VlHistoryPane *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
setup_row (GtkListItemFactory *factory,
           GtkListItem        *item,
           gpointer            user_data)
{
  gtk_list_item_set_child (item, vl_history_row_new ());
}

static void
bind_row (GtkListItemFactory *factory,
          GtkListItem        *item,
          VlHistoryPane      *self)
{
  VlHistoryRow *row = VL_HISTORY_ROW (gtk_list_item_get_child (item));

  vl_history_row_set_call (row, gtk_list_item_get_item (item));
  g_ptr_array_add (self->bound_rows, row);
}

static void
unbind_row (GtkListItemFactory *factory,
            GtkListItem        *item,
            VlHistoryPane      *self)
{
  VlHistoryRow *row = VL_HISTORY_ROW (gtk_list_item_get_child (item));

  /* The row keeps its call: bound to it again, it has nothing to redo. */
  g_ptr_array_remove_fast (self->bound_rows, row);
}

static void
vl_history_pane_dispose (GObject *object)
{
  VlHistoryPane *self = VL_HISTORY_PANE (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), VL_TYPE_HISTORY_PANE);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (vl_history_pane_parent_class)->dispose (object);
}

static void
vl_history_pane_finalize (GObject *object)
{
  VlHistoryPane *self = VL_HISTORY_PANE (object);

  g_free (self->problem);
  g_free (self->shown_id);
  g_clear_pointer (&self->bound_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (vl_history_pane_parent_class)->finalize (object);
}

static void
vl_history_pane_class_init (VlHistoryPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vl_history_pane_dispose;
  object_class->finalize = vl_history_pane_finalize;

  /**
   * VlHistoryPane::call-activated:
   * @call: the stored call the dispatcher picked
   */
  signals[CALL_ACTIVATED] =
    g_signal_new ("call-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, VL_TYPE_CALL);

  /**
   * VlHistoryPane::call-picked:
   *
   * The dispatcher clicked a call, or pressed Enter on it: done with the
   * list for now.
   */
  signals[CALL_PICKED] =
    g_signal_new ("call-picked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
      "/io/github/visionlive/Launcher/vl-history-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, VlHistoryPane,
                                        search_entry);
  gtk_widget_class_bind_template_child (widget_class, VlHistoryPane, stack);
  gtk_widget_class_bind_template_child (widget_class, VlHistoryPane,
                                        list_view);
  gtk_widget_class_bind_template_child (widget_class, VlHistoryPane,
                                        unavailable_page);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_search_entry_search_changed);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_search_entry_stop_search);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_list_view_activate);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_search_entry_activate);
}

static void
vl_history_pane_init (VlHistoryPane *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->bound_rows = g_ptr_array_new ();

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click),
                                              GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed",
                           G_CALLBACK (on_list_view_pressed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "stopped",
                           G_CALLBACK (on_list_view_stopped), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "cancel",
                           G_CALLBACK (on_list_view_stopped), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "end",
                           G_CALLBACK (on_list_view_stopped), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view),
                             GTK_EVENT_CONTROLLER (click));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);

  /* Nothing is picked until the dispatcher picks it. */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_changed), self,
                           G_CONNECT_SWAPPED);
  /* After the list view has taken the change in: a selection moved
   * before that points it at rows it does not have yet.
   */
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (on_items_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (self->selection));

  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), FALSE);
}

GtkWidget *
vl_history_pane_new (void)
{
  return g_object_new (VL_TYPE_HISTORY_PANE, NULL);
}

void
vl_history_pane_set_history (VlHistoryPane *self,
                             VlHistory     *history)
{
  g_autofree char *search = NULL;

  g_return_if_fail (VL_IS_HISTORY_PANE (self));
  g_return_if_fail (history == NULL || VL_IS_HISTORY (history));

  g_clear_object (&self->model);
  g_clear_pointer (&self->problem, g_free);

  if (history != NULL)
    {
      self->model = vl_history_model_new (history);
      search = dup_search (self);
      vl_history_model_set_search (self->model, search);
    }

  gtk_single_selection_set_model (self->selection,
                                  G_LIST_MODEL (self->model));
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), history != NULL);
  select_shown (self);
  update_page (self);
}

void
vl_history_pane_set_problem (VlHistoryPane *self,
                             const char    *message)
{
  g_return_if_fail (VL_IS_HISTORY_PANE (self));
  g_return_if_fail (message != NULL);

  vl_history_pane_set_history (self, NULL);

  self->problem = g_strdup (message);
  adw_status_page_set_description (self->unavailable_page, message);
  update_page (self);
}

void
vl_history_pane_select_call (VlHistoryPane *self,
                             const char    *id)
{
  g_return_if_fail (VL_IS_HISTORY_PANE (self));

  vl_set_str (&self->shown_id, id);
  select_shown (self);
}

/* "5 minutes ago" goes stale on a row that stays on screen: read the
 * times again (when the window comes back to the front, say).
 */
void
vl_history_pane_update_times (VlHistoryPane *self)
{
  g_return_if_fail (VL_IS_HISTORY_PANE (self));

  for (guint i = 0; i < self->bound_rows->len; i++)
    vl_history_row_update_time (g_ptr_array_index (self->bound_rows, i));
}

void
vl_history_pane_focus_list (VlHistoryPane *self)
{
  g_return_if_fail (VL_IS_HISTORY_PANE (self));

  if (!gtk_widget_grab_focus (GTK_WIDGET (self->list_view)))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
vl_history_pane_focus_search (VlHistoryPane *self)
{
  g_return_if_fail (VL_IS_HISTORY_PANE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* Test accessors */

GListModel *
vl_history_pane_get_model (VlHistoryPane *self)
{
  g_return_val_if_fail (VL_IS_HISTORY_PANE (self), NULL);

  return G_LIST_MODEL (self->model);
}

GtkEditable *
vl_history_pane_get_search_editable (VlHistoryPane *self)
{
  g_return_val_if_fail (VL_IS_HISTORY_PANE (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

const char *
vl_history_pane_get_page (VlHistoryPane *self)
{
  g_return_val_if_fail (VL_IS_HISTORY_PANE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
vl_history_pane_get_problem (VlHistoryPane *self)
{
  g_return_val_if_fail (VL_IS_HISTORY_PANE (self), NULL);

  return self->problem;
}

guint
vl_history_pane_get_selected (VlHistoryPane *self)
{
  g_return_val_if_fail (VL_IS_HISTORY_PANE (self), GTK_INVALID_LIST_POSITION);

  return gtk_single_selection_get_selected (self->selection);
}

void
vl_history_pane_pick (VlHistoryPane *self,
                      guint          position)
{
  g_return_if_fail (VL_IS_HISTORY_PANE (self));

  gtk_single_selection_set_selected (self->selection, position);
  g_signal_emit (self, signals[CALL_PICKED], 0);
}

void
vl_history_pane_move_to (VlHistoryPane *self,
                         guint          position)
{
  g_return_if_fail (VL_IS_HISTORY_PANE (self));

  gtk_single_selection_set_selected (self->selection, position);
}

GtkListView *
vl_history_pane_get_list_view (VlHistoryPane *self)
{
  g_return_val_if_fail (VL_IS_HISTORY_PANE (self), NULL);

  return self->list_view;
}

/* vl-history-row.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vl-gui-util.h"
#include "vl-history-row.h"
#include "vl-time.h"

struct _VlHistoryRow
{
  AdwBin     parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *subtitle_label;
  GtkLabel  *time_label;
  GtkLabel  *environment_label;

  VlCall    *call;
};

G_DEFINE_FINAL_TYPE (VlHistoryRow, vl_history_row, ADW_TYPE_BIN)

/* The recipients, in the order they were invited. */
static char *
dup_recipients (VlCall *call)
{
  if (g_list_model_get_n_items (vl_call_get_invitations (call)) == 0)
    return g_strdup (_("No invitations"));

  /* Translators: between two recipients in the history list */
  return vl_call_dup_recipients (call, _(", "));
}

/* The work order, which is what dispatchers look for; the call id when
 * there is none.
 */
static char *
dup_subtitle (VlCall *call)
{
  if (!vl_call_has_integration (call))
    return g_strdup (vl_call_get_id (call));

  /* Translators: a work order, its namespace and its id, as in
   * "acme/WO-1" */
  return g_strdup_printf (_("%s/%s"),
                          vl_call_get_integration_namespace (call),
                          vl_call_get_integration_id (call));
}

static void
show_environment (VlHistoryRow *self)
{
  const char *name = vl_call_get_environment (self->call);
  g_autofree char *label = NULL;
  VlEnvironment environment;

  gtk_widget_set_visible (GTK_WIDGET (self->environment_label), name != NULL);
  if (name == NULL)
    return;

  label = vl_environment_dup_label (name);
  gtk_label_set_text (self->environment_label, label);

  /* A name from elsewhere keeps the neutral colour of custom addresses. */
  if (!vl_environment_from_string (name, &environment))
    environment = VL_ENVIRONMENT_CUSTOM;
  vl_gui_set_environment_class (GTK_WIDGET (self->environment_label),
                                environment);
}

/* "5 minutes ago", which changes with the clock alone */
static void
show_relative_time (VlHistoryRow *self)
{
  GDateTime *prepared_at = vl_call_get_prepared_at (self->call);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *text = NULL;

  if (prepared_at == NULL)
    return;

  now = g_date_time_new_now_local ();
  text = vl_format_relative_time (prepared_at, now);
  gtk_label_set_text (self->time_label, text);
}

static void
show_time (VlHistoryRow *self)
{
  GDateTime *prepared_at = vl_call_get_prepared_at (self->call);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *full = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->time_label), prepared_at != NULL);
  if (prepared_at == NULL)
    return;

  show_relative_time (self);

  local = g_date_time_to_local (prepared_at);
  /* Translators: when a call was prepared, in the tooltip of the history
   * list, as in "3 December 2026, 14:05"; see g_date_time_format() */
  full = g_date_time_format (local, _("%-d %B %Y, %H:%M"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->time_label), full);
}

static void
update (VlHistoryRow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (self->call == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->subtitle_label, "");
      gtk_label_set_text (self->time_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->environment_label), FALSE);
      return;
    }

  title = dup_recipients (self->call);
  subtitle = dup_subtitle (self->call);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);

  show_time (self);
  show_environment (self);
}

static void
vl_history_row_dispose (GObject *object)
{
  VlHistoryRow *self = VL_HISTORY_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), VL_TYPE_HISTORY_ROW);
  g_clear_object (&self->call);

  G_OBJECT_CLASS (vl_history_row_parent_class)->dispose (object);
}

static void
vl_history_row_class_init (VlHistoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vl_history_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
      "/io/github/visionlive/Launcher/vl-history-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VlHistoryRow,
                                        title_label);
  gtk_widget_class_bind_template_child (widget_class, VlHistoryRow,
                                        subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, VlHistoryRow,
                                        time_label);
  gtk_widget_class_bind_template_child (widget_class, VlHistoryRow,
                                        environment_label);
}

static void
vl_history_row_init (VlHistoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
vl_history_row_new (void)
{
  return g_object_new (VL_TYPE_HISTORY_ROW, NULL);
}

VlCall *
vl_history_row_get_call (VlHistoryRow *self)
{
  g_return_val_if_fail (VL_IS_HISTORY_ROW (self), NULL);

  return self->call;
}

void
vl_history_row_set_call (VlHistoryRow *self,
                         VlCall       *call)
{
  g_return_if_fail (VL_IS_HISTORY_ROW (self));
  g_return_if_fail (call == NULL || VL_IS_CALL (call));

  /* GTK 4.8 binds every row again when an item is inserted above them,
   * as each has a new position; the history model keeps the same calls
   * for them. Nothing changes a call the model has read (a refreshed call
   * is a new object), so only the clock can have changed what they show.
   */
  if (call != NULL && call == self->call)
    {
      show_relative_time (self);
      return;
    }

  g_set_object (&self->call, call);
  update (self);
}

const char *
vl_history_row_get_title (VlHistoryRow *self)
{
  g_return_val_if_fail (VL_IS_HISTORY_ROW (self), NULL);

  return gtk_label_get_text (self->title_label);
}

const char *
vl_history_row_get_subtitle (VlHistoryRow *self)
{
  g_return_val_if_fail (VL_IS_HISTORY_ROW (self), NULL);

  return gtk_label_get_text (self->subtitle_label);
}

const char *
vl_history_row_get_time (VlHistoryRow *self)
{
  g_return_val_if_fail (VL_IS_HISTORY_ROW (self), NULL);

  return gtk_label_get_text (self->time_label);
}

const char *
vl_history_row_get_environment (VlHistoryRow *self)
{
  g_return_val_if_fail (VL_IS_HISTORY_ROW (self), NULL);

  return gtk_label_get_text (self->environment_label);
}

void
vl_history_row_update_time (VlHistoryRow *self)
{
  g_return_if_fail (VL_IS_HISTORY_ROW (self));

  if (self->call != NULL)
    show_time (self);
}

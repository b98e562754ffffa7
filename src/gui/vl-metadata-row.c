/* vl-metadata-row.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vl-gui-util.h"
#include "vl-metadata-row.h"

struct _VlMetadataRow
{
  AdwPreferencesRow  parent_instance;

  GtkEntry          *key_entry;
  GtkEntry          *value_entry;
  GtkLabel          *message_label;

  char              *problem;
};

G_DEFINE_FINAL_TYPE (VlMetadataRow, vl_metadata_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_KEY,
  PROP_VALUE,
  PROP_PROBLEM,
  N_PROPS
};

enum {
  CHANGED,
  REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_key_changed (VlMetadataRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_value_changed (VlMetadataRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[REMOVE], 0);
}

static void
vl_metadata_row_finalize (GObject *object)
{
  VlMetadataRow *self = VL_METADATA_ROW (object);

  g_free (self->problem);

  G_OBJECT_CLASS (vl_metadata_row_parent_class)->finalize (object);
}

static void
vl_metadata_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VlMetadataRow *self = VL_METADATA_ROW (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, vl_metadata_row_get_key (self));
      break;

    case PROP_VALUE:
      g_value_set_string (value, vl_metadata_row_get_value (self));
      break;

    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_metadata_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VlMetadataRow *self = VL_METADATA_ROW (object);

  switch (prop_id)
    {
    case PROP_KEY:
      vl_metadata_row_set_key (self, g_value_get_string (value));
      break;

    case PROP_VALUE:
      vl_metadata_row_set_value (self, g_value_get_string (value));
      break;

    case PROP_PROBLEM:
      vl_metadata_row_set_problem (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_metadata_row_class_init (VlMetadataRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = vl_metadata_row_finalize;
  object_class->get_property = vl_metadata_row_get_property;
  object_class->set_property = vl_metadata_row_set_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  signals[REMOVE] =
    g_signal_new ("remove",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
      "/io/github/visionlive/Launcher/vl-metadata-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VlMetadataRow,
                                        key_entry);
  gtk_widget_class_bind_template_child (widget_class, VlMetadataRow,
                                        value_entry);
  gtk_widget_class_bind_template_child (widget_class, VlMetadataRow,
                                        message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_key_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed);

  gtk_widget_class_install_action (widget_class, "field.remove", NULL,
                                   remove_action);
}

static void
vl_metadata_row_init (VlMetadataRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
vl_metadata_row_new (void)
{
  return g_object_new (VL_TYPE_METADATA_ROW, NULL);
}

const char *
vl_metadata_row_get_key (VlMetadataRow *self)
{
  g_return_val_if_fail (VL_IS_METADATA_ROW (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->key_entry));
}

void
vl_metadata_row_set_key (VlMetadataRow *self,
                         const char    *key)
{
  g_return_if_fail (VL_IS_METADATA_ROW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->key_entry), key ? key : "");
}

const char *
vl_metadata_row_get_value (VlMetadataRow *self)
{
  g_return_val_if_fail (VL_IS_METADATA_ROW (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->value_entry));
}

void
vl_metadata_row_set_value (VlMetadataRow *self,
                           const char    *value)
{
  g_return_if_fail (VL_IS_METADATA_ROW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->value_entry),
                         value ? value : "");
}

gboolean
vl_metadata_row_is_blank (VlMetadataRow *self)
{
  g_return_val_if_fail (VL_IS_METADATA_ROW (self), TRUE);

  return vl_metadata_row_get_key (self)[0] == '\0' &&
         vl_metadata_row_get_value (self)[0] == '\0';
}

const char *
vl_metadata_row_get_problem (VlMetadataRow *self)
{
  g_return_val_if_fail (VL_IS_METADATA_ROW (self), NULL);

  return self->problem;
}

void
vl_metadata_row_set_problem (VlMetadataRow *self,
                             const char    *problem)
{
  g_return_if_fail (VL_IS_METADATA_ROW (self));

  if (g_strcmp0 (self->problem, problem) == 0)
    return;

  g_free (self->problem);
  self->problem = g_strdup (problem);

  gtk_label_set_text (self->message_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), problem != NULL);
  vl_gui_set_invalid (GTK_WIDGET (self->key_entry), problem != NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

void
vl_metadata_row_focus_key (VlMetadataRow *self)
{
  g_return_if_fail (VL_IS_METADATA_ROW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->key_entry));
}

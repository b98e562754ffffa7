/* vl-metadata-editor.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "vl-json.h"
#include "vl-error.h"
#include "vl-gui-util.h"
#include "vl-metadata-editor-private.h"
#include "vl-validate.h"

struct _VlMetadataEditor
{
  AdwBin         parent_instance;

  GtkSwitch     *raw_switch;
  GtkStack      *stack;
  GtkListBox    *fields_list;
  GtkTextView   *json_view;
  GtkLabel      *message_label;

  /* The VlMetadataRow in fields_list, in order (owned) */
  GPtrArray     *rows;

  char          *problem;
  char          *message;

  /* Set while the switch is moved by the code, not by the dispatcher */
  guint          syncing_switch : 1;
  /* Set while the content is replaced as a whole */
  guint          loading : 1;
};

G_DEFINE_FINAL_TYPE (VlMetadataEditor, vl_metadata_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RAW,
  PROP_PROBLEM,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_message (VlMetadataEditor *self,
             const char       *message)
{
  if (g_strcmp0 (self->message, message) == 0)
    return;

  g_free (self->message);
  self->message = g_strdup (message);

  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
set_problem (VlMetadataEditor *self,
             const char       *problem)
{
  if (g_strcmp0 (self->problem, problem) == 0)
    return;

  g_free (self->problem);
  self->problem = g_strdup (problem);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

static char *
dup_buffer_text (VlMetadataEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->json_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
validate_fields (VlMetadataEditor *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *first_problem = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    {
      VlMetadataRow *row = g_ptr_array_index (self->rows, i);
      const char *key = vl_metadata_row_get_key (row);
      g_autofree char *problem = NULL;

      if (vl_metadata_row_is_blank (row))
        {
          /* An untouched field is simply not sent. */
        }
      else if (key[0] == '\0')
        {
          problem = g_strdup (_("Enter a key for this value"));
        }
      else if (g_hash_table_contains (seen, key))
        {
          /* Translators: %s is a metadata key */
          problem = g_strdup_printf (_("The key “%s” is already used above"),
                                     key);
        }
      else
        {
          g_hash_table_add (seen, (gpointer) key);
        }

      vl_metadata_row_set_problem (row, problem);

      if (problem != NULL && first_problem == NULL)
        first_problem = vl_metadata_row_get_problem (row);
    }

  if (first_problem != NULL)
    {
      g_autofree char *summary = NULL;

      /* Translators: %s says what is wrong with a metadata field */
      summary = g_strdup_printf (_("Metadata: %s"), first_problem);
      set_problem (self, summary);
    }
  else
    {
      set_problem (self, NULL);
    }

  /* A message about a refused switch is stale once the fields change. */
  set_message (self, NULL);
}

static void
validate_json (VlMetadataEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *text = dup_buffer_text (self);

  object = vl_parse_metadata (text, &error);

  if (error != NULL)
    {
      /* The message already says that it is about the metadata. */
      set_problem (self, error->message);
      set_message (self, error->message);
    }
  else
    {
      set_problem (self, NULL);
      set_message (self, NULL);
    }

  vl_gui_set_invalid (GTK_WIDGET (self->json_view), error != NULL);
}

static void
validate (VlMetadataEditor *self)
{
  if (self->loading)
    return;

  if (vl_metadata_editor_get_raw (self))
    validate_json (self);
  else
    validate_fields (self);

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_field_changed (VlMetadataEditor *self)
{
  validate (self);
}

static void
on_field_remove (VlMetadataEditor *self,
                 VlMetadataRow    *row)
{
  guint position;

  if (!g_ptr_array_find (self->rows, row, &position))
    return;

  gtk_list_box_remove (self->fields_list, GTK_WIDGET (row));
  g_ptr_array_remove_index (self->rows, position);

  gtk_widget_set_visible (GTK_WIDGET (self->fields_list), self->rows->len > 0);

  /* Keep the keyboard focus near where it was. */
  if (self->rows->len > 0)
    {
      position = MIN (position, self->rows->len - 1);
      vl_metadata_row_focus_key (g_ptr_array_index (self->rows, position));
    }

  validate (self);
}

static VlMetadataRow *
append_row (VlMetadataEditor *self,
            const char       *key,
            const char       *value)
{
  VlMetadataRow *row = VL_METADATA_ROW (vl_metadata_row_new ());

  vl_metadata_row_set_key (row, key);
  vl_metadata_row_set_value (row, value);

  g_signal_connect_object (row, "changed",
                           G_CALLBACK (on_field_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove",
                           G_CALLBACK (on_field_remove), self,
                           G_CONNECT_SWAPPED);

  g_ptr_array_add (self->rows, g_object_ref (row));
  gtk_list_box_append (self->fields_list, GTK_WIDGET (row));
  gtk_widget_set_visible (GTK_WIDGET (self->fields_list), TRUE);

  return row;
}

static void
remove_all_rows (VlMetadataEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->fields_list,
                         g_ptr_array_index (self->rows, i));

  g_ptr_array_set_size (self->rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->fields_list), FALSE);
}

/* The fields as a JSON object, each value a string. Blank fields are left
 * out; the caller has made sure that there is no problem.
 */
static JsonObject *
build_object_from_fields (VlMetadataEditor *self)
{
  JsonObject *object = json_object_new ();

  for (guint i = 0; i < self->rows->len; i++)
    {
      VlMetadataRow *row = g_ptr_array_index (self->rows, i);

      if (vl_metadata_row_is_blank (row))
        continue;

      json_object_set_string_member (object,
                                     vl_metadata_row_get_key (row),
                                     vl_metadata_row_get_value (row));
    }

  return object;
}

static char *
object_to_string (JsonObject *object,
                  gboolean    pretty)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);

  return vl_json_to_string (node, pretty);
}

static gboolean
switch_to_raw (VlMetadataEditor  *self,
               GError           **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *text = NULL;

  if (self->problem != NULL)
    {
      g_set_error_literal (error, VL_CLIENT_ERROR,
                           VL_CLIENT_ERROR_INVALID_INPUT,
                           _("Fix the fields marked in red before switching "
                             "to raw JSON"));
      return FALSE;
    }

  object = build_object_from_fields (self);
  text = object_to_string (object, TRUE);

  self->loading = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->json_view),
                            text, -1);
  remove_all_rows (self);
  self->loading = FALSE;

  gtk_stack_set_visible_child_name (self->stack, "json");

  return TRUE;
}

static const char *
describe_node_type (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");

    case JSON_NODE_ARRAY:
      return _("a list");

    case JSON_NODE_NULL:
      return _("null");

    case JSON_NODE_VALUE:
    default:
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return _("true or false");
      return _("a number");
    }
}

/* Only objects whose values are all strings become fields: anything else
 * would come back as a string, which is not what the dispatcher typed.
 */
static gboolean
switch_to_fields (VlMetadataEditor  *self,
                  GError           **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree char *text = dup_buffer_text (self);
  GError *local_error = NULL;

  object = vl_parse_metadata (text, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (object != NULL)
    members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      if (!JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_STRING)
        {
          /* Translators: the first %s is a metadata key, the second says
           * what its value is ("a number", "a list"...) */
          g_set_error (error, VL_CLIENT_ERROR, VL_CLIENT_ERROR_INVALID_INPUT,
                       _("The value of “%s” is %s, not text: it can only be "
                         "edited as raw JSON"),
                       (const char *) l->data, describe_node_type (node));
          return FALSE;
        }
    }

  self->loading = TRUE;
  remove_all_rows (self);
  for (const GList *l = members; l != NULL; l = l->next)
    append_row (self, l->data,
                json_object_get_string_member (object, l->data));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->json_view),
                            "", -1);
  self->loading = FALSE;

  gtk_stack_set_visible_child_name (self->stack, "fields");

  return TRUE;
}

static void
sync_switch (VlMetadataEditor *self,
             gboolean          raw)
{
  self->syncing_switch = TRUE;
  gtk_switch_set_active (self->raw_switch, raw);
  self->syncing_switch = FALSE;
}

static gboolean
put_switch_back (gpointer user_data)
{
  g_autoptr(VlMetadataEditor) self = user_data;

  sync_switch (self, gtk_switch_get_state (self->raw_switch));

  return G_SOURCE_REMOVE;
}

/* Runs before the switch takes its new state. Refusing keeps the old
 * state; the switch's own "active" is put back once its emission is over,
 * since doing it from here would start the change all over again.
 */
static gboolean
on_raw_switch_state_set (VlMetadataEditor *self,
                         gboolean          raw)
{
  g_autoptr(GError) error = NULL;
  gboolean converted;

  if (self->syncing_switch)
    return FALSE;

  if (raw)
    converted = switch_to_raw (self, &error);
  else
    converted = switch_to_fields (self, &error);

  if (!converted)
    {
      set_message (self, error->message);
      g_idle_add (put_switch_back, g_object_ref (self));
      return TRUE;
    }

  validate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RAW]);

  return FALSE;
}

static void
on_json_changed (VlMetadataEditor *self)
{
  validate (self);
}

static void
add_field_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VlMetadataEditor *self = VL_METADATA_EDITOR (widget);
  VlMetadataRow *row;

  row = vl_metadata_editor_add_field (self, NULL, NULL);
  vl_metadata_row_focus_key (row);
}

static void
vl_metadata_editor_dispose (GObject *object)
{
  VlMetadataEditor *self = VL_METADATA_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), VL_TYPE_METADATA_EDITOR);

  G_OBJECT_CLASS (vl_metadata_editor_parent_class)->dispose (object);
}

static void
vl_metadata_editor_finalize (GObject *object)
{
  VlMetadataEditor *self = VL_METADATA_EDITOR (object);

  g_ptr_array_unref (self->rows);
  g_free (self->problem);
  g_free (self->message);

  G_OBJECT_CLASS (vl_metadata_editor_parent_class)->finalize (object);
}

static void
vl_metadata_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VlMetadataEditor *self = VL_METADATA_EDITOR (object);

  switch (prop_id)
    {
    case PROP_RAW:
      g_value_set_boolean (value, vl_metadata_editor_get_raw (self));
      break;

    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_metadata_editor_class_init (VlMetadataEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vl_metadata_editor_dispose;
  object_class->finalize = vl_metadata_editor_finalize;
  object_class->get_property = vl_metadata_editor_get_property;

  properties[PROP_RAW] =
    g_param_spec_boolean ("raw", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
      "/io/github/visionlive/Launcher/vl-metadata-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, VlMetadataEditor,
                                        raw_switch);
  gtk_widget_class_bind_template_child (widget_class, VlMetadataEditor,
                                        stack);
  gtk_widget_class_bind_template_child (widget_class, VlMetadataEditor,
                                        fields_list);
  gtk_widget_class_bind_template_child (widget_class, VlMetadataEditor,
                                        json_view);
  gtk_widget_class_bind_template_child (widget_class, VlMetadataEditor,
                                        message_label);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_raw_switch_state_set);

  gtk_widget_class_install_action (widget_class, "metadata.add-field", NULL,
                                   add_field_action);
}

static void
vl_metadata_editor_init (VlMetadataEditor *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->json_view),
                           "changed",
                           G_CALLBACK (on_json_changed), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
vl_metadata_editor_new (void)
{
  return g_object_new (VL_TYPE_METADATA_EDITOR, NULL);
}

VlMetadataRow *
vl_metadata_editor_add_field (VlMetadataEditor *self,
                              const char       *key,
                              const char       *value)
{
  VlMetadataRow *row;

  g_return_val_if_fail (VL_IS_METADATA_EDITOR (self), NULL);

  if (vl_metadata_editor_get_raw (self) &&
      !vl_metadata_editor_set_raw (self, FALSE, NULL))
    return NULL;

  row = append_row (self, key, value);
  validate (self);

  return row;
}

guint
vl_metadata_editor_get_n_fields (VlMetadataEditor *self)
{
  g_return_val_if_fail (VL_IS_METADATA_EDITOR (self), 0);

  return self->rows->len;
}

VlMetadataRow *
vl_metadata_editor_get_field (VlMetadataEditor *self,
                              guint             position)
{
  g_return_val_if_fail (VL_IS_METADATA_EDITOR (self), NULL);
  g_return_val_if_fail (position < self->rows->len, NULL);

  return g_ptr_array_index (self->rows, position);
}

gboolean
vl_metadata_editor_get_raw (VlMetadataEditor *self)
{
  g_return_val_if_fail (VL_IS_METADATA_EDITOR (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack),
                    "json") == 0;
}

gboolean
vl_metadata_editor_set_raw (VlMetadataEditor  *self,
                            gboolean           raw,
                            GError           **error)
{
  gboolean converted;

  g_return_val_if_fail (VL_IS_METADATA_EDITOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  raw = !!raw;
  if (raw == vl_metadata_editor_get_raw (self))
    return TRUE;

  if (raw)
    converted = switch_to_raw (self, error);
  else
    converted = switch_to_fields (self, error);

  if (!converted)
    return FALSE;

  sync_switch (self, raw);
  validate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RAW]);

  return TRUE;
}

char *
vl_metadata_editor_dup_json_text (VlMetadataEditor *self)
{
  g_return_val_if_fail (VL_IS_METADATA_EDITOR (self), NULL);

  return dup_buffer_text (self);
}

void
vl_metadata_editor_set_json_text (VlMetadataEditor *self,
                                  const char       *text)
{
  g_return_if_fail (VL_IS_METADATA_EDITOR (self));

  if (!vl_metadata_editor_get_raw (self))
    {
      /* The old content is replaced anyway: no conversion needed. */
      self->loading = TRUE;
      remove_all_rows (self);
      self->loading = FALSE;
      gtk_stack_set_visible_child_name (self->stack, "json");
      sync_switch (self, TRUE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RAW]);
    }

  /* on_json_changed () validates */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->json_view),
                            text ? text : "", -1);
}

const char *
vl_metadata_editor_get_problem (VlMetadataEditor *self)
{
  g_return_val_if_fail (VL_IS_METADATA_EDITOR (self), NULL);

  return self->problem;
}

const char *
vl_metadata_editor_get_message (VlMetadataEditor *self)
{
  g_return_val_if_fail (VL_IS_METADATA_EDITOR (self), NULL);

  return self->message;
}

char *
vl_metadata_editor_dup_metadata_json (VlMetadataEditor *self)
{
  g_autoptr(JsonObject) object = NULL;

  g_return_val_if_fail (VL_IS_METADATA_EDITOR (self), NULL);

  if (self->problem != NULL)
    return NULL;

  if (vl_metadata_editor_get_raw (self))
    {
      g_autofree char *text = dup_buffer_text (self);

      object = vl_parse_metadata (text, NULL);
    }
  else
    {
      object = build_object_from_fields (self);
    }

  /* An empty object says nothing: callMetadataJSON is left out. */
  if (object == NULL || json_object_get_size (object) == 0)
    return NULL;

  return object_to_string (object, FALSE);
}

void
vl_metadata_editor_clear (VlMetadataEditor *self)
{
  g_return_if_fail (VL_IS_METADATA_EDITOR (self));

  self->loading = TRUE;
  remove_all_rows (self);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->json_view),
                            "", -1);
  self->loading = FALSE;

  if (vl_metadata_editor_get_raw (self))
    {
      gtk_stack_set_visible_child_name (self->stack, "fields");
      sync_switch (self, FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RAW]);
    }

  validate (self);
}

GtkSwitch *
vl_metadata_editor_get_raw_switch (VlMetadataEditor *self)
{
  g_return_val_if_fail (VL_IS_METADATA_EDITOR (self), NULL);

  return self->raw_switch;
}

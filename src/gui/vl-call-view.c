/* vl-call-view.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vl-call-view-private.h"
#include "vl-gui-util.h"
#include "vl-validate.h"

/* The call's page, built when the first call is shown: its widgets, which
 * the page's parents own.
 */
typedef struct
{
  GtkScrolledWindow   *scrolled_window;
  GtkLabel            *notice_label;
  AdwActionRow        *id_row;
  AdwActionRow        *link_row;
  GtkWidget           *open_button;
  GtkWidget           *copy_link_button;
  AdwActionRow        *prepared_row;
  AdwActionRow        *environment_row;
  AdwActionRow        *refresh_row;
  AdwActionRow        *new_call_row;
  AdwActionRow        *remove_row;
  AdwPreferencesGroup *invitations_group;
  AdwPreferencesGroup *work_order_group;
  AdwPreferencesGroup *metadata_group;
} CallPage;

struct _VlCallView
{
  AdwBin               parent_instance;

  GtkStack            *stack;
  CallPage             page;      /* all NULL before the first call */

  char                *refresh_status;

  /* The rows made for the current call, per group (owned) */
  GPtrArray           *invitation_rows;
  GPtrArray           *work_order_rows;
  GPtrArray           *metadata_rows;

  VlCall              *call;
};

G_DEFINE_FINAL_TYPE (VlCallView, vl_call_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CALL,
  N_PROPS
};

enum {
  OPEN_LINK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));

  g_ptr_array_set_size (rows, 0);
}

/* Values come from the service and from the dispatcher: never markup. */
static AdwActionRow *
add_row (AdwPreferencesGroup *group,
         GPtrArray           *rows,
         const char          *title,
         const char          *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (row, subtitle);

  adw_preferences_group_add (group, GTK_WIDGET (row));
  g_ptr_array_add (rows, g_object_ref (row));

  return row;
}

static void
add_none_row (AdwPreferencesGroup *group,
              GPtrArray           *rows)
{
  AdwActionRow *row;

  row = add_row (group, rows, _("None"), NULL);
  gtk_widget_add_css_class (GTK_WIDGET (row), "dim-label");
}

static void
show_invitations (VlCallView *self)
{
  GListModel *invitations = vl_call_get_invitations (self->call);
  guint n_items = invitations ? g_list_model_get_n_items (invitations) : 0;

  clear_rows (self->page.invitations_group, self->invitation_rows);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(VlInvitation) invitation = NULL;
      VlInvitationType kind;

      invitation = g_list_model_get_item (invitations, i);
      kind = vl_invitation_get_kind (invitation);
      add_row (self->page.invitations_group, self->invitation_rows,
               vl_invitation_get_recipient (invitation),
               vl_invitation_type_get_label (kind));
    }

  if (n_items == 0)
    add_none_row (self->page.invitations_group, self->invitation_rows);
}

static void
show_work_order (VlCallView *self)
{
  clear_rows (self->page.work_order_group, self->work_order_rows);

  if (!vl_call_has_integration (self->call))
    {
      add_none_row (self->page.work_order_group, self->work_order_rows);
      return;
    }

  add_row (self->page.work_order_group, self->work_order_rows,
           _("Namespace"),
           vl_call_get_integration_namespace (self->call));
  add_row (self->page.work_order_group, self->work_order_rows,
           _("ID"),
           vl_call_get_integration_id (self->call));
}

static void
show_metadata (VlCallView *self)
{
  g_autoptr(GPtrArray) split = NULL;
  const char *text;

  clear_rows (self->page.metadata_group, self->metadata_rows);

  text = vl_call_get_metadata_json (self->call);
  split = vl_metadata_split (text);
  if (split == NULL)
    {
      /* The service stores any string: show it as it came. */
      add_row (self->page.metadata_group, self->metadata_rows,
               _("Not a JSON Object"), text);
      return;
    }

  for (guint i = 0; i < split->len; i++)
    {
      VlMetadataEntry *entry = g_ptr_array_index (split, i);

      add_row (self->page.metadata_group, self->metadata_rows, entry->key,
               entry->value);
    }

  if (split->len == 0)
    add_none_row (self->page.metadata_group, self->metadata_rows);
}

static void
show_link (VlCallView *self)
{
  g_autoptr(GError) error = NULL;
  const char *link = vl_call_get_link (self->call);
  const char *no_link = _("The service returned no link for this call");
  gboolean can_open;

  adw_action_row_set_subtitle (self->page.link_row, link ? link : no_link);

  can_open = link != NULL && vl_check_link (link, &error);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "call.open-link",
                                 can_open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "call.copy-link",
                                 link != NULL);

  if (link == NULL)
    {
      gtk_widget_set_tooltip_text (self->page.open_button, no_link);
      gtk_widget_set_tooltip_text (self->page.copy_link_button, no_link);
    }
  else
    {
      gtk_widget_set_tooltip_text (self->page.open_button,
                                   can_open ? _("Open in the Browser")
                                            : error->message);
      gtk_widget_set_tooltip_text (self->page.copy_link_button, _("Copy Link"));
    }
}

/* The service prepared the call but said something went wrong too. */
static void
show_notice (VlCallView *self)
{
  const char *notice = vl_call_get_service_notice (self->call);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->page.notice_label), notice != NULL);
  if (notice == NULL)
    return;

  /* Translators: %s is what the service said, word for word */
  text = g_strdup_printf (_("The service prepared the call, and also said: "
                            "%s"), notice);
  gtk_label_set_text (self->page.notice_label, text);
}

static void
show_details (VlCallView *self)
{
  GDateTime *prepared_at = vl_call_get_prepared_at (self->call);
  const char *environment = vl_call_get_environment (self->call);

  gtk_widget_set_visible (GTK_WIDGET (self->page.prepared_row),
                          prepared_at != NULL);
  if (prepared_at != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (prepared_at);
      /* Translators: when a call was prepared, as in "3 December 2026,
       * 14:05"; see g_date_time_format() for the codes */
      const char *format = _("%-d %B %Y, %H:%M");
      g_autofree char *text = g_date_time_format (local, format);

      adw_action_row_set_subtitle (self->page.prepared_row, text);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->page.environment_row),
                          environment != NULL);
  if (environment != NULL)
    {
      g_autofree char *label = vl_environment_dup_label (environment);

      adw_action_row_set_subtitle (self->page.environment_row, label);
    }
}

/* Builds the call's page: the window's first frame does without it. */
static void
ensure_page (VlCallView *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;

  if (self->page.scrolled_window != NULL)
    return;

#define PAGE(name) gtk_builder_get_object (builder, (name))

  builder = gtk_builder_new ();
  if (!gtk_builder_add_from_resource (builder,
                                      "/io/github/visionlive/Launcher/"
                                      "vl-call-page.ui", &error))
    g_error ("The call page is missing from the resources: %s",
             error->message);

  self->page.scrolled_window = GTK_SCROLLED_WINDOW (PAGE ("scrolled_window"));
  self->page.notice_label = GTK_LABEL (PAGE ("notice_label"));
  self->page.id_row = ADW_ACTION_ROW (PAGE ("id_row"));
  self->page.link_row = ADW_ACTION_ROW (PAGE ("link_row"));
  self->page.open_button = GTK_WIDGET (PAGE ("open_button"));
  self->page.copy_link_button = GTK_WIDGET (PAGE ("copy_link_button"));
  self->page.prepared_row = ADW_ACTION_ROW (PAGE ("prepared_row"));
  self->page.environment_row = ADW_ACTION_ROW (PAGE ("environment_row"));
  self->page.refresh_row = ADW_ACTION_ROW (PAGE ("refresh_row"));
  self->page.new_call_row = ADW_ACTION_ROW (PAGE ("new_call_row"));
  self->page.remove_row = ADW_ACTION_ROW (PAGE ("remove_row"));
  self->page.invitations_group =
    ADW_PREFERENCES_GROUP (PAGE ("invitations_group"));
  self->page.work_order_group =
    ADW_PREFERENCES_GROUP (PAGE ("work_order_group"));
  self->page.metadata_group = ADW_PREFERENCES_GROUP (PAGE ("metadata_group"));

#undef PAGE

  /* The stack holds the page, and the page its widgets, for as long as
   * the view lives.
   */
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->page.scrolled_window),
                       "call");
  adw_action_row_set_subtitle (self->page.refresh_row,
                               self->refresh_status ? self->refresh_status
                                                    : "");
}

static void
update (VlCallView *self)
{
  gboolean has_call = self->call != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "call.copy-id",
                                 has_call);

  if (!has_call)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "call.open-link",
                                     FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "call.copy-link",
                                     FALSE);
      return;
    }

  ensure_page (self);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->page.id_row),
                                 vl_call_get_id (self->call));
  show_notice (self);
  show_link (self);
  show_details (self);
  show_invitations (self);
  show_work_order (self);
  show_metadata (self);

  gtk_stack_set_visible_child_name (self->stack, "call");
}

static void
copy_text (VlCallView *self,
           const char *text,
           const char *toast)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  vl_gui_show_toast (GTK_WIDGET (self), toast);
}

static void
copy_id_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VlCallView *self = VL_CALL_VIEW (widget);

  if (self->call != NULL && vl_call_get_id (self->call) != NULL)
    copy_text (self, vl_call_get_id (self->call), _("Call ID copied"));
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VlCallView *self = VL_CALL_VIEW (widget);

  if (self->call != NULL && vl_call_get_link (self->call) != NULL)
    copy_text (self, vl_call_get_link (self->call), _("Link copied"));
}

static void
open_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VlCallView *self = VL_CALL_VIEW (widget);

  if (self->call != NULL && vl_call_get_link (self->call) != NULL)
    g_signal_emit (self, signals[OPEN_LINK], 0, vl_call_get_link (self->call));
}

static void
vl_call_view_dispose (GObject *object)
{
  VlCallView *self = VL_CALL_VIEW (object);

  /* The stack is both the bin's child and a template child: let the bin
   * drop it first, or both would unparent it.
   */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VL_TYPE_CALL_VIEW);

  /* The page went with the stack: nothing may point into it. */
  self->page = (CallPage) { NULL };

  g_clear_object (&self->call);

  G_OBJECT_CLASS (vl_call_view_parent_class)->dispose (object);
}

static void
vl_call_view_finalize (GObject *object)
{
  VlCallView *self = VL_CALL_VIEW (object);

  g_ptr_array_unref (self->invitation_rows);
  g_ptr_array_unref (self->work_order_rows);
  g_ptr_array_unref (self->metadata_rows);
  g_free (self->refresh_status);

  G_OBJECT_CLASS (vl_call_view_parent_class)->finalize (object);
}

static void
vl_call_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VlCallView *self = VL_CALL_VIEW (object);

  switch (prop_id)
    {
    case PROP_CALL:
      g_value_set_object (value, self->call);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_call_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  VlCallView *self = VL_CALL_VIEW (object);

  switch (prop_id)
    {
    case PROP_CALL:
      vl_call_view_set_call (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_call_view_class_init (VlCallViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vl_call_view_dispose;
  object_class->finalize = vl_call_view_finalize;
  object_class->get_property = vl_call_view_get_property;
  object_class->set_property = vl_call_view_set_property;

  properties[PROP_CALL] =
    g_param_spec_object ("call", NULL, NULL,
                         VL_TYPE_CALL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VlCallView::open-link:
   * @self: the call view
   * @link: the link of the call shown
   *
   * Asks for @link to be opened in the browser.
   */
  signals[OPEN_LINK] =
    g_signal_new ("open-link",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
      "/io/github/visionlive/Launcher/vl-call-view.ui");
  gtk_widget_class_bind_template_child (widget_class, VlCallView, stack);

  gtk_widget_class_install_action (widget_class, "call.copy-id", NULL,
                                   copy_id_action);
  gtk_widget_class_install_action (widget_class, "call.copy-link", NULL,
                                   copy_link_action);
  gtk_widget_class_install_action (widget_class, "call.open-link", NULL,
                                   open_link_action);
}

static void
vl_call_view_init (VlCallView *self)
{
  self->invitation_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->work_order_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->metadata_rows = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));

  update (self);
}

GtkWidget *
vl_call_view_new (void)
{
  return g_object_new (VL_TYPE_CALL_VIEW, NULL);
}

VlCall *
vl_call_view_get_call (VlCallView *self)
{
  g_return_val_if_fail (VL_IS_CALL_VIEW (self), NULL);

  return self->call;
}

void
vl_call_view_set_call (VlCallView *self,
                       VlCall     *call)
{
  gboolean other;

  g_return_if_fail (VL_IS_CALL_VIEW (self));
  g_return_if_fail (call == NULL || VL_IS_CALL (call));

  other = self->call == NULL || call == NULL ||
          g_strcmp0 (vl_call_get_id (self->call), vl_call_get_id (call)) != 0;

  if (!g_set_object (&self->call, call))
    return;

  update (self);

  /* Another call starts at its top, where its id and link are; the same
   * one, refreshed, stays where the dispatcher scrolled to.
   */
  if (other && self->page.scrolled_window != NULL)
    gtk_adjustment_set_value (
      gtk_scrolled_window_get_vadjustment (self->page.scrolled_window), 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALL]);
}

const char *
vl_call_view_get_id_text (VlCallView *self)
{
  g_return_val_if_fail (VL_IS_CALL_VIEW (self), NULL);

  if (self->call == NULL)
    return NULL;

  return adw_preferences_row_get_title (
    ADW_PREFERENCES_ROW (self->page.id_row));
}

GPtrArray *
vl_call_view_get_invitation_rows (VlCallView *self)
{
  g_return_val_if_fail (VL_IS_CALL_VIEW (self), NULL);

  return self->invitation_rows;
}

GPtrArray *
vl_call_view_get_work_order_rows (VlCallView *self)
{
  g_return_val_if_fail (VL_IS_CALL_VIEW (self), NULL);

  return self->work_order_rows;
}

GPtrArray *
vl_call_view_get_metadata_rows (VlCallView *self)
{
  g_return_val_if_fail (VL_IS_CALL_VIEW (self), NULL);

  return self->metadata_rows;
}

AdwActionRow *
vl_call_view_get_link_row (VlCallView *self)
{
  g_return_val_if_fail (VL_IS_CALL_VIEW (self), NULL);

  ensure_page (self);

  return self->page.link_row;
}

GtkWidget *
vl_call_view_get_open_button (VlCallView *self)
{
  g_return_val_if_fail (VL_IS_CALL_VIEW (self), NULL);

  ensure_page (self);

  return self->page.open_button;
}

GtkWidget *
vl_call_view_get_copy_link_button (VlCallView *self)
{
  g_return_val_if_fail (VL_IS_CALL_VIEW (self), NULL);

  ensure_page (self);

  return self->page.copy_link_button;
}

/**
 * vl_call_view_set_refresh_status:
 * @status: (nullable): what Refresh would do, why it cannot, or how it
 *   went, as plain text
 */
void
vl_call_view_set_refresh_status (VlCallView *self,
                                 const char *status)
{
  g_return_if_fail (VL_IS_CALL_VIEW (self));

  g_free (self->refresh_status);
  self->refresh_status = g_strdup (status);

  if (self->page.refresh_row != NULL)
    adw_action_row_set_subtitle (self->page.refresh_row, status ? status : "");
}

const char *
vl_call_view_get_refresh_status (VlCallView *self)
{
  g_return_val_if_fail (VL_IS_CALL_VIEW (self), NULL);

  return self->refresh_status ? self->refresh_status : "";
}

/* The service's notice as shown, or %NULL when none is */
const char *
vl_call_view_get_notice (VlCallView *self)
{
  g_return_val_if_fail (VL_IS_CALL_VIEW (self), NULL);

  if (self->page.notice_label == NULL ||
      !gtk_widget_get_visible (GTK_WIDGET (self->page.notice_label)))
    return NULL;

  return gtk_label_get_text (self->page.notice_label);
}

/* The rows for Refresh, New Call From This and Remove from History */
GtkWidget *
vl_call_view_get_action_row (VlCallView *self,
                             const char *action_name)
{
  g_return_val_if_fail (VL_IS_CALL_VIEW (self), NULL);

  ensure_page (self);

  if (g_str_equal (action_name, "win.refresh-call"))
    return GTK_WIDGET (self->page.refresh_row);
  if (g_str_equal (action_name, "win.new-call-from-call"))
    return GTK_WIDGET (self->page.new_call_row);
  if (g_str_equal (action_name, "win.remove-call"))
    return GTK_WIDGET (self->page.remove_row);

  g_return_val_if_reached (NULL);
}

/* Gives the keyboard focus to the call shown: its id. */
void
vl_call_view_focus (VlCallView *self)
{
  g_return_if_fail (VL_IS_CALL_VIEW (self));

  if (self->page.id_row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->page.id_row));
}

/* vl-history-model.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vl-history-model.h"
#include "vl-util.h"

/* Rows read at a time, and pages kept: a screenful or two either side of
 * where the list is.
 */
#define PAGE_SIZE 50
#define N_PAGES   8

typedef struct
{
  guint      number;
  guint64    last_used;
  GPtrArray *calls;      /* NULL when the slot is free */
} Page;

struct _VlHistoryModel
{
  GObject    parent_instance;

  VlHistory *history;
  gulong     changed_handler;
  char      *search;
  guint      n_items;

  Page       pages[N_PAGES];
  guint64    clock;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VlHistoryModel, vl_history_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      list_model_iface_init))

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
count (VlHistoryModel *self)
{
  g_autoptr(GError) error = NULL;
  guint n_items = vl_history_count (self->history, self->search, &error);

  if (error != NULL)
    g_warning ("%s", error->message);

  return n_items;
}

static gboolean
find (VlHistoryModel *self,
      const char     *id,
      guint          *position)
{
  g_autoptr(GError) error = NULL;

  if (vl_history_find (self->history, self->search, id, position, &error))
    return TRUE;

  if (error != NULL)
    g_warning ("%s", error->message);

  return FALSE;
}

static void
drop_pages (VlHistoryModel *self,
            guint           first)
{
  for (guint i = 0; i < N_PAGES; i++)
    {
      if (self->pages[i].calls != NULL && self->pages[i].number >= first)
        g_clear_pointer (&self->pages[i].calls, g_ptr_array_unref);
    }
}

static void
drop_page (VlHistoryModel *self,
           guint           number)
{
  for (guint i = 0; i < N_PAGES; i++)
    {
      if (self->pages[i].calls != NULL && self->pages[i].number == number)
        g_clear_pointer (&self->pages[i].calls, g_ptr_array_unref);
    }
}

/* Where a call is among the pages read, for one that is gone from the
 * history and can no longer be looked up there.
 */
static gboolean
find_in_pages (VlHistoryModel *self,
               const char     *id,
               guint          *position)
{
  for (guint i = 0; i < N_PAGES; i++)
    {
      GPtrArray *calls = self->pages[i].calls;

      for (guint j = 0; calls != NULL && j < calls->len; j++)
        {
          if (g_strcmp0 (vl_call_get_id (calls->pdata[j]), id) == 0)
            {
              *position = self->pages[i].number * PAGE_SIZE + j;
              return TRUE;
            }
        }
    }

  return FALSE;
}

/* Call @id came in at @position. The page it falls in reads that call
 * alone and keeps the others it holds, so that the rows on screen keep
 * their items and are not bound again: a save, which comes with every
 * call started, would otherwise rebuild the whole visible list. The
 * pages after it have all moved by one.
 *
 * Returns: %FALSE when the pages read do not agree with the file (they
 *   already hold the call: another process changed it too), and the list
 *   must start over
 */
static gboolean
insert_item (VlHistoryModel *self,
             const char     *id,
             guint           position)
{
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GError) error = NULL;
  guint number = position / PAGE_SIZE;
  guint index = position % PAGE_SIZE;
  guint already;
  Page *page = NULL;

  if (find_in_pages (self, id, &already))
    return FALSE;

  drop_pages (self, number + 1);

  for (guint i = 0; i < N_PAGES; i++)
    {
      if (self->pages[i].calls != NULL && self->pages[i].number == number)
        page = &self->pages[i];
    }

  if (page == NULL)
    return TRUE;

  if (index <= page->calls->len)
    calls = vl_history_list (self->history, self->search, position, 1,
                             &error);

  if (calls == NULL || calls->len != 1)
    {
      if (error != NULL)
        g_warning ("%s", error->message);
      return FALSE;
    }

  g_ptr_array_insert (page->calls, index, g_object_ref (calls->pdata[0]));
  if (page->calls->len > PAGE_SIZE)
    g_ptr_array_remove_index (page->calls, PAGE_SIZE);

  return TRUE;
}

static Page *
get_page (VlHistoryModel *self,
          guint           number)
{
  g_autoptr(GError) error = NULL;
  Page *oldest = &self->pages[0];
  GPtrArray *calls;

  for (guint i = 0; i < N_PAGES; i++)
    {
      Page *page = &self->pages[i];

      if (page->calls != NULL && page->number == number)
        {
          page->last_used = ++self->clock;
          return page;
        }

      if (page->calls == NULL ||
          (oldest->calls != NULL && page->last_used < oldest->last_used))
        oldest = page;
    }

  calls = vl_history_list (self->history, self->search, number * PAGE_SIZE,
                           PAGE_SIZE, &error);
  if (calls == NULL)
    {
      g_warning ("%s", error->message);
      return NULL;
    }

  g_clear_pointer (&oldest->calls, g_ptr_array_unref);
  oldest->calls = calls;
  oldest->number = number;
  oldest->last_used = ++self->clock;

  return oldest;
}

/* Every item may have changed; n_items is already the new count. */
static void
reset (VlHistoryModel *self,
       guint           old_n_items)
{
  drop_pages (self, 0);

  if (old_n_items > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items,
                                self->n_items);
}

static void
on_history_changed (VlHistory       *history,
                    const char      *id,
                    VlHistoryChange  change,
                    VlHistoryModel  *self)
{
  guint old_n_items = self->n_items;
  guint position;

  self->n_items = count (self);

  if (change == VL_HISTORY_CHANGE_MANY)
    {
      reset (self, old_n_items);
      return;
    }

  if (change != VL_HISTORY_CHANGE_REMOVED && find (self, id, &position))
    {
      /* One more call in the file, and it is this one: anything else,
       * such as a refresh while another process added a call, starts
       * over.
       */
      if (change == VL_HISTORY_CHANGE_ADDED &&
          self->n_items == old_n_items + 1 &&
          insert_item (self, id, position))
        {
          g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
          return;
        }

      if (self->n_items == old_n_items &&
          change == VL_HISTORY_CHANGE_UPDATED)
        {
          drop_page (self, position / PAGE_SIZE);
          g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
          return;
        }
    }
  else
    {
      /* Not in this list now, and not before either. */
      if (self->n_items == old_n_items)
        return;

      if (self->n_items + 1 == old_n_items &&
          find_in_pages (self, id, &position))
        {
          drop_pages (self, position / PAGE_SIZE);
          g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
          return;
        }
    }

  /* Another process changed the file too, or the call left the list from
   * a page that was not read: start over.
   */
  reset (self, old_n_items);
}

static GType
vl_history_model_get_item_type (GListModel *model)
{
  return VL_TYPE_CALL;
}

static guint
vl_history_model_get_n_items (GListModel *model)
{
  return VL_HISTORY_MODEL (model)->n_items;
}

static gpointer
vl_history_model_get_item (GListModel *model,
                           guint       position)
{
  VlHistoryModel *self = VL_HISTORY_MODEL (model);
  Page *page;

  if (position >= self->n_items)
    return NULL;

  page = get_page (self, position / PAGE_SIZE);
  if (page == NULL || position % PAGE_SIZE >= page->calls->len)
    return NULL;

  return g_object_ref (page->calls->pdata[position % PAGE_SIZE]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = vl_history_model_get_item_type;
  iface->get_n_items = vl_history_model_get_n_items;
  iface->get_item = vl_history_model_get_item;
}

static void
vl_history_model_constructed (GObject *object)
{
  VlHistoryModel *self = (VlHistoryModel *)object;

  G_OBJECT_CLASS (vl_history_model_parent_class)->constructed (object);

  g_return_if_fail (VL_IS_HISTORY (self->history));

  self->changed_handler = g_signal_connect (self->history, "changed",
                                            G_CALLBACK (on_history_changed),
                                            self);
  self->n_items = count (self);
}

static void
vl_history_model_dispose (GObject *object)
{
  VlHistoryModel *self = (VlHistoryModel *)object;

  if (self->history != NULL)
    g_clear_signal_handler (&self->changed_handler, self->history);
  g_clear_object (&self->history);
  drop_pages (self, 0);

  G_OBJECT_CLASS (vl_history_model_parent_class)->dispose (object);
}

static void
vl_history_model_finalize (GObject *object)
{
  VlHistoryModel *self = (VlHistoryModel *)object;

  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (vl_history_model_parent_class)->finalize (object);
}

static void
vl_history_model_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VlHistoryModel *self = VL_HISTORY_MODEL (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_history_model_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  VlHistoryModel *self = VL_HISTORY_MODEL (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      break;

    case PROP_SEARCH:
      vl_history_model_set_search (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vl_history_model_class_init (VlHistoryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = vl_history_model_constructed;
  object_class->dispose = vl_history_model_dispose;
  object_class->finalize = vl_history_model_finalize;
  object_class->get_property = vl_history_model_get_property;
  object_class->set_property = vl_history_model_set_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         VL_TYPE_HISTORY,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vl_history_model_init (VlHistoryModel *self)
{
}

VlHistoryModel *
vl_history_model_new (VlHistory *history)
{
  g_return_val_if_fail (VL_IS_HISTORY (history), NULL);

  return g_object_new (VL_TYPE_HISTORY_MODEL, "history", history, NULL);
}

VlHistory *
vl_history_model_get_history (VlHistoryModel *self)
{
  g_return_val_if_fail (VL_IS_HISTORY_MODEL (self), NULL);

  return self->history;
}

/**
 * vl_history_model_get_search:
 *
 * Returns: (nullable): the search the list is filtered by
 */
const char *
vl_history_model_get_search (VlHistoryModel *self)
{
  g_return_val_if_fail (VL_IS_HISTORY_MODEL (self), NULL);

  return self->search;
}

/**
 * vl_history_model_set_search:
 * @search: (nullable): what was typed, as for vl_history_count(); %NULL
 *   or blank for every call
 *
 * Filters the list. It counts the matches at once and reads the first
 * page when it is asked for.
 */
void
vl_history_model_set_search (VlHistoryModel *self,
                             const char     *search)
{
  g_return_if_fail (VL_IS_HISTORY_MODEL (self));

  if (!vl_set_str (&self->search, search))
    return;

  /* Before construction is over there is nothing to count yet. */
  if (self->history != NULL && self->changed_handler != 0)
    {
      guint old_n_items = self->n_items;

      self->n_items = count (self);
      reset (self, old_n_items);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

/* kf-record-model.c — a lazy list of records
 *
 * The model knows how many records its query matches (one COUNT) and reads
 * only the pages of rows that a view asks for, so a list of 100,000 records
 * opens as fast as one of 10. It reloads itself when the store changes.
 * Each page it reads is announced ("page-read"), so that a list can read
 * what its rows refer to with one query per page rather than one per row.
 *
 * The count runs in a GTask thread with its own connection (counting
 * 100,000 bookings takes longer than a frame); until it arrives the model
 * keeps its length and "counting" is TRUE. A count asked for while one runs
 * makes one more run after it, and the older result is dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-record-model"

#include "config.h"

#include "kf-record-model.h"
#include "kf-record-object.h"

/* A GtkListView keeps about 200 rows bound from the top: one page holds
 * them, so that a list opens with one query (each sorts the whole match). */
#define PAGE_SIZE 256

struct _KfRecordModel
{
  GObject     parent_instance;

  KfStore    *store;
  KfEntity    entity;
  KfQuery     query;
  char       *from;
  char       *to;
  char       *session_id;
  char       *status;
  char       *search;
  char       *base_id;
  char       *topic;
  char       *format;

  guint       n_items;
  GHashTable *pages;      /* page number → GPtrArray of KfRecordObject */
  guint       rows_read;
  gboolean    paused;     /* nobody looks: changes are noted, not read */
  gboolean    stale;

  GCancellable *cancellable;
  guint       generation; /* one more for each query or store change */
  gboolean    counting;   /* a count is in flight */
};

enum
{
  PROP_0,
  PROP_COUNTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  PAGE_READ,
  BEFORE_RESET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KfRecordModel, kf_record_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return KF_TYPE_RECORD_OBJECT;
}

static guint
get_n_items (GListModel *model)
{
  return KF_RECORD_MODEL (model)->n_items;
}

static GPtrArray *
read_page (KfRecordModel *self,
           guint          page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  KfQuery query = self->query;
  GPtrArray *objects;

  query.limit = PAGE_SIZE;
  query.offset = page * PAGE_SIZE;
  records = kf_store_list (self->store, self->entity, &query, &error);
  if (records == NULL)
    {
      g_warning ("Cannot read records: %s", error->message);
      records = g_ptr_array_new ();
    }

  objects = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (objects, kf_record_object_new (g_steal_pointer (&records->pdata[i])));
  self->rows_read += records->len;
  return objects;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  KfRecordModel *self = KF_RECORD_MODEL (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *objects;

  if (position >= self->n_items)
    return NULL;

  objects = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (objects == NULL)
    {
      objects = read_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), objects);
      /* Kept before it is announced: a handler may ask for its items. */
      g_signal_emit (self, signals[PAGE_READ], 0, objects);
    }
  if (position % PAGE_SIZE >= objects->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (objects, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* What a count needs in its thread: copies, the model may change. */
typedef struct
{
  char     *path;
  KfEntity  entity;
  KfQuery   query;
  guint     generation;
} CountJob;

static void
count_job_free (gpointer data)
{
  CountJob *job = data;

  g_free (job->path);
  g_free ((char *) job->query.from);
  g_free ((char *) job->query.to);
  g_free ((char *) job->query.session_id);
  g_free ((char *) job->query.status);
  g_free ((char *) job->query.search);
  g_free ((char *) job->query.base_id);
  g_free ((char *) job->query.topic);
  g_free ((char *) job->query.format);
  g_free (job);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CountJob *job = task_data;
  g_autoptr(KfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 count = -1;

  store = kf_store_open (job->path, &error);
  if (store != NULL)
    count = kf_store_count_query (store, job->entity, &job->query, &error);
  if (store == NULL || count < 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_int (task, count);
}

static void
set_counting (KfRecordModel *self,
              gboolean       counting)
{
  if (self->counting == counting)
    return;
  self->counting = counting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

/* Forgets the pages read and takes @count as the length. */
static void
apply_count (KfRecordModel *self,
             guint          count)
{
  guint old_n_items = self->n_items;

  g_hash_table_remove_all (self->pages);

  /* A change that removes the rows a GtkListView tracks (focus, scroll
   * anchor, selection) makes GTK 4.8 look for them among all the added items
   * by identity (gtk_list_item_manager_model_items_changed_cb): with new
   * objects it would read every row. Removing all, then adding all, leaves it
   * nothing to look for; views that keep their place save it around reloads. */
  if (old_n_items > 0 && count > 0)
    {
      self->n_items = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, 0);
      old_n_items = 0;
    }
  self->n_items = count;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
}

static void start_count (KfRecordModel *self);

static void
count_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  KfRecordModel *self = KF_RECORD_MODEL (object);
  CountJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gint64 count = g_task_propagate_int (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* The query or the store changed while it counted: count again. */
  if (job->generation != self->generation)
    {
      start_count (self);
      return;
    }
  if (error != NULL)
    {
      g_warning ("Cannot count records: %s", error->message);
      count = 0;
    }
  /* Cleared first, told after: a handler of items-changed may reload. */
  self->counting = FALSE;
  g_signal_emit (self, signals[BEFORE_RESET], 0);
  apply_count (self, (guint) count);
  if (!self->counting)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

static void
start_count (KfRecordModel *self)
{
  g_autoptr(GTask) task = NULL;
  CountJob *job = g_new0 (CountJob, 1);

  job->path = g_strdup (kf_store_get_path (self->store));
  job->entity = self->entity;
  job->query = (KfQuery) {
    .from = g_strdup (self->from), .to = g_strdup (self->to),
    .session_id = g_strdup (self->session_id), .status = g_strdup (self->status),
    .search = g_strdup (self->search), .sort = self->query.sort,
    .base_id = g_strdup (self->base_id), .topic = g_strdup (self->topic),
    .format = g_strdup (self->format),
  };
  job->generation = self->generation;

  task = g_task_new (self, self->cancellable, count_done, NULL);
  g_task_set_source_tag (task, start_count);
  g_task_set_task_data (task, job, count_job_free);
  g_task_run_in_thread (task, count_thread);
}

/**
 * kf_record_model_reload:
 *
 * Counts again, in a thread, and forgets the pages read when the count
 * arrives; views ask again for what they show. Until then the model keeps
 * its length and #KfRecordModel:counting is %TRUE.
 */
void
kf_record_model_reload (KfRecordModel *self)
{
  g_return_if_fail (KF_IS_RECORD_MODEL (self));

  self->stale = FALSE;
  self->generation++;
  if (self->counting)
    return;   /* count_done() sees the new generation and counts again */
  set_counting (self, TRUE);
  start_count (self);
}

/**
 * kf_record_model_get_counting:
 *
 * Returns: %TRUE while a count is in flight: the length is the one before
 */
gboolean
kf_record_model_get_counting (KfRecordModel *self)
{
  g_return_val_if_fail (KF_IS_RECORD_MODEL (self), FALSE);

  return self->counting;
}

static void
store_changed_cb (KfStore       *store,
                  KfRecordModel *self)
{
  if (self->paused)
    self->stale = TRUE;
  else
    kf_record_model_reload (self);
}

static void
kf_record_model_dispose (GObject *object)
{
  KfRecordModel *self = KF_RECORD_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kf_record_model_parent_class)->dispose (object);
}

static void
kf_record_model_finalize (GObject *object)
{
  KfRecordModel *self = KF_RECORD_MODEL (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_free (self->from);
  g_free (self->to);
  g_free (self->session_id);
  g_free (self->status);
  g_free (self->search);
  g_free (self->base_id);
  g_free (self->topic);
  g_free (self->format);

  G_OBJECT_CLASS (kf_record_model_parent_class)->finalize (object);
}

static void
kf_record_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KfRecordModel *self = KF_RECORD_MODEL (object);

  switch (prop_id)
    {
    case PROP_COUNTING: g_value_set_boolean (value, self->counting); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kf_record_model_class_init (KfRecordModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kf_record_model_dispose;
  object_class->finalize = kf_record_model_finalize;
  object_class->get_property = kf_record_model_get_property;

  /**
   * KfRecordModel:counting:
   *
   * Whether a count is in flight (the length is still the one before).
   */
  properties[PROP_COUNTING] =
    g_param_spec_boolean ("counting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KfRecordModel::page-read:
   * @objects: (element-type KfRecordObject): the items of the page just
   *   read from the store, before any of them is given out
   *
   * Emitted each time the model reads a page of rows.
   */
  signals[PAGE_READ] =
    g_signal_new ("page-read", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  /**
   * KfRecordModel::before-reset:
   *
   * Emitted when a count has arrived, before the model forgets its pages
   * and removes and adds all its items: a view that keeps its place (the
   * selection, the scroll) saves it then, and takes it up again on
   * #KfRecordModel:counting becoming %FALSE.
   */
  signals[BEFORE_RESET] =
    g_signal_new ("before-reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
kf_record_model_init (KfRecordModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->cancellable = g_cancellable_new ();
}

/**
 * kf_record_model_new:
 * @store: the store to read
 * @entity: which records
 *
 * Returns: (transfer full): a model of every record of @entity, until a
 *   query is set
 */
KfRecordModel *
kf_record_model_new (KfStore  *store,
                     KfEntity  entity)
{
  KfRecordModel *self;

  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  self = g_object_new (KF_TYPE_RECORD_MODEL, NULL);
  self->store = g_object_ref (store);
  self->entity = entity;
  g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  kf_record_model_reload (self);
  return self;
}

/**
 * kf_record_model_new_paused:
 * @store: the store to read
 * @entity: which records
 *
 * Like kf_record_model_new(), but paused and not counted yet: nothing is
 * read until kf_record_model_set_paused() resumes it, so a page can make
 * its model before it is shown at no cost.
 *
 * Returns: (transfer full): an empty, paused model of every record of
 *   @entity, until a query is set
 */
KfRecordModel *
kf_record_model_new_paused (KfStore  *store,
                            KfEntity  entity)
{
  KfRecordModel *self;

  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  self = g_object_new (KF_TYPE_RECORD_MODEL, NULL);
  self->store = g_object_ref (store);
  self->entity = entity;
  self->paused = TRUE;
  self->stale = TRUE;
  g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  return self;
}

static void
replace (char       **slot,
         const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

/**
 * kf_record_model_set_query:
 * @query: filters and order (paging is the model's own)
 */
void
kf_record_model_set_query (KfRecordModel *self,
                           const KfQuery *query)
{
  g_return_if_fail (KF_IS_RECORD_MODEL (self));
  g_return_if_fail (query != NULL);

  replace (&self->from, query->from);
  replace (&self->to, query->to);
  replace (&self->session_id, query->session_id);
  replace (&self->status, query->status);
  replace (&self->search, query->search);
  replace (&self->base_id, query->base_id);
  replace (&self->topic, query->topic);
  replace (&self->format, query->format);
  self->query = (KfQuery) {
    .from = self->from, .to = self->to, .session_id = self->session_id,
    .status = self->status, .search = self->search, .sort = query->sort,
    .base_id = self->base_id, .topic = self->topic, .format = self->format,
  };
  if (self->paused)
    self->stale = TRUE;
  else
    kf_record_model_reload (self);
}

/**
 * kf_record_model_set_paused:
 * @paused: %TRUE while no view shows the model (a page that is not visible)
 *
 * A paused model keeps what it has and only notes that the store changed
 * or that a new query was set; it reloads when it is resumed, if it must.
 * So a hidden page costs nothing when the store changes.
 */
void
kf_record_model_set_paused (KfRecordModel *self,
                            gboolean       paused)
{
  g_return_if_fail (KF_IS_RECORD_MODEL (self));

  self->paused = paused;
  if (!paused && self->stale)
    kf_record_model_reload (self);
}

/* How many rows were read from the store so far: for the benchmark that
 * shows a view reads only what it shows. */
guint
kf_record_model_get_rows_read (KfRecordModel *self)
{
  g_return_val_if_fail (KF_IS_RECORD_MODEL (self), 0);

  return self->rows_read;
}

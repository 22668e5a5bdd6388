/* kf-hub-queue.c — pushes waiting to be applied together (group commit)
 *
 * Committing costs a sync of the disk, whatever the transaction holds. So
 * pushes are not applied as they arrive: they wait in this queue, and the
 * main loop applies all that are waiting (up to the limits of a group) in
 * one transaction, commits once and only then lets them be answered.
 *
 * When: as soon as the main loop has nothing else ready (an idle source),
 * that is once the connections and requests that arrived meanwhile have
 * been accepted and read. A lone push waits for nothing; pushes that
 * arrive together share a commit. So that a stream of other requests
 * cannot hold pushes back, a timeout drains the queue anyway once a push
 * has waited KF_HUB_GROUP_MAX_WAIT_MS. Everything runs in the main loop, so
 * a reader never sees a group half applied.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-hub"

#include "config.h"

#include "kf-hub-queue.h"

typedef struct
{
  KfHubPush          *push;
  KfHubQueueDoneFunc  done;
  gpointer            user_data;
  GDestroyNotify      destroy;
} Waiting;

struct _KfHubQueue
{
  KfStore      *store;
  GMainContext *context;
  GQueue        waiting;
  GSource      *idle;       /* when nothing else is ready */
  GSource      *deadline;   /* or when a push has waited long enough */
};

static void
waiting_free (Waiting *waiting)
{
  if (waiting->destroy != NULL)
    waiting->destroy (waiting->user_data);
  kf_hub_push_free (waiting->push);
  g_free (waiting);
}

/* The pushes of the next transaction, in the order they arrived. */
static GPtrArray *
take_group (KfHubQueue *self)
{
  GPtrArray *group = g_ptr_array_new_with_free_func ((GDestroyNotify) waiting_free);
  guint ops = 0;

  while (!g_queue_is_empty (&self->waiting) && group->len < KF_HUB_GROUP_MAX_PUSHES)
    {
      Waiting *next = g_queue_peek_head (&self->waiting);
      guint n_ops = kf_hub_push_get_n_ops (next->push);

      if (group->len > 0 && ops + n_ops > KF_HUB_GROUP_MAX_OPS)
        break;
      g_ptr_array_add (group, g_queue_pop_head (&self->waiting));
      ops += n_ops;
    }
  return group;
}

static void
apply_group (KfHubQueue *self,
             GPtrArray  *group)
{
  g_autofree KfHubPush **pushes = g_new (KfHubPush *, group->len);
  guint ops = 0;

  for (guint i = 0; i < group->len; i++)
    {
      pushes[i] = ((Waiting *) group->pdata[i])->push;
      ops += kf_hub_push_get_n_ops (pushes[i]);
    }
  kf_hub_push_apply (self->store, pushes, group->len);
  g_debug ("%u pushes (%u ops) in one transaction, %u waiting", group->len, ops,
           self->waiting.length);
}

static void
stop_sources (KfHubQueue *self)
{
  if (self->idle == NULL)
    return;
  g_source_destroy (self->idle);
  g_source_destroy (self->deadline);
  g_clear_pointer (&self->idle, g_source_unref);
  g_clear_pointer (&self->deadline, g_source_unref);
}

static gboolean drain_cb (gpointer user_data);

static GSource *
start_source (KfHubQueue *self,
              GSource    *source,
              int         priority)
{
  g_source_set_priority (source, priority);
  g_source_set_callback (source, drain_cb, self, NULL);
  g_source_set_static_name (source, "[kaifang-hub] group commit");
  g_source_attach (source, self->context);
  return source;
}

static gboolean
drain_cb (gpointer user_data)
{
  KfHubQueue *self = user_data;
  g_autoptr(GPtrArray) group = take_group (self);

  apply_group (self, group);
  for (guint i = 0; i < group->len; i++)
    {
      Waiting *waiting = group->pdata[i];

      waiting->done (waiting->push, waiting->user_data);
    }

  /* What is still waiting makes the next group, after one turn of the
   * main loop: other requests are served between two groups. */
  if (!g_queue_is_empty (&self->waiting))
    return G_SOURCE_CONTINUE;
  stop_sources (self);
  return G_SOURCE_REMOVE;
}

/**
 * kf_hub_queue_new:
 * @store: the hub's store
 *
 * Returns: (transfer full): a queue that applies its pushes in the
 *   thread-default main context of the caller
 */
KfHubQueue *
kf_hub_queue_new (KfStore *store)
{
  KfHubQueue *self;

  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  self = g_new0 (KfHubQueue, 1);
  self->store = g_object_ref (store);
  self->context = g_main_context_ref_thread_default ();
  g_queue_init (&self->waiting);
  return self;
}

/**
 * kf_hub_queue_add:
 * @self: a queue
 * @push: (transfer full): a push from kf_hub_push_new()
 * @done: called once @push is applied and committed, or has failed
 * @user_data: for @done and @destroy
 * @destroy: (nullable): frees @user_data, after @done, or without it when
 *   the queue is freed first
 *
 * Queues @push, to be applied with the others waiting as soon as the main
 * loop has nothing else ready, or after KF_HUB_GROUP_MAX_WAIT_MS.
 */
void
kf_hub_queue_add (KfHubQueue         *self,
                  KfHubPush          *push,
                  KfHubQueueDoneFunc  done,
                  gpointer            user_data,
                  GDestroyNotify      destroy)
{
  Waiting *waiting;

  g_return_if_fail (self != NULL && push != NULL && done != NULL);

  waiting = g_new (Waiting, 1);
  *waiting = (Waiting) { push, done, user_data, destroy };
  g_queue_push_tail (&self->waiting, waiting);
  if (self->idle != NULL)
    return;

  self->idle = start_source (self, g_idle_source_new (), G_PRIORITY_DEFAULT_IDLE);
  self->deadline = start_source (self, g_timeout_source_new (KF_HUB_GROUP_MAX_WAIT_MS),
                                 G_PRIORITY_DEFAULT);
}

guint
kf_hub_queue_get_length (KfHubQueue *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->waiting.length;
}

/**
 * kf_hub_queue_free:
 *
 * Frees the queue. The pushes still waiting are neither applied nor
 * answered: their @destroy is called, not their @done.
 */
void
kf_hub_queue_free (KfHubQueue *self)
{
  if (self == NULL)
    return;
  stop_sources (self);
  g_queue_clear_full (&self->waiting, (GDestroyNotify) waiting_free);
  g_main_context_unref (self->context);
  g_object_unref (self->store);
  g_free (self);
}

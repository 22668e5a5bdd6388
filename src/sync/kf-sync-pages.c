/* kf-sync-pages.c — pulling the feed, the next pages fetched while the last
 * ones are written
 *
 * Pulling into an empty database is bound by writing: each transaction ends
 * with its pages of the tables and indexes written to the WAL and synced to
 * disk. So the pages are written by a thread of their own, while this one
 * fetches and parses the next ones; the pages that came in meanwhile (up to
 * KF_SYNC_PAGES_PER_COMMIT) are written by the next transaction, together
 * with the cursor after the last of them. A crash loses at most those, and
 * they are pulled again: a page is never written without its cursor, nor
 * the cursor without its page.
 *
 * The two threads never use the same thing at once: this one only talks to
 * the hub (the cursor of the next page is the `next` of the last one
 * fetched), the writer only uses the store, and each batch of pages belongs
 * to one of them at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kf-sync.h"
#include "kf-sync-pages.h"

typedef struct
{
  KfStore   *store;
  GPtrArray *answers;   /* the pages' JSON, owned */
  GPtrArray *changes;   /* (element-type JsonArray): their `changes` */
  gint64     next;
  guint      applied;
  gboolean   ok;
  GError    *error;
  gint       done;      /* atomic: the writer has finished */
} Batch;

static Batch *
batch_new (KfStore *store)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->store = store;
  batch->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  batch->changes = g_ptr_array_new ();
  return batch;
}

static void
batch_free (Batch *batch)
{
  if (batch == NULL)
    return;
  g_ptr_array_unref (batch->changes);
  g_ptr_array_unref (batch->answers);
  g_clear_error (&batch->error);
  g_free (batch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Batch, batch_free)

static gpointer
write_batch (gpointer data)
{
  Batch *batch = data;

  batch->ok = kf_sync_store_apply_pages (batch->store, (JsonArray **) batch->changes->pdata,
                                         batch->changes->len, batch->next, &batch->applied,
                                         &batch->error);
  g_atomic_int_set (&batch->done, TRUE);
  return NULL;
}

/* Fetches the page after *since into @batch; moves *since to its `next`. */
static gboolean
fetch_page (KfHubClient   *client,
            Batch         *batch,
            gint64        *since,
            gboolean      *more,
            guint         *retry_after,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *page;
  JsonNode *changes, *next;

  path = g_strdup_printf ("/v1/changes?since=%" G_GINT64_FORMAT "&limit=%d", *since,
                          KF_SYNC_PAGE);
  answer = kf_hub_client_call (client, "GET", path, NULL, 0, retry_after, cancellable, error);
  if (answer == NULL)
    return FALSE;

  page = json_node_get_object (answer);
  changes = json_object_get_member (page, "changes");
  next = json_object_get_member (page, "next");
  if (changes == NULL || !JSON_NODE_HOLDS_ARRAY (changes) || next == NULL ||
      json_node_get_value_type (next) != G_TYPE_INT64)
    {
      g_set_error (error, KF_SYNC_ERROR, KF_SYNC_ERROR_NO_ANSWER,
                   _("the hub’s answer could not be read"));
      return FALSE;
    }

  *since = batch->next = json_node_get_int (next);
  *more = json_object_get_boolean_member_with_default (page, "more", FALSE) &&
          json_array_get_length (json_node_get_array (changes)) > 0;
  g_ptr_array_add (batch->changes, json_node_get_array (changes));
  g_ptr_array_add (batch->answers, g_steal_pointer (&answer));
  return TRUE;
}

typedef struct
{
  GThread *thread;
  Batch   *batch;
} Writer;

static gboolean
writer_busy (const Writer *writer)
{
  return writer->thread != NULL && !g_atomic_int_get (&writer->batch->done);
}

/* Waits for the batch being written; counts it, or takes its error. */
static gboolean
writer_join (Writer        *writer,
             KfSyncCounts  *counts,
             GError       **error)
{
  g_autoptr(Batch) batch = g_steal_pointer (&writer->batch);

  if (writer->thread == NULL)
    return TRUE;
  g_thread_join (g_steal_pointer (&writer->thread));
  if (!batch->ok)
    {
      g_propagate_error (error, g_steal_pointer (&batch->error));
      return FALSE;
    }
  counts->pulled += batch->applied;
  return TRUE;
}

static gboolean
writer_start (Writer        *writer,
              Batch        **pending,
              KfSyncCounts  *counts,
              GError       **error)
{
  if (!writer_join (writer, counts, error))
    return FALSE;
  writer->batch = g_steal_pointer (pending);
  writer->thread = g_thread_new ("kf-sync-pull", write_batch, writer->batch);
  return TRUE;
}

/**
 * kf_sync_pull_pages:
 * @store: a store
 * @client: its hub
 * @counts: where to count the records written
 * @retry_after: (out): seconds the hub asked to wait after a failure, or 0
 * @cancellable: (nullable): a cancellable
 * @error: return location
 *
 * Pulls every page after the stored cursor. What was written before a
 * failure stays written, with its cursor.
 */
gboolean
kf_sync_pull_pages (KfStore       *store,
                    KfHubClient   *client,
                    KfSyncCounts  *counts,
                    guint         *retry_after,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(Batch) pending = NULL;
  g_autoptr(GError) fetch_error = NULL;
  Writer writer = { NULL, NULL };
  gint64 since;
  gboolean more = TRUE, fetched = TRUE;

  g_return_val_if_fail (KF_IS_STORE (store), FALSE);

  since = kf_sync_store_get_cursor (store);
  while (more)
    {
      if (pending == NULL)
        pending = batch_new (store);
      fetched = fetch_page (client, pending, &since, &more, retry_after, cancellable,
                           &fetch_error);
      if (!fetched)
        break;
      if ((!more || !writer_busy (&writer) ||
           pending->changes->len >= KF_SYNC_PAGES_PER_COMMIT) &&
          !writer_start (&writer, &pending, counts, error))
        return FALSE;
    }

  /* What was fetched before a failure is written all the same. */
  if (!fetched && pending != NULL && pending->changes->len > 0 &&
      !writer_start (&writer, &pending, counts, error))
    return FALSE;
  if (!writer_join (&writer, counts, error))
    return FALSE;
  if (!fetched)
    {
      g_propagate_error (error, g_steal_pointer (&fetch_error));
      return FALSE;
    }
  return TRUE;
}

/* kf-hub-checkpoint.c — checkpointing the hub's WAL in a thread of its own
 *
 * A commit appends pages to the WAL; a checkpoint copies them into the
 * database file and syncs it. SQLite does that on the committing
 * connection once the WAL holds 1000 pages, so on the hub's main loop: a
 * few percent of every push, and a pause of tens of milliseconds for the
 * requests that wait meanwhile. The hub does it on a second connection in
 * a thread instead, while the main loop goes on. Checkpoints never change
 * what a reader sees, and a PASSIVE one waits for nobody.
 *
 * The WAL starts over (is overwritten from its beginning) only when a
 * write begins with every page of it already copied; under a stream of
 * writes the thread is always a little behind, so past a limit the main
 * loop holds the thread and copies the rest itself, after a commit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-hub"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kf-error.h"
#include "kf-hub-checkpoint.h"
#include "kf-store-private.h"

struct _KfHubCheckpointer
{
  KfStore  *store;       /* the main connection, whose commits are watched */
  sqlite3  *db;          /* the thread's own connection */
  GThread  *thread;
  GMutex    lock;
  GCond     cond;
  gboolean  wanted;      /* the thread is asked to checkpoint */
  gboolean  running;     /* it is checkpointing */
  gboolean  held;        /* the main loop checkpoints: the thread waits */
  gboolean  stopping;
  int       copied;      /* pages of the WAL already in the database */
  guint     runs;
};

static sqlite3 *
open_connection (const char *path,
                 GError    **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 10000);
      /* Reading the journal mode opens the WAL on this connection. */
      rc = sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;",
                         NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, KF_ERROR, KF_ERROR_DATABASE,
                   _("cannot be opened for checkpoints: %s"),
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return NULL;
    }
  return db;
}

static gpointer
checkpoint_thread (gpointer data)
{
  KfHubCheckpointer *self = data;

  g_mutex_lock (&self->lock);
  while (TRUE)
    {
      int copied = 0;
      int rc;

      while (!self->stopping && (!self->wanted || self->held))
        g_cond_wait (&self->cond, &self->lock);
      if (self->stopping)
        break;
      self->wanted = FALSE;
      self->running = TRUE;
      g_mutex_unlock (&self->lock);

      rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, &copied);
      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        g_warning ("Cannot checkpoint the WAL: %s", sqlite3_errmsg (self->db));

      g_mutex_lock (&self->lock);
      self->running = FALSE;
      self->runs++;
      if (rc == SQLITE_OK)
        self->copied = copied;
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

/* With the lock held: waits for the thread, then copies what is left of
 * the WAL on the main connection, so that the next write starts it over. */
static void
fold_in (KfHubCheckpointer *self,
         sqlite3           *db,
         const char        *name)
{
  int copied = 0;
  int rc;

  self->held = TRUE;
  while (self->running)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  rc = sqlite3_wal_checkpoint_v2 (db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, &copied);
  if (rc != SQLITE_OK)
    g_warning ("Cannot checkpoint the WAL: %s", sqlite3_errmsg (db));

  g_mutex_lock (&self->lock);
  self->held = FALSE;
  if (rc == SQLITE_OK)
    self->copied = copied;
  g_cond_broadcast (&self->cond);
}

/* Called by SQLite after each commit on the main connection, outside the
 * transaction, with the number of pages in the WAL. */
static int
wal_hook_cb (gpointer    data,
             sqlite3    *db,
             const char *name,
             int         pages)
{
  KfHubCheckpointer *self = data;

  g_mutex_lock (&self->lock);
  if (pages < self->copied)
    self->copied = 0;   /* the WAL started over */
  if (pages >= KF_HUB_CHECKPOINT_MAX_PAGES)
    fold_in (self, db, name);
  else if (pages - self->copied >= KF_HUB_CHECKPOINT_PAGES && !self->wanted)
    {
      self->wanted = TRUE;
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->lock);
  return SQLITE_OK;
}

/**
 * kf_hub_checkpointer_new:
 * @store: the hub's store, on a file in WAL mode
 * @error: return location
 *
 * Opens a second connection to @store's file and a thread that checkpoints
 * the WAL on it, in place of the automatic checkpoints of @store's own
 * connection, until kf_hub_checkpointer_free().
 *
 * Returns: (transfer full) (nullable): the checkpointer
 */
KfHubCheckpointer *
kf_hub_checkpointer_new (KfStore *store,
                         GError **error)
{
  KfHubCheckpointer *self;
  sqlite3 *db;

  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  db = open_connection (kf_store_get_path (store), error);
  if (db == NULL)
    return NULL;

  self = g_new0 (KfHubCheckpointer, 1);
  self->store = g_object_ref (store);
  self->db = db;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("kf-hub-checkpoint", checkpoint_thread, self);
  sqlite3_wal_hook (kf_store_get_db (store), wal_hook_cb, self);
  return self;
}

/* How many checkpoints the thread has run. */
guint
kf_hub_checkpointer_get_runs (KfHubCheckpointer *self)
{
  guint runs;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->lock);
  runs = self->runs;
  g_mutex_unlock (&self->lock);
  return runs;
}

/**
 * kf_hub_checkpointer_free:
 *
 * Stops the thread, after the checkpoint it may be running, and closes its
 * connection; the store's connection checkpoints on its own again.
 */
void
kf_hub_checkpointer_free (KfHubCheckpointer *self)
{
  if (self == NULL)
    return;

  /* SQLite's automatic checkpoints replace the hook. */
  sqlite3_wal_autocheckpoint (kf_store_get_db (self->store), KF_HUB_CHECKPOINT_PAGES);

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);

  sqlite3_close_v2 (self->db);
  g_object_unref (self->store);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

/* kf-sync-engine.c — syncing in a worker thread, for the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kf-sync-engine.h"

struct _KfSyncEngine
{
  GObject       parent_instance;

  char         *db_path;
  KfSyncState   state;
  gint64        queued;
  gint64        conflicts;
  gint64        rejected;
  char         *last_sync;
  char         *last_error;

  guint         interval;
  guint         interval_id;
  guint         failures;
  gint64        retry_at;     /* monotonic µs: automatic syncs wait until then */
  GCancellable *cancellable;
  gulong        network_handler;
  gboolean      refreshing;
  gboolean      refresh_again;
};

G_DEFINE_FINAL_TYPE (KfSyncEngine, kf_sync_engine, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (KfSyncState, kf_sync_state,
                    G_DEFINE_ENUM_VALUE (KF_SYNC_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (KF_SYNC_STATE_SYNCING, "syncing"),
                    G_DEFINE_ENUM_VALUE (KF_SYNC_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (KF_SYNC_STATE_ERROR, "error"))

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_STATE,
  PROP_QUEUED,
  PROP_CONFLICTS,
  PROP_REJECTED,
  PROP_LAST_SYNC,
  PROP_LAST_ERROR,
  PROP_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Automatic syncs after failures wait up to this long; a sync asked for by
 * a person never waits. */
#define MAX_AUTO_DELAY_MS (15 * 60 * 1000)

static void
set_state (KfSyncEngine *self,
           KfSyncState   state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_string (KfSyncEngine *self,
            char        **slot,
            const char   *value,
            guint         prop)
{
  if (g_strcmp0 (*slot, value) == 0)
    return;
  g_free (*slot);
  *slot = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_count (KfSyncEngine *self,
           gint64       *slot,
           gint64        value,
           guint         prop)
{
  if (*slot == value)
    return;
  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* What a refresh reads, in its thread. */
typedef struct
{
  gint64  queued;
  gint64  conflicts;
  gint64  rejected;
  char   *last_sync;
} Snapshot;

static void
snapshot_free (gpointer data)
{
  Snapshot *snapshot = data;

  g_free (snapshot->last_sync);
  g_free (snapshot);
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(KfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Snapshot *snapshot;

  store = kf_store_open (task_data, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  snapshot = g_new0 (Snapshot, 1);
  snapshot->last_sync = kf_store_get_meta (store, "last_sync");
  snapshot->queued = kf_store_count_queued_ops (store, NULL);
  snapshot->conflicts = kf_sync_store_count_state (store, "conflict");
  snapshot->rejected = kf_sync_store_count_state (store, "rejected");
  g_task_return_pointer (task, snapshot, snapshot_free);
}

static void
refresh_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  KfSyncEngine *self = KF_SYNC_ENGINE (object);
  g_autoptr(GError) error = NULL;
  Snapshot *snapshot = g_task_propagate_pointer (G_TASK (result), &error);

  self->refreshing = FALSE;
  if (snapshot == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Cannot read the sync state: %s", error->message);
      return;
    }

  g_object_freeze_notify (object);
  set_count (self, &self->queued, snapshot->queued, PROP_QUEUED);
  set_count (self, &self->conflicts, snapshot->conflicts, PROP_CONFLICTS);
  set_count (self, &self->rejected, snapshot->rejected, PROP_REJECTED);
  set_string (self, &self->last_sync, snapshot->last_sync, PROP_LAST_SYNC);
  g_object_thaw_notify (object);
  snapshot_free (snapshot);

  /* Something changed while this one read: read again. */
  if (self->refresh_again)
    {
      self->refresh_again = FALSE;
      kf_sync_engine_refresh (self);
    }
}

/**
 * kf_sync_engine_refresh:
 *
 * Reads the queue, conflicts and last sync from the database again, for
 * after a local change: in a thread with its own connection (counting a big
 * queue can take longer than a frame), the properties set and notified on
 * the main thread when they arrive. Returns at once; a refresh asked for
 * while one runs makes one more run after it.
 *
 * An engine reads nothing before its first refresh: until then the counts
 * are -1, "not known yet".
 */
void
kf_sync_engine_refresh (KfSyncEngine *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KF_IS_SYNC_ENGINE (self));

  if (self->refreshing)
    {
      self->refresh_again = TRUE;
      return;
    }
  self->refreshing = TRUE;
  task = g_task_new (self, self->cancellable, refresh_done, NULL);
  g_task_set_source_tag (task, kf_sync_engine_refresh);
  g_task_set_task_data (task, g_strdup (self->db_path), g_free);
  g_task_run_in_thread (task, refresh_thread);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  KfSyncEngine *self = source_object;
  static const KfSyncPolicy policy = { 1, 30, 0 };
  g_autoptr(KfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  KfSyncCounts *counts = g_new0 (KfSyncCounts, 1);

  store = kf_store_open (self->db_path, &error);
  if (store == NULL || !kf_sync_run (store, &policy, counts, cancellable, &error))
    {
      g_free (counts);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, counts, g_free);
}

static void
sync_done (KfSyncEngine *self,
           GError       *error)
{
  if (error == NULL)
    {
      self->failures = 0;
      self->retry_at = 0;
      set_string (self, &self->last_error, NULL, PROP_LAST_ERROR);
      set_state (self, KF_SYNC_STATE_IDLE);
    }
  else
    {
      self->failures++;
      self->retry_at = g_get_monotonic_time () +
                       (gint64) kf_sync_backoff_delay (self->failures, 0, MAX_AUTO_DELAY_MS) * 1000;
      set_string (self, &self->last_error, error->message, PROP_LAST_ERROR);
      set_state (self, g_error_matches (error, KF_SYNC_ERROR, KF_SYNC_ERROR_NO_ANSWER)
                       ? KF_SYNC_STATE_OFFLINE : KF_SYNC_STATE_ERROR);
    }
  kf_sync_engine_refresh (self);
}

/**
 * kf_sync_engine_sync_async:
 * @self: an engine
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Syncs now, in a thread with its own connection to the database. The
 * engine's properties follow: state syncing, then idle, offline or error.
 */
void
kf_sync_engine_sync_async (KfSyncEngine        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KF_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kf_sync_engine_sync_async);

  if (self->state == KF_SYNC_STATE_SYNCING)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("a sync is already under way"));
      return;
    }

  set_state (self, KF_SYNC_STATE_SYNCING);
  g_task_run_in_thread (task, sync_thread);
}

/**
 * kf_sync_engine_sync_finish:
 * @counts: (out) (optional): what the sync met
 */
gboolean
kf_sync_engine_sync_finish (KfSyncEngine  *self,
                            GAsyncResult  *result,
                            KfSyncCounts  *counts,
                            GError       **error)
{
  g_autofree KfSyncCounts *done = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  done = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PENDING))
    sync_done (self, local_error);

  if (done == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (counts != NULL)
    *counts = *done;
  return TRUE;
}

static void
auto_sync_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!kf_sync_engine_sync_finish (KF_SYNC_ENGINE (object), result, NULL, &error))
    g_debug ("Automatic sync failed: %s", error->message);
}

static gboolean
interval_cb (gpointer user_data)
{
  KfSyncEngine *self = user_data;

  if (self->state != KF_SYNC_STATE_SYNCING && g_get_monotonic_time () >= self->retry_at)
    kf_sync_engine_sync_async (self, self->cancellable, auto_sync_cb, NULL);
  return G_SOURCE_CONTINUE;
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    KfSyncEngine    *self)
{
  /* The network is back: what waited for it goes now. */
  if (available && self->interval_id != 0 && self->state == KF_SYNC_STATE_OFFLINE)
    {
      self->retry_at = 0;
      interval_cb (self);
    }
}

/**
 * kf_sync_engine_set_interval:
 * @seconds: between automatic syncs; 0 for none
 *
 * Syncs every @seconds (later after failures, with backoff), and when the
 * network comes back.
 */
void
kf_sync_engine_set_interval (KfSyncEngine *self,
                             guint         seconds)
{
  g_return_if_fail (KF_IS_SYNC_ENGINE (self));

  g_clear_handle_id (&self->interval_id, g_source_remove);
  if (seconds > 0)
    self->interval_id = g_timeout_add_seconds (seconds, interval_cb, self);
  if (self->interval != seconds)
    {
      self->interval = seconds;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
    }
}

KfSyncState
kf_sync_engine_get_state (KfSyncEngine *self)
{
  g_return_val_if_fail (KF_IS_SYNC_ENGINE (self), KF_SYNC_STATE_IDLE);
  return self->state;
}

gint64
kf_sync_engine_get_queued (KfSyncEngine *self)
{
  g_return_val_if_fail (KF_IS_SYNC_ENGINE (self), 0);
  return self->queued;
}

gint64
kf_sync_engine_get_conflicts (KfSyncEngine *self)
{
  g_return_val_if_fail (KF_IS_SYNC_ENGINE (self), 0);
  return self->conflicts;
}

gint64
kf_sync_engine_get_rejected (KfSyncEngine *self)
{
  g_return_val_if_fail (KF_IS_SYNC_ENGINE (self), 0);
  return self->rejected;
}

const char *
kf_sync_engine_get_last_sync (KfSyncEngine *self)
{
  g_return_val_if_fail (KF_IS_SYNC_ENGINE (self), NULL);
  return self->last_sync;
}

const char *
kf_sync_engine_get_last_error (KfSyncEngine *self)
{
  g_return_val_if_fail (KF_IS_SYNC_ENGINE (self), NULL);
  return self->last_error;
}

static void
kf_sync_engine_constructed (GObject *object)
{
  KfSyncEngine *self = KF_SYNC_ENGINE (object);

  G_OBJECT_CLASS (kf_sync_engine_parent_class)->constructed (object);

  self->network_handler = g_signal_connect_object (g_network_monitor_get_default (),
                                                   "network-changed",
                                                   G_CALLBACK (network_changed_cb), self, 0);
}

static void
kf_sync_engine_dispose (GObject *object)
{
  KfSyncEngine *self = KF_SYNC_ENGINE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->interval_id, g_source_remove);

  G_OBJECT_CLASS (kf_sync_engine_parent_class)->dispose (object);
}

static void
kf_sync_engine_finalize (GObject *object)
{
  KfSyncEngine *self = KF_SYNC_ENGINE (object);

  g_clear_object (&self->cancellable);
  g_free (self->db_path);
  g_free (self->last_sync);
  g_free (self->last_error);

  G_OBJECT_CLASS (kf_sync_engine_parent_class)->finalize (object);
}

static void
kf_sync_engine_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KfSyncEngine *self = KF_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_DB_PATH: g_value_set_string (value, self->db_path); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_QUEUED: g_value_set_int64 (value, self->queued); break;
    case PROP_CONFLICTS: g_value_set_int64 (value, self->conflicts); break;
    case PROP_REJECTED: g_value_set_int64 (value, self->rejected); break;
    case PROP_LAST_SYNC: g_value_set_string (value, self->last_sync); break;
    case PROP_LAST_ERROR: g_value_set_string (value, self->last_error); break;
    case PROP_INTERVAL: g_value_set_uint (value, self->interval); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kf_sync_engine_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KfSyncEngine *self = KF_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      self->db_path = g_value_dup_string (value);
      break;
    case PROP_INTERVAL:
      kf_sync_engine_set_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kf_sync_engine_class_init (KfSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kf_sync_engine_constructed;
  object_class->dispose = kf_sync_engine_dispose;
  object_class->finalize = kf_sync_engine_finalize;
  object_class->get_property = kf_sync_engine_get_property;
  object_class->set_property = kf_sync_engine_set_property;

  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, KF_TYPE_SYNC_STATE, KF_SYNC_STATE_IDLE, ro);
  properties[PROP_QUEUED] =
    g_param_spec_int64 ("queued", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_CONFLICTS] =
    g_param_spec_int64 ("conflicts", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_REJECTED] =
    g_param_spec_int64 ("rejected", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_LAST_SYNC] = g_param_spec_string ("last-sync", NULL, NULL, NULL, ro);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, 24 * 3600, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kf_sync_engine_init (KfSyncEngine *self)
{
  self->cancellable = g_cancellable_new ();
  self->queued = -1;
  self->conflicts = -1;
  self->rejected = -1;
}

/**
 * kf_sync_engine_new:
 * @db_path: the installation's database
 *
 * The engine reads nothing yet (its counts are -1 until the first
 * kf_sync_engine_refresh()), so that making one costs no database work.
 *
 * Returns: (transfer full): an engine
 */
KfSyncEngine *
kf_sync_engine_new (const char *db_path)
{
  g_return_val_if_fail (db_path != NULL, NULL);

  return g_object_new (KF_TYPE_SYNC_ENGINE, "db-path", db_path, NULL);
}

/* kf-sync-engine.h — syncing for the window: asynchronous, with its state
 * as properties
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kf-sync.h"

G_BEGIN_DECLS

typedef enum
{
  KF_SYNC_STATE_IDLE,
  KF_SYNC_STATE_SYNCING,
  KF_SYNC_STATE_OFFLINE,
  KF_SYNC_STATE_ERROR,
} KfSyncState;

#define KF_TYPE_SYNC_STATE (kf_sync_state_get_type ())
GType kf_sync_state_get_type (void);

#define KF_TYPE_SYNC_ENGINE (kf_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (KfSyncEngine, kf_sync_engine, KF, SYNC_ENGINE, GObject)

KfSyncEngine *kf_sync_engine_new            (const char           *db_path);
void          kf_sync_engine_sync_async     (KfSyncEngine         *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean      kf_sync_engine_sync_finish    (KfSyncEngine         *self,
                                             GAsyncResult         *result,
                                             KfSyncCounts         *counts,
                                             GError              **error);
void          kf_sync_engine_refresh        (KfSyncEngine         *self);
void          kf_sync_engine_set_interval   (KfSyncEngine         *self,
                                             guint                 seconds);
KfSyncState   kf_sync_engine_get_state      (KfSyncEngine         *self);
gint64        kf_sync_engine_get_queued     (KfSyncEngine         *self);
gint64        kf_sync_engine_get_conflicts  (KfSyncEngine         *self);
gint64        kf_sync_engine_get_rejected   (KfSyncEngine         *self);
const char   *kf_sync_engine_get_last_sync  (KfSyncEngine         *self);
const char   *kf_sync_engine_get_last_error (KfSyncEngine         *self);

G_END_DECLS

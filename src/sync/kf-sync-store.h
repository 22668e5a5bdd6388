/* kf-sync-store.h — what syncing reads from and writes to the local store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kf-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    seq;
  char     *op_id;
  KfEntity  entity;
  char     *record_id;
  char     *data;
  gint64    base_version;
} KfSyncOp;

typedef struct
{
  guint pushed;
  guint pulled;
  guint conflicts;
  guint rejected;
} KfSyncCounts;

void       kf_sync_op_free                (KfSyncOp      *op);
KfRecord  *kf_sync_record_from_pulled     (KfEntity       entity,
                                           const char    *id,
                                           gint64         version,
                                           JsonObject    *pulled,
                                           GError       **error);

GPtrArray *kf_sync_store_next_batch       (KfStore       *store,
                                           guint          max_ops,
                                           GError       **error);
guint      kf_sync_store_apply_results    (KfStore       *store,
                                           GPtrArray     *ops,
                                           JsonArray     *results,
                                           KfSyncCounts  *counts,
                                           GError       **error);
gboolean   kf_sync_store_apply_pages      (KfStore       *store,
                                           JsonArray    **pages,
                                           guint          n_pages,
                                           gint64         next,
                                           guint         *n_applied,
                                           GError       **error);
gboolean   kf_sync_store_apply_changes    (KfStore       *store,
                                           JsonArray     *changes,
                                           gint64         next,
                                           guint         *n_applied,
                                           GError       **error);
gint64     kf_sync_store_get_cursor       (KfStore       *store);
gboolean   kf_sync_store_adopt_identity   (KfStore       *store,
                                           JsonObject    *me,
                                           GError       **error);
gboolean   kf_sync_store_resolve          (KfStore       *store,
                                           const char    *record_id,
                                           gboolean       keep_mine,
                                           GError       **error);
gint64     kf_sync_store_count_state      (KfStore       *store,
                                           const char    *state);
GPtrArray *kf_sync_store_list_conflicts   (KfStore       *store,
                                           GError       **error);
GPtrArray *kf_sync_store_list_rejected    (KfStore       *store,
                                           GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfSyncOp, kf_sync_op_free)

G_END_DECLS

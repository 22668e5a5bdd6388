/* kf-hub-checkpoint.h — checkpointing the hub's WAL in a thread of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kf-store.h"

G_BEGIN_DECLS

/* The thread copies the WAL into the database once this many pages wait
 * in it (SQLite's own threshold for its automatic checkpoints). */
#define KF_HUB_CHECKPOINT_PAGES 1000

/* Past this many pages the WAL is folded in on the main loop, after a
 * commit, so that it cannot grow without bound under a stream of writes. */
#define KF_HUB_CHECKPOINT_MAX_PAGES 10000

typedef struct _KfHubCheckpointer KfHubCheckpointer;

KfHubCheckpointer *kf_hub_checkpointer_new      (KfStore           *store,
                                                 GError           **error);
guint              kf_hub_checkpointer_get_runs (KfHubCheckpointer *self);
void               kf_hub_checkpointer_free     (KfHubCheckpointer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfHubCheckpointer, kf_hub_checkpointer_free)

G_END_DECLS

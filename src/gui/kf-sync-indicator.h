/* kf-sync-indicator.h — the sync state in the header bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-sync-engine.h"

G_BEGIN_DECLS

#define KF_TYPE_SYNC_INDICATOR (kf_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (KfSyncIndicator, kf_sync_indicator, KF, SYNC_INDICATOR, AdwBin)

void        kf_sync_indicator_set_engine     (KfSyncIndicator *self,
                                              KfSyncEngine    *engine);
const char *kf_sync_indicator_get_state_text (KfSyncIndicator *self);

char       *kf_describe_last_sync            (const char      *instant,
                                              GDateTime       *now);

G_END_DECLS

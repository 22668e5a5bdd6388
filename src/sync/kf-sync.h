/* kf-sync.h — push, then pull: one sync of an installation with its hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kf-hub-client.h"
#include "kf-store.h"
#include "kf-sync-store.h"

G_BEGIN_DECLS

#define KF_SYNC_MAX_OPS 500
#define KF_SYNC_PAGE 1000  /* the most the protocol allows: fewer, larger transactions */

typedef struct
{
  guint max_attempts;      /* tries of one run before giving up */
  guint timeout_seconds;   /* per request */
  guint max_delay_ms;      /* the longest wait between two tries */
} KfSyncPolicy;

gboolean kf_sync_once           (KfStore             *store,
                                 KfHubClient         *client,
                                 KfSyncCounts        *counts,
                                 guint               *retry_after,
                                 GCancellable        *cancellable,
                                 GError             **error);
gboolean kf_sync_run            (KfStore             *store,
                                 const KfSyncPolicy  *policy,
                                 KfSyncCounts        *counts,
                                 GCancellable        *cancellable,
                                 GError             **error);
guint    kf_sync_backoff_delay  (guint                failures,
                                 guint                retry_after_seconds,
                                 guint                max_delay_ms);
gboolean kf_sync_set_hub        (KfStore             *store,
                                 const char          *hub_url,
                                 const char          *token,
                                 const char          *ca_file,
                                 GError             **error);

G_END_DECLS

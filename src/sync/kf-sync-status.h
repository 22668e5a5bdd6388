/* kf-sync-status.h — when each base last synced, as the hub tells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kf-hub-client.h"
#include "kf-store.h"

G_BEGIN_DECLS

gboolean kf_sync_status_pull (KfStore      *store,
                              KfHubClient  *client,
                              guint        *retry_after,
                              GCancellable *cancellable,
                              GError      **error);

G_END_DECLS

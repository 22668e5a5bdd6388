/* kf-sync-pages.h — pulling the feed, the next pages fetched while the last
 * ones are written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kf-hub-client.h"
#include "kf-sync-store.h"

G_BEGIN_DECLS

/* At most this many pages of KF_SYNC_PAGE changes are written by one
 * transaction: those that arrived while the one before was written. */
#define KF_SYNC_PAGES_PER_COMMIT 5

gboolean kf_sync_pull_pages (KfStore       *store,
                             KfHubClient   *client,
                             KfSyncCounts  *counts,
                             guint         *retry_after,
                             GCancellable  *cancellable,
                             GError       **error);

G_END_DECLS

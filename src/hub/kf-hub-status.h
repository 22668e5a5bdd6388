/* kf-hub-status.h — when each client last synced, and GET /v1/sync-status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "kf-hub-db.h"

G_BEGIN_DECLS

/* A pull is noted when the time noted is at least this old. */
#define KF_HUB_SYNC_NOTE_SECONDS 60

gboolean kf_hub_sync_note_push (KfStore           *store,
                                const KfHubClient *client,
                                GError           **error);
gboolean kf_hub_sync_note_pull (KfStore           *store,
                                const KfHubClient *client,
                                GError           **error);
char    *kf_hub_sync_status    (KfStore           *store,
                                const KfHubClient *client,
                                SoupServerMessage *msg,
                                GHashTable        *query,
                                GError           **error);

G_END_DECLS

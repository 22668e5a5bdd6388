/* kf-hub-changes.h — the endpoints that read: changes, totals, me, health
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kf-hub-db.h"

G_BEGIN_DECLS

#define KF_HUB_DEFAULT_LIMIT 500
#define KF_HUB_MAX_LIMIT 1000

char *kf_hub_health   (void);
char *kf_hub_me       (const KfHubClient *client);
char *kf_hub_changes  (KfStore           *store,
                       const KfHubClient *client,
                       GHashTable        *query,
                       GError           **error);
char *kf_hub_totals   (KfStore           *store,
                       const KfHubClient *client,
                       GHashTable        *query,
                       GError           **error);

G_END_DECLS

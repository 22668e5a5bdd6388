/* kf-hub-push.h — POST /v1/push
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kf-hub-db.h"

G_BEGIN_DECLS

#define KF_HUB_MAX_OPS 500

char *kf_hub_push (KfStore           *store,
                   const KfHubClient *client,
                   JsonNode          *body,
                   GDateTime         *now,
                   GError           **error);

G_END_DECLS

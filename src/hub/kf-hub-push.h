/* kf-hub-push.h — POST /v1/push
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kf-hub-db.h"

G_BEGIN_DECLS

#define KF_HUB_MAX_OPS 500

typedef struct _KfHubPush KfHubPush;

KfHubPush *kf_hub_push_new         (const KfHubClient *client,
                                    JsonNode          *body,
                                    GDateTime         *now,
                                    GError           **error);
void       kf_hub_push_free        (KfHubPush         *self);
guint      kf_hub_push_get_n_ops   (KfHubPush         *self);
void       kf_hub_push_apply       (KfStore           *store,
                                    KfHubPush        **pushes,
                                    guint              n_pushes);
char      *kf_hub_push_take_answer (KfHubPush         *self,
                                    GError           **error);

char      *kf_hub_push             (KfStore           *store,
                                    const KfHubClient *client,
                                    JsonNode          *body,
                                    GDateTime         *now,
                                    GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfHubPush, kf_hub_push_free)

G_END_DECLS

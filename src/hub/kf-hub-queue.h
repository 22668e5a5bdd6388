/* kf-hub-queue.h — pushes waiting to be applied together (group commit)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kf-hub-push.h"

G_BEGIN_DECLS

/* The most one transaction takes: a push is never split, so a group holds
 * at least one push, then more while both limits hold. */
#define KF_HUB_GROUP_MAX_PUSHES 64
#define KF_HUB_GROUP_MAX_OPS    5000

/* The longest a push waits for the main loop to be idle before its group
 * is applied anyway. */
#define KF_HUB_GROUP_MAX_WAIT_MS 20

/**
 * KfHubQueueDoneFunc:
 * @push: the push, applied and committed (or failed): its answer is ready
 *   (kf_hub_push_take_answer())
 * @user_data: as given to kf_hub_queue_add()
 */
typedef void (*KfHubQueueDoneFunc) (KfHubPush *push,
                                    gpointer   user_data);

typedef struct _KfHubQueue KfHubQueue;

KfHubQueue *kf_hub_queue_new        (KfStore            *store);
void        kf_hub_queue_add        (KfHubQueue         *self,
                                     KfHubPush          *push,
                                     KfHubQueueDoneFunc  done,
                                     gpointer            user_data,
                                     GDestroyNotify      destroy);
guint       kf_hub_queue_get_length (KfHubQueue         *self);
void        kf_hub_queue_free       (KfHubQueue         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfHubQueue, kf_hub_queue_free)

G_END_DECLS

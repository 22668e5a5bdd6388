/* kf-hub-linger.h — answering a request without reading its body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How much of an unread body is read and dropped, and for how long, after
 * the answer, before the connection is closed anyway. */
#define KF_HUB_LINGER_MAX_BYTES (16 * 1024 * 1024)
#define KF_HUB_LINGER_SECONDS 5

void kf_hub_linger_answer (GIOStream      *stream,
                           GBytes         *response,
                           GCancellable   *cancellable,
                           GDestroyNotify  done,
                           gpointer        user_data);

G_END_DECLS

/* kf-hub-server.h — the HTTP side of the hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kf-store.h"

G_BEGIN_DECLS

/* The largest request body the hub reads: 1 MiB. */
#define KF_HUB_MAX_BODY 1048576

#define KF_HUB_TYPE_SERVER (kf_hub_server_get_type ())

G_DECLARE_FINAL_TYPE (KfHubServer, kf_hub_server, KF_HUB, SERVER, GObject)

KfHubServer *kf_hub_server_new         (KfStore             *store);
gboolean     kf_hub_server_listen      (KfHubServer         *self,
                                        const char          *host,
                                        guint                port,
                                        GTlsCertificate     *certificate,
                                        GError             **error);
char        *kf_hub_server_get_url     (KfHubServer         *self);
gboolean     kf_hub_server_is_stopping (KfHubServer         *self);
void         kf_hub_server_stop_async  (KfHubServer         *self,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean     kf_hub_server_stop_finish (KfHubServer         *self,
                                        GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS

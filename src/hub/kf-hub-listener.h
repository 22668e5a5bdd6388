/* kf-hub-listener.h — accepting connections for the hub's HTTP server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How long a client has to finish its TLS handshake. */
#define KF_HUB_HANDSHAKE_SECONDS 10

/**
 * KfHubAcceptFunc:
 * @stream: a new connection, TLS already negotiated when the listener has a
 *   certificate
 * @local: the address it came in on
 * @remote: the client's address
 * @user_data: as given to kf_hub_listener_new()
 */
typedef void (*KfHubAcceptFunc) (GIOStream      *stream,
                                 GSocketAddress *local,
                                 GSocketAddress *remote,
                                 gpointer        user_data);

typedef struct _KfHubListener KfHubListener;

KfHubListener *kf_hub_listener_new      (GInetAddress     *address,
                                         guint             port,
                                         GTlsCertificate  *certificate,
                                         GCancellable     *closing,
                                         KfHubAcceptFunc   accept,
                                         gpointer          user_data,
                                         GError          **error);
guint          kf_hub_listener_get_port (KfHubListener    *self);
void           kf_hub_listener_stop     (KfHubListener    *self);
void           kf_hub_listener_free     (KfHubListener    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfHubListener, kf_hub_listener_free)

G_END_DECLS

/* kf-hub-listener.c — accepting connections for the hub's HTTP server
 *
 * The hub accepts its connections itself and hands them to libsoup
 * (soup_server_accept_iostream()) rather than letting libsoup listen:
 * libsoup 3.2 leaks a socket object for every connection it accepts (fixed
 * in 3.4, "soup-listener: Plug a leak"), which a hub that runs for weeks
 * cannot afford, and the hub can stop listening at once on SIGTERM while it
 * finishes the requests under way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-hub"

#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>

#include "kf-hub-listener.h"

struct _KfHubListener
{
  GSocketService  *service;
  GTlsCertificate *certificate;
  GCancellable    *closing;
  KfHubAcceptFunc  accept;
  gpointer         user_data;
  guint            port;
};

/* A handshake keeps what it needs of the listener, which may be freed
 * before a cancelled handshake completes. */
typedef struct
{
  KfHubAcceptFunc  accept;
  gpointer         user_data;
  GCancellable    *closing;
  gulong           closing_handler;
  GIOStream      *tls;
  GSocketAddress *local;
  GSocketAddress *remote;
  GCancellable   *cancellable;
  guint           timeout_id;
} Handshake;

static void
handshake_free (Handshake *handshake)
{
  g_clear_handle_id (&handshake->timeout_id, g_source_remove);
  g_cancellable_disconnect (handshake->closing, handshake->closing_handler);
  g_clear_object (&handshake->closing);
  g_clear_object (&handshake->tls);
  g_clear_object (&handshake->local);
  g_clear_object (&handshake->remote);
  g_clear_object (&handshake->cancellable);
  g_free (handshake);
}

static gboolean
handshake_timeout_cb (gpointer user_data)
{
  Handshake *handshake = user_data;

  handshake->timeout_id = 0;
  g_cancellable_cancel (handshake->cancellable);
  return G_SOURCE_REMOVE;
}

static void
handshake_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Handshake *handshake = user_data;
  g_autoptr(GError) error = NULL;

  if (g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), result, &error) &&
      !g_cancellable_is_cancelled (handshake->closing))
    handshake->accept (handshake->tls, handshake->local, handshake->remote,
                       handshake->user_data);
  else
    {
      g_debug ("TLS handshake failed: %s", error != NULL ? error->message : "stopping");
      g_io_stream_close (handshake->tls, NULL, NULL);
    }
  handshake_free (handshake);
}

static void
closing_cb (GCancellable *closing,
            gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
start_handshake (KfHubListener     *self,
                 GSocketConnection *connection,
                 GSocketAddress    *local,
                 GSocketAddress    *remote)
{
  g_autoptr(GError) error = NULL;
  Handshake *handshake;
  GIOStream *tls;

  tls = g_tls_server_connection_new (G_IO_STREAM (connection), self->certificate, &error);
  if (tls == NULL)
    {
      g_warning ("Cannot start TLS: %s", error->message);
      return;
    }
  g_object_set (tls, "authentication-mode", G_TLS_AUTHENTICATION_NONE, NULL);

  handshake = g_new0 (Handshake, 1);
  handshake->accept = self->accept;
  handshake->user_data = self->user_data;
  handshake->closing = g_object_ref (self->closing);
  handshake->tls = tls;
  handshake->local = g_object_ref (local);
  handshake->remote = g_object_ref (remote);
  handshake->cancellable = g_cancellable_new ();
  handshake->timeout_id = g_timeout_add_seconds (KF_HUB_HANDSHAKE_SECONDS,
                                                 handshake_timeout_cb, handshake);
  handshake->closing_handler = g_cancellable_connect (self->closing, G_CALLBACK (closing_cb),
                                                      handshake->cancellable, NULL);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT,
                                    handshake->cancellable, handshake_done_cb, handshake);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  KfHubListener *self = user_data;
  GSocket *socket = g_socket_connection_get_socket (connection);
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);

  if (local == NULL || remote == NULL || g_cancellable_is_cancelled (self->closing))
    return TRUE;

  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  if (self->certificate != NULL)
    start_handshake (self, connection, local, remote);
  else
    self->accept (G_IO_STREAM (connection), local, remote, self->user_data);
  return TRUE;
}

/**
 * kf_hub_listener_new:
 * @address: where to listen
 * @port: the port, 0 for any free one
 * @certificate: (nullable): for TLS, the certificate with its key
 * @closing: cancelled when the hub stops, which ends the TLS handshakes
 *   under way
 * @accept: called with every connection that is ready for HTTP
 * @user_data: for @accept
 * @error: return location
 *
 * Returns: (transfer full) (nullable): a listener, already listening
 */
KfHubListener *
kf_hub_listener_new (GInetAddress     *address,
                     guint             port,
                     GTlsCertificate  *certificate,
                     GCancellable     *closing,
                     KfHubAcceptFunc   accept,
                     gpointer          user_data,
                     GError          **error)
{
  g_autoptr(KfHubListener) self = g_new0 (KfHubListener, 1);
  g_autoptr(GSocketAddress) wanted = g_inet_socket_address_new (address, port);
  g_autoptr(GSocketAddress) bound = NULL;

  g_return_val_if_fail (G_IS_INET_ADDRESS (address), NULL);
  g_return_val_if_fail (G_IS_CANCELLABLE (closing), NULL);

  self->service = g_socket_service_new ();
  self->certificate = certificate != NULL ? g_object_ref (certificate) : NULL;
  self->closing = g_object_ref (closing);
  self->accept = accept;
  self->user_data = user_data;

  /* Many installations sync on the same schedule. */
  g_socket_listener_set_backlog (G_SOCKET_LISTENER (self->service), 128);
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), wanted,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                      &bound, error))
    return NULL;
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
  g_socket_service_start (self->service);
  return g_steal_pointer (&self);
}

guint
kf_hub_listener_get_port (KfHubListener *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->port;
}

/* Stops taking connections: new ones are refused by the kernel. */
void
kf_hub_listener_stop (KfHubListener *self)
{
  g_return_if_fail (self != NULL);

  if (self->service == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->service, self);
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
}

void
kf_hub_listener_free (KfHubListener *self)
{
  if (self == NULL)
    return;
  if (self->service != NULL)
    kf_hub_listener_stop (self);
  g_clear_object (&self->service);
  g_clear_object (&self->certificate);
  g_clear_object (&self->closing);
  g_free (self);
}

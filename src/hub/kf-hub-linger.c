/* kf-hub-linger.c — answering a request without reading its body
 *
 * A request whose body is too large is answered as soon as its headers are
 * read, on the connection taken from libsoup. Closing a TCP connection with
 * unread data makes the kernel send a reset, which can destroy the answer
 * before the client reads it; so the write side is shut, and what the
 * client still sends is read and dropped, up to a limit in bytes and time,
 * before the connection is closed (the "lingering close" of web servers).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-hub"

#include "config.h"

#include "kf-hub-linger.h"

typedef struct
{
  GIOStream      *stream;
  GBytes         *response;
  GCancellable   *cancellable;
  GCancellable   *parent;
  gulong          parent_handler;
  GDestroyNotify  done;
  gpointer        user_data;
  guint           timeout_id;
  gsize           dropped;
  guint8          buffer[16384];
} Linger;

static void
linger_closed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Linger *linger = user_data;

  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
  if (linger->done != NULL)
    linger->done (linger->user_data);
  g_clear_handle_id (&linger->timeout_id, g_source_remove);
  if (linger->parent != NULL)
    g_cancellable_disconnect (linger->parent, linger->parent_handler);
  g_clear_object (&linger->parent);
  g_clear_object (&linger->stream);
  g_clear_object (&linger->cancellable);
  g_clear_pointer (&linger->response, g_bytes_unref);
  g_free (linger);
}

static void
linger_close (Linger *linger)
{
  g_clear_handle_id (&linger->timeout_id, g_source_remove);
  /* Not cancellable: the close itself must happen. */
  g_io_stream_close_async (linger->stream, G_PRIORITY_DEFAULT, NULL, linger_closed_cb, linger);
}

static gboolean
linger_timeout_cb (gpointer user_data)
{
  Linger *linger = user_data;

  linger->timeout_id = 0;
  g_cancellable_cancel (linger->cancellable);
  return G_SOURCE_REMOVE;
}

static void linger_read (Linger *linger);

static void
linger_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Linger *linger = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n <= 0 || g_cancellable_is_cancelled (linger->cancellable))
    {
      linger_close (linger);
      return;
    }
  linger->dropped += n;
  if (linger->dropped >= KF_HUB_LINGER_MAX_BYTES)
    linger_close (linger);
  else
    linger_read (linger);
}

static void
linger_read (Linger *linger)
{
  g_input_stream_read_async (g_io_stream_get_input_stream (linger->stream),
                             linger->buffer, sizeof linger->buffer, G_PRIORITY_DEFAULT,
                             linger->cancellable, linger_read_cb, linger);
}

/* The socket under a plain connection; libsoup hands out its own wrapper
 * around the connection it was given. Over TLS, none: the write side
 * cannot be shut alone (TLS itself may still need to write), and the
 * client learns the end of the answer from its Content-Length. */
static GSocket *
plain_socket (GIOStream *stream)
{
  g_autoptr(GIOStream) base = NULL;

  if (G_IS_SOCKET_CONNECTION (stream))
    return g_object_ref (g_socket_connection_get_socket (G_SOCKET_CONNECTION (stream)));
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (stream), "base-iostream") == NULL)
    return NULL;
  g_object_get (stream, "base-iostream", &base, NULL);
  if (base == NULL || !G_IS_SOCKET_CONNECTION (base))
    return NULL;
  return g_object_ref (g_socket_connection_get_socket (G_SOCKET_CONNECTION (base)));
}

static void
shut_write_side (GIOStream *stream)
{
  g_autoptr(GSocket) socket = plain_socket (stream);

  if (socket != NULL)
    g_socket_shutdown (socket, FALSE, TRUE, NULL);
}

static void
linger_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Linger *linger = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL) ||
      g_cancellable_is_cancelled (linger->cancellable))
    {
      linger_close (linger);
      return;
    }
  shut_write_side (linger->stream);
  linger_read (linger);
}

static void
parent_cancelled_cb (GCancellable *parent,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/**
 * kf_hub_linger_answer:
 * @stream: a connection taken from libsoup (soup_server_message_steal_connection())
 * @response: the whole HTTP answer, status line, headers and body
 * @cancellable: (nullable): cancelled to close the connection at once
 * @done: (nullable): called when the connection is closed
 * @user_data: for @done
 *
 * Writes @response, then drops what the client still sends (at most
 * %KF_HUB_LINGER_MAX_BYTES, for at most %KF_HUB_LINGER_SECONDS), then
 * closes @stream.
 */
void
kf_hub_linger_answer (GIOStream      *stream,
                      GBytes         *response,
                      GCancellable   *cancellable,
                      GDestroyNotify  done,
                      gpointer        user_data)
{
  Linger *linger = g_new0 (Linger, 1);
  gsize length;
  const void *data;

  g_return_if_fail (G_IS_IO_STREAM (stream));

  linger->stream = g_object_ref (stream);
  linger->response = g_bytes_ref (response);
  linger->cancellable = g_cancellable_new ();
  linger->done = done;
  linger->user_data = user_data;
  if (cancellable != NULL)
    {
      linger->parent = g_object_ref (cancellable);
      linger->parent_handler = g_cancellable_connect (cancellable, G_CALLBACK (parent_cancelled_cb),
                                                      linger->cancellable, NULL);
    }
  linger->timeout_id = g_timeout_add_seconds (KF_HUB_LINGER_SECONDS, linger_timeout_cb, linger);

  data = g_bytes_get_data (response, &length);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream), data, length,
                                   G_PRIORITY_DEFAULT, linger->cancellable,
                                   linger_written_cb, linger);
}

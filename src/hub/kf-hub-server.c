/* kf-hub-server.c — the HTTP side of the hub: routes, tokens, limits, errors
 *
 * Every request is answered in the main loop: its SQLite work is short, and
 * doing it here serialises writers without locks. What can be decided from
 * the headers (path, method, token, role, size, media type) is decided as
 * soon as they are read, so that a body that will not be used is never read
 * whole. A push, once read, is paused and queued: the pushes that arrive
 * together are applied in one transaction (kf-hub-queue.c) and answered
 * once it is committed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-hub"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kf-hub-checkpoint.h"
#include "kf-hub-db.h"
#include "kf-hub-error.h"
#include "kf-hub-linger.h"
#include "kf-hub-listener.h"
#include "kf-hub-queue.h"
#include "kf-hub-routes.h"
#include "kf-hub-server.h"

/* How long a stop waits for the requests under way. */
#define STOP_GRACE_SECONDS 10

struct _KfHubServer
{
  GObject            parent_instance;

  KfStore           *store;
  KfHubQueue        *queue;
  KfHubCheckpointer *checkpointer;
  SoupServer        *soup;
  KfHubListener     *listener;
  char              *url;
  guint              in_flight;
  guint              lingering;
  GCancellable      *closing;
  GTask             *stop_task;
  guint              stop_timeout_id;
  gboolean           stopping;
};

G_DEFINE_FINAL_TYPE (KfHubServer, kf_hub_server, G_TYPE_OBJECT)

typedef struct _Request Request;

/* What the hub knows of one request, from its start to its end. */
struct _Request
{
  KfHubServer      *server;
  const KfHubRoute *route;
  KfHubClient      *client;
  gsize             received;
  gboolean          answered;
  gboolean          under_way;
};

static void kf_hub_server_maybe_stopped (KfHubServer *self);

/* Answers */

/* Every answer depends on the token: no cache keeps it. */
static void
add_common_headers (SoupMessageHeaders *headers)
{
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
}

static void
add_error_headers (SoupMessageHeaders *headers,
                   const KfHubRoute   *route,
                   KfHubError          code)
{
  add_common_headers (headers);
  if (code == KF_HUB_ERROR_UNAUTHORIZED)
    soup_message_headers_replace (headers, "WWW-Authenticate", "Bearer");
  else if (code == KF_HUB_ERROR_METHOD_NOT_ALLOWED && route != NULL)
    soup_message_headers_replace (headers, "Allow", kf_hub_route_allow (route));
  else if (code == KF_HUB_ERROR_UNAVAILABLE)
    soup_message_headers_replace (headers, "Retry-After", "5");
}

static void
respond (KfHubServer       *self,
         SoupServerMessage *msg,
         Request           *request,
         guint              status,
         char              *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (request != NULL)
    request->answered = TRUE;
  if (kf_hub_server_is_stopping (self))
    soup_message_headers_replace (headers, "Connection", "close");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    body, strlen (body));
  g_debug ("%s %s: %u", soup_server_message_get_method (msg),
           g_uri_get_path (soup_server_message_get_uri (msg)), status);
}

static void
respond_error (KfHubServer       *self,
               SoupServerMessage *msg,
               Request           *request,
               const GError      *error)
{
  KfHubError code = kf_hub_error_classify (error);

  if (code == KF_HUB_ERROR_INTERNAL)
    g_warning ("%s %s failed: %s", soup_server_message_get_method (msg),
               g_uri_get_path (soup_server_message_get_uri (msg)),
               error != NULL ? error->message : "unknown error");

  add_error_headers (soup_server_message_get_response_headers (msg),
                     request != NULL ? request->route : NULL, code);
  respond (self, msg, request, kf_hub_error_status (code), kf_hub_error_to_json (error, NULL));
}

/* The whole HTTP answer, for a connection taken from libsoup. */
static GBytes *
raw_error_answer (const KfHubRoute *route,
                  const GError     *error)
{
  KfHubError code = kf_hub_error_classify (error);
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);
  g_autofree char *body = NULL;
  SoupMessageHeadersIter iter;
  const char *name, *value;
  GString *out = g_string_new (NULL);
  gsize length;

  body = kf_hub_error_to_json (error, &length);
  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  add_error_headers (headers, route, code);
  g_string_append_printf (out, "HTTP/1.1 %u %s\r\n", kf_hub_error_status (code),
                          soup_status_get_phrase (kf_hub_error_status (code)));
  g_string_append_printf (out, "Date: %s\r\nServer: kaifang-hub/%s\r\n", date, PACKAGE_VERSION);
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_string_append_printf (out, "%s: %s\r\n", name, value);
  g_string_append_printf (out, "Content-Type: application/json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Connection: close\r\n\r\n%s", length, body);
  return g_string_free_to_bytes (out);
}

static void
lingering_done (gpointer user_data)
{
  KfHubServer *self = user_data;

  self->lingering--;
  kf_hub_server_maybe_stopped (self);
  g_object_unref (self);
}

/* Answers at once, on a connection taken from libsoup, a request whose
 * body is too large or of unknown length and will not be used. */
static void
answer_without_body (KfHubServer       *self,
                     SoupServerMessage *msg,
                     Request           *request,
                     const GError      *error)
{
  g_autoptr(GBytes) answer = raw_error_answer (request->route, error);
  g_autoptr(GIOStream) stream = NULL;

  g_debug ("%s %s: %u, body left unread", soup_server_message_get_method (msg),
           g_uri_get_path (soup_server_message_get_uri (msg)),
           kf_hub_error_status (kf_hub_error_classify (error)));
  request->answered = TRUE;
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;

  self->lingering++;
  kf_hub_linger_answer (stream, answer, self->closing, lingering_done, g_object_ref (self));
}

static gboolean
body_is_unbounded (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_CONTENT_LENGTH:
      return soup_message_headers_get_content_length (headers) > KF_HUB_MAX_BODY;
    case SOUP_ENCODING_NONE:
      return FALSE;
    case SOUP_ENCODING_UNRECOGNIZED:
    case SOUP_ENCODING_EOF:
    case SOUP_ENCODING_CHUNKED:
    case SOUP_ENCODING_BYTERANGES:
    default:
      return TRUE;
    }
}

/* An answer decided from the headers alone. */
static void
answer_early (KfHubServer       *self,
              SoupServerMessage *msg,
              Request           *request,
              const GError      *error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  /* A client that waits for "100 Continue" has not sent its body: libsoup
   * answers without reading it. */
  if (soup_message_headers_get_expectations (headers) & SOUP_EXPECTATION_CONTINUE)
    {
      respond_error (self, msg, request, error);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      return;
    }
  if (body_is_unbounded (msg))
    {
      answer_without_body (self, msg, request, error);
      return;
    }
  /* A small body is read and dropped, so that the connection may be kept. */
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  respond_error (self, msg, request, error);
}

/* Requests */

/* A request is under way from the end of its headers until libsoup is done
 * with it: answered, its connection lost or taken, or the message freed. An
 * open connection that has not sent a request yet is not waited for. */
static void
request_done (Request *request)
{
  KfHubServer *self = request->server;

  if (!request->under_way)
    return;
  request->under_way = FALSE;
  self->in_flight--;
  kf_hub_server_maybe_stopped (self);
}

static void
request_free (Request *request)
{
  request_done (request);
  g_clear_pointer (&request->client, kf_hub_client_free);
  g_object_unref (request->server);
  g_free (request);
}

static Request *
get_request (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), "kf-hub-request");
}

/* Called first thing once the headers are read (from the early handler,
 * so that it comes before the request can be answered or taken). */
static void
request_begin (Request *request)
{
  if (request->under_way)
    return;
  request->under_way = TRUE;
  request->server->in_flight++;
}

static void
request_started_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    KfHubServer       *self)
{
  Request *request = g_new0 (Request, 1);

  request->server = g_object_ref (self);
  g_object_set_data_full (G_OBJECT (msg), "kf-hub-request", request,
                          (GDestroyNotify) request_free);
  g_signal_connect_swapped (msg, "finished", G_CALLBACK (request_done), request);
  g_signal_connect_swapped (msg, "disconnected", G_CALLBACK (request_done), request);
}

static char *
bearer_token (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return NULL;
  value += 7;
  while (*value == ' ')
    value++;
  return g_strchomp (g_strdup (value));
}

static gboolean
authenticate (KfHubServer       *self,
              SoupServerMessage *msg,
              Request           *request,
              GError           **error)
{
  g_autofree char *token = bearer_token (msg);
  g_autoptr(GError) local_error = NULL;

  request->client = kf_hub_client_authenticate (self->store, token, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (request->client == NULL)
    {
      g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_UNAUTHORIZED,
                   token == NULL ? _("this request needs a token: Authorization: Bearer TOKEN")
                                 : _("the token is unknown or has been revoked"));
      return FALSE;
    }
  if (!kf_hub_route_allows (request->route, request->client->role))
    {
      g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_FORBIDDEN,
                   _("the role %s may not call %s %s"), kf_role_to_string (request->client->role),
                   request->route->method, request->route->path);
      return FALSE;
    }
  return TRUE;
}

/* Everything that the headers decide, in this order: the path, the
 * method, the token, the role, the size of the body, its media type. */
static gboolean
check_headers (KfHubServer       *self,
               SoupServerMessage *msg,
               Request           *request,
               const char        *path,
               GError           **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (kf_hub_server_is_stopping (self))
    {
      g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_UNAVAILABLE,
                   _("the hub is shutting down; try again shortly"));
      return FALSE;
    }

  request->route = kf_hub_route_find (path);
  if (request->route == NULL)
    {
      g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_NOT_FOUND, _("there is nothing at %s"), path);
      return FALSE;
    }
  if (!kf_hub_route_accepts (request->route, soup_server_message_get_method (msg)))
    {
      g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_METHOD_NOT_ALLOWED,
                   _("%s takes %s only"), path, request->route->method);
      return FALSE;
    }
  if (request->route->needs_token && !authenticate (self, msg, request, error))
    return FALSE;

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > KF_HUB_MAX_BODY)
    {
      g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_TOO_LARGE,
                   _("the body is larger than %d bytes"), KF_HUB_MAX_BODY);
      return FALSE;
    }
  return kf_hub_route_check_body_type (request->route, msg, error);
}

/* A body sent in chunks has no length up front: it is counted as it
 * comes, and answered as soon as it passes the limit. */
static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              KfHubServer       *self)
{
  Request *request = get_request (msg);
  g_autoptr(GError) error = NULL;

  if (request == NULL || request->answered)
    return;
  request->received += g_bytes_get_size (chunk);
  if (request->received <= KF_HUB_MAX_BODY)
    return;

  g_set_error (&error, KF_HUB_ERROR, KF_HUB_ERROR_TOO_LARGE,
               _("the body is larger than %d bytes"), KF_HUB_MAX_BODY);
  answer_without_body (self, msg, request, error);
}

static void
early_handler_cb (SoupServer        *soup,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  KfHubServer *self = user_data;
  Request *request = get_request (msg);
  g_autoptr(GError) error = NULL;

  g_assert (request != NULL);
  request_begin (request);

  if (!check_headers (self, msg, request, path, &error))
    {
      answer_early (self, msg, request, error);
      return;
    }
  if (soup_message_headers_get_encoding (soup_server_message_get_request_headers (msg)) !=
      SOUP_ENCODING_CONTENT_LENGTH)
    g_signal_connect_object (msg, "got-chunk", G_CALLBACK (got_chunk_cb), self, 0);
}

static GHashTable *
parse_query (SoupServerMessage *msg,
             GError           **error)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autoptr(GError) local_error = NULL;
  GHashTable *params;

  if (query == NULL)
    return g_hash_table_new (g_str_hash, g_str_equal);
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_WWW_FORM, &local_error);
  if (params == NULL)
    g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_INVALID_REQUEST,
                 _("the query string is not valid: %s"), local_error->message);
  return params;
}

/* Pushes */

/* A push waiting for its group to commit. Its message is paused; the
 * client may go away meanwhile, and then there is nobody to answer. */
typedef struct
{
  KfHubServer       *server;
  SoupServerMessage *msg;
  gulong             disconnected_id;
  gboolean           gone;
} Waiting;

static void
waiting_gone_cb (Waiting *waiting)
{
  waiting->gone = TRUE;
}

static void
waiting_free (Waiting *waiting)
{
  g_signal_handler_disconnect (waiting->msg, waiting->disconnected_id);
  g_object_unref (waiting->msg);
  g_free (waiting);
}

static void
push_done_cb (KfHubPush *push,
              gpointer   user_data)
{
  Waiting *waiting = user_data;
  KfHubServer *self = waiting->server;
  SoupServerMessage *msg = waiting->msg;
  g_autoptr(GError) error = NULL;
  char *body;

  if (waiting->gone)
    return;
  body = kf_hub_push_take_answer (push, &error);
  if (body == NULL)
    respond_error (self, msg, get_request (msg), error);
  else
    {
      add_common_headers (soup_server_message_get_response_headers (msg));
      respond (self, msg, get_request (msg), SOUP_STATUS_OK, body);
    }
  soup_server_message_unpause (msg);
}

static void
queue_push (KfHubServer       *self,
            SoupServerMessage *msg,
            Request           *request)
{
  g_autoptr(GError) error = NULL;
  KfHubPush *push = kf_hub_route_read_push (request->client, msg, &error);
  Waiting *waiting;

  if (push == NULL)
    {
      respond_error (self, msg, request, error);
      return;
    }

  /* The push keeps what it needs of the body, parsed. */
  soup_message_body_truncate (soup_server_message_get_request_body (msg));

  waiting = g_new0 (Waiting, 1);
  waiting->server = self;
  waiting->msg = g_object_ref (msg);
  waiting->disconnected_id = g_signal_connect_swapped (msg, "disconnected",
                                                       G_CALLBACK (waiting_gone_cb), waiting);
  soup_server_message_pause (msg);
  kf_hub_queue_add (self->queue, push, push_done_cb, waiting, (GDestroyNotify) waiting_free);
}

static void
handler_cb (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *form,
            gpointer           user_data)
{
  KfHubServer *self = user_data;
  Request *request = get_request (msg);
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GError) error = NULL;
  char *body = NULL;

  g_assert (request != NULL && request->route != NULL);

  /* A JSON answer is never cut into byte ranges. */
  soup_message_headers_remove (soup_server_message_get_request_headers (msg), "Range");

  if (request->route->endpoint == NULL)
    {
      queue_push (self, msg, request);
      return;
    }

  query = parse_query (msg, &error);
  if (query != NULL)
    body = request->route->endpoint (self->store, request->client, msg, query, &error);
  if (body == NULL)
    {
      respond_error (self, msg, request, error);
      return;
    }
  add_common_headers (soup_server_message_get_response_headers (msg));
  respond (self, msg, request, SOUP_STATUS_OK, body);
}

/* libsoup answers some broken requests itself (a path with "..", a URI of
 * the wrong scheme) before any handler runs; those get a JSON body too. */
static void
request_read_cb (SoupServer        *soup,
                 SoupServerMessage *msg,
                 KfHubServer       *self)
{
  Request *request = get_request (msg);
  g_autoptr(GError) error = NULL;
  guint status = soup_server_message_get_status (msg);

  if (request == NULL || request->answered)
    return;
  if (status == SOUP_STATUS_NOT_FOUND)
    g_set_error (&error, KF_HUB_ERROR, KF_HUB_ERROR_NOT_FOUND, _("there is nothing at %s"),
                 g_uri_get_path (soup_server_message_get_uri (msg)));
  else if (status != 0)
    g_set_error (&error, KF_HUB_ERROR, KF_HUB_ERROR_INVALID_REQUEST,
                 _("the request is not valid HTTP for this hub"));
  else if (request->route == NULL)
    g_set_error (&error, KF_HUB_ERROR, KF_HUB_ERROR_NOT_FOUND, _("there is nothing at %s"),
                 g_uri_get_path (soup_server_message_get_uri (msg)));
  if (error != NULL)
    respond_error (self, msg, request, error);
}

/* The object */

static void
kf_hub_server_dispose (GObject *object)
{
  KfHubServer *self = (KfHubServer *) object;

  /* Cancelled first: TLS handshakes under way then never reach the server. */
  g_cancellable_cancel (self->closing);
  g_clear_pointer (&self->listener, kf_hub_listener_free);
  /* Pushes still waiting are dropped unanswered: nothing of them is kept. */
  g_clear_pointer (&self->queue, kf_hub_queue_free);
  g_clear_pointer (&self->checkpointer, kf_hub_checkpointer_free);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_handle_id (&self->stop_timeout_id, g_source_remove);
  g_clear_object (&self->soup);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kf_hub_server_parent_class)->dispose (object);
}

static void
kf_hub_server_finalize (GObject *object)
{
  KfHubServer *self = (KfHubServer *) object;

  g_clear_object (&self->closing);
  g_clear_object (&self->stop_task);
  g_free (self->url);

  G_OBJECT_CLASS (kf_hub_server_parent_class)->finalize (object);
}

static void
kf_hub_server_class_init (KfHubServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kf_hub_server_dispose;
  object_class->finalize = kf_hub_server_finalize;
}

static void
kf_hub_server_init (KfHubServer *self)
{
  self->closing = g_cancellable_new ();
}

/**
 * kf_hub_server_new:
 * @store: the hub's database (kf_hub_db_open())
 *
 * Returns: (transfer full): a server that does not listen yet
 */
KfHubServer *
kf_hub_server_new (KfStore *store)
{
  KfHubServer *self;
  g_autofree char *header = g_strdup_printf ("kaifang-hub/%s", PACKAGE_VERSION);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  self = g_object_new (KF_HUB_TYPE_SERVER, NULL);
  self->store = g_object_ref (store);
  self->queue = kf_hub_queue_new (store);
  self->checkpointer = kf_hub_checkpointer_new (store, &error);
  if (self->checkpointer == NULL)
    g_warning ("%s %s; SQLite checkpoints on the main loop", kf_store_get_path (store),
               error->message);
  self->soup = soup_server_new ("server-header", header, NULL);
  /* The handlers are weak: the server owns them. */
  soup_server_add_early_handler (self->soup, NULL, early_handler_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, handler_cb, self, NULL);
  g_signal_connect_object (self->soup, "request-started", G_CALLBACK (request_started_cb), self, 0);
  g_signal_connect_object (self->soup, "request-read", G_CALLBACK (request_read_cb), self, 0);
  return self;
}

static GInetAddress *
parse_host (const char *host,
            GError    **error)
{
  GInetAddress *address;

  if (g_strcmp0 (host, "localhost") == 0)
    return g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_address_new_from_string (host);
  if (address == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("%s is not an IP address"), host);
  return address;
}

static void
accept_cb (GIOStream      *stream,
           GSocketAddress *local,
           GSocketAddress *remote,
           gpointer        user_data)
{
  KfHubServer *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!soup_server_accept_iostream (self->soup, stream, local, remote, &error))
    g_warning ("Cannot take a connection: %s", error->message);
}

/**
 * kf_hub_server_listen:
 * @self: a server
 * @host: an IP address, or "localhost"
 * @port: a port, or 0 for any free one
 * @certificate: (nullable): for HTTPS, the certificate with its key
 * @error: return location
 *
 * Starts listening; kf_hub_server_get_url() then tells the real port.
 */
gboolean
kf_hub_server_listen (KfHubServer     *self,
                      const char      *host,
                      guint            port,
                      GTlsCertificate *certificate,
                      GError         **error)
{
  g_autoptr(GInetAddress) address = NULL;
  gboolean ipv6;

  g_return_val_if_fail (KF_HUB_IS_SERVER (self), FALSE);
  g_return_val_if_fail (host != NULL, FALSE);
  g_return_val_if_fail (self->listener == NULL, FALSE);

  address = parse_host (host, error);
  if (address == NULL)
    return FALSE;
  ipv6 = g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6;

  self->listener = kf_hub_listener_new (address, port, certificate, self->closing,
                                        accept_cb, self, error);
  if (self->listener == NULL)
    return FALSE;

  g_free (self->url);
  self->url = g_strdup_printf ("%s://%s%s%s:%u", certificate != NULL ? "https" : "http",
                               ipv6 ? "[" : "", host, ipv6 ? "]" : "",
                               kf_hub_listener_get_port (self->listener));
  return TRUE;
}

/**
 * kf_hub_server_get_url:
 *
 * Returns: (transfer full) (nullable): where the server listens, as
 *   `http://HOST:PORT` with the real port
 */
char *
kf_hub_server_get_url (KfHubServer *self)
{
  g_return_val_if_fail (KF_HUB_IS_SERVER (self), NULL);

  return g_strdup (self->url);
}

gboolean
kf_hub_server_is_stopping (KfHubServer *self)
{
  g_return_val_if_fail (KF_HUB_IS_SERVER (self), FALSE);

  return self->stopping;
}

static void
finish_stop (KfHubServer *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->stop_task == NULL)
    return;

  g_clear_handle_id (&self->stop_timeout_id, g_source_remove);
  g_cancellable_cancel (self->closing);
  soup_server_disconnect (self->soup);
  /* The task holds the server; letting go of it breaks the cycle. */
  task = g_steal_pointer (&self->stop_task);
  g_task_return_boolean (task, TRUE);
}

static void
kf_hub_server_maybe_stopped (KfHubServer *self)
{
  if (self->stop_task != NULL && self->in_flight == 0 && self->lingering == 0)
    finish_stop (self);
}

static gboolean
stop_timeout_cb (gpointer user_data)
{
  KfHubServer *self = user_data;

  self->stop_timeout_id = 0;
  g_warning ("Stopping with %u requests still under way", self->in_flight + self->lingering);
  finish_stop (self);
  return G_SOURCE_REMOVE;
}

/**
 * kf_hub_server_stop_async:
 * @self: a listening server
 * @callback: called when the server has stopped
 * @user_data: for @callback
 *
 * Stops listening at once and answers 503 to new requests on connections
 * already open, lets the requests under way finish (for at most ten
 * seconds), then closes every connection.
 */
void
kf_hub_server_stop_async (KfHubServer         *self,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (KF_HUB_IS_SERVER (self));
  g_return_if_fail (!self->stopping);

  self->stopping = TRUE;
  if (self->listener != NULL)
    kf_hub_listener_stop (self->listener);
  self->stop_task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (self->stop_task, kf_hub_server_stop_async);
  self->stop_timeout_id = g_timeout_add_seconds (STOP_GRACE_SECONDS, stop_timeout_cb, self);
  kf_hub_server_maybe_stopped (self);
}

gboolean
kf_hub_server_stop_finish (KfHubServer  *self,
                           GAsyncResult *result,
                           GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

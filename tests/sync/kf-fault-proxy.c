/* kf-fault-proxy.c — a misbehaving server between a client and its hub
 *
 * It runs a SoupServer on 127.0.0.1 in a thread of its own, forwards each
 * request to the real hub, and, while a fault is set, spoils the answer in
 * one of the ways a network or an overloaded server does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-fault-proxy"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kf-fault-proxy.h"

/* Longer than the timeout the tests give the client. */
#define SLOW_REPLY_MS 3000

struct _KfFaultProxy
{
  GMutex        lock;
  KfFault       fault;
  char         *path_prefix;
  guint         skip;
  guint         times;
  guint         faulted;
  GArray       *request_times;

  char         *hub_url;
  char         *url;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  SoupSession  *session;
  GMutex        ready_lock;
  GCond         ready_cond;
  gboolean      ready;
};

static KfFault
take_fault (KfFaultProxy *proxy,
            const char   *path)
{
  KfFault fault = KF_FAULT_NONE;

  g_mutex_lock (&proxy->lock);
  g_array_append_val (proxy->request_times, (gint64) { g_get_monotonic_time () });
  if (proxy->times > 0 && g_str_has_prefix (path, proxy->path_prefix) && proxy->skip > 0)
    proxy->skip--;
  else if (proxy->times > 0 && g_str_has_prefix (path, proxy->path_prefix))
    {
      fault = proxy->fault;
      proxy->times--;
      proxy->faulted++;
    }
  g_mutex_unlock (&proxy->lock);
  return fault;
}

static GBytes *
forward (KfFaultProxy      *proxy,
         SoupServerMessage *msg,
         guint             *status,
         char             **content_type)
{
  g_autofree char *target = NULL;
  g_autoptr(SoupMessage) out = NULL;
  g_autoptr(GBytes) request = NULL;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  const char *auth;
  GBytes *answer;

  target = g_strdup_printf ("%s%s%s%s", proxy->hub_url, g_uri_get_path (uri),
                            g_uri_get_query (uri) ? "?" : "",
                            g_uri_get_query (uri) ? g_uri_get_query (uri) : "");
  out = soup_message_new (soup_server_message_get_method (msg), target);
  auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                       "Authorization");
  if (auth != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (out), "Authorization", auth);

  request = soup_message_body_flatten (body);
  if (g_bytes_get_size (request) > 0)
    soup_message_set_request_body_from_bytes (out, "application/json", request);

  answer = soup_session_send_and_read (proxy->session, out, NULL, NULL);
  *status = answer != NULL ? soup_message_get_status (out) : 502;
  *content_type = g_strdup ("application/json");
  return answer != NULL ? answer : g_bytes_new_static ("{}", 2);
}

/* The hub's push answer with its last result left out. */
static GBytes *
drop_last_result (GBytes *answer)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonArray *results;
  gsize size;
  char *text;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL),
                                   g_bytes_get_size (answer), NULL))
    return g_bytes_ref (answer);
  results = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "results");
  if (results != NULL && json_array_get_length (results) > 0)
    json_array_remove_element (results, json_array_get_length (results) - 1);
  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, &size);
  return g_bytes_new_take (text, size);
}

/* The hub's page of changes with one field of its last record out of the
 * protocol's range: a count of -1, or a session's capacity of 0. */
static GBytes *
break_last_record (GBytes *answer)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonArray *changes;
  JsonObject *data;
  gsize size;
  char *text;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL),
                                   g_bytes_get_size (answer), NULL))
    return g_bytes_ref (answer);
  changes = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "changes");
  if (changes == NULL || json_array_get_length (changes) == 0)
    return g_bytes_ref (answer);
  data = json_object_get_object_member (
    json_array_get_object_element (changes, json_array_get_length (changes) - 1), "data");
  if (json_object_has_member (data, "youth_count"))
    json_object_set_int_member (data, "youth_count", -1);
  else if (json_object_has_member (data, "capacity"))
    json_object_set_int_member (data, "capacity", 0);
  else
    json_object_set_string_member (data, "name", "");
  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, &size);
  return g_bytes_new_take (text, size);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         GBytes            *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  KfFaultProxy *proxy = user_data;
  KfFault fault = take_fault (proxy, path);
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *content_type = NULL;
  guint status = 0;

  if (fault == KF_FAULT_500)
    {
      g_autoptr(GBytes) body = g_bytes_new_static ("{\"error\":{\"code\":\"internal\"}}", 29);
      respond (msg, 500, body);
      return;
    }
  if (fault == KF_FAULT_404)
    {
      g_autoptr(GBytes) body = g_bytes_new_static ("{\"error\":{\"code\":\"not_found\"}}", 30);
      respond (msg, 404, body);
      return;
    }
  if (fault == KF_FAULT_429)
    {
      g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "1");
      respond (msg, 429, body);
      return;
    }

  answer = forward (proxy, msg, &status, &content_type);
  switch (fault)
    {
    case KF_FAULT_NOT_JSON:
      {
        g_autoptr(GBytes) body = g_bytes_new_static ("<html>Bad gateway</html>", 24);
        respond (msg, 200, body);
      }
      return;
    case KF_FAULT_TRUNCATED:
      {
        g_autoptr(GBytes) half = g_bytes_new_from_bytes (answer, 0, g_bytes_get_size (answer) / 2);
        respond (msg, status, half);
      }
      return;
    case KF_FAULT_MISSING_RESULT:
      {
        g_autoptr(GBytes) fewer = drop_last_result (answer);
        respond (msg, status, fewer);
      }
      return;
    case KF_FAULT_BAD_RECORD:
      {
        g_autoptr(GBytes) broken = break_last_record (answer);
        respond (msg, status, broken);
      }
      return;
    case KF_FAULT_SLOW:
      g_usleep (SLOW_REPLY_MS * 1000);
      respond (msg, status, answer);
      return;
    case KF_FAULT_DROP_AFTER_COMMIT:
      {
        g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
        g_io_stream_close (stream, NULL, NULL);
      }
      return;
    case KF_FAULT_NONE:
    case KF_FAULT_500:
    case KF_FAULT_429:
    case KF_FAULT_404:
    default:
      respond (msg, status, answer);
    }
}

static gpointer
proxy_thread (gpointer data)
{
  KfFaultProxy *proxy = data;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  g_main_context_push_thread_default (proxy->context);

  proxy->session = soup_session_new_with_options ("timeout", 30, NULL);
  proxy->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (proxy->server, NULL, handle, proxy, NULL);
  if (!soup_server_listen_local (proxy->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("The fault proxy cannot listen: %s", error->message);

  uris = soup_server_get_uris (proxy->server);
  proxy->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));

  g_mutex_lock (&proxy->ready_lock);
  proxy->ready = TRUE;
  g_cond_signal (&proxy->ready_cond);
  g_mutex_unlock (&proxy->ready_lock);

  g_main_loop_run (proxy->loop);

  soup_server_disconnect (proxy->server);
  g_clear_object (&proxy->server);
  g_clear_object (&proxy->session);
  g_main_context_pop_thread_default (proxy->context);
  return NULL;
}

KfFaultProxy *
kf_fault_proxy_new (const char *hub_url)
{
  KfFaultProxy *proxy = g_new0 (KfFaultProxy, 1);

  g_mutex_init (&proxy->lock);
  g_mutex_init (&proxy->ready_lock);
  g_cond_init (&proxy->ready_cond);
  proxy->hub_url = g_strdup (hub_url);
  proxy->path_prefix = g_strdup ("/");
  proxy->request_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  proxy->context = g_main_context_new ();
  proxy->loop = g_main_loop_new (proxy->context, FALSE);
  proxy->thread = g_thread_new ("fault-proxy", proxy_thread, proxy);

  g_mutex_lock (&proxy->ready_lock);
  while (!proxy->ready)
    g_cond_wait (&proxy->ready_cond, &proxy->ready_lock);
  g_mutex_unlock (&proxy->ready_lock);
  return proxy;
}

const char *
kf_fault_proxy_get_url (KfFaultProxy *proxy)
{
  return proxy->url;
}

/**
 * kf_fault_proxy_set_fault:
 * @fault: what to do
 * @path_prefix: to requests whose path starts so ("/v1/push")
 * @times: to the next this many of them; then it forwards faithfully again
 */
void
kf_fault_proxy_set_fault (KfFaultProxy *proxy,
                          KfFault       fault,
                          const char   *path_prefix,
                          guint         times)
{
  g_mutex_lock (&proxy->lock);
  proxy->fault = fault;
  g_free (proxy->path_prefix);
  proxy->path_prefix = g_strdup (path_prefix);
  proxy->skip = 0;
  proxy->times = times;
  proxy->faulted = 0;
  g_array_set_size (proxy->request_times, 0);
  g_mutex_unlock (&proxy->lock);
}

/* As kf_fault_proxy_set_fault(), the first @skip matching requests forwarded
 * faithfully. */
void
kf_fault_proxy_set_fault_after (KfFaultProxy *proxy,
                                KfFault       fault,
                                const char   *path_prefix,
                                guint         skip,
                                guint         times)
{
  kf_fault_proxy_set_fault (proxy, fault, path_prefix, times);
  g_mutex_lock (&proxy->lock);
  proxy->skip = skip;
  g_mutex_unlock (&proxy->lock);
}

guint
kf_fault_proxy_get_faulted (KfFaultProxy *proxy)
{
  guint faulted;

  g_mutex_lock (&proxy->lock);
  faulted = proxy->faulted;
  g_mutex_unlock (&proxy->lock);
  return faulted;
}

guint
kf_fault_proxy_get_requests (KfFaultProxy *proxy)
{
  guint n;

  g_mutex_lock (&proxy->lock);
  n = proxy->request_times->len;
  g_mutex_unlock (&proxy->lock);
  return n;
}

gint64
kf_fault_proxy_get_request_time (KfFaultProxy *proxy,
                                 guint         index)
{
  gint64 t = -1;

  g_mutex_lock (&proxy->lock);
  if (index < proxy->request_times->len)
    t = g_array_index (proxy->request_times, gint64, index);
  g_mutex_unlock (&proxy->lock);
  return t;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
kf_fault_proxy_free (KfFaultProxy *proxy)
{
  if (proxy == NULL)
    return;

  g_main_context_invoke (proxy->context, quit_cb, proxy->loop);
  g_thread_join (proxy->thread);
  g_main_loop_unref (proxy->loop);
  g_main_context_unref (proxy->context);
  g_array_unref (proxy->request_times);
  g_mutex_clear (&proxy->lock);
  g_mutex_clear (&proxy->ready_lock);
  g_cond_clear (&proxy->ready_cond);
  g_free (proxy->hub_url);
  g_free (proxy->path_prefix);
  g_free (proxy->url);
  g_free (proxy);
}

/* kf-hub-http.c — talking HTTP to the hub: through libsoup, by hand, and
 * checking the answers against the protocol's rules for them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-hub-tests"

#include "config.h"

#include <string.h>

#include "kf-hub-harness.h"

/* HTTP through libsoup */

SoupSession *
kf_soup_session_new (void)
{
  return soup_session_new_with_options ("timeout", 60, "idle-timeout", 60,
                                        "max-conns-per-host", 4, NULL);
}

static JsonNode *
parse_json (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  if (length == 0 || !json_parser_load_from_data (parser, data, length, NULL))
    return NULL;
  return json_parser_get_root (parser) ? json_node_copy (json_parser_get_root (parser)) : NULL;
}

KfReply *
kf_hub_send (KfHub       *hub,
             SoupSession *session,
             const char  *method,
             const char  *path,
             const char  *authorization,
             const char  *content_type,
             const void  *body,
             gssize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *url = g_strconcat (hub->url, path, NULL);
  KfReply *reply = g_new0 (KfReply, 1);

  msg = soup_message_new (method, url);
  if (msg == NULL)
    kf_fail ("cannot make a request for %s %s", method, url);
  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                  authorization);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length);

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  else if (content_type != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Content-Type",
                                  content_type);

  reply->body = soup_session_send_and_read (session ? session : hub->session, msg, NULL, &error);
  if (reply->body == NULL)
    kf_fail ("%s %s: no answer: %s", method, path, error->message);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  reply->root = parse_json (reply->body);
  return reply;
}

KfReply *
kf_hub_request (KfHub      *hub,
                const char *method,
                const char *path,
                const char *token,
                const char *content_type,
                const void *body,
                gssize      length)
{
  g_autofree char *authorization = token ? g_strdup_printf ("Bearer %s", token) : NULL;

  return kf_hub_send (hub, NULL, method, path, authorization, content_type, body, length);
}

KfReply *
kf_hub_get (KfHub      *hub,
            const char *token,
            const char *path)
{
  return kf_hub_request (hub, "GET", path, token, NULL, NULL, 0);
}

KfReply *
kf_hub_post_json (KfHub      *hub,
                  const char *token,
                  const char *path,
                  const char *json)
{
  return kf_hub_request (hub, "POST", path, token, "application/json", json, -1);
}

/* HTTP by hand, for what libsoup would not send */

static GBytes *
dechunk (const char *data,
         gsize       length)
{
  GByteArray *out = g_byte_array_new ();
  const char *p = data, *end = data + length;

  while (p < end)
    {
      const char *eol = g_strstr_len (p, end - p, "\r\n");
      guint64 size;

      if (eol == NULL)
        break;
      size = g_ascii_strtoull (p, NULL, 16);
      p = eol + 2;
      if (size == 0 || p + size > end)
        break;
      g_byte_array_append (out, (const guint8 *) p, size);
      p += size + 2;
    }
  return g_byte_array_free_to_bytes (out);
}

static KfReply *
parse_raw_reply (const char *data,
                 gsize       length)
{
  KfReply *reply = g_new0 (KfReply, 1);
  const char *head_end = g_strstr_len (data, length, "\r\n\r\n");
  g_autofree char *head = NULL;
  g_auto(GStrv) lines = NULL;
  const char *body;
  gsize body_length;
  goffset content_length;

  reply->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  if (head_end == NULL || length < 12 || !g_str_has_prefix (data, "HTTP/1."))
    {
      reply->body = g_bytes_new (data, length);
      return reply;
    }
  head = g_strndup (data, head_end - data);
  lines = g_strsplit (head, "\r\n", -1);
  reply->status = (guint) g_ascii_strtoull (lines[0] + 9, NULL, 10);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      char *colon = strchr (lines[i], ':');

      if (colon == NULL)
        continue;
      *colon = '\0';
      soup_message_headers_append (reply->headers, lines[i], g_strstrip (colon + 1));
    }

  body = head_end + 4;
  body_length = length - (body - data);
  content_length = soup_message_headers_get_content_length (reply->headers);
  if (soup_message_headers_get_encoding (reply->headers) == SOUP_ENCODING_CHUNKED)
    reply->body = dechunk (body, body_length);
  else if (soup_message_headers_get_encoding (reply->headers) == SOUP_ENCODING_CONTENT_LENGTH &&
           (gsize) content_length <= body_length)
    reply->body = g_bytes_new (body, content_length);
  else
    reply->body = g_bytes_new (body, body_length);
  reply->root = parse_json (reply->body);
  return reply;
}

/**
 * kf_hub_raw:
 * Sends @request as it is on a new connection and reads the answer until
 * the hub closes it (the request should say `Connection: close`). Writing
 * may fail when the hub answers early and closes: the answer is read anyway.
 */
KfReply *
kf_hub_raw (KfHub      *hub,
            const void *request,
            gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GByteArray) answer = g_byte_array_new ();
  GOutputStream *out;
  GInputStream *in;
  guint8 buffer[16384];
  gssize n;

  g_socket_client_set_timeout (client, 30);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", hub->port, NULL, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (g_socket_connection_get_socket (connection), 30);
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));

  if (!g_output_stream_write_all (out, request, length, NULL, NULL, &error))
    g_test_message ("raw request: write stopped: %s", error->message);
  g_clear_error (&error);

  while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, &error)) > 0)
    g_byte_array_append (answer, buffer, n);
  if (n < 0 && answer->len == 0)
    g_test_message ("raw request: read failed: %s", error->message);

  return parse_raw_reply ((const char *) answer->data, answer->len);
}

void
kf_reply_free (KfReply *reply)
{
  if (reply == NULL)
    return;
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->root, json_node_unref);
  g_free (reply);
}

char *
kf_reply_describe (KfReply *reply)
{
  gsize length = 0;
  const char *body = reply->body ? g_bytes_get_data (reply->body, &length) : "";
  const char *type = soup_message_headers_get_one (reply->headers, "Content-Type");

  return g_strdup_printf ("HTTP %u, Content-Type %s, body %.*s%s", reply->status,
                          type ? type : "(none)", (int) MIN (length, 600), body,
                          length > 600 ? "…" : "");
}

JsonObject *
kf_reply_object (KfReply *reply)
{
  if (reply->root == NULL || !JSON_NODE_HOLDS_OBJECT (reply->root))
    {
      g_autofree char *text = kf_reply_describe (reply);

      kf_fail ("answer is not a JSON object: %s", text);
    }
  return json_node_get_object (reply->root);
}

static void
check_json_type (const char *file,
                 int         line,
                 KfReply    *reply)
{
  g_autoptr(GHashTable) params = NULL;
  const char *type = soup_message_headers_get_content_type (reply->headers, &params);

  if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0)
    {
      g_autofree char *text = kf_reply_describe (reply);

      kf_fail_at (file, line, "answer is not Content-Type: application/json: %s", text);
    }
}

void
kf_assert_reply_at (const char *file,
                    int         line,
                    KfReply    *reply,
                    guint       status)
{
  if (reply->status != status)
    {
      g_autofree char *text = kf_reply_describe (reply);

      kf_fail_at (file, line, "expected HTTP %u, got %s", status, text);
    }
  check_json_type (file, line, reply);
  if (reply->root == NULL || !JSON_NODE_HOLDS_OBJECT (reply->root))
    {
      g_autofree char *text = kf_reply_describe (reply);

      kf_fail_at (file, line, "answer is not a JSON object: %s", text);
    }
}

void
kf_assert_error_at (const char *file,
                    int         line,
                    KfReply    *reply,
                    guint       status,
                    const char *code)
{
  g_autofree char *text = kf_reply_describe (reply);
  JsonObject *object, *error;
  const char *got_code, *message;

  kf_assert_reply_at (file, line, reply, status);
  object = json_node_get_object (reply->root);
  error = kf_get_object (object, "error");
  if (error == NULL)
    kf_fail_at (file, line, "no \"error\" object: %s", text);
  got_code = json_object_get_string_member_with_default (error, "code", NULL);
  message = json_object_get_string_member_with_default (error, "message", NULL);
  if (g_strcmp0 (got_code, code) != 0)
    kf_fail_at (file, line, "expected error code %s, got %s", code, text);
  if (message == NULL || *message == '\0')
    kf_fail_at (file, line, "error without a message: %s", text);

  if (status == 401)
    {
      const char *challenge = soup_message_headers_get_one (reply->headers, "WWW-Authenticate");

      if (challenge == NULL || g_ascii_strncasecmp (challenge, "Bearer", 6) != 0)
        kf_fail_at (file, line, "401 without WWW-Authenticate: Bearer (got %s)",
                    challenge ? challenge : "none");
    }
}

/* kf-hub-client.c — blocking HTTP calls to a kaifang-hub, with libsoup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "kf-hub-client.h"

G_DEFINE_QUARK (kf-sync-error-quark, kf_sync_error)

struct _KfHubClient
{
  SoupSession *session;
  GUri        *base_uri;
  char        *authorization;
};

void
kf_hub_client_free (KfHubClient *client)
{
  if (client == NULL)
    return;
  g_clear_object (&client->session);
  g_clear_pointer (&client->base_uri, g_uri_unref);
  g_free (client->authorization);
  g_free (client);
}

/**
 * kf_hub_client_new:
 * @hub_url: the hub, `http://host:port` or `https://…`
 * @token: the installation's token
 * @ca_file: (nullable): a county's own certificate authority, in PEM; the
 *   system's authorities otherwise. Certificates are always verified.
 * @timeout_seconds: how long to wait for an answer
 * @error: return location
 *
 * Returns: (transfer full) (nullable): a client
 */
KfHubClient *
kf_hub_client_new (const char *hub_url,
                   const char *token,
                   const char *ca_file,
                   guint       timeout_seconds,
                   GError    **error)
{
  g_autoptr(KfHubClient) client = g_new0 (KfHubClient, 1);
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (token != NULL, NULL);

  uri = hub_url != NULL ? g_uri_parse (hub_url, G_URI_FLAGS_NONE, NULL) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_set_error (error, KF_SYNC_ERROR, KF_SYNC_ERROR_NOT_SET_UP,
                   _("must be an address such as https://hub.example.cn:8443"));
      return NULL;
    }

  client->session = soup_session_new_with_options ("timeout", timeout_seconds,
                                                   "idle-timeout", 60,
                                                   "user-agent", "kaifang/" PACKAGE_VERSION,
                                                   NULL);
  if (ca_file != NULL)
    {
      g_autoptr(GTlsDatabase) database = g_tls_file_database_new (ca_file, error);

      if (database == NULL)
        return NULL;
      soup_session_set_tls_database (client->session, database);
    }

  client->base_uri = g_steal_pointer (&uri);
  client->authorization = g_strdup_printf ("Bearer %s", token);
  return g_steal_pointer (&client);
}

static guint
parse_retry_after (SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                    "Retry-After");
  guint64 seconds;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 0, 3600, &seconds, NULL))
    return seconds;
  return 0;
}

static JsonNode *
parse_body (GBytes  *bytes,
            GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!json_parser_load_from_data (parser, data, size, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, KF_SYNC_ERROR, KF_SYNC_ERROR_NO_ANSWER,
                   _("the hub’s answer could not be read"));
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

static void
set_refused (JsonNode *answer,
             guint     status,
             GError  **error)
{
  JsonObject *err = NULL;

  if (answer != NULL && json_object_has_member (json_node_get_object (answer), "error") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (answer), "error")))
    err = json_object_get_object_member (json_node_get_object (answer), "error");

  if (status == SOUP_STATUS_UNAUTHORIZED)
    g_set_error (error, KF_SYNC_ERROR, KF_SYNC_ERROR_REFUSED,
                 _("the hub does not accept this token"));
  else
    g_set_error (error, KF_SYNC_ERROR,
                 status == SOUP_STATUS_NOT_FOUND ? KF_SYNC_ERROR_NOT_FOUND
                                                 : KF_SYNC_ERROR_REFUSED,
                 _("the hub refused (%u): %s"),
                 status, err != NULL
                 ? json_object_get_string_member_with_default (err, "message", "")
                 : soup_status_get_phrase (status));
}

/**
 * kf_hub_client_call:
 * @client: a client
 * @method: "GET" or "POST"
 * @path_and_query: e.g. "/v1/changes?since=0"
 * @body: (nullable): a JSON body
 * @body_length: its length
 * @retry_after: (out) (optional): seconds the hub asked to wait, or 0
 * @cancellable: (nullable): a cancellable
 * @error: return location: %KF_SYNC_ERROR_NO_ANSWER for anything that
 *   leaves the outcome unknown, %KF_SYNC_ERROR_REFUSED for a failure the hub
 *   answered
 *
 * Returns: (transfer full) (nullable): the answer, a JSON object of a 2xx
 */
JsonNode *
kf_hub_client_call (KfHubClient  *client,
                    const char   *method,
                    const char   *path_and_query,
                    const char   *body,
                    gsize         body_length,
                    guint        *retry_after,
                    GCancellable *cancellable,
                    GError      **error)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  uri = g_uri_parse_relative (client->base_uri, path_and_query, G_URI_FLAGS_NONE, error);
  if (uri == NULL)
    return NULL;

  message = soup_message_new_from_uri (method, uri);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                client->authorization);
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, body_length);
      soup_message_set_request_body_from_bytes (message, "application/json", request);
    }

  bytes = soup_session_send_and_read (client->session, message, cancellable, &local_error);
  if (retry_after != NULL)
    *retry_after = message != NULL ? parse_retry_after (message) : 0;
  if (bytes == NULL)
    {
      g_set_error (error, KF_SYNC_ERROR, KF_SYNC_ERROR_NO_ANSWER,
                   _("the hub could not be reached: %s"), local_error->message);
      return NULL;
    }

  status = soup_message_get_status (message);
  if (status >= 500 || status == 429 /* Too Many Requests */)
    {
      g_set_error (error, KF_SYNC_ERROR, KF_SYNC_ERROR_NO_ANSWER,
                   _("the hub is busy or failing (%u)"), status);
      return NULL;
    }

  answer = parse_body (bytes, &local_error);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      set_refused (answer, status, error);
      return NULL;
    }
  if (answer == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&answer);
}

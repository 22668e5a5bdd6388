/* kf-hub-routes.c — the endpoints of the protocol, and who may call them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-hub"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kf-hub-changes.h"
#include "kf-hub-error.h"
#include "kf-hub-json.h"
#include "kf-hub-push.h"
#include "kf-hub-routes.h"
#include "kf-hub-status.h"

/* Endpoints */

static char *
endpoint_health (KfStore           *store,
                 const KfHubClient *client,
                 SoupServerMessage *msg,
                 GHashTable        *query,
                 GError           **error)
{
  return kf_hub_health ();
}

static char *
endpoint_me (KfStore           *store,
             const KfHubClient *client,
             SoupServerMessage *msg,
             GHashTable        *query,
             GError           **error)
{
  return kf_hub_me (client);
}

static char *
endpoint_changes (KfStore           *store,
                  const KfHubClient *client,
                  SoupServerMessage *msg,
                  GHashTable        *query,
                  GError           **error)
{
  g_autoptr(GError) note_error = NULL;
  char *body = kf_hub_changes (store, client, query, error);

  /* When the client last synced is not worth failing a read for. */
  if (body != NULL && !kf_hub_sync_note_pull (store, client, &note_error))
    g_warning ("Could not note when %s synced: %s", client->client_id, note_error->message);
  return body;
}

static char *
endpoint_totals (KfStore           *store,
                 const KfHubClient *client,
                 SoupServerMessage *msg,
                 GHashTable        *query,
                 GError           **error)
{
  return kf_hub_totals (store, client, query, error);
}

/**
 * kf_hub_route_check_body_type:
 * @route: a route
 * @msg: a request whose headers are read
 * @error: return location for %KF_HUB_ERROR_UNSUPPORTED_MEDIA_TYPE
 *
 * A route that reads a body takes JSON in UTF-8 only.
 */
gboolean
kf_hub_route_check_body_type (const KfHubRoute  *route,
                              SoupServerMessage *msg,
                              GError           **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GHashTable) params = NULL;
  const char *type = soup_message_headers_get_content_type (headers, &params);
  const char *charset = params != NULL ? g_hash_table_lookup (params, "charset") : NULL;

  if (!route->reads_body)
    return TRUE;
  if (type != NULL && g_ascii_strcasecmp (type, "application/json") == 0 &&
      (charset == NULL || g_ascii_strcasecmp (charset, "utf-8") == 0 ||
       g_ascii_strcasecmp (charset, "utf8") == 0))
    return TRUE;

  g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_UNSUPPORTED_MEDIA_TYPE,
               _("the body must be sent as Content-Type: application/json (UTF-8)"));
  return FALSE;
}

/**
 * kf_hub_route_read_push:
 * @client: who pushes
 * @msg: a POST /v1/push whose body is read
 * @error: return location for a %KF_HUB_ERROR
 *
 * Reads a push: its JSON, its shape and the time its rules will see. It is
 * applied later, with the pushes that arrive with it (kf-hub-queue.c).
 *
 * Returns: (transfer full) (nullable): the push
 */
KfHubPush *
kf_hub_route_read_push (const KfHubClient *client,
                        SoupServerMessage *msg,
                        GError           **error)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = NULL;
  gconstpointer data;
  gsize length;

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  data = g_bytes_get_data (body, &length);
  root = kf_hub_json_parse (data, length, error);
  if (root == NULL)
    return NULL;

  /* Sessions are planned in the hub's local time (TZ). */
  now = g_date_time_new_now_local ();
  return kf_hub_push_new (client, root, now, error);
}

/* The role table of the protocol: the reviewer may not push, a school may
 * not read totals. */
#define WRITERS (KF_HUB_ROLE (KF_ROLE_BASE) | KF_HUB_ROLE (KF_ROLE_SCHOOL))
#define TOTALS_READERS (KF_HUB_ROLE (KF_ROLE_BASE) | KF_HUB_ROLE (KF_ROLE_REVIEWER))

static const KfHubRoute routes[] = {
  { "/v1/health", "GET", FALSE, 0, FALSE, endpoint_health },
  { "/v1/me", "GET", TRUE, KF_HUB_ANY_ROLE, FALSE, endpoint_me },
  { "/v1/push", "POST", TRUE, WRITERS, TRUE, NULL },
  { "/v1/changes", "GET", TRUE, KF_HUB_ANY_ROLE, FALSE, endpoint_changes },
  { "/v1/totals", "GET", TRUE, TOTALS_READERS, FALSE, endpoint_totals },
  { "/v1/sync-status", "GET", TRUE, TOTALS_READERS, FALSE, kf_hub_sync_status },
};

/**
 * kf_hub_route_find:
 *
 * Returns: (nullable): the route of @path, exactly as the protocol spells it
 */
const KfHubRoute *
kf_hub_route_find (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (g_strcmp0 (routes[i].path, path) == 0)
      return &routes[i];
  return NULL;
}

/* The methods of the Allow header of a 405. */
const char *
kf_hub_route_allow (const KfHubRoute *route)
{
  return strcmp (route->method, "GET") == 0 ? "GET, HEAD" : route->method;
}

gboolean
kf_hub_route_accepts (const KfHubRoute *route,
                      const char       *method)
{
  return strcmp (method, route->method) == 0 ||
         (strcmp (route->method, "GET") == 0 && strcmp (method, "HEAD") == 0);
}

gboolean
kf_hub_route_allows (const KfHubRoute *route,
                     KfRole            role)
{
  return (route->roles & KF_HUB_ROLE (role)) != 0;
}

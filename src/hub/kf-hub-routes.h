/* kf-hub-routes.h — the endpoints of the protocol, and who may call them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "kf-hub-db.h"
#include "kf-hub-push.h"

G_BEGIN_DECLS

/**
 * KfHubEndpoint:
 * @store: the hub's store
 * @client: (nullable): who calls, %NULL where no token is needed
 * @msg: the request, its body read
 * @query: the query parameters
 * @error: return location for a %KF_HUB_ERROR, or another error when the
 *   database failed
 *
 * Returns: (transfer full) (nullable): the JSON body of a 200 answer
 */
typedef char *(*KfHubEndpoint) (KfStore           *store,
                                const KfHubClient *client,
                                SoupServerMessage *msg,
                                GHashTable        *query,
                                GError           **error);

#define KF_HUB_ROLE(r) (1u << (r))
#define KF_HUB_ANY_ROLE \
  (KF_HUB_ROLE (KF_ROLE_BASE) | KF_HUB_ROLE (KF_ROLE_SCHOOL) | KF_HUB_ROLE (KF_ROLE_REVIEWER))

/* A route without an endpoint is POST /v1/push: read at once
 * (kf_hub_route_read_push()), applied with the pushes that arrive with it
 * (kf-hub-queue.c). */
typedef struct
{
  const char    *path;
  const char    *method;
  gboolean       needs_token;
  guint          roles;
  gboolean       reads_body;
  KfHubEndpoint  endpoint;
} KfHubRoute;

const KfHubRoute *kf_hub_route_find    (const char       *path);
gboolean          kf_hub_route_accepts (const KfHubRoute *route,
                                        const char       *method);
const char       *kf_hub_route_allow   (const KfHubRoute *route);
gboolean          kf_hub_route_allows  (const KfHubRoute *route,
                                        KfRole            role);
gboolean          kf_hub_route_check_body_type (const KfHubRoute  *route,
                                                SoupServerMessage *msg,
                                                GError           **error);
KfHubPush        *kf_hub_route_read_push (const KfHubClient *client,
                                          SoupServerMessage *msg,
                                          GError           **error);

G_END_DECLS

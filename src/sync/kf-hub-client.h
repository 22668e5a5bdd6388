/* kf-hub-client.h — blocking HTTP calls to a kaifang-hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define KF_SYNC_ERROR (kf_sync_error_quark ())

/**
 * KfSyncError:
 * @KF_SYNC_ERROR_NO_ANSWER: the hub could not be reached, or did not give a
 *   usable answer (network error, timeout, 5xx, 429, a body that does not
 *   parse): what was sent is sent again later
 * @KF_SYNC_ERROR_REFUSED: the hub answered with a failure (a bad token, a
 *   request it refuses)
 * @KF_SYNC_ERROR_NOT_SET_UP: no hub or token is set, or the database holds the
 *   demo data
 * @KF_SYNC_ERROR_NOT_FOUND: the hub answered 404: it has nothing at that path
 *   (an extension it does not have)
 */
typedef enum
{
  KF_SYNC_ERROR_NO_ANSWER,
  KF_SYNC_ERROR_REFUSED,
  KF_SYNC_ERROR_NOT_SET_UP,
  KF_SYNC_ERROR_NOT_FOUND,
} KfSyncError;

typedef struct _KfHubClient KfHubClient;

GQuark       kf_sync_error_quark     (void);

KfHubClient *kf_hub_client_new       (const char    *hub_url,
                                      const char    *token,
                                      const char    *ca_file,
                                      guint          timeout_seconds,
                                      GError       **error);
void         kf_hub_client_free      (KfHubClient   *client);
JsonNode    *kf_hub_client_call      (KfHubClient   *client,
                                      const char    *method,
                                      const char    *path_and_query,
                                      const char    *body,
                                      gsize          body_length,
                                      guint         *retry_after,
                                      GCancellable  *cancellable,
                                      GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfHubClient, kf_hub_client_free)

G_END_DECLS

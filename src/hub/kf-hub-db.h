/* kf-hub-db.h — the hub's database: a core store plus the hub's own tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kf-store.h"

G_BEGIN_DECLS

#define KF_HUB_SCHEMA_VERSION 2

/**
 * KfHubClient:
 * @client_id: the client's id (a UUID), never secret
 * @role: what the client may read and write
 * @base_id: (nullable): the base of a client of role base
 * @org_name: (nullable): the organisation of a client of role school
 * @label: the name the hub's admin gave the token
 * @created_at: when the token was made (RFC 3339)
 * @revoked_at: (nullable): when it was revoked
 *
 * One holder of one token.
 */
typedef struct
{
  char    *client_id;
  KfRole   role;
  char    *base_id;
  char    *org_name;
  char    *label;
  char    *created_at;
  char    *revoked_at;
} KfHubClient;

void         kf_hub_client_free          (KfHubClient       *client);
KfIdentity  *kf_hub_client_get_identity  (const KfHubClient *client);
gboolean     kf_hub_client_may_read      (const KfHubClient *client,
                                          const KfRecord    *record);

KfStore     *kf_hub_db_open              (const char        *path,
                                          GError           **error);
int          kf_hub_db_get_schema_version (KfStore          *store);

char        *kf_hub_token_new            (void);
char        *kf_hub_token_hash           (const char        *token);
gboolean     kf_hub_secure_equal         (const char        *a,
                                          const char        *b);

KfHubClient *kf_hub_client_add           (KfStore           *store,
                                          KfRole             role,
                                          const char        *base_id,
                                          const char        *org_name,
                                          const char        *label,
                                          char             **token,
                                          GError           **error);
KfHubClient *kf_hub_client_authenticate  (KfStore           *store,
                                          const char        *token,
                                          GError           **error);
GPtrArray   *kf_hub_client_list          (KfStore           *store,
                                          GError           **error);
gboolean     kf_hub_client_revoke        (KfStore           *store,
                                          const char        *client_id,
                                          GError           **error);

gboolean     kf_hub_db_touch             (KfStore           *store,
                                          const KfRecord    *record,
                                          GError           **error);
gboolean     kf_hub_base_add             (KfStore           *store,
                                          KfRecord          *base,
                                          GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfHubClient, kf_hub_client_free)

G_END_DECLS

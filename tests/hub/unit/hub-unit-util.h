/* hub-unit-util.h — a hub database with two bases and a client of each role
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kf-hub-db.h"

G_BEGIN_DECLS

#define BASE_A "a0000000-0000-4000-8000-00000000000a"
#define BASE_B "b0000000-0000-4000-8000-00000000000b"
#define ORG_X "Xinhua Middle School"
#define ORG_Y "Yucai Primary School"

typedef enum
{
  CLIENT_BASE_A,
  CLIENT_BASE_A2,   /* a second installation of base A */
  CLIENT_BASE_B,
  CLIENT_SCHOOL_X,
  CLIENT_SCHOOL_Y,
  CLIENT_REVIEWER,
  N_CLIENTS
} ClientId;

typedef struct
{
  char        *dir;
  char        *path;
  KfStore     *store;
  KfHubClient *client[N_CLIENTS];
  char        *token[N_CLIENTS];
} Hub;

Hub        *hub_new              (void);
void        hub_free             (Hub         *hub);

char       *session_data         (const char  *base_id,
                                  const char  *date,
                                  gint64       capacity,
                                  const char  *status);
char       *booking_data         (const char  *base_id,
                                  const char  *session_id,
                                  const char  *org_name,
                                  gint64       youth,
                                  const char  *status);
char       *visit_data           (const char  *base_id,
                                  const char  *session_id,
                                  gint64       youth);
char       *op_json              (const char  *op_id,
                                  const char  *entity,
                                  const char  *id,
                                  gint64       base_version,
                                  const char  *data);

JsonNode   *hub_push             (Hub         *hub,
                                  ClientId     client,
                                  const char  *ops,
                                  GError     **error);
JsonObject *push_result          (JsonNode    *answer,
                                  guint        index);
JsonObject *push_one             (Hub         *hub,
                                  ClientId     client,
                                  const char  *op);
void        assert_rejected      (JsonObject  *result,
                                  const char  *code,
                                  const char  *field);
gint64      change_seq           (Hub         *hub,
                                  const char  *entity,
                                  const char  *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Hub, hub_free)

G_END_DECLS

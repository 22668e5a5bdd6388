/* hub-unit-util.c — a hub database with two bases and a client of each role
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hub-unit"

#include "config.h"

#include <glib/gstdio.h>

#include "hub-unit-util.h"
#include "kf-hub-error.h"
#include "kf-hub-json.h"
#include "kf-hub-push.h"
#include "kf-store-private.h"

static void
add_base (KfStore    *store,
          const char *id,
          const char *name)
{
  g_autoptr(KfRecord) record = kf_record_new (KF_ENTITY_BASE);
  g_autoptr(GError) error = NULL;
  KfBase *base = KF_BASE (record);

  record->id = g_strdup (id);
  base->name = g_strdup (name);
  base->address = g_strdup ("");
  base->contact_name = g_strdup ("Ms Li");
  base->contact_phone = g_strdup ("13912345678");
  g_assert_true (kf_hub_base_add (store, record, &error));
  g_assert_no_error (error);
}

Hub *
hub_new (void)
{
  static const struct
  {
    KfRole      role;
    const char *base_id;
    const char *org_name;
  } clients[N_CLIENTS] = {
    [CLIENT_BASE_A] = { KF_ROLE_BASE, BASE_A, NULL },
    [CLIENT_BASE_A2] = { KF_ROLE_BASE, BASE_A, NULL },
    [CLIENT_BASE_B] = { KF_ROLE_BASE, BASE_B, NULL },
    [CLIENT_SCHOOL_X] = { KF_ROLE_SCHOOL, NULL, ORG_X },
    [CLIENT_SCHOOL_Y] = { KF_ROLE_SCHOOL, NULL, ORG_Y },
    [CLIENT_REVIEWER] = { KF_ROLE_REVIEWER, NULL, NULL },
  };
  g_autoptr(GError) error = NULL;
  Hub *hub = g_new0 (Hub, 1);

  hub->dir = g_dir_make_tmp ("kf-hub-unit-XXXXXX", &error);
  g_assert_no_error (error);
  hub->path = g_build_filename (hub->dir, "hub.db", NULL);
  hub->store = kf_hub_db_open (hub->path, &error);
  g_assert_no_error (error);

  add_base (hub->store, BASE_A, "Alpha Weather Station");
  add_base (hub->store, BASE_B, "Beta Farm");
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      hub->client[i] = kf_hub_client_add (hub->store, clients[i].role, clients[i].base_id,
                                          clients[i].org_name, "a client", &hub->token[i], &error);
      g_assert_no_error (error);
    }
  return hub;
}

void
hub_free (Hub *hub)
{
  g_autofree char *wal = g_strconcat (hub->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (hub->path, "-shm", NULL);

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      kf_hub_client_free (hub->client[i]);
      g_free (hub->token[i]);
    }
  g_clear_object (&hub->store);
  g_remove (hub->path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (hub->dir);
  g_free (hub->path);
  g_free (hub->dir);
  g_free (hub);
}

char *
session_data (const char *base_id,
              const char *date,
              gint64      capacity,
              const char *status)
{
  return g_strdup_printf ("{\"base_id\": \"%s\", \"date\": \"%s\", \"start\": \"09:00\","
                          " \"end\": \"11:00\", \"capacity\": %" G_GINT64_FORMAT ","
                          " \"title\": \"Weather radar\", \"topic\": \"meteorology\","
                          " \"format\": \"study_tour\", \"status\": \"%s\", \"note\": \"\"}",
                          base_id, date, capacity, status);
}

char *
booking_data (const char *base_id,
              const char *session_id,
              const char *org_name,
              gint64      youth,
              const char *status)
{
  return g_strdup_printf ("{\"base_id\": \"%s\", \"session_id\": \"%s\", \"org_name\": \"%s\","
                          " \"org_type\": \"school\", \"grade\": \"5\", \"contact_name\": \"Wang\","
                          " \"contact_phone\": \"13812340000\", \"youth_count\": %" G_GINT64_FORMAT
                          ", \"adult_count\": 2, \"status\": \"%s\", \"note\": \"\"}",
                          base_id, session_id, org_name, youth, status);
}

char *
visit_data (const char *base_id,
            const char *session_id,
            gint64      youth)
{
  return g_strdup_printf ("{\"base_id\": \"%s\", \"session_id\": \"%s\", \"booking_id\": null,"
                          " \"kind\": \"individuals\", \"group_name\": \"Individual visitors\","
                          " \"arrived_at\": \"2099-05-24T09:00:00+08:00\", \"youth_count\": %"
                          G_GINT64_FORMAT ", \"adult_count\": 0, \"note\": \"\"}",
                          base_id, session_id, youth);
}

char *
op_json (const char *op_id,
         const char *entity,
         const char *id,
         gint64      base_version,
         const char *data)
{
  g_autofree char *fresh = op_id == NULL ? kf_new_id () : NULL;

  return g_strdup_printf ("{\"op_id\": \"%s\", \"entity\": \"%s\", \"id\": \"%s\","
                          " \"base_version\": %" G_GINT64_FORMAT ", \"data\": %s}",
                          op_id != NULL ? op_id : fresh, entity, id, base_version, data);
}

/* Pushes `{"ops": [OPS]}` as @client; returns the parsed answer. */
JsonNode *
hub_push (Hub        *hub,
          ClientId    client,
          const char *ops,
          GError    **error)
{
  g_autofree char *body = g_strdup_printf ("{\"ops\": [%s]}", ops);
  g_autoptr(JsonNode) root = kf_hub_json_parse (body, strlen (body), error);
  g_autoptr(GDateTime) now = g_date_time_new_local (2099, 5, 1, 8, 0, 0);
  g_autofree char *answer = NULL;
  JsonNode *parsed;

  if (root == NULL)
    return NULL;
  answer = kf_hub_push (hub->store, hub->client[client], root, now, error);
  if (answer == NULL)
    return NULL;
  parsed = json_from_string (answer, NULL);
  g_assert_nonnull (parsed);
  return parsed;
}

JsonObject *
push_result (JsonNode *answer,
             guint     index)
{
  JsonArray *results = json_object_get_array_member (json_node_get_object (answer), "results");

  g_assert_cmpuint (index, <, json_array_get_length (results));
  return json_array_get_object_element (results, index);
}

/* Pushes one op and returns its result (valid until the next call). */
JsonObject *
push_one (Hub        *hub,
          ClientId    client,
          const char *op)
{
  static JsonNode *last;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&last, json_node_unref);
  last = hub_push (hub, client, op, &error);
  g_assert_no_error (error);
  return push_result (last, 0);
}

void
assert_rejected (JsonObject *result,
                 const char *code,
                 const char *field)
{
  JsonObject *error;

  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "rejected");
  error = json_object_get_object_member (result, "error");
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member_with_default (error, "field", NULL), ==, field);
  g_assert_true (json_object_has_member (error, "message"));
}

/* The seq of a record in the feed, 0 if it has none. */
gint64
change_seq (Hub        *hub,
            const char *entity,
            const char *id)
{
  sqlite3_stmt *stmt = kf_store_prepare (hub->store, "SELECT seq FROM changes"
                                         " WHERE entity = ? AND record_id = ?", NULL);
  gint64 seq = 0;

  g_assert_nonnull (stmt);
  kf_store_bind_text (stmt, 1, entity);
  kf_store_bind_text (stmt, 2, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return seq;
}

/* test-hub-push.c — how the hub decides ops: versions, idempotency, rules,
 * ownership, the feed, and one transaction per push
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hub-unit"

#include "config.h"

#include "hub-unit-util.h"
#include "kf-hub-error.h"
#include "kf-hub-push.h"
#include "kf-store-private.h"

#define SESSION_1 "51000000-0000-4000-8000-000000000001"
#define SESSION_2 "51000000-0000-4000-8000-000000000002"
#define SESSION_B "5b000000-0000-4000-8000-000000000001"
#define BOOKING_1 "b1000000-0000-4000-8000-000000000001"
#define VISIT_1 "71000000-0000-4000-8000-000000000001"
#define OP_1 "0a000000-0000-4000-8000-000000000001"

static gint64
stored_version (Hub        *hub,
                KfEntity    entity,
                const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) record = kf_store_get (hub->store, entity, id, &error);

  return record != NULL ? record->version : 0;
}

static void
assert_applied (JsonObject *result,
                gint64      version,
                gboolean    replay)
{
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (result, "version"), ==, version);
  g_assert_cmpint (json_object_get_boolean_member (result, "replay"), ==, replay);
}

static JsonObject *
push_session (Hub        *hub,
              ClientId    client,
              const char *op_id,
              const char *id,
              gint64      base_version,
              gint64      capacity)
{
  g_autofree char *data = session_data (BASE_A, "2099-05-24", capacity, "scheduled");
  g_autofree char *op = op_json (op_id, "session", id, base_version, data);

  return push_one (hub, client, op);
}

static void
test_create_update (void)
{
  g_autoptr(Hub) hub = hub_new ();
  gint64 seq1, seq2;

  assert_applied (push_session (hub, CLIENT_BASE_A, NULL, SESSION_1, 0, 20), 1, FALSE);
  seq1 = change_seq (hub, "session", SESSION_1);
  g_assert_cmpint (seq1, >, change_seq (hub, "base", BASE_B));

  assert_applied (push_session (hub, CLIENT_BASE_A, NULL, SESSION_1, 1, 25), 2, FALSE);
  seq2 = change_seq (hub, "session", SESSION_1);
  g_assert_cmpint (seq2, >, seq1);
  g_assert_cmpint (stored_version (hub, KF_ENTITY_SESSION, SESSION_1), ==, 2);
}

/* A record the hub does not have is made, whatever version the client
 * believed it had. */
static void
test_create_with_version (void)
{
  g_autoptr(Hub) hub = hub_new ();

  assert_applied (push_session (hub, CLIENT_BASE_A, NULL, SESSION_1, 7, 20), 1, FALSE);
}

static void
test_conflict (void)
{
  static const gint64 stale[] = { 0, 1, 3, 99 };
  g_autoptr(Hub) hub = hub_new ();

  push_session (hub, CLIENT_BASE_A, NULL, SESSION_1, 0, 20);
  push_session (hub, CLIENT_BASE_A, NULL, SESSION_1, 1, 21);

  for (guint i = 0; i < G_N_ELEMENTS (stale); i++)
    {
      gint64 seq = change_seq (hub, "session", SESSION_1);
      JsonObject *result = push_session (hub, CLIENT_BASE_A, NULL, SESSION_1, stale[i], 30);
      JsonObject *current;

      g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "conflict");
      g_assert_false (json_object_get_boolean_member (result, "replay"));
      current = json_object_get_object_member (result, "current");
      g_assert_cmpstr (json_object_get_string_member (current, "id"), ==, SESSION_1);
      g_assert_cmpint (json_object_get_int_member (current, "version"), ==, 2);
      g_assert_cmpint (json_object_get_int_member (current, "capacity"), ==, 21);
      g_assert_cmpint (json_object_get_int_member (current, "confirmed_people"), ==, 0);
      g_assert_cmpint (stored_version (hub, KF_ENTITY_SESSION, SESSION_1), ==, 2);
      g_assert_cmpint (change_seq (hub, "session", SESSION_1), ==, seq);
    }
}

static void
test_replay (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autofree char *data = session_data (BASE_A, "2099-05-24", 20, "scheduled");
  /* The same data with its members in another order is the same data. */
  g_autofree char *reordered = g_strdup_printf ("{\"note\": \"\", \"status\": \"scheduled\","
                                                " \"format\": \"study_tour\", \"topic\":"
                                                " \"meteorology\", \"title\": \"Weather radar\","
                                                " \"capacity\": 20, \"end\": \"11:00\", \"start\":"
                                                " \"09:00\", \"date\": \"2099-05-24\","
                                                " \"base_id\": \"%s\"}", BASE_A);
  g_autofree char *op = op_json (OP_1, "session", SESSION_1, 0, data);
  g_autofree char *again = op_json (OP_1, "session", SESSION_1, 5, reordered);
  gint64 seq;

  assert_applied (push_one (hub, CLIENT_BASE_A, op), 1, FALSE);
  seq = change_seq (hub, "session", SESSION_1);

  /* base_version is not compared */
  assert_applied (push_one (hub, CLIENT_BASE_A, again), 1, TRUE);
  assert_applied (push_one (hub, CLIENT_BASE_A, op), 1, TRUE);
  g_assert_cmpint (stored_version (hub, KF_ENTITY_SESSION, SESSION_1), ==, 1);
  g_assert_cmpint (change_seq (hub, "session", SESSION_1), ==, seq);
}

/* What is replayed is the first answer, even a rejection, even when the
 * op would now be decided otherwise. */
static void
test_replay_rejection (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autofree char *booking = booking_data (BASE_A, SESSION_1, ORG_X, 10, "requested");
  g_autofree char *op = op_json (OP_1, "booking", BOOKING_1, 0, booking);

  assert_rejected (push_one (hub, CLIENT_BASE_A, op), "not_found", "session_id");
  push_session (hub, CLIENT_BASE_A, NULL, SESSION_1, 0, 20);
  {
    JsonObject *result = push_one (hub, CLIENT_BASE_A, op);

    assert_rejected (result, "not_found", "session_id");
    g_assert_true (json_object_get_boolean_member (result, "replay"));
  }
  g_assert_cmpint (stored_version (hub, KF_ENTITY_BOOKING, BOOKING_1), ==, 0);
}

/* op_ids are per client: another client's op with the same op_id is its
 * own. */
static void
test_replay_per_client (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autofree char *data = session_data (BASE_B, "2099-05-24", 20, "scheduled");
  g_autofree char *op = op_json (OP_1, "session", SESSION_B, 0, data);

  assert_applied (push_session (hub, CLIENT_BASE_A, OP_1, SESSION_1, 0, 20), 1, FALSE);
  assert_applied (push_one (hub, CLIENT_BASE_B, op), 1, FALSE);
}

static void
test_op_id_reused (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autofree char *data = session_data (BASE_A, "2099-05-24", 20, "scheduled");
  g_autofree char *other_data = session_data (BASE_A, "2099-05-24", 21, "scheduled");
  g_autofree char *booking = booking_data (BASE_A, SESSION_1, ORG_X, 10, "requested");
  const char *reuses[3];
  g_autofree char *reuse_data = op_json (OP_1, "session", SESSION_1, 1, other_data);
  g_autofree char *reuse_id = op_json (OP_1, "session", SESSION_2, 0, data);
  g_autofree char *reuse_entity = op_json (OP_1, "booking", SESSION_1, 0, booking);

  assert_applied (push_session (hub, CLIENT_BASE_A, OP_1, SESSION_1, 0, 20), 1, FALSE);
  reuses[0] = reuse_data;
  reuses[1] = reuse_id;
  reuses[2] = reuse_entity;
  for (guint i = 0; i < G_N_ELEMENTS (reuses); i++)
    {
      JsonObject *result = push_one (hub, CLIENT_BASE_A, reuses[i]);

      assert_rejected (result, "op_id_reused", "op_id");
      g_assert_false (json_object_get_boolean_member (result, "replay"));
    }
  g_assert_cmpint (stored_version (hub, KF_ENTITY_SESSION, SESSION_1), ==, 1);
  g_assert_cmpint (stored_version (hub, KF_ENTITY_SESSION, SESSION_2), ==, 0);
  /* The first op is still the one remembered. */
  assert_applied (push_session (hub, CLIENT_BASE_A, OP_1, SESSION_1, 0, 20), 1, TRUE);
}

/* Ops apply in order in one push: a record made by one op can be changed
 * by the next, and an op repeated in the same push is a replay. */
static void
test_in_order (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autofree char *first = session_data (BASE_A, "2099-05-24", 20, "scheduled");
  g_autofree char *second = session_data (BASE_A, "2099-05-24", 30, "scheduled");
  g_autofree char *op1 = op_json (OP_1, "session", SESSION_1, 0, first);
  g_autofree char *op2 = op_json (NULL, "session", SESSION_1, 1, second);
  g_autofree char *ops = g_strdup_printf ("%s, %s, %s", op1, op2, op1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = hub_push (hub, CLIENT_BASE_A, ops, &error);

  g_assert_no_error (error);
  assert_applied (push_result (answer, 0), 1, FALSE);
  assert_applied (push_result (answer, 1), 2, FALSE);
  assert_applied (push_result (answer, 2), 1, TRUE);
  g_assert_cmpstr (json_object_get_string_member (push_result (answer, 0), "op_id"), ==, OP_1);
}

typedef struct
{
  const char *name;
  ClientId    client;
  const char *entity;
  const char *id;
  const char *data;
  const char *code;
  const char *field;
} Rejection;

#define SESSION_FIELDS \
  "\"date\": \"2099-05-24\", \"start\": \"09:00\", \"end\": \"11:00\", \"title\": \"T\"," \
  " \"topic\": \"ai\", \"format\": \"lecture\", \"status\": \"scheduled\""
#define BOOKING_FIELDS \
  "\"org_type\": \"school\", \"contact_name\": \"Wang\", \"contact_phone\": \"13812340000\"," \
  " \"adult_count\": 2"

static const Rejection rejections[] = {
  { "entity-unknown", CLIENT_BASE_A, "planet", SESSION_2, "{}", "invalid_field", "entity" },
  { "entity-base", CLIENT_BASE_A, "base", BASE_A, "{\"name\": \"x\"}", "forbidden", NULL },
  { "id-upper", CLIENT_BASE_A, "session", "5100000A-0000-4000-8000-000000000002",
    "{\"base_id\": \"" BASE_A "\", \"capacity\": 5, " SESSION_FIELDS "}", "invalid_field", "id" },
  { "unknown-field", CLIENT_BASE_A, "session", SESSION_2,
    "{\"base_id\": \"" BASE_A "\", \"capacity\": 5, \"colour\": \"red\", " SESSION_FIELDS "}",
    "unknown_field", "colour" },
  { "id-in-data", CLIENT_BASE_A, "session", SESSION_2,
    "{\"id\": \"" SESSION_2 "\", \"base_id\": \"" BASE_A "\", \"capacity\": 5, "
    SESSION_FIELDS "}", "unknown_field", "id" },
  { "missing-field", CLIENT_BASE_A, "session", SESSION_2,
    "{\"base_id\": \"" BASE_A "\", " SESSION_FIELDS "}", "missing_field", "capacity" },
  { "wrong-type", CLIENT_BASE_A, "session", SESSION_2,
    "{\"base_id\": \"" BASE_A "\", \"capacity\": \"5\", " SESSION_FIELDS "}",
    "invalid_field", "capacity" },
  { "out-of-range", CLIENT_BASE_A, "session", SESSION_2,
    "{\"base_id\": \"" BASE_A "\", \"capacity\": 100001, " SESSION_FIELDS "}",
    "invalid_field", "capacity" },
  { "other-base", CLIENT_BASE_A, "session", SESSION_2,
    "{\"base_id\": \"" BASE_B "\", \"capacity\": 5, " SESSION_FIELDS "}", "forbidden", "base_id" },
  { "school-session", CLIENT_SCHOOL_X, "session", SESSION_2,
    "{\"base_id\": \"" BASE_A "\", \"capacity\": 5, " SESSION_FIELDS "}", "forbidden", NULL },
  { "school-visit", CLIENT_SCHOOL_X, "visit", VISIT_1, "{}", "forbidden", NULL },
  { "session-missing", CLIENT_BASE_A, "booking", BOOKING_1,
    "{\"base_id\": \"" BASE_A "\", \"session_id\": \"" SESSION_2 "\", \"org_name\": \"" ORG_X
    "\", \"youth_count\": 5, \"status\": \"requested\", " BOOKING_FIELDS "}",
    "not_found", "session_id" },
  { "new-attended", CLIENT_BASE_A, "booking", BOOKING_1,
    "{\"base_id\": \"" BASE_A "\", \"session_id\": \"" SESSION_1 "\", \"org_name\": \"" ORG_X
    "\", \"youth_count\": 5, \"status\": \"attended\", " BOOKING_FIELDS "}",
    "invalid_transition", "status" },
  { "over-capacity", CLIENT_BASE_A, "booking", BOOKING_1,
    "{\"base_id\": \"" BASE_A "\", \"session_id\": \"" SESSION_1 "\", \"org_name\": \"" ORG_X
    "\", \"youth_count\": 19, \"status\": \"confirmed\", " BOOKING_FIELDS "}",
    "over_capacity", "status" },
  { "school-confirms", CLIENT_SCHOOL_X, "booking", BOOKING_1,
    "{\"base_id\": \"" BASE_A "\", \"session_id\": \"" SESSION_1 "\", \"org_name\": \"" ORG_X
    "\", \"youth_count\": 5, \"status\": \"confirmed\", " BOOKING_FIELDS "}",
    "forbidden_field", "status" },
  { "school-other-org", CLIENT_SCHOOL_X, "booking", BOOKING_1,
    "{\"base_id\": \"" BASE_A "\", \"session_id\": \"" SESSION_1 "\", \"org_name\": \"" ORG_Y
    "\", \"youth_count\": 5, \"status\": \"requested\", " BOOKING_FIELDS "}",
    "forbidden", "org_name" },
  { "visit-session-other-base", CLIENT_BASE_B, "visit", VISIT_1,
    "{\"base_id\": \"" BASE_B "\", \"session_id\": \"" SESSION_1 "\", \"kind\": \"walk_in_group\","
    " \"group_name\": \"G\", \"arrived_at\": \"2099-05-24T09:00:00+08:00\", \"youth_count\": 1,"
    " \"adult_count\": 1}", "invalid_field", "session_id" },
};

/* Each rejection is answered, remembered, and changes nothing else. */
static void
test_rejected (gconstpointer user_data)
{
  const Rejection *r = user_data;
  g_autoptr(Hub) hub = hub_new ();
  g_autofree char *op = op_json (OP_1, r->entity, r->id, 0, r->data);
  JsonObject *result;
  gint64 before, session_before;

  push_session (hub, CLIENT_BASE_A, NULL, SESSION_1, 0, 20);
  before = change_seq (hub, r->entity, r->id);
  session_before = change_seq (hub, "session", SESSION_1);

  result = push_one (hub, r->client, op);
  assert_rejected (result, r->code, r->field);
  g_assert_cmpstr (json_object_get_string_member (result, "op_id"), ==, OP_1);
  g_assert_false (json_object_get_boolean_member (result, "replay"));
  g_assert_cmpint (change_seq (hub, r->entity, r->id), ==, before);
  g_assert_cmpint (change_seq (hub, "session", SESSION_1), ==, session_before);

  result = push_one (hub, r->client, op);
  assert_rejected (result, r->code, r->field);
  g_assert_true (json_object_get_boolean_member (result, "replay"));
}

/* A record of another base or organisation is forbidden before its version
 * is looked at: a conflict would show it. */
static void
test_not_yours (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autofree char *session_b = session_data (BASE_B, "2099-05-24", 20, "scheduled");
  g_autofree char *booking = booking_data (BASE_A, SESSION_1, ORG_X, 5, "requested");
  g_autofree char *booking_y = booking_data (BASE_A, SESSION_1, ORG_Y, 5, "requested");
  g_autofree char *op_b = op_json (NULL, "session", SESSION_1, 0, session_b);
  g_autofree char *op_x = op_json (NULL, "booking", BOOKING_1, 0, booking);
  g_autofree char *op_y = op_json (NULL, "booking", BOOKING_1, 0, booking_y);
  g_autofree char *op_y1 = op_json (NULL, "booking", BOOKING_1, 1, booking_y);
  JsonObject *result;

  push_session (hub, CLIENT_BASE_A, NULL, SESSION_1, 0, 20);
  assert_applied (push_one (hub, CLIENT_SCHOOL_X, op_x), 1, FALSE);

  result = push_one (hub, CLIENT_BASE_B, op_b);
  assert_rejected (result, "forbidden", "base_id");
  g_assert_false (json_object_has_member (result, "current"));

  result = push_one (hub, CLIENT_SCHOOL_Y, op_y);
  assert_rejected (result, "forbidden", "org_name");
  g_assert_false (json_object_has_member (result, "current"));
  assert_rejected (push_one (hub, CLIENT_SCHOOL_Y, op_y1), "forbidden", "org_name");
  g_assert_cmpint (stored_version (hub, KF_ENTITY_BOOKING, BOOKING_1), ==, 1);
}

/* Only the client that recorded a visit writes it again. */
static void
test_visit_owner (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autofree char *first = visit_data (BASE_A, SESSION_1, 3);
  g_autofree char *more = visit_data (BASE_A, SESSION_1, 5);
  g_autofree char *op1 = op_json (NULL, "visit", VISIT_1, 0, first);
  g_autofree char *op2 = op_json (NULL, "visit", VISIT_1, 1, more);
  g_autofree char *op3 = op_json (NULL, "visit", VISIT_1, 1, more);

  push_session (hub, CLIENT_BASE_A, NULL, SESSION_1, 0, 20);
  assert_applied (push_one (hub, CLIENT_BASE_A, op1), 1, FALSE);
  assert_rejected (push_one (hub, CLIENT_BASE_A2, op2), "forbidden", NULL);
  assert_applied (push_one (hub, CLIENT_BASE_A, op3), 2, FALSE);
}

/* A session moves in the feed when a booking changes its people. */
static void
test_session_moves (void)
{
  static const struct
  {
    const char *session_id;
    gint64      youth;
    const char *status;
    gboolean    moves_1;
    gboolean    moves_2;
  } steps[] = {
    { SESSION_1, 5, "requested", TRUE, FALSE },     /* requested_people 7 */
    { SESSION_1, 5, "requested", FALSE, FALSE },    /* no change */
    { SESSION_1, 6, "requested", TRUE, FALSE },     /* requested_people 8 */
    { SESSION_1, 6, "confirmed", TRUE, FALSE },     /* requested 0, confirmed 8 */
    { SESSION_1, 6, "attended", FALSE, FALSE },     /* still holds its seats */
    { SESSION_1, 6, "no_show", TRUE, FALSE },       /* confirmed 0 */
    { SESSION_1, 6, "attended", TRUE, FALSE },      /* confirmed 8 */
  };
  g_autoptr(Hub) hub = hub_new ();
  gint64 version = 0;

  push_session (hub, CLIENT_BASE_A, NULL, SESSION_1, 0, 20);
  push_session (hub, CLIENT_BASE_A, NULL, SESSION_2, 0, 20);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *data = booking_data (BASE_A, steps[i].session_id, ORG_X, steps[i].youth,
                                            steps[i].status);
      g_autofree char *op = op_json (NULL, "booking", BOOKING_1, version, data);
      gint64 seq1 = change_seq (hub, "session", SESSION_1);
      gint64 seq2 = change_seq (hub, "session", SESSION_2);

      g_test_message ("step %u", i);
      assert_applied (push_one (hub, CLIENT_BASE_A, op), ++version, FALSE);
      g_assert_cmpint (change_seq (hub, "session", SESSION_1) > seq1, ==, steps[i].moves_1);
      g_assert_cmpint (change_seq (hub, "session", SESSION_2) > seq2, ==, steps[i].moves_2);
      if (steps[i].moves_1)
        g_assert_cmpint (change_seq (hub, "session", SESSION_1), >,
                         change_seq (hub, "booking", BOOKING_1));
    }
  g_assert_cmpint (stored_version (hub, KF_ENTITY_SESSION, SESSION_1), ==, 1);
}

/* Moving a booking to another session moves both sessions. */
static void
test_session_moves_both (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autofree char *first = booking_data (BASE_A, SESSION_1, ORG_X, 5, "requested");
  g_autofree char *moved = booking_data (BASE_A, SESSION_2, ORG_X, 5, "requested");
  g_autofree char *op1 = op_json (NULL, "booking", BOOKING_1, 0, first);
  g_autofree char *op2 = op_json (NULL, "booking", BOOKING_1, 1, moved);
  gint64 seq1, seq2;

  push_session (hub, CLIENT_BASE_A, NULL, SESSION_1, 0, 20);
  push_session (hub, CLIENT_BASE_A, NULL, SESSION_2, 0, 20);
  assert_applied (push_one (hub, CLIENT_SCHOOL_X, op1), 1, FALSE);
  seq1 = change_seq (hub, "session", SESSION_1);
  seq2 = change_seq (hub, "session", SESSION_2);
  assert_applied (push_one (hub, CLIENT_SCHOOL_X, op2), 2, FALSE);
  g_assert_cmpint (change_seq (hub, "session", SESSION_1), >, seq1);
  g_assert_cmpint (change_seq (hub, "session", SESSION_2), >, seq2);
}

static gint64
count_ops (Hub *hub)
{
  sqlite3_stmt *stmt = kf_store_prepare (hub->store, "SELECT count(*) FROM ops", NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* A push that fails keeps nothing: not its applied ops, not its answers. */
static void
test_atomic (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autofree char *session = session_data (BASE_A, "2099-05-24", 20, "scheduled");
  g_autofree char *visit = visit_data (BASE_A, SESSION_1, 3);
  g_autofree char *op1 = op_json (NULL, "session", SESSION_1, 0, session);
  g_autofree char *op2 = op_json (NULL, "visit", VISIT_1, 0, visit);
  g_autofree char *ops = g_strdup_printf ("%s, %s", op1, op2);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;

  /* The second op's write fails. */
  g_assert_true (kf_store_exec (hub->store, "DROP TABLE owners", &error));
  answer = hub_push (hub, CLIENT_BASE_A, ops, &error);
  g_assert_null (answer);
  g_assert_nonnull (error);
  g_assert_cmpint (kf_hub_error_classify (error), ==, KF_HUB_ERROR_INTERNAL);

  g_assert_cmpint (stored_version (hub, KF_ENTITY_SESSION, SESSION_1), ==, 0);
  g_assert_cmpint (change_seq (hub, "session", SESSION_1), ==, 0);
  g_assert_cmpint (count_ops (hub), ==, 0);
  g_assert_true (sqlite3_get_autocommit (kf_store_get_db (hub->store)));
}

static void
test_reviewer (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autofree char *session = session_data (BASE_A, "2099-05-24", 20, "scheduled");
  g_autofree char *op = op_json (NULL, "session", SESSION_1, 0, session);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = hub_push (hub, CLIENT_REVIEWER, op, &error);

  g_assert_null (answer);
  g_assert_error (error, KF_HUB_ERROR, KF_HUB_ERROR_FORBIDDEN);
  g_assert_cmpint (count_ops (hub), ==, 0);
}

static void
test_shape (void)
{
  static const struct
  {
    const char *body;
    int         code;   /* KfHubError */
  } cases[] = {
    { "[]", KF_HUB_ERROR_INVALID_REQUEST },
    { "{}", KF_HUB_ERROR_INVALID_REQUEST },
    { "{\"ops\": []}", KF_HUB_ERROR_INVALID_REQUEST },
    { "{\"ops\": {}}", KF_HUB_ERROR_INVALID_REQUEST },
    { "{\"ops\": [null]}", KF_HUB_ERROR_INVALID_REQUEST },
    { "{\"ops\": [{\"op_id\": \"" OP_1 "\", \"entity\": \"session\", \"id\": \"" SESSION_1 "\","
      " \"base_version\": -1, \"data\": {}}]}", KF_HUB_ERROR_INVALID_REQUEST },
    { "{\"ops\": [{\"op_id\": \"" OP_1 "\", \"entity\": \"session\", \"id\": \"" SESSION_1 "\","
      " \"base_version\": 0.0, \"data\": {}}]}", KF_HUB_ERROR_INVALID_REQUEST },
    { "{\"ops\": [{\"op_id\": \"" OP_1 "\", \"entity\": \"session\", \"id\": \"" SESSION_1 "\","
      " \"base_version\": 0, \"data\": null}]}", KF_HUB_ERROR_INVALID_REQUEST },
    { "{\"ops\": [{\"op_id\": \"" OP_1 "\", \"entity\": 1, \"id\": \"" SESSION_1 "\","
      " \"base_version\": 0, \"data\": {}}]}", KF_HUB_ERROR_INVALID_REQUEST },
    { "{\"ops\": [{\"op_id\": \"" OP_1 "\", \"entity\": \"session\", \"id\": null,"
      " \"base_version\": 0, \"data\": {}}]}", KF_HUB_ERROR_INVALID_REQUEST },
    { "{\"ops\": [{\"op_id\": \"OP-1\", \"entity\": \"session\", \"id\": \"" SESSION_1 "\","
      " \"base_version\": 0, \"data\": {}}]}", KF_HUB_ERROR_INVALID_REQUEST },
  };
  g_autoptr(Hub) hub = hub_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = json_from_string (cases[i].body, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *answer = kf_hub_push (hub->store, hub->client[CLIENT_BASE_A], root, now,
                                             &error);

      g_test_message ("case %u", i);
      g_assert_null (answer);
      g_assert_error (error, KF_HUB_ERROR, cases[i].code);
    }
  g_assert_cmpint (count_ops (hub), ==, 0);
}

static void
test_too_many_ops (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autoptr(GString) ops = g_string_new (NULL);
  g_autofree char *data = session_data (BASE_A, "2099-05-24", 20, "scheduled");

  for (guint n = 1; n <= KF_HUB_MAX_OPS + 1; n++)
    {
      g_autofree char *id = kf_new_id ();
      g_autofree char *op = op_json (NULL, "session", id, 0, data);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) answer = NULL;

      g_string_append_printf (ops, "%s%s", n > 1 ? "," : "", op);
      if (n < KF_HUB_MAX_OPS)
        continue;
      answer = hub_push (hub, CLIENT_BASE_A, ops->str, &error);
      if (n == KF_HUB_MAX_OPS)
        {
          g_assert_no_error (error);
          assert_applied (push_result (answer, KF_HUB_MAX_OPS - 1), 1, FALSE);
        }
      else
        g_assert_error (error, KF_HUB_ERROR, KF_HUB_ERROR_TOO_MANY_OPS);
    }
  g_assert_cmpint (count_ops (hub), ==, KF_HUB_MAX_OPS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hub/push/create-update", test_create_update);
  g_test_add_func ("/hub/push/create-with-version", test_create_with_version);
  g_test_add_func ("/hub/push/conflict", test_conflict);
  g_test_add_func ("/hub/push/replay", test_replay);
  g_test_add_func ("/hub/push/replay-rejection", test_replay_rejection);
  g_test_add_func ("/hub/push/replay-per-client", test_replay_per_client);
  g_test_add_func ("/hub/push/op-id-reused", test_op_id_reused);
  g_test_add_func ("/hub/push/in-order", test_in_order);
  for (guint i = 0; i < G_N_ELEMENTS (rejections); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hub/push/rejected/%s", rejections[i].name);

      g_test_add_data_func (path, &rejections[i], test_rejected);
    }
  g_test_add_func ("/hub/push/not-yours", test_not_yours);
  g_test_add_func ("/hub/push/visit-owner", test_visit_owner);
  g_test_add_func ("/hub/push/session-moves", test_session_moves);
  g_test_add_func ("/hub/push/session-moves-both", test_session_moves_both);
  g_test_add_func ("/hub/push/atomic", test_atomic);
  g_test_add_func ("/hub/push/reviewer", test_reviewer);
  g_test_add_func ("/hub/push/shape", test_shape);
  g_test_add_func ("/hub/push/too-many-ops", test_too_many_ops);

  return g_test_run ();
}

/* test-hub-push.c — POST /v1/push: rejections, transitions, capacity,
 * idempotency, conflicts and versions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-hub-push"

#include "config.h"

#include <string.h>

#include "kf-hub-harness.h"

#define FUTURE "2099-05-24"

static const char *
token (KfHub *hub,
       KfTok  tok)
{
  return hub->token[tok];
}

static KfRec *
new_session (KfHub  *hub,
             gint64  capacity)
{
  KfRec *session = kf_session_new (KF_BASE_A_ID, FUTURE, "09:00", "11:00", capacity, "ai",
                                   "exhibition");

  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), session);
  return session;
}

static KfRec *
new_booking (KfHub      *hub,
             KfRec      *session,
             gint64      youth,
             gint64      adults,
             const char *status)
{
  KfRec *booking = kf_booking_new (session, KF_ORG_X, youth, adults, status);

  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), booking);
  return booking;
}

/* A value for a field: "@N" is a string of N letters, anything else JSON. */
static JsonNode *
make_value (const char *spec)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (spec[0] == '@')
    {
      g_autofree char *text = g_strnfill (g_ascii_strtoull (spec + 1, NULL, 10), 'a');

      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, text);
      return node;
    }
  node = json_from_string (spec, &error);
  g_assert_no_error (error);
  return node;
}

static void
check_field (JsonObject *result,
             const char *fields)
{
  g_auto(GStrv) allowed = g_strsplit (fields, "|", -1);
  JsonObject *error = kf_get_object (result, "error");
  const char *field = json_object_get_string_member_with_default (error, "field", NULL);
  g_autofree char *text = kf_json_string (result);

  if (field == NULL || !g_strv_contains ((const char * const *) allowed, field))
    kf_fail ("expected the rejection to name field %s: %s", fields, text);
}

typedef struct
{
  const char *entity;
  const char *field;
  const char *value;    /* NULL: leave the field out */
  const char *code;
  const char *fields;   /* the field(s) the rejection may name */
} BadValue;

static const BadValue bad_values[] = {
  { "session", "capacity", "0", "invalid_field", "capacity" },
  { "session", "capacity", "100001", "invalid_field", "capacity" },
  { "session", "capacity", "-5", "invalid_field", "capacity" },
  { "session", "capacity", "\"20\"", "invalid_field", "capacity" },
  { "session", "capacity", "20.5", "invalid_field", "capacity" },
  { "session", "capacity", "true", "invalid_field", "capacity" },
  { "session", "title", "@101", "invalid_field", "title" },
  { "session", "title", "42", "invalid_field", "title" },
  { "session", "date", "\"2099-13-01\"", "invalid_field", "date" },
  { "session", "date", "\"2099-02-30\"", "invalid_field", "date" },
  { "session", "date", "\"24/05/2099\"", "invalid_field", "date" },
  { "session", "start", "\"9:00\"", "invalid_field", "start" },
  { "session", "start", "\"24:00\"", "invalid_field", "start" },
  { "session", "end", "\"11:60\"", "invalid_field", "end" },
  { "session", "end", "\"08:00\"", "invalid_field", "start|end" },
  { "session", "end", "\"09:00\"", "invalid_field", "start|end" },
  { "session", "topic", "\"space\"", "invalid_field", "topic" },
  { "session", "format", "\"tour\"", "invalid_field", "format" },
  { "session", "status", "\"open\"", "invalid_field", "status" },
  { "session", "note", "@1001", "invalid_field", "note" },
  { "session", "note", "null", "invalid_field", "note" },
  { "session", "base_id", "\"alpha\"", "invalid_field", "base_id" },
  { "booking", "org_name", "@101", "invalid_field", "org_name" },
  { "booking", "org_type", "\"university\"", "invalid_field", "org_type" },
  { "booking", "grade", "@51", "invalid_field", "grade" },
  { "booking", "contact_name", "@51", "invalid_field", "contact_name" },
  { "booking", "contact_phone", "\"138-abc-0000\"", "invalid_field", "contact_phone" },
  { "booking", "contact_phone", "\"123456\"", "invalid_field", "contact_phone" },
  { "booking", "contact_phone", "\"123456789012345678901\"", "invalid_field", "contact_phone" },
  { "booking", "youth_count", "-1", "invalid_field", "youth_count" },
  { "booking", "youth_count", "10001", "invalid_field", "youth_count" },
  { "booking", "youth_count", "\"5\"", "invalid_field", "youth_count" },
  { "booking", "adult_count", "10001", "invalid_field", "adult_count" },
  { "booking", "adult_count", "1.5", "invalid_field", "adult_count" },
  { "booking", "status", "\"pending\"", "invalid_field", "status" },
  { "booking", "note", "@1001", "invalid_field", "note" },
  { "booking", "session_id", "\"session-1\"", "invalid_field", "session_id" },
  { "visit", "kind", "\"crowd\"", "invalid_field", "kind" },
  { "visit", "group_name", "@101", "invalid_field", "group_name" },
  { "visit", "arrived_at", "\"2099-05-24 09:00\"", "invalid_field", "arrived_at" },
  { "visit", "arrived_at", "\"2099-05-24T09:00:00\"", "invalid_field", "arrived_at" },
  { "visit", "arrived_at", "\"2099-05-24\"", "invalid_field", "arrived_at" },
  { "visit", "youth_count", "100001", "invalid_field", "youth_count" },
  { "visit", "youth_count", "-1", "invalid_field", "youth_count" },
  { "visit", "adult_count", "100001", "invalid_field", "adult_count" },
  { "visit", "session_id", "5", "invalid_field", "session_id" },
  { "visit", "note", "@1001", "invalid_field", "note" },
  /* every required field left out */
  { "session", "base_id", NULL, "missing_field", "base_id" },
  { "session", "date", NULL, "missing_field", "date" },
  { "session", "start", NULL, "missing_field", "start" },
  { "session", "end", NULL, "missing_field", "end" },
  { "session", "capacity", NULL, "missing_field", "capacity" },
  { "session", "title", NULL, "missing_field", "title" },
  { "session", "topic", NULL, "missing_field", "topic" },
  { "session", "format", NULL, "missing_field", "format" },
  { "session", "status", NULL, "missing_field", "status" },
  { "booking", "base_id", NULL, "missing_field", "base_id" },
  { "booking", "session_id", NULL, "missing_field", "session_id" },
  { "booking", "org_name", NULL, "missing_field", "org_name" },
  { "booking", "org_type", NULL, "missing_field", "org_type" },
  { "booking", "contact_name", NULL, "missing_field", "contact_name" },
  { "booking", "contact_phone", NULL, "missing_field", "contact_phone" },
  { "booking", "youth_count", NULL, "missing_field", "youth_count" },
  { "booking", "adult_count", NULL, "missing_field", "adult_count" },
  { "booking", "status", NULL, "missing_field", "status" },
  { "visit", "base_id", NULL, "missing_field", "base_id" },
  { "visit", "kind", NULL, "missing_field", "kind" },
  { "visit", "group_name", NULL, "missing_field", "group_name" },
  { "visit", "arrived_at", NULL, "missing_field", "arrived_at" },
  { "visit", "youth_count", NULL, "missing_field", "youth_count" },
  { "visit", "adult_count", NULL, "missing_field", "adult_count" },
  /* a booked group names its booking */
  { "visit", "booking_id", "null", "missing_field", "booking_id" },
  /* fields no record has */
  { "session", "colour", "\"red\"", "unknown_field", "colour" },
  { "booking", "email", "\"a@b.cn\"", "unknown_field", "email" },
  { "visit", "child_names", "[\"Xiaoming\"]", "unknown_field", "child_names" },
};

typedef struct
{
  KfHub *hub;
  KfRec *session;
  KfRec *booking;
} Refs;

static Refs refs;

static void
ensure_refs (void)
{
  if (refs.hub != NULL)
    return;
  refs.hub = kf_hub_shared ();
  refs.session = new_session (refs.hub, 100000);
  refs.booking = new_booking (refs.hub, refs.session, 10, 1, "confirmed");
}

static KfRec *
valid_record (const char *entity)
{
  ensure_refs ();
  if (g_str_equal (entity, "session"))
    return kf_session_new (KF_BASE_A_ID, FUTURE, "09:00", "10:00", 30, "health", "lecture");
  if (g_str_equal (entity, "booking"))
    return kf_booking_new (refs.session, KF_ORG_X, 10, 2, "requested");
  return kf_visit_new (KF_BASE_A_ID, refs.session, refs.booking, "booked",
                       FUTURE "T09:05:00+08:00", 10, 1);
}

/* A bad value in pushed data: rejected with its code and field, nothing written. */
static void
test_bad_value (gconstpointer data)
{
  const BadValue *bad = data;
  g_autoptr(KfRec) rec = valid_record (bad->entity);
  g_autoptr(JsonObject) result = NULL;
  KfHub *hub = refs.hub;
  gint64 head = kf_hub_feed_head (hub);

  if (bad->value == NULL)
    json_object_remove_member (rec->data, bad->field);
  else
    json_object_set_member (rec->data, bad->field, make_value (bad->value));

  result = kf_hub_push_rec (hub, token (hub, KF_TOK_BASE_A), rec);
  kf_assert_rejected (result, bad->code, NULL);
  check_field (result, bad->fields);
  kf_assert_untouched (hub, head);

  /* the same record with good data goes through: the value was the reason */
  g_clear_pointer (&rec, kf_rec_free);
  rec = valid_record (bad->entity);
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), rec);
}

static void
test_group_of_nobody (void)
{
  g_autoptr(KfRec) rec = valid_record ("booking");
  g_autoptr(JsonObject) result = NULL;
  gint64 head = kf_hub_feed_head (refs.hub);

  kf_rec_set_int (rec, "youth_count", 0);
  kf_rec_set_int (rec, "adult_count", 0);
  result = kf_hub_push_rec (refs.hub, token (refs.hub, KF_TOK_BASE_A), rec);
  kf_assert_rejected (result, "invalid_field", NULL);
  check_field (result, "youth_count|adult_count");
  kf_assert_untouched (refs.hub, head);

  kf_rec_set_int (rec, "adult_count", 1);
  kf_hub_put (refs.hub, token (refs.hub, KF_TOK_BASE_A), rec);
}

/* confirmed_people and requested_people are the hub's to compute: a push
 * that carries them is refused, or they are not taken from it. */
static void
test_computed_not_taken (void)
{
  g_autoptr(KfRec) session = valid_record ("session");
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GPtrArray) all = NULL;
  KfChange *change;

  kf_rec_set_int (session, "confirmed_people", 99);
  kf_rec_set_int (session, "requested_people", 7);
  result = kf_hub_push_rec (refs.hub, token (refs.hub, KF_TOK_BASE_A), session);
  if (g_str_equal (json_object_get_string_member (result, "status"), "rejected"))
    return;
  kf_assert_applied (result, 1);
  all = kf_hub_changes_all (refs.hub, token (refs.hub, KF_TOK_REVIEWER), 0, 1000, NULL);
  change = kf_changes_find (all, session->id);
  g_assert_nonnull (change);
  g_assert_cmpint (json_object_get_int_member (change->data, "confirmed_people"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (change->data, "requested_people"), ==, 0);
}

/* References to records that do not exist. */
static void
test_not_found (void)
{
  g_autoptr(KfRec) ghost = kf_session_new (KF_BASE_A_ID, FUTURE, "09:00", "10:00", 30, "ai",
                                           "lecture");
  g_autoptr(KfRec) ghost_booking = NULL;
  g_autoptr(KfRec) booking = NULL;
  g_autoptr(KfRec) visit = NULL;
  KfHub *hub;
  gint64 head;

  ensure_refs ();
  hub = refs.hub;
  head = kf_hub_feed_head (hub);

  booking = kf_booking_new (ghost, KF_ORG_X, 5, 1, "requested");
  kf_hub_put_rejected (hub, token (hub, KF_TOK_BASE_A), booking, "not_found", NULL);
  kf_hub_put_rejected (hub, token (hub, KF_TOK_SCHOOL_X), booking, "not_found", NULL);

  ghost_booking = kf_booking_new (refs.session, KF_ORG_X, 5, 1, "confirmed");
  visit = kf_visit_new (KF_BASE_A_ID, refs.session, ghost_booking, "booked",
                        FUTURE "T09:05:00+08:00", 5, 1);
  kf_hub_put_rejected (hub, token (hub, KF_TOK_BASE_A), visit, "not_found", NULL);

  g_clear_pointer (&visit, kf_rec_free);
  visit = kf_visit_new (KF_BASE_A_ID, ghost, NULL, "walk_in_group", FUTURE "T09:05:00+08:00",
                        5, 1);
  kf_hub_put_rejected (hub, token (hub, KF_TOK_BASE_A), visit, "not_found", NULL);

  /* a booking's id is not a session's */
  g_clear_pointer (&visit, kf_rec_free);
  visit = kf_visit_new (KF_BASE_A_ID, refs.booking, NULL, "walk_in_group",
                        FUTURE "T09:05:00+08:00", 5, 1);
  kf_hub_put_rejected (hub, token (hub, KF_TOK_BASE_A), visit, "not_found", NULL);
  kf_assert_untouched (hub, head);
}

/* A new booking needs a session that is still scheduled. */
static void
test_cancelled_session (void)
{
  g_autoptr(KfRec) session = NULL;
  g_autoptr(KfRec) booking = NULL;
  g_autoptr(JsonObject) result = NULL;
  gint64 head;

  ensure_refs ();
  session = new_session (refs.hub, 50);
  kf_rec_set (session, "status", "cancelled");
  kf_hub_put (refs.hub, token (refs.hub, KF_TOK_BASE_A), session);
  head = kf_hub_feed_head (refs.hub);

  booking = kf_booking_new (session, KF_ORG_X, 5, 1, "requested");
  result = kf_hub_push_rec (refs.hub, token (refs.hub, KF_TOK_SCHOOL_X), booking);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "rejected");
  g_clear_pointer (&result, json_object_unref);
  result = kf_hub_push_rec (refs.hub, token (refs.hub, KF_TOK_BASE_A), booking);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "rejected");
  kf_assert_untouched (refs.hub, head);
}

/* References across bases: a visit of base A naming base B's session or
 * booking, a booking whose base is not its session's. The spec names the
 * rule, not the code: rejected, and nothing written. */
static void
test_cross_base_references (void)
{
  g_autoptr(KfRec) session_b = NULL;
  g_autoptr(KfRec) booking_b = NULL;
  g_autoptr(KfRec) rec = NULL;
  g_autoptr(JsonObject) result = NULL;
  KfHub *hub;
  gint64 head;

  ensure_refs ();
  hub = refs.hub;
  session_b = kf_session_new (KF_BASE_B_ID, FUTURE, "09:00", "11:00", 50, "ai", "lecture");
  kf_hub_put (hub, token (hub, KF_TOK_BASE_B), session_b);
  booking_b = kf_booking_new (session_b, KF_ORG_X, 5, 1, "confirmed");
  kf_hub_put (hub, token (hub, KF_TOK_BASE_B), booking_b);
  head = kf_hub_feed_head (hub);

  rec = kf_visit_new (KF_BASE_A_ID, session_b, NULL, "walk_in_group", FUTURE "T09:10:00+08:00",
                      5, 1);
  result = kf_hub_push_rec (hub, token (hub, KF_TOK_BASE_A), rec);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "rejected");
  g_clear_pointer (&result, json_object_unref);
  g_clear_pointer (&rec, kf_rec_free);

  rec = kf_visit_new (KF_BASE_A_ID, refs.session, booking_b, "booked", FUTURE "T09:10:00+08:00",
                      5, 1);
  result = kf_hub_push_rec (hub, token (hub, KF_TOK_BASE_A), rec);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "rejected");
  g_clear_pointer (&result, json_object_unref);
  g_clear_pointer (&rec, kf_rec_free);

  /* base A's booking on base B's session */
  rec = kf_booking_new (session_b, KF_ORG_X, 5, 1, "requested");
  kf_rec_set (rec, "base_id", KF_BASE_A_ID);
  result = kf_hub_push_rec (hub, token (hub, KF_TOK_BASE_A), rec);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "rejected");
  g_clear_pointer (&result, json_object_unref);
  /* and a school's, naming the wrong base */
  result = kf_hub_push_rec (hub, token (hub, KF_TOK_SCHOOL_X), rec);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "rejected");
  kf_assert_untouched (hub, head);
}

/* Booking status transitions: every pair of statuses. */

static const char * const statuses[] = {
  "requested", "confirmed", "declined", "cancelled", "attended", "no_show"
};

typedef struct
{
  const char *from;
  const char *to;
} Transition;

static gboolean
transition_allowed (const char *from,
                    const char *to)
{
  static const char * const allowed[] = {
    "requested>confirmed", "requested>declined", "requested>cancelled",
    "confirmed>cancelled", "confirmed>attended", "confirmed>no_show",
    "attended>no_show", "no_show>attended", NULL
  };
  g_autofree char *pair = g_strdup_printf ("%s>%s", from, to);

  return g_strv_contains (allowed, pair);
}

/* The statuses a booking passes through to reach @status. */
static const char * const *
path_to (const char *status)
{
  static const char * const to_confirmed[] = { "confirmed", NULL };
  static const char * const to_declined[] = { "declined", NULL };
  static const char * const to_cancelled[] = { "cancelled", NULL };
  static const char * const to_attended[] = { "confirmed", "attended", NULL };
  static const char * const to_no_show[] = { "confirmed", "no_show", NULL };
  static const char * const none[] = { NULL };

  if (g_str_equal (status, "confirmed"))
    return to_confirmed;
  if (g_str_equal (status, "declined"))
    return to_declined;
  if (g_str_equal (status, "cancelled"))
    return to_cancelled;
  if (g_str_equal (status, "attended"))
    return to_attended;
  if (g_str_equal (status, "no_show"))
    return to_no_show;
  return none;
}

static void
test_transition (gconstpointer data)
{
  const Transition *t = data;
  g_autoptr(KfRec) booking = NULL;
  const char * const *path = path_to (t->from);
  KfHub *hub;

  ensure_refs ();
  hub = refs.hub;
  booking = new_booking (hub, refs.session, 3, 1, "requested");
  for (guint i = 0; path[i] != NULL; i++)
    {
      kf_rec_set (booking, "status", path[i]);
      kf_hub_put (hub, token (hub, KF_TOK_BASE_A), booking);
    }

  kf_rec_set (booking, "status", t->to);
  if (transition_allowed (t->from, t->to))
    kf_hub_put (hub, token (hub, KF_TOK_BASE_A), booking);
  else
    {
      gint64 head = kf_hub_feed_head (hub);

      kf_hub_put_rejected (hub, token (hub, KF_TOK_BASE_A), booking, "invalid_transition", NULL);
      kf_assert_untouched (hub, head);
    }
}

/* A new booking starts as requested or (base only) confirmed. */
static void
test_new_booking_status (void)
{
  KfHub *hub;

  ensure_refs ();
  hub = refs.hub;
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(KfRec) booking = kf_booking_new (refs.session, KF_ORG_X, 3, 1, statuses[i]);

      if (i <= 1)
        kf_hub_put (hub, token (hub, KF_TOK_BASE_A), booking);
      else
        kf_hub_put_rejected (hub, token (hub, KF_TOK_BASE_A), booking, "invalid_transition",
                             NULL);
    }
}

/* The session's confirmed_people as the reviewer pulls it. */
static gint64
confirmed_people (KfHub *hub,
                  KfRec *session)
{
  g_autoptr(GPtrArray) all = kf_hub_changes_all (hub, token (hub, KF_TOK_REVIEWER), 0, 1000,
                                                 NULL);
  KfChange *change = kf_changes_find (all, session->id);

  g_assert_nonnull (change);
  return json_object_get_int_member_with_default (change->data, "confirmed_people", -1);
}

static void
set_status (KfHub      *hub,
            KfRec      *booking,
            const char *status)
{
  kf_rec_set (booking, "status", status);
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), booking);
}

static void
refuse_status (KfHub      *hub,
               KfRec      *booking,
               const char *status,
               const char *previous)
{
  kf_rec_set (booking, "status", status);
  kf_hub_put_rejected (hub, token (hub, KF_TOK_BASE_A), booking, "over_capacity", NULL);
  kf_rec_set (booking, "status", previous);
}

static void
test_capacity (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(KfRec) session = new_session (hub, 10);
  g_autoptr(KfRec) b1 = new_booking (hub, session, 5, 1, "confirmed");
  g_autoptr(KfRec) b2 = new_booking (hub, session, 3, 1, "requested");
  g_autoptr(KfRec) b3 = new_booking (hub, session, 1, 0, "requested");
  g_autoptr(KfRec) big = new_booking (hub, session, 50, 5, "requested");
  g_autoptr(KfRec) b4 = kf_booking_new (session, KF_ORG_X, 0, 1, "confirmed");

  /* exactly at capacity is applied, one more is not */
  set_status (hub, b2, "confirmed");
  g_assert_cmpint (confirmed_people (hub, session), ==, 10);
  refuse_status (hub, b3, "confirmed", "requested");
  kf_hub_put_rejected (hub, token (hub, KF_TOK_BASE_A), b4, "over_capacity", NULL);
  g_assert_cmpint (confirmed_people (hub, session), ==, 10);

  /* requests are never limited */
  kf_rec_set_int (big, "youth_count", 5000);
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), big);

  /* raising a confirmed booking's people past capacity; lowering it */
  kf_rec_set_int (b1, "youth_count", 6);
  kf_hub_put_rejected (hub, token (hub, KF_TOK_BASE_A), b1, "over_capacity", NULL);
  kf_rec_set_int (b1, "youth_count", 4);
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), b1);
  set_status (hub, b3, "confirmed");
  g_assert_cmpint (confirmed_people (hub, session), ==, 10);

  /* the base lowers the capacity: what happened is still recorded */
  kf_rec_set_int (session, "capacity", 5);
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), session);
  set_status (hub, b1, "attended");
  set_status (hub, b2, "no_show");
  set_status (hub, b2, "attended");
  g_assert_cmpint (confirmed_people (hub, session), ==, 10);

  /* an edit of a confirmed booking that does not raise its people passes */
  kf_rec_set (b3, "note", "arrives by bus");
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), b3);
  kf_rec_set_int (b3, "adult_count", 1);
  kf_hub_put_rejected (hub, token (hub, KF_TOK_BASE_A), b3, "over_capacity", NULL);
}

/* A cancelled booking gives its seats back. */
static void
test_capacity_freed (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(KfRec) session = new_session (hub, 5);
  g_autoptr(KfRec) first = new_booking (hub, session, 4, 1, "confirmed");
  g_autoptr(KfRec) second = new_booking (hub, session, 2, 1, "requested");
  g_autoptr(KfRec) by_school = kf_booking_new (session, KF_ORG_Y, 1, 0, "requested");

  refuse_status (hub, second, "confirmed", "requested");
  set_status (hub, first, "cancelled");
  set_status (hub, second, "confirmed");
  g_assert_cmpint (confirmed_people (hub, session), ==, 3);

  /* capacity is the session's, whoever wrote the bookings */
  kf_hub_put (hub, token (hub, KF_TOK_SCHOOL_Y), by_school);
  set_status (hub, by_school, "confirmed");
  g_assert_cmpint (confirmed_people (hub, session), ==, 4);
}

static JsonObject *
result_at (KfReply *reply,
           guint    n_ops,
           guint    i)
{
  return json_array_get_object_element (kf_push_results (reply, n_ops), i);
}

/* Versions: 1 for a new record, +1 per applied write, unchanged otherwise. */
static void
test_versions (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(KfRec) session = kf_session_new (KF_BASE_A_ID, FUTURE, "13:00", "15:00", 40, "health",
                                             "hands_on");
  g_autoptr(JsonObject) result = NULL;

  for (gint64 v = 1; v <= 6; v++)
    {
      g_autofree char *title = g_strdup_printf ("Revision %" G_GINT64_FORMAT, v);

      kf_rec_set (session, "title", title);
      kf_hub_put (hub, token (hub, KF_TOK_BASE_A), session);
      g_assert_cmpint (session->version, ==, v);

      /* a rejected write and a conflicting one in between change nothing */
      kf_rec_set_int (session, "capacity", 0);
      kf_hub_put_rejected (hub, token (hub, KF_TOK_BASE_A), session, "invalid_field",
                           "capacity");
      kf_rec_set_int (session, "capacity", 40);
      session->version--;
      result = kf_hub_push_rec (hub, token (hub, KF_TOK_BASE_A), session);
      g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "conflict");
      g_clear_pointer (&result, json_object_unref);
      session->version++;
    }
}

/* One request: ops applied in order, each later one seeing the earlier ones. */
static void
test_batch_in_order (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(KfRec) session = kf_session_new (KF_BASE_A_ID, FUTURE, "13:00", "15:00", 10, "health",
                                             "hands_on");
  g_autoptr(KfRec) booking = kf_booking_new (session, KF_ORG_X, 6, 2, "requested");
  g_autoptr(KfRec) bad = kf_booking_new (session, KF_ORG_X, 6, 2, "requested");
  g_autoptr(KfRec) second = kf_booking_new (session, KF_ORG_Y, 1, 1, "requested");
  g_autoptr(GPtrArray) ops = kf_ops_new ();
  g_autoptr(KfReply) reply = NULL;
  guint n;

  kf_rec_set_int (bad, "capacity", 3);
  g_ptr_array_add (ops, kf_rec_op (session));
  g_ptr_array_add (ops, kf_rec_op (booking));
  kf_rec_set (booking, "status", "confirmed");
  booking->version = 1;
  g_ptr_array_add (ops, kf_rec_op (booking));
  g_ptr_array_add (ops, kf_rec_op (bad));
  g_ptr_array_add (ops, kf_rec_op (second));
  kf_rec_set (second, "status", "confirmed");
  second->version = 1;
  g_ptr_array_add (ops, kf_rec_op (second));
  n = ops->len;

  reply = kf_hub_push (hub, token (hub, KF_TOK_BASE_A), ops);
  kf_assert_applied (result_at (reply, n, 0), 1);
  kf_assert_applied (result_at (reply, n, 1), 1);
  kf_assert_applied (result_at (reply, n, 2), 2);
  kf_assert_rejected (result_at (reply, n, 3), "unknown_field", "capacity");
  kf_assert_applied (result_at (reply, n, 4), 1);
  /* 8 seats taken by the op before it: 2 more would make 10, exactly capacity */
  kf_assert_applied (result_at (reply, n, 5), 2);
  g_assert_cmpint (confirmed_people (hub, session), ==, 10);
}

/* Every applied write is a new version, even one that changes nothing. */
static void
test_same_data_new_version (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(KfRec) session = new_session (hub, 5);
  g_autoptr(GPtrArray) all = NULL;
  gint64 seq, head = kf_hub_feed_head (hub);

  all = kf_hub_changes_all (hub, token (hub, KF_TOK_REVIEWER), head - 1, 1000, NULL);
  seq = kf_changes_find (all, session->id)->seq;
  g_clear_pointer (&all, g_ptr_array_unref);

  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), session);
  g_assert_cmpint (session->version, ==, 2);
  all = kf_hub_changes_all (hub, token (hub, KF_TOK_REVIEWER), head, 1000, NULL);
  g_assert_nonnull (kf_changes_find (all, session->id));
  g_assert_cmpint (kf_changes_find (all, session->id)->version, ==, 2);
  g_assert_cmpint (kf_changes_find (all, session->id)->seq, >, seq);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree Transition *transitions = g_new0 (Transition, 36);
  guint n_transitions = 0;
  int status;

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_values); i++)
    {
      const BadValue *bad = &bad_values[i];
      char *name = g_strdup_printf ("/hub/push/%s/%s/%s-%u", bad->code, bad->entity, bad->field,
                                    i);

      g_ptr_array_add (names, name);
      g_test_add_data_func (name, bad, test_bad_value);
    }
  g_test_add_func ("/hub/push/invalid_field/booking/nobody", test_group_of_nobody);
  g_test_add_func ("/hub/push/computed-not-taken", test_computed_not_taken);
  g_test_add_func ("/hub/push/not_found", test_not_found);
  g_test_add_func ("/hub/push/cancelled-session", test_cancelled_session);
  g_test_add_func ("/hub/push/cross-base-references", test_cross_base_references);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    for (guint j = 0; j < G_N_ELEMENTS (statuses); j++)
      {
        char *name;

        if (i == j)
          continue;
        transitions[n_transitions].from = statuses[i];
        transitions[n_transitions].to = statuses[j];
        name = g_strdup_printf ("/hub/push/transition/%s-to-%s", statuses[i], statuses[j]);
        g_ptr_array_add (names, name);
        g_test_add_data_func (name, &transitions[n_transitions++], test_transition);
      }
  g_test_add_func ("/hub/push/transition/new-booking", test_new_booking_status);

  g_test_add_func ("/hub/push/capacity/limits", test_capacity);
  g_test_add_func ("/hub/push/capacity/freed", test_capacity_freed);
  g_test_add_func ("/hub/push/versions", test_versions);
  g_test_add_func ("/hub/push/versions/same-data", test_same_data_new_version);
  g_test_add_func ("/hub/push/batch-in-order", test_batch_in_order);

  status = g_test_run ();
  g_clear_pointer (&refs.session, kf_rec_free);
  g_clear_pointer (&refs.booking, kf_rec_free);
  kf_hub_shared_free ();
  return status;
}

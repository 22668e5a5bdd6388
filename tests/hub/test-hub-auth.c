/* test-hub-auth.c — who may call which endpoint, and write which record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sync-protocol.md, "Roles": base, school and reviewer tokens against every
 * endpoint, with their own and with foreign records; missing, unknown,
 * malformed and revoked tokens.
 */
#define G_LOG_DOMAIN "test-hub-auth"

#include "config.h"

#include <string.h>

#include "kf-hub-harness.h"

#define FUTURE "2099-05-24"
#define PAST   "2020-05-20"

/* The records most cases start from: a session of each base, a session of
 * base A that has already started, and one requested booking of each school
 * on base A's session. */
typedef struct
{
  KfHub *hub;
  KfRec *session_a;
  KfRec *session_b;
  KfRec *session_past;
  KfRec *booking_x;
  KfRec *booking_y;
} World;

static void
world_init (World *w)
{
  w->hub = kf_hub_shared ();
  w->session_a = kf_session_new (KF_BASE_A_ID, FUTURE, "09:00", "11:00", 50, "meteorology",
                                 "study_tour");
  w->session_b = kf_session_new (KF_BASE_B_ID, FUTURE, "14:00", "16:00", 50, "agriculture",
                                 "hands_on");
  w->session_past = kf_session_new (KF_BASE_A_ID, PAST, "09:00", "11:00", 50, "meteorology",
                                    "lecture");
  kf_hub_put (w->hub, w->hub->token[KF_TOK_BASE_A], w->session_a);
  kf_hub_put (w->hub, w->hub->token[KF_TOK_BASE_B], w->session_b);
  kf_hub_put (w->hub, w->hub->token[KF_TOK_BASE_A], w->session_past);

  w->booking_x = kf_booking_new (w->session_a, KF_ORG_X, 20, 2, "requested");
  w->booking_y = kf_booking_new (w->session_a, KF_ORG_Y, 10, 1, "requested");
  kf_hub_put (w->hub, w->hub->token[KF_TOK_SCHOOL_X], w->booking_x);
  kf_hub_put (w->hub, w->hub->token[KF_TOK_SCHOOL_Y], w->booking_y);
}

static void
world_clear (World *w)
{
  g_clear_pointer (&w->session_a, kf_rec_free);
  g_clear_pointer (&w->session_b, kf_rec_free);
  g_clear_pointer (&w->session_past, kf_rec_free);
  g_clear_pointer (&w->booking_x, kf_rec_free);
  g_clear_pointer (&w->booking_y, kf_rec_free);
}

/* A write that must be refused, and leave no trace at all. */
static void
put_refused (KfHub      *hub,
             KfTok       tok,
             KfRec      *rec,
             const char *code)
{
  gint64 head = kf_hub_feed_head (hub);

  kf_hub_put_rejected (hub, hub->token[tok], rec, code, NULL);
  kf_assert_untouched (hub, head);
}

static void
test_health (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(KfReply) reply = kf_hub_get (hub, NULL, "/v1/health");
  JsonObject *object;

  kf_assert_reply (reply, 200);
  object = kf_reply_object (reply);
  g_assert_cmpstr (json_object_get_string_member_with_default (object, "status", NULL), ==, "ok");
  g_assert_true (json_object_has_member (object, "api"));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (object, "api")), ==,
                   G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (object, "api"), ==, 1);

  for (guint i = 0; i < KF_N_TOKENS; i++)
    {
      g_autoptr(KfReply) with_token = kf_hub_get (hub, hub->token[i], "/v1/health");

      kf_assert_reply (with_token, 200);
    }
}

static void
check_nullable (JsonObject *me,
                const char *member,
                const char *expected)
{
  JsonNode *node = json_object_get_member (me, member);

  g_assert_nonnull (node);
  if (expected == NULL)
    g_assert_true (JSON_NODE_HOLDS_NULL (node));
  else
    g_assert_cmpstr (json_node_get_string (node), ==, expected);
}

static void
test_me (void)
{
  static const struct
  {
    KfTok       tok;
    const char *label;
    const char *role;
    const char *base_id;
    const char *org_name;
  } cases[] = {
    { KF_TOK_BASE_A, "alpha front desk", "base", KF_BASE_A_ID, NULL },
    { KF_TOK_BASE_A2, "alpha side door", "base", KF_BASE_A_ID, NULL },
    { KF_TOK_BASE_B, "beta office", "base", KF_BASE_B_ID, NULL },
    { KF_TOK_SCHOOL_X, "xinhua office", "school", NULL, KF_ORG_X },
    { KF_TOK_SCHOOL_Y, "yucai office", "school", NULL, KF_ORG_Y },
    { KF_TOK_REVIEWER, "county association", "reviewer", NULL, NULL },
  };
  KfHub *hub = kf_hub_shared ();
  g_autoptr(GHashTable) client_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KfReply) reply = kf_hub_get (hub, hub->token[cases[i].tok], "/v1/me");
      JsonObject *me;
      const char *client_id;

      kf_assert_reply (reply, 200);
      me = kf_reply_object (reply);
      client_id = json_object_get_string_member_with_default (me, "client_id", NULL);
      g_assert_nonnull (client_id);
      g_assert_cmpstr (client_id, !=, "");
      g_assert_false (g_hash_table_contains (client_ids, client_id));
      g_hash_table_add (client_ids, g_strdup (client_id));
      g_assert_cmpstr (json_object_get_string_member_with_default (me, "name", NULL), ==,
                       cases[i].label);
      g_assert_cmpstr (json_object_get_string_member_with_default (me, "role", NULL), ==,
                       cases[i].role);
      check_nullable (me, "base_id", cases[i].base_id);
      check_nullable (me, "org_name", cases[i].org_name);
    }
}

typedef enum
{
  EP_HEALTH,
  EP_ME,
  EP_PUSH,
  EP_CHANGES,
  EP_TOTALS,
  N_EP
} Endpoint;

static const char * const ep_paths[N_EP] = {
  "/v1/health", "/v1/me", "/v1/push", "/v1/changes", "/v1/totals?from=2099-05-01&to=2099-06-30",
};

/* Calls @ep with @authorization (a whole header value, or NULL) and checks
 * the status; a push carries @rec as its one op. */
static void
call_endpoint (KfHub      *hub,
               Endpoint    ep,
               const char *authorization,
               KfRec      *rec,
               guint       status)
{
  g_autoptr(KfReply) reply = NULL;
  const char *code = status == 401 ? "unauthorized" : "forbidden";

  if (ep == EP_PUSH)
    {
      g_autoptr(GPtrArray) ops = kf_ops_new ();
      g_autofree char *body = NULL;

      g_ptr_array_add (ops, kf_rec_op (rec));
      body = kf_ops_body (ops);
      reply = kf_hub_send (hub, NULL, "POST", ep_paths[ep], authorization, "application/json",
                           body, -1);
    }
  else
    reply = kf_hub_send (hub, NULL, "GET", ep_paths[ep], authorization, NULL, NULL, 0);

  g_test_message ("%s with %s", ep_paths[ep], authorization ? authorization : "no token");
  if (status == 200)
    kf_assert_reply (reply, 200);
  else
    kf_assert_error (reply, status, code);

  if (ep == EP_PUSH && status == 200)
    {
      JsonObject *result = json_array_get_object_element (kf_push_results (reply, 1), 0);

      kf_assert_applied (result, 1);
    }
}

/* Every role against every endpoint: the status of the role table. */
static void
test_endpoint_matrix (void)
{
  static const struct
  {
    KfTok tok;
    guint status[N_EP];
  } rows[] = {
    { KF_TOK_BASE_A, { 200, 200, 200, 200, 200 } },
    { KF_TOK_BASE_B, { 200, 200, 200, 200, 200 } },
    { KF_TOK_SCHOOL_X, { 200, 200, 200, 200, 403 } },
    { KF_TOK_SCHOOL_Y, { 200, 200, 200, 200, 403 } },
    { KF_TOK_REVIEWER, { 200, 200, 403, 200, 200 } },
  };
  World w = { 0 };

  world_init (&w);
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    for (Endpoint ep = 0; ep < N_EP; ep++)
      {
        g_autofree char *authorization = g_strdup_printf ("Bearer %s", w.hub->token[rows[r].tok]);
        g_autoptr(KfRec) rec = NULL;
        gint64 head = kf_hub_feed_head (w.hub);

        /* each writer pushes what it may write; the reviewer base A's data */
        if (rows[r].tok == KF_TOK_BASE_B)
          rec = kf_session_new (KF_BASE_B_ID, FUTURE, "10:00", "11:00", 5, "ai", "lecture");
        else if (rows[r].tok == KF_TOK_SCHOOL_X)
          rec = kf_booking_new (w.session_b, KF_ORG_X, 3, 1, "requested");
        else if (rows[r].tok == KF_TOK_SCHOOL_Y)
          rec = kf_booking_new (w.session_b, KF_ORG_Y, 3, 1, "requested");
        else
          rec = kf_session_new (KF_BASE_A_ID, FUTURE, "10:00", "11:00", 5, "ai", "lecture");

        call_endpoint (w.hub, ep, authorization, rec, rows[r].status[ep]);
        if (ep != EP_PUSH || rows[r].status[ep] != 200)
          kf_assert_untouched (w.hub, head);
      }
  world_clear (&w);
}

/* Missing, unknown and malformed credentials: 401 everywhere but health. */
static void
test_unauthorized (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autofree char *basic = NULL;
  g_autofree char *bare = g_strdup (hub->token[KF_TOK_BASE_A]);
  g_autofree char *truncated = g_strdup_printf ("Bearer %.*s", 10, hub->token[KF_TOK_BASE_A]);
  g_autofree char *longer = g_strdup_printf ("Bearer %sx", hub->token[KF_TOK_BASE_A]);
  g_autoptr(KfRec) rec = kf_session_new (KF_BASE_A_ID, FUTURE, "10:00", "11:00", 5, "ai",
                                         "lecture");
  const char *headers[] = {
    NULL,
    "Bearer 0123456789abcdef0123456789abcdef",
    "Bearer",
    "Bearer ",
    NULL, /* Basic with the real token */
    NULL, /* the token without a scheme */
    NULL, /* a prefix of the token */
    NULL, /* the token and one more character */
  };
  gint64 head = kf_hub_feed_head (hub);

  basic = g_strdup_printf ("Basic %s", hub->token[KF_TOK_BASE_A]);
  headers[4] = basic;
  headers[5] = bare;
  headers[6] = truncated;
  headers[7] = longer;

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      for (Endpoint ep = EP_ME; ep < N_EP; ep++)
        call_endpoint (hub, ep, headers[i], rec, 401);
      if (headers[i] == NULL)
        call_endpoint (hub, EP_HEALTH, NULL, rec, 200);
    }
  kf_assert_untouched (hub, head);
}

/* `token revoke`: the token stops working at once, and only that one. */
static void
test_revoked (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autofree char *token = kf_hub_add_token (hub, "base", KF_BASE_A_ID, "lost laptop");
  g_autofree char *authorization = g_strdup_printf ("Bearer %s", token);
  g_autofree char *client_id = NULL;
  g_autoptr(KfRec) rec = kf_session_new (KF_BASE_A_ID, FUTURE, "10:00", "11:00", 5, "ai",
                                         "lecture");
  g_autoptr(KfRec) other = kf_session_new (KF_BASE_A_ID, FUTURE, "12:00", "13:00", 5, "ai",
                                           "lecture");
  gint64 head;

  /* it works before */
  client_id = kf_hub_client_id (hub, token);
  call_endpoint (hub, EP_CHANGES, authorization, rec, 200);
  call_endpoint (hub, EP_PUSH, authorization, rec, 200);

  kf_hub_revoke (hub, client_id);
  head = kf_hub_feed_head (hub);
  rec->version = 1;
  kf_rec_set (rec, "note", "after the revocation");
  for (Endpoint ep = EP_ME; ep < N_EP; ep++)
    call_endpoint (hub, ep, authorization, rec, 401);
  kf_assert_untouched (hub, head);

  /* the other token of the same base still works */
  kf_hub_put (hub, hub->token[KF_TOK_BASE_A], other);
}

static void
test_reviewer_push (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(KfRec) session = kf_session_new (KF_BASE_A_ID, FUTURE, "10:00", "11:00", 5, "ai",
                                             "lecture");
  g_autoptr(GPtrArray) ops = kf_ops_new ();
  g_autoptr(KfReply) reply = NULL;
  gint64 head = kf_hub_feed_head (hub);

  /* a whole batch, every op of which a base could write: still all refused */
  g_ptr_array_add (ops, kf_rec_op (session));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(KfRec) visit = kf_visit_new (KF_BASE_A_ID, NULL, NULL, "walk_in_group",
                                             FUTURE "T10:00:00+08:00", 5, 1);

      g_ptr_array_add (ops, kf_rec_op (visit));
    }
  reply = kf_hub_push (hub, hub->token[KF_TOK_REVIEWER], ops);
  kf_assert_error (reply, 403, "forbidden");
  kf_assert_untouched (hub, head);
}

/* A base writing another base's session, booking or visit. */
static void
test_base_foreign (void)
{
  World w = { 0 };
  KfHub *hub;
  g_autoptr(KfRec) booking_b = NULL;
  g_autoptr(KfRec) visit_b = NULL;
  g_autoptr(KfRec) rec = NULL;

  world_init (&w);
  hub = w.hub;
  booking_b = kf_booking_new (w.session_b, KF_ORG_X, 5, 1, "confirmed");
  visit_b = kf_visit_new (KF_BASE_B_ID, w.session_b, NULL, "walk_in_group",
                          FUTURE "T14:10:00+08:00", 8, 2);
  kf_hub_put (hub, hub->token[KF_TOK_BASE_B], booking_b);
  kf_hub_put (hub, hub->token[KF_TOK_BASE_B], visit_b);

  /* new records of base B */
  rec = kf_session_new (KF_BASE_B_ID, FUTURE, "08:00", "09:00", 5, "ai", "lecture");
  put_refused (hub, KF_TOK_BASE_A, rec, "forbidden");
  g_clear_pointer (&rec, kf_rec_free);
  rec = kf_booking_new (w.session_b, KF_ORG_Y, 5, 1, "requested");
  put_refused (hub, KF_TOK_BASE_A, rec, "forbidden");
  g_clear_pointer (&rec, kf_rec_free);
  rec = kf_visit_new (KF_BASE_B_ID, NULL, NULL, "walk_in_group", FUTURE "T14:10:00+08:00", 3, 1);
  put_refused (hub, KF_TOK_BASE_A, rec, "forbidden");

  /* edits of base B's records, with the right base_version */
  kf_rec_set (w.session_b, "title", "Taken over");
  put_refused (hub, KF_TOK_BASE_A, w.session_b, "forbidden");
  kf_rec_set (booking_b, "status", "cancelled");
  put_refused (hub, KF_TOK_BASE_A, booking_b, "forbidden");
  kf_rec_set_int (visit_b, "youth_count", 99);
  put_refused (hub, KF_TOK_BASE_A, visit_b, "forbidden");

  /* and moving them to base A */
  kf_rec_set (w.session_b, "base_id", KF_BASE_A_ID);
  put_refused (hub, KF_TOK_BASE_A, w.session_b, "forbidden");
  kf_rec_set (visit_b, "base_id", KF_BASE_A_ID);
  kf_rec_set (visit_b, "session_id", NULL);
  put_refused (hub, KF_TOK_BASE_A, visit_b, "forbidden");

  /* a school's booking on base A's session is base A's to confirm, not B's */
  kf_rec_set (w.booking_x, "status", "confirmed");
  put_refused (hub, KF_TOK_BASE_B, w.booking_x, "forbidden");
  kf_hub_put (hub, hub->token[KF_TOK_BASE_A], w.booking_x);
  world_clear (&w);
}

/* A school writes bookings only. */
static void
test_school_entities (void)
{
  World w = { 0 };
  g_autoptr(KfRec) session = NULL;
  g_autoptr(KfRec) visit = NULL;

  world_init (&w);
  session = kf_session_new (KF_BASE_A_ID, FUTURE, "08:00", "09:00", 5, "ai", "lecture");
  put_refused (w.hub, KF_TOK_SCHOOL_X, session, "forbidden");
  visit = kf_visit_new (KF_BASE_A_ID, w.session_a, w.booking_x, "booked",
                        FUTURE "T09:00:00+08:00", 20, 2);
  put_refused (w.hub, KF_TOK_SCHOOL_X, visit, "forbidden");
  kf_rec_set (visit, "kind", "walk_in_group");
  kf_rec_set (visit, "booking_id", NULL);
  put_refused (w.hub, KF_TOK_SCHOOL_X, visit, "forbidden");

  /* editing an existing session, even to raise its capacity */
  kf_rec_set_int (w.session_a, "capacity", 500);
  put_refused (w.hub, KF_TOK_SCHOOL_X, w.session_a, "forbidden");
  world_clear (&w);
}

/* A school writes the bookings of its own organisation only. */
static void
test_school_other_org (void)
{
  World w = { 0 };
  g_autoptr(KfRec) for_y = NULL;

  world_init (&w);
  for_y = kf_booking_new (w.session_a, KF_ORG_Y, 5, 1, "requested");
  put_refused (w.hub, KF_TOK_SCHOOL_X, for_y, "forbidden");

  /* Y's booking, with its right version: neither edited nor cancelled */
  kf_rec_set_int (w.booking_y, "youth_count", 11);
  put_refused (w.hub, KF_TOK_SCHOOL_X, w.booking_y, "forbidden");
  kf_rec_set_int (w.booking_y, "youth_count", 10);
  kf_rec_set (w.booking_y, "status", "cancelled");
  put_refused (w.hub, KF_TOK_SCHOOL_X, w.booking_y, "forbidden");

  /* nor taken over by renaming the organisation */
  kf_rec_set (w.booking_y, "org_name", KF_ORG_X);
  kf_rec_set (w.booking_y, "status", "requested");
  put_refused (w.hub, KF_TOK_SCHOOL_X, w.booking_y, "forbidden");

  /* and a school cannot move its own booking to another organisation */
  kf_rec_set (w.booking_x, "org_name", KF_ORG_Y);
  put_refused (w.hub, KF_TOK_SCHOOL_X, w.booking_x, "forbidden");
  world_clear (&w);
}

/* What a school may set: requested, edits while requested, cancelled before
 * the session starts; nothing else. */
static void
test_school_fields (void)
{
  World w = { 0 };
  g_autoptr(KfRec) confirmed = NULL;
  g_autoptr(KfRec) to_cancel = NULL;
  static const char * const base_only[] = { "confirmed", "declined", "attended", "no_show" };

  world_init (&w);

  /* a new booking starts as requested; confirmed is for the base */
  confirmed = kf_booking_new (w.session_a, KF_ORG_X, 4, 1, "confirmed");
  put_refused (w.hub, KF_TOK_SCHOOL_X, confirmed, "forbidden_field");

  /* on its requested booking: no status of the base's */
  for (guint i = 0; i < G_N_ELEMENTS (base_only); i++)
    {
      kf_rec_set (w.booking_x, "status", base_only[i]);
      put_refused (w.hub, KF_TOK_SCHOOL_X, w.booking_x, "forbidden_field");
    }

  /* edits while requested */
  kf_rec_set (w.booking_x, "status", "requested");
  kf_rec_set_int (w.booking_x, "youth_count", 25);
  kf_rec_set (w.booking_x, "grade", "Grade 6");
  kf_rec_set (w.booking_x, "note", "two wheelchairs");
  kf_hub_put (w.hub, w.hub->token[KF_TOK_SCHOOL_X], w.booking_x);

  /* the base confirms: the school may no longer edit it */
  kf_rec_set (w.booking_x, "status", "confirmed");
  kf_hub_put (w.hub, w.hub->token[KF_TOK_BASE_A], w.booking_x);
  kf_rec_set_int (w.booking_x, "youth_count", 30);
  put_refused (w.hub, KF_TOK_SCHOOL_X, w.booking_x, "forbidden_field");
  kf_rec_set_int (w.booking_x, "youth_count", 15);
  put_refused (w.hub, KF_TOK_SCHOOL_X, w.booking_x, "forbidden_field");
  kf_rec_set_int (w.booking_x, "youth_count", 25);
  kf_rec_set (w.booking_x, "note", "changed after confirmation");
  put_refused (w.hub, KF_TOK_SCHOOL_X, w.booking_x, "forbidden_field");
  kf_rec_set (w.booking_x, "note", "two wheelchairs");
  kf_rec_set (w.booking_x, "status", "attended");
  put_refused (w.hub, KF_TOK_SCHOOL_X, w.booking_x, "forbidden_field");

  /* but may cancel it before the session starts */
  kf_rec_set (w.booking_x, "status", "cancelled");
  kf_hub_put (w.hub, w.hub->token[KF_TOK_SCHOOL_X], w.booking_x);

  /* and cancel a requested one */
  to_cancel = kf_booking_new (w.session_a, KF_ORG_X, 4, 1, "requested");
  kf_hub_put (w.hub, w.hub->token[KF_TOK_SCHOOL_X], to_cancel);
  kf_rec_set (to_cancel, "status", "cancelled");
  kf_hub_put (w.hub, w.hub->token[KF_TOK_SCHOOL_X], to_cancel);
  world_clear (&w);
}

/* After the session started, a school cannot cancel; the base can. */
static void
test_school_cancel_started (void)
{
  World w = { 0 };
  g_autoptr(KfRec) confirmed = NULL;
  g_autoptr(KfRec) requested = NULL;

  world_init (&w);
  confirmed = kf_booking_new (w.session_past, KF_ORG_X, 4, 1, "requested");
  requested = kf_booking_new (w.session_past, KF_ORG_X, 6, 1, "requested");
  kf_hub_put (w.hub, w.hub->token[KF_TOK_SCHOOL_X], confirmed);
  kf_hub_put (w.hub, w.hub->token[KF_TOK_SCHOOL_X], requested);
  kf_rec_set (confirmed, "status", "confirmed");
  kf_hub_put (w.hub, w.hub->token[KF_TOK_BASE_A], confirmed);

  kf_rec_set (confirmed, "status", "cancelled");
  put_refused (w.hub, KF_TOK_SCHOOL_X, confirmed, "forbidden_field");
  kf_rec_set (requested, "status", "cancelled");
  put_refused (w.hub, KF_TOK_SCHOOL_X, requested, "forbidden_field");

  kf_hub_put (w.hub, w.hub->token[KF_TOK_BASE_A], confirmed);
  kf_hub_put (w.hub, w.hub->token[KF_TOK_BASE_A], requested);
  world_clear (&w);
}

/* A visit is written only by the client that created it, even within one base. */
static void
test_visit_other_client (void)
{
  World w = { 0 };
  g_autoptr(KfRec) tally_1 = NULL;
  g_autoptr(KfRec) tally_2 = NULL;

  world_init (&w);
  tally_1 = kf_visit_new (KF_BASE_A_ID, w.session_a, NULL, "individuals",
                          FUTURE "T09:00:00+08:00", 3, 1);
  tally_2 = kf_visit_new (KF_BASE_A_ID, w.session_a, NULL, "individuals",
                          FUTURE "T09:00:00+08:00", 2, 0);
  kf_hub_put (w.hub, w.hub->token[KF_TOK_BASE_A], tally_1);
  kf_hub_put (w.hub, w.hub->token[KF_TOK_BASE_A2], tally_2);

  kf_rec_set_int (tally_1, "youth_count", 4);
  put_refused (w.hub, KF_TOK_BASE_A2, tally_1, "forbidden");
  kf_hub_put (w.hub, w.hub->token[KF_TOK_BASE_A], tally_1);

  kf_rec_set_int (tally_2, "youth_count", 9);
  put_refused (w.hub, KF_TOK_BASE_A, tally_2, "forbidden");
  put_refused (w.hub, KF_TOK_BASE_B, tally_2, "forbidden");
  kf_hub_put (w.hub, w.hub->token[KF_TOK_BASE_A2], tally_2);
  world_clear (&w);
}

/* A client may not learn a record it may not read by pushing its id: the
 * answer is forbidden, not a conflict carrying the other record. */
static void
test_no_foreign_conflict (void)
{
  World w = { 0 };
  g_autoptr(KfRec) steal_y = NULL;
  g_autoptr(KfRec) steal_a = NULL;
  g_autoptr(JsonObject) result = NULL;

  world_init (&w);

  steal_y = kf_rec_copy (w.booking_y);
  kf_rec_set (steal_y, "org_name", KF_ORG_X);
  steal_y->version = 0;
  result = kf_hub_push_rec (w.hub, w.hub->token[KF_TOK_SCHOOL_X], steal_y);
  kf_assert_rejected (result, "forbidden", NULL);
  g_clear_pointer (&result, json_object_unref);

  steal_a = kf_rec_copy (w.booking_y);
  kf_rec_set (steal_a, "base_id", KF_BASE_B_ID);
  kf_rec_set (steal_a, "session_id", w.session_b->id);
  steal_a->version = 0;
  result = kf_hub_push_rec (w.hub, w.hub->token[KF_TOK_BASE_B], steal_a);
  kf_assert_rejected (result, "forbidden", NULL);
  world_clear (&w);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hub/auth/health", test_health);
  g_test_add_func ("/hub/auth/me", test_me);
  g_test_add_func ("/hub/auth/endpoint-matrix", test_endpoint_matrix);
  g_test_add_func ("/hub/auth/unauthorized", test_unauthorized);
  g_test_add_func ("/hub/auth/revoked", test_revoked);
  g_test_add_func ("/hub/auth/reviewer-push", test_reviewer_push);
  g_test_add_func ("/hub/auth/base-foreign", test_base_foreign);
  g_test_add_func ("/hub/auth/school-entities", test_school_entities);
  g_test_add_func ("/hub/auth/school-other-org", test_school_other_org);
  g_test_add_func ("/hub/auth/school-fields", test_school_fields);
  g_test_add_func ("/hub/auth/school-cancel-started", test_school_cancel_started);
  g_test_add_func ("/hub/auth/visit-other-client", test_visit_other_client);
  g_test_add_func ("/hub/auth/no-foreign-conflict", test_no_foreign_conflict);

  status = g_test_run ();
  kf_hub_shared_free ();
  return status;
}

/* test-hub-idempotency.c — POST /v1/push answered once per op: replays,
 * op_id_reused, conflicts, and the same ops from several connections at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-hub-idempotency"

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

static JsonObject *
result_at (KfReply *reply,
           guint    n_ops,
           guint    i)
{
  return json_array_get_object_element (kf_push_results (reply, n_ops), i);
}

/* Two results equal in everything but "replay". */
static gboolean
same_but_replay (JsonObject *a,
                 JsonObject *b)
{
  g_autoptr(GList) members = json_object_get_members (a);

  if (json_object_get_size (a) != json_object_get_size (b))
    return FALSE;
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *other = json_object_get_member (b, l->data);

      if (g_str_equal (l->data, "replay"))
        continue;
      if (other == NULL || !json_node_equal (json_object_get_member (a, l->data), other))
        return FALSE;
    }
  return TRUE;
}

static void
assert_same_results (KfReply *first,
                     KfReply *again,
                     guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      JsonObject *a = result_at (first, n, i);
      JsonObject *b = result_at (again, n, i);
      g_autofree char *a_text = kf_json_string (a);
      g_autofree char *b_text = kf_json_string (b);

      g_assert_false (json_object_get_boolean_member (a, "replay"));
      if (!json_object_get_boolean_member (b, "replay"))
        kf_fail ("op %u sent again is not a replay: %s", i, b_text);
      if (!same_but_replay (a, b))
        kf_fail ("op %u answered differently the second time: %s then %s", i, a_text, b_text);
    }
}

static KfReply *
push_body (KfHub      *hub,
           KfTok       tok,
           const char *body)
{
  return kf_hub_post_json (hub, token (hub, tok), "/v1/push", body);
}

static char *
totals_text (KfHub *hub)
{
  g_autoptr(KfReply) reply = kf_hub_get (hub, token (hub, KF_TOK_REVIEWER),
                                         "/v1/totals?from=2099-01-01&to=2099-12-31");

  kf_assert_reply (reply, 200);
  return g_strndup (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body));
}

/* The same batch three times: answered alike, applied once. */
static void
test_idempotent_batch (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(KfRec) session = kf_session_new (KF_BASE_A_ID, FUTURE, "09:00", "11:00", 20, "ai",
                                             "exhibition");
  g_autoptr(KfRec) booking = kf_booking_new (session, KF_ORG_X, 8, 2, "requested");
  g_autoptr(KfRec) visit = kf_visit_new (KF_BASE_A_ID, session, booking, "booked",
                                         FUTURE "T09:02:00+08:00", 8, 2);
  g_autoptr(KfRec) walk_in = kf_visit_new (KF_BASE_A_ID, session, NULL, "walk_in_group",
                                           FUTURE "T09:30:00+08:00", 12, 1);
  g_autoptr(KfRec) bad = kf_booking_new (session, KF_ORG_X, 8, 2, "attended");
  g_autoptr(GPtrArray) ops = kf_ops_new ();
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(KfReply) first = NULL;
  g_autofree char *body = NULL;
  g_autofree char *totals = NULL;
  gint64 head;
  guint n;

  g_ptr_array_add (ops, kf_rec_op (session));
  g_ptr_array_add (ops, kf_rec_op (booking));
  kf_rec_set (booking, "status", "confirmed");
  booking->version = 1;
  g_ptr_array_add (ops, kf_rec_op (booking));
  g_ptr_array_add (ops, kf_rec_op (visit));
  kf_rec_set (booking, "status", "attended");
  booking->version = 2;
  g_ptr_array_add (ops, kf_rec_op (booking));
  g_ptr_array_add (ops, kf_rec_op (walk_in));
  g_ptr_array_add (ops, kf_rec_op (bad));
  n = ops->len;
  body = kf_ops_body (ops);

  first = push_body (hub, KF_TOK_BASE_A, body);
  kf_assert_applied (result_at (first, n, 4), 3);
  kf_assert_rejected (result_at (first, n, 6), "invalid_transition", NULL);
  head = kf_hub_feed_head (hub);
  totals = totals_text (hub);
  changes = kf_hub_changes_all (hub, token (hub, KF_TOK_REVIEWER), 0, 1000, NULL);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(KfReply) again = push_body (hub, KF_TOK_BASE_A, body);
      g_autoptr(GPtrArray) changes_again = NULL;
      g_autofree char *totals_again = NULL;

      assert_same_results (first, again, n);
      kf_assert_untouched (hub, head);
      totals_again = totals_text (hub);
      g_assert_cmpstr (totals_again, ==, totals);
      changes_again = kf_hub_changes_all (hub, token (hub, KF_TOK_REVIEWER), 0, 1000, NULL);
      g_assert_cmpuint (changes_again->len, ==, changes->len);
      for (guint i = 0; i < changes->len; i++)
        {
          KfChange *a = changes->pdata[i], *b = changes_again->pdata[i];

          g_assert_cmpint (a->seq, ==, b->seq);
          g_assert_cmpint (a->version, ==, b->version);
        }
    }

  /* base_version is not part of the comparison */
  for (guint i = 0; i < n; i++)
    json_object_set_int_member (ops->pdata[i], "base_version", 7 + i);
  {
    g_autofree char *other = kf_ops_body (ops);
    g_autoptr(KfReply) again = push_body (hub, KF_TOK_BASE_A, other);

    assert_same_results (first, again, n);
    kf_assert_untouched (hub, head);
  }
}

/* Same data, written differently (member order, spacing): still a replay. */
static void
test_replay_same_data (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(KfRec) session = kf_session_new (KF_BASE_A_ID, FUTURE, "16:00", "17:00", 20, "ai",
                                             "exhibition");
  g_autoptr(JsonObject) op = kf_rec_op (session);
  g_autoptr(GPtrArray) ops = kf_ops_new ();
  g_autoptr(GString) reordered = g_string_new (NULL);
  g_autoptr(KfReply) first = NULL;
  g_autoptr(KfReply) again = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree char *body = NULL;
  gint64 head;

  g_ptr_array_add (ops, json_object_ref (op));
  body = kf_ops_body (ops);
  first = push_body (hub, KF_TOK_BASE_A, body);
  kf_assert_applied (result_at (first, 1, 0), 1);
  head = kf_hub_feed_head (hub);

  /* the data's members in reverse order, with spaces */
  g_string_append_printf (reordered, "{ \"ops\" : [ { \"data\" : {");
  members = json_object_get_members (session->data);
  members = g_list_reverse (members);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *value = json_to_string (json_object_get_member (session->data, l->data),
                                               FALSE);

      g_string_append_printf (reordered, "%s \"%s\" : %s", l == members ? "" : ",",
                              (char *) l->data, value);
    }
  g_string_append_printf (reordered, " }, \"base_version\" : 0, \"id\" : \"%s\", "
                          "\"entity\" : \"session\", \"op_id\" : \"%s\" } ] }",
                          session->id, json_object_get_string_member (op, "op_id"));
  again = push_body (hub, KF_TOK_BASE_A, reordered->str);
  assert_same_results (first, again, 1);
  kf_assert_untouched (hub, head);
}

/* Replays answer what the first answer was: rejected and conflict too. */
static void
test_replay_rejected_conflict (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(KfRec) session = new_session (hub, 20);
  g_autoptr(KfRec) stale = kf_rec_copy (session);
  g_autoptr(KfRec) bad = kf_booking_new (session, KF_ORG_X, 0, 0, "requested");
  g_autoptr(GPtrArray) ops = kf_ops_new ();
  g_autoptr(KfReply) first = NULL;
  g_autoptr(KfReply) again = NULL;
  g_autofree char *body = NULL;
  gint64 head;

  kf_rec_set (session, "title", "Second version");
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), session);

  kf_rec_set (stale, "title", "Edited from an old copy");
  stale->version = 0;
  g_ptr_array_add (ops, kf_rec_op (stale));
  g_ptr_array_add (ops, kf_rec_op (bad));
  body = kf_ops_body (ops);
  first = push_body (hub, KF_TOK_BASE_A, body);
  g_assert_cmpstr (json_object_get_string_member (result_at (first, 2, 0), "status"), ==,
                   "conflict");
  kf_assert_rejected (result_at (first, 2, 1), "invalid_field", NULL);
  head = kf_hub_feed_head (hub);

  again = push_body (hub, KF_TOK_BASE_A, body);
  assert_same_results (first, again, 2);
  kf_assert_untouched (hub, head);
}

/* A request that failed as a whole kept nothing, not even its ops' ids. */
static void
test_failed_request_forgets (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(KfRec) session = kf_session_new (KF_BASE_A_ID, FUTURE, "06:00", "07:00", 20, "ai",
                                             "exhibition");
  g_autoptr(JsonObject) op = kf_rec_op (session);
  g_autofree char *op_text = kf_json_string (op);
  g_autofree char *bad = g_strdup_printf ("{\"ops\":[%s,{\"op_id\":7}]}", op_text);
  g_autofree char *good = g_strdup_printf ("{\"ops\":[%s]}", op_text);
  g_autoptr(KfReply) failed = NULL;
  g_autoptr(KfReply) reply = NULL;
  JsonObject *result;
  gint64 head = kf_hub_feed_head (hub);

  failed = push_body (hub, KF_TOK_BASE_A, bad);
  kf_assert_error (failed, 400, "invalid_request");
  kf_assert_untouched (hub, head);
  reply = push_body (hub, KF_TOK_BASE_A, good);
  result = result_at (reply, 1, 0);
  kf_assert_applied (result, 1);
  g_assert_false (json_object_get_boolean_member (result, "replay"));
}

typedef struct
{
  KfHub      *hub;
  const char *token;
  const char *body;
  KfReply    *reply;
} Sender;

static gpointer
sender_thread (gpointer data)
{
  Sender *sender = data;
  g_autoptr(SoupSession) session = kf_soup_session_new ();
  g_autofree char *auth = g_strdup_printf ("Bearer %s", sender->token);

  sender->reply = kf_hub_send (sender->hub, session, "POST", "/v1/push", auth,
                               "application/json", sender->body, -1);
  return NULL;
}

static void
send_together (Sender *senders,
               guint   n)
{
  GThread *threads[16];

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (threads));
  for (guint i = 0; i < n; i++)
    threads[i] = g_thread_new ("sender", sender_thread, &senders[i]);
  for (guint i = 0; i < n; i++)
    g_thread_join (threads[i]);
}

/* The same batch from 8 connections at once (a client retrying while its
 * first try is still running): applied once, the others replays of it. */
static void
test_concurrent_replays (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(GPtrArray) ops = kf_ops_new ();
  g_autoptr(GPtrArray) recs = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_rec_free);
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *body = NULL;
  Sender senders[8];
  guint firsts = 0, n = 50;
  gint64 head = kf_hub_feed_head (hub);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *start = g_strdup_printf ("05:%02u", i);
      KfRec *session = kf_session_new (KF_BASE_A_ID, FUTURE, start, "23:00", 20, "ai", "lecture");

      g_ptr_array_add (recs, session);
      g_ptr_array_add (ops, kf_rec_op (session));
    }
  body = kf_ops_body (ops);
  for (guint i = 0; i < G_N_ELEMENTS (senders); i++)
    senders[i] = (Sender) { hub, token (hub, KF_TOK_BASE_A), body, NULL };
  send_together (senders, G_N_ELEMENTS (senders));

  for (guint i = 0; i < G_N_ELEMENTS (senders); i++)
    {
      JsonObject *result = result_at (senders[i].reply, n, 0);

      kf_assert_applied (result, 1);
      firsts += !json_object_get_boolean_member (result, "replay");
      for (guint j = 1; j < n; j++)
        {
          JsonObject *other = result_at (senders[i].reply, n, j);

          kf_assert_applied (other, 1);
          g_assert_cmpint (json_object_get_boolean_member (other, "replay"), ==,
                           json_object_get_boolean_member (result, "replay"));
        }
    }
  g_assert_cmpuint (firsts, ==, 1);

  all = kf_hub_changes_all (hub, token (hub, KF_TOK_REVIEWER), head, 1000, NULL);
  g_assert_cmpuint (all->len, ==, n);
  for (guint i = 0; i < G_N_ELEMENTS (senders); i++)
    kf_reply_free (senders[i].reply);
}

/* Eight clients of one base edit the same session from the same version at
 * once: one edit is applied, the others are conflicts showing it. */
static void
test_concurrent_conflicts (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(KfRec) session = new_session (hub, 20);
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  Sender senders[8];
  guint applied = 0;
  g_autofree char *winner = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (senders); i++)
    {
      g_autoptr(KfRec) edit = kf_rec_copy (session);
      g_autoptr(GPtrArray) ops = kf_ops_new ();
      g_autofree char *title = g_strdup_printf ("Edit by door %u", i);
      char *body;

      kf_rec_set (edit, "title", title);
      g_ptr_array_add (ops, kf_rec_op (edit));
      body = kf_ops_body (ops);
      g_ptr_array_add (bodies, body);
      senders[i] = (Sender) { hub, token (hub, i % 2 ? KF_TOK_BASE_A2 : KF_TOK_BASE_A), body,
                              NULL };
    }
  send_together (senders, G_N_ELEMENTS (senders));

  for (guint i = 0; i < G_N_ELEMENTS (senders); i++)
    {
      JsonObject *result = result_at (senders[i].reply, 1, 0);

      if (g_str_equal (json_object_get_string_member (result, "status"), "applied"))
        {
          kf_assert_applied (result, 2);
          applied++;
          g_free (winner);
          winner = g_strdup_printf ("Edit by door %u", i);
        }
    }
  g_assert_cmpuint (applied, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (senders); i++)
    {
      JsonObject *result = result_at (senders[i].reply, 1, 0);
      JsonObject *current = kf_get_object (result, "current");

      if (current != NULL)
        {
          g_assert_cmpint (json_object_get_int_member (current, "version"), ==, 2);
          g_assert_cmpstr (json_object_get_string_member (current, "title"), ==, winner);
        }
      else
        g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
      kf_reply_free (senders[i].reply);
    }
}

/* The same op_id with another entity, id or data: op_id_reused. */
static void
test_op_id_reused (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(KfRec) session = kf_session_new (KF_BASE_A_ID, FUTURE, "18:00", "19:00", 20, "ai",
                                             "exhibition");
  g_autoptr(KfRec) other = kf_session_new (KF_BASE_A_ID, FUTURE, "19:00", "20:00", 20, "ai",
                                           "exhibition");
  g_autoptr(KfRec) visit = kf_visit_new (KF_BASE_A_ID, NULL, NULL, "walk_in_group",
                                         FUTURE "T19:00:00+08:00", 4, 1);
  g_autoptr(JsonObject) op = kf_rec_op (session);
  const char *op_id = json_object_get_string_member (op, "op_id");
  g_autoptr(GPtrArray) ops = kf_ops_new ();
  g_autoptr(KfReply) reply = NULL;
  gint64 head;
  struct
  {
    const char *what;
    JsonObject *op;
  } reuses[3];

  g_ptr_array_add (ops, json_object_ref (op));
  reply = kf_hub_push (hub, token (hub, KF_TOK_BASE_A), ops);
  kf_assert_applied (result_at (reply, 1, 0), 1);
  g_clear_pointer (&reply, kf_reply_free);
  head = kf_hub_feed_head (hub);

  kf_rec_set (session, "title", "Other data");
  reuses[0].what = "other data";
  reuses[0].op = kf_rec_op (session);
  reuses[1].what = "other id";
  reuses[1].op = kf_rec_op (other);
  reuses[2].what = "other entity";
  reuses[2].op = kf_rec_op (visit);
  for (guint i = 0; i < G_N_ELEMENTS (reuses); i++)
    {
      g_test_message ("op_id reused with %s", reuses[i].what);
      json_object_set_string_member (reuses[i].op, "op_id", op_id);
      g_ptr_array_set_size (ops, 0);
      g_ptr_array_add (ops, reuses[i].op);
      reply = kf_hub_push (hub, token (hub, KF_TOK_BASE_A), ops);
      kf_assert_rejected (result_at (reply, 1, 0), "op_id_reused", NULL);
      g_assert_false (json_object_get_boolean_member (result_at (reply, 1, 0), "replay"));
      g_clear_pointer (&reply, kf_reply_free);
      kf_assert_untouched (hub, head);
    }

  /* op ids are per client: another client may use the same one */
  {
    g_autoptr(KfRec) theirs = kf_session_new (KF_BASE_A_ID, FUTURE, "20:00", "21:00", 20, "ai",
                                              "exhibition");
    g_autoptr(JsonObject) their_op = kf_rec_op (theirs);

    json_object_set_string_member (their_op, "op_id", op_id);
    g_ptr_array_set_size (ops, 0);
    g_ptr_array_add (ops, json_object_ref (their_op));
    reply = kf_hub_push (hub, token (hub, KF_TOK_BASE_A2), ops);
    kf_assert_applied (result_at (reply, 1, 0), 1);
    g_assert_false (json_object_get_boolean_member (result_at (reply, 1, 0), "replay"));
  }
}

/* A replay answers what the first answer was, even after the record moved on. */
static void
test_replay_after_change (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(KfRec) session = kf_session_new (KF_BASE_A_ID, FUTURE, "07:00", "08:00", 20, "ai",
                                             "exhibition");
  g_autoptr(GPtrArray) ops = kf_ops_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(KfReply) first = NULL;
  g_autoptr(KfReply) again = NULL;
  g_autofree char *body = NULL;
  gint64 head;

  g_ptr_array_add (ops, kf_rec_op (session));
  body = kf_ops_body (ops);
  first = push_body (hub, KF_TOK_BASE_A, body);
  kf_assert_applied (result_at (first, 1, 0), 1);
  session->version = 1;
  kf_rec_set (session, "title", "Moved on");
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), session);
  head = kf_hub_feed_head (hub);

  again = push_body (hub, KF_TOK_BASE_A, body);
  assert_same_results (first, again, 1);
  kf_assert_untouched (hub, head);
  all = kf_hub_changes_all (hub, token (hub, KF_TOK_REVIEWER), 0, 1000, NULL);
  g_assert_cmpint (kf_changes_find (all, session->id)->version, ==, 2);
}

/* A rejection is remembered too: once the seats are free, the same op is
 * still answered as it was. */
static void
test_replay_over_capacity (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(KfRec) session = new_session (hub, 5);
  g_autoptr(KfRec) holder = new_booking (hub, session, 4, 1, "confirmed");
  g_autoptr(KfRec) late = new_booking (hub, session, 2, 0, "requested");
  g_autoptr(GPtrArray) ops = kf_ops_new ();
  g_autoptr(KfReply) first = NULL;
  g_autoptr(KfReply) again = NULL;
  g_autofree char *body = NULL;
  gint64 head;

  kf_rec_set (late, "status", "confirmed");
  g_ptr_array_add (ops, kf_rec_op (late));
  body = kf_ops_body (ops);
  first = push_body (hub, KF_TOK_BASE_A, body);
  kf_assert_rejected (result_at (first, 1, 0), "over_capacity", NULL);

  kf_rec_set (holder, "status", "cancelled");
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), holder);
  head = kf_hub_feed_head (hub);
  again = push_body (hub, KF_TOK_BASE_A, body);
  assert_same_results (first, again, 1);
  kf_assert_untouched (hub, head);
}

/* Within one request too, an op_id stands for its first op. */
static void
test_op_id_reused_in_request (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(KfRec) one = kf_session_new (KF_BASE_A_ID, FUTURE, "07:00", "08:00", 20, "ai",
                                         "exhibition");
  g_autoptr(KfRec) two = kf_session_new (KF_BASE_A_ID, FUTURE, "08:00", "09:00", 20, "ai",
                                         "exhibition");
  g_autoptr(GPtrArray) ops = kf_ops_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(KfReply) reply = NULL;
  JsonObject *second;

  g_ptr_array_add (ops, kf_rec_op (one));
  second = kf_rec_op (two);
  json_object_set_string_member (second, "op_id",
                                 json_object_get_string_member (ops->pdata[0], "op_id"));
  g_ptr_array_add (ops, second);
  reply = kf_hub_push (hub, token (hub, KF_TOK_BASE_A), ops);
  kf_assert_applied (result_at (reply, 2, 0), 1);
  kf_assert_rejected (result_at (reply, 2, 1), "op_id_reused", NULL);
  all = kf_hub_changes_all (hub, token (hub, KF_TOK_REVIEWER), 0, 1000, NULL);
  g_assert_nonnull (kf_changes_find (all, one->id));
  g_assert_null (kf_changes_find (all, two->id));
}

static void
assert_current (JsonObject *result,
                const KfRec *expected,
                gint64       version)
{
  g_autofree char *text = kf_json_string (result);
  JsonObject *current = kf_get_object (result, "current");
  g_autoptr(GList) members = json_object_get_members (expected->data);

  if (g_strcmp0 (json_object_get_string_member_with_default (result, "status", NULL),
                 "conflict") != 0 || current == NULL)
    kf_fail ("expected a conflict, got %s", text);
  g_assert_cmpstr (json_object_get_string_member_with_default (current, "id", NULL), ==,
                   expected->id);
  g_assert_cmpint (json_object_get_int_member_with_default (current, "version", -1), ==,
                   version);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *want = json_object_get_member (expected->data, l->data);
      JsonNode *got = json_object_get_member (current, l->data);

      if (got == NULL || !json_node_equal (want, got))
        kf_fail ("current.%s differs from the hub's record: %s", (char *) l->data, text);
    }
}

static void
test_conflict (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(KfRec) session = new_session (hub, 30);
  g_autoptr(KfRec) mine = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(KfRec) booking = NULL;
  gint64 head;

  kf_rec_set (session, "title", "As the hub has it");
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), session);
  kf_rec_set (session, "note", "bring umbrellas");
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), session);
  head = kf_hub_feed_head (hub);

  mine = kf_rec_copy (session);
  kf_rec_set (mine, "title", "My stale edit");
  for (gint64 base_version = 0; base_version <= 4; base_version++)
    {
      if (base_version == 3)
        continue;
      mine->version = base_version;
      result = kf_hub_push_rec (hub, token (hub, KF_TOK_BASE_A2), mine);
      assert_current (result, session, 3);
      g_clear_pointer (&result, json_object_unref);
    }
  kf_assert_untouched (hub, head);

  /* the right base_version is applied, as 4 */
  mine->version = 3;
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A2), mine);
  g_assert_cmpint (mine->version, ==, 4);

  /* a school's own booking, the same */
  booking = kf_booking_new (session, KF_ORG_X, 4, 1, "requested");
  kf_hub_put (hub, token (hub, KF_TOK_SCHOOL_X), booking);
  kf_rec_set_int (booking, "adult_count", 2);
  kf_hub_put (hub, token (hub, KF_TOK_SCHOOL_X), booking);
  {
    g_autoptr(KfRec) old = kf_rec_copy (booking);

    old->version = 1;
    kf_rec_set_int (old, "adult_count", 3);
    result = kf_hub_push_rec (hub, token (hub, KF_TOK_SCHOOL_X), old);
    assert_current (result, booking, 2);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hub/idempotency/batch-three-times", test_idempotent_batch);
  g_test_add_func ("/hub/idempotency/same-data-other-text", test_replay_same_data);
  g_test_add_func ("/hub/idempotency/rejected-and-conflict", test_replay_rejected_conflict);
  g_test_add_func ("/hub/idempotency/op-id-reused", test_op_id_reused);
  g_test_add_func ("/hub/idempotency/failed-request-forgets", test_failed_request_forgets);
  g_test_add_func ("/hub/idempotency/concurrent-replays", test_concurrent_replays);
  g_test_add_func ("/hub/idempotency/concurrent-conflicts", test_concurrent_conflicts);
  g_test_add_func ("/hub/idempotency/replay-after-change", test_replay_after_change);
  g_test_add_func ("/hub/idempotency/replay-over-capacity", test_replay_over_capacity);
  g_test_add_func ("/hub/idempotency/op-id-reused-in-request",
                   test_op_id_reused_in_request);
  g_test_add_func ("/hub/idempotency/conflict", test_conflict);

  status = g_test_run ();
  kf_hub_shared_free ();
  return status;
}

/* test-hub-changes.c — GET /v1/changes: paging, cursors, visibility, masking,
 * session counts and readers racing writers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-hub-changes"

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

/* Pushes @recs in one request as @tok; all must be applied. */
static void
put_all (KfHub  *hub,
         KfTok   tok,
         KfRec **recs,
         guint   n)
{
  g_autoptr(GPtrArray) ops = kf_ops_new ();
  g_autoptr(KfReply) reply = NULL;
  JsonArray *results;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ops, kf_rec_op (recs[i]));
  reply = kf_hub_push (hub, token (hub, tok), ops);
  results = kf_push_results (reply, n);
  for (guint i = 0; i < n; i++)
    {
      kf_assert_applied (json_array_get_object_element (results, i), recs[i]->version + 1);
      recs[i]->version++;
    }
}

/* @n sessions of base A, pushed in batches of at most 500. */
static GPtrArray *
make_sessions (KfHub *hub,
               guint  n)
{
  GPtrArray *sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_rec_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *start = g_strdup_printf ("%02u:%02u", 8 + (i / 60) % 10, i % 60);

      g_ptr_array_add (sessions, kf_session_new (KF_BASE_A_ID, FUTURE, start, "19:00", 30, "ai",
                                                 "lecture"));
    }
  for (guint done = 0; done < n; done += 500)
    put_all (hub, KF_TOK_BASE_A, (KfRec **) sessions->pdata + done, MIN (500, n - done));
  return sessions;
}

static void
assert_same_changes (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      KfChange *x = a->pdata[i], *y = b->pdata[i];

      g_assert_cmpint (x->seq, ==, y->seq);
      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpint (x->version, ==, y->version);
    }
}

/* Pages of 1, 2, N-1, N and 1000 give the same feed; `more` is exact. */
static void
test_paging (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(GPtrArray) sessions = make_sessions (hub, 30);
  g_autoptr(GPtrArray) all = kf_hub_changes_all (hub, token (hub, KF_TOK_REVIEWER), 0, 1000,
                                                 NULL);
  guint limits[] = { 1, 2, 7, 0, 0 };

  /* 2 bases and 30 sessions */
  g_assert_cmpuint (all->len, ==, 32);
  limits[3] = all->len - 1;
  limits[4] = all->len;

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_change_free);
      gint64 cursor = 0;
      gboolean more = TRUE;
      guint pages = 0;

      while (more)
        {
          g_autoptr(GPtrArray) page = kf_hub_changes_page (hub, NULL, token (hub, KF_TOK_REVIEWER),
                                                           cursor, limits[i], &cursor, &more);

          pages++;
          /* a full page unless it is the last one */
          if (more)
            g_assert_cmpuint (page->len, ==, limits[i]);
          else
            g_assert_cmpuint (page->len, >=, 1);
          for (guint j = 0; j < page->len; j++)
            g_ptr_array_add (again, g_steal_pointer (&page->pdata[j]));
        }
      g_assert_cmpuint (pages, ==, (all->len + limits[i] - 1) / limits[i]);
      assert_same_changes (all, again);
    }
}

/* The default page is 500; 1000 is allowed, 1001 is not. */
static void
test_limits (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(GPtrArray) sessions = make_sessions (hub, 1100);
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(KfReply) reply = NULL;
  gint64 next;
  gboolean more;

  page = kf_hub_changes_page (hub, NULL, token (hub, KF_TOK_REVIEWER), 0, 0, &next, &more);
  g_assert_cmpuint (page->len, ==, 500);
  g_assert_true (more);
  g_clear_pointer (&page, g_ptr_array_unref);

  page = kf_hub_changes_page (hub, NULL, token (hub, KF_TOK_REVIEWER), 0, 1000, &next, &more);
  g_assert_cmpuint (page->len, ==, 1000);
  g_assert_true (more);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = kf_hub_changes_page (hub, NULL, token (hub, KF_TOK_REVIEWER), next, 1000, &next, &more);
  g_assert_cmpuint (page->len, ==, 102);
  g_assert_false (more);

  reply = kf_hub_get (hub, token (hub, KF_TOK_REVIEWER), "/v1/changes?since=0&limit=1001");
  kf_assert_error (reply, 400, "invalid_request");
}

/* After the end: nothing, `next` stays where it was, no more. */
static void
test_since_end (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(GPtrArray) sessions = make_sessions (hub, 3);
  gint64 head = kf_hub_feed_head (hub);
  const gint64 sinces[] = { head, head + 1, head + 1000000 };

  for (guint i = 0; i < G_N_ELEMENTS (sinces); i++)
    for (KfTok tok = 0; tok < KF_N_TOKENS; tok++)
      {
        g_autoptr(GPtrArray) page = NULL;
        gint64 next;
        gboolean more;

        page = kf_hub_changes_page (hub, NULL, token (hub, tok), sinces[i], 10, &next, &more);
        g_assert_cmpuint (page->len, ==, 0);
        g_assert_cmpint (next, ==, sinces[i]);
        g_assert_false (more);
      }

  /* since defaults to 0 */
  {
    g_autoptr(KfReply) reply = kf_hub_get (hub, token (hub, KF_TOK_REVIEWER), "/v1/changes");
    g_autoptr(GPtrArray) all = kf_hub_changes_all (hub, token (hub, KF_TOK_REVIEWER), 0, 500,
                                                   NULL);
    JsonArray *changes;

    kf_assert_reply (reply, 200);
    changes = kf_get_array (kf_reply_object (reply), "changes");
    g_assert_nonnull (changes);
    g_assert_cmpuint (json_array_get_length (changes), ==, MIN (all->len, 500));
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (changes, 0),
                                                 "seq"), ==, ((KfChange *) all->pdata[0])->seq);
  }
}

static void
assert_data (KfChange    *change,
             const KfRec *rec)
{
  g_autoptr(GList) members = json_object_get_members (rec->data);
  g_autofree char *text = kf_json_string (change->data);

  g_assert_cmpstr (change->entity, ==, rec->entity);
  g_assert_cmpint (change->version, ==, rec->version);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *want = json_object_get_member (rec->data, l->data);
      JsonNode *got = json_object_get_member (change->data, l->data);

      if (got == NULL || !json_node_equal (want, got))
        kf_fail ("%s %s: field %s differs from what was pushed: %s", rec->entity, rec->id,
                 (char *) l->data, text);
    }
}

/* Each record once, at its latest seq, with its latest version and data. */
static void
test_latest_only (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(KfRec) session = kf_session_new (KF_BASE_A_ID, FUTURE, "09:00", "10:00", 30, "ai",
                                             "lecture");
  g_autoptr(KfRec) later = kf_session_new (KF_BASE_A_ID, FUTURE, "10:00", "11:00", 30, "ai",
                                           "lecture");
  g_autoptr(GPtrArray) all = NULL;
  gint64 head = kf_hub_feed_head (hub);
  guint seen = 0;
  KfChange *change, *later_change;

  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), session);
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), later);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *title = g_strdup_printf ("Edit %u", i);

      kf_rec_set (session, "title", title);
      kf_hub_put (hub, token (hub, KF_TOK_BASE_A), session);
    }

  all = kf_hub_changes_all (hub, token (hub, KF_TOK_REVIEWER), head, 1, NULL);
  for (guint i = 0; i < all->len; i++)
    seen += g_str_equal (((KfChange *) all->pdata[i])->id, session->id);
  g_assert_cmpuint (seen, ==, 1);
  change = kf_changes_find (all, session->id);
  later_change = kf_changes_find (all, later->id);
  g_assert_nonnull (later_change);
  g_assert_cmpint (change->version, ==, 4);
  g_assert_cmpint (change->seq, >, later_change->seq);
  assert_data (change, session);
  assert_data (later_change, later);
}

typedef struct
{
  KfHub     *hub;
  GPtrArray *recs;        /* everything pushed */
  KfRec     *session_a;
  KfRec     *session_b;
} World;

static KfRec *
world_add (World *w,
           KfRec *rec)
{
  g_ptr_array_add (w->recs, rec);
  return rec;
}

static void
world_init (World *w)
{
  KfRec *x_on_a, *y_on_a, *x_on_b, *phone_on_b;

  w->hub = kf_hub_new ();
  w->recs = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_rec_free);
  w->session_a = world_add (w, kf_session_new (KF_BASE_A_ID, FUTURE, "09:00", "11:00", 50,
                                               "meteorology", "study_tour"));
  w->session_b = world_add (w, kf_session_new (KF_BASE_B_ID, FUTURE, "09:00", "11:00", 50,
                                               "agriculture", "hands_on"));
  kf_hub_put (w->hub, token (w->hub, KF_TOK_BASE_A), w->session_a);
  kf_hub_put (w->hub, token (w->hub, KF_TOK_BASE_B), w->session_b);

  x_on_a = world_add (w, kf_booking_new (w->session_a, KF_ORG_X, 20, 2, "requested"));
  y_on_a = world_add (w, kf_booking_new (w->session_a, KF_ORG_Y, 15, 1, "requested"));
  x_on_b = world_add (w, kf_booking_new (w->session_b, KF_ORG_X, 10, 1, "requested"));
  phone_on_b = world_add (w, kf_booking_new (w->session_b, "Sunshine Community", 3, 4,
                                             "confirmed"));
  kf_rec_set (phone_on_b, "org_type", "community");
  kf_rec_set (phone_on_b, "contact_phone", "13900002222");
  kf_hub_put (w->hub, token (w->hub, KF_TOK_SCHOOL_X), x_on_a);
  kf_hub_put (w->hub, token (w->hub, KF_TOK_SCHOOL_Y), y_on_a);
  kf_hub_put (w->hub, token (w->hub, KF_TOK_SCHOOL_X), x_on_b);
  kf_hub_put (w->hub, token (w->hub, KF_TOK_BASE_B), phone_on_b);
  kf_rec_set (x_on_a, "status", "confirmed");
  kf_hub_put (w->hub, token (w->hub, KF_TOK_BASE_A), x_on_a);

  kf_hub_put (w->hub, token (w->hub, KF_TOK_BASE_A),
              world_add (w, kf_visit_new (KF_BASE_A_ID, w->session_a, x_on_a, "booked",
                                          FUTURE "T09:01:00+08:00", 19, 2)));
  kf_hub_put (w->hub, token (w->hub, KF_TOK_BASE_B),
              world_add (w, kf_visit_new (KF_BASE_B_ID, NULL, NULL, "walk_in_group",
                                          FUTURE "T13:00:00+08:00", 30, 3)));
}

static void
world_clear (World *w)
{
  g_clear_pointer (&w->recs, g_ptr_array_unref);
  g_clear_pointer (&w->hub, kf_hub_free);
}

/* Whether @tok may read @rec, by the role table. */
static gboolean
may_read (KfTok        tok,
          const KfRec *rec)
{
  const char *base_id = kf_rec_get (rec, "base_id");

  switch (tok)
    {
    case KF_TOK_BASE_A:
    case KF_TOK_BASE_A2:
      return g_str_equal (base_id, KF_BASE_A_ID);
    case KF_TOK_BASE_B:
      return g_str_equal (base_id, KF_BASE_B_ID);
    case KF_TOK_SCHOOL_X:
    case KF_TOK_SCHOOL_Y:
      if (g_str_equal (rec->entity, "session"))
        return TRUE;
      return g_str_equal (rec->entity, "booking") &&
             g_str_equal (kf_rec_get (rec, "org_name"),
                          tok == KF_TOK_SCHOOL_X ? KF_ORG_X : KF_ORG_Y);
    case KF_TOK_REVIEWER:
      return TRUE;
    case KF_N_TOKENS:
    default:
      g_assert_not_reached ();
    }
}

static void
check_base (GPtrArray  *all,
            const char *id,
            const char *name,
            const char *phone)
{
  KfChange *change = kf_changes_find (all, id);

  g_assert_nonnull (change);
  g_assert_cmpstr (change->entity, ==, "base");
  g_assert_cmpstr (json_object_get_string_member_with_default (change->data, "name", NULL), ==,
                   name);
  if (phone != NULL)
    g_assert_cmpstr (json_object_get_string_member_with_default (change->data, "contact_phone",
                                                                 NULL), ==, phone);
}

/* Who sees what: exactly the records of the role table, nothing more. */
static void
test_visibility (void)
{
  World w = { 0 };

  world_init (&w);
  for (KfTok tok = 0; tok < KF_N_TOKENS; tok++)
    {
      g_autoptr(GPtrArray) all = kf_hub_changes_all (w.hub, token (w.hub, tok), 0, 3, NULL);
      guint expected = 2;

      g_test_message ("reading as token %d", tok);
      /* every role sees all bases */
      check_base (all, KF_BASE_A_ID, KF_BASE_A_NAME, NULL);
      check_base (all, KF_BASE_B_ID, KF_BASE_B_NAME, NULL);

      for (guint i = 0; i < w.recs->len; i++)
        {
          KfRec *rec = w.recs->pdata[i];
          KfChange *change = kf_changes_find (all, rec->id);

          if (!may_read (tok, rec))
            {
              if (change != NULL)
                kf_fail ("token %d reads %s %s that is not its to read", tok, rec->entity,
                         rec->id);
              continue;
            }
          expected++;
          if (change == NULL)
            kf_fail ("token %d does not read its %s %s", tok, rec->entity, rec->id);
          if (tok == KF_TOK_REVIEWER && g_str_equal (rec->entity, "booking"))
            {
              g_autoptr(KfRec) masked = kf_rec_copy (rec);
              const char *phone = kf_rec_get (rec, "contact_phone");

              kf_rec_set (masked, "contact_phone", g_str_equal (phone, KF_PHONE) ?
                          KF_PHONE_MASKED : "139****2222");
              assert_data (change, masked);
            }
          else
            assert_data (change, rec);

          if (g_str_equal (rec->entity, "session") &&
              (!json_object_has_member (change->data, "confirmed_people") ||
               !json_object_has_member (change->data, "requested_people")))
            kf_fail ("a session without its seat counts for token %d", tok);
        }
      g_assert_cmpuint (all->len, ==, expected);
    }
  world_clear (&w);
}

/* The reviewer sees every contact phone masked, bases' too. */
static void
test_reviewer_masking (void)
{
  World w = { 0 };
  g_autoptr(GPtrArray) reviewer = NULL;
  g_autoptr(GPtrArray) base = NULL;

  world_init (&w);
  reviewer = kf_hub_changes_all (w.hub, token (w.hub, KF_TOK_REVIEWER), 0, 1000, NULL);
  base = kf_hub_changes_all (w.hub, token (w.hub, KF_TOK_BASE_A), 0, 1000, NULL);
  check_base (reviewer, KF_BASE_A_ID, KF_BASE_A_NAME, "139****1111");
  for (guint i = 0; i < reviewer->len; i++)
    {
      KfChange *change = reviewer->pdata[i];
      const char *phone = json_object_get_string_member_with_default (change->data,
                                                                      "contact_phone", NULL);

      if (phone != NULL && *phone != '\0' && strchr (phone, '*') == NULL)
        kf_fail ("the reviewer reads an unmasked phone: %s", phone);
    }
  /* the base's own booking, unmasked for the base */
  for (guint i = 0; i < base->len; i++)
    {
      KfChange *change = base->pdata[i];

      if (g_str_equal (change->entity, "booking"))
        g_assert_cmpstr (json_object_get_string_member (change->data, "contact_phone"), ==,
                         KF_PHONE);
    }
  world_clear (&w);
}

static KfChange *
session_after (KfHub       *hub,
               KfTok        tok,
               const KfRec *session,
               gint64      *cursor)
{
  g_autoptr(GPtrArray) page = kf_hub_changes_all (hub, token (hub, tok), *cursor, 2, cursor);

  for (guint i = 0; i < page->len; i++)
    if (g_str_equal (((KfChange *) page->pdata[i])->id, session->id))
      return g_ptr_array_steal_index (page, i);
  kf_fail ("the session did not come again before %" G_GINT64_FORMAT, *cursor);
  return NULL;
}

static void
expect_counts (KfHub       *hub,
               const KfRec *session,
               gint64      *cursors,
               gint64      *last_seq,
               gint64       confirmed,
               gint64       requested)
{
  static const KfTok readers[] = { KF_TOK_REVIEWER, KF_TOK_BASE_A, KF_TOK_SCHOOL_Y };

  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      g_autoptr(KfChange) change = session_after (hub, readers[i], session, &cursors[i]);

      g_assert_cmpint (change->version, ==, 1);
      g_assert_cmpint (json_object_get_int_member (change->data, "confirmed_people"), ==,
                       confirmed);
      g_assert_cmpint (json_object_get_int_member (change->data, "requested_people"), ==,
                       requested);
      if (i == 0)
        {
          g_assert_cmpint (change->seq, >, *last_seq);
          *last_seq = change->seq;
        }
    }
}

/* A session comes again, at a higher seq, when its seat counts change. */
static void
test_session_counts (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(KfRec) session = kf_session_new (KF_BASE_A_ID, FUTURE, "14:00", "16:00", 100,
                                             "health", "lecture");
  g_autoptr(KfRec) booking = NULL;
  g_autoptr(KfRec) other = NULL;
  gint64 cursors[3], last_seq = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cursors); i++)
    cursors[i] = kf_hub_feed_head (hub);
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), session);
  expect_counts (hub, session, cursors, &last_seq, 0, 0);

  booking = kf_booking_new (session, KF_ORG_X, 20, 2, "requested");
  kf_hub_put (hub, token (hub, KF_TOK_SCHOOL_X), booking);
  expect_counts (hub, session, cursors, &last_seq, 0, 22);

  other = kf_booking_new (session, KF_ORG_Y, 5, 1, "requested");
  kf_hub_put (hub, token (hub, KF_TOK_SCHOOL_Y), other);
  expect_counts (hub, session, cursors, &last_seq, 0, 28);

  kf_rec_set (booking, "status", "confirmed");
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), booking);
  expect_counts (hub, session, cursors, &last_seq, 22, 6);

  kf_rec_set_int (booking, "youth_count", 25);
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), booking);
  expect_counts (hub, session, cursors, &last_seq, 27, 6);

  /* an arrived group still holds its seats; a no-show does not */
  kf_rec_set (booking, "status", "attended");
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), booking);
  kf_rec_set (other, "status", "cancelled");
  kf_hub_put (hub, token (hub, KF_TOK_SCHOOL_Y), other);
  expect_counts (hub, session, cursors, &last_seq, 27, 0);

  kf_rec_set (booking, "status", "no_show");
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), booking);
  expect_counts (hub, session, cursors, &last_seq, 0, 0);
}

/* A booking moved to another session: both sessions come again. */
static void
test_booking_moved (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(KfRec) from = kf_session_new (KF_BASE_A_ID, FUTURE, "09:00", "10:00", 100, "ai",
                                          "lecture");
  g_autoptr(KfRec) to = kf_session_new (KF_BASE_A_ID, FUTURE, "10:00", "11:00", 100, "ai",
                                        "lecture");
  g_autoptr(KfRec) booking = NULL;
  g_autoptr(GPtrArray) all = NULL;
  gint64 head;
  KfChange *change;

  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), from);
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), to);
  booking = kf_booking_new (from, KF_ORG_X, 7, 1, "confirmed");
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), booking);
  head = kf_hub_feed_head (hub);

  kf_rec_set (booking, "session_id", to->id);
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), booking);
  all = kf_hub_changes_all (hub, token (hub, KF_TOK_REVIEWER), head, 1000, NULL);
  change = kf_changes_find (all, from->id);
  if (change == NULL)
    kf_fail ("the session the booking left did not come again");
  g_assert_cmpint (json_object_get_int_member (change->data, "confirmed_people"), ==, 0);
  change = kf_changes_find (all, to->id);
  if (change == NULL)
    kf_fail ("the session the booking moved to did not come again");
  g_assert_cmpint (json_object_get_int_member (change->data, "confirmed_people"), ==, 8);
}

/* Readers racing writers */

typedef struct
{
  KfHub      *hub;
  KfTok       tok;
  const char *base_id;
  guint       rounds;
  GPtrArray  *recs;
  gint        done;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(SoupSession) session = kf_soup_session_new ();

  writer->recs = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_rec_free);
  for (guint round = 0; round < writer->rounds; round++)
    {
      g_autoptr(GPtrArray) ops = kf_ops_new ();
      g_autoptr(GPtrArray) batch = g_ptr_array_new ();
      g_autoptr(KfReply) reply = NULL;
      JsonArray *results;

      /* two new sessions, a new visit, and edits of two earlier sessions */
      for (guint i = 0; i < 2; i++)
        {
          g_autofree char *start = g_strdup_printf ("%02u:%02u", 8 + round % 10, i);
          KfRec *rec = kf_session_new (writer->base_id, FUTURE, start, "20:00", 10, "ai",
                                       "lecture");

          g_ptr_array_add (writer->recs, rec);
          g_ptr_array_add (batch, rec);
        }
      {
        KfRec *visit = kf_visit_new (writer->base_id, NULL, NULL, "walk_in_group",
                                     FUTURE "T10:00:00+08:00", round % 7, 1);

        g_ptr_array_add (writer->recs, visit);
        g_ptr_array_add (batch, visit);
      }
      for (guint i = 0; i < 2 && round > 0; i++)
        {
          KfRec *rec = writer->recs->pdata[g_random_int_range (0, writer->recs->len - 3)];
          g_autofree char *title = g_strdup_printf ("Round %u", round);

          if (rec->entity != g_intern_static_string ("session") ||
              g_ptr_array_find (batch, rec, NULL))
            continue;
          kf_rec_set (rec, "title", title);
          g_ptr_array_add (batch, rec);
        }

      for (guint i = 0; i < batch->len; i++)
        g_ptr_array_add (ops, kf_rec_op (batch->pdata[i]));
      reply = kf_hub_push_with (writer->hub, session, writer->hub->token[writer->tok], ops);
      results = kf_push_results (reply, ops->len);
      for (guint i = 0; i < batch->len; i++)
        {
          KfRec *rec = batch->pdata[i];

          kf_assert_applied (json_array_get_object_element (results, i), rec->version + 1);
          rec->version++;
        }
    }
  g_atomic_int_set (&writer->done, TRUE);
  return NULL;
}

/* Pages of 3 while two writers push: every record is met at its final
 * version, no version twice, seqs only grow. */
static void
test_concurrent_writers (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Writer writers[] = {
    { hub, KF_TOK_BASE_A, KF_BASE_A_ID, 60, NULL, FALSE },
    { hub, KF_TOK_BASE_B, KF_BASE_B_ID, 60, NULL, FALSE },
  };
  GThread *threads[G_N_ELEMENTS (writers)];
  gint64 cursor = 0, last_seq = 0;
  gboolean more = TRUE;
  guint pages = 0;

  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    threads[i] = g_thread_new ("writer", writer_thread, &writers[i]);

  /* read until a page asked for after the writers were done says there is
   * nothing more */
  for (;;)
    {
      g_autoptr(GPtrArray) page = NULL;
      gboolean all_done = TRUE;

      for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
        all_done &= g_atomic_int_get (&writers[i].done);
      page = kf_hub_changes_page (hub, NULL, token (hub, KF_TOK_REVIEWER), cursor, 3, &cursor,
                                  &more);
      pages++;
      for (guint i = 0; i < page->len; i++)
        {
          KfChange *change = page->pdata[i];
          g_autofree char *key = g_strdup_printf ("%s@%" G_GINT64_FORMAT, change->id,
                                                  change->version);

          g_assert_cmpint (change->seq, >, last_seq);
          last_seq = change->seq;
          if (!g_hash_table_add (seen, g_steal_pointer (&key)))
            kf_fail ("%s seen twice at version %" G_GINT64_FORMAT, change->id, change->version);
          g_hash_table_insert (latest, g_strdup (change->id), GINT_TO_POINTER (change->version));
        }
      if (all_done && !more)
        break;
      if (page->len == 0)
        g_usleep (2000);
    }

  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    g_thread_join (threads[i]);

  /* one last look: nothing after the cursor */
  {
    g_autoptr(GPtrArray) rest = kf_hub_changes_all (hub, token (hub, KF_TOK_REVIEWER), cursor,
                                                    10, NULL);

    g_assert_cmpuint (rest->len, ==, 0);
  }
  for (guint w = 0; w < G_N_ELEMENTS (writers); w++)
    {
      for (guint i = 0; i < writers[w].recs->len; i++)
        {
          KfRec *rec = writers[w].recs->pdata[i];
          gpointer version = g_hash_table_lookup (latest, rec->id);

          if (version == NULL)
            kf_fail ("the reader never met %s %s", rec->entity, rec->id);
          g_assert_cmpint (GPOINTER_TO_INT (version), ==, rec->version);
        }
      g_ptr_array_unref (writers[w].recs);
    }
  g_test_message ("%u pages read while writing", pages);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hub/changes/paging", test_paging);
  g_test_add_func ("/hub/changes/limits", test_limits);
  g_test_add_func ("/hub/changes/since-end", test_since_end);
  g_test_add_func ("/hub/changes/latest-only", test_latest_only);
  g_test_add_func ("/hub/changes/visibility", test_visibility);
  g_test_add_func ("/hub/changes/reviewer-masking", test_reviewer_masking);
  g_test_add_func ("/hub/changes/session-counts", test_session_counts);
  g_test_add_func ("/hub/changes/booking-moved", test_booking_moved);
  g_test_add_func ("/hub/changes/concurrent-writers", test_concurrent_writers);

  status = g_test_run ();
  kf_hub_shared_free ();
  return status;
}

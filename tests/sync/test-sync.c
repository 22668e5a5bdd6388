/* test-sync.c — the sync engine against a real kaifang-hub on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-sync-tests"

#include "config.h"

#include <string.h>

#include "kf-error.h"
#include "kf-fault-proxy.h"
#include "kf-sync-pages.h"
#include "kf-totals.h"
#include "sync-test-util.h"

#define PERIOD_FROM "2025-05-20"
#define PERIOD_TO   "2025-06-10"

/* The hub's totals and the installation's own, for one grouping. */
static void
assert_totals_agree (KfHub      *hub,
                     Install    *install,
                     KfTotalsBy  by)
{
  g_autofree char *path = NULL;
  g_autoptr(KfReply) reply = NULL;
  g_autoptr(KfTotals) local = NULL;
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *hub_text = NULL;
  g_autofree char *local_text = NULL;

  path = g_strdup_printf ("/v1/totals?from=%s&to=%s&by=%s", PERIOD_FROM, PERIOD_TO,
                          kf_totals_by_to_string (by));
  reply = kf_hub_get (hub, hub->token[KF_TOK_REVIEWER], path);
  kf_assert_reply (reply, 200);

  local = kf_totals_compute (install->store, PERIOD_FROM, PERIOD_TO, by, NULL, &error);
  g_assert_no_error (error);
  kf_totals_append_json (local, json);
  json_parser_load_from_data (parser, json->str, -1, &error);
  g_assert_no_error (error);

  hub_text = json_to_string (reply->root, FALSE);
  local_text = json_to_string (json_parser_get_root (parser), FALSE);
  g_assert_cmpstr (local_text, ==, hub_text);
}

static gint64
hub_total (KfHub      *hub,
           const char *figure)
{
  g_autoptr(KfReply) reply = NULL;

  reply = kf_hub_get (hub, hub->token[KF_TOK_REVIEWER],
                      "/v1/totals?from=" PERIOD_FROM "&to=" PERIOD_TO);
  kf_assert_reply (reply, 200);
  return json_object_get_int_member (json_object_get_object_member (kf_reply_object (reply),
                                                                    "total"), figure);
}

/* A school requests, its base confirms, the school sees it confirmed; the
 * base records the arrival and counts individuals; the reviewer's totals
 * equal the hub's and a count made here. */
static void
test_whole_story (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Install) base = install_new (hub, KF_ROLE_BASE, KF_TOK_BASE_A, "县气象局");
  g_autoptr(Install) school = install_new (hub, KF_ROLE_SCHOOL, KF_TOK_SCHOOL_X, "实验小学");
  g_autoptr(Install) reviewer = install_new (hub, KF_ROLE_REVIEWER, KF_TOK_REVIEWER, NULL);
  g_autoptr(KfRecord) session = NULL;
  g_autoptr(KfRecord) booking = NULL;
  g_autoptr(KfRecord) seen = NULL;
  g_autoptr(KfRecord) visit = NULL;
  g_autoptr(KfRecord) tally = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_id = NULL;
  g_autofree char *org = NULL;
  KfSyncCounts counts;

  session = install_add_session (base, "2025-05-24", 60, "meteorology", "study_tour");
  install_sync (base, &counts);
  g_assert_cmpuint (counts.pushed, ==, 1);
  base_id = install_base_id (base);
  g_assert_cmpstr (base_id, ==, KF_BASE_A_ID);

  install_sync (school, &counts);
  org = kf_store_get_meta (school->store, "org_name");
  g_assert_cmpstr (org, ==, KF_ORG_X);
  g_clear_pointer (&session, kf_record_free);
  {
    g_autoptr(GPtrArray) sessions = kf_store_list (school->store, KF_ENTITY_SESSION, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sessions->len, ==, 1);
    session = kf_record_copy (g_ptr_array_index (sessions, 0));
  }
  g_assert_cmpstr (KF_SESSION (session)->base_id, ==, KF_BASE_A_ID);

  booking = install_add_booking (school, session, KF_ORG_X, 30, 3, "requested");
  install_sync (school, &counts);
  g_assert_cmpuint (counts.pushed, ==, 1);

  install_sync (base, &counts);
  seen = install_get (base, KF_ENTITY_BOOKING, booking->id);
  install_set_status (base, seen, "confirmed");
  install_sync (base, &counts);
  g_assert_cmpuint (counts.pushed, ==, 1);

  install_sync (school, &counts);
  g_clear_pointer (&seen, kf_record_free);
  seen = install_get (school, KF_ENTITY_BOOKING, booking->id);
  g_assert_cmpstr (KF_BOOKING (seen)->status, ==, "confirmed");
  g_clear_pointer (&seen, kf_record_free);
  seen = install_get (school, KF_ENTITY_SESSION, session->id);
  g_assert_cmpint (KF_SESSION (seen)->confirmed_people, ==, 33);

  visit = (KfRecord *) kf_store_record_arrival (base->store, booking->id, 28, 3,
                                                "2025-05-24T09:05:00+08:00", &error);
  g_assert_no_error (error);
  tally = (KfRecord *) kf_store_tally (base->store, session->id, 5, 2, &error);
  g_assert_no_error (error);
  install_sync (base, &counts);
  g_assert_cmpuint (counts.pushed, ==, 3);
  g_assert_cmpint (install_outbox_count (base), ==, 0);

  install_sync (reviewer, &counts);
  for (KfTotalsBy by = KF_TOTALS_BY_BASE; by <= KF_TOTALS_BY_TOPIC; by++)
    assert_totals_agree (hub, reviewer, by);

  /* Counted here: 28 + 3 arrived, 5 + 2 individuals. */
  g_assert_cmpint (hub_total (hub, "visitors"), ==, 28 + 3 + 5 + 2);
  g_assert_cmpint (hub_total (hub, "groups"), ==, 1);
  g_assert_cmpint (hub_total (hub, "sessions"), ==, 1);
  g_assert_cmpint (hub_total (hub, "bookings_attended"), ==, 1);
}

typedef struct
{
  KfFault     fault;
  const char *path;
  guint       times;
  guint       min_gap_ms;   /* backoff observed between the fault and the next try */
} FaultCase;

static const FaultCase fault_cases[] = {
  { KF_FAULT_500, "/v1/push", 2, 100 },
  { KF_FAULT_429, "/v1/push", 1, 1000 },
  { KF_FAULT_NOT_JSON, "/v1/push", 1, 100 },
  { KF_FAULT_TRUNCATED, "/v1/push", 1, 100 },
  { KF_FAULT_MISSING_RESULT, "/v1/push", 1, 100 },
  { KF_FAULT_SLOW, "/v1/push", 1, 100 },
  { KF_FAULT_DROP_AFTER_COMMIT, "/v1/push", 2, 100 },
  { KF_FAULT_500, "/v1/changes", 1, 100 },
  { KF_FAULT_TRUNCATED, "/v1/changes", 1, 100 },
  { KF_FAULT_DROP_AFTER_COMMIT, "/v1/me", 1, 100 },
};

/* Every record of the client is on the hub exactly once, at the version
 * that one write gives, and the client has nothing left to send. */
static void
assert_all_once (KfHub     *hub,
                 Install   *install,
                 GPtrArray *records)
{
  g_autoptr(GPtrArray) changes = kf_hub_changes_all (hub, hub->token[KF_TOK_REVIEWER], 0, 1000,
                                                     NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < changes->len; i++)
    {
      KfChange *change = g_ptr_array_index (changes, i);

      g_assert_false (g_hash_table_contains (seen, change->id));
      g_hash_table_add (seen, change->id);
    }

  for (guint i = 0; i < records->len; i++)
    {
      KfRecord *record = g_ptr_array_index (records, i);
      KfChange *change = kf_changes_find (changes, record->id);
      g_autoptr(KfRecord) local = install_get (install, record->entity, record->id);

      g_assert_nonnull (change);
      g_assert_cmpint (change->version, ==, 1);
      g_assert_cmpint (local->version, ==, 1);
    }
  g_assert_cmpint (install_outbox_count (install), ==, 0);
  g_assert_cmpint (kf_sync_store_count_state (install->store, "conflict"), ==, 0);
}

static void
test_fault (gconstpointer data)
{
  const FaultCase *fc = data;
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Install) base = install_new (hub, KF_ROLE_BASE, KF_TOK_BASE_A, "县气象局");
  g_autoptr(KfFaultProxy) proxy = kf_fault_proxy_new (hub->url);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  static const KfSyncPolicy patient = { 6, 1, 400 };
  g_autoptr(GError) error = NULL;
  KfSyncCounts counts;
  gint64 gap;

  /* The base id comes first, so that the records carry the hub's. */
  install_sync (base, NULL);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *date = g_strdup_printf ("2025-05-%02u", 20 + i % 10);
      KfRecord *session = install_add_session (base, date, 50, "meteorology", "lecture");

      g_ptr_array_add (records, session);
      g_ptr_array_add (records, install_add_booking (base, session, "龙港镇中心学校", 20, 2,
                                                     "confirmed"));
    }

  install_point_at (base, kf_fault_proxy_get_url (proxy));
  kf_fault_proxy_set_fault (proxy, fc->fault, fc->path, fc->times);
  install_try_sync (base, &patient, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kf_fault_proxy_get_faulted (proxy), ==, fc->times);
  g_assert_cmpuint (counts.conflicts, ==, 0);
  g_assert_cmpuint (counts.rejected, ==, 0);

  /* The try after a fault waited: backoff (or Retry-After). Requests of one
   * try follow each other at once, so the largest gap is the backoff. */
  gap = 0;
  for (guint i = 1; i < kf_fault_proxy_get_requests (proxy); i++)
    gap = MAX (gap, kf_fault_proxy_get_request_time (proxy, i) -
                    kf_fault_proxy_get_request_time (proxy, i - 1));
  g_assert_cmpint (gap / 1000, >=, fc->min_gap_ms);

  /* A last quiet sync, straight to the hub. */
  install_point_at (base, hub->url);
  install_sync (base, &counts);
  assert_all_once (hub, base, records);
}

/* Two installations of one base edit the same booking offline. */
static void
run_conflict (gboolean keep_mine)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Install) door1 = install_new (hub, KF_ROLE_BASE, KF_TOK_BASE_A, "县气象局");
  g_autoptr(Install) door2 = install_new (hub, KF_ROLE_BASE, KF_TOK_BASE_A2, "县气象局 二号门");
  g_autoptr(KfRecord) session = NULL;
  g_autoptr(KfRecord) booking = NULL;
  g_autoptr(KfRecord) copy1 = NULL;
  g_autoptr(KfRecord) copy2 = NULL;
  g_autoptr(KfRecord) final1 = NULL;
  g_autoptr(KfRecord) final2 = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KfReply) reply = NULL;
  KfSyncCounts counts;
  KfChange *change;
  g_autoptr(GPtrArray) changes = NULL;

  install_sync (door1, NULL);
  session = install_add_session (door1, "2025-05-25", 80, "meteorology", "study_tour");
  booking = install_add_booking (door1, session, "端氏镇中学", 40, 4, "confirmed");
  install_sync (door1, NULL);
  install_sync (door2, NULL);

  copy1 = install_get (door1, KF_ENTITY_BOOKING, booking->id);
  g_free (KF_BOOKING (copy1)->note);
  KF_BOOKING (copy1)->note = g_strdup ("一号门：改为下午到");
  kf_store_put (door1->store, copy1, &error);
  g_assert_no_error (error);

  copy2 = install_get (door2, KF_ENTITY_BOOKING, booking->id);
  KF_BOOKING (copy2)->youth_count = 35;
  kf_store_put (door2->store, copy2, &error);
  g_assert_no_error (error);

  install_sync (door1, &counts);
  g_assert_cmpuint (counts.pushed, ==, 1);
  install_sync (door2, &counts);
  g_assert_cmpuint (counts.conflicts, ==, 1);
  g_assert_cmpuint (counts.pushed, ==, 0);

  conflicts = kf_sync_store_list_conflicts (door2->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (conflicts, 0), "id"), ==,
                   booking->id);

  /* Until resolved, nothing of it is overwritten on either side. */
  install_sync (door2, &counts);
  final2 = install_get (door2, KF_ENTITY_BOOKING, booking->id);
  g_assert_cmpint (KF_BOOKING (final2)->youth_count, ==, 35);
  g_clear_pointer (&final2, kf_record_free);

  kf_sync_store_resolve (door2->store, booking->id, keep_mine, &error);
  g_assert_no_error (error);
  install_sync (door2, &counts);
  g_assert_cmpuint (counts.pushed, ==, keep_mine ? 1 : 0);
  install_sync (door1, NULL);

  final1 = install_get (door1, KF_ENTITY_BOOKING, booking->id);
  final2 = install_get (door2, KF_ENTITY_BOOKING, booking->id);
  changes = kf_hub_changes_all (hub, hub->token[KF_TOK_REVIEWER], 0, 1000, NULL);
  change = kf_changes_find (changes, booking->id);
  g_assert_nonnull (change);

  g_assert_true (kf_record_equal_data (final1, final2));
  g_assert_cmpint (final1->version, ==, change->version);
  g_assert_cmpint (final2->version, ==, change->version);
  g_assert_cmpint (json_object_get_int_member (change->data, "youth_count"), ==,
                   KF_BOOKING (final1)->youth_count);
  if (keep_mine)
    {
      g_assert_cmpint (KF_BOOKING (final1)->youth_count, ==, 35);
      g_assert_cmpstr (KF_BOOKING (final1)->note, ==, "");
      g_assert_cmpint (change->version, ==, 3);
    }
  else
    {
      g_assert_cmpint (KF_BOOKING (final1)->youth_count, ==, 40);
      g_assert_cmpstr (KF_BOOKING (final1)->note, ==, "一号门：改为下午到");
      g_assert_cmpint (change->version, ==, 2);
    }
  g_assert_cmpint (kf_sync_store_count_state (door2->store, "conflict"), ==, 0);
  g_assert_cmpint (install_outbox_count (door1) + install_outbox_count (door2), ==, 0);
}

static void
test_conflict_keep_mine (void)
{
  run_conflict (TRUE);
}

static void
test_conflict_take_theirs (void)
{
  run_conflict (FALSE);
}

/* A rejected op is kept with the hub's reason, never dropped. */
static void
test_rejected_kept (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Install) door1 = install_new (hub, KF_ROLE_BASE, KF_TOK_BASE_A, "县气象局");
  g_autoptr(Install) door2 = install_new (hub, KF_ROLE_BASE, KF_TOK_BASE_A2, "县气象局");
  g_autoptr(KfRecord) session = NULL;
  g_autoptr(GPtrArray) rejected = NULL;
  g_autoptr(GError) error = NULL;
  KfSyncCounts counts;

  install_sync (door1, NULL);
  install_sync (door2, NULL);
  session = install_add_session (door1, "2025-05-26", 10, "health", "lecture");
  install_sync (door1, NULL);
  install_sync (door2, NULL);

  /* Each door confirms 8 people offline; together they pass the capacity. */
  g_clear_pointer (&session, kf_record_free);
  {
    g_autoptr(GPtrArray) sessions = kf_store_list (door2->store, KF_ENTITY_SESSION, NULL, &error);
    g_assert_no_error (error);
    session = kf_record_copy (g_ptr_array_index (sessions, 0));
  }
  kf_record_free (install_add_booking (door1, session, "城关社区", 6, 2, "confirmed"));
  kf_record_free (install_add_booking (door2, session, "实验幼儿园", 6, 2, "confirmed"));
  install_sync (door1, &counts);
  g_assert_cmpuint (counts.pushed, ==, 1);
  install_sync (door2, &counts);
  g_assert_cmpuint (counts.rejected, ==, 1);

  rejected = kf_sync_store_list_rejected (door2->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejected->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (rejected, 0), "code"), ==,
                   "over_capacity");
  g_assert_cmpint (kf_sync_store_count_state (door2->store, "rejected"), ==, 1);

  /* Syncing again does not resend it, nor lose it. */
  install_sync (door2, &counts);
  g_assert_cmpuint (counts.pushed + counts.rejected, ==, 0);
  g_assert_cmpint (kf_sync_store_count_state (door2->store, "rejected"), ==, 1);
}

/* The hub cannot be reached: the ops stay, and go at the next sync. */
static void
test_offline_then_online (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Install) base = install_new (hub, KF_ROLE_BASE, KF_TOK_BASE_A, "县气象局");
  g_autoptr(KfRecord) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup (hub->url);
  KfSyncCounts counts;

  install_sync (base, NULL);
  session = install_add_session (base, "2025-05-27", 30, "agriculture", "hands_on");
  g_assert_cmpint (kf_hub_stop_signal (hub, SIGTERM), ==, 0);

  g_assert_false (install_try_sync (base, NULL, &counts, &error));
  g_assert_error (error, KF_SYNC_ERROR, KF_SYNC_ERROR_NO_ANSWER);
  g_assert_cmpint (kf_store_count_queued_ops (base->store, NULL), ==, 1);

  kf_hub_start (hub);
  install_point_at (base, hub->url);
  install_sync (base, &counts);
  g_assert_cmpuint (counts.pushed, ==, 1);
  g_assert_cmpint (install_outbox_count (base), ==, 0);
}

static void
test_demo_never_synced (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Install) base = install_new (hub, KF_ROLE_BASE, KF_TOK_BASE_A, "县气象局");
  g_autoptr(GError) error = NULL;

  kf_store_set_meta (base->store, "demo", "1", &error);
  g_assert_no_error (error);
  g_assert_false (install_try_sync (base, NULL, NULL, &error));
  g_assert_error (error, KF_SYNC_ERROR, KF_SYNC_ERROR_NOT_SET_UP);
}

/* Pulling: every page through kf_sync_pull_pages, which writes several pages
 * a transaction while it fetches the next ones */

static KfRecord *
new_session (const char *base_id,
             guint       i)
{
  KfRecord *record = kf_record_new (KF_ENTITY_SESSION);
  KfSession *session = KF_SESSION (record);

  record->id = kf_new_id ();
  session->base_id = g_strdup (base_id);
  session->date = g_strdup_printf ("2025-05-%02u", 20 + i % 10);
  session->start = g_strdup ("09:00");
  session->end = g_strdup ("11:00");
  session->capacity = 100;
  session->title = g_strdup_printf ("走进气象台 %u", i);
  session->topic = g_strdup ("meteorology");
  session->format = g_strdup ("lecture");
  session->status = g_strdup ("scheduled");
  session->note = g_strdup ("");
  return record;
}

static KfRecord *
new_booking (const KfRecord *session,
             guint           i)
{
  KfRecord *record = kf_record_new (KF_ENTITY_BOOKING);
  KfBooking *booking = KF_BOOKING (record);

  booking->base_id = g_strdup (KF_SESSION (session)->base_id);
  booking->session_id = g_strdup (session->id);
  booking->org_name = g_strdup_printf ("第%u中学", i % 50);
  booking->org_type = g_strdup ("school");
  booking->grade = g_strdup ("五年级");
  booking->contact_name = g_strdup ("王老师");
  booking->contact_phone = g_strdup_printf ("138%08u", i);
  booking->youth_count = 20;
  booking->adult_count = 2;
  booking->status = g_strdup (i % 2 == 0 ? "confirmed" : "requested");
  booking->note = g_strdup ("");
  return record;
}

/* A base pushes @n_sessions sessions with two bookings each. */
static void
fill_hub (KfHub *hub,
          guint  n_sessions)
{
  g_autoptr(Install) base = install_new (hub, KF_ROLE_BASE, KF_TOK_BASE_A, "县气象局");
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *base_id = NULL;
  KfSyncCounts counts;

  install_sync (base, NULL);
  base_id = install_base_id (base);
  for (guint i = 0; i < n_sessions; i++)
    {
      KfRecord *session = new_session (base_id, i);

      g_ptr_array_add (records, session);
      g_ptr_array_add (records, new_booking (session, 2 * i));
      g_ptr_array_add (records, new_booking (session, 2 * i + 1));
    }
  for (guint i = 0; i < records->len; i += 300)
    {
      kf_store_put_many (base->store, (KfRecord **) records->pdata + i,
                         MIN (300, records->len - i), &error);
      g_assert_no_error (error);
    }
  install_sync (base, &counts);
  g_assert_cmpuint (counts.pushed, ==, records->len);
}

static gboolean
pull_pages (Install       *install,
            const char    *url,
            const char    *token,
            KfSyncCounts  *counts,
            GError       **error)
{
  g_autoptr(KfHubClient) client = kf_hub_client_new (url, token, NULL, 10, error);
  guint retry_after;

  memset (counts, 0, sizeof *counts);
  return client != NULL &&
         kf_sync_pull_pages (install->store, client, counts, &retry_after, NULL, error);
}

static void
assert_same_records (Install *a,
                     Install *b)
{
  for (KfEntity e = KF_ENTITY_BASE; e < KF_N_ENTITIES; e++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) in_a = kf_store_list (a->store, e, NULL, &error);
      g_autoptr(GPtrArray) in_b = kf_store_list (b->store, e, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (in_a->len, ==, in_b->len);
      for (guint i = 0; i < in_a->len; i++)
        {
          KfRecord *ra = g_ptr_array_index (in_a, i), *rb = g_ptr_array_index (in_b, i);

          g_assert_cmpstr (ra->id, ==, rb->id);
          g_assert_cmpint (ra->version, ==, rb->version);
          g_assert_true (kf_record_equal_data (ra, rb));
        }
    }
}

/* Three pages and a half: the reviewer that pulls by pages ends with the
 * same records, versions and cursor as the one that pulls page by page,
 * each record as the hub sent it (phones masked for the reviewer). */
static void
test_pull_pages (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Install) by_page = install_new (hub, KF_ROLE_REVIEWER, KF_TOK_REVIEWER, NULL);
  g_autoptr(Install) by_pages = install_new (hub, KF_ROLE_REVIEWER, KF_TOK_REVIEWER, NULL);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  KfSyncCounts counts, page_counts;
  KfChange *last;

  fill_hub (hub, 1200);
  changes = kf_hub_changes_all (hub, hub->token[KF_TOK_REVIEWER], 0, 1000, NULL);
  g_assert_cmpuint (changes->len, ==, 2 + 3 * 1200);
  last = g_ptr_array_index (changes, changes->len - 1);

  install_sync (by_page, &page_counts);
  pull_pages (by_pages, hub->url, hub->token[KF_TOK_REVIEWER], &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.pulled, ==, changes->len);
  g_assert_cmpuint (page_counts.pulled, ==, changes->len);
  g_assert_cmpint (kf_sync_store_get_cursor (by_pages->store), ==, last->seq);
  g_assert_cmpint (kf_sync_store_get_cursor (by_page->store), ==, last->seq);
  assert_same_records (by_page, by_pages);

  for (guint i = 0; i < changes->len; i++)
    {
      KfChange *change = g_ptr_array_index (changes, i);
      g_autoptr(KfRecord) stored = NULL;
      g_autoptr(KfRecord) sent = NULL;
      KfEntity entity;

      g_assert_true (kf_entity_from_string (change->entity, &entity));
      stored = install_get (by_pages, entity, change->id);
      sent = kf_sync_record_from_pulled (entity, change->id, change->version, change->data,
                                         &error);
      g_assert_no_error (error);
      g_assert_cmpint (stored->version, ==, change->version);
      g_assert_true (kf_record_equal_data (stored, sent));
      if (entity == KF_ENTITY_BOOKING)
        g_assert_nonnull (strstr (KF_BOOKING (stored)->contact_phone, "****"));
    }

  /* Nothing new: a pull writes nothing and keeps the cursor. */
  pull_pages (by_pages, hub->url, hub->token[KF_TOK_REVIEWER], &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.pulled, ==, 0);
  g_assert_cmpint (kf_sync_store_get_cursor (by_pages->store), ==, last->seq);
}

/* The hub fails on the third page: the two pages before it are written with
 * the cursor after them, nothing more, and the next pull goes on from there
 * to the end. */
static void
test_pull_pages_interrupted (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Install) reviewer = install_new (hub, KF_ROLE_REVIEWER, KF_TOK_REVIEWER, NULL);
  g_autoptr(KfFaultProxy) proxy = kf_fault_proxy_new (hub->url);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  const char *url = kf_fault_proxy_get_url (proxy);
  KfSyncCounts counts;
  KfChange *second_last, *last;
  gint64 stored = 0;

  fill_hub (hub, 1200);
  changes = kf_hub_changes_all (hub, hub->token[KF_TOK_REVIEWER], 0, 1000, NULL);
  g_assert_cmpuint (changes->len, >, 3 * KF_SYNC_PAGE);
  second_last = g_ptr_array_index (changes, 2 * KF_SYNC_PAGE - 1);
  last = g_ptr_array_index (changes, changes->len - 1);

  kf_fault_proxy_set_fault_after (proxy, KF_FAULT_500, "/v1/changes", 2, 1);
  g_assert_false (pull_pages (reviewer, url, hub->token[KF_TOK_REVIEWER], &counts, &error));
  g_assert_error (error, KF_SYNC_ERROR, KF_SYNC_ERROR_NO_ANSWER);
  g_assert_cmpuint (kf_fault_proxy_get_faulted (proxy), ==, 1);
  g_assert_cmpuint (counts.pulled, ==, 2 * KF_SYNC_PAGE);
  g_assert_cmpint (kf_sync_store_get_cursor (reviewer->store), ==, second_last->seq);
  for (KfEntity e = KF_ENTITY_BASE; e < KF_N_ENTITIES; e++)
    stored += kf_store_count (reviewer->store, e, NULL);
  g_assert_cmpint (stored, ==, 2 * KF_SYNC_PAGE);
  g_clear_error (&error);

  pull_pages (reviewer, url, hub->token[KF_TOK_REVIEWER], &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.pulled, ==, changes->len - 2 * KF_SYNC_PAGE);
  g_assert_cmpint (kf_sync_store_get_cursor (reviewer->store), ==, last->seq);
}

static void
assert_nothing_pulled (Install *install)
{
  for (KfEntity e = KF_ENTITY_BASE; e < KF_N_ENTITIES; e++)
    g_assert_cmpint (kf_store_count (install->store, e, NULL), ==, 0);
  g_assert_cmpint (kf_sync_store_get_cursor (install->store), ==, 0);
}

/* A page with a record that breaks a rule of the protocol is refused whole,
 * with the field and the reason; nothing of it is written, and the next pull
 * of the hub's good copy writes it all. */
static void
run_bad_record (gboolean by_pages)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Install) reviewer = install_new (hub, KF_ROLE_REVIEWER, KF_TOK_REVIEWER, NULL);
  g_autoptr(KfFaultProxy) proxy = kf_fault_proxy_new (hub->url);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  const char *url = kf_fault_proxy_get_url (proxy);
  KfSyncCounts counts;
  KfChange *last;

  fill_hub (hub, 10);
  changes = kf_hub_changes_all (hub, hub->token[KF_TOK_REVIEWER], 0, 1000, NULL);
  last = g_ptr_array_index (changes, changes->len - 1);

  kf_fault_proxy_set_fault (proxy, KF_FAULT_BAD_RECORD, "/v1/changes", 1);
  if (by_pages)
    g_assert_false (pull_pages (reviewer, url, hub->token[KF_TOK_REVIEWER], &counts, &error));
  else
    {
      install_point_at (reviewer, url);
      g_assert_false (install_try_sync (reviewer, NULL, &counts, &error));
    }
  g_assert_cmpuint (kf_fault_proxy_get_faulted (proxy), ==, 1);
  g_assert_error (error, KF_ERROR, KF_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, last->id));
  g_assert_nonnull (strstr (error->message, g_str_equal (last->entity, "session")
                                            ? "capacity" : "youth_count"));
  g_assert_cmpuint (counts.pulled, ==, 0);
  assert_nothing_pulled (reviewer);
  g_clear_error (&error);

  if (by_pages)
    pull_pages (reviewer, url, hub->token[KF_TOK_REVIEWER], &counts, &error);
  else
    install_try_sync (reviewer, NULL, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.pulled, ==, changes->len);
  g_assert_cmpint (kf_sync_store_get_cursor (reviewer->store), ==, last->seq);
  for (guint i = 0; i < changes->len; i++)
    {
      KfChange *change = g_ptr_array_index (changes, i);
      KfEntity entity;
      g_autoptr(KfRecord) stored = NULL;

      g_assert_true (kf_entity_from_string (change->entity, &entity));
      stored = install_get (reviewer, entity, change->id);
      g_assert_cmpint (stored->version, ==, change->version);
    }
}

static void
test_bad_record (void)
{
  run_bad_record (FALSE);
}

static void
test_bad_record_pages (void)
{
  run_bad_record (TRUE);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const fault_names[] = {
    "none", "500", "429", "not-json", "truncated", "missing-result", "slow", "dropped",
  };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/story", test_whole_story);
  for (guint i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/sync/fault/%s%s", fault_names[fault_cases[i].fault],
                                               fault_cases[i].path + 3);
      g_test_add_data_func (name, &fault_cases[i], test_fault);
    }
  g_test_add_func ("/sync/conflict/keep-mine", test_conflict_keep_mine);
  g_test_add_func ("/sync/conflict/take-theirs", test_conflict_take_theirs);
  g_test_add_func ("/sync/rejected-kept", test_rejected_kept);
  g_test_add_func ("/sync/offline-then-online", test_offline_then_online);
  g_test_add_func ("/sync/demo-never-synced", test_demo_never_synced);
  g_test_add_func ("/sync/pull/pages", test_pull_pages);
  g_test_add_func ("/sync/pull/pages-interrupted", test_pull_pages_interrupted);
  g_test_add_func ("/sync/pull/bad-record", test_bad_record);
  g_test_add_func ("/sync/pull/bad-record-pages", test_bad_record_pages);

  return g_test_run ();
}

/* test-sync.c — the sync engine against a real kaifang-hub on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-sync-tests"

#include "config.h"

#include "kf-error.h"
#include "kf-fault-proxy.h"
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

  return g_test_run ();
}

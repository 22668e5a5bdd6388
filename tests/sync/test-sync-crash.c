/* test-sync-crash.c — syncs killed at random moments, client and hub alike
 *
 * The client is the real kaifang-cli, the hub the real kaifang-hub; both are
 * killed with SIGKILL in the middle of syncs. After a last quiet sync every
 * record is on the hub exactly once, the client agrees with it, and the
 * totals equal the count this test kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-sync-tests"

#include "config.h"

#include <signal.h>

#include "kf-store-private.h"
#include "sync-test-util.h"

#define PERIOD "/v1/totals?from=2025-05-20&to=2025-06-10"

typedef struct
{
  KfHub     *hub;
  Install   *install;
  GPtrArray *sessions;
  gint64     youth;     /* visitors counted here, independently */
  gint64     adults;
} Crash;

static const char *
cli_program (void)
{
  const char *program = g_getenv ("KF_CLI");

  g_assert_nonnull (program);
  return program;
}

static GSubprocess *
spawn_sync (Crash *crash)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                           &error, cli_program (), "--db", crash->install->path, "sync",
                           "--timeout", "5", NULL);
  g_assert_no_error (error);
  return proc;
}

/* New work between two syncs, in one transaction: @n sessions with a
 * booking each, a walk-in, and a raised tally (whose op is updated in place
 * while unsent, and new once sent). */
static void
add_work (Crash *crash,
          guint  n)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) tally = NULL;
  g_autofree char *base_id = install_base_id (crash->install);
  KfRecord *session;
  KfVisit *visit;

  for (guint i = 0; i < n; i++)
    {
      KfSession *s = KF_SESSION (kf_record_new (KF_ENTITY_SESSION));
      KfBooking *b = KF_BOOKING (kf_record_new (KF_ENTITY_BOOKING));

      s->r.id = kf_new_id ();
      s->base_id = g_strdup (base_id);
      s->date = g_strdup_printf ("2025-05-%02u", 20 + g_test_rand_int_range (0, 12));
      s->start = g_strdup ("09:00");
      s->end = g_strdup ("11:30");
      s->capacity = 500;
      s->title = g_strdup ("天气预报是怎样做出来的");
      s->topic = g_strdup ("meteorology");
      s->format = g_strdup ("lecture");
      s->status = g_strdup ("scheduled");
      s->note = g_strdup ("");

      b->base_id = g_strdup (base_id);
      b->session_id = g_strdup (s->r.id);
      b->org_name = g_strdup ("沁水县第一中学");
      b->org_type = g_strdup ("school");
      b->grade = g_strdup ("初二");
      b->contact_name = g_strdup ("李老师");
      b->contact_phone = g_strdup ("13800000000");
      b->youth_count = 10 + i % 30;
      b->adult_count = 2;
      b->status = g_strdup ("confirmed");
      b->note = g_strdup ("");

      g_ptr_array_add (batch, s);
      g_ptr_array_add (batch, b);
      g_ptr_array_add (crash->sessions, kf_record_copy ((KfRecord *) s));
    }

  session = g_ptr_array_index (crash->sessions, g_test_rand_int_range (0, crash->sessions->len));
  visit = KF_VISIT (kf_record_new (KF_ENTITY_VISIT));
  visit->base_id = g_strdup (base_id);
  visit->session_id = g_strdup (session->id);
  visit->kind = g_strdup ("walk_in_group");
  visit->group_name = g_strdup ("城关社区");
  visit->arrived_at = kf_instant_from_local (KF_SESSION (session)->date, "10:00");
  visit->youth_count = 3;
  visit->adult_count = 1;
  visit->note = g_strdup ("");
  g_ptr_array_add (batch, visit);

  kf_store_put_many (crash->install->store, (KfRecord **) batch->pdata, batch->len, &error);
  g_assert_no_error (error);

  session = g_ptr_array_index (crash->sessions, 0);
  tally = (KfRecord *) kf_store_tally (crash->install->store, session->id, 2, 1, &error);
  g_assert_no_error (error);

  crash->youth += 3 + 2;
  crash->adults += 1 + 1;
}

static Crash *
crash_new (void)
{
  Crash *crash = g_new0 (Crash, 1);

  crash->hub = kf_hub_new ();
  crash->install = install_new (crash->hub, KF_ROLE_BASE, KF_TOK_BASE_A, "县气象局");
  crash->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  install_sync (crash->install, NULL);

  return crash;
}

static void
crash_free (Crash *crash)
{
  g_ptr_array_unref (crash->sessions);
  install_free (crash->install);
  kf_hub_free (crash->hub);
  g_free (crash);
}

static void
assert_agreement (Crash *crash)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GHashTable) on_hub = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(KfReply) totals = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *total;
  guint n_local = 0;

  install_sync (crash->install, NULL);
  g_assert_cmpint (install_outbox_count (crash->install), ==, 0);
  g_assert_cmpint (kf_sync_store_count_state (crash->install->store, "conflict"), ==, 0);

  /* As the base sees them: phones unmasked. */
  changes = kf_hub_changes_all (crash->hub, crash->hub->token[KF_TOK_BASE_A], 0, 1000, NULL);
  for (guint i = 0; i < changes->len; i++)
    {
      KfChange *change = g_ptr_array_index (changes, i);

      /* Exactly once. */
      g_assert_false (g_hash_table_contains (on_hub, change->id));
      g_hash_table_insert (on_hub, change->id, change);
    }

  for (KfEntity entity = KF_ENTITY_SESSION; entity <= KF_ENTITY_VISIT; entity++)
    {
      g_autoptr(GPtrArray) local = kf_store_list (crash->install->store, entity, NULL, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < local->len; i++)
        {
          KfRecord *record = g_ptr_array_index (local, i);
          KfChange *change = g_hash_table_lookup (on_hub, record->id);
          g_autoptr(KfRecord) theirs = NULL;

          g_assert_nonnull (change);
          g_assert_cmpint (record->version, ==, change->version);
          theirs = kf_sync_record_from_pulled (entity, change->id, change->version, change->data,
                                               &error);
          g_assert_no_error (error);
          if (!kf_record_equal_data (record, theirs))
            {
              g_autoptr(GString) a = g_string_new (NULL);
              g_autoptr(GString) b = g_string_new (NULL);

              kf_record_append_json (record, TRUE, a);
              kf_record_append_json (theirs, TRUE, b);
              g_error ("The client and the hub disagree on a record:\n mine   %s\n theirs %s",
                       a->str, b->str);
            }
          n_local++;
        }
    }
  /* Every record of the base on the hub is here too (the bases aside). */
  g_assert_cmpuint (n_local + 2, ==, g_hash_table_size (on_hub));

  totals = kf_hub_get (crash->hub, crash->hub->token[KF_TOK_REVIEWER], PERIOD);
  kf_assert_reply (totals, 200);
  total = json_object_get_object_member (kf_reply_object (totals), "total");
  g_assert_cmpint (json_object_get_int_member (total, "youth"), ==, crash->youth);
  g_assert_cmpint (json_object_get_int_member (total, "adults"), ==, crash->adults);
}

static gint64
timed_sync (Crash *crash)
{
  g_autoptr(GSubprocess) proc = spawn_sync (crash);
  gint64 start = g_get_monotonic_time ();

  g_assert_true (g_subprocess_wait_check (proc, NULL, NULL));
  return g_get_monotonic_time () - start;
}

/* The client killed with SIGKILL at 50 or more random moments of syncs of
 * about 1,000 ops each. */
static void
test_client_killed (void)
{
  Crash *crash = crash_new ();
  guint killed_running = 0, round;
  gint64 duration;

  add_work (crash, 500);
  duration = timed_sync (crash);
  g_test_message ("a sync of 1,000 ops takes %" G_GINT64_FORMAT " ms", duration / 1000);

  for (round = 0; round < 200 && killed_running < 50; round++)
    {
      g_autoptr(GSubprocess) proc = NULL;

      add_work (crash, 500);
      proc = spawn_sync (crash);
      g_usleep (g_test_rand_int_range (duration / 50, duration * 19 / 20));
      if (g_subprocess_get_identifier (proc) != NULL)
        killed_running++;
      g_subprocess_send_signal (proc, SIGKILL);
      g_subprocess_wait (proc, NULL, NULL);
    }
  g_test_message ("killed %u syncs while they ran, in %u rounds", killed_running, round);
  g_assert_cmpuint (killed_running, >=, 50);

  assert_agreement (crash);
  crash_free (crash);
}

/* The hub killed with SIGKILL during pushes, and started again. */
static void
test_hub_killed (void)
{
  Crash *crash = crash_new ();

  add_work (crash, 500);
  for (guint round = 0; round < 25; round++)
    {
      g_autoptr(GSubprocess) proc = spawn_sync (crash);

      g_usleep (g_test_rand_int_range (5, 300) * 1000);
      kf_hub_stop_signal (crash->hub, SIGKILL);
      g_subprocess_wait (proc, NULL, NULL);

      kf_hub_start (crash->hub);
      install_point_at (crash->install, crash->hub->url);
      add_work (crash, 100);
    }

  assert_agreement (crash);
  crash_free (crash);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/crash/client-killed", test_client_killed);
  g_test_add_func ("/sync/crash/hub-killed", test_hub_killed);

  return g_test_run ();
}

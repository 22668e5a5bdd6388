/* test-sync-engine.c — the window's sync engine reads its counts in a
 * thread: made, it has read nothing (-1, "not known yet"); a refresh
 * returns at once, and the properties arrive, notified, on the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-sync-tests"

#include "config.h"

#include "kf-sync-engine.h"
#include "kf-sync-store.h"
#include "sync-test-util.h"

typedef struct
{
  guint queued;
  guint conflicts;
  guint rejected;
  guint last_sync;
} Notified;

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Notified   *notified)
{
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  if (g_str_equal (pspec->name, "queued"))
    notified->queued++;
  else if (g_str_equal (pspec->name, "conflicts"))
    notified->conflicts++;
  else if (g_str_equal (pspec->name, "rejected"))
    notified->rejected++;
  else if (g_str_equal (pspec->name, "last-sync"))
    notified->last_sync++;
}

/* Runs the main loop until @engine's queue reads @queued. */
static void
wait_for_queued (KfSyncEngine *engine,
                 gint64        queued)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (kf_sync_engine_get_queued (engine) != queued && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (kf_sync_engine_get_queued (engine), ==, queued);
}

/* A base's second door with one conflict, as in test-sync.c. */
static void
make_conflict (Install *door1,
               Install *door2)
{
  g_autoptr(KfRecord) session = NULL;
  g_autoptr(KfRecord) booking = NULL;
  g_autoptr(KfRecord) copy1 = NULL;
  g_autoptr(KfRecord) copy2 = NULL;
  g_autoptr(GError) error = NULL;
  KfSyncCounts counts;

  install_sync (door1, NULL);
  session = install_add_session (door1, "2025-05-25", 80, "meteorology", "study_tour");
  booking = install_add_booking (door1, session, "端氏镇中学", 40, 4, "confirmed");
  install_sync (door1, NULL);
  install_sync (door2, NULL);

  copy1 = install_get (door1, KF_ENTITY_BOOKING, booking->id);
  KF_BOOKING (copy1)->youth_count = 30;
  kf_store_put (door1->store, copy1, &error);
  g_assert_no_error (error);
  copy2 = install_get (door2, KF_ENTITY_BOOKING, booking->id);
  KF_BOOKING (copy2)->youth_count = 35;
  kf_store_put (door2->store, copy2, &error);
  g_assert_no_error (error);

  install_sync (door1, NULL);
  install_sync (door2, &counts);
  g_assert_cmpuint (counts.conflicts, ==, 1);
}

static void
test_counts_arrive (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Install) door1 = install_new (hub, KF_ROLE_BASE, KF_TOK_BASE_A, "县气象局");
  g_autoptr(Install) door2 = install_new (hub, KF_ROLE_BASE, KF_TOK_BASE_A2, "县气象局 二号门");
  g_autoptr(KfSyncEngine) engine = NULL;
  g_autoptr(KfRecord) extra = NULL;
  g_autofree char *last_sync = NULL;
  Notified notified = { 0 };

  make_conflict (door1, door2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(KfRecord) session = install_add_session (door2, "2025-06-01", 30, "health",
                                                         "exhibition");
    }
  g_assert_cmpint (kf_store_count_queued_ops (door2->store, NULL), ==, 2);
  last_sync = kf_store_get_meta (door2->store, "last_sync");
  g_assert_nonnull (last_sync);

  /* Made, the engine has read nothing. */
  engine = kf_sync_engine_new (door2->path);
  g_signal_connect (engine, "notify", G_CALLBACK (notify_cb), &notified);
  g_assert_cmpint (kf_sync_engine_get_queued (engine), ==, -1);
  g_assert_cmpint (kf_sync_engine_get_conflicts (engine), ==, -1);
  g_assert_cmpint (kf_sync_engine_get_rejected (engine), ==, -1);
  g_assert_null (kf_sync_engine_get_last_sync (engine));

  /* A refresh returns before it has read anything ... */
  kf_sync_engine_refresh (engine);
  g_assert_cmpint (kf_sync_engine_get_queued (engine), ==, -1);
  g_assert_cmpuint (notified.queued + notified.conflicts + notified.last_sync, ==, 0);

  /* ... and the counts arrive later, each notified once. */
  wait_for_queued (engine, 2);
  g_assert_cmpint (kf_sync_engine_get_conflicts (engine), ==, 1);
  g_assert_cmpint (kf_sync_engine_get_rejected (engine), ==, 0);
  g_assert_cmpstr (kf_sync_engine_get_last_sync (engine), ==, last_sync);
  g_assert_cmpuint (notified.queued, ==, 1);
  g_assert_cmpuint (notified.conflicts, ==, 1);
  g_assert_cmpuint (notified.rejected, ==, 1);
  g_assert_cmpuint (notified.last_sync, ==, 1);

  /* Refreshes asked for while one runs end in the latest counts. */
  extra = install_add_session (door2, "2025-06-02", 30, "health", "exhibition");
  kf_sync_engine_refresh (engine);
  kf_sync_engine_refresh (engine);
  kf_sync_engine_refresh (engine);
  wait_for_queued (engine, 3);
  g_assert_cmpuint (notified.queued, ==, 2);
  g_assert_cmpuint (notified.conflicts, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/engine/counts-arrive", test_counts_arrive);

  return g_test_run ();
}

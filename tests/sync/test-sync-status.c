/* test-sync-status.c — after its pull, a reviewer's (or a base's)
 * installation keeps when each base last synced, as the real hub tells
 * (GET /v1/sync-status); a hub without the extension is no error, any
 * other failure is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-sync-tests"

#include "config.h"

#include "kf-fault-proxy.h"
#include "sync-test-util.h"

static const KfSyncPolicy once = { 1, 10, 100 };

static char *
last_sync (Install    *install,
           const char *base_id)
{
  g_autoptr(GError) error = NULL;
  char *value = kf_store_get_base_sync (install->store, base_id, &error);

  g_assert_no_error (error);
  return value;
}

static guint
n_known (Install *install)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) all = kf_store_get_base_syncs (install->store, &error);

  g_assert_no_error (error);
  return g_hash_table_size (all);
}

/* A time the hub noted, between two moments of this test (seconds). */
static void
assert_between (const char *text,
                gint64      before,
                gint64      after)
{
  g_autoptr(GDateTime) instant = NULL;

  g_assert_nonnull (text);
  g_assert_true (kf_instant_is_valid (text));
  instant = g_date_time_new_from_iso8601 (text, NULL);
  g_assert_nonnull (instant);
  g_assert_cmpint (g_date_time_to_unix (instant), >=, before);
  g_assert_cmpint (g_date_time_to_unix (instant), <=, after);
}

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* The reviewer keeps every base's time; a base its own; a school does not
 * ask (the hub would refuse it, and its sync would fail). */
static void
test_roles (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Install) base = install_new (hub, KF_ROLE_BASE, KF_TOK_BASE_A, "县气象局");
  g_autoptr(Install) reviewer = install_new (hub, KF_ROLE_REVIEWER, KF_TOK_REVIEWER, NULL);
  g_autoptr(Install) school = install_new (hub, KF_ROLE_SCHOOL, KF_TOK_SCHOOL_X, KF_ORG_X);
  g_autoptr(KfRecord) session = NULL;
  g_autofree char *base_a = NULL;
  g_autofree char *seen_by_base = NULL;
  gint64 before = now_s ();

  /* Before anything synced, the reviewer learns that no base has. */
  install_sync (reviewer, NULL);
  g_assert_cmpuint (n_known (reviewer), ==, 0);

  session = install_add_session (base, "2099-05-24", 40, "meteorology", "exhibition");
  install_sync (base, NULL);
  install_sync (reviewer, NULL);
  install_sync (school, NULL);

  base_a = last_sync (reviewer, KF_BASE_A_ID);
  assert_between (base_a, before, now_s ());
  g_assert_null (last_sync (reviewer, KF_BASE_B_ID));
  g_assert_cmpuint (n_known (reviewer), ==, 1);

  /* A base asks after its push and pull, in the same sync: it sees the
   * time of that sync. */
  seen_by_base = last_sync (base, KF_BASE_A_ID);
  assert_between (seen_by_base, before, now_s ());
  g_assert_cmpuint (n_known (base), ==, 1);

  g_assert_cmpuint (n_known (school), ==, 0);
}

/* A hub without the extension answers 404: the sync is done all the same,
 * and what was kept stays. */
static void
test_hub_without_extension (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(KfFaultProxy) proxy = kf_fault_proxy_new (hub->url);
  g_autoptr(Install) base = install_new (hub, KF_ROLE_BASE, KF_TOK_BASE_B, "农场");
  g_autoptr(Install) reviewer = install_new (hub, KF_ROLE_REVIEWER, KF_TOK_REVIEWER, NULL);
  g_autoptr(KfRecord) session = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *still = NULL;
  g_autofree char *synced = NULL;
  g_autoptr(GError) error = NULL;
  KfSyncCounts counts;

  install_sync (base, NULL);
  install_sync (reviewer, NULL);
  kept = last_sync (reviewer, KF_BASE_B_ID);
  g_assert_nonnull (kept);

  session = install_add_session (base, "2099-05-25", 40, "agriculture", "hands_on");
  install_sync (base, NULL);
  install_point_at (reviewer, kf_fault_proxy_get_url (proxy));
  kf_fault_proxy_set_fault (proxy, KF_FAULT_404, "/v1/sync-status", 1);
  g_assert_true (install_try_sync (reviewer, &once, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kf_fault_proxy_get_faulted (proxy), ==, 1);
  g_assert_cmpuint (counts.pulled, ==, 1);
  synced = kf_store_get_meta (reviewer->store, "last_sync");
  g_assert_nonnull (synced);

  still = last_sync (reviewer, KF_BASE_B_ID);
  g_assert_cmpstr (still, ==, kept);
}

static const struct
{
  const char *name;
  KfFault     fault;
  int         code;
} failures[] = {
  { "500", KF_FAULT_500, KF_SYNC_ERROR_NO_ANSWER },
  { "not-json", KF_FAULT_NOT_JSON, KF_SYNC_ERROR_NO_ANSWER },
  { "truncated", KF_FAULT_TRUNCATED, KF_SYNC_ERROR_NO_ANSWER },
};

/* Any other failure is a failed sync: not marked done, nothing kept. */
static void
test_failure (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(KfFaultProxy) proxy = kf_fault_proxy_new (hub->url);
  g_autoptr(Install) base = install_new (hub, KF_ROLE_BASE, KF_TOK_BASE_A, "县气象局");
  g_autoptr(Install) reviewer = install_new (hub, KF_ROLE_REVIEWER, KF_TOK_REVIEWER, NULL);
  g_autoptr(KfRecord) session = NULL;
  g_autofree char *synced = NULL;
  g_autoptr(GError) error = NULL;

  session = install_add_session (base, "2099-05-24", 40, "meteorology", "exhibition");
  install_sync (base, NULL);
  install_point_at (reviewer, kf_fault_proxy_get_url (proxy));
  kf_fault_proxy_set_fault (proxy, failures[i].fault, "/v1/sync-status", 1);

  g_assert_false (install_try_sync (reviewer, &once, NULL, &error));
  g_assert_error (error, KF_SYNC_ERROR, failures[i].code);
  synced = kf_store_get_meta (reviewer->store, "last_sync");
  g_assert_null (synced);
  g_assert_cmpuint (n_known (reviewer), ==, 0);

  /* The next sync gets it. */
  g_clear_error (&error);
  g_assert_true (install_try_sync (reviewer, &once, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_known (reviewer), ==, 1);
}

/* The hub refuses a school, which therefore never asks. */
static void
test_school (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Install) school = install_new (hub, KF_ROLE_SCHOOL, KF_TOK_SCHOOL_X, KF_ORG_X);
  g_autoptr(KfReply) reply = kf_hub_get (hub, hub->token[KF_TOK_SCHOOL_X], "/v1/sync-status");

  /* A school never asks: the hub would refuse it. */
  kf_assert_error (reply, 403, "forbidden");
  install_sync (school, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/status/roles", test_roles);
  g_test_add_func ("/sync/status/hub-without-extension", test_hub_without_extension);
  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sync/status/failure/%s", failures[i].name);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_failure);
    }
  g_test_add_func ("/sync/status/school-never-asks", test_school);

  return g_test_run ();
}

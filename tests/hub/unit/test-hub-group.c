/* test-hub-group.c — group commit: pushes applied together in one
 * transaction, each all or nothing; the queue that forms the groups; the
 * thread that checkpoints the WAL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hub-unit"

#include "config.h"

#include <glib/gstdio.h>

#include "hub-unit-util.h"
#include "kf-hub-checkpoint.h"
#include "kf-hub-error.h"
#include "kf-hub-json.h"
#include "kf-hub-push.h"
#include "kf-hub-queue.h"
#include "kf-store-private.h"

#define SESSION_A1 "5a000000-0000-4000-8000-000000000001"
#define SESSION_A2 "5a000000-0000-4000-8000-000000000002"
#define SESSION_A3 "5a000000-0000-4000-8000-000000000003"
#define SESSION_B1 "5b000000-0000-4000-8000-000000000001"
#define BOOKING_X1 "b0000000-0000-4000-8000-00000000000a"
#define VISIT_FAIL "7f000000-0000-4000-8000-0000000000ff"
#define OP_1 "0a000000-0000-4000-8000-000000000001"

/* Commits of the store's connection, counted by SQLite itself. */
static int
count_commit_cb (gpointer data)
{
  (*(guint *) data)++;
  return 0;
}

static void
count_commits (Hub   *hub,
               guint *commits)
{
  *commits = 0;
  sqlite3_commit_hook (kf_store_get_db (hub->store), count_commit_cb, commits);
}

static gint64
count_rows (Hub        *hub,
            const char *sql)
{
  sqlite3_stmt *stmt = kf_store_prepare (hub->store, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static KfHubPush *
new_push (Hub        *hub,
          ClientId    client,
          const char *ops)
{
  g_autofree char *body = g_strdup_printf ("{\"ops\": [%s]}", ops);
  g_autoptr(JsonNode) root = kf_hub_json_parse (body, strlen (body), NULL);
  g_autoptr(GDateTime) now = g_date_time_new_local (2099, 5, 1, 8, 0, 0);
  g_autoptr(GError) error = NULL;
  KfHubPush *push;

  g_assert_nonnull (root);
  push = kf_hub_push_new (hub->client[client], root, now, &error);
  g_assert_no_error (error);
  return push;
}

static KfHubPush *
session_push (Hub        *hub,
              ClientId    client,
              const char *base_id,
              const char *id)
{
  g_autofree char *data = session_data (base_id, "2099-05-24", 30, "scheduled");
  g_autofree char *op = op_json (NULL, "session", id, 0, data);

  return new_push (hub, client, op);
}

/* The results of an answer, parsed. */
static JsonArray *
answer_results (KfHubPush *push,
                JsonNode **root)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = kf_hub_push_take_answer (push, &error);

  g_assert_no_error (error);
  g_assert_nonnull (answer);
  *root = json_from_string (answer, NULL);
  g_assert_nonnull (*root);
  return json_object_get_array_member (json_node_get_object (*root), "results");
}

static void
assert_status (KfHubPush  *push,
               guint       index,
               const char *status,
               gboolean    replay)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *results = answer_results (push, &root);
  JsonObject *result = json_array_get_object_element (results, index);

  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, status);
  g_assert_cmpint (json_object_get_boolean_member (result, "replay"), ==, replay);
}

static void
assert_internal (KfHubPush *push)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = kf_hub_push_take_answer (push, &error);

  g_assert_null (answer);
  g_assert_nonnull (error);
  g_assert_cmpint (kf_hub_error_classify (error), ==, KF_HUB_ERROR_INTERNAL);
}

static void
free_pushes (KfHubPush **pushes,
             guint       n)
{
  for (guint i = 0; i < n; i++)
    kf_hub_push_free (pushes[i]);
}

/* Three clients' pushes: one commit, each answered, seqs in push order. */
static void
test_one_commit (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autofree char *booking = booking_data (BASE_A, SESSION_A1, ORG_X, 5, "requested");
  g_autofree char *booking_op = op_json (NULL, "booking", BOOKING_X1, 0, booking);
  KfHubPush *pushes[3];
  guint commits;

  pushes[0] = session_push (hub, CLIENT_BASE_A, BASE_A, SESSION_A1);
  pushes[1] = session_push (hub, CLIENT_BASE_B, BASE_B, SESSION_B1);
  /* sees the session of the first push, in the same transaction */
  pushes[2] = new_push (hub, CLIENT_SCHOOL_X, booking_op);

  count_commits (hub, &commits);
  kf_hub_push_apply (hub->store, pushes, G_N_ELEMENTS (pushes));
  g_assert_cmpuint (commits, ==, 1);
  g_assert_true (sqlite3_get_autocommit (kf_store_get_db (hub->store)));

  for (guint i = 0; i < G_N_ELEMENTS (pushes); i++)
    assert_status (pushes[i], 0, "applied", FALSE);
  /* seqs in the order of the pushes; the booking moved its session after it */
  g_assert_cmpint (change_seq (hub, "session", SESSION_B1), ==,
                   change_seq (hub, "base", BASE_B) + 2);
  g_assert_cmpint (change_seq (hub, "booking", BOOKING_X1), ==,
                   change_seq (hub, "session", SESSION_B1) + 1);
  g_assert_cmpint (change_seq (hub, "session", SESSION_A1), ==,
                   change_seq (hub, "booking", BOOKING_X1) + 1);
  free_pushes (pushes, G_N_ELEMENTS (pushes));
}

/* The middle push fails (a database error on its second op): it keeps
 * nothing, not even its first op or its remembered answers; the others are
 * committed, once, and the feed has no hole where it was. */
static void
test_failed_push_alone (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *session = session_data (BASE_A, "2099-05-24", 30, "scheduled");
  g_autofree char *visit = visit_data (BASE_A, SESSION_A2, 3);
  g_autofree char *op1 = op_json (NULL, "session", SESSION_A2, 0, session);
  g_autofree char *op2 = op_json (NULL, "visit", VISIT_FAIL, 0, visit);
  g_autofree char *failing = g_strdup_printf ("%s, %s", op1, op2);
  KfHubPush *pushes[3];
  guint commits;
  gint64 seq1, seq3;

  g_assert_true (kf_store_exec (hub->store,
                                "CREATE TEMP TRIGGER fail_visit BEFORE INSERT ON main.visits"
                                " WHEN NEW.id = '" VISIT_FAIL "'"
                                " BEGIN SELECT RAISE (ABORT, 'injected failure'); END;",
                                &error));
  pushes[0] = session_push (hub, CLIENT_BASE_A, BASE_A, SESSION_A1);
  pushes[1] = new_push (hub, CLIENT_BASE_A, failing);
  pushes[2] = session_push (hub, CLIENT_BASE_A, BASE_A, SESSION_A3);

  count_commits (hub, &commits);
  kf_hub_push_apply (hub->store, pushes, G_N_ELEMENTS (pushes));
  g_assert_cmpuint (commits, ==, 1);
  g_assert_true (sqlite3_get_autocommit (kf_store_get_db (hub->store)));

  assert_status (pushes[0], 0, "applied", FALSE);
  assert_internal (pushes[1]);
  assert_status (pushes[2], 0, "applied", FALSE);

  g_assert_cmpint (change_seq (hub, "session", SESSION_A2), ==, 0);
  g_assert_cmpint (count_rows (hub, "SELECT count(*) FROM sessions WHERE id = '" SESSION_A2 "'"),
                   ==, 0);
  g_assert_cmpint (count_rows (hub, "SELECT count(*) FROM ops"), ==, 2);
  seq1 = change_seq (hub, "session", SESSION_A1);
  seq3 = change_seq (hub, "session", SESSION_A3);
  g_assert_cmpint (seq1, >, 0);
  g_assert_cmpint (seq3, ==, seq1 + 1);
  free_pushes (pushes, G_N_ELEMENTS (pushes));

  /* Sent again, the failed push is decided as new. */
  pushes[0] = new_push (hub, CLIENT_BASE_A, op1);
  kf_hub_push_apply (hub->store, pushes, 1);
  assert_status (pushes[0], 0, "applied", FALSE);
  free_pushes (pushes, 1);
}

/* When the commit itself fails, every push of the group fails and nothing
 * is kept. A deferred foreign key is checked only at COMMIT. */
static void
test_commit_fails (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autoptr(GError) error = NULL;
  KfHubPush *pushes[2];
  gint64 head = count_rows (hub, "SELECT max(seq) FROM changes");

  g_assert_true (kf_store_exec (hub->store,
                                "CREATE TABLE test_parent (id TEXT PRIMARY KEY);"
                                "CREATE TABLE test_child (parent TEXT REFERENCES test_parent (id)"
                                "  DEFERRABLE INITIALLY DEFERRED);"
                                "CREATE TRIGGER test_orphan AFTER INSERT ON sessions"
                                " WHEN NEW.id = '" SESSION_B1 "'"
                                " BEGIN INSERT INTO test_child VALUES ('nobody'); END;",
                                &error));
  g_assert_no_error (error);
  pushes[0] = session_push (hub, CLIENT_BASE_A, BASE_A, SESSION_A1);
  pushes[1] = session_push (hub, CLIENT_BASE_B, BASE_B, SESSION_B1);

  kf_hub_push_apply (hub->store, pushes, G_N_ELEMENTS (pushes));
  g_assert_true (sqlite3_get_autocommit (kf_store_get_db (hub->store)));
  assert_internal (pushes[0]);
  assert_internal (pushes[1]);
  g_assert_cmpint (count_rows (hub, "SELECT max(seq) FROM changes"), ==, head);
  g_assert_cmpint (count_rows (hub, "SELECT count(*) FROM ops"), ==, 0);
  g_assert_cmpint (count_rows (hub, "SELECT count(*) FROM sessions"), ==, 0);
  free_pushes (pushes, G_N_ELEMENTS (pushes));
}

/* The same op sent twice at once (a client retrying while its first try
 * waits): applied by the first push, a replay in the second. */
static void
test_replay_in_group (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autofree char *data = session_data (BASE_A, "2099-05-24", 30, "scheduled");
  g_autofree char *op = op_json (OP_1, "session", SESSION_A1, 0, data);
  KfHubPush *pushes[2];

  pushes[0] = new_push (hub, CLIENT_BASE_A, op);
  pushes[1] = new_push (hub, CLIENT_BASE_A, op);
  kf_hub_push_apply (hub->store, pushes, G_N_ELEMENTS (pushes));
  assert_status (pushes[0], 0, "applied", FALSE);
  assert_status (pushes[1], 0, "applied", TRUE);
  g_assert_cmpint (count_rows (hub, "SELECT version FROM sessions"), ==, 1);
  free_pushes (pushes, G_N_ELEMENTS (pushes));
}

/* The queue */

typedef struct
{
  Hub   *hub;
  guint  done;
  guint  destroyed;
  guint  commits_seen;
  guint *commits;
} Waiter;

static void
waiter_done_cb (KfHubPush *push,
                gpointer   user_data)
{
  Waiter *waiter = user_data;

  /* Called once the group is committed, never inside its transaction. */
  g_assert_true (sqlite3_get_autocommit (kf_store_get_db (waiter->hub->store)));
  assert_status (push, 0, "applied", FALSE);
  waiter->commits_seen = *waiter->commits;
  waiter->done++;
}

static void
waiter_destroy_cb (gpointer user_data)
{
  ((Waiter *) user_data)->destroyed++;
}

static void
add_sessions (KfHubQueue *queue,
              Waiter     *waiter,
              guint       n_pushes,
              guint       n_ops)
{
  for (guint i = 0; i < n_pushes; i++)
    {
      g_autofree char *data = session_data (BASE_A, "2099-05-24", 30, "scheduled");
      g_autoptr(GString) ops = g_string_new (NULL);

      for (guint j = 0; j < n_ops; j++)
        {
          g_autofree char *id = kf_new_id ();
          g_autofree char *op = op_json (NULL, "session", id, 0, data);

          g_string_append_printf (ops, "%s%s", j > 0 ? ", " : "", op);
        }
      kf_hub_queue_add (queue, new_push (waiter->hub, CLIENT_BASE_A, ops->str), waiter_done_cb,
                        waiter, waiter_destroy_cb);
    }
}

static void
run_until_done (Waiter *waiter,
                guint   n)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (waiter->done < n && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (waiter->done, ==, n);
}

/* Pushes queued together are applied in one transaction, in the next turn
 * of the main loop, and answered only after it is committed. */
static void
test_queue_together (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autoptr(KfHubQueue) queue = kf_hub_queue_new (hub->store);
  guint commits;
  Waiter waiter = { hub, 0, 0, 0, &commits };

  count_commits (hub, &commits);
  add_sessions (queue, &waiter, 5, 1);
  g_assert_cmpuint (kf_hub_queue_get_length (queue), ==, 5);
  g_assert_cmpuint (commits, ==, 0);

  run_until_done (&waiter, 5);
  g_assert_cmpuint (commits, ==, 1);
  g_assert_cmpuint (waiter.commits_seen, ==, 1);
  g_assert_cmpuint (waiter.destroyed, ==, 5);
  g_assert_cmpuint (kf_hub_queue_get_length (queue), ==, 0);
  g_assert_cmpint (count_rows (hub, "SELECT count(*) FROM sessions"), ==, 5);
}

/* A group takes at most KF_HUB_GROUP_MAX_PUSHES pushes and
 * KF_HUB_GROUP_MAX_OPS ops; the rest make the next groups. */
static void
test_queue_limits (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autoptr(KfHubQueue) queue = kf_hub_queue_new (hub->store);
  guint commits;
  Waiter waiter = { hub, 0, 0, 0, &commits };
  guint big = KF_HUB_GROUP_MAX_OPS / KF_HUB_MAX_OPS;

  count_commits (hub, &commits);
  add_sessions (queue, &waiter, KF_HUB_GROUP_MAX_PUSHES + 6, 1);
  run_until_done (&waiter, KF_HUB_GROUP_MAX_PUSHES + 6);
  g_assert_cmpuint (commits, ==, 2);

  /* big pushes of 500 ops: as many as fit in one group, then one more */
  waiter.done = 0;
  count_commits (hub, &commits);
  add_sessions (queue, &waiter, big + 1, KF_HUB_MAX_OPS);
  run_until_done (&waiter, big + 1);
  g_assert_cmpuint (commits, ==, 2);
  g_assert_cmpint (count_rows (hub, "SELECT count(*) FROM sessions"), ==,
                   KF_HUB_GROUP_MAX_PUSHES + 6 + (big + 1) * KF_HUB_MAX_OPS);
}

/* Freed with pushes waiting: they are neither applied nor answered. */
static void
test_queue_free (void)
{
  g_autoptr(Hub) hub = hub_new ();
  KfHubQueue *queue = kf_hub_queue_new (hub->store);
  guint commits;
  Waiter waiter = { hub, 0, 0, 0, &commits };

  count_commits (hub, &commits);
  add_sessions (queue, &waiter, 3, 1);
  kf_hub_queue_free (queue);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (waiter.done, ==, 0);
  g_assert_cmpuint (waiter.destroyed, ==, 3);
  g_assert_cmpuint (commits, ==, 0);
  g_assert_cmpint (count_rows (hub, "SELECT count(*) FROM sessions"), ==, 0);
}

/* The checkpoint thread */

static goffset
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size : 0;
}

/* Copies the WAL into the database on its own connection as commits add
 * pages to it, and the WAL stays bounded under a stream of writes. */
static void
test_checkpoint_thread (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (hub->path, "-wal", NULL);
  KfHubCheckpointer *checkpointer = kf_hub_checkpointer_new (hub->store, &error);
  goffset page = 4096 + 24;
  goffset largest = 0;
  gint64 end;
  guint n = 0;

  g_assert_no_error (error);
  g_assert_nonnull (checkpointer);
  while (n < 3 * KF_HUB_CHECKPOINT_MAX_PAGES / KF_HUB_MAX_OPS)
    {
      g_autoptr(KfHubPush) push = NULL;
      g_autoptr(GString) ops = g_string_new (NULL);
      g_autofree char *data = session_data (BASE_A, "2099-05-24", 30, "scheduled");

      for (guint j = 0; j < KF_HUB_MAX_OPS; j++)
        {
          g_autofree char *id = kf_new_id ();
          g_autofree char *op = op_json (NULL, "session", id, 0, data);

          g_string_append_printf (ops, "%s%s", j > 0 ? ", " : "", op);
        }
      push = new_push (hub, CLIENT_BASE_A, ops->str);
      kf_hub_push_apply (hub->store, &push, 1);
      assert_status (push, 0, "applied", FALSE);
      largest = MAX (largest, file_size (wal));
      n++;
    }

  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (kf_hub_checkpointer_get_runs (checkpointer) == 0 && g_get_monotonic_time () < end)
    g_usleep (10000);
  g_assert_cmpuint (kf_hub_checkpointer_get_runs (checkpointer), >, 0);
  /* folded in at the limit, plus what one push of 500 sessions adds (fewer
   * than 8 pages a session) */
  g_test_message ("largest WAL: %" G_GOFFSET_FORMAT " bytes", largest);
  g_assert_cmpint (largest, <, (KF_HUB_CHECKPOINT_MAX_PAGES + 8 * KF_HUB_MAX_OPS) * page);

  kf_hub_checkpointer_free (checkpointer);
  g_assert_cmpint (count_rows (hub, "SELECT count(*) FROM sessions"), ==,
                   (gint64) n * KF_HUB_MAX_OPS);
  /* the store checkpoints on its own again, and folds the WAL in on close */
  g_clear_object (&hub->store);
  g_assert_cmpint (file_size (wal), ==, 0);
  hub->store = kf_hub_db_open (hub->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (hub, "SELECT count(*) FROM sessions"), ==,
                   (gint64) n * KF_HUB_MAX_OPS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hub/group/one-commit", test_one_commit);
  g_test_add_func ("/hub/group/failed-push-alone", test_failed_push_alone);
  g_test_add_func ("/hub/group/commit-fails", test_commit_fails);
  g_test_add_func ("/hub/group/replay-in-group", test_replay_in_group);
  g_test_add_func ("/hub/queue/together", test_queue_together);
  g_test_add_func ("/hub/queue/limits", test_queue_limits);
  g_test_add_func ("/hub/queue/free", test_queue_free);
  g_test_add_func ("/hub/checkpoint/thread", test_checkpoint_thread);

  return g_test_run ();
}

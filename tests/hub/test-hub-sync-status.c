/* test-hub-sync-status.c — GET /v1/sync-status, the hub's extension: when
 * each base last synced (a push, or a pull noted at most once a minute)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The times the hub noted are changed between two runs of the real hub,
 * with the sqlite3 library on its database file, to see which requests
 * write them and which leave them alone.
 */
#define G_LOG_DOMAIN "test-hub-sync-status"

#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "kf-hub-harness.h"

#define FUTURE "2099-05-24"

/* The answer, as base id → last_sync ("" for null), checked for its shape. */
static GHashTable *
sync_status (KfHub      *hub,
             KfTok       tok,
             GPtrArray **order)
{
  g_autoptr(KfReply) reply = kf_hub_get (hub, hub->token[tok], "/v1/sync-status");
  GHashTable *status = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *bases;

  kf_assert_reply (reply, 200);
  g_assert_cmpuint (json_object_get_size (kf_reply_object (reply)), ==, 1);
  bases = kf_get_array (kf_reply_object (reply), "bases");
  g_assert_nonnull (bases);
  if (order != NULL)
    *order = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (bases); i++)
    {
      JsonObject *entry = json_array_get_object_element (bases, i);
      JsonNode *last_sync = json_object_get_member (entry, "last_sync");
      const char *base_id = json_object_get_string_member (entry, "base_id");

      g_assert_cmpuint (json_object_get_size (entry), ==, 2);
      g_assert_true (kf_is_uuid (base_id));
      g_assert_nonnull (last_sync);
      g_assert_true (JSON_NODE_HOLDS_NULL (last_sync) ||
                     json_node_get_value_type (last_sync) == G_TYPE_STRING);
      g_assert_false (g_hash_table_contains (status, base_id));
      g_hash_table_insert (status, g_strdup (base_id),
                           g_strdup (JSON_NODE_HOLDS_NULL (last_sync)
                                     ? "" : json_node_get_string (last_sync)));
      if (order != NULL)
        g_ptr_array_add (*order, g_strdup (base_id));
    }
  return status;
}

static const char *
last_sync_of (GHashTable *status,
              const char *base_id)
{
  const char *value = g_hash_table_lookup (status, base_id);

  if (value == NULL)
    kf_fail ("base %s is not in the answer", base_id);
  return value;
}

/* An RFC 3339 instant with an offset, within [before, after] (seconds). */
static void
assert_instant_between (const char *text,
                        gint64      before,
                        gint64      after)
{
  g_autoptr(GRegex) shape = g_regex_new ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"
                                         "(Z|[+-]\\d\\d:\\d\\d)$", 0, 0, NULL);
  g_autoptr(GDateTime) instant = g_date_time_new_from_iso8601 (text, NULL);

  if (!g_regex_match (shape, text, 0, NULL) || instant == NULL)
    kf_fail ("\"%s\" is not an RFC 3339 instant with an offset", text);
  g_assert_cmpint (g_date_time_to_unix (instant), >=, before);
  g_assert_cmpint (g_date_time_to_unix (instant), <=, after);
}

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
push_session (KfHub      *hub,
              KfTok       tok,
              const char *base_id)
{
  g_autoptr(KfRec) session = kf_session_new (base_id, FUTURE, "09:00", "10:00", 30, "ai",
                                             "lecture");

  kf_hub_put (hub, hub->token[tok], session);
}

/* Runs @sql on the stopped hub's database, with ?1 = the client of @tok
 * and ?2 = @value. */
static void
edit_client (KfHub      *hub,
             KfTok       tok,
             const char *sql,
             const char *value)
{
  g_autofree char *client_id = kf_hub_client_id (hub, hub->token[tok]);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (kf_hub_stop_signal (hub, SIGTERM), ==, 0);
  g_assert_cmpint (sqlite3_open_v2 (hub->db, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  kf_hub_start (hub);
}

static void
set_last_sync (KfHub      *hub,
               KfTok       tok,
               const char *value)
{
  edit_client (hub, tok, "UPDATE clients SET last_sync = ?2 WHERE client_id = ?1", value);
}

static char *
instant_ago (gint64 seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, (gdouble) -seconds);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
pull (KfHub *hub,
      KfTok  tok)
{
  g_autoptr(KfReply) reply = kf_hub_get (hub, hub->token[tok], "/v1/changes?since=0");

  kf_assert_reply (reply, 200);
}

/* A new hub: every base, by id, none synced yet. */
static void
test_never (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GHashTable) status = sync_status (hub, KF_TOK_REVIEWER, &order);

  g_assert_cmpuint (order->len, ==, 2);
  g_assert_cmpstr (order->pdata[0], ==, KF_BASE_B_ID);
  g_assert_cmpstr (order->pdata[1], ==, KF_BASE_A_ID);
  g_assert_cmpstr (last_sync_of (status, KF_BASE_A_ID), ==, "");
  g_assert_cmpstr (last_sync_of (status, KF_BASE_B_ID), ==, "");
}

/* A push is a sync of its base, as it is committed; the other base, and
 * reading who one is, change nothing. */
static void
test_push (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(GHashTable) status = NULL;
  gint64 before = now_s ();
  g_autofree char *me = kf_hub_client_id (hub, hub->token[KF_TOK_BASE_B]);

  g_assert_true (kf_is_uuid (me));
  push_session (hub, KF_TOK_BASE_A, KF_BASE_A_ID);
  status = sync_status (hub, KF_TOK_REVIEWER, NULL);
  assert_instant_between (last_sync_of (status, KF_BASE_A_ID), before, now_s ());
  g_assert_cmpstr (last_sync_of (status, KF_BASE_B_ID), ==, "");
}

/* A push the hub refuses whole (400) is no sync; nor is a school's push,
 * which belongs to no base. */
static void
test_failed_push (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(KfReply) bad = kf_hub_post_json (hub, hub->token[KF_TOK_BASE_A], "/v1/push",
                                             "{\"ops\": 3}");
  g_autoptr(KfReply) garbage = kf_hub_post_json (hub, hub->token[KF_TOK_BASE_A], "/v1/push",
                                                 "{\"ops\": [");
  g_autoptr(GHashTable) status = NULL;

  kf_assert_error (bad, 400, "invalid_request");
  kf_assert_error (garbage, 400, "malformed_json");
  status = sync_status (hub, KF_TOK_REVIEWER, NULL);
  g_assert_cmpstr (last_sync_of (status, KF_BASE_A_ID), ==, "");
  g_assert_cmpstr (last_sync_of (status, KF_BASE_B_ID), ==, "");
}

/* A pull is noted when the time noted is a minute old or more, and then
 * only: a client pulling page after page does not write each time. */
static void
test_pull (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(GHashTable) status = NULL;
  g_autofree char *recent = instant_ago (30);
  g_autofree char *old = instant_ago (2 * 60);
  gint64 before = now_s ();

  pull (hub, KF_TOK_BASE_B);
  status = sync_status (hub, KF_TOK_REVIEWER, NULL);
  assert_instant_between (last_sync_of (status, KF_BASE_B_ID), before, now_s ());
  g_clear_pointer (&status, g_hash_table_unref);

  set_last_sync (hub, KF_TOK_BASE_B, recent);
  pull (hub, KF_TOK_BASE_B);
  pull (hub, KF_TOK_BASE_B);
  status = sync_status (hub, KF_TOK_REVIEWER, NULL);
  g_assert_cmpstr (last_sync_of (status, KF_BASE_B_ID), ==, recent);
  g_clear_pointer (&status, g_hash_table_unref);

  set_last_sync (hub, KF_TOK_BASE_B, old);
  before = now_s ();
  pull (hub, KF_TOK_BASE_B);
  status = sync_status (hub, KF_TOK_REVIEWER, NULL);
  assert_instant_between (last_sync_of (status, KF_BASE_B_ID), before, now_s ());
  g_clear_pointer (&status, g_hash_table_unref);

  /* A push is always noted, however recent the last time. */
  set_last_sync (hub, KF_TOK_BASE_B, recent);
  before = now_s ();
  push_session (hub, KF_TOK_BASE_B, KF_BASE_B_ID);
  status = sync_status (hub, KF_TOK_REVIEWER, NULL);
  assert_instant_between (last_sync_of (status, KF_BASE_B_ID), before, now_s ());
}

/* A failed pull (a bad query) is no sync. */
static void
test_failed_pull (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(KfReply) reply = kf_hub_get (hub, hub->token[KF_TOK_BASE_A],
                                         "/v1/changes?limit=0");
  g_autoptr(GHashTable) status = NULL;

  kf_assert_error (reply, 400, "invalid_request");
  status = sync_status (hub, KF_TOK_REVIEWER, NULL);
  g_assert_cmpstr (last_sync_of (status, KF_BASE_A_ID), ==, "");
}

/* A base with two installations synced when the later of them did,
 * compared as instants (the offsets differ), not as text. */
static void
test_latest_installation (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(GHashTable) status = NULL;

  set_last_sync (hub, KF_TOK_BASE_A, "2025-05-24T10:00:00+08:00");
  set_last_sync (hub, KF_TOK_BASE_A2, "2025-05-24T03:00:00+00:00");
  status = sync_status (hub, KF_TOK_REVIEWER, NULL);
  g_assert_cmpstr (last_sync_of (status, KF_BASE_A_ID), ==, "2025-05-24T03:00:00+00:00");
  g_clear_pointer (&status, g_hash_table_unref);

  set_last_sync (hub, KF_TOK_BASE_A2, "2025-05-24T01:59:59+00:00");
  status = sync_status (hub, KF_TOK_REVIEWER, NULL);
  g_assert_cmpstr (last_sync_of (status, KF_BASE_A_ID), ==, "2025-05-24T10:00:00+08:00");
}

/* A base sees its own base only; the reviewer and a base read the same. */
static void
test_base_own (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(GHashTable) mine = NULL;
  g_autoptr(GHashTable) all = NULL;

  push_session (hub, KF_TOK_BASE_A, KF_BASE_A_ID);
  mine = sync_status (hub, KF_TOK_BASE_A, NULL);
  all = sync_status (hub, KF_TOK_REVIEWER, NULL);
  g_assert_cmpuint (g_hash_table_size (mine), ==, 1);
  g_assert_cmpstr (last_sync_of (mine, KF_BASE_A_ID), ==, last_sync_of (all, KF_BASE_A_ID));
  g_clear_pointer (&mine, g_hash_table_unref);

  mine = sync_status (hub, KF_TOK_BASE_B, NULL);
  g_assert_cmpuint (g_hash_table_size (mine), ==, 1);
  g_assert_cmpstr (last_sync_of (mine, KF_BASE_B_ID), ==, "");
}

/* The usual rules: a school may not read it, a token is needed, GET only. */
static void
test_refused (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(KfReply) school = kf_hub_get (hub, hub->token[KF_TOK_SCHOOL_X], "/v1/sync-status");
  g_autoptr(KfReply) none = kf_hub_get (hub, NULL, "/v1/sync-status");
  g_autoptr(KfReply) unknown = kf_hub_get (hub, "kft_nobody", "/v1/sync-status");
  g_autoptr(KfReply) post = kf_hub_post_json (hub, hub->token[KF_TOK_REVIEWER],
                                              "/v1/sync-status", "{}");
  g_autoptr(KfReply) head = kf_hub_request (hub, "HEAD", "/v1/sync-status",
                                            hub->token[KF_TOK_REVIEWER], NULL, NULL, 0);

  kf_assert_error (school, 403, "forbidden");
  kf_assert_error (none, 401, "unauthorized");
  kf_assert_error (unknown, 401, "unauthorized");
  kf_assert_error (post, 405, "method_not_allowed");
  g_assert_cmpstr (soup_message_headers_get_one (post->headers, "Allow"), ==, "GET, HEAD");
  g_assert_cmpuint (head->status, ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hub/sync-status/never", test_never);
  g_test_add_func ("/hub/sync-status/push", test_push);
  g_test_add_func ("/hub/sync-status/failed-push", test_failed_push);
  g_test_add_func ("/hub/sync-status/pull", test_pull);
  g_test_add_func ("/hub/sync-status/failed-pull", test_failed_pull);
  g_test_add_func ("/hub/sync-status/latest-installation", test_latest_installation);
  g_test_add_func ("/hub/sync-status/base-own", test_base_own);
  g_test_add_func ("/hub/sync-status/refused", test_refused);

  status = g_test_run ();
  kf_hub_shared_free ();
  return status;
}

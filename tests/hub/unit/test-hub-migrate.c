/* test-hub-migrate.c — a hub database of every older hub schema opens at
 * the current one, its data kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hub-unit"

#include "config.h"

#include <glib/gstdio.h>

#include "hub-unit-util.h"
#include "kf-error.h"
#include "kf-hub-status.h"
#include "kf-store-private.h"

/* Hub schema 1 as kaifang-hub 1 wrote it, frozen here: the migration must
 * work from what older hubs really left on disk. */
static const char hub_schema_1[] =
  "CREATE TABLE clients ("
  "  client_id TEXT PRIMARY KEY,"
  "  role TEXT NOT NULL,"
  "  base_id TEXT,"
  "  org_name TEXT,"
  "  label TEXT NOT NULL,"
  "  token_hash TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  revoked_at TEXT);"
  "CREATE TABLE ops ("
  "  client_id TEXT NOT NULL,"
  "  op_id TEXT NOT NULL,"
  "  entity TEXT NOT NULL,"
  "  record_id TEXT NOT NULL,"
  "  data TEXT NOT NULL,"
  "  result TEXT NOT NULL,"
  "  answered_at TEXT NOT NULL,"
  "  PRIMARY KEY (client_id, op_id)) WITHOUT ROWID;"
  "CREATE TABLE changes ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  entity TEXT NOT NULL,"
  "  record_id TEXT NOT NULL,"
  "  base_id TEXT,"
  "  org_name TEXT,"
  "  UNIQUE (entity, record_id));"
  "CREATE INDEX changes_by_base ON changes (base_id, seq);"
  "CREATE INDEX changes_by_org ON changes (org_name, seq);"
  "CREATE TABLE owners ("
  "  entity TEXT NOT NULL,"
  "  record_id TEXT NOT NULL,"
  "  client_id TEXT NOT NULL,"
  "  PRIMARY KEY (entity, record_id)) WITHOUT ROWID;"
  "INSERT INTO bases (id, version, name) VALUES"
  "  ('" BASE_A "', 1, 'Alpha Weather Station');"
  "INSERT INTO clients VALUES ('c0000000-0000-4000-8000-000000000001', 'base', '" BASE_A "',"
  "  NULL, 'front desk', 'abc', '2025-05-01T08:00:00+08:00', NULL);"
  "INSERT INTO changes (entity, record_id, base_id) VALUES ('base', '" BASE_A "', '" BASE_A "');";

static char *
make_hub_1 (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfStore) store = NULL;
  char *path;

  *dir = g_dir_make_tmp ("kf-hub-migrate-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "hub.db", NULL);
  store = kf_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (kf_store_exec (store, hub_schema_1, &error));
  g_assert_no_error (error);
  g_assert_true (kf_store_set_meta (store, "hub_schema_version", "1", &error));
  g_assert_no_error (error);
  return path;
}

static void
remove_db (char *dir,
           char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (dir);
  g_free (path);
  g_free (dir);
}

static char *
query_text (KfStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (kf_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* Schema 1 → 2: the clients gain when they last synced (none yet), and
 * keep everything else. */
static void
test_from_1 (void)
{
  char *dir = NULL;
  char *path = make_hub_1 (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfStore) store = kf_hub_db_open (path, &error);
  g_autoptr(GPtrArray) clients = NULL;
  g_autofree char *last_sync = NULL;
  g_autofree char *label = NULL;
  g_autofree char *status = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (kf_hub_db_get_schema_version (store), ==, KF_HUB_SCHEMA_VERSION);
  g_assert_cmpint (KF_HUB_SCHEMA_VERSION, ==, 2);

  clients = kf_hub_client_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, 1);
  g_assert_cmpstr (((KfHubClient *) clients->pdata[0])->base_id, ==, BASE_A);
  label = query_text (store, "SELECT label FROM clients");
  g_assert_cmpstr (label, ==, "front desk");
  last_sync = query_text (store, "SELECT coalesce(last_sync, 'none') FROM clients");
  g_assert_cmpstr (last_sync, ==, "none");

  /* The migrated database answers GET /v1/sync-status, and notes syncs. */
  status = kf_hub_sync_status (store, clients->pdata[0], NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (status, ==, "{\"bases\": [\n  {\"base_id\": \"" BASE_A "\","
                   " \"last_sync\": null}\n]}\n");
  g_assert_true (kf_hub_sync_note_pull (store, clients->pdata[0], &error));
  g_assert_no_error (error);
  g_clear_pointer (&last_sync, g_free);
  last_sync = query_text (store, "SELECT last_sync FROM clients");
  g_assert_true (kf_instant_is_valid (last_sync));

  g_clear_object (&store);
  remove_db (dir, path);
}

/* A failed migration keeps the old schema whole: a clients table that
 * already has the column (a hand-edited database) stops it. */
static void
test_from_1_fails_whole (void)
{
  char *dir = NULL;
  char *path = make_hub_1 (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfStore) store = kf_store_open (path, &error);
  g_autofree char *version = NULL;

  g_assert_true (kf_store_exec (store, "ALTER TABLE clients ADD COLUMN last_sync TEXT", &error));
  g_clear_object (&store);

  store = kf_hub_db_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_clear_error (&error);

  store = kf_store_open (path, &error);
  g_assert_no_error (error);
  version = kf_store_get_meta (store, "hub_schema_version");
  g_assert_cmpstr (version, ==, "1");
  g_clear_object (&store);
  remove_db (dir, path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hub/migrate/from-1", test_from_1);
  g_test_add_func ("/hub/migrate/from-1-fails-whole", test_from_1_fails_whole);

  return g_test_run ();
}

/* test-store.c — the SQLite store: opening, migrations, identity, writes and
 * their outbox ops, references, capacity, tallies, arrivals, lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core-test-util.h"
#include "kf-totals.h"

#define BASE_A "aaaaaaaa-0000-4000-8000-000000000001"
#define BASE_B "bbbbbbbb-0000-4000-8000-000000000002"
#define BASE_C "cccccccc-0000-4000-8000-000000000003"
#define NO_SUCH "dddddddd-0000-4000-8000-000000000004"

typedef struct
{
  char    *dir;
  char    *path;
  KfStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = kft_make_tmpdir ();
  f->store = kft_store_new_base (f->dir, BASE_A, "县气象局");
  f->path = g_strdup (kf_store_get_path (f->store));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  kft_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
put_ok (KfStore  *store,
        KfRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kf_store_put (store, record, &error));
  g_assert_no_error (error);
}

static KfRecord *
get_ok (KfStore    *store,
        KfEntity    entity,
        const char *id)
{
  g_autoptr(GError) error = NULL;
  KfRecord *record = kf_store_get (store, entity, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

/* A session of base A on @date, put and returned (with its id). */
static KfRecord *
add_session (KfStore    *store,
             const char *date,
             const char *start,
             gint64      capacity)
{
  KfRecord *session = kft_session (BASE_A, date, start, "23:00", capacity, "气象科普开放日",
                                   "meteorology", "exhibition");

  put_ok (store, session);
  return session;
}

static KfRecord *
add_booking (KfStore        *store,
             const KfRecord *session,
             const char     *org,
             gint64          youth,
             gint64          adults,
             const char     *status)
{
  KfRecord *booking = kft_booking (BASE_A, session->id, org, youth, adults, status);

  put_ok (store, booking);
  return booking;
}

static void
set_status (KfStore    *store,
            KfRecord   *record,
            const char *status)
{
  kft_set_text (record, "status", status);
  put_ok (store, record);
}

static gint64
outbox_count (KfStore *store)
{
  return kft_sql_int (store, "SELECT count(*) FROM outbox");
}

static void
mark_all_sent (KfStore *store)
{
  kft_sql_exec (store, "UPDATE outbox SET sent = 1");
}

/* Every table's row count, to show that a failed write wrote nothing. */
typedef struct
{
  gint64 counts[KF_N_ENTITIES];
  gint64 outbox;
  char  *outbox_data;
} Snapshot;

static void
snapshot_take (KfStore  *store,
               Snapshot *snap)
{
  for (KfEntity e = 0; e < KF_N_ENTITIES; e++)
    snap->counts[e] = kf_store_count (store, e, NULL);
  snap->outbox = outbox_count (store);
  snap->outbox_data = kft_sql_text (store, "SELECT coalesce(group_concat(op_id || sent || data,"
                                    " '|'), '') FROM (SELECT * FROM outbox ORDER BY seq)");
}

static void
snapshot_check_same (KfStore  *store,
                     Snapshot *before)
{
  Snapshot now;

  snapshot_take (store, &now);
  for (KfEntity e = 0; e < KF_N_ENTITIES; e++)
    g_assert_cmpint (now.counts[e], ==, before->counts[e]);
  g_assert_cmpint (now.outbox, ==, before->outbox);
  g_assert_cmpstr (now.outbox_data, ==, before->outbox_data);
  g_free (now.outbox_data);
  g_clear_pointer (&before->outbox_data, g_free);
}

/* Saves base B as pulled data would arrive, so that base B may write. */
static void
save_base (KfStore    *store,
           const char *id,
           const char *name)
{
  g_autoptr(KfRecord) base = kft_base (id, name);
  g_autoptr(GError) error = NULL;

  g_assert_true (kf_store_begin (store, &error));
  g_assert_true (kf_store_save (store, base, &error));
  g_assert_true (kf_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
put_as_ok (KfStore    *store,
           const char *base_id,
           KfRecord   *record)
{
  g_autoptr(KfIdentity) actor = kf_identity_new (KF_ROLE_BASE, base_id, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (kf_store_put_many_as (store, actor, &record, 1, &error));
  g_assert_no_error (error);
}

/* Opening */

static void
test_open_pragmas (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *journal = kft_sql_text (f->store, "PRAGMA journal_mode");

  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (kft_sql_int (f->store, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (kft_sql_int (f->store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (kft_sql_int (f->store, "PRAGMA busy_timeout"), >, 0);
  g_assert_cmpint (kft_sql_int (f->store, "PRAGMA user_version"), ==, KF_STORE_SCHEMA_VERSION);
  g_assert_cmpint (kf_store_get_schema_version (f->store), ==, KF_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (kf_store_get_path (f->store), ==, f->path);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));

  /* Opened again, the database is as it was. */
  g_clear_object (&f->store);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(KfIdentity) identity = NULL;

    f->store = kf_store_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (kf_store_get_schema_version (f->store), ==, KF_STORE_SCHEMA_VERSION);
    identity = kf_store_get_identity (f->store, &error);
    g_assert_no_error (error);
    g_assert_cmpint (identity->role, ==, KF_ROLE_BASE);
    g_assert_cmpstr (identity->base_id, ==, BASE_A);
    g_assert_cmpint (kf_store_count (f->store, KF_ENTITY_BASE, NULL), ==, 1);
  }
}

static gboolean
has_column (KfStore    *store,
            const char *table,
            const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pragma_table_xinfo('%s')"
                                          " WHERE name = '%s'", table, column);

  return kft_sql_int (store, sql) > 0;
}

static gboolean
has_index (KfStore    *store,
           const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master"
                                          " WHERE type = 'index' AND name = '%s'", name);

  return kft_sql_int (store, sql) > 0;
}

static const char * const migration_2_indexes[] = {
  "visits_by_session", "visits_by_booking", "bookings_by_base", NULL
};

#define V1_SESSION_1 "51000000-0000-4000-8000-000000000001"
#define V1_SESSION_2 "51000000-0000-4000-8000-000000000002"
#define V1_BOOKING_1 "b1000000-0000-4000-8000-000000000001"
#define V1_BOOKING_2 "b1000000-0000-4000-8000-000000000002"
#define V1_BOOKING_3 "b1000000-0000-4000-8000-000000000003"
#define V1_VISIT_1 "71000000-0000-4000-8000-000000000001"
#define V1_VISIT_2 "71000000-0000-4000-8000-000000000002"
#define V1_VISIT_3 "71000000-0000-4000-8000-000000000003"

/* Rows as version 1 of the schema held them. */
static const char v1_rows[] =
  "INSERT INTO meta (key, value) VALUES ('role', 'base'), ('base_id', '" BASE_A "'),"
  " ('installation_id', 'e1000000-0000-4000-8000-000000000001');"
  "INSERT INTO bases (id, version, name, address, contact_name, contact_phone)"
  " VALUES ('" BASE_A "', 1, '县气象局', '气象路 1 号', '李站长', '0571-1234567');"
  "INSERT INTO sessions (id, version, base_id, date, start, \"end\", capacity, title, topic,"
  " format, status, note) VALUES"
  " ('" V1_SESSION_1 "', 2, '" BASE_A "', '2025-05-24', '09:30', '11:00', 40, '看云识天气',"
  "  'meteorology', 'exhibition', 'scheduled', ''),"
  " ('" V1_SESSION_2 "', 0, '" BASE_A "', '2025-05-25', '14:00', '16:00', 30, '防灾减灾',"
  "  'emergency_safety', 'lecture', 'scheduled', '带\"雨伞\"');"
  "INSERT INTO bookings (id, version, base_id, session_id, org_name, org_type, grade,"
  " contact_name, contact_phone, youth_count, adult_count, status, note) VALUES"
  " ('" V1_BOOKING_1 "', 1, '" BASE_A "', '" V1_SESSION_1 "', '第一中学', 'school', '初二',"
  "  '王老师', '13800000000', 30, 2, 'attended', ''),"
  " ('" V1_BOOKING_2 "', 1, '" BASE_A "', '" V1_SESSION_1 "', '实验小学', 'school', '',"
  "  '赵老师', '13900000000', 5, 1, 'confirmed', ''),"
  " ('" V1_BOOKING_3 "', 0, '" BASE_A "', '" V1_SESSION_2 "', '幸福社区', 'community', '',"
  "  '孙主任', '13700000000', 10, 10, 'requested', '');"
  "INSERT INTO visits (id, version, base_id, session_id, booking_id, kind, group_name,"
  " arrived_at, youth_count, adult_count, note) VALUES"
  " ('" V1_VISIT_1 "', 1, '" BASE_A "', '" V1_SESSION_1 "', '" V1_BOOKING_1 "', 'booked',"
  "  '第一中学', '2025-05-24T09:40:00+08:00', 28, 2, ''),"
  " ('" V1_VISIT_2 "', 0, '" BASE_A "', NULL, NULL, 'walk_in_group', '老年大学',"
  "  '2025-05-25T10:00:00+08:00', 0, 12, ''),"
  " ('" V1_VISIT_3 "', 0, '" BASE_A "', '" V1_SESSION_1 "', NULL, 'individuals',"
  "  '散客', '2025-05-24T09:30:00+08:00', 7, 5, '');"
  "INSERT INTO outbox (op_id, entity, record_id, data, sent, created_at) VALUES"
  " ('0a000000-0000-4000-8000-000000000001', 'visit', '" V1_VISIT_3 "', '{}', 0,"
  "  '2025-05-24T09:31:00+08:00');";

/* The same rows as records, written independently of the SQL above. */
static GPtrArray *
v1_records (void)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  KfRecord *r;

  r = kft_session (BASE_A, "2025-05-24", "09:30", "11:00", 40, "看云识天气", "meteorology",
                   "exhibition");
  g_free (r->id);
  r->id = g_strdup (V1_SESSION_1);
  r->version = 2;
  g_ptr_array_add (records, r);
  r = kft_session (BASE_A, "2025-05-25", "14:00", "16:00", 30, "防灾减灾", "emergency_safety",
                   "lecture");
  g_free (r->id);
  r->id = g_strdup (V1_SESSION_2);
  kft_set_text (r, "note", "带\"雨伞\"");
  g_ptr_array_add (records, r);

  r = kft_booking (BASE_A, V1_SESSION_1, "第一中学", 30, 2, "attended");
  g_free (r->id);
  r->id = g_strdup (V1_BOOKING_1);
  r->version = 1;
  kft_set_text (r, "grade", "初二");
  g_ptr_array_add (records, r);
  r = kft_booking (BASE_A, V1_SESSION_1, "实验小学", 5, 1, "confirmed");
  g_free (r->id);
  r->id = g_strdup (V1_BOOKING_2);
  r->version = 1;
  kft_set_text (r, "contact_name", "赵老师");
  kft_set_text (r, "contact_phone", "13900000000");
  g_ptr_array_add (records, r);
  r = kft_booking (BASE_A, V1_SESSION_2, "幸福社区", 10, 10, "requested");
  g_free (r->id);
  r->id = g_strdup (V1_BOOKING_3);
  kft_set_text (r, "org_type", "community");
  kft_set_text (r, "contact_name", "孙主任");
  kft_set_text (r, "contact_phone", "13700000000");
  g_ptr_array_add (records, r);

  r = kft_visit (BASE_A, V1_SESSION_1, V1_BOOKING_1, "booked", "第一中学",
                 "2025-05-24T09:40:00+08:00", 28, 2);
  g_free (r->id);
  r->id = g_strdup (V1_VISIT_1);
  r->version = 1;
  g_ptr_array_add (records, r);
  r = kft_visit (BASE_A, NULL, NULL, "walk_in_group", "老年大学", "2025-05-25T10:00:00+08:00",
                 0, 12);
  g_free (r->id);
  r->id = g_strdup (V1_VISIT_2);
  g_ptr_array_add (records, r);
  r = kft_visit (BASE_A, V1_SESSION_1, NULL, "individuals", "散客",
                 "2025-05-24T09:30:00+08:00", 7, 5);
  g_free (r->id);
  r->id = g_strdup (V1_VISIT_3);
  g_ptr_array_add (records, r);
  return records;
}

/* What each migration adds, absent before it and present after. */
static void
check_schema (KfStore *store,
              int      version)
{
  g_assert_cmpint (has_column (store, "visits", "arrived_date"), ==, version >= 2);
  for (guint i = 0; migration_2_indexes[i] != NULL; i++)
    g_assert_cmpint (has_index (store, migration_2_indexes[i]), ==, version >= 2);
  g_assert_cmpint (has_column (store, "outbox", "state"), ==, version >= 3);
  g_assert_cmpint (has_column (store, "outbox", "error_code"), ==, version >= 3);
  g_assert_cmpint (has_index (store, "outbox_by_state"), ==, version >= 3);
  g_assert_cmpint (has_index (store, "visits_for_totals"), ==, version >= 2 && version < 5);
  g_assert_cmpint (has_index (store, "visits_by_day"), ==, version >= 5);
  g_assert_cmpint (kft_sql_int (store, "SELECT count(*) FROM sqlite_master"
                                " WHERE type = 'table' AND name = 'base_sync'"), ==,
                   version >= 5);
  g_assert_cmpint (kft_sql_int (store, "SELECT count(*) FROM sqlite_master"
                                " WHERE type = 'table' AND name = 'conflicts'"), ==,
                   version >= 3);
}

/* Rows written by an older schema (version 1's rows, which later versions
 * still take as they are), then the database opened by this version. */
static void
test_migration_from (gconstpointer data)
{
  int old_version = GPOINTER_TO_INT (data);
  g_autofree char *dir = kft_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfStore) store = NULL;
  g_autoptr(GPtrArray) expected = v1_records ();
  g_autoptr(KfIdentity) identity = NULL;

  store = kf_store_open_at_version (path, old_version, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kf_store_get_schema_version (store), ==, old_version);
  check_schema (store, old_version);
  kft_sql_exec (store, v1_rows);
  g_clear_object (&store);

  store = kf_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kf_store_get_schema_version (store), ==, KF_STORE_SCHEMA_VERSION);
  g_assert_cmpint (kft_sql_int (store, "PRAGMA user_version"), ==, KF_STORE_SCHEMA_VERSION);
  check_schema (store, KF_STORE_SCHEMA_VERSION);
  {
    g_autofree char *check = kft_sql_text (store, "PRAGMA integrity_check");

    g_assert_cmpstr (check, ==, "ok");
  }

  /* The rows are intact and read as records. */
  for (guint i = 0; i < expected->len; i++)
    {
      KfRecord *want = g_ptr_array_index (expected, i);
      g_autoptr(KfRecord) got = get_ok (store, want->entity, want->id);

      g_assert_true (kf_record_equal_data (want, got));
      g_assert_cmpint (got->version, ==, want->version);
    }
  for (KfEntity e = KF_ENTITY_SESSION; e < KF_N_ENTITIES; e++)
    {
      g_autoptr(GPtrArray) all = kf_store_list (store, e, NULL, &error);
      guint n = 0;

      g_assert_no_error (error);
      for (guint i = 0; i < expected->len; i++)
        n += ((KfRecord *) g_ptr_array_index (expected, i))->entity == e;
      g_assert_cmpuint (all->len, ==, n);
    }
  {
    g_autoptr(KfRecord) s1 = get_ok (store, KF_ENTITY_SESSION, V1_SESSION_1);

    /* attended 32 + confirmed 6 hold seats */
    g_assert_cmpint (KF_SESSION (s1)->confirmed_people, ==, 38);
  }
  identity = kf_store_get_identity (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (identity->role, ==, KF_ROLE_BASE);
  g_assert_cmpstr (identity->base_id, ==, BASE_A);
  g_assert_cmpint (kf_store_count_queued_ops (store, NULL), ==, 1);

  /* Lists by date use the new column. */
  {
    KfQuery query = { .from = "2025-05-25", .to = "2025-05-25" };
    g_autoptr(GPtrArray) visits = kf_store_list (store, KF_ENTITY_VISIT, &query, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (visits->len, ==, 1);
    g_assert_cmpstr (((KfRecord *) g_ptr_array_index (visits, 0))->id, ==, V1_VISIT_2);
  }

  /* Totals work on the old rows: figures summed here from the records. */
  {
    g_autoptr(KfTotals) totals = NULL;
    KfFigures want = { 0 };

    for (guint i = 0; i < expected->len; i++)
      {
        KfRecord *r = g_ptr_array_index (expected, i);

        if (r->entity == KF_ENTITY_SESSION)
          want.sessions += g_str_equal (KF_SESSION (r)->status, "scheduled");
        else if (r->entity == KF_ENTITY_BOOKING)
          {
            want.bookings_confirmed += kf_booking_holds_seats (KF_BOOKING (r));
            want.bookings_attended += g_str_equal (KF_BOOKING (r)->status, "attended");
            want.no_shows += g_str_equal (KF_BOOKING (r)->status, "no_show");
          }
        else if (r->entity == KF_ENTITY_VISIT)
          {
            want.groups += !g_str_equal (KF_VISIT (r)->kind, "individuals");
            want.youth += KF_VISIT (r)->youth_count;
            want.adults += KF_VISIT (r)->adult_count;
          }
      }
    want.visitors = want.youth + want.adults;

    totals = kf_totals_compute (store, "2025-05-01", "2025-05-31", KF_TOTALS_BY_BASE, NULL,
                                &error);
    g_assert_no_error (error);
    g_assert_cmpuint (totals->rows->len, ==, 1);
    for (guint i = 0; i < 8; i++)
      g_assert_cmpint (kf_figures_get (&totals->total, i), ==, kf_figures_get (&want, i));
    g_assert_cmpint (want.visitors, ==, 54);
  }

  /* And the store takes new writes. */
  {
    g_autoptr(KfRecord) session = add_session (store, "2025-05-26", "09:00", 10);

    g_assert_cmpint (kf_store_count_queued_ops (store, NULL), ==, 2);
  }

  g_clear_object (&store);
  kft_remove_tree (dir);
}

/* From an empty file (version 0), and opening a current one again. */
static void
test_migration_from_0 (void)
{
  g_autofree char *dir = kft_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfStore) store = NULL;

  for (int version = 0; version <= KF_STORE_SCHEMA_VERSION; version++)
    {
      store = kf_store_open_at_version (path, version, &error);
      g_assert_no_error (error);
      g_assert_cmpint (kf_store_get_schema_version (store), ==, version);
      g_clear_object (&store);

      store = kf_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (kf_store_get_schema_version (store), ==, KF_STORE_SCHEMA_VERSION);
      check_schema (store, KF_STORE_SCHEMA_VERSION);
      g_clear_object (&store);
      kft_remove_tree (dir);
      g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
    }

  kft_remove_tree (dir);
}

static void
test_newer_version (void)
{
  g_autofree char *dir = kft_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "future.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfStore) store = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = kf_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, KF_ERROR, (gint) KF_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "99"));

  /* Left as it was. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 99);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_master"
                                       " WHERE name = 'sessions'", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  kft_remove_tree (dir);
}

static void
test_not_sqlite (void)
{
  static const char * const contents[] = {
    "this is a text file, not a database\n",
    "SQLite format 3\0but not really",
  };

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autofree char *dir = kft_make_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "notes.txt", NULL);
      g_autofree char *text = kft_repeat (contents[i], 200);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(KfStore) store = NULL;

      g_assert_true (g_file_set_contents (path, text, -1, NULL));
      store = kf_store_open (path, &error);
      g_assert_null (store);
      g_assert_error (error, KF_ERROR, (gint) KF_ERROR_DATABASE);

      g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
      g_assert_cmpstr (after, ==, text);
      kft_remove_tree (dir);
    }

  /* A directory, and a file in a directory that does not exist. */
  {
    g_autofree char *dir = kft_make_tmpdir ();
    g_autofree char *missing = g_build_filename (dir, "no", "such", "kaifang.db", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(KfStore) store = kf_store_open (dir, &error);

    g_assert_null (store);
    g_assert_error (error, KF_ERROR, (gint) KF_ERROR_DATABASE);
    g_clear_error (&error);
    store = kf_store_open (missing, &error);
    g_assert_null (store);
    g_assert_error (error, KF_ERROR, (gint) KF_ERROR_DATABASE);
    kft_remove_tree (dir);
  }
}

/* Identity */

static void
test_identity (void)
{
  static const struct
  {
    KfRole      role;
    const char *base_id;
    const char *org_name;
  } roles[] = {
    { KF_ROLE_BASE, BASE_A, NULL },
    { KF_ROLE_SCHOOL, NULL, "第一中学" },
    { KF_ROLE_REVIEWER, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *dir = kft_make_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "kaifang.db", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(KfStore) store = kf_store_open (path, &error);
      g_autoptr(KfIdentity) wanted = kf_identity_new (roles[i].role, roles[i].base_id,
                                                      roles[i].org_name);
      g_autoptr(KfIdentity) got = NULL;
      g_autoptr(KfIdentity) other = kf_identity_new (KF_ROLE_REVIEWER, NULL, NULL);
      g_autoptr(KfRecord) base = roles[i].base_id ? kft_base (roles[i].base_id, "县气象局")
                                                  : NULL;
      g_autofree char *installation = NULL;

      g_assert_no_error (error);
      got = kf_store_get_identity (store, &error);
      g_assert_null (got);
      g_assert_error (error, KF_ERROR, (gint) KF_ERROR_NOT_INITIALIZED);
      g_clear_error (&error);

      g_assert_true (kf_store_initialize (store, wanted, KF_BASE (base), &error));
      g_assert_no_error (error);
      got = kf_store_get_identity (store, &error);
      g_assert_no_error (error);
      g_assert_cmpint (got->role, ==, roles[i].role);
      g_assert_cmpstr (got->base_id, ==, roles[i].base_id);
      g_assert_cmpstr (got->org_name, ==, roles[i].org_name);
      installation = kf_store_get_meta (store, "installation_id");
      g_assert_true (kf_uuid_is_valid (installation));
      g_assert_cmpint (kf_store_count (store, KF_ENTITY_BASE, NULL), ==, base != NULL);
      g_assert_cmpint (outbox_count (store), ==, 0);

      /* Twice is an error, and changes nothing. */
      g_assert_false (kf_store_initialize (store, other, NULL, &error));
      g_assert_error (error, KF_ERROR, (gint) KF_ERROR_FAILED);
      g_clear_error (&error);
      if (base != NULL)
        {
          g_assert_false (kf_store_initialize (store, wanted, KF_BASE (base), &error));
          g_assert_nonnull (error);
          g_clear_error (&error);
        }
      g_clear_pointer (&got, kf_identity_free);

      /* As it is after reopening. */
      g_clear_object (&store);
      store = kf_store_open (path, &error);
      got = kf_store_get_identity (store, &error);
      g_assert_no_error (error);
      g_assert_cmpint (got->role, ==, roles[i].role);
      g_assert_cmpstr (got->base_id, ==, roles[i].base_id);
      g_assert_cmpstr (got->org_name, ==, roles[i].org_name);
      {
        g_autofree char *again = kf_store_get_meta (store, "installation_id");

        g_assert_cmpstr (again, ==, installation);
      }

      g_clear_object (&store);
      kft_remove_tree (dir);
    }
}

/* A bad identity leaves the database as it was: not set up. */
static void
test_identity_invalid (void)
{
  g_autofree char *long_org = kft_repeat ("校", 101);
  const struct
  {
    KfRole      role;
    const char *org;
    const char *base_name;
    const char *field;
  } cases[] = {
    { KF_ROLE_SCHOOL, long_org, NULL, "org_name" },
    { KF_ROLE_SCHOOL, "", NULL, "org_name" },
    { KF_ROLE_BASE, NULL, "", "name" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = kft_make_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "kaifang.db", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(KfStore) store = kf_store_open (path, &error);
      g_autoptr(KfIdentity) identity = NULL;
      g_autoptr(KfRecord) base = NULL;
      g_autoptr(KfIdentity) got = NULL;

      if (cases[i].role == KF_ROLE_BASE)
        base = kft_base (BASE_A, cases[i].base_name);
      identity = kf_identity_new (cases[i].role, base ? BASE_A : NULL, cases[i].org);

      g_assert_false (kf_store_initialize (store, identity, KF_BASE (base), &error));
      kft_assert_kf_error (error, KF_ERROR_INVALID_FIELD, cases[i].field);
      g_clear_error (&error);

      got = kf_store_get_identity (store, &error);
      g_assert_null (got);
      g_assert_error (error, KF_ERROR, (gint) KF_ERROR_NOT_INITIALIZED);
      g_assert_cmpint (kf_store_count (store, KF_ENTITY_BASE, NULL), ==, 0);
      g_assert_cmpint (kft_sql_int (store, "SELECT count(*) FROM meta"), ==, 0);

      g_clear_object (&store);
      kft_remove_tree (dir);
    }
}

/* Writes before the store is set up, and by roles that may not write. */
static void
test_put_by_role (void)
{
  static const struct
  {
    KfRole      role;
    const char *org;
    KfError     expect;
  } cases[] = {
    { -1, NULL, KF_ERROR_NOT_INITIALIZED },
    { KF_ROLE_SCHOOL, "第一中学", KF_ERROR_FORBIDDEN },
    { KF_ROLE_REVIEWER, NULL, KF_ERROR_FORBIDDEN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = kft_make_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "kaifang.db", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(KfStore) store = kf_store_open (path, &error);
      g_autoptr(KfRecord) session = kft_session (BASE_A, "2025-05-24", "09:00", "10:00", 10,
                                                 "开放日", "ai", "lecture");

      if ((int) cases[i].role >= 0)
        {
          g_autoptr(KfIdentity) identity = kf_identity_new (cases[i].role, NULL, cases[i].org);

          g_assert_true (kf_store_initialize (store, identity, NULL, &error));
          save_base (store, BASE_A, "县气象局");
        }
      g_assert_false (kf_store_put (store, session, &error));
      g_assert_error (error, KF_ERROR, (gint) cases[i].expect);
      g_assert_cmpint (kf_store_count (store, KF_ENTITY_SESSION, NULL), ==, 0);
      g_assert_cmpint (outbox_count (store), ==, 0);

      g_clear_object (&store);
      kft_remove_tree (dir);
    }
}

/* A school installation writes requests for its own organisation. */
static void
test_school_installation (void)
{
  g_autofree char *dir = kft_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "kaifang.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfStore) store = kf_store_open (path, &error);
  g_autoptr(KfIdentity) identity = kf_identity_new (KF_ROLE_SCHOOL, NULL, "第一中学");
  g_autoptr(KfRecord) session = kft_session (BASE_A, "2099-05-24", "09:00", "10:00", 10,
                                             "开放日", "ai", "lecture");
  g_autoptr(KfRecord) booking = kft_booking (BASE_A, session->id, "第一中学", 5, 1, "requested");
  g_autoptr(KfRecord) confirmed = kft_booking (BASE_A, session->id, "第一中学", 5, 1,
                                               "confirmed");
  g_autoptr(KfRecord) theirs = kft_booking (BASE_A, session->id, "第二中学", 5, 1, "requested");

  g_assert_true (kf_store_initialize (store, identity, NULL, &error));
  g_assert_true (kf_store_begin (store, &error));
  g_assert_true (kf_store_save (store, session, &error));
  g_assert_true (kf_store_commit (store, &error));

  put_ok (store, booking);
  g_assert_false (kf_store_put (store, confirmed, &error));
  kft_assert_kf_error (error, KF_ERROR_FORBIDDEN_FIELD, "status");
  g_clear_error (&error);
  g_assert_false (kf_store_put (store, theirs, &error));
  kft_assert_kf_error (error, KF_ERROR_FORBIDDEN, "org_name");
  g_clear_error (&error);

  /* Cancelled well before the session (in 2099). */
  set_status (store, booking, "cancelled");
  g_assert_cmpint (kf_store_count (store, KF_ENTITY_BOOKING, NULL), ==, 1);
  /* The request, then its cancellation: the hub takes no new booking that
   * is already cancelled. */
  g_assert_cmpint (outbox_count (store), ==, 2);

  g_clear_object (&store);
  kft_remove_tree (dir);
}

/* Records and their outbox ops */

typedef struct
{
  char  *op_id;
  char  *entity;
  char  *record_id;
  char  *data;
  gint64 sent;
  char  *created_at;
} Op;

static void
op_free (Op *op)
{
  g_free (op->op_id);
  g_free (op->entity);
  g_free (op->record_id);
  g_free (op->data);
  g_free (op->created_at);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Op, op_free)

static GPtrArray *
read_ops (KfStore    *store,
          const char *record_id)
{
  GPtrArray *ops = g_ptr_array_new_with_free_func ((GDestroyNotify) op_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (kf_store_get_db (store),
                                       "SELECT op_id, entity, record_id, data, sent, created_at"
                                       " FROM outbox WHERE ?1 IS NULL OR record_id = ?1"
                                       " ORDER BY seq", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Op *op = g_new0 (Op, 1);

      op->op_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      op->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      op->record_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      op->data = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      op->sent = sqlite3_column_int64 (stmt, 4);
      op->created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_ptr_array_add (ops, op);
    }
  sqlite3_finalize (stmt);
  return ops;
}

/* The op carries the record's data, without id and version. */
static void
check_op_data (const Op       *op,
               const KfRecord *record)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) back = NULL;
  JsonObject *data;
  KfEntity entity;

  g_assert_true (kf_uuid_is_valid (op->op_id));
  g_assert_true (kf_entity_from_string (op->entity, &entity));
  g_assert_cmpint (entity, ==, record->entity);
  g_assert_cmpstr (op->record_id, ==, record->id);
  g_assert_true (kf_instant_is_valid (op->created_at));

  g_assert_true (json_parser_load_from_data (parser, op->data, -1, &error));
  data = json_node_get_object (json_parser_get_root (parser));
  g_assert_false (json_object_has_member (data, "id"));
  g_assert_false (json_object_has_member (data, "version"));
  g_assert_false (json_object_has_member (data, "confirmed_people"));
  back = kf_record_from_json_data (entity, op->record_id, data, &error);
  g_assert_no_error (error);
  g_assert_true (kf_record_equal_data (back, record));
}

static void
test_put_outbox (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(KfRecord) session = kft_session (BASE_A, "2025-05-24", "09:30", "11:00", 40,
                                             "看云识天气", "meteorology", "exhibition");
  g_autoptr(KfRecord) stored = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autofree char *first_op = NULL;
  g_autofree char *second_data = NULL;

  /* A record without an id gets one. */
  g_clear_pointer (&session->id, g_free);
  put_ok (f->store, session);
  g_assert_true (kf_uuid_is_valid (session->id));

  stored = get_ok (f->store, KF_ENTITY_SESSION, session->id);
  g_assert_true (kf_record_equal_data (stored, session));
  g_assert_cmpint (stored->version, ==, 0);
  g_assert_cmpint (kf_store_count (f->store, KF_ENTITY_SESSION, NULL), ==, 1);

  ops = read_ops (f->store, NULL);
  g_assert_cmpuint (ops->len, ==, 1);
  g_assert_cmpint (((Op *) ops->pdata[0])->sent, ==, 0);
  check_op_data (ops->pdata[0], session);
  first_op = g_strdup (((Op *) ops->pdata[0])->op_id);
  g_assert_cmpint (kf_store_count_queued_ops (f->store, NULL), ==, 1);
  g_clear_pointer (&ops, g_ptr_array_unref);

  /* An edit while the op is unsent updates that op in place. */
  kft_set_text (session, "title", "看云识天气（上午场）");
  put_ok (f->store, session);
  ops = read_ops (f->store, NULL);
  g_assert_cmpuint (ops->len, ==, 1);
  g_assert_cmpstr (((Op *) ops->pdata[0])->op_id, ==, first_op);
  check_op_data (ops->pdata[0], session);
  second_data = g_strdup (((Op *) ops->pdata[0])->data);
  g_clear_pointer (&ops, g_ptr_array_unref);

  /* Once sent, its op never changes: a further edit makes a new op. */
  mark_all_sent (f->store);
  KF_SESSION (session)->capacity = 45;
  put_ok (f->store, session);
  ops = read_ops (f->store, NULL);
  g_assert_cmpuint (ops->len, ==, 2);
  g_assert_cmpstr (((Op *) ops->pdata[0])->op_id, ==, first_op);
  g_assert_cmpstr (((Op *) ops->pdata[0])->data, ==, second_data);
  g_assert_cmpint (((Op *) ops->pdata[0])->sent, ==, 1);
  g_assert_cmpstr (((Op *) ops->pdata[1])->op_id, !=, first_op);
  g_assert_cmpint (((Op *) ops->pdata[1])->sent, ==, 0);
  check_op_data (ops->pdata[1], session);
  g_clear_pointer (&ops, g_ptr_array_unref);

  /* ... which later edits update, until it is sent in turn. */
  kft_set_text (session, "note", "请提前十分钟到");
  put_ok (f->store, session);
  ops = read_ops (f->store, NULL);
  g_assert_cmpuint (ops->len, ==, 2);
  check_op_data (ops->pdata[1], session);
  g_clear_pointer (&ops, g_ptr_array_unref);

  /* Another record has an op of its own. */
  {
    g_autoptr(KfRecord) other = add_session (f->store, "2025-05-25", "09:00", 10);
    g_autoptr(GPtrArray) other_ops = read_ops (f->store, other->id);

    g_assert_cmpuint (other_ops->len, ==, 1);
    check_op_data (other_ops->pdata[0], other);
    g_assert_cmpint (outbox_count (f->store), ==, 3);
  }
}

/* Locally, version stays the last one the hub acknowledged. */
/* Whether the op queued for record says status. */
static void
assert_op_status (const Op   *op,
                  const char *status)
{
  g_autofree char *member = g_strdup_printf ("\"status\":\"%s\"", status);

  g_assert_nonnull (strstr (op->data, member));
}

/* A change of status is a step of its own even before a sync: the hub must
 * see a booking made confirmed, then attended, not a new booking that is
 * already attended (which it refuses), and every step of a session. */
static void
test_put_status_steps (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(KfRecord) session = add_session (f->store, "2025-05-24", "09:00", 40);
  g_autoptr(KfRecord) booking = add_booking (f->store, session, "实验小学", 20, 2, "confirmed");
  g_autoptr(KfRecord) visit = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;

  /* Counts edited while the first op is unsent: still one op. */
  KF_BOOKING (booking)->youth_count = 21;
  put_ok (f->store, booking);
  ops = read_ops (f->store, booking->id);
  g_assert_cmpuint (ops->len, ==, 1);
  assert_op_status (ops->pdata[0], "confirmed");
  g_clear_pointer (&ops, g_ptr_array_unref);

  visit = (KfRecord *) kf_store_record_arrival (f->store, booking->id, 19, 2,
                                                "2025-05-24T09:05:00+08:00", &error);
  g_assert_no_error (error);
  g_assert_nonnull (visit);
  ops = read_ops (f->store, booking->id);
  g_assert_cmpuint (ops->len, ==, 2);
  assert_op_status (ops->pdata[0], "confirmed");
  g_assert_nonnull (strstr (((Op *) ops->pdata[0])->data, "\"youth_count\":21"));
  assert_op_status (ops->pdata[1], "attended");
  g_assert_cmpint (((Op *) ops->pdata[0])->sent + ((Op *) ops->pdata[1])->sent, ==, 0);
  g_clear_pointer (&ops, g_ptr_array_unref);

  /* A base correcting itself: each step is sent, in order. */
  set_status (f->store, booking, "no_show");
  ops = read_ops (f->store, booking->id);
  g_assert_cmpuint (ops->len, ==, 3);
  assert_op_status (ops->pdata[2], "no_show");
  g_clear_pointer (&ops, g_ptr_array_unref);

  /* A session made and cancelled before any sync: two steps as well. */
  set_status (f->store, session, "cancelled");
  ops = read_ops (f->store, session->id);
  g_assert_cmpuint (ops->len, ==, 2);
  assert_op_status (ops->pdata[0], "scheduled");
  assert_op_status (ops->pdata[1], "cancelled");
}

static void
test_put_keeps_version (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(KfRecord) session = add_session (f->store, "2025-05-24", "09:00", 10);
  g_autoptr(KfRecord) stored = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE sessions SET version = 3 WHERE id = '%s'",
                                          session->id);

  kft_sql_exec (f->store, sql);
  session->version = 0;
  KF_SESSION (session)->capacity = 12;
  put_ok (f->store, session);
  stored = get_ok (f->store, KF_ENTITY_SESSION, session->id);
  g_assert_cmpint (stored->version, ==, 3);
  g_assert_cmpint (session->version, ==, 3);
  g_assert_cmpint (KF_SESSION (stored)->capacity, ==, 12);
}

/* A write that breaks a rule writes nothing at all. */
static void
test_put_failure_writes_nothing (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(KfRecord) session = add_session (f->store, "2025-05-24", "09:00", 10);
  g_autoptr(KfRecord) booking = add_booking (f->store, session, "第一中学", 8, 1, "confirmed");
  g_autoptr(KfRecord) request = add_booking (f->store, session, "实验小学", 5, 0, "requested");
  g_autoptr(KfRecord) cancelled = add_session (f->store, "2025-05-25", "09:00", 10);
  enum { N_CASES = 10 };

  set_status (f->store, cancelled, "cancelled");
  mark_all_sent (f->store);

  for (guint i = 0; i < N_CASES; i++)
    {
      g_autoptr(KfRecord) record = NULL;
      g_autoptr(KfRecord) before = NULL;
      g_autoptr(GError) error = NULL;
      Snapshot snap;
      KfError code;
      const char *field;

      switch (i)
        {
        case 0:
          record = kf_record_copy (session);
          KF_SESSION (record)->capacity = 0;
          code = KF_ERROR_INVALID_FIELD, field = "capacity";
          break;
        case 1:
          record = kft_session (BASE_B, "2025-05-24", "09:00", "10:00", 5, "t", "ai", "other");
          code = KF_ERROR_FORBIDDEN, field = "base_id";
          break;
        case 2:
          record = kf_record_copy (request);
          kft_set_text (record, "status", "confirmed");
          code = KF_ERROR_OVER_CAPACITY, field = "status";
          break;
        case 3:
          record = kft_booking (BASE_A, NO_SUCH, "第一中学", 1, 1, "requested");
          code = KF_ERROR_NOT_FOUND, field = "session_id";
          break;
        case 4:
          record = kf_record_copy (request);
          kft_set_text (record, "status", "attended");
          code = KF_ERROR_INVALID_TRANSITION, field = "status";
          break;
        case 5:
          record = kft_visit (BASE_A, session->id, NO_SUCH, "booked", "第一中学",
                              "2025-05-24T09:10:00+08:00", 8, 1);
          code = KF_ERROR_NOT_FOUND, field = "booking_id";
          break;
        case 6:
          record = kft_base (BASE_A, "改名");
          code = KF_ERROR_FORBIDDEN, field = NULL;
          break;
        case 7:
          record = kft_booking (BASE_A, cancelled->id, "第一中学", 1, 1, "requested");
          code = KF_ERROR_INVALID_FIELD, field = "session_id";
          break;
        case 8:
          record = kf_record_copy (booking);
          KF_BOOKING (record)->youth_count = 10;
          code = KF_ERROR_OVER_CAPACITY, field = "status";
          break;
        case 9:
          record = kf_record_copy (booking);
          kft_set_text (record, "contact_phone", "12345");
          code = KF_ERROR_INVALID_FIELD, field = "contact_phone";
          break;
        default:
          g_assert_not_reached ();
        }

      g_test_message ("case %u", i);
      before = kf_store_get (f->store, record->entity, record->id, NULL);
      snapshot_take (f->store, &snap);
      g_assert_false (kf_store_put (f->store, record, &error));
      kft_assert_kf_error (error, code, field);
      snapshot_check_same (f->store, &snap);
      if (before != NULL)
        {
          g_autoptr(KfRecord) after = get_ok (f->store, record->entity, record->id);

          g_assert_true (kf_record_equal_data (before, after));
        }
    }
}

static void
test_put_many (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) edited = add_session (f->store, "2025-05-23", "09:00", 10);
  g_autoptr(KfRecord) a = kft_session (BASE_A, "2025-05-24", "09:00", "10:00", 5, "一", "ai",
                                       "lecture");
  g_autoptr(KfRecord) bad = kft_session (BASE_A, "2025-05-24", "10:00", "09:00", 5, "二", "ai",
                                         "lecture");
  g_autoptr(KfRecord) c = kft_session (BASE_A, "2025-05-24", "14:00", "15:00", 5, "三", "ai",
                                       "lecture");
  g_autoptr(KfRecord) booking = kft_booking (BASE_A, a->id, "第一中学", 4, 1, "confirmed");
  g_autoptr(KfRecord) too_big = kft_booking (BASE_A, a->id, "实验小学", 1, 0, "confirmed");
  g_autoptr(KfRecord) edited_before = kf_record_copy (edited);
  Snapshot snap;

  /* The second record is bad: nothing of the first, nor the edit, is kept. */
  KF_SESSION (edited)->capacity = 99;
  {
    KfRecord *records[] = { edited, a, bad, c };

    snapshot_take (f->store, &snap);
    g_assert_false (kf_store_put_many (f->store, records, G_N_ELEMENTS (records), &error));
    kft_assert_kf_error (error, KF_ERROR_INVALID_FIELD, "end");
    g_clear_error (&error);
    snapshot_check_same (f->store, &snap);
    {
      g_autoptr(KfRecord) stored = get_ok (f->store, KF_ENTITY_SESSION, edited->id);

      g_assert_true (kf_record_equal_data (stored, edited_before));
    }
    g_assert_null (kf_store_get (f->store, KF_ENTITY_SESSION, a->id, NULL));
  }

  /* A booking may reference a session written before it in the same call,
   * and capacity counts the bookings written before it too. */
  {
    KfRecord *records[] = { a, booking, too_big };

    snapshot_take (f->store, &snap);
    g_assert_false (kf_store_put_many (f->store, records, G_N_ELEMENTS (records), &error));
    kft_assert_kf_error (error, KF_ERROR_OVER_CAPACITY, "status");
    g_clear_error (&error);
    snapshot_check_same (f->store, &snap);
  }
  {
    KfRecord *records[] = { edited, a, booking, c };

    g_assert_true (kf_store_put_many (f->store, records, G_N_ELEMENTS (records), &error));
    g_assert_no_error (error);
    g_assert_cmpint (kf_store_count (f->store, KF_ENTITY_SESSION, NULL), ==, 3);
    g_assert_cmpint (kf_store_count (f->store, KF_ENTITY_BOOKING, NULL), ==, 1);
    /* edited's first op was still unsent: updated, not added */
    g_assert_cmpint (outbox_count (f->store), ==, 4);
  }

  /* Zero records is a successful no-op. */
  g_assert_true (kf_store_put_many (f->store, NULL, 0, &error));
  g_assert_no_error (error);
}

/* References: a booking's session, a visit's session and booking. */
static void
test_references (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(KfRecord) session = add_session (f->store, "2025-05-24", "09:00", 50);
  g_autoptr(KfRecord) booking = add_booking (f->store, session, "第一中学", 10, 1, "confirmed");
  g_autoptr(KfRecord) session_b = NULL;
  g_autoptr(KfRecord) booking_b = NULL;
  g_autoptr(KfIdentity) actor_b = kf_identity_new (KF_ROLE_BASE, BASE_B, NULL);
  g_autoptr(KfIdentity) actor_c = kf_identity_new (KF_ROLE_BASE, BASE_C, NULL);
  g_autoptr(GError) error = NULL;

  save_base (f->store, BASE_B, "农业科技园");
  session_b = kft_session (BASE_B, "2025-05-24", "09:00", "10:00", 50, "稻田", "agriculture",
                           "study_tour");
  put_as_ok (f->store, BASE_B, session_b);
  booking_b = kft_booking (BASE_B, session_b->id, "第一中学", 3, 1, "requested");
  put_as_ok (f->store, BASE_B, booking_b);

  /* A booking of base B for a session of base A. */
  {
    g_autoptr(KfRecord) wrong = kft_booking (BASE_B, session->id, "第一中学", 3, 1, "requested");

    g_assert_false (kf_store_put_many_as (f->store, actor_b, &wrong, 1, &error));
    kft_assert_kf_error (error, KF_ERROR_INVALID_FIELD, "base_id");
    g_clear_error (&error);
  }

  /* A session of a base that does not exist. */
  {
    g_autoptr(KfRecord) orphan = kft_session (BASE_C, "2025-05-24", "09:00", "10:00", 5, "t",
                                              "ai", "other");

    g_assert_false (kf_store_put_many_as (f->store, actor_c, &orphan, 1, &error));
    kft_assert_kf_error (error, KF_ERROR_NOT_FOUND, "base_id");
    g_clear_error (&error);
  }

  /* Visits: session and booking of the same base, and existing. */
  {
    static const struct
    {
      int         session;   /* 0 none, 1 own, 2 base B's, 3 missing */
      int         booking;
      KfError     code;
      const char *field;
    } cases[] = {
      { 0, 0, -1, NULL },
      { 1, 0, -1, NULL },
      { 1, 1, -1, NULL },
      { 0, 1, -1, NULL },
      { 2, 0, KF_ERROR_INVALID_FIELD, "session_id" },
      { 1, 2, KF_ERROR_INVALID_FIELD, "booking_id" },
      { 3, 0, KF_ERROR_NOT_FOUND, "session_id" },
      { 1, 3, KF_ERROR_NOT_FOUND, "booking_id" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        const char *sessions[] = { NULL, session->id, session_b->id, NO_SUCH };
        const char *bookings[] = { NULL, booking->id, booking_b->id, NO_SUCH };
        g_autoptr(KfRecord) visit = kft_visit (BASE_A, sessions[cases[i].session],
                                               bookings[cases[i].booking], "walk_in_group",
                                               "社区", "2025-05-24T10:00:00+08:00", 3, 2);
        gboolean ok;

        g_test_message ("visit case %u", i);
        ok = kf_store_put (f->store, visit, &error);
        if ((int) cases[i].code < 0)
          {
            g_assert_no_error (error);
            g_assert_true (ok);
            continue;
          }
        g_assert_false (ok);
        kft_assert_kf_error (error, cases[i].code, cases[i].field);
        g_clear_error (&error);
      }
  }

  /* Bookings of a cancelled session: none new, but the old ones may change. */
  set_status (f->store, session, "cancelled");
  {
    g_autoptr(KfRecord) late = kft_booking (BASE_A, session->id, "实验小学", 3, 1, "requested");

    g_assert_false (kf_store_put (f->store, late, &error));
    kft_assert_kf_error (error, KF_ERROR_INVALID_FIELD, "session_id");
    g_clear_error (&error);
  }
  set_status (f->store, booking, "cancelled");

  /* Nor may a booking move to a cancelled session. */
  {
    g_autoptr(KfRecord) open = add_session (f->store, "2025-05-26", "09:00", 50);
    g_autoptr(KfRecord) moving = add_booking (f->store, open, "实验小学", 3, 1, "requested");

    kft_set_text (moving, "session_id", session->id);
    g_assert_false (kf_store_put (f->store, moving, &error));
    kft_assert_kf_error (error, KF_ERROR_INVALID_FIELD, "session_id");
  }
}

/* Capacity through the store: confirmed and attended bookings hold seats. */
static void
test_capacity (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(KfRecord) session = add_session (f->store, "2025-05-24", "09:00", 10);
  g_autoptr(KfRecord) b1 = add_booking (f->store, session, "一中", 5, 1, "confirmed");
  g_autoptr(KfRecord) b2 = add_booking (f->store, session, "二中", 4, 0, "confirmed");
  g_autoptr(KfRecord) b3 = kft_booking (BASE_A, session->id, "三中", 1, 0, "confirmed");
  g_autoptr(GError) error = NULL;

  /* exactly at capacity */
  {
    g_autoptr(KfRecord) s = get_ok (f->store, KF_ENTITY_SESSION, session->id);

    g_assert_cmpint (KF_SESSION (s)->confirmed_people, ==, 10);
    g_assert_cmpint (KF_SESSION (s)->requested_people, ==, 0);
  }
  /* one over */
  g_assert_false (kf_store_put (f->store, b3, &error));
  kft_assert_kf_error (error, KF_ERROR_OVER_CAPACITY, "status");
  g_clear_error (&error);

  /* requests are not limited */
  KF_BOOKING (b3)->youth_count = 100;
  set_status (f->store, b3, "requested");
  {
    g_autoptr(KfRecord) s = get_ok (f->store, KF_ENTITY_SESSION, session->id);

    g_assert_cmpint (KF_SESSION (s)->requested_people, ==, 100);
  }
  KF_BOOKING (b3)->youth_count = 1;
  put_ok (f->store, b3);

  /* an arrived group still holds its seats */
  set_status (f->store, b1, "attended");
  kft_set_text (b3, "status", "confirmed");
  g_assert_false (kf_store_put (f->store, b3, &error));
  kft_assert_kf_error (error, KF_ERROR_OVER_CAPACITY, "status");
  g_clear_error (&error);

  /* a cancelled booking frees them */
  set_status (f->store, b2, "cancelled");
  put_ok (f->store, b3);
  {
    g_autoptr(KfRecord) s = get_ok (f->store, KF_ENTITY_SESSION, session->id);

    g_assert_cmpint (KF_SESSION (s)->confirmed_people, ==, 7);
    g_assert_cmpint (KF_SESSION (s)->requested_people, ==, 0);
  }

  /* raising a confirmed booking is checked, lowering is not */
  KF_BOOKING (b3)->youth_count = 4;
  put_ok (f->store, b3);
  KF_BOOKING (b3)->adult_count = 1;
  g_assert_false (kf_store_put (f->store, b3, &error));
  kft_assert_kf_error (error, KF_ERROR_OVER_CAPACITY, "status");
  g_clear_error (&error);
  KF_BOOKING (b3)->adult_count = 0;
  KF_BOOKING (b3)->youth_count = 2;
  put_ok (f->store, b3);

  /* marking what happened is never limited */
  KF_BOOKING (b1)->youth_count = 50;
  put_ok (f->store, b1);
  set_status (f->store, b1, "no_show");
  {
    g_autoptr(KfRecord) s = get_ok (f->store, KF_ENTITY_SESSION, session->id);

    g_assert_cmpint (KF_SESSION (s)->confirmed_people, ==, 2);
  }
}

/* A confirmed booking moved to another session takes seats there. */
static void
test_capacity_move (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(KfRecord) roomy = add_session (f->store, "2025-05-24", "09:00", 100);
  g_autoptr(KfRecord) full = add_session (f->store, "2025-05-24", "14:00", 5);
  g_autoptr(KfRecord) filler = add_booking (f->store, full, "一中", 5, 0, "confirmed");
  g_autoptr(KfRecord) mover = add_booking (f->store, roomy, "二中", 3, 0, "confirmed");
  g_autoptr(GError) error = NULL;

  kft_set_text (mover, "session_id", full->id);
  g_assert_false (kf_store_put (f->store, mover, &error));
  kft_assert_kf_error (error, KF_ERROR_OVER_CAPACITY, "status");
  g_clear_error (&error);

  /* with room there, it may move */
  KF_BOOKING (filler)->youth_count = 2;
  put_ok (f->store, filler);
  put_ok (f->store, mover);
  {
    g_autoptr(KfRecord) s = get_ok (f->store, KF_ENTITY_SESSION, full->id);
    g_autoptr(KfRecord) r = get_ok (f->store, KF_ENTITY_SESSION, roomy->id);

    g_assert_cmpint (KF_SESSION (s)->confirmed_people, ==, 5);
    g_assert_cmpint (KF_SESSION (r)->confirmed_people, ==, 0);
  }
}

/* Tallies of individual visitors */

static void
test_tally (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(KfRecord) session = add_session (f->store, "2025-05-24", "09:30", 10);
  g_autoptr(KfRecord) other = add_session (f->store, "2025-05-25", "14:00", 10);
  g_autoptr(KftVisit) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_at = kf_instant_from_local ("2025-05-24", "09:30");
  Snapshot snap;

  mark_all_sent (f->store);

  /* made on first use */
  first = kf_store_tally (f->store, session->id, 3, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_cmpstr (first->kind, ==, "individuals");
  g_assert_cmpstr (first->session_id, ==, session->id);
  g_assert_cmpstr (first->base_id, ==, BASE_A);
  g_assert_null (first->booking_id);
  g_assert_cmpint (first->youth_count, ==, 3);
  g_assert_cmpint (first->adult_count, ==, 2);
  g_assert_cmpstr (first->arrived_at, ==, expected_at);
  g_assert_true (g_str_has_prefix (first->arrived_at, "2025-05-24T09:30:00"));
  g_assert_true (g_str_has_suffix (first->arrived_at, "+08:00"));
  g_assert_true (kf_record_validate ((KfRecord *) first, NULL));
  g_assert_cmpint (outbox_count (f->store), ==, 3);

  /* raised, and taken back: one record, one unsent op */
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(KftVisit) v = kf_store_tally (f->store, session->id, 1, i % 2, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (v->r.id, ==, first->r.id);
    }
  {
    g_autoptr(KftVisit) v = kf_store_tally (f->store, session->id, -5, -3, &error);
    g_autoptr(KfRecord) stored = get_ok (f->store, KF_ENTITY_VISIT, first->r.id);
    g_autoptr(GPtrArray) ops = read_ops (f->store, first->r.id);

    g_assert_no_error (error);
    g_assert_cmpint (v->youth_count, ==, 3 + 20 - 5);
    g_assert_cmpint (v->adult_count, ==, 2 + 10 - 3);
    g_assert_true (kf_record_equal_data (stored, (KfRecord *) v));
    g_assert_cmpuint (ops->len, ==, 1);
    check_op_data (ops->pdata[0], stored);
  }
  g_assert_cmpint (kf_store_count (f->store, KF_ENTITY_VISIT, NULL), ==, 1);

  /* below zero: an error, and nothing written */
  {
    static const struct
    {
      gint64      youth;
      gint64      adults;
      const char *field;
    } below[] = {
      { -19, 0, "youth_count" }, { 0, -10, "adult_count" }, { -100, -100, "youth_count" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (below); i++)
      {
        g_autoptr(KftVisit) v = NULL;

        snapshot_take (f->store, &snap);
        v = kf_store_tally (f->store, session->id, below[i].youth, below[i].adults, &error);
        g_assert_null (v);
        kft_assert_kf_error (error, KF_ERROR_INVALID_FIELD, below[i].field);
        g_clear_error (&error);
        snapshot_check_same (f->store, &snap);
      }
  }
  {
    g_autoptr(KftVisit) v = kf_store_tally (f->store, session->id, -18, -9, &error);

    g_assert_no_error (error);
    g_assert_cmpint (v->youth_count, ==, 0);
    g_assert_cmpint (v->adult_count, ==, 0);
  }

  /* one tally per session */
  {
    g_autoptr(KftVisit) v = kf_store_tally (f->store, other->id, 0, 4, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (v->r.id, !=, first->r.id);
    g_assert_true (g_str_has_prefix (v->arrived_at, "2025-05-25T14:00:00"));
    g_assert_cmpint (kf_store_count (f->store, KF_ENTITY_VISIT, NULL), ==, 2);
  }

  /* no such session */
  snapshot_take (f->store, &snap);
  g_assert_null (kf_store_tally (f->store, NO_SUCH, 1, 0, &error));
  kft_assert_kf_error (error, KF_ERROR_NOT_FOUND, "session_id");
  g_clear_error (&error);
  snapshot_check_same (f->store, &snap);
}

/* Another installation's tally of the same session (pulled from the hub) is
 * never written here: this one keeps its own. */
static void
test_tally_per_installation (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(KfRecord) session = add_session (f->store, "2025-05-24", "09:30", 10);
  g_autoptr(KftVisit) mine = NULL;
  g_autoptr(KfRecord) theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  const char *theirs_id = "e0000000-0000-4000-8000-000000000001";

  sql = g_strdup_printf ("INSERT INTO visits (id, version, base_id, session_id, kind,"
                         " group_name, arrived_at, youth_count, adult_count, mine) VALUES"
                         " ('%s', 4, '" BASE_A "', '%s', 'individuals', '散客',"
                         " '2025-05-24T09:30:00+08:00', 11, 7, 0)", theirs_id, session->id);
  kft_sql_exec (f->store, sql);

  mine = kf_store_tally (f->store, session->id, 2, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mine->r.id, !=, theirs_id);
  g_assert_cmpint (mine->youth_count, ==, 2);
  theirs = get_ok (f->store, KF_ENTITY_VISIT, theirs_id);
  g_assert_cmpint (KF_VISIT (theirs)->youth_count, ==, 11);
  g_assert_cmpint (theirs->version, ==, 4);
  {
    g_autoptr(GPtrArray) ops = read_ops (f->store, theirs_id);

    g_assert_cmpuint (ops->len, ==, 0);
  }
}

/* Arrivals of booked groups */

static void
test_arrival (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(KfRecord) session = add_session (f->store, "2025-05-24", "09:30", 30);
  g_autoptr(KfRecord) booking = add_booking (f->store, session, "实验小学", 20, 2, "confirmed");
  g_autoptr(KftVisit) visit = NULL;
  g_autoptr(KfRecord) stored = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;

  mark_all_sent (f->store);
  visit = kf_store_record_arrival (f->store, booking->id, 25, 3, "2025-05-24T09:40:00+08:00",
                                   &error);
  g_assert_no_error (error);
  g_assert_nonnull (visit);
  g_assert_cmpstr (visit->kind, ==, "booked");
  g_assert_cmpstr (visit->booking_id, ==, booking->id);
  g_assert_cmpstr (visit->session_id, ==, session->id);
  g_assert_cmpstr (visit->base_id, ==, BASE_A);
  g_assert_cmpstr (visit->group_name, ==, "实验小学");
  g_assert_cmpstr (visit->arrived_at, ==, "2025-05-24T09:40:00+08:00");
  g_assert_cmpint (visit->youth_count, ==, 25);
  g_assert_cmpint (visit->adult_count, ==, 3);

  stored = get_ok (f->store, KF_ENTITY_VISIT, visit->r.id);
  g_assert_true (kf_record_equal_data (stored, (KfRecord *) visit));
  g_clear_pointer (&stored, kf_record_free);

  /* the booking is attended, its other fields as they were */
  stored = get_ok (f->store, KF_ENTITY_BOOKING, booking->id);
  g_assert_cmpstr (KF_BOOKING (stored)->status, ==, "attended");
  kft_set_text (booking, "status", "attended");
  g_assert_true (kf_record_equal_data (stored, booking));

  /* both ops queued */
  ops = read_ops (f->store, booking->id);
  g_assert_cmpuint (ops->len, ==, 2);
  check_op_data (ops->pdata[1], booking);
  g_clear_pointer (&ops, g_ptr_array_unref);
  ops = read_ops (f->store, visit->r.id);
  g_assert_cmpuint (ops->len, ==, 1);
  check_op_data (ops->pdata[0], (KfRecord *) visit);
  g_assert_cmpint (kft_sql_int (f->store, "SELECT count(*) FROM outbox WHERE sent = 0"), ==, 2);
}

static void
test_arrival_now_and_no_show (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(KfRecord) session = add_session (f->store, "2025-05-24", "09:30", 10);
  g_autoptr(KfRecord) booking = add_booking (f->store, session, "一中", 8, 2, "confirmed");
  g_autoptr(KftVisit) visit = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  /* a no-show that came after all; more people than seats: visits are facts */
  set_status (f->store, booking, "no_show");
  visit = kf_store_record_arrival (f->store, booking->id, 40, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kf_instant_is_valid (visit->arrived_at));
  g_assert_true (g_str_has_prefix (visit->arrived_at, today));
  g_assert_cmpint (visit->youth_count, ==, 40);
  {
    g_autoptr(KfRecord) stored = get_ok (f->store, KF_ENTITY_BOOKING, booking->id);

    g_assert_cmpstr (KF_BOOKING (stored)->status, ==, "attended");
  }
}

/* An arrival that cannot be recorded writes neither the visit nor the
 * booking. */
static void
test_arrival_failures (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(KfRecord) session = add_session (f->store, "2025-05-24", "09:30", 100);
  g_autoptr(KfRecord) requested = add_booking (f->store, session, "一中", 8, 2, "requested");
  g_autoptr(KfRecord) confirmed = add_booking (f->store, session, "二中", 8, 2, "confirmed");
  g_autoptr(KfRecord) cancelled = add_booking (f->store, session, "三中", 8, 2, "requested");
  const struct
  {
    const char *booking_id;
    gint64      youth;
    gint64      adults;
    const char *at;
    KfError     code;
    const char *field;
  } cases[] = {
    { requested->id, 8, 2, NULL, KF_ERROR_INVALID_TRANSITION, "status" },
    { cancelled->id, 8, 2, NULL, KF_ERROR_INVALID_TRANSITION, "status" },
    { confirmed->id, -1, 2, NULL, KF_ERROR_INVALID_FIELD, "youth_count" },
    { confirmed->id, 8, 100001, NULL, KF_ERROR_INVALID_FIELD, "adult_count" },
    { confirmed->id, 8, 2, "yesterday", KF_ERROR_INVALID_FIELD, "arrived_at" },
    { confirmed->id, 8, 2, "2025-05-24T09:40:00", KF_ERROR_INVALID_FIELD, "arrived_at" },
    { NO_SUCH, 8, 2, NULL, KF_ERROR_NOT_FOUND, "booking_id" },
  };

  set_status (f->store, cancelled, "cancelled");
  mark_all_sent (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KftVisit) visit = NULL;
      Snapshot snap;

      g_test_message ("case %u", i);
      snapshot_take (f->store, &snap);
      visit = kf_store_record_arrival (f->store, cases[i].booking_id, cases[i].youth,
                                       cases[i].adults, cases[i].at, &error);
      g_assert_null (visit);
      kft_assert_kf_error (error, cases[i].code, cases[i].field);
      snapshot_check_same (f->store, &snap);
    }

  {
    g_autoptr(KfRecord) r = get_ok (f->store, KF_ENTITY_BOOKING, requested->id);
    g_autoptr(KfRecord) c = get_ok (f->store, KF_ENTITY_BOOKING, confirmed->id);

    g_assert_cmpstr (KF_BOOKING (r)->status, ==, "requested");
    g_assert_cmpstr (KF_BOOKING (c)->status, ==, "confirmed");
  }
}

/* Lists */

static void
check_ids (GPtrArray         *records,
           const char * const *ids)
{
  guint n = g_strv_length ((char **) ids);

  g_assert_nonnull (records);
  for (guint i = 0; i < MIN (records->len, n); i++)
    g_assert_cmpstr (((KfRecord *) g_ptr_array_index (records, i))->id, ==, ids[i]);
  g_assert_cmpuint (records->len, ==, n);
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(KfRecord) s1 = add_session (f->store, "2025-05-20", "14:00", 50);
  g_autoptr(KfRecord) s2 = add_session (f->store, "2025-05-20", "09:00", 50);
  g_autoptr(KfRecord) s3 = add_session (f->store, "2025-05-21", "09:00", 50);
  g_autoptr(KfRecord) s4 = add_session (f->store, "2025-05-22", "09:00", 50);
  g_autoptr(KfRecord) s5 = add_session (f->store, "2025-06-01", "09:00", 50);
  g_autoptr(KfRecord) b1 = add_booking (f->store, s1, "乙校", 5, 1, "requested");
  g_autoptr(KfRecord) b2 = add_booking (f->store, s2, "甲校", 5, 1, "confirmed");
  g_autoptr(KfRecord) b3 = add_booking (f->store, s1, "丙校", 5, 1, "confirmed");
  g_autoptr(KfRecord) b4 = add_booking (f->store, s5, "丁校", 5, 1, "requested");
  g_autoptr(KfRecord) v1 = kft_visit (BASE_A, s1->id, NULL, "walk_in_group", "社区",
                                      "2025-05-20T10:30:00-05:00", 3, 1);
  g_autoptr(KfRecord) v2 = kft_visit (BASE_A, NULL, NULL, "walk_in_group", "社区",
                                      "2025-05-21T00:10:00+08:00", 3, 1);
  g_autoptr(KfRecord) v3 = kft_visit (BASE_A, s2->id, NULL, "walk_in_group", "社区",
                                      "2025-05-20T08:00:00Z", 3, 1);
  g_autoptr(KftVisit) v4 = NULL;
  g_autoptr(GError) error = NULL;
  const char *b2_id = b2->id, *b1_id = b1->id, *b3_id = b3->id, *b4_id = b4->id;

  set_status (f->store, s3, "cancelled");
  put_ok (f->store, v1);
  put_ok (f->store, v2);
  put_ok (f->store, v3);
  v4 = kf_store_tally (f->store, s4->id, 5, 5, &error);
  g_assert_no_error (error);

  /* sessions: by date and start */
  {
    const struct
    {
      KfQuery     query;
      const char *ids[6];
    } cases[] = {
      { { 0 }, { s2->id, s1->id, s3->id, s4->id, s5->id } },
      { { .from = "2025-05-21" }, { s3->id, s4->id, s5->id } },
      { { .to = "2025-05-21" }, { s2->id, s1->id, s3->id } },
      { { .from = "2025-05-20", .to = "2025-05-20" }, { s2->id, s1->id } },
      { { .from = "2025-05-23", .to = "2025-05-31" }, { NULL } },
      { { .status = "cancelled" }, { s3->id } },
      { { .status = "scheduled", .to = "2025-05-21" }, { s2->id, s1->id } },
      { { .session_id = s4->id }, { s4->id } },
      { { .limit = 2 }, { s2->id, s1->id } },
      { { .limit = 2, .offset = 2 }, { s3->id, s4->id } },
      { { .limit = 2, .offset = 4 }, { s5->id } },
      { { .offset = 3 }, { s4->id, s5->id } },
      { { .offset = 10 }, { NULL } },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GPtrArray) list = kf_store_list (f->store, KF_ENTITY_SESSION,
                                                   &cases[i].query, &error);

        g_test_message ("session case %u", i);
        g_assert_no_error (error);
        check_ids (list, cases[i].ids);
      }
  }

  /* bookings: by their session's date and start, then organisation */
  {
    const struct
    {
      KfQuery     query;
      const char *ids[5];
    } cases[] = {
      { { 0 }, { b2_id, b3_id, b1_id, b4_id } },
      { { .from = "2025-05-21" }, { b4_id } },
      { { .to = "2025-05-20" }, { b2_id, b3_id, b1_id } },
      { { .session_id = s1->id }, { b3_id, b1_id } },
      { { .status = "requested" }, { b1_id, b4_id } },
      { { .status = "confirmed", .session_id = s1->id }, { b3_id } },
      { { .limit = 1, .offset = 1 }, { b3_id } },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GPtrArray) list = kf_store_list (f->store, KF_ENTITY_BOOKING,
                                                   &cases[i].query, &error);

        g_test_message ("booking case %u", i);
        g_assert_no_error (error);
        check_ids (list, cases[i].ids);
      }
  }

  /* visits: by arrival; the date is arrived_at's as written */
  {
    const struct
    {
      KfQuery     query;
      const char *ids[5];
    } cases[] = {
      { { 0 }, { v3->id, v1->id, v2->id, v4->r.id } },
      { { .from = "2025-05-20", .to = "2025-05-20" }, { v3->id, v1->id } },
      { { .from = "2025-05-21", .to = "2025-05-21" }, { v2->id } },
      { { .from = "2025-05-22" }, { v4->r.id } },
      { { .session_id = s1->id }, { v1->id } },
      { { .status = "individuals" }, { v4->r.id } },
      { { .status = "walk_in_group", .limit = 2 }, { v3->id, v1->id } },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GPtrArray) list = kf_store_list (f->store, KF_ENTITY_VISIT,
                                                   &cases[i].query, &error);

        g_test_message ("visit case %u", i);
        g_assert_no_error (error);
        check_ids (list, cases[i].ids);
      }
  }

  /* bases */
  {
    g_autoptr(GPtrArray) list = kf_store_list (f->store, KF_ENTITY_BASE, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 1);
    g_assert_cmpstr (KF_BASE (g_ptr_array_index (list, 0))->name, ==, "县气象局");
  }
}

/* Topic and format filter sessions, and bookings by their session; the
 * count agrees with the list, so a lazy list shows what it counts. */
static void
test_list_topic_format (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(KfRecord) s1 = kft_session (BASE_A, "2025-05-20", "09:00", "10:00", 30, "看云",
                                        "meteorology", "lecture");
  g_autoptr(KfRecord) s2 = kft_session (BASE_A, "2025-05-21", "09:00", "10:00", 30, "种田",
                                        "agriculture", "hands_on");
  g_autoptr(KfRecord) s3 = kft_session (BASE_A, "2025-05-22", "09:00", "10:00", 30, "识雨",
                                        "meteorology", "hands_on");
  g_autoptr(KfRecord) b1 = NULL;
  g_autoptr(KfRecord) b2 = NULL;
  g_autoptr(KfRecord) b3 = NULL;
  g_autoptr(GError) error = NULL;
  const struct
  {
    KfEntity    entity;
    KfQuery     query;
    const char *ids[4];
  } cases[] = {
    { KF_ENTITY_SESSION, { .topic = "meteorology" }, { s1->id, s3->id } },
    { KF_ENTITY_SESSION, { .format = "hands_on" }, { s2->id, s3->id } },
    { KF_ENTITY_SESSION, { .topic = "meteorology", .format = "hands_on" }, { s3->id } },
    { KF_ENTITY_SESSION, { .topic = "meteorology", .from = "2025-05-21" }, { s3->id } },
    { KF_ENTITY_SESSION, { .topic = "health" }, { NULL } },
    { KF_ENTITY_SESSION, { .format = "lecture", .base_id = BASE_A }, { s1->id } },
    { KF_ENTITY_SESSION, { .format = "lecture", .base_id = "nowhere" }, { NULL } },
    { KF_ENTITY_SESSION, { .topic = "meteorology", .sort = KF_SORT_DATE_DESC },
      { s3->id, s1->id } },
  };

  put_ok (f->store, s1);
  put_ok (f->store, s2);
  put_ok (f->store, s3);
  b1 = add_booking (f->store, s1, "甲校", 5, 1, "requested");
  b2 = add_booking (f->store, s2, "乙校", 5, 1, "requested");
  b3 = add_booking (f->store, s3, "丙校", 5, 1, "confirmed");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) list = NULL;

      g_test_message ("case %u", i);
      list = kf_store_list (f->store, cases[i].entity, &cases[i].query, &error);
      g_assert_no_error (error);
      check_ids (list, cases[i].ids);
      g_assert_cmpint (kf_store_count_query (f->store, cases[i].entity, &cases[i].query,
                                             &error), ==, list->len);
      g_assert_no_error (error);
    }

  /* Bookings by their session's topic and format. */
  {
    KfQuery by_topic = { .topic = "meteorology" };
    KfQuery by_format = { .format = "hands_on", .status = "requested" };
    const char *topic_ids[] = { b1->id, b3->id, NULL };
    const char *format_ids[] = { b2->id, NULL };
    g_autoptr(GPtrArray) list = kf_store_list (f->store, KF_ENTITY_BOOKING, &by_topic, &error);

    g_assert_no_error (error);
    check_ids (list, topic_ids);
    g_clear_pointer (&list, g_ptr_array_unref);
    list = kf_store_list (f->store, KF_ENTITY_BOOKING, &by_format, &error);
    g_assert_no_error (error);
    check_ids (list, format_ids);
    g_assert_cmpint (kf_store_count_query (f->store, KF_ENTITY_BOOKING, &by_format, &error),
                     ==, 1);
  }

  /* Visits have no topic of their own: the filter does not apply. */
  {
    KfQuery query = { .topic = "health", .format = "other" };
    g_autoptr(KfRecord) visit = kft_visit (BASE_A, s1->id, NULL, "walk_in_group", "社区",
                                           "2025-05-20T10:30:00+08:00", 3, 1);
    g_autoptr(GPtrArray) visits = NULL;

    put_ok (f->store, visit);
    visits = kf_store_list (f->store, KF_ENTITY_VISIT, &query, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (visits->len, ==, 1);
  }
}

/* Chinese, emoji, quotes and new lines are kept exactly. */
static void
test_text_intact (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const texts[] = {
    "看云识天气——气象科普开放日",
    "“双引号”与\"ASCII quotes\"、'单引号'",
    "第一行\n第二行\r\n第三行\t制表",
    "🌦🌈 emoji 𠀀 扩展B区",
    "'; DROP TABLE sessions; --",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(KfRecord) session = kft_session (BASE_A, "2025-05-24", "09:00", "10:00", 10,
                                                 texts[i], "ai", "lecture");
      g_autoptr(KfRecord) stored = NULL;
      g_autoptr(KfRecord) booking = NULL;
      g_autoptr(KfRecord) stored_booking = NULL;
      g_autoptr(GPtrArray) ops = NULL;

      kft_set_text (session, "note", texts[i]);
      put_ok (f->store, session);
      stored = get_ok (f->store, KF_ENTITY_SESSION, session->id);
      g_assert_cmpstr (KF_SESSION (stored)->title, ==, texts[i]);
      g_assert_cmpstr (KF_SESSION (stored)->note, ==, texts[i]);
      ops = read_ops (f->store, session->id);
      check_op_data (ops->pdata[0], session);

      booking = kft_booking (BASE_A, session->id, texts[i], 1, 1, "requested");
      kft_set_text (booking, "contact_name", "欧阳老师");
      kft_set_text (booking, "grade", "初二（3）班");
      put_ok (f->store, booking);
      stored_booking = get_ok (f->store, KF_ENTITY_BOOKING, booking->id);
      g_assert_true (kf_record_equal_data (stored_booking, booking));
    }
  g_assert_cmpint (kf_store_count (f->store, KF_ENTITY_SESSION, NULL), ==, G_N_ELEMENTS (texts));
}

static void
test_get_and_meta (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) missing = kf_store_get (f->store, KF_ENTITY_SESSION, NO_SUCH, &error);
  g_autofree char *value = NULL;

  g_assert_null (missing);
  g_assert_error (error, KF_ERROR, (gint) KF_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (kf_store_get_meta (f->store, "hub_url"));
  g_assert_true (kf_store_set_meta (f->store, "hub_url", "https://hub.example/", &error));
  value = kf_store_get_meta (f->store, "hub_url");
  g_assert_cmpstr (value, ==, "https://hub.example/");
  g_clear_pointer (&value, g_free);
  g_assert_true (kf_store_set_meta (f->store, "hub_url", "http://127.0.0.1:8080/", &error));
  value = kf_store_get_meta (f->store, "hub_url");
  g_assert_cmpstr (value, ==, "http://127.0.0.1:8080/");
  g_assert_true (kf_store_set_meta (f->store, "hub_url", NULL, &error));
  g_assert_no_error (error);
  g_assert_null (kf_store_get_meta (f->store, "hub_url"));
}

static int
count_statements_cb (unsigned int  type,
                     void         *data,
                     void         *stmt,
                     void         *x)
{
  if (type == SQLITE_TRACE_STMT)
    (*(guint *) data)++;
  return 0;
}

/* Records by a list of ids: one statement, each found record once and as
 * kf_store_get() gives it, missing ids left out, an unknown entity refused. */
static void
test_get_many (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(KfRecord) first = add_session (f->store, "2025-05-24", "09:00", 10);
  g_autoptr(KfRecord) second = add_session (f->store, "2025-05-25", "09:00", 20);
  g_autoptr(KfRecord) third = add_session (f->store, "2025-05-26", "09:00", 30);
  g_autoptr(KfRecord) booking = add_booking (f->store, first, "沁水县实验小学", 4, 1,
                                             "confirmed");
  const char *ids[] = { third->id, NO_SUCH, first->id, third->id, NULL };
  const char *none[] = { NULL };
  const char *booking_ids[] = { booking->id, first->id, NULL };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  guint statements = 0;

  sqlite3_trace_v2 (kf_store_get_db (f->store), SQLITE_TRACE_STMT, count_statements_cb,
                    &statements);
  records = kf_store_get_many (f->store, KF_ENTITY_SESSION, ids, &error);
  sqlite3_trace_v2 (kf_store_get_db (f->store), 0, NULL, NULL);
  g_assert_no_error (error);
  g_assert_nonnull (records);
  g_assert_cmpuint (statements, ==, 1);
  g_assert_cmpuint (records->len, ==, 2);
  for (guint i = 0; i < records->len; i++)
    {
      KfRecord *record = g_ptr_array_index (records, i);
      g_autoptr(KfRecord) stored = get_ok (f->store, KF_ENTITY_SESSION, record->id);

      g_assert_true (g_strcmp0 (record->id, first->id) == 0 ||
                     g_strcmp0 (record->id, third->id) == 0);
      /* With the computed people of its bookings, as kf_store_get() has them. */
      g_assert_true (kf_record_equal_data (record, stored));
      g_assert_cmpint (record->version, ==, stored->version);
    }
  g_assert_cmpstr (((KfRecord *) records->pdata[0])->id, !=,
                   ((KfRecord *) records->pdata[1])->id);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Ids of another entity are not found among these records. */
  records = kf_store_get_many (f->store, KF_ENTITY_BOOKING, booking_ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_true (kf_record_equal_data (records->pdata[0], booking));
  g_clear_pointer (&records, g_ptr_array_unref);

  records = kf_store_get_many (f->store, KF_ENTITY_SESSION, none, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);
  g_clear_pointer (&records, g_ptr_array_unref);

  records = kf_store_get_many (f->store, KF_N_ENTITIES, ids, &error);
  g_assert_null (records);
  g_assert_error (error, KF_ERROR, (gint) KF_ERROR_INVALID_FIELD);
  g_assert_cmpstr (kf_error_get_field (error), ==, "entity");
}

/* A transaction rolled back leaves nothing; a save outside one is refused
 * by nobody, but the rules are the caller's business. */
static void
test_transaction (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(KfRecord) session = kft_session (BASE_A, "2025-05-24", "09:00", "10:00", 10, "t",
                                             "ai", "lecture");
  g_autoptr(GError) error = NULL;

  g_assert_true (kf_store_begin (f->store, &error));
  g_assert_true (kf_store_save (f->store, session, &error));
  g_assert_cmpint (kf_store_count (f->store, KF_ENTITY_SESSION, NULL), ==, 1);
  kf_store_rollback (f->store);
  g_assert_cmpint (kf_store_count (f->store, KF_ENTITY_SESSION, NULL), ==, 0);
  g_assert_no_error (error);

  /* rollback outside a transaction is harmless */
  kf_store_rollback (f->store);
  g_assert_true (kf_store_begin (f->store, &error));
  g_assert_true (kf_store_commit (f->store, &error));
  g_assert_no_error (error);
}

/* Another connection sees only committed writes, each put as a whole. */
static void
test_second_connection (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfStore) other = kf_store_open (f->path, &error);
  g_autoptr(KfRecord) session = add_session (f->store, "2025-05-24", "09:00", 10);
  g_autoptr(KfRecord) seen = NULL;

  g_assert_no_error (error);
  seen = get_ok (other, KF_ENTITY_SESSION, session->id);
  g_assert_true (kf_record_equal_data (seen, session));
  g_assert_cmpint (kft_sql_int (other, "SELECT count(*) FROM outbox"), ==, 1);

  g_assert_true (kf_store_begin (f->store, &error));
  KF_SESSION (session)->capacity = 20;
  g_assert_true (kf_store_save (f->store, session, &error));
  g_clear_pointer (&seen, kf_record_free);
  seen = get_ok (other, KF_ENTITY_SESSION, session->id);
  g_assert_cmpint (KF_SESSION (seen)->capacity, ==, 10);
  g_assert_true (kf_store_commit (f->store, &error));
  g_clear_pointer (&seen, kf_record_free);
  seen = get_ok (other, KF_ENTITY_SESSION, session->id);
  g_assert_cmpint (KF_SESSION (seen)->capacity, ==, 20);
}

static void
test_instants (void)
{
  g_autofree char *now = kf_instant_now ();
  g_autofree char *local = kf_instant_from_local ("2025-05-24", "09:30");
  g_autofree char *winter = kf_instant_from_local ("2025-01-05", "00:00");

  g_assert_true (kf_instant_is_valid (now));
  g_assert_cmpstr (local, ==, "2025-05-24T09:30:00+08:00");
  g_assert_cmpstr (winter, ==, "2025-01-05T00:00:00+08:00");
  g_assert_null (kf_instant_from_local ("2025-02-29", "09:30"));
  g_assert_null (kf_instant_from_local ("2025-05-24", "24:00"));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/store/open/pragmas", test_open_pragmas);
  for (int v = 1; v < KF_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *path = g_strdup_printf ("/store/open/migration-from-%d", v);

      g_test_add_data_func (path, GINT_TO_POINTER (v), test_migration_from);
    }
  g_test_add_func ("/store/open/migration-from-0", test_migration_from_0);
  g_test_add_func ("/store/open/newer-version", test_newer_version);
  g_test_add_func ("/store/open/not-sqlite", test_not_sqlite);
  g_test_add_func ("/store/identity/roles", test_identity);
  g_test_add_func ("/store/identity/invalid", test_identity_invalid);
  g_test_add_func ("/store/put/by-role", test_put_by_role);
  g_test_add_func ("/store/put/school-installation", test_school_installation);
  ADD ("/store/put/outbox", test_put_outbox);
  ADD ("/store/put/status-steps", test_put_status_steps);
  ADD ("/store/put/keeps-version", test_put_keeps_version);
  ADD ("/store/put/failure-writes-nothing", test_put_failure_writes_nothing);
  ADD ("/store/put-many/all-or-nothing", test_put_many);
  ADD ("/store/references", test_references);
  ADD ("/store/capacity/seats", test_capacity);
  ADD ("/store/capacity/move", test_capacity_move);
  ADD ("/store/tally/counts", test_tally);
  ADD ("/store/tally/per-installation", test_tally_per_installation);
  ADD ("/store/arrival/booked", test_arrival);
  ADD ("/store/arrival/now-and-no-show", test_arrival_now_and_no_show);
  ADD ("/store/arrival/failures", test_arrival_failures);
  ADD ("/store/list", test_list);
  ADD ("/store/list/topic-format", test_list_topic_format);
  ADD ("/store/text-intact", test_text_intact);
  ADD ("/store/get-and-meta", test_get_and_meta);
  ADD ("/store/get-many", test_get_many);
  ADD ("/store/transaction", test_transaction);
  ADD ("/store/second-connection", test_second_connection);
  g_test_add_func ("/store/instants", test_instants);

  return g_test_run ();
}

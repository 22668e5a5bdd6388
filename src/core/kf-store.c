/* kf-store.c — the SQLite database of one installation (or of the hub)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kf-error.h"
#include "kf-store-private.h"

struct _KfStore
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *db;
  GHashTable  *statements;
  KfIdentity  *identity;
};

G_DEFINE_FINAL_TYPE (KfStore, kf_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Records reference each other (a booking its session), but pulled data may
 * bring a booking before its session, so references are checked by the
 * rules (kf_store_check_write()), not by foreign keys. */
static const char migration_1[] =
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);"
  "CREATE TABLE bases ("
  "  id TEXT PRIMARY KEY,"
  "  version INTEGER NOT NULL DEFAULT 0,"
  "  name TEXT NOT NULL,"
  "  address TEXT NOT NULL DEFAULT '',"
  "  contact_name TEXT NOT NULL DEFAULT '',"
  "  contact_phone TEXT NOT NULL DEFAULT '');"
  "CREATE TABLE sessions ("
  "  id TEXT PRIMARY KEY,"
  "  version INTEGER NOT NULL DEFAULT 0,"
  "  base_id TEXT NOT NULL,"
  "  date TEXT NOT NULL,"
  "  start TEXT NOT NULL,"
  "  \"end\" TEXT NOT NULL,"
  "  capacity INTEGER NOT NULL,"
  "  title TEXT NOT NULL,"
  "  topic TEXT NOT NULL,"
  "  format TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  note TEXT NOT NULL DEFAULT '',"
  "  confirmed_people INTEGER NOT NULL DEFAULT 0,"
  "  requested_people INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX sessions_by_date ON sessions (date, start);"
  "CREATE TABLE bookings ("
  "  id TEXT PRIMARY KEY,"
  "  version INTEGER NOT NULL DEFAULT 0,"
  "  base_id TEXT NOT NULL,"
  "  session_id TEXT NOT NULL,"
  "  org_name TEXT NOT NULL,"
  "  org_type TEXT NOT NULL,"
  "  grade TEXT NOT NULL DEFAULT '',"
  "  contact_name TEXT NOT NULL,"
  "  contact_phone TEXT NOT NULL,"
  "  youth_count INTEGER NOT NULL,"
  "  adult_count INTEGER NOT NULL,"
  "  status TEXT NOT NULL,"
  "  note TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX bookings_by_session ON bookings (session_id, status);"
  "CREATE TABLE visits ("
  "  id TEXT PRIMARY KEY,"
  "  version INTEGER NOT NULL DEFAULT 0,"
  "  base_id TEXT NOT NULL,"
  "  session_id TEXT,"
  "  booking_id TEXT,"
  "  kind TEXT NOT NULL,"
  "  group_name TEXT NOT NULL,"
  "  arrived_at TEXT NOT NULL,"
  "  youth_count INTEGER NOT NULL,"
  "  adult_count INTEGER NOT NULL,"
  "  note TEXT NOT NULL DEFAULT '',"
  "  mine INTEGER NOT NULL DEFAULT 1);"
  "CREATE TABLE outbox ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  op_id TEXT NOT NULL UNIQUE,"
  "  entity TEXT NOT NULL,"
  "  record_id TEXT NOT NULL,"
  "  data TEXT NOT NULL,"
  "  sent INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL);"
  "CREATE INDEX outbox_by_record ON outbox (record_id, seq);";

/* What totals need: a visit's date is the date part of arrived_at as written,
 * and one covering index serves every grouping of totals. */
static const char migration_2[] =
  "ALTER TABLE visits ADD COLUMN arrived_date TEXT"
  "  GENERATED ALWAYS AS (substr(arrived_at, 1, 10)) VIRTUAL;"
  "CREATE INDEX visits_for_totals ON visits"
  "  (arrived_date, base_id, session_id, kind, youth_count, adult_count);"
  "CREATE INDEX visits_by_session ON visits (session_id, kind);"
  "CREATE INDEX visits_by_booking ON visits (booking_id);"
  "CREATE INDEX bookings_by_base ON bookings (base_id);";

/* What syncing keeps: an op that met a conflict or was rejected stays in the
 * outbox, out of the queue, with the hub's answer; a conflict keeps the hub's
 * copy beside the local record until a person resolves it. */
static const char migration_3[] =
  "ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'queued';"
  "ALTER TABLE outbox ADD COLUMN error_code TEXT;"
  "ALTER TABLE outbox ADD COLUMN error_field TEXT;"
  "ALTER TABLE outbox ADD COLUMN error_message TEXT;"
  "CREATE INDEX outbox_by_state ON outbox (state, seq);"
  "CREATE TABLE conflicts ("
  "  entity TEXT NOT NULL,"
  "  record_id TEXT NOT NULL,"
  "  hub_version INTEGER NOT NULL,"
  "  hub_data TEXT NOT NULL,"
  "  found_at TEXT NOT NULL,"
  "  PRIMARY KEY (entity, record_id));";

/* Totals read the sums of visits per base, day, session and kind, kept by
 * triggers, instead of every visit: a week of a county's figures is then a
 * few thousand rows however many visitors came (and the index on a virtual
 * column of migration 2 could never cover a query). */
static const char migration_4[] =
  "CREATE TABLE visit_sums ("
  "  base_id TEXT NOT NULL,"
  "  day TEXT NOT NULL,"
  "  session_id TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  visits INTEGER NOT NULL,"
  "  youth INTEGER NOT NULL,"
  "  adults INTEGER NOT NULL,"
  "  PRIMARY KEY (base_id, day, session_id, kind)) WITHOUT ROWID;"
  "CREATE INDEX visit_sums_by_day ON visit_sums (day);"
  "INSERT INTO visit_sums SELECT base_id, substr(arrived_at, 1, 10), coalesce(session_id, ''),"
  "  kind, count(*), sum(youth_count), sum(adult_count) FROM visits GROUP BY 1, 2, 3, 4;"
  "CREATE TRIGGER visit_sums_insert AFTER INSERT ON visits BEGIN"
  "  INSERT INTO visit_sums VALUES (NEW.base_id, substr(NEW.arrived_at, 1, 10),"
  "    coalesce(NEW.session_id, ''), NEW.kind, 1, NEW.youth_count, NEW.adult_count)"
  "  ON CONFLICT DO UPDATE SET visits = visits + 1, youth = youth + excluded.youth,"
  "    adults = adults + excluded.adults;"
  "END;"
  "CREATE TRIGGER visit_sums_delete AFTER DELETE ON visits BEGIN"
  "  UPDATE visit_sums SET visits = visits - 1, youth = youth - OLD.youth_count,"
  "    adults = adults - OLD.adult_count"
  "  WHERE base_id = OLD.base_id AND day = substr(OLD.arrived_at, 1, 10)"
  "    AND session_id = coalesce(OLD.session_id, '') AND kind = OLD.kind;"
  "END;"
  "CREATE TRIGGER visit_sums_update AFTER UPDATE OF base_id, arrived_at, session_id, kind,"
  "  youth_count, adult_count ON visits BEGIN"
  "  UPDATE visit_sums SET visits = visits - 1, youth = youth - OLD.youth_count,"
  "    adults = adults - OLD.adult_count"
  "  WHERE base_id = OLD.base_id AND day = substr(OLD.arrived_at, 1, 10)"
  "    AND session_id = coalesce(OLD.session_id, '') AND kind = OLD.kind;"
  "  INSERT INTO visit_sums VALUES (NEW.base_id, substr(NEW.arrived_at, 1, 10),"
  "    coalesce(NEW.session_id, ''), NEW.kind, 1, NEW.youth_count, NEW.adult_count)"
  "  ON CONFLICT DO UPDATE SET visits = visits + 1, youth = youth + excluded.youth,"
  "    adults = adults + excluded.adults;"
  "END;"
  "CREATE INDEX sessions_for_totals ON sessions (date, status, base_id, format, topic);"
  "DROP INDEX IF EXISTS conflicts_by_record;"
  "CREATE INDEX conflicts_by_record ON conflicts (record_id);";

/* When each base last synced with the hub, as the hub tells a reviewer (a
 * base's own records carry no such time). And the covering index of
 * migration 2, which totals no longer read (migration 4), made every visit
 * written cost six more columns of index: the visits list by day needs only
 * the day. */
static const char migration_5[] =
  "CREATE TABLE base_sync ("
  "  base_id TEXT PRIMARY KEY,"
  "  last_sync TEXT NOT NULL) WITHOUT ROWID;"
  "DROP INDEX visits_for_totals;"
  "CREATE INDEX visits_by_day ON visits (arrived_date);";

static const char * const migrations[] = {
  migration_1, migration_2, migration_3, migration_4, migration_5
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == KF_STORE_SCHEMA_VERSION);

static void
kf_store_finalize (GObject *object)
{
  KfStore *self = (KfStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->identity, kf_identity_free);

  G_OBJECT_CLASS (kf_store_parent_class)->finalize (object);
}

static void
kf_store_class_init (KfStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kf_store_finalize;

  /**
   * KfStore::changed:
   *
   * Records were written: by a change made through this store, or by a sync
   * made through another connection (kf_store_notify_changed()). Views
   * reload what they show.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

void
kf_store_notify_changed (KfStore *self)
{
  g_return_if_fail (KF_IS_STORE (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
kf_store_init (KfStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
}

void
kf_store_set_sqlite_error (KfStore *self,
                           GError **error)
{
  int code = sqlite3_extended_errcode (self->db);

  if ((code & 0xff) == SQLITE_READONLY || (code & 0xff) == SQLITE_CANTOPEN ||
      (code & 0xff) == SQLITE_PERM || (code & 0xff) == SQLITE_FULL)
    g_set_error (error, KF_ERROR, KF_ERROR_DATABASE, _("the database cannot be written: %s"),
                 sqlite3_errmsg (self->db));
  else if ((code & 0xff) == SQLITE_NOTADB)
    g_set_error (error, KF_ERROR, KF_ERROR_DATABASE, _("is not a Kaifang database"));
  else
    g_set_error (error, KF_ERROR, KF_ERROR_DATABASE, _("database error: %s"),
                 sqlite3_errmsg (self->db));
}

gboolean
kf_store_exec (KfStore    *self,
               const char *sql,
               GError    **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      kf_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * kf_store_prepare:
 *
 * Returns: (transfer none) (nullable): a statement prepared once per store
 *   and reset, for @sql, which is always a constant of the program
 */
sqlite3_stmt *
kf_store_prepare (KfStore    *self,
                  const char *sql,
                  GError    **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      kf_store_set_sqlite_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
kf_store_step_done (KfStore      *self,
                    sqlite3_stmt *stmt,
                    GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      kf_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

void
kf_store_bind_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

const char *
kf_store_column_text (sqlite3_stmt *stmt,
                      int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

sqlite3 *
kf_store_get_db (KfStore *self)
{
  return self->db;
}

static int
read_user_version (KfStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
migrate (KfStore *self,
         int      target,
         GError **error)
{
  int version = read_user_version (self);

  if (version < 0)
    {
      kf_store_set_sqlite_error (self, error);
      return FALSE;
    }
  if (version > KF_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, KF_ERROR, KF_ERROR_DATABASE,
                   _("was made by a newer version of Kaifang (schema %d)"), version);
      return FALSE;
    }

  for (int next = version + 1; next <= target; next++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", next);

      g_debug ("Migrating %s to schema %d", self->path, next);
      if (!kf_store_begin (self, error))
        return FALSE;
      if (!kf_store_exec (self, migrations[next - 1], error) ||
          !kf_store_exec (self, set_version, error) ||
          !kf_store_commit (self, error))
        {
          kf_store_rollback (self);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
configure_connection (KfStore *self,
                      GError **error)
{
  sqlite3_busy_timeout (self->db, 10000);

  /* The first statement that reads the file tells whether it is SQLite. */
  return kf_store_exec (self, "PRAGMA journal_mode = WAL", error) &&
         kf_store_exec (self, "PRAGMA synchronous = FULL", error) &&
         kf_store_exec (self, "PRAGMA foreign_keys = ON", error);
}

/* For the tests of migrations: opens @path, migrated up to @version only. */
KfStore *
kf_store_open_at_version (const char *path,
                          int         version,
                          GError    **error)
{
  g_autoptr(KfStore) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version >= 0 && version <= KF_STORE_SCHEMA_VERSION, NULL);

  self = g_object_new (KF_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, KF_ERROR, KF_ERROR_DATABASE, _("cannot be opened: %s"),
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, KF_ERROR, KF_ERROR_DATABASE,
                   _("the database cannot be written: permission denied"));
      return NULL;
    }

  if (!configure_connection (self, error) || !migrate (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * kf_store_open:
 * @path: the database file, made if missing
 * @error: return location
 *
 * Opens the database in WAL mode with full synchronous writes and foreign
 * keys, and brings its schema up to date, one migration per transaction.
 *
 * Returns: (transfer full) (nullable): the store
 */
KfStore *
kf_store_open (const char *path,
               GError    **error)
{
  return kf_store_open_at_version (path, KF_STORE_SCHEMA_VERSION, error);
}

const char *
kf_store_get_path (KfStore *self)
{
  g_return_val_if_fail (KF_IS_STORE (self), NULL);

  return self->path;
}

int
kf_store_get_schema_version (KfStore *self)
{
  g_return_val_if_fail (KF_IS_STORE (self), -1);

  return read_user_version (self);
}

/**
 * kf_store_default_path:
 *
 * Returns: (transfer full): the database that the window and the command line
 *   share, under the user's data directory
 */
char *
kf_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "kaifang", "kaifang.db", NULL);
}

gboolean
kf_store_begin (KfStore *self,
                GError **error)
{
  g_return_val_if_fail (KF_IS_STORE (self), FALSE);

  return kf_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
kf_store_commit (KfStore *self,
                 GError **error)
{
  g_return_val_if_fail (KF_IS_STORE (self), FALSE);

  return kf_store_exec (self, "COMMIT", error);
}

void
kf_store_rollback (KfStore *self)
{
  g_return_if_fail (KF_IS_STORE (self));

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Meta and identity */

char *
kf_store_get_meta (KfStore    *self,
                   const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (KF_IS_STORE (self), NULL);

  stmt = kf_store_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  kf_store_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (kf_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
kf_store_set_meta (KfStore    *self,
                   const char *key,
                   const char *value,
                   GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KF_IS_STORE (self), FALSE);

  if (value == NULL)
    stmt = kf_store_prepare (self, "DELETE FROM meta WHERE key = ?1", error);
  else
    stmt = kf_store_prepare (self, "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  kf_store_bind_text (stmt, 1, key);
  if (value != NULL)
    kf_store_bind_text (stmt, 2, value);
  return kf_store_step_done (self, stmt, error);
}

static gboolean
write_identity (KfStore          *self,
                const KfIdentity *identity,
                const KfBase     *base,
                GError          **error)
{
  g_autofree char *installation_id = kf_new_id ();
  g_autofree char *existing = kf_store_get_meta (self, "role");

  if (existing != NULL)
    {
      g_set_error (error, KF_ERROR, KF_ERROR_FAILED,
                   _("is already set up for the role %s"), existing);
      return FALSE;
    }

  if (base != NULL)
    {
      g_autoptr(KfRecord) copy = kf_record_copy ((const KfRecord *) base);

      if (!kf_record_validate (copy, error) || !kf_store_save (self, copy, error))
        return FALSE;
    }

  return kf_store_set_meta (self, "role", kf_role_to_string (identity->role), error) &&
         kf_store_set_meta (self, "base_id", identity->base_id, error) &&
         kf_store_set_meta (self, "org_name", identity->org_name, error) &&
         kf_store_set_meta (self, "installation_id", installation_id, error);
}

/**
 * kf_store_initialize:
 * @self: an empty store
 * @identity: the installation's role, base or organisation
 * @base: (nullable): for a base, its record (its id is @identity's base_id)
 * @error: return location
 *
 * Sets up an empty database for one role, in one transaction. A database
 * that is already set up is left as it is, with an error.
 */
gboolean
kf_store_initialize (KfStore          *self,
                     const KfIdentity *identity,
                     const KfBase     *base,
                     GError          **error)
{
  g_return_val_if_fail (KF_IS_STORE (self), FALSE);
  g_return_val_if_fail (identity != NULL, FALSE);
  g_return_val_if_fail ((identity->role == KF_ROLE_BASE) == (base != NULL), FALSE);

  if (identity->role == KF_ROLE_SCHOOL)
    {
      const KfFieldSpec *org = kf_entity_find_field (KF_ENTITY_BOOKING, "org_name");
      g_autoptr(KfRecord) probe = kf_record_new (KF_ENTITY_BOOKING);

      kf_record_set_text (probe, org, identity->org_name);
      if (!kf_record_validate_field (probe, "org_name", error))
        return FALSE;
    }

  if (!kf_store_begin (self, error))
    return FALSE;
  if (!write_identity (self, identity, base, error) || !kf_store_commit (self, error))
    {
      kf_store_rollback (self);
      return FALSE;
    }
  g_clear_pointer (&self->identity, kf_identity_free);
  return TRUE;
}

/**
 * kf_store_initialize_locked:
 *
 * As kf_store_initialize(), inside the caller's transaction: for setting up
 * and filling a database at once (the demo data set).
 */
gboolean
kf_store_initialize_locked (KfStore          *self,
                            const KfIdentity *identity,
                            const KfBase     *base,
                            GError          **error)
{
  g_return_val_if_fail (KF_IS_STORE (self), FALSE);
  g_return_val_if_fail (identity != NULL, FALSE);
  g_return_val_if_fail ((identity->role == KF_ROLE_BASE) == (base != NULL), FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (self->db), FALSE);

  g_clear_pointer (&self->identity, kf_identity_free);
  return write_identity (self, identity, base, error);
}

/* For when the identity changes under the store (the first sync). */
void
kf_store_forget_identity (KfStore *self)
{
  g_return_if_fail (KF_IS_STORE (self));

  g_clear_pointer (&self->identity, kf_identity_free);
}

/**
 * kf_store_get_identity:
 *
 * Returns: (transfer full) (nullable): who this installation is, or
 *   %KF_ERROR_NOT_INITIALIZED
 */
KfIdentity *
kf_store_get_identity (KfStore *self,
                       GError **error)
{
  g_autofree char *role_text = NULL;
  g_autofree char *base_id = NULL;
  g_autofree char *org_name = NULL;
  KfRole role;

  g_return_val_if_fail (KF_IS_STORE (self), NULL);

  if (self->identity != NULL)
    return kf_identity_copy (self->identity);

  role_text = kf_store_get_meta (self, "role");
  if (role_text == NULL || !kf_role_from_string (role_text, &role))
    {
      g_set_error (error, KF_ERROR, KF_ERROR_NOT_INITIALIZED,
                   _("is not set up yet: run “kaifang-cli init” or start Kaifang first"));
      return NULL;
    }
  base_id = kf_store_get_meta (self, "base_id");
  org_name = kf_store_get_meta (self, "org_name");
  self->identity = kf_identity_new (role, base_id, org_name);
  return kf_identity_copy (self->identity);
}

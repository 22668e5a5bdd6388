/* kf-store-records.c — reading and writing the records of a store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "kf-error.h"
#include "kf-store-private.h"

typedef struct
{
  char *select_columns;
  char *get;
  char *upsert;
  char *count;
} EntitySql;

static EntitySql entity_sql[KF_N_ENTITIES];

static char *
computed_column (const KfEntityInfo *info,
                 const KfFieldSpec  *field)
{
  /* A session's people are those of its bookings, as the hub defines them. */
  g_assert (info->entity == KF_ENTITY_SESSION);

  if (strcmp (field->name, "confirmed_people") == 0)
    return g_strdup ("(SELECT coalesce(sum(b.youth_count + b.adult_count), 0) FROM bookings b"
                     " WHERE b.session_id = sessions.id"
                     " AND b.status IN ('confirmed', 'attended'))");
  return g_strdup ("(SELECT coalesce(sum(b.youth_count + b.adult_count), 0) FROM bookings b"
                   " WHERE b.session_id = sessions.id AND b.status = 'requested')");
}

static void
build_entity_sql (KfEntity entity)
{
  const KfEntityInfo *info = kf_entity_info (entity);
  g_autoptr(GString) select = g_string_new (NULL);
  g_autoptr(GString) columns = g_string_new ("\"id\", \"version\"");
  g_autoptr(GString) values = g_string_new ("?, ?");
  g_autoptr(GString) updates = g_string_new ("\"version\" = excluded.\"version\"");
  EntitySql *sql = &entity_sql[entity];

  g_string_append_printf (select, "%s.\"id\", %s.\"version\"", info->table, info->table);
  for (guint i = 0; i < info->n_fields; i++)
    {
      const KfFieldSpec *field = &info->fields[i];

      if (field->flags & KF_FIELD_COMPUTED)
        {
          g_autofree char *expr = computed_column (info, field);
          g_string_append_printf (select, ", %s", expr);
        }
      else
        g_string_append_printf (select, ", %s.\"%s\"", info->table, field->name);

      g_string_append_printf (columns, ", \"%s\"", field->name);
      g_string_append (values, ", ?");
      g_string_append_printf (updates, ", \"%s\" = excluded.\"%s\"", field->name, field->name);
    }

  sql->select_columns = g_strdup (select->str);
  sql->get = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", select->str, info->table);
  sql->upsert = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s) ON CONFLICT (id) DO UPDATE SET %s",
                                 info->table, columns->str, values->str, updates->str);
  sql->count = g_strdup_printf ("SELECT count(*) FROM %s", info->table);
}

static const EntitySql *
get_entity_sql (KfEntity entity)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < KF_N_ENTITIES; i++)
        build_entity_sql (i);
      g_once_init_leave (&initialized, 1);
    }
  return &entity_sql[entity];
}

const char *
kf_store_select_columns (KfEntity entity)
{
  return get_entity_sql (entity)->select_columns;
}

/**
 * kf_store_read_record:
 * @entity: which record
 * @stmt: a statement on a row selected with kf_store_select_columns()
 * @first_column: where those columns begin
 *
 * Returns: (transfer full): the record of the current row
 */
KfRecord *
kf_store_read_record (KfEntity      entity,
                      sqlite3_stmt *stmt,
                      int           first_column)
{
  const KfEntityInfo *info = kf_entity_info (entity);
  KfRecord *record = kf_record_new (entity);
  int column = first_column;

  record->id = g_strdup (kf_store_column_text (stmt, column++));
  record->version = sqlite3_column_int64 (stmt, column++);
  for (guint i = 0; i < info->n_fields; i++, column++)
    {
      const KfFieldSpec *field = &info->fields[i];

      if (field->type == KF_FIELD_INT)
        kf_record_set_int (record, field, sqlite3_column_int64 (stmt, column));
      else
        kf_record_set_text (record, field, kf_store_column_text (stmt, column));
    }
  return record;
}

/**
 * kf_store_get:
 *
 * Returns: (transfer full) (nullable): the record, or %KF_ERROR_NOT_FOUND
 */
KfRecord *
kf_store_get (KfStore    *self,
              KfEntity    entity,
              const char *id,
              GError    **error)
{
  sqlite3_stmt *stmt;
  KfRecord *record = NULL;
  int rc;

  g_return_val_if_fail (KF_IS_STORE (self), NULL);
  g_return_val_if_fail (entity < KF_N_ENTITIES, NULL);

  stmt = kf_store_prepare (self, get_entity_sql (entity)->get, error);
  if (stmt == NULL)
    return NULL;

  kf_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = kf_store_read_record (entity, stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, KF_ERROR, KF_ERROR_NOT_FOUND, kf_not_found_message (entity));
  else
    kf_store_set_sqlite_error (self, error);
  sqlite3_reset (stmt);
  return record;
}

gint64
kf_store_count (KfStore  *self,
                KfEntity  entity,
                GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (KF_IS_STORE (self), -1);

  stmt = kf_store_prepare (self, get_entity_sql (entity)->count, error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    kf_store_set_sqlite_error (self, error);
  sqlite3_reset (stmt);
  return count;
}

/**
 * kf_not_found_message:
 *
 * Returns: the translated reason for a missing record of @entity
 */
const char *
kf_not_found_message (KfEntity entity)
{
  switch (entity)
    {
    case KF_ENTITY_BASE:
      return _("there is no base with this id");
    case KF_ENTITY_SESSION:
      return _("there is no session with this id");
    case KF_ENTITY_BOOKING:
      return _("there is no booking with this id");
    case KF_ENTITY_VISIT:
      return _("there is no visit with this id");
    case KF_N_ENTITIES:
    default:
      g_assert_not_reached ();
    }
}

static char *
list_sql (KfEntity entity)
{
  const char *columns = kf_store_select_columns (entity);

  /* Every filter is a parameter; a NULL parameter leaves it out. */
  switch (entity)
    {
    case KF_ENTITY_BASE:
      return g_strdup_printf ("SELECT %s FROM bases ORDER BY name, id LIMIT ?5 OFFSET ?6",
                              columns);
    case KF_ENTITY_SESSION:
      return g_strdup_printf ("SELECT %s FROM sessions"
                              " WHERE (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= ?2)"
                              " AND (?3 IS NULL OR id = ?3) AND (?4 IS NULL OR status = ?4)"
                              " ORDER BY date, start, title, id LIMIT ?5 OFFSET ?6", columns);
    case KF_ENTITY_BOOKING:
      return g_strdup_printf ("SELECT %s FROM bookings LEFT JOIN sessions s"
                              " ON s.id = bookings.session_id"
                              " WHERE (?1 IS NULL OR s.date >= ?1) AND (?2 IS NULL OR s.date <= ?2)"
                              " AND (?3 IS NULL OR bookings.session_id = ?3)"
                              " AND (?4 IS NULL OR bookings.status = ?4)"
                              " ORDER BY s.date, s.start, bookings.org_name, bookings.id"
                              " LIMIT ?5 OFFSET ?6", columns);
    case KF_ENTITY_VISIT:
      return g_strdup_printf ("SELECT %s FROM visits"
                              " WHERE (?1 IS NULL OR arrived_date >= ?1)"
                              " AND (?2 IS NULL OR arrived_date <= ?2)"
                              " AND (?3 IS NULL OR session_id = ?3) AND (?4 IS NULL OR kind = ?4)"
                              " ORDER BY arrived_at, id LIMIT ?5 OFFSET ?6", columns);
    case KF_N_ENTITIES:
    default:
      g_assert_not_reached ();
    }
}

static const char *
get_list_sql (KfEntity entity)
{
  static char *sql[KF_N_ENTITIES];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < KF_N_ENTITIES; i++)
        sql[i] = list_sql (i);
      g_once_init_leave (&initialized, 1);
    }
  return sql[entity];
}

/**
 * kf_store_list:
 * @self: a store
 * @entity: which records
 * @query: (nullable): filters and paging; %NULL for all
 * @error: return location
 *
 * Sessions come by date and start, bookings by their session's date, visits
 * by arrival. For visits, @query's status filters the kind.
 *
 * Returns: (transfer full) (element-type KfRecord): the records
 */
GPtrArray *
kf_store_list (KfStore       *self,
               KfEntity       entity,
               const KfQuery *query,
               GError       **error)
{
  static const KfQuery all = { 0 };
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KF_IS_STORE (self), NULL);

  if (query == NULL)
    query = &all;

  stmt = kf_store_prepare (self, get_list_sql (entity), error);
  if (stmt == NULL)
    return NULL;

  kf_store_bind_text (stmt, 1, query->from);
  kf_store_bind_text (stmt, 2, query->to);
  kf_store_bind_text (stmt, 3, query->session_id);
  kf_store_bind_text (stmt, 4, query->status);
  sqlite3_bind_int64 (stmt, 5, query->limit > 0 ? (gint64) query->limit : -1);
  sqlite3_bind_int64 (stmt, 6, query->offset);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, kf_store_read_record (entity, stmt, 0));

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kf_store_set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&records);
}

/**
 * kf_store_save:
 *
 * Writes @record as it is (insert or replace), with no checks: the caller
 * has checked it and holds a transaction.
 */
gboolean
kf_store_save (KfStore        *self,
               const KfRecord *record,
               GError        **error)
{
  const KfEntityInfo *info;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KF_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  info = kf_entity_info (record->entity);
  stmt = kf_store_prepare (self, get_entity_sql (record->entity)->upsert, error);
  if (stmt == NULL)
    return FALSE;

  kf_store_bind_text (stmt, 1, record->id);
  sqlite3_bind_int64 (stmt, 2, record->version);
  for (guint i = 0; i < info->n_fields; i++)
    {
      const KfFieldSpec *field = &info->fields[i];

      if (field->type == KF_FIELD_INT)
        sqlite3_bind_int64 (stmt, 3 + i, kf_record_get_int (record, field));
      else
        kf_store_bind_text (stmt, 3 + i, kf_record_get_text (record, field));
    }
  return kf_store_step_done (self, stmt, error);
}

static gint64
confirmed_people_except (KfStore    *self,
                         const char *session_id,
                         const char *booking_id,
                         GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 people = -1;

  stmt = kf_store_prepare (self,
                           "SELECT coalesce(sum(youth_count + adult_count), 0) FROM bookings"
                           " WHERE session_id = ?1 AND id != ?2"
                           " AND status IN ('confirmed', 'attended')", error);
  if (stmt == NULL)
    return -1;
  kf_store_bind_text (stmt, 1, session_id);
  kf_store_bind_text (stmt, 2, booking_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    people = sqlite3_column_int64 (stmt, 0);
  else
    kf_store_set_sqlite_error (self, error);
  sqlite3_reset (stmt);
  return people;
}

/* Loads a referenced record; a missing one is not_found naming @field. */
static KfRecord *
get_reference (KfStore    *self,
               KfEntity    entity,
               const char *id,
               const char *field,
               GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  KfRecord *record = kf_store_get (self, entity, id, &local_error);

  if (record == NULL && g_error_matches (local_error, KF_ERROR, KF_ERROR_NOT_FOUND))
    kf_set_field_error (error, KF_ERROR_NOT_FOUND, field, "%s", kf_not_found_message (entity));
  else if (record == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return record;
}

static gboolean
check_same_base (const char *base_id,
                 const char *other_base_id,
                 const char *field,
                 GError    **error)
{
  if (g_strcmp0 (base_id, other_base_id) == 0)
    return TRUE;
  kf_set_field_error (error, KF_ERROR_INVALID_FIELD, field, _("belongs to another base"));
  return FALSE;
}

static gboolean
check_booking_references (KfStore         *self,
                          const KfBooking *old_booking,
                          const KfBooking *booking,
                          const KfSession *session,
                          GError         **error)
{
  gint64 others;

  if (session == NULL)
    {
      kf_set_field_error (error, KF_ERROR_NOT_FOUND, "session_id", "%s",
                          kf_not_found_message (KF_ENTITY_SESSION));
      return FALSE;
    }
  if (g_strcmp0 (booking->base_id, session->base_id) != 0)
    {
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, "base_id",
                          _("must be the base of the booked session"));
      return FALSE;
    }
  if ((old_booking == NULL || g_strcmp0 (old_booking->session_id, booking->session_id) != 0) &&
      g_strcmp0 (session->status, "scheduled") != 0)
    {
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, "session_id",
                          _("the session has been cancelled"));
      return FALSE;
    }

  if (!kf_booking_holds_seats (booking))
    return TRUE;
  others = confirmed_people_except (self, session->r.id, booking->r.id, error);
  return others >= 0 &&
         kf_rules_check_capacity (session, others, old_booking, booking, error);
}

static gboolean
check_visit_references (KfStore       *self,
                        const KfVisit *visit,
                        GError       **error)
{
  if (visit->session_id != NULL)
    {
      g_autoptr(KfRecord) session = get_reference (self, KF_ENTITY_SESSION, visit->session_id,
                                                   "session_id", error);
      if (session == NULL ||
          !check_same_base (visit->base_id, KF_SESSION (session)->base_id, "session_id", error))
        return FALSE;
    }
  if (visit->booking_id != NULL)
    {
      g_autoptr(KfRecord) booking = get_reference (self, KF_ENTITY_BOOKING, visit->booking_id,
                                                   "booking_id", error);
      if (booking == NULL ||
          !check_same_base (visit->base_id, KF_BOOKING (booking)->base_id, "booking_id", error))
        return FALSE;
    }
  return TRUE;
}

/**
 * kf_store_check_write:
 * @self: a store
 * @actor: who writes
 * @old_record: (nullable): the record as stored, %NULL if new
 * @record: the record as @actor wants it
 * @now: (nullable): the current time, for the rules that depend on it
 * @error: return location for a %KF_ERROR with the protocol's code
 *
 * Every rule of the protocol for one write: the fields, the role, the
 * records it references, booking transitions and capacity. The hub and the
 * installations call this same function.
 */
gboolean
kf_store_check_write (KfStore          *self,
                      const KfIdentity *actor,
                      const KfRecord   *old_record,
                      const KfRecord   *record,
                      GDateTime        *now,
                      GError          **error)
{
  g_autoptr(KfRecord) session = NULL;

  g_return_val_if_fail (KF_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!kf_record_validate (record, error))
    return FALSE;

  if (record->entity == KF_ENTITY_BOOKING)
    session = kf_store_get (self, KF_ENTITY_SESSION, KF_BOOKING (record)->session_id, NULL);

  if (!kf_rules_check_write (actor, old_record, record, KF_SESSION (session), now, error))
    return FALSE;

  switch (record->entity)
    {
    case KF_ENTITY_SESSION:
      {
        g_autoptr(KfRecord) base = get_reference (self, KF_ENTITY_BASE,
                                                  KF_SESSION (record)->base_id, "base_id", error);
        return base != NULL;
      }
    case KF_ENTITY_BOOKING:
      return check_booking_references (self, KF_BOOKING (old_record), KF_BOOKING (record),
                                       KF_SESSION (session), error);
    case KF_ENTITY_VISIT:
      return check_visit_references (self, KF_VISIT (record), error);
    case KF_ENTITY_BASE:
    case KF_N_ENTITIES:
    default:
      g_assert_not_reached ();
    }
}

/* The outbox: what a local change must tell the hub. An op that has not
 * been sent yet is brought up to date in place; once sent, its op_id and
 * data never change, and a later change gets an op of its own. */
static gboolean
enqueue_op (KfStore        *self,
            const KfRecord *record,
            GError        **error)
{
  g_autoptr(GString) data = g_string_new (NULL);
  sqlite3_stmt *stmt;
  gint64 unsent = -1;

  kf_record_append_json (record, FALSE, data);

  stmt = kf_store_prepare (self, "SELECT seq FROM outbox WHERE record_id = ? AND sent = 0"
                           " ORDER BY seq DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  kf_store_bind_text (stmt, 1, record->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    unsent = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (unsent >= 0)
    {
      stmt = kf_store_prepare (self, "UPDATE outbox SET data = ?1 WHERE seq = ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, data->str, data->len, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, unsent);
    }
  else
    {
      g_autofree char *op_id = kf_new_id ();
      g_autofree char *created_at = kf_instant_now ();

      stmt = kf_store_prepare (self, "INSERT INTO outbox (op_id, entity, record_id, data,"
                               " created_at) VALUES (?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      kf_store_bind_text (stmt, 1, op_id);
      kf_store_bind_text (stmt, 2, kf_entity_info (record->entity)->name);
      kf_store_bind_text (stmt, 3, record->id);
      sqlite3_bind_text (stmt, 4, data->str, data->len, SQLITE_STATIC);
      kf_store_bind_text (stmt, 5, created_at);
    }
  return kf_store_step_done (self, stmt, error);
}

static gboolean
put_one (KfStore          *self,
         const KfIdentity *identity,
         KfRecord         *record,
         GDateTime        *now,
         GError          **error)
{
  g_autoptr(KfRecord) old_record = NULL;
  g_autoptr(GError) local_error = NULL;

  if (record->id == NULL)
    record->id = kf_new_id ();

  old_record = kf_store_get (self, record->entity, record->id, &local_error);
  if (old_record == NULL && !g_error_matches (local_error, KF_ERROR, KF_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Locally, version is the last one the hub acknowledged. */
  record->version = old_record != NULL ? old_record->version : 0;

  return kf_store_check_write (self, identity, old_record, record, now, error) &&
         kf_store_save (self, record, error) &&
         enqueue_op (self, record, error);
}

typedef gboolean (*LocalChange) (KfStore          *self,
                                 const KfIdentity *identity,
                                 GDateTime        *now,
                                 gpointer          data,
                                 GError          **error);

/* A change made here, by this installation's identity, in one transaction:
 * the reads that decide it and the writes it makes see the same data. */
static gboolean
run_local_change (KfStore     *self,
                  LocalChange  change,
                  gpointer     data,
                  GError     **error)
{
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  identity = kf_store_get_identity (self, error);
  if (identity == NULL || !kf_store_begin (self, error))
    return FALSE;

  if (!change (self, identity, now, data, error) || !kf_store_commit (self, error))
    {
      kf_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  KfRecord **records;
  guint      n_records;
} PutMany;

static gboolean
put_many_change (KfStore          *self,
                 const KfIdentity *identity,
                 GDateTime        *now,
                 gpointer          data,
                 GError          **error)
{
  PutMany *put = data;

  for (guint i = 0; i < put->n_records; i++)
    if (!put_one (self, identity, put->records[i], now, error))
      return FALSE;
  return TRUE;
}

typedef struct
{
  const KfIdentity *actor;
  PutMany           put;
} PutManyAs;

static gboolean
put_many_as_change (KfStore          *self,
                    const KfIdentity *identity,
                    GDateTime        *now,
                    gpointer          data,
                    GError          **error)
{
  PutManyAs *as = data;

  return put_many_change (self, as->actor, now, &as->put, error);
}

/**
 * kf_store_put_many:
 * @self: a store
 * @records: (array length=n_records): records to write, in order; a record
 *   without an id gets a new one
 * @n_records: how many
 * @error: return location
 *
 * A change made here, by this installation's identity: each record is
 * checked by every rule, written, and queued for the hub, all in one
 * transaction. Either all are written or none.
 */
gboolean
kf_store_put_many (KfStore   *self,
                   KfRecord **records,
                   guint      n_records,
                   GError   **error)
{
  PutMany put = { records, n_records };

  g_return_val_if_fail (KF_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL || n_records == 0, FALSE);

  return run_local_change (self, put_many_change, &put, error);
}

/**
 * kf_store_put_many_as:
 * @self: a store
 * @actor: who writes, instead of this installation's identity
 * @records: (array length=n_records): as for kf_store_put_many()
 * @n_records: how many
 * @error: return location
 *
 * As kf_store_put_many(), with every rule checked for @actor: for loading
 * data of several bases (the demo set, the benchmarks).
 */
gboolean
kf_store_put_many_as (KfStore           *self,
                      const KfIdentity  *actor,
                      KfRecord         **records,
                      guint              n_records,
                      GError           **error)
{
  PutManyAs as = { actor, { records, n_records } };

  g_return_val_if_fail (KF_IS_STORE (self), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  return run_local_change (self, put_many_as_change, &as, error);
}

gboolean
kf_store_put (KfStore   *self,
              KfRecord  *record,
              GError   **error)
{
  return kf_store_put_many (self, &record, 1, error);
}

static KfRecord *
find_own_tally (KfStore    *self,
                const char *session_id,
                GError    **error)
{
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = kf_store_prepare (self, "SELECT id FROM visits WHERE session_id = ?"
                           " AND kind = 'individuals' AND mine = 1 LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  kf_store_bind_text (stmt, 1, session_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = g_strdup (kf_store_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (id != NULL)
    return kf_store_get (self, KF_ENTITY_VISIT, id, error);
  if (rc != SQLITE_DONE)
    kf_store_set_sqlite_error (self, error);
  else
    g_set_error_literal (error, KF_ERROR, KF_ERROR_NOT_FOUND, "no tally yet");
  return NULL;
}

static KfRecord *
new_tally (const KfSession *session)
{
  KfVisit *visit = KF_VISIT (kf_record_new (KF_ENTITY_VISIT));

  visit->r.id = kf_new_id ();
  visit->base_id = g_strdup (session->base_id);
  visit->session_id = g_strdup (session->r.id);
  visit->kind = g_strdup ("individuals");
  visit->group_name = g_strdup (_("Individual visitors"));
  /* The tally counts the session's visitors, so it is dated by the session. */
  visit->arrived_at = kf_instant_from_local (session->date, session->start);
  visit->note = g_strdup ("");
  return (KfRecord *) visit;
}

typedef struct
{
  const char *session_id;
  gint64      add_youth;
  gint64      add_adults;
  KfRecord   *result;
} Tally;

static gboolean
tally_change (KfStore          *self,
              const KfIdentity *identity,
              GDateTime        *now,
              gpointer          data,
              GError          **error)
{
  Tally *tally = data;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(KfRecord) session = NULL;
  g_autoptr(KfRecord) record = NULL;
  KfVisit *visit;

  session = get_reference (self, KF_ENTITY_SESSION, tally->session_id, "session_id", error);
  if (session == NULL)
    return FALSE;

  record = find_own_tally (self, tally->session_id, &local_error);
  if (record == NULL && !g_error_matches (local_error, KF_ERROR, KF_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (record == NULL)
    record = new_tally (KF_SESSION (session));

  visit = KF_VISIT (record);
  if (visit->youth_count + tally->add_youth < 0)
    {
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, "youth_count",
                          _("cannot go below 0 (it is %lld)"), (long long) visit->youth_count);
      return FALSE;
    }
  if (visit->adult_count + tally->add_adults < 0)
    {
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, "adult_count",
                          _("cannot go below 0 (it is %lld)"), (long long) visit->adult_count);
      return FALSE;
    }
  visit->youth_count += tally->add_youth;
  visit->adult_count += tally->add_adults;

  if (!put_one (self, identity, record, now, error))
    return FALSE;
  tally->result = g_steal_pointer (&record);
  return TRUE;
}

/**
 * kf_store_tally:
 * @self: a store
 * @session_id: the session whose individual visitors are counted
 * @add_youth: young visitors to add (negative to take back)
 * @add_adults: adults to add (negative to take back)
 * @error: return location
 *
 * Raises this installation's own tally of individual visitors for a session,
 * made on first use. Each installation only ever writes its own tally, so the
 * tallies of several doors add up.
 *
 * Returns: (transfer full) (nullable): the tally after the change
 */
KfVisit *
kf_store_tally (KfStore    *self,
                const char *session_id,
                gint64      add_youth,
                gint64      add_adults,
                GError    **error)
{
  Tally tally = { session_id, add_youth, add_adults, NULL };

  g_return_val_if_fail (KF_IS_STORE (self), NULL);

  if (!run_local_change (self, tally_change, &tally, error))
    return NULL;
  return KF_VISIT (tally.result);
}

typedef struct
{
  const char *booking_id;
  gint64      youth_count;
  gint64      adult_count;
  const char *arrived_at;
  KfRecord   *result;
} Arrival;

static KfRecord *
new_booked_visit (const KfBooking *booking,
                  const Arrival   *arrival)
{
  KfVisit *visit = KF_VISIT (kf_record_new (KF_ENTITY_VISIT));

  visit->r.id = kf_new_id ();
  visit->base_id = g_strdup (booking->base_id);
  visit->session_id = g_strdup (booking->session_id);
  visit->booking_id = g_strdup (booking->r.id);
  visit->kind = g_strdup ("booked");
  visit->group_name = g_strdup (booking->org_name);
  visit->arrived_at = arrival->arrived_at != NULL ? g_strdup (arrival->arrived_at)
                                                  : kf_instant_now ();
  visit->youth_count = arrival->youth_count;
  visit->adult_count = arrival->adult_count;
  visit->note = g_strdup ("");
  return (KfRecord *) visit;
}

static gboolean
arrival_change (KfStore          *self,
                const KfIdentity *identity,
                GDateTime        *now,
                gpointer          data,
                GError          **error)
{
  Arrival *arrival = data;
  g_autoptr(KfRecord) booking = NULL;
  g_autoptr(KfRecord) visit = NULL;

  booking = get_reference (self, KF_ENTITY_BOOKING, arrival->booking_id, "booking_id", error);
  if (booking == NULL)
    return FALSE;

  visit = new_booked_visit (KF_BOOKING (booking), arrival);
  g_free (KF_BOOKING (booking)->status);
  KF_BOOKING (booking)->status = g_strdup ("attended");

  /* The visit first: bad counts are reported on the visit, not the booking. */
  if (!kf_record_validate (visit, error) ||
      !put_one (self, identity, booking, now, error) ||
      !put_one (self, identity, visit, now, error))
    return FALSE;

  arrival->result = g_steal_pointer (&visit);
  return TRUE;
}

/**
 * kf_store_record_arrival:
 * @self: a store
 * @booking_id: the booking whose group has arrived
 * @youth_count: young people who really came
 * @adult_count: adults who really came
 * @arrived_at: (nullable): when, RFC 3339; %NULL for now
 * @error: return location
 *
 * The booked group arrived: one visit of kind `booked` (group name and
 * session from the booking), and the booking becomes `attended`, in one
 * transaction.
 *
 * Returns: (transfer full) (nullable): the visit
 */
KfVisit *
kf_store_record_arrival (KfStore    *self,
                         const char *booking_id,
                         gint64      youth_count,
                         gint64      adult_count,
                         const char *arrived_at,
                         GError    **error)
{
  Arrival arrival = { booking_id, youth_count, adult_count, arrived_at, NULL };

  g_return_val_if_fail (KF_IS_STORE (self), NULL);

  if (!run_local_change (self, arrival_change, &arrival, error))
    return NULL;
  return KF_VISIT (arrival.result);
}

gint64
kf_store_count_queued_ops (KfStore *self,
                           GError **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (KF_IS_STORE (self), -1);

  stmt = kf_store_prepare (self, "SELECT count(*) FROM outbox", error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    kf_store_set_sqlite_error (self, error);
  sqlite3_reset (stmt);
  return count;
}

/**
 * kf_instant_now:
 *
 * Returns: (transfer full): now, RFC 3339 with the local offset
 */
char *
kf_instant_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
}

/**
 * kf_instant_from_local:
 * @date: YYYY-MM-DD
 * @time: HH:MM
 *
 * Returns: (transfer full) (nullable): that local time, RFC 3339 with the
 *   local offset of that day
 */
char *
kf_instant_from_local (const char *date,
                       const char *time)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, mo, d, h, mi;

  if (!kf_date_is_valid (date) || !kf_time_is_valid (time) ||
      sscanf (date, "%d-%d-%d", &y, &mo, &d) != 3 || sscanf (time, "%d:%d", &h, &mi) != 2)
    return NULL;

  dt = g_date_time_new_local (y, mo, d, h, mi, 0);
  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z") : NULL;
}

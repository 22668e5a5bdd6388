/* kf-store-records.c — reading and writing the records of a store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

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

/* A session's people are those of its bookings, as the hub defines them.
 * A school sees only its own bookings, so it keeps the figures the hub
 * sends; everyone else (the hub, a base, the reviewer) has all the bookings
 * of the session and counts them, unsynced changes included. */
static char *
computed_column (const KfEntityInfo *info,
                 const KfFieldSpec  *field)
{
  const char *statuses;

  g_assert (info->entity == KF_ENTITY_SESSION);

  statuses = strcmp (field->name, "confirmed_people") == 0 ? "'confirmed', 'attended'"
                                                            : "'requested'";
  return g_strdup_printf ("CASE WHEN (SELECT value FROM meta WHERE key = 'role') = 'school'"
                          " THEN sessions.%s"
                          " ELSE (SELECT coalesce(sum(b.youth_count + b.adult_count), 0)"
                          " FROM bookings b WHERE b.session_id = sessions.id"
                          " AND b.status IN (%s)) END", field->name, statuses);
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

/* The records of a list of ids, in one statement: the ids are bound as one
 * JSON array, so the statement is prepared once whatever their number. */
static const char *
get_many_sql (KfEntity entity)
{
  static char *sql[KF_N_ENTITIES];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint e = 0; e < KF_N_ENTITIES; e++)
        sql[e] = g_strdup_printf ("SELECT %s FROM %s WHERE %s.id IN"
                                  " (SELECT value FROM json_each(?1)) ORDER BY %s.id",
                                  kf_store_select_columns (e), kf_entity_info (e)->table,
                                  kf_entity_info (e)->table, kf_entity_info (e)->table);
      g_once_init_leave (&initialized, 1);
    }
  return sql[entity];
}

static char *
ids_to_json (const char * const *ids)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; ids[i] != NULL; i++)
    json_array_add_string_element (array, ids[i]);
  json_node_set_array (node, array);
  return json_to_string (node, FALSE);
}

/**
 * kf_store_get_many:
 * @self: a store
 * @entity: which records
 * @ids: (array zero-terminated=1): their ids; an id may come more than once
 * @error: return location
 *
 * Reads the records of @ids in one statement, so that a list can show what
 * its rows refer to with one query per page rather than one per row. Ids of
 * no record are left out: they are not an error.
 *
 * Returns: (transfer full) (element-type KfRecord): the records found, each
 *   once, by id; %NULL with @error set for an unknown @entity or a database
 *   error
 */
GPtrArray *
kf_store_get_many (KfStore            *self,
                   KfEntity            entity,
                   const char * const *ids,
                   GError            **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KF_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  if ((guint) entity >= KF_N_ENTITIES)
    {
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, "entity",
                          _("there is no kind of record %d"), (int) entity);
      return NULL;
    }
  if (ids[0] == NULL)
    return g_steal_pointer (&records);

  stmt = kf_store_prepare (self, get_many_sql (entity), error);
  if (stmt == NULL)
    return NULL;
  json = ids_to_json (ids);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
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

/* What each entity is listed from, filtered by parameters: ?1 from, ?2 to,
 * ?3 session, ?4 status (for visits, the kind), ?7 a text to search for,
 * ?8 a base, ?9 a topic and ?10 a format (sessions, and bookings by their
 * session). A NULL parameter leaves its filter out. */
static const struct
{
  const char *from_where;
  const char *order[KF_N_SORTS];
} listings[KF_N_ENTITIES] = {
  [KF_ENTITY_BASE] = {
    " FROM bases WHERE (?7 IS NULL OR instr(bases.name, ?7) > 0)"
    " AND (?8 IS NULL OR bases.id = ?8)",
    { "bases.name, bases.id", "bases.name DESC, bases.id", "bases.name, bases.id" } },
  [KF_ENTITY_SESSION] = {
    " FROM sessions WHERE (?1 IS NULL OR sessions.date >= ?1)"
    " AND (?2 IS NULL OR sessions.date <= ?2) AND (?3 IS NULL OR sessions.id = ?3)"
    " AND (?4 IS NULL OR sessions.status = ?4)"
    " AND (?7 IS NULL OR instr(sessions.title, ?7) > 0)"
    " AND (?8 IS NULL OR sessions.base_id = ?8)"
    " AND (?9 IS NULL OR sessions.topic = ?9) AND (?10 IS NULL OR sessions.format = ?10)",
    { "sessions.date, sessions.start, sessions.title, sessions.id",
      "sessions.date DESC, sessions.start DESC, sessions.title, sessions.id",
      "sessions.title, sessions.date, sessions.start, sessions.id" } },
  [KF_ENTITY_BOOKING] = {
    /* Sessions first, so that the usual order (by the session's date and
     * start) walks sessions_by_date and stops after a page: a LEFT JOIN
     * from bookings sorted every booking for each page (70 ms for 100,000).
     * A booking whose session has not arrived yet in a pull is left out
     * until it has. */
    " FROM sessions s CROSS JOIN bookings ON bookings.session_id = s.id"
    " WHERE (?1 IS NULL OR s.date >= ?1) AND (?2 IS NULL OR s.date <= ?2)"
    " AND (?3 IS NULL OR bookings.session_id = ?3) AND (?4 IS NULL OR bookings.status = ?4)"
    " AND (?7 IS NULL OR instr(bookings.org_name, ?7) > 0)"
    " AND (?8 IS NULL OR bookings.base_id = ?8)"
    " AND (?9 IS NULL OR s.topic = ?9) AND (?10 IS NULL OR s.format = ?10)",
    { "s.date, s.start, bookings.org_name, bookings.id",
      "s.date DESC, s.start DESC, bookings.org_name, bookings.id",
      "bookings.org_name, s.date, s.start, bookings.id" } },
  [KF_ENTITY_VISIT] = {
    " FROM visits WHERE (?1 IS NULL OR visits.arrived_date >= ?1)"
    " AND (?2 IS NULL OR visits.arrived_date <= ?2) AND (?3 IS NULL OR visits.session_id = ?3)"
    " AND (?4 IS NULL OR visits.kind = ?4)"
    " AND (?7 IS NULL OR instr(visits.group_name, ?7) > 0)"
    " AND (?8 IS NULL OR visits.base_id = ?8)",
    { "visits.arrived_at, visits.id", "visits.arrived_at DESC, visits.id",
      "visits.group_name, visits.arrived_at, visits.id" } },
};

static const char *
get_list_sql (KfEntity entity,
              KfSort   sort)
{
  static char *sql[KF_N_ENTITIES][KF_N_SORTS];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint e = 0; e < KF_N_ENTITIES; e++)
        for (guint o = 0; o < KF_N_SORTS; o++)
          sql[e][o] = g_strdup_printf ("SELECT %s%s ORDER BY %s LIMIT ?5 OFFSET ?6",
                                       kf_store_select_columns (e), listings[e].from_where,
                                       listings[e].order[o]);
      g_once_init_leave (&initialized, 1);
    }
  return sql[entity][sort];
}

static const char *
get_count_sql (KfEntity entity)
{
  static char *sql[KF_N_ENTITIES];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint e = 0; e < KF_N_ENTITIES; e++)
        sql[e] = g_strdup_printf ("SELECT count(*)%s AND ?5 IS NULL AND ?6 IS NULL",
                                  listings[e].from_where);
      g_once_init_leave (&initialized, 1);
    }
  return sql[entity];
}

static void
bind_query (sqlite3_stmt  *stmt,
            const KfQuery *query)
{
  kf_store_bind_text (stmt, 1, query->from);
  kf_store_bind_text (stmt, 2, query->to);
  kf_store_bind_text (stmt, 3, query->session_id);
  kf_store_bind_text (stmt, 4, query->status);
  kf_store_bind_text (stmt, 7, query->search != NULL && *query->search != '\0'
                               ? query->search : NULL);
  kf_store_bind_text (stmt, 8, query->base_id);
  /* Only the listings of sessions and bookings have these parameters. */
  if (sqlite3_bind_parameter_count (stmt) >= 10)
    {
      kf_store_bind_text (stmt, 9, query->topic);
      kf_store_bind_text (stmt, 10, query->format);
    }
}

/**
 * kf_store_count_query:
 * @self: a store
 * @entity: which records
 * @query: (nullable): filters; paging and order are ignored
 * @error: return location
 *
 * Returns: how many records kf_store_list() would give without paging, or
 *   -1 on error
 */
gint64
kf_store_count_query (KfStore       *self,
                      KfEntity       entity,
                      const KfQuery *query,
                      GError       **error)
{
  static const KfQuery all = { 0 };
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (KF_IS_STORE (self), -1);

  stmt = kf_store_prepare (self, get_count_sql (entity), error);
  if (stmt == NULL)
    return -1;
  bind_query (stmt, query != NULL ? query : &all);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    kf_store_set_sqlite_error (self, error);
  sqlite3_reset (stmt);
  return count;
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

  g_return_val_if_fail (query->sort < KF_N_SORTS, NULL);

  stmt = kf_store_prepare (self, get_list_sql (entity, query->sort), error);
  if (stmt == NULL)
    return NULL;

  bind_query (stmt, query);
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
KfRecord *
kf_store_get_reference (KfStore    *self,
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
  /* A booking moved from another session takes seats it never held here. */
  if (old_booking != NULL && g_strcmp0 (old_booking->session_id, booking->session_id) != 0)
    old_booking = NULL;
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
      g_autoptr(KfRecord) session = kf_store_get_reference (self, KF_ENTITY_SESSION, visit->session_id,
                                                   "session_id", error);
      if (session == NULL ||
          !check_same_base (visit->base_id, KF_SESSION (session)->base_id, "session_id", error))
        return FALSE;
    }
  if (visit->booking_id != NULL)
    {
      g_autoptr(KfRecord) booking = kf_store_get_reference (self, KF_ENTITY_BOOKING, visit->booking_id,
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
        g_autoptr(KfRecord) base = kf_store_get_reference (self, KF_ENTITY_BASE,
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

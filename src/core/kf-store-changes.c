/* kf-store-changes.c — the changes made at this installation: each one
 * checked by the rules, written with its outbox op, in one transaction
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

/* Whether a change from old_record to record leaves its status as it was. */
static gboolean
keeps_status (const KfRecord *old_record,
              const KfRecord *record)
{
  const KfFieldSpec *status = kf_entity_find_field (record->entity, "status");

  return status == NULL ||
         g_strcmp0 (kf_record_get_text (old_record, status),
                    kf_record_get_text (record, status)) == 0;
}

/*
 * kf_store_enqueue_op:
 * @old_record: (nullable): the record before this change, %NULL for a new
 *   record or for an op that must stand on its own
 *
 * Queues the op that sends record. An op not sent yet is brought up to date
 * in place when the change keeps the record's status; a change of status
 * gets an op of its own, so that the hub sees every step it would allow
 * (a booking made confirmed and then attended before a sync must not reach
 * the hub as a new booking that is already attended). The ops of one record
 * go one per push round, in order.
 */
gboolean
kf_store_enqueue_op (KfStore        *self,
                     const KfRecord *old_record,
                     const KfRecord *record,
                     GError        **error)
{
  g_autoptr(GString) data = g_string_new (NULL);
  sqlite3_stmt *stmt;
  gint64 unsent = -1;

  kf_record_append_json (record, FALSE, data);

  if (old_record != NULL && keeps_status (old_record, record))
    {
      /* "+state": without statistics SQLite would take outbox_by_state, which
       * gives seq order but reads every queued op, for each record written. */
      stmt = kf_store_prepare (self, "SELECT seq FROM outbox WHERE record_id = ? AND sent = 0"
                               " AND +state = 'queued' ORDER BY seq DESC LIMIT 1", error);
      if (stmt == NULL)
        return FALSE;
      kf_store_bind_text (stmt, 1, record->id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        unsent = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

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
         kf_store_enqueue_op (self, old_record, record, error);
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
  kf_store_notify_changed (self);
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

  session = kf_store_get_reference (self, KF_ENTITY_SESSION, tally->session_id, "session_id", error);
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

  booking = kf_store_get_reference (self, KF_ENTITY_BOOKING, arrival->booking_id, "booking_id", error);
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

  stmt = kf_store_prepare (self, "SELECT count(*) FROM outbox WHERE state = 'queued'", error);
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

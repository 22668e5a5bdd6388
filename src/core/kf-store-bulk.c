/* kf-store-bulk.c — writing many records pulled from the hub, with statements
 * prepared once for all of them
 *
 * A pull writes 1,000 records a page. Each one costs a look-up of the stored
 * version and an insert, and both are prepared here once per batch and bound
 * without copying, instead of being found by their SQL text for every
 * record. A pulled visit is written as not made here (`mine = 0`) by the same
 * insert, not by an update after it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-store"

#include "config.h"

#include "kf-store-bulk.h"
#include "kf-store-private.h"

struct _KfStoreBulk
{
  KfStore      *store;
  sqlite3_stmt *version[KF_N_ENTITIES];
  sqlite3_stmt *insert[KF_N_ENTITIES];
  sqlite3_stmt *pending;
};

/* A record with a change of ours still on its way keeps our copy: the push
 * that follows meets the hub's version and becomes a conflict that a person
 * resolves, rather than an overwrite in either direction. */
static const char pending_sql[] =
  "SELECT 1 FROM outbox WHERE record_id = ?1 AND state != 'rejected'"
  " UNION ALL SELECT 1 FROM conflicts WHERE record_id = ?1 LIMIT 1";

/* The columns of kf_store_save(), in the order of the field table; a new
 * visit is not this installation's own. A visit already stored keeps its
 * `mine`. */
static char *
insert_sql (KfEntity entity)
{
  const KfEntityInfo *info = kf_entity_info (entity);
  g_autoptr(GString) columns = g_string_new ("\"id\", \"version\"");
  g_autoptr(GString) values = g_string_new ("?, ?");
  g_autoptr(GString) updates = g_string_new ("\"version\" = excluded.\"version\"");

  for (guint i = 0; i < info->n_fields; i++)
    {
      g_string_append_printf (columns, ", \"%s\"", info->fields[i].name);
      g_string_append (values, ", ?");
      g_string_append_printf (updates, ", \"%s\" = excluded.\"%s\"", info->fields[i].name,
                              info->fields[i].name);
    }
  if (entity == KF_ENTITY_VISIT)
    {
      g_string_append (columns, ", \"mine\"");
      g_string_append (values, ", 0");
    }
  return g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s) ON CONFLICT (id) DO UPDATE SET %s",
                          info->table, columns->str, values->str, updates->str);
}

static sqlite3_stmt *
prepare (KfStoreBulk *bulk,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (kf_store_get_db (bulk->store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      kf_store_set_sqlite_error (bulk->store, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

/**
 * kf_store_bulk_new:
 * @store: a store
 * @error: return location
 *
 * Prepares the statements that kf_store_bulk_put_pulled() runs. Use it
 * inside one transaction and free it before the store.
 *
 * Returns: (transfer full) (nullable): the prepared statements
 */
KfStoreBulk *
kf_store_bulk_new (KfStore *store,
                   GError **error)
{
  g_autoptr(KfStoreBulk) bulk = g_new0 (KfStoreBulk, 1);

  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  bulk->store = g_object_ref (store);
  bulk->pending = prepare (bulk, pending_sql, error);
  if (bulk->pending == NULL)
    return NULL;
  for (guint e = 0; e < KF_N_ENTITIES; e++)
    {
      g_autofree char *version = g_strdup_printf ("SELECT version FROM %s WHERE id = ?",
                                                  kf_entity_info (e)->table);
      g_autofree char *insert = insert_sql (e);

      bulk->version[e] = prepare (bulk, version, error);
      if (bulk->version[e] == NULL)
        return NULL;
      bulk->insert[e] = prepare (bulk, insert, error);
      if (bulk->insert[e] == NULL)
        return NULL;
    }
  return g_steal_pointer (&bulk);
}

void
kf_store_bulk_free (KfStoreBulk *bulk)
{
  if (bulk == NULL)
    return;
  for (guint e = 0; e < KF_N_ENTITIES; e++)
    {
      sqlite3_finalize (bulk->version[e]);
      sqlite3_finalize (bulk->insert[e]);
    }
  sqlite3_finalize (bulk->pending);
  g_clear_object (&bulk->store);
  g_free (bulk);
}

static void
bind_static_text (sqlite3_stmt *stmt,
                  int           index,
                  const char   *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_STATIC);
}

/* The stored version, -1 when there is none, -2 on error. */
static gint64
stored_version (KfStoreBulk    *bulk,
                const KfRecord *record,
                GError        **error)
{
  sqlite3_stmt *stmt = bulk->version[record->entity];
  gint64 version = -1;
  int rc;

  bind_static_text (stmt, 1, record->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      kf_store_set_sqlite_error (bulk->store, error);
      version = -2;
    }
  sqlite3_reset (stmt);
  return version;
}

/* 1 when a change of ours is pending, 0 when none, -1 on error. */
static int
has_pending_change (KfStoreBulk *bulk,
                    const char  *record_id,
                    GError     **error)
{
  int rc, pending = 0;

  bind_static_text (bulk->pending, 1, record_id);
  rc = sqlite3_step (bulk->pending);
  if (rc == SQLITE_ROW)
    pending = 1;
  else if (rc != SQLITE_DONE)
    {
      kf_store_set_sqlite_error (bulk->store, error);
      pending = -1;
    }
  sqlite3_reset (bulk->pending);
  return pending;
}

static gboolean
insert (KfStoreBulk    *bulk,
        const KfRecord *record,
        GError        **error)
{
  const KfEntityInfo *info = kf_entity_info (record->entity);
  sqlite3_stmt *stmt = bulk->insert[record->entity];
  int rc;

  bind_static_text (stmt, 1, record->id);
  sqlite3_bind_int64 (stmt, 2, record->version);
  for (guint i = 0; i < info->n_fields; i++)
    {
      const KfFieldSpec *field = &info->fields[i];

      if (field->type == KF_FIELD_INT)
        sqlite3_bind_int64 (stmt, 3 + i, kf_record_get_int (record, field));
      else
        bind_static_text (stmt, 3 + i, kf_record_get_text (record, field));
    }
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      kf_store_set_sqlite_error (bulk->store, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * kf_store_bulk_put_pulled:
 * @bulk: the statements of a store, in a transaction of the caller
 * @record: a record as the hub sent it, checked by the caller
 * @written: (out): whether it was written
 * @error: return location
 *
 * Writes a pulled record whole, unless the stored copy is newer or has a
 * change of this installation still to push (or in conflict): then the
 * stored copy stays, and the push that follows meets the hub's version.
 */
gboolean
kf_store_bulk_put_pulled (KfStoreBulk    *bulk,
                          const KfRecord *record,
                          gboolean       *written,
                          GError        **error)
{
  gint64 stored;

  g_return_val_if_fail (bulk != NULL, FALSE);
  g_return_val_if_fail (record != NULL && record->entity < KF_N_ENTITIES, FALSE);

  *written = FALSE;
  stored = stored_version (bulk, record, error);
  if (stored == -2)
    return FALSE;
  if (stored > record->version)
    return TRUE;
  if (stored >= 0)
    {
      int pending = has_pending_change (bulk, record->id, error);

      if (pending != 0)
        return pending > 0;
    }
  if (!insert (bulk, record, error))
    return FALSE;
  *written = TRUE;
  return TRUE;
}

/* kf-sync-conflicts.c — conflicts and rejected ops: kept, shown, resolved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kf-error.h"
#include "kf-store-private.h"
#include "kf-sync-store.h"

gint64
kf_sync_store_count_state (KfStore    *store,
                           const char *state)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (KF_IS_STORE (store), -1);

  if (g_strcmp0 (state, "conflict") == 0)
    stmt = kf_store_prepare (store, "SELECT count(*) FROM conflicts WHERE ?1 IS NOT NULL", NULL);
  else
    stmt = kf_store_prepare (store, "SELECT count(*) FROM outbox WHERE state = ?1", NULL);
  if (stmt == NULL)
    return -1;
  kf_store_bind_text (stmt, 1, state);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

static JsonNode *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return json_node_init_object (json_node_alloc (), json_object_new ());
  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
conflict_to_json (KfStore      *store,
                  sqlite3_stmt *stmt)
{
  JsonObject *object = json_object_new ();
  g_autoptr(KfRecord) mine = NULL;
  KfEntity entity;

  kf_entity_from_string (kf_store_column_text (stmt, 0), &entity);
  json_object_set_string_member (object, "entity", kf_store_column_text (stmt, 0));
  json_object_set_string_member (object, "id", kf_store_column_text (stmt, 1));
  json_object_set_string_member (object, "found_at", kf_store_column_text (stmt, 3));

  mine = kf_store_get (store, entity, kf_store_column_text (stmt, 1), NULL);
  if (mine != NULL)
    json_object_set_object_member (object, "mine", kf_record_to_json (mine, TRUE));
  else
    json_object_set_null_member (object, "mine");
  json_object_set_member (object, "theirs", parse_object (kf_store_column_text (stmt, 2)));
  return object;
}

/**
 * kf_sync_store_list_conflicts:
 *
 * Returns: (transfer full) (element-type JsonObject): each conflict as
 *   `{"entity", "id", "found_at", "mine": {…}, "theirs": {…}}`
 */
GPtrArray *
kf_sync_store_list_conflicts (KfStore *store,
                              GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  stmt = kf_store_prepare (store, "SELECT entity, record_id, hub_data, found_at FROM conflicts"
                           " ORDER BY found_at, record_id", error);
  if (stmt == NULL)
    return NULL;

  /* kf_store_get() below uses a statement of its own, so this one may stay
   * open while we read. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, conflict_to_json (store, stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kf_store_set_sqlite_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * kf_sync_store_list_rejected:
 *
 * Returns: (transfer full) (element-type JsonObject): each rejected op as
 *   `{"op_id", "entity", "id", "code", "field", "message", "data": {…}}`
 */
GPtrArray *
kf_sync_store_list_rejected (KfStore *store,
                             GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  stmt = kf_store_prepare (store, "SELECT op_id, entity, record_id, error_code, error_field,"
                           " error_message, data FROM outbox WHERE state = 'rejected'"
                           " ORDER BY seq", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *object = json_object_new ();
      static const char * const keys[] = { "op_id", "entity", "id", "code", "field", "message" };

      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        {
          if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
            json_object_set_null_member (object, keys[i]);
          else
            json_object_set_string_member (object, keys[i], kf_store_column_text (stmt, i));
        }
      json_object_set_member (object, "data", parse_object (kf_store_column_text (stmt, 6)));
      g_ptr_array_add (list, object);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kf_store_set_sqlite_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

static gboolean
run_with_id (KfStore    *store,
             const char *sql,
             const char *record_id,
             GError    **error)
{
  sqlite3_stmt *stmt = kf_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  kf_store_bind_text (stmt, 1, record_id);
  return kf_store_step_done (store, stmt, error);
}

/* Keep mine: the local record, based now on the hub's version, goes out again
 * as a new op. Take theirs: the hub's copy replaces mine, and my changes of
 * the record that were still waiting are dropped with it. */
static gboolean
resolve (KfStore    *store,
         KfEntity    entity,
         const char *record_id,
         gint64      hub_version,
         JsonObject *theirs,
         gboolean    keep_mine,
         GError    **error)
{
  g_autoptr(KfRecord) record = NULL;

  if (keep_mine)
    record = kf_store_get (store, entity, record_id, error);
  else
    record = kf_sync_record_from_pulled (entity, record_id, hub_version, theirs, error);
  if (record == NULL)
    return FALSE;
  record->version = hub_version;

  return kf_store_save (store, record, error) &&
         run_with_id (store, "DELETE FROM outbox WHERE record_id = ? AND state != 'rejected'",
                      record_id, error) &&
         run_with_id (store, "DELETE FROM conflicts WHERE record_id = ?", record_id, error) &&
         (!keep_mine || kf_store_enqueue_op (store, NULL, record, error));
}

static gboolean
find_conflict (KfStore    *store,
               const char *record_id,
               KfEntity   *entity,
               gint64     *hub_version,
               JsonNode  **theirs,
               GError    **error)
{
  sqlite3_stmt *stmt;
  gboolean found;

  stmt = kf_store_prepare (store, "SELECT entity, hub_version, hub_data FROM conflicts"
                           " WHERE record_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  kf_store_bind_text (stmt, 1, record_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      kf_entity_from_string (kf_store_column_text (stmt, 0), entity);
      *hub_version = sqlite3_column_int64 (stmt, 1);
      *theirs = parse_object (kf_store_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, KF_ERROR, KF_ERROR_NOT_FOUND, _("there is no conflict for this id"));
  return found;
}

/**
 * kf_sync_store_resolve:
 * @store: a store
 * @record_id: the id of a record in conflict
 * @keep_mine: %TRUE to keep the local record (sent again on the hub's
 *   version), %FALSE to take the hub's copy
 * @error: return location
 *
 * Resolves a conflict in one transaction.
 */
gboolean
kf_sync_store_resolve (KfStore    *store,
                       const char *record_id,
                       gboolean    keep_mine,
                       GError    **error)
{
  g_autoptr(JsonNode) theirs = NULL;
  gint64 hub_version = 0;
  KfEntity entity = KF_ENTITY_BASE;

  g_return_val_if_fail (KF_IS_STORE (store), FALSE);

  if (!kf_store_begin (store, error))
    return FALSE;
  if (!find_conflict (store, record_id, &entity, &hub_version, &theirs, error) ||
      !resolve (store, entity, record_id, hub_version, json_node_get_object (theirs), keep_mine,
                error) ||
      !kf_store_commit (store, error))
    {
      kf_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

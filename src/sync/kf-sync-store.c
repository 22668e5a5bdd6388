/* kf-sync-store.c — the outbox, conflicts and cursor, as syncing sees them
 *
 * Every function here that writes does it in one transaction, so that a crash
 * at any point leaves either the state before or the state after: an op
 * leaves the outbox only together with the answer that acknowledges it, and a
 * pulled page only together with the cursor that follows it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kf-error.h"
#include "kf-store-private.h"
#include "kf-sync-store.h"

void
kf_sync_op_free (KfSyncOp *op)
{
  if (op == NULL)
    return;
  g_free (op->op_id);
  g_free (op->record_id);
  g_free (op->data);
  g_free (op);
}

static gint64
local_version (KfStore   *store,
               KfEntity   entity,
               const char *id)
{
  static const char * const sql[KF_N_ENTITIES] = {
    "SELECT version FROM bases WHERE id = ?",
    "SELECT version FROM sessions WHERE id = ?",
    "SELECT version FROM bookings WHERE id = ?",
    "SELECT version FROM visits WHERE id = ?",
  };
  sqlite3_stmt *stmt = kf_store_prepare (store, sql[entity], NULL);
  gint64 version = -1;

  if (stmt == NULL)
    return -1;
  kf_store_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

static gboolean
set_local_version (KfStore    *store,
                   KfEntity    entity,
                   const char *id,
                   gint64      version,
                   GError    **error)
{
  static const char * const sql[KF_N_ENTITIES] = {
    "UPDATE bases SET version = ?1 WHERE id = ?2 AND version < ?1",
    "UPDATE sessions SET version = ?1 WHERE id = ?2 AND version < ?1",
    "UPDATE bookings SET version = ?1 WHERE id = ?2 AND version < ?1",
    "UPDATE visits SET version = ?1 WHERE id = ?2 AND version < ?1",
  };
  sqlite3_stmt *stmt = kf_store_prepare (store, sql[entity], error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, version);
  kf_store_bind_text (stmt, 2, id);
  return kf_store_step_done (store, stmt, error);
}

static gboolean
mark_sent (KfStore  *store,
           gint64    seq,
           GError  **error)
{
  sqlite3_stmt *stmt = kf_store_prepare (store, "UPDATE outbox SET sent = 1 WHERE seq = ?",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  return kf_store_step_done (store, stmt, error);
}

static GPtrArray *
select_batch (KfStore *store,
              guint    max_ops,
              GError **error)
{
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_sync_op_free);
  sqlite3_stmt *stmt;
  int rc;

  /* The oldest queued op of each record that is not in conflict: a record's
   * later ops wait for the version its earlier one produces. */
  stmt = kf_store_prepare (store,
                           "SELECT o.seq, o.op_id, o.entity, o.record_id, o.data FROM outbox o"
                           " WHERE o.state = 'queued'"
                           " AND o.seq = (SELECT min(p.seq) FROM outbox p"
                           "  WHERE p.record_id = o.record_id AND p.state != 'rejected')"
                           " AND NOT EXISTS (SELECT 1 FROM conflicts c"
                           "  WHERE c.record_id = o.record_id)"
                           " ORDER BY o.seq LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, max_ops);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KfSyncOp *op = g_new0 (KfSyncOp, 1);

      op->seq = sqlite3_column_int64 (stmt, 0);
      op->op_id = g_strdup (kf_store_column_text (stmt, 1));
      kf_entity_from_string (kf_store_column_text (stmt, 2), &op->entity);
      op->record_id = g_strdup (kf_store_column_text (stmt, 3));
      op->data = g_strdup (kf_store_column_text (stmt, 4));
      g_ptr_array_add (ops, op);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kf_store_set_sqlite_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&ops);
}

/**
 * kf_sync_store_next_batch:
 * @store: a store
 * @max_ops: at most this many (the hub takes 500)
 * @error: return location
 *
 * The ops to push next, each with the version of its record that the hub
 * last acknowledged. They are marked sent before they leave: from then on
 * their op_id and data never change, and a further edit of the record gets
 * an op of its own.
 *
 * Returns: (transfer full) (element-type KfSyncOp): the ops, maybe none
 */
GPtrArray *
kf_sync_store_next_batch (KfStore *store,
                          guint    max_ops,
                          GError **error)
{
  g_autoptr(GPtrArray) ops = NULL;

  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  if (!kf_store_begin (store, error))
    return NULL;

  ops = select_batch (store, max_ops, error);
  for (guint i = 0; ops != NULL && i < ops->len; i++)
    {
      KfSyncOp *op = g_ptr_array_index (ops, i);

      op->base_version = MAX (0, local_version (store, op->entity, op->record_id));
      if (!mark_sent (store, op->seq, error))
        g_clear_pointer (&ops, g_ptr_array_unref);
    }

  if (ops == NULL || !kf_store_commit (store, error))
    {
      kf_store_rollback (store);
      return NULL;
    }
  return g_steal_pointer (&ops);
}

static gboolean
delete_op (KfStore *store,
           gint64   seq,
           GError **error)
{
  sqlite3_stmt *stmt = kf_store_prepare (store, "DELETE FROM outbox WHERE seq = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  return kf_store_step_done (store, stmt, error);
}

static gboolean
set_op_state (KfStore    *store,
              gint64      seq,
              const char *state,
              const char *code,
              const char *field,
              const char *message,
              GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = kf_store_prepare (store, "UPDATE outbox SET state = ?2, error_code = ?3,"
                           " error_field = ?4, error_message = ?5 WHERE seq = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  kf_store_bind_text (stmt, 2, state);
  kf_store_bind_text (stmt, 3, code);
  kf_store_bind_text (stmt, 4, field);
  kf_store_bind_text (stmt, 5, message);
  return kf_store_step_done (store, stmt, error);
}

static gboolean
keep_conflict (KfStore    *store,
               KfSyncOp   *op,
               JsonObject *current,
               GError    **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *hub_data = NULL;
  g_autofree char *found_at = kf_instant_now ();
  sqlite3_stmt *stmt;

  json_node_set_object (node, current);
  hub_data = json_to_string (node, FALSE);

  stmt = kf_store_prepare (store, "INSERT OR REPLACE INTO conflicts (entity, record_id,"
                           " hub_version, hub_data, found_at) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  kf_store_bind_text (stmt, 1, kf_entity_info (op->entity)->name);
  kf_store_bind_text (stmt, 2, op->record_id);
  sqlite3_bind_int64 (stmt, 3, json_object_get_int_member_with_default (current, "version", 0));
  kf_store_bind_text (stmt, 4, hub_data);
  kf_store_bind_text (stmt, 5, found_at);
  return kf_store_step_done (store, stmt, error) &&
         set_op_state (store, op->seq, "conflict", NULL, NULL, NULL, error);
}

/* A result is well formed when it answers its op in a way we understand;
 * anything else counts as no answer for that op. */
static gboolean
result_is_well_formed (JsonObject *result,
                       KfSyncOp   *op)
{
  const char *status = json_object_get_string_member_with_default (result, "status", "");

  if (g_strcmp0 (json_object_get_string_member_with_default (result, "op_id", ""), op->op_id))
    return FALSE;
  if (g_str_equal (status, "applied"))
    return json_object_has_member (result, "version") &&
           json_node_get_value_type (json_object_get_member (result, "version")) == G_TYPE_INT64;
  if (g_str_equal (status, "conflict"))
    return json_object_get_member (result, "current") != NULL &&
           JSON_NODE_HOLDS_OBJECT (json_object_get_member (result, "current"));
  if (g_str_equal (status, "rejected"))
    return json_object_get_member (result, "error") != NULL &&
           JSON_NODE_HOLDS_OBJECT (json_object_get_member (result, "error"));
  return FALSE;
}

static gboolean
apply_result (KfStore      *store,
              KfSyncOp     *op,
              JsonObject   *result,
              KfSyncCounts *counts,
              GError      **error)
{
  const char *status = json_object_get_string_member (result, "status");

  if (g_str_equal (status, "applied"))
    {
      counts->pushed++;
      return set_local_version (store, op->entity, op->record_id,
                                json_object_get_int_member (result, "version"), error) &&
             delete_op (store, op->seq, error);
    }
  if (g_str_equal (status, "conflict"))
    {
      counts->conflicts++;
      return keep_conflict (store, op, json_object_get_object_member (result, "current"), error);
    }

  {
    JsonObject *err = json_object_get_object_member (result, "error");

    counts->rejected++;
    return set_op_state (store, op->seq, "rejected",
                         json_object_get_string_member_with_default (err, "code", "rejected"),
                         json_object_get_string_member_with_default (err, "field", NULL),
                         json_object_get_string_member_with_default (err, "message", ""),
                         error);
  }
}

static JsonObject *
find_result (JsonArray  *results,
             guint       hint,
             KfSyncOp   *op)
{
  guint n = json_array_get_length (results);

  /* Results come in request order; look there first, then anywhere. */
  for (guint k = 0; k < n; k++)
    {
      JsonNode *node = json_array_get_element (results, (hint + k) % n);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          result_is_well_formed (json_node_get_object (node), op))
        return json_node_get_object (node);
    }
  return NULL;
}

/**
 * kf_sync_store_apply_results:
 * @store: a store
 * @ops: (element-type KfSyncOp): the ops that were pushed
 * @results: the hub's `results`
 * @counts: where to count applied, conflicting and rejected ops
 * @error: return location
 *
 * Commits, in one transaction, every well-formed answer: an applied op
 * leaves the outbox and its record takes the new version; a conflict keeps
 * the hub's copy beside the record until a person resolves it; a rejected op
 * stays, with the hub's reason. An op with no well-formed answer stays
 * queued, to be sent again with the same op_id.
 *
 * Returns: how many ops were answered, or G_MAXUINT on error
 */
guint
kf_sync_store_apply_results (KfStore      *store,
                             GPtrArray    *ops,
                             JsonArray    *results,
                             KfSyncCounts *counts,
                             GError      **error)
{
  KfSyncCounts local = *counts;
  guint answered = 0;

  g_return_val_if_fail (KF_IS_STORE (store), G_MAXUINT);

  if (!kf_store_begin (store, error))
    return G_MAXUINT;

  for (guint i = 0; i < ops->len; i++)
    {
      KfSyncOp *op = g_ptr_array_index (ops, i);
      JsonObject *result = find_result (results, i, op);

      if (result == NULL)
        continue;
      if (!apply_result (store, op, result, &local, error))
        {
          kf_store_rollback (store);
          return G_MAXUINT;
        }
      answered++;
    }

  if (!kf_store_commit (store, error))
    {
      kf_store_rollback (store);
      return G_MAXUINT;
    }
  *counts = local;
  return answered;
}

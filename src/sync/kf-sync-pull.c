/* kf-sync-pull.c — applying pulled changes, and taking the token's identity
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
kf_sync_store_get_cursor (KfStore *store)
{
  g_autofree char *cursor = kf_store_get_meta (store, "sync_cursor");

  return cursor != NULL ? g_ascii_strtoll (cursor, NULL, 10) : 0;
}

/* A record with a change of ours still on its way keeps our copy: the push
 * that follows meets the hub's version and becomes a conflict that a person
 * resolves, rather than an overwrite in either direction. */
static gboolean
has_pending_change (KfStore    *store,
                    const char *record_id)
{
  sqlite3_stmt *stmt;
  gboolean pending = FALSE;

  stmt = kf_store_prepare (store, "SELECT 1 FROM outbox WHERE record_id = ?1"
                           " AND state != 'rejected' UNION ALL"
                           " SELECT 1 FROM conflicts WHERE record_id = ?1 LIMIT 1", NULL);
  if (stmt == NULL)
    return TRUE;
  kf_store_bind_text (stmt, 1, record_id);
  pending = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return pending;
}

static gboolean
mark_not_mine (KfStore    *store,
               const char *visit_id,
               GError    **error)
{
  sqlite3_stmt *stmt = kf_store_prepare (store, "UPDATE visits SET mine = 0 WHERE id = ?",
                                         error);

  if (stmt == NULL)
    return FALSE;
  kf_store_bind_text (stmt, 1, visit_id);
  return kf_store_step_done (store, stmt, error);
}

/**
 * kf_sync_record_from_pulled:
 * @entity: which record
 * @id: its id
 * @version: its version on the hub
 * @pulled: the record's data as the hub sends it (it may carry id, version
 *   and the computed fields)
 * @error: return location
 *
 * Returns: (transfer full) (nullable): the record, with the hub's seat
 *   counts for a session
 */
KfRecord *
kf_sync_record_from_pulled (KfEntity    entity,
                            const char *id,
                            gint64      version,
                            JsonObject *pulled,
                            GError    **error)
{
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (pulled);
  KfRecord *record;

  for (GList *m = members; m != NULL; m = m->next)
    {
      const KfFieldSpec *field = kf_entity_find_field (entity, m->data);

      if (field != NULL && !(field->flags & KF_FIELD_COMPUTED))
        json_object_set_member (data, m->data,
                                json_node_copy (json_object_get_member (pulled, m->data)));
    }

  record = kf_record_from_json_data (entity, id, data, error);
  if (record == NULL)
    return NULL;
  record->version = version;
  if (entity == KF_ENTITY_SESSION)
    {
      KF_SESSION (record)->confirmed_people =
        json_object_get_int_member_with_default (pulled, "confirmed_people", 0);
      KF_SESSION (record)->requested_people =
        json_object_get_int_member_with_default (pulled, "requested_people", 0);
    }
  return record;
}

/* The record of a pulled change, or NULL with an error if the change is not
 * of the shape the protocol gives. */
static KfRecord *
record_from_change (JsonNode *node,
                    GError  **error)
{
  JsonObject *change;
  const char *entity_name, *id;
  JsonNode *version;
  KfEntity entity;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      change = json_node_get_object (node);
      entity_name = json_object_get_string_member_with_default (change, "entity", NULL);
      id = json_object_get_string_member_with_default (change, "id", NULL);
      version = json_object_get_member (change, "version");
      if (kf_entity_from_string (entity_name, &entity) && kf_uuid_is_valid (id) &&
          version != NULL && json_node_get_value_type (version) == G_TYPE_INT64 &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (change, "data")))
        return kf_sync_record_from_pulled (entity, id, json_node_get_int (version),
                                           json_object_get_object_member (change, "data"),
                                           error);
    }

  g_set_error (error, KF_ERROR, KF_ERROR_FAILED, _("the hub sent a change that is not valid"));
  return NULL;
}

static gboolean
apply_change (KfStore   *store,
              KfRecord  *record,
              gboolean  *applied,
              GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(KfRecord) old = kf_store_get (store, record->entity, record->id, &local_error);

  *applied = FALSE;
  if (old == NULL && !g_error_matches (local_error, KF_ERROR, KF_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (old != NULL && (old->version > record->version || has_pending_change (store, record->id)))
    return TRUE;

  if (!kf_store_save (store, record, error))
    return FALSE;
  if (old == NULL && record->entity == KF_ENTITY_VISIT && !mark_not_mine (store, record->id, error))
    return FALSE;
  *applied = TRUE;
  return TRUE;
}

/**
 * kf_sync_store_apply_changes:
 * @store: a store
 * @changes: a page of `GET /v1/changes`
 * @next: the page's `next`
 * @n_applied: (out): how many records were written
 * @error: return location
 *
 * Applies a page and stores the cursor after it in the same transaction, so
 * that a crash at any point replays the page harmlessly. A page that is not
 * of the protocol's shape is refused whole.
 */
gboolean
kf_sync_store_apply_changes (KfStore    *store,
                             JsonArray  *changes,
                             gint64      next,
                             guint      *n_applied,
                             GError    **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  g_autofree char *cursor = g_strdup_printf ("%" G_GINT64_FORMAT, next);
  guint applied_count = 0;

  g_return_val_if_fail (KF_IS_STORE (store), FALSE);

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      KfRecord *record = record_from_change (json_array_get_element (changes, i), error);

      if (record == NULL)
        return FALSE;
      g_ptr_array_add (records, record);
    }

  if (!kf_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      gboolean applied;

      if (!apply_change (store, g_ptr_array_index (records, i), &applied, error))
        {
          kf_store_rollback (store);
          return FALSE;
        }
      applied_count += applied ? 1 : 0;
    }
  if (!kf_store_set_meta (store, "sync_cursor", cursor, error) || !kf_store_commit (store, error))
    {
      kf_store_rollback (store);
      return FALSE;
    }
  *n_applied = applied_count;
  return TRUE;
}

static gboolean
move_base (KfStore    *store,
           const char *old_id,
           const char *new_id,
           GError    **error)
{
  static const char * const updates[] = {
    "UPDATE bases SET id = ?2 WHERE id = ?1"
    " AND NOT EXISTS (SELECT 1 FROM bases WHERE id = ?2)",
    "DELETE FROM bases WHERE id = ?1",
    "UPDATE sessions SET base_id = ?2 WHERE base_id = ?1",
    "UPDATE bookings SET base_id = ?2 WHERE base_id = ?1",
    "UPDATE visits SET base_id = ?2 WHERE base_id = ?1",
    "UPDATE outbox SET data = json_set(data, '$.base_id', ?2)"
    " WHERE json_extract(data, '$.base_id') = ?1",
    "UPDATE meta SET value = ?2 WHERE key = 'base_id' AND value = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (updates); i++)
    {
      sqlite3_stmt *stmt = kf_store_prepare (store, updates[i], error);

      if (stmt == NULL)
        return FALSE;
      kf_store_bind_text (stmt, 1, old_id);
      kf_store_bind_text (stmt, 2, new_id);
      if (!kf_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
move_org (KfStore    *store,
          const char *old_name,
          const char *new_name,
          GError    **error)
{
  static const char * const updates[] = {
    "UPDATE bookings SET org_name = ?2 WHERE org_name = ?1",
    "UPDATE outbox SET data = json_set(data, '$.org_name', ?2)"
    " WHERE entity = 'booking' AND json_extract(data, '$.org_name') = ?1",
    "UPDATE meta SET value = ?2 WHERE key = 'org_name' AND value = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (updates); i++)
    {
      sqlite3_stmt *stmt = kf_store_prepare (store, updates[i], error);

      if (stmt == NULL)
        return FALSE;
      kf_store_bind_text (stmt, 1, old_name);
      kf_store_bind_text (stmt, 2, new_name);
      if (!kf_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
anything_sent (KfStore *store)
{
  sqlite3_stmt *stmt;
  gboolean sent;

  stmt = kf_store_prepare (store, "SELECT 1 FROM outbox WHERE sent = 1 UNION ALL"
                           " SELECT 1 FROM sessions WHERE version > 0 UNION ALL"
                           " SELECT 1 FROM bookings WHERE version > 0 UNION ALL"
                           " SELECT 1 FROM visits WHERE version > 0 LIMIT 1", NULL);
  if (stmt == NULL)
    return TRUE;
  sent = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return sent;
}

static gboolean
adopt (KfStore          *store,
       const KfIdentity *identity,
       const char       *hub_base_id,
       const char       *hub_org_name,
       GError          **error)
{
  gboolean base_moves = identity->role == KF_ROLE_BASE &&
                        g_strcmp0 (identity->base_id, hub_base_id) != 0;
  gboolean org_moves = identity->role == KF_ROLE_SCHOOL &&
                       g_strcmp0 (identity->org_name, hub_org_name) != 0;

  if (!base_moves && !org_moves)
    return TRUE;

  /* Records that the hub has seen keep the identity they were sent with. */
  if (anything_sent (store))
    {
      g_set_error (error, KF_ERROR, KF_ERROR_FORBIDDEN,
                   _("the token belongs to another base or organisation than the one this "
                     "installation has synced as"));
      return FALSE;
    }
  if (base_moves)
    return kf_uuid_is_valid (hub_base_id) &&
           move_base (store, identity->base_id, hub_base_id, error);
  return hub_org_name != NULL && move_org (store, identity->org_name, hub_org_name, error);
}

/**
 * kf_sync_store_adopt_identity:
 * @store: a store
 * @me: the hub's `GET /v1/me`
 * @error: return location
 *
 * On its first sync a base installation takes the base id that the hub gives
 * its token, and a school its organisation name, and moves its local records
 * to it, in one transaction, before anything is pushed.
 */
gboolean
kf_sync_store_adopt_identity (KfStore    *store,
                              JsonObject *me,
                              GError    **error)
{
  g_autoptr(KfIdentity) identity = NULL;
  const char *role;

  g_return_val_if_fail (KF_IS_STORE (store), FALSE);

  identity = kf_store_get_identity (store, error);
  if (identity == NULL)
    return FALSE;

  role = json_object_get_string_member_with_default (me, "role", "");
  if (g_strcmp0 (role, kf_role_to_string (identity->role)) != 0)
    {
      g_set_error (error, KF_ERROR, KF_ERROR_FORBIDDEN,
                   _("the token is for the role “%s”, but this installation is set up as “%s”"),
                   role, kf_role_to_string (identity->role));
      return FALSE;
    }

  if (!kf_store_begin (store, error))
    return FALSE;
  if (!adopt (store, identity,
              json_object_get_string_member_with_default (me, "base_id", NULL),
              json_object_get_string_member_with_default (me, "org_name", NULL), error) ||
      !kf_store_commit (store, error))
    {
      kf_store_rollback (store);
      return FALSE;
    }
  kf_store_forget_identity (store);
  return TRUE;
}

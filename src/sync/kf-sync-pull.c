/* kf-sync-pull.c — applying pulled changes, and taking the token's identity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kf-error.h"
#include "kf-store-bulk.h"
#include "kf-store-private.h"
#include "kf-sync-store.h"

gint64
kf_sync_store_get_cursor (KfStore *store)
{
  g_autofree char *cursor = kf_store_get_meta (store, "sync_cursor");

  return cursor != NULL ? g_ascii_strtoll (cursor, NULL, 10) : 0;
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
 * Reads the record's fields strictly (kf_record_from_json_data()); members
 * that are not fields are left out. The values are not checked here.
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
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  KfRecord *record;

  /* The hub's nodes are shared, not copied: neither object is changed. */
  json_object_iter_init (&iter, pulled);
  while (json_object_iter_next (&iter, &name, &node))
    {
      const KfFieldSpec *field = kf_entity_find_field (entity, name);

      if (field != NULL && !(field->flags & KF_FIELD_COMPUTED))
        json_object_set_member (data, name, json_node_ref (node));
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

/* Every field checked by the rules of the protocol, as a push is. The
 * reviewer receives phone numbers masked ("138****0000"): such a number is
 * checked as the number it hides, with digits in place of the stars, and
 * stored as it came. */
static gboolean
validate_pulled (KfRecord *record,
                 gboolean  masked_phones,
                 GError  **error)
{
  const KfFieldSpec *phone = NULL;
  g_autofree char *as_pulled = NULL;
  gboolean valid;

  if (masked_phones)
    phone = kf_entity_find_field (record->entity, "contact_phone");
  if (phone != NULL && kf_record_get_text (record, phone) != NULL &&
      strchr (kf_record_get_text (record, phone), '*') != NULL)
    {
      g_autofree char *hidden = g_strdup (kf_record_get_text (record, phone));

      as_pulled = g_strdup (hidden);
      kf_record_set_text (record, phone, g_strdelimit (hidden, "*", '0'));
    }

  valid = kf_record_validate (record, error);
  if (as_pulled != NULL)
    kf_record_set_text (record, phone, as_pulled);
  return valid;
}

static KfRecord *
record_from_valid_change (KfEntity    entity,
                          const char *id,
                          gint64      version,
                          JsonObject *data,
                          gboolean    masked_phones,
                          GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(KfRecord) record = kf_sync_record_from_pulled (entity, id, version, data,
                                                           &local_error);

  if (record != NULL && validate_pulled (record, masked_phones, &local_error))
    return g_steal_pointer (&record);

  {
    g_autofree char *reason = kf_error_describe (local_error);

    g_set_error (error, KF_ERROR, local_error->code,
                 _("the hub sent a record that is not valid (%s %s): %s"),
                 kf_entity_info (entity)->name, id, reason);
  }
  return NULL;
}

/* The record of a pulled change, or NULL with an error if the change is not
 * of the shape the protocol gives or its record breaks a rule. */
static KfRecord *
record_from_change (JsonNode *node,
                    gboolean  masked_phones,
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
        return record_from_valid_change (entity, id, json_node_get_int (version),
                                         json_object_get_object_member (change, "data"),
                                         masked_phones, error);
    }

  g_set_error (error, KF_ERROR, KF_ERROR_FAILED, _("the hub sent a change that is not valid"));
  return NULL;
}

/* Every record of the pages, read and checked before anything is written. */
static GPtrArray *
records_from_pages (KfStore    *store,
                    JsonArray **pages,
                    guint       n_pages,
                    GError    **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  g_autoptr(KfIdentity) identity = kf_store_get_identity (store, error);
  gboolean masked_phones;

  if (identity == NULL)
    return NULL;
  masked_phones = identity->role == KF_ROLE_REVIEWER;

  for (guint p = 0; p < n_pages; p++)
    for (guint i = 0; i < json_array_get_length (pages[p]); i++)
      {
        KfRecord *record = record_from_change (json_array_get_element (pages[p], i),
                                               masked_phones, error);

        if (record == NULL)
          return NULL;
        g_ptr_array_add (records, record);
      }
  return g_steal_pointer (&records);
}

static gboolean
write_records (KfStore   *store,
               GPtrArray *records,
               guint     *n_written,
               GError   **error)
{
  g_autoptr(KfStoreBulk) bulk = kf_store_bulk_new (store, error);

  *n_written = 0;
  if (bulk == NULL)
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      gboolean written;

      if (!kf_store_bulk_put_pulled (bulk, g_ptr_array_index (records, i), &written, error))
        return FALSE;
      *n_written += written ? 1 : 0;
    }
  return TRUE;
}

/* Each record is written by an upsert that may fire a trigger (the visit
 * sums), so SQLite keeps the pages it changes in a statement journal, to
 * undo that one statement if it fails halfway. In a transaction of
 * thousands of records every page it changes is already dirty, so the
 * journal takes a copy of each, and by default it goes to a temporary file
 * past 64 KiB: some 470,000 writes to the disk for 100,000 pulled records.
 * In memory it holds the pages of one statement at a time, a few dozen KiB.
 * (A setting of the connection; it has no temporary tables to lose.) */
static gboolean
keep_statement_journals_in_memory (KfStore *store,
                                   GError **error)
{
  return kf_store_exec (store, "PRAGMA temp_store = MEMORY", error);
}

/**
 * kf_sync_store_apply_pages:
 * @store: a store
 * @pages: (array length=n_pages): the `changes` of consecutive pages of
 *   `GET /v1/changes`
 * @n_pages: how many
 * @next: the last page's `next`
 * @n_applied: (out): how many records were written
 * @error: return location
 *
 * Applies the pages and stores the cursor after the last one in the same
 * transaction, so that a crash at any point replays them harmlessly. Every
 * record is read and checked first: pages with a change that is not of the
 * protocol's shape, or a record that breaks a rule, are refused whole, and
 * nothing is written.
 */
gboolean
kf_sync_store_apply_pages (KfStore    *store,
                           JsonArray **pages,
                           guint       n_pages,
                           gint64      next,
                           guint      *n_applied,
                           GError    **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *cursor = g_strdup_printf ("%" G_GINT64_FORMAT, next);
  guint written = 0;

  g_return_val_if_fail (KF_IS_STORE (store), FALSE);
  g_return_val_if_fail (pages != NULL || n_pages == 0, FALSE);

  records = records_from_pages (store, pages, n_pages, error);
  if (records == NULL || !keep_statement_journals_in_memory (store, error) ||
      !kf_store_begin (store, error))
    return FALSE;
  if (!write_records (store, records, &written, error) ||
      !kf_store_set_meta (store, "sync_cursor", cursor, error) ||
      !kf_store_commit (store, error))
    {
      kf_store_rollback (store);
      return FALSE;
    }
  *n_applied = written;
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
 * kf_sync_store_apply_pages() for one page.
 */
gboolean
kf_sync_store_apply_changes (KfStore    *store,
                             JsonArray  *changes,
                             gint64      next,
                             guint      *n_applied,
                             GError    **error)
{
  return kf_sync_store_apply_pages (store, &changes, 1, next, n_applied, error);
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

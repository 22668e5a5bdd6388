/* kf-store-bases.c — when each base last synced with the hub
 *
 * A base's records carry no such time: the hub tells it (GET
 * /v1/sync-status, an extension of the protocol) and a reviewer's or a
 * base's installation keeps the latest answer here, whole, so that a base
 * the hub no longer lists is not shown with an old time. A base without a
 * row has never synced.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kf-error.h"
#include "kf-store-private.h"

static gboolean
check_base_sync (const char *base_id,
                 const char *last_sync,
                 GError    **error)
{
  if (base_id == NULL || !kf_uuid_is_valid (base_id))
    {
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, "base_id",
                          _("must be an id (a lowercase UUID)"));
      return FALSE;
    }
  if (last_sync != NULL && !kf_instant_is_valid (last_sync))
    {
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, "last_sync",
                          _("must be a date and time with its offset, "
                            "such as 2025-05-24T09:05:00+08:00"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_base_sync (KfStore    *self,
                  const char *base_id,
                  const char *last_sync,
                  GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = kf_store_prepare (self, "INSERT OR REPLACE INTO base_sync (base_id, last_sync)"
                           " VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  kf_store_bind_text (stmt, 1, base_id);
  kf_store_bind_text (stmt, 2, last_sync);
  return kf_store_step_done (self, stmt, error);
}

static gboolean
replace_base_syncs (KfStore    *self,
                    GHashTable *last_syncs,
                    GError    **error)
{
  GHashTableIter iter;
  gpointer key, value;

  if (!kf_store_exec (self, "DELETE FROM base_sync", error))
    return FALSE;
  g_hash_table_iter_init (&iter, last_syncs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value != NULL && !insert_base_sync (self, key, value, error))
      return FALSE;
  return TRUE;
}

/**
 * kf_store_replace_base_syncs:
 * @self: a store
 * @last_syncs: (element-type utf8 utf8): base id → when the base last
 *   synced (RFC 3339), or %NULL for a base that never has
 * @error: return location for a %KF_ERROR naming the field at fault
 *   ("base_id", "last_sync")
 *
 * Keeps @last_syncs in place of what was kept, in one transaction. Nothing is
 * written when an entry is not valid.
 */
gboolean
kf_store_replace_base_syncs (KfStore    *self,
                             GHashTable *last_syncs,
                             GError    **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (KF_IS_STORE (self), FALSE);
  g_return_val_if_fail (last_syncs != NULL, FALSE);

  g_hash_table_iter_init (&iter, last_syncs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!check_base_sync (key, value, error))
      return FALSE;

  if (!kf_store_begin (self, error))
    return FALSE;
  if (!replace_base_syncs (self, last_syncs, error) || !kf_store_commit (self, error))
    {
      kf_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/**
 * kf_store_get_base_syncs:
 * @self: a store
 * @error: return location
 *
 * Returns: (transfer full) (element-type utf8 utf8) (nullable): base id →
 *   when the base last synced, for the bases that ever have
 */
GHashTable *
kf_store_get_base_syncs (KfStore *self,
                         GError **error)
{
  g_autoptr(GHashTable) last_syncs = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KF_IS_STORE (self), NULL);

  stmt = kf_store_prepare (self, "SELECT base_id, last_sync FROM base_sync", error);
  if (stmt == NULL)
    return NULL;
  last_syncs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (last_syncs, g_strdup (kf_store_column_text (stmt, 0)),
                         g_strdup (kf_store_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kf_store_set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&last_syncs);
}

/**
 * kf_store_get_base_sync:
 * @self: a store
 * @base_id: a base
 * @error: return location, set only when the database failed
 *
 * Returns: (transfer full) (nullable): when @base_id last synced, or %NULL
 *   when it never has (as far as the hub last told)
 */
char *
kf_store_get_base_sync (KfStore    *self,
                        const char *base_id,
                        GError    **error)
{
  g_autofree char *last_sync = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KF_IS_STORE (self), NULL);
  g_return_val_if_fail (base_id != NULL, NULL);

  stmt = kf_store_prepare (self, "SELECT last_sync FROM base_sync WHERE base_id = ?", error);
  if (stmt == NULL)
    return NULL;
  kf_store_bind_text (stmt, 1, base_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    last_sync = g_strdup (kf_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    kf_store_set_sqlite_error (self, error);
  return g_steal_pointer (&last_sync);
}

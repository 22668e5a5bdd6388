/* kf-sync-status.c — when each base last synced, as the hub tells
 *
 * After a pull, a reviewer's (or a base's) installation asks the hub when
 * each base it may see last synced: GET /v1/sync-status, an extension of
 * the protocol (docs/sync-protocol.md). A hub without the extension answers
 * 404, which is not an error: there is simply nothing to show. Any other
 * failure fails the sync like the failure of a pull.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kf-sync-status.h"

static void
set_unreadable (GError **error)
{
  g_set_error (error, KF_SYNC_ERROR, KF_SYNC_ERROR_NO_ANSWER,
               _("the hub’s answer could not be read"));
}

/* One entry of the answer: {"base_id": "…", "last_sync": "…" or null}. */
static gboolean
read_entry (JsonNode   *node,
            GHashTable *last_syncs)
{
  JsonObject *entry;
  JsonNode *base_id, *last_sync;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  entry = json_node_get_object (node);
  base_id = json_object_get_member (entry, "base_id");
  last_sync = json_object_get_member (entry, "last_sync");
  if (base_id == NULL || json_node_get_value_type (base_id) != G_TYPE_STRING ||
      last_sync == NULL ||
      (!JSON_NODE_HOLDS_NULL (last_sync) && json_node_get_value_type (last_sync) != G_TYPE_STRING))
    return FALSE;

  g_hash_table_insert (last_syncs, g_strdup (json_node_get_string (base_id)),
                       JSON_NODE_HOLDS_NULL (last_sync)
                       ? NULL : g_strdup (json_node_get_string (last_sync)));
  return TRUE;
}

static GHashTable *
read_answer (JsonNode  *answer,
             GError   **error)
{
  g_autoptr(GHashTable) last_syncs = NULL;
  JsonNode *bases = json_object_get_member (json_node_get_object (answer), "bases");
  JsonArray *array;

  if (bases == NULL || !JSON_NODE_HOLDS_ARRAY (bases))
    {
      set_unreadable (error);
      return NULL;
    }
  array = json_node_get_array (bases);
  last_syncs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!read_entry (json_array_get_element (array, i), last_syncs))
      {
        set_unreadable (error);
        return NULL;
      }
  return g_steal_pointer (&last_syncs);
}

static gboolean
role_reads_status (KfStore  *store,
                   gboolean *reads,
                   GError  **error)
{
  g_autoptr(KfIdentity) identity = kf_store_get_identity (store, error);

  if (identity == NULL)
    return FALSE;
  *reads = identity->role == KF_ROLE_REVIEWER || identity->role == KF_ROLE_BASE;
  return TRUE;
}

/**
 * kf_sync_status_pull:
 * @store: a store, its pull done
 * @client: its hub
 * @retry_after: (out): seconds the hub asked to wait after a failure, or 0
 * @cancellable: (nullable): a cancellable
 * @error: return location, %KF_SYNC_ERROR or %KF_ERROR
 *
 * Asks the hub when each base last synced and keeps the answer, whole, in
 * one transaction (kf_store_replace_base_syncs()). A school does not ask;
 * a hub without the extension (404) leaves what was kept as it is.
 */
gboolean
kf_sync_status_pull (KfStore      *store,
                     KfHubClient  *client,
                     guint        *retry_after,
                     GCancellable *cancellable,
                     GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GHashTable) last_syncs = NULL;
  gboolean reads = FALSE;

  g_return_val_if_fail (KF_IS_STORE (store), FALSE);
  g_return_val_if_fail (client != NULL, FALSE);

  if (!role_reads_status (store, &reads, error))
    return FALSE;
  if (!reads)
    return TRUE;

  answer = kf_hub_client_call (client, "GET", "/v1/sync-status", NULL, 0, retry_after,
                               cancellable, &local_error);
  if (answer == NULL)
    {
      if (g_error_matches (local_error, KF_SYNC_ERROR, KF_SYNC_ERROR_NOT_FOUND))
        {
          g_debug ("The hub does not tell when the bases synced: %s", local_error->message);
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  last_syncs = read_answer (answer, error);
  return last_syncs != NULL && kf_store_replace_base_syncs (store, last_syncs, error);
}

/* kf-sync.c — one sync: take the token's identity, push, then pull
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kf-error.h"
#include "kf-store-private.h"
#include "kf-sync.h"
#include "kf-sync-pages.h"
#include "kf-sync-status.h"

static char *
ops_to_json (GPtrArray *ops)
{
  GString *out = g_string_new ("{\"ops\": [");

  for (guint i = 0; i < ops->len; i++)
    {
      KfSyncOp *op = g_ptr_array_index (ops, i);

      g_string_append_printf (out, "%s{\"op_id\": \"%s\", \"entity\": \"%s\", \"id\": \"%s\","
                              " \"base_version\": %" G_GINT64_FORMAT ", \"data\": %s}",
                              i > 0 ? ", " : "", op->op_id, kf_entity_info (op->entity)->name,
                              op->record_id, op->base_version, op->data);
    }
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

static gboolean
push_round (KfStore       *store,
            KfHubClient   *client,
            KfSyncCounts  *counts,
            gboolean      *done,
            guint         *retry_after,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GPtrArray) ops = kf_sync_store_next_batch (store, KF_SYNC_MAX_OPS, error);
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *body = NULL;
  JsonNode *results;
  guint answered;

  if (ops == NULL)
    return FALSE;
  *done = ops->len == 0;
  if (*done)
    return TRUE;

  body = ops_to_json (ops);
  answer = kf_hub_client_call (client, "POST", "/v1/push", body, strlen (body), retry_after,
                               cancellable, error);
  if (answer == NULL)
    return FALSE;

  results = json_object_get_member (json_node_get_object (answer), "results");
  if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results))
    {
      g_set_error (error, KF_SYNC_ERROR, KF_SYNC_ERROR_NO_ANSWER,
                   _("the hub’s answer could not be read"));
      return FALSE;
    }

  answered = kf_sync_store_apply_results (store, ops, json_node_get_array (results), counts,
                                          error);
  if (answered == G_MAXUINT)
    return FALSE;
  if (answered < ops->len)
    {
      /* What was not answered goes again, with the same op_ids, next time. */
      g_set_error (error, KF_SYNC_ERROR, KF_SYNC_ERROR_NO_ANSWER,
                   _("the hub did not answer %u of %u changes"), ops->len - answered, ops->len);
      return FALSE;
    }
  return TRUE;
}

static gboolean
take_identity (KfStore      *store,
               KfHubClient  *client,
               guint        *retry_after,
               GCancellable *cancellable,
               GError      **error)
{
  g_autoptr(JsonNode) me = kf_hub_client_call (client, "GET", "/v1/me", NULL, 0, retry_after,
                                               cancellable, error);
  g_autoptr(GError) local_error = NULL;

  if (me == NULL)
    return FALSE;
  if (!kf_sync_store_adopt_identity (store, json_node_get_object (me), &local_error))
    {
      g_set_error (error, KF_SYNC_ERROR, KF_SYNC_ERROR_REFUSED, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * kf_sync_once:
 * @store: a store
 * @client: its hub
 * @counts: where to count what this sync met
 * @retry_after: (out): seconds the hub asked to wait after a failure, or 0
 * @cancellable: (nullable): a cancellable
 * @error: return location, %KF_SYNC_ERROR or %KF_ERROR
 *
 * One try: take the token's identity, push every queued op (at most 500 a
 * request, one op of a record a round), then pull pages until there are no
 * more. Each step commits before the next begins, so a failure or a crash at
 * any point loses nothing and counts nothing twice.
 */
gboolean
kf_sync_once (KfStore       *store,
              KfHubClient   *client,
              KfSyncCounts  *counts,
              guint         *retry_after,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *now = NULL;
  gboolean done = FALSE;

  g_return_val_if_fail (KF_IS_STORE (store), FALSE);

  *retry_after = 0;
  if (!take_identity (store, client, retry_after, cancellable, error))
    return FALSE;

  while (!done)
    if (!push_round (store, client, counts, &done, retry_after, cancellable, error))
      return FALSE;

  if (!kf_sync_pull_pages (store, client, counts, retry_after, cancellable, error))
    return FALSE;

  if (!kf_sync_status_pull (store, client, retry_after, cancellable, error))
    return FALSE;

  now = kf_instant_now ();
  return kf_store_set_meta (store, "last_sync", now, error);
}

/**
 * kf_sync_backoff_delay:
 * @failures: failed tries so far, at least 1
 * @retry_after_seconds: what the hub asked for, or 0
 * @max_delay_ms: the cap
 *
 * Exponential backoff with jitter (half to all of 2^(failures-1) seconds),
 * never shorter than the hub's Retry-After.
 *
 * Returns: milliseconds to wait
 */
guint
kf_sync_backoff_delay (guint failures,
                       guint retry_after_seconds,
                       guint max_delay_ms)
{
  guint64 exponential = 1000u << MIN (MAX (failures, 1) - 1, 20);
  guint64 delay = MIN (exponential, max_delay_ms);

  delay = delay / 2 + g_random_int_range (0, (gint32) MAX (delay / 2, 1));
  return MAX (delay, (guint64) retry_after_seconds * 1000);
}

static gboolean
check_can_sync (KfStore  *store,
                char    **hub_url,
                char    **token,
                char    **ca_file,
                GError  **error)
{
  g_autofree char *demo = kf_store_get_meta (store, "demo");
  g_autoptr(KfIdentity) identity = kf_store_get_identity (store, error);

  if (identity == NULL)
    return FALSE;
  if (g_strcmp0 (demo, "1") == 0)
    {
      g_set_error (error, KF_SYNC_ERROR, KF_SYNC_ERROR_NOT_SET_UP,
                   _("this database holds the demo data, which is never sent to a hub"));
      return FALSE;
    }

  *hub_url = kf_store_get_meta (store, "hub_url");
  *token = kf_store_get_meta (store, "hub_token");
  *ca_file = kf_store_get_meta (store, "hub_ca_file");
  if (*hub_url == NULL || *token == NULL)
    {
      g_set_error (error, KF_SYNC_ERROR, KF_SYNC_ERROR_NOT_SET_UP,
                   _("no hub is set up yet: give its address and a token"));
      return FALSE;
    }
  return TRUE;
}

/* A pulled page is one transaction that writes 500 records with random ids,
 * so it dirties a few thousand pages spread over every index. That is more
 * than SQLite's default cache of 2 MiB, which then spills to the WAL in the
 * middle of the transaction and reads pages back, and more than the 1,000
 * pages after which a commit copies the WAL into the database and syncs it,
 * which then happened after every page. Both are settings of this connection
 * only: what is committed, and when, does not change. */
static void
tune_for_sync (KfStore *store)
{
  g_autoptr(GError) error = NULL;

  if (!kf_store_exec (store, "PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = 4000",
                      &error))
    g_debug ("Could not tune the connection for syncing: %s", error->message);
}

/**
 * kf_sync_run:
 * @store: a store with a hub set up (kf_sync_set_hub())
 * @policy: how many tries, how long to wait
 * @counts: (out): what this run met
 * @cancellable: (nullable): a cancellable
 * @error: return location
 *
 * Syncs, trying again after a failure that left the outcome unknown, with
 * backoff between the tries. The first try is at once.
 */
gboolean
kf_sync_run (KfStore            *store,
             const KfSyncPolicy *policy,
             KfSyncCounts       *counts,
             GCancellable       *cancellable,
             GError            **error)
{
  g_autofree char *hub_url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *ca_file = NULL;
  g_autoptr(KfHubClient) client = NULL;

  g_return_val_if_fail (KF_IS_STORE (store), FALSE);

  memset (counts, 0, sizeof *counts);
  if (!check_can_sync (store, &hub_url, &token, &ca_file, error))
    return FALSE;

  client = kf_hub_client_new (hub_url, token, ca_file, policy->timeout_seconds, error);
  if (client == NULL)
    return FALSE;
  tune_for_sync (store);

  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      guint retry_after = 0;

      if (kf_sync_once (store, client, counts, &retry_after, cancellable, &local_error))
        return TRUE;

      if (!g_error_matches (local_error, KF_SYNC_ERROR, KF_SYNC_ERROR_NO_ANSWER) ||
          attempt >= policy->max_attempts ||
          g_cancellable_is_cancelled (cancellable))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      g_debug ("Sync try %u failed (%s); waiting", attempt, local_error->message);
      g_usleep ((gulong) kf_sync_backoff_delay (attempt, retry_after,
                                                policy->max_delay_ms) * 1000);
    }
}

/**
 * kf_sync_set_hub:
 *
 * Remembers the hub's address and the token (and a county's own CA file) in
 * the installation's database.
 */
gboolean
kf_sync_set_hub (KfStore    *store,
                 const char *hub_url,
                 const char *token,
                 const char *ca_file,
                 GError    **error)
{
  g_autoptr(KfHubClient) probe = NULL;

  g_return_val_if_fail (KF_IS_STORE (store), FALSE);

  probe = kf_hub_client_new (hub_url, token != NULL ? token : "", NULL, 1, error);
  if (probe == NULL)
    return FALSE;

  if (!kf_store_begin (store, error))
    return FALSE;
  if (!kf_store_set_meta (store, "hub_url", hub_url, error) ||
      (token != NULL && !kf_store_set_meta (store, "hub_token", token, error)) ||
      (ca_file != NULL && !kf_store_set_meta (store, "hub_ca_file", ca_file, error)) ||
      !kf_store_commit (store, error))
    {
      kf_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

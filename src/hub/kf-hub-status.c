/* kf-hub-status.c — when each client last synced, and GET /v1/sync-status
 *
 * The protocol does not say when a base last synced; the reviewer wants to
 * know it, to tell a base with nothing to report from one that has not
 * reported. So the hub notes, per client, the time of its last successful
 * push (inside the push's transaction, so a push that is rolled back is not
 * noted) or pull. A pull is only a read: it is noted only when the time
 * noted is a minute old or more, so that a client pulling page after page
 * does not turn every read into a write. GET /v1/sync-status answers, per
 * base, the latest time of the clients bound to it. The extension is
 * described in docs/sync-protocol.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-hub"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kf-hub-error.h"
#include "kf-hub-status.h"
#include "kf-store-private.h"

static gboolean
write_last_sync (KfStore           *store,
                 const KfHubClient *client,
                 GError           **error)
{
  g_autofree char *now = kf_instant_now ();
  sqlite3_stmt *stmt;

  stmt = kf_store_prepare (store, "UPDATE clients SET last_sync = ?1 WHERE client_id = ?2",
                           error);
  if (stmt == NULL)
    return FALSE;
  kf_store_bind_text (stmt, 1, now);
  kf_store_bind_text (stmt, 2, client->client_id);
  return kf_store_step_done (store, stmt, error);
}

/**
 * kf_hub_sync_note_push:
 * @store: the hub's store, in the transaction of the push
 * @client: who pushed
 * @error: return location
 *
 * Notes that @client synced now. It is kept only if the push is.
 */
gboolean
kf_hub_sync_note_push (KfStore           *store,
                       const KfHubClient *client,
                       GError           **error)
{
  g_return_val_if_fail (KF_IS_STORE (store), FALSE);
  g_return_val_if_fail (client != NULL, FALSE);

  return write_last_sync (store, client, error);
}

/* Whether @text is missing, unreadable, or at least a minute away from now
 * (a clock set back counts too: the time noted must not stay in the
 * future). */
static gboolean
is_stale (const char *text)
{
  g_autoptr(GDateTime) noted = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GTimeSpan age;

  if (text == NULL)
    return TRUE;
  noted = g_date_time_new_from_iso8601 (text, NULL);
  if (noted == NULL)
    return TRUE;
  age = g_date_time_difference (now, noted);
  return age >= KF_HUB_SYNC_NOTE_SECONDS * G_TIME_SPAN_SECOND ||
         age <= -KF_HUB_SYNC_NOTE_SECONDS * G_TIME_SPAN_SECOND;
}

static gboolean
read_last_sync (KfStore           *store,
                const KfHubClient *client,
                char             **last_sync,
                GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = kf_store_prepare (store, "SELECT last_sync FROM clients WHERE client_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  kf_store_bind_text (stmt, 1, client->client_id);
  rc = sqlite3_step (stmt);
  *last_sync = rc == SQLITE_ROW ? g_strdup (kf_store_column_text (stmt, 0)) : NULL;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      kf_store_set_sqlite_error (store, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * kf_hub_sync_note_pull:
 * @store: the hub's store, not in a transaction
 * @client: who pulled (GET /v1/changes answered)
 * @error: return location
 *
 * Notes that @client synced now, in a transaction of its own, but only when
 * the time noted is at least %KF_HUB_SYNC_NOTE_SECONDS old: most pulls only
 * read.
 */
gboolean
kf_hub_sync_note_pull (KfStore           *store,
                       const KfHubClient *client,
                       GError           **error)
{
  g_autofree char *last_sync = NULL;

  g_return_val_if_fail (KF_IS_STORE (store), FALSE);
  g_return_val_if_fail (client != NULL, FALSE);

  if (!read_last_sync (store, client, &last_sync, error))
    return FALSE;
  if (!is_stale (last_sync))
    return TRUE;

  if (!kf_store_begin (store, error))
    return FALSE;
  if (!write_last_sync (store, client, error) || !kf_store_commit (store, error))
    {
      kf_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* Every base (or one), with the latest time any client bound to it synced.
 * The times are compared as instants: the hub's offset may have changed
 * between two of them. */
#define STATUS_SQL \
  "SELECT b.id, (SELECT c.last_sync FROM clients c" \
  "  WHERE c.base_id = b.id AND c.last_sync IS NOT NULL" \
  "  ORDER BY julianday(c.last_sync) DESC, c.last_sync DESC LIMIT 1)" \
  " FROM bases b WHERE ?1 IS NULL OR b.id = ?1 ORDER BY b.id"

static gboolean
append_bases (KfStore           *store,
              const KfHubClient *client,
              GString           *out,
              GError           **error)
{
  sqlite3_stmt *stmt = kf_store_prepare (store, STATUS_SQL, error);
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  kf_store_bind_text (stmt, 1, client->role == KF_ROLE_BASE ? client->base_id : NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *last_sync = kf_store_column_text (stmt, 1);

      g_string_append (out, n++ > 0 ? ",\n  {\"base_id\": " : "\n  {\"base_id\": ");
      kf_json_append_string (out, kf_store_column_text (stmt, 0));
      g_string_append (out, ", \"last_sync\": ");
      if (last_sync != NULL)
        kf_json_append_string (out, last_sync);
      else
        g_string_append (out, "null");
      g_string_append_c (out, '}');
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kf_store_set_sqlite_error (store, error);
      return FALSE;
    }
  if (n > 0)
    g_string_append_c (out, '\n');
  return TRUE;
}

/**
 * kf_hub_sync_status:
 * @store: the hub's store
 * @client: who reads: the reviewer (every base) or a base (its own)
 * @msg: the request
 * @query: its query parameters (none is read)
 * @error: return location
 *
 * GET /v1/sync-status, the hub's extension of the protocol.
 *
 * Returns: (transfer full) (nullable): the JSON body of the answer
 */
char *
kf_hub_sync_status (KfStore           *store,
                    const KfHubClient *client,
                    SoupServerMessage *msg,
                    GHashTable        *query,
                    GError           **error)
{
  g_autoptr(GString) out = g_string_new ("{\"bases\": [");

  g_return_val_if_fail (KF_IS_STORE (store), NULL);
  g_return_val_if_fail (client != NULL, NULL);

  /* The route lets only these roles in; this holds if it ever changes. */
  if (client->role != KF_ROLE_REVIEWER && client->role != KF_ROLE_BASE)
    {
      g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_FORBIDDEN,
                   _("the role %s may not read when the bases synced"),
                   kf_role_to_string (client->role));
      return NULL;
    }
  if (!append_bases (store, client, out, error))
    return NULL;
  g_string_append (out, "]}\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

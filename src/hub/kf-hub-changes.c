/* kf-hub-changes.c — the endpoints that read: changes, totals, me, health
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-hub"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kf-error.h"
#include "kf-hub-changes.h"
#include "kf-hub-error.h"
#include "kf-store-private.h"
#include "kf-totals.h"

char *
kf_hub_health (void)
{
  return g_strdup ("{\"status\": \"ok\", \"api\": 1}\n");
}

static void
append_nullable (GString    *out,
                 const char *value)
{
  if (value == NULL)
    g_string_append (out, "null");
  else
    kf_json_append_string (out, value);
}

char *
kf_hub_me (const KfHubClient *client)
{
  GString *out = g_string_new ("{\"client_id\": ");

  g_return_val_if_fail (client != NULL, NULL);

  kf_json_append_string (out, client->client_id);
  g_string_append (out, ", \"name\": ");
  kf_json_append_string (out, client->label);
  g_string_append (out, ", \"role\": ");
  kf_json_append_string (out, kf_role_to_string (client->role));
  g_string_append (out, ", \"base_id\": ");
  append_nullable (out, client->base_id);
  g_string_append (out, ", \"org_name\": ");
  append_nullable (out, client->org_name);
  g_string_append (out, "}\n");
  return g_string_free (out, FALSE);
}

/* Query parameters */

static gboolean
read_count (GHashTable *query,
            const char *name,
            guint64     fallback,
            guint64     min,
            guint64     max,
            guint64    *value,
            GError    **error)
{
  const char *text = query != NULL ? g_hash_table_lookup (query, name) : NULL;

  *value = fallback;
  if (text == NULL)
    return TRUE;

  /* Digits only: no sign, no space, no hex. */
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      text = "";
  if (*text != '\0' && g_ascii_string_to_unsigned (text, 10, min, max, value, NULL))
    return TRUE;

  if (max == G_MAXINT64)
    g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_INVALID_REQUEST,
                 _("%s: must be a whole number, 0 or more"), name);
  else
    g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_INVALID_REQUEST,
                 _("%s: must be a whole number from %u to %u"), name, (guint) min, (guint) max);
  return FALSE;
}

/* The feed */

/* What each role may read, as kf_hub_client_may_read() says it. */
static const char changes_sql[] =
  "SELECT seq, entity, record_id FROM changes WHERE seq > ?1 AND ("
  "  ?2 = 'reviewer'"
  "  OR (?2 = 'base' AND (entity = 'base' OR base_id = ?3))"
  "  OR (?2 = 'school' AND (entity IN ('base', 'session')"
  "                         OR (entity = 'booking' AND org_name = ?4))))"
  " ORDER BY seq LIMIT ?5";

static void
mask_phone (KfRecord *record)
{
  const KfFieldSpec *field = kf_entity_find_field (record->entity, "contact_phone");
  g_autofree char *masked = NULL;

  if (field == NULL)
    return;
  masked = kf_mask_phone (kf_record_get_text (record, field));
  kf_record_set_text (record, field, masked);
}

static gboolean
append_change (KfStore           *store,
               const KfHubClient *client,
               gint64             seq,
               const char        *entity_name,
               const char        *id,
               GString           *out,
               GError           **error)
{
  g_autoptr(KfRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;
  KfEntity entity;

  if (!kf_entity_from_string (entity_name, &entity))
    return TRUE;
  /* Records are never deleted; a row without its record (a database
   * edited by hand) is left out rather than failing every pull. */
  record = kf_store_get (store, entity, id, &local_error);
  if (record == NULL && g_error_matches (local_error, KF_ERROR, KF_ERROR_NOT_FOUND))
    return TRUE;
  if (record == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (client->role == KF_ROLE_REVIEWER)
    mask_phone (record);

  g_string_append_printf (out, "%s\n  {\"seq\": %" G_GINT64_FORMAT ", \"entity\": \"%s\", \"id\": ",
                          out->str[out->len - 1] == '[' ? "" : ",", seq, entity_name);
  kf_json_append_string (out, id);
  g_string_append_printf (out, ", \"version\": %" G_GINT64_FORMAT ", \"data\": ", record->version);
  kf_record_append_json (record, TRUE, out);
  g_string_append_c (out, '}');
  return TRUE;
}

static gboolean
append_changes (KfStore           *store,
                const KfHubClient *client,
                gint64             since,
                gint64             limit,
                GString           *out,
                GError           **error)
{
  sqlite3_stmt *stmt = kf_store_prepare (store, changes_sql, error);
  gint64 next = since, n = 0;
  gboolean more = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, since);
  kf_store_bind_text (stmt, 2, kf_role_to_string (client->role));
  kf_store_bind_text (stmt, 3, client->base_id);
  kf_store_bind_text (stmt, 4, client->org_name);
  /* One more row than asked tells whether there are more. */
  sqlite3_bind_int64 (stmt, 5, limit + 1);

  g_string_append (out, "{\"changes\": [");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *entity = NULL;
      g_autofree char *id = NULL;
      gint64 seq = sqlite3_column_int64 (stmt, 0);

      if (n == limit)
        {
          more = TRUE;
          break;
        }
      entity = g_strdup (kf_store_column_text (stmt, 1));
      id = g_strdup (kf_store_column_text (stmt, 2));
      if (!append_change (store, client, seq, entity, id, out, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      next = seq;
      n++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      kf_store_set_sqlite_error (store, error);
      return FALSE;
    }

  g_string_append_printf (out, "%s], \"next\": %" G_GINT64_FORMAT ", \"more\": %s}\n",
                          n > 0 ? "\n" : "", next, more ? "true" : "false");
  return TRUE;
}

/**
 * kf_hub_changes:
 * @store: the hub's store
 * @client: who reads
 * @query: (nullable): `since` and `limit`
 * @error: return location for %KF_HUB_ERROR_INVALID_REQUEST, or another
 *   error when the database failed
 *
 * The records @client may read whose seq is above `since`, by seq, read in
 * one transaction so that the page is one state of the database. Writers
 * take their seq inside their own transaction, so a reader never sees one
 * that is not committed, and seqs only grow.
 *
 * Returns: (transfer full) (nullable): the JSON body of the answer
 */
char *
kf_hub_changes (KfStore           *store,
                const KfHubClient *client,
                GHashTable        *query,
                GError           **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint64 since, limit;

  g_return_val_if_fail (KF_IS_STORE (store), NULL);
  g_return_val_if_fail (client != NULL, NULL);

  if (!read_count (query, "since", 0, 0, G_MAXINT64, &since, error) ||
      !read_count (query, "limit", KF_HUB_DEFAULT_LIMIT, 1, KF_HUB_MAX_LIMIT, &limit, error))
    return NULL;

  if (!kf_store_exec (store, "BEGIN", error))
    return NULL;
  if (!append_changes (store, client, since, limit, out, error) ||
      !kf_store_exec (store, "COMMIT", error))
    {
      kf_store_rollback (store);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Totals */

static gboolean
read_totals_query (GHashTable  *query,
                   const char **from,
                   const char **to,
                   KfTotalsBy  *by,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *by_text;

  *from = query != NULL ? g_hash_table_lookup (query, "from") : NULL;
  *to = query != NULL ? g_hash_table_lookup (query, "to") : NULL;
  by_text = query != NULL ? g_hash_table_lookup (query, "by") : NULL;

  if (*from == NULL || *to == NULL)
    {
      g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_INVALID_REQUEST, "%s: %s",
                   *from == NULL ? "from" : "to", _("is required"));
      return FALSE;
    }
  if (!kf_totals_check_period (*from, *to, &local_error))
    {
      g_autofree char *reason = kf_error_describe (local_error);

      g_set_error_literal (error, KF_HUB_ERROR, KF_HUB_ERROR_INVALID_REQUEST, reason);
      return FALSE;
    }

  *by = KF_TOTALS_BY_BASE;
  if (by_text != NULL && !kf_totals_by_from_string (by_text, by))
    {
      g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_INVALID_REQUEST, "by: %s",
                   _("must be one of: base, date, format, topic"));
      return FALSE;
    }
  return TRUE;
}

/**
 * kf_hub_totals:
 * @store: the hub's store
 * @client: who reads: the reviewer (all bases) or a base (its own)
 * @query: (nullable): `from`, `to` and `by`
 * @error: return location
 *
 * Returns: (transfer full) (nullable): the JSON body of the answer
 */
char *
kf_hub_totals (KfStore           *store,
               const KfHubClient *client,
               GHashTable        *query,
               GError           **error)
{
  g_autoptr(KfTotals) totals = NULL;
  GString *out;
  const char *from, *to;
  KfTotalsBy by;

  g_return_val_if_fail (KF_IS_STORE (store), NULL);
  g_return_val_if_fail (client != NULL, NULL);

  if (client->role == KF_ROLE_SCHOOL)
    {
      g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_FORBIDDEN,
                   _("the role %s may not read totals"), kf_role_to_string (client->role));
      return NULL;
    }
  if (!read_totals_query (query, &from, &to, &by, error))
    return NULL;

  totals = kf_totals_compute (store, from, to, by,
                              client->role == KF_ROLE_BASE ? client->base_id : NULL, error);
  if (totals == NULL)
    return NULL;

  out = g_string_new (NULL);
  kf_totals_append_json (totals, out);
  return g_string_free (out, FALSE);
}

/* kf-hub-db.c — the hub's database: a core store plus the hub's own tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-hub"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/random.h>

#include "kf-error.h"
#include "kf-hub-db.h"
#include "kf-store-private.h"

/* The hub keeps the core tables (its records, read and written by the same
 * code as an installation's) and these: who holds a token, every op it has
 * answered, the feed of changes, and who recorded each visit.
 *
 * changes has one row per record, moved to a new seq on every write, so a
 * record appears in the feed once, at its latest seq; base_id and org_name
 * are copied there so that what a client may read is one WHERE clause. */
static const char hub_migration_1[] =
  "CREATE TABLE clients ("
  "  client_id TEXT PRIMARY KEY,"
  "  role TEXT NOT NULL,"
  "  base_id TEXT,"
  "  org_name TEXT,"
  "  label TEXT NOT NULL,"
  "  token_hash TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  revoked_at TEXT);"
  "CREATE TABLE ops ("
  "  client_id TEXT NOT NULL,"
  "  op_id TEXT NOT NULL,"
  "  entity TEXT NOT NULL,"
  "  record_id TEXT NOT NULL,"
  "  data TEXT NOT NULL,"
  "  result TEXT NOT NULL,"
  "  answered_at TEXT NOT NULL,"
  "  PRIMARY KEY (client_id, op_id)) WITHOUT ROWID;"
  "CREATE TABLE changes ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  entity TEXT NOT NULL,"
  "  record_id TEXT NOT NULL,"
  "  base_id TEXT,"
  "  org_name TEXT,"
  "  UNIQUE (entity, record_id));"
  "CREATE INDEX changes_by_base ON changes (base_id, seq);"
  "CREATE INDEX changes_by_org ON changes (org_name, seq);"
  "CREATE TABLE owners ("
  "  entity TEXT NOT NULL,"
  "  record_id TEXT NOT NULL,"
  "  client_id TEXT NOT NULL,"
  "  PRIMARY KEY (entity, record_id)) WITHOUT ROWID;";

/* When each client last synced: its last push, or its last pull noted at
 * most once a minute (kf-hub-status.c), for GET /v1/sync-status, an
 * extension of the protocol (docs/sync-protocol.md). */
static const char hub_migration_2[] =
  "ALTER TABLE clients ADD COLUMN last_sync TEXT;";

static const char * const hub_migrations[] = { hub_migration_1, hub_migration_2 };

/* SQLite's page cache is 2 MiB by default. With a few tens of thousands of
 * records, the indexes on random ids (records, ops, the feed) no longer
 * fit, and every op read pages back from the kernel. The hub keeps up to
 * 64 MiB of pages per connection instead: memory is taken as pages are
 * read, so a small hub uses less. */
#define KF_HUB_DB_PRAGMAS "PRAGMA cache_size = -65536;"

G_STATIC_ASSERT (G_N_ELEMENTS (hub_migrations) == KF_HUB_SCHEMA_VERSION);

void
kf_hub_client_free (KfHubClient *client)
{
  if (client == NULL)
    return;
  g_free (client->client_id);
  g_free (client->base_id);
  g_free (client->org_name);
  g_free (client->label);
  g_free (client->created_at);
  g_free (client->revoked_at);
  g_free (client);
}

KfIdentity *
kf_hub_client_get_identity (const KfHubClient *client)
{
  g_return_val_if_fail (client != NULL, NULL);

  return kf_identity_new (client->role, client->base_id, client->org_name);
}

static const char *
record_base_id (const KfRecord *record)
{
  switch (record->entity)
    {
    case KF_ENTITY_BASE:
      return record->id;
    case KF_ENTITY_SESSION:
      return KF_SESSION (record)->base_id;
    case KF_ENTITY_BOOKING:
      return KF_BOOKING (record)->base_id;
    case KF_ENTITY_VISIT:
      return KF_VISIT (record)->base_id;
    case KF_N_ENTITIES:
    default:
      g_assert_not_reached ();
    }
}

static const char *
record_org_name (const KfRecord *record)
{
  return record->entity == KF_ENTITY_BOOKING ? KF_BOOKING (record)->org_name : NULL;
}

/**
 * kf_hub_client_may_read:
 *
 * The role table of the protocol: a base reads every base and its own
 * base's records, a school every base and session and its own bookings, the
 * reviewer everything. The feed (kf-hub-changes.c) applies the same rule in
 * SQL.
 */
gboolean
kf_hub_client_may_read (const KfHubClient *client,
                        const KfRecord    *record)
{
  g_return_val_if_fail (client != NULL && record != NULL, FALSE);

  if (record->entity == KF_ENTITY_BASE || client->role == KF_ROLE_REVIEWER)
    return TRUE;
  if (client->role == KF_ROLE_BASE)
    return g_strcmp0 (record_base_id (record), client->base_id) == 0;
  if (record->entity == KF_ENTITY_SESSION)
    return TRUE;
  return record->entity == KF_ENTITY_BOOKING &&
         g_strcmp0 (record_org_name (record), client->org_name) == 0;
}

static int
read_hub_version (KfStore *store)
{
  g_autofree char *text = kf_store_get_meta (store, "hub_schema_version");
  guint64 version = 0;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT, &version, NULL))
    return -1;
  return (int) version;
}

int
kf_hub_db_get_schema_version (KfStore *store)
{
  g_return_val_if_fail (KF_IS_STORE (store), -1);

  return read_hub_version (store);
}

static gboolean
migrate_hub (KfStore *store,
             GError **error)
{
  int version = read_hub_version (store);

  if (version < 0 || version > KF_HUB_SCHEMA_VERSION)
    {
      g_set_error (error, KF_ERROR, KF_ERROR_DATABASE,
                   _("was made by a newer version of kaifang-hub"));
      return FALSE;
    }

  for (int next = version + 1; next <= KF_HUB_SCHEMA_VERSION; next++)
    {
      g_autofree char *text = g_strdup_printf ("%d", next);

      g_debug ("Migrating %s to hub schema %d", kf_store_get_path (store), next);
      if (!kf_store_begin (store, error))
        return FALSE;
      if (!kf_store_exec (store, hub_migrations[next - 1], error) ||
          !kf_store_set_meta (store, "hub_schema_version", text, error) ||
          !kf_store_commit (store, error))
        {
          kf_store_rollback (store);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * kf_hub_db_open:
 * @path: the hub's database, made if missing
 * @error: return location
 *
 * Opens a core store and brings the hub's own tables up to date, one
 * migration per transaction. An installation's database is refused: its
 * records are one installation's view, not the county's.
 *
 * Returns: (transfer full) (nullable): the store
 */
KfStore *
kf_hub_db_open (const char *path,
                GError    **error)
{
  g_autoptr(KfStore) store = NULL;
  g_autofree char *role = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  store = kf_store_open (path, error);
  if (store == NULL)
    return NULL;

  role = kf_store_get_meta (store, "role");
  if (role != NULL)
    {
      g_set_error (error, KF_ERROR, KF_ERROR_DATABASE,
                   _("is the database of an installation (role %s), not of a hub"), role);
      return NULL;
    }

  if (!migrate_hub (store, error) || !kf_store_exec (store, KF_HUB_DB_PRAGMAS, error))
    return NULL;
  return g_steal_pointer (&store);
}

/* Tokens */

static void
fill_random (guint8 *buffer,
             gsize   length)
{
  gsize done = 0;

  /* getrandom() blocks only until the kernel's pool is first seeded. */
  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        g_error ("getrandom() failed: %s", g_strerror (errno));
      done += n;
    }
}

/**
 * kf_hub_token_new:
 *
 * Returns: (transfer full): a new token: "kft_" and 32 random bytes from
 *   the kernel, in unpadded base64url
 */
char *
kf_hub_token_new (void)
{
  guint8 bytes[32];
  g_autofree char *encoded = NULL;
  GString *token;

  fill_random (bytes, sizeof bytes);
  encoded = g_base64_encode (bytes, sizeof bytes);
  explicit_bzero (bytes, sizeof bytes);

  token = g_string_new ("kft_");
  for (const char *p = encoded; *p != '\0' && *p != '='; p++)
    g_string_append_c (token, *p == '+' ? '-' : *p == '/' ? '_' : *p);
  explicit_bzero (encoded, strlen (encoded));
  return g_string_free (token, FALSE);
}

/**
 * kf_hub_token_hash:
 *
 * Returns: (transfer full): the SHA-256 of @token in hex, the only form in
 *   which the hub keeps a token
 */
char *
kf_hub_token_hash (const char *token)
{
  g_return_val_if_fail (token != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

/* Compares two strings in a time that depends on their length only. */
gboolean
kf_hub_secure_equal (const char *a,
                     const char *b)
{
  gsize len_a = strlen (a), len_b = strlen (b);
  volatile guchar diff = len_a != len_b;

  for (gsize i = 0; i < len_a && i < len_b; i++)
    diff |= (guchar) a[i] ^ (guchar) b[i];
  return diff == 0;
}

/* Clients */

#define CLIENT_COLUMNS "client_id, role, base_id, org_name, label, created_at, revoked_at"

static KfHubClient *
read_client (sqlite3_stmt *stmt)
{
  KfHubClient *client = g_new0 (KfHubClient, 1);

  client->client_id = g_strdup (kf_store_column_text (stmt, 0));
  if (!kf_role_from_string (kf_store_column_text (stmt, 1), &client->role))
    client->role = KF_ROLE_REVIEWER;
  client->base_id = g_strdup (kf_store_column_text (stmt, 2));
  client->org_name = g_strdup (kf_store_column_text (stmt, 3));
  client->label = g_strdup (kf_store_column_text (stmt, 4));
  client->created_at = g_strdup (kf_store_column_text (stmt, 5));
  client->revoked_at = g_strdup (kf_store_column_text (stmt, 6));
  return client;
}

static gboolean
check_text (const char *value,
            const char *field,
            glong       max_chars,
            GError    **error)
{
  if (value == NULL || *value == '\0')
    {
      kf_set_field_error (error, KF_ERROR_MISSING_FIELD, field, _("is required"));
      return FALSE;
    }
  if (!g_utf8_validate (value, -1, NULL))
    {
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, field, _("is not valid UTF-8 text"));
      return FALSE;
    }
  if (g_utf8_strlen (value, -1) > max_chars)
    {
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, field,
                          _("must be %d to %d characters long"), 1, (int) max_chars);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_binding (KfStore    *store,
               KfRole      role,
               const char *base_id,
               const char *org_name,
               GError    **error)
{
  const KfFieldSpec *org = kf_entity_find_field (KF_ENTITY_BOOKING, "org_name");
  g_autoptr(KfRecord) base = NULL;

  if (role != KF_ROLE_BASE && base_id != NULL)
    {
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, "base_id",
                          _("is only for a client of role base"));
      return FALSE;
    }
  if (role != KF_ROLE_SCHOOL && org_name != NULL)
    {
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, "org_name",
                          _("is only for a client of role school"));
      return FALSE;
    }

  if (role == KF_ROLE_SCHOOL)
    return check_text (org_name, "org_name", org->max, error);
  if (role != KF_ROLE_BASE)
    return TRUE;

  if (base_id == NULL)
    {
      kf_set_field_error (error, KF_ERROR_MISSING_FIELD, "base_id", _("is required"));
      return FALSE;
    }
  if (!kf_uuid_is_valid (base_id))
    {
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, "base_id",
                          _("must be an id (a lowercase UUID)"));
      return FALSE;
    }
  base = kf_store_get_reference (store, KF_ENTITY_BASE, base_id, "base_id", error);
  return base != NULL;
}

static gboolean
insert_client (KfStore           *store,
               const KfHubClient *client,
               const char        *token_hash,
               GError           **error)
{
  sqlite3_stmt *stmt = kf_store_prepare (store, "INSERT INTO clients (" CLIENT_COLUMNS
                                         ", token_hash) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)",
                                         error);
  if (stmt == NULL)
    return FALSE;
  kf_store_bind_text (stmt, 1, client->client_id);
  kf_store_bind_text (stmt, 2, kf_role_to_string (client->role));
  kf_store_bind_text (stmt, 3, client->base_id);
  kf_store_bind_text (stmt, 4, client->org_name);
  kf_store_bind_text (stmt, 5, client->label);
  kf_store_bind_text (stmt, 6, client->created_at);
  kf_store_bind_text (stmt, 7, token_hash);
  return kf_store_step_done (store, stmt, error);
}

/**
 * kf_hub_client_add:
 * @store: the hub's store
 * @role: the new client's role
 * @base_id: (nullable): for role base, an existing base
 * @org_name: (nullable): for role school, the organisation (as bookings
 *   name it in `org_name`)
 * @label: a name for the token, for the admin
 * @token: (out) (transfer full): the token, which is not kept
 * @error: return location for a %KF_ERROR naming the field at fault
 *   ("base_id", "org_name", "label")
 *
 * Returns: (transfer full) (nullable): the new client
 */
KfHubClient *
kf_hub_client_add (KfStore     *store,
                   KfRole       role,
                   const char  *base_id,
                   const char  *org_name,
                   const char  *label,
                   char       **token,
                   GError     **error)
{
  g_autoptr(KfHubClient) client = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (KF_IS_STORE (store), NULL);
  g_return_val_if_fail (token != NULL, NULL);

  if (!check_text (label, "label", 100, error))
    return NULL;

  client = g_new0 (KfHubClient, 1);
  client->client_id = kf_new_id ();
  client->role = role;
  client->base_id = g_strdup (base_id);
  client->org_name = g_strdup (org_name);
  client->label = g_strdup (label);
  client->created_at = kf_instant_now ();

  secret = kf_hub_token_new ();
  hash = kf_hub_token_hash (secret);

  if (!kf_store_begin (store, error))
    return NULL;
  if (!check_binding (store, role, base_id, org_name, error) ||
      !insert_client (store, client, hash, error) ||
      !kf_store_commit (store, error))
    {
      kf_store_rollback (store);
      return NULL;
    }

  *token = g_steal_pointer (&secret);
  return g_steal_pointer (&client);
}

/**
 * kf_hub_client_authenticate:
 * @store: the hub's store
 * @token: (nullable): the token a request presents
 * @error: return location, set only when the database failed
 *
 * Looks the token up by its hash on every request (no cache), so that a
 * revocation takes effect at once. The hash found is compared again in
 * constant time.
 *
 * Returns: (transfer full) (nullable): the client, or %NULL for a token that
 *   is unknown or revoked (@error unset) or a database error (@error set)
 */
KfHubClient *
kf_hub_client_authenticate (KfStore    *store,
                            const char *token,
                            GError    **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(KfHubClient) client = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  if (token == NULL || *token == '\0')
    return NULL;

  hash = kf_hub_token_hash (token);
  stmt = kf_store_prepare (store, "SELECT " CLIENT_COLUMNS ", token_hash FROM clients"
                           " WHERE token_hash = ?", error);
  if (stmt == NULL)
    return NULL;
  kf_store_bind_text (stmt, 1, hash);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && kf_hub_secure_equal (kf_store_column_text (stmt, 7), hash))
    client = read_client (stmt);
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    kf_store_set_sqlite_error (store, error);
  sqlite3_reset (stmt);

  if (client != NULL && client->revoked_at != NULL)
    return NULL;
  return g_steal_pointer (&client);
}

/**
 * kf_hub_client_list:
 *
 * Returns: (transfer full) (element-type KfHubClient) (nullable): every
 *   client, by creation
 */
GPtrArray *
kf_hub_client_list (KfStore *store,
                    GError **error)
{
  g_autoptr(GPtrArray) clients = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  clients = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_hub_client_free);
  stmt = kf_store_prepare (store, "SELECT " CLIENT_COLUMNS " FROM clients"
                           " ORDER BY created_at, client_id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (clients, read_client (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kf_store_set_sqlite_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&clients);
}

/**
 * kf_hub_client_revoke:
 *
 * Revokes a client's token; revoking it again changes nothing.
 *
 * Returns: %FALSE with %KF_ERROR_NOT_FOUND for an unknown client
 */
gboolean
kf_hub_client_revoke (KfStore    *store,
                      const char *client_id,
                      GError    **error)
{
  g_autofree char *now = kf_instant_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KF_IS_STORE (store), FALSE);

  stmt = kf_store_prepare (store, "UPDATE clients SET revoked_at = coalesce(revoked_at, ?1)"
                           " WHERE client_id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  kf_store_bind_text (stmt, 1, now);
  kf_store_bind_text (stmt, 2, client_id);
  if (!kf_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (kf_store_get_db (store)) == 0)
    {
      g_set_error (error, KF_ERROR, KF_ERROR_NOT_FOUND, _("there is no client with this id"));
      return FALSE;
    }
  return TRUE;
}

/* Records */

/**
 * kf_hub_db_touch:
 * @store: the hub's store, in a transaction
 * @record: a record just written (or a session whose counts changed)
 *
 * Moves @record to a new, higher seq of the feed. REPLACE deletes its old
 * row, and AUTOINCREMENT never hands out a seq twice, even after the last
 * row is deleted.
 */
gboolean
kf_hub_db_touch (KfStore        *store,
                 const KfRecord *record,
                 GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KF_IS_STORE (store), FALSE);

  stmt = kf_store_prepare (store, "INSERT OR REPLACE INTO changes"
                           " (entity, record_id, base_id, org_name) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  kf_store_bind_text (stmt, 1, kf_entity_info (record->entity)->name);
  kf_store_bind_text (stmt, 2, record->id);
  kf_store_bind_text (stmt, 3, record_base_id (record));
  kf_store_bind_text (stmt, 4, record_org_name (record));
  return kf_store_step_done (store, stmt, error);
}

static gboolean
save_new_base (KfStore  *store,
               KfRecord *base,
               GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(KfRecord) existing = kf_store_get (store, KF_ENTITY_BASE, base->id, &local_error);

  if (existing != NULL)
    {
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, "id",
                          _("a base with this id exists already"));
      return FALSE;
    }
  if (!g_error_matches (local_error, KF_ERROR, KF_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  base->version = 1;
  return kf_store_save (store, base, error) && kf_hub_db_touch (store, base, error);
}

/**
 * kf_hub_base_add:
 * @store: the hub's store
 * @base: a base; a new id is given if it has none
 * @error: return location for a %KF_ERROR naming the field
 *
 * Registers a base, as version 1 with its place in the feed, so that every
 * client pulls it.
 */
gboolean
kf_hub_base_add (KfStore   *store,
                 KfRecord  *base,
                 GError   **error)
{
  g_return_val_if_fail (KF_IS_STORE (store), FALSE);
  g_return_val_if_fail (base != NULL && base->entity == KF_ENTITY_BASE, FALSE);

  if (base->id == NULL)
    base->id = kf_new_id ();
  if (!kf_record_validate (base, error))
    return FALSE;

  if (!kf_store_begin (store, error))
    return FALSE;
  if (!save_new_base (store, base, error) || !kf_store_commit (store, error))
    {
      kf_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

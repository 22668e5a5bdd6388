/* test-hub-db.c — the hub's schema, its clients and tokens, its bases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hub-unit"

#include "config.h"

#include <glib/gstdio.h>

#include "hub-unit-util.h"
#include "kf-error.h"
#include "kf-store-private.h"

static char *
temp_db (char **dir)
{
  g_autoptr(GError) error = NULL;

  *dir = g_dir_make_tmp ("kf-hub-unit-XXXXXX", &error);
  g_assert_no_error (error);
  return g_build_filename (*dir, "hub.db", NULL);
}

static void
remove_db (char *dir,
           char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (dir);
  g_free (path);
  g_free (dir);
}

static gint64
count_rows (KfStore    *store,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (kf_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
test_schema_new (void)
{
  char *dir = NULL;
  char *path = temp_db (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfStore) store = kf_hub_db_open (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (kf_hub_db_get_schema_version (store), ==, KF_HUB_SCHEMA_VERSION);
  g_assert_cmpint (kf_store_get_schema_version (store), ==, KF_STORE_SCHEMA_VERSION);
  g_assert_cmpint (count_rows (store, "clients"), ==, 0);
  g_assert_cmpint (count_rows (store, "ops"), ==, 0);
  g_assert_cmpint (count_rows (store, "changes"), ==, 0);
  g_assert_cmpint (count_rows (store, "owners"), ==, 0);
  g_clear_object (&store);

  /* Opening again migrates nothing and keeps the data. */
  store = kf_hub_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kf_hub_db_get_schema_version (store), ==, KF_HUB_SCHEMA_VERSION);
  g_clear_object (&store);
  remove_db (dir, path);
}

/* A core store made before the hub's tables (an empty file, or an old
 * hub) gets them on opening. */
static void
test_schema_from_core (void)
{
  char *dir = NULL;
  char *path = temp_db (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfStore) store = kf_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_null (kf_store_get_meta (store, "hub_schema_version"));
  g_clear_object (&store);

  store = kf_hub_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kf_hub_db_get_schema_version (store), ==, KF_HUB_SCHEMA_VERSION);
  g_assert_cmpint (count_rows (store, "changes"), ==, 0);
  g_clear_object (&store);
  remove_db (dir, path);
}

static void
test_schema_newer (void)
{
  char *dir = NULL;
  char *path = temp_db (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfStore) store = kf_hub_db_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (kf_store_set_meta (store, "hub_schema_version", "99", &error));
  g_clear_object (&store);

  store = kf_hub_db_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, KF_ERROR, KF_ERROR_DATABASE);
  remove_db (dir, path);
}

static void
test_schema_installation (void)
{
  char *dir = NULL;
  char *path = temp_db (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfStore) store = kf_store_open (path, &error);
  g_autoptr(KfIdentity) identity = kf_identity_new (KF_ROLE_SCHOOL, NULL, ORG_X);

  g_assert_no_error (error);
  g_assert_true (kf_store_initialize (store, identity, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = kf_hub_db_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, KF_ERROR, KF_ERROR_DATABASE);
  remove_db (dir, path);
}

static void
test_client_authenticate (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autoptr(KfHubClient) client = kf_hub_client_authenticate (hub->store, hub->token[i],
                                                                  &error);

      g_assert_no_error (error);
      g_assert_nonnull (client);
      g_assert_cmpstr (client->client_id, ==, hub->client[i]->client_id);
      g_assert_cmpint (client->role, ==, hub->client[i]->role);
      g_assert_cmpstr (client->base_id, ==, hub->client[i]->base_id);
      g_assert_cmpstr (client->org_name, ==, hub->client[i]->org_name);
      g_assert_null (client->revoked_at);
    }
}

static void
test_client_unknown_token (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autofree char *hash = kf_hub_token_hash (hub->token[CLIENT_BASE_A]);
  g_autofree char *truncated = g_strndup (hub->token[CLIENT_BASE_A], 20);
  const char *tokens[] = { "", "kft_", truncated, hash, "' OR '1'='1", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KfHubClient) client = kf_hub_client_authenticate (hub->store, tokens[i], &error);

      g_assert_no_error (error);
      g_assert_null (client);
    }
}

/* The token itself is never stored. */
static void
test_client_hash_only (void)
{
  g_autoptr(Hub) hub = hub_new ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (kf_store_get_db (hub->store),
                                       "SELECT count(*) FROM clients WHERE token_hash = ?1"
                                       " OR instr(token_hash, ?1) > 0 OR instr(label, ?1) > 0",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, hub->token[CLIENT_REVIEWER] + 4, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  g_assert_cmpint (rc, ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
}

static void
test_client_revoke (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KfHubClient) client = NULL;
  g_autoptr(KfHubClient) other = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autofree char *revoked_at = NULL;

  g_assert_true (kf_hub_client_revoke (hub->store, hub->client[CLIENT_BASE_A]->client_id,
                                       &error));
  g_assert_no_error (error);
  client = kf_hub_client_authenticate (hub->store, hub->token[CLIENT_BASE_A], &error);
  g_assert_no_error (error);
  g_assert_null (client);

  /* Only that client. */
  other = kf_hub_client_authenticate (hub->store, hub->token[CLIENT_BASE_A2], &error);
  g_assert_nonnull (other);

  clients = kf_hub_client_list (hub->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, N_CLIENTS);
  for (guint i = 0; i < clients->len; i++)
    {
      KfHubClient *listed = g_ptr_array_index (clients, i);
      gboolean is_revoked = g_strcmp0 (listed->client_id,
                                       hub->client[CLIENT_BASE_A]->client_id) == 0;

      g_assert_cmpint (listed->revoked_at != NULL, ==, is_revoked);
      if (is_revoked)
        revoked_at = g_strdup (listed->revoked_at);
    }
  g_assert_nonnull (revoked_at);

  /* Again: no change, and no error. */
  g_assert_true (kf_hub_client_revoke (hub->store, hub->client[CLIENT_BASE_A]->client_id,
                                       &error));
  g_assert_no_error (error);
}

static void
test_client_revoke_unknown (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (kf_hub_client_revoke (hub->store, "00000000-0000-4000-8000-000000000000",
                                        &error));
  g_assert_error (error, KF_ERROR, KF_ERROR_NOT_FOUND);
}

static void
test_client_add_invalid (void)
{
  static const struct
  {
    KfRole      role;
    const char *base_id;
    const char *org_name;
    const char *label;
    int         code;   /* KfError */
    const char *field;
  } cases[] = {
    { KF_ROLE_BASE, NULL, NULL, "x", KF_ERROR_MISSING_FIELD, "base_id" },
    { KF_ROLE_BASE, "not-a-uuid", NULL, "x", KF_ERROR_INVALID_FIELD, "base_id" },
    { KF_ROLE_BASE, "c0000000-0000-4000-8000-00000000000c", NULL, "x", KF_ERROR_NOT_FOUND,
      "base_id" },
    { KF_ROLE_BASE, BASE_A, ORG_X, "x", KF_ERROR_INVALID_FIELD, "org_name" },
    { KF_ROLE_SCHOOL, NULL, NULL, "x", KF_ERROR_MISSING_FIELD, "org_name" },
    { KF_ROLE_SCHOOL, NULL, "", "x", KF_ERROR_MISSING_FIELD, "org_name" },
    { KF_ROLE_SCHOOL, BASE_A, ORG_X, "x", KF_ERROR_INVALID_FIELD, "base_id" },
    { KF_ROLE_REVIEWER, NULL, NULL, "", KF_ERROR_MISSING_FIELD, "label" },
    { KF_ROLE_REVIEWER, NULL, NULL, NULL, KF_ERROR_MISSING_FIELD, "label" },
  };
  g_autoptr(Hub) hub = hub_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *token = NULL;
      g_autoptr(KfHubClient) client = kf_hub_client_add (hub->store, cases[i].role,
                                                         cases[i].base_id, cases[i].org_name,
                                                         cases[i].label, &token, &error);

      g_test_message ("case %u", i);
      g_assert_null (client);
      g_assert_null (token);
      g_assert_error (error, KF_ERROR, cases[i].code);
      g_assert_cmpstr (kf_error_get_field (error), ==, cases[i].field);
    }
  g_assert_cmpint (count_rows (hub->store, "clients"), ==, N_CLIENTS);
}

static void
test_base_add (void)
{
  g_autoptr(Hub) hub = hub_new ();
  g_autoptr(KfRecord) record = kf_record_new (KF_ENTITY_BASE);
  g_autoptr(KfRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seq_a = change_seq (hub, "base", BASE_A);
  gint64 seq_b = change_seq (hub, "base", BASE_B);

  KF_BASE (record)->name = g_strdup ("Gamma Hospital");
  KF_BASE (record)->address = g_strdup ("");
  KF_BASE (record)->contact_name = g_strdup ("");
  KF_BASE (record)->contact_phone = g_strdup ("");
  g_assert_true (kf_hub_base_add (hub->store, record, &error));
  g_assert_no_error (error);
  g_assert_true (kf_uuid_is_valid (record->id));

  stored = kf_store_get (hub->store, KF_ENTITY_BASE, record->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->version, ==, 1);
  g_assert_cmpint (seq_a, >, 0);
  g_assert_cmpint (seq_b, >, seq_a);
  g_assert_cmpint (change_seq (hub, "base", record->id), >, seq_b);
}

#define TEN "xxxxxxxxxx"

static void
test_base_add_invalid (void)
{
  static const struct
  {
    const char *id;
    const char *name;
    const char *phone;
    int         code;   /* KfError */
    const char *field;
  } cases[] = {
    { BASE_A, "Again", "", KF_ERROR_INVALID_FIELD, "id" },
    { "A0000000-0000-4000-8000-00000000000A", "Upper", "", KF_ERROR_INVALID_FIELD, "id" },
    { NULL, TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN "x", "", KF_ERROR_INVALID_FIELD, "name" },
    { NULL, "Phone", "call me", KF_ERROR_INVALID_FIELD, "contact_phone" },
  };
  g_autoptr(Hub) hub = hub_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KfRecord) record = kf_record_new (KF_ENTITY_BASE);
      g_autoptr(GError) error = NULL;

      record->id = g_strdup (cases[i].id);
      KF_BASE (record)->name = g_strdup (cases[i].name);
      KF_BASE (record)->address = g_strdup ("");
      KF_BASE (record)->contact_name = g_strdup ("");
      KF_BASE (record)->contact_phone = g_strdup (cases[i].phone);
      g_assert_false (kf_hub_base_add (hub->store, record, &error));
      g_assert_error (error, KF_ERROR, cases[i].code);
      g_assert_cmpstr (kf_error_get_field (error), ==, cases[i].field);
    }
  g_assert_cmpint (count_rows (hub->store, "bases"), ==, 2);
  g_assert_cmpint (count_rows (hub->store, "changes"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hub/db/schema/new", test_schema_new);
  g_test_add_func ("/hub/db/schema/from-core", test_schema_from_core);
  g_test_add_func ("/hub/db/schema/newer", test_schema_newer);
  g_test_add_func ("/hub/db/schema/installation", test_schema_installation);
  g_test_add_func ("/hub/db/client/authenticate", test_client_authenticate);
  g_test_add_func ("/hub/db/client/unknown-token", test_client_unknown_token);
  g_test_add_func ("/hub/db/client/hash-only", test_client_hash_only);
  g_test_add_func ("/hub/db/client/revoke", test_client_revoke);
  g_test_add_func ("/hub/db/client/revoke-unknown", test_client_revoke_unknown);
  g_test_add_func ("/hub/db/client/add-invalid", test_client_add_invalid);
  g_test_add_func ("/hub/db/base/add", test_base_add);
  g_test_add_func ("/hub/db/base/add-invalid", test_base_add_invalid);

  return g_test_run ();
}

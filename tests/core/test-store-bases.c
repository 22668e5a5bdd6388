/* test-store-bases.c — when each base last synced, as the hub last told:
 * kept whole, read back, refused whole when an entry is not valid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-core-tests"

#include "config.h"

#include "core-test-util.h"

#define BASE_A "a0000000-0000-4000-8000-00000000000a"
#define BASE_B "b0000000-0000-4000-8000-00000000000b"
#define BASE_C "c0000000-0000-4000-8000-00000000000c"

static GHashTable *
answer (const char *first_base_id,
        ...)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  va_list args;

  va_start (args, first_base_id);
  for (const char *id = first_base_id; id != NULL; id = va_arg (args, const char *))
    g_hash_table_insert (table, g_strdup (id), g_strdup (va_arg (args, const char *)));
  va_end (args);
  return table;
}

static KfStore *
new_store (const char *dir)
{
  return kft_store_new_base (dir, BASE_A, "Alpha Weather Station");
}

static void
assert_last_sync (KfStore    *store,
                  const char *base_id,
                  const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *last_sync = kf_store_get_base_sync (store, base_id, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (last_sync, ==, expected);
}

static void
test_write_read (void)
{
  g_autofree char *dir = kft_make_tmpdir ();
  g_autoptr(KfStore) store = new_store (dir);
  g_autoptr(GHashTable) sent = answer (BASE_A, "2025-05-24T09:05:00+08:00",
                                       BASE_B, NULL,
                                       BASE_C, "2025-05-23T23:59:59Z", NULL);
  g_autoptr(GHashTable) kept = NULL;
  g_autoptr(GError) error = NULL;

  /* Nothing told yet: no base has synced. */
  assert_last_sync (store, BASE_A, NULL);
  kept = kf_store_get_base_syncs (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (kept), ==, 0);
  g_clear_pointer (&kept, g_hash_table_unref);

  g_assert_true (kf_store_replace_base_syncs (store, sent, &error));
  g_assert_no_error (error);
  assert_last_sync (store, BASE_A, "2025-05-24T09:05:00+08:00");
  assert_last_sync (store, BASE_B, NULL);
  assert_last_sync (store, BASE_C, "2025-05-23T23:59:59Z");
  g_assert_cmpint (kft_sql_int (store, "SELECT count(*) FROM base_sync"), ==, 2);

  kept = kf_store_get_base_syncs (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (kept), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (kept, BASE_A), ==, "2025-05-24T09:05:00+08:00");
  g_assert_cmpstr (g_hash_table_lookup (kept, BASE_C), ==, "2025-05-23T23:59:59Z");
  g_assert_false (g_hash_table_contains (kept, BASE_B));
  g_clear_object (&store);
  kft_remove_tree (dir);
}

/* The hub's answer replaces the one before, whole: a base it no longer
 * lists, or lists as never synced, keeps no old time. */
static void
test_replace (void)
{
  g_autofree char *dir = kft_make_tmpdir ();
  g_autoptr(KfStore) store = new_store (dir);
  g_autoptr(GHashTable) first = answer (BASE_A, "2025-05-24T09:05:00+08:00",
                                        BASE_B, "2025-05-24T10:00:00+08:00",
                                        BASE_C, "2025-05-24T11:00:00+08:00", NULL);
  g_autoptr(GHashTable) second = answer (BASE_A, "2025-05-25T08:00:00+08:00",
                                         BASE_B, NULL, NULL);
  g_autoptr(GHashTable) empty = answer (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (kf_store_replace_base_syncs (store, first, &error));
  g_assert_true (kf_store_replace_base_syncs (store, second, &error));
  g_assert_no_error (error);
  assert_last_sync (store, BASE_A, "2025-05-25T08:00:00+08:00");
  assert_last_sync (store, BASE_B, NULL);
  assert_last_sync (store, BASE_C, NULL);

  g_assert_true (kf_store_replace_base_syncs (store, empty, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kft_sql_int (store, "SELECT count(*) FROM base_sync"), ==, 0);
  g_clear_object (&store);
  kft_remove_tree (dir);
}

static const struct
{
  const char *base_id;
  const char *last_sync;
  const char *field;
} invalid[] = {
  { "not-a-uuid", "2025-05-24T09:05:00+08:00", "base_id" },
  { "A0000000-0000-4000-8000-00000000000A", "2025-05-24T09:05:00+08:00", "base_id" },
  { BASE_C, "2025-05-24", "last_sync" },
  { BASE_C, "2025-05-24T09:05:00", "last_sync" },
  { BASE_C, "yesterday", "last_sync" },
  { BASE_C, "", "last_sync" },
};

/* One entry that is not valid: an error naming its field, nothing written
 * (what was kept before stays). */
static void
test_invalid (void)
{
  g_autofree char *dir = kft_make_tmpdir ();
  g_autoptr(KfStore) store = new_store (dir);
  g_autoptr(GHashTable) kept = answer (BASE_B, "2025-05-24T10:00:00+08:00", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (kf_store_replace_base_syncs (store, kept, &error));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GHashTable) sent = answer (BASE_A, "2025-05-24T09:05:00+08:00",
                                           invalid[i].base_id, invalid[i].last_sync, NULL);

      g_assert_false (kf_store_replace_base_syncs (store, sent, &error));
      kft_assert_kf_error (error, KF_ERROR_INVALID_FIELD, invalid[i].field);
      g_clear_error (&error);
      assert_last_sync (store, BASE_A, NULL);
      assert_last_sync (store, BASE_B, "2025-05-24T10:00:00+08:00");
    }
  g_clear_object (&store);
  kft_remove_tree (dir);
}

/* A database made before the table (schema 4) has it once opened. */
static void
test_from_schema_4 (void)
{
  g_autofree char *dir = kft_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "kaifang.db", NULL);
  g_autoptr(KfStore) store = kf_store_open_at_version (path, 4, NULL);
  g_autoptr(GHashTable) sent = answer (BASE_A, "2025-05-24T09:05:00+08:00", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (store);
  g_assert_false (kf_store_replace_base_syncs (store, sent, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&store);

  store = kf_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (kf_store_replace_base_syncs (store, sent, &error));
  g_assert_no_error (error);
  assert_last_sync (store, BASE_A, "2025-05-24T09:05:00+08:00");
  g_clear_object (&store);
  kft_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/bases/write-read", test_write_read);
  g_test_add_func ("/store/bases/replace", test_replace);
  g_test_add_func ("/store/bases/invalid", test_invalid);
  g_test_add_func ("/store/bases/from-schema-4", test_from_schema_4);

  return g_test_run ();
}

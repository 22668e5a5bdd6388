/* cli-test-util.c — running the real kaifang-cli on temporary databases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "cli-test-util.h"

static const char *
cli_path (void)
{
  const char *path = g_getenv ("KF_CLI");

  g_assert_nonnull (path);
  return path;
}

/**
 * cli_runv:
 * @db: (nullable): passed as `--db`
 * @args: the command and its arguments
 * @envp: (nullable): the environment, %NULL for the test's own
 */
CliRun *
cli_runv (const char         *db,
          const char * const *args,
          const char * const *envp)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CliRun *run = g_new0 (CliRun, 1);
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) cli_path ());
  if (db != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--db");
      g_ptr_array_add (argv, (gpointer) db);
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, (char **) envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  return run;
}

CliRun *
cli_run (const char *db,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, db);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return cli_runv (db, (const char * const *) args->pdata, NULL);
}

void
cli_run_free (CliRun *run)
{
  if (run == NULL)
    return;
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

static void
remove_tree (const char *path)
{
  GDir *dir;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (path);
}

void
cli_fixture_setup (CliFixture    *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("kf-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "kaifang.db", NULL);
}

void
cli_fixture_teardown (CliFixture    *f,
                      gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/**
 * cli_dump_database:
 *
 * Returns: every row of every table of @path, and its schema version, as
 *   text; "(no file)" if there is none. Two equal dumps: nothing was written.
 */
char *
cli_dump_database (const char *path)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_string_append (out, "(no file)");
      return g_string_free (out, FALSE);
    }
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                       " ORDER BY name", -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      /* Every column, in a fixed order (some tables have no rowid). */
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1, 2",
                                              sqlite3_column_text (tables, 0));
      sqlite3_stmt *rows = NULL;

      g_string_append_printf (out, "[%s]\n", sqlite3_column_text (tables, 0));
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (rows); c++)
            g_string_append_printf (out, "%s|", sqlite3_column_type (rows, c) == SQLITE_NULL
                                    ? "NULL" : (const char *) sqlite3_column_text (rows, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

char *
cli_file_contents (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return g_strdup ("(no file)");
  return contents;
}

void
cli_assert_ok (CliRun *run)
{
  if (run->status != 0)
    g_test_message ("stderr: %s", run->err);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
}

/* A command that makes a record prints its id alone on one line. */
char *
cli_assert_prints_id (CliRun *run)
{
  g_autofree char *id = NULL;

  cli_assert_ok (run);
  g_assert_true (g_str_has_suffix (run->out, "\n"));
  id = g_strndup (run->out, strlen (run->out) - 1);
  g_assert_true (kf_uuid_is_valid (id));
  return g_steal_pointer (&id);
}

/* Exactly one line on stderr, beginning with @line_prefix; nothing on stdout. */
void
cli_assert_error (CliRun     *run,
                  int         status,
                  const char *line_prefix)
{
  const char *newline = strchr (run->err, '\n');

  g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (run->status, ==, status);
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
  g_assert_true (g_str_has_prefix (run->err, line_prefix));
  g_assert_true (g_str_has_prefix (run->err, "kaifang-cli: "));
  g_assert_cmpstr (run->out, ==, "");
}

/* The command fails as told, and the database (or its absence) is as it was. */
void
cli_assert_fails_unchanged (const char         *db,
                            int                 status,
                            const char         *line_prefix,
                            const char * const *args)
{
  g_autofree char *before = cli_dump_database (db);
  g_autofree char *after = NULL;
  g_autoptr(CliRun) run = cli_runv (db, args, NULL);

  cli_assert_error (run, status, line_prefix);
  after = cli_dump_database (db);
  g_assert_cmpstr (before, ==, after);
}

char *
cli_init_base (const char *db)
{
  g_autoptr(CliRun) run = cli_run (db, "init", "--role", "base", "--base-name", "沁水县气象局",
                                   "--address", "龙港镇", "--contact-name", "李卫东",
                                   "--contact-phone", "0356-7025101", NULL);
  return cli_assert_prints_id (run);
}

char *
cli_add_session (const char *db,
                 const char *date,
                 const char *start,
                 const char *end,
                 const char *capacity,
                 const char *title,
                 const char *topic,
                 const char *format)
{
  g_autoptr(CliRun) run = cli_run (db, "session", "add", "--date", date, "--start", start,
                                   "--end", end, "--capacity", capacity, "--title", title,
                                   "--topic", topic, "--format", format, NULL);
  return cli_assert_prints_id (run);
}

char *
cli_add_booking (const char *db,
                 const char *session_id,
                 const char *org,
                 const char *youth,
                 const char *adults,
                 gboolean    confirm)
{
  g_autoptr(CliRun) run = cli_run (db, "booking", "add", "--session", session_id, "--org", org,
                                   "--org-type", "school", "--contact-name", "刘芳",
                                   "--contact-phone", "13934561201", "--youth", youth,
                                   "--adults", adults, confirm ? "--confirm" : NULL, NULL);
  return cli_assert_prints_id (run);
}

KfStore *
cli_open_store (const char *db)
{
  g_autoptr(GError) error = NULL;
  KfStore *store = kf_store_open (db, &error);

  g_assert_no_error (error);
  return store;
}

KfRecord *
cli_get_record (const char *db,
                KfEntity    entity,
                const char *id)
{
  g_autoptr(KfStore) store = cli_open_store (db);
  g_autoptr(GError) error = NULL;
  KfRecord *record = kf_store_get (store, entity, id, &error);

  g_assert_no_error (error);
  return record;
}

gint64
cli_count_rows (const char *db,
                const char *sql)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_open_v2 (db, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return count;
}

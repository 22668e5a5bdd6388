/* test-cli.c — the real kaifang-cli: help, usage errors, init, status, roles
 * and databases that cannot be used
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "cli-test-util.h"
#include "kf-error.h"

#define ARGS(...) ((const char * const[]) { __VA_ARGS__, NULL })

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* --help, usage errors */

static void
test_help (void)
{
  const char * const *cases[] = {
    ARGS ("--help"), ARGS ("init", "--help"), ARGS ("session", "--help"),
    ARGS ("session", "add", "--help"), ARGS ("session", "cancel", "--help"),
    ARGS ("session", "list", "--help"), ARGS ("booking", "--help"),
    ARGS ("booking", "add", "--help"), ARGS ("booking", "confirm", "--help"),
    ARGS ("booking", "no-show", "--help"), ARGS ("booking", "list", "--help"),
    ARGS ("visit", "add", "--help"), ARGS ("visit", "list", "--help"), ARGS ("tally", "--help"),
    ARGS ("totals", "--help"), ARGS ("export", "--help"), ARGS ("status", "--help"),
    ARGS ("demo", "--help"), ARGS ("session", "add", "-h"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CliRun) run = cli_runv ("/nonexistent/kaifang.db", cases[i], NULL);

      cli_assert_ok (run);
      g_assert_true (g_str_has_prefix (run->out, "Usage: kaifang-cli"));
    }
  {
    g_autoptr(CliRun) run = cli_run (NULL, "session", "add", "--help", NULL);
    g_assert_nonnull (strstr (run->out, "--capacity N"));
    g_assert_nonnull (strstr (run->out, "--topic CODE"));
  }
}

static void
test_usage_errors (CliFixture    *f,
                   gconstpointer  data)
{
  const struct
  {
    const char * const *args;
    const char         *line;
  } cases[] = {
    { ARGS ("frobnicate"), "kaifang-cli: frobnicate: unknown command\n" },
    { ARGS ("--bogus", "status"), "kaifang-cli: --bogus: unknown option\n" },
    { ARGS ("status", "--bogus"), "kaifang-cli: --bogus: unknown option\n" },
    { ARGS ("status", "-x"), "kaifang-cli: -x: unknown option\n" },
    { ARGS ("session", "list", "--bogus=1"), "kaifang-cli: --bogus: unknown option\n" },
    { ARGS ("session"), "kaifang-cli: session: needs a command" },
    { ARGS ("session", "frob"), "kaifang-cli: session frob: unknown command" },
    { ARGS ("session", "add", "--date", "2025-05-24", "--start", "09:00", "--end", "10:00",
            "--capacity", "5"), "kaifang-cli: --title: is required\n" },
    { ARGS ("session", "list", "--json=yes"), "kaifang-cli: --json: takes no value\n" },
    { ARGS ("session", "list", "--from"), "kaifang-cli: --from: needs a value\n" },
    { ARGS ("session", "list", "--from", "2025-05-01", "--from", "2025-05-02"),
      "kaifang-cli: --from: is given more than once\n" },
    { ARGS ("session", "cancel"), "kaifang-cli: session cancel: expects ID\n" },
    { ARGS ("session", "cancel", "a", "b"), "kaifang-cli: b: unexpected argument\n" },
    { ARGS ("status", "extra"), "kaifang-cli: extra: unexpected argument\n" },
    { ARGS ("visit", "add", "--youth", "1", "--adults", "1"), "kaifang-cli: --booking: " },
    { ARGS ("visit", "add", "--booking", "x", "--group", "g", "--youth", "1", "--adults", "1"),
      "kaifang-cli: --group: cannot be used with --booking\n" },
    { ARGS ("totals", "--from", "2025-05-01", "--to", "2025-05-02", "--json", "--csv"),
      "kaifang-cli: --csv: cannot be used with --json\n" },
    { ARGS ("init", "--role", "base"), "kaifang-cli: --base-name: is required" },
    { ARGS ("init", "--role", "school", "--org", "x", "--base-name", "y"),
      "kaifang-cli: --base-name: is only for --role base\n" },
    { ARGS ("init", "--role", "reviewer", "--org", "x"),
      "kaifang-cli: --org: is only for --role school\n" },
  };

  g_autofree char *base_id = cli_init_base (f->db);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    cli_assert_fails_unchanged (f->db, 2, cases[i].line, cases[i].args);

  /* an empty database path */
  {
    g_autoptr(CliRun) run = cli_run ("", "init", "--role", "reviewer", NULL);
    g_autoptr(CliRun) run2 = cli_run (f->db, "status", "--db=", NULL);
    cli_assert_error (run, 1, "kaifang-cli: --db: must name a file\n");
    cli_assert_error (run2, 1, "kaifang-cli: --db: must name a file\n");
  }

  /* no command at all */
  {
    static const char * const nothing[] = { NULL };
    g_autoptr(CliRun) run = cli_runv (f->db, nothing, NULL);
    cli_assert_error (run, 2, "kaifang-cli: command: ");
  }
}

/* init */

static void
test_init_roles (CliFixture    *f,
                 gconstpointer  data)
{
  const struct
  {
    const char * const *args;
    const char         *role;
    const char         *org_name;
  } cases[] = {
    { ARGS ("init", "--role", "base", "--base-name", "沁水县气象局"), "base", NULL },
    { ARGS ("init", "--role", "school", "--org", "沁水县实验小学"), "school", "沁水县实验小学" },
    { ARGS ("init", "--role=reviewer"), "reviewer", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *db = g_strdup_printf ("%s/init-%u.db", f->dir, i);
      g_autofree char *already = g_strdup_printf ("kaifang-cli: %s: is already set up", db);
      g_autoptr(CliRun) run = cli_runv (db, cases[i].args, NULL);
      g_autoptr(CliRun) status = NULL;
      g_autoptr(JsonNode) json = NULL;
      g_autoptr(KfStore) store = NULL;
      g_autoptr(KfIdentity) identity = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *object;

      cli_assert_ok (run);
      store = cli_open_store (db);
      identity = kf_store_get_identity (store, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (kf_role_to_string (identity->role), ==, cases[i].role);
      g_assert_cmpstr (identity->org_name, ==, cases[i].org_name);

      if (identity->role == KF_ROLE_BASE)
        {
          g_autoptr(KfRecord) base = NULL;
          g_autofree char *line = g_strconcat (identity->base_id, "\n", NULL);

          g_assert_cmpstr (run->out, ==, line);
          base = kf_store_get (store, KF_ENTITY_BASE, identity->base_id, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (KF_BASE (base)->name, ==, "沁水县气象局");
        }
      else
        g_assert_cmpstr (run->out, ==, "");

      /* a second init is refused and changes nothing */
      cli_assert_fails_unchanged (db, 1, already, cases[i].args);
      cli_assert_fails_unchanged (db, 1, "kaifang-cli: ",
                                  ARGS ("init", "--role", "base", "--base-name", "另一个"));

      status = cli_run (db, "status", "--json", NULL);
      cli_assert_ok (status);
      json = parse_json (status->out);
      object = json_node_get_object (json);
      g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, cases[i].role);
      g_assert_cmpstr (json_object_get_string_member (object, "org_name"), ==, cases[i].org_name);
      g_assert_cmpstr (json_object_get_string_member (object, "base_id"), ==, identity->base_id);
    }
}

static void
test_init_bad_values (CliFixture    *f,
                      gconstpointer  data)
{
  g_autofree char *long_name = NULL;
  GString *s = g_string_new (NULL);
  const struct
  {
    const char * const *args;
    const char         *prefix;
  } cases[] = {
    { ARGS ("init", "--role", "admin"), "kaifang-cli: --role: must be one of: base, school" },
    { ARGS ("init", "--role", "base", "--base-name", ""), "kaifang-cli: --base-name: " },
    { ARGS ("init", "--role", "base", "--base-name", "x", "--contact-phone", "call me"),
      "kaifang-cli: --contact-phone: " },
    { ARGS ("init", "--role", "school", "--org", ""), "kaifang-cli: --org: " },
  };

  /* A command that fails leaves no database behind. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      cli_assert_fails_unchanged (f->db, 1, cases[i].prefix, cases[i].args);
      g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
    }

  for (guint i = 0; i < 101; i++)
    g_string_append (s, "校");
  long_name = g_string_free (s, FALSE);
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --org: must be 1 to 100 characters long\n",
                              ARGS ("init", "--role", "school", "--org", long_name));
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

/* The default database lives under the user's data directory, made if needed. */
static void
test_init_default_path (CliFixture    *f,
                        gconstpointer  data)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *expected = g_build_filename (f->dir, "data", "kaifang", "kaifang.db", NULL);
  g_autofree char *data_home = g_build_filename (f->dir, "data", NULL);
  g_autoptr(CliRun) run = NULL;

  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);
  run = cli_runv (NULL, ARGS ("init", "--role", "reviewer"), (const char * const *) envp);
  cli_assert_ok (run);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

/* status */

static void
test_status (CliFixture    *f,
             gconstpointer  data)
{
  static const char * const keys[] = {
    "role", "base_id", "org_name", "hub", "queued", "conflicts", "rejected", "last_sync", NULL
  };
  g_autofree char *base_id = cli_init_base (f->db);
  g_autofree char *s = cli_add_session (f->db, "2025-05-24", "09:00", "10:30", "10", "小场",
                                        "meteorology", "hands_on");
  g_autofree char *b = cli_add_booking (f->db, s, "甲校", "3", "1", FALSE);
  g_autoptr(CliRun) run = cli_run (f->db, "status", "--json", NULL);
  g_autoptr(CliRun) text = cli_run (f->db, "status", NULL);
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  guint i = 0;

  cli_assert_ok (run);
  json = parse_json (run->out);
  object = json_node_get_object (json);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next, i++)
    g_assert_cmpstr (l->data, ==, keys[i]);
  g_assert_null (keys[i]);

  g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "base");
  g_assert_cmpstr (json_object_get_string_member (object, "base_id"), ==, base_id);
  g_assert_true (json_object_get_null_member (object, "org_name"));
  g_assert_true (json_object_get_null_member (object, "hub"));
  g_assert_true (json_object_get_null_member (object, "last_sync"));
  g_assert_cmpint (json_object_get_int_member (object, "queued"), ==,
                   cli_count_rows (f->db, "SELECT count(*) FROM outbox"));
  g_assert_cmpint (json_object_get_int_member (object, "queued"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "conflicts"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "rejected"), ==, 0);

  cli_assert_ok (text);
  g_assert_nonnull (strstr (text->out, "沁水县气象局"));
  g_assert_nonnull (strstr (text->out, base_id));
}

/* a school and a reviewer may not do what a base does */
static void
test_roles (CliFixture    *f,
            gconstpointer  data)
{
  g_autoptr(CliRun) init = cli_run (f->db, "init", "--role", "school", "--org", "沁水县实验小学",
                                    NULL);

  cli_assert_ok (init);
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: session add: only a base",
                              ARGS ("session", "add", "--date", "2025-05-24", "--start", "09:00",
                                    "--end", "10:00", "--capacity", "5", "--title", "x"));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: tally: only a base",
                              ARGS ("tally", "--session", "x", "--youth", "1"));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: visit add: only a base",
                              ARGS ("visit", "add", "--group", "g", "--youth", "1", "--adults",
                                    "1"));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: totals: ",
                              ARGS ("totals", "--from", "2025-05-01", "--to", "2025-06-01"));
}

/* databases that cannot be used */

static const char * const *commands_on_bad_db[] = {
  ARGS ("status"),
  ARGS ("session", "list"),
  ARGS ("session", "add", "--date", "2025-05-24", "--start", "09:00", "--end", "10:00",
        "--capacity", "5", "--title", "x"),
  ARGS ("init", "--role", "reviewer"),
  ARGS ("demo"),
};

static void
test_db_not_sqlite (CliFixture    *f,
                    gconstpointer  data)
{
  static const char garbage[] = "This is not a database, just some text that is long enough "
                                "to fill a page header of SQLite ............................";
  g_autoptr(GError) error = NULL;

  g_file_set_contents (f->db, garbage, -1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (commands_on_bad_db); i++)
    {
      g_autoptr(CliRun) run = cli_runv (f->db, commands_on_bad_db[i], NULL);
      g_autofree char *prefix = g_strdup_printf ("kaifang-cli: %s: ", f->db);
      g_autofree char *after = cli_file_contents (f->db);

      cli_assert_error (run, 1, prefix);
      g_assert_cmpstr (after, ==, garbage);
    }
}

static void
test_db_missing (CliFixture    *f,
                 gconstpointer  data)
{
  g_autofree char *prefix = g_strdup_printf ("kaifang-cli: %s: is not set up yet", f->db);

  /* a command that reads does not make a database */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CliRun) run = cli_runv (f->db, commands_on_bad_db[i], NULL);
      cli_assert_error (run, 1, prefix);
      g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
    }
}

static void
test_db_cannot_write (CliFixture    *f,
                      gconstpointer  data)
{
  g_autofree char *in_missing_dir = g_build_filename (f->dir, "no", "such", "dir", "k.db", NULL);
  g_autofree char *a_dir = g_build_filename (f->dir, "adir", NULL);

  g_mkdir (a_dir, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (commands_on_bad_db); i++)
    {
      g_autoptr(CliRun) run1 = cli_runv (in_missing_dir, commands_on_bad_db[i], NULL);
      g_autoptr(CliRun) run2 = cli_runv (a_dir, commands_on_bad_db[i], NULL);
      g_autofree char *prefix1 = g_strdup_printf ("kaifang-cli: %s: ", in_missing_dir);
      g_autofree char *prefix2 = g_strdup_printf ("kaifang-cli: %s: ", a_dir);

      cli_assert_error (run1, 1, prefix1);
      cli_assert_error (run2, 1, prefix2);
      g_assert_false (g_file_test (in_missing_dir, G_FILE_TEST_EXISTS));
      g_assert_true (g_file_test (a_dir, G_FILE_TEST_IS_DIR));
    }
}

static void
test_db_read_only (CliFixture    *f,
                   gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "ro", NULL);
  g_autofree char *db = g_build_filename (dir, "k.db", NULL);
  g_autofree char *base_id = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;
  g_autoptr(CliRun) run = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("permissions do not stop root from writing");
      return;
    }
  g_mkdir (dir, 0700);
  base_id = cli_init_base (db);
  {
    /* leave no WAL behind: the file alone holds the data */
    g_autoptr(KfStore) store = cli_open_store (db);
  }
  g_chmod (db, 0444);
  g_chmod (dir, 0555);
  prefix = g_strdup_printf ("kaifang-cli: %s: ", db);
  g_assert_true (g_file_get_contents (db, &before, &before_len, NULL));
  run = cli_runv (db, ARGS ("session", "add", "--date", "2025-05-24", "--start", "09:00",
                            "--end", "10:00", "--capacity", "5", "--title", "x"), NULL);
  cli_assert_error (run, 1, prefix);
  /* SQLite cannot even read a WAL database here, so the bytes are compared */
  g_assert_true (g_file_get_contents (db, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_chmod (dir, 0700);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CliFixture, NULL, cli_fixture_setup, func, cli_fixture_teardown)

  g_test_add_func ("/cli/help", test_help);
  ADD ("/cli/usage-errors", test_usage_errors);
  ADD ("/cli/init/roles", test_init_roles);
  ADD ("/cli/init/bad-values", test_init_bad_values);
  ADD ("/cli/init/default-path", test_init_default_path);
  ADD ("/cli/status", test_status);
  ADD ("/cli/roles", test_roles);
  ADD ("/cli/db/not-sqlite", test_db_not_sqlite);
  ADD ("/cli/db/missing", test_db_missing);
  ADD ("/cli/db/cannot-write", test_db_cannot_write);
  ADD ("/cli/db/read-only", test_db_read_only);

  return g_test_run ();
}

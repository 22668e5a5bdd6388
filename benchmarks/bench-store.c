/* bench-store.c — the store against its floor, the sqlite3 shell: inserting
 * sessions and visits with their outbox ops, and computing totals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-store"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bench-store-private.h"

static BenchConfig config = { 50, 20000, 1000000, 1000, 5, NULL };
static char *opt_dir = NULL;
static gboolean opt_keep = FALSE;
static gboolean opt_no_verify = FALSE;

static const GOptionEntry entries[] = {
  { "bases", 0, 0, G_OPTION_ARG_INT, &config.bases, "Bases (default 50)", "N" },
  { "sessions", 0, 0, G_OPTION_ARG_INT, &config.sessions, "Sessions (default 20000)", "N" },
  { "visits", 0, 0, G_OPTION_ARG_INT, &config.visits, "Visits (default 1000000)", "N" },
  { "batch", 0, 0, G_OPTION_ARG_INT, &config.batch, "Records per transaction (default 1000)",
    "N" },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &config.repeat,
    "Runs of each totals query (default 5)", "N" },
  { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir,
    "Work in this existing directory (default: a new one in the temporary directory)",
    "DIR" },
  { "sqlite3", 0, 0, G_OPTION_ARG_FILENAME, &config.sqlite3, "The shell (default sqlite3)",
    "PATH" },
  { "keep", 0, 0, G_OPTION_ARG_NONE, &opt_keep, "Keep the databases and SQL files", NULL },
  { "no-verify", 0, 0, G_OPTION_ARG_NONE, &opt_no_verify,
    "Do not check that both databases hold the same rows", NULL },
  { NULL }
};

static const BenchTotalsCase totals_cases[] = {
  { "totals by base, 22 days", KF_TOTALS_BY_BASE, "2025-05-20", "2025-06-10" },
  { "totals by date, 22 days", KF_TOTALS_BY_DATE, "2025-05-20", "2025-06-10" },
  { "totals by base, 1 week", KF_TOTALS_BY_BASE, "2025-05-26", "2025-06-01" },
  { "totals by date, 1 week", KF_TOTALS_BY_DATE, "2025-05-26", "2025-06-01" },
};

typedef struct
{
  char   *operation;
  gint64  rows;
  gint64  api_us;
  gint64  shell_us;         /* insert: wall time; totals: the shell's .timer */
  gint64  shell_wall_us;    /* totals: wall time of the shell process */
  gint64  shell_start_us;   /* totals: wall time of the shell doing nothing */
  double  target;           /* the most API / shell may be; 0 for none */
  gint64  limit_us;         /* the most the API may take; 0 for none */
} Result;

static void
result_free (Result *result)
{
  g_free (result->operation);
  g_free (result);
}

/* The API side */

static gint64
median (gint64 *values,
        guint   n)
{
  /* n is small: an insertion sort will do. */
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && values[j - 1] > values[j]; j--)
      {
        gint64 t = values[j];
        values[j] = values[j - 1];
        values[j - 1] = t;
      }
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* Bases are not user-writable: they are written as the hub would. The first
 * base is the installation's own identity. */
static KfStore *
api_open (const char          *path,
          const BenchDataset  *data,
          GError             **error)
{
  g_autoptr(KfStore) store = kf_store_open (path, error);

  if (store == NULL ||
      !kf_store_initialize (store, g_ptr_array_index (data->identities, 0),
                            g_ptr_array_index (data->bases, 0), error) ||
      !kf_store_begin (store, error))
    return NULL;

  for (guint b = 1; b < data->bases->len; b++)
    if (!kf_store_save (store, g_ptr_array_index (data->bases, b), error))
      {
        kf_store_rollback (store);
        return NULL;
      }
  return kf_store_commit (store, error) ? g_steal_pointer (&store) : NULL;
}

static gboolean
api_put_timed (KfStore           *store,
               const KfIdentity  *identity,
               KfRecord         **records,
               guint              n,
               gint64            *elapsed,
               GError           **error)
{
  gint64 start = g_get_monotonic_time ();

  if (!kf_store_put_many_as (store, identity, records, n, error))
    return FALSE;
  *elapsed += g_get_monotonic_time () - start;
  return TRUE;
}

static gboolean
api_insert_sessions (KfStore             *store,
                     const BenchDataset  *data,
                     gint64              *elapsed,
                     GError             **error)
{
  *elapsed = 0;
  for (guint b = 0; b < data->sessions->len; b++)
    {
      GPtrArray *sessions = g_ptr_array_index (data->sessions, b);

      for (guint first = 0; first < sessions->len; first += config.batch)
        if (!api_put_timed (store, g_ptr_array_index (data->identities, b),
                            (KfRecord **) sessions->pdata + first,
                            MIN ((guint) config.batch, sessions->len - first), elapsed, error))
          return FALSE;
    }
  return TRUE;
}

/* Only the calls are timed, not making the records. */
static gboolean
api_insert_visits (KfStore             *store,
                   const BenchDataset  *data,
                   gint64              *elapsed,
                   GError             **error)
{
  BenchVisitGen gen;
  gboolean ok = TRUE;
  GPtrArray *batch;
  int base_index;

  *elapsed = 0;
  bench_visit_gen_init (&gen, data);
  while (ok && (batch = bench_visit_gen_next_batch (&gen, &base_index)) != NULL)
    {
      ok = api_put_timed (store, g_ptr_array_index (data->identities, base_index),
                          (KfRecord **) batch->pdata, batch->len, elapsed, error);
      g_ptr_array_unref (batch);
      if (gen.next % 100000 == 0)
        g_printerr ("  API: %d visits\n", gen.next);
    }
  bench_visit_gen_clear (&gen);
  return ok;
}

/* The figures as the shell prints them in its list mode, to compare. */
static char *
totals_to_list (const KfTotals *totals)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < totals->rows->len; i++)
    {
      const KfTotalsRow *row = g_ptr_array_index (totals->rows, i);

      g_string_append_printf (out, "%s|%s", row->key, row->label);
      for (guint f = 0; f < 8; f++)
        g_string_append_printf (out, "|%" G_GINT64_FORMAT, kf_figures_get (&row->figures, f));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static gboolean
api_totals (KfStore                *store,
            const BenchTotalsCase  *tc,
            gint64                 *median_us,
            char                  **list,
            GError                **error)
{
  g_autofree gint64 *times = g_new0 (gint64, config.repeat);
  g_autoptr(KfTotals) warm = kf_totals_compute (store, tc->from, tc->to, tc->by, NULL, error);

  if (warm == NULL)
    return FALSE;
  *list = totals_to_list (warm);

  for (int i = 0; i < config.repeat; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(KfTotals) totals = kf_totals_compute (store, tc->from, tc->to, tc->by, NULL,
                                                      error);
      if (totals == NULL)
        return FALSE;
      times[i] = g_get_monotonic_time () - start;
    }
  *median_us = median (times, config.repeat);
  return TRUE;
}

static gint64
count_visits_in (KfStore    *store,
                 const char *from,
                 const char *to)
{
  sqlite3_stmt *stmt = kf_store_prepare (store, "SELECT count(*) FROM visits"
                                         " WHERE arrived_date BETWEEN ?1 AND ?2", NULL);
  gint64 count = -1;

  if (stmt == NULL)
    return -1;
  kf_store_bind_text (stmt, 1, from);
  kf_store_bind_text (stmt, 2, to);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

/* The shell side */

/* Runs one totals query in the shell, config.repeat times after a warm-up, and
 * checks that it prints what the API computed. */
static gboolean
shell_totals (const char             *db,
              const char             *dir,
              const BenchTotalsCase  *tc,
              const char             *api_list,
              Result                 *result,
              GError                **error)
{
  g_autofree char *script = g_build_filename (dir, "totals.sql", NULL);
  g_autofree char *empty = g_build_filename (dir, "totals-startup.sql", NULL);
  g_autofree char *query_text = bench_totals_script (tc, TRUE);
  g_autofree char *empty_text = bench_totals_script (tc, FALSE);
  g_autofree gint64 *timer = g_new0 (gint64, config.repeat);
  g_autofree gint64 *wall = g_new0 (gint64, config.repeat);
  g_autofree gint64 *startup = g_new0 (gint64, config.repeat);

  if (!g_file_set_contents (script, query_text, -1, error) ||
      !g_file_set_contents (empty, empty_text, -1, error))
    return FALSE;

  for (int i = -1; i < config.repeat; i++)
    {
      g_autofree char *output = NULL;
      gint64 t_wall, t_startup, t_timer;

      if (!bench_run_shell (&config, db, script, &output, &t_wall, error) ||
          !bench_run_shell (&config, db, empty, NULL, &t_startup, error))
        return FALSE;
      t_timer = bench_take_timer_line (output);
      if (t_timer < 0 || g_strcmp0 (output, api_list) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "%s: the shell printed\n%s\nbut the API computed\n%s", tc->name, output,
                       api_list);
          return FALSE;
        }
      if (i < 0)
        continue;   /* the warm-up */
      timer[i] = t_timer;
      wall[i] = t_wall;
      startup[i] = t_startup;
    }
  result->shell_us = median (timer, config.repeat);
  result->shell_wall_us = median (wall, config.repeat);
  result->shell_start_us = median (startup, config.repeat);
  return TRUE;
}

/* Checking that both sides wrote the same rows */

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else
    g_printerr ("%s: %s\n", sql, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return value;
}

/* Rows of @table (by @columns) in one database but not in the other. */
static gboolean
same_rows (sqlite3    *db,
           const char *table,
           const char *columns)
{
  g_autofree char *count_sql = g_strdup_printf ("SELECT (SELECT count(*) FROM main.%s)"
                                                " - (SELECT count(*) FROM shell.%s)",
                                                table, table);
  g_autofree char *diff_sql = g_strdup_printf ("SELECT count(*) FROM ("
                                               "SELECT %s FROM main.%s EXCEPT "
                                               "SELECT %s FROM shell.%s)",
                                               columns, table, columns, table);

  return query_int (db, count_sql) == 0 && query_int (db, diff_sql) == 0;
}

static gboolean
verify_same_rows (KfStore     *store,
                  const char  *shell_db,
                  GError     **error)
{
  sqlite3 *db = kf_store_get_db (store);
  g_autofree char *attach = g_strdup_printf ("ATTACH DATABASE '%s' AS shell", shell_db);
  gboolean same;

  if (strchr (shell_db, '\'') != NULL || !kf_store_exec (store, attach, error))
    return FALSE;
  same = same_rows (db, "bases", "*") && same_rows (db, "sessions", "*") &&
         same_rows (db, "visits", "*") &&
         same_rows (db, "outbox", "seq, entity, record_id, data, sent");
  kf_store_exec (store, "DETACH DATABASE shell", NULL);
  if (!same)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 "the API and the shell did not write the same rows");
  return same;
}

/* The report */

static Result *
result_new (GPtrArray  *results,
            const char *operation,
            gint64      rows)
{
  Result *result = g_new0 (Result, 1);

  result->operation = g_strdup (operation);
  result->rows = rows;
  g_ptr_array_add (results, result);
  return result;
}

static char *
format_time (gint64 us)
{
  if (us >= 10 * G_USEC_PER_SEC)
    return g_strdup_printf ("%.1f s", us / 1e6);
  if (us >= G_USEC_PER_SEC)
    return g_strdup_printf ("%.2f s", us / 1e6);
  return g_strdup_printf ("%.1f ms", us / 1e3);
}

static gboolean
result_meets_target (const Result *r)
{
  double ratio = (double) r->api_us / MAX (r->shell_us, 1);

  return (r->target <= 0 || ratio <= r->target) && (r->limit_us <= 0 || r->api_us <= r->limit_us);
}

static void
print_result (const Result *r)
{
  g_autofree char *api = format_time (r->api_us);
  g_autofree char *shell = format_time (r->shell_us);
  g_autofree char *target = NULL;

  if (r->limit_us > 0)
    target = g_strdup_printf ("<= %.1fx, < %.0f ms", r->target, r->limit_us / 1e3);
  else
    target = g_strdup_printf ("<= %.1fx", r->target);

  g_print ("%-30s %10s %10s %6.2f %12.0f %12.0f  %-20s %s\n", r->operation, api, shell,
           (double) r->api_us / MAX (r->shell_us, 1), r->rows * 1e6 / MAX (r->api_us, 1),
           r->rows * 1e6 / MAX (r->shell_us, 1), target,
           result_meets_target (r) ? "met" : "MISSED");
}

static void
print_shell_detail (const Result *r)
{
  g_autofree char *wall = format_time (r->shell_wall_us);
  g_autofree char *startup = format_time (r->shell_start_us);
  g_autofree char *net = format_time (r->shell_wall_us - r->shell_start_us);
  g_autofree char *timer = format_time (r->shell_us);

  g_print ("%-30s %10s %10s %10s %10s %8.2f\n", r->operation, wall, startup, net, timer,
           (double) r->api_us / MAX (r->shell_wall_us - r->shell_start_us, 1));
}

static void
print_report (GPtrArray *results)
{
  g_print ("\n%-30s %10s %10s %6s %12s %12s  %-20s %s\n", "operation", "API", "shell",
           "ratio", "API rows/s", "shell rows/s", "target", "");
  for (guint i = 0; i < results->len; i++)
    print_result (g_ptr_array_index (results, i));

  g_print ("\nInserts: wall time of all put_many_as calls, against the wall time of"
           " `sqlite3 db < file.sql`.\n"
           "Totals: medians of %d runs after a warm-up; shell time is its `.timer on` real"
           " time; rows/s = visits in the period per second.\n\n", config.repeat);
  g_print ("%-30s %10s %10s %10s %10s %8s\n", "shell process (totals)", "wall", "startup",
           "wall-start", ".timer", "ratio");
  for (guint i = 0; i < results->len; i++)
    {
      const Result *r = g_ptr_array_index (results, i);

      if (r->shell_wall_us > 0)
        print_shell_detail (r);
    }
  g_print ("(ratio here = API / (wall - startup))\n");
}

/* The phases */

static gboolean
run_inserts (const char          *dir,
             const BenchDataset  *data,
             GPtrArray           *results,
             KfStore            **api_store,
             GError             **error)
{
  g_autofree char *api_db = g_build_filename (dir, "api.db", NULL);
  g_autofree char *shell_db = g_build_filename (dir, "shell.db", NULL);
  g_autofree char *bases_sql = g_build_filename (dir, "bases.sql", NULL);
  g_autofree char *sessions_sql = g_build_filename (dir, "sessions.sql", NULL);
  g_autofree char *visits_sql = g_build_filename (dir, "visits.sql", NULL);
  g_autoptr(KfStore) store = NULL;
  g_autoptr(KfStore) fresh = NULL;
  g_autofree char *label_sessions = g_strdup_printf ("insert %d sessions + ops", config.sessions);
  g_autofree char *label_visits = g_strdup_printf ("insert %d visits + ops", config.visits);
  Result *sessions = result_new (results, label_sessions, config.sessions);
  Result *visits = result_new (results, label_visits, config.visits);
  gint64 unused;

  sessions->target = visits->target = 2.0;

  g_printerr ("API: inserting...\n");
  store = api_open (api_db, data, error);
  if (store == NULL || !api_insert_sessions (store, data, &sessions->api_us, error) ||
      !api_insert_visits (store, data, &visits->api_us, error))
    return FALSE;

  g_printerr ("Shell: writing the SQL files...\n");
  fresh = kf_store_open (shell_db, error);
  if (fresh == NULL)
    return FALSE;
  g_clear_object (&fresh);
  if (!bench_write_bases_sql (bases_sql, data, error) ||
      !bench_write_sessions_sql (sessions_sql, data, error) ||
      !bench_write_visits_sql (visits_sql, data, error))
    return FALSE;

  g_printerr ("Shell: inserting...\n");
  if (!bench_run_shell (&config, shell_db, bases_sql, NULL, &unused, error) ||
      !bench_run_shell (&config, shell_db, sessions_sql, NULL, &sessions->shell_us, error) ||
      !bench_run_shell (&config, shell_db, visits_sql, NULL, &visits->shell_us, error))
    return FALSE;

  if (!opt_no_verify)
    {
      g_printerr ("Checking that both databases hold the same rows...\n");
      if (!verify_same_rows (store, shell_db, error))
        return FALSE;
    }
  *api_store = g_steal_pointer (&store);
  return TRUE;
}

static gboolean
run_totals (const char  *dir,
            KfStore     *store,
            GPtrArray   *results,
            GError     **error)
{
  g_printerr ("Totals...\n");
  for (guint i = 0; i < G_N_ELEMENTS (totals_cases); i++)
    {
      const BenchTotalsCase *tc = &totals_cases[i];
      Result *result = result_new (results, tc->name, count_visits_in (store, tc->from, tc->to));
      g_autofree char *api_list = NULL;

      result->target = 1.5;
      result->limit_us = 300 * 1000;
      if (!api_totals (store, tc, &result->api_us, &api_list, error) ||
          !shell_totals (kf_store_get_path (store), dir, tc, api_list, result, error))
        return FALSE;
    }
  return TRUE;
}

static void
remove_work_files (const char *dir)
{
  static const char * const names[] = {
    "api.db", "api.db-wal", "api.db-shm", "shell.db", "shell.db-wal", "shell.db-shm",
    "bases.sql", "sessions.sql", "visits.sql", "totals.sql", "totals-startup.sql",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_unlink (path);
    }
}

static gboolean
parse_options (int      *argc,
               char   ***argv,
               GError  **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  g_option_context_set_summary (context,
                                "Inserts sessions and visits with their outbox ops through the"
                                " store, and the same rows\nthrough the sqlite3 shell, then"
                                " computes totals both ways; prints the figures.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (config.bases < 1 || config.sessions < config.bases || config.visits < 0 || config.batch < 1 ||
      config.repeat < 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "bases, batch and repeat must be at least 1, and sessions at least bases");
      return FALSE;
    }
  if (config.sqlite3 == NULL)
    config.sqlite3 = g_strdup ("sqlite3");
  return TRUE;
}

static gboolean
run (GPtrArray  *results,
     GError    **error)
{
  g_autofree char *dir = NULL;
  g_autoptr(BenchDataset) data = NULL;
  g_autoptr(KfStore) store = NULL;
  gboolean ok;

  dir = opt_dir != NULL ? g_strdup (opt_dir) : g_dir_make_tmp ("kaifang-bench-XXXXXX", error);
  if (dir == NULL)
    return FALSE;

  g_print ("%d bases, %d sessions, %d visits, %d records per transaction; in %s\n"
           "SQLite %s, %u processors\n", config.bases, config.sessions, config.visits,
           config.batch, dir, sqlite3_libversion (), g_get_num_processors ());

  data = bench_dataset_new (&config);
  ok = run_inserts (dir, data, results, &store, error) && run_totals (dir, store, results, error);
  g_clear_object (&store);

  if (!opt_keep)
    {
      remove_work_files (dir);
      if (opt_dir == NULL)
        g_rmdir (dir);
    }
  return ok;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) result_free);

  if (!parse_options (&argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (!run (results, &error))
    {
      g_printerr ("bench-store: %s\n", error->message);
      return 1;
    }
  print_report (results);
  return 0;
}

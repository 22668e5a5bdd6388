/* bench-store-shell.c — the benchmark's floor: the same rows written, and
 * the same totals computed, by the sqlite3 shell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-store"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "bench-store-private.h"

/* What kf_store_open() sets on its connection. */
#define PRAGMAS "PRAGMA journal_mode = WAL;\nPRAGMA synchronous = FULL;\n" \
                "PRAGMA foreign_keys = ON;\n"

static void
append_sql_text (GString    *out,
                 const char *value)
{
  if (value == NULL)
    {
      g_string_append (out, "NULL");
      return;
    }
  g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append_c (out, '\'');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

/* The same columns that kf_store_save() writes, with the same values. */
static void
append_record_sql (GString        *out,
                   const KfRecord *record)
{
  const KfEntityInfo *info = kf_entity_info (record->entity);

  g_string_append_printf (out, "INSERT INTO %s (\"id\", \"version\"", info->table);
  for (guint i = 0; i < info->n_fields; i++)
    g_string_append_printf (out, ", \"%s\"", info->fields[i].name);
  g_string_append (out, ") VALUES (");
  append_sql_text (out, record->id);
  g_string_append_printf (out, ", %" G_GINT64_FORMAT, record->version);
  for (guint i = 0; i < info->n_fields; i++)
    {
      const KfFieldSpec *field = &info->fields[i];

      g_string_append (out, ", ");
      if (field->type == KF_FIELD_INT)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, kf_record_get_int (record, field));
      else
        append_sql_text (out, kf_record_get_text (record, field));
    }
  g_string_append (out, ");\n");
}

/* The op the store queues: a new op id, and the record's pushed data. */
static void
append_outbox_sql (GString        *out,
                   const KfRecord *record,
                   const char     *created_at)
{
  g_autoptr(GString) data = g_string_new (NULL);
  g_autofree char *op_id = kf_new_id ();

  kf_record_append_json (record, FALSE, data);
  g_string_append (out, "INSERT INTO outbox (op_id, entity, record_id, data, created_at)"
                   " VALUES (");
  append_sql_text (out, op_id);
  g_string_append (out, ", ");
  append_sql_text (out, kf_entity_info (record->entity)->name);
  g_string_append (out, ", ");
  append_sql_text (out, record->id);
  g_string_append (out, ", ");
  append_sql_text (out, data->str);
  g_string_append (out, ", ");
  append_sql_text (out, created_at);
  g_string_append (out, ");\n");
}

/* One transaction, as kf_store_put_many_as() makes for the same records. */
static gboolean
write_batch_sql (FILE      *file,
                 KfRecord **records,
                 guint      n,
                 gboolean   with_ops,
                 GError   **error)
{
  g_autoptr(GString) out = g_string_new ("BEGIN IMMEDIATE;\n");
  g_autofree char *created_at = kf_instant_now ();

  for (guint i = 0; i < n; i++)
    {
      append_record_sql (out, records[i]);
      if (with_ops)
        append_outbox_sql (out, records[i], created_at);
    }
  g_string_append (out, "COMMIT;\n");
  if (fwrite (out->str, 1, out->len, file) != out->len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write the SQL file");
      return FALSE;
    }
  return TRUE;
}

static FILE *
open_sql_file (const char *path,
               GError    **error)
{
  FILE *file = g_fopen (path, "w");

  if (file == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write %s", path);
  else
    fputs (PRAGMAS, file);
  return file;
}

static gboolean
close_sql_file (FILE    *file,
                gboolean ok,
                GError **error)
{
  if (fclose (file) != 0 && ok)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write the SQL file");
      return FALSE;
    }
  return ok;
}

/* The bases, in one transaction without ops, as the API side writes them. */
gboolean
bench_write_bases_sql (const char         *path,
                       const BenchDataset *data,
                       GError            **error)
{
  FILE *file = open_sql_file (path, error);

  if (file == NULL)
    return FALSE;
  return close_sql_file (file, write_batch_sql (file, (KfRecord **) data->bases->pdata,
                                                data->bases->len, FALSE, error), error);
}

gboolean
bench_write_sessions_sql (const char         *path,
                          const BenchDataset *data,
                          GError            **error)
{
  FILE *file = open_sql_file (path, error);
  guint batch = data->config->batch;
  gboolean ok = TRUE;

  if (file == NULL)
    return FALSE;
  for (guint b = 0; ok && b < data->sessions->len; b++)
    {
      GPtrArray *sessions = g_ptr_array_index (data->sessions, b);

      for (guint first = 0; ok && first < sessions->len; first += batch)
        ok = write_batch_sql (file, (KfRecord **) sessions->pdata + first,
                              MIN (batch, sessions->len - first), TRUE, error);
    }
  return close_sql_file (file, ok, error);
}

gboolean
bench_write_visits_sql (const char         *path,
                        const BenchDataset *data,
                        GError            **error)
{
  FILE *file = open_sql_file (path, error);
  BenchVisitGen gen;
  gboolean ok = TRUE;
  GPtrArray *batch;
  int base_index;

  if (file == NULL)
    return FALSE;
  bench_visit_gen_init (&gen, data);
  while (ok && (batch = bench_visit_gen_next_batch (&gen, &base_index)) != NULL)
    {
      ok = write_batch_sql (file, (KfRecord **) batch->pdata, batch->len, TRUE, error);
      g_ptr_array_unref (batch);
    }
  bench_visit_gen_clear (&gen);
  return close_sql_file (file, ok, error);
}

/**
 * bench_run_shell:
 * @config: which shell
 * @db: the database
 * @script: the shell's input
 * @output: (out) (optional): what it printed
 * @elapsed: (out): its wall time, from before the fork to after its exit
 * @error: return location; anything on its stderr is an error
 */
gboolean
bench_run_shell (const BenchConfig *config,
                 const char        *db,
                 const char        *script,
                 char             **output,
                 gint64            *elapsed,
                 GError           **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 start;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdin_file_path (launcher, script);

  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawn (launcher, error, config->sqlite3, "-batch", "-bail",
                                         db, NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, error))
    return FALSE;
  *elapsed = g_get_monotonic_time () - start;

  if (!g_subprocess_get_successful (process) || (err != NULL && *err != '\0'))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s < %s failed: %s", config->sqlite3,
                   script, err != NULL ? g_strstrip (err) : "");
      return FALSE;
    }
  if (output != NULL)
    *output = g_steal_pointer (&out);
  return TRUE;
}

/**
 * bench_totals_script:
 * @tc: the query
 * @with_query: %FALSE for the same script without the query, to time the
 *   shell's start
 *
 * Returns: (transfer full): the shell's input: the SQL of
 *   kf_totals_compute(), word for word, with its parameters bound
 */
char *
bench_totals_script (const BenchTotalsCase *tc,
                     gboolean               with_query)
{
  /* The shell evaluates a parameter's value as SQL: quoted, it is text. */
  return g_strdup_printf (".parameter set ?1 \"'%s'\"\n"
                          ".parameter set ?2 \"'%s'\"\n"
                          ".parameter set ?3 NULL\n"
                          "%s%s%s",
                          tc->from, tc->to,
                          with_query ? ".timer on\n" : "",
                          with_query ? kf_totals_get_sql (tc->by) : "",
                          with_query ? ";\n" : "");
}

/**
 * bench_take_timer_line:
 * @output: what the shell printed with ".timer on"
 *
 * Takes the timer's line out of @output.
 *
 * Returns: the real time it gives, in microseconds; -1 if there is none
 */
gint64
bench_take_timer_line (char *output)
{
  static const char prefix[] = "Run Time: real ";
  char *line = strstr (output, prefix);
  char *rest;
  double seconds;

  if (line == NULL)
    return -1;
  seconds = g_ascii_strtod (line + strlen (prefix), NULL);
  rest = strchr (line, '\n');
  rest = rest != NULL ? rest + 1 : line + strlen (line);
  memmove (line, rest, strlen (rest) + 1);
  return (gint64) (seconds * G_USEC_PER_SEC + 0.5);
}

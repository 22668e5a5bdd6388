/* kf-cli-report.c — totals, export and the PDF report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kf-cli-private.h"
#include "kf-error.h"
#include "kf-export.h"
#include "kf-report.h"
#include "kf-totals.h"

static const KfCliOption totals_options[] = {
  { "--from", "D", N_("first day, inclusive"), TRUE },
  { "--to", "D", N_("last day, inclusive"), TRUE },
  { "--by", "KEY", N_("base (default), date, format or topic"), FALSE },
  { "--json", NULL, N_("print the JSON of GET /v1/totals"), FALSE },
  { "--csv", NULL, N_("print CSV"), FALSE },
  { NULL, NULL, NULL, FALSE }
};

static const KfCliCommand totals_command = {
  "totals", NULL,
  N_("Attendance figures for a period, computed from this database as the hub computes "
     "them. Rows are never ranked by a figure."),
  totals_options, 0
};

static const KfCliOption export_options[] = {
  { "--entity", "KIND", N_("sessions, bookings or visits"), TRUE },
  { "--format", "FORMAT", N_("csv or json"), TRUE },
  { "--out", "FILE", N_("the file to write (whole or not at all)"), TRUE },
  { "--from", "D", N_("first day"), FALSE },
  { "--to", "D", N_("last day"), FALSE },
  { NULL, NULL, NULL, FALSE }
};

static const KfCliCommand export_command = {
  "export", NULL, N_("Writes records to a CSV or JSON file."), export_options, 0
};

static const KfCliOption report_options[] = {
  { "--from", "D", N_("first day, inclusive"), TRUE },
  { "--to", "D", N_("last day, inclusive"), TRUE },
  { "--out", "FILE", N_("the PDF file to write (whole or not at all)"), TRUE },
  { NULL, NULL, NULL, FALSE }
};

static const KfCliCommand report_command = {
  "report", NULL,
  N_("Writes the activity summary report (活动总结报告) of a period as an A4 PDF file: "
     "totals, figures per base, day, format and topic, bookings and no-shows. A base "
     "reports its own figures, the reviewer every base's; bases are listed by name, never "
     "ranked."),
  report_options, 0
};

/* The figures, in the order of kf_figure_names. */
#define N_FIGURES 8

static const char *
key_header (KfTotalsBy by)
{
  switch (by)
    {
    case KF_TOTALS_BY_DATE:
      return _("Date");
    case KF_TOTALS_BY_FORMAT:
      return _("Format");
    case KF_TOTALS_BY_TOPIC:
      return _("Topic");
    case KF_TOTALS_BY_BASE:
    default:
      return _("Base");
    }
}

static void
add_figures_row (KfCliTable      *table,
                 const char      *label,
                 const KfFigures *figures)
{
  g_auto(GStrv) cells = g_new0 (char *, N_FIGURES + 2);

  cells[0] = g_strdup (label);
  for (guint i = 0; i < N_FIGURES; i++)
    cells[i + 1] = g_strdup_printf ("%" G_GINT64_FORMAT, kf_figures_get (figures, i));
  kf_cli_table_add (table, (const char * const *) cells);
}

static void
print_totals_table (const KfTotals *totals)
{
  const char *headers[N_FIGURES + 2] = { key_header (totals->by) };
  gboolean right[N_FIGURES + 1] = { FALSE };
  g_autoptr(KfCliTable) table = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < N_FIGURES; i++)
    {
      headers[i + 1] = kf_report_figure_label (i);
      right[i + 1] = TRUE;
    }
  table = kf_cli_table_new (headers, right);

  /* In the order core gives: by name or key, never by a figure. */
  for (guint i = 0; i < totals->rows->len; i++)
    {
      const KfTotalsRow *row = g_ptr_array_index (totals->rows, i);
      add_figures_row (table, row->label, &row->figures);
    }
  add_figures_row (table, _("Total"), &totals->total);

  text = kf_cli_table_format (table);
  kf_cli_printf ("%s – %s\n", totals->from, totals->to);
  kf_cli_print (text);
}

static int
check_totals_options (KfCliArgs  *args,
                      KfTotalsBy *by)
{
  const char *by_text = kf_cli_args_get (args, "--by");

  if (kf_cli_args_has (args, "--json") && kf_cli_args_has (args, "--csv"))
    return kf_cli_usage_error ("--csv", _("cannot be used with --json"));
  *by = KF_TOTALS_BY_BASE;
  if (by_text != NULL && !kf_totals_by_from_string (by_text, by))
    return kf_cli_fail ("--by", _("must be one of: %s"), "base, date, format, topic");
  if (!kf_cli_check_period (kf_cli_args_get (args, "--from"), kf_cli_args_get (args, "--to")))
    return KF_CLI_EXIT_FAILED;
  return -1;
}

static void
print_totals (KfCliArgs      *args,
              const KfTotals *totals)
{
  if (kf_cli_args_has (args, "--json"))
    {
      g_autoptr(GString) out = g_string_new (NULL);
      kf_totals_append_json (totals, out);
      kf_cli_print (out->str);
    }
  else if (kf_cli_args_has (args, "--csv"))
    {
      g_autofree char *csv = kf_totals_to_csv (totals);
      kf_cli_print (csv);
    }
  else
    print_totals_table (totals);
}

int
kf_cli_totals (KfCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(KfCliArgs) args = NULL;
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(KfTotals) totals = NULL;
  g_autoptr(GError) local_error = NULL;
  KfTotalsBy by;
  int exit_code;

  if ((args = kf_cli_args_parse (cli, &totals_command, argc, argv, &exit_code)) == NULL)
    return exit_code;
  if ((exit_code = check_totals_options (args, &by)) >= 0)
    return exit_code;
  if ((identity = kf_cli_open_identity (cli, &exit_code)) == NULL)
    return exit_code;

  /* As on the hub: a base sees its own figures, the reviewer all, a school none. */
  if (identity->role == KF_ROLE_SCHOOL)
    return kf_cli_fail ("totals", _("are not available to a school"));

  totals = kf_totals_compute (cli->store, kf_cli_args_get (args, "--from"),
                              kf_cli_args_get (args, "--to"), by,
                              identity->role == KF_ROLE_BASE ? identity->base_id : NULL,
                              &local_error);
  if (totals == NULL)
    return kf_cli_fail_error (cli, local_error);

  print_totals (args, totals);
  return KF_CLI_EXIT_OK;
}

static gboolean
parse_entity (const char *text,
              KfEntity   *entity)
{
  static const KfEntity exportable[] = { KF_ENTITY_SESSION, KF_ENTITY_BOOKING, KF_ENTITY_VISIT };

  for (guint i = 0; i < G_N_ELEMENTS (exportable); i++)
    if (strcmp (kf_entity_info (exportable[i])->table, text) == 0)
      {
        *entity = exportable[i];
        return TRUE;
      }
  return FALSE;
}

int
kf_cli_export (KfCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(KfCliArgs) args = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *format;
  KfQuery query = { 0 };
  KfEntity entity;
  int exit_code;

  if ((args = kf_cli_args_parse (cli, &export_command, argc, argv, &exit_code)) == NULL)
    return exit_code;
  if (!parse_entity (kf_cli_args_get (args, "--entity"), &entity))
    return kf_cli_fail ("--entity", _("must be one of: %s"), "sessions, bookings, visits");
  format = kf_cli_args_get (args, "--format");
  if (strcmp (format, "csv") != 0 && strcmp (format, "json") != 0)
    return kf_cli_fail ("--format", _("must be one of: %s"), "csv, json");
  if (*kf_cli_args_get (args, "--out") == '\0')
    return kf_cli_fail ("--out", _("must name a file"));
  query.from = kf_cli_args_get (args, "--from");
  query.to = kf_cli_args_get (args, "--to");
  if (!kf_cli_check_period (query.from, query.to))
    return KF_CLI_EXIT_FAILED;

  if (kf_cli_open_store (cli, FALSE, &local_error) == NULL)
    return kf_cli_fail_error (cli, local_error);

  /* What goes wrong now is the file's. */
  cli->subject = "--out";
  if (!kf_export_records (cli->store, entity,
                          strcmp (format, "csv") == 0 ? KF_EXPORT_CSV : KF_EXPORT_JSON,
                          &query, kf_cli_args_get (args, "--out"), &local_error))
    return kf_cli_fail_error (cli, local_error);
  return KF_CLI_EXIT_OK;
}

int
kf_cli_report (KfCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(KfCliArgs) args = NULL;
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(KfReport) report = NULL;
  g_autoptr(GError) local_error = NULL;
  int exit_code;

  if ((args = kf_cli_args_parse (cli, &report_command, argc, argv, &exit_code)) == NULL)
    return exit_code;
  if (*kf_cli_args_get (args, "--out") == '\0')
    return kf_cli_fail ("--out", _("must name a file"));
  if (!kf_cli_check_period (kf_cli_args_get (args, "--from"), kf_cli_args_get (args, "--to")))
    return KF_CLI_EXIT_FAILED;
  /* a database that is set up: the report is its base's, or every base's */
  if ((identity = kf_cli_open_identity (cli, &exit_code)) == NULL)
    return exit_code;

  report = kf_report_new (cli->store, kf_cli_args_get (args, "--from"),
                          kf_cli_args_get (args, "--to"), &local_error);
  if (report == NULL)
    return kf_cli_fail_error (cli, local_error);

  /* What goes wrong now is the file's. */
  cli->subject = "--out";
  if (!kf_report_write_pdf (report, kf_cli_args_get (args, "--out"), &local_error))
    return kf_cli_fail_error (cli, local_error);
  return KF_CLI_EXIT_OK;
}

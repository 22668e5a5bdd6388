/* kf-report.c — the activity summary report (活动总结报告) of a period: its
 * figures, from core's totals, and its content as blocks
 *
 * The county's notice asks every base for a summary after the activity week
 * and warns against ranking (力戒打卡、排名等形式主义): bases are listed by
 * name and never ordered by a figure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kf-error.h"
#include "kf-labels.h"
#include "kf-report-private.h"

/* The column headers of the figures, in the order of kf_figure_names. */
static const char * const figure_headers[] = {
  N_("Sessions"), N_("Groups"), N_("Visitors"), N_("Youth"), N_("Adults"),
  N_("Confirmed"), N_("Attended"), N_("No-shows"),
};

/* Indices into KfFigures, in the order of kf_figure_names. */
enum
{
  FIG_SESSIONS, FIG_GROUPS, FIG_VISITORS, FIG_YOUTH, FIG_ADULTS,
  FIG_CONFIRMED, FIG_ATTENDED, FIG_NO_SHOWS,
};

static const guint attendance_figures[] = {
  FIG_SESSIONS, FIG_GROUPS, FIG_VISITORS, FIG_YOUTH, FIG_ADULTS
};
static const guint booking_figures[] = { FIG_CONFIRMED, FIG_ATTENDED, FIG_NO_SHOWS };

static const double attendance_widths[] = { 0.35, 0.13, 0.13, 0.13, 0.13, 0.13 };
static const double booking_widths[] = { 0.40, 0.20, 0.20, 0.20 };
static const double summary_widths[] = { 0.45, 0.20 };

/**
 * kf_report_figure_label:
 * @figure: an index into kf_figure_names
 *
 * Returns: the translated column header of a figure ("Visitors")
 */
const char *
kf_report_figure_label (guint figure)
{
  g_return_val_if_fail (figure < G_N_ELEMENTS (figure_headers), NULL);

  return _(figure_headers[figure]);
}

static char *
figure_text (const KfFigures *figures,
             guint            figure)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, kf_figures_get (figures, figure));
}

/* Blocks */

static KfReportBlock *
add_block (KfReport    *report,
           KfBlockKind  kind,
           char        *text)
{
  KfReportBlock *block = g_new0 (KfReportBlock, 1);

  block->kind = kind;
  block->text = text;
  g_ptr_array_add (report->blocks, block);
  return block;
}

static void
block_free (KfReportBlock *block)
{
  g_free (block->text);
  g_strfreev (block->cells);
  g_clear_pointer (&block->chart, kf_report_chart_free);
  g_free (block);
}

static KfReportTable *
add_table (KfReport      *report,
           const double  *widths,
           guint          n_columns,
           char         **header)
{
  KfReportTable *table = g_new0 (KfReportTable, 1);

  table->n_columns = n_columns;
  table->widths = widths;
  table->header_block = G_MAXUINT;
  g_ptr_array_add (report->tables, table);

  if (header != NULL)
    {
      KfReportBlock *block = add_block (report, KF_BLOCK_ROW, NULL);

      block->table = table;
      block->cells = header;
      block->is_header = TRUE;
      table->header_block = report->blocks->len - 1;
    }
  return table;
}

static void
add_row (KfReport      *report,
         KfReportTable *table,
         char         **cells,
         gboolean       is_total)
{
  KfReportBlock *block = add_block (report, KF_BLOCK_ROW, NULL);

  g_assert (g_strv_length (cells) == table->n_columns);
  block->table = table;
  block->cells = cells;
  block->is_total = is_total;
}

static char **
figures_cells (const char      *label,
               const KfFigures *figures,
               const guint     *which,
               guint            n_which)
{
  char **cells = g_new0 (char *, n_which + 2);

  cells[0] = g_strdup (label);
  for (guint i = 0; i < n_which; i++)
    cells[i + 1] = figure_text (figures, which[i]);
  return cells;
}

static char **
header_cells (const char  *key_header,
              const guint *which,
              guint        n_which)
{
  char **cells = g_new0 (char *, n_which + 2);

  cells[0] = g_strdup (key_header);
  for (guint i = 0; i < n_which; i++)
    cells[i + 1] = g_strdup (kf_report_figure_label (which[i]));
  return cells;
}

static void
add_figures_table (KfReport       *report,
                   const KfTotals *totals,
                   const char     *key_header,
                   const guint    *which,
                   guint           n_which,
                   const double   *widths)
{
  g_autoptr(GPtrArray) rows = NULL;
  KfReportTable *table;

  if (totals->rows->len == 0)
    {
      add_block (report, KF_BLOCK_NOTE, g_strdup (_("Nothing was recorded in this period.")));
      return;
    }

  rows = kf_totals_labeled_rows (totals);
  table = add_table (report, widths, n_which + 1, header_cells (key_header, which, n_which));
  for (guint i = 0; i < rows->len; i++)
    {
      const KfLabeledRow *labeled = g_ptr_array_index (rows, i);

      add_row (report, table, figures_cells (labeled->label, &labeled->row->figures, which,
                                             n_which), FALSE);
    }
  add_row (report, table, figures_cells (_("Total"), &totals->total, which, n_which), TRUE);
}

static void
add_summary (KfReport *report)
{
  static const struct
  {
    guint       figure;
    const char *label;
  } lines[] = {
    { FIG_VISITORS, N_("Visitors") },
    { FIG_YOUTH, N_("Youth (under 18)") },
    { FIG_ADULTS, N_("Adults") },
    { FIG_GROUPS, N_("Groups") },
    { FIG_SESSIONS, N_("Sessions") },
    { FIG_CONFIRMED, N_("Bookings confirmed") },
    { FIG_ATTENDED, N_("Bookings attended") },
    { FIG_NO_SHOWS, N_("No-shows") },
  };
  const KfFigures *total = &report->totals[KF_TOTALS_BY_BASE]->total;
  KfReportTable *table;

  add_block (report, KF_BLOCK_HEADING, g_strdup (_("Totals")));
  table = add_table (report, summary_widths, 2, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      char **cells = g_new0 (char *, 3);

      cells[0] = g_strdup (_(lines[i].label));
      cells[1] = figure_text (total, lines[i].figure);
      add_row (report, table, cells, FALSE);
    }
}

static void
add_front (KfReport *report)
{
  g_autofree char *from = kf_label_date (report->from);
  g_autofree char *to = kf_label_date (report->to);

  add_block (report, KF_BLOCK_TITLE, g_strdup (_("Activity summary report")));
  add_block (report, KF_BLOCK_LINE, g_strdup_printf (_("Installation: %s"),
                                                     report->installation));
  /* Translators: the first and the last day of the report's period */
  add_block (report, KF_BLOCK_LINE, g_strdup_printf (_("Period: %s – %s"), from, to));
  add_block (report, KF_BLOCK_LINE, g_strdup_printf (_("Generated: %s"),
                                                     report->generated_at));
}

static void
add_sections (KfReport *report)
{
  add_front (report);
  add_summary (report);

  add_block (report, KF_BLOCK_HEADING, g_strdup (_("By base")));
  add_block (report, KF_BLOCK_NOTE, g_strdup (_("Bases are listed by name, never ranked.")));
  add_figures_table (report, report->totals[KF_TOTALS_BY_BASE], _("Base"),
                     attendance_figures, G_N_ELEMENTS (attendance_figures), attendance_widths);

  add_block (report, KF_BLOCK_HEADING, g_strdup (_("By day")));
  kf_report_add_charts (report);
  add_figures_table (report, report->totals[KF_TOTALS_BY_DATE], _("Day"),
                     attendance_figures, G_N_ELEMENTS (attendance_figures), attendance_widths);

  add_block (report, KF_BLOCK_HEADING, g_strdup (_("By format")));
  add_figures_table (report, report->totals[KF_TOTALS_BY_FORMAT], _("Format"),
                     attendance_figures, G_N_ELEMENTS (attendance_figures), attendance_widths);

  add_block (report, KF_BLOCK_HEADING, g_strdup (_("By topic")));
  add_figures_table (report, report->totals[KF_TOTALS_BY_TOPIC], _("Topic"),
                     attendance_figures, G_N_ELEMENTS (attendance_figures), attendance_widths);

  add_block (report, KF_BLOCK_HEADING, g_strdup (_("Bookings and no-shows")));
  add_block (report, KF_BLOCK_NOTE,
             g_strdup (_("Confirmed counts the bookings confirmed for a session of the period, "
                         "including those whose group then came; attended, those whose group "
                         "came; no-shows, those whose group did not come.")));
  add_figures_table (report, report->totals[KF_TOTALS_BY_BASE], _("Base"),
                     booking_figures, G_N_ELEMENTS (booking_figures), booking_widths);
}

/* The report's data */

static char *
installation_name (KfStore          *store,
                   const KfIdentity *identity)
{
  g_autoptr(KfRecord) base = NULL;

  if (identity->role == KF_ROLE_REVIEWER)
    return g_strdup (_("All bases"));
  base = kf_store_get (store, KF_ENTITY_BASE, identity->base_id, NULL);
  if (base != NULL && KF_BASE (base)->name != NULL && *KF_BASE (base)->name != '\0')
    return g_strdup (KF_BASE (base)->name);
  return g_strdup (identity->base_id);
}

static gboolean
compute_totals (KfReport         *report,
                KfStore          *store,
                const KfIdentity *identity,
                GError          **error)
{
  const char *base_id = identity->role == KF_ROLE_BASE ? identity->base_id : NULL;

  for (KfTotalsBy by = KF_TOTALS_BY_BASE; by <= KF_TOTALS_BY_TOPIC; by++)
    {
      report->totals[by] = kf_totals_compute (store, report->from, report->to, by, base_id,
                                              error);
      if (report->totals[by] == NULL)
        return FALSE;
    }
  return TRUE;
}

static char *
now_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d %H:%M");
}

/**
 * kf_report_new:
 *
 * A school has no report: like the totals, the figures are a base's own or,
 * for the reviewer, every base's.
 */
KfReport *
kf_report_new (KfStore    *store,
               const char *from,
               const char *to,
               GError    **error)
{
  g_autoptr(KfReport) report = NULL;
  g_autoptr(KfIdentity) identity = NULL;

  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  if (!kf_totals_check_period (from, to, error))
    return NULL;
  identity = kf_store_get_identity (store, error);
  if (identity == NULL)
    return NULL;
  if (identity->role == KF_ROLE_SCHOOL)
    {
      g_set_error_literal (error, KF_ERROR, KF_ERROR_FORBIDDEN,
                           _("is not available to a school"));
      return NULL;
    }

  report = g_new0 (KfReport, 1);
  report->from = g_strdup (from);
  report->to = g_strdup (to);
  report->tables = g_ptr_array_new_with_free_func (g_free);
  report->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  report->placements = g_array_new (FALSE, TRUE, sizeof (KfReportPlacement));
  if (!compute_totals (report, store, identity, error))
    return NULL;

  report->installation = installation_name (store, identity);
  report->generated_at = now_text ();
  add_sections (report);
  return g_steal_pointer (&report);
}

void
kf_report_free (KfReport *report)
{
  if (report == NULL)
    return;
  g_free (report->from);
  g_free (report->to);
  g_free (report->installation);
  g_free (report->generated_at);
  for (guint i = 0; i < G_N_ELEMENTS (report->totals); i++)
    g_clear_pointer (&report->totals[i], kf_totals_free);
  g_clear_pointer (&report->blocks, g_ptr_array_unref);
  g_clear_pointer (&report->tables, g_ptr_array_unref);
  g_clear_pointer (&report->placements, g_array_unref);
  g_clear_object (&report->context);
  g_free (report);
}

/**
 * kf_report_get_totals:
 * @by: the grouping
 *
 * Returns: (transfer none): the figures the report shows, as core computed them
 */
const KfTotals *
kf_report_get_totals (KfReport   *report,
                      KfTotalsBy  by)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (by <= KF_TOTALS_BY_TOPIC, NULL);

  return report->totals[by];
}

const char *
kf_report_get_installation (KfReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  return report->installation;
}

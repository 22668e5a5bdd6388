/* kf-report-chart.c — the report's bar chart of visitors per day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "kf-report-private.h"

#define CHART_HEIGHT   210.0
#define LEGEND_HEIGHT  22.0
#define AXIS_WIDTH     34.0
#define DATES_HEIGHT   34.0
#define MAX_ALL_DAYS   366   /* a longer period charts only the days with figures */

static const double youth_rgb[] = { 0.20, 0.45, 0.72 };
static const double adults_rgb[] = { 0.62, 0.78, 0.92 };

void
kf_report_chart_free (KfReportChart *chart)
{
  g_strfreev (chart->days);
  g_free (chart->youth);
  g_free (chart->adults);
  g_free (chart);
}

double
kf_report_chart_height (void)
{
  return CHART_HEIGHT;
}

/* The top of the axis: four steps of 1, 2 or 5 × 10ⁿ, so that the grid
 * lines fall on round numbers. */
static gint64
chart_scale (gint64 largest)
{
  gint64 magnitude = 1;

  while (TRUE)
    {
      static const gint64 steps[] = { 1, 2, 5 };

      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        if (steps[i] * magnitude * 4 >= largest)
          return steps[i] * magnitude * 4;
      magnitude *= 10;
    }
}

static GDateTime *
parse_day (const char *day)
{
  int year, month, mday;

  if (sscanf (day, "%4d-%2d-%2d", &year, &month, &mday) != 3)
    return NULL;
  return g_date_time_new_utc (year, month, mday, 0, 0, 0);
}

/* Every day of the period, or, for a period of more than a year, the days
 * with figures. */
static GPtrArray *
chart_days (const KfReport *report)
{
  GPtrArray *days = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) first = parse_day (report->from);
  g_autoptr(GDateTime) last = parse_day (report->to);
  GTimeSpan span = g_date_time_difference (last, first);

  if (span / G_TIME_SPAN_DAY >= MAX_ALL_DAYS)
    {
      const KfTotals *totals = report->totals[KF_TOTALS_BY_DATE];

      for (guint i = 0; i < totals->rows->len; i++)
        g_ptr_array_add (days, g_strdup (((KfTotalsRow *) g_ptr_array_index (totals->rows,
                                                                              i))->key));
      return days;
    }

  for (GDateTime *day = g_date_time_ref (first), *next; day != NULL; day = next)
    {
      next = g_date_time_compare (day, last) < 0 ? g_date_time_add_days (day, 1) : NULL;
      g_ptr_array_add (days, g_date_time_format (day, "%Y-%m-%d"));
      g_date_time_unref (day);
    }
  return days;
}

static KfReportChart *
chart_new (GPtrArray  *days,
           guint       first,
           guint       n_days,
           GHashTable *by_day,
           gint64      scale)
{
  KfReportChart *chart = g_new0 (KfReportChart, 1);

  chart->n_days = n_days;
  chart->days = g_new0 (char *, n_days + 1);
  chart->youth = g_new0 (gint64, n_days);
  chart->adults = g_new0 (gint64, n_days);
  chart->scale = scale;
  for (guint i = 0; i < n_days; i++)
    {
      const KfFigures *figures;

      chart->days[i] = g_strdup (g_ptr_array_index (days, first + i));
      figures = g_hash_table_lookup (by_day, chart->days[i]);
      if (figures != NULL)
        {
          chart->youth[i] = figures->youth;
          chart->adults[i] = figures->adults;
        }
    }
  return chart;
}

static gboolean
chart_is_empty (const KfReportChart *chart)
{
  for (guint i = 0; i < chart->n_days; i++)
    if (chart->youth[i] + chart->adults[i] > 0)
      return FALSE;
  return TRUE;
}

static void
add_chart_block (KfReport      *report,
                 KfReportChart *chart)
{
  KfReportBlock *block = g_new0 (KfReportBlock, 1);

  block->kind = KF_BLOCK_CHART;
  block->chart = chart;
  g_ptr_array_add (report->blocks, block);
}

/**
 * kf_report_add_charts:
 *
 * Adds the charts of visitors per day, KF_REPORT_CHART_DAYS days to a chart,
 * all on one scale. Of several charts, those with no visitor are left out;
 * a period with no visitor has none.
 */
void
kf_report_add_charts (KfReport *report)
{
  const KfTotals *totals = report->totals[KF_TOTALS_BY_DATE];
  g_autoptr(GHashTable) by_day = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) days = NULL;
  gint64 largest = 0;
  guint n_charts;

  for (guint i = 0; i < totals->rows->len; i++)
    {
      const KfTotalsRow *row = g_ptr_array_index (totals->rows, i);

      g_hash_table_insert (by_day, row->key, (gpointer) &row->figures);
      largest = MAX (largest, row->figures.visitors);
    }
  /* no visitor at all: nothing to draw, the table below says so */
  if (largest == 0)
    return;

  days = chart_days (report);
  n_charts = (days->len + KF_REPORT_CHART_DAYS - 1) / KF_REPORT_CHART_DAYS;

  for (guint c = 0; c < n_charts; c++)
    {
      guint first = c * KF_REPORT_CHART_DAYS;
      KfReportChart *chart = chart_new (days, first,
                                        MIN (KF_REPORT_CHART_DAYS, days->len - first),
                                        by_day, chart_scale (largest));

      if (n_charts > 1 && chart_is_empty (chart))
        {
          kf_report_chart_free (chart);
          continue;
        }
      add_chart_block (report, chart);
    }
}

/* Drawing */

static void
show_text (KfReport   *report,
           cairo_t    *cr,
           const char *text,
           double      size,
           gboolean    bold,
           double      x,
           double      y)
{
  g_autoptr(PangoLayout) layout = kf_report_layout_text (report, text, size, bold, -1,
                                                         PANGO_ALIGN_LEFT);

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static double
text_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static void
draw_legend (KfReport *report,
             cairo_t  *cr,
             double    x,
             double    y,
             double    width)
{
  const char *names[] = { _("Youth"), _("Adults") };
  const double *colours[] = { youth_rgb, adults_rgb };
  double right = x + width;

  show_text (report, cr, _("Visitors per day"), 9.5, TRUE, x, y);
  for (int i = G_N_ELEMENTS (names) - 1; i >= 0; i--)
    {
      g_autoptr(PangoLayout) layout = kf_report_layout_text (report, names[i], 8, FALSE, -1,
                                                             PANGO_ALIGN_LEFT);

      right -= text_width (layout);
      cairo_move_to (cr, right, y + 1);
      pango_cairo_show_layout (cr, layout);
      right -= 12;
      cairo_set_source_rgb (cr, colours[i][0], colours[i][1], colours[i][2]);
      cairo_rectangle (cr, right, y + 3, 8, 8);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      right -= 12;
    }
}

static void
draw_grid (KfReport            *report,
           const KfReportChart *chart,
           cairo_t             *cr,
           double               left,
           double               right,
           double               top,
           double               bottom)
{
  for (int i = 0; i <= 4; i++)
    {
      double y = bottom - (bottom - top) * i / 4;
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, chart->scale * i / 4);
      g_autoptr(PangoLayout) layout = kf_report_layout_text (report, value, 7, FALSE,
                                                             AXIS_WIDTH - 6,
                                                             PANGO_ALIGN_RIGHT);

      cairo_set_source_rgb (cr, i == 0 ? 0.2 : 0.85, i == 0 ? 0.2 : 0.85, i == 0 ? 0.2 : 0.85);
      cairo_set_line_width (cr, i == 0 ? 0.8 : 0.5);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      cairo_move_to (cr, left - AXIS_WIDTH, y - kf_report_layout_height (layout) / 2);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
}

static void
draw_day_label (KfReport   *report,
                cairo_t    *cr,
                const char *day,
                double      centre,
                double      bottom,
                double      slot)
{
  /* "05-24": the year is in the period above */
  g_autoptr(PangoLayout) layout = kf_report_layout_text (report, day + 5, 7, FALSE, -1,
                                                         PANGO_ALIGN_LEFT);
  double width = text_width (layout);
  double height = kf_report_layout_height (layout);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  if (width + 2 <= slot)
    cairo_move_to (cr, centre - width / 2, bottom + 3);
  else
    {
      cairo_move_to (cr, centre - height / 2, bottom + 3 + width);
      cairo_rotate (cr, -G_PI / 2);
    }
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
draw_bar (KfReport            *report,
          const KfReportChart *chart,
          guint                i,
          cairo_t             *cr,
          double               x,
          double               bar_width,
          double               bottom,
          double               plot_height)
{
  double youth_h = plot_height * chart->youth[i] / chart->scale;
  double adults_h = plot_height * chart->adults[i] / chart->scale;
  gint64 visitors = chart->youth[i] + chart->adults[i];
  g_autofree char *value = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  cairo_set_source_rgb (cr, youth_rgb[0], youth_rgb[1], youth_rgb[2]);
  cairo_rectangle (cr, x, bottom - youth_h, bar_width, youth_h);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, adults_rgb[0], adults_rgb[1], adults_rgb[2]);
  cairo_rectangle (cr, x, bottom - youth_h - adults_h, bar_width, adults_h);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  if (visitors == 0)
    return;
  value = g_strdup_printf ("%" G_GINT64_FORMAT, visitors);
  layout = kf_report_layout_text (report, value, 6.5, FALSE, -1, PANGO_ALIGN_LEFT);
  if (text_width (layout) > bar_width / 0.7)
    return;
  cairo_move_to (cr, x + (bar_width - text_width (layout)) / 2,
                 bottom - youth_h - adults_h - kf_report_layout_height (layout) - 1);
  pango_cairo_show_layout (cr, layout);
}

/**
 * kf_report_chart_draw:
 *
 * Draws youth and adults of each day as one stacked bar, with the day below
 * and the number of visitors above it.
 */
void
kf_report_chart_draw (KfReport            *report,
                      const KfReportChart *chart,
                      cairo_t             *cr,
                      double               x,
                      double               y,
                      double               width)
{
  double left = x + AXIS_WIDTH;
  double top = y + LEGEND_HEIGHT + 8;
  double bottom = y + CHART_HEIGHT - DATES_HEIGHT;
  double slot = (x + width - left) / MAX (chart->n_days, 7);

  draw_legend (report, cr, x, y, width);
  draw_grid (report, chart, cr, left, x + width, top, bottom);
  for (guint i = 0; i < chart->n_days; i++)
    {
      draw_bar (report, chart, i, cr, left + slot * i + slot * 0.15, slot * 0.7, bottom,
                bottom - top);
      draw_day_label (report, cr, chart->days[i], left + slot * (i + 0.5), bottom, slot);
    }
}

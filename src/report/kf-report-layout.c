/* kf-report-layout.c — the report's blocks laid out on pages and drawn
 *
 * One unit of the cairo context is one point, on a PDF surface as in a
 * GtkPrintOperation set to GTK_UNIT_POINTS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kf-report-private.h"

#define MARGIN_X       48.0
#define MARGIN_Y       36.0
#define HEADER_HEIGHT  26.0
#define FOOTER_HEIGHT  24.0
#define CELL_PAD_X     4.0
#define CELL_PAD_Y     3.0

#define SIZE_TITLE     18.0
#define SIZE_HEADING   12.5
#define SIZE_LINE      9.5
#define SIZE_NOTE      8.0
#define SIZE_CELL      8.5
#define SIZE_MARGINAL  7.5

/**
 * kf_report_layout_text:
 * @width: the width to wrap at, or -1 for one line
 *
 * Returns: (transfer full): a layout of @text in the report's font
 */
PangoLayout *
kf_report_layout_text (KfReport       *report,
                       const char     *text,
                       double          size,
                       gboolean        bold,
                       double          width,
                       PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (report->context);
  PangoFontDescription *font = pango_font_description_from_string (KF_REPORT_FONT);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

double
kf_report_layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
margin_x (const KfReport *report)
{
  return MIN (MARGIN_X, report->width * 0.08);
}

static double
body_width (const KfReport *report)
{
  return report->width - 2 * margin_x (report);
}

/* Text blocks: size, weight, grey or not, space before and after. */
typedef struct
{
  double   size;
  gboolean bold;
  double   grey;
  double   before;
  double   after;
} TextStyle;

static const TextStyle *
text_style (KfBlockKind kind)
{
  static const TextStyle title = { SIZE_TITLE, TRUE, 0, 0, 10 };
  static const TextStyle line = { SIZE_LINE, FALSE, 0.15, 0, 2 };
  static const TextStyle heading = { SIZE_HEADING, TRUE, 0, 16, 5 };
  static const TextStyle note = { SIZE_NOTE, FALSE, 0.4, 0, 5 };

  switch (kind)
    {
    case KF_BLOCK_TITLE:
      return &title;
    case KF_BLOCK_HEADING:
      return &heading;
    case KF_BLOCK_NOTE:
      return &note;
    case KF_BLOCK_LINE:
    case KF_BLOCK_ROW:
    case KF_BLOCK_CHART:
    default:
      return &line;
    }
}

static PangoLayout *
block_text_layout (KfReport            *report,
                   const KfReportBlock *block)
{
  const TextStyle *style = text_style (block->kind);

  return kf_report_layout_text (report, block->text, style->size, style->bold,
                                body_width (report), PANGO_ALIGN_LEFT);
}

static PangoLayout *
cell_layout (KfReport            *report,
             const KfReportBlock *block,
             guint                column)
{
  double width = block->table->widths[column] * body_width (report) - 2 * CELL_PAD_X;

  return kf_report_layout_text (report, block->cells[column], SIZE_CELL,
                                block->is_header || block->is_total, width,
                                column == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
}

static double
measure_block (KfReport            *report,
               const KfReportBlock *block)
{
  double height = 0;

  if (block->kind == KF_BLOCK_CHART)
    return kf_report_chart_height ();

  if (block->kind == KF_BLOCK_ROW)
    {
      for (guint i = 0; i < block->table->n_columns; i++)
        {
          g_autoptr(PangoLayout) layout = cell_layout (report, block, i);
          height = MAX (height, kf_report_layout_height (layout));
        }
      return height + 2 * CELL_PAD_Y;
    }

  {
    g_autoptr(PangoLayout) layout = block_text_layout (report, block);
    const TextStyle *style = text_style (block->kind);

    return style->before + kf_report_layout_height (layout) + style->after;
  }
}

/* Pagination */

static gboolean
keeps_with_next (const KfReportBlock *block)
{
  return block->kind == KF_BLOCK_HEADING || block->kind == KF_BLOCK_NOTE ||
         block->is_header;
}

/* The height of @index and the blocks that must stay on its page with it:
 * a heading, its note and a table's header go with what follows. */
static double
needed_height (KfReport *report,
               guint     index)
{
  double height = 0;

  for (guint i = index; i < report->blocks->len; i++)
    {
      const KfReportBlock *block = g_ptr_array_index (report->blocks, i);

      height += block->height;
      if (!keeps_with_next (block))
        break;
    }
  return height;
}

static void
place (KfReport *report,
       int       page,
       guint     block,
       double    y)
{
  KfReportPlacement placement = { page, block, y };

  g_array_append_val (report->placements, placement);
}

static void
lay_out_blocks (KfReport *report)
{
  double top = MARGIN_Y + HEADER_HEIGHT;
  double bottom = report->height - MARGIN_Y - FOOTER_HEIGHT;
  double y = top;
  int page = 0;

  for (guint i = 0; i < report->blocks->len; i++)
    {
      const KfReportBlock *block = g_ptr_array_index (report->blocks, i);

      if (y + needed_height (report, i) > bottom && y > top)
        {
          page++;
          y = top;
          /* a table that goes on is headed again */
          if (block->kind == KF_BLOCK_ROW && !block->is_header &&
              block->table->header_block != G_MAXUINT)
            {
              const KfReportBlock *header = g_ptr_array_index (report->blocks,
                                                               block->table->header_block);
              place (report, page, block->table->header_block, y);
              y += header->height;
            }
        }
      place (report, page, i, y);
      y += block->height;
    }
  report->n_pages = page + 1;
}

static void
setup_context (KfReport *report,
               cairo_t  *cr)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  g_clear_object (&report->context);
  report->context = pango_cairo_create_context (cr);
  /* one point a unit, and metrics that do not depend on the device, so
   * that a page measured on one surface fits on another */
  pango_cairo_context_set_resolution (report->context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (report->context, options);
  cairo_font_options_destroy (options);
}

int
kf_report_paginate (KfReport *report,
                    cairo_t  *cr,
                    double    width,
                    double    height)
{
  g_return_val_if_fail (report != NULL, 0);
  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (width > 0 && height > 0, 0);

  setup_context (report, cr);
  report->width = width;
  report->height = height;

  for (guint i = 0; i < report->blocks->len; i++)
    {
      KfReportBlock *block = g_ptr_array_index (report->blocks, i);
      block->height = measure_block (report, block);
    }
  g_array_set_size (report->placements, 0);
  lay_out_blocks (report);
  return report->n_pages;
}

/* Drawing */

static void
set_grey (cairo_t *cr,
          double   grey)
{
  cairo_set_source_rgb (cr, grey, grey, grey);
}

static void
draw_rule (cairo_t *cr,
           double   x1,
           double   x2,
           double   y,
           double   width,
           double   grey)
{
  set_grey (cr, grey);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x1, y);
  cairo_line_to (cr, x2, y);
  cairo_stroke (cr);
}

static void
draw_row (KfReport            *report,
          const KfReportBlock *block,
          cairo_t             *cr,
          double               y)
{
  double x = margin_x (report);

  if (block->is_header)
    {
      set_grey (cr, 0.92);
      cairo_rectangle (cr, x, y, body_width (report), block->height);
      cairo_fill (cr);
    }
  if (block->is_total)
    draw_rule (cr, x, x + body_width (report), y, 0.8, 0.2);

  set_grey (cr, 0);
  for (guint i = 0; i < block->table->n_columns; i++)
    {
      g_autoptr(PangoLayout) layout = cell_layout (report, block, i);

      cairo_move_to (cr, x + CELL_PAD_X, y + CELL_PAD_Y);
      pango_cairo_show_layout (cr, layout);
      x += block->table->widths[i] * body_width (report);
    }
  draw_rule (cr, margin_x (report), x, y + block->height, 0.4, 0.8);
}

static void
draw_block (KfReport            *report,
            const KfReportBlock *block,
            cairo_t             *cr,
            double               y)
{
  const TextStyle *style = text_style (block->kind);
  g_autoptr(PangoLayout) layout = NULL;

  switch (block->kind)
    {
    case KF_BLOCK_ROW:
      draw_row (report, block, cr, y);
      return;
    case KF_BLOCK_CHART:
      kf_report_chart_draw (report, block->chart, cr, margin_x (report), y + 4,
                            body_width (report));
      return;
    case KF_BLOCK_TITLE:
    case KF_BLOCK_LINE:
    case KF_BLOCK_HEADING:
    case KF_BLOCK_NOTE:
    default:
      layout = block_text_layout (report, block);
      set_grey (cr, style->grey);
      cairo_move_to (cr, margin_x (report), y + style->before);
      pango_cairo_show_layout (cr, layout);
      set_grey (cr, 0);
    }
}

static void
draw_marginal (KfReport   *report,
               cairo_t    *cr,
               const char *left,
               const char *right,
               double      y)
{
  g_autoptr(PangoLayout) left_layout = kf_report_layout_text (report, left, SIZE_MARGINAL,
                                                              FALSE, body_width (report) * 0.7,
                                                              PANGO_ALIGN_LEFT);
  g_autoptr(PangoLayout) right_layout = kf_report_layout_text (report, right, SIZE_MARGINAL,
                                                               FALSE, body_width (report),
                                                               PANGO_ALIGN_RIGHT);

  pango_layout_set_ellipsize (left_layout, PANGO_ELLIPSIZE_END);
  set_grey (cr, 0.35);
  cairo_move_to (cr, margin_x (report), y);
  pango_cairo_show_layout (cr, left_layout);
  cairo_move_to (cr, margin_x (report), y);
  pango_cairo_show_layout (cr, right_layout);
}

/* The header names the report and its period on every page; the footer
 * says when it was made and which page of how many this is. */
static void
draw_header_footer (KfReport *report,
                    cairo_t  *cr,
                    int       page_nr)
{
  double left = margin_x (report);
  double right = report->width - margin_x (report);
  double footer_top = report->height - MARGIN_Y - FOOTER_HEIGHT + 8;
  g_autofree char *title = g_strdup_printf ("%s · %s", _("Activity summary report"),
                                            report->installation);
  /* Translators: the first and the last day of the period, in the page header */
  g_autofree char *period = g_strdup_printf (_("%s to %s"), report->from, report->to);
  g_autofree char *generated = g_strdup_printf (_("Generated: %s"), report->generated_at);
  g_autofree char *page = g_strdup_printf (_("Page %d of %d"), page_nr + 1, report->n_pages);

  draw_marginal (report, cr, title, period, MARGIN_Y);
  draw_rule (cr, left, right, MARGIN_Y + HEADER_HEIGHT - 10, 0.5, 0.6);
  draw_rule (cr, left, right, footer_top, 0.5, 0.6);
  draw_marginal (report, cr, generated, page, footer_top + 4);
  set_grey (cr, 0);
}

void
kf_report_draw_page (KfReport *report,
                     cairo_t  *cr,
                     int       page_nr)
{
  g_return_if_fail (report != NULL);
  g_return_if_fail (report->context != NULL);
  g_return_if_fail (page_nr >= 0 && page_nr < report->n_pages);

  cairo_save (cr);
  pango_cairo_update_context (cr, report->context);
  draw_header_footer (report, cr, page_nr);

  for (guint i = 0; i < report->placements->len; i++)
    {
      const KfReportPlacement *p = &g_array_index (report->placements, KfReportPlacement, i);

      if (p->page == page_nr)
        draw_block (report, g_ptr_array_index (report->blocks, p->block), cr, p->y);
    }
  cairo_restore (cr);
}

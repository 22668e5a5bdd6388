/* kf-report-private.h — the report's content as blocks, shared by the files
 * that build, lay out and draw it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "kf-report.h"
#include "kf-totals.h"

G_BEGIN_DECLS

/* Every size is in points: one unit of the cairo context is one point. */
#define KF_REPORT_FONT        "Noto Sans CJK SC, sans"
#define KF_REPORT_CHART_DAYS  31     /* at most this many bars in one chart */

typedef enum
{
  KF_BLOCK_TITLE,
  KF_BLOCK_LINE,
  KF_BLOCK_HEADING,
  KF_BLOCK_NOTE,
  KF_BLOCK_ROW,
  KF_BLOCK_CHART,
} KfBlockKind;

typedef struct
{
  guint          n_columns;
  const double  *widths;          /* fractions of the body's width */
  guint          header_block;    /* repeated on each page it continues on */
} KfReportTable;

typedef struct
{
  guint    n_days;
  char   **days;                  /* YYYY-MM-DD */
  gint64  *youth;
  gint64  *adults;
  gint64   scale;                 /* the top of the axis, the same in every chart */
} KfReportChart;

typedef struct
{
  KfBlockKind     kind;
  char           *text;           /* title, line, heading, note */
  KfReportTable  *table;          /* row */
  char          **cells;          /* row */
  gboolean        is_header;      /* row */
  gboolean        is_total;       /* row */
  KfReportChart  *chart;          /* chart */
  double          height;         /* measured by the last pagination */
} KfReportBlock;

typedef struct
{
  int    page;
  guint  block;
  double y;
} KfReportPlacement;

struct _KfReport
{
  char          *from;
  char          *to;
  char          *installation;
  char          *generated_at;
  KfTotals      *totals[KF_TOTALS_BY_TOPIC + 1];

  GPtrArray     *tables;          /* (element-type KfReportTable) */
  GPtrArray     *blocks;          /* (element-type KfReportBlock) */

  PangoContext  *context;
  double         width;
  double         height;
  GArray        *placements;      /* (element-type KfReportPlacement) */
  int            n_pages;
};

/* kf-report-layout.c */
PangoLayout *kf_report_layout_text    (KfReport             *report,
                                       const char           *text,
                                       double                size,
                                       gboolean              bold,
                                       double                width,
                                       PangoAlignment        alignment);
double       kf_report_layout_height  (PangoLayout          *layout);

/* kf-report-chart.c */
void         kf_report_add_charts     (KfReport             *report);
void         kf_report_chart_free     (KfReportChart        *chart);
double       kf_report_chart_height   (void);
void         kf_report_chart_draw     (KfReport             *report,
                                       const KfReportChart  *chart,
                                       cairo_t              *cr,
                                       double                x,
                                       double                y,
                                       double                width);

G_END_DECLS

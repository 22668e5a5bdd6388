/* kf-report.h — the activity summary report (活动总结报告) of a period, as PDF
 * or on any cairo surface (GtkPrintOperation draws its pages with it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "kf-store.h"
#include "kf-totals.h"

G_BEGIN_DECLS

typedef struct _KfReport KfReport;

/* Computes every figure of the report from the store: totals per base,
 * per day, per format and per topic, bookings and no-shows, over
 * [from, to]. A base installation reports its own base; a reviewer every
 * base. Fails, naming "from" or "to", on a bad period. */
KfReport *kf_report_new             (KfStore     *store,
                                     const char  *from,
                                     const char  *to,
                                     GError     **error);
void      kf_report_free            (KfReport    *report);

/* Lays the report out on pages of width × height points for the text
 * measured on cr (fonts come from cr's target), and returns their number.
 * One unit of cr is one point (GtkPrintOperation: GTK_UNIT_POINTS). */
int       kf_report_paginate        (KfReport    *report,
                                     cairo_t     *cr,
                                     double       width,
                                     double       height);

/* Draws page page_nr (0-based) of the last pagination on cr. */
void      kf_report_draw_page       (KfReport    *report,
                                     cairo_t     *cr,
                                     int          page_nr);

/* Writes the whole report to path as A4 PDF, whole or not at all. */
gboolean  kf_report_write_pdf       (KfReport    *report,
                                     const char  *path,
                                     GError     **error);

/* The figures the report shows, as core computed them, and whose they are
 * (a base's name, or "All bases" for the reviewer). */
const KfTotals *kf_report_get_totals       (KfReport    *report,
                                            KfTotalsBy   by);
const char     *kf_report_get_installation (KfReport    *report);

/* The translated column header of a figure (an index into kf_figure_names). */
const char     *kf_report_figure_label     (guint        figure);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfReport, kf_report_free)

G_END_DECLS

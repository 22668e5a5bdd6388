/* kf-bar-chart.h — a horizontal bar chart of two stacked parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KF_TYPE_BAR_CHART (kf_bar_chart_get_type ())

G_DECLARE_FINAL_TYPE (KfBarChart, kf_bar_chart, KF, BAR_CHART, GtkWidget)

/* A bar: its label and its two parts, drawn one after the other. */
typedef struct
{
  const char *label;
  gint64      parts[2];
} KfBarChartBar;

GtkWidget  *kf_bar_chart_new            (void);
void        kf_bar_chart_set_legend     (KfBarChart          *self,
                                         const char          *first,
                                         const char          *second);
void        kf_bar_chart_set_bars       (KfBarChart          *self,
                                         const KfBarChartBar *bars,
                                         guint                n_bars);
guint       kf_bar_chart_get_n_bars     (KfBarChart          *self);
const char *kf_bar_chart_get_label      (KfBarChart          *self,
                                         guint                index);
gint64      kf_bar_chart_get_value      (KfBarChart          *self,
                                         guint                index,
                                         guint                part);
gboolean    kf_bar_chart_get_bar_area   (KfBarChart          *self,
                                         guint                index,
                                         graphene_rect_t     *area);
const char *kf_bar_chart_get_summary    (KfBarChart          *self);

G_END_DECLS

/* kf-totals-page-private.h — what the Totals page's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kf-bar-chart.h"
#include "kf-period-bar.h"
#include "kf-totals-page.h"

G_BEGIN_DECLS

struct _KfTotalsPage
{
  AdwBin               parent_instance;

  KfStore             *store;
  char                *base_id;
  KfTotals            *totals;
  GListStore          *items;   /* KfTotalsItem */
  char                *view;    /* "table" or "chart" */
  GtkNativeDialog     *chooser;

  KfPeriodBar         *period_bar;
  GtkDropDown         *by_dropdown;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkLabel            *chart_title;
  KfBarChart          *chart;
  AdwStatusPage       *empty_page;
  GtkColumnViewColumn *name_column;
};

void     kf_totals_page_update_actions      (KfTotalsPage    *self);
void     kf_totals_page_install_actions     (GtkWidgetClass  *widget_class);

G_END_DECLS

/* gui-test-util.h — the real window on a temporary database, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-application.h"
#include "kf-totals.h"
#include "kf-window.h"

G_BEGIN_DECLS

typedef enum
{
  KF_GUI_EMPTY,       /* a new database: the first run */
  KF_GUI_BASE,        /* set up as a base, no records */
  KF_GUI_DEMO,        /* a base with the demo data set */
} KfGuiSetup;

/* The demo data set's activity week. */
#define KF_GUI_DEMO_FROM "2025-05-20"
#define KF_GUI_DEMO_TO "2025-06-10"

/* The choices of the Totals page's period and grouping menus. */
enum { KF_GUI_PERIOD_WEEK, KF_GUI_PERIOD_MONTH, KF_GUI_PERIOD_CUSTOM };
enum { KF_GUI_BY_BASE, KF_GUI_BY_DATE, KF_GUI_BY_FORMAT, KF_GUI_BY_TOPIC };

typedef struct
{
  char          *dir;
  char          *db_path;
  KfApplication *app;
  KfWindow      *window;
} KfGui;

KfGui      *kf_gui_new             (KfGuiSetup   setup);
void        kf_gui_free            (KfGui       *gui);
KfStore    *kf_gui_store           (KfGui       *gui);
void        kf_gui_wait            (guint        milliseconds);
void        kf_gui_settle          (void);
void        kf_gui_wait_model      (GListModel  *model);
GtkWidget  *kf_gui_find            (GtkWidget   *root,
                                    const char  *name);
GtkWidget  *kf_gui_find_type       (GtkWidget   *root,
                                    GType        type);
GtkWidget  *kf_gui_page            (KfGui       *gui,
                                    const char  *page_name);
GtkWindow  *kf_gui_find_window     (GType        type);
gboolean    kf_gui_activate        (GtkWidget   *widget,
                                    const char  *action,
                                    const char  *format_string,
                                    ...);
void        kf_gui_set_text        (GtkWidget   *editable,
                                    const char  *text);
gboolean    kf_gui_label_contains  (GtkWidget   *root,
                                    const char  *text);
void        kf_gui_screenshot      (GtkWidget   *widget,
                                    const char  *path);
GtkWidget  *kf_gui_get             (GtkWidget   *root,
                                    const char  *name);
char       *kf_gui_base_id         (KfGui       *gui);
KfGui      *kf_gui_new_reviewer    (void);
GtkWidget  *kf_gui_totals_page     (KfGui       *gui,
                                    const char  *from,
                                    const char  *to);
const KfTotalsRow *kf_gui_totals_row (const KfTotals *totals,
                                      const char     *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfGui, kf_gui_free)

G_END_DECLS

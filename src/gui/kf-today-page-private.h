/* kf-today-page-private.h — the Today page's insides, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kf-session-fill.h"
#include "kf-today-page.h"

G_BEGIN_DECLS

typedef enum
{
  FIGURE_VISITORS,
  FIGURE_GROUPS,
  FIGURE_YOUTH,
  FIGURE_ADULTS,
  N_FIGURES
} Figure;

/* One click of the tally, so that undo takes back exactly that. */
typedef struct
{
  char     *session_id;
  gboolean  youth;
} Click;

struct _KfTodayPage
{
  AdwBin         parent_instance;

  GtkStack      *stack;
  GtkLabel      *date_label;
  GtkListBox    *sessions_list;
  GtkListBox    *expected_list;
  GtkListBox    *tally_session_list;
  AdwComboRow   *tally_session_row;
  GtkLabel      *tally_session_label;
  GtkLabel      *tally_youth_count;
  GtkLabel      *tally_adult_count;
  GtkWidget     *tally_youth_button;
  GtkLabel      *tally_warning;
  GtkLabel      *tally_error;
  GtkBox        *figure_visitors_box;
  GtkBox        *figure_groups_box;
  GtkBox        *figure_youth_box;
  GtkBox        *figure_adults_box;
  GtkLabel      *figure_values[N_FIGURES];

  KfStore       *store;
  char          *today;
  char          *base_id;
  GPtrArray     *sessions;        /* (element-type KfRecord): today's, by start */
  GArray        *fills;           /* (element-type KfSessionFill): beside sessions */
  char          *chooser_key;     /* the sessions the chooser's model was made of */
  char          *tally_session_id;
  gint64         tally_youth;
  gint64         tally_adults;
  GArray        *clicks;          /* (element-type Click) */
  guint          day_timer;
  gboolean       reloading;
};

const KfSession *kf_today_page_session_at           (KfTodayPage    *self,
                                                     guint           index);
int              kf_today_page_find_session         (KfTodayPage    *self,
                                                     const char     *id);

void             kf_today_page_tally_class_init     (GtkWidgetClass *widget_class);
void             kf_today_page_tally_init           (KfTodayPage    *self);
void             kf_today_page_update_tally         (KfTodayPage    *self);
void             kf_today_page_update_tally_actions (KfTodayPage    *self);

G_END_DECLS

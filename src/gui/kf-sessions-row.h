/* kf-sessions-row.h — one session in the list of the Sessions page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kf-record.h"

G_BEGIN_DECLS

#define KF_TYPE_SESSIONS_ROW (kf_sessions_row_get_type ())

G_DECLARE_FINAL_TYPE (KfSessionsRow, kf_sessions_row, KF, SESSIONS_ROW, GtkWidget)

KfSessionsRow *kf_sessions_row_new          (void);
void           kf_sessions_row_set_session  (KfSessionsRow   *self,
                                             const KfSession *session,
                                             gboolean         first_of_day,
                                             const char      *today);
void           kf_sessions_row_clear        (KfSessionsRow   *self);

G_END_DECLS

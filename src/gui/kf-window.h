/* kf-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-application.h"

G_BEGIN_DECLS

#define KF_TYPE_WINDOW (kf_window_get_type ())

G_DECLARE_FINAL_TYPE (KfWindow, kf_window, KF, WINDOW, AdwApplicationWindow)

KfWindow     *kf_window_new            (KfApplication *application);
void          kf_window_toast          (KfWindow      *self,
                                        const char    *message);
void          kf_window_show_pages     (KfWindow      *self);
AdwViewStack *kf_window_get_view_stack (KfWindow      *self);
KfStore      *kf_window_get_store      (KfWindow      *self);

KfWindow     *kf_window_for_widget     (GtkWidget     *widget);
void          kf_toast                 (GtkWidget     *widget,
                                        const char    *message);

G_END_DECLS

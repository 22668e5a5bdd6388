/* kf-walkin-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-store.h"

G_BEGIN_DECLS

#define KF_TYPE_WALKIN_DIALOG (kf_walkin_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KfWalkinDialog, kf_walkin_dialog, KF, WALKIN_DIALOG, AdwWindow)

GtkWidget *kf_walkin_dialog_new (KfStore    *store,
                                 GPtrArray  *sessions,
                                 const char *session_id);

G_END_DECLS

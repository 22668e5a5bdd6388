/* kf-week-dialog.h — the sessions of a whole activity week at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-store.h"

G_BEGIN_DECLS

#define KF_TYPE_WEEK_DIALOG (kf_week_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KfWeekDialog, kf_week_dialog, KF, WEEK_DIALOG, AdwWindow)

KfWeekDialog *kf_week_dialog_new (KfStore *store);

G_END_DECLS

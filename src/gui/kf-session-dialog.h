/* kf-session-dialog.h — a new session of the base
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-store.h"

G_BEGIN_DECLS

#define KF_TYPE_SESSION_DIALOG (kf_session_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KfSessionDialog, kf_session_dialog, KF, SESSION_DIALOG, AdwWindow)

KfSessionDialog *kf_session_dialog_new (KfStore *store);

G_END_DECLS

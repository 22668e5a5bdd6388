/* kf-request-dialog.h — a school asks a base for a group visit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-store.h"

G_BEGIN_DECLS

#define KF_TYPE_REQUEST_DIALOG (kf_request_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KfRequestDialog, kf_request_dialog, KF, REQUEST_DIALOG, AdwWindow)

KfRequestDialog *kf_request_dialog_new (GtkWindow  *parent,
                                        KfStore    *store,
                                        const char *session_id);

G_END_DECLS

/* kf-arrival-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-store.h"

G_BEGIN_DECLS

#define KF_TYPE_ARRIVAL_DIALOG (kf_arrival_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KfArrivalDialog, kf_arrival_dialog, KF, ARRIVAL_DIALOG, AdwWindow)

GtkWidget *kf_arrival_dialog_new (KfStore         *store,
                                  const KfBooking *booking);

G_END_DECLS

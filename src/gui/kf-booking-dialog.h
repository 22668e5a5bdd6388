/* kf-booking-dialog.h — a new booking, taken by phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-store.h"

G_BEGIN_DECLS

#define KF_TYPE_BOOKING_DIALOG (kf_booking_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KfBookingDialog, kf_booking_dialog, KF, BOOKING_DIALOG, AdwWindow)

KfBookingDialog *kf_booking_dialog_new            (GtkWindow       *parent,
                                                   KfStore         *store);
gboolean         kf_booking_dialog_select_session (KfBookingDialog *self,
                                                   const char      *session_id);

G_END_DECLS

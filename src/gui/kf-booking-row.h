/* kf-booking-row.h — one booking in the list of the Bookings page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kf-record.h"

G_BEGIN_DECLS

/**
 * KfBookingMark:
 * @KF_BOOKING_MARK_NONE: nothing to tell
 * @KF_BOOKING_MARK_CONFLICT: the hub has another version of the booking
 * @KF_BOOKING_MARK_REJECTED: the hub refused a change of the booking
 *
 * What syncing left to say about a booking.
 */
typedef enum
{
  KF_BOOKING_MARK_NONE,
  KF_BOOKING_MARK_CONFLICT,
  KF_BOOKING_MARK_REJECTED,
} KfBookingMark;

#define KF_TYPE_BOOKING_ROW (kf_booking_row_get_type ())

G_DECLARE_FINAL_TYPE (KfBookingRow, kf_booking_row, KF, BOOKING_ROW, GtkWidget)

GtkWidget     *kf_booking_row_new            (void);
void           kf_booking_row_set_booking    (KfBookingRow    *self,
                                              const KfBooking *booking,
                                              const KfSession *session);
void           kf_booking_row_set_mark       (KfBookingRow    *self,
                                              KfBookingMark    mark,
                                              const char      *reason);
const char    *kf_booking_row_get_booking_id (KfBookingRow    *self);
KfBookingMark  kf_booking_row_get_mark       (KfBookingRow    *self);

void           kf_booking_status_style       (GtkWidget       *label,
                                              const char      *status);

G_END_DECLS

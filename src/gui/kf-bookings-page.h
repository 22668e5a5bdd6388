/* kf-bookings-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-store.h"

G_BEGIN_DECLS

#define KF_TYPE_BOOKINGS_PAGE (kf_bookings_page_get_type ())

G_DECLARE_FINAL_TYPE (KfBookingsPage, kf_bookings_page, KF, BOOKINGS_PAGE, AdwBin)

KfBookingsPage *kf_bookings_page_new (KfStore *store);

G_END_DECLS

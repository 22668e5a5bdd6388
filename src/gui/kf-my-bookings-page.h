/* kf-my-bookings-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-store.h"

G_BEGIN_DECLS

#define KF_TYPE_MY_BOOKINGS_PAGE (kf_my_bookings_page_get_type ())

G_DECLARE_FINAL_TYPE (KfMyBookingsPage, kf_my_bookings_page, KF, MY_BOOKINGS_PAGE, AdwBin)

KfMyBookingsPage *kf_my_bookings_page_new (KfStore *store);

G_END_DECLS

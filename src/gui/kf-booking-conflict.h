/* kf-booking-conflict.h — which version of a booking to keep
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "kf-store.h"

G_BEGIN_DECLS

GtkWidget *kf_booking_conflict_dialog_new (GtkWindow  *parent,
                                           KfStore    *store,
                                           JsonObject *conflict);

G_END_DECLS

/* kf-date-picker.h — a calendar button for a row where a date is typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void  kf_date_picker_add_to_row  (AdwEntryRow *row);
char *kf_date_today_offset       (int          days);

G_END_DECLS

/* kf-today-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-store.h"

G_BEGIN_DECLS

#define KF_TYPE_TODAY_PAGE (kf_today_page_get_type ())

G_DECLARE_FINAL_TYPE (KfTodayPage, kf_today_page, KF, TODAY_PAGE, AdwBin)

KfTodayPage *kf_today_page_new (KfStore *store);

G_END_DECLS

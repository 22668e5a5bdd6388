/* kf-totals-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-store.h"

G_BEGIN_DECLS

#define KF_TYPE_TOTALS_PAGE (kf_totals_page_get_type ())

G_DECLARE_FINAL_TYPE (KfTotalsPage, kf_totals_page, KF, TOTALS_PAGE, AdwBin)

KfTotalsPage *kf_totals_page_new (KfStore *store);

G_END_DECLS

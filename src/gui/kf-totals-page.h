/* kf-totals-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-store.h"
#include "kf-totals.h"

G_BEGIN_DECLS

#define KF_TYPE_TOTALS_PAGE (kf_totals_page_get_type ())

G_DECLARE_FINAL_TYPE (KfTotalsPage, kf_totals_page, KF, TOTALS_PAGE, AdwBin)

/* The periods the page offers, in the order of its drop-down. */
typedef enum
{
  KF_TOTALS_PRESET_ACTIVITY_WEEK,
  KF_TOTALS_PRESET_THIS_MONTH,
  KF_TOTALS_PRESET_CUSTOM,
} KfTotalsPreset;

KfTotalsPage   *kf_totals_page_new        (KfStore         *store);
const KfTotals *kf_totals_page_get_totals (KfTotalsPage    *self);
gboolean        kf_totals_preset_period   (KfTotalsPreset   preset,
                                           GDateTime       *now,
                                           char           **from,
                                           char           **to);

G_END_DECLS

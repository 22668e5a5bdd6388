/* kf-totals-item.h — one row of the Totals table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kf-totals.h"

G_BEGIN_DECLS

#define KF_TYPE_TOTALS_ITEM (kf_totals_item_get_type ())

G_DECLARE_FINAL_TYPE (KfTotalsItem, kf_totals_item, KF, TOTALS_ITEM, GObject)

KfTotalsItem    *kf_totals_item_new         (const char      *key,
                                             const char      *label,
                                             const KfFigures *figures,
                                             gboolean         is_total);
const char      *kf_totals_item_get_key     (KfTotalsItem    *self);
const char      *kf_totals_item_get_label   (KfTotalsItem    *self);
const KfFigures *kf_totals_item_get_figures (KfTotalsItem    *self);
gboolean         kf_totals_item_is_total    (KfTotalsItem    *self);

G_END_DECLS

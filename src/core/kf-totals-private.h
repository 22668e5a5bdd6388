/* kf-totals-private.h — for the benchmarks, which run the same SQL elsewhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kf-totals.h"

G_BEGIN_DECLS

/* Parameters: ?1 from, ?2 to, ?3 base id or NULL. */
const char *kf_totals_get_sql (KfTotalsBy by);

G_END_DECLS

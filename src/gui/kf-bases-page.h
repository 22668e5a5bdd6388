/* kf-bases-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-store.h"
#include "kf-totals.h"

G_BEGIN_DECLS

#define KF_TYPE_BASES_PAGE (kf_bases_page_get_type ())

G_DECLARE_FINAL_TYPE (KfBasesPage, kf_bases_page, KF, BASES_PAGE, AdwBin)

KfBasesPage    *kf_bases_page_new        (KfStore     *store);
const KfTotals *kf_bases_page_get_totals (KfBasesPage *self);
char           *kf_bases_last_sync_text  (const char  *last_sync,
                                          GDateTime   *now);

G_END_DECLS

/* kf-totals-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-export.h"
#include "kf-store.h"
#include "kf-totals.h"

G_BEGIN_DECLS

#define KF_TYPE_TOTALS_PAGE (kf_totals_page_get_type ())

G_DECLARE_FINAL_TYPE (KfTotalsPage, kf_totals_page, KF, TOTALS_PAGE, AdwBin)

KfTotalsPage   *kf_totals_page_new            (KfStore                  *store);
const KfTotals *kf_totals_page_get_totals     (KfTotalsPage             *self);

/* What the export actions do once a file is chosen. */
gboolean        kf_totals_page_export_csv     (KfTotalsPage             *self,
                                               GFile                    *file,
                                               GError                  **error);
gboolean        kf_totals_page_export_records (KfTotalsPage             *self,
                                               KfEntity                  entity,
                                               KfExportFormat            format,
                                               GFile                    *file,
                                               GError                  **error);
gboolean        kf_totals_page_export_pdf     (KfTotalsPage             *self,
                                               GFile                    *file,
                                               GError                  **error);
gboolean        kf_totals_page_print          (KfTotalsPage             *self,
                                               GtkPrintOperation        *operation,
                                               GtkPrintOperationAction   action,
                                               GError                  **error);

G_END_DECLS

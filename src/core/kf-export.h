/* kf-export.h — records as CSV or JSON files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kf-store.h"

G_BEGIN_DECLS

typedef enum
{
  KF_EXPORT_CSV,
  KF_EXPORT_JSON,
} KfExportFormat;

char     *kf_records_to_json   (GPtrArray       *records);
char     *kf_records_to_csv    (KfEntity         entity,
                                GPtrArray       *records);
gboolean  kf_export_records    (KfStore         *store,
                                KfEntity         entity,
                                KfExportFormat   format,
                                const KfQuery   *query,
                                const char      *path,
                                GError         **error);

G_END_DECLS

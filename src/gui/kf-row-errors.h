/* kf-row-errors.h — mistakes shown under the form rows they are about
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-record.h"

G_BEGIN_DECLS

/**
 * KfRowField:
 * @field: the name of the record field (or form field) the row holds
 * @row_offset: where the form keeps the row (a GtkWidget pointer)
 * @error_offset: where it keeps the AdwActionRow under it that shows a
 *   mistake
 */
typedef struct
{
  const char *field;
  gsize       row_offset;
  gsize       error_offset;
} KfRowField;

void     kf_row_errors_show          (GtkWidget         *row,
                                      AdwActionRow      *error_row,
                                      const char        *message);
void     kf_row_errors_clear         (GtkWidget         *row,
                                      AdwActionRow      *error_row);
void     kf_row_errors_clear_all     (gpointer           form,
                                      const KfRowField  *fields,
                                      guint              n_fields,
                                      AdwActionRow      *general_error);
void     kf_row_errors_show_all      (gpointer           form,
                                      const KfRowField  *fields,
                                      guint              n_fields,
                                      AdwActionRow      *general_error,
                                      GPtrArray         *errors);
void     kf_row_errors_check_fields  (const KfRecord    *record,
                                      const KfRowField  *fields,
                                      guint              n_fields,
                                      GPtrArray         *errors);
gboolean kf_row_errors_parse_count   (const char        *text,
                                      const char        *field,
                                      gint64            *value,
                                      GError           **error);

G_END_DECLS

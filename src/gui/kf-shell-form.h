/* kf-shell-form.h — a form's mistakes, each in a row under the row it is about
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-record.h"

G_BEGIN_DECLS

/**
 * KfShellField:
 * @field: the record field (or the form's own name for a value) a row holds
 * @row_offset: where the form's instance keeps that row (a GtkWidget pointer)
 * @error_offset: where it keeps the hidden AdwActionRow under it that shows
 *   the reason a value was refused
 */
typedef struct
{
  const char *field;
  gsize       row_offset;
  gsize       error_offset;
} KfShellField;

void kf_shell_form_show      (GtkWidget          *row,
                             AdwActionRow       *error_row,
                             const char         *message);
void kf_shell_form_clear     (GtkWidget          *row,
                             AdwActionRow       *error_row);
void kf_shell_form_clear_all (gpointer            form,
                             const KfShellField *fields,
                             guint               n_fields,
                             AdwActionRow       *general_error);
void kf_shell_form_show_all  (gpointer            form,
                             const KfShellField *fields,
                             guint               n_fields,
                             AdwActionRow       *general_error,
                             GPtrArray          *errors);
void kf_shell_form_check     (const KfRecord     *record,
                             const KfShellField *fields,
                             guint               n_fields,
                             GPtrArray          *errors);

G_END_DECLS

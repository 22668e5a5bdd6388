/* kf-form-field.h — a form's errors, under the field they are about
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * KfFormField:
 * @field: the record field it edits ("youth_count")
 * @row: its row, styled as an error when the value is refused
 * @editor: the widget that edits it
 * @error_row: the row under it that shows the reason
 * @error_label: the label in @error_row
 *
 * A field of a form, and where its error is shown.
 */
typedef struct
{
  const char *field;
  GtkWidget  *row;
  GtkWidget  *editor;
  GtkWidget  *error_row;
  GtkLabel   *error_label;
} KfFormField;

void kf_form_clear_errors (const KfFormField *fields,
                           guint              n_fields,
                           GtkLabel          *other_label);
void kf_form_show_error   (const KfFormField *fields,
                           guint              n_fields,
                           GtkLabel          *other_label,
                           const GError      *error);

G_END_DECLS

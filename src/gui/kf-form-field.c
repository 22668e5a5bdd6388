/* kf-form-field.c — a form's errors, under the field they are about
 *
 * Core refuses a value with an error that names the record field and gives
 * the reason; a form shows that reason in a row right under the field's
 * row, and marks the field invalid for assistive technologies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-form-field"

#include "config.h"

#include "kf-error.h"
#include "kf-form-field.h"

static void
set_field_error (const KfFormField *field,
                 const char        *message)
{
  gtk_widget_set_visible (field->error_row, message != NULL);
  gtk_label_set_text (field->error_label, message != NULL ? message : "");
  if (message != NULL)
    {
      gtk_widget_add_css_class (field->row, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (field->editor), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->editor),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (field->row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field->editor), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field->editor),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

void
kf_form_clear_errors (const KfFormField *fields,
                      guint              n_fields,
                      GtkLabel          *other_label)
{
  for (guint i = 0; i < n_fields; i++)
    set_field_error (&fields[i], NULL);
  gtk_widget_set_visible (GTK_WIDGET (other_label), FALSE);
}

/**
 * kf_form_show_error:
 * @fields: (array length=n_fields): the form's fields
 * @n_fields: how many
 * @other_label: where errors about no field of the form are shown
 * @error: what core refused
 *
 * Shows @error's reason under the field it is about and moves the focus
 * there; an error about anything else goes to @other_label, naming it.
 */
void
kf_form_show_error (const KfFormField *fields,
                    guint              n_fields,
                    GtkLabel          *other_label,
                    const GError      *error)
{
  const char *name = kf_error_get_field (error);
  g_autofree char *text = NULL;

  for (guint i = 0; i < n_fields; i++)
    if (g_strcmp0 (name, fields[i].field) == 0)
      {
        set_field_error (&fields[i], error->message);
        gtk_widget_grab_focus (fields[i].editor);
        return;
      }

  text = kf_error_describe (error);
  gtk_label_set_text (other_label, text);
  gtk_widget_set_visible (GTK_WIDGET (other_label), TRUE);
}

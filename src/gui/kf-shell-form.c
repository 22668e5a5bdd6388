/* kf-shell-form.c — a form's mistakes, each in a row under the row it is about
 *
 * Core names the field of every value it refuses (kf_error_get_field()) and
 * gives the reason alone. A form keeps a table from field names to its rows;
 * under each row a hidden row waits to show the reason. A mistake about no
 * row of the form (the database, say) is shown in a row above the form.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-shell-form"

#include "config.h"

#include "kf-error.h"
#include "kf-shell-form.h"

#define MEMBER(form, offset) (*(gpointer *) G_STRUCT_MEMBER_P ((form), (offset)))

void
kf_shell_form_show (GtkWidget    *row,
                    AdwActionRow *error_row,
                    const char   *message)
{
  g_return_if_fail (ADW_IS_ACTION_ROW (error_row));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (error_row), message);
  gtk_widget_set_visible (GTK_WIDGET (error_row), TRUE);
  if (row == NULL)
    return;

  gtk_widget_add_css_class (row, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  message, -1);
}

void
kf_shell_form_clear (GtkWidget    *row,
                     AdwActionRow *error_row)
{
  g_return_if_fail (ADW_IS_ACTION_ROW (error_row));

  gtk_widget_set_visible (GTK_WIDGET (error_row), FALSE);
  if (row == NULL)
    return;

  gtk_widget_remove_css_class (row, "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

void
kf_shell_form_clear_all (gpointer            form,
                         const KfShellField *fields,
                         guint               n_fields,
                         AdwActionRow       *general_error)
{
  for (guint i = 0; i < n_fields; i++)
    kf_shell_form_clear (MEMBER (form, fields[i].row_offset),
                         MEMBER (form, fields[i].error_offset));
  if (general_error != NULL)
    kf_shell_form_clear (NULL, general_error);
}

static const KfShellField *
find_field (const KfShellField *fields,
            guint               n_fields,
            const char         *name)
{
  for (guint i = 0; name != NULL && i < n_fields; i++)
    if (g_str_equal (fields[i].field, name))
      return &fields[i];
  return NULL;
}

/**
 * kf_shell_form_show_all:
 * @form: the form's instance, where the offsets of @fields point
 * @general_error: the row for mistakes about no row of the form
 * @errors: (element-type GError): the mistakes found
 *
 * Shows each mistake under its row (the first one, for a row that has
 * several) and puts the focus on the first row that has one.
 */
void
kf_shell_form_show_all (gpointer            form,
                        const KfShellField *fields,
                        guint               n_fields,
                        AdwActionRow       *general_error,
                        GPtrArray          *errors)
{
  GtkWidget *first = NULL;

  for (guint i = 0; i < errors->len; i++)
    {
      const GError *error = g_ptr_array_index (errors, i);
      const KfShellField *field = find_field (fields, n_fields, kf_error_get_field (error));
      GtkWidget *row;
      AdwActionRow *error_row;

      if (field == NULL)
        {
          g_autofree char *message = kf_error_describe (error);

          if (!gtk_widget_get_visible (GTK_WIDGET (general_error)))
            kf_shell_form_show (NULL, general_error, message);
          continue;
        }
      row = MEMBER (form, field->row_offset);
      error_row = MEMBER (form, field->error_offset);
      if (gtk_widget_get_visible (GTK_WIDGET (error_row)))
        continue;
      kf_shell_form_show (row, error_row, error->message);
      if (first == NULL)
        first = row;
    }

  if (first != NULL)
    gtk_widget_grab_focus (first);
}

/**
 * kf_shell_form_check:
 * @record: the record the form makes
 * @errors: (element-type GError): where mistakes are added
 *
 * Checks each field of @record that a row of the form holds, alone, by
 * core's rules, so that all the mistakes can be shown at once.
 */
void
kf_shell_form_check (const KfRecord     *record,
                     const KfShellField *fields,
                     guint               n_fields,
                     GPtrArray          *errors)
{
  for (guint i = 0; i < n_fields; i++)
    {
      GError *error = NULL;

      if (kf_entity_find_field (record->entity, fields[i].field) == NULL)
        continue;
      if (!kf_record_validate_field (record, fields[i].field, &error))
        g_ptr_array_add (errors, error);
    }
}

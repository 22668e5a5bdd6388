/* kf-row-errors.c — mistakes shown under the form rows they are about
 *
 * Core names the field of every mistake (kf_error_get_field()); a form keeps
 * a table from field names to its rows, and under each row a hidden row that
 * shows the reason. A mistake about no row of the form is shown at its top.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-row-errors"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-error.h"
#include "kf-row-errors.h"

#define MEMBER(form, offset) (*(gpointer *) G_STRUCT_MEMBER_P ((form), (offset)))

void
kf_row_errors_show (GtkWidget    *row,
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
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE,
                                  error_row, NULL, -1);
}

void
kf_row_errors_clear (GtkWidget    *row,
                     AdwActionRow *error_row)
{
  g_return_if_fail (ADW_IS_ACTION_ROW (error_row));

  gtk_widget_set_visible (GTK_WIDGET (error_row), FALSE);
  if (row == NULL)
    return;

  gtk_widget_remove_css_class (row, "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE);
}

void
kf_row_errors_clear_all (gpointer          form,
                         const KfRowField *fields,
                         guint             n_fields,
                         AdwActionRow     *general_error)
{
  for (guint i = 0; i < n_fields; i++)
    kf_row_errors_clear (MEMBER (form, fields[i].row_offset),
                         MEMBER (form, fields[i].error_offset));
  if (general_error != NULL)
    kf_row_errors_clear (NULL, general_error);
}

static const KfRowField *
find_field (const KfRowField *fields,
            guint             n_fields,
            const char       *name)
{
  for (guint i = 0; name != NULL && i < n_fields; i++)
    if (g_str_equal (fields[i].field, name))
      return &fields[i];
  return NULL;
}

static void
show_general (AdwActionRow *general_error,
              const GError *error)
{
  g_autofree char *message = kf_error_describe (error);

  g_return_if_fail (general_error != NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (general_error)))
    kf_row_errors_show (NULL, general_error, message);
}

/**
 * kf_row_errors_show_all:
 * @form: the form's instance, where the offsets of @fields point
 * @errors: (element-type GError): the mistakes found
 *
 * Shows each mistake under its row (the first one for a row that has
 * several) and puts the focus on the first row that has one.
 */
void
kf_row_errors_show_all (gpointer          form,
                        const KfRowField *fields,
                        guint             n_fields,
                        AdwActionRow     *general_error,
                        GPtrArray        *errors)
{
  GtkWidget *first = NULL;

  for (guint i = 0; i < errors->len; i++)
    {
      const GError *error = g_ptr_array_index (errors, i);
      const KfRowField *field = find_field (fields, n_fields, kf_error_get_field (error));
      GtkWidget *row;
      AdwActionRow *error_row;

      if (field == NULL)
        {
          show_general (general_error, error);
          continue;
        }
      row = MEMBER (form, field->row_offset);
      error_row = MEMBER (form, field->error_offset);
      if (gtk_widget_get_visible (GTK_WIDGET (error_row)))
        continue;
      kf_row_errors_show (row, error_row, error->message);
      if (first == NULL)
        first = row;
    }

  if (first != NULL)
    gtk_widget_grab_focus (first);
}

static gboolean
has_error_for (GPtrArray  *errors,
               const char *field)
{
  for (guint i = 0; i < errors->len; i++)
    if (g_strcmp0 (kf_error_get_field (g_ptr_array_index (errors, i)), field) == 0)
      return TRUE;
  return FALSE;
}

/**
 * kf_row_errors_check_fields:
 * @record: the record the form makes
 * @errors: (element-type GError): where mistakes are added
 *
 * Checks each field of @record that a row of the form holds, alone, by
 * core's limits, so that every mistake can be shown at once; a field that
 * already has a mistake in @errors (a number that did not parse) is left.
 */
void
kf_row_errors_check_fields (const KfRecord   *record,
                            const KfRowField *fields,
                            guint             n_fields,
                            GPtrArray        *errors)
{
  for (guint i = 0; i < n_fields; i++)
    {
      GError *error = NULL;

      if (kf_entity_find_field (record->entity, fields[i].field) == NULL ||
          has_error_for (errors, fields[i].field))
        continue;
      if (!kf_record_validate_field (record, fields[i].field, &error))
        g_ptr_array_add (errors, error);
    }
}

/**
 * kf_row_errors_parse_count:
 * @text: what was typed
 * @field: the field, for the error
 * @value: (out): the number
 *
 * Reads a whole number as typed (spaces around allowed). Its limits are
 * core's to check.
 */
gboolean
kf_row_errors_parse_count (const char  *text,
                           const char  *field,
                           gint64      *value,
                           GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped == '\0')
    {
      kf_set_field_error (error, KF_ERROR_MISSING_FIELD, field, _("is required"));
      return FALSE;
    }
  if (!g_ascii_string_to_signed (stripped, 10, G_MININT64, G_MAXINT64, value, NULL))
    {
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, field, _("must be a whole number"));
      return FALSE;
    }
  return TRUE;
}

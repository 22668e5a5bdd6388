/* kf-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kf-csv.h"
#include "kf-error.h"
#include "kf-export.h"

/**
 * kf_records_to_json:
 * @records: (element-type KfRecord): records
 *
 * Returns: (transfer full): a JSON array of the records as pulled (with id
 *   and version), one a line
 */
char *
kf_records_to_json (GPtrArray *records)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; i < records->len; i++)
    {
      g_string_append (out, i > 0 ? ",\n " : "\n ");
      kf_record_append_json (g_ptr_array_index (records, i), TRUE, out);
    }
  g_string_append (out, records->len > 0 ? "\n]\n" : "]\n");
  return g_string_free (out, FALSE);
}

/**
 * kf_records_to_csv:
 * @entity: which records
 * @records: (element-type KfRecord): records of @entity
 *
 * Returns: (transfer full): RFC 4180 CSV, a header of the JSON field names
 */
char *
kf_records_to_csv (KfEntity   entity,
                   GPtrArray *records)
{
  const KfEntityInfo *info = kf_entity_info (entity);
  GString *out = g_string_new (NULL);

  kf_csv_begin (out);
  g_string_append (out, "id,version");
  for (guint i = 0; i < info->n_fields; i++)
    g_string_append_printf (out, ",%s", info->fields[i].name);
  g_string_append (out, "\r\n");

  for (guint r = 0; r < records->len; r++)
    {
      const KfRecord *record = g_ptr_array_index (records, r);

      kf_csv_append_field (out, record->id);
      g_string_append_printf (out, ",%" G_GINT64_FORMAT, record->version);
      for (guint i = 0; i < info->n_fields; i++)
        {
          const KfFieldSpec *field = &info->fields[i];

          g_string_append_c (out, ',');
          if (field->type == KF_FIELD_INT)
            g_string_append_printf (out, "%" G_GINT64_FORMAT, kf_record_get_int (record, field));
          else
            kf_csv_append_field (out, kf_record_get_text (record, field));
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

/**
 * kf_export_records:
 * @store: a store
 * @entity: which records
 * @format: CSV or JSON
 * @query: (nullable): which of them
 * @path: the file to write
 * @error: return location
 *
 * Writes the file whole or not at all: the content goes to a temporary file
 * beside @path, which then replaces it.
 */
gboolean
kf_export_records (KfStore         *store,
                   KfEntity         entity,
                   KfExportFormat   format,
                   const KfQuery   *query,
                   const char      *path,
                   GError         **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *content = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (KF_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  records = kf_store_list (store, entity, query, error);
  if (records == NULL)
    return FALSE;

  content = format == KF_EXPORT_CSV ? kf_records_to_csv (entity, records)
                                    : kf_records_to_json (records);

  if (!g_file_set_contents_full (path, content, -1, G_FILE_SET_CONTENTS_CONSISTENT |
                                 G_FILE_SET_CONTENTS_DURABLE, 0644, &local_error))
    {
      g_set_error (error, KF_ERROR, KF_ERROR_FAILED, _("cannot be written: %s"),
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

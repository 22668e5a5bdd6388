/* kf-cli-table.c — readable tables for a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-cli"

#include "config.h"

#include <string.h>

#include "kf-cli-private.h"

struct _KfCliTable
{
  guint       n_columns;
  gboolean   *right_aligned;
  GPtrArray  *rows;      /* (element-type GStrv), the headers first */
};

/**
 * kf_cli_display_width:
 *
 * Returns: the columns @text takes on a terminal: Chinese characters take two
 */
gsize
kf_cli_display_width (const char *text)
{
  gsize width = 0;

  if (!g_utf8_validate (text, -1, NULL))
    return strlen (text);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

KfCliTable *
kf_cli_table_new (const char * const *headers,
                  const gboolean     *right_aligned)
{
  KfCliTable *table = g_new0 (KfCliTable, 1);

  table->n_columns = g_strv_length ((char **) headers);
  table->right_aligned = g_new0 (gboolean, table->n_columns);
  if (right_aligned != NULL)
    memcpy (table->right_aligned, right_aligned, sizeof (gboolean) * table->n_columns);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  kf_cli_table_add (table, headers);
  return table;
}

/* Cells are copied; a NULL cell is shown as "-". Line breaks in free text
 * would break the table, so they are shown as spaces. */
void
kf_cli_table_add (KfCliTable         *table,
                  const char * const *cells)
{
  char **row = g_new0 (char *, table->n_columns + 1);

  for (guint i = 0; i < table->n_columns; i++)
    {
      row[i] = g_strdup (cells[i] != NULL ? cells[i] : "-");
      g_strdelimit (row[i], "\r\n\t", ' ');
    }
  g_ptr_array_add (table->rows, row);
}

static void
append_padded (GString    *out,
               const char *cell,
               gsize       width,
               gboolean    right)
{
  gsize pad = width - MIN (width, kf_cli_display_width (cell));

  if (right)
    g_string_append_printf (out, "%*s%s", (int) pad, "", cell);
  else
    g_string_append_printf (out, "%s%*s", cell, (int) pad, "");
}

char *
kf_cli_table_format (KfCliTable *table)
{
  g_autofree gsize *widths = g_new0 (gsize, table->n_columns);
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], kf_cli_display_width (row[c]));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);
      gsize line_start = out->len;

      for (guint c = 0; c < table->n_columns; c++)
        {
          if (c > 0)
            g_string_append (out, "  ");
          append_padded (out, row[c], widths[c], table->right_aligned[c]);
        }
      /* no trailing blanks */
      while (out->len > line_start && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

void
kf_cli_table_free (KfCliTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->rows);
  g_free (table->right_aligned);
  g_free (table);
}

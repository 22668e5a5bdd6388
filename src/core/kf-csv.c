/* kf-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-csv"

#include "config.h"

#include <string.h>

#include "kf-csv.h"

/* The byte-order mark lets spreadsheet programs read the file as UTF-8, so
 * that Chinese names show correctly. */
void
kf_csv_begin (GString *out)
{
  g_string_append (out, "\xEF\xBB\xBF");
}

void
kf_csv_append_field (GString    *out,
                     const char *value)
{
  if (value == NULL)
    return;

  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* report-test-util.c — reading back the report's PDF with poppler-utils
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-report"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "report-test-util.h"

gboolean
rpt_have_poppler (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");

  return pdftotext != NULL && pdfinfo != NULL;
}

/* Not inlined: GCC 12 at -O3 then takes the caller's use of the answer for a
 * use of this frame's out (a false -Wdangling-pointer). */
G_NO_INLINE static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
  return out;
}

/* The text of every page, each line as laid out on the page. */
char *
rpt_pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };

  return run_tool (argv);
}

int
rpt_pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = run_tool (argv);
  const char *pages = strstr (out, "\nPages:");

  g_assert_nonnull (pages);
  return atoi (pages + strlen ("\nPages:"));
}

/* Whether the rest of @line, after its label, is exactly these numbers. */
static gboolean
numbers_match (const char   *rest,
               const gint64 *numbers,
               guint         n_numbers)
{
  g_auto(GStrv) tokens = g_strsplit_set (rest, " \t", -1);
  guint n = 0;

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      char *end = NULL;
      gint64 value;

      if (*tokens[i] == '\0')
        continue;
      value = g_ascii_strtoll (tokens[i], &end, 10);
      if (*end != '\0' || n >= n_numbers || value != numbers[n])
        return FALSE;
      n++;
    }
  return n == n_numbers;
}

/**
 * rpt_has_row:
 *
 * Whether a line of @text is @label followed by @numbers and nothing else:
 * a row of one of the report's tables.
 */
gboolean
rpt_has_row (const char   *text,
             const char   *label,
             const gint64 *numbers,
             guint         n_numbers)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      while (*line == ' ')
        line++;
      if (g_str_has_prefix (line, label) &&
          numbers_match (line + strlen (label), numbers, n_numbers))
        return TRUE;
    }
  return FALSE;
}

void
rpt_assert_row (const char   *text,
                const char   *label,
                const gint64 *numbers,
                guint         n_numbers)
{
  if (!rpt_has_row (text, label, numbers, n_numbers))
    {
      g_autoptr(GString) expected = g_string_new (label);

      for (guint i = 0; i < n_numbers; i++)
        g_string_append_printf (expected, " %" G_GINT64_FORMAT, numbers[i]);
      g_test_message ("text:\n%s", text);
      g_error ("no row “%s” in the report", expected->str);
    }
}

/* pdfinfo's page count, and the footer of each page saying which of how
 * many it is (@page_format: "Page %d of %d" in the report's language). */
void
rpt_assert_pages (const char *path,
                  const char *text,
                  const char *page_format)
{
  int n_pages = rpt_pdf_pages (path);
  g_auto(GStrv) pages = g_strsplit (text, "\f", -1);

  g_assert_cmpint (n_pages, >=, 1);
  g_assert_cmpint (g_strv_length (pages), >=, n_pages);
  for (int i = 0; i < n_pages; i++)
    {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      g_autofree char *footer = g_strdup_printf (page_format, i + 1, n_pages);
#pragma GCC diagnostic pop

      g_assert_nonnull (strstr (pages[i], footer));
    }
}

/* The text from @heading's line to @next_heading's (or the end). */
char *
rpt_section (const char *text,
             const char *heading,
             const char *next_heading)
{
  g_autofree char *start_marker = g_strdup_printf ("\n%s\n", heading);
  g_autofree char *end_marker = next_heading != NULL ? g_strdup_printf ("\n%s\n", next_heading)
                                                     : NULL;
  const char *start = strstr (text, start_marker);
  const char *end;

  g_assert_nonnull (start);
  end = end_marker != NULL ? strstr (start, end_marker) : NULL;
  g_assert_true (end_marker == NULL || end != NULL);
  return end != NULL ? g_strndup (start, end - start) : g_strdup (start);
}

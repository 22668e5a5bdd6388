/* report-test-util.h — reading back the report's PDF with poppler-utils
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  rpt_have_poppler     (void);
char     *rpt_pdf_text         (const char    *path);
int       rpt_pdf_pages        (const char    *path);
gboolean  rpt_has_row          (const char    *text,
                                const char    *label,
                                const gint64  *numbers,
                                guint          n_numbers);
void      rpt_assert_row       (const char    *text,
                                const char    *label,
                                const gint64  *numbers,
                                guint          n_numbers);
void      rpt_assert_pages     (const char    *path,
                                const char    *text,
                                const char    *page_format);
char     *rpt_section          (const char    *text,
                                const char    *heading,
                                const char    *next_heading);

G_END_DECLS

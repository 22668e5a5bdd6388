/* kf-csv.h — RFC 4180 CSV with a byte-order mark and CRLF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void kf_csv_begin        (GString    *out);
void kf_csv_append_field (GString    *out,
                          const char *value);

G_END_DECLS

/* kf-labels.h — what codes, dates and times look like to people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kf-totals.h"

G_BEGIN_DECLS

const char *kf_label_topic           (const char *code);
const char *kf_label_format          (const char *code);
const char *kf_label_session_status  (const char *code);
const char *kf_label_org_type        (const char *code);
const char *kf_label_booking_status  (const char *code);
const char *kf_label_visit_kind      (const char *code);
const char *kf_label_role            (const char *code);

char       *kf_label_date            (const char *date);
char       *kf_label_date_short      (const char *date);
char       *kf_label_time_range      (const char *start,
                                      const char *end);

/* A row of totals with the words people read for its key. */
typedef struct
{
  char              *label;
  const KfTotalsRow *row;
} KfLabeledRow;

GPtrArray  *kf_totals_labeled_rows   (const KfTotals *totals);

G_END_DECLS

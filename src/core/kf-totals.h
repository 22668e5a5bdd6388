/* kf-totals.h — the attendance figures of GET /v1/totals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kf-store.h"

G_BEGIN_DECLS

typedef enum
{
  KF_TOTALS_BY_BASE,
  KF_TOTALS_BY_DATE,
  KF_TOTALS_BY_FORMAT,
  KF_TOTALS_BY_TOPIC,
} KfTotalsBy;

typedef struct
{
  gint64 sessions;
  gint64 groups;
  gint64 visitors;
  gint64 youth;
  gint64 adults;
  gint64 bookings_confirmed;
  gint64 bookings_attended;
  gint64 no_shows;
} KfFigures;

typedef struct
{
  char      *key;
  char      *label;
  KfFigures  figures;
} KfTotalsRow;

typedef struct
{
  char       *from;
  char       *to;
  KfTotalsBy  by;
  GPtrArray  *rows;   /* (element-type KfTotalsRow) */
  KfFigures   total;
} KfTotals;

extern const char * const kf_figure_names[];

const char *kf_totals_by_to_string    (KfTotalsBy        by);
gboolean    kf_totals_by_from_string  (const char       *str,
                                       KfTotalsBy       *by);
gboolean    kf_totals_check_period    (const char       *from,
                                       const char       *to,
                                       GError          **error);
KfTotals   *kf_totals_compute         (KfStore          *store,
                                       const char       *from,
                                       const char       *to,
                                       KfTotalsBy        by,
                                       const char       *base_id,
                                       GError          **error);
void        kf_totals_free            (KfTotals         *totals);
gint64      kf_figures_get            (const KfFigures  *figures,
                                       guint             index);
int         kf_figure_index           (const char       *name);
void        kf_totals_append_json     (const KfTotals   *totals,
                                       GString          *out);
char       *kf_totals_to_csv          (const KfTotals   *totals);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfTotals, kf_totals_free)

G_END_DECLS

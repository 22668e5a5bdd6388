/* kf-totals.c — attendance figures, computed in SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-totals"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kf-csv.h"
#include "kf-error.h"
#include "kf-store-private.h"
#include "kf-totals-private.h"

const char * const kf_figure_names[] = {
  "sessions", "groups", "visitors", "youth", "adults",
  "bookings_confirmed", "bookings_attended", "no_shows", NULL
};

static const char * const by_names[] = { "base", "date", "format", "topic", NULL };

/* The key of each kind of record, for each grouping: visits under their own
 * base and date and their session's format and topic; sessions under their
 * own; bookings under their session's. Constants of the program, never
 * values. */
static const struct
{
  const char *visit_key;
  const char *visit_join;
  const char *session_key;
  const char *booking_key;
} groupings[] = {
  [KF_TOTALS_BY_BASE] = { "v.base_id", "", "s.base_id", "b.base_id" },
  [KF_TOTALS_BY_DATE] = { "v.day", "", "s.date", "s.date" },
  [KF_TOTALS_BY_FORMAT] = { "coalesce(vs.format, 'none')",
                            " LEFT JOIN sessions vs ON vs.id = v.session_id",
                            "s.format", "s.format" },
  [KF_TOTALS_BY_TOPIC] = { "coalesce(vs.topic, 'none')",
                           " LEFT JOIN sessions vs ON vs.id = v.session_id",
                           "s.topic", "s.topic" },
};

const char *
kf_totals_by_to_string (KfTotalsBy by)
{
  g_return_val_if_fail (by <= KF_TOTALS_BY_TOPIC, NULL);

  return by_names[by];
}

gboolean
kf_totals_by_from_string (const char *str,
                          KfTotalsBy *by)
{
  for (guint i = 0; str != NULL && by_names[i] != NULL; i++)
    {
      if (g_str_equal (by_names[i], str))
        {
          *by = i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
kf_totals_check_period (const char *from,
                        const char *to,
                        GError    **error)
{
  const char *bad = !kf_date_is_valid (from) ? "from" : !kf_date_is_valid (to) ? "to" : NULL;

  if (bad != NULL)
    {
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, bad,
                          _("must be a date written YYYY-MM-DD, such as 2025-05-24"));
      return FALSE;
    }
  if (g_strcmp0 (from, to) > 0)
    {
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, "to",
                          _("must not be before the first day of the period"));
      return FALSE;
    }
  return TRUE;
}

static char *
totals_sql (KfTotalsBy by)
{
  const char *label = by == KF_TOTALS_BY_BASE
                      ? "coalesce((SELECT name FROM bases WHERE id = k), k)" : "k";

  return g_strdup_printf (
    "SELECT k, %s AS label, sum(sessions), sum(groups), sum(youth) + sum(adults),"
    " sum(youth), sum(adults), sum(bc), sum(ba), sum(ns) FROM ("
    "  SELECT %s AS k, 0 AS sessions,"
    "   coalesce(sum(v.visits) FILTER (WHERE v.kind != 'individuals'), 0) AS groups,"
    "   sum(v.youth) AS youth, sum(v.adults) AS adults,"
    "   0 AS bc, 0 AS ba, 0 AS ns"
    "  FROM visit_sums v%s"
    "  WHERE v.day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR v.base_id = ?3)"
    "  GROUP BY 1"
    "  UNION ALL"
    "  SELECT %s, count(*), 0, 0, 0, 0, 0, 0 FROM sessions s"
    "  WHERE s.date BETWEEN ?1 AND ?2 AND s.status = 'scheduled'"
    "   AND (?3 IS NULL OR s.base_id = ?3)"
    "  GROUP BY 1"
    "  UNION ALL"
    "  SELECT %s, 0, 0, 0, 0,"
    "   count(*) FILTER (WHERE b.status IN ('confirmed', 'attended')),"
    "   count(*) FILTER (WHERE b.status = 'attended'),"
    "   count(*) FILTER (WHERE b.status = 'no_show')"
    "  FROM bookings b JOIN sessions s ON s.id = b.session_id"
    "  WHERE s.date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR b.base_id = ?3)"
    "  GROUP BY 1"
    ") GROUP BY k"
    " HAVING sum(sessions) + sum(groups) + sum(youth) + sum(adults) + sum(bc) + sum(ba)"
    "  + sum(ns) > 0"
    " ORDER BY %s, k",
    label, groupings[by].visit_key, groupings[by].visit_join, groupings[by].session_key,
    groupings[by].booking_key, by == KF_TOTALS_BY_BASE ? "label" : "k");
}

const char *
kf_totals_get_sql (KfTotalsBy by)
{
  static char *sql[G_N_ELEMENTS (groupings)];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (groupings); i++)
        sql[i] = totals_sql (i);
      g_once_init_leave (&initialized, 1);
    }
  return sql[by];
}

/**
 * kf_figure_index:
 * @name: a figure's name in the protocol ("visitors", "no_shows"…)
 *
 * Returns: its index for kf_figures_get(), or -1 for no such figure
 */
int
kf_figure_index (const char *name)
{
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; kf_figure_names[i] != NULL; i++)
    if (g_str_equal (kf_figure_names[i], name))
      return (int) i;
  return -1;
}

gint64
kf_figures_get (const KfFigures *figures,
                guint            index)
{
  g_return_val_if_fail (index < 8, 0);

  return ((const gint64 *) figures)[index];
}

static void
figures_add (KfFigures       *sum,
             const KfFigures *row)
{
  gint64 *s = (gint64 *) sum;

  for (guint i = 0; i < 8; i++)
    s[i] += kf_figures_get (row, i);
}

static void
totals_row_free (KfTotalsRow *row)
{
  g_free (row->key);
  g_free (row->label);
  g_free (row);
}

void
kf_totals_free (KfTotals *totals)
{
  if (totals == NULL)
    return;
  g_free (totals->from);
  g_free (totals->to);
  g_clear_pointer (&totals->rows, g_ptr_array_unref);
  g_free (totals);
}

/**
 * kf_totals_compute:
 * @store: a store
 * @from: first date, inclusive
 * @to: last date, inclusive
 * @by: the grouping
 * @base_id: (nullable): only this base's records
 * @error: return location
 *
 * The figures of `GET /v1/totals`, with the same definitions, over the
 * records of @store: rows sorted by base name (by base) or key, never by a
 * figure; rows whose figures are all zero left out.
 *
 * Returns: (transfer full) (nullable): the totals
 */
KfTotals *
kf_totals_compute (KfStore    *store,
                   const char *from,
                   const char *to,
                   KfTotalsBy  by,
                   const char *base_id,
                   GError    **error)
{
  g_autoptr(KfTotals) totals = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KF_IS_STORE (store), NULL);
  g_return_val_if_fail (by <= KF_TOTALS_BY_TOPIC, NULL);

  if (!kf_totals_check_period (from, to, error))
    return NULL;

  stmt = kf_store_prepare (store, kf_totals_get_sql (by), error);
  if (stmt == NULL)
    return NULL;

  totals = g_new0 (KfTotals, 1);
  totals->from = g_strdup (from);
  totals->to = g_strdup (to);
  totals->by = by;
  totals->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) totals_row_free);

  kf_store_bind_text (stmt, 1, from);
  kf_store_bind_text (stmt, 2, to);
  kf_store_bind_text (stmt, 3, base_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KfTotalsRow *row = g_new0 (KfTotalsRow, 1);
      gint64 *figures = (gint64 *) &row->figures;

      row->key = g_strdup (kf_store_column_text (stmt, 0));
      row->label = g_strdup (kf_store_column_text (stmt, 1));
      for (guint i = 0; i < 8; i++)
        figures[i] = sqlite3_column_int64 (stmt, 2 + i);
      figures_add (&totals->total, &row->figures);
      g_ptr_array_add (totals->rows, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      kf_store_set_sqlite_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&totals);
}

static void
append_figures_json (const KfFigures *figures,
                     GString         *out)
{
  for (guint i = 0; kf_figure_names[i] != NULL; i++)
    g_string_append_printf (out, "%s\"%s\": %" G_GINT64_FORMAT, i > 0 ? ", " : "",
                            kf_figure_names[i], kf_figures_get (figures, i));
}

/**
 * kf_totals_append_json:
 *
 * Appends the JSON of `GET /v1/totals`.
 */
void
kf_totals_append_json (const KfTotals *totals,
                       GString        *out)
{
  g_string_append (out, "{\"from\": ");
  kf_json_append_string (out, totals->from);
  g_string_append (out, ", \"to\": ");
  kf_json_append_string (out, totals->to);
  g_string_append_printf (out, ", \"by\": \"%s\",\n \"rows\": [", by_names[totals->by]);

  for (guint i = 0; i < totals->rows->len; i++)
    {
      const KfTotalsRow *row = g_ptr_array_index (totals->rows, i);

      g_string_append (out, i > 0 ? ",\n  {\"key\": " : "\n  {\"key\": ");
      kf_json_append_string (out, row->key);
      g_string_append (out, ", \"label\": ");
      kf_json_append_string (out, row->label);
      g_string_append (out, ", ");
      append_figures_json (&row->figures, out);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],\n \"total\": {");
  append_figures_json (&totals->total, out);
  g_string_append (out, "}}\n");
}

static void
append_figures_csv (const KfFigures *figures,
                    GString         *out)
{
  for (guint i = 0; kf_figure_names[i] != NULL; i++)
    g_string_append_printf (out, ",%" G_GINT64_FORMAT, kf_figures_get (figures, i));
  g_string_append (out, "\r\n");
}

/**
 * kf_totals_to_csv:
 *
 * Returns: (transfer full): the rows as CSV (a header of the JSON names, one
 *   line a row, and a last line with the key `total`)
 */
char *
kf_totals_to_csv (const KfTotals *totals)
{
  GString *out = g_string_new (NULL);

  kf_csv_begin (out);
  g_string_append (out, "key,label");
  for (guint i = 0; kf_figure_names[i] != NULL; i++)
    g_string_append_printf (out, ",%s", kf_figure_names[i]);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < totals->rows->len; i++)
    {
      const KfTotalsRow *row = g_ptr_array_index (totals->rows, i);

      kf_csv_append_field (out, row->key);
      g_string_append_c (out, ',');
      kf_csv_append_field (out, row->label);
      append_figures_csv (&row->figures, out);
    }
  g_string_append (out, "total,");
  kf_csv_append_field (out, _("Total"));
  append_figures_csv (&totals->total, out);
  return g_string_free (out, FALSE);
}

/* kf-labels.c — what codes, dates and times look like to people
 *
 * The protocol's codes stay codes in the data; these are the translated
 * words the window and the PDF report show for them. One table per kind of
 * code, so that every page says the same thing. Needs only GLib.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-labels"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "kf-labels.h"

typedef struct
{
  const char *code;
  const char *label;
} CodeLabel;

static const CodeLabel topics[] = {
  { "ai", N_("Artificial intelligence") },
  { "emergency_safety", N_("Emergency safety") },
  { "food_safety", N_("Food safety") },
  { "new_energy_materials", N_("New energy and materials") },
  { "meteorology", N_("Meteorology") },
  { "agriculture", N_("Agriculture") },
  { "health", N_("Health") },
  { "other", N_("Other") },
  { NULL, NULL }
};

static const CodeLabel formats[] = {
  { "exhibition", N_("Exhibition") },
  { "study_tour", N_("Study tour") },
  { "lecture", N_("Lecture") },
  { "short_video", N_("Short video") },
  { "hands_on", N_("Hands-on") },
  { "other", N_("Other") },
  { NULL, NULL }
};

static const CodeLabel session_statuses[] = {
  { "scheduled", N_("Scheduled") },
  { "cancelled", N_("Cancelled") },
  { NULL, NULL }
};

static const CodeLabel org_types[] = {
  { "school", N_("School") },
  { "kindergarten", N_("Kindergarten") },
  { "community", N_("Community") },
  { "enterprise", N_("Enterprise") },
  { "other", N_("Other") },
  { NULL, NULL }
};

static const CodeLabel booking_statuses[] = {
  { "requested", N_("Requested") },
  { "confirmed", N_("Confirmed") },
  { "declined", N_("Declined") },
  { "cancelled", N_("Cancelled") },
  { "attended", N_("Attended") },
  { "no_show", N_("No-show") },
  { NULL, NULL }
};

static const CodeLabel visit_kinds[] = {
  { "booked", N_("Booked group") },
  { "walk_in_group", N_("Walk-in group") },
  { "individuals", N_("Individual visitors") },
  { NULL, NULL }
};

static const CodeLabel roles[] = {
  { "base", N_("Science-popularisation base") },
  { "school", N_("School or organisation") },
  { "reviewer", N_("Science association reviewer") },
  { NULL, NULL }
};

/* An unknown code (from a newer hub) is shown as it is rather than hidden. */
static const char *
lookup (const CodeLabel *table,
        const char      *code)
{
  if (code == NULL)
    return "";
  for (guint i = 0; table[i].code != NULL; i++)
    if (g_str_equal (table[i].code, code))
      return _(table[i].label);
  return code;
}

const char *
kf_label_topic (const char *code)
{
  return lookup (topics, code);
}

const char *
kf_label_format (const char *code)
{
  return lookup (formats, code);
}

const char *
kf_label_session_status (const char *code)
{
  return lookup (session_statuses, code);
}

const char *
kf_label_org_type (const char *code)
{
  return lookup (org_types, code);
}

const char *
kf_label_booking_status (const char *code)
{
  return lookup (booking_statuses, code);
}

const char *
kf_label_visit_kind (const char *code)
{
  return lookup (visit_kinds, code);
}

const char *
kf_label_role (const char *code)
{
  return lookup (roles, code);
}

static GDateTime *
parse_date (const char *date)
{
  int year, month, day;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return NULL;
  return g_date_time_new_local (year, month, day, 0, 0, 0);
}

static char *
format_date (const char *date,
             const char *format)
{
  g_autoptr(GDateTime) time = parse_date (date);

  if (time == NULL)
    return g_strdup (date != NULL ? date : "");
  return g_date_time_format (time, format);
}

/**
 * kf_label_date:
 * @date: a protocol date, `YYYY-MM-DD`
 *
 * Returns: (transfer full): the date with its weekday, as the locale writes
 *   it ("Sat 24 May 2025", "2025年5月24日 星期六")
 */
char *
kf_label_date (const char *date)
{
  /* Translators: a date with its weekday, see g_date_time_format() */
  /* xgettext:no-c-format */
  return format_date (date, _("%a %-d %b %Y"));
}

/* The same without the year, for lists within one activity week. */
char *
kf_label_date_short (const char *date)
{
  /* Translators: a short date with its weekday, see g_date_time_format() */
  /* xgettext:no-c-format */
  return format_date (date, _("%a %-d %b"));
}

/* "09:00–10:30" */
char *
kf_label_time_range (const char *start,
                     const char *end)
{
  /* Translators: a session's start and end time */
  return g_strdup_printf (_("%s–%s"), start != NULL ? start : "", end != NULL ? end : "");
}

static char *
totals_row_label (KfTotalsBy         by,
                  const KfTotalsRow *row)
{
  gboolean none = g_strcmp0 (row->key, "none") == 0;

  switch (by)
    {
    case KF_TOTALS_BY_DATE:
      return kf_label_date (row->key);
    case KF_TOTALS_BY_FORMAT:
      return g_strdup (none ? _("No session") : kf_label_format (row->key));
    case KF_TOTALS_BY_TOPIC:
      return g_strdup (none ? _("No session") : kf_label_topic (row->key));
    case KF_TOTALS_BY_BASE:
    default:
      return g_strdup (row->label != NULL && *row->label != '\0' ? row->label : row->key);
    }
}

typedef struct
{
  KfLabeledRow  labeled;
  char         *sort_key;
} SortedRow;

static void
sorted_row_free (SortedRow *sorted)
{
  g_free (sorted->labeled.label);
  g_free (sorted->sort_key);
  g_free (sorted);
}

static int
sorted_row_compare (gconstpointer a,
                    gconstpointer b)
{
  const SortedRow *x = *(SortedRow * const *) a;
  const SortedRow *y = *(SortedRow * const *) b;

  return strcmp (x->sort_key, y->sort_key);
}

/**
 * kf_totals_labeled_rows:
 *
 * The rows of @totals with their labels, in the order people look for them:
 * bases and codes by their name in this language (visits of no session,
 * key "none", last), days by date. Never by a figure: the county notice
 * asks for no rankings. The window's table and chart and the PDF report
 * show rows in this order.
 *
 * Returns: (transfer container) (element-type KfLabeledRow): the rows,
 *   valid while @totals is
 */
GPtrArray *
kf_totals_labeled_rows (const KfTotals *totals)
{
  GPtrArray *rows = g_ptr_array_new_full (totals->rows->len, (GDestroyNotify) sorted_row_free);

  g_return_val_if_fail (totals != NULL, NULL);

  for (guint i = 0; i < totals->rows->len; i++)
    {
      SortedRow *sorted = g_new0 (SortedRow, 1);
      g_autofree char *collate = NULL;

      sorted->labeled.row = g_ptr_array_index (totals->rows, i);
      sorted->labeled.label = totals_row_label (totals->by, sorted->labeled.row);
      collate = totals->by == KF_TOTALS_BY_DATE ? g_strdup (sorted->labeled.row->key)
                                                : g_utf8_collate_key (sorted->labeled.label, -1);
      sorted->sort_key = g_strconcat (g_strcmp0 (sorted->labeled.row->key, "none") == 0
                                      ? "1" : "0", collate, NULL);
      g_ptr_array_add (rows, sorted);
    }
  g_ptr_array_sort (rows, sorted_row_compare);
  return rows;
}

/* kf-labels.c — what codes, dates and times look like to people
 *
 * The protocol's codes stay codes in the data; these are the translated
 * words the window shows for them. One table per kind of code, so that every
 * page says the same thing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-labels"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

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

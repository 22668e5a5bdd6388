/* kf-week-plan.c — the sessions of an activity week, from a daily pattern
 *
 * The week dialog shows what this makes before anything is written; kept
 * apart from the widgets so that it is tested without a screen. The limits
 * of each field are core's: a sample session is checked field by field, so
 * the dialog can show every mistake at once, each under its own row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-week-plan"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "kf-error.h"
#include "kf-week-plan.h"

/* The fields that the pattern sets for every session alike. */
static const char * const pattern_fields[] = {
  "capacity", "title", "topic", "format", "note", NULL
};

static void
add_error (GPtrArray  *errors,
           const char *field,
           const char *message)
{
  GError *error = NULL;

  kf_set_field_error (&error, KF_ERROR_INVALID_FIELD, field, "%s", message);
  g_ptr_array_add (errors, error);
}

/* Core's check of one field of @sample, reported under @field. */
static gboolean
check_field (KfRecord   *sample,
             const char *name,
             const char *field,
             GPtrArray  *errors)
{
  g_autoptr(GError) error = NULL;

  if (kf_record_validate_field (sample, name, &error))
    return TRUE;
  add_error (errors, field, error->message);
  return FALSE;
}

static gboolean
check_day (KfRecord   *sample,
           const char *text,
           const char *field,
           GDate      *date,
           GPtrArray  *errors)
{
  g_free (KF_SESSION (sample)->date);
  KF_SESSION (sample)->date = g_strdup (text);
  if (!check_field (sample, "date", field, errors))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) atoi (text + 8), (GDateMonth) atoi (text + 5),
                  (GDateYear) atoi (text));
  return g_date_valid (date);
}

static gboolean
slots_overlap (const KfTimeSlot *a,
               const KfTimeSlot *b)
{
  return strcmp (a->start, b->end) < 0 && strcmp (b->start, a->end) < 0;
}

static gboolean
check_slot (KfRecord            *sample,
            const KfWeekPattern *pattern,
            guint                index,
            GPtrArray           *errors)
{
  const KfTimeSlot *slot = &pattern->slots[index];
  g_autofree char *field = kf_week_plan_slot_field (index);

  g_free (KF_SESSION (sample)->start);
  g_free (KF_SESSION (sample)->end);
  KF_SESSION (sample)->start = g_strdup (slot->start);
  KF_SESSION (sample)->end = g_strdup (slot->end);
  if (!check_field (sample, "start", field, errors) || !check_field (sample, "end", field, errors))
    return FALSE;

  if (strcmp (slot->start, slot->end) >= 0)
    {
      add_error (errors, field, _("must end later than it starts"));
      return FALSE;
    }

  /* The same sessions twice at once would only split the visitors. */
  for (guint i = 0; i < index; i++)
    {
      if (kf_time_is_valid (pattern->slots[i].start) && kf_time_is_valid (pattern->slots[i].end) &&
          slots_overlap (slot, &pattern->slots[i]))
        {
          g_autofree char *message = g_strdup_printf (_("overlaps the slot %s–%s"),
                                                      pattern->slots[i].start,
                                                      pattern->slots[i].end);
          add_error (errors, field, message);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_days (KfRecord            *sample,
            const KfWeekPattern *pattern,
            GDate               *first,
            GDate               *last,
            GPtrArray           *errors)
{
  gboolean first_ok = check_day (sample, pattern->first_day, "first_day", first, errors);
  gboolean last_ok = check_day (sample, pattern->last_day, "last_day", last, errors);

  if (!first_ok || !last_ok)
    return FALSE;
  if (g_date_compare (last, first) < 0)
    {
      add_error (errors, "last_day", _("must not be before the first day"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_slots (KfRecord            *sample,
             const KfWeekPattern *pattern,
             GPtrArray           *errors)
{
  gboolean ok = TRUE;

  if (pattern->n_slots == 0)
    {
      add_error (errors, "slots", _("add at least one time slot"));
      return FALSE;
    }
  for (guint i = 0; i < pattern->n_slots; i++)
    ok = check_slot (sample, pattern, i, errors) && ok;
  return ok;
}

static gboolean
check_count (guint64    n_days,
             guint      n_slots,
             GPtrArray *errors)
{
  guint64 n_sessions = n_days * n_slots;
  g_autofree char *message = NULL;

  if (n_sessions <= KF_WEEK_MAX_SESSIONS)
    return TRUE;

  message = g_strdup_printf (_("This would make %llu sessions, and at most %d can be made at "
                               "once. Choose fewer days or time slots."),
                             (unsigned long long) n_sessions, KF_WEEK_MAX_SESSIONS);
  add_error (errors, "count", message);
  return FALSE;
}

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  return strcmp (((const KfTimeSlot *) a)->start, ((const KfTimeSlot *) b)->start);
}

static KfRecord *
make_session (const KfWeekPattern *pattern,
              const GDate         *day,
              const KfTimeSlot    *slot)
{
  KfRecord *record = kf_record_copy ((const KfRecord *) pattern->session);
  KfSession *session = KF_SESSION (record);
  char date[16];

  g_date_strftime (date, sizeof date, "%Y-%m-%d", day);
  g_free (record->id);
  record->id = kf_new_id ();
  record->version = 0;
  g_free (session->date);
  session->date = g_strdup (date);
  g_free (session->start);
  session->start = g_strdup (slot->start);
  g_free (session->end);
  session->end = g_strdup (slot->end);
  g_free (session->status);
  session->status = g_strdup ("scheduled");
  return record;
}

static GPtrArray *
make_sessions (const KfWeekPattern *pattern,
               const GDate         *first,
               const GDate         *last)
{
  g_autoptr(GArray) slots = g_array_sized_new (FALSE, FALSE, sizeof (KfTimeSlot),
                                               pattern->n_slots);
  GPtrArray *sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  GDate day = *first;

  g_array_append_vals (slots, pattern->slots, pattern->n_slots);
  g_array_sort (slots, compare_slots);

  for (; g_date_compare (&day, last) <= 0; g_date_add_days (&day, 1))
    for (guint i = 0; i < slots->len; i++)
      g_ptr_array_add (sessions, make_session (pattern, &day,
                                               &g_array_index (slots, KfTimeSlot, i)));
  return sessions;
}

/**
 * kf_week_plan_build:
 * @pattern: the days, the daily slots and what every session has
 * @errors: (out) (element-type GError): every mistake found, each a
 *   %KF_ERROR naming its field: `first_day`, `last_day`, `slots`, a slot
 *   (kf_week_plan_slot_field()), `count` (too many sessions at once), or a
 *   session field of the pattern (`capacity`, `title`, …)
 *
 * Makes the sessions of each day from @first_day to @last_day in each time
 * slot, by date and start time, each with a new id, status `scheduled`. Only
 * the limits of the fields are checked here; the rules are checked when the
 * sessions are written.
 *
 * Returns: (transfer full) (nullable) (element-type KfRecord): the sessions,
 *   or %NULL with @errors set
 */
GPtrArray *
kf_week_plan_build (const KfWeekPattern *pattern,
                    GPtrArray          **errors)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(KfRecord) sample = NULL;
  GDate first, last;
  gboolean days_ok, slots_ok;

  g_return_val_if_fail (pattern != NULL && pattern->session != NULL, NULL);
  g_return_val_if_fail (errors != NULL && *errors == NULL, NULL);

  sample = kf_record_copy ((const KfRecord *) pattern->session);
  days_ok = check_days (sample, pattern, &first, &last, found);
  slots_ok = check_slots (sample, pattern, found);
  for (guint i = 0; pattern_fields[i] != NULL; i++)
    check_field (sample, pattern_fields[i], pattern_fields[i], found);

  if (days_ok && slots_ok)
    check_count ((guint64) g_date_days_between (&first, &last) + 1, pattern->n_slots, found);

  if (found->len > 0)
    {
      *errors = g_steal_pointer (&found);
      return NULL;
    }
  return make_sessions (pattern, &first, &last);
}

/* The field name under which errors of the time slot @index are reported. */
char *
kf_week_plan_slot_field (guint index)
{
  return g_strdup_printf ("slot-%u", index);
}

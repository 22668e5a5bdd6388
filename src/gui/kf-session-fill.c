/* kf-session-fill.c — how full a session is at the door
 *
 * Capacity counts people. At the door what matters is who has come (every
 * visit of the session: groups and individuals) plus who is still expected
 * (the bookings still confirmed), so that a full session is warned about
 * before it overflows; a visit is never refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-session-fill"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-labels.h"
#include "kf-session-fill.h"

static gint64
sum_people (GPtrArray *records)
{
  gint64 people = 0;

  for (guint i = 0; i < records->len; i++)
    {
      const KfRecord *record = records->pdata[i];

      if (record->entity == KF_ENTITY_VISIT)
        people += KF_VISIT (record)->youth_count + KF_VISIT (record)->adult_count;
      else
        people += kf_booking_people (KF_BOOKING (record));
    }
  return people;
}

/**
 * kf_session_fill_load:
 * @store: the store
 * @session: a session
 * @fill: (out): how full it is
 * @error: return location
 *
 * Reads the visits and the still-confirmed bookings of @session.
 */
gboolean
kf_session_fill_load (KfStore         *store,
                      const KfSession *session,
                      KfSessionFill   *fill,
                      GError         **error)
{
  KfQuery query = { .session_id = session->r.id };
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GPtrArray) bookings = NULL;

  g_return_val_if_fail (KF_IS_STORE (store), FALSE);
  g_return_val_if_fail (session != NULL && fill != NULL, FALSE);

  visits = kf_store_list (store, KF_ENTITY_VISIT, &query, error);
  if (visits == NULL)
    return FALSE;
  query.status = "confirmed";
  bookings = kf_store_list (store, KF_ENTITY_BOOKING, &query, error);
  if (bookings == NULL)
    return FALSE;

  fill->capacity = session->capacity;
  fill->confirmed = session->confirmed_people;
  fill->arrived = sum_people (visits);
  fill->expected = sum_people (bookings);
  return TRUE;
}

/**
 * kf_session_fill_over:
 * @fill: a session's fill
 * @more_people: people about to arrive (may be negative)
 *
 * Returns: by how many people the session will be over capacity once the
 *   expected groups and @more_people have arrived, 0 if it is not
 */
gint64
kf_session_fill_over (const KfSessionFill *fill,
                      gint64               more_people)
{
  gint64 people = fill->arrived + fill->expected + more_people;

  return people > fill->capacity ? people - fill->capacity : 0;
}

/* "12 arrived · 30 confirmed · capacity 40" */
char *
kf_session_fill_describe (const KfSessionFill *fill)
{
  return g_strdup_printf (_("%lld arrived · %lld confirmed · capacity %lld"),
                          (long long) fill->arrived, (long long) fill->confirmed,
                          (long long) fill->capacity);
}

/* "09:00–10:30 Weather Station Tour" */
char *
kf_session_label (const KfSession *session)
{
  g_autofree char *times = kf_label_time_range (session->start, session->end);

  /* Translators: a session's times, then its title */
  return g_strdup_printf (_("%s %s"), times, session->title);
}

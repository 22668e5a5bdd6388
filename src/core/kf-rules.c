/* kf-rules.c — the rules that the hub and every installation apply alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kf-error.h"
#include "kf-rules.h"

KfIdentity *
kf_identity_new (KfRole      role,
                 const char *base_id,
                 const char *org_name)
{
  KfIdentity *identity = g_new0 (KfIdentity, 1);

  identity->role = role;
  identity->base_id = g_strdup (base_id);
  identity->org_name = g_strdup (org_name);
  return identity;
}

KfIdentity *
kf_identity_copy (const KfIdentity *identity)
{
  g_return_val_if_fail (identity != NULL, NULL);

  return kf_identity_new (identity->role, identity->base_id, identity->org_name);
}

void
kf_identity_free (KfIdentity *identity)
{
  if (identity == NULL)
    return;
  g_free (identity->base_id);
  g_free (identity->org_name);
  g_free (identity);
}

const char *
kf_role_to_string (KfRole role)
{
  g_return_val_if_fail (role <= KF_ROLE_REVIEWER, NULL);

  return kf_role_codes[role];
}

gboolean
kf_role_from_string (const char *str,
                     KfRole     *role)
{
  for (guint i = 0; str != NULL && kf_role_codes[i] != NULL; i++)
    {
      if (strcmp (kf_role_codes[i], str) == 0)
        {
          *role = i;
          return TRUE;
        }
    }
  return FALSE;
}

static const struct
{
  const char *from;
  const char *to;
} transitions[] = {
  { "requested", "confirmed" },
  { "requested", "declined" },
  { "requested", "cancelled" },
  { "confirmed", "cancelled" },
  { "confirmed", "attended" },
  { "confirmed", "no_show" },
  { "attended", "no_show" },
  { "no_show", "attended" },
};

/**
 * kf_booking_transition_allowed:
 *
 * Whether a booking may go from status @from to status @to. Staying in the
 * same status (an edit of other fields) is always allowed here.
 */
gboolean
kf_booking_transition_allowed (const char *from,
                               const char *to)
{
  if (g_strcmp0 (from, to) == 0)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    if (g_strcmp0 (transitions[i].from, from) == 0 && g_strcmp0 (transitions[i].to, to) == 0)
      return TRUE;
  return FALSE;
}

/* A group that has arrived still holds its seats. */
gboolean
kf_booking_holds_seats (const KfBooking *booking)
{
  return booking != NULL && (g_strcmp0 (booking->status, "confirmed") == 0 ||
                             g_strcmp0 (booking->status, "attended") == 0);
}

gint64
kf_booking_people (const KfBooking *booking)
{
  return booking->youth_count + booking->adult_count;
}

static const char *
record_base_id (const KfRecord *record)
{
  switch (record->entity)
    {
    case KF_ENTITY_SESSION:
      return KF_SESSION (record)->base_id;
    case KF_ENTITY_BOOKING:
      return KF_BOOKING (record)->base_id;
    case KF_ENTITY_VISIT:
      return KF_VISIT (record)->base_id;
    case KF_ENTITY_BASE:
      return record->id;
    case KF_N_ENTITIES:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_base_writer (const KfIdentity *actor,
                   const KfRecord   *old_record,
                   const KfRecord   *new_record,
                   GError          **error)
{
  if (g_strcmp0 (record_base_id (new_record), actor->base_id) != 0 ||
      (old_record != NULL && g_strcmp0 (record_base_id (old_record), actor->base_id) != 0))
    {
      kf_set_field_error (error, KF_ERROR_FORBIDDEN, "base_id",
                          _("belongs to another base"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
session_has_started (const KfSession *session,
                     GDateTime       *now)
{
  g_autofree char *now_text = NULL;
  g_autofree char *start_text = NULL;

  if (session == NULL || now == NULL)
    return FALSE;

  now_text = g_date_time_format (now, "%Y-%m-%d %H:%M");
  start_text = g_strdup_printf ("%s %s", session->date, session->start);
  return strcmp (now_text, start_text) >= 0;
}

/* The first pushed field where two bookings differ, other than status. */
static const char *
first_changed_field (const KfBooking *a,
                     const KfBooking *b)
{
  const KfEntityInfo *info = kf_entity_info (KF_ENTITY_BOOKING);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const KfFieldSpec *field = &info->fields[i];

      if (strcmp (field->name, "status") == 0)
        continue;
      if (field->type == KF_FIELD_INT
          ? kf_record_get_int ((KfRecord *) a, field) != kf_record_get_int ((KfRecord *) b, field)
          : g_strcmp0 (kf_record_get_text ((KfRecord *) a, field),
                       kf_record_get_text ((KfRecord *) b, field)) != 0)
        return field->name;
    }
  return NULL;
}

static gboolean
check_school_booking (const KfIdentity *actor,
                      const KfBooking  *old_booking,
                      const KfBooking  *booking,
                      const KfSession  *session,
                      GDateTime        *now,
                      GError          **error)
{
  const char *changed;

  if (g_strcmp0 (booking->org_name, actor->org_name) != 0 ||
      (old_booking != NULL && g_strcmp0 (old_booking->org_name, actor->org_name) != 0))
    {
      kf_set_field_error (error, KF_ERROR_FORBIDDEN, "org_name",
                          _("belongs to another organisation"));
      return FALSE;
    }

  if (old_booking == NULL || g_strcmp0 (old_booking->status, "requested") == 0)
    {
      if (strcmp (booking->status, "requested") == 0 ||
          (old_booking != NULL && strcmp (booking->status, "cancelled") == 0 &&
           !session_has_started (session, now)))
        return TRUE;
    }
  else if (strcmp (booking->status, "cancelled") == 0 &&
           g_strcmp0 (old_booking->status, "confirmed") == 0)
    {
      changed = first_changed_field (old_booking, booking);
      if (changed != NULL)
        {
          kf_set_field_error (error, KF_ERROR_FORBIDDEN_FIELD, changed,
                              _("may not be changed once the booking is confirmed"));
          return FALSE;
        }
      if (!session_has_started (session, now))
        return TRUE;
    }

  if (strcmp (booking->status, "cancelled") == 0 && session_has_started (session, now))
    kf_set_field_error (error, KF_ERROR_FORBIDDEN_FIELD, "status",
                        _("a booking can only be cancelled before its session starts"));
  else
    kf_set_field_error (error, KF_ERROR_FORBIDDEN_FIELD, "status",
                        _("only the base may set this status"));
  return FALSE;
}

static gboolean
check_transition (const KfBooking *old_booking,
                  const KfBooking *booking,
                  GError         **error)
{
  if (old_booking == NULL)
    {
      if (strcmp (booking->status, "requested") == 0 ||
          strcmp (booking->status, "confirmed") == 0)
        return TRUE;
      kf_set_field_error (error, KF_ERROR_INVALID_TRANSITION, "status",
                          _("a new booking must be requested or confirmed, not %s"),
                          booking->status);
      return FALSE;
    }

  if (kf_booking_transition_allowed (old_booking->status, booking->status))
    return TRUE;

  kf_set_field_error (error, KF_ERROR_INVALID_TRANSITION, "status",
                      _("cannot change from %s to %s"), old_booking->status, booking->status);
  return FALSE;
}

/**
 * kf_rules_check_write:
 * @actor: who writes
 * @old_record: (nullable): the record as it is, %NULL for a new one
 * @new_record: the record as @actor wants it; already validated
 * @session: (nullable): for a booking, its session (as it is now)
 * @now: (nullable): the current time, in the zone the sessions are planned in
 * @error: return location for %KF_ERROR_FORBIDDEN, %KF_ERROR_FORBIDDEN_FIELD
 *   or %KF_ERROR_INVALID_TRANSITION
 *
 * The role table of the protocol and the booking status transitions. It
 * knows nothing of other records than the ones it is given: references and
 * capacity are the store's business (kf_store_check_write()).
 */
gboolean
kf_rules_check_write (const KfIdentity *actor,
                      const KfRecord   *old_record,
                      const KfRecord   *new_record,
                      const KfSession  *session,
                      GDateTime        *now,
                      GError          **error)
{
  const KfBooking *old_booking = (const KfBooking *) old_record;
  const KfBooking *booking = (const KfBooking *) new_record;

  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (new_record != NULL, FALSE);
  g_return_val_if_fail (old_record == NULL || old_record->entity == new_record->entity, FALSE);

  if (new_record->entity == KF_ENTITY_BASE || actor->role == KF_ROLE_REVIEWER ||
      (actor->role == KF_ROLE_SCHOOL && new_record->entity != KF_ENTITY_BOOKING))
    {
      kf_set_field_error (error, KF_ERROR_FORBIDDEN, NULL,
                          _("this role may not write this kind of record"));
      return FALSE;
    }

  if (actor->role == KF_ROLE_BASE && !check_base_writer (actor, old_record, new_record, error))
    return FALSE;

  if (new_record->entity != KF_ENTITY_BOOKING)
    return TRUE;

  if (actor->role == KF_ROLE_SCHOOL &&
      !check_school_booking (actor, old_booking, booking, session, now, error))
    return FALSE;

  return check_transition (old_booking, booking, error);
}

/**
 * kf_rules_check_capacity:
 * @session: the booking's session
 * @others_confirmed: the people of the session's other bookings that hold
 *   seats (confirmed or attended)
 * @old_booking: (nullable): the booking as it is
 * @new_booking: the booking as it is to be
 *
 * A write that makes a booking confirmed, or raises the people of a confirmed
 * booking, may not take the session past its capacity. Requests and marking
 * what happened are never limited.
 */
gboolean
kf_rules_check_capacity (const KfSession *session,
                         gint64           others_confirmed,
                         const KfBooking *old_booking,
                         const KfBooking *new_booking,
                         GError         **error)
{
  gboolean was_confirmed;
  gint64 seats_left;

  g_return_val_if_fail (session != NULL && new_booking != NULL, FALSE);

  if (g_strcmp0 (new_booking->status, "confirmed") != 0)
    return TRUE;

  was_confirmed = old_booking != NULL && g_strcmp0 (old_booking->status, "confirmed") == 0;
  if (was_confirmed && kf_booking_people (new_booking) <= kf_booking_people (old_booking))
    return TRUE;

  if (others_confirmed + kf_booking_people (new_booking) <= session->capacity)
    return TRUE;

  seats_left = MAX (0, session->capacity - others_confirmed);
  kf_set_field_error (error, KF_ERROR_OVER_CAPACITY, "status",
                      g_dngettext (GETTEXT_PACKAGE,
                                   "the session has %lld seat left, the group needs %lld",
                                   "the session has %lld seats left, the group needs %lld",
                                   seats_left),
                      (long long) seats_left, (long long) kf_booking_people (new_booking));
  return FALSE;
}

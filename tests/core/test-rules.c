/* test-rules.c — transitions, the role table and capacity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-rules"

#include "config.h"

#include <string.h>

#include "core-test-util.h"

#define OK (-1)

#define BASE_A "aaaaaaaa-0000-4000-8000-000000000001"
#define BASE_B "bbbbbbbb-0000-4000-8000-000000000002"
#define SCHOOL "第一中学"
#define OTHER_SCHOOL "第二中学"

static const char * const statuses[] = {
  "requested", "confirmed", "declined", "cancelled", "attended", "no_show",
};

/* The protocol's table, written out: allowed[from][to]. */
static const gboolean allowed[6][6] = {
  /*              req    conf   decl   canc   att    no_show */
  /* requested */ { TRUE, TRUE, TRUE, TRUE, FALSE, FALSE },
  /* confirmed */ { FALSE, TRUE, FALSE, TRUE, TRUE, TRUE },
  /* declined  */ { FALSE, FALSE, TRUE, FALSE, FALSE, FALSE },
  /* cancelled */ { FALSE, FALSE, FALSE, TRUE, FALSE, FALSE },
  /* attended  */ { FALSE, FALSE, FALSE, FALSE, TRUE, TRUE },
  /* no_show   */ { FALSE, FALSE, FALSE, FALSE, TRUE, TRUE },
};

static KfRecord *
session_of (const char *base_id)
{
  return kft_session (base_id, "2025-05-24", "09:30", "11:00", 40, "气象科普开放日",
                      "meteorology", "exhibition");
}

static KfRecord *
booking_of (const char *base_id,
            const char *org_name,
            const char *status)
{
  return kft_booking (base_id, "cccccccc-0000-4000-8000-000000000003", org_name, 30, 2, status);
}

static KfRecord *
with_status (const KfRecord *record,
             const char     *status)
{
  KfRecord *copy = kf_record_copy (record);

  kft_set_text (copy, "status", status);
  return copy;
}

static void
check_result (gboolean      ok,
              const GError *error,
              int           expect,
              const char   *expect_field)
{
  if (expect == OK)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      return;
    }
  g_assert_false (ok);
  kft_assert_kf_error (error, expect, expect_field);
}

static void
test_transition_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    for (guint j = 0; j < G_N_ELEMENTS (statuses); j++)
      {
        g_test_message ("%s -> %s", statuses[i], statuses[j]);
        g_assert_cmpint (kf_booking_transition_allowed (statuses[i], statuses[j]), ==,
                         allowed[i][j]);
      }

  g_assert_false (kf_booking_transition_allowed ("requested", "unknown"));
  g_assert_false (kf_booking_transition_allowed ("unknown", "confirmed"));
  g_assert_false (kf_booking_transition_allowed (NULL, "confirmed"));
  g_assert_false (kf_booking_transition_allowed ("requested", NULL));
}

/* The same table through the whole write check, for the base. */
static void
test_transitions_by_base (void)
{
  g_autoptr(KfIdentity) base = kf_identity_new (KF_ROLE_BASE, BASE_A, NULL);
  g_autoptr(KfRecord) session = session_of (BASE_A);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    for (guint j = 0; j < G_N_ELEMENTS (statuses); j++)
      {
        g_autoptr(KfRecord) old = booking_of (BASE_A, SCHOOL, statuses[i]);
        g_autoptr(KfRecord) next = with_status (old, statuses[j]);
        g_autoptr(GError) error = NULL;
        gboolean ok;

        ok = kf_rules_check_write (base, old, next, KF_SESSION (session), NULL, &error);
        check_result (ok, error, allowed[i][j] ? OK : KF_ERROR_INVALID_TRANSITION, "status");
      }
}

/* A new booking is requested (anyone who may write) or confirmed (base only). */
static void
test_new_booking_status (void)
{
  static const struct
  {
    const char *status;
    int         base_expect;
    int         school_expect;
  } cases[] = {
    { "requested", OK, OK },
    { "confirmed", OK, KF_ERROR_FORBIDDEN_FIELD },
    { "declined", KF_ERROR_INVALID_TRANSITION, KF_ERROR_FORBIDDEN_FIELD },
    { "cancelled", KF_ERROR_INVALID_TRANSITION, KF_ERROR_FORBIDDEN_FIELD },
    { "attended", KF_ERROR_INVALID_TRANSITION, KF_ERROR_FORBIDDEN_FIELD },
    { "no_show", KF_ERROR_INVALID_TRANSITION, KF_ERROR_FORBIDDEN_FIELD },
  };
  g_autoptr(KfIdentity) base = kf_identity_new (KF_ROLE_BASE, BASE_A, NULL);
  g_autoptr(KfIdentity) school = kf_identity_new (KF_ROLE_SCHOOL, NULL, SCHOOL);
  g_autoptr(KfRecord) session = session_of (BASE_A);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KfRecord) booking = booking_of (BASE_A, SCHOOL, cases[i].status);
      g_autoptr(GError) base_error = NULL;
      g_autoptr(GError) school_error = NULL;
      gboolean ok;

      ok = kf_rules_check_write (base, NULL, booking, KF_SESSION (session), NULL, &base_error);
      check_result (ok, base_error, cases[i].base_expect, "status");
      ok = kf_rules_check_write (school, NULL, booking, KF_SESSION (session), NULL,
                                 &school_error);
      check_result (ok, school_error, cases[i].school_expect, "status");
    }
}

typedef enum
{
  OWN,
  OTHER,
} Owner;

/* Who may write which record: base own/other, school, reviewer, and nobody
 * writes a base. */
static void
test_role_table (void)
{
  static const struct
  {
    KfRole      role;
    KfEntity    entity;
    Owner       owner;
    int         expect;
    const char *field;
  } cases[] = {
    { KF_ROLE_BASE, KF_ENTITY_SESSION, OWN, OK, NULL },
    { KF_ROLE_BASE, KF_ENTITY_BOOKING, OWN, OK, NULL },
    { KF_ROLE_BASE, KF_ENTITY_VISIT, OWN, OK, NULL },
    { KF_ROLE_BASE, KF_ENTITY_BASE, OWN, KF_ERROR_FORBIDDEN, NULL },
    { KF_ROLE_BASE, KF_ENTITY_SESSION, OTHER, KF_ERROR_FORBIDDEN, "base_id" },
    { KF_ROLE_BASE, KF_ENTITY_BOOKING, OTHER, KF_ERROR_FORBIDDEN, "base_id" },
    { KF_ROLE_BASE, KF_ENTITY_VISIT, OTHER, KF_ERROR_FORBIDDEN, "base_id" },
    { KF_ROLE_BASE, KF_ENTITY_BASE, OTHER, KF_ERROR_FORBIDDEN, NULL },
    { KF_ROLE_SCHOOL, KF_ENTITY_SESSION, OWN, KF_ERROR_FORBIDDEN, NULL },
    { KF_ROLE_SCHOOL, KF_ENTITY_BOOKING, OWN, OK, NULL },
    { KF_ROLE_SCHOOL, KF_ENTITY_VISIT, OWN, KF_ERROR_FORBIDDEN, NULL },
    { KF_ROLE_SCHOOL, KF_ENTITY_BASE, OWN, KF_ERROR_FORBIDDEN, NULL },
    { KF_ROLE_SCHOOL, KF_ENTITY_BOOKING, OTHER, KF_ERROR_FORBIDDEN, "org_name" },
    { KF_ROLE_REVIEWER, KF_ENTITY_SESSION, OWN, KF_ERROR_FORBIDDEN, NULL },
    { KF_ROLE_REVIEWER, KF_ENTITY_BOOKING, OWN, KF_ERROR_FORBIDDEN, NULL },
    { KF_ROLE_REVIEWER, KF_ENTITY_VISIT, OWN, KF_ERROR_FORBIDDEN, NULL },
    { KF_ROLE_REVIEWER, KF_ENTITY_BASE, OWN, KF_ERROR_FORBIDDEN, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *base_id = cases[i].owner == OWN ? BASE_A : BASE_B;
      const char *org = cases[i].owner == OWN ? SCHOOL : OTHER_SCHOOL;
      g_autoptr(KfIdentity) actor = NULL;
      g_autoptr(KfRecord) session = session_of (base_id);
      g_autoptr(KfRecord) record = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok;

      actor = kf_identity_new (cases[i].role, cases[i].role == KF_ROLE_BASE ? BASE_A : NULL,
                               cases[i].role == KF_ROLE_SCHOOL ? SCHOOL : NULL);
      switch (cases[i].entity)
        {
        case KF_ENTITY_BASE:
          record = kft_base (base_id, "县气象局");
          break;
        case KF_ENTITY_SESSION:
          record = session_of (base_id);
          break;
        case KF_ENTITY_BOOKING:
          record = booking_of (base_id, org, "requested");
          break;
        case KF_ENTITY_VISIT:
          record = kft_visit (base_id, NULL, NULL, "walk_in_group", "社区",
                              "2025-05-24T10:00:00+08:00", 3, 1);
          break;
        case KF_N_ENTITIES:
        default:
          g_assert_not_reached ();
        }

      g_test_message ("case %u", i);
      /* As a new record, and as an edit of itself. */
      ok = kf_rules_check_write (actor, NULL, record, KF_SESSION (session), NULL, &error);
      check_result (ok, error, cases[i].expect, cases[i].field);
      g_clear_error (&error);
      ok = kf_rules_check_write (actor, record, record, KF_SESSION (session), NULL, &error);
      check_result (ok, error, cases[i].expect, cases[i].field);
    }
}

/* A base may not take a record of another base, nor give its own away. */
static void
test_base_moves_record (void)
{
  g_autoptr(KfIdentity) actor = kf_identity_new (KF_ROLE_BASE, BASE_A, NULL);
  g_autoptr(KfRecord) theirs = session_of (BASE_B);
  g_autoptr(KfRecord) mine = kf_record_copy (theirs);
  g_autoptr(GError) error = NULL;

  kft_set_text (mine, "base_id", BASE_A);
  g_assert_false (kf_rules_check_write (actor, theirs, mine, NULL, NULL, &error));
  kft_assert_kf_error (error, KF_ERROR_FORBIDDEN, "base_id");
  g_clear_error (&error);
  g_assert_false (kf_rules_check_write (actor, mine, theirs, NULL, NULL, &error));
  kft_assert_kf_error (error, KF_ERROR_FORBIDDEN, "base_id");
}

/* Times around the session's start: 2025-05-24 09:30 local. */
static GDateTime *
local_time (int day,
            int hour,
            int minute)
{
  return g_date_time_new_local (2025, 5, day, hour, minute, 0);
}

typedef enum
{
  BEFORE,      /* a day before */
  JUST_BEFORE, /* a minute before the start */
  AT_START,
  AFTER,       /* during the session */
  NO_CLOCK,    /* now unknown */
} When;

static GDateTime *
time_for (When when)
{
  switch (when)
    {
    case BEFORE: return local_time (23, 18, 0);
    case JUST_BEFORE: return local_time (24, 9, 29);
    case AT_START: return local_time (24, 9, 30);
    case AFTER: return local_time (24, 10, 15);
    case NO_CLOCK: return NULL;
    default: g_assert_not_reached ();
    }
}

typedef enum
{
  NO_CHANGE,
  MORE_PEOPLE,
  NEW_NOTE,
  NEW_PHONE,
  NEW_SESSION,
  NEW_ORG,
} Change;

static void
apply_change (KfRecord *record,
              Change    change)
{
  switch (change)
    {
    case NO_CHANGE: break;
    case MORE_PEOPLE: KF_BOOKING (record)->youth_count += 5; break;
    case NEW_NOTE: kft_set_text (record, "note", "改到下午"); break;
    case NEW_PHONE: kft_set_text (record, "contact_phone", "13900000000"); break;
    case NEW_SESSION:
      kft_set_text (record, "session_id", "dddddddd-0000-4000-8000-000000000004");
      break;
    case NEW_ORG: kft_set_text (record, "org_name", OTHER_SCHOOL); break;
    default: g_assert_not_reached ();
    }
}

static const char *
change_field (Change change)
{
  static const char * const fields[] = {
    NULL, "youth_count", "note", "contact_phone", "session_id", "org_name",
  };

  return fields[change];
}

/* What a school may do to its own bookings. */
static void
test_school_bookings (void)
{
  static const struct
  {
    const char *from;   /* NULL: a new booking */
    const char *to;
    Change      change;
    When        when;
    int         expect;
    const char *field;
  } cases[] = {
    /* create requested, never anything else */
    { NULL, "requested", NO_CHANGE, BEFORE, OK, NULL },
    { NULL, "requested", NO_CHANGE, AFTER, OK, NULL },
    { NULL, "confirmed", NO_CHANGE, BEFORE, KF_ERROR_FORBIDDEN_FIELD, "status" },
    /* edit while requested */
    { "requested", "requested", MORE_PEOPLE, BEFORE, OK, NULL },
    { "requested", "requested", NEW_NOTE, BEFORE, OK, NULL },
    { "requested", "requested", NEW_PHONE, BEFORE, OK, NULL },
    { "requested", "requested", NEW_SESSION, BEFORE, OK, NULL },
    { "requested", "requested", NEW_ORG, BEFORE, KF_ERROR_FORBIDDEN, "org_name" },
    /* cancel before the session starts */
    { "requested", "cancelled", NO_CHANGE, BEFORE, OK, NULL },
    { "requested", "cancelled", NO_CHANGE, JUST_BEFORE, OK, NULL },
    { "requested", "cancelled", NO_CHANGE, NO_CLOCK, OK, NULL },
    { "requested", "cancelled", NO_CHANGE, AT_START, KF_ERROR_FORBIDDEN_FIELD, "status" },
    { "requested", "cancelled", NO_CHANGE, AFTER, KF_ERROR_FORBIDDEN_FIELD, "status" },
    { "confirmed", "cancelled", NO_CHANGE, BEFORE, OK, NULL },
    { "confirmed", "cancelled", NO_CHANGE, JUST_BEFORE, OK, NULL },
    { "confirmed", "cancelled", NO_CHANGE, AT_START, KF_ERROR_FORBIDDEN_FIELD, "status" },
    { "confirmed", "cancelled", NO_CHANGE, AFTER, KF_ERROR_FORBIDDEN_FIELD, "status" },
    /* a confirmed booking keeps its fields when cancelled */
    { "confirmed", "cancelled", MORE_PEOPLE, BEFORE, KF_ERROR_FORBIDDEN_FIELD, "youth_count" },
    { "confirmed", "cancelled", NEW_NOTE, BEFORE, KF_ERROR_FORBIDDEN_FIELD, "note" },
    { "confirmed", "cancelled", NEW_PHONE, BEFORE, KF_ERROR_FORBIDDEN_FIELD, "contact_phone" },
    { "confirmed", "cancelled", NEW_SESSION, BEFORE, KF_ERROR_FORBIDDEN_FIELD, "session_id" },
    { "confirmed", "cancelled", NEW_ORG, BEFORE, KF_ERROR_FORBIDDEN, "org_name" },
    /* nor edited */
    { "confirmed", "confirmed", MORE_PEOPLE, BEFORE, KF_ERROR_FORBIDDEN_FIELD, NULL },
    { "confirmed", "confirmed", NEW_NOTE, BEFORE, KF_ERROR_FORBIDDEN_FIELD, NULL },
    /* the base's decisions */
    { "requested", "confirmed", NO_CHANGE, BEFORE, KF_ERROR_FORBIDDEN_FIELD, "status" },
    { "requested", "declined", NO_CHANGE, BEFORE, KF_ERROR_FORBIDDEN_FIELD, "status" },
    { "confirmed", "attended", NO_CHANGE, AFTER, KF_ERROR_FORBIDDEN_FIELD, "status" },
    { "confirmed", "no_show", NO_CHANGE, AFTER, KF_ERROR_FORBIDDEN_FIELD, "status" },
    { "attended", "no_show", NO_CHANGE, AFTER, KF_ERROR_FORBIDDEN_FIELD, "status" },
    { "no_show", "attended", NO_CHANGE, AFTER, KF_ERROR_FORBIDDEN_FIELD, "status" },
    /* nothing back from an end */
    { "declined", "requested", NO_CHANGE, BEFORE, KF_ERROR_FORBIDDEN_FIELD, "status" },
    { "cancelled", "requested", NO_CHANGE, BEFORE, KF_ERROR_FORBIDDEN_FIELD, "status" },
    { "declined", "cancelled", NO_CHANGE, BEFORE, KF_ERROR_FORBIDDEN_FIELD, "status" },
  };
  g_autoptr(KfIdentity) school = kf_identity_new (KF_ROLE_SCHOOL, NULL, SCHOOL);
  g_autoptr(KfRecord) session = session_of (BASE_A);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KfRecord) old = NULL;
      g_autoptr(KfRecord) next = NULL;
      g_autoptr(GDateTime) now = time_for (cases[i].when);
      g_autoptr(GError) error = NULL;
      const char *field = cases[i].field;
      gboolean ok;

      g_test_message ("case %u: %s -> %s", i, cases[i].from, cases[i].to);
      next = booking_of (BASE_A, SCHOOL, cases[i].to);
      if (cases[i].from != NULL)
        {
          old = with_status (next, cases[i].from);
          apply_change (next, cases[i].change);
        }

      ok = kf_rules_check_write (school, old, next, KF_SESSION (session), now, &error);
      if (cases[i].expect != OK && field == NULL)
        {
          /* Either the status or the changed field may be named. */
          g_assert_false (ok);
          g_assert_error (error, KF_ERROR, (gint) cases[i].expect);
          g_assert_true (g_strcmp0 (kf_error_get_field (error), "status") == 0 ||
                         g_strcmp0 (kf_error_get_field (error),
                                    change_field (cases[i].change)) == 0);
          continue;
        }
      check_result (ok, error, cases[i].expect, field);
    }
}

/* A school may not write the bookings of another organisation at all. */
static void
test_school_other_org (void)
{
  g_autoptr(KfIdentity) school = kf_identity_new (KF_ROLE_SCHOOL, NULL, SCHOOL);
  g_autoptr(KfRecord) session = session_of (BASE_A);
  g_autoptr(GDateTime) now = time_for (BEFORE);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(KfRecord) old = booking_of (BASE_A, OTHER_SCHOOL, statuses[i]);
      g_autoptr(KfRecord) next = with_status (old, "cancelled");
      g_autoptr(KfRecord) taken = with_status (old, statuses[i]);
      g_autoptr(GError) error = NULL;

      g_assert_false (kf_rules_check_write (school, old, next, KF_SESSION (session), now,
                                            &error));
      kft_assert_kf_error (error, KF_ERROR_FORBIDDEN, "org_name");
      g_clear_error (&error);

      /* Taking another's booking over by renaming it is no better. */
      kft_set_text (taken, "org_name", SCHOOL);
      g_assert_false (kf_rules_check_write (school, old, taken, KF_SESSION (session), now,
                                            &error));
      kft_assert_kf_error (error, KF_ERROR_FORBIDDEN, "org_name");
    }
}

/* The base sets any allowed status whatever the time. */
static void
test_base_ignores_clock (void)
{
  g_autoptr(KfIdentity) base = kf_identity_new (KF_ROLE_BASE, BASE_A, NULL);
  g_autoptr(KfRecord) session = session_of (BASE_A);

  for (When when = BEFORE; when <= NO_CLOCK; when++)
    {
      g_autoptr(GDateTime) now = time_for (when);
      g_autoptr(KfRecord) old = booking_of (BASE_A, SCHOOL, "confirmed");
      g_autoptr(KfRecord) next = with_status (old, "cancelled");
      g_autoptr(GError) error = NULL;

      KF_BOOKING (next)->adult_count = 5;
      g_assert_true (kf_rules_check_write (base, old, next, KF_SESSION (session), now, &error));
      g_assert_no_error (error);
    }
}

typedef struct
{
  gint64      capacity;
  gint64      others;
  const char *old_status;   /* NULL: new booking */
  gint64      old_people;
  const char *new_status;
  gint64      new_people;
  gboolean    ok;
} CapacityCase;

static const CapacityCase capacity_cases[] = {
  /* a new confirmed booking */
  { 100, 60, NULL, 0, "confirmed", 40, TRUE },
  { 100, 60, NULL, 0, "confirmed", 41, FALSE },
  { 100, 0, NULL, 0, "confirmed", 100, TRUE },
  { 100, 0, NULL, 0, "confirmed", 101, FALSE },
  { 1, 0, NULL, 0, "confirmed", 1, TRUE },
  { 1, 0, NULL, 0, "confirmed", 2, FALSE },
  { 1, 1, NULL, 0, "confirmed", 1, FALSE },
  { 100000, 99999, NULL, 0, "confirmed", 1, TRUE },
  { 100000, 99999, NULL, 0, "confirmed", 2, FALSE },
  /* confirming a request */
  { 100, 60, "requested", 40, "confirmed", 40, TRUE },
  { 100, 60, "requested", 41, "confirmed", 41, FALSE },
  { 100, 60, "requested", 30, "confirmed", 41, FALSE },
  /* raising the people of a confirmed booking */
  { 100, 60, "confirmed", 30, "confirmed", 40, TRUE },
  { 100, 60, "confirmed", 30, "confirmed", 41, FALSE },
  { 100, 60, "confirmed", 40, "confirmed", 40, TRUE },
  /* lowering is never refused, even on a session already over */
  { 100, 90, "confirmed", 50, "confirmed", 45, TRUE },
  { 100, 90, "confirmed", 50, "confirmed", 50, TRUE },
  { 10, 0, "confirmed", 50, "confirmed", 11, TRUE },
  /* requests and what happened are never limited */
  { 10, 10, NULL, 0, "requested", 1000, TRUE },
  { 10, 10, "requested", 5, "requested", 1000, TRUE },
  { 10, 10, "confirmed", 5, "attended", 1000, TRUE },
  { 10, 10, "confirmed", 5, "no_show", 1000, TRUE },
  { 10, 10, "no_show", 5, "attended", 1000, TRUE },
  { 10, 10, "attended", 5, "no_show", 1000, TRUE },
  { 10, 10, "confirmed", 5, "cancelled", 1000, TRUE },
  { 10, 10, "requested", 5, "declined", 1000, TRUE },
};

static void
test_capacity (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (capacity_cases); i++)
    {
      const CapacityCase *c = &capacity_cases[i];
      g_autoptr(KfRecord) session = session_of (BASE_A);
      g_autoptr(KfRecord) old = NULL;
      g_autoptr(KfRecord) next = booking_of (BASE_A, SCHOOL, c->new_status);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_test_message ("case %u", i);
      KF_SESSION (session)->capacity = c->capacity;
      KF_BOOKING (next)->youth_count = c->new_people;
      KF_BOOKING (next)->adult_count = 0;
      if (c->old_status != NULL)
        {
          old = with_status (next, c->old_status);
          KF_BOOKING (old)->youth_count = c->old_people;
        }
      g_assert_cmpint (kf_booking_people (KF_BOOKING (next)), ==, c->new_people);

      ok = kf_rules_check_capacity (KF_SESSION (session), c->others, KF_BOOKING (old),
                                    KF_BOOKING (next), &error);
      check_result (ok, error, c->ok ? OK : KF_ERROR_OVER_CAPACITY, "status");
    }
}

/* People are youth and adults alike. */
static void
test_capacity_counts_people (void)
{
  g_autoptr(KfRecord) session = session_of (BASE_A);
  g_autoptr(KfRecord) booking = booking_of (BASE_A, SCHOOL, "confirmed");
  g_autoptr(GError) error = NULL;

  KF_SESSION (session)->capacity = 40;
  KF_BOOKING (booking)->youth_count = 30;
  KF_BOOKING (booking)->adult_count = 10;
  g_assert_cmpint (kf_booking_people (KF_BOOKING (booking)), ==, 40);
  g_assert_true (kf_rules_check_capacity (KF_SESSION (session), 0, NULL, KF_BOOKING (booking),
                                          &error));
  KF_BOOKING (booking)->adult_count = 11;
  g_assert_false (kf_rules_check_capacity (KF_SESSION (session), 0, NULL,
                                           KF_BOOKING (booking), &error));
  kft_assert_kf_error (error, KF_ERROR_OVER_CAPACITY, "status");
}

static void
test_holds_seats (void)
{
  static const gboolean holds[] = { FALSE, TRUE, FALSE, FALSE, TRUE, FALSE };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(KfRecord) booking = booking_of (BASE_A, SCHOOL, statuses[i]);

      g_assert_cmpint (kf_booking_holds_seats (KF_BOOKING (booking)), ==, holds[i]);
    }
  g_assert_false (kf_booking_holds_seats (NULL));
}

static void
test_roles_and_identity (void)
{
  static const struct
  {
    KfRole      role;
    const char *name;
  } roles[] = {
    { KF_ROLE_BASE, "base" }, { KF_ROLE_SCHOOL, "school" }, { KF_ROLE_REVIEWER, "reviewer" },
  };
  static const char * const bad[] = { "admin", "Base", "", "schools", NULL };
  KfRole role;

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_assert_cmpstr (kf_role_to_string (roles[i].role), ==, roles[i].name);
      g_assert_true (kf_role_from_string (roles[i].name, &role));
      g_assert_cmpint (role, ==, roles[i].role);
    }
  for (guint i = 0; bad[i] != NULL; i++)
    g_assert_false (kf_role_from_string (bad[i], &role));
  g_assert_false (kf_role_from_string (NULL, &role));

  {
    g_autoptr(KfIdentity) a = kf_identity_new (KF_ROLE_SCHOOL, NULL, SCHOOL);
    g_autoptr(KfIdentity) b = kf_identity_copy (a);

    g_assert_cmpint (b->role, ==, KF_ROLE_SCHOOL);
    g_assert_null (b->base_id);
    g_assert_cmpstr (b->org_name, ==, SCHOOL);
    g_assert_true (b->org_name != a->org_name);
    kf_identity_free (NULL);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/transitions/table", test_transition_table);
  g_test_add_func ("/rules/transitions/by-base", test_transitions_by_base);
  g_test_add_func ("/rules/transitions/new-booking", test_new_booking_status);
  g_test_add_func ("/rules/roles/table", test_role_table);
  g_test_add_func ("/rules/roles/base-moves-record", test_base_moves_record);
  g_test_add_func ("/rules/roles/school-bookings", test_school_bookings);
  g_test_add_func ("/rules/roles/school-other-org", test_school_other_org);
  g_test_add_func ("/rules/roles/base-ignores-clock", test_base_ignores_clock);
  g_test_add_func ("/rules/capacity/table", test_capacity);
  g_test_add_func ("/rules/capacity/people", test_capacity_counts_people);
  g_test_add_func ("/rules/capacity/holds-seats", test_holds_seats);
  g_test_add_func ("/rules/roles/names", test_roles_and_identity);

  return g_test_run ();
}

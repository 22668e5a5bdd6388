/* test-record.c — field limits, codes, cross-field rules, JSON of the records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-record"

#include "config.h"

#include <string.h>

#include "core-test-util.h"

#define OK (-1)
#define INV KF_ERROR_INVALID_FIELD
#define MISS KF_ERROR_MISSING_FIELD

#define UUID_A "0b8f6a3e-2c1d-4e5f-8a9b-0c1d2e3f4a5b"
#define UUID_B "1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5"
#define UUID_UPPER "0B8F6A3E-2C1D-4E5F-8A9B-0C1D2E3F4A5B"

/* A record of @entity that passes every rule. */
static KfRecord *
valid_record (KfEntity entity)
{
  KfRecord *record;

  switch (entity)
    {
    case KF_ENTITY_BASE:
      record = kft_base (NULL, "县气象局");
      kft_set_text (record, "address", "县城气象路 1 号");
      kft_set_text (record, "contact_name", "李站长");
      kft_set_text (record, "contact_phone", "0571-1234567");
      return record;
    case KF_ENTITY_SESSION:
      return kft_session (UUID_A, "2025-05-24", "09:00", "11:00", 40, "气象科普开放日",
                          "meteorology", "exhibition");
    case KF_ENTITY_BOOKING:
      record = kft_booking (UUID_A, UUID_B, "第一中学", 30, 2, "requested");
      kft_set_text (record, "grade", "初二");
      return record;
    case KF_ENTITY_VISIT:
      return kft_visit (UUID_A, UUID_B, NULL, "walk_in_group", "社区老年大学",
                        "2025-05-24T09:05:00+08:00", 10, 2);
    case KF_N_ENTITIES:
    default:
      g_assert_not_reached ();
    }
}

/* One field set to one value, and what validation must say. */
typedef enum
{
  V_TEXT,     /* text as written (NULL for NULL) */
  V_REPEAT,   /* text repeated n times */
  V_INT,      /* n */
} ValueKind;

typedef struct
{
  KfEntity    entity;
  const char *field;
  ValueKind   kind;
  const char *text;
  gint64      n;
  int         expect;        /* OK or a KfError */
  const char *expect_field;  /* NULL: the field itself */
} FieldCase;

#define TXT(e, f, s, x) { KF_ENTITY_##e, f, V_TEXT, s, 0, x, NULL }
#define TXF(e, f, s, x, xf) { KF_ENTITY_##e, f, V_TEXT, s, 0, x, xf }
#define REP(e, f, u, n, x) { KF_ENTITY_##e, f, V_REPEAT, u, n, x, NULL }
#define NUM(e, f, n, x) { KF_ENTITY_##e, f, V_INT, NULL, n, x, NULL }

static const FieldCase field_cases[] = {
  /* base */
  REP (BASE, "name", "县", 0, INV),
  REP (BASE, "name", "县", 1, OK),
  REP (BASE, "name", "县", 100, OK),
  REP (BASE, "name", "县", 101, INV),
  TXT (BASE, "name", NULL, MISS),
  REP (BASE, "address", "路", 200, OK),
  REP (BASE, "address", "路", 201, INV),
  TXT (BASE, "address", "", OK),
  REP (BASE, "contact_name", "李", 50, OK),
  REP (BASE, "contact_name", "李", 51, INV),
  TXT (BASE, "contact_name", "", OK),
  TXT (BASE, "contact_phone", "", OK),
  TXT (BASE, "contact_phone", "13800000000", OK),
  REP (BASE, "contact_phone", "1", 20, OK),
  REP (BASE, "contact_phone", "1", 21, INV),
  TXT (BASE, "contact_phone", "call me", INV),

  /* session: references and times */
  TXT (SESSION, "base_id", UUID_B, OK),
  TXT (SESSION, "base_id", UUID_UPPER, INV),
  TXT (SESSION, "base_id", "0b8f6a3e2c1d4e5f8a9b0c1d2e3f4a5b", INV),
  TXT (SESSION, "base_id", "{0b8f6a3e-2c1d-4e5f-8a9b-0c1d2e3f4a5b}", INV),
  TXT (SESSION, "base_id", "0b8f6a3e-2c1d-4e5f-8a9b-0c1d2e3f4a5g", INV),
  TXT (SESSION, "base_id", "0b8f6a3e-2c1d-4e5f-8a9b-0c1d2e3f4a5", INV),
  TXT (SESSION, "base_id", "0b8f6a3e_2c1d_4e5f_8a9b_0c1d2e3f4a5b", INV),
  TXT (SESSION, "base_id", "", INV),
  TXT (SESSION, "base_id", NULL, MISS),
  TXT (SESSION, "date", "2024-02-29", OK),
  TXT (SESSION, "date", "2025-02-28", OK),
  TXT (SESSION, "date", "2025-12-31", OK),
  TXT (SESSION, "date", "2025-02-29", INV),
  TXT (SESSION, "date", "1900-02-29", INV),
  TXT (SESSION, "date", "2000-02-29", OK),
  TXT (SESSION, "date", "2025-13-01", INV),
  TXT (SESSION, "date", "2025-00-10", INV),
  TXT (SESSION, "date", "2025-04-31", INV),
  TXT (SESSION, "date", "2025-05-00", INV),
  TXT (SESSION, "date", "2025-5-1", INV),
  TXT (SESSION, "date", "2025-05-1", INV),
  TXT (SESSION, "date", "25-05-01", INV),
  TXT (SESSION, "date", "2025/05/01", INV),
  TXT (SESSION, "date", "2025-05-01 ", INV),
  TXT (SESSION, "date", "2025-05-01T00:00", INV),
  TXT (SESSION, "date", "0000-01-01", INV),
  TXT (SESSION, "date", "２０２５-05-01", INV),
  TXT (SESSION, "date", "", INV),
  TXT (SESSION, "date", NULL, MISS),
  TXT (SESSION, "start", "00:00", OK),
  TXT (SESSION, "start", "09:30", OK),
  TXT (SESSION, "start", "9:30", INV),
  TXT (SESSION, "start", "09:3", INV),
  TXT (SESSION, "start", "0930", INV),
  TXT (SESSION, "start", "09:30:00", INV),
  TXT (SESSION, "start", "09.30", INV),
  TXT (SESSION, "start", "12:60", INV),
  TXT (SESSION, "start", "-1:00", INV),
  TXT (SESSION, "start", "", INV),
  TXT (SESSION, "start", NULL, MISS),
  TXT (SESSION, "end", "23:59", OK),
  TXT (SESSION, "end", "24:00", INV),
  TXT (SESSION, "end", "25:00", INV),
  TXT (SESSION, "end", "9:30", INV),
  TXT (SESSION, "end", NULL, MISS),
  /* start == end, end before start: the error is about end */
  TXF (SESSION, "start", "11:00", INV, "end"),
  TXF (SESSION, "start", "11:01", INV, "end"),
  TXF (SESSION, "start", "23:59", INV, "end"),
  TXF (SESSION, "end", "09:00", INV, "end"),
  TXF (SESSION, "end", "08:59", INV, "end"),
  TXT (SESSION, "end", "09:01", OK),
  TXT (SESSION, "start", "10:59", OK),

  /* session: numbers and text */
  NUM (SESSION, "capacity", -1, INV),
  NUM (SESSION, "capacity", 0, INV),
  NUM (SESSION, "capacity", 1, OK),
  NUM (SESSION, "capacity", 100000, OK),
  NUM (SESSION, "capacity", 100001, INV),
  NUM (SESSION, "capacity", G_MAXINT64, INV),
  NUM (SESSION, "capacity", G_MININT64, INV),
  REP (SESSION, "title", "科", 0, INV),
  REP (SESSION, "title", "科", 1, OK),
  REP (SESSION, "title", "科", 100, OK),
  REP (SESSION, "title", "科", 101, INV),
  REP (SESSION, "title", "a", 100, OK),
  REP (SESSION, "title", "a", 101, INV),
  REP (SESSION, "title", "🌦", 100, OK),
  REP (SESSION, "title", "🌦", 101, INV),
  TXT (SESSION, "title", "\xff\xfe not UTF-8", INV),
  TXT (SESSION, "title", NULL, MISS),
  TXT (SESSION, "topic", "unknown", INV),
  TXT (SESSION, "topic", "AI", INV),
  TXT (SESSION, "topic", "ai ", INV),
  TXT (SESSION, "topic", "", INV),
  TXT (SESSION, "topic", NULL, MISS),
  TXT (SESSION, "format", "workshop", INV),
  TXT (SESSION, "format", "", INV),
  TXT (SESSION, "format", NULL, MISS),
  TXT (SESSION, "status", "open", INV),
  TXT (SESSION, "status", "", INV),
  TXT (SESSION, "status", NULL, MISS),
  TXT (SESSION, "note", "", OK),
  REP (SESSION, "note", "注", 1000, OK),
  REP (SESSION, "note", "注", 1001, INV),
  REP (SESSION, "note", "n", 1001, INV),
  TXT (SESSION, "note", NULL, MISS),

  /* booking */
  TXT (BOOKING, "base_id", UUID_UPPER, INV),
  TXT (BOOKING, "base_id", NULL, MISS),
  TXT (BOOKING, "session_id", UUID_A, OK),
  TXT (BOOKING, "session_id", UUID_UPPER, INV),
  TXT (BOOKING, "session_id", "", INV),
  TXT (BOOKING, "session_id", NULL, MISS),
  REP (BOOKING, "org_name", "校", 0, INV),
  REP (BOOKING, "org_name", "校", 1, OK),
  REP (BOOKING, "org_name", "校", 100, OK),
  REP (BOOKING, "org_name", "校", 101, INV),
  TXT (BOOKING, "org_name", NULL, MISS),
  TXT (BOOKING, "org_type", "university", INV),
  TXT (BOOKING, "org_type", NULL, MISS),
  TXT (BOOKING, "grade", "", OK),
  REP (BOOKING, "grade", "年", 50, OK),
  REP (BOOKING, "grade", "年", 51, INV),
  TXT (BOOKING, "grade", NULL, MISS),
  REP (BOOKING, "contact_name", "王", 0, INV),
  REP (BOOKING, "contact_name", "王", 1, OK),
  REP (BOOKING, "contact_name", "王", 50, OK),
  REP (BOOKING, "contact_name", "王", 51, INV),
  TXT (BOOKING, "contact_name", NULL, MISS),
  TXT (BOOKING, "contact_phone", "123456", INV),
  TXT (BOOKING, "contact_phone", "1234567", OK),
  REP (BOOKING, "contact_phone", "1", 20, OK),
  REP (BOOKING, "contact_phone", "1", 21, INV),
  TXT (BOOKING, "contact_phone", "138 0000 0000", OK),
  TXT (BOOKING, "contact_phone", "+86 138-0000-0000", OK),
  TXT (BOOKING, "contact_phone", "+86-10-1234", OK),
  TXT (BOOKING, "contact_phone", "1380000000a", INV),
  TXT (BOOKING, "contact_phone", "138.0000.0000", INV),
  TXT (BOOKING, "contact_phone", "(010)1234567", INV),
  TXT (BOOKING, "contact_phone", "138/0000/0000", INV),
  TXT (BOOKING, "contact_phone", "13800000000\n", INV),
  TXT (BOOKING, "contact_phone", "１３８００００００００", INV),
  TXT (BOOKING, "contact_phone", "", INV),
  TXT (BOOKING, "contact_phone", NULL, MISS),
  NUM (BOOKING, "youth_count", -1, INV),
  NUM (BOOKING, "youth_count", 0, OK),
  NUM (BOOKING, "youth_count", 1, OK),
  NUM (BOOKING, "youth_count", 10000, OK),
  NUM (BOOKING, "youth_count", 10001, INV),
  NUM (BOOKING, "youth_count", 100000, INV),
  NUM (BOOKING, "adult_count", -1, INV),
  NUM (BOOKING, "adult_count", 0, OK),
  NUM (BOOKING, "adult_count", 10000, OK),
  NUM (BOOKING, "adult_count", 10001, INV),
  TXT (BOOKING, "status", "pending", INV),
  TXT (BOOKING, "status", "Confirmed", INV),
  TXT (BOOKING, "status", NULL, MISS),
  TXT (BOOKING, "note", "", OK),
  REP (BOOKING, "note", "注", 1000, OK),
  REP (BOOKING, "note", "注", 1001, INV),

  /* visit */
  TXT (VISIT, "base_id", "", INV),
  TXT (VISIT, "base_id", NULL, MISS),
  TXT (VISIT, "session_id", NULL, OK),
  TXT (VISIT, "session_id", UUID_A, OK),
  TXT (VISIT, "session_id", UUID_UPPER, INV),
  TXT (VISIT, "session_id", "", INV),
  TXT (VISIT, "session_id", "none", INV),
  TXT (VISIT, "booking_id", NULL, OK),
  TXT (VISIT, "booking_id", UUID_A, OK),
  TXT (VISIT, "booking_id", UUID_UPPER, INV),
  TXT (VISIT, "booking_id", "", INV),
  TXT (VISIT, "kind", "group", INV),
  TXT (VISIT, "kind", "", INV),
  TXT (VISIT, "kind", NULL, MISS),
  /* a booked visit needs its booking (the base record has none) */
  TXF (VISIT, "kind", "booked", MISS, "booking_id"),
  REP (VISIT, "group_name", "团", 0, INV),
  REP (VISIT, "group_name", "团", 1, OK),
  REP (VISIT, "group_name", "团", 100, OK),
  REP (VISIT, "group_name", "团", 101, INV),
  TXT (VISIT, "group_name", NULL, MISS),
  TXT (VISIT, "arrived_at", "2025-05-24T09:05:00+08:00", OK),
  TXT (VISIT, "arrived_at", "2025-05-24T09:05:00-05:30", OK),
  TXT (VISIT, "arrived_at", "2025-05-24T09:05:00+00:00", OK),
  TXT (VISIT, "arrived_at", "2025-05-24T01:05:00Z", OK),
  TXT (VISIT, "arrived_at", "2025-05-24T09:05:00.5+08:00", OK),
  TXT (VISIT, "arrived_at", "2025-05-24T09:05:00.123456Z", OK),
  TXT (VISIT, "arrived_at", "2024-02-29T23:59:59+08:00", OK),
  TXT (VISIT, "arrived_at", "2025-05-24T09:05:00", INV),
  TXT (VISIT, "arrived_at", "2025-05-24T09:05:00.123", INV),
  TXT (VISIT, "arrived_at", "2025-05-24 09:05:00+08:00", INV),
  TXT (VISIT, "arrived_at", "2025-05-24T09:05+08:00", INV),
  TXT (VISIT, "arrived_at", "2025-05-24T9:05:00+08:00", INV),
  TXT (VISIT, "arrived_at", "2025-05-24T09:05:00.+08:00", INV),
  TXT (VISIT, "arrived_at", "2025-05-24T09:05:00+0800", INV),
  TXT (VISIT, "arrived_at", "2025-05-24T09:05:00+08", INV),
  TXT (VISIT, "arrived_at", "2025-05-24T09:05:00+24:00", INV),
  TXT (VISIT, "arrived_at", "2025-05-24T09:05:00 +08:00", INV),
  TXT (VISIT, "arrived_at", "2025-05-24T09:05:00+08:00 ", INV),
  TXT (VISIT, "arrived_at", "2025-05-24T24:00:00+08:00", INV),
  TXT (VISIT, "arrived_at", "2025-05-24T09:60:00+08:00", INV),
  TXT (VISIT, "arrived_at", "2025-02-29T09:05:00+08:00", INV),
  TXT (VISIT, "arrived_at", "2025-5-24T09:05:00+08:00", INV),
  TXT (VISIT, "arrived_at", "2025-05-24", INV),
  TXT (VISIT, "arrived_at", "", INV),
  TXT (VISIT, "arrived_at", NULL, MISS),
  NUM (VISIT, "youth_count", -1, INV),
  NUM (VISIT, "youth_count", 0, OK),
  NUM (VISIT, "youth_count", 10001, OK),
  NUM (VISIT, "youth_count", 100000, OK),
  NUM (VISIT, "youth_count", 100001, INV),
  NUM (VISIT, "adult_count", -1, INV),
  NUM (VISIT, "adult_count", 0, OK),
  NUM (VISIT, "adult_count", 100000, OK),
  NUM (VISIT, "adult_count", 100001, INV),
  TXT (VISIT, "note", "", OK),
  REP (VISIT, "note", "注", 1000, OK),
  REP (VISIT, "note", "注", 1001, INV),
};

static void
apply_case (KfRecord        *record,
            const FieldCase *c)
{
  g_autofree char *repeated = NULL;

  switch (c->kind)
    {
    case V_TEXT:
      kft_set_text (record, c->field, c->text);
      break;
    case V_REPEAT:
      repeated = kft_repeat (c->text, c->n);
      kft_set_text (record, c->field, repeated);
      break;
    case V_INT:
      kft_set_int (record, c->field, c->n);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
check_validation (const KfRecord *record,
                  int             expect,
                  const char     *expect_field)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = kf_record_validate (record, &error);

  if (expect == OK)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      return;
    }
  g_assert_false (ok);
  kft_assert_kf_error (error, expect, expect_field);
  /* The message is the reason alone; the field is kept beside it. */
  g_assert_false (g_str_has_prefix (error->message, expect_field));
}

static void
test_valid_records (void)
{
  for (KfEntity e = 0; e < KF_N_ENTITIES; e++)
    {
      g_autoptr(KfRecord) record = valid_record (e);

      check_validation (record, OK, NULL);
    }
}

static void
test_field_limits (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_cases); i++)
    {
      const FieldCase *c = &field_cases[i];
      g_autoptr(KfRecord) record = valid_record (c->entity);

      g_test_message ("case %u: %s.%s", i, kf_entity_info (c->entity)->name, c->field);
      apply_case (record, c);
      check_validation (record, c->expect, c->expect_field ? c->expect_field : c->field);
    }
}

/* youth_count + adult_count >= 1, named on youth_count */
static void
test_group_people (void)
{
  static const struct
  {
    gint64 youth;
    gint64 adults;
    int    expect;
  } cases[] = {
    { 0, 0, INV }, { 1, 0, OK }, { 0, 1, OK }, { 10000, 10000, OK }, { 0, -1, INV },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KfRecord) record = valid_record (KF_ENTITY_BOOKING);

      KF_BOOKING (record)->youth_count = cases[i].youth;
      KF_BOOKING (record)->adult_count = cases[i].adults;
      check_validation (record, cases[i].expect,
                        cases[i].adults < 0 ? "adult_count" : "youth_count");
    }

  /* A visit is a fact: a tally at zero is a visit of nobody yet. */
  {
    g_autoptr(KfRecord) visit = valid_record (KF_ENTITY_VISIT);

    KF_VISIT (visit)->youth_count = 0;
    KF_VISIT (visit)->adult_count = 0;
    check_validation (visit, OK, NULL);
  }
}

static void
test_booked_visit (void)
{
  g_autoptr(KfRecord) visit = valid_record (KF_ENTITY_VISIT);

  kft_set_text (visit, "kind", "booked");
  check_validation (visit, MISS, "booking_id");
  kft_set_text (visit, "booking_id", UUID_B);
  check_validation (visit, OK, NULL);
  kft_set_text (visit, "session_id", NULL);
  check_validation (visit, OK, NULL);

  kft_set_text (visit, "kind", "walk_in_group");
  kft_set_text (visit, "booking_id", NULL);
  check_validation (visit, OK, NULL);
  kft_set_text (visit, "kind", "individuals");
  check_validation (visit, OK, NULL);
}

static void
test_record_id (void)
{
  static const struct
  {
    const char *id;
    int         expect;
  } cases[] = {
    { UUID_A, OK }, { UUID_UPPER, INV }, { NULL, INV }, { "", INV }, { "1", INV },
  };

  for (KfEntity e = 0; e < KF_N_ENTITIES; e++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(KfRecord) record = valid_record (e);

        g_free (record->id);
        record->id = g_strdup (cases[i].id);
        check_validation (record, cases[i].expect, "id");
      }
}

/* The code lists are those of the protocol, to the letter. */
static void
test_code_lists (void)
{
  static const char * const topics[] = {
    "ai", "emergency_safety", "food_safety", "new_energy_materials", "meteorology",
    "agriculture", "health", "other", NULL
  };
  static const char * const formats[] = {
    "exhibition", "study_tour", "lecture", "short_video", "hands_on", "other", NULL
  };
  static const char * const session_statuses[] = { "scheduled", "cancelled", NULL };
  static const char * const org_types[] = {
    "school", "kindergarten", "community", "enterprise", "other", NULL
  };
  static const char * const booking_statuses[] = {
    "requested", "confirmed", "declined", "cancelled", "attended", "no_show", NULL
  };
  static const char * const kinds[] = { "booked", "walk_in_group", "individuals", NULL };
  static const char * const roles[] = { "base", "school", "reviewer", NULL };
  static const struct
  {
    KfEntity            entity;
    const char         *field;
    const char * const *expected;
    const char * const *actual;
  } lists[] = {
    { KF_ENTITY_SESSION, "topic", topics, kf_topic_codes },
    { KF_ENTITY_SESSION, "format", formats, kf_format_codes },
    { KF_ENTITY_SESSION, "status", session_statuses, kf_session_status_codes },
    { KF_ENTITY_BOOKING, "org_type", org_types, kf_org_type_codes },
    { KF_ENTITY_BOOKING, "status", booking_statuses, kf_booking_status_codes },
    { KF_ENTITY_VISIT, "kind", kinds, kf_visit_kind_codes },
  };

  g_assert_true (g_strv_equal ((const char **) roles, (const char **) kf_role_codes));

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      const KfFieldSpec *spec = kf_entity_find_field (lists[i].entity, lists[i].field);
      static const char * const unknown[] = { "unknown", "", " ", "none", "other2", NULL };

      g_assert_true (g_strv_equal ((const char **) lists[i].expected,
                                   (const char **) lists[i].actual));
      g_assert_nonnull (spec);
      g_assert_cmpint (spec->type, ==, KF_FIELD_CODE);
      g_assert_true (spec->codes == lists[i].actual);

      for (guint j = 0; lists[i].expected[j] != NULL; j++)
        {
          g_autoptr(KfRecord) record = valid_record (lists[i].entity);

          g_assert_true (kf_code_is_valid (spec->codes, lists[i].expected[j]));
          kft_set_text (record, lists[i].field, lists[i].expected[j]);
          if (g_str_equal (lists[i].expected[j], "booked"))
            kft_set_text (record, "booking_id", UUID_B);
          check_validation (record, OK, NULL);

          /* Upper case is another code. */
          {
            g_autofree char *upper = g_ascii_strup (lists[i].expected[j], -1);

            kft_set_text (record, lists[i].field, upper);
            check_validation (record, INV, lists[i].field);
          }
        }

      for (guint j = 0; unknown[j] != NULL; j++)
        {
          g_autoptr(KfRecord) record = valid_record (lists[i].entity);

          g_assert_false (kf_code_is_valid (spec->codes, unknown[j]));
          kft_set_text (record, lists[i].field, unknown[j]);
          check_validation (record, INV, lists[i].field);
        }
      g_assert_false (kf_code_is_valid (spec->codes, NULL));
    }
}

/* The format checkers on their own, including NULL. */
static void
test_format_checkers (void)
{
  g_assert_false (kf_date_is_valid (NULL));
  g_assert_false (kf_time_is_valid (NULL));
  g_assert_false (kf_instant_is_valid (NULL));
  g_assert_false (kf_uuid_is_valid (NULL));
  g_assert_false (kf_phone_is_valid (NULL));

  g_assert_true (kf_date_is_valid ("2024-02-29"));
  g_assert_false (kf_date_is_valid ("2025-02-29"));
  g_assert_true (kf_time_is_valid ("23:59"));
  g_assert_false (kf_time_is_valid ("24:00"));
  g_assert_true (kf_instant_is_valid ("2025-05-24T09:05:00Z"));
  g_assert_false (kf_instant_is_valid ("2025-05-24T09:05:00"));
  g_assert_true (kf_phone_is_valid ("+86 138-0000"));
  g_assert_false (kf_phone_is_valid ("138#"));

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *id = kf_new_id ();
      g_autofree char *upper = g_ascii_strup (id, -1);

      g_assert_true (kf_uuid_is_valid (id));
      g_assert_false (kf_uuid_is_valid (upper) && strcmp (upper, id) != 0);
    }
}

static void
test_new_ids_unique (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 1000; i++)
    g_assert_true (g_hash_table_add (seen, kf_new_id ()));
}

/* JSON */

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

/* The pushed data of a valid record, as a JSON object to mangle. */
static JsonObject *
valid_data (KfEntity entity)
{
  g_autoptr(KfRecord) record = valid_record (entity);

  return kf_record_to_json (record, FALSE);
}

static KfRecord *
from_data (KfEntity    entity,
           JsonObject *data,
           GError    **error)
{
  return kf_record_from_json_data (entity, UUID_A, data, error);
}

static void
test_json_valid_data (void)
{
  for (KfEntity e = 0; e < KF_N_ENTITIES; e++)
    {
      g_autoptr(KfRecord) record = valid_record (e);
      g_autoptr(JsonObject) data = kf_record_to_json (record, FALSE);
      g_autoptr(GError) error = NULL;
      g_autoptr(KfRecord) back = kf_record_from_json_data (e, record->id, data, &error);

      g_assert_no_error (error);
      g_assert_nonnull (back);
      g_assert_cmpint (back->version, ==, 0);
      g_assert_true (kf_record_equal_data (record, back));
      g_assert_true (kf_record_validate (back, NULL));
    }
}

static void
test_json_unknown_member (void)
{
  static const struct
  {
    KfEntity    entity;
    const char *member;
  } cases[] = {
    { KF_ENTITY_SESSION, "foo" },
    { KF_ENTITY_SESSION, "id" },
    { KF_ENTITY_SESSION, "version" },
    { KF_ENTITY_SESSION, "Title" },
    { KF_ENTITY_SESSION, "title " },
    { KF_ENTITY_SESSION, "session_id" },
    { KF_ENTITY_BOOKING, "confirmed_people" },
    { KF_ENTITY_BOOKING, "kind" },
    { KF_ENTITY_BOOKING, "child_names" },
    { KF_ENTITY_VISIT, "status" },
    { KF_ENTITY_VISIT, "title" },
    { KF_ENTITY_VISIT, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) data = valid_data (cases[i].entity);
      g_autoptr(GError) error = NULL;
      g_autoptr(KfRecord) record = NULL;

      json_object_set_string_member (data, cases[i].member, "x");
      record = from_data (cases[i].entity, data, &error);
      g_assert_null (record);
      kft_assert_kf_error (error, KF_ERROR_UNKNOWN_FIELD, cases[i].member);
    }
}

/* Every member left out: missing unless optional, then "" or null. */
static void
test_json_missing_member (void)
{
  for (KfEntity e = 0; e < KF_N_ENTITIES; e++)
    {
      const KfEntityInfo *info = kf_entity_info (e);

      for (guint i = 0; i < info->n_fields; i++)
        {
          const KfFieldSpec *field = &info->fields[i];
          g_autoptr(JsonObject) data = valid_data (e);
          g_autoptr(GError) error = NULL;
          g_autoptr(KfRecord) record = NULL;

          if (field->flags & KF_FIELD_COMPUTED)
            continue;
          json_object_remove_member (data, field->name);
          record = from_data (e, data, &error);

          if (!(field->flags & KF_FIELD_OPTIONAL))
            {
              g_assert_null (record);
              kft_assert_kf_error (error, KF_ERROR_MISSING_FIELD, field->name);
              continue;
            }
          g_assert_no_error (error);
          g_assert_nonnull (record);
          if (field->flags & KF_FIELD_NULLABLE)
            g_assert_null (kf_record_get_text (record, field));
          else
            g_assert_cmpstr (kf_record_get_text (record, field), ==, "");
          g_assert_true (kf_record_validate (record, NULL));
        }
    }
}

/* The optional members of the protocol, by name. */
static void
test_json_optional_members (void)
{
  static const struct
  {
    KfEntity    entity;
    const char *members[3];
  } cases[] = {
    { KF_ENTITY_SESSION, { "note", NULL } },
    { KF_ENTITY_BOOKING, { "note", "grade", NULL } },
    { KF_ENTITY_VISIT, { "note", "session_id", "booking_id" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) data = valid_data (cases[i].entity);
      g_autoptr(GError) error = NULL;
      g_autoptr(KfRecord) record = NULL;

      for (guint j = 0; j < 3 && cases[i].members[j] != NULL; j++)
        json_object_remove_member (data, cases[i].members[j]);
      record = from_data (cases[i].entity, data, &error);
      g_assert_no_error (error);
      g_assert_nonnull (record);
      g_assert_true (kf_record_validate (record, &error));
      g_assert_no_error (error);
    }
}

typedef enum
{
  J_STRING,
  J_INT,
  J_DOUBLE,
  J_WHOLE_DOUBLE,
  J_BOOL,
  J_NULL,
  J_OBJECT,
  J_ARRAY,
} JsonKind;

static void
set_member (JsonObject *data,
            const char *name,
            JsonKind    kind)
{
  switch (kind)
    {
    case J_STRING: json_object_set_string_member (data, name, "5"); break;
    case J_INT: json_object_set_int_member (data, name, 5); break;
    case J_DOUBLE: json_object_set_double_member (data, name, 1.5); break;
    case J_WHOLE_DOUBLE: json_object_set_double_member (data, name, 2.0); break;
    case J_BOOL: json_object_set_boolean_member (data, name, TRUE); break;
    case J_NULL: json_object_set_null_member (data, name); break;
    case J_OBJECT: json_object_set_object_member (data, name, json_object_new ()); break;
    case J_ARRAY: json_object_set_array_member (data, name, json_array_new ()); break;
    default: g_assert_not_reached ();
    }
}

/* A member of the wrong JSON type is invalid_field naming it. */
static void
test_json_wrong_types (void)
{
  guint checked = 0;

  for (KfEntity e = 0; e < KF_N_ENTITIES; e++)
    {
      const KfEntityInfo *info = kf_entity_info (e);

      for (guint i = 0; i < info->n_fields; i++)
        {
          const KfFieldSpec *field = &info->fields[i];
          gboolean is_int = field->type == KF_FIELD_INT;

          if (field->flags & KF_FIELD_COMPUTED)
            continue;
          for (JsonKind k = J_STRING; k <= J_ARRAY; k++)
            {
              g_autoptr(JsonObject) data = valid_data (e);
              g_autoptr(GError) error = NULL;
              g_autoptr(KfRecord) record = NULL;
              gboolean fits = (is_int && k == J_INT) || (!is_int && k == J_STRING) ||
                              (k == J_NULL && (field->flags & KF_FIELD_NULLABLE));

              set_member (data, field->name, k);
              record = from_data (e, data, &error);
              if (fits)
                {
                  g_assert_no_error (error);
                  g_assert_nonnull (record);
                  continue;
                }
              g_assert_null (record);
              kft_assert_kf_error (error, KF_ERROR_INVALID_FIELD, field->name);
              checked++;
            }
        }
    }
  g_assert_cmpuint (checked, >, 150);
}

/* The same, from JSON text as a client would send it. */
static void
test_json_text_types (void)
{
  static const struct
  {
    const char *member;
    const char *json;
    gboolean    ok;
  } cases[] = {
    { "capacity", "40", TRUE },
    { "capacity", "\"40\"", FALSE },
    { "capacity", "40.0", FALSE },
    { "capacity", "1.5", FALSE },
    { "capacity", "4e1", FALSE },
    { "capacity", "true", FALSE },
    { "capacity", "null", FALSE },
    { "capacity", "[40]", FALSE },
    { "capacity", "{\"n\": 40}", FALSE },
    { "title", "\"ok\"", TRUE },
    { "title", "null", FALSE },
    { "title", "40", FALSE },
    { "title", "false", FALSE },
    { "title", "[\"a\"]", FALSE },
    { "title", "{}", FALSE },
    { "note", "null", FALSE },
    { "note", "\"\"", TRUE },
    { "date", "20250524", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "{\"base_id\": \"" UUID_A "\", \"date\": \"2025-05-24\", \"start\": \"09:00\","
        " \"end\": \"11:00\", \"capacity\": 40, \"title\": \"t\", \"topic\": \"ai\","
        " \"format\": \"lecture\", \"status\": \"scheduled\", \"note\": \"\", \"%s\": %s}",
        cases[i].member, cases[i].json);
      g_autoptr(JsonObject) data = parse_object (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(KfRecord) record = from_data (KF_ENTITY_SESSION, data, &error);

      g_test_message ("%s: %s", cases[i].member, cases[i].json);
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_nonnull (record);
        }
      else
        {
          g_assert_null (record);
          kft_assert_kf_error (error, KF_ERROR_INVALID_FIELD, cases[i].member);
        }
    }
}

/* Computed members are shown in pulled data and ignored in pushed data. */
static void
test_json_computed_ignored (void)
{
  g_autoptr(JsonObject) data = valid_data (KF_ENTITY_SESSION);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) record = NULL;

  json_object_set_int_member (data, "confirmed_people", 30);
  json_object_set_string_member (data, "requested_people", "many");
  record = from_data (KF_ENTITY_SESSION, data, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_cmpint (KF_SESSION (record)->confirmed_people, ==, 0);
  g_assert_cmpint (KF_SESSION (record)->requested_people, ==, 0);
}

/* Values are read as they are: their limits are for kf_record_validate(). */
static void
test_json_values_not_checked (void)
{
  g_autoptr(JsonObject) data = valid_data (KF_ENTITY_SESSION);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) record = NULL;

  json_object_set_int_member (data, "capacity", 0);
  json_object_set_string_member (data, "topic", "unknown");
  record = from_data (KF_ENTITY_SESSION, data, &error);
  g_assert_no_error (error);
  g_assert_cmpint (KF_SESSION (record)->capacity, ==, 0);
  g_assert_false (kf_record_validate (record, &error));
  kft_assert_kf_error (error, KF_ERROR_INVALID_FIELD, "capacity");
}

static const char * const tricky_texts[] = {
  "科普开放日",
  "He said \"你好\"",
  "back\\slash \\\" \\n",
  "two\nlines\r\nand\ttab",
  "\x01\x02\x1f\x7f control",
  "🌦 emoji 𠀀 and é",
  "comma, \"quote\", end",
  "</script>&amp;'",
  " leading and trailing ",
  "\\u0041 not an escape",
};

/* Sets every free text field of @record to @text (cut to fit its limit). */
static void
set_all_texts (KfRecord   *record,
               const char *text)
{
  const KfEntityInfo *info = kf_entity_info (record->entity);

  for (guint i = 0; i < info->n_fields; i++)
    if (info->fields[i].type == KF_FIELD_TEXT)
      kf_record_set_text (record, &info->fields[i], text);
}

static void
check_round_trip (const KfRecord *record)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) full = g_string_new (NULL);
  g_autoptr(JsonObject) data = NULL;
  g_autoptr(JsonObject) meta = NULL;
  g_autoptr(JsonObject) built = kf_record_to_json (record, FALSE);
  g_autoptr(JsonNode) data_node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) built_node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) back = NULL;
  const KfEntityInfo *info = kf_entity_info (record->entity);
  guint n_members = 0;

  kf_record_append_json (record, FALSE, out);
  g_assert_true (g_utf8_validate (out->str, out->len, NULL));
  for (gsize i = 0; i < out->len; i++)
    g_assert_cmpint ((guchar) out->str[i], >=, 0x20);

  data = parse_object (out->str);
  back = kf_record_from_json_data (record->entity, record->id, data, &error);
  g_assert_no_error (error);
  g_assert_true (kf_record_equal_data (record, back));

  /* The text writer and the JsonObject builder agree. */
  json_node_set_object (data_node, data);
  json_node_set_object (built_node, built);
  g_assert_true (json_node_equal (data_node, built_node));

  /* Pushed data: no id, no version, no computed member. */
  g_assert_false (json_object_has_member (data, "id"));
  g_assert_false (json_object_has_member (data, "version"));
  for (guint i = 0; i < info->n_fields; i++)
    if (!(info->fields[i].flags & KF_FIELD_COMPUTED))
      n_members++;
  g_assert_cmpuint (json_object_get_size (data), ==, n_members);

  /* Pulled shape: id, version and every field. */
  kf_record_append_json (record, TRUE, full);
  meta = parse_object (full->str);
  g_assert_cmpstr (json_object_get_string_member (meta, "id"), ==, record->id);
  g_assert_cmpint (json_object_get_int_member (meta, "version"), ==, record->version);
  g_assert_cmpuint (json_object_get_size (meta), ==, info->n_fields + 2);
}

static void
test_json_round_trip (void)
{
  for (KfEntity e = 0; e < KF_N_ENTITIES; e++)
    for (guint i = 0; i < G_N_ELEMENTS (tricky_texts); i++)
      {
        g_autoptr(KfRecord) record = valid_record (e);

        record->version = 7 + i;
        set_all_texts (record, tricky_texts[i]);
        if (e == KF_ENTITY_SESSION)
          {
            KF_SESSION (record)->confirmed_people = 12;
            KF_SESSION (record)->requested_people = 3;
          }
        g_assert_true (kf_record_validate (record, NULL));
        check_round_trip (record);
      }

  /* Every control character, and null ids of a visit. */
  {
    g_autoptr(KfRecord) visit = valid_record (KF_ENTITY_VISIT);
    char controls[33];

    for (guint c = 1; c < 32; c++)
      controls[c - 1] = c;
    controls[31] = 0x7f;
    controls[32] = '\0';
    kft_set_text (visit, "note", controls);
    kft_set_text (visit, "session_id", NULL);
    check_round_trip (visit);
  }
}

static void
test_json_string_escapes (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "", "\"\"" },
    { "a\"b", "\"a\\\"b\"" },
    { "a\\b", "\"a\\\\b\"" },
    { "a\nb\rc\td", "\"a\\nb\\rc\\td\"" },
    { "\x01", "\"\\u0001\"" },
    { "\x1f", "\"\\u001f\"" },
    { "科", "\"科\"" },
    { "/", "\"/\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      kf_json_append_string (out, cases[i].in);
      g_assert_cmpstr (out->str, ==, cases[i].out);
    }
}

static void
test_mask_phone (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "13800000000", "138****0000" },
    { "13912345678", "139****5678" },
    { "138 1234 5678", "138 **** 5678" },
    { "138-1234-5678", "138-****-5678" },
    { "010-12345678", "010-****5678" },
    { "+86 13812345678", "+86 1******5678" },
    { "12345678", "123*5678" },
    { "1234567", "123****" },
    { "123", "123" },
    { "12", "12" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = kf_mask_phone (cases[i].in);

      g_assert_cmpstr (masked, ==, cases[i].out);
      g_assert_cmpuint (strlen (masked), ==, strlen (cases[i].in));
    }
  g_assert_null (kf_mask_phone (NULL));
}

/* copy, free and equal_data */

static void
test_copy (void)
{
  for (KfEntity e = 0; e < KF_N_ENTITIES; e++)
    {
      g_autoptr(KfRecord) record = valid_record (e);
      g_autoptr(KfRecord) copy = NULL;
      const KfEntityInfo *info = kf_entity_info (e);

      record->version = 5;
      if (e == KF_ENTITY_SESSION)
        KF_SESSION (record)->confirmed_people = 9;
      copy = kf_record_copy (record);

      g_assert_true (kf_record_equal_data (record, copy));
      g_assert_cmpint (copy->entity, ==, e);
      g_assert_cmpint (copy->version, ==, 5);
      g_assert_cmpstr (copy->id, ==, record->id);
      g_assert_true (copy->id != record->id);
      if (e == KF_ENTITY_SESSION)
        g_assert_cmpint (KF_SESSION (copy)->confirmed_people, ==, 9);

      for (guint i = 0; i < info->n_fields; i++)
        {
          const KfFieldSpec *field = &info->fields[i];
          g_autofree char *before = NULL;

          if (field->type == KF_FIELD_INT)
            continue;
          before = g_strdup (kf_record_get_text (record, field));
          g_assert_cmpstr (kf_record_get_text (copy, field), ==, before);
          if (before != NULL)
            g_assert_true (kf_record_get_text (copy, field) != kf_record_get_text (record, field));
          kf_record_set_text (copy, field, "changed");
          g_assert_cmpstr (kf_record_get_text (record, field), ==, before);
        }
    }
  kf_record_free (NULL);
}

static void
test_equal_data (void)
{
  for (KfEntity e = 0; e < KF_N_ENTITIES; e++)
    {
      g_autoptr(KfRecord) record = valid_record (e);
      const KfEntityInfo *info = kf_entity_info (e);

      for (guint i = 0; i < info->n_fields; i++)
        {
          const KfFieldSpec *field = &info->fields[i];
          g_autoptr(KfRecord) copy = kf_record_copy (record);

          if (field->type == KF_FIELD_INT)
            kf_record_set_int (copy, field, kf_record_get_int (record, field) + 1);
          else
            kf_record_set_text (copy, field, "other");
          /* Computed fields are not data. */
          g_assert_cmpint (kf_record_equal_data (record, copy), ==,
                           (field->flags & KF_FIELD_COMPUTED) != 0);
        }

      {
        g_autoptr(KfRecord) copy = kf_record_copy (record);

        copy->version = 99;
        g_assert_true (kf_record_equal_data (record, copy));
        g_free (copy->id);
        copy->id = kf_new_id ();
        g_assert_false (kf_record_equal_data (record, copy));
      }
    }

  /* NULL and "" differ (a visit without session is not one with an empty id). */
  {
    g_autoptr(KfRecord) a = valid_record (KF_ENTITY_VISIT);
    g_autoptr(KfRecord) b = kf_record_copy (a);

    kft_set_text (a, "session_id", NULL);
    kft_set_text (b, "session_id", "");
    g_assert_false (kf_record_equal_data (a, b));
  }
}

static void
test_entities (void)
{
  static const struct
  {
    const char *name;
    KfEntity    entity;
    const char *table;
  } cases[] = {
    { "base", KF_ENTITY_BASE, "bases" },
    { "session", KF_ENTITY_SESSION, "sessions" },
    { "booking", KF_ENTITY_BOOKING, "bookings" },
    { "visit", KF_ENTITY_VISIT, "visits" },
  };
  static const char * const bad[] = { "sessions", "Session", "", "outbox", NULL };
  KfEntity entity;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (kf_entity_from_string (cases[i].name, &entity));
      g_assert_cmpint (entity, ==, cases[i].entity);
      g_assert_cmpstr (kf_entity_info (entity)->name, ==, cases[i].name);
      g_assert_cmpstr (kf_entity_info (entity)->table, ==, cases[i].table);
    }
  for (guint i = 0; bad[i] != NULL; i++)
    g_assert_false (kf_entity_from_string (bad[i], &entity));
  g_assert_false (kf_entity_from_string (NULL, &entity));
  g_assert_null (kf_entity_find_field (KF_ENTITY_BOOKING, "title"));
  g_assert_null (kf_entity_find_field (KF_ENTITY_BOOKING, "id"));
}

static void
test_error_codes (void)
{
  static const char * const names[] = {
    "invalid_field", "missing_field", "unknown_field", "not_found", "forbidden",
    "forbidden_field", "invalid_transition", "over_capacity", "op_id_reused",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autofree char *described = NULL;
  KfError code;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpstr (kf_error_code_to_string (i), ==, names[i]);
      g_assert_true (kf_error_code_from_string (names[i], &code));
      g_assert_cmpint (code, ==, i);
    }
  for (code = 0; code <= KF_ERROR_FAILED; code++)
    {
      KfError back;

      g_assert_true (kf_error_code_from_string (kf_error_code_to_string (code), &back));
      g_assert_cmpint (back, ==, code);
    }
  g_assert_false (kf_error_code_from_string ("nope", &code));
  g_assert_false (kf_error_code_from_string (NULL, &code));

  kf_set_field_error (&error, KF_ERROR_INVALID_FIELD, "capacity", "must be between %d and %d",
                      1, 100000);
  g_assert_cmpstr (error->message, ==, "must be between 1 and 100000");
  g_assert_cmpstr (kf_error_get_field (error), ==, "capacity");
  described = kf_error_describe (error);
  g_assert_cmpstr (described, ==, "capacity: must be between 1 and 100000");

  /* The field travels with a copy of the error. */
  copy = g_error_copy (error);
  g_assert_cmpstr (kf_error_get_field (copy), ==, "capacity");

  g_clear_error (&error);
  g_clear_pointer (&described, g_free);
  kf_set_field_error (&error, KF_ERROR_FORBIDDEN, NULL, "no");
  g_assert_null (kf_error_get_field (error));
  described = kf_error_describe (error);
  g_assert_cmpstr (described, ==, "no");

  g_clear_error (&error);
  g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "io");
  g_assert_null (kf_error_get_field (error));
  g_assert_null (kf_error_get_field (NULL));

  kf_set_field_error (NULL, KF_ERROR_FORBIDDEN, "x", "ignored");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/record/validate/valid", test_valid_records);
  g_test_add_func ("/record/validate/field-limits", test_field_limits);
  g_test_add_func ("/record/validate/group-people", test_group_people);
  g_test_add_func ("/record/validate/booked-visit", test_booked_visit);
  g_test_add_func ("/record/validate/id", test_record_id);
  g_test_add_func ("/record/validate/code-lists", test_code_lists);
  g_test_add_func ("/record/validate/format-checkers", test_format_checkers);
  g_test_add_func ("/record/new-id/unique", test_new_ids_unique);
  g_test_add_func ("/record/json/valid-data", test_json_valid_data);
  g_test_add_func ("/record/json/unknown-member", test_json_unknown_member);
  g_test_add_func ("/record/json/missing-member", test_json_missing_member);
  g_test_add_func ("/record/json/optional-members", test_json_optional_members);
  g_test_add_func ("/record/json/wrong-types", test_json_wrong_types);
  g_test_add_func ("/record/json/text-types", test_json_text_types);
  g_test_add_func ("/record/json/computed-ignored", test_json_computed_ignored);
  g_test_add_func ("/record/json/values-not-checked", test_json_values_not_checked);
  g_test_add_func ("/record/json/round-trip", test_json_round_trip);
  g_test_add_func ("/record/json/string-escapes", test_json_string_escapes);
  g_test_add_func ("/record/mask-phone", test_mask_phone);
  g_test_add_func ("/record/copy", test_copy);
  g_test_add_func ("/record/equal-data", test_equal_data);
  g_test_add_func ("/record/entities", test_entities);
  g_test_add_func ("/record/error-codes", test_error_codes);

  return g_test_run ();
}

/* test-cli-records.c — the real kaifang-cli: sessions, bookings, visits and the
 * tally
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-util.h"
#include "kf-error.h"

#define ARGS(...) ((const char * const[]) { __VA_ARGS__, NULL })

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* sessions */

static void
test_session_add (CliFixture    *f,
                  gconstpointer  data)
{
  g_autofree char *base_id = cli_init_base (f->db);
  g_autoptr(CliRun) run = cli_run (f->db, "session", "add", "--date", "2025-05-24",
                                   "--start", "09:00", "--end=10:30", "--capacity", "60",
                                   "--title", "走进气象台：天气预报是怎样做出来的", "--note",
                                   "请带\"雨伞\", 谢谢", NULL);
  g_autofree char *id = cli_assert_prints_id (run);
  g_autoptr(KfRecord) record = cli_get_record (f->db, KF_ENTITY_SESSION, id);
  KfSession *session = KF_SESSION (record);

  g_assert_cmpstr (session->base_id, ==, base_id);
  g_assert_cmpstr (session->date, ==, "2025-05-24");
  g_assert_cmpstr (session->start, ==, "09:00");
  g_assert_cmpstr (session->end, ==, "10:30");
  g_assert_cmpint (session->capacity, ==, 60);
  g_assert_cmpstr (session->title, ==, "走进气象台：天气预报是怎样做出来的");
  g_assert_cmpstr (session->topic, ==, "other");
  g_assert_cmpstr (session->format, ==, "study_tour");
  g_assert_cmpstr (session->status, ==, "scheduled");
  g_assert_cmpstr (session->note, ==, "请带\"雨伞\", 谢谢");
  g_assert_cmpint (record->version, ==, 0);
  g_assert_cmpint (cli_count_rows (f->db, "SELECT count(*) FROM outbox"), ==, 1);

  /* the limits of capacity are accepted */
  {
    g_autofree char *one = cli_add_session (f->db, "2025-05-25", "09:00", "09:30", "1", "一",
                                            "meteorology", "lecture");
    g_autofree char *max = cli_add_session (f->db, "2025-05-25", "10:00", "11:30", "100000",
                                            "十万", "ai", "exhibition");
    g_autoptr(KfRecord) r = cli_get_record (f->db, KF_ENTITY_SESSION, max);
    g_assert_cmpint (KF_SESSION (r)->capacity, ==, 100000);
  }
}

#define SESSION_ARGS(date, start, end, capacity, ...) \
  ARGS ("session", "add", "--date", date, "--start", start, "--end", end, \
        "--capacity", capacity, "--title", "开放日", __VA_ARGS__)

static void
test_session_bad_input (CliFixture    *f,
                        gconstpointer  data)
{
  g_autofree char *long_title = g_strnfill (101, 'x');
  g_autofree char *long_title_line = NULL;
  const struct
  {
    const char * const *args;
    const char         *line;
  } cases[] = {
    { SESSION_ARGS ("2025-02-30", "09:00", "10:00", "10", "--topic", "other"),
      "kaifang-cli: --date: must be a date written YYYY-MM-DD, such as 2025-05-24\n" },
    { SESSION_ARGS ("2025-5-1", "09:00", "10:00", "10", "--topic", "other"),
      "kaifang-cli: --date: must be a date" },
    { SESSION_ARGS ("2025-05-24", "10:00", "09:00", "10", "--topic", "other"),
      "kaifang-cli: --end: must be later than the start time\n" },
    { SESSION_ARGS ("2025-05-24", "10:00", "10:00", "10", "--topic", "other"),
      "kaifang-cli: --end: must be later than the start time\n" },
    { SESSION_ARGS ("2025-05-24", "25:00", "26:00", "10", "--topic", "other"),
      "kaifang-cli: --start: must be a time" },
    { SESSION_ARGS ("2025-05-24", "9:00", "10:00", "10", "--topic", "other"),
      "kaifang-cli: --start: must be a time" },
    { SESSION_ARGS ("2025-05-24", "09:00", "10:00", "0", "--topic", "other"),
      "kaifang-cli: --capacity: must be between 1 and 100000\n" },
    { SESSION_ARGS ("2025-05-24", "09:00", "10:00", "100001", "--topic", "other"),
      "kaifang-cli: --capacity: must be between 1 and 100000\n" },
    { SESSION_ARGS ("2025-05-24", "09:00", "10:00", "-5", "--topic", "other"),
      "kaifang-cli: --capacity: must be between 1 and 100000\n" },
    { SESSION_ARGS ("2025-05-24", "09:00", "10:00", "99999999999999999999999", "--note", ""),
      "kaifang-cli: --capacity: must be between 1 and 100000\n" },
    { SESSION_ARGS ("2025-05-24", "09:00", "10:00", "abc", "--topic", "other"),
      "kaifang-cli: --capacity: must be a whole number\n" },
    { SESSION_ARGS ("2025-05-24", "09:00", "10:00", "1.5", "--topic", "other"),
      "kaifang-cli: --capacity: must be a whole number\n" },
    { SESSION_ARGS ("2025-05-24", "09:00", "10:00", "10", "--topic", "astrology"),
      "kaifang-cli: --topic: must be one of: ai, emergency_safety, food_safety, "
      "new_energy_materials, meteorology, agriculture, health, other\n" },
    { SESSION_ARGS ("2025-05-24", "09:00", "10:00", "10", "--format", "party"),
      "kaifang-cli: --format: must be one of: exhibition, study_tour" },
  };

  g_autofree char *base_id = cli_init_base (f->db);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    cli_assert_fails_unchanged (f->db, 1, cases[i].line, cases[i].args);

  long_title_line = g_strdup ("kaifang-cli: --title: must be 1 to 100 characters long\n");
  cli_assert_fails_unchanged (f->db, 1, long_title_line,
                              ARGS ("session", "add", "--date", "2025-05-24", "--start", "09:00",
                                    "--end", "10:00", "--capacity", "5", "--title", long_title));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --title: ",
                              ARGS ("session", "add", "--date", "2025-05-24", "--start", "09:00",
                                    "--end", "10:00", "--capacity", "5", "--title", ""));
  g_assert_cmpint (cli_count_rows (f->db, "SELECT count(*) FROM sessions"), ==, 0);
}

static void
test_session_cancel_list (CliFixture    *f,
                          gconstpointer  data)
{
  g_autofree char *base_id = cli_init_base (f->db);
  g_autofree char *s1 = cli_add_session (f->db, "2025-05-26", "09:00", "10:00", "30", "第二场",
                                         "health", "lecture");
  g_autofree char *s2 = cli_add_session (f->db, "2025-05-24", "14:00", "15:00", "40", "第一场",
                                         "ai", "hands_on");
  g_autoptr(CliRun) cancel = cli_run (f->db, "session", "cancel", s1, NULL);
  g_autoptr(CliRun) list = NULL;
  g_autoptr(CliRun) json_run = NULL;
  g_autoptr(CliRun) filtered = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(KfRecord) cancelled = NULL;
  JsonArray *array;
  JsonObject *first;

  cli_assert_ok (cancel);
  g_assert_cmpstr (cancel->out, ==, "");
  cancelled = cli_get_record (f->db, KF_ENTITY_SESSION, s1);
  g_assert_cmpstr (KF_SESSION (cancelled)->status, ==, "cancelled");

  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: 00000000-0000-4000-8000-000000000000: "
                              "there is no session with this id\n",
                              ARGS ("session", "cancel", "00000000-0000-4000-8000-000000000000"));

  list = cli_run (f->db, "session", "list", NULL);
  cli_assert_ok (list);
  g_assert_nonnull (strstr (list->out, "第一场"));
  g_assert_nonnull (strstr (list->out, "cancelled"));
  g_assert_nonnull (strstr (list->out, "14:00–15:00"));
  /* by date: the 24th first */
  g_assert_true (strstr (list->out, s2) < strstr (list->out, s1));

  json_run = cli_run (f->db, "session", "list", "--json", NULL);
  cli_assert_ok (json_run);
  json = parse_json (json_run->out);
  array = json_node_get_array (json);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  first = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, s2);
  g_assert_cmpint (json_object_get_int_member (first, "version"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "第一场");
  g_assert_cmpstr (json_object_get_string_member (first, "base_id"), ==, base_id);
  g_assert_cmpint (json_object_get_int_member (first, "capacity"), ==, 40);

  filtered = cli_run (f->db, "session", "list", "--from", "2025-05-25", "--to=2025-05-31",
                      "--json", NULL);
  cli_assert_ok (filtered);
  g_assert_null (strstr (filtered->out, s2));
  g_assert_nonnull (strstr (filtered->out, s1));

  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --from: must be a date",
                              ARGS ("session", "list", "--from", "2025-13-01"));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --to: must not be before",
                              ARGS ("session", "list", "--from", "2025-05-02", "--to",
                                    "2025-05-01"));
}

/* bookings */

static KfBooking *
get_booking (const char *db,
             const char *id)
{
  return KF_BOOKING (cli_get_record (db, KF_ENTITY_BOOKING, id));
}

static void
assert_booking_status (const char *db,
                       const char *id,
                       const char *status)
{
  g_autoptr(KfRecord) booking = (KfRecord *) get_booking (db, id);

  g_assert_cmpstr (KF_BOOKING (booking)->status, ==, status);
}

static void
test_booking_add (CliFixture    *f,
                  gconstpointer  data)
{
  g_autofree char *base_id = cli_init_base (f->db);
  g_autofree char *session = cli_add_session (f->db, "2025-05-24", "09:00", "10:30", "60", "开放",
                                              "meteorology", "study_tour");
  g_autoptr(CliRun) run = cli_run (f->db, "booking", "add", "--session", session,
                                   "--org", "沁水县实验小学", "--org-type", "school",
                                   "--contact-name", "刘芳", "--contact-phone", "139 3456-1201",
                                   "--youth", "45", "--adults", "5", "--grade", "五年级",
                                   "--note", "需要讲解", NULL);
  g_autofree char *id = cli_assert_prints_id (run);
  g_autoptr(KfRecord) record = cli_get_record (f->db, KF_ENTITY_BOOKING, id);
  KfBooking *b = KF_BOOKING (record);
  g_autofree char *confirmed = NULL;

  g_assert_cmpstr (b->base_id, ==, base_id);
  g_assert_cmpstr (b->session_id, ==, session);
  g_assert_cmpstr (b->org_name, ==, "沁水县实验小学");
  g_assert_cmpstr (b->org_type, ==, "school");
  g_assert_cmpstr (b->grade, ==, "五年级");
  g_assert_cmpstr (b->contact_name, ==, "刘芳");
  g_assert_cmpstr (b->contact_phone, ==, "139 3456-1201");
  g_assert_cmpint (b->youth_count, ==, 45);
  g_assert_cmpint (b->adult_count, ==, 5);
  g_assert_cmpstr (b->status, ==, "requested");
  g_assert_cmpstr (b->note, ==, "需要讲解");

  confirmed = cli_add_booking (f->db, session, "龙港镇中心学校", "8", "2", TRUE);
  assert_booking_status (f->db, confirmed, "confirmed");
}

#define BOOKING_ARGS(session, org_type, phone, youth, adults) \
  ARGS ("booking", "add", "--session", session, "--org", "端氏镇中学", "--org-type", org_type, \
        "--contact-name", "冯晓东", "--contact-phone", phone, "--youth", youth, \
        "--adults", adults)

static void
test_booking_bad_input (CliFixture    *f,
                        gconstpointer  data)
{
  g_autofree char *base_id = cli_init_base (f->db);
  g_autofree char *s = cli_add_session (f->db, "2025-05-24", "09:00", "10:30", "50", "开放",
                                        "meteorology", "study_tour");
  g_autofree char *gone = cli_add_session (f->db, "2025-05-25", "09:00", "10:30", "50", "取消",
                                           "meteorology", "study_tour");
  g_autoptr(CliRun) cancel = cli_run (f->db, "session", "cancel", gone, NULL);
  const struct
  {
    const char * const *args;
    const char         *line;
  } cases[] = {
    { BOOKING_ARGS (s, "school", "13509760348", "-1", "3"),
      "kaifang-cli: --youth: must be between 0 and 10000\n" },
    { BOOKING_ARGS (s, "school", "13509760348", "3", "10001"),
      "kaifang-cli: --adults: must be between 0 and 10000\n" },
    { BOOKING_ARGS (s, "school", "13509760348", "0", "0"),
      "kaifang-cli: --youth: a group must have at least one person\n" },
    { BOOKING_ARGS (s, "school", "13509760348", "ten", "0"),
      "kaifang-cli: --youth: must be a whole number\n" },
    { BOOKING_ARGS (s, "university", "13509760348", "3", "1"),
      "kaifang-cli: --org-type: must be one of: school, kindergarten" },
    { BOOKING_ARGS (s, "school", "call-me", "3", "1"), "kaifang-cli: --contact-phone: " },
    { BOOKING_ARGS (s, "school", "123", "3", "1"), "kaifang-cli: --contact-phone: " },
    { BOOKING_ARGS ("0b7e3c1a-0000-4000-8000-000000000000", "school", "13509760348", "3", "1"),
      "kaifang-cli: --session: there is no session with this id\n" },
    { BOOKING_ARGS (gone, "school", "13509760348", "3", "1"),
      "kaifang-cli: --session: the session has been cancelled\n" },
    { ARGS ("booking", "add", "--session", s, "--org", "端氏镇中学", "--org-type", "school",
            "--contact-name", "冯晓东", "--contact-phone", "13509760348", "--youth", "50",
            "--adults", "1", "--confirm"),
      "kaifang-cli: --confirm: the session has 50 seats left, the group needs 51\n" },
  };

  cli_assert_ok (cancel);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    cli_assert_fails_unchanged (f->db, 1, cases[i].line, cases[i].args);
  g_assert_cmpint (cli_count_rows (f->db, "SELECT count(*) FROM bookings"), ==, 0);
}

static void
test_booking_transitions (CliFixture    *f,
                          gconstpointer  data)
{
  g_autofree char *base_id = cli_init_base (f->db);
  g_autofree char *s = cli_add_session (f->db, "2025-05-24", "09:00", "10:30", "50", "开放",
                                        "meteorology", "study_tour");
  g_autofree char *a = cli_add_booking (f->db, s, "甲校", "30", "2", FALSE);
  g_autofree char *b = cli_add_booking (f->db, s, "乙校", "20", "2", FALSE);
  g_autofree char *c = cli_add_booking (f->db, s, "丙校", "5", "1", FALSE);
  g_autofree char *d = cli_add_booking (f->db, s, "丁校", "5", "1", FALSE);
  static const struct
  {
    const char *word;
    const char *to;
  } steps[] = {
    { "confirm", "confirmed" }, { "attended", "attended" }, { "no-show", "no_show" },
    { "attended", "attended" },
  };

  /* requested → confirmed → attended ↔ no_show */
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(CliRun) run = cli_run (f->db, "booking", steps[i].word, a, NULL);
      cli_assert_ok (run);
      g_assert_cmpstr (run->out, ==, "");
      assert_booking_status (f->db, a, steps[i].to);
    }

  /* 32 seats taken of 50: 22 people do not fit */
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: booking confirm: the session has 18 seats "
                              "left, the group needs 22\n", ARGS ("booking", "confirm", b));
  /* not allowed: from requested to attended; declining a confirmed booking */
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: booking attended: cannot change from "
                              "requested to attended\n", ARGS ("booking", "attended", b));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: booking no-show: cannot change from "
                              "requested to no_show\n", ARGS ("booking", "no-show", b));
  {
    g_autoptr(CliRun) run = cli_run (f->db, "booking", "confirm", c, NULL);
    cli_assert_ok (run);
  }
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: booking decline: cannot change from "
                              "confirmed to declined\n", ARGS ("booking", "decline", c));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: booking decline: cannot change from "
                              "attended to declined\n", ARGS ("booking", "decline", a));

  {
    g_autoptr(CliRun) decline = cli_run (f->db, "booking", "decline", b, NULL);
    g_autoptr(CliRun) cancel = cli_run (f->db, "booking", "cancel", c, NULL);
    g_autoptr(CliRun) cancel_d = cli_run (f->db, "booking", "cancel", d, NULL);
    cli_assert_ok (decline);
    cli_assert_ok (cancel);
    cli_assert_ok (cancel_d);
  }
  assert_booking_status (f->db, b, "declined");
  assert_booking_status (f->db, c, "cancelled");
  assert_booking_status (f->db, d, "cancelled");
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: booking confirm: cannot change from "
                              "declined to confirmed\n", ARGS ("booking", "confirm", b));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: 11111111-1111-4111-8111-111111111111: "
                              "there is no booking with this id\n",
                              ARGS ("booking", "cancel", "11111111-1111-4111-8111-111111111111"));
}

static void
test_booking_list (CliFixture    *f,
                   gconstpointer  data)
{
  g_autofree char *base_id = cli_init_base (f->db);
  g_autofree char *s1 = cli_add_session (f->db, "2025-05-24", "09:00", "10:30", "50", "甲",
                                         "meteorology", "study_tour");
  g_autofree char *s2 = cli_add_session (f->db, "2025-05-25", "09:00", "10:30", "50", "乙",
                                         "meteorology", "study_tour");
  g_autofree char *a = cli_add_booking (f->db, s1, "沁水县实验小学", "30", "2", TRUE);
  g_autofree char *b = cli_add_booking (f->db, s2, "端氏镇中学", "20", "2", FALSE);
  g_autoptr(CliRun) all = cli_run (f->db, "booking", "list", NULL);
  g_autoptr(CliRun) confirmed = cli_run (f->db, "booking", "list", "--status", "confirmed",
                                         "--json", NULL);
  g_autoptr(CliRun) by_session = cli_run (f->db, "booking", "list", "--session", s2, "--json",
                                          NULL);
  g_autoptr(JsonNode) json = NULL;
  JsonArray *array;

  cli_assert_ok (all);
  g_assert_nonnull (strstr (all->out, "沁水县实验小学"));
  g_assert_nonnull (strstr (all->out, "端氏镇中学"));

  cli_assert_ok (confirmed);
  json = parse_json (confirmed->out);
  array = json_node_get_array (json);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "id"), ==, a);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "org_name"), ==, "沁水县实验小学");

  cli_assert_ok (by_session);
  g_assert_nonnull (strstr (by_session->out, b));
  g_assert_null (strstr (by_session->out, a));

  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --status: must be one of: requested, ",
                              ARGS ("booking", "list", "--status", "pending"));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --session: there is no session",
                              ARGS ("booking", "list", "--session", "nope"));
}

/* visits */

static void
test_visit_booked (CliFixture    *f,
                   gconstpointer  data)
{
  g_autofree char *base_id = cli_init_base (f->db);
  g_autofree char *s = cli_add_session (f->db, "2025-05-24", "09:00", "10:30", "60", "开放",
                                        "meteorology", "study_tour");
  g_autofree char *booking = cli_add_booking (f->db, s, "沁水县实验小学", "45", "5", TRUE);
  g_autofree char *requested = cli_add_booking (f->db, s, "端氏镇中学", "5", "1", FALSE);
  gint64 ops_before = cli_count_rows (f->db, "SELECT count(*) FROM outbox");
  g_autoptr(CliRun) run = NULL;
  g_autofree char *id = NULL;
  g_autoptr(KfRecord) visit = NULL;
  KfVisit *v;

  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --booking: cannot change from requested "
                              "to attended\n",
                              ARGS ("visit", "add", "--booking", requested, "--youth", "5",
                                    "--adults", "1"));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --at: must be a date and time",
                              ARGS ("visit", "add", "--booking", booking, "--youth", "43",
                                    "--adults", "5", "--at", "2025-05-24 25:05"));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --at: ",
                              ARGS ("visit", "add", "--booking", booking, "--youth", "43",
                                    "--adults", "5", "--at", "yesterday"));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --youth: must be between 0 and 100000\n",
                              ARGS ("visit", "add", "--booking", booking, "--youth", "-1",
                                    "--adults", "5"));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --booking: there is no booking with this "
                              "id\n",
                              ARGS ("visit", "add", "--booking", s, "--youth", "1",
                                    "--adults", "5"));
  assert_booking_status (f->db, booking, "confirmed");

  run = cli_run (f->db, "visit", "add", "--booking", booking, "--youth", "43", "--adults", "6",
                 "--at", "2025-05-24 09:05", NULL);
  id = cli_assert_prints_id (run);
  visit = cli_get_record (f->db, KF_ENTITY_VISIT, id);
  v = KF_VISIT (visit);
  g_assert_cmpstr (v->kind, ==, "booked");
  g_assert_cmpstr (v->booking_id, ==, booking);
  g_assert_cmpstr (v->session_id, ==, s);
  g_assert_cmpstr (v->base_id, ==, base_id);
  g_assert_cmpstr (v->group_name, ==, "沁水县实验小学");
  g_assert_cmpstr (v->arrived_at, ==, "2025-05-24T09:05:00+08:00");
  g_assert_cmpint (v->youth_count, ==, 43);
  g_assert_cmpint (v->adult_count, ==, 6);
  assert_booking_status (f->db, booking, "attended");
  /* the visit and the booking, queued together; the booking's change of status is an op of
   * its own after the one that confirmed it (not sent yet), so the hub sees every step */
  {
    g_autofree char *visit_op = g_strdup_printf ("SELECT count(*) FROM outbox WHERE record_id = "
                                                 "'%s'", id);
    g_autofree char *booking_op = g_strdup_printf ("SELECT count(*) FROM outbox WHERE "
                                                   "record_id = '%s' AND data LIKE "
                                                   "'%%\"status\":\"attended\"%%'", booking);

    g_assert_cmpint (cli_count_rows (f->db, visit_op), ==, 1);
    g_assert_cmpint (cli_count_rows (f->db, booking_op), ==, 1);
    g_assert_cmpint (cli_count_rows (f->db, "SELECT count(*) FROM outbox"), ==, ops_before + 2);
  }
}

static void
test_visit_at_forms (CliFixture    *f,
                     gconstpointer  data)
{
  static const struct
  {
    const char *at;
    const char *stored;
  } cases[] = {
    { "2025-05-24T09:05", "2025-05-24T09:05:00+08:00" },
    { "2025-05-24T09:05:30", "2025-05-24T09:05:30+08:00" },
    { "2025-05-24 09:05:30", "2025-05-24T09:05:30+08:00" },
    { "2025-05-24T09:05:00+08:00", "2025-05-24T09:05:00+08:00" },
    { "2025-05-24T01:05:00Z", "2025-05-24T01:05:00Z" },
    { "2025-05-24T09:05:00-05:00", "2025-05-24T09:05:00-05:00" },
  };
  g_autofree char *base_id = cli_init_base (f->db);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CliRun) run = cli_run (f->db, "visit", "add", "--group", "散客团", "--youth", "1",
                                       "--adults", "1", "--at", cases[i].at, NULL);
      g_autofree char *id = cli_assert_prints_id (run);
      g_autoptr(KfRecord) visit = cli_get_record (f->db, KF_ENTITY_VISIT, id);

      g_assert_cmpstr (KF_VISIT (visit)->arrived_at, ==, cases[i].stored);
    }

  /* without --at: now, with the local offset */
  {
    g_autoptr(CliRun) run = cli_run (f->db, "visit", "add", "--group", "散客团", "--youth", "1",
                                     "--adults", "0", NULL);
    g_autofree char *id = cli_assert_prints_id (run);
    g_autoptr(KfRecord) visit = cli_get_record (f->db, KF_ENTITY_VISIT, id);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

    g_assert_true (g_str_has_prefix (KF_VISIT (visit)->arrived_at, today));
    g_assert_true (g_str_has_suffix (KF_VISIT (visit)->arrived_at, "+08:00"));
  }

  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --at: ",
                              ARGS ("visit", "add", "--group", "g", "--youth", "1", "--adults",
                                    "1", "--at", "2025-02-30T09:00"));
}

static void
test_visit_walk_in (CliFixture    *f,
                    gconstpointer  data)
{
  g_autofree char *base_id = cli_init_base (f->db);
  g_autofree char *s = cli_add_session (f->db, "2025-05-24", "09:00", "10:30", "10", "小场",
                                        "meteorology", "hands_on");
  g_autoptr(CliRun) run = cli_run (f->db, "visit", "add", "--group", "龙港镇第二小学科技社团",
                                   "--youth", "15", "--adults", "2", "--session", s, "--at",
                                   "2025-05-24T09:10", NULL);
  g_autofree char *id = cli_assert_prints_id (run);
  g_autoptr(KfRecord) visit = cli_get_record (f->db, KF_ENTITY_VISIT, id);
  g_autoptr(CliRun) list = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *object;

  /* 17 people in a session of 10: recorded, not refused */
  g_assert_cmpstr (KF_VISIT (visit)->kind, ==, "walk_in_group");
  g_assert_cmpstr (KF_VISIT (visit)->session_id, ==, s);
  g_assert_null (KF_VISIT (visit)->booking_id);
  g_assert_cmpstr (KF_VISIT (visit)->group_name, ==, "龙港镇第二小学科技社团");
  g_assert_cmpint (KF_VISIT (visit)->youth_count, ==, 15);

  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --session: there is no session with this "
                              "id\n",
                              ARGS ("visit", "add", "--group", "g", "--youth", "1", "--adults",
                                    "1", "--session", "22222222-2222-4222-8222-222222222222"));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --group: ",
                              ARGS ("visit", "add", "--group", "", "--youth", "1", "--adults",
                                    "1"));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --adults: must be a whole number\n",
                              ARGS ("visit", "add", "--group", "g", "--youth", "1", "--adults",
                                    "many"));
  cli_assert_fails_unchanged (f->db, 2, "kaifang-cli: --session: ",
                              ARGS ("visit", "add", "--booking", id, "--youth", "1", "--adults",
                                    "1", "--session", s));

  list = cli_run (f->db, "visit", "list", "--from", "2025-05-24", "--to", "2025-05-24", "--json",
                  NULL);
  cli_assert_ok (list);
  json = parse_json (list->out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json)), ==, 1);
  object = json_array_get_object_element (json_node_get_array (json), 0);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (object, "group_name"), ==,
                   "龙港镇第二小学科技社团");
  g_assert_true (json_object_get_null_member (object, "booking_id"));
  {
    g_autoptr(CliRun) table = cli_run (f->db, "visit", "list", NULL);
    cli_assert_ok (table);
    g_assert_nonnull (strstr (table->out, "龙港镇第二小学科技社团"));
  }
}

static void
test_tally (CliFixture    *f,
            gconstpointer  data)
{
  g_autofree char *base_id = cli_init_base (f->db);
  g_autofree char *s = cli_add_session (f->db, "2025-05-24", "09:00", "10:30", "10", "小场",
                                        "meteorology", "hands_on");
  static const struct
  {
    const char *youth;
    const char *adults;
    const char *out;
  } steps[] = {
    { "3", "2", "youth=3 adults=2\n" },
    { "2", "-1", "youth=5 adults=1\n" },
    { NULL, "4", "youth=5 adults=5\n" },
    { "-5", NULL, "youth=0 adults=5\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(CliRun) run = NULL;

      g_ptr_array_add (args, (gpointer) "tally");
      g_ptr_array_add (args, (gpointer) "--session");
      g_ptr_array_add (args, (gpointer) s);
      if (steps[i].youth != NULL)
        {
          g_ptr_array_add (args, (gpointer) "--youth");
          g_ptr_array_add (args, (gpointer) steps[i].youth);
        }
      if (steps[i].adults != NULL)
        {
          g_ptr_array_add (args, (gpointer) "--adults");
          g_ptr_array_add (args, (gpointer) steps[i].adults);
        }
      g_ptr_array_add (args, NULL);
      run = cli_runv (f->db, (const char * const *) args->pdata, NULL);
      cli_assert_ok (run);
      g_assert_cmpstr (run->out, ==, steps[i].out);
    }

  /* one tally visit, dated by its session */
  g_assert_cmpint (cli_count_rows (f->db, "SELECT count(*) FROM visits WHERE kind = "
                                   "'individuals' AND youth_count = 0 AND adult_count = 5 AND "
                                   "arrived_at = '2025-05-24T09:00:00+08:00'"), ==, 1);
  g_assert_cmpint (cli_count_rows (f->db, "SELECT count(*) FROM visits"), ==, 1);

  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --youth: cannot go below 0 (it is 0)\n",
                              ARGS ("tally", "--session", s, "--youth", "-1"));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --adults: cannot go below 0 (it is 5)\n",
                              ARGS ("tally", "--session", s, "--adults", "-6"));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --session: there is no session with this "
                              "id\n",
                              ARGS ("tally", "--session", base_id, "--youth", "1"));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --youth: must be a whole number\n",
                              ARGS ("tally", "--session", s, "--youth", "+-1"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CliFixture, NULL, cli_fixture_setup, func, cli_fixture_teardown)

  ADD ("/cli/session/add", test_session_add);
  ADD ("/cli/session/bad-input", test_session_bad_input);
  ADD ("/cli/session/cancel-list", test_session_cancel_list);
  ADD ("/cli/booking/add", test_booking_add);
  ADD ("/cli/booking/bad-input", test_booking_bad_input);
  ADD ("/cli/booking/transitions", test_booking_transitions);
  ADD ("/cli/booking/list", test_booking_list);
  ADD ("/cli/visit/booked", test_visit_booked);
  ADD ("/cli/visit/at-forms", test_visit_at_forms);
  ADD ("/cli/visit/walk-in", test_visit_walk_in);
  ADD ("/cli/tally", test_tally);

  return g_test_run ();
}

/* test-reviewer-totals.c — the reviewer's totals equal the hub's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real kaifang-hub; three base installations run with kaifang-cli, each
 * on its own database (two doors of the Alpha Weather Station and the Beta
 * Farm): sessions of every format and topic over several days, some
 * cancelled; bookings in every status; booked groups arriving, walk-in
 * groups with and without a session, tallies of individual visitors from
 * both doors, taken back too; records made before the first sync and after
 * the reviewer's first sync. A reviewer installation syncs. Then, for every
 * grouping over two periods, the hub's GET /v1/totals, `kaifang-cli totals
 * --json` on the reviewer's database, the Totals page of the reviewer's
 * window and the Bases page show the same figures, and those equal a count
 * made here from the records the test created, by the definitions of the
 * protocol, never by the code under test.
 */
#define G_LOG_DOMAIN "kf-gui-tests"

#include "config.h"

#include <string.h>

#include "gui-test-util.h"
#include "kf-bases-page.h"
#include "kf-hub-harness.h"
#include "kf-totals-page.h"

#define N_FIGURES 8
enum { F_SESSIONS, F_GROUPS, F_VISITORS, F_YOUTH, F_ADULTS, F_CONFIRMED, F_ATTENDED, F_NO_SHOWS };
static const char * const figure_names[N_FIGURES] = {
  "sessions", "groups", "visitors", "youth", "adults",
  "bookings_confirmed", "bookings_attended", "no_shows",
};

static const char * const groupings[] = { "base", "date", "format", "topic" };
static const char * const periods[][2] = {
  { "2025-05-20", "2025-06-10" },
  { "2025-05-24", "2025-05-25" },
};

static const char * const formats[] = {
  "exhibition", "study_tour", "lecture", "short_video", "hands_on", "other",
};
static const char * const topics[] = {
  "ai", "emergency_safety", "food_safety", "new_energy_materials", "meteorology",
  "agriculture", "health", "other",
};
/* Days on both sides of each period's edges. */
static const char * const days[] = {
  "2025-05-19", "2025-05-20", "2025-05-23", "2025-05-24", "2025-05-25", "2025-05-26",
  "2025-06-10", "2025-06-11",
};

typedef struct
{
  char       *id;
  const char *base_id;
  const char *date;
  const char *format;
  const char *topic;
  gboolean    cancelled;
} Session;

typedef struct
{
  const Session *session;
  const char    *status;
} Booking;

typedef struct
{
  const char    *base_id;
  const Session *session;   /* NULL for a walk-in group without a session */
  const char    *kind;
  char          *date;
  gint64         youth;
  gint64         adults;
} Visit;

typedef struct
{
  char *db;
  char *base_id;   /* the hub's, once synced */
} Install;

/* A change to a record made earlier, applied once that record has been
 * pushed (see apply_changes()). */
typedef struct
{
  char           *id;
  const Session  *session;  /* NULL: @id is a session to cancel */
  const char     *status;   /* the booking's status to reach */
} Change;

typedef struct
{
  KfHub     *hub;
  char      *dir;
  GPtrArray *sessions;   /* Session */
  GPtrArray *bookings;   /* Booking */
  GPtrArray *visits;     /* Visit */
  GPtrArray *changes;    /* Change, not applied yet */
  GRand     *rand;
  Install    door1, door2, farm, reviewer;
} World;

static World world;

/* kaifang-cli */

static char *
cli_ok (const Install *install,
        const char    *first,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KF_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, install->db);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (proc) != 0)
    g_error ("kaifang-cli %s failed (%d): %s", first, g_subprocess_get_exit_status (proc), err);
  return g_strdup (g_strstrip (out));
}

static void
sync_install (Install    *install,
              KfTok       tok)
{
  g_autofree char *out = cli_ok (install, "sync", "--hub", world.hub->url,
                                 "--token", world.hub->token[tok], NULL);
  g_autofree char *status = cli_ok (install, "status", "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  g_assert_true (g_str_has_prefix (out, "pushed "));
  if (!g_str_has_suffix (out, ", conflicts 0, rejected 0"))
    g_error ("kaifang-cli sync: %s", out);
  json_parser_load_from_data (parser, status, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (object, "queued"), ==, 0);
  g_free (install->base_id);
  install->base_id = g_strdup (json_object_get_string_member_with_default (object, "base_id",
                                                                           NULL));
}

static void
install_init (Install    *install,
              const char *file,
              const char *role,
              const char *base_name)
{
  g_autofree char *out = NULL;

  install->db = g_build_filename (world.dir, file, NULL);
  if (base_name != NULL)
    out = cli_ok (install, "init", "--role", role, "--base-name", base_name, NULL);
  else
    out = cli_ok (install, "init", "--role", role, NULL);
}

/* Records, made with kaifang-cli and kept here as made */

static const char *
pick (const char * const *codes,
      guint               n)
{
  return codes[g_rand_int_range (world.rand, 0, (gint32) n)];
}

static Session *
add_session (Install    *install,
             const char *date,
             const char *format,
             const char *topic)
{
  Session *session = g_new0 (Session, 1);

  session->id = cli_ok (install, "session", "add", "--date", date, "--start", "09:00",
                        "--end", "11:30", "--capacity", "1000", "--title", "Open day",
                        "--topic", topic, "--format", format, NULL);
  session->date = date;
  session->format = format;
  session->topic = topic;
  g_ptr_array_add (world.sessions, session);
  return session;
}

static char *
people (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

static Visit *
keep_visit (const Session *session,
            const char    *kind,
            const char    *date,
            gint64         youth,
            gint64         adults)
{
  Visit *visit = g_new0 (Visit, 1);

  visit->session = session;
  visit->kind = kind;
  visit->date = g_strdup (date);
  visit->youth = youth;
  visit->adults = adults;
  g_ptr_array_add (world.visits, visit);
  return visit;
}

static void
arrive (Install       *install,
        const char    *booking_id,
        const Session *session)
{
  g_autofree char *youth = people (g_rand_int_range (world.rand, 5, 45));
  g_autofree char *adults = people (g_rand_int_range (world.rand, 1, 5));
  g_autofree char *at = g_strdup_printf ("%sT09:%02d:00+08:00", session->date,
                                         g_rand_int_range (world.rand, 0, 60));
  g_autofree char *id = cli_ok (install, "visit", "add", "--booking", booking_id,
                                "--youth", youth, "--adults", adults, "--at", at, NULL);

  keep_visit (session, "booked", session->date, g_ascii_strtoll (youth, NULL, 10),
              g_ascii_strtoll (adults, NULL, 10));
}

static void
later (const char    *id,
       const Session *session,
       const char    *status)
{
  Change *change = g_new0 (Change, 1);

  change->id = g_strdup (id);
  change->session = session;
  change->status = status;
  g_ptr_array_add (world.changes, change);
}

/* The changes of the records made since the last sync, now that they are
 * on the hub. Made before that, a change would rewrite the op that creates
 * the record (see the report of this test: a booking created `attended`
 * is rejected by the hub). */
static void
apply_changes (Install *install)
{
  for (guint i = 0; i < world.changes->len; i++)
    {
      Change *change = world.changes->pdata[i];
      g_autofree char *out = NULL;

      if (change->session == NULL)
        out = cli_ok (install, "session", "cancel", change->id, NULL);
      else if (g_str_equal (change->status, "declined"))
        out = cli_ok (install, "booking", "decline", change->id, NULL);
      else if (g_str_equal (change->status, "cancelled"))
        out = cli_ok (install, "booking", "cancel", change->id, NULL);
      else if (g_str_equal (change->status, "no_show"))
        out = cli_ok (install, "booking", "no-show", change->id, NULL);
      else if (g_str_equal (change->status, "attended"))
        arrive (install, change->id, change->session);
    }
  g_ptr_array_set_size (world.changes, 0);
}

/* A booking taken by phone, to be brought to @status by the transitions
 * of the protocol after the next sync. */
static void
add_booking (Install       *install,
             const Session *session,
             const char    *status)
{
  gboolean starts_confirmed = g_strcmp0 (status, "requested") != 0 &&
                              g_strcmp0 (status, "declined") != 0;
  g_autofree char *youth = people (g_rand_int_range (world.rand, 10, 50));
  g_autofree char *id = cli_ok (install, "booking", "add", "--session", session->id,
                                "--org", "Xinhua Middle School", "--org-type", "school",
                                "--contact-name", "Wang", "--contact-phone", "13800000000",
                                "--youth", youth, "--adults", "3",
                                starts_confirmed ? "--confirm" : NULL, NULL);
  Booking *booking = g_new0 (Booking, 1);

  booking->session = session;
  booking->status = status;
  g_ptr_array_add (world.bookings, booking);
  if (!g_str_equal (status, "requested") && !g_str_equal (status, "confirmed"))
    later (id, session, status);
}

static void
walk_in (Install       *install,
         const Session *session,
         const char    *date,
         const char    *clock_and_offset)
{
  g_autofree char *youth = people (g_rand_int_range (world.rand, 0, 30));
  g_autofree char *adults = people (g_rand_int_range (world.rand, 1, 10));
  g_autofree char *at = g_strdup_printf ("%sT%s", date, clock_and_offset);
  g_autofree char *id = NULL;

  if (session != NULL)
    id = cli_ok (install, "visit", "add", "--group", "Community group", "--youth", youth,
                 "--adults", adults, "--session", session->id, "--at", at, NULL);
  else
    id = cli_ok (install, "visit", "add", "--group", "Community group", "--youth", youth,
                 "--adults", adults, "--at", at, NULL);
  keep_visit (session, "walk_in_group", date, g_ascii_strtoll (youth, NULL, 10),
              g_ascii_strtoll (adults, NULL, 10));
}

/* Individual visitors at a door: the tally is one visit per installation
 * and session, dated by the session; here every change is kept as a visit
 * of its own, which sums the same (individuals are not groups). */
static void
tally (Install       *install,
       const Session *session,
       gint64         youth,
       gint64         adults)
{
  g_autofree char *y = people (youth);
  g_autofree char *a = people (adults);
  g_autofree char *out = cli_ok (install, "tally", "--session", session->id, "--youth", y,
                                 "--adults", a, NULL);

  keep_visit (session, "individuals", session->date, youth, adults);
}

static const char * const statuses[] = {
  "requested", "confirmed", "declined", "cancelled", "attended", "no_show",
};

/* A day of a base: one or two sessions, bookings, groups, a tally; a
 * session without bookings is sometimes cancelled. */
static void
plan_day (Install    *install,
          const char *date)
{
  guint n_sessions = g_rand_int_range (world.rand, 1, 3);

  for (guint s = 0; s < n_sessions; s++)
    {
      Session *session = add_session (install, date, pick (formats, G_N_ELEMENTS (formats)),
                                      pick (topics, G_N_ELEMENTS (topics)));
      guint n_bookings = g_rand_int_range (world.rand, 0, 4);

      if (n_bookings == 0 && g_rand_boolean (world.rand))
        {
          later (session->id, NULL, "cancelled");
          session->cancelled = TRUE;
          continue;
        }
      for (guint b = 0; b < n_bookings; b++)
        add_booking (install, session, pick (statuses, G_N_ELEMENTS (statuses)));
      if (g_rand_boolean (world.rand))
        walk_in (install, session, date, "10:15:00+08:00");
      tally (install, session, g_rand_int_range (world.rand, 1, 20),
             g_rand_int_range (world.rand, 0, 10));
    }
}

/* The sessions of a base as they stand, to be met by its other door. */
static GPtrArray *
sessions_of (const char *base_id)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < world.sessions->len; i++)
    {
      Session *session = world.sessions->pdata[i];

      if (g_strcmp0 (session->base_id, base_id) == 0 && !session->cancelled)
        g_ptr_array_add (out, session);
    }
  return out;
}

static void
set_base (const char *base_id,
          guint       first_session,
          guint       first_visit)
{
  for (guint i = first_session; i < world.sessions->len; i++)
    ((Session *) world.sessions->pdata[i])->base_id = base_id;
  for (guint i = first_visit; i < world.visits->len; i++)
    ((Visit *) world.visits->pdata[i])->base_id = base_id;
}

static void
make_world (void)
{
  g_autoptr(GPtrArray) alpha = NULL;
  guint sessions_before, visits_before;

  /* Door 1 of the Alpha Weather Station syncs first, then plans. */
  install_init (&world.door1, "door1.db", "base", KF_BASE_A_NAME);
  sync_install (&world.door1, KF_TOK_BASE_A);
  g_assert_cmpstr (world.door1.base_id, ==, KF_BASE_A_ID);
  sessions_before = world.sessions->len;
  visits_before = world.visits->len;
  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    plan_day (&world.door1, days[d]);
  set_base (KF_BASE_A_ID, sessions_before, visits_before);
  sync_install (&world.door1, KF_TOK_BASE_A);
  visits_before = world.visits->len;
  apply_changes (&world.door1);
  set_base (KF_BASE_A_ID, world.sessions->len, visits_before);
  sync_install (&world.door1, KF_TOK_BASE_A);

  /* The farm plans before its first sync: its records move to the hub's id. */
  install_init (&world.farm, "farm.db", "base", KF_BASE_B_NAME);
  sessions_before = world.sessions->len;
  visits_before = world.visits->len;
  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    plan_day (&world.farm, days[d]);
  walk_in (&world.farm, NULL, "2025-06-10", "23:30:00+00:00");
  set_base (KF_BASE_B_ID, sessions_before, visits_before);
  sync_install (&world.farm, KF_TOK_BASE_B);
  g_assert_cmpstr (world.farm.base_id, ==, KF_BASE_B_ID);
  visits_before = world.visits->len;
  apply_changes (&world.farm);
  set_base (KF_BASE_B_ID, world.sessions->len, visits_before);
  sync_install (&world.farm, KF_TOK_BASE_B);

  /* The reviewer syncs once in the middle of it all. */
  install_init (&world.reviewer, "reviewer.db", "reviewer", NULL);
  sync_install (&world.reviewer, KF_TOK_REVIEWER);

  /* Door 2 of the weather station counts its own visitors to door 1's
   * sessions, takes some back, and receives a group without a session. */
  install_init (&world.door2, "door2.db", "base", "Alpha door 2");
  sync_install (&world.door2, KF_TOK_BASE_A2);
  g_assert_cmpstr (world.door2.base_id, ==, KF_BASE_A_ID);
  visits_before = world.visits->len;
  alpha = sessions_of (KF_BASE_A_ID);
  for (guint i = 0; i < alpha->len; i += 2)
    {
      tally (&world.door2, alpha->pdata[i], 7, 2);
      tally (&world.door2, alpha->pdata[i], -1, 0);
    }
  walk_in (&world.door2, NULL, "2025-05-24", "15:45:00+08:00");
  walk_in (&world.door2, NULL, "2025-05-21", "15:45:00+08:00");
  set_base (KF_BASE_A_ID, world.sessions->len, visits_before);
  sync_install (&world.door2, KF_TOK_BASE_A2);

  /* Door 1 goes on after the reviewer's first sync. */
  sessions_before = world.sessions->len;
  visits_before = world.visits->len;
  plan_day (&world.door1, "2025-05-24");
  set_base (KF_BASE_A_ID, sessions_before, visits_before);
  sync_install (&world.door1, KF_TOK_BASE_A);
  visits_before = world.visits->len;
  apply_changes (&world.door1);
  set_base (KF_BASE_A_ID, world.sessions->len, visits_before);
  sync_install (&world.door1, KF_TOK_BASE_A);

  sync_install (&world.reviewer, KF_TOK_REVIEWER);
}

/* The count made here */

typedef struct
{
  char   *key;
  gint64  f[N_FIGURES];
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->key);
  g_free (row);
}

static const char *
session_key (const Session *session,
             const char    *by,
             const char    *base_id,
             const char    *date)
{
  if (g_str_equal (by, "base"))
    return base_id;
  if (g_str_equal (by, "date"))
    return date;
  if (session == NULL)
    return "none";
  return g_str_equal (by, "format") ? session->format : session->topic;
}

static Row *
row_for (GHashTable *rows,
         const char *key)
{
  Row *row = g_hash_table_lookup (rows, key);

  if (row == NULL)
    {
      row = g_new0 (Row, 1);
      row->key = g_strdup (key);
      g_hash_table_insert (rows, row->key, row);
    }
  return row;
}

static gboolean
in_period (const char *date,
           const char *from,
           const char *to)
{
  return strcmp (date, from) >= 0 && strcmp (date, to) <= 0;
}

static void
count_sessions_and_bookings (GHashTable *rows,
                             const char *by,
                             const char *from,
                             const char *to)
{
  for (guint i = 0; i < world.sessions->len; i++)
    {
      const Session *s = world.sessions->pdata[i];

      if (in_period (s->date, from, to) && !s->cancelled)
        row_for (rows, session_key (s, by, s->base_id, s->date))->f[F_SESSIONS]++;
    }
  for (guint i = 0; i < world.bookings->len; i++)
    {
      const Booking *b = world.bookings->pdata[i];
      const Session *s = b->session;
      Row *row;

      if (!in_period (s->date, from, to))
        continue;
      row = row_for (rows, session_key (s, by, s->base_id, s->date));
      row->f[F_CONFIRMED] += g_str_equal (b->status, "confirmed") ||
                             g_str_equal (b->status, "attended");
      row->f[F_ATTENDED] += g_str_equal (b->status, "attended");
      row->f[F_NO_SHOWS] += g_str_equal (b->status, "no_show");
    }
}

static void
count_visits (GHashTable *rows,
              const char *by,
              const char *from,
              const char *to)
{
  for (guint i = 0; i < world.visits->len; i++)
    {
      const Visit *v = world.visits->pdata[i];
      Row *row;

      if (!in_period (v->date, from, to))
        continue;
      row = row_for (rows, session_key (v->session, by, v->base_id, v->date));
      row->f[F_YOUTH] += v->youth;
      row->f[F_ADULTS] += v->adults;
      row->f[F_VISITORS] += v->youth + v->adults;
      row->f[F_GROUPS] += !g_str_equal (v->kind, "individuals");
    }
}

static const char *
base_name (const char *base_id)
{
  return g_str_equal (base_id, KF_BASE_A_ID) ? KF_BASE_A_NAME : KF_BASE_B_NAME;
}

static const char *
row_label (const char *by,
           const Row  *row)
{
  return g_str_equal (by, "base") ? base_name (row->key) : row->key;
}

static const char *sort_by;

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *x = *(Row * const *) a;
  const Row *y = *(Row * const *) b;

  return strcmp (row_label (sort_by, x), row_label (sort_by, y));
}

static gboolean
row_is_zero (const Row *row)
{
  for (guint f = 0; f < N_FIGURES; f++)
    if (row->f[f] != 0)
      return FALSE;
  return TRUE;
}

static void
add_figures (JsonBuilder  *builder,
             const gint64 *f)
{
  for (guint i = 0; i < N_FIGURES; i++)
    {
      json_builder_set_member_name (builder, figure_names[i]);
      json_builder_add_int_value (builder, f[i]);
    }
}

/* The answer of GET /v1/totals, counted here. */
static JsonNode *
expected_totals (const char *from,
                 const char *to,
                 const char *by)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, row_free);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 total[N_FIGURES] = { 0 };
  GHashTableIter iter;
  Row *row;

  count_sessions_and_bookings (rows, by, from, to);
  count_visits (rows, by, from, to);
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    if (!row_is_zero (row))
      g_ptr_array_add (sorted, row);
  sort_by = by;
  g_ptr_array_sort (sorted, compare_rows);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, from);
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, to);
  json_builder_set_member_name (builder, "by");
  json_builder_add_string_value (builder, by);
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sorted->len; i++)
    {
      row = sorted->pdata[i];
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, row->key);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, row_label (by, row));
      add_figures (builder, row->f);
      json_builder_end_object (builder);
      for (guint f = 0; f < N_FIGURES; f++)
        total[f] += row->f[f];
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_begin_object (builder);
  add_figures (builder, total);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Comparisons */

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static void
assert_same_json (JsonNode   *got,
                  JsonNode   *expected,
                  const char *what)
{
  if (!json_node_equal (got, expected))
    {
      g_autofree char *a = json_to_string (got, TRUE);
      g_autofree char *b = json_to_string (expected, TRUE);

      g_error ("%s:\n%s\nexpected:\n%s", what, a, b);
    }
}

static char *
hub_totals (const char *from,
            const char *to,
            const char *by)
{
  g_autofree char *path = g_strdup_printf ("/v1/totals?from=%s&to=%s&by=%s", from, to, by);
  g_autoptr(KfReply) reply = kf_hub_get (world.hub, world.hub->token[KF_TOK_REVIEWER], path);
  gsize length;
  const char *body;

  kf_assert_reply (reply, 200);
  body = g_bytes_get_data (reply->body, &length);
  return g_strndup (body, length);
}

/* The figures of core's KfTotals (what a page shows) against the hub's JSON. */
static void
assert_totals_are (const KfTotals *totals,
                   JsonNode       *hub)
{
  JsonObject *object = json_node_get_object (hub);
  JsonArray *rows = json_object_get_array_member (object, "rows");
  JsonObject *total = json_object_get_object_member (object, "total");

  g_assert_cmpstr (totals->from, ==, json_object_get_string_member (object, "from"));
  g_assert_cmpstr (totals->to, ==, json_object_get_string_member (object, "to"));
  g_assert_cmpstr (kf_totals_by_to_string (totals->by), ==,
                   json_object_get_string_member (object, "by"));
  g_assert_cmpuint (totals->rows->len, ==, json_array_get_length (rows));
  for (guint i = 0; i < totals->rows->len; i++)
    {
      const KfTotalsRow *row = g_ptr_array_index (totals->rows, i);
      JsonObject *expected = json_array_get_object_element (rows, i);

      g_assert_cmpstr (row->key, ==, json_object_get_string_member (expected, "key"));
      g_assert_cmpstr (row->label, ==, json_object_get_string_member (expected, "label"));
      for (guint f = 0; f < N_FIGURES; f++)
        g_assert_cmpint (kf_figures_get (&row->figures, f), ==,
                         json_object_get_int_member (expected, kf_figure_names[f]));
    }
  for (guint f = 0; f < N_FIGURES; f++)
    g_assert_cmpint (kf_figures_get (&totals->total, f), ==,
                     json_object_get_int_member (total, kf_figure_names[f]));
}

/* The window on the reviewer's database */

static KfGui *
reviewer_window (void)
{
  g_autoptr(GError) error = NULL;
  KfGui *gui = g_new0 (KfGui, 1);

  /* kf_gui_free() removes the folder, with every installation's database. */
  gui->dir = g_steal_pointer (&world.dir);
  gui->db_path = g_strdup (world.reviewer.db);
  gui->app = kf_application_new ();
  kf_application_set_db_path (gui->app, gui->db_path);
  g_application_register (G_APPLICATION (gui->app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (gui->app));
  gui->window = KF_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (gui->app)));
  g_assert_true (KF_IS_WINDOW (gui->window));
  kf_gui_settle ();
  return gui;
}

static GtkWidget *
find (GtkWidget  *root,
      const char *name)
{
  GtkWidget *widget = kf_gui_find (root, name);

  if (widget == NULL)
    g_error ("no widget named %s", name);
  return widget;
}

static void
choose_period (GtkWidget  *page,
               const char *prefix,
               const char *from,
               const char *to)
{
  g_autofree char *period = g_strconcat (prefix, "-period", NULL);
  g_autofree char *from_name = g_strconcat (prefix, "-from", NULL);
  g_autofree char *to_name = g_strconcat (prefix, "-to", NULL);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (find (page, period)), 2 /* custom */);
  kf_gui_settle ();
  kf_gui_set_text (find (page, from_name), from);
  kf_gui_set_text (find (page, to_name), to);
}

/* The Bases page: each base's figures are the hub's row of that base. */
static void
assert_bases_page (GtkWidget *page,
                   JsonNode  *hub)
{
  JsonArray *rows = json_object_get_array_member (json_node_get_object (hub), "rows");
  GtkListBox *list = GTK_LIST_BOX (find (page, "bases-list"));
  static const char * const shown[] = {
    "visitors", "youth", "adults", "groups", "sessions", "bookings_confirmed", "no_shows",
  };
  guint n = 0;

  for (GtkListBoxRow *row; (row = gtk_list_box_get_row_at_index (list, (int) n)) != NULL; n++)
    {
      const char *name = gtk_label_get_text (GTK_LABEL (find (GTK_WIDGET (row), "bases-name")));
      JsonObject *expected = NULL;

      for (guint i = 0; i < json_array_get_length (rows); i++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (rows, i),
                                                        "label"), name))
          expected = json_array_get_object_element (rows, i);
      for (guint f = 0; f < G_N_ELEMENTS (shown); f++)
        {
          g_autofree char *widget = g_strdup_printf ("bases-figure-%s", shown[f]);
          const char *text = gtk_label_get_text (GTK_LABEL (find (GTK_WIDGET (row), widget)));

          g_assert_cmpint (g_ascii_strtoll (text, NULL, 10), ==,
                           expected != NULL ? json_object_get_int_member (expected, shown[f])
                                            : 0);
        }
    }
  g_assert_cmpuint (n, ==, 2);
}

static void
test_equal (void)
{
  g_autoptr(KfGui) gui = NULL;
  GtkWidget *totals_page, *bases_page;
  guint compared = 0;

  make_world ();
  g_test_message ("%u sessions, %u bookings, %u visit records made with kaifang-cli",
                  world.sessions->len, world.bookings->len, world.visits->len);
  gui = reviewer_window ();
  totals_page = kf_gui_page (gui, "totals");
  bases_page = kf_gui_page (gui, "bases");

  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    {
      const char *from = periods[p][0], *to = periods[p][1];

      choose_period (totals_page, "totals", from, to);
      choose_period (bases_page, "bases", from, to);
      for (guint b = 0; b < G_N_ELEMENTS (groupings); b++)
        {
          const char *by = groupings[b];
          g_autofree char *hub_text = hub_totals (from, to, by);
          g_autofree char *cli_text = cli_ok (&world.reviewer, "totals", "--from", from,
                                              "--to", to, "--by", by, "--json", NULL);
          g_autoptr(JsonNode) hub = parse (hub_text);
          g_autoptr(JsonNode) cli = parse (cli_text);
          g_autoptr(JsonNode) counted = expected_totals (from, to, by);

          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
            json_node_get_object (hub), "rows")), >, 0);
          assert_same_json (hub, counted, "the hub's totals");
          assert_same_json (cli, hub, "kaifang-cli totals on the reviewer's database");
          g_assert_cmpstr (g_strstrip (cli_text), ==, g_strstrip (hub_text));

          gtk_drop_down_set_selected (GTK_DROP_DOWN (find (totals_page, "totals-by")), b);
          kf_gui_settle ();
          assert_totals_are (kf_totals_page_get_totals (KF_TOTALS_PAGE (totals_page)), hub);
          if (g_str_equal (by, "base"))
            {
              assert_totals_are (kf_bases_page_get_totals (KF_BASES_PAGE (bases_page)), hub);
              assert_bases_page (bases_page, hub);
            }
          compared++;
        }
    }
  g_assert_cmpuint (compared, ==, 8);
}

static void
session_free (gpointer data)
{
  Session *session = data;

  g_free (session->id);
  g_free (session);
}

static void
change_free (gpointer data)
{
  Change *change = data;

  g_free (change->id);
  g_free (change);
}

static void
visit_free (gpointer data)
{
  Visit *visit = data;

  g_free (visit->date);
  g_free (visit);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  world.hub = kf_hub_new ();
  world.dir = g_dir_make_tmp ("kf-reviewer-totals-XXXXXX", &error);
  g_assert_no_error (error);
  world.sessions = g_ptr_array_new_with_free_func (session_free);
  world.bookings = g_ptr_array_new_with_free_func (g_free);
  world.visits = g_ptr_array_new_with_free_func (visit_free);
  world.changes = g_ptr_array_new_with_free_func (change_free);
  world.rand = g_rand_new_with_seed (20250524);

  g_test_add_func ("/reviewer-totals/equal", test_equal);
  status = g_test_run ();

  kf_hub_free (world.hub);
  for (Install *i = &world.door1; i <= &world.reviewer; i++)
    {
      g_free (i->db);
      g_free (i->base_id);
    }
  g_ptr_array_unref (world.sessions);
  g_ptr_array_unref (world.bookings);
  g_ptr_array_unref (world.visits);
  g_ptr_array_unref (world.changes);
  g_rand_free (world.rand);
  return status;
}

/* test-hub-totals.c — GET /v1/totals against figures the test computes itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test pushes a varied data set, keeps every record as it left it, and
 * counts by the definitions of sync-protocol.md ("GET /v1/totals") — never
 * by the hub's or the core library's code.
 */
#define G_LOG_DOMAIN "test-hub-totals"

#include "config.h"

#include <string.h>

#include "kf-hub-harness.h"

#define KF_BASE_C_ID   "80000000-0000-4000-8000-00000000000c"
#define KF_BASE_C_NAME "Gamma Hospital"
#define N_FIGURES 8

static const char * const figure_names[N_FIGURES] = {
  "sessions", "groups", "visitors", "youth", "adults",
  "bookings_confirmed", "bookings_attended", "no_shows",
};
enum { F_SESSIONS, F_GROUPS, F_VISITORS, F_YOUTH, F_ADULTS, F_CONFIRMED, F_ATTENDED, F_NO_SHOWS };

static const char * const topics[] = {
  "ai", "emergency_safety", "food_safety", "new_energy_materials", "meteorology",
  "agriculture", "health", "other",
};
static const char * const formats[] = {
  "exhibition", "study_tour", "lecture", "short_video", "hands_on", "other",
};
static const char * const statuses[] = {
  "requested", "confirmed", "declined", "cancelled", "attended", "no_show",
};

typedef struct
{
  KfHub      *hub;
  GPtrArray  *recs;        /* every record, as last written */
  GHashTable *by_id;       /* id → KfRec */
  GPtrArray  *ops[2];      /* per base token */
  GRand      *rand;
} Data;

static Data data;

static void
emit (guint  writer,
      KfRec *rec)
{
  g_ptr_array_add (data.ops[writer], kf_rec_op (rec));
  rec->version++;
}

static KfRec *
keep (KfRec *rec)
{
  g_ptr_array_add (data.recs, rec);
  g_hash_table_insert (data.by_id, rec->id, rec);
  return rec;
}

static char *
random_date (void)
{
  /* 2099-05-17 … 2099-06-13: around the period asked for */
  g_autoptr(GDate) date = g_date_new_dmy (17, G_DATE_MAY, 2099);

  g_date_add_days (date, g_rand_int_range (data.rand, 0, 28));
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static const char *
pick (const char * const *codes,
      guint               n)
{
  return codes[g_rand_int_range (data.rand, 0, n)];
}

static const char * const *
path_to (const char *status)
{
  static const char * const to_declined[] = { "declined", NULL };
  static const char * const to_cancelled[] = { "cancelled", NULL };
  static const char * const to_attended[] = { "attended", NULL };
  static const char * const to_no_show[] = { "no_show", NULL };
  static const char * const none[] = { NULL };

  /* from requested, or from confirmed for attended and no_show */
  if (g_str_equal (status, "declined"))
    return to_declined;
  if (g_str_equal (status, "cancelled"))
    return to_cancelled;
  if (g_str_equal (status, "attended"))
    return to_attended;
  if (g_str_equal (status, "no_show"))
    return to_no_show;
  return none;
}

static void
make_bookings (guint  writer,
               KfRec *session,
               const char *date)
{
  guint n = g_rand_int_range (data.rand, 0, 4);

  for (guint j = 0; j < n; j++)
    {
      const char *final = pick (statuses, G_N_ELEMENTS (statuses));
      gboolean held = g_str_equal (final, "attended") || g_str_equal (final, "no_show") ||
                      g_str_equal (final, "confirmed");
      KfRec *booking = keep (kf_booking_new (session, j % 2 ? KF_ORG_X : KF_ORG_Y,
                                             g_rand_int_range (data.rand, 0, 40),
                                             g_rand_int_range (data.rand, 1, 5),
                                             held ? "confirmed" : "requested"));
      const char * const *path = path_to (final);

      emit (writer, booking);
      for (guint k = 0; path[k] != NULL; k++)
        {
          kf_rec_set (booking, "status", path[k]);
          emit (writer, booking);
        }
      if (g_str_equal (final, "attended"))
        {
          g_autofree char *at = g_strdup_printf ("%sT09:%02u:00+08:00", date, j);
          /* the actual group differs a little from the booking */
          KfRec *visit = keep (kf_visit_new (kf_rec_get (session, "base_id"), session, booking,
                                             "booked", at,
                                             MAX (0, kf_rec_get_int (booking, "youth_count") - 1),
                                             kf_rec_get_int (booking, "adult_count")));

          emit (writer, visit);
        }
    }
}

static void
make_session (guint       writer,
              const char *base_id)
{
  g_autofree char *date = random_date ();
  g_autofree char *at = g_strdup_printf ("%sT10:30:00+08:00", date);
  KfRec *session = keep (kf_session_new (base_id, date, "09:00", "12:00", 1000,
                                         pick (topics, G_N_ELEMENTS (topics)),
                                         pick (formats, G_N_ELEMENTS (formats))));

  emit (writer, session);
  make_bookings (writer, session, date);
  if (g_rand_boolean (data.rand))
    emit (writer, keep (kf_visit_new (base_id, session, NULL, "walk_in_group", at,
                                      g_rand_int_range (data.rand, 0, 60),
                                      g_rand_int_range (data.rand, 0, 6))));
  if (g_rand_boolean (data.rand))
    {
      KfRec *tally = keep (kf_visit_new (base_id, session, NULL, "individuals", at,
                                         g_rand_int_range (data.rand, 0, 10),
                                         g_rand_int_range (data.rand, 0, 10)));

      emit (writer, tally);
      kf_rec_set_int (tally, "youth_count", kf_rec_get_int (tally, "youth_count") + 3);
      emit (writer, tally);
    }
  if (g_rand_int_range (data.rand, 0, 5) == 0)
    {
      kf_rec_set (session, "status", "cancelled");
      emit (writer, session);
    }
}

static void
push_ops (KfTok      tok,
          GPtrArray *ops)
{
  for (guint done = 0; done < ops->len; done += 500)
    {
      g_autoptr(GPtrArray) chunk = g_ptr_array_new ();
      g_autoptr(KfReply) reply = NULL;
      JsonArray *results;

      for (guint i = done; i < MIN (done + 500, ops->len); i++)
        g_ptr_array_add (chunk, ops->pdata[i]);
      reply = kf_hub_push (data.hub, data.hub->token[tok], chunk);
      results = kf_push_results (reply, chunk->len);
      for (guint i = 0; i < chunk->len; i++)
        kf_assert_applied (json_array_get_object_element (results, i), 0);
    }
}

static void
setup_data (void)
{
  static const char * const edge_instants[] = {
    "2099-06-10T23:30:00+08:00",   /* in */
    "2099-06-11T00:10:00+08:00",   /* out */
    "2099-05-19T23:30:00-05:00",   /* out as written, in at +08:00 */
    "2099-05-20T00:30:00+09:00",   /* in as written, out at +08:00 */
  };
  g_autofree char *c = NULL;

  data.hub = kf_hub_new ();
  data.recs = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_rec_free);
  data.by_id = g_hash_table_new (g_str_hash, g_str_equal);
  data.rand = g_rand_new_with_seed (20250524);
  for (guint w = 0; w < 2; w++)
    data.ops[w] = kf_ops_new ();

  /* a third base that has nothing in any period: never a row */
  c = kf_hub_cli_ok ("base", "add", "--db", data.hub->db, "--name", KF_BASE_C_NAME,
                     "--id", KF_BASE_C_ID, NULL);
  g_assert_cmpstr (c, ==, KF_BASE_C_ID);

  for (guint i = 0; i < 14; i++)
    {
      make_session (0, KF_BASE_A_ID);
      make_session (1, KF_BASE_B_ID);
    }
  for (guint i = 0; i < G_N_ELEMENTS (edge_instants); i++)
    emit (i % 2, keep (kf_visit_new (i % 2 ? KF_BASE_B_ID : KF_BASE_A_ID, NULL, NULL,
                                     "walk_in_group", edge_instants[i], 10 + i, 1)));

  push_ops (KF_TOK_BASE_A, data.ops[0]);
  push_ops (KF_TOK_BASE_B, data.ops[1]);
  g_test_message ("%u records, %u + %u ops", data.recs->len, data.ops[0]->len,
                  data.ops[1]->len);
}

static void
teardown_data (void)
{
  g_clear_pointer (&data.recs, g_ptr_array_unref);
  g_clear_pointer (&data.by_id, g_hash_table_unref);
  g_clear_pointer (&data.ops[0], g_ptr_array_unref);
  g_clear_pointer (&data.ops[1], g_ptr_array_unref);
  g_clear_pointer (&data.rand, g_rand_free);
  g_clear_pointer (&data.hub, kf_hub_free);
}

/* The expected figures */

typedef struct
{
  char   *key;
  char   *label;
  gint64  figures[N_FIGURES];
} Row;

static void
row_free (Row *row)
{
  g_free (row->key);
  g_free (row->label);
  g_free (row);
}

static const char *
base_name (const char *id)
{
  return g_str_equal (id, KF_BASE_A_ID) ? KF_BASE_A_NAME :
         g_str_equal (id, KF_BASE_B_ID) ? KF_BASE_B_NAME : KF_BASE_C_NAME;
}

/* The grouping key of a record whose figures come from @session's fields
 * (NULL for a visit without a session) and whose own date is @date. */
static const char *
group_key (const char  *by,
           const KfRec *rec,
           const KfRec *session,
           const char  *date)
{
  if (g_str_equal (by, "base"))
    return kf_rec_get (rec, "base_id");
  if (g_str_equal (by, "date"))
    return date;
  if (session == NULL)
    return "none";
  return kf_rec_get (session, by);
}

static gint64 *
figures_for (GHashTable *rows,
             const char *by,
             const char *key)
{
  Row *row = g_hash_table_lookup (rows, key);

  if (row == NULL)
    {
      row = g_new0 (Row, 1);
      row->key = g_strdup (key);
      row->label = g_strdup (g_str_equal (by, "base") ? base_name (key) : key);
      g_hash_table_insert (rows, row->key, row);
    }
  return row->figures;
}

static gboolean
in_period (const char *date,
           const char *from,
           const char *to)
{
  return strcmp (date, from) >= 0 && strcmp (date, to) <= 0;
}

static void
count_record (GHashTable  *rows,
              const char  *by,
              const KfRec *rec,
              const char  *from,
              const char  *to)
{
  const char *status = kf_rec_get (rec, "status");

  if (rec->entity == g_intern_static_string ("session"))
    {
      const char *date = kf_rec_get (rec, "date");

      if (in_period (date, from, to) && g_str_equal (status, "scheduled"))
        figures_for (rows, by, group_key (by, rec, rec, date))[F_SESSIONS]++;
    }
  else if (rec->entity == g_intern_static_string ("booking"))
    {
      KfRec *session = g_hash_table_lookup (data.by_id, kf_rec_get (rec, "session_id"));
      const char *date = kf_rec_get (session, "date");
      gint64 *f;

      if (!in_period (date, from, to))
        return;
      f = figures_for (rows, by, group_key (by, rec, session, date));
      f[F_CONFIRMED] += g_str_equal (status, "confirmed") || g_str_equal (status, "attended");
      f[F_ATTENDED] += g_str_equal (status, "attended");
      f[F_NO_SHOWS] += g_str_equal (status, "no_show");
    }
  else
    {
      g_autofree char *date = g_strndup (kf_rec_get (rec, "arrived_at"), 10);
      const char *session_id = kf_rec_get (rec, "session_id");
      KfRec *session = session_id ? g_hash_table_lookup (data.by_id, session_id) : NULL;
      const char *kind = kf_rec_get (rec, "kind");
      gint64 youth = kf_rec_get_int (rec, "youth_count");
      gint64 adults = kf_rec_get_int (rec, "adult_count");
      gint64 *f;

      if (!in_period (date, from, to))
        return;
      f = figures_for (rows, by, group_key (by, rec, session, date));
      f[F_VISITORS] += youth + adults;
      f[F_YOUTH] += youth;
      f[F_ADULTS] += adults;
      f[F_GROUPS] += g_str_equal (kind, "booked") || g_str_equal (kind, "walk_in_group");
    }
}

static gint
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Row *x = *(const Row **) a, *y = *(const Row **) b;
  gboolean by_label = GPOINTER_TO_INT (user_data);

  return by_label ? strcmp (x->label, y->label) : strcmp (x->key, y->key);
}

/* The rows the spec asks for: non-zero, sorted by label (base) or key. */
static GPtrArray *
expected_rows (const char *by,
               const char *from,
               const char *to,
               const char *only_base,
               gint64     *total)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                      (GDestroyNotify) row_free);
  GPtrArray *sorted = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  GHashTableIter iter;
  Row *row;

  for (guint i = 0; i < data.recs->len; i++)
    {
      KfRec *rec = data.recs->pdata[i];

      if (only_base == NULL || g_str_equal (kf_rec_get (rec, "base_id"), only_base))
        count_record (rows, by, rec, from, to);
    }

  memset (total, 0, N_FIGURES * sizeof (gint64));
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    {
      gboolean zero = TRUE;

      for (guint f = 0; f < N_FIGURES; f++)
        {
          total[f] += row->figures[f];
          zero &= row->figures[f] == 0;
        }
      g_hash_table_iter_steal (&iter);
      if (zero)
        row_free (row);
      else
        g_ptr_array_add (sorted, row);
    }
  g_ptr_array_sort_with_data (sorted, compare_rows, GINT_TO_POINTER (g_str_equal (by, "base")));
  return sorted;
}

static void
assert_figures (JsonObject   *object,
                const gint64 *figures,
                const char   *what)
{
  g_autofree char *text = kf_json_string (object);

  for (guint f = 0; f < N_FIGURES; f++)
    {
      JsonNode *node = json_object_get_member (object, figure_names[f]);

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) != figures[f])
        kf_fail ("%s: %s should be %" G_GINT64_FORMAT ": %s", what, figure_names[f], figures[f],
                 text);
    }
}

static void
check_totals (KfTok       tok,
              const char *by,
              const char *from,
              const char *to,
              const char *only_base)
{
  g_autofree char *path = NULL;
  g_autoptr(KfReply) reply = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 total[N_FIGURES];
  JsonObject *object;
  JsonArray *got;

  if (by != NULL)
    path = g_strdup_printf ("/v1/totals?from=%s&to=%s&by=%s", from, to, by);
  else
    path = g_strdup_printf ("/v1/totals?from=%s&to=%s", from, to);
  g_test_message ("%s as token %d", path, tok);
  reply = kf_hub_get (data.hub, data.hub->token[tok], path);
  kf_assert_reply (reply, 200);
  object = kf_reply_object (reply);
  by = by ? by : "base";
  rows = expected_rows (by, from, to, only_base, total);

  g_assert_cmpstr (json_object_get_string_member_with_default (object, "from", NULL), ==, from);
  g_assert_cmpstr (json_object_get_string_member_with_default (object, "to", NULL), ==, to);
  g_assert_cmpstr (json_object_get_string_member_with_default (object, "by", NULL), ==, by);
  got = kf_get_array (object, "rows");
  g_assert_nonnull (got);
  if (json_array_get_length (got) != rows->len)
    {
      g_autofree char *text = kf_reply_describe (reply);

      kf_fail ("%s: expected %u rows: %s", path, rows->len, text);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      JsonObject *got_row = json_array_get_object_element (got, i);
      g_autofree char *what = g_strdup_printf ("%s row %u (%s)", path, i, row->key);

      g_assert_cmpstr (json_object_get_string_member_with_default (got_row, "key", NULL), ==,
                       row->key);
      g_assert_cmpstr (json_object_get_string_member_with_default (got_row, "label", NULL), ==,
                       row->label);
      assert_figures (got_row, row->figures, what);
    }
  g_assert_nonnull (kf_get_object (object, "total"));
  assert_figures (kf_get_object (object, "total"), total, path);
}

static const char * const groupings[] = { "base", "date", "format", "topic" };

static const struct
{
  const char *from;
  const char *to;
} periods[] = {
  { "2099-05-20", "2099-06-10" },
  { "2099-01-01", "2099-12-31" },
  { "2099-05-24", "2099-05-24" },
  { "2099-06-11", "2099-06-13" },
  { "2030-01-01", "2030-12-31" },
};

static void
test_reviewer (void)
{
  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    {
      check_totals (KF_TOK_REVIEWER, NULL, periods[p].from, periods[p].to, NULL);
      for (guint g = 0; g < G_N_ELEMENTS (groupings); g++)
        check_totals (KF_TOK_REVIEWER, groupings[g], periods[p].from, periods[p].to, NULL);
    }
}

static void
test_base_own (void)
{
  static const struct
  {
    KfTok       tok;
    const char *base_id;
  } bases[] = {
    { KF_TOK_BASE_A, KF_BASE_A_ID },
    { KF_TOK_BASE_A2, KF_BASE_A_ID },
    { KF_TOK_BASE_B, KF_BASE_B_ID },
  };

  for (guint b = 0; b < G_N_ELEMENTS (bases); b++)
    for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
      {
        check_totals (bases[b].tok, NULL, periods[p].from, periods[p].to, bases[b].base_id);
        for (guint g = 0; g < G_N_ELEMENTS (groupings); g++)
          check_totals (bases[b].tok, groupings[g], periods[p].from, periods[p].to,
                        bases[b].base_id);
      }
}

/* Base rows by name, though ids sort the other way round. */
static void
test_row_order (void)
{
  g_autoptr(KfReply) reply = kf_hub_get (data.hub, data.hub->token[KF_TOK_REVIEWER],
                                         "/v1/totals?from=2099-01-01&to=2099-12-31&by=base");
  JsonArray *rows;

  kf_assert_reply (reply, 200);
  rows = kf_get_array (kf_reply_object (reply), "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0),
                                                  "label"), ==, KF_BASE_A_NAME);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 1),
                                                  "label"), ==, KF_BASE_B_NAME);
}

static void
test_school_forbidden (void)
{
  for (KfTok tok = KF_TOK_SCHOOL_X; tok <= KF_TOK_SCHOOL_Y; tok++)
    {
      g_autoptr(KfReply) reply = kf_hub_get (data.hub, data.hub->token[tok],
                                             "/v1/totals?from=2099-05-20&to=2099-06-10");

      kf_assert_error (reply, 403, "forbidden");
    }
}

static void
test_bad_params (void)
{
  static const char * const queries[] = {
    "",
    "?from=2099-05-20",
    "?to=2099-06-10",
    "?from=2099-13-01&to=2099-12-31",
    "?from=2099-05-20&to=2099-02-30",
    "?from=20990520&to=2099-06-10",
    "?from=2099-06-10&to=2099-05-20",
    "?from=2099-05-20&to=2099-06-10&by=rank",
    "?from=2099-05-20&to=2099-06-10&by=",
    "?from=2099-05-20&to=2099-06-10&by=BASE",
    "?from=&to=2099-06-10",
  };

  static const KfTok toks[] = { KF_TOK_BASE_A, KF_TOK_REVIEWER };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    for (guint t = 0; t < G_N_ELEMENTS (toks); t++)
      {
        g_autofree char *path = g_strconcat ("/v1/totals", queries[i], NULL);
        g_autoptr(KfReply) reply = kf_hub_get (data.hub, data.hub->token[toks[t]], path);

        g_test_message ("%s", path);
        kf_assert_error (reply, 400, "invalid_request");
      }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  setup_data ();

  g_test_add_func ("/hub/totals/reviewer", test_reviewer);
  g_test_add_func ("/hub/totals/base-own", test_base_own);
  g_test_add_func ("/hub/totals/row-order", test_row_order);
  g_test_add_func ("/hub/totals/school-forbidden", test_school_forbidden);
  g_test_add_func ("/hub/totals/bad-params", test_bad_params);

  status = g_test_run ();
  teardown_data ();
  kf_hub_shared_free ();
  return status;
}

/* test-totals.c — the figures of GET /v1/totals against a count made here,
 * record by record, from the definitions of the protocol
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-totals"

#include "config.h"

#include <string.h>

#include "core-test-util.h"
#include "kf-totals.h"

/* Label order (base name, bytewise) is C, B, A; key order is A, B, C. */
#define BASE_A "aaaaaaaa-0000-4000-8000-000000000001"
#define BASE_B "bbbbbbbb-0000-4000-8000-000000000002"
#define BASE_C "cccccccc-0000-4000-8000-000000000003"
#define BASE_D "dddddddd-0000-4000-8000-000000000004"
#define NAME_A "县气象局"
#define NAME_B "农业科技园"
#define NAME_C "Alpha, \"总院\" 科普馆"
#define NAME_D "Zeta 空基地"

#define N_FIGURES 8

typedef struct
{
  char       *dir;
  KfStore    *store;
  GHashTable *records;   /* id → KfRecord, as last written */
} Data;

static void
track (Data           *d,
       const KfRecord *record)
{
  g_hash_table_replace (d->records, g_strdup (record->id), kf_record_copy (record));
}

static void
save_base (Data       *d,
           const char *id,
           const char *name)
{
  g_autoptr(KfRecord) base = kft_base (id, name);
  g_autoptr(GError) error = NULL;

  g_assert_true (kf_store_begin (d->store, &error));
  g_assert_true (kf_store_save (d->store, base, &error));
  g_assert_true (kf_store_commit (d->store, &error));
  g_assert_no_error (error);
  track (d, base);
}

/* Writes @records as base @base_id: this installation's own base through
 * kf_store_put_many(), the others through kf_store_put_many_as(). */
static void
put (Data       *d,
     const char *base_id,
     KfRecord  **records,
     guint       n)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (base_id, BASE_A))
    g_assert_true (kf_store_put_many (d->store, records, n, &error));
  else
    {
      g_autoptr(KfIdentity) actor = kf_identity_new (KF_ROLE_BASE, base_id, NULL);

      g_assert_true (kf_store_put_many_as (d->store, actor, records, n, &error));
    }
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    track (d, records[i]);
}

static void
put1 (Data       *d,
      const char *base_id,
      KfRecord   *record)
{
  put (d, base_id, &record, 1);
}

static KfRecord *
session (Data       *d,
         const char *base_id,
         const char *date,
         const char *start,
         gint64      capacity,
         const char *topic,
         const char *format)
{
  KfRecord *s = kft_session (base_id, date, start, "17:00", capacity, "科普开放", topic, format);

  put1 (d, base_id, s);
  return s;
}

static KfRecord *
booking (Data           *d,
         const KfRecord *s,
         const char     *org,
         gint64          youth,
         gint64          adults,
         const char     *status)
{
  const char *base_id = KF_SESSION (s)->base_id;
  KfRecord *b = kft_booking (base_id, s->id, org, youth, adults, status);

  put1 (d, base_id, b);
  return b;
}

static void
set_status (Data       *d,
            KfRecord   *record,
            const char *status)
{
  const char *base_id = record->entity == KF_ENTITY_SESSION ? KF_SESSION (record)->base_id
                                                            : KF_BOOKING (record)->base_id;

  kft_set_text (record, "status", status);
  put1 (d, base_id, record);
}

static void
visit (Data       *d,
       const char *base_id,
       const char *session_id,
       const char *kind,
       const char *at,
       gint64      youth,
       gint64      adults)
{
  g_autoptr(KfRecord) v = kft_visit (base_id, session_id, NULL, kind, "社区团体", at, youth,
                                     adults);

  put1 (d, base_id, v);
}

static void
tally (Data           *d,
       const KfRecord *s,
       gint64          youth,
       gint64          adults)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KftVisit) v = kf_store_tally (d->store, s->id, youth, adults, &error);

  g_assert_no_error (error);
  track (d, (KfRecord *) v);
}

static void
arrival (Data       *d,
         KfRecord   *b,
         gint64      youth,
         gint64      adults,
         const char *at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KftVisit) v = kf_store_record_arrival (d->store, b->id, youth, adults, at, &error);

  g_assert_no_error (error);
  g_assert_cmpint (v->youth_count, ==, youth);
  track (d, (KfRecord *) v);
  /* The booking, as the protocol says it becomes. */
  kft_set_text (b, "status", "attended");
  track (d, b);
}

static void
build_data (Data *d)
{
  g_autoptr(KfRecord) a1 = NULL, a2 = NULL, a3 = NULL, a4 = NULL, a5 = NULL, a6 = NULL;
  g_autoptr(KfRecord) b1 = NULL, b2 = NULL, b3 = NULL, c1 = NULL, d1 = NULL;
  g_autoptr(KfRecord) ba1 = NULL, ba2 = NULL, ba3 = NULL, ba4 = NULL, ba5 = NULL, ba6 = NULL;
  g_autoptr(KfRecord) ba7 = NULL, ba8 = NULL, ba9 = NULL;
  g_autoptr(KfRecord) bb1 = NULL, bb2 = NULL, bb3 = NULL;

  d->dir = kft_make_tmpdir ();
  d->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) kf_record_free);
  d->store = kft_store_new_base (d->dir, BASE_A, NAME_A);
  {
    g_autoptr(KfRecord) base_a = kft_base (BASE_A, NAME_A);

    track (d, base_a);
  }
  save_base (d, BASE_B, NAME_B);
  save_base (d, BASE_C, NAME_C);
  save_base (d, BASE_D, NAME_D);

  /* base A: this installation */
  a1 = session (d, BASE_A, "2025-05-24", "09:00", 100, "meteorology", "exhibition");
  a2 = session (d, BASE_A, "2025-05-24", "14:00", 50, "ai", "lecture");
  a3 = session (d, BASE_A, "2025-05-25", "09:00", 30, "meteorology", "hands_on");
  a4 = session (d, BASE_A, "2025-06-11", "09:00", 30, "health", "exhibition");
  a5 = session (d, BASE_A, "2025-05-19", "09:00", 30, "health", "exhibition");
  a6 = session (d, BASE_A, "2025-06-02", "09:00", 30, "new_energy_materials", "short_video");

  ba1 = booking (d, a1, "第一中学", 30, 2, "confirmed");
  ba2 = booking (d, a1, "第二中学", 20, 2, "confirmed");
  ba3 = booking (d, a2, "实验小学", 40, 4, "confirmed");
  ba4 = booking (d, a2, "幸福幼儿园", 10, 1, "requested");
  ba5 = booking (d, a2, "光明社区", 10, 1, "requested");
  ba6 = booking (d, a1, "红星企业", 0, 6, "requested");
  ba7 = booking (d, a3, "第三中学", 10, 1, "confirmed");
  ba8 = booking (d, a4, "第四中学", 5, 1, "confirmed");
  ba9 = booking (d, a2, "第五中学", 3, 1, "confirmed");

  arrival (d, ba1, 25, 2, "2025-05-24T09:10:00+08:00");
  set_status (d, ba2, "no_show");
  set_status (d, ba5, "declined");
  set_status (d, ba6, "cancelled");
  set_status (d, a3, "cancelled");       /* its confirmed booking stays */
  set_status (d, ba8, "attended");       /* outside the period */
  set_status (d, ba9, "no_show");
  set_status (d, ba9, "attended");       /* the base corrects itself */
  set_status (d, a6, "cancelled");

  /* arrived two days after its session's date */
  visit (d, BASE_A, a2->id, "walk_in_group", "2025-05-26T10:00:00+08:00", 12, 3);
  visit (d, BASE_A, NULL, "walk_in_group", "2025-05-24T15:00:00+08:00", 0, 8);
  /* the date as written is 06-10, though it is 06-11 in Beijing */
  visit (d, BASE_A, NULL, "walk_in_group", "2025-06-10T23:30:00-05:00", 6, 1);
  visit (d, BASE_A, a4->id, "walk_in_group", "2025-06-11T09:30:00+08:00", 9, 9);
  visit (d, BASE_A, a5->id, "walk_in_group", "2025-05-19T09:30:00+08:00", 9, 9);
  visit (d, BASE_A, NULL, "individuals", "2025-05-20T01:00:00Z", 4, 4);
  tally (d, a1, 10, 4);
  tally (d, a1, 7, 5);
  tally (d, a2, 5, 0);
  tally (d, a2, -5, 0);                  /* a tally back at zero */
  tally (d, a6, 0, 0);                   /* only zeros under its date and codes */

  /* base B, written as B */
  b1 = session (d, BASE_B, "2025-05-24", "09:00", 60, "agriculture", "study_tour");
  b2 = session (d, BASE_B, "2025-06-10", "09:00", 60, "ai", "short_video");
  b3 = session (d, BASE_B, "2025-05-20", "09:00", 60, "food_safety", "other");
  set_status (d, b3, "cancelled");
  bb1 = booking (d, b1, "农业中学", 45, 5, "confirmed");
  bb2 = booking (d, b2, "城关小学", 20, 2, "requested");
  bb3 = booking (d, b2, "城南小学", 8, 2, "confirmed");
  set_status (d, bb3, "no_show");
  {
    g_autoptr(KfRecord) v = kft_visit (BASE_B, b1->id, bb1->id, "booked", "农业中学",
                                       "2025-05-24T09:20:00+08:00", 44, 5);
    KfRecord *both[] = { bb1, v };

    kft_set_text (bb1, "status", "attended");
    put (d, BASE_B, both, 2);
  }
  visit (d, BASE_B, b1->id, "individuals", "2025-05-24T09:00:00+08:00", 60, 20);
  visit (d, BASE_B, b2->id, "walk_in_group", "2025-06-10T14:00:00+08:00", 30, 2);

  /* base C, one session; base D, nothing in any period we ask */
  c1 = session (d, BASE_C, "2025-06-01", "09:00", 20, "health", "lecture");
  visit (d, BASE_C, c1->id, "walk_in_group", "2025-06-01T09:30:00+08:00", 2, 2);
  d1 = session (d, BASE_D, "2025-07-01", "09:00", 20, "other", "other");
}

static void
data_free (Data *d)
{
  g_clear_object (&d->store);
  g_clear_pointer (&d->records, g_hash_table_unref);
  kft_remove_tree (d->dir);
  g_free (d->dir);
}

/* What we wrote is what the store holds. */
static void
test_data_stored (void)
{
  Data d = { 0 };
  GHashTableIter iter;
  gpointer value;

  build_data (&d);
  g_hash_table_iter_init (&iter, d.records);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      KfRecord *want = value;
      g_autoptr(KfRecord) got = kf_store_get (d.store, want->entity, want->id, NULL);

      g_assert_nonnull (got);
      g_assert_true (kf_record_equal_data (want, got));
    }
  for (KfEntity e = 0; e < KF_N_ENTITIES; e++)
    {
      guint n = 0;

      g_hash_table_iter_init (&iter, d.records);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        n += ((KfRecord *) value)->entity == e;
      g_assert_cmpint (kf_store_count (d.store, e, NULL), ==, n);
    }
  data_free (&d);
}

/* The count made here */

typedef struct
{
  char   *key;
  char   *label;
  gint64  f[N_FIGURES];
} Row;

static void
row_free (Row *row)
{
  g_free (row->key);
  g_free (row->label);
  g_free (row);
}

enum { SESSIONS, GROUPS, VISITORS, YOUTH, ADULTS, CONFIRMED, ATTENDED, NO_SHOWS };

static gboolean
in_period (const char *date,
           const char *from,
           const char *to)
{
  return strcmp (date, from) >= 0 && strcmp (date, to) <= 0;
}

static const KfSession *
session_by_id (Data       *d,
               const char *id)
{
  return id != NULL ? g_hash_table_lookup (d->records, id) : NULL;
}

static const char *
key_for (KfTotalsBy       by,
         const char      *base_id,
         const char      *date,
         const KfSession *s)
{
  switch (by)
    {
    case KF_TOTALS_BY_BASE: return base_id;
    case KF_TOTALS_BY_DATE: return date;
    case KF_TOTALS_BY_FORMAT: return s != NULL ? s->format : "none";
    case KF_TOTALS_BY_TOPIC: return s != NULL ? s->topic : "none";
    default: g_assert_not_reached ();
    }
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

static void
count_record (Data           *d,
              const KfRecord *r,
              GHashTable     *rows,
              const char     *from,
              const char     *to,
              KfTotalsBy      by,
              const char     *only_base)
{
  if (r->entity == KF_ENTITY_SESSION)
    {
      const KfSession *s = KF_SESSION (r);

      if (in_period (s->date, from, to) && g_str_equal (s->status, "scheduled") &&
          (only_base == NULL || g_str_equal (s->base_id, only_base)))
        row_for (rows, key_for (by, s->base_id, s->date, s))->f[SESSIONS]++;
    }
  else if (r->entity == KF_ENTITY_BOOKING)
    {
      const KfBooking *b = KF_BOOKING (r);
      const KfSession *s = session_by_id (d, b->session_id);
      Row *row;

      g_assert_nonnull (s);
      if (!in_period (s->date, from, to) || (only_base && !g_str_equal (b->base_id, only_base)))
        return;
      row = row_for (rows, key_for (by, b->base_id, s->date, s));
      row->f[CONFIRMED] += g_str_equal (b->status, "confirmed") ||
                           g_str_equal (b->status, "attended");
      row->f[ATTENDED] += g_str_equal (b->status, "attended");
      row->f[NO_SHOWS] += g_str_equal (b->status, "no_show");
    }
  else if (r->entity == KF_ENTITY_VISIT)
    {
      const KfVisit *v = KF_VISIT (r);
      g_autofree char *date = g_strndup (v->arrived_at, 10);
      Row *row;

      if (!in_period (date, from, to) || (only_base && !g_str_equal (v->base_id, only_base)))
        return;
      row = row_for (rows, key_for (by, v->base_id, date, session_by_id (d, v->session_id)));
      row->f[GROUPS] += !g_str_equal (v->kind, "individuals");
      row->f[YOUTH] += v->youth_count;
      row->f[ADULTS] += v->adult_count;
      row->f[VISITORS] += v->youth_count + v->adult_count;
    }
}

static gint
row_compare (gconstpointer a,
             gconstpointer b)
{
  const Row *x = *(const Row **) a;
  const Row *y = *(const Row **) b;
  int by_label = strcmp (x->label, y->label);

  return by_label != 0 ? by_label : strcmp (x->key, y->key);
}

static gboolean
row_is_zero (const Row *row)
{
  for (guint i = 0; i < N_FIGURES; i++)
    if (row->f[i] != 0)
      return FALSE;
  return TRUE;
}

/* The expected rows, sorted, and the expected total in @total. */
static GPtrArray *
count_by_hand (Data       *d,
               const char *from,
               const char *to,
               KfTotalsBy  by,
               const char *only_base,
               gint64     *total)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                      (GDestroyNotify) row_free);
  GPtrArray *sorted = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, d->records);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    count_record (d, value, rows, from, to, by, only_base);

  memset (total, 0, sizeof (gint64) * N_FIGURES);
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Row *row = value;

      for (guint i = 0; i < N_FIGURES; i++)
        total[i] += row->f[i];
      if (row_is_zero (row))
        continue;
      if (by == KF_TOTALS_BY_BASE)
        row->label = g_strdup (KF_BASE (g_hash_table_lookup (d->records, row->key))->name);
      else
        row->label = g_strdup (row->key);
      g_hash_table_iter_steal (&iter);
      g_ptr_array_add (sorted, row);
    }
  g_ptr_array_sort (sorted, row_compare);
  return sorted;
}

static void
check_totals (Data       *d,
              const char *from,
              const char *to,
              KfTotalsBy  by,
              const char *only_base)
{
  gint64 total[N_FIGURES];
  g_autoptr(GPtrArray) want = count_by_hand (d, from, to, by, only_base, total);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfTotals) got = kf_totals_compute (d->store, from, to, by, only_base, &error);

  g_test_message ("%s..%s by %s base %s", from, to, kf_totals_by_to_string (by), only_base);
  g_assert_no_error (error);
  g_assert_nonnull (got);
  g_assert_cmpstr (got->from, ==, from);
  g_assert_cmpstr (got->to, ==, to);
  g_assert_cmpint (got->by, ==, by);

  for (guint i = 0; i < MIN (want->len, got->rows->len); i++)
    {
      const Row *w = g_ptr_array_index (want, i);
      const KfTotalsRow *g = g_ptr_array_index (got->rows, i);

      g_assert_cmpstr (g->key, ==, w->key);
      g_assert_cmpstr (g->label, ==, w->label);
      for (guint j = 0; j < N_FIGURES; j++)
        g_assert_cmpint (kf_figures_get (&g->figures, j), ==, w->f[j]);
    }
  g_assert_cmpuint (got->rows->len, ==, want->len);
  for (guint j = 0; j < N_FIGURES; j++)
    g_assert_cmpint (kf_figures_get (&got->total, j), ==, total[j]);
}

static const char * const periods[][2] = {
  { "2025-05-20", "2025-06-10" },
  { "2025-05-24", "2025-05-24" },
  { "2025-05-25", "2025-05-26" },
  { "2025-05-01", "2025-07-31" },
  { "2025-06-10", "2025-06-11" },
  { "2025-05-19", "2025-05-19" },
  { "2030-01-01", "2030-12-31" },
};

static void
test_against_count (void)
{
  static const char * const bases[] = { NULL, BASE_A, BASE_B, BASE_C, BASE_D };
  Data d = { 0 };
  guint n = 0;

  build_data (&d);
  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    for (KfTotalsBy by = KF_TOTALS_BY_BASE; by <= KF_TOTALS_BY_TOPIC; by++)
      for (guint b = 0; b < G_N_ELEMENTS (bases); b++, n++)
        check_totals (&d, periods[p][0], periods[p][1], by, bases[b]);
  g_assert_cmpuint (n, ==, 140);
  data_free (&d);
}

static const KfTotalsRow *
find_row (const KfTotals *totals,
          const char     *key)
{
  for (guint i = 0; i < totals->rows->len; i++)
    {
      const KfTotalsRow *row = g_ptr_array_index (totals->rows, i);

      if (g_str_equal (row->key, key))
        return row;
    }
  return NULL;
}

/* A few figures worked out on paper, so that the count above cannot be
 * wrong in the same way as the SQL. */
static void
test_known_figures (void)
{
  Data d = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(KfTotals) by_base = NULL;
  g_autoptr(KfTotals) by_date = NULL;
  g_autoptr(KfTotals) by_format = NULL;
  g_autoptr(KfTotals) by_topic = NULL;
  static const char * const base_order[] = { BASE_C, BASE_B, BASE_A };
  static const gint64 total[N_FIGURES] = { 5, 7, 256, 200, 56, 5, 3, 2 };

  build_data (&d);
  by_base = kf_totals_compute (d.store, "2025-05-20", "2025-06-10", KF_TOTALS_BY_BASE, NULL,
                               &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_FIGURES; i++)
    g_assert_cmpint (kf_figures_get (&by_base->total, i), ==, total[i]);

  /* by label, not by key nor by any figure; base D has nothing: no row */
  g_assert_cmpuint (by_base->rows->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (((KfTotalsRow *) g_ptr_array_index (by_base->rows, i))->key, ==,
                     base_order[i]);
  g_assert_cmpstr (((KfTotalsRow *) g_ptr_array_index (by_base->rows, 0))->label, ==, NAME_C);
  g_assert_null (find_row (by_base, BASE_D));

  by_date = kf_totals_compute (d.store, "2025-05-20", "2025-06-10", KF_TOTALS_BY_DATE, NULL,
                               &error);
  g_assert_no_error (error);
  /* 06-02 has only a cancelled session and a tally at zero */
  g_assert_null (find_row (by_date, "2025-06-02"));
  g_assert_nonnull (find_row (by_date, "2025-05-26"));
  g_assert_cmpint (find_row (by_date, "2025-05-26")->figures.visitors, ==, 15);
  g_assert_cmpint (find_row (by_date, "2025-06-10")->figures.visitors, ==, 39);
  g_assert_cmpint (find_row (by_date, "2025-05-25")->figures.bookings_confirmed, ==, 1);
  g_assert_cmpint (find_row (by_date, "2025-05-25")->figures.sessions, ==, 0);
  for (guint i = 1; i < by_date->rows->len; i++)
    g_assert_cmpstr (((KfTotalsRow *) g_ptr_array_index (by_date->rows, i - 1))->key, <,
                     ((KfTotalsRow *) g_ptr_array_index (by_date->rows, i))->key);

  by_format = kf_totals_compute (d.store, "2025-05-20", "2025-06-10", KF_TOTALS_BY_FORMAT, NULL,
                                 &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_row (by_format, "none"));
  g_assert_cmpint (find_row (by_format, "none")->figures.groups, ==, 2);
  g_assert_cmpint (find_row (by_format, "none")->figures.visitors, ==, 23);
  g_assert_cmpstr (find_row (by_format, "none")->label, ==, "none");
  /* the walk-in of 05-26 counts under its session's format */
  g_assert_cmpint (find_row (by_format, "lecture")->figures.visitors, ==, 15 + 4);

  by_topic = kf_totals_compute (d.store, "2025-05-20", "2025-06-10", KF_TOTALS_BY_TOPIC, NULL,
                                &error);
  g_assert_no_error (error);
  g_assert_null (find_row (by_topic, "new_energy_materials"));
  g_assert_null (find_row (by_topic, "food_safety"));
  g_assert_cmpint (find_row (by_topic, "none")->figures.youth, ==, 10);
  g_assert_cmpint (find_row (by_topic, "meteorology")->figures.visitors, ==, 27 + 26);

  /* every grouping has the same total */
  for (guint i = 0; i < N_FIGURES; i++)
    {
      g_assert_cmpint (kf_figures_get (&by_date->total, i), ==, total[i]);
      g_assert_cmpint (kf_figures_get (&by_format->total, i), ==, total[i]);
      g_assert_cmpint (kf_figures_get (&by_topic->total, i), ==, total[i]);
    }
  data_free (&d);
}

/* JSON and CSV */

static void
check_members (JsonObject         *object,
               const char * const *names)
{
  g_autoptr(GList) members = json_object_get_members (object);

  g_assert_cmpuint (g_list_length (members), ==, g_strv_length ((char **) names));
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_true (json_object_has_member (object, names[i]));
}

static void
check_figures_json (JsonObject      *object,
                    const KfFigures *figures)
{
  for (guint i = 0; kf_figure_names[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (object, kf_figure_names[i]);

      g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
      g_assert_cmpint (json_node_get_int (node), ==, kf_figures_get (figures, i));
    }
}

static void
check_json (const KfTotals *totals)
{
  static const char * const top[] = { "from", "to", "by", "rows", "total", NULL };
  static const char * const row_names[] = {
    "key", "label", "sessions", "groups", "visitors", "youth", "adults",
    "bookings_confirmed", "bookings_attended", "no_shows", NULL
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *rows;

  kf_totals_append_json (totals, out);
  g_assert_true (json_parser_load_from_data (parser, out->str, out->len, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  check_members (root, top);
  g_assert_cmpstr (json_object_get_string_member (root, "from"), ==, totals->from);
  g_assert_cmpstr (json_object_get_string_member (root, "to"), ==, totals->to);
  g_assert_cmpstr (json_object_get_string_member (root, "by"), ==,
                   kf_totals_by_to_string (totals->by));

  rows = json_object_get_array_member (root, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, totals->rows->len);
  for (guint i = 0; i < totals->rows->len; i++)
    {
      const KfTotalsRow *row = g_ptr_array_index (totals->rows, i);
      JsonObject *object = json_array_get_object_element (rows, i);

      check_members (object, row_names);
      g_assert_cmpstr (json_object_get_string_member (object, "key"), ==, row->key);
      g_assert_cmpstr (json_object_get_string_member (object, "label"), ==, row->label);
      check_figures_json (object, &row->figures);
    }
  check_members (json_object_get_object_member (root, "total"), kf_figure_names);
  check_figures_json (json_object_get_object_member (root, "total"), &totals->total);
}

static void
check_csv (const KfTotals *totals)
{
  g_autofree char *csv = kf_totals_to_csv (totals);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  char **header;
  char **last;

  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF"));
  g_assert_true (g_str_has_prefix (csv + 3, "key,label,sessions,groups,visitors,youth,adults,"
                                   "bookings_confirmed,bookings_attended,no_shows\r\n"));
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  records = kft_csv_parse (csv + 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, totals->rows->len + 2);

  header = g_ptr_array_index (records, 0);
  g_assert_cmpstr (header[0], ==, "key");
  g_assert_cmpstr (header[1], ==, "label");
  for (guint i = 0; kf_figure_names[i] != NULL; i++)
    g_assert_cmpstr (header[2 + i], ==, kf_figure_names[i]);
  g_assert_cmpuint (g_strv_length (header), ==, 2 + N_FIGURES);

  for (guint r = 0; r < totals->rows->len; r++)
    {
      const KfTotalsRow *row = g_ptr_array_index (totals->rows, r);
      char **fields = g_ptr_array_index (records, r + 1);

      g_assert_cmpuint (g_strv_length (fields), ==, 2 + N_FIGURES);
      g_assert_cmpstr (fields[0], ==, row->key);
      g_assert_cmpstr (fields[1], ==, row->label);
      for (guint i = 0; i < N_FIGURES; i++)
        g_assert_cmpint (g_ascii_strtoll (fields[2 + i], NULL, 10), ==,
                         kf_figures_get (&row->figures, i));
    }

  last = g_ptr_array_index (records, records->len - 1);
  g_assert_cmpstr (last[0], ==, "total");
  for (guint i = 0; i < N_FIGURES; i++)
    g_assert_cmpint (g_ascii_strtoll (last[2 + i], NULL, 10), ==,
                     kf_figures_get (&totals->total, i));
}

static void
test_json_and_csv (void)
{
  Data d = { 0 };

  build_data (&d);
  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    for (KfTotalsBy by = KF_TOTALS_BY_BASE; by <= KF_TOTALS_BY_TOPIC; by++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(KfTotals) totals = kf_totals_compute (d.store, periods[p][0], periods[p][1],
                                                        by, NULL, &error);

        g_assert_no_error (error);
        check_json (totals);
        check_csv (totals);
      }
  data_free (&d);
}

static void
test_bad_periods (void)
{
  static const struct
  {
    const char *from;
    const char *to;
    const char *field;
  } cases[] = {
    { "2025-02-29", "2025-03-01", "from" },
    { "2025-05-01", "2025-13-01", "to" },
    { "2025-5-1", "2025-06-01", "from" },
    { "2025-05-01", "2025-06-1", "to" },
    { NULL, "2025-06-01", "from" },
    { "2025-06-01", NULL, "to" },
    { "", "", "from" },
    { "2025-06-02", "2025-06-01", "to" },
    { "2026-01-01", "2025-12-31", "to" },
    { "bad", "worse", "from" },
  };
  g_autofree char *dir = kft_make_tmpdir ();
  g_autoptr(KfStore) store = kft_store_new_base (dir, BASE_A, NAME_A);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) check_error = NULL;

      for (KfTotalsBy by = KF_TOTALS_BY_BASE; by <= KF_TOTALS_BY_TOPIC; by++)
        {
          g_autoptr(KfTotals) totals = kf_totals_compute (store, cases[i].from, cases[i].to, by,
                                                          NULL, &error);

          g_assert_null (totals);
          kft_assert_kf_error (error, KF_ERROR_INVALID_FIELD, cases[i].field);
          g_clear_error (&error);
        }
      g_assert_false (kf_totals_check_period (cases[i].from, cases[i].to, &check_error));
      kft_assert_kf_error (check_error, KF_ERROR_INVALID_FIELD, cases[i].field);
    }
  g_assert_true (kf_totals_check_period ("2024-02-29", "2024-02-29", NULL));

  g_clear_object (&store);
  kft_remove_tree (dir);
}

/* A store with no records: no rows, a total of zeros, still valid JSON and CSV. */
static void
test_empty_store (void)
{
  g_autofree char *dir = kft_make_tmpdir ();
  g_autoptr(KfStore) store = kft_store_new_base (dir, BASE_A, NAME_A);

  for (KfTotalsBy by = KF_TOTALS_BY_BASE; by <= KF_TOTALS_BY_TOPIC; by++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KfTotals) totals = kf_totals_compute (store, "2025-05-20", "2025-06-10", by,
                                                      NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (totals->rows->len, ==, 0);
      for (guint i = 0; i < N_FIGURES; i++)
        g_assert_cmpint (kf_figures_get (&totals->total, i), ==, 0);
      check_json (totals);
      check_csv (totals);
    }
  g_clear_object (&store);
  kft_remove_tree (dir);
}

static void
test_names (void)
{
  static const char * const by_names[] = { "base", "date", "format", "topic" };
  static const char * const figures[] = {
    "sessions", "groups", "visitors", "youth", "adults", "bookings_confirmed",
    "bookings_attended", "no_shows", NULL
  };
  KfFigures f = { 1, 2, 3, 4, 5, 6, 7, 8 };
  KfTotalsBy by;

  for (guint i = 0; i < G_N_ELEMENTS (by_names); i++)
    {
      g_assert_cmpstr (kf_totals_by_to_string (i), ==, by_names[i]);
      g_assert_true (kf_totals_by_from_string (by_names[i], &by));
      g_assert_cmpint (by, ==, i);
    }
  g_assert_false (kf_totals_by_from_string ("Base", &by));
  g_assert_false (kf_totals_by_from_string ("day", &by));
  g_assert_false (kf_totals_by_from_string ("", &by));
  g_assert_false (kf_totals_by_from_string (NULL, &by));

  g_assert_true (g_strv_equal ((const char **) figures, (const char **) kf_figure_names));
  for (guint i = 0; figures[i] != NULL; i++)
    g_assert_cmpint (kf_figure_index (figures[i]), ==, i);
  g_assert_cmpint (kf_figure_index ("Visitors"), ==, -1);
  g_assert_cmpint (kf_figure_index (""), ==, -1);
  g_assert_cmpint (f.sessions, ==, kf_figures_get (&f, 0));
  g_assert_cmpint (f.groups, ==, kf_figures_get (&f, 1));
  g_assert_cmpint (f.visitors, ==, kf_figures_get (&f, 2));
  g_assert_cmpint (f.youth, ==, kf_figures_get (&f, 3));
  g_assert_cmpint (f.adults, ==, kf_figures_get (&f, 4));
  g_assert_cmpint (f.bookings_confirmed, ==, kf_figures_get (&f, 5));
  g_assert_cmpint (f.bookings_attended, ==, kf_figures_get (&f, 6));
  g_assert_cmpint (f.no_shows, ==, kf_figures_get (&f, 7));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/totals/data-stored", test_data_stored);
  g_test_add_func ("/totals/against-count", test_against_count);
  g_test_add_func ("/totals/known-figures", test_known_figures);
  g_test_add_func ("/totals/json-and-csv", test_json_and_csv);
  g_test_add_func ("/totals/bad-periods", test_bad_periods);
  g_test_add_func ("/totals/empty-store", test_empty_store);
  g_test_add_func ("/totals/names", test_names);

  return g_test_run ();
}

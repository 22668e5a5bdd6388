/* test-cli-report.c — the real kaifang-cli: totals, export and the demo set,
 * checked against figures counted here from the records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-util.h"
#include "kf-error.h"

#define ARGS(...) ((const char * const[]) { __VA_ARGS__, NULL })

static const char * const figure_names[] = {
  "sessions", "groups", "visitors", "youth", "adults", "bookings_confirmed",
  "bookings_attended", "no_shows"
};
#define N_FIGURES G_N_ELEMENTS (figure_names)

static const char * const groupings[] = { "base", "date", "format", "topic" };

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

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static GPtrArray *
list_all (KfStore  *store,
          KfEntity  entity)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = kf_store_list (store, entity, NULL, &error);

  g_assert_no_error (error);
  return records;
}

/* Expected totals, counted here record by record from the definitions of the
 * protocol, without the SQL that core uses. */

typedef struct
{
  KfStore    *store;
  const char *from;
  const char *to;
  const char *by;
  const char *base_id;
  GHashTable *rows;      /* key → Row */
  GHashTable *sessions;  /* id → KfSession */
} Count;

static gboolean
in_period (const Count *c,
           const char  *date)
{
  return strcmp (date, c->from) >= 0 && strcmp (date, c->to) <= 0;
}

static const char *
key_of (const Count     *c,
        const char      *base_id,
        const char      *date,
        const KfSession *session)
{
  if (strcmp (c->by, "base") == 0)
    return base_id;
  if (strcmp (c->by, "date") == 0)
    return date;
  if (session == NULL)
    return "none";
  return strcmp (c->by, "format") == 0 ? session->format : session->topic;
}

static gint64 *
figures_for (Count      *c,
             const char *key)
{
  Row *row = g_hash_table_lookup (c->rows, key);

  if (row == NULL)
    {
      row = g_new0 (Row, 1);
      row->key = g_strdup (key);
      g_hash_table_insert (c->rows, row->key, row);
    }
  return row->figures;
}

static void
count_records (Count *c)
{
  g_autoptr(GPtrArray) sessions = list_all (c->store, KF_ENTITY_SESSION);
  g_autoptr(GPtrArray) bookings = list_all (c->store, KF_ENTITY_BOOKING);
  g_autoptr(GPtrArray) visits = list_all (c->store, KF_ENTITY_VISIT);

  for (guint i = 0; i < sessions->len; i++)
    {
      KfSession *s = g_ptr_array_index (sessions, i);

      g_hash_table_insert (c->sessions, s->r.id, s);
      if ((c->base_id == NULL || strcmp (s->base_id, c->base_id) == 0) &&
          in_period (c, s->date) && strcmp (s->status, "scheduled") == 0)
        figures_for (c, key_of (c, s->base_id, s->date, s))[0]++;
    }

  for (guint i = 0; i < bookings->len; i++)
    {
      KfBooking *b = g_ptr_array_index (bookings, i);
      KfSession *s = g_hash_table_lookup (c->sessions, b->session_id);
      gint64 *fig;

      if ((c->base_id != NULL && strcmp (b->base_id, c->base_id) != 0) || s == NULL ||
          !in_period (c, s->date))
        continue;
      fig = figures_for (c, key_of (c, b->base_id, s->date, s));
      fig[5] += strcmp (b->status, "confirmed") == 0 || strcmp (b->status, "attended") == 0;
      fig[6] += strcmp (b->status, "attended") == 0;
      fig[7] += strcmp (b->status, "no_show") == 0;
    }

  for (guint i = 0; i < visits->len; i++)
    {
      KfVisit *v = g_ptr_array_index (visits, i);
      g_autofree char *date = g_strndup (v->arrived_at, 10);
      KfSession *s = v->session_id != NULL ? g_hash_table_lookup (c->sessions, v->session_id)
                                           : NULL;
      gint64 *fig;

      if ((c->base_id != NULL && strcmp (v->base_id, c->base_id) != 0) || !in_period (c, date))
        continue;
      fig = figures_for (c, key_of (c, v->base_id, date, s));
      fig[1] += strcmp (v->kind, "individuals") != 0;
      fig[2] += v->youth_count + v->adult_count;
      fig[3] += v->youth_count;
      fig[4] += v->adult_count;
    }
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *x = *(const Row **) a, *y = *(const Row **) b;
  int by_label = strcmp (x->label, y->label);

  return by_label != 0 ? by_label : strcmp (x->key, y->key);
}

/* Rows in the protocol's order (by label for bases, which is the key
 * otherwise), without rows of all zeros; @total gets their sum. */
static GPtrArray *
expected_totals (KfStore    *store,
                 const char *from,
                 const char *to,
                 const char *by,
                 const char *base_id,
                 gint64     *total)
{
  Count c = { store, from, to, by, base_id, NULL, NULL };
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  GHashTableIter iter;
  Row *row;

  c.rows = g_hash_table_new (g_str_hash, g_str_equal);
  c.sessions = g_hash_table_new (g_str_hash, g_str_equal);
  count_records (&c);

  memset (total, 0, sizeof (gint64) * N_FIGURES);
  g_hash_table_iter_init (&iter, c.rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    {
      gint64 sum = 0;

      for (guint i = 0; i < N_FIGURES; i++)
        {
          sum += row->figures[i];
          total[i] += row->figures[i];
        }
      if (sum == 0)
        {
          row_free (row);
          continue;
        }
      if (strcmp (by, "base") == 0)
        {
          g_autoptr(KfRecord) base = kf_store_get (store, KF_ENTITY_BASE, row->key, NULL);
          row->label = g_strdup (base != NULL ? KF_BASE (base)->name : row->key);
        }
      else
        row->label = g_strdup (row->key);
      g_ptr_array_add (rows, row);
    }
  g_ptr_array_sort (rows, compare_rows);

  g_hash_table_unref (c.rows);
  g_hash_table_unref (c.sessions);
  return rows;
}

static void
assert_figures (JsonObject   *object,
                const gint64 *expected)
{
  for (guint i = 0; i < N_FIGURES; i++)
    g_assert_cmpint (json_object_get_int_member (object, figure_names[i]), ==, expected[i]);
}

static void
assert_totals_json (const char *db,
                    const char *from,
                    const char *to,
                    const char *by,
                    const char *base_id)
{
  g_autoptr(KfStore) store = cli_open_store (db);
  gint64 total[N_FIGURES];
  g_autoptr(GPtrArray) rows = expected_totals (store, from, to, by, base_id, total);
  g_autoptr(CliRun) run = cli_run (db, "totals", "--from", from, "--to", to, "--by", by,
                                   "--json", NULL);
  g_autoptr(JsonNode) json = NULL;
  JsonObject *object;
  JsonArray *array;

  cli_assert_ok (run);
  json = parse_json (run->out);
  object = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "from"), ==, from);
  g_assert_cmpstr (json_object_get_string_member (object, "to"), ==, to);
  g_assert_cmpstr (json_object_get_string_member (object, "by"), ==, by);
  array = json_object_get_array_member (object, "rows");
  g_assert_cmpuint (json_array_get_length (array), ==, rows->len);
  g_assert_cmpuint (rows->len, >, 0);

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = g_ptr_array_index (rows, i);
      JsonObject *element = json_array_get_object_element (array, i);

      g_assert_cmpstr (json_object_get_string_member (element, "key"), ==, row->key);
      g_assert_cmpstr (json_object_get_string_member (element, "label"), ==, row->label);
      assert_figures (element, row->figures);
    }
  assert_figures (json_object_get_object_member (object, "total"), total);
}

static void
assert_totals_csv (const char *db,
                   const char *from,
                   const char *to,
                   const char *by,
                   const char *base_id)
{
  g_autoptr(KfStore) store = cli_open_store (db);
  gint64 total[N_FIGURES];
  g_autoptr(GPtrArray) rows = expected_totals (store, from, to, by, base_id, total);
  g_autoptr(CliRun) run = cli_run (db, "totals", "--from", from, "--to", to, "--by", by,
                                   "--csv", NULL);
  g_auto(GStrv) lines = NULL;

  cli_assert_ok (run);
  g_assert_true (g_str_has_prefix (run->out, "\xEF\xBB\xBF"));
  g_assert_true (g_str_has_suffix (run->out, "\r\n"));
  lines = g_strsplit (run->out + 3, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, rows->len + 3);
  g_assert_cmpstr (lines[0], ==, "key,label,sessions,groups,visitors,youth,adults,"
                   "bookings_confirmed,bookings_attended,no_shows");
  for (guint i = 0; i <= rows->len; i++)
    {
      const Row *row = i < rows->len ? g_ptr_array_index (rows, i) : NULL;
      g_autoptr(GString) expected = g_string_new (row != NULL ? row->key : "total");

      g_assert_null (strchr (lines[i + 1], '\n'));
      g_string_append_printf (expected, ",%s", row != NULL ? row->label : "Total");
      for (guint f = 0; f < N_FIGURES; f++)
        g_string_append_printf (expected, ",%" G_GINT64_FORMAT,
                                row != NULL ? row->figures[f] : total[f]);
      g_assert_cmpstr (lines[i + 1], ==, expected->str);
    }
  g_assert_cmpstr (lines[rows->len + 2], ==, "");
}

static void
run_ok (const char         *db,
        const char * const *args)
{
  g_autoptr(CliRun) run = cli_runv (db, args, NULL);

  cli_assert_ok (run);
}

/* A week of one base: every status, kind, format and topic that totals
 * tell apart, and records just outside the period. */
static void
make_week (const char *db)
{
  g_autofree char *base_id = cli_init_base (db);
  g_autofree char *s1 = cli_add_session (db, "2025-05-24", "09:00", "10:30", "60", "走进气象台",
                                         "meteorology", "study_tour");
  g_autofree char *s2 = cli_add_session (db, "2025-05-24", "14:00", "15:00", "30", "人工智能",
                                         "ai", "hands_on");
  g_autofree char *s3 = cli_add_session (db, "2025-05-26", "09:00", "10:00", "40", "急救",
                                         "health", "lecture");
  g_autofree char *s4 = cli_add_session (db, "2025-05-27", "09:00", "10:00", "20", "夜观星空",
                                         "meteorology", "lecture");
  g_autofree char *s5 = cli_add_session (db, "2025-06-15", "09:00", "10:00", "10", "期外",
                                         "agriculture", "exhibition");
  g_autofree char *b1 = cli_add_booking (db, s1, "沁水县实验小学", "30", "3", TRUE);
  g_autofree char *b2 = cli_add_booking (db, s1, "端氏镇中学", "10", "2", FALSE);
  g_autofree char *b3 = cli_add_booking (db, s2, "龙港镇中心学校", "20", "2", TRUE);
  g_autofree char *b4 = cli_add_booking (db, s3, "沁水县第一中学", "15", "1", TRUE);
  g_autofree char *b5 = cli_add_booking (db, s4, "梅杏社区", "5", "1", TRUE);
  g_autofree char *b6 = cli_add_booking (db, s5, "期外学校", "3", "1", TRUE);
  g_autofree char *b7 = cli_add_booking (db, s3, "沁水县实验幼儿园", "8", "4", FALSE);

  run_ok (db, ARGS ("visit", "add", "--booking", b1, "--youth", "28", "--adults", "3",
                    "--at", "2025-05-24T08:55"));
  run_ok (db, ARGS ("booking", "no-show", b3));
  run_ok (db, ARGS ("booking", "decline", b7));
  run_ok (db, ARGS ("session", "cancel", s4));
  run_ok (db, ARGS ("visit", "add", "--group", "县文旅局干部职工", "--youth", "0", "--adults",
                    "12", "--at", "2025-05-25 10:00"));
  run_ok (db, ARGS ("visit", "add", "--group", "科技社团", "--youth", "8", "--adults", "1",
                    "--session", s2, "--at", "2025-05-24T14:10"));
  run_ok (db, ARGS ("visit", "add", "--group", "期外团", "--youth", "5", "--adults", "5",
                    "--session", s5, "--at", "2025-06-15T10:00"));
  /* 23:30 in Shanghai, but written as 1 June: a visit's date is its date as written */
  run_ok (db, ARGS ("visit", "add", "--group", "夜归团", "--youth", "2", "--adults", "2",
                    "--at", "2025-06-01T00:30:00+09:00"));
  run_ok (db, ARGS ("tally", "--session", s1, "--youth", "12", "--adults", "9"));
  run_ok (db, ARGS ("tally", "--session", s3, "--youth", "4"));
  (void) b2; (void) b4; (void) b5; (void) b6;
}

static void
test_totals (CliFixture    *f,
             gconstpointer  data)
{
  g_autoptr(KfStore) store = NULL;
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(CliRun) table = NULL;

  make_week (f->db);
  store = cli_open_store (f->db);
  identity = kf_store_get_identity (store, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (groupings); i++)
    {
      assert_totals_json (f->db, "2025-05-24", "2025-05-31", groupings[i], identity->base_id);
      assert_totals_csv (f->db, "2025-05-24", "2025-05-31", groupings[i], identity->base_id);
      assert_totals_json (f->db, "2025-05-26", "2025-06-30", groupings[i], identity->base_id);
    }

  /* figures counted by hand for the week */
  {
    g_autoptr(CliRun) run = cli_run (f->db, "totals", "--from", "2025-05-24", "--to",
                                     "2025-05-31", "--json", NULL);
    g_autoptr(JsonNode) json = parse_json (run->out);
    static const gint64 week[] = { 3, 3, 77, 52, 25, 3, 1, 1 };

    assert_figures (json_object_get_object_member (json_node_get_object (json), "total"), week);
  }

  table = cli_run (f->db, "totals", "--from", "2025-05-24", "--to", "2025-05-31", NULL);
  cli_assert_ok (table);
  g_assert_nonnull (strstr (table->out, "沁水县气象局"));
  g_assert_nonnull (strstr (table->out, "Total"));
  g_assert_nonnull (strstr (table->out, " 77 "));

  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --by: must be one of: base, date, format, "
                              "topic\n",
                              ARGS ("totals", "--from", "2025-05-24", "--to", "2025-05-31",
                                    "--by", "rank"));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --from: must be a date",
                              ARGS ("totals", "--from", "2025-5-24", "--to", "2025-05-31"));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --to: must not be before",
                              ARGS ("totals", "--from", "2025-05-24", "--to", "2025-05-01"));
  cli_assert_fails_unchanged (f->db, 2, "kaifang-cli: --to: is required\n",
                              ARGS ("totals", "--from", "2025-05-24"));
}

/* export */

/* RFC 4180: fields in quotes may hold commas, quotes (doubled) and breaks. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++; !(*p == '"' && p[1] != '"'); p++)
            {
              g_assert_true (*p != '\0');
              if (*p == '"')
                p++;
              g_string_append_c (field, *p);
            }
          p++;
        }
      else if (*p == ',' || (*p == '\r' && p[1] == '\n'))
        {
          g_ptr_array_add (row, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          if (*p == '\r')
            {
              g_ptr_array_add (rows, row);
              row = g_ptr_array_new_with_free_func (g_free);
              p++;
            }
          p++;
        }
      else
        {
          g_assert_true (*p != '\n' && *p != '\r');
          g_string_append_c (field, *p++);
        }
    }
  g_assert_cmpuint (row->len, ==, 0);
  g_assert_cmpuint (field->len, ==, 0);
  g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

static char *
field_text (const KfRecord    *record,
            const KfFieldSpec *field)
{
  if (field->type == KF_FIELD_INT)
    return g_strdup_printf ("%" G_GINT64_FORMAT, kf_record_get_int (record, field));
  return g_strdup (kf_record_get_text (record, field) != NULL
                   ? kf_record_get_text (record, field) : "");
}

static void
assert_csv_export (const char *path,
                   KfEntity    entity,
                   GPtrArray  *records)
{
  const KfEntityInfo *info = kf_entity_info (entity);
  g_autofree char *contents = cli_file_contents (path);
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *header;

  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF"));
  rows = parse_csv (contents + 3);
  g_assert_cmpuint (rows->len, ==, records->len + 1);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (g_ptr_array_index (header, 0), ==, "id");
  g_assert_cmpstr (g_ptr_array_index (header, 1), ==, "version");
  for (guint i = 0; i < info->n_fields; i++)
    g_assert_cmpstr (g_ptr_array_index (header, i + 2), ==, info->fields[i].name);

  for (guint r = 0; r < records->len; r++)
    {
      const KfRecord *record = g_ptr_array_index (records, r);
      GPtrArray *row = g_ptr_array_index (rows, r + 1);

      g_assert_cmpuint (row->len, ==, info->n_fields + 2);
      g_assert_cmpstr (g_ptr_array_index (row, 0), ==, record->id);
      g_assert_cmpstr (g_ptr_array_index (row, 1), ==, "0");
      for (guint i = 0; i < info->n_fields; i++)
        {
          g_autofree char *expected = field_text (record, &info->fields[i]);
          g_assert_cmpstr (g_ptr_array_index (row, i + 2), ==, expected);
        }
    }
}

static void
assert_json_export (const char *path,
                    GPtrArray  *records)
{
  g_autofree char *contents = cli_file_contents (path);
  g_autoptr(JsonNode) json = parse_json (contents);
  JsonArray *array = json_node_get_array (json);

  g_assert_cmpuint (json_array_get_length (array), ==, records->len);
  for (guint r = 0; r < records->len; r++)
    {
      g_autoptr(JsonNode) expected = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (expected, kf_record_to_json (g_ptr_array_index (records, r), TRUE));
      g_assert_true (json_node_equal (json_array_get_element (array, r), expected));
    }
  /* the protocol's shapes: an id and a version 0, never acknowledged */
  if (records->len > 0)
    {
      JsonObject *first = json_array_get_object_element (array, 0);
      g_assert_true (json_object_has_member (first, "id"));
      g_assert_cmpint (json_object_get_int_member (first, "version"), ==, 0);
    }
}

static void
test_export (CliFixture    *f,
             gconstpointer  data)
{
  static const struct
  {
    const char *name;
    KfEntity    entity;
  } entities[] = {
    { "sessions", KF_ENTITY_SESSION }, { "bookings", KF_ENTITY_BOOKING },
    { "visits", KF_ENTITY_VISIT },
  };
  g_autoptr(KfStore) store = NULL;
  g_autofree char *out = g_build_filename (f->dir, "导出.csv", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no", "such", "x.csv", NULL);

  make_week (f->db);
  /* text that CSV must quote, and Chinese, round-trip intact */
  g_free (cli_add_session (f->db, "2025-05-28", "09:00", "10:00", "10",
                           "科普\"大讲堂\", 第一期\n下午场", "other", "lecture"));
  store = cli_open_store (f->db);

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      g_autoptr(GPtrArray) all = list_all (store, entities[i].entity);
      KfQuery week = { .from = "2025-05-24", .to = "2025-05-31" };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) in_week = kf_store_list (store, entities[i].entity, &week, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (in_week->len, <, all->len);

      run_ok (f->db, ARGS ("export", "--entity", entities[i].name, "--format", "csv",
                           "--out", out));
      assert_csv_export (out, entities[i].entity, all);
      run_ok (f->db, ARGS ("export", "--entity", entities[i].name, "--format=json",
                           "--out", out));
      assert_json_export (out, all);
      run_ok (f->db, ARGS ("export", "--entity", entities[i].name, "--format", "csv",
                           "--out", out, "--from", "2025-05-24", "--to", "2025-05-31"));
      assert_csv_export (out, entities[i].entity, in_week);
    }

  /* a file that cannot be written is not written at all */
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --out: cannot be written",
                              ARGS ("export", "--entity", "sessions", "--format", "csv",
                                    "--out", missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --out: cannot be written",
                              ARGS ("export", "--entity", "sessions", "--format", "json",
                                    "--out", f->dir));
  g_assert_true (g_file_test (f->dir, G_FILE_TEST_IS_DIR));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --entity: must be one of: sessions, "
                              "bookings, visits\n",
                              ARGS ("export", "--entity", "bases", "--format", "csv",
                                    "--out", out));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --format: must be one of: csv, json\n",
                              ARGS ("export", "--entity", "visits", "--format", "xml",
                                    "--out", out));
  cli_assert_fails_unchanged (f->db, 2, "kaifang-cli: --out: is required\n",
                              ARGS ("export", "--entity", "visits", "--format", "csv"));
}

/* The booking list and the export show Chinese exactly as it was typed. */
static void
test_chinese_round_trip (CliFixture    *f,
                         gconstpointer  data)
{
  static const char org[] = "沁水县龙港镇中心学校（南校区）·科技社团";
  g_autofree char *base_id = cli_init_base (f->db);
  g_autofree char *s = cli_add_session (f->db, "2025-05-24", "09:00", "10:30", "60",
                                        "走进气象台：天气预报是怎样做出来的", "meteorology",
                                        "study_tour");
  g_autofree char *b = cli_add_booking (f->db, s, org, "30", "3", FALSE);
  g_autofree char *out = g_build_filename (f->dir, "b.csv", NULL);
  g_autoptr(CliRun) list = cli_run (f->db, "booking", "list", "--json", NULL);
  g_autoptr(CliRun) table = cli_run (f->db, "session", "list", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *quoted = g_strdup_printf (",%s,school,", org);

  cli_assert_ok (list);
  g_assert_nonnull (strstr (list->out, org));
  cli_assert_ok (table);
  g_assert_nonnull (strstr (table->out, "走进气象台：天气预报是怎样做出来的"));
  run_ok (f->db, ARGS ("export", "--entity", "bookings", "--format", "csv", "--out", out));
  csv = cli_file_contents (out);
  g_assert_nonnull (strstr (csv, quoted));
  {
    g_autoptr(KfRecord) booking = cli_get_record (f->db, KF_ENTITY_BOOKING, b);
    g_assert_cmpstr (KF_BOOKING (booking)->org_name, ==, org);
  }
}

/* demo */

static void
test_demo (CliFixture    *f,
           gconstpointer  data)
{
  g_autoptr(CliRun) run = cli_run (f->db, "demo", NULL);
  g_autoptr(KfStore) store = NULL;
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) bases = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *demo = NULL;
  g_autoptr(KfRecord) own = NULL;

  cli_assert_ok (run);
  store = cli_open_store (f->db);
  identity = kf_store_get_identity (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (identity->role, ==, KF_ROLE_BASE);
  own = kf_store_get (store, KF_ENTITY_BASE, identity->base_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (KF_BASE (own)->name, ==, "沁水县气象局");
  demo = kf_store_get_meta (store, "demo");
  g_assert_cmpstr (demo, ==, "1");

  /* nothing queued for a hub */
  g_assert_cmpint (cli_count_rows (f->db, "SELECT count(*) FROM outbox"), ==, 0);

  bases = list_all (store, KF_ENTITY_BASE);
  sessions = list_all (store, KF_ENTITY_SESSION);
  bookings = list_all (store, KF_ENTITY_BOOKING);
  visits = list_all (store, KF_ENTITY_VISIT);
  g_assert_cmpuint (bases->len, >=, 4);
  g_assert_cmpuint (sessions->len, >=, 10);

  /* every record valid, every booking status and visit kind present */
  for (guint i = 0; i < bookings->len; i++)
    {
      KfBooking *b = g_ptr_array_index (bookings, i);
      g_assert_true (kf_record_validate (&b->r, NULL));
      g_hash_table_add (seen, b->status);
    }
  for (guint i = 0; i < visits->len; i++)
    {
      KfVisit *v = g_ptr_array_index (visits, i);
      g_assert_true (kf_record_validate (&v->r, NULL));
      g_hash_table_add (seen, v->kind);
    }
  for (guint i = 0; kf_booking_status_codes[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (seen, kf_booking_status_codes[i]));
  for (guint i = 0; kf_visit_kind_codes[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (seen, kf_visit_kind_codes[i]));

  for (guint i = 0; i < G_N_ELEMENTS (groupings); i++)
    {
      assert_totals_json (f->db, "2025-05-24", "2025-06-01", groupings[i], identity->base_id);
      assert_totals_csv (f->db, "2025-05-24", "2025-06-01", groupings[i], identity->base_id);
    }

  /* only an empty database takes the demo set */
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: demo: the database already holds "
                              "records\n", ARGS ("demo"));
}

/* The same records on every load, so that figures can be relied on. */
static void
test_demo_deterministic (CliFixture    *f,
                         gconstpointer  data)
{
  const char * const *lists[] = {
    ARGS ("session", "list", "--json"), ARGS ("booking", "list", "--json"),
    ARGS ("visit", "list", "--json"),
  };
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);

  run_ok (f->db, ARGS ("demo"));
  run_ok (other, ARGS ("demo"));
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(CliRun) a = cli_runv (f->db, lists[i], NULL);
      g_autoptr(CliRun) b = cli_runv (other, lists[i], NULL);

      cli_assert_ok (a);
      cli_assert_ok (b);
      g_assert_cmpstr (a->out, ==, b->out);
    }
}

static void
test_demo_set_up_databases (CliFixture    *f,
                            gconstpointer  data)
{
  g_autofree char *school = g_build_filename (f->dir, "school.db", NULL);
  g_autofree char *base_id = cli_init_base (f->db);
  g_autoptr(CliRun) init = cli_run (school, "init", "--role", "school", "--org", "甲校", NULL);
  g_autoptr(KfStore) store = NULL;
  g_autoptr(KfRecord) own = NULL;
  g_autoptr(GError) error = NULL;

  cli_assert_ok (init);
  cli_assert_fails_unchanged (school, 1, "kaifang-cli: demo: the demo data is for a base",
                              ARGS ("demo"));

  /* an empty base takes the bureau's place, and keeps its own name */
  run_ok (f->db, ARGS ("demo"));
  store = cli_open_store (f->db);
  own = kf_store_get (store, KF_ENTITY_BASE, base_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (KF_BASE (own)->name, ==, "沁水县气象局");
  g_assert_cmpint (cli_count_rows (f->db, "SELECT count(*) FROM sessions"), >,
                   cli_count_rows (f->db, "SELECT count(*) FROM sessions WHERE base_id != "
                                   "(SELECT value FROM meta WHERE key = 'base_id')"));
  for (guint i = 0; i < G_N_ELEMENTS (groupings); i++)
    assert_totals_json (f->db, "2025-05-20", "2025-06-10", groupings[i], base_id);

  /* a base with records of its own is left alone */
  {
    g_autofree char *other = g_build_filename (f->dir, "busy.db", NULL);
    g_autofree char *other_base = cli_init_base (other);
    g_free (cli_add_session (other, "2025-05-24", "09:00", "10:00", "5", "已有", "other",
                             "other"));
    cli_assert_fails_unchanged (other, 1, "kaifang-cli: demo: the database already holds "
                                "records\n", ARGS ("demo"));
  }
}

/* The demo's other bases are read-only here, as on the hub; the own base
 * works as usual, and its changes are queued. */
static void
test_demo_other_bases (CliFixture    *f,
                       gconstpointer  data)
{
  g_autoptr(KfStore) store = NULL;
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  const char *own_session = NULL, *other_session = NULL, *other_booking = NULL;
  g_autofree char *line = NULL;

  run_ok (f->db, ARGS ("demo"));
  store = cli_open_store (f->db);
  identity = kf_store_get_identity (store, NULL);
  sessions = list_all (store, KF_ENTITY_SESSION);
  bookings = list_all (store, KF_ENTITY_BOOKING);
  for (guint i = 0; i < sessions->len; i++)
    {
      KfSession *s = g_ptr_array_index (sessions, i);
      gboolean own = strcmp (s->base_id, identity->base_id) == 0;

      if (own && own_session == NULL && strcmp (s->status, "scheduled") == 0)
        own_session = s->r.id;
      if (!own && other_session == NULL)
        other_session = s->r.id;
    }
  for (guint i = 0; i < bookings->len && other_booking == NULL; i++)
    {
      KfBooking *b = g_ptr_array_index (bookings, i);
      if (strcmp (b->base_id, identity->base_id) != 0 && strcmp (b->status, "requested") == 0)
        other_booking = b->r.id;
    }
  g_assert_nonnull (own_session);
  g_assert_nonnull (other_session);
  g_assert_nonnull (other_booking);

  line = g_strdup_printf ("kaifang-cli: %s: belongs to another base\n", other_session);
  cli_assert_fails_unchanged (f->db, 1, line, ARGS ("session", "cancel", other_session));
  g_free (line);
  line = g_strdup_printf ("kaifang-cli: %s: belongs to another base\n", other_booking);
  cli_assert_fails_unchanged (f->db, 1, line, ARGS ("booking", "decline", other_booking));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --session: belongs to another base\n",
                              ARGS ("tally", "--session", other_session, "--youth", "1"));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --session: belongs to another base\n",
                              ARGS ("visit", "add", "--group", "g", "--youth", "1", "--adults",
                                    "1", "--session", other_session));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --session: belongs to another base\n",
                              ARGS ("booking", "add", "--session", other_session, "--org", "甲",
                                    "--org-type", "school", "--contact-name", "乙",
                                    "--contact-phone", "13800000000", "--youth", "1",
                                    "--adults", "1"));

  run_ok (f->db, ARGS ("tally", "--session", own_session, "--youth", "1"));
  g_assert_cmpint (cli_count_rows (f->db, "SELECT count(*) FROM outbox"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CliFixture, NULL, cli_fixture_setup, func, cli_fixture_teardown)

  ADD ("/cli/totals", test_totals);
  ADD ("/cli/export", test_export);
  ADD ("/cli/chinese-round-trip", test_chinese_round_trip);
  ADD ("/cli/demo/load", test_demo);
  ADD ("/cli/demo/deterministic", test_demo_deterministic);
  ADD ("/cli/demo/set-up-databases", test_demo_set_up_databases);
  ADD ("/cli/demo/other-bases", test_demo_other_bases);

  return g_test_run ();
}

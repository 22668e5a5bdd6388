/* test-export.c — records written to CSV and JSON files, read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core-test-util.h"
#include "kf-export.h"

#define BASE_A "aaaaaaaa-0000-4000-8000-000000000001"
#define BOM "\xEF\xBB\xBF"

/* Text that CSV and JSON writers must take care of. */
static const char * const texts[] = {
  "看云识天气",
  "He said \"你好\"",
  "a, b, c",
  "two\nlines",
  "crlf\r\nline",
  "\"\"",
  ",",
  " spaces around ",
  "tab\there",
  "🌦 emoji 𠀀",
  "back\\slash",
  "",
};

typedef struct
{
  char    *dir;
  KfStore *store;
} Fixture;

static void
fill (KfStore *store)
{
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *date = g_strdup_printf ("2025-05-%02u", 20 + i);
      g_autofree char *at = g_strdup_printf ("%sT10:00:00+08:00", date);
      const char *title = texts[i][0] != '\0' ? texts[i] : "无标题";
      g_autoptr(KfRecord) session = kft_session (BASE_A, date, "09:00", "11:00", 100, title,
                                                 "meteorology", "exhibition");
      g_autoptr(KfRecord) booking = NULL;
      g_autoptr(KfRecord) walk_in = NULL;
      g_autoptr(KfRecord) no_session = NULL;
      g_autoptr(GError) error = NULL;

      kft_set_text (session, "note", texts[i]);
      booking = kft_booking (BASE_A, session->id, title, 10 + i, 2, i % 2 ? "confirmed"
                                                                           : "requested");
      kft_set_text (booking, "grade", texts[i]);
      kft_set_text (booking, "contact_name", title);
      kft_set_text (booking, "note", texts[i]);
      walk_in = kft_visit (BASE_A, session->id, NULL, "walk_in_group", title, at, i, 1);
      kft_set_text (walk_in, "note", texts[i]);
      no_session = kft_visit (BASE_A, NULL, NULL, "walk_in_group", title, at, 1, i);
      {
        KfRecord *records[] = { session, booking, walk_in, no_session };

        g_assert_true (kf_store_put_many (store, records, G_N_ELEMENTS (records), &error));
        g_assert_no_error (error);
      }
    }
  /* A version the hub gave, to see it in the files. */
  kft_sql_exec (store, "UPDATE sessions SET version = 7 WHERE date = '2025-05-21'");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = kft_make_tmpdir ();
  f->store = kft_store_new_base (f->dir, BASE_A, "县气象局, \"总部\"");
  fill (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  kft_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
out_path (Fixture    *f,
          const char *name)
{
  g_autofree char *sub = g_build_filename (f->dir, "out", NULL);

  g_mkdir_with_parents (sub, 0700);
  return g_build_filename (sub, name, NULL);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *content = NULL;

  g_assert_true (g_file_get_contents (path, &content, NULL, &error));
  g_assert_no_error (error);
  return content;
}

/* A record read back from one CSV line of the export's columns. */
static KfRecord *
record_from_csv (KfEntity   entity,
                 char     **fields)
{
  const KfEntityInfo *info = kf_entity_info (entity);
  KfRecord *record = kf_record_new (entity);
  char *end = NULL;

  g_assert_cmpuint (g_strv_length (fields), ==, info->n_fields + 2);
  record->id = g_strdup (fields[0]);
  record->version = g_ascii_strtoll (fields[1], &end, 10);
  g_assert_true (end != fields[1] && *end == '\0');
  for (guint i = 0; i < info->n_fields; i++)
    {
      const KfFieldSpec *field = &info->fields[i];
      const char *value = fields[i + 2];

      if (field->type == KF_FIELD_INT)
        {
          kf_record_set_int (record, field, g_ascii_strtoll (value, &end, 10));
          g_assert_true (end != value && *end == '\0');
        }
      else if (*value == '\0' && (field->flags & KF_FIELD_NULLABLE))
        kf_record_set_text (record, field, NULL);   /* CSV has no null: "" */
      else
        kf_record_set_text (record, field, value);
    }
  return record;
}

static void
check_same_records (GPtrArray *want,
                    GPtrArray *got)
{
  g_assert_cmpuint (got->len, ==, want->len);
  for (guint i = 0; i < want->len; i++)
    {
      const KfRecord *w = g_ptr_array_index (want, i);
      const KfRecord *g = g_ptr_array_index (got, i);
      const KfEntityInfo *info = kf_entity_info (w->entity);

      g_assert_true (kf_record_equal_data (w, g));
      g_assert_cmpint (g->version, ==, w->version);
      /* the computed fields too: they are in the files */
      for (guint j = 0; j < info->n_fields; j++)
        if (info->fields[j].flags & KF_FIELD_COMPUTED)
          g_assert_cmpint (kf_record_get_int (g, &info->fields[j]), ==,
                           kf_record_get_int (w, &info->fields[j]));
    }
}

static GPtrArray *
parse_csv_file (KfEntity    entity,
                const char *content)
{
  const KfEntityInfo *info = kf_entity_info (entity);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  char **header;

  g_assert_true (g_str_has_prefix (content, BOM));
  lines = kft_csv_parse (content + strlen (BOM), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, >=, 1);

  header = g_ptr_array_index (lines, 0);
  g_assert_cmpstr (header[0], ==, "id");
  g_assert_cmpstr (header[1], ==, "version");
  for (guint i = 0; i < info->n_fields; i++)
    g_assert_cmpstr (header[i + 2], ==, info->fields[i].name);
  g_assert_cmpuint (g_strv_length (header), ==, info->n_fields + 2);

  for (guint i = 1; i < lines->len; i++)
    g_ptr_array_add (records, record_from_csv (entity, g_ptr_array_index (lines, i)));
  return records;
}

static GPtrArray *
parse_json_file (KfEntity    entity,
                 const char *content)
{
  const KfEntityInfo *info = kf_entity_info (entity);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  g_assert_true (json_parser_load_from_data (parser, content, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  array = json_node_get_array (json_parser_get_root (parser));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      g_autoptr(JsonObject) data = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (object);
      KfRecord *record;

      /* as pulled: id, version and every field */
      g_assert_cmpuint (json_object_get_size (object), ==, info->n_fields + 2);
      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "id") && !g_str_equal (l->data, "version"))
          json_object_set_member (data, l->data,
                                  json_node_copy (json_object_get_member (object, l->data)));

      record = kf_record_from_json_data (entity, json_object_get_string_member (object, "id"),
                                         data, &error);
      g_assert_no_error (error);
      record->version = json_object_get_int_member (object, "version");
      for (guint j = 0; j < info->n_fields; j++)
        if (info->fields[j].flags & KF_FIELD_COMPUTED)
          kf_record_set_int (record, &info->fields[j],
                             json_object_get_int_member (object, info->fields[j].name));
      g_ptr_array_add (records, record);
    }
  return records;
}

static const KfEntity entities[] = {
  KF_ENTITY_BASE, KF_ENTITY_SESSION, KF_ENTITY_BOOKING, KF_ENTITY_VISIT,
};

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  for (guint e = 0; e < G_N_ELEMENTS (entities); e++)
    for (KfExportFormat format = KF_EXPORT_CSV; format <= KF_EXPORT_JSON; format++)
      {
        g_autofree char *path = out_path (f, format == KF_EXPORT_CSV ? "out.csv" : "out.json");
        g_autoptr(GPtrArray) want = kf_store_list (f->store, entities[e], NULL, NULL);
        g_autoptr(GPtrArray) got = NULL;
        g_autofree char *content = NULL;
        g_autoptr(GError) error = NULL;

        g_test_message ("%s %s", kf_entity_info (entities[e])->name,
                        format == KF_EXPORT_CSV ? "csv" : "json");
        g_assert_true (kf_export_records (f->store, entities[e], format, NULL, path, &error));
        g_assert_no_error (error);
        content = read_file (path);
        g_assert_true (g_utf8_validate (content, -1, NULL));
        got = format == KF_EXPORT_CSV ? parse_csv_file (entities[e], content)
                                      : parse_json_file (entities[e], content);
        g_assert_cmpuint (want->len, >, 0);
        check_same_records (want, got);
      }
}

/* What the CSV looks like, byte for byte, where it matters. */
static void
test_csv_shape (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = out_path (f, "sessions.csv");
  g_autofree char *content = NULL;
  g_autoptr(GError) error = NULL;
  gsize n_crlf = 0, n_lf = 0;

  g_assert_true (kf_export_records (f->store, KF_ENTITY_SESSION, KF_EXPORT_CSV, NULL, path,
                                    &error));
  content = read_file (path);

  g_assert_true (g_str_has_prefix (content, BOM "id,version,base_id,date,start,end,capacity,"
                                   "title,topic,format,status,note,confirmed_people,"
                                   "requested_people\r\n"));
  g_assert_true (g_str_has_suffix (content, "\r\n"));
  g_assert_nonnull (strstr (content, ",\"He said \"\"你好\"\"\","));
  g_assert_nonnull (strstr (content, ",\"a, b, c\","));
  g_assert_nonnull (strstr (content, ",\"two\nlines\","));
  g_assert_nonnull (strstr (content, ",\"crlf\r\nline\","));
  g_assert_nonnull (strstr (content, ",\"\"\"\"\"\","));
  g_assert_nonnull (strstr (content, ",\",\","));
  g_assert_nonnull (strstr (content, ", spaces around ,"));
  g_assert_nonnull (strstr (content, ",看云识天气,"));
  g_assert_nonnull (strstr (content, ",🌦 emoji 𠀀,"));
  g_assert_null (strstr (content, "\r\r"));

  /* Line ends: one CRLF per record, plus the new lines inside quoted fields. */
  for (const char *p = content; *p; p++)
    if (*p == '\n')
      {
        if (p > content && p[-1] == '\r')
          n_crlf++;
        else
          n_lf++;
      }
  /* "two\nlines" and "crlf\r\nline" are in a title and a note */
  g_assert_cmpuint (n_lf, ==, 2);
  g_assert_cmpuint (n_crlf, ==, 1 + G_N_ELEMENTS (texts) + 2);
}

static void
test_query (Fixture       *f,
            gconstpointer  data)
{
  KfQuery query = { .from = "2025-05-22", .to = "2025-05-24" };

  for (guint e = 1; e < G_N_ELEMENTS (entities); e++)
    for (KfExportFormat format = KF_EXPORT_CSV; format <= KF_EXPORT_JSON; format++)
      {
        g_autofree char *path = out_path (f, "part");
        g_autoptr(GPtrArray) want = kf_store_list (f->store, entities[e], &query, NULL);
        g_autoptr(GPtrArray) got = NULL;
        g_autofree char *content = NULL;
        g_autoptr(GError) error = NULL;

        g_assert_true (kf_export_records (f->store, entities[e], format, &query, path, &error));
        g_assert_no_error (error);
        content = read_file (path);
        got = format == KF_EXPORT_CSV ? parse_csv_file (entities[e], content)
                                      : parse_json_file (entities[e], content);
        g_assert_cmpuint (want->len, ==, entities[e] == KF_ENTITY_VISIT ? 6 : 3);
        check_same_records (want, got);
      }
}

/* The file holds exactly what the writers make, nothing more. */
static void
test_same_as_writers (Fixture       *f,
                      gconstpointer  data)
{
  for (guint e = 0; e < G_N_ELEMENTS (entities); e++)
    {
      g_autofree char *csv_path = out_path (f, "w.csv");
      g_autofree char *json_path = out_path (f, "w.json");
      g_autoptr(GPtrArray) records = kf_store_list (f->store, entities[e], NULL, NULL);
      g_autofree char *csv = kf_records_to_csv (entities[e], records);
      g_autofree char *json = kf_records_to_json (records);
      g_autofree char *csv_file = NULL;
      g_autofree char *json_file = NULL;

      g_assert_true (kf_export_records (f->store, entities[e], KF_EXPORT_CSV, NULL, csv_path,
                                        NULL));
      g_assert_true (kf_export_records (f->store, entities[e], KF_EXPORT_JSON, NULL, json_path,
                                        NULL));
      csv_file = read_file (csv_path);
      json_file = read_file (json_path);
      g_assert_cmpstr (csv_file, ==, csv);
      g_assert_cmpstr (json_file, ==, json);
    }
}

static void
test_empty (void)
{
  g_autofree char *dir = kft_make_tmpdir ();
  g_autoptr(KfStore) store = kft_store_new_base (dir, BASE_A, "县气象局");
  g_autofree char *csv_path = g_build_filename (dir, "empty.csv", NULL);
  g_autofree char *json_path = g_build_filename (dir, "empty.json", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kf_export_records (store, KF_ENTITY_VISIT, KF_EXPORT_CSV, NULL, csv_path,
                                    &error));
  g_assert_true (kf_export_records (store, KF_ENTITY_VISIT, KF_EXPORT_JSON, NULL, json_path,
                                    &error));
  g_assert_no_error (error);
  csv = read_file (csv_path);
  json = read_file (json_path);
  g_assert_cmpstr (csv, ==, BOM "id,version,base_id,session_id,booking_id,kind,group_name,"
                   "arrived_at,youth_count,adult_count,note\r\n");
  records = parse_json_file (KF_ENTITY_VISIT, json);
  g_assert_cmpuint (records->len, ==, 0);

  g_clear_object (&store);
  kft_remove_tree (dir);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GStrv
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* A file that cannot be written is an error, and leaves nothing behind. */
static void
test_unwritable (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *missing_dir = g_build_filename (f->dir, "no", "such", NULL);
  g_autofree char *missing = g_build_filename (missing_dir, "out.csv", NULL);
  g_autofree char *a_dir = g_build_filename (f->dir, "a-directory", NULL);
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;

  g_assert_cmpint (g_mkdir (a_dir, 0700), ==, 0);
  before = list_dir (f->dir);

  for (KfExportFormat format = KF_EXPORT_CSV; format <= KF_EXPORT_JSON; format++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (kf_export_records (f->store, KF_ENTITY_SESSION, format, NULL, missing,
                                         &error));
      g_assert_error (error, KF_ERROR, KF_ERROR_FAILED);
      g_assert_cmpstr (error->message, !=, "");
      g_clear_error (&error);
      g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));

      g_assert_false (kf_export_records (f->store, KF_ENTITY_SESSION, format, NULL, a_dir,
                                         &error));
      g_assert_error (error, KF_ERROR, KF_ERROR_FAILED);
      g_assert_true (g_file_test (a_dir, G_FILE_TEST_IS_DIR));
    }

  after = list_dir (f->dir);
  g_assert_true (g_strv_equal ((const char * const *) before, (const char * const *) after));
  {
    g_auto(GStrv) inside = list_dir (a_dir);

    g_assert_cmpuint (g_strv_length (inside), ==, 0);
  }
}

/* An existing file is replaced whole: no tail of the old content, no
 * temporary file left beside it. */
static void
test_replaces_whole (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = out_path (f, "export.csv");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *old = kft_repeat ("old line that must not survive\r\n", 20000);

  for (guint e = 0; e < G_N_ELEMENTS (entities); e++)
    for (KfExportFormat format = KF_EXPORT_CSV; format <= KF_EXPORT_JSON; format++)
      {
        g_autoptr(GPtrArray) records = kf_store_list (f->store, entities[e], NULL, NULL);
        g_autofree char *expected = format == KF_EXPORT_CSV
                                    ? kf_records_to_csv (entities[e], records)
                                    : kf_records_to_json (records);
        g_autofree char *content = NULL;
        g_autoptr(GError) error = NULL;
        g_auto(GStrv) names = NULL;

        g_assert_true (g_file_set_contents (path, old, -1, NULL));
        g_assert_cmpuint (strlen (old), >, strlen (expected));
        g_assert_true (kf_export_records (f->store, entities[e], format, NULL, path, &error));
        g_assert_no_error (error);
        content = read_file (path);
        g_assert_cmpstr (content, ==, expected);
        g_assert_null (strstr (content, "old line"));

        names = list_dir (dir);
        g_assert_cmpuint (g_strv_length (names), ==, 1);
        g_assert_cmpstr (names[0], ==, "export.csv");
      }
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/export/round-trip", test_round_trip);
  ADD ("/export/csv-shape", test_csv_shape);
  ADD ("/export/query", test_query);
  ADD ("/export/same-as-writers", test_same_as_writers);
  g_test_add_func ("/export/empty", test_empty);
  ADD ("/export/unwritable", test_unwritable);
  ADD ("/export/replaces-whole", test_replaces_whole);

  return g_test_run ();
}

/* core-test-util.c — what the tests of libkaifang-core share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core-test-util.h"

char *
kft_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("kf-core-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  return dir;
}

void
kft_remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = NULL;
  const char *name;

  if (dir == NULL)
    return;

  handle = g_dir_open (dir, 0, NULL);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        kft_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

char *
kft_repeat (const char *unit,
            guint       n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (out, unit);
  return g_string_free (out, FALSE);
}

void
kft_set_text (KfRecord   *record,
              const char *field,
              const char *value)
{
  const KfFieldSpec *spec = kf_entity_find_field (record->entity, field);

  g_assert_nonnull (spec);
  g_assert_cmpint (spec->type, !=, KF_FIELD_INT);
  kf_record_set_text (record, spec, value);
}

void
kft_set_int (KfRecord   *record,
             const char *field,
             gint64      value)
{
  const KfFieldSpec *spec = kf_entity_find_field (record->entity, field);

  g_assert_nonnull (spec);
  g_assert_cmpint (spec->type, ==, KF_FIELD_INT);
  kf_record_set_int (record, spec, value);
}

KfRecord *
kft_base (const char *id,
          const char *name)
{
  KfRecord *record = kf_record_new (KF_ENTITY_BASE);

  record->id = id != NULL ? g_strdup (id) : kf_new_id ();
  kft_set_text (record, "name", name);
  kft_set_text (record, "address", "");
  kft_set_text (record, "contact_name", "");
  kft_set_text (record, "contact_phone", "");
  return record;
}

KfRecord *
kft_session (const char *base_id,
             const char *date,
             const char *start,
             const char *end,
             gint64      capacity,
             const char *title,
             const char *topic,
             const char *format)
{
  KfSession *session = KF_SESSION (kf_record_new (KF_ENTITY_SESSION));

  session->r.id = kf_new_id ();
  session->base_id = g_strdup (base_id);
  session->date = g_strdup (date);
  session->start = g_strdup (start);
  session->end = g_strdup (end);
  session->capacity = capacity;
  session->title = g_strdup (title);
  session->topic = g_strdup (topic);
  session->format = g_strdup (format);
  session->status = g_strdup ("scheduled");
  session->note = g_strdup ("");
  return (KfRecord *) session;
}

KfRecord *
kft_booking (const char *base_id,
             const char *session_id,
             const char *org_name,
             gint64      youth,
             gint64      adults,
             const char *status)
{
  KfBooking *booking = KF_BOOKING (kf_record_new (KF_ENTITY_BOOKING));

  booking->r.id = kf_new_id ();
  booking->base_id = g_strdup (base_id);
  booking->session_id = g_strdup (session_id);
  booking->org_name = g_strdup (org_name);
  booking->org_type = g_strdup ("school");
  booking->grade = g_strdup ("");
  booking->contact_name = g_strdup ("王老师");
  booking->contact_phone = g_strdup ("13800000000");
  booking->youth_count = youth;
  booking->adult_count = adults;
  booking->status = g_strdup (status);
  booking->note = g_strdup ("");
  return (KfRecord *) booking;
}

KfRecord *
kft_visit (const char *base_id,
           const char *session_id,
           const char *booking_id,
           const char *kind,
           const char *group_name,
           const char *arrived_at,
           gint64      youth,
           gint64      adults)
{
  KfVisit *visit = KF_VISIT (kf_record_new (KF_ENTITY_VISIT));

  visit->r.id = kf_new_id ();
  visit->base_id = g_strdup (base_id);
  visit->session_id = g_strdup (session_id);
  visit->booking_id = g_strdup (booking_id);
  visit->kind = g_strdup (kind);
  visit->group_name = g_strdup (group_name);
  visit->arrived_at = g_strdup (arrived_at);
  visit->youth_count = youth;
  visit->adult_count = adults;
  visit->note = g_strdup ("");
  return (KfRecord *) visit;
}

/* A new database in @dir, set up as the base @base_id. */
KfStore *
kft_store_new_base (const char *dir,
                    const char *base_id,
                    const char *base_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "kaifang.db", NULL);
  g_autoptr(KfStore) store = kf_store_open (path, &error);
  g_autoptr(KfIdentity) identity = kf_identity_new (KF_ROLE_BASE, base_id, NULL);
  g_autoptr(KfRecord) base = kft_base (base_id, base_name);

  g_assert_no_error (error);
  g_assert_true (kf_store_initialize (store, identity, KF_BASE (base), &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static sqlite3_stmt *
sql_row (KfStore    *store,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (kf_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return stmt;
}

gint64
kft_sql_int (KfStore    *store,
             const char *sql)
{
  sqlite3_stmt *stmt = sql_row (store, sql);
  gint64 value = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);
  return value;
}

char *
kft_sql_text (KfStore    *store,
              const char *sql)
{
  sqlite3_stmt *stmt = sql_row (store, sql);
  char *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  return value;
}

void
kft_sql_exec (KfStore    *store,
              const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (kf_store_get_db (store), sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("SQL failed: %s: %s", sql, message);
}

/* One field from @p; returns where the next field or record begins. */
static const char *
csv_field (const char *p,
           GString    *field,
           GError    **error)
{
  if (*p != '"')
    {
      while (*p != '\0' && *p != ',' && *p != '\r' && *p != '\n')
        {
          if (*p == '"')
            {
              g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE, "quote in a bare field");
              return NULL;
            }
          g_string_append_c (field, *p++);
        }
      return p;
    }

  for (p++;; p++)
    {
      if (*p == '\0')
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE, "unterminated quote");
          return NULL;
        }
      if (*p == '"' && p[1] == '"')
        {
          g_string_append_c (field, '"');
          p++;
        }
      else if (*p == '"')
        return p + 1;
      else
        g_string_append_c (field, *p);
    }
}

/**
 * kft_csv_parse:
 *
 * A strict RFC 4180 reader: fields separated by commas, every record ended
 * by CRLF (a bare CR or LF outside quotes is an error), quotes doubled.
 *
 * Returns: (element-type GStrv): the records
 */
GPtrArray *
kft_csv_parse (const char *text,
               GError    **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *p = text;

  while (*p != '\0')
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new ();

      for (;;)
        {
          g_autoptr(GString) field = g_string_new (NULL);

          p = csv_field (p, field, error);
          if (p == NULL)
            {
              g_ptr_array_foreach (fields, (GFunc) g_free, NULL);
              return NULL;
            }
          g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
          if (*p == ',')
            {
              p++;
              continue;
            }
          if (p[0] == '\r' && p[1] == '\n')
            {
              p += 2;
              break;
            }
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE,
                       "record not ended by CRLF at offset %d", (int) (p - text));
          g_ptr_array_foreach (fields, (GFunc) g_free, NULL);
          return NULL;
        }
      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (rows, g_ptr_array_free (g_steal_pointer (&fields), FALSE));
    }
  return g_steal_pointer (&rows);
}

/* test-report.c — the activity summary report, written as PDF on real
 * databases and read back with pdftotext: its figures are core's totals of
 * the same period, in English and in Chinese
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "core-test-util.h"
#include "kf-demo.h"
#include "kf-labels.h"
#include "kf-report.h"
#include "kf-totals.h"
#include "report-test-util.h"

#define FROM "2025-05-20"
#define TO "2025-06-09"

enum { SESSIONS, GROUPS, VISITORS, YOUTH, ADULTS, CONFIRMED, ATTENDED, NO_SHOWS };

static const guint attendance[] = { SESSIONS, GROUPS, VISITORS, YOUTH, ADULTS };
static const guint bookings[] = { CONFIRMED, ATTENDED, NO_SHOWS };

typedef struct
{
  char    *dir;
  KfStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = kft_make_tmpdir ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  kft_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
skip_without_poppler (void)
{
  if (rpt_have_poppler ())
    return FALSE;
  g_test_skip ("pdftotext and pdfinfo (poppler-utils) are not installed");
  return TRUE;
}

/* Stores */

static KfStore *
open_store (const char *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  KfStore *store = kf_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static KfStore *
demo_store (const char *dir)
{
  g_autoptr(GError) error = NULL;
  KfStore *store = open_store (dir, "demo.db");

  g_assert_true (kf_demo_load (store, &error));
  g_assert_no_error (error);
  return store;
}

static KfStore *
reviewer_store (const char *dir,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfIdentity) identity = kf_identity_new (KF_ROLE_REVIEWER, NULL, NULL);
  KfStore *store = open_store (dir, name);

  g_assert_true (kf_store_initialize (store, identity, NULL, &error));
  g_assert_no_error (error);
  return store;
}

/* What a reviewer holds after a pull: every base's records, as they are. */
static void
save_all (KfStore   *store,
          GPtrArray *records)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kf_store_begin (store, &error));
  for (guint i = 0; i < records->len; i++)
    g_assert_true (kf_store_save (store, g_ptr_array_index (records, i), &error));
  g_assert_true (kf_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
copy_records (KfStore *from,
              KfStore *to)
{
  for (KfEntity entity = KF_ENTITY_BASE; entity <= KF_ENTITY_VISIT; entity++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = kf_store_list (from, entity, NULL, &error);

      g_assert_no_error (error);
      save_all (to, records);
    }
}

/* Writing and reading back */

static char *
write_report (KfStore    *store,
              const char *dir,
              const char *from,
              const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfReport) report = kf_report_new (store, from, to, &error);
  char *path = g_build_filename (dir, "report.pdf", NULL);

  g_assert_no_error (error);
  g_assert_true (kf_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  return path;
}

static KfTotals *
totals (KfStore    *store,
        const char *from,
        const char *to,
        KfTotalsBy  by)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfIdentity) identity = kf_store_get_identity (store, &error);
  KfTotals *result;

  g_assert_no_error (error);
  result = kf_totals_compute (store, from, to, by,
                              identity->role == KF_ROLE_BASE ? identity->base_id : NULL,
                              &error);
  g_assert_no_error (error);
  return result;
}

static char *
row_label (KfTotalsBy         by,
           const KfTotalsRow *row)
{
  gboolean none = g_strcmp0 (row->key, "none") == 0;

  switch (by)
    {
    case KF_TOTALS_BY_DATE:
      return kf_label_date (row->key);
    case KF_TOTALS_BY_FORMAT:
      return g_strdup (none ? _("No session") : kf_label_format (row->key));
    case KF_TOTALS_BY_TOPIC:
      return g_strdup (none ? _("No session") : kf_label_topic (row->key));
    case KF_TOTALS_BY_BASE:
    default:
      return g_strdup (row->label);
    }
}

static void
assert_figures_row (const char      *text,
                    const char      *label,
                    const KfFigures *figures,
                    const guint     *which,
                    guint            n_which)
{
  gint64 numbers[8];

  for (guint i = 0; i < n_which; i++)
    numbers[i] = kf_figures_get (figures, which[i]);
  rpt_assert_row (text, label, numbers, n_which);
}

/* Every row of core's totals, and their total, is a row of the section. */
static void
assert_table (const char     *section,
              const KfTotals *t,
              const guint    *which,
              guint           n_which)
{
  for (guint i = 0; i < t->rows->len; i++)
    {
      const KfTotalsRow *row = g_ptr_array_index (t->rows, i);
      g_autofree char *label = row_label (t->by, row);

      assert_figures_row (section, label, &row->figures, which, n_which);
    }
  assert_figures_row (section, _("Total"), &t->total, which, n_which);
}

static void
assert_summary (const char      *text,
                const KfFigures *total)
{
  static const struct { const char *label; guint figure; } lines[] = {
    { "Visitors", VISITORS }, { "Youth (under 18)", YOUTH }, { "Adults", ADULTS },
    { "Groups", GROUPS }, { "Sessions", SESSIONS }, { "Bookings confirmed", CONFIRMED },
    { "Bookings attended", ATTENDED }, { "No-shows", NO_SHOWS },
  };
  g_autofree char *section = rpt_section (text, _("Totals"), _("By base"));

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    assert_figures_row (section, _(lines[i].label), total, &lines[i].figure, 1);
}

/* The whole report against core's totals of the same period. */
static void
assert_report_figures (const char *text,
                       KfStore    *store,
                       const char *from,
                       const char *to)
{
  g_autoptr(KfTotals) by_base = totals (store, from, to, KF_TOTALS_BY_BASE);
  g_autoptr(KfTotals) by_date = totals (store, from, to, KF_TOTALS_BY_DATE);
  g_autoptr(KfTotals) by_format = totals (store, from, to, KF_TOTALS_BY_FORMAT);
  g_autoptr(KfTotals) by_topic = totals (store, from, to, KF_TOTALS_BY_TOPIC);
  g_autofree char *base_part = rpt_section (text, _("By base"), _("By day"));
  g_autofree char *day_part = rpt_section (text, _("By day"), _("By format"));
  g_autofree char *format_part = rpt_section (text, _("By format"), _("By topic"));
  g_autofree char *topic_part = rpt_section (text, _("By topic"), _("Bookings and no-shows"));
  g_autofree char *booking_part = rpt_section (text, _("Bookings and no-shows"), NULL);

  g_assert_cmpuint (by_base->rows->len, >, 0);
  assert_summary (text, &by_base->total);
  assert_table (base_part, by_base, attendance, G_N_ELEMENTS (attendance));
  assert_table (day_part, by_date, attendance, G_N_ELEMENTS (attendance));
  assert_table (format_part, by_format, attendance, G_N_ELEMENTS (attendance));
  assert_table (topic_part, by_topic, attendance, G_N_ELEMENTS (attendance));
  assert_table (booking_part, by_base, bookings, G_N_ELEMENTS (bookings));
}

/* The bases appear in the order of their names, whatever their figures. */
static void
assert_base_order (const char     *text,
                   const KfTotals *by_base)
{
  g_autofree char *section = rpt_section (text, _("By base"), _("By day"));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *previous = NULL;

  for (guint i = 0; i < by_base->rows->len; i++)
    g_ptr_array_add (names, ((KfTotalsRow *) g_ptr_array_index (by_base->rows, i))->label);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_assert_nonnull (strstr (section, name));
    }

  /* Walk the section: each base name found must collate after the one
   * before. */
  for (const char *p = section; *p != '\0'; p++)
    for (guint i = 0; i < names->len; i++)
      {
        const char *name = g_ptr_array_index (names, i);

        if (strncmp (p, name, strlen (name)) == 0 &&
            (p == section || p[-1] == ' ' || p[-1] == '\n'))
          {
            if (previous != NULL)
              g_assert_cmpint (g_utf8_collate (previous, name), <, 0);
            previous = name;
            p += strlen (name) - 1;
            break;
          }
      }
  g_assert_nonnull (previous);
}

/* Tests */

static void
add_own_records (KfStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfIdentity) identity = kf_store_get_identity (store, &error);
  g_autoptr(KfRecord) session = NULL;
  g_autoptr(KfRecord) visit = NULL;

  g_assert_no_error (error);
  session = kft_session (identity->base_id, "2025-06-05", "09:00", "10:30", 40,
                         "人工智能小课堂", "ai", "lecture");
  g_assert_true (kf_store_put (store, session, &error));
  visit = kft_visit (identity->base_id, session->id, NULL, "walk_in_group", "端氏镇中学",
                     "2025-06-05T09:10:00+08:00", 37, 4);
  g_assert_true (kf_store_put (store, visit, &error));
  g_assert_no_error (error);
}

static void
test_base_demo (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(KfTotals) by_base = NULL;
  g_autoptr(KfTotals) by_date = NULL;

  if (skip_without_poppler ())
    return;

  f->store = demo_store (f->dir);
  add_own_records (f->store);
  path = write_report (f->store, f->dir, FROM, TO);
  text = rpt_pdf_text (path);

  g_assert_nonnull (strstr (text, "Activity summary report"));
  g_assert_nonnull (strstr (text, "Installation: 沁水县气象局"));
  g_assert_nonnull (strstr (text, "Period: Tue 20 May 2025 – Mon 9 Jun 2025"));
  g_assert_nonnull (strstr (text, "Generated: "));
  assert_report_figures (text, f->store, FROM, TO);
  rpt_assert_pages (path, text, "Page %d of %d");

  /* a base reports only its own base; the added day is there */
  by_base = totals (f->store, FROM, TO, KF_TOTALS_BY_BASE);
  g_assert_cmpuint (by_base->rows->len, ==, 1);
  by_date = totals (f->store, "2025-06-05", "2025-06-05", KF_TOTALS_BY_DATE);
  g_assert_cmpint (by_date->total.visitors, ==, 41);
  assert_figures_row (text, "Thu 5 Jun 2025", &by_date->total, attendance,
                      G_N_ELEMENTS (attendance));
  g_assert_null (strstr (text, "All bases"));
}

static void
test_reviewer_demo (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(KfStore) demo = NULL;
  g_autoptr(KfTotals) by_base = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (skip_without_poppler ())
    return;

  demo = demo_store (f->dir);
  add_own_records (demo);
  f->store = reviewer_store (f->dir, "reviewer.db");
  copy_records (demo, f->store);

  path = write_report (f->store, f->dir, FROM, TO);
  text = rpt_pdf_text (path);
  by_base = totals (f->store, FROM, TO, KF_TOTALS_BY_BASE);

  g_assert_cmpuint (by_base->rows->len, ==, 5);
  g_assert_nonnull (strstr (text, "Installation: All bases"));
  assert_report_figures (text, f->store, FROM, TO);
  assert_base_order (text, by_base);
  rpt_assert_pages (path, text, "Page %d of %d");
}

/* Bases whose names are in no order of their figures: listed by name. */
static void
fill_many_bases (KfStore *store,
                 guint    n_bases,
                 guint    n_days)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  g_autoptr(GDateTime) first = g_date_time_new_utc (2025, 5, 1, 0, 0, 0);

  for (guint i = 0; i < n_bases; i++)
    {
      g_autofree char *name = g_strdup_printf ("第%02u号科普基地", i + 1);
      g_autoptr(GDateTime) day = g_date_time_add_days (first, (i * 7) % n_days);
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
      g_autofree char *arrived = g_strdup_printf ("%sT10:00:00+08:00", date);
      KfRecord *base = kft_base (NULL, name);
      KfRecord *session = kft_session (base->id, date, "09:00", "11:00", 200, "开放日",
                                       kf_topic_codes[i % 7], kf_format_codes[i % 5]);
      KfRecord *visit = kft_visit (base->id, session->id, NULL, "walk_in_group", "参观团",
                                   arrived, 10 + (i * 17) % 41, i % 4);

      g_ptr_array_add (records, base);
      g_ptr_array_add (records, session);
      g_ptr_array_add (records, visit);
    }
  save_all (store, records);
}

static guint
count_lines (const char *text,
             const char *first,
             const char *then)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (g_strchug (lines[i]), first) && strstr (lines[i], then) != NULL)
      n++;
  return n;
}

static void
test_many_pages (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(KfTotals) by_base = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (skip_without_poppler ())
    return;

  f->store = reviewer_store (f->dir, "reviewer.db");
  fill_many_bases (f->store, 48, 70);
  path = write_report (f->store, f->dir, "2025-05-01", "2025-07-09");
  text = rpt_pdf_text (path);
  by_base = totals (f->store, "2025-05-01", "2025-07-09", KF_TOTALS_BY_BASE);

  g_assert_cmpuint (by_base->rows->len, ==, 48);
  g_assert_cmpint (rpt_pdf_pages (path), >=, 4);
  rpt_assert_pages (path, text, "Page %d of %d");
  assert_report_figures (text, f->store, "2025-05-01", "2025-07-09");
  assert_base_order (text, by_base);
  /* the table of bases goes on over a page, headed again */
  g_assert_cmpuint (count_lines (text, "Base", "Sessions"), ==, 2);
  /* 70 days: three charts of at most 31 days */
  g_assert_cmpuint (count_lines (text, "Visitors per day", "Youth"), ==, 3);
}

/* The pages a print operation draws: the same pagination on any cairo
 * surface of the same size, every page drawn. */
static void
test_any_surface (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfReport) report = NULL;
  g_autofree char *path = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int n_pages;

  if (skip_without_poppler ())
    return;

  f->store = reviewer_store (f->dir, "reviewer.db");
  fill_many_bases (f->store, 30, 40);
  path = write_report (f->store, f->dir, "2025-05-01", "2025-06-09");
  report = kf_report_new (f->store, "2025-05-01", "2025-06-09", &error);
  g_assert_no_error (error);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 595, 842);
  cr = cairo_create (surface);
  n_pages = kf_report_paginate (report, cr, 595.276, 841.89);
  g_assert_cmpint (n_pages, ==, rpt_pdf_pages (path));
  g_assert_cmpint (n_pages, >, 1);
  for (int i = 0; i < n_pages; i++)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      kf_report_draw_page (report, cr, i);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_empty_period (Fixture       *f,
                   gconstpointer  data)
{
  static const gint64 zero[] = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (skip_without_poppler ())
    return;

  f->store = demo_store (f->dir);
  path = write_report (f->store, f->dir, "2024-01-01", "2024-01-31");
  text = rpt_pdf_text (path);

  rpt_assert_row (text, "Visitors", zero, 1);
  rpt_assert_row (text, "No-shows", zero, 1);
  g_assert_nonnull (strstr (text, "Nothing was recorded in this period."));
  g_assert_cmpint (rpt_pdf_pages (path), ==, 1);
  rpt_assert_pages (path, text, "Page %d of %d");
}

/* In Chinese (the catalog of this build), headings, dates and the footer
 * are Chinese, and the figures the same. */
static void
test_chinese (Fixture       *f,
              gconstpointer  data)
{
  if (skip_without_poppler ())
    return;

  if (g_test_subprocess ())
    {
      g_autoptr(KfStore) demo = NULL;
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;

      g_setenv ("LANGUAGE", "zh_CN", TRUE);
      g_assert_nonnull (setlocale (LC_ALL, ""));
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KF_TEST_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);

      demo = demo_store (f->dir);
      f->store = reviewer_store (f->dir, "reviewer.db");
      copy_records (demo, f->store);
      path = write_report (f->store, f->dir, FROM, TO);
      text = rpt_pdf_text (path);

      g_assert_nonnull (strstr (text, "活动总结报告"));
      g_assert_cmpstr (_("By base"), !=, "By base");
      g_assert_nonnull (strstr (text, _("By base")));
      g_assert_nonnull (strstr (text, "沁水县气象局"));
      assert_report_figures (text, f->store, FROM, TO);
      rpt_assert_pages (path, text, _("Page %d of %d"));
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_bad_period (Fixture       *f,
                 gconstpointer  data)
{
  static const struct { const char *from; const char *to; const char *field; } cases[] = {
    { "2025-13-01", TO, "from" },
    { "20250520", TO, "from" },
    { FROM, "2025-06-31", "to" },
    { TO, FROM, "to" },
  };

  f->store = demo_store (f->dir);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KfReport) report = kf_report_new (f->store, cases[i].from, cases[i].to, &error);

      g_assert_null (report);
      kft_assert_kf_error (error, KF_ERROR_INVALID_FIELD, cases[i].field);
    }
}

static void
test_school (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfIdentity) identity = kf_identity_new (KF_ROLE_SCHOOL, NULL, "郑庄中学");
  g_autoptr(KfReport) report = NULL;

  f->store = open_store (f->dir, "school.db");
  g_assert_true (kf_store_initialize (f->store, identity, NULL, &error));
  report = kf_report_new (f->store, FROM, TO, &error);
  g_assert_null (report);
  g_assert_error (error, KF_ERROR, KF_ERROR_FORBIDDEN);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
assert_not_written (KfReport   *report,
                    const char *dir,
                    const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = list_dir (dir);
  g_autofree char *after = NULL;

  g_assert_false (kf_report_write_pdf (report, path, &error));
  g_assert_error (error, KF_ERROR, KF_ERROR_FAILED);
  after = list_dir (dir);
  g_assert_cmpstr (before, ==, after);
}

/* A file that cannot be written leaves nothing; one that can is replaced
 * whole. */
static void
test_unwritable (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfReport) report = NULL;
  g_autofree char *plain = g_build_filename (f->dir, "plain.txt", NULL);
  g_autofree char *under_plain = g_build_filename (plain, "report.pdf", NULL);
  g_autofree char *subdir = g_build_filename (f->dir, "folder", NULL);
  g_autofree char *content = NULL;

  f->store = demo_store (f->dir);
  report = kf_report_new (f->store, FROM, TO, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (plain, "old", -1, &error));
  g_assert_cmpint (g_mkdir (subdir, 0755), ==, 0);

  assert_not_written (report, f->dir, under_plain);
  assert_not_written (report, f->dir, subdir);
  g_assert_true (g_file_test (subdir, G_FILE_TEST_IS_DIR));

  g_assert_true (kf_report_write_pdf (report, plain, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (plain, &content, NULL, &error));
  g_assert_true (g_str_has_prefix (content, "%PDF-"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/report/pdf/base-demo", test_base_demo);
  ADD ("/report/pdf/reviewer-demo", test_reviewer_demo);
  ADD ("/report/pdf/many-pages", test_many_pages);
  ADD ("/report/pdf/empty-period", test_empty_period);
  ADD ("/report/pages/any-surface", test_any_surface);
  ADD ("/report/pdf/chinese", test_chinese);
  ADD ("/report/period/bad", test_bad_period);
  ADD ("/report/school", test_school);
  ADD ("/report/pdf/unwritable", test_unwritable);

  return g_test_run ();
}

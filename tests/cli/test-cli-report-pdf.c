/* test-cli-report-pdf.c — the real `kaifang-cli report`: the activity summary
 * report as PDF, read back with pdftotext and checked against core's totals
 * of the same period; its errors and exit codes as the spec gives them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cli-test-util.h"
#include "kf-totals.h"
#include "report-test-util.h"

#define ARGS(...) ((const char * const[]) { __VA_ARGS__, NULL })

#define FROM "2025-05-20"
#define TO "2025-06-09"

static gboolean
skip_without_poppler (void)
{
  if (rpt_have_poppler ())
    return FALSE;
  g_test_skip ("pdftotext and pdfinfo (poppler-utils) are not installed");
  return TRUE;
}

static void
fill_demo (const char *db)
{
  g_autoptr(CliRun) demo = cli_run (db, "demo", NULL);
  g_autofree char *session = NULL;
  g_autoptr(CliRun) visit = NULL;

  cli_assert_ok (demo);
  session = cli_add_session (db, "2025-06-06", "14:00", "15:30", "50", "短视频里的天气",
                             "meteorology", "short_video");
  visit = cli_run (db, "visit", "add", "--group", "嘉峰镇中心校", "--youth", "23", "--adults",
                   "2", "--session", session, "--at", "2025-06-06T14:05:00+08:00", NULL);
  g_free (cli_assert_prints_id (visit));
}

static KfTotals *
base_totals (const char *db,
             KfTotalsBy  by)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfStore) store = cli_open_store (db);
  g_autoptr(KfIdentity) identity = kf_store_get_identity (store, &error);
  KfTotals *totals;

  g_assert_no_error (error);
  totals = kf_totals_compute (store, FROM, TO, by, identity->base_id, &error);
  g_assert_no_error (error);
  return totals;
}

static void
assert_row (const char      *text,
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

static void
test_report (CliFixture    *f,
             gconstpointer  data)
{
  static const guint attendance[] = { 0, 1, 2, 3, 4 };
  static const guint bookings[] = { 5, 6, 7 };
  static const guint visitors[] = { 2 };
  static const guint no_shows[] = { 7 };
  g_autofree char *out = g_build_filename (f->dir, "活动总结报告.pdf", NULL);
  g_autoptr(CliRun) run = NULL;
  g_autoptr(KfTotals) by_base = NULL;
  g_autoptr(KfTotals) by_topic = NULL;
  g_autofree char *text = NULL;
  g_autofree char *base_part = NULL;
  g_autofree char *booking_part = NULL;

  if (skip_without_poppler ())
    return;

  fill_demo (f->db);
  run = cli_run (f->db, "report", "--from", FROM, "--to", TO, "--out", out, NULL);
  cli_assert_ok (run);
  g_assert_cmpstr (run->out, ==, "");

  text = rpt_pdf_text (out);
  by_base = base_totals (f->db, KF_TOTALS_BY_BASE);
  by_topic = base_totals (f->db, KF_TOTALS_BY_TOPIC);
  g_assert_cmpuint (by_base->rows->len, ==, 1);

  g_assert_nonnull (strstr (text, "Activity summary report"));
  g_assert_nonnull (strstr (text, "Installation: 沁水县气象局"));
  assert_row (text, "Visitors", &by_base->total, visitors, 1);
  assert_row (text, "No-shows", &by_base->total, no_shows, 1);

  base_part = rpt_section (text, "By base", "By day");
  assert_row (base_part, "沁水县气象局", &by_base->total, attendance, 5);
  booking_part = rpt_section (text, "Bookings and no-shows", NULL);
  assert_row (booking_part, "沁水县气象局", &by_base->total, bookings, 3);
  for (guint i = 0; i < by_topic->rows->len; i++)
    {
      const KfTotalsRow *row = g_ptr_array_index (by_topic->rows, i);

      if (strcmp (row->key, "meteorology") == 0)
        assert_row (text, "Meteorology", &row->figures, attendance, 5);
    }
  rpt_assert_pages (out, text, "Page %d of %d");
}

static void
test_help (CliFixture    *f,
           gconstpointer  data)
{
  g_autoptr(CliRun) run = cli_run (NULL, "report", "--help", NULL);
  g_autoptr(CliRun) all = cli_run (NULL, "--help", NULL);

  cli_assert_ok (run);
  g_assert_nonnull (strstr (run->out, "--from"));
  g_assert_nonnull (strstr (run->out, "--to"));
  g_assert_nonnull (strstr (run->out, "--out"));
  g_assert_nonnull (strstr (run->out, "PDF"));
  cli_assert_ok (all);
  g_assert_nonnull (strstr (all->out, "  report "));
}

/* A failing report leaves no file and the database as it was. */
static void
assert_no_report (const char         *db,
                  const char         *out,
                  int                 status,
                  const char         *line_prefix,
                  const char * const *args)
{
  cli_assert_fails_unchanged (db, status, line_prefix, args);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_bad_period (CliFixture    *f,
                 gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "report.pdf", NULL);

  fill_demo (f->db);
  assert_no_report (f->db, out, 1, "kaifang-cli: --from: ",
                    ARGS ("report", "--from", "2025-13-01", "--to", TO, "--out", out));
  assert_no_report (f->db, out, 1, "kaifang-cli: --from: ",
                    ARGS ("report", "--from", "5/20", "--to", TO, "--out", out));
  assert_no_report (f->db, out, 1, "kaifang-cli: --to: ",
                    ARGS ("report", "--from", FROM, "--to", "2025-06-31", "--out", out));
  assert_no_report (f->db, out, 1, "kaifang-cli: --to: ",
                    ARGS ("report", "--from", TO, "--to", FROM, "--out", out));
}

static void
test_usage (CliFixture    *f,
            gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "report.pdf", NULL);

  fill_demo (f->db);
  assert_no_report (f->db, out, 2, "kaifang-cli: --out: ",
                    ARGS ("report", "--from", FROM, "--to", TO));
  assert_no_report (f->db, out, 2, "kaifang-cli: --from: ",
                    ARGS ("report", "--to", TO, "--out", out));
  assert_no_report (f->db, out, 2, "kaifang-cli: --by: ",
                    ARGS ("report", "--from", FROM, "--to", TO, "--out", out, "--by", "base"));
}

static void
test_unwritable (CliFixture    *f,
                 gconstpointer  data)
{
  g_autofree char *plain = g_build_filename (f->dir, "plain.txt", NULL);
  g_autofree char *under_plain = g_build_filename (plain, "report.pdf", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder", NULL);
  g_autofree char *content = NULL;
  g_autoptr(GError) error = NULL;

  fill_demo (f->db);
  g_assert_true (g_file_set_contents (plain, "old", -1, &error));
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);

  assert_no_report (f->db, under_plain, 1, "kaifang-cli: --out: ",
                    ARGS ("report", "--from", FROM, "--to", TO, "--out", under_plain));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --out: ",
                              ARGS ("report", "--from", FROM, "--to", TO, "--out", folder));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  cli_assert_fails_unchanged (f->db, 1, "kaifang-cli: --out: ",
                              ARGS ("report", "--from", FROM, "--to", TO, "--out", ""));

  /* nothing left beside the file that was not replaced */
  g_assert_true (g_file_get_contents (plain, &content, NULL, &error));
  g_assert_cmpstr (content, ==, "old");
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, &error);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (dir)) != NULL)
      if (!g_str_has_prefix (name, "kaifang.db"))
        n++;
    g_assert_cmpuint (n, ==, 2);
  }
}

static void
test_school (CliFixture    *f,
             gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "report.pdf", NULL);
  g_autoptr(CliRun) init = cli_run (f->db, "init", "--role", "school", "--org", "郑庄中学",
                                    NULL);

  cli_assert_ok (init);
  assert_no_report (f->db, out, 1, "kaifang-cli: report: ",
                    ARGS ("report", "--from", FROM, "--to", TO, "--out", out));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CliFixture, NULL, cli_fixture_setup, func, cli_fixture_teardown)

  ADD ("/cli/report/pdf", test_report);
  ADD ("/cli/report/help", test_help);
  ADD ("/cli/report/bad-period", test_bad_period);
  ADD ("/cli/report/usage", test_usage);
  ADD ("/cli/report/unwritable", test_unwritable);
  ADD ("/cli/report/school", test_school);

  return g_test_run ();
}

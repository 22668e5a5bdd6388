/* test-totals-export.c — the Totals page's exports: the figures shown as
 * CSV (through the file chooser, read back to core's figures), the records
 * of the period as JSON, the summary report as PDF and through the print
 * machinery, and a wrong period that writes nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-gui-tests"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "../core/core-test-util.h"
#include "gui-test-util.h"
#include "kf-error.h"
#include "kf-totals-item.h"
#include "kf-totals-page.h"

static GtkWidget *
page_for (KfGui      *gui,
          const char *from,
          const char *to,
          guint       by)
{
  GtkWidget *page = kf_gui_totals_page (gui, from, to);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (kf_gui_get (page, "totals-by")), by);
  kf_gui_settle ();
  return page;
}

static char *
read_file (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&text);
}

static gint64
csv_int (const char *field)
{
  guint64 value = 0;
  g_autoptr(GError) error = NULL;

  g_ascii_string_to_unsigned (field, 10, 0, G_MAXINT64, &value, &error);
  g_assert_no_error (error);
  return (gint64) value;
}

/* The CSV holds a line for each of core's rows, with the same figures, in
 * the table's order and words, and the total last. */
static void
assert_csv_is (const char     *path,
               const KfTotals *totals,
               GtkWidget      *page)
{
  g_autofree char *text = read_file (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GtkColumnView *table = GTK_COLUMN_VIEW (kf_gui_get (page, "totals-table"));
  GListModel *items = gtk_no_selection_get_model (GTK_NO_SELECTION (
                                                    gtk_column_view_get_model (table)));
  char **header;

  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF"));
  rows = kft_csv_parse (text + 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, totals->rows->len + 2);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, totals->rows->len + 1);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (header[0], ==, "key");
  g_assert_cmpstr (header[1], ==, "label");
  for (guint i = 0; kf_figure_names[i] != NULL; i++)
    g_assert_cmpstr (header[2 + i], ==, kf_figure_names[i]);

  for (guint r = 0; r <= totals->rows->len; r++)
    {
      char **line = g_ptr_array_index (rows, r + 1);
      g_autoptr(KfTotalsItem) item = g_list_model_get_item (items, r);
      gboolean total = r == totals->rows->len;
      const KfTotalsRow *row = total ? NULL : kf_gui_totals_row (totals, line[0]);
      const KfFigures *figures = total ? &totals->total : row != NULL ? &row->figures : NULL;

      g_assert_nonnull (figures);
      g_assert_cmpstr (line[0], ==, total ? "total" : kf_totals_item_get_key (item));
      g_assert_cmpstr (line[1], ==, kf_totals_item_get_label (item));
      for (guint i = 0; kf_figure_names[i] != NULL; i++)
        g_assert_cmpint (csv_int (line[2 + i]), ==, kf_figures_get (figures, i));
    }
}

/* The file chooser the action opened, as a person would see it. */
static GtkFileChooser *
wait_for_chooser (void)
{
  for (guint i = 0; i < 100; i++)
    {
      GtkWindow *dialog = kf_gui_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG);

      if (dialog != NULL)
        return GTK_FILE_CHOOSER (dialog);
      kf_gui_wait (20);
    }
  g_error ("no file chooser");
}

static void
wait_for_file (const char *path)
{
  for (guint i = 0; i < 250 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    kf_gui_wait (20);
}

static void
test_export_csv (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  g_autofree char *base = kf_gui_base_id (gui);
  GtkWidget *page = page_for (gui, KF_GUI_DEMO_FROM, KF_GUI_DEMO_TO, KF_GUI_BY_DATE);
  g_autofree char *path = g_build_filename (gui->dir,
                                            "kaifang-totals-" KF_GUI_DEMO_FROM "-" KF_GUI_DEMO_TO
                                            ".csv", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (gui->dir);
  g_autoptr(KfTotals) totals = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  GtkFileChooser *chooser;

  totals = kf_totals_compute (kf_gui_store (gui), KF_GUI_DEMO_FROM, KF_GUI_DEMO_TO,
                              KF_TOTALS_BY_DATE, base, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (totals->rows->len, >, 1);

  /* The menu's action opens a file chooser with a name for the period. */
  g_assert_true (kf_gui_activate (page, "totals.export-csv", NULL));
  chooser = wait_for_chooser ();
  name = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (name, ==, "kaifang-totals-" KF_GUI_DEMO_FROM "-" KF_GUI_DEMO_TO ".csv");
  gtk_file_chooser_set_current_folder (chooser, folder, &error);
  g_assert_no_error (error);
  kf_gui_settle ();
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  wait_for_file (path);
  kf_gui_settle ();

  assert_csv_is (path, totals, page);
}

/* Each export of the menu offers a file named after what it holds and the
 * period; cancelled, it writes nothing. */
static void
test_chooser_names (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  GtkWidget *page = page_for (gui, "2025-05-24", "2025-06-01", KF_GUI_BY_DATE);
  static const struct
  {
    const char *action;
    const char *entity;
    const char *format;
    const char *name;
  } cases[] = {
    { "totals.export-csv", NULL, NULL, "kaifang-totals-2025-05-24-2025-06-01.csv" },
    { "totals.export-records", "session", "csv", "kaifang-sessions-2025-05-24-2025-06-01.csv" },
    { "totals.export-records", "booking", "json",
      "kaifang-bookings-2025-05-24-2025-06-01.json" },
    { "totals.export-records", "visit", "json", "kaifang-visits-2025-05-24-2025-06-01.json" },
    { "totals.export-pdf", NULL, NULL, "kaifang-report-2025-05-24-2025-06-01.pdf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkFileChooser *chooser;
      g_autofree char *name = NULL;
      g_autofree char *path = g_build_filename (gui->dir, cases[i].name, NULL);

      if (cases[i].entity != NULL)
        g_assert_true (kf_gui_activate (page, cases[i].action, "(ss)", cases[i].entity,
                                        cases[i].format));
      else
        g_assert_true (kf_gui_activate (page, cases[i].action, NULL));
      chooser = wait_for_chooser ();
      name = gtk_file_chooser_get_current_name (chooser);
      g_assert_cmpstr (name, ==, cases[i].name);
      /* (the chooser's folder is left as it is: GTK reads it on after the
       * dialog is gone, and the test's folder is removed at its end) */
      gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
      kf_gui_settle ();
      g_assert_null (kf_gui_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}

/* Every grouping, written by what the chooser calls, for the reviewer. */
static void
test_export_csv_groupings (void)
{
  g_autoptr(KfGui) gui = kf_gui_new_reviewer ();
  g_autoptr(GError) error = NULL;
  GtkWidget *page;

  for (guint by = KF_GUI_BY_BASE; by <= KF_GUI_BY_TOPIC; by++)
    {
      g_autofree char *path = g_build_filename (gui->dir, "totals.csv", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(KfTotals) totals = NULL;

      page = page_for (gui, KF_GUI_DEMO_FROM, KF_GUI_DEMO_TO, by);
      totals = kf_totals_compute (kf_gui_store (gui), KF_GUI_DEMO_FROM, KF_GUI_DEMO_TO,
                                  (KfTotalsBy) by, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (kf_totals_page_export_csv (KF_TOTALS_PAGE (page), file, &error));
      g_assert_no_error (error);
      assert_csv_is (path, totals, page);
      /* a toast tells where it went */
      g_assert_true (kf_gui_label_contains (GTK_WIDGET (gui->window), "Exported to totals.csv"));
    }
}

/* The visits of this base that arrived from @from to @to, counted here. */
static GHashTable *
visit_ids (KfGui      *gui,
           const char *base,
           const char *from,
           const char *to)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = kf_store_list (kf_gui_store (gui), KF_ENTITY_VISIT, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      const KfVisit *visit = all->pdata[i];
      g_autofree char *day = g_strndup (visit->arrived_at, 10);

      if (g_str_equal (visit->base_id, base) && strcmp (day, from) >= 0 && strcmp (day, to) <= 0)
        g_hash_table_add (ids, g_strdup (visit->r.id));
    }
  g_assert_cmpuint (g_hash_table_size (ids), <, all->len);
  return ids;
}

/* The visits of the period, as JSON: exactly those of the period. */
static void
test_export_records_json (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  g_autofree char *base = kf_gui_base_id (gui);
  GtkWidget *page = page_for (gui, "2025-05-24", "2025-05-26", KF_GUI_BY_DATE);
  g_autofree char *path = g_build_filename (gui->dir, "visits.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = visit_ids (gui, base, "2025-05-24", "2025-05-26");
  JsonArray *array;

  g_assert_cmpuint (g_hash_table_size (ids), >, 0);
  g_assert_true (kf_totals_page_export_records (KF_TOTALS_PAGE (page), KF_ENTITY_VISIT,
                                                KF_EXPORT_JSON, file, &error));
  g_assert_no_error (error);

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, g_hash_table_size (ids));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *visit = json_array_get_object_element (array, i);

      g_assert_true (g_hash_table_contains (ids, json_object_get_string_member (visit, "id")));
      g_assert_cmpstr (json_object_get_string_member (visit, "base_id"), ==, base);
    }
}

static char *
pdf_text (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { pdftotext, "-layout", path, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (pdftotext == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* Keeps a copy of a PDF to look at, where KF_SCREENSHOT_DIR says. */
static void
maybe_keep (const char *path)
{
  const char *dir = g_getenv ("KF_SCREENSHOT_DIR");
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *copy = NULL;
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(GFile) destination = NULL;

  if (dir == NULL)
    return;
  copy = g_build_filename (dir, basename, NULL);
  destination = g_file_new_for_path (copy);
  g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL);
}

static void
assert_pdf_has_figures (const char     *path,
                        const KfTotals *totals)
{
  g_autofree char *text = pdf_text (path);
  g_autofree char *visitors = g_strdup_printf ("%lld", (long long) totals->total.visitors);
  g_autofree char *youth = g_strdup_printf ("%lld", (long long) totals->total.youth);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  maybe_keep (path);
  if (text == NULL)
    {
      g_test_message ("pdftotext not installed: the PDF's text not read");
      return;
    }
  g_assert_nonnull (strstr (text, visitors));
  g_assert_nonnull (strstr (text, youth));
}

static void
test_export_pdf (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  g_autofree char *base = kf_gui_base_id (gui);
  GtkWidget *page = page_for (gui, KF_GUI_DEMO_FROM, KF_GUI_DEMO_TO, KF_GUI_BY_BASE);
  g_autofree char *path = g_build_filename (gui->dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfTotals) totals = kf_totals_compute (kf_gui_store (gui), KF_GUI_DEMO_FROM,
                                                  KF_GUI_DEMO_TO, KF_TOTALS_BY_BASE, base, &error);

  g_assert_no_error (error);
  g_assert_cmpint (totals->total.visitors, >, 0);
  g_assert_true (kf_totals_page_export_pdf (KF_TOTALS_PAGE (page), file, &error));
  g_assert_no_error (error);
  assert_pdf_has_figures (path, totals);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               int                     *out)
{
  *out = result;
}

/* The print path: begin-print lays out the report on the paper, draw-page
 * draws it; GTK's export writes the pages as PDF. */
static void
test_print (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  g_autofree char *base = kf_gui_base_id (gui);
  GtkWidget *page = page_for (gui, KF_GUI_DEMO_FROM, KF_GUI_DEMO_TO, KF_GUI_BY_BASE);
  g_autofree char *path = g_build_filename (gui->dir, "printed.pdf", NULL);
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KfTotals) totals = kf_totals_compute (kf_gui_store (gui), KF_GUI_DEMO_FROM,
                                                  KF_GUI_DEMO_TO, KF_TOTALS_BY_BASE, base, &error);

  int result = -1;

  g_assert_no_error (error);
  gtk_print_operation_set_export_filename (operation, path);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), &result);
  g_assert_true (kf_totals_page_print (KF_TOTALS_PAGE (page), operation,
                                       GTK_PRINT_OPERATION_ACTION_EXPORT, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 500 && result == -1; i++)
    kf_gui_wait (20);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  assert_pdf_has_figures (path, totals);
}

/* The menu's Print… opens the print dialog on the report; cancelled, it
 * prints nothing and tells of no error. */
static void
test_print_dialog (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  GtkWidget *page = page_for (gui, KF_GUI_DEMO_FROM, KF_GUI_DEMO_TO, KF_GUI_BY_BASE);
  GtkWindow *dialog = NULL;

  g_assert_true (kf_gui_activate (page, "totals.print", NULL));
  for (guint i = 0; i < 250 && dialog == NULL; i++)
    {
      dialog = kf_gui_find_window (GTK_TYPE_DIALOG);
      if (dialog == NULL)
        kf_gui_wait (20);
    }
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (gui->window));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  kf_gui_settle ();
  g_assert_null (kf_gui_find_window (GTK_TYPE_DIALOG));
  g_assert_false (kf_gui_label_contains (GTK_WIDGET (gui->window), "printer"));
}

/* To before from: the error names "To", the actions are off, and nothing
 * is written by any export. */
static void
test_wrong_period (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  GtkWidget *page = page_for (gui, KF_GUI_DEMO_FROM, KF_GUI_DEMO_TO, KF_GUI_BY_DATE);
  g_autofree char *csv = g_build_filename (gui->dir, "totals.csv", NULL);
  g_autofree char *json = g_build_filename (gui->dir, "visits.json", NULL);
  g_autofree char *pdf = g_build_filename (gui->dir, "report.pdf", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GFile) json_file = g_file_new_for_path (json);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (page, "totals.view", "s", "table"));
  kf_gui_set_text (kf_gui_get (page, "totals-to"), "2025-05-01");

  g_assert_true (kf_gui_label_contains (page, "To:"));
  g_assert_false (kf_totals_page_export_csv (KF_TOTALS_PAGE (page), csv_file, &error));
  g_assert_cmpstr (kf_error_get_field (error), ==, "to");
  g_clear_error (&error);
  g_assert_false (kf_totals_page_export_records (KF_TOTALS_PAGE (page), KF_ENTITY_VISIT,
                                                 KF_EXPORT_JSON, json_file, &error));
  g_assert_cmpstr (kf_error_get_field (error), ==, "to");
  g_clear_error (&error);
  g_assert_false (kf_totals_page_export_pdf (KF_TOTALS_PAGE (page), pdf_file, &error));
  g_assert_cmpstr (kf_error_get_field (error), ==, "to");
  g_clear_error (&error);
  kf_gui_settle ();

  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (json, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_true (kf_gui_label_contains (page, "To:"));
  /* no chooser is offered for a wrong period */
  kf_gui_activate (page, "totals.export-csv", NULL);
  g_assert_null (kf_gui_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG));

  /* Right again, the exports are back. */
  kf_gui_set_text (kf_gui_get (page, "totals-to"), KF_GUI_DEMO_TO);
  g_assert_true (kf_totals_page_export_csv (KF_TOTALS_PAGE (page), csv_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (csv, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/totals-export/csv", test_export_csv);
  g_test_add_func ("/gui/totals-export/chooser-names", test_chooser_names);
  g_test_add_func ("/gui/totals-export/csv-groupings", test_export_csv_groupings);
  g_test_add_func ("/gui/totals-export/records-json", test_export_records_json);
  g_test_add_func ("/gui/totals-export/pdf", test_export_pdf);
  g_test_add_func ("/gui/totals-export/print", test_print);
  g_test_add_func ("/gui/totals-export/print-dialog", test_print_dialog);
  g_test_add_func ("/gui/totals-export/wrong-period", test_wrong_period);

  return g_test_run ();
}

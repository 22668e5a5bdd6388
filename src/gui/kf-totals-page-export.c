/* kf-totals-page-export.c — the Totals page's exports: the figures shown as
 * CSV, the records of the period as CSV or JSON, the activity summary
 * report as PDF or on paper
 *
 * Each export reads the period first: a wrong custom period is shown under
 * its fields, naming the wrong one, and nothing is written. A file is
 * written whole or not at all. The file chooser only picks the file; the
 * work is in kf_totals_page_export_*(), which the tests call too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-totals-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kf-error.h"
#include "kf-report.h"
#include "kf-totals-item.h"
#include "kf-totals-page-private.h"
#include "kf-window.h"

typedef enum
{
  EXPORT_TOTALS,
  EXPORT_RECORDS,
  EXPORT_REPORT,
} ExportKind;

/* What a file chooser was opened for. */
typedef struct
{
  ExportKind     kind;
  KfEntity       entity;
  KfExportFormat format;
} ExportJob;

static const char *export_actions[] = {
  "totals.export-csv",
  "totals.export-records",
  "totals.export-pdf",
  "totals.print",
};

/* The one place that says when the exports can be used: when the figures
 * shown are those of the period chosen. */
void
kf_totals_page_update_actions (KfTotalsPage *self)
{
  gboolean ready = self->totals != NULL && !kf_period_bar_get_has_error (self->period_bar);

  for (guint i = 0; i < G_N_ELEMENTS (export_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), export_actions[i], ready);
}

/* Feedback */

/* A wrong period is shown under its fields, not in a toast. */
static gboolean
is_period_error (const GError *error)
{
  const char *field = error != NULL ? kf_error_get_field (error) : NULL;

  return g_strcmp0 (field, "from") == 0 || g_strcmp0 (field, "to") == 0;
}

static void
report_done (KfTotalsPage *self,
             GFile        *file,
             GError       *error)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *display = g_filename_display_name (basename);
  g_autofree char *message = NULL;

  if (is_period_error (error))
    return;
  if (error != NULL)
    /* Translators: a file, then why it could not be written ("cannot be written: …") */
    message = g_strdup_printf (C_("file error", "%s %s"), display, error->message);
  else
    /* Translators: the file the records were written to */
    message = g_strdup_printf (_("Exported to %s"), display);
  kf_toast (GTK_WIDGET (self), message);
}

/* Tells how an export went, and passes its error on. */
static gboolean
finish (KfTotalsPage  *self,
        GFile         *file,
        gboolean       done,
        GError        *local_error,
        GError       **error)
{
  report_done (self, file, local_error);
  if (!done)
    g_propagate_error (error, local_error);
  return done;
}

static char *
local_path (GFile   *file,
            GError **error)
{
  char *path = g_file_get_path (file);

  if (path == NULL)
    g_set_error (error, KF_ERROR, KF_ERROR_FAILED, _("cannot be written: %s"),
                 _("it is not a file on this computer"));
  return path;
}

/* Core's CSV of the figures as the table shows them: in its order, with its
 * words for each key (a base's name, a day, a format's or topic's name), for
 * the people who read the file. */
static char *
shown_totals_csv (KfTotalsPage *self)
{
  GListModel *items = G_LIST_MODEL (self->items);
  guint n = g_list_model_get_n_items (items);
  g_autofree KfTotalsRow *rows = g_new0 (KfTotalsRow, MAX (n, 1));
  g_autoptr(GPtrArray) shown_rows = g_ptr_array_new ();
  KfTotals shown = *self->totals;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KfTotalsItem) item = g_list_model_get_item (items, i);

      /* the store keeps the item, and its words, while this runs */
      if (kf_totals_item_is_total (item))
        continue;
      rows[i].key = (char *) kf_totals_item_get_key (item);
      rows[i].label = (char *) kf_totals_item_get_label (item);
      rows[i].figures = *kf_totals_item_get_figures (item);
      g_ptr_array_add (shown_rows, &rows[i]);
    }
  shown.rows = shown_rows;
  return kf_totals_to_csv (&shown);
}

static gboolean
write_totals (KfTotalsPage  *self,
              GFile         *file,
              GError       **error)
{
  g_autofree char *csv = shown_totals_csv (self);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &local_error))
    {
      g_set_error (error, KF_ERROR, KF_ERROR_FAILED, _("cannot be written: %s"),
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * kf_totals_page_export_csv:
 * @file: where to write
 *
 * Writes the figures shown, as core's CSV of totals in the table's order and
 * words, and says so in a toast.
 */
gboolean
kf_totals_page_export_csv (KfTotalsPage  *self,
                           GFile         *file,
                           GError       **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GError *local_error = NULL;
  gboolean done;

  g_return_val_if_fail (KF_IS_TOTALS_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  done = kf_period_bar_get_period (self->period_bar, &from, &to, &local_error) &&
         write_totals (self, file, &local_error);
  return finish (self, file, done, local_error, error);
}

/**
 * kf_totals_page_export_records:
 * @entity: sessions, bookings or visits
 * @format: CSV or JSON
 * @file: where to write
 *
 * Writes the records of the period (of this base only, on a base's
 * installation), as kf_export_records() does.
 */
gboolean
kf_totals_page_export_records (KfTotalsPage    *self,
                               KfEntity         entity,
                               KfExportFormat   format,
                               GFile           *file,
                               GError         **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *path = NULL;
  GError *local_error = NULL;
  gboolean done = FALSE;

  g_return_val_if_fail (KF_IS_TOTALS_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (kf_period_bar_get_period (self->period_bar, &from, &to, &local_error) &&
      (path = local_path (file, &local_error)) != NULL)
    {
      KfQuery query = { .from = from, .to = to, .base_id = self->base_id,
                        .sort = KF_SORT_DATE };

      done = kf_export_records (self->store, entity, format, &query, path, &local_error);
    }
  return finish (self, file, done, local_error, error);
}

/**
 * kf_totals_page_export_pdf:
 * @file: where to write
 *
 * Writes the activity summary report of the period as PDF.
 */
gboolean
kf_totals_page_export_pdf (KfTotalsPage  *self,
                           GFile         *file,
                           GError       **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *path = NULL;
  g_autoptr(KfReport) report = NULL;
  GError *local_error = NULL;
  gboolean done = FALSE;

  g_return_val_if_fail (KF_IS_TOTALS_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (kf_period_bar_get_period (self->period_bar, &from, &to, &local_error) &&
      (path = local_path (file, &local_error)) != NULL &&
      (report = kf_report_new (self->store, from, to, &local_error)) != NULL)
    done = kf_report_write_pdf (report, path, &local_error);
  return finish (self, file, done, local_error, error);
}

/* Printing */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                KfReport          *report)
{
  int n_pages = kf_report_paginate (report, gtk_print_context_get_cairo_context (context),
                                    gtk_print_context_get_width (context),
                                    gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, MAX (n_pages, 1));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              KfReport          *report)
{
  kf_report_draw_page (report, gtk_print_context_get_cairo_context (context), page_nr);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               KfTotalsPage            *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      kf_toast (GTK_WIDGET (self), error != NULL ? error->message : _("Printing failed"));
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    kf_toast (GTK_WIDGET (self), _("The report was sent to the printer"));
}

static void
set_up_print (GtkPrintOperation *operation,
              KfReport          *report,
              const char        *from,
              const char        *to)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  /* Translators: the name of a print job, with the first and last day of its period */
  g_autofree char *name = g_strdup_printf (_("Activity Summary %s – %s"), from, to);

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, name);
  g_object_set_data_full (G_OBJECT (operation), "kf-report", report,
                          (GDestroyNotify) kf_report_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), report);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), report);
}

/**
 * kf_totals_page_print:
 * @operation: a print operation, set up as the caller likes (an export
 *   file name, asynchronous or not)
 * @action: what it does: show the print dialog, or export
 *
 * Prints the activity summary report of the period, a page for each page
 * kf_report_paginate() lays out on the paper chosen.
 */
gboolean
kf_totals_page_print (KfTotalsPage             *self,
                      GtkPrintOperation        *operation,
                      GtkPrintOperationAction   action,
                      GError                  **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  KfReport *report;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_return_val_if_fail (KF_IS_TOTALS_PAGE (self), FALSE);
  g_return_val_if_fail (GTK_IS_PRINT_OPERATION (operation), FALSE);

  if (!kf_period_bar_get_period (self->period_bar, &from, &to, error) ||
      (report = kf_report_new (self->store, from, to, error)) == NULL)
    return FALSE;
  set_up_print (operation, report, from, to);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  return gtk_print_operation_run (operation, action, GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                          : NULL, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;

  gtk_print_operation_set_allow_async (operation, TRUE);
  if (!kf_totals_page_print (KF_TOTALS_PAGE (widget), operation,
                             GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, &error) &&
      error != NULL && !is_period_error (error))
    kf_toast (widget, error->message);
}

/* File choosers */

static gboolean
run_job (KfTotalsPage    *self,
         const ExportJob *job,
         GFile           *file)
{
  switch (job->kind)
    {
    case EXPORT_RECORDS:
      return kf_totals_page_export_records (self, job->entity, job->format, file, NULL);
    case EXPORT_REPORT:
      return kf_totals_page_export_pdf (self, file, NULL);
    case EXPORT_TOTALS:
    default:
      return kf_totals_page_export_csv (self, file, NULL);
    }
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     KfTotalsPage    *self)
{
  const ExportJob *job = g_object_get_data (G_OBJECT (chooser), "kf-export-job");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      /* how it went is shown on the page */
      if (file != NULL)
        run_job (self, job, file);
    }
  /* the dialog goes now, and stops reading its folder */
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *title,
            const char     *extension)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strconcat ("*.", extension, NULL);

  gtk_file_filter_set_name (filter, title);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

static const char *
job_extension (const ExportJob *job)
{
  if (job->kind == EXPORT_REPORT)
    return "pdf";
  return job->kind == EXPORT_RECORDS && job->format == KF_EXPORT_JSON ? "json" : "csv";
}

static const char *
job_filter_title (const ExportJob *job)
{
  if (job->kind == EXPORT_REPORT)
    return _("PDF Files");
  return job->kind == EXPORT_RECORDS && job->format == KF_EXPORT_JSON ? _("JSON Files")
                                                                       : _("CSV Files");
}

/* kaifang-totals-2025-05-24-2025-06-01.csv */
static char *
job_file_name (const ExportJob *job,
               const char      *from,
               const char      *to)
{
  const char *what = job->kind == EXPORT_REPORT ? "report"
                     : job->kind == EXPORT_RECORDS ? kf_entity_info (job->entity)->table
                     : "totals";

  return g_strdup_printf ("kaifang-%s-%s-%s.%s", what, from, to, job_extension (job));
}

static void
choose_file (KfTotalsPage    *self,
             const char      *title,
             const ExportJob *job)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *name = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  if (!kf_period_bar_get_period (self->period_bar, &from, &to, NULL))
    return;
  name = job_file_name (job, from, to);
  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  add_filter (GTK_FILE_CHOOSER (chooser), job_filter_title (job), job_extension (job));
  g_object_set_data_full (G_OBJECT (chooser), "kf-export-job", g_memdup2 (job, sizeof *job),
                          g_free);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (self->chooser);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ExportJob job = { EXPORT_TOTALS };

  choose_file (KF_TOTALS_PAGE (widget), _("Export Figures"), &job);
}

static void
export_records_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ExportJob job = { EXPORT_RECORDS };
  const char *entity;
  const char *format;

  g_variant_get (parameter, "(&s&s)", &entity, &format);
  if (!kf_entity_from_string (entity, &job.entity) || job.entity == KF_ENTITY_BASE)
    {
      g_warning ("no export of records “%s”", entity);
      return;
    }
  job.format = g_str_equal (format, "json") ? KF_EXPORT_JSON : KF_EXPORT_CSV;
  choose_file (KF_TOTALS_PAGE (widget), _("Export Records"), &job);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ExportJob job = { EXPORT_REPORT };

  choose_file (KF_TOTALS_PAGE (widget), _("Save Report as PDF"), &job);
}

void
kf_totals_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "totals.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "totals.export-records", "(ss)",
                                   export_records_action);
  gtk_widget_class_install_action (widget_class, "totals.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "totals.print", NULL, print_action);
}

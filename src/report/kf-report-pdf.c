/* kf-report-pdf.c — the report as an A4 PDF file, written whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "kf-error.h"
#include "kf-report-private.h"

/* A4 in points */
#define A4_WIDTH   (210.0 / 25.4 * 72.0)
#define A4_HEIGHT  (297.0 / 25.4 * 72.0)

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata (KfReport         *report,
              cairo_surface_t  *surface)
{
  g_autofree char *title = g_strdup_printf ("%s %s – %s", _("Activity summary report"),
                                            report->from, report->to);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, report->installation);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Kaifang " PACKAGE_VERSION);
}

/* All pages, into memory: a failure leaves no file behind. */
static GByteArray *
render_pdf (KfReport  *report,
            GError   **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, bytes,
                                                                  A4_WIDTH, A4_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;
  int n_pages;

  set_metadata (report, surface);
  n_pages = kf_report_paginate (report, cr, A4_WIDTH, A4_HEIGHT);
  for (int i = 0; i < n_pages; i++)
    {
      kf_report_draw_page (report, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, KF_ERROR, KF_ERROR_FAILED, _("cannot be written: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

/**
 * kf_report_write_pdf:
 *
 * The content goes to a temporary file beside @path, which then replaces it,
 * as core's export does.
 */
gboolean
kf_report_write_pdf (KfReport   *report,
                     const char *path,
                     GError    **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = render_pdf (report, error);
  if (bytes == NULL)
    return FALSE;

  if (!g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local_error))
    {
      g_set_error (error, KF_ERROR, KF_ERROR_FAILED, _("cannot be written: %s"),
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* kf-demo.c — the demo data set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-demo"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kf-demo.h"
#include "kf-error.h"

gboolean
kf_demo_load (KfStore  *store,
              GError  **error)
{
  g_set_error (error, KF_ERROR, KF_ERROR_FAILED, "not written yet");
  return FALSE;
}

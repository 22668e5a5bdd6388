/* kf-period-bar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KF_TYPE_PERIOD_BAR (kf_period_bar_get_type ())

G_DECLARE_FINAL_TYPE (KfPeriodBar, kf_period_bar, KF, PERIOD_BAR, GtkBox)

/* The periods the bar offers, in the order of its drop-down. */
typedef enum
{
  KF_PERIOD_PRESET_ACTIVITY_WEEK,
  KF_PERIOD_PRESET_THIS_MONTH,
  KF_PERIOD_PRESET_CUSTOM,
} KfPeriodPreset;

gboolean kf_period_preset_dates      (KfPeriodPreset   preset,
                                      GDateTime       *now,
                                      char           **from,
                                      char           **to);

gboolean kf_period_bar_get_period    (KfPeriodBar     *self,
                                      char           **from,
                                      char           **to,
                                      GError         **error);
void     kf_period_bar_show_error    (KfPeriodBar     *self,
                                      const GError    *error);
gboolean kf_period_bar_get_has_error (KfPeriodBar     *self);
void     kf_period_bar_set_shown     (KfPeriodBar     *self,
                                      const char      *from,
                                      const char      *to);

G_END_DECLS

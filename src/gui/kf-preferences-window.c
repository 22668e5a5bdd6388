/* kf-preferences-window.c — (placeholder until the preferences are written)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-preferences-window.h"

struct _KfPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  KfApplication        *application;
};

G_DEFINE_FINAL_TYPE (KfPreferencesWindow, kf_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
kf_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KF_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (kf_preferences_window_parent_class)->dispose (object);
}

static void
kf_preferences_window_class_init (KfPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kf_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-preferences-window.ui");
}

static void
kf_preferences_window_init (KfPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

KfPreferencesWindow *
kf_preferences_window_new (KfApplication *application)
{
  KfPreferencesWindow *self = g_object_new (KF_TYPE_PREFERENCES_WINDOW, NULL);

  self->application = application;
  return self;
}

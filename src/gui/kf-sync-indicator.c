/* kf-sync-indicator.c — (placeholder until the indicator is written)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-sync-indicator.h"

struct _KfSyncIndicator
{
  AdwBin        parent_instance;

  KfSyncEngine *engine;
};

G_DEFINE_FINAL_TYPE (KfSyncIndicator, kf_sync_indicator, ADW_TYPE_BIN)

static void
kf_sync_indicator_dispose (GObject *object)
{
  KfSyncIndicator *self = KF_SYNC_INDICATOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KF_TYPE_SYNC_INDICATOR);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (kf_sync_indicator_parent_class)->dispose (object);
}

static void
kf_sync_indicator_class_init (KfSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kf_sync_indicator_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-sync-indicator.ui");
}

static void
kf_sync_indicator_init (KfSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
kf_sync_indicator_set_engine (KfSyncIndicator *self,
                              KfSyncEngine    *engine)
{
  g_return_if_fail (KF_IS_SYNC_INDICATOR (self));

  g_set_object (&self->engine, engine);
}

/* kf-today-page.c — (placeholder until the page is written)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-today-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-today-page.h"

struct _KfTodayPage
{
  AdwBin   parent_instance;

  KfStore *store;
};

G_DEFINE_FINAL_TYPE (KfTodayPage, kf_today_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kf_today_page_dispose (GObject *object)
{
  KfTodayPage *self = KF_TODAY_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KF_TYPE_TODAY_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kf_today_page_parent_class)->dispose (object);
}

static void
kf_today_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KfTodayPage *self = KF_TODAY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kf_today_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KfTodayPage *self = KF_TODAY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kf_today_page_class_init (KfTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kf_today_page_dispose;
  object_class->get_property = kf_today_page_get_property;
  object_class->set_property = kf_today_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KF_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/kaifang/Kaifang/kf-today-page.ui");
}

static void
kf_today_page_init (KfTodayPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

KfTodayPage *
kf_today_page_new (KfStore *store)
{
  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  return g_object_new (KF_TYPE_TODAY_PAGE, "store", store, NULL);
}

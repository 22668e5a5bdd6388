/* kf-welcome-page.c — the first run (placeholder until the page is written)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-welcome-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-welcome-page.h"

struct _KfWelcomePage
{
  AdwBin   parent_instance;

  KfStore *store;
};

G_DEFINE_FINAL_TYPE (KfWelcomePage, kf_welcome_page, ADW_TYPE_BIN)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
kf_welcome_page_dispose (GObject *object)
{
  KfWelcomePage *self = KF_WELCOME_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KF_TYPE_WELCOME_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kf_welcome_page_parent_class)->dispose (object);
}

static void
kf_welcome_page_class_init (KfWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kf_welcome_page_dispose;

  /**
   * KfWelcomePage::finished:
   *
   * The database is set up: the window shows the pages of the role.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-welcome-page.ui");
}

static void
kf_welcome_page_init (KfWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
kf_welcome_page_set_store (KfWelcomePage *self,
                           KfStore       *store)
{
  g_return_if_fail (KF_IS_WELCOME_PAGE (self));

  g_set_object (&self->store, store);
}

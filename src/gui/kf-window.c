/* kf-window.c — the main window: a header bar with the view switcher and
 * the sync indicator, and the pages of the installation's role
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-bases-page.h"
#include "kf-bookings-page.h"
#include "kf-my-bookings-page.h"
#include "kf-open-sessions-page.h"
#include "kf-sessions-page.h"
#include "kf-sync-indicator.h"
#include "kf-today-page.h"
#include "kf-totals-page.h"
#include "kf-welcome-page.h"
#include "kf-window.h"

struct _KfWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  KfWelcomePage        *welcome_page;
  KfSyncIndicator      *sync_indicator;

  KfApplication        *application;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (KfWindow, kf_window, ADW_TYPE_APPLICATION_WINDOW)

static void
add_page (KfWindow   *self,
          GtkWidget  *page,
          const char *name,
          const char *title,
          const char *icon_name)
{
  adw_view_stack_add_titled (self->view_stack, page, name, title);
  adw_view_stack_page_set_icon_name (adw_view_stack_get_page (self->view_stack, page),
                                     icon_name);
}

typedef GtkWidget *(*PageNew) (KfStore *store);

static GtkWidget *
new_bookings_page (KfStore *store)
{
  return GTK_WIDGET (kf_bookings_page_new (store));
}

static GtkWidget *
new_sessions_page (KfStore *store)
{
  return GTK_WIDGET (kf_sessions_page_new (store));
}

static GtkWidget *
new_totals_page (KfStore *store)
{
  return GTK_WIDGET (kf_totals_page_new (store));
}

static void
build_page_cb (AdwViewStack *stack,
               GParamSpec   *pspec,
               AdwBin       *holder)
{
  PageNew page_new = g_object_get_data (G_OBJECT (holder), "kf-page-new");
  KfStore *store = g_object_get_data (G_OBJECT (holder), "kf-page-store");

  if (adw_view_stack_get_visible_child (stack) != GTK_WIDGET (holder))
    return;
  g_signal_handlers_disconnect_by_func (stack, build_page_cb, holder);
  adw_bin_set_child (holder, page_new (store));
}

/* A page made the first time it is shown: until then an empty bin holds its
 * place in the switcher, so that the window builds, and reads the database
 * for, only the page of its first frame. */
static void
add_page_later (KfWindow   *self,
                KfStore    *store,
                PageNew     page_new,
                const char *name,
                const char *title,
                const char *icon_name)
{
  GtkWidget *holder = adw_bin_new ();

  g_object_set_data (G_OBJECT (holder), "kf-page-new", page_new);
  g_object_set_data_full (G_OBJECT (holder), "kf-page-store", g_object_ref (store),
                          g_object_unref);
  g_signal_connect_object (self->view_stack, "notify::visible-child", G_CALLBACK (build_page_cb),
                           holder, 0);
  add_page (self, holder, name, title, icon_name);
}

static void
clear_pages (KfWindow *self)
{
  GtkWidget *child;

  /* Pages going away are not made as the others before them go. */
  g_signal_handlers_disconnect_matched (self->view_stack, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                        build_page_cb, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->view_stack))) != NULL)
    adw_view_stack_remove (self->view_stack, child);
}

/**
 * kf_window_show_pages:
 *
 * Shows the pages of the installation's role, or the first-run page when
 * the database is not set up yet.
 */
void
kf_window_show_pages (KfWindow *self)
{
  KfStore *store = kf_application_get_store (self->application);
  g_autoptr(KfIdentity) identity = kf_store_get_identity (store, NULL);

  clear_pages (self);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, identity != NULL);
  if (identity == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
      return;
    }

  switch (identity->role)
    {
    case KF_ROLE_BASE:
      add_page (self, GTK_WIDGET (kf_today_page_new (store)), "today", _("Today"),
                "x-office-calendar-symbolic");
      add_page_later (self, store, new_bookings_page, "bookings", _("Bookings"),
                      "contact-new-symbolic");
      add_page_later (self, store, new_sessions_page, "sessions", _("Sessions"),
                      "view-list-symbolic");
      add_page_later (self, store, new_totals_page, "totals", _("Totals"),
                      "view-grid-symbolic");
      break;
    case KF_ROLE_SCHOOL:
      add_page (self, GTK_WIDGET (kf_open_sessions_page_new (store)), "open-sessions",
                _("Open Sessions"), "x-office-calendar-symbolic");
      add_page (self, GTK_WIDGET (kf_my_bookings_page_new (store)), "my-bookings",
                _("My Bookings"), "x-office-address-book-symbolic");
      break;
    case KF_ROLE_REVIEWER:
    default:
      add_page (self, GTK_WIDGET (kf_totals_page_new (store)), "totals", _("Totals"),
                "view-grid-symbolic");
      add_page (self, GTK_WIDGET (kf_bases_page_new (store)), "bases", _("Bases"),
                "network-server-symbolic");
      break;
    }
  gtk_stack_set_visible_child_name (self->main_stack, "pages");
}

static void
welcome_finished_cb (KfWelcomePage *page,
                     KfWindow      *self)
{
  kf_window_show_pages (self);
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KfWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  KfSyncCounts counts;
  g_autofree char *message = NULL;

  if (!kf_sync_engine_sync_finish (KF_SYNC_ENGINE (object), result, &counts, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        kf_window_toast (self, error->message);
      return;
    }
  message = g_strdup_printf (_("Synced: %u sent, %u received"), counts.pushed, counts.pulled);
  kf_window_toast (self, message);
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KfWindow *self = KF_WINDOW (widget);

  kf_sync_engine_sync_async (kf_application_get_sync_engine (self->application),
                             self->cancellable, sync_done_cb, g_object_ref (self));
}

/* The application is not a construct property of a window: this runs once
 * it is set. */
static void
setup (KfWindow *self)
{
  GSettings *settings;

  self->application = KF_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  settings = kf_application_get_settings (self->application);
  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  kf_welcome_page_set_store (self->welcome_page, kf_application_get_store (self->application));
  kf_sync_indicator_set_engine (self->sync_indicator,
                                kf_application_get_sync_engine (self->application));
  kf_window_show_pages (self);
}

static void
kf_window_dispose (GObject *object)
{
  KfWindow *self = KF_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KF_TYPE_WINDOW);

  G_OBJECT_CLASS (kf_window_parent_class)->dispose (object);
}

static void
kf_window_class_init (KfWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kf_window_dispose;

  g_type_ensure (KF_TYPE_WELCOME_PAGE);
  g_type_ensure (KF_TYPE_SYNC_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/kaifang/Kaifang/kf-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KfWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KfWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, KfWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, KfWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, KfWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, KfWindow, sync_indicator);
  gtk_widget_class_bind_template_callback (widget_class, welcome_finished_cb);

  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
}

static void
kf_window_init (KfWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

KfWindow *
kf_window_new (KfApplication *application)
{
  KfWindow *self;

  g_return_val_if_fail (KF_IS_APPLICATION (application), NULL);

  self = g_object_new (KF_TYPE_WINDOW, "application", application, NULL);
  setup (self);
  return self;
}

/* Toasts tell that an action is done; errors stay where they happened. */
void
kf_window_toast (KfWindow   *self,
                 const char *message)
{
  g_return_if_fail (KF_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

AdwViewStack *
kf_window_get_view_stack (KfWindow *self)
{
  g_return_val_if_fail (KF_IS_WINDOW (self), NULL);

  return self->view_stack;
}

KfStore *
kf_window_get_store (KfWindow *self)
{
  g_return_val_if_fail (KF_IS_WINDOW (self), NULL);

  return kf_application_get_store (self->application);
}

/* The window a widget is in, or NULL (a dialog's transient parent counts). */
KfWindow *
kf_window_for_widget (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  while (root != NULL && !KF_IS_WINDOW (root))
    {
      GtkWindow *parent = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root))
                                               : NULL;
      root = parent != NULL ? GTK_ROOT (parent) : NULL;
    }
  return root != NULL ? KF_WINDOW (root) : NULL;
}

void
kf_toast (GtkWidget  *widget,
          const char *message)
{
  KfWindow *window = kf_window_for_widget (widget);

  if (window != NULL)
    kf_window_toast (window, message);
}

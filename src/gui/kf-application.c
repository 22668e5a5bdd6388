/* kf-application.c — the Kaifang application: its database, sync engine and
 * application-wide actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-application"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-application.h"
#include "kf-preferences-window.h"
#include "kf-window.h"

struct _KfApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  KfStore        *store;
  KfSyncEngine   *sync_engine;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (KfApplication, kf_application, ADW_TYPE_APPLICATION)

static const GOptionEntry options[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("The database to open (default: the one kaifang-cli uses too)"), N_("PATH") },
  { NULL }
};

static int
kf_application_handle_local_options (GApplication *app,
                                     GVariantDict *dict)
{
  KfApplication *self = KF_APPLICATION (app);
  g_autofree char *path = NULL;

  if (g_variant_dict_lookup (dict, "db", "^ay", &path))
    kf_application_set_db_path (self, path);
  return -1;
}

static void
sync_state_cb (KfSyncEngine  *engine,
               GParamSpec    *pspec,
               KfApplication *self)
{
  /* A sync runs on a connection of its own: what it pulled is shown now. */
  if (kf_sync_engine_get_state (engine) != KF_SYNC_STATE_SYNCING)
    kf_store_notify_changed (self->store);
}

static void
store_changed_cb (KfStore       *store,
                  KfApplication *self)
{
  kf_sync_engine_refresh (self->sync_engine);
}

static void
show_error_and_quit (KfApplication *self,
                     const GError  *error)
{
  g_autofree char *body = g_strdup_printf (_("The database %s cannot be opened: %s"),
                                           self->db_path, error->message);
  GtkWidget *dialog = adw_message_dialog_new (NULL, _("Kaifang Cannot Start"), body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (g_application_quit), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
open_store (KfApplication *self,
            GError       **error)
{
  g_autofree char *dir = NULL;

  if (self->db_path == NULL)
    self->db_path = kf_store_default_path ();
  dir = g_path_get_dirname (self->db_path);
  g_mkdir_with_parents (dir, 0700);

  self->store = kf_store_open (self->db_path, error);
  if (self->store == NULL)
    return FALSE;

  self->sync_engine = kf_sync_engine_new (self->db_path);
  g_settings_bind (self->settings, "sync-interval", self->sync_engine, "interval",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->sync_engine, "notify::state", G_CALLBACK (sync_state_cb), self,
                           0);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, 0);
  return TRUE;
}

static void
first_frame_cb (GdkFrameClock *clock,
                KfApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
  kf_sync_engine_refresh (self->sync_engine);
}

/* The sync engine reads its counts (a second connection, counting the
 * queue: tens of milliseconds on a big database) once the window is on
 * screen, not before. */
static void
refresh_after_first_frame (KfApplication *self,
                           GtkWindow     *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  if (clock == NULL)
    {
      kf_sync_engine_refresh (self->sync_engine);
      return;
    }
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_frame_cb), self, 0);
}

static void
kf_application_activate (GApplication *app)
{
  KfApplication *self = KF_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->store == NULL && !open_store (self, &error))
    {
      show_error_and_quit (self, error);
      return;
    }

  window = GTK_WINDOW (kf_window_new (self));
  gtk_window_present (window);
  if (kf_sync_engine_get_queued (self->sync_engine) < 0)
    refresh_after_first_frame (self, window);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Kaifang developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Kaifang"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Kaifang developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Open days of science-popularisation bases: sessions, "
                                       "group bookings, visitors and the figures the county "
                                       "science association asks for."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  KfApplication *self = KF_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  KfPreferencesWindow *preferences = kf_preferences_window_new (self);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static void
kf_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *sync_accels[] = { "<Control>r", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (kf_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.sync", sync_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
}

static void
kf_application_shutdown (GApplication *app)
{
  KfApplication *self = KF_APPLICATION (app);

  if (self->sync_engine != NULL)
    kf_sync_engine_set_interval (self->sync_engine, 0);

  G_APPLICATION_CLASS (kf_application_parent_class)->shutdown (app);
}

static void
kf_application_dispose (GObject *object)
{
  KfApplication *self = KF_APPLICATION (object);

  g_clear_object (&self->sync_engine);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kf_application_parent_class)->dispose (object);
}

static void
kf_application_finalize (GObject *object)
{
  KfApplication *self = KF_APPLICATION (object);

  g_free (self->db_path);

  G_OBJECT_CLASS (kf_application_parent_class)->finalize (object);
}

static void
kf_application_class_init (KfApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = kf_application_dispose;
  object_class->finalize = kf_application_finalize;
  app_class->handle_local_options = kf_application_handle_local_options;
  app_class->startup = kf_application_startup;
  app_class->activate = kf_application_activate;
  app_class->shutdown = kf_application_shutdown;
}

static void
kf_application_init (KfApplication *self)
{
  self->settings = g_settings_new ("cn.kaifang.Kaifang");
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

KfApplication *
kf_application_new (void)
{
  return g_object_new (KF_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/cn/kaifang/Kaifang",
                       NULL);
}

/**
 * kf_application_set_db_path:
 *
 * The database to open, before the application starts.
 */
void
kf_application_set_db_path (KfApplication *self,
                            const char    *path)
{
  g_return_if_fail (KF_IS_APPLICATION (self));
  g_return_if_fail (self->store == NULL);

  g_free (self->db_path);
  self->db_path = g_strdup (path);
}

const char *
kf_application_get_db_path (KfApplication *self)
{
  g_return_val_if_fail (KF_IS_APPLICATION (self), NULL);

  return self->db_path;
}

/**
 * kf_application_get_store:
 *
 * Returns: (transfer none): the main thread's connection to the database
 */
KfStore *
kf_application_get_store (KfApplication *self)
{
  g_return_val_if_fail (KF_IS_APPLICATION (self), NULL);

  return self->store;
}

KfSyncEngine *
kf_application_get_sync_engine (KfApplication *self)
{
  g_return_val_if_fail (KF_IS_APPLICATION (self), NULL);

  return self->sync_engine;
}

GSettings *
kf_application_get_settings (KfApplication *self)
{
  g_return_val_if_fail (KF_IS_APPLICATION (self), NULL);

  return self->settings;
}

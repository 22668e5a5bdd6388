/* kf-preferences-window.c — the installation's identity, its hub, automatic
 * syncing, and exporting records to files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-error.h"
#include "kf-export.h"
#include "kf-labels.h"
#include "kf-preferences-window.h"
#include "kf-row-errors.h"
#include "kf-sync-indicator.h"
#include "kf-sync.h"

struct _KfPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwActionRow         *role_row;
  AdwActionRow         *identity_row;
  AdwEntryRow          *hub_url_row;
  AdwEntryRow          *token_row;
  AdwActionRow         *ca_row;
  AdwActionRow         *hub_general_error;
  AdwActionRow         *hub_url_error;
  AdwActionRow         *token_error;
  AdwActionRow         *ca_error;
  AdwComboRow          *interval_row;
  AdwActionRow         *last_sync_row;
  AdwActionRow         *sync_error;
  AdwComboRow          *entity_row;
  AdwComboRow          *format_row;
  AdwActionRow         *export_error;

  KfApplication        *application;
  char                 *ca_file;
  GtkNativeDialog      *chooser;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (KfPreferencesWindow, kf_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The choices of the "Sync automatically" row, in seconds. */
static const guint intervals[] = { 0, 60, 5 * 60, 15 * 60, 60 * 60 };

/* The choices of the export rows, in their order. */
static const KfEntity export_entities[] = {
  KF_ENTITY_SESSION, KF_ENTITY_BOOKING, KF_ENTITY_VISIT
};

#define FIELD(name, row, error) \
  { name, G_STRUCT_OFFSET (KfPreferencesWindow, row), \
    G_STRUCT_OFFSET (KfPreferencesWindow, error) }

/* Form fields of the hub group; kf_sync_set_hub() names none, so these
 * names are the form's own. */
static const KfRowField hub_fields[] = {
  FIELD ("hub_url", hub_url_row, hub_url_error),
  FIELD ("token", token_row, token_error),
  FIELD ("ca_file", ca_row, ca_error),
};

#undef FIELD

static KfStore *
get_store (KfPreferencesWindow *self)
{
  return kf_application_get_store (self->application);
}

static KfSyncEngine *
get_engine (KfPreferencesWindow *self)
{
  return kf_application_get_sync_engine (self->application);
}

/* Identity */

static char *
base_name (KfStore    *store,
           const char *base_id)
{
  g_autoptr(KfRecord) base = NULL;

  if (base_id == NULL)
    return NULL;
  base = kf_store_get (store, KF_ENTITY_BASE, base_id, NULL);
  return base != NULL ? g_strdup (KF_BASE (base)->name) : NULL;
}

static void
load_identity (KfPreferencesWindow *self)
{
  g_autoptr(KfIdentity) identity = kf_store_get_identity (get_store (self), NULL);
  g_autofree char *name = NULL;

  if (identity == NULL)
    {
      adw_action_row_set_subtitle (self->role_row, _("Not set up yet"));
      return;
    }

  adw_action_row_set_subtitle (self->role_row, kf_label_role (kf_role_to_string (identity->role)));
  if (identity->role == KF_ROLE_BASE)
    {
      name = base_name (get_store (self), identity->base_id);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->identity_row), _("Base"));
      adw_action_row_set_subtitle (self->identity_row, name != NULL ? name : identity->base_id);
    }
  else if (identity->role == KF_ROLE_SCHOOL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->identity_row),
                                     _("Organisation"));
      adw_action_row_set_subtitle (self->identity_row, identity->org_name);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->identity_row), identity->role != KF_ROLE_REVIEWER);
}

/* Hub */

static void
show_ca_file (KfPreferencesWindow *self)
{
  g_autofree char *display = self->ca_file != NULL ? g_filename_display_name (self->ca_file)
                                                   : NULL;

  adw_action_row_set_subtitle (self->ca_row,
                               display != NULL ? display : _("The system's authorities"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.clear-ca", self->ca_file != NULL);
}

static void
set_ca_file (KfPreferencesWindow *self,
             const char          *path)
{
  g_free (self->ca_file);
  self->ca_file = g_strdup (path);
  show_ca_file (self);
}

static void
load_hub (KfPreferencesWindow *self)
{
  KfStore *store = get_store (self);
  g_autofree char *url = kf_store_get_meta (store, "hub_url");
  g_autofree char *token = kf_store_get_meta (store, "hub_token");
  g_autofree char *ca_file = kf_store_get_meta (store, "hub_ca_file");

  gtk_editable_set_text (GTK_EDITABLE (self->hub_url_row), url != NULL ? url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), token != NULL ? token : "");
  set_ca_file (self, ca_file);
}

/* The form's own fields are not record fields: their errors are made here,
 * with the reason of the error they come from. */
static void
add_field_error (GPtrArray    *errors,
                 const char   *field,
                 const GError *reason)
{
  GError *error = NULL;

  kf_set_field_error (&error, KF_ERROR_INVALID_FIELD, field, "%s", reason->message);
  g_ptr_array_add (errors, error);
}

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Every mistake is found before anything is written, and shown at once. */
static gboolean
check_hub_form (KfPreferencesWindow *self,
                const char          *url,
                const char          *token,
                GPtrArray           *errors)
{
  g_autoptr(KfHubClient) probe = NULL;
  GError *error = NULL;

  /* The same check kf_sync_set_hub() makes, so its reason is the one shown. */
  probe = kf_hub_client_new (url, "", NULL, 1, &error);
  if (probe == NULL)
    {
      add_field_error (errors, "hub_url", error);
      g_clear_error (&error);
    }
  if (*token == '\0')
    {
      kf_set_field_error (&error, KF_ERROR_MISSING_FIELD, "token", _("is required"));
      g_ptr_array_add (errors, error);
      error = NULL;
    }
  if (self->ca_file != NULL)
    {
      g_autoptr(GTlsDatabase) database = g_tls_file_database_new (self->ca_file, &error);

      if (database == NULL)
        {
          add_field_error (errors, "ca_file", error);
          g_clear_error (&error);
        }
    }
  return errors->len == 0;
}

static gboolean
save_hub (KfPreferencesWindow *self,
          GPtrArray           *errors)
{
  KfStore *store = get_store (self);
  g_autofree char *url = row_text (self->hub_url_row);
  g_autofree char *token = row_text (self->token_row);
  GError *error = NULL;

  if (!check_hub_form (self, url, token, errors))
    return FALSE;
  if (!kf_sync_set_hub (store, url, token, self->ca_file, &error))
    {
      g_ptr_array_add (errors, error);
      return FALSE;
    }
  /* kf_sync_set_hub() keeps an authority it is not given: forget it here. */
  if (self->ca_file == NULL && !kf_store_set_meta (store, "hub_ca_file", NULL, &error))
    {
      g_ptr_array_add (errors, error);
      return FALSE;
    }
  return TRUE;
}

static void
save_hub_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KfPreferencesWindow *self = KF_PREFERENCES_WINDOW (widget);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  kf_row_errors_clear_all (self, hub_fields, G_N_ELEMENTS (hub_fields),
                           self->hub_general_error);
  if (!save_hub (self, errors))
    {
      kf_row_errors_show_all (self, hub_fields, G_N_ELEMENTS (hub_fields),
                              self->hub_general_error, errors);
      return;
    }
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Hub settings saved")));
}

static void
hub_entry_activated_cb (AdwEntryRow         *row,
                        KfPreferencesWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "prefs.save-hub", NULL);
}

static void
ca_chosen_cb (GtkNativeDialog     *chooser,
              int                  response,
              KfPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        set_ca_file (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_ca_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KfPreferencesWindow *self = KF_PREFERENCES_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Certificate Authority"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL);
  gtk_file_filter_set_name (filter, _("Certificates (PEM)"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (ca_chosen_cb), self, 0);
  gtk_native_dialog_show (self->chooser);
}

static void
clear_ca_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  set_ca_file (KF_PREFERENCES_WINDOW (widget), NULL);
}

/* Syncing */

static void
show_last_sync (KfPreferencesWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = kf_describe_last_sync (kf_sync_engine_get_last_sync (get_engine (self)),
                                                 now);

  /* The engine's counts are -1 until it has read the database. */
  adw_action_row_set_subtitle (self->last_sync_row,
                               kf_sync_engine_get_queued (get_engine (self)) < 0 ? "…" : text);
}

static void
engine_notify_cb (KfSyncEngine        *engine,
                  GParamSpec          *pspec,
                  KfPreferencesWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.sync",
                                 kf_sync_engine_get_state (engine) != KF_SYNC_STATE_SYNCING);
  show_last_sync (self);
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KfPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  KfSyncCounts counts;

  if (!kf_sync_engine_sync_finish (KF_SYNC_ENGINE (object), result, &counts, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        kf_row_errors_show (NULL, self->sync_error, error->message);
      return;
    }
  message = g_strdup_printf (_("Synced: %u sent, %u received"), counts.pushed, counts.pulled);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KfPreferencesWindow *self = KF_PREFERENCES_WINDOW (widget);

  kf_row_errors_clear (NULL, self->sync_error);
  kf_sync_engine_sync_async (get_engine (self), self->cancellable, sync_done_cb,
                             g_object_ref (self));
}

static void
load_interval (KfPreferencesWindow *self)
{
  guint seconds = g_settings_get_uint (kf_application_get_settings (self->application),
                                       "sync-interval");
  guint best = 0;

  /* A value set by hand (gsettings) shows as the nearest choice. */
  for (guint i = 1; i < G_N_ELEMENTS (intervals); i++)
    if (ABS ((gint64) intervals[i] - seconds) < ABS ((gint64) intervals[best] - seconds))
      best = i;
  if (adw_combo_row_get_selected (self->interval_row) != best)
    adw_combo_row_set_selected (self->interval_row, best);
}

static void
interval_selected_cb (AdwComboRow         *row,
                      GParamSpec          *pspec,
                      KfPreferencesWindow *self)
{
  GSettings *settings = kf_application_get_settings (self->application);
  guint selected = adw_combo_row_get_selected (row);

  if (selected < G_N_ELEMENTS (intervals) &&
      g_settings_get_uint (settings, "sync-interval") != intervals[selected])
    g_settings_set_uint (settings, "sync-interval", intervals[selected]);
}

static void
interval_changed_cb (GSettings           *settings,
                     const char          *key,
                     KfPreferencesWindow *self)
{
  load_interval (self);
}

/* Export */

static KfEntity
export_entity (KfPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->entity_row);

  return export_entities[MIN (selected, G_N_ELEMENTS (export_entities) - 1)];
}

static KfExportFormat
export_format (KfPreferencesWindow *self)
{
  return adw_combo_row_get_selected (self->format_row) == 1 ? KF_EXPORT_JSON : KF_EXPORT_CSV;
}

static char *
export_file_name (KfPreferencesWindow *self)
{
  const KfEntityInfo *info = kf_entity_info (export_entity (self));

  return g_strconcat (info->table, export_format (self) == KF_EXPORT_JSON ? ".json" : ".csv",
                      NULL);
}

/**
 * kf_preferences_window_export:
 * @path: the file to write
 *
 * Writes the records chosen in the export rows to @path, in the chosen
 * format, as the "Export…" button does after its file chooser. A toast tells
 * it is done; a failure is shown in the export group too.
 */
gboolean
kf_preferences_window_export (KfPreferencesWindow  *self,
                              const char           *path,
                              GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (KF_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  kf_row_errors_clear (NULL, self->export_error);
  if (!kf_export_records (get_store (self), export_entity (self), export_format (self), NULL,
                          path, &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);
      /* Translators: a file, then why it could not be written ("cannot be written: …") */
      g_autofree char *text = g_strdup_printf (C_("file error", "%s %s"), display,
                                               local_error->message);

      kf_row_errors_show (NULL, self->export_error, text);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  basename = g_filename_display_basename (path);
  /* Translators: the file the records were written to */
  message = g_strdup_printf (_("Exported to %s"), basename);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
  return TRUE;
}

static void
export_chosen_cb (GtkNativeDialog     *chooser,
                  int                  response,
                  KfPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      /* A failure is shown in the export group. */
      if (path != NULL)
        kf_preferences_window_export (self, path, NULL);
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KfPreferencesWindow *self = KF_PREFERENCES_WINDOW (widget);
  g_autofree char *name = export_file_name (self);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Records"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_chosen_cb), self, 0);
  gtk_native_dialog_show (self->chooser);
}

/* The window */

static void
kf_preferences_window_dispose (GObject *object)
{
  KfPreferencesWindow *self = KF_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (object), KF_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (kf_preferences_window_parent_class)->dispose (object);
}

static void
kf_preferences_window_finalize (GObject *object)
{
  KfPreferencesWindow *self = KF_PREFERENCES_WINDOW (object);

  g_free (self->ca_file);

  G_OBJECT_CLASS (kf_preferences_window_parent_class)->finalize (object);
}

static void
kf_preferences_window_class_init (KfPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kf_preferences_window_dispose;
  object_class->finalize = kf_preferences_window_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KfPreferencesWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, KfPreferencesWindow, identity_row);
  gtk_widget_class_bind_template_child (widget_class, KfPreferencesWindow, hub_url_row);
  gtk_widget_class_bind_template_child (widget_class, KfPreferencesWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, KfPreferencesWindow, ca_row);
  gtk_widget_class_bind_template_child (widget_class, KfPreferencesWindow, hub_general_error);
  gtk_widget_class_bind_template_child (widget_class, KfPreferencesWindow, hub_url_error);
  gtk_widget_class_bind_template_child (widget_class, KfPreferencesWindow, token_error);
  gtk_widget_class_bind_template_child (widget_class, KfPreferencesWindow, ca_error);
  gtk_widget_class_bind_template_child (widget_class, KfPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, KfPreferencesWindow, last_sync_row);
  gtk_widget_class_bind_template_child (widget_class, KfPreferencesWindow, sync_error);
  gtk_widget_class_bind_template_child (widget_class, KfPreferencesWindow, entity_row);
  gtk_widget_class_bind_template_child (widget_class, KfPreferencesWindow, format_row);
  gtk_widget_class_bind_template_child (widget_class, KfPreferencesWindow, export_error);
  gtk_widget_class_bind_template_callback (widget_class, hub_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "prefs.save-hub", NULL, save_hub_action);
  gtk_widget_class_install_action (widget_class, "prefs.choose-ca", NULL, choose_ca_action);
  gtk_widget_class_install_action (widget_class, "prefs.clear-ca", NULL, clear_ca_action);
  gtk_widget_class_install_action (widget_class, "prefs.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "prefs.export", NULL, export_action);
}

static void
kf_preferences_window_init (KfPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* The application is not a construct property: this runs once it is known. */
static void
setup (KfPreferencesWindow *self)
{
  GSettings *settings = kf_application_get_settings (self->application);

  load_identity (self);
  load_hub (self);
  load_interval (self);
  g_signal_connect_object (self->interval_row, "notify::selected",
                           G_CALLBACK (interval_selected_cb), self, 0);
  g_signal_connect_object (settings, "changed::sync-interval", G_CALLBACK (interval_changed_cb),
                           self, 0);
  g_signal_connect_object (get_engine (self), "notify", G_CALLBACK (engine_notify_cb), self, 0);
  engine_notify_cb (get_engine (self), NULL, self);
}

KfPreferencesWindow *
kf_preferences_window_new (KfApplication *application)
{
  KfPreferencesWindow *self;

  g_return_val_if_fail (KF_IS_APPLICATION (application), NULL);

  self = g_object_new (KF_TYPE_PREFERENCES_WINDOW, "application", application, NULL);
  self->application = application;
  setup (self);
  return self;
}

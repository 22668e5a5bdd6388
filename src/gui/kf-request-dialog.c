/* kf-request-dialog.c — a school asks a base for a group visit
 *
 * The request is a booking in status `requested`, of the organisation this
 * installation was set up for. Core checks it as it checks every write; what
 * it refuses is shown under the field it names, and nothing is written. The
 * store writes the booking and its outbox op together: the request goes to
 * the hub at the next sync, offline or not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-request-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-error.h"
#include "kf-form-field.h"
#include "kf-labels.h"
#include "kf-request-dialog.h"
#include "kf-sync-indicator.h"
#include "kf-window.h"

#define N_FIELDS 9

struct _KfRequestDialog
{
  AdwWindow      parent_instance;

  AdwActionRow  *session_row;
  AdwActionRow  *seats_row;
  GtkWidget     *session_error_row;
  GtkLabel      *session_error;
  AdwActionRow  *org_row;
  GtkWidget     *org_error_row;
  GtkLabel      *org_error;
  AdwComboRow   *org_type_row;
  GtkWidget     *org_type_error_row;
  GtkLabel      *org_type_error;
  GtkWidget     *grade_row;
  GtkWidget     *grade_error_row;
  GtkLabel      *grade_error;
  GtkWidget     *contact_name_row;
  GtkWidget     *contact_name_error_row;
  GtkLabel      *contact_name_error;
  GtkWidget     *contact_phone_row;
  GtkWidget     *contact_phone_error_row;
  GtkLabel      *contact_phone_error;
  GtkWidget     *youth_row;
  GtkSpinButton *youth_spin;
  GtkWidget     *youth_error_row;
  GtkLabel      *youth_error;
  GtkWidget     *adults_row;
  GtkSpinButton *adults_spin;
  GtkWidget     *adults_error_row;
  GtkLabel      *adults_error;
  GtkWidget     *note_row;
  GtkWidget     *note_error_row;
  GtkLabel      *note_error;
  GtkLabel      *warning_label;
  GtkLabel      *error_label;

  KfStore       *store;
  KfRecord      *session;    /* (nullable): the session asked for */
};

G_DEFINE_FINAL_TYPE (KfRequestDialog, kf_request_dialog, ADW_TYPE_WINDOW)

/* The names people know the fields by, in the order of get_fields(). */
static const char * const field_titles[N_FIELDS] = {
  N_("Session"), N_("Organisation"), N_("Kind of organisation"), N_("Grade or class"),
  N_("Contact name"), N_("Contact phone"), N_("Young people"), N_("Adults"), N_("Note"),
};

static guint
get_fields (KfRequestDialog *self,
            KfFormField      fields[N_FIELDS])
{
  fields[0] = (KfFormField) { "session_id", GTK_WIDGET (self->session_row),
                              GTK_WIDGET (self->session_row), self->session_error_row,
                              self->session_error };
  fields[1] = (KfFormField) { "org_name", GTK_WIDGET (self->org_row), GTK_WIDGET (self->org_row),
                              self->org_error_row, self->org_error };
  fields[2] = (KfFormField) { "org_type", GTK_WIDGET (self->org_type_row),
                              GTK_WIDGET (self->org_type_row), self->org_type_error_row,
                              self->org_type_error };
  fields[3] = (KfFormField) { "grade", self->grade_row, self->grade_row, self->grade_error_row,
                              self->grade_error };
  fields[4] = (KfFormField) { "contact_name", self->contact_name_row, self->contact_name_row,
                              self->contact_name_error_row, self->contact_name_error };
  fields[5] = (KfFormField) { "contact_phone", self->contact_phone_row, self->contact_phone_row,
                              self->contact_phone_error_row, self->contact_phone_error };
  fields[6] = (KfFormField) { "youth_count", self->youth_row, GTK_WIDGET (self->youth_spin),
                              self->youth_error_row, self->youth_error };
  fields[7] = (KfFormField) { "adult_count", self->adults_row, GTK_WIDGET (self->adults_spin),
                              self->adults_error_row, self->adults_error };
  fields[8] = (KfFormField) { "note", self->note_row, self->note_row, self->note_error_row,
                              self->note_error };
  return N_FIELDS;
}

/* Core gives the reason ("must be 7 to 20 characters…"); under the field it
 * begins with the field's name, so that it reads alone. */
static GError *
name_the_field (const KfFormField *fields,
                const GError      *error)
{
  const char *field = error->domain == KF_ERROR ? kf_error_get_field (error) : NULL;
  GError *named = NULL;

  for (guint i = 0; field != NULL && i < N_FIELDS; i++)
    if (g_str_equal (fields[i].field, field))
      {
        /* Translators: a field of a form, then why its value was refused */
        kf_set_field_error (&named, error->code, field, _("%s: %s"), _(field_titles[i]),
                            error->message);
        return named;
      }
  /* base_id and status are not in the form: they are about the session. */
  if (g_strcmp0 (field, "base_id") == 0 || g_strcmp0 (field, "status") == 0)
    kf_set_field_error (&named, error->code, "session_id", _("%s: %s"), _(field_titles[0]),
                        error->message);
  return named != NULL ? named : g_error_copy (error);
}

static gint64
seats_left (const KfSession *session)
{
  return MAX (0, session->capacity - session->confirmed_people);
}

static void
people_changed_cb (KfRequestDialog *self)
{
  gint64 people = gtk_spin_button_get_value_as_int (self->youth_spin) +
                  gtk_spin_button_get_value_as_int (self->adults_spin);
  gint64 left = self->session != NULL ? seats_left (KF_SESSION (self->session)) : 0;
  g_autofree char *text = NULL;
  gboolean over = self->session != NULL && people > left;

  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), over);
  if (!over)
    return;
  /* Translators: the group's people, then the session's seats left */
  text = g_strdup_printf (_("The group (%lld) is bigger than the seats left (%lld) at the last "
                            "sync. You may still ask: the base decides."),
                          (long long) people, (long long) left);
  gtk_label_set_text (self->warning_label, text);
}

static char *
entry_text (GtkWidget *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static KfRecord *
read_request (KfRequestDialog  *self,
              const KfIdentity *identity)
{
  KfBooking *booking = KF_BOOKING (kf_record_new (KF_ENTITY_BOOKING));
  guint org_type = adw_combo_row_get_selected (self->org_type_row);
  const KfSession *session = KF_SESSION (self->session);

  booking->r.id = kf_new_id ();
  booking->base_id = g_strdup (session != NULL ? session->base_id : NULL);
  booking->session_id = g_strdup (session != NULL ? session->r.id : NULL);
  booking->org_name = g_strdup (identity->org_name);
  booking->org_type = g_strdup (org_type < g_strv_length ((char **) kf_org_type_codes)
                                ? kf_org_type_codes[org_type] : NULL);
  booking->grade = entry_text (self->grade_row);
  booking->contact_name = entry_text (self->contact_name_row);
  booking->contact_phone = entry_text (self->contact_phone_row);
  booking->youth_count = gtk_spin_button_get_value_as_int (self->youth_spin);
  booking->adult_count = gtk_spin_button_get_value_as_int (self->adults_spin);
  booking->status = g_strdup ("requested");
  booking->note = entry_text (self->note_row);
  return (KfRecord *) booking;
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KfRequestDialog *self = KF_REQUEST_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) named = NULL;
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(KfRecord) request = NULL;
  g_autofree char *message = NULL;
  KfFormField fields[N_FIELDS];
  guint n_fields = get_fields (self, fields);

  /* Take what was typed even if the field was not left. */
  gtk_spin_button_update (self->youth_spin);
  gtk_spin_button_update (self->adults_spin);
  kf_form_clear_errors (fields, n_fields, self->error_label);

  identity = kf_store_get_identity (self->store, &error);
  if (identity != NULL)
    {
      request = read_request (self, identity);
      if (!kf_store_put (self->store, request, &error))
        g_clear_pointer (&request, kf_record_free);
    }
  if (request == NULL)
    {
      named = name_the_field (fields, error);
      kf_form_show_error (fields, n_fields, self->error_label, named);
      return;
    }

  /* Translators: the session's title */
  message = g_strdup_printf (_("Request for “%s” saved: it is sent to the base at the next "
                               "sync"), KF_SESSION (self->session)->title);
  kf_toast (widget, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static char *
session_subtitle (KfRequestDialog *self,
                  const KfSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) base = kf_store_get (self->store, KF_ENTITY_BASE, session->base_id,
                                           &error);
  g_autofree char *date = kf_label_date (session->date);
  g_autofree char *time = kf_label_time_range (session->start, session->end);

  /* Translators: a session's base, date and time */
  return g_strdup_printf (_("%s · %s %s"), base != NULL ? KF_BASE (base)->name
                                                        : _("Unknown base"), date, time);
}

static char *
seats_subtitle (KfStore         *store,
                const KfSession *session)
{
  g_autofree char *last_sync = kf_store_get_meta (store, "last_sync");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = kf_describe_last_sync (last_sync, now);
  gint64 left = seats_left (session);

  /* Translators: seats left, the session's capacity, when the figures were synced */
  return g_strdup_printf (_("%lld of %lld, at the last sync (%s)"), (long long) left,
                          (long long) session->capacity, when);
}

/* What the dialog shows of the session and the organisation. */
static void
set_up (KfRequestDialog *self,
        const char      *session_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfIdentity) identity = kf_store_get_identity (self->store, NULL);
  g_autofree char *subtitle = NULL;
  g_autofree char *seats = NULL;

  adw_action_row_set_subtitle (self->org_row, identity != NULL && identity->org_name != NULL
                                              ? identity->org_name : "");
  self->session = kf_store_get (self->store, KF_ENTITY_SESSION, session_id, &error);
  if (self->session == NULL)
    {
      KfFormField fields[N_FIELDS];
      g_autoptr(GError) named = NULL;

      get_fields (self, fields);
      kf_set_field_error (&named, KF_ERROR_NOT_FOUND, "session_id", _("%s: %s"),
                          _(field_titles[0]), error->message);
      kf_form_show_error (fields, N_FIELDS, self->error_label, named);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.send", FALSE);
      return;
    }
  subtitle = session_subtitle (self, KF_SESSION (self->session));
  seats = seats_subtitle (self->store, KF_SESSION (self->session));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->session_row),
                                 KF_SESSION (self->session)->title);
  adw_action_row_set_subtitle (self->session_row, subtitle);
  adw_action_row_set_subtitle (self->seats_row, seats);
}

static void
load_org_types (KfRequestDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; kf_org_type_codes[i] != NULL; i++)
    gtk_string_list_append (labels, kf_label_org_type (kf_org_type_codes[i]));
  adw_combo_row_set_model (self->org_type_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->org_type_row, 0);
}

static void
kf_request_dialog_dispose (GObject *object)
{
  KfRequestDialog *self = KF_REQUEST_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KF_TYPE_REQUEST_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->session, kf_record_free);

  G_OBJECT_CLASS (kf_request_dialog_parent_class)->dispose (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, KfRequestDialog, name)

static void
kf_request_dialog_class_init (KfRequestDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kf_request_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-request-dialog.ui");
  BIND (session_row);
  BIND (seats_row);
  BIND (session_error_row);
  BIND (session_error);
  BIND (org_row);
  BIND (org_error_row);
  BIND (org_error);
  BIND (org_type_row);
  BIND (org_type_error_row);
  BIND (org_type_error);
  BIND (grade_row);
  BIND (grade_error_row);
  BIND (grade_error);
  BIND (contact_name_row);
  BIND (contact_name_error_row);
  BIND (contact_name_error);
  BIND (contact_phone_row);
  BIND (contact_phone_error_row);
  BIND (contact_phone_error);
  BIND (youth_row);
  BIND (youth_spin);
  BIND (youth_error_row);
  BIND (youth_error);
  BIND (adults_row);
  BIND (adults_spin);
  BIND (adults_error_row);
  BIND (adults_error);
  BIND (note_row);
  BIND (note_error_row);
  BIND (note_error);
  BIND (warning_label);
  BIND (error_label);
  gtk_widget_class_bind_template_callback (widget_class, people_changed_cb);

  gtk_widget_class_install_action (widget_class, "request.send", NULL, send_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

#undef BIND

static void
kf_request_dialog_init (KfRequestDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  load_org_types (self);
}

/**
 * kf_request_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: where the request is written
 * @session_id: the session the group would visit
 *
 * Returns: (transfer none): a dialog asking for the group and its contact
 */
KfRequestDialog *
kf_request_dialog_new (GtkWindow  *parent,
                       KfStore    *store,
                       const char *session_id)
{
  KfRequestDialog *self;

  g_return_val_if_fail (KF_IS_STORE (store), NULL);
  g_return_val_if_fail (session_id != NULL, NULL);

  self = g_object_new (KF_TYPE_REQUEST_DIALOG, "transient-for", parent, NULL);
  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  self->store = g_object_ref (store);
  set_up (self, session_id);
  return self;
}

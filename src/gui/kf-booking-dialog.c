/* kf-booking-dialog.c — a new booking, taken by phone
 *
 * Core checks the booking as it checks every write; what it refuses is shown
 * under the rows of the field it names, and nothing is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-booking-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-booking-dialog.h"
#include "kf-error.h"
#include "kf-labels.h"
#include "kf-window.h"

struct _KfBookingDialog
{
  AdwWindow     parent_instance;

  AdwComboRow  *session_row;
  AdwEntryRow  *org_row;
  AdwComboRow  *org_type_row;
  AdwEntryRow  *grade_row;
  AdwEntryRow  *contact_name_row;
  AdwEntryRow  *contact_phone_row;
  AdwActionRow *youth_row;
  AdwActionRow *adults_row;
  GtkSpinButton *youth_spin;
  GtkSpinButton *adults_spin;
  AdwEntryRow  *note_row;
  GtkSwitch    *confirm_switch;
  GtkLabel     *general_error;
  GtkLabel     *session_error;
  GtkLabel     *org_error;
  GtkLabel     *contact_error;
  GtkLabel     *people_error;
  GtkLabel     *note_error;

  KfStore      *store;
  GPtrArray    *session_ids;   /* parallel to the session row's model */
};

G_DEFINE_FINAL_TYPE (KfBookingDialog, kf_booking_dialog, ADW_TYPE_WINDOW)

/* Where an error about a field is shown: the row that holds the field, and
 * the label under its group. */
typedef struct
{
  const char *field;
  const char *title;
  gsize       row_offset;
  gsize       label_offset;
} FieldPlace;

#define PLACE(f, t, row, label) \
  { f, t, G_STRUCT_OFFSET (KfBookingDialog, row), G_STRUCT_OFFSET (KfBookingDialog, label) }

static const FieldPlace field_places[] = {
  PLACE ("session_id", N_("Session"), session_row, session_error),
  PLACE ("base_id", N_("Session"), session_row, session_error),
  PLACE ("org_name", N_("Organisation"), org_row, org_error),
  PLACE ("org_type", N_("Kind of organisation"), org_type_row, org_error),
  PLACE ("grade", N_("Grade or class"), grade_row, org_error),
  PLACE ("contact_name", N_("Contact name"), contact_name_row, contact_error),
  PLACE ("contact_phone", N_("Contact phone"), contact_phone_row, contact_error),
  PLACE ("youth_count", N_("Youth"), youth_row, people_error),
  PLACE ("adult_count", N_("Adults"), adults_row, people_error),
  /* A confirmation is refused for the people it would seat. */
  PLACE ("status", NULL, youth_row, people_error),
  PLACE ("note", N_("Note"), note_row, note_error),
};

#define MEMBER(self, offset) (*(GtkWidget **) G_STRUCT_MEMBER_P (self, offset))

static void
clear_errors (KfBookingDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->general_error), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (field_places); i++)
    {
      gtk_widget_remove_css_class (MEMBER (self, field_places[i].row_offset), "error");
      gtk_widget_set_visible (MEMBER (self, field_places[i].label_offset), FALSE);
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->adults_row), "error");
}

/* The field to correct gets the focus, which also scrolls it into view. */
static void
focus_field (KfBookingDialog  *self,
             const FieldPlace *place)
{
  GtkWidget *row = MEMBER (self, place->row_offset);

  if (row == GTK_WIDGET (self->youth_row))
    gtk_widget_grab_focus (GTK_WIDGET (self->youth_spin));
  else if (row == GTK_WIDGET (self->adults_row))
    gtk_widget_grab_focus (GTK_WIDGET (self->adults_spin));
  else
    gtk_widget_grab_focus (row);
}

static void
show_error (KfBookingDialog *self,
            const GError    *error)
{
  const char *field = error->domain == KF_ERROR ? kf_error_get_field (error) : NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (field_places); i++)
    {
      const FieldPlace *place = &field_places[i];
      GtkWidget *label = MEMBER (self, place->label_offset);

      if (!g_str_equal (place->field, field))
        continue;

      if (place->title != NULL)
        /* Translators: a field of a form, then why its value was refused */
        text = g_strdup_printf (_("%s: %s"), _(place->title), error->message);
      else
        text = g_strdup (error->message);
      gtk_label_set_text (GTK_LABEL (label), text);
      gtk_widget_set_visible (label, TRUE);
      gtk_widget_add_css_class (MEMBER (self, place->row_offset), "error");
      if (g_str_equal (field, "status"))
        gtk_widget_add_css_class (GTK_WIDGET (self->adults_row), "error");
      focus_field (self, place);
      return;
    }

  gtk_label_set_text (self->general_error, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->general_error), TRUE);
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static const char *
selected_session_id (KfBookingDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->session_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->session_ids->len)
    return NULL;
  return g_ptr_array_index (self->session_ids, selected);
}

static KfRecord *
read_booking (KfBookingDialog  *self,
              const KfIdentity *identity)
{
  KfBooking *booking = KF_BOOKING (kf_record_new (KF_ENTITY_BOOKING));
  guint org_type = adw_combo_row_get_selected (self->org_type_row);

  gtk_spin_button_update (self->youth_spin);
  gtk_spin_button_update (self->adults_spin);

  booking->r.id = kf_new_id ();
  booking->base_id = g_strdup (identity->base_id);
  booking->session_id = g_strdup (selected_session_id (self));
  booking->org_name = entry_text (self->org_row);
  booking->org_type = g_strdup (org_type < g_strv_length ((char **) kf_org_type_codes)
                                ? kf_org_type_codes[org_type] : NULL);
  booking->grade = entry_text (self->grade_row);
  booking->contact_name = entry_text (self->contact_name_row);
  booking->contact_phone = entry_text (self->contact_phone_row);
  booking->youth_count = gtk_spin_button_get_value_as_int (self->youth_spin);
  booking->adult_count = gtk_spin_button_get_value_as_int (self->adults_spin);
  booking->status = g_strdup (gtk_switch_get_active (self->confirm_switch) ? "confirmed"
                                                                           : "requested");
  booking->note = entry_text (self->note_row);
  return (KfRecord *) booking;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KfBookingDialog *self = KF_BOOKING_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(KfRecord) record = NULL;
  g_autofree char *message = NULL;

  clear_errors (self);
  identity = kf_store_get_identity (self->store, &error);
  if (identity == NULL)
    {
      show_error (self, error);
      return;
    }
  if (selected_session_id (self) == NULL)
    {
      kf_set_field_error (&error, KF_ERROR_MISSING_FIELD, "session_id", "%s",
                          _("there is no scheduled session to book: plan one on the "
                            "Sessions page first"));
      show_error (self, error);
      return;
    }

  record = read_booking (self, identity);
  if (!kf_store_put (self->store, record, &error))
    {
      show_error (self, error);
      return;
    }

  if (g_str_equal (KF_BOOKING (record)->status, "confirmed"))
    message = g_strdup_printf (_("Booking of %s added and confirmed"),
                               KF_BOOKING (record)->org_name);
  else
    message = g_strdup_printf (_("Booking of %s added"), KF_BOOKING (record)->org_name);
  kf_toast (GTK_WIDGET (self), message);
  gtk_window_close (GTK_WINDOW (self));
}

static char *
session_label (const KfSession *session)
{
  g_autofree char *date = kf_label_date (session->date);
  g_autofree char *time = kf_label_time_range (session->start, session->end);
  gint64 left = MAX (0, session->capacity - session->confirmed_people);

  /* Translators: a session to choose: date, time, title, and the seats that
   * are not confirmed yet */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s %s · %s · %lld seat left",
                                       "%s %s · %s · %lld seats left", left),
                          date, time, session->title, (long long) left);
}

/* The base's scheduled sessions, by date; the first one still to come is
 * chosen, as a phone call is most often about one of those. */
static void
load_sessions (KfBookingDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfIdentity) identity = kf_store_get_identity (self->store, NULL);
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  KfQuery query = { .status = "scheduled", .sort = KF_SORT_DATE };
  guint upcoming = GTK_INVALID_LIST_POSITION;

  query.base_id = identity != NULL ? identity->base_id : NULL;
  sessions = kf_store_list (self->store, KF_ENTITY_SESSION, &query, &error);
  if (sessions == NULL)
    {
      g_warning ("Cannot list sessions: %s", error->message);
      return;
    }
  for (guint i = 0; i < sessions->len; i++)
    {
      KfSession *session = g_ptr_array_index (sessions, i);
      g_autofree char *label = session_label (session);

      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->session_ids, g_strdup (session->r.id));
      if (upcoming == GTK_INVALID_LIST_POSITION && g_strcmp0 (session->date, today) >= 0)
        upcoming = i;
    }
  adw_combo_row_set_model (self->session_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->session_row, upcoming != GTK_INVALID_LIST_POSITION
                                                 ? upcoming : 0);
}

static void
load_org_types (KfBookingDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; kf_org_type_codes[i] != NULL; i++)
    gtk_string_list_append (labels, kf_label_org_type (kf_org_type_codes[i]));
  adw_combo_row_set_model (self->org_type_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->org_type_row, 0);
}

/**
 * kf_booking_dialog_select_session:
 * @session_id: a session of the base
 *
 * Returns: whether the session is one that may be booked
 */
gboolean
kf_booking_dialog_select_session (KfBookingDialog *self,
                                  const char      *session_id)
{
  guint index;

  g_return_val_if_fail (KF_IS_BOOKING_DIALOG (self), FALSE);

  if (session_id == NULL ||
      !g_ptr_array_find_with_equal_func (self->session_ids, session_id, g_str_equal, &index))
    return FALSE;
  adw_combo_row_set_selected (self->session_row, index);
  return TRUE;
}

static void
kf_booking_dialog_dispose (GObject *object)
{
  KfBookingDialog *self = KF_BOOKING_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KF_TYPE_BOOKING_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->session_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (kf_booking_dialog_parent_class)->dispose (object);
}

static void
kf_booking_dialog_class_init (KfBookingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kf_booking_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-booking-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KfBookingDialog, session_row);
  gtk_widget_class_bind_template_child (widget_class, KfBookingDialog, org_row);
  gtk_widget_class_bind_template_child (widget_class, KfBookingDialog, org_type_row);
  gtk_widget_class_bind_template_child (widget_class, KfBookingDialog, grade_row);
  gtk_widget_class_bind_template_child (widget_class, KfBookingDialog, contact_name_row);
  gtk_widget_class_bind_template_child (widget_class, KfBookingDialog, contact_phone_row);
  gtk_widget_class_bind_template_child (widget_class, KfBookingDialog, youth_row);
  gtk_widget_class_bind_template_child (widget_class, KfBookingDialog, adults_row);
  gtk_widget_class_bind_template_child (widget_class, KfBookingDialog, youth_spin);
  gtk_widget_class_bind_template_child (widget_class, KfBookingDialog, adults_spin);
  gtk_widget_class_bind_template_child (widget_class, KfBookingDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, KfBookingDialog, confirm_switch);
  gtk_widget_class_bind_template_child (widget_class, KfBookingDialog, general_error);
  gtk_widget_class_bind_template_child (widget_class, KfBookingDialog, session_error);
  gtk_widget_class_bind_template_child (widget_class, KfBookingDialog, org_error);
  gtk_widget_class_bind_template_child (widget_class, KfBookingDialog, contact_error);
  gtk_widget_class_bind_template_child (widget_class, KfBookingDialog, people_error);
  gtk_widget_class_bind_template_child (widget_class, KfBookingDialog, note_error);

  gtk_widget_class_install_action (widget_class, "booking.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kf_booking_dialog_init (KfBookingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->session_ids = g_ptr_array_new_with_free_func (g_free);
  load_org_types (self);
}

/**
 * kf_booking_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: where the booking is written
 */
KfBookingDialog *
kf_booking_dialog_new (GtkWindow *parent,
                       KfStore   *store)
{
  KfBookingDialog *self;

  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  self = g_object_new (KF_TYPE_BOOKING_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  load_sessions (self);
  return self;
}

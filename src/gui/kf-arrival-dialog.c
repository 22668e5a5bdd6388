/* kf-arrival-dialog.c — a booked group has arrived: how many really came
 *
 * The counts start as booked; what is recorded is what the staff count at
 * the door. A session that gets too full is warned about, never refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-arrival-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-arrival-dialog.h"
#include "kf-form-field.h"
#include "kf-session-fill.h"
#include "kf-window.h"

struct _KfArrivalDialog
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  AdwPreferencesGroup *counts_group;
  GtkWidget           *youth_row;
  GtkSpinButton       *youth_spin;
  GtkWidget           *youth_error_row;
  GtkLabel            *youth_error;
  GtkWidget           *adults_row;
  GtkSpinButton       *adults_spin;
  GtkWidget           *adults_error_row;
  GtkLabel            *adults_error;
  GtkLabel            *warning_label;
  GtkLabel            *error_label;

  KfStore             *store;
  KfRecord            *booking;
  KfSessionFill        fill;
  gboolean             has_fill;
};

G_DEFINE_FINAL_TYPE (KfArrivalDialog, kf_arrival_dialog, ADW_TYPE_WINDOW)

static guint
get_fields (KfArrivalDialog *self,
            KfFormField      fields[2])
{
  fields[0] = (KfFormField) { "youth_count", self->youth_row, GTK_WIDGET (self->youth_spin),
                              self->youth_error_row, self->youth_error };
  fields[1] = (KfFormField) { "adult_count", self->adults_row, GTK_WIDGET (self->adults_spin),
                              self->adults_error_row, self->adults_error };
  return 2;
}

static gint64
people_entered (KfArrivalDialog *self)
{
  return (gint64) gtk_spin_button_get_value (self->youth_spin) +
         (gint64) gtk_spin_button_get_value (self->adults_spin);
}

static void
counts_changed_cb (KfArrivalDialog *self)
{
  const KfBooking *booking = KF_BOOKING (self->booking);
  gint64 more, over;
  g_autofree char *text = NULL;

  if (!self->has_fill)
    return;

  /* A confirmed booking's people are already among those expected. */
  more = people_entered (self);
  if (g_strcmp0 (booking->status, "confirmed") == 0)
    more -= kf_booking_people (booking);
  over = kf_session_fill_over (&self->fill, more);

  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), over > 0);
  if (over > 0)
    {
      text = g_strdup_printf (_("The session will be over capacity by %lld. "
                                "The arrival can still be recorded."), (long long) over);
      gtk_label_set_text (self->warning_label, text);
    }
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KfArrivalDialog *self = KF_ARRIVAL_DIALOG (widget);
  const KfBooking *booking = KF_BOOKING (self->booking);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) visit = NULL;
  g_autofree char *message = NULL;
  KfFormField fields[2];
  guint n_fields;
  gint64 youth, adults;

  /* Take what was typed even if the field was not left. */
  gtk_spin_button_update (self->youth_spin);
  gtk_spin_button_update (self->adults_spin);
  n_fields = get_fields (self, fields);
  kf_form_clear_errors (fields, n_fields, self->error_label);

  youth = (gint64) gtk_spin_button_get_value (self->youth_spin);
  adults = (gint64) gtk_spin_button_get_value (self->adults_spin);
  visit = (KfRecord *) kf_store_record_arrival (self->store, booking->r.id, youth, adults, NULL,
                                                &error);
  if (visit == NULL)
    {
      /* Errors about the booking itself (changed meanwhile, say) go below. */
      kf_form_show_error (fields, n_fields, self->error_label, error);
      return;
    }

  message = g_strdup_printf (_("Arrival of %s recorded"), booking->org_name);
  kf_toast (widget, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
set_up (KfArrivalDialog *self)
{
  const KfBooking *booking = KF_BOOKING (self->booking);
  g_autoptr(KfRecord) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *session_text = NULL;
  g_autofree char *description = NULL;
  g_autofree char *escaped = NULL;

  adw_window_title_set_subtitle (self->window_title, booking->org_name);
  session = kf_store_get (self->store, KF_ENTITY_SESSION, booking->session_id, &error);
  if (session != NULL)
    {
      session_text = kf_session_label (KF_SESSION (session));
      self->has_fill = kf_session_fill_load (self->store, KF_SESSION (session), &self->fill,
                                             &error);
    }
  if (error != NULL)
    g_warning ("Cannot read the booking’s session: %s", error->message);

  /* Translators: the booking in the arrival dialog: the session, then the
   * people booked */
  description = g_strdup_printf (_("%s · booked %lld young people and %lld adults"),
                                 session_text != NULL ? session_text : "",
                                 (long long) booking->youth_count,
                                 (long long) booking->adult_count);
  escaped = g_markup_escape_text (description, -1);
  adw_preferences_group_set_description (self->counts_group, escaped);

  gtk_spin_button_set_value (self->youth_spin, (double) booking->youth_count);
  gtk_spin_button_set_value (self->adults_spin, (double) booking->adult_count);
  counts_changed_cb (self);
}

static void
kf_arrival_dialog_dispose (GObject *object)
{
  KfArrivalDialog *self = KF_ARRIVAL_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KF_TYPE_ARRIVAL_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->booking, kf_record_free);

  G_OBJECT_CLASS (kf_arrival_dialog_parent_class)->dispose (object);
}

static void
kf_arrival_dialog_class_init (KfArrivalDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kf_arrival_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-arrival-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KfArrivalDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KfArrivalDialog, counts_group);
  gtk_widget_class_bind_template_child (widget_class, KfArrivalDialog, youth_row);
  gtk_widget_class_bind_template_child (widget_class, KfArrivalDialog, youth_spin);
  gtk_widget_class_bind_template_child (widget_class, KfArrivalDialog, youth_error_row);
  gtk_widget_class_bind_template_child (widget_class, KfArrivalDialog, youth_error);
  gtk_widget_class_bind_template_child (widget_class, KfArrivalDialog, adults_row);
  gtk_widget_class_bind_template_child (widget_class, KfArrivalDialog, adults_spin);
  gtk_widget_class_bind_template_child (widget_class, KfArrivalDialog, adults_error_row);
  gtk_widget_class_bind_template_child (widget_class, KfArrivalDialog, adults_error);
  gtk_widget_class_bind_template_child (widget_class, KfArrivalDialog, warning_label);
  gtk_widget_class_bind_template_child (widget_class, KfArrivalDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, counts_changed_cb);

  gtk_widget_class_install_action (widget_class, "arrival.record", NULL, record_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kf_arrival_dialog_init (KfArrivalDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kf_arrival_dialog_new:
 * @store: where the arrival is recorded
 * @booking: the booking whose group arrived
 *
 * Returns: (transfer none): a dialog asking for the counts, prefilled
 *   with those booked
 */
GtkWidget *
kf_arrival_dialog_new (KfStore         *store,
                       const KfBooking *booking)
{
  KfArrivalDialog *self;

  g_return_val_if_fail (KF_IS_STORE (store), NULL);
  g_return_val_if_fail (booking != NULL, NULL);

  self = g_object_new (KF_TYPE_ARRIVAL_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->booking = kf_record_copy ((const KfRecord *) booking);
  set_up (self);
  return GTK_WIDGET (self);
}

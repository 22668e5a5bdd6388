/* kf-bookings-page-actions.c — what can be done with a booking
 *
 * Each action takes the id of a booking. Its enabled state follows the
 * selected booking and the transitions core allows, set in one place
 * (kf_bookings_page_update_actions()); core checks every change again, and
 * what it refuses is told on the page, in the error area above the actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-bookings-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-booking-conflict.h"
#include "kf-booking-dialog.h"
#include "kf-bookings-page-private.h"
#include "kf-error.h"
#include "kf-labels.h"
#include "kf-sync-store.h"
#include "kf-window.h"

/* The status changes offered on the page; arrival is Today's business. */
static const struct
{
  const char *action;
  const char *status;
} transitions[] = {
  { "bookings.confirm", "confirmed" },
  { "bookings.decline", "declined" },
  { "bookings.cancel", "cancelled" },
  { "bookings.no-show", "no_show" },
};

static char *
selection_text (const KfBooking *booking,
                const KfSession *session)
{
  g_autofree char *date = session != NULL ? kf_label_date_short (session->date) : NULL;
  gint64 people = booking->youth_count + booking->adult_count;
  g_autofree char *people_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld person",
                                                               "%lld people", people),
                                                  (long long) people);

  if (date == NULL)
    /* Translators: the selected booking: organisation, people, status */
    return g_strdup_printf (_("%s · %s · %s"), booking->org_name, people_text,
                            kf_label_booking_status (booking->status));
  /* Translators: the selected booking: organisation, date, start, people, status */
  return g_strdup_printf (_("%s · %s %s · %s · %s"), booking->org_name, date, session->start,
                          people_text, kf_label_booking_status (booking->status));
}

static gboolean
has_conflict (KfBookingsPage *self,
              const char     *booking_id)
{
  BookingMark *mark = g_hash_table_lookup (self->marks, booking_id);

  return mark != NULL && mark->mark == KF_BOOKING_MARK_CONFLICT;
}

/**
 * kf_bookings_page_update_actions:
 *
 * The one place where the actions follow the selected booking: only the
 * transitions core allows from its status are enabled, and the buttons act
 * on it.
 */
void
kf_bookings_page_update_actions (KfBookingsPage *self)
{
  const KfBooking *booking = kf_bookings_page_get_selected (self);
  GtkWidget *buttons[] = { self->confirm_button, self->decline_button, self->cancel_button,
                           self->no_show_button, self->resolve_button };
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), transitions[i].action,
                                   booking != NULL &&
                                   g_strcmp0 (booking->status, transitions[i].status) != 0 &&
                                   kf_booking_transition_allowed (booking->status,
                                                                  transitions[i].status));
  gtk_action_bar_set_revealed (self->action_bar, booking != NULL);
  gtk_widget_set_visible (self->resolve_button,
                          booking != NULL && has_conflict (self, booking->r.id));
  if (booking == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (buttons[i]), "s", booking->r.id);
  text = selection_text (booking, kf_bookings_page_get_session (self, booking->session_id));
  gtk_label_set_text (self->selection_label, text);
}

void
kf_bookings_page_show_error (KfBookingsPage *self,
                             const char     *title,
                             const char     *message)
{
  gtk_label_set_text (self->error_title, title);
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

void
kf_bookings_page_clear_error (KfBookingsPage *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  gtk_label_set_text (self->error_title, "");
  gtk_label_set_text (self->error_label, "");
}

/* A toast for a change made. */
static char *
done_message (const char *status,
              const char *org_name)
{
  if (g_str_equal (status, "confirmed"))
    return g_strdup_printf (_("Booking of %s confirmed"), org_name);
  if (g_str_equal (status, "declined"))
    return g_strdup_printf (_("Booking of %s declined"), org_name);
  if (g_str_equal (status, "cancelled"))
    return g_strdup_printf (_("Booking of %s cancelled"), org_name);
  return g_strdup_printf (_("%s marked as a no-show"), org_name);
}

/* The title of an error for a change refused. */
static char *
refused_title (const char *status,
               const char *org_name)
{
  if (g_str_equal (status, "confirmed"))
    return g_strdup_printf (_("Cannot confirm the booking of %s"), org_name);
  if (g_str_equal (status, "declined"))
    return g_strdup_printf (_("Cannot decline the booking of %s"), org_name);
  if (g_str_equal (status, "cancelled"))
    return g_strdup_printf (_("Cannot cancel the booking of %s"), org_name);
  return g_strdup_printf (_("Cannot mark %s as a no-show"), org_name);
}

/* Core gives a reason as a part of a sentence; here it begins one. */
static char *
capitalise (const char *text)
{
  char first[6];
  int length;

  if (text == NULL || *text == '\0')
    return g_strdup ("");
  length = g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (text)), first);
  return g_strdup_printf ("%.*s%s", length, first, g_utf8_next_char (text));
}

/* Why a change was refused, with what a person needs to decide what to do:
 * for a full session, its capacity and the people already confirmed. */
static char *
describe_refusal (KfBookingsPage  *self,
                  const KfBooking *booking,
                  const GError    *error)
{
  g_autofree char *reason = capitalise (error->message);
  const KfSession *session;

  if (booking == NULL || !g_error_matches (error, KF_ERROR, KF_ERROR_OVER_CAPACITY))
    return g_steal_pointer (&reason);
  session = kf_bookings_page_get_session (self, booking->session_id);
  if (session == NULL)
    return g_steal_pointer (&reason);
  /* Translators: after the reason ("the session has 3 seats left, the group
   * needs 5"): the session's title, capacity and confirmed people, and the
   * group's youth and adults */
  return g_strdup_printf (_("%s. “%s” has %lld places and %lld people are confirmed already; "
                            "this group is %lld youth and %lld adults."),
                          reason, session->title, (long long) session->capacity,
                          (long long) session->confirmed_people,
                          (long long) booking->youth_count, (long long) booking->adult_count);
}

static void
change_status (KfBookingsPage *self,
               const char     *booking_id,
               const char     *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) record = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;

  kf_bookings_page_clear_error (self);
  record = kf_store_get (self->store, KF_ENTITY_BOOKING, booking_id, &error);
  if (record != NULL)
    {
      g_free (KF_BOOKING (record)->status);
      KF_BOOKING (record)->status = g_strdup (status);
      if (kf_store_put (self->store, record, &error))
        {
          message = done_message (status, KF_BOOKING (record)->org_name);
          kf_toast (GTK_WIDGET (self), message);
          return;
        }
    }

  title = refused_title (status, record != NULL ? KF_BOOKING (record)->org_name : booking_id);
  message = describe_refusal (self, record != NULL ? KF_BOOKING (record) : NULL, error);
  kf_bookings_page_show_error (self, title, message);
}

static GtkWindow *
page_window (KfBookingsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
transition_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    if (g_str_equal (transitions[i].action, action_name))
      change_status (KF_BOOKINGS_PAGE (widget), g_variant_get_string (parameter, NULL),
                     transitions[i].status);
}

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 KfBookingsPage   *self)
{
  const char *status = g_object_get_data (G_OBJECT (dialog), "status");

  if (g_str_equal (response, "keep"))
    return;
  change_status (self, g_object_get_data (G_OBJECT (dialog), "booking-id"), status);
}

static char *
ask_body (KfBookingsPage  *self,
          const KfBooking *booking,
          const char      *status)
{
  const KfSession *session = kf_bookings_page_get_session (self, booking->session_id);
  g_autofree char *date = session != NULL ? kf_label_date (session->date) : g_strdup ("");

  if (g_str_equal (status, "declined"))
    /* Translators: organisation, people, date of the session */
    return g_strdup_printf (_("%s asked to bring %lld people on %s. The organisation sees "
                              "the booking declined once the hub syncs; it cannot be "
                              "confirmed afterwards."),
                            booking->org_name,
                            (long long) (booking->youth_count + booking->adult_count), date);
  /* Translators: organisation, people, date of the session */
  return g_strdup_printf (_("The booking of %s for %lld people on %s is cancelled and its seats "
                            "are free again. It cannot be confirmed afterwards."),
                          booking->org_name,
                          (long long) (booking->youth_count + booking->adult_count), date);
}

/* Declining and cancelling cannot be undone: they are asked for again. */
static void
ask_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KfBookingsPage *self = KF_BOOKINGS_PAGE (widget);
  const char *booking_id = g_variant_get_string (parameter, NULL);
  gboolean decline = g_str_equal (action_name, "bookings.decline");
  const char *status = decline ? "declined" : "cancelled";
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) record = kf_store_get (self->store, KF_ENTITY_BOOKING, booking_id, &error);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (record == NULL)
    {
      g_autofree char *title = refused_title (status, booking_id);
      kf_bookings_page_show_error (self, title, error->message);
      return;
    }

  body = ask_body (self, KF_BOOKING (record), status);
  dialog = adw_message_dialog_new (page_window (self),
                                   decline ? _("Decline Booking?") : _("Cancel Booking?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep Booking"),
                                    decline ? "decline" : "cancel-booking",
                                    decline ? _("_Decline") : _("_Cancel Booking"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              decline ? "decline" : "cancel-booking",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data_full (G_OBJECT (dialog), "booking-id", g_strdup (booking_id), g_free);
  g_object_set_data (G_OBJECT (dialog), "status", (gpointer) status);
  g_signal_connect_object (dialog, "response", G_CALLBACK (ask_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
resolve_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     KfBookingsPage   *self)
{
  const char *booking_id = g_object_get_data (G_OBJECT (dialog), "booking-id");
  gboolean keep_mine = g_str_equal (response, "mine");
  g_autoptr(GError) error = NULL;

  if (!keep_mine && !g_str_equal (response, "theirs"))
    return;

  kf_bookings_page_clear_error (self);
  if (!kf_sync_store_resolve (self->store, booking_id, keep_mine, &error))
    {
      kf_bookings_page_show_error (self, _("Cannot resolve the conflict"), error->message);
      return;
    }
  /* Resolving writes outside kf_store_put(): the views are told here. */
  kf_store_notify_changed (self->store);
  kf_toast (GTK_WIDGET (self), keep_mine ? _("Kept this computer’s version of the booking")
                                         : _("Took the hub’s version of the booking"));
}

static JsonObject *
find_conflict (KfBookingsPage *self,
               const char     *booking_id,
               GError        **error)
{
  g_autoptr(GPtrArray) conflicts = kf_sync_store_list_conflicts (self->store, error);

  if (conflicts == NULL)
    return NULL;
  for (guint i = 0; i < conflicts->len; i++)
    if (g_strcmp0 (json_object_get_string_member (conflicts->pdata[i], "id"), booking_id) == 0)
      return json_object_ref (conflicts->pdata[i]);
  g_set_error_literal (error, KF_ERROR, KF_ERROR_NOT_FOUND,
                       _("This booking has no conflict to resolve any more."));
  return NULL;
}

static void
resolve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KfBookingsPage *self = KF_BOOKINGS_PAGE (widget);
  const char *booking_id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) conflict = find_conflict (self, booking_id, &error);
  GtkWidget *dialog;

  if (conflict == NULL)
    {
      kf_bookings_page_show_error (self, _("Cannot resolve the conflict"), error->message);
      return;
    }
  dialog = kf_booking_conflict_dialog_new (page_window (self), self->store, conflict);
  g_object_set_data_full (G_OBJECT (dialog), "booking-id", g_strdup (booking_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (resolve_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KfBookingsPage *self = KF_BOOKINGS_PAGE (widget);
  KfBookingDialog *dialog = kf_booking_dialog_new (page_window (self), self->store);

  /* A call about the session in the filter is booked for it. */
  kf_booking_dialog_select_session (dialog, kf_bookings_page_get_filter_session (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  kf_bookings_page_reset_filters (KF_BOOKINGS_PAGE (widget));
}

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  kf_bookings_page_clear_error (KF_BOOKINGS_PAGE (widget));
}

void
kf_bookings_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "bookings.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "bookings.confirm", "s", transition_action);
  gtk_widget_class_install_action (widget_class, "bookings.decline", "s", ask_action);
  gtk_widget_class_install_action (widget_class, "bookings.cancel", "s", ask_action);
  gtk_widget_class_install_action (widget_class, "bookings.no-show", "s", transition_action);
  gtk_widget_class_install_action (widget_class, "bookings.resolve", "s", resolve_action);
  gtk_widget_class_install_action (widget_class, "bookings.show-all", NULL, show_all_action);
  gtk_widget_class_install_action (widget_class, "bookings.dismiss-error", NULL,
                                   dismiss_error_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "bookings.new", NULL);
}

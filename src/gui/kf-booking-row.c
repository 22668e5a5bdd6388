/* kf-booking-row.c — one booking in the list of the Bookings page
 *
 * A row is made once and then shows whichever booking the list view binds
 * to it, so everything here is set again on each bind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-booking-row"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-booking-row.h"
#include "kf-labels.h"

struct _KfBookingRow
{
  GtkWidget      parent_instance;

  GtkLabel      *date_label;
  GtkLabel      *time_label;
  GtkLabel      *org_label;
  GtkLabel      *org_detail_label;
  GtkLabel      *people_label;
  GtkLabel      *people_detail_label;
  GtkLabel      *contact_label;
  GtkLabel      *phone_label;
  GtkLabel      *status_label;
  GtkStack      *mark_stack;
  GtkWidget     *conflict_button;
  GtkWidget     *rejected_image;

  char          *booking_id;
  KfBookingMark  mark;
};

G_DEFINE_FINAL_TYPE (KfBookingRow, kf_booking_row, GTK_TYPE_WIDGET)

/* How each status looks: what is waiting for the base stands out, what is
 * over is dimmed. */
static const struct
{
  const char *status;
  const char *classes[2];
} status_styles[] = {
  { "requested", { "accent", NULL } },
  { "confirmed", { "success", NULL } },
  { "declined", { "dim-label", NULL } },
  { "cancelled", { "dim-label", NULL } },
  { "no_show", { "dim-label", NULL } },
  { "attended", { "success", "dim-label" } },
};

/**
 * kf_booking_status_style:
 * @label: a label that shows a booking status
 * @status: the status code
 *
 * Gives @label the style classes of @status (and only those).
 */
void
kf_booking_status_style (GtkWidget  *label,
                         const char *status)
{
  static const char * const all[] = { "accent", "success", "dim-label" };

  g_return_if_fail (GTK_IS_WIDGET (label));

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    gtk_widget_remove_css_class (label, all[i]);
  for (guint i = 0; i < G_N_ELEMENTS (status_styles); i++)
    if (g_strcmp0 (status_styles[i].status, status) == 0)
      for (guint k = 0; k < G_N_ELEMENTS (status_styles[i].classes); k++)
        if (status_styles[i].classes[k] != NULL)
          gtk_widget_add_css_class (label, status_styles[i].classes[k]);
}

static char *
people_text (const KfBooking *booking)
{
  gint64 people = booking->youth_count + booking->adult_count;

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld person", "%lld people", people),
                          (long long) people);
}

static char *
people_detail_text (const KfBooking *booking)
{
  /* Translators: the people of a group booking: youth (under 18) and adults */
  return g_strdup_printf (_("%lld youth · %lld adults"), (long long) booking->youth_count,
                          (long long) booking->adult_count);
}

static char *
org_detail_text (const KfBooking *booking)
{
  const char *type = kf_label_org_type (booking->org_type);

  if (booking->grade == NULL || *booking->grade == '\0')
    return g_strdup (type);
  /* Translators: a booking's grade or class, then its kind of organisation */
  return g_strdup_printf (_("%s · %s"), booking->grade, type);
}

static void
set_session (KfBookingRow    *self,
             const KfSession *session)
{
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (session == NULL)
    {
      /* Its session has not reached this installation (yet). */
      gtk_label_set_text (self->date_label, _("Unknown session"));
      gtk_label_set_text (self->time_label, "");
      return;
    }
  date = kf_label_date_short (session->date);
  time = kf_label_time_range (session->start, session->end);
  gtk_label_set_text (self->date_label, date);
  gtk_label_set_text (self->time_label, time);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_label), session->title);
}

static void
update_accessible_label (KfBookingRow    *self,
                         const KfBooking *booking)
{
  g_autofree char *label = NULL;

  /* Translators: how a screen reader reads a booking: organisation, date,
   * time, people, status */
  label = g_strdup_printf (_("%s, %s %s, %s, %s"), booking->org_name,
                           gtk_label_get_text (self->date_label),
                           gtk_label_get_text (self->time_label),
                           gtk_label_get_text (self->people_label),
                           kf_label_booking_status (booking->status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/**
 * kf_booking_row_set_booking:
 * @booking: the booking to show
 * @session: (nullable): its session, if this installation has it
 */
void
kf_booking_row_set_booking (KfBookingRow    *self,
                            const KfBooking *booking,
                            const KfSession *session)
{
  g_autofree char *people = NULL;
  g_autofree char *people_detail = NULL;
  g_autofree char *org_detail = NULL;

  g_return_if_fail (KF_IS_BOOKING_ROW (self));
  g_return_if_fail (booking != NULL);

  g_free (self->booking_id);
  self->booking_id = g_strdup (booking->r.id);

  set_session (self, session);
  org_detail = org_detail_text (booking);
  gtk_label_set_text (self->org_label, booking->org_name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->org_label), booking->org_name);
  gtk_label_set_text (self->org_detail_label, org_detail);

  people = people_text (booking);
  people_detail = people_detail_text (booking);
  gtk_label_set_text (self->people_label, people);
  gtk_label_set_text (self->people_detail_label, people_detail);

  gtk_label_set_text (self->contact_label, booking->contact_name);
  gtk_label_set_text (self->phone_label, booking->contact_phone);

  gtk_label_set_text (self->status_label, kf_label_booking_status (booking->status));
  kf_booking_status_style (GTK_WIDGET (self->status_label), booking->status);

  update_accessible_label (self, booking);
}

/**
 * kf_booking_row_set_mark:
 * @mark: what syncing has to say about the booking
 * @reason: (nullable): the hub's words, for a rejected change
 */
void
kf_booking_row_set_mark (KfBookingRow  *self,
                         KfBookingMark  mark,
                         const char    *reason)
{
  g_autofree char *tooltip = NULL;

  g_return_if_fail (KF_IS_BOOKING_ROW (self));

  self->mark = mark;
  switch (mark)
    {
    case KF_BOOKING_MARK_CONFLICT:
      tooltip = g_strdup (_("Changed here and on the hub at the same time: choose which "
                            "version to keep"));
      gtk_widget_set_tooltip_text (self->conflict_button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->conflict_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Resolve conflict"), -1);
      gtk_stack_set_visible_child_name (self->mark_stack, "conflict");
      break;
    case KF_BOOKING_MARK_REJECTED:
      tooltip = g_strdup_printf (_("The hub refused the last change: %s"),
                                 reason != NULL && *reason != '\0' ? reason : _("no reason given"));
      gtk_widget_set_tooltip_text (self->rejected_image, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->rejected_image),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      gtk_stack_set_visible_child_name (self->mark_stack, "rejected");
      break;
    case KF_BOOKING_MARK_NONE:
    default:
      gtk_stack_set_visible_child_name (self->mark_stack, "none");
      break;
    }
}

const char *
kf_booking_row_get_booking_id (KfBookingRow *self)
{
  g_return_val_if_fail (KF_IS_BOOKING_ROW (self), NULL);

  return self->booking_id;
}

KfBookingMark
kf_booking_row_get_mark (KfBookingRow *self)
{
  g_return_val_if_fail (KF_IS_BOOKING_ROW (self), KF_BOOKING_MARK_NONE);

  return self->mark;
}

static void
kf_booking_row_dispose (GObject *object)
{
  KfBookingRow *self = KF_BOOKING_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), KF_TYPE_BOOKING_ROW);
  /* The columns are children of the row itself, not only of the template. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->booking_id, g_free);

  G_OBJECT_CLASS (kf_booking_row_parent_class)->dispose (object);
}

/* The button asks the page to resolve the row's booking, by the row's id at
 * the time of the click. It is not a GtkActionable: GTK's action helper
 * warns ("parameter type mismatch") whenever it meets the page's action
 * while its target is not a string, and a row made in the list's "setup"
 * has neither a booking nor the page above it yet. */
static void
conflict_clicked_cb (KfBookingRow *self)
{
  if (self->booking_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "bookings.resolve", "s", self->booking_id);
}

static void
kf_booking_row_class_init (KfBookingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kf_booking_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-booking-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KfBookingRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, KfBookingRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, KfBookingRow, org_label);
  gtk_widget_class_bind_template_child (widget_class, KfBookingRow, org_detail_label);
  gtk_widget_class_bind_template_child (widget_class, KfBookingRow, people_label);
  gtk_widget_class_bind_template_child (widget_class, KfBookingRow, people_detail_label);
  gtk_widget_class_bind_template_child (widget_class, KfBookingRow, contact_label);
  gtk_widget_class_bind_template_child (widget_class, KfBookingRow, phone_label);
  gtk_widget_class_bind_template_child (widget_class, KfBookingRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, KfBookingRow, mark_stack);
  gtk_widget_class_bind_template_child (widget_class, KfBookingRow, conflict_button);
  gtk_widget_class_bind_template_child (widget_class, KfBookingRow, rejected_image);
  gtk_widget_class_bind_template_callback (widget_class, conflict_clicked_cb);
  gtk_widget_class_set_css_name (widget_class, "bookingrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kf_booking_row_init (KfBookingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kf_booking_row_new (void)
{
  return g_object_new (KF_TYPE_BOOKING_ROW, NULL);
}

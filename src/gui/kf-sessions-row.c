/* kf-sessions-row.c — one session in the list of the Sessions page: its
 * time, title, topic and format, how full it is, and whether it is
 * cancelled; the first session of a day carries the day as a heading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-sessions-row"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-labels.h"
#include "kf-sessions-row.h"

struct _KfSessionsRow
{
  GtkWidget    parent_instance;

  GtkLabel    *date_label;
  GtkWidget   *card;
  GtkLabel    *time_label;
  GtkLabel    *title_label;
  GtkLabel    *details_label;
  GtkLevelBar *fill_bar;
  GtkLabel    *people_label;
  GtkStack    *end_stack;
  GtkLabel    *status_label;
  GtkWidget   *cancel_button;
};

G_DEFINE_FINAL_TYPE (KfSessionsRow, kf_sessions_row, GTK_TYPE_WIDGET)

static void
set_fill (KfSessionsRow   *self,
          const KfSession *session)
{
  g_autofree char *people = NULL;
  double fill = session->capacity > 0
                ? MIN (1.0, (double) session->confirmed_people / (double) session->capacity)
                : 0.0;

  /* Translators: confirmed people of a session, and its capacity */
  people = g_strdup_printf (_("%lld of %lld booked"), (long long) session->confirmed_people,
                            (long long) session->capacity);
  gtk_level_bar_set_value (self->fill_bar, fill);
  gtk_label_set_text (self->people_label, people);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->fill_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Seats booked"),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, people, -1);
}

/**
 * kf_sessions_row_set_session:
 * @session: what the row shows
 * @first_of_day: whether the row begins a day of the list (it then shows
 *   the day as a heading)
 * @today: today's date, `YYYY-MM-DD`: a session of a day before cannot be
 *   cancelled from the row
 */
void
kf_sessions_row_set_session (KfSessionsRow   *self,
                             const KfSession *session,
                             gboolean         first_of_day,
                             const char      *today)
{
  g_autofree char *date = kf_label_date (session->date);
  g_autofree char *time = kf_label_time_range (session->start, session->end);
  g_autofree char *details = NULL;
  gboolean cancelled = g_strcmp0 (session->status, "cancelled") == 0;
  gboolean is_past;

  g_return_if_fail (KF_IS_SESSIONS_ROW (self));

  is_past = g_strcmp0 (session->date, today) < 0;

  /* Translators: a session's topic and format, "Meteorology · Study tour" */
  details = g_strdup_printf (_("%s · %s"), kf_label_topic (session->topic),
                             kf_label_format (session->format));

  gtk_label_set_text (self->date_label, date);
  gtk_widget_set_visible (GTK_WIDGET (self->date_label), first_of_day);
  gtk_label_set_text (self->time_label, time);
  gtk_label_set_text (self->title_label, session->title);
  gtk_label_set_text (self->details_label, details);
  set_fill (self, session);

  /* A session that is over is a fact: it is not cancelled any more. */
  gtk_label_set_text (self->status_label, kf_label_session_status (session->status));
  gtk_stack_set_visible_child_name (self->end_stack, cancelled ? "status"
                                                    : is_past ? "none" : "cancel");
  /* the target first: the action takes a session id, never nothing */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->cancel_button), "s", session->r.id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button), "sessions.cancel");
  if (cancelled)
    gtk_widget_add_css_class (self->card, "session-cancelled");
  else
    gtk_widget_remove_css_class (self->card, "session-cancelled");
}

/* A row that shows nothing, before it is bound again. */
void
kf_sessions_row_clear (KfSessionsRow *self)
{
  g_return_if_fail (KF_IS_SESSIONS_ROW (self));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button), NULL);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->cancel_button), NULL);
}

static void
kf_sessions_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KF_TYPE_SESSIONS_ROW);

  G_OBJECT_CLASS (kf_sessions_row_parent_class)->dispose (object);
}

static void
kf_sessions_row_class_init (KfSessionsRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kf_sessions_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sessionrow");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-sessions-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KfSessionsRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, KfSessionsRow, card);
  gtk_widget_class_bind_template_child (widget_class, KfSessionsRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, KfSessionsRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, KfSessionsRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, KfSessionsRow, fill_bar);
  gtk_widget_class_bind_template_child (widget_class, KfSessionsRow, people_label);
  gtk_widget_class_bind_template_child (widget_class, KfSessionsRow, end_stack);
  gtk_widget_class_bind_template_child (widget_class, KfSessionsRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, KfSessionsRow, cancel_button);
}

static void
kf_sessions_row_init (KfSessionsRow *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  /* A fill bar, not a meter of good and bad: one colour until the session
   * is nearly full (style.css). */
  gtk_level_bar_remove_offset_value (self->fill_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_add_offset_value (self->fill_bar, GTK_LEVEL_BAR_OFFSET_HIGH, 0.9);
}

KfSessionsRow *
kf_sessions_row_new (void)
{
  return g_object_new (KF_TYPE_SESSIONS_ROW, NULL);
}

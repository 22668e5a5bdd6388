/* kf-my-bookings-page.c — a school's own bookings: the session each is for,
 * its people and status, what syncing had to say about it, and cancelling
 * one while the rules allow it
 *
 * A school's database holds only its own bookings (the hub sends no other),
 * so the list is every booking of the store, read lazily by a
 * KfRecordModel. Whether a booking may still be cancelled is core's rule
 * (kf_rules_check_write()), asked for each row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-my-bookings-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-booking-conflict.h"
#include "kf-booking-row.h"
#include "kf-date-picker.h"
#include "kf-error.h"
#include "kf-labels.h"
#include "kf-my-bookings-page.h"
#include "kf-record-model.h"
#include "kf-record-object.h"
#include "kf-sync-store.h"
#include "kf-window.h"

struct _KfMyBookingsPage
{
  AdwBin          parent_instance;

  GtkLabel       *count_label;
  GtkStack       *stack;
  GtkListView    *list_view;
  AdwStatusPage  *empty_page;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_title;
  GtkLabel       *error_label;

  KfStore        *store;
  KfIdentity     *identity;
  KfRecordModel  *model;
  char           *period;
  GHashTable     *sessions;      /* session id → KfRecord */
  GHashTable     *base_names;    /* base id → name */
  GHashTable     *marks;         /* booking id → reason ("" for a conflict) */
  GHashTable     *conflicts;     /* booking id → nothing */
};

G_DEFINE_FINAL_TYPE (KfMyBookingsPage, kf_my_bookings_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PERIOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const periods[] = { "upcoming", "all", NULL };

static void
apply_period (KfMyBookingsPage *self)
{
  g_autofree char *today = kf_date_today_offset (0);
  KfQuery query = { .sort = KF_SORT_DATE };

  if (g_str_equal (self->period, "upcoming"))
    query.from = today;
  else
    query.sort = KF_SORT_DATE_DESC;
  kf_record_model_set_query (self->model, &query);
}

static void
update_empty_state (KfMyBookingsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *count = NULL;

  /* Translators: how many bookings the list shows */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u booking", "%u bookings", n), n);
  gtk_label_set_text (self->count_label, n > 0 ? count : "");
  /* While the count is in flight the list is shown, empty: not "nothing here"
   * for the frames it takes. */
  gtk_stack_set_visible_child_name (self->stack,
                                    n > 0 || kf_record_model_get_counting (self->model)
                                    ? "list" : "empty");
  adw_status_page_set_title (self->empty_page, g_str_equal (self->period, "upcoming")
                                               ? _("No Upcoming Bookings") : _("No Bookings"));
}

/* Sessions, bases and marks are few for a school: read whole before the
 * model reloads, so that the rows it binds find them. */
static void
load_sessions_and_bases (KfMyBookingsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bookings = kf_store_list (self->store, KF_ENTITY_BOOKING, NULL, &error);
  g_autoptr(GPtrArray) bases = NULL;

  g_hash_table_remove_all (self->sessions);
  for (guint i = 0; bookings != NULL && i < bookings->len; i++)
    {
      const KfBooking *booking = g_ptr_array_index (bookings, i);
      KfRecord *session;

      if (booking->session_id == NULL ||
          g_hash_table_contains (self->sessions, booking->session_id))
        continue;
      session = kf_store_get (self->store, KF_ENTITY_SESSION, booking->session_id, NULL);
      if (session != NULL)
        g_hash_table_insert (self->sessions, g_strdup (session->id), session);
    }

  g_hash_table_remove_all (self->base_names);
  bases = kf_store_list (self->store, KF_ENTITY_BASE, NULL, &error);
  for (guint i = 0; bases != NULL && i < bases->len; i++)
    {
      const KfBase *base = g_ptr_array_index (bases, i);

      g_hash_table_insert (self->base_names, g_strdup (base->r.id), g_strdup (base->name));
    }
  if (error != NULL)
    g_warning ("Cannot read the bookings' sessions and bases: %s", error->message);
}

static gboolean
is_booking (JsonObject *object)
{
  return g_strcmp0 (json_object_get_string_member_with_default (object, "entity", ""),
                    "booking") == 0;
}

/* Conflicts and changes the hub refused, as the Bookings page marks them. */
static void
load_marks (KfMyBookingsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = kf_sync_store_list_conflicts (self->store, &error);
  g_autoptr(GPtrArray) rejected = NULL;

  g_hash_table_remove_all (self->marks);
  g_hash_table_remove_all (self->conflicts);
  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    if (is_booking (conflicts->pdata[i]))
      g_hash_table_add (self->conflicts,
                        g_strdup (json_object_get_string_member (conflicts->pdata[i], "id")));

  if (error != NULL)
    g_warning ("Cannot list conflicts: %s", error->message);
  g_clear_error (&error);
  rejected = kf_sync_store_list_rejected (self->store, &error);
  for (guint i = 0; rejected != NULL && i < rejected->len; i++)
    if (is_booking (rejected->pdata[i]))
      g_hash_table_insert (self->marks,
                           g_strdup (json_object_get_string_member (rejected->pdata[i], "id")),
                           g_strdup (json_object_get_string_member_with_default (
                                       rejected->pdata[i], "message", "")));
  if (error != NULL)
    g_warning ("Cannot list rejected changes: %s", error->message);
}

static void
store_changed_cb (KfStore          *store,
                  KfMyBookingsPage *self)
{
  load_sessions_and_bases (self);
  load_marks (self);
}

/* The rows */

typedef struct
{
  GtkLabel  *date;
  GtkLabel  *time;
  GtkLabel  *title;
  GtkLabel  *base;
  GtkLabel  *people;
  GtkLabel  *mark;
  GtkLabel  *status;
  GtkWidget *resolve;
  GtkWidget *cancel;
  GtkStack  *end;
} BookingRow;

static GtkLabel *
add_label (GtkWidget  *box,
           const char *name,
           const char *first_class,
           const char *second_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_name (label, name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (first_class != NULL)
    gtk_widget_add_css_class (label, first_class);
  if (second_class != NULL)
    gtk_widget_add_css_class (label, second_class);
  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static GtkWidget *
new_column (gboolean expand)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (box, expand);
  return box;
}

static GtkWidget *
add_button (GtkWidget  *box,
            const char *name,
            const char *label)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* The actions take a booking's id: a target first, then the action. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", "");
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

/* Not an actionable button: GtkActionable would keep the button as
 * sensitive as the action, and whether a booking may be cancelled depends
 * on the booking. */
static void
cancel_clicked_cb (GtkWidget *button)
{
  const char *id = g_object_get_data (G_OBJECT (button), "kf-booking-id");

  if (id != NULL)
    gtk_widget_activate_action (button, "my-bookings.cancel", "s", id);
}

static GtkWidget *
new_booking_row (void)
{
  BookingRow *row = g_new0 (BookingRow, 1);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *when = new_column (FALSE);
  GtkWidget *what = new_column (TRUE);

  gtk_widget_set_name (card, "my-booking-row");
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "session-card");
  row->date = add_label (when, "my-booking-date", "heading", NULL);
  row->time = add_label (when, "my-booking-time", "dim-label", "numeric");
  gtk_label_set_width_chars (row->date, 15);
  gtk_box_append (GTK_BOX (card), when);

  row->title = add_label (what, "my-booking-title", "heading", NULL);
  row->base = add_label (what, "my-booking-base", "dim-label", NULL);
  row->people = add_label (what, "my-booking-people", "caption", NULL);
  row->mark = add_label (what, "my-booking-mark", "caption", "error");
  gtk_label_set_wrap (row->mark, TRUE);
  gtk_label_set_ellipsize (row->mark, PANGO_ELLIPSIZE_NONE);
  gtk_box_append (GTK_BOX (card), what);

  row->status = add_label (card, "my-booking-status", "booking-status", NULL);
  gtk_widget_set_valign (GTK_WIDGET (row->status), GTK_ALIGN_CENTER);
  row->resolve = add_button (card, "my-booking-resolve", _("Resolve…"));
  gtk_widget_add_css_class (row->resolve, "warning");
  /* No mnemonic: every row has this button. Its place is kept when it is
   * hidden, so that the statuses of all rows line up. */
  row->cancel = gtk_button_new_with_label (_("Cancel Booking…"));
  gtk_widget_set_name (row->cancel, "my-booking-cancel");
  gtk_widget_set_valign (row->cancel, GTK_ALIGN_CENTER);
  g_signal_connect (row->cancel, "clicked", G_CALLBACK (cancel_clicked_cb), NULL);
  row->end = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_hhomogeneous (row->end, TRUE);
  gtk_stack_add_named (row->end, row->cancel, "cancel");
  gtk_stack_add_named (row->end, gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0), "none");
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (row->end));

  g_object_set_data_full (G_OBJECT (card), "kf-row", row, g_free);
  return card;
}

/* Core's rule: the school may set `cancelled` from requested or confirmed,
 * before the session starts. */
static gboolean
can_cancel (KfMyBookingsPage *self,
            const KfBooking  *booking,
            const KfSession  *session)
{
  g_autoptr(KfRecord) cancelled = kf_record_copy ((const KfRecord *) booking);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_free (KF_BOOKING (cancelled)->status);
  KF_BOOKING (cancelled)->status = g_strdup ("cancelled");
  return self->identity != NULL &&
         kf_rules_check_write (self->identity, (const KfRecord *) booking, cancelled, session,
                               now, NULL);
}

static char *
people_text (const KfBooking *booking)
{
  gint64 people = kf_booking_people (booking);
  g_autofree char *count = NULL;

  /* Translators: a group's people: all, then youth (under 18) and adults */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld person (%lld youth, %lld adults)",
                                        "%lld people (%lld youth, %lld adults)", people),
                           (long long) people, (long long) booking->youth_count,
                           (long long) booking->adult_count);
  if (booking->grade == NULL || *booking->grade == '\0')
    return g_steal_pointer (&count);
  /* Translators: a booking's grade or class, then its people */
  return g_strdup_printf (_("%s · %s"), booking->grade, count);
}

static void
set_row_session (KfMyBookingsPage *self,
                 BookingRow       *row,
                 const KfSession  *session)
{
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  const char *base_name;

  if (session == NULL)
    {
      /* Its session has not reached this computer (yet). */
      gtk_label_set_text (row->date, _("Unknown session"));
      gtk_label_set_text (row->time, "");
      gtk_label_set_text (row->title, "");
      gtk_label_set_text (row->base, "");
      return;
    }
  date = kf_label_date_short (session->date);
  time = kf_label_time_range (session->start, session->end);
  base_name = g_hash_table_lookup (self->base_names, session->base_id);
  gtk_label_set_text (row->date, date);
  gtk_label_set_text (row->time, time);
  gtk_label_set_text (row->title, session->title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->title), session->title);
  gtk_label_set_text (row->base, base_name != NULL ? base_name : _("Unknown base"));
}

static void
set_row_mark (KfMyBookingsPage *self,
              BookingRow       *row,
              const KfBooking  *booking)
{
  const char *reason = g_hash_table_lookup (self->marks, booking->r.id);
  gboolean conflict = g_hash_table_contains (self->conflicts, booking->r.id);
  g_autofree char *text = NULL;

  if (conflict)
    text = g_strdup (_("Changed here and by the base at the same time: choose which version "
                       "to keep"));
  else if (reason != NULL)
    text = g_strdup_printf (_("The hub refused the last change: %s"),
                            *reason != '\0' ? reason : _("no reason given"));
  gtk_label_set_text (row->mark, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (row->mark), text != NULL);
  gtk_widget_set_visible (row->resolve, conflict);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row->resolve), "s", booking->r.id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row->resolve), "my-bookings.resolve");
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             KfMyBookingsPage         *self)
{
  const KfBooking *booking = KF_BOOKING (kf_record_object_get_record (
                                           gtk_list_item_get_item (item)));
  BookingRow *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "kf-row");
  const KfSession *session = g_hash_table_lookup (self->sessions, booking->session_id);
  g_autofree char *people = people_text (booking);

  set_row_session (self, row, session);
  gtk_label_set_text (row->people, people);
  gtk_label_set_text (row->status, kf_label_booking_status (booking->status));
  kf_booking_status_style (GTK_WIDGET (row->status), booking->status);
  set_row_mark (self, row, booking);

  /* Shown while cancelling is a change of status at all; enabled while the
   * rules allow it now. */
  gtk_stack_set_visible_child_name (row->end,
                                    kf_booking_transition_allowed (booking->status, "cancelled")
                                    && g_strcmp0 (booking->status, "cancelled") != 0
                                    ? "cancel" : "none");
  gtk_widget_set_sensitive (row->cancel, can_cancel (self, booking, session));
  gtk_widget_set_tooltip_text (row->cancel, gtk_widget_get_sensitive (row->cancel)
                               ? NULL : _("The session has started: it is too late to cancel"));
  g_object_set_data_full (G_OBJECT (row->cancel), "kf-booking-id", g_strdup (booking->r.id),
                          g_free);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              KfMyBookingsPage         *self)
{
  gtk_list_item_set_child (item, new_booking_row ());
  gtk_list_item_set_activatable (item, FALSE);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               KfMyBookingsPage         *self)
{
  BookingRow *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "kf-row");

  g_object_set_data (G_OBJECT (row->cancel), "kf-booking-id", NULL);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row->resolve), NULL);
}

/* Actions */

static void
show_error (KfMyBookingsPage *self,
            const char       *title,
            const GError     *error)
{
  g_autofree char *message = NULL;

  /* The status is what cancelling changes: the reason alone says it. */
  message = g_strcmp0 (kf_error_get_field (error), "status") == 0
            ? g_strdup (error->message) : kf_error_describe (error);
  gtk_label_set_text (self->error_title, title);
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
clear_error (KfMyBookingsPage *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static GtkWindow *
page_window (KfMyBookingsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
cancel_booking (KfMyBookingsPage *self,
                const char       *booking_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) record = NULL;
  g_autofree char *message = NULL;

  clear_error (self);
  /* As it is now: a sync may have changed it while the question was asked. */
  record = kf_store_get (self->store, KF_ENTITY_BOOKING, booking_id, &error);
  if (record != NULL)
    {
      g_free (KF_BOOKING (record)->status);
      KF_BOOKING (record)->status = g_strdup ("cancelled");
    }
  if (record == NULL || !kf_store_put (self->store, record, &error))
    {
      show_error (self, _("The booking was not cancelled"), error);
      return;
    }
  message = g_strdup (_("Booking cancelled: the base is told at the next sync"));
  kf_toast (GTK_WIDGET (self), message);
}

static void
cancel_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    KfMyBookingsPage *self)
{
  if (g_str_equal (response, "cancel-booking"))
    cancel_booking (self, g_object_get_data (G_OBJECT (dialog), "kf-booking-id"));
}

static char *
cancel_question (KfMyBookingsPage *self,
                 const KfBooking  *booking)
{
  const KfSession *session = g_hash_table_lookup (self->sessions, booking->session_id);
  g_autofree char *date = session != NULL ? kf_label_date (session->date) : NULL;

  if (session == NULL)
    return g_strdup (_("The seats are given up. The booking cannot be taken back afterwards."));
  /* Translators: the session's title and date */
  return g_strdup_printf (_("The seats for “%s” on %s are given up. The booking cannot be taken "
                            "back afterwards; ask again if the plans change."),
                          session->title, date);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KfMyBookingsPage *self = KF_MY_BOOKINGS_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) record = kf_store_get (self->store, KF_ENTITY_BOOKING, id, &error);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (record == NULL)
    {
      show_error (self, _("The booking was not cancelled"), error);
      return;
    }
  body = cancel_question (self, KF_BOOKING (record));
  dialog = adw_message_dialog_new (page_window (self), _("Cancel Booking?"), body);
  gtk_widget_set_name (dialog, "my-booking-cancel-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Booking"),
                                    "cancel-booking", _("_Cancel Booking"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-booking",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data_full (G_OBJECT (dialog), "kf-booking-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
resolve_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     KfMyBookingsPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "kf-booking-id");
  gboolean keep_mine = g_str_equal (response, "mine");
  g_autoptr(GError) error = NULL;

  if (!keep_mine && !g_str_equal (response, "theirs"))
    return;
  clear_error (self);
  if (!kf_sync_store_resolve (self->store, id, keep_mine, &error))
    {
      show_error (self, _("Cannot resolve the conflict"), error);
      return;
    }
  /* Resolving writes outside kf_store_put(): the views are told here. */
  kf_store_notify_changed (self->store);
  kf_toast (GTK_WIDGET (self), keep_mine ? _("Kept this computer’s version of the booking")
                                         : _("Took the hub’s version of the booking"));
}

static void
resolve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KfMyBookingsPage *self = KF_MY_BOOKINGS_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = kf_sync_store_list_conflicts (self->store, &error);
  GtkWidget *dialog;

  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    if (g_strcmp0 (json_object_get_string_member (conflicts->pdata[i], "id"), id) == 0)
      {
        dialog = kf_booking_conflict_dialog_new (page_window (self), self->store,
                                                 conflicts->pdata[i]);
        g_object_set_data_full (G_OBJECT (dialog), "kf-booking-id", g_strdup (id), g_free);
        g_signal_connect_object (dialog, "response", G_CALLBACK (resolve_response_cb), self, 0);
        gtk_window_present (GTK_WINDOW (dialog));
        return;
      }
  if (error == NULL)
    g_set_error_literal (&error, KF_ERROR, KF_ERROR_NOT_FOUND,
                         _("This booking has no conflict to resolve any more."));
  show_error (self, _("Cannot resolve the conflict"), error);
}

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  clear_error (KF_MY_BOOKINGS_PAGE (widget));
}

static void
set_period (KfMyBookingsPage *self,
            const char       *period)
{
  if (period == NULL || !g_strv_contains (periods, period))
    period = "upcoming";
  if (g_strcmp0 (self->period, period) == 0)
    return;

  g_free (self->period);
  self->period = g_strdup (period);
  if (self->model != NULL)
    apply_period (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
}

static void
kf_my_bookings_page_constructed (GObject *object)
{
  KfMyBookingsPage *self = KF_MY_BOOKINGS_PAGE (object);

  G_OBJECT_CLASS (kf_my_bookings_page_parent_class)->constructed (object);

  self->identity = kf_store_get_identity (self->store, NULL);
  /* Connected before the model's own handler, which then binds the rows. */
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, 0);
  store_changed_cb (self->store, self);
  self->model = kf_record_model_new (self->store, KF_ENTITY_BOOKING);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_empty_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::counting", G_CALLBACK (update_empty_state), self,
                           G_CONNECT_SWAPPED);
  apply_period (self);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             g_object_ref (G_LIST_MODEL (self->model)))));
  update_empty_state (self);
}

/* A page that is not shown only notes that the store changed (its model
 * is paused): it reads again when it is shown. */
static void
kf_my_bookings_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kf_my_bookings_page_parent_class)->map (widget);
  kf_record_model_set_paused (KF_MY_BOOKINGS_PAGE (widget)->model, FALSE);
}

static void
kf_my_bookings_page_unmap (GtkWidget *widget)
{
  kf_record_model_set_paused (KF_MY_BOOKINGS_PAGE (widget)->model, TRUE);
  GTK_WIDGET_CLASS (kf_my_bookings_page_parent_class)->unmap (widget);
}

static void
kf_my_bookings_page_dispose (GObject *object)
{
  KfMyBookingsPage *self = KF_MY_BOOKINGS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KF_TYPE_MY_BOOKINGS_PAGE);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_pointer (&self->identity, kf_identity_free);
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->base_names, g_hash_table_unref);
  g_clear_pointer (&self->marks, g_hash_table_unref);
  g_clear_pointer (&self->conflicts, g_hash_table_unref);
  g_clear_pointer (&self->period, g_free);

  G_OBJECT_CLASS (kf_my_bookings_page_parent_class)->dispose (object);
}

static void
kf_my_bookings_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KfMyBookingsPage *self = KF_MY_BOOKINGS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PERIOD:
      g_value_set_string (value, self->period);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kf_my_bookings_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KfMyBookingsPage *self = KF_MY_BOOKINGS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PERIOD:
      set_period (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kf_my_bookings_page_class_init (KfMyBookingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kf_my_bookings_page_constructed;
  object_class->dispose = kf_my_bookings_page_dispose;
  object_class->get_property = kf_my_bookings_page_get_property;
  object_class->set_property = kf_my_bookings_page_set_property;
  widget_class->map = kf_my_bookings_page_map;
  widget_class->unmap = kf_my_bookings_page_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KF_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * KfMyBookingsPage:period:
   *
   * Which bookings the list shows: `upcoming` (sessions from today on) or `all`.
   */
  properties[PROP_PERIOD] =
    g_param_spec_string ("period", NULL, NULL, "upcoming",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-my-bookings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KfMyBookingsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, KfMyBookingsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KfMyBookingsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, KfMyBookingsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KfMyBookingsPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, KfMyBookingsPage, error_title);
  gtk_widget_class_bind_template_child (widget_class, KfMyBookingsPage, error_label);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row_cb);

  gtk_widget_class_install_action (widget_class, "my-bookings.cancel", "s", cancel_action);
  gtk_widget_class_install_action (widget_class, "my-bookings.resolve", "s", resolve_action);
  gtk_widget_class_install_action (widget_class, "my-bookings.dismiss-error", NULL,
                                   dismiss_error_action);
  gtk_widget_class_install_property_action (widget_class, "my-bookings.period", "period");
}

static void
kf_my_bookings_page_init (KfMyBookingsPage *self)
{
  self->period = g_strdup ("upcoming");
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) kf_record_free);
  self->base_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->conflicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

KfMyBookingsPage *
kf_my_bookings_page_new (KfStore *store)
{
  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  return g_object_new (KF_TYPE_MY_BOOKINGS_PAGE, "store", store, NULL);
}

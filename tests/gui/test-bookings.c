/* test-bookings.c — the Bookings page of a base, driven as its staff would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-gui-tests"

#include "config.h"

#include <string.h>

#include "gui-test-util.h"
#include "kf-booking-dialog.h"
#include "kf-booking-row.h"
#include "kf-record-model.h"
#include "kf-record-object.h"
#include "kf-store-private.h"
#include "kf-sync-store.h"

/* ---- records made for a test ---- */

static char *
base_id (KfStore *store)
{
  g_autoptr(KfIdentity) identity = kf_store_get_identity (store, NULL);

  g_assert_nonnull (identity);
  return g_strdup (identity->base_id);
}

static KfRecord *
new_session (KfStore    *store,
             const char *date,
             const char *start,
             gint64      capacity,
             const char *title)
{
  KfRecord *record = kf_record_new (KF_ENTITY_SESSION);
  KfSession *session = KF_SESSION (record);

  record->id = kf_new_id ();
  session->base_id = base_id (store);
  session->date = g_strdup (date);
  session->start = g_strdup (start);
  session->end = g_strdup ("23:00");
  session->capacity = capacity;
  session->title = g_strdup (title);
  session->topic = g_strdup ("meteorology");
  session->format = g_strdup ("study_tour");
  session->status = g_strdup ("scheduled");
  session->note = g_strdup ("");
  return record;
}

static char *
make_session (KfStore    *store,
              const char *date,
              const char *start,
              gint64      capacity,
              const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) record = new_session (store, date, start, capacity, title);

  g_assert_true (kf_store_put (store, record, &error));
  g_assert_no_error (error);
  return g_strdup (record->id);
}

static KfRecord *
new_booking (KfStore    *store,
             const char *session_id,
             const char *org_name,
             gint64      youth,
             gint64      adults,
             const char *status)
{
  KfRecord *record = kf_record_new (KF_ENTITY_BOOKING);
  KfBooking *booking = KF_BOOKING (record);

  record->id = kf_new_id ();
  booking->base_id = base_id (store);
  booking->session_id = g_strdup (session_id);
  booking->org_name = g_strdup (org_name);
  booking->org_type = g_strdup ("school");
  booking->grade = g_strdup ("五年级");
  booking->contact_name = g_strdup ("刘芳");
  booking->contact_phone = g_strdup ("13934561201");
  booking->youth_count = youth;
  booking->adult_count = adults;
  booking->status = g_strdup (status);
  booking->note = g_strdup ("");
  return record;
}

static char *
make_booking (KfStore    *store,
              const char *session_id,
              const char *org_name,
              gint64      youth,
              gint64      adults,
              const char *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) record = new_booking (store, session_id, org_name, youth, adults, status);

  g_assert_true (kf_store_put (store, record, &error));
  g_assert_no_error (error);
  kf_gui_settle ();
  return g_strdup (record->id);
}

static KfBooking *
get_booking (KfStore    *store,
             const char *id)
{
  g_autoptr(GError) error = NULL;
  KfRecord *record = kf_store_get (store, KF_ENTITY_BOOKING, id, &error);

  g_assert_no_error (error);
  return KF_BOOKING (record);
}

static char *
booking_status (KfStore    *store,
                const char *id)
{
  g_autoptr(KfRecord) record = (KfRecord *) get_booking (store, id);

  return g_strdup (KF_BOOKING (record)->status);
}

static gint64
sql_count (KfStore    *store,
           const char *sql,
           const char *parameter)
{
  sqlite3_stmt *stmt = kf_store_prepare (store, sql, NULL);
  gint64 count;

  g_assert_nonnull (stmt);
  kf_store_bind_text (stmt, 1, parameter);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

/* ---- the page ---- */

typedef struct
{
  KfGui          *gui;
  KfStore        *store;
  GtkWidget      *page;
  GtkSingleSelection *selection;
  GListModel     *model;
} Page;

static void
open_page (Page       *p,
           KfGuiSetup  setup)
{
  GtkListView *list;

  p->gui = kf_gui_new (setup);
  p->store = kf_gui_store (p->gui);
  p->page = kf_gui_page (p->gui, "bookings");
  list = GTK_LIST_VIEW (kf_gui_find (p->page, "bookings-list"));
  g_assert_nonnull (list);
  p->selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
  p->model = gtk_single_selection_get_model (p->selection);
  g_assert_true (KF_IS_RECORD_MODEL (p->model));
}

static void
close_page (Page *p)
{
  g_clear_pointer (&p->gui, kf_gui_free);
}

static char *
org_at (Page  *p,
        guint  position)
{
  g_autoptr(KfRecordObject) item = NULL;

  kf_gui_wait_model (p->model);
  item = g_list_model_get_item (p->model, position);
  g_assert_nonnull (item);
  return g_strdup (KF_BOOKING (kf_record_object_get_record (item))->org_name);
}

static guint
position_of (Page       *p,
             const char *booking_id)
{
  kf_gui_wait_model (p->model);
  for (guint i = 0; i < g_list_model_get_n_items (p->model); i++)
    {
      g_autoptr(KfRecordObject) item = g_list_model_get_item (p->model, i);

      if (g_strcmp0 (kf_record_object_get_id (item), booking_id) == 0)
        return i;
    }
  g_assert_not_reached ();
}

static void
select_booking (Page       *p,
                const char *booking_id)
{
  gtk_single_selection_set_selected (p->selection, position_of (p, booking_id));
  kf_gui_settle ();
}

static gboolean
button_enabled (Page       *p,
                const char *name)
{
  GtkWidget *button = kf_gui_find (p->page, name);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

static KfBookingRow *
find_row (GtkWidget  *root,
          const char *booking_id)
{
  if (KF_IS_BOOKING_ROW (root) &&
      g_strcmp0 (kf_booking_row_get_booking_id (KF_BOOKING_ROW (root)), booking_id) == 0)
    return KF_BOOKING_ROW (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      KfBookingRow *row = find_row (child, booking_id);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static const char *
error_text (Page *p)
{
  GtkRevealer *revealer = GTK_REVEALER (kf_gui_find (p->page, "bookings-error-area"));

  if (!gtk_revealer_get_reveal_child (revealer))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (kf_gui_find (p->page, "bookings-error")));
}

static AdwMessageDialog *
message_dialog (void)
{
  GtkWindow *window = kf_gui_find_window (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (window);
  return ADW_MESSAGE_DIALOG (window);
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  kf_gui_settle ();
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_close (GTK_WINDOW (dialog));
  kf_gui_settle ();
}

/* A base with one session of @capacity seats, tomorrow. */
static char *
open_base_page (Page   *p,
                gint64  capacity)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *date = g_date_time_format (tomorrow, "%Y-%m-%d");
  char *session_id;

  open_page (p, KF_GUI_BASE);
  session_id = make_session (p->store, date, "09:00", capacity, "走进气象台");
  kf_gui_settle ();
  return session_id;
}

/* ---- booking by phone ---- */

static KfBookingDialog *
open_dialog (Page *p)
{
  GtkWindow *dialog;

  g_assert_true (kf_gui_activate (p->page, "bookings.new", NULL));
  dialog = kf_gui_find_window (KF_TYPE_BOOKING_DIALOG);
  g_assert_nonnull (dialog);
  return KF_BOOKING_DIALOG (dialog);
}

static void
set_text (GtkWidget  *root,
          const char *name,
          const char *text)
{
  GtkWidget *editable = kf_gui_find (root, name);

  g_assert_true (GTK_IS_EDITABLE (editable));
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

static void
fill_dialog (KfBookingDialog *dialog,
             const char      *org_name,
             const char      *phone,
             double           youth,
             double           adults,
             gboolean         confirm_now)
{
  GtkWidget *root = GTK_WIDGET (dialog);

  set_text (root, "booking-org", org_name);
  set_text (root, "booking-grade", "初一");
  set_text (root, "booking-contact-name", "杨帆");
  set_text (root, "booking-contact-phone", phone);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (kf_gui_find (root, "booking-youth")), youth);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (kf_gui_find (root, "booking-adults")), adults);
  set_text (root, "booking-note", "电话预约");
  gtk_switch_set_active (GTK_SWITCH (kf_gui_find (root, "booking-confirm-now")), confirm_now);
  kf_gui_settle ();
}

static gboolean
error_shown (GtkWidget  *root,
             const char *name,
             const char *text)
{
  GtkWidget *label = kf_gui_find (root, name);

  g_assert_nonnull (label);
  return gtk_widget_get_visible (label) &&
         (text == NULL || strstr (gtk_label_get_text (GTK_LABEL (label)), text) != NULL);
}

static void
test_book_by_phone (void)
{
  Page p = { 0 };
  g_autofree char *session_id = open_base_page (&p, 60);
  KfBookingDialog *dialog;
  g_autoptr(GPtrArray) bookings = NULL;
  KfBooking *booking;

  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 0);
  dialog = open_dialog (&p);
  fill_dialog (dialog, "沁水县第一中学", "134 6602 1785", 20, 2, FALSE);
  g_assert_true (kf_gui_activate (GTK_WIDGET (dialog), "booking.add", NULL));

  /* Written, and the dialog is gone. */
  g_assert_null (kf_gui_find_window (KF_TYPE_BOOKING_DIALOG));
  bookings = kf_store_list (p.store, KF_ENTITY_BOOKING, NULL, NULL);
  g_assert_cmpuint (bookings->len, ==, 1);
  booking = g_ptr_array_index (bookings, 0);
  g_assert_cmpstr (booking->session_id, ==, session_id);
  g_assert_cmpstr (booking->org_name, ==, "沁水县第一中学");
  g_assert_cmpstr (booking->org_type, ==, "school");
  g_assert_cmpstr (booking->grade, ==, "初一");
  g_assert_cmpstr (booking->contact_phone, ==, "134 6602 1785");
  g_assert_cmpint (booking->youth_count, ==, 20);
  g_assert_cmpint (booking->adult_count, ==, 2);
  g_assert_cmpstr (booking->status, ==, "requested");
  g_assert_cmpstr (booking->note, ==, "电话预约");

  /* In the list, as a row that says what it is. */
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 1);
  g_assert_true (kf_gui_label_contains (p.page, "沁水县第一中学"));
  g_assert_true (kf_gui_label_contains (p.page, "22 people"));
  g_assert_true (kf_gui_label_contains (p.page, "Requested"));
  close_page (&p);
}

static void
test_book_by_phone_errors (void)
{
  Page p = { 0 };
  g_autofree char *session_id = open_base_page (&p, 30);
  g_autofree char *full = make_booking (p.store, session_id, "龙港镇中心学校", 25, 2, "confirmed");
  KfBookingDialog *dialog;
  gint64 queued = kf_store_count_queued_ops (p.store, NULL);

  dialog = open_dialog (&p);

  /* A phone number that is not one: told under the contact rows. */
  fill_dialog (dialog, "端氏镇中学", "call me", 4, 1, FALSE);
  kf_gui_activate (GTK_WIDGET (dialog), "booking.add", NULL);
  g_assert_true (error_shown (GTK_WIDGET (dialog), "booking-contact-error", "Contact phone"));
  g_assert_true (gtk_widget_has_css_class (kf_gui_find (GTK_WIDGET (dialog),
                                                        "booking-contact-phone"), "error"));
  g_assert_false (error_shown (GTK_WIDGET (dialog), "booking-people-error", NULL));
  g_assert_cmpint (kf_store_count (p.store, KF_ENTITY_BOOKING, NULL), ==, 1);

  /* Nobody at all: under the people rows. */
  fill_dialog (dialog, "端氏镇中学", "13509760348", 0, 0, FALSE);
  kf_gui_activate (GTK_WIDGET (dialog), "booking.add", NULL);
  g_assert_false (error_shown (GTK_WIDGET (dialog), "booking-contact-error", NULL));
  g_assert_true (error_shown (GTK_WIDGET (dialog), "booking-people-error", NULL));
  g_assert_cmpint (kf_store_count (p.store, KF_ENTITY_BOOKING, NULL), ==, 1);

  /* Confirmed now, but only 3 seats are left: refused under the people
   * rows, with the seats left, and nothing is written. */
  fill_dialog (dialog, "端氏镇中学", "13509760348", 4, 1, TRUE);
  kf_gui_activate (GTK_WIDGET (dialog), "booking.add", NULL);
  g_assert_true (error_shown (GTK_WIDGET (dialog), "booking-people-error", "3 seats left"));
  g_assert_true (error_shown (GTK_WIDGET (dialog), "booking-people-error", "needs 5"));
  g_assert_nonnull (kf_gui_find_window (KF_TYPE_BOOKING_DIALOG));
  g_assert_cmpint (kf_store_count (p.store, KF_ENTITY_BOOKING, NULL), ==, 1);
  g_assert_cmpint (kf_store_count_queued_ops (p.store, NULL), ==, queued);
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 1);

  /* Fewer people fit. */
  fill_dialog (dialog, "端氏镇中学", "13509760348", 2, 1, TRUE);
  kf_gui_activate (GTK_WIDGET (dialog), "booking.add", NULL);
  g_assert_null (kf_gui_find_window (KF_TYPE_BOOKING_DIALOG));
  g_assert_cmpint (kf_store_count (p.store, KF_ENTITY_BOOKING, NULL), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 2);
  g_assert_true (kf_gui_label_contains (p.page, "端氏镇中学"));
  g_assert_true (kf_gui_label_contains (p.page, "Confirmed"));
  close_page (&p);
}

/* ---- status changes ---- */

/* Which actions each status offers, as the protocol lists the transitions. */
static const struct
{
  const char *status;
  gboolean    confirm, decline, cancel, no_show;
} offered[] = {
  { "requested", TRUE, TRUE, TRUE, FALSE },
  { "confirmed", FALSE, FALSE, TRUE, TRUE },
  { "attended", FALSE, FALSE, FALSE, TRUE },
};

static void
test_actions_enabled (void)
{
  Page p = { 0 };
  g_autofree char *session_id = open_base_page (&p, 100);

  /* Nothing selected: nothing to do. */
  g_assert_false (button_enabled (&p, "bookings-confirm"));
  g_assert_false (button_enabled (&p, "bookings-no-show"));

  for (guint i = 0; i < G_N_ELEMENTS (offered); i++)
    {
      g_autofree char *id = NULL;

      if (g_str_equal (offered[i].status, "attended"))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(KfRecord) visit = NULL;

          id = make_booking (p.store, session_id, "沁水县实验小学", 10, 1, "confirmed");
          visit = (KfRecord *) kf_store_record_arrival (p.store, id, 10, 1, NULL, &error);
          g_assert_no_error (error);
          kf_gui_settle ();
        }
      else
        id = make_booking (p.store, session_id, "沁水县实验小学", 10, 1, offered[i].status);
      select_booking (&p, id);
      g_assert_cmpstr (booking_status (p.store, id), ==, offered[i].status);
      g_assert_cmpint (button_enabled (&p, "bookings-confirm"), ==, offered[i].confirm);
      g_assert_cmpint (button_enabled (&p, "bookings-decline"), ==, offered[i].decline);
      g_assert_cmpint (button_enabled (&p, "bookings-cancel"), ==, offered[i].cancel);
      g_assert_cmpint (button_enabled (&p, "bookings-no-show"), ==, offered[i].no_show);
    }
  close_page (&p);
}

static void
test_confirm (void)
{
  Page p = { 0 };
  g_autofree char *session_id = open_base_page (&p, 60);
  g_autofree char *id = make_booking (p.store, session_id, "沁水县实验小学", 45, 5, "requested");
  g_autofree char *status = NULL;

  select_booking (&p, id);
  g_assert_false (button_enabled (&p, "bookings-no-show"));
  g_assert_true (kf_gui_activate (p.page, "bookings.confirm", "s", id));
  status = booking_status (p.store, id);
  g_assert_cmpstr (status, ==, "confirmed");
  g_assert_null (error_text (&p));

  /* The row says so, the booking stays selected, and what it offers now
   * follows its new status. */
  g_assert_true (kf_gui_label_contains (p.page, "Confirmed"));
  g_assert_cmpuint (gtk_single_selection_get_selected (p.selection), ==, position_of (&p, id));
  g_assert_false (button_enabled (&p, "bookings-confirm"));
  g_assert_true (button_enabled (&p, "bookings-no-show"));
  close_page (&p);
}

static void
test_confirm_over_capacity (void)
{
  Page p = { 0 };
  g_autofree char *session_id = open_base_page (&p, 60);
  g_autofree char *first = make_booking (p.store, session_id, "龙港镇中心学校", 38, 4, "confirmed");
  g_autofree char *id = make_booking (p.store, session_id, "沁水县第一中学", 20, 2, "requested");
  g_autoptr(KfRecord) before = (KfRecord *) get_booking (p.store, id);
  g_autoptr(KfRecord) after = NULL;
  gint64 queued = kf_store_count_queued_ops (p.store, NULL);
  const char *text;

  select_booking (&p, id);
  kf_gui_activate (p.page, "bookings.confirm", "s", id);

  /* Told on the page, naming the seats left and the people. */
  text = error_text (&p);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "18 seats left"));
  g_assert_nonnull (strstr (text, "needs 22"));
  g_assert_nonnull (strstr (text, "has 60 places and 42 people are confirmed"));
  g_assert_nonnull (strstr (text, "20 youth and 2 adults"));
  g_assert_true (kf_gui_label_contains (p.page, "Cannot confirm the booking of 沁水县第一中学"));

  /* Nothing written. */
  after = (KfRecord *) get_booking (p.store, id);
  g_assert_true (kf_record_equal_data (before, after));
  g_assert_cmpint (before->version, ==, after->version);
  g_assert_cmpint (kf_store_count_queued_ops (p.store, NULL), ==, queued);
  g_assert_true (kf_gui_label_contains (p.page, "Requested"));

  /* Dismissed by hand, or by choosing another booking. */
  kf_gui_activate (p.page, "bookings.dismiss-error", NULL);
  g_assert_null (error_text (&p));
  kf_gui_activate (p.page, "bookings.confirm", "s", id);
  g_assert_nonnull (error_text (&p));
  select_booking (&p, first);
  g_assert_null (error_text (&p));
  close_page (&p);
}

static const struct
{
  const char *from;
  const char *action;
  const char *response;  /* of the confirmation, or NULL when none is asked */
  const char *to;
} changes[] = {
  { "requested", "bookings.decline", "decline", "declined" },
  { "requested", "bookings.decline", "keep", "requested" },
  { "requested", "bookings.cancel", "cancel-booking", "cancelled" },
  { "confirmed", "bookings.cancel", "cancel-booking", "cancelled" },
  { "confirmed", "bookings.cancel", "keep", "confirmed" },
  { "confirmed", "bookings.no-show", NULL, "no_show" },
};

static void
test_transitions (void)
{
  Page p = { 0 };
  g_autofree char *session_id = open_base_page (&p, 1000);

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autofree char *id = make_booking (p.store, session_id, "梅杏社区居委会", 5, 30,
                                          changes[i].from);
      g_autofree char *status = NULL;

      select_booking (&p, id);
      g_assert_true (kf_gui_activate (p.page, changes[i].action, "s", id));
      if (changes[i].response != NULL)
        {
          /* Asked first: nothing has changed yet. */
          g_autofree char *waiting = booking_status (p.store, id);

          g_assert_cmpstr (waiting, ==, changes[i].from);
          respond (message_dialog (), changes[i].response);
        }
      status = booking_status (p.store, id);
      g_assert_cmpstr (status, ==, changes[i].to);
      g_assert_null (error_text (&p));
    }

  /* A disabled action does nothing; and a transition core does not allow is
   * refused even when the action is enabled for another booking. */
  {
    g_autofree char *id = make_booking (p.store, session_id, "端氏镇中学", 5, 1, "requested");
    g_autofree char *other = make_booking (p.store, session_id, "沁水县实验小学", 5, 1,
                                           "confirmed");
    g_autofree char *status = NULL;
    g_autofree char *still = NULL;

    select_booking (&p, id);
    kf_gui_activate (p.page, "bookings.no-show", "s", id);
    status = booking_status (p.store, id);
    g_assert_cmpstr (status, ==, "requested");
    g_assert_null (error_text (&p));

    select_booking (&p, other);
    g_assert_true (button_enabled (&p, "bookings-no-show"));
    kf_gui_activate (p.page, "bookings.no-show", "s", id);
    still = booking_status (p.store, id);
    g_assert_cmpstr (still, ==, "requested");
    g_assert_nonnull (error_text (&p));
    g_assert_true (kf_gui_label_contains (p.page, "Cannot mark 端氏镇中学 as a no-show"));
  }
  close_page (&p);
}

/* ---- filters and order, on the demo data ---- */

static void
set_status_filter (Page       *p,
                   const char *label)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (kf_gui_find (p->page, "bookings-status"));
  GListModel *labels = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (labels), i), label))
      {
        gtk_drop_down_set_selected (dropdown, i);
        kf_gui_wait_model (p->model);
        kf_gui_settle ();
        return;
      }
  g_assert_not_reached ();
}

/* The session chooser: its popover opened, the titles searched for @text. */
static GListModel *
open_session_chooser (Page       *p,
                      const char *text)
{
  GtkWidget *list = kf_gui_find (p->page, "bookings-session-list");
  GListModel *choices;

  gtk_menu_button_popup (GTK_MENU_BUTTON (kf_gui_find (p->page, "bookings-session")));
  kf_gui_settle ();
  kf_gui_set_text (kf_gui_find (p->page, "bookings-session-search"), text);
  /* The search entry waits a moment for more typing. */
  kf_gui_wait (300);
  choices = gtk_no_selection_get_model (GTK_NO_SELECTION (gtk_list_view_get_model (
    GTK_LIST_VIEW (list))));
  kf_gui_wait_model (choices);
  kf_gui_settle ();
  return choices;
}

/* Chooses the first session whose title has @title, or all sessions. */
static void
set_session_filter (Page       *p,
                    const char *title)
{
  GListModel *choices = open_session_chooser (p, title != NULL ? title : "");

  if (title == NULL)
    g_signal_emit_by_name (kf_gui_find (p->page, "bookings-session-all"), "clicked");
  else
    {
      g_assert_cmpuint (g_list_model_get_n_items (choices), >=, 1);
      g_signal_emit_by_name (kf_gui_find (p->page, "bookings-session-list"), "activate", 0);
    }
  kf_gui_wait_model (p->model);
  kf_gui_settle ();
  g_assert_false (gtk_widget_get_visible (kf_gui_find (p->page, "bookings-session-popover")));
}

static void
search (Page       *p,
        const char *text)
{
  kf_gui_set_text (kf_gui_find (p->page, "bookings-search"), text);
  /* The search entry waits a moment for more typing. */
  kf_gui_wait (300);
  kf_gui_wait_model (p->model);
  kf_gui_settle ();
}

static gboolean
all_orgs_contain (Page       *p,
                  const char *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (p->model); i++)
    {
      g_autofree char *org = org_at (p, i);

      if (strstr (org, text) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
test_filters (void)
{
  Page p = { 0 };

  open_page (&p, KF_GUI_DEMO);

  /* Only the meteorological bureau's own nine bookings, of the demo's 22. */
  g_assert_cmpint (kf_store_count (p.store, KF_ENTITY_BOOKING, NULL), ==, 22);
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 9);
  g_assert_false (kf_gui_label_contains (p.page, "人工智能"));

  set_status_filter (&p, "Requested");
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 2);
  g_assert_true (kf_gui_label_contains (p.page, "沁水县第一中学"));
  g_assert_true (kf_gui_label_contains (p.page, "沁水县实验幼儿园"));
  g_assert_false (kf_gui_label_contains (p.page, "梅杏社区居委会"));

  set_status_filter (&p, "All Statuses");
  search (&p, "实验");
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 4);
  g_assert_true (all_orgs_contain (&p, "实验"));
  g_assert_false (kf_gui_label_contains (p.page, "端氏镇中学"));

  /* Search and status together. */
  set_status_filter (&p, "Declined");
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 1);
  g_assert_true (kf_gui_label_contains (p.page, "沁水县实验幼儿园"));

  set_status_filter (&p, "All Statuses");
  search (&p, "");
  set_session_filter (&p, "气象观测场开放");
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 2);
  g_assert_true (kf_gui_label_contains (p.page, "龙港镇中心学校"));
  g_assert_true (kf_gui_label_contains (p.page, "沁水县第一中学"));
  g_assert_false (kf_gui_label_contains (p.page, "沁水县实验小学"));

  /* Nothing matches: the empty state says so and offers every booking. */
  search (&p, "没有这个单位");
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 0);
  g_assert_true (kf_gui_label_contains (p.page, "No Matching Bookings"));
  kf_gui_activate (p.page, "bookings.show-all", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 9);
  close_page (&p);
}

static guint
session_filter_items (Page *p)
{
  guint n = g_list_model_get_n_items (open_session_chooser (p, ""));

  gtk_menu_button_popdown (GTK_MENU_BUTTON (kf_gui_find (p->page, "bookings-session")));
  kf_gui_settle ();
  return n;
}

static char *
day (int offset)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, offset);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* The period drop-down's items, in order, and the bookings each shows of
 * sessions yesterday, today and in ten days. */
static const struct
{
  const char *label;
  guint       bookings;
} periods[] = {
  { "All Dates", 3 },
  { "Today", 1 },
  { "Upcoming", 2 },
  { "Next 7 Days", 1 },
  { "Past", 1 },
};

static void
test_period (void)
{
  Page p = { 0 };
  GtkDropDown *period;
  const int offsets[] = { -1, 0, 10 };

  open_page (&p, KF_GUI_BASE);
  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      g_autofree char *date = day (offsets[i]);
      g_autofree char *session_id = make_session (p.store, date, "09:00", 50, date);
      g_autofree char *id = make_booking (p.store, session_id, date, 10, 1, "requested");
    }

  period = GTK_DROP_DOWN (kf_gui_find (p.page, "bookings-period"));
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      GListModel *labels = gtk_drop_down_get_model (period);

      for (guint k = 0; k < g_list_model_get_n_items (labels); k++)
        if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (labels), k),
                         periods[i].label))
          gtk_drop_down_set_selected (period, k);
      kf_gui_settle ();
      g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, periods[i].bookings);
      /* The session filter offers the sessions of the period. */
      g_assert_cmpuint (session_filter_items (&p), ==, periods[i].bookings);
    }

  /* Today's booking is the one shown for today. */
  {
    g_autofree char *today = day (0);
    g_autofree char *org = NULL;

    gtk_drop_down_set_selected (period, 1);
    kf_gui_settle ();
    org = org_at (&p, 0);
    g_assert_cmpstr (org, ==, today);
  }
  close_page (&p);
}

/* The statements that read sessions and their result rows, counted by a
 * trace on the window's connection. */
typedef struct
{
  guint statements;
  guint rows;
} SessionReads;

static int
count_session_reads_cb (unsigned int  type,
                        void         *data,
                        void         *stmt,
                        void         *x)
{
  SessionReads *reads = data;

  if (!g_str_has_prefix (sqlite3_sql (stmt), "SELECT sessions."))
    return 0;
  if (type == SQLITE_TRACE_ROW)
    reads->rows++;
  else if (type == SQLITE_TRACE_STMT)
    reads->statements++;
  return 0;
}

/* How many pages (of 256 rows, kf-record-model.c) the model has read. */
static guint
pages_read (GListModel *model)
{
  return (kf_record_model_get_rows_read (KF_RECORD_MODEL (model)) + 255) / 256;
}

static void
set_period (Page  *p,
            guint  index)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kf_gui_find (p->page, "bookings-period")), index);
  kf_gui_wait_model (p->model);
  kf_gui_settle ();
}

static void
add_many_sessions (Page *p)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  g_autoptr(GPtrArray) bookings = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  g_autoptr(GError) error = NULL;

  /* 3,000 sessions, 50 a day from 30 days ago; a booking for every tenth. */
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *date = day ((int) (i / 50) - 30);
      g_autofree char *start = g_strdup_printf ("%02u:%02u", 8 + i % 50 / 6, i % 6 * 10);
      g_autofree char *title = g_strdup_printf ("场次 %04u", i);
      g_autofree char *org = g_strdup_printf ("学校 %04u", i);
      KfRecord *session = new_session (p->store, date, start, 100, title);

      g_ptr_array_add (sessions, session);
      if (i % 10 == 0)
        g_ptr_array_add (bookings, new_booking (p->store, session->id, org, 10, 1, "requested"));
    }
  g_assert_true (kf_store_put_many (p->store, (KfRecord **) sessions->pdata, sessions->len,
                                    &error));
  g_assert_true (kf_store_put_many (p->store, (KfRecord **) bookings->pdata, bookings->len,
                                    &error));
  g_assert_no_error (error);
}

/* With thousands of sessions, opening the page reads only the sessions of
 * the rows it shows, with one statement per page of rows (not one per row),
 * the chooser only the sessions it shows, and choosing from the sessions of
 * the period filters the bookings. */
static void
test_session_filter_lazy (void)
{
  Page p = { 0 };
  SessionReads reads = { 0 };
  GListModel *choices;
  GtkLabel *label;
  GtkAdjustment *adjustment;

  p.gui = kf_gui_new (KF_GUI_BASE);
  p.store = kf_gui_store (p.gui);
  add_many_sessions (&p);
  sqlite3_trace_v2 (kf_store_get_db (p.store), SQLITE_TRACE_ROW | SQLITE_TRACE_STMT,
                    count_session_reads_cb, &reads);
  p.page = kf_gui_page (p.gui, "bookings");
  p.selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (
    GTK_LIST_VIEW (kf_gui_find (p.page, "bookings-list"))));
  p.model = gtk_single_selection_get_model (p.selection);
  label = GTK_LABEL (kf_gui_find (p.page, "bookings-session-label"));

  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 300);
  g_assert_cmpuint (reads.rows, >, 0);
  g_assert_cmpuint (reads.rows, <=, kf_record_model_get_rows_read (KF_RECORD_MODEL (p.model)));
  g_assert_cmpuint (reads.rows, <, 3000);
  /* Each booking shown has its own session: one statement per page read. */
  g_assert_cmpuint (pages_read (p.model), ==, 1);
  g_assert_cmpuint (reads.statements, ==, 1);
  g_assert_true (kf_gui_label_contains (p.page, "学校 0000"));
  g_assert_false (kf_gui_label_contains (p.page, "Unknown session"));
  g_assert_cmpstr (gtk_label_get_text (label), ==, "All Sessions");

  /* To the end of the list: the second page, and its sessions, once. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (kf_gui_find (p.page,
                                                                            "bookings-list")));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  kf_gui_settle ();
  g_assert_cmpuint (pages_read (p.model), ==, 2);
  g_assert_cmpuint (reads.statements, <=, pages_read (p.model));
  g_assert_true (kf_gui_label_contains (p.page, "学校 2990"));
  g_assert_false (kf_gui_label_contains (p.page, "Unknown session"));
  reads = (SessionReads) { 0 };

  /* All dates: 3,000 choices, of which the list read a few pages. */
  choices = open_session_chooser (&p, "");
  g_assert_true (KF_IS_RECORD_MODEL (choices));
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 3000);
  g_assert_cmpuint (kf_record_model_get_rows_read (KF_RECORD_MODEL (choices)), <=, 300);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (kf_gui_find (p.page, "bookings-session")));
  kf_gui_settle ();
  sqlite3_trace_v2 (kf_store_get_db (p.store), 0, NULL, NULL);

  /* Today: its 50 sessions; one of them, found by its title. */
  set_period (&p, 1);
  g_assert_cmpuint (session_filter_items (&p), ==, 50);
  g_assert_cmpuint (g_list_model_get_n_items (open_session_chooser (&p, "场次 0001")), ==, 0);
  g_assert_true (kf_gui_label_contains (p.page, "No session of the chosen period matches."));
  set_session_filter (&p, "场次 1510");
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 1);
  {
    g_autofree char *org = org_at (&p, 0);

    g_assert_cmpstr (org, ==, "学校 1510");
  }
  g_assert_nonnull (strstr (gtk_label_get_text (label), "场次 1510"));

  /* All dates keep the session; the past lets it go. */
  set_period (&p, 0);
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 1);
  set_period (&p, 5);
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 150);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "All Sessions");

  /* Enter in the search chooses the first session found, by date. */
  open_session_chooser (&p, "场次 00");
  g_signal_emit_by_name (kf_gui_find (p.page, "bookings-session-search"), "activate");
  kf_gui_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 1);
  {
    g_autofree char *org = org_at (&p, 0);

    g_assert_cmpstr (org, ==, "学校 0000");
  }

  /* All sessions again. */
  set_session_filter (&p, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 150);
  close_page (&p);
}

static void
set_sort (Page  *p,
          guint  index)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kf_gui_find (p->page, "bookings-sort")), index);
  kf_gui_wait_model (p->model);
  kf_gui_settle ();
}

static char *
session_date_at (Page  *p,
                 guint  position)
{
  g_autoptr(KfRecordObject) item = g_list_model_get_item (p->model, position);
  g_autoptr(KfRecord) session = NULL;

  session = kf_store_get (p->store, KF_ENTITY_SESSION,
                          KF_BOOKING (kf_record_object_get_record (item))->session_id, NULL);
  return g_strdup_printf ("%s %s", KF_SESSION (session)->date, KF_SESSION (session)->start);
}

static void
test_sort (void)
{
  Page p = { 0 };
  guint n;

  open_page (&p, KF_GUI_DEMO);
  n = g_list_model_get_n_items (p.model);
  g_assert_cmpuint (n, ==, 9);

  /* By date, the first: the bureau's first session, on 24 May at 09:00. */
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *a = session_date_at (&p, i - 1);
      g_autofree char *b = session_date_at (&p, i);

      g_assert_cmpstr (a, <=, b);
    }

  set_sort (&p, 1);
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *a = session_date_at (&p, i - 1);
      g_autofree char *b = session_date_at (&p, i);

      g_assert_cmpstr (a, >=, b);
    }

  set_sort (&p, 2);
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, n);
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *a = org_at (&p, i - 1);
      g_autofree char *b = org_at (&p, i);

      g_assert_cmpint (strcmp (a, b), <=, 0);
    }
  /* Not the date order: the orders really differ on this data. */
  {
    g_autofree char *first = org_at (&p, 0);

    g_assert_cmpstr (first, ==, "梅杏社区居委会");
  }
  close_page (&p);
}

static void
test_empty (void)
{
  Page p = { 0 };
  GtkStack *stack;

  open_page (&p, KF_GUI_BASE);
  stack = GTK_STACK (gtk_widget_get_ancestor (kf_gui_find (p.page, "bookings-empty"),
                                              GTK_TYPE_STACK));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_true (kf_gui_label_contains (p.page, "No Bookings Yet"));
  g_assert_false (gtk_widget_get_visible (kf_gui_find (p.page, "bookings-show-all")));
  close_page (&p);
}

/* ---- conflicts and rejected changes ---- */

/* What a push would have left: the op in state conflict, and the hub's
 * copy of the booking in the conflicts table. */
static void
make_conflict (KfStore    *store,
               const char *booking_id,
               gint64      hub_youth,
               const char *hub_status)
{
  g_autoptr(KfRecord) theirs = (KfRecord *) get_booking (store, booking_id);
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *hub_data = NULL;
  sqlite3_stmt *stmt;

  KF_BOOKING (theirs)->youth_count = hub_youth;
  g_free (KF_BOOKING (theirs)->status);
  KF_BOOKING (theirs)->status = g_strdup (hub_status);
  theirs->version = 3;
  json = kf_record_to_json (theirs, TRUE);
  json_node_set_object (node, json);
  hub_data = json_to_string (node, FALSE);

  stmt = kf_store_prepare (store, "UPDATE outbox SET state = 'conflict' WHERE record_id = ?",
                           NULL);
  kf_store_bind_text (stmt, 1, booking_id);
  g_assert_true (kf_store_step_done (store, stmt, NULL));
  stmt = kf_store_prepare (store, "INSERT INTO conflicts (entity, record_id, hub_version,"
                           " hub_data, found_at) VALUES ('booking', ?, 3, ?,"
                           " '2025-05-24T09:00:00+08:00')", NULL);
  kf_store_bind_text (stmt, 1, booking_id);
  kf_store_bind_text (stmt, 2, hub_data);
  g_assert_true (kf_store_step_done (store, stmt, NULL));
  kf_store_notify_changed (store);
  kf_gui_settle ();
}

static void
test_conflict (void)
{
  Page p = { 0 };
  g_autofree char *session_id = open_base_page (&p, 100);
  g_autofree char *taken = make_booking (p.store, session_id, "沁水县实验小学", 10, 2, "requested");
  g_autofree char *kept = make_booking (p.store, session_id, "端氏镇中学", 30, 3, "requested");
  const char *ids[] = { taken, kept };
  const char *responses[] = { "theirs", "mine" };

  make_conflict (p.store, taken, 14, "confirmed");
  make_conflict (p.store, kept, 31, "cancelled");

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      KfBookingRow *row = find_row (p.page, ids[i]);
      AdwMessageDialog *dialog;
      g_autoptr(KfRecord) record = NULL;

      /* Marked in the list, with a way to resolve it. */
      g_assert_nonnull (row);
      g_assert_cmpint (kf_booking_row_get_mark (row), ==, KF_BOOKING_MARK_CONFLICT);
      g_assert_true (gtk_widget_get_mapped (kf_gui_find (GTK_WIDGET (row), "booking-conflict")));
      select_booking (&p, ids[i]);
      g_assert_true (gtk_widget_get_visible (kf_gui_find (p.page, "bookings-resolve")));

      /* The dialog shows the fields that differ, both ways; it opens from
       * the row's own button as from the action bar's. */
      if (i == 0)
        g_signal_emit_by_name (kf_gui_find (GTK_WIDGET (row), "booking-conflict"), "clicked");
      else
        kf_gui_activate (p.page, "bookings.resolve", "s", ids[i]);
      kf_gui_settle ();
      dialog = message_dialog ();
      g_assert_true (kf_gui_label_contains (GTK_WIDGET (dialog), "Youth"));
      g_assert_true (kf_gui_label_contains (GTK_WIDGET (dialog), "Requested"));
      g_assert_true (kf_gui_label_contains (GTK_WIDGET (dialog), i == 0 ? "14" : "31"));
      g_assert_true (kf_gui_label_contains (GTK_WIDGET (dialog),
                                            i == 0 ? "Confirmed" : "Cancelled"));
      g_assert_false (kf_gui_label_contains (GTK_WIDGET (dialog), "Organisation"));
      respond (dialog, responses[i]);

      record = (KfRecord *) get_booking (p.store, ids[i]);
      g_assert_cmpint (record->version, ==, 3);
      g_assert_cmpint (sql_count (p.store, "SELECT count(*) FROM conflicts WHERE record_id = ?",
                                  ids[i]), ==, 0);
      if (i == 0)
        {
          /* The hub's copy, and nothing left to send for it. */
          g_assert_cmpstr (KF_BOOKING (record)->status, ==, "confirmed");
          g_assert_cmpint (KF_BOOKING (record)->youth_count, ==, 14);
          g_assert_cmpint (sql_count (p.store, "SELECT count(*) FROM outbox WHERE record_id = ?",
                                      ids[i]), ==, 0);
        }
      else
        {
          /* Mine, sent again on the hub's version. */
          g_assert_cmpstr (KF_BOOKING (record)->status, ==, "requested");
          g_assert_cmpint (KF_BOOKING (record)->youth_count, ==, 30);
          g_assert_cmpint (sql_count (p.store, "SELECT count(*) FROM outbox WHERE record_id = ?"
                                      " AND state = 'queued'", ids[i]), ==, 1);
        }
      row = find_row (p.page, ids[i]);
      g_assert_cmpint (kf_booking_row_get_mark (row), ==, KF_BOOKING_MARK_NONE);
    }
  g_assert_cmpint (kf_sync_store_count_state (p.store, "conflict"), ==, 0);
  close_page (&p);
}

static void
test_rejected (void)
{
  Page p = { 0 };
  g_autofree char *session_id = open_base_page (&p, 100);
  g_autofree char *id = make_booking (p.store, session_id, "沁水县第一中学", 20, 2, "requested");
  KfBookingRow *row;
  GtkWidget *icon;
  sqlite3_stmt *stmt;

  stmt = kf_store_prepare (p.store, "UPDATE outbox SET state = 'rejected',"
                           " error_code = 'over_capacity', error_field = 'status',"
                           " error_message = 'the session has 4 seats left, the group needs 22'"
                           " WHERE record_id = ?", NULL);
  kf_store_bind_text (stmt, 1, id);
  g_assert_true (kf_store_step_done (p.store, stmt, NULL));
  kf_store_notify_changed (p.store);
  kf_gui_settle ();

  row = find_row (p.page, id);
  g_assert_nonnull (row);
  g_assert_cmpint (kf_booking_row_get_mark (row), ==, KF_BOOKING_MARK_REJECTED);
  icon = kf_gui_find (GTK_WIDGET (row), "booking-rejected");
  g_assert_true (gtk_widget_get_mapped (icon));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (icon), "4 seats left"));
  close_page (&p);
}

/* ---- laziness ---- */

/* The booking of the first row whose top is in view, and where it is. */
static KfBookingRow *
first_row_in_view (GtkWidget *list,
                   GtkWidget *root,
                   double    *top)
{
  KfBookingRow *best = NULL;

  if (KF_IS_BOOKING_ROW (root) && gtk_widget_get_mapped (root))
    {
      double x, y;

      if (gtk_widget_translate_coordinates (root, list, 0, 0, &x, &y) && y >= 0 &&
          y < gtk_widget_get_height (list) && y < *top)
        {
          *top = y;
          return KF_BOOKING_ROW (root);
        }
      return NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      KfBookingRow *row = first_row_in_view (list, child, top);

      if (row != NULL)
        best = row;
    }
  return best;
}

static void
test_lazy (void)
{
  Page p = { 0 };
  g_autofree char *session_id = open_base_page (&p, 100000);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *extra = NULL;
  guint rows_read;

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *org = g_strdup_printf ("学校 %04u", i);

      g_ptr_array_add (records, new_booking (p.store, session_id, org, 10, 1, "requested"));
    }
  g_assert_true (kf_store_put_many (p.store, (KfRecord **) records->pdata, records->len, &error));
  g_assert_no_error (error);
  kf_gui_wait_model (p.model);
  kf_gui_settle ();

  /* Shown: only the rows around those on screen were read, not 2000 (a
   * GtkListView keeps up to 200 rows bound: one page of 256). */
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 2000);
  rows_read = kf_record_model_get_rows_read (KF_RECORD_MODEL (p.model));
  g_assert_cmpuint (rows_read, <=, 300);

  /* A change while a booking is selected reads a page again, not them all. */
  gtk_single_selection_set_selected (p.selection, 0);
  kf_gui_settle ();
  extra = make_booking (p.store, session_id, "学校 9999", 1, 1, "requested");
  kf_gui_wait_model (p.model);
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 2001);
  g_assert_cmpuint (kf_record_model_get_rows_read (KF_RECORD_MODEL (p.model)) - rows_read, <=,
                    300);
  g_assert_cmpuint (gtk_single_selection_get_selected (p.selection), ==, 0);

  /* Far down the list, a change leaves the list where it was. */
  {
    GtkWidget *list = kf_gui_find (p.page, "bookings-list");
    GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
    g_autofree char *kept_id = NULL;
    g_autofree char *more = NULL;
    double top = G_MAXDOUBLE;
    KfBookingRow *row;

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
    kf_gui_settle ();
    row = first_row_in_view (list, list, &top);
    g_assert_nonnull (row);
    kept_id = g_strdup (kf_booking_row_get_booking_id (row));
    g_assert_cmpuint (position_of (&p, kept_id), >, 600);

    rows_read = kf_record_model_get_rows_read (KF_RECORD_MODEL (p.model));
    more = make_booking (p.store, session_id, "学校 9998", 1, 1, "requested");
    /* The rows at the top, then those around the place taken up again:
     * three pages of 256 (kf-record-model.c) at most. */
    g_assert_cmpuint (kf_record_model_get_rows_read (KF_RECORD_MODEL (p.model)) - rows_read, <=,
                      3 * 256);
    row = find_row (list, kept_id);
    g_assert_nonnull (row);
    top = G_MAXDOUBLE;
    g_assert_true (first_row_in_view (list, list, &top) == row);
  }
  close_page (&p);
}

/* A page that is not shown reads nothing when the store changes, and is up
 * to date when it is shown again. */
static void
test_hidden (void)
{
  Page p = { 0 };
  g_autofree char *session_id = open_base_page (&p, 100);
  g_autofree char *first = make_booking (p.store, session_id, "沁水县实验小学", 10, 1, "requested");
  g_autofree char *second = NULL;
  guint rows_read;

  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 1);
  kf_gui_page (p.gui, "today");
  rows_read = kf_record_model_get_rows_read (KF_RECORD_MODEL (p.model));
  second = make_booking (p.store, session_id, "梅杏社区居委会", 5, 30, "requested");
  g_assert_cmpuint (kf_record_model_get_rows_read (KF_RECORD_MODEL (p.model)), ==, rows_read);

  kf_gui_page (p.gui, "bookings");
  kf_gui_wait_model (p.model);
  kf_gui_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 2);
  g_assert_true (kf_gui_label_contains (p.page, "梅杏社区居委会"));
  close_page (&p);
}

static gboolean
tick_cb (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

/* Counting 8,000 bookings runs in a thread with its own connection: the
 * list keeps its length while the count is in flight, the main loop keeps
 * running (a timeout keeps firing), and the new length arrives. */
static void
test_count_in_thread (void)
{
  Page p = { 0 };
  g_autofree char *session_id = open_base_page (&p, 100000);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  g_autoptr(GError) error = NULL;
  GtkDropDown *status = GTK_DROP_DOWN (kf_gui_find (p.page, "bookings-status"));
  GListModel *labels = gtk_drop_down_get_model (status);
  guint confirmed = GTK_INVALID_LIST_POSITION;
  guint ticks = 0;
  guint tick_id;

  for (guint i = 0; i < 8000; i++)
    {
      g_autofree char *org = g_strdup_printf ("学校 %05u", i);

      g_ptr_array_add (records, new_booking (p.store, session_id, org, 1, 1,
                                             i % 4 == 0 ? "confirmed" : "requested"));
    }
  g_assert_true (kf_store_put_many (p.store, (KfRecord **) records->pdata, records->len, &error));
  g_assert_no_error (error);
  kf_gui_wait_model (p.model);
  kf_gui_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 8000);

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (labels), i), "Confirmed"))
      confirmed = i;
  g_assert_cmpuint (confirmed, !=, GTK_INVALID_LIST_POSITION);

  tick_id = g_timeout_add (1, tick_cb, &ticks);
  gtk_drop_down_set_selected (status, confirmed);
  /* Returned at once: not counted yet, the length the one before. */
  g_assert_true (kf_record_model_get_counting (KF_RECORD_MODEL (p.model)));
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 8000);
  kf_gui_wait_model (p.model);
  g_source_remove (tick_id);
  g_assert_cmpuint (ticks, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (p.model), ==, 2000);
  kf_gui_settle ();
  g_assert_true (kf_gui_label_contains (p.page, "学校 00000")
                 || kf_gui_label_contains (p.page, "学校 07996"));
  close_page (&p);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/bookings/book-by-phone", test_book_by_phone);
  g_test_add_func ("/gui/bookings/book-by-phone-errors", test_book_by_phone_errors);
  g_test_add_func ("/gui/bookings/actions-enabled", test_actions_enabled);
  g_test_add_func ("/gui/bookings/confirm", test_confirm);
  g_test_add_func ("/gui/bookings/confirm-over-capacity", test_confirm_over_capacity);
  g_test_add_func ("/gui/bookings/transitions", test_transitions);
  g_test_add_func ("/gui/bookings/filters", test_filters);
  g_test_add_func ("/gui/bookings/period", test_period);
  g_test_add_func ("/gui/bookings/session-filter-lazy", test_session_filter_lazy);
  g_test_add_func ("/gui/bookings/sort", test_sort);
  g_test_add_func ("/gui/bookings/empty", test_empty);
  g_test_add_func ("/gui/bookings/conflict", test_conflict);
  g_test_add_func ("/gui/bookings/rejected", test_rejected);
  g_test_add_func ("/gui/bookings/lazy", test_lazy);
  g_test_add_func ("/gui/bookings/hidden", test_hidden);
  g_test_add_func ("/gui/bookings/count-in-thread", test_count_in_thread);

  return g_test_run ();
}

/* test-today.c — the Today page of a base, driven in the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-gui-tests"

#include "config.h"

#include <string.h>

#include "gui-test-util.h"
#include "kf-arrival-dialog.h"
#include "kf-walkin-dialog.h"

/* Records */

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static char *
base_id (KfGui *gui)
{
  g_autoptr(KfIdentity) identity = kf_store_get_identity (kf_gui_store (gui), NULL);

  g_assert_nonnull (identity);
  return g_strdup (identity->base_id);
}

static char *
add_session (KfGui      *gui,
             const char *date,
             const char *start,
             const char *end,
             gint64      capacity,
             const char *title,
             const char *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) record = kf_record_new (KF_ENTITY_SESSION);
  KfSession *session = KF_SESSION (record);
  g_autofree char *day = today ();

  record->id = kf_new_id ();
  session->base_id = base_id (gui);
  session->date = g_strdup (date != NULL ? date : day);
  session->start = g_strdup (start);
  session->end = g_strdup (end);
  session->capacity = capacity;
  session->title = g_strdup (title);
  session->topic = g_strdup ("meteorology");
  session->format = g_strdup ("study_tour");
  session->status = g_strdup (status != NULL ? status : "scheduled");
  session->note = g_strdup ("");
  kf_store_put (kf_gui_store (gui), record, &error);
  g_assert_no_error (error);
  kf_gui_settle ();
  return g_strdup (record->id);
}

static char *
add_booking (KfGui      *gui,
             const char *session_id,
             const char *org_name,
             gint64      youth,
             gint64      adults)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) record = kf_record_new (KF_ENTITY_BOOKING);
  KfBooking *booking = KF_BOOKING (record);

  record->id = kf_new_id ();
  booking->base_id = base_id (gui);
  booking->session_id = g_strdup (session_id);
  booking->org_name = g_strdup (org_name);
  booking->org_type = g_strdup ("school");
  booking->grade = g_strdup ("");
  booking->contact_name = g_strdup ("王老师");
  booking->contact_phone = g_strdup ("138 0000 0000");
  booking->youth_count = youth;
  booking->adult_count = adults;
  booking->status = g_strdup ("confirmed");
  booking->note = g_strdup ("");
  kf_store_put (kf_gui_store (gui), record, &error);
  g_assert_no_error (error);
  kf_gui_settle ();
  return g_strdup (record->id);
}

static GPtrArray *
list_visits (KfGui      *gui,
             const char *session_id,
             const char *kind)
{
  g_autoptr(GError) error = NULL;
  KfQuery query = { .session_id = session_id, .status = kind };
  GPtrArray *visits = kf_store_list (kf_gui_store (gui), KF_ENTITY_VISIT, &query, &error);

  g_assert_no_error (error);
  return visits;
}

static gint64
count_visits (KfGui *gui)
{
  g_autoptr(GError) error = NULL;
  gint64 n = kf_store_count (kf_gui_store (gui), KF_ENTITY_VISIT, &error);

  g_assert_no_error (error);
  return n;
}

/* Widgets */

static GtkWidget *
find (GtkWidget  *root,
      const char *name)
{
  GtkWidget *widget = kf_gui_find (root, name);

  if (widget == NULL)
    g_error ("no widget named %s", name);
  return widget;
}

static GtkWidget *
find_id (GtkWidget  *root,
         const char *prefix,
         const char *id)
{
  g_autofree char *name = g_strconcat (prefix, id, NULL);

  return kf_gui_find (root, name);
}

static const char *
label_text (GtkWidget  *root,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (find (root, name)));
}

/* As a click does: the button must be enabled. */
static void
press (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  kf_gui_settle ();
}

static void
assert_figures (GtkWidget  *page,
                const char *visitors,
                const char *groups,
                const char *youth,
                const char *adults)
{
  g_assert_cmpstr (label_text (page, "today-figure-visitors"), ==, visitors);
  g_assert_cmpstr (label_text (page, "today-figure-groups"), ==, groups);
  g_assert_cmpstr (label_text (page, "today-figure-youth"), ==, youth);
  g_assert_cmpstr (label_text (page, "today-figure-adults"), ==, adults);
}

static void
screenshot (GtkWidget  *window,
            const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file, NULL);

  /* A window that grew (an error shown) gets its new size a moment later. */
  kf_gui_wait (300);
  kf_gui_screenshot (window, path);
}

/* Tests */

static void
test_empty (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  GtkWidget *page = kf_gui_page (gui, "today");
  g_autofree char *other = NULL;
  AdwViewStack *stack = kf_window_get_view_stack (gui->window);
  GtkWidget *dialog;
  AdwComboRow *chooser;

  /* Sessions on other days or cancelled ones are not today's. */
  g_free (add_session (gui, "2025-05-24", "09:00", "11:00", 40, "Yesterday's Tour", NULL));
  other = add_session (gui, NULL, "09:00", "11:00", 40, "Cancelled Tour", "cancelled");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find (page, "today-stack"))), ==,
                   "empty");
  g_assert_true (kf_gui_label_contains (page, "Plan sessions on the Sessions page"));
  g_assert_null (find_id (page, "today-session-", other));

  /* A walk-in group may still come, with no session to join. */
  g_assert_true (kf_gui_activate (page, "today.walk-in", NULL));
  dialog = GTK_WIDGET (kf_gui_find_window (KF_TYPE_WALKIN_DIALOG));
  g_assert_nonnull (dialog);
  chooser = ADW_COMBO_ROW (find (dialog, "walkin-session"));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (chooser)), ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (chooser), ==, 0);
  gtk_window_close (GTK_WINDOW (dialog));
  kf_gui_settle ();
  g_assert_null (kf_gui_find_window (KF_TYPE_WALKIN_DIALOG));
  g_assert_cmpint (count_visits (gui), ==, 0);

  /* The button leads to the Sessions page. */
  press (find (page, "today-plan-sessions"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "sessions");
}

static void
test_sessions (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  GtkWidget *page = kf_gui_page (gui, "today");
  g_autofree char *morning = NULL;
  g_autofree char *afternoon = NULL;
  g_autofree char *booking = NULL;
  g_autofree char *tomorrow = NULL;
  g_autofree char *not_today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) next_day = g_date_time_add_days (now, 1);
  g_autofree char *next_date = g_date_time_format (next_day, "%Y-%m-%d");
  g_autoptr(GPtrArray) tallies = NULL;
  g_autoptr(KfRecord) tally = NULL;
  GtkWidget *first, *second;

  /* Made in the wrong order: the page sorts them by start. */
  afternoon = add_session (gui, NULL, "14:00", "16:00", 10, "Afternoon Lecture", NULL);
  morning = add_session (gui, NULL, "09:00", "11:30", 40, "Weather Station Tour", NULL);
  tomorrow = add_session (gui, next_date, "09:00", "11:00", 40, "Tomorrow's Tour", NULL);
  booking = add_booking (gui, morning, "实验小学", 20, 5);
  not_today = add_booking (gui, tomorrow, "明天的学校", 10, 1);
  tallies = list_visits (gui, morning, "individuals");
  g_assert_cmpuint (tallies->len, ==, 0);
  tally = (KfRecord *) kf_store_tally (kf_gui_store (gui), morning, 3, 1, NULL);
  g_assert_nonnull (tally);
  kf_gui_settle ();

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find (page, "today-stack"))), ==,
                   "today");
  first = find_id (page, "today-session-", morning);
  second = find_id (page, "today-session-", afternoon);
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_null (find_id (page, "today-session-", tomorrow));
  g_assert_true (gtk_widget_get_next_sibling (first) == second);

  /* The fill, in words: arrived (the tally), confirmed (the booking), capacity. */
  g_assert_true (kf_gui_label_contains (first, "4 arrived · 25 confirmed · capacity 40"));
  g_assert_true (kf_gui_label_contains (second, "0 arrived · 0 confirmed · capacity 10"));
  g_assert_true (kf_gui_label_contains (first, "Weather Station Tour"));
  g_assert_false (kf_gui_label_contains (page, "over capacity"));

  /* The confirmed booking is expected, with its people and contact. */
  g_assert_nonnull (find_id (page, "today-booking-", booking));
  g_assert_true (kf_gui_label_contains (find_id (page, "today-booking-", booking),
                                        "20 young people, 5 adults"));
  /* Only today's sessions' groups: not tomorrow's. */
  g_assert_null (find_id (page, "today-booking-", not_today));

  /* Two sessions: a chooser for the tally. */
  g_assert_true (gtk_widget_get_mapped (find (page, "today-tally-session")));
  assert_figures (page, "4", "0", "3", "1");
}

static void
test_arrival (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  GtkWidget *page = kf_gui_page (gui, "today");
  g_autofree char *session = add_session (gui, NULL, "09:00", "11:30", 40, "Tour", NULL);
  g_autofree char *booking_id = add_booking (gui, session, "实验小学", 20, 5);
  g_autoptr(KfRecord) booking = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  GtkWindow *dialog;
  KfVisit *visit;

  assert_figures (page, "0", "0", "0", "0");
  g_assert_true (kf_gui_activate (page, "today.arrived", "s", booking_id));
  dialog = kf_gui_find_window (KF_TYPE_ARRIVAL_DIALOG);
  g_assert_nonnull (dialog);

  /* Prefilled as booked; the door counts otherwise. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (
                     find (GTK_WIDGET (dialog), "arrival-youth"))), ==, 20);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (
                     find (GTK_WIDGET (dialog), "arrival-adults"))), ==, 5);
  kf_gui_set_text (find (GTK_WIDGET (dialog), "arrival-youth"), "18");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find (GTK_WIDGET (dialog), "arrival-adults")), 7);
  press (find (GTK_WIDGET (dialog), "arrival-record"));
  g_assert_null (kf_gui_find_window (KF_TYPE_ARRIVAL_DIALOG));

  /* One booked visit with the counted people; the booking attended. */
  visits = list_visits (gui, NULL, "booked");
  g_assert_cmpuint (visits->len, ==, 1);
  visit = visits->pdata[0];
  g_assert_cmpstr (visit->booking_id, ==, booking_id);
  g_assert_cmpstr (visit->session_id, ==, session);
  g_assert_cmpstr (visit->group_name, ==, "实验小学");
  g_assert_cmpint (visit->youth_count, ==, 18);
  g_assert_cmpint (visit->adult_count, ==, 7);
  booking = kf_store_get (kf_gui_store (gui), KF_ENTITY_BOOKING, booking_id, NULL);
  g_assert_cmpstr (KF_BOOKING (booking)->status, ==, "attended");

  /* The page: no longer expected, arrived, counted, and told. */
  g_assert_null (find_id (page, "today-booking-", booking_id));
  g_assert_true (kf_gui_label_contains (find_id (page, "today-session-", session),
                                        "25 arrived · 25 confirmed · capacity 40"));
  assert_figures (page, "25", "1", "18", "7");
  g_assert_true (kf_gui_label_contains (GTK_WIDGET (gui->window),
                                        "Arrival of 实验小学 recorded"));
}

static void
test_arrival_error (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  GtkWidget *page = kf_gui_page (gui, "today");
  g_autofree char *session = add_session (gui, NULL, "09:00", "11:30", 40, "Tour", NULL);
  g_autofree char *booking_id = add_booking (gui, session, "实验小学", 20, 5);
  g_autoptr(KfRecord) booking = NULL;
  GtkWidget *dialog;
  GtkWidget *error;

  kf_gui_activate (page, "today.arrived", "s", booking_id);
  dialog = GTK_WIDGET (kf_gui_find_window (KF_TYPE_ARRIVAL_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_false (gtk_widget_get_mapped (find (dialog, "arrival-youth-error")));

  /* Beyond what a visit may hold: said under the young people's field. */
  kf_gui_set_text (find (dialog, "arrival-youth"), "200000");
  press (find (dialog, "arrival-record"));
  error = find (dialog, "arrival-youth-error");
  g_assert_true (gtk_widget_get_mapped (error));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error)), "100000"));
  g_assert_false (gtk_widget_get_mapped (find (dialog, "arrival-adults-error")));
  g_assert_false (gtk_widget_get_mapped (find (dialog, "arrival-error")));
  screenshot (dialog, "today-arrival-error.png");

  /* Nothing written. */
  g_assert_cmpint (count_visits (gui), ==, 0);
  booking = kf_store_get (kf_gui_store (gui), KF_ENTITY_BOOKING, booking_id, NULL);
  g_assert_cmpstr (KF_BOOKING (booking)->status, ==, "confirmed");
  g_assert_true (kf_gui_find_window (KF_TYPE_ARRIVAL_DIALOG) == GTK_WINDOW (dialog));

  /* Corrected, it goes through and the error is gone with the dialog. */
  kf_gui_set_text (find (dialog, "arrival-youth"), "19");
  press (find (dialog, "arrival-record"));
  g_assert_null (kf_gui_find_window (KF_TYPE_ARRIVAL_DIALOG));
  g_assert_cmpint (count_visits (gui), ==, 1);
}

static void
assert_tally (KfGui      *gui,
              GtkWidget  *page,
              const char *session,
              gint64      youth,
              gint64      adults)
{
  g_autoptr(GPtrArray) tallies = list_visits (gui, session, "individuals");
  g_autofree char *youth_text = g_strdup_printf ("%" G_GINT64_FORMAT, youth);
  g_autofree char *adults_text = g_strdup_printf ("%" G_GINT64_FORMAT, adults);

  g_assert_cmpuint (tallies->len, ==, 1);
  g_assert_cmpint (KF_VISIT (tallies->pdata[0])->youth_count, ==, youth);
  g_assert_cmpint (KF_VISIT (tallies->pdata[0])->adult_count, ==, adults);
  g_assert_cmpstr (label_text (page, "today-tally-youth-count"), ==, youth_text);
  g_assert_cmpstr (label_text (page, "today-tally-adult-count"), ==, adults_text);
}

/* The page's shortcut for @accel, from its controllers of @scope. */
static GtkShortcut *
find_shortcut (GtkWidget        *page,
               GtkShortcutScope  scope,
               const char       *accel)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (page);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accel);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)) != scope)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return shortcut;
        }
    }
  return NULL;
}

/* As pressing @accel would, on the page itself or elsewhere in the window. */
static void
press_keys (GtkWidget        *page,
            GtkShortcutScope  scope,
            const char       *accel)
{
  GtkShortcut *shortcut = find_shortcut (page, scope, accel);

  g_assert_nonnull (shortcut);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                               GTK_SHORTCUT_ACTION_EXCLUSIVE, page,
                                               gtk_shortcut_get_arguments (shortcut)));
  kf_gui_settle ();
}

static void
test_tally (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  GtkWidget *page = kf_gui_page (gui, "today");
  g_autofree char *session = add_session (gui, NULL, "00:00", "23:59", 40, "Open Day", NULL);
  GtkWidget *undo = find (page, "today-tally-undo");

  /* One session: no chooser; nothing to take back yet. */
  g_assert_false (gtk_widget_get_mapped (find (page, "today-tally-session")));
  g_assert_true (kf_gui_label_contains (page, "Open Day"));
  g_assert_false (gtk_widget_is_sensitive (undo));

  /* The buttons, the page's keys and the window's keys. */
  press (find (page, "today-tally-youth"));
  press (find (page, "today-tally-adult"));
  press_keys (page, GTK_SHORTCUT_SCOPE_LOCAL, "y");
  press_keys (page, GTK_SHORTCUT_SCOPE_MANAGED, "<Control>1");
  press_keys (page, GTK_SHORTCUT_SCOPE_LOCAL, "<Control>2");
  press_keys (page, GTK_SHORTCUT_SCOPE_MANAGED, "a");
  g_assert_true (kf_gui_activate (page, "today.tally-youth", NULL));
  assert_tally (gui, page, session, 4, 3);
  assert_figures (page, "7", "0", "4", "3");

  /* Undo takes back the last clicks, in turn: youth, then adults. */
  press_keys (page, GTK_SHORTCUT_SCOPE_LOCAL, "<Control>z");
  assert_tally (gui, page, session, 3, 3);
  press (undo);
  assert_tally (gui, page, session, 3, 2);
  press_keys (page, GTK_SHORTCUT_SCOPE_MANAGED, "<Control>z");
  assert_tally (gui, page, session, 3, 1);

  /* All the clicks taken back: undo is off, and nothing goes below zero. */
  for (guint i = 0; i < 4; i++)
    press (undo);
  assert_tally (gui, page, session, 0, 0);
  g_assert_false (gtk_widget_is_sensitive (undo));
  kf_gui_activate (page, "today.tally-undo", NULL);
  assert_tally (gui, page, session, 0, 0);
  assert_figures (page, "0", "0", "0", "0");
}

static void
test_tally_sessions (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  GtkWidget *page = kf_gui_page (gui, "today");
  g_autofree char *first = add_session (gui, NULL, "00:00", "00:01", 40, "Dawn Tour", NULL);
  g_autofree char *second = add_session (gui, NULL, "00:01", "23:59", 40, "Day Tour", NULL);
  AdwComboRow *chooser = ADW_COMBO_ROW (find (page, "today-tally-session"));
  GtkWidget *undo = find (page, "today-tally-undo");

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chooser)));
  adw_combo_row_set_selected (chooser, 0);
  kf_gui_settle ();
  press (find (page, "today-tally-youth"));
  press (find (page, "today-tally-youth"));
  assert_tally (gui, page, first, 2, 0);

  /* Another session has its own count, and its own clicks to take back. */
  adw_combo_row_set_selected (chooser, 1);
  kf_gui_settle ();
  g_assert_cmpstr (label_text (page, "today-tally-youth-count"), ==, "0");
  g_assert_false (gtk_widget_is_sensitive (undo));
  press (find (page, "today-tally-adult"));
  assert_tally (gui, page, second, 0, 1);

  /* A reload (the store changed) keeps the chosen session. */
  kf_store_notify_changed (kf_gui_store (gui));
  kf_gui_settle ();
  g_assert_cmpuint (adw_combo_row_get_selected (chooser), ==, 1);

  adw_combo_row_set_selected (chooser, 0);
  kf_gui_settle ();
  press (undo);
  assert_tally (gui, page, first, 1, 0);
  assert_figures (page, "2", "0", "1", "1");
}

static void
test_walk_in_over_capacity (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  GtkWidget *page = kf_gui_page (gui, "today");
  g_autofree char *session = add_session (gui, NULL, "09:00", "11:30", 10, "Small Lab", NULL);
  g_autofree char *booking = add_booking (gui, session, "实验小学", 6, 2);
  g_autoptr(GPtrArray) visits = NULL;
  GtkWidget *dialog;
  GtkWidget *warning;
  KfVisit *visit;

  g_assert_true (kf_gui_activate (page, "today.walk-in", NULL));
  dialog = GTK_WIDGET (kf_gui_find_window (KF_TYPE_WALKIN_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find (dialog, "walkin-session"))),
                    ==, 1);

  /* 8 expected + 4 walking in = 12 in a session of 10: a warning... */
  kf_gui_set_text (find (dialog, "walkin-name"), "社区散客团");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find (dialog, "walkin-youth")), 3);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find (dialog, "walkin-adults")), 1);
  kf_gui_settle ();
  warning = find (dialog, "walkin-warning");
  g_assert_true (gtk_widget_get_mapped (warning));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (warning)), "over capacity by 2"));
  screenshot (dialog, "today-walkin.png");

  /* ...and the visit is recorded all the same. */
  press (find (dialog, "walkin-record"));
  g_assert_null (kf_gui_find_window (KF_TYPE_WALKIN_DIALOG));
  visits = list_visits (gui, session, "walk_in_group");
  g_assert_cmpuint (visits->len, ==, 1);
  visit = visits->pdata[0];
  g_assert_cmpstr (visit->group_name, ==, "社区散客团");
  g_assert_cmpint (visit->youth_count, ==, 3);
  g_assert_cmpint (visit->adult_count, ==, 1);
  g_assert_null (visit->booking_id);

  /* The page warns about the session, and counts the group. */
  g_assert_true (kf_gui_label_contains (find_id (page, "today-session-", session),
                                        "over capacity by 2"));
  g_assert_true (gtk_widget_has_css_class (find_id (page, "today-session-", session),
                                           "over-capacity"));
  g_assert_true (kf_gui_label_contains (page, "This session is over capacity by 2"));
  g_assert_true (kf_gui_label_contains (GTK_WIDGET (gui->window),
                                        "Walk-in group 社区散客团 recorded"));
  assert_figures (page, "4", "1", "3", "1");
  g_assert_nonnull (find_id (page, "today-booking-", booking));

  /* Still never refused: the tally goes on past capacity. */
  press (find (page, "today-tally-youth"));
  assert_tally (gui, page, session, 1, 0);
  g_assert_true (kf_gui_label_contains (page, "over capacity by 3"));
  screenshot (GTK_WIDGET (gui->window), "today.png");
}

static void
test_walk_in_errors (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  GtkWidget *page = kf_gui_page (gui, "today");
  g_autofree char *session = add_session (gui, NULL, "09:00", "11:30", 40, "Tour", NULL);
  g_autoptr(GPtrArray) visits = NULL;
  GtkWidget *dialog;
  GtkWidget *name_error;
  GtkWidget *youth_error;

  kf_gui_activate (page, "today.walk-in", NULL);
  dialog = GTK_WIDGET (kf_gui_find_window (KF_TYPE_WALKIN_DIALOG));
  g_assert_nonnull (dialog);
  name_error = find (dialog, "walkin-name-error");
  youth_error = find (dialog, "walkin-youth-error");

  /* No name: said under the name, nothing written. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find (dialog, "walkin-youth")), 5);
  press (find (dialog, "walkin-record"));
  g_assert_true (gtk_widget_get_mapped (name_error));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (name_error)), !=, "");
  g_assert_true (gtk_widget_has_css_class (find (dialog, "walkin-name"), "error"));
  g_assert_false (gtk_widget_get_mapped (youth_error));
  g_assert_cmpint (count_visits (gui), ==, 0);
  screenshot (dialog, "today-walkin-error.png");

  /* A name, but more young people than a visit may hold. */
  kf_gui_set_text (find (dialog, "walkin-name"), "夏令营");
  kf_gui_set_text (find (dialog, "walkin-youth"), "100001");
  press (find (dialog, "walkin-record"));
  g_assert_false (gtk_widget_get_mapped (name_error));
  g_assert_false (gtk_widget_has_css_class (find (dialog, "walkin-name"), "error"));
  g_assert_true (gtk_widget_get_mapped (youth_error));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (youth_error)), "100000"));
  g_assert_cmpint (count_visits (gui), ==, 0);

  /* Corrected; no session chosen is allowed too. */
  kf_gui_set_text (find (dialog, "walkin-youth"), "100000");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find (dialog, "walkin-session")), 0);
  press (find (dialog, "walkin-record"));
  g_assert_null (kf_gui_find_window (KF_TYPE_WALKIN_DIALOG));
  visits = list_visits (gui, NULL, "walk_in_group");
  g_assert_cmpuint (visits->len, ==, 1);
  g_assert_null (KF_VISIT (visits->pdata[0])->session_id);
  g_assert_cmpint (KF_VISIT (visits->pdata[0])->youth_count, ==, 100000);
  assert_figures (page, "100000", "1", "100000", "0");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/today/empty", test_empty);
  g_test_add_func ("/gui/today/sessions", test_sessions);
  g_test_add_func ("/gui/today/arrival", test_arrival);
  g_test_add_func ("/gui/today/arrival-error", test_arrival_error);
  g_test_add_func ("/gui/today/tally", test_tally);
  g_test_add_func ("/gui/today/tally-sessions", test_tally_sessions);
  g_test_add_func ("/gui/today/walk-in-over-capacity", test_walk_in_over_capacity);
  g_test_add_func ("/gui/today/walk-in-errors", test_walk_in_errors);

  return g_test_run ();
}

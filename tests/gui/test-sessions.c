/* test-sessions.c — the Sessions page: a new session, its mistakes shown
 * under their rows, cancelling one, and the sessions of an activity week
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-gui-tests"

#include "config.h"

#include <string.h>

#include "gui-test-util.h"
#include "kf-error.h"
#include "kf-record-object.h"
#include "kf-session-dialog.h"
#include "kf-week-dialog.h"
#include "kf-week-plan.h"

static char *
date_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static char *
own_base_id (KfGui *gui)
{
  g_autoptr(KfIdentity) identity = kf_store_get_identity (kf_gui_store (gui), NULL);

  g_assert_nonnull (identity);
  return g_strdup (identity->base_id);
}

/* Every session in the store, read without any filter of the page's. */
static GPtrArray *
all_sessions (KfGui *gui)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *sessions = kf_store_list (kf_gui_store (gui), KF_ENTITY_SESSION, NULL, &error);

  g_assert_no_error (error);
  return sessions;
}

/* Types into a field; the window settles once a whole form is filled. */
static void
set_text (GtkWidget  *editable,
          const char *text)
{
  g_assert_true (GTK_IS_EDITABLE (editable));
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

static void
maybe_screenshot (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("KF_SCREENSHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_strdup_printf ("%s/%s.png", dir, name);
  kf_gui_settle ();
  kf_gui_screenshot (widget, path);
}

static GtkWidget *
find (GtkWidget  *root,
      const char *name)
{
  GtkWidget *widget = kf_gui_find (root, name);

  if (widget == NULL)
    g_error ("no widget named %s", name);
  return widget;
}

static gboolean
error_row_shows (GtkWidget  *dialog,
                 const char *row_name,
                 const char *text)
{
  GtkWidget *row = find (dialog, row_name);

  return gtk_widget_get_visible (row) &&
         strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), text) != NULL &&
         kf_gui_label_contains (row, text);
}

static guint
count_visible_errors (GtkWidget *root,
                      const char *prefix)
{
  guint n = 0;

  if (g_str_has_prefix (gtk_widget_get_name (root), prefix) && gtk_widget_get_visible (root))
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_visible_errors (child, prefix);
  return n;
}

/* A new session */

typedef struct
{
  const char *date;
  const char *start;
  const char *end;
  const char *capacity;
  const char *title;
} SessionForm;

static GtkWidget *
open_session_dialog (GtkWidget *page)
{
  GtkWindow *dialog;

  g_assert_true (kf_gui_activate (page, "sessions.new", NULL));
  dialog = kf_gui_find_window (KF_TYPE_SESSION_DIALOG);
  g_assert_nonnull (dialog);
  return GTK_WIDGET (dialog);
}

static void
fill_session_dialog (GtkWidget         *dialog,
                     const SessionForm *form)
{
  set_text (find (dialog, "session-dialog-date"), form->date);
  set_text (find (dialog, "session-dialog-start"), form->start);
  set_text (find (dialog, "session-dialog-end"), form->end);
  set_text (find (dialog, "session-dialog-capacity"), form->capacity);
  set_text (find (dialog, "session-dialog-title"), form->title);
}

static void
press (GtkWidget  *root,
       const char *button_name)
{
  GtkWidget *button = find (root, button_name);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  kf_gui_settle ();
}

static void
test_create_session (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  g_autofree char *tomorrow = date_from_today (1);
  g_autofree char *base_id = own_base_id (gui);
  SessionForm form = { tomorrow, "14:00", "15:30", "40", "气象站开放日：认识风向标" };
  GtkWidget *page = kf_gui_page (gui, "sessions");
  GtkWidget *dialog = open_session_dialog (page);
  g_autoptr(GPtrArray) sessions = NULL;
  const KfSession *session;

  fill_session_dialog (dialog, &form);
  /* meteorology, lecture */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find (dialog, "session-dialog-topic")), 4);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find (dialog, "session-dialog-format")), 2);
  maybe_screenshot (dialog, "session-dialog");
  press (dialog, "session-dialog-create");

  g_assert_null (kf_gui_find_window (KF_TYPE_SESSION_DIALOG));
  sessions = all_sessions (gui);
  g_assert_cmpuint (sessions->len, ==, 1);
  session = g_ptr_array_index (sessions, 0);
  g_assert_cmpstr (session->base_id, ==, base_id);
  g_assert_cmpstr (session->date, ==, tomorrow);
  g_assert_cmpstr (session->start, ==, "14:00");
  g_assert_cmpstr (session->end, ==, "15:30");
  g_assert_cmpint (session->capacity, ==, 40);
  g_assert_cmpstr (session->title, ==, form.title);
  g_assert_cmpstr (session->topic, ==, "meteorology");
  g_assert_cmpstr (session->format, ==, "lecture");
  g_assert_cmpstr (session->status, ==, "scheduled");
  g_assert_cmpint (kf_store_count_queued_ops (kf_gui_store (gui), NULL), ==, 1);

  /* In the list (upcoming), with its labels translated from the codes. */
  g_assert_true (kf_gui_label_contains (page, form.title));
  g_assert_true (kf_gui_label_contains (page, "14:00–15:30"));
  g_assert_true (kf_gui_label_contains (page, "Meteorology · Lecture"));
  g_assert_true (kf_gui_label_contains (page, "0 of 40 booked"));
  g_assert_true (kf_gui_label_contains (page, "1 session"));
}

typedef struct
{
  const char *name;
  SessionForm form;
  const char *error_row;
  const char *reason;
} BadSession;

static const BadSession bad_sessions[] = {
  { "end-before-start", { NULL, "10:30", "09:00", "30", "讲座" },
    "session-dialog-error-end", "later than the start" },
  { "end-equals-start", { NULL, "09:00", "09:00", "30", "讲座" },
    "session-dialog-error-end", "later than the start" },
  { "capacity-zero", { NULL, "09:00", "10:00", "0", "讲座" },
    "session-dialog-error-capacity", "between 1 and 100000" },
  { "capacity-too-big", { NULL, "09:00", "10:00", "100001", "讲座" },
    "session-dialog-error-capacity", "between 1 and 100000" },
  { "capacity-not-a-number", { NULL, "09:00", "10:00", "forty", "讲座" },
    "session-dialog-error-capacity", "whole number" },
  { "no-title", { NULL, "09:00", "10:00", "30", "" },
    "session-dialog-error-title", "1 to 100 characters" },
  { "bad-time", { NULL, "9 am", "10:00", "30", "讲座" },
    "session-dialog-error-start", "HH:MM" },
  { "bad-date", { "2025-02-30", "09:00", "10:00", "30", "讲座" },
    "session-dialog-error-date", "YYYY-MM-DD" },
};

/* Each mistake in a dialog of its own, in one window: the dialog stays,
 * the reason is under the row it is about and nowhere else, and nothing is
 * written. */
static void
test_bad_sessions (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  g_autofree char *tomorrow = date_from_today (1);
  GtkWidget *page = kf_gui_page (gui, "sessions");
  GtkWidget *dialog = NULL;
  g_autoptr(GPtrArray) sessions = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad_sessions); i++)
    {
      const BadSession *bad = &bad_sessions[i];
      SessionForm form = bad->form;
      g_autofree char *field_row = NULL;

      g_test_message ("case %s", bad->name);
      if (dialog != NULL)
        gtk_window_destroy (GTK_WINDOW (dialog));
      dialog = open_session_dialog (page);
      if (form.date == NULL)
        form.date = tomorrow;
      fill_session_dialog (dialog, &form);
      press (dialog, "session-dialog-create");

      g_assert_true (kf_gui_find_window (KF_TYPE_SESSION_DIALOG) == GTK_WINDOW (dialog));
      g_assert_true (error_row_shows (dialog, bad->error_row, bad->reason));
      g_assert_cmpuint (count_visible_errors (dialog, "session-dialog-error"), ==, 1);
      field_row = g_strconcat ("session-dialog-", bad->error_row + strlen ("session-dialog-error-"),
                               NULL);
      g_assert_true (gtk_widget_has_css_class (find (dialog, field_row), "error"));
      if (g_str_equal (bad->name, "end-before-start"))
        maybe_screenshot (dialog, "session-dialog-error");
      g_assert_cmpint (kf_store_count (kf_gui_store (gui), KF_ENTITY_SESSION, NULL), ==, 0);
      g_assert_cmpint (kf_store_count_queued_ops (kf_gui_store (gui), NULL), ==, 0);
    }

  /* Put right, the same dialog creates it. */
  set_text (find (dialog, "session-dialog-date"), tomorrow);
  set_text (find (dialog, "session-dialog-start"), "09:00");
  set_text (find (dialog, "session-dialog-end"), "10:00");
  set_text (find (dialog, "session-dialog-capacity"), "100000");
  set_text (find (dialog, "session-dialog-title"), "讲座");
  press (dialog, "session-dialog-create");
  g_assert_null (kf_gui_find_window (KF_TYPE_SESSION_DIALOG));
  sessions = all_sessions (gui);
  g_assert_cmpuint (sessions->len, ==, 1);
  g_assert_cmpint (KF_SESSION (sessions->pdata[0])->capacity, ==, 100000);
}

/* Cancelling */

static KfRecord *
put_session (KfGui      *gui,
             const char *date,
             const char *start,
             const char *end,
             const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base_id = own_base_id (gui);
  KfSession *session = KF_SESSION (kf_record_new (KF_ENTITY_SESSION));

  session->r.id = kf_new_id ();
  session->base_id = g_steal_pointer (&base_id);
  session->date = g_strdup (date);
  session->start = g_strdup (start);
  session->end = g_strdup (end);
  session->capacity = 50;
  session->title = g_strdup (title);
  session->topic = g_strdup ("meteorology");
  session->format = g_strdup ("study_tour");
  session->status = g_strdup ("scheduled");
  session->note = g_strdup ("");
  kf_store_put (kf_gui_store (gui), (KfRecord *) session, &error);
  g_assert_no_error (error);
  kf_gui_settle ();
  return (KfRecord *) session;
}

static char *
status_of (KfGui      *gui,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) record = kf_store_get (kf_gui_store (gui), KF_ENTITY_SESSION, id, &error);

  g_assert_no_error (error);
  return g_strdup (KF_SESSION (record)->status);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Clicks the button of @response, as a person would. */
static void
answer_cancel_question (const char *response)
{
  GtkWindow *question = kf_gui_find_window (ADW_TYPE_MESSAGE_DIALOG);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (question);
  GtkWidget *button;

  g_assert_nonnull (question);
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  button = find_button (GTK_WIDGET (question),
                        adw_message_dialog_get_response_label (dialog, response));
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  kf_gui_settle ();
  g_assert_null (kf_gui_find_window (ADW_TYPE_MESSAGE_DIALOG));
}

static void
test_cancel_session (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  g_autofree char *tomorrow = date_from_today (1);
  g_autoptr(KfRecord) session = put_session (gui, tomorrow, "09:00", "10:30", "雷电防护讲座");
  GtkWidget *page = kf_gui_page (gui, "sessions");
  g_autofree char *status = NULL;

  g_assert_true (kf_gui_label_contains (page, "雷电防护讲座"));
  g_assert_false (kf_gui_label_contains (page, "Cancelled"));

  /* Asked first: keeping it changes nothing. */
  g_assert_true (kf_gui_activate (page, "sessions.cancel", "s", session->id));
  maybe_screenshot (GTK_WIDGET (kf_gui_find_window (ADW_TYPE_MESSAGE_DIALOG)), "cancel-question");
  answer_cancel_question ("keep");
  status = status_of (gui, session->id);
  g_assert_cmpstr (status, ==, "scheduled");
  g_clear_pointer (&status, g_free);

  g_assert_true (kf_gui_activate (page, "sessions.cancel", "s", session->id));
  answer_cancel_question ("cancel-session");
  status = status_of (gui, session->id);
  g_assert_cmpstr (status, ==, "cancelled");

  /* Still listed, shown as cancelled, with no cancel button any more. */
  g_assert_true (kf_gui_label_contains (page, "雷电防护讲座"));
  g_assert_true (kf_gui_label_contains (page, "Cancelled"));
  g_assert_false (gtk_widget_get_mapped (find (page, "sessions-row-cancel")));
  g_assert_true (gtk_widget_has_css_class (
    gtk_widget_get_parent (gtk_widget_get_parent (find (page, "sessions-row-title"))),
    "session-cancelled"));
}

/* The period filter */

static guint
list_n_items (GtkWidget *page)
{
  GtkListView *list = GTK_LIST_VIEW (find (page, "sessions-list"));

  kf_gui_wait_model (G_LIST_MODEL (gtk_list_view_get_model (list)));
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
}

static const KfSession *
list_item (GtkWidget *page,
           guint      position)
{
  GtkListView *list = GTK_LIST_VIEW (find (page, "sessions-list"));
  g_autoptr(KfRecordObject) object =
    g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list)), position);

  /* the model keeps its pages, so the record outlives this reference */
  return KF_SESSION (kf_record_object_get_record (object));
}

static void
test_period_filter (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  g_autofree char *base_id = own_base_id (gui);
  g_autofree char *today = date_from_today (0);
  g_autofree char *tomorrow = date_from_today (1);
  g_autoptr(KfRecord) upcoming = put_session (gui, tomorrow, "09:00", "10:00", "明日开放");
  g_autoptr(GPtrArray) sessions = all_sessions (gui);
  GtkWidget *page = kf_gui_page (gui, "sessions");
  guint own = 0, own_past = 0, own_upcoming = 0, others = 0;

  for (guint i = 0; i < sessions->len; i++)
    {
      const KfSession *s = g_ptr_array_index (sessions, i);

      if (g_strcmp0 (s->base_id, base_id) != 0)
        {
          others++;
          continue;
        }
      own++;
      if (strcmp (s->date, today) < 0)
        own_past++;
      else
        own_upcoming++;
    }
  g_assert_cmpuint (others, >, 0);
  g_assert_cmpuint (own_upcoming, ==, 1);

  /* Upcoming by default: the one session of tomorrow. */
  g_assert_cmpuint (list_n_items (page), ==, own_upcoming);
  g_assert_cmpstr (list_item (page, 0)->title, ==, "明日开放");

  g_assert_true (kf_gui_activate (page, "sessions.period", "s", "all"));
  g_assert_cmpuint (list_n_items (page), ==, own);
  for (guint i = 1; i < own; i++)
    g_assert_cmpstr (list_item (page, i - 1)->date, <=, list_item (page, i)->date);
  for (guint i = 0; i < own; i++)
    g_assert_cmpstr (list_item (page, i)->base_id, ==, base_id);
  maybe_screenshot (GTK_WIDGET (gui->window), "sessions-all");

  /* Past: the latest first. */
  g_assert_true (kf_gui_activate (page, "sessions.period", "s", "past"));
  g_assert_cmpuint (list_n_items (page), ==, own_past);
  for (guint i = 1; i < own_past; i++)
    g_assert_cmpstr (list_item (page, i - 1)->date, >=, list_item (page, i)->date);
  g_assert_true (kf_gui_label_contains (page, "夜观星空与大气"));
  g_assert_true (kf_gui_label_contains (page, "Cancelled"));
  g_assert_false (kf_gui_label_contains (page, "明日开放"));
}

/* The activity week */

static GtkWidget *
open_week_dialog (GtkWidget *page)
{
  GtkWindow *dialog;

  g_assert_true (kf_gui_activate (page, "sessions.new-week", NULL));
  dialog = kf_gui_find_window (KF_TYPE_WEEK_DIALOG);
  g_assert_nonnull (dialog);
  return GTK_WIDGET (dialog);
}

static void
set_slot (GtkWidget  *dialog,
          guint       index,
          const char *start,
          const char *end)
{
  g_autofree char *start_name = g_strdup_printf ("week-slot-start-%u", index);
  g_autofree char *end_name = g_strdup_printf ("week-slot-end-%u", index);

  set_text (find (dialog, start_name), start);
  set_text (find (dialog, end_name), end);
}

static void
fill_week (GtkWidget  *dialog,
           const char *first,
           const char *last)
{
  set_text (find (dialog, "week-first-day"), first);
  set_text (find (dialog, "week-last-day"), last);
  set_slot (dialog, 0, "09:00", "10:30");
  g_assert_true (kf_gui_activate (dialog, "week.add-slot", NULL));
  set_slot (dialog, 1, "14:00", "15:30");
  set_text (find (dialog, "week-capacity"), "60");
  set_text (find (dialog, "week-title"), "科技活动周·气象台开放");
}

static GListModel *
preview_model (GtkWidget *dialog)
{
  GtkListView *list = GTK_LIST_VIEW (find (dialog, "week-preview-list"));

  return G_LIST_MODEL (gtk_list_view_get_model (list));
}

static void
changed_cb (KfStore *store,
            guint   *count)
{
  (*count)++;
}

static void
test_activity_week (void)
{
  static const char * const days[] = {
    "2025-05-24", "2025-05-25", "2025-05-26", "2025-05-27", "2025-05-28"
  };
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  GtkWidget *page = kf_gui_page (gui, "sessions");
  GtkWidget *dialog = open_week_dialog (page);
  KfStore *store = kf_gui_store (gui);
  g_autoptr(GPtrArray) preview_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sessions = NULL;
  GListModel *preview;
  guint changes = 0;
  gulong handler;

  fill_week (dialog, "2025-05-24", "2025-05-28");
  maybe_screenshot (dialog, "week-form");
  press (dialog, "week-preview");

  /* 5 days × 2 slots, by day and time, before anything is written. */
  preview = preview_model (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (preview), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(KfRecordObject) object = g_list_model_get_item (preview, i);
      const KfSession *s = KF_SESSION (kf_record_object_get_record (object));

      g_assert_cmpstr (s->date, ==, days[i / 2]);
      g_assert_cmpstr (s->start, ==, i % 2 == 0 ? "09:00" : "14:00");
      g_assert_cmpstr (s->end, ==, i % 2 == 0 ? "10:30" : "15:30");
      g_assert_cmpint (s->capacity, ==, 60);
      g_ptr_array_add (preview_ids, g_strdup (s->r.id));
    }
  g_assert_true (kf_gui_label_contains (dialog, "Sat 24 May 2025"));
  g_assert_true (kf_gui_label_contains (dialog, "Wed 28 May 2025"));
  g_assert_true (kf_gui_label_contains (dialog, "14:00–15:30"));
  g_assert_true (kf_gui_label_contains (dialog, "5 days × 2 time slots"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (find (dialog, "week-create"))), ==,
                   "C_reate 10 Sessions");
  g_assert_cmpint (kf_store_count (store, KF_ENTITY_SESSION, NULL), ==, 0);
  maybe_screenshot (dialog, "week-preview");

  /* One write of all ten: the store changes once. */
  handler = g_signal_connect (store, "changed", G_CALLBACK (changed_cb), &changes);
  press (dialog, "week-create");
  g_signal_handler_disconnect (store, handler);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_null (kf_gui_find_window (KF_TYPE_WEEK_DIALOG));

  sessions = all_sessions (gui);
  g_assert_cmpuint (sessions->len, ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      const KfSession *s = g_ptr_array_index (sessions, i);

      g_assert_cmpstr (s->r.id, ==, g_ptr_array_index (preview_ids, i));
      g_assert_cmpstr (s->date, ==, days[i / 2]);
      g_assert_cmpstr (s->start, ==, i % 2 == 0 ? "09:00" : "14:00");
      g_assert_cmpstr (s->title, ==, "科技活动周·气象台开放");
      g_assert_cmpstr (s->status, ==, "scheduled");
    }
  g_assert_cmpint (kf_store_count_queued_ops (store, NULL), ==, 10);

  g_assert_true (kf_gui_activate (page, "sessions.period", "s", "all"));
  g_assert_cmpuint (list_n_items (page), ==, 10);
}

typedef struct
{
  const char *name;
  const char *first;
  const char *last;
  const char *slot_start;   /* slot 0; NULL: remove it */
  const char *slot_end;
  const char *capacity;
  const char *error_row;
  const char *reason;
} BadWeek;

static const BadWeek bad_weeks[] = {
  { "last-before-first", "2025-05-28", "2025-05-24", "09:00", "10:30", "60",
    "week-error-last-day", "not be before the first day" },
  { "bad-first-day", "2025-05-32", "2025-06-01", "09:00", "10:30", "60",
    "week-error-first-day", "YYYY-MM-DD" },
  { "no-slot", "2025-05-24", "2025-05-28", NULL, NULL, "60",
    "week-error-slots", "at least one time slot" },
  { "slot-ends-before-it-starts", "2025-05-24", "2025-05-28", "11:00", "10:30", "60",
    "week-error-slot-0", "end later than it starts" },
  { "too-many", "2024-06-01", "2025-12-31", "09:00", "10:30", "60",
    "week-error-count", "would make 579 sessions, and at most 500" },
  { "capacity-zero", "2025-05-24", "2025-05-28", "09:00", "10:30", "0",
    "week-error-capacity", "between 1 and 100000" },
};

/* Each mistake in a dialog of its own, in one window: refused where the
 * mistake is, with no preview, and nothing written. */
static void
test_bad_weeks (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  GtkWidget *page = kf_gui_page (gui, "sessions");

  for (guint i = 0; i < G_N_ELEMENTS (bad_weeks); i++)
    {
      const BadWeek *bad = &bad_weeks[i];
      GtkWidget *dialog = open_week_dialog (page);

      g_test_message ("case %s", bad->name);
      set_text (find (dialog, "week-first-day"), bad->first);
      set_text (find (dialog, "week-last-day"), bad->last);
      if (bad->slot_start != NULL)
        set_slot (dialog, 0, bad->slot_start, bad->slot_end);
      else
        g_assert_true (kf_gui_activate (dialog, "week.remove-slot", "u", 0));
      set_text (find (dialog, "week-capacity"), bad->capacity);
      set_text (find (dialog, "week-title"), "开放日");
      press (dialog, "week-preview");

      g_assert_true (error_row_shows (dialog, bad->error_row, bad->reason));
      g_assert_cmpuint (count_visible_errors (dialog, "week-error"), ==, 1);
      g_assert_false (gtk_widget_get_visible (find (dialog, "week-create")));
      g_assert_cmpuint (g_list_model_get_n_items (preview_model (dialog)), ==, 0);
      g_assert_cmpint (kf_store_count (kf_gui_store (gui), KF_ENTITY_SESSION, NULL), ==, 0);
      if (g_str_equal (bad->name, "too-many"))
        maybe_screenshot (dialog, "week-too-many");
      gtk_window_destroy (GTK_WINDOW (dialog));
      kf_gui_settle ();
    }
}

/* The plan alone, without a screen */

static KfSession *
pattern_session (void)
{
  KfSession *session = KF_SESSION (kf_record_new (KF_ENTITY_SESSION));

  session->base_id = kf_new_id ();
  session->capacity = 30;
  session->title = g_strdup ("开放日");
  session->topic = g_strdup ("other");
  session->format = g_strdup ("exhibition");
  session->note = g_strdup ("");
  return session;
}

static guint
plan_count (const char       *first,
            const char       *last,
            const KfTimeSlot *slots,
            guint             n_slots,
            const char      **error_field)
{
  g_autoptr(KfRecord) session = (KfRecord *) pattern_session ();
  KfWeekPattern pattern = { first, last, slots, n_slots, KF_SESSION (session) };
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GPtrArray) sessions = kf_week_plan_build (&pattern, &errors);
  static char field[32];

  if (sessions != NULL)
    {
      g_assert_null (errors);
      *error_field = NULL;
      return sessions->len;
    }
  g_assert_cmpuint (errors->len, >=, 1);
  g_strlcpy (field, kf_error_get_field (g_ptr_array_index (errors, 0)), sizeof field);
  *error_field = field;
  return 0;
}

static void
test_week_plan (void)
{
  static const KfTimeSlot two[] = { { "14:00", "15:30" }, { "09:00", "10:30" } };
  static const KfTimeSlot overlapping[] = { { "09:00", "10:30" }, { "10:00", "11:00" } };
  static const KfTimeSlot touching[] = { { "09:00", "10:30" }, { "10:30", "11:00" } };
  g_autoptr(KfRecord) session = (KfRecord *) pattern_session ();
  KfWeekPattern pattern = { "2025-05-30", "2025-06-02", two, 2, KF_SESSION (session) };
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GPtrArray) sessions = kf_week_plan_build (&pattern, &errors);
  const char *field;

  /* Across a month's end, slots by time whatever their order. */
  g_assert_nonnull (sessions);
  g_assert_cmpuint (sessions->len, ==, 8);
  g_assert_cmpstr (KF_SESSION (sessions->pdata[0])->date, ==, "2025-05-30");
  g_assert_cmpstr (KF_SESSION (sessions->pdata[0])->start, ==, "09:00");
  g_assert_cmpstr (KF_SESSION (sessions->pdata[1])->start, ==, "14:00");
  g_assert_cmpstr (KF_SESSION (sessions->pdata[3])->date, ==, "2025-05-31");
  g_assert_cmpstr (KF_SESSION (sessions->pdata[4])->date, ==, "2025-06-01");
  g_assert_cmpstr (KF_SESSION (sessions->pdata[7])->date, ==, "2025-06-02");
  for (guint i = 0; i < sessions->len; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (kf_record_validate (sessions->pdata[i], &error));
      g_assert_no_error (error);
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (((KfRecord *) sessions->pdata[i])->id, !=,
                         ((KfRecord *) sessions->pdata[j])->id);
    }

  /* 500 at once, not 501; one day; slots that overlap or only touch. */
  g_assert_cmpuint (plan_count ("2025-01-01", "2025-09-07", two, 2, &field), ==, 500);
  g_assert_cmpuint (plan_count ("2025-01-01", "2025-09-08", two, 2, &field), ==, 0);
  g_assert_cmpstr (field, ==, "count");
  g_assert_cmpuint (plan_count ("2024-01-01", "2025-05-15", two, 1, &field), ==, 0);
  g_assert_cmpstr (field, ==, "count");
  g_assert_cmpuint (plan_count ("2024-01-01", "2025-05-14", two, 1, &field), ==, 500);
  g_assert_cmpuint (plan_count ("2025-05-24", "2025-05-24", two, 2, &field), ==, 2);
  g_assert_cmpuint (plan_count ("2025-05-24", "2025-05-26", overlapping, 2, &field), ==, 0);
  g_assert_cmpstr (field, ==, "slot-1");
  g_assert_cmpuint (plan_count ("2025-05-24", "2025-05-26", touching, 2, &field), ==, 6);
  g_assert_cmpuint (plan_count ("2024-02-28", "2024-03-01", two, 1, &field), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/sessions/week-plan", test_week_plan);
  g_test_add_func ("/gui/sessions/create", test_create_session);
  g_test_add_func ("/gui/sessions/refused", test_bad_sessions);
  g_test_add_func ("/gui/sessions/cancel", test_cancel_session);
  g_test_add_func ("/gui/sessions/period", test_period_filter);
  g_test_add_func ("/gui/sessions/week", test_activity_week);
  g_test_add_func ("/gui/sessions/week-refused", test_bad_weeks);

  return g_test_run ();
}

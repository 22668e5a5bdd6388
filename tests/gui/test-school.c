/* test-school.c — the school's window: the open sessions of every base with
 * their seats left, a request for a visit (refused first, then sent), the
 * base's answer arriving through a real hub, cancelling, and the filters
 *
 * The hub is a real kaifang-hub process on 127.0.0.1, port 0; the base is a
 * real kaifang-cli on a database of its own; the school is the real window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-gui-tests"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gui-test-util.h"
#include "kf-hub-harness.h"
#include "kf-labels.h"
#include "kf-open-sessions-page.h"
#include "kf-request-dialog.h"
#include "kf-sync-engine.h"
#include "kf-sync-store.h"
#include "kf-welcome-page.h"

static char *
date_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
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

/* kaifang-cli on @db; it must succeed. Returns its stdout, stripped. */
static char *
cli (const char *db,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KF_CLI"));
  g_assert_nonnull (argv->pdata[0]);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  va_start (args, db);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (process) != 0)
    g_error ("kaifang-cli %s %s failed: %s", (char *) argv->pdata[3],
             argv->len > 5 ? (char *) argv->pdata[4] : "", err);
  return g_strstrip (out);
}

/* The status of booking @id as kaifang-cli shows it (JSON). */
static char *
cli_booking_status (const char *db,
                    const char *id)
{
  g_autofree char *json = cli (db, "booking", "list", "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *bookings;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  bookings = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (bookings); i++)
    {
      JsonObject *booking = json_array_get_object_element (bookings, i);

      if (g_strcmp0 (json_object_get_string_member (booking, "id"), id) == 0)
        return g_strdup (json_object_get_string_member (booking, "status"));
    }
  return NULL;
}

/* The school's window, set up on the welcome page as a person would. */
static KfGui *
school_window (void)
{
  KfGui *gui = kf_gui_new (KF_GUI_EMPTY);
  GtkWidget *welcome = kf_gui_find_type (GTK_WIDGET (gui->window), KF_TYPE_WELCOME_PAGE);

  g_assert_true (kf_gui_activate (welcome, "welcome.choose", "s", "school"));
  kf_gui_set_text (find (GTK_WIDGET (gui->window), "welcome-org-name"), KF_ORG_X);
  g_assert_true (kf_gui_activate (welcome, "welcome.setup", NULL));
  g_assert_nonnull (adw_view_stack_get_child_by_name (kf_window_get_view_stack (gui->window),
                                                      "open-sessions"));
  return gui;
}

typedef struct
{
  gboolean      done;
  gboolean      ok;
  KfSyncCounts  counts;
  GError       *error;
} SyncWait;

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  SyncWait *wait = data;

  wait->ok = kf_sync_engine_sync_finish (KF_SYNC_ENGINE (object), result, &wait->counts,
                                         &wait->error);
  wait->done = TRUE;
}

/* A sync by the window's own engine, as the sync button starts it. */
static KfSyncCounts
school_sync (KfGui *gui)
{
  SyncWait wait = { 0 };

  kf_sync_engine_sync_async (kf_application_get_sync_engine (gui->app), NULL, sync_done_cb,
                             &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
  kf_gui_settle ();
  return wait.counts;
}

static guint
n_rows (GtkWidget  *page,
        const char *list_name)
{
  GtkListView *list = GTK_LIST_VIEW (find (page, list_name));

  kf_gui_wait_model (G_LIST_MODEL (gtk_list_view_get_model (list)));
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
}

static const char *
label_text (GtkWidget  *root,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (find (root, name)));
}

static gint64
count (KfGui    *gui,
       KfEntity  entity)
{
  g_autoptr(GError) error = NULL;
  gint64 n = kf_store_count (kf_gui_store (gui), entity, &error);

  g_assert_no_error (error);
  return n;
}

static gint64
queued (KfGui *gui)
{
  g_autoptr(GError) error = NULL;
  gint64 n = kf_store_count_queued_ops (kf_gui_store (gui), &error);

  g_assert_no_error (error);
  return n;
}

static GtkWidget *
open_request (GtkWidget  *page,
              const char *session_id)
{
  GtkWindow *dialog;

  g_assert_true (kf_gui_activate (page, "open-sessions.request", "s", session_id));
  dialog = kf_gui_find_window (KF_TYPE_REQUEST_DIALOG);
  g_assert_nonnull (dialog);
  return GTK_WIDGET (dialog);
}

static void
fill_request (GtkWidget  *dialog,
              const char *phone,
              double      youth,
              double      adults)
{
  gtk_editable_set_text (GTK_EDITABLE (find (dialog, "request-grade")), "五年级（2）班");
  gtk_editable_set_text (GTK_EDITABLE (find (dialog, "request-contact-name")), "王老师");
  gtk_editable_set_text (GTK_EDITABLE (find (dialog, "request-contact-phone")), phone);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find (dialog, "request-youth")), youth);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find (dialog, "request-adults")), adults);
  kf_gui_settle ();
}

/* The one booking of the school's store. */
static KfRecord *
only_booking (KfGui *gui)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bookings = kf_store_list (kf_gui_store (gui), KF_ENTITY_BOOKING, NULL,
                                                 &error);

  g_assert_no_error (error);
  g_assert_cmpuint (bookings->len, ==, 1);
  return g_steal_pointer (&bookings->pdata[0]);
}

/* A refused request shows its reason under the field, naming it, and
 * writes nothing; the corrected one is a requested booking, queued. */
static KfRecord *
request_visit (KfGui      *gui,
               GtkWidget  *page,
               const char *session_id)
{
  GtkWidget *dialog = open_request (page, session_id);
  GtkWidget *phone_error = find (dialog, "request-contact-phone-error");

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find (dialog, "request-org"))),
                   ==, KF_ORG_X);
  fill_request (dialog, "12ab", 20, 5);
  g_assert_true (kf_gui_activate (dialog, "request.send", NULL));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (phone_error)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (phone_error)),
                                   "Contact phone: "));
  g_assert_true (gtk_widget_has_css_class (find (dialog, "request-contact-phone"), "error"));
  g_assert_false (gtk_widget_get_visible (find (dialog, "request-error")));
  g_assert_cmpint (count (gui, KF_ENTITY_BOOKING), ==, 0);
  g_assert_cmpint (queued (gui), ==, 0);
  maybe_screenshot (dialog, "request-dialog-error");

  gtk_editable_set_text (GTK_EDITABLE (find (dialog, "request-contact-phone")), "138 1234 0000");
  g_assert_true (kf_gui_activate (dialog, "request.send", NULL));
  g_assert_null (kf_gui_find_window (KF_TYPE_REQUEST_DIALOG));
  g_assert_cmpint (queued (gui), ==, 1);
  return only_booking (gui);
}

static void
check_request (const KfBooking *booking,
               const char      *session_id)
{
  g_assert_cmpstr (booking->session_id, ==, session_id);
  g_assert_cmpstr (booking->base_id, ==, KF_BASE_A_ID);
  g_assert_cmpstr (booking->org_name, ==, KF_ORG_X);
  g_assert_cmpstr (booking->org_type, ==, "school");
  g_assert_cmpstr (booking->grade, ==, "五年级（2）班");
  g_assert_cmpstr (booking->contact_name, ==, "王老师");
  g_assert_cmpstr (booking->contact_phone, ==, "138 1234 0000");
  g_assert_cmpint (booking->youth_count, ==, 20);
  g_assert_cmpint (booking->adult_count, ==, 5);
  g_assert_cmpstr (booking->status, ==, "requested");
}

/* Cancels with the row's button, or with the action as a stale row would. */
static void
cancel_in_window (KfGui      *gui,
                  GtkWidget  *page,
                  const char *booking_id,
                  gboolean    click)
{
  GtkWindow *question;

  if (click)
    {
      g_signal_emit_by_name (find (page, "my-booking-cancel"), "clicked");
      kf_gui_settle ();
    }
  else
    g_assert_true (kf_gui_activate (page, "my-bookings.cancel", "s", booking_id));
  question = kf_gui_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (question);
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (question)), ==, "my-booking-cancel-dialog");
  /* As its button does: the response, then the dialog closes. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "cancel-booking");
  gtk_window_destroy (question);
  kf_gui_settle ();
}

typedef struct
{
  KfHub *hub;
  char  *dir;
  char  *base_db;
} Base;

/* The base: kaifang-cli on its own database, with base A's token. */
static Base *
base_new (KfHub *hub)
{
  Base *base = g_new0 (Base, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  base->hub = hub;
  base->dir = g_dir_make_tmp ("kf-school-base-XXXXXX", &error);
  g_assert_no_error (error);
  base->base_db = g_build_filename (base->dir, "base.db", NULL);
  id = cli (base->base_db, "init", "--role", "base", "--base-name", KF_BASE_A_NAME, NULL);
  return base;
}

static void
base_sync (Base *base)
{
  g_autofree char *out = cli (base->base_db, "sync", "--hub", base->hub->url, "--token",
                              base->hub->token[KF_TOK_BASE_A], NULL);

  g_assert_true (g_str_has_suffix (out, "rejected 0"));
}

static char *
base_add_session (Base       *base,
                  const char *date,
                  const char *start,
                  const char *title)
{
  return cli (base->base_db, "session", "add", "--date", date, "--start", start,
              "--end", "23:59", "--capacity", "40", "--title", title, "--topic", "meteorology",
              "--format", "lecture", NULL);
}

static void
base_free (Base *base)
{
  g_autoptr(GDir) dir = g_dir_open (base->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (base->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (base->dir);
  g_free (base->base_db);
  g_free (base->dir);
  g_free (base);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Base, base_free)

static void
test_request_flow (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Base) base = base_new (hub);
  g_autofree char *tomorrow = date_from_today (1);
  g_autofree char *session_id = base_add_session (base, tomorrow, "09:00", "看云识天气");
  g_autoptr(KfGui) gui = NULL;
  g_autoptr(KfRecord) booking = NULL;
  g_autoptr(KfRecord) stored = NULL;
  g_autofree char *status = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page;
  GtkWidget *mine;
  KfSyncCounts counts;

  base_sync (base);

  gui = school_window ();
  page = kf_gui_page (gui, "open-sessions");
  g_assert_cmpuint (n_rows (page, "open-sessions-list"), ==, 0);
  g_assert_true (kf_sync_set_hub (kf_gui_store (gui), hub->url, hub->token[KF_TOK_SCHOOL_X],
                                  NULL, &error));
  g_assert_no_error (error);
  counts = school_sync (gui);
  g_assert_cmpuint (counts.pulled, >=, 2);   /* the bases and the session */

  /* Every base's sessions, with the seats left as last synced. */
  g_assert_cmpuint (n_rows (page, "open-sessions-list"), ==, 1);
  g_assert_true (kf_gui_label_contains (page, "看云识天气"));
  g_assert_true (kf_gui_label_contains (page, KF_BASE_A_NAME));
  g_assert_true (kf_gui_label_contains (page, "40 of 40 seats left"));
  g_assert_true (kf_gui_label_contains (page, "Seats left as of the last sync (Just now)"));

  booking = request_visit (gui, page, session_id);
  check_request (KF_BOOKING (booking), session_id);
  g_assert_true (kf_gui_label_contains (page, "Your booking: 25 people, Requested"));
  /* A request does not hold seats. */
  g_assert_true (kf_gui_label_contains (page, "40 of 40 seats left"));

  counts = school_sync (gui);
  g_assert_cmpuint (counts.pushed, ==, 1);
  g_assert_cmpuint (counts.rejected, ==, 0);
  g_assert_cmpint (queued (gui), ==, 0);

  /* The base confirms. */
  base_sync (base);
  g_clear_pointer (&status, g_free);
  status = cli_booking_status (base->base_db, booking->id);
  g_assert_cmpstr (status, ==, "requested");
  g_free (cli (base->base_db, "booking", "confirm", booking->id, NULL));
  base_sync (base);

  counts = school_sync (gui);
  g_assert_cmpuint (counts.pulled, >=, 2);   /* the booking and its session's seats */
  g_assert_true (kf_gui_label_contains (page, "15 of 40 seats left"));
  g_assert_true (kf_gui_label_contains (page, "Your booking: 25 people, Confirmed"));
  maybe_screenshot (GTK_WIDGET (gui->window), "open-sessions");

  mine = kf_gui_page (gui, "my-bookings");
  g_assert_cmpuint (n_rows (mine, "my-bookings-list"), ==, 1);
  g_assert_cmpstr (label_text (mine, "my-booking-status"), ==,
                   kf_label_booking_status ("confirmed"));
  g_assert_cmpstr (label_text (mine, "my-booking-title"), ==, "看云识天气");
  g_assert_cmpstr (label_text (mine, "my-booking-base"), ==, KF_BASE_A_NAME);
  g_assert_cmpstr (label_text (mine, "my-booking-time"), ==, "09:00–23:59");
  g_assert_true (kf_gui_label_contains (mine, "25 people (20 youth, 5 adults)"));
  g_assert_true (gtk_widget_get_mapped (find (mine, "my-booking-cancel")));
  g_assert_true (gtk_widget_get_sensitive (find (mine, "my-booking-cancel")));
  g_assert_false (gtk_widget_get_visible (find (mine, "my-booking-mark")));
  maybe_screenshot (GTK_WIDGET (gui->window), "my-bookings");

  /* Cancelled before the session starts: queued, then sent, and the seats
   * are free again. */
  cancel_in_window (gui, mine, booking->id, TRUE);
  stored = kf_store_get (kf_gui_store (gui), KF_ENTITY_BOOKING, booking->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (KF_BOOKING (stored)->status, ==, "cancelled");
  g_assert_cmpint (queued (gui), ==, 1);
  g_assert_cmpstr (label_text (mine, "my-booking-status"), ==,
                   kf_label_booking_status ("cancelled"));
  g_assert_false (gtk_widget_get_mapped (find (mine, "my-booking-cancel")));

  counts = school_sync (gui);
  g_assert_cmpuint (counts.pushed, ==, 1);
  g_assert_cmpuint (counts.rejected, ==, 0);
  g_assert_cmpuint (counts.conflicts, ==, 0);
  base_sync (base);
  g_clear_pointer (&status, g_free);
  status = cli_booking_status (base->base_db, booking->id);
  g_assert_cmpstr (status, ==, "cancelled");
  page = kf_gui_page (gui, "open-sessions");
  g_assert_true (kf_gui_label_contains (page, "40 of 40 seats left"));
}

/* A session that has started can no longer be cancelled: the button says
 * so, and the action is refused by core with nothing written. */
static void
test_cancel_after_start (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Base) base = base_new (hub);
  g_autofree char *today = date_from_today (0);
  g_autofree char *session_id = base_add_session (base, today, "00:00", "午夜观星");
  g_autoptr(KfGui) gui = NULL;
  g_autoptr(KfRecord) booking = NULL;
  g_autoptr(KfRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page;
  GtkWidget *mine;

  base_sync (base);
  gui = school_window ();
  g_assert_true (kf_sync_set_hub (kf_gui_store (gui), hub->url, hub->token[KF_TOK_SCHOOL_X],
                                  NULL, &error));
  school_sync (gui);
  page = kf_gui_page (gui, "open-sessions");
  booking = request_visit (gui, page, session_id);
  school_sync (gui);

  mine = kf_gui_page (gui, "my-bookings");
  g_assert_cmpuint (n_rows (mine, "my-bookings-list"), ==, 1);
  g_assert_true (gtk_widget_get_mapped (find (mine, "my-booking-cancel")));
  g_assert_false (gtk_widget_get_sensitive (find (mine, "my-booking-cancel")));

  cancel_in_window (gui, mine, booking->id, FALSE);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (find (mine,
                                                                    "my-bookings-error-area"))));
  g_assert_nonnull (strstr (label_text (mine, "my-bookings-error"), "before its session starts"));
  stored = kf_store_get (kf_gui_store (gui), KF_ENTITY_BOOKING, booking->id, &error);
  g_assert_cmpstr (KF_BOOKING (stored)->status, ==, "requested");
  g_assert_cmpint (queued (gui), ==, 0);
}

/* What syncing had to say is marked on the booking: a request the hub
 * refused (its session was cancelled meanwhile), and a cancellation that met
 * the base's confirmation (a conflict, resolved in the window). */
static void
test_sync_marks (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Base) base = base_new (hub);
  g_autofree char *tomorrow = date_from_today (1);
  g_autofree char *kept_id = base_add_session (base, tomorrow, "09:00", "看云识天气");
  g_autofree char *dropped_id = base_add_session (base, tomorrow, "14:00", "雷电防护");
  g_autoptr(KfGui) gui = NULL;
  g_autoptr(KfRecord) booking = NULL;
  g_autoptr(KfRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page;
  GtkWidget *mine;
  GtkWindow *dialog;
  KfSyncCounts counts;

  base_sync (base);
  gui = school_window ();
  g_assert_true (kf_sync_set_hub (kf_gui_store (gui), hub->url, hub->token[KF_TOK_SCHOOL_X],
                                  NULL, &error));
  school_sync (gui);
  page = kf_gui_page (gui, "open-sessions");
  booking = request_visit (gui, page, kept_id);
  school_sync (gui);

  /* The base confirms, while the school cancels from what it last pulled. */
  base_sync (base);
  g_free (cli (base->base_db, "booking", "confirm", booking->id, NULL));
  base_sync (base);
  mine = kf_gui_page (gui, "my-bookings");
  cancel_in_window (gui, mine, booking->id, TRUE);
  counts = school_sync (gui);
  g_assert_cmpuint (counts.conflicts, ==, 1);
  g_assert_true (gtk_widget_get_visible (find (mine, "my-booking-mark")));
  g_assert_nonnull (strstr (label_text (mine, "my-booking-mark"), "at the same time"));
  g_assert_true (gtk_widget_get_visible (find (mine, "my-booking-resolve")));

  /* The base's answer is taken: confirmed, and nothing is marked any more. */
  g_assert_true (kf_gui_activate (mine, "my-bookings.resolve", "s", booking->id));
  dialog = kf_gui_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (dialog)), ==, "booking-conflict-dialog");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "theirs");
  gtk_window_destroy (dialog);
  kf_gui_settle ();
  stored = kf_store_get (kf_gui_store (gui), KF_ENTITY_BOOKING, booking->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (KF_BOOKING (stored)->status, ==, "confirmed");
  g_assert_false (gtk_widget_get_visible (find (mine, "my-booking-mark")));
  g_assert_cmpstr (label_text (mine, "my-booking-status"), ==,
                   kf_label_booking_status ("confirmed"));

  /* A request for the session the base has just cancelled (not pulled
   * yet): written here, refused by the hub, and marked with its reason. */
  g_free (cli (base->base_db, "session", "cancel", dropped_id, NULL));
  base_sync (base);
  page = kf_gui_page (gui, "open-sessions");
  g_assert_cmpuint (n_rows (page, "open-sessions-list"), ==, 2);
  {
    GtkWidget *request = open_request (page, dropped_id);

    fill_request (request, "13812340000", 10, 1);
    g_assert_true (kf_gui_activate (request, "request.send", NULL));
    g_assert_null (kf_gui_find_window (KF_TYPE_REQUEST_DIALOG));
  }
  counts = school_sync (gui);
  g_assert_cmpuint (counts.rejected, ==, 1);
  mine = kf_gui_page (gui, "my-bookings");
  g_assert_cmpuint (n_rows (mine, "my-bookings-list"), ==, 2);
  g_assert_true (kf_gui_label_contains (mine, "The hub refused the last change: "));
  /* The cancelled session is no longer open. */
  page = kf_gui_page (gui, "open-sessions");
  g_assert_cmpuint (n_rows (page, "open-sessions-list"), ==, 1);
}

/* Filters */

static void
save_all (KfStore   *store,
          KfRecord **records,
          guint      n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kf_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    g_assert_true (kf_store_save (store, records[i], &error));
  g_assert_true (kf_store_commit (store, &error));
  g_assert_no_error (error);
  kf_store_notify_changed (store);
  kf_gui_settle ();
}

static KfRecord *
make_base (const char *id,
           const char *name)
{
  KfRecord *record = kf_record_new (KF_ENTITY_BASE);

  record->id = g_strdup (id);
  record->version = 1;
  KF_BASE (record)->name = g_strdup (name);
  KF_BASE (record)->address = g_strdup ("");
  KF_BASE (record)->contact_name = g_strdup ("");
  KF_BASE (record)->contact_phone = g_strdup ("");
  return record;
}

static KfRecord *
make_session (const char *base_id,
              int         days,
              const char *title,
              const char *topic,
              const char *format,
              const char *status)
{
  KfSession *session = KF_SESSION (kf_record_new (KF_ENTITY_SESSION));

  session->r.id = kf_new_id ();
  session->r.version = 1;
  session->base_id = g_strdup (base_id);
  session->date = date_from_today (days);
  session->start = g_strdup ("09:00");
  session->end = g_strdup ("10:00");
  session->capacity = 30;
  session->confirmed_people = 12;
  session->title = g_strdup (title);
  session->topic = g_strdup (topic);
  session->format = g_strdup (format);
  session->status = g_strdup (status);
  session->note = g_strdup ("");
  return (KfRecord *) session;
}

static void
choose (GtkWidget  *page,
        const char *dropdown,
        guint       position)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find (page, dropdown)), position);
  kf_gui_settle ();
}

static guint
code_position (const char * const *codes,
               const char         *code)
{
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_str_equal (codes[i], code))
      return i + 1;   /* after "all" */
  g_assert_not_reached ();
}

/* What was last pulled, without any hub: the filters are the store's query. */
static void
test_filters (void)
{
  g_autoptr(KfGui) gui = school_window ();
  KfRecord *records[] = {
    make_base (KF_BASE_A_ID, KF_BASE_A_NAME),
    make_base (KF_BASE_B_ID, KF_BASE_B_NAME),
    make_session (KF_BASE_A_ID, 1, "看云", "meteorology", "lecture", "scheduled"),
    make_session (KF_BASE_A_ID, 12, "种田", "agriculture", "hands_on", "scheduled"),
    make_session (KF_BASE_B_ID, 2, "识雨", "meteorology", "hands_on", "scheduled"),
    make_session (KF_BASE_B_ID, -1, "昨天", "meteorology", "lecture", "scheduled"),
    make_session (KF_BASE_B_ID, 1, "取消了", "meteorology", "lecture", "cancelled"),
  };
  GtkWidget *page;

  page = kf_gui_page (gui, "open-sessions");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (find (page,
                                                                     "open-sessions-empty"))),
                   ==, "No Open Sessions");
  g_assert_true (kf_gui_label_contains (page, "Not synced with the hub yet"));
  save_all (kf_gui_store (gui), records, G_N_ELEMENTS (records));

  /* Upcoming and scheduled by default: neither yesterday's nor the cancelled one. */
  g_assert_cmpuint (n_rows (page, "open-sessions-list"), ==, 3);
  g_assert_true (kf_gui_label_contains (page, "18 of 30 seats left"));
  g_assert_false (kf_gui_label_contains (page, "昨天"));
  g_assert_false (kf_gui_label_contains (page, "取消了"));

  choose (page, "open-sessions-base", 2);   /* bases by name: Alpha, Beta */
  g_assert_cmpuint (n_rows (page, "open-sessions-list"), ==, 1);
  g_assert_true (kf_gui_label_contains (page, "识雨"));
  choose (page, "open-sessions-base", 0);

  choose (page, "open-sessions-topic", code_position (kf_topic_codes, "meteorology"));
  g_assert_cmpuint (n_rows (page, "open-sessions-list"), ==, 2);
  choose (page, "open-sessions-format", code_position (kf_format_codes, "hands_on"));
  g_assert_cmpuint (n_rows (page, "open-sessions-list"), ==, 1);
  g_assert_true (kf_gui_label_contains (page, "识雨"));
  choose (page, "open-sessions-topic", 0);
  g_assert_cmpuint (n_rows (page, "open-sessions-list"), ==, 2);
  choose (page, "open-sessions-format", 0);

  choose (page, "open-sessions-period", 2);   /* the next 7 days */
  g_assert_cmpuint (n_rows (page, "open-sessions-list"), ==, 2);
  g_assert_false (kf_gui_label_contains (page, "种田"));
  choose (page, "open-sessions-period", 1);   /* today */
  g_assert_cmpuint (n_rows (page, "open-sessions-list"), ==, 0);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (find (page,
                                                                     "open-sessions-empty"))),
                   ==, "No Matching Sessions");
  g_assert_true (gtk_widget_get_visible (find (page, "open-sessions-show-all")));
  g_assert_true (kf_gui_activate (page, "open-sessions.show-all", NULL));
  g_assert_cmpuint (n_rows (page, "open-sessions-list"), ==, 3);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (find (page,
                                                                     "open-sessions-period"))),
                    ==, 0);

  /* Offline, a request is queued for the next sync. */
  {
    g_autoptr(KfRecord) booking = NULL;

    booking = request_visit (gui, page, records[4]->id);
    g_assert_cmpstr (KF_BOOKING (booking)->base_id, ==, KF_BASE_B_ID);
    g_assert_cmpint (queued (gui), ==, 1);
  }

  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    kf_record_free (records[i]);
}

static KfRecord *
make_booking (const KfRecord *session,
              const char     *grade,
              gint64          youth,
              gint64          adults,
              const char     *status)
{
  KfBooking *booking = KF_BOOKING (kf_record_new (KF_ENTITY_BOOKING));

  booking->r.id = kf_new_id ();
  booking->r.version = 2;
  booking->base_id = g_strdup (KF_SESSION (session)->base_id);
  booking->session_id = g_strdup (session->id);
  booking->org_name = g_strdup (KF_ORG_X);
  booking->org_type = g_strdup ("school");
  booking->grade = g_strdup (grade);
  booking->contact_name = g_strdup ("王老师");
  booking->contact_phone = g_strdup ("13812340000");
  booking->youth_count = youth;
  booking->adult_count = adults;
  booking->status = g_strdup (status);
  booking->note = g_strdup ("");
  return (KfRecord *) booking;
}

/* The two pages and the request dialog as a teacher sees them, for
 * KF_SCREENSHOT_DIR (with KF_SCREENSHOT_LOCALEDIR, in the language asked for). */
static void
test_screenshots (void)
{
  g_autoptr(KfGui) gui = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) synced = g_date_time_add_minutes (now, -5);
  g_autofree char *synced_text = NULL;
  KfRecord *records[12];
  GtkWidget *dialog;
  guint n = 0;

  if (g_getenv ("KF_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("KF_SCREENSHOT_DIR is not set");
      return;
    }
  gui = school_window ();
  gtk_window_set_default_size (GTK_WINDOW (gui->window), 1100, 720);
  kf_gui_page (gui, "open-sessions");
  maybe_screenshot (GTK_WIDGET (gui->window), "school-open-sessions-empty");
  records[n++] = make_base (KF_BASE_A_ID, "沁水县气象局");
  records[n++] = make_base (KF_BASE_B_ID, "沁水县农业科技示范园");
  records[n++] = make_session (KF_BASE_A_ID, 1, "看云识天气：走进县气象观测场", "meteorology",
                               "study_tour", "scheduled");
  records[n++] = make_session (KF_BASE_B_ID, 1, "智慧农业与无人机植保", "agriculture", "hands_on",
                               "scheduled");
  records[n++] = make_session (KF_BASE_A_ID, 3, "防灾减灾：雷电与暴雨的自救常识",
                               "emergency_safety", "lecture", "scheduled");
  records[n++] = make_session (KF_BASE_B_ID, 5, "新能源大棚开放日", "new_energy_materials",
                               "exhibition", "scheduled");
  KF_SESSION (records[3])->confirmed_people = 30;
  KF_SESSION (records[4])->confirmed_people = 0;
  KF_SESSION (records[5])->capacity = 120;
  KF_SESSION (records[5])->confirmed_people = 45;
  g_free (KF_SESSION (records[5])->start);
  g_free (KF_SESSION (records[5])->end);
  KF_SESSION (records[5])->start = g_strdup ("14:30");
  KF_SESSION (records[5])->end = g_strdup ("16:00");
  records[n++] = make_booking (records[5], "五年级（2）班", 40, 5, "confirmed");
  records[n++] = make_booking (records[2], "四年级（1）班", 36, 3, "requested");
  records[n++] = make_booking (records[4], "", 20, 2, "declined");
  save_all (kf_gui_store (gui), records, n);
  synced_text = g_date_time_format_iso8601 (synced);
  g_assert_true (kf_store_set_meta (kf_gui_store (gui), "last_sync", synced_text, NULL));
  kf_store_notify_changed (kf_gui_store (gui));
  kf_gui_page (gui, "open-sessions");
  maybe_screenshot (GTK_WIDGET (gui->window), "school-open-sessions");

  dialog = open_request (kf_gui_page (gui, "open-sessions"), records[4]->id);
  fill_request (dialog, "12ab", 38, 4);
  kf_gui_activate (dialog, "request.send", NULL);
  maybe_screenshot (dialog, "school-request-dialog");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                              GTK_SCROLLED_WINDOW (kf_gui_find_type (dialog,
                                                                     GTK_TYPE_SCROLLED_WINDOW))),
                            10000);
  maybe_screenshot (dialog, "school-request-dialog-end");
  gtk_window_destroy (GTK_WINDOW (dialog));

  kf_gui_page (gui, "my-bookings");
  maybe_screenshot (GTK_WIDGET (gui->window), "school-my-bookings");
  kf_gui_activate (kf_gui_page (gui, "my-bookings"), "my-bookings.period", "s", "all");
  maybe_screenshot (GTK_WIDGET (gui->window), "school-my-bookings-all");

  for (guint i = 0; i < n; i++)
    kf_record_free (records[i]);
}

int
main (int   argc,
      char *argv[])
{
  /* The screenshots in Chinese need the translations of a build folder. */
  if (g_getenv ("KF_SCREENSHOT_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KF_SCREENSHOT_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() chose English; screenshots are taken in the language asked for. */
  if (g_getenv ("KF_SCREENSHOT_LOCALEDIR") != NULL)
    setlocale (LC_ALL, "");
  adw_init ();

  g_test_add_func ("/gui/school/request-flow", test_request_flow);
  g_test_add_func ("/gui/school/cancel-after-start", test_cancel_after_start);
  g_test_add_func ("/gui/school/sync-marks", test_sync_marks);
  g_test_add_func ("/gui/school/filters", test_filters);
  g_test_add_func ("/gui/school/screenshots", test_screenshots);

  return g_test_run ();
}

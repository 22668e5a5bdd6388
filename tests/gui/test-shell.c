/* test-shell.c — the first run, the preferences and the sync indicator, on
 * the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-gui-tests"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "gui-test-util.h"
#include "kf-error.h"
#include "kf-preferences-window.h"
#include "kf-sync-indicator.h"
#include "kf-welcome-page.h"

/* Helpers */

static GtkWidget *
find (KfGui      *gui,
      const char *name)
{
  GtkWidget *widget = kf_gui_find (GTK_WIDGET (gui->window), name);

  g_assert_nonnull (widget);
  return widget;
}

static GtkWidget *
welcome_page (KfGui *gui)
{
  GtkWidget *page = kf_gui_find_type (GTK_WIDGET (gui->window), KF_TYPE_WELCOME_PAGE);

  g_assert_nonnull (page);
  return page;
}

static gboolean
shows_pages (KfGui *gui)
{
  return gtk_widget_get_mapped (GTK_WIDGET (kf_window_get_view_stack (gui->window)));
}

static gboolean
has_page (KfGui      *gui,
          const char *name)
{
  return adw_view_stack_get_child_by_name (kf_window_get_view_stack (gui->window), name) != NULL;
}

/* An error row under a form row: shown, and saying something. */
static gboolean
error_shown (GtkWidget *root,
             const char *name)
{
  GtkWidget *row = kf_gui_find (root, name);

  g_assert_nonnull (row);
  if (!gtk_widget_get_visible (row))
    return FALSE;
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), !=, "");
  return TRUE;
}

static const char *
row_title (GtkWidget *root,
           const char *name)
{
  GtkWidget *row = kf_gui_find (root, name);

  g_assert_nonnull (row);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

/* Typing is instant; the action that follows lets the window settle. */
static void
set_text (GtkWidget  *editable,
          const char *text)
{
  g_assert_true (GTK_IS_EDITABLE (editable));
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

static KfRecord *
the_base (KfStore *store)
{
  g_autoptr(KfIdentity) identity = kf_store_get_identity (store, NULL);

  g_assert_nonnull (identity);
  g_assert_cmpint (identity->role, ==, KF_ROLE_BASE);
  return kf_store_get (store, KF_ENTITY_BASE, identity->base_id, NULL);
}

static GtkWidget *open_preferences (KfGui *gui);

/* First run */

static void
test_first_run_base (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_EMPTY);
  GtkWidget *page = welcome_page (gui);
  g_autoptr(KfRecord) base = NULL;
  static const char * const pages[] = { "today", "bookings", "sessions", "totals" };

  g_assert_false (shows_pages (gui));
  g_assert_true (kf_gui_activate (page, "welcome.choose", "s", "base"));
  set_text (find (gui, "welcome-base-name"), "  沁水县科技馆 ");
  set_text (find (gui, "welcome-address"), "沁水县龙港镇");
  set_text (find (gui, "welcome-contact-name"), "王老师");
  set_text (find (gui, "welcome-contact-phone"), "0356-7021234");
  g_assert_true (kf_gui_activate (page, "welcome.setup", NULL));

  base = the_base (kf_gui_store (gui));
  g_assert_nonnull (base);
  g_assert_cmpstr (KF_BASE (base)->name, ==, "沁水县科技馆");
  g_assert_cmpstr (KF_BASE (base)->address, ==, "沁水县龙港镇");
  g_assert_cmpstr (KF_BASE (base)->contact_name, ==, "王老师");
  g_assert_cmpstr (KF_BASE (base)->contact_phone, ==, "0356-7021234");

  g_assert_true (shows_pages (gui));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_assert_true (has_page (gui, pages[i]));
}

static void
test_first_run_school (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_EMPTY);
  GtkWidget *page = welcome_page (gui);
  g_autoptr(KfIdentity) identity = NULL;
  GtkWidget *prefs;

  /* A name that is not markup-safe is shown as it is, everywhere. */
  kf_gui_activate (page, "welcome.choose", "s", "school");
  set_text (find (gui, "welcome-org-name"), "沁水县实验小学 <少年宫> & 科技社");
  kf_gui_activate (page, "welcome.setup", NULL);

  identity = kf_store_get_identity (kf_gui_store (gui), NULL);
  g_assert_nonnull (identity);
  g_assert_cmpint (identity->role, ==, KF_ROLE_SCHOOL);
  g_assert_cmpstr (identity->org_name, ==, "沁水县实验小学 <少年宫> & 科技社");
  g_assert_null (identity->base_id);

  /* A school's pages, none of a base's. */
  g_assert_true (shows_pages (gui));
  g_assert_nonnull (gtk_widget_get_first_child (GTK_WIDGET (kf_window_get_view_stack (gui->window))));
  g_assert_false (has_page (gui, "today"));
  g_assert_false (has_page (gui, "sessions"));

  prefs = open_preferences (gui);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (kf_gui_find (prefs, "prefs-role"))),
                   ==, "School or organisation");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (kf_gui_find (prefs,
                                                                             "prefs-identity"))),
                   ==, "沁水县实验小学 <少年宫> & 科技社");
}

static void
test_first_run_reviewer (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_EMPTY);
  GtkWidget *page = welcome_page (gui);
  g_autoptr(KfIdentity) identity = NULL;

  kf_gui_activate (page, "welcome.choose", "s", "reviewer");
  kf_gui_activate (page, "welcome.setup", NULL);

  identity = kf_store_get_identity (kf_gui_store (gui), NULL);
  g_assert_nonnull (identity);
  g_assert_cmpint (identity->role, ==, KF_ROLE_REVIEWER);
  g_assert_true (shows_pages (gui));
  g_assert_true (has_page (gui, "totals"));
  g_assert_false (has_page (gui, "today"));
  g_assert_false (has_page (gui, "bookings"));
}

static void
test_first_run_demo (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_EMPTY);
  GtkWidget *page = welcome_page (gui);
  g_autoptr(KfRecord) base = NULL;
  KfStore *store = kf_gui_store (gui);

  kf_gui_activate (page, "welcome.choose", "s", "base");
  g_assert_true (kf_gui_activate (page, "welcome.demo", NULL));

  base = the_base (store);
  g_assert_nonnull (base);
  g_assert_cmpint (kf_store_count (store, KF_ENTITY_SESSION, NULL), >, 0);
  g_assert_cmpint (kf_store_count (store, KF_ENTITY_BOOKING, NULL), >, 0);
  g_assert_cmpint (kf_store_count (store, KF_ENTITY_VISIT, NULL), >, 0);
  g_assert_true (shows_pages (gui));
  g_assert_true (has_page (gui, "today"));
}

static void
test_first_run_refused (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_EMPTY);
  GtkWidget *page = welcome_page (gui);
  GtkWidget *name_row;

  kf_gui_activate (page, "welcome.choose", "s", "base");
  name_row = find (gui, "welcome-base-name");
  set_text (name_row, "   ");
  set_text (find (gui, "welcome-contact-phone"), "call me");
  kf_gui_activate (page, "welcome.setup", NULL);

  /* Both mistakes at once, each under its row; nothing written. */
  g_assert_true (error_shown (GTK_WIDGET (gui->window), "welcome-base-name-error"));
  g_assert_true (error_shown (GTK_WIDGET (gui->window), "welcome-contact-phone-error"));
  g_assert_false (error_shown (GTK_WIDGET (gui->window), "welcome-address-error"));
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  g_assert_null (kf_store_get_meta (kf_gui_store (gui), "role"));
  g_assert_false (shows_pages (gui));

  /* Put right, the same form sets up, and the mistakes go. */
  set_text (name_row, "沁水县气象局");
  set_text (find (gui, "welcome-contact-phone"), "");
  kf_gui_activate (page, "welcome.setup", NULL);
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));
  g_assert_true (shows_pages (gui));
}

static void
test_first_run_refused_school (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_EMPTY);
  GtkWidget *page = welcome_page (gui);

  kf_gui_activate (page, "welcome.choose", "s", "school");
  kf_gui_activate (page, "welcome.setup", NULL);

  g_assert_true (error_shown (GTK_WIDGET (gui->window), "welcome-org-name-error"));
  g_assert_null (kf_store_get_meta (kf_gui_store (gui), "role"));
  g_assert_false (shows_pages (gui));

  /* Back to the choice and on as a reviewer: the school's mistake is gone. */
  kf_gui_activate (page, "welcome.back", NULL);
  kf_gui_activate (page, "welcome.choose", "s", "reviewer");
  g_assert_false (error_shown (GTK_WIDGET (gui->window), "welcome-org-name-error"));
}

/* Preferences */

static GtkWidget *
open_preferences (KfGui *gui)
{
  GtkWindow *window;

  g_assert_true (kf_gui_activate (GTK_WIDGET (gui->window), "app.preferences", NULL));
  window = kf_gui_find_window (KF_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (window);
  return GTK_WIDGET (window);
}

static void
test_preferences_identity (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  GtkWidget *prefs = open_preferences (gui);
  GtkWidget *identity = kf_gui_find (prefs, "prefs-identity");

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (kf_gui_find (prefs, "prefs-role"))),
                   ==, "Science-popularisation base");
  g_assert_true (gtk_widget_get_visible (identity));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (identity)), ==, "沁水县气象局");
}

static void
save_hub (GtkWidget  *prefs,
          const char *url,
          const char *token)
{
  set_text (kf_gui_find (prefs, "prefs-hub-url"), url);
  set_text (kf_gui_find (prefs, "prefs-hub-token"), token);
  g_assert_true (kf_gui_activate (prefs, "prefs.save-hub", NULL));
}

static void
test_preferences_bad_hub (void)
{
  static const char * const urls[] = {
    "not an address", "hub.example.cn:8443", "ftp://hub.example.cn/", "http://",
  };
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  GtkWidget *prefs = open_preferences (gui);
  KfStore *store = kf_gui_store (gui);

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_test_message ("hub address “%s”", urls[i]);
      save_hub (prefs, urls[i], "secret-token");
      g_assert_true (error_shown (prefs, "prefs-hub-url-error"));
      g_assert_true (strstr (row_title (prefs, "prefs-hub-url-error"), "https://") != NULL);
      g_assert_false (error_shown (prefs, "prefs-hub-token-error"));
      g_assert_true (gtk_widget_has_css_class (kf_gui_find (prefs, "prefs-hub-url"), "error"));
      g_assert_null (kf_store_get_meta (store, "hub_url"));
      g_assert_null (kf_store_get_meta (store, "hub_token"));
    }
}

static void
test_preferences_missing_token (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  GtkWidget *prefs = open_preferences (gui);

  save_hub (prefs, "https://hub.example.cn:8443", "   ");
  g_assert_true (error_shown (prefs, "prefs-hub-token-error"));
  g_assert_false (error_shown (prefs, "prefs-hub-url-error"));
  g_assert_null (kf_store_get_meta (kf_gui_store (gui), "hub_url"));

  /* Two mistakes: both shown at once. */
  save_hub (prefs, "hub", "");
  g_assert_true (error_shown (prefs, "prefs-hub-token-error"));
  g_assert_true (error_shown (prefs, "prefs-hub-url-error"));
  g_assert_null (kf_store_get_meta (kf_gui_store (gui), "hub_url"));
}

static void
test_preferences_good_hub (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  GtkWidget *prefs = open_preferences (gui);
  KfStore *store = kf_gui_store (gui);
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;

  /* A mistake first, then the right address: the mistake goes. */
  save_hub (prefs, "hub", "t0k3n");
  g_assert_true (error_shown (prefs, "prefs-hub-url-error"));
  save_hub (prefs, " https://hub.example.cn:8443 ", "t0k3n");
  g_assert_false (error_shown (prefs, "prefs-hub-url-error"));
  g_assert_false (error_shown (prefs, "prefs-hub-error"));

  url = kf_store_get_meta (store, "hub_url");
  token = kf_store_get_meta (store, "hub_token");
  g_assert_cmpstr (url, ==, "https://hub.example.cn:8443");
  g_assert_cmpstr (token, ==, "t0k3n");
  g_assert_null (kf_store_get_meta (store, "hub_ca_file"));

  /* Opened again, the preferences show what was saved. */
  gtk_window_destroy (GTK_WINDOW (prefs));
  kf_gui_settle ();
  prefs = open_preferences (gui);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (kf_gui_find (prefs, "prefs-hub-url"))), ==,
                   "https://hub.example.cn:8443");
}

static void
test_preferences_interval (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  GtkWidget *prefs = open_preferences (gui);
  AdwComboRow *row = ADW_COMBO_ROW (kf_gui_find (prefs, "prefs-sync-interval"));
  GSettings *settings = kf_application_get_settings (gui->app);
  KfSyncEngine *engine = kf_application_get_sync_engine (gui->app);
  static const guint seconds[] = { 0, 60, 300, 900, 3600 };
  guint interval;

  /* The schema's default, five minutes, is the third choice. */
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (seconds); i++)
    {
      adw_combo_row_set_selected (row, i);
      kf_gui_settle ();
      g_assert_cmpuint (g_settings_get_uint (settings, "sync-interval"), ==, seconds[i]);
      g_object_get (engine, "interval", &interval, NULL);
      g_assert_cmpuint (interval, ==, seconds[i]);
    }

  /* A value set elsewhere shows as the nearest choice. */
  g_settings_set_uint (settings, "sync-interval", 1000);
  kf_gui_settle ();
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 3);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, "\r\n")) != NULL; p += 2)
    n++;
  return n;
}

static void
test_preferences_export (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  GtkWidget *prefs = open_preferences (gui);
  KfStore *store = kf_gui_store (gui);
  g_autofree char *csv_path = g_build_filename (gui->dir, "bookings.csv", NULL);
  g_autofree char *json_path = g_build_filename (gui->dir, "visits.json", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  adw_combo_row_set_selected (ADW_COMBO_ROW (kf_gui_find (prefs, "prefs-export-entity")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (kf_gui_find (prefs, "prefs-export-format")), 0);
  g_assert_true (kf_preferences_window_export (KF_PREFERENCES_WINDOW (prefs), csv_path, &error));
  g_assert_no_error (error);
  csv = read_file (csv_path);
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF" "id,"));
  g_assert_true (strstr (csv, "org_name") != NULL);
  g_assert_cmpuint (count_lines (csv), ==, kf_store_count (store, KF_ENTITY_BOOKING, NULL) + 1);

  adw_combo_row_set_selected (ADW_COMBO_ROW (kf_gui_find (prefs, "prefs-export-entity")), 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (kf_gui_find (prefs, "prefs-export-format")), 1);
  g_assert_true (kf_preferences_window_export (KF_PREFERENCES_WINDOW (prefs), json_path, &error));
  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==,
                    kf_store_count (store, KF_ENTITY_VISIT, NULL));
  g_assert_false (error_shown (prefs, "prefs-export-error"));
}

static void
test_preferences_export_error (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  GtkWidget *prefs = open_preferences (gui);
  g_autofree char *path = g_build_filename (gui->dir, "no-such-folder", "sessions.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (kf_preferences_window_export (KF_PREFERENCES_WINDOW (prefs), path, &error));
  g_assert_error (error, KF_ERROR, KF_ERROR_FAILED);
  g_assert_true (error_shown (prefs, "prefs-export-error"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* The sync indicator */

static KfRecord *
new_session (KfStore *store)
{
  g_autoptr(KfIdentity) identity = kf_store_get_identity (store, NULL);
  KfRecord *record = kf_record_new (KF_ENTITY_SESSION);
  KfSession *session = KF_SESSION (record);

  record->id = kf_new_id ();
  session->base_id = g_strdup (identity->base_id);
  session->date = g_strdup ("2025-05-26");
  session->start = g_strdup ("09:00");
  session->end = g_strdup ("10:30");
  session->capacity = 40;
  session->title = g_strdup ("气象观测站开放日");
  session->topic = g_strdup ("meteorology");
  session->format = g_strdup ("study_tour");
  session->status = g_strdup ("scheduled");
  session->note = g_strdup ("");
  return record;
}

static const char *
label_text (KfGui      *gui,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (find (gui, name)));
}

/* The engine reads its counts in a thread: runs the main loop until the
 * label @name of @root says @expected (or ten seconds have passed). */
static const char *
wait_for_label (GtkWidget  *root,
                const char *name,
                const char *expected)
{
  GtkLabel *label = GTK_LABEL (kf_gui_find (root, name));
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_assert_nonnull (label);
  while (g_strcmp0 (gtk_label_get_text (label), expected) != 0 &&
         g_get_monotonic_time () < deadline)
    kf_gui_wait (10);
  return gtk_label_get_text (label);
}

/* Before its engine has read the database, the indicator says so rather
 * than "None" or "Never"; the counts then arrive without a frame's wait. */
static void
test_indicator_not_known_yet (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  g_autoptr(KfSyncEngine) engine = kf_sync_engine_new (gui->db_path);
  GtkWidget *indicator = g_object_ref_sink (g_object_new (KF_TYPE_SYNC_INDICATOR, NULL));

  kf_sync_indicator_set_engine (KF_SYNC_INDICATOR (indicator), engine);
  g_assert_cmpstr (kf_sync_indicator_get_state_text (KF_SYNC_INDICATOR (indicator)), ==,
                   "Reading the sync state…");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (kf_gui_find (indicator, "sync-queued"))), ==,
                   "…");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (kf_gui_find (indicator, "sync-last"))), ==,
                   "…");

  /* A refresh only starts the reading: nothing has arrived when it returns. */
  kf_sync_engine_refresh (engine);
  g_assert_cmpint (kf_sync_engine_get_queued (engine), ==, -1);

  g_assert_cmpstr (wait_for_label (indicator, "sync-queued", "None"), ==, "None");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (kf_gui_find (indicator, "sync-last"))), ==,
                   "Never");
  g_assert_cmpstr (kf_sync_indicator_get_state_text (KF_SYNC_INDICATOR (indicator)), ==,
                   "Not synced yet");
  g_object_unref (indicator);
}

static void
test_indicator_queued (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  KfSyncIndicator *indicator = KF_SYNC_INDICATOR (kf_gui_find_type (GTK_WIDGET (gui->window),
                                                                     KF_TYPE_SYNC_INDICATOR));
  KfStore *store = kf_gui_store (gui);
  g_autoptr(GError) error = NULL;

  /* The window's engine read its counts after the first frame. */
  g_assert_cmpstr (wait_for_label (GTK_WIDGET (gui->window), "sync-queued", "None"), ==, "None");
  g_assert_cmpstr (label_text (gui, "sync-last"), ==, "Never");
  g_assert_cmpstr (kf_sync_indicator_get_state_text (indicator), ==, "Not synced yet");
  g_assert_false (gtk_widget_get_visible (find (gui, "sync-error")));

  for (guint i = 1; i <= 2; i++)
    {
      g_autoptr(KfRecord) session = new_session (store);
      g_autofree char *expected = g_strdup_printf (i == 1 ? "%u change" : "%u changes", i);

      g_assert_true (kf_store_put (store, session, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (wait_for_label (GTK_WIDGET (gui->window), "sync-queued", expected), ==,
                       expected);
    }
  g_assert_cmpstr (label_text (gui, "sync-last"), ==, "Never");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (find (gui, "sync-indicator-button")), ==,
                   kf_sync_indicator_get_state_text (indicator));
}

/* A port on loopback that nothing listens on. */
static guint16
closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_indicator_offline (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  KfSyncIndicator *indicator = KF_SYNC_INDICATOR (kf_gui_find_type (GTK_WIDGET (gui->window),
                                                                     KF_TYPE_SYNC_INDICATOR));
  KfSyncEngine *engine = kf_application_get_sync_engine (gui->app);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_true (kf_sync_set_hub (kf_gui_store (gui), url, "t0k3n", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kf_gui_activate (GTK_WIDGET (gui->window), "win.sync", NULL));
  while (kf_sync_engine_get_state (engine) == KF_SYNC_STATE_SYNCING &&
         g_get_monotonic_time () < deadline)
    kf_gui_wait (20);
  kf_gui_settle ();

  g_assert_cmpint (kf_sync_engine_get_state (engine), ==, KF_SYNC_STATE_OFFLINE);
  g_assert_true (g_str_has_prefix (kf_sync_indicator_get_state_text (indicator), "Offline"));
  g_assert_cmpstr (label_text (gui, "sync-state"), ==,
                   kf_sync_indicator_get_state_text (indicator));
  g_assert_true (gtk_widget_get_visible (find (gui, "sync-error")));
  g_assert_cmpstr (label_text (gui, "sync-error"), ==, kf_sync_engine_get_last_error (engine));
  g_assert_cmpstr (label_text (gui, "sync-last"), ==, "Never");
}

static void
test_describe_last_sync (void)
{
  static const struct {
    const char *instant;
    const char *expected;
  } cases[] = {
    { NULL, "Never" },
    { "yesterday", "Never" },
    { "2025-05-24T15:00:00+08:00", "Just now" },
    { "2025-05-24T15:01:00+08:00", "Just now" },          /* a clock a little ahead */
    { "2025-05-24T14:59:01+08:00", "Just now" },
    { "2025-05-24T14:59:00+08:00", "1 minute ago" },
    { "2025-05-24T14:57:00+08:00", "3 minutes ago" },
    { "2025-05-24T06:57:00Z", "3 minutes ago" },          /* the same instant in UTC */
    { "2025-05-24T13:00:00+08:00", "2 hours ago" },
    { "2025-05-24T00:05:00+08:00", "14 hours ago" },
    { "2025-05-23T23:30:00+08:00", "Yesterday at 23:30" },
    { "2025-05-23T08:00:00+08:00", "Yesterday at 08:00" },
    { "2025-05-21T09:15:00+08:00", "2025-05-21 09:15" },
    { "2024-12-31T09:15:00+08:00", "2024-12-31 09:15" },
  };
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) now = g_date_time_new (zone, 2025, 5, 24, 15, 0, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = kf_describe_last_sync (cases[i].instant, now);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* Shortcuts and About */

static void
test_shortcuts_window (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);

  g_assert_true (kf_gui_activate (GTK_WIDGET (gui->window), "win.show-help-overlay", NULL));
  g_assert_nonnull (kf_gui_find_window (GTK_TYPE_SHORTCUTS_WINDOW));
}

static void
test_about_window (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_BASE);
  GtkWindow *about;

  g_assert_true (kf_gui_activate (GTK_WIDGET (gui->window), "app.about", NULL));
  about = kf_gui_find_window (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
}

/* Screenshots for the metainfo (data/screenshots/take-screenshots.sh); a
 * test only in that it drives the real window. Skipped unless asked for. */

static KfRecord *
today_session (const char *base_id,
               const char *start,
               const char *end,
               gint64      capacity,
               const char *title,
               const char *topic,
               const char *format)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  KfRecord *record = kf_record_new (KF_ENTITY_SESSION);
  KfSession *session = KF_SESSION (record);

  record->id = kf_new_id ();
  session->base_id = g_strdup (base_id);
  session->date = g_date_time_format (now, "%Y-%m-%d");
  session->start = g_strdup (start);
  session->end = g_strdup (end);
  session->capacity = capacity;
  session->title = g_strdup (title);
  session->topic = g_strdup (topic);
  session->format = g_strdup (format);
  session->status = g_strdup ("scheduled");
  session->note = g_strdup ("");
  return record;
}

static KfRecord *
today_booking (const KfRecord *session,
               const char     *org_name,
               const char     *org_type,
               const char     *contact_name,
               gint64          youth,
               gint64          adults)
{
  KfRecord *record = kf_record_new (KF_ENTITY_BOOKING);
  KfBooking *booking = KF_BOOKING (record);

  record->id = kf_new_id ();
  booking->base_id = g_strdup (KF_SESSION (session)->base_id);
  booking->session_id = g_strdup (session->id);
  booking->org_name = g_strdup (org_name);
  booking->org_type = g_strdup (org_type);
  booking->grade = g_strdup ("");
  booking->contact_name = g_strdup (contact_name);
  booking->contact_phone = g_strdup ("0356-7021234");
  booking->youth_count = youth;
  booking->adult_count = adults;
  booking->status = g_strdup ("confirmed");
  booking->note = g_strdup ("");
  return record;
}

/* A day of the activity week as the door sees it at noon. */
static void
add_today (KfStore *store)
{
  g_autoptr(KfIdentity) identity = kf_store_get_identity (store, NULL);
  g_autoptr(KfRecord) morning = today_session (identity->base_id, "09:00", "10:30", 60,
                                               "走进气象观测站", "meteorology", "study_tour");
  g_autoptr(KfRecord) afternoon = today_session (identity->base_id, "14:30", "16:00", 50,
                                                 "天气预报是怎样做出来的", "meteorology",
                                                 "lecture");
  g_autoptr(KfRecord) school = today_booking (morning, "沁水县实验小学", "school", "李老师", 42, 4);
  g_autoptr(KfRecord) club = today_booking (afternoon, "沁水一中科技社团", "school", "赵老师",
                                            24, 2);
  g_autoptr(KfRecord) kindergarten = today_booking (afternoon, "龙港镇中心幼儿园",
                                                    "kindergarten", "陈园长", 12, 6);
  KfRecord *all[] = { morning, afternoon, school, club, kindergarten };
  g_autoptr(KfRecord) arrival = NULL;
  g_autoptr(KfRecord) tally = NULL;
  g_autoptr(GError) error = NULL;

  kf_store_put_many (store, all, G_N_ELEMENTS (all), &error);
  g_assert_no_error (error);
  arrival = (KfRecord *) kf_store_record_arrival (store, school->id, 40, 4, NULL, &error);
  g_assert_no_error (error);
  tally = (KfRecord *) kf_store_tally (store, morning->id, 8, 3, &error);
  g_assert_no_error (error);
}

static void
take_screenshot (GtkWidget  *widget,
                 const char *dir,
                 const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s-%s.png", name, g_getenv ("KF_SCREENSHOT_LANG"));
  g_autofree char *path = g_build_filename (dir, file, NULL);

  kf_gui_wait (500);
  kf_gui_settle ();
  kf_gui_screenshot (widget, path);
  g_test_message ("wrote %s", path);
}

static void
test_screenshots (void)
{
  const char *dir = g_getenv ("KF_SCREENSHOT_DIR");
  g_autoptr(KfGui) welcome = NULL;
  g_autoptr(KfGui) demo = NULL;

  if (dir == NULL || g_getenv ("KF_SCREENSHOT_LANG") == NULL)
    {
      g_test_skip ("screenshots are taken by data/screenshots/take-screenshots.sh");
      return;
    }

  welcome = kf_gui_new (KF_GUI_EMPTY);
  take_screenshot (GTK_WIDGET (welcome->window), dir, "welcome");
  g_clear_pointer (&welcome, kf_gui_free);

  demo = kf_gui_new (KF_GUI_DEMO);
  add_today (kf_gui_store (demo));
  kf_gui_page (demo, "today");
  take_screenshot (GTK_WIDGET (demo->window), dir, "today");
  kf_gui_page (demo, "bookings");
  take_screenshot (GTK_WIDGET (demo->window), dir, "bookings");
}

int
main (int   argc,
      char *argv[])
{
  /* Rendering is not under test here, and on Xvfb the GL renderer (llvmpipe)
   * compiles its shaders again for every window: cairo halves the run. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  /* The screenshots in Chinese need the translations of the build folder. */
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

  g_test_add_func ("/gui/shell/first-run/base", test_first_run_base);
  g_test_add_func ("/gui/shell/first-run/school", test_first_run_school);
  g_test_add_func ("/gui/shell/first-run/reviewer", test_first_run_reviewer);
  g_test_add_func ("/gui/shell/first-run/demo", test_first_run_demo);
  g_test_add_func ("/gui/shell/first-run/refused", test_first_run_refused);
  g_test_add_func ("/gui/shell/first-run/refused-school", test_first_run_refused_school);
  g_test_add_func ("/gui/shell/preferences/identity", test_preferences_identity);
  g_test_add_func ("/gui/shell/preferences/bad-hub", test_preferences_bad_hub);
  g_test_add_func ("/gui/shell/preferences/missing-token", test_preferences_missing_token);
  g_test_add_func ("/gui/shell/preferences/good-hub", test_preferences_good_hub);
  g_test_add_func ("/gui/shell/preferences/interval", test_preferences_interval);
  g_test_add_func ("/gui/shell/preferences/export", test_preferences_export);
  g_test_add_func ("/gui/shell/preferences/export-error", test_preferences_export_error);
  g_test_add_func ("/gui/shell/sync-indicator/not-known-yet", test_indicator_not_known_yet);
  g_test_add_func ("/gui/shell/sync-indicator/queued", test_indicator_queued);
  g_test_add_func ("/gui/shell/sync-indicator/offline", test_indicator_offline);
  g_test_add_func ("/gui/shell/sync-indicator/last-sync", test_describe_last_sync);
  g_test_add_func ("/gui/shell/shortcuts", test_shortcuts_window);
  g_test_add_func ("/gui/shell/about", test_about_window);
  g_test_add_func ("/gui/shell/screenshots", test_screenshots);

  return g_test_run ();
}

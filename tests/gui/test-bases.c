/* test-bases.c — the reviewer's Bases page: every base by name (never by
 * a figure), its address and contact, its figures for the period chosen
 * (core's, and equal to a count made here), and when it last synced
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-gui-tests"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "gui-test-util.h"
#include "kf-bases-page.h"
#include "kf-error.h"
#include "kf-labels.h"
#include "kf-period-bar.h"
#include "kf-store-private.h"

/* Ids ordered unlike the names, so that an order by id shows. */
#define BASE_ZOO   "00000000-0000-4000-8000-000000000001"   /* Zhongshan Hospital */
#define BASE_ALPHA "ff000000-0000-4000-8000-000000000002"   /* Alpha Weather Station */
#define BASE_FARM  "80000000-0000-4000-8000-000000000003"   /* Beta Farm */

enum { PERIOD_WEEK, PERIOD_MONTH, PERIOD_CUSTOM };

static GtkWidget *
find (GtkWidget  *root,
      const char *name)
{
  GtkWidget *widget = kf_gui_find (root, name);

  if (widget == NULL)
    g_error ("no widget named %s", name);
  return widget;
}

static const char *
label_text (GtkWidget  *root,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (find (root, name)));
}

static KfRecord *
base_record (const char *id,
             const char *name,
             const char *address,
             const char *contact_name,
             const char *phone)
{
  KfRecord *record = kf_record_new (KF_ENTITY_BASE);

  record->id = g_strdup (id);
  record->version = 1;
  KF_BASE (record)->name = g_strdup (name);
  KF_BASE (record)->address = g_strdup (address);
  KF_BASE (record)->contact_name = g_strdup (contact_name);
  KF_BASE (record)->contact_phone = g_strdup (phone);
  return record;
}

static KfRecord *
session_record (const char *base_id,
                const char *date,
                const char *status)
{
  KfRecord *record = kf_record_new (KF_ENTITY_SESSION);
  KfSession *session = KF_SESSION (record);

  record->id = kf_new_id ();
  record->version = 1;
  session->base_id = g_strdup (base_id);
  session->date = g_strdup (date);
  session->start = g_strdup ("09:00");
  session->end = g_strdup ("11:00");
  session->capacity = 50;
  session->title = g_strdup ("Open day");
  session->topic = g_strdup ("meteorology");
  session->format = g_strdup ("exhibition");
  session->status = g_strdup (status);
  session->note = g_strdup ("");
  return record;
}

static KfRecord *
booking_record (const KfRecord *session,
                gint64          youth,
                const char     *status)
{
  KfRecord *record = kf_record_new (KF_ENTITY_BOOKING);
  KfBooking *booking = KF_BOOKING (record);

  record->id = kf_new_id ();
  record->version = 1;
  booking->base_id = g_strdup (KF_SESSION (session)->base_id);
  booking->session_id = g_strdup (session->id);
  booking->org_name = g_strdup ("Xinhua Middle School");
  booking->org_type = g_strdup ("school");
  booking->grade = g_strdup ("");
  booking->contact_name = g_strdup ("Wang");
  booking->contact_phone = g_strdup ("138****0000");
  booking->youth_count = youth;
  booking->adult_count = 2;
  booking->status = g_strdup (status);
  booking->note = g_strdup ("");
  return record;
}

static KfRecord *
visit_record (const KfRecord *session,
              const char     *kind,
              const char     *arrived_at,
              gint64          youth,
              gint64          adults)
{
  KfRecord *record = kf_record_new (KF_ENTITY_VISIT);
  KfVisit *visit = KF_VISIT (record);

  record->id = kf_new_id ();
  record->version = 1;
  visit->base_id = g_strdup (KF_SESSION (session)->base_id);
  visit->session_id = g_strdup (session->id);
  visit->kind = g_strdup (kind);
  visit->group_name = g_strdup ("Walk-in group");
  visit->arrived_at = g_strdup (arrived_at);
  visit->youth_count = youth;
  visit->adult_count = adults;
  visit->note = g_strdup ("");
  return record;
}

/* Records as a pull writes them: as they are, in one transaction, then the
 * views told. */
static void
save_all (KfStore   *store,
          GPtrArray *records)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kf_store_begin (store, &error));
  for (guint i = 0; i < records->len; i++)
    {
      g_assert_true (kf_store_save (store, records->pdata[i], &error));
      g_assert_no_error (error);
    }
  g_assert_true (kf_store_commit (store, &error));
  kf_store_notify_changed (store);
  kf_gui_settle ();
}

static char *
instant_ago (gint64 seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, (gdouble) -seconds);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%S%:z");
}

/* A reviewer's window on three bases: Alpha with a busy day, Beta with a
 * no-show and a visit outside the period, Zhongshan with nothing. */
static KfGui *
reviewer_window (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_EMPTY);
  KfStore *store = kf_gui_store (gui);
  g_autoptr(KfIdentity) identity = kf_identity_new (KF_ROLE_REVIEWER, NULL, NULL);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  g_autoptr(GHashTable) syncs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GError) error = NULL;
  KfRecord *alpha_day, *alpha_cancelled, *farm_day, *farm_later;

  g_assert_true (kf_store_initialize (store, identity, NULL, &error));
  g_assert_no_error (error);
  kf_window_show_pages (gui->window);

  g_ptr_array_add (records, base_record (BASE_ZOO, "Zhongshan Hospital", "", "", ""));
  g_ptr_array_add (records, base_record (BASE_ALPHA, "Alpha Weather Station", "1 Qinhe Road",
                                         "Li", "139****1111"));
  g_ptr_array_add (records, base_record (BASE_FARM, "Beta Farm", "Dongcun", "", ""));
  g_ptr_array_add (records, alpha_day = session_record (BASE_ALPHA, "2025-05-24", "scheduled"));
  g_ptr_array_add (records, alpha_cancelled = session_record (BASE_ALPHA, "2025-05-25",
                                                              "cancelled"));
  g_ptr_array_add (records, farm_day = session_record (BASE_FARM, "2025-05-26", "scheduled"));
  g_ptr_array_add (records, farm_later = session_record (BASE_FARM, "2025-07-01", "scheduled"));
  g_ptr_array_add (records, booking_record (alpha_day, 40, "attended"));
  g_ptr_array_add (records, booking_record (alpha_day, 20, "confirmed"));
  g_ptr_array_add (records, booking_record (alpha_day, 10, "requested"));
  g_ptr_array_add (records, booking_record (alpha_cancelled, 10, "cancelled"));
  g_ptr_array_add (records, booking_record (farm_day, 30, "no_show"));
  g_ptr_array_add (records, visit_record (alpha_day, "booked", "2025-05-24T09:10:00+08:00",
                                          38, 4));
  g_ptr_array_add (records, visit_record (alpha_day, "walk_in_group",
                                          "2025-05-24T10:00:00+08:00", 6, 3));
  g_ptr_array_add (records, visit_record (alpha_day, "individuals",
                                          "2025-05-24T09:00:00+08:00", 11, 7));
  g_ptr_array_add (records, visit_record (farm_day, "walk_in_group",
                                          "2025-05-26T14:00:00+08:00", 12, 2));
  g_ptr_array_add (records, visit_record (farm_later, "walk_in_group",
                                          "2025-07-01T14:00:00+08:00", 100, 100));
  save_all (store, records);

  g_hash_table_insert (syncs, (gpointer) BASE_ALPHA, instant_ago (5 * 60));
  g_hash_table_insert (syncs, (gpointer) BASE_FARM, instant_ago (10));
  g_assert_true (kf_store_replace_base_syncs (store, syncs, &error));
  g_assert_no_error (error);
  kf_store_notify_changed (store);
  kf_gui_settle ();
  return g_steal_pointer (&gui);
}

static GtkWidget *
period_page (KfGui      *gui,
             const char *from,
             const char *to)
{
  GtkWidget *page = kf_gui_page (gui, "bases");

  gtk_drop_down_set_selected (GTK_DROP_DOWN (find (page, "bases-period")), PERIOD_CUSTOM);
  kf_gui_settle ();
  kf_gui_set_text (find (page, "bases-from"), from);
  kf_gui_set_text (find (page, "bases-to"), to);
  return page;
}

static GtkWidget *
row_at (GtkWidget *page,
        int        index)
{
  GtkListBox *list = GTK_LIST_BOX (find (page, "bases-list"));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  return row != NULL ? GTK_WIDGET (row) : NULL;
}

static gint64
figure (GtkWidget  *row,
        const char *name)
{
  g_autofree char *widget_name = g_strdup_printf ("bases-figure-%s", name);

  return g_ascii_strtoll (label_text (row, widget_name), NULL, 10);
}

typedef struct
{
  const char *name;
  gint64      visitors, youth, adults, groups, sessions, bookings, no_shows;
} Expected;

/* Counted here from the records above, by the protocol's definitions. */
static const Expected may[] = {
  { "Alpha Weather Station", 38 + 4 + 6 + 3 + 11 + 7, 38 + 6 + 11, 4 + 3 + 7, 2, 1, 2, 0 },
  { "Beta Farm", 14, 12, 2, 1, 1, 0, 1 },
  { "Zhongshan Hospital", 0, 0, 0, 0, 0, 0, 0 },
};

static void
assert_row (GtkWidget      *row,
            const Expected *expected)
{
  g_assert_cmpstr (label_text (row, "bases-name"), ==, expected->name);
  g_assert_cmpint (figure (row, "visitors"), ==, expected->visitors);
  g_assert_cmpint (figure (row, "youth"), ==, expected->youth);
  g_assert_cmpint (figure (row, "adults"), ==, expected->adults);
  g_assert_cmpint (figure (row, "groups"), ==, expected->groups);
  g_assert_cmpint (figure (row, "sessions"), ==, expected->sessions);
  g_assert_cmpint (figure (row, "bookings_confirmed"), ==, expected->bookings);
  g_assert_cmpint (figure (row, "no_shows"), ==, expected->no_shows);
}

/* The rows show core's figures by base, for every base, zero included. */
static void
assert_rows_are_core (KfGui      *gui,
                      GtkWidget  *page,
                      const char *from,
                      const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfTotals) core = kf_totals_compute (kf_gui_store (gui), from, to,
                                                KF_TOTALS_BY_BASE, NULL, &error);
  const KfTotals *shown = kf_bases_page_get_totals (KF_BASES_PAGE (page));
  gint64 sum = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (shown->from, ==, from);
  g_assert_cmpstr (shown->to, ==, to);
  g_assert_cmpuint (shown->rows->len, ==, core->rows->len);
  for (int i = 0; row_at (page, i) != NULL; i++)
    sum += figure (row_at (page, i), "visitors");
  g_assert_cmpint (sum, ==, core->total.visitors);
}

static void
test_figures_by_name (void)
{
  g_autoptr(KfGui) gui = reviewer_window ();
  GtkWidget *page = period_page (gui, "2025-05-20", "2025-06-10");

  for (guint i = 0; i < G_N_ELEMENTS (may); i++)
    assert_row (row_at (page, (int) i), &may[i]);
  g_assert_null (row_at (page, G_N_ELEMENTS (may)));
  assert_rows_are_core (gui, page, "2025-05-20", "2025-06-10");

  /* Another period: only the July visit and session count. */
  kf_gui_set_text (find (page, "bases-to"), "2025-07-31");
  kf_gui_set_text (find (page, "bases-from"), "2025-06-11");
  g_assert_cmpint (figure (row_at (page, 1), "visitors"), ==, 200);
  g_assert_cmpint (figure (row_at (page, 1), "sessions"), ==, 1);
  g_assert_cmpint (figure (row_at (page, 0), "visitors"), ==, 0);
  assert_rows_are_core (gui, page, "2025-06-11", "2025-07-31");
}

/* Who the base is, and when it last synced. */
static void
test_details_and_sync (void)
{
  g_autoptr(KfGui) gui = reviewer_window ();
  GtkWidget *page = period_page (gui, "2025-05-20", "2025-06-10");

  g_assert_cmpstr (label_text (row_at (page, 0), "bases-details"), ==,
                   "1 Qinhe Road · Li 139****1111");
  g_assert_cmpstr (label_text (row_at (page, 1), "bases-details"), ==, "Dongcun");
  g_assert_false (gtk_widget_get_visible (find (row_at (page, 2), "bases-details")));

  g_assert_cmpstr (label_text (row_at (page, 0), "bases-last-sync"), ==,
                   "Last synced 5 minutes ago");
  g_assert_cmpstr (label_text (row_at (page, 1), "bases-last-sync"), ==,
                   "Last synced just now");
  g_assert_cmpstr (label_text (row_at (page, 2), "bases-last-sync"), ==, "Never synced");
}

/* A sync that brings a visit and a new time shows at once. */
static void
test_reload (void)
{
  g_autoptr(KfGui) gui = reviewer_window ();
  GtkWidget *page = period_page (gui, "2025-05-20", "2025-06-10");
  KfStore *store = kf_gui_store (gui);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  g_autoptr(GHashTable) syncs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (records, session_record (BASE_ZOO, "2025-05-30", "scheduled"));
  g_ptr_array_add (records, visit_record (records->pdata[0], "walk_in_group",
                                          "2025-05-30T15:00:00+08:00", 9, 1));
  g_hash_table_insert (syncs, (gpointer) BASE_ZOO, instant_ago (0));
  g_assert_true (kf_store_replace_base_syncs (store, syncs, &error));
  save_all (store, records);

  g_assert_cmpint (figure (row_at (page, 2), "visitors"), ==, 10);
  g_assert_cmpint (figure (row_at (page, 2), "groups"), ==, 1);
  g_assert_cmpstr (label_text (row_at (page, 2), "bases-last-sync"), ==,
                   "Last synced just now");
  g_assert_cmpstr (label_text (row_at (page, 0), "bases-last-sync"), ==, "Never synced");
}

/* A period that is not one: the error names the field, and the figures
 * shown stay those of the last good period. */
static void
test_bad_period (void)
{
  g_autoptr(KfGui) gui = reviewer_window ();
  GtkWidget *page = period_page (gui, "2025-05-20", "2025-06-10");
  GtkWidget *error = find (page, "bases-period-error");

  g_assert_false (gtk_widget_get_visible (error));
  kf_gui_set_text (find (page, "bases-from"), "2025-13-01");
  g_assert_true (gtk_widget_get_visible (error));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (error)), "From: "));
  g_assert_cmpint (figure (row_at (page, 0), "visitors"), ==, may[0].visitors);
  kf_gui_set_text (find (page, "bases-from"), "2025-05-20");
  g_assert_false (gtk_widget_get_visible (error));
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* A custom period starts from the one shown, and the choice says "changed"
 * once; a wrong day is named by the bar, which keeps it until read right. */
static void
test_custom_starts_from_shown (void)
{
  g_autoptr(KfGui) gui = reviewer_window ();
  GtkWidget *page = kf_gui_page (gui, "bases");
  KfPeriodBar *bar = KF_PERIOD_BAR (kf_gui_find_type (page, KF_TYPE_PERIOD_BAR));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *month_from = NULL;
  g_autofree char *month_to = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *day = NULL;
  g_autoptr(GError) error = NULL;
  guint changes = 0;

  g_assert_true (kf_period_preset_dates (KF_PERIOD_PRESET_THIS_MONTH, now, &month_from,
                                         &month_to));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find (page, "bases-period")), PERIOD_MONTH);
  kf_gui_settle ();
  g_assert_cmpstr (kf_bases_page_get_totals (KF_BASES_PAGE (page))->from, ==, month_from);
  day = kf_label_date (month_to);
  g_assert_true (g_str_has_suffix (label_text (page, "bases-period-label"), day));
  g_assert_false (gtk_widget_is_visible (find (page, "bases-from")));

  g_signal_connect_swapped (bar, "changed", G_CALLBACK (count_cb), &changes);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find (page, "bases-period")), PERIOD_CUSTOM);
  kf_gui_settle ();
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (gtk_widget_is_visible (find (page, "bases-from")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (page, "bases-from"))), ==,
                   month_from);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (page, "bases-to"))), ==, month_to);
  g_assert_true (kf_period_bar_get_period (bar, &from, &to, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (from, ==, month_from);
  g_assert_false (kf_period_bar_get_has_error (bar));

  kf_gui_set_text (find (page, "bases-to"), "2000-01-01");
  g_assert_cmpuint (changes, >, 1);
  g_assert_true (kf_period_bar_get_has_error (bar));
  g_assert_true (gtk_widget_has_css_class (find (page, "bases-to"), "error"));
  g_assert_false (gtk_widget_has_css_class (find (page, "bases-from"), "error"));
  g_assert_true (g_str_has_prefix (label_text (page, "bases-period-error"), "To: "));
  g_clear_pointer (&from, g_free);
  g_clear_pointer (&to, g_free);
  g_assert_false (kf_period_bar_get_period (bar, &from, &to, &error));
  g_assert_cmpstr (kf_error_get_field (error), ==, "to");
  g_assert_cmpstr (kf_bases_page_get_totals (KF_BASES_PAGE (page))->from, ==, month_from);
}

/* The reviewer has Totals and Bases, in that order; a base has no Bases. */
static void
test_pages (void)
{
  g_autoptr(KfGui) gui = reviewer_window ();
  g_autoptr(KfGui) base = kf_gui_new (KF_GUI_BASE);
  AdwViewStack *stack = kf_window_get_view_stack (gui->window);
  GtkWidget *first = gtk_widget_get_first_child (GTK_WIDGET (stack));

  g_assert_nonnull (adw_view_stack_get_child_by_name (stack, "totals"));
  g_assert_nonnull (adw_view_stack_get_child_by_name (stack, "bases"));
  g_assert_cmpstr (adw_view_stack_page_get_name (adw_view_stack_get_page (stack, first)), ==,
                   "totals");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (adw_view_stack_get_pages (stack))),
                    ==, 2);
  g_assert_null (adw_view_stack_get_child_by_name (kf_window_get_view_stack (base->window),
                                                   "bases"));
}

/* What "last synced" says, by how long ago. */
static const struct
{
  const char *last_sync;
  const char *text;
} sync_texts[] = {
  { NULL, "Never synced" },
  { "2025-05-24T14:00:00+08:00", "Last synced just now" },
  { "2025-05-24T13:59:30+08:00", "Last synced just now" },
  { "2025-05-24T06:00:30Z", "Last synced just now" },
  { "2025-05-24T13:59:00+08:00", "Last synced 1 minute ago" },
  { "2025-05-24T13:01:00+08:00", "Last synced 59 minutes ago" },
  { "2025-05-24T13:00:00+08:00", "Last synced today at 13:00" },
  { "2025-05-24T00:00:00+08:00", "Last synced today at 00:00" },
  { "2025-05-23T17:30:00Z", "Last synced today at 01:30" },
  { "2025-05-23T15:59:00Z", "Last synced yesterday at 23:59" },
  { "2025-05-23T23:59:00+08:00", "Last synced yesterday at 23:59" },
  { "2025-05-23T00:00:00+08:00", "Last synced yesterday at 00:00" },
  { "2025-01-01T00:00:00+08:00", "Last synced on " },
  { "2025-05-24T15:00:00+08:00", "Last synced today at 15:00" },
};

static void
test_sync_texts (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) now = g_date_time_new (zone, 2025, 5, 24, 14, 0, 0);

  for (guint i = 0; i < G_N_ELEMENTS (sync_texts); i++)
    {
      g_autofree char *text = kf_bases_last_sync_text (sync_texts[i].last_sync, now);

      if (g_str_has_suffix (sync_texts[i].text, " "))
        g_assert_true (g_str_has_prefix (text, sync_texts[i].text));
      else
        g_assert_cmpstr (text, ==, sync_texts[i].text);
    }
}

/* KF_SCREENSHOT_DIR=… takes a picture of the page, in the language of the
 * environment (LANGUAGE=zh_CN LANG=zh_CN.UTF-8), with the catalogue in
 * KF_LOCALEDIR (or the installed one). Run it alone: the other cases read
 * English. */
static void
test_screenshot (void)
{
  const char *dir = g_getenv ("KF_SCREENSHOT_DIR");
  const char *localedir = g_getenv ("KF_LOCALEDIR");
  g_autoptr(KfGui) gui = NULL;
  g_autofree char *path = NULL;
  GtkWidget *page;

  if (dir == NULL)
    {
      g_test_skip ("KF_SCREENSHOT_DIR is not set");
      return;
    }
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gui = reviewer_window ();
  page = period_page (gui, "2025-05-20", "2025-06-10");
  gtk_window_set_default_size (GTK_WINDOW (gui->window), 1100, 720);
  kf_gui_settle ();
  path = g_build_filename (dir, "bases.png", NULL);
  kf_gui_screenshot (GTK_WIDGET (gui->window), path);
  g_assert_nonnull (page);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/bases/figures-by-name", test_figures_by_name);
  g_test_add_func ("/gui/bases/details-and-sync", test_details_and_sync);
  g_test_add_func ("/gui/bases/reload", test_reload);
  g_test_add_func ("/gui/bases/bad-period", test_bad_period);
  g_test_add_func ("/gui/bases/custom-starts-from-shown", test_custom_starts_from_shown);
  g_test_add_func ("/gui/bases/pages", test_pages);
  g_test_add_func ("/gui/bases/sync-texts", test_sync_texts);
  g_test_add_func ("/gui/bases/screenshot", test_screenshot);

  return g_test_run ();
}

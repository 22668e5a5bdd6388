/* test-totals.c — the Totals page: the figures of the demo week as core
 * and kaifang-cli compute them, grouping, order by name or date (never by a
 * figure), and a reload when the store changes; the bar chart beside the
 * table, for a base and for the reviewer, in the light and the dark style
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-gui-tests"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "../core/core-test-util.h"
#include "gui-test-util.h"
#include "kf-bar-chart.h"
#include "kf-period-bar.h"
#include "kf-totals-item.h"
#include "kf-totals-page.h"

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

/* The whole screen, popovers too. */
static void
maybe_screenshot_screen (const char *name)
{
  const char *dir = g_getenv ("KF_SCREENSHOT_DIR");
  g_autofree char *import = g_find_program_in_path ("import");
  g_autofree char *path = NULL;
  const char *argv[] = { import, "-window", "root", NULL, NULL };

  if (dir == NULL || import == NULL)
    return;
  path = g_strdup_printf ("%s/%s.png", dir, name);
  argv[3] = path;
  kf_gui_settle ();
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, NULL, NULL);
}

static void
select_in (GtkWidget  *page,
           const char *dropdown,
           guint       position)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kf_gui_get (page, dropdown)), position);
  kf_gui_settle ();
}

static GtkWidget *
demo_week_page (KfGui *gui)
{
  return kf_gui_totals_page (gui, KF_GUI_DEMO_FROM, KF_GUI_DEMO_TO);
}

static GListModel *
table_items (GtkWidget *page)
{
  GtkColumnView *table = GTK_COLUMN_VIEW (kf_gui_get (page, "totals-table"));

  return gtk_no_selection_get_model (GTK_NO_SELECTION (gtk_column_view_get_model (table)));
}

static KfTotalsItem *
table_item (GtkWidget *page,
            guint      position)
{
  KfTotalsItem *item = g_list_model_get_item (table_items (page), position);

  /* the store holds it as long as the page shows it */
  g_object_unref (item);
  return item;
}

static void
assert_figures_equal (const KfFigures *a,
                      const KfFigures *b)
{
  for (guint i = 0; kf_figure_names[i] != NULL; i++)
    g_assert_cmpint (kf_figures_get (a, i), ==, kf_figures_get (b, i));
}

/* The table holds core's rows, each once, then the total. */
static void
assert_table_is (GtkWidget      *page,
                 const KfTotals *totals)
{
  GListModel *items = table_items (page);
  guint n = g_list_model_get_n_items (items);
  KfTotalsItem *last;

  g_assert_cmpuint (n, ==, totals->rows->len + 1);
  for (guint i = 0; i + 1 < n; i++)
    {
      KfTotalsItem *item = table_item (page, i);
      const KfTotalsRow *row = kf_gui_totals_row (totals, kf_totals_item_get_key (item));

      g_assert_nonnull (row);
      g_assert_false (kf_totals_item_is_total (item));
      assert_figures_equal (kf_totals_item_get_figures (item), &row->figures);
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (kf_totals_item_get_key (table_item (page, j)), !=,
                         kf_totals_item_get_key (item));
    }
  last = table_item (page, n - 1);
  g_assert_true (kf_totals_item_is_total (last));
  assert_figures_equal (kf_totals_item_get_figures (last), &totals->total);
}

/* `kaifang-cli totals --json` on the same database, if it was built. */
static JsonObject *
cli_totals (KfGui      *gui,
            const char *by)
{
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "..", "src", "cli",
                                                "kaifang-cli", NULL);
  const char *argv[] = { cli, "--db", gui->db_path, "totals", "--from", KF_GUI_DEMO_FROM,
                         "--to", KF_GUI_DEMO_TO, "--by", by, "--json", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  int status;

  if (!g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
assert_json_figures (JsonObject      *object,
                     const KfFigures *figures)
{
  for (guint i = 0; kf_figure_names[i] != NULL; i++)
    g_assert_cmpint (json_object_get_int_member (object, kf_figure_names[i]), ==,
                     kf_figures_get (figures, i));
}

static void
test_demo_figures (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  g_autofree char *base = kf_gui_base_id (gui);
  GtkWidget *page = demo_week_page (gui);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfTotals) totals = NULL;
  g_autoptr(JsonObject) cli = NULL;
  g_autofree char *visitors = NULL;
  const KfFigures *shown;

  select_in (page, "totals-by", KF_GUI_BY_DATE);
  totals = kf_totals_compute (kf_gui_store (gui), KF_GUI_DEMO_FROM, KF_GUI_DEMO_TO,
                              KF_TOTALS_BY_DATE, base, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (totals->rows->len, >, 1);
  g_assert_cmpint (totals->total.visitors, >, 0);
  assert_table_is (page, totals);

  /* A base sees its own figures, not the county's. */
  {
    g_autoptr(KfTotals) county = kf_totals_compute (kf_gui_store (gui), KF_GUI_DEMO_FROM,
                                                     KF_GUI_DEMO_TO, KF_TOTALS_BY_DATE, NULL,
                                                     &error);
    g_assert_no_error (error);
    g_assert_cmpint (county->total.visitors, >, totals->total.visitors);
  }

  /* The same figures as the command line gives. */
  cli = cli_totals (gui, "date");
  if (cli != NULL)
    {
      JsonArray *rows = json_object_get_array_member (cli, "rows");

      shown = kf_totals_item_get_figures (table_item (page, totals->rows->len));
      assert_json_figures (json_object_get_object_member (cli, "total"), shown);
      g_assert_cmpuint (json_array_get_length (rows), ==, totals->rows->len);
      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          const char *key = json_object_get_string_member (row, "key");
          const KfTotalsRow *own = kf_gui_totals_row (totals, key);

          g_assert_nonnull (own);
          assert_json_figures (row, &own->figures);
        }
    }
  else
    g_test_message ("kaifang-cli not built: its figures not compared");

  /* And what is on screen says so. */
  visitors = g_strdup_printf ("%lld", (long long) totals->total.visitors);
  g_assert_true (kf_gui_label_contains (page, visitors));
  g_assert_true (kf_gui_label_contains (page, "Total"));
  g_assert_true (kf_gui_label_contains (page, "Sat 24 May 2025"));
  maybe_screenshot (GTK_WIDGET (gui->window), "totals-by-date");
}

static const struct
{
  guint       position;
  KfTotalsBy  by;
  const char *column;
  const char *shown;    /* a label the table shows for a code */
} groupings[] = {
  { KF_GUI_BY_BASE, KF_TOTALS_BY_BASE, "Base", "沁水县气象局" },
  { KF_GUI_BY_DATE, KF_TOTALS_BY_DATE, "Date", "Tue 27 May 2025" },
  { KF_GUI_BY_FORMAT, KF_TOTALS_BY_FORMAT, "Format", "Study tour" },
  { KF_GUI_BY_TOPIC, KF_TOTALS_BY_TOPIC, "Topic", "Meteorology" },
};

static void
test_grouping (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  g_autofree char *base = kf_gui_base_id (gui);
  GtkWidget *page = demo_week_page (gui);
  GtkColumnView *table = GTK_COLUMN_VIEW (kf_gui_get (page, "totals-table"));
  GListModel *columns = gtk_column_view_get_columns (table);
  g_autofree char *previous_key = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (groupings); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KfTotals) totals = NULL;
      g_autoptr(GtkColumnViewColumn) first = NULL;

      select_in (page, "totals-by", groupings[i].position);
      totals = kf_totals_compute (kf_gui_store (gui), KF_GUI_DEMO_FROM, KF_GUI_DEMO_TO,
                                  groupings[i].by, base, &error);
      g_assert_no_error (error);
      assert_table_is (page, totals);
      g_assert_true (kf_gui_label_contains (page, groupings[i].shown));

      first = g_list_model_get_item (columns, 0);
      g_assert_cmpstr (gtk_column_view_column_get_title (first), ==, groupings[i].column);
      /* the rows change with the grouping: a base, days, codes */
      g_assert_cmpstr (kf_totals_item_get_key (table_item (page, 0)), !=, previous_key);
      g_free (previous_key);
      previous_key = g_strdup (kf_totals_item_get_key (table_item (page, 0)));
      if (groupings[i].by == KF_TOTALS_BY_TOPIC)
        maybe_screenshot (GTK_WIDGET (gui->window), "totals-by-topic");
    }
}

static void
test_order (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  GtkWidget *page = demo_week_page (gui);
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (kf_gui_get (page,
                                                                             "totals-table")));

  /* No column may be sorted: no ranking by a figure is offered. */
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 9);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_null (gtk_column_view_column_get_sorter (column));
    }

  for (guint g = 0; g < G_N_ELEMENTS (groupings); g++)
    {
      guint n;

      select_in (page, "totals-by", groupings[g].position);
      n = g_list_model_get_n_items (table_items (page));
      g_assert_cmpuint (n, >=, 2);
      /* by date, or by the name shown; visits without a session last */
      for (guint i = 1; i + 1 < n; i++)
        {
          KfTotalsItem *a = table_item (page, i - 1);
          KfTotalsItem *b = table_item (page, i);

          if (groupings[g].by == KF_TOTALS_BY_DATE)
            g_assert_cmpstr (kf_totals_item_get_key (a), <, kf_totals_item_get_key (b));
          else if (g_strcmp0 (kf_totals_item_get_key (b), "none") != 0)
            {
              g_assert_cmpstr (kf_totals_item_get_key (a), !=, "none");
              g_assert_cmpint (g_utf8_collate (kf_totals_item_get_label (a),
                                               kf_totals_item_get_label (b)), <=, 0);
            }
        }
    }
}

static void
test_reload_on_change (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  g_autofree char *base = kf_gui_base_id (gui);
  GtkWidget *page = demo_week_page (gui);
  g_autoptr(KfRecord) visit = kf_record_new (KF_ENTITY_VISIT);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 before;

  select_in (page, "totals-by", KF_GUI_BY_BASE);
  before = kf_totals_item_get_figures (table_item (page, 1))->visitors;

  visit->id = kf_new_id ();
  KF_VISIT (visit)->base_id = g_strdup (base);
  KF_VISIT (visit)->kind = g_strdup ("walk_in_group");
  KF_VISIT (visit)->group_name = g_strdup ("端氏镇敬老院");
  KF_VISIT (visit)->arrived_at = g_strdup ("2025-05-29T10:00:00+08:00");
  KF_VISIT (visit)->youth_count = 0;
  KF_VISIT (visit)->adult_count = 17;
  KF_VISIT (visit)->note = g_strdup ("");
  kf_store_put (kf_gui_store (gui), visit, &error);
  g_assert_no_error (error);
  kf_gui_settle ();

  g_assert_cmpint (kf_totals_item_get_figures (table_item (page, 1))->visitors, ==, before + 17);
  expected = g_strdup_printf ("%lld", (long long) before + 17);
  g_assert_true (kf_gui_label_contains (page, expected));
}

static void
test_custom_period_refused (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  GtkWidget *page = demo_week_page (gui);
  GtkWidget *error_label = kf_gui_get (page, "totals-period-error");
  guint n = g_list_model_get_n_items (table_items (page));

  g_assert_false (gtk_widget_get_visible (error_label));

  set_text (kf_gui_get (page, "totals-from"), "2025-06-11");
  kf_gui_settle ();
  maybe_screenshot (GTK_WIDGET (gui->window), "totals-period-refused");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (kf_gui_label_contains (page, "To:"));
  g_assert_true (gtk_widget_has_css_class (kf_gui_get (page, "totals-to"), "error"));
  /* what was shown stays until the period is right */
  g_assert_cmpuint (g_list_model_get_n_items (table_items (page)), ==, n);

  set_text (kf_gui_get (page, "totals-from"), "2025-13-01");
  kf_gui_settle ();
  g_assert_true (kf_gui_label_contains (page, "From: must be a date"));

  set_text (kf_gui_get (page, "totals-from"), KF_GUI_DEMO_FROM);
  kf_gui_settle ();
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_cmpuint (g_list_model_get_n_items (table_items (page)), ==, n);
}

static KfBarChart *
chart_of (GtkWidget *page)
{
  return KF_BAR_CHART (kf_gui_get (page, "totals-chart"));
}

/* A bar for each row of the table, in its order, with its visitors. */
static void
assert_chart_is_table (GtkWidget *page)
{
  KfBarChart *chart = chart_of (page);
  guint n = g_list_model_get_n_items (table_items (page));

  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpuint (kf_bar_chart_get_n_bars (chart), ==, n - 1);
  for (guint i = 0; i + 1 < n; i++)
    {
      KfTotalsItem *item = table_item (page, i);
      const KfFigures *figures = kf_totals_item_get_figures (item);

      g_assert_cmpstr (kf_bar_chart_get_label (chart, i), ==, kf_totals_item_get_label (item));
      g_assert_cmpint (kf_bar_chart_get_value (chart, i, 0), ==, figures->youth);
      g_assert_cmpint (kf_bar_chart_get_value (chart, i, 1), ==, figures->adults);
      g_assert_cmpint (kf_bar_chart_get_value (chart, i, 2), ==, figures->visitors);
    }
}

static void
assert_chart_for_every_grouping (GtkWidget *page)
{
  for (guint g = 0; g < G_N_ELEMENTS (groupings); g++)
    {
      KfBarChart *chart = chart_of (page);
      g_autofree char *first = NULL;

      select_in (page, "totals-by", groupings[g].position);
      assert_chart_is_table (page);
      /* the screen reader hears every bar */
      first = g_strdup_printf (_("%s: %lld (%s %lld, %s %lld)"),
                               kf_bar_chart_get_label (chart, 0),
                               (long long) kf_bar_chart_get_value (chart, 0, 2),
                               _("Youth"), (long long) kf_bar_chart_get_value (chart, 0, 0),
                               _("Adults"), (long long) kf_bar_chart_get_value (chart, 0, 1));
      g_assert_true (g_str_has_prefix (kf_bar_chart_get_summary (chart), first));
    }
}

static void
test_chart_follows_table (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  GtkWidget *page = demo_week_page (gui);

  assert_chart_for_every_grouping (page);

}

/* The reviewer sees a bar for every base, by name as in the table. */
static void
test_chart_for_reviewer (void)
{
  g_autoptr(KfGui) gui = kf_gui_new_reviewer ();
  GtkWidget *page = demo_week_page (gui);

  select_in (page, "totals-by", KF_GUI_BY_BASE);
  g_assert_cmpuint (kf_bar_chart_get_n_bars (chart_of (page)), >, 1);
  assert_chart_for_every_grouping (page);

  select_in (page, "totals-by", KF_GUI_BY_BASE);
  maybe_screenshot (GTK_WIDGET (gui->window), "totals-reviewer-table");
  g_assert_true (kf_gui_activate (page, "totals.view", "s", "chart"));
  maybe_screenshot (GTK_WIDGET (gui->window), "totals-reviewer-chart");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  maybe_screenshot (GTK_WIDGET (gui->window), "totals-reviewer-chart-dark");
  g_assert_true (kf_gui_activate (page, "totals.view", "s", "table"));
  maybe_screenshot (GTK_WIDGET (gui->window), "totals-reviewer-table-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  if (g_getenv ("KF_SCREENSHOT_DIR") != NULL)
    {
      GtkMenuButton *export = GTK_MENU_BUTTON (kf_gui_get (page, "totals-export"));

      gtk_menu_button_popup (export);
      maybe_screenshot_screen ("totals-reviewer-export-menu");
      gtk_menu_button_popdown (export);
    }
}

static void
test_chart_follows_period (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  GtkWidget *page = demo_week_page (gui);
  guint days;

  select_in (page, "totals-by", KF_GUI_BY_DATE);
  days = kf_bar_chart_get_n_bars (chart_of (page));
  g_assert_cmpuint (days, >, 3);

  set_text (kf_gui_get (page, "totals-from"), "2025-05-24");
  set_text (kf_gui_get (page, "totals-to"), "2025-05-26");
  kf_gui_settle ();
  assert_chart_is_table (page);
  g_assert_cmpuint (kf_bar_chart_get_n_bars (chart_of (page)), <, days);
  g_assert_cmpuint (kf_bar_chart_get_n_bars (chart_of (page)), <=, 3);
  g_assert_cmpstr (kf_bar_chart_get_label (chart_of (page), 0), ==, "Sat 24 May 2025");

  /* A wrong period leaves both as they were. */
  set_text (kf_gui_get (page, "totals-to"), "2025-05-01");
  kf_gui_settle ();
  assert_chart_is_table (page);
  g_assert_cmpstr (kf_bar_chart_get_label (chart_of (page), 0), ==, "Sat 24 May 2025");
}

/* A reviewer's county of 50 bases, each with a group on one of the 22 days
 * of the activity week, their sizes in no order of the names. */
static KfGui *
county_gui (void)
{
  KfGui *gui = kf_gui_new (KF_GUI_EMPTY);
  KfStore *store = kf_gui_store (gui);
  g_autoptr(KfIdentity) reviewer = kf_identity_new (KF_ROLE_REVIEWER, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (kf_store_initialize (store, reviewer, NULL, &error));
  g_assert_true (kf_store_begin (store, &error));
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("沁水县第%02u科普基地", i + 1);
      GDate day;
      char date[16];
      g_autofree char *arrived = NULL;
      g_autoptr(KfRecord) base = NULL;
      g_autoptr(KfRecord) visit = NULL;

      g_date_set_dmy (&day, 20, G_DATE_MAY, 2025);
      g_date_add_days (&day, i % 22);
      g_date_strftime (date, sizeof date, "%Y-%m-%d", &day);
      arrived = g_strdup_printf ("%sT10:00:00+08:00", date);
      base = kft_base (NULL, name);
      visit = kft_visit (base->id, NULL, NULL, "walk_in_group", "端氏中学", arrived,
                         (i * 37) % 50 + 1, i % 7);
      g_assert_true (kf_store_save (store, base, &error));
      g_assert_true (kf_store_save (store, visit, &error));
    }
  g_assert_true (kf_store_commit (store, &error));
  g_assert_no_error (error);
  kf_window_show_pages (gui->window);
  kf_gui_settle ();
  return gui;
}

/* 50 bases or 22 days: a bar each, in the table's order, and the chart
 * scrolls in the window instead of growing it. */
static void
test_chart_many_rows (void)
{
  g_autoptr(KfGui) gui = county_gui ();
  GtkWidget *page = demo_week_page (gui);
  KfBarChart *chart = chart_of (page);
  GtkScrolledWindow *scroll = GTK_SCROLLED_WINDOW (kf_gui_get (page, "totals-chart-scroll"));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroll);
  gboolean ranked = TRUE;

  select_in (page, "totals-by", KF_GUI_BY_BASE);
  g_assert_true (kf_gui_activate (page, "totals.view", "s", "chart"));
  g_assert_cmpuint (kf_bar_chart_get_n_bars (chart), ==, 50);
  assert_chart_is_table (page);
  for (guint i = 1; i < 50; i++)
    {
      g_assert_cmpint (g_utf8_collate (kf_bar_chart_get_label (chart, i - 1),
                                       kf_bar_chart_get_label (chart, i)), <, 0);
      ranked = ranked && kf_bar_chart_get_value (chart, i - 1, 2)
                         >= kf_bar_chart_get_value (chart, i, 2);
    }
  g_assert_false (ranked);

  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >,
                     gtk_adjustment_get_page_size (adjustment));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (gui->window)), <=, 800);
  for (guint i = 0; i < 50; i++)
    {
      graphene_rect_t bar;

      g_assert_true (kf_bar_chart_get_bar_area (chart, i, &bar));
      g_assert_cmpfloat (bar.size.width, >, 0);
      g_assert_cmpfloat (bar.origin.x + bar.size.width, <=,
                         gtk_widget_get_width (GTK_WIDGET (chart)));
    }
  maybe_screenshot (GTK_WIDGET (gui->window), "totals-chart-50-bases");

  select_in (page, "totals-by", KF_GUI_BY_DATE);
  g_assert_cmpuint (kf_bar_chart_get_n_bars (chart), ==, 22);
  assert_chart_is_table (page);
  maybe_screenshot (GTK_WIDGET (gui->window), "totals-chart-22-days");
}

/* The colour of a pixel of a rendering of @window at @point of @widget. */
static void
pixel_at (GdkTexture *texture,
          GtkWidget  *widget,
          GtkWidget  *window,
          float       x,
          float       y,
          double      rgb[3])
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc (4 * width * height);
  graphene_point_t point;
  const guchar *pixel;

  g_assert_true (gtk_widget_compute_point (widget, window, &GRAPHENE_POINT_INIT (x, y), &point));
  g_assert_cmpint ((int) point.x, <, width);
  g_assert_cmpint ((int) point.y, <, height);
  gdk_texture_download (texture, data, 4 * width);
  /* cairo's ARGB32 in memory order: blue, green, red, alpha */
  pixel = data + 4 * ((int) point.y * width + (int) point.x);
  for (guint c = 0; c < 3; c++)
    rgb[c] = pixel[2 - c] / 255.0;
}

static double
luminance (const double rgb[3])
{
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

static GdkTexture *
render (GtkWidget *window)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static void
assert_chart_readable (GtkWidget *page,
                       gboolean   dark)
{
  KfBarChart *chart = chart_of (page);
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (page));
  g_autoptr(GdkTexture) texture = render (window);
  graphene_rect_t bar;
  double inside[3];
  double background[3];
  double distance = 0;

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chart)));
  g_assert_true (kf_bar_chart_get_bar_area (chart, 0, &bar));
  g_assert_cmpfloat (bar.size.width, >, 40);
  /* the middle of the bar (a window's border may shift the picture a little) */
  pixel_at (texture, GTK_WIDGET (chart), window, bar.origin.x + bar.size.width / 2,
            bar.origin.y + bar.size.height / 2, inside);
  /* the top right corner of the chart is left empty */
  pixel_at (texture, GTK_WIDGET (chart), window, gtk_widget_get_width (GTK_WIDGET (chart)) - 12,
            4, background);

  for (guint c = 0; c < 3; c++)
    distance += fabs (inside[c] - background[c]);
  g_test_message ("%s: bar %.2f %.2f %.2f on %.2f %.2f %.2f", dark ? "dark" : "light",
                  inside[0], inside[1], inside[2], background[0], background[1], background[2]);
  g_assert_cmpfloat (distance, >, 0.5);
  if (dark)
    g_assert_cmpfloat (luminance (background), <, 0.3);
  else
    g_assert_cmpfloat (luminance (background), >, 0.8);
}

static void
test_chart_light_and_dark (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  GtkWidget *page = demo_week_page (gui);
  AdwStyleManager *style = adw_style_manager_get_default ();

  select_in (page, "totals-by", KF_GUI_BY_DATE);
  g_assert_true (kf_gui_activate (page, "totals.view", "s", "chart"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (kf_gui_get (page, "totals-stack"))),
                   ==, "chart");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  kf_gui_settle ();
  maybe_screenshot (GTK_WIDGET (gui->window), "totals-chart-light");
  assert_chart_readable (page, FALSE);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  kf_gui_settle ();
  maybe_screenshot (GTK_WIDGET (gui->window), "totals-chart-dark");
  assert_chart_readable (page, TRUE);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  g_assert_true (kf_gui_activate (page, "totals.view", "s", "table"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (kf_gui_get (page, "totals-stack"))),
                   ==, "table");
}

static void
test_presets (void)
{
  static const struct
  {
    int            year, month, day;
    KfPeriodPreset preset;
    const char    *from;
    const char    *to;
  } cases[] = {
    { 2025, 2, 10, KF_PERIOD_PRESET_THIS_MONTH, "2025-02-01", "2025-02-28" },
    { 2024, 2, 29, KF_PERIOD_PRESET_THIS_MONTH, "2024-02-01", "2024-02-29" },
    { 2026, 12, 31, KF_PERIOD_PRESET_THIS_MONTH, "2026-12-01", "2026-12-31" },
    { 2025, 2, 10, KF_PERIOD_PRESET_ACTIVITY_WEEK, "2025-05-20", "2025-06-10" },
    { 2026, 11, 29, KF_PERIOD_PRESET_ACTIVITY_WEEK, "2026-05-20", "2026-06-10" },
    { 2026, 11, 29, KF_PERIOD_PRESET_CUSTOM, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_local (cases[i].year, cases[i].month,
                                                        cases[i].day, 12, 0, 0);
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      gboolean fixed = kf_period_preset_dates (cases[i].preset, now, &from, &to);

      g_assert_cmpint (fixed, ==, cases[i].from != NULL);
      g_assert_cmpstr (from, ==, cases[i].from);
      g_assert_cmpstr (to, ==, cases[i].to);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* screenshots in another language: KF_TEST_LOCALEDIR holds its catalogue */
  if (g_getenv ("KF_TEST_LOCALEDIR") != NULL)
    {
      /* gtk_test_init() chose English */
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KF_TEST_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  g_test_add_func ("/gui/totals/presets", test_presets);
  g_test_add_func ("/gui/totals/demo-figures", test_demo_figures);
  g_test_add_func ("/gui/totals/grouping", test_grouping);
  g_test_add_func ("/gui/totals/order", test_order);
  g_test_add_func ("/gui/totals/reload-on-change", test_reload_on_change);
  g_test_add_func ("/gui/totals/custom-period-refused", test_custom_period_refused);
  g_test_add_func ("/gui/totals/chart-follows-table", test_chart_follows_table);
  g_test_add_func ("/gui/totals/chart-for-reviewer", test_chart_for_reviewer);
  g_test_add_func ("/gui/totals/chart-follows-period", test_chart_follows_period);
  g_test_add_func ("/gui/totals/chart-many-rows", test_chart_many_rows);
  g_test_add_func ("/gui/totals/chart-light-and-dark", test_chart_light_and_dark);

  return g_test_run ();
}

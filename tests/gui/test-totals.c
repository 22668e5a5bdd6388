/* test-totals.c — the Totals page: the figures of the demo week as core
 * and kaifang-cli compute them, grouping, order by name or date (never by a
 * figure), and a reload when the store changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-gui-tests"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "gui-test-util.h"
#include "kf-totals-item.h"
#include "kf-totals-page.h"

#define DEMO_FROM "2025-05-20"
#define DEMO_TO "2025-06-10"

enum { PERIOD_WEEK, PERIOD_MONTH, PERIOD_CUSTOM };
enum { BY_BASE, BY_DATE, BY_FORMAT, BY_TOPIC };

static GtkWidget *
find (GtkWidget  *root,
      const char *name)
{
  GtkWidget *widget = kf_gui_find (root, name);

  if (widget == NULL)
    g_error ("no widget named %s", name);
  return widget;
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

static void
select_in (GtkWidget  *page,
           const char *dropdown,
           guint       position)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find (page, dropdown)), position);
  kf_gui_settle ();
}

static GtkWidget *
demo_week_page (KfGui *gui)
{
  GtkWidget *page = kf_gui_page (gui, "totals");

  select_in (page, "totals-period", PERIOD_CUSTOM);
  set_text (find (page, "totals-from"), DEMO_FROM);
  set_text (find (page, "totals-to"), DEMO_TO);
  kf_gui_settle ();
  return page;
}

static GListModel *
table_items (GtkWidget *page)
{
  GtkColumnView *table = GTK_COLUMN_VIEW (find (page, "totals-table"));

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

static char *
base_id (KfGui *gui)
{
  g_autoptr(KfIdentity) identity = kf_store_get_identity (kf_gui_store (gui), NULL);

  return g_strdup (identity->base_id);
}

static void
assert_figures_equal (const KfFigures *a,
                      const KfFigures *b)
{
  for (guint i = 0; kf_figure_names[i] != NULL; i++)
    g_assert_cmpint (kf_figures_get (a, i), ==, kf_figures_get (b, i));
}

static const KfTotalsRow *
find_row (const KfTotals *totals,
          const char     *key)
{
  for (guint i = 0; i < totals->rows->len; i++)
    {
      const KfTotalsRow *row = g_ptr_array_index (totals->rows, i);

      if (g_strcmp0 (row->key, key) == 0)
        return row;
    }
  return NULL;
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
      const KfTotalsRow *row = find_row (totals, kf_totals_item_get_key (item));

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
  const char *argv[] = { cli, "--db", gui->db_path, "totals", "--from", DEMO_FROM,
                         "--to", DEMO_TO, "--by", by, "--json", NULL };
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
  g_autofree char *base = base_id (gui);
  GtkWidget *page = demo_week_page (gui);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfTotals) totals = NULL;
  g_autoptr(JsonObject) cli = NULL;
  g_autofree char *visitors = NULL;
  const KfFigures *shown;

  select_in (page, "totals-by", BY_DATE);
  totals = kf_totals_compute (kf_gui_store (gui), DEMO_FROM, DEMO_TO, KF_TOTALS_BY_DATE, base,
                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (totals->rows->len, >, 1);
  g_assert_cmpint (totals->total.visitors, >, 0);
  assert_table_is (page, totals);

  /* A base sees its own figures, not the county's. */
  {
    g_autoptr(KfTotals) county = kf_totals_compute (kf_gui_store (gui), DEMO_FROM, DEMO_TO,
                                                     KF_TOTALS_BY_DATE, NULL, &error);
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
          const KfTotalsRow *own = find_row (totals, json_object_get_string_member (row, "key"));

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
  { BY_BASE, KF_TOTALS_BY_BASE, "Base", "沁水县气象局" },
  { BY_DATE, KF_TOTALS_BY_DATE, "Date", "Tue 27 May 2025" },
  { BY_FORMAT, KF_TOTALS_BY_FORMAT, "Format", "Study tour" },
  { BY_TOPIC, KF_TOTALS_BY_TOPIC, "Topic", "Meteorology" },
};

static void
test_grouping (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  g_autofree char *base = base_id (gui);
  GtkWidget *page = demo_week_page (gui);
  GtkColumnView *table = GTK_COLUMN_VIEW (find (page, "totals-table"));
  GListModel *columns = gtk_column_view_get_columns (table);
  g_autofree char *previous_key = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (groupings); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KfTotals) totals = NULL;
      g_autoptr(GtkColumnViewColumn) first = NULL;

      select_in (page, "totals-by", groupings[i].position);
      totals = kf_totals_compute (kf_gui_store (gui), DEMO_FROM, DEMO_TO, groupings[i].by, base,
                                  &error);
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
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (find (page,
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
  g_autofree char *base = base_id (gui);
  GtkWidget *page = demo_week_page (gui);
  g_autoptr(KfRecord) visit = kf_record_new (KF_ENTITY_VISIT);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 before;

  select_in (page, "totals-by", BY_BASE);
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
  GtkWidget *error_label = find (page, "totals-period-error");
  guint n = g_list_model_get_n_items (table_items (page));

  g_assert_false (gtk_widget_get_visible (error_label));

  set_text (find (page, "totals-from"), "2025-06-11");
  kf_gui_settle ();
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (kf_gui_label_contains (page, "To:"));
  g_assert_true (gtk_widget_has_css_class (find (page, "totals-to"), "error"));
  /* what was shown stays until the period is right */
  g_assert_cmpuint (g_list_model_get_n_items (table_items (page)), ==, n);

  set_text (find (page, "totals-from"), "2025-13-01");
  kf_gui_settle ();
  g_assert_true (kf_gui_label_contains (page, "From: must be a date"));

  set_text (find (page, "totals-from"), DEMO_FROM);
  kf_gui_settle ();
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_cmpuint (g_list_model_get_n_items (table_items (page)), ==, n);
}

static void
test_presets (void)
{
  static const struct
  {
    int            year, month, day;
    KfTotalsPreset preset;
    const char    *from;
    const char    *to;
  } cases[] = {
    { 2025, 2, 10, KF_TOTALS_PRESET_THIS_MONTH, "2025-02-01", "2025-02-28" },
    { 2024, 2, 29, KF_TOTALS_PRESET_THIS_MONTH, "2024-02-01", "2024-02-29" },
    { 2026, 12, 31, KF_TOTALS_PRESET_THIS_MONTH, "2026-12-01", "2026-12-31" },
    { 2025, 2, 10, KF_TOTALS_PRESET_ACTIVITY_WEEK, "2025-05-20", "2025-06-10" },
    { 2026, 11, 29, KF_TOTALS_PRESET_ACTIVITY_WEEK, "2026-05-20", "2026-06-10" },
    { 2026, 11, 29, KF_TOTALS_PRESET_CUSTOM, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_local (cases[i].year, cases[i].month,
                                                        cases[i].day, 12, 0, 0);
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      gboolean fixed = kf_totals_preset_period (cases[i].preset, now, &from, &to);

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

  g_test_add_func ("/gui/totals/presets", test_presets);
  g_test_add_func ("/gui/totals/demo-figures", test_demo_figures);
  g_test_add_func ("/gui/totals/grouping", test_grouping);
  g_test_add_func ("/gui/totals/order", test_order);
  g_test_add_func ("/gui/totals/reload-on-change", test_reload_on_change);
  g_test_add_func ("/gui/totals/custom-period-refused", test_custom_period_refused);

  return g_test_run ();
}

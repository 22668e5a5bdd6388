/* bench-gui.c — the window's first frame on a big database, against a bare
 * libadwaita window
 *
 * Run by hand, under a display (xvfb-run -a build/benchmarks/bench-gui).
 * The program fills a database with 100,000 bookings over 20,000 sessions
 * through core (kf_store_put_many, every rule checked), then starts itself
 * again and again as a child that opens one window and exits after its first
 * frame: a bare AdwApplicationWindow with an AdwHeaderBar, or the Kaifang
 * window on that database. Each child reports the time from its exec to its
 * first frame (the GdkFrameClock "after-paint" of the window's surface) and
 * from its main(), its resident memory then, and — for Kaifang — the SQL
 * statements the window's connection ran and the rows they returned
 * (sqlite3_trace_v2) before the first frame and while the Bookings page was
 * shown, and how many rows the page's list model read.
 *
 * BENCH_GUI_TRACE=1 prints every statement of the window's connection with
 * its time, and the time of each step to the first frame, on stderr.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "kf-application.h"
#include "kf-bookings-page.h"
#include "kf-record-model.h"
#include "kf-record-object.h"
#include "kf-sessions-page.h"
#include "kf-store-private.h"
#include "kf-today-page.h"
#include "kf-totals-page.h"
#include "kf-window.h"

#define BATCH 1000

typedef struct
{
  guint    sessions;
  guint    bookings;
  guint    runs;
  char    *db_path;
  gboolean keep;
} Config;

/* What one child measured; -1 where it does not apply. */
typedef struct
{
  double  exec_ms;     /* from the parent's spawn to the first frame */
  double  main_ms;     /* from main() to the first frame */
  double  rss_mb;      /* VmRSS right after the first frame */
  double  page_ms;     /* from showing the Bookings page to its first frame */
  gint64  rows_read;   /* rows the Bookings page's model read */
  gint64  n_items;     /* items the model says it has */
  gboolean direct;     /* the rows came from a list made here, not the page */
  double  sql_start;   /* statements run before the first frame */
  double  rows_start;  /* the rows they returned */
  double  sql_ms_start; /* their time */
  double  sql_page;    /* statements run while the Bookings page was shown */
  double  rows_page;   /* the rows they returned */
} Sample;

/* What the window's connection ran (sqlite3_trace_v2), counted in the child. */
typedef struct
{
  gint64   statements;
  gint64   rows;
  gint64   ns;
  gboolean verbose;
  gint64   since;      /* real time of the child's main(), µs */
} SqlCount;

static SqlCount sql_count;

static int
trace_cb (unsigned int  type,
          void         *data,
          void         *p,
          void         *x)
{
  SqlCount *count = data;

  if (type == SQLITE_TRACE_ROW)
    count->rows++;
  else if (type == SQLITE_TRACE_PROFILE)
    {
      count->statements++;
      count->ns += *(sqlite3_int64 *) x;
      if (count->verbose)
        {
          char *sql = sqlite3_expanded_sql (p);

          g_printerr ("[%8.1f ms] %7.2f ms  %.160s\n",
                      (g_get_real_time () - count->since) / 1000.0,
                      *(sqlite3_int64 *) x / 1e6, sql != NULL ? sql : "");
          sqlite3_free (sql);
        }
    }
  return 0;
}

static void
mark (const char *what,
      gint64      main_at)
{
  if (sql_count.verbose)
    g_printerr ("[%8.1f ms] %s\n", (g_get_real_time () - main_at) / 1000.0, what);
}

/* Filling the database */

static KfRecord *
make_session (const char *base_id,
              guint       i)
{
  g_autoptr(GDate) date = g_date_new_dmy (1, G_DATE_MAY, 2025);
  KfRecord *record = kf_record_new (KF_ENTITY_SESSION);
  KfSession *session = KF_SESSION (record);
  guint slot = i % 50;
  char text[16];

  /* Fifty sessions a day, from 08:00, ten minutes apart. */
  g_date_add_days (date, i / 50);
  record->id = kf_new_id ();
  session->base_id = g_strdup (base_id);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  session->date = g_strdup (text);
  session->start = g_strdup_printf ("%02u:%02u", 8 + slot / 6, (slot % 6) * 10);
  session->end = g_strdup_printf ("%02u:%02u", 9 + slot / 6, (slot % 6) * 10);
  session->capacity = 200;
  session->title = g_strdup_printf ("气象科普开放日 %u", i + 1);
  session->topic = g_strdup (kf_topic_codes[i % 8]);
  session->format = g_strdup (kf_format_codes[i % 6]);
  session->status = g_strdup ("scheduled");
  session->note = g_strdup ("");
  return record;
}

static KfRecord *
make_booking (const KfSession *session,
              guint            i)
{
  static const char * const orgs[] = {
    "沁水县实验小学", "沁水县第一中学", "龙港镇中心学校", "沁水县实验幼儿园", "梅杏社区居委会",
  };
  KfRecord *record = kf_record_new (KF_ENTITY_BOOKING);
  KfBooking *booking = KF_BOOKING (record);

  record->id = kf_new_id ();
  booking->base_id = g_strdup (session->base_id);
  booking->session_id = g_strdup (session->r.id);
  booking->org_name = g_strdup_printf ("%s %u", orgs[i % G_N_ELEMENTS (orgs)], i / 5);
  booking->org_type = g_strdup (i % 5 == 3 ? "kindergarten" : i % 5 == 4 ? "community"
                                                                         : "school");
  booking->grade = g_strdup ("");
  booking->contact_name = g_strdup ("王老师");
  booking->contact_phone = g_strdup_printf ("139%08u", i);
  booking->youth_count = 10 + i % 25;
  booking->adult_count = 1 + i % 4;
  /* Five bookings of at most 38 people fit a session of 200. */
  booking->status = g_strdup (i % 5 < 2 ? "confirmed" : "requested");
  booking->note = g_strdup ("");
  return record;
}

static KfStore *
new_base_store (const char *path,
                char      **base_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfStore) store = kf_store_open (path, &error);
  g_autoptr(KfRecord) base = kf_record_new (KF_ENTITY_BASE);
  g_autoptr(KfIdentity) identity = NULL;

  if (store == NULL)
    g_error ("%s: %s", path, error->message);
  base->id = kf_new_id ();
  KF_BASE (base)->name = g_strdup ("沁水县气象局");
  KF_BASE (base)->address = g_strdup ("");
  KF_BASE (base)->contact_name = g_strdup ("");
  KF_BASE (base)->contact_phone = g_strdup ("");
  identity = kf_identity_new (KF_ROLE_BASE, base->id, NULL);
  if (!kf_store_initialize (store, identity, KF_BASE (base), &error))
    g_error ("%s: %s", path, error->message);
  *base_id = g_strdup (base->id);
  return g_steal_pointer (&store);
}

static void
put_batch (KfStore   *store,
           GPtrArray *batch)
{
  g_autoptr(GError) error = NULL;

  if (batch->len > 0 &&
      !kf_store_put_many (store, (KfRecord **) batch->pdata, batch->len, &error))
    g_error ("kf_store_put_many: %s", error->message);
  g_ptr_array_set_size (batch, 0);
}

static void
fill_database (const Config *config)
{
  g_autofree char *base_id = NULL;
  g_autoptr(KfStore) store = new_base_store (config->db_path, &base_id);
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  gint64 start = g_get_monotonic_time ();

  sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  batch = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  for (guint i = 0; i < config->sessions; i++)
    {
      g_ptr_array_add (sessions, make_session (base_id, i));
      g_ptr_array_add (batch, kf_record_copy (g_ptr_array_index (sessions, i)));
      if (batch->len == BATCH)
        put_batch (store, batch);
    }
  put_batch (store, batch);

  for (guint i = 0; i < config->bookings; i++)
    {
      const KfSession *session = g_ptr_array_index (sessions, i % config->sessions);

      g_ptr_array_add (batch, make_booking (session, i));
      if (batch->len == BATCH)
        put_batch (store, batch);
    }
  put_batch (store, batch);

  g_print ("Filled %s: %u sessions, %u bookings through kf_store_put_many in %.1f s\n",
           config->db_path, config->sessions, config->bookings,
           (g_get_monotonic_time () - start) / 1e6);
}

/* The child: one window, its first frame */

typedef struct
{
  gint64          spawned_at;   /* real time, µs: the parent's, just before the spawn */
  gint64          main_at;      /* real time, µs */
  GtkApplication *app;
  GtkWindow      *window;
  gboolean        kaifang;
  Sample          sample;
  gint64          page_at;
  gulong          paint_handler;
  GdkFrameClock  *clock;
} Child;

static double
resident_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
}

static int
compare_rss (gconstpointer a,
             gconstpointer b,
             gpointer      table)
{
  gint64 x = GPOINTER_TO_SIZE (g_hash_table_lookup (table, *(const char * const *) a));
  gint64 y = GPOINTER_TO_SIZE (g_hash_table_lookup (table, *(const char * const *) b));

  return (y > x) - (y < x);
}

/* BENCH_GUI_SMAPS=1: where the resident memory is, by mapping (the file
 * mapped, or [heap], or "anonymous"), the largest first, on stderr. */
static void
print_smaps (const char *mode)
{
  g_autofree char *smaps = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *current = "anonymous";
  GHashTableIter iter;
  gpointer key;

  if (!g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL))
    return;
  lines = g_strsplit (smaps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_ascii_isxdigit (line[0]) && strchr (line, '-') != NULL && strchr (line, ' ') != NULL)
        {
          const char *path = NULL;
          int fields = 0;

          /* address perms offset dev inode [path] */
          for (const char *c = line; *c != '\0' && path == NULL; c++)
            if (*c == ' ' && c[1] != ' ' && ++fields == 5)
              path = c + 1;
          current = path != NULL && *path != '\0' ? path : "anonymous";
        }
      else if (g_str_has_prefix (line, "Rss:"))
        {
          gint64 kb = g_ascii_strtoll (line + 4, NULL, 10);
          gpointer old = g_hash_table_lookup (table, current);

          g_hash_table_insert (table, g_strdup (current),
                               GSIZE_TO_POINTER (GPOINTER_TO_SIZE (old) + kb));
        }
    }
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, key);
  g_ptr_array_sort_with_data (names, compare_rss, table);
  g_printerr ("Resident memory of the %s window by mapping (kB):\n", mode);
  for (guint i = 0; i < MIN (names->len, 25); i++)
    g_printerr ("  %8" G_GSIZE_FORMAT "  %s\n",
                GPOINTER_TO_SIZE (g_hash_table_lookup (table, names->pdata[i])),
                (const char *) names->pdata[i]);
}

static GListModel *
unwrap_model (GListModel *model)
{
  while (model != NULL && !KF_IS_RECORD_MODEL (model))
    {
      if (GTK_IS_SINGLE_SELECTION (model))
        model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model));
      else if (GTK_IS_NO_SELECTION (model))
        model = gtk_no_selection_get_model (GTK_NO_SELECTION (model));
      else if (GTK_IS_MULTI_SELECTION (model))
        model = gtk_multi_selection_get_model (GTK_MULTI_SELECTION (model));
      else if (GTK_IS_SORT_LIST_MODEL (model))
        model = gtk_sort_list_model_get_model (GTK_SORT_LIST_MODEL (model));
      else if (GTK_IS_FILTER_LIST_MODEL (model))
        model = gtk_filter_list_model_get_model (GTK_FILTER_LIST_MODEL (model));
      else if (GTK_IS_SLICE_LIST_MODEL (model))
        model = gtk_slice_list_model_get_model (GTK_SLICE_LIST_MODEL (model));
      else if (GTK_IS_MAP_LIST_MODEL (model))
        model = gtk_map_list_model_get_model (GTK_MAP_LIST_MODEL (model));
      else
        return NULL;
    }
  return model;
}

/* The KfRecordModel under the first list view of @root. */
static KfRecordModel *
find_record_model (GtkWidget *root)
{
  GListModel *model = NULL;

  if (GTK_IS_LIST_VIEW (root))
    model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (root)));
  else if (GTK_IS_COLUMN_VIEW (root))
    model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (root)));
  if ((model = unwrap_model (model)) != NULL)
    return KF_RECORD_MODEL (model);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      KfRecordModel *found = find_record_model (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  const KfRecord *record = kf_record_object_get_record (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      KF_BOOKING (record)->org_name);
}

/* When the Bookings page has no record model (not written yet), a list view
 * of the same kind takes its place, so the figure still says how lazy the
 * model is under a real view. */
static KfRecordModel *
direct_bookings_list (Child *child)
{
  KfApplication *app = KF_APPLICATION (child->app);
  KfRecordModel *model = kf_record_model_new (kf_application_get_store (app),
                                              KF_ENTITY_BOOKING);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkSelectionModel *selection;
  GtkWidget *view;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (model))));
  view = gtk_list_view_new (selection, factory);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  adw_view_stack_add_named (kf_window_get_view_stack (KF_WINDOW (child->window)), scrolled,
                            "bench-bookings");
  child->sample.direct = TRUE;
  return model;
}

static void
report_and_quit (Child *child)
{
  Sample *s = &child->sample;

  g_print ("exec_ms=%.1f main_ms=%.1f rss_mb=%.1f page_ms=%.1f rows_read=%" G_GINT64_FORMAT
           " n_items=%" G_GINT64_FORMAT " direct=%d sql=%.0f,%.0f,%.1f,%.0f,%.0f\n", s->exec_ms,
           s->main_ms, s->rss_mb, s->page_ms, s->rows_read, s->n_items, s->direct,
           s->sql_start, s->rows_start, s->sql_ms_start, s->sql_page, s->rows_page);
  g_signal_handler_disconnect (child->clock, child->paint_handler);
  g_application_quit (G_APPLICATION (child->app));
}

static void page_painted_cb (GdkFrameClock *clock,
                             Child         *child);

/* Shows @page and waits for its first frame. */
static void
show_page (Child     *child,
           GtkWidget *page)
{
  g_signal_handler_disconnect (child->clock, child->paint_handler);
  child->paint_handler = g_signal_connect (child->clock, "after-paint",
                                           G_CALLBACK (page_painted_cb), child);
  child->page_at = g_get_real_time ();
  adw_view_stack_set_visible_child (kf_window_get_view_stack (KF_WINDOW (child->window)), page);
}

static void
show_direct_list (Child *child)
{
  g_autoptr(KfRecordModel) model = direct_bookings_list (child);
  AdwViewStack *stack = kf_window_get_view_stack (KF_WINDOW (child->window));

  show_page (child, adw_view_stack_get_child_by_name (stack, "bench-bookings"));
}

/* The page gives its list view a model when it is shown, so the model is
 * looked for in the page's first frame. */
static void
page_painted_cb (GdkFrameClock *clock,
                 Child         *child)
{
  AdwViewStack *stack = kf_window_get_view_stack (KF_WINDOW (child->window));
  GtkWidget *page = adw_view_stack_get_visible_child (stack);
  KfRecordModel *model = page != NULL ? find_record_model (page) : NULL;

  if (model == NULL && !child->sample.direct)
    {
      show_direct_list (child);
      return;
    }
  child->sample.page_ms = (g_get_real_time () - child->page_at) / 1000.0;
  child->sample.sql_page = sql_count.statements - child->sample.sql_start;
  child->sample.rows_page = sql_count.rows - child->sample.rows_start;
  mark ("Bookings page painted", child->main_at);
  if (model != NULL)
    {
      child->sample.rows_read = kf_record_model_get_rows_read (model);
      child->sample.n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
    }
  report_and_quit (child);
}

/* Shows the Bookings page, or a list of the same kind where there is none. */
static void
show_bookings (Child *child)
{
  AdwViewStack *stack = kf_window_get_view_stack (KF_WINDOW (child->window));
  GtkWidget *page = adw_view_stack_get_child_by_name (stack, "bookings");

  if (page != NULL)
    show_page (child, page);
  else
    show_direct_list (child);
}

static void
first_paint_cb (GdkFrameClock *clock,
                Child         *child)
{
  gint64 now = g_get_real_time ();

  child->sample.exec_ms = (now - child->spawned_at) / 1000.0;
  child->sample.main_ms = (now - child->main_at) / 1000.0;
  child->sample.rss_mb = resident_mb ();
  if (g_strcmp0 (g_getenv ("BENCH_GUI_SMAPS"), "1") == 0)
    print_smaps (child->kaifang ? "Kaifang" : "bare");
  child->sample.sql_start = sql_count.statements;
  child->sample.rows_start = sql_count.rows;
  child->sample.sql_ms_start = sql_count.ns / 1e6;
  mark ("first frame", child->main_at);
  if (child->kaifang)
    show_bookings (child);
  else
    report_and_quit (child);
}

static void
window_realize_cb (GtkWidget *window,
                   Child     *child)
{
  child->clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window)));
  child->paint_handler = g_signal_connect (child->clock, "after-paint",
                                           G_CALLBACK (first_paint_cb), child);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 Child          *child)
{
  if (child->window != NULL)
    return;
  child->window = window;
  mark ("window added", child->main_at);
  /* The window is made after the store is opened, and it makes its pages
   * after it is added: all the window's statements are counted. */
  if (child->kaifang)
    sqlite3_trace_v2 (kf_store_get_db (kf_application_get_store (KF_APPLICATION (app))),
                      SQLITE_TRACE_PROFILE | SQLITE_TRACE_ROW, trace_cb, &sql_count);
  g_signal_connect (window, "realize", G_CALLBACK (window_realize_cb), child);
}

static void
bare_activate_cb (GtkApplication *app,
                  Child          *child)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_child (const char *mode,
           const char *db_path,
           gint64      spawned_at,
           gint64      main_at)
{
  Child child = { spawned_at, main_at, NULL, NULL, g_str_equal (mode, "kaifang"),
                  { -1, -1, -1, -1, -1, -1, FALSE, 0, 0, 0, 0, 0 }, 0, 0, NULL };
  g_autoptr(GtkApplication) app = NULL;
  char *argv[] = { (char *) "bench-gui", NULL };

  sql_count.verbose = g_strcmp0 (g_getenv ("BENCH_GUI_TRACE"), "1") == 0;
  sql_count.since = main_at;

  if (child.kaifang)
    {
      app = GTK_APPLICATION (kf_application_new ());
      kf_application_set_db_path (KF_APPLICATION (app), db_path);
    }
  else
    {
      app = GTK_APPLICATION (adw_application_new ("cn.kaifang.BenchBare",
                                                  G_APPLICATION_NON_UNIQUE));
      g_signal_connect (app, "activate", G_CALLBACK (bare_activate_cb), &child);
    }
  child.app = app;
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), &child);
  return g_application_run (G_APPLICATION (app), 1, argv);
}

/* The parent: runs the children and prints the table */

static gboolean
run_one (const Config *config,
         const char   *self,
         const char   *mode,
         Sample       *sample)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *spawned = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int direct = 0;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* The children are new processes: the trace goes to this one's stderr. */
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", BENCH_SCHEMA_DIR, TRUE);
  g_subprocess_launcher_setenv (launcher, "NO_AT_BRIDGE", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "ADW_DISABLE_PORTAL", "1", TRUE);

  spawned = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time ());
  process = g_subprocess_launcher_spawn (launcher, &error, self, "--child", mode, "--db",
                                         config->db_path, "--spawned-at", spawned, NULL);
  if (process == NULL ||
      !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error))
    g_error ("%s: %s", mode, error->message);
  if (!g_subprocess_get_successful (process) ||
      sscanf (out, "exec_ms=%lf main_ms=%lf rss_mb=%lf page_ms=%lf rows_read=%" G_GINT64_FORMAT
              " n_items=%" G_GINT64_FORMAT " direct=%d sql=%lf,%lf,%lf,%lf,%lf",
              &sample->exec_ms, &sample->main_ms, &sample->rss_mb, &sample->page_ms,
              &sample->rows_read, &sample->n_items, &direct, &sample->sql_start,
              &sample->rows_start, &sample->sql_ms_start, &sample->sql_page,
              &sample->rows_page) != 12)
    {
      g_printerr ("%s run failed: %s\n", mode, out != NULL ? out : "");
      return FALSE;
    }
  sample->direct = direct;
  return TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (const Sample *samples,
        guint         n,
        gsize         offset)
{
  g_autofree double *values = g_new (double, n);

  for (guint i = 0; i < n; i++)
    values[i] = G_STRUCT_MEMBER (double, &samples[i], offset);
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static void
print_row (const char *what,
           double      bare,
           double      kaifang,
           const char *unit,
           const char *target,
           gboolean    ratio)
{
  g_autofree char *ratio_text = NULL;

  ratio_text = ratio ? g_strdup_printf ("%.2fx", kaifang / bare) : g_strdup ("");

  g_print ("%-34s %10.1f %s %10.1f %s %8s   %s\n", what, bare, unit, kaifang, unit, ratio_text,
           target);
}

/* Where the time goes: what the window does before its first frame, one
 * piece at a time, in this process (warm caches, so a lower bound). */
static double
time_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

static void
print_breakdown (const char *db_path)
{
  g_autoptr(KfStore) store = NULL;
  g_autoptr(KfSyncEngine) engine = NULL;
  GtkWidget *pages[4];
  static const char * const names[] = { "Today", "Bookings", "Sessions", "Totals" };
  gint64 start;

  gtk_init ();
  adw_init ();
  g_print ("\nStart-up, piece by piece (in one process, warm caches; the window builds the"
           "\nToday page before its first frame, the others when they are first shown)\n\n");
  start = g_get_monotonic_time ();
  store = kf_store_open (db_path, NULL);
  g_print ("  %-32s %8.1f ms\n", "kf_store_open", time_ms (start));
  start = g_get_monotonic_time ();
  engine = kf_sync_engine_new (db_path);
  g_print ("  %-32s %8.1f ms\n", "kf_sync_engine_new (counts)", time_ms (start));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *label = g_strdup_printf ("%s page, constructed", names[i]);

      start = g_get_monotonic_time ();
      pages[i] = i == 0 ? GTK_WIDGET (kf_today_page_new (store))
               : i == 1 ? GTK_WIDGET (kf_bookings_page_new (store))
               : i == 2 ? GTK_WIDGET (kf_sessions_page_new (store))
                        : GTK_WIDGET (kf_totals_page_new (store));
      g_print ("  %-32s %8.1f ms\n", label, time_ms (start));
      g_object_ref_sink (pages[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_object_unref (pages[i]);
}

#define MEDIAN(samples, field) median ((samples), config->runs, G_STRUCT_OFFSET (Sample, field))

static int
run_parent (Config     *config,
            const char *self)
{
  g_autofree Sample *bare = g_new0 (Sample, config->runs);
  g_autofree Sample *kaifang = g_new0 (Sample, config->runs);
  g_autofree char *dir = NULL;
  double kaifang_rss;

  if (config->db_path == NULL)
    {
      dir = g_dir_make_tmp ("bench-gui-XXXXXX", NULL);
      config->db_path = g_build_filename (dir, "kaifang.db", NULL);
    }
  if (!g_file_test (config->db_path, G_FILE_TEST_EXISTS))
    fill_database (config);
  else
    g_print ("Reusing %s\n", config->db_path);

  /* Taking turns, so that neither side has the warmer caches. */
  for (guint i = 0; i < config->runs; i++)
    if (!run_one (config, self, "bare", &bare[i]) ||
        !run_one (config, self, "kaifang", &kaifang[i]))
      return EXIT_FAILURE;

  kaifang_rss = MEDIAN (kaifang, rss_mb);
  g_print ("\nMedians of %u runs each (GSK_RENDERER=%s)\n\n", config->runs,
           g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "default");
  g_print ("%-34s %13s %13s %8s   %s\n", "", "bare Adw", "Kaifang", "ratio", "target");
  print_row ("first frame, from exec", MEDIAN (bare, exec_ms), MEDIAN (kaifang, exec_ms), "ms",
             "<= 1.5x", TRUE);
  print_row ("first frame, from main()", MEDIAN (bare, main_ms), MEDIAN (kaifang, main_ms), "ms",
             "<= 1.5x", TRUE);
  print_row ("resident memory at first frame", MEDIAN (bare, rss_mb), kaifang_rss, "MB",
             "< 150 MB", FALSE);
  g_print ("%-34s %13s %10.1f ms\n", "Bookings page shown, first frame", "",
           MEDIAN (kaifang, page_ms));
  g_print ("%-34s %13s %10" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " bookings%s\n",
           "rows read by the Bookings model", "", kaifang[0].rows_read, kaifang[0].n_items,
           kaifang[0].direct ? " (a GtkListView made here: the page has no KfRecordModel)" : "");
  g_print ("%-34s %13s %10.0f statements, %.0f result rows, %.1f ms in SQLite\n",
           "SQL before the first frame", "", MEDIAN (kaifang, sql_start),
           MEDIAN (kaifang, rows_start), MEDIAN (kaifang, sql_ms_start));
  g_print ("%-34s %13s %10.0f statements, %.0f result rows\n",
           "SQL while showing Bookings", "", MEDIAN (kaifang, sql_page),
           MEDIAN (kaifang, rows_page));
  print_breakdown (config->db_path);

  if (dir != NULL && !config->keep)
    {
      g_autofree char *wal = g_strconcat (config->db_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (config->db_path, "-shm", NULL);

      g_unlink (config->db_path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  return EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  gint64 main_at = g_get_real_time ();
  Config config = { 20000, 100000, 5, NULL, FALSE };
  g_autofree char *child = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *self = NULL;
  gint64 spawned_at = 0;
  g_autoptr(GOptionContext) context = g_option_context_new ("— the window's first frame");
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "sessions", 0, 0, G_OPTION_ARG_INT, &config.sessions, "Sessions (20000)", "N" },
    { "bookings", 0, 0, G_OPTION_ARG_INT, &config.bookings, "Bookings (100000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &config.runs, "Runs of each window (5)", "N" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      "The database: filled when it does not exist, else reused", "PATH" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &config.keep, "Keep the temporary database", NULL },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &child, NULL, NULL },
    { "spawned-at", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT64, &spawned_at, NULL, NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-gui: %s\n", error->message);
      return 2;
    }
  config.db_path = g_steal_pointer (&db_path);
  if (config.sessions == 0 || config.runs == 0)
    {
      g_printerr ("bench-gui: --sessions and --runs must be at least 1\n");
      return 2;
    }

  if (child != NULL)
    return run_child (child, config.db_path, spawned_at, main_at);
  self = g_file_read_link ("/proc/self/exe", NULL);
  return run_parent (&config, self != NULL ? self : argv[0]);
}

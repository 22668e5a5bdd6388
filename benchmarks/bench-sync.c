/* bench-sync.c — the sync engine against a real kaifang-hub on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measures, each on a hub of its own started from the same template (bases A
 * and B, a token of each kind):
 *
 *  1. a base installation with 10,000 queued ops (5,000 sessions and 5,000
 *     bookings, queued with kf_store_put_many before timing) running one
 *     kf_sync_run: the whole run (identity, push, pull back);
 *  2. the same, done with the pieces kf_sync_run is made of, to time the
 *     push part and the pull part apart;
 *  3. the floor: the same 10,000 records sent as raw POST /v1/push requests
 *     of 500 ops, bodies built before timing;
 *  4. a hub filled with 100,000 records (two bases, raw pushes), then a new,
 *     empty reviewer installation running kf_sync_run, and another running
 *     only its pull (kf_sync_pull_pages); beside them the floor, the same
 *     pages fetched and parsed without being stored.
 *
 * --save-hub DIR keeps a copy of the filled hub, --load-hub DIR pulls from
 * such a copy without filling one (sync-shell-floor.py reads it too).
 *
 * Every step is bounded: a watchdog cancels it after --max-seconds.
 * Run: `_build/benchmarks/bench-sync` (KF_HUB may name another hub program).
 */
#define G_LOG_DOMAIN "bench-sync"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "bench-sync.h"
#include "kf-store-private.h"
#include "kf-sync-pages.h"

static guint opt_push = 10000;
static guint opt_pull = 100000;
static guint opt_repeat = 3;
static gboolean opt_pull_only;
static char *opt_save_hub;
static char *opt_load_hub;

/* The pieces of kf_sync_once, to time the push and the pull apart. They run
 * without the cache and checkpoint settings that kf_sync_run gives its
 * connection, which matter little for the 10,000 records pulled back here. */

/* The body kf-sync.c builds (ops_to_json there). */
static char *
ops_to_json (GPtrArray *ops)
{
  GString *out = g_string_new ("{\"ops\": [");

  for (guint i = 0; i < ops->len; i++)
    {
      KfSyncOp *op = g_ptr_array_index (ops, i);

      g_string_append_printf (out, "%s{\"op_id\": \"%s\", \"entity\": \"%s\", \"id\": \"%s\","
                              " \"base_version\": %" G_GINT64_FORMAT ", \"data\": %s}",
                              i > 0 ? ", " : "", op->op_id, kf_entity_info (op->entity)->name,
                              op->record_id, op->base_version, op->data);
    }
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

static gboolean
take_identity (KfStore      *store,
               KfHubClient  *client,
               GCancellable *cancellable,
               GError      **error)
{
  g_autoptr(JsonNode) me = kf_hub_client_call (client, "GET", "/v1/me", NULL, 0, NULL,
                                               cancellable, error);

  return me != NULL && kf_sync_store_adopt_identity (store, json_node_get_object (me), error);
}

/* Pushes one batch; sets *done when the queue was empty. */
static gboolean
push_batch (KfStore       *store,
            KfHubClient   *client,
            KfSyncCounts  *counts,
            gboolean      *done,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GPtrArray) ops = kf_sync_store_next_batch (store, KF_SYNC_MAX_OPS, error);
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *body = NULL;
  JsonNode *results;

  if (ops == NULL)
    return FALSE;
  *done = ops->len == 0;
  if (*done)
    return TRUE;

  body = ops_to_json (ops);
  answer = kf_hub_client_call (client, "POST", "/v1/push", body, strlen (body), NULL,
                               cancellable, error);
  if (answer == NULL)
    return FALSE;
  results = json_object_get_member (json_node_get_object (answer), "results");
  if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results))
    {
      g_set_error_literal (error, KF_SYNC_ERROR, KF_SYNC_ERROR_NO_ANSWER, "no results");
      return FALSE;
    }
  return kf_sync_store_apply_results (store, ops, json_node_get_array (results), counts,
                                      error) == ops->len;
}

static gboolean
pull_page (KfStore       *store,
           KfHubClient   *client,
           KfSyncCounts  *counts,
           gboolean      *more,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *page;
  JsonArray *changes;
  guint applied = 0;

  path = g_strdup_printf ("/v1/changes?since=%" G_GINT64_FORMAT "&limit=%d",
                          kf_sync_store_get_cursor (store), KF_SYNC_PAGE);
  answer = kf_hub_client_call (client, "GET", path, NULL, 0, NULL, cancellable, error);
  if (answer == NULL)
    return FALSE;

  page = json_node_get_object (answer);
  changes = json_object_get_array_member (page, "changes");
  if (!kf_sync_store_apply_changes (store, changes,
                                    json_object_get_int_member (page, "next"), &applied, error))
    return FALSE;
  counts->pulled += applied;
  *more = json_object_get_boolean_member_with_default (page, "more", FALSE) &&
          json_array_get_length (changes) > 0;
  return TRUE;
}

typedef struct
{
  Span push;
  Span pull;
} Parts;

static Parts
sync_by_pieces (Install      *install,
                KfHub        *hub,
                const char   *token,
                KfSyncCounts *counts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfHubClient) client = kf_hub_client_new (hub->url, token, NULL, 60, &error);
  GCancellable *cancellable = watchdog_start ("the push and the pull, by pieces");
  gboolean done = FALSE, more = TRUE;
  Stopwatch watch;
  Parts parts;

  if (client == NULL)
    die ("kf_hub_client_new", error);

  stopwatch_start (&watch, hub, "push by pieces");
  if (!take_identity (install->store, client, cancellable, &error))
    die ("GET /v1/me", error);
  while (!done)
    if (!push_batch (install->store, client, counts, &done, cancellable, &error))
      die ("pushing by pieces", error);
  parts.push = stopwatch_read (&watch);

  stopwatch_start (&watch, hub, "pull by pieces");
  while (more)
    if (!pull_page (install->store, client, counts, &more, cancellable, &error))
      die ("pulling by pieces", error);
  parts.pull = stopwatch_read (&watch);

  watchdog_stop ();
  return parts;
}

static Span
timed_sync_run (Install      *install,
                KfHub        *hub,
                const char   *what,
                KfSyncCounts *counts)
{
  static const KfSyncPolicy once = { 1, 60, 1000 };
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = watchdog_start (what);
  Stopwatch watch;
  Span span;

  stopwatch_start (&watch, hub, what);
  if (!kf_sync_run (install->store, &once, counts, cancellable, &error))
    die (what, error);
  span = stopwatch_read (&watch);
  watchdog_stop ();
  return span;
}

static Span
raw_push (KfHub      *hub,
          const char *token,
          GPtrArray  *bodies,
          guint       n_ops,
          const char *what)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autoptr(GPtrArray) replies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree char *url = g_strconcat (hub->url, "/v1/push", NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  GCancellable *cancellable = watchdog_start (what);
  Stopwatch watch;
  Span span;

  stopwatch_start (&watch, hub, what);
  for (guint i = 0; i < bodies->len; i++)
    g_ptr_array_add (replies, send_raw (session, url, authorization, bodies->pdata[i],
                                        cancellable));
  span = stopwatch_read (&watch);
  watchdog_stop ();
  check_all_applied (replies, n_ops);
  return span;
}

/* Every page of the feed, fetched and parsed, stored nowhere. */
static Span
raw_pull (KfHub      *hub,
          const char *token,
          guint      *n_changes,
          guint      *n_pages)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  GCancellable *cancellable = watchdog_start ("raw pull");
  gint64 since = 0;
  gboolean more = TRUE;
  Stopwatch watch;
  Span span;

  stopwatch_start (&watch, hub, "raw pull");
  *n_changes = *n_pages = 0;
  while (more)
    {
      g_autofree char *url = g_strdup_printf ("%s/v1/changes?since=%" G_GINT64_FORMAT
                                              "&limit=%d", hub->url, since, KF_SYNC_PAGE);
      g_autoptr(GBytes) reply = send_raw (session, url, authorization, NULL, cancellable);
      g_autoptr(JsonObject) page = parse_object (reply);
      guint n = json_array_get_length (json_object_get_array_member (page, "changes"));

      *n_changes += n;
      (*n_pages)++;
      since = json_object_get_int_member (page, "next");
      more = json_object_get_boolean_member (page, "more") && n > 0;
    }
  span = stopwatch_read (&watch);
  watchdog_stop ();
  return span;
}

/* The measurements: every push on a hub of its own, so that each one meets
 * the same empty hub; every pull from one filled hub into an empty
 * installation of its own */

typedef struct
{
  Samples queue;       /* kf_store_put_many of the ops, before the sync */
  Samples run;         /* one kf_sync_run */
  Samples push;        /* the same by pieces: the push */
  Samples pull_back;   /* and the pull */
  Samples raw;         /* raw pushes of the same records */
  Span    fill;        /* raw pushes filling the hub for the pull */
  Samples pull;        /* the reviewer's kf_sync_run */
  Samples pull_pages;  /* its pull alone, by kf_sync_pull_pages */
  Samples raw_pull;
  guint   run_pulled;
  guint   pulled;
  guint   raw_pages;
} Figures;

static void
measure_client_run (GPtrArray *records,
                    Figures   *figures)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Install) install = install_new (hub, KF_ROLE_BASE, hub->token[KF_TOK_BASE_A]);
  KfSyncCounts counts;
  Span span;

  span = queue_records (install, hub, records);
  samples_add (&figures->queue, &span);
  span = timed_sync_run (install, hub, "the base's kf_sync_run", &counts);
  samples_add (&figures->run, &span);
  check_counts ("the base's kf_sync_run", &counts, records->len, records->len);
  check_outbox_empty (install);
  figures->run_pulled = counts.pulled;
}

static void
measure_client_pieces (GPtrArray *records,
                       Figures   *figures)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Install) install = install_new (hub, KF_ROLE_BASE, hub->token[KF_TOK_BASE_A]);
  KfSyncCounts counts = { 0 };
  Parts parts;

  queue_records (install, hub, records);
  parts = sync_by_pieces (install, hub, hub->token[KF_TOK_BASE_A], &counts);
  samples_add (&figures->push, &parts.push);
  samples_add (&figures->pull_back, &parts.pull);
  check_counts ("the sync by pieces", &counts, records->len, records->len);
  check_outbox_empty (install);
}

static void
measure_raw_push (GPtrArray *records,
                  Figures   *figures)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(GPtrArray) bodies = make_bodies (records);
  Span span = raw_push (hub, hub->token[KF_TOK_BASE_A], bodies, records->len, "raw push");

  samples_add (&figures->raw, &span);
}

static guint
fill_sessions (guint n)
{
  return MAX (n / 5, 1);
}

/* Two bases, sessions : bookings : visits = 1 : 2 : 2. */
static void
fill_hub (KfHub   *hub,
          Figures *figures)
{
  static const struct { KfTok tok; const char *base_id; } bases[] = {
    { KF_TOK_BASE_A, KF_BASE_A_ID },
    { KF_TOK_BASE_B, KF_BASE_B_ID },
  };

  memset (&figures->fill, 0, sizeof figures->fill);
  for (guint b = 0; b < G_N_ELEMENTS (bases); b++)
    {
      guint n = b == 0 ? opt_pull - opt_pull / 2 : opt_pull / 2;
      g_autoptr(GPtrArray) records = make_records (bases[b].base_id, fill_sessions (n),
                                                   2 * n / 5, n - fill_sessions (n) - 2 * n / 5);
      g_autoptr(GPtrArray) bodies = make_bodies (records);
      Span span = raw_push (hub, hub->token[bases[b].tok], bodies, records->len,
                            "filling the hub");

      span_add (&figures->fill, &span);
    }
}

static void
measure_reviewer (KfHub   *hub,
                  Figures *figures)
{
  g_autoptr(Install) install = install_new (hub, KF_ROLE_REVIEWER, hub->token[KF_TOK_REVIEWER]);
  KfSyncCounts counts;
  Span span;

  span = timed_sync_run (install, hub, "the reviewer's kf_sync_run", &counts);
  samples_add (&figures->pull, &span);
  check_counts ("the reviewer's kf_sync_run", &counts, 0, opt_pull + 2);
  figures->pulled = counts.pulled;
  check_stored (install, KF_ENTITY_BASE, 2);
  check_stored (install, KF_ENTITY_SESSION,
                fill_sessions (opt_pull - opt_pull / 2) + fill_sessions (opt_pull / 2));
}

/* The pull of kf_sync_run alone, by kf_sync_pull_pages, on a connection
 * with the settings kf_sync_run gives its own. */
static void
measure_reviewer_pages (KfHub   *hub,
                        Figures *figures)
{
  g_autoptr(Install) install = install_new (hub, KF_ROLE_REVIEWER, hub->token[KF_TOK_REVIEWER]);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfHubClient) client = kf_hub_client_new (hub->url, hub->token[KF_TOK_REVIEWER],
                                                     NULL, 60, &error);
  GCancellable *cancellable;
  KfSyncCounts counts = { 0 };
  guint retry_after;
  Stopwatch watch;
  Span span;

  if (client == NULL ||
      !kf_store_exec (install->store, "PRAGMA cache_size = -32768;"
                      " PRAGMA wal_autocheckpoint = 4000", &error))
    die ("setting up the reviewer", error);
  cancellable = watchdog_start ("kf_sync_pull_pages");
  stopwatch_start (&watch, hub, "kf_sync_pull_pages");
  if (!take_identity (install->store, client, cancellable, &error) ||
      !kf_sync_pull_pages (install->store, client, &counts, &retry_after, cancellable, &error))
    die ("kf_sync_pull_pages", error);
  span = stopwatch_read (&watch);
  watchdog_stop ();
  samples_add (&figures->pull_pages, &span);
  check_counts ("kf_sync_pull_pages", &counts, 0, opt_pull + 2);
  check_stored (install, KF_ENTITY_SESSION,
                fill_sessions (opt_pull - opt_pull / 2) + fill_sessions (opt_pull / 2));
}

static void
measure_raw_pull (KfHub   *hub,
                  Figures *figures)
{
  guint n_changes;
  Span span = raw_pull (hub, hub->token[KF_TOK_REVIEWER], &n_changes, &figures->raw_pages);

  samples_add (&figures->raw_pull, &span);
  if (n_changes != figures->pulled)
    {
      g_printerr ("bench-sync: the raw pull saw %u changes, the reviewer %u\n", n_changes,
                  figures->pulled);
      exit (1);
    }
}

/* The table: medians (by wall time) of the runs */

static void
print_row (const char    *what,
           guint          items,
           const Samples *samples,
           const Samples *floor,
           const char    *target)
{
  Span span = samples_median (samples);
  Span floor_span = floor != NULL ? samples_median (floor) : span;
  g_autofree char *ratio = floor != NULL ? g_strdup_printf ("%.2fx", span.wall / floor_span.wall)
                                         : g_strdup ("");

  g_print ("%-44s %7u %7.2f %8.0f %7.2f %7.2f %6s  %s\n", what, items, span.wall,
           items / span.wall, span.client_cpu, span.hub_cpu, ratio, target != NULL ? target : "");
}

static char *
verdict (const Samples *samples,
         double         limit)
{
  double seconds = samples_median (samples).wall;

  return g_strdup_printf ("< %.0f s: %s", limit, seconds < limit ? "met" : "MISSED");
}

static void
print_table (const Figures *f)
{
  g_autofree char *run_target = opt_pull_only ? NULL : verdict (&f->run, 5);
  g_autofree char *pull_target = verdict (&f->pull, 10);
  g_autofree char *pages_target = verdict (&f->pull_pages, 10);
  g_autofree char *title = g_strdup_printf ("Medians of %u runs", opt_repeat);
  Samples fill = { .n = 0 };

  samples_add (&fill, &f->fill);
  g_print ("\n%-44s %7s %7s %8s %7s %7s %6s  %s\n", title, "records", "wall s", "per s",
           "client", "hub", "/floor", "target");
  g_print ("%-44s %7s %7s %8s %7s %7s\n", "", "", "", "", "CPU s", "CPU s");
  if (!opt_pull_only)
    {
      g_print ("Push %u queued ops (base installation)\n", opt_push);
      print_row ("  kf_sync_run: push, then pull back", opt_push, &f->run, &f->raw, run_target);
      print_row ("  by pieces: push (and GET /v1/me)", opt_push, &f->push, &f->raw, NULL);
      print_row ("  by pieces: pull back", f->run_pulled, &f->pull_back, NULL, NULL);
      print_row ("  floor: raw POST /v1/push, 500 ops each", opt_push, &f->raw, &f->raw, NULL);
      print_row ("  (queued first: kf_store_put_many)", opt_push, &f->queue, NULL, NULL);
    }
  g_print ("Pull %u changes (empty reviewer installation)\n", opt_pull);
  print_row ("  kf_sync_run: pages of " G_STRINGIFY (KF_SYNC_PAGE) ", stored", f->pulled,
             &f->pull, &f->raw_pull, pull_target);
  print_row ("  kf_sync_pull_pages (GET /v1/me, then pull)", f->pulled, &f->pull_pages,
             &f->raw_pull, pages_target);
  print_row ("  floor: raw GET /v1/changes, parsed only", f->pulled, &f->raw_pull, &f->raw_pull,
             NULL);
  if (opt_load_hub == NULL)
    print_row ("  (hub filled first, once: raw pushes)", opt_pull, &fill, NULL, NULL);
  g_print ("\nA push run pulled back %u records; the feed had %u pages.\n", f->run_pulled,
           f->raw_pages);
}

/* A filled hub kept in a directory (a consistent copy, VACUUM INTO) with the
 * reviewer's token and the number of changes, so that the pull can be
 * measured again, and profiled, without filling a hub each time. */
static void
save_hub (KfHub *hub)
{
  g_autofree char *db = g_build_filename (opt_save_hub, "hub.db", NULL);
  g_autofree char *token = g_build_filename (opt_save_hub, "reviewer-token", NULL);
  g_autofree char *count = g_build_filename (opt_save_hub, "changes", NULL);
  g_autofree char *n = g_strdup_printf ("%u", opt_pull);
  char *sql;
  g_autoptr(GError) error = NULL;
  sqlite3 *source = NULL;

  g_mkdir_with_parents (opt_save_hub, 0700);
  g_remove (db);
  sql = sqlite3_mprintf ("VACUUM INTO %Q", db);
  if (sqlite3_open_v2 (hub->db, &source, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_exec (source, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_printerr ("bench-sync: saving the hub: %s\n", sqlite3_errmsg (source));
      exit (1);
    }
  sqlite3_free (sql);
  sqlite3_close (source);
  if (!g_file_set_contents (token, hub->token[KF_TOK_REVIEWER], -1, &error) ||
      !g_file_set_contents (count, n, -1, &error))
    die ("saving the hub", error);
}

static KfHub *
load_hub (void)
{
  g_autofree char *db = g_build_filename (opt_load_hub, "hub.db", NULL);
  g_autofree char *token = g_build_filename (opt_load_hub, "reviewer-token", NULL);
  g_autofree char *count = g_build_filename (opt_load_hub, "changes", NULL);
  g_autofree char *n = NULL;
  g_autoptr(GFile) from = g_file_new_for_path (db);
  g_autoptr(GFile) to = NULL;
  g_autoptr(GError) error = NULL;
  KfHub *hub = kf_hub_new_bare ();

  to = g_file_new_for_path (hub->db);
  if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error) ||
      !g_file_get_contents (token, &hub->token[KF_TOK_REVIEWER], NULL, &error) ||
      !g_file_get_contents (count, &n, NULL, &error))
    die ("loading the hub", error);
  opt_pull = (guint) g_ascii_strtoull (n, NULL, 10);
  kf_hub_start (hub);
  return hub;
}

static void
measure_all (Figures *figures)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(KfHub) hub = NULL;

  records = make_records (KF_BASE_A_ID, opt_push / 2, opt_push - opt_push / 2, 0);
  for (guint i = 0; i < (opt_pull_only ? 0 : opt_repeat); i++)
    {
      measure_raw_push (records, figures);
      measure_client_run (records, figures);
      measure_client_pieces (records, figures);
    }

  if (opt_load_hub != NULL)
    hub = load_hub ();
  else
    {
      hub = kf_hub_new ();
      fill_hub (hub, figures);
      if (opt_save_hub != NULL)
        save_hub (hub);
    }
  for (guint i = 0; i < opt_repeat; i++)
    {
      measure_reviewer (hub, figures);
      measure_reviewer_pages (hub, figures);
      measure_raw_pull (hub, figures);
    }
}

static gboolean
parse_options (int    *argc,
               char ***argv)
{
  const GOptionEntry entries[] = {
    { "push", 0, 0, G_OPTION_ARG_INT, &opt_push, "Queued ops to push (default 10000)", "N" },
    { "pull", 0, 0, G_OPTION_ARG_INT, &opt_pull, "Changes to pull (default 100000)", "N" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &opt_repeat,
      "Runs of each measurement; the median is reported (default 3)", "N" },
    { "pull-only", 0, 0, G_OPTION_ARG_NONE, &opt_pull_only,
      "Measure the pull only (the push rows are left out)", NULL },
    { "save-hub", 0, 0, G_OPTION_ARG_FILENAME, &opt_save_hub,
      "Keep a copy of the filled hub in DIR", "DIR" },
    { "load-hub", 0, 0, G_OPTION_ARG_FILENAME, &opt_load_hub,
      "Pull from a copy of the hub kept with --save-hub (implies --pull-only)", "DIR" },
    { "max-seconds", 0, 0, G_OPTION_ARG_INT, &bench_max_seconds,
      "Stop any step that takes longer (default 120)", "S" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &bench_verbose,
      "Print when each step starts and ends (CLOCK_MONOTONIC, for perf --time)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the sync engine on loopback");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    die ("options", error);
  opt_pull_only = opt_pull_only || opt_load_hub != NULL;
  if (opt_push < 2 || opt_pull < 10 || opt_repeat < 1 || opt_repeat > MAX_REPEAT ||
      bench_max_seconds < 1)
    {
      g_printerr ("bench-sync: --push must be at least 2, --pull at least 10, --repeat 1 to %d\n",
                  MAX_REPEAT);
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  Figures figures = { 0 };

  if (!parse_options (&argc, &argv))
    return 2;
  if (g_getenv ("KF_HUB") == NULL)
    g_setenv ("KF_HUB", KF_HUB_PATH, TRUE);

  g_print ("kaifang sync on loopback: hub %s\n%u processors, SQLite %s, %u s at most per step\n",
           kf_hub_program (), g_get_num_processors (), sqlite3_libversion (), bench_max_seconds);

  measure_all (&figures);
  print_table (&figures);

  kf_hub_shared_free ();
  return (opt_pull_only || samples_median (&figures.run).wall < 5) &&
         samples_median (&figures.pull).wall < 10 ? 0 : 1;
}

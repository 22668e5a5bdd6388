/* bench-sync-util.c — what bench-sync needs around its measurements: a
 * watchdog, clocks, records, installations and raw HTTP requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-sync"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "bench-sync.h"

guint bench_max_seconds = 120;
gboolean bench_verbose;

/* The watchdog: cancels what runs when its time is up */

typedef struct
{
  GMutex        lock;
  GCond         cond;
  GThread      *thread;
  GCancellable *cancellable;
  const char   *what;
  gint64        deadline;
  gboolean      stop;
} Watchdog;

static Watchdog watchdog;

static gpointer
watchdog_thread (gpointer data)
{
  g_mutex_lock (&watchdog.lock);
  while (!watchdog.stop)
    if (!g_cond_wait_until (&watchdog.cond, &watchdog.lock, watchdog.deadline))
      {
        g_printerr ("bench-sync: %s took over %u s: stopped\n", watchdog.what, bench_max_seconds);
        g_cancellable_cancel (watchdog.cancellable);
        break;
      }
  g_mutex_unlock (&watchdog.lock);
  return NULL;
}

GCancellable *
watchdog_start (const char *what)
{
  g_assert_null (watchdog.thread);
  watchdog.cancellable = g_cancellable_new ();
  watchdog.what = what;
  watchdog.stop = FALSE;
  watchdog.deadline = g_get_monotonic_time () + (gint64) bench_max_seconds * G_TIME_SPAN_SECOND;
  watchdog.thread = g_thread_new ("watchdog", watchdog_thread, NULL);
  return watchdog.cancellable;
}

void
watchdog_stop (void)
{
  g_mutex_lock (&watchdog.lock);
  watchdog.stop = TRUE;
  g_cond_signal (&watchdog.cond);
  g_mutex_unlock (&watchdog.lock);
  g_thread_join (g_steal_pointer (&watchdog.thread));
  g_clear_object (&watchdog.cancellable);
}

void
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-sync: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

/* Clocks */

/* The client's whole process: the calling thread (libsoup's blocking calls
 * run in it) and the thread that kf_sync_pull_pages writes with. */
static double
client_cpu (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

/* utime + stime of the hub, fields 14 and 15 of /proc/PID/stat */
static double
hub_cpu (KfHub *hub)
{
  g_autofree char *path = NULL;
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *pid = g_subprocess_get_identifier (hub->proc);
  const char *after_name;

  path = g_strdup_printf ("/proc/%s/stat", pid != NULL ? pid : "0");
  if (!g_file_get_contents (path, &stat, NULL, NULL) ||
      (after_name = strrchr (stat, ')')) == NULL)
    return 0;
  fields = g_strsplit (after_name + 2, " ", 16);
  if (g_strv_length (fields) < 14)
    return 0;
  /* fields[0] is field 3 (state) */
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) /
         sysconf (_SC_CLK_TCK);
}

void
stopwatch_start (Stopwatch  *watch,
                 KfHub      *hub,
                 const char *what)
{
  watch->what = what;
  watch->hub = hub;
  watch->hub_cpu = hub_cpu (hub);
  watch->client_cpu = client_cpu ();
  watch->wall = g_get_monotonic_time ();
}

Span
stopwatch_read (const Stopwatch *watch)
{
  gint64 now = g_get_monotonic_time ();
  Span span;

  span.wall = (now - watch->wall) / (double) G_TIME_SPAN_SECOND;
  span.client_cpu = client_cpu () - watch->client_cpu;
  span.hub_cpu = hub_cpu (watch->hub) - watch->hub_cpu;
  if (bench_verbose)
    g_print ("%s: CLOCK_MONOTONIC %.6f to %.6f\n", watch->what,
             watch->wall / (double) G_TIME_SPAN_SECOND, now / (double) G_TIME_SPAN_SECOND);
  return span;
}

void
span_add (Span       *sum,
          const Span *span)
{
  sum->wall += span->wall;
  sum->client_cpu += span->client_cpu;
  sum->hub_cpu += span->hub_cpu;
}

void
samples_add (Samples    *samples,
             const Span *span)
{
  g_assert (samples->n < MAX_REPEAT);
  samples->span[samples->n++] = *span;
}

static int
compare_wall (gconstpointer a,
              gconstpointer b)
{
  double x = ((const Span *) a)->wall, y = ((const Span *) b)->wall;

  return (x > y) - (x < y);
}

/* The run of median wall time (of the two in the middle, the faster), with
 * its processor times. */
Span
samples_median (const Samples *samples)
{
  Span sorted[MAX_REPEAT];

  g_assert (samples->n > 0);
  memcpy (sorted, samples->span, samples->n * sizeof (Span));
  qsort (sorted, samples->n, sizeof (Span), compare_wall);
  return sorted[(samples->n - 1) / 2];
}

/* Records, made before anything is timed */

static char *
session_date (guint i)
{
  g_autoptr(GDateTime) first = g_date_time_new_local (2025, 5, 20, 0, 0, 0);
  g_autoptr(GDateTime) day = g_date_time_add_days (first, i % 22);

  return g_date_time_format (day, "%Y-%m-%d");
}

static KfRecord *
make_session (const char *base_id,
              guint       i)
{
  KfRecord *record = kf_record_new (KF_ENTITY_SESSION);
  KfSession *session = KF_SESSION (record);
  guint hour = 8 + i % 10, minute = (i / 10) % 2 * 30;

  record->id = kf_new_id ();
  session->base_id = g_strdup (base_id);
  session->date = session_date (i);
  session->start = g_strdup_printf ("%02u:%02u", hour, minute);
  session->end = g_strdup_printf ("%02u:%02u", hour + 1, minute);
  session->capacity = 500;
  session->title = g_strdup_printf ("Bench session %u", i);
  session->topic = g_strdup (kf_topic_codes[i % g_strv_length ((char **) kf_topic_codes)]);
  session->format = g_strdup (kf_format_codes[i % g_strv_length ((char **) kf_format_codes)]);
  session->status = g_strdup ("scheduled");
  session->note = g_strdup ("");
  return record;
}

static KfRecord *
make_booking (const KfRecord *session,
              guint           i)
{
  KfRecord *record = kf_record_new (KF_ENTITY_BOOKING);
  KfBooking *booking = KF_BOOKING (record);

  record->id = kf_new_id ();
  booking->base_id = g_strdup (KF_SESSION (session)->base_id);
  booking->session_id = g_strdup (session->id);
  booking->org_name = g_strdup_printf ("Bench school %u", i % 300);
  booking->org_type = g_strdup ("school");
  booking->grade = g_strdup ("五年级");
  booking->contact_name = g_strdup ("王老师");
  booking->contact_phone = g_strdup_printf ("138%08u", i);
  booking->youth_count = 30;
  booking->adult_count = 3;
  booking->status = g_strdup (i % 2 == 0 ? "requested" : "confirmed");
  booking->note = g_strdup ("");
  return record;
}

static KfRecord *
make_visit (const KfRecord *session,
            guint           i)
{
  KfRecord *record = kf_record_new (KF_ENTITY_VISIT);
  KfVisit *visit = KF_VISIT (record);

  record->id = kf_new_id ();
  visit->base_id = g_strdup (KF_SESSION (session)->base_id);
  visit->session_id = g_strdup (session->id);
  visit->kind = g_strdup ("walk_in_group");
  visit->group_name = g_strdup_printf ("Bench group %u", i);
  visit->arrived_at = g_strdup_printf ("%sT%s:00+08:00", KF_SESSION (session)->date,
                                       KF_SESSION (session)->start);
  visit->youth_count = 20;
  visit->adult_count = 2;
  visit->note = g_strdup ("");
  return record;
}

/* Sessions first, then bookings and visits spread over them: in this order
 * every record's references exist before it, locally and on the hub. */
GPtrArray *
make_records (const char *base_id,
              guint       n_sessions,
              guint       n_bookings,
              guint       n_visits)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);

  g_assert (n_sessions > 0);
  for (guint i = 0; i < n_sessions; i++)
    g_ptr_array_add (records, make_session (base_id, i));
  for (guint i = 0; i < n_bookings; i++)
    g_ptr_array_add (records, make_booking (records->pdata[i % n_sessions], i));
  for (guint i = 0; i < n_visits; i++)
    g_ptr_array_add (records, make_visit (records->pdata[(i * 7) % n_sessions], i));
  return records;
}

/* Installations */

void
install_free (Install *install)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&install->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (install->path, suffixes[i], NULL);
      g_remove (file);
    }
  g_rmdir (install->dir);
  g_free (install->path);
  g_free (install->dir);
  g_free (install);
}

/* A new installation, set up as base A (the id the hub gives the token, so
 * that the first sync moves nothing) or as the reviewer. */
Install *
install_new (KfHub      *hub,
             KfRole      role,
             const char *token)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(KfRecord) base = NULL;
  Install *install = g_new0 (Install, 1);

  install->dir = g_dir_make_tmp ("kf-bench-sync-XXXXXX", &error);
  if (install->dir == NULL)
    die ("temporary directory", error);
  install->path = g_build_filename (install->dir, "kaifang.db", NULL);
  install->store = kf_store_open (install->path, &error);
  if (install->store == NULL)
    die ("kf_store_open", error);

  if (role == KF_ROLE_BASE)
    {
      base = kf_record_new (KF_ENTITY_BASE);
      base->id = g_strdup (KF_BASE_A_ID);
      KF_BASE (base)->name = g_strdup (KF_BASE_A_NAME);
      KF_BASE (base)->address = g_strdup ("");
      KF_BASE (base)->contact_name = g_strdup ("");
      KF_BASE (base)->contact_phone = g_strdup ("");
    }
  identity = kf_identity_new (role, base != NULL ? base->id : NULL, NULL);
  if (!kf_store_initialize (install->store, identity, KF_BASE (base), &error) ||
      !kf_sync_set_hub (install->store, hub->url, token, NULL, &error))
    die ("setting up an installation", error);
  return install;
}

/* Local changes, each batch one kf_store_put_many call: all rules checked,
 * records and outbox ops written in one transaction. */
Span
queue_records (Install   *install,
               KfHub     *hub,
               GPtrArray *records)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  g_autoptr(GError) error = NULL;
  Stopwatch watch;

  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (copies, kf_record_copy (records->pdata[i]));

  stopwatch_start (&watch, hub, "queueing");
  for (guint i = 0; i < copies->len; i += BATCH)
    if (!kf_store_put_many (install->store, (KfRecord **) copies->pdata + i,
                            MIN (BATCH, copies->len - i), &error))
      die ("kf_store_put_many", error);
  return stopwatch_read (&watch);
}

void
check_counts (const char         *what,
              const KfSyncCounts *counts,
              guint               pushed,
              guint               pulled)
{
  if (counts->pushed != pushed || counts->pulled < pulled || counts->conflicts != 0 ||
      counts->rejected != 0)
    {
      g_printerr ("bench-sync: %s: pushed %u (expected %u), pulled %u (expected at least %u),"
                  " %u conflicts, %u rejected\n", what, counts->pushed, pushed,
                  counts->pulled, pulled, counts->conflicts, counts->rejected);
      exit (1);
    }
}

void
check_outbox_empty (Install *install)
{
  g_autoptr(GError) error = NULL;
  gint64 queued = kf_store_count_queued_ops (install->store, &error);

  if (queued != 0)
    {
      g_printerr ("bench-sync: %" G_GINT64_FORMAT " ops still queued\n", queued);
      exit (1);
    }
}

void
check_stored (Install  *install,
              KfEntity  entity,
              guint     expected)
{
  g_autoptr(GError) error = NULL;
  gint64 count = kf_store_count (install->store, entity, &error);

  if (count != expected)
    {
      g_printerr ("bench-sync: %" G_GINT64_FORMAT " %s stored, expected %u\n", count,
                  kf_entity_info (entity)->name, expected);
      exit (1);
    }
}

/* Raw HTTP: the floor */

static void
append_op (GString        *out,
           const KfRecord *record)
{
  g_autofree char *op_id = g_uuid_string_random ();

  g_string_append_printf (out, "{\"op_id\": \"%s\", \"entity\": \"%s\", \"id\": \"%s\","
                          " \"base_version\": 0, \"data\": ", op_id,
                          kf_entity_info (record->entity)->name, record->id);
  kf_record_append_json (record, FALSE, out);
  g_string_append_c (out, '}');
}

/* Push bodies of BATCH new ops each, as an installation sends them. */
GPtrArray *
make_bodies (GPtrArray *records)
{
  GPtrArray *bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < records->len; i += BATCH)
    {
      GString *out = g_string_new ("{\"ops\": [");

      for (guint j = i; j < MIN (i + BATCH, records->len); j++)
        {
          if (j > i)
            g_string_append (out, ", ");
          append_op (out, records->pdata[j]);
        }
      g_string_append (out, "]}");
      g_ptr_array_add (bodies, g_string_free_to_bytes (out));
    }
  return bodies;
}

GBytes *
send_raw (SoupSession  *session,
          const char   *url,
          const char   *authorization,
          GBytes       *body,
          GCancellable *cancellable)
{
  g_autoptr(SoupMessage) message = soup_message_new (body != NULL ? "POST" : "GET", url);
  g_autoptr(GError) error = NULL;
  GBytes *reply;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (message, "application/json", body);
  reply = soup_session_send_and_read (session, message, cancellable, &error);
  if (reply == NULL)
    die (url, error);
  if (soup_message_get_status (message) != SOUP_STATUS_OK)
    {
      g_printerr ("bench-sync: %s: status %u: %.*s\n", url, soup_message_get_status (message),
                  (int) MIN (g_bytes_get_size (reply), 300),
                  (const char *) g_bytes_get_data (reply, NULL));
      exit (1);
    }
  return reply;
}

JsonObject *
parse_object (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!json_parser_load_from_data (parser, data, size, &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    die ("an answer of the hub", error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Checked after the clock stops: every op of every reply applied. */
void
check_all_applied (GPtrArray *replies,
                   guint      expected)
{
  guint applied = 0;

  for (guint i = 0; i < replies->len; i++)
    {
      g_autoptr(JsonObject) answer = parse_object (replies->pdata[i]);
      JsonArray *results = json_object_get_array_member (answer, "results");

      for (guint j = 0; j < json_array_get_length (results); j++)
        applied += g_strcmp0 (json_object_get_string_member (
                                json_array_get_object_element (results, j), "status"),
                              "applied") == 0;
    }
  if (applied != expected)
    {
      g_printerr ("bench-sync: raw push: %u of %u ops applied\n", applied, expected);
      exit (1);
    }
}

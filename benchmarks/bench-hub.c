/* bench-hub.c — kaifang-hub under load on loopback, next to its floor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts a real hub on 127.0.0.1, port 0, with one base and one token per
 * client, and measures: push throughput (ops applied per second) with
 * batches of 100 and 500 from 1 and 8 clients; small pushes (1 op) from
 * 8 clients, with latency percentiles; the reviewer paging through the whole
 * change feed. Beside each, the floor: GET /v1/health from the same number
 * of clients, the cheapest request the hub answers.
 *
 * Every figure is bounded in count and in time (MAX_SECONDS per run).
 * Run: `_build/benchmarks/bench-hub` (KF_HUB may name another hub program).
 */
#define G_LOG_DOMAIN "bench-hub"

#include "config.h"

#include <string.h>

#include "kf-hub-harness.h"

#define N_CLIENTS   8
#define MAX_SECONDS 30

typedef struct
{
  const char *name;
  guint       n_clients;
  guint       batch;        /* ops per push; 0 for GET /v1/health */
  guint       requests;     /* per client */
} Scenario;

typedef struct
{
  KfHub      *hub;
  const char *token;
  const char *base_id;
  const Scenario *scenario;
  GPtrArray  *bodies;       /* GBytes per request (pushes) */
  GPtrArray  *replies;      /* GBytes per answered request */
  gint64     *latencies;    /* µs */
  guint       done;
  guint       failures;
} Client;

typedef struct
{
  GMutex  lock;
  GCond   cond;
  guint   ready;
  gboolean go;
  gint64  deadline;
} Start;

static Start start;

typedef struct
{
  double  seconds;
  guint   requests;
  guint64 applied;
  double  p50_ms;
  double  p99_ms;
  guint   failures;
} Figures;

static GBytes *
push_body (const char *base_id,
           guint       batch,
           guint       serial)
{
  g_autoptr(GPtrArray) ops = kf_ops_new ();
  char *text;

  /* sessions and visits, new records of the client's own base */
  for (guint i = 0; i < batch; i++)
    {
      g_autofree char *start_time = g_strdup_printf ("%02u:%02u", 8 + (serial + i) % 10,
                                                     i % 60);
      g_autoptr(KfRec) rec = NULL;

      if (i % 2 == 0)
        rec = kf_session_new (base_id, "2099-05-24", start_time, "19:00", 50, "ai", "lecture");
      else
        rec = kf_visit_new (base_id, NULL, NULL, "walk_in_group", "2099-05-24T10:00:00+08:00",
                            i % 40, 2);
      g_ptr_array_add (ops, kf_rec_op (rec));
    }
  text = kf_ops_body (ops);
  return g_bytes_new_take (text, strlen (text));
}

static void
wait_for_go (void)
{
  g_mutex_lock (&start.lock);
  start.ready++;
  g_cond_broadcast (&start.cond);
  while (!start.go)
    g_cond_wait (&start.cond, &start.lock);
  g_mutex_unlock (&start.lock);
}

static SoupMessage *
make_message (Client *client,
              guint   i)
{
  g_autofree char *url = NULL;
  g_autofree char *auth = g_strdup_printf ("Bearer %s", client->token);
  SoupMessage *msg;

  if (client->scenario->batch == 0)
    {
      url = g_strconcat (client->hub->url, "/v1/health", NULL);
      return soup_message_new ("GET", url);
    }
  url = g_strconcat (client->hub->url, "/v1/push", NULL);
  msg = soup_message_new ("POST", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_set_request_body_from_bytes (msg, "application/json", client->bodies->pdata[i]);
  return msg;
}

static gpointer
client_thread (gpointer data)
{
  Client *client = data;
  g_autoptr(SoupSession) session = kf_soup_session_new ();
  g_autofree char *health = g_strconcat (client->hub->url, "/v1/health", NULL);
  g_autoptr(SoupMessage) warm = soup_message_new ("GET", health);
  g_autoptr(GBytes) warm_reply = NULL;

  /* open the connection before the clock starts */
  warm_reply = soup_session_send_and_read (session, warm, NULL, NULL);
  wait_for_go ();

  for (guint i = 0; i < client->scenario->requests; i++)
    {
      g_autoptr(SoupMessage) msg = NULL;
      GBytes *reply;
      gint64 t0;

      if (g_get_monotonic_time () > start.deadline)
        break;
      msg = make_message (client, i);
      t0 = g_get_monotonic_time ();
      reply = soup_session_send_and_read (session, msg, NULL, NULL);
      client->latencies[i] = g_get_monotonic_time () - t0;
      if (reply == NULL || soup_message_get_status (msg) != 200)
        {
          client->failures++;
          g_clear_pointer (&reply, g_bytes_unref);
          continue;
        }
      g_ptr_array_add (client->replies, reply);
      client->done++;
    }
  return NULL;
}

static guint64
count_applied (GBytes *reply)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  JsonArray *results;
  guint64 applied = 0;

  root = json_from_string (text, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;
  results = kf_get_array (json_node_get_object (root), "results");
  for (guint i = 0; results != NULL && i < json_array_get_length (results); i++)
    applied += g_strcmp0 (json_object_get_string_member_with_default (
                            json_array_get_object_element (results, i), "status", NULL),
                          "applied") == 0;
  return applied;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
summarise (Client  *clients,
           guint    n_clients,
           Figures *figures)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint c = 0; c < n_clients; c++)
    {
      figures->requests += clients[c].done;
      figures->failures += clients[c].failures;
      g_array_append_vals (all, clients[c].latencies, clients[c].done + clients[c].failures);
      for (guint i = 0; i < clients[c].replies->len && clients[c].scenario->batch > 0; i++)
        figures->applied += count_applied (clients[c].replies->pdata[i]);
    }
  g_array_sort (all, compare_gint64);
  if (all->len > 0)
    {
      figures->p50_ms = g_array_index (all, gint64, all->len / 2) / 1000.0;
      figures->p99_ms = g_array_index (all, gint64, MIN (all->len - 1, all->len * 99 / 100)) /
                        1000.0;
    }
}

static void
run (KfHub          *hub,
     char          **tokens,
     char          **base_ids,
     const Scenario *scenario,
     Figures        *figures)
{
  Client clients[N_CLIENTS];
  GThread *threads[N_CLIENTS];
  gint64 t0;

  memset (clients, 0, sizeof clients);
  memset (figures, 0, sizeof *figures);
  start.ready = 0;
  start.go = FALSE;
  for (guint c = 0; c < scenario->n_clients; c++)
    {
      clients[c] = (Client) { hub, tokens[c], base_ids[c], scenario, NULL,
                              g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref),
                              g_new0 (gint64, scenario->requests), 0, 0 };
      clients[c].bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      for (guint i = 0; scenario->batch > 0 && i < scenario->requests; i++)
        g_ptr_array_add (clients[c].bodies, push_body (base_ids[c], scenario->batch, i));
      threads[c] = g_thread_new ("client", client_thread, &clients[c]);
    }

  g_mutex_lock (&start.lock);
  while (start.ready < scenario->n_clients)
    g_cond_wait (&start.cond, &start.lock);
  t0 = g_get_monotonic_time ();
  start.deadline = t0 + MAX_SECONDS * G_USEC_PER_SEC;
  start.go = TRUE;
  g_cond_broadcast (&start.cond);
  g_mutex_unlock (&start.lock);

  for (guint c = 0; c < scenario->n_clients; c++)
    g_thread_join (threads[c]);
  figures->seconds = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
  summarise (clients, scenario->n_clients, figures);

  for (guint c = 0; c < scenario->n_clients; c++)
    {
      g_ptr_array_unref (clients[c].bodies);
      g_ptr_array_unref (clients[c].replies);
      g_free (clients[c].latencies);
    }
}

/* The reviewer reads everything, 1000 changes a page. */
static void
run_pull (KfHub      *hub,
          const char *reviewer,
          guint      *pages,
          guint64    *changes,
          double     *seconds)
{
  g_autoptr(SoupSession) session = kf_soup_session_new ();
  gint64 cursor = 0, t0 = g_get_monotonic_time ();
  gboolean more = TRUE;

  *pages = 0;
  *changes = 0;
  while (more && g_get_monotonic_time () - t0 < MAX_SECONDS * G_USEC_PER_SEC)
    {
      g_autoptr(GPtrArray) page = kf_hub_changes_page (hub, session, reviewer, cursor, 1000,
                                                       &cursor, &more);

      (*pages)++;
      *changes += page->len;
    }
  *seconds = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
}

static void
print_row (const char    *name,
           guint          n_clients,
           const char    *batch,
           const Figures *f,
           const Figures *floor)
{
  g_autofree char *ops = f->applied ? g_strdup_printf ("%9.0f", f->applied / f->seconds)
                                    : g_strdup ("        -");

  g_print ("%-24s %3u %5s %7u %9" G_GUINT64_FORMAT " %7.2f %s %8.0f %7.1f %7.1f %8.0f%s\n",
           name, n_clients, batch, f->requests, f->applied, f->seconds, ops,
           f->requests / f->seconds, f->p50_ms, f->p99_ms,
           floor ? floor->requests / floor->seconds : f->requests / f->seconds,
           f->failures ? "  (failures!)" : "");
}

static void
make_clients (KfHub *hub,
              char **tokens,
              char **base_ids,
              char **reviewer)
{
  for (guint c = 0; c < N_CLIENTS; c++)
    {
      g_autofree char *name = g_strdup_printf ("Bench base %u", c);
      g_autofree char *label = g_strdup_printf ("bench client %u", c);

      base_ids[c] = kf_hub_cli_ok ("base", "add", "--db", hub->db, "--name", name, NULL);
      tokens[c] = kf_hub_add_token (hub, "base", base_ids[c], label);
    }
  *reviewer = kf_hub_add_token (hub, "reviewer", NULL, "bench reviewer");
}

int
main (int   argc,
      char *argv[])
{
  static const Scenario health[] = {
    { "health (floor)", 1, 0, 2000 },
    { "health (floor)", N_CLIENTS, 0, 500 },
  };
  static const Scenario pushes[] = {
    { "push", 1, 100, 100 },
    { "push", 1, 500, 40 },
    { "push", N_CLIENTS, 100, 25 },
    { "push", N_CLIENTS, 500, 5 },
    { "small push (1 op)", N_CLIENTS, 1, 400 },
  };
  g_autoptr(KfHub) hub = NULL;
  char *tokens[N_CLIENTS], *base_ids[N_CLIENTS];
  g_autofree char *reviewer = NULL;
  Figures floor[G_N_ELEMENTS (health)];
  Figures small = { 0 };
  guint pages;
  guint64 changes;
  double seconds;

  if (g_getenv ("KF_HUB") == NULL)
    g_setenv ("KF_HUB", KF_HUB_PATH, TRUE);
  g_mutex_init (&start.lock);
  g_cond_init (&start.cond);

  hub = kf_hub_new_bare ();
  make_clients (hub, tokens, base_ids, &reviewer);
  kf_hub_start (hub);
  g_print ("kaifang-hub %s, %s, %u clients at most, %d s at most per run\n\n",
           kf_hub_program (), hub->url, N_CLIENTS, MAX_SECONDS);
  g_print ("%-24s %3s %5s %7s %9s %7s %9s %8s %7s %7s %8s\n", "run", "cl", "batch", "reqs",
           "applied", "s", "ops/s", "req/s", "p50 ms", "p99 ms", "floor/s");

  for (guint i = 0; i < G_N_ELEMENTS (health); i++)
    {
      run (hub, tokens, base_ids, &health[i], &floor[i]);
      print_row (health[i].name, health[i].n_clients, "-", &floor[i], NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (pushes); i++)
    {
      g_autofree char *batch = g_strdup_printf ("%u", pushes[i].batch);
      Figures f;

      run (hub, tokens, base_ids, &pushes[i], &f);
      print_row (pushes[i].name, pushes[i].n_clients, batch, &f,
                 &floor[pushes[i].n_clients == 1 ? 0 : 1]);
      if (pushes[i].batch == 1)
        small = f;
    }

  run_pull (hub, reviewer, &pages, &changes, &seconds);
  g_print ("%-24s %3u %5s %7u %9" G_GUINT64_FORMAT " %7.2f %9.0f %8.0f %7s %7s %8.0f\n",
           "pull (reviewer, 1000)", 1, "-", pages, changes, seconds, changes / seconds,
           pages / seconds, "-", "-", floor[0].requests / floor[0].seconds);

  g_print ("\ntargets: >= 5000 ops/s applied; >= 1000 small pushes/s from %u clients with "
           "p99 < 100 ms: %.0f/s, p99 %.1f ms\n", N_CLIENTS, small.requests / small.seconds,
           small.p99_ms);

  for (guint c = 0; c < N_CLIENTS; c++)
    {
      g_free (tokens[c]);
      g_free (base_ids[c]);
    }
  return 0;
}

/* bench-store-data.c — the bases, sessions and visits of the store benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-store"

#include "config.h"

#include <stdlib.h>

#include "bench-store-private.h"

/* Fixed seeds: every run, and both sides of a run, get the same rows. */
#define SEED 20250520

static guint
count_codes (const char * const *codes)
{
  guint n = 0;

  while (codes[n] != NULL)
    n++;
  return n;
}

/* A lowercase version-4 UUID drawn from @rng, so that ids are reproducible. */
static char *
rand_uuid (GRand *rng)
{
  guint32 a = g_rand_int (rng);
  guint32 b = g_rand_int (rng);
  guint32 c = g_rand_int (rng);
  guint32 d = g_rand_int (rng);

  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x", a, b >> 16, b & 0xfff,
                          ((c >> 16) & 0x3fff) | 0x8000, c & 0xffff, d);
}

static KfRecord *
make_base (GRand *rng,
           int    i)
{
  KfBase *base = KF_BASE (kf_record_new (KF_ENTITY_BASE));

  base->r.id = rand_uuid (rng);
  base->name = g_strdup_printf ("科普基地 %02d", i + 1);
  base->address = g_strdup_printf ("沁水县龙港镇 %d 号", i + 1);
  base->contact_name = g_strdup ("王老师");
  base->contact_phone = g_strdup_printf ("0356-70254%02d", i % 100);
  return (KfRecord *) base;
}

static const char *
rand_code (GRand              *rng,
           const char * const *codes)
{
  return codes[g_rand_int_range (rng, 0, count_codes (codes))];
}

static KfRecord *
make_session (GRand              *rng,
              const BenchDataset *data,
              const char         *base_id,
              int                 j)
{
  KfSession *session = KF_SESSION (kf_record_new (KF_ENTITY_SESSION));
  int start = 8 * 60 + 30 * g_rand_int_range (rng, 0, 19);   /* 08:00 .. 17:00 */

  session->r.id = rand_uuid (rng);
  session->base_id = g_strdup (base_id);
  session->date = g_strdup (data->days[j % BENCH_N_DAYS]);
  session->start = g_strdup_printf ("%02d:%02d", start / 60, start % 60);
  session->end = g_strdup_printf ("%02d:%02d", (start + 90) / 60, (start + 90) % 60);
  session->capacity = g_rand_int_range (rng, 20, 201);
  session->title = g_strdup_printf ("开放场次 %d", j + 1);
  session->topic = g_strdup (rand_code (rng, kf_topic_codes));
  session->format = g_strdup (rand_code (rng, kf_format_codes));
  session->status = g_strdup ("scheduled");
  session->note = g_strdup ("");
  return (KfRecord *) session;
}

void
bench_dataset_free (BenchDataset *data)
{
  g_ptr_array_unref (data->bases);
  g_ptr_array_unref (data->identities);
  g_ptr_array_unref (data->sessions);
  for (guint i = 0; i < BENCH_N_DAYS; i++)
    g_free (data->days[i]);
  g_free (data);
}

static void
add_base (BenchDataset *data,
          GRand        *rng,
          int           b)
{
  const BenchConfig *config = data->config;
  KfRecord *base = make_base (rng, b);
  /* The sessions are shared out as evenly as they go. */
  int n = config->sessions / config->bases + (b < config->sessions % config->bases ? 1 : 0);
  GPtrArray *sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);

  for (int j = 0; j < n; j++)
    g_ptr_array_add (sessions, make_session (rng, data, base->id, j));
  g_ptr_array_add (data->bases, base);
  g_ptr_array_add (data->identities, kf_identity_new (KF_ROLE_BASE, base->id, NULL));
  g_ptr_array_add (data->sessions, sessions);
}

/**
 * bench_dataset_new:
 *
 * Returns: (transfer full): the bases, one writer for each, and their
 *   sessions, spread over the 22 days
 */
BenchDataset *
bench_dataset_new (const BenchConfig *config)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (SEED);
  g_autoptr(GDateTime) first = g_date_time_new_utc (2025, 5, 20, 0, 0, 0);
  BenchDataset *data = g_new0 (BenchDataset, 1);

  data->config = config;
  for (int d = 0; d < BENCH_N_DAYS; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (first, d);
      data->days[d] = g_date_time_format (day, "%Y-%m-%d");
    }

  data->bases = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  data->identities = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_identity_free);
  data->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (int b = 0; b < config->bases; b++)
    add_base (data, rng, b);
  return data;
}

/* The visits are made batch by batch, never all at once: a million of them
 * would take a gigabyte. */
void
bench_visit_gen_init (BenchVisitGen      *gen,
                      const BenchDataset *data)
{
  gen->data = data;
  gen->rng = g_rand_new_with_seed (SEED + 1);
  gen->next = 0;
}

void
bench_visit_gen_clear (BenchVisitGen *gen)
{
  g_clear_pointer (&gen->rng, g_rand_free);
}

/* Walk-in groups mostly, and individual visitors, arriving during one of
 * their base's sessions. */
static KfRecord *
make_visit (BenchVisitGen *gen,
            int            base_index)
{
  GPtrArray *sessions = g_ptr_array_index (gen->data->sessions, base_index);
  const KfSession *session = g_ptr_array_index (sessions,
                                                g_rand_int_range (gen->rng, 0, sessions->len));
  KfVisit *visit = KF_VISIT (kf_record_new (KF_ENTITY_VISIT));
  gboolean group = g_rand_int_range (gen->rng, 0, 10) < 7;
  int minute = 60 * atoi (session->start) + atoi (session->start + 3) +
               g_rand_int_range (gen->rng, 0, 120);

  visit->r.id = rand_uuid (gen->rng);
  visit->base_id = g_strdup (session->base_id);
  visit->session_id = g_strdup (session->r.id);
  visit->kind = g_strdup (group ? "walk_in_group" : "individuals");
  visit->group_name = group ? g_strdup_printf ("城关社区第 %d 组", gen->next % 997 + 1)
                            : g_strdup ("Individual visitors");
  visit->arrived_at = g_strdup_printf ("%sT%02d:%02d:%02d+08:00", session->date, minute / 60,
                                       minute % 60, g_rand_int_range (gen->rng, 0, 60));
  visit->youth_count = group ? g_rand_int_range (gen->rng, 1, 61)
                             : g_rand_int_range (gen->rng, 0, 30);
  visit->adult_count = g_rand_int_range (gen->rng, 0, group ? 9 : 11);
  visit->note = g_strdup ("");
  gen->next++;
  return (KfRecord *) visit;
}

/**
 * bench_visit_gen_next_batch:
 * @gen: a generator
 * @base_index: (out): whose visits they are
 *
 * The next batch: visits of one base, as its installation would write them;
 * the bases take turns.
 *
 * Returns: (transfer full) (nullable): the visits, %NULL when all are made
 */
GPtrArray *
bench_visit_gen_next_batch (BenchVisitGen *gen,
                            int           *base_index)
{
  const BenchConfig *config = gen->data->config;
  GPtrArray *batch;
  int n = MIN (config->batch, config->visits - gen->next);

  if (n <= 0)
    return NULL;

  *base_index = (gen->next / config->batch) % config->bases;
  batch = g_ptr_array_new_full (n, (GDestroyNotify) kf_record_free);
  for (int i = 0; i < n; i++)
    g_ptr_array_add (batch, make_visit (gen, *base_index));
  return batch;
}

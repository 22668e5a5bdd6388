/* bench-store-private.h — the pieces of the store benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kf-store-private.h"
#include "kf-totals-private.h"

G_BEGIN_DECLS

#define BENCH_N_DAYS 22   /* 2025-05-20 .. 2025-06-10 */

typedef struct
{
  int   bases;
  int   sessions;
  int   visits;
  int   batch;      /* records per transaction */
  int   repeat;     /* runs of each totals query */
  char *sqlite3;    /* the shell */
} BenchConfig;

typedef struct
{
  const BenchConfig *config;
  GPtrArray         *bases;       /* (element-type KfRecord) */
  GPtrArray         *identities;  /* (element-type KfIdentity): one writer per base */
  GPtrArray         *sessions;    /* (element-type GPtrArray): each base's sessions */
  char              *days[BENCH_N_DAYS];
} BenchDataset;

typedef struct
{
  const BenchDataset *data;
  GRand              *rng;
  int                 next;       /* index of the next visit */
} BenchVisitGen;

typedef struct
{
  const char *name;
  KfTotalsBy  by;
  const char *from;
  const char *to;
} BenchTotalsCase;

/* bench-store-data.c: the rows, the same every run */
BenchDataset *bench_dataset_new             (const BenchConfig     *config);
void          bench_dataset_free            (BenchDataset          *data);
void          bench_visit_gen_init          (BenchVisitGen         *gen,
                                             const BenchDataset    *data);
void          bench_visit_gen_clear         (BenchVisitGen         *gen);
GPtrArray    *bench_visit_gen_next_batch    (BenchVisitGen         *gen,
                                             int                   *base_index);

/* bench-store-shell.c: the same work for the sqlite3 shell */
gboolean      bench_write_bases_sql         (const char            *path,
                                             const BenchDataset    *data,
                                             GError               **error);
gboolean      bench_write_sessions_sql      (const char            *path,
                                             const BenchDataset    *data,
                                             GError               **error);
gboolean      bench_write_visits_sql        (const char            *path,
                                             const BenchDataset    *data,
                                             GError               **error);
gboolean      bench_run_shell               (const BenchConfig     *config,
                                             const char            *db,
                                             const char            *script,
                                             char                 **output,
                                             gint64                *elapsed,
                                             GError               **error);
char         *bench_totals_script           (const BenchTotalsCase *tc,
                                             gboolean               with_query);
gint64        bench_take_timer_line         (char                  *output);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchDataset, bench_dataset_free)

G_END_DECLS

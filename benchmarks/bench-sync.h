/* bench-sync.h — the pieces bench-sync is made of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kf-hub-harness.h"
#include "kf-sync.h"

G_BEGIN_DECLS

#define BATCH 500
#define MAX_REPEAT 9

extern guint    bench_max_seconds;
extern gboolean bench_verbose;

/* Time: the wall clock, and the processor time of this process (the
 * client's work) and of the hub */
typedef struct
{
  double wall;
  double client_cpu;
  double hub_cpu;
} Span;

/* The runs of one measurement */
typedef struct
{
  Span  span[MAX_REPEAT];
  guint n;
} Samples;

typedef struct
{
  const char *what;
  KfHub      *hub;
  gint64      wall;
  double      client_cpu;
  double      hub_cpu;
} Stopwatch;

typedef struct
{
  char    *dir;
  char    *path;
  KfStore *store;
} Install;

GCancellable *watchdog_start     (const char          *what);
void          watchdog_stop      (void);
G_NORETURN
void          die                (const char          *what,
                                  GError              *error);

void          stopwatch_start    (Stopwatch           *watch,
                                  KfHub               *hub,
                                  const char          *what);
Span          stopwatch_read     (const Stopwatch     *watch);
void          span_add           (Span                *sum,
                                  const Span          *span);
void          samples_add        (Samples             *samples,
                                  const Span          *span);
Span          samples_median     (const Samples       *samples);

GPtrArray    *make_records       (const char          *base_id,
                                  guint                n_sessions,
                                  guint                n_bookings,
                                  guint                n_visits);
GPtrArray    *make_bodies        (GPtrArray           *records);

Install      *install_new        (KfHub               *hub,
                                  KfRole               role,
                                  const char          *token);
void          install_free       (Install             *install);
Span          queue_records      (Install             *install,
                                  KfHub               *hub,
                                  GPtrArray           *records);
void          check_counts       (const char          *what,
                                  const KfSyncCounts  *counts,
                                  guint                pushed,
                                  guint                pulled);
void          check_outbox_empty (Install             *install);
void          check_stored       (Install             *install,
                                  KfEntity             entity,
                                  guint                expected);

GBytes       *send_raw           (SoupSession         *session,
                                  const char          *url,
                                  const char          *authorization,
                                  GBytes              *body,
                                  GCancellable        *cancellable);
JsonObject   *parse_object       (GBytes              *bytes);
void          check_all_applied  (GPtrArray           *replies,
                                  guint                expected);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Install, install_free)

G_END_DECLS

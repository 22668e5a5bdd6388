/* kf-week-plan.h — the sessions of an activity week, from a daily pattern
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kf-record.h"

G_BEGIN_DECLS

/* One push takes at most 500 ops (sync-protocol.md): a week made at once
 * then reaches the hub in one request, all or nothing, as it was written. */
#define KF_WEEK_MAX_SESSIONS 500

typedef struct
{
  const char *start;
  const char *end;
} KfTimeSlot;

/**
 * KfWeekPattern:
 * @first_day: `YYYY-MM-DD`
 * @last_day: `YYYY-MM-DD`, inclusive
 * @slots: (array length=n_slots): the daily time slots
 * @n_slots: how many
 * @session: what every session has: base_id, capacity, title, topic, format
 *   and note (its date, times, id and status are ignored)
 */
typedef struct
{
  const char       *first_day;
  const char       *last_day;
  const KfTimeSlot *slots;
  guint             n_slots;
  const KfSession  *session;
} KfWeekPattern;

GPtrArray *kf_week_plan_build       (const KfWeekPattern *pattern,
                                     GPtrArray          **errors);
char      *kf_week_plan_slot_field  (guint                index);

G_END_DECLS

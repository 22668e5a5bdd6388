/* core-test-util.h — what the tests of libkaifang-core share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kf-error.h"
#include "kf-record.h"
#include "kf-rules.h"
#include "kf-store-private.h"

G_BEGIN_DECLS

/* An error of the KF_ERROR domain with this code, about this field (or none). */
#define kft_assert_kf_error(err, code, field)                          \
  G_STMT_START {                                                       \
    g_assert_error ((err), KF_ERROR, (gint) (code));                          \
    g_assert_cmpstr (kf_error_get_field (err), ==, (field));           \
    g_assert_cmpstr ((err)->message, !=, "");                          \
  } G_STMT_END

/* The visits that kf_store_tally() and kf_store_record_arrival() return. */
typedef KfVisit KftVisit;

static inline void
kft_visit_free (KftVisit *visit)
{
  kf_record_free ((KfRecord *) visit);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KftVisit, kft_visit_free)

char      *kft_make_tmpdir       (void);
void       kft_remove_tree       (const char   *dir);
char      *kft_repeat            (const char   *unit,
                                  guint         n);

KfRecord  *kft_base              (const char   *id,
                                  const char   *name);
KfRecord  *kft_session           (const char   *base_id,
                                  const char   *date,
                                  const char   *start,
                                  const char   *end,
                                  gint64        capacity,
                                  const char   *title,
                                  const char   *topic,
                                  const char   *format);
KfRecord  *kft_booking           (const char   *base_id,
                                  const char   *session_id,
                                  const char   *org_name,
                                  gint64        youth,
                                  gint64        adults,
                                  const char   *status);
KfRecord  *kft_visit             (const char   *base_id,
                                  const char   *session_id,
                                  const char   *booking_id,
                                  const char   *kind,
                                  const char   *group_name,
                                  const char   *arrived_at,
                                  gint64        youth,
                                  gint64        adults);
void       kft_set_text          (KfRecord     *record,
                                  const char   *field,
                                  const char   *value);
void       kft_set_int           (KfRecord     *record,
                                  const char   *field,
                                  gint64        value);

KfStore   *kft_store_new_base    (const char   *dir,
                                  const char   *base_id,
                                  const char   *base_name);
gint64     kft_sql_int           (KfStore      *store,
                                  const char   *sql);
char      *kft_sql_text          (KfStore      *store,
                                  const char   *sql);
void       kft_sql_exec          (KfStore      *store,
                                  const char   *sql);

GPtrArray *kft_csv_parse         (const char   *text,
                                  GError      **error);

G_END_DECLS

/* kf-store.h — one installation's SQLite database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kf-record.h"
#include "kf-rules.h"

G_BEGIN_DECLS

#define KF_TYPE_STORE (kf_store_get_type ())

G_DECLARE_FINAL_TYPE (KfStore, kf_store, KF, STORE, GObject)

typedef enum
{
  KF_SORT_DATE,       /* by date (sessions, bookings) or arrival (visits) */
  KF_SORT_DATE_DESC,  /* the latest first */
  KF_SORT_NAME,       /* by title, organisation or group name */
  KF_N_SORTS
} KfSort;

/**
 * KfQuery:
 * @from: (nullable): first date (sessions: their date; bookings: their
 *   session's date; visits: the date of arrival)
 * @to: (nullable): last date, inclusive
 * @session_id: (nullable): only records of this session
 * @status: (nullable): only records in this status
 * @search: (nullable): only records whose title, organisation or group
 *   name contains this text
 * @sort: the order
 * @limit: at most this many records, 0 for all
 * @offset: leave out this many first
 * @base_id: (nullable): only records of this base (bases: only this one)
 * @topic: (nullable): only sessions of this topic (bookings: of a session of
 *   this topic; visits and bases: ignored)
 * @format: (nullable): only sessions of this format (likewise)
 */
typedef struct
{
  const char *from;
  const char *to;
  const char *session_id;
  const char *status;
  const char *search;
  KfSort      sort;
  guint       limit;
  guint       offset;
  const char *base_id;
  const char *topic;
  const char *format;
} KfQuery;

KfStore     *kf_store_open                 (const char        *path,
                                            GError           **error);
const char  *kf_store_get_path             (KfStore           *self);
int          kf_store_get_schema_version   (KfStore           *self);
char        *kf_store_default_path         (void);

gboolean     kf_store_begin                (KfStore           *self,
                                            GError           **error);
gboolean     kf_store_commit               (KfStore           *self,
                                            GError           **error);
void         kf_store_rollback             (KfStore           *self);

char        *kf_store_get_meta             (KfStore           *self,
                                            const char        *key);
gboolean     kf_store_set_meta             (KfStore           *self,
                                            const char        *key,
                                            const char        *value,
                                            GError           **error);

gboolean     kf_store_initialize           (KfStore           *self,
                                            const KfIdentity  *identity,
                                            const KfBase      *base,
                                            GError           **error);
KfIdentity  *kf_store_get_identity         (KfStore           *self,
                                            GError           **error);
void         kf_store_forget_identity      (KfStore           *self);
void         kf_store_notify_changed       (KfStore           *self);

KfRecord    *kf_store_get                  (KfStore           *self,
                                            KfEntity           entity,
                                            const char        *id,
                                            GError           **error);
GPtrArray   *kf_store_get_many             (KfStore           *self,
                                            KfEntity           entity,
                                            const char * const *ids,
                                            GError           **error);
GPtrArray   *kf_store_list                 (KfStore           *self,
                                            KfEntity           entity,
                                            const KfQuery     *query,
                                            GError           **error);
gint64       kf_store_count_query          (KfStore           *self,
                                            KfEntity           entity,
                                            const KfQuery     *query,
                                            GError           **error);
gint64       kf_store_count                (KfStore           *self,
                                            KfEntity           entity,
                                            GError           **error);

gboolean     kf_store_check_write          (KfStore           *self,
                                            const KfIdentity  *actor,
                                            const KfRecord    *old_record,
                                            const KfRecord    *record,
                                            GDateTime         *now,
                                            GError           **error);
gboolean     kf_store_save                 (KfStore           *self,
                                            const KfRecord    *record,
                                            GError           **error);

gboolean     kf_store_put                  (KfStore           *self,
                                            KfRecord          *record,
                                            GError           **error);
gboolean     kf_store_put_many             (KfStore           *self,
                                            KfRecord         **records,
                                            guint              n_records,
                                            GError           **error);
gboolean     kf_store_put_many_as          (KfStore           *self,
                                            const KfIdentity  *actor,
                                            KfRecord         **records,
                                            guint              n_records,
                                            GError           **error);
KfVisit     *kf_store_tally                (KfStore           *self,
                                            const char        *session_id,
                                            gint64             add_youth,
                                            gint64             add_adults,
                                            GError           **error);
KfVisit     *kf_store_record_arrival       (KfStore           *self,
                                            const char        *booking_id,
                                            gint64             youth_count,
                                            gint64             adult_count,
                                            const char        *arrived_at,
                                            GError           **error);

gint64       kf_store_count_queued_ops     (KfStore           *self,
                                            GError           **error);

gboolean     kf_store_replace_base_syncs   (KfStore           *self,
                                            GHashTable        *last_syncs,
                                            GError           **error);
GHashTable  *kf_store_get_base_syncs       (KfStore           *self,
                                            GError           **error);
char        *kf_store_get_base_sync        (KfStore           *self,
                                            const char        *base_id,
                                            GError           **error);

const char  *kf_not_found_message          (KfEntity           entity);
char        *kf_instant_now                (void);
char        *kf_instant_from_local         (const char        *date,
                                            const char        *time);

G_END_DECLS

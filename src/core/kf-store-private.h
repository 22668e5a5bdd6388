/* kf-store-private.h — for the rest of core, the hub and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "kf-store.h"

G_BEGIN_DECLS

#define KF_STORE_SCHEMA_VERSION 5

KfStore      *kf_store_open_at_version (const char  *path,
                                        int          version,
                                        GError     **error);
sqlite3      *kf_store_get_db          (KfStore     *self);
sqlite3_stmt *kf_store_prepare         (KfStore     *self,
                                        const char  *sql,
                                        GError     **error);
gboolean      kf_store_step_done       (KfStore     *self,
                                        sqlite3_stmt *stmt,
                                        GError     **error);
void          kf_store_set_sqlite_error (KfStore    *self,
                                         GError    **error);
gboolean      kf_store_exec            (KfStore     *self,
                                        const char  *sql,
                                        GError     **error);
void          kf_store_bind_text       (sqlite3_stmt *stmt,
                                        int          index,
                                        const char  *value);
const char   *kf_store_column_text     (sqlite3_stmt *stmt,
                                        int          column);
KfRecord     *kf_store_read_record     (KfEntity     entity,
                                        sqlite3_stmt *stmt,
                                        int          first_column);
const char   *kf_store_select_columns  (KfEntity     entity);
gboolean      kf_store_enqueue_op      (KfStore     *self,
                                        const KfRecord *old_record,
                                        const KfRecord *record,
                                        GError     **error);
gboolean      kf_store_initialize_locked (KfStore          *self,
                                          const KfIdentity *identity,
                                          const KfBase     *base,
                                          GError          **error);
KfRecord     *kf_store_get_reference   (KfStore     *self,
                                        KfEntity     entity,
                                        const char  *id,
                                        const char  *field,
                                        GError     **error);

G_END_DECLS

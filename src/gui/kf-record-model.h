/* kf-record-model.h — a lazy list of records, read from the store page by page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kf-store.h"

G_BEGIN_DECLS

#define KF_TYPE_RECORD_MODEL (kf_record_model_get_type ())

G_DECLARE_FINAL_TYPE (KfRecordModel, kf_record_model, KF, RECORD_MODEL, GObject)

KfRecordModel *kf_record_model_new             (KfStore        *store,
                                                KfEntity        entity);
KfRecordModel *kf_record_model_new_paused      (KfStore        *store,
                                                KfEntity        entity);
void           kf_record_model_set_query       (KfRecordModel  *self,
                                                const KfQuery  *query);
void           kf_record_model_reload          (KfRecordModel  *self);
guint          kf_record_model_get_rows_read   (KfRecordModel  *self);
gboolean       kf_record_model_get_counting    (KfRecordModel  *self);
void           kf_record_model_set_paused      (KfRecordModel  *self,
                                                gboolean        paused);

G_END_DECLS

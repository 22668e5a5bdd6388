/* kf-record-object.h — a record as an item of a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kf-record.h"

G_BEGIN_DECLS

#define KF_TYPE_RECORD_OBJECT (kf_record_object_get_type ())

G_DECLARE_FINAL_TYPE (KfRecordObject, kf_record_object, KF, RECORD_OBJECT, GObject)

KfRecordObject *kf_record_object_new        (KfRecord       *record);
const KfRecord *kf_record_object_get_record (KfRecordObject *self);
KfRecord       *kf_record_object_dup_record (KfRecordObject *self);
const char     *kf_record_object_get_id     (KfRecordObject *self);

G_END_DECLS

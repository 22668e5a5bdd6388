/* kf-record-object.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-record-object"

#include "config.h"

#include "kf-record-object.h"

struct _KfRecordObject
{
  GObject   parent_instance;
  KfRecord *record;
};

G_DEFINE_FINAL_TYPE (KfRecordObject, kf_record_object, G_TYPE_OBJECT)

static void
kf_record_object_finalize (GObject *object)
{
  KfRecordObject *self = KF_RECORD_OBJECT (object);

  g_clear_pointer (&self->record, kf_record_free);

  G_OBJECT_CLASS (kf_record_object_parent_class)->finalize (object);
}

static void
kf_record_object_class_init (KfRecordObjectClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kf_record_object_finalize;
}

static void
kf_record_object_init (KfRecordObject *self)
{
}

/**
 * kf_record_object_new:
 * @record: (transfer full): a record
 */
KfRecordObject *
kf_record_object_new (KfRecord *record)
{
  KfRecordObject *self;

  g_return_val_if_fail (record != NULL, NULL);

  self = g_object_new (KF_TYPE_RECORD_OBJECT, NULL);
  self->record = record;
  return self;
}

const KfRecord *
kf_record_object_get_record (KfRecordObject *self)
{
  g_return_val_if_fail (KF_IS_RECORD_OBJECT (self), NULL);

  return self->record;
}

/* A copy to change and write back. */
KfRecord *
kf_record_object_dup_record (KfRecordObject *self)
{
  g_return_val_if_fail (KF_IS_RECORD_OBJECT (self), NULL);

  return kf_record_copy (self->record);
}

const char *
kf_record_object_get_id (KfRecordObject *self)
{
  g_return_val_if_fail (KF_IS_RECORD_OBJECT (self), NULL);

  return self->record->id;
}

/* kf-record.h — the records of the protocol, described once by field tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  KF_ENTITY_BASE,
  KF_ENTITY_SESSION,
  KF_ENTITY_BOOKING,
  KF_ENTITY_VISIT,
  KF_N_ENTITIES
} KfEntity;

typedef enum
{
  KF_FIELD_TEXT,
  KF_FIELD_INT,
  KF_FIELD_DATE,
  KF_FIELD_TIME,
  KF_FIELD_INSTANT,
  KF_FIELD_UUID,
  KF_FIELD_CODE,
  KF_FIELD_PHONE,
} KfFieldType;

typedef enum
{
  KF_FIELD_FLAG_NONE = 0,
  /* may be JSON null (UUIDs) */
  KF_FIELD_NULLABLE = 1 << 0,
  /* computed by the hub: shown in pulled data, never pushed */
  KF_FIELD_COMPUTED = 1 << 1,
  /* may be left out of pushed data: "" or null is taken */
  KF_FIELD_OPTIONAL = 1 << 2,
} KfFieldFlags;

typedef struct
{
  const char         *name;
  KfFieldType         type;
  gsize               offset;
  gint64              min;     /* characters (text) or value (int) */
  gint64              max;
  const char * const *codes;   /* KF_FIELD_CODE */
  KfFieldFlags        flags;
} KfFieldSpec;

typedef struct
{
  KfEntity            entity;
  const char         *name;    /* "session" */
  const char         *table;   /* "sessions" */
  gsize               size;
  const KfFieldSpec  *fields;
  guint               n_fields;
} KfEntityInfo;

/* Every record begins with this header, so that the field tables can drive
 * copying, freeing, validation, JSON and SQL for all of them. */
typedef struct
{
  KfEntity  entity;
  char     *id;
  gint64    version;
} KfRecord;

typedef struct
{
  KfRecord  r;
  char     *name;
  char     *address;
  char     *contact_name;
  char     *contact_phone;
} KfBase;

typedef struct
{
  KfRecord  r;
  char     *base_id;
  char     *date;
  char     *start;
  char     *end;
  gint64    capacity;
  char     *title;
  char     *topic;
  char     *format;
  char     *status;
  char     *note;
  gint64    confirmed_people;
  gint64    requested_people;
} KfSession;

typedef struct
{
  KfRecord  r;
  char     *base_id;
  char     *session_id;
  char     *org_name;
  char     *org_type;
  char     *grade;
  char     *contact_name;
  char     *contact_phone;
  gint64    youth_count;
  gint64    adult_count;
  char     *status;
  char     *note;
} KfBooking;

typedef struct
{
  KfRecord  r;
  char     *base_id;
  char     *session_id;
  char     *booking_id;
  char     *kind;
  char     *group_name;
  char     *arrived_at;
  gint64    youth_count;
  gint64    adult_count;
  char     *note;
} KfVisit;

extern const char * const kf_topic_codes[];
extern const char * const kf_format_codes[];
extern const char * const kf_session_status_codes[];
extern const char * const kf_org_type_codes[];
extern const char * const kf_booking_status_codes[];
extern const char * const kf_visit_kind_codes[];
extern const char * const kf_role_codes[];

const KfEntityInfo *kf_entity_info            (KfEntity            entity);
gboolean            kf_entity_from_string     (const char         *name,
                                               KfEntity           *entity);
const KfFieldSpec  *kf_entity_find_field      (KfEntity            entity,
                                               const char         *name);

KfRecord           *kf_record_new             (KfEntity            entity);
KfRecord           *kf_record_copy            (const KfRecord     *record);
void                kf_record_free            (KfRecord           *record);
gboolean            kf_record_equal_data      (const KfRecord     *a,
                                               const KfRecord     *b);
const char         *kf_record_get_text        (const KfRecord     *record,
                                               const KfFieldSpec  *field);
void                kf_record_set_text        (KfRecord           *record,
                                               const KfFieldSpec  *field,
                                               const char         *value);
gint64              kf_record_get_int         (const KfRecord     *record,
                                               const KfFieldSpec  *field);
void                kf_record_set_int         (KfRecord           *record,
                                               const KfFieldSpec  *field,
                                               gint64              value);

gboolean            kf_record_validate        (const KfRecord     *record,
                                               GError            **error);
gboolean            kf_record_validate_field  (const KfRecord     *record,
                                               const char         *name,
                                               GError            **error);

JsonObject         *kf_record_to_json         (const KfRecord     *record,
                                               gboolean            with_meta);
void                kf_record_append_json     (const KfRecord     *record,
                                               gboolean            with_meta,
                                               GString            *out);
KfRecord           *kf_record_from_json_data  (KfEntity            entity,
                                               const char         *id,
                                               JsonObject         *data,
                                               GError            **error);

gboolean            kf_code_is_valid          (const char * const *codes,
                                               const char         *value);
gboolean            kf_date_is_valid          (const char         *value);
gboolean            kf_time_is_valid          (const char         *value);
gboolean            kf_instant_is_valid       (const char         *value);
gboolean            kf_uuid_is_valid          (const char         *value);
gboolean            kf_phone_is_valid         (const char         *value);
char               *kf_mask_phone             (const char         *phone);
char               *kf_new_id                 (void);
void                kf_json_append_string     (GString            *out,
                                               const char         *value);

#define KF_BASE(r)    ((KfBase *) (r))
#define KF_SESSION(r) ((KfSession *) (r))
#define KF_BOOKING(r) ((KfBooking *) (r))
#define KF_VISIT(r)   ((KfVisit *) (r))

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfRecord, kf_record_free)

G_END_DECLS

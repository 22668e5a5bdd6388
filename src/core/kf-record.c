/* kf-record.c — field tables, validation and JSON of the records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-record"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kf-error.h"
#include "kf-record.h"

const char * const kf_topic_codes[] = {
  "ai", "emergency_safety", "food_safety", "new_energy_materials", "meteorology",
  "agriculture", "health", "other", NULL
};
const char * const kf_format_codes[] = {
  "exhibition", "study_tour", "lecture", "short_video", "hands_on", "other", NULL
};
const char * const kf_session_status_codes[] = { "scheduled", "cancelled", NULL };
const char * const kf_org_type_codes[] = {
  "school", "kindergarten", "community", "enterprise", "other", NULL
};
const char * const kf_booking_status_codes[] = {
  "requested", "confirmed", "declined", "cancelled", "attended", "no_show", NULL
};
const char * const kf_visit_kind_codes[] = { "booked", "walk_in_group", "individuals", NULL };
const char * const kf_role_codes[] = { "base", "school", "reviewer", NULL };

#define TEXT(s, f, lo, hi, fl) \
  { #f, KF_FIELD_TEXT, G_STRUCT_OFFSET (s, f), lo, hi, NULL, fl }
#define INT(s, f, lo, hi, fl) \
  { #f, KF_FIELD_INT, G_STRUCT_OFFSET (s, f), lo, hi, NULL, fl }
#define TYPED(s, f, t, fl) \
  { #f, t, G_STRUCT_OFFSET (s, f), 0, 0, NULL, fl }
#define CODE(s, f, c) \
  { #f, KF_FIELD_CODE, G_STRUCT_OFFSET (s, f), 0, 0, c, 0 }

static const KfFieldSpec base_fields[] = {
  TEXT (KfBase, name, 1, 100, 0),
  TEXT (KfBase, address, 0, 200, KF_FIELD_OPTIONAL),
  TEXT (KfBase, contact_name, 0, 50, KF_FIELD_OPTIONAL),
  { "contact_phone", KF_FIELD_PHONE, G_STRUCT_OFFSET (KfBase, contact_phone), 0, 20, NULL,
    KF_FIELD_OPTIONAL },
};

static const KfFieldSpec session_fields[] = {
  TYPED (KfSession, base_id, KF_FIELD_UUID, 0),
  TYPED (KfSession, date, KF_FIELD_DATE, 0),
  TYPED (KfSession, start, KF_FIELD_TIME, 0),
  TYPED (KfSession, end, KF_FIELD_TIME, 0),
  INT (KfSession, capacity, 1, 100000, 0),
  TEXT (KfSession, title, 1, 100, 0),
  CODE (KfSession, topic, kf_topic_codes),
  CODE (KfSession, format, kf_format_codes),
  CODE (KfSession, status, kf_session_status_codes),
  TEXT (KfSession, note, 0, 1000, KF_FIELD_OPTIONAL),
  INT (KfSession, confirmed_people, 0, G_MAXINT64, KF_FIELD_COMPUTED),
  INT (KfSession, requested_people, 0, G_MAXINT64, KF_FIELD_COMPUTED),
};

static const KfFieldSpec booking_fields[] = {
  TYPED (KfBooking, base_id, KF_FIELD_UUID, 0),
  TYPED (KfBooking, session_id, KF_FIELD_UUID, 0),
  TEXT (KfBooking, org_name, 1, 100, 0),
  CODE (KfBooking, org_type, kf_org_type_codes),
  TEXT (KfBooking, grade, 0, 50, KF_FIELD_OPTIONAL),
  TEXT (KfBooking, contact_name, 1, 50, 0),
  { "contact_phone", KF_FIELD_PHONE, G_STRUCT_OFFSET (KfBooking, contact_phone), 7, 20, NULL, 0 },
  INT (KfBooking, youth_count, 0, 10000, 0),
  INT (KfBooking, adult_count, 0, 10000, 0),
  CODE (KfBooking, status, kf_booking_status_codes),
  TEXT (KfBooking, note, 0, 1000, KF_FIELD_OPTIONAL),
};

static const KfFieldSpec visit_fields[] = {
  TYPED (KfVisit, base_id, KF_FIELD_UUID, 0),
  TYPED (KfVisit, session_id, KF_FIELD_UUID, KF_FIELD_NULLABLE | KF_FIELD_OPTIONAL),
  TYPED (KfVisit, booking_id, KF_FIELD_UUID, KF_FIELD_NULLABLE | KF_FIELD_OPTIONAL),
  CODE (KfVisit, kind, kf_visit_kind_codes),
  TEXT (KfVisit, group_name, 1, 100, 0),
  TYPED (KfVisit, arrived_at, KF_FIELD_INSTANT, 0),
  INT (KfVisit, youth_count, 0, 100000, 0),
  INT (KfVisit, adult_count, 0, 100000, 0),
  TEXT (KfVisit, note, 0, 1000, KF_FIELD_OPTIONAL),
};

static const KfEntityInfo entities[KF_N_ENTITIES] = {
  { KF_ENTITY_BASE, "base", "bases", sizeof (KfBase),
    base_fields, G_N_ELEMENTS (base_fields) },
  { KF_ENTITY_SESSION, "session", "sessions", sizeof (KfSession),
    session_fields, G_N_ELEMENTS (session_fields) },
  { KF_ENTITY_BOOKING, "booking", "bookings", sizeof (KfBooking),
    booking_fields, G_N_ELEMENTS (booking_fields) },
  { KF_ENTITY_VISIT, "visit", "visits", sizeof (KfVisit),
    visit_fields, G_N_ELEMENTS (visit_fields) },
};

const KfEntityInfo *
kf_entity_info (KfEntity entity)
{
  g_return_val_if_fail (entity < KF_N_ENTITIES, NULL);

  return &entities[entity];
}

gboolean
kf_entity_from_string (const char *name,
                       KfEntity   *entity)
{
  for (guint i = 0; name != NULL && i < KF_N_ENTITIES; i++)
    {
      if (strcmp (entities[i].name, name) == 0)
        {
          *entity = i;
          return TRUE;
        }
    }
  return FALSE;
}

const KfFieldSpec *
kf_entity_find_field (KfEntity    entity,
                      const char *name)
{
  const KfEntityInfo *info = kf_entity_info (entity);

  for (guint i = 0; i < info->n_fields; i++)
    if (strcmp (info->fields[i].name, name) == 0)
      return &info->fields[i];
  return NULL;
}

static gboolean
field_is_int (const KfFieldSpec *field)
{
  return field->type == KF_FIELD_INT;
}

static char **
text_slot (const KfRecord    *record,
           const KfFieldSpec *field)
{
  g_assert (!field_is_int (field));
  return G_STRUCT_MEMBER_P (record, field->offset);
}

static gint64 *
int_slot (const KfRecord    *record,
          const KfFieldSpec *field)
{
  g_assert (field_is_int (field));
  return G_STRUCT_MEMBER_P (record, field->offset);
}

const char *
kf_record_get_text (const KfRecord    *record,
                    const KfFieldSpec *field)
{
  return *text_slot (record, field);
}

void
kf_record_set_text (KfRecord          *record,
                    const KfFieldSpec *field,
                    const char        *value)
{
  char **slot = text_slot (record, field);

  if (*slot != value)
    {
      g_free (*slot);
      *slot = g_strdup (value);
    }
}

gint64
kf_record_get_int (const KfRecord    *record,
                   const KfFieldSpec *field)
{
  return *int_slot (record, field);
}

void
kf_record_set_int (KfRecord          *record,
                   const KfFieldSpec *field,
                   gint64             value)
{
  *int_slot (record, field) = value;
}

/**
 * kf_record_new:
 * @entity: which record
 *
 * Returns: (transfer full): a zeroed record; text fields are %NULL
 */
KfRecord *
kf_record_new (KfEntity entity)
{
  const KfEntityInfo *info = kf_entity_info (entity);
  KfRecord *record = g_malloc0 (info->size);

  record->entity = entity;
  return record;
}

KfRecord *
kf_record_copy (const KfRecord *record)
{
  const KfEntityInfo *info;
  KfRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);

  info = kf_entity_info (record->entity);
  copy = g_memdup2 (record, info->size);
  copy->id = g_strdup (record->id);
  for (guint i = 0; i < info->n_fields; i++)
    if (!field_is_int (&info->fields[i]))
      *text_slot (copy, &info->fields[i]) = g_strdup (kf_record_get_text (record,
                                                                          &info->fields[i]));
  return copy;
}

void
kf_record_free (KfRecord *record)
{
  const KfEntityInfo *info;

  if (record == NULL)
    return;

  info = kf_entity_info (record->entity);
  for (guint i = 0; i < info->n_fields; i++)
    if (!field_is_int (&info->fields[i]))
      g_free (*text_slot (record, &info->fields[i]));
  g_free (record->id);
  g_free (record);
}

/**
 * kf_record_equal_data:
 *
 * Whether two records of one entity have the same id and the same values in
 * every field that is pushed (version and computed fields are not compared).
 */
gboolean
kf_record_equal_data (const KfRecord *a,
                      const KfRecord *b)
{
  const KfEntityInfo *info;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->entity != b->entity || g_strcmp0 (a->id, b->id) != 0)
    return FALSE;

  info = kf_entity_info (a->entity);
  for (guint i = 0; i < info->n_fields; i++)
    {
      const KfFieldSpec *field = &info->fields[i];

      if (field->flags & KF_FIELD_COMPUTED)
        continue;
      if (field_is_int (field))
        {
          if (kf_record_get_int (a, field) != kf_record_get_int (b, field))
            return FALSE;
        }
      else if (g_strcmp0 (kf_record_get_text (a, field), kf_record_get_text (b, field)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Format checks */

static gboolean
all_digits (const char *s,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static guint
two_digits (const char *s)
{
  return (s[0] - '0') * 10 + (s[1] - '0');
}

gboolean
kf_date_is_valid (const char *value)
{
  guint year;

  if (value == NULL || strlen (value) != 10 || value[4] != '-' || value[7] != '-')
    return FALSE;
  if (!all_digits (value, 4) || !all_digits (value + 5, 2) || !all_digits (value + 8, 2))
    return FALSE;

  year = two_digits (value) * 100 + two_digits (value + 2);
  return year >= 1 && two_digits (value + 5) >= 1 && two_digits (value + 5) <= 12 &&
         g_date_valid_dmy (two_digits (value + 8), two_digits (value + 5), year);
}

gboolean
kf_time_is_valid (const char *value)
{
  if (value == NULL || strlen (value) != 5 || value[2] != ':')
    return FALSE;
  return all_digits (value, 2) && all_digits (value + 3, 2) &&
         two_digits (value) <= 23 && two_digits (value + 3) <= 59;
}

gboolean
kf_instant_is_valid (const char *value)
{
  g_autofree char *date = NULL;
  const char *p;

  if (value == NULL || strlen (value) < 20)
    return FALSE;

  date = g_strndup (value, 10);
  if (!kf_date_is_valid (date) || value[10] != 'T')
    return FALSE;

  p = value + 11;
  if (!all_digits (p, 2) || p[2] != ':' || !all_digits (p + 3, 2) || p[5] != ':' ||
      !all_digits (p + 6, 2) || two_digits (p) > 23 || two_digits (p + 3) > 59 ||
      two_digits (p + 6) > 60)
    return FALSE;

  p += 8;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  if (strcmp (p, "Z") == 0)
    return TRUE;

  return (p[0] == '+' || p[0] == '-') && strlen (p) == 6 && all_digits (p + 1, 2) &&
         p[3] == ':' && all_digits (p + 4, 2) && two_digits (p + 1) <= 23 &&
         two_digits (p + 4) <= 59;
}

gboolean
kf_uuid_is_valid (const char *value)
{
  static const guint dashes[] = { 8, 13, 18, 23 };

  if (value == NULL || strlen (value) != 36)
    return FALSE;

  for (guint i = 0; i < 36; i++)
    {
      gboolean dash_here = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (dashes); j++)
        dash_here |= (dashes[j] == i);

      if (dash_here ? value[i] != '-' :
          !(g_ascii_isdigit (value[i]) || (value[i] >= 'a' && value[i] <= 'f')))
        return FALSE;
    }
  return TRUE;
}

gboolean
kf_phone_is_valid (const char *value)
{
  for (const char *p = value; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != ' ' && *p != '+' && *p != '-')
      return FALSE;
  return value != NULL;
}

gboolean
kf_code_is_valid (const char * const *codes,
                  const char         *value)
{
  return value != NULL && g_strv_contains (codes, value);
}

/**
 * kf_mask_phone:
 * @phone: (nullable): a phone number
 *
 * Keeps the first three and the last four digits and masks the others, as
 * the reviewer sees them ("138****0000"). A number of seven digits or fewer
 * keeps only its first three, so that something is always hidden.
 *
 * Returns: (transfer full) (nullable): the masked number
 */
char *
kf_mask_phone (const char *phone)
{
  guint n_digits = 0, seen = 0, keep_tail;
  GString *out;

  if (phone == NULL)
    return NULL;

  for (const char *p = phone; *p; p++)
    n_digits += g_ascii_isdigit (*p) ? 1 : 0;
  keep_tail = n_digits >= 8 ? 4 : 0;

  out = g_string_new (NULL);
  for (const char *p = phone; *p; p++)
    {
      if (!g_ascii_isdigit (*p))
        {
          g_string_append_c (out, *p);
          continue;
        }
      seen++;
      g_string_append_c (out, (seen <= 3 || seen > n_digits - keep_tail) ? *p : '*');
    }
  return g_string_free (out, FALSE);
}

char *
kf_new_id (void)
{
  return g_uuid_string_random ();
}

/* Validation */

static gboolean
validate_text (const KfFieldSpec *field,
               const char        *value,
               GError           **error)
{
  glong len;

  /* An empty string is a value, out of range if the field needs text: invalid, not missing. */
  if (value == NULL)
    {
      kf_set_field_error (error, KF_ERROR_MISSING_FIELD, field->name, _("is required"));
      return FALSE;
    }
  if (!g_utf8_validate (value, -1, NULL))
    {
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, field->name,
                          _("is not valid UTF-8 text"));
      return FALSE;
    }

  len = g_utf8_strlen (value, -1);
  if (len < field->min || len > field->max)
    {
      if (field->min == 0)
        kf_set_field_error (error, KF_ERROR_INVALID_FIELD, field->name,
                            _("must be at most %d characters long"), (int) field->max);
      else
        kf_set_field_error (error, KF_ERROR_INVALID_FIELD, field->name,
                            _("must be %d to %d characters long"),
                            (int) field->min, (int) field->max);
      return FALSE;
    }
  return TRUE;
}

static char *
codes_joined (const char * const *codes)
{
  return g_strjoinv (", ", (char **) codes);
}

static gboolean
validate_field (const KfRecord    *record,
                const KfFieldSpec *field,
                GError           **error)
{
  const char *text;
  gint64 number;

  if (field->flags & KF_FIELD_COMPUTED)
    return TRUE;

  if (field_is_int (field))
    {
      number = kf_record_get_int (record, field);
      if (number < field->min || number > field->max)
        {
          kf_set_field_error (error, KF_ERROR_INVALID_FIELD, field->name,
                              _("must be between %lld and %lld"),
                              (long long) field->min, (long long) field->max);
          return FALSE;
        }
      return TRUE;
    }

  text = kf_record_get_text (record, field);
  if (text == NULL && (field->flags & KF_FIELD_NULLABLE))
    return TRUE;
  if (text == NULL)
    {
      kf_set_field_error (error, KF_ERROR_MISSING_FIELD, field->name, _("is required"));
      return FALSE;
    }

  switch (field->type)
    {
    case KF_FIELD_TEXT:
      return validate_text (field, text, error);

    case KF_FIELD_DATE:
      if (kf_date_is_valid (text))
        return TRUE;
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, field->name,
                          _("must be a date written YYYY-MM-DD, such as 2025-05-24"));
      return FALSE;

    case KF_FIELD_TIME:
      if (kf_time_is_valid (text))
        return TRUE;
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, field->name,
                          _("must be a time written HH:MM on the 24-hour clock, such as 09:30"));
      return FALSE;

    case KF_FIELD_INSTANT:
      if (kf_instant_is_valid (text))
        return TRUE;
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, field->name,
                          _("must be a date and time with its offset, "
                            "such as 2025-05-24T09:05:00+08:00"));
      return FALSE;

    case KF_FIELD_UUID:
      if (kf_uuid_is_valid (text))
        return TRUE;
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, field->name,
                          _("must be an id (a lowercase UUID)"));
      return FALSE;

    case KF_FIELD_CODE:
      if (kf_code_is_valid (field->codes, text))
        return TRUE;
      {
        g_autofree char *allowed = codes_joined (field->codes);
        kf_set_field_error (error, KF_ERROR_INVALID_FIELD, field->name,
                            _("must be one of: %s"), allowed);
      }
      return FALSE;

    case KF_FIELD_PHONE:
      if (*text == '\0' && field->min == 0)
        return TRUE;
      if (kf_phone_is_valid (text) && strlen (text) >= (gsize) field->min &&
          strlen (text) <= (gsize) field->max)
        return TRUE;
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, field->name,
                          _("must be 7 to 20 characters of digits, spaces, + and -"));
      return FALSE;

    case KF_FIELD_INT:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
validate_across_fields (const KfRecord *record,
                        GError        **error)
{
  switch (record->entity)
    {
    case KF_ENTITY_SESSION:
      if (strcmp (KF_SESSION (record)->start, KF_SESSION (record)->end) >= 0)
        {
          kf_set_field_error (error, KF_ERROR_INVALID_FIELD, "end",
                              _("must be later than the start time"));
          return FALSE;
        }
      return TRUE;

    case KF_ENTITY_BOOKING:
      if (KF_BOOKING (record)->youth_count + KF_BOOKING (record)->adult_count < 1)
        {
          kf_set_field_error (error, KF_ERROR_INVALID_FIELD, "youth_count",
                              _("a group must have at least one person"));
          return FALSE;
        }
      return TRUE;

    case KF_ENTITY_VISIT:
      if (g_strcmp0 (KF_VISIT (record)->kind, "booked") == 0 &&
          KF_VISIT (record)->booking_id == NULL)
        {
          kf_set_field_error (error, KF_ERROR_MISSING_FIELD, "booking_id",
                              _("is required for a booked group"));
          return FALSE;
        }
      return TRUE;

    case KF_ENTITY_BASE:
    case KF_N_ENTITIES:
    default:
      return TRUE;
    }
}

/**
 * kf_record_validate:
 * @record: a record
 * @error: return location for a %KF_ERROR naming the field
 *
 * Checks every field of @record against the limits of the protocol, and the
 * rules that join fields (a session ends after it starts, a group has at least
 * one person, a booked visit names its booking).
 *
 * Returns: whether @record is valid
 */
gboolean
kf_record_validate (const KfRecord *record,
                    GError        **error)
{
  const KfEntityInfo *info;

  g_return_val_if_fail (record != NULL, FALSE);

  info = kf_entity_info (record->entity);
  if (!kf_uuid_is_valid (record->id))
    {
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, "id",
                          _("must be an id (a lowercase UUID)"));
      return FALSE;
    }

  for (guint i = 0; i < info->n_fields; i++)
    if (!validate_field (record, &info->fields[i], error))
      return FALSE;

  return validate_across_fields (record, error);
}

/**
 * kf_record_validate_field:
 * @record: a record
 * @name: one of its fields
 * @error: return location for a %KF_ERROR naming the field
 *
 * Checks one field alone, against the limits of the protocol.
 *
 * Returns: whether the field is valid
 */
gboolean
kf_record_validate_field (const KfRecord *record,
                          const char     *name,
                          GError        **error)
{
  const KfFieldSpec *field;

  g_return_val_if_fail (record != NULL, FALSE);

  field = kf_entity_find_field (record->entity, name);
  g_return_val_if_fail (field != NULL, FALSE);
  return validate_field (record, field, error);
}

/* JSON */

void
kf_json_append_string (GString    *out,
                       const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static gboolean
field_in_json (const KfFieldSpec *field,
               gboolean           with_meta)
{
  return with_meta || !(field->flags & KF_FIELD_COMPUTED);
}

/**
 * kf_record_append_json:
 * @record: a record
 * @with_meta: %TRUE for the record as pulled (with id, version and the
 *   computed fields), %FALSE for the data of a pushed op
 * @out: where to append the JSON object
 */
void
kf_record_append_json (const KfRecord *record,
                       gboolean        with_meta,
                       GString        *out)
{
  const KfEntityInfo *info = kf_entity_info (record->entity);
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  if (with_meta)
    {
      g_string_append (out, "\"id\":");
      kf_json_append_string (out, record->id);
      g_string_append_printf (out, ",\"version\":%" G_GINT64_FORMAT, record->version);
      first = FALSE;
    }

  for (guint i = 0; i < info->n_fields; i++)
    {
      const KfFieldSpec *field = &info->fields[i];
      const char *text;

      if (!field_in_json (field, with_meta))
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;

      kf_json_append_string (out, field->name);
      g_string_append_c (out, ':');
      if (field_is_int (field))
        {
          g_string_append_printf (out, "%" G_GINT64_FORMAT, kf_record_get_int (record, field));
          continue;
        }
      text = kf_record_get_text (record, field);
      if (text == NULL)
        g_string_append (out, "null");
      else
        kf_json_append_string (out, text);
    }
  g_string_append_c (out, '}');
}

/**
 * kf_record_to_json:
 * @record: a record
 * @with_meta: as for kf_record_append_json()
 *
 * Returns: (transfer full): the record as a JSON object
 */
JsonObject *
kf_record_to_json (const KfRecord *record,
                   gboolean        with_meta)
{
  const KfEntityInfo *info;
  JsonObject *object;

  g_return_val_if_fail (record != NULL, NULL);

  info = kf_entity_info (record->entity);
  object = json_object_new ();
  if (with_meta)
    {
      json_object_set_string_member (object, "id", record->id);
      json_object_set_int_member (object, "version", record->version);
    }

  for (guint i = 0; i < info->n_fields; i++)
    {
      const KfFieldSpec *field = &info->fields[i];

      if (!field_in_json (field, with_meta))
        continue;
      if (field_is_int (field))
        json_object_set_int_member (object, field->name, kf_record_get_int (record, field));
      else if (kf_record_get_text (record, field) == NULL)
        json_object_set_null_member (object, field->name);
      else
        json_object_set_string_member (object, field->name, kf_record_get_text (record, field));
    }
  return object;
}

static gboolean
read_json_member (KfRecord          *record,
                  const KfFieldSpec *field,
                  JsonNode          *node,
                  GError           **error)
{
  if (JSON_NODE_HOLDS_NULL (node) && (field->flags & KF_FIELD_NULLABLE))
    return TRUE;

  if (field_is_int (field))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        {
          kf_set_field_error (error, KF_ERROR_INVALID_FIELD, field->name,
                              _("must be a whole number"));
          return FALSE;
        }
      kf_record_set_int (record, field, json_node_get_int (node));
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, field->name, _("must be a string"));
      return FALSE;
    }
  kf_record_set_text (record, field, json_node_get_string (node));
  return TRUE;
}

/**
 * kf_record_from_json_data:
 * @entity: which record
 * @id: the record's id
 * @data: the op's `data`: every field except id and version
 * @error: return location for a %KF_ERROR naming the field
 *
 * Reads pushed data strictly: an unknown member is %KF_ERROR_UNKNOWN_FIELD, a
 * missing one %KF_ERROR_MISSING_FIELD, a member of the wrong JSON type
 * %KF_ERROR_INVALID_FIELD. Optional fields (a note, a grade, the nullable
 * ids of a visit) may be left out; computed fields are ignored. The values
 * themselves are not checked here: call kf_record_validate().
 *
 * Returns: (transfer full) (nullable): the record, version 0
 */
KfRecord *
kf_record_from_json_data (KfEntity    entity,
                          const char *id,
                          JsonObject *data,
                          GError    **error)
{
  const KfEntityInfo *info = kf_entity_info (entity);
  g_autoptr(KfRecord) record = kf_record_new (entity);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_val_if_fail (data != NULL, NULL);

  record->id = g_strdup (id);

  json_object_iter_init (&iter, data);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (kf_entity_find_field (entity, name) == NULL)
        {
          kf_set_field_error (error, KF_ERROR_UNKNOWN_FIELD, name,
                              _("is not a field of this record"));
          return NULL;
        }
    }

  for (guint i = 0; i < info->n_fields; i++)
    {
      const KfFieldSpec *field = &info->fields[i];

      if (field->flags & KF_FIELD_COMPUTED)
        continue;

      node = json_object_get_member (data, field->name);
      if (node == NULL)
        {
          if (!(field->flags & KF_FIELD_OPTIONAL))
            {
              kf_set_field_error (error, KF_ERROR_MISSING_FIELD, field->name, _("is required"));
              return NULL;
            }
          if (!(field->flags & KF_FIELD_NULLABLE))
            kf_record_set_text (record, field, "");
          continue;
        }
      if (!read_json_member (record, field, node, error))
        return NULL;
    }

  return g_steal_pointer (&record);
}

/* kf-error.h — the KF_ERROR domain, whose codes are the protocol's rejection codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KF_ERROR (kf_error_quark ())

/**
 * KfError:
 *
 * Every code except the last few has the name of a rejection code of the hub
 * protocol (see kf_error_code_to_string()); an error of this domain may also
 * carry the name of the field it is about (kf_error_get_field()).
 */
typedef enum
{
  KF_ERROR_INVALID_FIELD,
  KF_ERROR_MISSING_FIELD,
  KF_ERROR_UNKNOWN_FIELD,
  KF_ERROR_NOT_FOUND,
  KF_ERROR_FORBIDDEN,
  KF_ERROR_FORBIDDEN_FIELD,
  KF_ERROR_INVALID_TRANSITION,
  KF_ERROR_OVER_CAPACITY,
  KF_ERROR_OP_ID_REUSED,
  KF_ERROR_CONFLICT,
  KF_ERROR_DATABASE,
  KF_ERROR_NOT_INITIALIZED,
  KF_ERROR_FAILED,
} KfError;

GQuark       kf_error_quark           (void);
const char  *kf_error_code_to_string  (KfError        code);
gboolean     kf_error_code_from_string (const char    *str,
                                        KfError       *code);
const char  *kf_error_get_field       (const GError  *error);
void         kf_set_field_error       (GError       **error,
                                       KfError        code,
                                       const char    *field,
                                       const char    *format,
                                       ...) G_GNUC_PRINTF (4, 5);
char        *kf_error_describe        (const GError  *error);

G_END_DECLS

/* kf-hub-error.h — the errors of a request as a whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KF_HUB_ERROR (kf_hub_error_quark ())

/**
 * KfHubError:
 *
 * A request that fails as a whole: each code has the name and the HTTP
 * status of the protocol's table of errors (kf_hub_error_code_name(),
 * kf_hub_error_status()).
 */
typedef enum
{
  KF_HUB_ERROR_MALFORMED_JSON,
  KF_HUB_ERROR_INVALID_REQUEST,
  KF_HUB_ERROR_TOO_MANY_OPS,
  KF_HUB_ERROR_UNAUTHORIZED,
  KF_HUB_ERROR_FORBIDDEN,
  KF_HUB_ERROR_NOT_FOUND,
  KF_HUB_ERROR_METHOD_NOT_ALLOWED,
  KF_HUB_ERROR_TOO_LARGE,
  KF_HUB_ERROR_UNSUPPORTED_MEDIA_TYPE,
  KF_HUB_ERROR_UNAVAILABLE,
  KF_HUB_ERROR_INTERNAL,
} KfHubError;

GQuark       kf_hub_error_quark      (void);
const char  *kf_hub_error_code_name  (KfHubError    code);
guint        kf_hub_error_status     (KfHubError    code);
KfHubError   kf_hub_error_classify   (const GError *error);
char        *kf_hub_error_to_json    (const GError *error,
                                      gsize        *length);

G_END_DECLS

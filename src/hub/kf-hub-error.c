/* kf-hub-error.c — the errors of a request as a whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-hub"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kf-hub-error.h"
#include "kf-record.h"

G_DEFINE_QUARK (kf-hub-error-quark, kf_hub_error)

static const struct
{
  const char *name;
  guint       status;
} codes[] = {
  [KF_HUB_ERROR_MALFORMED_JSON] = { "malformed_json", 400 },
  [KF_HUB_ERROR_INVALID_REQUEST] = { "invalid_request", 400 },
  [KF_HUB_ERROR_TOO_MANY_OPS] = { "too_many_ops", 400 },
  [KF_HUB_ERROR_UNAUTHORIZED] = { "unauthorized", 401 },
  [KF_HUB_ERROR_FORBIDDEN] = { "forbidden", 403 },
  [KF_HUB_ERROR_NOT_FOUND] = { "not_found", 404 },
  [KF_HUB_ERROR_METHOD_NOT_ALLOWED] = { "method_not_allowed", 405 },
  [KF_HUB_ERROR_TOO_LARGE] = { "too_large", 413 },
  [KF_HUB_ERROR_UNSUPPORTED_MEDIA_TYPE] = { "unsupported_media_type", 415 },
  [KF_HUB_ERROR_UNAVAILABLE] = { "unavailable", 503 },
  [KF_HUB_ERROR_INTERNAL] = { "internal", 500 },
};

const char *
kf_hub_error_code_name (KfHubError code)
{
  if ((guint) code >= G_N_ELEMENTS (codes))
    code = KF_HUB_ERROR_INTERNAL;
  return codes[code].name;
}

guint
kf_hub_error_status (KfHubError code)
{
  if ((guint) code >= G_N_ELEMENTS (codes))
    code = KF_HUB_ERROR_INTERNAL;
  return codes[code].status;
}

/* Any error that is not one of ours (the database, a bug) is internal. */
KfHubError
kf_hub_error_classify (const GError *error)
{
  if (error != NULL && error->domain == KF_HUB_ERROR &&
      (guint) error->code < G_N_ELEMENTS (codes))
    return error->code;
  return KF_HUB_ERROR_INTERNAL;
}

/**
 * kf_hub_error_to_json:
 * @error: why the request failed
 * @length: (out) (optional): the length of the result
 *
 * An internal error's own text (a database message) stays in the log: the
 * client only learns that the hub failed.
 *
 * Returns: (transfer full): `{"error": {"code": …, "message": …}}`
 */
char *
kf_hub_error_to_json (const GError *error,
                      gsize        *length)
{
  KfHubError code = kf_hub_error_classify (error);
  const char *message;
  GString *out = g_string_new ("{\"error\": {\"code\": ");

  if (code == KF_HUB_ERROR_INTERNAL)
    message = _("the hub met an internal error; nothing of the request was kept");
  else
    message = error->message;

  kf_json_append_string (out, kf_hub_error_code_name (code));
  g_string_append (out, ", \"message\": ");
  kf_json_append_string (out, message);
  g_string_append (out, "}}\n");
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

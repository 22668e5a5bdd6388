/* kf-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-error"

#include "config.h"

#include "kf-error.h"

typedef struct
{
  char *field;
} KfErrorPrivate;

static void
kf_error_private_init (KfErrorPrivate *priv)
{
  priv->field = NULL;
}

static void
kf_error_private_copy (const KfErrorPrivate *src,
                       KfErrorPrivate       *dest)
{
  dest->field = g_strdup (src->field);
}

static void
kf_error_private_clear (KfErrorPrivate *priv)
{
  g_clear_pointer (&priv->field, g_free);
}

G_DEFINE_EXTENDED_ERROR (KfError, kf_error)

static const char * const code_names[] = {
  [KF_ERROR_INVALID_FIELD] = "invalid_field",
  [KF_ERROR_MISSING_FIELD] = "missing_field",
  [KF_ERROR_UNKNOWN_FIELD] = "unknown_field",
  [KF_ERROR_NOT_FOUND] = "not_found",
  [KF_ERROR_FORBIDDEN] = "forbidden",
  [KF_ERROR_FORBIDDEN_FIELD] = "forbidden_field",
  [KF_ERROR_INVALID_TRANSITION] = "invalid_transition",
  [KF_ERROR_OVER_CAPACITY] = "over_capacity",
  [KF_ERROR_OP_ID_REUSED] = "op_id_reused",
  [KF_ERROR_CONFLICT] = "conflict",
  [KF_ERROR_DATABASE] = "database",
  [KF_ERROR_NOT_INITIALIZED] = "not_initialized",
  [KF_ERROR_FAILED] = "internal",
};

const char *
kf_error_code_to_string (KfError code)
{
  if ((guint) code >= G_N_ELEMENTS (code_names))
    return "internal";
  return code_names[code];
}

gboolean
kf_error_code_from_string (const char *str,
                           KfError    *code)
{
  g_return_val_if_fail (code != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (code_names); i++)
    {
      if (g_strcmp0 (code_names[i], str) == 0)
        {
          *code = i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * kf_error_get_field:
 * @error: an error
 *
 * Returns: (nullable): the record field @error is about, if it is of the
 *   %KF_ERROR domain and names one
 */
const char *
kf_error_get_field (const GError *error)
{
  KfErrorPrivate *priv;

  if (error == NULL || error->domain != KF_ERROR)
    return NULL;
  priv = kf_error_get_private (error);
  return priv != NULL ? priv->field : NULL;
}

/**
 * kf_set_field_error:
 * @error: return location
 * @code: the protocol code
 * @field: (nullable): the field the error is about
 * @format: the reason, a translated phrase
 *
 * Sets an error whose message is the reason alone ("must be between 1 and
 * 100000"); the field is kept beside it, so that each front end can name it
 * in its own way (an option, a form row, a JSON member).
 */
void
kf_set_field_error (GError    **error,
                    KfError     code,
                    const char *field,
                    const char *format,
                    ...)
{
  va_list args;
  GError *new_error;

  if (error == NULL)
    return;

  va_start (args, format);
  new_error = g_error_new_valist (KF_ERROR, code, format, args);
  va_end (args);

  if (field != NULL)
    kf_error_get_private (new_error)->field = g_strdup (field);

  g_propagate_error (error, new_error);
}

/**
 * kf_error_describe:
 * @error: an error
 *
 * Returns: (transfer full): "field: reason", or the message alone
 */
char *
kf_error_describe (const GError *error)
{
  const char *field = kf_error_get_field (error);

  g_return_val_if_fail (error != NULL, NULL);

  if (field != NULL)
    return g_strdup_printf ("%s: %s", field, error->message);
  return g_strdup (error->message);
}

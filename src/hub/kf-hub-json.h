/* kf-hub-json.h — reading request bodies strictly and safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* No request of the protocol nests deeper than a few levels. */
#define KF_HUB_JSON_MAX_DEPTH 64

gboolean  kf_hub_json_check  (const char  *data,
                              gsize        length,
                              guint        max_depth,
                              GError     **error);
JsonNode *kf_hub_json_parse  (const char  *data,
                              gsize        length,
                              GError     **error);

G_END_DECLS

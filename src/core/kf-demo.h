/* kf-demo.h — the demo data set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kf-store.h"

G_BEGIN_DECLS

gboolean kf_demo_load (KfStore  *store,
                       GError  **error);

G_END_DECLS

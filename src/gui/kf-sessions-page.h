/* kf-sessions-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-store.h"

G_BEGIN_DECLS

#define KF_TYPE_SESSIONS_PAGE (kf_sessions_page_get_type ())

G_DECLARE_FINAL_TYPE (KfSessionsPage, kf_sessions_page, KF, SESSIONS_PAGE, AdwBin)

KfSessionsPage *kf_sessions_page_new (KfStore *store);

G_END_DECLS

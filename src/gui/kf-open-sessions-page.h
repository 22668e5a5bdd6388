/* kf-open-sessions-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-store.h"

G_BEGIN_DECLS

#define KF_TYPE_OPEN_SESSIONS_PAGE (kf_open_sessions_page_get_type ())

G_DECLARE_FINAL_TYPE (KfOpenSessionsPage, kf_open_sessions_page, KF, OPEN_SESSIONS_PAGE, AdwBin)

KfOpenSessionsPage *kf_open_sessions_page_new          (KfStore            *store);
void                kf_open_sessions_page_reset_filters (KfOpenSessionsPage *self);

G_END_DECLS

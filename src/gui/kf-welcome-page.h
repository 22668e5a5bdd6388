/* kf-welcome-page.h — the first run: choose the role
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-store.h"

G_BEGIN_DECLS

#define KF_TYPE_WELCOME_PAGE (kf_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (KfWelcomePage, kf_welcome_page, KF, WELCOME_PAGE, AdwBin)

void kf_welcome_page_set_store (KfWelcomePage *self,
                                KfStore       *store);

G_END_DECLS

/* kf-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kf-store.h"
#include "kf-sync-engine.h"

G_BEGIN_DECLS

#define KF_TYPE_APPLICATION (kf_application_get_type ())

G_DECLARE_FINAL_TYPE (KfApplication, kf_application, KF, APPLICATION, AdwApplication)

KfApplication *kf_application_new             (void);
void           kf_application_set_db_path     (KfApplication *self,
                                               const char    *path);
const char    *kf_application_get_db_path     (KfApplication *self);
KfStore       *kf_application_get_store       (KfApplication *self);
KfSyncEngine  *kf_application_get_sync_engine (KfApplication *self);
GSettings     *kf_application_get_settings    (KfApplication *self);

G_END_DECLS

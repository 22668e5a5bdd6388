/* sync-test-util.h — installations with their own databases, syncing with
 * a real hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kf-hub-harness.h"
#include "kf-sync.h"

G_BEGIN_DECLS

typedef struct
{
  char    *dir;
  char    *path;
  KfStore *store;
} Install;

Install   *install_new          (KfHub              *hub,
                                 KfRole              role,
                                 KfTok               token,
                                 const char         *name);
void       install_free         (Install            *install);
void       install_point_at     (Install            *install,
                                 const char         *url);
void       install_sync         (Install            *install,
                                 KfSyncCounts       *counts);
gboolean   install_try_sync     (Install            *install,
                                 const KfSyncPolicy *policy,
                                 KfSyncCounts       *counts,
                                 GError            **error);
KfRecord  *install_add_session  (Install            *install,
                                 const char         *date,
                                 gint64              capacity,
                                 const char         *topic,
                                 const char         *format);
KfRecord  *install_add_booking  (Install            *install,
                                 const KfRecord     *session,
                                 const char         *org_name,
                                 gint64              youth,
                                 gint64              adults,
                                 const char         *status);
KfRecord  *install_get          (Install            *install,
                                 KfEntity            entity,
                                 const char         *id);
void       install_set_status   (Install            *install,
                                 KfRecord           *booking,
                                 const char         *status);
gint64     install_outbox_count (Install            *install);
char      *install_base_id      (Install            *install);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Install, install_free)

G_END_DECLS

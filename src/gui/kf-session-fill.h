/* kf-session-fill.h — how full a session is at the door
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kf-store.h"

G_BEGIN_DECLS

/**
 * KfSessionFill:
 * @capacity: the session's capacity, people
 * @confirmed: people of its confirmed and attended bookings
 * @arrived: people of all its visits (groups and individuals)
 * @expected: people of its bookings still confirmed, who have not arrived yet
 *
 * How full a session is at the door.
 */
typedef struct
{
  gint64 capacity;
  gint64 confirmed;
  gint64 arrived;
  gint64 expected;
} KfSessionFill;

gboolean  kf_session_fill_load     (KfStore             *store,
                                    const KfSession     *session,
                                    KfSessionFill       *fill,
                                    GError             **error);
gint64    kf_session_fill_over     (const KfSessionFill *fill,
                                    gint64               more_people);
char     *kf_session_fill_describe (const KfSessionFill *fill);
char     *kf_session_label         (const KfSession     *session);

G_END_DECLS

/* kf-rules.h — who may write what, booking transitions and capacity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kf-record.h"

G_BEGIN_DECLS

typedef enum
{
  KF_ROLE_BASE,
  KF_ROLE_SCHOOL,
  KF_ROLE_REVIEWER,
} KfRole;

/**
 * KfIdentity:
 * @role: what the writer is
 * @base_id: the writer's base (role base), else %NULL
 * @org_name: the writer's organisation (role school), else %NULL
 *
 * The one who writes: an installation (from its own database) or a hub
 * client (from its token). Both are checked by the same rules.
 */
typedef struct
{
  KfRole  role;
  char   *base_id;
  char   *org_name;
} KfIdentity;

KfIdentity *kf_identity_new               (KfRole              role,
                                           const char         *base_id,
                                           const char         *org_name);
KfIdentity *kf_identity_copy              (const KfIdentity   *identity);
void        kf_identity_free              (KfIdentity         *identity);
const char *kf_role_to_string             (KfRole              role);
gboolean    kf_role_from_string           (const char         *str,
                                           KfRole             *role);

gboolean    kf_booking_transition_allowed (const char         *from,
                                           const char         *to);
gboolean    kf_booking_holds_seats        (const KfBooking    *booking);
gint64      kf_booking_people             (const KfBooking    *booking);

gboolean    kf_rules_check_write          (const KfIdentity   *actor,
                                           const KfRecord     *old_record,
                                           const KfRecord     *new_record,
                                           const KfSession    *session,
                                           GDateTime          *now,
                                           GError            **error);
gboolean    kf_rules_check_capacity       (const KfSession    *session,
                                           gint64              others_confirmed,
                                           const KfBooking    *old_booking,
                                           const KfBooking    *new_booking,
                                           GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfIdentity, kf_identity_free)

G_END_DECLS

/* kf-fault-proxy.h — a misbehaving server between a client and its hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  KF_FAULT_NONE,              /* forward faithfully */
  KF_FAULT_500,               /* answer 500 without forwarding */
  KF_FAULT_429,               /* answer 429 with Retry-After, without forwarding */
  KF_FAULT_NOT_JSON,          /* forward, then answer a body that is not JSON */
  KF_FAULT_TRUNCATED,         /* forward, then answer half of the hub's body */
  KF_FAULT_MISSING_RESULT,    /* forward, then leave the last push result out */
  KF_FAULT_SLOW,              /* forward, then answer after the client gave up */
  KF_FAULT_DROP_AFTER_COMMIT, /* forward, then close the connection unanswered */
  KF_FAULT_404,               /* answer 404 without forwarding (a hub without an extension) */
  KF_FAULT_BAD_RECORD,        /* forward, then break a field of the last change of a page */
} KfFault;

typedef struct _KfFaultProxy KfFaultProxy;

KfFaultProxy *kf_fault_proxy_new          (const char    *hub_url);
const char   *kf_fault_proxy_get_url      (KfFaultProxy  *proxy);
void          kf_fault_proxy_set_fault    (KfFaultProxy  *proxy,
                                           KfFault        fault,
                                           const char    *path_prefix,
                                           guint          times);
void          kf_fault_proxy_set_fault_after (KfFaultProxy *proxy,
                                              KfFault       fault,
                                              const char   *path_prefix,
                                              guint         skip,
                                              guint         times);
guint         kf_fault_proxy_get_faulted  (KfFaultProxy  *proxy);
guint         kf_fault_proxy_get_requests (KfFaultProxy  *proxy);
gint64        kf_fault_proxy_get_request_time (KfFaultProxy *proxy,
                                               guint         index);
void          kf_fault_proxy_free         (KfFaultProxy  *proxy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfFaultProxy, kf_fault_proxy_free)

G_END_DECLS

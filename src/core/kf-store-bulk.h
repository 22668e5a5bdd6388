/* kf-store-bulk.h — writing many records pulled from the hub, with statements
 * prepared once for all of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kf-store.h"

G_BEGIN_DECLS

typedef struct _KfStoreBulk KfStoreBulk;

KfStoreBulk *kf_store_bulk_new         (KfStore         *store,
                                        GError         **error);
void         kf_store_bulk_free        (KfStoreBulk     *bulk);
gboolean     kf_store_bulk_put_pulled  (KfStoreBulk     *bulk,
                                        const KfRecord  *record,
                                        gboolean        *written,
                                        GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfStoreBulk, kf_store_bulk_free)

G_END_DECLS

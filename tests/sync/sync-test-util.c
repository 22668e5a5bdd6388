/* sync-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-sync-tests"

#include "config.h"

#include <glib/gstdio.h>

#include "kf-store-private.h"
#include "sync-test-util.h"

static const KfSyncPolicy quick = { 1, 10, 100 };

/**
 * install_new:
 * @name: the base's local name (base), or the organisation (school)
 *
 * A new installation set up for @role, with the hub and @token remembered.
 */
Install *
install_new (KfHub      *hub,
             KfRole      role,
             KfTok       token,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(KfRecord) base = NULL;
  Install *install = g_new0 (Install, 1);

  install->dir = g_dir_make_tmp ("kf-sync-test-XXXXXX", &error);
  g_assert_no_error (error);
  install->path = g_build_filename (install->dir, "kaifang.db", NULL);
  install->store = kf_store_open (install->path, &error);
  g_assert_no_error (error);

  if (role == KF_ROLE_BASE)
    {
      base = kf_record_new (KF_ENTITY_BASE);
      base->id = kf_new_id ();
      KF_BASE (base)->name = g_strdup (name);
      KF_BASE (base)->address = g_strdup ("");
      KF_BASE (base)->contact_name = g_strdup ("");
      KF_BASE (base)->contact_phone = g_strdup ("");
    }
  identity = kf_identity_new (role, base != NULL ? base->id : NULL,
                              role == KF_ROLE_SCHOOL ? name : NULL);
  kf_store_initialize (install->store, identity, KF_BASE (base), &error);
  g_assert_no_error (error);

  kf_sync_set_hub (install->store, hub->url, hub->token[token], NULL, &error);
  g_assert_no_error (error);
  return install;
}

void
install_free (Install *install)
{
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;

  if (install == NULL)
    return;
  g_clear_object (&install->store);
  wal = g_strconcat (install->path, "-wal", NULL);
  shm = g_strconcat (install->path, "-shm", NULL);
  g_remove (install->path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (install->dir);
  g_free (install->path);
  g_free (install->dir);
  g_free (install);
}

void
install_point_at (Install    *install,
                  const char *url)
{
  g_autoptr(GError) error = NULL;

  kf_sync_set_hub (install->store, url, NULL, NULL, &error);
  g_assert_no_error (error);
}

gboolean
install_try_sync (Install            *install,
                  const KfSyncPolicy *policy,
                  KfSyncCounts       *counts,
                  GError            **error)
{
  KfSyncCounts ignored;

  return kf_sync_run (install->store, policy != NULL ? policy : &quick,
                      counts != NULL ? counts : &ignored, NULL, error);
}

void
install_sync (Install      *install,
              KfSyncCounts *counts)
{
  g_autoptr(GError) error = NULL;

  install_try_sync (install, NULL, counts, &error);
  g_assert_no_error (error);
}

char *
install_base_id (Install *install)
{
  return kf_store_get_meta (install->store, "base_id");
}

KfRecord *
install_add_session (Install    *install,
                     const char *date,
                     gint64      capacity,
                     const char *topic,
                     const char *format)
{
  g_autoptr(GError) error = NULL;
  KfRecord *record = kf_record_new (KF_ENTITY_SESSION);
  KfSession *session = KF_SESSION (record);

  session->base_id = install_base_id (install);
  session->date = g_strdup (date);
  session->start = g_strdup ("09:00");
  session->end = g_strdup ("11:00");
  session->capacity = capacity;
  session->title = g_strdup ("走进气象台");
  session->topic = g_strdup (topic);
  session->format = g_strdup (format);
  session->status = g_strdup ("scheduled");
  session->note = g_strdup ("");

  kf_store_put (install->store, record, &error);
  g_assert_no_error (error);
  return record;
}

KfRecord *
install_add_booking (Install        *install,
                     const KfRecord *session,
                     const char     *org_name,
                     gint64          youth,
                     gint64          adults,
                     const char     *status)
{
  g_autoptr(GError) error = NULL;
  KfRecord *record = kf_record_new (KF_ENTITY_BOOKING);
  KfBooking *booking = KF_BOOKING (record);

  booking->base_id = g_strdup (KF_SESSION (session)->base_id);
  booking->session_id = g_strdup (session->id);
  booking->org_name = g_strdup (org_name);
  booking->org_type = g_strdup ("school");
  booking->grade = g_strdup ("五年级");
  booking->contact_name = g_strdup ("王老师");
  booking->contact_phone = g_strdup ("13800000000");
  booking->youth_count = youth;
  booking->adult_count = adults;
  booking->status = g_strdup (status);
  booking->note = g_strdup ("");

  kf_store_put (install->store, record, &error);
  g_assert_no_error (error);
  return record;
}

KfRecord *
install_get (Install    *install,
             KfEntity    entity,
             const char *id)
{
  g_autoptr(GError) error = NULL;
  KfRecord *record = kf_store_get (install->store, entity, id, &error);

  g_assert_no_error (error);
  return record;
}

void
install_set_status (Install    *install,
                    KfRecord   *booking,
                    const char *status)
{
  g_autoptr(GError) error = NULL;

  g_free (KF_BOOKING (booking)->status);
  KF_BOOKING (booking)->status = g_strdup (status);
  kf_store_put (install->store, booking, &error);
  g_assert_no_error (error);
}

gint64
install_outbox_count (Install *install)
{
  sqlite3_stmt *stmt = kf_store_prepare (install->store, "SELECT count(*) FROM outbox", NULL);
  gint64 count;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

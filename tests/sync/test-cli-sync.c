/* test-cli-sync.c — kaifang-cli sync, status, conflicts and resolve, run as
 * a person would, against a real hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-sync-tests"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "sync-test-util.h"

static int
cli (Install     *install,
     char       **out,
     char       **err,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KF_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, install->path);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (proc);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The hub and token given once are remembered; status shows them. */
static void
test_sync_and_status (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Install) base = install_new (hub, KF_ROLE_BASE, KF_TOK_BASE_A, "县气象局");
  g_autoptr(KfRecord) session = NULL;
  g_autoptr(JsonObject) status = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* install_new remembered the hub; forget it to give it on the command line. */
  kf_store_set_meta (base->store, "hub_url", NULL, NULL);
  kf_store_set_meta (base->store, "hub_token", NULL, NULL);
  session = install_add_session (base, "2025-05-24", 40, "meteorology", "exhibition");

  g_assert_cmpint (cli (base, &out, &err, "sync", NULL), ==, 1);
  g_assert_cmpstr (err, ==, "kaifang-cli: hub: no hub is set up yet: give its address and a "
                   "token\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli (base, &out, &err, "sync", "--hub", hub->url,
                        "--token", hub->token[KF_TOK_BASE_A], NULL), ==, 0);
  g_assert_cmpstr (out, ==, "pushed 1, pulled 3, conflicts 0, rejected 0\n");
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli (base, &out, &err, "status", "--json", NULL), ==, 0);
  status = parse_object (out);
  g_assert_cmpstr (json_object_get_string_member (status, "role"), ==, "base");
  g_assert_cmpstr (json_object_get_string_member (status, "base_id"), ==, KF_BASE_A_ID);
  g_assert_cmpstr (json_object_get_string_member (status, "hub"), ==, hub->url);
  g_assert_cmpint (json_object_get_int_member (status, "queued"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (status, "conflicts"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (status, "rejected"), ==, 0);
  g_assert_nonnull (json_object_get_string_member (status, "last_sync"));
  g_assert_cmpuint (json_object_get_size (status), ==, 8);
}

/* An unreachable hub: exit 3, and what was queued stays queued. */
static void
test_unreachable (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Install) base = install_new (hub, KF_ROLE_BASE, KF_TOK_BASE_A, "县气象局");
  g_autoptr(KfRecord) session = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  install_sync (base, NULL);
  session = install_add_session (base, "2025-05-24", 40, "meteorology", "exhibition");
  g_assert_cmpint (kf_hub_stop_signal (hub, SIGTERM), ==, 0);

  g_assert_cmpint (cli (base, &out, &err, "sync", "--timeout", "2", NULL), ==, 3);
  g_assert_true (g_str_has_prefix (err, "kaifang-cli: hub: the hub could not be reached"));
  g_assert_nonnull (strchr (err, '\n'));
  g_assert_cmpint (strchr (err, '\n') - err + 1, ==, strlen (err));
  g_assert_cmpint (kf_store_count_queued_ops (base->store, NULL), ==, 1);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (base, &out, &err, "sync", "--hub", "ftp://nowhere", NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "kaifang-cli: --hub: "));
}

/* Several changes of status before one sync: a booking made confirmed and
 * the group arrived, a session made and cancelled. The hub accepts every
 * step; nothing is rejected, and the hub ends with the last state. */
static void
test_status_steps_offline (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Install) base = install_new (hub, KF_ROLE_BASE, KF_TOK_BASE_A, "县气象局");
  g_autoptr(KfRecord) session = NULL;
  g_autoptr(KfRecord) booking = NULL;
  g_autofree char *booking_id = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint pushed = 0, pulled = 0, conflicts = 1, rejected = 1;

  session = install_add_session (base, "2025-05-24", 40, "meteorology", "exhibition");
  g_assert_cmpint (cli (base, &booking_id, &err, "booking", "add", "--session", session->id,
                        "--org", "实验小学", "--org-type", "school", "--contact-name", "王老师",
                        "--contact-phone", "13800000000", "--youth", "20", "--adults", "2",
                        "--confirm", NULL), ==, 0);
  g_strchomp (booking_id);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (base, &out, &err, "visit", "add", "--booking", booking_id,
                        "--youth", "18", "--adults", "2", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (base, &out, &err, "session", "cancel", session->id, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli (base, &out, &err, "sync", NULL), ==, 0);
  g_assert_cmpint (sscanf (out, "pushed %u, pulled %u, conflicts %u, rejected %u",
                           &pushed, &pulled, &conflicts, &rejected), ==, 4);
  g_assert_cmpuint (pushed, ==, 5);
  g_assert_cmpuint (conflicts, ==, 0);
  g_assert_cmpuint (rejected, ==, 0);
  g_assert_cmpint (install_outbox_count (base), ==, 0);

  /* What the base now holds is what the hub sent back: the last state. */
  booking = kf_store_get (base->store, KF_ENTITY_BOOKING, booking_id, NULL);
  g_assert_nonnull (booking);
  g_assert_cmpstr (KF_BOOKING (booking)->status, ==, "attended");
  g_assert_cmpint (booking->version, ==, 2);
  g_clear_pointer (&session, kf_record_free);
  session = kf_store_get (base->store, KF_ENTITY_SESSION, KF_BOOKING (booking)->session_id,
                          NULL);
  g_assert_nonnull (session);
  g_assert_cmpstr (KF_SESSION (session)->status, ==, "cancelled");
  g_assert_cmpint (session->version, ==, 2);
}

/* conflicts and resolve from the command line. */
static void
test_conflicts_and_resolve (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(Install) door1 = install_new (hub, KF_ROLE_BASE, KF_TOK_BASE_A, "县气象局");
  g_autoptr(Install) door2 = install_new (hub, KF_ROLE_BASE, KF_TOK_BASE_A2, "县气象局");
  g_autoptr(KfRecord) session = NULL;
  g_autoptr(KfRecord) copy1 = NULL;
  g_autoptr(KfRecord) copy2 = NULL;
  g_autoptr(JsonObject) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonArray *conflicts;

  install_sync (door1, NULL);
  session = install_add_session (door1, "2025-05-25", 40, "health", "lecture");
  install_sync (door1, NULL);
  install_sync (door2, NULL);

  copy1 = install_get (door1, KF_ENTITY_SESSION, session->id);
  KF_SESSION (copy1)->capacity = 45;
  kf_store_put (door1->store, copy1, &error);
  g_assert_no_error (error);
  copy2 = install_get (door2, KF_ENTITY_SESSION, session->id);
  KF_SESSION (copy2)->capacity = 50;
  kf_store_put (door2->store, copy2, &error);
  g_assert_no_error (error);
  install_sync (door1, NULL);

  g_assert_cmpint (cli (door2, &out, &err, "sync", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "pushed 0, pulled 0, conflicts 1, rejected 0\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli (door2, &out, &err, "conflicts", "--json", NULL), ==, 0);
  listed = parse_object (out);
  conflicts = json_object_get_array_member (listed, "conflicts");
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (json_array_get_object_element (conflicts, 0),
                                                    "theirs"), "capacity"), ==, 45);
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (json_array_get_object_element (conflicts, 0),
                                                    "mine"), "capacity"), ==, 50);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli (door2, &out, &err, "resolve", session->id, "--keep", "both", NULL), ==, 1);
  g_assert_cmpstr (err, ==, "kaifang-cli: --keep: must be mine or theirs\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli (door2, &out, &err, "resolve", session->id, "--keep", "mine", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (door2, &out, &err, "sync", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "pushed 1, pulled 1, conflicts 0, rejected 0\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (cli (door2, &out, &err, "resolve", session->id, "--keep", "theirs", NULL), ==,
                   1);
  {
    g_autofree char *expected = g_strdup_printf ("kaifang-cli: %s: there is no conflict for "
                                                 "this id\n", session->id);
    g_assert_cmpstr (err, ==, expected);
  }

  install_sync (door1, NULL);
  g_clear_pointer (&copy1, kf_record_free);
  copy1 = install_get (door1, KF_ENTITY_SESSION, session->id);
  g_assert_cmpint (KF_SESSION (copy1)->capacity, ==, 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/sync/status", test_sync_and_status);
  g_test_add_func ("/cli/sync/unreachable", test_unreachable);
  g_test_add_func ("/cli/sync/conflicts", test_conflicts_and_resolve);
  g_test_add_func ("/cli/sync/status-steps-offline", test_status_steps_offline);

  return g_test_run ();
}

/* test-hub-serve.c — `kaifang-hub serve` starting and stopping, and the
 * errors of the kaifang-hub command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-hub-serve"

#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <glib/gstdio.h>

#include "kf-hub-harness.h"

static const char *
token (KfHub *hub,
       KfTok  tok)
{
  return hub->token[tok];
}

/* The database as the hub left it is whole. */
static void
assert_intact (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* `listening on http://127.0.0.1:PORT`, first, with a real port. */
static void
test_listening_line (void)
{
  g_autoptr(KfHub) one = kf_hub_new ();
  g_autoptr(KfHub) two = kf_hub_new ();
  g_autoptr(KfReply) reply = NULL;
  g_autofree char *expected = NULL;

  /* kf_hub_start checked the line's form; the port is the one that answers */
  expected = g_strdup_printf ("listening on http://127.0.0.1:%u", one->port);
  g_assert_cmpstr (one->listen_line, ==, expected);
  g_assert_cmpuint (one->port, !=, two->port);
  reply = kf_hub_get (one, NULL, "/v1/health");
  kf_assert_reply (reply, 200);
  g_clear_pointer (&reply, kf_reply_free);
  reply = kf_hub_get (two, NULL, "/v1/health");
  kf_assert_reply (reply, 200);
}

static void
stop_and_check (KfHub *hub,
                int    signum)
{
  int status = kf_hub_stop_signal (hub, signum);

  if (status != 0)
    kf_fail ("kaifang-hub exited with %d after signal %d, not 0", status, signum);
  assert_intact (hub->db);
}

/* "closes the database": its WAL checkpointed and removed, as SQLite does
 * when the last connection closes. */
static void
test_db_closed (gconstpointer data)
{
  int signum = GPOINTER_TO_INT (data);
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(KfRec) session = kf_session_new (KF_BASE_A_ID, "2099-05-24", "09:00", "10:00", 20,
                                             "ai", "lecture");
  g_autofree char *wal = g_strconcat (hub->db, "-wal", NULL);
  GStatBuf st;
  int status;

  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), session);
  status = kf_hub_stop_signal (hub, signum);
  g_assert_cmpint (status, ==, 0);
  /* before anything else opens the database, which would fold the WAL in */
  if (g_stat (wal, &st) == 0 && st.st_size > 0)
    kf_fail ("%s is %lld bytes after the hub stopped: the database was not closed",
             wal, (long long) st.st_size);
  assert_intact (hub->db);
}

/* SIGTERM and SIGINT: exit 0, the database closed, and all there on restart. */
static void
test_signal_restart (gconstpointer data)
{
  int signum = GPOINTER_TO_INT (data);
  g_autoptr(KfHub) hub = kf_hub_new ();
  g_autoptr(KfRec) session = kf_session_new (KF_BASE_A_ID, "2099-05-24", "09:00", "10:00", 20,
                                             "ai", "lecture");
  g_autoptr(KfRec) booking = kf_booking_new (session, KF_ORG_X, 5, 1, "requested");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) ops = kf_ops_new ();
  g_autoptr(KfReply) first = NULL;
  g_autoptr(KfReply) again = NULL;
  g_autofree char *first_body = NULL;
  JsonObject *result;
  gint64 next_before, next_after;

  g_ptr_array_add (ops, kf_rec_op (session));
  first_body = kf_ops_body (ops);
  first = kf_hub_post_json (hub, token (hub, KF_TOK_BASE_A), "/v1/push", first_body);
  kf_assert_applied (json_array_get_object_element (kf_push_results (first, 1), 0), 1);
  session->version = 1;
  kf_hub_put (hub, token (hub, KF_TOK_SCHOOL_X), booking);
  kf_rec_set (booking, "status", "confirmed");
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), booking);
  before = kf_hub_changes_all (hub, token (hub, KF_TOK_REVIEWER), 0, 1000, &next_before);

  stop_and_check (hub, signum);
  kf_hub_start (hub);

  after = kf_hub_changes_all (hub, token (hub, KF_TOK_REVIEWER), 0, 1000, &next_after);
  g_assert_cmpint (next_after, ==, next_before);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      KfChange *a = before->pdata[i], *b = after->pdata[i];
      g_autofree char *a_text = kf_json_string (a->data);
      g_autofree char *b_text = kf_json_string (b->data);

      g_assert_cmpint (a->seq, ==, b->seq);
      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpint (a->version, ==, b->version);
      g_assert_cmpstr (a_text, ==, b_text);
    }

  /* the same tokens, and the same op ids remembered */
  kf_rec_set (booking, "status", "attended");
  kf_hub_put (hub, token (hub, KF_TOK_BASE_A), booking);
  g_assert_cmpint (booking->version, ==, 3);
  again = kf_hub_post_json (hub, token (hub, KF_TOK_BASE_A), "/v1/push", first_body);
  result = json_array_get_object_element (kf_push_results (again, 1), 0);
  kf_assert_applied (result, 1);
  g_assert_true (json_object_get_boolean_member (result, "replay"));
}

typedef struct
{
  KfHub     *hub;
  GPtrArray *answered;   /* records whose push was answered "applied" */
  guint      failures;   /* pushes without an answer */
  gint       stop;
  gint       pushes;     /* answered pushes, for the main thread */
} Loader;

static gpointer
loader_thread (gpointer data)
{
  Loader *loader = data;
  g_autoptr(SoupSession) session = kf_soup_session_new ();
  g_autofree char *url = g_strconcat (loader->hub->url, "/v1/push", NULL);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", loader->hub->token[KF_TOK_BASE_A]);

  while (!g_atomic_int_get (&loader->stop) && loader->failures < 3)
    {
      g_autoptr(GPtrArray) ops = kf_ops_new ();
      g_autoptr(GPtrArray) recs = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_rec_free);
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
      g_autoptr(GBytes) reply = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonNode) root = NULL;
      char *text;

      for (guint i = 0; i < 100; i++)
        {
          KfRec *visit = kf_visit_new (KF_BASE_A_ID, NULL, NULL, "walk_in_group",
                                       "2099-05-24T10:00:00+08:00", i % 30, 1);

          g_ptr_array_add (recs, visit);
          g_ptr_array_add (ops, kf_rec_op (visit));
        }
      text = kf_ops_body (ops);
      body = g_bytes_new_take (text, strlen (text));
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      soup_message_set_request_body_from_bytes (msg, "application/json", body);
      reply = soup_session_send_and_read (session, msg, NULL, NULL);
      if (reply == NULL || soup_message_get_status (msg) != 200)
        {
          loader->failures++;
          continue;
        }
      root = json_from_string (g_bytes_get_data (reply, NULL), NULL);
      g_assert_nonnull (root);
      for (guint i = 0; i < recs->len; i++)
        {
          JsonArray *results = kf_get_array (json_node_get_object (root), "results");

          kf_assert_applied (json_array_get_object_element (results, i), 1);
          g_ptr_array_add (loader->answered, g_steal_pointer (&recs->pdata[i]));
        }
      g_atomic_int_inc (&loader->pushes);
    }
  return NULL;
}

/* SIGTERM while pushes are under way: what was answered is kept, exit 0. */
static void
test_sigterm_under_load (void)
{
  g_autoptr(KfHub) hub = kf_hub_new ();
  Loader loaders[3];
  GThread *threads[G_N_ELEMENTS (loaders)];
  g_autoptr(GPtrArray) after = NULL;
  guint answered = 0;

  for (guint i = 0; i < G_N_ELEMENTS (loaders); i++)
    {
      loaders[i] = (Loader) { hub, g_ptr_array_new_with_free_func ((GDestroyNotify) kf_rec_free),
                              0, FALSE, 0 };
      threads[i] = g_thread_new ("loader", loader_thread, &loaders[i]);
    }
  /* a few pushes answered, more under way */
  for (gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
       g_get_monotonic_time () < end;)
    {
      guint pushes = 0;

      for (guint i = 0; i < G_N_ELEMENTS (loaders); i++)
        pushes += g_atomic_int_get (&loaders[i].pushes);
      if (pushes >= 6)
        break;
      g_usleep (20 * 1000);
    }
  stop_and_check (hub, SIGTERM);
  for (guint i = 0; i < G_N_ELEMENTS (loaders); i++)
    {
      g_atomic_int_set (&loaders[i].stop, TRUE);
      g_thread_join (threads[i]);
    }

  kf_hub_start (hub);
  after = kf_hub_changes_all (hub, token (hub, KF_TOK_REVIEWER), 0, 1000, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (loaders); i++)
    {
      for (guint j = 0; j < loaders[i].answered->len; j++)
        {
          KfRec *rec = loaders[i].answered->pdata[j];

          if (kf_changes_find (after, rec->id) == NULL)
            kf_fail ("visit %s was answered applied but is gone after SIGTERM", rec->id);
        }
      answered += loaders[i].answered->len;
      g_ptr_array_unref (loaders[i].answered);
    }
  g_test_message ("%u visits answered before SIGTERM", answered);
  g_assert_cmpuint (answered, >, 0);
}

/* The command line's errors: exit status and one line `kaifang-hub: …` */

static void
assert_one_error_line (const char *err)
{
  g_autoptr(GRegex) regex = g_regex_new ("^kaifang-hub: [^\\n]+\\n$", 0, 0, NULL);

  if (!g_regex_match (regex, err, 0, NULL))
    kf_fail ("stderr is not one line \"kaifang-hub: …\": \"%s\"", err);
}

static guint
token_count (const char *db)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  int status = kf_hub_cli (&out, &err, "token", "list", "--db", db, "--json", NULL);

  g_assert_cmpint (status, ==, 0);
  root = json_from_string (out, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    kf_fail ("token list --json is not a JSON array: %s", out);
  return json_array_get_length (json_node_get_array (root));
}

typedef struct
{
  const char *name;
  int         status;
  const char *argv[12];   /* "DB" stands for the database's path */
} CliError;

static const CliError cli_errors[] = {
  { "unknown-command", 2, { "frobnicate", NULL } },
  { "unknown-subcommand", 2, { "token", "mint", "--db", "DB", NULL } },
  { "unknown-option", 2, { "base", "add", "--db", "DB", "--name", "X", "--colour", "red",
                           NULL } },
  { "no-command", 2, { NULL } },
  { "token-unknown-base", 1, { "token", "add", "--db", "DB", "--role", "base", "--base",
                               "3f0e3c52-94c1-4b0a-9d3e-0b1f2a3c4d5e", "--name", "L", NULL } },
  { "token-base-not-uuid", 1, { "token", "add", "--db", "DB", "--role", "base", "--base",
                                "alpha", "--name", "L", NULL } },
  { "token-bad-role", 1, { "token", "add", "--db", "DB", "--role", "admin", "--name", "L",
                           NULL } },
  { "base-bad-id", 1, { "base", "add", "--db", "DB", "--name", "Delta", "--id", "delta", NULL } },
  { "base-duplicate-id", 1, { "base", "add", "--db", "DB", "--name", "Again",
                              "--id", KF_BASE_A_ID, NULL } },
  { "revoke-unknown", 1, { "token", "revoke", "--db", "DB", "no-such-client", NULL } },
};

static void
test_cli_error (gconstpointer data)
{
  const CliError *c = data;
  g_autoptr(KfHub) hub = kf_hub_new_stopped ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint tokens = token_count (hub->db);

  g_ptr_array_add (argv, (gpointer) kf_hub_program ());
  for (guint i = 0; c->argv[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) (g_str_equal (c->argv[i], "DB") ? hub->db : c->argv[i]));
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, c->status);
  assert_one_error_line (err);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpuint (token_count (hub->db), ==, tokens);
}

/* What the commands print: an id alone, a token alone, never a token again. */
static void
test_cli_output (void)
{
  g_autoptr(KfHub) hub = kf_hub_new_stopped ();
  g_autofree char *id = NULL;
  g_autofree char *chosen = NULL;
  g_autofree char *tok = NULL;
  g_autofree char *list = NULL;
  g_autofree char *err = NULL;
  g_autofree char *bases = NULL;
  g_autoptr(JsonNode) root = NULL;

  id = kf_hub_cli_ok ("base", "add", "--db", hub->db, "--name", "气象科普馆", NULL);
  g_assert_true (kf_is_uuid (id));
  chosen = kf_hub_cli_ok ("base", "add", "--db", hub->db, "--name", "Delta",
                          "--id", "d0000000-0000-4000-8000-00000000000d", NULL);
  g_assert_cmpstr (chosen, ==, "d0000000-0000-4000-8000-00000000000d");
  tok = kf_hub_add_token (hub, "base", id, "front desk");
  g_assert_cmpuint (strlen (tok), >=, 16);
  g_assert_null (strchr (tok, ' '));

  g_assert_cmpint (kf_hub_cli (&bases, &err, "base", "list", "--db", hub->db, "--json", NULL),
                   ==, 0);
  root = json_from_string (bases, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    kf_fail ("base list --json is not a JSON array: %s", bases);
  {
    JsonArray *array = json_node_get_array (root);
    gboolean found = FALSE;

    g_assert_cmpuint (json_array_get_length (array), ==, 4);
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *base = json_array_get_object_element (array, i);

        found |= g_strcmp0 (json_object_get_string_member_with_default (base, "id", NULL),
                            id) == 0 &&
                 g_strcmp0 (json_object_get_string_member_with_default (base, "name", NULL),
                            "气象科普馆") == 0 &&
                 json_object_get_int_member_with_default (base, "version", 0) >= 1;
      }
    if (!found)
      kf_fail ("base list --json does not show the new base with its name: %s", bases);
  }

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (kf_hub_cli (&list, &err, "token", "list", "--db", hub->db, "--json", NULL),
                   ==, 0);
  g_assert_null (strstr (list, tok));
  for (guint i = 0; i < KF_N_TOKENS; i++)
    g_assert_null (strstr (list, hub->token[i]));
  g_assert_nonnull (strstr (list, "front desk"));
  g_assert_cmpuint (token_count (hub->db), ==, KF_N_TOKENS + 1);
}

/* A port that is taken: exit 1, one line. */
static void
test_port_in_use (void)
{
  g_autoptr(KfHub) hub = kf_hub_new_stopped ();
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *listen = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  listen = g_strdup_printf ("127.0.0.1:%u", port);
  g_assert_cmpint (kf_hub_cli (&out, &err, "serve", "--db", hub->db, "--listen", listen, NULL),
                   ==, 1);
  assert_one_error_line (err);
  g_socket_listener_close (listener);
}

static void
test_help (void)
{
  static const char * const commands[][3] = {
    { "--help", NULL, NULL },
    { "serve", "--help", NULL },
    { "base", "add", "--help" },
    { "token", "add", "--help" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = kf_hub_cli (&out, &err, commands[i][0], commands[i][1], commands[i][2], NULL);

      g_assert_cmpint (status, ==, 0);
      g_assert_cmpuint (strlen (out), >, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hub/serve/listening-line", test_listening_line);
  g_test_add_data_func ("/hub/serve/sigterm", GINT_TO_POINTER (SIGTERM), test_signal_restart);
  g_test_add_data_func ("/hub/serve/sigint", GINT_TO_POINTER (SIGINT), test_signal_restart);
  g_test_add_func ("/hub/serve/sigterm-under-load", test_sigterm_under_load);
  g_test_add_data_func ("/hub/serve/db-closed/sigterm", GINT_TO_POINTER (SIGTERM),
                        test_db_closed);
  g_test_add_data_func ("/hub/serve/db-closed/sigint", GINT_TO_POINTER (SIGINT),
                        test_db_closed);
  g_test_add_func ("/hub/serve/port-in-use", test_port_in_use);
  for (guint i = 0; i < G_N_ELEMENTS (cli_errors); i++)
    {
      char *name = g_strdup_printf ("/hub/cli/%s", cli_errors[i].name);

      g_ptr_array_add (names, name);
      g_test_add_data_func (name, &cli_errors[i], test_cli_error);
    }
  g_test_add_func ("/hub/cli/output", test_cli_output);
  g_test_add_func ("/hub/cli/help", test_help);

  status = g_test_run ();
  kf_hub_shared_free ();
  return status;
}

/* kf-hub-harness.c — a real kaifang-hub process and its fixture data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-hub-tests"

#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <glib/gstdio.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "kf-hub-harness.h"

#define STOP_TIMEOUT_S 20

/* Failing with a sentence that says where and why */

void
kf_fail_at (const char *file,
            int         line,
            const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_assertion_message (G_LOG_DOMAIN, file, line, "kf_fail", message);
}

gboolean
kf_is_uuid (const char *text)
{
  static const int dashes[] = { 8, 13, 18, 23 };

  if (text == NULL || strlen (text) != 36)
    return FALSE;
  for (int i = 0; i < 36; i++)
    {
      gboolean dash = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (dashes); j++)
        dash |= dashes[j] == i;
      if (dash ? text[i] != '-' :
          !(g_ascii_isdigit (text[i]) || (text[i] >= 'a' && text[i] <= 'f')))
        return FALSE;
    }
  return TRUE;
}

gboolean
kf_has_boolean (JsonObject *object,
                const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

/* A member that is an object (or array), else NULL: json-glib 1.6 has no
 * _with_default for these. */
JsonObject *
kf_get_object (JsonObject *object,
               const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
kf_get_array (JsonObject *object,
              const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

char *
kf_json_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

/* The command line */

const char *
kf_hub_program (void)
{
  const char *program = g_getenv ("KF_HUB");

  if (program == NULL || *program == '\0')
    g_error ("KF_HUB is not set: run the tests with meson test");
  return program;
}

static GPtrArray *
collect_argv (const char *first_arg,
              va_list     args)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) kf_hub_program ());
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);
  return argv;
}

static int
run_argv (GPtrArray *argv,
          char     **out,
          char     **err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);

  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  if (g_subprocess_get_if_signaled (proc))
    return 128 + g_subprocess_get_term_sig (proc);
  return g_subprocess_get_exit_status (proc);
}

/**
 * kf_hub_cli:
 * Runs `kaifang-hub ARGS…` and waits for it.
 *
 * Returns: its exit status (128 + signal when killed)
 */
int
kf_hub_cli (char      **out,
            char      **err,
            const char *first_arg,
            ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  va_list args;

  va_start (args, first_arg);
  argv = collect_argv (first_arg, args);
  va_end (args);
  return run_argv (argv, out, err);
}

/* Runs a command that must succeed and print one line; returns that line. */
char *
kf_hub_cli_ok (const char *first_arg,
               ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list args;
  int status;

  va_start (args, first_arg);
  argv = collect_argv (first_arg, args);
  va_end (args);

  status = run_argv (argv, &out, &err);
  if (status != 0)
    kf_fail ("kaifang-hub %s: exit %d, stderr: %s", first_arg, status, err);
  if (!g_str_has_suffix (out, "\n") || strchr (out, '\n') != out + strlen (out) - 1)
    kf_fail ("kaifang-hub %s: expected one line on stdout, got \"%s\"", first_arg, out);
  out[strlen (out) - 1] = '\0';
  return g_steal_pointer (&out);
}

/* Fixtures: one template database made once per test program (bases A and B
 * and a token of each kind), copied for every hub, so that each test starts
 * from the same data without paying for eight commands. */

static char *template_dir;
static char *template_tokens[KF_N_TOKENS];

static void
make_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  static const struct
  {
    KfTok       tok;
    const char *role;
    const char *flag;
    const char *bound;
    const char *label;
  } tokens[] = {
    { KF_TOK_BASE_A, "base", "--base", KF_BASE_A_ID, "alpha front desk" },
    { KF_TOK_BASE_A2, "base", "--base", KF_BASE_A_ID, "alpha side door" },
    { KF_TOK_BASE_B, "base", "--base", KF_BASE_B_ID, "beta office" },
    { KF_TOK_SCHOOL_X, "school", "--org", KF_ORG_X, "xinhua office" },
    { KF_TOK_SCHOOL_Y, "school", "--org", KF_ORG_Y, "yucai office" },
    { KF_TOK_REVIEWER, "reviewer", NULL, NULL, "county association" },
  };

  template_dir = g_dir_make_tmp ("kf-hub-template-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (template_dir, "hub.db", NULL);

  a = kf_hub_cli_ok ("base", "add", "--db", db, "--name", KF_BASE_A_NAME, "--id", KF_BASE_A_ID,
                     "--address", "1 Cloud Road", "--contact-name", "Wang Fang",
                     "--contact-phone", KF_BASE_A_PHONE, NULL);
  g_assert_cmpstr (a, ==, KF_BASE_A_ID);
  b = kf_hub_cli_ok ("base", "add", "--db", db, "--name", KF_BASE_B_NAME, "--id", KF_BASE_B_ID,
                     NULL);
  g_assert_cmpstr (b, ==, KF_BASE_B_ID);

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      if (tokens[i].flag != NULL)
        template_tokens[tokens[i].tok] =
          kf_hub_cli_ok ("token", "add", "--db", db, "--role", tokens[i].role,
                         tokens[i].flag, tokens[i].bound, "--name", tokens[i].label, NULL);
      else
        template_tokens[tokens[i].tok] =
          kf_hub_cli_ok ("token", "add", "--db", db, "--role", tokens[i].role,
                         "--name", tokens[i].label, NULL);
      g_assert_cmpuint (strlen (template_tokens[tokens[i].tok]), >=, 16);
    }
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_test (from, G_FILE_TEST_EXISTS))
    return;
  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
}

KfHub *
kf_hub_new_bare (void)
{
  g_autoptr(GError) error = NULL;
  KfHub *hub = g_new0 (KfHub, 1);

  hub->dir = g_dir_make_tmp ("kf-hub-test-XXXXXX", &error);
  g_assert_no_error (error);
  hub->db = g_build_filename (hub->dir, "hub.db", NULL);
  hub->session = kf_soup_session_new ();
  return hub;
}

KfHub *
kf_hub_new_stopped (void)
{
  KfHub *hub = kf_hub_new_bare ();
  static const char * const suffixes[] = { "", "-wal" };

  if (template_dir == NULL)
    make_template ();
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat ("hub.db", suffixes[i], NULL);
      g_autofree char *from = g_build_filename (template_dir, name, NULL);
      g_autofree char *to = g_build_filename (hub->dir, name, NULL);

      copy_file (from, to);
    }
  for (guint i = 0; i < KF_N_TOKENS; i++)
    hub->token[i] = g_strdup (template_tokens[i]);
  return hub;
}

KfHub *
kf_hub_new (void)
{
  KfHub *hub = kf_hub_new_stopped ();

  kf_hub_start (hub);
  return hub;
}

static KfHub *shared_hub;

/* One hub for the cases of a program that only add records of their own. */
KfHub *
kf_hub_shared (void)
{
  if (shared_hub == NULL)
    shared_hub = kf_hub_new ();
  return shared_hub;
}

void
kf_hub_shared_free (void)
{
  g_clear_pointer (&shared_hub, kf_hub_free);
  if (template_dir != NULL)
    {
      g_autofree char *db = g_build_filename (template_dir, "hub.db", NULL);
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db, "-shm", NULL);

      g_remove (db);
      g_remove (wal);
      g_remove (shm);
      g_rmdir (template_dir);
      g_clear_pointer (&template_dir, g_free);
    }
}

/* The hub may write more to stdout (a log); it must never block on a full pipe. */
static gpointer
drain_thread (gpointer data)
{
  g_autoptr(GDataInputStream) stream = data;
  char *line;

  while ((line = g_data_input_stream_read_line_utf8 (stream, NULL, NULL, NULL)) != NULL)
    g_free (line);
  return NULL;
}

/* A test killed by its timeout must not leave its hub running. */
static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGKILL);
#endif
}

void
kf_hub_start (KfHub *hub)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) stream = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *port = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  const char *argv[] = {
    kf_hub_program (), "serve", "--db", hub->db, "--listen", "127.0.0.1:0", NULL
  };

  g_assert_null (hub->proc);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  hub->proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (hub->proc));
  g_clear_pointer (&hub->listen_line, g_free);
  hub->listen_line = g_data_input_stream_read_line_utf8 (stream, NULL, NULL, &error);
  g_assert_no_error (error);
  if (hub->listen_line == NULL)
    kf_fail ("kaifang-hub serve printed nothing before closing stdout");

  regex = g_regex_new ("^listening on http://127\\.0\\.0\\.1:([0-9]{1,5})$", 0, 0, NULL);
  if (!g_regex_match (regex, hub->listen_line, 0, &match))
    kf_fail ("first line of serve is \"%s\", not \"listening on http://127.0.0.1:PORT\"",
             hub->listen_line);
  port = g_match_info_fetch (match, 1);
  hub->port = (guint16) g_ascii_strtoull (port, NULL, 10);
  g_assert_cmpuint (hub->port, >, 0);
  g_clear_pointer (&hub->url, g_free);
  hub->url = g_strdup_printf ("http://127.0.0.1:%u", hub->port);

  hub->drain = g_thread_new ("hub-stdout", drain_thread, g_steal_pointer (&stream));
}

gboolean
kf_hub_is_running (KfHub *hub)
{
  return hub->proc != NULL && g_subprocess_get_identifier (hub->proc) != NULL;
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits for the hub to exit, at most STOP_TIMEOUT_S seconds. */
static gboolean
wait_exit (GSubprocess *proc)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSource) timeout = g_timeout_source_new_seconds (STOP_TIMEOUT_S);
  gboolean done = FALSE, timed_out = FALSE;

  g_main_context_push_thread_default (context);
  g_source_set_callback (timeout, timeout_cb, &timed_out, NULL);
  g_source_attach (timeout, context);
  g_subprocess_wait_async (proc, NULL, wait_cb, &done);
  while (!done && !timed_out)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
  if (!done)
    {
      g_subprocess_force_exit (proc);
      g_subprocess_wait (proc, NULL, NULL);
    }
  g_main_context_pop_thread_default (context);
  return done;
}

/**
 * kf_hub_stop_signal:
 * Sends @signum to the hub and waits for it to exit.
 *
 * Returns: its exit status, 128 + signal if a signal ended it
 */
int
kf_hub_stop_signal (KfHub *hub,
                    int    signum)
{
  g_autoptr(GSubprocess) proc = g_steal_pointer (&hub->proc);
  int status;

  g_assert_nonnull (proc);
  g_subprocess_send_signal (proc, signum);
  if (!wait_exit (proc))
    kf_fail ("kaifang-hub did not exit within %d s of signal %d", STOP_TIMEOUT_S, signum);
  g_clear_pointer (&hub->drain, g_thread_join);

  if (g_subprocess_get_if_signaled (proc))
    status = 128 + g_subprocess_get_term_sig (proc);
  else
    status = g_subprocess_get_exit_status (proc);
  return status;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

void
kf_hub_free (KfHub *hub)
{
  if (hub == NULL)
    return;
  if (hub->proc != NULL)
    {
      int status = kf_hub_stop_signal (hub, SIGTERM);

      if (status != 0)
        kf_fail ("kaifang-hub exited with status %d after SIGTERM, not 0", status);
    }
  g_clear_object (&hub->session);
  remove_tree (hub->dir);
  g_free (hub->dir);
  g_free (hub->db);
  g_free (hub->url);
  g_free (hub->listen_line);
  for (guint i = 0; i < KF_N_TOKENS; i++)
    g_free (hub->token[i]);
  g_free (hub);
}

char *
kf_hub_add_token (KfHub      *hub,
                  const char *role,
                  const char *bound,
                  const char *label)
{
  if (g_str_equal (role, "base"))
    return kf_hub_cli_ok ("token", "add", "--db", hub->db, "--role", role, "--base", bound,
                          "--name", label, NULL);
  if (g_str_equal (role, "school"))
    return kf_hub_cli_ok ("token", "add", "--db", hub->db, "--role", role, "--org", bound,
                          "--name", label, NULL);
  return kf_hub_cli_ok ("token", "add", "--db", hub->db, "--role", role, "--name", label, NULL);
}

char *
kf_hub_client_id (KfHub      *hub,
                  const char *token)
{
  g_autoptr(KfReply) reply = kf_hub_get (hub, token, "/v1/me");
  const char *id;

  kf_assert_reply (reply, 200);
  id = json_object_get_string_member_with_default (kf_reply_object (reply), "client_id", NULL);
  if (id == NULL || *id == '\0')
    {
      g_autofree char *text = kf_reply_describe (reply);

      kf_fail ("/v1/me gave no client_id: %s", text);
    }
  return g_strdup (id);
}

void
kf_hub_revoke (KfHub      *hub,
               const char *client_id)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = kf_hub_cli (&out, &err, "token", "revoke", "--db", hub->db, client_id, NULL);

  if (status != 0)
    kf_fail ("token revoke %s: exit %d, %s", client_id, status, err);
}

/* kf-cli-session.c — session add, cancel, list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kf-cli-private.h"
#include "kf-error.h"
#include "kf-export.h"

static const KfCliOption add_options[] = {
  { "--date", "D", N_("the day, YYYY-MM-DD"), TRUE },
  { "--start", "HH:MM", N_("when it starts"), TRUE },
  { "--end", "HH:MM", N_("when it ends"), TRUE },
  { "--capacity", "N", N_("how many people it can take, 1 to 100000"), TRUE },
  { "--title", "T", N_("what it is called"), TRUE },
  { "--topic", "CODE", N_("ai, emergency_safety, food_safety, new_energy_materials, "
                          "meteorology, agriculture, health or other (default)"), FALSE },
  { "--format", "CODE", N_("exhibition, study_tour (default), lecture, short_video, "
                           "hands_on or other"), FALSE },
  { "--note", "S", N_("a note"), FALSE },
  { NULL, NULL, NULL, FALSE }
};

static const KfCliCommand add_command = {
  "session add", NULL, N_("Adds an open session of this base; prints its id."), add_options, 0
};

static const KfCliOption no_options[] = {
  { NULL, NULL, NULL, FALSE }
};

static const KfCliCommand cancel_command = {
  "session cancel", "ID", N_("Cancels a session."), no_options, 1
};

static const KfCliOption list_options[] = {
  { "--from", "D", N_("first day"), FALSE },
  { "--to", "D", N_("last day"), FALSE },
  { "--json", NULL, N_("print JSON"), FALSE },
  { NULL, NULL, NULL, FALSE }
};

static const KfCliCommand list_command = {
  "session list", NULL, N_("Lists sessions, by date and start."), list_options, 0
};

static char *
text_or (const char *value,
         const char *fallback)
{
  return g_strdup (value != NULL ? value : fallback);
}

static KfRecord *
new_session (KfCliArgs  *args,
             const char *base_id,
             gint64      capacity)
{
  KfSession *session = KF_SESSION (kf_record_new (KF_ENTITY_SESSION));

  session->r.id = kf_new_id ();
  session->base_id = g_strdup (base_id);
  session->date = g_strdup (kf_cli_args_get (args, "--date"));
  session->start = g_strdup (kf_cli_args_get (args, "--start"));
  session->end = g_strdup (kf_cli_args_get (args, "--end"));
  session->capacity = capacity;
  session->title = g_strdup (kf_cli_args_get (args, "--title"));
  session->topic = text_or (kf_cli_args_get (args, "--topic"), "other");
  session->format = text_or (kf_cli_args_get (args, "--format"), "study_tour");
  session->status = g_strdup ("scheduled");
  session->note = text_or (kf_cli_args_get (args, "--note"), "");
  return (KfRecord *) session;
}

static int
session_add (KfCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(KfCliArgs) args = NULL;
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(KfRecord) session = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 capacity;
  int exit_code;

  cli->subject = add_command.name;
  if ((args = kf_cli_args_parse (cli, &add_command, argc, argv, &exit_code)) == NULL)
    return exit_code;
  if (!kf_cli_parse_int ("--capacity", kf_cli_args_get (args, "--capacity"), 0, &capacity))
    return KF_CLI_EXIT_FAILED;
  if ((identity = kf_cli_open_identity (cli, &exit_code)) == NULL)
    return exit_code;
  if (!kf_cli_require_base (cli, identity))
    return KF_CLI_EXIT_FAILED;

  session = new_session (args, identity->base_id, capacity);
  if (!kf_store_put (cli->store, session, &local_error))
    return kf_cli_fail_error (cli, local_error);

  kf_cli_printf ("%s\n", session->id);
  return KF_CLI_EXIT_OK;
}

static int
session_cancel (KfCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(KfCliArgs) args = NULL;
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(KfRecord) session = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *id;
  int exit_code;

  cli->subject = cancel_command.name;
  if ((args = kf_cli_args_parse (cli, &cancel_command, argc, argv, &exit_code)) == NULL)
    return exit_code;
  id = kf_cli_args_positional (args, 0);
  cli->record_subject = id;
  if ((identity = kf_cli_open_identity (cli, &exit_code)) == NULL)
    return exit_code;
  if (!kf_cli_require_base (cli, identity))
    return KF_CLI_EXIT_FAILED;

  session = kf_store_get (cli->store, KF_ENTITY_SESSION, id, &local_error);
  if (session == NULL && g_error_matches (local_error, KF_ERROR, KF_ERROR_NOT_FOUND))
    return kf_cli_fail (id, "%s", local_error->message);
  if (session == NULL)
    return kf_cli_fail_error (cli, local_error);

  /* Cancelling twice changes nothing, and queues nothing. */
  if (g_strcmp0 (KF_SESSION (session)->status, "cancelled") == 0)
    return KF_CLI_EXIT_OK;

  g_free (KF_SESSION (session)->status);
  KF_SESSION (session)->status = g_strdup ("cancelled");
  if (!kf_store_put (cli->store, session, &local_error))
    return kf_cli_fail_error (cli, local_error);
  return KF_CLI_EXIT_OK;
}

static void
print_sessions (GPtrArray *sessions)
{
  const char *headers[] = {
    _("Date"), _("Time"), _("Title"), _("Capacity"), _("Confirmed"), _("Status"), _("ID"), NULL
  };
  static const gboolean right[] = { FALSE, FALSE, FALSE, TRUE, TRUE, FALSE, FALSE };
  g_autoptr(KfCliTable) table = kf_cli_table_new (headers, right);
  g_autofree char *text = NULL;

  for (guint i = 0; i < sessions->len; i++)
    {
      const KfSession *s = g_ptr_array_index (sessions, i);
      g_autofree char *time = g_strdup_printf ("%s–%s", s->start, s->end);
      g_autofree char *capacity = g_strdup_printf ("%" G_GINT64_FORMAT, s->capacity);
      g_autofree char *confirmed = g_strdup_printf ("%" G_GINT64_FORMAT, s->confirmed_people);
      const char *cells[] = { s->date, time, s->title, capacity, confirmed, s->status, s->r.id };

      kf_cli_table_add (table, cells);
    }
  text = kf_cli_table_format (table);
  kf_cli_print (text);
}

static int
session_list (KfCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(KfCliArgs) args = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) local_error = NULL;
  KfQuery query = { 0 };
  int exit_code;

  cli->subject = list_command.name;
  if ((args = kf_cli_args_parse (cli, &list_command, argc, argv, &exit_code)) == NULL)
    return exit_code;
  query.from = kf_cli_args_get (args, "--from");
  query.to = kf_cli_args_get (args, "--to");
  if (!kf_cli_check_period (query.from, query.to))
    return KF_CLI_EXIT_FAILED;

  if (kf_cli_open_store (cli, FALSE, &local_error) == NULL ||
      (sessions = kf_store_list (cli->store, KF_ENTITY_SESSION, &query, &local_error)) == NULL)
    return kf_cli_fail_error (cli, local_error);

  if (kf_cli_args_has (args, "--json"))
    {
      g_autofree char *json = kf_records_to_json (sessions);
      kf_cli_print (json);
    }
  else
    print_sessions (sessions);
  return KF_CLI_EXIT_OK;
}

static const KfCliSubcommand session_commands[] = {
  { "add", session_add, N_("add an open session of this base") },
  { "cancel", session_cancel, N_("cancel a session") },
  { "list", session_list, N_("list sessions") },
  { NULL, NULL, NULL }
};

int
kf_cli_session (KfCli  *cli,
                int     argc,
                char  **argv)
{
  return kf_cli_dispatch (cli, "session", session_commands, argc, argv);
}

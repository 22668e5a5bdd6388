/* kf-cli-visit.c — visit add, visit list, tally
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
  { "--booking", "ID", N_("the booked group that arrived"), FALSE },
  { "--group", "NAME", N_("a group that came without booking"), FALSE },
  { "--youth", "N", N_("people under 18 who came"), TRUE },
  { "--adults", "N", N_("adults who came"), TRUE },
  { "--session", "ID", N_("the session a walk-in group joined"), FALSE },
  { "--at", "INSTANT", N_("when they arrived: 2025-05-24T09:05 (local time) or with an "
                          "offset, 2025-05-24T09:05:00+08:00; default now"), FALSE },
  { NULL, NULL, NULL, FALSE }
};

static const KfCliCommand add_command = {
  "visit add", NULL,
  N_("Records a group actually received: a booked group (--booking; the booking becomes "
     "attended) or a walk-in group (--group). Prints the visit’s id."),
  add_options, 0
};

static const KfCliOption list_options[] = {
  { "--from", "D", N_("first day (of arrival)"), FALSE },
  { "--to", "D", N_("last day (of arrival)"), FALSE },
  { "--json", NULL, N_("print JSON"), FALSE },
  { NULL, NULL, NULL, FALSE }
};

static const KfCliCommand list_command = {
  "visit list", NULL, N_("Lists visits, by arrival."), list_options, 0
};

static const KfCliOption tally_options[] = {
  { "--session", "ID", N_("the session whose individual visitors are counted"), TRUE },
  { "--youth", "N", N_("young visitors to add (negative to take back)"), FALSE },
  { "--adults", "N", N_("adults to add (negative to take back)"), FALSE },
  { NULL, NULL, NULL, FALSE }
};

static const KfCliCommand tally_command = {
  "tally", NULL,
  N_("Adds individual visitors to this installation’s tally for a session and prints "
     "youth=N adults=N after the change."),
  tally_options, 0
};

/* Exactly one kind of group, and a session only for a walk-in group (a booked
 * group's session is its booking's). */
static int
check_group_options (KfCliArgs *args)
{
  gboolean booked = kf_cli_args_has (args, "--booking");
  gboolean walk_in = kf_cli_args_has (args, "--group");

  if (booked && walk_in)
    return kf_cli_usage_error ("--group", _("cannot be used with --booking"));
  if (!booked && !walk_in)
    return kf_cli_usage_error ("--booking", _("or --group is required"));
  if (booked && kf_cli_args_has (args, "--session"))
    return kf_cli_usage_error ("--session", _("comes from the booking; use it with --group"));
  return -1;
}

static KfRecord *
new_walk_in (KfCliArgs  *args,
             const char *base_id,
             const char *arrived_at,
             gint64      youth,
             gint64      adults)
{
  KfVisit *visit = KF_VISIT (kf_record_new (KF_ENTITY_VISIT));

  visit->r.id = kf_new_id ();
  visit->base_id = g_strdup (base_id);
  visit->session_id = g_strdup (kf_cli_args_get (args, "--session"));
  visit->kind = g_strdup ("walk_in_group");
  visit->group_name = g_strdup (kf_cli_args_get (args, "--group"));
  visit->arrived_at = g_strdup (arrived_at);
  visit->youth_count = youth;
  visit->adult_count = adults;
  visit->note = g_strdup ("");
  return (KfRecord *) visit;
}

static char *
arrival_instant (KfCliArgs *args)
{
  const char *at = kf_cli_args_get (args, "--at");
  char *instant;

  if (at == NULL)
    return kf_instant_now ();
  instant = kf_cli_parse_instant (at);
  if (instant == NULL)
    kf_cli_fail ("--at", _("must be a date and time such as 2025-05-24T09:05 (local time) "
                           "or 2025-05-24T09:05:00+08:00"));
  return instant;
}

static int
visit_add (KfCli  *cli,
           int     argc,
           char  **argv)
{
  g_autoptr(KfCliArgs) args = NULL;
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(KfRecord) visit = NULL;
  g_autofree char *arrived_at = NULL;
  gint64 youth, adults;
  int exit_code;

  cli->subject = add_command.name;
  cli->status_subject = "--booking";
  if ((args = kf_cli_args_parse (cli, &add_command, argc, argv, &exit_code)) == NULL)
    return exit_code;
  if ((exit_code = check_group_options (args)) >= 0)
    return exit_code;
  if (!kf_cli_parse_int ("--youth", kf_cli_args_get (args, "--youth"), 0, &youth) ||
      !kf_cli_parse_int ("--adults", kf_cli_args_get (args, "--adults"), 0, &adults) ||
      (arrived_at = arrival_instant (args)) == NULL)
    return KF_CLI_EXIT_FAILED;
  if ((identity = kf_cli_open_identity (cli, &exit_code)) == NULL)
    return exit_code;
  if (!kf_cli_require_base (cli, identity))
    return KF_CLI_EXIT_FAILED;

  if (kf_cli_args_has (args, "--booking"))
    {
      visit = (KfRecord *) kf_store_record_arrival (cli->store,
                                                    kf_cli_args_get (args, "--booking"),
                                                    youth, adults, arrived_at, &local_error);
      if (visit == NULL)
        return kf_cli_fail_error (cli, local_error);
    }
  else
    {
      visit = new_walk_in (args, identity->base_id, arrived_at, youth, adults);
      if (!kf_store_put (cli->store, visit, &local_error))
        return kf_cli_fail_error (cli, local_error);
    }

  kf_cli_printf ("%s\n", visit->id);
  return KF_CLI_EXIT_OK;
}

static void
print_visits (GPtrArray *visits)
{
  const char *headers[] = {
    _("Arrived"), _("Kind"), _("Group"), _("Youth"), _("Adults"), _("Session"), _("ID"), NULL
  };
  static const gboolean right[] = { FALSE, FALSE, FALSE, TRUE, TRUE, FALSE, FALSE };
  g_autoptr(KfCliTable) table = kf_cli_table_new (headers, right);
  g_autofree char *text = NULL;

  for (guint i = 0; i < visits->len; i++)
    {
      const KfVisit *v = g_ptr_array_index (visits, i);
      g_autofree char *youth = g_strdup_printf ("%" G_GINT64_FORMAT, v->youth_count);
      g_autofree char *adults = g_strdup_printf ("%" G_GINT64_FORMAT, v->adult_count);
      const char *cells[] = {
        v->arrived_at, v->kind, v->group_name, youth, adults, v->session_id, v->r.id
      };

      kf_cli_table_add (table, cells);
    }
  text = kf_cli_table_format (table);
  kf_cli_print (text);
}

static int
visit_list (KfCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(KfCliArgs) args = NULL;
  g_autoptr(GPtrArray) visits = NULL;
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
      (visits = kf_store_list (cli->store, KF_ENTITY_VISIT, &query, &local_error)) == NULL)
    return kf_cli_fail_error (cli, local_error);

  if (kf_cli_args_has (args, "--json"))
    {
      g_autofree char *json = kf_records_to_json (visits);
      kf_cli_print (json);
    }
  else
    print_visits (visits);
  return KF_CLI_EXIT_OK;
}

static const KfCliSubcommand visit_commands[] = {
  { "add", visit_add, N_("record a booked or walk-in group that arrived") },
  { "list", visit_list, N_("list visits") },
  { NULL, NULL, NULL }
};

int
kf_cli_visit (KfCli  *cli,
              int     argc,
              char  **argv)
{
  return kf_cli_dispatch (cli, "visit", visit_commands, argc, argv);
}

int
kf_cli_tally (KfCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(KfCliArgs) args = NULL;
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(KfRecord) tally = NULL;
  gint64 youth, adults;
  int exit_code;

  cli->subject = tally_command.name;
  if ((args = kf_cli_args_parse (cli, &tally_command, argc, argv, &exit_code)) == NULL)
    return exit_code;
  if (!kf_cli_parse_int ("--youth", kf_cli_args_get (args, "--youth"), 0, &youth) ||
      !kf_cli_parse_int ("--adults", kf_cli_args_get (args, "--adults"), 0, &adults))
    return KF_CLI_EXIT_FAILED;
  if ((identity = kf_cli_open_identity (cli, &exit_code)) == NULL)
    return exit_code;
  if (!kf_cli_require_base (cli, identity))
    return KF_CLI_EXIT_FAILED;

  tally = (KfRecord *) kf_store_tally (cli->store, kf_cli_args_get (args, "--session"),
                                       youth, adults, &local_error);
  if (tally == NULL)
    return kf_cli_fail_error (cli, local_error);

  kf_cli_printf ("youth=%" G_GINT64_FORMAT " adults=%" G_GINT64_FORMAT "\n",
                 KF_VISIT (tally)->youth_count, KF_VISIT (tally)->adult_count);
  return KF_CLI_EXIT_OK;
}

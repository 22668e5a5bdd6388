/* main.c — kaifang-cli: the installation's own data, without the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "kf-cli-private.h"

static const KfCliSubcommand commands[] = {
  { "init", kf_cli_init, N_("set up an empty database for a base, a school or the reviewer") },
  { "session", kf_cli_session, N_("open sessions: add, cancel, list") },
  { "booking", kf_cli_booking, N_("group bookings: add, confirm, decline, cancel, …, list") },
  { "visit", kf_cli_visit, N_("visits actually received: add, list") },
  { "tally", kf_cli_tally, N_("count individual visitors of a session") },
  { "totals", kf_cli_totals, N_("attendance figures for a period") },
  { "export", kf_cli_export, N_("write records to a CSV or JSON file") },
  { "report", kf_cli_report, N_("write the activity summary report of a period as PDF") },
  { "sync", kf_cli_sync, N_("push what is queued to the hub, then pull") },
  { "status", kf_cli_status, N_("role, hub, queued operations, last sync") },
  { "conflicts", kf_cli_conflicts, N_("records whose push met a newer hub version") },
  { "resolve", kf_cli_resolve, N_("resolve a conflict") },
  { "demo", kf_cli_demo, N_("fill an empty database with the demo data set") },
  { NULL, NULL, NULL }
};

static void
print_help (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_append_printf (out, _("Usage: %s [--db PATH] COMMAND …\n\n"), "kaifang-cli");
  g_string_append_printf (out, "%s\n\n%s\n",
                          _("Kaifang (科普开放): the installation’s own data, without the window."),
                          _("Commands:"));
  for (const KfCliSubcommand *c = commands; c->name != NULL; c++)
    g_string_append_printf (out, "  %-10s  %s\n", c->name, _(c->summary));
  g_string_append_printf (out, "\n%s\n  --db PATH   %s\n  --help      %s\n  --version   %s\n",
                          _("Options:"),
                          _("the database (default: the one the Kaifang window uses)"),
                          _("show this help"), _("show the version"));
  g_string_append_printf (out, _("\nRun “%s COMMAND --help” for a command’s options.\n"),
                          "kaifang-cli");
  kf_cli_print (out->str);
}

static void
set_db_path (KfCli      *cli,
             const char *path)
{
  g_free (cli->db_path);
  cli->db_path = g_strdup (path);
  cli->db_is_default = FALSE;
}

/* The program's own options, before the command. Returns the index of the
 * command word, or -1 with *exit_code set. */
static int
parse_global_options (KfCli  *cli,
                      int     argc,
                      char  **argv,
                      int    *exit_code)
{
  int i;

  for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++)
    {
      const char *arg = argv[i];

      if (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0)
        {
          print_help ();
          *exit_code = KF_CLI_EXIT_OK;
          return -1;
        }
      if (strcmp (arg, "--version") == 0)
        {
          kf_cli_printf ("kaifang-cli %s\n", PACKAGE_VERSION);
          *exit_code = KF_CLI_EXIT_OK;
          return -1;
        }
      if (g_str_has_prefix (arg, "--db="))
        set_db_path (cli, arg + strlen ("--db="));
      else if (strcmp (arg, "--db") == 0 && i + 1 < argc)
        set_db_path (cli, argv[++i]);
      else
        {
          g_autofree char *name = g_strndup (arg, strcspn (arg, "="));
          *exit_code = strcmp (name, "--db") == 0
                       ? kf_cli_usage_error (name, _("needs a value"))
                       : kf_cli_usage_error (name, _("unknown option"));
          return -1;
        }
    }

  if (i >= argc)
    {
      *exit_code = kf_cli_usage_error (_("command"), _("is missing; see “kaifang-cli --help”"));
      return -1;
    }
  return i;
}

static int
run (KfCli  *cli,
     int     argc,
     char  **argv)
{
  int exit_code = KF_CLI_EXIT_OK;
  int first = parse_global_options (cli, argc, argv, &exit_code);

  if (first < 0)
    return exit_code;

  for (const KfCliSubcommand *c = commands; c->name != NULL; c++)
    if (strcmp (c->name, argv[first]) == 0)
      {
        cli->subject = c->name;
        return c->handler (cli, argc - first, argv + first);
      }

  return kf_cli_usage_error (argv[first], _("unknown command"));
}

int
main (int    argc,
      char **argv)
{
  KfCli cli = { 0 };
  int exit_code;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("kaifang-cli");

  cli.db_path = kf_store_default_path ();
  cli.db_is_default = TRUE;

  exit_code = run (&cli, argc, argv);

  g_clear_object (&cli.store);
  g_free (cli.db_path);
  fflush (stdout);
  return exit_code;
}

/* kf-cli-util.c — options, errors and output of kaifang-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "kf-cli-private.h"
#include "kf-error.h"
#include "kf-record.h"

#define PROGRAM "kaifang-cli"

/* Errors: one line on stderr, "kaifang-cli: <subject>: <reason>". The text is
 * written as it is (UTF-8), whatever the locale, so Chinese stays intact. */

static void
print_error_line (const char *subject,
                  const char *reason)
{
  fflush (stdout);
  fprintf (stderr, "%s: %s: %s\n", PROGRAM, subject, reason);
  fflush (stderr);
}

int
kf_cli_fail (const char *subject,
             const char *format,
             ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  print_error_line (subject, reason);
  return KF_CLI_EXIT_FAILED;
}

int
kf_cli_usage_error (const char *subject,
                    const char *format,
                    ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  print_error_line (subject, reason);
  return KF_CLI_EXIT_USAGE;
}

/* The record fields that core names in its errors, and the options that
 * supply them. A base_id always comes from the session a record belongs to. */
static const struct
{
  const char *field;
  const char *option;
} field_options[] = {
  { "capacity", "--capacity" },
  { "date", "--date" },
  { "start", "--start" },
  { "end", "--end" },
  { "title", "--title" },
  { "topic", "--topic" },
  { "format", "--format" },
  { "note", "--note" },
  { "org_name", "--org" },
  { "org_type", "--org-type" },
  { "contact_name", "--contact-name" },
  { "contact_phone", "--contact-phone" },
  { "youth_count", "--youth" },
  { "adult_count", "--adults" },
  { "grade", "--grade" },
  { "session_id", "--session" },
  { "booking_id", "--booking" },
  { "group_name", "--group" },
  { "arrived_at", "--at" },
  { "name", "--base-name" },
  { "address", "--address" },
  { "from", "--from" },
  { "to", "--to" },
  { "base_id", "--session" },
  { "db", "--db" },
};

const char *
kf_cli_option_for_field (const char *field)
{
  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (field_options); i++)
    if (strcmp (field_options[i].field, field) == 0)
      return field_options[i].option;
  return NULL;
}

/**
 * kf_cli_fail_error:
 *
 * Reports an error of core: about its field's option, the database, or the
 * command. Returns: %KF_CLI_EXIT_FAILED
 */
int
kf_cli_fail_error (KfCli        *cli,
                   const GError *error)
{
  const char *field = kf_error_get_field (error);
  const char *subject = cli->subject;

  if (error->domain == KF_ERROR &&
      (error->code == KF_ERROR_DATABASE || error->code == KF_ERROR_NOT_INITIALIZED))
    subject = cli->db_path;
  else if (g_strcmp0 (field, "status") == 0)
    subject = cli->status_subject != NULL ? cli->status_subject : cli->subject;
  else if (field != NULL && cli->record_subject != NULL && strcmp (field, "db") != 0)
    subject = cli->record_subject;
  else if (field != NULL)
    subject = kf_cli_option_for_field (field) != NULL ? kf_cli_option_for_field (field) : field;

  print_error_line (subject, error->message);
  return KF_CLI_EXIT_FAILED;
}

/* Options */

static const KfCliOption db_option = {
  "--db", "PATH", N_("the database (default: the one the Kaifang window uses)"), FALSE
};

static const KfCliOption *
find_option (const KfCliCommand *command,
             const char         *name,
             gsize               name_len)
{
  for (const KfCliOption *o = command->options; o != NULL && o->name != NULL; o++)
    if (strlen (o->name) == name_len && strncmp (o->name, name, name_len) == 0)
      return o;
  if (strlen (db_option.name) == name_len && strncmp (db_option.name, name, name_len) == 0)
    return &db_option;
  return NULL;
}

void
kf_cli_args_free (KfCliArgs *args)
{
  if (args == NULL)
    return;
  g_clear_pointer (&args->values, g_hash_table_unref);
  g_clear_pointer (&args->positional, g_ptr_array_unref);
  g_free (args);
}

static KfCliArgs *
args_new (void)
{
  KfCliArgs *args = g_new0 (KfCliArgs, 1);

  args->values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  args->positional = g_ptr_array_new_with_free_func (g_free);
  return args;
}

static gboolean
is_help (const char *arg)
{
  return strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0;
}

/* One "--name[=value]" at argv[*i]; a value may also be the next argument,
 * whatever it looks like ("--youth -1"). */
static int
parse_option (KfCli              *cli,
              const KfCliCommand *command,
              KfCliArgs          *args,
              int                 argc,
              char              **argv,
              int                *i)
{
  const char *arg = argv[*i];
  const char *eq = strchr (arg, '=');
  gsize name_len = eq != NULL ? (gsize) (eq - arg) : strlen (arg);
  const KfCliOption *option = find_option (command, arg, name_len);
  const char *value;

  if (option == NULL)
    {
      g_autofree char *name = g_strndup (arg, name_len);
      return kf_cli_usage_error (name, _("unknown option"));
    }
  if (g_hash_table_contains (args->values, option->name))
    return kf_cli_usage_error (option->name, _("is given more than once"));

  if (option->value_name == NULL)
    {
      if (eq != NULL)
        return kf_cli_usage_error (option->name, _("takes no value"));
      value = "";
    }
  else if (eq != NULL)
    value = eq + 1;
  else if (*i + 1 < argc)
    value = argv[++*i];
  else
    return kf_cli_usage_error (option->name, _("needs a value"));

  if (option == &db_option)
    {
      g_free (cli->db_path);
      cli->db_path = g_strdup (value);
      cli->db_is_default = FALSE;
    }
  g_hash_table_insert (args->values, (gpointer) option->name, g_strdup (value));
  return -1;
}

static int
check_complete (const KfCliCommand *command,
                KfCliArgs          *args)
{
  if (args->positional->len > command->n_positional)
    return kf_cli_usage_error (g_ptr_array_index (args->positional, command->n_positional),
                               _("unexpected argument"));
  if (args->positional->len < command->n_positional)
    return kf_cli_usage_error (command->name, _("expects %s"), command->synopsis);

  for (const KfCliOption *o = command->options; o != NULL && o->name != NULL; o++)
    if (o->required && !g_hash_table_contains (args->values, o->name))
      return kf_cli_usage_error (o->name, _("is required"));
  return -1;
}

/**
 * kf_cli_args_parse:
 * @cli: the run; a `--db` among the options sets its database
 * @command: what the command takes
 * @argc: arguments after the program's own options
 * @argv: (array length=argc): the command's words; the last word of its
 *   name first
 * @exit_code: (out): set when %NULL is returned: 0 after `--help`, else 2
 *
 * Returns: (transfer full) (nullable): the options and arguments
 */
KfCliArgs *
kf_cli_args_parse (KfCli              *cli,
                   const KfCliCommand *command,
                   int                 argc,
                   char              **argv,
                   int                *exit_code)
{
  g_autoptr(KfCliArgs) args = args_new ();
  gboolean options_end = FALSE;
  int rc;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (!options_end && is_help (arg))
        {
          kf_cli_print_help (command);
          *exit_code = KF_CLI_EXIT_OK;
          return NULL;
        }
      if (!options_end && strcmp (arg, "--") == 0)
        options_end = TRUE;
      else if (!options_end && arg[0] == '-' && arg[1] != '\0')
        {
          if (arg[1] != '-')
            {
              *exit_code = kf_cli_usage_error (arg, _("unknown option"));
              return NULL;
            }
          if ((rc = parse_option (cli, command, args, argc, argv, &i)) >= 0)
            {
              *exit_code = rc;
              return NULL;
            }
        }
      else
        g_ptr_array_add (args->positional, g_strdup (arg));
    }

  if ((rc = check_complete (command, args)) >= 0)
    {
      *exit_code = rc;
      return NULL;
    }
  return g_steal_pointer (&args);
}

const char *
kf_cli_args_get (KfCliArgs  *args,
                 const char *name)
{
  return g_hash_table_lookup (args->values, name);
}

gboolean
kf_cli_args_has (KfCliArgs  *args,
                 const char *name)
{
  return g_hash_table_contains (args->values, name);
}

const char *
kf_cli_args_positional (KfCliArgs *args,
                        guint      index)
{
  return index < args->positional->len ? g_ptr_array_index (args->positional, index) : NULL;
}

static void
append_option_help (GString           *out,
                    const KfCliOption *option)
{
  g_autofree char *left = NULL;
  gsize width;

  left = option->value_name != NULL ? g_strdup_printf ("%s %s", option->name, option->value_name)
                                    : g_strdup (option->name);
  width = kf_cli_display_width (left);
  g_string_append_printf (out, "  %s%*s  %s\n", left, (int) (width < 26 ? 26 - width : 0), "",
                          _(option->help));
}

void
kf_cli_print_help (const KfCliCommand *command)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_append_printf (out, _("Usage: %s [--db PATH] %s"), PROGRAM, command->name);
  for (const KfCliOption *o = command->options; o != NULL && o->name != NULL; o++)
    {
      g_string_append_printf (out, o->required ? " %s" : " [%s", o->name);
      if (o->value_name != NULL)
        g_string_append_printf (out, " %s", o->value_name);
      if (!o->required)
        g_string_append_c (out, ']');
    }
  if (command->synopsis != NULL)
    g_string_append_printf (out, " %s", command->synopsis);
  g_string_append_printf (out, "\n\n%s\n\n%s\n", _(command->summary), _("Options:"));

  for (const KfCliOption *o = command->options; o != NULL && o->name != NULL; o++)
    append_option_help (out, o);
  append_option_help (out, &db_option);
  g_string_append_printf (out, "  --help%*s  %s\n", 20, "", _("show this help"));
  kf_cli_print (out->str);
}

static void
print_group_help (const char            *group,
                  const KfCliSubcommand *subcommands)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_append_printf (out, _("Usage: %s [--db PATH] %s COMMAND …\n\nCommands:\n"),
                          PROGRAM, group);
  for (const KfCliSubcommand *s = subcommands; s->name != NULL; s++)
    g_string_append_printf (out, "  %-12s  %s\n", s->name, _(s->summary));
  g_string_append_printf (out, _("\nRun “%s %s COMMAND --help” for a command’s options.\n"),
                          PROGRAM, group);
  kf_cli_print (out->str);
}

static char *
subcommand_names (const KfCliSubcommand *subcommands)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (const KfCliSubcommand *s = subcommands; s->name != NULL; s++)
    g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", s->name);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* "session add …": @argv[0] is the group, @argv[1] the command. */
int
kf_cli_dispatch (KfCli                 *cli,
                 const char            *group,
                 const KfCliSubcommand *subcommands,
                 int                    argc,
                 char                 **argv)
{
  g_autofree char *names = subcommand_names (subcommands);
  g_autofree char *subject = NULL;

  if (argc < 2)
    return kf_cli_usage_error (group, _("needs a command: %s"), names);
  if (is_help (argv[1]))
    {
      print_group_help (group, subcommands);
      return KF_CLI_EXIT_OK;
    }

  for (const KfCliSubcommand *s = subcommands; s->name != NULL; s++)
    if (strcmp (s->name, argv[1]) == 0)
      return s->handler (cli, argc - 1, argv + 1);

  subject = g_strdup_printf ("%s %s", group, argv[1]);
  return kf_cli_usage_error (subject, _("unknown command (expected one of: %s)"), names);
}

/* Values */

/**
 * kf_cli_parse_int:
 * @option: the option, for the error
 * @text: (nullable): its value; %NULL takes @fallback
 *
 * Reads a whole number. Numbers too large to mean anything are kept as a
 * large number of the same sign, so that the rules report them with their
 * limits (and no sum of them can overflow).
 */
gboolean
kf_cli_parse_int (const char *option,
                  const char *text,
                  gint64      fallback,
                  gint64     *value)
{
  g_autoptr(GError) local_error = NULL;

  if (text == NULL)
    {
      *value = fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, value, &local_error))
    {
      if (!g_error_matches (local_error, G_NUMBER_PARSER_ERROR,
                            G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS))
        {
          kf_cli_fail (option, _("must be a whole number"));
          return FALSE;
        }
      *value = text[0] == '-' ? G_MININT64 : G_MAXINT64;
    }
  *value = CLAMP (*value, -(gint64) G_MAXINT32, (gint64) G_MAXINT32);
  return TRUE;
}

static gboolean
read_local_date_time (const char *text,
                      int        *fields)
{
  g_autofree char *date = NULL;
  gsize len = strlen (text);
  char sep;
  int n_read = 0;

  if (len != 16 && len != 19)
    return FALSE;
  date = g_strndup (text, 10);
  sep = text[10];
  if (!kf_date_is_valid (date) || (sep != 'T' && sep != ' '))
    return FALSE;
  for (gsize i = 11; i < len; i++)
    if (!g_ascii_isdigit (text[i]) && !((i == 13 || i == 16) && text[i] == ':'))
      return FALSE;

  fields[5] = 0;
  if (sscanf (text, "%4d-%2d-%2d%*c%2d:%2d%n", &fields[0], &fields[1], &fields[2], &fields[3],
              &fields[4], &n_read) != 5 || n_read != 16)
    return FALSE;
  if (len == 19 && (text[16] != ':' || sscanf (text + 17, "%2d", &fields[5]) != 1))
    return FALSE;
  return fields[3] <= 23 && fields[4] <= 59 && fields[5] <= 59;
}

/**
 * kf_cli_parse_instant:
 * @text: RFC 3339 with an offset, or a local date and time without one
 *   ("2025-05-24T09:05", "2025-05-24 09:05:00")
 *
 * Returns: (transfer full) (nullable): the instant, RFC 3339; a local time
 *   is written with the local offset of that moment
 */
char *
kf_cli_parse_instant (const char *text)
{
  g_autofree char *copy = NULL;
  g_autoptr(GDateTime) dt = NULL;
  int f[6];

  if (text == NULL)
    return NULL;
  copy = g_strdup (text);
  if (strlen (copy) > 10 && copy[10] == ' ')
    copy[10] = 'T';
  if (kf_instant_is_valid (copy))
    return g_steal_pointer (&copy);

  if (!read_local_date_time (text, f))
    return NULL;
  dt = g_date_time_new_local (f[0], f[1], f[2], f[3], f[4], f[5]);
  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z") : NULL;
}

gboolean
kf_cli_check_period (const char *from,
                     const char *to)
{
  const char *bad = NULL;

  if (from != NULL && !kf_date_is_valid (from))
    bad = "--from";
  else if (to != NULL && !kf_date_is_valid (to))
    bad = "--to";
  if (bad != NULL)
    {
      kf_cli_fail (bad, _("must be a date written YYYY-MM-DD, such as 2025-05-24"));
      return FALSE;
    }
  if (from != NULL && to != NULL && strcmp (from, to) > 0)
    {
      kf_cli_fail ("--to", _("must not be before the first day of the period"));
      return FALSE;
    }
  return TRUE;
}

gboolean
kf_cli_check_code (const char         *option,
                   const char * const *codes,
                   const char         *value)
{
  g_autofree char *allowed = NULL;

  if (value == NULL || kf_code_is_valid (codes, value))
    return TRUE;
  allowed = g_strjoinv (", ", (char **) codes);
  kf_cli_fail (option, _("must be one of: %s"), allowed);
  return FALSE;
}

/* The database */

/**
 * kf_cli_open_store:
 * @create: whether a missing database may be made (init, demo)
 *
 * Returns: (transfer none) (nullable): the store, open for the whole run
 */
KfStore *
kf_cli_open_store (KfCli    *cli,
                   gboolean  create,
                   GError  **error)
{
  if (cli->store != NULL)
    return cli->store;
  if (cli->db_path[0] == '\0')
    {
      kf_set_field_error (error, KF_ERROR_INVALID_FIELD, "db", _("must name a file"));
      return NULL;
    }

  /* Only the commands that set a database up may make its file: a typo in
   * --db must not leave an empty database behind. */
  if (!create && !g_file_test (cli->db_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, KF_ERROR, KF_ERROR_NOT_INITIALIZED,
                   _("is not set up yet: run “kaifang-cli init” or start Kaifang first"));
      return NULL;
    }
  if (create && cli->db_is_default)
    {
      g_autofree char *dir = g_path_get_dirname (cli->db_path);
      g_mkdir_with_parents (dir, 0700);
    }

  cli->store = kf_store_open (cli->db_path, error);
  return cli->store;
}

/**
 * kf_cli_open_identity:
 * @exit_code: (out): set when %NULL is returned
 *
 * Opens the database of a command that needs it set up.
 *
 * Returns: (transfer full) (nullable): who this installation is
 */
KfIdentity *
kf_cli_open_identity (KfCli *cli,
                      int   *exit_code)
{
  g_autoptr(GError) local_error = NULL;
  KfStore *store = kf_cli_open_store (cli, FALSE, &local_error);
  KfIdentity *identity = NULL;

  if (store != NULL)
    identity = kf_store_get_identity (store, &local_error);
  if (identity == NULL)
    *exit_code = kf_cli_fail_error (cli, local_error);
  return identity;
}

gboolean
kf_cli_require_base (KfCli            *cli,
                     const KfIdentity *identity)
{
  if (identity->role == KF_ROLE_BASE)
    return TRUE;
  kf_cli_fail (cli->subject, _("only a base can do this; this installation is set up as %s"),
               kf_role_to_string (identity->role));
  return FALSE;
}

/* Output goes out as UTF-8 bytes, whatever the locale. */
void
kf_cli_print (const char *text)
{
  fputs (text, stdout);
}

void
kf_cli_printf (const char *format,
               ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  fputs (text, stdout);
}

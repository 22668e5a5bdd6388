/* kf-cli-init.c — init, status and demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kf-cli-private.h"
#include "kf-sync-store.h"
#include "kf-demo.h"
#include "kf-error.h"

static const KfCliOption init_options[] = {
  { "--role", "ROLE", N_("base, school or reviewer"), TRUE },
  { "--base-name", "NAME", N_("the base’s name (role base)"), FALSE },
  { "--address", "A", N_("the base’s address (role base)"), FALSE },
  { "--contact-name", "N", N_("the base’s contact person (role base)"), FALSE },
  { "--contact-phone", "P", N_("the base’s contact phone (role base)"), FALSE },
  { "--org", "NAME", N_("the school or organisation (role school)"), FALSE },
  { NULL, NULL, NULL, FALSE }
};

static const KfCliCommand init_command = {
  "init", NULL, N_("Sets up an empty database for a base, a school or the reviewer."),
  init_options, 0
};

static const KfCliOption status_options[] = {
  { "--json", NULL, N_("print JSON"), FALSE },
  { NULL, NULL, NULL, FALSE }
};

static const KfCliCommand status_command = {
  "status", NULL, N_("Shows the role, the hub, queued operations and the last sync."),
  status_options, 0
};

static const KfCliOption no_options[] = {
  { NULL, NULL, NULL, FALSE }
};

static const KfCliCommand demo_command = {
  "demo", NULL, N_("Fills an empty database with the demo data set (a science week in 沁水县)."),
  no_options, 0
};

/* A database file that a failed command made is taken away again, so that
 * the command leaves nothing behind. */
static void
remove_new_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static int
check_role_options (KfCliArgs *args,
                    KfRole     role)
{
  static const char * const base_only[] = {
    "--base-name", "--address", "--contact-name", "--contact-phone", NULL
  };

  for (guint i = 0; base_only[i] != NULL; i++)
    if (role != KF_ROLE_BASE && kf_cli_args_has (args, base_only[i]))
      return kf_cli_usage_error (base_only[i], _("is only for --role base"));
  if (role != KF_ROLE_SCHOOL && kf_cli_args_has (args, "--org"))
    return kf_cli_usage_error ("--org", _("is only for --role school"));

  if (role == KF_ROLE_BASE && !kf_cli_args_has (args, "--base-name"))
    return kf_cli_usage_error ("--base-name", _("is required for --role base"));
  if (role == KF_ROLE_SCHOOL && !kf_cli_args_has (args, "--org"))
    return kf_cli_usage_error ("--org", _("is required for --role school"));
  return -1;
}

static KfRecord *
new_base (KfCliArgs *args)
{
  KfBase *base = KF_BASE (kf_record_new (KF_ENTITY_BASE));
  const char *value;

  base->r.id = kf_new_id ();
  base->name = g_strdup (kf_cli_args_get (args, "--base-name"));
  value = kf_cli_args_get (args, "--address");
  base->address = g_strdup (value != NULL ? value : "");
  value = kf_cli_args_get (args, "--contact-name");
  base->contact_name = g_strdup (value != NULL ? value : "");
  value = kf_cli_args_get (args, "--contact-phone");
  base->contact_phone = g_strdup (value != NULL ? value : "");
  return (KfRecord *) base;
}

/* The organisation's name must be one a booking may carry. */
static gboolean
check_org_name (const char *org_name,
                GError    **error)
{
  g_autoptr(KfRecord) probe = kf_record_new (KF_ENTITY_BOOKING);

  KF_BOOKING (probe)->org_name = g_strdup (org_name);
  return kf_record_validate_field (probe, "org_name", error);
}

static gboolean
initialize (KfCli            *cli,
            const KfIdentity *identity,
            const KfRecord   *base,
            GError          **error)
{
  gboolean existed = g_file_test (cli->db_path, G_FILE_TEST_EXISTS);
  KfStore *store = kf_cli_open_store (cli, TRUE, error);

  if (store != NULL && kf_store_initialize (store, identity, KF_BASE (base), error))
    return TRUE;
  if (!existed)
    {
      g_clear_object (&cli->store);
      remove_new_database (cli->db_path);
    }
  return FALSE;
}

int
kf_cli_init (KfCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(KfCliArgs) args = NULL;
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(KfRecord) base = NULL;
  g_autoptr(GError) local_error = NULL;
  int exit_code;
  KfRole role;

  if ((args = kf_cli_args_parse (cli, &init_command, argc, argv, &exit_code)) == NULL)
    return exit_code;
  if (!kf_role_from_string (kf_cli_args_get (args, "--role"), &role))
    return kf_cli_fail ("--role", _("must be one of: %s"), "base, school, reviewer");
  if ((exit_code = check_role_options (args, role)) >= 0)
    return exit_code;

  /* Everything is checked before the database is touched. */
  cli->subject = cli->db_path;
  if (role == KF_ROLE_BASE)
    {
      base = new_base (args);
      if (!kf_record_validate (base, &local_error))
        return kf_cli_fail_error (cli, local_error);
      identity = kf_identity_new (role, base->id, NULL);
    }
  else if (role == KF_ROLE_SCHOOL)
    {
      if (!check_org_name (kf_cli_args_get (args, "--org"), &local_error))
        return kf_cli_fail_error (cli, local_error);
      identity = kf_identity_new (role, NULL, kf_cli_args_get (args, "--org"));
    }
  else
    identity = kf_identity_new (role, NULL, NULL);

  if (!initialize (cli, identity, base, &local_error))
    return kf_cli_fail_error (cli, local_error);

  if (base != NULL)
    kf_cli_printf ("%s\n", base->id);
  return KF_CLI_EXIT_OK;
}

/* status */

typedef struct
{
  KfIdentity *identity;
  char       *base_name;
  gint64      queued;
  gint64      conflicts;
  gint64      rejected;
  char       *hub;
  char       *last_sync;
} Status;

static void
status_clear (Status *status)
{
  g_clear_pointer (&status->identity, kf_identity_free);
  g_clear_pointer (&status->base_name, g_free);
  g_clear_pointer (&status->hub, g_free);
  g_clear_pointer (&status->last_sync, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Status, status_clear)

static void
append_json_text_or_null (GString    *out,
                          const char *value)
{
  if (value == NULL)
    g_string_append (out, "null");
  else
    kf_json_append_string (out, value);
}

static void
print_status_json (const Status *status)
{
  g_autoptr(GString) out = g_string_new ("{\"role\": ");

  kf_json_append_string (out, kf_role_to_string (status->identity->role));
  g_string_append (out, ", \"base_id\": ");
  append_json_text_or_null (out, status->identity->base_id);
  g_string_append (out, ", \"org_name\": ");
  append_json_text_or_null (out, status->identity->org_name);
  g_string_append (out, ", \"hub\": ");
  append_json_text_or_null (out, status->hub);
  g_string_append_printf (out, ", \"queued\": %" G_GINT64_FORMAT, status->queued);
  g_string_append_printf (out, ", \"conflicts\": %" G_GINT64_FORMAT, status->conflicts);
  g_string_append_printf (out, ", \"rejected\": %" G_GINT64_FORMAT, status->rejected);
  g_string_append (out, ", \"last_sync\": ");
  append_json_text_or_null (out, status->last_sync);
  g_string_append (out, "}\n");
  kf_cli_print (out->str);
}

static void
print_status_text (const Status *status)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const KfIdentity *identity = status->identity;

  g_string_append_printf (out, "%-14s %s\n", _("Role:"), kf_role_to_string (identity->role));
  if (identity->role == KF_ROLE_BASE)
    g_string_append_printf (out, "%-14s %s (%s)\n", _("Base:"),
                            status->base_name != NULL ? status->base_name : "?",
                            identity->base_id);
  if (identity->role == KF_ROLE_SCHOOL)
    g_string_append_printf (out, "%-14s %s\n", _("Organisation:"), identity->org_name);
  g_string_append_printf (out, "%-14s %s\n", _("Hub:"),
                          status->hub != NULL ? status->hub : _("not set"));
  g_string_append_printf (out, "%-14s %" G_GINT64_FORMAT "\n", _("Queued:"), status->queued);
  g_string_append_printf (out, "%-14s %" G_GINT64_FORMAT "\n", _("Conflicts:"),
                          status->conflicts);
  g_string_append_printf (out, "%-14s %" G_GINT64_FORMAT "\n", _("Rejected:"),
                          status->rejected);
  g_string_append_printf (out, "%-14s %s\n", _("Last sync:"),
                          status->last_sync != NULL ? status->last_sync : _("never"));
  kf_cli_print (out->str);
}

int
kf_cli_status (KfCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(KfCliArgs) args = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(Status) status = { NULL, NULL, 0, 0, 0, NULL, NULL };
  int exit_code;

  if ((args = kf_cli_args_parse (cli, &status_command, argc, argv, &exit_code)) == NULL)
    return exit_code;
  if ((status.identity = kf_cli_open_identity (cli, &exit_code)) == NULL)
    return exit_code;

  status.queued = kf_store_count_queued_ops (cli->store, &local_error);
  if (status.queued < 0)
    return kf_cli_fail_error (cli, local_error);
  status.conflicts = kf_sync_store_count_state (cli->store, "conflict");
  status.rejected = kf_sync_store_count_state (cli->store, "rejected");
  status.hub = kf_store_get_meta (cli->store, "hub_url");
  status.last_sync = kf_store_get_meta (cli->store, "last_sync");
  if (status.identity->base_id != NULL)
    {
      g_autoptr(KfRecord) base = kf_store_get (cli->store, KF_ENTITY_BASE,
                                               status.identity->base_id, NULL);
      status.base_name = base != NULL ? g_strdup (KF_BASE (base)->name) : NULL;
    }

  if (kf_cli_args_has (args, "--json"))
    print_status_json (&status);
  else
    print_status_text (&status);
  return KF_CLI_EXIT_OK;
}

/* demo */

int
kf_cli_demo (KfCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(KfCliArgs) args = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean existed;
  KfStore *store;
  int exit_code;

  if ((args = kf_cli_args_parse (cli, &demo_command, argc, argv, &exit_code)) == NULL)
    return exit_code;

  existed = g_file_test (cli->db_path, G_FILE_TEST_EXISTS);
  store = kf_cli_open_store (cli, TRUE, &local_error);
  if (store != NULL && kf_demo_load (store, &local_error))
    return KF_CLI_EXIT_OK;

  if (store != NULL && !existed)
    {
      g_clear_object (&cli->store);
      remove_new_database (cli->db_path);
    }
  return kf_cli_fail_error (cli, local_error);
}

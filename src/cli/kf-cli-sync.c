/* kf-cli-sync.c — sync, conflicts, resolve
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kf-cli-private.h"
#include "kf-error.h"
#include "kf-sync.h"

#define KF_CLI_EXIT_NO_HUB 3

static const KfCliOption sync_options[] = {
  { "--hub", "URL", N_("the hub’s address, such as https://hub.example.cn:8443 (remembered)"),
    FALSE },
  { "--token", "TOKEN", N_("this installation’s token (remembered)"), FALSE },
  { "--ca-file", "FILE", N_("the county’s own certificate authority, PEM (remembered)"), FALSE },
  { "--timeout", "SECONDS", N_("how long to wait for each answer (default 30)"), FALSE },
  { NULL }
};

static const KfCliCommand sync_command = {
  "sync", NULL, N_("push what is queued to the hub, then pull; prints what this run met"),
  sync_options, 0
};

static const KfCliOption json_only[] = {
  { "--json", NULL, N_("print JSON"), FALSE },
  { NULL }
};

static const KfCliCommand conflicts_command = {
  "conflicts", NULL, N_("records whose push met a newer version on the hub, and rejected changes"),
  json_only, 0
};

static const KfCliOption resolve_options[] = {
  { "--keep", "mine|theirs", N_("keep this installation’s record, or take the hub’s"), TRUE },
  { NULL }
};

static const KfCliCommand resolve_command = {
  "resolve", "ID", N_("resolve the conflict of the record ID"), resolve_options, 1
};

static gboolean
remember_hub (KfCli      *cli,
              KfCliArgs  *args,
              int        *exit_code)
{
  const char *hub = kf_cli_args_get (args, "--hub");
  const char *token = kf_cli_args_get (args, "--token");
  const char *ca_file = kf_cli_args_get (args, "--ca-file");
  g_autofree char *known_hub = NULL;
  g_autoptr(GError) error = NULL;

  if (hub == NULL && token == NULL && ca_file == NULL)
    return TRUE;

  if (ca_file != NULL && !g_file_test (ca_file, G_FILE_TEST_IS_REGULAR))
    {
      *exit_code = kf_cli_fail ("--ca-file", _("there is no such file"));
      return FALSE;
    }
  if (token != NULL && *token == '\0')
    {
      *exit_code = kf_cli_fail ("--token", _("is required"));
      return FALSE;
    }

  known_hub = hub != NULL ? g_strdup (hub) : kf_store_get_meta (cli->store, "hub_url");
  if (known_hub == NULL)
    {
      *exit_code = kf_cli_fail ("--hub", _("is required the first time"));
      return FALSE;
    }
  if (!kf_sync_set_hub (cli->store, known_hub, token, ca_file, &error))
    {
      *exit_code = error->domain == KF_SYNC_ERROR ? kf_cli_fail ("--hub", "%s", error->message)
                                                  : kf_cli_fail_error (cli, error);
      return FALSE;
    }
  return TRUE;
}

int
kf_cli_sync (KfCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(KfCliArgs) args = NULL;
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(GError) error = NULL;
  KfSyncPolicy policy = { 3, 30, 8000 };
  KfSyncCounts counts = { 0 };
  gint64 timeout = 30;
  int exit_code;
  gboolean ok;

  if ((args = kf_cli_args_parse (cli, &sync_command, argc, argv, &exit_code)) == NULL)
    return exit_code;
  if (!kf_cli_parse_int ("--timeout", kf_cli_args_get (args, "--timeout"), 30, &timeout))
    return KF_CLI_EXIT_FAILED;
  if (timeout < 1 || timeout > 600)
    return kf_cli_fail ("--timeout", _("must be between %d and %d"), 1, 600);
  policy.timeout_seconds = timeout;

  if ((identity = kf_cli_open_identity (cli, &exit_code)) == NULL)
    return exit_code;
  if (!remember_hub (cli, args, &exit_code))
    return exit_code;

  ok = kf_sync_run (cli->store, &policy, &counts, NULL, &error);
  /* A line for scripts, exactly as cli.md gives it: never translated. */
  kf_cli_printf ("pushed %u, pulled %u, conflicts %u, rejected %u\n",
                 counts.pushed, counts.pulled, counts.conflicts, counts.rejected);
  if (ok)
    return KF_CLI_EXIT_OK;

  if (error->domain == KF_SYNC_ERROR && error->code == KF_SYNC_ERROR_NOT_SET_UP)
    return kf_cli_fail ("hub", "%s", error->message);
  if (error->domain == KF_SYNC_ERROR)
    {
      /* Nothing is lost: what was queued stays queued for the next sync. */
      kf_cli_fail ("hub", "%s", error->message);
      return KF_CLI_EXIT_NO_HUB;
    }
  return kf_cli_fail_error (cli, error);
}

static char *
describe_differences (JsonObject *mine,
                      JsonObject *theirs)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GList) members = json_object_get_members (theirs);

  for (GList *m = members; m != NULL; m = m->next)
    {
      const char *name = m->data;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      if (strcmp (name, "version") == 0 || strcmp (name, "id") == 0 ||
          mine == NULL || !json_object_has_member (mine, name))
        continue;
      a = json_to_string (json_object_get_member (mine, name), FALSE);
      b = json_to_string (json_object_get_member (theirs, name), FALSE);
      if (strcmp (a, b) != 0)
        g_string_append_printf (out, "%s%s: %s → %s", out->len > 0 ? "; " : "", name, a, b);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
print_conflicts_text (GPtrArray *conflicts,
                      GPtrArray *rejected)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (conflicts->len == 0 && rejected->len == 0)
    g_string_append_printf (out, "%s\n", _("No conflicts and no rejected changes."));

  for (guint i = 0; i < conflicts->len; i++)
    {
      JsonObject *c = g_ptr_array_index (conflicts, i);
      g_autofree char *diff = NULL;
      JsonNode *mine = json_object_get_member (c, "mine");

      diff = describe_differences (JSON_NODE_HOLDS_OBJECT (mine) ? json_node_get_object (mine)
                                                                  : NULL,
                                   json_object_get_object_member (c, "theirs"));
      g_string_append_printf (out, _("conflict  %s %s: mine → hub: %s\n"),
                              json_object_get_string_member (c, "entity"),
                              json_object_get_string_member (c, "id"), diff);
    }
  for (guint i = 0; i < rejected->len; i++)
    {
      JsonObject *r = g_ptr_array_index (rejected, i);

      g_string_append_printf (out, _("rejected  %s %s: %s (%s)\n"),
                              json_object_get_string_member (r, "entity"),
                              json_object_get_string_member (r, "id"),
                              json_object_get_string_member_with_default (r, "message", ""),
                              json_object_get_string_member_with_default (r, "code", ""));
    }
  kf_cli_print (out->str);
}

static void
print_conflicts_json (GPtrArray *conflicts,
                      GPtrArray *rejected)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "conflicts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < conflicts->len; i++)
    {
      JsonNode *node = json_node_init_object (json_node_alloc (), g_ptr_array_index (conflicts, i));
      json_builder_add_value (builder, node);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "rejected");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rejected->len; i++)
    {
      JsonNode *node = json_node_init_object (json_node_alloc (), g_ptr_array_index (rejected, i));
      json_builder_add_value (builder, node);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  kf_cli_printf ("%s\n", text);
}

int
kf_cli_conflicts (KfCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autoptr(KfCliArgs) args = NULL;
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) rejected = NULL;
  g_autoptr(GError) error = NULL;
  int exit_code;

  if ((args = kf_cli_args_parse (cli, &conflicts_command, argc, argv, &exit_code)) == NULL)
    return exit_code;
  if ((identity = kf_cli_open_identity (cli, &exit_code)) == NULL)
    return exit_code;

  conflicts = kf_sync_store_list_conflicts (cli->store, &error);
  if (conflicts != NULL)
    rejected = kf_sync_store_list_rejected (cli->store, &error);
  if (rejected == NULL)
    return kf_cli_fail_error (cli, error);

  if (kf_cli_args_has (args, "--json"))
    print_conflicts_json (conflicts, rejected);
  else
    print_conflicts_text (conflicts, rejected);
  return KF_CLI_EXIT_OK;
}

int
kf_cli_resolve (KfCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(KfCliArgs) args = NULL;
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(GError) error = NULL;
  const char *keep, *id;
  int exit_code;

  if ((args = kf_cli_args_parse (cli, &resolve_command, argc, argv, &exit_code)) == NULL)
    return exit_code;

  keep = kf_cli_args_get (args, "--keep");
  if (g_strcmp0 (keep, "mine") != 0 && g_strcmp0 (keep, "theirs") != 0)
    return kf_cli_fail ("--keep", _("must be mine or theirs"));
  if ((identity = kf_cli_open_identity (cli, &exit_code)) == NULL)
    return exit_code;

  id = kf_cli_args_positional (args, 0);
  if (!kf_sync_store_resolve (cli->store, id, g_str_equal (keep, "mine"), &error))
    {
      if (g_error_matches (error, KF_ERROR, KF_ERROR_NOT_FOUND))
        return kf_cli_fail (id, "%s", error->message);
      return kf_cli_fail_error (cli, error);
    }
  return KF_CLI_EXIT_OK;
}

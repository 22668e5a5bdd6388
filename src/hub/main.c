/* main.c — kaifang-hub: the commands of the central endpoint
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kaifang-hub"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "kf-error.h"
#include "kf-hub-db.h"
#include "kf-hub-server.h"

#define EXIT_FAILED 1
#define EXIT_USAGE 2

/* Every failure is one line: "kaifang-hub: SUBJECT: REASON". */
static int
fail (int         status,
      const char *subject,
      const char *reason)
{
  g_printerr ("kaifang-hub: %s: %s\n", subject, reason);
  return status;
}

/* Options */

typedef struct
{
  const char  *name;
  char       **value;    /* an option with a value */
  gboolean    *flag;     /* or a flag */
} Option;

typedef struct
{
  const Option *options;
  guint         max_positional;
} Usage;

static const Option *
find_option (const Usage *usage,
             const char  *name,
             gsize        length)
{
  for (const Option *o = usage->options; o->name != NULL; o++)
    if (strlen (o->name) == length && strncmp (o->name, name, length) == 0)
      return o;
  return NULL;
}

static gboolean
wants_help (int    argc,
            char **argv)
{
  for (int i = 0; i < argc && strcmp (argv[i], "--") != 0; i++)
    if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
      return TRUE;
  return FALSE;
}

static int
take_option (const Usage *usage,
             int          argc,
             char       **argv,
             int         *i)
{
  const char *arg = argv[*i];
  const char *equals = strchr (arg, '=');
  const Option *option = find_option (usage, arg, equals != NULL ? (gsize) (equals - arg)
                                                                 : strlen (arg));
  g_autofree char *name = equals != NULL ? g_strndup (arg, equals - arg) : g_strdup (arg);

  if (option == NULL)
    return fail (EXIT_USAGE, name, _("unknown option"));
  if (option->flag != NULL)
    {
      if (equals != NULL)
        return fail (EXIT_USAGE, name, _("takes no value"));
      *option->flag = TRUE;
      return 0;
    }
  if (equals == NULL && *i + 1 >= argc)
    return fail (EXIT_USAGE, name, _("needs a value"));

  g_free (*option->value);
  *option->value = g_strdup (equals != NULL ? equals + 1 : argv[++*i]);
  return 0;
}

/* Reads argv (after the command's words) into the options of @usage.
 * Returns 0, or the exit status of a usage error (already reported). */
static int
parse_options (const Usage *usage,
               int          argc,
               char       **argv,
               GPtrArray   *positional)
{
  gboolean only_positional = FALSE;

  for (int i = 0; i < argc; i++)
    {
      int status;

      if (!only_positional && strcmp (argv[i], "--") == 0)
        {
          only_positional = TRUE;
          continue;
        }
      if (!only_positional && argv[i][0] == '-' && argv[i][1] != '\0')
        {
          if ((status = take_option (usage, argc, argv, &i)) != 0)
            return status;
          continue;
        }
      if (positional->len >= usage->max_positional)
        return fail (EXIT_USAGE, argv[i], _("unexpected argument"));
      g_ptr_array_add (positional, argv[i]);
    }
  return 0;
}

static int
print_help (const char *help)
{
  g_print ("%s", _(help));
  return 0;
}

static int
require (const char *value,
         const char *option)
{
  return value != NULL ? 0 : fail (EXIT_USAGE, option, _("is required"));
}

static KfStore *
open_db (const char *path,
         int        *status)
{
  g_autoptr(GError) error = NULL;
  KfStore *store = kf_hub_db_open (path, &error);

  if (store == NULL)
    *status = fail (EXIT_FAILED, "--db", error->message);
  return store;
}

/* serve */

static gboolean
parse_listen (const char  *text,
              char       **host,
              guint       *port)
{
  const char *colon = strrchr (text, ':');
  guint64 number;

  if (colon == NULL || colon == text ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &number, NULL))
    return FALSE;

  if (text[0] == '[')
    {
      if (colon[-1] != ']' || colon - text < 3)
        return FALSE;
      *host = g_strndup (text + 1, colon - text - 2);
    }
  else
    *host = g_strndup (text, colon - text);
  *port = (guint) number;
  return TRUE;
}

static void
server_stopped_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_main_loop_quit (user_data);
}

typedef struct
{
  KfHubServer *server;
  GMainLoop   *loop;
} Serving;

static gboolean
serving_signal_cb (gpointer user_data)
{
  Serving *serving = user_data;

  if (!kf_hub_server_is_stopping (serving->server))
    kf_hub_server_stop_async (serving->server, server_stopped_cb, serving->loop);
  return G_SOURCE_CONTINUE;
}

static int
serve_until_signal (KfStore         *store,
                    const char      *host,
                    guint            port,
                    GTlsCertificate *certificate)
{
  g_autoptr(KfHubServer) server = kf_hub_server_new (store);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  Serving serving = { server, loop };
  guint term_id, int_id;

  if (!kf_hub_server_listen (server, host, port, certificate, &error))
    return fail (EXIT_FAILED, "--listen", error->message);

  url = kf_hub_server_get_url (server);
  g_print ("listening on %s\n", url);
  fflush (stdout);

  term_id = g_unix_signal_add (SIGTERM, serving_signal_cb, &serving);
  int_id = g_unix_signal_add (SIGINT, serving_signal_cb, &serving);
  g_main_loop_run (loop);
  g_source_remove (term_id);
  g_source_remove (int_id);

  /* Connections still closing may hold the server: let go of the database
   * now, so that it is closed (and its WAL checkpointed) before exit. */
  g_object_run_dispose (G_OBJECT (server));
  return 0;
}

static const char serve_help[] =
  N_("Usage: kaifang-hub serve --db PATH --listen HOST:PORT [--tls-cert FILE --tls-key FILE]\n"
     "\n"
     "Serves the Kaifang hub protocol (version 1) on HOST:PORT; port 0 picks a free\n"
     "port. When ready, prints “listening on http://HOST:PORT” with the real port as\n"
     "its first line. With --tls-cert and --tls-key (PEM files) it serves HTTPS.\n"
     "SIGTERM or SIGINT: finishes the requests under way, closes the database and\n"
     "exits 0.\n");

static int
cmd_serve (int    argc,
           char **argv)
{
  g_autofree char *db = NULL, *listen = NULL, *cert = NULL, *key = NULL, *host = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(KfStore) store = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  const Option options[] = {
    { "--db", &db, NULL }, { "--listen", &listen, NULL },
    { "--tls-cert", &cert, NULL }, { "--tls-key", &key, NULL }, { NULL, NULL, NULL },
  };
  const Usage usage = { options, 0 };
  guint port;
  int status;

  if (wants_help (argc, argv))
    return print_help (serve_help);
  if ((status = parse_options (&usage, argc, argv, positional)) != 0 ||
      (status = require (db, "--db")) != 0 || (status = require (listen, "--listen")) != 0)
    return status;
  if ((cert == NULL) != (key == NULL))
    return fail (EXIT_USAGE, cert == NULL ? "--tls-cert" : "--tls-key",
                 _("--tls-cert and --tls-key go together"));
  if (!parse_listen (listen, &host, &port))
    return fail (EXIT_FAILED, "--listen", _("must be HOST:PORT, such as 127.0.0.1:8443"));

  if (cert != NULL &&
      (certificate = g_tls_certificate_new_from_files (cert, key, &error)) == NULL)
    return fail (EXIT_FAILED, "--tls-cert", error->message);

  store = open_db (db, &status);
  if (store == NULL)
    return status;
  return serve_until_signal (store, host, port, certificate);
}

/* base */

static const char base_add_help[] =
  N_("Usage: kaifang-hub base add --db PATH --name NAME [--id UUID] [--address A]\n"
     "                            [--contact-name N] [--contact-phone P]\n"
     "\n"
     "Registers a base (a science-popularisation site) and prints its id. Every\n"
     "client pulls it; base tokens are bound to it (token add --role base).\n");

static const char *
base_option (const char *field)
{
  static const struct { const char *field, *option; } map[] = {
    { "id", "--id" }, { "name", "--name" }, { "address", "--address" },
    { "contact_name", "--contact-name" }, { "contact_phone", "--contact-phone" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_strcmp0 (map[i].field, field) == 0)
      return map[i].option;
  return "--db";
}

static int
cmd_base_add (int    argc,
              char **argv)
{
  g_autofree char *db = NULL, *name = NULL, *id = NULL, *address = NULL;
  g_autofree char *contact_name = NULL, *contact_phone = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(KfStore) store = NULL;
  g_autoptr(KfRecord) record = kf_record_new (KF_ENTITY_BASE);
  g_autoptr(GError) error = NULL;
  KfBase *base = KF_BASE (record);
  const Option options[] = {
    { "--db", &db, NULL }, { "--name", &name, NULL }, { "--id", &id, NULL },
    { "--address", &address, NULL }, { "--contact-name", &contact_name, NULL },
    { "--contact-phone", &contact_phone, NULL }, { NULL, NULL, NULL },
  };
  const Usage usage = { options, 0 };
  int status;

  if (wants_help (argc, argv))
    return print_help (base_add_help);
  if ((status = parse_options (&usage, argc, argv, positional)) != 0 ||
      (status = require (db, "--db")) != 0 || (status = require (name, "--name")) != 0)
    return status;

  record->id = g_steal_pointer (&id);
  base->name = g_steal_pointer (&name);
  base->address = g_strdup (address != NULL ? address : "");
  base->contact_name = g_strdup (contact_name != NULL ? contact_name : "");
  base->contact_phone = g_strdup (contact_phone != NULL ? contact_phone : "");

  /* The values are checked before the database is opened (or made). */
  if (record->id == NULL)
    record->id = kf_new_id ();
  if (!kf_record_validate (record, &error))
    return fail (EXIT_FAILED, base_option (kf_error_get_field (error)), error->message);

  store = open_db (db, &status);
  if (store == NULL)
    return status;
  if (!kf_hub_base_add (store, record, &error))
    return fail (EXIT_FAILED, base_option (kf_error_get_field (error)), error->message);

  g_print ("%s\n", record->id);
  return 0;
}

static const char base_list_help[] =
  N_("Usage: kaifang-hub base list --db PATH [--json]\n"
     "\n"
     "Lists the bases: id, name, address, contact. With --json, an array of base\n"
     "records as the protocol writes them.\n");

static void
print_bases_text (GPtrArray *bases)
{
  for (guint i = 0; i < bases->len; i++)
    {
      KfBase *base = g_ptr_array_index (bases, i);

      g_print ("%s\t%s\t%s\t%s\t%s\n", base->r.id, base->name, base->address,
               base->contact_name, base->contact_phone);
    }
}

static void
print_bases_json (GPtrArray *bases)
{
  g_autoptr(GString) out = g_string_new ("[");

  for (guint i = 0; i < bases->len; i++)
    {
      g_string_append (out, i > 0 ? ",\n " : "\n ");
      kf_record_append_json (g_ptr_array_index (bases, i), TRUE, out);
    }
  g_string_append (out, bases->len > 0 ? "\n]\n" : "]\n");
  g_print ("%s", out->str);
}

static int
cmd_base_list (int    argc,
               char **argv)
{
  g_autofree char *db = NULL;
  gboolean json = FALSE;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(KfStore) store = NULL;
  g_autoptr(GPtrArray) bases = NULL;
  g_autoptr(GError) error = NULL;
  const Option options[] = {
    { "--db", &db, NULL }, { "--json", NULL, &json }, { NULL, NULL, NULL },
  };
  const Usage usage = { options, 0 };
  int status;

  if (wants_help (argc, argv))
    return print_help (base_list_help);
  if ((status = parse_options (&usage, argc, argv, positional)) != 0 ||
      (status = require (db, "--db")) != 0)
    return status;

  store = open_db (db, &status);
  if (store == NULL)
    return status;
  bases = kf_store_list (store, KF_ENTITY_BASE, NULL, &error);
  if (bases == NULL)
    return fail (EXIT_FAILED, "--db", error->message);

  if (json)
    print_bases_json (bases);
  else
    print_bases_text (bases);
  return 0;
}

/* token */

static const char token_add_help[] =
  N_("Usage: kaifang-hub token add --db PATH --role base --base ID --name LABEL\n"
     "       kaifang-hub token add --db PATH --role school --org NAME --name LABEL\n"
     "       kaifang-hub token add --db PATH --role reviewer --name LABEL\n"
     "\n"
     "Makes a token for one client and prints it. The hub keeps only its hash, so\n"
     "this is the only time it is shown. A base token is bound to a registered base;\n"
     "a school token to an organisation name, exactly as its bookings write it.\n");

static const char *
token_option (const char *field)
{
  if (g_strcmp0 (field, "base_id") == 0)
    return "--base";
  if (g_strcmp0 (field, "org_name") == 0)
    return "--org";
  if (g_strcmp0 (field, "label") == 0)
    return "--name";
  return "--db";
}

static int
check_token_options (KfRole      role,
                     const char *base_id,
                     const char *org_name)
{
  if (role == KF_ROLE_BASE && base_id == NULL)
    return fail (EXIT_USAGE, "--base", _("is required for the role base"));
  if (role == KF_ROLE_SCHOOL && org_name == NULL)
    return fail (EXIT_USAGE, "--org", _("is required for the role school"));
  if (role != KF_ROLE_BASE && base_id != NULL)
    return fail (EXIT_USAGE, "--base", _("is only for the role base"));
  if (role != KF_ROLE_SCHOOL && org_name != NULL)
    return fail (EXIT_USAGE, "--org", _("is only for the role school"));
  return 0;
}

static int
cmd_token_add (int    argc,
               char **argv)
{
  g_autofree char *db = NULL, *role_text = NULL, *base_id = NULL, *org_name = NULL;
  g_autofree char *label = NULL, *token = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(KfStore) store = NULL;
  g_autoptr(KfHubClient) client = NULL;
  g_autoptr(GError) error = NULL;
  const Option options[] = {
    { "--db", &db, NULL }, { "--role", &role_text, NULL }, { "--base", &base_id, NULL },
    { "--org", &org_name, NULL }, { "--name", &label, NULL }, { NULL, NULL, NULL },
  };
  const Usage usage = { options, 0 };
  KfRole role;
  int status;

  if (wants_help (argc, argv))
    return print_help (token_add_help);
  if ((status = parse_options (&usage, argc, argv, positional)) != 0 ||
      (status = require (db, "--db")) != 0 || (status = require (role_text, "--role")) != 0 ||
      (status = require (label, "--name")) != 0)
    return status;
  if (!kf_role_from_string (role_text, &role))
    return fail (EXIT_FAILED, "--role", _("must be one of: base, school, reviewer"));
  if ((status = check_token_options (role, base_id, org_name)) != 0)
    return status;

  store = open_db (db, &status);
  if (store == NULL)
    return status;
  client = kf_hub_client_add (store, role, base_id, org_name, label, &token, &error);
  if (client == NULL)
    return fail (EXIT_FAILED, token_option (kf_error_get_field (error)), error->message);

  g_print ("%s\n", token);
  return 0;
}

static const char token_list_help[] =
  N_("Usage: kaifang-hub token list --db PATH [--json]\n"
     "\n"
     "Lists the clients: client id, role, label, base or organisation, when the\n"
     "token was made and when it was revoked. Tokens themselves are never kept.\n"
     "With --json: client_id, name, role, base_id, org_name, created_at, revoked_at.\n");

static void
print_clients_text (GPtrArray *clients)
{
  for (guint i = 0; i < clients->len; i++)
    {
      KfHubClient *client = g_ptr_array_index (clients, i);
      const char *bound = client->base_id != NULL ? client->base_id
                          : client->org_name != NULL ? client->org_name : "-";

      g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", client->client_id, kf_role_to_string (client->role),
               client->label, bound, client->created_at,
               client->revoked_at != NULL ? client->revoked_at : "-");
    }
}

static void
append_nullable (GString    *out,
                 const char *value)
{
  if (value == NULL)
    g_string_append (out, "null");
  else
    kf_json_append_string (out, value);
}

static void
print_clients_json (GPtrArray *clients)
{
  g_autoptr(GString) out = g_string_new ("[");

  for (guint i = 0; i < clients->len; i++)
    {
      KfHubClient *client = g_ptr_array_index (clients, i);

      g_string_append (out, i > 0 ? ",\n {\"client_id\": " : "\n {\"client_id\": ");
      kf_json_append_string (out, client->client_id);
      g_string_append (out, ", \"name\": ");
      kf_json_append_string (out, client->label);
      g_string_append_printf (out, ", \"role\": \"%s\", \"base_id\": ",
                              kf_role_to_string (client->role));
      append_nullable (out, client->base_id);
      g_string_append (out, ", \"org_name\": ");
      append_nullable (out, client->org_name);
      g_string_append (out, ", \"created_at\": ");
      kf_json_append_string (out, client->created_at);
      g_string_append (out, ", \"revoked_at\": ");
      append_nullable (out, client->revoked_at);
      g_string_append_c (out, '}');
    }
  g_string_append (out, clients->len > 0 ? "\n]\n" : "]\n");
  g_print ("%s", out->str);
}

static int
cmd_token_list (int    argc,
                char **argv)
{
  g_autofree char *db = NULL;
  gboolean json = FALSE;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(KfStore) store = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;
  const Option options[] = {
    { "--db", &db, NULL }, { "--json", NULL, &json }, { NULL, NULL, NULL },
  };
  const Usage usage = { options, 0 };
  int status;

  if (wants_help (argc, argv))
    return print_help (token_list_help);
  if ((status = parse_options (&usage, argc, argv, positional)) != 0 ||
      (status = require (db, "--db")) != 0)
    return status;

  store = open_db (db, &status);
  if (store == NULL)
    return status;
  clients = kf_hub_client_list (store, &error);
  if (clients == NULL)
    return fail (EXIT_FAILED, "--db", error->message);

  if (json)
    print_clients_json (clients);
  else
    print_clients_text (clients);
  return 0;
}

static const char token_revoke_help[] =
  N_("Usage: kaifang-hub token revoke --db PATH CLIENT_ID\n"
     "\n"
     "Revokes the token of a client (see token list): it stops working at once,\n"
     "also on a running hub. Revoking it again changes nothing.\n");

static int
cmd_token_revoke (int    argc,
                  char **argv)
{
  g_autofree char *db = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(KfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const Option options[] = { { "--db", &db, NULL }, { NULL, NULL, NULL } };
  const Usage usage = { options, 1 };
  int status;

  if (wants_help (argc, argv))
    return print_help (token_revoke_help);
  if ((status = parse_options (&usage, argc, argv, positional)) != 0 ||
      (status = require (db, "--db")) != 0)
    return status;
  if (positional->len == 0)
    return fail (EXIT_USAGE, "CLIENT_ID", _("is required"));

  store = open_db (db, &status);
  if (store == NULL)
    return status;
  if (!kf_hub_client_revoke (store, g_ptr_array_index (positional, 0), &error))
    return fail (EXIT_FAILED, g_ptr_array_index (positional, 0), error->message);
  return 0;
}

/* Commands */

static const char main_help[] =
  N_("Usage: kaifang-hub COMMAND [OPTION…]\n"
     "\n"
     "The central endpoint of Kaifang: installations of bases, schools and the\n"
     "county science association sync with it.\n"
     "\n"
     "Commands:\n"
     "  serve         serve the hub protocol\n"
     "  base add      register a base\n"
     "  base list     list the bases\n"
     "  token add     make a token for a base, a school or the reviewer\n"
     "  token list    list the clients and their tokens' state\n"
     "  token revoke  revoke a client's token\n"
     "\n"
     "Every command takes --help. Exit status: 0 done, 1 could not be done,\n"
     "2 usage error.\n");

typedef int (*Command) (int argc, char **argv);

static const struct
{
  const char *group;
  const char *name;
  Command     run;
} commands[] = {
  { "serve", NULL, cmd_serve },
  { "base", "add", cmd_base_add },
  { "base", "list", cmd_base_list },
  { "token", "add", cmd_token_add },
  { "token", "list", cmd_token_list },
  { "token", "revoke", cmd_token_revoke },
};

static int
run_command (int    argc,
             char **argv)
{
  gboolean known_group = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (commands[i].group, argv[0]) != 0)
        continue;
      known_group = TRUE;
      if (commands[i].name == NULL)
        return commands[i].run (argc - 1, argv + 1);
      if (argc >= 2 && strcmp (commands[i].name, argv[1]) == 0)
        return commands[i].run (argc - 2, argv + 2);
    }

  if (!known_group)
    return fail (EXIT_USAGE, argv[0], _("unknown command"));
  if (argc < 2 || argv[1][0] == '-')
    {
      if (argc >= 2 && wants_help (argc - 1, argv + 1))
        return print_help (main_help);
      return fail (EXIT_USAGE, argv[0], strcmp (argv[0], "base") == 0
                                        ? _("needs a command: add or list")
                                        : _("needs a command: add, list or revoke"));
    }
  {
    g_autofree char *subject = g_strdup_printf ("%s %s", argv[0], argv[1]);
    return fail (EXIT_USAGE, subject, _("unknown command"));
  }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* A client that goes away must not kill the hub. */
  signal (SIGPIPE, SIG_IGN);

  if (argc < 2)
    return fail (EXIT_USAGE, "COMMAND", _("is required; see kaifang-hub --help"));
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    return print_help (main_help);
  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("kaifang-hub %s\n", PACKAGE_VERSION);
      return 0;
    }
  return run_command (argc - 1, argv + 1);
}

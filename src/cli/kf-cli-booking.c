/* kf-cli-booking.c — booking add, status changes, list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kf-cli-private.h"
#include "kf-error.h"
#include "kf-export.h"

static const KfCliOption add_options[] = {
  { "--session", "ID", N_("the session booked"), TRUE },
  { "--org", "NAME", N_("the school or organisation"), TRUE },
  { "--org-type", "CODE", N_("school, kindergarten, community, enterprise or other"), TRUE },
  { "--contact-name", "N", N_("the adult who answers for the group"), TRUE },
  { "--contact-phone", "P", N_("their phone"), TRUE },
  { "--youth", "N", N_("people under 18"), TRUE },
  { "--adults", "N", N_("adults"), TRUE },
  { "--grade", "G", N_("grade or class"), FALSE },
  { "--note", "S", N_("a note"), FALSE },
  { "--confirm", NULL, N_("confirm it at once (a base only)"), FALSE },
  { NULL, NULL, NULL, FALSE }
};

static const KfCliCommand add_command = {
  "booking add", NULL, N_("Adds a group booking, requested or confirmed; prints its id."),
  add_options, 0
};

static const KfCliOption no_options[] = {
  { NULL, NULL, NULL, FALSE }
};

/* The status changes: the command word, the status it sets, its help. */
static const struct
{
  const char   *word;
  const char   *status;
  KfCliCommand  command;
} changes[] = {
  { "confirm", "confirmed", { "booking confirm", "ID", N_("Confirms a requested booking."),
                              no_options, 1 } },
  { "decline", "declined", { "booking decline", "ID", N_("Declines a requested booking."),
                             no_options, 1 } },
  { "cancel", "cancelled", { "booking cancel", "ID", N_("Cancels a booking."), no_options, 1 } },
  { "attended", "attended", { "booking attended", "ID",
                              N_("Marks a confirmed booking as attended (without counts: "
                                 "use “visit add --booking” to record them)."),
                              no_options, 1 } },
  { "no-show", "no_show", { "booking no-show", "ID",
                            N_("Marks a confirmed booking as not come."), no_options, 1 } },
};

static const KfCliOption list_options[] = {
  { "--session", "ID", N_("only this session’s bookings"), FALSE },
  { "--status", "CODE", N_("only bookings in this status"), FALSE },
  { "--from", "D", N_("first day (of the session)"), FALSE },
  { "--to", "D", N_("last day (of the session)"), FALSE },
  { "--json", NULL, N_("print JSON"), FALSE },
  { NULL, NULL, NULL, FALSE }
};

static const KfCliCommand list_command = {
  "booking list", NULL, N_("Lists bookings, by their session’s date."), list_options, 0
};

static KfRecord *
new_booking (KfCliArgs       *args,
             const KfSession *session,
             gint64           youth,
             gint64           adults)
{
  KfBooking *booking = KF_BOOKING (kf_record_new (KF_ENTITY_BOOKING));
  const char *grade = kf_cli_args_get (args, "--grade");
  const char *note = kf_cli_args_get (args, "--note");

  booking->r.id = kf_new_id ();
  booking->base_id = g_strdup (session->base_id);
  booking->session_id = g_strdup (session->r.id);
  booking->org_name = g_strdup (kf_cli_args_get (args, "--org"));
  booking->org_type = g_strdup (kf_cli_args_get (args, "--org-type"));
  booking->grade = g_strdup (grade != NULL ? grade : "");
  booking->contact_name = g_strdup (kf_cli_args_get (args, "--contact-name"));
  booking->contact_phone = g_strdup (kf_cli_args_get (args, "--contact-phone"));
  booking->youth_count = youth;
  booking->adult_count = adults;
  booking->status = g_strdup (kf_cli_args_has (args, "--confirm") ? "confirmed" : "requested");
  booking->note = g_strdup (note != NULL ? note : "");
  return (KfRecord *) booking;
}

static int
booking_add (KfCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(KfCliArgs) args = NULL;
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(KfRecord) session = NULL;
  g_autoptr(KfRecord) booking = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 youth, adults;
  int exit_code;

  cli->subject = add_command.name;
  cli->status_subject = "--confirm";
  if ((args = kf_cli_args_parse (cli, &add_command, argc, argv, &exit_code)) == NULL)
    return exit_code;
  if (!kf_cli_parse_int ("--youth", kf_cli_args_get (args, "--youth"), 0, &youth) ||
      !kf_cli_parse_int ("--adults", kf_cli_args_get (args, "--adults"), 0, &adults))
    return KF_CLI_EXIT_FAILED;
  if ((identity = kf_cli_open_identity (cli, &exit_code)) == NULL)
    return exit_code;

  session = kf_store_get (cli->store, KF_ENTITY_SESSION, kf_cli_args_get (args, "--session"),
                          &local_error);
  if (session == NULL && g_error_matches (local_error, KF_ERROR, KF_ERROR_NOT_FOUND))
    return kf_cli_fail ("--session", "%s", local_error->message);
  if (session == NULL)
    return kf_cli_fail_error (cli, local_error);

  booking = new_booking (args, KF_SESSION (session), youth, adults);
  if (!kf_store_put (cli->store, booking, &local_error))
    return kf_cli_fail_error (cli, local_error);

  kf_cli_printf ("%s\n", booking->id);
  return KF_CLI_EXIT_OK;
}

static int
booking_change (KfCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(KfCliArgs) args = NULL;
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(KfRecord) booking = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *status = NULL, *id;
  int exit_code;

  for (guint i = 0; i < G_N_ELEMENTS (changes) && status == NULL; i++)
    if (strcmp (changes[i].word, argv[0]) == 0)
      {
        status = changes[i].status;
        cli->subject = changes[i].command.name;
        args = kf_cli_args_parse (cli, &changes[i].command, argc, argv, &exit_code);
      }
  g_assert (status != NULL);
  if (args == NULL)
    return exit_code;

  id = kf_cli_args_positional (args, 0);
  cli->record_subject = id;
  if ((identity = kf_cli_open_identity (cli, &exit_code)) == NULL)
    return exit_code;

  booking = kf_store_get (cli->store, KF_ENTITY_BOOKING, id, &local_error);
  if (booking == NULL && g_error_matches (local_error, KF_ERROR, KF_ERROR_NOT_FOUND))
    return kf_cli_fail (id, "%s", local_error->message);
  if (booking == NULL)
    return kf_cli_fail_error (cli, local_error);

  /* Asking for the status it already has changes nothing, and queues nothing. */
  if (g_strcmp0 (KF_BOOKING (booking)->status, status) == 0)
    return KF_CLI_EXIT_OK;

  g_free (KF_BOOKING (booking)->status);
  KF_BOOKING (booking)->status = g_strdup (status);
  if (!kf_store_put (cli->store, booking, &local_error))
    return kf_cli_fail_error (cli, local_error);
  return KF_CLI_EXIT_OK;
}

static void
print_bookings (KfCli     *cli,
                GPtrArray *bookings)
{
  const char *headers[] = {
    _("Date"), _("Time"), _("Organisation"), _("Type"), _("Grade"), _("Youth"), _("Adults"),
    _("Status"), _("Contact"), _("ID"), NULL
  };
  static const gboolean right[] = {
    FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, TRUE, FALSE, FALSE, FALSE
  };
  g_autoptr(KfCliTable) table = kf_cli_table_new (headers, right);
  g_autoptr(GHashTable) sessions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) kf_record_free);
  g_autofree char *text = NULL;

  for (guint i = 0; i < bookings->len; i++)
    {
      const KfBooking *b = g_ptr_array_index (bookings, i);
      KfSession *s = g_hash_table_lookup (sessions, b->session_id);
      g_autofree char *time = NULL;
      g_autofree char *youth = g_strdup_printf ("%" G_GINT64_FORMAT, b->youth_count);
      g_autofree char *adults = g_strdup_printf ("%" G_GINT64_FORMAT, b->adult_count);
      g_autofree char *contact = g_strdup_printf ("%s %s", b->contact_name, b->contact_phone);

      if (s == NULL &&
          (s = KF_SESSION (kf_store_get (cli->store, KF_ENTITY_SESSION, b->session_id, NULL))))
        g_hash_table_insert (sessions, s->r.id, s);
      time = s != NULL ? g_strdup_printf ("%s–%s", s->start, s->end) : NULL;
      {
        const char *cells[] = {
          s != NULL ? s->date : NULL, time, b->org_name, b->org_type, b->grade, youth, adults,
          b->status, contact, b->r.id
        };
        kf_cli_table_add (table, cells);
      }
    }
  text = kf_cli_table_format (table);
  kf_cli_print (text);
}

static gboolean
check_list_filters (KfCli         *cli,
                    const KfQuery *query)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(KfRecord) session = NULL;

  if (!kf_cli_check_code ("--status", kf_booking_status_codes, query->status) ||
      !kf_cli_check_period (query->from, query->to))
    return FALSE;
  if (query->session_id == NULL)
    return TRUE;

  if (kf_cli_open_store (cli, FALSE, &local_error) == NULL)
    {
      kf_cli_fail_error (cli, local_error);
      return FALSE;
    }
  session = kf_store_get (cli->store, KF_ENTITY_SESSION, query->session_id, &local_error);
  if (session == NULL && g_error_matches (local_error, KF_ERROR, KF_ERROR_NOT_FOUND))
    kf_cli_fail ("--session", "%s", local_error->message);
  else if (session == NULL)
    kf_cli_fail_error (cli, local_error);
  return session != NULL;
}

static int
booking_list (KfCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(KfCliArgs) args = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GError) local_error = NULL;
  KfQuery query = { 0 };
  int exit_code;

  cli->subject = list_command.name;
  if ((args = kf_cli_args_parse (cli, &list_command, argc, argv, &exit_code)) == NULL)
    return exit_code;
  query.session_id = kf_cli_args_get (args, "--session");
  query.status = kf_cli_args_get (args, "--status");
  query.from = kf_cli_args_get (args, "--from");
  query.to = kf_cli_args_get (args, "--to");
  if (!check_list_filters (cli, &query))
    return KF_CLI_EXIT_FAILED;

  if (kf_cli_open_store (cli, FALSE, &local_error) == NULL ||
      (bookings = kf_store_list (cli->store, KF_ENTITY_BOOKING, &query, &local_error)) == NULL)
    return kf_cli_fail_error (cli, local_error);

  if (kf_cli_args_has (args, "--json"))
    {
      g_autofree char *json = kf_records_to_json (bookings);
      kf_cli_print (json);
    }
  else
    print_bookings (cli, bookings);
  return KF_CLI_EXIT_OK;
}

static const KfCliSubcommand booking_commands[] = {
  { "add", booking_add, N_("add a group booking") },
  { "confirm", booking_change, N_("confirm a requested booking") },
  { "decline", booking_change, N_("decline a requested booking") },
  { "cancel", booking_change, N_("cancel a booking") },
  { "attended", booking_change, N_("mark a confirmed booking as attended") },
  { "no-show", booking_change, N_("mark a confirmed booking as not come") },
  { "list", booking_list, N_("list bookings") },
  { NULL, NULL, NULL }
};

int
kf_cli_booking (KfCli  *cli,
                int     argc,
                char  **argv)
{
  return kf_cli_dispatch (cli, "booking", booking_commands, argc, argv);
}

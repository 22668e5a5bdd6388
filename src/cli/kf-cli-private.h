/* kf-cli-private.h — what the commands of kaifang-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kf-store.h"

G_BEGIN_DECLS

typedef enum
{
  KF_CLI_EXIT_OK = 0,
  KF_CLI_EXIT_FAILED = 1,
  KF_CLI_EXIT_USAGE = 2,
} KfCliExit;

/**
 * KfCliOption:
 * @name: the long option, "--date"
 * @value_name: (nullable): "D" for an option that takes a value, %NULL for a
 *   flag
 * @help: what it does, N_()
 * @required: whether the command needs it
 */
typedef struct
{
  const char *name;
  const char *value_name;
  const char *help;
  gboolean    required;
} KfCliOption;

/**
 * KfCliCommand:
 * @name: "session add"
 * @synopsis: (nullable): the positional arguments, "ID"
 * @summary: one line, N_()
 * @options: the options, ending with a zeroed one
 * @n_positional: how many positional arguments it takes, exactly
 */
typedef struct
{
  const char        *name;
  const char        *synopsis;
  const char        *summary;
  const KfCliOption *options;
  guint              n_positional;
} KfCliCommand;

typedef struct
{
  GHashTable *values;      /* option name → value ("" for a flag) */
  GPtrArray  *positional;
} KfCliArgs;

/* One run of the program: the database and who to name in an error. */
typedef struct
{
  char       *db_path;
  gboolean    db_is_default;
  KfStore    *store;
  const char *subject;         /* the command, for errors of no field */
  const char *status_subject;  /* (nullable) what supplied a booking status */
  const char *record_subject;  /* (nullable) what named the record, for its other fields */
} KfCli;

typedef int (*KfCliHandler) (KfCli  *cli,
                             int     argc,
                             char  **argv);

typedef struct
{
  const char   *name;
  KfCliHandler  handler;
  const char   *summary;   /* N_() */
} KfCliSubcommand;

/* kf-cli-util.c */
int          kf_cli_fail               (const char          *subject,
                                        const char          *format,
                                        ...) G_GNUC_PRINTF (2, 3);
int          kf_cli_usage_error        (const char          *subject,
                                        const char          *format,
                                        ...) G_GNUC_PRINTF (2, 3);
int          kf_cli_fail_error         (KfCli               *cli,
                                        const GError        *error);
const char  *kf_cli_option_for_field   (const char          *field);

KfCliArgs   *kf_cli_args_parse         (KfCli               *cli,
                                        const KfCliCommand  *command,
                                        int                  argc,
                                        char               **argv,
                                        int                 *exit_code);
void         kf_cli_args_free          (KfCliArgs           *args);
const char  *kf_cli_args_get           (KfCliArgs           *args,
                                        const char          *name);
gboolean     kf_cli_args_has           (KfCliArgs           *args,
                                        const char          *name);
const char  *kf_cli_args_positional    (KfCliArgs           *args,
                                        guint                index);
void         kf_cli_print_help         (const KfCliCommand  *command);
int          kf_cli_dispatch           (KfCli               *cli,
                                        const char          *group,
                                        const KfCliSubcommand *subcommands,
                                        int                  argc,
                                        char               **argv);

gboolean     kf_cli_parse_int          (const char          *option,
                                        const char          *text,
                                        gint64               fallback,
                                        gint64              *value);
char        *kf_cli_parse_instant      (const char          *text);
gboolean     kf_cli_check_period       (const char          *from,
                                        const char          *to);
gboolean     kf_cli_check_code         (const char          *option,
                                        const char * const  *codes,
                                        const char          *value);

KfStore     *kf_cli_open_store         (KfCli               *cli,
                                        gboolean             create,
                                        GError             **error);
KfIdentity  *kf_cli_open_identity      (KfCli               *cli,
                                        int                 *exit_code);
gboolean     kf_cli_require_base       (KfCli               *cli,
                                        const KfIdentity    *identity);
void         kf_cli_print              (const char          *text);
void         kf_cli_printf             (const char          *format,
                                        ...) G_GNUC_PRINTF (1, 2);

/* kf-cli-table.c */
typedef struct _KfCliTable KfCliTable;

KfCliTable  *kf_cli_table_new          (const char * const  *headers,
                                        const gboolean      *right_aligned);
void         kf_cli_table_add          (KfCliTable          *table,
                                        const char * const  *cells);
char        *kf_cli_table_format       (KfCliTable          *table);
void         kf_cli_table_free         (KfCliTable          *table);
gsize        kf_cli_display_width      (const char          *text);

/* the commands */
int          kf_cli_init               (KfCli *cli, int argc, char **argv);
int          kf_cli_status             (KfCli *cli, int argc, char **argv);
int          kf_cli_demo               (KfCli *cli, int argc, char **argv);
int          kf_cli_session            (KfCli *cli, int argc, char **argv);
int          kf_cli_booking            (KfCli *cli, int argc, char **argv);
int          kf_cli_visit              (KfCli *cli, int argc, char **argv);
int          kf_cli_tally              (KfCli *cli, int argc, char **argv);
int          kf_cli_totals             (KfCli *cli, int argc, char **argv);
int          kf_cli_export             (KfCli *cli, int argc, char **argv);
int          kf_cli_report             (KfCli *cli, int argc, char **argv);
int          kf_cli_sync               (KfCli *cli, int argc, char **argv);
int          kf_cli_conflicts          (KfCli *cli, int argc, char **argv);
int          kf_cli_resolve            (KfCli *cli, int argc, char **argv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfCliArgs, kf_cli_args_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfCliTable, kf_cli_table_free)

G_END_DECLS

/* cli-test-util.h — running the real kaifang-cli on temporary databases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kf-store.h"

G_BEGIN_DECLS

typedef struct
{
  int   status;   /* the exit code */
  char *out;
  char *err;
} CliRun;

typedef struct
{
  char *dir;
  char *db;
} CliFixture;

CliRun  *cli_runv                 (const char          *db,
                                   const char * const  *args,
                                   const char * const  *envp);
CliRun  *cli_run                  (const char          *db,
                                   ...) G_GNUC_NULL_TERMINATED;
void     cli_run_free             (CliRun              *run);

void     cli_fixture_setup        (CliFixture          *f,
                                   gconstpointer        data);
void     cli_fixture_teardown     (CliFixture          *f,
                                   gconstpointer        data);

char    *cli_dump_database        (const char          *path);
char    *cli_file_contents        (const char          *path);
void     cli_assert_ok            (CliRun              *run);
char    *cli_assert_prints_id     (CliRun              *run);
void     cli_assert_error         (CliRun              *run,
                                   int                  status,
                                   const char          *line_prefix);
void     cli_assert_fails_unchanged (const char        *db,
                                   int                  status,
                                   const char          *line_prefix,
                                   const char * const  *args);

char    *cli_init_base            (const char          *db);
char    *cli_add_session          (const char          *db,
                                   const char          *date,
                                   const char          *start,
                                   const char          *end,
                                   const char          *capacity,
                                   const char          *title,
                                   const char          *topic,
                                   const char          *format);
char    *cli_add_booking          (const char          *db,
                                   const char          *session_id,
                                   const char          *org,
                                   const char          *youth,
                                   const char          *adults,
                                   gboolean             confirm);
KfStore *cli_open_store           (const char          *db);
KfRecord *cli_get_record          (const char          *db,
                                   KfEntity             entity,
                                   const char          *id);
gint64   cli_count_rows           (const char          *db,
                                   const char          *sql);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliRun, cli_run_free)

G_END_DECLS

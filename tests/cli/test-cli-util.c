/* test-cli-util.c — the pure helpers of kaifang-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include "kf-cli-private.h"

static void
test_parse_instant (void)
{
  static const struct
  {
    const char *text;
    const char *instant;   /* NULL: refused */
  } cases[] = {
    { "2025-05-24T09:05", "2025-05-24T09:05:00+08:00" },
    { "2025-05-24 09:05", "2025-05-24T09:05:00+08:00" },
    { "2025-05-24T09:05:07", "2025-05-24T09:05:07+08:00" },
    { "2025-05-24 23:59:59", "2025-05-24T23:59:59+08:00" },
    { "2025-05-24T09:05:00+08:00", "2025-05-24T09:05:00+08:00" },
    { "2025-05-24 09:05:00+08:00", "2025-05-24T09:05:00+08:00" },
    { "2025-05-24T09:05:00.250Z", "2025-05-24T09:05:00.250Z" },
    { "2025-05-24T09:05:00-03:30", "2025-05-24T09:05:00-03:30" },
    { "2025-02-30T09:05", NULL },
    { "2025-5-24T09:05", NULL },
    { "2025-05-24T9:05", NULL },
    { "2025-05-24T24:00", NULL },
    { "2025-05-24T09:60", NULL },
    { "2025-05-24T09:05:61", NULL },
    { "2025-05-24", NULL },
    { "2025-05-24T09:05+08:00", NULL },
    { "2025-05-24X09:05", NULL },
    { "2025-05-24T09-05", NULL },
    { "", NULL },
    { "now", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *instant = kf_cli_parse_instant (cases[i].text);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpstr (instant, ==, cases[i].instant);
    }
}

static void
test_parse_int (void)
{
  static const struct
  {
    const char *text;
    gboolean    ok;
    gint64      value;
  } cases[] = {
    { "0", TRUE, 0 },
    { "42", TRUE, 42 },
    { "-7", TRUE, -7 },
    { "100000", TRUE, 100000 },
    /* far out of range: kept large, so that the rules name the limits */
    { "99999999999999999999", TRUE, G_MAXINT32 },
    { "-99999999999999999999", TRUE, -(gint64) G_MAXINT32 },
    { "5000000000", TRUE, G_MAXINT32 },
    { "abc", FALSE, 0 },
    { "", FALSE, 0 },
    { "1.5", FALSE, 0 },
    { " 4", FALSE, 0 },
    { "4 ", FALSE, 0 },
    { "0x10", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 value = -1;

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (kf_cli_parse_int ("--n", cases[i].text, 0, &value), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpint (value, ==, cases[i].value);
    }

  {
    gint64 value = -1;
    g_assert_true (kf_cli_parse_int ("--n", NULL, 17, &value));
    g_assert_cmpint (value, ==, 17);
  }
}

static void
test_field_options (void)
{
  static const char * const pairs[][2] = {
    { "capacity", "--capacity" }, { "date", "--date" }, { "start", "--start" },
    { "end", "--end" }, { "title", "--title" }, { "topic", "--topic" },
    { "format", "--format" }, { "note", "--note" }, { "org_name", "--org" },
    { "org_type", "--org-type" }, { "contact_name", "--contact-name" },
    { "contact_phone", "--contact-phone" }, { "youth_count", "--youth" },
    { "adult_count", "--adults" }, { "grade", "--grade" }, { "session_id", "--session" },
    { "booking_id", "--booking" }, { "group_name", "--group" }, { "arrived_at", "--at" },
    { "name", "--base-name" }, { "from", "--from" }, { "to", "--to" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    g_assert_cmpstr (kf_cli_option_for_field (pairs[i][0]), ==, pairs[i][1]);
  g_assert_null (kf_cli_option_for_field ("kind"));
  g_assert_null (kf_cli_option_for_field (NULL));
}

static void
test_table (void)
{
  const char * const headers[] = { "Name", "N", NULL };
  const gboolean right[] = { FALSE, TRUE };
  const char * const row1[] = { "气象局", "5" };
  const char * const row2[] = { "a\nb", "123" };
  const char * const row3[] = { NULL, "0" };
  g_autoptr(KfCliTable) table = kf_cli_table_new (headers, right);
  g_autofree char *text = NULL;

  g_assert_cmpuint (kf_cli_display_width ("气象局"), ==, 6);
  g_assert_cmpuint (kf_cli_display_width ("ab·c"), ==, 4);
  g_assert_cmpuint (kf_cli_display_width (""), ==, 0);

  kf_cli_table_add (table, row1);
  kf_cli_table_add (table, row2);
  kf_cli_table_add (table, row3);
  text = kf_cli_table_format (table);
  g_assert_cmpstr (text, ==,
                   "Name      N\n"
                   "气象局    5\n"
                   "a b     123\n"
                   "-         0\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/util/parse-instant", test_parse_instant);
  g_test_add_func ("/cli/util/parse-int", test_parse_int);
  g_test_add_func ("/cli/util/field-options", test_field_options);
  g_test_add_func ("/cli/util/table", test_table);

  return g_test_run ();
}

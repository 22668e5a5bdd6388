/* test-hub-read.c — what each role reads: the feed, totals, itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hub-unit"

#include "config.h"

#include <string.h>

#include "hub-unit-util.h"
#include "kf-hub-changes.h"
#include "kf-hub-error.h"

#define SESSION_A "5a000000-0000-4000-8000-000000000001"
#define SESSION_B "5b000000-0000-4000-8000-000000000001"
#define BOOKING_AX "ba000000-0000-4000-8000-00000000000a"
#define BOOKING_AY "ba000000-0000-4000-8000-00000000000b"
#define BOOKING_BX "bb000000-0000-4000-8000-00000000000a"
#define VISIT_A "7a000000-0000-4000-8000-000000000001"
#define VISIT_B "7b000000-0000-4000-8000-000000000001"

static void
push_ok (Hub        *hub,
         ClientId    client,
         const char *entity,
         const char *id,
         char       *data)
{
  g_autofree char *owned = data;
  g_autofree char *op = op_json (NULL, entity, id, 0, owned);
  JsonObject *result = push_one (hub, client, op);

  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
}

/* Two bases, each with a session, bookings of two schools, a visit. */
static Hub *
county (void)
{
  Hub *hub = hub_new ();

  push_ok (hub, CLIENT_BASE_A, "session", SESSION_A,
           session_data (BASE_A, "2099-05-24", 50, "scheduled"));
  push_ok (hub, CLIENT_BASE_B, "session", SESSION_B,
           session_data (BASE_B, "2099-05-25", 50, "scheduled"));
  push_ok (hub, CLIENT_SCHOOL_X, "booking", BOOKING_AX,
           booking_data (BASE_A, SESSION_A, ORG_X, 10, "requested"));
  push_ok (hub, CLIENT_SCHOOL_Y, "booking", BOOKING_AY,
           booking_data (BASE_A, SESSION_A, ORG_Y, 20, "requested"));
  push_ok (hub, CLIENT_BASE_B, "booking", BOOKING_BX,
           booking_data (BASE_B, SESSION_B, ORG_X, 30, "confirmed"));
  push_ok (hub, CLIENT_BASE_A, "visit", VISIT_A, visit_data (BASE_A, SESSION_A, 4));
  push_ok (hub, CLIENT_BASE_B, "visit", VISIT_B, visit_data (BASE_B, SESSION_B, 6));
  return hub;
}

static JsonNode *
read_changes (Hub        *hub,
              ClientId    client,
              const char *since,
              const char *limit,
              GError    **error)
{
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *text = NULL;

  if (since != NULL)
    g_hash_table_insert (query, (char *) "since", (char *) since);
  if (limit != NULL)
    g_hash_table_insert (query, (char *) "limit", (char *) limit);
  text = kf_hub_changes (hub->store, hub->client[client], query, error);
  return text != NULL ? json_from_string (text, NULL) : NULL;
}

/* "entity:id" of every change, in order. */
static char *
feed_of (JsonNode *answer)
{
  JsonArray *changes = json_object_get_array_member (json_node_get_object (answer), "changes");
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      g_string_append_printf (out, "%s%s:%.2s", i > 0 ? " " : "",
                              json_object_get_string_member (change, "entity"),
                              json_object_get_string_member (change, "id"));
    }
  return g_string_free (out, FALSE);
}

static void
test_visibility (void)
{
  static const struct
  {
    ClientId    client;
    const char *feed;
  } cases[] = {
    /* the sessions moved after their bookings */
    { CLIENT_BASE_A, "base:a0 base:b0 booking:ba booking:ba session:5a visit:7a" },
    { CLIENT_BASE_B, "base:a0 base:b0 booking:bb session:5b visit:7b" },
    { CLIENT_SCHOOL_X, "base:a0 base:b0 booking:ba booking:bb session:5a session:5b" },
    { CLIENT_SCHOOL_Y, "base:a0 base:b0 booking:ba session:5a session:5b" },
    { CLIENT_REVIEWER, "base:a0 base:b0 booking:ba booking:ba booking:bb session:5a session:5b"
                       " visit:7a visit:7b" },
  };
  g_autoptr(Hub) hub = county ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) answer = read_changes (hub, cases[i].client, NULL, NULL, &error);
      g_autofree char *feed = NULL;
      g_auto(GStrv) words = NULL;
      g_auto(GStrv) expected = g_strsplit (cases[i].feed, " ", -1);

      g_assert_no_error (error);
      feed = feed_of (answer);
      /* Compared as sets: the order is checked by test_order. */
      words = g_strsplit (feed, " ", -1);
      g_test_message ("client %d: %s", cases[i].client, feed);
      g_assert_cmpuint (g_strv_length (words), ==, g_strv_length (expected));
      for (guint j = 0; expected[j] != NULL; j++)
        g_assert_true (g_strv_contains ((const char * const *) words, expected[j]));
      g_assert_false (json_object_get_boolean_member (json_node_get_object (answer), "more"));
    }
}

static void
test_order (void)
{
  g_autoptr(Hub) hub = county ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = read_changes (hub, CLIENT_REVIEWER, NULL, NULL, &error);
  JsonObject *object = json_node_get_object (answer);
  JsonArray *changes = json_object_get_array_member (object, "changes");
  gint64 last = 0;

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      JsonObject *data = json_object_get_object_member (change, "data");

      g_assert_cmpint (json_object_get_int_member (change, "seq"), >, last);
      last = json_object_get_int_member (change, "seq");
      g_assert_cmpstr (json_object_get_string_member (data, "id"), ==,
                       json_object_get_string_member (change, "id"));
      g_assert_cmpint (json_object_get_int_member (data, "version"), ==,
                       json_object_get_int_member (change, "version"));
    }
  g_assert_cmpint (json_object_get_int_member (object, "next"), ==, last);
}

static void
test_paging (void)
{
  g_autoptr(Hub) hub = county ();
  g_autoptr(GString) paged = g_string_new (NULL);
  g_autoptr(JsonNode) whole = read_changes (hub, CLIENT_REVIEWER, NULL, NULL, NULL);
  g_autofree char *whole_feed = feed_of (whole);
  g_autofree char *since = g_strdup ("0");
  guint pages = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) page = read_changes (hub, CLIENT_REVIEWER, since, "2", &error);
      JsonObject *object;
      g_autofree char *feed = NULL;

      g_assert_no_error (error);
      object = json_node_get_object (page);
      feed = feed_of (page);
      if (*feed != '\0')
        g_string_append_printf (paged, "%s%s", paged->len > 0 ? " " : "", feed);
      g_free (since);
      since = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (object, "next"));
      pages++;
      if (!json_object_get_boolean_member (object, "more"))
        break;
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "changes")),
                        ==, 2);
    }
  g_assert_cmpstr (paged->str, ==, whole_feed);
  g_assert_cmpuint (pages, ==, 5);   /* 9 changes, 2 a page */
}

static void
test_empty_page (void)
{
  g_autoptr(Hub) hub = county ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = read_changes (hub, CLIENT_BASE_A, "1000", "1", &error);
  JsonObject *object = json_node_get_object (answer);

  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "changes")),
                    ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "next"), ==, 1000);
  g_assert_false (json_object_get_boolean_member (object, "more"));
}

static void
test_bad_query (void)
{
  static const struct
  {
    const char *since;
    const char *limit;
  } cases[] = {
    { "-1", NULL }, { "", NULL }, { "abc", NULL }, { "1.5", NULL }, { " 1", NULL },
    { "+1", NULL }, { "0x10", NULL }, { "99999999999999999999", NULL },
    { NULL, "0" }, { NULL, "1001" }, { NULL, "" }, { NULL, "-1" }, { NULL, "ten" },
  };
  g_autoptr(Hub) hub = county ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) answer = read_changes (hub, CLIENT_BASE_A, cases[i].since,
                                                 cases[i].limit, &error);

      g_assert_null (answer);
      g_assert_error (error, KF_HUB_ERROR, KF_HUB_ERROR_INVALID_REQUEST);
    }
}

static JsonObject *
find_change (JsonNode   *answer,
             const char *id)
{
  JsonArray *changes = json_object_get_array_member (json_node_get_object (answer), "changes");

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      if (g_str_equal (json_object_get_string_member (change, "id"), id))
        return json_object_get_object_member (change, "data");
    }
  g_assert_not_reached ();
}

/* The reviewer sees phones masked; the others as written. */
static void
test_masked (void)
{
  g_autoptr(Hub) hub = county ();
  g_autoptr(JsonNode) reviewer = read_changes (hub, CLIENT_REVIEWER, NULL, NULL, NULL);
  g_autoptr(JsonNode) base = read_changes (hub, CLIENT_BASE_A, NULL, NULL, NULL);

  g_assert_cmpstr (json_object_get_string_member (find_change (reviewer, BOOKING_AX),
                                                  "contact_phone"), ==, "138****0000");
  g_assert_cmpstr (json_object_get_string_member (find_change (reviewer, BASE_A),
                                                  "contact_phone"), ==, "139****5678");
  g_assert_cmpstr (json_object_get_string_member (find_change (base, BOOKING_AX),
                                                  "contact_phone"), ==, "13812340000");
}

/* Sessions carry the people of their bookings, for every reader. */
static void
test_session_counts (void)
{
  g_autoptr(Hub) hub = county ();
  g_autoptr(JsonNode) school = read_changes (hub, CLIENT_SCHOOL_Y, NULL, NULL, NULL);
  JsonObject *a = find_change (school, SESSION_A);
  JsonObject *b = find_change (school, SESSION_B);

  g_assert_cmpint (json_object_get_int_member (a, "requested_people"), ==, 12 + 22);
  g_assert_cmpint (json_object_get_int_member (a, "confirmed_people"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (b, "requested_people"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (b, "confirmed_people"), ==, 32);
}

static char *
totals (Hub        *hub,
        ClientId    client,
        const char *from,
        const char *to,
        const char *by,
        GError    **error)
{
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);

  if (from != NULL)
    g_hash_table_insert (query, (char *) "from", (char *) from);
  if (to != NULL)
    g_hash_table_insert (query, (char *) "to", (char *) to);
  if (by != NULL)
    g_hash_table_insert (query, (char *) "by", (char *) by);
  return kf_hub_totals (hub->store, hub->client[client], query, error);
}

static void
test_totals_scope (void)
{
  g_autoptr(Hub) hub = county ();
  g_autoptr(GError) error = NULL;
  g_autofree char *all = totals (hub, CLIENT_REVIEWER, "2099-05-01", "2099-05-31", NULL, &error);
  g_autofree char *mine = totals (hub, CLIENT_BASE_B, "2099-05-01", "2099-05-31", "date", &error);
  g_autoptr(JsonNode) all_root = json_from_string (all, NULL);
  g_autoptr(JsonNode) mine_root = json_from_string (mine, NULL);
  JsonObject *all_total, *mine_total;

  g_assert_no_error (error);
  all_total = json_object_get_object_member (json_node_get_object (all_root), "total");
  mine_total = json_object_get_object_member (json_node_get_object (mine_root), "total");
  g_assert_cmpint (json_object_get_int_member (all_total, "youth"), ==, 4 + 6);
  g_assert_cmpint (json_object_get_int_member (all_total, "sessions"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (mine_total, "youth"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (mine_total, "sessions"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (mine_total, "bookings_confirmed"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (mine_root), "by"), ==,
                   "date");
}

static void
test_totals_refused (void)
{
  static const struct
  {
    ClientId    client;
    const char *from, *to, *by;
    int         code;   /* KfHubError */
  } cases[] = {
    { CLIENT_SCHOOL_X, "2099-05-01", "2099-05-31", NULL, KF_HUB_ERROR_FORBIDDEN },
    { CLIENT_BASE_A, NULL, "2099-05-31", NULL, KF_HUB_ERROR_INVALID_REQUEST },
    { CLIENT_BASE_A, "2099-05-01", NULL, NULL, KF_HUB_ERROR_INVALID_REQUEST },
    { CLIENT_BASE_A, "2099-05-32", "2099-05-31", NULL, KF_HUB_ERROR_INVALID_REQUEST },
    { CLIENT_BASE_A, "2099-06-01", "2099-05-31", NULL, KF_HUB_ERROR_INVALID_REQUEST },
    { CLIENT_REVIEWER, "2099-05-01", "2099-05-31", "rank", KF_HUB_ERROR_INVALID_REQUEST },
    { CLIENT_REVIEWER, "2099-05-01", "2099-05-31", "", KF_HUB_ERROR_INVALID_REQUEST },
  };
  g_autoptr(Hub) hub = county ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *answer = totals (hub, cases[i].client, cases[i].from, cases[i].to,
                                        cases[i].by, &error);

      g_assert_null (answer);
      g_assert_error (error, KF_HUB_ERROR, cases[i].code);
    }
}

static void
test_me (void)
{
  g_autoptr(Hub) hub = hub_new ();

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *text = kf_hub_me (hub->client[i]);
      g_autoptr(JsonNode) root = json_from_string (text, NULL);
      JsonObject *me = json_node_get_object (root);

      g_assert_cmpstr (json_object_get_string_member (me, "client_id"), ==,
                       hub->client[i]->client_id);
      g_assert_cmpstr (json_object_get_string_member (me, "name"), ==, "a client");
      g_assert_cmpstr (json_object_get_string_member (me, "role"), ==,
                       kf_role_to_string (hub->client[i]->role));
      g_assert_cmpstr (json_object_get_string_member_with_default (me, "base_id", NULL), ==,
                       hub->client[i]->base_id);
      g_assert_cmpstr (json_object_get_string_member_with_default (me, "org_name", NULL), ==,
                       hub->client[i]->org_name);
      g_assert_true (json_object_has_member (me, "base_id"));
      g_assert_true (json_object_has_member (me, "org_name"));
    }
}

static void
test_health (void)
{
  g_autofree char *text = kf_hub_health ();
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  JsonObject *health = json_node_get_object (root);

  g_assert_cmpstr (json_object_get_string_member (health, "status"), ==, "ok");
  g_assert_cmpint (json_object_get_int_member (health, "api"), ==, 1);
  g_assert_cmpuint (json_object_get_size (health), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hub/read/changes/visibility", test_visibility);
  g_test_add_func ("/hub/read/changes/order", test_order);
  g_test_add_func ("/hub/read/changes/paging", test_paging);
  g_test_add_func ("/hub/read/changes/empty-page", test_empty_page);
  g_test_add_func ("/hub/read/changes/bad-query", test_bad_query);
  g_test_add_func ("/hub/read/changes/masked", test_masked);
  g_test_add_func ("/hub/read/changes/session-counts", test_session_counts);
  g_test_add_func ("/hub/read/totals/scope", test_totals_scope);
  g_test_add_func ("/hub/read/totals/refused", test_totals_refused);
  g_test_add_func ("/hub/read/me", test_me);
  g_test_add_func ("/hub/read/health", test_health);

  return g_test_run ();
}

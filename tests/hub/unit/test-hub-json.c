/* test-hub-json.c — the strict JSON check, tokens, routes and error codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hub-unit"

#include "config.h"

#include <string.h>

#include "kf-hub-db.h"
#include "kf-hub-error.h"
#include "kf-hub-json.h"
#include "kf-hub-routes.h"

#define OK (-1)

static const struct
{
  const char *text;
  int         expected;   /* OK or a KfHubError */
} json_cases[] = {
  { "{}", OK },
  { " {\"ops\": [1, -2.5e+3, 0, -0, 0.5, true, false, null, \"x\"]}\r\n", OK },
  { "\"\\u00e9\\ud83d\\ude00 \\\" \\\\ \\/ \\b \\f \\n \\r \\t\"", OK },
  { "\"科普开放\"", OK },
  { "[[[[[[[[[[]]]]]]]]]]", OK },
  { "9223372036854775807", OK },
  { "-9223372036854775808", OK },
  { "1e400", OK },
  { "", KF_HUB_ERROR_MALFORMED_JSON },
  { "   ", KF_HUB_ERROR_MALFORMED_JSON },
  { "{", KF_HUB_ERROR_MALFORMED_JSON },
  { "{\"a\" 1}", KF_HUB_ERROR_MALFORMED_JSON },
  { "{\"a\": 1,}", KF_HUB_ERROR_MALFORMED_JSON },
  { "[1,]", KF_HUB_ERROR_MALFORMED_JSON },
  { "[1 2]", KF_HUB_ERROR_MALFORMED_JSON },
  { "[}", KF_HUB_ERROR_MALFORMED_JSON },
  { "{]", KF_HUB_ERROR_MALFORMED_JSON },
  { "{1: 2}", KF_HUB_ERROR_MALFORMED_JSON },
  { "{'a': 1}", KF_HUB_ERROR_MALFORMED_JSON },
  { "/* c */ {}", KF_HUB_ERROR_MALFORMED_JSON },
  { "{} {}", KF_HUB_ERROR_MALFORMED_JSON },
  { "[01]", KF_HUB_ERROR_MALFORMED_JSON },
  { "[.5]", KF_HUB_ERROR_MALFORMED_JSON },
  { "[1.]", KF_HUB_ERROR_MALFORMED_JSON },
  { "[1e]", KF_HUB_ERROR_MALFORMED_JSON },
  { "[+1]", KF_HUB_ERROR_MALFORMED_JSON },
  { "[-]", KF_HUB_ERROR_MALFORMED_JSON },
  { "[NaN]", KF_HUB_ERROR_MALFORMED_JSON },
  { "[tru]", KF_HUB_ERROR_MALFORMED_JSON },
  { "[nul]", KF_HUB_ERROR_MALFORMED_JSON },
  { "[\"a\nb\"]", KF_HUB_ERROR_MALFORMED_JSON },
  { "[\"\\x41\"]", KF_HUB_ERROR_MALFORMED_JSON },
  { "[\"\\u12\"]", KF_HUB_ERROR_MALFORMED_JSON },
  { "[\"\\ud800\"]", KF_HUB_ERROR_MALFORMED_JSON },
  { "[\"\\udc00\"]", KF_HUB_ERROR_MALFORMED_JSON },
  { "[\"\\ud800\\u0041\"]", KF_HUB_ERROR_MALFORMED_JSON },
  { "[\"unterminated]", KF_HUB_ERROR_MALFORMED_JSON },
  { "[\"\xff\"]", KF_HUB_ERROR_MALFORMED_JSON },
  { "[\"\xc3\"]", KF_HUB_ERROR_MALFORMED_JSON },
  { "[\"a\\u0000b\"]", KF_HUB_ERROR_INVALID_REQUEST },
  { "[9223372036854775808]", KF_HUB_ERROR_INVALID_REQUEST },
  { "[-9223372036854775809]", KF_HUB_ERROR_INVALID_REQUEST },
  { "[123456789012345678901234567890]", KF_HUB_ERROR_INVALID_REQUEST },
};

static void
test_json_check (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (json_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = kf_hub_json_check (json_cases[i].text, strlen (json_cases[i].text),
                                       KF_HUB_JSON_MAX_DEPTH, &error);
      g_autofree char *shown = g_strescape (json_cases[i].text, NULL);

      /* Escaped: some cases are not UTF-8, and TAP output must be. */
      g_test_message ("case %u: %s", i, shown);
      if (json_cases[i].expected == OK)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, KF_HUB_ERROR, json_cases[i].expected);
        }
    }
}

/* A raw NUL byte is not JSON, even inside a string. */
static void
test_json_nul_byte (void)
{
  static const char text[] = "[\"a\0b\"]";
  g_autoptr(GError) error = NULL;

  g_assert_false (kf_hub_json_check (text, sizeof text - 1, 64, &error));
  g_assert_error (error, KF_HUB_ERROR, KF_HUB_ERROR_MALFORMED_JSON);
}

static char *
nested (guint       depth,
        const char *open,
        const char *inner,
        const char *close)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (out, open);
  g_string_append (out, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append (out, close);
  return g_string_free (out, FALSE);
}

/* Nesting is refused before json-glib (which recurses) sees it. */
static void
test_json_depth (void)
{
  static const struct
  {
    guint       depth;
    const char *open, *inner, *close;
    gboolean    ok;
  } cases[] = {
    { 64, "[", "", "]", TRUE },
    { 65, "[", "", "]", FALSE },
    { 64, "{\"a\":", "1", "}", TRUE },
    { 65, "{\"a\":", "1", "}", FALSE },
    { 100000, "[", "", "]", FALSE },
    { 100000, "[", "", "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = nested (cases[i].depth, cases[i].open, cases[i].inner,
                                      cases[i].close);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = kf_hub_json_parse (text, strlen (text), &error);

      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_nonnull (root);
        }
      else
        {
          g_assert_null (root);
          g_assert_error (error, KF_HUB_ERROR, KF_HUB_ERROR_INVALID_REQUEST);
        }
    }
}

static void
test_token_format (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 200; i++)
    {
      char *token = kf_hub_token_new ();
      g_autofree char *hash = kf_hub_token_hash (token);

      g_assert_true (g_str_has_prefix (token, "kft_"));
      /* 32 bytes in unpadded base64url */
      g_assert_cmpuint (strlen (token), ==, 4 + 43);
      for (const char *p = token + 4; *p != '\0'; p++)
        g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_');
      g_assert_cmpuint (strlen (hash), ==, 64);
      g_assert_false (g_hash_table_contains (seen, token));
      g_hash_table_add (seen, token);
    }
}

static void
test_token_hash (void)
{
  g_autofree char *hash = kf_hub_token_hash ("abc");

  /* SHA-256 of "abc" (FIPS 180-2, appendix B.1) */
  g_assert_cmpstr (hash, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
test_secure_equal (void)
{
  static const struct
  {
    const char *a, *b;
    gboolean    equal;
  } cases[] = {
    { "", "", TRUE },
    { "abc", "abc", TRUE },
    { "abc", "abd", FALSE },
    { "abc", "ab", FALSE },
    { "ab", "abc", FALSE },
    { "", "a", FALSE },
    { "\x80", "\x81", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (kf_hub_secure_equal (cases[i].a, cases[i].b), ==, cases[i].equal);
}

static void
test_routes (void)
{
  static const struct
  {
    const char *path;
    const char *method;
    gboolean    found;
    gboolean    accepts;
    const char *allow;
  } cases[] = {
    { "/v1/health", "GET", TRUE, TRUE, "GET, HEAD" },
    { "/v1/health", "HEAD", TRUE, TRUE, "GET, HEAD" },
    { "/v1/health", "POST", TRUE, FALSE, "GET, HEAD" },
    { "/v1/push", "POST", TRUE, TRUE, "POST" },
    { "/v1/push", "GET", TRUE, FALSE, "POST" },
    { "/v1/push", "HEAD", TRUE, FALSE, "POST" },
    { "/v1/changes", "GET", TRUE, TRUE, "GET, HEAD" },
    { "/v1/totals", "DELETE", TRUE, FALSE, "GET, HEAD" },
    { "/v1/me/", "GET", FALSE, FALSE, NULL },
    { "/v1/Push", "POST", FALSE, FALSE, NULL },
    { "/v2/health", "GET", FALSE, FALSE, NULL },
    { "/", "GET", FALSE, FALSE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const KfHubRoute *route = kf_hub_route_find (cases[i].path);

      g_assert_cmpint (route != NULL, ==, cases[i].found);
      if (route == NULL)
        continue;
      g_assert_cmpint (kf_hub_route_accepts (route, cases[i].method), ==, cases[i].accepts);
      g_assert_cmpstr (kf_hub_route_allow (route), ==, cases[i].allow);
    }
}

/* The role table: who may call what. */
static void
test_route_roles (void)
{
  static const struct
  {
    const char *path;
    gboolean    needs_token;
    gboolean    base, school, reviewer;
  } cases[] = {
    { "/v1/health", FALSE, FALSE, FALSE, FALSE },
    { "/v1/me", TRUE, TRUE, TRUE, TRUE },
    { "/v1/push", TRUE, TRUE, TRUE, FALSE },
    { "/v1/changes", TRUE, TRUE, TRUE, TRUE },
    { "/v1/totals", TRUE, TRUE, FALSE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const KfHubRoute *route = kf_hub_route_find (cases[i].path);

      g_assert_nonnull (route);
      g_assert_cmpint (route->needs_token, ==, cases[i].needs_token);
      if (!route->needs_token)
        continue;
      g_assert_cmpint (kf_hub_route_allows (route, KF_ROLE_BASE), ==, cases[i].base);
      g_assert_cmpint (kf_hub_route_allows (route, KF_ROLE_SCHOOL), ==, cases[i].school);
      g_assert_cmpint (kf_hub_route_allows (route, KF_ROLE_REVIEWER), ==, cases[i].reviewer);
    }
}

static void
test_error_codes (void)
{
  static const struct
  {
    KfHubError  code;
    guint       status;
    const char *name;
  } cases[] = {
    { KF_HUB_ERROR_MALFORMED_JSON, 400, "malformed_json" },
    { KF_HUB_ERROR_INVALID_REQUEST, 400, "invalid_request" },
    { KF_HUB_ERROR_TOO_MANY_OPS, 400, "too_many_ops" },
    { KF_HUB_ERROR_UNAUTHORIZED, 401, "unauthorized" },
    { KF_HUB_ERROR_FORBIDDEN, 403, "forbidden" },
    { KF_HUB_ERROR_NOT_FOUND, 404, "not_found" },
    { KF_HUB_ERROR_METHOD_NOT_ALLOWED, 405, "method_not_allowed" },
    { KF_HUB_ERROR_TOO_LARGE, 413, "too_large" },
    { KF_HUB_ERROR_UNSUPPORTED_MEDIA_TYPE, 415, "unsupported_media_type" },
    { KF_HUB_ERROR_INTERNAL, 500, "internal" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new (KF_HUB_ERROR, cases[i].code, "why");
      g_autofree char *text = kf_hub_error_to_json (error, NULL);
      g_autoptr(JsonNode) root = json_from_string (text, NULL);
      JsonObject *inner;

      g_assert_cmpuint (kf_hub_error_status (cases[i].code), ==, cases[i].status);
      g_assert_cmpstr (kf_hub_error_code_name (cases[i].code), ==, cases[i].name);
      g_assert_nonnull (root);
      inner = json_object_get_object_member (json_node_get_object (root), "error");
      g_assert_cmpstr (json_object_get_string_member (inner, "code"), ==, cases[i].name);
      g_assert_nonnull (json_object_get_string_member (inner, "message"));
    }
}

/* A database error says nothing of the database to the client. */
static void
test_error_internal (void)
{
  g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "disk /secret full");
  g_autofree char *text = kf_hub_error_to_json (error, NULL);

  g_assert_cmpuint (kf_hub_error_status (kf_hub_error_classify (error)), ==, 500);
  g_assert_nonnull (strstr (text, "\"internal\""));
  g_assert_null (strstr (text, "secret"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hub/json/check", test_json_check);
  g_test_add_func ("/hub/json/nul-byte", test_json_nul_byte);
  g_test_add_func ("/hub/json/depth", test_json_depth);
  g_test_add_func ("/hub/token/format", test_token_format);
  g_test_add_func ("/hub/token/hash", test_token_hash);
  g_test_add_func ("/hub/token/secure-equal", test_secure_equal);
  g_test_add_func ("/hub/routes/methods", test_routes);
  g_test_add_func ("/hub/routes/roles", test_route_roles);
  g_test_add_func ("/hub/error/codes", test_error_codes);
  g_test_add_func ("/hub/error/internal", test_error_internal);

  return g_test_run ();
}

/* test-hub-hostile.c — malformed and hostile requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each request gets the status and error code of sync-protocol.md
 * ("Errors"); after each, the hub still answers /v1/health and nothing was
 * written (the reviewer's change feed ends where it did). Requests that
 * carry ops put a valid op before the bad one: a failed request keeps
 * nothing of it.
 */
#define G_LOG_DOMAIN "test-hub-hostile"

#include "config.h"

#include <string.h>

#include "kf-hub-harness.h"

#define MIB (1024 * 1024)

typedef enum
{
  BODY_NONE,
  BODY_TEXT,      /* arg: the body; "%s" in it is replaced by a valid op */
  BODY_OP,        /* a valid op, then one whose member arg is set to value (NULL: removed) */
  BODY_OP1,       /* only the op whose member arg is set to value */
  BODY_DATA,      /* one op whose data member arg is set to value (NULL: removed) */
  BODY_FUNC,      /* func makes the body */
  RAW,            /* func makes the whole request */
} BodyKind;

typedef enum
{
  AUTH_BASE,      /* base A's token */
  AUTH_NONE,
  AUTH_HEADER,    /* the Authorization header is `header` */
  AUTH_REVOKED,
  AUTH_UNKNOWN,
} AuthKind;

typedef GBytes *(*MakeFunc) (KfHub *hub);

typedef struct
{
  const char *name;
  const char *method;
  const char *path;
  AuthKind    auth;
  const char *header;
  const char *content_type;
  BodyKind    kind;
  const char *arg;
  const char *value;
  MakeFunc    func;
  guint       status;
  const char *code;       /* the error's code; for 200, the op's rejection code */
  const char *alt;        /* another answer the spec allows: "STATUS:CODE[:FIELD]" */
  const char *field;      /* for 200: the field the rejection names */
} Hostile;

static char *revoked_token;

static char *
valid_op (void)
{
  g_autoptr(KfRec) session = kf_session_new (KF_BASE_A_ID, "2099-05-24", "09:00", "10:00", 20,
                                             "ai", "lecture");
  g_autoptr(JsonObject) op = kf_rec_op (session);

  return kf_json_string (op);
}

static char *
replace_op (const char *text)
{
  g_autofree char *op = valid_op ();
  g_auto(GStrv) parts = g_strsplit (text, "%s", -1);

  return g_strjoinv (op, parts);
}

#define PLACEHOLDER "@@value@@"

/* The value goes into the body as written: json-glib would turn 1e400 into
 * "inf.0" and wrap a 30-digit integer. */
static void
set_member (JsonObject *object,
            const char *member,
            const char *value)
{
  if (value == NULL)
    json_object_remove_member (object, member);
  else
    json_object_set_string_member (object, member, PLACEHOLDER);
}

static char *
ops_with (const Hostile *h)
{
  g_autoptr(KfRec) session = kf_session_new (KF_BASE_A_ID, "2099-05-24", "11:00", "12:00", 20,
                                             "ai", "lecture");
  g_autoptr(GPtrArray) ops = kf_ops_new ();
  JsonObject *op = kf_rec_op (session);
  g_autofree char *body = NULL;
  g_auto(GStrv) parts = NULL;

  if (h->kind == BODY_OP1)
    set_member (op, h->arg, h->value);
  else if (h->kind == BODY_OP)
    {
      g_autoptr(KfRec) first = kf_session_new (KF_BASE_A_ID, "2099-05-24", "09:00", "10:00", 20,
                                               "ai", "lecture");

      g_ptr_array_add (ops, kf_rec_op (first));
      set_member (op, h->arg, h->value);
    }
  else
    set_member (json_object_get_object_member (op, "data"), h->arg, h->value);
  g_ptr_array_add (ops, op);
  body = kf_ops_body (ops);
  parts = g_strsplit (body, "\"" PLACEHOLDER "\"", -1);
  return g_strjoinv (h->value, parts);
}

/* Bodies */

static GBytes *
padded (gsize size)
{
  g_autofree char *op = valid_op ();
  GString *body = g_string_new (NULL);

  g_string_append_printf (body, "{\"ops\":[%s]", op);
  while (body->len < size - 1)
    g_string_append_c (body, ' ');
  g_string_append_c (body, '}');
  g_assert_cmpuint (body->len, ==, size);
  return g_string_free_to_bytes (body);
}

static GBytes *
two_mib (KfHub *hub)
{
  return padded (2 * MIB);
}

static GBytes *
one_mib_and_one (KfHub *hub)
{
  return padded (MIB + 1);
}

static GBytes *
many_ops (guint n)
{
  g_autoptr(GPtrArray) ops = kf_ops_new ();
  char *body;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KfRec) visit = kf_visit_new (KF_BASE_A_ID, NULL, NULL, "walk_in_group",
                                             "2099-05-24T10:00:00+08:00", 1, 1);

      g_ptr_array_add (ops, kf_rec_op (visit));
    }
  body = kf_ops_body (ops);
  return g_bytes_new_take (body, strlen (body));
}

static GBytes *
ops_501 (KfHub *hub)
{
  return many_ops (501);
}

static GBytes *
deep (const char *open,
      const char *close,
      guint       depth)
{
  GString *body = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (body, open);
  g_string_append (body, "1");
  for (guint i = 0; i < depth; i++)
    g_string_append (body, close);
  return g_string_free_to_bytes (body);
}

static GBytes *
deep_arrays (KfHub *hub)
{
  return deep ("[", "]", 10000);
}

static GBytes *
deep_objects (KfHub *hub)
{
  return deep ("{\"a\":", "}", 10000);
}

static GBytes *
deep_in_data (KfHub *hub)
{
  g_autoptr(GBytes) nested = deep ("{\"a\":", "}", 10000);
  g_autofree char *op = valid_op ();
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *inner = g_strndup (g_bytes_get_data (nested, NULL), g_bytes_get_size (nested));

  g_string_append_printf (body, "{\"ops\":[%s,{\"op_id\":\"%s\",\"entity\":\"session\","
                          "\"id\":\"%s\",\"base_version\":0,\"data\":%s}]}", op,
                          "5b8a0a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
                          "6c9b1b9f-2d3e-4f60-9bac-1d2e3f4a5b6c", inner);
  return g_bytes_new (body->str, body->len);
}

static GBytes *
bad_utf8 (KfHub *hub)
{
  g_autofree char *op = valid_op ();
  g_autoptr(GString) body = g_string_new (NULL);
  char *title = strstr (op, "Open day");

  g_assert_nonnull (title);
  title[0] = '\xff';
  title[1] = '\xfe';
  g_string_append_printf (body, "{\"ops\":[%s]}", op);
  return g_bytes_new (body->str, body->len);
}

static GBytes *
nul_byte (KfHub *hub)
{
  g_autofree char *op = valid_op ();
  g_autoptr(GString) body = g_string_new (NULL);

  g_string_append_printf (body, "{\"ops\":[%s]}", op);
  g_string_append_c (body, '\0');
  g_string_append (body, "{}");
  return g_bytes_new (body->str, body->len);
}

/* Raw requests */

static GBytes *
raw_request (KfHub      *hub,
             const char *extra_headers,
             const char *body,
             gsize       body_length)
{
  GString *request = g_string_new (NULL);

  g_string_append_printf (request, "POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                          "Authorization: Bearer %s\r\nConnection: close\r\n%s\r\n",
                          hub->port, hub->token[KF_TOK_BASE_A], extra_headers);
  g_string_append_len (request, body, body_length);
  return g_string_free_to_bytes (request);
}

static GBytes *
raw_no_content_type (KfHub *hub)
{
  g_autofree char *op = valid_op ();
  g_autofree char *body = g_strdup_printf ("{\"ops\":[%s]}", op);
  g_autofree char *headers = g_strdup_printf ("Content-Length: %zu\r\n", strlen (body));

  return raw_request (hub, headers, body, strlen (body));
}

static GBytes *
raw_claims_two_mib (KfHub *hub)
{
  g_autofree char *op = valid_op ();
  g_autofree char *body = g_strdup_printf ("{\"ops\":[%s]}", op);
  g_autofree char *headers = g_strdup_printf ("Content-Type: application/json\r\n"
                                              "Content-Length: %d\r\n", 2 * MIB);

  /* the rest of the body never comes: the hub must answer from the header */
  return raw_request (hub, headers, body, strlen (body));
}

static GBytes *
raw_chunked_two_mib (KfHub *hub)
{
  g_autoptr(GBytes) big = two_mib (hub);
  g_autoptr(GString) body = g_string_new (NULL);
  const char *data = g_bytes_get_data (big, NULL);
  gsize size = g_bytes_get_size (big);

  for (gsize done = 0; done < size; done += 65536)
    {
      gsize n = MIN (65536, size - done);

      g_string_append_printf (body, "%zx\r\n", n);
      g_string_append_len (body, data + done, n);
      g_string_append (body, "\r\n");
    }
  g_string_append (body, "0\r\n\r\n");
  return raw_request (hub, "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                      body->str, body->len);
}

#define POST_PUSH "POST", "/v1/push"
#define JSON "application/json"

static const Hostile cases[] = {
  /* bodies that are not JSON, or not the right JSON */
  { "not-json", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_TEXT, "hello, hub", NULL, NULL,
    400, "malformed_json", NULL, NULL },
  { "empty-body", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_TEXT, "", NULL, NULL,
    400, "malformed_json", NULL, NULL },
  { "truncated", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_TEXT, "{\"ops\":[%s", NULL, NULL,
    400, "malformed_json", NULL, NULL },
  { "trailing-garbage", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_TEXT, "{\"ops\":[%s]} x", NULL,
    NULL, 400, "malformed_json", NULL, NULL },
  { "nul-byte", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_FUNC, NULL, NULL, nul_byte,
    400, "malformed_json", NULL, NULL },
  { "invalid-utf8", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_FUNC, NULL, NULL, bad_utf8,
    400, "malformed_json", NULL, NULL },
  { "array", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_TEXT, "[%s]", NULL, NULL,
    400, "invalid_request", NULL, NULL },
  { "string", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_TEXT, "\"ops\"", NULL, NULL,
    400, "invalid_request", NULL, NULL },
  { "null", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_TEXT, "null", NULL, NULL,
    400, "invalid_request", NULL, NULL },
  { "deep-arrays", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_FUNC, NULL, NULL, deep_arrays,
    400, "invalid_request", "400:malformed_json", NULL },
  { "deep-objects", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_FUNC, NULL, NULL, deep_objects,
    400, "invalid_request", "400:malformed_json", NULL },
  { "deep-in-data", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_FUNC, NULL, NULL, deep_in_data,
    400, "invalid_request", "400:malformed_json", NULL },
  /* the envelope */
  { "ops-missing", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_TEXT, "{\"op\":[%s]}", NULL, NULL,
    400, "invalid_request", NULL, NULL },
  { "ops-object", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_TEXT, "{\"ops\":%s}", NULL, NULL,
    400, "invalid_request", NULL, NULL },
  { "ops-string", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_TEXT, "{\"ops\":\"all\"}", NULL, NULL,
    400, "invalid_request", NULL, NULL },
  { "ops-null", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_TEXT, "{\"ops\":null}", NULL, NULL,
    400, "invalid_request", NULL, NULL },
  { "zero-ops", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_TEXT, "{\"ops\":[]}", NULL, NULL,
    400, "invalid_request", NULL, NULL },
  { "op-number", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_TEXT, "{\"ops\":[%s,1]}", NULL, NULL,
    400, "invalid_request", NULL, NULL },
  { "op-array", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_TEXT, "{\"ops\":[%s,[%s]]}", NULL, NULL,
    400, "invalid_request", NULL, NULL },
  { "too-many-ops", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_FUNC, NULL, NULL, ops_501,
    400, "too_many_ops", NULL, NULL },
  /* one op of the wrong shape */
  { "op_id-missing", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_OP, "op_id", NULL, NULL,
    400, "invalid_request", NULL, NULL },
  { "op_id-not-uuid", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_OP, "op_id", "\"op-1\"", NULL,
    400, "invalid_request", NULL, NULL },
  { "op_id-uppercase", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_OP, "op_id",
    "\"5B8A0A8E-1C2D-4E5F-8A9B-0C1D2E3F4A5B\"", NULL, 400, "invalid_request", NULL, NULL },
  { "op_id-number", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_OP, "op_id", "42", NULL,
    400, "invalid_request", NULL, NULL },
  /* the spec is silent on whether a bad value here fails the request or the op */
  { "entity-unknown", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_OP1, "entity", "\"planet\"", NULL,
    400, "invalid_request", "200:invalid_field:entity", NULL },
  { "entity-base", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_OP1, "entity", "\"base\"", NULL,
    400, "invalid_request", "200:forbidden", NULL },
  { "id-not-uuid", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_OP1, "id", "\"session-1\"", NULL,
    400, "invalid_request", "200:invalid_field:id", NULL },
  { "entity-missing", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_OP, "entity", NULL, NULL,
    400, "invalid_request", NULL, NULL },
  { "id-missing", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_OP, "id", NULL, NULL,
    400, "invalid_request", NULL, NULL },
  { "id-number", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_OP, "id", "7", NULL,
    400, "invalid_request", NULL, NULL },
  { "base_version-negative", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_OP, "base_version", "-1",
    NULL, 400, "invalid_request", NULL, NULL },
  { "base_version-string", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_OP, "base_version", "\"1\"",
    NULL, 400, "invalid_request", NULL, NULL },
  { "base_version-fraction", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_OP, "base_version", "1.5",
    NULL, 400, "invalid_request", NULL, NULL },
  { "base_version-missing", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_OP, "base_version", NULL,
    NULL, 400, "invalid_request", NULL, NULL },
  { "base_version-null", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_OP, "base_version", "null",
    NULL, 400, "invalid_request", NULL, NULL },
  { "data-string", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_OP, "data", "\"x\"", NULL,
    400, "invalid_request", NULL, NULL },
  { "data-array", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_OP, "data", "[]", NULL,
    400, "invalid_request", NULL, NULL },
  { "data-null", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_OP, "data", "null", NULL,
    400, "invalid_request", NULL, NULL },
  { "data-missing", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_OP, "data", NULL, NULL,
    400, "invalid_request", NULL, NULL },
  /* values in data: the op is rejected, the request answered */
  { "count-negative", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_DATA, "capacity", "-1", NULL,
    200, "invalid_field", NULL, "capacity" },
  { "count-10e12", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_DATA, "capacity", "1000000000000",
    NULL, 200, "invalid_field", NULL, "capacity" },
  { "count-1e400", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_DATA, "capacity", "1e400", NULL,
    200, "invalid_field", NULL, "capacity" },
  { "count-huge-integer", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_DATA, "capacity",
    "123456789012345678901234567890", NULL, 200, "invalid_field", "400:invalid_request",
    "capacity" },
  { "unknown-field", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_DATA, "owner", "\"me\"", NULL,
    200, "unknown_field", NULL, "owner" },
  { "version-in-data", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_DATA, "version", "99", NULL,
    200, "unknown_field", NULL, "version" },
  /* sizes */
  { "two-mib-body", POST_PUSH, AUTH_BASE, NULL, JSON, RAW, NULL, NULL, NULL,
    413, "too_large", NULL, NULL },
  { "one-mib-and-one-byte", POST_PUSH, AUTH_BASE, NULL, JSON, BODY_FUNC, NULL, NULL,
    one_mib_and_one, 413, "too_large", NULL, NULL },
  { "claims-two-mib", POST_PUSH, AUTH_BASE, NULL, JSON, RAW, NULL, NULL, raw_claims_two_mib,
    413, "too_large", NULL, NULL },
  { "chunked-two-mib", POST_PUSH, AUTH_BASE, NULL, JSON, RAW, NULL, NULL, raw_chunked_two_mib,
    413, "too_large", NULL, NULL },
  /* media types */
  { "text-plain", POST_PUSH, AUTH_BASE, NULL, "text/plain", BODY_TEXT, "{\"ops\":[%s]}", NULL,
    NULL, 415, "unsupported_media_type", NULL, NULL },
  { "form-urlencoded", POST_PUSH, AUTH_BASE, NULL, "application/x-www-form-urlencoded",
    BODY_TEXT, "{\"ops\":[%s]}", NULL, NULL, 415, "unsupported_media_type", NULL, NULL },
  { "json-suffix", POST_PUSH, AUTH_BASE, NULL, "application/jsonp", BODY_TEXT, "{\"ops\":[%s]}",
    NULL, NULL, 415, "unsupported_media_type", NULL, NULL },
  { "no-content-type", POST_PUSH, AUTH_BASE, NULL, NULL, RAW, NULL, NULL, raw_no_content_type,
    415, "unsupported_media_type", NULL, NULL },
  /* credentials */
  { "token-missing", POST_PUSH, AUTH_NONE, NULL, JSON, BODY_TEXT, "{\"ops\":[%s]}", NULL, NULL,
    401, "unauthorized", NULL, NULL },
  { "token-unknown", POST_PUSH, AUTH_UNKNOWN, NULL, JSON, BODY_TEXT, "{\"ops\":[%s]}", NULL,
    NULL, 401, "unauthorized", NULL, NULL },
  { "token-revoked", POST_PUSH, AUTH_REVOKED, NULL, JSON, BODY_TEXT, "{\"ops\":[%s]}", NULL,
    NULL, 401, "unauthorized", NULL, NULL },
  { "auth-basic", POST_PUSH, AUTH_HEADER, "Basic YWRtaW46YWRtaW4=", JSON, BODY_TEXT,
    "{\"ops\":[%s]}", NULL, NULL, 401, "unauthorized", NULL, NULL },
  { "auth-bearer-empty", POST_PUSH, AUTH_HEADER, "Bearer", JSON, BODY_TEXT, "{\"ops\":[%s]}",
    NULL, NULL, 401, "unauthorized", NULL, NULL },
  { "auth-bearer-space", POST_PUSH, AUTH_HEADER, "Bearer  ", JSON, BODY_TEXT, "{\"ops\":[%s]}",
    NULL, NULL, 401, "unauthorized", NULL, NULL },
  { "auth-sql", "GET", "/v1/me", AUTH_HEADER, "Bearer ' OR '1'='1", NULL, BODY_NONE, NULL, NULL,
    NULL, 401, "unauthorized", NULL, NULL },
  /* methods and paths */
  { "get-push", "GET", "/v1/push", AUTH_BASE, NULL, NULL, BODY_NONE, NULL, NULL, NULL,
    405, "method_not_allowed", NULL, NULL },
  { "post-changes", "POST", "/v1/changes", AUTH_BASE, NULL, JSON, BODY_TEXT, "{\"ops\":[%s]}",
    NULL, NULL, 405, "method_not_allowed", NULL, NULL },
  { "delete-health", "DELETE", "/v1/health", AUTH_BASE, NULL, NULL, BODY_NONE, NULL, NULL, NULL,
    405, "method_not_allowed", NULL, NULL },
  { "put-me", "PUT", "/v1/me", AUTH_BASE, NULL, JSON, BODY_TEXT, "{}", NULL, NULL,
    405, "method_not_allowed", NULL, NULL },
  { "post-totals", "POST", "/v1/totals", AUTH_BASE, NULL, JSON, BODY_TEXT, "{}", NULL, NULL,
    405, "method_not_allowed", NULL, NULL },
  { "path-nope", "GET", "/v1/nope", AUTH_BASE, NULL, NULL, BODY_NONE, NULL, NULL, NULL,
    404, "not_found", NULL, NULL },
  { "path-v2", "GET", "/v2/health", AUTH_BASE, NULL, NULL, BODY_NONE, NULL, NULL, NULL,
    404, "not_found", NULL, NULL },
  { "path-root", "GET", "/", AUTH_BASE, NULL, NULL, BODY_NONE, NULL, NULL, NULL,
    404, "not_found", NULL, NULL },
  { "path-push-child", "POST", "/v1/push/1", AUTH_BASE, NULL, JSON, BODY_TEXT, "{\"ops\":[%s]}",
    NULL, NULL, 404, "not_found", NULL, NULL },
  { "path-dotdot", "GET", "/v1/../etc/passwd", AUTH_BASE, NULL, NULL, BODY_NONE, NULL, NULL,
    NULL, 404, "not_found", NULL, NULL },
  /* query parameters */
  { "since-negative", "GET", "/v1/changes?since=-1", AUTH_BASE, NULL, NULL, BODY_NONE, NULL,
    NULL, NULL, 400, "invalid_request", NULL, NULL },
  { "since-abc", "GET", "/v1/changes?since=abc", AUTH_BASE, NULL, NULL, BODY_NONE, NULL, NULL,
    NULL, 400, "invalid_request", NULL, NULL },
  { "since-fraction", "GET", "/v1/changes?since=1.5", AUTH_BASE, NULL, NULL, BODY_NONE, NULL,
    NULL, NULL, 400, "invalid_request", NULL, NULL },
  { "since-overflow", "GET", "/v1/changes?since=99999999999999999999999", AUTH_BASE, NULL,
    NULL, BODY_NONE, NULL, NULL, NULL, 400, "invalid_request", NULL, NULL },
  { "limit-zero", "GET", "/v1/changes?limit=0", AUTH_BASE, NULL, NULL, BODY_NONE, NULL, NULL,
    NULL, 400, "invalid_request", NULL, NULL },
  { "limit-1001", "GET", "/v1/changes?limit=1001", AUTH_BASE, NULL, NULL, BODY_NONE, NULL, NULL,
    NULL, 400, "invalid_request", NULL, NULL },
  { "limit-negative", "GET", "/v1/changes?limit=-5", AUTH_BASE, NULL, NULL, BODY_NONE, NULL,
    NULL, NULL, 400, "invalid_request", NULL, NULL },
  { "limit-empty", "GET", "/v1/changes?limit=", AUTH_BASE, NULL, NULL, BODY_NONE, NULL, NULL,
    NULL, 400, "invalid_request", NULL, NULL },
  { "totals-bad-month", "GET", "/v1/totals?from=2025-13-01&to=2025-12-31", AUTH_BASE, NULL,
    NULL, BODY_NONE, NULL, NULL, NULL, 400, "invalid_request", NULL, NULL },
  { "totals-from-after-to", "GET", "/v1/totals?from=2025-06-10&to=2025-05-20", AUTH_BASE, NULL,
    NULL, BODY_NONE, NULL, NULL, NULL, 400, "invalid_request", NULL, NULL },
  { "totals-by-rank", "GET", "/v1/totals?from=2025-05-20&to=2025-06-10&by=rank", AUTH_BASE,
    NULL, NULL, BODY_NONE, NULL, NULL, NULL, 400, "invalid_request", NULL, NULL },
  { "totals-no-period", "GET", "/v1/totals", AUTH_BASE, NULL, NULL, BODY_NONE, NULL, NULL,
    NULL, 400, "invalid_request", NULL, NULL },
};

static KfReply *
send_case (KfHub         *hub,
           const Hostile *h)
{
  g_autoptr(GBytes) body = NULL;
  g_autofree char *authorization = NULL;

  switch (h->auth)
    {
    case AUTH_BASE:
      authorization = g_strdup_printf ("Bearer %s", hub->token[KF_TOK_BASE_A]);
      break;
    case AUTH_REVOKED:
      authorization = g_strdup_printf ("Bearer %s", revoked_token);
      break;
    case AUTH_UNKNOWN:
      authorization = g_strdup ("Bearer kfx_0123456789abcdef0123456789abcdef01234567");
      break;
    case AUTH_HEADER:
      authorization = g_strdup (h->header);
      break;
    case AUTH_NONE:
    default:
      break;
    }

  switch (h->kind)
    {
    case BODY_TEXT:
      {
        char *text = replace_op (h->arg);

        body = g_bytes_new_take (text, strlen (text));
      }
      break;
    case BODY_OP:
    case BODY_OP1:
    case BODY_DATA:
      {
        char *text = ops_with (h);

        body = g_bytes_new_take (text, strlen (text));
      }
      break;
    case BODY_FUNC:
      body = h->func (hub);
      break;
    case RAW:
      {
        g_autoptr(GBytes) request = NULL;

        if (h->func != NULL)
          request = h->func (hub);
        else
          {
            g_autoptr(GBytes) big = two_mib (hub);
            g_autofree char *headers = g_strdup_printf ("Content-Type: application/json\r\n"
                                                        "Content-Length: %d\r\n", 2 * MIB);

            request = raw_request (hub, headers, g_bytes_get_data (big, NULL),
                                   g_bytes_get_size (big));
          }
        return kf_hub_raw (hub, g_bytes_get_data (request, NULL), g_bytes_get_size (request));
      }
    case BODY_NONE:
    default:
      break;
    }

  return kf_hub_send (hub, NULL, h->method, h->path, authorization, h->content_type,
                      body ? g_bytes_get_data (body, NULL) : NULL,
                      body ? (gssize) g_bytes_get_size (body) : 0);
}

/* Whether @reply has @status and @code (of the error, or of the last op's
 * rejection for 200), without failing. */
static gboolean
answer_is (KfReply    *reply,
           guint       status,
           const char *code)
{
  JsonObject *object, *inner;
  JsonArray *results;

  if (reply->status != status || reply->root == NULL || !JSON_NODE_HOLDS_OBJECT (reply->root))
    return FALSE;
  object = json_node_get_object (reply->root);
  if (status != 200)
    inner = kf_get_object (object, "error");
  else
    {
      results = kf_get_array (object, "results");
      if (results == NULL || json_array_get_length (results) == 0)
        return FALSE;
      inner = kf_get_object (json_array_get_object_element (
                               results, json_array_get_length (results) - 1), "error");
    }
  return inner != NULL &&
         g_strcmp0 (json_object_get_string_member_with_default (inner, "code", NULL), code) == 0;
}

static void
check_answer (KfReply    *reply,
              guint       status,
              const char *code,
              const char *field)
{
  if (status == 200)
    {
      JsonArray *results = NULL;
      guint n;

      kf_assert_reply (reply, 200);
      results = kf_get_array (kf_reply_object (reply), "results");
      n = results ? json_array_get_length (results) : 0;
      g_assert_cmpuint (n, >=, 1);
      kf_assert_rejected (json_array_get_object_element (results, n - 1), code, field);
    }
  else
    kf_assert_error (reply, status, code);
}

static void
test_hostile (gconstpointer user_data)
{
  const Hostile *h = user_data;
  KfHub *hub = kf_hub_shared ();
  g_autoptr(KfReply) reply = NULL;
  g_auto(GStrv) alt = NULL;
  gint64 head;

  if (revoked_token == NULL)
    {
      g_autofree char *client_id = NULL;

      revoked_token = kf_hub_add_token (hub, "base", KF_BASE_A_ID, "stolen phone");
      client_id = kf_hub_client_id (hub, revoked_token);
      kf_hub_revoke (hub, client_id);
    }
  head = kf_hub_feed_head (hub);

  reply = send_case (hub, h);
  {
    g_autofree char *text = kf_reply_describe (reply);

    g_test_message ("%s", text);
  }
  alt = h->alt ? g_strsplit (h->alt, ":", 3) : NULL;
  if (alt != NULL && !answer_is (reply, h->status, h->code) &&
      answer_is (reply, g_ascii_strtoull (alt[0], NULL, 10), alt[1]))
    check_answer (reply, g_ascii_strtoull (alt[0], NULL, 10), alt[1], alt[2]);
  else
    check_answer (reply, h->status, h->code, h->field);

  if (h->status == 405)
    {
      const char *allow = soup_message_headers_get_one (reply->headers, "Allow");

      if (allow == NULL)
        g_test_message ("note: 405 without an Allow header (RFC 9110 §15.5.6)");
    }
  kf_assert_untouched (hub, head);
}

/* What must be accepted: the charset parameter, a body of exactly 1 MiB,
 * a chunked body. */
static void
test_accepted (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autofree char *op = valid_op ();
  g_autofree char *body = g_strdup_printf ("{\"ops\":[%s]}", op);
  g_autofree char *chunked_body = NULL;
  g_autofree char *chunked_op = valid_op ();
  g_autoptr(GBytes) one_mib = padded (MIB);
  g_autoptr(GBytes) chunked = NULL;
  g_autofree char *auth = g_strdup_printf ("Bearer %s", hub->token[KF_TOK_BASE_A]);
  KfReply *replies[6];
  GString *chunks = g_string_new (NULL);

  replies[0] = kf_hub_send (hub, NULL, "POST", "/v1/push", auth,
                            "application/json; charset=utf-8", body, -1);
  replies[1] = kf_hub_send (hub, NULL, "POST", "/v1/push", auth, "application/json",
                            g_bytes_get_data (one_mib, NULL), g_bytes_get_size (one_mib));

  chunked_body = g_strdup_printf ("{\"ops\":[%s]}", chunked_op);
  g_string_append_printf (chunks, "5\r\n%.5s\r\n%zx\r\n%s\r\n0\r\n\r\n", chunked_body,
                          strlen (chunked_body + 5), chunked_body + 5);
  chunked = raw_request (hub, "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                         chunks->str, chunks->len);
  g_string_free (chunks, TRUE);
  replies[2] = kf_hub_raw (hub, g_bytes_get_data (chunked, NULL), g_bytes_get_size (chunked));

  /* media types and auth schemes are case-insensitive (RFC 9110 §8.3.1, §11.1) */
  {
    g_autofree char *op3 = valid_op ();
    g_autofree char *op4 = valid_op ();
    g_autofree char *op5 = valid_op ();
    g_autofree char *body3 = g_strdup_printf ("{\"ops\":[%s]}", op3);
    g_autofree char *body4 = g_strdup_printf ("{\"ops\":[%s]}", op4);
    g_autofree char *body5 = g_strdup_printf ("{\"ops\":[%s]}", op5);
    g_autofree char *lower = g_strdup_printf ("bearer %s", hub->token[KF_TOK_BASE_A]);

    replies[3] = kf_hub_send (hub, NULL, "POST", "/v1/push", auth, "Application/JSON", body3,
                              -1);
    replies[4] = kf_hub_send (hub, NULL, "POST", "/v1/push", auth,
                              "application/json;charset=UTF-8", body4, -1);
    replies[5] = kf_hub_send (hub, NULL, "POST", "/v1/push", lower, "application/json", body5,
                              -1);
  }

  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      g_test_message ("accepted request %u", i);
      kf_assert_applied (json_array_get_object_element (kf_push_results (replies[i], 1), 0), 1);
      kf_reply_free (replies[i]);
    }
}

/* After all of it, the hub still serves and still writes. */
static void
test_still_serving (void)
{
  KfHub *hub = kf_hub_shared ();
  g_autoptr(KfRec) session = kf_session_new (KF_BASE_A_ID, "2099-05-25", "09:00", "10:00", 20,
                                             "ai", "lecture");

  kf_hub_put (hub, hub->token[KF_TOK_BASE_A], session);
  g_assert_true (kf_hub_is_running (hub));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int status;

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char *name = g_strdup_printf ("/hub/hostile/%s", cases[i].name);

      g_ptr_array_add (names, name);
      g_test_add_data_func (name, &cases[i], test_hostile);
    }
  g_test_add_func ("/hub/hostile/accepted", test_accepted);
  g_test_add_func ("/hub/hostile/still-serving", test_still_serving);

  status = g_test_run ();
  g_clear_pointer (&revoked_token, g_free);
  kf_hub_shared_free ();
  return status;
}

/* kf-hub-records.c — records, pushes and the change feed, as a client sees them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-hub-tests"

#include "config.h"

#include <string.h>

#include "kf-hub-harness.h"

/* Records */

KfRec *
kf_rec_new (const char *entity,
            JsonObject *data)
{
  KfRec *rec = g_new0 (KfRec, 1);

  rec->entity = g_intern_string (entity);
  rec->id = g_uuid_string_random ();
  rec->data = data;
  return rec;
}

KfRec *
kf_rec_copy (const KfRec *rec)
{
  KfRec *copy = g_new0 (KfRec, 1);
  g_autofree char *text = kf_json_string (rec->data);
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  copy->entity = rec->entity;
  copy->id = g_strdup (rec->id);
  copy->version = rec->version;
  copy->data = json_object_ref (json_node_get_object (node));
  return copy;
}

void
kf_rec_free (KfRec *rec)
{
  if (rec == NULL)
    return;
  g_free (rec->id);
  json_object_unref (rec->data);
  g_free (rec);
}

void
kf_rec_set (KfRec      *rec,
            const char *field,
            const char *value)
{
  if (value == NULL)
    json_object_set_null_member (rec->data, field);
  else
    json_object_set_string_member (rec->data, field, value);
}

void
kf_rec_set_int (KfRec      *rec,
                const char *field,
                gint64      value)
{
  json_object_set_int_member (rec->data, field, value);
}

const char *
kf_rec_get (const KfRec *rec,
            const char  *field)
{
  return json_object_get_string_member_with_default (rec->data, field, NULL);
}

gint64
kf_rec_get_int (const KfRec *rec,
                const char  *field)
{
  return json_object_get_int_member_with_default (rec->data, field, 0);
}

KfRec *
kf_session_new (const char *base_id,
                const char *date,
                const char *start,
                const char *end,
                gint64      capacity,
                const char *topic,
                const char *format)
{
  JsonObject *data = json_object_new ();
  g_autofree char *title = g_strdup_printf ("Open day %s %s", date, start);

  json_object_set_string_member (data, "base_id", base_id);
  json_object_set_string_member (data, "date", date);
  json_object_set_string_member (data, "start", start);
  json_object_set_string_member (data, "end", end);
  json_object_set_int_member (data, "capacity", capacity);
  json_object_set_string_member (data, "title", title);
  json_object_set_string_member (data, "topic", topic);
  json_object_set_string_member (data, "format", format);
  json_object_set_string_member (data, "status", "scheduled");
  json_object_set_string_member (data, "note", "");
  return kf_rec_new ("session", data);
}

KfRec *
kf_booking_new (const KfRec *session,
                const char  *org,
                gint64       youth,
                gint64       adults,
                const char  *status)
{
  JsonObject *data = json_object_new ();

  json_object_set_string_member (data, "base_id", kf_rec_get (session, "base_id"));
  json_object_set_string_member (data, "session_id", session->id);
  json_object_set_string_member (data, "org_name", org);
  json_object_set_string_member (data, "org_type", "school");
  json_object_set_string_member (data, "grade", "Grade 5");
  json_object_set_string_member (data, "contact_name", "Li Hua");
  json_object_set_string_member (data, "contact_phone", KF_PHONE);
  json_object_set_int_member (data, "youth_count", youth);
  json_object_set_int_member (data, "adult_count", adults);
  json_object_set_string_member (data, "status", status);
  json_object_set_string_member (data, "note", "");
  return kf_rec_new ("booking", data);
}

KfRec *
kf_visit_new (const char  *base_id,
              const KfRec *session,
              const KfRec *booking,
              const char  *kind,
              const char  *arrived_at,
              gint64       youth,
              gint64       adults)
{
  JsonObject *data = json_object_new ();

  json_object_set_string_member (data, "base_id", base_id);
  if (session != NULL)
    json_object_set_string_member (data, "session_id", session->id);
  else
    json_object_set_null_member (data, "session_id");
  if (booking != NULL)
    json_object_set_string_member (data, "booking_id", booking->id);
  else
    json_object_set_null_member (data, "booking_id");
  json_object_set_string_member (data, "kind", kind);
  json_object_set_string_member (data, "group_name",
                                 booking ? kf_rec_get (booking, "org_name") : "Walk-in visitors");
  json_object_set_string_member (data, "arrived_at", arrived_at);
  json_object_set_int_member (data, "youth_count", youth);
  json_object_set_int_member (data, "adult_count", adults);
  json_object_set_string_member (data, "note", "");
  return kf_rec_new ("visit", data);
}

/* Pushes */

/* An array of ops (JSON objects) that owns them. */
GPtrArray *
kf_ops_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
}

JsonObject *
kf_op_new (const char *entity,
           const char *id,
           gint64      base_version,
           JsonObject *data)
{
  JsonObject *op = json_object_new ();
  g_autofree char *op_id = g_uuid_string_random ();
  g_autofree char *text = kf_json_string (data);
  g_autoptr(JsonNode) copy = json_from_string (text, NULL);

  /* a copy: the caller goes on changing its record for the next op */
  json_object_set_string_member (op, "op_id", op_id);
  json_object_set_string_member (op, "entity", entity);
  json_object_set_string_member (op, "id", id);
  json_object_set_int_member (op, "base_version", base_version);
  json_object_set_object_member (op, "data", json_object_ref (json_node_get_object (copy)));
  return op;
}

JsonObject *
kf_rec_op (const KfRec *rec)
{
  return kf_op_new (rec->entity, rec->id, rec->version, rec->data);
}

char *
kf_ops_body (GPtrArray *ops)
{
  g_autoptr(JsonObject) body = json_object_new ();
  JsonArray *array = json_array_sized_new (ops->len);

  for (guint i = 0; i < ops->len; i++)
    json_array_add_object_element (array, json_object_ref (ops->pdata[i]));
  json_object_set_array_member (body, "ops", array);
  return kf_json_string (body);
}

static const char *
result_status (JsonObject *result)
{
  return json_object_get_string_member_with_default (result, "status", NULL);
}

/* The shape of one result, whatever its status (protocol, POST /v1/push). */
static void
check_result_shape (JsonObject *op,
                    JsonNode   *node,
                    const char *text)
{
  JsonObject *result;
  const char *status;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    kf_fail ("a result is not an object: %s", text);
  result = json_node_get_object (node);
  if (g_strcmp0 (json_object_get_string_member_with_default (result, "op_id", NULL),
                 json_object_get_string_member_with_default (op, "op_id", "")) != 0)
    kf_fail ("results are not one per op in request order: %s", text);
  if (!kf_has_boolean (result, "replay"))
    kf_fail ("a result without boolean \"replay\": %s", text);

  status = result_status (result);
  if (g_strcmp0 (status, "applied") == 0)
    {
      if (json_object_get_int_member_with_default (result, "version", 0) < 1)
        kf_fail ("an applied result without a version ≥ 1: %s", text);
    }
  else if (g_strcmp0 (status, "conflict") == 0)
    {
      JsonObject *current = kf_get_object (result, "current");

      if (current == NULL || !json_object_has_member (current, "id") ||
          !json_object_has_member (current, "version"))
        kf_fail ("a conflict without \"current\" (with id and version): %s", text);
    }
  else if (g_strcmp0 (status, "rejected") == 0)
    {
      JsonObject *error = kf_get_object (result, "error");

      if (error == NULL || !json_object_has_member (error, "code") ||
          *json_object_get_string_member_with_default (error, "message", "") == '\0')
        kf_fail ("a rejection without error code and message: %s", text);
    }
  else
    kf_fail ("a result of unknown status: %s", text);
}

KfReply *
kf_hub_push (KfHub      *hub,
             const char *token,
             GPtrArray  *ops)
{
  return kf_hub_push_with (hub, NULL, token, ops);
}

/* A push from @session (another thread's), checked for its shape. */
KfReply *
kf_hub_push_with (KfHub       *hub,
                  SoupSession *session,
                  const char  *token,
                  GPtrArray   *ops)
{
  g_autofree char *body = kf_ops_body (ops);
  g_autofree char *authorization = g_strdup_printf ("Bearer %s", token);
  KfReply *reply = kf_hub_send (hub, session, "POST", "/v1/push", authorization,
                                "application/json", body, -1);

  if (reply->status == 200)
    {
      g_autofree char *text = kf_reply_describe (reply);
      JsonArray *results;

      kf_assert_reply (reply, 200);
      results = kf_get_array (kf_reply_object (reply), "results");
      if (results == NULL || json_array_get_length (results) != ops->len)
        kf_fail ("expected %u results: %s", ops->len, text);
      for (guint i = 0; i < ops->len; i++)
        check_result_shape (ops->pdata[i], json_array_get_element (results, i), text);
    }
  return reply;
}

JsonArray *
kf_push_results (KfReply *reply,
                 guint    n_ops)
{
  JsonArray *results;

  kf_assert_reply (reply, 200);
  results = kf_get_array (kf_reply_object (reply), "results");
  g_assert_nonnull (results);
  g_assert_cmpuint (json_array_get_length (results), ==, n_ops);
  return results;
}

JsonObject *
kf_hub_push_rec (KfHub       *hub,
                 const char  *token,
                 const KfRec *rec)
{
  g_autoptr(GPtrArray) ops = kf_ops_new ();
  g_autoptr(KfReply) reply = NULL;

  g_ptr_array_add (ops, kf_rec_op (rec));
  reply = kf_hub_push (hub, token, ops);
  return json_object_ref (json_array_get_object_element (kf_push_results (reply, 1), 0));
}

void
kf_assert_applied_at (const char *file,
                      int         line,
                      JsonObject *result,
                      gint64      version)
{
  g_autofree char *text = kf_json_string (result);

  if (g_strcmp0 (result_status (result), "applied") != 0)
    kf_fail_at (file, line, "expected applied, got %s", text);
  if (version > 0 && json_object_get_int_member_with_default (result, "version", 0) != version)
    kf_fail_at (file, line, "expected version %" G_GINT64_FORMAT ", got %s", version, text);
}

void
kf_assert_rejected_at (const char *file,
                       int         line,
                       JsonObject *result,
                       const char *code,
                       const char *field)
{
  g_autofree char *text = kf_json_string (result);
  JsonObject *error;

  if (g_strcmp0 (result_status (result), "rejected") != 0)
    kf_fail_at (file, line, "expected rejected %s, got %s", code, text);
  error = json_object_get_object_member (result, "error");
  if (g_strcmp0 (json_object_get_string_member_with_default (error, "code", NULL), code) != 0)
    kf_fail_at (file, line, "expected rejection code %s, got %s", code, text);
  if (field != NULL &&
      g_strcmp0 (json_object_get_string_member_with_default (error, "field", NULL), field) != 0)
    kf_fail_at (file, line, "expected rejection of field %s, got %s", field, text);
}

void
kf_hub_put_at (const char *file,
               int         line,
               KfHub      *hub,
               const char *token,
               KfRec      *rec)
{
  g_autoptr(JsonObject) result = kf_hub_push_rec (hub, token, rec);

  kf_assert_applied_at (file, line, result, rec->version + 1);
  if (json_object_get_boolean_member (result, "replay"))
    kf_fail_at (file, line, "a new op answered as a replay");
  rec->version++;
}

void
kf_hub_put_rejected_at (const char *file,
                        int         line,
                        KfHub      *hub,
                        const char *token,
                        KfRec      *rec,
                        const char *code,
                        const char *field)
{
  g_autoptr(JsonObject) result = kf_hub_push_rec (hub, token, rec);

  kf_assert_rejected_at (file, line, result, code, field);
}

/* The change feed */

void
kf_change_free (KfChange *change)
{
  if (change == NULL)
    return;
  g_free (change->entity);
  g_free (change->id);
  g_clear_pointer (&change->data, json_object_unref);
  g_free (change);
}

static KfChange *
read_change (JsonNode   *node,
             const char *text)
{
  static const char * const entities[] = { "base", "session", "booking", "visit", NULL };
  KfChange *change = g_new0 (KfChange, 1);
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    kf_fail ("a change is not an object: %s", text);
  object = json_node_get_object (node);
  change->seq = json_object_get_int_member_with_default (object, "seq", -1);
  change->entity = g_strdup (json_object_get_string_member_with_default (object, "entity", ""));
  change->id = g_strdup (json_object_get_string_member_with_default (object, "id", ""));
  change->version = json_object_get_int_member_with_default (object, "version", -1);
  if (kf_get_object (object, "data") == NULL)
    kf_fail ("a change without a data object: %s", text);
  change->data = json_object_ref (json_object_get_object_member (object, "data"));
  if (change->seq < 1 || change->version < 1 || !kf_is_uuid (change->id) ||
      !g_strv_contains (entities, change->entity))
    kf_fail ("a change without seq, entity, id and version: %s", text);
  return change;
}

/**
 * kf_hub_changes_page:
 * One GET /v1/changes (@limit 0: the default), checked against the
 * protocol's rules for a page: ordered by seq, all after @since, at most
 * @limit, `next` the last seq or @since.
 */
GPtrArray *
kf_hub_changes_page (KfHub       *hub,
                     SoupSession *session,
                     const char  *token,
                     gint64       since,
                     guint        limit,
                     gint64      *next,
                     gboolean    *more)
{
  g_autofree char *path = NULL;
  g_autofree char *authorization = g_strdup_printf ("Bearer %s", token);
  g_autofree char *text = NULL;
  g_autoptr(KfReply) reply = NULL;
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_change_free);
  JsonObject *object;
  JsonArray *array;
  gint64 last = since;

  if (limit > 0)
    path = g_strdup_printf ("/v1/changes?since=%" G_GINT64_FORMAT "&limit=%u", since, limit);
  else
    path = g_strdup_printf ("/v1/changes?since=%" G_GINT64_FORMAT, since);
  reply = kf_hub_send (hub, session, "GET", path, authorization, NULL, NULL, 0);
  kf_assert_reply (reply, 200);
  text = kf_reply_describe (reply);
  object = kf_reply_object (reply);
  array = kf_get_array (object, "changes");
  if (array == NULL || !json_object_has_member (object, "next") ||
      !kf_has_boolean (object, "more"))
    kf_fail ("a page without changes, next and more: %s", text);
  if (json_array_get_length (array) > (limit > 0 ? limit : 500))
    kf_fail ("a page longer than its limit %u: %s", limit, text);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      KfChange *change = read_change (json_array_get_element (array, i), text);

      if (change->seq <= last)
        kf_fail ("seq %" G_GINT64_FORMAT " after %" G_GINT64_FORMAT " (since %" G_GINT64_FORMAT
                 "): not ordered or not after since", change->seq, last, since);
      last = change->seq;
      g_ptr_array_add (changes, change);
    }
  if (json_object_get_int_member (object, "next") != last)
    kf_fail ("next is %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT " (last seq or since)",
             json_object_get_int_member (object, "next"), last);
  *next = last;
  *more = json_object_get_boolean_member (object, "more");
  return changes;
}

GPtrArray *
kf_hub_changes_all (KfHub      *hub,
                    const char *token,
                    gint64      since,
                    guint       limit,
                    gint64     *next)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_change_free);
  gboolean more = TRUE;
  gint64 cursor = since;

  for (guint round = 0; more; round++)
    {
      g_autoptr(GPtrArray) page = kf_hub_changes_page (hub, NULL, token, cursor, limit,
                                                       &cursor, &more);

      if (more && page->len == 0)
        kf_fail ("an empty page says there is more");
      if (round > 100000)
        kf_fail ("the change feed does not end");
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (all, g_steal_pointer (&page->pdata[i]));
    }
  if (next != NULL)
    *next = cursor;
  return all;
}

/* The latest change of a record (NULL if it is not there). */
KfChange *
kf_changes_find (GPtrArray  *changes,
                 const char *id)
{
  KfChange *found = NULL;

  for (guint i = 0; i < changes->len; i++)
    {
      KfChange *change = changes->pdata[i];

      if (g_str_equal (change->id, id))
        found = change;
    }
  return found;
}

/* Where the reviewer's feed ends: it moves with any write at all. */
gint64
kf_hub_feed_head (KfHub *hub)
{
  g_autoptr(GPtrArray) all = NULL;
  gint64 next;

  all = kf_hub_changes_all (hub, hub->token[KF_TOK_REVIEWER], 0, 1000, &next);
  return next;
}

/* The hub still answers and nothing was written since @head was taken. */
void
kf_assert_untouched (KfHub *hub,
                     gint64 head)
{
  g_autoptr(KfReply) health = kf_hub_get (hub, NULL, "/v1/health");

  kf_assert_reply (health, 200);
  g_assert_cmpint (kf_hub_feed_head (hub), ==, head);
}

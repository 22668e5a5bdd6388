/* kf-hub-push.c — POST /v1/push: ops decided by the core's rules, in one
 * transaction, each answered once and remembered; pushes that arrive
 * together share one transaction (group commit)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-hub"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kf-error.h"
#include "kf-hub-error.h"
#include "kf-hub-push.h"
#include "kf-hub-status.h"
#include "kf-store-private.h"

typedef struct
{
  const char *op_id;
  const char *entity;
  const char *id;
  gint64      base_version;
  JsonNode   *data;
} Op;

typedef struct
{
  KfStore           *store;
  const KfHubClient *client;
  KfIdentity        *identity;
  GDateTime         *now;
} Push;

/* The shape of the request, checked whole before anything is decided. */

static gboolean
shape_error (GError    **error,
             guint       index,
             const char *member,
             const char *reason)
{
  g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_INVALID_REQUEST, "ops[%u].%s: %s",
               index, member, reason);
  return FALSE;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
read_op (JsonNode *node,
         guint     index,
         Op       *op,
         GError  **error)
{
  JsonObject *object;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_INVALID_REQUEST,
                   _("ops[%u]: must be an object"), index);
      return FALSE;
    }
  object = json_node_get_object (node);

  op->op_id = string_member (object, "op_id");
  if (op->op_id == NULL || !kf_uuid_is_valid (op->op_id))
    return shape_error (error, index, "op_id", _("must be a lowercase UUID"));

  op->entity = string_member (object, "entity");
  if (op->entity == NULL)
    return shape_error (error, index, "entity", _("must be a string"));

  op->id = string_member (object, "id");
  if (op->id == NULL)
    return shape_error (error, index, "id", _("must be a string"));

  member = json_object_get_member (object, "base_version");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_INT64 || json_node_get_int (member) < 0)
    return shape_error (error, index, "base_version", _("must be a whole number, 0 or more"));
  op->base_version = json_node_get_int (member);

  op->data = json_object_get_member (object, "data");
  if (op->data == NULL || !JSON_NODE_HOLDS_OBJECT (op->data))
    return shape_error (error, index, "data", _("must be an object"));
  return TRUE;
}

static GArray *
read_ops (JsonNode *body,
          GError  **error)
{
  g_autoptr(GArray) ops = NULL;
  JsonNode *ops_node;
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_OBJECT (body))
    {
      g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_INVALID_REQUEST,
                   _("the body must be a JSON object"));
      return NULL;
    }
  ops_node = json_object_get_member (json_node_get_object (body), "ops");
  if (ops_node == NULL || !JSON_NODE_HOLDS_ARRAY (ops_node))
    {
      g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_INVALID_REQUEST,
                   _("ops: is required and must be an array"));
      return NULL;
    }

  array = json_node_get_array (ops_node);
  n = json_array_get_length (array);
  if (n > KF_HUB_MAX_OPS)
    {
      g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_TOO_MANY_OPS,
                   _("ops: a push may hold at most %d ops, this one holds %u"),
                   KF_HUB_MAX_OPS, n);
      return NULL;
    }
  if (n == 0)
    {
      g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_INVALID_REQUEST,
                   _("ops: must hold at least one op"));
      return NULL;
    }

  ops = g_array_sized_new (FALSE, TRUE, sizeof (Op), n);
  g_array_set_size (ops, n);
  for (guint i = 0; i < n; i++)
    if (!read_op (json_array_get_element (array, i), i, &g_array_index (ops, Op, i), error))
      return NULL;
  return g_steal_pointer (&ops);
}

/* Results. Each is kept as the object the client was first given, without
 * "replay", which is added as it is sent. */

static GString *
result_begin (const Op   *op,
              const char *status)
{
  GString *out = g_string_new ("{\"op_id\": ");

  kf_json_append_string (out, op->op_id);
  g_string_append_printf (out, ", \"status\": \"%s\"", status);
  return out;
}

static GString *
result_rejected (const Op     *op,
                 const GError *reason)
{
  GString *out = result_begin (op, "rejected");
  g_autofree char *message = kf_error_describe (reason);
  const char *field = kf_error_get_field (reason);

  g_string_append (out, ", \"error\": {\"code\": ");
  kf_json_append_string (out, kf_error_code_to_string (reason->code));
  g_string_append (out, ", \"message\": ");
  kf_json_append_string (out, message);
  if (field != NULL)
    {
      g_string_append (out, ", \"field\": ");
      kf_json_append_string (out, field);
    }
  g_string_append (out, "}}");
  return out;
}

static GString *
result_conflict (const Op       *op,
                 const KfRecord *current)
{
  GString *out = result_begin (op, "conflict");

  g_string_append (out, ", \"current\": ");
  kf_record_append_json (current, TRUE, out);
  g_string_append_c (out, '}');
  return out;
}

static GString *
result_applied (const Op *op,
                gint64    version)
{
  GString *out = result_begin (op, "applied");

  g_string_append_printf (out, ", \"version\": %" G_GINT64_FORMAT "}", version);
  return out;
}

static void
append_result (GString    *results,
               const char *result,
               gboolean    replay)
{
  gsize len = strlen (result);

  g_assert (len > 0 && result[len - 1] == '}');
  if (results->len > 0 && results->str[results->len - 1] == '}')
    g_string_append (results, ",\n  ");
  g_string_append_len (results, result, len - 1);
  g_string_append_printf (results, ", \"replay\": %s}", replay ? "true" : "false");
}

/* What the hub remembers of an op */

typedef struct
{
  char *entity;
  char *record_id;
  char *data;
  char *result;
} SeenOp;

static void
seen_op_clear (SeenOp *seen)
{
  g_free (seen->entity);
  g_free (seen->record_id);
  g_free (seen->data);
  g_free (seen->result);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SeenOp, seen_op_clear)

/* Returns -1 on a database error, 0 if unseen, 1 if seen. */
static int
find_op (Push       *push,
         const Op   *op,
         SeenOp     *seen,
         GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = kf_store_prepare (push->store, "SELECT entity, record_id, data, result FROM ops"
                           " WHERE client_id = ? AND op_id = ?", error);
  if (stmt == NULL)
    return -1;
  kf_store_bind_text (stmt, 1, push->client->client_id);
  kf_store_bind_text (stmt, 2, op->op_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      seen->entity = g_strdup (kf_store_column_text (stmt, 0));
      seen->record_id = g_strdup (kf_store_column_text (stmt, 1));
      seen->data = g_strdup (kf_store_column_text (stmt, 2));
      seen->result = g_strdup (kf_store_column_text (stmt, 3));
    }
  else if (rc != SQLITE_DONE)
    kf_store_set_sqlite_error (push->store, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static gboolean
same_op (const SeenOp *seen,
         const Op     *op)
{
  g_autoptr(JsonNode) data = NULL;

  if (g_strcmp0 (seen->entity, op->entity) != 0 || g_strcmp0 (seen->record_id, op->id) != 0)
    return FALSE;
  data = json_from_string (seen->data, NULL);
  return data != NULL && json_node_equal (data, op->data);
}

static gboolean
remember_op (Push       *push,
             const Op   *op,
             const char *result,
             GError    **error)
{
  g_autofree char *data = json_to_string (op->data, FALSE);
  g_autofree char *now = g_date_time_format_iso8601 (push->now);
  sqlite3_stmt *stmt;

  stmt = kf_store_prepare (push->store, "INSERT INTO ops (client_id, op_id, entity, record_id,"
                           " data, result, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  kf_store_bind_text (stmt, 1, push->client->client_id);
  kf_store_bind_text (stmt, 2, op->op_id);
  kf_store_bind_text (stmt, 3, op->entity);
  kf_store_bind_text (stmt, 4, op->id);
  kf_store_bind_text (stmt, 5, data);
  kf_store_bind_text (stmt, 6, result);
  kf_store_bind_text (stmt, 7, now);
  return kf_store_step_done (push->store, stmt, error);
}

/* Deciding one op */

/* Rule errors become a rejection; anything else (the database) fails the
 * whole push. */
static GString *
reject_or_fail (const Op *op,
                GError  **reason,
                GError  **error)
{
  if ((*reason)->domain == KF_ERROR && (*reason)->code < KF_ERROR_OP_ID_REUSED)
    return result_rejected (op, *reason);
  g_propagate_error (error, g_steal_pointer (reason));
  return NULL;
}

static gboolean
role_may_write (KfRole   role,
                KfEntity entity)
{
  if (role == KF_ROLE_BASE)
    return entity != KF_ENTITY_BASE;
  return role == KF_ROLE_SCHOOL && entity == KF_ENTITY_BOOKING;
}

static char *
find_owner (Push           *push,
            const KfRecord *record,
            GError        **error)
{
  sqlite3_stmt *stmt;
  char *owner = NULL;
  int rc;

  stmt = kf_store_prepare (push->store, "SELECT client_id FROM owners"
                           " WHERE entity = ? AND record_id = ?", error);
  if (stmt == NULL)
    return NULL;
  kf_store_bind_text (stmt, 1, kf_entity_info (record->entity)->name);
  kf_store_bind_text (stmt, 2, record->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    owner = g_strdup (kf_store_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    kf_store_set_sqlite_error (push->store, error);
  sqlite3_reset (stmt);
  if (owner == NULL && rc == SQLITE_DONE)
    owner = g_strdup ("");
  return owner;
}

/* An existing record that is not this client's to write is forbidden
 * before its version is looked at, so that a conflict never shows a client
 * a record it may not read. */
static gboolean
check_existing (Push           *push,
                const KfRecord *old,
                GError        **error)
{
  const KfHubClient *client = push->client;
  g_autofree char *owner = NULL;

  if (!kf_hub_client_may_read (client, old))
    {
      if (client->role == KF_ROLE_BASE)
        kf_set_field_error (error, KF_ERROR_FORBIDDEN, "base_id", _("belongs to another base"));
      else
        kf_set_field_error (error, KF_ERROR_FORBIDDEN, "org_name",
                            _("belongs to another organisation"));
      return FALSE;
    }
  if (old->entity != KF_ENTITY_VISIT)
    return TRUE;

  owner = find_owner (push, old, error);
  if (owner == NULL)
    return FALSE;
  if (*owner != '\0' && strcmp (owner, client->client_id) != 0)
    {
      kf_set_field_error (error, KF_ERROR_FORBIDDEN, NULL,
                          _("this visit was recorded by another installation; "
                            "only that one may change it"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_owner (Push           *push,
           const KfRecord *record,
           GError        **error)
{
  sqlite3_stmt *stmt;

  stmt = kf_store_prepare (push->store, "INSERT OR IGNORE INTO owners (entity, record_id,"
                           " client_id) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  kf_store_bind_text (stmt, 1, kf_entity_info (record->entity)->name);
  kf_store_bind_text (stmt, 2, record->id);
  kf_store_bind_text (stmt, 3, push->client->client_id);
  return kf_store_step_done (push->store, stmt, error);
}

/* Which of its session's counts a booking adds to, and how much. */
static int
booking_bucket (const KfBooking *booking,
                gint64          *people)
{
  *people = booking != NULL ? kf_booking_people (booking) : 0;
  if (kf_booking_holds_seats (booking))
    return 2;
  if (booking != NULL && g_strcmp0 (booking->status, "requested") == 0)
    return 1;
  *people = 0;
  return 0;
}

/* Moves a session in the feed without loading it: its counts are summed
 * when it is read, not here. */
static gboolean
touch_session (Push       *push,
               const char *session_id,
               GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = kf_store_prepare (push->store, "INSERT OR REPLACE INTO changes"
                           " (entity, record_id, base_id, org_name)"
                           " SELECT 'session', id, base_id, NULL FROM sessions WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  kf_store_bind_text (stmt, 1, session_id);
  return kf_store_step_done (push->store, stmt, error);
}

/* Sessions move in the feed when their confirmed or requested people
 * change, which only a booking write does. */
static gboolean
touch_booked_sessions (Push            *push,
                       const KfBooking *old,
                       const KfBooking *booking,
                       GError         **error)
{
  gint64 old_people, new_people;
  int old_bucket = booking_bucket (old, &old_people);
  int new_bucket = booking_bucket (booking, &new_people);

  if (old != NULL && g_strcmp0 (old->session_id, booking->session_id) != 0)
    {
      if (old_bucket != 0 && !touch_session (push, old->session_id, error))
        return FALSE;
      return new_bucket == 0 || touch_session (push, booking->session_id, error);
    }
  if (old_bucket == new_bucket && old_people == new_people)
    return TRUE;
  return touch_session (push, booking->session_id, error);
}

static gboolean
apply (Push           *push,
       const KfRecord *old,
       KfRecord       *record,
       GError        **error)
{
  record->version = old != NULL ? old->version + 1 : 1;

  if (!kf_store_save (push->store, record, error) ||
      !kf_hub_db_touch (push->store, record, error))
    return FALSE;
  if (record->entity == KF_ENTITY_BOOKING &&
      !touch_booked_sessions (push, KF_BOOKING (old), KF_BOOKING (record), error))
    return FALSE;
  if (record->entity == KF_ENTITY_VISIT && old == NULL && !set_owner (push, record, error))
    return FALSE;
  return TRUE;
}

static KfRecord *
load_existing (Push      *push,
               KfEntity   entity,
               const char *id,
               gboolean  *failed,
               GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  KfRecord *old = kf_store_get (push->store, entity, id, &local_error);

  *failed = old == NULL && !g_error_matches (local_error, KF_ERROR, KF_ERROR_NOT_FOUND);
  if (*failed)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return old;
}

/* Decides @op. Returns its result, or %NULL when the database failed. The
 * order: what the op is, whether this client may write it at all, its
 * data, whether the record is this client's, the version, the rules. */
static GString *
decide (Push     *push,
        const Op *op,
        GError  **error)
{
  g_autoptr(GError) reason = NULL;
  g_autoptr(KfRecord) record = NULL;
  g_autoptr(KfRecord) old = NULL;
  KfEntity entity;
  gboolean failed;

  if (!kf_entity_from_string (op->entity, &entity))
    kf_set_field_error (&reason, KF_ERROR_INVALID_FIELD, "entity",
                        _("must be one of: session, booking, visit"));
  else if (!role_may_write (push->client->role, entity))
    kf_set_field_error (&reason, KF_ERROR_FORBIDDEN, NULL,
                        _("this role may not write this kind of record"));
  else if (!kf_uuid_is_valid (op->id))
    kf_set_field_error (&reason, KF_ERROR_INVALID_FIELD, "id",
                        _("must be an id (a lowercase UUID)"));
  if (reason != NULL)
    return result_rejected (op, reason);

  record = kf_record_from_json_data (entity, op->id, json_node_get_object (op->data), &reason);
  if (record == NULL)
    return result_rejected (op, reason);

  old = load_existing (push, entity, op->id, &failed, error);
  if (failed)
    return NULL;

  if ((old != NULL && !check_existing (push, old, &reason)) ||
      !kf_record_validate (record, &reason))
    return reject_or_fail (op, &reason, error);

  if (old != NULL && (op->base_version == 0 || op->base_version != old->version))
    return result_conflict (op, old);

  if (!kf_store_check_write (push->store, push->identity, old, record, push->now, &reason))
    return reject_or_fail (op, &reason, error);

  if (!apply (push, old, record, error))
    return NULL;
  return result_applied (op, record->version);
}

static gboolean
answer_op (Push     *push,
           const Op *op,
           GString  *results,
           GError  **error)
{
  g_auto(SeenOp) seen = { 0 };
  g_autoptr(GString) result = NULL;
  g_autoptr(GError) reason = NULL;
  int found = find_op (push, op, &seen, error);

  if (found < 0)
    return FALSE;
  if (found > 0 && same_op (&seen, op))
    {
      append_result (results, seen.result, TRUE);
      return TRUE;
    }
  if (found > 0)
    {
      /* Not remembered: the op_id already stands for the first op. */
      kf_set_field_error (&reason, KF_ERROR_OP_ID_REUSED, "op_id",
                          _("was used before for another entity, record or data"));
      result = result_rejected (op, reason);
      append_result (results, result->str, FALSE);
      return TRUE;
    }

  result = decide (push, op, error);
  if (result == NULL || !remember_op (push, op, result->str, error))
    return FALSE;
  append_result (results, result->str, FALSE);
  return TRUE;
}

static gboolean
answer_all (Push    *push,
            GArray  *ops,
            GString *results,
            GError **error)
{
  for (guint i = 0; i < ops->len; i++)
    if (!answer_op (push, &g_array_index (ops, Op, i), results, error))
      return FALSE;
  return TRUE;
}

/* One request */

struct _KfHubPush
{
  JsonNode   *body;      /* the ops point into it */
  GArray     *ops;
  Push        context;   /* its store is set when the push is applied */
  char       *answer;
  GError     *error;
};

/**
 * kf_hub_push_new:
 * @client: who pushes; it must outlive the push
 * @body: the request, parsed
 * @now: the time the rules see (a school may cancel before its session
 *   starts), in the zone the sessions are planned in
 * @error: return location for a %KF_HUB_ERROR: the role may not push, or
 *   the request's shape is wrong
 *
 * Reads a push, checked whole before anything is decided, to be applied by
 * kf_hub_push_apply().
 *
 * Returns: (transfer full) (nullable): the push
 */
KfHubPush *
kf_hub_push_new (const KfHubClient *client,
                 JsonNode          *body,
                 GDateTime         *now,
                 GError           **error)
{
  g_autoptr(GArray) ops = NULL;
  KfHubPush *self;

  g_return_val_if_fail (client != NULL && body != NULL && now != NULL, NULL);

  if (!role_may_write (client->role, KF_ENTITY_BOOKING))
    {
      g_set_error (error, KF_HUB_ERROR, KF_HUB_ERROR_FORBIDDEN,
                   _("the role %s may not push"), kf_role_to_string (client->role));
      return NULL;
    }

  ops = read_ops (body, error);
  if (ops == NULL)
    return NULL;

  self = g_new0 (KfHubPush, 1);
  self->body = json_node_ref (body);
  self->ops = g_steal_pointer (&ops);
  self->context = (Push) { NULL, client, kf_hub_client_get_identity (client),
                           g_date_time_ref (now) };
  return self;
}

void
kf_hub_push_free (KfHubPush *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->ops);
  json_node_unref (self->body);
  kf_identity_free (self->context.identity);
  g_date_time_unref (self->context.now);
  g_free (self->answer);
  g_clear_error (&self->error);
  g_free (self);
}

guint
kf_hub_push_get_n_ops (KfHubPush *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->ops->len;
}

/**
 * kf_hub_push_take_answer:
 * @self: a push that kf_hub_push_apply() applied
 * @error: return location for why it failed
 *
 * Returns: (transfer full) (nullable): the JSON body of the 200 answer,
 *   or %NULL with @error set when nothing of the push was kept
 */
char *
kf_hub_push_take_answer (KfHubPush *self,
                         GError   **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->answer != NULL || self->error != NULL, NULL);

  if (self->answer == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return NULL;
    }
  return g_steal_pointer (&self->answer);
}

/* A group of pushes in one transaction
 *
 * Pushes that arrive together are applied in one transaction and committed
 * once. A push that fails (a database error: rules only reject ops) must
 * keep nothing while the others of its group are kept: the transaction is
 * rolled back and tried again without it. That costs a second try only in
 * the rare case of a failure; a savepoint per push would cost on every
 * push, as SQLite copies each page a savepoint changes into its journal. */

typedef enum
{
  TRY_COMMITTED,
  TRY_AGAIN,      /* a push failed: the others are tried again without it */
  TRY_LOST,       /* the transaction could not begin or commit */
} Try;

static void
fail_push (KfHubPush    *self,
           const GError *error)
{
  g_clear_pointer (&self->answer, g_free);
  if (self->error == NULL)
    self->error = g_error_copy (error);
}

static gboolean
apply_one (KfStore   *store,
           KfHubPush *self)
{
  g_autoptr(GString) results = g_string_new (NULL);

  g_clear_pointer (&self->answer, g_free);
  self->context.store = store;
  if (!answer_all (&self->context, self->ops, results, &self->error) ||
      !kf_hub_sync_note_push (store, self->context.client, &self->error))
    {
      /* Never without a reason: a retry leaves out the pushes that have one. */
      if (self->error == NULL)
        g_set_error_literal (&self->error, KF_ERROR, KF_ERROR_DATABASE, "the push failed");
      return FALSE;
    }
  self->answer = g_strdup_printf ("{\"results\": [\n  %s\n]}\n", results->str);
  return TRUE;
}

/* Applies, in order, every push that has not failed yet. */
static Try
try_group (KfStore    *store,
           KfHubPush **pushes,
           guint       n_pushes,
           GError    **error)
{
  guint applied = 0;

  if (!kf_store_begin (store, error))
    return TRY_LOST;
  for (guint i = 0; i < n_pushes; i++)
    {
      if (pushes[i]->error != NULL)
        continue;
      if (!apply_one (store, pushes[i]))
        return TRY_AGAIN;
      applied++;
    }
  if (applied == 0)
    {
      kf_store_rollback (store);
      return TRY_COMMITTED;
    }
  return kf_store_commit (store, error) ? TRY_COMMITTED : TRY_LOST;
}

/**
 * kf_hub_push_apply:
 * @store: the hub's store, not in a transaction
 * @pushes: (array length=n_pushes): pushes from kf_hub_push_new()
 * @n_pushes: how many
 *
 * Applies @pushes in order in one transaction and commits once: one sync
 * of the disk for all of them (group commit). A push that fails keeps
 * nothing and the others are kept, as if it had not been sent; when the
 * transaction cannot commit, every push fails and nothing is kept. Each
 * push then has its answer (kf_hub_push_take_answer()), which must not be
 * sent before this returns: only then is it committed.
 */
void
kf_hub_push_apply (KfStore    *store,
                   KfHubPush **pushes,
                   guint       n_pushes)
{
  g_autoptr(GError) error = NULL;
  Try outcome;

  g_return_if_fail (KF_IS_STORE (store));
  g_return_if_fail (pushes != NULL || n_pushes == 0);

  /* Each new try leaves out one more push, so this ends. */
  while ((outcome = try_group (store, pushes, n_pushes, &error)) == TRY_AGAIN)
    kf_store_rollback (store);

  if (outcome == TRY_LOST)
    {
      kf_store_rollback (store);
      for (guint i = 0; i < n_pushes; i++)
        fail_push (pushes[i], error);
    }
}

/**
 * kf_hub_push:
 * @store: the hub's store
 * @client: who pushes
 * @body: the request, parsed
 * @now: the time the rules see
 * @error: return location for a %KF_HUB_ERROR (the request's shape), or
 *   another error when the database failed
 *
 * Answers every op in order, in one transaction of its own: the results
 * are returned only once it is committed, and a failure keeps nothing of the
 * request.
 *
 * Returns: (transfer full) (nullable): the JSON body of the 200 answer
 */
char *
kf_hub_push (KfStore           *store,
             const KfHubClient *client,
             JsonNode          *body,
             GDateTime         *now,
             GError           **error)
{
  g_autoptr(KfHubPush) push = NULL;

  g_return_val_if_fail (KF_IS_STORE (store), NULL);
  g_return_val_if_fail (client != NULL && body != NULL && now != NULL, NULL);

  push = kf_hub_push_new (client, body, now, error);
  if (push == NULL)
    return NULL;
  kf_hub_push_apply (store, &push, 1);
  return kf_hub_push_take_answer (push, error);
}

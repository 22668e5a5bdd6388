/* kf-hub-harness.h — a real kaifang-hub process, its fixture data and an HTTP client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The end-to-end tests talk to the hub as any client would: over HTTP on
 * loopback. Nothing here links the hub or the core library, so that the
 * figures the tests expect are computed independently of the code under test.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Fixed ids, chosen so that sorting the bases by id and by name differ. */
#define KF_BASE_A_ID   "f0000000-0000-4000-8000-00000000000a"
#define KF_BASE_A_NAME "Alpha Weather Station"
#define KF_BASE_A_PHONE "13900001111"
#define KF_BASE_B_ID   "00000000-0000-4000-8000-00000000000b"
#define KF_BASE_B_NAME "Beta Farm"
#define KF_ORG_X       "Xinhua Middle School"
#define KF_ORG_Y       "Yucai Primary School"
#define KF_PHONE       "13812340000"
#define KF_PHONE_MASKED "138****0000"

typedef enum
{
  KF_TOK_BASE_A,    /* base A, first installation */
  KF_TOK_BASE_A2,   /* base A, a second installation (another door) */
  KF_TOK_BASE_B,
  KF_TOK_SCHOOL_X,
  KF_TOK_SCHOOL_Y,
  KF_TOK_REVIEWER,
  KF_N_TOKENS
} KfTok;

typedef struct
{
  char        *dir;
  char        *db;
  char        *url;       /* http://127.0.0.1:PORT */
  guint16      port;
  char        *listen_line;
  GSubprocess *proc;
  GThread     *drain;
  SoupSession *session;
  char        *token[KF_N_TOKENS];
} KfHub;

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  JsonNode           *root;    /* NULL when the body is not JSON */
} KfReply;

/* A record as a client keeps it: entity, id, the version the hub gave it
 * and the data it pushes. */
typedef struct
{
  const char *entity;
  char       *id;
  gint64      version;
  JsonObject *data;
} KfRec;

typedef struct
{
  gint64      seq;
  char       *entity;
  char       *id;
  gint64      version;
  JsonObject *data;
} KfChange;

/* The program under test and its command line */
const char *kf_hub_program      (void);
int         kf_hub_cli          (char       **out,
                                 char       **err,
                                 const char  *first_arg,
                                 ...) G_GNUC_NULL_TERMINATED;
char       *kf_hub_cli_ok       (const char  *first_arg,
                                 ...) G_GNUC_NULL_TERMINATED;

/* Fixtures */
KfHub      *kf_hub_new          (void);
KfHub      *kf_hub_new_stopped  (void);
KfHub      *kf_hub_new_bare     (void);
KfHub      *kf_hub_shared       (void);
void        kf_hub_shared_free  (void);
void        kf_hub_start        (KfHub       *hub);
int         kf_hub_stop_signal  (KfHub       *hub,
                                 int          signum);
void        kf_hub_free         (KfHub       *hub);
gboolean    kf_hub_is_running   (KfHub       *hub);
char       *kf_hub_add_token    (KfHub       *hub,
                                 const char  *role,
                                 const char  *bound,
                                 const char  *label);
char       *kf_hub_client_id    (KfHub       *hub,
                                 const char  *token);
void        kf_hub_revoke       (KfHub       *hub,
                                 const char  *client_id);

/* HTTP */
SoupSession *kf_soup_session_new (void);
KfReply    *kf_hub_send         (KfHub       *hub,
                                 SoupSession *session,
                                 const char  *method,
                                 const char  *path,
                                 const char  *authorization,
                                 const char  *content_type,
                                 const void  *body,
                                 gssize       length);
KfReply    *kf_hub_request      (KfHub       *hub,
                                 const char  *method,
                                 const char  *path,
                                 const char  *token,
                                 const char  *content_type,
                                 const void  *body,
                                 gssize       length);
KfReply    *kf_hub_get          (KfHub       *hub,
                                 const char  *token,
                                 const char  *path);
KfReply    *kf_hub_post_json    (KfHub       *hub,
                                 const char  *token,
                                 const char  *path,
                                 const char  *json);
KfReply    *kf_hub_raw          (KfHub       *hub,
                                 const void  *request,
                                 gsize        length);
void        kf_reply_free       (KfReply     *reply);
JsonObject *kf_reply_object     (KfReply     *reply);
char       *kf_reply_describe   (KfReply     *reply);

#define kf_assert_reply(r, st) \
  kf_assert_reply_at (__FILE__, __LINE__, (r), (st))
#define kf_assert_error(r, st, code) \
  kf_assert_error_at (__FILE__, __LINE__, (r), (st), (code))
void        kf_assert_reply_at  (const char  *file,
                                 int          line,
                                 KfReply     *reply,
                                 guint        status);
void        kf_assert_error_at  (const char  *file,
                                 int          line,
                                 KfReply     *reply,
                                 guint        status,
                                 const char  *code);
void        kf_fail_at          (const char  *file,
                                 int          line,
                                 const char  *format,
                                 ...) G_GNUC_PRINTF (3, 4);
#define kf_fail(...) kf_fail_at (__FILE__, __LINE__, __VA_ARGS__)

/* Records and pushes */
KfRec      *kf_rec_new          (const char  *entity,
                                 JsonObject  *data);
KfRec      *kf_rec_copy         (const KfRec *rec);
void        kf_rec_free         (KfRec       *rec);
void        kf_rec_set          (KfRec       *rec,
                                 const char  *field,
                                 const char  *value);
void        kf_rec_set_int      (KfRec       *rec,
                                 const char  *field,
                                 gint64       value);
const char *kf_rec_get          (const KfRec *rec,
                                 const char  *field);
gint64      kf_rec_get_int      (const KfRec *rec,
                                 const char  *field);
KfRec      *kf_session_new      (const char  *base_id,
                                 const char  *date,
                                 const char  *start,
                                 const char  *end,
                                 gint64       capacity,
                                 const char  *topic,
                                 const char  *format);
KfRec      *kf_booking_new      (const KfRec *session,
                                 const char  *org,
                                 gint64       youth,
                                 gint64       adults,
                                 const char  *status);
KfRec      *kf_visit_new        (const char  *base_id,
                                 const KfRec *session,
                                 const KfRec *booking,
                                 const char  *kind,
                                 const char  *arrived_at,
                                 gint64       youth,
                                 gint64       adults);

GPtrArray  *kf_ops_new          (void);
JsonObject *kf_op_new           (const char  *entity,
                                 const char  *id,
                                 gint64       base_version,
                                 JsonObject  *data);
JsonObject *kf_rec_op           (const KfRec *rec);
char       *kf_ops_body         (GPtrArray   *ops);
KfReply    *kf_hub_push         (KfHub       *hub,
                                 const char  *token,
                                 GPtrArray   *ops);
KfReply    *kf_hub_push_with    (KfHub       *hub,
                                 SoupSession *session,
                                 const char  *token,
                                 GPtrArray   *ops);
JsonArray  *kf_push_results     (KfReply     *reply,
                                 guint        n_ops);
JsonObject *kf_hub_push_rec     (KfHub       *hub,
                                 const char  *token,
                                 const KfRec *rec);

#define kf_hub_put(hub, tok, rec) \
  kf_hub_put_at (__FILE__, __LINE__, (hub), (tok), (rec))
#define kf_hub_put_rejected(hub, tok, rec, code, field) \
  kf_hub_put_rejected_at (__FILE__, __LINE__, (hub), (tok), (rec), (code), (field))
#define kf_assert_applied(res, version) \
  kf_assert_applied_at (__FILE__, __LINE__, (res), (version))
#define kf_assert_rejected(res, code, field) \
  kf_assert_rejected_at (__FILE__, __LINE__, (res), (code), (field))
void        kf_hub_put_at       (const char  *file,
                                 int          line,
                                 KfHub       *hub,
                                 const char  *token,
                                 KfRec       *rec);
void        kf_hub_put_rejected_at (const char  *file,
                                    int          line,
                                    KfHub       *hub,
                                    const char  *token,
                                    KfRec       *rec,
                                    const char  *code,
                                    const char  *field);
void        kf_assert_applied_at  (const char  *file,
                                   int          line,
                                   JsonObject  *result,
                                   gint64       version);
void        kf_assert_rejected_at (const char  *file,
                                   int          line,
                                   JsonObject  *result,
                                   const char  *code,
                                   const char  *field);

/* The change feed */
void        kf_change_free      (KfChange    *change);
GPtrArray  *kf_hub_changes_page (KfHub       *hub,
                                 SoupSession *session,
                                 const char  *token,
                                 gint64       since,
                                 guint        limit,
                                 gint64      *next,
                                 gboolean    *more);
GPtrArray  *kf_hub_changes_all  (KfHub       *hub,
                                 const char  *token,
                                 gint64       since,
                                 guint        limit,
                                 gint64      *next);
KfChange   *kf_changes_find     (GPtrArray   *changes,
                                 const char  *id);
gint64      kf_hub_feed_head    (KfHub       *hub);
void        kf_assert_untouched (KfHub       *hub,
                                 gint64       head);

/* Small checks */
gboolean    kf_is_uuid          (const char  *text);
char       *kf_json_string      (JsonObject  *object);
gboolean    kf_has_boolean      (JsonObject  *object,
                                 const char  *member);
JsonObject *kf_get_object       (JsonObject  *object,
                                 const char  *member);
JsonArray  *kf_get_array        (JsonObject  *object,
                                 const char  *member);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfHub, kf_hub_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfReply, kf_reply_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfRec, kf_rec_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KfChange, kf_change_free)

G_END_DECLS

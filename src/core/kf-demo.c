/* kf-demo.c — the demo data set: an activity week in 沁水县
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kf-demo.h"
#include "kf-error.h"
#include "kf-store-private.h"

/* Science & Technology Week 2025 of a county: the meteorological bureau (the
 * installation's own base, the first one) and four other bases, with the
 * sessions, bookings and visits of one week. Names, addresses and phones are
 * made up. Every record passes the rules of the protocol, written by its own
 * base; none is queued for the hub. */

typedef struct
{
  const char *name;
  const char *address;
  const char *contact_name;
  const char *contact_phone;
} DemoBase;

typedef struct
{
  guint        base;
  const char  *date;
  const char  *start;
  const char  *end;
  gint64       capacity;
  const char  *title;
  const char  *topic;
  const char  *format;
  const char  *status;
  const char  *note;
} DemoSession;

typedef struct
{
  guint        session;
  const char  *org_name;
  const char  *org_type;
  const char  *grade;
  const char  *contact_name;
  const char  *contact_phone;
  gint64       youth;
  gint64       adults;
  const char  *status;   /* the last one; the rules see how it got there */
  const char  *note;
} DemoBooking;

typedef struct
{
  guint        booking;  /* an attended one */
  const char  *time;
  gint64       youth;
  gint64       adults;
} DemoArrival;

typedef struct
{
  guint        base;
  int          session;  /* -1: not for a session */
  const char  *group_name;
  const char  *date;
  const char  *time;
  gint64       youth;
  gint64       adults;
  const char  *note;
} DemoWalkIn;

typedef struct
{
  guint        session;
  gint64       youth;
  gint64       adults;
} DemoTally;

static const DemoBase demo_bases[] = {
  { "沁水县气象局", "沁水县龙港镇杏园东街9号", "李卫东", "0356-7025101" },
  { "沁水县科技创新中心", "沁水县龙港镇新建街科创大厦", "张晓燕", "0356-7025208" },
  { "沁水县现代农业科技示范园", "沁水县郑村镇湘峪村东", "赵国强", "13835612873" },
  { "沁水县人民医院", "沁水县龙港镇梅河东路36号", "陈丽", "0356-7025166" },
  { "沁水县青少年科技活动中心", "沁水县龙港镇文化广场西侧", "王敏", "0356-7025336" },
};

static const DemoSession demo_sessions[] = {
  /* 0 … 5: the meteorological bureau */
  { 0, "2025-05-24", "09:00", "10:30", 60, "走进气象台：天气预报是怎样做出来的",
    "meteorology", "study_tour", "scheduled", "" },
  { 0, "2025-05-24", "14:30", "16:00", 60, "气象观测场开放：百叶箱与雨量筒",
    "meteorology", "hands_on", "scheduled", "" },
  { 0, "2025-05-27", "09:30", "11:00", 80, "防雷减灾科普讲座",
    "emergency_safety", "lecture", "scheduled", "" },
  { 0, "2025-05-30", "15:00", "16:30", 40, "小小气象观测员：认识云",
    "meteorology", "hands_on", "scheduled", "请穿运动鞋，观测场为草地" },
  { 0, "2025-06-01", "09:00", "11:00", 100, "六一气象科普开放日",
    "meteorology", "exhibition", "scheduled", "" },
  { 0, "2025-05-31", "20:00", "21:30", 30, "夜观星空与大气",
    "meteorology", "study_tour", "cancelled", "因雷雨天气取消" },
  /* 6 … 8: the technology-innovation centre */
  { 1, "2025-05-25", "09:00", "11:00", 80, "人工智能体验展",
    "ai", "exhibition", "scheduled", "" },
  { 1, "2025-05-28", "14:00", "15:30", 50, "新能源与新材料科普课",
    "new_energy_materials", "lecture", "scheduled", "" },
  { 1, "2025-05-31", "09:30", "11:30", 40, "机器人编程动手做",
    "ai", "hands_on", "scheduled", "" },
  /* 9, 10: the agricultural demonstration park */
  { 2, "2025-05-24", "09:00", "11:30", 120, "智慧农业研学：大棚里的新技术",
    "agriculture", "study_tour", "scheduled", "" },
  { 2, "2025-05-29", "09:00", "11:00", 60, "从田间到餐桌：食品安全小课堂",
    "food_safety", "lecture", "scheduled", "" },
  /* 11, 12: the county hospital */
  { 3, "2025-05-26", "15:00", "16:30", 50, "急救知识进校园：心肺复苏实操",
    "emergency_safety", "hands_on", "scheduled", "" },
  { 3, "2025-05-30", "09:00", "10:30", 40, "健康生活方式短视频展播",
    "health", "short_video", "scheduled", "" },
  /* 13, 14: the youth science centre */
  { 4, "2025-05-25", "14:00", "16:00", 60, "应急安全体验馆开放",
    "emergency_safety", "exhibition", "scheduled", "" },
  { 4, "2025-06-01", "09:00", "11:30", 150, "科技活动周闭幕·青少年科技作品展",
    "other", "exhibition", "scheduled", "" },
};

static const DemoBooking demo_bookings[] = {
  { 0, "沁水县实验小学", "school", "五年级", "刘芳", "13934561201", 45, 5, "attended", "" },
  { 0, "沁水县实验幼儿园", "kindergarten", "大班", "郭静", "13753648810", 8, 4, "declined",
    "年龄偏小，建议参加六一开放日" },
  { 1, "龙港镇中心学校", "school", "六年级", "孙海涛", "15903560932", 38, 4, "attended", "" },
  /* confirming this one would take the session past its capacity */
  { 1, "沁水县第一中学", "school", "初一", "杨帆", "13466021785", 20, 2, "requested", "" },
  { 2, "梅杏社区居委会", "community", "", "赵秀兰", "0356-7021458", 5, 30, "confirmed", "" },
  { 2, "沁水县恒光新能源有限公司", "enterprise", "", "周建平", "18636005512", 0, 25,
    "cancelled", "公司临时安排培训" },
  { 3, "端氏镇中学", "school", "初二", "冯晓东", "13509760348", 30, 3, "no_show", "" },
  { 4, "沁水县实验小学", "school", "一年级", "刘芳", "13934561201", 60, 8, "confirmed", "" },
  { 4, "沁水县实验幼儿园", "kindergarten", "大班", "郭静", "13753648810", 20, 6, "requested",
    "" },
  { 6, "沁水县第一中学", "school", "高一", "杨帆", "13466021785", 50, 4, "attended", "" },
  { 6, "龙港镇中心学校", "school", "五年级", "孙海涛", "15903560932", 30, 3, "cancelled", "" },
  { 7, "沁水县第一中学", "school", "高二", "韩磊", "13994617720", 40, 3, "confirmed", "" },
  { 8, "端氏镇中学", "school", "初一", "冯晓东", "13509760348", 24, 2, "requested", "" },
  { 9, "沁水县实验小学", "school", "四年级", "马丽娟", "13834092267", 80, 8, "attended", "" },
  { 9, "端氏镇中学", "school", "初二", "冯晓东", "13509760348", 35, 3, "declined",
    "当日名额已满" },
  { 10, "龙港镇中心学校", "school", "六年级", "孙海涛", "15903560932", 40, 4, "no_show", "" },
  { 11, "沁水县第一中学", "school", "高一", "韩磊", "13994617720", 36, 4, "attended", "" },
  { 11, "梅杏社区居委会", "community", "", "赵秀兰", "0356-7021458", 5, 10, "requested", "" },
  { 12, "沁水县实验小学", "school", "三年级", "马丽娟", "13834092267", 30, 3, "confirmed", "" },
  { 13, "端氏镇中学", "school", "初三", "冯晓东", "13509760348", 40, 4, "attended", "" },
  { 14, "沁水县实验幼儿园", "kindergarten", "中班", "郭静", "13753648810", 25, 10,
    "confirmed", "" },
  { 14, "沁水县恒光新能源有限公司", "enterprise", "", "周建平", "18636005512", 0, 20,
    "requested", "职工亲子活动" },
};

/* The groups that came: never quite the numbers booked. */
static const DemoArrival demo_arrivals[] = {
  { 0, "08:55", 43, 5 },
  { 2, "14:25", 36, 4 },
  { 9, "08:50", 52, 4 },
  { 13, "08:45", 78, 9 },
  { 16, "14:55", 36, 4 },
  { 19, "13:50", 41, 4 },
};

static const DemoWalkIn demo_walk_ins[] = {
  /* more people than seats: a visit is a fact, never refused */
  { 0, 0, "龙港镇第二小学科技社团", "2025-05-24", "09:10", 15, 2, "" },
  { 0, 4, "杏园社区亲子家庭", "2025-06-01", "09:20", 18, 16, "" },
  { 0, -1, "县文旅局干部职工", "2025-05-28", "10:00", 0, 12, "参观气象观测场" },
  { 1, 6, "沁水县第二中学科技兴趣小组", "2025-05-25", "09:30", 20, 2, "" },
  { 2, 9, "郑村镇农技培训班", "2025-05-24", "10:00", 0, 25, "" },
  { 4, 13, "土沃乡中心学校", "2025-05-25", "14:20", 32, 3, "" },
};

static const DemoTally demo_tallies[] = {
  { 0, 12, 9 }, { 1, 7, 5 }, { 2, 3, 26 }, { 4, 35, 28 }, { 6, 40, 22 },
  { 9, 15, 30 }, { 11, 6, 14 }, { 13, 25, 18 }, { 14, 60, 45 },
};

#define N_BASES G_N_ELEMENTS (demo_bases)

typedef struct
{
  KfStore    *store;
  GDateTime  *now;
  KfIdentity *actors[N_BASES];
} DemoLoad;

/* Ids that stay the same from one load to the next, so that figures can be
 * relied on: a name-based UUID (version 5 layout) from a fixed key. */
static char *
demo_id (const char *kind,
         guint       index)
{
  g_autofree char *key = g_strdup_printf ("kaifang-demo/%s/%u", kind, index);
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);
  static const char variant[] = "89ab";

  hex[12] = '5';
  hex[16] = variant[g_ascii_xdigit_value (hex[16]) & 3];
  return g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16,
                          hex + 20);
}

static KfRecord *
base_record (guint       index,
             const char *id)
{
  const DemoBase *d = &demo_bases[index];
  KfBase *base = KF_BASE (kf_record_new (KF_ENTITY_BASE));

  base->r.id = g_strdup (id);
  base->name = g_strdup (d->name);
  base->address = g_strdup (d->address);
  base->contact_name = g_strdup (d->contact_name);
  base->contact_phone = g_strdup (d->contact_phone);
  return (KfRecord *) base;
}

/* Written as its base would write it, checked by every rule, but not queued:
 * demo data must never reach a hub. */
static gboolean
write_as_base (DemoLoad        *load,
               guint            base,
               const KfRecord  *old_record,
               const KfRecord  *record,
               GError         **error)
{
  return kf_store_check_write (load->store, load->actors[base], old_record, record, load->now,
                               error) &&
         kf_store_save (load->store, record, error);
}

static KfRecord *
session_record (DemoLoad *load,
                guint     index)
{
  const DemoSession *d = &demo_sessions[index];
  KfSession *session = KF_SESSION (kf_record_new (KF_ENTITY_SESSION));

  session->r.id = demo_id ("session", index);
  session->base_id = g_strdup (load->actors[d->base]->base_id);
  session->date = g_strdup (d->date);
  session->start = g_strdup (d->start);
  session->end = g_strdup (d->end);
  session->capacity = d->capacity;
  session->title = g_strdup (d->title);
  session->topic = g_strdup (d->topic);
  session->format = g_strdup (d->format);
  session->status = g_strdup (d->status);
  session->note = g_strdup (d->note);
  return (KfRecord *) session;
}

static KfRecord *
booking_record (DemoLoad   *load,
                guint       index,
                const char *status)
{
  const DemoBooking *d = &demo_bookings[index];
  KfBooking *booking = KF_BOOKING (kf_record_new (KF_ENTITY_BOOKING));

  booking->r.id = demo_id ("booking", index);
  booking->base_id = g_strdup (load->actors[demo_sessions[d->session].base]->base_id);
  booking->session_id = demo_id ("session", d->session);
  booking->org_name = g_strdup (d->org_name);
  booking->org_type = g_strdup (d->org_type);
  booking->grade = g_strdup (d->grade);
  booking->contact_name = g_strdup (d->contact_name);
  booking->contact_phone = g_strdup (d->contact_phone);
  booking->youth_count = d->youth;
  booking->adult_count = d->adults;
  booking->status = g_strdup (status);
  booking->note = g_strdup (d->note);
  return (KfRecord *) booking;
}

/* The statuses a booking went through to reach its last one. */
static const char * const *
booking_history (const char *status)
{
  static const char * const requested[] = { "requested", NULL };
  static const char * const confirmed[] = { "confirmed", NULL };
  static const char * const declined[] = { "requested", "declined", NULL };
  static const char * const cancelled[] = { "requested", "cancelled", NULL };
  static const char * const attended[] = { "confirmed", "attended", NULL };
  static const char * const no_show[] = { "confirmed", "no_show", NULL };

  if (strcmp (status, "confirmed") == 0)
    return confirmed;
  if (strcmp (status, "declined") == 0)
    return declined;
  if (strcmp (status, "cancelled") == 0)
    return cancelled;
  if (strcmp (status, "attended") == 0)
    return attended;
  if (strcmp (status, "no_show") == 0)
    return no_show;
  return requested;
}

static gboolean
write_booking (DemoLoad *load,
               guint     index,
               GError  **error)
{
  const char * const *history = booking_history (demo_bookings[index].status);
  guint base = demo_sessions[demo_bookings[index].session].base;
  g_autoptr(KfRecord) old_record = NULL;

  for (guint step = 0; history[step] != NULL; step++)
    {
      KfRecord *record = booking_record (load, index, history[step]);

      if (!write_as_base (load, base, old_record, record, error))
        {
          kf_record_free (record);
          return FALSE;
        }
      g_clear_pointer (&old_record, kf_record_free);
      old_record = record;
    }
  return TRUE;
}

static KfRecord *
visit_record (char       *id,
              const char *base_id,
              int         session,
              const char *group_name,
              const char *date,
              const char *time,
              gint64      youth,
              gint64      adults)
{
  KfVisit *visit = KF_VISIT (kf_record_new (KF_ENTITY_VISIT));

  visit->r.id = id;
  visit->base_id = g_strdup (base_id);
  visit->session_id = session >= 0 ? demo_id ("session", session) : NULL;
  visit->group_name = g_strdup (group_name);
  visit->arrived_at = kf_instant_from_local (date, time);
  visit->youth_count = youth;
  visit->adult_count = adults;
  visit->note = g_strdup ("");
  return (KfRecord *) visit;
}

static gboolean
write_visits (DemoLoad *load,
              GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_arrivals); i++)
    {
      const DemoArrival *a = &demo_arrivals[i];
      const DemoBooking *b = &demo_bookings[a->booking];
      const DemoSession *s = &demo_sessions[b->session];
      g_autoptr(KfRecord) visit = visit_record (demo_id ("arrival", i),
                                                load->actors[s->base]->base_id, b->session,
                                                b->org_name, s->date, a->time, a->youth,
                                                a->adults);

      KF_VISIT (visit)->kind = g_strdup ("booked");
      KF_VISIT (visit)->booking_id = demo_id ("booking", a->booking);
      if (!write_as_base (load, s->base, NULL, visit, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_walk_ins); i++)
    {
      const DemoWalkIn *w = &demo_walk_ins[i];
      g_autoptr(KfRecord) visit = visit_record (demo_id ("walk-in", i),
                                                load->actors[w->base]->base_id, w->session,
                                                w->group_name, w->date, w->time, w->youth,
                                                w->adults);

      KF_VISIT (visit)->kind = g_strdup ("walk_in_group");
      g_free (KF_VISIT (visit)->note);
      KF_VISIT (visit)->note = g_strdup (w->note);
      if (!write_as_base (load, w->base, NULL, visit, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_tallies); i++)
    {
      const DemoTally *t = &demo_tallies[i];
      const DemoSession *s = &demo_sessions[t->session];
      /* dated by its session, as a tally made at the door is */
      g_autoptr(KfRecord) visit = visit_record (demo_id ("tally", i),
                                                load->actors[s->base]->base_id, t->session,
                                                "散客", s->date, s->start, t->youth, t->adults);

      KF_VISIT (visit)->kind = g_strdup ("individuals");
      if (!write_as_base (load, s->base, NULL, visit, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_records (DemoLoad *load,
               GError  **error)
{
  for (guint i = 1; i < N_BASES; i++)
    {
      g_autoptr(KfRecord) base = base_record (i, load->actors[i]->base_id);

      /* Bases are made by the hub's admin, not written under the rules. */
      if (!kf_record_validate (base, error) || !kf_store_save (load->store, base, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_sessions); i++)
    {
      g_autoptr(KfRecord) session = session_record (load, i);

      if (!write_as_base (load, demo_sessions[i].base, NULL, session, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_bookings); i++)
    if (!write_booking (load, i, error))
      return FALSE;

  return write_visits (load, error);
}

/* Sets up a new database as the bureau, or checks that an existing one is a
 * base with no records yet; that base then stands in for the bureau. */
static gboolean
prepare_identity (DemoLoad *load,
                  GError  **error)
{
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(GError) local_error = NULL;
  static const KfEntity entities[] = { KF_ENTITY_SESSION, KF_ENTITY_BOOKING, KF_ENTITY_VISIT };

  identity = kf_store_get_identity (load->store, &local_error);
  if (identity == NULL && !g_error_matches (local_error, KF_ERROR, KF_ERROR_NOT_INITIALIZED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (identity == NULL)
    {
      g_autofree char *id = demo_id ("base", 0);
      g_autoptr(KfRecord) base = base_record (0, id);

      identity = kf_identity_new (KF_ROLE_BASE, id, NULL);
      if (!kf_store_initialize_locked (load->store, identity, KF_BASE (base), error))
        return FALSE;
    }
  else if (identity->role != KF_ROLE_BASE)
    {
      g_set_error (error, KF_ERROR, KF_ERROR_FAILED,
                   _("the demo data is for a base; this database is set up as %s"),
                   kf_role_to_string (identity->role));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      gint64 n = kf_store_count (load->store, entities[i], error);

      if (n < 0)
        return FALSE;
      if (n > 0)
        {
          g_set_error (error, KF_ERROR, KF_ERROR_FAILED,
                       _("the database already holds records"));
          return FALSE;
        }
    }

  load->actors[0] = g_steal_pointer (&identity);
  return TRUE;
}

static gboolean
load_in_transaction (DemoLoad *load,
                     GError  **error)
{
  if (!prepare_identity (load, error))
    return FALSE;

  for (guint i = 1; i < N_BASES; i++)
    {
      g_autofree char *id = demo_id ("base", i);
      load->actors[i] = kf_identity_new (KF_ROLE_BASE, id, NULL);
    }

  return write_records (load, error) &&
         kf_store_set_meta (load->store, "demo", "1", error);
}

/**
 * kf_demo_load:
 * @store: an empty store, or one set up as a base with no records yet
 * @error: return location
 *
 * Fills @store with the demo data set, in one transaction: a store that is
 * not set up yet becomes the installation of 沁水县气象局; one that is set up
 * as a base takes the bureau's place. The records pass every rule but are
 * not queued for the hub, and the meta key `demo` is set, so that demo data
 * never reaches a real hub. The ids are the same on every load.
 */
gboolean
kf_demo_load (KfStore  *store,
              GError  **error)
{
  DemoLoad load = { store, NULL, { NULL } };
  gboolean ok;

  g_return_val_if_fail (KF_IS_STORE (store), FALSE);

  if (!kf_store_begin (store, error))
    return FALSE;

  load.now = g_date_time_new_now_local ();
  ok = load_in_transaction (&load, error) && kf_store_commit (store, error);
  if (!ok)
    {
      kf_store_rollback (store);
      kf_store_forget_identity (store);
    }

  g_date_time_unref (load.now);
  for (guint i = 0; i < N_BASES; i++)
    g_clear_pointer (&load.actors[i], kf_identity_free);
  return ok;
}

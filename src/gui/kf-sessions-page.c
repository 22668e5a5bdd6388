/* kf-sessions-page.c — the base's sessions by date: new sessions, the
 * sessions of a whole activity week at once, and cancelling one
 *
 * The list is a KfRecordModel: it counts the sessions of the period and reads
 * only the rows shown, so a base with years of sessions opens as fast as a
 * new one; it reloads itself when the store changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-sessions-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-date-picker.h"
#include "kf-error.h"
#include "kf-labels.h"
#include "kf-record-model.h"
#include "kf-record-object.h"
#include "kf-session-dialog.h"
#include "kf-sessions-page.h"
#include "kf-sessions-row.h"
#include "kf-week-dialog.h"
#include "kf-window.h"

struct _KfSessionsPage
{
  AdwBin          parent_instance;

  KfStore        *store;
  KfRecordModel  *model;
  char           *period;
  char           *base_id;

  GtkStack       *stack;
  GtkListView    *list_view;
  GtkLabel       *count_label;
  AdwStatusPage  *empty_page;
};

G_DEFINE_FINAL_TYPE (KfSessionsPage, kf_sessions_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PERIOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const periods[] = { "upcoming", "all", "past", NULL };

/* The query of a period: upcoming sessions from today on, past ones the
 * latest first. */
static void
apply_period (KfSessionsPage *self)
{
  g_autofree char *today = kf_date_today_offset (0);
  g_autofree char *yesterday = kf_date_today_offset (-1);
  KfQuery query = { .sort = KF_SORT_DATE, .base_id = self->base_id };

  if (g_str_equal (self->period, "upcoming"))
    query.from = today;
  else if (g_str_equal (self->period, "past"))
    {
      query.to = yesterday;
      query.sort = KF_SORT_DATE_DESC;
    }
  kf_record_model_set_query (self->model, &query);
}

static void
update_empty_state (KfSessionsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *count = NULL;

  /* Translators: how many sessions the list shows */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions", n), n);
  gtk_label_set_text (self->count_label, n > 0 ? count : "");
  /* While the count is in flight the list is shown, empty: not "nothing here"
   * for the frames it takes. */
  gtk_stack_set_visible_child_name (self->stack,
                                    n > 0 || kf_record_model_get_counting (self->model)
                                    ? "list" : "empty");

  if (g_str_equal (self->period, "upcoming"))
    {
      adw_status_page_set_title (self->empty_page, _("No Upcoming Sessions"));
      adw_status_page_set_description (self->empty_page,
                                       _("Plan a session, or the sessions of a whole activity "
                                         "week at once."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, g_str_equal (self->period, "past")
                                                   ? _("No Past Sessions") : _("No Sessions"));
      adw_status_page_set_description (self->empty_page, NULL);
    }
}

static void
items_changed_cb (GListModel     *model,
                  guint           position,
                  guint           removed,
                  guint           added,
                  KfSessionsPage *self)
{
  update_empty_state (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              KfSessionsPage           *self)
{
  gtk_list_item_set_child (item, GTK_WIDGET (kf_sessions_row_new ()));
  gtk_list_item_set_activatable (item, FALSE);
}

/* A day's heading goes on its first session; the row before is in a page
 * the view has just read, so looking at it costs nothing. */
static gboolean
is_first_of_day (KfSessionsPage  *self,
                 guint            position,
                 const KfSession *session)
{
  g_autoptr(KfRecordObject) previous = NULL;

  if (position == 0)
    return TRUE;
  previous = g_list_model_get_item (G_LIST_MODEL (self->model), position - 1);
  return previous == NULL ||
         g_strcmp0 (KF_SESSION (kf_record_object_get_record (previous))->date,
                    session->date) != 0;
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             KfSessionsPage           *self)
{
  KfRecordObject *object = gtk_list_item_get_item (item);
  const KfSession *session = KF_SESSION (kf_record_object_get_record (object));
  KfSessionsRow *row = KF_SESSIONS_ROW (gtk_list_item_get_child (item));
  g_autofree char *today = kf_date_today_offset (0);

  kf_sessions_row_set_session (row, session,
                               is_first_of_day (self, gtk_list_item_get_position (item),
                                                session),
                               today);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               KfSessionsPage           *self)
{
  kf_sessions_row_clear (KF_SESSIONS_ROW (gtk_list_item_get_child (item)));
}

static void
present_dialog (KfSessionsPage *self,
                GtkWindow      *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* A window of the application, so that it goes when the application does. */
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (dialog, GTK_WINDOW (root));
      gtk_window_set_application (dialog, gtk_window_get_application (GTK_WINDOW (root)));
    }
  gtk_window_present (dialog);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KfSessionsPage *self = KF_SESSIONS_PAGE (widget);

  present_dialog (self, GTK_WINDOW (kf_session_dialog_new (self->store)));
}

static void
new_week_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KfSessionsPage *self = KF_SESSIONS_PAGE (widget);

  present_dialog (self, GTK_WINDOW (kf_week_dialog_new (self->store)));
}

static void
show_cancel_error (KfSessionsPage *self,
                   const GError   *error)
{
  g_autofree char *message = kf_error_describe (error);
  GtkWidget *dialog = adw_message_dialog_new (NULL, _("The Session Was Not Cancelled"),
                                              message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  present_dialog (self, GTK_WINDOW (dialog));
}

static void
cancel_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    KfSessionsPage   *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "kf-session-id");
  g_autoptr(KfRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "cancel-session"))
    return;

  /* As it is now: a sync may have changed it while the question was asked. */
  record = kf_store_get (self->store, KF_ENTITY_SESSION, id, &error);
  if (record != NULL)
    {
      g_free (KF_SESSION (record)->status);
      KF_SESSION (record)->status = g_strdup ("cancelled");
    }
  if (record == NULL || !kf_store_put (self->store, record, &error))
    {
      show_cancel_error (self, error);
      return;
    }
  message = g_strdup_printf (_("Session “%s” cancelled"), KF_SESSION (record)->title);
  kf_toast (GTK_WIDGET (self), message);
}

static char *
cancel_question (const KfSession *session)
{
  g_autofree char *date = kf_label_date (session->date);
  g_autofree char *time = kf_label_time_range (session->start, session->end);
  g_autofree char *what = NULL;

  /* Translators: a session's title, date and time */
  what = g_strdup_printf (_("“%s”, %s, %s, will be cancelled."), session->title, date, time);
  if (session->confirmed_people == 0)
    return g_steal_pointer (&what);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s %lld person has a confirmed booking: let the group "
                                       "know.",
                                       "%s %lld people have confirmed bookings: let the groups "
                                       "know.",
                                       (gulong) session->confirmed_people),
                          what, (long long) session->confirmed_people);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KfSessionsPage *self = KF_SESSIONS_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(KfRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  record = kf_store_get (self->store, KF_ENTITY_SESSION, id, &error);
  if (record == NULL)
    {
      show_cancel_error (self, error);
      return;
    }

  body = cancel_question (KF_SESSION (record));
  dialog = adw_message_dialog_new (NULL, _("Cancel the Session?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Session"),
                                    "cancel-session", _("_Cancel Session"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-session",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data_full (G_OBJECT (dialog), "kf-session-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (cancel_response_cb), self, 0);
  present_dialog (self, GTK_WINDOW (dialog));
}

/* Only a base writes sessions; the page shows them to anyone. */
static void
update_actions (KfSessionsPage *self)
{
  g_autoptr(KfIdentity) identity = kf_store_get_identity (self->store, NULL);
  gboolean writable = identity != NULL && identity->role == KF_ROLE_BASE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sessions.new", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sessions.new-week", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sessions.cancel", writable);
}

static void
set_period (KfSessionsPage *self,
            const char     *period)
{
  if (period == NULL || !g_strv_contains (periods, period))
    period = "upcoming";
  if (g_strcmp0 (self->period, period) == 0)
    return;

  g_free (self->period);
  self->period = g_strdup (period);
  if (self->model != NULL)
    apply_period (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
}

static void
kf_sessions_page_constructed (GObject *object)
{
  KfSessionsPage *self = KF_SESSIONS_PAGE (object);
  g_autoptr(KfIdentity) identity = kf_store_get_identity (self->store, NULL);

  G_OBJECT_CLASS (kf_sessions_page_parent_class)->constructed (object);

  /* A base's own sessions: the demo data holds other bases' too. */
  if (identity != NULL && identity->role == KF_ROLE_BASE)
    self->base_id = g_strdup (identity->base_id);

  self->model = kf_record_model_new (self->store, KF_ENTITY_SESSION);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (items_changed_cb), self, 0);
  g_signal_connect_object (self->model, "notify::counting", G_CALLBACK (update_empty_state), self,
                           G_CONNECT_SWAPPED);
  apply_period (self);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             g_object_ref (G_LIST_MODEL (self->model)))));
  update_empty_state (self);
  update_actions (self);
}

static void
kf_sessions_page_dispose (GObject *object)
{
  KfSessionsPage *self = KF_SESSIONS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KF_TYPE_SESSIONS_PAGE);
  g_clear_object (&self->model);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kf_sessions_page_parent_class)->dispose (object);
}

static void
kf_sessions_page_finalize (GObject *object)
{
  KfSessionsPage *self = KF_SESSIONS_PAGE (object);

  g_free (self->period);
  g_free (self->base_id);

  G_OBJECT_CLASS (kf_sessions_page_parent_class)->finalize (object);
}

static void
kf_sessions_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KfSessionsPage *self = KF_SESSIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PERIOD:
      g_value_set_string (value, self->period);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kf_sessions_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KfSessionsPage *self = KF_SESSIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PERIOD:
      set_period (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kf_sessions_page_class_init (KfSessionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kf_sessions_page_constructed;
  object_class->dispose = kf_sessions_page_dispose;
  object_class->finalize = kf_sessions_page_finalize;
  object_class->get_property = kf_sessions_page_get_property;
  object_class->set_property = kf_sessions_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KF_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * KfSessionsPage:period:
   *
   * Which sessions the list shows: `upcoming` (today on), `all`, `past`.
   */
  properties[PROP_PERIOD] =
    g_param_spec_string ("period", NULL, NULL, "upcoming",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-sessions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KfSessionsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KfSessionsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, KfSessionsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, KfSessionsPage, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row_cb);

  gtk_widget_class_install_action (widget_class, "sessions.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "sessions.new-week", NULL, new_week_action);
  gtk_widget_class_install_action (widget_class, "sessions.cancel", "s", cancel_action);
  gtk_widget_class_install_property_action (widget_class, "sessions.period", "period");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "sessions.new", NULL);
}

static void
kf_sessions_page_init (KfSessionsPage *self)
{
  self->period = g_strdup ("upcoming");
  gtk_widget_init_template (GTK_WIDGET (self));
}

KfSessionsPage *
kf_sessions_page_new (KfStore *store)
{
  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  return g_object_new (KF_TYPE_SESSIONS_PAGE, "store", store, NULL);
}

/* kf-bookings-page-filters.c — which bookings the page lists, in which order
 *
 * The filters are drop-downs, a search entry and a session chooser; what
 * they choose becomes the store's query, so that the store filters and
 * sorts, never the view. The session chooser lists the sessions of the
 * chosen period from a lazy model: 20,000 sessions cost what the few rows
 * it shows cost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-bookings-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-bookings-page-private.h"
#include "kf-labels.h"
#include "kf-record-object.h"

/* The order of the period drop-down's items. */
typedef enum
{
  PERIOD_ALL,
  PERIOD_TODAY,
  PERIOD_UPCOMING,
  PERIOD_NEXT_7_DAYS,
  PERIOD_THIS_MONTH,
  PERIOD_PAST,
} Period;

/* The order of the sort drop-down's items. */
static const KfSort sorts[] = { KF_SORT_DATE, KF_SORT_DATE_DESC, KF_SORT_NAME };

static char *
day_after (GDateTime *day,
           int        days)
{
  g_autoptr(GDateTime) other = g_date_time_add_days (day, days);

  return g_date_time_format (other, "%Y-%m-%d");
}

/* The dates of a period, both inclusive; NULL leaves that end open. */
static void
period_range (Period   period,
              char   **from,
              char   **to)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) next = NULL;

  *from = NULL;
  *to = NULL;
  switch (period)
    {
    case PERIOD_TODAY:
      *from = day_after (now, 0);
      *to = day_after (now, 0);
      break;
    case PERIOD_UPCOMING:
      *from = day_after (now, 0);
      break;
    case PERIOD_NEXT_7_DAYS:
      *from = day_after (now, 0);
      *to = day_after (now, 6);
      break;
    case PERIOD_THIS_MONTH:
      first = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now), 1,
                                     0, 0, 0);
      next = g_date_time_add_months (first, 1);
      *from = day_after (first, 0);
      *to = day_after (next, -1);
      break;
    case PERIOD_PAST:
      *to = day_after (now, -1);
      break;
    case PERIOD_ALL:
    default:
      break;
    }
}

static const char *
selected_status (KfBookingsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);

  /* The first item is "all". */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected > g_strv_length ((char **) kf_booking_status_codes))
    return NULL;
  return kf_booking_status_codes[selected - 1];
}

const char *
kf_bookings_page_get_filter_session (KfBookingsPage *self)
{
  return self->filter_session != NULL ? self->filter_session->id : NULL;
}

gboolean
kf_bookings_page_filters_active (KfBookingsPage *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return gtk_drop_down_get_selected (self->period_dropdown) != PERIOD_ALL ||
         kf_bookings_page_get_filter_session (self) != NULL || selected_status (self) != NULL ||
         (search != NULL && *search != '\0');
}

static char *
session_filter_label (const KfSession *session)
{
  g_autofree char *date = kf_label_date_short (session->date);

  /* Translators: a session in the session filter: date, start, title */
  return g_strdup_printf (_("%s %s · %s"), date, session->start, session->title);
}

/* The session chosen (a copy is kept), or none: the button says which. */
static void
set_filter_session (KfBookingsPage *self,
                    const KfRecord *session)
{
  g_autofree char *label = NULL;

  g_clear_pointer (&self->filter_session, kf_record_free);
  if (session != NULL)
    self->filter_session = kf_record_copy (session);
  label = session != NULL ? session_filter_label (KF_SESSION (session))
                          : g_strdup (_("All Sessions"));
  gtk_label_set_text (self->session_label, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->session_button), label);
}

/* The choices: the sessions of the chosen period whose title has the text
 * searched for, by date; the model reads only the rows the list shows. */
static void
session_query (KfBookingsPage *self,
               KfQuery        *query,
               char          **from,
               char          **to)
{
  period_range (gtk_drop_down_get_selected (self->period_dropdown), from, to);
  *query = (KfQuery) {
    .from = *from,
    .to = *to,
    .search = gtk_editable_get_text (GTK_EDITABLE (self->session_search)),
    .sort = KF_SORT_DATE,
    .base_id = self->base_id,
  };
}

static void
update_session_hint (KfBookingsPage *self)
{
  guint n = self->session_model != NULL
              ? g_list_model_get_n_items (G_LIST_MODEL (self->session_model)) : 0;
  g_autofree char *text = NULL;

  if (n == 0)
    text = g_strdup (_("No session of the chosen period matches."));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session in the chosen period",
                                         "%u sessions in the chosen period", n), n);
  gtk_label_set_text (self->session_hint, text);
}

static void
requery_sessions (KfBookingsPage *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  KfQuery query = { 0 };

  if (self->session_model == NULL)
    return;
  session_query (self, &query, &from, &to);
  /* The hint follows when the count arrives (items-changed). */
  kf_record_model_set_query (self->session_model, &query);
}

/**
 * kf_bookings_page_update_session_filter:
 *
 * After the period or the store changed: the chosen session is read again
 * (one row), and let go when it is gone or outside the period; the choices
 * follow the period.
 *
 * Returns: %TRUE when the chosen session was let go, so the bookings must be
 *   listed again
 */
gboolean
kf_bookings_page_update_session_filter (KfBookingsPage *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(KfRecord) session = NULL;
  gboolean dropped = FALSE;

  requery_sessions (self);
  if (self->filter_session == NULL)
    return FALSE;

  period_range (gtk_drop_down_get_selected (self->period_dropdown), &from, &to);
  session = kf_store_get (self->store, KF_ENTITY_SESSION, self->filter_session->id, NULL);
  if (session == NULL ||
      (from != NULL && g_strcmp0 (KF_SESSION (session)->date, from) < 0) ||
      (to != NULL && g_strcmp0 (KF_SESSION (session)->date, to) > 0))
    {
      g_clear_pointer (&session, kf_record_free);
      dropped = TRUE;
    }
  set_filter_session (self, session);
  return dropped;
}

/* Back to all sessions, the search in the choices emptied. */
void
kf_bookings_page_clear_session_filter (KfBookingsPage *self)
{
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->session_search), "");
  self->updating = FALSE;
  set_filter_session (self, NULL);
  requery_sessions (self);
}

static void
choose_session (KfBookingsPage *self,
                const KfRecord *session)
{
  set_filter_session (self, session);
  gtk_popover_popdown (self->session_popover);
  kf_bookings_page_apply_filters (self);
}

static void
session_activated_cb (KfBookingsPage *self,
                      guint           position)
{
  g_autoptr(KfRecordObject) item = NULL;

  if (self->session_model != NULL)
    item = g_list_model_get_item (G_LIST_MODEL (self->session_model), position);
  if (item != NULL)
    choose_session (self, kf_record_object_get_record (item));
}

/* Enter in the search chooses the first session found. */
static void
session_search_activate_cb (KfBookingsPage *self)
{
  session_activated_cb (self, 0);
}

static void
session_all_clicked_cb (KfBookingsPage *self)
{
  choose_session (self, NULL);
}

static void
session_search_changed_cb (KfBookingsPage *self)
{
  if (!self->updating)
    requery_sessions (self);
}

static void
setup_session_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_session_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  const KfRecord *record = kf_record_object_get_record (gtk_list_item_get_item (item));
  g_autofree char *label = session_filter_label (KF_SESSION (record));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), label);
}

/* The choices are read when the popover first opens, and only while it is
 * open: opening the page reads no session for the filter. */
static void
session_popover_show_cb (KfBookingsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  if (self->session_model == NULL)
    {
      self->session_model = kf_record_model_new_paused (self->store, KF_ENTITY_SESSION);
      g_signal_connect_object (self->session_model, "items-changed",
                               G_CALLBACK (update_session_hint), self, G_CONNECT_SWAPPED);
      factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (setup_session_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_session_cb), NULL);
      gtk_list_view_set_factory (self->session_list, factory);
      requery_sessions (self);
      gtk_list_view_set_model (self->session_list, GTK_SELECTION_MODEL (gtk_no_selection_new (
                                 g_object_ref (G_LIST_MODEL (self->session_model)))));
    }
  kf_record_model_set_paused (self->session_model, FALSE);
  update_session_hint (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->session_search));
}

static void
session_popover_closed_cb (KfBookingsPage *self)
{
  if (self->session_model != NULL)
    kf_record_model_set_paused (self->session_model, TRUE);
}

void
kf_bookings_page_install_filter_callbacks (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, session_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, session_popover_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, session_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, session_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, session_all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, session_activated_cb);
}

static void
set_up_status_filter (KfBookingsPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, _("All Statuses"));
  for (guint i = 0; kf_booking_status_codes[i] != NULL; i++)
    gtk_string_list_append (labels, kf_label_booking_status (kf_booking_status_codes[i]));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (labels));
}

void
kf_bookings_page_set_up_filters (KfBookingsPage *self)
{
  set_filter_session (self, NULL);
  set_up_status_filter (self);
}

/**
 * kf_bookings_page_get_query:
 * @query: (out caller-allocates): the filters and order chosen
 * @from: (out): the first day of the period, kept for @query
 * @to: (out): the last day of the period, kept for @query
 */
void
kf_bookings_page_get_query (KfBookingsPage *self,
                            KfQuery        *query,
                            char          **from,
                            char          **to)
{
  guint sort = gtk_drop_down_get_selected (self->sort_dropdown);

  period_range (gtk_drop_down_get_selected (self->period_dropdown), from, to);
  *query = (KfQuery) {
    .from = *from,
    .to = *to,
    .session_id = kf_bookings_page_get_filter_session (self),
    .status = selected_status (self),
    .search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
    .sort = sort < G_N_ELEMENTS (sorts) ? sorts[sort] : KF_SORT_DATE,
    .base_id = self->base_id,
  };
}

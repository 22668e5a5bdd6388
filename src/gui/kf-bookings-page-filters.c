/* kf-bookings-page-filters.c — which bookings the page lists, in which order
 *
 * The filters are drop-downs and a search entry; what they choose becomes
 * the store's query, so that the store filters and sorts, never the view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-bookings-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-bookings-page-private.h"
#include "kf-labels.h"

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
  guint selected = gtk_drop_down_get_selected (self->session_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->filter_sessions->len)
    return NULL;
  return g_ptr_array_index (self->filter_sessions, selected);
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

/* The sessions of the chosen period, so that the two filters agree; the
 * chosen session stays chosen while it is in the list. */
void
kf_bookings_page_fill_session_filter (KfBookingsPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *kept = g_strdup (kf_bookings_page_get_filter_session (self));
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  guint selected = 0;

  period_range (gtk_drop_down_get_selected (self->period_dropdown), &from, &to);
  g_ptr_array_set_size (self->filter_sessions, 0);
  gtk_string_list_append (labels, _("All Sessions"));
  g_ptr_array_add (self->filter_sessions, NULL);
  for (guint i = 0; i < self->session_order->len; i++)
    {
      const KfSession *session = g_ptr_array_index (self->session_order, i);
      g_autofree char *label = NULL;

      if ((from != NULL && g_strcmp0 (session->date, from) < 0) ||
          (to != NULL && g_strcmp0 (session->date, to) > 0))
        continue;
      if (g_strcmp0 (session->r.id, kept) == 0)
        selected = self->filter_sessions->len;
      label = session_filter_label (session);
      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->filter_sessions, g_strdup (session->r.id));
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (self->session_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->session_dropdown, selected);
  self->updating = FALSE;
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  ellipsize)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static GtkListItemFactory *
label_factory (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), GINT_TO_POINTER (ellipsize));
  return factory;
}

/* Session titles are long: the button shows the start of the chosen one,
 * the list shows them whole, and typing searches them. */
static void
set_up_session_filter (KfBookingsPage *self)
{
  g_autoptr(GtkListItemFactory) button_factory = label_factory (TRUE);
  g_autoptr(GtkListItemFactory) list_factory = label_factory (FALSE);
  g_autoptr(GtkExpression) expression = NULL;

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->session_dropdown, expression);
  gtk_drop_down_set_factory (self->session_dropdown, button_factory);
  gtk_drop_down_set_list_factory (self->session_dropdown, list_factory);
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
  set_up_session_filter (self);
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

/* kf-bookings-page-private.h — what the page's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kf-booking-row.h"
#include "kf-bookings-page.h"
#include "kf-record-model.h"

G_BEGIN_DECLS

struct _KfBookingsPage
{
  AdwBin              parent_instance;

  GtkSearchEntry     *search_entry;
  GtkDropDown        *period_dropdown;
  GtkMenuButton      *session_button;
  GtkLabel           *session_label;
  GtkPopover         *session_popover;
  GtkSearchEntry     *session_search;
  GtkLabel           *session_hint;
  GtkListView        *session_list;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *sort_dropdown;
  GtkStack           *content_stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
  GtkWidget          *show_all_button;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_title;
  GtkLabel           *error_label;
  GtkActionBar       *action_bar;
  GtkLabel           *selection_label;
  GtkWidget          *confirm_button;
  GtkWidget          *decline_button;
  GtkWidget          *cancel_button;
  GtkWidget          *no_show_button;
  GtkWidget          *resolve_button;

  KfStore            *store;
  char               *base_id;
  KfRecordModel      *model;
  GtkSingleSelection *selection;
  GHashTable         *sessions;      /* id → KfRecord, or NULL where this installation
                                      * has none: the sessions of the pages read */
  KfRecord           *filter_session; /* the session chosen in the filter, or NULL */
  KfRecordModel      *session_model; /* the filter's choices, made when first opened */
  GHashTable         *marks;         /* booking id → BookingMark */

  char               *kept_id;       /* the selection while the model reloads */
  guint               kept_position;
  gboolean            updating;      /* filters set by the page, not a person */
  double              kept_scroll;   /* where the list was, while it reloads */
  gulong              scroll_handler;
};

typedef struct
{
  KfBookingMark  mark;
  char          *reason;
} BookingMark;

void             kf_bookings_page_install_actions (GtkWidgetClass *widget_class);
void             kf_bookings_page_update_actions  (KfBookingsPage *self);
const KfBooking *kf_bookings_page_get_selected    (KfBookingsPage *self);
const KfSession *kf_bookings_page_get_session     (KfBookingsPage *self,
                                                   const char     *session_id);
const char      *kf_bookings_page_get_filter_session (KfBookingsPage *self);
void             kf_bookings_page_reset_filters   (KfBookingsPage *self);
void             kf_bookings_page_set_up_filters  (KfBookingsPage *self);
void             kf_bookings_page_install_filter_callbacks (GtkWidgetClass *widget_class);
gboolean         kf_bookings_page_update_session_filter (KfBookingsPage *self);
void             kf_bookings_page_clear_session_filter (KfBookingsPage *self);
void             kf_bookings_page_apply_filters   (KfBookingsPage *self);
gboolean         kf_bookings_page_filters_active  (KfBookingsPage *self);
void             kf_bookings_page_get_query       (KfBookingsPage *self,
                                                   KfQuery        *query,
                                                   char          **from,
                                                   char          **to);
void             kf_bookings_page_show_error      (KfBookingsPage *self,
                                                   const char     *title,
                                                   const char     *message);
void             kf_bookings_page_clear_error     (KfBookingsPage *self);

G_END_DECLS

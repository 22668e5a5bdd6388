/* kf-open-sessions-page.c — a school's view of every base's open sessions:
 * the seats left in each, filters by date, base, topic and format, and a
 * request for a group visit
 *
 * The sessions are those last pulled from the hub; the list is a
 * KfRecordModel over the store's query, so the store filters, never the
 * view. The seats left are the hub's figures as of the last sync, which the
 * page says in so many words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-open-sessions-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-booking-row.h"
#include "kf-date-picker.h"
#include "kf-labels.h"
#include "kf-open-sessions-page.h"
#include "kf-record-model.h"
#include "kf-record-object.h"
#include "kf-request-dialog.h"
#include "kf-sync-indicator.h"

struct _KfOpenSessionsPage
{
  AdwBin          parent_instance;

  GtkDropDown    *period_dropdown;
  GtkDropDown    *base_dropdown;
  GtkDropDown    *topic_dropdown;
  GtkDropDown    *format_dropdown;
  GtkLabel       *notice_label;
  GtkLabel       *count_label;
  GtkStack       *stack;
  GtkListView    *list_view;
  AdwStatusPage  *empty_page;
  GtkWidget      *show_all_button;

  KfStore        *store;
  KfRecordModel  *model;
  GPtrArray      *base_ids;      /* behind the base drop-down; the first is NULL */
  GHashTable     *base_names;    /* base id → name */
  GHashTable     *own_bookings;  /* session id → KfRecord, the school's latest booking */
  gboolean        updating;      /* filters set by the page, not a person */
  gboolean        base_gone;     /* the base chosen in the filter is no more */
};

G_DEFINE_FINAL_TYPE (KfOpenSessionsPage, kf_open_sessions_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The order of the period drop-down's items. */
typedef enum
{
  PERIOD_UPCOMING,
  PERIOD_TODAY,
  PERIOD_NEXT_7_DAYS,
  PERIOD_NEXT_30_DAYS,
} Period;

/* The first and last day of a period; a NULL end is open. Sessions of the
 * past are never open. */
static void
period_range (Period   period,
              char   **from,
              char   **to)
{
  *from = kf_date_today_offset (0);
  switch (period)
    {
    case PERIOD_TODAY:
      *to = kf_date_today_offset (0);
      break;
    case PERIOD_NEXT_7_DAYS:
      *to = kf_date_today_offset (6);
      break;
    case PERIOD_NEXT_30_DAYS:
      *to = kf_date_today_offset (29);
      break;
    case PERIOD_UPCOMING:
    default:
      *to = NULL;
      break;
    }
}

/* The code chosen in a drop-down whose first item is "all". */
static const char *
selected_code (GtkDropDown        *dropdown,
               const char * const *codes)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected > g_strv_length ((char **) codes))
    return NULL;
  return codes[selected - 1];
}

static const char *
selected_base (KfOpenSessionsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->base_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->base_ids->len)
    return NULL;
  return g_ptr_array_index (self->base_ids, selected);
}

static gboolean
filters_active (KfOpenSessionsPage *self)
{
  return gtk_drop_down_get_selected (self->period_dropdown) != PERIOD_UPCOMING ||
         selected_base (self) != NULL ||
         selected_code (self->topic_dropdown, kf_topic_codes) != NULL ||
         selected_code (self->format_dropdown, kf_format_codes) != NULL;
}

static void
update_notice (KfOpenSessionsPage *self)
{
  g_autofree char *last_sync = kf_store_get_meta (self->store, "last_sync");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  if (last_sync == NULL)
    {
      gtk_label_set_text (self->notice_label,
                          _("Not synced with the hub yet: the sessions of the bases appear "
                            "after the first sync."));
      return;
    }
  when = kf_describe_last_sync (last_sync, now);
  /* Translators: %s is when this computer last synced ("3 minutes ago") */
  text = g_strdup_printf (_("Seats left as of the last sync (%s). The base confirms each "
                            "request; a request made now is sent at the next sync."), when);
  gtk_label_set_text (self->notice_label, text);
}

static void
update_empty_state (KfOpenSessionsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  gboolean filtered = filters_active (self);
  g_autofree char *count = NULL;

  /* Translators: how many sessions the list shows */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions", n), n);
  gtk_label_set_text (self->count_label, n > 0 ? count : "");
  /* While the count is in flight the list is shown, empty: not "nothing here"
   * for the frames it takes. */
  gtk_stack_set_visible_child_name (self->stack,
                                    n > 0 || kf_record_model_get_counting (self->model)
                                    ? "list" : "empty");
  if (n > 0)
    return;

  if (filtered)
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Sessions"));
      adw_status_page_set_description (self->empty_page,
                                       _("No open session matches the dates, base, topic and "
                                         "format chosen."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Open Sessions"));
      adw_status_page_set_description (self->empty_page,
                                       _("The sessions that the bases open appear here after "
                                         "syncing with the county's hub. Set the hub's address "
                                         "and your token in Preferences."));
    }
  gtk_widget_set_visible (self->show_all_button, filtered);
}

static void
apply_filters (KfOpenSessionsPage *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  KfQuery query = { .status = "scheduled", .sort = KF_SORT_DATE };

  period_range (gtk_drop_down_get_selected (self->period_dropdown), &from, &to);
  query.from = from;
  query.to = to;
  query.base_id = selected_base (self);
  query.topic = selected_code (self->topic_dropdown, kf_topic_codes);
  query.format = selected_code (self->format_dropdown, kf_format_codes);
  kf_record_model_set_query (self->model, &query);
  update_empty_state (self);
}

static void
filters_changed_cb (KfOpenSessionsPage *self)
{
  if (self->updating || self->model == NULL)
    return;
  apply_filters (self);
}

/* The bases behind the base drop-down, by name; the chosen one stays chosen
 * while it is there. */
static void
load_bases (KfOpenSessionsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bases = kf_store_list (self->store, KF_ENTITY_BASE, NULL, &error);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *kept = g_strdup (selected_base (self));
  guint selected = 0;

  if (bases == NULL)
    {
      g_warning ("Cannot list bases: %s", error->message);
      return;
    }
  g_hash_table_remove_all (self->base_names);
  g_ptr_array_set_size (self->base_ids, 0);
  g_ptr_array_add (self->base_ids, NULL);
  gtk_string_list_append (labels, _("All Bases"));
  for (guint i = 0; i < bases->len; i++)
    {
      const KfBase *base = g_ptr_array_index (bases, i);

      if (g_strcmp0 (base->r.id, kept) == 0)
        selected = self->base_ids->len;
      g_ptr_array_add (self->base_ids, g_strdup (base->r.id));
      g_hash_table_insert (self->base_names, g_strdup (base->r.id), g_strdup (base->name));
      gtk_string_list_append (labels, base->name);
    }

  self->base_gone = kept != NULL && selected == 0;
  self->updating = TRUE;
  gtk_drop_down_set_model (self->base_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->base_dropdown, selected);
  self->updating = FALSE;
}

/* The school's own bookings, by session: a row tells what it asked for.
 * A school has few bookings, and only its own. */
static void
load_own_bookings (KfOpenSessionsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bookings = kf_store_list (self->store, KF_ENTITY_BOOKING, NULL, &error);

  g_hash_table_remove_all (self->own_bookings);
  if (bookings == NULL)
    {
      g_warning ("Cannot list bookings: %s", error->message);
      return;
    }
  for (guint i = 0; i < bookings->len; i++)
    {
      KfBooking *booking = g_ptr_array_index (bookings, i);

      if (g_strcmp0 (booking->status, "requested") != 0 && !kf_booking_holds_seats (booking))
        continue;
      g_hash_table_insert (self->own_bookings, g_strdup (booking->session_id),
                           g_steal_pointer (&bookings->pdata[i]));
    }
}

static void
reload_others (KfOpenSessionsPage *self)
{
  load_bases (self);
  load_own_bookings (self);
  update_notice (self);
}

/* Runs before the model reloads (connected first), so that the rows it
 * binds find the bases and bookings as they are now. */
static void
store_changed_cb (KfStore            *store,
                  KfOpenSessionsPage *self)
{
  reload_others (self);
}

static void
store_changed_after_cb (KfStore            *store,
                        KfOpenSessionsPage *self)
{
  /* The model has read again by itself, unless the base chosen in the
   * filter is gone and the query must change. */
  if (self->base_gone)
    apply_filters (self);
  else
    update_empty_state (self);
  self->base_gone = FALSE;
}

/* The rows */

typedef struct
{
  GtkLabel    *date;
  GtkLabel    *time;
  GtkLabel    *title;
  GtkLabel    *details;
  GtkLevelBar *fill;
  GtkLabel    *seats;
  GtkLabel    *own;
  GtkWidget   *request;
} SessionRow;

static GtkLabel *
add_label (GtkWidget  *box,
           const char *name,
           const char *first_class,
           const char *second_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_name (label, name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (first_class != NULL)
    gtk_widget_add_css_class (label, first_class);
  if (second_class != NULL)
    gtk_widget_add_css_class (label, second_class);
  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static GtkWidget *
new_vbox (int spacing)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, spacing);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  return box;
}

static GtkWidget *
new_fill_box (SessionRow *row)
{
  GtkWidget *box = new_vbox (4);

  gtk_widget_set_size_request (box, 160, -1);
  row->fill = GTK_LEVEL_BAR (gtk_level_bar_new_for_interval (0, 1));
  /* A fill bar, not a meter of good and bad (as on the Sessions page). */
  gtk_level_bar_remove_offset_value (row->fill, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_add_offset_value (row->fill, GTK_LEVEL_BAR_OFFSET_HIGH, 0.9);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->fill));
  row->seats = add_label (box, "open-session-seats", "caption", "numeric");
  return box;
}

static GtkWidget *
new_session_row (void)
{
  SessionRow *row = g_new0 (SessionRow, 1);
  GtkWidget *root = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *middle = new_vbox (2);

  gtk_widget_set_name (root, "open-session-row");
  row->date = add_label (root, "open-session-date", "heading", "session-date");
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "session-card");
  gtk_box_append (GTK_BOX (root), card);

  row->time = add_label (card, "open-session-time", "numeric", NULL);
  gtk_label_set_width_chars (row->time, 11);
  gtk_widget_set_hexpand (middle, TRUE);
  row->title = add_label (middle, "open-session-title", "session-title", NULL);
  row->details = add_label (middle, "open-session-details", "dim-label", "caption");
  row->own = add_label (middle, "open-session-own", "caption", NULL);
  gtk_box_append (GTK_BOX (card), middle);
  gtk_box_append (GTK_BOX (card), new_fill_box (row));

  /* No mnemonic: every row has this button. */
  row->request = gtk_button_new_with_label (_("Request a Visit…"));
  gtk_widget_set_name (row->request, "open-session-request");
  gtk_widget_set_valign (row->request, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (card), row->request);

  g_object_set_data_full (G_OBJECT (root), "kf-row", row, g_free);
  return root;
}

static char *
seats_text (const KfSession *session)
{
  gint64 left = MAX (0, session->capacity - session->confirmed_people);

  if (left == 0)
    return g_strdup (_("Full"));
  /* Translators: seats not confirmed to anyone yet, of a session's capacity */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld of %lld seat left",
                                       "%lld of %lld seats left", left),
                          (long long) left, (long long) session->capacity);
}

static char *
own_text (const KfBooking *booking)
{
  gint64 people;

  if (booking == NULL)
    return NULL;
  people = kf_booking_people (booking);
  /* Translators: the school's own booking of a session: people, status */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Your booking: %lld person, %s",
                                       "Your booking: %lld people, %s", people),
                          (long long) people, kf_label_booking_status (booking->status));
}

static void
set_row_fill (SessionRow      *row,
              const KfSession *session)
{
  g_autofree char *seats = seats_text (session);
  double fill = session->capacity > 0
                ? MIN (1.0, (double) session->confirmed_people / (double) session->capacity)
                : 0.0;

  gtk_level_bar_set_value (row->fill, fill);
  gtk_label_set_text (row->seats, seats);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->fill),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Seats booked"),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, seats, -1);
}

static gboolean
is_first_of_day (KfOpenSessionsPage *self,
                 guint               position,
                 const KfSession    *session)
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
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              KfOpenSessionsPage       *self)
{
  gtk_list_item_set_child (item, new_session_row ());
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             KfOpenSessionsPage       *self)
{
  const KfSession *session = KF_SESSION (kf_record_object_get_record (
                                           gtk_list_item_get_item (item)));
  SessionRow *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "kf-row");
  const char *base_name = g_hash_table_lookup (self->base_names, session->base_id);
  const KfBooking *own = g_hash_table_lookup (self->own_bookings, session->r.id);
  g_autofree char *date = kf_label_date (session->date);
  g_autofree char *time = kf_label_time_range (session->start, session->end);
  g_autofree char *details = NULL;
  g_autofree char *own_label = own_text (own);

  /* Translators: a session's base, topic and format,
   * "County Weather Station · Meteorology · Lecture" */
  details = g_strdup_printf (_("%s · %s · %s"), base_name != NULL ? base_name : _("Unknown base"),
                             kf_label_topic (session->topic), kf_label_format (session->format));
  gtk_label_set_text (row->date, date);
  gtk_widget_set_visible (GTK_WIDGET (row->date),
                          is_first_of_day (self, gtk_list_item_get_position (item), session));
  gtk_label_set_text (row->time, time);
  gtk_label_set_text (row->title, session->title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->title), session->title);
  gtk_label_set_text (row->details, details);
  gtk_label_set_text (row->own, own_label != NULL ? own_label : "");
  gtk_widget_set_visible (GTK_WIDGET (row->own), own_label != NULL);
  if (own != NULL)
    kf_booking_status_style (GTK_WIDGET (row->own), own->status);
  set_row_fill (row, session);
  /* the target first: the action takes a session id, never nothing */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row->request), "s", session->r.id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row->request), "open-sessions.request");
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               KfOpenSessionsPage       *self)
{
  SessionRow *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "kf-row");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (row->request), NULL);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row->request), NULL);
}

/* Actions */

static void
request_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  KfRequestDialog *dialog;

  dialog = kf_request_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  KF_OPEN_SESSIONS_PAGE (widget)->store,
                                  g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * kf_open_sessions_page_reset_filters:
 *
 * Shows every upcoming session again, of every base, topic and format.
 */
void
kf_open_sessions_page_reset_filters (KfOpenSessionsPage *self)
{
  g_return_if_fail (KF_IS_OPEN_SESSIONS_PAGE (self));

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->period_dropdown, PERIOD_UPCOMING);
  gtk_drop_down_set_selected (self->base_dropdown, 0);
  gtk_drop_down_set_selected (self->topic_dropdown, 0);
  gtk_drop_down_set_selected (self->format_dropdown, 0);
  self->updating = FALSE;
  apply_filters (self);
}

static void
show_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  kf_open_sessions_page_reset_filters (KF_OPEN_SESSIONS_PAGE (widget));
}

static void
fill_code_dropdown (GtkDropDown        *dropdown,
                    const char         *all,
                    const char * const *codes,
                    const char *      (*label) (const char *code))
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, all);
  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (labels, label (codes[i]));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
}

/* The page is set up before the model (the filters query it). */
static void
kf_open_sessions_page_constructed (GObject *object)
{
  KfOpenSessionsPage *self = KF_OPEN_SESSIONS_PAGE (object);

  G_OBJECT_CLASS (kf_open_sessions_page_parent_class)->constructed (object);

  self->updating = TRUE;
  fill_code_dropdown (self->topic_dropdown, _("All Topics"), kf_topic_codes, kf_label_topic);
  fill_code_dropdown (self->format_dropdown, _("All Formats"), kf_format_codes,
                      kf_label_format);
  self->updating = FALSE;
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, 0);
  reload_others (self);

  self->model = kf_record_model_new (self->store, KF_ENTITY_SESSION);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_after_cb), self,
                           G_CONNECT_AFTER);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_empty_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::counting", G_CALLBACK (update_empty_state), self,
                           G_CONNECT_SWAPPED);
  apply_filters (self);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             g_object_ref (G_LIST_MODEL (self->model)))));
}

/* A page that is not shown only notes that the store changed (its model
 * is paused): it reads again when it is shown. */
static void
kf_open_sessions_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kf_open_sessions_page_parent_class)->map (widget);
  kf_record_model_set_paused (KF_OPEN_SESSIONS_PAGE (widget)->model, FALSE);
}

static void
kf_open_sessions_page_unmap (GtkWidget *widget)
{
  kf_record_model_set_paused (KF_OPEN_SESSIONS_PAGE (widget)->model, TRUE);
  GTK_WIDGET_CLASS (kf_open_sessions_page_parent_class)->unmap (widget);
}

static void
kf_open_sessions_page_dispose (GObject *object)
{
  KfOpenSessionsPage *self = KF_OPEN_SESSIONS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KF_TYPE_OPEN_SESSIONS_PAGE);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_pointer (&self->base_ids, g_ptr_array_unref);
  g_clear_pointer (&self->base_names, g_hash_table_unref);
  g_clear_pointer (&self->own_bookings, g_hash_table_unref);

  G_OBJECT_CLASS (kf_open_sessions_page_parent_class)->dispose (object);
}

static void
kf_open_sessions_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KfOpenSessionsPage *self = KF_OPEN_SESSIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kf_open_sessions_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KfOpenSessionsPage *self = KF_OPEN_SESSIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kf_open_sessions_page_class_init (KfOpenSessionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kf_open_sessions_page_constructed;
  object_class->dispose = kf_open_sessions_page_dispose;
  object_class->get_property = kf_open_sessions_page_get_property;
  object_class->set_property = kf_open_sessions_page_set_property;
  widget_class->map = kf_open_sessions_page_map;
  widget_class->unmap = kf_open_sessions_page_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KF_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-open-sessions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KfOpenSessionsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KfOpenSessionsPage, base_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KfOpenSessionsPage, topic_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KfOpenSessionsPage, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KfOpenSessionsPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, KfOpenSessionsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, KfOpenSessionsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KfOpenSessionsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, KfOpenSessionsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KfOpenSessionsPage, show_all_button);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row_cb);

  gtk_widget_class_install_action (widget_class, "open-sessions.request", "s", request_action);
  gtk_widget_class_install_action (widget_class, "open-sessions.show-all", NULL,
                                   show_all_action);
}

static void
kf_open_sessions_page_init (KfOpenSessionsPage *self)
{
  self->base_ids = g_ptr_array_new_with_free_func (g_free);
  self->base_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->own_bookings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) kf_record_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

KfOpenSessionsPage *
kf_open_sessions_page_new (KfStore *store)
{
  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  return g_object_new (KF_TYPE_OPEN_SESSIONS_PAGE, "store", store, NULL);
}

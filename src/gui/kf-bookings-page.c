/* kf-bookings-page.c — the base's bookings: a lazy list with filters
 *
 * The list is a KfRecordModel: it counts the bookings that match the filters
 * and reads only the rows the view shows, so filters and order are the
 * store's query, never a filter or sorter model that would read them all.
 * The actions on the selected booking are in kf-bookings-page-actions.c,
 * the filters in kf-bookings-page-filters.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-bookings-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-bookings-page-private.h"
#include "kf-record-object.h"
#include "kf-sync-store.h"

G_DEFINE_FINAL_TYPE (KfBookingsPage, kf_bookings_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
booking_mark_free (gpointer data)
{
  BookingMark *mark = data;

  g_free (mark->reason);
  g_free (mark);
}

/* A reload removes every row and adds them again as new objects (see
 * kf_record_model_reload()), and GtkSingleSelection would look for its item
 * among them all, reading every row. So the selection is let go before the
 * model reloads, by id, and taken up again after, when the same booking is
 * still at the same place. */
static void
forget_selection (KfBookingsPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);
  KfRecordObject *item = gtk_single_selection_get_selected_item (self->selection);

  g_clear_pointer (&self->kept_id, g_free);
  if (item == NULL)
    return;
  self->kept_id = g_strdup (kf_record_object_get_id (item));
  self->kept_position = position;
  self->updating = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;
}

static void
restore_selection (KfBookingsPage *self)
{
  g_autoptr(KfRecordObject) item = NULL;

  if (self->kept_id == NULL)
    return;
  if (self->kept_position < g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    item = g_list_model_get_item (G_LIST_MODEL (self->model), self->kept_position);
  if (item != NULL && g_strcmp0 (kf_record_object_get_id (item), self->kept_id) == 0)
    {
      self->updating = TRUE;
      gtk_single_selection_set_selected (self->selection, self->kept_position);
      self->updating = FALSE;
    }
  g_clear_pointer (&self->kept_id, g_free);
}

static void
update_empty_state (KfBookingsPage *self)
{
  gboolean filtered;

  /* While the first count is in flight the list is shown, empty: not "No
   * Bookings Yet" for the frames it takes. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0
      || kf_record_model_get_counting (self->model))
    {
      gtk_stack_set_visible_child_name (self->content_stack, "list");
      return;
    }

  filtered = kf_bookings_page_filters_active (self);
  if (filtered)
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Bookings"));
      adw_status_page_set_description (self->empty_page,
                                       _("No booking matches the period, session, status "
                                         "and search chosen."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Bookings Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Bookings that schools make through the hub appear "
                                         "here. Add a booking taken by phone with New "
                                         "Booking."));
    }
  gtk_widget_set_visible (self->show_all_button, filtered);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

void
kf_bookings_page_apply_filters (KfBookingsPage *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  KfQuery query = { 0 };

  kf_bookings_page_get_query (self, &query, &from, &to);
  /* The rows follow when the count arrives (model_counting_cb()). */
  kf_record_model_set_query (self->model, &query);
  kf_bookings_page_update_actions (self);
}

static void
put_mark (KfBookingsPage *self,
          const char     *booking_id,
          KfBookingMark   kind,
          const char     *reason)
{
  BookingMark *mark = g_hash_table_lookup (self->marks, booking_id);

  /* A conflict is what a person must act on first. */
  if (mark != NULL && mark->mark == KF_BOOKING_MARK_CONFLICT)
    return;
  mark = g_new0 (BookingMark, 1);
  mark->mark = kind;
  mark->reason = g_strdup (reason);
  g_hash_table_insert (self->marks, g_strdup (booking_id), mark);
}

static gboolean
is_booking (JsonObject *object,
            const char *entity_member)
{
  return g_strcmp0 (json_object_get_string_member_with_default (object, entity_member, ""),
                    "booking") == 0;
}

/* Conflicts and rejected ops are few, and kept until a person acts: they are
 * read whole each time the store changes. */
static void
load_marks (KfBookingsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = kf_sync_store_list_conflicts (self->store, &error);
  g_autoptr(GPtrArray) rejected = NULL;

  g_hash_table_remove_all (self->marks);
  if (conflicts == NULL)
    g_warning ("Cannot list conflicts: %s", error->message);
  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    if (is_booking (conflicts->pdata[i], "entity"))
      put_mark (self, json_object_get_string_member (conflicts->pdata[i], "id"),
                KF_BOOKING_MARK_CONFLICT, NULL);

  g_clear_error (&error);
  rejected = kf_sync_store_list_rejected (self->store, &error);
  if (rejected == NULL)
    g_warning ("Cannot list rejected changes: %s", error->message);
  for (guint i = 0; rejected != NULL && i < rejected->len; i++)
    if (is_booking (rejected->pdata[i], "entity"))
      put_mark (self, json_object_get_string_member (rejected->pdata[i], "id"),
                KF_BOOKING_MARK_REJECTED,
                json_object_get_string_member_with_default (rejected->pdata[i], "message",
                                                            NULL));
}

static GtkAdjustment *
list_adjustment (KfBookingsPage *self)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
}

static gboolean
restore_scroll_tick_cb (GtkWidget     *list_view,
                        GdkFrameClock *clock,
                        gpointer       data)
{
  KfBookingsPage *self = data;
  GtkAdjustment *adjustment = list_adjustment (self);
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  double value = MIN (self->kept_scroll, MAX (end, 0));

  self->kept_scroll = 0;
  /* The view may have gone back to the top without moving the adjustment:
   * it follows the value only when told that it changed. */
  if (gtk_adjustment_get_value (adjustment) == value)
    g_signal_emit_by_name (adjustment, "value-changed");
  else
    gtk_adjustment_set_value (adjustment, value);
  return G_SOURCE_REMOVE;
}

/* The view has measured its new rows (it is configuring its adjustment, and
 * does not listen to it meanwhile): the place is taken up on the next frame. */
static void
restore_scroll_cb (KfBookingsPage *self)
{
  g_clear_signal_handler (&self->scroll_handler, list_adjustment (self));
  gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), restore_scroll_tick_cb, self,
                                NULL);
}

/* A reload begins the list again from the top (see kf_record_model_reload());
 * the place is taken up again once the view has measured its new rows, so
 * that a change made far down the list leaves it where it was. */
static void
keep_scroll (KfBookingsPage *self)
{
  GtkAdjustment *adjustment = list_adjustment (self);

  if (adjustment == NULL || self->scroll_handler != 0)
    return;
  self->kept_scroll = gtk_adjustment_get_value (adjustment);
}

static void
take_up_scroll (KfBookingsPage *self)
{
  GtkAdjustment *adjustment = list_adjustment (self);

  if (adjustment == NULL || self->kept_scroll <= 0 || self->scroll_handler != 0)
    return;
  self->scroll_handler = g_signal_connect_swapped (adjustment, "changed",
                                                   G_CALLBACK (restore_scroll_cb), self);
}

/* Before the model reloads: what the rows it binds will look up. */
static void
before_reload (KfBookingsPage *self)
{
  keep_scroll (self);
  forget_selection (self);
  /* The sessions of the rows are read again with the pages of the model. */
  g_hash_table_remove_all (self->sessions);
  load_marks (self);
}

/* After the model has reloaded. */
static void
after_reload (KfBookingsPage *self)
{
  restore_selection (self);
  take_up_scroll (self);
  if (kf_bookings_page_update_session_filter (self))
    {
      /* The session chosen in the filter is gone. */
      kf_bookings_page_apply_filters (self);
      return;
    }
  update_empty_state (self);
  kf_bookings_page_update_actions (self);
}

/* The model counts in a thread and resets its rows when the count arrives
 * ("before-reset", then "counting" back to FALSE); a page that is not shown
 * has its model paused: it counts when shown. */
static void
model_counting_cb (KfBookingsPage *self)
{
  if (!kf_record_model_get_counting (self->model))
    after_reload (self);
}

static void
kf_bookings_page_map (GtkWidget *widget)
{
  KfBookingsPage *self = KF_BOOKINGS_PAGE (widget);

  GTK_WIDGET_CLASS (kf_bookings_page_parent_class)->map (widget);

  kf_record_model_set_paused (self->model, FALSE);
  /* Given to the view once read, so that it reads its rows only once. */
  if (gtk_list_view_get_model (self->list_view) == NULL)
    gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

static void
kf_bookings_page_unmap (GtkWidget *widget)
{
  KfBookingsPage *self = KF_BOOKINGS_PAGE (widget);

  kf_record_model_set_paused (self->model, TRUE);

  GTK_WIDGET_CLASS (kf_bookings_page_parent_class)->unmap (widget);
}

static void
filters_changed_cb (KfBookingsPage *self)
{
  if (self->updating || self->model == NULL)
    return;
  kf_bookings_page_apply_filters (self);
}

/* A session outside a newly chosen period falls out of the session filter. */
static void
period_changed_cb (KfBookingsPage *self)
{
  if (self->updating || self->model == NULL)
    return;
  kf_bookings_page_update_session_filter (self);
  kf_bookings_page_apply_filters (self);
}

/* Puts every filter back to "all"; the order stays. */
void
kf_bookings_page_reset_filters (KfBookingsPage *self)
{
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->period_dropdown, 0);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->updating = FALSE;
  kf_bookings_page_clear_session_filter (self);
  kf_bookings_page_apply_filters (self);
}

const KfBooking *
kf_bookings_page_get_selected (KfBookingsPage *self)
{
  KfRecordObject *item = gtk_single_selection_get_selected_item (self->selection);

  return item != NULL ? KF_BOOKING (kf_record_object_get_record (item)) : NULL;
}

/* The sessions of a page of bookings the model has just read, in one query
 * (not one per row as the rows are bound). A session this installation does
 * not have is kept as NULL, so that it is not asked for again. */
static void
page_read_cb (KfRecordModel  *model,
              GPtrArray      *objects,
              KfBookingsPage *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < objects->len; i++)
    {
      const KfRecord *record = kf_record_object_get_record (objects->pdata[i]);
      const char *session_id = KF_BOOKING (record)->session_id;
      char *key;

      if (session_id == NULL || g_hash_table_contains (self->sessions, session_id))
        continue;
      key = g_strdup (session_id);
      g_hash_table_insert (self->sessions, key, NULL);
      g_ptr_array_add (ids, key);
    }
  if (ids->len == 0)
    return;
  g_ptr_array_add (ids, NULL);

  sessions = kf_store_get_many (self->store, KF_ENTITY_SESSION,
                                (const char * const *) ids->pdata, &error);
  if (sessions == NULL)
    {
      /* Each row then reads its own (kf_bookings_page_get_session()). */
      g_warning ("Cannot read the sessions of the bookings: %s", error->message);
      for (guint i = 0; ids->pdata[i] != NULL; i++)
        g_hash_table_remove (self->sessions, ids->pdata[i]);
      return;
    }
  for (guint i = 0; i < sessions->len; i++)
    {
      KfRecord *session = g_steal_pointer (&sessions->pdata[i]);

      g_hash_table_insert (self->sessions, g_strdup (session->id), session);
    }
}

/* A booking's session: read with the page of rows it came in (see
 * page_read_cb()), else by its key the first time it is needed; kept until
 * the store changes. */
const KfSession *
kf_bookings_page_get_session (KfBookingsPage *self,
                              const char     *session_id)
{
  KfRecord *session;

  if (session_id == NULL)
    return NULL;
  if (!g_hash_table_lookup_extended (self->sessions, session_id, NULL, (gpointer *) &session))
    {
      session = kf_store_get (self->store, KF_ENTITY_SESSION, session_id, NULL);
      g_hash_table_insert (self->sessions, g_strdup (session_id), session);
    }
  return session != NULL ? KF_SESSION (session) : NULL;
}

/* A person chose another booking: an error about the last one is done with. */
static void
selection_changed_cb (KfBookingsPage *self)
{
  if (self->updating)
    return;
  kf_bookings_page_clear_error (self);
  kf_bookings_page_update_actions (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              KfBookingsPage           *self)
{
  gtk_list_item_set_child (item, kf_booking_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             KfBookingsPage           *self)
{
  KfBookingRow *row = KF_BOOKING_ROW (gtk_list_item_get_child (item));
  KfRecordObject *object = gtk_list_item_get_item (item);
  const KfBooking *booking = KF_BOOKING (kf_record_object_get_record (object));
  BookingMark *mark = g_hash_table_lookup (self->marks, booking->r.id);

  kf_booking_row_set_booking (row, booking,
                              kf_bookings_page_get_session (self, booking->session_id));
  kf_booking_row_set_mark (row, mark != NULL ? mark->mark : KF_BOOKING_MARK_NONE,
                           mark != NULL ? mark->reason : NULL);
}

/* The actions take a booking's id: each button gets a target first, then
 * its action; kf_bookings_page_update_actions() points them at the selected
 * booking. */
static void
set_up_action_buttons (KfBookingsPage *self)
{
  const struct
  {
    GtkWidget  *button;
    const char *action;
  } buttons[] = {
    { self->confirm_button, "bookings.confirm" },
    { self->decline_button, "bookings.decline" },
    { self->cancel_button, "bookings.cancel" },
    { self->no_show_button, "bookings.no-show" },
    { self->resolve_button, "bookings.resolve" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (buttons[i].button), "s", "");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (buttons[i].button), buttons[i].action);
    }
}

static void
set_up_list (KfBookingsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  /* Not selecting the first booking, which would read it before the page
   * is shown: the model is given after autoselect is off. */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (update_empty_state), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
}

static void
kf_bookings_page_constructed (GObject *object)
{
  KfBookingsPage *self = KF_BOOKINGS_PAGE (object);
  g_autoptr(KfIdentity) identity = NULL;

  G_OBJECT_CLASS (kf_bookings_page_parent_class)->constructed (object);

  g_assert (KF_IS_STORE (self->store));
  identity = kf_store_get_identity (self->store, NULL);
  self->base_id = identity != NULL ? g_strdup (identity->base_id) : NULL;

  self->model = kf_record_model_new_paused (self->store, KF_ENTITY_BOOKING);
  g_signal_connect_object (self->model, "page-read", G_CALLBACK (page_read_cb), self, 0);
  g_signal_connect_object (self->model, "before-reset", G_CALLBACK (before_reload),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::counting", G_CALLBACK (model_counting_cb),
                           self, G_CONNECT_SWAPPED);

  /* Nothing is read until the page is shown (the model is paused). */
  set_up_list (self);
  kf_bookings_page_apply_filters (self);
}

static void
kf_bookings_page_dispose (GObject *object)
{
  KfBookingsPage *self = KF_BOOKINGS_PAGE (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->scroll_handler != 0)
    g_clear_signal_handler (&self->scroll_handler, list_adjustment (self));
  gtk_widget_dispose_template (GTK_WIDGET (self), KF_TYPE_BOOKINGS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->session_model);
  g_clear_object (&self->store);
  g_clear_pointer (&self->marks, g_hash_table_unref);
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->filter_session, kf_record_free);
  g_clear_pointer (&self->kept_id, g_free);
  g_clear_pointer (&self->base_id, g_free);

  G_OBJECT_CLASS (kf_bookings_page_parent_class)->dispose (object);
}

static void
kf_bookings_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KfBookingsPage *self = KF_BOOKINGS_PAGE (object);

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
kf_bookings_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KfBookingsPage *self = KF_BOOKINGS_PAGE (object);

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
focus_search (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (KF_BOOKINGS_PAGE (widget)->search_entry));
}

static void
kf_bookings_page_class_init (KfBookingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kf_bookings_page_constructed;
  widget_class->map = kf_bookings_page_map;
  widget_class->unmap = kf_bookings_page_unmap;
  object_class->dispose = kf_bookings_page_dispose;
  object_class->get_property = kf_bookings_page_get_property;
  object_class->set_property = kf_bookings_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KF_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-bookings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, session_button);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, session_label);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, session_popover);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, session_search);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, session_hint);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, session_list);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, show_all_button);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, error_title);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, action_bar);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, decline_button);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, no_show_button);
  gtk_widget_class_bind_template_child (widget_class, KfBookingsPage, resolve_button);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  kf_bookings_page_install_filter_callbacks (widget_class);

  kf_bookings_page_install_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "bookings.find", NULL, focus_search);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "bookings.find", NULL);
}

static void
kf_bookings_page_init (KfBookingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) kf_record_free);
  self->marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, booking_mark_free);

  kf_bookings_page_set_up_filters (self);
  set_up_action_buttons (self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

KfBookingsPage *
kf_bookings_page_new (KfStore *store)
{
  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  return g_object_new (KF_TYPE_BOOKINGS_PAGE, "store", store, NULL);
}

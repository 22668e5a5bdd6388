/* kf-today-page.c — what happens at the door today: today's sessions and how
 * full they are, the groups still expected, walk-in groups, a tally of
 * individual visitors and today's figures
 *
 * Today holds a handful of sessions and bookings, so the page simply reads
 * them again whenever the store changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-today-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kf-arrival-dialog.h"
#include "kf-labels.h"
#include "kf-today-page-private.h"
#include "kf-totals.h"
#include "kf-walkin-dialog.h"
#include "kf-window.h"

static const struct
{
  const char *name;
  const char *caption;
} figures[N_FIGURES] = {
  [FIGURE_VISITORS] = { "today-figure-visitors", N_("Visitors") },
  [FIGURE_GROUPS] = { "today-figure-groups", N_("Groups") },
  [FIGURE_YOUTH] = { "today-figure-youth", N_("Young people") },
  [FIGURE_ADULTS] = { "today-figure-adults", N_("Adults") },
};

G_DEFINE_FINAL_TYPE (KfTodayPage, kf_today_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
over_capacity_text (gint64 over)
{
  return g_strdup_printf (_("over capacity by %lld"), (long long) over);
}

/* Loading */

static char *
today_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

const KfSession *
kf_today_page_session_at (KfTodayPage *self,
                          guint        index)
{
  return KF_SESSION (g_ptr_array_index (self->sessions, index));
}

int
kf_today_page_find_session (KfTodayPage *self,
                            const char  *id)
{
  for (guint i = 0; id != NULL && i < self->sessions->len; i++)
    if (g_str_equal (kf_today_page_session_at (self, i)->r.id, id))
      return (int) i;
  return -1;
}

/* The base's scheduled sessions of today, by start, each with its fill. */
static gboolean
load_sessions (KfTodayPage *self,
               GError     **error)
{
  KfQuery query = { .from = self->today, .to = self->today, .status = "scheduled" };
  g_autoptr(GPtrArray) all = kf_store_list (self->store, KF_ENTITY_SESSION, &query, error);

  g_ptr_array_set_size (self->sessions, 0);
  g_array_set_size (self->fills, 0);
  if (all == NULL)
    return FALSE;

  for (guint i = 0; i < all->len; i++)
    {
      KfSession *session = all->pdata[i];
      KfSessionFill fill;

      if (g_strcmp0 (session->base_id, self->base_id) != 0)
        continue;
      if (!kf_session_fill_load (self->store, session, &fill, error))
        return FALSE;
      g_ptr_array_add (self->sessions, g_steal_pointer (&all->pdata[i]));
      g_array_append_val (self->fills, fill);
    }
  return TRUE;
}

/* Sessions */

static GtkWidget *
fill_bar_new (gint64      value,
              gint64      capacity,
              const char *label)
{
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, MAX (capacity, 1));
  g_autofree char *tooltip = NULL;

  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), MIN (value, MAX (capacity, 1)));
  /* Translators: "Arrived: 12 of 40" under a fill bar */
  tooltip = g_strdup_printf (_("%s: %lld of %lld"), label, (long long) value,
                             (long long) capacity);
  gtk_widget_set_size_request (bar, 120, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (bar, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return bar;
}

static void
attach_bar (GtkGrid    *grid,
            int         row,
            const char *caption,
            gint64      value,
            gint64      capacity)
{
  GtkWidget *label = gtk_label_new (caption);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, fill_bar_new (value, capacity, caption), 1, row, 1, 1);
}

static GtkWidget *
session_row_new (const KfSession     *session,
                 const KfSessionFill *fill)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *bars = gtk_grid_new ();
  g_autofree char *name = g_strconcat ("today-session-", session->r.id, NULL);
  g_autofree char *title = kf_session_label (session);
  g_autofree char *subtitle = kf_session_fill_describe (fill);
  gint64 over = kf_session_fill_over (fill, 0);

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (bars, GTK_ALIGN_CENTER);
  gtk_grid_set_column_spacing (GTK_GRID (bars), 6);
  gtk_grid_set_row_spacing (GTK_GRID (bars), 2);
  if (over > 0)
    {
      g_autofree char *text = over_capacity_text (over);
      GtkWidget *warning = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (warning), 1);
      gtk_widget_add_css_class (warning, "warning");
      gtk_widget_add_css_class (warning, "caption-heading");
      gtk_grid_attach (GTK_GRID (bars), warning, 0, 0, 2, 1);
      gtk_widget_add_css_class (row, "over-capacity");
    }
  attach_bar (GTK_GRID (bars), 1, _("Confirmed"), fill->confirmed, fill->capacity);
  attach_bar (GTK_GRID (bars), 2, _("Arrived"), fill->arrived, fill->capacity);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bars);
  return row;
}

static void
remove_all (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_sessions (KfTodayPage *self)
{
  remove_all (self->sessions_list);
  for (guint i = 0; i < self->sessions->len; i++)
    gtk_list_box_append (self->sessions_list,
                         session_row_new (kf_today_page_session_at (self, i),
                                          &g_array_index (self->fills, KfSessionFill, i)));
}

/* Expected groups */

static char *
booking_subtitle (const KfBooking *booking,
                  const KfSession *session)
{
  g_autofree char *times = session != NULL ? kf_label_time_range (session->start, session->end)
                                           : g_strdup ("");

  /* Translators: a booking in today's list: its session's times, the people
   * booked, and its contact */
  return g_strdup_printf (_("%s · %lld young people, %lld adults · %s %s"), times,
                          (long long) booking->youth_count, (long long) booking->adult_count,
                          booking->contact_name, booking->contact_phone);
}

static GtkWidget *
booking_row_new (const KfBooking *booking,
                 const KfSession *session)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Arrived…"));
  g_autofree char *name = g_strconcat ("today-booking-", booking->r.id, NULL);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = booking_subtitle (booking, session);
  g_autofree char *a11y = g_strdup_printf (_("Record the arrival of %s"), booking->org_name);

  title = booking->grade != NULL && *booking->grade != '\0'
          ? g_strdup_printf ("%s · %s", booking->org_name, booking->grade)
          : g_strdup (booking->org_name);
  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "today.arrived");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", booking->r.id);
  gtk_widget_set_tooltip_text (button, a11y);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

/* The confirmed groups of today's sessions, session by session: each is one
 * look-up in the bookings of a session, where listing the bookings of a day
 * would read every booking to find their sessions' dates. */
static gboolean
show_expected (KfTodayPage *self,
               GError     **error)
{
  remove_all (self->expected_list);
  for (guint s = 0; s < self->sessions->len; s++)
    {
      const KfSession *session = kf_today_page_session_at (self, s);
      KfQuery query = { .session_id = session->r.id, .status = "confirmed",
                        .sort = KF_SORT_NAME };
      g_autoptr(GPtrArray) bookings = kf_store_list (self->store, KF_ENTITY_BOOKING, &query,
                                                     error);

      if (bookings == NULL)
        return FALSE;
      for (guint i = 0; i < bookings->len; i++)
        gtk_list_box_append (self->expected_list,
                             booking_row_new (bookings->pdata[i], session));
    }
  return TRUE;
}

/* Figures */

static gboolean
update_figures (KfTodayPage *self,
                GError     **error)
{
  g_autoptr(KfTotals) totals = NULL;
  gint64 values[N_FIGURES];

  totals = kf_totals_compute (self->store, self->today, self->today, KF_TOTALS_BY_BASE,
                              self->base_id, error);
  if (totals == NULL)
    return FALSE;

  values[FIGURE_VISITORS] = totals->total.visitors;
  values[FIGURE_GROUPS] = totals->total.groups;
  values[FIGURE_YOUTH] = totals->total.youth;
  values[FIGURE_ADULTS] = totals->total.adults;
  for (guint i = 0; i < N_FIGURES; i++)
    {
      g_autofree char *text = g_strdup_printf ("%lld", (long long) values[i]);
      gtk_label_set_text (self->figure_values[i], text);
    }
  return TRUE;
}

static void
make_figures (KfTodayPage *self)
{
  GtkBox *boxes[N_FIGURES] = {
    [FIGURE_VISITORS] = self->figure_visitors_box,
    [FIGURE_GROUPS] = self->figure_groups_box,
    [FIGURE_YOUTH] = self->figure_youth_box,
    [FIGURE_ADULTS] = self->figure_adults_box,
  };

  for (guint i = 0; i < N_FIGURES; i++)
    {
      GtkWidget *value = gtk_label_new ("0");
      GtkWidget *caption = gtk_label_new (_(figures[i].caption));

      gtk_orientable_set_orientation (GTK_ORIENTABLE (boxes[i]), GTK_ORIENTATION_VERTICAL);
      gtk_box_set_spacing (boxes[i], 3);
      gtk_widget_add_css_class (GTK_WIDGET (boxes[i]), "card");
      gtk_widget_add_css_class (GTK_WIDGET (boxes[i]), "today-figure");
      gtk_widget_set_name (value, figures[i].name);
      gtk_widget_add_css_class (value, "title-1");
      gtk_widget_add_css_class (value, "numeric");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_box_append (boxes[i], value);
      gtk_box_append (boxes[i], caption);
      self->figure_values[i] = GTK_LABEL (value);
    }
}

/* Reload */

static gboolean
focus_is_lost (KfTodayPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return root != NULL && (focus == NULL || !gtk_widget_get_mapped (focus));
}

static void
load_identity (KfTodayPage *self)
{
  g_autoptr(KfIdentity) identity = kf_store_get_identity (self->store, NULL);

  /* A base takes the hub's id on its first sync: read it every time. */
  g_free (self->base_id);
  self->base_id = identity != NULL ? g_strdup (identity->base_id) : NULL;
}

static void
reload (KfTodayPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;

  self->reloading = TRUE;
  g_free (self->today);
  self->today = today_string ();
  load_identity (self);
  date = kf_label_date (self->today);
  gtk_label_set_text (self->date_label, date);

  if (load_sessions (self, &error) && show_expected (self, &error))
    {
      show_sessions (self);
      kf_today_page_update_tally (self);
      update_figures (self, &error);
    }
  if (error != NULL)
    g_warning ("Cannot read today’s records: %s", error->message);

  gtk_stack_set_visible_child_name (self->stack, self->sessions->len > 0 ? "today" : "empty");
  kf_today_page_update_tally_actions (self);
  self->reloading = FALSE;

  /* A row that had the focus may be gone; the tally is what the door needs. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && focus_is_lost (self) &&
      self->sessions->len > 0)
    gtk_widget_grab_focus (self->tally_youth_button);
}

static void
store_changed_cb (KfTodayPage *self)
{
  reload (self);
}

static gboolean
day_timer_cb (gpointer data)
{
  KfTodayPage *self = data;
  g_autofree char *today = today_string ();

  if (g_strcmp0 (today, self->today) != 0)
    reload (self);
  return G_SOURCE_CONTINUE;
}

/* Actions */

static GtkWindow *
parent_window (KfTodayPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
arrived_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KfTodayPage *self = KF_TODAY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) booking = NULL;
  GtkWidget *dialog;

  booking = kf_store_get (self->store, KF_ENTITY_BOOKING, g_variant_get_string (parameter, NULL),
                          &error);
  if (booking == NULL)
    {
      kf_toast (widget, error->message);
      return;
    }
  dialog = kf_arrival_dialog_new (self->store, KF_BOOKING (booking));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent_window (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
walk_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KfTodayPage *self = KF_TODAY_PAGE (widget);
  GtkWidget *dialog;

  dialog = kf_walkin_dialog_new (self->store, self->sessions, self->tally_session_id);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent_window (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
plan_sessions_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KfWindow *window = kf_window_for_widget (widget);

  if (window != NULL)
    adw_view_stack_set_visible_child_name (kf_window_get_view_stack (window), "sessions");
}

/* GObject */

static void
kf_today_page_constructed (GObject *object)
{
  KfTodayPage *self = KF_TODAY_PAGE (object);

  G_OBJECT_CLASS (kf_today_page_parent_class)->constructed (object);

  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);
}

static void
kf_today_page_dispose (GObject *object)
{
  KfTodayPage *self = KF_TODAY_PAGE (object);

  g_clear_handle_id (&self->day_timer, g_source_remove);
  /* The bin's child is a bound template child: take it out first, or the
   * bin would unparent it a second time. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KF_TYPE_TODAY_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kf_today_page_parent_class)->dispose (object);
}

static void
kf_today_page_finalize (GObject *object)
{
  KfTodayPage *self = KF_TODAY_PAGE (object);

  g_free (self->today);
  g_free (self->base_id);
  g_free (self->chooser_key);
  g_free (self->tally_session_id);
  g_ptr_array_unref (self->sessions);
  g_array_unref (self->fills);
  g_array_unref (self->clicks);

  G_OBJECT_CLASS (kf_today_page_parent_class)->finalize (object);
}

static void
kf_today_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KfTodayPage *self = KF_TODAY_PAGE (object);

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
kf_today_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KfTodayPage *self = KF_TODAY_PAGE (object);

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
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "today.arrived", "s", arrived_action);
  gtk_widget_class_install_action (widget_class, "today.walk-in", NULL, walk_in_action);
  gtk_widget_class_install_action (widget_class, "today.plan-sessions", NULL,
                                   plan_sessions_action);
}

static void
kf_today_page_class_init (KfTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kf_today_page_constructed;
  object_class->dispose = kf_today_page_dispose;
  object_class->finalize = kf_today_page_finalize;
  object_class->get_property = kf_today_page_get_property;
  object_class->set_property = kf_today_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KF_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KfTodayPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KfTodayPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, KfTodayPage, sessions_list);
  gtk_widget_class_bind_template_child (widget_class, KfTodayPage, expected_list);
  gtk_widget_class_bind_template_child (widget_class, KfTodayPage, tally_session_list);
  gtk_widget_class_bind_template_child (widget_class, KfTodayPage, tally_session_row);
  gtk_widget_class_bind_template_child (widget_class, KfTodayPage, tally_session_label);
  gtk_widget_class_bind_template_child (widget_class, KfTodayPage, tally_youth_count);
  gtk_widget_class_bind_template_child (widget_class, KfTodayPage, tally_adult_count);
  gtk_widget_class_bind_template_child (widget_class, KfTodayPage, tally_youth_button);
  gtk_widget_class_bind_template_child (widget_class, KfTodayPage, tally_warning);
  gtk_widget_class_bind_template_child (widget_class, KfTodayPage, tally_error);
  gtk_widget_class_bind_template_child (widget_class, KfTodayPage, figure_visitors_box);
  gtk_widget_class_bind_template_child (widget_class, KfTodayPage, figure_groups_box);
  gtk_widget_class_bind_template_child (widget_class, KfTodayPage, figure_youth_box);
  gtk_widget_class_bind_template_child (widget_class, KfTodayPage, figure_adults_box);
  install_actions (widget_class);
  kf_today_page_tally_class_init (widget_class);
}

static GtkWidget *
expected_placeholder_new (void)
{
  GtkWidget *label = gtk_label_new (_("No more groups expected today"));

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  return label;
}

static void
kf_today_page_init (KfTodayPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  self->fills = g_array_new (FALSE, TRUE, sizeof (KfSessionFill));

  gtk_list_box_set_placeholder (self->expected_list, expected_placeholder_new ());
  make_figures (self);
  kf_today_page_tally_init (self);
  self->day_timer = g_timeout_add_seconds (60, day_timer_cb, self);
}

KfTodayPage *
kf_today_page_new (KfStore *store)
{
  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  return g_object_new (KF_TYPE_TODAY_PAGE, "store", store, NULL);
}

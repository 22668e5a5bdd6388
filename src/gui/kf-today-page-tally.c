/* kf-today-page-tally.c — the tally of individual visitors on the Today page
 *
 * One click, one person: the door raises this installation's own tally of
 * the chosen session (kf_store_tally), and undo takes back exactly the last
 * click made on it. The keys work anywhere in the window while the page is
 * shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-today-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kf-today-page-private.h"

/* The keys of the tally, on the page (bindings) and, while the page is
 * shown, anywhere in the window (see add_window_shortcuts()). Plain letters
 * are safe: the page has no text entry. */
static const struct
{
  guint            keyval;
  GdkModifierType  modifiers;
  const char      *action;
} tally_keys[] = {
  { GDK_KEY_y, 0, "today.tally-youth" },
  { GDK_KEY_1, GDK_CONTROL_MASK, "today.tally-youth" },
  { GDK_KEY_KP_1, GDK_CONTROL_MASK, "today.tally-youth" },
  { GDK_KEY_a, 0, "today.tally-adult" },
  { GDK_KEY_2, GDK_CONTROL_MASK, "today.tally-adult" },
  { GDK_KEY_KP_2, GDK_CONTROL_MASK, "today.tally-adult" },
  { GDK_KEY_z, GDK_CONTROL_MASK, "today.tally-undo" },
};

static void
click_clear (gpointer data)
{
  g_free (((Click *) data)->session_id);
}

/* The session at the door now: the one running, else the next, else the
 * last of the day. */
static const char *
default_tally_session (KfTodayPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M");
  guint n = self->sessions->len;

  for (guint i = 0; i < n; i++)
    if (strcmp (time, kf_today_page_session_at (self, i)->end) < 0)
      return kf_today_page_session_at (self, i)->r.id;
  return n > 0 ? kf_today_page_session_at (self, n - 1)->r.id : NULL;
}

static char *
chooser_key (KfTodayPage *self)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < self->sessions->len; i++)
    {
      const KfSession *session = kf_today_page_session_at (self, i);

      g_string_append_printf (key, "%s|%s|%s|%s\n", session->r.id, session->start, session->end,
                              session->title);
    }
  return g_string_free (key, FALSE);
}

/* The chooser's model is made again only when the sessions changed, so that
 * a tally click does not close its popover. */
static void
update_tally_chooser (KfTodayPage *self)
{
  g_autofree char *key = chooser_key (self);
  int index;

  if (kf_today_page_find_session (self, self->tally_session_id) < 0)
    {
      g_free (self->tally_session_id);
      self->tally_session_id = g_strdup (default_tally_session (self));
    }

  if (g_strcmp0 (key, self->chooser_key) != 0)
    {
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

      for (guint i = 0; i < self->sessions->len; i++)
        {
          g_autofree char *label = kf_session_label (kf_today_page_session_at (self, i));
          gtk_string_list_append (labels, label);
        }
      adw_combo_row_set_model (self->tally_session_row, G_LIST_MODEL (labels));
      g_free (self->chooser_key);
      self->chooser_key = g_steal_pointer (&key);
    }

  index = kf_today_page_find_session (self, self->tally_session_id);
  if (index >= 0)
    {
      g_autofree char *label = kf_session_label (kf_today_page_session_at (self, index));

      adw_combo_row_set_selected (self->tally_session_row, index);
      gtk_label_set_text (self->tally_session_label, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tally_session_list), self->sessions->len > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->tally_session_label), self->sessions->len == 1);
}

static gboolean
update_tally_counts (KfTodayPage *self,
                     GError     **error)
{
  KfQuery query = { .session_id = self->tally_session_id, .status = "individuals" };
  g_autoptr(GPtrArray) tallies = NULL;
  g_autofree char *youth = NULL;
  g_autofree char *adults = NULL;
  int index = kf_today_page_find_session (self, self->tally_session_id);
  gint64 over = 0;

  self->tally_youth = self->tally_adults = 0;
  if (index >= 0)
    {
      tallies = kf_store_list (self->store, KF_ENTITY_VISIT, &query, error);
      if (tallies == NULL)
        return FALSE;
      for (guint i = 0; i < tallies->len; i++)
        {
          self->tally_youth += KF_VISIT (tallies->pdata[i])->youth_count;
          self->tally_adults += KF_VISIT (tallies->pdata[i])->adult_count;
        }
      over = kf_session_fill_over (&g_array_index (self->fills, KfSessionFill, index), 0);
    }

  youth = g_strdup_printf ("%lld", (long long) self->tally_youth);
  adults = g_strdup_printf ("%lld", (long long) self->tally_adults);
  gtk_label_set_text (self->tally_youth_count, youth);
  gtk_label_set_text (self->tally_adult_count, adults);

  gtk_widget_set_visible (GTK_WIDGET (self->tally_warning), over > 0);
  if (over > 0)
    {
      g_autofree char *text = g_strdup_printf (_("This session is over capacity by %lld. "
                                                  "Visitors are still counted."),
                                               (long long) over);
      gtk_label_set_text (self->tally_warning, text);
    }
  return TRUE;
}

static int
last_click (KfTodayPage *self)
{
  for (int i = (int) self->clicks->len - 1; i >= 0; i--)
    if (g_strcmp0 (g_array_index (self->clicks, Click, i).session_id,
                   self->tally_session_id) == 0)
      return i;
  return -1;
}

void
kf_today_page_update_tally_actions (KfTodayPage *self)
{
  gboolean has_session = kf_today_page_find_session (self, self->tally_session_id) >= 0;
  int undo = last_click (self);
  gboolean can_undo = FALSE;

  if (undo >= 0)
    can_undo = g_array_index (self->clicks, Click, undo).youth ? self->tally_youth > 0
                                                               : self->tally_adults > 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.tally-youth", has_session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.tally-adult", has_session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.tally-undo", can_undo);
}

static void
show_tally_error (KfTodayPage  *self,
                  const GError *error)
{
  gtk_widget_set_visible (GTK_WIDGET (self->tally_error), error != NULL);
  if (error != NULL)
    gtk_label_set_text (self->tally_error, error->message);
}

static void
tally_session_selected_cb (KfTodayPage *self)
{
  guint selected = adw_combo_row_get_selected (self->tally_session_row);
  g_autoptr(GError) error = NULL;

  if (self->reloading || selected >= self->sessions->len)
    return;

  g_free (self->tally_session_id);
  self->tally_session_id = g_strdup (kf_today_page_session_at (self, selected)->r.id);
  show_tally_error (self, NULL);
  if (!update_tally_counts (self, &error))
    g_warning ("Cannot read the tally: %s", error->message);
  kf_today_page_update_tally_actions (self);
}

static void
tally (KfTodayPage *self,
       gboolean     youth)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) visit = NULL;
  Click click = { g_strdup (self->tally_session_id), youth };

  g_array_append_val (self->clicks, click);
  visit = (KfRecord *) kf_store_tally (self->store, click.session_id, youth ? 1 : 0,
                                       youth ? 0 : 1, &error);
  if (visit == NULL)
    g_array_remove_index (self->clicks, self->clicks->len - 1);
  show_tally_error (self, error);
  kf_today_page_update_tally_actions (self);
}

static void
tally_youth_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  tally (KF_TODAY_PAGE (widget), TRUE);
}

static void
tally_adult_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  tally (KF_TODAY_PAGE (widget), FALSE);
}

static void
tally_undo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KfTodayPage *self = KF_TODAY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfRecord) visit = NULL;
  int index = last_click (self);
  Click click;

  if (index < 0)
    return;
  click = g_array_index (self->clicks, Click, index);
  visit = (KfRecord *) kf_store_tally (self->store, click.session_id, click.youth ? -1 : 0,
                                       click.youth ? 0 : -1, &error);
  /* Taken back, or impossible to take back: either way that click is done. */
  g_array_remove_index (self->clicks, index);
  show_tally_error (self, error);
  kf_today_page_update_tally_actions (self);
}

/* Class bindings act only while the focus is on the page; these make the
 * same keys work from anywhere in the window while the page is shown (a
 * managed controller runs only while its widget is mapped). */
static void
add_window_shortcuts (KfTodayPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  for (guint i = 0; i < G_N_ELEMENTS (tally_keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (
                                                              tally_keys[i].keyval,
                                                              tally_keys[i].modifiers),
                                                            gtk_named_action_new (
                                                              tally_keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* Shows the chosen session's tally, choosing one if needed. */
void
kf_today_page_update_tally (KfTodayPage *self)
{
  g_autoptr(GError) error = NULL;

  update_tally_chooser (self);
  if (!update_tally_counts (self, &error))
    g_warning ("Cannot read the tally: %s", error->message);
}

void
kf_today_page_tally_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "today.tally-youth", NULL, tally_youth_action);
  gtk_widget_class_install_action (widget_class, "today.tally-adult", NULL, tally_adult_action);
  gtk_widget_class_install_action (widget_class, "today.tally-undo", NULL, tally_undo_action);
  for (guint i = 0; i < G_N_ELEMENTS (tally_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, tally_keys[i].keyval,
                                         tally_keys[i].modifiers, tally_keys[i].action, NULL);
  gtk_widget_class_bind_template_callback (widget_class, tally_session_selected_cb);
}

void
kf_today_page_tally_init (KfTodayPage *self)
{
  self->clicks = g_array_new (FALSE, TRUE, sizeof (Click));
  g_array_set_clear_func (self->clicks, click_clear);
  add_window_shortcuts (self);
}

/* kf-sync-indicator.c — the sync state in the header bar: an icon that
 * says how syncing goes, and a popover with the details and "Sync Now"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-sync-indicator.h"

struct _KfSyncIndicator
{
  AdwBin          parent_instance;

  GtkMenuButton  *button;
  GtkStack       *icon_stack;
  GtkImage       *icon;
  GtkSpinner     *spinner;
  GtkLabel       *state_label;
  GtkLabel       *last_sync_label;
  GtkLabel       *queued_label;
  GtkLabel       *conflicts_label;
  GtkLabel       *rejected_label;
  GtkLabel       *problems_label;
  GtkLabel       *error_label;

  KfSyncEngine   *engine;
  const char     *state_text;
};

G_DEFINE_FINAL_TYPE (KfSyncIndicator, kf_sync_indicator, ADW_TYPE_BIN)

/* Calendar days from @a to @b, in local time. */
static int
days_between (GDateTime *a,
              GDateTime *b)
{
  GDate date_a;
  GDate date_b;

  g_date_clear (&date_a, 1);
  g_date_clear (&date_b, 1);
  g_date_set_dmy (&date_a, g_date_time_get_day_of_month (a), g_date_time_get_month (a),
                  g_date_time_get_year (a));
  g_date_set_dmy (&date_b, g_date_time_get_day_of_month (b), g_date_time_get_month (b),
                  g_date_time_get_year (b));
  return g_date_days_between (&date_a, &date_b);
}

/**
 * kf_describe_last_sync:
 * @instant: (nullable): when the last sync was, RFC 3339
 * @now: the time to count from
 *
 * Returns: (transfer full): "Never", "Just now", "3 minutes ago",
 *   "2 hours ago", "Yesterday at 14:05" or a date and time
 */
char *
kf_describe_last_sync (const char *instant,
                       GDateTime  *now)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  GTimeSpan ago;
  int days;

  g_return_val_if_fail (now != NULL, NULL);

  if (instant == NULL || (when = g_date_time_new_from_iso8601 (instant, NULL)) == NULL)
    return g_strdup (_("Never"));

  ago = g_date_time_difference (now, when);
  /* A clock a little behind the hub's still means "just now". */
  if (ago < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Just now"));
  if (ago < G_TIME_SPAN_HOUR)
    {
      int minutes = (int) (ago / G_TIME_SPAN_MINUTE);
      return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", minutes), minutes);
    }

  local = g_date_time_to_local (when);
  local_now = g_date_time_to_local (now);
  days = days_between (local, local_now);

  if (days == 0)
    {
      int hours = (int) (ago / G_TIME_SPAN_HOUR);
      return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", hours), hours);
    }
  if (days == 1)
    /* Translators: a strftime format, the time of yesterday's last sync */
    return g_date_time_format (local, _("Yesterday at %H:%M"));
  /* Translators: a strftime format, the date and time of the last sync */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

/* The engine's counts are -1 until it has read them (just after start-up). */
#define NOT_KNOWN_YET "…"

static char *
format_count (gint64 count)
{
  int n = (int) CLAMP (count, 0, G_MAXINT);

  if (count < 0)
    return g_strdup (NOT_KNOWN_YET);
  if (n == 0)
    return g_strdup (_("None"));
  return g_strdup_printf (ngettext ("%d change", "%d changes", n), n);
}

static void
set_count_label (GtkLabel *label,
                 gint64    count)
{
  g_autofree char *text = format_count (count);

  gtk_label_set_text (label, text);
}

static void
update_last_sync (KfSyncIndicator *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = kf_describe_last_sync (kf_sync_engine_get_last_sync (self->engine),
                                                 now);

  gtk_label_set_text (self->last_sync_label,
                      kf_sync_engine_get_queued (self->engine) < 0 ? NOT_KNOWN_YET : text);
}

/* The words and the icon for the engine's state; one place for both. */
static const char *
describe_state (KfSyncIndicator  *self,
                const char      **icon_name)
{
  gboolean problems = kf_sync_engine_get_conflicts (self->engine) > 0 ||
                      kf_sync_engine_get_rejected (self->engine) > 0;

  switch (kf_sync_engine_get_state (self->engine))
    {
    case KF_SYNC_STATE_SYNCING:
      *icon_name = NULL;
      return _("Syncing…");
    case KF_SYNC_STATE_OFFLINE:
      *icon_name = "network-offline-symbolic";
      return _("Offline: the hub cannot be reached");
    case KF_SYNC_STATE_ERROR:
      *icon_name = "dialog-warning-symbolic";
      return _("The last sync failed");
    case KF_SYNC_STATE_IDLE:
    default:
      break;
    }

  if (kf_sync_engine_get_queued (self->engine) < 0)
    {
      *icon_name = "emblem-synchronizing-symbolic";
      return _("Reading the sync state…");
    }
  if (problems)
    {
      *icon_name = "dialog-warning-symbolic";
      return _("Some changes need a decision");
    }
  if (kf_sync_engine_get_last_sync (self->engine) == NULL)
    {
      *icon_name = "emblem-synchronizing-symbolic";
      return _("Not synced yet");
    }
  if (kf_sync_engine_get_queued (self->engine) > 0)
    {
      *icon_name = "emblem-synchronizing-symbolic";
      return _("Changes waiting to be sent");
    }
  *icon_name = "emblem-ok-symbolic";
  return _("Up to date");
}

static void
update_state (KfSyncIndicator *self)
{
  const char *icon_name = NULL;
  g_autofree char *accessible = NULL;

  self->state_text = describe_state (self, &icon_name);
  gtk_label_set_text (self->state_label, self->state_text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), self->state_text);

  /* Translators: what a screen reader says for the sync button */
  accessible = g_strdup_printf (_("Sync: %s"), self->state_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  gtk_spinner_set_spinning (self->spinner, icon_name == NULL);
  if (icon_name != NULL)
    gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_stack_set_visible_child_name (self->icon_stack, icon_name != NULL ? "icon" : "spinner");
}

static void
update (KfSyncIndicator *self)
{
  const char *error_text;
  gint64 conflicts;
  gint64 rejected;

  if (self->engine == NULL)
    return;

  conflicts = kf_sync_engine_get_conflicts (self->engine);
  rejected = kf_sync_engine_get_rejected (self->engine);
  error_text = kf_sync_engine_get_last_error (self->engine);

  update_state (self);
  update_last_sync (self);
  set_count_label (self->queued_label, kf_sync_engine_get_queued (self->engine));
  set_count_label (self->conflicts_label, conflicts);
  set_count_label (self->rejected_label, rejected);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), conflicts > 0 || rejected > 0);
  gtk_label_set_text (self->error_label, error_text != NULL ? error_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label),
                          error_text != NULL &&
                          kf_sync_engine_get_state (self->engine) != KF_SYNC_STATE_IDLE);
}

static void
engine_notify_cb (KfSyncEngine    *engine,
                  GParamSpec      *pspec,
                  KfSyncIndicator *self)
{
  update (self);
}

/* "3 minutes ago" grows older while nobody looks: freshen it when shown. */
static void
popover_show_cb (GtkPopover      *popover,
                 KfSyncIndicator *self)
{
  if (self->engine != NULL)
    update_last_sync (self);
}

static void
kf_sync_indicator_dispose (GObject *object)
{
  KfSyncIndicator *self = KF_SYNC_INDICATOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KF_TYPE_SYNC_INDICATOR);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (kf_sync_indicator_parent_class)->dispose (object);
}

static void
kf_sync_indicator_class_init (KfSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kf_sync_indicator_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, KfSyncIndicator, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, KfSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, KfSyncIndicator, spinner);
  gtk_widget_class_bind_template_child (widget_class, KfSyncIndicator, state_label);
  gtk_widget_class_bind_template_child (widget_class, KfSyncIndicator, last_sync_label);
  gtk_widget_class_bind_template_child (widget_class, KfSyncIndicator, queued_label);
  gtk_widget_class_bind_template_child (widget_class, KfSyncIndicator, conflicts_label);
  gtk_widget_class_bind_template_child (widget_class, KfSyncIndicator, rejected_label);
  gtk_widget_class_bind_template_child (widget_class, KfSyncIndicator, problems_label);
  gtk_widget_class_bind_template_child (widget_class, KfSyncIndicator, error_label);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
}

static void
kf_sync_indicator_init (KfSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound template child: AdwBin unparents its child itself. */
  self->button = GTK_MENU_BUTTON (adw_bin_get_child (ADW_BIN (self)));
}

/**
 * kf_sync_indicator_set_engine:
 *
 * Shows the state of @engine from now on (its properties, as they change).
 */
void
kf_sync_indicator_set_engine (KfSyncIndicator *self,
                              KfSyncEngine    *engine)
{
  g_return_if_fail (KF_IS_SYNC_INDICATOR (self));
  g_return_if_fail (engine == NULL || KF_IS_SYNC_ENGINE (engine));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine == NULL)
    return;

  g_signal_connect_object (engine, "notify", G_CALLBACK (engine_notify_cb), self, 0);
  update (self);
}

/* The state in words, as the popover and screen readers say it. */
const char *
kf_sync_indicator_get_state_text (KfSyncIndicator *self)
{
  g_return_val_if_fail (KF_IS_SYNC_INDICATOR (self), NULL);

  return self->state_text;
}

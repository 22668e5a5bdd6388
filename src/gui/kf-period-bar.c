/* kf-period-bar.c — the period a page's figures are for: a preset or a
 * custom first and last day, the mistake in them named under the fields,
 * and the period shown
 *
 * Whether a period is one is core's to say (kf_totals_check_period()). A
 * page puts its own controls beside the drop-down (<child type="controls">)
 * and its actions beside the period shown (<child type="actions">).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-period-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-error.h"
#include "kf-labels.h"
#include "kf-period-bar.h"
#include "kf-totals.h"

struct _KfPeriodBar
{
  GtkBox       parent_instance;

  char        *shown_from;
  char        *shown_to;
  gboolean     has_error;

  GtkBox      *controls_box;
  GtkDropDown *period_dropdown;
  GtkWidget   *custom_box;
  GtkEntry    *from_entry;
  GtkEntry    *to_entry;
  GtkLabel    *period_error;
  GtkBox      *actions_box;
  GtkLabel    *period_label;
};

static void kf_period_bar_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KfPeriodBar, kf_period_bar, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      kf_period_bar_buildable_init))

enum {
  PROP_0,
  PROP_NAME_PREFIX,
  PROP_HAS_ERROR,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static GtkBuildableIface *parent_buildable_iface;

/**
 * kf_period_preset_dates:
 * @preset: a period the bar offers
 * @now: the day it is
 * @from: (out): the first day, `YYYY-MM-DD`
 * @to: (out): the last day
 *
 * The activity week is held in late May and early June: May 20 to June 10
 * of @now's year takes it in whole.
 *
 * Returns: %FALSE for %KF_PERIOD_PRESET_CUSTOM, whose days are typed
 */
gboolean
kf_period_preset_dates (KfPeriodPreset   preset,
                        GDateTime       *now,
                        char           **from,
                        char           **to)
{
  int year = g_date_time_get_year (now);
  int month = g_date_time_get_month (now);

  switch (preset)
    {
    case KF_PERIOD_PRESET_ACTIVITY_WEEK:
      *from = g_strdup_printf ("%04d-05-20", year);
      *to = g_strdup_printf ("%04d-06-10", year);
      return TRUE;
    case KF_PERIOD_PRESET_THIS_MONTH:
      *from = g_strdup_printf ("%04d-%02d-01", year, month);
      *to = g_strdup_printf ("%04d-%02d-%02d", year, month,
                             g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
      return TRUE;
    case KF_PERIOD_PRESET_CUSTOM:
    default:
      return FALSE;
    }
}

static gboolean
read_period (KfPeriodBar  *self,
             char        **from,
             char        **to)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  KfPeriodPreset preset = gtk_drop_down_get_selected (self->period_dropdown);

  if (kf_period_preset_dates (preset, now, from, to))
    return TRUE;
  *from = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->from_entry))));
  *to = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->to_entry))));
  return FALSE;
}

static void
set_has_error (KfPeriodBar *self,
               gboolean     has_error)
{
  gtk_widget_set_visible (GTK_WIDGET (self->period_error), has_error);
  if (self->has_error == has_error)
    return;
  self->has_error = has_error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ERROR]);
}

/**
 * kf_period_bar_show_error:
 * @error: what is wrong; naming "from" or "to" (kf_error_get_field()), it
 *   marks that field and says its name
 *
 * Shows @error under the fields until the period is read again.
 */
void
kf_period_bar_show_error (KfPeriodBar  *self,
                          const GError *error)
{
  const char *field;
  GtkEntry *entry;
  g_autofree char *text = NULL;

  g_return_if_fail (KF_IS_PERIOD_BAR (self));
  g_return_if_fail (error != NULL);

  field = kf_error_get_field (error);
  entry = g_strcmp0 (field, "from") == 0 ? self->from_entry
          : g_strcmp0 (field, "to") == 0 ? self->to_entry : NULL;
  if (entry != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      /* Translators: a mistake in the first or the last day of a period */
      text = g_strdup_printf (_("%s: %s"), entry == self->from_entry ? _("From") : _("To"),
                              error->message);
    }
  gtk_label_set_text (self->period_error, text != NULL ? text : error->message);
  set_has_error (self, TRUE);
}

static void
clear_error (KfPeriodBar *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");
  set_has_error (self, FALSE);
}

/**
 * kf_period_bar_get_period:
 * @from: (out): the first day
 * @to: (out): the last day
 *
 * Reads the period chosen. A wrong custom period is shown under the
 * fields, naming the one that is wrong.
 *
 * Returns: %FALSE, with @error naming "from" or "to", on a wrong period
 */
gboolean
kf_period_bar_get_period (KfPeriodBar  *self,
                          char        **from,
                          char        **to,
                          GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (KF_IS_PERIOD_BAR (self), FALSE);
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  read_period (self, from, to);
  clear_error (self);
  if (kf_totals_check_period (*from, *to, &local_error))
    return TRUE;
  kf_period_bar_show_error (self, local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * kf_period_bar_get_has_error:
 *
 * Returns: whether a mistake is shown: the figures shown are then not
 *   those of the period chosen
 */
gboolean
kf_period_bar_get_has_error (KfPeriodBar *self)
{
  g_return_val_if_fail (KF_IS_PERIOD_BAR (self), FALSE);

  return self->has_error;
}

/**
 * kf_period_bar_set_shown:
 * @from: the first day of the figures shown, `YYYY-MM-DD`
 * @to: the last day
 *
 * Says which period the page shows; a custom period starts from it.
 */
void
kf_period_bar_set_shown (KfPeriodBar *self,
                         const char  *from,
                         const char  *to)
{
  g_autofree char *from_label = NULL;
  g_autofree char *to_label = NULL;
  g_autofree char *period = NULL;

  g_return_if_fail (KF_IS_PERIOD_BAR (self));
  g_return_if_fail (from != NULL && to != NULL);

  g_free (self->shown_from);
  g_free (self->shown_to);
  self->shown_from = g_strdup (from);
  self->shown_to = g_strdup (to);
  from_label = kf_label_date (from);
  to_label = kf_label_date (to);
  /* Translators: a period, from its first to its last day */
  period = g_strdup_printf (_("%s – %s"), from_label, to_label);
  gtk_label_set_text (self->period_label, period);
}

static void
entry_changed_cb (KfPeriodBar *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
period_selected_cb (KfPeriodBar *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean custom = !read_period (self, &from, &to);

  /* A custom period starts from the one shown. */
  if (custom && self->shown_from != NULL &&
      *gtk_editable_get_text (GTK_EDITABLE (self->from_entry)) == '\0')
    {
      g_signal_handlers_block_by_func (self->from_entry, entry_changed_cb, self);
      g_signal_handlers_block_by_func (self->to_entry, entry_changed_cb, self);
      gtk_editable_set_text (GTK_EDITABLE (self->from_entry), self->shown_from);
      gtk_editable_set_text (GTK_EDITABLE (self->to_entry), self->shown_to);
      g_signal_handlers_unblock_by_func (self->from_entry, entry_changed_cb, self);
      g_signal_handlers_unblock_by_func (self->to_entry, entry_changed_cb, self);
    }
  gtk_widget_set_visible (self->custom_box, custom);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Names the parts "PREFIX-period", "PREFIX-from" …, as each page's tests
 * and style know them. */
static void
set_name_prefix (KfPeriodBar *self,
                 const char  *prefix)
{
  static const char *suffixes[] = { "period", "from", "to", "period-error", "period-label" };
  GtkWidget *parts[] = { GTK_WIDGET (self->period_dropdown), GTK_WIDGET (self->from_entry),
                         GTK_WIDGET (self->to_entry), GTK_WIDGET (self->period_error),
                         GTK_WIDGET (self->period_label) };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s", prefix != NULL ? prefix : "period",
                                               suffixes[i]);

      gtk_widget_set_name (parts[i], name);
    }
}

/* GtkBuildable */

static void
kf_period_bar_add_child (GtkBuildable *buildable,
                         GtkBuilder   *builder,
                         GObject      *child,
                         const char   *type)
{
  KfPeriodBar *self = KF_PERIOD_BAR (buildable);

  if (g_strcmp0 (type, "controls") == 0)
    gtk_box_append (self->controls_box, GTK_WIDGET (child));
  else if (g_strcmp0 (type, "actions") == 0)
    gtk_box_append (self->actions_box, GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
kf_period_bar_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = kf_period_bar_add_child;
}

/* GObject */

static void
kf_period_bar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KF_TYPE_PERIOD_BAR);

  G_OBJECT_CLASS (kf_period_bar_parent_class)->dispose (object);
}

static void
kf_period_bar_finalize (GObject *object)
{
  KfPeriodBar *self = KF_PERIOD_BAR (object);

  g_free (self->shown_from);
  g_free (self->shown_to);

  G_OBJECT_CLASS (kf_period_bar_parent_class)->finalize (object);
}

static void
kf_period_bar_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KfPeriodBar *self = KF_PERIOD_BAR (object);

  switch (prop_id)
    {
    case PROP_HAS_ERROR:
      g_value_set_boolean (value, self->has_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kf_period_bar_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KfPeriodBar *self = KF_PERIOD_BAR (object);

  switch (prop_id)
    {
    case PROP_NAME_PREFIX:
      set_name_prefix (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kf_period_bar_class_init (KfPeriodBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kf_period_bar_dispose;
  object_class->finalize = kf_period_bar_finalize;
  object_class->get_property = kf_period_bar_get_property;
  object_class->set_property = kf_period_bar_set_property;

  /* what the parts' widget names start with: "totals", "bases" */
  properties[PROP_NAME_PREFIX] =
    g_param_spec_string ("name-prefix", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_ERROR] =
    g_param_spec_boolean ("has-error", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KfPeriodBar::changed:
   *
   * The period chosen changed: another preset, or a day typed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-period-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, KfPeriodBar, controls_box);
  gtk_widget_class_bind_template_child (widget_class, KfPeriodBar, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KfPeriodBar, custom_box);
  gtk_widget_class_bind_template_child (widget_class, KfPeriodBar, from_entry);
  gtk_widget_class_bind_template_child (widget_class, KfPeriodBar, to_entry);
  gtk_widget_class_bind_template_child (widget_class, KfPeriodBar, period_error);
  gtk_widget_class_bind_template_child (widget_class, KfPeriodBar, actions_box);
  gtk_widget_class_bind_template_child (widget_class, KfPeriodBar, period_label);
  gtk_widget_class_bind_template_callback (widget_class, period_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
}

static void
kf_period_bar_init (KfPeriodBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

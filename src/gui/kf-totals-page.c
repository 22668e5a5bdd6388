/* kf-totals-page.c — the attendance figures of a period, grouped by base,
 * date, format or topic
 *
 * The figures are core's (kf_totals_compute(), the same as GET /v1/totals
 * and `kaifang-cli totals`). Rows go by name or by date, never by a figure:
 * the county notice asks for no rankings, so the table offers no sorting
 * at all. A base sees its own figures; a reviewer those of every base.
 * A bar chart of the visitors (youth and adults) can stand in for the
 * table, a bar a row in the table's order. The exports are in
 * kf-totals-page-export.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-totals-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kf-labels.h"
#include "kf-totals-item.h"
#include "kf-totals-page-private.h"

G_DEFINE_FINAL_TYPE (KfTotalsPage, kf_totals_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The columns, in the order people read them: who came first. */
static const struct
{
  const char *figure;   /* a name of kf_figure_names */
  const char *title;
} figure_columns[] = {
  { "visitors", N_("Visitors") },
  { "youth", N_("Youth") },
  { "adults", N_("Adults") },
  { "groups", N_("Groups") },
  { "sessions", N_("Sessions") },
  { "bookings_confirmed", N_("Bookings Confirmed") },
  { "bookings_attended", N_("Attended") },
  { "no_shows", N_("No-Shows") },
};

static const struct
{
  KfTotalsBy  by;
  const char *title;
} groupings[] = {
  { KF_TOTALS_BY_BASE, N_("Base") },
  { KF_TOTALS_BY_DATE, N_("Date") },
  { KF_TOTALS_BY_FORMAT, N_("Format") },
  { KF_TOTALS_BY_TOPIC, N_("Topic") },
};

/* The chart's title, and what the screen reader calls it, by grouping. */
static const char *chart_titles[] = {
  [KF_TOTALS_BY_BASE] = N_("Visitors by Base"),
  [KF_TOTALS_BY_DATE] = N_("Visitors by Date"),
  [KF_TOTALS_BY_FORMAT] = N_("Visitors by Format"),
  [KF_TOTALS_BY_TOPIC] = N_("Visitors by Topic"),
};

static KfTotalsBy
selected_by (KfTotalsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->by_dropdown);

  return i < G_N_ELEMENTS (groupings) ? groupings[i].by : KF_TOTALS_BY_BASE;
}

/* In the order people look for rows (core's), never by a figure. */
static GPtrArray *
sorted_items (const KfTotals *totals)
{
  g_autoptr(GPtrArray) rows = kf_totals_labeled_rows (totals);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < rows->len; i++)
    {
      const KfLabeledRow *labeled = g_ptr_array_index (rows, i);

      g_ptr_array_add (items, kf_totals_item_new (labeled->row->key, labeled->label,
                                                  &labeled->row->figures, FALSE));
    }
  if (rows->len > 0)
    g_ptr_array_add (items, kf_totals_item_new (NULL, _("Total"), &totals->total, TRUE));
  return items;
}

static void
update_stack (KfTotalsPage *self)
{
  const char *child = g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0 ? "empty"
                      : self->view;

  gtk_stack_set_visible_child_name (self->stack, child);
}

/* One bar a row of the table, in the table's order; visitors are youth and
 * adults. */
static void
show_chart (KfTotalsPage *self,
            GPtrArray    *items)
{
  g_autofree KfBarChartBar *bars = g_new0 (KfBarChartBar, MAX (items->len, 1));
  const char *title = _(chart_titles[self->totals->by]);
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    {
      KfTotalsItem *item = g_ptr_array_index (items, i);
      const KfFigures *figures = kf_totals_item_get_figures (item);

      if (kf_totals_item_is_total (item))
        continue;
      bars[n].label = kf_totals_item_get_label (item);
      bars[n].parts[0] = figures->youth;
      bars[n].parts[1] = figures->adults;
      n++;
    }
  kf_bar_chart_set_bars (self->chart, bars, n);
  gtk_label_set_text (self->chart_title, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
}

static void
show_totals (KfTotalsPage *self)
{
  g_autoptr(GPtrArray) items = sorted_items (self->totals);

  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  gtk_column_view_column_set_title (self->name_column,
                                    _(groupings[gtk_drop_down_get_selected (self->by_dropdown)]
                                      .title));
  show_chart (self, items);

  kf_period_bar_set_shown (self->period_bar, self->totals->from, self->totals->to);
  if (items->len == 0)
    {
      g_autofree char *from = kf_label_date (self->totals->from);
      g_autofree char *to = kf_label_date (self->totals->to);
      g_autofree char *description = NULL;

      /* Translators: the period has no visit, session or booking */
      description = g_strdup_printf (_("Nothing was recorded from %s to %s."), from, to);
      adw_status_page_set_description (self->empty_page, description);
    }
  update_stack (self);
}

static void
reload (KfTotalsPage *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(GError) error = NULL;
  KfTotals *totals = NULL;

  if (kf_period_bar_get_period (self->period_bar, &from, &to, NULL))
    {
      totals = kf_totals_compute (self->store, from, to, selected_by (self), self->base_id,
                                  &error);
      if (totals == NULL)
        kf_period_bar_show_error (self->period_bar, error);
    }
  if (totals != NULL)
    {
      g_clear_pointer (&self->totals, kf_totals_free);
      self->totals = totals;
      show_totals (self);
    }
  /* what was shown stays until the period is right */
  kf_totals_page_update_actions (self);
}

static void
period_changed_cb (KfTotalsPage *self)
{
  reload (self);
}

static void
store_changed_cb (KfStore      *store,
                  KfTotalsPage *self)
{
  reload (self);
}

/* Columns */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  figure)
{
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *name = NULL;

  if (GPOINTER_TO_INT (figure) < 0)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      name = g_strdup ("totals-cell-label");
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
      name = g_strdup_printf ("totals-cell-%s", kf_figure_names[GPOINTER_TO_INT (figure)]);
    }
  gtk_widget_set_name (label, name);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  figure)
{
  KfTotalsItem *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  int index = GPOINTER_TO_INT (figure);
  g_autofree char *text = NULL;

  if (index < 0)
    gtk_label_set_text (GTK_LABEL (label), kf_totals_item_get_label (row));
  else
    {
      text = g_strdup_printf ("%lld", (long long) kf_figures_get (kf_totals_item_get_figures (row),
                                                                  (guint) index));
      gtk_label_set_text (GTK_LABEL (label), text);
    }
  if (kf_totals_item_is_total (row))
    gtk_widget_add_css_class (label, "totals-total");
  else
    gtk_widget_remove_css_class (label, "totals-total");
}

static GtkColumnViewColumn *
add_column (KfTotalsPage *self,
            const char   *title,
            int           figure)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (figure));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (figure));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
  return column;
}

static void
set_up_table (KfTotalsPage *self)
{
  self->name_column = add_column (self, _(groupings[0].title), -1);
  gtk_column_view_column_set_expand (self->name_column, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (figure_columns); i++)
    add_column (self, _(figure_columns[i].title), kf_figure_index (figure_columns[i].figure));

  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (gtk_no_selection_new (
    g_object_ref (G_LIST_MODEL (self->items)))));
}

static void
set_up_choices (KfTotalsPage *self,
                KfRole        role)
{
  g_autoptr(GtkStringList) bys = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (groupings); i++)
    gtk_string_list_append (bys, _(groupings[i].title));
  gtk_drop_down_set_model (self->by_dropdown, G_LIST_MODEL (bys));

  /* A base has one row by base: its days tell it more. */
  gtk_drop_down_set_selected (self->by_dropdown, role == KF_ROLE_BASE ? 1 : 0);
}

static void
kf_totals_page_constructed (GObject *object)
{
  KfTotalsPage *self = KF_TOTALS_PAGE (object);
  g_autoptr(KfIdentity) identity = kf_store_get_identity (self->store, NULL);
  KfRole role = identity != NULL ? identity->role : KF_ROLE_REVIEWER;

  G_OBJECT_CLASS (kf_totals_page_parent_class)->constructed (object);

  if (role == KF_ROLE_BASE)
    self->base_id = g_strdup (identity->base_id);

  set_up_table (self);
  set_up_choices (self, role);
  reload (self);

  g_signal_connect_swapped (self->by_dropdown, "notify::selected", G_CALLBACK (reload), self);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, 0);
}

static void
kf_totals_page_dispose (GObject *object)
{
  KfTotalsPage *self = KF_TOTALS_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), KF_TYPE_TOTALS_PAGE);
  g_clear_object (&self->items);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kf_totals_page_parent_class)->dispose (object);
}

static void
kf_totals_page_finalize (GObject *object)
{
  KfTotalsPage *self = KF_TOTALS_PAGE (object);

  g_clear_pointer (&self->totals, kf_totals_free);
  g_free (self->base_id);
  g_free (self->view);

  G_OBJECT_CLASS (kf_totals_page_parent_class)->finalize (object);
}

static void
kf_totals_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KfTotalsPage *self = KF_TOTALS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_VIEW:
      g_value_set_string (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_view (KfTotalsPage *self,
          const char   *view)
{
  if (g_strcmp0 (view, "chart") != 0)
    view = "table";
  if (g_strcmp0 (self->view, view) == 0)
    return;
  g_free (self->view);
  self->view = g_strdup (view);
  update_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

static void
kf_totals_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KfTotalsPage *self = KF_TOTALS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_VIEW:
      set_view (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kf_totals_page_class_init (KfTotalsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kf_totals_page_constructed;
  object_class->dispose = kf_totals_page_dispose;
  object_class->finalize = kf_totals_page_finalize;
  object_class->get_property = kf_totals_page_get_property;
  object_class->set_property = kf_totals_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KF_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* "table" or "chart": which of the two shows the figures */
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "table",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-totals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KfTotalsPage, period_bar);
  gtk_widget_class_bind_template_child (widget_class, KfTotalsPage, by_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KfTotalsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KfTotalsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, KfTotalsPage, chart_title);
  gtk_widget_class_bind_template_child (widget_class, KfTotalsPage, chart);
  gtk_widget_class_bind_template_child (widget_class, KfTotalsPage, empty_page);

  gtk_widget_class_install_property_action (widget_class, "totals.view", "view");
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  kf_totals_page_install_actions (widget_class);
}

static void
kf_totals_page_init (KfTotalsPage *self)
{
  self->items = g_list_store_new (KF_TYPE_TOTALS_ITEM);
  self->view = g_strdup ("table");
  g_type_ensure (KF_TYPE_BAR_CHART);
  g_type_ensure (KF_TYPE_PERIOD_BAR);
  gtk_widget_init_template (GTK_WIDGET (self));
  kf_bar_chart_set_legend (self->chart, _("Youth"), _("Adults"));
}

KfTotalsPage *
kf_totals_page_new (KfStore *store)
{
  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  return g_object_new (KF_TYPE_TOTALS_PAGE, "store", store, NULL);
}

/**
 * kf_totals_page_get_totals:
 *
 * Returns: (transfer none) (nullable): the figures shown, as core computed
 *   them (for an export of what is on screen)
 */
const KfTotals *
kf_totals_page_get_totals (KfTotalsPage *self)
{
  g_return_val_if_fail (KF_IS_TOTALS_PAGE (self), NULL);

  return self->totals;
}

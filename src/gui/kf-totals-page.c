/* kf-totals-page.c — the attendance figures of a period, grouped by base,
 * date, format or topic
 *
 * The figures are core's (kf_totals_compute(), the same as GET /v1/totals
 * and `kaifang-cli totals`). Rows go by name or by date, never by a figure:
 * the county notice asks for no rankings, so the table offers no sorting
 * at all. A base sees its own figures; a reviewer those of every base.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-totals-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kf-error.h"
#include "kf-labels.h"
#include "kf-totals-item.h"
#include "kf-totals-page.h"

struct _KfTotalsPage
{
  AdwBin               parent_instance;

  KfStore             *store;
  char                *base_id;
  KfTotals            *totals;
  GListStore          *items;   /* KfTotalsItem */

  GtkDropDown         *period_dropdown;
  GtkDropDown         *by_dropdown;
  GtkWidget           *custom_box;
  GtkEntry            *from_entry;
  GtkEntry            *to_entry;
  GtkLabel            *period_error;
  GtkLabel            *period_label;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  AdwStatusPage       *empty_page;
  GtkColumnViewColumn *name_column;
};

G_DEFINE_FINAL_TYPE (KfTotalsPage, kf_totals_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
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

static const char *period_titles[] = {
  [KF_TOTALS_PRESET_ACTIVITY_WEEK] = N_("This year’s activity week"),
  [KF_TOTALS_PRESET_THIS_MONTH] = N_("This month"),
  [KF_TOTALS_PRESET_CUSTOM] = N_("Custom period"),
};

/**
 * kf_totals_preset_period:
 * @preset: a period the page offers
 * @now: the day it is
 * @from: (out): the first day, `YYYY-MM-DD`
 * @to: (out): the last day
 *
 * The activity week is held in late May and early June: May 20 to June 10
 * of @now's year takes it in whole.
 *
 * Returns: %FALSE for %KF_TOTALS_PRESET_CUSTOM, whose days are typed
 */
gboolean
kf_totals_preset_period (KfTotalsPreset   preset,
                         GDateTime       *now,
                         char           **from,
                         char           **to)
{
  int year = g_date_time_get_year (now);
  int month = g_date_time_get_month (now);

  switch (preset)
    {
    case KF_TOTALS_PRESET_ACTIVITY_WEEK:
      *from = g_strdup_printf ("%04d-05-20", year);
      *to = g_strdup_printf ("%04d-06-10", year);
      return TRUE;
    case KF_TOTALS_PRESET_THIS_MONTH:
      *from = g_strdup_printf ("%04d-%02d-01", year, month);
      *to = g_strdup_printf ("%04d-%02d-%02d", year, month,
                             g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
      return TRUE;
    case KF_TOTALS_PRESET_CUSTOM:
    default:
      return FALSE;
    }
}

static KfTotalsBy
selected_by (KfTotalsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->by_dropdown);

  return i < G_N_ELEMENTS (groupings) ? groupings[i].by : KF_TOTALS_BY_BASE;
}

/* What a row's key looks like to people. */
static char *
row_label (KfTotalsBy         by,
           const KfTotalsRow *row)
{
  gboolean none = g_strcmp0 (row->key, "none") == 0;

  switch (by)
    {
    case KF_TOTALS_BY_DATE:
      return kf_label_date (row->key);
    case KF_TOTALS_BY_FORMAT:
      return g_strdup (none ? _("No session") : kf_label_format (row->key));
    case KF_TOTALS_BY_TOPIC:
      return g_strdup (none ? _("No session") : kf_label_topic (row->key));
    case KF_TOTALS_BY_BASE:
    default:
      return g_strdup (row->label != NULL && *row->label != '\0' ? row->label : row->key);
    }
}

typedef struct
{
  gboolean      last;       /* visits without a session come after the rest */
  char         *sort_key;
  KfTotalsItem *item;
} SortRow;

static void
sort_row_clear (gpointer data)
{
  SortRow *row = data;

  g_free (row->sort_key);
  g_clear_object (&row->item);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const SortRow *x = a;
  const SortRow *y = b;

  if (x->last != y->last)
    return x->last ? 1 : -1;
  return strcmp (x->sort_key, y->sort_key);
}

/* By name as people read it (the translated words of a code, a base's
 * name), or by date. Never by a figure. */
static GPtrArray *
sorted_items (const KfTotals *totals)
{
  g_autoptr(GArray) rows = g_array_sized_new (FALSE, TRUE, sizeof (SortRow), totals->rows->len);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  g_array_set_clear_func (rows, sort_row_clear);
  for (guint i = 0; i < totals->rows->len; i++)
    {
      const KfTotalsRow *row = g_ptr_array_index (totals->rows, i);
      g_autofree char *label = row_label (totals->by, row);
      SortRow sort_row;

      sort_row.last = g_strcmp0 (row->key, "none") == 0;
      sort_row.sort_key = totals->by == KF_TOTALS_BY_DATE ? g_strdup (row->key)
                                                          : g_utf8_collate_key (label, -1);
      sort_row.item = kf_totals_item_new (row->key, label, &row->figures, FALSE);
      g_array_append_val (rows, sort_row);
    }
  g_array_sort (rows, compare_rows);

  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, g_object_ref (g_array_index (rows, SortRow, i).item));
  if (rows->len > 0)
    g_ptr_array_add (items, kf_totals_item_new (NULL, _("Total"), &totals->total, TRUE));
  return items;
}

static void
show_period_error (KfTotalsPage *self,
                   const GError *error)
{
  const char *field = kf_error_get_field (error);
  GtkEntry *entry = g_strcmp0 (field, "from") == 0 ? self->from_entry
                    : g_strcmp0 (field, "to") == 0 ? self->to_entry : NULL;
  g_autofree char *text = NULL;

  if (entry != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      /* Translators: a mistake in the first or the last day of a period */
      text = g_strdup_printf (_("%s: %s"), entry == self->from_entry ? _("From") : _("To"),
                              error->message);
    }
  gtk_label_set_text (self->period_error, text != NULL ? text : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->period_error), TRUE);
}

static void
clear_period_error (KfTotalsPage *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->period_error), FALSE);
}

static gboolean
read_period (KfTotalsPage  *self,
             char         **from,
             char         **to)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  KfTotalsPreset preset = gtk_drop_down_get_selected (self->period_dropdown);

  if (kf_totals_preset_period (preset, now, from, to))
    return TRUE;
  *from = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->from_entry))));
  *to = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->to_entry))));
  return FALSE;
}

static void
show_totals (KfTotalsPage *self)
{
  g_autoptr(GPtrArray) items = sorted_items (self->totals);
  g_autofree char *from = kf_label_date (self->totals->from);
  g_autofree char *to = kf_label_date (self->totals->to);
  g_autofree char *period = NULL;

  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  gtk_column_view_column_set_title (self->name_column,
                                    _(groupings[gtk_drop_down_get_selected (self->by_dropdown)]
                                      .title));

  /* Translators: a period, from its first to its last day */
  period = g_strdup_printf (_("%s – %s"), from, to);
  gtk_label_set_text (self->period_label, period);
  if (items->len == 0)
    {
      g_autofree char *description = NULL;

      /* Translators: the period has no visit, session or booking */
      description = g_strdup_printf (_("Nothing was recorded from %s to %s."), from, to);
      adw_status_page_set_description (self->empty_page, description);
    }
  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "table" : "empty");
}

static void
reload (KfTotalsPage *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(GError) error = NULL;
  KfTotals *totals;

  read_period (self, &from, &to);
  clear_period_error (self);
  totals = kf_totals_check_period (from, to, &error)
           ? kf_totals_compute (self->store, from, to, selected_by (self), self->base_id, &error)
           : NULL;
  if (totals == NULL)
    {
      show_period_error (self, error);
      return;
    }
  g_clear_pointer (&self->totals, kf_totals_free);
  self->totals = totals;
  show_totals (self);
}

static void
period_selected_cb (KfTotalsPage *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean custom = !read_period (self, &from, &to);

  /* A custom period starts from the one shown. */
  if (custom && self->totals != NULL &&
      *gtk_editable_get_text (GTK_EDITABLE (self->from_entry)) == '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->from_entry), self->totals->from);
      gtk_editable_set_text (GTK_EDITABLE (self->to_entry), self->totals->to);
    }
  gtk_widget_set_visible (self->custom_box, custom);
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

static int
figure_index (const char *name)
{
  for (guint i = 0; kf_figure_names[i] != NULL; i++)
    if (g_str_equal (kf_figure_names[i], name))
      return (int) i;
  g_assert_not_reached ();
}

static void
set_up_table (KfTotalsPage *self)
{
  self->name_column = add_column (self, _(groupings[0].title), -1);
  gtk_column_view_column_set_expand (self->name_column, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (figure_columns); i++)
    add_column (self, _(figure_columns[i].title), figure_index (figure_columns[i].figure));

  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (gtk_no_selection_new (
    g_object_ref (G_LIST_MODEL (self->items)))));
}

static void
set_up_choices (KfTotalsPage *self,
                KfRole        role)
{
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) bys = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (period_titles); i++)
    gtk_string_list_append (periods, _(period_titles[i]));
  for (guint i = 0; i < G_N_ELEMENTS (groupings); i++)
    gtk_string_list_append (bys, _(groupings[i].title));
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (periods));
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

  g_signal_connect_swapped (self->period_dropdown, "notify::selected",
                            G_CALLBACK (period_selected_cb), self);
  g_signal_connect_swapped (self->by_dropdown, "notify::selected", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->from_entry, "changed", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->to_entry, "changed", G_CALLBACK (reload), self);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, 0);
}

static void
kf_totals_page_dispose (GObject *object)
{
  KfTotalsPage *self = KF_TOTALS_PAGE (object);

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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-totals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KfTotalsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KfTotalsPage, by_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KfTotalsPage, custom_box);
  gtk_widget_class_bind_template_child (widget_class, KfTotalsPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, KfTotalsPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, KfTotalsPage, period_error);
  gtk_widget_class_bind_template_child (widget_class, KfTotalsPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, KfTotalsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KfTotalsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, KfTotalsPage, empty_page);
}

static void
kf_totals_page_init (KfTotalsPage *self)
{
  self->items = g_list_store_new (KF_TYPE_TOTALS_ITEM);
  gtk_widget_init_template (GTK_WIDGET (self));
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

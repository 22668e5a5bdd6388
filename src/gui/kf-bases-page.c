/* kf-bases-page.c — the reviewer's bases: who they are, their figures for
 * a period, and when each last synced with the hub
 *
 * The figures are core's (kf_totals_compute() by base, the same as GET
 * /v1/totals and `kaifang-cli totals`), never counted again here. The bases
 * go by name, never by a figure: the county notice asks for no rankings.
 * When a base last synced is what the hub last told (kf-sync-status.c); a
 * base that has no figures may simply not have synced, and the page says
 * so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-bases-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kf-bases-page.h"
#include "kf-labels.h"
#include "kf-period-bar.h"

/* The relative times ("5 minutes ago") are brought up to date this often. */
#define TICK_SECONDS 60

struct _KfBasesPage
{
  AdwBin         parent_instance;

  KfStore       *store;
  KfTotals      *totals;
  guint          tick_id;

  KfPeriodBar   *period_bar;
  GtkStack      *stack;
  GtkListBox    *list_box;
};

G_DEFINE_FINAL_TYPE (KfBasesPage, kf_bases_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The figures of a base, in the order people read them: who came first. */
static const struct
{
  const char *figure;   /* a name of kf_figure_names */
  const char *title;
} figure_cells[] = {
  { "visitors", N_("Visitors") },
  { "youth", N_("Youth") },
  { "adults", N_("Adults") },
  { "groups", N_("Groups") },
  { "sessions", N_("Sessions") },
  { "bookings_confirmed", N_("Bookings Confirmed") },
  { "no_shows", N_("No-Shows") },
};

/* When a base last synced */

static char *
format_clock (GDateTime *local)
{
  return g_date_time_format (local, "%H:%M");
}

static char *
last_sync_long_ago (GDateTime *local,
                    GDateTime *now)
{
  g_autofree char *clock = format_clock (local);
  g_autofree char *date = NULL;
  g_autofree char *day = NULL;
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);

  day = g_date_time_format (local, "%Y-%m-%d");
  if (g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now) &&
      g_date_time_get_year (local) == g_date_time_get_year (now))
    /* Translators: %s is a time of day, 14:05 */
    return g_strdup_printf (_("Last synced today at %s"), clock);
  if (g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (yesterday) &&
      g_date_time_get_year (local) == g_date_time_get_year (yesterday))
    /* Translators: %s is a time of day, 14:05 */
    return g_strdup_printf (_("Last synced yesterday at %s"), clock);
  date = kf_label_date (day);
  /* Translators: a date, then a time of day */
  return g_strdup_printf (_("Last synced on %s at %s"), date, clock);
}

/**
 * kf_bases_last_sync_text:
 * @last_sync: (nullable): when a base last synced (RFC 3339), %NULL if
 *   never
 * @now: the time it is, in the local zone
 *
 * Returns: (transfer full): what the page says: relative within the hour,
 *   then the day and the time
 */
char *
kf_bases_last_sync_text (const char *last_sync,
                         GDateTime  *now)
{
  g_autoptr(GDateTime) instant = NULL;
  g_autoptr(GDateTime) local = NULL;
  GTimeSpan age;

  g_return_val_if_fail (now != NULL, NULL);

  if (last_sync == NULL)
    return g_strdup (_("Never synced"));
  instant = g_date_time_new_from_iso8601 (last_sync, NULL);
  if (instant == NULL)
    return g_strdup (_("Never synced"));

  local = g_date_time_to_timezone (instant, g_date_time_get_timezone (now));
  age = g_date_time_difference (now, instant) / G_TIME_SPAN_MINUTE;
  if (age >= -1 && age < 1)
    return g_strdup (_("Last synced just now"));
  if (age >= 1 && age < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last synced %d minute ago",
                                         "Last synced %d minutes ago", (gulong) age),
                            (int) age);
  return last_sync_long_ago (local, now);
}

/* A base's row */

static GtkWidget *
figure_cell (const char *figure,
             const char *title,
             gint64      value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autofree char *text = g_strdup_printf ("%lld", (long long) value);
  g_autofree char *name = g_strdup_printf ("bases-figure-%s", figure);
  GtkWidget *number = gtk_label_new (text);
  GtkWidget *caption = gtk_label_new (title);

  gtk_widget_set_name (number, name);
  gtk_widget_add_css_class (number, "title-3");
  gtk_widget_add_css_class (number, "numeric");
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), caption);
  return box;
}

static GtkWidget *
figures_box (const KfFigures *figures)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (figure_cells); i++)
    gtk_box_append (GTK_BOX (box),
                    figure_cell (figure_cells[i].figure, _(figure_cells[i].title),
                                 kf_figures_get (figures,
                                                 kf_figure_index (figure_cells[i].figure))));
  return box;
}

/* The address and the contact, those that are known. */
static char *
base_details (const KfBase *base)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *contact = NULL;

  if (base->address != NULL && *base->address != '\0')
    g_ptr_array_add (parts, g_strdup (base->address));
  contact = g_strstrip (g_strjoin (" ", base->contact_name != NULL ? base->contact_name : "",
                                   base->contact_phone != NULL ? base->contact_phone : "",
                                   NULL));
  if (*contact != '\0')
    g_ptr_array_add (parts, g_steal_pointer (&contact));
  g_ptr_array_add (parts, NULL);
  /* Translators: between a base's address and its contact */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

static GtkWidget *
name_label (const KfBase *base)
{
  GtkWidget *label = gtk_label_new (base->name);

  gtk_widget_set_name (label, "bases-name");
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  return label;
}

static GtkWidget *
sync_label (const char *last_sync,
            GDateTime  *now)
{
  g_autofree char *text = kf_bases_last_sync_text (last_sync, now);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_name (label, "bases-last-sync");
  gtk_widget_add_css_class (label, last_sync != NULL ? "dim-label" : "warning");
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  if (last_sync != NULL)
    gtk_widget_set_tooltip_text (label, last_sync);
  return label;
}

static GtkWidget *
details_label (const KfBase *base)
{
  g_autofree char *text = base_details (base);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_name (label, "bases-details");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_visible (label, *text != '\0');
  return label;
}

static GtkWidget *
base_row (const KfBase    *base,
          const KfFigures *figures,
          const char      *last_sync,
          GDateTime       *now)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_widget_set_name (row, "bases-row");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  gtk_box_append (GTK_BOX (header), name_label (base));
  gtk_box_append (GTK_BOX (header), sync_label (last_sync, now));
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), details_label (base));
  gtk_box_append (GTK_BOX (box), figures_box (figures));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  base->name, -1);
  return row;
}

/* The bases, by name */

typedef struct
{
  char   *sort_key;
  KfBase *base;
} SortBase;

static int
compare_bases (gconstpointer a,
               gconstpointer b)
{
  const SortBase *x = a;
  const SortBase *y = b;
  int by_name = strcmp (x->sort_key, y->sort_key);

  return by_name != 0 ? by_name : strcmp (x->base->r.id, y->base->r.id);
}

static void
sort_base_clear (gpointer data)
{
  g_free (((SortBase *) data)->sort_key);
}

/* Returns: (transfer container): @bases (KfBase) by name as people read it */
static GPtrArray *
sort_by_name (GPtrArray *bases)
{
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, TRUE, sizeof (SortBase), bases->len);
  GPtrArray *out = g_ptr_array_sized_new (bases->len);

  g_array_set_clear_func (sorted, sort_base_clear);
  for (guint i = 0; i < bases->len; i++)
    {
      KfBase *base = g_ptr_array_index (bases, i);
      SortBase item = { g_utf8_collate_key (base->name, -1), base };

      g_array_append_val (sorted, item);
    }
  g_array_sort (sorted, compare_bases);
  for (guint i = 0; i < sorted->len; i++)
    g_ptr_array_add (out, g_array_index (sorted, SortBase, i).base);
  return out;
}

static const KfFigures *
figures_of (const KfTotals *totals,
            const char     *base_id)
{
  static const KfFigures none = { 0 };

  for (guint i = 0; i < totals->rows->len; i++)
    {
      const KfTotalsRow *row = g_ptr_array_index (totals->rows, i);

      if (g_strcmp0 (row->key, base_id) == 0)
        return &row->figures;
    }
  return &none;
}

static void
clear_list (KfBasesPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
}

static gboolean
show_bases (KfBasesPage *self,
            GError     **error)
{
  g_autoptr(GPtrArray) bases = kf_store_list (self->store, KF_ENTITY_BASE, NULL, error);
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GHashTable) last_syncs = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (bases == NULL)
    return FALSE;
  last_syncs = kf_store_get_base_syncs (self->store, error);
  if (last_syncs == NULL)
    return FALSE;

  clear_list (self);
  sorted = sort_by_name (bases);
  for (guint i = 0; i < sorted->len; i++)
    {
      const KfBase *base = g_ptr_array_index (sorted, i);
      const char *id = base->r.id;

      gtk_list_box_append (self->list_box,
                           base_row (base, figures_of (self->totals, id),
                                     g_hash_table_lookup (last_syncs, id), now));
    }
  gtk_stack_set_visible_child_name (self->stack, sorted->len > 0 ? "list" : "empty");
  return TRUE;
}

/* The period */

static void
reload (KfBasesPage *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(GError) error = NULL;
  KfTotals *totals;

  if (!kf_period_bar_get_period (self->period_bar, &from, &to, NULL))
    return;
  totals = kf_totals_compute (self->store, from, to, KF_TOTALS_BY_BASE, NULL, &error);
  if (totals == NULL)
    {
      kf_period_bar_show_error (self->period_bar, error);
      return;
    }
  g_clear_pointer (&self->totals, kf_totals_free);
  self->totals = totals;
  kf_period_bar_set_shown (self->period_bar, totals->from, totals->to);
  if (!show_bases (self, &error))
    kf_period_bar_show_error (self->period_bar, error);
}

static void
period_changed_cb (KfBasesPage *self)
{
  reload (self);
}

static void
store_changed_cb (KfStore     *store,
                  KfBasesPage *self)
{
  reload (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  reload (KF_BASES_PAGE (user_data));
  return G_SOURCE_CONTINUE;
}

/* GObject */

static void
kf_bases_page_constructed (GObject *object)
{
  KfBasesPage *self = KF_BASES_PAGE (object);

  G_OBJECT_CLASS (kf_bases_page_parent_class)->constructed (object);

  reload (self);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, 0);
  self->tick_id = g_timeout_add_seconds (TICK_SECONDS, tick_cb, self);
}

static void
kf_bases_page_dispose (GObject *object)
{
  KfBasesPage *self = KF_BASES_PAGE (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), KF_TYPE_BASES_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kf_bases_page_parent_class)->dispose (object);
}

static void
kf_bases_page_finalize (GObject *object)
{
  KfBasesPage *self = KF_BASES_PAGE (object);

  g_clear_pointer (&self->totals, kf_totals_free);

  G_OBJECT_CLASS (kf_bases_page_parent_class)->finalize (object);
}

static void
kf_bases_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KfBasesPage *self = KF_BASES_PAGE (object);

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
kf_bases_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KfBasesPage *self = KF_BASES_PAGE (object);

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
kf_bases_page_class_init (KfBasesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kf_bases_page_constructed;
  object_class->dispose = kf_bases_page_dispose;
  object_class->finalize = kf_bases_page_finalize;
  object_class->get_property = kf_bases_page_get_property;
  object_class->set_property = kf_bases_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KF_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-bases-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KfBasesPage, period_bar);
  gtk_widget_class_bind_template_child (widget_class, KfBasesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KfBasesPage, list_box);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
}

static void
kf_bases_page_init (KfBasesPage *self)
{
  g_type_ensure (KF_TYPE_PERIOD_BAR);
  gtk_widget_init_template (GTK_WIDGET (self));
}

KfBasesPage *
kf_bases_page_new (KfStore *store)
{
  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  return g_object_new (KF_TYPE_BASES_PAGE, "store", store, NULL);
}

/**
 * kf_bases_page_get_totals:
 *
 * Returns: (transfer none) (nullable): the figures shown, by base, as core
 *   computed them
 */
const KfTotals *
kf_bases_page_get_totals (KfBasesPage *self)
{
  g_return_val_if_fail (KF_IS_BASES_PAGE (self), NULL);

  return self->totals;
}

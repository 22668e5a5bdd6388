/* kf-bar-chart.c — a horizontal bar chart of two stacked parts
 *
 * One bar a row, in the order given (the table's: by name or by date, never
 * by a figure), a label on the left and the sum of the parts after the bar.
 * Horizontal bars keep long names readable and grow downwards, so a
 * scrolled window takes any number of rows. The colours are the style's
 * (the text colour, and the named colours kf_chart_first_color and
 * kf_chart_second_color of style.css), so the chart reads in the light and
 * the dark style alike. For the screen reader the chart is an image whose
 * description says every figure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-bar-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-bar-chart.h"

#define N_PARTS 2
#define ROW_GAP 8           /* between two bars */
#define LEGEND_GAP 12       /* under the legend */
#define COLUMN_GAP 12       /* between the labels and the bars */
#define VALUE_GAP 6         /* between a bar and its figure */
#define LABEL_SHARE 0.4     /* of the width, at most, for the labels */

typedef struct
{
  char   *label;
  gint64  parts[N_PARTS];
} Bar;

struct _KfBarChart
{
  GtkWidget  parent_instance;

  GArray    *bars;            /* Bar */
  char      *legend[N_PARTS];
  char      *summary;
  int        label_width;     /* the widest label, -1 when not measured */
};

G_DEFINE_FINAL_TYPE (KfBarChart, kf_bar_chart, GTK_TYPE_WIDGET)

/* Where things go for a given width, in pixels. */
typedef struct
{
  int    line;                /* a line of text */
  int    legend;              /* the legend and the gap under it */
  int    pitch;               /* from one bar to the next */
  int    label_width;
  int    bar_x;
  double scale;               /* pixels a person */
} Geometry;

static void
bar_clear (gpointer data)
{
  g_free (((Bar *) data)->label);
}

static gint64
bar_total (const Bar *bar)
{
  return bar->parts[0] + bar->parts[1];
}

static int
text_width (KfBarChart *self,
            const char *text,
            int        *height)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width;

  pango_layout_get_pixel_size (layout, &width, height);
  return width;
}

static int
line_height (KfBarChart *self)
{
  int height;

  /* Latin and CJK glyphs alike */
  text_width (self, "Ag国", &height);
  return height;
}

static int
widest_label (KfBarChart *self)
{
  if (self->label_width < 0)
    {
      self->label_width = 0;
      for (guint i = 0; i < self->bars->len; i++)
        self->label_width = MAX (self->label_width,
                                 text_width (self, g_array_index (self->bars, Bar, i).label,
                                             NULL));
    }
  return self->label_width;
}

static void
compute_geometry (KfBarChart *self,
                  int         width,
                  Geometry   *geometry)
{
  gint64 most = 0;
  int value_width;
  int room;
  g_autofree char *most_text = NULL;

  for (guint i = 0; i < self->bars->len; i++)
    most = MAX (most, bar_total (&g_array_index (self->bars, Bar, i)));
  most_text = g_strdup_printf ("%" G_GINT64_FORMAT, most);
  value_width = text_width (self, most_text, NULL);

  geometry->line = line_height (self);
  geometry->legend = geometry->line + LEGEND_GAP;
  geometry->pitch = geometry->line + ROW_GAP;
  geometry->label_width = MIN (widest_label (self), (int) (width * LABEL_SHARE));
  geometry->bar_x = geometry->label_width + COLUMN_GAP;
  room = MAX (1, width - geometry->bar_x - VALUE_GAP - value_width);
  geometry->scale = most > 0 ? (double) room / (double) most : 0;
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback_name,
              GdkRGBA    *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, color) &&
      !gtk_style_context_lookup_color (context, fallback_name, color))
    gdk_rgba_parse (color, "#3584e4");
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           float          x,
           float          y,
           const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_legend (KfBarChart     *self,
             GtkSnapshot    *snapshot,
             const Geometry *geometry,
             const GdkRGBA  *text,
             const GdkRGBA   colors[N_PARTS])
{
  float x = 0;
  float swatch = geometry->line * 0.7f;

  for (guint p = 0; p < N_PARTS; p++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      int width;

      if (*self->legend[p] == '\0')
        continue;
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->legend[p]);
      gtk_snapshot_append_color (snapshot, &colors[p],
                                 &GRAPHENE_RECT_INIT (x, (geometry->line - swatch) / 2,
                                                      swatch, swatch));
      x += swatch + VALUE_GAP;
      draw_text (snapshot, layout, x, 0, text);
      pango_layout_get_pixel_size (layout, &width, NULL);
      x += width + 2 * COLUMN_GAP;
    }
}

static void
draw_bar (KfBarChart     *self,
          GtkSnapshot    *snapshot,
          const Geometry *geometry,
          guint           index,
          const GdkRGBA  *text,
          const GdkRGBA   colors[N_PARTS])
{
  const Bar *bar = &g_array_index (self->bars, Bar, index);
  float y = geometry->legend + index * geometry->pitch;
  float x = geometry->bar_x;
  g_autoptr(PangoLayout) label = gtk_widget_create_pango_layout (GTK_WIDGET (self), bar->label);
  g_autoptr(PangoLayout) value = NULL;
  g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT, bar_total (bar));

  pango_layout_set_width (label, geometry->label_width * PANGO_SCALE);
  pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  draw_text (snapshot, label, 0, y, text);

  for (guint p = 0; p < N_PARTS; p++)
    {
      float length = (float) (bar->parts[p] * geometry->scale);

      gtk_snapshot_append_color (snapshot, &colors[p],
                                 &GRAPHENE_RECT_INIT (x, y, length, geometry->line));
      x += length;
    }

  value = gtk_widget_create_pango_layout (GTK_WIDGET (self), total);
  draw_text (snapshot, value, x + VALUE_GAP, y, text);
}

static void
kf_bar_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  KfBarChart *self = KF_BAR_CHART (widget);
  Geometry geometry;
  GdkRGBA text;
  GdkRGBA axis;
  GdkRGBA colors[N_PARTS];

  if (self->bars->len == 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &text);
  axis = text;
  axis.alpha *= 0.3f;
  lookup_color (widget, "kf_chart_first_color", "accent_bg_color", &colors[0]);
  lookup_color (widget, "kf_chart_second_color", "warning_bg_color", &colors[1]);
  compute_geometry (self, gtk_widget_get_width (widget), &geometry);

  draw_legend (self, snapshot, &geometry, &text, colors);
  gtk_snapshot_append_color (snapshot, &axis,
                             &GRAPHENE_RECT_INIT (geometry.bar_x - 1, geometry.legend - ROW_GAP / 2,
                                                  1, self->bars->len * geometry.pitch));
  for (guint i = 0; i < self->bars->len; i++)
    draw_bar (self, snapshot, &geometry, i, &text, colors);
}

static void
kf_bar_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  KfBarChart *self = KF_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = MAX (*minimum, widest_label (self) + COLUMN_GAP + 480);
    }
  else
    {
      int line = line_height (self);

      *minimum = *natural = self->bars->len == 0 ? 0
                            : line + LEGEND_GAP + (int) self->bars->len * (line + ROW_GAP);
    }
}

static char *
bar_text (KfBarChart *self,
          const Bar  *bar)
{
  /* Translators: a bar of a chart: its label, its total, and its two parts
   * with their names, as in "Sat 24 May 2025: 120 (Youth 80, Adults 40)" */
  return g_strdup_printf (_("%s: %lld (%s %lld, %s %lld)"), bar->label,
                          (long long) bar_total (bar), self->legend[0], (long long) bar->parts[0],
                          self->legend[1], (long long) bar->parts[1]);
}

static gboolean
kf_bar_chart_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard,
                            GtkTooltip *tooltip)
{
  KfBarChart *self = KF_BAR_CHART (widget);
  Geometry geometry;
  g_autofree char *text = NULL;
  int index;

  compute_geometry (self, gtk_widget_get_width (widget), &geometry);
  if (y < geometry.legend)
    return FALSE;
  index = (y - geometry.legend) / geometry.pitch;
  if (index >= (int) self->bars->len)
    return FALSE;
  text = bar_text (self, &g_array_index (self->bars, Bar, index));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
update_summary (KfBarChart *self)
{
  GString *summary = g_string_new (NULL);

  for (guint i = 0; i < self->bars->len; i++)
    {
      g_autofree char *text = bar_text (self, &g_array_index (self->bars, Bar, i));

      if (i > 0)
        /* Translators: between the descriptions of two bars of a chart */
        g_string_append (summary, C_("list separator", "; "));
      g_string_append (summary, text);
    }
  g_free (self->summary);
  self->summary = g_string_free (summary, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->summary, -1);
}

static void
kf_bar_chart_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  KfBarChart *self = KF_BAR_CHART (widget);

  GTK_WIDGET_CLASS (kf_bar_chart_parent_class)->css_changed (widget, change);
  /* the font may have changed */
  self->label_width = -1;
  gtk_widget_queue_resize (widget);
}

static void
kf_bar_chart_finalize (GObject *object)
{
  KfBarChart *self = KF_BAR_CHART (object);

  g_array_unref (self->bars);
  for (guint p = 0; p < N_PARTS; p++)
    g_free (self->legend[p]);
  g_free (self->summary);

  G_OBJECT_CLASS (kf_bar_chart_parent_class)->finalize (object);
}

static void
kf_bar_chart_class_init (KfBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kf_bar_chart_finalize;
  widget_class->snapshot = kf_bar_chart_snapshot;
  widget_class->measure = kf_bar_chart_measure;
  widget_class->query_tooltip = kf_bar_chart_query_tooltip;
  widget_class->css_changed = kf_bar_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kf_bar_chart_init (KfBarChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
  self->label_width = -1;
  self->summary = g_strdup ("");
  for (guint p = 0; p < N_PARTS; p++)
    self->legend[p] = g_strdup ("");
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
kf_bar_chart_new (void)
{
  return g_object_new (KF_TYPE_BAR_CHART, NULL);
}

/**
 * kf_bar_chart_set_legend:
 * @first: what the first part of a bar counts
 * @second: what the second part counts
 */
void
kf_bar_chart_set_legend (KfBarChart *self,
                         const char *first,
                         const char *second)
{
  g_return_if_fail (KF_IS_BAR_CHART (self));
  g_return_if_fail (first != NULL && second != NULL);

  g_free (self->legend[0]);
  g_free (self->legend[1]);
  self->legend[0] = g_strdup (first);
  self->legend[1] = g_strdup (second);
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * kf_bar_chart_set_bars:
 * @bars: (array length=n_bars): the bars, top to bottom
 * @n_bars: how many
 *
 * Replaces the bars. Parts are counts, never negative.
 */
void
kf_bar_chart_set_bars (KfBarChart          *self,
                       const KfBarChartBar *bars,
                       guint                n_bars)
{
  g_return_if_fail (KF_IS_BAR_CHART (self));
  g_return_if_fail (bars != NULL || n_bars == 0);

  g_array_set_size (self->bars, 0);
  for (guint i = 0; i < n_bars; i++)
    {
      Bar bar = { g_strdup (bars[i].label != NULL ? bars[i].label : "") };

      for (guint p = 0; p < N_PARTS; p++)
        bar.parts[p] = MAX (bars[i].parts[p], 0);
      g_array_append_val (self->bars, bar);
    }
  self->label_width = -1;
  update_summary (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
kf_bar_chart_get_n_bars (KfBarChart *self)
{
  g_return_val_if_fail (KF_IS_BAR_CHART (self), 0);

  return self->bars->len;
}

const char *
kf_bar_chart_get_label (KfBarChart *self,
                        guint       index)
{
  g_return_val_if_fail (KF_IS_BAR_CHART (self), NULL);
  g_return_val_if_fail (index < self->bars->len, NULL);

  return g_array_index (self->bars, Bar, index).label;
}

/**
 * kf_bar_chart_get_value:
 * @index: a bar
 * @part: 0 or 1 for a part, 2 for the whole bar
 */
gint64
kf_bar_chart_get_value (KfBarChart *self,
                        guint       index,
                        guint       part)
{
  const Bar *bar;

  g_return_val_if_fail (KF_IS_BAR_CHART (self), 0);
  g_return_val_if_fail (index < self->bars->len && part <= N_PARTS, 0);

  bar = &g_array_index (self->bars, Bar, index);
  return part == N_PARTS ? bar_total (bar) : bar->parts[part];
}

/**
 * kf_bar_chart_get_bar_area:
 * @index: a bar
 * @area: (out): where its parts are drawn, in the chart's coordinates
 *
 * Returns: %FALSE when the chart has no size yet
 */
gboolean
kf_bar_chart_get_bar_area (KfBarChart      *self,
                           guint            index,
                           graphene_rect_t *area)
{
  Geometry geometry;
  int width;

  g_return_val_if_fail (KF_IS_BAR_CHART (self), FALSE);
  g_return_val_if_fail (index < self->bars->len && area != NULL, FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  if (width <= 0)
    return FALSE;
  compute_geometry (self, width, &geometry);
  graphene_rect_init (area, geometry.bar_x, geometry.legend + index * geometry.pitch,
                      (float) (bar_total (&g_array_index (self->bars, Bar, index))
                               * geometry.scale),
                      geometry.line);
  return TRUE;
}

/* What the screen reader says of the chart: every bar with its figures. */
const char *
kf_bar_chart_get_summary (KfBarChart *self)
{
  g_return_val_if_fail (KF_IS_BAR_CHART (self), NULL);

  return self->summary;
}

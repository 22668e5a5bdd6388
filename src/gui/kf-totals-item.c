/* kf-totals-item.c — one row of the Totals table: a group's key, the words
 * shown for it, and its figures; or the total of all rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-totals-item"

#include "config.h"

#include "kf-totals-item.h"

struct _KfTotalsItem
{
  GObject    parent_instance;

  char      *key;
  char      *label;
  KfFigures  figures;
  gboolean   is_total;
};

G_DEFINE_FINAL_TYPE (KfTotalsItem, kf_totals_item, G_TYPE_OBJECT)

static void
kf_totals_item_finalize (GObject *object)
{
  KfTotalsItem *self = KF_TOTALS_ITEM (object);

  g_free (self->key);
  g_free (self->label);

  G_OBJECT_CLASS (kf_totals_item_parent_class)->finalize (object);
}

static void
kf_totals_item_class_init (KfTotalsItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kf_totals_item_finalize;
}

static void
kf_totals_item_init (KfTotalsItem *self)
{
}

/**
 * kf_totals_item_new:
 * @key: (nullable): the row's key (base id, date, code), %NULL for the total
 * @label: what the table shows for it
 * @figures: its figures
 * @is_total: whether it is the total of all rows
 */
KfTotalsItem *
kf_totals_item_new (const char      *key,
                    const char      *label,
                    const KfFigures *figures,
                    gboolean         is_total)
{
  KfTotalsItem *self;

  g_return_val_if_fail (label != NULL && figures != NULL, NULL);

  self = g_object_new (KF_TYPE_TOTALS_ITEM, NULL);
  self->key = g_strdup (key);
  self->label = g_strdup (label);
  self->figures = *figures;
  self->is_total = is_total;
  return self;
}

const char *
kf_totals_item_get_key (KfTotalsItem *self)
{
  g_return_val_if_fail (KF_IS_TOTALS_ITEM (self), NULL);

  return self->key;
}

const char *
kf_totals_item_get_label (KfTotalsItem *self)
{
  g_return_val_if_fail (KF_IS_TOTALS_ITEM (self), NULL);

  return self->label;
}

const KfFigures *
kf_totals_item_get_figures (KfTotalsItem *self)
{
  g_return_val_if_fail (KF_IS_TOTALS_ITEM (self), NULL);

  return &self->figures;
}

gboolean
kf_totals_item_is_total (KfTotalsItem *self)
{
  g_return_val_if_fail (KF_IS_TOTALS_ITEM (self), FALSE);

  return self->is_total;
}

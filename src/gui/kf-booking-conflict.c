/* kf-booking-conflict.c — which version of a booking to keep
 *
 * A conflict keeps both copies of a booking: the one made here and the one
 * the hub has. The dialog puts the fields in which they differ side by side,
 * so that a person can choose knowing what each choice means.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-booking-conflict"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-booking-conflict.h"
#include "kf-labels.h"

static const struct
{
  const char *field;
  const char *label;
} field_labels[] = {
  { "session_id", N_("Session") },
  { "org_name", N_("Organisation") },
  { "org_type", N_("Kind of organisation") },
  { "grade", N_("Grade or class") },
  { "contact_name", N_("Contact name") },
  { "contact_phone", N_("Contact phone") },
  { "youth_count", N_("Youth") },
  { "adult_count", N_("Adults") },
  { "status", N_("Status") },
  { "note", N_("Note") },
};

static const char *
field_label (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_str_equal (field_labels[i].field, field))
      return _(field_labels[i].label);
  return field;
}

/* The raw value of a member, to compare; NULL when it is missing or null. */
static char *
member_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return NULL;
}

/* The value as a person reads it. */
static char *
display_value (KfStore    *store,
               const char *field,
               const char *value)
{
  if (value == NULL)
    return g_strdup ("—");
  if (g_str_equal (field, "status"))
    return g_strdup (kf_label_booking_status (value));
  if (g_str_equal (field, "org_type"))
    return g_strdup (kf_label_org_type (value));
  if (g_str_equal (field, "session_id"))
    {
      g_autoptr(KfRecord) session = kf_store_get (store, KF_ENTITY_SESSION, value, NULL);
      g_autofree char *date = NULL;

      if (session == NULL)
        return g_strdup (_("A session not known here"));
      date = kf_label_date (KF_SESSION (session)->date);
      return g_strdup_printf ("%s %s", date, KF_SESSION (session)->start);
    }
  return g_strdup (value);
}

static GtkWidget *
cell (const char *text,
      const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_selectable (GTK_LABEL (label), style == NULL);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

/* A table of the differing fields: field, this computer's value, the hub's. */
static GtkWidget *
differences (KfStore    *store,
             JsonObject *mine,
             JsonObject *theirs)
{
  const KfEntityInfo *info = kf_entity_info (KF_ENTITY_BOOKING);
  GtkWidget *grid = gtk_grid_new ();
  int row = 1;

  gtk_widget_set_name (grid, "conflict-differences");
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_attach (GTK_GRID (grid), cell (_("Field"), "heading"), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell (_("This computer"), "heading"), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell (_("Hub"), "heading"), 2, 0, 1, 1);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const char *name = info->fields[i].name;
      g_autofree char *a = member_text (mine, name);
      g_autofree char *b = member_text (theirs, name);
      g_autofree char *shown_a = NULL;
      g_autofree char *shown_b = NULL;

      if ((info->fields[i].flags & KF_FIELD_COMPUTED) || g_strcmp0 (a, b) == 0 ||
          g_str_equal (name, "base_id"))
        continue;
      shown_a = display_value (store, name, a);
      shown_b = display_value (store, name, b);
      gtk_grid_attach (GTK_GRID (grid), cell (field_label (name), "dim-label"), 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (shown_a, NULL), 1, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (shown_b, NULL), 2, row, 1, 1);
      row++;
    }
  if (row == 1)
    gtk_grid_attach (GTK_GRID (grid), cell (_("Both versions hold the same values."), NULL),
                     0, row, 3, 1);
  return grid;
}

/**
 * kf_booking_conflict_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: for the names of sessions
 * @conflict: a conflict as kf_sync_store_list_conflicts() gives it
 *
 * Returns: (transfer floating): an #AdwMessageDialog whose responses are
 *   "cancel", "mine" (keep this computer's version) and "theirs" (take the
 *   hub's)
 */
GtkWidget *
kf_booking_conflict_dialog_new (GtkWindow  *parent,
                                KfStore    *store,
                                JsonObject *conflict)
{
  JsonObject *mine = NULL;
  JsonObject *theirs = NULL;
  const char *org_name;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (conflict != NULL, NULL);

  if (JSON_NODE_HOLDS_OBJECT (json_object_get_member (conflict, "mine")))
    mine = json_object_get_object_member (conflict, "mine");
  if (JSON_NODE_HOLDS_OBJECT (json_object_get_member (conflict, "theirs")))
    theirs = json_object_get_object_member (conflict, "theirs");
  org_name = json_object_get_string_member_with_default (mine != NULL ? mine : theirs,
                                                         "org_name", "");

  body = g_strdup_printf (_("The booking of %s was changed on this computer and on the hub "
                            "at the same time. Choose the version to keep; the other one "
                            "is dropped."), org_name);
  dialog = adw_message_dialog_new (parent, _("Resolve Conflict"), body);
  gtk_widget_set_name (dialog, "booking-conflict-dialog");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog),
                                      differences (store, mine, theirs));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "theirs", _("Take the _Hub’s"),
                                    "mine", _("Keep _Mine"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

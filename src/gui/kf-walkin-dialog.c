/* kf-walkin-dialog.c — a group that came without a booking
 *
 * The group is counted (a `walk_in_group` visit), with today's session it
 * joins or none. A session that gets too full is warned about; the visit is
 * recorded all the same, for visits are facts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-walkin-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-form-field.h"
#include "kf-session-fill.h"
#include "kf-walkin-dialog.h"
#include "kf-window.h"

#define N_FIELDS 4

struct _KfWalkinDialog
{
  AdwWindow      parent_instance;

  GtkWidget     *name_row;
  GtkWidget     *name_error_row;
  GtkLabel      *name_error;
  GtkWidget     *youth_row;
  GtkSpinButton *youth_spin;
  GtkWidget     *youth_error_row;
  GtkLabel      *youth_error;
  GtkWidget     *adults_row;
  GtkSpinButton *adults_spin;
  GtkWidget     *adults_error_row;
  GtkLabel      *adults_error;
  AdwComboRow   *session_row;
  GtkWidget     *session_error_row;
  GtkLabel      *session_error;
  GtkLabel      *warning_label;
  GtkLabel      *error_label;

  KfStore       *store;
  GPtrArray     *sessions;   /* (element-type KfRecord): the chooser's, after "none" */
  GArray        *fills;      /* (element-type KfSessionFill) */
};

G_DEFINE_FINAL_TYPE (KfWalkinDialog, kf_walkin_dialog, ADW_TYPE_WINDOW)

static guint
get_fields (KfWalkinDialog *self,
            KfFormField     fields[N_FIELDS])
{
  fields[0] = (KfFormField) { "group_name", self->name_row, self->name_row,
                              self->name_error_row, self->name_error };
  fields[1] = (KfFormField) { "youth_count", self->youth_row, GTK_WIDGET (self->youth_spin),
                              self->youth_error_row, self->youth_error };
  fields[2] = (KfFormField) { "adult_count", self->adults_row, GTK_WIDGET (self->adults_spin),
                              self->adults_error_row, self->adults_error };
  fields[3] = (KfFormField) { "session_id", GTK_WIDGET (self->session_row),
                              GTK_WIDGET (self->session_row), self->session_error_row,
                              self->session_error };
  return N_FIELDS;
}

/* The chosen session's index in self->sessions, or -1 for none. */
static int
chosen_session (KfWalkinDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->session_row);

  return selected >= 1 && selected <= self->sessions->len ? (int) selected - 1 : -1;
}

static gint64
people_entered (KfWalkinDialog *self)
{
  return (gint64) gtk_spin_button_get_value (self->youth_spin) +
         (gint64) gtk_spin_button_get_value (self->adults_spin);
}

static void
form_changed_cb (KfWalkinDialog *self)
{
  int index = chosen_session (self);
  gint64 over = 0;
  g_autofree char *text = NULL;

  if (index >= 0)
    over = kf_session_fill_over (&g_array_index (self->fills, KfSessionFill, index),
                                 people_entered (self));

  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), over > 0);
  if (over > 0)
    {
      text = g_strdup_printf (_("The session will be over capacity by %lld. "
                                "The group can still be recorded."), (long long) over);
      gtk_label_set_text (self->warning_label, text);
    }
}

static KfRecord *
make_visit (KfWalkinDialog *self,
            const char     *base_id)
{
  KfVisit *visit = KF_VISIT (kf_record_new (KF_ENTITY_VISIT));
  int index = chosen_session (self);
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));

  visit->r.id = kf_new_id ();
  visit->base_id = g_strdup (base_id);
  visit->session_id = index >= 0 ? g_strdup (((KfRecord *) self->sessions->pdata[index])->id)
                                 : NULL;
  visit->kind = g_strdup ("walk_in_group");
  visit->group_name = g_strdup (g_strstrip (name));
  visit->arrived_at = kf_instant_now ();
  visit->youth_count = (gint64) gtk_spin_button_get_value (self->youth_spin);
  visit->adult_count = (gint64) gtk_spin_button_get_value (self->adults_spin);
  visit->note = g_strdup ("");
  return (KfRecord *) visit;
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KfWalkinDialog *self = KF_WALKIN_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfIdentity) identity = NULL;
  g_autoptr(KfRecord) visit = NULL;
  g_autofree char *message = NULL;
  KfFormField fields[N_FIELDS];
  guint n_fields = get_fields (self, fields);

  /* Take what was typed even if the field was not left. */
  gtk_spin_button_update (self->youth_spin);
  gtk_spin_button_update (self->adults_spin);
  kf_form_clear_errors (fields, n_fields, self->error_label);

  identity = kf_store_get_identity (self->store, &error);
  if (identity != NULL)
    {
      visit = make_visit (self, identity->base_id);
      if (!kf_store_put (self->store, visit, &error))
        g_clear_pointer (&visit, kf_record_free);
    }
  if (visit == NULL)
    {
      kf_form_show_error (fields, n_fields, self->error_label, error);
      return;
    }

  message = g_strdup_printf (_("Walk-in group %s recorded"), KF_VISIT (visit)->group_name);
  kf_toast (widget, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
set_up (KfWalkinDialog *self,
        GPtrArray      *sessions,
        const char     *session_id)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (labels, _("None"));
  for (guint i = 0; i < sessions->len; i++)
    {
      const KfSession *session = sessions->pdata[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *label = kf_session_label (session);
      KfSessionFill fill = { 0 };

      if (!kf_session_fill_load (self->store, session, &fill, &error))
        g_warning ("Cannot read how full a session is: %s", error->message);
      g_ptr_array_add (self->sessions, kf_record_copy ((const KfRecord *) session));
      g_array_append_val (self->fills, fill);
      gtk_string_list_append (labels, label);
      if (g_strcmp0 (session->r.id, session_id) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->session_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->session_row, selected);
  form_changed_cb (self);
}

static void
kf_walkin_dialog_dispose (GObject *object)
{
  KfWalkinDialog *self = KF_WALKIN_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KF_TYPE_WALKIN_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->fills, g_array_unref);

  G_OBJECT_CLASS (kf_walkin_dialog_parent_class)->dispose (object);
}

static void
kf_walkin_dialog_class_init (KfWalkinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kf_walkin_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-walkin-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KfWalkinDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, KfWalkinDialog, name_error_row);
  gtk_widget_class_bind_template_child (widget_class, KfWalkinDialog, name_error);
  gtk_widget_class_bind_template_child (widget_class, KfWalkinDialog, youth_row);
  gtk_widget_class_bind_template_child (widget_class, KfWalkinDialog, youth_spin);
  gtk_widget_class_bind_template_child (widget_class, KfWalkinDialog, youth_error_row);
  gtk_widget_class_bind_template_child (widget_class, KfWalkinDialog, youth_error);
  gtk_widget_class_bind_template_child (widget_class, KfWalkinDialog, adults_row);
  gtk_widget_class_bind_template_child (widget_class, KfWalkinDialog, adults_spin);
  gtk_widget_class_bind_template_child (widget_class, KfWalkinDialog, adults_error_row);
  gtk_widget_class_bind_template_child (widget_class, KfWalkinDialog, adults_error);
  gtk_widget_class_bind_template_child (widget_class, KfWalkinDialog, session_row);
  gtk_widget_class_bind_template_child (widget_class, KfWalkinDialog, session_error_row);
  gtk_widget_class_bind_template_child (widget_class, KfWalkinDialog, session_error);
  gtk_widget_class_bind_template_child (widget_class, KfWalkinDialog, warning_label);
  gtk_widget_class_bind_template_child (widget_class, KfWalkinDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);

  gtk_widget_class_install_action (widget_class, "walkin.record", NULL, record_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kf_walkin_dialog_init (KfWalkinDialog *self)
{
  self->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) kf_record_free);
  self->fills = g_array_new (FALSE, TRUE, sizeof (KfSessionFill));
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kf_walkin_dialog_new:
 * @store: where the visit is recorded
 * @sessions: (element-type KfRecord): today's sessions, to choose from
 * @session_id: (nullable): the one chosen at first
 *
 * Returns: (transfer none): a dialog asking for the group's name and counts
 */
GtkWidget *
kf_walkin_dialog_new (KfStore    *store,
                      GPtrArray  *sessions,
                      const char *session_id)
{
  KfWalkinDialog *self;

  g_return_val_if_fail (KF_IS_STORE (store), NULL);
  g_return_val_if_fail (sessions != NULL, NULL);

  self = g_object_new (KF_TYPE_WALKIN_DIALOG, NULL);
  self->store = g_object_ref (store);
  set_up (self, sessions, session_id);
  return GTK_WIDGET (self);
}

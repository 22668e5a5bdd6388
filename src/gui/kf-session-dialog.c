/* kf-session-dialog.c — a new session of the base
 *
 * Every field is checked by core as it is typed into the session; each
 * mistake is shown under its own row, and nothing is written until all are
 * right. The rules (this base may write this session) are core's too, checked
 * by kf_store_put().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-session-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-date-picker.h"
#include "kf-error.h"
#include "kf-row-errors.h"
#include "kf-labels.h"
#include "kf-session-dialog.h"
#include "kf-window.h"

struct _KfSessionDialog
{
  AdwWindow     parent_instance;

  KfStore      *store;

  AdwEntryRow  *date_row;
  AdwEntryRow  *start_row;
  AdwEntryRow  *end_row;
  AdwEntryRow  *title_row;
  AdwComboRow  *topic_row;
  AdwComboRow  *format_row;
  AdwEntryRow  *capacity_row;
  AdwEntryRow  *note_row;
  AdwActionRow *date_error;
  AdwActionRow *start_error;
  AdwActionRow *end_error;
  AdwActionRow *title_error;
  AdwActionRow *topic_error;
  AdwActionRow *format_error;
  AdwActionRow *capacity_error;
  AdwActionRow *note_error;
  AdwActionRow *general_error;
};

G_DEFINE_FINAL_TYPE (KfSessionDialog, kf_session_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define FIELD(name) \
  { #name, G_STRUCT_OFFSET (KfSessionDialog, name##_row), \
    G_STRUCT_OFFSET (KfSessionDialog, name##_error) }

/* The rows of the form, by the name of the session field each one holds. */
static const KfRowField form_fields[] = {
  FIELD (date), FIELD (start), FIELD (end), FIELD (title), FIELD (topic), FIELD (format),
  FIELD (capacity), FIELD (note),
};

#undef FIELD

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static KfRecord *
read_form (KfSessionDialog *self,
           GError         **capacity_error)
{
  g_autoptr(KfIdentity) identity = kf_store_get_identity (self->store, NULL);
  KfSession *session = KF_SESSION (kf_record_new (KF_ENTITY_SESSION));

  session->r.id = kf_new_id ();
  session->base_id = g_strdup (identity != NULL ? identity->base_id : NULL);
  session->date = g_strstrip (g_strdup (entry_text (self->date_row)));
  session->start = g_strstrip (g_strdup (entry_text (self->start_row)));
  session->end = g_strstrip (g_strdup (entry_text (self->end_row)));
  session->title = g_strstrip (g_strdup (entry_text (self->title_row)));
  session->topic = g_strdup (kf_topic_codes[adw_combo_row_get_selected (self->topic_row)]);
  session->format = g_strdup (kf_format_codes[adw_combo_row_get_selected (self->format_row)]);
  session->status = g_strdup ("scheduled");
  session->note = g_strstrip (g_strdup (entry_text (self->note_row)));
  kf_row_errors_parse_count (entry_text (self->capacity_row), "capacity", &session->capacity,
                       capacity_error);
  return (KfRecord *) session;
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KfSessionDialog *self = KF_SESSION_DIALOG (widget);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(KfRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  kf_row_errors_clear_all (self, form_fields, G_N_ELEMENTS (form_fields), self->general_error);

  record = read_form (self, &error);
  if (error != NULL)
    g_ptr_array_add (errors, g_steal_pointer (&error));
  kf_row_errors_check_fields (record, form_fields, G_N_ELEMENTS (form_fields), errors);

  if (errors->len == 0 && !kf_store_put (self->store, record, &error))
    g_ptr_array_add (errors, g_steal_pointer (&error));

  if (errors->len > 0)
    {
      kf_row_errors_show_all (self, form_fields, G_N_ELEMENTS (form_fields), self->general_error,
                           errors);
      return;
    }

  message = g_strdup_printf (_("Session “%s” created"), KF_SESSION (record)->title);
  kf_toast (GTK_WIDGET (self), message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static GListModel *
code_labels (const char * const *codes,
             const char *      (*label) (const char *code))
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (list, label (codes[i]));
  return G_LIST_MODEL (list);
}

static guint
code_index (const char * const *codes,
            const char         *code)
{
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_str_equal (codes[i], code))
      return i;
  return 0;
}

static void
set_defaults (KfSessionDialog *self)
{
  g_autofree char *tomorrow = kf_date_today_offset (1);
  g_autoptr(GListModel) topics = code_labels (kf_topic_codes, kf_label_topic);
  g_autoptr(GListModel) formats = code_labels (kf_format_codes, kf_label_format);

  adw_combo_row_set_model (self->topic_row, topics);
  adw_combo_row_set_model (self->format_row, formats);
  /* as `kaifang-cli session add` does */
  adw_combo_row_set_selected (self->topic_row, code_index (kf_topic_codes, "other"));
  adw_combo_row_set_selected (self->format_row, code_index (kf_format_codes, "study_tour"));

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), tomorrow);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), "09:00");
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), "10:30");
}

static void
kf_session_dialog_dispose (GObject *object)
{
  KfSessionDialog *self = KF_SESSION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KF_TYPE_SESSION_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kf_session_dialog_parent_class)->dispose (object);
}

static void
kf_session_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KfSessionDialog *self = KF_SESSION_DIALOG (object);

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
kf_session_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KfSessionDialog *self = KF_SESSION_DIALOG (object);

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
kf_session_dialog_class_init (KfSessionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kf_session_dialog_dispose;
  object_class->get_property = kf_session_dialog_get_property;
  object_class->set_property = kf_session_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KF_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-session-dialog.ui");
  for (guint i = 0; i < G_N_ELEMENTS (form_fields); i++)
    {
      g_autofree char *row = g_strdup_printf ("%s_row", form_fields[i].field);
      g_autofree char *error = g_strdup_printf ("%s_error", form_fields[i].field);

      gtk_widget_class_bind_template_child_full (widget_class, row, FALSE,
                                                 form_fields[i].row_offset);
      gtk_widget_class_bind_template_child_full (widget_class, error, FALSE,
                                                 form_fields[i].error_offset);
    }
  gtk_widget_class_bind_template_child (widget_class, KfSessionDialog, general_error);

  gtk_widget_class_install_action (widget_class, "session.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kf_session_dialog_init (KfSessionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kf_date_picker_add_to_row (self->date_row);
  set_defaults (self);
}

/**
 * kf_session_dialog_new:
 * @store: where the session is written
 *
 * Returns: (transfer full): the dialog; present it with a transient parent
 */
KfSessionDialog *
kf_session_dialog_new (KfStore *store)
{
  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  return g_object_new (KF_TYPE_SESSION_DIALOG, "store", store, NULL);
}

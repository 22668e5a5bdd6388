/* kf-week-dialog.c — the sessions of a whole activity week at once
 *
 * A base plans the week as a pattern: the days, the daily time slots, and
 * what every session has. The dialog first shows every session the pattern
 * makes, and writes nothing until the user has seen them; then all are
 * written in one transaction (kf_store_put_many()): all or none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-week-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-date-picker.h"
#include "kf-error.h"
#include "kf-row-errors.h"
#include "kf-labels.h"
#include "kf-record-object.h"
#include "kf-week-dialog.h"
#include "kf-week-plan.h"
#include "kf-window.h"

typedef struct
{
  AdwActionRow *row;
  GtkWidget    *start;
  GtkWidget    *end;
  GtkWidget    *remove_button;
  AdwActionRow *error;
} Slot;

struct _KfWeekDialog
{
  AdwWindow             parent_instance;

  KfStore              *store;
  GPtrArray            *slots;     /* Slot */
  GPtrArray            *sessions;  /* KfRecord: those previewed, to be written */
  GListStore           *preview;   /* KfRecordObject */

  GtkStack             *stack;
  GtkWidget            *cancel_button;
  GtkWidget            *back_button;
  GtkWidget            *preview_button;
  GtkWidget            *create_button;
  AdwPreferencesGroup  *slots_group;
  AdwEntryRow          *first_day_row;
  AdwEntryRow          *last_day_row;
  AdwEntryRow          *title_row;
  AdwComboRow          *topic_row;
  AdwComboRow          *format_row;
  AdwEntryRow          *capacity_row;
  AdwEntryRow          *note_row;
  AdwActionRow         *first_day_error;
  AdwActionRow         *last_day_error;
  AdwActionRow         *count_error;
  AdwActionRow         *slots_error;
  AdwActionRow         *title_error;
  AdwActionRow         *topic_error;
  AdwActionRow         *format_error;
  AdwActionRow         *capacity_error;
  AdwActionRow         *note_error;
  GtkListView          *preview_list;
  GtkLabel             *preview_title;
  GtkLabel             *preview_subtitle;
  GtkLabel             *preview_error;
};

G_DEFINE_FINAL_TYPE (KfWeekDialog, kf_week_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define OFFSET(member) G_STRUCT_OFFSET (KfWeekDialog, member)
#define FIELD(name) { #name, OFFSET (name##_row), OFFSET (name##_error) }

/* The rows of the form, by the field names of kf_week_plan_build(). Too many
 * sessions is a matter of the days (or of the slots) chosen. */
static const KfRowField form_fields[] = {
  FIELD (first_day), FIELD (last_day),
  { "count", OFFSET (last_day_row), OFFSET (count_error) },
  { "slots", OFFSET (slots_group), OFFSET (slots_error) },
  FIELD (title), FIELD (topic), FIELD (format), FIELD (capacity), FIELD (note),
};

#undef FIELD

/* Time slots */

static GtkWidget *
time_entry (const char *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 5);
  gtk_entry_set_max_length (GTK_ENTRY (entry), 5);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "09:00");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (entry, "numeric");
  return entry;
}

/* Slots are numbered as they are listed; names and targets follow. */
static void
renumber_slots (KfWeekDialog *self)
{
  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);
      g_autofree char *title = g_strdup_printf (_("Slot %u"), i + 1);
      g_autofree char *start_name = g_strdup_printf ("week-slot-start-%u", i);
      g_autofree char *end_name = g_strdup_printf ("week-slot-end-%u", i);
      g_autofree char *error_name = g_strdup_printf ("week-error-slot-%u", i);
      g_autofree char *start_label = g_strdup_printf (_("Start of slot %u"), i + 1);
      g_autofree char *end_label = g_strdup_printf (_("End of slot %u"), i + 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (slot->row), title);
      gtk_widget_set_name (slot->start, start_name);
      gtk_widget_set_name (slot->end, end_name);
      gtk_widget_set_name (GTK_WIDGET (slot->error), error_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (slot->start),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, start_label, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (slot->end),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, end_label, -1);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (slot->remove_button), "u", i);
    }
}

static AdwActionRow *
error_row (void)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (row, 0);
  adw_action_row_set_icon_name (row, "dialog-warning-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (row), "row-error");
  gtk_widget_set_visible (GTK_WIDGET (row), FALSE);
  return row;
}

static void
add_slot (KfWeekDialog *self,
          const char   *start,
          const char   *end)
{
  Slot *slot = g_new0 (Slot, 1);
  GtkWidget *dash = gtk_label_new ("–");

  slot->row = ADW_ACTION_ROW (adw_action_row_new ());
  slot->start = time_entry (start);
  slot->end = time_entry (end);
  slot->remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  slot->error = error_row ();

  gtk_widget_set_valign (slot->remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (slot->remove_button, "flat");
  gtk_widget_set_tooltip_text (slot->remove_button, _("Remove Slot"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (slot->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Slot"), -1);

  adw_action_row_add_suffix (slot->row, slot->start);
  adw_action_row_add_suffix (slot->row, dash);
  adw_action_row_add_suffix (slot->row, slot->end);
  adw_action_row_add_suffix (slot->row, slot->remove_button);
  adw_preferences_group_add (self->slots_group, GTK_WIDGET (slot->row));
  adw_preferences_group_add (self->slots_group, GTK_WIDGET (slot->error));

  g_ptr_array_add (self->slots, slot);
  renumber_slots (self);
  /* once it has its target: the action takes the slot's number */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (slot->remove_button), "week.remove-slot");
}

static void
add_slot_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KfWeekDialog *self = KF_WEEK_DIALOG (widget);
  Slot *last;

  if (self->slots->len == 0)
    {
      add_slot (self, "09:00", "10:30");
      return;
    }
  /* The next slot is typed over the last one's times, most often changed. */
  last = g_ptr_array_index (self->slots, self->slots->len - 1);
  add_slot (self, gtk_editable_get_text (GTK_EDITABLE (last->start)),
            gtk_editable_get_text (GTK_EDITABLE (last->end)));
  last = g_ptr_array_index (self->slots, self->slots->len - 1);
  gtk_widget_grab_focus (last->start);
}

static void
remove_slot_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KfWeekDialog *self = KF_WEEK_DIALOG (widget);
  guint index = g_variant_get_uint32 (parameter);
  Slot *slot;

  if (index >= self->slots->len)
    return;
  slot = g_ptr_array_index (self->slots, index);
  adw_preferences_group_remove (self->slots_group, GTK_WIDGET (slot->row));
  adw_preferences_group_remove (self->slots_group, GTK_WIDGET (slot->error));
  g_ptr_array_remove_index (self->slots, index);
  renumber_slots (self);
}

/* The pattern and the plan */

static KfSession *
read_session (KfWeekDialog *self,
              GError      **capacity_error)
{
  g_autoptr(KfIdentity) identity = kf_store_get_identity (self->store, NULL);
  KfSession *session = KF_SESSION (kf_record_new (KF_ENTITY_SESSION));

  session->base_id = g_strdup (identity != NULL ? identity->base_id : NULL);
  session->title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  session->topic = g_strdup (kf_topic_codes[adw_combo_row_get_selected (self->topic_row)]);
  session->format = g_strdup (kf_format_codes[adw_combo_row_get_selected (self->format_row)]);
  session->status = g_strdup ("scheduled");
  session->note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));
  kf_row_errors_parse_count (gtk_editable_get_text (GTK_EDITABLE (self->capacity_row)), "capacity",
                       &session->capacity, capacity_error);
  return session;
}

static void
clear_errors (KfWeekDialog *self)
{
  kf_row_errors_clear_all (self, form_fields, G_N_ELEMENTS (form_fields), NULL);
  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);

      kf_row_errors_clear (GTK_WIDGET (slot->row), slot->error);
    }
}

/* Mistakes of a slot go under it; the others under their rows. */
static void
show_errors (KfWeekDialog *self,
             GPtrArray    *errors)
{
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  GtkWidget *first_slot = NULL;

  for (guint i = 0; i < errors->len; i++)
    {
      GError *error = g_ptr_array_index (errors, i);
      const char *field = kf_error_get_field (error);
      guint64 index;

      if (field != NULL && g_str_has_prefix (field, "slot-") && self->slots->len > 0 &&
          g_ascii_string_to_unsigned (field + 5, 10, 0, self->slots->len - 1, &index, NULL))
        {
          Slot *slot = g_ptr_array_index (self->slots, index);

          kf_row_errors_show (GTK_WIDGET (slot->row), slot->error, error->message);
          if (first_slot == NULL)
            first_slot = slot->start;
        }
      else
        g_ptr_array_add (others, error);
    }
  kf_row_errors_show_all (self, form_fields, G_N_ELEMENTS (form_fields), self->count_error, others);
  if (others->len == 0 && first_slot != NULL)
    gtk_widget_grab_focus (first_slot);
}

static GPtrArray *
build_plan (KfWeekDialog *self,
            GPtrArray   **errors)
{
  g_autoptr(GError) capacity_error = NULL;
  g_autoptr(KfRecord) session = (KfRecord *) read_session (self, &capacity_error);
  g_autoptr(GArray) slots = g_array_new (FALSE, TRUE, sizeof (KfTimeSlot));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;
  KfWeekPattern pattern = { NULL };
  GPtrArray *sessions;

  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);
      KfTimeSlot time_slot;

      time_slot.start = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (slot->start))));
      time_slot.end = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (slot->end))));
      g_ptr_array_add (texts, (char *) time_slot.start);
      g_ptr_array_add (texts, (char *) time_slot.end);
      g_array_append_val (slots, time_slot);
    }

  first_day = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->first_day_row))));
  last_day = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->last_day_row))));
  pattern.first_day = first_day;
  pattern.last_day = last_day;
  pattern.slots = (const KfTimeSlot *) slots->data;
  pattern.n_slots = slots->len;
  pattern.session = KF_SESSION (session);

  sessions = kf_week_plan_build (&pattern, errors);
  if (capacity_error != NULL)
    {
      if (*errors == NULL)
        *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
      /* before the plan's own words about the number it could not read */
      g_ptr_array_insert (*errors, 0, g_steal_pointer (&capacity_error));
      g_clear_pointer (&sessions, g_ptr_array_unref);
    }
  return sessions;
}

/* Pages */

static void
update_actions (KfWeekDialog *self)
{
  gboolean previewing = g_str_equal (gtk_stack_get_visible_child_name (self->stack), "preview");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "week.preview", !previewing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "week.add-slot", !previewing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "week.remove-slot", !previewing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "week.back", previewing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "week.create",
                                 previewing && self->sessions != NULL &&
                                 self->sessions->len > 0);

  gtk_widget_set_visible (self->cancel_button, !previewing);
  gtk_widget_set_visible (self->back_button, previewing);
  gtk_widget_set_visible (self->preview_button, !previewing);
  gtk_widget_set_visible (self->create_button, previewing);
  gtk_window_set_default_widget (GTK_WINDOW (self), previewing ? self->create_button
                                                               : self->preview_button);
}

static void
show_page (KfWeekDialog *self,
           const char   *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  update_actions (self);
}

static void
fill_preview (KfWeekDialog *self)
{
  guint n = self->sessions->len;
  guint n_slots = self->slots->len;
  guint n_days = n_slots > 0 ? n / n_slots : 0;
  const KfSession *first = g_ptr_array_index (self->sessions, 0);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *days = NULL;
  g_autofree char *slots = NULL;
  g_autofree char *create = NULL;

  g_list_store_remove_all (self->preview);
  for (guint i = 0; i < n; i++)
    {
      KfRecord *copy = kf_record_copy (g_ptr_array_index (self->sessions, i));
      g_autoptr(KfRecordObject) object = kf_record_object_new (copy);

      g_list_store_append (self->preview, object);
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s”: %u session",
                                        "“%s”: %u sessions", n), first->title, n);
  days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", n_days), n_days);
  slots = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u time slot", "%u time slots",
                                        n_slots), n_slots);
  /* Translators: "5 days × 2 time slots. Nothing is written until you press Create." */
  subtitle = g_strdup_printf (_("%s × %s. Nothing is written until you create them."),
                              days, slots);
  create = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "C_reate %u Session",
                                         "C_reate %u Sessions", n), n);
  gtk_label_set_text (self->preview_title, title);
  gtk_label_set_text (self->preview_subtitle, subtitle);
  gtk_button_set_label (GTK_BUTTON (self->create_button), create);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_error), FALSE);
}

static void
preview_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KfWeekDialog *self = KF_WEEK_DIALOG (widget);
  g_autoptr(GPtrArray) errors = NULL;

  clear_errors (self);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  self->sessions = build_plan (self, &errors);
  if (self->sessions == NULL)
    {
      show_errors (self, errors);
      return;
    }
  fill_preview (self);
  show_page (self, "preview");
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_page (KF_WEEK_DIALOG (widget), "form");
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KfWeekDialog *self = KF_WEEK_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n;

  g_return_if_fail (self->sessions != NULL);

  n = self->sessions->len;
  if (!kf_store_put_many (self->store, (KfRecord **) self->sessions->pdata, n, &error))
    {
      g_autofree char *reason = kf_error_describe (error);
      g_autofree char *text = g_strdup_printf (_("No session was created: %s"), reason);

      gtk_label_set_text (self->preview_error, text);
      gtk_widget_set_visible (GTK_WIDGET (self->preview_error), TRUE);
      return;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session created",
                                          "%u sessions created", n), n);
  kf_toast (GTK_WIDGET (self), message);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The preview list */

static void
setup_preview_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  KfWeekDialog             *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *date = gtk_label_new (NULL);
  GtkWidget *time = gtk_label_new (NULL);

  gtk_widget_set_name (date, "week-preview-date");
  gtk_widget_set_name (time, "week-preview-time");
  gtk_label_set_xalign (GTK_LABEL (date), 0);
  gtk_widget_set_hexpand (date, TRUE);
  gtk_widget_add_css_class (time, "numeric");
  gtk_box_append (GTK_BOX (box), date);
  gtk_box_append (GTK_BOX (box), time);
  gtk_widget_add_css_class (box, "week-preview-row");
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_preview_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 KfWeekDialog             *self)
{
  const KfSession *session =
    KF_SESSION (kf_record_object_get_record (gtk_list_item_get_item (item)));
  GtkWidget *box = gtk_list_item_get_child (item);
  g_autofree char *date = kf_label_date (session->date);
  g_autofree char *time = kf_label_time_range (session->start, session->end);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), date);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), time);
}

/* Set-up */

static GListModel *
code_labels (const char * const *codes,
             const char *      (*label) (const char *code))
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (list, label (codes[i]));
  return G_LIST_MODEL (list);
}

static void
set_defaults (KfWeekDialog *self)
{
  g_autofree char *first = kf_date_today_offset (1);
  g_autofree char *last = kf_date_today_offset (7);
  g_autoptr(GListModel) topics = code_labels (kf_topic_codes, kf_label_topic);
  g_autoptr(GListModel) formats = code_labels (kf_format_codes, kf_label_format);

  adw_combo_row_set_model (self->topic_row, topics);
  adw_combo_row_set_model (self->format_row, formats);
  adw_combo_row_set_selected (self->topic_row, g_strv_length ((char **) kf_topic_codes) - 1);
  adw_combo_row_set_selected (self->format_row, 1);  /* study_tour */
  gtk_editable_set_text (GTK_EDITABLE (self->first_day_row), first);
  gtk_editable_set_text (GTK_EDITABLE (self->last_day_row), last);
  add_slot (self, "09:00", "10:30");
}

static void
kf_week_dialog_dispose (GObject *object)
{
  KfWeekDialog *self = KF_WEEK_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KF_TYPE_WEEK_DIALOG);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_object (&self->preview);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kf_week_dialog_parent_class)->dispose (object);
}

static void
kf_week_dialog_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KfWeekDialog *self = KF_WEEK_DIALOG (object);

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
kf_week_dialog_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KfWeekDialog *self = KF_WEEK_DIALOG (object);

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
bind_children (GtkWidgetClass *widget_class)
{
  static const struct
  {
    const char *name;
    gsize       offset;
  } children[] = {
#define CHILD(name) { #name, OFFSET (name) }
    CHILD (stack), CHILD (cancel_button), CHILD (back_button), CHILD (preview_button),
    CHILD (create_button), CHILD (slots_group), CHILD (first_day_row), CHILD (last_day_row),
    CHILD (title_row), CHILD (topic_row), CHILD (format_row), CHILD (capacity_row),
    CHILD (note_row), CHILD (first_day_error), CHILD (last_day_error), CHILD (count_error),
    CHILD (slots_error), CHILD (title_error), CHILD (topic_error), CHILD (format_error),
    CHILD (capacity_error), CHILD (note_error), CHILD (preview_list), CHILD (preview_title),
    CHILD (preview_subtitle), CHILD (preview_error),
#undef CHILD
  };

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    gtk_widget_class_bind_template_child_full (widget_class, children[i].name, FALSE,
                                               children[i].offset);
}

static void
kf_week_dialog_class_init (KfWeekDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kf_week_dialog_dispose;
  object_class->get_property = kf_week_dialog_get_property;
  object_class->set_property = kf_week_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KF_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-week-dialog.ui");
  bind_children (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, setup_preview_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_preview_cb);

  gtk_widget_class_install_action (widget_class, "week.add-slot", NULL, add_slot_action);
  gtk_widget_class_install_action (widget_class, "week.remove-slot", "u", remove_slot_action);
  gtk_widget_class_install_action (widget_class, "week.preview", NULL, preview_action);
  gtk_widget_class_install_action (widget_class, "week.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "week.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kf_week_dialog_init (KfWeekDialog *self)
{
  self->slots = g_ptr_array_new_with_free_func (g_free);
  self->preview = g_list_store_new (KF_TYPE_RECORD_OBJECT);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_view_set_model (self->preview_list, GTK_SELECTION_MODEL (gtk_no_selection_new (
    g_object_ref (G_LIST_MODEL (self->preview)))));
  kf_date_picker_add_to_row (self->first_day_row);
  kf_date_picker_add_to_row (self->last_day_row);
  set_defaults (self);
  show_page (self, "form");
}

/**
 * kf_week_dialog_new:
 * @store: where the sessions are written
 *
 * Returns: (transfer full): the dialog; present it with a transient parent
 */
KfWeekDialog *
kf_week_dialog_new (KfStore *store)
{
  g_return_val_if_fail (KF_IS_STORE (store), NULL);

  return g_object_new (KF_TYPE_WEEK_DIALOG, "store", store, NULL);
}

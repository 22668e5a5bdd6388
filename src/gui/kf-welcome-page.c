/* kf-welcome-page.c — the first run: the installation chooses its role
 * (a base, a school or organisation, the reviewer), or loads the demo data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-welcome-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kf-demo.h"
#include "kf-error.h"
#include "kf-row-errors.h"
#include "kf-welcome-page.h"

struct _KfWelcomePage
{
  AdwBin        parent_instance;

  GtkStack     *stack;
  GtkLabel     *description_label;
  AdwEntryRow  *base_name_row;
  AdwEntryRow  *address_row;
  AdwEntryRow  *contact_name_row;
  AdwEntryRow  *contact_phone_row;
  AdwEntryRow  *org_name_row;
  AdwActionRow *base_name_error;
  AdwActionRow *address_error;
  AdwActionRow *contact_name_error;
  AdwActionRow *contact_phone_error;
  AdwActionRow *org_name_error;
  AdwActionRow *base_general_error;
  AdwActionRow *school_general_error;
  AdwActionRow *reviewer_general_error;

  KfStore      *store;
};

G_DEFINE_FINAL_TYPE (KfWelcomePage, kf_welcome_page, ADW_TYPE_BIN)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define FIELD(name, row, error) \
  { name, G_STRUCT_OFFSET (KfWelcomePage, row), G_STRUCT_OFFSET (KfWelcomePage, error) }

/* The base record's fields (kf-record.c) and the rows that hold them. */
static const KfRowField base_fields[] = {
  FIELD ("name", base_name_row, base_name_error),
  FIELD ("address", address_row, address_error),
  FIELD ("contact_name", contact_name_row, contact_name_error),
  FIELD ("contact_phone", contact_phone_row, contact_phone_error),
};

/* An organisation's name is the one its bookings carry (a booking field). */
static const KfRowField school_fields[] = {
  FIELD ("org_name", org_name_row, org_name_error),
};

#undef FIELD

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static const char *
current_role (KfWelcomePage *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

static void
clear_errors (KfWelcomePage *self)
{
  kf_row_errors_clear_all (self, base_fields, G_N_ELEMENTS (base_fields),
                           self->base_general_error);
  kf_row_errors_clear_all (self, school_fields, G_N_ELEMENTS (school_fields),
                           self->school_general_error);
  kf_row_errors_clear (NULL, self->reviewer_general_error);
}

/* Shows each mistake under the row of its field, or above the form. */
static void
show_errors (KfWelcomePage *self,
             GPtrArray     *errors)
{
  const char *role = current_role (self);

  if (g_strcmp0 (role, "base") == 0)
    kf_row_errors_show_all (self, base_fields, G_N_ELEMENTS (base_fields),
                            self->base_general_error, errors);
  else if (g_strcmp0 (role, "school") == 0)
    kf_row_errors_show_all (self, school_fields, G_N_ELEMENTS (school_fields),
                            self->school_general_error, errors);
  else
    kf_row_errors_show_all (self, NULL, 0, self->reviewer_general_error, errors);
}

static KfRecord *
base_from_form (KfWelcomePage *self)
{
  KfRecord *record = kf_record_new (KF_ENTITY_BASE);
  KfBase *base = KF_BASE (record);

  record->id = kf_new_id ();
  base->name = row_text (self->base_name_row);
  base->address = row_text (self->address_row);
  base->contact_name = row_text (self->contact_name_row);
  base->contact_phone = row_text (self->contact_phone_row);
  return record;
}

/* Every mistake of the form is shown at once, before the database is
 * touched; what core finds after that is shown as well. */
static gboolean
set_up_base (KfWelcomePage *self,
             GPtrArray     *errors)
{
  g_autoptr(KfRecord) base = base_from_form (self);
  g_autoptr(KfIdentity) identity = NULL;
  GError *error = NULL;

  kf_row_errors_check_fields (base, base_fields, G_N_ELEMENTS (base_fields), errors);
  if (errors->len > 0)
    return FALSE;
  identity = kf_identity_new (KF_ROLE_BASE, base->id, NULL);
  if (!kf_store_initialize (self->store, identity, KF_BASE (base), &error))
    {
      g_ptr_array_add (errors, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_up_school (KfWelcomePage  *self,
               GError        **error)
{
  g_autofree char *org_name = row_text (self->org_name_row);
  g_autoptr(KfIdentity) identity = kf_identity_new (KF_ROLE_SCHOOL, NULL, org_name);

  return kf_store_initialize (self->store, identity, NULL, error);
}

static gboolean
set_up_reviewer (KfWelcomePage *self,
                 GError       **error)
{
  g_autoptr(KfIdentity) identity = kf_identity_new (KF_ROLE_REVIEWER, NULL, NULL);

  return kf_store_initialize (self->store, identity, NULL, error);
}

static void
finish (KfWelcomePage *self)
{
  /* The sync indicator counts what the new database holds. */
  kf_store_notify_changed (self->store);
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
setup_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KfWelcomePage *self = KF_WELCOME_PAGE (widget);
  const char *role = current_role (self);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  GError *error = NULL;
  gboolean done;

  g_return_if_fail (self->store != NULL);

  clear_errors (self);
  if (g_strcmp0 (role, "base") == 0)
    done = set_up_base (self, errors);
  else if (g_strcmp0 (role, "school") == 0)
    done = set_up_school (self, &error);
  else if (g_strcmp0 (role, "reviewer") == 0)
    done = set_up_reviewer (self, &error);
  else
    return;

  if (error != NULL)
    g_ptr_array_add (errors, error);
  if (!done)
    {
      show_errors (self, errors);
      return;
    }
  finish (self);
}

static void
demo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KfWelcomePage *self = KF_WELCOME_PAGE (widget);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  GError *error = NULL;

  g_return_if_fail (self->store != NULL);

  clear_errors (self);
  if (!kf_demo_load (self->store, &error))
    {
      g_ptr_array_add (errors, error);
      show_errors (self, errors);
      return;
    }
  finish (self);
}

static void
show_step (KfWelcomePage *self,
           const char    *step)
{
  clear_errors (self);
  gtk_stack_set_visible_child_name (self->stack, step);

  if (g_strcmp0 (step, "base") == 0)
    {
      gtk_label_set_text (self->description_label,
                          _("Tell schools who you are. A database is set up for one role, "
                            "once."));
      gtk_widget_grab_focus (GTK_WIDGET (self->base_name_row));
    }
  else if (g_strcmp0 (step, "school") == 0)
    {
      gtk_label_set_text (self->description_label,
                          _("Book group visits at the bases of the county."));
      gtk_widget_grab_focus (GTK_WIDGET (self->org_name_row));
    }
  else if (g_strcmp0 (step, "reviewer") == 0)
    gtk_label_set_text (self->description_label,
                        _("See how the activity week went, base by base."));
  else
    gtk_label_set_text (self->description_label,
                        _("Who works with this installation? Each database is set up for one "
                          "role, once."));
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KfWelcomePage *self = KF_WELCOME_PAGE (widget);
  const char *role = g_variant_get_string (parameter, NULL);
  KfRole unused;

  g_return_if_fail (kf_role_from_string (role, &unused));

  show_step (self, role);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_step (KF_WELCOME_PAGE (widget), "choose");
}

/* Enter in any field of the form sets up, as in a dialog. */
static void
entry_activated_cb (AdwEntryRow   *row,
                    KfWelcomePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "welcome.setup", NULL);
}

static void
kf_welcome_page_dispose (GObject *object)
{
  KfWelcomePage *self = KF_WELCOME_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KF_TYPE_WELCOME_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kf_welcome_page_parent_class)->dispose (object);
}

static void
kf_welcome_page_class_init (KfWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kf_welcome_page_dispose;

  /**
   * KfWelcomePage::finished:
   *
   * The database is set up: the window shows the pages of the role.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/kaifang/Kaifang/kf-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KfWelcomePage, stack);
  gtk_widget_class_bind_template_child (widget_class, KfWelcomePage, description_label);
  gtk_widget_class_bind_template_child (widget_class, KfWelcomePage, base_name_row);
  gtk_widget_class_bind_template_child (widget_class, KfWelcomePage, address_row);
  gtk_widget_class_bind_template_child (widget_class, KfWelcomePage, contact_name_row);
  gtk_widget_class_bind_template_child (widget_class, KfWelcomePage, contact_phone_row);
  gtk_widget_class_bind_template_child (widget_class, KfWelcomePage, org_name_row);
  gtk_widget_class_bind_template_child (widget_class, KfWelcomePage, base_name_error);
  gtk_widget_class_bind_template_child (widget_class, KfWelcomePage, address_error);
  gtk_widget_class_bind_template_child (widget_class, KfWelcomePage, contact_name_error);
  gtk_widget_class_bind_template_child (widget_class, KfWelcomePage, contact_phone_error);
  gtk_widget_class_bind_template_child (widget_class, KfWelcomePage, org_name_error);
  gtk_widget_class_bind_template_child (widget_class, KfWelcomePage, base_general_error);
  gtk_widget_class_bind_template_child (widget_class, KfWelcomePage, school_general_error);
  gtk_widget_class_bind_template_child (widget_class, KfWelcomePage, reviewer_general_error);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "welcome.choose", "s", choose_action);
  gtk_widget_class_install_action (widget_class, "welcome.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "welcome.setup", NULL, setup_action);
  gtk_widget_class_install_action (widget_class, "welcome.demo", NULL, demo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "welcome.back", NULL);
}

static void
kf_welcome_page_init (KfWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  show_step (self, "choose");
}

void
kf_welcome_page_set_store (KfWelcomePage *self,
                           KfStore       *store)
{
  g_return_if_fail (KF_IS_WELCOME_PAGE (self));

  g_set_object (&self->store, store);
}

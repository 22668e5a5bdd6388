/* gui-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-gui-tests"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gui-test-util.h"
#include "kf-demo.h"
#include "kf-record-model.h"
#include "kf-totals-page.h"

static void
set_up_database (const char *path,
                 KfGuiSetup  setup)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KfStore) store = kf_store_open (path, &error);

  g_assert_no_error (error);
  if (setup == KF_GUI_DEMO)
    {
      kf_demo_load (store, &error);
      g_assert_no_error (error);
    }
  else if (setup == KF_GUI_BASE)
    {
      g_autoptr(KfRecord) base = kf_record_new (KF_ENTITY_BASE);
      g_autoptr(KfIdentity) identity = NULL;

      base->id = kf_new_id ();
      KF_BASE (base)->name = g_strdup ("沁水县气象局");
      KF_BASE (base)->address = g_strdup ("");
      KF_BASE (base)->contact_name = g_strdup ("");
      KF_BASE (base)->contact_phone = g_strdup ("");
      identity = kf_identity_new (KF_ROLE_BASE, base->id, NULL);
      kf_store_initialize (store, identity, KF_BASE (base), &error);
      g_assert_no_error (error);
    }
}

/**
 * kf_gui_new:
 * @setup: what the database holds before the window opens
 *
 * Starts the real application on a temporary database and opens its window.
 */
KfGui *
kf_gui_new (KfGuiSetup setup)
{
  g_autoptr(GError) error = NULL;
  KfGui *gui = g_new0 (KfGui, 1);

  gui->dir = g_dir_make_tmp ("kf-gui-test-XXXXXX", &error);
  g_assert_no_error (error);
  gui->db_path = g_build_filename (gui->dir, "kaifang.db", NULL);
  if (setup != KF_GUI_EMPTY)
    set_up_database (gui->db_path, setup);

  gui->app = kf_application_new ();
  kf_application_set_db_path (gui->app, gui->db_path);
  g_application_register (G_APPLICATION (gui->app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (gui->app));

  gui->window = KF_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (gui->app)));
  g_assert_true (KF_IS_WINDOW (gui->window));
  kf_gui_settle ();
  return gui;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

void
kf_gui_free (KfGui *gui)
{
  GList *windows;

  if (gui == NULL)
    return;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (gui->app))) != NULL)
    gtk_window_destroy (windows->data);
  kf_gui_settle ();
  g_application_quit (G_APPLICATION (gui->app));
  g_clear_object (&gui->app);
  remove_dir (gui->dir);
  g_free (gui->db_path);
  g_free (gui->dir);
  g_free (gui);
}

KfStore *
kf_gui_store (KfGui *gui)
{
  return kf_application_get_store (gui->app);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @milliseconds. */
void
kf_gui_wait (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until nothing is pending, and a few frames more. */
void
kf_gui_settle (void)
{
  for (guint i = 0; i < 5; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      kf_gui_wait (20);
    }
}

/* Runs the main loop until @model (a KfRecordModel, or a selection model
 * over one) has its count, for at most 10 s: after a query or the store
 * changed, its length arrives from a thread. */
void
kf_gui_wait_model (GListModel *model)
{
  gboolean timed_out = FALSE;
  guint id;

  if (GTK_IS_NO_SELECTION (model))
    model = gtk_no_selection_get_model (GTK_NO_SELECTION (model));
  else if (GTK_IS_SINGLE_SELECTION (model))
    model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model));
  g_assert_true (KF_IS_RECORD_MODEL (model));
  id = g_timeout_add (10000, timeout_cb, &timed_out);
  while (kf_record_model_get_counting (KF_RECORD_MODEL (model)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("The list's count did not arrive within 10 s");
  g_source_remove (id);
}

/**
 * kf_gui_find:
 * @root: where to look
 * @name: a widget name (the `name` property set in the .ui files)
 *
 * Returns: (transfer none) (nullable): the first descendant of that name
 */
GtkWidget *
kf_gui_find (GtkWidget  *root,
             const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = kf_gui_find (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
kf_gui_find_type (GtkWidget *root,
                  GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = kf_gui_find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Shows the page @page_name of the view stack and returns it. */
GtkWidget *
kf_gui_page (KfGui      *gui,
             const char *page_name)
{
  AdwViewStack *stack = kf_window_get_view_stack (gui->window);
  GtkWidget *page = adw_view_stack_get_child_by_name (stack, page_name);

  g_assert_nonnull (page);
  adw_view_stack_set_visible_child (stack, page);
  kf_gui_settle ();
  /* A page the window makes when it is first shown sits in a plain bin that
   * held its place (kf-window.c): the page itself is what tests drive. */
  if (G_OBJECT_TYPE (page) == ADW_TYPE_BIN && adw_bin_get_child (ADW_BIN (page)) != NULL)
    page = adw_bin_get_child (ADW_BIN (page));
  return page;
}

/* The first toplevel window of @type (a dialog), or NULL. */
GtkWindow *
kf_gui_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/**
 * kf_gui_activate:
 * @widget: where the action is looked up
 * @action: "bookings.confirm"
 * @format_string: (nullable): the parameter's GVariant format, then its value
 *
 * Activates an action as a click or a shortcut would, and lets the window
 * settle.
 */
gboolean
kf_gui_activate (GtkWidget  *widget,
                 const char *action,
                 const char *format_string,
                 ...)
{
  GVariant *parameter = NULL;
  gboolean done;
  va_list args;

  if (format_string != NULL)
    {
      va_start (args, format_string);
      parameter = g_variant_new_va (format_string, NULL, &args);
      va_end (args);
    }
  done = gtk_widget_activate_action_variant (widget, action, parameter);
  kf_gui_settle ();
  return done;
}

void
kf_gui_set_text (GtkWidget  *editable,
                 const char *text)
{
  g_assert_true (GTK_IS_EDITABLE (editable));
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
  kf_gui_settle ();
}

/* Whether a label (or a row's title) below @root shows @text somewhere. */
gboolean
kf_gui_label_contains (GtkWidget  *root,
                       const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (kf_gui_label_contains (child, text))
      return TRUE;
  return FALSE;
}

/* The descendant of @root named @name; a test cannot go on without it. */
GtkWidget *
kf_gui_get (GtkWidget  *root,
            const char *name)
{
  GtkWidget *widget = kf_gui_find (root, name);

  if (widget == NULL)
    g_error ("no widget named %s", name);
  return widget;
}

/* The base the window's installation belongs to. */
char *
kf_gui_base_id (KfGui *gui)
{
  g_autoptr(KfIdentity) identity = kf_store_get_identity (kf_gui_store (gui), NULL);

  g_assert_nonnull (identity);
  return g_strdup (identity->base_id);
}

/**
 * kf_gui_new_reviewer:
 *
 * The reviewer's installation, holding the demo data set of every base as
 * if pulled from the hub, with its pages shown.
 */
KfGui *
kf_gui_new_reviewer (void)
{
  KfGui *gui = kf_gui_new (KF_GUI_EMPTY);
  g_autofree char *demo_path = g_build_filename (gui->dir, "demo.db", NULL);
  g_autoptr(KfIdentity) reviewer = kf_identity_new (KF_ROLE_REVIEWER, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KfStore) demo = kf_store_open (demo_path, &error);
  KfStore *store = kf_gui_store (gui);

  g_assert_no_error (error);
  g_assert_true (kf_demo_load (demo, &error));
  g_assert_true (kf_store_initialize (store, reviewer, NULL, &error));
  g_assert_true (kf_store_begin (store, &error));
  for (KfEntity entity = KF_ENTITY_BASE; entity <= KF_ENTITY_VISIT; entity++)
    {
      g_autoptr(GPtrArray) records = kf_store_list (demo, entity, NULL, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < records->len; i++)
        g_assert_true (kf_store_save (store, records->pdata[i], &error));
    }
  g_assert_true (kf_store_commit (store, &error));
  g_assert_no_error (error);
  kf_window_show_pages (gui->window);
  kf_gui_settle ();
  return gui;
}

/**
 * kf_gui_totals_page:
 * @from: the first day, `YYYY-MM-DD`
 * @to: the last day
 *
 * Shows the Totals page with the custom period @from to @to (both typed
 * before the window settles).
 *
 * Returns: (transfer none): the page
 */
GtkWidget *
kf_gui_totals_page (KfGui      *gui,
                    const char *from,
                    const char *to)
{
  /* the window makes a page the first time it is shown, in a holder */
  GtkWidget *page = kf_gui_find_type (kf_gui_page (gui, "totals"), KF_TYPE_TOTALS_PAGE);

  g_assert_nonnull (page);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kf_gui_get (page, "totals-period")),
                              KF_GUI_PERIOD_CUSTOM);
  kf_gui_settle ();
  gtk_editable_set_text (GTK_EDITABLE (kf_gui_get (page, "totals-from")), from);
  gtk_editable_set_text (GTK_EDITABLE (kf_gui_get (page, "totals-to")), to);
  kf_gui_settle ();
  return page;
}

/* The row of @totals for @key, or NULL. */
const KfTotalsRow *
kf_gui_totals_row (const KfTotals *totals,
                   const char     *key)
{
  for (guint i = 0; i < totals->rows->len; i++)
    {
      const KfTotalsRow *row = g_ptr_array_index (totals->rows, i);

      if (g_strcmp0 (row->key, key) == 0)
        return row;
    }
  return NULL;
}

/* Renders @widget to a PNG, as it is on screen. */
void
kf_gui_screenshot (GtkWidget  *widget,
                   const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

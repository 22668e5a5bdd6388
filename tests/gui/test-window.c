/* test-window.c — the main window as each kind of installation opens it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-gui-tests"

#include "config.h"

#include "gui-test-util.h"
#include "kf-bookings-page.h"
#include "kf-sessions-page.h"
#include "kf-today-page.h"
#include "kf-totals-page.h"

static void
test_base_pages (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  static const char * const pages[] = { "today", "bookings", "sessions", "totals" };
  AdwViewStack *stack = kf_window_get_view_stack (gui->window);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_assert_nonnull (kf_gui_page (gui, pages[i]));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (stack)));
}

/* The first frame shows Today: the other pages are made, and read the
 * database, the first time they are shown, each once. */
static void
test_pages_built_when_shown (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_DEMO);
  AdwViewStack *stack = kf_window_get_view_stack (gui->window);
  static const struct
  {
    const char *name;
    GType     (*get_type) (void);
  } later[] = {
    { "bookings", kf_bookings_page_get_type },
    { "sessions", kf_sessions_page_get_type },
    { "totals", kf_totals_page_get_type },
  };

  g_assert_true (KF_IS_TODAY_PAGE (adw_view_stack_get_visible_child (stack)));
  for (guint i = 0; i < G_N_ELEMENTS (later); i++)
    {
      GtkWidget *holder = adw_view_stack_get_child_by_name (stack, later[i].name);

      g_assert_true (ADW_IS_BIN (holder));
      g_assert_null (adw_bin_get_child (ADW_BIN (holder)));
    }

  for (guint i = 0; i < G_N_ELEMENTS (later); i++)
    {
      GtkWidget *holder = adw_view_stack_get_child_by_name (stack, later[i].name);
      GtkWidget *page = kf_gui_page (gui, later[i].name);

      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (page, later[i].get_type ()));
      g_assert_true (adw_bin_get_child (ADW_BIN (holder)) == page);
      g_assert_true (gtk_widget_get_mapped (page));
      /* Shown again: the same page. */
      kf_gui_page (gui, "today");
      g_assert_true (kf_gui_page (gui, later[i].name) == page);
    }
}

static void
test_first_run (void)
{
  g_autoptr(KfGui) gui = kf_gui_new (KF_GUI_EMPTY);
  AdwViewStack *stack = kf_window_get_view_stack (gui->window);

  /* No role yet: the first-run page, no pages of a role. */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (stack)));
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (stack)));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/window/base-pages", test_base_pages);
  g_test_add_func ("/gui/window/pages-built-when-shown", test_pages_built_when_shown);
  g_test_add_func ("/gui/window/first-run", test_first_run);

  return g_test_run ();
}

/* test-window.c — the main window as each kind of installation opens it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-gui-tests"

#include "config.h"

#include "gui-test-util.h"

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
  g_test_add_func ("/gui/window/first-run", test_first_run);

  return g_test_run ();
}

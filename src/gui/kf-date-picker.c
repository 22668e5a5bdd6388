/* kf-date-picker.c — a calendar button for a row where a date is typed
 *
 * Dates stay typed text (YYYY-MM-DD, checked by core like any field) so that
 * the keyboard is enough; the calendar is there for those who prefer to
 * point at a day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kf-date-picker"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "kf-date-picker.h"
#include "kf-record.h"

static void
day_selected_cb (GtkCalendar *calendar,
                 AdwEntryRow *row)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

/* The calendar opens on the day typed, if there is one. */
static void
popover_show_cb (GtkPopover  *popover,
                 GtkCalendar *calendar)
{
  AdwEntryRow *row = g_object_get_data (G_OBJECT (calendar), "kf-date-row");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GDateTime) date = NULL;

  if (!kf_date_is_valid (text))
    return;
  date = g_date_time_new_local (atoi (text), atoi (text + 5), atoi (text + 8), 0, 0, 0);
  if (date == NULL)
    return;
  g_signal_handlers_block_by_func (calendar, day_selected_cb, row);
  gtk_calendar_select_day (calendar, date);
  g_signal_handlers_unblock_by_func (calendar, day_selected_cb, row);
}

/**
 * kf_date_picker_add_to_row:
 * @row: a row where a date is written `YYYY-MM-DD`
 *
 * Adds a button to @row that opens a calendar; the day picked is written
 * into @row.
 */
void
kf_date_picker_add_to_row (AdwEntryRow *row)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  g_object_set_data (G_OBJECT (calendar), "kf-date-row", row);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (day_selected_cb), row, 0);
  g_signal_connect_object (popover, "show", G_CALLBACK (popover_show_cb), calendar, 0);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a Date"), -1);
  adw_entry_row_add_suffix (row, button);
}

/* Today plus @days, as the protocol writes dates. */
char *
kf_date_today_offset (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

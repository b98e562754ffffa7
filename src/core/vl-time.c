/* vl-time.c
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vl-time.h"

/* Days from @earlier's date to @later's, both in the same time zone. */
static int
days_between (GDateTime *earlier,
              GDateTime *later)
{
  g_autoptr(GDate) from = g_date_new_dmy (g_date_time_get_day_of_month (earlier),
                                          g_date_time_get_month (earlier),
                                          g_date_time_get_year (earlier));
  g_autoptr(GDate) to = g_date_new_dmy (g_date_time_get_day_of_month (later),
                                        g_date_time_get_month (later),
                                        g_date_time_get_year (later));

  return g_date_days_between (from, to);
}

char *
vl_format_relative_time (GDateTime *time,
                         GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  GTimeSpan age;
  int days;

  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  local = g_date_time_to_timezone (time, g_date_time_get_timezone (now));
  age = g_date_time_difference (now, local);

  /* A clock set back a little still reads as now. */
  if (age < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Just now"));

  if (age < G_TIME_SPAN_HOUR)
    {
      int minutes = age / G_TIME_SPAN_MINUTE;

      return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago",
                                        minutes),
                              minutes);
    }

  days = days_between (local, now);

  if (days == 0)
    /* Translators: the time of a call prepared today; see
     * g_date_time_format() for the codes */
    return g_date_time_format (local, _("%H:%M"));

  if (days == 1)
    return g_strdup (_("Yesterday"));

  if (days > 1 && days < 7)
    /* Translators: the day of the week of a call prepared in the last
     * week */
    return g_date_time_format (local, _("%A"));

  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    /* Translators: the date of a call prepared earlier this year, as in
     * "3 Dec" */
    return g_date_time_format (local, _("%-d %b"));

  /* Translators: the date of a call prepared in another year, as in
   * "3 Dec 2025" */
  return g_date_time_format (local, _("%-d %b %Y"));
}

/** Which ISO week a digest reports on, in the shop's time zone, and the weeks its trend charts show. */
import { addDays } from "~/kpi/calendar/civil-date";
import type { Period } from "~/kpi/calendar/period";
import { calendarPeriodOf, periodContaining } from "~/kpi/calendar/period";

/** The last ISO week that has ended at `at` in the zone (on a Monday morning: the week just gone). */
export function lastCompleteWeek(at: Date, timeZone: string): Period {
  const current = periodContaining("week", at, timeZone);
  if (current.unitEnd.getTime() <= at.getTime()) return current;
  return calendarPeriodOf("week", addDays(current.firstDay, -7), timeZone);
}

/** `count` whole weeks ending with `week`, oldest first. */
export function weeksEndingWith(week: Period, count: number): Period[] {
  const weeks: Period[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    weeks.push(calendarPeriodOf("week", addDays(week.firstDay, -7 * back), week.timeZone));
  }
  return weeks;
}

/** Weeks a chart shows, and how many weeks before the reported one define its usual range. */
export const TREND_WEEKS = 12;
export const USUAL_RANGE_WEEKS = 12;

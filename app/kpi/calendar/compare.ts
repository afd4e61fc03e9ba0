/**
 * Comparison periods: the previous unit (or the N days before) and the same period a year earlier.
 * A partial period (in progress) is compared with the same elapsed span of the other unit, measured
 * in local days and wall-clock time: "month to date, 15th 14:30" meets "15th 14:30" a month earlier.
 */
import type { CivilDate } from "./civil-date";
import { addDays, addMonths, daysInMonth, isoWeekMonday, isoWeekOf, isoWeeksInYear } from "./civil-date";
import type { Period } from "./period";
import { calendarPeriodOf, isoWeekPeriod, isPartial, rollingDays } from "./period";
import { fromLocal, toLocal } from "./zone";

function civilDaysBetween(a: CivilDate, b: CivilDate): number {
  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000,
  );
}

/** Maps the local date on which the partial period stops to the matching date in the other period. */
type EndDateMapping = (endDate: CivilDate) => CivilDate;

/** Cuts `other` (a full unit) to the span matching the partial period, keeping the wall-clock time. */
function matchingSpan(partial: Period, other: Period, mapEndDate: EndDateMapping): Period {
  if (!isPartial(partial)) return other;
  const endLocal = toLocal(partial.end, partial.timeZone);
  const cut = fromLocal({ ...endLocal, ...mapEndDate(endLocal) }, other.timeZone);
  const end = new Date(Math.min(Math.max(cut.getTime(), other.start.getTime()), other.unitEnd.getTime()));
  return { ...other, end };
}

/** Same number of elapsed local days (plus wall time) from the other period's first day. */
function sameElapsedDays(partial: Period, other: Period): EndDateMapping {
  return (endDate) => addDays(other.firstDay, civilDaysBetween(partial.firstDay, endDate));
}

/** The unit (or span) immediately before; for a partial period, the same elapsed span of it. */
export function previousPeriod(period: Period): Period {
  const { timeZone, firstDay } = period;
  let previous: Period;
  switch (period.granularity) {
    case "day":
      previous = calendarPeriodOf("day", addDays(firstDay, -1), timeZone);
      break;
    case "week":
      previous = calendarPeriodOf("week", addDays(firstDay, -7), timeZone);
      break;
    case "month":
      previous = calendarPeriodOf("month", addMonths(firstDay, -1), timeZone);
      break;
    case "quarter":
      previous = calendarPeriodOf("quarter", addMonths(firstDay, -3), timeZone);
      break;
    case "year":
      previous = calendarPeriodOf("year", addMonths(firstDay, -12), timeZone);
      break;
    case "rolling":
      previous = rollingDays(period.days, addDays(firstDay, -period.days), timeZone);
      break;
  }
  return matchingSpan(period, previous, sameElapsedDays(period, previous));
}

/**
 * The same period one year earlier: the same date (29 Feb → 28 Feb), the same ISO week number
 * (week 53 → the last week of a 52-week year), month, quarter or year; N days start one year back.
 */
export function yearAgoPeriod(period: Period): Period {
  const { timeZone, firstDay } = period;
  let yearAgo: Period;
  switch (period.granularity) {
    case "day": {
      const year = firstDay.year - 1;
      const day = Math.min(firstDay.day, daysInMonth(year, firstDay.month));
      yearAgo = calendarPeriodOf("day", { year, month: firstDay.month, day }, timeZone);
      break;
    }
    case "week": {
      const { isoYear, week } = isoWeekOf(firstDay);
      const targetWeek = Math.min(week, isoWeeksInYear(isoYear - 1));
      yearAgo = isoWeekPeriod(isoYear - 1, targetWeek, isoWeekMonday(isoYear - 1, targetWeek), timeZone);
      break;
    }
    case "month":
    case "quarter":
    case "year":
      yearAgo = calendarPeriodOf(period.granularity, addMonths(firstDay, -12), timeZone);
      break;
    case "rolling":
      yearAgo = rollingDays(period.days, addMonths(firstDay, -12), timeZone);
      break;
  }
  // Month-based units stop on the same calendar date a year back (year to 15 Mar ↔ year to 15 Mar),
  // day-based ones after the same number of days (so a week keeps its weekdays).
  const monthBased =
    period.granularity === "month" || period.granularity === "quarter" || period.granularity === "year";
  const mapping: EndDateMapping = monthBased
    ? (endDate) => addMonths(endDate, -12)
    : sameElapsedDays(period, yearAgo);
  return matchingSpan(period, yearAgo, mapping);
}

/**
 * The calendar units a trend shows, and the unit each one is compared with. Units come from the calendar,
 * not from the data, so a unit without orders is a gap rather than a reason to shift every later pair.
 * Units are named and matched by their snapshot labels (2026-03-09, 2026-W10, 2026-03) on local dates
 * alone, so a two-year range by day costs no time-zone arithmetic per unit.
 */
import type { CivilDate } from "./civil-date";
import {
  addDays,
  addMonths,
  dayNumber,
  daysInMonth,
  formatCivilDate,
  formatCivilMonth,
  formatIsoWeek,
  isoWeekday,
  isoWeekMonday,
  isoWeekOf,
  isoWeeksInYear,
} from "./civil-date";
import type { Period } from "./period";
import { lastLocalDay } from "./period";

export type TrendUnit = "day" | "week" | "month";
export type TrendComparison = "previous" | "year";

export interface CalendarUnit {
  readonly unit: TrendUnit;
  /** The snapshot period's name. */
  readonly label: string;
  readonly firstDay: CivilDate;
}

function unitOf(unit: TrendUnit, date: CivilDate): CalendarUnit {
  switch (unit) {
    case "day":
      return { unit, label: formatCivilDate(date), firstDay: date };
    case "week": {
      const { isoYear, week } = isoWeekOf(date);
      return { unit, label: formatIsoWeek(isoYear, week), firstDay: addDays(date, 1 - isoWeekday(date)) };
    }
    case "month":
      return { unit, label: formatCivilMonth(date.year, date.month), firstDay: { ...date, day: 1 } };
  }
}

function nextUnit(current: CalendarUnit): CalendarUnit {
  const { unit, firstDay } = current;
  const next = unit === "month" ? addMonths(firstDay, 1) : addDays(firstDay, unit === "week" ? 7 : 1);
  return unitOf(unit, next);
}

/** The last local day of a full unit. */
export function unitLastDay(current: CalendarUnit): CivilDate {
  const { unit, firstDay } = current;
  if (unit === "day") return firstDay;
  if (unit === "week") return addDays(firstDay, 6);
  return { ...firstDay, day: daysInMonth(firstDay.year, firstDay.month) };
}

/** Units of `unit` from the one holding the period's first day to the one holding its last, oldest first. */
export function trendUnits(period: Period, unit: TrendUnit): CalendarUnit[] {
  if (period.end.getTime() <= period.start.getTime()) return [];
  const last = dayNumber(lastLocalDay(period));
  const units: CalendarUnit[] = [];
  for (let u = unitOf(unit, period.firstDay); dayNumber(u.firstDay) <= last; u = nextUnit(u)) units.push(u);
  return units;
}

/**
 * The same unit one year earlier, or null where the calendar has none: 29 February in a common year and
 * ISO week 53 in a 52-week year are gaps, not a second pairing of 28 February or week 52.
 */
export function sameUnitYearAgo(current: CalendarUnit): CalendarUnit | null {
  const { unit, firstDay } = current;
  switch (unit) {
    case "day": {
      const year = firstDay.year - 1;
      if (firstDay.day > daysInMonth(year, firstDay.month)) return null;
      return unitOf("day", { year, month: firstDay.month, day: firstDay.day });
    }
    case "week": {
      const { isoYear, week } = isoWeekOf(firstDay);
      if (week > isoWeeksInYear(isoYear - 1)) return null;
      return unitOf("week", isoWeekMonday(isoYear - 1, week));
    }
    case "month":
      return unitOf("month", addMonths(firstDay, -12));
  }
}

export interface AlignedUnit {
  readonly unit: CalendarUnit;
  /** The unit it is compared with; null where the other period has no such unit. */
  readonly comparison: CalendarUnit | null;
}

/**
 * Pairs each trend unit with its comparison. Against the previous period the n-th unit of one meets the
 * n-th unit of the other (the 3rd week of this quarter against the 3rd of the last); against last year
 * each unit meets the same calendar unit a year earlier.
 */
export function alignTrend(
  period: Period,
  comparePeriod: Period,
  unit: TrendUnit,
  compare: TrendComparison,
): AlignedUnit[] {
  const units = trendUnits(period, unit);
  if (compare === "year") return units.map((u) => ({ unit: u, comparison: sameUnitYearAgo(u) }));
  const others = trendUnits(comparePeriod, unit);
  return units.map((u, i) => ({ unit: u, comparison: others[i] ?? null }));
}

/**
 * Reporting periods: half-open [start, end) UTC instants bounded by local day starts in the shop's
 * zone. A period still in progress ends at `now`; `unitEnd` keeps the end of the full unit so the
 * comparison periods can be derived.
 */
import type { CivilDate } from "./civil-date";
import {
  addDays,
  addMonths,
  formatCivilDate,
  formatCivilMonth,
  formatIsoWeek,
  isoWeekday,
  isoWeekOf,
} from "./civil-date";
import { localDate, startOfLocalDay } from "./zone";

export type CalendarGranularity = "day" | "week" | "month" | "quarter" | "year";
export type Granularity = CalendarGranularity | "rolling";

export interface Period {
  readonly granularity: Granularity;
  /** The period's name as `parsePeriod` reads it: 2024-03-09, 2024-W10, 2024-03, 2024-Q1, 2024, last-30-days. */
  readonly label: string;
  readonly timeZone: string;
  /** First local day of the period. */
  readonly firstDay: CivilDate;
  /** Number of local calendar days in the full unit. */
  readonly days: number;
  readonly start: Date;
  /** Exclusive; equals `now` while the period is in progress. */
  readonly end: Date;
  /** Exclusive end of the full calendar unit (equals `end` unless in progress). */
  readonly unitEnd: Date;
}

/** True for a period cut short of its unit: one in progress, or the matching span it is compared with. */
export function isPartial(period: Period): boolean {
  return period.end.getTime() < period.unitEnd.getTime();
}

/** The last local day the period covers (the day of `end` minus an instant); its first day when empty. */
export function lastLocalDay(period: Period): CivilDate {
  if (period.end.getTime() <= period.start.getTime()) return period.firstDay;
  return localDate(new Date(period.end.getTime() - 1), period.timeZone);
}

/** Builds a period covering `days` local days from `firstDay`, cut at `now` when it is in progress. */
export function makePeriod(
  granularity: Granularity,
  label: string,
  firstDay: CivilDate,
  days: number,
  timeZone: string,
  now?: Date,
): Period {
  const start = startOfLocalDay(firstDay, timeZone);
  const unitEnd = startOfLocalDay(addDays(firstDay, days), timeZone);
  let end = unitEnd;
  if (now && now.getTime() < unitEnd.getTime()) {
    // A period entirely in the future is empty rather than inverted.
    end = new Date(Math.max(now.getTime(), start.getTime()));
  }
  return { granularity, label, timeZone, firstDay, days, start, end, unitEnd };
}

function daysBetween(a: CivilDate, b: CivilDate): number {
  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000,
  );
}

export function dayPeriod(date: CivilDate, timeZone: string, now?: Date): Period {
  return makePeriod("day", formatCivilDate(date), date, 1, timeZone, now);
}

export function isoWeekPeriod(
  isoYear: number,
  week: number,
  monday: CivilDate,
  timeZone: string,
  now?: Date,
): Period {
  return makePeriod("week", formatIsoWeek(isoYear, week), monday, 7, timeZone, now);
}

export function monthPeriod(year: number, month: number, timeZone: string, now?: Date): Period {
  const first = { year, month, day: 1 };
  return makePeriod(
    "month",
    formatCivilMonth(year, month),
    first,
    daysBetween(first, addMonths(first, 1)),
    timeZone,
    now,
  );
}

export function quarterPeriod(year: number, quarter: number, timeZone: string, now?: Date): Period {
  const first = { year, month: (quarter - 1) * 3 + 1, day: 1 };
  return makePeriod(
    "quarter",
    `${String(year).padStart(4, "0")}-Q${quarter}`,
    first,
    daysBetween(first, addMonths(first, 3)),
    timeZone,
    now,
  );
}

export function yearPeriod(year: number, timeZone: string, now?: Date): Period {
  const first = { year, month: 1, day: 1 };
  return makePeriod(
    "year",
    String(year).padStart(4, "0"),
    first,
    daysBetween(first, { year: year + 1, month: 1, day: 1 }),
    timeZone,
    now,
  );
}

/** The calendar unit containing a local date. */
export function calendarPeriodOf(
  granularity: CalendarGranularity,
  date: CivilDate,
  timeZone: string,
  now?: Date,
): Period {
  switch (granularity) {
    case "day":
      return dayPeriod(date, timeZone, now);
    case "week": {
      const { isoYear, week } = isoWeekOf(date);
      return isoWeekPeriod(isoYear, week, addDays(date, 1 - isoWeekday(date)), timeZone, now);
    }
    case "month":
      return monthPeriod(date.year, date.month, timeZone, now);
    case "quarter":
      return quarterPeriod(date.year, Math.floor((date.month - 1) / 3) + 1, timeZone, now);
    case "year":
      return yearPeriod(date.year, timeZone, now);
  }
}

/** The local day / ISO week / month / quarter / year containing an instant. */
export function periodContaining(
  granularity: CalendarGranularity,
  instant: Date,
  timeZone: string,
  now?: Date,
): Period {
  return calendarPeriodOf(granularity, localDate(instant, timeZone), timeZone, now);
}

/** N complete local days ending at the local midnight before `now`; today is left out. */
export function lastNDays(n: number, now: Date, timeZone: string): Period {
  return rollingDays(n, addDays(localDate(now, timeZone), -n), timeZone, now, `last-${n}-days`);
}

/** A window of n local days starting on `firstDay`, labelled "first..last" unless a label is given. */
export function rollingDays(
  n: number,
  firstDay: CivilDate,
  timeZone: string,
  now?: Date,
  label?: string,
): Period {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`A rolling period needs a positive whole number of days, got ${n}`);
  const name = label ?? `${formatCivilDate(firstDay)}..${formatCivilDate(addDays(firstDay, n - 1))}`;
  return makePeriod("rolling", name, firstDay, n, timeZone, now);
}

/**
 * Which periods get a snapshot: every day, ISO week, month, quarter and year from the first local day
 * with data to the one in progress (which ends at now), the rolling last 7/30/90/365 days, and for the
 * periods in progress and the rolling ones, their comparison periods (the same elapsed span of the
 * previous unit, the same period a year earlier). Comparisons of whole calendar units are other whole
 * units, already in the list. Pure.
 *
 * Layer: deriving (README.md, "Layers").
 */
import { addDays, fromDayNumber } from "~/kpi/calendar/civil-date";
import { previousPeriod, yearAgoPeriod } from "~/kpi/calendar/compare";
import type { CalendarGranularity, Period } from "~/kpi/calendar/period";
import { calendarPeriodOf, isPartial, lastNDays, periodContaining } from "~/kpi/calendar/period";

export const CALENDAR_GRANULARITIES: readonly CalendarGranularity[] = [
  "day",
  "week",
  "month",
  "quarter",
  "year",
];
export const ROLLING_DAYS = [7, 30, 90, 365] as const;

export const periodKey = (p: Pick<Period, "granularity" | "start" | "end">): string =>
  `${p.granularity}|${p.start.toISOString()}|${p.end.toISOString()}`;

export interface PlannedPeriod {
  readonly period: Period;
  /** In progress, or the partial span one in progress is compared with. */
  readonly partial: boolean;
  /** Depends on `now` (in progress, rolling, or a comparison of those): recomputed on every run. */
  readonly live: boolean;
}

/**
 * `endingAfterDay`: only the complete periods that end after the start of that local day (an incremental
 * recompute's cutoff), found without walking the whole history; the periods depending on `now` always.
 */
export function plannedPeriods(
  firstDay: number | null,
  now: Date,
  zone: string,
  endingAfterDay?: number,
): PlannedPeriod[] {
  const out = new Map<string, PlannedPeriod>();
  const add = (period: Period, live: boolean) => {
    if (!out.has(periodKey(period))) out.set(periodKey(period), { period, partial: isPartial(period), live });
  };
  if (firstDay !== null) {
    // A period ending after day d contains d or starts after it: start from the unit containing d.
    const from = endingAfterDay === undefined ? firstDay : Math.max(firstDay, endingAfterDay);
    for (const granularity of CALENDAR_GRANULARITIES) {
      let period = calendarPeriodOf(granularity, fromDayNumber(from), zone, now);
      while (period.end.getTime() === period.unitEnd.getTime() && period.unitEnd.getTime() <= now.getTime()) {
        add(period, false);
        period = calendarPeriodOf(granularity, addDays(period.firstDay, period.days), zone, now);
      }
    }
  }
  for (const granularity of CALENDAR_GRANULARITIES) {
    const current = periodContaining(granularity, now, zone, now);
    for (const p of [current, previousPeriod(current), yearAgoPeriod(current)]) add(p, true);
  }
  for (const n of ROLLING_DAYS) {
    const current = lastNDays(n, now, zone);
    for (const p of [current, previousPeriod(current), yearAgoPeriod(current)]) add(p, true);
  }
  return [...out.values()];
}

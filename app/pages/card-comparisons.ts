/**
 * Which changes a KPI card shows: against the previous period and against the same period last year,
 * or once when those are the same period. A year's previous unit is last year (year to date, last year),
 * so it would print the same change twice under two names; it is shown once, as "vs last year", with
 * the year-ago value (aligned on the same calendar date, also across a leap day). Pure.
 */
import { previousPeriod, yearAgoPeriod } from "~/kpi/calendar/compare";
import type { Period } from "~/kpi/calendar/period";

export interface CardComparison {
  /** Which of the card's comparison values this change is computed against. */
  readonly key: "previous" | "yearAgo";
  readonly against: string;
  /** The compared period, named for a note on its blank value. */
  readonly name: string;
}

const PREVIOUS: CardComparison = { key: "previous", against: "vs previous period", name: "Previous period" };
const YEAR_AGO: CardComparison = { key: "yearAgo", against: "vs last year", name: "Last year" };

const samePeriod = (a: Period, b: Period) =>
  a.start.getTime() === b.start.getTime() && a.end.getTime() === b.end.getTime();

export function cardComparisons(period: Period): readonly CardComparison[] {
  if (period.granularity === "year" || samePeriod(previousPeriod(period), yearAgoPeriod(period)))
    return [YEAR_AGO];
  return [PREVIOUS, YEAR_AGO];
}

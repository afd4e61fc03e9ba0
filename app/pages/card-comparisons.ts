/**
 * Which changes a KPI card shows: against the previous period and against the same period last year,
 * or once when those are the same period. A year's previous unit is last year (year to date, last year),
 * so it would print the same change twice under two names; it is shown once, as "vs last year", with
 * the year-ago value (aligned on the same calendar date, also across a leap day). Pure.
 */
import type { Translator } from "~/i18n/translator";
import { previousPeriod, yearAgoPeriod } from "~/kpi/calendar/compare";
import type { Period } from "~/kpi/calendar/period";

export interface CardComparison {
  /** Which of the card's comparison values this change is computed against. */
  readonly key: "previous" | "yearAgo";
  readonly against: string;
  /** The compared period, named for a note on its blank value. */
  readonly name: string;
}

const samePeriod = (a: Period, b: Period) =>
  a.start.getTime() === b.start.getTime() && a.end.getTime() === b.end.getTime();

/** The changes a card shows, named in the reader's language (English for callers that pass none yet). */
export function cardComparisons(period: Period, i18n: Translator): readonly CardComparison[] {
  const yearAgo: CardComparison = {
    key: "yearAgo",
    against: i18n.t("period.against.yearAgo"),
    name: i18n.t("period.name.yearAgo"),
  };
  if (period.granularity === "year" || samePeriod(previousPeriod(period), yearAgoPeriod(period)))
    return [yearAgo];
  const previous: CardComparison = {
    key: "previous",
    against: i18n.t("period.against.previous"),
    name: i18n.t("period.name.previous"),
  };
  return [previous, yearAgo];
}

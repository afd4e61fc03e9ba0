/**
 * The dashboard's and KPI pages' view (date range, comparison, trend granularity) lives in the URL so a
 * reload or a shared link shows the same thing. Pure: parsing never throws, unknown values fall back.
 */
import { addMonths } from "~/kpi/calendar/civil-date";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import type { Period } from "~/kpi/calendar/period";
import { calendarPeriodOf, lastNDays, periodContaining } from "~/kpi/calendar/period";
import { localDate } from "~/kpi/calendar/zone";

export const RANGE_PRESETS = [
  { value: "last-7-days", label: "Last 7 days" },
  { value: "last-30-days", label: "Last 30 days" },
  { value: "last-90-days", label: "Last 90 days" },
  { value: "month-to-date", label: "Month to date" },
  { value: "last-month", label: "Last month" },
  { value: "quarter-to-date", label: "Quarter to date" },
  { value: "year-to-date", label: "Year to date" },
  { value: "custom", label: "Custom period" },
] as const;

export type RangePreset = (typeof RANGE_PRESETS)[number]["value"];
export type Comparison = "previous" | "year";
export type TrendGranularity = "day" | "week" | "month";

export const COMPARISONS: readonly { value: Comparison; label: string }[] = [
  { value: "previous", label: "Previous period" },
  { value: "year", label: "Same period last year" },
];
export const GRANULARITIES: readonly { value: TrendGranularity; label: string }[] = [
  { value: "day", label: "By day" },
  { value: "week", label: "By week" },
  { value: "month", label: "By month" },
];

export interface ViewState {
  readonly range: RangePreset;
  /** The custom period's name (2026-03, 2026-Q1, 2026-W10, 2026-03-09, 2025), used when range = custom. */
  readonly period: string;
  readonly compare: Comparison;
  /** null: chosen from the range's length. */
  readonly granularity: TrendGranularity | null;
}

export const DEFAULT_VIEW: ViewState = {
  range: "last-30-days",
  period: "",
  compare: "previous",
  granularity: null,
};

const oneOf = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

export function readViewState(params: URLSearchParams): ViewState {
  const granularity = params.get("granularity");
  return {
    range: oneOf(
      params.get("range"),
      RANGE_PRESETS.map((p) => p.value),
      DEFAULT_VIEW.range,
    ),
    period: (params.get("period") ?? "").trim().slice(0, 20),
    compare: oneOf(params.get("compare"), ["previous", "year"], DEFAULT_VIEW.compare),
    granularity:
      granularity === "day" || granularity === "week" || granularity === "month" ? granularity : null,
  };
}

/** The query string for a view, leaving defaults out so URLs stay short. */
export function viewSearch(view: ViewState): string {
  const params = new URLSearchParams();
  if (view.range !== DEFAULT_VIEW.range) params.set("range", view.range);
  if (view.range === "custom" && view.period) params.set("period", view.period);
  if (view.compare !== DEFAULT_VIEW.compare) params.set("compare", view.compare);
  if (view.granularity) params.set("granularity", view.granularity);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export const CUSTOM_PERIOD_HELP =
  "A day (2026-03-09), ISO week (2026-W10), month (2026-03), quarter (2026-Q1) or year (2026).";

export interface ResolvedRange {
  readonly period: Period;
  /** Set when the custom period could not be read; the default range is shown instead. */
  readonly error: string | null;
}

/**
 * The period a view shows, in the shop's zone, as of `now` (the snapshots' computedAt, so periods in
 * progress match the snapshot rows exactly). Only periods that are snapshotted can be chosen.
 */
export function resolveRange(view: ViewState, timeZone: string, now: Date): ResolvedRange {
  const today = localDate(now, timeZone);
  switch (view.range) {
    case "last-7-days":
      return { period: lastNDays(7, now, timeZone), error: null };
    case "last-30-days":
      return { period: lastNDays(30, now, timeZone), error: null };
    case "last-90-days":
      return { period: lastNDays(90, now, timeZone), error: null };
    case "month-to-date":
      return { period: periodContaining("month", now, timeZone, now), error: null };
    case "last-month":
      return {
        period: calendarPeriodOf("month", addMonths({ ...today, day: 1 }, -1), timeZone, now),
        error: null,
      };
    case "quarter-to-date":
      return { period: periodContaining("quarter", now, timeZone, now), error: null };
    case "year-to-date":
      return { period: periodContaining("year", now, timeZone, now), error: null };
    case "custom":
      return customRange(view.period, timeZone, now);
  }
}

function customRange(text: string, timeZone: string, now: Date): ResolvedRange {
  const fallback = lastNDays(30, now, timeZone);
  if (!text) return { period: fallback, error: `Enter a period: ${CUSTOM_PERIOD_HELP}` };
  try {
    const period = parsePeriod(text, timeZone, now);
    if (period.granularity === "rolling")
      return { period: fallback, error: `Use the presets for rolling days. ${CUSTOM_PERIOD_HELP}` };
    if (period.start.getTime() >= now.getTime())
      return { period: fallback, error: `${text} has not started yet.` };
    return { period, error: null };
  } catch {
    return { period: fallback, error: `"${text}" is not a period. ${CUSTOM_PERIOD_HELP}` };
  }
}

/** Days for short ranges, weeks up to a quarter, months beyond. */
export function trendGranularity(view: ViewState, period: Period): TrendGranularity {
  if (view.granularity) return view.granularity;
  const days = (period.end.getTime() - period.start.getTime()) / 86_400_000;
  if (days <= 45) return "day";
  if (days <= 120) return "week";
  return "month";
}

/**
 * The instants the trend's units start in: from the start of the unit holding the period's first day (a
 * week may begin before a month) up to the period's end. One time-zone conversion, whatever the length.
 */
export function trendRange(period: Period, granularity: TrendGranularity): { from: Date; to: Date } {
  return { from: calendarPeriodOf(granularity, period.firstDay, period.timeZone).start, to: period.end };
}

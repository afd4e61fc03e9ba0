/**
 * The dashboard's and KPI pages' view (date range, comparison, trend granularity) lives in the URL so a
 * reload or a shared link shows the same thing. Pure: parsing never throws, unknown values fall back, and
 * a from–to range that cannot be shown comes back with an error saying why.
 */
import type { CivilDate } from "~/kpi/calendar/civil-date";
import {
  addDays,
  addMonths,
  dayNumber,
  daysInMonth,
  formatCivilDate,
  isoWeekday,
  isValidCivilDate,
} from "~/kpi/calendar/civil-date";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import type { CalendarGranularity, Period } from "~/kpi/calendar/period";
import {
  calendarPeriodOf,
  lastLocalDay,
  lastNDays,
  periodContaining,
  rollingDays,
} from "~/kpi/calendar/period";
import { localDate } from "~/kpi/calendar/zone";
import type { MessageId } from "~/i18n/message-id";
import type { Translator } from "~/i18n/translator";

export const RANGE_PRESETS = [
  { value: "today", label: "period.preset.today" },
  { value: "yesterday", label: "period.preset.yesterday" },
  { value: "last-7-days", label: "period.preset.last7Days" },
  { value: "last-30-days", label: "period.preset.last30Days" },
  { value: "last-90-days", label: "period.preset.last90Days" },
  { value: "last-365-days", label: "period.preset.last365Days" },
  { value: "last-week", label: "period.preset.lastWeek" },
  { value: "last-month", label: "period.preset.lastMonth" },
  { value: "last-quarter", label: "period.preset.lastQuarter" },
  { value: "last-year", label: "period.preset.lastYear" },
  { value: "week-to-date", label: "period.preset.weekToDate" },
  { value: "month-to-date", label: "period.preset.monthToDate" },
  { value: "quarter-to-date", label: "period.preset.quarterToDate" },
  { value: "year-to-date", label: "period.preset.yearToDate" },
] as const satisfies readonly { value: string; label: MessageId }[];

export type RangePreset = (typeof RANGE_PRESETS)[number]["value"];
/** A preset, or "custom": the from–to days in the view. */
export type RangeChoice = RangePreset | "custom";
export type Comparison = "previous" | "year" | "none";
/**
 * No "hour": the engine snapshots nothing finer than a local day (its 15-minute slots are not KPI
 * values), so hourly trends would need a second read path (decision 0036).
 */
export type TrendGranularity = "day" | "week" | "month";

/** Each choice with the id of its name: `i18n.t(choice.label)`. */
export const COMPARISONS: readonly { value: Comparison; label: MessageId }[] = [
  { value: "previous", label: "period.compare.previous" },
  { value: "year", label: "period.compare.year" },
  { value: "none", label: "period.compare.none" },
];
export const GRANULARITIES: readonly { value: TrendGranularity; label: MessageId }[] = [
  { value: "day", label: "period.granularity.day" },
  { value: "week", label: "period.granularity.week" },
  { value: "month", label: "period.granularity.month" },
];

/** A preset's name ("Last 30 days"), for the KPI page and the digest as much as for the picker. */
export function presetName(preset: RangePreset, i18n: Translator): string {
  return i18n.t(RANGE_PRESETS.find((p) => p.value === preset)!.label);
}

/** A comparison's name ("Same period last year"). */
export function comparisonName(comparison: Comparison, i18n: Translator): string {
  return i18n.t(COMPARISONS.find((c) => c.value === comparison)!.label);
}

/** Two years, a leap day included. */
export const MAX_RANGE_DAYS = 731;

export interface ViewState {
  readonly range: RangeChoice;
  /** The custom range's first and last local day (YYYY-MM-DD, inclusive), used when range = custom. */
  readonly from: string;
  readonly to: string;
  readonly compare: Comparison;
  /** null: chosen from the range's length. */
  readonly granularity: TrendGranularity | null;
}

export const DEFAULT_VIEW: ViewState = {
  range: "last-30-days",
  from: "",
  to: "",
  compare: "previous",
  granularity: null,
};

const PRESET_VALUES: readonly string[] = RANGE_PRESETS.map((p) => p.value);

const oneOf = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

const dateText = (value: string | null) => (value ?? "").trim().slice(0, 10);

/** The days of a period name from the URLs before from–to (2026-Q1, 2026-W10, 2026-03, 2026-03-09). */
function legacyDays(text: string): { from: string; to: string } {
  // Any far-future `now` leaves the unit whole; its days do not depend on the zone.
  try {
    const period = parsePeriod(text, "UTC", new Date(8.64e15));
    if (period.granularity === "rolling") return { from: text, to: "" };
    return {
      from: formatCivilDate(period.firstDay),
      to: formatCivilDate(addDays(period.firstDay, period.days - 1)),
    };
  } catch {
    return { from: text, to: "" };
  }
}

export function readViewState(params: URLSearchParams): ViewState {
  const granularity = params.get("granularity");
  const rawRange = params.get("range");
  const range: RangeChoice =
    rawRange === "custom" ? "custom" : (oneOf(rawRange, PRESET_VALUES, DEFAULT_VIEW.range) as RangePreset);
  let from = dateText(params.get("from"));
  let to = dateText(params.get("to"));
  const legacy = (params.get("period") ?? "").trim().slice(0, 20);
  if (range === "custom" && !from && !to && legacy) ({ from, to } = legacyDays(legacy));
  return {
    range,
    from: range === "custom" ? from : "",
    to: range === "custom" ? to : "",
    compare: oneOf(params.get("compare"), ["previous", "year", "none"], DEFAULT_VIEW.compare),
    granularity:
      granularity === "day" || granularity === "week" || granularity === "month" ? granularity : null,
  };
}

/** The query string for a view, leaving defaults out so URLs stay short. */
export function viewSearch(view: ViewState): string {
  const params = new URLSearchParams();
  if (view.range !== DEFAULT_VIEW.range) params.set("range", view.range);
  if (view.range === "custom") {
    if (view.from) params.set("from", view.from);
    if (view.to) params.set("to", view.to);
  }
  if (view.compare !== DEFAULT_VIEW.compare) params.set("compare", view.compare);
  if (view.granularity) params.set("granularity", view.granularity);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export interface ResolvedRange {
  readonly period: Period;
  /** Set when the custom range could not be read; the default range is shown instead. */
  readonly error: RangeProblem | null;
  /**
   * The engine keeps a snapshot of this period (a preset, or a custom range that is exactly one day,
   * ISO week, month, quarter or year). Otherwise its values are summed from the daily snapshots.
   */
  readonly snapshotted: boolean;
}

/** YYYY-MM-DD to a date, or null. */
export function parseCivilDate(text: string): CivilDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidCivilDate(year, month, day) ? { year, month, day } : null;
}

/**
 * The period a view shows, in the shop's zone, as of `now` (the snapshots' computedAt, so periods in
 * progress match the snapshot rows exactly).
 */
export function resolveRange(view: ViewState, timeZone: string, now: Date): ResolvedRange {
  const today = localDate(now, timeZone);
  const snapshot = (period: Period): ResolvedRange => ({ period, error: null, snapshotted: true });
  const last = (granularity: CalendarGranularity, back: (d: CivilDate) => CivilDate) =>
    snapshot(calendarPeriodOf(granularity, back(today), timeZone, now));
  switch (view.range) {
    case "today":
      return snapshot(periodContaining("day", now, timeZone, now));
    case "yesterday":
      return last("day", (d) => addDays(d, -1));
    case "last-7-days":
      return snapshot(lastNDays(7, now, timeZone));
    case "last-30-days":
      return snapshot(lastNDays(30, now, timeZone));
    case "last-90-days":
      return snapshot(lastNDays(90, now, timeZone));
    case "last-365-days":
      return snapshot(lastNDays(365, now, timeZone));
    case "last-week":
      return last("week", (d) => addDays(d, -7));
    case "last-month":
      return last("month", (d) => addMonths({ ...d, day: 1 }, -1));
    case "last-quarter":
      return last("quarter", (d) => addMonths({ ...d, day: 1 }, -3));
    case "last-year":
      return last("year", (d) => ({ year: d.year - 1, month: 1, day: 1 }));
    case "week-to-date":
      return snapshot(periodContaining("week", now, timeZone, now));
    case "month-to-date":
      return snapshot(periodContaining("month", now, timeZone, now));
    case "quarter-to-date":
      return snapshot(periodContaining("quarter", now, timeZone, now));
    case "year-to-date":
      return snapshot(periodContaining("year", now, timeZone, now));
    case "custom":
      return customRange(view, today, timeZone, now);
  }
}

/**
 * Why a custom range cannot be shown, as a message and its values: the server finds it, and whoever
 * shows it (the picker in the browser, a banner) words it in the reader's language.
 */
export interface RangeProblem {
  readonly id: MessageId;
  readonly values?: Readonly<Record<string, string | number>>;
}

export const rangeProblemText = (problem: RangeProblem, i18n: Translator): string =>
  i18n.t(problem.id, problem.values);

/** Checks a custom range; null when it can be shown. */
export function customRangeError(fromText: string, toText: string, today: CivilDate): RangeProblem | null {
  if (!fromText && !toText) return { id: "period.error.noDates" };
  const from = parseCivilDate(fromText);
  if (!from) return { id: "period.error.notDate", values: { text: fromText } };
  if (!toText) return { id: "period.error.noEnd" };
  const to = parseCivilDate(toText);
  if (!to) return { id: "period.error.notDate", values: { text: toText } };
  if (dayNumber(to) < dayNumber(from))
    return { id: "period.error.endBeforeStart", values: { from: fromText, to: toText } };
  if (dayNumber(from) > dayNumber(today))
    return { id: "period.error.notStarted", values: { from: fromText } };
  if (dayNumber(to) > dayNumber(today)) return { id: "period.error.future", values: { to: toText } };
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days > MAX_RANGE_DAYS) return { id: "period.error.tooLong", values: { days, max: MAX_RANGE_DAYS } };
  return null;
}

function customRange(view: ViewState, today: CivilDate, timeZone: string, now: Date): ResolvedRange {
  const error = customRangeError(view.from, view.to, today);
  if (error) return { period: lastNDays(30, now, timeZone), error, snapshotted: true };
  const from = parseCivilDate(view.from)!;
  const to = parseCivilDate(view.to)!;
  const unit = calendarUnitSpanned(from, to);
  if (unit) return { period: calendarPeriodOf(unit, from, timeZone, now), error: null, snapshotted: true };
  return {
    period: rollingDays(dayNumber(to) - dayNumber(from) + 1, from, timeZone, now),
    error: null,
    snapshotted: false,
  };
}

/** The calendar unit whose days are exactly from..to, if any: such a range reads the unit's snapshot. */
function calendarUnitSpanned(from: CivilDate, to: CivilDate): CalendarGranularity | null {
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days === 1) return "day";
  if (days === 7 && isoWeekday(from) === 1) return "week";
  if (from.day !== 1 || to.day !== daysInMonth(to.year, to.month)) return null;
  const months = (to.year - from.year) * 12 + to.month - from.month + 1;
  if (months === 1) return "month";
  if (months === 3 && (from.month - 1) % 3 === 0) return "quarter";
  if (months === 12 && from.month === 1) return "year";
  return null;
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

/** The first and last local day a period covers, for the picker (YYYY-MM-DD). */
export function periodDays(period: Period): { from: string; to: string } {
  return { from: formatCivilDate(period.firstDay), to: formatCivilDate(lastLocalDay(period)) };
}

/** What the date picker needs from the server: the shop's today and each preset's days, in its zone. */
export interface PickerDays {
  readonly today: string;
  readonly presets: Readonly<Record<RangePreset, { readonly from: string; readonly to: string }>>;
}

export function pickerDays(timeZone: string, now: Date): PickerDays {
  const presets = Object.fromEntries(
    RANGE_PRESETS.map(({ value }) => [
      value,
      periodDays(resolveRange({ ...DEFAULT_VIEW, range: value }, timeZone, now).period),
    ]),
  ) as Record<RangePreset, { from: string; to: string }>;
  return { today: formatCivilDate(localDate(now, timeZone)), presets };
}

/**
 * Splits a span of time [start, end) into whole local days, summed from the daily rollups, and at most
 * two pieces of a day (a period in progress ends at now), aggregated from the raw rows. Pure.
 *
 * Layer: reading facts (README.md, "Layers").
 */
import { dayNumber, fromDayNumber } from "~/kpi/calendar/civil-date";
import { localDate, startOfLocalDay } from "~/kpi/calendar/zone";
import type { LocalDays } from "~/kpi/calendar/local-days";

export interface Span {
  readonly start: Date;
  readonly end: Date;
}

/** Part of one local day. */
export interface DayPiece {
  readonly day: number;
  readonly start: Date;
  readonly end: Date;
}

export interface SplitSpan {
  /** Whole local days [fromDay, toDay). */
  readonly fromDay: number;
  readonly toDay: number;
  readonly pieces: readonly DayPiece[];
}

// Intl time-zone lookups cost microseconds each and a full recompute asks for the same few thousand
// instants and days many times over: both directions are memoised per zone.
const dayOfInstant = new Map<string, Map<number, number>>();
const startOfDay = new Map<string, Map<number, Date>>();

function cacheFor<V>(caches: Map<string, Map<number, V>>, zone: string): Map<number, V> {
  let cache = caches.get(zone);
  if (!cache || cache.size > 200_000) caches.set(zone, (cache = new Map()));
  return cache;
}

export function localDayNumber(instant: Date, zone: string): number {
  const cache = cacheFor(dayOfInstant, zone);
  let day = cache.get(instant.getTime());
  if (day === undefined) cache.set(instant.getTime(), (day = dayNumber(localDate(instant, zone))));
  return day;
}

export function dayStart(day: number, zone: string): Date {
  const cache = cacheFor(startOfDay, zone);
  let start = cache.get(day);
  if (start === undefined) cache.set(day, (start = startOfLocalDay(fromDayNumber(day), zone)));
  return new Date(start.getTime());
}

/** The memoised calendar, for pure functions that take one (e.g. app/kpi/marketing.ts). */
export const memoisedDays = (zone: string): LocalDays => ({
  dayOf: (instant) => localDayNumber(instant, zone),
  startOf: (day) => dayStart(day, zone),
});

/** True when the instant is the first instant of its local day (a period boundary). */
export function isDayStart(instant: Date, zone: string): boolean {
  return dayStart(localDayNumber(instant, zone), zone).getTime() === instant.getTime();
}

export function splitSpan(span: Span, zone: string): SplitSpan {
  if (span.end.getTime() <= span.start.getTime()) return { fromDay: 0, toDay: 0, pieces: [] };
  const startDay = localDayNumber(span.start, zone);
  const endDay = localDayNumber(span.end, zone);
  const startAligned = isDayStart(span.start, zone);
  const endAligned = isDayStart(span.end, zone);
  if (startDay === endDay && !startAligned)
    return { fromDay: 0, toDay: 0, pieces: [{ day: startDay, ...span }] };
  const pieces: DayPiece[] = [];
  let fromDay = startDay;
  if (!startAligned) {
    fromDay = startDay + 1;
    pieces.push({ day: startDay, start: span.start, end: dayStart(fromDay, zone) });
  }
  if (!endAligned) pieces.push({ day: endDay, start: dayStart(endDay, zone), end: span.end });
  return { fromDay, toDay: Math.max(fromDay, endDay), pieces };
}

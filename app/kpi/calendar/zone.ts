/**
 * Reading instants in a shop's IANA time zone and turning local wall-clock times back into
 * instants, using only Intl (the platform's tz database). Correct across DST changes, including
 * zones whose clocks skip midnight itself (America/Santiago, Asia/Beirut, America/Havana).
 */
import type { CivilDate } from "./civil-date";
import { addDays, formatCivilDate } from "./civil-date";

export interface LocalDateTime extends CivilDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

const MS_PER_SECOND = 1_000;
const MS_PER_HOUR = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown zone, which is what a caller should see.
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** The local calendar date and wall-clock time of an instant in a zone. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("Invalid Date");
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) fields[part.type] = part.value;
  const rawYear = Number(fields.year);
  const year = fields.era === "BC" || fields.era === "B" ? 1 - rawYear : rawYear;
  return {
    year,
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
    millisecond: ((ms % MS_PER_SECOND) + MS_PER_SECOND) % MS_PER_SECOND,
  };
}

export function localDate(instant: Date, timeZone: string): CivilDate {
  const { year, month, day } = toLocal(instant, timeZone);
  return { year, month, day };
}

/** "YYYY-MM-DD" of the local day containing the instant. */
export function localDateKey(instant: Date, timeZone: string): string {
  return formatCivilDate(localDate(instant, timeZone));
}

function wallClockMs(local: LocalDateTime): number {
  const d = new Date(0);
  d.setUTCFullYear(local.year, local.month - 1, local.day);
  d.setUTCHours(local.hour, local.minute, local.second, local.millisecond);
  return d.getTime();
}

/** Local wall time minus UTC at an instant, in ms (e.g. +3 600 000 for UTC+1). */
export function utcOffsetMs(instant: Date, timeZone: string): number {
  return wallClockMs(toLocal(instant, timeZone)) - instant.getTime();
}

/**
 * instantsWithWallTime's answers per zone and wall time: the same local midnights are asked for by every
 * period of every recompute, and each answer costs about ten Intl calls. Pure (the tz database does
 * not change in a running process); a zone's entries are dropped once they pass the bound.
 */
const wallTimeInstants = new Map<string, Map<number, readonly number[]>>();
const WALL_TIMES_PER_ZONE = 50_000;

/**
 * Every instant whose local wall time is exactly `local` (0, 1 or 2 of them), earliest first.
 * The offset that applies must be one of the offsets in force within ±14 h of the wall time.
 */
function instantsWithWallTime(local: LocalDateTime, timeZone: string): readonly number[] {
  const wall = wallClockMs(local);
  let known = wallTimeInstants.get(timeZone);
  const cached = known?.get(wall);
  if (cached) return cached;
  const found = computeInstantsWithWallTime(wall, timeZone);
  if (!known || known.size >= WALL_TIMES_PER_ZONE) wallTimeInstants.set(timeZone, (known = new Map()));
  known.set(wall, found);
  return found;
}

function computeInstantsWithWallTime(wall: number, timeZone: string): readonly number[] {
  const offsets = new Set<number>();
  for (const shiftHours of [-15, -7.5, 0, 7.5, 15]) {
    offsets.add(utcOffsetMs(new Date(wall + shiftHours * MS_PER_HOUR), timeZone));
  }
  const matches = new Set<number>();
  for (const offset of offsets) {
    const candidate = wall - offset;
    if (wallClockMs(toLocal(new Date(candidate), timeZone)) === wall) matches.add(candidate);
  }
  return [...matches].sort((a, b) => a - b);
}

function midnight(date: CivilDate): LocalDateTime {
  return { ...date, hour: 0, minute: 0, second: 0, millisecond: 0 };
}

function compareCivil(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * The first instant of a local calendar day. Usually local midnight (the earlier one if midnight
 * happens twice); when the clocks skip midnight, the first instant that exists on that day.
 */
export function startOfLocalDay(date: CivilDate, timeZone: string): Date {
  const exact = instantsWithWallTime(midnight(date), timeZone)[0];
  if (exact !== undefined) return new Date(exact);
  // Midnight falls in a gap: binary-search the transition. Offsets lie within [−12 h, +14 h], so
  // wall − 16 h is still on an earlier local day and wall + 14 h already on this day or later.
  const wall = wallClockMs(midnight(date));
  let before = Math.floor((wall - 16 * MS_PER_HOUR) / MS_PER_SECOND);
  let atOrAfter = Math.ceil((wall + 14 * MS_PER_HOUR) / MS_PER_SECOND);
  while (atOrAfter - before > 1) {
    const mid = Math.floor((before + atOrAfter) / 2);
    if (compareCivil(localDate(new Date(mid * MS_PER_SECOND), timeZone), date) >= 0) atOrAfter = mid;
    else before = mid;
  }
  return new Date(atOrAfter * MS_PER_SECOND);
}

/**
 * The instant of a local wall time. Ambiguous times (clocks going back) take the earlier instant;
 * times skipped by a gap move forward by the gap's length (as Temporal's "compatible" option).
 */
export function fromLocal(local: LocalDateTime, timeZone: string): Date {
  const isMidnight = local.hour === 0 && local.minute === 0 && local.second === 0 && local.millisecond === 0;
  if (isMidnight) return startOfLocalDay(local, timeZone);
  const exact = instantsWithWallTime(local, timeZone)[0];
  if (exact !== undefined) return new Date(exact);
  const wall = wallClockMs(local);
  const offsetBeforeGap = utcOffsetMs(new Date(wall - 15 * MS_PER_HOUR), timeZone);
  return new Date(wall - offsetBeforeGap);
}

export function startOfLocalDayContaining(instant: Date, timeZone: string): Date {
  return startOfLocalDay(localDate(instant, timeZone), timeZone);
}

/**
 * Moves an instant by n calendar days in the zone, keeping its local wall time (a day boundary
 * stays a day boundary). A "W days" window is therefore W local days, whatever DST does.
 */
export function addLocalDays(instant: Date, n: number, timeZone: string): Date {
  const local = toLocal(instant, timeZone);
  const target = addDays(local, n);
  if (instant.getTime() === startOfLocalDay(local, timeZone).getTime()) {
    return startOfLocalDay(target, timeZone);
  }
  return fromLocal({ ...local, ...target }, timeZone);
}

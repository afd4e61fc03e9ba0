/**
 * Shopify writes REST timestamps in the shop's own offset ("2026-01-09T19:00:17-05:00"),
 * not in UTC, so the fake does too: apps must parse offsets, not assume "Z".
 */

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function offsetFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormatters.set(timeZone, formatter);
  }
  return formatter;
}

// Offsets change only at zone transitions, which fall on quarter hours; caching per quarter
// hour makes bulk generation (70k orders) fast without any calendar maths of our own.
const QUARTER_HOUR_MS = 900_000;
const offsetCache = new Map<string, Map<number, number>>();

/** Minutes east of UTC that `timeZone` observes at `instant` (e.g. -300 for New York in winter). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  let zoneCache = offsetCache.get(timeZone);
  if (!zoneCache) {
    zoneCache = new Map();
    offsetCache.set(timeZone, zoneCache);
  }
  const bucket = Math.floor(instant.getTime() / QUARTER_HOUR_MS);
  let offset = zoneCache.get(bucket);
  if (offset === undefined) {
    offset = readZoneOffset(new Date(bucket * QUARTER_HOUR_MS), timeZone);
    zoneCache.set(bucket, offset);
  }
  return offset;
}

function readZoneOffset(instant: Date, timeZone: string): number {
  const name = offsetFormatter(timeZone)
    .formatToParts(instant)
    .find((part) => part.type === "timeZoneName")?.value;
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? "");
  if (!match) throw new Error(`cannot read the UTC offset of ${timeZone}: "${name}"`);
  const [, sign, hours = "0", minutes = "0"] = match;
  const total = Number(hours) * 60 + Number(minutes);
  return sign === "-" ? -total : total;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/** ISO 8601 with the zone's offset and whole seconds, as Shopify's REST payloads carry it. */
export function formatShopTime(instant: Date, timeZone: string): string {
  const offset = zoneOffsetMinutes(instant, timeZone);
  const local = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offset * 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The calendar date ("YYYY-MM-DD") that `instant` falls on in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  return formatShopTime(instant, timeZone).slice(0, 10);
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` plus `secondsOfDay`.
 * A wall time skipped by a DST jump resolves to an instant an hour away, kept on `date`.
 */
export function zonedTimeToInstant(date: string, secondsOfDay: number, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`expected YYYY-MM-DD, got "${date}"`);
  const [, y, m, d] = match;
  const wallAsUtc = Date.UTC(Number(y), Number(m) - 1, Number(d)) + secondsOfDay * 1000;
  // Two passes settle the offset on either side of a DST change.
  let guess = wallAsUtc - zoneOffsetMinutes(new Date(wallAsUtc), timeZone) * 60_000;
  guess = wallAsUtc - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  // Where the jump happens at midnight, the nearby instant may fall on the day before.
  if (localDate(new Date(guess), timeZone) < date) guess += 3_600_000;
  return new Date(guess);
}

/** Adds whole calendar days to a "YYYY-MM-DD" date. */
export function addDays(date: string, days: number): string {
  const base = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(base.getTime())) throw new RangeError(`expected YYYY-MM-DD, got "${date}"`);
  return new Date(base.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`, both "YYYY-MM-DD". */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type DateInput = Date | string;

export function toDate(value: DateInput): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`invalid date: ${String(value)}`);
  return date;
}

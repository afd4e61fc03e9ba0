/**
 * Calendar arithmetic on plain local dates (proleptic Gregorian), with no time zone involved.
 * A "day number" counts days since 1970-01-01, which makes date differences and weekdays trivial.
 */

export interface CivilDate {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number; // 1–31
}

const MS_PER_DAY = 86_400_000;

export function dayNumber(date: CivilDate): number {
  return Math.round(Date.UTC(date.year, date.month - 1, date.day) / MS_PER_DAY);
}

export function fromDayNumber(days: number): CivilDate {
  const d = new Date(days * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function addDays(date: CivilDate, n: number): CivilDate {
  return fromDayNumber(dayNumber(date) + n);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds months, clamping the day to the target month's length (31 Mar − 1 month = 28/29 Feb). */
export function addMonths(date: CivilDate, n: number): CivilDate {
  const index = date.year * 12 + (date.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** ISO weekday: Monday = 1 … Sunday = 7. */
export function isoWeekday(date: CivilDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** Monday of ISO week 1, i.e. the Monday of the week that contains 4 January. */
function firstIsoMonday(isoYear: number): CivilDate {
  const jan4: CivilDate = { year: isoYear, month: 1, day: 4 };
  return addDays(jan4, 1 - isoWeekday(jan4));
}

export function isoWeeksInYear(isoYear: number): number {
  return (dayNumber(firstIsoMonday(isoYear + 1)) - dayNumber(firstIsoMonday(isoYear))) / 7;
}

export function isoWeekMonday(isoYear: number, week: number): CivilDate {
  return addDays(firstIsoMonday(isoYear), (week - 1) * 7);
}

export function isoWeekOf(date: CivilDate): { isoYear: number; week: number } {
  // The ISO year is the year of the Thursday of the same week.
  const thursday = addDays(date, 4 - isoWeekday(date));
  const isoYear = thursday.year;
  const week = Math.floor((dayNumber(date) - dayNumber(firstIsoMonday(isoYear))) / 7) + 1;
  return { isoYear, week };
}

export function isValidCivilDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** "YYYY-MM-DD". */
export function formatCivilDate(date: CivilDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

export function formatCivilMonth(year: number, month: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}`;
}

export function formatIsoWeek(isoYear: number, week: number): string {
  return `${pad(isoYear, 4)}-W${pad(week, 2)}`;
}

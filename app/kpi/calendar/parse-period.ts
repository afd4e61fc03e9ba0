/**
 * Reads the period names used in URLs and settings: yyyy-mm-dd, yyyy-Www (ISO week), yyyy-mm,
 * yyyy-Qn, yyyy and last-N-days. Anything else, or an impossible date, throws a RangeError.
 */
import { isoWeekMonday, isoWeeksInYear, isValidCivilDate } from "./civil-date";
import type { Period } from "./period";
import { dayPeriod, isoWeekPeriod, lastNDays, monthPeriod, quarterPeriod, yearPeriod } from "./period";
import { assertTimeZone } from "./zone";

/** Ten years of days: longer rolling windows are almost certainly a typo. */
export const MAX_ROLLING_DAYS = 3660;

export function parsePeriod(text: string, timeZone: string, now: Date): Period {
  assertTimeZone(timeZone);
  const input = text.trim();
  let m: RegExpExecArray | null;

  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input))) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!isValidCivilDate(year, month, day)) throw new RangeError(`No such date: ${input}`);
    return dayPeriod({ year, month, day }, timeZone, now);
  }
  if ((m = /^(\d{4})-W(\d{2})$/i.exec(input))) {
    const [isoYear, week] = [Number(m[1]), Number(m[2])];
    if (week < 1 || week > isoWeeksInYear(isoYear)) throw new RangeError(`No such ISO week: ${input}`);
    return isoWeekPeriod(isoYear, week, isoWeekMonday(isoYear, week), timeZone, now);
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(input))) {
    const [year, month] = [Number(m[1]), Number(m[2])];
    if (month < 1 || month > 12) throw new RangeError(`No such month: ${input}`);
    return monthPeriod(year, month, timeZone, now);
  }
  if ((m = /^(\d{4})-Q(\d)$/i.exec(input))) {
    const [year, quarter] = [Number(m[1]), Number(m[2])];
    if (quarter < 1 || quarter > 4) throw new RangeError(`No such quarter: ${input}`);
    return quarterPeriod(year, quarter, timeZone, now);
  }
  if ((m = /^(\d{4})$/.exec(input))) {
    return yearPeriod(Number(m[1]), timeZone, now);
  }
  if ((m = /^last-(\d{1,5})-days$/i.exec(input))) {
    const n = Number(m[1]);
    if (n < 1 || n > MAX_ROLLING_DAYS)
      throw new RangeError(`last-N-days needs 1 ≤ N ≤ ${MAX_ROLLING_DAYS}: ${input}`);
    return lastNDays(n, now, timeZone);
  }
  throw new RangeError(
    `Unrecognised period "${text}" (expected yyyy-mm-dd, yyyy-Www, yyyy-mm, yyyy-Qn, yyyy or last-N-days)`,
  );
}

/** Monthly marketing spend entries: which months and amounts a merchant may enter. Pure. */
import { localDate } from "~/kpi/calendar/zone";

export const MONTH_KEY = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Above this (in major units a month) an entry is a typo, not a budget. */
export const MAX_MONTHLY_SPEND_MAJOR = 1_000_000_000;

/** The local month ("YYYY-MM") that `now` falls in. */
export function monthKeyOf(now: Date, timeZone: string): string {
  const d = localDate(now, timeZone);
  return `${d.year}-${String(d.month).padStart(2, "0")}`;
}

/** Why an entry cannot be saved, or null. Months after `currentMonth` have no spend yet. */
export function spendEntryProblem(
  month: string,
  minor: number,
  exponent: number,
  currentMonth: string,
): string | null {
  if (!MONTH_KEY.test(month)) return `"${month}" is not a month (YYYY-MM)`;
  if (month > currentMonth) return "is in the future: enter spend once the month has started";
  if (!Number.isSafeInteger(minor)) return "must be an amount in the shop currency";
  if (minor < 0) return "cannot be negative";
  if (minor > MAX_MONTHLY_SPEND_MAJOR * 10 ** exponent)
    return `must be at most ${MAX_MONTHLY_SPEND_MAJOR.toLocaleString("en-US")} a month`;
  return null;
}

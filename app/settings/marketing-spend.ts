/** Monthly marketing spend entries: which months and amounts a merchant may enter. Pure. */
import type { MessageId } from "~/i18n/message-id";
import type { MessageValues } from "~/i18n/translator";
import { localDate } from "~/kpi/calendar/zone";

export const MONTH_KEY = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Above this (in major units a month) an entry is a typo, not a budget. */
export const MAX_MONTHLY_SPEND_MAJOR = 1_000_000_000;

/** The local month ("YYYY-MM") that `now` falls in. */
export function monthKeyOf(now: Date, timeZone: string): string {
  const d = localDate(now, timeZone);
  return `${d.year}-${String(d.month).padStart(2, "0")}`;
}

/** Why an entry cannot be saved, as a message of the reader's language. */
export interface SpendProblem {
  readonly id: MessageId;
  readonly values?: MessageValues;
}

/** Why an entry cannot be saved, or null. Months after `currentMonth` have no spend yet. */
export function spendEntryProblem(
  month: string,
  minor: number,
  exponent: number,
  currentMonth: string,
): SpendProblem | null {
  if (!MONTH_KEY.test(month)) return { id: "settings.error.spendMonth", values: { month } };
  if (month > currentMonth) return { id: "settings.error.spendFuture" };
  if (!Number.isSafeInteger(minor)) return { id: "settings.error.spendNotAmount" };
  if (minor < 0) return { id: "settings.error.negative" };
  if (minor > MAX_MONTHLY_SPEND_MAJOR * 10 ** exponent)
    return { id: "settings.error.spendMax", values: { max: MAX_MONTHLY_SPEND_MAJOR } };
  return null;
}

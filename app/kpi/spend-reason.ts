/**
 * Why a marketing KPI (spend, CAC, ROAS, LTV:CAC) is empty when the reason is missing spend: the months
 * its window touches that have no amount in Settings. Pure; the dashboard, the KPI pages and the digest
 * show the same words, in the reader's language.
 */
import { formatCivilMonth } from "~/kpi/calendar/civil-date";
import { localDate } from "~/kpi/calendar/zone";
import type { Translator } from "~/i18n/translator";
import type { KpiId } from "~/kpi/catalog";
import { yearEndingAt } from "./customers";
import type { TimeRange } from "./time-range";

/** Which window's spend a KPI reads: the period's own, or the 365 days ending with it. */
const SPEND_WINDOW: Partial<Record<KpiId, "period" | "year">> = {
  marketing_spend: "period",
  cac: "period",
  roas: "period",
  ltv_to_cac: "year",
};

export const needsSpend = (kpi: string): boolean => kpi in SPEND_WINDOW;

/** The local months ("YYYY-MM") the range touches that have no spend entered, oldest first. */
export function monthsWithoutSpend(
  range: TimeRange,
  spendByMonth: Readonly<Record<string, number>> | null,
  timeZone: string,
): string[] {
  if (range.end <= range.start) return [];
  const first = localDate(range.start, timeZone);
  const last = localDate(new Date(range.end.getTime() - 1), timeZone);
  const missing: string[] = [];
  for (let y = first.year, m = first.month; y < last.year || (y === last.year && m <= last.month);) {
    const key = formatCivilMonth(y, m);
    if (spendByMonth?.[key] === undefined) missing.push(key);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return missing;
}

const monthName = (key: string, i18n: Translator) => {
  const [year, month] = key.split("-").map(Number) as [number, number];
  return i18n.intl.formatDate(new Date(Date.UTC(year, month - 1, 1)), {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
};

/** "Enter marketing spend in settings (missing: Nov 2026, Dec 2026)", or null when the spend is there. */
export function missingSpendReason(
  kpi: string,
  period: TimeRange,
  spendByMonth: Readonly<Record<string, number>> | null,
  timeZone: string,
  i18n: Translator,
): string | null {
  const window = SPEND_WINDOW[kpi as KpiId];
  if (!window) return null;
  const range = window === "year" ? yearEndingAt(period.end, timeZone) : period;
  const missing = monthsWithoutSpend(range, spendByMonth, timeZone);
  if (missing.length === 0) return null;
  const name = (key: string) => monthName(key, i18n);
  const names =
    missing.length > 3
      ? [...missing.slice(0, 2).map(name), i18n.t("blanks.spend.more", { count: missing.length - 2 })]
      : missing.map(name);
  const months = i18n.intl.formatList(names, { type: "unit", style: "short" });
  return i18n.t(window === "year" ? "blanks.spend.missing.year" : "blanks.spend.missing", { months });
}

/**
 * Numbers as the digest shows them: money in the shop's currency, everything in the shop's locale
 * (Intl), undefined values as "—" (docs/kpi-definitions.md, Ground rules). Money KPIs arrive in minor units.
 */
import { currencyExponent } from "~/kpi/money";
import type { DigestKpiKind } from "./digest-kpis";

export const NONE = "—";

export interface DigestFormat {
  readonly locale: string;
  value(kind: DigestKpiKind, value: number | null): string;
  /** A change from changeOf(): "+12.3 %" for money and counts, "−1.2 pts" for rates. */
  change(kind: DigestKpiKind, change: number | null): string;
  /** "Nov 16 – 22, 2026" for [start, end) in the zone. */
  dateRange(start: Date, end: Date, timeZone: string): string;
}

/** A locale Intl knows, else English (a bad tag must not stop the digest). */
export function usableLocale(locale: string | null | undefined): string {
  if (!locale) return "en";
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length > 0 ? locale : "en";
  } catch {
    return "en";
  }
}

export function digestFormat(localeTag: string | null | undefined, currency: string): DigestFormat {
  const locale = usableLocale(localeTag);
  const exponent = currencyExponent(currency);
  const money = new Intl.NumberFormat(locale, { style: "currency", currency });
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const rate = new Intl.NumberFormat(locale, {
    style: "percent",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const relative = new Intl.NumberFormat(locale, {
    style: "percent",
    maximumFractionDigits: 1,
    signDisplay: "exceptZero",
  });
  const multiple = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const points = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: "exceptZero",
  });
  return {
    locale,
    value(kind, value) {
      if (value === null || !Number.isFinite(value)) return NONE;
      if (kind === "money") return money.format(value / 10 ** exponent);
      if (kind === "count") return count.format(value);
      if (kind === "multiple") return `${multiple.format(value)}×`;
      return rate.format(value);
    },
    change(kind, change) {
      if (change === null || !Number.isFinite(change)) return NONE;
      return kind === "rate" ? `${points.format(change * 100)} pts` : relative.format(change);
    },
    dateRange(start, end, timeZone) {
      const dates = new Intl.DateTimeFormat(locale, {
        timeZone,
        day: "numeric",
        month: "short",
        year: "numeric",
      });
      return dates.formatRange(start, new Date(end.getTime() - 1));
    },
  };
}

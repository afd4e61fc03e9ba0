/**
 * Numbers as the digest shows them: money in the shop's currency, everything in the digest's language
 * (Intl), undefined values as "—" (docs/kpi-definitions.md, Ground rules). Money KPIs arrive in minor units.
 */
import { translatorFor } from "~/i18n/catalog.server";
import { DEFAULT_LOCALE, isLanguage, matchLocale } from "~/i18n/locales";
import type { Translator } from "~/i18n/translator";
import { currencyExponent } from "~/kpi/money";
import type { DigestKpiKind } from "./digest-kpis";

export const NONE = "—";

export interface DigestFormat {
  readonly locale: string;
  /** The words of the digest, in the language its numbers are written in. */
  readonly i18n: Translator;
  value(kind: DigestKpiKind, value: number | null): string;
  /** A change from changeOf(): "+12.3 %" for money and counts, "−1.2 pts" for rates. */
  change(kind: DigestKpiKind, change: number | null): string;
  /** "Nov 16 – 22, 2026" for [start, end) in the zone, in the locale's own words. */
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

/** The translator of a tag's language: the digest's language ("pl") gives its words; any other tag English. */
function translatorOf(localeTag: string | null | undefined): Translator {
  const language = matchLocale(localeTag);
  return translatorFor(isLanguage(language) ? language : DEFAULT_LOCALE);
}

/** Formats in `localeTag` (the digest's language), with the words of `i18n` (by default that language's). */
export function digestFormat(
  localeTag: string | null | undefined,
  currency: string,
  i18n: Translator = translatorOf(localeTag),
): DigestFormat {
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
    i18n,
    value(kind, value) {
      if (value === null || !Number.isFinite(value)) return NONE;
      if (kind === "money") return money.format(value / 10 ** exponent);
      if (kind === "count") return count.format(value);
      if (kind === "multiple") return `${multiple.format(value)}×`;
      return rate.format(value);
    },
    change(kind, change) {
      if (change === null || !Number.isFinite(change)) return NONE;
      if (kind !== "rate") return relative.format(change);
      return i18n.t("common.format.points", { value: points.format(change * 100) });
    },
    dateRange(start, end, timeZone) {
      // In the words' locale, so a month name never appears in another language than the sentence.
      return i18n.intl.formatDateTimeRange(start, new Date(end.getTime() - 1), {
        timeZone,
        day: "numeric",
        month: "short",
        year: "numeric",
      });
    },
  };
}

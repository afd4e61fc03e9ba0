/**
 * How KPI values and their changes read on screen and in CSV: on screen in the reader's locale (the
 * translator's, the same on the server and in the browser, so hydration prints the same characters);
 * in CSV as plain numbers.
 */
import type { Translator } from "~/i18n/translator";
import { currencyExponent } from "~/kpi/money";
import type { KpiFormat } from "./kpi-catalog";

/** Shown for an undefined value (zero denominator), never 0 (docs/kpi-definitions.md, Ground rules). */
export const UNDEFINED_VALUE = "—";

/**
 * A money value (minor units, often fractional: an average) in major units, rounded to whole minor
 * units half away from zero first. Dividing first lets 11,498.5 cents become 114.98499… dollars, which
 * the screen (Intl, decimal rounding) showed as $114.99 and the CSV (toFixed, binary) as 114.98.
 */
function majorUnits(value: number, currency: string): { major: number; exponent: number } {
  const exponent = currencyExponent(currency);
  return { major: (Math.sign(value) * Math.round(Math.abs(value))) / 10 ** exponent, exponent };
}

export function formatKpi(
  value: number | null,
  format: KpiFormat,
  currency: string,
  i18n: Translator,
): string {
  if (value === null || !Number.isFinite(value)) return UNDEFINED_VALUE;
  const { intl } = i18n;
  switch (format) {
    case "money":
      return intl.formatNumber(majorUnits(value, currency).major, { style: "currency", currency });
    case "count":
      return intl.formatNumber(Math.round(value));
    case "percent":
      return intl.formatNumber(value, {
        style: "percent",
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      });
    case "years": {
      const rounded = Math.round(value * 10) / 10;
      return i18n.t("common.format.years", {
        count: rounded,
        value: intl.formatNumber(rounded, { maximumFractionDigits: 1 }),
      });
    }
    case "multiple":
      return intl.formatNumber(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
}

/**
 * A chart axis tick: money without cents from 100 up (and whole amounts below), compact from 10,000
 * ("$12.3K"), so the axis reads at a glance; the tooltip and the table keep the exact value.
 */
export function formatAxisTick(value: number, format: KpiFormat, currency: string, i18n: Translator): string {
  if (format !== "money" || !Number.isFinite(value)) return formatKpi(value, format, currency, i18n);
  const { major } = majorUnits(value, currency);
  const size = Math.abs(major);
  // Small values keep their cents unless they have none ($42.50, but $70 beside $105).
  if (size < 100 && !Number.isInteger(major)) return formatKpi(value, format, currency, i18n);
  return i18n.intl.formatNumber(major, {
    style: "currency",
    currency,
    minimumFractionDigits: 0,
    maximumFractionDigits: size < 10_000 ? 0 : 1,
    notation: size < 10_000 ? "standard" : "compact",
  });
}

/** A plain number for CSV: money in major units, percentages as percent, nothing localised. */
export function csvKpi(value: number | null, format: KpiFormat, currency: string): string {
  if (value === null || !Number.isFinite(value)) return "";
  switch (format) {
    case "money": {
      const { major, exponent } = majorUnits(value, currency);
      return major.toFixed(exponent);
    }
    case "count":
      return String(Math.round(value));
    case "percent":
      return (value * 100).toFixed(2);
    case "years":
    case "multiple":
      return value.toFixed(2);
  }
}

export type ChangeVerdict = "better" | "worse" | "flat" | "unknown";

export interface KpiChange {
  /** e.g. "+12.3%", "−1.4 pts"; "—" when there is nothing to compare with. */
  readonly text: string;
  readonly direction: "up" | "down" | "flat" | "none";
  readonly verdict: ChangeVerdict;
}

const FLAT_EPSILON = 1e-9;

/**
 * Change of a KPI against a comparison value. Rates change in percentage points (a churn going from 5 % to
 * 6 % is "+1.0 pts", not "+20 %"); amounts and counts in percent of the earlier value. From a zero base
 * there is no percentage (it would be infinite): the change reads "up from 0" or "down from 0". A change
 * that rounds to nothing is flat, so no "−0.0 pts" is painted red.
 */
export function kpiChange(
  current: number | null,
  before: number | null,
  format: KpiFormat,
  higherIsBetter: boolean,
  i18n: Translator,
): KpiChange {
  if (current === null || before === null || !Number.isFinite(current) || !Number.isFinite(before)) {
    return { text: UNDEFINED_VALUE, direction: "none", verdict: "unknown" };
  }
  const delta = current - before;
  const { intl } = i18n;
  const flat: KpiChange = { text: intl.formatNumber(0), direction: "flat", verdict: "flat" };
  if (Math.abs(delta) < FLAT_EPSILON) return flat;
  const direction = delta > 0 ? "up" : "down";
  const verdict = delta > 0 === higherIsBetter ? "better" : "worse";
  // A true minus sign, as the design has always shown it; Intl would print a hyphen-minus in English.
  const signed = (text: string) => `${delta > 0 ? "+" : "−"}${text}`;
  if (format === "percent") {
    const points = Math.round(Math.abs(delta * 100) * 10) / 10;
    if (points === 0) return flat;
    const value = intl.formatNumber(points, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    return { text: signed(i18n.t("common.format.points", { value })), direction, verdict };
  }
  if (before === 0) {
    return {
      text: i18n.t(direction === "up" ? "common.format.upFromZero" : "common.format.downFromZero"),
      direction,
      verdict,
    };
  }
  const relative = Math.abs(delta / before);
  const digits = relative >= 1 ? 0 : 1;
  const rounded = Math.round(relative * 10 ** (digits + 2)) / 10 ** (digits + 2);
  if (rounded === 0) return flat;
  const text = intl.formatNumber(rounded, {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return { text: signed(text), direction, verdict };
}

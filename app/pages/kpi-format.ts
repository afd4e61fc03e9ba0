/**
 * How KPI values and their changes read on screen and in CSV. Pure and locale-fixed ("en") so the
 * server render and the browser's hydration print the same characters.
 */
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

export function formatKpi(value: number | null, format: KpiFormat, currency: string): string {
  if (value === null || !Number.isFinite(value)) return UNDEFINED_VALUE;
  switch (format) {
    case "money":
      return new Intl.NumberFormat("en", { style: "currency", currency }).format(
        majorUnits(value, currency).major,
      );
    case "count":
      return Math.round(value).toLocaleString("en");
    case "percent":
      return `${(value * 100).toLocaleString("en", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
    case "years":
      return `${value.toLocaleString("en", { maximumFractionDigits: 1 })} years`;
    case "multiple":
      return value.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
}

/**
 * A chart axis tick: money without cents from 100 up (and whole amounts below), compact from 10,000
 * ("$12.3K"), so the axis reads at a glance; the tooltip and the table keep the exact value.
 */
export function formatAxisTick(value: number, format: KpiFormat, currency: string): string {
  if (format !== "money" || !Number.isFinite(value)) return formatKpi(value, format, currency);
  const { major } = majorUnits(value, currency);
  const size = Math.abs(major);
  // Small values keep their cents unless they have none ($42.50, but $70 beside $105).
  if (size < 100 && !Number.isInteger(major)) return formatKpi(value, format, currency);
  return new Intl.NumberFormat("en", {
    style: "currency",
    currency,
    minimumFractionDigits: 0,
    maximumFractionDigits: size < 10_000 ? 0 : 1,
    notation: size < 10_000 ? "standard" : "compact",
  }).format(major);
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
): KpiChange {
  if (current === null || before === null || !Number.isFinite(current) || !Number.isFinite(before)) {
    return { text: UNDEFINED_VALUE, direction: "none", verdict: "unknown" };
  }
  const delta = current - before;
  const flat: KpiChange = { text: "0", direction: "flat", verdict: "flat" };
  if (Math.abs(delta) < FLAT_EPSILON) return flat;
  const direction = delta > 0 ? "up" : "down";
  const verdict = delta > 0 === higherIsBetter ? "better" : "worse";
  const sign = delta > 0 ? "+" : "−";
  if (format === "percent") {
    const points = Math.abs(delta * 100).toFixed(1);
    return points === "0.0" ? flat : { text: `${sign}${points} pts`, direction, verdict };
  }
  if (before === 0) return { text: `${direction} from 0`, direction, verdict };
  const relative = Math.abs(delta / before) * 100;
  const text = relative >= 100 ? relative.toFixed(0) : relative.toFixed(1);
  return text === "0.0" ? flat : { text: `${sign}${text}%`, direction, verdict };
}

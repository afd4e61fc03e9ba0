/**
 * Customer lifetime value: the historical value customers have brought so far (historical-clv.ts), and
 * the formula estimate AOV × purchase frequency × 1 ÷ annual churn (app/kpi/catalog/clv.ts) applied to
 * the facts of the orders.
 */
import type { FormulaClvParts } from "~/kpi/catalog/clv";
import { formulaClvOf } from "~/kpi/catalog/clv";
import { activeCustomersAt, yearEndingAt } from "./customers";
export { ANNUAL_WINDOW_DAYS } from "./facts-from-data";
import { yearFactsFromData } from "./facts-from-data";
import { marketingSpendMinor } from "./marketing";
import type { KpiData } from "./prepare";
import { ratio } from "./ratio";
import type { KpiSettings } from "./settings";
import type { TimeRange } from "./time-range";
import type { Ratio } from "./types";

export type { CohortClv, HistoricalClv } from "./historical-clv";
export { historicalClv } from "./historical-clv";

export interface FormulaClv extends FormulaClvParts {
  /** The 365 local days ending at the end of P, over which every input is measured. */
  readonly window: TimeRange;
  readonly grossMarginPct: number | null;
}

/** Churn of `range` with a given activity window: (S − R) ÷ S. */
export function churnOver(data: KpiData, range: TimeRange, windowDays: number): Ratio {
  const atStart = activeCustomersAt(data, range.start, windowDays);
  const atEnd = activeCustomersAt(data, range.end, windowDays);
  let retained = 0;
  for (const key of atStart) if (atEnd.has(key)) retained += 1;
  return ratio(atStart.size - retained, atStart.size);
}

export function formulaClv(
  data: KpiData,
  end: Date,
  settings: Pick<KpiSettings, "grossMarginPct" | "marketingSpendByMonth">,
): FormulaClv {
  const window = yearEndingAt(end, data.timezone);
  const spend = marketingSpendMinor(window, settings.marketingSpendByMonth, data.timezone);
  const parts = formulaClvOf(yearFactsFromData(data, end), settings.grossMarginPct, spend);
  return { ...parts, window, grossMarginPct: settings.grossMarginPct };
}

/**
 * Customer lifetime value: the historical value customers have brought so far (net of refunds,
 * no shipping or tax), and the formula estimate AOV × purchase frequency × 1 ÷ annual churn.
 */
import { formatCivilMonth } from "./calendar/civil-date";
import { localDate } from "./calendar/zone";
import type { CustomerKey } from "./identity";
import type { KpiData } from "./prepare";
import { activeCustomersAt, newCustomersIn, purchaseFrequency, yearEndingAt } from "./customers";
import { customerAcquisitionCost, marketingSpendMinor } from "./marketing";
import { ratio } from "./ratio";
import { salesKpis } from "./sales";
import type { KpiSettings } from "./settings";
import type { TimeRange } from "./time-range";
import type { Ratio } from "./types";

export interface CohortClv {
  /** "YYYY-MM": local month of the customers' first counted order. */
  readonly cohort: string;
  readonly customers: number;
  readonly netRevenueMinor: number;
  readonly value: number;
}

export interface HistoricalClv extends Ratio {
  /** Σ (gross − discounts − returns) of identified customers' counted orders up to the end. */
  readonly numerator: number;
  /** Identified customers with a counted order before the end. */
  readonly denominator: number;
  readonly cohorts: readonly CohortClv[];
}

/** Net revenue per identified customer as of `end`, overall and per monthly acquisition cohort. */
export function historicalClv(data: KpiData, end: Date): HistoricalClv {
  const endMs = end.getTime();
  const revenue = new Map<CustomerKey, number>();
  for (const p of data.countedOrders) {
    if (p.customerKey === null || p.date.getTime() >= endMs) continue;
    revenue.set(p.customerKey, (revenue.get(p.customerKey) ?? 0) + p.grossMinor - p.order.discountsMinor);
  }
  for (const { refund, order, bookedAt } of data.refunds) {
    if (order.customerKey === null || order.date.getTime() >= endMs || bookedAt.getTime() >= endMs) continue;
    revenue.set(order.customerKey, (revenue.get(order.customerKey) ?? 0) - refund.linesSubtotalMinor);
  }

  const cohorts = new Map<string, { customers: number; netRevenueMinor: number }>();
  let total = 0;
  for (const [key, net] of revenue) {
    total += net;
    const first = data.firstOrderAt.get(key);
    if (!first) continue;
    const { year, month } = localDate(first, data.timezone);
    const cohort = formatCivilMonth(year, month);
    const entry = cohorts.get(cohort) ?? { customers: 0, netRevenueMinor: 0 };
    entry.customers += 1;
    entry.netRevenueMinor += net;
    cohorts.set(cohort, entry);
  }
  const byCohort = [...cohorts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([cohort, { customers, netRevenueMinor }]) => ({ cohort, customers, netRevenueMinor, value: netRevenueMinor / customers }));
  return { ...ratio(total, revenue.size), cohorts: byCohort };
}

export interface FormulaClv {
  /** Null when any input is undefined (no orders, annual churn 0 or undefined, CAC undefined). */
  readonly value: number | null;
  /** The 365 local days ending at the end of P, over which every input is measured. */
  readonly window: TimeRange;
  readonly aov: Ratio;
  readonly purchaseFrequency: Ratio;
  /** Churn of the window with W = 365. */
  readonly annualChurn: Ratio;
  readonly expectedLifetimeYears: number | null;
  readonly grossMarginPct: number | null;
  /** AOV × frequency × lifetime (× margin), before CAC is taken off. */
  readonly valueBeforeCac: number | null;
  /** CAC of the window; null when no marketing spend is given. */
  readonly cac: Ratio | null;
}

export const ANNUAL_WINDOW_DAYS = 365;

/** Churn of `range` with a given activity window: (S − R) ÷ S. */
export function churnOver(data: KpiData, range: TimeRange, windowDays: number): Ratio {
  const atStart = activeCustomersAt(data, range.start, windowDays);
  const atEnd = activeCustomersAt(data, range.end, windowDays);
  let retained = 0;
  for (const key of atStart) if (atEnd.has(key)) retained += 1;
  return ratio(atStart.size - retained, atStart.size);
}

export function formulaClv(data: KpiData, end: Date, settings: Pick<KpiSettings, "grossMarginPct" | "marketingSpendByMonth">): FormulaClv {
  const window = yearEndingAt(end, data.timezone);
  const aov = salesKpis(data, window).aov;
  const frequency = purchaseFrequency(data, end);
  const annualChurn = churnOver(data, window, ANNUAL_WINDOW_DAYS);
  const expectedLifetimeYears = annualChurn.value ? 1 / annualChurn.value : null;
  const margin = settings.grossMarginPct;

  let valueBeforeCac: number | null = null;
  if (aov.value !== null && frequency.value !== null && expectedLifetimeYears !== null) {
    valueBeforeCac = aov.value * frequency.value * expectedLifetimeYears * (margin === null ? 1 : margin / 100);
  }
  const spend = marketingSpendMinor(window, settings.marketingSpendByMonth, data.timezone);
  const cac = customerAcquisitionCost(spend, newCustomersIn(data, window).size);
  let value = valueBeforeCac;
  if (value !== null && cac !== null) value = cac.value === null ? null : value - cac.value;
  return { value, window, aov, purchaseFrequency: frequency, annualChurn, expectedLifetimeYears, grossMarginPct: margin, valueBeforeCac, cac };
}

/**
 * Historical customer value: net revenue (net of refunds, no shipping or tax) per identified customer up
 * to an instant, overall and per monthly acquisition cohort.
 */
import { formatCivilMonth } from "~/kpi/calendar/civil-date";
import { localDate } from "~/kpi/calendar/zone";
import type { CustomerKey } from "./identity";
import type { KpiData } from "./prepare";
import { ratio } from "./ratio";
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
    .map(([cohort, { customers, netRevenueMinor }]) => ({
      cohort,
      customers,
      netRevenueMinor,
      value: netRevenueMinor / customers,
    }));
  return { ...ratio(total, revenue.size), cohorts: byCohort };
}

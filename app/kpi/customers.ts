/**
 * Customer KPIs. A customer is active at t with a counted order in [t − W local days, t). For
 * P = [start, end): S active at start, E active at end, N new in P, Nₑ = N ∩ E, R = S ∩ E,
 * reactivated = E − S − N. Since S, N are disjoint, E = R + Nₑ + reactivated, which gives the
 * identities 1 − churn = R ÷ S and CRR = (R + reactivated) ÷ S.
 */
import { addLocalDays } from "~/kpi/calendar/zone";
import type { CustomerKey } from "./identity";
import type { KpiData } from "./prepare";
import { ratio } from "./ratio";
import type { TimeRange } from "./time-range";
import { inRange } from "./time-range";
import type { Ratio } from "./types";

/** Identified customers with a counted order in the range. */
export function customersWithOrdersIn(data: KpiData, range: TimeRange): Set<CustomerKey> {
  const keys = new Set<CustomerKey>();
  for (const p of data.countedOrders) {
    if (p.customerKey !== null && inRange(p.date, range)) keys.add(p.customerKey);
  }
  return keys;
}

export function activeCustomersAt(data: KpiData, instant: Date, windowDays: number): Set<CustomerKey> {
  return customersWithOrdersIn(data, {
    start: addLocalDays(instant, -windowDays, data.timezone),
    end: instant,
  });
}

export interface CustomerKpis {
  /** Distinct identified customers with a counted order in P. */
  readonly customers: number;
  /** N: first-ever counted order inside P. */
  readonly newCustomers: number;
  /** Customers of P with ≥ 2 counted orders up to the end ÷ customers. */
  readonly returningCustomerRate: Ratio;
  readonly activeAtStart: number; // S
  readonly activeAtEnd: number; // E
  readonly newStillActive: number; // Nₑ
  readonly retained: number; // R
  readonly reactivated: number;
  /** CRR = (E − Nₑ) ÷ S. */
  readonly retentionRate: Ratio;
  /** (S − R) ÷ S. */
  readonly churnRate: Ratio;
}

export function newCustomersIn(data: KpiData, range: TimeRange): Set<CustomerKey> {
  const keys = new Set<CustomerKey>();
  for (const [key, first] of data.firstOrderAt) if (inRange(first, range)) keys.add(key);
  return keys;
}

export function customerKpis(data: KpiData, range: TimeRange, windowDays: number): CustomerKpis {
  const inPeriod = customersWithOrdersIn(data, range);
  const fresh = newCustomersIn(data, range);
  const atStart = activeCustomersAt(data, range.start, windowDays);
  const atEnd = activeCustomersAt(data, range.end, windowDays);

  const ordersUpToEnd = new Map<CustomerKey, number>();
  for (const p of data.countedOrders) {
    if (p.customerKey === null || p.date.getTime() >= range.end.getTime()) continue;
    ordersUpToEnd.set(p.customerKey, (ordersUpToEnd.get(p.customerKey) ?? 0) + 1);
  }
  let returning = 0;
  for (const key of inPeriod) if ((ordersUpToEnd.get(key) ?? 0) >= 2) returning += 1;

  let retained = 0;
  let newStillActive = 0;
  let reactivated = 0;
  for (const key of atEnd) {
    if (atStart.has(key)) retained += 1;
    else if (fresh.has(key)) newStillActive += 1;
    else reactivated += 1;
  }
  const S = atStart.size;
  const E = atEnd.size;
  return {
    customers: inPeriod.size,
    newCustomers: fresh.size,
    returningCustomerRate: ratio(returning, inPeriod.size),
    activeAtStart: S,
    activeAtEnd: E,
    newStillActive,
    retained,
    reactivated,
    retentionRate: ratio(E - newStillActive, S),
    churnRate: ratio(S - retained, S),
  };
}

export const PURCHASE_FREQUENCY_DAYS = 365;

/** The 365 local days ending at `end` (the window of purchase frequency and formula CLV). */
export function yearEndingAt(end: Date, timeZone: string): TimeRange {
  return { start: addLocalDays(end, -PURCHASE_FREQUENCY_DAYS, timeZone), end };
}

/** Counted orders of identified customers ÷ those customers, over the 365 days ending at `end`. */
export function purchaseFrequency(data: KpiData, end: Date): Ratio {
  const range = yearEndingAt(end, data.timezone);
  let orders = 0;
  const customers = new Set<CustomerKey>();
  for (const p of data.countedOrders) {
    if (p.customerKey === null || !inRange(p.date, range)) continue;
    orders += 1;
    customers.add(p.customerKey);
  }
  return ratio(orders, customers.size);
}

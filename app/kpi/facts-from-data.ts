/**
 * The facts of a period (facts.ts) counted from orders, as the pure reference: the catalogue turns them
 * into KPIs exactly as it turns the SQL engine's facts into KPIs, so the two can be compared.
 */
import { cartAbandonment, checkoutAbandonment } from "./abandonment";
import { previousPeriod } from "~/kpi/calendar/compare";
import type { Period } from "~/kpi/calendar/period";
import {
  activeCustomersAt,
  customerKpis,
  customersWithOrdersIn,
  newCustomersIn,
  yearEndingAt,
} from "./customers";
import type { PeriodFacts, SalesSums, YearFacts } from "./facts";
import { historicalClv } from "./historical-clv";
import type { KpiData } from "./prepare";
import { ordersIn, salesKpis } from "./sales";
import type { KpiSettings } from "./settings";
import type { TimeRange } from "./time-range";

/** The activity window of annual churn (formula CLV's expected lifetime). */
export const ANNUAL_WINDOW_DAYS = 365;

/** The sales sums of a range; checkouts and carts are those created in it, decided as of `now`. */
export function salesSumsOf(data: KpiData, range: TimeRange, now: Date, graceMinutes: number): SalesSums {
  const s = salesKpis(data, range);
  const checkouts = checkoutAbandonment(data, range, now, graceMinutes);
  const carts = cartAbandonment(data, range, now, graceMinutes);
  return {
    orders: s.orders,
    identifiedOrders: ordersIn(data, range).filter((p) => p.customerKey !== null).length,
    units: s.units,
    grossMinor: s.grossSalesMinor,
    discountsMinor: s.discountsMinor,
    shippingMinor: s.shippingChargedMinor,
    taxesMinor: s.taxesChargedMinor,
    dutiesMinor: s.dutiesChargedMinor,
    returnsMinor: s.returnsMinor,
    shippingRefundedMinor: s.shippingRefundedMinor,
    taxesRefundedMinor: s.taxesRefundedMinor,
    dutiesRefundedMinor: s.dutiesRefundedMinor,
    checkoutsCreated: checkouts.created,
    checkoutsCompleted: checkouts.completed,
    cartsCreated: carts.created,
    cartsCompleted: carts.completed,
  };
}

/** The 365 local days ending at `end`: their sales, identified customers, annual churn counts (W = 365) and new customers. */
export function yearFactsFromData(data: KpiData, end: Date, now: Date = end, graceMinutes = 0): YearFacts {
  const window = yearEndingAt(end, data.timezone);
  const atStart = activeCustomersAt(data, window.start, ANNUAL_WINDOW_DAYS);
  const atEnd = activeCustomersAt(data, window.end, ANNUAL_WINDOW_DAYS);
  let annualRetained = 0;
  for (const key of atStart) if (atEnd.has(key)) annualRetained += 1;
  return {
    sales: salesSumsOf(data, window, now, graceMinutes),
    activeCustomers: customersWithOrdersIn(data, window).size,
    annualActiveAtStart: atStart.size,
    annualRetained,
    newCustomers: newCustomersIn(data, window).size,
  };
}

/** Every fact of P, from the prepared orders; `now` decides which checkouts and carts are still undecided. */
export function factsFromData(data: KpiData, period: Period, settings: KpiSettings, now: Date): PeriodFacts {
  const c = customerKpis(data, period, settings.activityWindowDays);
  const historical = historicalClv(data, period.end);
  return {
    sales: salesSumsOf(data, period, now, settings.graceMinutes),
    previousNetSalesMinor: salesKpis(data, previousPeriod(period)).netSalesMinor,
    undecidedCheckouts: checkoutAbandonment(data, period, now, settings.graceMinutes).undecided,
    undecidedCarts: cartAbandonment(data, period, now, settings.graceMinutes).undecided,
    customers: {
      customers: c.customers,
      newCustomers: c.newCustomers,
      returning: c.returningCustomerRate.numerator,
      activeAtStart: c.activeAtStart,
      activeAtEnd: c.activeAtEnd,
      retained: c.retained,
      newActiveEnd: c.newStillActive,
    },
    year: yearFactsFromData(data, period.end, now, settings.graceMinutes),
    historical: {
      netRevenueMinor: historical.numerator,
      customers: historical.denominator,
      cohorts: historical.cohorts.map(({ cohort, customers, netRevenueMinor }) => ({
        cohort,
        customers,
        netRevenueMinor,
      })),
    },
  };
}

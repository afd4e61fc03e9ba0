/**
 * Sales KPIs of a period: what counted orders dated in P sold, minus what was refunded in P.
 */
import { assertMinor } from "./money";
import type { KpiData, PreparedOrder } from "./prepare";
import { ratio } from "./ratio";
import type { TimeRange } from "./time-range";
import { inRange } from "./time-range";
import type { Ratio } from "./types";

export interface SalesKpis {
  readonly orders: number;
  readonly units: number;
  readonly grossSalesMinor: number;
  readonly discountsMinor: number;
  /** Refunded line subtotals (pre-tax, after discounts) booked in P. */
  readonly returnsMinor: number;
  readonly shippingChargedMinor: number;
  readonly shippingRefundedMinor: number;
  /** Charged − refunded. */
  readonly shippingMinor: number;
  readonly taxesChargedMinor: number;
  readonly taxesRefundedMinor: number;
  readonly taxesMinor: number;
  readonly dutiesChargedMinor: number;
  readonly dutiesRefundedMinor: number;
  readonly dutiesMinor: number;
  /** gross − discounts − returns. */
  readonly netSalesMinor: number;
  /** net + shipping + taxes + duties. */
  readonly totalSalesMinor: number;
  /** (gross − discounts) ÷ orders, in minor units. */
  readonly aov: Ratio;
  /** (gross − discounts + shipping + taxes + duties, before refunds) ÷ orders. */
  readonly aovInclShippingAndTax: Ratio;
  readonly unitsPerOrder: Ratio;
}

export function ordersIn(data: KpiData, range: TimeRange): PreparedOrder[] {
  return data.countedOrders.filter((p) => inRange(p.date, range));
}

export function salesKpis(data: KpiData, range: TimeRange): SalesKpis {
  let units = 0;
  let grossSalesMinor = 0;
  let discountsMinor = 0;
  let shippingChargedMinor = 0;
  let taxesChargedMinor = 0;
  let dutiesChargedMinor = 0;
  const orders = ordersIn(data, range);
  for (const { order, grossMinor, units: orderUnits } of orders) {
    units += orderUnits;
    grossSalesMinor += grossMinor;
    discountsMinor += order.discountsMinor;
    shippingChargedMinor += order.shippingMinor;
    taxesChargedMinor += order.taxesMinor;
    dutiesChargedMinor += order.dutiesMinor;
  }

  let returnsMinor = 0;
  let shippingRefundedMinor = 0;
  let taxesRefundedMinor = 0;
  let dutiesRefundedMinor = 0;
  for (const { refund, bookedAt } of data.refunds) {
    if (!inRange(bookedAt, range)) continue;
    returnsMinor += refund.linesSubtotalMinor;
    shippingRefundedMinor += refund.shippingMinor;
    taxesRefundedMinor += refund.taxesMinor;
    dutiesRefundedMinor += refund.dutiesMinor;
  }

  const shippingMinor = shippingChargedMinor - shippingRefundedMinor;
  const taxesMinor = taxesChargedMinor - taxesRefundedMinor;
  const dutiesMinor = dutiesChargedMinor - dutiesRefundedMinor;
  const netSalesMinor = grossSalesMinor - discountsMinor - returnsMinor;
  const totalSalesMinor = netSalesMinor + shippingMinor + taxesMinor + dutiesMinor;
  for (const total of [
    grossSalesMinor,
    shippingChargedMinor,
    taxesChargedMinor,
    returnsMinor,
    totalSalesMinor,
  ])
    assertMinor(total);

  const beforeRefunds =
    grossSalesMinor - discountsMinor + shippingChargedMinor + taxesChargedMinor + dutiesChargedMinor;
  return {
    orders: orders.length,
    units,
    grossSalesMinor,
    discountsMinor,
    returnsMinor,
    shippingChargedMinor,
    shippingRefundedMinor,
    shippingMinor,
    taxesChargedMinor,
    taxesRefundedMinor,
    taxesMinor,
    dutiesChargedMinor,
    dutiesRefundedMinor,
    dutiesMinor,
    netSalesMinor,
    totalSalesMinor,
    aov: ratio(grossSalesMinor - discountsMinor, orders.length),
    aovInclShippingAndTax: ratio(beforeRefunds, orders.length),
    unitsPerOrder: ratio(units, orders.length),
  };
}

/** (net P − net previous) ÷ net previous; undefined when the previous net sales are ≤ 0. */
export function salesGrowth(netSalesMinor: number, previousNetSalesMinor: number): Ratio {
  const numerator = netSalesMinor - previousNetSalesMinor;
  return {
    value: previousNetSalesMinor > 0 ? numerator / previousNetSalesMinor : null,
    numerator,
    denominator: previousNetSalesMinor,
  };
}

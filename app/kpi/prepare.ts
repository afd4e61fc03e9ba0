/**
 * Resolves everything that does not depend on the period once: newest versions, order dates,
 * identities, counted status, refund booking dates, and which checkout/cart tokens reached an order.
 */
import type { CustomerKey } from "./identity";
import { customerKeyFor, customersByEmail } from "./identity";
import { isCountedOrder, orderDate, orderGrossSalesMinor, orderUnits } from "./order-amounts";
import type { KpiSettings } from "./settings";
import type { KpiCart, KpiCheckout, KpiInput, KpiOrder, KpiRefund } from "./types";
import { latestVersions, latestVersionsBy, uniqueById } from "./versions";

export interface PreparedOrder {
  readonly order: KpiOrder;
  readonly date: Date;
  readonly customerKey: CustomerKey | null;
  readonly grossMinor: number;
  readonly units: number;
}

export interface BookedRefund {
  readonly refund: KpiRefund;
  /** When Returns book it: the refund date, or the order date under the "order-date" setting. */
  readonly bookedAt: Date;
  readonly order: PreparedOrder;
}

export interface KpiData {
  readonly timezone: string;
  /** Counted orders (newest versions), sorted by order date. */
  readonly countedOrders: readonly PreparedOrder[];
  /** Refunds of counted orders; refunds of cancelled, test, deleted or unknown orders are left out. */
  readonly refunds: readonly BookedRefund[];
  /** Each identified customer's first-ever counted order date. */
  readonly firstOrderAt: ReadonlyMap<CustomerKey, Date>;
  readonly checkouts: readonly KpiCheckout[];
  /** Carts whose `carts/create` was seen (in whatever order it came), each in its newest version. */
  readonly carts: readonly KpiCart[];
  /** Tokens carried by any order, whatever its status: such a checkout or cart was completed. */
  readonly orderCheckoutTokens: ReadonlySet<string>;
  readonly orderCartTokens: ReadonlySet<string>;
}

export function prepareKpiData(input: KpiInput, settings: KpiSettings): KpiData {
  const orders = latestVersions(input.orders);
  const byEmail = customersByEmail(input.customers);

  const countedOrders: PreparedOrder[] = orders
    .filter(isCountedOrder)
    .map((order) => ({
      order,
      date: orderDate(order),
      customerKey: customerKeyFor(order, byEmail),
      grossMinor: orderGrossSalesMinor(order),
      units: orderUnits(order),
    }))
    .sort((a, b) => a.date.getTime() - b.date.getTime());

  const countedById = new Map(countedOrders.map((p) => [p.order.id, p]));
  const refunds: BookedRefund[] = [];
  for (const refund of uniqueById(input.refunds)) {
    const order = countedById.get(refund.orderId);
    if (!order) continue;
    const refundDate = refund.processedAt ?? refund.createdAt;
    refunds.push({
      refund,
      order,
      bookedAt: settings.refundAttribution === "order-date" ? order.date : refundDate,
    });
  }

  const firstOrderAt = new Map<CustomerKey, Date>();
  for (const p of countedOrders) {
    if (p.customerKey !== null && !firstOrderAt.has(p.customerKey)) firstOrderAt.set(p.customerKey, p.date);
  }

  const orderCheckoutTokens = new Set<string>();
  const orderCartTokens = new Set<string>();
  for (const order of orders) {
    if (order.checkoutToken) orderCheckoutTokens.add(order.checkoutToken);
    if (order.cartToken) orderCartTokens.add(order.cartToken);
  }

  return {
    timezone: settings.timezone,
    countedOrders,
    refunds,
    firstOrderAt,
    checkouts: latestVersionsBy(input.checkouts, (c) => c.token),
    carts: createdCarts(input.carts),
    orderCheckoutTokens,
    orderCartTokens,
  };
}

/** docs/kpi-definitions.md (abandonment): a cart exists from its `carts/create`; a cart only ever seen through `carts/update` is not counted. */
function createdCarts(versions: readonly KpiCart[]): KpiCart[] {
  const created = new Set(versions.filter((c) => c.fromCreate).map((c) => c.token));
  return latestVersionsBy(versions, (c) => c.token).filter((c) => created.has(c.token));
}

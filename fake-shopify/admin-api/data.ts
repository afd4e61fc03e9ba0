/**
 * Shop histories for the fake Admin API: a deterministic generator (every money feature the KPIs read)
 * and the CDNOW demo history. Records are built with the REST payload builders, then turned into
 * GraphQL objects, so webhooks and the Admin API describe the same order the same way.
 */
import { cdnowOrderPayloads, type CdnowOptions } from "../cdnow";
import { pick } from "../deterministic";
import { tokenFrom } from "../ids";
import { formatMinor } from "../money";
import { buildCheckoutPayload, type CheckoutInput } from "../payloads/checkout";
import { buildCustomerPayload, type CustomerInput } from "../payloads/customer";
import { buildOrderPayload } from "../payloads/order";
import type { OrderInput } from "../payloads/order-input";
import { abandonedCheckoutObject, customerObject, orderObject } from "./objects";
import type { FakeShopStore } from "./store";

export function putCustomer(store: FakeShopStore, input: CustomerInput): void {
  store.put("customers", customerObject(buildCustomerPayload(input)));
}

export function putOrder(store: FakeShopStore, input: OrderInput): void {
  store.put("orders", orderObject(buildOrderPayload(input)));
}

export function putCheckout(store: FakeShopStore, input: CheckoutInput): void {
  const payload = buildCheckoutPayload({ shopDomain: store.info.domain, ...input });
  const subtotal = input.lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);
  const total = subtotal + (input.taxesIncluded ? 0 : (input.taxMinor ?? 0));
  store.put(
    "abandonedCheckouts",
    abandonedCheckoutObject(payload, store.info.domain, {
      amount: formatMinor(total, input.currency),
      currencyCode: input.currency,
    }),
  );
}

export interface GeneratedHistory {
  customers: CustomerInput[];
  orders: OrderInput[];
  checkouts: CheckoutInput[];
}

export interface GenerateOptions {
  orders: number;
  /** The newest order is a day before this; orders spread evenly over `days` before it. */
  now?: Date;
  days?: number;
  currency?: string;
  /** First id; ids are consecutive from it (orders), customers and checkouts derive theirs. */
  firstId?: number;
}

const DAY = 86_400_000;

/**
 * A varied history: repeat and guest customers, discounts, shipping, taxes, refunds with shipping,
 * cancelled and test orders, and checkouts (completed ones share their order's token).
 */
export function generateHistory(options: GenerateOptions): GeneratedHistory {
  const now = options.now ?? new Date();
  const days = options.days ?? 365;
  const currency = options.currency ?? "USD";
  const base = options.firstId ?? 6_000_000_000_000;
  const customers = new Map<number, CustomerInput>();
  const orders: OrderInput[] = [];
  const checkouts: CheckoutInput[] = [];
  for (let i = 0; i < options.orders; i++) {
    const createdAt = new Date(
      now.getTime() - DAY - Math.floor(((options.orders - i) / options.orders) * days * DAY),
    );
    const customerNumber = pick(i, Math.max(1, Math.ceil(options.orders / 3)), 11);
    const guest = pick(i, 10, 12) === 0;
    let customer: CustomerInput | undefined;
    if (!guest) {
      customer = customers.get(customerNumber) ?? {
        id: base + 500_000_000 + customerNumber,
        email: `buyer-${customerNumber}@example.com`,
        firstName: "Buyer",
        lastName: String(customerNumber),
        createdAt,
        state: "enabled",
      };
      customers.set(customerNumber, customer);
    }
    const unitPriceMinor = 500 + pick(i, 9_500, 13);
    const quantity = 1 + pick(i, 3, 14);
    const discountMinor = pick(i, 4, 15) === 0 ? Math.floor(unitPriceMinor / 10) : 0;
    const taxMinor = Math.floor((unitPriceMinor * quantity - discountMinor) / 10);
    const checkoutToken = tokenFrom(`gen-checkout:${base + i}`);
    const order: OrderInput = {
      id: base + i,
      orderNumber: 1001 + i,
      createdAt,
      updatedAt: new Date(createdAt.getTime() + 60_000),
      currency,
      email: guest ? (pick(i, 2, 16) === 0 ? null : `guest-${i}@example.com`) : customer!.email,
      customer: customer ?? null,
      checkoutToken,
      lines: [
        {
          productId: 8_000_000_000_001,
          variantId: 8_100_000_000_001,
          quantity,
          unitPriceMinor,
          discountMinor,
          taxMinor,
        },
        ...(pick(i, 3, 17) === 0
          ? [
              {
                productId: 8_000_000_000_002,
                variantId: 8_100_000_000_002,
                quantity: 1,
                unitPriceMinor: 1_999,
              },
            ]
          : []),
      ],
      shippingLines: [{ priceMinor: 499, taxMinor: 50 }],
      cancelledAt: pick(i, 25, 18) === 0 ? new Date(createdAt.getTime() + 3_600_000) : null,
      test: pick(i, 50, 19) === 0,
      refunds:
        pick(i, 8, 20) === 0
          ? [
              {
                id: base + 900_000_000 + i,
                createdAt: new Date(createdAt.getTime() + 2 * DAY),
                lines: [{ lineIndex: 0, quantity: 1 }],
                shipping: [{ amountMinor: 499, taxMinor: 50 }],
              },
            ]
          : [],
    };
    orders.push(order);
    checkouts.push({
      id: base + 700_000_000 + i,
      token: checkoutToken,
      email: order.email ?? null,
      createdAt: new Date(createdAt.getTime() - 600_000),
      updatedAt: createdAt,
      completedAt: createdAt,
      currency,
      customer: customer ?? null,
      lines: [{ productId: 8_000_000_000_001, variantId: 8_100_000_000_001, quantity, unitPriceMinor }],
    });
    if (pick(i, 3, 21) === 0) {
      // An abandoned one beside it.
      checkouts.push({
        id: base + 800_000_000 + i,
        createdAt: new Date(createdAt.getTime() - 3_600_000),
        currency,
        email: `browser-${i}@example.com`,
        lines: [{ productId: 8_000_000_000_001, variantId: 8_100_000_000_001, quantity: 1, unitPriceMinor }],
      });
    }
  }
  return { customers: [...customers.values()], orders, checkouts };
}

export function loadHistory(store: FakeShopStore, history: GeneratedHistory): void {
  for (const customer of history.customers) putCustomer(store, customer);
  for (const order of history.orders) putOrder(store, order);
  for (const checkout of history.checkouts) putCheckout(store, checkout);
}

/** The CDNOW demo shop: 23,570 customers and 69,659 orders. Returns the counts loaded. */
export async function loadCdnowHistory(
  store: FakeShopStore,
  options: CdnowOptions,
): Promise<{ customers: number; orders: number }> {
  for await (const record of cdnowOrderPayloads({ timeZone: store.info.ianaTimezone, ...options })) {
    if (record.isFirstOrder) store.put("customers", customerObject(record.customer));
    store.put("orders", orderObject(record.order));
  }
  return { customers: store.count("customers"), orders: store.count("orders") };
}

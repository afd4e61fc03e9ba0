/**
 * The demo's live traffic: a stream of what a small store's Shopify would send — carts, checkouts
 * (most completed by an order, some abandoned), new orders from returning customers, guests and new
 * customers, and now and then a refund — as signed webhooks through the app's real endpoint.
 */
import { seededRandom } from "./deterministic";
import { tokenFrom } from "./ids";
import { buildCartPayload } from "./payloads/cart";
import { buildCheckoutPayload } from "./payloads/checkout";
import { buildCustomerPayload, type CustomerInput } from "./payloads/customer";
import { buildOrderPayload } from "./payloads/order";
import type { OrderInput } from "./payloads/order-input";
import { buildRefundPayload } from "./payloads/refund";
import { sendWebhook } from "./send";

export interface TrickleOptions {
  webhookUrl: string;
  shopDomain: string;
  secret: string;
  currency: string;
  timeZone: string;
  /** Customers who may come back (ids and emails from the store's history). */
  returningCustomers: readonly CustomerInput[];
  /** Milliseconds between events (default 2 s). */
  everyMs?: number;
  /** First id to use for new orders and customers (above the history's). */
  firstId: number;
  /** Deterministic randomness for a reproducible demo. */
  random?: () => number;
  onEvent?: (event: { topic: string; status: number; summary: string }) => void;
  /** Also called with each order created, e.g. to put it into the fake Admin API's store. */
  onOrder?: (order: OrderInput) => void;
}

export interface Trickle {
  stop(): Promise<void>;
}

type Step = () => Promise<void>;

export function startTrickle(options: TrickleOptions): Trickle {
  const random = options.random ?? seededRandom(20261123);
  let nextId = options.firstId;
  const recentOrders: OrderInput[] = [];
  const pending: Step[] = [];

  const send = async (topic: string, payload: unknown, summary: string) => {
    const { status } = await sendWebhook({
      url: options.webhookUrl,
      topic,
      shopDomain: options.shopDomain,
      secret: options.secret,
      payload,
    });
    options.onEvent?.({ topic, status, summary });
  };
  const money = (minor: number) => `${(minor / 100).toFixed(2)} ${options.currency}`;

  // One shopping session: a cart, a checkout a little later, then (usually) the order.
  const session: Step = async () => {
    const id = nextId++;
    const now = new Date();
    const quantity = 1 + Math.floor(random() * 3);
    const unitPriceMinor = 999 + Math.floor(random() * 40) * 100;
    const cartToken = tokenFrom(`demo-cart:${id}`);
    const checkoutToken = tokenFrom(`demo-checkout:${id}`);
    const lines = [{ variantId: 9_100_000_000_001, productId: 9_000_000_000_001, quantity, unitPriceMinor }];
    const who = pickCustomer(random, options.returningCustomers, id, now);
    await send(
      "carts/create",
      buildCartPayload({
        token: cartToken,
        createdAt: now,
        currency: options.currency,
        lines,
        timeZone: options.timeZone,
      }),
      `cart ${cartToken.slice(0, 8)}`,
    );
    const checkout = {
      id,
      token: checkoutToken,
      cartToken,
      email: who.email,
      createdAt: now,
      currency: options.currency,
      timeZone: options.timeZone,
      lines,
      customer: who.customer,
    };
    await send("checkouts/create", buildCheckoutPayload(checkout), `checkout ${checkoutToken.slice(0, 8)}`);
    if (random() < 0.3) return; // abandoned: it stays open and counts once past the grace time

    pending.push(async () => {
      const at = new Date();
      if (who.customer && who.isNew)
        await send(
          "customers/create",
          buildCustomerPayload({ ...who.customer, createdAt: at }),
          `customer ${who.customer.email}`,
        );
      const order: OrderInput = {
        id,
        createdAt: at,
        currency: options.currency,
        timeZone: options.timeZone,
        email: who.email,
        customer: who.customer
          ? { ...who.customer, createdAt: who.isNew ? at : who.customer.createdAt }
          : null,
        lines: [{ quantity, unitPriceMinor, taxMinor: Math.round(quantity * unitPriceMinor * 0.08) }],
        shippingLines: [{ priceMinor: 495 }],
        checkoutToken,
        cartToken,
        financialStatus: "paid",
      };
      await send(
        "checkouts/update",
        buildCheckoutPayload({ ...checkout, updatedAt: at, completedAt: at }),
        `checkout completed`,
      );
      await send(
        "orders/create",
        buildOrderPayload(order),
        `order ${id}: ${quantity} × ${money(unitPriceMinor)}${who.customer ? "" : " (guest)"}`,
      );
      options.onOrder?.(order);
      recentOrders.push(order);
      if (recentOrders.length > 50) recentOrders.shift();
    });
  };

  // A partial refund of one unit of a recent order.
  const refund: Step = async () => {
    const order = recentOrders[Math.floor(random() * recentOrders.length)];
    if (!order) return;
    const refundId = nextId++;
    const payload = buildRefundPayload(order, {
      id: refundId,
      createdAt: new Date(),
      lines: [{ lineIndex: 0, quantity: 1 }],
    });
    await send("refunds/create", payload, `refund on order ${order.id}`);
  };

  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    const step = pending.shift() ?? (recentOrders.length > 3 && random() < 0.1 ? refund : session);
    running = step().catch((error: unknown) =>
      options.onEvent?.({ topic: "error", status: 0, summary: String(error) }),
    );
  };
  const timer = setInterval(tick, options.everyMs ?? 2_000);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

function pickCustomer(random: () => number, returning: readonly CustomerInput[], id: number, now: Date) {
  const roll = random();
  if (roll < 0.55 && returning.length > 0) {
    const customer = returning[Math.floor(random() * returning.length)]!;
    return { customer, email: customer.email, isNew: false };
  }
  if (roll < 0.85) {
    const customer: CustomerInput = {
      id,
      email: `new-shopper-${id}@example.com`,
      firstName: "New",
      lastName: `Shopper ${id}`,
      createdAt: now,
    };
    return { customer, email: customer.email, isNew: true };
  }
  return { customer: null, email: random() < 0.7 ? `guest-${id}@example.com` : null, isNew: false };
}

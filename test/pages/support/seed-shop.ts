/**
 * A deterministic store for page tests: customers who buy at their own rhythm and may drop out, guests,
 * refunds, completed and abandoned checkouts and carts, over `days` days up to `now`; written through the
 * real ingest upserts, then the KPI engine and the CLV model run as the workers would.
 */
import type { PrismaClient } from "@prisma/client";
import { upsertCart, upsertCheckouts } from "~/sync/write/checkouts.server";
import { upsertCustomers } from "~/sync/write/customers.server";
import type { CheckoutRow, CustomerRow, OrderRow, RefundRow } from "~/sync/records/rows";
import { upsertOrders, upsertRefunds } from "~/sync/write/orders.server";
import { runClvModel } from "~/clv/clv-model.server";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { seededRandom } from "../../../fake-shopify/deterministic";

const DAY = 86_400_000;

export interface SeedOptions {
  readonly domain: string;
  readonly timezone?: string;
  readonly currency?: string;
  readonly customers: number;
  readonly days: number;
  readonly now: Date;
  readonly seed: number;
  /** Ids start here, so two shops never share a Shopify id (tampering tests use B's ids from A). */
  readonly idBase?: number;
}

export interface SeededShop {
  readonly shopId: number;
  readonly orders: number;
  readonly customerIds: readonly bigint[];
}

export async function seedShop(prisma: PrismaClient, options: SeedOptions): Promise<SeededShop> {
  const rand = seededRandom(options.seed);
  const base = options.idBase ?? 1_000_000;
  const currency = options.currency ?? "USD";
  const shop = await prisma.shop.upsert({
    where: { domain: options.domain },
    create: { domain: options.domain, timezone: options.timezone ?? "America/New_York", currency },
    update: { timezone: options.timezone ?? "America/New_York", currency },
  });
  const end = options.now.getTime() - DAY / 2;
  const start = end - options.days * DAY;
  const customers: CustomerRow[] = [];
  const orders: OrderRow[] = [];
  const refunds: RefundRow[] = [];
  const checkouts: CheckoutRow[] = [];
  const carts: { token: string; at: Date }[] = [];
  let orderId = base;
  // Each customer has their own usual basket (the Gamma-Gamma model needs that spread between customers).
  const placeOrder = (customerId: bigint | null, email: string | null, at: number, level: number) => {
    const id = BigInt(orderId++);
    const units = 1 + Math.floor(rand() * 3);
    const gross = BigInt(Math.round(level * (0.6 + 0.8 * rand())) * units);
    const when = new Date(at);
    const token = `ck-${id}`;
    const cartToken = rand() < 0.6 ? `cart-${id}` : null;
    orders.push({
      id,
      name: `#${id}`,
      customerId,
      email,
      orderedAt: when,
      shopifyCreated: when,
      shopifyUpdated: when,
      cancelledAt: null,
      test: false,
      currency,
      presentmentCurrency: currency,
      taxesIncluded: false,
      grossMinor: gross,
      discountsMinor: rand() < 0.25 ? gross / 10n : 0n,
      shippingMinor: 500n,
      taxesMinor: gross / 12n,
      dutiesMinor: 0n,
      totalMinor: gross + 500n,
      units,
      lines: [],
      checkoutToken: token,
      cartToken,
      sourceName: "web",
    });
    checkouts.push({
      token,
      id: null,
      cartToken,
      email,
      customerId,
      shopifyCreated: new Date(at - 600_000),
      shopifyUpdated: when,
      completedAt: when,
      totalMinor: gross,
    });
    if (cartToken) carts.push({ token: cartToken, at: new Date(at - 900_000) });
    if (rand() < 0.08) {
      const refundedAt = new Date(Math.min(end, at + (1 + rand() * 20) * DAY));
      refunds.push({
        id: id + 50_000_000n,
        orderId: id,
        refundedAt,
        shopifyCreated: refundedAt,
        linesSubtotalMinor: gross / 2n,
        shippingMinor: 0n,
        taxesMinor: gross / 24n,
        dutiesMinor: 0n,
        units: 1,
      });
    }
  };
  for (let c = 0; c < options.customers; c++) {
    const id = BigInt(base + c);
    const email = `customer${base + c}@example.com`;
    let at = start + rand() * (end - start);
    customers.push({
      id,
      email,
      firstName: `Ada${c}`,
      lastName: `Shopper`,
      state: "enabled",
      shopifyCreated: new Date(at - DAY),
      shopifyUpdated: new Date(at - DAY),
    });
    // As the BG/NBD story goes: Poisson orders at a rate of their own, and a chance of leaving after each.
    const ratePerDay = (0.2 + 3 * rand() ** 2) / 60;
    const leaveChance = 0.7 * rand() ** 2;
    const level = 800 + Math.round(rand() ** 2 * 15_000);
    while (at < end) {
      placeOrder(id, email, at, level);
      if (rand() < leaveChance) break;
      at += (-Math.log(1 - rand()) / ratePerDay) * DAY;
    }
  }
  // Guests: some with an email of their own, some without (order KPIs only).
  for (let g = 0; g < options.customers / 10; g++)
    placeOrder(
      null,
      rand() < 0.5 ? `guest${base + g}@example.com` : null,
      start + rand() * (end - start),
      3000,
    );
  // Abandoned checkouts and carts: started, never completed.
  for (let a = 0; a < orders.length * 0.8; a++) {
    const at = new Date(start + rand() * (end - start));
    checkouts.push({
      token: `ab-${base}-${a}`,
      id: null,
      cartToken: null,
      email: rand() < 0.5 ? `lead${a}@example.com` : null,
      customerId: null,
      shopifyCreated: at,
      shopifyUpdated: at,
      completedAt: null,
      totalMinor: 4000n,
    });
    if (rand() < 0.7) carts.push({ token: `abcart-${base}-${a}`, at });
  }
  await prisma.$transaction(
    async (tx) => {
      await upsertCustomers(tx, shop.id, customers);
      for (let i = 0; i < orders.length; i += 2000)
        await upsertOrders(tx, shop.id, orders.slice(i, i + 2000));
      await upsertRefunds(tx, shop.id, refunds);
      for (let i = 0; i < checkouts.length; i += 2000)
        await upsertCheckouts(tx, shop.id, checkouts.slice(i, i + 2000));
      for (const cart of carts)
        await upsertCart(
          tx,
          shop.id,
          { token: cart.token, shopifyCreated: cart.at, shopifyUpdated: cart.at, units: 1 },
          cart.at,
        );
    },
    { timeout: 120_000 },
  );
  await recomputeShop(prisma, shop.id, { now: options.now, mode: "full" });
  await runClvModel(prisma, shop.id, { now: options.now });
  return { shopId: shop.id, orders: orders.length, customerIds: customers.map((c) => c.id) };
}

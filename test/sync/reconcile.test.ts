import { afterAll, beforeAll, expect, test } from "vitest";
import type { AdminGraphql } from "~/admin-api/graphql.server";
import { PAGE_QUERIES, PAGE_SIZE } from "~/sync/wire/admin-queries";
import { reconcileShop } from "~/sync/reconcile.server";
import { requestBackfill } from "~/sync/import/request.server";
import { syncStatus } from "~/sync/status.server";
import {
  generateHistory,
  loadHistory,
  putCheckout,
  putCustomer,
  putOrder,
  type GeneratedHistory,
} from "../../fake-shopify/admin-api";
import { runBackfill, startHarness, type BackfillHarness, type TestShop } from "./support";

let h: BackfillHarness;
let shop: TestShop;
let history: GeneratedHistory;

beforeAll(async () => {
  h = await startHarness();
  shop = await h.newShop();
  history = generateHistory({ orders: 120, now: new Date("2026-11-01T00:00:00Z") });
  loadHistory(shop.store, history);
  await requestBackfill(h.db.prisma, shop.shopId);
  await runBackfill(h.deps(), shop.shopId);
});
afterAll(async () => h?.close());

test("reconciliation finds the changes whose webhooks were dropped, repairs them, and counts them", async () => {
  const later = new Date(Date.now() - 60_000);
  // Changes on Shopify whose webhooks never reached us: 4 cancellations, 3 new orders, 2 customers
  // with a new email, 1 new checkout.
  const cancelled = history.orders.filter((o) => !o.cancelledAt && !o.test).slice(0, 4);
  for (const order of cancelled) putOrder(shop.store, { ...order, cancelledAt: later, updatedAt: later });
  const added = generateHistory({ orders: 3, now: new Date(), firstId: 6_200_000_000_000 }).orders;
  for (const order of added) putOrder(shop.store, { ...order, customer: null, updatedAt: later });
  const renamed = history.customers.slice(0, 2);
  for (const customer of renamed)
    putCustomer(shop.store, { ...customer, email: `new-${customer.id}@example.com`, updatedAt: later });
  putCheckout(shop.store, {
    id: 6_300_000_000_001,
    createdAt: later,
    currency: "USD",
    email: null,
    lines: [{ productId: 1, variantId: 2, quantity: 1, unitPriceMinor: 1000 }],
  });

  const repaired: number[] = [];
  const summary = await reconcileShop(
    {
      prisma: h.db.prisma,
      graphqlFor: h.deps().graphqlFor,
      onReconciled: async (_shopId, count) => void repaired.push(count),
    },
    shop.shopId,
  );
  expect(summary.missed).toEqual({ orders: 7, customers: 2, checkouts: 1 });
  expect(repaired).toEqual([10]);

  const { prisma } = h.db;
  for (const order of cancelled) {
    const row = await prisma.order.findUniqueOrThrow({
      where: { shopId_id: { shopId: shop.shopId, id: BigInt(order.id) } },
    });
    expect(row.cancelledAt).toEqual(new Date(Math.floor(later.getTime() / 1000) * 1000));
  }
  expect(await prisma.order.count({ where: { shopId: shop.shopId } })).toBe(history.orders.length + 3);
  const customer = await prisma.customer.findUniqueOrThrow({
    where: { shopId_id: { shopId: shop.shopId, id: BigInt(renamed[0]!.id) } },
  });
  expect(customer.email).toBe(`new-${renamed[0]!.id}@example.com`);

  const status = await syncStatus(prisma, shop.shopId);
  expect(status.reconciliation).toMatchObject({
    status: "succeeded",
    missed: { orders: 7, customers: 2, checkouts: 1 },
  });

  // The next run re-reads its overlap window but finds nothing missing.
  const again = await reconcileShop({ prisma: h.db.prisma, graphqlFor: h.deps().graphqlFor }, shop.shopId);
  expect(again.missed).toEqual({ orders: 0, customers: 0, checkouts: 0 });
  expect(again.fetched).toBeGreaterThanOrEqual(10);
});

test("checkouts are paged in id order without a gap, and one changed while a run pages is read by the next run", async () => {
  const fresh = await h.newShop();
  const { prisma } = h.db;
  const hourAgo = new Date(Date.now() - 3_600_000);
  const line = { productId: 1, variantId: 2, quantity: 1, unitPriceMinor: 1000 };
  const count = PAGE_SIZE.checkouts * 2 + 30;
  const ids = Array.from({ length: count }, (_, i) => 6_400_000_000_000 + i);
  for (const id of ids)
    putCheckout(fresh.store, { id, createdAt: hourAgo, currency: "USD", email: null, lines: [line] });
  // Outside the first run's window, and lower in id order than every checkout in it.
  const old = {
    id: 6_390_000_000_000,
    createdAt: new Date(Date.now() - 30 * 86_400_000),
    currency: "USD",
    email: null,
    lines: [line],
  };
  putCheckout(fresh.store, old);

  // Between the first and second page of checkouts, Shopify records two changes: the first checkout
  // (already read) is completed, and the old one is touched, which moves it into the window ahead of
  // every record already read.
  const completedAt = new Date();
  let checkoutPages = 0;
  const graphqlFor = async (domain: string): Promise<AdminGraphql> => {
    const graphql = await h.deps().graphqlFor(domain);
    return async <T>(query: string, variables?: Record<string, unknown>) => {
      const response = await graphql<T>(query, variables);
      if (query === PAGE_QUERIES.checkouts && ++checkoutPages === 1) {
        putCheckout(fresh.store, {
          id: ids[0]!,
          createdAt: hourAgo,
          updatedAt: completedAt,
          completedAt,
          currency: "USD",
          email: null,
          lines: [line],
        });
        putCheckout(fresh.store, { ...old, updatedAt: completedAt });
      }
      return response;
    };
  };
  const options = { overlapMs: 5_000 };

  const first = await reconcileShop({ prisma, graphqlFor, options }, fresh.shopId);
  expect(checkoutPages).toBe(3);
  // Each checkout read once: the checkout that entered the window did not push one read twice into page 2.
  expect(first.fetched).toBe(count);
  expect(first.missed.checkouts).toBe(count);
  expect(await prisma.checkout.count({ where: { shopId: fresh.shopId } })).toBe(count);
  const before = await prisma.checkout.findFirstOrThrow({
    where: { shopId: fresh.shopId, id: BigInt(ids[0]!) },
  });
  expect(before.completedAt).toBeNull();

  const second = await reconcileShop({ prisma, graphqlFor, options }, fresh.shopId);
  expect(second.missed.checkouts).toBe(2);
  const after = await prisma.checkout.findFirstOrThrow({
    where: { shopId: fresh.shopId, id: BigInt(ids[0]!) },
  });
  expect(after.completedAt).toEqual(new Date(Math.floor(completedAt.getTime() / 1000) * 1000));
  expect(await prisma.checkout.count({ where: { shopId: fresh.shopId } })).toBe(count + 1);
});

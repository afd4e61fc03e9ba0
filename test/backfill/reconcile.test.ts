import { afterAll, beforeAll, expect, test } from "vitest";
import { reconcileShop } from "../../app/backfill/reconcile.server";
import { requestBackfill } from "../../app/backfill/request.server";
import { syncStatus } from "../../app/backfill/sync-status.server";
import { generateHistory, loadHistory, putCheckout, putCustomer, putOrder, type GeneratedHistory } from "../../fake-shopify/admin-api";
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
  for (const customer of renamed) putCustomer(shop.store, { ...customer, email: `new-${customer.id}@example.com`, updatedAt: later });
  putCheckout(shop.store, { id: 6_300_000_000_001, createdAt: later, currency: "USD", email: null, lines: [{ productId: 1, variantId: 2, quantity: 1, unitPriceMinor: 1000 }] });

  const repaired: number[] = [];
  const summary = await reconcileShop({ prisma: h.db.prisma, graphqlFor: h.deps().graphqlFor, onReconciled: async (_shopId, count) => void repaired.push(count) }, shop.shopId);
  expect(summary.missed).toEqual({ orders: 7, customers: 2, checkouts: 1 });
  expect(repaired).toEqual([10]);

  const { prisma } = h.db;
  for (const order of cancelled) {
    const row = await prisma.order.findUniqueOrThrow({ where: { shopId_id: { shopId: shop.shopId, id: BigInt(order.id) } } });
    expect(row.cancelledAt).toEqual(new Date(Math.floor(later.getTime() / 1000) * 1000));
  }
  expect(await prisma.order.count({ where: { shopId: shop.shopId } })).toBe(history.orders.length + 3);
  const customer = await prisma.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: shop.shopId, id: BigInt(renamed[0]!.id) } } });
  expect(customer.email).toBe(`new-${renamed[0]!.id}@example.com`);

  const status = await syncStatus(prisma, shop.shopId);
  expect(status.reconciliation).toMatchObject({ status: "succeeded", missed: { orders: 7, customers: 2, checkouts: 1 } });

  // The next run re-reads its overlap window but finds nothing missing.
  const again = await reconcileShop({ prisma: h.db.prisma, graphqlFor: h.deps().graphqlFor }, shop.shopId);
  expect(again.missed).toEqual({ orders: 0, customers: 0, checkouts: 0 });
  expect(again.fetched).toBeGreaterThanOrEqual(10);
});

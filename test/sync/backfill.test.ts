import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { requestBackfill } from "~/sync/import/request.server";
import { syncStatus } from "~/sync/status.server";
import { orderFromRest } from "~/sync/records/from-rest";
import { orderRows } from "~/sync/records/rows";
import type { RestOrder } from "~/sync/wire/rest-payloads";
import { generateHistory, loadHistory, type GeneratedHistory } from "../../fake-shopify/admin-api";
import { buildOrderPayload } from "../../fake-shopify/payloads/order";
import { fakeShopifyId } from "../../fake-shopify/ids";
import { runBackfill, startHarness, type BackfillHarness, type TestShop } from "./support";

let h: BackfillHarness;
let history: GeneratedHistory;
let shop: TestShop;

beforeAll(async () => {
  h = await startHarness();
  shop = await h.newShop();
  history = generateHistory({ orders: 400, now: new Date("2026-11-20T00:00:00Z") });
  loadHistory(shop.store, history);
});
afterAll(async () => h?.close());

describe("history import through the fake Admin API", () => {
  test("imports every customer, order, refund and checkout, as the webhook path would store them", async () => {
    expect(await requestBackfill(h.db.prisma, shop.shopId)).toBe(true);
    await runBackfill(h.deps(), shop.shopId);

    const { prisma } = h.db;
    expect(await prisma.customer.count({ where: { shopId: shop.shopId } })).toBe(history.customers.length);
    expect(await prisma.order.count({ where: { shopId: shop.shopId } })).toBe(history.orders.length);
    expect(await prisma.checkout.count({ where: { shopId: shop.shopId } })).toBe(history.checkouts.length);
    const refunds = history.orders.reduce((sum, o) => sum + (o.refunds?.length ?? 0), 0);
    expect(await prisma.refund.count({ where: { shopId: shop.shopId } })).toBe(refunds);

    // The bulk path and the webhook path agree on every order (money, lines, tokens, dates).
    for (const input of history.orders.slice(0, 60)) {
      const expected = orderRows(orderFromRest(buildOrderPayload(input) as unknown as RestOrder)).order;
      const row = await prisma.order.findUniqueOrThrow({
        where: { shopId_id: { shopId: shop.shopId, id: BigInt(input.id) } },
      });
      expect({ ...row, lines: row.lines }).toMatchObject({
        grossMinor: expected.grossMinor,
        discountsMinor: expected.discountsMinor,
        shippingMinor: expected.shippingMinor,
        taxesMinor: expected.taxesMinor,
        totalMinor: expected.totalMinor,
        units: expected.units,
        orderedAt: expected.orderedAt,
        shopifyUpdated: expected.shopifyUpdated,
        checkoutToken: expected.checkoutToken,
        customerId: expected.customerId,
        email: expected.email,
        test: expected.test,
        cancelledAt: expected.cancelledAt,
      });
      expect(row.lines).toEqual(expected.lines);
    }

    const status = await syncStatus(prisma, shop.shopId);
    expect(status.phase).toBe("completed");
    expect(status.percent).toBe(100);
    expect(status.scopeLimited).toBe(false);
    expect(status.resources.map((r) => r.rowsDone)).toEqual([
      history.customers.length,
      history.orders.length,
      history.checkouts.length,
    ]);
  });

  test("learns the shop's Shopify id, timezone and currency from Shopify before importing", async () => {
    const tokyo = await h.newShop({ ianaTimezone: "Asia/Tokyo" });
    loadHistory(tokyo.store, generateHistory({ orders: 5, now: new Date("2026-11-20T00:00:00Z") }));
    expect(await h.db.prisma.shop.findUniqueOrThrow({ where: { id: tokyo.shopId } })).toMatchObject({
      timezone: "UTC",
    });
    expect(await requestBackfill(h.db.prisma, tokyo.shopId)).toBe(true);
    await runBackfill(h.deps(), tokyo.shopId);
    expect(await h.db.prisma.shop.findUniqueOrThrow({ where: { id: tokyo.shopId } })).toMatchObject({
      timezone: "Asia/Tokyo",
      currency: "USD",
      shopifyId: BigInt(fakeShopifyId(tokyo.domain)),
    });
  });

  test("without read_all_orders only the last 60 days come in, and the status says why", async () => {
    const limited = await h.newShop({ scopes: ["read_orders", "read_customers"] });
    const now = new Date();
    const twoYears = generateHistory({ orders: 200, now, days: 730, firstId: 6_100_000_000_000 });
    loadHistory(limited.store, twoYears);
    await requestBackfill(h.db.prisma, limited.shopId);
    await runBackfill(h.deps(), limited.shopId);

    const recent = twoYears.orders.filter(
      (o) => new Date(o.createdAt).getTime() >= now.getTime() - 60 * 86_400_000,
    ).length;
    expect(recent).toBeGreaterThan(0);
    expect(recent).toBeLessThan(twoYears.orders.length);
    expect(await h.db.prisma.order.count({ where: { shopId: limited.shopId } })).toBe(recent);
    const status = await syncStatus(h.db.prisma, limited.shopId);
    expect(status.phase).toBe("completed");
    expect(status.scopeLimited).toBe(true);
    expect(status.historyFrom).not.toBeNull();
  });
});

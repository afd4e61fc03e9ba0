import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { requestBackfill } from "~/sync/import/request.server";
import { syncStatus } from "~/sync/status.server";
import { generateHistory, loadHistory, type GeneratedHistory } from "../../fake-shopify/admin-api";
import { runBackfill, startHarness, type BackfillHarness, type TestShop } from "./support";

let h: BackfillHarness;
let history: GeneratedHistory;
let shop: TestShop;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

beforeEach(async () => {
  shop = await h.newShop();
  history = generateHistory({ orders: 300, now: new Date("2026-11-20T00:00:00Z") });
  loadHistory(shop.store, history);
  await requestBackfill(h.db.prisma, shop.shopId);
});

const state = (resource: string) =>
  h.db.prisma.syncState.findUniqueOrThrow({ where: { shopId_resource: { shopId: shop.shopId, resource } } });

test("a failed bulk operation is retried, and the retry imports everything", async () => {
  h.fake.planBulk(
    shop.domain,
    { outcome: "complete" },
    { outcome: "fail", errorCode: "INTERNAL_SERVER_ERROR" },
  );
  await runBackfill(h.deps({ options: { maxAttempts: 3 } }), shop.shopId);
  const orders = await state("orders");
  expect(orders).toMatchObject({ status: "completed", attempts: 2, error: null });
  expect(await h.db.prisma.order.count({ where: { shopId: shop.shopId } })).toBe(history.orders.length);
});

test("a bulk operation that keeps failing is reported clearly, not retried forever", async () => {
  h.fake.planBulk(
    shop.domain,
    { outcome: "complete" },
    { outcome: "fail", errorCode: "TIMEOUT" },
    { outcome: "fail", errorCode: "TIMEOUT" },
  );
  await runBackfill(h.deps({ options: { maxAttempts: 2 } }), shop.shopId);
  const orders = await state("orders");
  expect(orders.status).toBe("failed");
  expect(orders.attempts).toBe(2);
  expect(orders.error).toMatch(/export failed \(TIMEOUT\)/);
  const status = await syncStatus(h.db.prisma, shop.shopId);
  expect(status.phase).toBe("completed-with-errors");
  // The other resources still came in.
  expect((await state("checkouts")).status).toBe("completed");
});

test("a failed operation's partial data is imported, and the retry completes the rest", async () => {
  h.fake.planBulk(
    shop.domain,
    { outcome: "complete" },
    { outcome: "fail", errorCode: "TIMEOUT", partialAfterRoots: 120 },
  );
  const seen: number[] = [];
  await runBackfill(
    h.deps({
      options: { maxAttempts: 2 },
      afterBatch: async ({ resource }) => {
        if (resource === "orders")
          seen.push(await h.db.prisma.order.count({ where: { shopId: shop.shopId } }));
      },
    }),
    shop.shopId,
  );
  expect(seen).toContain(120); // the partial file (120 orders) was imported before the retry
  const orders = await state("orders");
  expect(orders).toMatchObject({ status: "completed", attempts: 2, partialData: false });
  expect(await h.db.prisma.order.count({ where: { shopId: shop.shopId } })).toBe(history.orders.length);
});

test("partial data is kept when no retry is left, and the failure says so", async () => {
  h.fake.planBulk(
    shop.domain,
    { outcome: "complete" },
    { outcome: "fail", errorCode: "TIMEOUT", partialAfterRoots: 80 },
  );
  await runBackfill(h.deps({ options: { maxAttempts: 1 } }), shop.shopId);
  const orders = await state("orders");
  expect(orders.status).toBe("failed");
  expect(orders.error).toMatch(/part it produced was imported/);
  expect(await h.db.prisma.order.count({ where: { shopId: shop.shopId } })).toBe(80);
});

test("throttled Admin API calls wait for the bucket to refill, then succeed", async () => {
  h.fake.throttleNext(shop.domain, 2);
  const waits: number[] = [];
  const { adminGraphqlFor } = await import("~/admin-api/graphql.server");
  await runBackfill(
    h.deps({
      graphqlFor: (domain) =>
        adminGraphqlFor(domain, {
          sleep: async (ms) => {
            waits.push(ms);
            await new Promise((resolve) => setTimeout(resolve, ms));
          },
        }),
    }),
    shop.shopId,
  );
  expect(h.fake.requests.filter((r) => r.throttled).length).toBeGreaterThanOrEqual(2);
  // Waits come from restoreRate (100 points/s) and the points missing, not from a spin.
  expect(waits.length).toBeGreaterThanOrEqual(2);
  expect(Math.min(...waits)).toBeGreaterThan(0);
  expect(Math.max(...waits)).toBeLessThan(2_000);
  expect((await state("customers")).status).toBe("completed");
});

import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { advanceBackfill } from "~/sync/import/backfill.server";
import { requestBackfill } from "~/sync/import/request.server";
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
  history = generateHistory({ orders: 600, now: new Date("2026-11-20T00:00:00Z") });
  loadHistory(shop.store, history);
  await requestBackfill(h.db.prisma, shop.shopId);
});

class Crash extends Error {}

const ordersState = () =>
  h.db.prisma.syncState.findUniqueOrThrow({
    where: { shopId_resource: { shopId: shop.shopId, resource: "orders" } },
  });

test("a worker killed mid-import resumes at its checkpoint and every row lands exactly once", async () => {
  // The worker dies after its 3rd committed batch of orders (batches of 50).
  const crashing = h.deps({
    afterBatch: ({ resource, batches }) => {
      if (resource === "orders" && batches === 3) throw new Crash("killed");
    },
  });
  await expect(runBackfill(crashing, shop.shopId)).rejects.toBeInstanceOf(Crash);

  const crashed = await ordersState();
  expect(crashed.status).toBe("importing");
  expect(crashed.rowsDone).toBe(150);
  expect(Number(crashed.byteOffset)).toBeGreaterThan(0);
  expect(await h.db.prisma.order.count({ where: { shopId: shop.shopId } })).toBe(150);

  // A fresh worker (no hook) carries on from the stored byte offset.
  await runBackfill(h.deps(), shop.shopId);
  const done = await ordersState();
  expect(done.status).toBe("completed");
  expect(done.rowsDone).toBe(history.orders.length); // counted once: no batch was redone
  expect(done.linesDone).toBe(done.objectCount);
  expect(await h.db.prisma.order.count({ where: { shopId: shop.shopId } })).toBe(history.orders.length);
  const resumed = h.fake.requests.filter(
    (r) => r.path.startsWith("/bulk-results/") && r.range === `bytes=${crashed.byteOffset}-`,
  );
  expect(resumed).toHaveLength(1);
  expect(resumed[0]!.status).toBe(206);
  // One bulk operation per resource: the resume reused the export instead of starting again.
  expect(h.fake.operations(shop.domain)).toHaveLength(3);
});

test("a result URL that expires mid-import is replaced by a new bulk operation", async () => {
  const expiring = h.deps({
    afterBatch: ({ resource, batches }) => {
      if (resource === "orders" && batches === 2) {
        h.fake.expireResults(shop.domain);
        throw new Crash("restart");
      }
    },
  });
  await expect(runBackfill(expiring, shop.shopId)).rejects.toBeInstanceOf(Crash);
  await runBackfill(h.deps(), shop.shopId);

  const orders = await ordersState();
  expect(orders.status).toBe("completed");
  expect(orders.attempts).toBe(2);
  expect(h.fake.requests.some((r) => r.path.startsWith("/bulk-results/") && r.status === 403)).toBe(true);
  expect(await h.db.prisma.order.count({ where: { shopId: shop.shopId } })).toBe(history.orders.length);
});

test("a live lease keeps other workers out; an expired one (a dead worker's) is taken over", async () => {
  const where = { shopId_resource: { shopId: shop.shopId, resource: "customers" } };
  await h.db.prisma.syncState.update({
    where,
    data: { leaseOwner: "another-worker", leaseUntil: new Date(Date.now() + 60_000) },
  });
  expect(await advanceBackfill(h.deps(), shop.shopId)).toEqual({ kind: "busy" });

  await h.db.prisma.syncState.update({ where, data: { leaseUntil: new Date(Date.now() - 1) } });
  expect((await advanceBackfill(h.deps(), shop.shopId)).kind).toBe("wait");
  expect((await h.db.prisma.syncState.findUniqueOrThrow({ where })).status).toBe("running");
});

/**
 * Fairness between shops, through the worker process's real wiring (startWorkers) on BullMQ's PostgreSQL
 * backend: while shop A's full rebuild is active, and held there for as long as the test likes, shop B's
 * incremental recompute still runs to the end. Shop A's own incremental request and shop C's first build
 * (which needs a rebuild) are queued meanwhile too, so neither may take the workers B needs.
 */
import type { PrismaClient } from "@prisma/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodContaining } from "~/kpi/calendar/period";
import { createQueues, type Queues } from "~/jobs/producer.server";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { startWorkers, type RunningWorkers } from "../../workers/worker.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { snapshotOf } from "./support/compare";
import { createShop } from "./support/seed";

/** The lock recomputeShop holds for its whole transaction (app/kpi-engine/shop-lock.server.ts). */
const RECOMPUTE_LOCK = 7301;

async function addOrder(prisma: PrismaClient, shopId: number, id: number, at: Date): Promise<void> {
  // Through SQL, as the ingest writes it: the triggers mark the order's day and customer dirty.
  await prisma.$executeRaw`
    INSERT INTO "order" (shop_id, id, name, customer_id, email, customer_key, ordered_at, shopify_created_at,
      shopify_updated_at, currency, gross_minor, discounts_minor, shipping_minor, taxes_minor, duties_minor,
      total_minor, units, lines)
    VALUES (${shopId}, ${id}, ${`#${id}`}, ${id}, ${`c${id}@example.com`}, ${`c:${id}`}, ${at}, ${at}, ${at},
      'USD', 2500, 0, 0, 0, 0, 2500, 1, '[]'::jsonb)`;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("recompute fairness between shops", () => {
  let database: TestDatabase;
  let queues: Queues;
  let workers: RunningWorkers | undefined;
  let holder: pg.Client;

  beforeAll(async () => {
    // The worker process's other schedulers (privacy notices, digests) read the app's configuration.
    Object.assign(process.env, { SHOPIFY_API_KEY: "test-api-key", SHOPIFY_API_SECRET: "test-api-secret" });
    database = await createTestDatabase();
    queues = createQueues({ databaseUrl: database.url });
    holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
  });
  afterAll(async () => {
    await holder.end().catch(() => {});
    await workers?.close();
    await queues.close();
    await database.drop();
  });

  it("runs shop B's incremental recompute while shop A's rebuild is active", async () => {
    const prisma = database.prisma;
    const now = new Date();
    const [a, b, c] = [
      await createShop(prisma, "big-a.myshopify.com", "UTC"),
      await createShop(prisma, "small-b.myshopify.com", "UTC"),
      await createShop(prisma, "new-c.myshopify.com", "UTC"),
    ];
    for (const [shopId, id] of [
      [a, 1],
      [b, 2],
      [c, 3],
    ] as const)
      await addOrder(prisma, shopId, id, new Date(now.getTime() - 3_600_000));
    // A and B have been built (their next recompute is incremental); C never was.
    await recomputeShop(prisma, a);
    await recomputeShop(prisma, b);

    // Shop A's rebuild starts and cannot finish until the test lets go of A's recompute lock.
    await holder.query("BEGIN");
    await holder.query("SELECT pg_advisory_xact_lock($1::int, $2::int)", [RECOMPUTE_LOCK, a]);
    workers = await startWorkers(queues.backend, queues, prisma, { concurrency: 2 });
    await queues.enqueueRecompute({ shopId: a, full: true, reason: "backfill" });
    const waitingOnA = async () => {
      const { rows } = await holder.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks
         WHERE locktype = 'advisory' AND classid = $1 AND objid = $2 AND NOT granted`,
        [RECOMPUTE_LOCK, a],
      );
      return rows[0]!.n > 0;
    };
    await waitFor(waitingOnA, 120_000, "shop A's rebuild to start");

    // New orders for all three shops, each asking for an incremental recompute as the ingest does.
    const placed = new Date(now.getTime() - 60_000);
    for (const [shopId, id] of [
      [a, 11],
      [b, 12],
      [c, 13],
    ] as const) {
      await addOrder(prisma, shopId, id, placed);
      await queues.enqueueRecompute({ shopId, reason: "ingest" });
    }
    const stateOf = (shopId: number) => prisma.kpiEngineState.findUnique({ where: { shopId } });
    const before = (await stateOf(b))!.computedAt;
    await waitFor(
      async () => (await stateOf(b))!.computedAt > before,
      120_000,
      "shop B's incremental recompute",
    );

    // B's snapshot holds its new order, and A's rebuild is still the one waiting on the lock.
    const state = (await stateOf(b))!;
    const year = await snapshotOf(
      prisma,
      b,
      periodContaining("year", state.computedAt, "UTC", state.computedAt),
    );
    expect(year.get("orders")?.value).toBe(2);
    expect(await waitingOnA()).toBe(true);

    // Once A's rebuild may finish, every shop ends built, with nothing left dirty.
    await holder.query("COMMIT");
    const settled = async () => {
      const states = await Promise.all([a, b, c].map(stateOf));
      const dirty = await prisma.kpiDirtyDay.count();
      return states.every((s) => s !== null && s.computedAt > before) && dirty === 0;
    };
    await waitFor(settled, 180_000, "every shop to be recomputed");
    for (const shopId of [a, c]) {
      const built = (await stateOf(shopId))!;
      const snapshot = await snapshotOf(
        prisma,
        shopId,
        periodContaining("year", built.computedAt, "UTC", built.computedAt),
      );
      expect(snapshot.get("orders")?.value).toBe(2);
    }
  }, 420_000);
});

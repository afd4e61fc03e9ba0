/**
 * The recompute job on BullMQ's PostgreSQL backend: 1,000 ingested webhooks for one shop, each asking
 * for a recompute as the worker's ingest hook does, end in a handful of recomputes, and the snapshots
 * then hold every order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodContaining } from "~/kpi/calendar/period";
import { createIngestProcessor } from "../../workers/ingest.processor";
import { INGEST_QUEUE, type IngestJob } from "~/jobs/ingest.job";
import type { AppWorker } from "~/jobs/queue-backend.server";
import { createQueues, type Queues } from "~/jobs/producer.server";
import { createRecomputeProcessor } from "../../workers/recompute.processor";
import { RECOMPUTE_DEBOUNCE_MS, RECOMPUTE_QUEUE, type RecomputeJob } from "~/jobs/recompute.job";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { snapshotOf } from "./support/compare";
import { createShop } from "./support/seed";

const WEBHOOKS = 1_000;

// Orders of the last minutes: each recompute then refreshes only the periods in progress.
const START = Date.now() - 2 * WEBHOOKS * 1_000;

function orderPayload(id: number) {
  const created = new Date(START + id * 1_000).toISOString();
  const money = (amount: string) => ({
    shop_money: { amount, currency_code: "USD" },
    presentment_money: { amount, currency_code: "USD" },
  });
  return {
    id,
    created_at: created,
    updated_at: created,
    processed_at: created,
    currency: "USD",
    email: `buyer${id % 300}@example.com`,
    line_items: [
      {
        id: id * 10,
        quantity: 1,
        price: "10.00",
        price_set: money("10.00"),
        total_discount_set: money("0.00"),
        tax_lines: [],
      },
    ],
    total_discounts_set: money("0.00"),
    total_shipping_price_set: money("0.00"),
    total_tax_set: money("0.00"),
    total_price_set: money("10.00"),
  };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("recompute deduplication on the PostgreSQL queue backend", () => {
  let database: TestDatabase;
  let queues: Queues;
  let workers: AppWorker<unknown>[] = [];
  let shopId: number;
  let recomputes = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    queues = createQueues({ databaseUrl: database.url });
    shopId = await createShop(database.prisma, "burst.myshopify.com", "UTC");
    const prisma = database.prisma;
    const enqueue = (job: RecomputeJob) => queues.enqueueRecompute(job);
    const recompute = createRecomputeProcessor({ prisma, enqueue });
    workers = [
      queues.backend.worker<IngestJob>(
        INGEST_QUEUE,
        createIngestProcessor({ prisma, onShopChanged: (id) => enqueue({ shopId: id, reason: "ingest" }) }),
        { concurrency: 8 },
      ),
      queues.backend.worker<RecomputeJob>(
        RECOMPUTE_QUEUE,
        async (job) => {
          if (job.name === "recompute") recomputes += 1;
          return recompute(job);
        },
        { concurrency: 2 },
      ),
    ] as AppWorker<unknown>[];
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await queues.close();
    await database.drop();
  });

  it("turns 1,000 webhooks into a handful of recomputes", async () => {
    await database.prisma.webhookEvent.createMany({
      data: Array.from({ length: WEBHOOKS }, (_, i) => ({
        shopId,
        webhookId: `wh-${i}`,
        topic: "orders/create",
        payload: orderPayload(i + 1),
      })),
    });
    const started = Date.now();
    await queues.ingest.addBulk(
      Array.from({ length: WEBHOOKS }, (_, i) => ({
        name: "ingest",
        data: { shopId, webhookId: `wh-${i}` },
      })),
    );

    const processed = () => database.prisma.webhookEvent.count({ where: { status: "processed" } });
    // Generous deadlines: a loaded machine may ingest slowly; what is asserted below does not depend on it.
    await waitFor(async () => (await processed()) === WEBHOOKS, 240_000);
    const ingesting = Date.now() - started;
    const settled = async () => {
      const counts = await queues.recompute.getJobCounts("waiting", "delayed", "active", "prioritized");
      const dirty = await database.prisma.kpiDirtyDay.count({ where: { shopId } });
      return dirty === 0 && Object.values(counts).every((n) => n === 0);
    };
    await waitFor(settled, 240_000);

    // The property: requests are coalesced, at most one recompute per debounce window while webhooks
    // arrive (plus the one kept while another runs, and the last). How many windows the burst spans
    // depends on the machine's speed, so the bound does too; it stays far below one per webhook.
    const windows = Math.ceil(ingesting / RECOMPUTE_DEBOUNCE_MS);
    console.info(
      `${WEBHOOKS} webhooks in ${ingesting} ms (${windows} debounce windows) → ${recomputes} recomputes`,
    );
    expect(recomputes).toBeGreaterThanOrEqual(1);
    expect(recomputes).toBeLessThanOrEqual(windows + 2);
    expect(recomputes).toBeLessThan(WEBHOOKS / 20);
    const state = await database.prisma.kpiEngineState.findUniqueOrThrow({ where: { shopId } });
    const year = await snapshotOf(
      database.prisma,
      shopId,
      periodContaining("year", state.computedAt, "UTC", state.computedAt),
    );
    expect(year.get("orders")?.value).toBe(WEBHOOKS);
    expect(year.get("customers")?.value).toBe(300); // guests keyed by their email
  }, 540_000);
});

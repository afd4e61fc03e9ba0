/**
 * The recompute queue's safety-net sweep: every installed shop with changes waiting is queued, and of
 * those whose snapshots are only stale, a bounded number, the stalest first, so that an outage's
 * worth of stale shops never queues ahead of the next webhook's recompute all at once.
 */
import type { Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecomputeJob } from "~/jobs/recompute.job";
import { createRecomputeProcessor, sweepShops } from "../../workers/recompute.processor";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createShop } from "./support/seed";

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

describe("recompute sweep", () => {
  let database: TestDatabase;
  const shops: Record<string, number> = {};
  beforeAll(async () => {
    database = await createTestDatabase();
    const { prisma } = database;
    for (const name of ["dirty", "dirtyAndStalest", "stale3h", "stale2h", "fresh", "uninstalledStale"])
      shops[name] = await createShop(prisma, `sweep-${name.toLowerCase()}.myshopify.com`, "UTC");
    const computed: [string, Date][] = [
      ["dirty", hoursAgo(0.1)],
      ["dirtyAndStalest", hoursAgo(4)],
      ["stale3h", hoursAgo(3)],
      ["stale2h", hoursAgo(2)],
      ["fresh", hoursAgo(0.1)],
      ["uninstalledStale", hoursAgo(5)],
    ];
    for (const [name, at] of computed)
      await prisma.kpiEngineState.create({
        data: { shopId: shops[name]!, settingsKey: "sweep-test", computedAt: at, rebuiltAt: at },
      });
    for (const name of ["dirty", "dirtyAndStalest"])
      await prisma.$executeRaw`INSERT INTO kpi_dirty_day (shop_id, day) VALUES (${shops[name]}, CURRENT_DATE)`;
    await prisma.shop.update({ where: { id: shops.uninstalledStale }, data: { state: "uninstalled" } });
  });
  afterAll(() => database.drop());

  const queuedBy = async (limit?: number) => {
    const queued: RecomputeJob[] = [];
    const count = await sweepShops(database.prisma, async (job) => void queued.push(job), limit);
    expect(count).toBe(queued.length);
    return queued;
  };
  const names = (jobs: RecomputeJob[]) =>
    jobs.map((job) => Object.keys(shops).find((name) => shops[name] === job.shopId)).sort();

  it("queues every shop with changes waiting, and only the stalest stale ones up to the bound", async () => {
    const queued = await queuedBy(2);
    expect(names(queued)).toEqual(["dirty", "dirtyAndStalest", "stale3h"]);
    expect(queued.every((job) => job.reason === "sweep")).toBe(true);
  });

  it("under the bound, every stale installed shop once; never a fresh or uninstalled one", async () => {
    expect(names(await queuedBy(100))).toEqual(["dirty", "dirtyAndStalest", "stale2h", "stale3h"]);
  });

  it("is what the queue's sweep job runs", async () => {
    const queued: RecomputeJob[] = [];
    const process = createRecomputeProcessor({
      prisma: database.prisma,
      enqueue: async (job) => void queued.push(job),
    });
    expect(
      await process({ name: "sweep", data: { shopId: 0, reason: "sweep" } } as Job<RecomputeJob>),
    ).toEqual({ queued: 4 });
    expect(names(queued)).toEqual(["dirty", "dirtyAndStalest", "stale2h", "stale3h"]);
  });
});

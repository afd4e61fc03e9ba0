import type { Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRecomputeProcessor } from "../../workers/recompute.processor";
import type { RecomputeJob } from "~/jobs/recompute.job";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createShop } from "./support/seed";

const job = (data: RecomputeJob) => ({ name: "recompute", data }) as Job<RecomputeJob>;

describe("recompute processor", () => {
  let database: TestDatabase;
  let shopId: number;
  beforeAll(async () => {
    database = await createTestDatabase();
    shopId = await createShop(database.prisma, "fit-after.myshopify.com", "UTC");
  });
  afterAll(() => database.drop());

  it("queues the CLV fit after a full rebuild (the customer rows it reads), not after an incremental one", async () => {
    const fits: { shopId: number; occasion: string }[] = [];
    const recompute = createRecomputeProcessor({
      prisma: database.prisma,
      enqueue: async () => {},
      enqueueClvFit: async (id, occasion) => void fits.push({ shopId: id, occasion }),
    });
    expect(await recompute(job({ shopId, full: true, reason: "backfill" }))).toMatchObject({ mode: "full" });
    expect(fits.map((f) => f.shopId)).toEqual([shopId]);
    expect(await recompute(job({ shopId, reason: "ingest" }))).toMatchObject({ mode: "incremental" });
    expect(fits).toHaveLength(1);
    // A later full rebuild the same day (its first may have run before the import landed) fits again.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await recompute(job({ shopId, full: true, reason: "model change" }))).toMatchObject({
      mode: "full",
    });
    expect(fits.map((f) => f.shopId)).toEqual([shopId, shopId]);
    expect(fits[1]!.occasion).not.toBe(fits[0]!.occasion);
  });

  it("queues the CLV fit after a margin change (predicted CLV is net of it), not after other settings changes", async () => {
    const fits: number[] = [];
    const recompute = createRecomputeProcessor({
      prisma: database.prisma,
      enqueue: async () => {},
      enqueueClvFit: async (id) => void fits.push(id),
    });
    const save = (data: { grossMarginPct?: number; activityWindowDays?: number; graceMinutes?: number }) =>
      database.prisma.shopSettings.upsert({ where: { shopId }, create: { shopId, ...data }, update: data });
    await recompute(job({ shopId, reason: "ingest" }));
    await save({ grossMarginPct: 35 });
    expect(await recompute(job({ shopId, reason: "settings changed" }))).toMatchObject({
      mode: "settings",
      predictionsStale: true,
    });
    expect(fits).toEqual([shopId]);
    expect(await recompute(job({ shopId, reason: "ingest" }))).toMatchObject({
      mode: "incremental",
      predictionsStale: false,
    });
    await save({ activityWindowDays: 120, graceMinutes: 90 });
    expect(await recompute(job({ shopId, reason: "settings changed" }))).toMatchObject({
      mode: "settings",
      predictionsStale: false,
    });
    expect(fits).toEqual([shopId]);
  });
});

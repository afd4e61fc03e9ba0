import type { PrismaClient } from "@prisma/client";
import type { Job } from "bullmq";
import { recomputeShop } from "../app/kpi-engine/recompute.server";
import { hasDirtyMarks } from "../app/kpi-engine/dirty.server";
import { log } from "../app/logger.server";
import type { RecomputeJob } from "./recompute.queue";
import { RECOMPUTE_STALE_AFTER_MS } from "./recompute.queue";

export interface RecomputeProcessorDeps {
  prisma: PrismaClient;
  enqueue: (job: RecomputeJob) => Promise<void>;
  /** Queues the shop's predictive CLV fit, once per `occasion`. */
  enqueueClvFit?: (shopId: number, occasion: string) => Promise<void>;
}

/**
 * "recompute" jobs run the engine (idempotent: a second run finds nothing dirty and rewrites the same
 * snapshots); "sweep" jobs queue a recompute for every shop with unprocessed marks or stale snapshots.
 */
export function createRecomputeProcessor({ prisma, enqueue, enqueueClvFit }: RecomputeProcessorDeps) {
  return async (job: Job<RecomputeJob>) => {
    if (job.name === "sweep") return { queued: await sweepShops(prisma, enqueue) };
    const shop = await prisma.shop.findUnique({ where: { id: job.data.shopId }, select: { state: true } });
    if (!shop || shop.state === "redacted") return { skipped: "shop gone" };
    const result = await recomputeShop(prisma, job.data.shopId, { mode: job.data.full ? "full" : "auto" });
    log.info("kpi recompute", { shopId: job.data.shopId, reason: job.data.reason, ...result });
    // The CLV model reads the customer rows a full rebuild (re)builds, after an install's history import
    // above all: fit it now rather than leave the customers page empty until the nightly run. Once per
    // rebuild, not per day: a shop's first rebuild may run on an empty shop, before its import lands.
    // After a margin change too (predicted CLV is net of it), but not after the other settings.
    if (result.predictionsStale) await enqueueClvFit?.(job.data.shopId, `rebuild-${Date.now()}`);
    // Marks written while this run held its snapshot are picked up by a follow-up run.
    if (await hasDirtyMarks(prisma, job.data.shopId)) {
      await enqueue({ shopId: job.data.shopId, reason: "follow-up" });
    }
    return result;
  };
}

async function sweepShops(prisma: PrismaClient, enqueue: (job: RecomputeJob) => Promise<void>): Promise<number> {
  const staleBefore = new Date(Date.now() - RECOMPUTE_STALE_AFTER_MS);
  const shops = await prisma.$queryRaw<{ id: number }[]>`
    SELECT s.id FROM shop s
    WHERE s.state = 'installed' AND (
      EXISTS (SELECT 1 FROM kpi_dirty_day d WHERE d.shop_id = s.id)
      OR EXISTS (SELECT 1 FROM kpi_dirty_customer c WHERE c.shop_id = s.id)
      OR EXISTS (SELECT 1 FROM kpi_engine_state e WHERE e.shop_id = s.id AND e.computed_at < ${staleBefore}))`;
  for (const { id } of shops) await enqueue({ shopId: id, reason: "sweep" });
  return shops.length;
}

import type { PrismaClient } from "@prisma/client";
import type { Job } from "bullmq";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { hasDirtyMarks } from "~/kpi-engine/dirty.server";
import { log } from "~/logger.server";
import { parseJobData } from "~/jobs/contract";
import { RECOMPUTE_STALE_AFTER_MS, recomputeJob, type RecomputeJob } from "~/jobs/recompute.job";

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
    const data = parseJobData(recomputeJob, job);
    if (job.name === "sweep") return { queued: await sweepShops(prisma, enqueue) };
    const shop = await prisma.shop.findUnique({ where: { id: data.shopId }, select: { state: true } });
    if (!shop || shop.state === "redacted") return { skipped: "shop gone" };
    const result = await recomputeShop(prisma, data.shopId, { mode: data.full ? "full" : "auto" });
    log.info("kpi recompute", { shopId: data.shopId, reason: data.reason, ...result });
    // The CLV model reads the customer rows a full rebuild (re)builds, after an install's history import
    // above all: fit it now rather than leave the customers page empty until the nightly run. Once per
    // rebuild, not per day: a shop's first rebuild may run on an empty shop, before its import lands.
    // After a margin change too (predicted CLV is net of it), but not after the other settings.
    if (result.predictionsStale) await enqueueClvFit?.(data.shopId, `rebuild-${Date.now()}`);
    // Marks written while this run held its snapshot are picked up by a follow-up run.
    if (await hasDirtyMarks(prisma, data.shopId)) {
      await enqueue({ shopId: data.shopId, reason: "follow-up" });
    }
    return result;
  };
}

async function sweepShops(
  prisma: PrismaClient,
  enqueue: (job: RecomputeJob) => Promise<void>,
): Promise<number> {
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

import type { PrismaClient } from "@prisma/client";
import type { Job } from "bullmq";
import { RecomputeDeferredError, recomputeShop, type RecomputeResult } from "~/kpi-engine/recompute.server";
import { hasDirtyMarks } from "~/kpi-engine/dirty.server";
import { log } from "~/logger.server";
import { parseJobData } from "~/jobs/contract";
import {
  RECOMPUTE_STALE_AFTER_MS,
  RECOMPUTE_STALE_SHOPS_PER_SWEEP,
  recomputeJob,
  type RecomputeJob,
} from "~/jobs/recompute.job";

export interface RecomputeProcessorDeps {
  prisma: PrismaClient;
  enqueue: (job: RecomputeJob) => Promise<void>;
  /** Queues the shop's predictive CLV fit, once per `occasion`. */
  enqueueClvFit?: (shopId: number, occasion: string) => Promise<void>;
  /**
   * Set on the incremental queue's workers: they run incremental recomputes only, and hand a job that
   * needs a rebuild (nothing built yet, settings changed) to the rebuild queue through this. Unset (the
   * rebuild queue's workers), every path runs here.
   */
  handToRebuild?: (job: RecomputeJob) => Promise<void>;
}

/**
 * "recompute" jobs run the engine (idempotent: a second run finds nothing dirty and rewrites the same
 * snapshots); "sweep" jobs queue a recompute for every shop with unprocessed marks or stale snapshots.
 */
export function createRecomputeProcessor({
  prisma,
  enqueue,
  enqueueClvFit,
  handToRebuild,
}: RecomputeProcessorDeps) {
  return async (job: Job<RecomputeJob>) => {
    const data = parseJobData(recomputeJob, job);
    if (job.name === "sweep") return { queued: await sweepShops(prisma, enqueue) };
    const shop = await prisma.shop.findUnique({ where: { id: data.shopId }, select: { state: true } });
    if (!shop || shop.state === "redacted") return { skipped: "shop gone" };
    let result: RecomputeResult;
    try {
      result = await recomputeShop(prisma, data.shopId, {
        mode: data.full ? "full" : "auto",
        incrementalOnly: handToRebuild !== undefined && !data.full,
      });
    } catch (error) {
      if (!(error instanceof RecomputeDeferredError) || !handToRebuild) throw error;
      if (error.reason === "rebuild") await handToRebuild({ shopId: data.shopId, reason: data.reason });
      // Busy: the shop's own rebuild (or a redaction) runs; come back after it rather than hold this
      // worker, which other shops' recomputes need. Kept as the one job after this (deduplicated).
      else await enqueue({ shopId: data.shopId, reason: data.reason });
      log.info("kpi recompute deferred", { shopId: data.shopId, reason: data.reason, to: error.reason });
      return { deferred: error.reason };
    }
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

/** Queues every installed shop with dirty marks, and the `staleLimit` installed shops stale the longest. */
export async function sweepShops(
  prisma: PrismaClient,
  enqueue: (job: RecomputeJob) => Promise<void>,
  staleLimit = RECOMPUTE_STALE_SHOPS_PER_SWEEP,
): Promise<number> {
  const staleBefore = new Date(Date.now() - RECOMPUTE_STALE_AFTER_MS);
  const dirty = await prisma.$queryRaw<{ id: number }[]>`
    SELECT s.id FROM shop s
    WHERE s.state = 'installed' AND (
      EXISTS (SELECT 1 FROM kpi_dirty_day d WHERE d.shop_id = s.id)
      OR EXISTS (SELECT 1 FROM kpi_dirty_customer c WHERE c.shop_id = s.id))`;
  const stale = await prisma.$queryRaw<{ id: number }[]>`
    SELECT e.shop_id AS id FROM kpi_engine_state e JOIN shop s ON s.id = e.shop_id
    WHERE s.state = 'installed' AND e.computed_at < ${staleBefore}
    ORDER BY e.computed_at, e.shop_id LIMIT ${staleLimit}`;
  const ids = new Set([...dirty, ...stale].map((row) => row.id));
  for (const id of ids) await enqueue({ shopId: id, reason: "sweep" });
  return ids.size;
}

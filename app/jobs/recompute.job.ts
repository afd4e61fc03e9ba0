import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { defineJob } from "./contract";

/** Recomputes a shop's KPI rollups and snapshots (app/kpi-engine): the incremental ones, after changes. */
export const RECOMPUTE_QUEUE = "kpi-recompute";
/**
 * Full rebuilds (history import, model change, a shop's first build) and settings changes: minutes for a
 * large shop, so they run on a queue and workers of their own and never take an incremental one's turn.
 */
export const REBUILD_QUEUE = "kpi-rebuild";

/** Workers per process on each queue: incremental recomputes of other shops always find one free. */
export const RECOMPUTE_CONCURRENCY = 2;
export const REBUILD_CONCURRENCY = 1;

export const recomputeJobSchema = z.object({
  /** 0 on the "sweep" job, which covers every shop. */
  shopId: z.number().int().nonnegative(),
  /** Rebuild everything from the raw rows (after a history import or a model change). */
  full: z.boolean().optional(),
  /** Why it was queued (ingest, backfill, reconcile, sweep…): for the logs. */
  reason: z.string().min(1),
});
export type RecomputeJob = z.infer<typeof recomputeJobSchema>;

/** Wait this long after the first change so a burst of webhooks is recomputed once. */
export const RECOMPUTE_DEBOUNCE_MS = 2_000;
/** The safety net: shops with unprocessed dirty marks, or whose periods in progress are this old, get a recompute. */
export const RECOMPUTE_SWEEP_EVERY_MS = 60_000;
export const RECOMPUTE_STALE_AFTER_MS = 60 * 60_000;
/**
 * Of the shops whose snapshots are stale, at most this many per sweep, the stalest first: after an outage
 * every shop is stale at once, and queuing them all would put a recompute of each ahead of the next
 * webhook's (decision 0035). A hundred a minute refreshes 6,000 idle shops an hour. Shops with changes
 * waiting are queued whatever their age (a stale one among them also takes one of the hundred).
 */
export const RECOMPUTE_STALE_SHOPS_PER_SWEEP = 100;
export const RECOMPUTE_SWEEP_SCHEDULER_ID = "kpi-recompute-sweep";

export const recomputeJobOptions: JobsOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 5_000 },
  removeOnComplete: { count: 1_000, age: 24 * 3600 },
  removeOnFail: { count: 5_000, age: 14 * 24 * 3600 },
};

export const recomputeJob = defineJob({
  queue: RECOMPUTE_QUEUE,
  names: ["recompute", "sweep"],
  schema: recomputeJobSchema,
  options: recomputeJobOptions,
});

/** The same job on the rebuild queue: `full` forces a full rebuild, otherwise the engine picks the path. */
export const rebuildJob = defineJob({
  queue: REBUILD_QUEUE,
  names: ["rebuild"],
  schema: recomputeJobSchema,
  options: recomputeJobOptions,
});

/**
 * Deduplicated per shop and queue: while one recompute waits (debounced) every further request is
 * dropped; while one runs, exactly one more is kept to run after it (it will see what arrived meanwhile).
 * Full rebuilds have their own key so no other request ever replaces one.
 */
export function recomputeAddOptions(job: RecomputeJob, queue = RECOMPUTE_QUEUE): JobsOptions {
  const kind = job.full ? "full" : queue === REBUILD_QUEUE ? "rebuild" : "recompute";
  return {
    delay: RECOMPUTE_DEBOUNCE_MS,
    deduplication: { id: `kpi-${kind}-${job.shopId}`, keepLastIfActive: true },
  };
}

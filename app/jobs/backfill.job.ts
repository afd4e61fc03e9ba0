import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { defineJob, shopIdSchema } from "./contract";

/** Moves a shop's history import forward (start export, poll, import file, retry). */
export const BACKFILL_QUEUE = "backfill";

export const backfillJobSchema = z.object({
  shopId: shopIdSchema,
  /** Why the job was queued (install, requested, bulk-finished, poll, demo…): for the logs. */
  reason: z.string().min(1),
});
export type BackfillJob = z.infer<typeof backfillJobSchema>;

export const backfillJobOptions: JobsOptions = {
  // The work is a resumable state machine: a failed attempt (e.g. Shopify unreachable) just runs it again.
  attempts: 8,
  backoff: { type: "exponential", delay: 5_000 },
  removeOnComplete: { count: 1_000, age: 24 * 3600 },
  removeOnFail: { count: 5_000, age: 14 * 24 * 3600 },
};

export const backfillJob = defineJob({
  queue: BACKFILL_QUEUE,
  names: ["advance"],
  schema: backfillJobSchema,
  options: backfillJobOptions,
});

/** At most one scheduled poll per shop at a time, however many wake-ups arrived. */
export const backfillPollDedupId = (shopId: number) => `backfill-poll-${shopId}`;

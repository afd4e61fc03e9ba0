import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { defineJob, shopIdSchema } from "./contract";

/** Turns one stored webhook (an inbox row) into Order/Customer/Checkout/Cart/Refund rows. */
export const INGEST_QUEUE = "ingest";

export const ingestJobSchema = z.object({
  shopId: shopIdSchema,
  /** The inbox row's key (X-Shopify-Webhook-Id, checked at intake). */
  webhookId: z.string().min(1).max(200),
});
export type IngestJob = z.infer<typeof ingestJobSchema>;

/**
 * The job id is the inbox key, so a second add of an event already queued adds nothing. A re-drive by
 * the sweeper (after the job failed or vanished) needs a fresh id: adding an id that a kept failed or
 * completed job still holds is a no-op on both backends. (Webhook ids are [\w-], so ".r" never clashes.)
 */
export const ingestJobId = (job: IngestJob, redrive = 0) =>
  redrive === 0 ? `wh-${job.shopId}-${job.webhookId}` : `wh-${job.shopId}-${job.webhookId}.r${redrive}`;

/** How many times the sweeper re-drives one event before it marks the event failed with the reason. */
export const MAX_INGEST_REDRIVES = 3;

export const ingestJobOptions: JobsOptions = {
  attempts: 10,
  backoff: { type: "exponential", delay: 1_000 },
  // Bounded history: the inbox row is the durable record, the queue only needs recent jobs for debugging.
  removeOnComplete: { count: 1_000, age: 24 * 3600 },
  removeOnFail: { count: 10_000, age: 14 * 24 * 3600 },
};

export const ingestJob = defineJob({
  queue: INGEST_QUEUE,
  names: ["ingest"],
  schema: ingestJobSchema,
  options: ingestJobOptions,
});

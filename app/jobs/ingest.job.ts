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

// The job id is the inbox key, so the sweeper re-enqueueing an event already queued adds nothing.
export const ingestJobId = (job: IngestJob) => `wh-${job.shopId}-${job.webhookId}`;

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

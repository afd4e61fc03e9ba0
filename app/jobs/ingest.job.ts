import type { JobsOptions } from "bullmq";

/** Turns one stored webhook (an inbox row) into Order/Customer/Checkout/Cart/Refund rows. */
export const INGEST_QUEUE = "ingest";

export interface IngestJob {
  shopId: number;
  webhookId: string;
}

// The job id is the inbox key, so the sweeper re-enqueueing an event already queued adds nothing.
export const ingestJobId = (job: IngestJob) => `wh-${job.shopId}-${job.webhookId}`;

export const ingestJobOptions: JobsOptions = {
  attempts: 10,
  backoff: { type: "exponential", delay: 1_000 },
  // Bounded history: the inbox row is the durable record, the queue only needs recent jobs for debugging.
  removeOnComplete: { count: 1_000, age: 24 * 3600 },
  removeOnFail: { count: 10_000, age: 14 * 24 * 3600 },
};

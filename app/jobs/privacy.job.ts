import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { defineJob } from "./contract";

/**
 * Privacy duties: "retention" (daily) deletes what has outlived app/privacy/retention.ts, and "notices"
 * (every minute) emails the merchant about new customer data requests.
 */
export const PRIVACY_QUEUE = "privacy";

export const PRIVACY_JOB_NAMES = ["retention", "notices"] as const;
export type PrivacyJobName = (typeof PRIVACY_JOB_NAMES)[number];

/** 02:20 UTC: outside the nightly CLV fit (03:30) and most shops' reconciliation (04:30 local). */
export const PRIVACY_RETENTION_CRON = "20 2 * * *";
export const PRIVACY_RETENTION_SCHEDULER_ID = "privacy-retention";

/** A request reaches the merchant's inbox within about a minute; the claim makes overlapping runs harmless. */
export const DATA_REQUEST_NOTICE_EVERY_MS = 60_000;
export const DATA_REQUEST_NOTICE_SCHEDULER_ID = "data-request-notices";

export const privacyJobOptions: JobsOptions = {
  attempts: 3,
  backoff: { type: "exponential", delay: 60_000 },
  removeOnComplete: { count: 100, age: 7 * 24 * 3600 },
  removeOnFail: { count: 1_000, age: 14 * 24 * 3600 },
};

/** Both jobs carry no data: they act on every shop. */
export const privacyJob = defineJob({
  queue: PRIVACY_QUEUE,
  names: PRIVACY_JOB_NAMES,
  schema: z.object({}),
  options: privacyJobOptions,
});

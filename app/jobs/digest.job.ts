import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { defineJob, shopIdSchema } from "./contract";

/** The weekly email digest: one job scheduler per shop, in the shop's time zone. */
export const DIGEST_QUEUE = "digest";

export const digestJobSchema = z.object({
  /** Absent on the "sync-schedules" job, which reconciles every shop's scheduler with its settings. */
  shopId: shopIdSchema.optional(),
  /** ISO instant the digest was due, for jobs added by hand (schedulers carry it in the job options). */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type DigestJob = z.infer<typeof digestJobSchema>;

export const digestSchedulerId = (shopId: number) => `digest-${shopId}`;
export const DIGEST_SCHEDULER_PREFIX = "digest-";

/** Catches installs, uninstalls and settings changes that did not call syncDigestSchedule. */
export const DIGEST_SYNC_SCHEDULER_ID = "digest-schedules-sync";
export const DIGEST_SYNC_CRON = "17 * * * *";

/** Cron fields for "ISO weekday (1 = Monday … 7 = Sunday) at hour:00"; cron counts Sunday as 0. */
export function digestCron(isoWeekday: number, hour: number): string {
  return `0 ${hour} * * ${isoWeekday % 7}`;
}

/**
 * Retries cover a KPI engine that has not recomputed the week yet and SMTP outages (about 2 hours in
 * all); the delivery row, not the queue, keeps them from sending twice.
 */
export const digestJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: "exponential", delay: 60_000 },
  removeOnComplete: { count: 1_000, age: 30 * 24 * 3600 },
  removeOnFail: { count: 1_000, age: 60 * 24 * 3600 },
};

export const digestJob = defineJob({
  queue: DIGEST_QUEUE,
  names: ["digest", "sync-schedules"],
  schema: digestJobSchema,
  options: digestJobOptions,
});

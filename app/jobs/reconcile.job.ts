import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { defineJob, shopIdSchema } from "./contract";

/** Daily repair of missed webhooks, per shop. */
export const RECONCILE_QUEUE = "reconcile";

export const reconcileJobSchema = z.object({ shopId: shopIdSchema });
export type ReconcileJob = z.infer<typeof reconcileJobSchema>;

/** One job scheduler per shop; upserting it again (every finished import) is idempotent. */
export const reconcileSchedulerId = (shopId: number) => `reconcile-${shopId}`;

/** Early morning in the shop's own time zone, when its traffic is lowest. */
export const RECONCILE_CRON = "30 4 * * *";

export const reconcileJobOptions: JobsOptions = {
  attempts: 3,
  backoff: { type: "exponential", delay: 60_000 },
  removeOnComplete: { count: 1_000, age: 7 * 24 * 3600 },
  removeOnFail: { count: 1_000, age: 14 * 24 * 3600 },
};

export const reconcileJob = defineJob({
  queue: RECONCILE_QUEUE,
  names: ["reconcile"],
  schema: reconcileJobSchema,
  options: reconcileJobOptions,
});

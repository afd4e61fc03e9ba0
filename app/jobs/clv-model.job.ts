import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { defineJob, shopIdSchema } from "./contract";

/** The nightly predictive CLV fit: a "nightly" job fans out one "fit" job per installed shop. */
export const CLV_MODEL_QUEUE = "clv-model";

export const clvModelJobSchema = z.object({
  /** Absent on the nightly fan-out job. */
  shopId: shopIdSchema.optional(),
});
export type ClvModelJob = z.infer<typeof clvModelJobSchema>;

/** 03:30 UTC: after most shops' local midnight has passed, so "yesterday" is complete for most of them. */
export const CLV_MODEL_CRON = "30 3 * * *";
export const CLV_MODEL_SCHEDULER_ID = "clv-model-nightly";

export const clvModelJobOptions: JobsOptions = {
  attempts: 3,
  backoff: { type: "exponential", delay: 60_000 },
  removeOnComplete: { count: 1_000, age: 7 * 24 * 3600 },
  removeOnFail: { count: 1_000, age: 14 * 24 * 3600 },
};

export const clvModelJob = defineJob({
  queue: CLV_MODEL_QUEUE,
  names: ["nightly", "fit"],
  schema: clvModelJobSchema,
  options: clvModelJobOptions,
});

/** One fit per shop per day (or per occasion), however often it is asked for. */
export const clvFitJobId = (shopId: number, dayOrOccasion: string) => `clv-${shopId}-${dayOrOccasion}`;

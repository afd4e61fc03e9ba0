import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { defineJob, shopIdSchema } from "./contract";

/**
 * Customer CLV metafields in Shopify (decision 0043): "definitions" creates their definitions (queued on
 * install and reinstall), "sync" writes the changed values after a model run.
 */
export const CLV_METAFIELDS_QUEUE = "clv-metafields";

export const clvMetafieldsJobSchema = z.object({ shopId: shopIdSchema });
export type ClvMetafieldsJob = z.infer<typeof clvMetafieldsJobSchema>;

export const clvMetafieldsJobOptions: JobsOptions = {
  attempts: 3,
  backoff: { type: "exponential", delay: 60_000 },
  removeOnComplete: { count: 1_000, age: 7 * 24 * 3600 },
  removeOnFail: { count: 1_000, age: 14 * 24 * 3600 },
};

export const clvMetafieldsJob = defineJob({
  queue: CLV_METAFIELDS_QUEUE,
  names: ["definitions", "sync"],
  schema: clvMetafieldsJobSchema,
  options: clvMetafieldsJobOptions,
});

/** One job per shop, kind and model run (or install), however often it is asked for. */
export const clvMetafieldsJobId = (shopId: number, name: string, occasion: string) =>
  `clv-metafields-${shopId}-${name}-${occasion}`;

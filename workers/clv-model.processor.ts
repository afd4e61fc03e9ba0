import type { PrismaClient } from "@prisma/client";
import type { Job } from "bullmq";
import type { ClvCompute } from "~/clv/clv-compute";
import { runClvModel } from "~/clv/clv-model.server";
import { log } from "~/logger.server";
import { clvModelJob, type ClvModelJob } from "~/jobs/clv-model.job";
import { parseJobData } from "~/jobs/contract";

export interface ClvModelProcessorDeps {
  prisma: PrismaClient;
  /** Queues the fit of one shop (deduplicated per shop and day). */
  enqueueFit: (shopId: number) => Promise<void>;
  /** After a fit that stored predictions: queues the shop's customer metafield sync. */
  onFitted?: (shopId: number, fittedAt: Date) => Promise<void>;
  /** Where the models are fitted (the worker's CLV thread); in place when unset. */
  compute?: ClvCompute;
}

/** "nightly": queue a fit per installed shop. "fit": fit one shop and store its predictions (idempotent). */
export function createClvModelProcessor({ prisma, enqueueFit, onFitted, compute }: ClvModelProcessorDeps) {
  return async (job: Job<ClvModelJob>) => {
    const { shopId } = parseJobData(clvModelJob, job);
    if (shopId === undefined) {
      const shops = await prisma.shop.findMany({ where: { state: "installed" }, select: { id: true } });
      for (const shop of shops) await enqueueFit(shop.id);
      return { queued: shops.length };
    }
    const fittedAt = new Date();
    const result = await runClvModel(prisma, shopId, { now: fittedAt, compute });
    log.info("clv model fitted", { shopId, ...result });
    if (result.status === "ok") await onFitted?.(shopId, fittedAt);
    return result;
  };
}

import type { PrismaClient } from "@prisma/client";
import type { Job } from "bullmq";
import { applyWebhookEvent } from "~/sync/events/apply-event.server";
import { parseJobData } from "~/jobs/contract";
import { ingestJob, type IngestJob } from "~/jobs/ingest.job";

export interface IngestProcessorDeps {
  prisma: PrismaClient;
  /** Called after an event changed the shop's data (the KPI recompute hooks in here). */
  onShopChanged?: (shopId: number) => Promise<void>;
  /** Gets the history import going when an event says its export finished. */
  wakeBackfill?: (shopId: number, reason: string) => Promise<void>;
}

/** Idempotent: an event already processed (a duplicate job, a retry after a crash) is skipped. */
export function createIngestProcessor({ prisma, onShopChanged, wakeBackfill }: IngestProcessorDeps) {
  return async (job: Job<IngestJob>) => {
    const { shopId, webhookId } = parseJobData(ingestJob, job);
    const outcome = await applyWebhookEvent(prisma, shopId, webhookId, { wakeBackfill });
    if (outcome === "processed") await onShopChanged?.(shopId);
    return outcome;
  };
}

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

/** The job ran before the row it names was visible; it must fail and retry, not complete as done. */
export class InboxRowNotFoundError extends Error {
  override name = "InboxRowNotFoundError";
}

/**
 * Idempotent: an event already processed (a duplicate job, a retry after a crash) is skipped. A job
 * never completes while its event is still waiting: one whose row is missing although its shop exists
 * (enqueued before the row's commit was visible) fails and is retried; a missing shop means the shop
 * was purged, and there is nothing left to do.
 */
export function createIngestProcessor({ prisma, onShopChanged, wakeBackfill }: IngestProcessorDeps) {
  return async (job: Job<IngestJob>) => {
    const { shopId, webhookId } = parseJobData(ingestJob, job);
    const outcome = await applyWebhookEvent(prisma, shopId, webhookId, { wakeBackfill });
    if (outcome === "processed") await onShopChanged?.(shopId);
    if (outcome === "skipped") {
      const row = await prisma.webhookEvent.findUnique({
        where: { shopId_webhookId: { shopId, webhookId } },
        select: { status: true },
      });
      if (!row && (await prisma.shop.count({ where: { id: shopId } })) > 0)
        throw new InboxRowNotFoundError(`inbox row ${shopId}/${webhookId} not found`);
    }
    return outcome;
  };
}

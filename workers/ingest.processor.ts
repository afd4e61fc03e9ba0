import type { PrismaClient } from "@prisma/client";
import type { Job } from "bullmq";
import { applyWebhookEvent } from "../app/ingest/apply-event.server";
import type { IngestJob } from "./ingest.queue";

export interface IngestProcessorDeps {
  prisma: PrismaClient;
  /** Called after an event changed the shop's data (the KPI recompute hooks in here). */
  onShopChanged?: (shopId: number) => Promise<void>;
}

/** Idempotent: an event already processed (a duplicate job, a retry after a crash) is skipped. */
export function createIngestProcessor({ prisma, onShopChanged }: IngestProcessorDeps) {
  return async (job: Job<IngestJob>) => {
    const outcome = await applyWebhookEvent(prisma, job.data.shopId, job.data.webhookId);
    if (outcome === "processed") await onShopChanged?.(job.data.shopId);
    return outcome;
  };
}

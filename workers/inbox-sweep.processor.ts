import type { PrismaClient } from "@prisma/client";
import { log } from "~/logger.server";
import { defaultInboxSweepOptions, type InboxSweepOptions } from "~/jobs/inbox-sweep.job";
import type { IngestJob } from "~/jobs/ingest.job";

/**
 * The database is the inbox: any event stored but not processed gets its ingest job again. Enqueueing
 * twice is harmless (same job id, and processing skips what is done). Returns how many were re-enqueued.
 */
export async function sweepInbox(
  prisma: PrismaClient,
  enqueue: (job: IngestJob) => Promise<void>,
  options: Partial<InboxSweepOptions> = {},
): Promise<number> {
  const { unqueuedAfterMs, stuckAfterMs, batchSize } = { ...defaultInboxSweepOptions, ...options };
  const now = Date.now();
  let total = 0;
  for (;;) {
    const rows = await prisma.$queryRaw<{ shop_id: number; webhook_id: string }[]>`
      SELECT shop_id, webhook_id FROM webhook_event
      WHERE status = 'received'
        AND ((enqueued_at IS NULL AND received_at <= ${new Date(now - unqueuedAfterMs)})
          OR enqueued_at <= ${new Date(now - stuckAfterMs)})
      ORDER BY received_at
      LIMIT ${batchSize}`;
    for (const row of rows) {
      await enqueue({ shopId: row.shop_id, webhookId: row.webhook_id });
      await prisma.webhookEvent.updateMany({
        where: { shopId: row.shop_id, webhookId: row.webhook_id, status: "received" },
        data: { enqueuedAt: new Date() },
      });
    }
    total += rows.length;
    if (rows.length < batchSize) break;
  }
  if (total > 0) log.info("inbox sweep re-enqueued events", { count: total });
  return total;
}

export function createInboxSweepProcessor(prisma: PrismaClient, enqueue: (job: IngestJob) => Promise<void>) {
  return async () => ({ requeued: await sweepInbox(prisma, enqueue) });
}

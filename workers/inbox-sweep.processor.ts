import type { PrismaClient } from "@prisma/client";
import { defaultInboxSweepOptions, type InboxSweepOptions } from "~/jobs/inbox-sweep.job";
import { MAX_INGEST_REDRIVES, type IngestJob } from "~/jobs/ingest.job";
import type { IngestJobStatus, Queues } from "~/jobs/producer.server";
import { log } from "~/logger.server";
import { markInboxEventFailed } from "~/webhooks/inbox-state.server";

/** What the sweeper needs of the producer: an event's job state, and a way to add its job again. */
export type SweepQueues = Pick<Queues, "ingestJobStatus" | "redriveIngest">;

export interface SweepResult {
  /** Waiting events whose job was never added (the backend was down at intake) and now is. */
  enqueued: number;
  /** Events whose job failed, stalled out or vanished, added again under a fresh job id. */
  redriven: number;
  /** Events given up on after MAX_INGEST_REDRIVES re-drives, now `failed` with the reason. */
  failed: number;
  /** Events whose job is still waiting, delayed or running: left alone. */
  inQueue: number;
}

// States in which the job will still run (or is running): the event needs nothing from the sweeper.
const LIVE_STATES = new Set(["waiting", "active", "delayed", "prioritized", "waiting-children"]);

interface WaitingRow {
  shop_id: number;
  webhook_id: string;
  enqueued_at: Date | null;
  redrives: number;
}

/**
 * The database is the inbox: every event still `received` a while after it arrived is checked against
 * its job in the queue. A job still to run is left alone. A job that is gone or finished (failed after
 * its attempts, failed by the stall check after its worker died twice, lost with a flushed Redis) is
 * added again under a fresh id, since adding the old id is a no-op while the finished job is kept. After
 * MAX_INGEST_REDRIVES re-drives the event is marked failed with the last reason, so nothing stays
 * `received` for ever.
 */
export async function sweepInbox(
  prisma: PrismaClient,
  queues: SweepQueues,
  options: Partial<InboxSweepOptions> = {},
): Promise<SweepResult> {
  const { unqueuedAfterMs, stuckAfterMs, batchSize, maxChecksPerSweep } = {
    ...defaultInboxSweepOptions,
    ...options,
  };
  const now = Date.now();
  const result: SweepResult = { enqueued: 0, redriven: 0, failed: 0, inQueue: 0 };
  let checked = 0;
  while (checked < maxChecksPerSweep) {
    // Each checked row gets a fresh enqueued_at, so it leaves this selection until it is due again.
    const rows = await prisma.$queryRaw<WaitingRow[]>`
      SELECT shop_id, webhook_id, enqueued_at, redrives FROM webhook_event
      WHERE status = 'received'
        AND ((enqueued_at IS NULL AND received_at <= ${new Date(now - unqueuedAfterMs)})
          OR enqueued_at <= ${new Date(now - stuckAfterMs)})
      ORDER BY received_at
      LIMIT ${Math.min(batchSize, maxChecksPerSweep - checked)}`;
    for (const row of rows) {
      const outcome = await sweepOne(prisma, queues, row);
      if (outcome !== "skipped") result[outcome] += 1;
    }
    checked += rows.length;
    if (rows.length < batchSize) break;
  }
  if (result.enqueued + result.redriven + result.failed > 0) log.info("inbox sweep", { ...result });
  return result;
}

async function sweepOne(
  prisma: PrismaClient,
  queues: SweepQueues,
  row: WaitingRow,
): Promise<keyof SweepResult | "skipped"> {
  const job: IngestJob = { shopId: row.shop_id, webhookId: row.webhook_id };
  const current = { shopId: row.shop_id, webhookId: row.webhook_id, status: "received" as const };
  const status = await queues.ingestJobStatus(job, row.redrives);
  if (LIVE_STATES.has(status.state)) {
    await prisma.webhookEvent.updateMany({
      where: { ...current, redrives: row.redrives },
      data: { enqueuedAt: new Date() },
    });
    return "inQueue";
  }
  if (status.state === "unknown" && row.enqueued_at === null && row.redrives === 0) {
    // Never handed to the queue: this is its first enqueue, not a re-drive.
    await queues.redriveIngest(job, 0);
    await prisma.webhookEvent.updateMany({ where: current, data: { enqueuedAt: new Date() } });
    return "enqueued";
  }
  const reason = lastFailure(status);
  if (row.redrives >= MAX_INGEST_REDRIVES) {
    const failure = `ingest gave up after ${row.redrives} re-drives; last failure: ${reason}`;
    if (!(await markInboxEventFailed(prisma, row.shop_id, row.webhook_id, failure))) return "skipped";
    log.error("inbox event failed for good", { shopId: row.shop_id, webhookId: row.webhook_id, reason });
    return "failed";
  }
  // Added before the count moves on: if the add fails, the next sweep finds the same job and tries again.
  await queues.redriveIngest(job, row.redrives + 1);
  const claimed = await prisma.webhookEvent.updateMany({
    where: { ...current, redrives: row.redrives },
    data: { redrives: row.redrives + 1, enqueuedAt: new Date(), error: reason },
  });
  if (claimed.count === 0) return "skipped"; // processed meanwhile, or another sweep got there first
  log.warn("inbox event re-driven", {
    shopId: row.shop_id,
    webhookId: row.webhook_id,
    redrive: row.redrives + 1,
    reason,
  });
  return "redriven";
}

function lastFailure(status: IngestJobStatus): string {
  if (status.state === "failed") return status.failedReason ?? "ingest job failed";
  if (status.state === "completed") return "ingest job completed without processing the event";
  return "ingest job missing from the queue";
}

export function createInboxSweepProcessor(
  prisma: PrismaClient,
  queues: SweepQueues,
  options: Partial<InboxSweepOptions> = {},
) {
  return async () => sweepInbox(prisma, queues, options);
}
